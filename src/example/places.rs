//! The fictional municipalities of "Beispielland".
//!
//! Names are invented compounds chosen not to be real German places. The
//! respondent counts are set by hand, not drawn, so that the edge cases the
//! reports must handle are always present: Nebelsee with 2 or 3
//! respondents, Haselbruck with 6 (2024), exactly 5 (2025) and 4 (2026)
//! around the default `min_n` of 5, Sommerfurt, which joined in 2025 (no
//! survey in the baseline year 2024), and Lerchwinkel, which joined in 2026.
//!
//! A state-sized example (`qdfh examples --kommunen N`) keeps these places
//! first and adds drawn ones (see `generated`).

use std::borrow::Cow;

use crate::model::MunicipalityKind;

/// The state all example municipalities belong to.
pub(super) const STATE: &str = "Beispielland";

/// One fictional municipality and the knobs of its synthetic data.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Place {
    /// Id used in file names and Info sheets.
    pub id: Cow<'static, str>,
    /// Display name.
    pub name: Cow<'static, str>,
    /// Kind of municipality.
    pub kind: MunicipalityKind,
    /// Cluster name ("A", …, "Z", "AA", …).
    pub cluster: Cow<'static, str>,
    /// Focus dimensions (Schwerpunkte).
    pub focus: &'static [&'static str],
    /// Respondents per year of [`super::YEARS`]; 0 means no survey that year.
    pub respondents: [u32; 3],
    /// Overall quality level on the 6-point scale, relative to the state.
    pub quality: f64,
    /// Change from 2025 to 2026 beyond the state-wide trend.
    pub trend: f64,
    /// Answers are typed as numbers rather than chosen labels.
    pub typed: bool,
}

fn place(
    id: &'static str,
    name: &'static str,
    kind: MunicipalityKind,
    cluster: &'static str,
    focus: &'static [&'static str],
    respondents: [u32; 3],
    quality: f64,
) -> Place {
    Place {
        id: Cow::Borrowed(id),
        name: Cow::Borrowed(name),
        kind,
        cluster: Cow::Borrowed(cluster),
        focus,
        respondents,
        quality,
        trend: 0.0,
        typed: false,
    }
}

use MunicipalityKind::{
    KreisangehoerigeStadt as Kas, KreisfreieStadt as Kfs, Landkreis as Lk, StadtUndLandkreis as Sul,
};

/// The 20 hand-made example municipalities, cluster by cluster.
pub(super) fn default_places() -> Vec<Place> {
    vec![
        place("auenfeld", "Stadt Auenfeld", Kfs, "A", &["QD3", "QD2"], [15, 18, 21], 0.3),
        place("lindmoor", "Landkreis Lindmoor", Lk, "A", &["QD3", "QD2"], [11, 12, 14], 0.0),
        place("haselbruck", "Stadt Haselbruck", Kas, "A", &["QD3"], [6, 5, 4], -0.2),
        place("kranichsand", "Landkreis Kranichsand", Lk, "A", &["QD3", "QD2"], [8, 9, 11], -0.4),
        place("brunnwiek", "Stadt Brunnwiek", Kfs, "B", &["QD3", "QD5"], [20, 22, 25], 0.5),
        Place {
            typed: true,
            ..place("eschenmark", "Landkreis Eschenmark", Lk, "B", &["QD3", "QD5"], [11, 10, 9], -0.1)
        },
        place("sommerfurt", "Stadt Sommerfurt", Kas, "B", &["QD3"], [0, 7, 8], 0.1),
        Place {
            trend: -0.4,
            ..place("otterwald", "Landkreis Otterwald", Lk, "B", &["QD3", "QD5"], [14, 13, 12], -0.6)
        },
        place("falkbrunn", "Stadt Falkbrunn", Kfs, "C", &["QD3"], [13, 16, 17], 0.2),
        place("roggenhall", "Stadt und Landkreis Roggenhall", Sul, "C", &["QD3", "QD4"], [18, 20, 23], 0.0),
        place("moosbachtal", "Landkreis Moosbachtal", Lk, "C", &["QD3"], [7, 8, 10], -0.3),
        place("lerchwinkel", "Stadt Lerchwinkel", Kas, "C", &["QD3"], [0, 0, 6], 0.1),
        place("wolkenheide", "Landkreis Wolkenheide", Lk, "D", &["QD3", "QD11"], [10, 11, 13], -0.2),
        Place {
            trend: 0.3,
            ..place("silberquell", "Stadt Silberquell", Kfs, "D", &["QD3", "QD11"], [17, 19, 16], 0.4)
        },
        place("heckenau", "Landkreis Heckenau", Lk, "D", &["QD3"], [8, 9, 9], -0.5),
        place("nebelsee", "Stadt Nebelsee", Kas, "D", &["QD3", "QD11"], [3, 2, 2], 0.0),
        place("distelmark", "Landkreis Distelmark", Lk, "E", &["QD2", "QD8"], [12, 14, 15], 0.0),
        place("sternhude", "Stadt Sternhude", Kfs, "E", &["QD3", "QD8"], [14, 17, 20], 0.3),
        place("kraehenwald", "Landkreis Krähenwald", Lk, "E", &["QD3", "QD8"], [9, 10, 12], -0.1),
        place("bienwerder", "Stadt Bienwerder", Kas, "E", &["QD3"], [5, 6, 7], 0.2),
    ]
}

/// Members per cluster, in the hand-made places and the drawn ones.
pub(super) const CLUSTER_SIZE: usize = 4;

/// The cluster names of `places` in order of first appearance.
pub(super) fn clusters(places: &[Place]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for place in places {
        if !names.contains(&place.cluster.as_ref()) {
            names.push(&place.cluster);
        }
    }
    names
}

impl Place {
    /// Respondents in a year (0: no survey).
    pub fn respondents_in(&self, year: i32) -> u32 {
        super::YEARS.iter().position(|y| *y == year).map_or(0, |index| self.respondents[index])
    }

    /// The name without "Stadt", "Landkreis" or "Stadt und Landkreis", for
    /// institution names ("Jugendamt Auenfeld").
    pub fn short(&self) -> &str {
        ["Stadt und Landkreis ", "Landkreis ", "Stadt "]
            .iter()
            .find_map(|prefix| self.name.strip_prefix(prefix))
            .unwrap_or(&self.name)
    }

    /// Is this dimension one of the municipality's focus dimensions?
    pub fn has_focus(&self, dimension: &str) -> bool {
        self.focus.contains(&dimension)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_clusters_have_four_members() {
        let places = default_places();
        let mut ids: Vec<&str> = places.iter().map(|p| p.id.as_ref()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), places.len());
        assert_eq!(clusters(&places), ["A", "B", "C", "D", "E"]);
        for cluster in clusters(&places) {
            assert_eq!(places.iter().filter(|p| p.cluster == cluster).count(), CLUSTER_SIZE);
        }
    }
}
