//! Handlebars text modules (`templates/texte/*.hbs`).
//!
//! Texts are rendered to plain strings and handed to Typst inside the data
//! JSON, where they are values, not markup: so no escaping applies to them.
//! Whoever places handlebars output into Typst *source* must use the `typst`
//! helper, which escapes every markup character.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use handlebars::{Handlebars, handlebars_helper};
use serde::Serialize;

use super::error::RenderError;

/// The text modules of a templates folder, parsed once per run.
pub struct Texts {
    registry: Handlebars<'static>,
    /// Template name → file, to name the file in error messages.
    files: BTreeMap<String, PathBuf>,
    dir: PathBuf,
}

handlebars_helper!(typst_helper: |value: Json| match value {
    serde_json::Value::String(s) => typst_escape(s),
    other => typst_escape(&other.to_string()),
});

impl Texts {
    /// Loads every `*.hbs` file of `dir`; the template name is the file stem.
    /// A text the folder lacks is taken from the shipped templates, so a
    /// project made by an earlier qdfh keeps working when a new version
    /// adds a text.
    ///
    /// Strict mode is on: a variable missing from the data is an error, not
    /// an empty string, so gaps in the data never go unnoticed into a report.
    pub fn load(dir: &Path) -> Result<Texts, RenderError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(handlebars::no_escape);
        registry.register_helper("typst", Box::new(typst_helper));
        let mut files = BTreeMap::new();
        for path in hbs_files(dir)? {
            let Some(name) = path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else {
                continue;
            };
            let text = fs::read_to_string(&path).map_err(|source| RenderError::Io { path: path.clone(), source })?;
            registry.register_template_string(&name, text).map_err(|e| RenderError::Text {
                file: path.clone(),
                line: e.pos().map(|(l, _)| l),
                column: e.pos().map(|(_, c)| c),
                message: e.reason().to_string(),
            })?;
            files.insert(name, path);
        }
        for (name, text) in shipped_texts() {
            if files.contains_key(name) {
                continue;
            }
            let path = PathBuf::from(format!("{SHIPPED_DIR}/{name}.hbs"));
            let parsed = registry.register_template_string(name, text);
            parsed.map_err(|e| RenderError::Text {
                file: path.clone(),
                line: None,
                column: None,
                message: e.to_string(),
            })?;
            files.insert(name.to_string(), path);
        }
        Ok(Texts { registry, files, dir: dir.to_path_buf() })
    }

    /// Renders the text module `name` with `data`.
    pub fn render(&self, name: &str, data: &impl Serialize) -> Result<String, RenderError> {
        let Some(file) = self.files.get(name) else {
            return Err(RenderError::UnknownText { name: name.to_string(), dir: self.dir.clone() });
        };
        self.registry.render(name, data).map_err(|e| {
            // Errors inside a partial name the partial, not the outer text.
            let file = e.template_name.as_ref().and_then(|n| self.files.get(n)).unwrap_or(file).clone();
            RenderError::Text { file, line: e.line_no, column: e.column_no, message: e.reason().to_string() }
        })
    }

    /// The names of all loaded text modules, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

/// The texts folder inside the shipped templates.
const SHIPPED_DIR: &str = "texte";

/// The shipped text modules: (name, text).
fn shipped_texts() -> impl Iterator<Item = (&'static str, &'static str)> {
    crate::project::DEFAULT_TEMPLATES
        .get_dir(SHIPPED_DIR)
        .into_iter()
        .flat_map(|dir| dir.files())
        .filter(|f| f.path().extension().is_some_and(|e| e == "hbs"))
        .filter_map(|f| Some((f.path().file_stem()?.to_str()?, f.contents_utf8()?)))
}

/// The `.hbs` files of `dir`, sorted; a missing folder means no texts.
fn hbs_files(dir: &Path) -> Result<Vec<PathBuf>, RenderError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(RenderError::Io { path: dir.to_path_buf(), source }),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "hbs") && p.is_file())
        .collect();
    paths.sort();
    Ok(paths)
}

/// Escapes `s` so that, placed into Typst markup, it prints exactly as typed.
///
/// Every character with a meaning in markup (`#`, `*`, `_`, `$`, `[`, `\`,
/// `//`, `=` at a line start, `1.` lists, `--` dashes, smart quotes …) gets a
/// backslash; Typst prints any escaped character literally.
pub fn typst_escape(s: &str) -> String {
    const SPECIAL: &str = "\\#*_`$<>@[]{}'\"~:=-+/.";
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        if SPECIAL.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::syntax::{SyntaxKind, SyntaxNode, ast};

    /// Parses `escaped` as markup and returns the text it prints, failing if
    /// any node other than plain text, escapes or spaces appears.
    fn printed(escaped: &str) -> String {
        let root = typst::syntax::parse(escaped);
        let mut out = String::new();
        collect(&root, &mut out);
        out
    }

    fn collect(node: &SyntaxNode, out: &mut String) {
        match node.kind() {
            SyntaxKind::Markup => node.children().for_each(|c| collect(c, out)),
            SyntaxKind::Text | SyntaxKind::Space => out.push_str(node.leaf_text()),
            SyntaxKind::Escape => out.push(node.cast::<ast::Escape>().unwrap().get()),
            other => panic!("markup node {other:?} in escaped text {:?}", node.full_text()),
        }
    }

    #[test]
    fn every_markup_character_prints_literally() {
        let cases = [
            "#panic(\"x\")",
            "*fett*",
            "_x_",
            "$x$",
            "<label>",
            "@ref",
            "[",
            "]",
            "\\",
            "//",
            "/*",
            "\"",
            "{{x}}",
            "`",
            "= Überschrift",
            "- Liste",
            "+ Aufzählung",
            "1. Punkt",
            "/ Begriff: Def",
            "a -- b --- c",
            "...",
            "~",
            "-5",
            "'x'",
            "http://example.org",
            "\\u{41}",
            "Straße & Gülşen Öztürk",
            "a\\\nb",
        ];
        for case in cases {
            assert_eq!(printed(&typst_escape(case)), case, "case {case:?}");
        }
    }

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(typst_escape("Müller und Łukasz, 12 Fälle"), "Müller und Łukasz, 12 Fälle");
    }

    #[test]
    fn helper_escapes_and_strict_mode_rejects_missing_variables() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("gruss.hbs"), "Hallo {{typst name}}!\n{{fehlt}}").unwrap();
        let texts = Texts::load(dir.path()).unwrap();
        let err = texts.render("gruss", &serde_json::json!({"name": "*x*"})).unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains("gruss.hbs:2"), "{shown}");
        fs::write(dir.path().join("gruss.hbs"), "Hallo {{typst name}}!").unwrap();
        let texts = Texts::load(dir.path()).unwrap();
        let out = texts.render("gruss", &serde_json::json!({"name": "*x* & <y>"})).unwrap();
        assert_eq!(out, "Hallo \\*x\\* & \\<y\\>!");
    }

    #[test]
    fn a_text_the_folder_lacks_comes_from_the_shipped_templates() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("blick_standards.hbs"), "eigener Text").unwrap();
        let texts = Texts::load(dir.path()).unwrap();
        // The folder's own text wins; a missing one is the shipped one.
        assert_eq!(texts.render("blick_standards", &serde_json::json!({})).unwrap(), "eigener Text");
        let data = serde_json::json!({"year": 2026, "municipality_id": "auenfeld"});
        let name = texts.render("dateiname_handout", &data).unwrap();
        assert_eq!(name.trim(), "2026/handouts/handout-auenfeld-2026.pdf");
        assert!(texts.render("gibt_es_nicht", &serde_json::json!({})).is_err());
    }
}
