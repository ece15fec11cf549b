//! The render stage: handlebars text modules and Typst documents to PDF.
//!
//! One [`Engine`] is built per run: it loads the fonts of the templates
//! folder and Typst's standard library once and caches template sources, so
//! that documents compiled after the first reuse typst's memoised work. The
//! engine is `Sync`: documents may be compiled in parallel.
//!
//! Data reaches templates only as the virtual file `/data.json`
//! (`#let data = json("/data.json")`), never as Typst source, so no text in
//! the data can change what a template does.

mod deps;
mod error;
mod glyphs;
mod pdf;
mod texts;
mod world;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::Bytes;
use typst_kit::diagnostics::DiagnosticWorld;
use typst_layout::PagedDocument;

pub use self::deps::{Dependencies, content_hash};
pub use self::error::RenderError;
pub use self::glyphs::{Glyphs, PLACEHOLDER};
pub use self::pdf::{PdfProfile, PdfSettings, source_date};
pub use self::texts::{Texts, typst_escape};

use self::world::{DocWorld, Shared};

/// Compiles Typst templates of one templates folder into PDFs.
pub struct Engine {
    shared: Shared,
    /// The content hash of every font, by index; computed when first needed.
    font_hashes: std::sync::OnceLock<Vec<String>>,
    /// Nanoseconds spent in typst's layout and in PDF export, summed over
    /// all threads, for `QDFH_STAGE_TIMES`.
    layout_ns: AtomicU64,
    export_ns: AtomicU64,
}

/// A compiled PDF together with the warnings typst reported for it.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// Warnings formatted like typst's CLI (file, line, source line); empty
    /// when there were none.
    pub warnings: String,
    /// The template files and fonts it was made from.
    pub dependencies: Dependencies,
}

impl Engine {
    /// Prepares an engine for the templates in `templates_dir`.
    ///
    /// Fonts come only from `<templates_dir>/fonts` (`.ttf`, `.otf`), never
    /// from the system, so that every machine produces the same PDF; it is an
    /// error if there are none. Templates may read files only below
    /// `templates_dir`.
    pub fn new(templates_dir: &Path) -> Result<Engine, RenderError> {
        Ok(Engine {
            shared: Shared::new(templates_dir)?,
            font_hashes: std::sync::OnceLock::new(),
            layout_ns: AtomicU64::new(0),
            export_ns: AtomicU64::new(0),
        })
    }

    /// Which characters the fonts of the templates folder show.
    pub fn glyphs(&self) -> &Glyphs {
        &self.shared.glyphs
    }

    /// Time spent in typst's layout and in PDF export so far, summed over
    /// all threads.
    pub fn stage_times(&self) -> (Duration, Duration) {
        let get = |ns: &AtomicU64| Duration::from_nanos(ns.load(Ordering::Relaxed));
        (get(&self.layout_ns), get(&self.export_ns))
    }

    /// Whether the template files and fonts a document was made from are
    /// all as they were (see [`Rendered::dependencies`]).
    pub fn unchanged(&self, dependencies: &Dependencies) -> bool {
        self.shared.unchanged(dependencies, &self.shared.font_hashes(&self.font_hashes))
    }

    /// Compiles `template` (relative to the templates folder, e.g.
    /// `"muster.typ"`) with `data` as `/data.json` into a PDF.
    ///
    /// Warnings do not fail the compile; use [`Engine::compile`] to see them.
    pub fn compile_pdf(
        &self,
        template: &str,
        data: &serde_json::Value,
        settings: &PdfSettings,
    ) -> Result<Vec<u8>, RenderError> {
        self.compile(template, data, settings).map(|rendered| rendered.pdf)
    }

    /// Like [`Engine::compile_pdf`], but also returns typst's warnings.
    pub fn compile(
        &self,
        template: &str,
        data: &serde_json::Value,
        settings: &PdfSettings,
    ) -> Result<Rendered, RenderError> {
        let main = self.shared.template_id(template)?;
        let data = Bytes::new(serde_json::to_vec(data)?);
        let mut world = DocWorld::new(&self.shared, main, data, settings.typst_date());
        if let Some((name, bytes)) = &settings.attachment {
            check_attachment(name, settings.profile)?;
            world = world.attach(name, bytes.clone());
        }
        let result = self.export(&world, main, settings).map(|mut rendered| {
            let reads = world.reads.lock().expect("reads lock");
            rendered.dependencies = self.shared.dependencies(&reads, &self.shared.font_hashes(&self.font_hashes));
            rendered
        });
        // typst's memo cache is global to the process and would otherwise
        // grow with every document; entries unused for one compile go.
        typst::comemo::evict(1);
        result
    }

    /// Lays out and exports the document of `world`.
    fn export(
        &self,
        world: &DocWorld<'_>,
        main: typst::syntax::FileId,
        settings: &PdfSettings,
    ) -> Result<Rendered, RenderError> {
        let template = self.shared.display_name(main);
        let started = Instant::now();
        let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
        self.layout_ns.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        let document = output.map_err(|errors| RenderError::Template {
            template: template.clone(),
            report: error::report(world, &errors),
        })?;
        let started = Instant::now();
        let pdf = typst_pdf::pdf(&document, &settings.options());
        self.export_ns.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        let pdf = pdf.map_err(|errors| RenderError::Pdf {
            template: template.clone(),
            profile: settings.profile.describe().to_string(),
            report: error::report(world, &errors),
        })?;
        Ok(Rendered { pdf, warnings: format_warnings(world, &warnings), dependencies: Dependencies::default() })
    }
}

fn format_warnings(world: &dyn DiagnosticWorld, warnings: &[SourceDiagnostic]) -> String {
    if warnings.is_empty() { String::new() } else { error::report(world, warnings) }
}

/// Refuses attachments the profile forbids and names that are no plain
/// file name (the name is shown in PDF readers' attachment lists).
fn check_attachment(name: &str, profile: PdfProfile) -> Result<(), RenderError> {
    let refuse = |reason: &str| Err(RenderError::Attachment { name: name.to_string(), reason: reason.to_string() });
    if !profile.allows_attachment() {
        return refuse(&format!(
            "{} erlaubt keine eingebetteten Dateien; verwenden Sie das Profil `a3b` oder `plain`",
            profile.describe()
        ));
    }
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && !name.chars().any(char::is_control);
    if plain { Ok(()) } else { refuse("der Name muss ein einfacher Dateiname wie `daten.json` sein") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_sync<T: Sync + Send>() {}

    #[test]
    fn engine_can_be_shared_between_threads() {
        assert_sync::<Engine>();
    }

    #[test]
    fn attachments_need_a_plain_name_and_a_profile_that_allows_them() {
        assert!(check_attachment("daten.json", PdfProfile::A3b).is_ok());
        assert!(check_attachment("daten.json", PdfProfile::UaA2a).is_err());
        assert!(check_attachment("../daten.json", PdfProfile::A3b).is_err());
        assert!(check_attachment("", PdfProfile::Plain).is_err());
    }
}
