//! Tests of the whole codec; unit tests of the parts sit beside them.

mod hostile;
mod perf;
mod props;
mod round_trip;

use super::format::{self, Header, Reader};
use super::grid::TileGrid;
use super::scroll::ScrollOp;
use super::{EncodedFrame, TileDecoder, TileEncoder};
use crate::video::RgbaImage;

/// A small deterministic generator (xorshift64*).
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// An image of random pixels (opaque).
fn noise(width: u32, height: u32, seed: u64) -> RgbaImage {
    let mut rng = XorShift::new(seed);
    let mut img = RgbaImage::new(width, height).unwrap();
    for px in img.data_mut().chunks_exact_mut(4) {
        let v = rng.next().to_le_bytes();
        px.copy_from_slice(&[v[0], v[1], v[2], 255]);
    }
    img
}

/// Encodes `frame`, decodes the payload and checks the decoder now shows `frame` exactly.
fn round_trip(enc: &mut TileEncoder, dec: &mut TileDecoder, frame: &RgbaImage) -> EncodedFrame {
    let encoded = enc.encode(frame);
    let damage = dec.decode(&encoded.payload).unwrap();
    assert_eq!(damage.keyframe, encoded.keyframe);
    assert_eq!(damage.is_empty(), encoded.payload.is_empty());
    assert!(
        dec.image() == Some(frame),
        "decoded image differs from the source"
    );
    encoded
}

/// A parsed delta payload, for asserting what the encoder chose.
#[derive(Debug)]
struct Parsed {
    header: Header,
    scrolls: Vec<ScrollOp>,
    tiles: Vec<u32>,
    xor: Vec<bool>,
}

fn parse(payload: &[u8]) -> Parsed {
    let mut r = Reader::new(payload);
    let header = format::read_header(&mut r).unwrap();
    let grid = TileGrid::new(header.width, header.height);
    let (mut scrolls, mut tiles) = (Vec::new(), Vec::new());
    let mut xor = Vec::new();
    if !header.keyframe {
        let body = format::read_delta(&mut r, &grid, &mut scrolls, &mut tiles).unwrap();
        xor = (0..tiles.len())
            .map(|i| format::is_xor(body.modes, i))
            .collect();
    }
    format::read_data(&mut r).unwrap();
    Parsed {
        header,
        scrolls,
        tiles,
        xor,
    }
}

/// Layout of the synthetic phone screen.
const STATUS_BAR: u32 = 72;
const APP_BAR: u32 = 168;
const NAV_BAR: u32 = 144;
const ITEM_HEIGHT: u32 = 168;

/// A long list as it would be rendered in full: white rows of an avatar and three lines of
/// anti-aliased "text" drawn from a glyph set, with separators.
fn list_canvas(width: u32, height: u32, seed: u64) -> RgbaImage {
    list_canvas_with(width, height, seed, false)
}

/// [`list_canvas`], with photo-like thumbnails (smooth gradient plus sensor noise) instead of
/// flat avatars when `photos` is set.
fn list_canvas_with(width: u32, height: u32, seed: u64, photos: bool) -> RgbaImage {
    const GW: usize = 12;
    const GH: usize = 18;
    let mut rng = XorShift::new(seed);
    // 96 glyphs of a few strokes each, with soft (anti-aliased) edges.
    let glyphs: Vec<Vec<u8>> = (0..96)
        .map(|_| {
            let mut g = vec![0u8; GW * GH];
            for _ in 0..4 {
                let (x0, y0) = (1 + rng.below(8) as usize, rng.below(12) as usize);
                let (w, h) = (1 + rng.below(4) as usize, 2 + rng.below(8) as usize);
                for y in y0..(y0 + h).min(GH) {
                    for x in x0..(x0 + w).min(GW - 1) {
                        g[y * GW + x] = 255;
                        for side in [x - 1, x + 1] {
                            if g[y * GW + side] < 255 {
                                g[y * GW + side] = g[y * GW + side].max(64 + 32 * (y as u8 % 3));
                            }
                        }
                    }
                }
            }
            g
        })
        .collect();
    let mut img = RgbaImage::filled(width, height, [255, 255, 255, 255]).unwrap();
    let mut top = 0;
    while top < height {
        let avatar = [rng.below(200) as u8, rng.below(200) as u8, 180, 255];
        img.fill_rect(32, top + 36, 96, 96, avatar);
        if photos {
            for y in top + 36..(top + 132).min(height) {
                for x in 32..128 {
                    let n = rng.below(8) as u32;
                    let v = |c: u8, k: u32| (u32::from(c) / 2 + k + n) as u8;
                    img.set_pixel(
                        x,
                        y,
                        [v(avatar[0], x - 32), v(avatar[1], y - top), 180, 255],
                    );
                }
            }
        }
        for (y, ink) in [(top + 28, 32u8), (top + 64, 90u8), (top + 100, 110u8)] {
            let mut x = 160;
            while x + 200 < width {
                let letters = 2 + rng.below(8) as u32;
                for _ in 0..letters {
                    let g = &glyphs[rng.below(96) as usize];
                    for gy in 0..GH as u32 {
                        for gx in 0..GW as u32 {
                            let c = g[gy as usize * GW + gx as usize];
                            if c > 0 && x + gx < width - 32 {
                                let v = 255 - ((255 - u32::from(ink)) * u32::from(c) / 255) as u8;
                                img.set_pixel(x + gx, y + gy, [v, v, v, 255]);
                            }
                        }
                    }
                    x += GW as u32 + 1;
                }
                x += 12;
            }
        }
        img.fill_rect(0, top + ITEM_HEIGHT - 1, width, 1, [224, 224, 224, 255]);
        top += ITEM_HEIGHT;
    }
    img
}

/// A phone screen: status bar, app bar, the list window starting at `offset` rows into
/// `canvas`, nav bar.
fn phone_screen(canvas: &RgbaImage, height: u32, offset: u32) -> RgbaImage {
    let width = canvas.width();
    let mut img = RgbaImage::filled(width, height, [30, 30, 30, 255]).unwrap();
    img.fill_rect(0, STATUS_BAR, width, APP_BAR, [98, 0, 238, 255]);
    img.fill_rect(40, STATUS_BAR + 60, 300, 40, [255, 255, 255, 255]);
    img.fill_rect(width - 200, 20, 160, 30, [200, 200, 200, 255]);
    let list_top = STATUS_BAR + APP_BAR;
    let list_rows = (height - list_top - NAV_BAR) as usize;
    let stride = img.stride();
    let src = &canvas.data()[offset as usize * stride..][..list_rows * stride];
    img.data_mut()[list_top as usize * stride..][..list_rows * stride].copy_from_slice(src);
    img.fill_rect(
        width / 2 - 40,
        height - NAV_BAR + 50,
        80,
        40,
        [240, 240, 240, 255],
    );
    img
}

/// Rows the list shows on a phone screen of `height`.
fn list_rows(height: u32) -> u32 {
    height - STATUS_BAR - APP_BAR - NAV_BAR
}
