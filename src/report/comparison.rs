//! Data of the cluster comparison (`templates/cluster.typ`) and the state
//! overview (`templates/land.typ`).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::DocumentContext;
use crate::analysis::compare::ClusterReport;
use crate::analysis::{MunicipalityReport, YearReport};
use crate::render::RenderError;

/// The `/data.json` of one cluster comparison.
pub fn cluster_data(year: &YearReport, cluster: &ClusterReport, ctx: &DocumentContext) -> Result<Value, RenderError> {
    let members: Vec<&MunicipalityReport> = year.municipalities.iter().filter(|m| m.cluster == cluster.name).collect();
    Ok(json!({
        "meta": ctx.meta(year.year)?,
        "cluster": cluster,
        "bedarfe": shared_needs(&members),
        "polaritaet": members.iter().map(|m| json!({
            "name": m.name,
            "werte": m.workshop.as_ref().map(|w| w.polarity.iter().map(|p| p.stats.shown().map(|s| s.mean)).collect::<Vec<_>>()),
        })).collect::<Vec<_>>(),
        "paare": ctx.catalog.material.polarity,
        "werkstatt": members.iter().map(|m| json!({
            "name": m.name,
            "teilnahme": m.workshop.as_ref().map(|w| &w.attendance_by_area),
            "fehlend": m.workshop.as_ref().map(|w| &w.missing_areas),
            "status": m.workshop.as_ref().map(|w| &w.actions_by_status),
            "dimensionen": m.workshop.as_ref().map(|w| &w.actions_by_dimension),
            "ueberfaellig": m.workshop.as_ref().map(|w| w.overdue),
            "massnahmen": m.workshop.as_ref().map_or(0, |w| w.actions.len()),
        })).collect::<Vec<_>>(),
    }))
}

/// Development needs shared by several members and those named by one only,
/// from each member's three greatest needs.
fn shared_needs(members: &[&MunicipalityReport]) -> Value {
    let mut named_by: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in members {
        for need in &m.highlights.needs {
            named_by.entry(need.label.clone()).or_default().push(m.name.clone());
        }
    }
    let (shared, distinct): (Vec<_>, Vec<_>) = named_by.into_iter().partition(|(_, names)| names.len() > 1);
    let list = |items: Vec<(String, Vec<String>)>| {
        items.into_iter().map(|(label, names)| json!({ "dimension": label, "kommunen": names })).collect::<Vec<_>>()
    };
    json!({ "gemeinsam": list(shared), "einzeln": list(distinct) })
}

/// The `/data.json` of the state overview.
pub fn state_data(year: &YearReport, ctx: &DocumentContext) -> Result<Value, RenderError> {
    let state = &year.state;
    let changes: Vec<Value> = state
        .dimensions
        .iter()
        .zip(&state.previous_means)
        .map(|(d, (_, before))| {
            json!({ "label": d.label, "jetzt": d.mean, "vorher": before, "diff": d.mean.zip(*before).map(|(a, b)| a - b) })
        })
        .collect();
    Ok(json!({
        "meta": ctx.meta(year.year)?,
        "land": state,
        "verteilung": pooled_distributions(year),
        "veraenderung": changes,
        "cluster": year.clusters.iter().map(|c| json!({ "name": c.name, "mitglieder": c.members.len() })).collect::<Vec<_>>(),
    }))
}

/// Per dimension, the answer counts of all shown goals of all municipalities.
fn pooled_distributions(year: &YearReport) -> Vec<Value> {
    let mut by_dimension: BTreeMap<(u32, String), Vec<usize>> = BTreeMap::new();
    for survey in year.municipalities.iter().filter_map(|m| m.survey.as_ref()) {
        for d in &survey.dimensions {
            for stats in d.goals.iter().filter_map(|g| g.stats.shown()) {
                let counts = by_dimension.entry((d.nummer, format!("QD{} {}", d.nummer, d.name))).or_default();
                counts.resize(stats.counts.len(), 0);
                for (total, c) in counts.iter_mut().zip(&stats.counts) {
                    *total += c;
                }
            }
        }
    }
    by_dimension
        .into_iter()
        .map(|((_, label), counts)| json!({ "label": label, "n": counts.iter().sum::<usize>(), "values": counts }))
        .collect()
}
