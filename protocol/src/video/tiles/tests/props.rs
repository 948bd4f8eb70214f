//! Property tests: random images under random edits always decode to the source.

use proptest::prelude::*;

use super::*;

#[derive(Debug, Clone)]
enum Edit {
    /// Fill a rect; coordinates are fractions (of 1000) of the current size.
    Fill {
        x: u16,
        y: u16,
        w: u16,
        h: u16,
        rgba: [u8; 4],
    },
    Pixel {
        x: u16,
        y: u16,
        rgba: [u8; 4],
    },
    /// Shift rows `top..bottom` (fractions) by `dy` (fraction of the band, signed), revealing
    /// noise or a flat colour.
    Scroll {
        top: u16,
        bottom: u16,
        dy: i16,
        seed: u64,
        flat: bool,
    },
    Resize {
        width: u32,
        height: u32,
        seed: u64,
    },
    RequestKeyframe,
    Nothing,
}

fn frac(f: u16, n: u32) -> u32 {
    (u64::from(f) * u64::from(n) / 1000) as u32
}

fn edit() -> impl Strategy<Value = Edit> {
    let f = || 0u16..=1000;
    prop_oneof![
        3 => (f(), f(), f(), f(), any::<[u8; 4]>())
            .prop_map(|(x, y, w, h, rgba)| Edit::Fill { x, y, w: w / 3, h: h / 3, rgba }),
        2 => (f(), f(), any::<[u8; 4]>()).prop_map(|(x, y, rgba)| Edit::Pixel { x, y, rgba }),
        4 => (f(), f(), -999i16..=999, any::<u64>(), any::<bool>())
            .prop_map(|(top, bottom, dy, seed, flat)| Edit::Scroll { top, bottom, dy, seed, flat }),
        1 => (1u32..200, 1u32..300, any::<u64>())
            .prop_map(|(width, height, seed)| Edit::Resize { width, height, seed }),
        1 => Just(Edit::RequestKeyframe),
        1 => Just(Edit::Nothing),
    ]
}

/// Applies `edit` to `img`; returns whether the encoder should be asked for a keyframe.
fn apply(img: &mut RgbaImage, edit: &Edit) -> bool {
    let (w, h) = (img.width(), img.height());
    match *edit {
        Edit::Fill {
            x,
            y,
            w: fw,
            h: fh,
            rgba,
        } => {
            img.fill_rect(
                frac(x, w),
                frac(y, h),
                frac(fw, w) + 1,
                frac(fh, h) + 1,
                rgba,
            );
        }
        Edit::Pixel { x, y, rgba } => img.set_pixel(frac(x, w), frac(y, h), rgba),
        Edit::Scroll {
            top,
            bottom,
            dy,
            seed,
            flat,
        } => {
            let (a, b) = (frac(top, h), frac(bottom, h));
            let (top, bottom) = (a.min(b), a.max(b).min(h));
            let rows = bottom - top;
            let shift = (i64::from(dy) * i64::from(rows) / 1000) as i32;
            if rows < 2 || shift == 0 || shift.unsigned_abs() >= rows {
                return false;
            }
            scroll_band(img, top, bottom, shift, seed, flat);
        }
        Edit::Resize {
            width,
            height,
            seed,
        } => *img = start_image(width, height, seed),
        Edit::RequestKeyframe => return true,
        Edit::Nothing => {}
    }
    false
}

/// Shifts rows `top..bottom` of `img` by `dy` and fills the revealed rows with noise (or a
/// flat colour).
fn scroll_band(img: &mut RgbaImage, top: u32, bottom: u32, dy: i32, seed: u64, flat: bool) {
    let stride = img.stride();
    ScrollOp { top, bottom, dy }.apply(img.data_mut(), stride);
    let revealed = if dy > 0 {
        top..top + dy as u32
    } else {
        bottom - dy.unsigned_abs()..bottom
    };
    let fresh = noise(img.width(), revealed.len() as u32, seed);
    for (i, y) in revealed.enumerate() {
        if flat {
            img.fill_rect(0, y, img.width(), 1, [seed as u8, 9, 9, 255]);
        } else {
            img.row_mut(y).copy_from_slice(fresh.row(i as u32));
        }
    }
}

/// Noise, or flat colour with noisy blocks: something with both distinct rows and runs.
fn start_image(width: u32, height: u32, seed: u64) -> RgbaImage {
    if seed.is_multiple_of(3) {
        let mut img = RgbaImage::filled(width, height, [200, 100, 50, 255]).unwrap();
        let block = noise(width.div_ceil(2), height.div_ceil(2), seed);
        for y in 0..block.height() {
            let row = block.row(y);
            img.row_mut(y)[..row.len()].copy_from_slice(row);
        }
        img
    } else {
        noise(width, height, seed)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_edits_round_trip(
        width in 1u32..200,
        height in 1u32..300,
        seed in any::<u64>(),
        edits in prop::collection::vec(edit(), 1..10),
    ) {
        let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
        let mut img = start_image(width, height, seed);
        round_trip(&mut enc, &mut dec, &img);
        for edit in &edits {
            if apply(&mut img, edit) {
                enc.request_keyframe();
            }
            round_trip(&mut enc, &mut dec, &img);
        }
    }
}

/// Pure scrolls of distinct rows must be found as scroll ops, in both directions.
#[test]
fn random_scrolls_are_detected() {
    let mut rng = XorShift::new(77);
    for _ in 0..20 {
        let (w, h) = (1 + rng.below(150) as u32, 100 + rng.below(200) as u32);
        let mut img = noise(w, h, rng.next());
        let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
        round_trip(&mut enc, &mut dec, &img);
        let top = rng.below(u64::from(h) / 4) as u32;
        let bottom = h - rng.below(u64::from(h) / 4) as u32;
        let max = i64::from(bottom - top) / 3;
        let dy = (rng.below(2 * max as u64 + 1) as i64 - max) as i32;
        if dy == 0 {
            continue;
        }
        scroll_band(&mut img, top, bottom, dy, rng.next(), false);
        let encoded = round_trip(&mut enc, &mut dec, &img);
        let parsed = parse(&encoded.payload);
        assert_eq!(
            parsed.scrolls.len(),
            1,
            "{w}x{h} rows {top}..{bottom} dy {dy}"
        );
        assert_eq!(parsed.scrolls[0].dy, dy);
    }
}
