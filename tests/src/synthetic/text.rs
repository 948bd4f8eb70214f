//! "Text-like" glyphs: strokes shaped like lower-case letters, capitals and digits, with a
//! one-pixel anti-aliased fringe in a couple of grey levels, so a line of them compresses
//! and changes like rendered text without needing a font.

use super::Scale;
use super::canvas::{Canvas, Rect, Rgba};
use super::rng::Rng;

/// Size and color of a line of text, in pixels of the screen being drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextStyle {
    /// Height of lower-case letters above the baseline.
    pub(crate) x_height: i32,
    /// Height of capitals and ascenders above the baseline.
    pub(crate) ascent: i32,
    /// Depth of descenders below the baseline.
    pub(crate) descent: i32,
    /// Stroke width.
    pub(crate) stroke: i32,
    /// Narrowest and widest letter body.
    pub(crate) min_width: i32,
    pub(crate) max_width: i32,
    /// Gap between letters and between words.
    pub(crate) letter_gap: i32,
    pub(crate) word_gap: i32,
    pub(crate) color: Rgba,
}

impl TextStyle {
    /// A style whose sizes are given for a 1080-px-wide screen and scaled by `scale`.
    pub(crate) fn scaled(s: Scale, x_height: i32, ascent: i32, stroke: i32, color: Rgba) -> Self {
        Self {
            x_height: s.px(x_height),
            ascent: s.px(ascent),
            descent: s.px(ascent * 3 / 10),
            stroke: s.px(stroke),
            min_width: s.px(x_height * 5 / 10),
            max_width: s.px(x_height * 9 / 10),
            letter_gap: s.px(stroke),
            word_gap: s.px(x_height * 7 / 10),
            color,
        }
    }
}

/// The shape of one glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Round lower-case letter: a closed box.
    O,
    /// A tall single stroke.
    L,
    /// An arch: two strokes joined at the top.
    N,
    /// A box open at the lower right, with a middle bar.
    E,
    /// A box with a descender.
    P,
    /// A tall stroke with a cross bar.
    T,
    /// Three strokes joined at the top, wider than the rest.
    M,
    /// A box open on the right.
    C,
    /// Capitals, shaped like H, T, L, E and O.
    CapH,
    CapT,
    CapL,
    CapE,
    CapO,
    /// Digits, shaped like 0, 1, 2, 4 and 7.
    Zero,
    One,
    Two,
    Four,
    Seven,
}

const LOWER: [Shape; 8] = [
    Shape::O,
    Shape::L,
    Shape::N,
    Shape::E,
    Shape::P,
    Shape::T,
    Shape::M,
    Shape::C,
];

const CAPITALS: [Shape; 5] = [
    Shape::CapH,
    Shape::CapT,
    Shape::CapL,
    Shape::CapE,
    Shape::CapO,
];

const DIGITS: [Shape; 5] = [
    Shape::Zero,
    Shape::One,
    Shape::Two,
    Shape::Four,
    Shape::Seven,
];

fn pick(rng: &mut Rng, shapes: &[Shape]) -> Shape {
    shapes[rng.below(shapes.len() as u32) as usize]
}

/// One glyph laid out: its shape, body width and sub-pixel phase (which sets the grey
/// levels of its left and right fringes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    shape: Shape,
    width: i32,
    phase: u8,
}

/// A word of `len` letters, capitalised when `capital`.
pub(crate) fn word(rng: &mut Rng, style: &TextStyle, len: u32, capital: bool) -> Vec<Glyph> {
    (0..len)
        .map(|i| {
            let shape = if capital && i == 0 {
                pick(rng, &CAPITALS)
            } else {
                pick(rng, &LOWER)
            };
            glyph(rng, style, shape)
        })
        .collect()
}

/// `len` digit-like glyphs (a clock, a count).
pub(crate) fn digits(rng: &mut Rng, style: &TextStyle, len: u32) -> Vec<Glyph> {
    (0..len)
        .map(|_| {
            let shape = pick(rng, &DIGITS);
            glyph(rng, style, shape)
        })
        .collect()
}

fn glyph(rng: &mut Rng, style: &TextStyle, shape: Shape) -> Glyph {
    let span = (style.max_width - style.min_width).max(0) as u32;
    let mut width = style.min_width + rng.below(span + 1) as i32;
    match shape {
        Shape::L | Shape::T => width = style.stroke * 2 + style.stroke / 2 + 1,
        Shape::M => width = width * 3 / 2,
        Shape::CapH | Shape::CapT | Shape::CapE | Shape::CapO => width += style.stroke,
        _ => {}
    }
    Glyph {
        shape,
        width: width.max(1),
        phase: rng.below(3) as u8,
    }
}

/// Width in pixels of a run of glyphs set together.
pub(crate) fn run_width(glyphs: &[Glyph], style: &TextStyle) -> i32 {
    let bodies: i32 = glyphs.iter().map(|g| g.width).sum();
    bodies + style.letter_gap * (glyphs.len() as i32 - 1).max(0)
}

/// Draws a run of glyphs starting at `x` on `baseline`; returns the x after the run.
pub(crate) fn draw_run(
    canvas: &mut Canvas<'_>,
    x: i32,
    baseline: i32,
    glyphs: &[Glyph],
    style: &TextStyle,
) -> i32 {
    let mut x = x;
    let mut mask = Vec::new();
    for g in glyphs {
        let (w, top) = rasterize(g, style, &mut mask);
        canvas.blend_mask(x - 1, baseline - top - 1, w, &mask, style.color);
        x += g.width + style.letter_gap;
    }
    x - style.letter_gap
}

/// Draws a run of glyphs centred on `centre` (a badge's digit, an avatar's initial).
pub(crate) fn draw_run_centred(
    canvas: &mut Canvas<'_>,
    (cx, cy): (i32, i32),
    glyphs: &[Glyph],
    style: &TextStyle,
) {
    let width = run_width(glyphs, style);
    draw_run(canvas, cx - width / 2, cy + style.ascent / 2, glyphs, style);
}

/// Lays out words of 2 to 9 letters from `rng` until `max_width` is used up or
/// `max_words` are set. The first word is capitalised when `capitalize`.
pub(crate) fn layout_words(
    rng: &mut Rng,
    style: &TextStyle,
    max_width: i32,
    max_words: u32,
    capitalize: bool,
) -> Vec<Vec<Glyph>> {
    let mut words = Vec::new();
    let mut used = 0;
    for i in 0..max_words {
        let len = 2 + rng.below(8);
        let w = word(rng, style, len, capitalize && i == 0);
        let gap = if words.is_empty() { 0 } else { style.word_gap };
        let width = run_width(&w, style);
        if used + gap + width > max_width {
            break;
        }
        used += gap + width;
        words.push(w);
    }
    words
}

/// Width in pixels of laid-out words.
pub(crate) fn words_width(words: &[Vec<Glyph>], style: &TextStyle) -> i32 {
    let bodies: i32 = words.iter().map(|w| run_width(w, style)).sum();
    bodies + style.word_gap * (words.len() as i32 - 1).max(0)
}

/// Draws laid-out words from `x` on `baseline`; returns the x after the last word.
pub(crate) fn draw_words(
    canvas: &mut Canvas<'_>,
    (x, baseline): (i32, i32),
    words: &[Vec<Glyph>],
    style: &TextStyle,
) -> i32 {
    let mut pen = x;
    let mut end = x;
    for w in words {
        end = draw_run(canvas, pen, baseline, w, style);
        pen = end + style.word_gap;
    }
    end
}

/// A clock face, `hh:mm`, in digit-like glyphs.
#[derive(Debug, Clone)]
pub(crate) struct Clock {
    hours: Vec<Glyph>,
    minutes: Vec<Glyph>,
}

impl Clock {
    pub(crate) fn new(rng: &mut Rng, style: &TextStyle) -> Self {
        Self {
            hours: digits(rng, style, 2),
            minutes: digits(rng, style, 2),
        }
    }

    fn colon_width(style: &TextStyle) -> i32 {
        style.stroke.max(1) + 2 * style.letter_gap
    }

    pub(crate) fn width(&self, style: &TextStyle) -> i32 {
        run_width(&self.hours, style) + Self::colon_width(style) + run_width(&self.minutes, style)
    }

    /// Draws the clock from `x` on `baseline`; returns the x after it.
    pub(crate) fn draw(
        &self,
        canvas: &mut Canvas<'_>,
        (x, baseline): (i32, i32),
        style: &TextStyle,
    ) -> i32 {
        let x = draw_run(canvas, x, baseline, &self.hours, style) + style.letter_gap;
        let t = style.stroke.max(1);
        let upper = baseline - style.ascent * 2 / 3;
        let lower = baseline - style.ascent / 4;
        canvas.fill(Rect::new(x, upper - t / 2, t, t), style.color);
        canvas.fill(Rect::new(x, lower - t / 2, t, t), style.color);
        draw_run(
            canvas,
            x + t + style.letter_gap,
            baseline,
            &self.minutes,
            style,
        )
    }
}

/// Fills `mask` with the glyph's coverage; returns the mask width and the height of the
/// mask's top above the baseline (excluding the one-pixel fringe).
fn rasterize(g: &Glyph, style: &TextStyle, mask: &mut Vec<u8>) -> (i32, i32) {
    let t = style.stroke.max(1);
    let w = g.width;
    let asc = style.ascent;
    let base = asc; // local y of the baseline
    let xtop = asc - style.x_height;
    let desc = base + style.descent;
    let mid = (xtop + base) / 2 - t / 2;
    let cap_mid = base / 2 - t / 2;
    let stem = ((w - t) / 2, 0, (w - t) / 2 + t, base);
    // Strokes as (x0, y0, x1, y1) in body coordinates, y from the ascender line down.
    let mut strokes: Vec<(i32, i32, i32, i32)> = Vec::with_capacity(5);
    let left = |y0: i32, y1: i32| (0, y0, t, y1);
    let right = |y0: i32, y1: i32| (w - t, y0, w, y1);
    let bar = |y: i32| (0, y, w, y + t);
    match g.shape {
        Shape::O => strokes.extend([
            left(xtop, base),
            right(xtop, base),
            bar(xtop),
            bar(base - t),
        ]),
        Shape::L => strokes.push(((w - t) / 2, 0, (w - t) / 2 + t, base)),
        Shape::N => strokes.extend([left(xtop, base), right(xtop + t, base), bar(xtop)]),
        Shape::E => strokes.extend([
            left(xtop, base),
            right(xtop, mid + t),
            bar(xtop),
            bar(mid),
            bar(base - t),
        ]),
        Shape::P => strokes.extend([
            left(xtop, desc),
            right(xtop, base),
            bar(xtop),
            bar(base - t),
        ]),
        Shape::T => strokes.extend([
            ((w - t) / 2, t, (w - t) / 2 + t, base),
            (0, xtop, w, xtop + t),
        ]),
        Shape::M => strokes.extend([
            left(xtop, base),
            ((w - t) / 2, xtop, (w - t) / 2 + t, base),
            right(xtop, base),
            bar(xtop),
        ]),
        Shape::C => strokes.extend([left(xtop, base), bar(xtop), bar(base - t)]),
        Shape::CapH => strokes.extend([left(0, base), right(0, base), bar(cap_mid)]),
        Shape::CapT => strokes.extend([stem, bar(0)]),
        Shape::CapL => strokes.extend([left(0, base), bar(base - t)]),
        Shape::CapE => strokes.extend([left(0, base), bar(0), bar(cap_mid), bar(base - t)]),
        Shape::CapO | Shape::Zero => {
            strokes.extend([left(0, base), right(0, base), bar(0), bar(base - t)]);
        }
        Shape::One => strokes.extend([stem, ((w - t) / 2 - t, t, (w - t) / 2, 2 * t)]),
        Shape::Two => strokes.extend([
            bar(0),
            right(0, cap_mid + t),
            bar(cap_mid),
            left(cap_mid, base),
            bar(base - t),
        ]),
        Shape::Four => strokes.extend([left(0, cap_mid + t), right(0, base), bar(cap_mid)]),
        Shape::Seven => strokes.extend([bar(0), right(0, base)]),
    }

    // The mask has a one-pixel fringe on every side.
    let mw = w + 2;
    let mh = desc + 2;
    mask.clear();
    mask.resize((mw * mh) as usize, 0);
    for (x0, y0, x1, y1) in strokes {
        for y in y0.max(0)..y1.min(desc) {
            let row = ((y + 1) * mw) as usize;
            for x in x0.max(0)..x1.min(w) {
                mask[row + (x + 1) as usize] = 255;
            }
        }
    }
    // Anti-aliased fringe: the glyph sits at a sub-pixel offset, so its left and right
    // edges get partial coverage in complementary grey levels; tops and bottoms get a
    // light fringe.
    let (left_cov, right_cov) = match g.phase {
        0 => (64, 176),
        1 => (128, 128),
        _ => (176, 64),
    };
    for y in 0..mh {
        for x in 0..mw {
            let i = (y * mw + x) as usize;
            if mask[i] == 255 {
                continue;
            }
            let at = |dx: i32, dy: i32| {
                let (nx, ny) = (x + dx, y + dy);
                nx >= 0 && ny >= 0 && nx < mw && ny < mh && mask[(ny * mw + nx) as usize] == 255
            };
            let mut cov = 0u8;
            if at(1, 0) {
                cov = cov.max(left_cov);
            }
            if at(-1, 0) {
                cov = cov.max(right_cov);
            }
            if at(0, 1) || at(0, -1) {
                cov = cov.max(48);
            }
            mask[i] = cov;
        }
    }
    (mw, asc)
}
