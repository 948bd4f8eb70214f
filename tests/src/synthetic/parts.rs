//! The parts of the synthetic screens: status, app and navigation bars, list rows, the
//! conversation, the launcher and its icons, with their palette.

use super::canvas::{Canvas, Rect, Rgba};
use super::rng::Rng;
use super::text::{self, Clock, TextStyle};
use super::{
    AVATARS, DIVIDER, ICONS, LIST_ROW, Layout, PRIMARY, SEED_BUBBLE, SEED_ICON, SEED_ROW,
    SEED_STATUS, SEED_TITLE, SURFACE_VARIANT, Scale, TEXT, TEXT_SECONDARY, WALLPAPER_BOTTOM,
    WALLPAPER_TOP, WHITE,
};

pub(super) fn draw_status_bar(c: &mut Canvas<'_>, l: &Layout, background: Option<Rgba>, fg: Rgba) {
    let s = l.s;
    let r = l.status;
    if let Some(bg) = background {
        c.fill(r, bg);
    }
    let mut c = c.clipped(r);
    let mut rng = Rng::new(SEED_STATUS, 0);
    let style = TextStyle::scaled(s, 24, 30, 4, fg);
    let baseline = r.y0 + s.pos(50);
    let clock = Clock::new(&mut rng, &style);
    let mut x = clock.draw(&mut c, (s.pos(48), baseline), &style) + s.pos(28);
    // Two notification icons.
    for _ in 0..2 {
        let size = s.px(30);
        c.fill_rounded(Rect::new(x, baseline - size, size, size), s.px(7), fg, 255);
        x += size + s.pos(18);
    }

    // Battery, upright, at the right edge: outline, charge level and terminal.
    let (bw, bh) = (s.px(22), s.px(38));
    let bx = l.width - s.pos(48) - bw;
    let by = baseline - bh;
    let t = s.px(3);
    c.stroke_rect(Rect::new(bx, by, bw, bh), t, fg);
    let level = (bh - 2 * t) * 7 / 10;
    c.fill(Rect::new(bx, by + bh - t - level, bw, level), fg);
    c.fill(
        Rect::new(bx + bw / 4, by - s.px(4), bw - bw / 2, s.px(4)),
        fg,
    );

    // Wi-Fi: a quarter-circle fan pointing down.
    let radius = s.px(34);
    let wx = bx - s.pos(40) - radius;
    c.fill_fan(wx, baseline, radius, fg);

    // Signal: four bars of rising height.
    let bar_w = s.px(6);
    let gap = s.px(4);
    let mut sx = wx - radius - s.pos(24) - 4 * (bar_w + gap);
    for i in 1..=4 {
        let h = s.px(34) * i / 4;
        c.fill(Rect::new(sx, baseline - h, bar_w, h), fg);
        sx += bar_w + gap;
    }
}

/// The app bar: menu button, title (seeded by `title_seed`), search and overflow buttons.
pub(super) fn draw_app_bar(c: &mut Canvas<'_>, l: &Layout, title_seed: u64) {
    let s = l.s;
    let r = l.app_bar;
    c.fill(r, PRIMARY);
    let mut c = c.clipped(r);
    let cy = r.y0 + r.height() / 2;

    // Menu: three bars.
    let (mw, mt, pitch) = (s.px(44), s.px(5), s.px(14));
    for i in -1..=1 {
        c.fill(Rect::new(s.pos(48), cy + i * pitch - mt / 2, mw, mt), WHITE);
    }

    let style = TextStyle::scaled(s, 30, 42, 5, WHITE);
    let mut rng = Rng::new(SEED_TITLE, title_seed);
    let max_words = 1 + rng.below(3);
    let words = text::layout_words(
        &mut rng,
        &style,
        l.width - s.pos(156 + 220),
        max_words,
        true,
    );
    text::draw_words(
        &mut c,
        (s.pos(156), cy + style.x_height / 2),
        &words,
        &style,
    );

    // Search: a ring with a handle.
    let (sx, ring) = (l.width - s.pos(160), s.px(17));
    c.fill_ring(sx, cy - s.pos(4), ring, ring - s.px(5), WHITE, 255);
    let t = s.px(5);
    for i in 0..s.px(12) {
        c.fill(
            Rect::new(
                sx + ring * 2 / 3 + i,
                cy - s.pos(4) + ring * 2 / 3 + i,
                t,
                t,
            ),
            WHITE,
        );
    }

    // Overflow: three dots.
    for i in -1..=1 {
        c.fill_circle(l.width - s.pos(56), cy + i * s.pos(16), s.px(5), WHITE);
    }
}

/// The navigation bar's three softkeys: Back, Home, Recents.
pub(super) fn draw_nav_bar(c: &mut Canvas<'_>, l: &Layout, background: Option<Rgba>, fg: Rgba) {
    let s = l.s;
    let r = l.nav;
    if let Some(bg) = background {
        c.fill(r, bg);
    }
    let mut c = c.clipped(r);
    let cx = l.width / 2;
    let cy = r.y0 + r.height() / 2;
    let size = s.px(40);
    c.fill_left_triangle(cx - s.pos(300) - size / 2, cy, size * 7 / 8, size, fg);
    c.fill_ring(
        cx,
        cy,
        size / 2 + s.px(2),
        size / 2 + s.px(2) - s.px(5),
        fg,
        255,
    );
    c.stroke_rect(
        Rect::new(
            cx + s.pos(300) - size * 2 / 5,
            cy - size * 2 / 5,
            size * 4 / 5,
            size * 4 / 5,
        ),
        s.px(5),
        fg,
    );
}

/// One list row whose top is at screen row `y`; `index` seeds its content.
pub(super) fn draw_list_row(c: &mut Canvas<'_>, l: &Layout, y: i32, index: u64) {
    let s = l.s;
    let mut rng = Rng::new(SEED_ROW, index);

    // Avatar: a disc or a rounded square with a capital letter.
    let color = AVATARS[rng.below(AVATARS.len() as u32) as usize];
    let (ax, ay, ar) = (s.pos(100), y + s.pos(80), s.px(52));
    if rng.chance(70) {
        c.fill_circle(ax, ay, ar, color);
    } else {
        c.fill_rounded(
            Rect::new(ax - ar, ay - ar, 2 * ar, 2 * ar),
            s.px(20),
            color,
            255,
        );
    }
    let initial_style = TextStyle::scaled(s, 30, 44, 7, WHITE);
    let initial = text::word(&mut rng, &initial_style, 1, true);
    text::draw_run_centred(c, (ax, ay), &initial, &initial_style);

    let x = s.pos(184);
    let right = l.width - s.pos(48);

    // Title and, at the right, the time of the last message.
    let title = TextStyle::scaled(s, 22, 32, 4, TEXT);
    let small = TextStyle::scaled(s, 17, 24, 3, TEXT_SECONDARY);
    let title_base = y + s.pos(68);
    let clock = Clock::new(&mut rng, &small);
    clock.draw(c, (right - clock.width(&small), title_base), &small);
    let max_words = 2 + rng.below(3);
    let words = text::layout_words(&mut rng, &title, right - x - s.pos(180), max_words, true);
    text::draw_words(c, (x, title_base), &words, &title);

    // Detail line, shortened when an unread badge sits at its right.
    let detail = TextStyle::scaled(s, 18, 27, 3, TEXT_SECONDARY);
    let detail_base = y + s.pos(118);
    let badge = rng.chance(30);
    let detail_end = if badge { right - s.pos(72) } else { right };
    let max_words = 3 + rng.below(6);
    let words = text::layout_words(&mut rng, &detail, detail_end - x, max_words, true);
    text::draw_words(c, (x, detail_base), &words, &detail);
    if badge {
        let (bx, by, br) = (
            right - s.pos(20),
            detail_base - detail.x_height / 2,
            s.px(20),
        );
        c.fill_circle(bx, by, br, PRIMARY);
        let digit_style = TextStyle::scaled(s, 16, 20, 3, WHITE);
        let count = text::digits(&mut rng, &digit_style, 1);
        text::draw_run_centred(c, (bx, by), &count, &digit_style);
    }

    // Divider under the text, from the text's left edge.
    let t = s.px(2);
    c.fill(
        Rect::new(x, y + s.px(LIST_ROW) - t, l.width - x, t),
        DIVIDER,
    );
}

/// A conversation: message bubbles above a compose bar with a text field and a send
/// button. Returns where the caret goes.
pub(super) fn draw_conversation(c: &mut Canvas<'_>, l: &Layout) -> Rect {
    let s = l.s;
    let body = TextStyle::scaled(s, 22, 32, 4, TEXT);
    let on_primary = TextStyle {
        color: WHITE,
        ..body
    };

    // Compose bar at the bottom of the content area.
    let compose_h = s.px(150).min(l.list.height());
    let compose = Rect::new(0, l.list.y1 - compose_h, l.width, compose_h);
    c.fill(Rect::new(0, compose.y0, l.width, s.px(2)), DIVIDER);
    let field = Rect::new(
        s.pos(32),
        compose.y0 + s.pos(24),
        l.width - s.pos(32 + 150),
        compose_h - s.pos(48),
    );
    c.fill_rounded(field, field.height() / 2, SURFACE_VARIANT, 255);
    let field_cy = field.y0 + field.height() / 2;
    let mut rng = Rng::new(SEED_BUBBLE, u64::MAX);
    let typed = text::layout_words(&mut rng, &body, field.width() * 2 / 3, 3, true);
    let end = text::draw_words(
        c,
        (field.x0 + s.pos(40), field_cy + body.x_height / 2),
        &typed,
        &body,
    );
    let send_x = l.width - s.pos(84);
    c.fill_circle(send_x, field_cy, s.px(48), PRIMARY);
    c.fill_left_triangle(send_x - s.px(16), field_cy, s.px(32), s.px(32), WHITE);
    let caret_h = s.px(60);
    let caret = Rect::new(end + s.px(6), field_cy - caret_h / 2, s.px(4), caret_h);

    // Bubbles from the top down, while they fit above the compose bar.
    let mut c = c.clipped(Rect::new(0, l.list.y0, l.width, compose.y0 - l.list.y0));
    let line_h = s.px(56);
    let pad = s.px(32);
    let mut y = l.list.y0 + s.pos(32);
    for i in 0.. {
        let mut rng = Rng::new(SEED_BUBBLE, i);
        let outgoing = rng.chance(45);
        let lines: Vec<_> = (0..1 + rng.below(2))
            .map(|_| {
                let max_words = 2 + rng.below(6);
                text::layout_words(&mut rng, &body, l.width * 3 / 5, max_words, false)
            })
            .collect();
        let text_w = lines
            .iter()
            .map(|w| text::words_width(w, &body))
            .max()
            .unwrap_or(0);
        let h = lines.len() as i32 * line_h + 2 * pad - s.pos(24);
        if y + h > compose.y0 - s.pos(16) {
            break;
        }
        let w = text_w + 2 * pad;
        let x = if outgoing {
            l.width - s.pos(32) - w
        } else {
            s.pos(32)
        };
        let (bg, style) = if outgoing {
            (PRIMARY, &on_primary)
        } else {
            (SURFACE_VARIANT, &body)
        };
        c.fill_rounded(Rect::new(x, y, w, h), s.px(36), bg, 255);
        for (n, words) in lines.iter().enumerate() {
            let baseline = y + pad - s.pos(12) + n as i32 * line_h + style.ascent;
            text::draw_words(&mut c, (x + pad, baseline), words, style);
        }
        y += h + s.pos(20);
    }
    caret
}

/// The launcher: gradient wallpaper, status bar, clock widget, icon grid, search pill,
/// dock and a see-through navigation bar.
pub(super) fn draw_launcher(c: &mut Canvas<'_>, l: &Layout) {
    let s = l.s;
    // Wallpaper: one color per row, top to bottom.
    let lerp = |a: u8, b: u8, t: i32, n: i32| {
        (i32::from(a) + (i32::from(b) - i32::from(a)) * t / n.max(1)) as u8
    };
    for y in 0..l.height {
        let color = [
            lerp(WALLPAPER_TOP[0], WALLPAPER_BOTTOM[0], y, l.height),
            lerp(WALLPAPER_TOP[1], WALLPAPER_BOTTOM[1], y, l.height),
            lerp(WALLPAPER_TOP[2], WALLPAPER_BOTTOM[2], y, l.height),
            255,
        ];
        c.fill(Rect::new(0, y, l.width, 1), color);
    }
    draw_status_bar(c, l, None, WHITE);

    // Clock widget and date.
    let mut rng = Rng::new(SEED_ICON, u64::MAX);
    let big = TextStyle::scaled(s, 110, 140, 16, WHITE);
    let clock = Clock::new(&mut rng, &big);
    clock.draw(c, (s.pos(80), s.pos(360)), &big);
    let date = TextStyle::scaled(s, 22, 32, 4, [220, 220, 235, 255]);
    let words = text::layout_words(&mut rng, &date, l.width / 2, 3, true);
    text::draw_words(c, (s.pos(84), s.pos(440)), &words, &date);

    // Dock and search pill above the navigation bar.
    let dock = Rect::new(
        s.pos(32),
        l.nav.y0 - s.pos(230),
        l.width - s.pos(64),
        s.px(200),
    );
    let pill = Rect::new(
        s.pos(48),
        dock.y0 - s.pos(150),
        l.width - s.pos(96),
        s.px(110),
    );
    c.fill_rounded(dock, s.px(56), WHITE, 40);
    c.fill_rounded(pill, pill.height() / 2, WHITE, 48);
    let pill_cy = pill.y0 + pill.height() / 2;
    c.fill_ring(
        pill.x0 + s.pos(72),
        pill_cy,
        s.px(24),
        s.px(24) - s.px(7),
        ICONS[3],
        255,
    );
    c.fill_rounded(
        Rect::new(pill.x1 - s.pos(86), pill_cy - s.pos(24), s.px(22), s.px(48)),
        s.px(11),
        WHITE,
        255,
    );

    // Icon grid: four columns, as many rows of four as fit above the search pill.
    let label = TextStyle::scaled(s, 18, 26, 3, WHITE);
    let icon = s.px(150);
    let col_w = l.width / 4;
    let mut n = 0u64;
    let mut row_y = s.pos(600);
    while row_y + icon + s.pos(70) < pill.y0 - s.pos(40) {
        for col in 0..4 {
            let cx = col * col_w + col_w / 2;
            draw_app_icon(c, s, cx, row_y, icon, n, Some(&label));
            n += 1;
        }
        row_y += s.pos(300);
    }
    let dock_icon = s.px(130);
    for col in 0..4 {
        let cx = col * col_w + col_w / 2;
        let top = dock.y0 + (dock.height() - dock_icon) / 2;
        draw_app_icon(c, s, cx, top, dock_icon, 100 + col as u64, None);
    }

    draw_nav_bar(c, l, None, WHITE);
}

/// One launcher icon of `size` centred on `cx` with its top at `top`, seeded by `index`,
/// with its label below when `label` is given.
pub(super) fn draw_app_icon(
    c: &mut Canvas<'_>,
    s: Scale,
    cx: i32,
    top: i32,
    size: i32,
    index: u64,
    label: Option<&TextStyle>,
) {
    let mut rng = Rng::new(SEED_ICON, index);
    let color = ICONS[rng.below(ICONS.len() as u32) as usize];
    let half = size / 2;
    let cy = top + half;
    let r = Rect::new(cx - half, top, size, size);
    if rng.chance(50) {
        c.fill_circle(cx, cy, half, color);
    } else {
        c.fill_rounded(r, size * 4 / 15, color, 255);
    }
    // A white symbol inside: a ring, a rounded square or a bar.
    let sym = size / 4;
    match rng.below(3) {
        0 => c.fill_ring(cx, cy, sym, sym - s.px(10).min(sym), WHITE, 255),
        1 => c.fill_rounded(
            Rect::new(cx - sym, cy - sym, 2 * sym, 2 * sym),
            sym / 3,
            WHITE,
            230,
        ),
        _ => c.fill(Rect::new(cx - sym, cy - s.px(8), 2 * sym, s.px(16)), WHITE),
    }
    if let Some(style) = label {
        let words = text::layout_words(&mut rng, style, size + s.pos(80), 1, true);
        let w = text::words_width(&words, style);
        text::draw_words(c, (cx - w / 2, top + size + s.pos(60)), &words, style);
    }
}
