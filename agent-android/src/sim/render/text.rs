//! Text: the bundled Roboto faces, a cache of rasterized glyphs, measuring and wrapping.
//!
//! A glyph is rasterized once per (face, character, size) and then blended from the cache at
//! whole-pixel positions, so the same text always gives the same pixels wherever it is drawn.

use std::collections::HashMap;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};

use super::canvas::Mask;

static ROBOTO_REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/Roboto-Regular.ttf");
static ROBOTO_MEDIUM: &[u8] = include_bytes!("../../../../assets/fonts/Roboto-Medium.ttf");

/// Roboto weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Weight {
    Regular,
    Medium,
}

/// Size (em, in pixels) and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextStyle {
    pub(crate) size: f32,
    pub(crate) weight: Weight,
}

impl TextStyle {
    pub(crate) fn regular(size: f32) -> Self {
        Self {
            size,
            weight: Weight::Regular,
        }
    }

    pub(crate) fn medium(size: f32) -> Self {
        Self {
            size,
            weight: Weight::Medium,
        }
    }

    /// Distance from the top of a line box to its baseline (Roboto's ascent, ≈ 0.93 em).
    pub(crate) fn ascent(&self) -> i32 {
        (self.size * 0.93).round() as i32
    }

    /// A comfortable line height (≈ 1.35 em).
    pub(crate) fn line_height(&self) -> i32 {
        (self.size * 1.35).round() as i32
    }

    /// Height of capital letters (≈ 0.71 em), for centring a line vertically.
    pub(crate) fn cap_height(&self) -> i32 {
        (self.size * 0.711).round() as i32
    }

    fn key(&self) -> u32 {
        (self.size * 4.0).round().clamp(0.0, 1_000_000.0) as u32
    }
}

/// A rasterized glyph.
#[derive(Debug, Clone, Default)]
pub(crate) struct Glyph {
    pub(crate) mask: Mask,
    /// Offset of the mask's left edge from the pen position.
    pub(crate) left: i32,
    /// Offset of the mask's top edge from the baseline (negative: above).
    pub(crate) top: i32,
    /// Pen advance in pixels.
    pub(crate) advance: f32,
}

/// The faces and the glyph cache.
#[derive(Debug)]
pub(crate) struct TextCache {
    regular: Option<FontRef<'static>>,
    medium: Option<FontRef<'static>>,
    glyphs: HashMap<(Weight, char, u32), Glyph>,
    empty: Glyph,
}

impl Default for TextCache {
    fn default() -> Self {
        Self::new()
    }
}

impl TextCache {
    /// Parses the bundled faces. They are checked by a test; should one ever fail to parse,
    /// text is simply not drawn (and measures zero) instead of bringing the phone down.
    pub(crate) fn new() -> Self {
        Self {
            regular: FontRef::try_from_slice(ROBOTO_REGULAR).ok(),
            medium: FontRef::try_from_slice(ROBOTO_MEDIUM).ok(),
            glyphs: HashMap::new(),
            empty: Glyph::default(),
        }
    }

    /// The glyph for `ch`, rasterized on first use.
    pub(crate) fn glyph(&mut self, style: TextStyle, ch: char) -> &Glyph {
        let key = (style.weight, ch, style.key());
        let face = match style.weight {
            Weight::Regular => self.regular.as_ref(),
            Weight::Medium => self.medium.as_ref().or(self.regular.as_ref()),
        };
        let Some(face) = face else {
            return &self.empty;
        };
        self.glyphs
            .entry(key)
            .or_insert_with(|| rasterize(face, style.size, ch))
    }

    /// Width of `text` in whole pixels, exactly as [`layout`](Self::layout) places it.
    pub(crate) fn measure(&mut self, text: &str, style: TextStyle) -> i32 {
        let mut pen = 0.0f32;
        for ch in text.chars() {
            pen += self.glyph(style, ch).advance;
        }
        pen.round() as i32
    }

    /// Calls `place(glyph, x)` for each character, `x` being the pen position relative to the
    /// start of the line.
    pub(crate) fn layout(
        &mut self,
        text: &str,
        style: TextStyle,
        mut place: impl FnMut(&Glyph, i32),
    ) {
        let mut pen = 0.0f32;
        for ch in text.chars() {
            let g = self.glyph(style, ch);
            place(g, pen.round() as i32);
            pen += g.advance;
        }
    }

    /// `text` cut with an ellipsis so that it is at most `max_w` pixels wide.
    pub(crate) fn ellipsize(&mut self, text: &str, style: TextStyle, max_w: i32) -> String {
        if self.measure(text, style) <= max_w {
            return text.to_owned();
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let candidate: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
            if self.measure(&candidate, style) <= max_w {
                return candidate;
            }
        }
        String::new()
    }

    /// The last characters of `text` that fit in `max_w` (a one-line field scrolled to its
    /// end, where the caret is).
    pub(crate) fn tail_that_fits<'t>(
        &mut self,
        text: &'t str,
        style: TextStyle,
        max_w: i32,
    ) -> &'t str {
        let mut start = text.len();
        let mut width = 0.0f32;
        for (i, ch) in text.char_indices().rev() {
            width += self.glyph(style, ch).advance;
            if width.round() as i32 > max_w {
                break;
            }
            start = i;
        }
        &text[start..]
    }

    /// `text` wrapped to `max_w` on at most `max_lines` lines, the last shortened with "…"
    /// when the rest does not fit on it.
    pub(crate) fn wrap_at_most(
        &mut self,
        text: &str,
        style: TextStyle,
        max_w: i32,
        max_lines: usize,
    ) -> Vec<String> {
        let mut lines = self.wrap(text, style, max_w);
        if max_lines > 0 && lines.len() > max_lines {
            let rest = lines.split_off(max_lines - 1).join(" ");
            lines.push(self.ellipsize(&rest, style, max_w));
        }
        lines
    }

    /// Breaks `text` into lines of at most `max_w` pixels, at spaces where it can and inside
    /// words that are longer than a line. Explicit newlines are kept.
    pub(crate) fn wrap(&mut self, text: &str, style: TextStyle, max_w: i32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ') {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.measure(&candidate, style) <= max_w {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // The word alone: split it if it is wider than a line.
                for ch in word.chars() {
                    let mut next = line.clone();
                    next.push(ch);
                    if !line.is_empty() && self.measure(&next, style) > max_w {
                        lines.push(std::mem::take(&mut line));
                        line.push(ch);
                    } else {
                        line = next;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

fn rasterize(face: &FontRef<'static>, size: f32, ch: char) -> Glyph {
    let units = face.units_per_em().unwrap_or(2048.0);
    let scale = PxScale::from(size * face.height_unscaled() / units);
    let scaled = face.as_scaled(scale);
    let id = face.glyph_id(ch);
    let advance = scaled.h_advance(id);
    let glyph = id.with_scale_and_position(scale, point(0.0, 0.0));
    let Some(outline) = face.outline_glyph(glyph) else {
        // Spaces and other blank glyphs: advance only.
        return Glyph {
            advance,
            ..Glyph::default()
        };
    };
    let bounds = outline.px_bounds();
    let w = bounds.width().max(0.0) as i32;
    let h = bounds.height().max(0.0) as i32;
    let mut data = vec![0u8; (w * h).max(0) as usize];
    outline.draw(|x, y, c| {
        let i = (y as i32 * w + x as i32) as usize;
        if let Some(px) = data.get_mut(i) {
            *px = (c.clamp(0.0, 1.0) * 255.0).round() as u8;
        }
    });
    Glyph {
        mask: Mask { w, h, data },
        left: bounds.min.x as i32,
        top: bounds.min.y as i32,
        advance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_parse_and_draw() {
        let mut cache = TextCache::new();
        assert!(cache.regular.is_some() && cache.medium.is_some());
        let g = cache.glyph(TextStyle::regular(42.0), 'H').clone();
        assert!(g.mask.w > 10 && g.mask.h > 20, "{:?}", (g.mask.w, g.mask.h));
        assert!(g.top < 0, "H sits above the baseline");
        assert!(g.mask.data.contains(&255));
        let medium = cache.glyph(TextStyle::medium(42.0), 'H').clone();
        assert_ne!(g.mask.data, medium.mask.data);
    }

    #[test]
    fn measure_wrap_and_ellipsize() {
        let mut cache = TextCache::new();
        let style = TextStyle::regular(40.0);
        let w = cache.measure("Settings", style);
        assert!(w > 100 && w < 250, "{w}");
        assert_eq!(cache.measure("", style), 0);
        let lines = cache.wrap("one two three four five six", style, w);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| cache.measure(l, style) <= w));
        let two = cache.wrap_at_most("one two three four five six", style, w, 2);
        assert_eq!(two.len(), 2);
        assert!(two[1].ends_with('…') && cache.measure(&two[1], style) <= w);
        assert_eq!(
            cache.wrap_at_most("one two", style, 1000, 2),
            vec!["one two".to_owned()]
        );
        let long = cache.ellipsize("A rather long line of text", style, w);
        assert!(long.ends_with('…') && cache.measure(&long, style) <= w);
        assert_eq!(cache.tail_that_fits("abcdef", style, 0), "");
        assert_eq!(cache.tail_that_fits("abc", style, 1000), "abc");
    }
}
