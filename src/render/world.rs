//! The Typst world: fonts, standard library and files shared by every
//! document of a run, plus the small per-document view typst compiles.
//!
//! Shared state lives in [`Shared`], built once per run. Each compile builds
//! a [`DocWorld`] that borrows it and adds what differs between documents
//! (main file, data, date), so parallel compiles need no copying and typst's
//! memoisation sees the same `Source` values across documents.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};
use typst_kit::diagnostics::DiagnosticWorld;

use super::error::RenderError;
use super::glyphs::Glyphs;

/// Virtual path under which each document's data is served.
pub(crate) const DATA_PATH: &str = "/data.json";

/// Folder of virtual files the engine itself provides; never read from disk.
const INTERNAL_DIR: &str = "/.qdfh";

/// Virtual main file that includes a template and attaches a file to it.
///
/// typst only attaches files that the document asks for with `pdf.attach`, so
/// attaching without touching the template needs a wrapper. Everything that
/// varies is read from `JOB_PATH`, so no caller text ever becomes source.
const WRAPPER_PATH: &str = "/.qdfh/main.typ";
const WRAPPER_TEXT: &str = r#"#let job = json("/.qdfh/job.json")
#{ include job.template }
#pdf.attach(
  "/" + job.name,
  read("/.qdfh/attachment", encoding: none),
  relationship: "data",
  mime-type: job.mime,
  description: job.description,
)
"#;

/// Virtual JSON file describing the wrapped template and its attachment.
pub(crate) const JOB_PATH: &str = "/.qdfh/job.json";

/// Virtual file holding the attachment's bytes.
const ATTACHMENT_PATH: &str = "/.qdfh/attachment";

/// State shared by all documents of a run: built once, read by many threads.
pub(crate) struct Shared {
    /// Canonical templates folder; every real file must lie below it.
    root: PathBuf,
    /// The templates folder as the user named it, for messages.
    display_root: PathBuf,
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    pub(crate) fonts: Vec<Font>,
    /// What the fonts can show.
    pub(crate) glyphs: Glyphs,
    /// Loaded files. Kept for the whole run so that typst's memoisation
    /// recognises unchanged sources from one document to the next.
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    /// Content hashes of template files by path, for incremental builds.
    pub(crate) hashes: Mutex<HashMap<String, String>>,
}

impl Shared {
    /// Loads the fonts below `templates_dir` and builds the standard library.
    pub(crate) fn new(templates_dir: &Path) -> Result<Self, RenderError> {
        let root = fs::canonicalize(templates_dir)
            .map_err(|source| RenderError::Io { path: templates_dir.to_path_buf(), source })?;
        let fonts = load_fonts(&root.join("fonts"), &templates_dir.join("fonts"))?;
        // `pdf.header-cell` and `pdf.table-summary` make chart tables accessible.
        let features = [Feature::A11yExtras].into_iter().collect();
        let library = Library::builder().with_features(features).build();
        Ok(Self {
            root,
            display_root: display_path(templates_dir),
            library: LazyHash::new(library),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            glyphs: Glyphs::of_fonts(&fonts),
            fonts,
            sources: Mutex::new(HashMap::new()),
            files: Mutex::new(HashMap::new()),
            hashes: Mutex::new(HashMap::new()),
        })
    }

    /// The file id of a template given relative to the templates folder.
    pub(crate) fn template_id(&self, template: &str) -> Result<FileId, RenderError> {
        let invalid = |reason: String| RenderError::InvalidTemplatePath { template: template.to_string(), reason };
        let vpath = VirtualPath::new(format!("/{template}")).map_err(|e| invalid(e.to_string()))?;
        if vpath.get_with_slash().starts_with(INTERNAL_DIR) {
            return Err(invalid("dieser Ordner ist qdfh vorbehalten".into()));
        }
        if !self.real_path(&vpath).is_ok_and(|p| p.is_file()) {
            return Err(invalid(format!("keine solche Datei in {}", self.display_root.display())));
        }
        Ok(id_of(&vpath))
    }

    /// The template path as users see it in messages, e.g. `templates/muster.typ`.
    pub(crate) fn display_name(&self, id: FileId) -> String {
        let vpath = id.vpath().get_without_slash();
        if id.vpath().get_with_slash().starts_with(INTERNAL_DIR) {
            format!("<qdfh>/{vpath}")
        } else if id.vpath().get_with_slash() == DATA_PATH {
            "<data>/data.json".to_string()
        } else {
            self.display_root.join(vpath).display().to_string()
        }
    }

    /// Reads a real file, refusing anything outside the templates folder.
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "Pakete sind nicht verfügbar (qdfh arbeitet ohne Netz); \
                 legen Sie Hilfsfunktionen unter templates/lib ab"
                    .into(),
            )));
        }
        let path = self.real_path(id.vpath())?;
        if path.is_dir() {
            return Err(FileError::IsDirectory);
        }
        fs::read(&path).map(Bytes::new).map_err(|e| FileError::from_io(e, &path))
    }

    /// Resolves a virtual path, following symlinks, and checks it stays
    /// below the templates folder.
    fn real_path(&self, vpath: &VirtualPath) -> FileResult<PathBuf> {
        let joined = vpath.realize(&self.root).map_err(FileError::Realize)?;
        let real = fs::canonicalize(&joined).map_err(|e| FileError::from_io(e, &joined))?;
        if real.starts_with(&self.root) { Ok(real) } else { Err(FileError::AccessDenied) }
    }

    pub(crate) fn cached_file(&self, id: FileId) -> FileResult<Bytes> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.entry(id).or_insert_with(|| self.load(id)).clone()
    }

    fn cached_source(&self, id: FileId) -> FileResult<Source> {
        let mut sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = sources.get(&id) {
            return found.clone();
        }
        let source = self.cached_file(id).and_then(|bytes| source_from(id, &bytes));
        sources.insert(id, source.clone());
        source
    }
}

/// What one document adds to the shared state.
pub(crate) struct DocWorld<'a> {
    shared: &'a Shared,
    main: FileId,
    data: Bytes,
    /// JSON job description and attachment bytes, when wrapping the template.
    job: Option<(Bytes, Bytes)>,
    today: Datetime,
    /// Template files and fonts this document read, for incremental builds.
    pub(crate) reads: Mutex<Reads>,
}

/// What a document read besides its data: template files (as paths below
/// the templates folder, e.g. `lib/charts.typ`) and fonts (by index).
#[derive(Debug, Default, Clone)]
pub(crate) struct Reads {
    pub(crate) files: std::collections::BTreeSet<String>,
    pub(crate) fonts: std::collections::BTreeSet<usize>,
}

impl<'a> DocWorld<'a> {
    /// A world compiling `template` with `data` served as `/data.json`.
    pub(crate) fn new(shared: &'a Shared, template: FileId, data: Bytes, today: Datetime) -> Self {
        Self { shared, main: template, data, job: None, today, reads: Mutex::default() }
    }

    /// Compiles through the wrapper so that `bytes` get attached as `name`.
    pub(crate) fn attach(mut self, name: &str, bytes: Vec<u8>) -> Self {
        let job = serde_json::json!({
            "template": self.main.vpath().get_with_slash(),
            "name": name,
            "mime": mime_type(name),
            "description": "Daten, aus denen dieser Bericht erstellt wurde",
        });
        self.job = Some((Bytes::new(job.to_string().into_bytes()), Bytes::new(bytes)));
        self.main = id_of(&virtual_path(WRAPPER_PATH));
        self
    }

    /// Notes a template file as read (also one that is missing: creating
    /// it later changes the document).
    fn record_file(&self, id: FileId) {
        let path = id.vpath().get_without_slash().to_string();
        self.reads.lock().expect("reads lock").files.insert(path);
    }

    /// The engine-provided file at `id`, if it is one.
    fn virtual_file(&self, id: FileId) -> Option<FileResult<Bytes>> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return None;
        }
        let path = id.vpath().get_with_slash();
        if path == DATA_PATH {
            return Some(Ok(self.data.clone()));
        }
        if !path.starts_with(INTERNAL_DIR) {
            return None;
        }
        let found = match (&self.job, path) {
            (Some(_), WRAPPER_PATH) => Bytes::from_string(WRAPPER_TEXT),
            (Some((job, _)), JOB_PATH) => job.clone(),
            (Some((_, attachment)), ATTACHMENT_PATH) => attachment.clone(),
            _ => return Some(Err(FileError::NotFound(PathBuf::from(path)))),
        };
        Some(Ok(found))
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.virtual_file(id) {
            Some(bytes) => bytes.and_then(|b| source_from(id, &b)),
            None => {
                self.record_file(id);
                self.shared.cached_source(id)
            }
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match self.virtual_file(id) {
            Some(bytes) => bytes,
            None => {
                self.record_file(id);
                self.shared.cached_file(id)
            }
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.reads.lock().expect("reads lock").fonts.insert(index);
        self.shared.fonts.get(index).cloned()
    }

    /// The document date, never the clock, so that output is reproducible.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl DiagnosticWorld for DocWorld<'_> {
    fn name(&self, id: FileId) -> String {
        self.shared.display_name(id)
    }
}

/// Loads every `.ttf`/`.otf` file of `dir`, in name order for stable output.
pub(crate) fn load_fonts(dir: &Path, shown: &Path) -> Result<Vec<Font>, RenderError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(RenderError::NoFonts(shown.to_path_buf()));
        }
        Err(source) => return Err(RenderError::Io { path: shown.to_path_buf(), source }),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("ttf") || e.eq_ignore_ascii_case("otf"))
        })
        .collect();
    paths.sort();
    let mut fonts = Vec::new();
    for path in &paths {
        let data = fs::read(path).map_err(|source| RenderError::Io { path: path.clone(), source })?;
        fonts.extend(Font::iter(Bytes::new(data)));
    }
    if fonts.is_empty() {
        return Err(RenderError::NoFonts(shown.to_path_buf()));
    }
    Ok(fonts)
}

/// Decodes a source file, tolerating a UTF-8 byte order mark.
fn source_from(id: FileId, bytes: &Bytes) -> FileResult<Source> {
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::InvalidUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(Source::new(id, text.to_string()))
}

pub(crate) fn id_of(vpath: &VirtualPath) -> FileId {
    RootedPath::new(VirtualRoot::Project, vpath.clone()).intern()
}

pub(crate) fn virtual_path(path: &str) -> VirtualPath {
    VirtualPath::new(path).expect("engine paths are valid")
}

/// Shows a relative templates folder as given and an absolute one relative to
/// the working directory when possible, as typst's CLI does.
fn display_path(dir: &Path) -> PathBuf {
    let cwd = std::env::current_dir().ok();
    match cwd.and_then(|cwd| dir.strip_prefix(cwd).ok().map(Path::to_path_buf)) {
        Some(relative) if dir.is_absolute() => relative,
        _ => dir.to_path_buf(),
    }
}

fn mime_type(name: &str) -> &'static str {
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "json" => "application/json",
        "csv" => "text/csv",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}
