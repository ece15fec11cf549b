//! The sheets of the summary workbook.

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, XlsxError};

use super::SummaryContext;
use super::table::{DynCol, Value, col, color_scale, cols, write_table};
use crate::analysis::suppress::{Gate, Tally};
use crate::analysis::workshop::WorkshopResult;
use crate::analysis::{KeyFigureRow, MunicipalityReport, YearReport};
use crate::catalog::Direction;

/// A value that is hidden, absent or shown.
fn gated<T>(gate: &Gate<T>, f: impl Fn(&T) -> Value) -> Value {
    match gate {
        Gate::Shown(v) => f(v),
        Gate::TooFew => Value::Hidden,
        Gate::NoData => Value::Empty,
    }
}

/// A count of people as the rule for small counts allows.
fn tallied(tally: Tally) -> Value {
    match tally {
        Tally::Exact(n) => Value::Int(n as i64),
        other => Value::text(crate::format::de_tally(other)),
    }
}

fn status_text<T>(gate: &Gate<T>) -> Value {
    Value::text(match gate {
        Gate::Shown(_) => "gezeigt",
        Gate::TooFew => "zu wenige Angaben",
        Gate::NoData => "keine Angaben",
    })
}

/// One row per municipality with a workshop and per item of `items`.
fn workshop_rows<'a, T: 'a>(
    report: &'a YearReport,
    items: impl Fn(&'a WorkshopResult) -> &'a [T],
    row: impl Fn(&'a MunicipalityReport, &'a T) -> Vec<Value>,
) -> Vec<Vec<Value>> {
    report
        .municipalities
        .iter()
        .filter_map(|m| m.workshop.as_ref().map(|ws| (m, ws)))
        .flat_map(|(m, ws)| items(ws).iter().map(move |item| (m, item)))
        .map(|(m, item)| row(m, item))
        .collect()
}

/// Übersicht: municipality × dimension means, n beside, colour scale, chart.
pub fn overview(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let dims = &report.state.dimensions;
    let mut columns = cols(&[col("ID", 14.0), col("Kommune", 28.0), col("Cluster", 10.0), col("Befragte", 10.0)]);
    columns.extend(dims.iter().map(|d| DynCol { header: d.label.clone(), width: 12.0 }));
    columns.extend(dims.iter().map(|d| DynCol { header: format!("n {}", d.id), width: 8.0 }));
    let mut rows: Vec<Vec<Value>> = report
        .state
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut row =
                vec![Value::text(&m.id), Value::text(&m.name), Value::text(&m.cluster), tallied(m.respondents)];
            row.extend(dims.iter().map(|d| gated(&d.cells[i].score, |s| Value::Dec(s.mean))));
            // No survey counts as 0 answers here, not as an empty cell.
            row.extend(dims.iter().map(|d| match &d.cells[i].score {
                Gate::TooFew => Value::Hidden,
                score => Value::Int(score.shown().map_or(0, |s| s.n) as i64),
            }));
            row
        })
        .collect();
    let mut total = vec![Value::text("Land"), Value::text("Mittelwert der Kommunen"), Value::Empty, Value::Empty];
    total.extend(dims.iter().map(|d| Value::dec(d.mean)));
    total.extend(dims.iter().map(|_| Value::Empty));
    rows.push(total);
    let last = rows.len() as u32;
    let first_dim = 4u16;
    let last_dim = first_dim + dims.len() as u16 - 1;
    let sheet = write_table(workbook, "Übersicht", &columns, &rows)?;
    color_scale(sheet, (1, last - 1), (first_dim, last_dim))?;
    let mut chart = Chart::new(ChartType::Bar);
    chart.add_series().set_name("Landesmittel").set_categories(("Übersicht", 0, first_dim, 0, last_dim)).set_values((
        "Übersicht",
        last,
        first_dim,
        last,
        last_dim,
    ));
    chart.title().set_name("Mittelwerte der Dimensionen im Land");
    chart.set_width(720).set_height(420);
    sheet.insert_chart(last + 3, 1, &chart)?;
    Ok(())
}

/// Aussagen: one row per municipality × goal with every statistic.
pub fn statements(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let columns = cols(&[
        col("ID", 14.0),
        col("Kommune", 26.0),
        col("Cluster", 9.0),
        col("Dimension", 26.0),
        col("Ziel-Nr.", 8.0),
        col("Entwicklungsziel", 50.0),
        col("Status", 16.0),
        col("n", 6.0),
        col("Mittelwert", 10.0),
        col("SD", 8.0),
        col("Median", 8.0),
        col("Top-2", 8.0),
        col("weiß nicht", 10.0),
        col("leer", 8.0),
        col("Cluster-MW", 10.0),
        col("Land-MW", 10.0),
        col("Vorjahr", 10.0),
        col("Veränderung", 11.0),
    ]);
    let mut rows = Vec::new();
    for m in &report.municipalities {
        let Some(survey) = &m.survey else { continue };
        for d in &survey.dimensions {
            for g in &d.goals {
                rows.push(vec![
                    Value::text(&m.id),
                    Value::text(&m.name),
                    Value::text(&m.cluster),
                    Value::text(crate::catalog::dimension_label(d.number, &d.name)),
                    Value::text(&g.id),
                    Value::text(&g.text),
                    status_text(&g.stats),
                    gated(&g.stats, |s| Value::Int(s.n as i64)),
                    gated(&g.stats, |s| Value::Dec(s.mean)),
                    gated(&g.stats, |s| Value::dec(s.sd)),
                    gated(&g.stats, |s| Value::Dec(s.median)),
                    gated(&g.stats, |s| Value::Pct(s.top_share)),
                    gated(&g.stats, |s| Value::Pct(s.dont_know_share)),
                    gated(&g.stats, |s| Value::Pct(s.blank_share)),
                    Value::dec(g.refs.cluster),
                    Value::dec(g.refs.state),
                    Value::dec(g.refs.previous),
                    Value::dec(g.refs.change),
                ]);
            }
        }
    }
    write_table(workbook, "Aussagen", &columns, &rows).map(|_| ())
}

/// Cluster: cluster × dimension means of the shown member means.
pub fn clusters(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let mut columns = cols(&[col("Cluster", 10.0), col("Kommunen", 50.0)]);
    columns.extend(report.state.dimensions.iter().map(|d| DynCol { header: d.label.clone(), width: 12.0 }));
    let rows: Vec<Vec<Value>> = report
        .clusters
        .iter()
        .map(|c| {
            let names: Vec<&str> = c.members.iter().map(|m| m.name.as_str()).collect();
            let mut row = vec![Value::text(&c.name), Value::text(names.join(", "))];
            row.extend(c.dimensions.iter().map(|d| Value::dec(d.mean)));
            row
        })
        .collect();
    let n = rows.len() as u32;
    let sheet = write_table(workbook, "Cluster", &columns, &rows)?;
    color_scale(sheet, (1, n.max(1)), (2, 1 + report.state.dimensions.len() as u16))
}

/// Polaritätsprofil: municipality × pair.
pub fn polarity(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let columns = cols(&[
        col("ID", 14.0),
        col("Kommune", 26.0),
        col("Paar", 6.0),
        col("linker Pol", 28.0),
        col("rechter Pol", 28.0),
        col("n", 6.0),
        col("Mittelwert", 10.0),
        col("SD", 8.0),
        col("Cluster-MW", 10.0),
    ]);
    let rows = workshop_rows(
        report,
        |ws| &ws.polarity,
        |m, p| {
            vec![
                Value::text(&m.id),
                Value::text(&m.name),
                Value::text(&p.id),
                Value::text(&p.left),
                Value::text(&p.right),
                gated(&p.stats, |s| Value::Int(s.n as i64)),
                gated(&p.stats, |s| Value::Dec(s.mean)),
                gated(&p.stats, |s| Value::dec(s.sd)),
                Value::dec(p.cluster_mean),
            ]
        },
    );
    write_table(workbook, "Polaritätsprofil", &columns, &rows).map(|_| ())
}

/// Erfolgsfaktoren: municipality × factor.
pub fn factors(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let columns = cols(&[
        col("ID", 14.0),
        col("Kommune", 26.0),
        col("Erfolgsfaktor", 36.0),
        col("n", 6.0),
        col("Stand MW", 10.0),
        col("erfüllt (Top-2)", 14.0),
        col("Wichtigkeit MW", 14.0),
        col("wichtig (Top-2)", 14.0),
    ]);
    let rows = workshop_rows(
        report,
        |ws| &ws.factors,
        |m, f| {
            vec![
                Value::text(&m.id),
                Value::text(&m.name),
                Value::text(&f.text),
                gated(&f.state, |s| Value::Int(s.n as i64)),
                gated(&f.state, |s| Value::Dec(s.mean)),
                gated(&f.state, |s| Value::Pct(s.top_share)),
                gated(&f.importance, |s| Value::Dec(s.mean)),
                gated(&f.importance, |s| Value::Pct(s.top_share)),
            ]
        },
    );
    write_table(workbook, "Erfolgsfaktoren", &columns, &rows).map(|_| ())
}

/// Beteiligung: workshop attendance by area.
pub fn attendance(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let areas: Vec<String> = report
        .municipalities
        .iter()
        .find_map(|m| m.workshop.as_ref())
        .map(|w| w.attendance_by_area.iter().map(|a| a.name.clone()).collect())
        .unwrap_or_default();
    let mut columns = cols(&[col("ID", 14.0), col("Kommune", 26.0), col("Teilnehmende", 13.0)]);
    columns.extend(areas.iter().map(|a| DynCol { header: a.clone(), width: 16.0 }));
    columns.push(DynCol { header: "nicht vertreten".into(), width: 36.0 });
    let rows: Vec<Vec<Value>> = report
        .municipalities
        .iter()
        .filter_map(|m| m.workshop.as_ref().map(|w| (m, w)))
        .map(|(m, w)| {
            let mut row = vec![Value::text(&m.id), Value::text(&m.name), tallied(w.participant_count)];
            row.extend(w.attendance_by_area.iter().map(|a| tallied(a.count)));
            row.push(Value::text(w.missing_areas.join(", ")));
            row
        })
        .collect();
    write_table(workbook, "Beteiligung", &columns, &rows).map(|_| ())
}

/// Rückmeldung: satisfaction with the workshop per municipality, gated
/// like every other figure.
pub fn feedback(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let columns = cols(&[
        col("ID", 14.0),
        col("Kommune", 26.0),
        col("Rückmeldebögen", 15.0),
        col("Zufriedenheit MW", 16.0),
        col("zufrieden (Top-2)", 16.0),
        col("Status", 18.0),
    ]);
    let rows: Vec<Vec<Value>> = report
        .municipalities
        .iter()
        .filter_map(|m| m.workshop.as_ref().map(|w| (m, w)))
        .map(|(m, w)| {
            vec![
                Value::text(&m.id),
                Value::text(&m.name),
                gated(&w.feedback, |s| Value::Int(s.n as i64)),
                gated(&w.feedback, |s| Value::Dec(s.mean)),
                gated(&w.feedback, |s| Value::Pct(s.top_share)),
                status_text(&w.feedback),
            ]
        })
        .collect();
    write_table(workbook, "Rückmeldung", &columns, &rows).map(|_| ())
}

/// Kennzahlen with change since last year.
pub fn key_figures(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let columns = cols(&[
        col("ID", 14.0),
        col("Kommune", 26.0),
        col("Kennzahl", 36.0),
        col("Einheit", 9.0),
        col("Wert", 10.0),
        col("Vorjahr", 10.0),
        col("Veränderung", 11.0),
    ]);
    let rows: Vec<Vec<Value>> = report
        .municipalities
        .iter()
        .flat_map(|m| m.key_figures.iter().filter(|k| k.value.is_some() || k.previous.is_some()).map(move |k| (m, k)))
        .map(|(m, k)| {
            vec![
                Value::text(&m.id),
                Value::text(&m.name),
                Value::text(&k.name),
                Value::text(&k.unit),
                Value::dec(k.value),
                Value::dec(k.previous),
                Value::dec(k.change),
            ]
        })
        .collect();
    write_table(workbook, "Kennzahlen", &columns, &rows).map(|_| ())
}

/// Kennzahlen-Verlauf: one row per municipality, indicator and year of the
/// inputs up to the report year, with the indicator's direction and
/// dimension and, in the report year, the municipality's target.
pub fn key_figure_series(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let columns = cols(&[
        col("ID", 14.0),
        col("Kommune", 26.0),
        col("Kennzahl", 36.0),
        col("Einheit", 9.0),
        col("Richtung", 16.0),
        col("Dimension", 24.0),
        col("Jahr", 7.0),
        col("Wert", 10.0),
        col("Zielwert", 10.0),
        col("Ziel erreicht", 12.0),
    ]);
    let direction = |k: &KeyFigureRow| match k.direction {
        Direction::HoeherBesser => "höher ist besser",
        Direction::NiedrigerBesser => "niedriger ist besser",
        Direction::Neutral => "",
    };
    let rows: Vec<Vec<Value>> = report
        .municipalities
        .iter()
        .flat_map(|m| m.key_figures.iter().map(move |k| (m, k)))
        .flat_map(|(m, k)| k.series.iter().filter(|s| s.value.is_some()).map(move |s| (m, k, s)))
        .map(|(m, k, s)| {
            let now = s.year == m.year;
            let reached = match k.on_target.filter(|_| now) {
                Some(true) => "ja",
                Some(false) => "nein",
                None => "",
            };
            vec![
                Value::text(&m.id),
                Value::text(&m.name),
                Value::text(&k.name),
                Value::text(&k.unit),
                Value::text(direction(k)),
                Value::text(k.dimension.as_deref().unwrap_or_default()),
                Value::Int(i64::from(s.year)),
                Value::dec(s.value),
                Value::dec(k.target.filter(|_| now)),
                Value::text(reached),
            ]
        })
        .collect();
    write_table(workbook, "Kennzahlen-Verlauf", &columns, &rows).map(|_| ())
}

/// Maßnahmen: every action row; overdue rows highlighted.
pub fn actions(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let columns = cols(&[
        col("ID", 14.0),
        col("Kommune", 24.0),
        col("Dimension", 24.0),
        col("Ziel", 34.0),
        col("Maßnahme", 40.0),
        col("verantwortlich", 20.0),
        col("Beteiligte", 24.0),
        col("Beginn", 11.0),
        col("Termin", 11.0),
        col("Status", 13.0),
        col("überfällig", 10.0),
        col("Indikator", 34.0),
    ]);
    let mut overdue_rows = Vec::new();
    let mut rows = Vec::new();
    for m in &report.municipalities {
        let Some(ws) = &m.workshop else { continue };
        for a in &ws.actions {
            if a.overdue {
                overdue_rows.push(rows.len() as u32 + 1);
            }
            rows.push(vec![
                Value::text(&m.id),
                Value::text(&m.name),
                Value::text(&a.dimension_label),
                Value::text(&a.goal),
                Value::text(&a.measure),
                Value::text(&a.responsible),
                Value::text(&a.involved),
                a.start.map_or(Value::Empty, Value::Date),
                a.due.map_or(Value::Empty, Value::Date),
                Value::text(&a.status_name),
                Value::text(if a.overdue { "ja" } else { "nein" }),
                Value::text(&a.indicator),
            ]);
        }
    }
    let sheet = write_table(workbook, "Maßnahmen", &columns, &rows)?;
    let highlight = Format::new().set_background_color(rust_xlsxwriter::Color::RGB(0xFCE4D6)).set_bold();
    for row in overdue_rows {
        sheet.write_string_with_format(row, 10, "ja", &highlight)?;
    }
    Ok(())
}

/// Prüfbericht: every finding from reading the inputs.
pub fn check_report(workbook: &mut Workbook, diagnostics: &crate::diagnostics::Diagnostics) -> Result<(), XlsxError> {
    let columns =
        cols(&[col("Art", 10.0), col("Datei", 40.0), col("Blatt", 18.0), col("Zelle", 8.0), col("Meldung", 90.0)]);
    let rows: Vec<Vec<Value>> = diagnostics
        .items
        .iter()
        .map(|d| {
            vec![
                Value::text(d.severity.label()),
                Value::text(d.file.display().to_string()),
                Value::text(d.sheet.clone().unwrap_or_default()),
                Value::text(d.cell.map(|c| c.to_string()).unwrap_or_default()),
                Value::text(&d.message),
            ]
        })
        .collect();
    let rows = if rows.is_empty() {
        vec![vec![
            Value::text("–"),
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::text("Keine Fehler oder Warnungen beim Lesen der Eingaben."),
        ]]
    } else {
        rows
    };
    write_table(workbook, "Prüfbericht", &columns, &rows).map(|_| ())
}

/// Methodik: scale, suppression rule, sources, version.
pub fn method(workbook: &mut Workbook, report: &YearReport, ctx: &SummaryContext) -> Result<(), XlsxError> {
    let c = ctx.catalog;
    let scale = c.scale(&c.scales.verwendung.befragung);
    let labels: Vec<String> = scale.steps.iter().map(|s| format!("{} = {}", s.wert, s.label)).collect();
    let mut lines = vec![
        ("Land", ctx.settings.land.clone()),
        ("Berichtsjahr", report.year.to_string()),
        ("Stichtag für überfällige Maßnahmen", crate::format::de_date(ctx.settings.reference_date(report.year))),
        ("Qualitätsrahmen", format!("{} (Version {})", c.framework.name, c.framework.version)),
        (
            "Antwortskala",
            format!("{}; „{}“ und leere Zellen zählen nicht als Wert", labels.join(", "), scale.dont_know_label()),
        ),
        ("Top-2", format!("Anteil der {} höchsten Stufen an den gültigen Antworten", scale.top)),
        ("Dimensionswert", "Mittelwert der persönlichen Mittelwerte über die Ziele der Dimension".to_string()),
        ("Referenzwerte", "Cluster und Land: Mittelwert der gezeigten Kommunen-Mittelwerte".to_string()),
        (
            "Datenschutz",
            format!(
                "Werte aus weniger als {} Angaben werden nicht gezeigt (leere Zelle mit Notiz); ist nur eine Teilgruppe verborgen, wird die kleinste gezeigte ebenfalls verborgen",
                ctx.settings.min_n
            ),
        ),
        ("Quellen", "Befragung (Gesamteinschätzung), Qualitätsentwicklungswerkstätten, Kennzahlen".to_string()),
        ("Erstellt mit", format!("qdfh {}", env!("CARGO_PKG_VERSION"))),
    ];
    if report.municipalities.iter().any(|m| m.standards.is_some()) {
        let rule = "Selbsteinschätzung der Kommunen (Formular „Standards“); Anteil erfüllt = erfüllte an den \
                    zutreffenden Mindestvoraussetzungen, „nicht zutreffend“ zählt nicht mit; ohne Mindestzahl, weil \
                    die Standards Strukturen beschreiben, keine Angaben von Personen";
        lines.insert(lines.len() - 1, ("Qualitätsstandards", rule.to_string()));
    }
    let rows: Vec<Vec<Value>> = lines.into_iter().map(|(k, v)| vec![Value::text(k), Value::text(v)]).collect();
    write_table(workbook, "Methodik", &cols(&[col("Angabe", 34.0), col("Wert", 110.0)]), &rows).map(|_| ())
}
