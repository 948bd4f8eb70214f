//! The console in French and Spanish: snapshots of the main windows (long words must fit
//! their buttons), the language following the settings without a restart, and no English
//! left on screen.

#![allow(clippy::unwrap_used)]

mod common;

use common::ui::{
    NOW, code, drain, harness_with, in_session_speaking, settle, signed_in_speaking,
    snapshot_options,
};
use egui_kittest::kittest::Queryable;
use lifeline_console::net::{Command, ReviewRequest, ReviewResult};
use lifeline_console::settings::Settings;
use lifeline_console::state::review::{Outcome, RecordRow, Technician};
use lifeline_console::state::{
    ConsoleState, Event, Problem, ServerEvent, ServerMode, ServerStatus,
};
use lifeline_console::ui::View;
use lifeline_protocol::consent::CapabilitySet;
use lifeline_protocol::i18n::Language;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::handshake::DeviceSummary;

fn settings(language: Language) -> Settings {
    Settings {
        language: Some(language),
        // The same pixels on every machine.
        downloads: Some("/home/technician/Downloads/Lifeline".into()),
        ..Settings::default()
    }
}

fn snapshot(
    name: &str,
    language: Language,
    view: impl Fn(Language) -> ConsoleState,
    then: impl Fn(&mut Harness),
) {
    let (mut harness, _rx) = harness_with(view(language), settings(language));
    settle(&mut harness);
    then(&mut harness);
    settle(&mut harness);
    harness.snapshot_options(format!("{name}_{language}"), &snapshot_options());
}

type Harness = egui_kittest::Harness<'static, lifeline_console::ui::ConsoleApp>;

fn remote_signed_out(_: Language) -> ConsoleState {
    let mut state = ConsoleState::new(ServerMode::Remote("https://relay.example.com:8443".into()));
    state.status = ServerStatus::SignedOut;
    state
}

#[test]
fn snapshot_login_fr() {
    snapshot("login", Language::Fr, remote_signed_out, |_| {});
}

#[test]
fn a_refused_sign_in_reads_in_french_on_the_login_screen() {
    let mut state = remote_signed_out(Language::Fr);
    state.set_language(lifeline_protocol::i18n::Localizer::new(Language::Fr));
    state.apply(
        Event::Server(ServerEvent::SignInFailed(Problem::WrongPassword)),
        NOW,
        std::time::Instant::now(),
    );
    let (mut harness, _rx) = harness_with(state, settings(Language::Fr));
    settle(&mut harness);
    harness.get_by_label("Nom d'utilisateur ou mot de passe incorrect");
    assert!(harness.query_by_label_contains("password").is_none());
}

#[test]
fn snapshot_code_management_fr() {
    snapshot("code_management", Language::Fr, signed_in_speaking, |_| {});
}

#[test]
fn snapshot_session_fr() {
    snapshot("session_window", Language::Fr, in_session_speaking, |h| {
        h.state_mut().show(View::Session(code()));
    });
}

#[test]
fn snapshot_settings_fr() {
    snapshot("settings", Language::Fr, signed_in_speaking, |h| {
        h.get_by_label("⚙").click();
    });
}

#[test]
fn snapshot_admin_fr() {
    snapshot("admin", Language::Fr, signed_in_speaking, |h| {
        h.state_mut().show(View::Admin);
    });
}

/// A record of the Sessions list: `minutes` long (still running when `None`).
fn record(id: u64, customer: &str, minutes: Option<u64>, outcome: Option<Outcome>) -> RecordRow {
    RecordRow {
        id,
        code: format!("48291307{id}"),
        identifier: (id % 2 == 1).then(|| format!("Ticket {}", 1230 + id)),
        portal: "default".into(),
        technician: Technician {
            id: 2,
            name: "amy".into(),
        },
        customer_name: customer.into(),
        device: DeviceSummary {
            manufacturer: "samsung".into(),
            model: "Galaxy S25".into(),
            android_version: "16".into(),
            screen: Some((1080, 2340)),
            capabilities: CapabilitySet::ALL,
            locale: None,
        },
        started_at: UnixMillis(NOW.0 - id * 3_600_000),
        ended_at: minutes.map(|m| UnixMillis(NOW.0 - id * 3_600_000 + m * 60_000)),
        duration_ms: minutes.map(|m| m * 60_000 + 7_000),
        outcome,
        recording_bytes: 4_200_000,
    }
}

/// The Sessions list in `language`, with four records; `words` must be on screen.
fn sessions_snapshot(language: Language, words: [&str; 3], search: &str) {
    let (mut harness, mut rx) = harness_with(signed_in_speaking(language), settings(language));
    harness.state_mut().show(View::Sessions);
    settle(&mut harness);
    let mailbox = drain(&mut rx)
        .into_iter()
        .find_map(|c| match c {
            Command::Review(ReviewRequest::List(_), mailbox) => Some(mailbox),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the Sessions list asks for the records"));
    mailbox.push(ReviewResult::List(Ok(vec![
        record(1, "Marie Dupont", Some(12), Some(Outcome::Resolved)),
        record(2, "Jonas Berg", Some(47), Some(Outcome::FollowUp)),
        record(3, "Ana López", Some(3), Some(Outcome::Unresolved)),
        record(4, "Li Wei", None, None),
    ])));
    settle(&mut harness);
    for word in words {
        harness.get_by_label(word);
    }
    assert!(harness.query_all_by_label(search).count() >= 2);
    assert!(harness.query_by_label("Resolved").is_none());
    assert!(harness.query_by_label("Any outcome").is_none());
    harness.snapshot_options(format!("sessions_{language}"), &snapshot_options());
}

#[test]
fn snapshot_sessions_fr() {
    sessions_snapshot(
        Language::Fr,
        ["À suivre", "Non résolu", "en cours"],
        "Rechercher",
    );
}

#[test]
fn snapshot_sessions_es() {
    sessions_snapshot(
        Language::Es,
        ["Seguimiento", "No resuelto", "en curso"],
        "Buscar",
    );
}

#[test]
fn snapshot_login_es() {
    snapshot("login", Language::Es, remote_signed_out, |_| {});
}

#[test]
fn snapshot_code_management_es() {
    snapshot("code_management", Language::Es, signed_in_speaking, |_| {});
}

#[test]
fn snapshot_session_es() {
    snapshot("session_window", Language::Es, in_session_speaking, |h| {
        h.state_mut().show(View::Session(code()));
    });
}

#[test]
fn snapshot_settings_es() {
    snapshot("settings", Language::Es, signed_in_speaking, |h| {
        h.get_by_label("⚙").click();
    });
}

#[test]
fn snapshot_admin_es() {
    snapshot("admin", Language::Es, signed_in_speaking, |h| {
        h.state_mut().show(View::Admin);
    });
}

#[test]
fn the_end_button_never_covers_the_french_toolbar() {
    let (mut harness, _rx) =
        harness_with(in_session_speaking(Language::Fr), settings(Language::Fr));
    harness.state_mut().show(View::Session(code()));
    // From narrow to wide: the French labels fill the row at some width on the way.
    for width in (900..=1500).step_by(25) {
        harness.set_size(egui::vec2(width as f32, 720.0));
        settle(&mut harness);
        let end = harness.get_by_label("Terminer la session").rect();
        for label in ["Obtenir les fichiers journaux", "Obtenir les diagnostics"] {
            let other = harness.get_by_label(label).rect();
            assert!(
                !end.intersects(other),
                "at {width} px, the end button {end:?} covers {label:?} {other:?}"
            );
        }
    }
}

#[test]
fn french_and_spanish_labels_replace_the_english_ones() {
    let (mut harness, _rx) = harness_with(signed_in_speaking(Language::Fr), settings(Language::Fr));
    settle(&mut harness);
    assert!(harness.query_all_by_label("Gestion des codes").count() >= 1);
    harness.get_by_label("Créer un code");
    harness.get_by_label("Demandes via le portail");
    assert!(harness.query_by_label("Code Management").is_none());
    assert!(harness.query_by_label("Create code").is_none());

    let (mut harness, _rx) =
        harness_with(in_session_speaking(Language::Es), settings(Language::Es));
    harness.state_mut().show(View::Session(code()));
    settle(&mut harness);
    assert!(harness.query_all_by_label("Gestión de códigos").count() >= 1);
    harness.get_by_label("Finalizar sesión");
    harness.get_by_label("◀ Atrás");
    harness.get_by_label("Diagnóstico");
    assert!(harness.query_by_label("End session").is_none());
}

#[test]
fn changing_the_language_in_settings_takes_effect_at_once() {
    let (mut harness, _rx) = harness_with(signed_in_speaking(Language::En), settings(Language::En));
    settle(&mut harness);
    assert!(harness.query_all_by_label("Code Management").count() >= 1);
    harness.get_by_label("⚙").click();
    settle(&mut harness);
    harness.get_all_by_label("Language").last().unwrap().click();
    settle(&mut harness);
    harness.get_by_label("Español").click();
    settle(&mut harness);
    harness.get_by_label("Save").click();
    settle(&mut harness);
    // No restart: the next frame is Spanish, and the choice is in the saved settings.
    assert!(harness.query_all_by_label("Gestión de códigos").count() >= 1);
    assert!(harness.query_by_label("Code Management").is_none());
    assert_eq!(harness.state().localizer().language(), Language::Es);
    assert_eq!(harness.state().settings().language, Some(Language::Es));
}
