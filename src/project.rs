//! A qdfh project on disk: the root with `qdfh.toml`, `templates/`, `inputs/`
//! and `output/`, and the defaults embedded in the binary for `qdfh init`.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::catalog::{Catalog, CatalogError};
use crate::config::{Config, ConfigError};

/// The shipped `templates/` folder, embedded so `qdfh init` works anywhere.
pub static DEFAULT_TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The shipped project configuration.
pub const DEFAULT_CONFIG: &str = include_str!("../qdfh.toml");

/// An opened project: its root, configuration and catalog.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project root.
    pub root: PathBuf,
    /// Settings from `qdfh.toml`.
    pub config: Config,
}

/// The project could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// Bad `qdfh.toml`.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Bad catalog.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
}

impl Project {
    /// Opens the project at `root` (reads `qdfh.toml` if present).
    pub fn open(root: &Path) -> Result<Project, ProjectError> {
        Ok(Project { root: root.to_path_buf(), config: Config::load(root)? })
    }

    /// The templates folder.
    pub fn templates_dir(&self) -> PathBuf {
        self.under_root(&self.config.ordner.vorlagen)
    }

    /// The inputs folder.
    pub fn inputs_dir(&self) -> PathBuf {
        self.under_root(&self.config.ordner.eingaben)
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.under_root(&self.config.ordner.ausgabe)
    }

    /// `path` below the root; without a leading `./` when the root is the
    /// current folder, so messages read `inputs/2026/…`.
    fn under_root(&self, path: &Path) -> PathBuf {
        if self.root == Path::new(".") { path.to_path_buf() } else { self.root.join(path) }
    }

    /// Loads the catalog from `templates/katalog/` with the import profiles
    /// of `templates/import/` (the shipped ones when that folder is missing).
    pub fn catalog(&self) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::load(&self.templates_dir().join("katalog"))?;
        catalog.imports = crate::ingest::export::load_profiles(&self.templates_dir(), &catalog)
            .map_err(|e| CatalogError::Parse { path: e.path.clone(), message: e.problems.join("; ") })?;
        Ok(catalog)
    }

    /// The project's catalog, or the shipped one when the project has no
    /// catalog folder (so `check` and `forms` work outside any project).
    pub fn catalog_or_default(&self) -> Result<Catalog, CatalogError> {
        if self.templates_dir().join("katalog").is_dir() { self.catalog() } else { Ok(default_catalog()) }
    }
}

/// The shipped catalog, from the embedded defaults.
pub fn default_catalog() -> Catalog {
    let text = |name: &str| {
        DEFAULT_TEMPLATES
            .get_file(format!("katalog/{name}"))
            .and_then(|f| f.contents_utf8())
            .expect("the shipped catalog is embedded")
    };
    let mut catalog = Catalog::from_texts(
        text(crate::catalog::FRAMEWORK_FILE),
        text(crate::catalog::SCALES_FILE),
        text(crate::catalog::MATERIAL_FILE),
    )
    .and_then(|c| c.with_standards_text(text(crate::catalog::STANDARDS_FILE)))
    .expect("the shipped catalog is valid (tested)");
    catalog.imports =
        crate::ingest::export::shipped_profiles(&catalog).expect("the shipped profiles are valid (tested)");
    catalog
}
