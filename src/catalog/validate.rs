//! Consistency checks of a parsed catalog.

use std::collections::HashSet;

use super::Catalog;

/// Every problem of the catalog, in German; empty when it is consistent.
pub fn problems(catalog: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    check_framework(catalog, &mut problems);
    check_scales(catalog, &mut problems);
    check_material(catalog, &mut problems);
    check_standards(catalog, &mut problems);
    problems
}

fn unique<'a>(kind: &str, ids: impl Iterator<Item = &'a str>, problems: &mut Vec<String>) {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            problems.push(format!("{kind}: leere Id"));
        } else if !seen.insert(id) {
            problems.push(format!("{kind}: Id „{id}“ ist doppelt vergeben"));
        }
    }
}

fn check_framework(catalog: &Catalog, problems: &mut Vec<String>) {
    let dims = &catalog.framework.dimensions;
    if dims.is_empty() {
        problems.push("Qualitätsrahmen: keine Dimension definiert".into());
    }
    unique("Dimension", dims.iter().map(|d| d.id.as_str()), problems);
    let numbers: Vec<String> = dims.iter().map(|d| d.nummer.to_string()).collect();
    unique("Dimensionsnummer", numbers.iter().map(String::as_str), problems);
    unique("Thema", dims.iter().flat_map(|d| d.topics.iter().map(|t| t.id.as_str())), problems);
    unique("Entwicklungsziel", catalog.goals().map(|(_, g)| g.id.as_str()), problems);
    for dim in dims {
        if dim.topics.iter().all(|t| t.goals.is_empty()) {
            problems.push(format!("Dimension {}: kein Entwicklungsziel definiert", dim.id));
        }
        for goal in dim.topics.iter().flat_map(|t| &t.goals) {
            let prefix = format!("{}.", dim.nummer);
            if !goal.id.starts_with(&prefix) {
                problems.push(format!(
                    "Entwicklungsziel {} steht in Dimension {}, seine Id muss mit „{prefix}“ beginnen",
                    goal.id, dim.id
                ));
            }
            if goal.id.contains(char::is_whitespace) {
                problems.push(format!("Entwicklungsziel „{}“: Id darf keine Leerzeichen enthalten", goal.id));
            }
        }
    }
}

fn check_scales(catalog: &Catalog, problems: &mut Vec<String>) {
    let scales = &catalog.scales.all;
    unique("Skala", scales.iter().map(|s| s.id.as_str()), problems);
    for scale in scales {
        if scale.steps.len() < 2 {
            problems.push(format!("Skala {}: braucht mindestens zwei Stufen", scale.id));
        }
        let values: Vec<String> = scale.steps.iter().map(|s| s.wert.to_string()).collect();
        unique(&format!("Skala {} Wert", scale.id), values.iter().map(String::as_str), problems);
        for step in &scale.steps {
            if step.label.trim().is_empty() {
                problems.push(format!("Skala {}: Stufe {} hat kein Label", scale.id, step.wert));
            }
        }
        let labels: Vec<String> = scale.steps.iter().map(|s| super::fold_key(&s.label)).collect();
        unique(&format!("Skala {} Label", scale.id), labels.iter().map(String::as_str), problems);
        let ascending = scale.steps.windows(2).all(|w| w[0].wert < w[1].wert);
        if !ascending {
            problems.push(format!("Skala {}: Stufen müssen aufsteigend sortiert sein", scale.id));
        }
        if scale.top == 0 || scale.top >= scale.steps.len() {
            problems.push(format!("Skala {}: „top“ muss zwischen 1 und Stufenzahl − 1 liegen", scale.id));
        }
        if scale.weiss_nicht.is_empty() {
            problems.push(format!("Skala {}: kein Label für „weiß nicht“ definiert", scale.id));
        }
    }
    let uses = &catalog.scales.verwendung;
    for (purpose, id) in [
        ("befragung", &uses.befragung),
        ("bedarf", &uses.bedarf),
        ("polaritaet", &uses.polaritaet),
        ("erfolgsfaktor_stand", &uses.erfolgsfaktor_stand),
        ("erfolgsfaktor_wichtigkeit", &uses.erfolgsfaktor_wichtigkeit),
        ("rueckmeldung", &uses.rueckmeldung),
    ] {
        if !scales.iter().any(|s| &s.id == id) {
            problems.push(format!("Verwendung {purpose}: Skala „{id}“ ist nicht definiert"));
        }
    }
}

fn check_material(catalog: &Catalog, problems: &mut Vec<String>) {
    for figure in &catalog.material.key_figures {
        if let Some(dim) = figure.dimension.as_deref().filter(|d| catalog.dimension(d).is_none()) {
            problems.push(format!("Kennzahl {}: Dimension „{dim}“ gibt es im Qualitätsrahmen nicht", figure.id));
        }
        if let Some(goal) = figure.ziel.as_deref().filter(|g| !catalog.goals().any(|(_, x)| x.id == *g)) {
            problems
                .push(format!("Kennzahl {}: Entwicklungsziel „{goal}“ gibt es im Qualitätsrahmen nicht", figure.id));
        }
    }
    let m = &catalog.material;
    unique("Polaritätspaar", m.polarity.iter().map(|p| p.id.as_str()), problems);
    unique("Erfolgsfaktor", m.factors.iter().map(|f| f.id.as_str()), problems);
    unique("Bereich", m.areas.iter().map(|a| a.id.as_str()), problems);
    unique("Sektor", m.sectors.iter().map(|s| s.id.as_str()), problems);
    let sector_names: Vec<String> = m.sectors.iter().map(|s| super::fold_key(&s.name)).collect();
    unique("Sektorname", sector_names.iter().map(String::as_str), problems);
    unique("Ebene", m.levels.iter().map(|l| l.id.as_str()), problems);
    unique("Status", m.status.iter().map(|s| s.id.as_str()), problems);
    unique("Kennzahl", m.key_figures.iter().map(|k| k.id.as_str()), problems);
    for sector in &m.sectors {
        if !m.areas.iter().any(|a| a.id == sector.bereich) {
            problems.push(format!("Sektor {}: Bereich „{}“ ist nicht definiert", sector.id, sector.bereich));
        }
    }
    if m.sectors.is_empty() {
        problems.push("Material: kein Sektor definiert".into());
    }
    if m.status.is_empty() {
        problems.push("Material: kein Maßnahmen-Status definiert".into());
    }
}

fn check_standards(catalog: &Catalog, problems: &mut Vec<String>) {
    let Some(standards) = &catalog.standards else { return };
    if standards.topics.is_empty() {
        problems.push("Standards: kein Thema definiert".into());
    }
    unique("Standards-Thema", standards.topics.iter().map(|t| t.id.as_str()), problems);
    unique("Standard", standards.items().map(|(_, i)| i.id.as_str()), problems);
    for topic in standards.topics.iter().filter(|t| t.items.is_empty()) {
        problems.push(format!("Standards-Thema {}: kein Standard definiert", topic.id));
    }
    for (_, item) in standards.items() {
        if item.id.contains(char::is_whitespace) {
            problems.push(format!("Standard „{}“: Id darf keine Leerzeichen enthalten", item.id));
        }
        if item.text.trim().is_empty() {
            problems.push(format!("Standard {}: kein Text", item.id));
        }
        if catalog.dimension(&item.dimension).is_none() {
            problems.push(format!(
                "Standard {}: Qualitätsdimension „{}“ gibt es im Qualitätsrahmen nicht",
                item.id, item.dimension
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::{Catalog, CatalogError};

    fn texts() -> (String, String, String) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/katalog");
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
        (read("qualitaetsrahmen.toml"), read("skalen.toml"), read("material.toml"))
    }

    #[test]
    fn shipped_catalog_is_valid() {
        let (f, s, m) = texts();
        let catalog = Catalog::from_texts(&f, &s, &m).expect("shipped catalog must be valid");
        assert_eq!(catalog.framework.dimensions.len(), 11);
        assert_eq!(catalog.dimension("QD3").unwrap().name, "Netzwerk");
        assert_eq!(catalog.find_dimension("netzwerk").unwrap().id, "QD3");
        assert_eq!(catalog.find_dimension("QD 11").unwrap().nummer, 11);
    }

    #[test]
    fn standards_need_known_dimensions_and_unique_ids() {
        let (f, s, m) = texts();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/katalog");
        let standards = std::fs::read_to_string(dir.join("standards.toml")).unwrap();
        let catalog = Catalog::from_texts(&f, &s, &m).unwrap();
        assert!(catalog.clone().with_standards_text(&standards).is_ok(), "the shipped example is valid");
        let broken = standards.replacen("dimension = \"QD5\"", "dimension = \"QD99\"", 1).replacen(
            "id = \"S1.2\"",
            "id = \"S1.1\"",
            1,
        );
        let Err(CatalogError::Invalid { problems, .. }) = catalog.with_standards_text(&broken) else {
            panic!("expected an invalid catalog");
        };
        assert_eq!(
            problems,
            [
                "Standard: Id „S1.1“ ist doppelt vergeben",
                "Standard S1.1: Qualitätsdimension „QD99“ gibt es im Qualitätsrahmen nicht",
            ]
        );
    }

    #[test]
    fn duplicate_goal_id_and_undefined_scale_are_reported() {
        let (f, s, m) = texts();
        let f = f.replacen("id = \"2.2\"", "id = \"2.1\"", 1);
        let s = s.replacen("bedarf = \"bedarf\"", "bedarf = \"fehlt\"", 1);
        let Err(CatalogError::Invalid { problems, .. }) = Catalog::from_texts(&f, &s, &m) else {
            panic!("expected an invalid catalog");
        };
        assert!(problems.iter().any(|p| p.contains("„2.1“ ist doppelt")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("Skala „fehlt“ ist nicht definiert")), "{problems:?}");
    }

    #[test]
    fn empty_scale_label_is_reported() {
        let (f, s, m) = texts();
        let s = s.replacen("label = \"stimme zu\"", "label = \" \"", 1);
        let Err(CatalogError::Invalid { problems, .. }) = Catalog::from_texts(&f, &s, &m) else {
            panic!("expected an invalid catalog");
        };
        assert!(problems.iter().any(|p| p.contains("Stufe 5 hat kein Label")), "{problems:?}");
    }

    #[test]
    fn toml_syntax_error_names_file_and_line() {
        let (f, s, m) = texts();
        let broken = format!("{f}\n[[dimension]\n");
        let Err(CatalogError::Parse { path, message }) = Catalog::from_texts(&broken, &s, &m) else {
            panic!("expected a parse error");
        };
        assert_eq!(path.to_str(), Some("qualitaetsrahmen.toml"));
        assert!(message.contains("line"), "{message}");
    }
}
