//! `lifeline-bench console`: the technician console's resident memory and CPU while one
//! session streams a scroll at 60 fps.
//!
//! Starts the real `lifeline-console --demo` (found next to this program, so build both in
//! the same profile) with its demo phone scrolling Settings by itself at 60 fps and the
//! console asking for 60 fps, on the X display in `DISPLAY` or on an Xvfb of its own. After
//! the warm-up it samples the console's `/proc` entries four times a second: resident memory
//! (VmRSS; the peak is the figure), CPU time of the console and of the demo phone's process,
//! and the frame rate the console logs for the stream. Then it tells the console to stop
//! (SIGTERM) and checks that it exits cleanly.
//!
//! Linux only (it reads `/proc`).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::xvfb::Display;

/// Linux reports process CPU times in these units (USER_HZ, fixed at 100 for user space).
const TICKS_PER_SEC: f64 = 100.0;
/// The memory target the console issue sets, in MB.
const TARGET_RSS_MB: f64 = 300.0;

/// Options of `lifeline-bench console`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ConsoleArgs {
    /// Print the report as one JSON object on the last line of stdout.
    #[arg(long)]
    pub(crate) json: bool,
    /// Seconds measured, after the warm-up.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub(crate) seconds: u64,
    /// Seconds of streaming before measuring.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(0..=300))]
    pub(crate) warmup: u64,
    /// The console binary (default: `lifeline-console` next to this program).
    #[arg(long, value_name = "PATH")]
    pub(crate) console: Option<PathBuf>,
}

/// What was measured.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ConsoleReport {
    /// Highest resident memory of the console while streaming.
    rss_mb_peak: f64,
    /// Mean resident memory while streaming.
    rss_mb_mean: f64,
    /// The console's CPU use, in % of one core.
    cpu_percent: f64,
    /// The demo phone's CPU use (render + encode), in % of one core.
    phone_cpu_percent: f64,
    /// Frames a second the console received, from its own log.
    fps: f64,
    /// Pictures a second the console put on screen (a slow UI skips to the latest), from
    /// its own log.
    fps_shown: f64,
    /// Seconds measured.
    seconds: f64,
    /// Whether the console exited with status 0 when told to stop.
    clean_exit: bool,
}

/// Runs the benchmark and prints the report.
pub(crate) fn run(args: &ConsoleArgs) -> Result<()> {
    let report = measure(args)?;
    eprintln!("{}", format_report(&report));
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    }
    if !report.clean_exit {
        bail!("the console did not exit cleanly when told to stop");
    }
    Ok(())
}

fn measure(args: &ConsoleArgs) -> Result<ConsoleReport> {
    let console = match &args.console {
        Some(path) => path.clone(),
        None => beside_this_program("lifeline-console")?,
    };
    let display = Display::existing_or_xvfb()?;
    let work = TempDir::new()?;
    let mut child = Command::new(&console)
        .args(["--demo", "--demo-activity", "scroll", "--max-fps", "60"])
        .arg("--data-dir")
        .arg(work.0.join("relay"))
        .arg("--downloads")
        .arg(work.0.join("downloads"))
        .env("DISPLAY", display.name())
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", &work.0)
        .env("XDG_DATA_HOME", work.0.join("data"))
        .env("XDG_CONFIG_HOME", work.0.join("config"))
        .env("RUST_LOG", "info,wgpu_core=warn,wgpu_hal=warn,naga=warn")
        // The console logs (tracing) to standard output.
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("could not start {}", console.display()))?;
    let log = FrameRateLog::follow(&mut child)?;
    let result = sample(&mut child, &log, args);
    let clean_exit = stop(&mut child);
    let mut report = result?;
    report.clean_exit = clean_exit;
    Ok(report)
}

/// Waits for the stream, warms up, then samples.
fn sample(child: &mut Child, log: &FrameRateLog, args: &ConsoleArgs) -> Result<ConsoleReport> {
    let pid = child.id();
    let deadline = Instant::now() + Duration::from_secs(120);
    while log.rates().is_empty() {
        if let Some(status) = child.try_wait()? {
            bail!("the console stopped ({status}):\n{}", log.text());
        }
        if Instant::now() > deadline {
            bail!("no video after 120 s:\n{}", log.text());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_secs(args.warmup));
    let (seen_rates, seen_shown) = (log.rates().len(), log.shown_rates().len());
    let phone = child_pids(pid).into_iter().next();
    let (cpu0, phone0, t0) = (cpu_ticks(pid)?, phone.map(cpu_ticks), Instant::now());
    let mut rss = Vec::new();
    while t0.elapsed() < Duration::from_secs(args.seconds) {
        rss.push(rss_mb(pid)?);
        std::thread::sleep(Duration::from_millis(250));
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu = (cpu_ticks(pid)? - cpu0) / TICKS_PER_SEC / secs * 100.0;
    let phone_cpu = match (phone, phone0) {
        (Some(pid), Some(Ok(before))) => cpu_ticks(pid)
            .map(|after| (after - before) / TICKS_PER_SEC / secs * 100.0)
            .unwrap_or(0.0),
        _ => 0.0,
    };
    let rates = log.rates();
    let measured = rates.get(seen_rates..).filter(|r| !r.is_empty());
    let fps = measured
        .or(rates.last().map(std::slice::from_ref))
        .map_or(0.0, |r| r.iter().sum::<f64>() / r.len() as f64);
    let shown = log.shown_rates();
    let fps_shown = shown
        .get(seen_shown..)
        .filter(|r| !r.is_empty())
        .or(shown.last().map(std::slice::from_ref))
        .map_or(0.0, |r| r.iter().sum::<f64>() / r.len() as f64);
    Ok(ConsoleReport {
        rss_mb_peak: rss.iter().copied().fold(0.0, f64::max),
        rss_mb_mean: rss.iter().sum::<f64>() / rss.len().max(1) as f64,
        cpu_percent: cpu,
        phone_cpu_percent: phone_cpu,
        fps,
        fps_shown,
        seconds: secs,
        clean_exit: false,
    })
}

/// SIGTERM, then up to 30 s for a clean exit; killed otherwise.
fn stop(child: &mut Child) -> bool {
    let told = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .is_ok_and(|s| s.success());
    let deadline = Instant::now() + Duration::from_secs(30);
    while told && Instant::now() < deadline {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    false
}

fn format_report(r: &ConsoleReport) -> String {
    format!(
        "console: one session scrolling at 60 fps, {:.0} s measured\n\
         \x20 resident memory  peak {:.0} MB, mean {:.0} MB (target < {TARGET_RSS_MB:.0} MB: {})\n\
         \x20 CPU              console {:.0} % of one core, demo phone {:.0} %\n\
         \x20 frames received  {:.1} fps, put on screen {:.1} a second\n\
         \x20 exit on SIGTERM  {}",
        r.seconds,
        r.rss_mb_peak,
        r.rss_mb_mean,
        if r.rss_mb_peak < TARGET_RSS_MB {
            "met"
        } else {
            "MISSED"
        },
        r.cpu_percent,
        r.phone_cpu_percent,
        r.fps,
        r.fps_shown,
        if r.clean_exit { "clean" } else { "NOT clean" },
    )
}

/// A program in the same folder as this one.
fn beside_this_program(name: &str) -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let path = exe.with_file_name(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if !path.is_file() {
        bail!(
            "{} is not built; build it in the same profile (e.g. `cargo build --release -p \
             lifeline-console -p lifeline-agent-android`)",
            path.display()
        );
    }
    Ok(path)
}

/// Resident memory of `pid` in MB (VmRSS).
fn rss_mb(pid: u32) -> Result<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .context("no VmRSS in /proc/PID/status")?;
    Ok(kib / 1024.0)
}

/// User + system CPU time of `pid`, in ticks.
fn cpu_ticks(pid: u32) -> Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // The command name (field 2) may hold spaces; the fields after its ')' are plain.
    let after = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .context("malformed /proc/PID/stat")?;
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the ')'.
    let tick = |i: usize| -> Result<f64> {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .context("malformed /proc/PID/stat")
    };
    Ok(tick(11)? + tick(12)?)
}

/// The children of `pid` (the demo phone is the console's only child process).
fn child_pids(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|c| {
            c.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

/// The console's log, read on a thread: its `video: N fps` lines and the last lines for
/// error messages.
#[derive(Clone, Default)]
struct FrameRateLog(Arc<Mutex<LogLines>>);

/// What [`FrameRateLog`] kept of the log.
#[derive(Default)]
struct LogLines {
    /// `video: N fps` rates: frames received.
    received: Vec<f64>,
    /// `viewer: N pictures/s on screen` rates.
    shown: Vec<f64>,
    /// The last lines, for error messages.
    last: Vec<String>,
}

impl FrameRateLog {
    fn follow(child: &mut Child) -> Result<Self> {
        let log_out = child
            .stdout
            .take()
            .context("the console's log is not piped")?;
        let log = Self::default();
        let shared = log.clone();
        std::thread::Builder::new()
            .name("console-log".into())
            .spawn(move || {
                for line in BufReader::new(log_out).lines().map_while(Result::ok) {
                    shared.push(&line);
                }
            })?;
        Ok(log)
    }

    fn push(&self, line: &str) {
        let Ok(mut inner) = self.0.lock() else {
            return;
        };
        if let Some(fps) = parse_fps(line) {
            inner.received.push(fps);
        }
        if let Some(shown) = parse_shown(line) {
            inner.shown.push(shown);
        }
        inner.last.push(line.to_owned());
        if inner.last.len() > 40 {
            inner.last.remove(0);
        }
    }

    fn rates(&self) -> Vec<f64> {
        self.0
            .lock()
            .map(|i| i.received.clone())
            .unwrap_or_default()
    }

    fn shown_rates(&self) -> Vec<f64> {
        self.0.lock().map(|i| i.shown.clone()).unwrap_or_default()
    }

    fn text(&self) -> String {
        self.0.lock().map(|i| i.last.join("\n")).unwrap_or_default()
    }
}

/// The rate in a console log line `… video: 59.8 fps, 1234 kbit/s`.
fn parse_fps(line: &str) -> Option<f64> {
    // The log target (`…::net::video: `) comes first; the rate follows the last match.
    line.match_indices("video: ").find_map(|(at, tag)| {
        let rest = &line[at + tag.len()..];
        rest.split_once(" fps")?.0.parse().ok()
    })
}

/// The rate in a console log line `… viewer: 41.3 pictures/s on screen`.
fn parse_shown(line: &str) -> Option<f64> {
    line.match_indices("viewer: ").find_map(|(at, tag)| {
        let rest = &line[at + tag.len()..];
        rest.split_once(" pictures/s")?.0.parse().ok()
    })
}

/// A temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self> {
        let path = std::env::temp_dir().join(format!(
            "lifeline-bench-console-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default()
                .as_nanos()
        ));
        std::fs::create_dir_all(&path)?;
        Ok(Self(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_frame_rate_from_the_console_log() {
        let line = "2026-11-21T22:00:00Z  INFO lifeline_console::net::video: video: 59.8 fps, \
                    1234 kbit/s code=123456789";
        assert_eq!(parse_fps(line), Some(59.8));
        assert_eq!(parse_fps("video: fast fps"), None);
        assert_eq!(parse_fps("nothing here"), None);
        let line = "2026-11-22T02:00:00Z  INFO lifeline_console::viewer::texture: viewer: \
                    41.3 pictures/s on screen";
        assert_eq!(parse_shown(line), Some(41.3));
        assert_eq!(parse_shown("viewer: many pictures/s"), None);
        assert_eq!(parse_fps(line), None);
    }

    #[test]
    fn reads_this_process_from_proc() {
        let pid = std::process::id();
        assert!(rss_mb(pid).unwrap() > 1.0);
        assert!(cpu_ticks(pid).unwrap() >= 0.0);
        assert!(rss_mb(u32::MAX).is_err());
    }
}
