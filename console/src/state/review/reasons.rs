//! Why a recorded session ended, in the technician's language. Records keep the reason as
//! English text — the phone's [`EndReason`], the relay's own words, the console's — and
//! those texts are stable, so the known ones are worded again here; any other text (a
//! detail only a system could word) is shown as recorded.

use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::control::EndReason;
use lifeline_protocol::tr;

use crate::state::problem::{Problem, end_reason_text};

/// `reason`, as recorded, in `loc`'s language when it is one of the known texts.
pub fn recorded_reason(reason: &str, loc: Localizer) -> String {
    let known = [
        EndReason::CustomerLeft,
        EndReason::TechnicianClosed,
        EndReason::ConnectionLost,
        EndReason::Timeout,
        EndReason::RelayShutdown,
    ];
    if let Some(end) = known.iter().find(|e| e.to_string() == reason) {
        return end_reason_text(end, loc);
    }
    let console = [
        Problem::CodeWithdrawn,
        Problem::ServerShutdown,
        Problem::YouEnded,
        Problem::RelayEnded,
        Problem::ConnectionLost(None),
    ];
    if let Some(problem) = console.iter().find(|p| p.to_string() == reason) {
        return problem.text(loc);
    }
    // The relay's words for how a side left.
    match reason {
        "the relay shut down" => return end_reason_text(&EndReason::RelayShutdown, loc),
        "the customer ended the session" => return tr!(loc, "end-reason-customer-ended"),
        "the customer's connection dropped" => return tr!(loc, "end-reason-customer-dropped"),
        _ => {}
    }
    if let Some(detail) = reason.strip_prefix("the customer's connection was lost: ") {
        return tr!(loc, "end-reason-customer-lost", detail = detail);
    }
    if let Some(detail) = reason.strip_prefix("the technician's connection was lost: ") {
        return tr!(loc, "end-reason-technician-lost", detail = detail);
    }
    if let Some(detail) = reason.strip_prefix("error: ") {
        return end_reason_text(&EndReason::Error(detail.to_owned()), loc);
    }
    reason.to_owned()
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::i18n::Language;

    use super::*;

    #[test]
    fn known_recorded_reasons_are_translated_and_others_kept() {
        let fr = Localizer::new(Language::Fr);
        assert_eq!(
            recorded_reason("the customer left the session", fr),
            "le client a quitté la session"
        );
        assert_eq!(
            recorded_reason("the technician ended the session", fr),
            "le technicien a mis fin à la session"
        );
        assert_eq!(
            recorded_reason("you ended the session", fr),
            "vous avez mis fin à la session"
        );
        let lost = recorded_reason("the customer's connection was lost: timed out", fr);
        assert!(lost.starts_with("la connexion du client"), "{lost}");
        assert!(lost.ends_with("timed out"), "{lost}");
        assert_eq!(recorded_reason("something new", fr), "something new");
        let es = Localizer::new(Language::Es);
        assert_eq!(
            recorded_reason("the relay shut down", es),
            "el servidor se apagó"
        );
    }
}
