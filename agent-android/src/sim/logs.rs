//! The phone's logs: logcat (threadtime format) and the agent's own log.
//!
//! Real events (apps started, touches, keys, switches, consent answers) are recorded as
//! they happen. When the log files are read, logcat is filled up with plausible background
//! chatter from a fixed-seed generator to exactly the size asked for, so a transfer of
//! several megabytes can be watched, and the same phone always gives the same bytes.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::time::Duration;

use super::clock::{WallClock, full_stamp, logcat_stamp};
use super::profile::Profile;
use crate::device::LogFile;

/// Default size of `logcat.txt`.
pub const DEFAULT_LOG_SIZE: usize = 256 * 1024;
/// Smallest `logcat.txt` the phone produces (a few lines).
pub const MIN_LOG_SIZE: usize = 1024;
/// Largest `logcat.txt` the phone produces.
pub const MAX_LOG_SIZE: usize = 256 * 1024 * 1024;
/// Real events kept (older ones are dropped, as logcat's ring buffer does).
const MAX_EVENTS: usize = 50_000;
const HEADER: &str = "--------- beginning of main\n";

/// Log priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    Verbose,
    Debug,
    Info,
    Warn,
}

impl Level {
    fn letter(self) -> char {
        match self {
            Self::Verbose => 'V',
            Self::Debug => 'D',
            Self::Info => 'I',
            Self::Warn => 'W',
        }
    }

    fn word(self) -> &'static str {
        match self {
            Self::Verbose => "TRACE",
            Self::Debug => "DEBUG",
            Self::Info => " INFO",
            Self::Warn => " WARN",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// Milliseconds since the simulation started (negative: before).
    at_ms: i64,
    pid: u32,
    tid: u32,
    level: Level,
    tag: String,
    msg: String,
}

/// Recorded events and the requested logcat size.
#[derive(Debug, Clone)]
pub(crate) struct LogBook {
    clock: WallClock,
    events: VecDeque<Entry>,
    agent: VecDeque<Entry>,
    size: usize,
    /// Uptime at simulation start, ms: logcat starts after boot.
    boot_ms: i64,
    battery_start: u8,
    ssid: &'static str,
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX / 4)
}

impl LogBook {
    pub(crate) fn new(profile: &Profile, clock: WallClock) -> Self {
        let mut book = Self {
            clock,
            events: VecDeque::new(),
            agent: VecDeque::new(),
            size: DEFAULT_LOG_SIZE,
            boot_ms: ms(super::clock::UPTIME_AT_START),
            battery_start: profile.battery_start_percent,
            ssid: profile.wifi_ssid,
        };
        book.agent(
            Duration::ZERO,
            Level::Info,
            format!(
                "lifeline-agent {} on {} {} (Android {}, API {})",
                env!("CARGO_PKG_VERSION"),
                profile.manufacturer,
                profile.model,
                profile.android_version,
                profile.api_level
            ),
        );
        book
    }

    /// Sets the size of `logcat.txt`, clamped to [`MIN_LOG_SIZE`]..=[`MAX_LOG_SIZE`].
    pub(crate) fn set_size(&mut self, bytes: usize) {
        self.size = bytes.clamp(MIN_LOG_SIZE, MAX_LOG_SIZE);
    }

    pub(crate) fn size(&self) -> usize {
        self.size
    }

    /// Records a logcat line.
    pub(crate) fn event(
        &mut self,
        at: Duration,
        pid: u32,
        tid: u32,
        level: Level,
        tag: &str,
        msg: String,
    ) {
        if self.events.len() >= MAX_EVENTS {
            self.events.pop_front();
        }
        self.events.push_back(Entry {
            at_ms: ms(at),
            pid,
            tid,
            level,
            tag: tag.to_owned(),
            msg: sanitize(msg),
        });
    }

    /// Records a line of the agent's own log.
    pub(crate) fn agent(&mut self, at: Duration, level: Level, msg: String) {
        if self.agent.len() >= MAX_EVENTS {
            self.agent.pop_front();
        }
        self.agent.push_back(Entry {
            at_ms: ms(at),
            pid: 0,
            tid: 0,
            level,
            tag: String::new(),
            msg: sanitize(msg),
        });
    }

    /// `logcat.txt` and `lifeline-agent.log` as of `now`.
    pub(crate) fn files(&self, now: Duration) -> Vec<LogFile> {
        vec![
            LogFile {
                name: "logcat.txt".into(),
                bytes: self.logcat(now),
            },
            LogFile {
                name: "lifeline-agent.log".into(),
                bytes: self.agent_log(),
            },
        ]
    }

    fn line(&self, e: &Entry) -> String {
        let c = self.clock.civil_at_ms(e.at_ms);
        format!(
            "{} {:>5} {:>5} {} {:<8}: {}\n",
            logcat_stamp(&c),
            e.pid,
            e.tid,
            e.level.letter(),
            e.tag,
            e.msg
        )
    }

    fn agent_log(&self) -> Vec<u8> {
        let mut out = String::new();
        let mut entries: Vec<&Entry> = self.agent.iter().collect();
        entries.sort_by_key(|e| e.at_ms);
        for e in entries {
            let c = self.clock.civil_at_ms(e.at_ms);
            let _ = writeln!(
                out,
                "{} {} lifeline_agent: {}",
                full_stamp(&c),
                e.level.word(),
                e.msg
            );
        }
        out.into_bytes()
    }

    /// Exactly `self.size` bytes of threadtime lines, ending with the real events.
    fn logcat(&self, now: Duration) -> Vec<u8> {
        let budget = self.size.saturating_sub(HEADER.len());
        let mut events: Vec<&Entry> = self.events.iter().collect();
        events.sort_by_key(|e| e.at_ms);
        let mut lines: Vec<(i64, String)> =
            events.iter().map(|e| (e.at_ms, self.line(e))).collect();
        // Keep the newest events that fit, leaving room for at least one line of padding.
        let mut used: usize = lines.iter().map(|(_, l)| l.len()).sum();
        let mut first = 0;
        while used + 200 > budget && first < lines.len() {
            used -= lines[first].1.len();
            first += 1;
        }
        let lines = lines.split_off(first);

        let mut filler = Filler::new(self.battery_start, self.ssid);
        let mut fill: Vec<Entry> = Vec::new();
        let mut fill_bytes = 0usize;
        let room = budget - used;
        loop {
            let e = filler.next();
            let len = self.line(&e).len();
            if fill_bytes + len > room {
                break;
            }
            fill_bytes += len;
            fill.push(e);
        }
        let rest = room - fill_bytes;
        if rest > 0 {
            let template = filler.next();
            let bare = self
                .line(&Entry {
                    msg: String::new(),
                    ..template.clone()
                })
                .len();
            if rest >= bare + 8 {
                let msg = pad_text(rest - bare);
                fill.push(Entry { msg, ..template });
            } else if let Some(last) = fill.last_mut() {
                last.msg.push(' ');
                last.msg.push_str(&pad_text(rest - 1));
            }
        }

        // Spread the background lines between shortly after boot and now.
        let start = -self.boot_ms + 30_000;
        let end = ms(now).max(start + 1);
        let n = fill.len().max(1) as i64;
        for (i, e) in fill.iter_mut().enumerate() {
            e.at_ms = start + (end - start) * i as i64 / n;
        }
        let mut out = String::with_capacity(self.size);
        out.push_str(HEADER);
        let mut fill_iter = fill.iter().peekable();
        for (at, line) in &lines {
            while let Some(f) = fill_iter.next_if(|f| f.at_ms <= *at) {
                out.push_str(&self.line(f));
            }
            out.push_str(line);
        }
        for f in fill_iter {
            out.push_str(&self.line(f));
        }
        out.into_bytes()
    }
}

/// Log text is one line of printable ASCII (control characters and non-ASCII become `?`),
/// so that a line's length in bytes is its length in characters.
fn sanitize(msg: String) -> String {
    if msg.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return msg;
    }
    msg.chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                '?'
            }
        })
        .collect()
}

fn pad_text(n: usize) -> String {
    const PHRASE: &str = "gc freed 2048(96KB) AllocSpace objects, 0(0B) LOS objects, 49% free ";
    PHRASE.chars().cycle().take(n).collect()
}

/// Background chatter from a fixed-seed generator.
struct Filler {
    state: u64,
    battery: u8,
    ssid: &'static str,
}

impl Filler {
    fn new(battery: u8, ssid: &'static str) -> Self {
        Self {
            state: 0x9E37_79B9_7F4A_7C15,
            battery,
            ssid,
        }
    }

    fn rand(&mut self) -> u64 {
        // xorshift64*
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn next(&mut self) -> Entry {
        let r = self.rand();
        let k = (r >> 32) as u32;
        let (pid, level, tag, msg) = match r % 14 {
            0 => (
                1523,
                Level::Debug,
                "WifiNative",
                format!(
                    "signal_poll: rssi={} linkspeed={} freq=5180",
                    -48 - (k % 12) as i32,
                    [433, 866, 1201][k as usize % 3]
                ),
            ),
            1 => (
                1523,
                Level::Debug,
                "BatteryService",
                format!(
                    "level:{}, scale:100, status:3, health:2, present:true, voltage:{}, temperature:{}",
                    self.battery,
                    3850 + k % 200,
                    280 + k % 30
                ),
            ),
            2 => (
                1523,
                Level::Debug,
                "ConnectivityService",
                "NetworkAgentInfo [WIFI () - 101] validation passed".to_owned(),
            ),
            3 => (
                3021,
                Level::Info,
                "NetworkScheduler",
                format!(
                    "Scheduling job com.google.android.gms/.checkin.CheckinService id={}",
                    k % 9000
                ),
            ),
            4 => (
                1523,
                Level::Verbose,
                "AlarmManager",
                format!("Triggering alarm #{}: 3 when=+{}s", k % 50, k % 900),
            ),
            5 => (
                1523,
                Level::Info,
                "chatty",
                format!(
                    "uid=1000(system) Binder:1523_{:X} identical {} lines",
                    k % 16,
                    2 + k % 8
                ),
            ),
            6 => (
                1523,
                Level::Warn,
                "ActivityManager",
                format!(
                    "Slow operation: {}ms so far, now at startProcess: done updating pids map",
                    50 + k % 200
                ),
            ),
            7 => (
                612,
                Level::Debug,
                "SurfaceFlinger",
                format!("Display 4619827259835644672 HWC layers: {}", 2 + k % 6),
            ),
            8 => (
                1523,
                Level::Debug,
                "DisplayPowerController",
                format!(
                    "Animating brightness: target={}, rate=0.{:03}",
                    k % 255,
                    k % 1000
                ),
            ),
            9 => (
                1523,
                Level::Debug,
                "NetworkMonitor/101",
                format!(
                    "PROBE_DNS connectivitycheck.gstatic.com {}ms OK",
                    5 + k % 40
                ),
            ),
            10 => (
                3021,
                Level::Info,
                "GCoreUlr",
                format!(
                    "Place inference: {} candidates, best {}%",
                    1 + k % 5,
                    40 + k % 60
                ),
            ),
            11 => (
                1523,
                Level::Debug,
                "WifiScanningService",
                format!(
                    "Scan results: {} networks, connected \"{}\"",
                    3 + k % 9,
                    self.ssid
                ),
            ),
            12 => (
                2187,
                Level::Debug,
                "StatusBarIconController",
                format!("setIconVisibility slot=wifi visible=true level={}", k % 5),
            ),
            _ => (
                1523,
                Level::Info,
                "DropBoxManagerService",
                format!(
                    "file :: /data/system/dropbox/event_data@{}.txt",
                    1_700_000_000_000u64 + u64::from(k)
                ),
            ),
        };
        Entry {
            at_ms: 0,
            pid,
            tid: pid + 1 + k % 40,
            level,
            tag: tag.to_owned(),
            msg,
        }
    }
}

#[cfg(test)]
mod tests;
