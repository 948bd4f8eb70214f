//! How a session behaves: who answers consent prompts, video pacing.

use std::fmt;
use std::str::FromStr;

use lifeline_protocol::i18n::Language;
use thiserror::Error;

/// Default highest frame rate of the screen stream.
pub const DEFAULT_MAX_FPS: u8 = 60;

/// Default number of video frames that may be sent beyond the technician's last
/// `FrameAck`; beyond it, stale frames are skipped.
pub const DEFAULT_FRAME_WINDOW: u64 = 3;

/// Who answers consent questions under the portal policy `ask`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Approval {
    /// The customer is asked: on the phone's screen and through the frontend.
    #[default]
    Ask,
    /// Every question is answered "yes" at once (scripts and tests).
    All,
    /// Every question is answered "no" at once (scripts and tests).
    None,
}

impl Approval {
    /// The automatic answer, if this mode gives one.
    pub fn automatic(self) -> Option<bool> {
        match self {
            Self::Ask => None,
            Self::All => Some(true),
            Self::None => Some(false),
        }
    }
}

/// A text that is not `ask`, `all` or `none`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("expected ask, all or none, found {0:?}")]
pub struct BadApproval(pub String);

impl FromStr for Approval {
    type Err = BadApproval;

    fn from_str(text: &str) -> Result<Self, BadApproval> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ask" => Ok(Self::Ask),
            "all" => Ok(Self::All),
            "none" => Ok(Self::None),
            _ => Err(BadApproval(text.to_owned())),
        }
    }
}

impl fmt::Display for Approval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Ask => "ask",
            Self::All => "all",
            Self::None => "none",
        })
    }
}

/// A session's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionConfig {
    /// Who answers consent questions.
    pub approval: Approval,
    /// Highest frame rate sent (the technician's `QualityHint` may lower it, never raise it).
    pub max_fps: u8,
    /// Frames allowed in flight beyond the last `FrameAck` (at least 1).
    pub frame_window: u64,
    /// The language of what the customer reads; `None` follows the phone's locale.
    pub language: Option<Language>,
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            approval: Approval::Ask,
            max_fps: DEFAULT_MAX_FPS,
            frame_window: DEFAULT_FRAME_WINDOW,
            language: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approval_parses_and_prints() {
        for mode in [Approval::Ask, Approval::All, Approval::None] {
            assert_eq!(mode.to_string().parse::<Approval>(), Ok(mode));
        }
        assert_eq!("ALL".parse::<Approval>(), Ok(Approval::All));
        assert_eq!(
            "yes".parse::<Approval>().unwrap_err().to_string(),
            "expected ask, all or none, found \"yes\""
        );
        assert_eq!(Approval::Ask.automatic(), None);
        assert_eq!(Approval::None.automatic(), Some(false));
    }
}
