//! The `lifeline-agent` binary against a real relay on loopback, driven through pipes (no
//! TTY): joining by deep link, by code, by join URL; chat and consent on the terminal; the
//! technician or the customer ending; one clear line and a non-zero status for each way
//! joining can fail.

// The helpers below are test code too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod net;

use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use lifeline_protocol::CertFingerprint;
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::control::{ChatId, ChatMessage, ControlMessage, EndReason};
use lifeline_protocol::messages::{Party, UnixMillis};
use net::{TechEvent, Technician, TestRelay, granted, within};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, Command};
use tokio::sync::mpsc;

const AGENT: &str = env!("CARGO_BIN_EXE_lifeline-agent");

/// The agent as a child process: lines of its stdout as they come, its stdin to type into.
struct AgentProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: mpsc::Receiver<String>,
    stderr: tokio::task::JoinHandle<String>,
    lines: Vec<String>,
}

impl AgentProcess {
    fn spawn(args: &[&str]) -> Self {
        let mut child = Command::new(AGENT)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel(256);
        tokio::spawn(async move {
            let mut lines = BufReader::new(stdout).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                if tx.send(line).await.is_err() {
                    return;
                }
            }
        });
        let mut stderr = child.stderr.take().unwrap();
        let stderr = tokio::spawn(async move {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text).await;
            text
        });
        Self {
            stdin: child.stdin.take(),
            child,
            stdout: rx,
            stderr,
            lines: Vec::new(),
        }
    }

    /// Waits for a line of stdout containing `text`.
    async fn expect(&mut self, text: &str) -> String {
        within(&format!("stdout line {text:?}"), async {
            loop {
                let line =
                    self.stdout.recv().await.unwrap_or_else(|| {
                        panic!("stdout ended before {text:?}: {:?}", self.lines)
                    });
                self.lines.push(line.clone());
                if line.contains(text) {
                    return line;
                }
            }
        })
        .await
    }

    async fn type_line(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin
            .write_all(format!("{line}\n").as_bytes())
            .await
            .unwrap();
        stdin.flush().await.unwrap();
    }

    /// Waits for the process to exit: its status, stderr, and the rest of stdout.
    async fn finish(mut self) -> (ExitStatus, String, Vec<String>) {
        let status = within("agent exits", self.child.wait()).await.unwrap();
        while let Some(line) = self.stdout.recv().await {
            self.lines.push(line);
        }
        let stderr = self.stderr.await.unwrap();
        (status, stderr, self.lines)
    }
}

/// Runs the agent to completion with no input: status and stderr.
async fn run(args: &[&str]) -> (ExitStatus, String) {
    let output = within(
        "agent run",
        Command::new(AGENT)
            .args(args)
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .output(),
    )
    .await
    .unwrap();
    (output.status, String::from_utf8(output.stderr).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joins_by_deep_link_shares_the_screen_chats_and_leaves_on_exit() {
    let relay = TestRelay::start().await;
    let (code, admission) = relay.waiting_technician("alice").await;
    let paired = tokio::spawn(admission.paired());
    let link = relay.deep_link(code);
    let mut agent = AgentProcess::spawn(&["join", &link, "--name", "Marie", "--approve", "all"]);
    let session = within("paired", paired).await.unwrap().unwrap();
    let mut tech = Technician::open(session).await;
    agent.expect("Connected to alice").await;

    let start = tech.see_screen().await;
    assert_eq!((start.width, start.height), (1080, 2400));
    let keyframe = tech
        .first("first frame", |e| match e {
            TechEvent::Frame { keyframe, .. } => Some(*keyframe),
            _ => None,
        })
        .await;
    assert!(keyframe);
    let screen = tech.screen().unwrap();
    assert_eq!((screen.width(), screen.height()), (1080, 2400));
    agent.expect("Your screen is being shared").await;

    let hello = ChatMessage::new(ChatId(1), Party::Technician, UnixMillis(1), "Bonjour").unwrap();
    tech.send(ControlMessage::Chat(hello)).await;
    agent.expect("alice: Bonjour").await;
    tech.control("ack", |m| {
        matches!(m, ControlMessage::ChatAck { id: ChatId(1) }).then_some(())
    })
    .await;
    agent.type_line("Hello from the phone").await;
    let reply = tech
        .control("chat", |m| match m {
            ControlMessage::Chat(c) => Some(c.clone()),
            _ => None,
        })
        .await;
    assert_eq!(reply.text, "Hello from the phone");
    tech.send(ControlMessage::ChatAck { id: reply.id }).await;
    agent.expect("(delivered)").await;

    agent.type_line("exit").await;
    tech.control("session end", |m| {
        (*m == ControlMessage::SessionEnd {
            by: Party::Customer,
            reason: EndReason::CustomerLeft,
        })
        .then_some(())
    })
    .await;
    let (status, stderr, lines) = agent.finish().await;
    assert!(status.success(), "{status}: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(
        lines
            .iter()
            .any(|l| l == "Session ended: you left the session."),
        "{lines:?}"
    );
    relay.relay.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asks_on_the_terminal_sends_logs_and_ends_with_the_technician() {
    let relay = TestRelay::start().await;
    let (code, admission) = relay.waiting_technician("alice").await;
    let paired = tokio::spawn(admission.paired());
    let fp = relay.relay.fingerprint.to_string();
    let quic = relay.relay.quic_addr.to_string();
    let digits = code.digits();
    let mut agent = AgentProcess::spawn(&[
        "join",
        "--code",
        &digits,
        "--relay",
        &quic,
        "--fingerprint",
        &fp,
        "--name",
        "Marie",
        "--log-size",
        "2000000",
    ]);
    let mut tech = Technician::open(within("paired", paired).await.unwrap().unwrap()).await;
    agent.expect("Connected to alice").await;

    tech.send(ControlMessage::ConsentRequest {
        capability: Capability::Diagnostics,
    })
    .await;
    agent.expect("Share device information? [y/N]").await;
    agent.type_line("n").await;
    assert!(
        !tech
            .control("diagnostics", granted(Capability::Diagnostics))
            .await
    );

    tech.send(ControlMessage::ConsentRequest {
        capability: Capability::LogFiles,
    })
    .await;
    agent.expect("Share log files? [y/N]").await;
    agent.type_line("y").await;
    assert!(tech.control("logs", granted(Capability::LogFiles)).await);
    tech.send(ControlMessage::LogRequest).await;
    let mut received = Vec::new();
    while received.len() < 2 {
        let (header, content) = tech
            .wait_for("files", |e| match e {
                TechEvent::File { header, content } => Some((header.clone(), content.clone())),
                _ => None,
            })
            .await;
        let content = content.expect("size and SHA-256 match");
        received.push((header.name, content.len()));
    }
    assert!(
        received.contains(&("logcat.txt".to_owned(), 2_000_000)),
        "{received:?}"
    );
    agent.expect("Sent logcat.txt.").await;

    tech.end().await;
    let (status, stderr, lines) = agent.finish().await;
    println!("{}", lines.join("\n"));
    assert!(status.success(), "{status}: {stderr}");
    assert!(
        lines
            .iter()
            .any(|l| l == "Session ended: the technician ended the session."),
        "{lines:?}"
    );
    relay.relay.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_join_url_is_resolved_through_the_page_pinned_by_fingerprint() {
    let relay = TestRelay::start().await;
    let (code, admission) = relay.waiting_technician("alice").await;
    let paired = tokio::spawn(admission.paired());
    let url = relay.join_url(code);
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let fp = relay.relay.fingerprint.to_string();
    let mut agent = AgentProcess::spawn(&["join", &url, "--fingerprint", &fp, "--name", "Marie"]);
    agent.expect("Opening https://").await;
    let tech = Technician::open(within("paired", paired).await.unwrap().unwrap()).await;
    agent.expect("Connected to alice").await;
    tech.end().await;
    let (status, stderr, _) = agent.finish().await;
    assert!(status.success(), "{status}: {stderr}");
    relay.relay.shutdown().await;
}

/// One line on stderr, naming the problem, and a failure status.
fn one_clear_line(what: &str, (status, stderr): (ExitStatus, String), expected: &str) {
    assert!(!status.success(), "{what}: succeeded");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{what}: {stderr:?}");
    assert!(
        lines[0].starts_with("lifeline-agent: "),
        "{what}: {stderr:?}"
    );
    assert!(lines[0].contains(expected), "{what}: {stderr:?}");
    println!("{what}: {}", lines[0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_way_of_failing_to_join_is_one_clear_line() {
    let relay = TestRelay::start().await;
    let (owner, _) = relay.technician("alice").await;
    let live = relay.code_created(owner, Duration::ZERO).await;
    let unknown: lifeline_protocol::SessionCode =
        format!("{:09}", (live.value() + 1) % 1_000_000_000)
            .parse()
            .unwrap();
    let expired = relay
        .code_created(owner, Duration::from_secs(21 * 60))
        .await;
    let name = ["--name", "Marie", "--timeout", "1"];
    let args = |link: &str| {
        let mut all = vec!["join", link];
        all.extend_from_slice(&name);
        all.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>()
    };
    let run_args = |args: Vec<String>| async move {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&refs).await
    };

    one_clear_line(
        "unknown code",
        run_args(args(&relay.deep_link(unknown))).await,
        "this session code does not exist",
    );
    one_clear_line(
        "expired code",
        run_args(args(&relay.deep_link(expired))).await,
        "this session code has expired",
    );
    // The customer reads why in the phone's language: the "old" profile is a French phone,
    // and --lang picks another.
    let mut french_phone = args(&relay.deep_link(expired));
    french_phone.extend(["--device".to_owned(), "sim:old".to_owned()]);
    one_clear_line(
        "expired code, French phone",
        run_args(french_phone).await,
        "lifeline-agent: ce code de session a expiré ; demandez-en un nouveau",
    );
    let mut spanish = args(&relay.deep_link(unknown));
    spanish.extend(["--lang".to_owned(), "es".to_owned()]);
    one_clear_line(
        "unknown code, in Spanish",
        run_args(spanish).await,
        "lifeline-agent: este código de sesión no existe; compruebe los dígitos",
    );
    let wrong_fp = CertFingerprint::of_der(b"someone else");
    let forged = relay
        .deep_link(live)
        .replace(&relay.relay.fingerprint.to_string(), &wrong_fp.to_string());
    one_clear_line(
        "certificate mismatch",
        run_args(args(&forged)).await,
        "certificate is not the one expected",
    );
    one_clear_line(
        "untrusted join page",
        run_args(args(&relay.join_url(live))).await,
        "not trusted by this system",
    );
    let mut pinned_unknown = args(&relay.join_url(unknown));
    pinned_unknown.extend([
        "--fingerprint".to_owned(),
        relay.relay.fingerprint.to_string(),
    ]);
    one_clear_line(
        "unknown code on the join page",
        run_args(pinned_unknown).await,
        "this session code does not exist",
    );
    let mut wrong_page = args(&relay.join_url(live));
    wrong_page.extend(["--fingerprint".to_owned(), wrong_fp.to_string()]);
    one_clear_line(
        "join page certificate mismatch",
        run_args(wrong_page).await,
        "certificate is not the one expected",
    );
    let nowhere = format!(
        "lifeline://join/{}?relay=127.0.0.1:9&fp={}",
        live.digits(),
        relay.relay.fingerprint
    );
    one_clear_line(
        "unreachable relay",
        run_args(args(&nowhere)).await,
        "127.0.0.1:9",
    );
    one_clear_line(
        "not a link",
        run_args(args("ftp://example.com/join/123456789")).await,
        "links start with https:// or lifeline://",
    );
    one_clear_line(
        "window",
        run_args(vec![
            "join".into(),
            relay.deep_link(live),
            "--name".into(),
            "Marie".into(),
            "--window".into(),
        ])
        .await,
        "cannot open the desktop window",
    );
    relay.relay.shutdown().await;
}

#[tokio::test]
async fn profiles_are_listed() {
    let output = Command::new(AGENT).arg("profiles").output().await.unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    for name in [
        "sim:samsung",
        "sim:lg",
        "sim:pixel",
        "sim:xiaomi",
        "sim:old",
    ] {
        assert!(text.contains(name), "{text}");
    }
    assert!(
        text.lines()
            .any(|l| l.starts_with("sim:old") && l.contains("chat only"))
    );
}
