//! A session core and a simulated phone on a virtual clock, for stories without a network.

// Test helpers: a failed unwrap is a failed test, and each test binary uses a part of them.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use lifeline_agent_android::device::Device;
use lifeline_agent_android::session::{
    Action, Approval, CustomerCommand, CustomerEvent, Now, SessionConfig, SessionCore,
};
use lifeline_agent_android::sim::{SimPhone, Target};
use lifeline_protocol::consent::{Capability, PortalPolicy};
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::handshake::Welcome;
use lifeline_protocol::messages::input::{FrameSize, InputEvent, TouchEvent, TouchPhase};
use lifeline_protocol::messages::video::{StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::TileDecoder;

/// What came out of the core, sorted by kind.
#[derive(Debug, Default)]
pub struct Out {
    pub control: Vec<ControlMessage>,
    pub video: Vec<VideoMessage>,
    pub files: Vec<lifeline_agent_android::session::OutgoingFile>,
    pub events: Vec<CustomerEvent>,
    pub closed: bool,
}

impl Out {
    pub fn frames(&self) -> Vec<&VideoFrame> {
        self.video
            .iter()
            .filter_map(|m| match m {
                VideoMessage::Frame(f) => Some(f),
                VideoMessage::StreamStart(_) => None,
            })
            .collect()
    }

    pub fn starts(&self) -> Vec<StreamStart> {
        self.video
            .iter()
            .filter_map(|m| match m {
                VideoMessage::StreamStart(s) => Some(*s),
                VideoMessage::Frame(_) => None,
            })
            .collect()
    }

    pub fn refusals(&self) -> Vec<(Capability, String)> {
        self.control
            .iter()
            .filter_map(|m| match m {
                ControlMessage::Refused { capability, reason } => {
                    Some((*capability, reason.clone()))
                }
                _ => None,
            })
            .collect()
    }

    pub fn responses(&self) -> Vec<(Capability, bool, bool)> {
        self.control
            .iter()
            .filter_map(|m| match m {
                ControlMessage::ConsentResponse {
                    capability,
                    granted,
                    by_policy,
                } => Some((*capability, *granted, *by_policy)),
                _ => None,
            })
            .collect()
    }
}

/// A session core, the phone it drives, a virtual clock, and a viewer decoding the frames.
pub struct Rig {
    pub core: SessionCore,
    pub phone: SimPhone,
    pub now: Duration,
    pub decoder: TileDecoder,
}

impl Rig {
    /// A session with the technician "Alex" there, under `policy`, answering with `approval`.
    pub fn new(profile: &str, policy: PortalPolicy, approval: Approval) -> Self {
        let phone = SimPhone::with_profile(profile).unwrap();
        let welcome = Welcome {
            session_id: 7,
            policy,
            recorded: false,
            identifier: None,
        };
        let config = SessionConfig {
            approval,
            ..SessionConfig::default()
        };
        let mut rig = Self {
            core: SessionCore::new(welcome, phone.capabilities(), config),
            phone,
            now: Duration::ZERO,
            decoder: TileDecoder::new(),
        };
        rig.core.peer_joined("Alex", &mut rig.phone);
        let out = rig.out();
        assert!(
            matches!(out.events[0], CustomerEvent::Connected { .. }),
            "{out:?}"
        );
        rig
    }

    pub fn at(&self) -> Now {
        Now::virtual_at(self.now)
    }

    /// Everything the core queued since the last call.
    pub fn out(&mut self) -> Out {
        let mut out = Out::default();
        while let Some(action) = self.core.poll_action() {
            match action {
                Action::Control(m) => out.control.push(m),
                Action::Video(m) => out.video.push(m),
                Action::SendFile(f) => out.files.push(f),
                Action::Customer(e) => out.events.push(e),
                Action::Close => out.closed = true,
            }
        }
        for frame in out.frames() {
            self.decoder.decode(&frame.payload).unwrap();
        }
        out
    }

    pub fn control(&mut self, message: ControlMessage) -> Out {
        let now = self.at();
        self.core.on_control(message, &mut self.phone, now);
        self.out()
    }

    pub fn command(&mut self, command: CustomerCommand) -> Out {
        let now = self.at();
        self.core.on_command(command, &mut self.phone, now);
        self.out()
    }

    pub fn input(&mut self, event: InputEvent) -> Out {
        let now = self.at();
        self.core.on_input(&event, &mut self.phone, now);
        self.out()
    }

    /// Lets `ms` pass and polls.
    pub fn poll_after(&mut self, ms: u64) -> Out {
        self.now += Duration::from_millis(ms);
        let now = self.at();
        self.core.poll(&mut self.phone, now);
        self.out()
    }

    /// Polls every 16 ms for `ms`, collecting everything.
    pub fn run_for(&mut self, ms: u64) -> Out {
        let mut all = Out::default();
        for _ in 0..ms / 16 {
            let out = self.poll_after(16);
            all.control.extend(out.control);
            all.video.extend(out.video);
            all.files.extend(out.files);
            all.events.extend(out.events);
            all.closed |= out.closed;
        }
        all
    }

    /// Acknowledges every frame sent so far.
    pub fn ack(&mut self, out: &Out) -> Out {
        match out.frames().last() {
            Some(last) => self.control(ControlMessage::FrameAck {
                sequence: last.sequence,
            }),
            None => Out::default(),
        }
    }

    /// A touch aimed at the phone's current frame, at the rig's time.
    pub fn touch(&self, phase: TouchPhase, x: u32, y: u32) -> InputEvent {
        self.touch_on(phase, x, y, self.phone.frame_size())
    }

    pub fn touch_on(&self, phase: TouchPhase, x: u32, y: u32, frame: FrameSize) -> InputEvent {
        InputEvent::Touch(TouchEvent {
            phase,
            pointer: 0,
            x,
            y,
            frame,
            at_us: self.now.as_micros() as u64,
        })
    }

    /// The customer taps `target` on the phone itself (a dialog button, say).
    pub fn customer_taps(&mut self, target: Target) {
        let (x, y) = self.phone.locate(target).unwrap();
        for phase in [TouchPhase::Down, TouchPhase::Up] {
            let ev = self.touch(phase, x, y);
            self.phone.inject(&ev, self.now).unwrap();
            self.now += Duration::from_millis(50);
        }
    }

    /// Grants `caps` through requests (with `Approval::All`, or policy `notify`).
    pub fn grant(&mut self, caps: &[Capability]) -> Out {
        let mut all = Out::default();
        for cap in caps {
            let out = self.control(ControlMessage::ConsentRequest { capability: *cap });
            all.control.extend(out.control);
            all.events.extend(out.events);
        }
        all
    }

    /// The customer pulls the notification shade down and taps "Stop sharing".
    pub fn customer_stops_sharing_in_the_shade(&mut self) {
        let (x, y0) = (540u32, 20u32);
        let down = self.touch(TouchPhase::Down, x, y0);
        self.phone.inject(&down, self.now).unwrap();
        for step in 1..=10u32 {
            self.now += Duration::from_millis(16);
            let ev = self.touch(TouchPhase::Move, x, y0 + step * 150);
            self.phone.inject(&ev, self.now).unwrap();
        }
        let up = self.touch(TouchPhase::Up, x, y0 + 1500);
        self.phone.inject(&up, self.now).unwrap();
        self.now += Duration::from_millis(500);
        self.phone.tick(self.now);
        assert!(self.phone.ui().shade_open, "{:?}", self.phone.ui());
        self.customer_taps(Target::StopSharing);
    }

    /// The phone's screen now, without disturbing what the session will capture: only
    /// read when nothing is pending.
    pub fn screen(&mut self) -> RgbaImage {
        assert!(
            !self.phone.screen_changed(),
            "the phone has a change the session has not captured"
        );
        self.phone.screen(self.now).unwrap().clone()
    }

    /// What the viewer shows.
    pub fn viewed(&self) -> RgbaImage {
        self.decoder.image().unwrap().clone()
    }
}
