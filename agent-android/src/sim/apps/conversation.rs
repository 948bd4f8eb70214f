//! A chat screen: bubbles above a one-line text field and a send button. The Messages app
//! and the Lifeline support chat both use it.

use crate::sim::geom::{Metrics, Rect};
use crate::sim::render::color::{WHITE, mix};
use crate::sim::render::icons::Icon;
use crate::sim::render::text::TextStyle;
use crate::sim::render::{Align, Canvas};
use crate::sim::ui::{ChatMessage, Target};

/// A conversation and its draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Conversation {
    /// Who is on the other side (the app bar title).
    pub(crate) contact: String,
    /// The letter in the contact's round avatar.
    pub(crate) avatar: String,
    /// Line under the title.
    pub(crate) status: String,
    pub(crate) messages: Vec<ChatMessage>,
    pub(crate) draft: String,
}

/// Where the parts of a conversation screen are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConversationLayout {
    pub(crate) app_bar: Rect,
    pub(crate) back: Rect,
    /// Where the contact's name and status line start.
    pub(crate) name_x: i32,
    pub(crate) history: Rect,
    pub(crate) field: Rect,
    pub(crate) send: Rect,
}

impl ConversationLayout {
    pub(crate) fn new(m: &Metrics) -> Self {
        let content = m.content();
        let app_bar = Rect::new(0, content.y, m.w, m.app_bar_h());
        let back = Rect::new(0, app_bar.y, m.dp(56.0), app_bar.h);
        let bar_h = m.dp(72.0);
        let input = Rect::new(0, content.bottom() - bar_h, m.w, bar_h);
        let margin = m.margin();
        let send_d = m.dp(48.0);
        let send = Rect::new(
            input.right() - margin - send_d,
            input.y + (bar_h - send_d) / 2,
            send_d,
            send_d,
        );
        let field = Rect::new(
            input.x + margin,
            send.y,
            send.x - m.dp(8.0) - (input.x + margin),
            send_d,
        );
        let history = Rect::new(0, app_bar.bottom(), m.w, input.y - app_bar.bottom());
        Self {
            app_bar,
            back,
            name_x: back.right() + 2 * Self::avatar_r(m) + m.dp(16.0),
            history,
            field,
            send,
        }
    }

    /// The contact's round avatar's radius.
    pub(crate) fn avatar_r(m: &Metrics) -> i32 {
        m.dp(20.0)
    }

    /// Padding inside the text field, either side of the draft.
    pub(crate) fn field_pad(m: &Metrics) -> i32 {
        m.dp(16.0)
    }

    pub(crate) fn hits(&self) -> Vec<(Target, Rect)> {
        vec![
            (Target::AppBarBack, self.back),
            (Target::TextField, self.field),
            (Target::SendButton, self.send),
        ]
    }
}

impl Conversation {
    pub(crate) fn new(contact: &str, status: &str, messages: Vec<ChatMessage>) -> Self {
        Self {
            contact: contact.to_owned(),
            avatar: contact.chars().take(1).collect(),
            status: status.to_owned(),
            messages,
            draft: String::new(),
        }
    }

    /// Applies typed text: `\u{8}` deletes the last character, `\n` is the keyboard's send
    /// action (returns `true`), other control characters are dropped.
    pub(crate) fn type_text(&mut self, text: &str) -> bool {
        let mut send = false;
        for ch in text.chars() {
            match ch {
                '\u{8}' | '\u{7f}' => {
                    self.draft.pop();
                }
                '\n' | '\r' => send = true,
                c if c.is_control() => {}
                c => self.draft.push(c),
            }
        }
        send
    }

    /// Sends the draft as an outgoing bubble; returns its text (`None` when empty).
    pub(crate) fn send(&mut self, time: String) -> Option<String> {
        let text = self.draft.trim().to_owned();
        self.draft.clear();
        if text.is_empty() {
            return None;
        }
        self.messages.push(ChatMessage {
            outgoing: true,
            text: text.clone(),
            time,
        });
        Some(text)
    }

    pub(crate) fn receive(&mut self, text: &str, time: String) {
        self.messages.push(ChatMessage {
            outgoing: false,
            text: text.to_owned(),
            time,
        });
    }

    /// Draws the conversation; `hint` shows in the empty text field.
    pub(crate) fn draw(&self, c: &mut Canvas<'_>, focused: bool, accent_avatar: bool, hint: &str) {
        let m = c.m;
        let t = c.theme;
        let l = ConversationLayout::new(&m);
        c.rect(m.content(), t.background);

        // App bar: back arrow, avatar, name and status.
        c.rect(l.app_bar, t.surface);
        let icon = m.dp(24.0);
        let (bx, by) = l.back.center();
        c.icon_at(Icon::ArrowBack, bx, by, icon, t.text);
        let avatar_r = ConversationLayout::avatar_r(&m);
        let ax = l.back.right() + avatar_r;
        let ay = l.app_bar.y + l.app_bar.h / 2;
        let avatar_color = if accent_avatar {
            t.accent
        } else {
            mix(t.accent, WHITE, 90)
        };
        c.circle(ax, ay, avatar_r, avatar_color);
        c.text_in(
            &self.avatar,
            Rect::new(ax - avatar_r, ay - avatar_r, 2 * avatar_r, 2 * avatar_r),
            TextStyle::medium(m.sp(18.0)),
            WHITE,
        );
        let name_x = l.name_x;
        c.text(
            &self.contact,
            name_x,
            ay - m.dp(2.0),
            TextStyle::medium(m.sp(18.0)),
            t.text,
            Align::Left,
        );
        c.text(
            &self.status,
            name_x,
            ay + m.dp(16.0),
            TextStyle::regular(m.sp(13.0)),
            t.text_secondary,
            Align::Left,
        );
        c.rect(Rect::new(0, l.app_bar.bottom() - 1, m.w, 1), t.divider);

        self.draw_history(c, &l);

        // Input bar.
        let field_r = l.field.h / 2;
        c.round_rect(l.field, field_r, t.field);
        let style = TextStyle::regular(m.sp(16.0));
        let pad = ConversationLayout::field_pad(&m);
        let inner = l.field.w - 2 * pad;
        let baseline = l.field.y + (l.field.h + style.cap_height()) / 2;
        if self.draft.is_empty() && !focused {
            c.text(
                hint,
                l.field.x + pad,
                baseline,
                style,
                t.text_secondary,
                Align::Left,
            );
        } else {
            let caret_w = m.dp(2.0).max(1);
            let shown = c
                .res
                .text
                .tail_that_fits(&self.draft, style, inner - caret_w - 1)
                .to_owned();
            let w = c.text(
                &shown,
                l.field.x + pad,
                baseline,
                style,
                t.text,
                Align::Left,
            );
            if focused {
                let caret_h = style.line_height() - m.dp(4.0);
                c.rect(
                    Rect::new(
                        l.field.x + pad + w + 1,
                        l.field.y + (l.field.h - caret_h) / 2,
                        caret_w,
                        caret_h,
                    ),
                    t.accent,
                );
            }
        }
        let send_color = if self.draft.trim().is_empty() {
            t.divider
        } else {
            t.accent
        };
        let (sx, sy) = l.send.center();
        c.circle(sx, sy, l.send.w / 2, send_color);
        c.icon_at(Icon::Send, sx + m.dp(1.0), sy, m.dp(22.0), WHITE);
    }

    /// Bubbles, newest at the bottom, as many as fit.
    fn draw_history(&self, c: &mut Canvas<'_>, l: &ConversationLayout) {
        let m = c.m;
        let t = c.theme;
        let style = TextStyle::regular(m.sp(16.0));
        let small = TextStyle::regular(m.sp(11.0));
        let margin = m.margin();
        let max_bubble = (l.history.w - 2 * margin) * 3 / 4;
        let pad_x = m.dp(14.0);
        let pad_y = m.dp(10.0);
        let gap = m.dp(8.0);
        let line_h = style.line_height();
        let old = c.push_clip(l.history);
        let mut bottom = l.history.bottom() - m.dp(8.0);
        for msg in self.messages.iter().rev() {
            if bottom <= l.history.y {
                break;
            }
            let lines = c.res.text.wrap(&msg.text, style, max_bubble - 2 * pad_x);
            let text_w = lines.iter().map(|s| c.measure(s, style)).max().unwrap_or(0);
            let time_h = small.line_height();
            let bubble_h = lines.len() as i32 * line_h + 2 * pad_y;
            let bubble_w = text_w + 2 * pad_x;
            let top = bottom - time_h - bubble_h;
            let x = if msg.outgoing {
                l.history.right() - margin - bubble_w
            } else {
                margin
            };
            let (bg, fg) = if msg.outgoing {
                (t.accent, t.on_accent)
            } else {
                (t.surface, t.text)
            };
            let bubble = Rect::new(x, top, bubble_w, bubble_h);
            c.round_rect(bubble, m.dp(18.0), bg);
            for (i, line) in lines.iter().enumerate() {
                let baseline = top + pad_y + i as i32 * line_h + style.ascent();
                c.text(line, x + pad_x, baseline, style, fg, Align::Left);
            }
            let (tx, align) = if msg.outgoing {
                (bubble.right(), Align::Right)
            } else {
                (bubble.x, Align::Left)
            };
            c.text(
                &msg.time,
                tx,
                bubble.bottom() + small.ascent(),
                small,
                t.text_secondary,
                align,
            );
            bottom = top - gap;
        }
        c.pop_clip(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_editing_and_sending() {
        let mut conv = Conversation::new("Mum", "", Vec::new());
        assert!(!conv.type_text("Hellp\u{8}o"));
        assert_eq!(conv.draft, "Hello");
        assert!(conv.type_text("\n"));
        assert_eq!(conv.send("09:41".into()).as_deref(), Some("Hello"));
        assert_eq!(conv.draft, "");
        assert_eq!(conv.send("09:41".into()), None, "empty drafts are not sent");
        assert_eq!(conv.messages.len(), 1);
        assert!(conv.messages[0].outgoing);
    }
}
