//! [`AdbPhone`]: the [`Device`] for a phone over adb.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use lifeline_protocol::consent::{Capability, CapabilitySet};
use lifeline_protocol::diagnostics::DeviceDiagnostics;
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::messages::input::{FrameSize, InputEvent};
use lifeline_protocol::messages::video::Rotation;
use lifeline_protocol::video::RgbaImage;

use super::command::Adb;
use super::devices;
use super::diag::{self, getprop};
use super::error::AdbError;
use super::input::gestures::{Gestures, InputSupport};
use super::input::shell::InputShell;
use super::logs;
use super::report;
use super::screen::Geometry;
use super::screen::tools::ScreenTools;
use super::screen::worker::{self, ScreenMode, ScreenState, Shared};
use crate::device::{
    Capture, ConsentPrompt, Device, DeviceWaker, InputError, LogFile, PromptAnswer,
};

/// `screenrecord`'s bit rate unless told otherwise: sharp text on a phone screen, a fraction
/// of `screenrecord`'s own 20 Mbit/s default.
pub const DEFAULT_BIT_RATE: u32 = 4_000_000;
/// How often the screen's size and rotation are read again while sharing.
const GEOMETRY_INTERVAL: Duration = Duration::from_secs(2);

/// How to reach the phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdbOptions {
    /// The `adb` program (a name looked up on `PATH`, or a path).
    pub program: PathBuf,
    /// The phone's serial; `None`: the only phone attached.
    pub serial: Option<String>,
    /// `screenrecord --bit-rate`.
    pub bit_rate: u32,
}

impl Default for AdbOptions {
    fn default() -> Self {
        Self {
            program: Adb::program_from_env(),
            serial: None,
            bit_rate: DEFAULT_BIT_RATE,
        }
    }
}

/// A real phone attached by USB.
#[derive(Debug)]
pub struct AdbPhone {
    adb: Adb,
    bit_rate: u32,
    manufacturer: String,
    model: String,
    android_version: String,
    locale: Option<String>,
    capabilities: CapabilitySet,
    screen: Shared,
    tools: ScreenTools,
    /// How long each diagnostics command may take.
    diagnostics_limit: Duration,
    threads: Vec<JoinHandle<()>>,
    sharing: bool,
    /// The screenshot last handed to the session.
    still: Option<RgbaImage>,
    shell: InputShell,
    gestures: Gestures,
}

impl AdbPhone {
    /// Finds the phone (`adb devices -l`), reads what it is and what it can do.
    pub fn open(options: &AdbOptions) -> Result<Self, AdbError> {
        let listing =
            Adb::new(&options.program).run(&["devices", "-l"], super::command::COMMAND_TIMEOUT)?;
        let listing = String::from_utf8_lossy(&listing);
        let serial = devices::choose(&devices::parse(&listing), options.serial.as_deref())?;
        let adb = Adb::new(&options.program).for_serial(&serial);
        let probe = adb.shell_sections(&[
            "getprop",
            "wm size",
            "dumpsys display",
            "ls /system/bin/screenrecord /system/bin/screencap",
            "screenrecord --help",
        ])?;
        let props = getprop::parse(&probe[0]);
        let geometry = Geometry::read(&probe[1], &probe[2]);
        let sdk = getprop::sdk(&props);
        let has = |tool: &str| {
            let path = format!("/system/bin/{tool}");
            probe[3].lines().any(|l| l.trim() == path)
        };
        let tools = ScreenTools::detect(sdk, &probe[4]);
        let mode = if geometry.is_none() {
            ScreenMode::Unavailable
        } else if has("screenrecord") && tools.h264 {
            ScreenMode::H264
        } else if has("screencap") {
            ScreenMode::Screenshots
        } else {
            ScreenMode::Unavailable
        };
        if !tools.exec_out {
            let how = match mode {
                ScreenMode::Screenshots => {
                    "the screen is shared as screenshots read through `adb shell screencap -p`"
                }
                _ => "without screencap either, the phone joins chat-only",
            };
            tracing::info!(
                "adb phone {serial}: before Android 5 (SDK {sdk:?}) there is no `adb exec-out` \
                 nor H.264 from screenrecord; {how}"
            );
        }
        let mut capabilities = CapabilitySet::NONE
            .with(Capability::Diagnostics)
            .with(Capability::LogFiles);
        if mode != ScreenMode::Unavailable {
            capabilities = capabilities
                .with(Capability::ScreenView)
                .with(Capability::RemoteControl);
        }
        let support = match sdk {
            Some(_) => InputSupport::for_sdk(sdk),
            // `input` with no arguments prints its usage, which lists what it can do.
            None => InputSupport::from_usage(&adb.shell("input 2>&1").unwrap_or_default()),
        };
        let info = getprop::device_info(&props);
        tracing::info!(
            "adb phone {serial}: {:?} {:?}, SDK {sdk:?}, screen {geometry:?}, {mode:?}, {tools:?}",
            info.manufacturer,
            info.model
        );
        Ok(Self {
            bit_rate: options.bit_rate,
            manufacturer: info.manufacturer.unwrap_or_default(),
            model: info.model.unwrap_or_else(|| serial.clone()),
            android_version: info.android_version.unwrap_or_default(),
            locale: getprop::locale(&props),
            capabilities,
            screen: Arc::new((Mutex::new(ScreenState::new(mode, geometry)), Condvar::new())),
            tools,
            diagnostics_limit: super::command::COMMAND_TIMEOUT,
            threads: Vec::new(),
            sharing: false,
            still: None,
            shell: InputShell::new(adb.clone()),
            gestures: Gestures::new(support),
            adb,
        })
    }

    /// The phone's serial.
    pub fn serial(&self) -> &str {
        self.adb.serial().unwrap_or_default()
    }

    /// How the screen is captured now.
    pub fn screen_mode(&self) -> ScreenMode {
        worker::lock(&self.screen).mode
    }

    /// How long each diagnostics command may take (15 s unless set): one that takes longer
    /// leaves its part of the report empty, the rest is kept.
    pub fn set_diagnostics_limit(&mut self, limit: Duration) {
        self.diagnostics_limit = limit;
    }

    /// How many times `screenrecord` was started.
    pub fn screenrecord_runs(&self) -> u64 {
        worker::lock(&self.screen).runs
    }

    fn geometry(&self) -> Option<Geometry> {
        worker::lock(&self.screen).geometry
    }

    fn start_sharing(&mut self) {
        self.threads.retain(|t| !t.is_finished());
        if !self.threads.is_empty() {
            // The last ones are still winding down; they stop at their next look.
            tracing::debug!("screen threads of the last share are still ending");
        }
        let generation = match worker::start(
            self.adb.clone(),
            self.bit_rate,
            self.tools,
            Arc::clone(&self.screen),
        ) {
            Ok((thread, generation)) => {
                self.threads.push(thread);
                generation
            }
            Err(err) => {
                tracing::warn!("cannot start the screen thread: {err}");
                return;
            }
        };
        let adb = self.adb.clone();
        let shared = Arc::clone(&self.screen);
        match std::thread::Builder::new()
            .name("adb-geometry".into())
            .spawn(move || watch_geometry(&adb, &shared, generation))
        {
            Ok(thread) => self.threads.push(thread),
            Err(err) => tracing::warn!("cannot start the geometry thread: {err}"),
        }
    }
}

/// Reads size and rotation again every [`GEOMETRY_INTERVAL`] while sharing; a change
/// restarts `screenrecord` (a new stream, announced with a new `StreamStart`).
fn watch_geometry(adb: &Adb, shared: &Shared, generation: u64) {
    loop {
        worker::pause(shared, GEOMETRY_INTERVAL, generation);
        if !worker::lock(shared).live(generation) {
            return;
        }
        let Ok(parts) = adb.shell_sections(&["wm size", "dumpsys display"]) else {
            continue;
        };
        let Some(now) = Geometry::read(&parts[0], &parts[1]) else {
            continue;
        };
        let mut state = worker::lock(shared);
        if state.geometry != Some(now) {
            tracing::info!("the screen is now {:?}", now);
            state.geometry = Some(now);
            state.restart();
            if let Some(waker) = &state.waker {
                waker.wake();
            }
        }
    }
}

impl Device for AdbPhone {
    fn summary(&self) -> DeviceSummary {
        let size = self.frame_size();
        DeviceSummary {
            manufacturer: self.manufacturer.clone(),
            model: self.model.clone(),
            android_version: self.android_version.clone(),
            screen: (!self.capabilities.is_chat_only()).then_some((size.width, size.height)),
            capabilities: self.capabilities,
            locale: self.locale.clone(),
        }
    }

    fn capabilities(&self) -> CapabilitySet {
        self.capabilities
    }

    /// The size of the frames sent: the screenshot's, or the H.264 pictures' (which an
    /// encoder may make another size than the display's); touches aimed at them are scaled to
    /// the display.
    fn frame_size(&self) -> FrameSize {
        let state = worker::lock(&self.screen);
        match state.mode {
            ScreenMode::Screenshots => {
                if let Some(still) = &self.still {
                    return FrameSize::new(still.width(), still.height());
                }
            }
            ScreenMode::H264 => {
                if let Some(size) = state.video_size {
                    return size;
                }
            }
            ScreenMode::Unavailable => {}
        }
        state.geometry.map_or(FrameSize::new(0, 0), |g| g.size)
    }

    fn rotation(&self) -> Rotation {
        self.geometry().map(|g| g.rotation).unwrap_or_default()
    }

    fn tick(&mut self, _now: Duration) {}

    fn next_tick(&self) -> Option<Duration> {
        None
    }

    fn screen_changed(&self) -> bool {
        let state = worker::lock(&self.screen);
        !state.frames.is_empty() || state.still.is_some()
    }

    fn capture(&mut self, _now: Duration) -> Option<&RgbaImage> {
        let fresh = worker::lock(&self.screen).still.take();
        if fresh.is_some() {
            self.still = fresh;
        }
        self.still.as_ref()
    }

    fn capture_frame(&mut self, now: Duration) -> Option<Capture<'_>> {
        let mode = {
            let mut state = worker::lock(&self.screen);
            if let Some(frame) = state.frames.pop_front() {
                return Some(Capture::Encoded(frame));
            }
            state.mode
        };
        match mode {
            ScreenMode::Screenshots => self.capture(now).map(Capture::Rgba),
            ScreenMode::H264 | ScreenMode::Unavailable => None,
        }
    }

    fn request_keyframe(&mut self) {
        worker::lock(&self.screen).restart();
    }

    fn set_waker(&mut self, waker: DeviceWaker) {
        worker::lock(&self.screen).waker = Some(waker);
    }

    fn inject(&mut self, event: &InputEvent, _now: Duration) -> Result<(), InputError> {
        if !self.capabilities.contains(Capability::RemoteControl) {
            return Err(InputError::Unsupported);
        }
        InputError::check(event, self.frame_size())?;
        // Touches are aimed at the frames sent; `input` takes the display's pixels.
        let display = self.geometry().map_or(FrameSize::new(0, 0), |g| g.size);
        let lines =
            self.gestures
                .commands(event, display)
                .map_err(|err| InputError::Untypable {
                    first: err.0.first().copied().unwrap_or('\u{fffd}'),
                    others: err.0.len().saturating_sub(1),
                })?;
        self.shell.send(&lines).map_err(|err| {
            tracing::warn!("input: {err}");
            InputError::Failed("the adb shell on the phone closed")
        })
    }

    fn diagnostics(&mut self, _now: Duration) -> DeviceDiagnostics {
        let outputs = report::collect(&self.adb, self.diagnostics_limit);
        let mut sources = diag::Sources::from_outputs(outputs);
        if diag::ps::parse(&sources.ps).len() < 2 {
            // Old toolbox `ps` lists everything without -A (and takes -A as a name).
            if let Ok(ps) = self.adb.shell("ps") {
                sources.ps = ps;
            }
        }
        diag::assemble(&sources)
    }

    fn logs(&mut self, _now: Duration) -> Vec<LogFile> {
        logs::collect(&self.adb)
    }

    fn set_sharing_indicator(&mut self, on: bool) {
        if on == self.sharing {
            return;
        }
        self.sharing = on;
        if on {
            self.start_sharing();
        } else {
            worker::stop(&self.screen);
            self.still = None;
        }
    }

    // Prompts are answered at the computer (terminal or window): nothing shows on the phone.
    fn show_prompt(&mut self, _prompt: ConsentPrompt) {}

    fn dismiss_prompts(&mut self) {}

    fn take_prompt_answer(&mut self) -> Option<PromptAnswer> {
        None
    }
}

impl Drop for AdbPhone {
    fn drop(&mut self) {
        worker::stop(&self.screen);
        self.shell.stop();
    }
}
