//! Errors of the render stage and their rendering for people.

use std::path::PathBuf;

use typst::diag::SourceDiagnostic;
use typst_kit::diagnostics::termcolor::NoColor;
use typst_kit::diagnostics::{DiagnosticFormat, DiagnosticWorld, emit};

/// Everything that can go wrong while turning templates and data into PDFs.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A file or folder of the templates could not be read.
    #[error("{} kann nicht gelesen werden: {source}", path.display())]
    Io {
        /// The file or folder that could not be read.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },

    /// The fonts folder holds no usable font.
    #[error(
        "keine Schriften gefunden in {}: legen Sie die .ttf- oder .otf-Dateien der Vorlagen dort ab \
         (qdfh verwendet nie Systemschriften, damit jeder Rechner gleich setzt)",
        .0.display()
    )]
    NoFonts(PathBuf),

    /// The template to compile does not name a file inside the templates folder.
    #[error("ungültige Vorlage `{template}`: {reason}")]
    InvalidTemplatePath {
        /// The template as the caller named it.
        template: String,
        /// Why it was refused.
        reason: String,
    },

    /// The Typst template has errors; `report` reads like typst's CLI output.
    #[error("Vorlage {template} enthält Fehler:\n{report}")]
    Template {
        /// The template as users see it, e.g. `templates/muster.typ`.
        template: String,
        /// Every error with file, line, column, source line and hints.
        report: String,
    },

    /// The document compiled but does not meet the requested PDF standard.
    #[error("{template} lässt sich nicht als {profile} ausgeben:\n{report}")]
    Pdf {
        /// The template as users see it.
        template: String,
        /// The requested PDF profile, e.g. `PDF/UA-1 + PDF/A-2a`.
        profile: String,
        /// Every problem with file, line, column and source line where known.
        report: String,
    },

    /// The document data could not be turned into JSON.
    #[error("die Dokumentdaten lassen sich nicht als JSON darstellen: {0}")]
    Data(#[from] serde_json::Error),

    /// The attachment cannot be embedded as requested.
    #[error("`{name}` kann nicht angehängt werden: {reason}")]
    Attachment {
        /// The attachment's file name.
        name: String,
        /// Why it was refused.
        reason: String,
    },

    /// A PDF profile name was not recognised.
    #[error("unbekanntes PDF-Profil `{0}`; möglich sind: ua-a2a, plain, a2b, a3b")]
    UnknownProfile(String),

    /// A handlebars text template failed to parse or render.
    #[error("{}{}: {message}", file.display(), position(*line, *column))]
    Text {
        /// The `.hbs` file, as users see it.
        file: PathBuf,
        /// 1-based line of the problem, when handlebars knows it.
        line: Option<usize>,
        /// 1-based column of the problem, when handlebars knows it.
        column: Option<usize>,
        /// What went wrong, e.g. a variable missing from the data.
        message: String,
    },

    /// A text template was asked for that no `.hbs` file provides.
    #[error("keine Textvorlage `{name}` in {}", dir.display())]
    UnknownText {
        /// The requested template name (the file stem).
        name: String,
        /// The folder searched.
        dir: PathBuf,
    },
}

/// Formats `:line:column` when known, in the style of compilers.
fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(":{l}:{c}"),
        (Some(l), None) => format!(":{l}"),
        _ => String::new(),
    }
}

/// Renders typst diagnostics as typst's CLI does, without colours.
pub(crate) fn report(world: &dyn DiagnosticWorld, diagnostics: &[SourceDiagnostic]) -> String {
    let diagnostics: Vec<SourceDiagnostic> = diagnostics.iter().map(without_cli_hints).collect();
    let mut out = NoColor::new(Vec::new());
    if let Err(err) = emit(&mut out, world, &diagnostics, DiagnosticFormat::Human) {
        // The diagnostics still matter more than the failure to print them
        // nicely, so fall back to their bare messages.
        let plain: Vec<String> = diagnostics.iter().map(|d| format!("Fehler: {}", d.message)).collect();
        return format!("{}\n(Quellzeilen können nicht gezeigt werden: {err})", plain.join("\n"));
    }
    german_labels(String::from_utf8_lossy(&out.into_inner()).trim_end())
}

/// Replaces the English severity labels typst's CLI puts at the start of a
/// line; typst's own messages stay as typst wrote them.
fn german_labels(report: &str) -> String {
    report
        .lines()
        .map(|line| {
            for (english, german) in [("error: ", "Fehler: "), ("warning: ", "Warnung: ")] {
                if let Some(rest) = line.strip_prefix(english) {
                    return format!("{german}{rest}");
                }
            }
            match line.find("= hint: ") {
                Some(at) => format!("{}= Hinweis: {}", &line[..at], &line[at + "= hint: ".len()..]),
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Drops hints about typst's command-line options, which qdfh users don't have.
fn without_cli_hints(diagnostic: &SourceDiagnostic) -> SourceDiagnostic {
    let mut diagnostic = diagnostic.clone();
    diagnostic.hints.retain(|hint| !hint.v.contains("`--"));
    diagnostic
}
