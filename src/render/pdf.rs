//! PDF profiles, export settings and the document date.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use typst::foundations::{Datetime, Smart};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::error::RenderError;

/// Which PDF standards a document must conform to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum PdfProfile {
    /// PDF/UA-1 (accessible) and PDF/A-2a (archivable, tagged), PDF 1.7.
    #[default]
    UaA2a,
    /// Plain tagged PDF 1.7 without conformance checks.
    Plain,
    /// PDF/A-2b: archivable appearance only.
    A2b,
    /// PDF/A-3b: like A-2b but may carry an attachment such as the data JSON.
    A3b,
}

impl PdfProfile {
    /// Every profile with its command-line name, in the order shown to users.
    pub const ALL: [(&'static str, PdfProfile); 4] = [
        ("ua-a2a", PdfProfile::UaA2a),
        ("plain", PdfProfile::Plain),
        ("a2b", PdfProfile::A2b),
        ("a3b", PdfProfile::A3b),
    ];

    /// The name accepted on the command line, e.g. `ua-a2a`.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, p)| *p == self).map_or("ua-a2a", |(n, _)| n)
    }

    /// Human-readable standards, used in error messages.
    pub fn describe(self) -> &'static str {
        match self {
            PdfProfile::UaA2a => "PDF/UA-1 + PDF/A-2a",
            PdfProfile::Plain => "PDF 1.7",
            PdfProfile::A2b => "PDF/A-2b",
            PdfProfile::A3b => "PDF/A-3b",
        }
    }

    /// Whether the standard allows embedded files (PDF/A-2 forbids them).
    pub fn allows_attachment(self) -> bool {
        matches!(self, PdfProfile::Plain | PdfProfile::A3b)
    }

    fn standards(self) -> &'static [PdfStandard] {
        // UA-1 needs PDF 1.7; pinning the version for all profiles keeps the
        // output stable when typst's default version changes.
        match self {
            PdfProfile::UaA2a => &[PdfStandard::V_1_7, PdfStandard::Ua_1, PdfStandard::A_2a],
            PdfProfile::Plain => &[PdfStandard::V_1_7],
            PdfProfile::A2b => &[PdfStandard::V_1_7, PdfStandard::A_2b],
            PdfProfile::A3b => &[PdfStandard::V_1_7, PdfStandard::A_3b],
        }
    }
}

impl FromStr for PdfProfile {
    type Err = RenderError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Self::ALL
            .iter()
            .find(|(name, _)| *name == wanted)
            .map(|(_, p)| *p)
            .ok_or_else(|| RenderError::UnknownProfile(s.to_string()))
    }
}

impl fmt::Display for PdfProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How one document is exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfSettings {
    /// The standards to conform to.
    pub profile: PdfProfile,
    /// A stable identifier of the document across runs (e.g. report kind and
    /// municipality); its hash becomes the PDF's document ID.
    pub ident: String,
    /// The document date: PDF metadata and Typst's `datetime.today()`.
    pub date: NaiveDate,
    /// A file to embed, as (file name, bytes); allowed with `plain` and `a3b`.
    pub attachment: Option<(String, Vec<u8>)>,
}

impl PdfSettings {
    /// The date as Typst's `datetime.today()` returns it.
    pub(crate) fn typst_date(&self) -> Datetime {
        let d = self.date;
        Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8).expect("a chrono date is a valid typst date")
    }

    /// The date at midnight UTC, since PDF metadata needs a time of day.
    fn timestamp(&self) -> Timestamp {
        let d = self.date;
        let midnight = Datetime::from_ymd_hms(d.year(), d.month() as u8, d.day() as u8, 0, 0, 0)
            .expect("a chrono date is a valid typst date");
        Timestamp::new_utc(midnight)
    }

    /// The typst export options for these settings.
    pub(crate) fn options(&self) -> PdfOptions {
        let standards =
            PdfStandards::new(self.profile.standards()).expect("the built-in profiles are compatible standards");
        PdfOptions {
            ident: Smart::Custom(self.ident.clone()),
            creator: Smart::Custom(Some(format!("qdfh {}", env!("CARGO_PKG_VERSION")))),
            timestamp: Some(self.timestamp()),
            standards,
            tagged: true,
            ..PdfOptions::default()
        }
    }
}

/// The date set by `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention), if it is set and valid. Documents never
/// carry the clock's date: without it they carry 31 December of their year
/// (see [`crate::settings::Settings::document_date`]).
pub fn source_date() -> Option<NaiveDate> {
    epoch_date(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
}

/// [`source_date`] without the environment, so it can be tested.
fn epoch_date(epoch: Option<&str>) -> Option<NaiveDate> {
    epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|dt| dt.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_epoch_gives_the_date() {
        assert_eq!(epoch_date(Some("1700000000")), Some(ymd(2023, 11, 14)));
        assert_eq!(epoch_date(Some(" 0 ")), Some(ymd(1970, 1, 1)));
    }

    #[test]
    fn an_invalid_or_missing_epoch_gives_no_date() {
        assert_eq!(epoch_date(Some("gestern")), None);
        assert_eq!(epoch_date(None), None);
    }

    #[test]
    fn profiles_parse_from_their_names() {
        for (name, profile) in PdfProfile::ALL {
            assert_eq!(name.parse::<PdfProfile>().unwrap(), profile);
            assert_eq!(profile.to_string(), name);
        }
        assert_eq!("UA-A2A".parse::<PdfProfile>().unwrap(), PdfProfile::UaA2a);
        assert!("a1b".parse::<PdfProfile>().is_err());
    }

    #[test]
    fn every_profile_has_compatible_standards() {
        for (_, profile) in PdfProfile::ALL {
            assert!(PdfStandards::new(profile.standards()).is_ok(), "{profile}");
        }
    }
}
