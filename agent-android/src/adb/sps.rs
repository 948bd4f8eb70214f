//! The picture size an H.264 sequence parameter set announces (ITU-T H.264 7.3.2.1.1), so
//! the stream is announced at the size it really has (an encoder may record at another size
//! than the display's, e.g. `screenrecord`'s 1280×720 fallback).

/// Reads bits most significant first, with emulation prevention bytes removed.
struct Bits {
    bytes: Vec<u8>,
    at: usize,
}

impl Bits {
    fn new(nal_payload: &[u8]) -> Self {
        let mut bytes = Vec::with_capacity(nal_payload.len());
        let mut zeros = 0;
        for &b in nal_payload {
            if zeros >= 2 && b == 3 {
                zeros = 0;
                continue;
            }
            zeros = if b == 0 { zeros + 1 } else { 0 };
            bytes.push(b);
        }
        Self { bytes, at: 0 }
    }

    fn bit(&mut self) -> Option<u32> {
        let byte = *self.bytes.get(self.at / 8)?;
        let bit = (byte >> (7 - self.at % 8)) & 1;
        self.at += 1;
        Some(u32::from(bit))
    }

    fn bits(&mut self, n: u32) -> Option<u32> {
        let mut value = 0;
        for _ in 0..n {
            value = (value << 1) | self.bit()?;
        }
        Some(value)
    }

    /// Unsigned Exp-Golomb.
    fn ue(&mut self) -> Option<u32> {
        let mut zeros = 0;
        while self.bit()? == 0 {
            zeros += 1;
            if zeros > 31 {
                return None;
            }
        }
        let rest = self.bits(zeros)?;
        ((1u64 << zeros) - 1 + u64::from(rest)).try_into().ok()
    }

    /// Signed Exp-Golomb.
    fn se(&mut self) -> Option<i64> {
        let k = i64::from(self.ue()?);
        Some(if k % 2 == 1 { (k + 1) / 2 } else { -(k / 2) })
    }
}

/// Width and height of the pictures an SPS NAL unit (header byte included) describes, after
/// cropping; `None` when it is not an SPS or cannot be read.
pub fn picture_size(sps: &[u8]) -> Option<(u32, u32)> {
    if sps.first()? & 0x1f != 7 {
        return None;
    }
    let mut r = Bits::new(&sps[1..]);
    let profile = r.bits(8)?;
    r.bits(16)?; // constraint flags, level
    r.ue()?; // seq_parameter_set_id
    let mut chroma_format = 1;
    if matches!(
        profile,
        100 | 110 | 122 | 244 | 44 | 83 | 86 | 118 | 128 | 138 | 139 | 134 | 135
    ) {
        chroma_format = r.ue()?;
        if chroma_format == 3 {
            r.bit()?; // separate_colour_plane_flag
        }
        r.ue()?; // bit_depth_luma_minus8
        r.ue()?; // bit_depth_chroma_minus8
        r.bit()?; // qpprime_y_zero_transform_bypass_flag
        if r.bit()? == 1 {
            let lists = if chroma_format == 3 { 12 } else { 8 };
            for i in 0..lists {
                if r.bit()? == 1 {
                    skip_scaling_list(&mut r, if i < 6 { 16 } else { 64 })?;
                }
            }
        }
    }
    r.ue()?; // log2_max_frame_num_minus4
    match r.ue()? {
        0 => {
            r.ue()?;
        }
        1 => {
            r.bit()?;
            r.se()?;
            r.se()?;
            let cycle = r.ue()?;
            if cycle > 255 {
                return None;
            }
            for _ in 0..cycle {
                r.se()?;
            }
        }
        2 => {}
        _ => return None,
    }
    r.ue()?; // max_num_ref_frames
    r.bit()?; // gaps_in_frame_num_value_allowed_flag
    let width_mbs = r.ue()?.checked_add(1)?;
    let height_units = r.ue()?.checked_add(1)?;
    let frame_mbs_only = r.bit()?;
    if frame_mbs_only == 0 {
        r.bit()?;
    }
    r.bit()?; // direct_8x8_inference_flag
    let (mut left, mut right, mut top, mut bottom) = (0, 0, 0, 0);
    if r.bit()? == 1 {
        (left, right, top, bottom) = (r.ue()?, r.ue()?, r.ue()?, r.ue()?);
    }
    let field = 2 - frame_mbs_only;
    let (crop_x, crop_y) = match chroma_format {
        1 => (2, 2 * field),
        2 => (2, field),
        _ => (1, field),
    };
    // Crop offsets come from the stream: a malformed one may overflow (then no size).
    let width = width_mbs
        .checked_mul(16)?
        .checked_sub(left.checked_add(right)?.checked_mul(crop_x)?)?;
    let height = height_units
        .checked_mul(16 * field)?
        .checked_sub(top.checked_add(bottom)?.checked_mul(crop_y)?)?;
    (width > 0 && height > 0 && width <= 16384 && height <= 16384).then_some((width, height))
}

fn skip_scaling_list(r: &mut Bits, size: usize) -> Option<()> {
    let (mut last, mut next) = (8i64, 8i64);
    for _ in 0..size {
        if next != 0 {
            next = (last + r.se()? + 256) % 256;
        }
        if next != 0 {
            last = next;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_baseline_sps_with_cropping() {
        // Baseline 1920x1080: 120x68 macroblocks, cropped by 8 rows (frame_crop_bottom 4).
        let sps = [
            0x67, 0x42, 0xc0, 0x28, 0xda, 0x01, 0xe0, 0x08, 0x9f, 0x96, 0x10, 0x00, 0x00, 0x03,
            0x00, 0x10, 0x00, 0x00, 0x03, 0x03, 0xc8, 0xf1, 0x83, 0x2a,
        ];
        assert_eq!(picture_size(&sps), Some((1920, 1080)));
    }

    #[test]
    fn garbage_is_none() {
        for junk in [
            &[][..],
            &[0x67],
            &[0x68, 1, 2, 3],
            &[0x67, 100, 0, 0, 0, 0, 0],
            &[0x67, 0xff, 0xff, 0xff, 0xff],
        ] {
            let _ = picture_size(junk);
        }
        assert_eq!(picture_size(&[0x65, 0x88]), None, "not an SPS");
        assert_eq!(picture_size(&[0x67, 0x42, 0, 0x1f]), None, "cut short");
    }

    /// Writes an SPS bit by bit (no emulation prevention: the tests avoid `00 00 0x`).
    #[derive(Default)]
    struct Writer {
        bits: Vec<bool>,
    }

    impl Writer {
        fn bits(&mut self, value: u64, n: u32) -> &mut Self {
            for i in (0..n).rev() {
                self.bits.push(value >> i & 1 == 1);
            }
            self
        }

        fn ue(&mut self, value: u64) -> &mut Self {
            let coded = value + 1;
            let len = 64 - coded.leading_zeros();
            self.bits(0, len - 1).bits(coded, len)
        }

        /// A baseline SPS of `width_mbs`×`height_mbs` macroblocks with the crop offsets.
        fn sps(width_mbs: u64, height_mbs: u64, crop: [u64; 4]) -> Vec<u8> {
            let mut w = Self::default();
            w.bits(0x67, 8).bits(66, 8).bits(0xc0, 8).bits(0x28, 8);
            w.ue(0).ue(0).ue(2).ue(1).bits(0, 1); // id, frame num, poc type 2, refs, gaps
            w.ue(width_mbs - 1).ue(height_mbs - 1).bits(1, 1).bits(1, 1);
            w.bits(1, 1); // frame_cropping_flag
            for offset in crop {
                w.ue(offset);
            }
            w.bits(1, 1); // vui_parameters_present_flag = 0 would do; a stop bit
            while w.bits.len() % 8 != 0 {
                w.bits.push(false);
            }
            w.bits
                .chunks(8)
                .map(|byte| byte.iter().fold(0u8, |acc, &b| acc << 1 | u8::from(b)))
                .collect()
        }
    }

    #[test]
    fn huge_crop_offsets_give_no_size_not_a_panic() {
        // Sane: 1920×1088 cropped by 8 rows (bottom offset 4 in 2-row units).
        assert_eq!(
            picture_size(&Writer::sps(120, 68, [0, 0, 0, 4])),
            Some((1920, 1080))
        );
        let max = u64::from(u32::MAX) - 1; // the largest ue(v) the reader takes
        for crop in [
            [1 << 31, 0, 0, 0],       // 2 × 2^31 overflows u32
            [0, 0, 0, 1 << 31],       // the same for the height
            [max, 0, 0, 0],           // fits in u32, too large times 2
            [1 << 30, 1 << 30, 0, 0], // the sum times 2 overflows
            [0, 0, max, 1],           // the sum itself overflows
            [1000, 0, 0, 0],          // no overflow, but more than the width
        ] {
            assert_eq!(picture_size(&Writer::sps(120, 68, crop)), None, "{crop:?}");
        }
    }
}
