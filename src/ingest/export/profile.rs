//! Import profiles: TOML files under `templates/import/` that say which
//! column of an online-survey export holds what and which answer codes
//! mean which scale step (see `templates/import/limesurvey.toml`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::pattern::{Captures, Pattern};
use crate::catalog::{Catalog, Scale, fold_key};
use crate::model::Answer;

/// Folder of the import profiles inside `templates/`.
pub const PROFILES_DIR: &str = "import";

/// One import profile.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Name shown in messages, e.g. "LimeSurvey".
    pub name: String,
    /// File-name patterns (without extension) with `{kommune}` and `{jahr}`.
    pub dateiname: Vec<String>,
    /// Where each column is found.
    pub spalten: Columns,
    /// Header patterns of columns that are passed over silently.
    #[serde(default)]
    pub ignorieren: Vec<String>,
    /// Cell values that stand for a missing answer in every column (SoSci
    /// Survey's -9 "nicht beantwortet"); read as a blank cell.
    #[serde(default)]
    pub fehlend: Vec<String>,
    /// Patterns for the respondent-id cell of a row of variable
    /// descriptions right below the header (SoSci Survey's Excel export);
    /// such a row is skipped.
    #[serde(default)]
    pub beschreibungszeile: Vec<String>,
    /// When a response counts as complete.
    #[serde(default)]
    pub abschluss: Completion,
    /// Answer codes per column kind.
    #[serde(default)]
    pub antworten: Answers,
    /// The profile's id: its file name without `.toml` ("limesurvey").
    #[serde(skip)]
    pub id: String,
}

/// How the columns of an export are found.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// Respondent id (optional).
    pub person: Option<Spec>,
    /// Submission date; blank means incomplete (optional).
    pub abgeschickt: Option<Spec>,
    /// Completion status; complete when it holds a value of
    /// `abschluss.fertig` (optional).
    pub fertig: Option<Spec>,
    /// Last page reached (optional).
    pub letzte_seite: Option<Spec>,
    /// Sector (required).
    pub sektor: Spec,
    /// Level (required).
    pub ebene: Spec,
    /// Function (optional).
    pub funktion: Option<Spec>,
    /// Comment (optional).
    pub anmerkung: Option<Spec>,
    /// One column per goal; placeholders `{nr}`, `{nr2}`, `{dim}`, `{m}`,
    /// `{m2}`, `{ziel}`.
    pub ziel: Spec,
    /// One column per dimension; placeholders `{nr}`, `{nr2}`, `{dim}`.
    pub bedarf: Spec,
}

/// A column: by question code or by a pattern for its full text.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Question codes (the header is the code, or starts with it).
    #[serde(default)]
    pub code: Vec<String>,
    /// Patterns for the full question text.
    #[serde(default)]
    pub text: Vec<String>,
}

/// When a response counts as complete.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    /// The last page a complete response reached, if checked.
    pub letzte_seite: Option<u32>,
    /// The values of the `fertig` column that mean complete (SoSci
    /// Survey's FINISHED: 1, or T in its export for GNU R).
    #[serde(default)]
    pub fertig: Vec<String>,
}

/// Answer codes per column kind.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Goal ratings: code → step (number) or "weiß nicht" / "leer".
    #[serde(default)]
    pub ziel: BTreeMap<String, Mapped>,
    /// Development need: code → step or "weiß nicht" / "leer".
    #[serde(default)]
    pub bedarf: BTreeMap<String, Mapped>,
    /// Sector: code → catalog sector id or name.
    #[serde(default)]
    pub sektor: BTreeMap<String, Mapped>,
    /// Level: code → catalog level id or name.
    #[serde(default)]
    pub ebene: BTreeMap<String, Mapped>,
}

/// What an answer code stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Mapped {
    /// A scale step.
    Step(u8),
    /// A text: "weiß nicht", "leer", a sector or a level.
    Text(String),
}

/// A profile file could not be used.
#[derive(Debug, thiserror::Error)]
#[error("Import-Profil {path}: {}", .problems.join("; "))]
pub struct ProfileError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong, in German.
    pub problems: Vec<String>,
}

/// The profiles in `templates/import/`, sorted by id; the shipped ones when
/// the project has no such folder. Every profile is checked against the
/// catalog.
pub fn load_profiles(templates_dir: &Path, catalog: &Catalog) -> Result<Vec<Profile>, ProfileError> {
    let dir = templates_dir.join(PROFILES_DIR);
    let mut texts = Vec::new();
    if dir.is_dir() {
        let fail = |e: std::io::Error| ProfileError { path: dir.clone(), problems: vec![e.to_string()] };
        for entry in std::fs::read_dir(&dir).map_err(fail)? {
            let path = entry.map_err(fail)?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| ProfileError { path: path.clone(), problems: vec![e.to_string()] })?;
                texts.push((path, text));
            }
        }
    } else {
        texts = shipped_texts();
    }
    parse_all(texts, catalog)
}

/// The profiles shipped with qdfh, checked against the catalog.
pub fn shipped_profiles(catalog: &Catalog) -> Result<Vec<Profile>, ProfileError> {
    parse_all(shipped_texts(), catalog)
}

fn parse_all(texts: Vec<(PathBuf, String)>, catalog: &Catalog) -> Result<Vec<Profile>, ProfileError> {
    let mut profiles =
        texts.into_iter().map(|(path, text)| parse_profile(&path, &text, catalog)).collect::<Result<Vec<_>, _>>()?;
    profiles.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(profiles)
}

fn shipped_texts() -> Vec<(PathBuf, String)> {
    let Some(dir) = crate::project::DEFAULT_TEMPLATES.get_dir(PROFILES_DIR) else { return Vec::new() };
    dir.files().filter_map(|f| Some((Path::new("templates").join(f.path()), f.contents_utf8()?.to_string()))).collect()
}

/// Reads one profile and checks it against the catalog.
pub fn parse_profile(path: &Path, text: &str, catalog: &Catalog) -> Result<Profile, ProfileError> {
    let fail = |problems| ProfileError { path: path.to_path_buf(), problems };
    let mut profile: Profile = toml::from_str(text).map_err(|e| fail(vec![e.to_string()]))?;
    profile.id = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let problems = profile.problems(catalog);
    if problems.is_empty() { Ok(profile) } else { Err(fail(problems)) }
}

/// The profile called `name` (its id or its name, leniently).
pub fn find_profile<'p>(profiles: &'p [Profile], name: &str) -> Option<&'p Profile> {
    let key = fold_key(name);
    profiles.iter().find(|p| fold_key(&p.id) == key || fold_key(&p.name) == key)
}

/// The first profile whose file-name pattern the file's name fits, with
/// what the name says.
pub fn profile_for<'p>(profiles: &'p [Profile], file: &Path) -> Option<(&'p Profile, Captures)> {
    profiles.iter().find_map(|p| p.file_name(file).map(|c| (p, c)))
}

/// Extensions an export may have (lower case).
pub const EXPORT_EXTENSIONS: [&str; 5] = ["csv", "xlsx", "xlsm", "xls", "ods"];

impl Profile {
    /// What the file's name says, if it fits a pattern of this profile.
    pub fn file_name(&self, file: &Path) -> Option<Captures> {
        let ext = file.extension()?.to_string_lossy().to_lowercase();
        if !EXPORT_EXTENSIONS.contains(&ext.as_str()) {
            return None;
        }
        let stem = file.file_stem()?.to_string_lossy().to_string();
        self.dateiname.iter().filter_map(|p| Pattern::file_name(p).ok()).find_map(|p| p.captures(&stem))
    }

    /// The first file-name pattern as an example
    /// ("limesurvey-<kommune>-<jahr>.csv oder .xlsx").
    pub fn file_name_example(&self) -> String {
        let first = self.dateiname.first().map(String::as_str).unwrap_or_default();
        format!("{}.csv oder .xlsx", first.replace("{kommune}", "<kommune>").replace("{jahr}", "<jahr>"))
    }

    /// True if a cell's text stands for a missing answer (`fehlend`).
    pub fn is_missing(&self, text: &str) -> bool {
        let key = fold_key(text);
        self.fehlend.iter().any(|value| fold_key(value) == key)
    }

    /// True if the text of a `fertig` cell means complete.
    pub fn is_finished(&self, text: &str) -> bool {
        let key = fold_key(text);
        self.abschluss.fertig.iter().any(|value| fold_key(value) == key)
    }

    /// Every problem of the profile, in German.
    fn problems(&self, catalog: &Catalog) -> Vec<String> {
        let mut problems = Vec::new();
        if self.dateiname.is_empty() {
            problems.push("„dateiname“ fehlt, z. B. [\"limesurvey-{kommune}-{jahr}\"]".to_string());
        }
        for pattern in &self.dateiname {
            match Pattern::file_name(pattern) {
                Err(e) => problems.push(format!("dateiname „{pattern}“: {e}")),
                Ok(_) if !(pattern.contains("{kommune}") && pattern.contains("{jahr}")) => {
                    problems.push(format!("dateiname „{pattern}“ braucht {{kommune}} und {{jahr}}"))
                }
                Ok(_) => {}
            }
        }
        for (name, spec, vars) in self.specs() {
            if spec.code.is_empty() && spec.text.is_empty() {
                problems.push(format!("spalten.{name}: weder code noch text angegeben"));
            }
            for template in spec.code.iter().chain(&spec.text) {
                if let Err(e) = Pattern::header(template, vars) {
                    problems.push(format!("spalten.{name} „{template}“: {e}"));
                }
            }
        }
        for (name, templates) in [("ignorieren", &self.ignorieren), ("beschreibungszeile", &self.beschreibungszeile)] {
            for template in templates {
                if let Err(e) = Pattern::header(template, &[]) {
                    problems.push(format!("{name} „{template}“: {e}"));
                }
            }
        }
        self.completion_problems(&mut problems);
        self.answer_problems(catalog, &mut problems);
        problems
    }

    /// Every column spec with its name and placeholder values to try.
    fn specs(&self) -> Vec<(&'static str, &Spec, Vars)> {
        const NONE: &[(&str, &str)] = &[];
        const GOAL: &[(&str, &str)] =
            &[("nr", "1"), ("nr2", "01"), ("dim", "QD1"), ("m", "1"), ("m2", "01"), ("ziel", "1.1")];
        const NEED: &[(&str, &str)] = &[("nr", "1"), ("nr2", "01"), ("dim", "QD1")];
        let c = &self.spalten;
        let optional = [
            ("person", &c.person),
            ("abgeschickt", &c.abgeschickt),
            ("fertig", &c.fertig),
            ("letzte_seite", &c.letzte_seite),
            ("funktion", &c.funktion),
            ("anmerkung", &c.anmerkung),
        ];
        let mut specs: Vec<_> = optional.into_iter().filter_map(|(n, s)| s.as_ref().map(|s| (n, s, NONE))).collect();
        specs.extend([("sektor", &c.sektor, NONE), ("ebene", &c.ebene, NONE), ("ziel", &c.ziel, GOAL)]);
        specs.push(("bedarf", &c.bedarf, NEED));
        specs
    }

    /// A completion column needs the values that mean complete, and the
    /// reverse; a description row is recognised by the respondent id.
    fn completion_problems(&self, problems: &mut Vec<String>) {
        match (&self.spalten.fertig, self.abschluss.fertig.is_empty()) {
            (Some(_), true) => problems.push(
                "spalten.fertig braucht unter „abschluss“ die Werte für „fertig“, z. B. fertig = [\"1\"]".to_string(),
            ),
            (None, false) => problems.push("abschluss.fertig braucht die Spalte spalten.fertig".to_string()),
            _ => {}
        }
        if !self.beschreibungszeile.is_empty() && self.spalten.person.is_none() {
            problems.push("beschreibungszeile braucht die Spalte spalten.person (Antwort-ID)".to_string());
        }
    }

    fn answer_problems(&self, catalog: &Catalog, problems: &mut Vec<String>) {
        let scales = [
            ("ziel", &self.antworten.ziel, catalog.scale(&catalog.scales.verwendung.befragung)),
            ("bedarf", &self.antworten.bedarf, catalog.scale(&catalog.scales.verwendung.bedarf)),
        ];
        for (name, codes, scale) in scales {
            for (code, mapped) in codes {
                if mapped_answer(scale, mapped).is_none() {
                    problems.push(format!(
                        "antworten.{name}.{code}: {} ist keine Stufe der Skala „{}“ (erlaubt: {}, „leer“)",
                        show(mapped),
                        scale.name,
                        scale.allowed_description()
                    ));
                }
            }
        }
        for (code, mapped) in &self.antworten.sektor {
            if mapped_text(mapped).and_then(|t| catalog.find_sector(t)).is_none() {
                problems.push(format!("antworten.sektor.{code}: {} ist kein Sektor des Katalogs", show(mapped)));
            }
        }
        for (code, mapped) in &self.antworten.ebene {
            if mapped_text(mapped).and_then(|t| catalog.find_level(t)).is_none() {
                problems.push(format!("antworten.ebene.{code}: {} ist keine Ebene des Katalogs", show(mapped)));
            }
        }
    }
}

/// Placeholder values tried when a profile is checked.
type Vars = &'static [(&'static str, &'static str)];

/// The answer a mapped code stands for on `scale`.
pub fn mapped_answer(scale: &Scale, mapped: &Mapped) -> Option<Answer> {
    match mapped {
        Mapped::Step(step) => scale.parse_number(f64::from(*step)),
        Mapped::Text(text) if fold_key(text) == "leer" => Some(Answer::Blank),
        Mapped::Text(text) => scale.parse_text(text).filter(|a| *a == Answer::DontKnow),
    }
}

/// The text a mapped code stands for (sectors, levels).
pub fn mapped_text(mapped: &Mapped) -> Option<&str> {
    match mapped {
        Mapped::Text(text) => Some(text),
        Mapped::Step(_) => None,
    }
}

fn show(mapped: &Mapped) -> String {
    match mapped {
        Mapped::Step(step) => step.to_string(),
        Mapped::Text(text) => format!("„{text}“"),
    }
}

/// Looks up a code in a code map, leniently.
pub fn lookup<'m>(codes: &'m BTreeMap<String, Mapped>, text: &str) -> Option<&'m Mapped> {
    let key = fold_key(text);
    codes.iter().find(|(code, _)| fold_key(code) == key).map(|(_, mapped)| mapped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::default_catalog;

    #[test]
    fn the_shipped_profiles_are_valid() {
        let catalog = default_catalog();
        let profiles = shipped_profiles(&catalog).unwrap();
        let lime = find_profile(&profiles, "LimeSurvey").unwrap();
        assert_eq!(lime.id, "limesurvey");
        assert_eq!(lime.antworten.sektor.len(), catalog.material.sectors.len());
        let found = lime.file_name(Path::new("inputs/2026/limesurvey-auenfeld-2026.CSV")).unwrap();
        assert_eq!((found.municipality.as_str(), found.year), ("auenfeld", 2026));
        assert!(lime.file_name(Path::new("limesurvey-auenfeld-2026.pdf")).is_none());
        let ids: Vec<&str> = profiles.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["limesurvey", "msforms", "soscisurvey"]);
        let names = [("sosci-auenfeld-2026.xlsx", "soscisurvey"), ("msforms-auenfeld-2026.xlsx", "msforms")];
        for (name, id) in names {
            let (profile, found) = profile_for(&profiles, Path::new(name)).unwrap();
            assert_eq!((profile.id.as_str(), found.municipality.as_str(), found.year), (id, "auenfeld", 2026));
        }
        let sosci = find_profile(&profiles, "SoSci Survey").unwrap();
        assert_eq!(sosci.antworten.sektor.len(), catalog.material.sectors.len());
        assert!(sosci.is_missing(" -9 ") && !sosci.is_missing("-1"));
        assert!(sosci.is_finished("1") && sosci.is_finished("T") && !sosci.is_finished("0"));
    }

    #[test]
    fn a_completion_column_needs_its_values() {
        let catalog = default_catalog();
        let base = r#"
            name = "Test"
            dateiname = ["x-{kommune}-{jahr}"]
            [spalten]
            sektor = { code = ["S"] }
            ebene = { code = ["E"] }
            ziel = { code = ["Q{nr2}_{m2}"] }
            bedarf = { code = ["B_{nr2}"] }
        "#;
        let without_values = format!("{base}fertig = {{ code = [\"FINISHED\"] }}\n");
        let err = parse_profile(Path::new("t.toml"), &without_values, &catalog).unwrap_err();
        assert!(err.problems[0].starts_with("spalten.fertig braucht"), "{:?}", err.problems);
        let without_column = format!("{base}[abschluss]\nfertig = [\"1\"]\n");
        let err = parse_profile(Path::new("t.toml"), &without_column, &catalog).unwrap_err();
        assert_eq!(err.problems, ["abschluss.fertig braucht die Spalte spalten.fertig"]);
        let described = format!("beschreibungszeile = [\"Interview*\"]\n{base}");
        let err = parse_profile(Path::new("t.toml"), &described, &catalog).unwrap_err();
        assert_eq!(err.problems, ["beschreibungszeile braucht die Spalte spalten.person (Antwort-ID)"]);
        assert!(parse_profile(Path::new("t.toml"), base, &catalog).is_ok());
    }

    #[test]
    fn wrong_steps_and_sectors_are_named() {
        let catalog = default_catalog();
        let text = r#"
            name = "Test"
            dateiname = ["x-{kommune}"]
            [spalten]
            sektor = { code = ["S"] }
            ebene = { code = ["E"] }
            ziel = { code = ["Q{nr}[{ort}]"] }
            bedarf = { text = ["B{dim}"] }
            [antworten.ziel]
            A7 = 7
            X = "vielleicht"
            [antworten.sektor]
            S1 = "Bäckerei"
        "#;
        let err = parse_profile(Path::new("t.toml"), text, &catalog).unwrap_err();
        let all = err.problems.join("\n");
        assert!(all.contains("dateiname „x-{kommune}“ braucht {kommune} und {jahr}"), "{all}");
        assert!(all.contains("spalten.ziel „Q{nr}[{ort}]“: unbekannter Platzhalter {ort}"), "{all}");
        assert!(all.contains("antworten.ziel.A7: 7 ist keine Stufe"), "{all}");
        assert!(all.contains("antworten.ziel.X: „vielleicht“ ist keine Stufe"), "{all}");
        assert!(all.contains("antworten.sektor.S1: „Bäckerei“ ist kein Sektor"), "{all}");
    }
}
