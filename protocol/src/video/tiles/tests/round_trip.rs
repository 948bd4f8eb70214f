//! Encoder → decoder round trips of typical screen changes.

use super::*;
use crate::video::tiles::{Damage, Rect, TILE_SIZE};

#[test]
fn first_frame_is_a_keyframe_covering_everything() {
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    let frame = noise(130, 90, 1);
    let encoded = round_trip(&mut enc, &mut dec, &frame);
    assert!(encoded.keyframe);
    let damage = TileDecoder::new().decode(&encoded.payload).unwrap();
    assert_eq!(
        damage,
        Damage {
            keyframe: true,
            rects: vec![Rect {
                x: 0,
                y: 0,
                width: 130,
                height: 90
            }],
        }
    );
}

#[test]
fn unchanged_frame_encodes_to_nothing() {
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    let frame = noise(100, 100, 2);
    round_trip(&mut enc, &mut dec, &frame);
    let encoded = round_trip(&mut enc, &mut dec, &frame.clone());
    assert!(encoded.payload.is_empty());
    assert!(!encoded.keyframe);
    assert_eq!(dec.decode(&[]).unwrap(), Damage::default());
    // An empty payload is fine even before any keyframe.
    assert!(TileDecoder::new().decode(&[]).unwrap().is_empty());
}

#[test]
fn single_pixel_change_sends_one_xored_tile() {
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    let mut frame = noise(300, 200, 3);
    round_trip(&mut enc, &mut dec, &frame);
    frame.set_pixel(130, 70, [1, 2, 3, 4]);
    let encoded = round_trip(&mut enc, &mut dec, &frame);
    let parsed = parse(&encoded.payload);
    assert_eq!((parsed.header.width, parsed.header.keyframe), (300, false));
    assert_eq!(parsed.tiles, [5 + 2]); // row 1 (5 columns), column 2
    assert_eq!(parsed.xor, [true]);
    assert!(parsed.scrolls.is_empty());
    assert!(
        encoded.payload.len() < 60,
        "{} bytes",
        encoded.payload.len()
    );
    let mut dec2 = TileDecoder::new();
    dec2.decode(&enc_keyframe_of(&noise(300, 200, 3))).unwrap();
    let damage = dec2.decode(&encoded.payload).unwrap();
    assert_eq!(
        damage.rects,
        [Rect {
            x: 128,
            y: 64,
            width: 64,
            height: 64
        }]
    );
}

fn enc_keyframe_of(frame: &RgbaImage) -> Vec<u8> {
    TileEncoder::new().encode(frame).payload
}

#[test]
fn caret_blink_costs_a_few_dozen_bytes() {
    let canvas = list_canvas(1080, list_rows(2400), 4);
    let screen = phone_screen(&canvas, 2400, 0);
    let mut with_caret = screen.clone();
    with_caret.fill_rect(500, 132, 3, 48, [20, 20, 20, 255]);
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    round_trip(&mut enc, &mut dec, &screen);
    for i in 0..4 {
        let frame = if i % 2 == 0 { &with_caret } else { &screen };
        let encoded = round_trip(&mut enc, &mut dec, frame);
        assert!(!encoded.keyframe);
        assert!(
            encoded.payload.len() <= 80,
            "caret blink took {} bytes",
            encoded.payload.len()
        );
        assert_eq!(parse(&encoded.payload).tiles.len(), 1);
    }
}

#[test]
fn full_screen_change_sends_every_tile() {
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    round_trip(&mut enc, &mut dec, &noise(200, 150, 5));
    let encoded = round_trip(&mut enc, &mut dec, &noise(200, 150, 6));
    assert!(!encoded.keyframe);
    assert_eq!(parse(&encoded.payload).tiles, (0..12).collect::<Vec<_>>());
    let encoded = round_trip(
        &mut enc,
        &mut dec,
        &RgbaImage::filled(200, 150, [9; 4]).unwrap(),
    );
    assert_eq!(parse(&encoded.payload).tiles.len(), 12);
    assert!(encoded.payload.len() < 100);
}

#[test]
fn size_change_is_a_keyframe() {
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    round_trip(&mut enc, &mut dec, &noise(120, 80, 7));
    let encoded = round_trip(&mut enc, &mut dec, &noise(80, 120, 7));
    assert!(encoded.keyframe);
    let encoded = round_trip(&mut enc, &mut dec, &noise(80, 120, 8));
    assert!(!encoded.keyframe);
}

#[test]
fn request_keyframe_forces_one_even_without_change() {
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    let frame = noise(64, 64, 9);
    round_trip(&mut enc, &mut dec, &frame);
    enc.request_keyframe();
    let encoded = round_trip(&mut enc, &mut dec, &frame);
    assert!(encoded.keyframe);
    // A fresh decoder can start from it.
    TileDecoder::new().decode(&encoded.payload).unwrap();
    assert!(round_trip(&mut enc, &mut dec, &frame).payload.is_empty());
}

#[test]
fn reset_decoder_needs_a_keyframe() {
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    let mut frame = noise(64, 64, 10);
    round_trip(&mut enc, &mut dec, &frame);
    dec.reset();
    assert!(dec.image().is_none());
    frame.set_pixel(0, 0, [0; 4]);
    let delta = enc.encode(&frame);
    assert!(dec.decode(&delta.payload).is_err());
    enc.request_keyframe();
    round_trip(&mut enc, &mut dec, &frame);
}

#[test]
fn partial_edge_tiles() {
    for (w, h) in [(100, 70), (1080, 2400), (1, 1), (65, 1), (1, 129)] {
        let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
        let mut frame = RgbaImage::filled(w, h, [10, 20, 30, 255]).unwrap();
        round_trip(&mut enc, &mut dec, &frame);
        // Bottom-right corner pixel: lives in the last, partial tile.
        frame.set_pixel(w - 1, h - 1, [1, 1, 1, 1]);
        let encoded = round_trip(&mut enc, &mut dec, &frame);
        let grid = TileGrid::new(w, h);
        assert_eq!(parse(&encoded.payload).tiles, [grid.len() as u32 - 1]);
        // A rect across the right and bottom edges.
        frame.fill_rect(w.saturating_sub(TILE_SIZE + 3), h / 2, 500, h, [7, 7, 7, 7]);
        round_trip(&mut enc, &mut dec, &frame);
    }
}

/// Scrolls the list by `dy` per frame for a few frames and checks each frame is one scroll op
/// over the list plus only the tiles of the revealed rows.
fn check_scroll(dy: i32) {
    let (width, height) = (1080, 2400);
    let rows = list_rows(height);
    let canvas = list_canvas(width, rows + 200, 11);
    let start = if dy < 0 { 0 } else { 200 };
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    let key = round_trip(&mut enc, &mut dec, &phone_screen(&canvas, height, start));
    let list_top = STATUS_BAR + APP_BAR;
    for step in 1..=3 {
        let offset = (start as i32 - dy * step) as u32;
        let mut frame = phone_screen(&canvas, height, offset);
        frame.fill_rect(width - 200, 20, 40 * step as u32, 30, [250, 250, 250, 255]); // clock
        let encoded = round_trip(&mut enc, &mut dec, &frame);
        let parsed = parse(&encoded.payload);
        // One op over (nearly) the whole list; rows that match both shifted and unshifted
        // (blank background at its ends) may be left out.
        let [op] = parsed.scrolls[..] else {
            panic!("step {step}: scroll ops {:?}", parsed.scrolls);
        };
        assert_eq!(op.dy, dy);
        assert!(op.top >= list_top && op.bottom <= list_top + rows, "{op:?}");
        assert!(op.bottom - op.top > rows - 100, "{op:?}");
        // Revealed rows span at most two tile rows of 17 tiles; plus the clock's tiles.
        assert!(parsed.tiles.len() <= 34 + 3, "{} tiles", parsed.tiles.len());
        assert!(
            encoded.payload.len() * 20 < key.payload.len(),
            "scroll frame {} bytes vs keyframe {}",
            encoded.payload.len(),
            key.payload.len()
        );
    }
}

#[test]
fn scroll_up_between_fixed_bars_is_one_op() {
    check_scroll(-16);
}

#[test]
fn scroll_down_between_fixed_bars_is_one_op() {
    check_scroll(16);
}

#[test]
fn scroll_with_other_changes_still_round_trips() {
    let (width, height) = (320, 480);
    let canvas = list_canvas(width, list_rows(height) + 300, 12);
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    round_trip(&mut enc, &mut dec, &phone_screen(&canvas, height, 100));
    for (i, offset) in [120, 90, 300, 0, 37, 36, 200].into_iter().enumerate() {
        let mut frame = phone_screen(&canvas, height, offset);
        frame.fill_rect(200, 20, 30 + i as u32, 20, [i as u8, 0, 0, 255]); // the clock
        frame.set_pixel(5, 300 + i as u32, [0, 255, 0, 255]);
        round_trip(&mut enc, &mut dec, &frame);
    }
}

#[test]
fn incompressible_tiles_are_sent_stored() {
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    let mut frame = RgbaImage::new(100, 100).unwrap();
    let mut rng = XorShift::new(13);
    let random = |img: &mut RgbaImage, rng: &mut XorShift| {
        for b in img.data_mut().chunks_exact_mut(8) {
            b.copy_from_slice(&rng.next().to_le_bytes());
        }
    };
    random(&mut frame, &mut rng);
    let key = round_trip(&mut enc, &mut dec, &frame);
    assert!(parse(&key.payload).header.stored);
    random(&mut frame, &mut rng);
    let delta = round_trip(&mut enc, &mut dec, &frame);
    assert!(parse(&delta.payload).header.stored);
    assert!(!delta.keyframe);
}

#[test]
fn several_scroll_ops_apply_in_order() {
    use crate::video::tiles::format::{FLAG_STORED, put_data, put_delta, put_header};
    let frame = noise(70, 200, 14);
    let mut dec = TileDecoder::new();
    dec.decode(&TileEncoder::new().encode(&frame).payload)
        .unwrap();
    let ops = &[
        ScrollOp {
            top: 10,
            bottom: 150,
            dy: 7,
        },
        ScrollOp {
            top: 0,
            bottom: 200,
            dy: -100,
        },
    ];
    let mut expected = frame.clone();
    for op in ops {
        let stride = expected.stride();
        op.apply(expected.data_mut(), stride);
    }
    let mut p = Vec::new();
    put_header(&mut p, FLAG_STORED, 70, 200);
    put_delta(&mut p, ops, &[], &[]);
    put_data(&mut p, &[]);
    let damage = dec.decode(&p).unwrap();
    assert_eq!(damage.rects, [ops[0].rect(70), ops[1].rect(70)]);
    assert!(dec.image() == Some(&expected));
}
