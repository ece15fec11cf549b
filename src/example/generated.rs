//! Drawn municipalities for a state-sized example
//! (`qdfh examples --kommunen N`).
//!
//! The 20 hand-made places come first; every further place is drawn from
//! its own random stream ("kommune/<index>"), so a place does not change
//! when N grows. Names are compounds of a prefix and a suffix
//! ("Birken" + "felde"); unlike the hand-made names they are not checked
//! against real places and may happen to exist somewhere.

use std::borrow::Cow;
use std::collections::HashSet;

use super::places::{CLUSTER_SIZE, Place, default_places};
use super::rng::Rng;
use crate::model::MunicipalityKind;

/// The most municipalities a state-sized example can have; well below the
/// number of distinct names the tables below give.
pub const MAX_MUNICIPALITIES: usize = 1000;

/// First parts of drawn names: trees, plants and animals.
const PREFIXES: [&str; 40] = [
    "Ahorn",
    "Amsel",
    "Birken",
    "Buchen",
    "Dachs",
    "Dornen",
    "Eichen",
    "Elster",
    "Erlen",
    "Espen",
    "Farn",
    "Fichten",
    "Finken",
    "Föhren",
    "Fuchs",
    "Gänse",
    "Ginster",
    "Hirsch",
    "Holunder",
    "Kiefern",
    "Kirsch",
    "Lerchen",
    "Linden",
    "Marder",
    "Meisen",
    "Mispel",
    "Mohn",
    "Mühlen",
    "Nessel",
    "Otter",
    "Pappel",
    "Quitten",
    "Rosen",
    "Schlehen",
    "Schwalben",
    "Tannen",
    "Ulmen",
    "Weiden",
    "Wiesel",
    "Zeisig",
];

/// Second parts of drawn names: landscape and settlement words.
const SUFFIXES: [&str; 36] = [
    "au", "bach", "berg", "born", "bruch", "brück", "brunn", "dorf", "feld", "felde", "furt", "grund", "hagen", "hain",
    "hausen", "heide", "hof", "holz", "horst", "hude", "kamp", "loh", "mark", "moor", "quell", "ried", "rode", "sand",
    "see", "stedt", "tal", "wald", "werder", "wiek", "winkel", "wörth",
];

/// Focus dimensions a drawn place may have, as in the hand-made places:
/// Netzwerk (QD3) alone or with one other dimension.
const FOCUS_SETS: [&[&str]; 7] =
    [&["QD3"], &["QD3", "QD2"], &["QD3", "QD4"], &["QD3", "QD5"], &["QD3", "QD8"], &["QD3", "QD11"], &["QD2", "QD8"]];

/// The places of a state-sized example with `count` municipalities: the
/// hand-made ones first (cut off when `count` is smaller), then drawn ones
/// in clusters of four, the last cluster possibly smaller.
///
/// # Panics
///
/// When `count` exceeds [`MAX_MUNICIPALITIES`].
pub(super) fn state_places(count: usize) -> Vec<Place> {
    assert!(count <= MAX_MUNICIPALITIES, "at most {MAX_MUNICIPALITIES} municipalities, not {count}");
    let mut places = default_places();
    let mut taken: HashSet<String> = places.iter().map(|p| p.id.to_string()).collect();
    places.truncate(count);
    for index in places.len()..count {
        places.push(drawn_place(index, &mut taken));
    }
    places
}

/// The place at `index` (0-based over all places); `taken` holds the ids
/// in use and gets the new one.
fn drawn_place(index: usize, taken: &mut HashSet<String>) -> Place {
    let mut rng = Rng::for_key(&format!("kommune/{index}"));
    let kind = MunicipalityKind::ALL[index % MunicipalityKind::ALL.len()];
    let short = unique_name(&mut rng, taken);
    Place {
        id: Cow::Owned(ascii_id(&short)),
        name: Cow::Owned(format!("{} {short}", name_prefix(kind))),
        kind,
        cluster: Cow::Owned(cluster_name(index / CLUSTER_SIZE)),
        focus: rng.pick(&FOCUS_SETS),
        respondents: respondents(kind, &mut rng, &mut Rng::for_key(&format!("kommune/{index}/basis"))),
        quality: rng.normal(0.3).clamp(-0.8, 0.8),
        trend: rng.normal(0.2).clamp(-0.5, 0.5),
        typed: rng.chance(0.05),
    }
}

/// A compound name whose id is not taken yet: a drawn start in the table of
/// all compounds, then the next free one.
fn unique_name(rng: &mut Rng, taken: &mut HashSet<String>) -> String {
    let total = PREFIXES.len() * SUFFIXES.len();
    let start = (rng.next_u64() % total as u64) as usize;
    (0..total)
        .map(|step| (start + step) % total)
        .map(|k| format!("{}{}", PREFIXES[k / SUFFIXES.len()], SUFFIXES[k % SUFFIXES.len()]))
        .find(|name| taken.insert(ascii_id(name)))
        .expect("MAX_MUNICIPALITIES is below the number of compounds")
}

/// Respondents in 2024, 2025 and 2026: mostly 5 to 30, districts a few
/// more than towns; some networks below 5 (the `min_n` edge), some without
/// a 2025 survey (joined in 2026) and some without the baseline of 2024.
/// The baseline comes from its own `baseline` draw so that the later years
/// stay what they were before it was added.
fn respondents(kind: MunicipalityKind, rng: &mut Rng, baseline: &mut Rng) -> [u32; 3] {
    let later = if rng.chance(0.08) {
        rng.between(2, 4)
    } else {
        match kind {
            MunicipalityKind::Landkreis | MunicipalityKind::StadtUndLandkreis => rng.between(8, 30),
            _ => rng.between(5, 24),
        }
    };
    let earlier = if rng.chance(0.06) { 0 } else { (later + rng.between(0, 6)).saturating_sub(3).max(2) };
    let first = if earlier == 0 || baseline.chance(0.1) {
        0
    } else {
        (earlier + baseline.between(0, 4)).saturating_sub(2).max(2)
    };
    [first, earlier, later]
}

/// "Stadt", "Landkreis" or "Stadt und Landkreis" before the name.
fn name_prefix(kind: MunicipalityKind) -> &'static str {
    match kind {
        MunicipalityKind::KreisfreieStadt | MunicipalityKind::KreisangehoerigeStadt => "Stadt",
        MunicipalityKind::Landkreis => "Landkreis",
        MunicipalityKind::StadtUndLandkreis => "Stadt und Landkreis",
    }
}

/// Lowercase ASCII id of a name: "Föhrenwörth" → "foehrenwoerth".
fn ascii_id(name: &str) -> String {
    let mut id = String::with_capacity(name.len() + 4);
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => id.push_str("ae"),
            'ö' => id.push_str("oe"),
            'ü' => id.push_str("ue"),
            'ß' => id.push_str("ss"),
            c if c.is_ascii_alphanumeric() => id.push(c),
            _ => {}
        }
    }
    id
}

/// Cluster names like spreadsheet columns: 0 → "A", 25 → "Z", 26 → "AA".
fn cluster_name(number: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = number;
    loop {
        letters.push(char::from(b'A' + (rest % 26) as u8));
        if rest < 26 {
            break;
        }
        rest = rest / 26 - 1;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::super::places::clusters;
    use super::*;

    fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> usize {
        items.collect::<HashSet<_>>().len()
    }

    #[test]
    fn state_places_are_unique_in_clusters_of_four_and_deterministic() {
        for count in [1, 7, 20, 21, 103, 400, MAX_MUNICIPALITIES] {
            let places = state_places(count);
            assert_eq!(places.len(), count);
            assert_eq!(distinct(places.iter().map(|p| p.id.as_ref())), count, "ids of {count}");
            assert_eq!(distinct(places.iter().map(|p| p.name.as_ref())), count, "names of {count}");
            assert!(places.iter().all(|p| p.id.bytes().all(|b| b.is_ascii_lowercase())), "ids of {count}");
            let names = clusters(&places);
            assert_eq!(names.len(), count.div_ceil(CLUSTER_SIZE));
            for (position, cluster) in names.iter().enumerate() {
                let members = places.iter().filter(|p| p.cluster == *cluster).count();
                let last = position + 1 == names.len();
                assert!(members == CLUSTER_SIZE || (last && members < CLUSTER_SIZE), "{cluster}: {members}");
                assert!(cluster.len() <= 2, "{cluster}");
            }
            assert!(state_places(count) == places, "two runs give the same places ({count})");
        }
    }

    #[test]
    fn state_places_keep_the_hand_made_ones_and_grow_without_changing() {
        let (small, large) = (state_places(60), state_places(400));
        assert!(small[..] == large[..60]);
        assert!(large[..20] == default_places()[..]);
        let kinds: Vec<MunicipalityKind> = large[20..24].iter().map(|p| p.kind).collect();
        assert_eq!(kinds, MunicipalityKind::ALL);
        assert_eq!((large[20].cluster.as_ref(), large[399].cluster.as_ref()), ("F", "CV"));
    }

    #[test]
    fn state_places_have_realistic_respondents_and_differ() {
        let places = state_places(400);
        let drawn = &places[20..];
        let later: Vec<u32> = drawn.iter().map(|p| p.respondents[2]).collect();
        assert!(later.iter().all(|n| (2..=30).contains(n)));
        let small = later.iter().filter(|n| **n < 5).count();
        let joined = drawn.iter().filter(|p| p.respondents[1] == 0).count();
        assert!(drawn.iter().all(|p| p.respondents[1] > 0 || p.respondents[0] == 0), "a baseline without 2025");
        assert!((5..60).contains(&small), "{small} below 5");
        assert!((3..50).contains(&joined), "{joined} without 2025");
        let qualities: HashSet<u64> = drawn.iter().map(|p| p.quality.to_bits()).collect();
        assert!(qualities.len() > 300);
    }

    #[test]
    fn names_become_ascii_ids_and_cluster_names_count_on() {
        assert_eq!(ascii_id("Föhrenwörth"), "foehrenwoerth");
        assert_eq!(ascii_id("Gänsebrück"), "gaensebrueck");
        let names: Vec<String> = [0, 4, 25, 26, 27, 51, 52, 99, 701, 702].map(cluster_name).into();
        assert_eq!(names, ["A", "E", "Z", "AA", "AB", "AZ", "BA", "CV", "ZZ", "AAA"]);
        assert!(PREFIXES.len() * SUFFIXES.len() >= MAX_MUNICIPALITIES + 20);
    }
}
