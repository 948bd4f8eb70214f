//! The `Device` trait: what the agent core needs from a phone, whichever backend drives it
//! (the simulated phone today; a phone over adb, and the on-device app, later).
//!
//! The trait is synchronous and takes time as an argument: the session core calls
//! [`Device::tick`] when [`Device::next_tick`] says, asks [`Device::screen_changed`] before
//! capturing, and never waits on the device. Tests drive it with a virtual clock.
//!
//! A phone gives its screen either as pixels ([`Capture::Rgba`], which the session encodes
//! with `tiles`) or already encoded ([`Capture::Encoded`], e.g. H.264 from `screenrecord`,
//! sent as it is). A phone whose frames arrive on their own (from another thread) wakes the
//! session through the [`DeviceWaker`] it is given.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use lifeline_protocol::consent::{Capability, CapabilitySet};
use lifeline_protocol::diagnostics::DeviceDiagnostics;
use lifeline_protocol::i18n::{Language, Localizer};
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::messages::input::{FrameSize, InputEvent, MAX_TEXT_CHARS};
use lifeline_protocol::messages::video::{Codec, Rotation};
use lifeline_protocol::tr;
use lifeline_protocol::video::RgbaImage;
use thiserror::Error;

/// Why an input event was not applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum InputError {
    /// A pointer event aimed at a frame of another size, e.g. sent before a rotation.
    #[error(
        "input aimed at a {}x{} frame, the screen is now {}x{}",
        sent.width, sent.height, current.width, current.height
    )]
    FrameMismatch {
        /// The frame size the event carried.
        sent: FrameSize,
        /// The screen's size now.
        current: FrameSize,
    },
    /// A pointer event outside the frame it names.
    #[error("point ({x}, {y}) is outside the {}x{} screen", frame.width, frame.height)]
    OutOfBounds {
        /// Column.
        x: u32,
        /// Row.
        y: u32,
        /// The screen's size.
        frame: FrameSize,
    },
    /// Text longer than [`MAX_TEXT_CHARS`].
    #[error("text of {chars} characters is longer than the {MAX_TEXT_CHARS} allowed")]
    TextTooLong {
        /// Characters sent.
        chars: usize,
    },
    /// This device cannot be controlled (e.g. a chat-only phone).
    #[error("this device does not accept remote input")]
    Unsupported,
    /// Text with characters the phone's input path cannot type (over adb, `input text` types
    /// printable ASCII only); nothing was typed.
    #[error(
        "the phone cannot type {first:?} (U+{:04X}){}; nothing was typed",
        u32::from(*first),
        if *others > 0 { format!(" and {others} other characters") } else { String::new() }
    )]
    Untypable {
        /// The first such character.
        first: char,
        /// How many other such characters.
        others: usize,
    },
    /// The way to the phone failed (e.g. the adb shell closed); the event was lost.
    #[error("the phone did not take the input: {0}")]
    Failed(&'static str),
}

impl InputError {
    /// Checks `event` against a screen of `current` size, naming what is wrong.
    pub fn check(event: &InputEvent, current: FrameSize) -> Result<(), InputError> {
        if event.applies_to(current) {
            return Ok(());
        }
        match event {
            InputEvent::Text { text } => Err(InputError::TextTooLong {
                chars: text.chars().count(),
            }),
            InputEvent::Touch(t) if t.frame == current => Err(InputError::OutOfBounds {
                x: t.x,
                y: t.y,
                frame: current,
            }),
            InputEvent::Scroll(s) if s.frame == current => Err(InputError::OutOfBounds {
                x: s.x,
                y: s.y,
                frame: current,
            }),
            other => Err(InputError::FrameMismatch {
                sent: other.frame().unwrap_or(current),
                current,
            }),
        }
    }
}

/// A frame the phone encoded itself.
#[derive(Clone, PartialEq, Eq)]
pub struct EncodedFrame {
    /// How `payload` is encoded.
    pub codec: Codec,
    /// Width of the encoded picture.
    pub width: u32,
    /// Height of the encoded picture.
    pub height: u32,
    /// How the phone was turned when the stream started.
    pub rotation: Rotation,
    /// Whether the frame decodes without any earlier one (for H.264: an IDR access unit,
    /// with its SPS and PPS in front).
    pub keyframe: bool,
    /// The frame (for H.264: one Annex-B access unit).
    pub payload: Vec<u8>,
}

impl fmt::Debug for EncodedFrame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncodedFrame")
            .field("codec", &self.codec)
            .field("size", &(self.width, self.height))
            .field("rotation", &self.rotation)
            .field("keyframe", &self.keyframe)
            .field("len", &self.payload.len())
            .finish()
    }
}

/// What the phone gives for its screen.
#[derive(Debug)]
pub enum Capture<'a> {
    /// The screen's pixels, for the session to encode.
    Rgba(&'a RgbaImage),
    /// A frame the phone encoded itself, sent as it is.
    Encoded(EncodedFrame),
}

/// Wakes the session when something happened on the phone outside the session's calls
/// (a frame arrived from the phone's own encoder). Cheap to clone.
#[derive(Clone)]
pub struct DeviceWaker(Arc<dyn Fn() + Send + Sync>);

impl DeviceWaker {
    /// A waker that calls `wake`.
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> Self {
        Self(Arc::new(wake))
    }

    /// Wakes the session: it looks at the device once more soon.
    pub fn wake(&self) {
        (self.0)();
    }
}

impl fmt::Debug for DeviceWaker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DeviceWaker")
    }
}

/// One log file read from the phone.
#[derive(Clone, PartialEq, Eq)]
pub struct LogFile {
    /// File name, e.g. `logcat.txt`.
    pub name: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for LogFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LogFile")
            .field("name", &self.name)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A consent question to put to the customer on the phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentPrompt {
    /// What is asked for.
    pub capability: Capability,
    /// Who asks, as the customer should read it (e.g. "Alex from Acme Support").
    pub requester: String,
}

impl ConsentPrompt {
    /// A prompt for `capability` on behalf of `requester`.
    pub fn new(capability: Capability, requester: impl Into<String>) -> Self {
        Self {
            capability,
            requester: requester.into(),
        }
    }

    /// The dialog's title, in the phone's language.
    pub fn title(&self, loc: Localizer) -> String {
        match self.capability {
            Capability::ScreenView => tr!(loc, "consent-title-screen"),
            Capability::RemoteControl => tr!(loc, "consent-title-control"),
            Capability::Diagnostics => tr!(loc, "consent-title-diagnostics"),
            Capability::LogFiles => tr!(loc, "consent-title-logs"),
        }
    }

    /// What agreeing means, in one or two sentences.
    pub fn body(&self, loc: Localizer) -> String {
        let who = self.requester.as_str();
        match self.capability {
            Capability::ScreenView => tr!(loc, "consent-body-screen", who = who),
            Capability::RemoteControl => tr!(loc, "consent-body-control", who = who),
            Capability::Diagnostics => tr!(loc, "consent-body-diagnostics", who = who),
            Capability::LogFiles => tr!(loc, "consent-body-logs", who = who),
        }
    }

    /// Label of the button that refuses.
    pub fn deny_label(&self, loc: Localizer) -> String {
        tr!(loc, "consent-deny")
    }

    /// Label of the button that agrees.
    pub fn allow_label(&self, loc: Localizer) -> String {
        tr!(loc, "consent-allow")
    }
}

/// The customer's answer to a [`ConsentPrompt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromptAnswer {
    /// What was asked for.
    pub capability: Capability,
    /// Whether the customer agreed.
    pub allowed: bool,
}

/// Something the customer did on the phone that the session must act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerAction {
    /// "Stop sharing" on the screen-sharing notification.
    StopSharing,
}

/// A phone the agent drives.
///
/// Time is passed in: `now` is the agent's monotonic clock (any origin, never going back).
pub trait Device: Send {
    /// Make, model, Android version, screen size (when it can be shared), capabilities, locale.
    fn summary(&self) -> DeviceSummary;

    /// The language the customer reads on this phone: the phone's locale, or English.
    fn language(&self) -> Language {
        self.summary()
            .locale
            .as_deref()
            .and_then(Language::from_tag)
            .unwrap_or(Language::FALLBACK)
    }

    /// What this phone can offer; without screen view the session is chat-only.
    fn capabilities(&self) -> CapabilitySet;

    /// The screen's size now, after rotation.
    fn frame_size(&self) -> FrameSize;

    /// How the phone is turned.
    fn rotation(&self) -> Rotation;

    /// Advances the phone to `now`: animations (fling), long-press timers, the clock.
    fn tick(&mut self, now: Duration);

    /// When `tick` next has something to do (`None`: not until new input).
    fn next_tick(&self) -> Option<Duration>;

    /// Whether the screen may differ from the last capture; an idle phone says `false`, and
    /// then capturing is not needed at all.
    fn screen_changed(&self) -> bool;

    /// The current screen, or `None` when this phone cannot capture it.
    fn capture(&mut self, now: Duration) -> Option<&RgbaImage>;

    /// The next screen to send: pixels (by default [`capture`](Self::capture)), or a frame the
    /// phone encoded itself. `None`: nothing to send now.
    fn capture_frame(&mut self, now: Duration) -> Option<Capture<'_>> {
        self.capture(now).map(Capture::Rgba)
    }

    /// The next encoded frame must be a keyframe (the technician asked, or a new stream
    /// starts). Only phones that encode their own frames need to act on it.
    fn request_keyframe(&mut self) {}

    /// Hands the phone a way to wake the session when frames arrive on their own; called
    /// once when the session starts.
    fn set_waker(&mut self, _waker: DeviceWaker) {}

    /// Applies one input event. Pointer events aimed at another frame size (e.g. sent before
    /// a rotation) or outside the screen are dropped with an error.
    fn inject(&mut self, event: &InputEvent, now: Duration) -> Result<(), InputError>;

    /// The device report.
    fn diagnostics(&mut self, now: Duration) -> DeviceDiagnostics;

    /// The log files to send.
    fn logs(&mut self, now: Duration) -> Vec<LogFile>;

    /// Shows or hides the "screen is being shared" indicator.
    fn set_sharing_indicator(&mut self, on: bool);

    /// Asks the customer on the phone; the answer arrives through
    /// [`take_prompt_answer`](Self::take_prompt_answer). Prompts queue up, one on screen at a
    /// time.
    fn show_prompt(&mut self, prompt: ConsentPrompt);

    /// Takes down every prompt not answered yet (the request was withdrawn, the session ended).
    fn dismiss_prompts(&mut self);

    /// The oldest answer not taken yet.
    fn take_prompt_answer(&mut self) -> Option<PromptAnswer>;

    /// Shows a chat message from the technician to the customer on the phone.
    fn show_chat(&mut self, _from: &str, _text: &str, _now: Duration) {}

    /// The oldest chat message the customer typed on the phone and not taken yet.
    fn take_chat_reply(&mut self) -> Option<String> {
        None
    }

    /// Tells the customer something briefly (e.g. "Alex read your device information").
    fn show_notice(&mut self, _text: &str, _now: Duration) {}

    /// The oldest thing the customer did that the session must act on.
    fn take_customer_action(&mut self) -> Option<CustomerAction> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifeline_protocol::messages::input::{TouchEvent, TouchPhase};

    #[test]
    fn input_errors_name_the_problem() {
        let portrait = FrameSize::new(1080, 2400);
        let landscape = FrameSize::new(2400, 1080);
        let touch = |x, y, frame| {
            InputEvent::Touch(TouchEvent {
                phase: TouchPhase::Down,
                pointer: 0,
                x,
                y,
                frame,
                at_us: 0,
            })
        };
        assert_eq!(InputError::check(&touch(5, 5, portrait), portrait), Ok(()));
        let err = InputError::check(&touch(5, 5, portrait), landscape).unwrap_err();
        assert_eq!(
            err.to_string(),
            "input aimed at a 1080x2400 frame, the screen is now 2400x1080"
        );
        assert!(matches!(
            InputError::check(&touch(1080, 5, portrait), portrait),
            Err(InputError::OutOfBounds { x: 1080, .. })
        ));
        let long = InputEvent::Text {
            text: "x".repeat(MAX_TEXT_CHARS + 1),
        };
        assert!(matches!(
            InputError::check(&long, portrait),
            Err(InputError::TextTooLong { .. })
        ));
    }

    #[test]
    fn prompts_have_android_style_titles_in_every_language() {
        let p = |c| ConsentPrompt::new(c, "Alex");
        let en = Localizer::new(Language::En);
        assert_eq!(p(Capability::ScreenView).title(en), "Share your screen?");
        assert_eq!(
            p(Capability::RemoteControl).title(en),
            "Allow remote control?"
        );
        assert_eq!(
            p(Capability::Diagnostics).title(en),
            "Share device information?"
        );
        assert_eq!(p(Capability::LogFiles).title(en), "Share log files?");
        assert!(p(Capability::LogFiles).body(en).starts_with("Alex "));
        let fr = Localizer::new(Language::Fr);
        assert_eq!(
            p(Capability::Diagnostics).title(fr),
            "Partager les informations sur le périphérique ?"
        );
        assert_eq!(p(Capability::Diagnostics).allow_label(fr), "Autoriser");
        let es = Localizer::new(Language::Es);
        assert_eq!(
            p(Capability::Diagnostics).title(es),
            "¿Compartir la información del dispositivo?"
        );
        assert_eq!(p(Capability::Diagnostics).deny_label(es), "Denegar");
        for language in Language::ALL {
            let loc = Localizer::new(language);
            for cap in Capability::ALL {
                assert!(p(cap).body(loc).starts_with("Alex "), "{language} {cap}");
            }
        }
    }
}
