//! What every document of a year is made from: the year's analyses, the
//! catalog, the texts and the settings, and the metadata all templates share.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

use super::{Document, DocumentError, KINDS};
use crate::analysis::suppress::CountRule;
use crate::analysis::{YearReport, analyse_year};
use crate::catalog::{Catalog, Scale};
use crate::diagnostics::Diagnostics;
use crate::files::FileNames;
use crate::model::{Inputs, Rejected, RejectedKind};
use crate::render::{RenderError, Texts};
use crate::settings::Settings;

/// The surveys of a year as a later year's handouts compare with them.
#[derive(Debug, Default)]
pub struct PreviousSurveys {
    /// Municipalities whose survey was read.
    pub read: BTreeSet<String>,
    /// Municipalities whose survey was left out for errors.
    pub rejected: BTreeSet<String>,
}

impl PreviousSurveys {
    fn of(inputs: &Inputs, year: i32) -> PreviousSurveys {
        let read = inputs.years.get(&year).into_iter().flat_map(|y| &y.surveys).map(|s| s.municipality.clone());
        let rejected = inputs
            .rejected
            .iter()
            .filter(|r| r.kind == RejectedKind::Survey && r.years.contains(&year))
            .flat_map(|r| r.municipalities.iter().cloned());
        PreviousSurveys { read: read.collect(), rejected: rejected.collect() }
    }
}

/// One analysed year and everything its documents need.
pub struct YearContext<'a> {
    /// The year's analyses.
    pub report: YearReport,
    /// The previous year's surveys: who sent one, whose was left out.
    pub previous_surveys: PreviousSurveys,
    /// Workbooks of this year left out for errors.
    pub rejected: Vec<Rejected>,
    /// The catalog.
    pub catalog: &'a Catalog,
    /// The generated sentences and file names.
    pub texts: &'a Texts,
    /// The run's settings.
    pub settings: &'a Settings,
    /// Findings from reading the inputs (the summary lists them).
    pub diagnostics: &'a Diagnostics,
    /// File-name parts of the year's municipalities.
    pub municipality_names: FileNames,
    /// File-name parts of the year's clusters.
    pub cluster_names: FileNames,
}

impl<'a> YearContext<'a> {
    /// Analyses `year` of `inputs`.
    pub fn new(
        inputs: &Inputs,
        year: i32,
        catalog: &'a Catalog,
        texts: &'a Texts,
        settings: &'a Settings,
        diagnostics: &'a Diagnostics,
    ) -> YearContext<'a> {
        let report = analyse_year(inputs, year, catalog, settings);
        YearContext {
            municipality_names: FileNames::new(report.municipalities.iter().map(|m| m.id.as_str())),
            cluster_names: FileNames::new(report.clusters.iter().map(|c| c.name.as_str())),
            report,
            previous_surveys: PreviousSurveys::of(inputs, year - 1),
            rejected: inputs.rejected.iter().filter(|r| r.years.contains(&year)).cloned().collect(),
            catalog,
            texts,
            settings,
            diagnostics,
        }
    }

    /// The report year.
    pub fn year(&self) -> i32 {
        self.report.year
    }

    /// The date the year's documents carry.
    pub fn date(&self) -> NaiveDate {
        self.settings.document_date(self.year())
    }

    /// The reference date for overdue actions.
    pub fn reference_date(&self) -> NaiveDate {
        self.settings.reference_date(self.year())
    }

    /// Every document of the year, kind by kind.
    pub fn plan(&self) -> Result<Vec<Document>, DocumentError> {
        let mut documents = Vec::new();
        for kind in KINDS {
            documents.extend(kind.plan(self)?);
        }
        Ok(documents)
    }

    /// The output path the file-name text `name` renders from `data`.
    pub fn output_path(&self, name: &str, data: &impl Serialize) -> Result<std::path::PathBuf, DocumentError> {
        Ok(self.texts.render(name, data)?.into())
    }

    /// Metadata shared by every document: scale labels, rule texts, dates.
    pub fn meta(&self) -> Result<Meta, RenderError> {
        let c = self.catalog;
        let rating = c.scale(&c.scales.verwendung.befragung);
        let need = c.scale(&c.scales.verwendung.bedarf);
        let polarity = c.scale(&c.scales.verwendung.polaritaet);
        let feedback = c.scale(&c.scales.verwendung.rueckmeldung);
        let s = self.settings;
        Ok(Meta {
            land: s.land.clone(),
            year: self.year(),
            date: self.date().to_string(),
            reference_date: self.reference_date().to_string(),
            min_n: s.min_n,
            framework: c.framework.name.clone(),
            scale: ScaleMeta::of(rating, Some(rating.top)),
            need_scale: ScaleMeta::of(need, None),
            polarity_scale: ScaleMeta::of(polarity, None),
            feedback_scale: ScaleMeta::of(feedback, Some(feedback.top)),
            privacy: self.texts.render(
                "datenschutz",
                &json!({
                    "min_n": s.min_n, "free_text": s.print_free_text,
                    "small_totals": s.small_totals == CountRule::WenigerAls,
                    "small_groups": s.small_groups == CountRule::WenigerAls,
                }),
            )?,
            version: env!("CARGO_PKG_VERSION"),
        })
    }
}

/// Metadata every template receives as `meta`.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// State name.
    pub land: String,
    /// Report year.
    pub year: i32,
    /// Document date, ISO (`2026-12-31`).
    pub date: String,
    /// Reference date for overdue actions, ISO.
    pub reference_date: String,
    /// Suppression threshold.
    pub min_n: usize,
    /// Name of the quality framework.
    pub framework: String,
    /// The rating scale of the survey.
    pub scale: ScaleMeta,
    /// The scale of the development need.
    pub need_scale: ScaleMeta,
    /// The scale of the polarity profile.
    pub polarity_scale: ScaleMeta,
    /// The satisfaction scale of the workshop feedback.
    pub feedback_scale: ScaleMeta,
    /// The data-protection note.
    pub privacy: String,
    /// qdfh's version.
    pub version: &'static str,
}

/// A scale as templates need it.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleMeta {
    /// Step labels, lowest first.
    pub labels: Vec<String>,
    /// Lowest value.
    pub min: u8,
    /// Highest value.
    pub max: u8,
    /// How many top steps count as "Top-2" (rating scale only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top: Option<usize>,
}

impl ScaleMeta {
    fn of(scale: &Scale, top: Option<usize>) -> ScaleMeta {
        ScaleMeta {
            labels: scale.steps.iter().map(|s| s.label.clone()).collect(),
            min: scale.min(),
            max: scale.max(),
            top,
        }
    }
}
