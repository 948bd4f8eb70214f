//! A remote relay: sign-in through the API, and errors in plain words (wrong password,
//! certificate mismatch, unreachable server, code limit).

// The helpers are outside #[test] functions: a failed unwrap is a failed test all the same.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use lifeline_console::net::{Command, NetConfig, ServerConfig, TechnicianClient};
use lifeline_console::state::ServerStatus;
use lifeline_protocol::CertFingerprint;
use lifeline_protocol::i18n::{Language, Localizer};

mod common;
use common::relay_rig::{PASSWORD, TestRelay, WAIT};

/// A console signed in to nowhere yet, pointed at `relay` (pinning `fingerprint` if given).
fn client(
    relay: &TestRelay,
    fingerprint: Option<CertFingerprint>,
    downloads: &std::path::Path,
) -> TechnicianClient {
    TechnicianClient::start(NetConfig {
        server: ServerConfig::Remote {
            url: relay.relay().public_url.clone(),
            fingerprint,
        },
        ..NetConfig::local("unused", downloads)
    })
    .unwrap()
}

#[test]
fn sign_in_and_errors_in_plain_words() {
    let relay = TestRelay::start();
    let dir = tempfile::tempdir().unwrap();

    // Wrong password.
    let mut tech = client(&relay, Some(relay.relay().fingerprint), dir.path());
    tech.wait_until(WAIT, |s| s.status == ServerStatus::SignedOut)
        .unwrap();
    assert!(tech.sign_in("ana", "not the password", WAIT).is_err());
    assert_eq!(
        tech.state().sign_in_error.as_deref(),
        Some("wrong name or password")
    );

    // Right password: signed in, codes work.
    tech.sign_in("ana", PASSWORD, WAIT).unwrap();
    assert_eq!(tech.state().account.as_ref().unwrap().role, "technician");
    let entry = tech.create_code(Some("Bob"), WAIT).unwrap();
    assert_eq!(entry.identifier.as_deref(), Some("Bob"));

    // The pending-code limit is reported as the relay words it.
    for _ in 0..10 {
        tech.commands()
            .send(Command::CreateCode {
                identifier: None,
                portal: None,
            })
            .unwrap();
    }
    tech.wait_until(WAIT, |s| s.notices.iter().any(|n| n.error))
        .unwrap();
    let notice = tech
        .state()
        .notices
        .iter()
        .find(|n| n.error)
        .unwrap()
        .text
        .clone();
    assert!(notice.contains("pending"), "{notice}");
    tech.shutdown(Duration::from_secs(5));

    // Another certificate than the pinned one.
    let mut stranger = client(
        &relay,
        Some(CertFingerprint::of_der(b"another certificate")),
        dir.path(),
    );
    assert!(stranger.sign_in("ana", PASSWORD, WAIT).is_err());
    let reason = stranger.state().sign_in_error.clone().unwrap();
    assert!(
        reason.contains("did not present the expected certificate"),
        "{reason}"
    );
    stranger.shutdown(Duration::from_secs(5));
}

#[test]
fn a_refused_sign_in_reads_in_the_console_language() {
    let relay = TestRelay::start();
    let dir = tempfile::tempdir().unwrap();
    let mut tech = client(&relay, Some(relay.relay().fingerprint), dir.path());
    tech.set_language(Localizer::new(Language::Fr));
    tech.wait_until(WAIT, |s| s.status == ServerStatus::SignedOut)
        .unwrap();
    assert!(tech.sign_in("ana", "not the password", WAIT).is_err());
    // Mapped from the relay's 401, not its English message.
    assert_eq!(
        tech.state().sign_in_error.as_deref(),
        Some("nom d'utilisateur ou mot de passe incorrect")
    );
    tech.shutdown(Duration::from_secs(5));
}

#[test]
fn an_unreachable_server_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut tech = TechnicianClient::start(NetConfig {
        server: ServerConfig::Remote {
            url: format!("https://127.0.0.1:{port}/").parse().unwrap(),
            fingerprint: Some(CertFingerprint::of_der(b"x")),
        },
        ..NetConfig::local("unused", dir.path())
    })
    .unwrap();
    assert!(tech.sign_in("ana", PASSWORD, WAIT).is_err());
    let reason = tech.state().sign_in_error.clone().unwrap();
    assert!(reason.contains("is unreachable"), "{reason}");
    tech.shutdown(Duration::from_secs(5));
}

#[test]
fn admins_manage_portals_and_accounts() {
    use lifeline_console::state::admin::{PolicyLevel, PortalDraft};

    let dir = tempfile::tempdir().unwrap();
    // The local technician is an admin.
    let mut tech =
        TechnicianClient::start(NetConfig::local(dir.path().join("relay"), dir.path())).unwrap();
    tech.wait_signed_in(WAIT).unwrap();
    assert!(tech.state().is_admin());
    tech.commands().send(Command::LoadAdmin).unwrap();
    tech.wait_until(WAIT, |s| !s.users.is_empty() && !s.portals.is_empty())
        .unwrap();
    assert!(tech.state().users.iter().any(|u| u.name == "technician"));

    // Switch diagnostics off in the default portal.
    let portal = tech.state().portals[0].clone();
    let mut draft = PortalDraft::from(&portal);
    draft.policy.diagnostics = PolicyLevel::Off;
    draft.max_pending_codes = 3;
    tech.commands()
        .send(Command::SavePortal {
            id: Some(portal.id),
            draft,
        })
        .unwrap();
    tech.wait_until(WAIT, |s| {
        s.portals.iter().any(|p| {
            p.id == portal.id
                && p.policy.diagnostics == PolicyLevel::Off
                && p.max_pending_codes == 3
        })
    })
    .unwrap();

    // Records: kept 30 days, then forever again; the default portal announces recording.
    tech.wait_until(WAIT, |s| s.retention == Some(None))
        .unwrap();
    tech.commands()
        .send(Command::SetRetention(Some(30)))
        .unwrap();
    tech.wait_until(WAIT, |s| s.retention == Some(Some(30)))
        .unwrap();
    assert!(
        tech.state()
            .notices
            .iter()
            .any(|n| n.text == "Records are now kept 30 days."),
        "{:?}",
        tech.state().notices
    );
    tech.commands().send(Command::SetRetention(None)).unwrap();
    tech.wait_until(WAIT, |s| s.retention == Some(None))
        .unwrap();
    tech.commands()
        .send(Command::SetRecordingNotice {
            portal: portal.id,
            notice: true,
        })
        .unwrap();
    tech.wait_until(WAIT, |s| {
        s.portals
            .iter()
            .any(|p| p.id == portal.id && p.recording_notice)
    })
    .unwrap();
    // Out of range: the relay's refusal, and nothing changes.
    tech.commands()
        .send(Command::SetRetention(Some(0)))
        .unwrap();
    tech.wait_until(WAIT, |s| {
        s.notices
            .iter()
            .any(|n| n.error && n.text.contains("from 1 to 3,650 days"))
    })
    .unwrap();
    assert_eq!(tech.state().retention, Some(None));

    // A new portal.
    tech.commands()
        .send(Command::SavePortal {
            id: None,
            draft: PortalDraft {
                name: "Retail stores".into(),
                slug: "retail".into(),
                ..PortalDraft::default()
            },
        })
        .unwrap();
    tech.wait_until(WAIT, |s| s.portals.iter().any(|p| p.slug == "retail"))
        .unwrap();

    // A new account, then disabled.
    tech.commands()
        .send(Command::CreateUser {
            name: "bob".into(),
            password: PASSWORD.into(),
            role: "lead".into(),
        })
        .unwrap();
    tech.wait_until(WAIT, |s| {
        s.users.iter().any(|u| u.name == "bob" && u.role == "lead")
    })
    .unwrap();
    let bob = tech
        .state()
        .users
        .iter()
        .find(|u| u.name == "bob")
        .unwrap()
        .id;
    tech.commands()
        .send(Command::UpdateUser {
            id: bob,
            role: None,
            disabled: Some(true),
        })
        .unwrap();
    tech.wait_until(WAIT, |s| s.users.iter().any(|u| u.id == bob && u.disabled))
        .unwrap();

    // A refusal the console words from the relay's stable message: the password is too short.
    tech.commands()
        .send(Command::CreateUser {
            name: "carl".into(),
            password: "short".into(),
            role: "technician".into(),
        })
        .unwrap();
    tech.wait_until(WAIT, |s| {
        s.notices
            .iter()
            .any(|n| n.error && n.text.contains("password"))
    })
    .unwrap();
    let notice = tech
        .state()
        .notices
        .iter()
        .rev()
        .find(|n| n.error)
        .unwrap()
        .text
        .clone();
    assert_eq!(notice, "the password must have at least 8 characters");
    tech.shutdown(Duration::from_secs(5));
}
