//! The sheets "Standards" (one row per municipality and standard) and
//! "Standards je Kommune" (the shares). Written only when a municipality
//! of the year sent a Standards workbook. Not gated: standards describe
//! structures, not answers of people.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::table::{Value, col, cols, write_table};
use crate::analysis::YearReport;
use crate::analysis::standards::LevelCount;

/// Both standards sheets, or nothing when no municipality has standards.
pub fn standards(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    if report.municipalities.iter().all(|m| m.standards.is_none()) {
        return Ok(());
    }
    items(workbook, report)?;
    shares(workbook, report)
}

fn items(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let columns = cols(&[
        col("ID", 14.0),
        col("Kommune", 26.0),
        col("Standard", 10.0),
        col("Thema", 26.0),
        col("Stufe", 22.0),
        col("Dimension", 26.0),
        col("Bewertung", 16.0),
        col("Text", 60.0),
    ]);
    let rows: Vec<Vec<Value>> = report
        .municipalities
        .iter()
        .filter_map(|m| m.standards.as_ref().map(|s| (m, s)))
        .flat_map(|(m, s)| s.items.iter().map(move |item| (m, item)))
        .map(|(m, item)| {
            vec![
                Value::text(&m.id),
                Value::text(&m.name),
                Value::text(&item.id),
                Value::text(&item.topic),
                Value::text(&item.level_label),
                Value::text(&item.dimension),
                Value::text(&item.rating_label),
                Value::text(&item.text),
            ]
        })
        .collect();
    write_table(workbook, "Standards", &columns, &rows).map(|_| ())
}

fn shares(workbook: &mut Workbook, report: &YearReport) -> Result<(), XlsxError> {
    let columns = cols(&[
        col("ID", 14.0),
        col("Kommune", 26.0),
        col("Mindest erfüllt", 15.0),
        col("Mindest zutreffend", 18.0),
        col("Mindest nicht zutreffend", 22.0),
        col("Anteil Mindest erfüllt", 20.0),
        col("Mehr erreicht", 14.0),
        col("Mehr zutreffend", 16.0),
    ]);
    let count = |n: usize| Value::Int(n as i64);
    let share = |c: &LevelCount| c.share.map_or(Value::Empty, |s| Value::Pct(s * 100.0));
    let rows: Vec<Vec<Value>> = report
        .municipalities
        .iter()
        .map(|m| match &m.standards {
            Some(s) => vec![
                Value::text(&m.id),
                Value::text(&m.name),
                count(s.minimum.met),
                count(s.minimum.applicable),
                count(s.minimum.not_applicable),
                share(&s.minimum),
                count(s.beyond.met),
                count(s.beyond.applicable),
            ],
            None => {
                let mut row = vec![Value::text(&m.id), Value::text(&m.name)];
                row.extend(std::iter::repeat_n(Value::Empty, 6));
                row
            }
        })
        .collect();
    write_table(workbook, "Standards je Kommune", &columns, &rows).map(|_| ())
}
