//! The questionnaire sheet ("Fragebogen"): laid out for one person, one
//! entry per row – key in A (what qdfh reads), question in B, answer in C
//! with a drop-down – grouped by quality dimension under headings.

use rust_xlsxwriter::{FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::layout::{SheetSpec, dimension_label};
use super::style::{Formats, wrapped_height};
use super::validation::{self, Lists};
use super::{Row, Value};
use crate::catalog::Catalog;
use crate::ingest::schema::{self, Column, ColumnKey, FORM_ANSWER_COL, FORM_KEY_COL, FORM_KEY_HEADING};

/// Widths of the key, question and answer columns (characters).
const WIDTHS: [f64; 3] = [11.0, 70.0, 24.0];
/// The answer column (C), where the reader looks.
const ANSWER: u16 = FORM_ANSWER_COL as u16;
/// The row of the column headings; entries start below it.
const HEADER_ROW: u32 = 3;

/// Writes the questionnaire sheet; `row` holds the answers of a filled one.
pub(super) fn questionnaire_sheet(
    spec: &SheetSpec,
    row: Option<&Row>,
    catalog: &Catalog,
    lists: &mut Lists,
    formats: &Formats,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(spec.name)?;
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    write_top(&mut sheet, spec.name, formats)?;
    let key = formats.key.clone().set_align(FormatAlign::Top);
    let question = formats.text.clone();
    let answer = formats.value.clone().set_text_wrap().set_align(FormatAlign::Top);
    let mut r = HEADER_ROW + 1;
    let mut dimension_of_row = None;
    for column in &spec.columns {
        if let Some(heading) = heading_before(column, catalog, &mut dimension_of_row) {
            sheet.write_string_with_format(r, 1, &heading, &formats.heading)?;
            sheet.set_row_height(r, 22)?;
            r += 1;
        }
        let text = question_text(column, catalog);
        sheet.write_string_with_format(r, FORM_KEY_COL as u16, key_text(column), &key)?;
        sheet.write_string_with_format(r, 1, &text, &question)?;
        match row.and_then(|values| values.get(&column.key)) {
            Some(Value::Text(value)) => sheet.write_string_with_format(r, ANSWER, value, &answer)?,
            Some(Value::Number(value)) => sheet.write_number_with_format(r, ANSWER, *value, &answer)?,
            Some(Value::Date(_)) | None => sheet.write_blank(r, ANSWER, &answer)?,
        };
        if let Some(check) = validation::for_column(column, catalog, lists)? {
            sheet.add_data_validation(r, ANSWER, r, ANSWER, &check)?;
        }
        sheet.set_row_height(r, wrapped_height(&text, WIDTHS[1]))?;
        r += 1;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_print_fit_to_pages(1, 0);
    sheet.protect();
    Ok(sheet)
}

/// Title, instructions and the headings of the question and answer columns.
fn top_texts(sheet_name: &str) -> [&'static str; 4] {
    if sheet_name == schema::sheet::STANDARDS {
        return [
            "Qualitätsstandards Frühe Hilfen – Selbsteinschätzung",
            "Bitte wählen Sie in Spalte C zu jedem Standard eine Bewertung aus der Liste: erfüllt, teilweise, nicht \
             erfüllt oder nicht zutreffend. In Klammern steht, ob der Standard eine Mindestvoraussetzung ist oder \
             ein Schritt darüber hinaus („das Mehr“).",
            "Standard",
            "Bewertung",
        ];
    }
    [
        "Fragebogen zur Gesamteinschätzung – Frühe Hilfen",
        "Bitte wählen Sie in Spalte C zu jeder Zeile eine Antwort aus der Liste. Wie sehr trifft die Aussage auf \
         Ihr Netzwerk Frühe Hilfen zu? Wenn Sie eine Aussage nicht einschätzen können, wählen Sie „weiß nicht“. \
         Die Anleitung (erstes Blatt) erklärt die Skalen.",
        "Frage",
        "Ihre Antwort",
    ]
}

fn write_top(sheet: &mut Worksheet, sheet_name: &str, formats: &Formats) -> Result<(), XlsxError> {
    let [title, intro, question, answer] = top_texts(sheet_name);
    sheet.merge_range(0, 0, 0, 2, title, &formats.title)?;
    sheet.set_row_height(0, 24)?;
    sheet.merge_range(1, 0, 1, 2, intro, &formats.text)?;
    sheet.set_row_height(1, wrapped_height(intro, WIDTHS.iter().sum()))?;
    let header = formats.header.clone().set_border(FormatBorder::Thin);
    for (col, text) in [FORM_KEY_HEADING, question, answer].iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *text, &header)?;
    }
    Ok(())
}

/// What qdfh reads in column A: the goal id, "Bedarf QD3" or the field.
fn key_text(column: &Column) -> String {
    match &column.key {
        ColumnKey::Goal(id) => id.clone(),
        ColumnKey::Need(id) => format!("Bedarf {id}"),
        _ => column.header.clone(),
    }
}

/// The question a person reads in column B.
fn question_text(column: &Column, catalog: &Catalog) -> String {
    match &column.key {
        ColumnKey::Goal(id) => {
            catalog.goals().find(|(_, g)| &g.id == id).map(|(_, g)| g.text.clone()).unwrap_or_default()
        }
        ColumnKey::Need(id) => {
            let name = catalog.dimension(id).map(|d| d.name.as_str()).unwrap_or(id);
            format!("Wie hoch ist insgesamt der Entwicklungsbedarf in der Dimension „{name}“?")
        }
        ColumnKey::Standard(id) => match catalog.standards.as_ref().and_then(|s| s.item(id)) {
            Some((_, item)) => format!("{} ({})", item.text, item.stufe.label()),
            None => id.clone(),
        },
        ColumnKey::Fixed("Sektor") => "In welchem Arbeitsfeld sind Sie tätig?".into(),
        ColumnKey::Fixed("Ebene") => "Auf welcher Ebene arbeiten Sie im Netzwerk: strategisch oder operativ?".into(),
        ColumnKey::Fixed("Funktion") => "Ihre Funktion (freiwillig), z. B. Leitung, Fachkraft".into(),
        ColumnKey::Fixed("Anmerkung") => {
            "Möchten Sie noch etwas anmerken? (freiwillig; bitte keine Namen oder Angaben, an denen Personen \
             erkennbar sind)"
                .into()
        }
        _ => column.header.clone(),
    }
}

/// The heading above an entry: "Angaben zu Ihrer Person" before the first,
/// the dimension before its first goal, the topic before its first
/// standard, "Zum Schluss" before the comment.
fn heading_before(column: &Column, catalog: &Catalog, current: &mut Option<String>) -> Option<String> {
    match &column.key {
        ColumnKey::Fixed("Sektor") => Some("Angaben zu Ihrer Person".into()),
        ColumnKey::Fixed("Anmerkung") => Some("Zum Schluss".into()),
        ColumnKey::Goal(_) | ColumnKey::Standard(_) => {
            let heading = group_of(&column.key, catalog)?;
            (current.as_deref() != Some(&heading)).then(|| {
                *current = Some(heading.clone());
                heading
            })
        }
        _ => None,
    }
}

/// The group an entry stands in: a goal's dimension, a standard's topic.
fn group_of(key: &ColumnKey, catalog: &Catalog) -> Option<String> {
    match key {
        ColumnKey::Goal(id) => catalog.goals().find(|(_, g)| &g.id == id).map(|(d, _)| dimension_label(d)),
        ColumnKey::Standard(id) => {
            let (topic, _) = catalog.standards.as_ref()?.item(id)?;
            Some(format!("{} {}", topic.id, topic.titel))
        }
        _ => None,
    }
}
