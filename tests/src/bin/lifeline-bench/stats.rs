//! Summary statistics over benchmark samples.

/// The nearest-rank `p`-th percentile of `samples`: the smallest sample such that at least
/// `p` % of the samples are less than or equal to it (`p` = 0 gives the smallest sample,
/// `p` ≥ 100 the largest). `None` when there are no samples.
pub(crate) fn percentile(samples: &[f64], p: u32) -> Option<f64> {
    if samples.is_empty() {
        return None;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    // rank = ceil(p * n / 100), in integers so that e.g. p = 30, n = 10 gives exactly 3.
    let p = p.min(100) as usize;
    let rank = (p * n).div_ceil(100).clamp(1, n);
    sorted.get(rank - 1).copied()
}

/// The arithmetic mean of `samples`; `None` when there are none.
pub(crate) fn mean(samples: &[f64]) -> Option<f64> {
    if samples.is_empty() {
        None
    } else {
        Some(samples.iter().sum::<f64>() / samples.len() as f64)
    }
}

/// `a / b`, or `None` when `b` is zero (so a report never shows infinity).
pub(crate) fn ratio(a: f64, b: f64) -> Option<f64> {
    if b == 0.0 { None } else { Some(a / b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_matches_the_textbook_examples() {
        // The classic nearest-rank example: 15, 20, 35, 40, 50.
        let s = [50.0, 15.0, 40.0, 20.0, 35.0];
        assert_eq!(percentile(&s, 5), Some(15.0));
        assert_eq!(percentile(&s, 30), Some(20.0));
        assert_eq!(percentile(&s, 40), Some(20.0));
        assert_eq!(percentile(&s, 50), Some(35.0));
        assert_eq!(percentile(&s, 100), Some(50.0));
        // 3, 6, 7, 8, 8, 10, 13, 15, 16, 20.
        let s = [3.0, 6.0, 7.0, 8.0, 8.0, 10.0, 13.0, 15.0, 16.0, 20.0];
        assert_eq!(percentile(&s, 25), Some(7.0));
        assert_eq!(percentile(&s, 30), Some(7.0));
        assert_eq!(percentile(&s, 50), Some(8.0));
        assert_eq!(percentile(&s, 75), Some(15.0));
        assert_eq!(percentile(&s, 95), Some(20.0));
    }

    #[test]
    fn percentile_edges() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[4.0], 0), Some(4.0));
        assert_eq!(percentile(&[4.0], 50), Some(4.0));
        assert_eq!(percentile(&[1.0, 2.0], 0), Some(1.0));
        assert_eq!(percentile(&[1.0, 2.0], 50), Some(1.0));
        assert_eq!(percentile(&[1.0, 2.0], 51), Some(2.0));
        assert_eq!(percentile(&[1.0, 2.0], 250), Some(2.0));
        // The p95 of 60 samples is the 57th smallest.
        let s: Vec<f64> = (1..=60).rev().map(f64::from).collect();
        assert_eq!(percentile(&s, 95), Some(57.0));
        assert_eq!(percentile(&s, 50), Some(30.0));
    }

    #[test]
    fn mean_and_ratio() {
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[1.0, 2.0, 6.0]), Some(3.0));
        assert_eq!(ratio(3.0, 2.0), Some(1.5));
        assert_eq!(ratio(3.0, 0.0), None);
    }
}
