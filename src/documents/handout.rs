//! The handout of one municipality (`templates/handout.typ`).

use serde::Serialize;
use serde_json::{Value, json};

use super::{Content, Document, DocumentError, Kind, Meta, PdfJob, Subject, YearContext};
use crate::analysis::MunicipalityReport;
use crate::analysis::highlights::NOTABLE_CHANGE;
use crate::analysis::standards::StandardsResult;
use crate::analysis::suppress::Tally;
use crate::format::{de_date, de_join, de_num, de_signed, de_tally};
use crate::model::{HandoutInputs, RejectedKind};
use crate::render::RenderError;

/// The handout kind: one per municipality of the year.
pub struct Handout;

/// The `/data.json` of a handout.
#[derive(Debug, Serialize)]
pub struct HandoutData<'a> {
    /// Shared metadata.
    pub meta: Meta,
    /// The municipality's analyses.
    pub municipality: &'a MunicipalityReport,
    /// The sentences of "Auf einen Blick", in reading order.
    pub glance: Vec<String>,
    /// Why the survey is not shown, when it is not.
    pub too_few: Option<String>,
    /// The methods note.
    pub method: MethodTexts,
}

/// The texts of the methods note.
#[derive(Debug, Serialize)]
pub struct MethodTexts {
    /// How the survey was analysed.
    pub method: String,
    /// Which inputs the handout rests on.
    pub sources: String,
}

impl Kind for Handout {
    fn name(&self) -> &'static str {
        "handout"
    }

    fn plan(&self, year: &YearContext) -> Result<Vec<Document>, DocumentError> {
        plan_per_municipality(&Handout, year, "Handout", "dateiname_handout")
    }

    fn content(&self, document: &Document, year: &YearContext) -> Result<Content, DocumentError> {
        let Subject::Municipality(id) = &document.subject else {
            unreachable!("handouts are planned per municipality")
        };
        let m = year.report.municipalities.iter().find(|m| &m.id == id).expect("planned from this year");
        check_not_blocked(m, year)?;
        let mut job = PdfJob::new("handout.typ", &handout_data(m, year)?)?;
        let stem = year.municipality_names.stem(&m.id);
        job.attachment = Some((format!("daten-{stem}-{}.json", m.year), serde_json::to_vec_pretty(m)?));
        Ok(Content::Pdf(job))
    }
}

/// One document of `kind` per municipality of the year, titled "`word`
/// <name> <year>" and named by the text `file_name`.
pub(super) fn plan_per_municipality(
    kind: &'static dyn Kind,
    year: &YearContext,
    word: &str,
    file_name: &str,
) -> Result<Vec<Document>, DocumentError> {
    year.report
        .municipalities
        .iter()
        .map(|m| {
            let name = json!({ "year": m.year, "municipality_id": year.municipality_names.stem(&m.id) });
            Ok(Document {
                kind,
                year: m.year,
                subject: Subject::Municipality(m.id.clone()),
                title: format!("{word} {} {}", m.name, m.year),
                output: year.output_path(file_name, &name)?,
            })
        })
        .collect()
}

/// The data of one municipality's handout.
pub fn handout_data<'a>(m: &'a MunicipalityReport, year: &YearContext) -> Result<HandoutData<'a>, RenderError> {
    Ok(HandoutData {
        meta: year.meta()?,
        municipality: m,
        glance: at_a_glance(m, year)?,
        too_few: too_few_text(m, year)?,
        method: method_texts(m, year)?,
    })
}

/// Fails when a workbook left out for errors may hold this municipality's
/// survey, workshop or Standards workbook: a document without it would tell the network it sent
/// nothing; the error list says what to fix instead.
pub(super) fn check_not_blocked(m: &MunicipalityReport, year: &YearContext) -> Result<(), DocumentError> {
    let has =
        HandoutInputs { survey: m.survey.is_some(), workshop: m.workshop.is_some(), standards: m.standards.is_some() };
    let blocking = year.rejected.iter().find(|r| r.blocks(&m.id, m.year, has));
    match blocking {
        Some(rejected) => Err(DocumentError::RejectedInput {
            file: rejected.file.clone(),
            unreadable: rejected.kind == RejectedKind::Unknown,
        }),
        None => Ok(()),
    }
}

/// The survey may be shown at all.
pub(super) fn survey_shown(report: &MunicipalityReport) -> bool {
    report.survey.as_ref().is_some_and(|s| s.enough)
}

fn too_few_text(report: &MunicipalityReport, year: &YearContext) -> Result<Option<String>, RenderError> {
    if survey_shown(report) {
        return Ok(None);
    }
    let count = report.survey.as_ref().map_or(Tally::Exact(0), |s| s.count);
    let data = json!({
        "name": report.name, "year": report.year, "min_n": year.settings.min_n,
        "count": if count == Tally::Exact(0) { String::new() } else { de_tally(count) },
        "one_person": count == Tally::Exact(1),
    });
    year.texts.render("zu_wenige", &data).map(Some)
}

/// The plain sentences of "Auf einen Blick", in reading order.
fn at_a_glance(report: &MunicipalityReport, year: &YearContext) -> Result<Vec<String>, RenderError> {
    let mut out = Vec::new();
    if survey_shown(report) {
        out.extend(survey_sentences(report, year)?);
    }
    let h = &report.highlights;
    out.push(year.texts.render(
        "blick_massnahmen",
        &json!({
            "total": h.actions_total, "one": h.actions_total == 1, "done": h.actions_done, "overdue": h.actions_overdue,
            "closed": h.actions_closed.iter().map(|(name, count)| json!({ "name": name, "count": count })).collect::<Vec<_>>(),
            "reference_date": de_date(year.reference_date()), "year": report.year,
        }),
    )?);
    if let Some(standards) = &report.standards {
        out.push(standards_sentence(standards, year)?);
    }
    Ok(out)
}

/// How many minimum requirements are met and how many "Mehr" steps reached.
fn standards_sentence(s: &StandardsResult, year: &YearContext) -> Result<String, RenderError> {
    let (minimum, beyond) = (&s.minimum, &s.beyond);
    year.texts.render(
        "blick_standards",
        &json!({
            "met": minimum.met, "applicable": minimum.applicable, "one_applicable": minimum.applicable == 1,
            "share": minimum.share.map(|x| format!("{}\u{202F}%", de_num(x * 100.0, 0))),
            "open": s.minimum_open.len(),
            "beyond_met": beyond.met, "beyond_applicable": beyond.applicable, "one_beyond": beyond.applicable == 1,
        }),
    )
}

/// Participation, strengths, needs, disagreement and change.
fn survey_sentences(report: &MunicipalityReport, year: &YearContext) -> Result<Vec<String>, RenderError> {
    let (t, h) = (year.texts, &report.highlights);
    let Some(survey) = &report.survey else { return Ok(Vec::new()) };
    let level = |i: usize| survey.by_level.get(i).map_or(Tally::Exact(0), |l| l.count);
    let mut out = vec![t.render(
        "blick_beteiligung",
        &json!({
            "one_person": survey.count == Tally::Exact(1), "count": de_tally(survey.count),
            "strategic": de_tally(level(0)), "operative": de_tally(level(1)),
            "levels_shown": survey.by_level.iter().all(|l| l.count.exact().is_some()),
            "min_n": year.settings.min_n,
        }),
    )?];
    if !h.strengths.is_empty() {
        let goals: Vec<Value> =
            h.strengths.iter().map(|g| json!({ "short": g.short, "value": de_num(g.value, 1) })).collect();
        out.push(t.render("blick_staerken", &json!({ "goals": goals }))?);
    }
    if !h.needs.is_empty() {
        let dims: Vec<Value> =
            h.needs.iter().map(|d| json!({ "label": d.label, "value": de_num(d.value, 1) })).collect();
        out.push(t.render("blick_bedarf", &json!({ "dimensions": dims }))?);
    }
    if let Some(first) = h.disagreement.first() {
        let group = h.group_gaps.first().map(|g| {
            let (high, low) = g.groups.clone().unwrap_or_default();
            json!({ "short": g.short, "high": high, "low": low, "value": de_num(g.value, 1) })
        });
        out.push(t.render(
            "blick_uneinig",
            &json!({
                "short": first.short, "dimension": first.dimension, "value": de_num(first.value, 1), "group": group,
            }),
        )?);
    }
    let changes: Vec<Value> =
        h.changes.iter().map(|d| json!({ "label": d.label, "value": de_signed(d.value, 1) })).collect();
    out.push(t.render(
        "blick_veraenderung",
        &json!({
            "has_previous": compared_with_previous(report), "previous_year": report.year - 1, "dimensions": changes,
            "previous_survey": year.previous_surveys.read.contains(&report.id),
            "previous_rejected": year.previous_surveys.rejected.contains(&report.id),
            "threshold": de_num(NOTABLE_CHANGE, 1),
        }),
    )?);
    Ok(out)
}

fn method_texts(report: &MunicipalityReport, year: &YearContext) -> Result<MethodTexts, RenderError> {
    let c = year.catalog;
    let scale = c.scale(&c.scales.verwendung.befragung);
    let t = year.texts;
    let survey_years = survey_years(report);
    Ok(MethodTexts {
        method: t.render("methode", &json!({
            "framework": c.framework.name, "goals": c.goals().count(), "dimensions": c.framework.dimensions.len(),
            "scale_min": scale.steps.first().map(|s| s.label.clone()), "scale_max": scale.steps.last().map(|s| s.label.clone()),
            "scale_max_value": scale.max(),
        }))?,
        sources: t.render("quellen", &json!({
            "year": report.year, "survey": !survey_years.is_empty(),
            "previous_year": compared_with_previous(report).then_some(report.year - 1),
            "survey_years": de_join(&survey_years.iter().map(String::as_str).collect::<Vec<_>>()),
            "several_surveys": survey_years.len() > 1,
            "workshop": report.workshop.is_some(),
            "key_figures": report.key_figures.iter().any(|k| k.value.is_some()),
            "standards": report.standards.is_some(),
            "reference_date": de_date(year.reference_date()), "version": env!("CARGO_PKG_VERSION"),
        }))?,
    })
}

/// The years whose survey the handout shows values of: the report year,
/// the previous year compared with, the years of the course.
fn survey_years(report: &MunicipalityReport) -> Vec<String> {
    let mut years = std::collections::BTreeSet::new();
    if report.survey.is_some() {
        years.insert(report.year);
    }
    if compared_with_previous(report) {
        years.insert(report.year - 1);
    }
    let course = report.course.iter().flat_map(|d| &d.scores);
    years.extend(course.filter(|s| s.score.shown().is_some()).map(|s| s.year));
    years.into_iter().map(|y| y.to_string()).collect()
}

/// Whether the handout shows a value of the municipality's previous survey.
fn compared_with_previous(report: &MunicipalityReport) -> bool {
    report.survey.iter().flat_map(|s| &s.dimensions).any(|d| d.refs.previous.is_some())
}
