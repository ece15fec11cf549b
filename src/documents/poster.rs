//! The poster of one municipality for the workshop wall
//! (`templates/poster.typ`): one A3 page with the dimension profile, the
//! strengths, the greatest development needs, the agreed actions and the
//! sectors that took part.
//!
//! It reuses the handout's analyses and never computes a figure of its own:
//! every value comes from the municipality's report, still gated.

use serde::Serialize;
use serde_json::json;

use super::handout::{check_not_blocked, plan_per_municipality, survey_shown};
use super::{Content, Document, DocumentError, Kind, Meta, PdfJob, Subject, YearContext};
use crate::analysis::MunicipalityReport;
use crate::analysis::suppress::{Gate, Tally};
use crate::analysis::survey::{DimensionResult, SurveyResult};
use crate::analysis::workshop::{ActionRow, WorkshopResult};
use crate::catalog::dimension_label;
use crate::format::de_tally;
use crate::render::RenderError;

/// The poster kind: one per municipality of the year.
pub struct Poster;

/// The `/data.json` of a poster.
#[derive(Debug, Serialize)]
pub struct PosterData<'a> {
    /// Shared metadata.
    pub meta: Meta,
    /// Whom the poster is about.
    pub municipality: PosterHead<'a>,
    /// The survey's figures; `None` when there is no survey or it is hidden.
    pub survey: Option<PosterSurvey>,
    /// Why the survey is not shown, when it is not.
    pub too_few: Option<String>,
    /// The workshop's actions and sectors; `None` without a workshop.
    pub workshop: Option<PosterWorkshop<'a>>,
    /// The closing note: data-protection rule and where the details are.
    pub notice: String,
}

/// The municipality a poster is about.
#[derive(Debug, Serialize)]
pub struct PosterHead<'a> {
    /// Name.
    pub name: &'a str,
    /// Cluster; empty when it belongs to none.
    pub cluster: &'a str,
    /// Report year.
    pub year: i32,
}

/// The survey figures a poster shows, all taken from the handout's analyses.
#[derive(Debug, Serialize)]
pub struct PosterSurvey {
    /// The dimension profile, in the handout's order (focus first).
    pub profile: Vec<ProfileRow>,
    /// The goals of "Auf einen Blick" with the highest means.
    pub strengths: Vec<RatedGoal>,
    /// The dimensions of "Auf einen Blick" with the greatest need.
    pub needs: Vec<RatedDimension>,
}

/// One dimension of the profile.
#[derive(Debug, Serialize)]
pub struct ProfileRow {
    /// Label "QD3 Netzwerk".
    pub label: String,
    /// A focus dimension of the municipality.
    pub focus: bool,
    /// The municipality's score (mean), gated.
    pub score: Gate<f64>,
    /// The cluster's reference.
    pub cluster: Option<f64>,
    /// The state's reference.
    pub state: Option<f64>,
}

/// A development goal with its mean.
#[derive(Debug, Serialize)]
pub struct RatedGoal {
    /// Goal id.
    pub id: String,
    /// Short label.
    pub short: String,
    /// Name of its dimension.
    pub dimension: String,
    /// The goal's mean, gated.
    pub mean: Gate<f64>,
}

/// A dimension with its mean development need.
#[derive(Debug, Serialize)]
pub struct RatedDimension {
    /// Dimension id.
    pub id: String,
    /// Label "QD3 Netzwerk".
    pub label: String,
    /// The mean need, gated.
    pub need: Gate<f64>,
}

/// What the workshop agreed and who took part.
#[derive(Debug, Serialize)]
pub struct PosterWorkshop<'a> {
    /// The action plan, in the workbook's order.
    pub actions: &'a [ActionRow],
    /// Sectors with at least one participant, grouped by area.
    pub sectors: Vec<SectorGroup>,
    /// Areas without any participant.
    pub missing_areas: &'a [String],
}

/// The participating sectors of one area.
#[derive(Debug, Serialize)]
pub struct SectorGroup {
    /// Area name; empty for sectors the catalog puts in no area.
    pub area: String,
    /// Sector names.
    pub sectors: Vec<String>,
}

impl Kind for Poster {
    fn name(&self) -> &'static str {
        "poster"
    }

    fn plan(&self, year: &YearContext) -> Result<Vec<Document>, DocumentError> {
        plan_per_municipality(&Poster, year, "Poster", "dateiname_poster")
    }

    fn content(&self, document: &Document, year: &YearContext) -> Result<Content, DocumentError> {
        let Subject::Municipality(id) = &document.subject else { unreachable!("posters are planned per municipality") };
        let m = year.report.municipalities.iter().find(|m| &m.id == id).expect("planned from this year");
        check_not_blocked(m, year)?;
        Ok(Content::Pdf(PdfJob::new("poster.typ", &poster_data(m, year)?)?))
    }
}

/// The data of one municipality's poster.
pub fn poster_data<'a>(m: &'a MunicipalityReport, year: &YearContext) -> Result<PosterData<'a>, RenderError> {
    let shown = survey_shown(m);
    Ok(PosterData {
        meta: year.meta()?,
        municipality: PosterHead { name: &m.name, cluster: &m.cluster, year: m.year },
        survey: m.survey.as_ref().filter(|_| shown).map(|s| poster_survey(m, s)),
        too_few: if shown { None } else { Some(too_few_text(m, year)?) },
        workshop: m.workshop.as_ref().map(|w| poster_workshop(w, year)),
        notice: year.texts.render("poster_hinweis", &json!({ "min_n": year.settings.min_n, "year": m.year }))?,
    })
}

/// Profile, strengths and needs: the handout's values, looked up by id.
fn poster_survey(m: &MunicipalityReport, survey: &SurveyResult) -> PosterSurvey {
    let dimension = |id: &str| survey.dimensions.iter().find(|d| d.id == id);
    let goal_mean = |id: &str| {
        let goal = survey.dimensions.iter().flat_map(|d| &d.goals).find(|g| g.id == id);
        goal.map_or(Gate::NoData, |g| g.stats.clone().map(|s| s.mean))
    };
    PosterSurvey {
        profile: survey.dimensions.iter().map(profile_row).collect(),
        strengths: m
            .highlights
            .strengths
            .iter()
            .map(|g| RatedGoal {
                id: g.id.clone(),
                short: g.short.clone(),
                dimension: g.dimension.clone(),
                mean: goal_mean(&g.id),
            })
            .collect(),
        needs: m
            .highlights
            .needs
            .iter()
            .map(|d| RatedDimension {
                id: d.id.clone(),
                label: d.label.clone(),
                need: dimension(&d.id).map_or(Gate::NoData, |x| x.need.clone().map(|s| s.mean)),
            })
            .collect(),
    }
}

fn profile_row(d: &DimensionResult) -> ProfileRow {
    ProfileRow {
        label: dimension_label(d.number, &d.name),
        focus: d.focus,
        score: d.score.clone().map(|s| s.mean),
        cluster: d.refs.cluster,
        state: d.refs.state,
    }
}

/// The actions as planned and the sectors present, grouped by catalog area.
fn poster_workshop<'a>(w: &'a WorkshopResult, year: &YearContext) -> PosterWorkshop<'a> {
    let catalog = year.catalog;
    let area_names = catalog.material.areas.iter().map(|a| a.name.as_str()).chain([""]);
    let sectors = area_names
        .map(|area| SectorGroup {
            area: area.to_string(),
            sectors: w
                .attendance_by_sector
                .iter()
                .filter(|s| catalog.area_of(&s.id).map_or("", |a| a.name.as_str()) == area)
                .map(|s| s.name.clone())
                .collect(),
        })
        .filter(|g| !g.sectors.is_empty())
        .collect();
    PosterWorkshop { actions: &w.actions, sectors, missing_areas: &w.missing_areas }
}

/// Why the poster shows no survey figures: no survey, or too few answers.
fn too_few_text(m: &MunicipalityReport, year: &YearContext) -> Result<String, RenderError> {
    let count = m.survey.as_ref().map_or(Tally::Exact(0), |s| s.count);
    let data = json!({
        "year": m.year, "min_n": year.settings.min_n,
        "count": if count == Tally::Exact(0) { String::new() } else { de_tally(count) },
        "one_person": count == Tally::Exact(1),
    });
    year.texts.render("poster_zu_wenige", &data)
}
