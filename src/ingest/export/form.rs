//! An export's survey as qdfh's own Befragung workbook (`qdfh import`), so
//! a LaKo can keep one format on file.

use crate::catalog::Catalog;
use crate::forms::{FormData, FormInfo, Row, Value, answer_value};
use crate::ingest::schema::{ColumnKey, FormKind, sheet};
use crate::model::Survey;

/// The Befragung form holding `survey`: one row per respondent, answers
/// as the labels a drop-down gives; `note` is shown in the guide and the
/// Info sheet.
pub fn survey_form(survey: &Survey, catalog: &Catalog, note: Option<String>) -> FormData {
    let info = FormInfo {
        municipality: Some(survey.municipality.clone()),
        year: Some(survey.year),
        note,
        ..FormInfo::blank(FormKind::Befragung)
    };
    let mut form = FormData::new(info);
    let rating = catalog.scale(&catalog.scales.verwendung.befragung);
    let need = catalog.scale(&catalog.scales.verwendung.bedarf);
    let name_of_sector = |id: &str| catalog.material.sectors.iter().find(|s| s.id == id).map(|s| s.name.clone());
    let name_of_level = |id: &str| catalog.material.levels.iter().find(|l| l.id == id).map(|l| l.name.clone());
    for respondent in &survey.respondents {
        let mut row = Row::new();
        row.insert(ColumnKey::Fixed("Person"), Value::from(respondent.id.as_str()));
        if let Some(name) = name_of_sector(&respondent.sector) {
            row.insert(ColumnKey::Fixed("Sektor"), Value::from(name));
        }
        if let Some(name) = name_of_level(&respondent.level) {
            row.insert(ColumnKey::Fixed("Ebene"), Value::from(name));
        }
        if !respondent.role.is_empty() {
            row.insert(ColumnKey::Fixed("Funktion"), Value::from(respondent.role.as_str()));
        }
        for (goal, answer) in &respondent.ratings {
            if let Some(value) = answer_value(rating, *answer, false) {
                row.insert(ColumnKey::Goal(goal.clone()), value);
            }
        }
        for (dim, answer) in &respondent.needs {
            if let Some(value) = answer_value(need, *answer, false) {
                row.insert(ColumnKey::Need(dim.clone()), value);
            }
        }
        if let Some(comment) = &respondent.comment {
            row.insert(ColumnKey::Fixed("Anmerkung"), Value::from(comment.as_str()));
        }
        form.sheet(sheet::BEFRAGUNG).push(row);
    }
    form
}
