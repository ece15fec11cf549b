//! The comparison of one cluster's members (`templates/cluster.typ`).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;

use super::standards::{StandardsRow, standards_rows};
use super::{Content, Document, DocumentError, Kind, Meta, PdfJob, Subject, YearContext};
use crate::analysis::compare::ClusterReport;
use crate::analysis::stats::ItemStats;
use crate::analysis::suppress::Gate;
use crate::analysis::survey::GroupCount;
use crate::analysis::workshop::Count;
use crate::analysis::{MunicipalityReport, YearReport};
use crate::render::RenderError;

/// The cluster-comparison kind: one per cluster of the year.
pub struct Cluster;

/// The `/data.json` of a cluster comparison.
#[derive(Debug, Serialize)]
pub struct ClusterData<'a> {
    /// Shared metadata.
    pub meta: Meta,
    /// The members' scores side by side.
    pub cluster: &'a ClusterReport,
    /// Needs several members share, and needs of one member only.
    pub needs: SharedNeeds,
    /// The polarity pairs of the catalog, in order.
    pub pairs: Vec<PolarityPair>,
    /// Each member's polarity profile.
    pub polarity: Vec<PolaritySeries>,
    /// Each member's workshop figures.
    pub workshops: Vec<MemberWorkshop<'a>>,
    /// Each member's minimum requirements met; `None` when no
    /// municipality of the year sent a Standards workbook.
    pub standards: Option<Vec<StandardsRow>>,
}

/// Development needs from each member's three greatest.
#[derive(Debug, Serialize)]
pub struct SharedNeeds {
    /// Needs named by more than one member.
    pub shared: Vec<NeedMembers>,
    /// Needs named by one member only.
    pub single: Vec<NeedMembers>,
}

/// A dimension and the members that name it among their greatest needs.
#[derive(Debug, Serialize)]
pub struct NeedMembers {
    /// Dimension label.
    pub dimension: String,
    /// Names of the members.
    pub municipalities: Vec<String>,
}

/// A bipolar pair of the polarity profile.
#[derive(Debug, Serialize)]
pub struct PolarityPair {
    /// The left pole.
    pub left: String,
    /// The right pole.
    pub right: String,
}

/// One member's polarity profile.
#[derive(Debug, Serialize)]
pub struct PolaritySeries {
    /// Member name.
    pub name: String,
    /// Mean per pair, gated; `None` when the member had no workshop.
    pub values: Option<Vec<Gate<f64>>>,
}

/// One member's workshop figures; all `None` without a workshop.
#[derive(Debug, Serialize)]
pub struct MemberWorkshop<'a> {
    /// Member name.
    pub name: String,
    /// Participants per area.
    pub attendance: Option<&'a [GroupCount]>,
    /// Areas not represented.
    pub missing_areas: Option<&'a [String]>,
    /// Actions per status.
    pub by_status: Option<&'a [Count]>,
    /// Actions per dimension.
    pub by_dimension: Option<&'a [Count]>,
    /// Overdue actions.
    pub overdue: Option<usize>,
    /// All actions (0 without a workshop).
    pub actions: usize,
    /// Satisfaction from the feedback forms, gated.
    pub feedback: Option<&'a Gate<ItemStats>>,
}

impl Kind for Cluster {
    fn name(&self) -> &'static str {
        "cluster"
    }

    fn plan(&self, year: &YearContext) -> Result<Vec<Document>, DocumentError> {
        let y = year.year();
        year.report
            .clusters
            .iter()
            .map(|c| {
                let name = json!({ "year": y, "cluster_id": year.cluster_names.stem(&c.name) });
                Ok(Document {
                    kind: &Cluster,
                    year: y,
                    subject: Subject::Cluster(c.name.clone()),
                    title: format!("Cluster-Vergleich {} {y}", c.name),
                    output: year.output_path("dateiname_cluster", &name)?,
                })
            })
            .collect()
    }

    fn content(&self, document: &Document, year: &YearContext) -> Result<Content, DocumentError> {
        let Subject::Cluster(name) = &document.subject else {
            unreachable!("cluster comparisons are planned per cluster")
        };
        let cluster = year.report.clusters.iter().find(|c| &c.name == name).expect("planned from this year");
        Ok(Content::Pdf(PdfJob::new("cluster.typ", &cluster_data(cluster, year)?)?))
    }
}

/// The data of one cluster comparison.
pub fn cluster_data<'a>(cluster: &'a ClusterReport, year: &'a YearContext) -> Result<ClusterData<'a>, RenderError> {
    let members = members_of(&year.report, cluster);
    Ok(ClusterData {
        meta: year.meta()?,
        cluster,
        needs: shared_needs(&members),
        pairs: year
            .catalog
            .material
            .polarity
            .iter()
            .map(|p| PolarityPair { left: p.links.clone(), right: p.rechts.clone() })
            .collect(),
        polarity: members
            .iter()
            .map(|m| PolaritySeries {
                name: m.name.clone(),
                values: m
                    .workshop
                    .as_ref()
                    .map(|w| w.polarity.iter().map(|p| p.stats.clone().map(|s| s.mean)).collect()),
            })
            .collect(),
        workshops: members.iter().map(|m| member_workshop(m)).collect(),
        standards: standards_rows(members.iter().copied(), &year.report),
    })
}

fn members_of<'a>(year: &'a YearReport, cluster: &ClusterReport) -> Vec<&'a MunicipalityReport> {
    year.municipalities.iter().filter(|m| m.cluster == cluster.name).collect()
}

fn member_workshop(m: &MunicipalityReport) -> MemberWorkshop<'_> {
    let w = m.workshop.as_ref();
    MemberWorkshop {
        name: m.name.clone(),
        attendance: w.map(|w| w.attendance_by_area.as_slice()),
        missing_areas: w.map(|w| w.missing_areas.as_slice()),
        by_status: w.map(|w| w.actions_by_status.as_slice()),
        by_dimension: w.map(|w| w.actions_by_dimension.as_slice()),
        overdue: w.map(|w| w.overdue),
        actions: w.map_or(0, |w| w.actions.len()),
        feedback: w.map(|w| &w.feedback),
    }
}

/// Development needs shared by several members and those named by one only,
/// from each member's three greatest needs.
fn shared_needs(members: &[&MunicipalityReport]) -> SharedNeeds {
    let mut named_by: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in members {
        for need in &m.highlights.needs {
            named_by.entry(need.label.clone()).or_default().push(m.name.clone());
        }
    }
    let (shared, single): (Vec<_>, Vec<_>) = named_by.into_iter().partition(|(_, names)| names.len() > 1);
    let list = |items: Vec<(String, Vec<String>)>| {
        items.into_iter().map(|(dimension, municipalities)| NeedMembers { dimension, municipalities }).collect()
    };
    SharedNeeds { shared: list(shared), single: list(single) }
}
