//! The pages: Handlebars templates under `templates/web/` (a LaKo may
//! restyle them), falling back to the shipped ones for a project made
//! before they existed. Every value is HTML-escaped by Handlebars; only the
//! rendered body goes unescaped into the frame.

use std::path::Path;

use handlebars::Handlebars;
use serde::Serialize;
use serde_json::{Value, json};

use crate::project::DEFAULT_TEMPLATES;

/// The page templates, by name.
const PAGES: [&str; 8] = ["seite", "anmelden", "ablage", "kommune", "meldungen", "ergebnis", "lako", "hinweis"];
/// Files served as they are: name and content type.
pub const ASSETS: [(&str, &str); 2] =
    [("stil.css", "text/css; charset=utf-8"), ("ablage.js", "text/javascript; charset=utf-8")];

/// The loaded templates and assets.
pub struct Pages {
    registry: Handlebars<'static>,
    assets: Vec<Vec<u8>>,
}

/// What every page's frame needs.
#[derive(Debug, Default, Serialize)]
pub struct Frame {
    /// The title.
    pub title: String,
    /// Whether someone is signed in.
    pub signed_in: bool,
    /// Whether sign-in is by code (then a sign-out button shows).
    pub shared: bool,
    /// Who is signed in, e.g. "Stadt Auenfeld" or "Landeskoordinierungsstelle".
    pub who: String,
    /// The session's form token.
    pub csrf: String,
    /// While reports are rebuilt: seconds until the page reloads itself
    /// (without JavaScript; with it, the script reloads once the build is
    /// done and no file is chosen).
    pub refresh: Option<u32>,
}

impl Pages {
    /// Loads `templates/web/` of the project, or the shipped pages.
    pub fn load(templates_dir: &Path) -> Result<Pages, String> {
        let dir = templates_dir.join("web");
        let read = |name: &str| -> Result<String, String> {
            if dir.is_dir() {
                std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()))
            } else {
                DEFAULT_TEMPLATES
                    .get_file(format!("web/{name}"))
                    .and_then(|f| f.contents_utf8())
                    .map(str::to_string)
                    .ok_or_else(|| format!("web/{name} fehlt in den mitgelieferten Vorlagen"))
            }
        };
        let mut registry = Handlebars::new();
        for name in PAGES {
            let text = read(&format!("{name}.hbs"))?;
            registry.register_template_string(name, text).map_err(|e| format!("web/{name}.hbs: {e}"))?;
        }
        let assets = ASSETS.iter().map(|(name, _)| read(name).map(String::into_bytes)).collect::<Result<_, _>>()?;
        Ok(Pages { registry, assets })
    }

    /// The bytes of asset number `index` of [`ASSETS`].
    pub fn asset(&self, index: usize) -> &[u8] {
        &self.assets[index]
    }

    /// Renders page `name` with `data` into the frame.
    pub fn render(&self, name: &str, frame: &Frame, data: Value) -> String {
        let mut data = data;
        if let Value::Object(map) = &mut data {
            map.insert("csrf".into(), json!(frame.csrf));
        }
        let body = self.registry.render(name, &data).unwrap_or_else(|e| fallback(&e.to_string()));
        let mut frame = serde_json::to_value(frame).unwrap_or_default();
        frame["body"] = json!(body);
        self.registry.render("seite", &frame).unwrap_or_else(|e| fallback(&e.to_string()))
    }
}

/// A page that says a template is broken (a LaKo restyling it sees why).
fn fallback(error: &str) -> String {
    let escaped = handlebars::html_escape(error);
    format!("<!DOCTYPE html><html lang=\"de\"><title>Fehler</title><p>Seitenvorlage fehlerhaft: {escaped}</p></html>")
}
