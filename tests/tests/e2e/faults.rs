//! Faults: the relay dies mid-session; the phone's path loses and delays packets.

use std::time::Duration;

use lifeline_agent_android::session::{Approval, CustomerCommand, CustomerEvent};
use lifeline_console::net::SessionCommand;
use lifeline_console::state::Phase;
use lifeline_console::state::transfers::TransferStatus;
use lifeline_protocol::consent::Capability;
use lifeline_relay::Limits;
use lifeline_tests::rig::lossy::{Impairment, LossyPath, netem_probe};
use lifeline_tests::rig::{Joining, Phone, RigRelay, Tech, customer_lines, event_kinds};
use sha2::{Digest, Sha256};

#[test]
fn a_killed_relay_ends_the_session_clearly_and_keeps_the_record() {
    // A short idle timeout, so both sides notice the silence within seconds.
    let mut relay = RigRelay::start_with(Limits {
        idle_timeout: Duration::from_secs(8),
        ..Limits::default()
    });
    let mut tech = Tech::sign_in(&relay, "alex");
    let entry = tech.create_code(Some("Marie"), None);
    let code = entry.code;
    let mut phone = Phone::join(
        &entry.url,
        relay.fingerprint(),
        &Joining {
            approval: Approval::All,
            ..Joining::marie()
        },
    );
    tech.wait_joined(code);
    tech.command(code, SessionCommand::Request(Capability::ScreenView));
    tech.wait_session(code, "frames", |s| s.video.frames > 0);
    let id = tech.chat(code, "Before the crash");
    tech.wait_delivered(code, id);

    relay.kill();

    let outcome = phone.outcome();
    assert!(!outcome.is_clean(), "{outcome:?}");
    let said = phone
        .seen
        .iter()
        .find_map(|e| match e {
            CustomerEvent::Ended { reason, .. } => Some(reason.to_string()),
            _ => None,
        })
        .unwrap_or_else(|| outcome.reason.to_string());
    println!("the customer is told: {said}");
    assert!(
        said.contains("connection") || said.contains("stopped responding"),
        "{said}"
    );
    tech.wait_session(code, "the technician sees the end", |s| s.is_ended());
    let Phase::Ended(why) = &tech.session(code).phase else {
        unreachable!()
    };
    println!("the technician is told: {why}");
    assert!(why.to_lowercase().contains("connection"), "{why}");

    // The relay comes back on the same data: the session's record is there.
    relay.boot();
    let record = relay.session_record(code);
    assert_eq!(record["customer_name"], "Marie", "{record}");
    assert_eq!(record["identifier"], "Marie", "{record}");
    let kinds = event_kinds(&record);
    assert_eq!(
        kinds.first().map(String::as_str),
        Some("joined"),
        "{kinds:?}"
    );
    println!(
        "after the restart the record reads: ended_at {}, events {kinds:?}",
        record["ended_at"]
    );
}

#[test]
fn a_lossy_slow_path_still_delivers_every_message_and_byte() {
    println!("{}", netem_probe());
    let relay = RigRelay::start();
    let path = LossyPath::start(relay.quic_addr(), Impairment::bad_mobile()).unwrap();
    println!(
        "using the in-process UDP path: {} % loss, {:?} delay each way",
        Impairment::bad_mobile().loss_percent,
        Impairment::bad_mobile().delay
    );
    let mut tech = Tech::sign_in(&relay, "alex");
    let entry = tech.create_code(None, None);
    let code = entry.code;
    let mut phone = Phone::join(
        &entry.url,
        relay.fingerprint(),
        &Joining {
            approval: Approval::All,
            via: Some(path.addr),
            log_size: Some(300_000),
            ..Joining::marie()
        },
    );
    tech.wait_joined(code);

    // Twenty messages each way, all at once.
    let sent: Vec<String> = (1..=20).map(|i| format!("technician line {i}")).collect();
    let ids: Vec<_> = sent.iter().map(|t| tech.chat(code, t)).collect();
    let replies: Vec<String> = (1..=20).map(|i| format!("customer line {i}")).collect();
    for text in &replies {
        phone.send(CustomerCommand::SendChat(text.clone()));
    }
    for id in ids {
        tech.wait_delivered(code, id);
    }
    tech.wait_session(code, "every customer line", |s| {
        customer_lines(s) == replies
    });
    phone.collect(300);
    let heard: Vec<String> = phone
        .seen
        .iter()
        .filter_map(|e| match e {
            CustomerEvent::Chat { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(heard, sent, "every technician line, in order");

    // The log files, byte for byte.
    tech.client().request_logs(code).unwrap();
    tech.wait_files_done(code, 2);
    for file in tech.session(code).transfers.files().to_vec() {
        let TransferStatus::Saved(saved) = &file.status else {
            panic!("{} failed: {:?}", file.name, file.status);
        };
        let bytes = std::fs::read(saved).unwrap();
        assert_eq!(bytes.len() as u64, file.size);
        assert_eq!(hex::encode(Sha256::digest(&bytes)), file.sha256);
    }
    println!(
        "the path dropped {} and passed {} datagrams",
        path.dropped(),
        path.forwarded()
    );
    assert!(path.dropped() > 0, "the path lost packets");
    tech.end(code);
    phone.outcome();
}
