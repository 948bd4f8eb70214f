//! Phone-like screens for the H.264 tests — a status bar, an app bar, a scrolled list of rows
//! with "text" strokes, coloured icons and a soft gradient wallpaper — and the tools to
//! encode them with OpenH264 and to compare pictures (PSNR).

use lifeline_protocol::video::RgbaImage;
use openh264::OpenH264API;
use openh264::encoder::{
    BitRate, Encoder, EncoderConfig, FrameRate, IntraFramePeriod, QpRange, RateControlMode,
    UsageType,
};
use openh264::formats::{RgbaSliceU8, YUVBuffer};

/// Icon colours, cycled through the list.
const ICONS: [[u8; 4]; 5] = [
    [26, 115, 232, 255],
    [217, 48, 37, 255],
    [30, 142, 62, 255],
    [249, 171, 0, 255],
    [161, 66, 244, 255],
];

/// A phone screen of `width`×`height` showing a settings-like list scrolled by `scroll` px,
/// with `accent` as the app bar's colour.
pub fn screen(width: u32, height: u32, scroll: u32, accent: [u8; 4]) -> RgbaImage {
    let mut image = RgbaImage::new(width, height).unwrap();
    let unit = (width / 36).max(2);
    // Wallpaper: a soft vertical gradient.
    for y in 0..height {
        let t = y * 40 / height.max(1);
        let shade = [236 - t as u8, 240 - t as u8, 246, 255];
        image.fill_rect(0, y, width, 1, shade);
    }
    // Status bar with clock and battery.
    let status = unit * 2;
    image.fill_rect(0, 0, width, status, [32, 33, 36, 255]);
    image.fill_rect(unit, unit / 2, unit * 4, unit, [232, 234, 237, 255]);
    image.fill_rect(
        width - unit * 4,
        unit / 2,
        unit * 3,
        unit,
        [129, 201, 149, 255],
    );
    // App bar.
    let bar = unit * 5;
    image.fill_rect(0, status, width, bar, accent);
    image.fill_rect(
        unit * 2,
        status + unit * 2,
        width / 3,
        unit,
        [255, 255, 255, 255],
    );
    // The list, scrolled.
    let row = unit * 6;
    let top = status + bar;
    let first = scroll / row;
    let mut y = top as i64 - i64::from(scroll % row);
    let mut index = first;
    while y < i64::from(height) {
        draw_row(&mut image, y, top, row, unit, index);
        y += i64::from(row);
        index += 1;
    }
    image
}

/// Fills a rectangle whose top may be above `min_y` (it is cut there) or negative.
#[allow(clippy::too_many_arguments)]
fn fill(image: &mut RgbaImage, x: u32, y: i64, w: u32, h: u32, min_y: u32, color: [u8; 4]) {
    let y0 = y.max(i64::from(min_y));
    let y1 = (y + i64::from(h)).min(i64::from(image.height()));
    if y1 > y0 {
        image.fill_rect(x, y0 as u32, w, (y1 - y0) as u32, color);
    }
}

fn draw_row(image: &mut RgbaImage, y: i64, min_y: u32, row: u32, unit: u32, index: u32) {
    let width = image.width();
    let u = i64::from(unit);
    fill(image, 0, y, width, row, min_y, [255, 255, 255, 255]);
    fill(
        image,
        unit * 8,
        y + i64::from(row) - 1,
        width - unit * 8,
        1,
        min_y,
        [218, 220, 224, 255],
    );
    let icon = ICONS[index as usize % ICONS.len()];
    fill(image, unit * 2, y + u, unit * 4, unit * 4, min_y, icon);
    // Title and subtitle "text": strokes of varying length, like words.
    let words = [(3 + index % 4) * unit, (2 + index % 3) * unit, 4 * unit];
    let mut x = unit * 8;
    for (i, w) in words.iter().enumerate() {
        fill(image, x, y + u + 2, *w, unit, min_y, [32, 33, 36, 255]);
        if i < 2 {
            fill(
                image,
                x,
                y + 3 * u,
                *w * 2 / 3,
                unit * 2 / 3,
                min_y,
                [95, 99, 104, 255],
            );
        }
        x += w + unit;
    }
    // A toggle on every third row.
    if index.is_multiple_of(3) {
        fill(
            image,
            width - unit * 6,
            y + 2 * u,
            unit * 4,
            unit * 2,
            min_y,
            [26, 115, 232, 255],
        );
    }
}

/// `image` grown to even sides by repeating its last column and row (what an encoder needs
/// for YUV 4:2:0).
pub fn pad_to_even(image: &RgbaImage) -> RgbaImage {
    let (w, h) = (image.width(), image.height());
    let (pw, ph) = (w + w % 2, h + h % 2);
    if (pw, ph) == (w, h) {
        return image.clone();
    }
    let mut out = RgbaImage::new(pw, ph).unwrap();
    for y in 0..ph {
        for x in 0..pw {
            let p = image.pixel(x.min(w - 1), y.min(h - 1)).unwrap();
            out.set_pixel(x, y, p);
        }
    }
    out
}

/// An OpenH264 encoder set up like a phone's screen encoder with a generous budget.
pub fn encoder() -> Encoder {
    let config = EncoderConfig::new()
        .usage_type(UsageType::ScreenContentRealTime)
        .rate_control_mode(RateControlMode::Bitrate)
        .bitrate(BitRate::from_bps(12_000_000))
        .max_frame_rate(FrameRate::from_hz(30.0))
        .qp(QpRange::new(10, 30))
        .skip_frames(false)
        .adaptive_quantization(false)
        .background_detection(false)
        .intra_frame_period(IntraFramePeriod::auto());
    Encoder::with_api_config(OpenH264API::from_source(), config).unwrap()
}

/// Encodes one frame (even sides) to Annex-B.
pub fn encode(encoder: &mut Encoder, image: &RgbaImage) -> Vec<u8> {
    let rgba = RgbaSliceU8::new(
        image.data(),
        (image.width() as usize, image.height() as usize),
    );
    let yuv = YUVBuffer::from_rgb_source(rgba);
    encoder.encode(&yuv).unwrap().to_vec()
}

/// Peak signal-to-noise ratio of `a` against `b` over R, G and B, in dB (infinite when equal).
pub fn psnr(a: &RgbaImage, b: &RgbaImage) -> f64 {
    assert_eq!(
        (a.width(), a.height()),
        (b.width(), b.height()),
        "sizes differ"
    );
    let mut sum = 0f64;
    let mut n = 0u64;
    for (pa, pb) in a.data().chunks_exact(4).zip(b.data().chunks_exact(4)) {
        for c in 0..3 {
            let d = f64::from(pa[c]) - f64::from(pb[c]);
            sum += d * d;
            n += 1;
        }
    }
    if sum == 0.0 {
        return f64::INFINITY;
    }
    let mse = sum / n as f64;
    10.0 * (255.0 * 255.0 / mse).log10()
}

/// The largest difference of any channel between `a` and `b`, and how many channels differ.
pub fn max_diff(a: &RgbaImage, b: &RgbaImage) -> (u8, usize) {
    assert_eq!(
        (a.width(), a.height()),
        (b.width(), b.height()),
        "sizes differ"
    );
    a.data()
        .iter()
        .zip(b.data())
        .fold((0u8, 0usize), |(max, count), (x, y)| {
            let d = x.abs_diff(*y);
            (max.max(d), count + usize::from(d > 0))
        })
}
