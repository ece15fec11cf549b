//! Drop-down lists and input checks (Excel data validation) per column kind.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Formula, Worksheet, XlsxError,
};

use super::LISTS_SHEET;
use super::layout::dimension_label;
use super::style::Formats;
use crate::catalog::{Catalog, Scale, StandardRating};
use crate::ingest::schema::{Column, ColumnKey, ColumnKind};
use crate::model::MunicipalityKind;

/// Excel stores an inline list as one comma-joined string of at most 255
/// characters; longer lists must live in cells and be referenced.
const INLINE_LIST_LIMIT: usize = 255;
/// Excel's limits for the input message box.
const TITLE_LIMIT: usize = 32;
const MESSAGE_LIMIT: usize = 255;

/// The lists that did not fit inline, collected for the hidden sheet
/// [`LISTS_SHEET`]: one column per list, a title in the first row.
#[derive(Default)]
pub(super) struct Lists {
    columns: Vec<(String, Vec<String>)>,
}

impl Lists {
    /// A list validation for these items: inline when Excel allows it,
    /// otherwise a reference to a column of the hidden list sheet.
    fn list(&mut self, title: &str, items: Vec<String>) -> Result<DataValidation, XlsxError> {
        let joined: usize = items.iter().map(|i| i.encode_utf16().count() + 1).sum();
        // A comma inside an item would split it in an inline list ("teils, teils").
        if joined <= INLINE_LIST_LIMIT && !items.iter().any(|i| i.contains(',')) {
            return DataValidation::new().allow_list_strings(&items);
        }
        let col = match self.columns.iter().position(|(_, existing)| *existing == items) {
            Some(col) => col,
            None => {
                self.columns.push((title.to_string(), items.clone()));
                self.columns.len() - 1
            }
        };
        let letter = crate::diagnostics::column_letters(col as u32);
        let formula = format!("='{LISTS_SHEET}'!${letter}$2:${letter}${}", items.len() + 1);
        Ok(DataValidation::new().allow_list_formula(Formula::new(formula)))
    }

    /// The hidden, protected list sheet, or `None` when every list was inline.
    pub fn into_sheet(self, formats: &Formats) -> Result<Option<Worksheet>, XlsxError> {
        if self.columns.is_empty() {
            return Ok(None);
        }
        let mut sheet = Worksheet::new();
        sheet.set_name(LISTS_SHEET)?;
        for (col, (title, items)) in self.columns.iter().enumerate() {
            let col = col as u16;
            sheet.set_column_width(col, 40)?;
            sheet.write_string_with_format(0, col, title, &formats.key)?;
            for (row, item) in items.iter().enumerate() {
                sheet.write_string(row as u32 + 1, col, item)?;
            }
        }
        sheet.set_hidden(true);
        sheet.protect();
        Ok(Some(sheet))
    }
}

/// The validation of a data column, or `None` for plain text.
pub(super) fn for_column(
    column: &Column,
    catalog: &Catalog,
    lists: &mut Lists,
) -> Result<Option<DataValidation>, XlsxError> {
    let validation = match &column.kind {
        ColumnKind::Text => return text_hint(column).map(|(title, message)| hint(title, message)).transpose(),
        ColumnKind::FreeText => hint("Freitext", "Bitte keine Namen oder Angaben, an denen Personen erkennbar sind.")?,
        ColumnKind::Municipality => hint("Kommune", "ID der Kommune aus den Stammdaten, z. B. auenfeld.")?,
        ColumnKind::Dimension { list: true } => {
            hint("Schwerpunkte", "Dimensionen mit Komma getrennt, z. B. QD3, QD2.")?
        }
        ColumnKind::Scale(id) => scale(column, catalog, catalog.scale(id), lists)?,
        ColumnKind::MunicipalityKind => {
            let items = MunicipalityKind::ALL.iter().map(|k| k.label().to_string()).collect();
            closed(lists.list("Typ", items)?, "Typ", "Art der Gebietskörperschaft aus der Liste wählen.")?
        }
        ColumnKind::Sector => {
            let items = catalog.material.sectors.iter().map(|s| s.name.clone()).collect();
            closed(lists.list("Sektor", items)?, "Sektor", "Sektor (Arbeitsfeld) aus der Liste wählen.")?
        }
        ColumnKind::Level => {
            let items = catalog.material.levels.iter().map(|l| l.name.clone()).collect();
            closed(lists.list("Ebene", items)?, "Ebene", "Strategische oder operative Ebene aus der Liste wählen.")?
        }
        ColumnKind::Status => {
            let items = catalog.material.status.iter().map(|s| s.name.clone()).collect();
            closed(lists.list("Status", items)?, "Status", "Stand der Maßnahme aus der Liste wählen.")?
        }
        ColumnKind::Dimension { list: false } => closed(
            lists.list("Dimension", dimensions(catalog))?,
            "Dimension",
            "Qualitätsdimension aus der Liste wählen.",
        )?,
        ColumnKind::DimensionOrTopic => lenient(
            lists.list("Dimension", dimensions(catalog))?,
            "Dimension oder Thema",
            "Dimension aus der Liste wählen oder die Id eines Themas eintragen, z. B. 3b.",
        )?,
        ColumnKind::Date => date()?,
        ColumnKind::Count => whole_number()?,
        ColumnKind::Number => decimal()?,
        ColumnKind::StandardRating => {
            let items = StandardRating::ALL.iter().map(|r| r.label().to_string()).collect();
            let (title, about) = describe(column, catalog);
            let message = format!("{about}Bewertung aus der Liste wählen.");
            closed(lists.list("Bewertung", items)?, &title, &message)?
        }
    };
    Ok(Some(validation))
}

/// Hints for the few text columns where users tend to type the wrong thing.
fn text_hint(column: &Column) -> Option<(&'static str, &'static str)> {
    match column.key {
        ColumnKey::Fixed("Person") => Some(("Person", "Laufende Nummer oder Kürzel – bitte keine Namen.")),
        ColumnKey::Fixed("ID") => Some((
            "ID",
            "Kurz und eindeutig, ohne Leerzeichen (z. B. auenfeld). Sie steht später im Blatt „Info“ der anderen \
             Formulare und sollte sich nicht mehr ändern.",
        )),
        _ => None,
    }
}

/// A date between 2000 and 2100. A warning, not a stop: the reader also
/// accepts dates typed as text ("31.12.2026") in a differently set up office.
pub(super) fn date() -> Result<DataValidation, XlsxError> {
    let rule =
        DataValidationRule::Between(ExcelDateTime::from_ymd(2000, 1, 1)?, ExcelDateTime::from_ymd(2100, 12, 31)?);
    let validation = DataValidation::new().allow_date(rule);
    lenient(validation, "Datum", "Datum eintragen, z. B. 31.12.2026.")
}

/// A four-digit year for the Info sheet.
pub(super) fn year() -> Result<DataValidation, XlsxError> {
    let validation = DataValidation::new().allow_whole_number(DataValidationRule::Between(2000, 2100));
    closed(validation, "Jahr", "Vierstelliges Jahr, z. B. 2026; muss zum Ordnernamen passen.")
}

fn whole_number() -> Result<DataValidation, XlsxError> {
    let validation = DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0));
    closed(validation, "Anzahl", "Ganze Zahl ab 0.")
}

fn decimal() -> Result<DataValidation, XlsxError> {
    let validation = DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0));
    lenient(validation, "Zahl", "Zahl ab 0; leer lassen, wenn unbekannt.")
}

/// A scale column: the labels plus "weiß nicht". Typing the number is
/// allowed too (the reader accepts both), so a value outside the list only
/// warns instead of being refused.
fn scale(column: &Column, catalog: &Catalog, scale: &Scale, lists: &mut Lists) -> Result<DataValidation, XlsxError> {
    let mut items: Vec<String> = scale.steps.iter().map(|s| s.label.clone()).collect();
    items.push(scale.dont_know_label().to_string());
    let (title, about) = describe(column, catalog);
    let message = format!("{about}Antwort: {}. Die Zahl ist ebenfalls erlaubt.", scale.allowed_description());
    let validation = lists.list(&scale.name, items)?;
    let error = format!(
        "Bitte eine Antwort aus der Liste wählen oder eine Zahl von {} bis {} eintragen.",
        scale.min(),
        scale.max()
    );
    with_messages(validation, &title, &message, DataValidationErrorStyle::Warning, &error)
}

/// The input-box title and the statement the answer refers to.
fn describe(column: &Column, catalog: &Catalog) -> (String, String) {
    match &column.key {
        ColumnKey::Goal(id) => {
            let text = catalog.goals().find(|(_, g)| g.id == *id).map(|(_, g)| g.text.clone()).unwrap_or_default();
            (format!("Ziel {id}"), format!("{text} "))
        }
        ColumnKey::Need(id) => {
            let name = catalog.dimension(id).map(|d| d.name.as_str()).unwrap_or_default();
            (format!("Bedarf {id}"), format!("Entwicklungsbedarf in der Dimension „{name}“. "))
        }
        ColumnKey::Pair(id) => {
            let pair = catalog.material.polarity.iter().find(|p| p.id == *id);
            let text = pair.map(|p| format!("Von „{}“ (links) bis „{}“ (rechts). ", p.links, p.rechts));
            (id.clone(), text.unwrap_or_default())
        }
        ColumnKey::FactorState(id) | ColumnKey::FactorImportance(id) => {
            let factor = catalog.material.factors.iter().find(|f| f.id == *id);
            (id.clone(), factor.map(|f| format!("{}. ", f.text)).unwrap_or_default())
        }
        ColumnKey::Fixed(name) => (name.to_string(), String::new()),
        ColumnKey::KeyFigure(id) => (id.clone(), String::new()),
        ColumnKey::KeyFigureTarget(id) => {
            (format!("Zielwert {id}"), "Der Wert, den die Kommune für diese Kennzahl anstrebt (freiwillig). ".into())
        }
        ColumnKey::Standard(id) => {
            let item = catalog.standards.as_ref().and_then(|s| s.item(id));
            (format!("Standard {id}"), item.map(|(_, i)| format!("{} ", i.text)).unwrap_or_default())
        }
    }
}

fn dimensions(catalog: &Catalog) -> Vec<String> {
    catalog.framework.dimensions.iter().map(dimension_label).collect()
}

/// Only values from the rule are accepted.
fn closed(validation: DataValidation, title: &str, message: &str) -> Result<DataValidation, XlsxError> {
    let error = format!("Ungültige Eingabe. {message}");
    with_messages(validation, title, message, DataValidationErrorStyle::Stop, &error)
}

/// Other values are possible after a warning.
fn lenient(validation: DataValidation, title: &str, message: &str) -> Result<DataValidation, XlsxError> {
    let error = format!("Diese Eingabe ist ungewöhnlich. {message}");
    with_messages(validation, title, message, DataValidationErrorStyle::Warning, &error)
}

/// Any value; the validation only shows a hint when the cell is selected.
fn hint(title: &str, message: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new().allow_any_value().set_input_title(title)?.set_input_message(message)
}

fn with_messages(
    validation: DataValidation,
    title: &str,
    message: &str,
    style: DataValidationErrorStyle,
    error: &str,
) -> Result<DataValidation, XlsxError> {
    validation
        .set_input_title(truncate(title, TITLE_LIMIT))?
        .set_input_message(truncate(message, MESSAGE_LIMIT))?
        .set_error_title(truncate("Bitte prüfen", TITLE_LIMIT))?
        .set_error_message(truncate(error, MESSAGE_LIMIT))
        .map(|v| v.set_error_style(style))
}

/// Shortens text to Excel's limit (counted in UTF-16 units), ending with "…".
fn truncate(text: &str, limit: usize) -> String {
    if text.encode_utf16().count() <= limit {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.encode_utf16().count() + c.len_utf16() + 1 > limit {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_respects_excel_limits() {
        assert_eq!(truncate("kurz", 32), "kurz");
        let long = "ä".repeat(300);
        let cut = truncate(&long, MESSAGE_LIMIT);
        assert_eq!(cut.encode_utf16().count(), MESSAGE_LIMIT);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn long_or_comma_lists_go_to_the_list_sheet() {
        let mut lists = Lists::default();
        lists.list("kurz", vec!["a".into(), "b".into()]).unwrap();
        assert!(lists.columns.is_empty());
        lists.list("Komma", vec!["teils, teils".into()]).unwrap();
        let long: Vec<String> = (0..40).map(|i| format!("Eintrag Nummer {i}")).collect();
        lists.list("lang", long.clone()).unwrap();
        lists.list("lang", long).unwrap();
        assert_eq!(lists.columns.len(), 2, "identical lists share one column");
    }
}
