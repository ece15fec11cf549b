//! Making a document in two steps, so an incremental build can stop after
//! the cheap one: [`Document::prepare`] computes the content and its input
//! key (data, settings, qdfh's version), [`Prepared::make`] compiles.

use super::{Content, Document, DocumentError, YearContext};
use crate::render::{Dependencies, Engine, PdfSettings, content_hash};

/// A made document.
#[derive(Debug)]
pub struct Made {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Typst warnings formatted like typst's CLI; empty when there were none.
    pub warnings: String,
    /// The template files and fonts it was made from (none for a file that
    /// is not compiled, such as the summary workbook).
    pub dependencies: Dependencies,
}

/// A document whose content is known and not yet compiled.
pub struct Prepared {
    /// The hash of everything the document is made from except template
    /// files and fonts: its data, the PDF settings and qdfh's version.
    pub input_key: String,
    ready: Ready,
}

enum Ready {
    Pdf { template: &'static str, data: serde_json::Value, settings: PdfSettings, replaced: Vec<char> },
    File { key: Vec<u8>, make: super::FileMaker },
}

impl Document {
    /// Computes the document's content and input key without compiling.
    pub fn prepare(&self, year: &YearContext, engine: &Engine) -> Result<Prepared, DocumentError> {
        let ready = match self.kind.content(self, year)? {
            Content::File { key, make } => Ready::File { key, make },
            Content::Pdf(mut job) => {
                let replaced = engine.glyphs().make_printable(&mut job.data);
                let profile = year.settings.pdf;
                let settings = PdfSettings {
                    profile,
                    ident: self.ident(),
                    date: year.date(),
                    attachment: job.attachment.filter(|_| profile.allows_attachment()),
                };
                Ready::Pdf { template: job.template, data: job.data, settings, replaced }
            }
        };
        Ok(Prepared { input_key: input_key(&ready)?, ready })
    }
}

impl Prepared {
    /// The template and its `/data.json` exactly as typst gets them; `None`
    /// for a file that is not compiled.
    pub fn template_data(&self) -> Option<(&'static str, &serde_json::Value)> {
        match &self.ready {
            Ready::Pdf { template, data, .. } => Some((template, data)),
            Ready::File { .. } => None,
        }
    }

    /// Compiles the document, or makes the file.
    pub fn make(self, engine: &Engine) -> Result<Made, DocumentError> {
        let (template, data, settings, replaced) = match self.ready {
            Ready::File { make, .. } => {
                let bytes = make()?;
                return Ok(Made { bytes, warnings: String::new(), dependencies: Dependencies::default() });
            }
            Ready::Pdf { template, data, settings, replaced } => (template, data, settings, replaced),
        };
        let rendered = engine.compile(template, &data, &settings)?;
        let mut warnings = rendered.warnings;
        if !replaced.is_empty() {
            let note = format!(
                "Warnung: keine mitgelieferte Schrift kann {} darstellen; gedruckt wird stattdessen „{}“",
                crate::format::named_characters(&replaced),
                crate::render::PLACEHOLDER
            );
            warnings = if warnings.is_empty() { note } else { format!("{note}\n{warnings}") };
        }
        Ok(Made { bytes: rendered.pdf, warnings, dependencies: rendered.dependencies })
    }
}

/// Hashes what a document is made of, besides template files and fonts.
fn input_key(ready: &Ready) -> Result<String, DocumentError> {
    let mut hasher = blake3::Hasher::new();
    hasher.update(concat!("qdfh ", env!("CARGO_PKG_VERSION"), "\n").as_bytes());
    match ready {
        Ready::File { key, .. } => {
            hasher.update(b"file\n").update(key);
        }
        Ready::Pdf { template, data, settings, replaced: _ } => {
            let head = format!("pdf\n{template}\n{:?}\n{}\n{}\n", settings.profile, settings.ident, settings.date);
            hasher.update(head.as_bytes());
            if let Some((name, bytes)) = &settings.attachment {
                hasher.update(format!("{name}\n{}\n", content_hash(bytes)).as_bytes());
            }
            hasher.update(&serde_json::to_vec(data)?);
        }
    }
    Ok(hasher.finalize().to_hex().to_string())
}
