//! The simulated phone as a [`Device`]: what the agent's session core asks of any phone
//! (summary, frames, input, diagnostics, logs) and what it shows the customer (the sharing
//! chip, consent dialogs, chat, notices).

use std::time::Duration;

use lifeline_protocol::consent::CapabilitySet;
use lifeline_protocol::diagnostics::DeviceDiagnostics;
use lifeline_protocol::i18n::{Language, Localizer};
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::messages::input::{FrameSize, InputEvent};
use lifeline_protocol::messages::video::Rotation;
use lifeline_protocol::video::RgbaImage;

use super::logs::Level;
use super::state::Notification;
use super::{ANIMATION_FRAME, AppId, SimPhone, activity, diagnostics, keys, state};
use crate::device::{ConsentPrompt, CustomerAction, Device, InputError, LogFile, PromptAnswer};

impl Device for SimPhone {
    fn summary(&self) -> DeviceSummary {
        let p = self.state.profile;
        let size = self.frame_size();
        DeviceSummary {
            manufacturer: p.manufacturer.to_owned(),
            model: p.marketing_name.to_owned(),
            android_version: p.android_version.to_owned(),
            screen: p.can_capture.then_some((size.width, size.height)),
            capabilities: p.capabilities,
            locale: Some(p.locale.to_owned()),
        }
    }

    fn capabilities(&self) -> CapabilitySet {
        self.state.profile.capabilities
    }

    fn language(&self) -> Language {
        self.state.loc.language()
    }

    fn frame_size(&self) -> FrameSize {
        let (w, h) = self.state.frame_dims();
        FrameSize::new(w, h)
    }

    fn rotation(&self) -> Rotation {
        self.state.rotation
    }

    fn tick(&mut self, now: Duration) {
        if let Some(mut script) = self.script.take() {
            script.step(self, now);
            self.script = Some(script);
        }
        self.advance(now, true);
    }

    fn next_tick(&self) -> Option<Duration> {
        let s = &self.state;
        let now = s.now;
        let flinging = s.recents_scroll.is_flinging()
            || s.tasks
                .iter()
                .flat_map(|t| &t.stack)
                .any(|p| p.scroll.is_flinging());
        [
            self.recognizer.deadline(),
            flinging.then_some(now + ANIMATION_FRAME),
            s.volume_until,
            s.toast.as_ref().map(|(_, until)| *until),
            Some(self.next_bucket_at(now)),
            self.script.as_ref().map(activity::Script::deadline),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    fn screen_changed(&self) -> bool {
        self.state.dirty
            || self.frame.as_ref().is_none_or(|f| {
                let (w, h) = self.state.frame_dims();
                f.width() != w || f.height() != h
            })
    }

    fn capture(&mut self, now: Duration) -> Option<&RgbaImage> {
        if !self.state.profile.can_capture {
            return None;
        }
        self.screen(now)
    }

    fn inject(&mut self, event: &InputEvent, now: Duration) -> Result<(), InputError> {
        // Timers wait: the event's own timestamp decides whether a hold was long.
        self.advance(now, false);
        // The phone's clock never runs backwards: a stale `now` counts as the current time.
        let now = self.state.now;
        InputError::check(event, self.frame_size())?;
        match event {
            InputEvent::Key(key) => {
                keys::on_key(&mut self.state, *key);
                if !self.state.screen_on {
                    self.cancel_touch();
                }
            }
            _ if !self.state.screen_on => {}
            InputEvent::Touch(touch) => {
                self.recognizer.touch(touch, now, &mut self.gestures);
                self.run_gestures(now);
            }
            InputEvent::Text { text } => self.type_text(text),
            InputEvent::Scroll(wheel) => self.state.on_wheel(wheel.dy, now),
        }
        Ok(())
    }

    fn diagnostics(&mut self, now: Duration) -> DeviceDiagnostics {
        self.advance(now, true);
        self.state
            .log
            .agent(now, Level::Info, "device information read".into());
        diagnostics::report(&self.state, now)
    }

    fn logs(&mut self, now: Duration) -> Vec<LogFile> {
        self.advance(now, true);
        self.state.log.agent(
            now,
            Level::Info,
            format!("log files read (logcat {} bytes)", self.state.log.size()),
        );
        self.state.log.files(now)
    }

    fn set_sharing_indicator(&mut self, on: bool) {
        if self.state.sharing != on {
            self.state.sharing = on;
            self.state.dirty = true;
            let now = self.state.now;
            self.state.log.agent(
                now,
                Level::Info,
                format!("screen sharing indicator {}", if on { "on" } else { "off" }),
            );
            self.state.log.event(
                now,
                state::PID_SYSTEM_SERVER,
                state::PID_SYSTEM_SERVER + 71,
                Level::Info,
                "MediaProjectionManagerService",
                format!(
                    "{} projection for app.lifeline.agent",
                    if on { "Starting" } else { "Stopping" }
                ),
            );
        }
    }

    fn show_prompt(&mut self, prompt: ConsentPrompt) {
        let now = self.state.now;
        self.state.log.agent(
            now,
            Level::Info,
            format!(
                "asking the customer: {}",
                prompt.title(Localizer::default())
            ),
        );
        self.state.technician = Some(prompt.requester.clone());
        self.state.label_support();
        self.state.prompts.push_back(prompt);
        self.cancel_touch();
        self.state.dirty = true;
    }

    fn dismiss_prompts(&mut self) {
        if !self.state.prompts.is_empty() {
            self.state.prompts.clear();
            self.state.dirty = true;
        }
    }

    fn take_prompt_answer(&mut self) -> Option<PromptAnswer> {
        self.state.answers.pop_front()
    }

    fn show_chat(&mut self, from: &str, text: &str, now: Duration) {
        self.advance(now, true);
        let time = self.state.clock.hm(now);
        self.state.support.receive(text, time.clone());
        self.state.technician = Some(from.to_owned());
        self.state.chatting = true;
        self.state.label_support();
        if self.state.foreground_app() != Some(AppId::Lifeline) {
            self.state.notifications.push(Notification {
                app: AppId::Lifeline,
                title: from.to_owned(),
                text: text.to_owned(),
                time,
            });
        }
        self.state.log.agent(
            now,
            Level::Info,
            format!("chat message from {from} ({} chars)", text.chars().count()),
        );
        self.state.dirty = true;
    }

    fn take_chat_reply(&mut self) -> Option<String> {
        self.state.outbox.pop_front()
    }

    fn show_notice(&mut self, text: &str, now: Duration) {
        self.advance(now, true);
        self.state.show_toast(text);
        self.state
            .log
            .agent(now, Level::Info, format!("notice shown: {text}"));
    }

    fn take_customer_action(&mut self) -> Option<CustomerAction> {
        self.state.customer_actions.pop_front()
    }
}
