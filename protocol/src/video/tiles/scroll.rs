//! Vertical scroll: the op both sides apply, and the encoder's detection of it.
//!
//! Detection works on row hashes of the previous frame (`prev`) and the new one (`cur`):
//!
//! 1. sample rows spread over the changed band vote for the shifts `dy` that would bring them
//!    back. A sample is an *edge* (it differs from the row above) and is matched together with
//!    the row above it, so flat areas do not vote; a sample matching too many places
//!    (repeated separators) does not vote either;
//! 2. each of the best-voted shifts is scored row by row over the band: a row that matches
//!    `prev` shifted by `dy` but not unshifted gains, a row that matched unshifted but no
//!    longer does loses, a row matching neither costs a little; the best-scoring run of rows
//!    (maximum-sum segment) becomes the scroll region;
//! 3. the op is kept only when it gains a worthwhile number of rows.
//!
//! A hash collision can only make a poor op; the encoder compares real bytes afterwards, so
//! the output stays lossless.

use std::ops::Range;

use super::{Rect, TileError};

/// Shift rows `top..bottom` by `dy` (positive: content moves down). A row whose source
/// (`row - dy`) falls outside `top..bottom` keeps its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ScrollOp {
    pub(super) top: u32,
    pub(super) bottom: u32,
    pub(super) dy: i32,
}

impl ScrollOp {
    /// Validates an op read from the wire against a frame of `height` rows.
    pub(super) fn checked(top: u64, bottom: u64, dy: i64, height: u32) -> Result<Self, TileError> {
        if top >= bottom || bottom > u64::from(height) {
            return Err(TileError::ScrollOutOfBounds {
                top,
                bottom,
                height,
            });
        }
        // bottom <= height <= MAX_DIMENSION, so both fit in u32.
        let (top, bottom) = (top as u32, bottom as u32);
        if dy == 0 || dy.unsigned_abs() >= u64::from(bottom - top) {
            return Err(TileError::BadScrollShift { top, bottom, dy });
        }
        // |dy| < bottom - top <= MAX_DIMENSION.
        Ok(Self {
            top,
            bottom,
            dy: dy as i32,
        })
    }

    /// The full-width damage rect of the region.
    pub(super) fn rect(&self, width: u32) -> Rect {
        Rect {
            x: 0,
            y: self.top,
            width,
            height: self.bottom - self.top,
        }
    }

    /// Applies the shift to `buf`, rows of `stride` elements (pixel bytes, or one hash per
    /// row). Does nothing if the region does not fit `buf`, which a checked op never does.
    pub(super) fn apply<T: Copy>(&self, buf: &mut [T], stride: usize) {
        let (top, bottom) = (self.top as usize, self.bottom as usize);
        let shift = self.dy.unsigned_abs() as usize;
        let moved = (bottom - top).saturating_sub(shift);
        let (src, dst) = if self.dy > 0 {
            (top, top + shift)
        } else {
            (top + shift, top)
        };
        if (src.max(dst) + moved) * stride > buf.len() {
            return;
        }
        buf.copy_within(src * stride..(src + moved) * stride, dst * stride);
    }
}

/// Sample rows that vote for a shift.
const SAMPLES: usize = 64;
/// A sample whose signature occurs more often than this in the search window is not
/// distinctive (repeated separators) and does not vote.
const MAX_MATCHES_PER_SAMPLE: usize = 8;
/// Best-voted shifts that get a full score.
const CANDIDATES: usize = 3;
/// Score of a row that matches only when shifted / only unshifted / neither.
const GAIN: i64 = 4;
const LOSS: i64 = -4;
const NEITHER: i64 = -1;
/// An op must gain at least this many rows (net) to be worth sending.
const MIN_GAIN_ROWS: i64 = 16;

/// Finds the vertical scroll that best explains how `cur` (row hashes of the new frame)
/// differs from `prev` (row hashes of the previous one) inside `band` (rows that changed,
/// first to last). Shifts are searched up to half the frame height.
pub(super) fn detect(prev: &[u64], cur: &[u64], band: Range<usize>) -> Option<ScrollOp> {
    let height = prev.len().min(cur.len());
    let band = band.start..band.end.min(height);
    if band.len() < MIN_GAIN_ROWS as usize {
        return None;
    }
    let max_dy = height / 2;

    let mut votes: Vec<(i64, u32)> = Vec::new();
    let samples = SAMPLES.min(band.len());
    for i in 0..samples {
        let stretch =
            band.start + i * band.len() / samples..band.start + (i + 1) * band.len() / samples;
        // The first edge row of this stretch (differs from the row above) that changed: with
        // the row above it, a signature that flat areas and repeated rows rarely share.
        let edge = (stretch.start.max(1)..stretch.end).find(|&y| {
            let (Some(&h), Some(&above), Some(&old)) = (cur.get(y), cur.get(y - 1), prev.get(y))
            else {
                return false;
            };
            h != above && h != old
        });
        let Some(y) = edge else {
            continue;
        };
        let (Some(&h), Some(&above)) = (cur.get(y), cur.get(y - 1)) else {
            continue;
        };
        let window = y.saturating_sub(max_dy).max(1)..(y + max_dy + 1).min(height);
        let (Some(rows), Some(rows_above)) = (
            prev.get(window.clone()),
            prev.get(window.start - 1..window.end - 1),
        ) else {
            continue;
        };
        let matches: Vec<usize> = rows
            .iter()
            .zip(rows_above)
            .enumerate()
            .filter(|&(_, (&p, &pa))| p == h && pa == above)
            .map(|(i, _)| window.start + i)
            .take(MAX_MATCHES_PER_SAMPLE + 1)
            .collect();
        if matches.len() > MAX_MATCHES_PER_SAMPLE {
            continue;
        }
        for src in matches {
            let dy = y as i64 - src as i64;
            match votes.iter_mut().find(|(d, _)| *d == dy) {
                Some((_, n)) => *n += 1,
                None => votes.push((dy, 1)),
            }
        }
    }
    votes.sort_by_key(|&(dy, n)| (std::cmp::Reverse(n), dy.unsigned_abs()));

    votes
        .iter()
        .take(CANDIDATES)
        .filter_map(|&(dy, _)| best_region(prev, cur, band.clone(), dy))
        .max_by_key(|&(score, op)| (score, std::cmp::Reverse(op.dy.unsigned_abs())))
        .filter(|&(score, _)| score >= GAIN * MIN_GAIN_ROWS)
        .map(|(_, op)| op)
}

/// The maximum-score run of rows of `band` for shift `dy`, as a scroll op with its score.
fn best_region(prev: &[u64], cur: &[u64], band: Range<usize>, dy: i64) -> Option<(i64, ScrollOp)> {
    let mut best = (0i64, 0usize, 0usize); // score, start, end
    let mut run = (0i64, band.start);
    for y in band {
        let h = cur.get(y)?;
        let shifted = usize::try_from(y as i64 - dy)
            .ok()
            .and_then(|src| prev.get(src))
            .is_some_and(|p| p == h);
        let unshifted = prev.get(y) == Some(h);
        let score = match (shifted, unshifted) {
            (true, false) => GAIN,
            (false, true) => LOSS,
            (false, false) => NEITHER,
            (true, true) => 0,
        };
        if run.0 <= 0 {
            run = (0, y);
        }
        run.0 += score;
        if run.0 > best.0 {
            best = (run.0, run.1, y + 1);
        }
    }
    let (score, start, end) = best;
    if score <= 0 {
        return None;
    }
    // Rows start..end take their content from start - dy..end - dy, all inside the frame
    // (a row only scores GAIN when its source exists), so the region spans both.
    let shift = dy.unsigned_abs() as usize;
    let (top, bottom) = if dy > 0 {
        (start.checked_sub(shift)?, end)
    } else {
        (start, end + shift)
    };
    let op = ScrollOp::checked(top as u64, bottom as u64, dy, prev.len() as u32).ok()?;
    Some((score, op))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distinct(n: usize, salt: u64) -> Vec<u64> {
        (0..n as u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9) ^ salt)
            .collect()
    }

    #[test]
    fn apply_shifts_rows_inside_the_region_only() {
        let mut rows: Vec<u32> = (0..10).collect();
        ScrollOp {
            top: 2,
            bottom: 8,
            dy: -2,
        }
        .apply(&mut rows, 1);
        assert_eq!(rows, [0, 1, 4, 5, 6, 7, 6, 7, 8, 9]);
        let mut rows: Vec<u32> = (0..10).collect();
        ScrollOp {
            top: 2,
            bottom: 8,
            dy: 3,
        }
        .apply(&mut rows, 1);
        assert_eq!(rows, [0, 1, 2, 3, 4, 2, 3, 4, 8, 9]);
    }

    #[test]
    fn checked_rejects_bad_ops() {
        assert!(ScrollOp::checked(10, 5000, 1, 2400).is_err());
        assert!(ScrollOp::checked(5, 5, 1, 2400).is_err());
        assert!(ScrollOp::checked(0, 10, 10, 2400).is_err());
        assert!(ScrollOp::checked(0, 10, 0, 2400).is_err());
        assert_eq!(
            ScrollOp::checked(0, 10, -9, 10),
            Ok(ScrollOp {
                top: 0,
                bottom: 10,
                dy: -9
            })
        );
    }

    #[test]
    fn finds_a_scroll_between_fixed_bars() {
        // Rows 0..100 and 900..1000 are fixed; the list in between scrolls up by 16.
        let prev = distinct(1000, 1);
        let mut cur = prev.clone();
        let fresh = distinct(16, 2);
        for y in 100..900 {
            cur[y] = if y + 16 < 900 {
                prev[y + 16]
            } else {
                fresh[y + 16 - 900]
            };
        }
        let op = detect(&prev, &cur, 100..900).unwrap();
        assert_eq!(
            op,
            ScrollOp {
                top: 100,
                bottom: 900,
                dy: -16
            }
        );

        // And back down.
        let op = detect(&cur, &prev, 100..900).unwrap();
        assert_eq!(op.dy, 16);
        assert_eq!((op.top, op.bottom), (100, 900));
    }

    #[test]
    fn no_scroll_in_unrelated_content() {
        let prev = distinct(500, 1);
        let cur = distinct(500, 99);
        assert_eq!(detect(&prev, &cur, 0..500), None);
    }
}
