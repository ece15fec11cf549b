//! Data of the municipality handout (`templates/handout.typ`).

use serde_json::{Value, json};

use super::{DocumentContext, de_date, de_num, de_signed};
use crate::analysis::MunicipalityReport;
use crate::analysis::highlights::NOTABLE_CHANGE;
use crate::render::RenderError;

/// The `/data.json` of one handout.
pub fn handout_data(
    report: &MunicipalityReport,
    has_previous_year: bool,
    ctx: &DocumentContext,
) -> Result<Value, RenderError> {
    Ok(json!({
        "meta": ctx.meta(report.year)?,
        "kommune": report,
        "blick": at_a_glance(report, has_previous_year, ctx)?,
        "zu_wenige": too_few_text(report, ctx)?,
        "methode": method_text(report, has_previous_year, ctx)?,
    }))
}

/// The survey may be shown at all.
fn survey_shown(report: &MunicipalityReport) -> bool {
    report.survey.as_ref().is_some_and(|s| s.enough)
}

fn too_few_text(report: &MunicipalityReport, ctx: &DocumentContext) -> Result<Option<String>, RenderError> {
    if survey_shown(report) {
        return Ok(None);
    }
    let count = report.survey.as_ref().map_or(0, |s| s.respondents);
    ctx.texts
        .render("zu_wenige", &json!({ "name": report.name, "jahr": report.year, "anzahl": count, "min_n": ctx.min_n }))
        .map(Some)
}

/// The plain sentences of "Auf einen Blick", in reading order.
fn at_a_glance(
    report: &MunicipalityReport,
    has_previous_year: bool,
    ctx: &DocumentContext,
) -> Result<Vec<String>, RenderError> {
    let t = ctx.texts;
    let h = &report.highlights;
    let mut out = Vec::new();
    if let (true, Some(survey)) = (survey_shown(report), &report.survey) {
        let level = |i: usize| survey.respondents_by_level.get(i).map_or(0, |l| l.1);
        out.push(t.render(
            "blick_beteiligung",
            &json!({
                "eine_person": survey.respondents == 1, "anzahl": survey.respondents,
                "strategisch": level(0), "operativ": level(1),
            }),
        )?);
        if !h.strengths.is_empty() {
            let goals: Vec<Value> =
                h.strengths.iter().map(|g| json!({ "kurz": g.kurz, "wert": de_num(g.value, 1) })).collect();
            out.push(t.render("blick_staerken", &json!({ "ziele": goals }))?);
        }
        if !h.needs.is_empty() {
            let dims: Vec<Value> =
                h.needs.iter().map(|d| json!({ "label": d.label, "wert": de_num(d.value, 1) })).collect();
            out.push(t.render("blick_bedarf", &json!({ "dimensionen": dims }))?);
        }
        if let Some(first) = h.disagreement.first() {
            let group = h.group_gaps.first().map(|g| {
                let (hi, lo) = g.groups.clone().unwrap_or_default();
                json!({ "kurz": g.kurz, "hoch": hi, "tief": lo, "wert": de_num(g.value, 1) })
            });
            out.push(t.render(
                "blick_uneinig",
                &json!({
                    "kurz": first.kurz, "dimension": first.dimension, "wert": de_num(first.value, 1), "gruppe": group,
                }),
            )?);
        }
        let changes: Vec<Value> =
            h.changes.iter().map(|d| json!({ "label": d.label, "wert": de_signed(d.value, 1) })).collect();
        out.push(t.render(
            "blick_veraenderung",
            &json!({
                "hat_vorjahr": has_previous_year, "vorjahr": report.year - 1, "dimensionen": changes,
                "schwelle": de_num(NOTABLE_CHANGE, 1),
            }),
        )?);
    }
    out.push(t.render(
        "blick_massnahmen",
        &json!({
            "gesamt": h.actions_total, "erledigt": h.actions_done, "ueberfaellig": h.actions_overdue,
            "stichtag": de_date(ctx.reference_date), "jahr": report.year,
        }),
    )?);
    Ok(out)
}

fn method_text(
    report: &MunicipalityReport,
    has_previous_year: bool,
    ctx: &DocumentContext,
) -> Result<Value, RenderError> {
    let c = ctx.catalog;
    let scale = c.scale(&c.scales.verwendung.befragung);
    let t = ctx.texts;
    Ok(json!({
        "methode": t.render("methode", &json!({
            "rahmen": c.framework.name, "ziele": c.goals().count(), "dimensionen": c.framework.dimensions.len(),
            "skala_min": scale.steps.first().map(|s| s.label.clone()), "skala_max": scale.steps.last().map(|s| s.label.clone()),
            "skala_max_wert": scale.max(),
        }))?,
        "quellen": t.render("quellen", &json!({
            "jahr": report.year, "vorjahr": has_previous_year.then_some(report.year - 1),
            "werkstatt": report.workshop.is_some(),
            "kennzahlen": report.key_figures.iter().any(|k| k.value.is_some()),
            "stichtag": de_date(ctx.reference_date), "version": env!("CARGO_PKG_VERSION"),
        }))?,
    }))
}
