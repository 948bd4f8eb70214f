//! The consent dialog, drawn on the phone as Android draws a permission dialog: the screen
//! dimmed, a card with an icon, a title, the explanation, and Deny / Allow.

use lifeline_protocol::consent::Capability;
use lifeline_protocol::i18n::Localizer;

use super::geom::{Metrics, Rect};
use super::render::color::{rgba, with_alpha};
use super::render::icons::Icon;
use super::render::text::TextStyle;
use super::render::{Align, Canvas};
use super::ui::Target;
use crate::device::ConsentPrompt;

struct Layout {
    card: Rect,
    deny: Rect,
    allow: Rect,
    title_lines: Vec<String>,
    body_lines: Vec<String>,
}

fn icon_for(cap: Capability) -> Icon {
    match cap {
        Capability::ScreenView => Icon::ScreenShare,
        Capability::RemoteControl => Icon::Phone,
        Capability::Diagnostics => Icon::Info,
        Capability::LogFiles => Icon::Gallery,
    }
}

fn styles(m: &Metrics) -> (TextStyle, TextStyle, TextStyle) {
    (
        TextStyle::regular(m.sp(24.0)),
        TextStyle::regular(m.sp(15.0)),
        TextStyle::medium(m.sp(15.0)),
    )
}

fn layout(
    m: &Metrics,
    prompt: &ConsentPrompt,
    loc: Localizer,
    wrap: &mut dyn FnMut(&str, TextStyle, i32) -> Vec<String>,
) -> Layout {
    let (title, body, _) = styles(m);
    let w = (m.w - 2 * m.dp(24.0)).min(m.dp(400.0));
    let pad = m.dp(24.0);
    // Long titles (French, Spanish) wrap rather than run off the card.
    let title_lines = wrap(&prompt.title(loc), title, w - 2 * pad);
    let title_extra = title_lines.len().saturating_sub(1) as i32 * title.line_height();
    let body_lines = wrap(&prompt.body(loc), body, w - 2 * pad);
    let body_h = body_lines.len() as i32 * body.line_height();
    // icon, title, body, buttons
    let h = pad
        + m.dp(32.0)
        + m.dp(16.0)
        + m.dp(40.0)
        + title_extra
        + body_h
        + m.dp(24.0)
        + m.dp(44.0)
        + pad;
    let content = m.content();
    let card = Rect::new((m.w - w) / 2, content.y + (content.h - h) / 2, w, h);
    let bw = (w - 2 * pad - m.dp(8.0)) / 2;
    let by = card.bottom() - pad - m.dp(44.0);
    Layout {
        card,
        deny: Rect::new(card.x + pad, by, bw, m.dp(44.0)),
        allow: Rect::new(card.right() - pad - bw, by, bw, m.dp(44.0)),
        title_lines,
        body_lines,
    }
}

/// The buttons of the dialog showing `prompt`.
pub(crate) fn hits(
    m: &Metrics,
    prompt: &ConsentPrompt,
    loc: Localizer,
    wrap: &mut dyn FnMut(&str, TextStyle, i32) -> Vec<String>,
) -> Vec<(Target, Rect)> {
    let l = layout(m, prompt, loc, wrap);
    vec![(Target::DialogDeny, l.deny), (Target::DialogAllow, l.allow)]
}

/// Draws the dialog for `prompt` in the phone's language.
pub(crate) fn draw(c: &mut Canvas<'_>, prompt: &ConsentPrompt, loc: Localizer) {
    let m = c.m;
    let t = c.theme;
    let text_cache = &mut c.res.text;
    let l = layout(&m, prompt, loc, &mut |s, style, w| {
        text_cache.wrap(s, style, w)
    });
    c.rect(m.screen(), rgba(0, 0, 0, 128));
    let radius = m.dp(28.0);
    c.round_rect(l.card, radius, t.surface);
    let pad = m.dp(24.0);
    let (title, body, button) = styles(&m);
    let cx = l.card.x + l.card.w / 2;
    let mut y = l.card.y + pad;
    c.icon_at(
        icon_for(prompt.capability),
        cx,
        y + m.dp(16.0),
        m.dp(28.0),
        t.accent,
    );
    y += m.dp(32.0) + m.dp(16.0);
    for line in &l.title_lines {
        c.text(line, cx, y + title.ascent(), title, t.text, Align::Center);
        y += title.line_height();
    }
    y += m.dp(40.0) - title.line_height();
    for line in &l.body_lines {
        c.text(
            line,
            l.card.x + pad,
            y + body.ascent(),
            body,
            t.text_secondary,
            Align::Left,
        );
        y += body.line_height();
    }
    c.round_rect(l.deny, l.deny.h / 2, with_alpha(t.accent, 36));
    c.text_in(&prompt.deny_label(loc), l.deny, button, t.accent);
    c.round_rect(l.allow, l.allow.h / 2, t.accent);
    c.text_in(&prompt.allow_label(loc), l.allow, button, t.on_accent);
}
