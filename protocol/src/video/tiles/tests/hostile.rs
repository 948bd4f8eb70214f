//! Corrupt and hostile payloads: always an error, never a panic, image untouched.

use proptest::prelude::*;

use super::*;
use crate::video::tiles::TileError;
use crate::video::tiles::format::{
    FLAG_KEYFRAME, FLAG_STORED, VERSION, put_data, put_delta, put_header, put_varint,
};

/// A keyframe and a delta with a scroll op, XORed and raw tiles; the decoder state after the
/// keyframe; and the image after the delta.
fn stream() -> (Vec<u8>, Vec<u8>, RgbaImage) {
    let canvas = list_canvas(200, list_rows(600) + 40, 21);
    let mut enc = TileEncoder::new();
    let key = enc.encode(&phone_screen(&canvas, 600, 0)).payload;
    let mut next = phone_screen(&canvas, 600, 24);
    next.set_pixel(3, 3, [1, 2, 3, 4]);
    next.fill_rect(0, 560, 200, 40, [5, 6, 7, 255]);
    let delta = enc.encode(&next).payload;
    let parsed = parse(&delta);
    assert_eq!(parsed.scrolls.len(), 1);
    assert!(parsed.xor.contains(&true) && parsed.xor.contains(&false));
    (key, delta, next)
}

fn decoder_with(payload: &[u8]) -> TileDecoder {
    let mut dec = TileDecoder::new();
    dec.decode(payload).unwrap();
    dec
}

#[test]
fn every_truncation_errors_and_leaves_the_image() {
    let (key, delta, after) = stream();
    let mut dec = decoder_with(&key);
    let before = dec.image().unwrap().clone();
    for len in 1..delta.len() {
        assert!(
            dec.decode(&delta[..len]).is_err(),
            "prefix of {len} bytes accepted"
        );
        assert!(
            dec.image() == Some(&before),
            "prefix of {len} bytes changed the image"
        );
    }
    for len in 1..key.len() {
        assert!(
            dec.decode(&key[..len]).is_err(),
            "keyframe prefix of {len} bytes accepted"
        );
        assert!(dec.image() == Some(&before));
        assert!(TileDecoder::new().decode(&key[..len]).is_err());
    }
    dec.decode(&delta).unwrap();
    assert!(dec.image() == Some(&after));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn flipped_bytes_never_panic(flips in prop::collection::vec((any::<usize>(), 1u8..), 1..4)) {
        let (key, delta, _) = stream_cached();
        // The stored variant lets flips reach scroll ops and tile writes with valid data.
        for base in [&key, &delta, &as_stored(&delta)] {
            let mut bad = base.clone();
            for &(pos, x) in &flips {
                let i = pos % bad.len();
                bad[i] ^= x;
            }
            let mut dec = decoder_with(&key);
            let before = dec.image().unwrap().clone();
            if dec.decode(&bad).is_err() {
                prop_assert!(dec.image() == Some(&before));
            }
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64), version in any::<bool>()) {
        let mut bytes = bytes;
        if version && !bytes.is_empty() {
            bytes[0] = VERSION;
        }
        let _ = TileDecoder::new().decode(&bytes);
        let (key, _, _) = stream_cached();
        let mut dec = decoder_with(&key);
        let before = dec.image().unwrap().clone();
        if dec.decode(&bytes).is_err() {
            prop_assert!(dec.image() == Some(&before));
        }
    }
}

/// `payload` (a zstd delta) rewritten with its tile data stored.
fn as_stored(payload: &[u8]) -> Vec<u8> {
    let parsed = parse(payload);
    let mut r = Reader::new(payload);
    let header = format::read_header(&mut r).unwrap();
    let grid = TileGrid::new(header.width, header.height);
    let (mut scrolls, mut tiles) = (Vec::new(), Vec::new());
    let modes = format::read_delta(&mut r, &grid, &mut scrolls, &mut tiles)
        .unwrap()
        .modes;
    let data = zstd::bulk::decompress(format::read_data(&mut r).unwrap(), 1 << 24).unwrap();
    assert_eq!(tiles, parsed.tiles);
    let mut p = Vec::new();
    put_header(&mut p, FLAG_STORED, header.width, header.height);
    put_delta(&mut p, &scrolls, &tiles, modes);
    put_data(&mut p, &data);
    p
}

#[test]
fn stored_delta_decodes_like_the_zstd_one() {
    let (key, delta, after) = stream();
    let mut dec = decoder_with(&key);
    dec.decode(&as_stored(&delta)).unwrap();
    assert!(dec.image() == Some(&after));
}

/// `stream()` once per test binary: proptest cases reuse it.
fn stream_cached() -> (Vec<u8>, Vec<u8>, RgbaImage) {
    static STREAM: std::sync::OnceLock<(Vec<u8>, Vec<u8>, RgbaImage)> = std::sync::OnceLock::new();
    STREAM.get_or_init(stream).clone()
}

/// A 1080x2400 decoder (a 17x38 grid) holding a flat grey keyframe.
fn phone_decoder() -> TileDecoder {
    static KEY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    decoder_with(KEY.get_or_init(|| {
        TileEncoder::new()
            .encode(&RgbaImage::filled(1080, 2400, [128; 4]).unwrap())
            .payload
    }))
}

fn delta(
    width: u32,
    height: u32,
    scrolls: &[ScrollOp],
    tiles: &[u32],
    modes: &[u8],
    data: &[u8],
) -> Vec<u8> {
    let mut p = Vec::new();
    put_header(&mut p, FLAG_STORED, width, height);
    put_delta(&mut p, scrolls, tiles, modes);
    put_data(&mut p, data);
    p
}

fn error_of(dec: &mut TileDecoder, payload: &[u8]) -> TileError {
    let before = dec.image().cloned();
    let err = dec.decode(payload).unwrap_err();
    assert!(dec.image() == before.as_ref(), "{err} changed the image");
    err
}

#[test]
fn huge_or_zero_dimensions() {
    for (w, h) in [(9000, 10), (0, 5), (10, 0), (u32::MAX, u32::MAX)] {
        let mut p = Vec::new();
        put_header(&mut p, FLAG_KEYFRAME, w, h);
        put_data(&mut p, &[]);
        let err = error_of(&mut TileDecoder::new(), &p);
        assert_eq!(
            err,
            TileError::InvalidSize {
                width: w.into(),
                height: h.into()
            }
        );
    }
    let mut p = Vec::new();
    put_header(&mut p, FLAG_KEYFRAME, 0, 5);
    assert!(
        error_of(&mut TileDecoder::new(), &p)
            .to_string()
            .starts_with("frame size 0x5 is invalid")
    );
    let mut p = vec![VERSION, FLAG_KEYFRAME];
    put_varint(&mut p, u64::MAX);
    put_varint(&mut p, 1 << 40);
    assert!(matches!(
        error_of(&mut TileDecoder::new(), &p),
        TileError::InvalidSize { .. }
    ));
}

#[test]
fn tile_index_out_of_range() {
    let mut dec = phone_decoder();
    let err = error_of(&mut dec, &delta(1080, 2400, &[], &[9000], &[0], &[]));
    assert_eq!(err.to_string(), "tile index 9000 is outside the 17x38 grid");
    // Reached through the gaps, too.
    let err = error_of(&mut dec, &delta(1080, 2400, &[], &[5, 645, 646], &[0], &[]));
    assert_eq!(
        err,
        TileError::TileOutOfRange {
            index: 646,
            columns: 17,
            rows: 38
        }
    );
}

#[test]
fn tile_indices_must_increase() {
    let mut dec = phone_decoder();
    let mut p = Vec::new();
    put_header(&mut p, FLAG_STORED, 1080, 2400);
    put_varint(&mut p, 0); // no scrolls
    put_varint(&mut p, 2);
    put_varint(&mut p, 7);
    put_varint(&mut p, 0); // gap 0: 7 again
    p.push(0);
    put_data(&mut p, &[0; 2 * 64 * 64 * 4]);
    assert_eq!(
        error_of(&mut dec, &p),
        TileError::TilesNotIncreasing {
            index: 7,
            previous: 7
        }
    );
}

#[test]
fn too_many_tiles_or_scrolls() {
    let mut dec = phone_decoder();
    let mut p = Vec::new();
    put_header(&mut p, 0, 1080, 2400);
    put_varint(&mut p, 0);
    put_varint(&mut p, u64::MAX);
    assert!(matches!(
        error_of(&mut dec, &p),
        TileError::TooManyTiles { .. }
    ));
    let mut p = Vec::new();
    put_header(&mut p, 0, 1080, 2400);
    put_varint(&mut p, 1 << 40);
    assert!(matches!(
        error_of(&mut dec, &p),
        TileError::TooManyScrollOps { .. }
    ));
}

#[test]
fn scroll_out_of_bounds() {
    let mut dec = phone_decoder();
    let op = ScrollOp {
        top: 10,
        bottom: 5000,
        dy: 3,
    };
    let err = error_of(&mut dec, &delta(1080, 2400, &[op], &[], &[], &[]));
    assert_eq!(
        err.to_string(),
        "scroll region rows 10..5000 outside a 2400-row frame"
    );
    let op = ScrollOp {
        top: 10,
        bottom: 5,
        dy: 3,
    };
    let err = error_of(&mut dec, &delta(1080, 2400, &[op], &[], &[], &[]));
    assert!(matches!(err, TileError::ScrollOutOfBounds { .. }));
    for dy in [0, 100, -100, 2000] {
        let op = ScrollOp {
            top: 0,
            bottom: 100,
            dy,
        };
        let err = error_of(&mut dec, &delta(1080, 2400, &[op], &[], &[], &[]));
        assert!(matches!(err, TileError::BadScrollShift { .. }), "{err}");
    }
    // A valid op on its own is fine.
    let op = ScrollOp {
        top: 0,
        bottom: 2400,
        dy: -2399,
    };
    let damage = dec
        .decode(&delta(1080, 2400, &[op], &[], &[], &[]))
        .unwrap();
    assert_eq!(damage.rects, [op.rect(1080)]);
}

#[test]
fn zstd_data_of_the_wrong_size() {
    let mut dec = phone_decoder();
    let tile = 64 * 64 * 4;
    let short = zstd::bulk::compress(&[0; 100], 1).unwrap();
    let mut p = Vec::new();
    put_header(&mut p, 0, 1080, 2400);
    put_delta(&mut p, &[], &[0], &[0]);
    put_data(&mut p, &short);
    assert_eq!(
        error_of(&mut dec, &p),
        TileError::DataSize {
            actual: 100,
            expected: tile
        }
    );
    assert_eq!(
        TileError::DataSize {
            actual: 100,
            expected: tile
        }
        .to_string(),
        "decompressed tile data is 100 bytes, expected 16384"
    );
    // Two frames: the first has the right size, the second overflows.
    let mut two = zstd::bulk::compress(&[0; 16384], 1).unwrap();
    two.extend(zstd::bulk::compress(&[1; 10], 1).unwrap());
    let mut p = Vec::new();
    put_header(&mut p, 0, 1080, 2400);
    put_delta(&mut p, &[], &[0], &[0]);
    put_data(&mut p, &two);
    assert!(matches!(error_of(&mut dec, &p), TileError::Zstd(_)));
    // Garbage that is not zstd at all.
    let mut p = Vec::new();
    put_header(&mut p, 0, 1080, 2400);
    put_delta(&mut p, &[], &[0], &[0]);
    put_data(&mut p, &[0x28, 0xb5, 0x2f, 0xfd, 9, 9, 9, 9, 9]);
    let err = error_of(&mut dec, &p);
    assert!(
        err.to_string().starts_with("zstd data is corrupt: "),
        "{err}"
    );
    // Stored data of the wrong length.
    let err = error_of(&mut dec, &delta(1080, 2400, &[], &[0], &[0], &[0; 100]));
    assert_eq!(
        err,
        TileError::DataSize {
            actual: 100,
            expected: tile
        }
    );
    // No tiles but some data.
    let err = error_of(&mut dec, &delta(1080, 2400, &[], &[], &[], &[1]));
    assert_eq!(
        err,
        TileError::DataSize {
            actual: 1,
            expected: 0
        }
    );
}

#[test]
fn trailing_garbage() {
    let (key, delta, _) = stream();
    let mut dec = decoder_with(&key);
    let mut bad = delta.clone();
    bad.push(0);
    assert_eq!(error_of(&mut dec, &bad), TileError::TrailingBytes(1));
    let mut bad = key.clone();
    bad.extend([1, 2, 3]);
    assert_eq!(error_of(&mut dec, &bad), TileError::TrailingBytes(3));
}

#[test]
fn unknown_version_and_flags() {
    let (key, _, _) = stream();
    let mut bad = key.clone();
    bad[0] = 7;
    let err = error_of(&mut TileDecoder::new(), &bad);
    assert_eq!(err.to_string(), "unsupported tiles format version 7");
    let mut bad = key.clone();
    bad[1] |= 0x80;
    assert_eq!(
        error_of(&mut TileDecoder::new(), &bad),
        TileError::UnknownFlags(0x81)
    );
}

#[test]
fn mode_padding_bits() {
    let mut dec = phone_decoder();
    let err = error_of(
        &mut dec,
        &delta(1080, 2400, &[], &[0], &[0b10], &[0; 64 * 64 * 4]),
    );
    assert_eq!(err, TileError::ModePadding { count: 1 });
}

#[test]
fn delta_before_keyframe() {
    let (_, delta, _) = stream();
    let err = error_of(&mut TileDecoder::new(), &delta);
    assert_eq!(err.to_string(), "delta frame before any keyframe");
}

#[test]
fn delta_with_another_size() {
    let (_, delta, _) = stream();
    let mut dec = phone_decoder();
    let err = error_of(&mut dec, &delta);
    assert_eq!(
        err,
        TileError::SizeMismatch {
            frame_width: 200,
            frame_height: 600,
            image_width: 1080,
            image_height: 2400
        }
    );
}
