//! German number and date formats for the reports, the workbooks and the
//! generated sentences, and the conversion of dates for Excel.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, XlsxError};

/// Printed for a missing value.
pub const MISSING: &str = "–";

/// The minus sign: an en dash, since Noto Sans has no U+2212 and a hyphen
/// is too short next to digits.
pub const MINUS: &str = "–";

/// A count of people as printed: "12", "weniger als 5", "nicht ausgewiesen".
pub fn de_tally(tally: crate::analysis::suppress::Tally) -> String {
    use crate::analysis::suppress::Tally;
    match tally {
        Tally::Exact(n) => n.to_string(),
        Tally::FewerThan(min_n) => format!("weniger als {min_n}"),
        Tally::Hidden => "nicht ausgewiesen".into(),
    }
}

/// German number with `digits` decimals: 3,5; −0,4; 1.234.
///
/// Rounds half away from zero after scaling, exactly as `de-num` in
/// `templates/lib/format.typ`, so a sentence and a table print the same
/// value (5,25 reads 5,3 in both, not 5,2 here by `format!`'s rounding).
pub fn de_num(x: f64, digits: usize) -> String {
    let factor = 10f64.powi(i32::try_from(digits).unwrap_or(i32::MAX));
    let scaled = (x.abs() * factor).round() / factor;
    let rounded = format!("{:.*}", digits, scaled);
    let (int, frac) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let negative = x < 0.0 && rounded.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { MINUS } else { "" };
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped},{frac}") }
}

/// German number with explicit sign for changes: +0,5; −0,4.
pub fn de_signed(x: f64, digits: usize) -> String {
    let text = de_num(x, digits);
    if text.starts_with('–') || de_num(x.abs(), digits).chars().all(|c| c == '0' || c == ',') {
        text
    } else {
        format!("+{text}")
    }
}

/// Joins words as German prose: "a, b und c".
pub fn de_join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        // "sowie" when one of the last two names holds "und", as `de-join` does.
        [rest @ .., last] if items.iter().rev().take(2).any(|i| i.contains(" und ")) => {
            format!("{} sowie {last}", rest.join(", "))
        }
        [rest @ .., last] => format!("{} und {last}", rest.join(", ")),
    }
}

/// At most `n` characters of `text`, with "…" when cut: for titles in
/// terminal messages, where a name of thousands of characters would bury
/// the message.
pub fn shortened(text: &str, n: usize) -> String {
    match text.char_indices().nth(n) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Characters named for a message: „漢“ (U+6F22) und „ü“ (U+00FC).
pub fn named_characters(chars: &[char]) -> String {
    let named: Vec<String> = chars.iter().map(|c| format!("„{c}“ (U+{:04X})", *c as u32)).collect();
    de_join(&named.iter().map(String::as_str).collect::<Vec<_>>())
}

/// German date: 22.11.2026.
pub fn de_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// An Excel date from a calendar date; years outside Excel's range are an error.
pub fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year()).map_err(|_| XlsxError::DateTimeRangeError(date.to_string()))?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

#[cfg(test)]
mod tests {

    #[test]
    fn shortened_cuts_by_characters_and_marks_the_cut() {
        assert_eq!(shortened("Gülşen", 3), "Gül…");
        assert_eq!(shortened("Gülşen", 6), "Gülşen");
        assert_eq!(shortened("😀😀", 1), "😀…");
    }

    use super::*;

    #[test]
    fn german_lists() {
        assert_eq!(de_join(&[]), "");
        assert_eq!(de_join(&["a"]), "a");
        assert_eq!(de_join(&["a", "b", "c"]), "a, b und c");
        assert_eq!(de_join(&["Suchtberatung", "Politik und Verwaltung"]), "Suchtberatung sowie Politik und Verwaltung");
        assert_eq!(
            de_join(&["Kinder- und Jugendhilfe", "Gesundheitswesen", "Sonstige"]),
            "Kinder- und Jugendhilfe, Gesundheitswesen und Sonstige"
        );
    }

    #[test]
    fn german_numbers() {
        assert_eq!(de_num(3.45, 1), "3,5");
        // Halves round away from zero, as in the templates' de-num.
        assert_eq!(de_num(5.25, 1), "5,3");
        assert_eq!(de_num(-2.25, 1), "–2,3");
        assert_eq!(de_num(62.5, 0), "63");
        assert_eq!(de_num(12.5, 0), "13");
        assert_eq!(de_num(1234.0, 0), "1.234");
        assert_eq!(de_num(-0.44, 1), "–0,4");
        assert_eq!(de_num(-0.04, 1), "0,0");
        assert_eq!(de_signed(0.5, 1), "+0,5");
        assert_eq!(de_signed(-0.5, 1), "–0,5");
        assert_eq!(de_date(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()), "02.11.2026");
    }
}
