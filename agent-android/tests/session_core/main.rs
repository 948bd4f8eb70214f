//! The session core's rules as stories on a virtual clock: consent, video pacing and the
//! frame window, the input gate, chat, logs, leaving. No network.

mod consent;
mod exchange;
#[path = "../rig/mod.rs"]
mod rig;
mod video;

use lifeline_agent_android::session::{Approval, CustomerCommand, CustomerEvent};
use lifeline_agent_android::sim::{AppId, Screen, Target};
use lifeline_protocol::consent::{Capability, Policy, PortalPolicy};
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::control::{
    ChatId, ChatMessage, ControlMessage, EndReason, QualityHint,
};
use lifeline_protocol::messages::input::{FrameSize, TouchPhase};
use lifeline_protocol::messages::video::{Codec, Rotation};
use rig::Rig;
use sha2::{Digest, Sha256};

const ALL_CAPS: [Capability; 4] = Capability::ALL;

fn ask() -> PortalPolicy {
    PortalPolicy::default()
}
