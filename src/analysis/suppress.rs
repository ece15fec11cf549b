//! Data protection: figures from fewer than `min_n` answers are never shown,
//! and a hidden subgroup must not be recoverable from the total and the
//! shown subgroups (complementary suppression).

use serde::{Deserialize, Serialize};

/// A figure that is shown only when enough answers back it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", content = "value", rename_all = "snake_case")]
pub enum Gate<T> {
    /// Enough answers: the figure may be printed.
    Shown(T),
    /// Fewer than `min_n` answers (or hidden to protect another group):
    /// printed as "zu wenige Angaben".
    TooFew,
    /// No valid answer at all.
    NoData,
}

impl<T> Gate<T> {
    /// The figure, if it may be shown.
    pub fn shown(&self) -> Option<&T> {
        match self {
            Gate::Shown(v) => Some(v),
            _ => None,
        }
    }

    /// Maps a shown figure.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Gate<U> {
        match self {
            Gate::Shown(v) => Gate::Shown(f(v)),
            Gate::TooFew => Gate::TooFew,
            Gate::NoData => Gate::NoData,
        }
    }
}

/// Gates a figure computed from `n` answers.
pub fn gate<T>(value: Option<T>, n: usize, min_n: usize) -> Gate<T> {
    match value {
        None => Gate::NoData,
        Some(_) if n < min_n => Gate::TooFew,
        Some(v) => Gate::Shown(v),
    }
}

/// Which groups of a partition (e.g. the areas, or the two levels) may be
/// shown, given each group's number of answers. A group is shown from
/// `min_n` answers on; empty groups hide nothing. If exactly one non-empty
/// group is hidden, the smallest shown group is hidden too, because the
/// single hidden group could otherwise be computed as total minus the others.
pub fn partition_visibility(sizes: &[usize], min_n: usize) -> Vec<bool> {
    let mut shown: Vec<bool> = sizes.iter().map(|n| *n >= min_n).collect();
    let hidden = sizes.iter().zip(&shown).filter(|(n, s)| **n > 0 && !**s).count();
    if hidden == 1 {
        let smallest_shown = (0..sizes.len()).filter(|i| shown[*i]).min_by_key(|i| (sizes[*i], *i));
        if let Some(i) = smallest_shown {
            shown[i] = false;
        }
    }
    shown
}

/// How a count of people below `min_n` is printed (`qdfh.toml`,
/// `[datenschutz] anzahl_gesamt` and `anzahl_gruppen`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountRule {
    /// The exact number.
    Zeigen,
    /// "weniger als 5"; in a partition also with complementary suppression.
    WenigerAls,
}

/// A count of people as it may be printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "value", rename_all = "snake_case")]
pub enum Tally {
    /// The exact number (also 0: an empty group names nobody).
    Exact(usize),
    /// Between 1 and `min_n − 1`: printed as "weniger als `min_n`".
    FewerThan(usize),
    /// At least `min_n`, hidden so that a smaller group cannot be computed
    /// from the total (complementary suppression).
    Hidden,
}

impl Tally {
    /// The exact number, if it may be printed.
    pub fn exact(self) -> Option<usize> {
        match self {
            Tally::Exact(n) => Some(n),
            _ => None,
        }
    }
}

/// A total (all respondents, all participants) under `rule`.
pub fn tally_total(n: usize, rule: CountRule, min_n: usize) -> Tally {
    match rule {
        CountRule::WenigerAls if n > 0 && n < min_n => Tally::FewerThan(min_n),
        _ => Tally::Exact(n),
    }
}

/// The groups of a partition (levels, areas, sectors) under `rule`: with
/// `WenigerAls`, a group of 1 to `min_n − 1` is "weniger als", and when
/// exactly one group is that small, the smallest group shown beside it is
/// hidden too (the first in catalog order among equals), as for means.
pub fn tally_partition(sizes: &[usize], rule: CountRule, min_n: usize) -> Vec<Tally> {
    if rule == CountRule::Zeigen {
        return sizes.iter().map(|&n| Tally::Exact(n)).collect();
    }
    let visible = partition_visibility(sizes, min_n);
    let mut tallies: Vec<Tally> = sizes
        .iter()
        .zip(visible)
        .map(|(&n, visible)| match (n, visible) {
            (0, _) | (_, true) => Tally::Exact(n),
            (n, false) if n < min_n => Tally::FewerThan(min_n),
            _ => Tally::Hidden,
        })
        .collect();
    // A small group alone beside empty ones would be the total minus
    // zeros: the empty groups are not named either.
    if tallies.iter().filter(|t| t.exact().is_none()).count() == 1 {
        for tally in tallies.iter_mut().filter(|t| **t == Tally::Exact(0)) {
            *tally = Tally::Hidden;
        }
    }
    tallies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_totals_follow_their_rule() {
        assert_eq!(tally_total(3, CountRule::Zeigen, 5), Tally::Exact(3));
        assert_eq!(tally_total(3, CountRule::WenigerAls, 5), Tally::FewerThan(5));
        assert_eq!(tally_total(5, CountRule::WenigerAls, 5), Tally::Exact(5));
        assert_eq!(tally_total(0, CountRule::WenigerAls, 5), Tally::Exact(0));
    }

    #[test]
    fn small_groups_are_fewer_than_and_take_the_smallest_shown_group_along() {
        use Tally::*;
        // 2 strategic, 9 operative: 9 would give 11 − 9 = 2 away.
        assert_eq!(tally_partition(&[2, 9], CountRule::WenigerAls, 5), [FewerThan(5), Hidden]);
        // Two small groups protect each other; the large one stays.
        assert_eq!(tally_partition(&[2, 3, 9], CountRule::WenigerAls, 5), [FewerThan(5), FewerThan(5), Exact(9)]);
        // One small group, two shown of equal size 6: the first goes.
        assert_eq!(tally_partition(&[6, 1, 6], CountRule::WenigerAls, 5), [Hidden, FewerThan(5), Exact(6)]);
        // Empty groups are printed as 0 and hide nothing.
        assert_eq!(tally_partition(&[0, 7], CountRule::WenigerAls, 5), [Exact(0), Exact(7)]);
        assert_eq!(tally_partition(&[2, 3, 0], CountRule::WenigerAls, 5), [FewerThan(5), FewerThan(5), Exact(0)]);
        // …unless a small group stands alone beside them: 2 participants,
        // all from one area, would read as total minus 0 and 0.
        assert_eq!(tally_partition(&[2, 0, 0], CountRule::WenigerAls, 5), [FewerThan(5), Hidden, Hidden]);
        assert_eq!(tally_partition(&[2, 9], CountRule::Zeigen, 5), [Exact(2), Exact(9)]);
    }

    #[test]
    fn single_hidden_group_takes_the_smallest_shown_with_it() {
        assert_eq!(partition_visibility(&[10, 8, 3], 5), vec![true, false, false]);
        assert_eq!(partition_visibility(&[10, 3], 5), vec![false, false]);
    }

    #[test]
    fn two_hidden_groups_need_no_extra_suppression() {
        assert_eq!(partition_visibility(&[10, 8, 3, 2], 5), vec![true, true, false, false]);
    }

    #[test]
    fn empty_groups_hide_nothing() {
        assert_eq!(partition_visibility(&[10, 0, 6], 5), vec![true, false, true]);
        assert_eq!(partition_visibility(&[5, 5], 5), vec![true, true]);
    }

    #[test]
    fn gate_hides_below_min_n() {
        assert_eq!(gate(Some(1.0), 4, 5), Gate::TooFew);
        assert_eq!(gate(Some(1.0), 5, 5), Gate::Shown(1.0));
        assert_eq!(gate::<f64>(None, 0, 5), Gate::NoData);
    }

    proptest::proptest! {
        /// Whatever the sizes, no single non-empty group is hidden alone
        /// while others are shown.
        #[test]
        fn never_exactly_one_hidden(sizes in proptest::collection::vec(0usize..12, 1..6), min_n in 3usize..6) {
            let shown = partition_visibility(&sizes, min_n);
            let hidden = sizes.iter().zip(&shown).filter(|(n, s)| **n > 0 && !**s).count();
            let any_shown = shown.iter().any(|s| *s);
            proptest::prop_assert!(hidden != 1 || !any_shown);
            for (n, s) in sizes.iter().zip(&shown) {
                proptest::prop_assert!(!*s || *n >= min_n);
            }
        }
    }
}
