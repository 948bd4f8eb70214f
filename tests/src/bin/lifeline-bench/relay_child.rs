//! The relay under test as a child process (`lifeline-bench serve-relay`), so its CPU time
//! and memory can be read from `/proc/PID` apart from the clients'.

use std::io::{BufRead, BufReader, Write as _};
use std::net::SocketAddr;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};
use lifeline_protocol::{CertFingerprint, SessionCode};
use lifeline_relay::{Limits, Relay, RelayConfig};
use serde::{Deserialize, Serialize};

use crate::peers::{self, Ticket};

/// Options of the hidden `serve-relay` subcommand.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ServeArgs {
    /// Codes to create (one session each).
    #[arg(long, default_value_t = 1)]
    pub(crate) codes: usize,
}

/// What the child tells the parent on its first line.
#[derive(Debug, Serialize, Deserialize)]
struct Ready {
    quic_addr: SocketAddr,
    fingerprint: String,
    tickets: Vec<(String, String)>,
}

/// Runs the relay with limits high enough for the benchmark until stdin closes.
pub(crate) fn serve(args: &ServeArgs) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let dir = tempfile::tempdir()?;
        let mut config = RelayConfig::loopback(dir.path());
        config.limits = Limits {
            connections_per_address: 100_000,
            max_sessions: 100_000,
            join_attempts_per_minute: 100_000,
            ..Limits::default()
        };
        let relay = Relay::start(config).await?;
        let tickets = peers::tickets(&relay, args.codes).await?;
        let ready = Ready {
            quic_addr: relay.quic_addr,
            fingerprint: relay.fingerprint.to_string(),
            tickets: tickets
                .into_iter()
                .map(|t| (t.token, t.code.digits()))
                .collect(),
        };
        println!("{}", serde_json::to_string(&ready)?);
        // Answers "heap" with the bytes in use, until the parent closes our stdin.
        tokio::task::spawn_blocking(|| {
            for line in std::io::stdin().lines() {
                let Ok(line) = line else { break };
                if line.trim() == "heap" {
                    let bytes = lifeline_relay::allocator::heap_in_use_bytes().unwrap_or(0);
                    println!("{bytes}");
                }
            }
        })
        .await?;
        relay.shutdown().await;
        drop(dir);
        anyhow::Ok(())
    })
}

/// The relay child, seen from the benchmark.
#[derive(Debug)]
pub(crate) struct RelayChild {
    child: Child,
    /// The child's stdin and stdout, to ask it questions.
    control: Mutex<(ChildStdin, BufReader<ChildStdout>)>,
    pub(crate) quic_addr: SocketAddr,
    pub(crate) fingerprint: CertFingerprint,
    pub(crate) tickets: Vec<Ticket>,
}

impl RelayChild {
    /// Starts `lifeline-bench serve-relay --codes N` and reads its first line.
    pub(crate) fn start(codes: usize) -> Result<Self> {
        let exe = std::env::current_exe()?;
        // A profiler to run the relay under, e.g. `LIFELINE_BENCH_RELAY_UNDER=heaptrack`.
        let mut command = match std::env::var("LIFELINE_BENCH_RELAY_UNDER") {
            Ok(wrapper) if !wrapper.trim().is_empty() => {
                let mut words = wrapper.split_whitespace();
                let mut command = Command::new(words.next().unwrap_or_default());
                command.args(words).arg(exe);
                command
            }
            _ => Command::new(exe),
        };
        let mut child = command
            .args(["serve-relay", "--codes", &codes.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("starting the relay child")?;
        let stdin = child.stdin.take().context("the child's stdin")?;
        let stdout = child.stdout.take().context("the child's stdout")?;
        let mut stdout = BufReader::new(stdout);
        // The first line that is a JSON object (a profiler may print its own lines first).
        let mut line = String::new();
        while stdout.read_line(&mut line)? > 0 && !line.trim_start().starts_with('{') {
            line.clear();
        }
        if line.trim().is_empty() {
            let _ = child.kill();
            bail!("the relay child did not start");
        }
        let ready: Ready = serde_json::from_str(line.trim())?;
        let tickets = ready
            .tickets
            .into_iter()
            .map(|(token, code)| {
                Ok(Ticket {
                    token,
                    code: code.parse::<SessionCode>()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            child,
            control: Mutex::new((stdin, stdout)),
            quic_addr: ready.quic_addr,
            fingerprint: ready.fingerprint.parse()?,
            tickets,
        })
    }

    /// CPU time used so far (user + system), seconds; `/proc/PID/stat` counts in ticks of
    /// 1/100 s (the Linux default `CLK_TCK`).
    pub(crate) fn cpu_seconds(&self) -> Result<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))?;
        // The command name may hold spaces; fields are counted after its closing ')'.
        let after = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest)
            .context("a stat line")?;
        let fields: Vec<&str> = after.split_whitespace().collect();
        // utime and stime are fields 14 and 15 of the line: indices 11 and 12 after the name.
        let ticks = |i: usize| -> Result<f64> {
            Ok(fields.get(i).context("a stat field")?.parse::<f64>()?)
        };
        Ok((ticks(11)? + ticks(12)?) / 100.0)
    }

    /// Memory the relay has allocated and not freed, KiB (glibc's count; 0 elsewhere).
    pub(crate) fn heap_kib(&self) -> Result<u64> {
        let mut control = self
            .control
            .lock()
            .map_err(|_| anyhow::anyhow!("the relay child's pipes"))?;
        let (stdin, stdout) = &mut *control;
        stdin.write_all(b"heap\n")?;
        stdin.flush()?;
        let mut line = String::new();
        stdout.read_line(&mut line)?;
        Ok(line
            .trim()
            .parse::<u64>()
            .context("the relay child's heap figure")?
            / 1024)
    }

    /// Resident memory, KiB (`VmRSS`).
    pub(crate) fn rss_kib(&self) -> Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let line = status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .context("VmRSS")?;
        Ok(line
            .split_whitespace()
            .nth(1)
            .context("a VmRSS value")?
            .parse()?)
    }
}

impl Drop for RelayChild {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
