//! Reading an H.264 Annex-B payload before it reaches the decoder: splitting it into NAL
//! units, refusing what is plainly corrupt, spotting IDR pictures (where decoding can
//! restart), and reading the colour description from the sequence parameter set's VUI.
//! Pure functions over bytes; malformed input is an error, never a panic.

use thiserror::Error;

use crate::state::screen::yuv::{YuvColor, YuvMatrix};

/// NAL unit type of a coded slice of an IDR picture.
pub const NAL_IDR: u8 = 5;
/// NAL unit type of a sequence parameter set.
pub const NAL_SPS: u8 = 7;

/// Why a payload is not an H.264 Annex-B access unit.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum AnnexBError {
    /// The payload is empty.
    #[error("the H.264 payload is empty")]
    Empty,
    /// The payload does not begin with a start code (`00 00 01` or `00 00 00 01`).
    #[error("the H.264 payload does not begin with an Annex-B start code")]
    NoStartCode,
    /// A NAL unit has its forbidden bit set or is empty.
    #[error("NAL unit {index} is corrupt (header {header:#04x})")]
    CorruptNal {
        /// Position of the NAL unit in the payload.
        index: usize,
        /// Its first byte (0 when empty).
        header: u8,
    },
}

/// Why a sequence parameter set could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum SpsError {
    /// The parameter set ended before a field it announced.
    #[error("the sequence parameter set is truncated")]
    Truncated,
    /// A field holds a value the standard does not allow.
    #[error("the sequence parameter set has an invalid {0}")]
    Invalid(&'static str),
}

/// The NAL units of an Annex-B payload, start codes removed (trailing zero bytes of a unit,
/// which belong to the next start code, are removed too).
pub fn nal_units(payload: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = payload;
    // Skip to just after the first start code.
    match find_start_code(rest) {
        Some((_, end)) => rest = &rest[end..],
        None => rest = &[],
    }
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (unit, next) = match find_start_code(rest) {
            Some((start, end)) => (&rest[..start], &rest[end..]),
            None => (rest, &[][..]),
        };
        rest = next;
        let trimmed = match unit.iter().rposition(|&b| b != 0) {
            Some(last) => &unit[..=last],
            None => &[][..],
        };
        Some(trimmed)
    })
}

/// Where the next `00 00 01` starts and where it ends.
fn find_start_code(data: &[u8]) -> Option<(usize, usize)> {
    data.windows(3)
        .position(|w| w == [0, 0, 1])
        .map(|at| (at, at + 3))
}

/// The type of a NAL unit (its header's low five bits).
pub fn nal_type(unit: &[u8]) -> Option<u8> {
    unit.first().map(|h| h & 0x1f)
}

/// What a payload holds, once checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AccessUnit {
    /// It holds an IDR slice: decoding can start (again) here.
    pub idr: bool,
    /// The colour description of the last sequence parameter set in it that has one.
    pub color: Option<YuvColor>,
}

/// Checks the NAL structure of `payload` and reads what matters before decoding. An SPS
/// whose VUI cannot be read is not an error here (the decoder judges the SPS); it just
/// brings no colour description.
pub fn inspect(payload: &[u8]) -> Result<AccessUnit, AnnexBError> {
    if payload.is_empty() {
        return Err(AnnexBError::Empty);
    }
    let leading_zeros = payload.iter().take_while(|&&b| b == 0).count();
    if leading_zeros < 2 || payload.get(leading_zeros) != Some(&1) {
        return Err(AnnexBError::NoStartCode);
    }
    let mut unit_info = AccessUnit::default();
    for (index, unit) in nal_units(payload).enumerate() {
        let header = unit.first().copied().unwrap_or(0);
        if unit.is_empty() || header & 0x80 != 0 {
            return Err(AnnexBError::CorruptNal { index, header });
        }
        match header & 0x1f {
            NAL_IDR => unit_info.idr = true,
            NAL_SPS => {
                if let Ok(Some(color)) = sps_color(unit) {
                    unit_info.color = Some(color);
                }
            }
            _ => {}
        }
    }
    Ok(unit_info)
}

/// The fields of a sequence parameter set that the console uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpsSummary {
    /// Picture width after cropping, in pixels.
    pub width: u32,
    /// Picture height after cropping, in pixels.
    pub height: u32,
    /// The VUI's colour description: range, and matrix when given.
    pub color: Option<YuvColor>,
}

/// The colour description of an SPS NAL unit (header included), if its VUI has one.
pub fn sps_color(unit: &[u8]) -> Result<Option<YuvColor>, SpsError> {
    parse_sps(unit).map(|sps| sps.color)
}

/// Removes emulation-prevention bytes (`00 00 03` → `00 00`).
fn rbsp(unit: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(unit.len());
    let mut zeros = 0;
    for &byte in unit {
        if zeros >= 2 && byte == 3 {
            zeros = 0;
            continue;
        }
        zeros = if byte == 0 { zeros + 1 } else { 0 };
        out.push(byte);
    }
    out
}

/// Reads bits, most significant first.
struct Bits<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bits<'_> {
    fn bit(&mut self) -> Result<u32, SpsError> {
        let byte = self.data.get(self.at / 8).ok_or(SpsError::Truncated)?;
        let bit = (byte >> (7 - self.at % 8)) & 1;
        self.at += 1;
        Ok(u32::from(bit))
    }

    fn bits(&mut self, n: u32) -> Result<u32, SpsError> {
        (0..n).try_fold(0, |acc, _| Ok((acc << 1) | self.bit()?))
    }

    fn flag(&mut self) -> Result<bool, SpsError> {
        Ok(self.bit()? == 1)
    }

    /// Unsigned Exp-Golomb.
    fn ue(&mut self) -> Result<u32, SpsError> {
        let mut zeros = 0;
        while self.bit()? == 0 {
            zeros += 1;
            if zeros > 31 {
                return Err(SpsError::Invalid("Exp-Golomb code"));
            }
        }
        let rest = self.bits(zeros)?;
        // zeros <= 31, so (1 << zeros) - 1 + rest fits in u64; values above u32 are invalid.
        u32::try_from((1u64 << zeros) - 1 + u64::from(rest))
            .map_err(|_| SpsError::Invalid("Exp-Golomb code"))
    }

    /// Signed Exp-Golomb.
    fn se(&mut self) -> Result<i64, SpsError> {
        let k = i64::from(self.ue()?);
        Ok(if k % 2 == 1 { (k + 1) / 2 } else { -(k / 2) })
    }
}

fn skip_scaling_list(bits: &mut Bits<'_>, size: usize) -> Result<(), SpsError> {
    let (mut last, mut next) = (8i64, 8i64);
    for _ in 0..size {
        if next != 0 {
            let delta = bits.se()?;
            if !(-128..=127).contains(&delta) {
                return Err(SpsError::Invalid("scaling list"));
            }
            next = (last + delta + 256) % 256;
        }
        if next != 0 {
            last = next;
        }
    }
    Ok(())
}

/// Reads an SPS NAL unit (header byte included) up to its VUI's colour description.
pub fn parse_sps(unit: &[u8]) -> Result<SpsSummary, SpsError> {
    if nal_type(unit) != Some(NAL_SPS) {
        return Err(SpsError::Invalid("NAL unit type"));
    }
    let data = rbsp(&unit[1..]);
    let mut bits = Bits { data: &data, at: 0 };
    let profile_idc = bits.bits(8)?;
    bits.bits(16)?; // constraint flags, level_idc
    if bits.ue()? > 31 {
        return Err(SpsError::Invalid("parameter set id"));
    }
    let mut chroma_format_idc = 1;
    if matches!(
        profile_idc,
        100 | 110 | 122 | 244 | 44 | 83 | 86 | 118 | 128 | 138 | 139 | 134 | 135
    ) {
        chroma_format_idc = bits.ue()?;
        if chroma_format_idc > 3 {
            return Err(SpsError::Invalid("chroma format"));
        }
        if chroma_format_idc == 3 {
            bits.flag()?; // separate_colour_plane_flag
        }
        bits.ue()?; // bit_depth_luma_minus8
        bits.ue()?; // bit_depth_chroma_minus8
        bits.flag()?; // qpprime_y_zero_transform_bypass_flag
        if bits.flag()? {
            let lists = if chroma_format_idc == 3 { 12 } else { 8 };
            for i in 0..lists {
                if bits.flag()? {
                    skip_scaling_list(&mut bits, if i < 6 { 16 } else { 64 })?;
                }
            }
        }
    }
    bits.ue()?; // log2_max_frame_num_minus4
    match bits.ue()? {
        0 => {
            bits.ue()?; // log2_max_pic_order_cnt_lsb_minus4
        }
        1 => {
            bits.flag()?;
            bits.se()?;
            bits.se()?;
            let cycle = bits.ue()?;
            if cycle > 255 {
                return Err(SpsError::Invalid("picture order count cycle"));
            }
            for _ in 0..cycle {
                bits.se()?;
            }
        }
        2 => {}
        _ => return Err(SpsError::Invalid("picture order count type")),
    }
    bits.ue()?; // max_num_ref_frames
    bits.flag()?; // gaps_in_frame_num_value_allowed_flag
    let width_mbs = u64::from(bits.ue()?) + 1;
    let height_units = u64::from(bits.ue()?) + 1;
    let frame_mbs_only = bits.flag()?;
    if !frame_mbs_only {
        bits.flag()?; // mb_adaptive_frame_field_flag
    }
    bits.flag()?; // direct_8x8_inference_flag
    let field_factor = if frame_mbs_only { 1 } else { 2 };
    let (crop_x, crop_y) = match chroma_format_idc {
        0 => (1, field_factor),
        1 => (2, 2 * field_factor),
        2 => (2, field_factor),
        _ => (1, field_factor),
    };
    let mut width = width_mbs * 16;
    let mut height = height_units * 16 * field_factor;
    if bits.flag()? {
        let [left, right, top, bottom] =
            [bits.ue()?, bits.ue()?, bits.ue()?, bits.ue()?].map(u64::from);
        let (cut_x, cut_y) = ((left + right) * crop_x, (top + bottom) * crop_y);
        if cut_x >= width || cut_y >= height {
            return Err(SpsError::Invalid("cropping window"));
        }
        width -= cut_x;
        height -= cut_y;
    }
    let (Ok(width), Ok(height)) = (u32::try_from(width), u32::try_from(height)) else {
        return Err(SpsError::Invalid("picture size"));
    };
    let color = if bits.flag()? {
        vui_color(&mut bits)?
    } else {
        None
    };
    Ok(SpsSummary {
        width,
        height,
        color,
    })
}

/// The VUI up to its video signal type.
fn vui_color(bits: &mut Bits<'_>) -> Result<Option<YuvColor>, SpsError> {
    if bits.flag()? {
        // aspect_ratio_idc; 255 = Extended_SAR with explicit width and height.
        if bits.bits(8)? == 255 {
            bits.bits(32)?;
        }
    }
    if bits.flag()? {
        bits.flag()?; // overscan_appropriate_flag
    }
    if !bits.flag()? {
        return Ok(None);
    }
    bits.bits(3)?; // video_format
    let full_range = bits.flag()?;
    let mut matrix = YuvMatrix::default();
    if bits.flag()? {
        bits.bits(16)?; // colour_primaries, transfer_characteristics
        let coefficients = bits.bits(8)?;
        matrix = YuvMatrix::from_h264(u8::try_from(coefficients).unwrap_or(2));
    }
    Ok(Some(YuvColor { matrix, full_range }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_three_and_four_byte_start_codes() {
        let payload = [
            0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 4, 5,
        ];
        let units: Vec<&[u8]> = nal_units(&payload).collect();
        assert_eq!(units, [&[0x67, 1, 2][..], &[0x68, 3], &[0x65, 4, 5]]);
        assert_eq!(nal_type(units[2]), Some(NAL_IDR));
        let unit = inspect(&payload).unwrap();
        assert!(unit.idr);
        assert_eq!(unit.color, None, "a two-byte SPS has no readable VUI");
    }

    #[test]
    fn refuses_plainly_corrupt_payloads() {
        assert_eq!(inspect(&[]), Err(AnnexBError::Empty));
        assert_eq!(inspect(&[0x65, 1, 2, 3]), Err(AnnexBError::NoStartCode));
        assert_eq!(inspect(&[0, 1, 0x65]), Err(AnnexBError::NoStartCode));
        assert_eq!(
            inspect(&[0, 0, 1, 0x41, 9, 0, 0, 1, 0xe5, 1]),
            Err(AnnexBError::CorruptNal {
                index: 1,
                header: 0xe5
            })
        );
        assert_eq!(
            inspect(&[0, 0, 1, 0, 0, 1, 0x41]),
            Err(AnnexBError::CorruptNal {
                index: 0,
                header: 0
            })
        );
        let p_slice = [0, 0, 0, 1, 0x41, 0x9a, 0x20];
        assert_eq!(inspect(&p_slice).map(|u| u.idr), Ok(false));
    }

    #[test]
    fn emulation_prevention_bytes_are_removed() {
        assert_eq!(rbsp(&[1, 0, 0, 3, 0, 0, 0, 3, 1]), [1, 0, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn exp_golomb_reads_the_standard_examples() {
        // 1 | 010 | 011 | 00100 | 00101 → ue 0, 1, 2, 3, 4; se of 1..=4 → 1, -1, 2, -2.
        let data = [0b1010_0110, 0b0100_0010, 0b1000_0000];
        let mut bits = Bits { data: &data, at: 0 };
        assert_eq!(
            [bits.ue(), bits.ue(), bits.ue(), bits.ue(), bits.ue()],
            [Ok(0), Ok(1), Ok(2), Ok(3), Ok(4)]
        );
        let mut bits = Bits { data: &data, at: 1 };
        assert_eq!([bits.se(), bits.se()], [Ok(1), Ok(-1)]);
        let mut zeros = Bits {
            data: &[0; 8],
            at: 0,
        };
        assert_eq!(zeros.ue(), Err(SpsError::Invalid("Exp-Golomb code")));
        let mut short = Bits { data: &[0], at: 0 };
        assert_eq!(short.ue(), Err(SpsError::Truncated));
    }

    /// The SPS of a real OpenH264 stream: its parameter sets and IDR, for the size and VUI.
    fn encoded_sps(
        width: usize,
        height: usize,
        vui: Option<openh264::encoder::VuiConfig>,
    ) -> Vec<u8> {
        use openh264::encoder::{Encoder, EncoderConfig};
        use openh264::formats::YUVBuffer;
        let mut config = EncoderConfig::new();
        if let Some(vui) = vui {
            config = config.vui(vui);
        }
        let mut encoder =
            Encoder::with_api_config(openh264::OpenH264API::from_source(), config).unwrap();
        let frame = YUVBuffer::new(width, height);
        let payload = encoder.encode(&frame).unwrap().to_vec();
        nal_units(&payload)
            .find(|u| nal_type(u) == Some(NAL_SPS))
            .unwrap()
            .to_vec()
    }

    #[test]
    fn reads_size_and_colour_from_real_encoder_parameter_sets() {
        use openh264::encoder::VuiConfig;
        let plain = parse_sps(&encoded_sps(1080, 2400, None)).unwrap();
        assert_eq!((plain.width, plain.height), (1080, 2400));
        assert_eq!(plain.color, None);

        let cropped = parse_sps(&encoded_sps(722, 1602, Some(VuiConfig::bt601()))).unwrap();
        assert_eq!((cropped.width, cropped.height), (722, 1602));
        assert_eq!(cropped.color, Some(YuvColor::BT601_LIMITED));

        let full = parse_sps(&encoded_sps(64, 48, Some(VuiConfig::bt709_full()))).unwrap();
        assert_eq!(
            full.color,
            Some(YuvColor {
                matrix: YuvMatrix::Bt709,
                full_range: true
            })
        );
    }

    #[test]
    fn truncated_or_garbage_parameter_sets_are_errors() {
        let sps = encoded_sps(320, 640, Some(openh264::encoder::VuiConfig::bt709()));
        for len in 1..sps.len() - 1 {
            // Every prefix either fails cleanly or (when only the tail was cut) parses.
            let _ = parse_sps(&sps[..len]);
        }
        assert_eq!(parse_sps(&sps[..4]), Err(SpsError::Truncated));
        assert_eq!(
            parse_sps(&[0x68, 1, 2]),
            Err(SpsError::Invalid("NAL unit type"))
        );
        let mut state = 0x1234_5678u32;
        for _ in 0..2000 {
            let garbage: Vec<u8> = std::iter::once(0x67)
                .chain((0..24).map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    state as u8
                }))
                .collect();
            let _ = parse_sps(&garbage);
        }
    }
}
