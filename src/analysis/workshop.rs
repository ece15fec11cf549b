//! Workshop material of one municipality: Polaritätsprofil, Erfolgsfaktoren,
//! dot voting, action plans and attendance.

use chrono::NaiveDate;
use serde::Serialize;

use super::stats::{ItemStats, summarize};
use super::suppress::{Gate, Tally, gate, tally_total};
use super::survey::{GroupCount, group_counts};
use crate::catalog::Catalog;
use crate::model::{Answer, Participant, Workshop};
use crate::settings::Settings;

/// One Polaritätsprofil pair.
#[derive(Debug, Clone, Serialize)]
pub struct PairResult {
    /// Pair id.
    pub id: String,
    /// Left pole.
    pub left: String,
    /// Right pole.
    pub right: String,
    /// Statistics, gated.
    pub stats: Gate<ItemStats>,
    /// Mean of the cluster's shown municipality means.
    pub cluster_mean: Option<f64>,
}

/// One Erfolgsfaktor.
#[derive(Debug, Clone, Serialize)]
pub struct FactorResult {
    /// Factor id.
    pub id: String,
    /// Wording.
    pub text: String,
    /// Current state, gated.
    pub state: Gate<ItemStats>,
    /// Importance, gated.
    pub importance: Gate<ItemStats>,
}

/// Dot-voting total for one dimension or topic.
#[derive(Debug, Clone, Serialize)]
pub struct DotTotal {
    /// Dimension or topic id.
    pub target: String,
    /// Display label.
    pub label: String,
    /// Sum of points.
    pub points: u32,
}

/// One action-plan row, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRow {
    /// Goal.
    pub goal: String,
    /// Measure.
    pub measure: String,
    /// Dimension id.
    pub dimension: String,
    /// Dimension label, e.g. "QD3 Netzwerk".
    pub dimension_label: String,
    /// Responsible.
    pub responsible: String,
    /// Involved partners.
    pub involved: String,
    /// Start date (ISO), if any.
    pub start: Option<NaiveDate>,
    /// Due date (ISO), if any.
    pub due: Option<NaiveDate>,
    /// Status id.
    pub status: String,
    /// Status name.
    pub status_name: String,
    /// Success indicator.
    pub indicator: String,
    /// Closed according to the catalog's status (done or dropped).
    pub done: bool,
    /// Due before the reference date and not done.
    pub overdue: bool,
}

/// A labelled count.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Count.
    pub count: usize,
}

/// Workshop result of one municipality.
#[derive(Debug, Clone, Serialize)]
pub struct WorkshopResult {
    /// Number of participants; never printed as such, see `participant_count`.
    #[serde(skip)]
    pub participants: usize,
    /// Participants, as the rule for small totals allows.
    pub participant_count: Tally,
    /// Participants per area, as the rule for small groups allows.
    pub attendance_by_area: Vec<GroupCount>,
    /// Participants per sector (sectors with at least one participant), as
    /// the rule for small groups allows.
    pub attendance_by_sector: Vec<GroupCount>,
    /// Areas of the network without any participant.
    pub missing_areas: Vec<String>,
    /// Whether a workshop of several municipalities (a cluster workshop)
    /// contributed: the section then shows this municipality's part only.
    pub shared: bool,
    /// Polaritätsprofil.
    pub polarity: Vec<PairResult>,
    /// Erfolgsfaktoren.
    pub factors: Vec<FactorResult>,
    /// Dot voting, most points first; empty when fewer than `min_n` attended.
    pub dots: Vec<DotTotal>,
    /// Dot voting was hidden because too few attended.
    pub dots_hidden: bool,
    /// Action plan rows.
    pub actions: Vec<ActionRow>,
    /// Actions per status.
    pub actions_by_status: Vec<Count>,
    /// Actions per dimension (dimensions with at least one action).
    pub actions_by_dimension: Vec<Count>,
    /// Number of overdue actions.
    pub overdue: usize,
    /// Feedback satisfaction, gated.
    pub feedback: Gate<ItemStats>,
    /// Feedback texts, sorted; only filled when the config allows printing
    /// free text and at least `min_n` people took part.
    pub feedback_texts: Vec<String>,
}

/// Analyses the workshop rows of one municipality, drawn from every
/// workbook that mentions it (its own and cluster workshops).
pub fn analyse_workshops(
    municipality: &str,
    workshops: &[&Workshop],
    catalog: &Catalog,
    s: &Settings,
    year: i32,
) -> WorkshopResult {
    let participants: Vec<&Participant> =
        workshops.iter().flat_map(|w| &w.participants).filter(|p| p.municipality == municipality).collect();
    let (area_counts, sector_counts) = attendance(&participants, catalog);
    let tallied = |counts: &[Count]| group_counts(counts.iter().map(|c| (c.id.as_str(), c.label.as_str(), c.count)), s);
    let actions = action_rows(municipality, workshops, catalog, s.reference_date(year));
    let dots = dot_totals(municipality, workshops, catalog);
    let dots_hidden = !dots.is_empty() && participants.len() < s.min_n;
    let attendance_by_area = tallied(&area_counts);
    WorkshopResult {
        shared: workshops.iter().any(|w| w.municipalities.len() > 1),
        participants: participants.len(),
        participant_count: tally_total(participants.len(), s.small_totals, s.min_n),
        // Only areas whose 0 is printed: a hidden one is not named absent.
        missing_areas: attendance_by_area
            .iter()
            .filter(|g| g.count == Tally::Exact(0))
            .map(|g| g.name.clone())
            .collect(),
        attendance_by_area,
        attendance_by_sector: tallied(&sector_counts),
        polarity: polarity(municipality, workshops, catalog, s.min_n),
        factors: factors(municipality, workshops, catalog, s.min_n),
        dots: if dots_hidden { Vec::new() } else { dots },
        dots_hidden,
        actions_by_status: count_by(&catalog.material.status, |st| (&st.id, st.name.clone()), &actions, |a| &a.status),
        actions_by_dimension: count_by(
            &catalog.framework.dimensions,
            |d| (&d.id, d.label()),
            &actions,
            |a| &a.dimension,
        )
        .into_iter()
        .filter(|c| c.count > 0)
        .collect(),
        overdue: actions.iter().filter(|a| a.overdue).count(),
        actions,
        feedback: feedback(municipality, workshops, catalog, s.min_n),
        // Like the satisfaction figures: only from enough participants.
        feedback_texts: if s.print_free_text && participants.len() >= s.min_n {
            super::survey::sorted_texts(feedback_texts(municipality, workshops))
        } else {
            Vec::new()
        },
    }
}

/// Participants per area (all areas) and per sector (sectors present).
fn attendance(participants: &[&Participant], catalog: &Catalog) -> (Vec<Count>, Vec<Count>) {
    let areas = count_by(
        &catalog.material.areas,
        |a| (&a.id, a.name.clone()),
        participants,
        |p| catalog.area_of(&p.sector).map_or("", |a| a.id.as_str()),
    );
    let sectors = count_by(&catalog.material.sectors, |s| (&s.id, s.name.clone()), participants, |p| &p.sector)
        .into_iter()
        .filter(|c| c.count > 0)
        .collect();
    (areas, sectors)
}

/// Counts `items` per catalog entry, matching the entry's id with `key`.
fn count_by<'c, E, I>(
    entries: &'c [E],
    describe: impl Fn(&'c E) -> (&'c String, String),
    items: &[I],
    key: impl Fn(&I) -> &str,
) -> Vec<Count> {
    entries
        .iter()
        .map(|entry| {
            let (id, label) = describe(entry);
            Count { id: id.clone(), label, count: items.iter().filter(|i| key(i) == id.as_str()).count() }
        })
        .collect()
}

fn feedback_texts<'a>(municipality: &'a str, workshops: &'a [&Workshop]) -> impl Iterator<Item = String> + 'a {
    workshops
        .iter()
        .flat_map(|w| &w.feedback)
        .filter(move |f| f.municipality == municipality)
        .filter_map(|f| f.text.clone())
}

fn gated(answers: &[Answer], catalog: &Catalog, scale_id: &str, min_n: usize) -> Gate<ItemStats> {
    let stats = summarize(answers, catalog.scale(scale_id));
    let n = stats.as_ref().map_or(0, |s| s.n);
    gate(stats, n, min_n)
}

fn polarity(municipality: &str, workshops: &[&Workshop], catalog: &Catalog, min_n: usize) -> Vec<PairResult> {
    let scale = &catalog.scales.verwendung.polaritaet;
    catalog
        .material
        .polarity
        .iter()
        .map(|pair| {
            let answers: Vec<Answer> = workshops
                .iter()
                .flat_map(|w| &w.polarity)
                .filter(|r| r.municipality == municipality && r.pair == pair.id)
                .map(|r| r.answer)
                .collect();
            PairResult {
                id: pair.id.clone(),
                left: pair.links.clone(),
                right: pair.rechts.clone(),
                stats: gated(&answers, catalog, scale, min_n),
                cluster_mean: None,
            }
        })
        .collect()
}

fn factors(municipality: &str, workshops: &[&Workshop], catalog: &Catalog, min_n: usize) -> Vec<FactorResult> {
    let uses = &catalog.scales.verwendung;
    catalog
        .material
        .factors
        .iter()
        .map(|factor| {
            let rows: Vec<_> = workshops
                .iter()
                .flat_map(|w| &w.factors)
                .filter(|r| r.municipality == municipality && r.factor == factor.id)
                .collect();
            let state: Vec<Answer> = rows.iter().map(|r| r.state).collect();
            let importance: Vec<Answer> = rows.iter().map(|r| r.importance).collect();
            FactorResult {
                id: factor.id.clone(),
                text: factor.text.clone(),
                state: gated(&state, catalog, &uses.erfolgsfaktor_stand, min_n),
                importance: gated(&importance, catalog, &uses.erfolgsfaktor_wichtigkeit, min_n),
            }
        })
        .collect()
}

fn dot_totals(municipality: &str, workshops: &[&Workshop], catalog: &Catalog) -> Vec<DotTotal> {
    let mut totals: Vec<DotTotal> = Vec::new();
    for vote in workshops.iter().flat_map(|w| &w.dots).filter(|d| d.municipality == municipality) {
        match totals.iter_mut().find(|t| t.target == vote.target) {
            Some(t) => t.points += vote.points,
            None => totals.push(DotTotal {
                target: vote.target.clone(),
                label: target_label(&vote.target, catalog),
                points: vote.points,
            }),
        }
    }
    totals.sort_by(|a, b| b.points.cmp(&a.points).then_with(|| a.target.cmp(&b.target)));
    totals
}

/// "QD3 Netzwerk" for a dimension, "3b Zusammenarbeit … (QD3)" for a topic.
fn target_label(target: &str, catalog: &Catalog) -> String {
    if let Some(d) = catalog.dimension(target) {
        return d.label();
    }
    for d in &catalog.framework.dimensions {
        if let Some(t) = d.topics.iter().find(|t| t.id == target) {
            return format!("{} (QD{})", t.titel, d.nummer);
        }
    }
    target.to_string()
}

fn action_rows(municipality: &str, workshops: &[&Workshop], catalog: &Catalog, reference: NaiveDate) -> Vec<ActionRow> {
    let mut rows: Vec<ActionRow> = workshops
        .iter()
        .flat_map(|w| &w.actions)
        .filter(|a| a.municipality == municipality)
        .map(|a| {
            let status = catalog.material.status.iter().find(|s| s.id == a.status);
            let done = status.is_some_and(|s| s.erledigt);
            ActionRow {
                goal: a.goal.clone(),
                measure: a.measure.clone(),
                dimension: a.dimension.clone(),
                dimension_label: target_label(&a.dimension, catalog),
                responsible: a.responsible.clone(),
                involved: a.involved.clone(),
                start: a.start,
                due: a.due,
                status: a.status.clone(),
                status_name: status.map_or_else(|| a.status.clone(), |s| s.name.clone()),
                indicator: a.indicator.clone(),
                done,
                overdue: !done && a.due.is_some_and(|d| d < reference),
            }
        })
        .collect();
    rows.sort_by(|a, b| (!a.overdue, a.due, &a.measure).cmp(&(!b.overdue, b.due, &b.measure)));
    rows
}

fn feedback(municipality: &str, workshops: &[&Workshop], catalog: &Catalog, min_n: usize) -> Gate<ItemStats> {
    let answers: Vec<Answer> = workshops
        .iter()
        .flat_map(|w| &w.feedback)
        .filter(|f| f.municipality == municipality)
        .map(|f| f.satisfaction)
        .collect();
    gated(&answers, catalog, &catalog.scales.verwendung.rueckmeldung, min_n)
}
