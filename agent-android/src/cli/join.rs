//! `lifeline-agent join`: connect, wait for the technician, run the session in the terminal.

use std::io::IsTerminal as _;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use lifeline_agent_android::session::join::{self, JoinError, JoinStep, JoinTarget};
use lifeline_agent_android::session::wording::end_reason;
use lifeline_agent_android::session::{self, AgentClock, SessionConfig, SessionTask};
use lifeline_agent_android::terminal::{self, TerminalInput, TerminalOptions};
use lifeline_agent_android::window::{self, Stage, StageSender};
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::link::SessionLink;
use lifeline_protocol::quic::{self, ConnectOptions};
use lifeline_protocol::tr;
use tokio::sync::mpsc;

use super::JoinArgs;
use super::device::Phone;

/// Exit status after Ctrl-C before the session started.
const INTERRUPTED: u8 = 130;

/// A failure to join as the customer reads it, in `loc`'s language (the error's `Display`
/// is for logs).
fn told(loc: Localizer, err: &JoinError) -> anyhow::Error {
    anyhow::anyhow!(join::wording::join_error(loc, err))
}

/// The session's end as a failure line, in `loc`'s language.
fn ended(loc: Localizer, reason: &lifeline_protocol::messages::control::EndReason) -> String {
    tr!(loc, "agent-ended", reason = end_reason(loc, reason))
}

impl JoinArgs {
    /// Where to join, from the link or from --code, --relay and --fingerprint; a bad link is
    /// told in `loc`'s language.
    fn target(&self, loc: Localizer) -> Result<JoinTarget> {
        if let Some(link) = &self.link {
            return link
                .parse::<SessionLink>()
                .map_err(JoinError::from)
                .and_then(|link| JoinTarget::from_link(link, self.fingerprint))
                .map_err(|err| told(loc, &err));
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
            language: self.lang,
            ..SessionConfig::default()
        }
    }
}

/// Locks a shared phone; a panic elsewhere while it was locked leaves it usable.
fn lock<D: ?Sized>(phone: &Mutex<D>) -> std::sync::MutexGuard<'_, D> {
    phone
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Starts `--activity` on a simulated phone (a real phone has no script to play), and has
/// it speak `--lang`.
fn apply_activity(phone: &Phone, args: &JoinArgs) {
    if let Phone::Sim(sim) = phone {
        let mut sim = lock(sim);
        if let Some(activity) = args.activity {
            sim.set_activity(activity);
        }
        if let Some(language) = args.lang {
            sim.set_language(language);
        }
    }
}

/// What the customer reads in: `--lang`, else the phone's locale.
fn localizer(
    device: &Mutex<dyn lifeline_agent_android::device::Device>,
    args: &JoinArgs,
) -> Localizer {
    Localizer::new(args.lang.unwrap_or_else(|| lock(device).language()))
}

/// Runs `join`; `Err` is one line for standard error.
pub(crate) async fn run(args: JoinArgs) -> Result<ExitCode> {
    if args.window {
        return run_window(args).await;
    }
    let name = args.name.trim();
    if name.is_empty() {
        bail!("--name must not be empty: the technician sees it");
    }
    // The phone first: a missing adb or phone is told before anything goes on the network.
    let phone = args.device.build(args.log_size, args.adb.clone())?;
    apply_activity(&phone, &args);
    let device = phone.device();
    let summary = lock(&device).summary();
    let loc = localizer(&device, &args);
    let target = args.target(loc)?;
    let timeout = Duration::from_secs(args.timeout);
    let options = ConnectOptions {
        timeout,
        ..ConnectOptions::default()
    };

    if let JoinTarget::Page { url, .. } = &target {
        println!("{}", tr!(loc, "term-opening", url = url.to_string()));
    }
    let endpoint = join::resolve(&target, timeout)
        .await
        .map_err(|err| told(loc, &err))?;
    println!(
        "{}",
        tr!(
            loc,
            "term-joining",
            code = endpoint.code.to_string(),
            relay = endpoint.relay.to_string(),
            name = name,
            device = args.device.to_string()
        )
    );
    let hello = join::customer_hello(endpoint.code, name, summary);
    let admission = quic::admit(endpoint.relay.clone(), &endpoint.trust, &hello, &options)
        .await
        .map_err(|err| told(loc, &err.into()))?;
    if admission.is_waiting() {
        println!("{}", tr!(loc, "term-waiting"));
    }
    let relay = tokio::select! {
        paired = admission.paired() => paired.map_err(|err| told(loc, &err.into()))?,
        _ = tokio::signal::ctrl_c() => {
            println!("{}", tr!(loc, "term-cancelled"));
            return Ok(ExitCode::from(INTERRUPTED));
        }
    };

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
        loc,
    };
    terminal::run(frontend, typed, std::io::stdout(), options)
        .await
        .context("cannot write to the terminal")?;
    let outcome = task.wait().await;
    if outcome.is_clean() {
        Ok(ExitCode::SUCCESS)
    } else {
        bail!("{}", ended(loc, &outcome.reason))
    }
}

/// How long the session gets to end after the window closed.
const WINDOW_GRACE: Duration = Duration::from_secs(3);

/// Whether there is a desktop to open a window on.
fn has_display() -> bool {
    if cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd"
    )) {
        ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()))
    } else {
        true
    }
}

/// `join --window`: the window opens at once and shows joining and waiting; joining and the
/// session run on the runtime's workers while the window runs on this (the main) thread.
async fn run_window(args: JoinArgs) -> Result<ExitCode> {
    let name = args.name.trim().to_owned();
    if name.is_empty() {
        bail!("--name must not be empty: the technician sees it");
    }
    let phone = args.device.build(args.log_size, args.adb.clone())?;
    apply_activity(&phone, &args);
    let device = phone.device();
    let summary = lock(&device).summary();
    let loc = localizer(&device, &args);
    if !has_display() {
        bail!("{}", tr!(loc, "agent-join-no-display"));
    }
    let target = args.target(loc)?;
    let clock = AgentClock::start();
    let (stages, stage_rx) = window::stages();
    let joining = tokio::spawn(join_for_window(
        args.clone(),
        target,
        name,
        summary,
        device,
        clock,
        stages.clone(),
    ));
    let interrupt = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            // The window leaves the session and closes.
            let _ = stages.send(Stage::Interrupted).await;
        }
    });
    // Blocks this thread (the runtime's `block_on` thread, not a worker) until the window
    // closes; the session's tasks go on meanwhile.
    let shown = match phone {
        Phone::Sim(phone) => window::run(phone, clock, stage_rx),
        Phone::Adb(_) => window::run_for_real_phone(clock, stage_rx, loc),
    };
    interrupt.abort();
    let exit = shown.map_err(|err| anyhow::anyhow!("cannot open the desktop window: {err}"));
    if !joining.is_finished() {
        // Closed while joining or waiting for the technician.
        joining.abort();
        exit?;
        println!("{}", tr!(loc, "term-cancelled"));
        return Ok(ExitCode::from(INTERRUPTED));
    }
    let task = match joining.await {
        Ok(joined) => joined?,
        Err(err) => bail!("joining failed: {err}"),
    };
    exit?;
    match tokio::time::timeout(WINDOW_GRACE, task.wait()).await {
        Ok(outcome) if outcome.is_clean() => Ok(ExitCode::SUCCESS),
        Ok(outcome) => bail!("{}", ended(loc, &outcome.reason)),
        Err(_) => bail!("the session did not end in time after the window closed"),
    }
}

/// Joins for the window, telling it each step; the session task once the technician is
/// there. A failure is told to the window as well as returned.
async fn join_for_window(
    args: JoinArgs,
    target: JoinTarget,
    name: String,
    summary: lifeline_protocol::messages::handshake::DeviceSummary,
    phone: Arc<Mutex<dyn lifeline_agent_android::device::Device>>,
    clock: AgentClock,
    stages: StageSender,
) -> Result<SessionTask> {
    let loc = localizer(&phone, &args);
    let timeout = Duration::from_secs(args.timeout);
    let options = ConnectOptions {
        timeout,
        ..ConnectOptions::default()
    };
    let joined = async {
        let _ = stages.send(Stage::Joining(JoinStep::first(&target))).await;
        let endpoint = join::resolve(&target, timeout).await?;
        let step = JoinStep::joining(&endpoint, &name);
        let _ = stages.send(Stage::Joining(step)).await;
        let hello = join::customer_hello(endpoint.code, &name, summary);
        let admission =
            quic::admit(endpoint.relay.clone(), &endpoint.trust, &hello, &options).await?;
        if admission.is_waiting() {
            let _ = stages.send(Stage::Waiting).await;
        }
        let relay = admission.paired().await?;
        Ok::<_, JoinError>(relay)
    }
    .await;
    let relay = match joined {
        Ok(relay) => relay,
        Err(err) => {
            // The window words it in the phone's language, as the terminal does.
            let line = told(loc, &err);
            let _ = stages.send(Stage::Failed(err)).await;
            return Err(line);
        }
    };
    let (task, frontend) = session::start(relay, phone, args.config(), clock);
    if let Err(tokio::sync::mpsc::error::SendError(Stage::Started(frontend))) =
        stages.send(Stage::Started(frontend)).await
    {
        // The window closed just now: leave at once.
        let _ = frontend.commands.try_send(session::CustomerCommand::Exit);
    }
    Ok(task)
}
