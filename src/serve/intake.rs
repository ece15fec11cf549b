//! Taking in an uploaded workbook: is it a spreadsheet, what does the check
//! say, may this sign-in send it, and where does it go.
//!
//! An upload is written under `eingang/` (never under a name the client
//! chose), checked with the same reader as `qdfh check`, and then either
//! kept aside in `eingang/abgelehnt/` (errors, or not this sign-in's
//! municipality) or placed in `inputs/`. A placed workbook replaces the
//! earlier ones of the same kind, year and municipality (or cluster); those
//! go to `eingang/historie/`. Every step is logged in
//! `eingang/protokoll.txt`.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::access::{Role, random_token};
use super::overview::Overview;
use crate::catalog::Catalog;
use crate::diagnostics::Diagnostics;
use crate::files::safe;
use crate::ingest::{self, Workbook, export};

/// The folder for uploads, history and the log, at the project root.
pub const INTAKE_DIR: &str = "eingang";

/// The largest unpacked size of a zipped workbook (xlsx, ods): a small
/// upload must not unpack into gigabytes ("zip bomb").
const MAX_UNPACKED: u64 = 300_000_000;
/// The most files a zipped workbook may hold.
const MAX_ENTRIES: usize = 20_000;

/// What became of an upload.
#[derive(Debug, Serialize)]
pub enum Outcome {
    /// Placed in `inputs/` (the path shown to the user); the year's
    /// reports are being rebuilt.
    Placed { target: String, year: Option<i32>, replaced: usize, warnings: Vec<Finding> },
    /// The check found errors; kept aside, nothing changed.
    Faulty { findings: Vec<Finding> },
    /// Refused before or after the check (not a spreadsheet, another
    /// municipality, a kind only the LaKo sends).
    Refused { reason: String },
}

/// One line of the findings table.
#[derive(Debug, Serialize)]
pub struct Finding {
    /// "Fehler" or "Warnung".
    pub severity: &'static str,
    /// The file as the user named it.
    pub file: String,
    /// Sheet, if any.
    pub sheet: String,
    /// Cell, e.g. "C7", if any.
    pub cell: String,
    /// The same text as `qdfh check`.
    pub message: String,
}

/// The file extension a spreadsheet's content calls for, by its first
/// bytes; `None` for anything else.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if bytes.starts_with(OLE) {
        Some("xls")
    } else if bytes.starts_with(b"PK\x03\x04") {
        if bytes.get(30..38) == Some(b"mimetype") && has(b"application/vnd.oasis.opendocument.spreadsheet") {
            Some("ods")
        } else if has(b"xl/workbook.xml") {
            Some("xlsx")
        } else {
            None
        }
    } else {
        None
    }
}

/// Whether bytes look like text (a CSV export): a UTF-16 byte order mark,
/// or no NUL byte in the first 64 KiB.
fn is_text(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || !bytes.iter().take(65_536).any(|&b| b == 0)
}

/// Whether a zipped workbook is a readable archive that unpacks to at most
/// [`MAX_UNPACKED`] bytes in at most [`MAX_ENTRIES`] files (as its
/// directory says; the reader stops at the sizes declared there).
fn unpacks_within_limits(bytes: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "Die Datei ist beschädigt oder unvollständig (kein lesbares Arbeitsmappen-Archiv).".to_string())?;
    let too_large = || {
        format!(
            "Die Arbeitsmappe ist entpackt größer als {} MB; so große Eingaben nimmt die Seite nicht an.",
            MAX_UNPACKED / 1_000_000
        )
    };
    if archive.len() > MAX_ENTRIES {
        return Err(too_large());
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let size = archive.by_index_raw(index).map(|f| f.size()).unwrap_or(u64::MAX);
        total = total.saturating_add(size);
    }
    if total > MAX_UNPACKED { Err(too_large()) } else { Ok(()) }
}

/// Everything an upload needs besides its bytes.
pub struct Intake<'a> {
    /// The project root.
    pub root: &'a Path,
    /// The inputs folder.
    pub inputs: &'a Path,
    /// The catalog.
    pub catalog: &'a Catalog,
    /// The current picture of the inputs (register and files).
    pub overview: &'a Overview,
    /// Held while files in `inputs/` are swapped, so a build never reads
    /// half a swap.
    pub inputs_lock: &'a std::sync::Mutex<()>,
}

impl Intake<'_> {
    /// Checks and places one upload sent by `role` under the name
    /// `shown_name` (for messages and the log only).
    pub fn accept(&self, role: &Role, shown_name: &str, bytes: &[u8]) -> Outcome {
        let outcome = self.check_and_place(role, shown_name, bytes);
        let verdict = match &outcome {
            Outcome::Placed { target, .. } => format!("angenommen → {target}"),
            Outcome::Faulty { findings } => {
                format!("abgelehnt: {} Fehler", findings.iter().filter(|f| f.severity == "Fehler").count())
            }
            Outcome::Refused { reason } => format!("verweigert: {reason}"),
        };
        self.log(&format!("{} | {} | {verdict}", role.log_name(), printable(shown_name)));
        outcome
    }

    fn check_and_place(&self, role: &Role, shown_name: &str, bytes: &[u8]) -> Outcome {
        let export = self.export_name(shown_name);
        let extension = match (sniff(bytes), &export) {
            (Some(extension), _) => extension,
            (None, Some(_)) if is_text(bytes) => "csv",
            (None, _) => {
                return Outcome::Refused {
                    reason: "Die Datei ist keine Tabelle (erwartet: .xlsx, .xlsm, .ods oder .xls, oder ein \
                             Umfrage-Export, benannt wie limesurvey-<kommune>-<jahr>.csv)."
                        .into(),
                };
            }
        };
        if ["xlsx", "ods"].contains(&extension)
            && let Err(reason) = unpacks_within_limits(bytes)
        {
            return Outcome::Refused { reason };
        }
        let intake = self.root.join(INTAKE_DIR);
        // An export is read by its name, so it is checked under the name its
        // profile gives (made of safe characters), in a folder of its own.
        let private = intake.join(format!(".upload-{}", &random_token()[..16]));
        let stem = export.clone().unwrap_or_else(|| "mappe".into());
        let upload = private.join(format!("{stem}.{extension}"));
        let written = std::fs::create_dir_all(&private).and_then(|()| crate::files::write_atomically(&upload, bytes));
        if let Err(e) = written {
            let _ = std::fs::remove_dir_all(&private);
            return Outcome::Refused { reason: format!("Die Datei kann nicht gespeichert werden: {e}") };
        }
        let (workbook, diagnostics) = ingest::read_workbook(&upload, self.catalog, Some(&self.overview.municipalities));
        let findings = findings(&diagnostics, shown_name);
        let outcome = match workbook.filter(|_| diagnostics.error_count() == 0) {
            None => Outcome::Faulty { findings },
            Some(workbook) => match self.destination(role, &workbook, extension, export.as_deref()) {
                Err(reason) => Outcome::Refused { reason },
                Ok(destination) => self.place(&upload, destination, findings),
            },
        };
        if upload.exists() {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let unique = &random_token()[..6];
            let aside = intake.join("abgelehnt").join(format!("{stamp}-{}-{unique}.{extension}", role_stem(role)));
            let moved = std::fs::create_dir_all(aside.parent().expect("has a parent"))
                .and_then(|()| std::fs::rename(&upload, &aside));
            if moved.is_err() {
                let _ = std::fs::remove_file(&upload);
            }
        }
        let _ = std::fs::remove_dir_all(&private);
        outcome
    }

    /// The file stem an online-survey export is kept under when the name
    /// it was sent with fits an import profile: the profile's first
    /// pattern with the municipality (made safe) and year it names.
    fn export_name(&self, shown_name: &str) -> Option<String> {
        let (profile, found) = export::profile_for(&self.catalog.imports, Path::new(shown_name))?;
        let pattern = profile.dateiname.first()?;
        Some(pattern.replace("{kommune}", &safe(&found.municipality)).replace("{jahr}", &found.year.to_string()))
    }

    /// Where a checked workbook goes and which files it replaces, or why
    /// this sign-in may not send it.
    fn destination(
        &self,
        role: &Role,
        workbook: &Workbook,
        extension: &str,
        export: Option<&str>,
    ) -> Result<Destination, String> {
        let only_lako = |what: &str| format!("{what} nimmt nur die Landeskoordinierungsstelle entgegen.");
        let own = |id: &str| {
            if role.covers(id) {
                Ok(())
            } else {
                Err(format!(
                    "Diese Arbeitsmappe gehört laut Info-Blatt zur Kommune „{id}“; mit Ihrem Zugang können Sie nur \
                     Arbeitsmappen Ihrer eigenen Kommune senden."
                ))
            }
        };
        let year_dir = |year: i32| self.inputs.join(year.to_string());
        match workbook {
            Workbook::Stammdaten(_) if *role == Role::Lako => Ok(Destination {
                target: self.inputs.join(format!("stammdaten.{extension}")),
                year: None,
                previous: self.overview.stammdaten_files.clone(),
            }),
            Workbook::Stammdaten(_) => Err(only_lako("Stammdaten")),
            Workbook::Kennzahlen(_) if *role != Role::Lako => Err(only_lako("Kennzahlen")),
            Workbook::Kennzahlen(figures) => Ok(Destination {
                target: year_dir(figures.year).join(format!("kennzahlen.{extension}")),
                year: Some(figures.year),
                previous: Vec::new(),
            }),
            Workbook::Befragung(survey) => {
                own(&survey.municipality)?;
                let stem = export.map_or_else(|| format!("befragung-{}", safe(&survey.municipality)), str::to_string);
                Ok(Destination {
                    target: year_dir(survey.year).join(format!("{stem}.{extension}")),
                    year: Some(survey.year),
                    previous: self.overview.survey_files(survey.year, &survey.municipality),
                })
            }
            Workbook::Standards(assessment) => {
                own(&assessment.municipality)?;
                let stem = format!("standards-{}", safe(&assessment.municipality));
                Ok(Destination {
                    target: year_dir(assessment.year).join(format!("{stem}.{extension}")),
                    year: Some(assessment.year),
                    previous: self.overview.standards_files(assessment.year, &assessment.municipality),
                })
            }
            Workbook::Fragebogen(questionnaire) => {
                own(&questionnaire.municipality)?;
                let folder =
                    year_dir(questionnaire.year).join(format!("fragebogen-{}", safe(&questionnaire.municipality)));
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
                Ok(Destination {
                    target: folder.join(format!("{stamp}-{}.{extension}", &random_token()[..6])),
                    year: Some(questionnaire.year),
                    previous: Vec::new(),
                })
            }
            Workbook::Werkstatt(workshop) => {
                let [municipality] = workshop.municipalities.as_slice() else {
                    if *role != Role::Lako {
                        return Err(only_lako("Werkstätten eines Clusters"));
                    }
                    let stem = self.overview.cluster_of(&workshop.municipalities).unwrap_or("mehrere".into());
                    return Ok(Destination {
                        target: year_dir(workshop.year).join(format!("werkstatt-cluster-{}.{extension}", safe(&stem))),
                        year: Some(workshop.year),
                        previous: self.overview.workshop_files(workshop.year, &workshop.municipalities),
                    });
                };
                own(municipality)?;
                Ok(Destination {
                    target: year_dir(workshop.year).join(format!("werkstatt-{}.{extension}", safe(municipality))),
                    year: Some(workshop.year),
                    previous: self.overview.workshop_files(workshop.year, &workshop.municipalities),
                })
            }
        }
    }

    /// Moves the upload to its place and the files it replaces to the history.
    fn place(&self, upload: &Path, destination: Destination, findings: Vec<Finding>) -> Outcome {
        let history = self.root.join(INTAKE_DIR).join("historie");
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let _swap = self.inputs_lock.lock().expect("inputs lock");
        let mut previous = destination.previous;
        previous.extend(same_stem(&destination.target));
        previous.sort();
        previous.dedup();
        let result = (|| -> std::io::Result<usize> {
            std::fs::create_dir_all(destination.target.parent().expect("has a parent"))?;
            std::fs::create_dir_all(&history)?;
            let keep = |old: &Path| {
                let name = old.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                history.join(format!("{stamp}-{}-{name}", &random_token()[..6]))
            };
            // The file of the same name is copied first and replaced in one
            // step, so a reader sees the old workbook or the new one.
            for old in previous.iter().filter(|p| **p == destination.target) {
                std::fs::copy(old, keep(old))?;
            }
            std::fs::rename(upload, &destination.target)?;
            for old in previous.iter().filter(|p| **p != destination.target && p.exists()) {
                std::fs::rename(old, keep(old))?;
            }
            Ok(previous.len())
        })();
        match result {
            Ok(replaced) => Outcome::Placed {
                target: destination.target.strip_prefix(self.root).unwrap_or(&destination.target).display().to_string(),
                year: destination.year,
                replaced,
                warnings: findings,
            },
            Err(e) => Outcome::Refused { reason: format!("Die Arbeitsmappe kann nicht abgelegt werden: {e}") },
        }
    }

    fn log(&self, line: &str) {
        log(self.root, line);
    }
}

/// Appends a line with the time to `eingang/protokoll.txt` and prints it.
pub fn log(root: &Path, line: &str) {
    {
        let path = root.join(INTAKE_DIR).join("protokoll.txt");
        let stamp = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let written = std::fs::create_dir_all(path.parent().expect("has a parent")).and_then(|()| {
            let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path)?;
            writeln!(file, "{stamp} | {line}")
        });
        if let Err(e) = written {
            eprintln!("{}: {e}", path.display());
        }
        eprintln!("{stamp} | {line}");
    }
}

/// Where a workbook goes and which files it replaces.
struct Destination {
    target: PathBuf,
    year: Option<i32>,
    previous: Vec<PathBuf>,
}

/// The workbooks beside `target` with its name and any spreadsheet
/// extension (an earlier upload as `.xls` is replaced by a new `.xlsx`),
/// including `target` itself.
fn same_stem(target: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(stem)) = (target.parent(), target.file_stem()) else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_stem() == Some(stem))
        .filter(|p| {
            p.extension().is_some_and(|e| ["xlsx", "xlsm", "ods", "xls", "csv"].contains(&&*e.to_string_lossy()))
        })
        .collect()
}

/// A file-name part for who sent a file.
fn role_stem(role: &Role) -> String {
    match role {
        Role::Lako => "lako".into(),
        Role::Municipality(id) => safe(id),
    }
}

/// A client-supplied name fit for one log line: no control characters,
/// at most 100 characters.
fn printable(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).take(100).collect()
}

/// The check's findings as table rows, naming the file as the user did.
fn findings(diagnostics: &Diagnostics, shown_name: &str) -> Vec<Finding> {
    diagnostics.items.iter().map(|d| Finding::of(d, printable(shown_name))).collect()
}

impl Finding {
    /// A finding's table row, naming its file `file`.
    pub fn of(diagnostic: &crate::diagnostics::Diagnostic, file: String) -> Finding {
        Finding {
            severity: if diagnostic.is_error() { "Fehler" } else { "Warnung" },
            file,
            sheet: diagnostic.sheet.clone().unwrap_or_default(),
            cell: diagnostic.cell.as_ref().map(|c| c.to_string()).unwrap_or_default(),
            message: diagnostic.message.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_spreadsheet_content_is_recognised() {
        assert_eq!(sniff(b"PK\x03\x04....[Content_Types].xml xl/workbook.xml"), Some("xlsx"));
        let mut ods = b"PK\x03\x04".to_vec();
        ods.extend([0u8; 26]);
        ods.extend(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
        assert_eq!(sniff(&ods), Some("ods"));
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Some("xls"));
        assert_eq!(sniff(b"PK\x03\x04 word/document.xml"), None, "a Word file is a zip too");
        assert_eq!(sniff(b"%PDF-1.7"), None);
        assert_eq!(sniff(b"<html>"), None);
    }

    #[test]
    fn a_workbook_that_unpacks_into_too_much_is_refused() {
        use std::io::Write;
        let mut small = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        small.start_file("xl/workbook.xml", options).unwrap();
        small.write_all(b"<workbook/>").unwrap();
        let small = small.finish().unwrap().into_inner();
        assert!(unpacks_within_limits(&small).is_ok());

        let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        bomb.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..(MAX_UNPACKED >> 20) + 1 {
            bomb.write_all(&zeros).unwrap();
        }
        let bomb = bomb.finish().unwrap().into_inner();
        assert!(bomb.len() < 1_000_000, "a small upload: {} bytes", bomb.len());
        let refused = unpacks_within_limits(&bomb).unwrap_err();
        assert!(refused.contains("entpackt größer als 300 MB"), "{refused}");
        assert!(unpacks_within_limits(b"PK\x03\x04 broken").is_err());
    }
}
