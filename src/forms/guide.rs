//! The guide sheet "Anleitung": what to fill, the scales, "weiß nicht" and
//! blank cells, data protection and where the file goes.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::GUIDE_SHEET;
use super::layout::{destination, dimension_label};
use super::style::{Formats, wrapped_height};
use crate::catalog::{Catalog, Scale};
use crate::ingest::schema::FormKind;
use crate::model::MunicipalityKind;

/// Width of the guide's single column (characters); fits a portrait page.
const WIDTH: f64 = 80.0;

/// One line of the guide, by its role.
enum Line {
    Title(String),
    Notice(String),
    Heading(String),
    Text(String),
    Gap,
}

/// Writes the guide sheet of a form kind; `note` marks synthetic data.
pub(super) fn guide_sheet(
    kind: FormKind,
    catalog: &Catalog,
    note: Option<&str>,
    formats: &Formats,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(GUIDE_SHEET)?;
    sheet.set_column_width(0, WIDTH)?;
    for (row, line) in lines(kind, catalog, note).iter().enumerate() {
        let row = row as u32;
        match line {
            Line::Title(text) => {
                sheet.write_string_with_format(row, 0, text, &formats.title)?.set_row_height(row, 24)?
            }
            Line::Notice(text) => {
                sheet.write_string_with_format(row, 0, text, &formats.notice)?;
                sheet.set_row_height(row, wrapped_height(text, WIDTH))?
            }
            Line::Heading(text) => sheet.write_string_with_format(row, 0, text, &formats.heading)?,
            Line::Text(text) => {
                sheet.write_string_with_format(row, 0, text, &formats.text)?;
                sheet.set_row_height(row, wrapped_height(text, WIDTH))?
            }
            Line::Gap => continue,
        };
    }
    // One page wide, as many pages tall as needed.
    sheet.set_print_fit_to_pages(1, 0);
    sheet.protect();
    Ok(sheet)
}

fn lines(kind: FormKind, catalog: &Catalog, note: Option<&str>) -> Vec<Line> {
    let mut out = vec![Line::Title(format!("Formular {} – Anleitung", kind.label()))];
    if let Some(note) = note {
        out.push(Line::Notice(format!(
            "{note}: Alle Kommunen, Personen und Angaben in dieser Datei sind erfunden und dienen nur zur Erprobung."
        )));
    }
    out.push(Line::Gap);
    out.push(Line::Heading("Wofür ist dieses Formular?".into()));
    out.push(Line::Text(purpose(kind).to_string()));
    out.push(Line::Gap);
    out.push(Line::Heading("So füllen Sie es aus".into()));
    out.extend(steps(kind).into_iter().map(Line::Text));
    out.extend(kind_details(kind, catalog));
    if !scales_of(kind, catalog).is_empty() {
        out.push(Line::Gap);
        out.push(Line::Heading("Antwortskalen".into()));
        for scale in scales_of(kind, catalog) {
            out.push(Line::Text(scale_text(scale)));
        }
        out.push(Line::Gap);
        out.push(Line::Heading("„weiß nicht“ und leere Zellen".into()));
        out.push(Line::Text(DONT_KNOW.to_string()));
    }
    out.push(Line::Gap);
    out.push(Line::Heading("Datenschutz".into()));
    let privacy = match kind {
        FormKind::Fragebogen => PRIVACY_PERSON,
        FormKind::Standards => PRIVACY_STANDARDS,
        _ => PRIVACY,
    };
    out.push(Line::Text(privacy.to_string()));
    out.push(Line::Gap);
    out.push(Line::Heading("Wohin mit der Datei?".into()));
    out.push(Line::Text(format!("Speichern Sie die ausgefüllte Datei unter {}.", destination(kind))));
    out.push(Line::Text(WHERE.to_string()));
    out
}

const DONT_KNOW: &str = "„weiß nicht“ (oder „keine Angabe“) bedeutet: Die Person kann die Aussage nicht einschätzen. \
Diese Antwort wird gezählt und gesondert ausgewiesen, geht aber nie in Mittelwerte oder Anteile ein. Eine leere \
Zelle bedeutet: keine Antwort; sie zählt gar nicht. Statt der Bezeichnung dürfen Sie auch die Zahl der Stufe \
eintragen (z. B. 6 statt „stimme voll zu“).";

const PRIVACY: &str = "Tragen Sie keine Namen von Befragten oder Teilnehmenden ein; nutzen Sie in der Spalte \
„Person“ eine laufende Nummer oder ein Kürzel. Freitext (Anmerkung, Kommentar) gilt als personenbezogen und wird \
in Berichten standardmäßig nicht gedruckt. Zahlen werden erst ab einer Mindestzahl von Angaben gezeigt (Standard: \
5, nie weniger als 3); kleinere Gruppen werden ausgeblendet. qdfh arbeitet vollständig auf Ihrem Rechner: Die \
Daten werden nirgendwohin gesendet. Bewahren Sie ausgefüllte Formulare so auf wie andere vertrauliche \
Unterlagen.";

const PRIVACY_PERSON: &str = "Ihr Name steht nirgends im Fragebogen, und bitte schreiben Sie auch in die \
Anmerkung keine Namen. Ausgewertet werden nur die Angaben aller Befragten einer Kommune zusammen, erst ab einer \
Mindestzahl von Antworten (Standard: 5); kleinere Gruppen werden ausgeblendet. Freitext wird in Berichten \
standardmäßig nicht gedruckt. qdfh arbeitet vollständig auf dem Rechner der Koordinierungsstelle.";

const PRIVACY_STANDARDS: &str = "Das Formular enthält keine Angaben zu Personen. Die Bewertungen beschreiben \
die Strukturen der Kommune; sie werden in Berichten vollständig gezeigt, ohne Mindestzahl. qdfh arbeitet \
vollständig auf Ihrem Rechner.";

const WHERE: &str = "Der Dateiname ist frei wählbar; maßgeblich ist das Blatt „Info“. Das Jahr steht zweimal – \
im Ordnernamen und in „Info › Jahr“ – und beide müssen übereinstimmen. Prüfen Sie die Eingaben danach mit \
„qdfh check“: Fehler werden mit Datei, Blatt und Zelle gemeldet.";

fn purpose(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Stammdaten => {
            "Die Stammdaten listen alle Kommunen, für die Berichte erstellt werden: eine Zeile je Kommune. Die ID \
             ist kurz und eindeutig (z. B. auenfeld); sie wird in allen anderen Formularen im Blatt „Info“ \
             eingetragen und sollte sich später nicht mehr ändern."
        }
        FormKind::Befragung => {
            "Gesamteinschätzung eines Netzwerks Frühe Hilfen: Die Akteure schätzen jedes Entwicklungsziel des \
             Qualitätsrahmens ein und geben je Qualitätsdimension den Entwicklungsbedarf an. Eine Datei je \
             Kommune und Jahr, eine Zeile je befragter Person."
        }
        FormKind::Werkstatt => {
            "Ergebnisse einer Qualitätsentwicklungswerkstatt einer Kommune oder eines Clusters. Jedes Datenblatt \
             ist optional: Füllen Sie die Blätter aus, mit denen Sie in der Werkstatt gearbeitet haben; \
             mindestens eines muss Zeilen enthalten."
        }
        FormKind::Kennzahlen => {
            "Kennzahlen aller Kommunen für ein Jahr: eine Zeile je Kommune, Zahlen ab 0. Lassen Sie eine Zelle \
             leer, wenn der Wert nicht bekannt ist."
        }
        FormKind::Fragebogen => {
            "Ihre persönliche Einschätzung des Netzwerks Frühe Hilfen (Gesamteinschätzung): Sie schätzen jedes \
             Entwicklungsziel des Qualitätsrahmens ein und geben je Qualitätsdimension den Entwicklungsbedarf an. \
             Ein Fragebogen je Person; die Fragebögen einer Kommune werden gemeinsam ausgewertet."
        }
        FormKind::Standards => {
            "Selbsteinschätzung einer Kommune zu den Qualitätsstandards der Landeskoordinierungsstelle: Jeder \
             Standard ist eine Mindestvoraussetzung oder ein Schritt darüber hinaus („das Mehr“). Eine Datei je \
             Kommune und Jahr; jeder Standard wird bewertet."
        }
    }
}

fn steps(kind: FormKind) -> Vec<String> {
    let info = match kind {
        FormKind::Stammdaten => "1. Blatt „Info“: nichts zu tun.",
        FormKind::Befragung => "1. Blatt „Info“: Kommune (ID aus den Stammdaten) und Jahr eintragen.",
        FormKind::Werkstatt => {
            "1. Blatt „Info“: Kommune (ID aus den Stammdaten) oder – bei einer Cluster-Werkstatt – den Cluster, \
             dazu Jahr und Datum eintragen."
        }
        FormKind::Kennzahlen => "1. Blatt „Info“: Jahr eintragen.",
        FormKind::Fragebogen => {
            "1. Blatt „Info“: Kommune und Jahr sind meist schon eingetragen; sonst die ID der Kommune aus den \
             Stammdaten und das Jahr eintragen."
        }
        FormKind::Standards => "1. Blatt „Info“: Kommune (ID aus den Stammdaten) und Jahr eintragen.",
    };
    if kind == FormKind::Standards {
        return vec![
            info.to_string(),
            "2. Blatt „Standards“: Wählen Sie in Spalte C je Standard eine Bewertung aus der Liste: erfüllt, \
             teilweise, nicht erfüllt oder nicht zutreffend. Spalten A und B sind geschützt, weil qdfh die \
             Standards an ihrer Nummer in Spalte A erkennt."
                .to_string(),
            "3. Jeder Standard braucht eine Bewertung. „nicht zutreffend“ zählt in den Berichten nicht mit."
                .to_string(),
        ];
    }
    if kind == FormKind::Fragebogen {
        return vec![
            info.to_string(),
            "2. Blatt „Fragebogen“: Wählen Sie in Spalte C („Ihre Antwort“) je Zeile eine Antwort aus der \
             Liste. Spalten A und B sind geschützt, weil qdfh die Fragen an Spalte A erkennt."
                .to_string(),
            "3. Können Sie eine Aussage nicht einschätzen, wählen Sie „weiß nicht“. Funktion und Anmerkung sind \
             freiwillig."
                .to_string(),
        ];
    }
    vec![
        info.to_string(),
        "2. Datenblätter: eine Zeile je Eintrag, ab Zeile 2. Die Kopfzeile ist geschützt und darf nicht \
         geändert werden, weil qdfh die Spalten an ihren Überschriften erkennt."
            .to_string(),
        "3. Wo eine Auswahlliste angeboten wird, wählen Sie einen Eintrag aus der Liste. Beim Anklicken einer \
         Zelle erscheint ein Hinweis, was dort erwartet wird."
            .to_string(),
    ]
}

fn kind_details(kind: FormKind, catalog: &Catalog) -> Vec<Line> {
    match kind {
        FormKind::Stammdaten => stammdaten_details(catalog),
        FormKind::Befragung => befragung_details(catalog),
        FormKind::Werkstatt => werkstatt_details(),
        FormKind::Fragebogen | FormKind::Standards => vec![],
        FormKind::Kennzahlen => {
            let mut lines: Vec<Line> = catalog
                .material
                .key_figures
                .iter()
                .map(|f| Line::Text(format!("• {} ({})", f.name, f.einheit)))
                .collect();
            lines.push(Line::Text(
                "• Spalten „Zielwert …“ (freiwillig): der Wert, den die Kommune für die Kennzahl in diesem Jahr \
                 anstrebt. Das Handout zeigt ihn neben dem erreichten Wert."
                    .to_string(),
            ));
            lines
        }
    }
}

fn stammdaten_details(catalog: &Catalog) -> Vec<Line> {
    let kinds: Vec<&str> = MunicipalityKind::ALL.iter().map(|k| k.label()).collect();
    let dims: Vec<String> = catalog.framework.dimensions.iter().map(dimension_label).collect();
    vec![
        Line::Text(format!("• Typ: {}.", kinds.join(", "))),
        Line::Text("• Cluster: Name des Clusters, dem die Kommune angehört (z. B. A).".to_string()),
        Line::Text("• Schwerpunkte: gewählte Qualitätsdimensionen, mit Komma getrennt (z. B. QD3, QD2).".to_string()),
        Line::Text(format!("  Dimensionen: {}.", dims.join("; "))),
    ]
}

fn befragung_details(catalog: &Catalog) -> Vec<Line> {
    let mut out = vec![
        Line::Text(
            "• Sektor und Ebene (strategisch / operativ) aus der Liste wählen; Funktion frei eintragen.".to_string(),
        ),
        Line::Text(
            "• Je Entwicklungsziel eine Antwort auf der Zustimmungsskala, je Dimension eine Angabe zum \
             Entwicklungsbedarf. Den vollständigen Text eines Ziels zeigt die Zelle beim Anklicken; alle Ziele \
             stehen auch unten."
                .to_string(),
        ),
        Line::Gap,
        Line::Heading("Die Entwicklungsziele".into()),
    ];
    for dimension in &catalog.framework.dimensions {
        out.push(Line::Heading(dimension_label(dimension)));
        for goal in dimension.topics.iter().flat_map(|t| &t.goals) {
            out.push(Line::Text(format!("    {} {}: {}", goal.id, goal.kurz, goal.text)));
        }
    }
    out
}

fn werkstatt_details() -> Vec<Line> {
    [
        "• Teilnahme: eine Zeile je teilnehmender Institution bzw. Person, mit Sektor und Funktion.",
        "• Polaritätsprofil: eine Zeile je Person; je Gegensatzpaar die Position zwischen linkem und rechtem Pol.",
        "• Erfolgsfaktoren: eine Zeile je Person; je Faktor der Stand der Umsetzung und die Wichtigkeit.",
        "• Punktabfrage: eine Zeile je Dimension oder Thema (z. B. QD3 oder 3b) mit der Zahl der Punkte.",
        "• Maßnahmen: eine Zeile je Maßnahme mit Ziel, Dimension, Verantwortlichen, Termin und Status.",
        "• Rückmeldung: eine Zeile je Rückmeldebogen mit der Zufriedenheit.",
        "• Spalte „Kommune“: nur bei einer Cluster-Werkstatt ausfüllen (ID der Kommune, zu der die Zeile gehört).",
    ]
    .into_iter()
    .map(|text| Line::Text(text.to_string()))
    .collect()
}

/// The scales a kind of form uses, in sheet order, without repeats.
fn scales_of(kind: FormKind, catalog: &Catalog) -> Vec<&Scale> {
    let usage = &catalog.scales.verwendung;
    let ids: Vec<&String> = match kind {
        FormKind::Befragung | FormKind::Fragebogen => vec![&usage.befragung, &usage.bedarf],
        FormKind::Werkstatt => {
            vec![&usage.polaritaet, &usage.erfolgsfaktor_stand, &usage.erfolgsfaktor_wichtigkeit, &usage.rueckmeldung]
        }
        FormKind::Stammdaten | FormKind::Kennzahlen | FormKind::Standards => vec![],
    };
    let mut scales: Vec<&Scale> = Vec::new();
    for id in ids {
        let scale = catalog.scale(id);
        if !scales.iter().any(|s| s.id == scale.id) {
            scales.push(scale);
        }
    }
    scales
}

fn scale_text(scale: &Scale) -> String {
    let steps: Vec<String> = scale.steps.iter().map(|s| format!("{} = {}", s.wert, s.label)).collect();
    format!("• {}: {}; außerdem „{}“.", scale.name, steps.join(", "), scale.dont_know_label())
}
