//! Descriptive statistics of answers on a scale. Pure functions, no I/O.

use serde::Serialize;

use crate::catalog::Scale;
use crate::model::Answer;

/// Statistics of one item (a goal, a need, a polarity pair …).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemStats {
    /// Number of valid answers (values on the scale).
    pub n: usize,
    /// Arithmetic mean of the valid answers.
    pub mean: f64,
    /// Sample standard deviation (n − 1); `None` for a single answer.
    pub sd: Option<f64>,
    /// Median (mean of the two middle values for even n).
    pub median: f64,
    /// Count per scale step, in scale order.
    pub counts: Vec<usize>,
    /// Percent per scale step of the valid answers, in scale order.
    pub percents: Vec<f64>,
    /// Percent of valid answers in the scale's top steps (Top-2).
    pub top_share: f64,
    /// Number of "weiß nicht" answers.
    pub dont_know: usize,
    /// Number of blank cells.
    pub blank: usize,
    /// Percent "weiß nicht" of all rows (valid + weiß nicht + blank).
    pub dont_know_share: f64,
    /// Percent blank of all rows.
    pub blank_share: f64,
}

/// Summarises answers on a scale; `None` when there is no valid answer.
pub fn summarize(answers: &[Answer], scale: &Scale) -> Option<ItemStats> {
    let mut values: Vec<u8> = answers.iter().filter_map(|a| a.value()).collect();
    let dont_know = answers.iter().filter(|a| **a == Answer::DontKnow).count();
    let blank = answers.iter().filter(|a| **a == Answer::Blank).count();
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    let rows = answers.len() as f64;
    let counts: Vec<usize> = scale.steps.iter().map(|s| values.iter().filter(|v| **v == s.wert).count()).collect();
    let top = scale.top_values();
    let top_count = values.iter().filter(|v| top.contains(v)).count();
    Some(ItemStats {
        n,
        mean: mean(&values),
        sd: sample_sd(&values),
        median: median_sorted(&values),
        percents: counts.iter().map(|c| percent(*c, n)).collect(),
        counts,
        top_share: percent(top_count, n),
        dont_know,
        blank,
        dont_know_share: 100.0 * dont_know as f64 / rows,
        blank_share: 100.0 * blank as f64 / rows,
    })
}

/// Percent of `part` in `whole`; 0 for an empty whole.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { 100.0 * part as f64 / whole as f64 }
}

/// Mean of integer values (caller guarantees at least one).
fn mean(values: &[u8]) -> f64 {
    values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64
}

/// Sample standard deviation with n − 1; `None` below two values.
fn sample_sd(values: &[u8]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let m = mean(values);
    let squares: f64 = values.iter().map(|v| (f64::from(*v) - m).powi(2)).sum();
    Some((squares / (values.len() - 1) as f64).sqrt())
}

/// Median of sorted values (caller guarantees at least one).
pub fn median_sorted<T: Copy + Into<f64>>(values: &[T]) -> f64 {
    let mid = values.len() / 2;
    if values.len() % 2 == 1 { values[mid].into() } else { (values[mid - 1].into() + values[mid].into()) / 2.0 }
}

/// Mean of floats; `None` when empty.
pub fn mean_of(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.into_iter().fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
    (count > 0).then(|| sum / count as f64)
}

/// Sample SD of floats; `None` below two values.
pub fn sd_of(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let m = mean_of(values.iter().copied())?;
    let squares: f64 = values.iter().map(|v| (v - m).powi(2)).sum();
    Some((squares / (values.len() - 1) as f64).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ScaleStep;
    use Answer::{Blank, DontKnow, Value};

    fn six_point() -> Scale {
        Scale {
            id: "z".into(),
            name: "z".into(),
            top: 2,
            weiss_nicht: vec!["weiß nicht".into()],
            steps: (1..=6).map(|v| ScaleStep { wert: v, label: format!("s{v}") }).collect(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Hand computation: values 2, 4, 4, 5, 6 (+1 weiß nicht, +2 blank).
    /// mean = 21/5 = 4.2; deviations −2.2, −0.2, −0.2, 0.8, 1.8; squares
    /// 4.84 + 0.04 + 0.04 + 0.64 + 3.24 = 8.8; sd = sqrt(8.8/4) = sqrt(2.2);
    /// median 4; Top-2 (5, 6) = 2/5 = 40 %; weiß nicht 1/8 = 12.5 %; blank 2/8 = 25 %.
    #[test]
    fn summary_matches_hand_computation() {
        let answers = [Value(4), Value(2), DontKnow, Value(6), Blank, Value(4), Value(5), Blank];
        let s = summarize(&answers, &six_point()).unwrap();
        assert_eq!(s.n, 5);
        assert!(close(s.mean, 4.2));
        assert!(close(s.sd.unwrap(), 2.2f64.sqrt()));
        assert!(close(s.median, 4.0));
        assert_eq!(s.counts, vec![0, 1, 0, 2, 1, 1]);
        assert!(close(s.percents[3], 40.0));
        assert!(close(s.top_share, 40.0));
        assert_eq!((s.dont_know, s.blank), (1, 2));
        assert!(close(s.dont_know_share, 12.5));
        assert!(close(s.blank_share, 25.0));
    }

    /// Ties and even n: 3, 3, 5, 5 → mean 4, median (3+5)/2 = 4,
    /// sd = sqrt((1+1+1+1)/3) = sqrt(4/3).
    #[test]
    fn even_count_with_ties() {
        let s = summarize(&[Value(5), Value(3), Value(5), Value(3)], &six_point()).unwrap();
        assert!(close(s.median, 4.0));
        assert!(close(s.sd.unwrap(), (4.0f64 / 3.0).sqrt()));
        assert!(close(s.top_share, 50.0));
    }

    #[test]
    fn single_answer_has_no_sd() {
        let s = summarize(&[Value(6)], &six_point()).unwrap();
        assert_eq!((s.n, s.sd), (1, None));
        assert!(close(s.mean, 6.0) && close(s.median, 6.0) && close(s.top_share, 100.0));
    }

    #[test]
    fn all_dont_know_or_empty_gives_nothing() {
        assert_eq!(summarize(&[DontKnow, DontKnow, Blank], &six_point()), None);
        assert_eq!(summarize(&[], &six_point()), None);
    }

    proptest::proptest! {
        #[test]
        fn percents_sum_to_100_and_mean_within_scale(raw in proptest::collection::vec(0u8..=8, 1..60)) {
            // 0 = blank, 7 = weiß nicht, 1..=6 values, 8 also blank.
            let answers: Vec<Answer> = raw.iter().map(|v| match v { 1..=6 => Value(*v), 7 => DontKnow, _ => Blank }).collect();
            if let Some(s) = summarize(&answers, &six_point()) {
                let total: f64 = s.percents.iter().sum();
                proptest::prop_assert!((total - 100.0).abs() < 1e-6);
                proptest::prop_assert!((1.0..=6.0).contains(&s.mean));
                proptest::prop_assert!((1.0..=6.0).contains(&s.median));
                proptest::prop_assert!((0.0..=100.0).contains(&s.top_share));
                proptest::prop_assert_eq!(s.counts.iter().sum::<usize>(), s.n);
                // The sample SD of values in [1, 6] is at most range / √2 (reached for n = 2).
                proptest::prop_assert!(s.sd.unwrap_or(0.0) <= 5.0 / 2f64.sqrt() + 1e-9);
            }
        }
    }
}
