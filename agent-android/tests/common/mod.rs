//! A test driver for the simulated phone: a virtual clock and touch helpers.

// Test helpers: a failed unwrap is a failed test, and each test binary uses a part of them.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use lifeline_agent_android::device::Device;
use lifeline_agent_android::sim::{Profile, SimPhone, Target, profile};
use lifeline_protocol::messages::input::{
    FrameSize, InputEvent, Key, KeyAction, KeyEvent, TouchEvent, TouchPhase,
};
use lifeline_protocol::video::RgbaImage;

/// A phone and the time on a virtual clock.
pub struct Driver {
    pub phone: SimPhone,
    pub now: Duration,
}

impl Driver {
    pub fn new(profile: &str) -> Self {
        Self {
            phone: SimPhone::with_profile(profile).unwrap(),
            now: Duration::ZERO,
        }
    }

    pub fn frame_size(&self) -> FrameSize {
        self.phone.frame_size()
    }

    pub fn wait(&mut self, ms: u64) {
        self.now += Duration::from_millis(ms);
        self.phone.tick(self.now);
    }

    pub fn touch(&mut self, phase: TouchPhase, x: u32, y: u32) {
        let frame = self.frame_size();
        self.touch_on(phase, x, y, frame).unwrap();
    }

    pub fn touch_on(
        &mut self,
        phase: TouchPhase,
        x: u32,
        y: u32,
        frame: FrameSize,
    ) -> Result<(), lifeline_agent_android::device::InputError> {
        let ev = InputEvent::Touch(TouchEvent {
            phase,
            pointer: 0,
            x,
            y,
            frame,
            at_us: self.now.as_micros() as u64,
        });
        self.phone.inject(&ev, self.now)
    }

    pub fn tap(&mut self, x: u32, y: u32) {
        self.touch(TouchPhase::Down, x, y);
        self.wait(60);
        self.touch(TouchPhase::Up, x, y);
        self.wait(10);
    }

    pub fn tap_target(&mut self, target: Target) {
        let (x, y) = self
            .phone
            .locate(target)
            .unwrap_or_else(|| panic!("{target:?} is not on screen: {:?}", self.phone.ui()));
        self.tap(x, y);
    }

    pub fn long_press(&mut self, x: u32, y: u32) {
        self.touch(TouchPhase::Down, x, y);
        self.wait(300);
        self.wait(300);
        self.touch(TouchPhase::Up, x, y);
        self.wait(10);
    }

    /// Moves a finger from `from` to `to` in `steps` moves, `step_ms` apart; lifts it when
    /// `lift`.
    pub fn drag(&mut self, from: (u32, u32), to: (u32, u32), steps: u32, step_ms: u64, lift: bool) {
        self.touch(TouchPhase::Down, from.0, from.1);
        for i in 1..=steps {
            self.wait(step_ms);
            let x = from.0 as i64 + (to.0 as i64 - from.0 as i64) * i as i64 / steps as i64;
            let y = from.1 as i64 + (to.1 as i64 - from.1 as i64) * i as i64 / steps as i64;
            self.touch(TouchPhase::Move, x as u32, y as u32);
        }
        if lift {
            self.touch(TouchPhase::Up, to.0, to.1);
        }
    }

    /// Lifts the finger of a drag in progress at (540, `y`) after holding still.
    pub fn drag_continue_up(&mut self, y: u32) {
        self.wait(16);
        self.touch(TouchPhase::Move, 540, y + 500);
        self.wait(16);
        self.touch(TouchPhase::Up, 540, y + 500);
    }

    pub fn key(&mut self, key: Key) {
        let ev = InputEvent::Key(KeyEvent {
            key,
            action: KeyAction::Press,
        });
        self.phone.inject(&ev, self.now).unwrap();
        self.wait(10);
    }

    pub fn type_text(&mut self, text: &str) {
        let ev = InputEvent::Text { text: text.into() };
        self.phone.inject(&ev, self.now).unwrap();
    }

    pub fn frame(&mut self) -> RgbaImage {
        self.phone.screen(self.now).unwrap().clone()
    }
}

/// Writes `img` as a PNG (stored, uncompressed deflate) for looking at it.
pub fn write_png(path: &std::path::Path, img: &RgbaImage) {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    let (w, h) = (img.width(), img.height());
    let mut raw = Vec::with_capacity((w * 3 + 1) as usize * h as usize);
    for y in 0..h {
        raw.push(0);
        for px in img.row(y).chunks_exact(4) {
            raw.extend_from_slice(&px[..3]);
        }
    }
    let mut z = vec![0x78, 0x01];
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    let mut chunks = raw.chunks(65535).peekable();
    while let Some(block) = chunks.next() {
        z.push(u8::from(chunks.peek().is_none()));
        z.extend_from_slice(&(block.len() as u16).to_le_bytes());
        z.extend_from_slice(&(!(block.len() as u16)).to_le_bytes());
        z.extend_from_slice(block);
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    std::fs::write(path, out).unwrap();
}

pub fn px(img: &RgbaImage, x: u32, y: u32) -> [u8; 4] {
    img.pixel(x, y).unwrap()
}

/// Whether the rectangle differs between two frames.
pub fn region_differs(a: &RgbaImage, b: &RgbaImage, x0: u32, y0: u32, w: u32, h: u32) -> bool {
    (y0..y0 + h).any(|y| {
        let s = (x0 * 4) as usize..((x0 + w) * 4) as usize;
        a.row(y)[s.clone()] != b.row(y)[s]
    })
}

/// The Samsung profile with another screen size and density.
pub fn profile_sized(w: u32, h: u32, dpi: u32) -> &'static Profile {
    let base = profile("samsung").unwrap();
    Box::leak(Box::new(Profile {
        width: w,
        height: h,
        density_dpi: dpi,
        ..base.clone()
    }))
}
