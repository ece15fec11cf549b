//! Reading single cell values: text, numbers, dates and scale answers.
//!
//! Pure functions over calamine's [`Data`]; the callers turn a rejected value
//! into a diagnostic. Users type values in many ways (numbers as text, German
//! decimal commas, dates as text), so every reader accepts what a person
//! would reasonably type and nothing more.

use calamine::Data;
use chrono::{Datelike, NaiveDate};

use crate::catalog::Scale;
use crate::model::Answer;

/// Years accepted in dates and in `Info › Jahr`. A bare number such as 12 in
/// a date column would otherwise become a date in 1900, silently.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// True if the cell holds nothing a person typed (empty or only spaces).
pub fn is_blank(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The cell as text, `None` when blank. Whole numbers lose their ".0"
/// (an id typed as 7 is "7"), dates read as "31.12.2026".
pub fn text(data: &Data) -> Option<String> {
    if is_blank(data) {
        return None;
    }
    let text = match data {
        Data::String(s) => without_control_chars(s).trim().to_string(),
        Data::Bool(b) => (if *b { "WAHR" } else { "FALSCH" }).to_string(),
        _ => match date(data) {
            Ok(Some(d)) if !matches!(data, Data::Int(_) | Data::Float(_)) => format_date(d),
            _ => display(data),
        },
    };
    (!text.is_empty()).then_some(text)
}

/// Drops control characters (a tab or line break becomes a space): they
/// have no place in a report and must not reach a terminal.
fn without_control_chars(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if !c.is_control() {
                Some(c)
            } else if c.is_whitespace() {
                Some(' ')
            } else {
                None
            }
        })
        .collect()
}

/// The cell as shown in messages: text as typed, numbers in German format.
pub fn display(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => without_control_chars(s).trim().to_string(),
        Data::Int(i) => format_number(*i as f64),
        Data::Float(f) => format_number(*f),
        Data::Bool(b) => (if *b { "WAHR" } else { "FALSCH" }).to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) => format_date(d.date()),
            None => format_number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => without_control_chars(s),
        Data::Error(e) => e.to_string(),
    }
}

/// A number in German notation: thousands grouped with ".", decimal comma.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let digits = format!("{}", value.abs() as u64);
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(c);
        }
        if value < 0.0 { format!("-{grouped}") } else { grouped }
    } else {
        format!("{value}").replace('.', ",")
    }
}

/// A date in German notation, "31.12.2026".
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// Reads a number: a numeric cell or text such as "12", "1,5", "1.234,5".
/// `Err(())` when the cell holds something else.
pub fn number(data: &Data) -> Result<Option<f64>, ()> {
    match data {
        _ if is_blank(data) => Ok(None),
        Data::Int(i) => Ok(Some(*i as f64)),
        Data::Float(f) => Ok(Some(*f)),
        Data::String(s) => parse_number_text(s).map(Some).ok_or(()),
        _ => Err(()),
    }
}

/// Parses typed number text. A comma makes it German ("1.234,5"); without
/// one, "." is the decimal point as Excel shows it in English locales.
fn parse_number_text(text: &str) -> Option<f64> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    let normal = if compact.contains(',') { compact.replace('.', "").replace(',', ".") } else { compact };
    let value: f64 = normal.parse().ok()?;
    value.is_finite().then_some(value)
}

/// Reads a date: an Excel date, a serial number, German text "31.12.2026"
/// (also "31.12.26"), written out ("31. Dezember 2026", "31 Dez. 26") or
/// ISO text "2026-12-31". `Err(())` for anything else,
/// including dates outside [`YEARS`].
pub fn date(data: &Data) -> Result<Option<NaiveDate>, ()> {
    let parsed = match data {
        _ if is_blank(data) => return Ok(None),
        Data::DateTime(dt) if dt.is_datetime() => dt.as_datetime().map(|d| d.date()),
        Data::Int(i) => from_serial(*i as f64),
        Data::Float(f) => from_serial(*f),
        Data::DateTimeIso(s) | Data::String(s) => parse_date_text(s),
        _ => None,
    };
    match parsed {
        Some(d) if YEARS.contains(&d.year()) => Ok(Some(d)),
        _ => Err(()),
    }
}

/// Excel's 1900 date system counts days from 30 Dec 1899 (its leap-year bug
/// only affects dates before March 1900, far outside [`YEARS`]).
fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    // ISO date-times from ODS ("2026-12-31T00:00:00") carry a time we ignore.
    let day = text.split(['T', ' ']).next().unwrap_or(text);
    if let Ok(d) = NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = day.trim_end_matches('.').split('.').collect();
    if let [d, m, y] = parts.as_slice()
        && let (Ok(d), Ok(m)) = (d.parse::<u32>(), m.parse::<u32>())
    {
        return NaiveDate::from_ymd_opt(full_year(y)?, m, d);
    }
    parse_long_date(text)
}

/// The German long form: "30. April 2026", "30 Apr. 2026", "1. März 26".
fn parse_long_date(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == '.').filter(|w| !w.is_empty()).collect();
    let [d, m, y] = words.as_slice() else { return None };
    NaiveDate::from_ymd_opt(full_year(y)?, month_number(m)?, d.parse().ok()?)
}

/// A month by its German name or an abbreviation of at least three letters
/// ("Dez", "Sept", "Mrz", "Maerz", Austrian "Jänner").
fn month_number(word: &str) -> Option<u32> {
    const NAMES: [&[&str]; 12] = [
        &["januar", "jänner", "jaenner"],
        &["februar", "feber"],
        &["märz", "maerz", "marz", "mrz"],
        &["april"],
        &["mai"],
        &["juni"],
        &["juli"],
        &["august"],
        &["september"],
        &["oktober"],
        &["november"],
        &["dezember"],
    ];
    let word = word.to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    let month = NAMES.iter().position(|names| names.iter().any(|name| name.starts_with(word.as_str())))?;
    Some(month as u32 + 1)
}

/// A four-digit year, or a two-digit one in this century.
fn full_year(text: &str) -> Option<i32> {
    match text.len() {
        2 => Some(2000 + text.parse::<i32>().ok()?),
        4 => text.parse().ok(),
        _ => None,
    }
}

/// Reads a whole number ≥ 0 (counts, points).
pub fn count(data: &Data) -> Result<Option<u32>, ()> {
    match number(data)? {
        None => Ok(None),
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => Ok(Some(n as u32)),
        Some(_) => Err(()),
    }
}

/// Reads a number ≥ 0 (key figures).
pub fn non_negative(data: &Data) -> Result<Option<f64>, ()> {
    match number(data)? {
        Some(n) if n < 0.0 => Err(()),
        other => Ok(other),
    }
}

/// Reads a year, typed as a number or as text.
pub fn year(data: &Data) -> Result<Option<i32>, ()> {
    match number(data)? {
        None => Ok(None),
        Some(n) if n.fract() == 0.0 && YEARS.contains(&(n as i32)) => Ok(Some(n as i32)),
        Some(_) => Err(()),
    }
}

/// Reads an answer on a scale: the label in any case, the number, or
/// "weiß nicht". `Err(())` when it is none of these.
pub fn answer(scale: &Scale, data: &Data) -> Result<Answer, ()> {
    match data {
        _ if is_blank(data) => Ok(Answer::Blank),
        Data::String(s) => scale.parse_text(s).ok_or(()),
        Data::Int(i) => scale.parse_number(*i as f64).ok_or(()),
        Data::Float(f) => scale.parse_number(*f).ok_or(()),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    fn s(text: &str) -> Data {
        Data::String(text.into())
    }

    #[test]
    fn numbers_accept_german_and_plain_notation() {
        assert_eq!(number(&s("1,5")), Ok(Some(1.5)));
        assert_eq!(number(&s("1.234,5")), Ok(Some(1234.5)));
        assert_eq!(number(&s(" 12 ")), Ok(Some(12.0)));
        assert_eq!(number(&s("1.5")), Ok(Some(1.5)));
        assert_eq!(number(&Data::Int(3)), Ok(Some(3.0)));
        assert_eq!(number(&s("  ")), Ok(None));
        assert_eq!(number(&s("zwölf")), Err(()));
        assert_eq!(non_negative(&Data::Float(-1.0)), Err(()));
        assert_eq!(count(&Data::Float(2.5)), Err(()));
        assert_eq!(count(&s("4")), Ok(Some(4)));
    }

    #[test]
    fn numbers_are_shown_in_german_format() {
        assert_eq!(format_number(7.0), "7");
        assert_eq!(format_number(2.5), "2,5");
        assert_eq!(format_number(-1234.0), "-1.234");
        assert_eq!(format_number(1_234_567.0), "1.234.567");
    }

    #[test]
    fn dates_accept_excel_german_and_iso() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31);
        assert_eq!(date(&s("31.12.2026")), Ok(d));
        assert_eq!(date(&s("31.12.26")), Ok(d));
        assert_eq!(date(&s("2026-12-31")), Ok(d));
        assert_eq!(date(&Data::DateTimeIso("2026-12-31T00:00:00".into())), Ok(d));
        assert_eq!(date(&Data::Float(46387.0)), Ok(d));
        let excel = ExcelDateTime::new(46387.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(date(&Data::DateTime(excel)), Ok(d));
        assert_eq!(date(&s("31.13.2026")), Err(()));
        assert_eq!(date(&Data::Int(12)), Err(()));
        assert_eq!(date(&s("morgen")), Err(()));
    }

    #[test]
    fn dates_written_out_in_german_are_accepted() {
        let ymd = |y, m, d| Ok(NaiveDate::from_ymd_opt(y, m, d));
        assert_eq!(date(&s("30. April 2026")), ymd(2026, 4, 30));
        assert_eq!(date(&s("30 april 2026")), ymd(2026, 4, 30));
        assert_eq!(date(&s("1. März 2026")), ymd(2026, 3, 1));
        assert_eq!(date(&s("1. Maerz 26")), ymd(2026, 3, 1));
        assert_eq!(date(&s("15. Sept. 2026")), ymd(2026, 9, 15));
        assert_eq!(date(&s("31. Dez 2026")), ymd(2026, 12, 31));
        assert_eq!(date(&s("2. Jänner 2027")), ymd(2027, 1, 2));
        assert_eq!(date(&s("30.April 2026")), ymd(2026, 4, 30));
        assert_eq!(date(&s("31. Februar 2026")), Err(()));
        assert_eq!(date(&s("30. Ma 2026")), Err(()));
        assert_eq!(date(&s("30. Mai")), Err(()));
        assert_eq!(date(&s("Ende April 2026")), Err(()));
    }

    #[test]
    fn text_drops_control_characters() {
        assert_eq!(text(&s("Ziel\u{1b}[31m rot\u{7}")).as_deref(), Some("Ziel[31m rot"));
        assert_eq!(text(&s("Zeile 1\nZeile 2\tEnde")).as_deref(), Some("Zeile 1 Zeile 2 Ende"));
        assert_eq!(text(&s("\u{0}\u{1}")), None);
    }

    #[test]
    fn text_drops_the_fraction_of_whole_numbers() {
        assert_eq!(text(&Data::Float(7.0)).as_deref(), Some("7"));
        assert_eq!(text(&s("  auenfeld ")).as_deref(), Some("auenfeld"));
        assert_eq!(text(&s("   ")), None);
        let excel = ExcelDateTime::new(46387.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(excel)).as_deref(), Some("31.12.2026"));
    }

    #[test]
    fn years_must_be_plausible() {
        assert_eq!(year(&Data::Float(2026.0)), Ok(Some(2026)));
        assert_eq!(year(&s("2026")), Ok(Some(2026)));
        assert_eq!(year(&s("26")), Err(()));
        assert_eq!(year(&s("zweitausend")), Err(()));
    }
}
