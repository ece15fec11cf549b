//! The municipality register built from Stammdaten, and how other workbooks
//! look up the municipality they name.

use std::collections::BTreeSet;

use crate::catalog::fold_key;
use crate::diagnostics::Link;
use crate::model::Municipality;

/// The municipalities other workbooks may name.
#[derive(Debug, Clone, serde::Serialize)]
pub enum Register {
    /// Stammdaten were read.
    Known {
        /// Municipalities without errors.
        municipalities: Vec<Municipality>,
        /// Folded ids of municipalities dropped for errors in Stammdaten.
        dropped: BTreeSet<String>,
    },
    /// No usable Stammdaten; `warn` asks for one warning per workbook (a
    /// single file checked on its own). Without `warn`, the missing
    /// Stammdaten have been reported once for the whole folder.
    Missing {
        /// Warn in every workbook that names a municipality.
        warn: bool,
    },
}

/// The result of looking up a municipality.
#[derive(Debug, Clone)]
pub enum Lookup<'a> {
    /// Found; use its canonical id.
    Found(&'a Municipality),
    /// In Stammdaten, but its row has errors.
    Dropped,
    /// Not in Stammdaten.
    Unknown,
    /// No Stammdaten to check against.
    Unchecked,
}

impl Register {
    /// Looks up a municipality by id, leniently (case, umlauts).
    pub fn lookup(&self, text: &str) -> Lookup<'_> {
        let key = fold_key(text);
        match self {
            Register::Known { municipalities, dropped } => {
                if let Some(m) = municipalities.iter().find(|m| fold_key(&m.id) == key) {
                    Lookup::Found(m)
                } else if dropped.contains(&key) {
                    Lookup::Dropped
                } else {
                    Lookup::Unknown
                }
            }
            Register::Missing { .. } => Lookup::Unchecked,
        }
    }

    /// Municipalities of a cluster (compared leniently); `None` when there
    /// are no Stammdaten to check against.
    pub fn cluster_members(&self, cluster: &str) -> Option<Vec<&Municipality>> {
        let Register::Known { municipalities, .. } = self else { return None };
        let key = fold_key(cluster);
        Some(municipalities.iter().filter(|m| fold_key(&m.cluster) == key).collect())
    }

    /// Cluster names in Stammdaten, sorted, for messages.
    pub fn clusters(&self) -> Vec<String> {
        let Register::Known { municipalities, .. } = self else { return Vec::new() };
        let set: BTreeSet<&str> = municipalities.iter().map(|m| m.cluster.as_str()).filter(|c| !c.is_empty()).collect();
        set.into_iter().map(str::to_string).collect()
    }

    /// True when each workbook should warn that it was not checked.
    pub fn warns_unchecked(&self) -> bool {
        matches!(self, Register::Missing { warn: true })
    }

    /// The municipalities to put into the inputs.
    pub fn municipalities(&self) -> &[Municipality] {
        match self {
            Register::Known { municipalities, .. } => municipalities,
            Register::Missing { .. } => &[],
        }
    }
}

/// The message for a municipality that cannot be used, or `None` if found
/// or unchecked.
pub fn lookup_problem(lookup: &Lookup<'_>, text: &str) -> Option<(String, Option<Link>)> {
    match lookup {
        Lookup::Found(_) | Lookup::Unchecked => None,
        Lookup::Dropped => Some((
            format!(
                "Kommune „{text}“ ist in den Stammdaten fehlerhaft eingetragen und wird nicht verwendet; bitte zuerst die Stammdaten korrigieren"
            ),
            Some(follows_from_row(text)),
        )),
        Lookup::Unknown => Some((format!("Kommune „{text}“ steht nicht in den Stammdaten (Spalte ID)"), None)),
    }
}

/// The link key of a broken Stammdaten row, by the id it gives.
fn row_key(id: &str) -> String {
    format!("stammdaten:{}", fold_key(id))
}

/// Marks an error that drops the Stammdaten row of `id`.
pub fn drops_row(id: &str) -> Link {
    Link::Cause(row_key(id))
}

/// Marks a finding that follows from the broken Stammdaten row of `id`.
pub fn follows_from_row(id: &str) -> Link {
    Link::Consequence(row_key(id))
}

/// The warning of a workbook checked without Stammdaten.
pub const UNCHECKED: &str = "Die Kommune konnte nicht mit den Stammdaten abgeglichen werden: keine Stammdaten im Ordner der Datei oder in den zwei Ordnern darüber gefunden";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MunicipalityKind;

    fn auenfeld() -> Municipality {
        Municipality {
            id: "auenfeld".into(),
            name: "Stadt Auenfeld".into(),
            kind: MunicipalityKind::KreisfreieStadt,
            state: "Beispielland".into(),
            cluster: "A".into(),
            focus: vec![],
            coordinator: None,
            email: None,
        }
    }

    #[test]
    fn lookup_is_lenient_and_knows_dropped_rows() {
        let register =
            Register::Known { municipalities: vec![auenfeld()], dropped: BTreeSet::from(["bergheim".into()]) };
        assert!(matches!(register.lookup(" Auenfeld"), Lookup::Found(m) if m.id == "auenfeld"));
        assert!(matches!(register.lookup("Bergheim"), Lookup::Dropped));
        assert!(matches!(register.lookup("x"), Lookup::Unknown));
        assert_eq!(register.cluster_members("a").map(|m| m.len()), Some(1));
        assert!(matches!(Register::Missing { warn: true }.lookup("x"), Lookup::Unchecked));
    }
}
