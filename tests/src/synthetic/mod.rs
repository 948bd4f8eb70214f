//! Deterministic synthetic phone screens, for benchmarks and end-to-end tests.
//!
//! [`PhoneScreen`] draws what a 1080×2400 Android phone shows in three situations that
//! stress a screen codec differently:
//!
//! - [`PhoneScreen::render_list`]: a light-themed app with a status bar, an app bar and a
//!   long list of rows (avatar, title, detail text, time, unread badge, dividers) scrolled
//!   by a number of pixels; consecutive offsets shift the list region exactly;
//! - [`PhoneScreen::render_with_caret`]: a conversation with a text field whose caret
//!   blinks; the two states differ only in the caret;
//! - [`PhoneScreen::render_launcher`]: a dark launcher with a wallpaper gradient, a clock,
//!   a grid of colourful app icons and a dock, for app switching.
//!
//! Text is drawn as stroke glyphs with anti-aliased fringes (see `text`), so it compresses
//! roughly like rendered text; the bars, rows, conversation and launcher are drawn in
//! `parts`. Everything is a pure function of the screen size and the arguments: the same
//! call draws the same pixels on every machine. Layout sizes are given for a 1080-px-wide
//! screen and scale with the width, so small screens (tests) look alike.

mod canvas;
mod parts;
mod rng;
mod text;

use canvas::{Canvas, Rect, Rgba};
use lifeline_protocol::video::{ImageError, RgbaImage};
use parts::{
    draw_app_bar, draw_conversation, draw_launcher, draw_list_row, draw_nav_bar, draw_status_bar,
};

/// Width of the default synthetic phone, in pixels.
pub const PHONE_WIDTH: u32 = 1080;
/// Height of the default synthetic phone, in pixels.
pub const PHONE_HEIGHT: u32 = 2400;

/// Width the layout's sizes are given for.
const DESIGN_WIDTH: i32 = 1080;
/// Height of the status bar, the app bar, the navigation bar and one list row, at
/// [`DESIGN_WIDTH`].
const STATUS_BAR: i32 = 72;
const APP_BAR: i32 = 160;
const NAV_BAR: i32 = 132;
const LIST_ROW: i32 = 160;

const WHITE: Rgba = [255, 255, 255, 255];
const TEXT: Rgba = [32, 33, 36, 255];
const TEXT_SECONDARY: Rgba = [95, 99, 104, 255];
const DIVIDER: Rgba = [224, 224, 224, 255];
const PRIMARY: Rgba = [26, 115, 232, 255];
const PRIMARY_DARK: Rgba = [21, 92, 186, 255];
const SURFACE_VARIANT: Rgba = [241, 243, 244, 255];
const NAV_BACKGROUND: Rgba = [248, 249, 250, 255];
const NAV_ICON: Rgba = [60, 64, 67, 255];
const WALLPAPER_TOP: Rgba = [18, 22, 44, 255];
const WALLPAPER_BOTTOM: Rgba = [58, 30, 82, 255];
const AVATARS: [Rgba; 8] = [
    [219, 68, 55, 255],
    [244, 160, 0, 255],
    [15, 157, 88, 255],
    [66, 133, 244, 255],
    [171, 71, 188, 255],
    [0, 172, 193, 255],
    [255, 112, 67, 255],
    [124, 179, 66, 255],
];
const ICONS: [Rgba; 10] = [
    [234, 67, 53, 255],
    [251, 188, 4, 255],
    [52, 168, 83, 255],
    [66, 133, 244, 255],
    [156, 39, 176, 255],
    [0, 188, 212, 255],
    [255, 87, 34, 255],
    [233, 30, 99, 255],
    [63, 81, 181, 255],
    [0, 150, 136, 255],
];

/// Seed domains, one per kind of generated content.
const SEED_ROW: u64 = 0x524f_5753;
const SEED_TITLE: u64 = 0x5449_544c;
const SEED_STATUS: u64 = 0x5354_4154;
const SEED_BUBBLE: u64 = 0x4255_4242;
const SEED_ICON: u64 = 0x4943_4f4e;

/// The status bar: clock and notification icons on the left; signal, Wi-Fi and battery on
/// the right. `background` of `None` draws it over what is there (the launcher).
/// Converts layout sizes given for a 1080-px-wide screen into this screen's pixels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    width: i32,
}

impl Scale {
    /// A position or distance, rounded; may be 0.
    pub(crate) fn pos(self, v: i32) -> i32 {
        (v * self.width + DESIGN_WIDTH / 2) / DESIGN_WIDTH
    }

    /// A size that must stay visible: at least one pixel when `v > 0`.
    pub(crate) fn px(self, v: i32) -> i32 {
        if v <= 0 { 0 } else { self.pos(v).max(1) }
    }
}

/// Where the fixed parts of the screen are.
#[derive(Debug, Clone, Copy)]
struct Layout {
    s: Scale,
    width: i32,
    height: i32,
    status: Rect,
    app_bar: Rect,
    list: Rect,
    nav: Rect,
}

impl Layout {
    fn new(width: u32, height: u32) -> Self {
        // Both sides are at most 8192 (RgbaImage's limit), so they fit in i32.
        let (w, h) = (width as i32, height as i32);
        let s = Scale { width: w };
        let status_end = s.px(STATUS_BAR).min(h);
        let app_end = (status_end + s.px(APP_BAR)).min(h);
        let nav_start = (h - s.px(NAV_BAR)).max(app_end);
        Self {
            s,
            width: w,
            height: h,
            status: Rect::new(0, 0, w, status_end),
            app_bar: Rect::new(0, status_end, w, app_end - status_end),
            list: Rect::new(0, app_end, w, nav_start - app_end),
            nav: Rect::new(0, nav_start, w, h - nav_start),
        }
    }
}

/// A deterministic synthetic phone screen of a given size.
///
/// The fixed parts of each screen are drawn once by [`PhoneScreen::new`]; the `render_*`
/// calls copy them and draw what changes.
#[derive(Debug, Clone)]
pub struct PhoneScreen {
    layout: Layout,
    /// The list app without its rows.
    list_base: RgbaImage,
    /// The conversation with the caret hidden.
    caret_base: RgbaImage,
    /// Where the caret goes.
    caret: Rect,
    launcher: RgbaImage,
}

impl PhoneScreen {
    /// A phone screen of `width`×`height` pixels; fails on sizes [`RgbaImage`] rejects.
    pub fn new(width: u32, height: u32) -> Result<Self, ImageError> {
        let blank = RgbaImage::filled(width, height, WHITE)?;
        let layout = Layout::new(width, height);

        let mut list_base = blank.clone();
        {
            let mut c = Canvas::new(&mut list_base);
            draw_status_bar(&mut c, &layout, Some(PRIMARY_DARK), WHITE);
            draw_app_bar(&mut c, &layout, 1);
            draw_nav_bar(&mut c, &layout, Some(NAV_BACKGROUND), NAV_ICON);
        }

        let mut caret_base = blank.clone();
        let caret = {
            let mut c = Canvas::new(&mut caret_base);
            draw_status_bar(&mut c, &layout, Some(PRIMARY_DARK), WHITE);
            draw_app_bar(&mut c, &layout, 2);
            draw_nav_bar(&mut c, &layout, Some(NAV_BACKGROUND), NAV_ICON);
            draw_conversation(&mut c, &layout)
        };

        let mut launcher = blank;
        draw_launcher(&mut Canvas::new(&mut launcher), &layout);

        Ok(Self {
            layout,
            list_base,
            caret_base,
            caret,
            launcher,
        })
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.layout.width as u32
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.layout.height as u32
    }

    /// The screen rows `top..bottom` that the list of [`PhoneScreen::render_list`] occupies;
    /// everything outside them is the same at every scroll offset.
    pub fn list_rows(&self) -> std::ops::Range<u32> {
        self.layout.list.y0 as u32..self.layout.list.y1 as u32
    }

    /// Height of one list row in pixels (160 on a 1080-px-wide screen).
    pub fn list_row_height(&self) -> u32 {
        self.layout.s.px(LIST_ROW) as u32
    }

    /// The list app with its list scrolled down by `scroll_offset_px` pixels.
    ///
    /// Screen row `list_rows().start + y` of offset `o + d` equals screen row
    /// `list_rows().start + y + d` of offset `o`: scrolling moves the list and nothing else.
    pub fn render_list(&self, scroll_offset_px: u32) -> RgbaImage {
        let mut img = self.list_base.clone();
        let l = &self.layout;
        let row_h = l.s.px(LIST_ROW);
        let mut c = Canvas::new(&mut img);
        let mut c = c.clipped(l.list);
        let mut index = u64::from(scroll_offset_px) / row_h as u64;
        // The remainder is below row_h, which fits in i32.
        let mut y = l.list.y0 - (u64::from(scroll_offset_px) % row_h as u64) as i32;
        while y < l.list.y1 {
            draw_list_row(&mut c, l, y, index);
            y += row_h;
            index += 1;
        }
        img
    }

    /// The conversation screen, with the text field's 4-px-wide caret shown or not.
    pub fn render_with_caret(&self, caret_visible: bool) -> RgbaImage {
        let mut img = self.caret_base.clone();
        if caret_visible {
            Canvas::new(&mut img).fill(self.caret, PRIMARY);
        }
        img
    }

    /// The dark launcher: wallpaper, clock, app icon grid and dock.
    pub fn render_launcher(&self) -> RgbaImage {
        self.launcher.clone()
    }
}

#[cfg(test)]
mod tests;
