//! `lifeline-agent join`: connect, wait for the technician, run the session in the terminal.

use std::io::IsTerminal as _;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use lifeline_agent_android::device::Device as _;
use lifeline_agent_android::session::join::{self, JoinTarget};
use lifeline_agent_android::session::{self, AgentClock, SessionConfig};
use lifeline_agent_android::terminal::{self, TerminalInput, TerminalOptions};
use lifeline_protocol::link::SessionLink;
use lifeline_protocol::quic::{self, ConnectOptions};
use tokio::sync::mpsc;

use super::JoinArgs;

/// Exit status after Ctrl-C before the session started.
const INTERRUPTED: u8 = 130;

impl JoinArgs {
    /// Where to join, from the link or from --code, --relay and --fingerprint.
    fn target(&self) -> Result<JoinTarget> {
        if let Some(link) = &self.link {
            let link: SessionLink = link.parse()?;
            return Ok(JoinTarget::from_link(link, self.fingerprint)?);
        }
        match (self.code, &self.relay, self.fingerprint) {
            (Some(code), Some(relay), Some(fp)) => {
                Ok(JoinTarget::from_parts(code, relay.clone(), fp))
            }
            // clap makes these go together.
            _ => bail!("give a link, or --code with --relay and --fingerprint"),
        }
    }

    fn config(&self) -> SessionConfig {
        SessionConfig {
            approval: self.approve,
            max_fps: self.max_fps,
            ..SessionConfig::default()
        }
    }
}

/// Runs `join`; `Err` is one line for standard error.
pub(crate) async fn run(args: JoinArgs) -> Result<ExitCode> {
    if args.window {
        bail!(
            "the desktop window (--window) is not available in this build yet; run without \
             --window to use the terminal"
        );
    }
    let name = args.name.trim();
    if name.is_empty() {
        bail!("--name must not be empty: the technician sees it");
    }
    let target = args.target()?;
    let phone = args.device.build(args.log_size);
    let summary = phone.summary();
    let timeout = Duration::from_secs(args.timeout);
    let options = ConnectOptions {
        timeout,
        ..ConnectOptions::default()
    };

    if let JoinTarget::Page { url, .. } = &target {
        println!("Opening {url}…");
    }
    let endpoint = join::resolve(&target, timeout).await?;
    println!(
        "Joining session {} at {} as {name} ({}).",
        endpoint.code, endpoint.relay, args.device
    );
    let hello = join::customer_hello(endpoint.code, name, summary);
    let admission = quic::admit(endpoint.relay.clone(), &endpoint.trust, &hello, &options).await?;
    if admission.is_waiting() {
        println!("Waiting for your technician to open the session…");
    }
    let relay = tokio::select! {
        paired = admission.paired() => paired?,
        _ = tokio::signal::ctrl_c() => {
            println!("Cancelled.");
            return Ok(ExitCode::from(INTERRUPTED));
        }
    };

    let device = Arc::new(Mutex::new(phone));
    let (task, frontend) = session::start(relay, device, args.config(), AgentClock::start());
    let (input, typed) = mpsc::channel(64);
    terminal::spawn_stdin_reader(input.clone()).context("cannot read standard input")?;
    tokio::spawn(async move {
        while tokio::signal::ctrl_c().await.is_ok() {
            if input.send(TerminalInput::Interrupt).await.is_err() {
                return;
            }
        }
    });
    let options = TerminalOptions {
        interactive: std::io::stdin().is_terminal(),
    };
    terminal::run(frontend, typed, std::io::stdout(), options)
        .await
        .context("cannot write to the terminal")?;
    let outcome = task.wait().await;
    if outcome.is_clean() {
        Ok(ExitCode::SUCCESS)
    } else {
        bail!("the session ended: {}", outcome.reason)
    }
}
