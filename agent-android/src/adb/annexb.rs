//! H.264 Annex-B, split into access units as bytes arrive (`screenrecord`'s output comes in
//! reads of any size; a NAL unit may be cut anywhere, even inside its start code).
//!
//! A NAL unit is complete when the next start code is seen (or the stream ends). An access
//! unit ends before an access unit delimiter, an SPS, a PPS or an SEI that follows a picture's
//! slices, or before a slice that starts a new picture (`first_mb_in_slice` = 0). The latest
//! SPS and PPS are kept and put in front of every IDR access unit that lacks them, so any
//! keyframe can start a decoder.

/// NAL unit types this splitter cares about.
mod nal {
    pub(super) const SLICE: u8 = 1;
    pub(super) const IDR: u8 = 5;
    pub(super) const SEI: u8 = 6;
    pub(super) const SPS: u8 = 7;
    pub(super) const PPS: u8 = 8;
    pub(super) const AUD: u8 = 9;
}

/// The 4-byte start code written in front of every NAL unit in an access unit.
const START: [u8; 4] = [0, 0, 0, 1];

/// Bytes kept at most while no start code is found (a broken stream must not grow memory
/// without bound).
const MAX_PENDING: usize = 16 << 20;

/// One access unit: a picture's NAL units, each behind a 4-byte start code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessUnit {
    /// Annex-B bytes.
    pub bytes: Vec<u8>,
    /// Whether it holds an IDR slice (then its SPS and PPS are in front).
    pub keyframe: bool,
}

/// Splits an Annex-B byte stream into access units.
#[derive(Debug, Default)]
pub struct AccessUnitSplitter {
    /// Bytes not yet split: from the current NAL unit's first byte (after its start code).
    pending: Vec<u8>,
    /// Whether `pending` starts inside a NAL unit (a start code was seen).
    in_nal: bool,
    /// NAL units of the access unit being built.
    current: Vec<Vec<u8>>,
    /// Whether `current` holds a slice.
    has_slice: bool,
    sps: Option<Vec<u8>>,
    pps: Option<Vec<u8>>,
    /// Bytes thrown away (before the first start code, or an oversized NAL unit).
    discarded: usize,
}

impl AccessUnitSplitter {
    /// A splitter at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Bytes dropped so far because they were not inside a NAL unit.
    pub fn discarded(&self) -> usize {
        self.discarded
    }

    /// Takes the next bytes of the stream; pushes the access units they complete.
    pub fn push(&mut self, bytes: &[u8], out: &mut Vec<AccessUnit>) {
        self.pending.extend_from_slice(bytes);
        let mut from = 0;
        // Start codes are searched from where the last search may have stopped short.
        while let Some((at, len)) = find_start_code(&self.pending, from) {
            if self.in_nal {
                let nal = trim_trailing_zeros(&self.pending[..at]).to_vec();
                self.nal_unit(nal, out);
            } else {
                self.discarded += at;
            }
            self.pending.drain(..at + len);
            self.in_nal = true;
            from = 0;
        }
        if self.pending.len() > MAX_PENDING {
            self.discarded += self.pending.len();
            self.pending.clear();
            self.in_nal = false;
        }
    }

    /// The stream has gone quiet: the bytes received are taken as a complete NAL unit and
    /// the picture they end as a complete access unit, so the newest picture goes out now
    /// instead of waiting for the next one to begin (an idle screen may not send one for
    /// seconds). An encoder writes whole pictures, so a pause inside one is rare; if it
    /// happens, the rest of the cut NAL unit is dropped up to the next start code and the
    /// decoder asks for a keyframe.
    pub fn flush_idle(&mut self, out: &mut Vec<AccessUnit>) {
        if self.in_nal && !self.pending.is_empty() {
            let nal = trim_trailing_zeros(&self.pending).to_vec();
            self.pending.clear();
            self.in_nal = false;
            self.nal_unit(nal, out);
        }
        if self.has_slice {
            self.flush(out);
        }
    }

    /// The stream ended: the last NAL unit and access unit are complete.
    pub fn finish(&mut self, out: &mut Vec<AccessUnit>) {
        if self.in_nal {
            let nal = trim_trailing_zeros(&self.pending).to_vec();
            self.nal_unit(nal, out);
        }
        self.pending.clear();
        self.in_nal = false;
        self.flush(out);
    }

    fn nal_unit(&mut self, nal: Vec<u8>, out: &mut Vec<AccessUnit>) {
        let Some(&header) = nal.first() else {
            return;
        };
        let kind = header & 0x1f;
        let starts_new = match kind {
            nal::AUD | nal::SPS | nal::PPS | nal::SEI => self.has_slice,
            // first_mb_in_slice is ue(v); 0 is the single bit 1.
            nal::SLICE | nal::IDR => self.has_slice && nal.get(1).is_some_and(|b| b & 0x80 != 0),
            _ => false,
        };
        if starts_new {
            self.flush(out);
        }
        match kind {
            nal::SPS => self.sps = Some(nal.clone()),
            nal::PPS => self.pps = Some(nal.clone()),
            nal::SLICE | nal::IDR => self.has_slice = true,
            _ => {}
        }
        self.current.push(nal);
    }

    fn flush(&mut self, out: &mut Vec<AccessUnit>) {
        let nals = std::mem::take(&mut self.current);
        let had_slice = std::mem::replace(&mut self.has_slice, false);
        if !had_slice {
            // Parameter sets or delimiters without a picture wait for it.
            self.current = nals;
            return;
        }
        let kinds: Vec<u8> = nals
            .iter()
            .filter_map(|n| n.first())
            .map(|h| h & 0x1f)
            .collect();
        let keyframe = kinds.contains(&nal::IDR);
        let mut bytes = Vec::with_capacity(nals.iter().map(|n| n.len() + 4).sum::<usize>() + 64);
        if keyframe {
            // An AUD, if any, stays first.
            let aud = kinds.first() == Some(&nal::AUD);
            if aud && let Some(first) = nals.first() {
                bytes.extend_from_slice(&START);
                bytes.extend_from_slice(first);
            }
            for (kind, set) in [(nal::SPS, &self.sps), (nal::PPS, &self.pps)] {
                if !kinds.contains(&kind)
                    && let Some(set) = set
                {
                    bytes.extend_from_slice(&START);
                    bytes.extend_from_slice(set);
                }
            }
            for nal in nals.iter().skip(usize::from(aud)) {
                bytes.extend_from_slice(&START);
                bytes.extend_from_slice(nal);
            }
        } else {
            for nal in &nals {
                bytes.extend_from_slice(&START);
                bytes.extend_from_slice(nal);
            }
        }
        out.push(AccessUnit { bytes, keyframe });
    }
}

/// The first start code (`00 00 01`, or `00 00 00 01`) at or after `from`: its position and
/// length. A 4-byte code is reported as starting at its first zero.
fn find_start_code(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i + 3 <= bytes.len() {
        if bytes[i + 2] > 1 {
            i += 3;
            continue;
        }
        if bytes[i] == 0 && bytes[i + 1] == 0 && bytes[i + 2] == 1 {
            if i > 0 && bytes[i - 1] == 0 {
                return Some((i - 1, 4));
            }
            return Some((i, 3));
        }
        i += 1;
    }
    None
}

/// A NAL unit's trailing zero bytes belong to the next start code (or are padding).
fn trim_trailing_zeros(nal: &[u8]) -> &[u8] {
    let end = nal.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    &nal[..end]
}

/// The NAL units in an Annex-B buffer (header byte first), in order.
pub fn nal_units(bytes: &[u8]) -> Vec<&[u8]> {
    let mut units = Vec::new();
    let mut from = 0;
    let mut start = None;
    while let Some((at, len)) = find_start_code(bytes, from) {
        if let Some(begin) = start {
            units.push(trim_trailing_zeros(&bytes[begin..at]));
        }
        start = Some(at + len);
        from = at + len;
    }
    if let Some(begin) = start {
        units.push(trim_trailing_zeros(&bytes[begin..]));
    }
    units.retain(|u| !u.is_empty());
    units
}

/// The NAL unit types in an Annex-B buffer, in order (for tests and logs).
pub fn nal_types(bytes: &[u8]) -> Vec<u8> {
    let mut types = Vec::new();
    let mut from = 0;
    while let Some((at, len)) = find_start_code(bytes, from) {
        if let Some(header) = bytes.get(at + len) {
            types.push(header & 0x1f);
        }
        from = at + len;
    }
    types
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nal(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut n = vec![0x60 | kind];
        n.extend_from_slice(body);
        n
    }

    /// AUD, SPS, PPS, IDR (two slices), then AUD + P, then P without AUD (new picture).
    fn stream() -> Vec<u8> {
        let parts = [
            (3, nal(nal::AUD, &[0xf0])),
            (4, nal(nal::SPS, &[0x42, 0x00, 0x1f, 0xaa])),
            (4, nal(nal::PPS, &[0xce, 0x3c, 0x80])),
            (4, nal(nal::IDR, &[0x88, 0x84, 0x21])),
            (3, nal(nal::IDR, &[0x40, 0x11])), // second slice: first_mb != 0
            (4, nal(nal::AUD, &[0x30])),
            (4, nal(nal::SLICE, &[0x9a, 0x02])),
            (3, nal(nal::SLICE, &[0x9a, 0x03])),
        ];
        let mut bytes = vec![0xde, 0xad]; // junk before the first start code
        for (code, n) in parts {
            bytes.extend_from_slice(&START[4 - code..]);
            bytes.extend_from_slice(&n);
        }
        bytes
    }

    fn split_in(chunk: usize) -> (Vec<AccessUnit>, usize) {
        let mut splitter = AccessUnitSplitter::new();
        let mut out = Vec::new();
        for piece in stream().chunks(chunk) {
            splitter.push(piece, &mut out);
        }
        splitter.finish(&mut out);
        (out, splitter.discarded())
    }

    #[test]
    fn splits_pictures_whatever_the_read_size() {
        let (whole, discarded) = split_in(usize::MAX);
        assert_eq!(discarded, 2);
        assert_eq!(whole.len(), 3, "{whole:?}");
        assert!(whole[0].keyframe);
        assert_eq!(nal_types(&whole[0].bytes), [9, 7, 8, 5, 5]);
        assert!(!whole[1].keyframe);
        assert_eq!(nal_types(&whole[1].bytes), [9, 1]);
        assert_eq!(nal_types(&whole[2].bytes), [1]);
        let units = nal_units(&whole[0].bytes);
        assert_eq!(units.len(), 5);
        assert_eq!(units[1], nal(nal::SPS, &[0x42, 0x00, 0x1f, 0xaa]));
        for chunk in [1, 2, 3, 5, 7] {
            let (split, _) = split_in(chunk);
            assert_eq!(split, whole, "reads of {chunk} bytes");
        }
    }

    #[test]
    fn a_quiet_stream_gives_its_newest_picture_at_once() {
        let bytes = stream();
        // Reads that end at picture boundaries, each followed by a pause.
        let cut = |start: &[u8]| bytes.windows(start.len()).position(|w| w == start).unwrap();
        let second = cut(&[0, 0, 0, 1, 0x60 | nal::AUD, 0x30]);
        let third = cut(&[0, 0, 1, 0x60 | nal::SLICE, 0x9a, 0x03]);
        let mut splitter = AccessUnitSplitter::new();
        let mut out = Vec::new();
        splitter.push(&bytes[..second], &mut out);
        assert!(out.is_empty(), "the IDR's last slice could still grow");
        splitter.flush_idle(&mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(nal_types(&out[0].bytes), [9, 7, 8, 5, 5]);
        splitter.push(&bytes[second..third], &mut out);
        splitter.flush_idle(&mut out);
        splitter.flush_idle(&mut out);
        assert_eq!(out.len(), 2, "a second pause adds nothing");
        splitter.push(&bytes[third..], &mut out);
        splitter.flush_idle(&mut out);
        assert_eq!(out.len(), 3);
        let (whole, _) = split_in(usize::MAX);
        assert_eq!(out, whole);
        // Cut inside a NAL unit: the rest is dropped up to the next start code.
        let mut splitter = AccessUnitSplitter::new();
        let mut out = Vec::new();
        splitter.push(&bytes[..second - 1], &mut out);
        splitter.flush_idle(&mut out);
        splitter.push(&bytes[second - 1..], &mut out);
        splitter.finish(&mut out);
        assert_eq!(out.len(), 3);
        assert!(out[0].keyframe);
    }

    #[test]
    fn a_later_idr_gets_the_parameter_sets() {
        let mut bytes = stream();
        bytes.extend_from_slice(&START);
        bytes.extend_from_slice(&nal(nal::IDR, &[0x88, 0x99]));
        let mut splitter = AccessUnitSplitter::new();
        let mut out = Vec::new();
        splitter.push(&bytes, &mut out);
        splitter.finish(&mut out);
        let last = out.last().unwrap();
        assert!(last.keyframe);
        assert_eq!(nal_types(&last.bytes), [7, 8, 5]);
    }

    #[test]
    fn garbage_never_panics_and_yields_nothing_without_slices() {
        let mut splitter = AccessUnitSplitter::new();
        let mut out = Vec::new();
        for junk in [
            &[][..],
            &[0],
            &[0, 0],
            &[0, 0, 1],
            &[0, 0, 0, 1, 0x67],
            &[1, 2, 3],
        ] {
            splitter.push(junk, &mut out);
        }
        splitter.finish(&mut out);
        assert!(out.is_empty(), "{out:?}");
        let mut out = Vec::new();
        let mut splitter = AccessUnitSplitter::new();
        splitter.push(&[0, 0, 1, 0x65, 0x88, 0, 0, 1], &mut out);
        splitter.finish(&mut out);
        assert_eq!(
            out.len(),
            1,
            "an IDR without parameter sets still comes out"
        );
    }
}
