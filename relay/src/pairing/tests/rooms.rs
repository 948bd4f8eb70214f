//! Waiting rooms: pairing in either order, double joins, leaving, expiry, the session limit.

use lifeline_protocol::messages::handshake::RejectReason;

use super::{VirtualClock, code, ip, pending, secs};
use crate::pairing::{
    Arrival, CodeFacts, CodeStatus, ConnId, JoinOutcome, LeaveOutcome, Pairing, PairingRules, Side,
};

const TECH: ConnId = ConnId(1);
const PHONE: ConnId = ConnId(2);
const OWNER: Arrival = Arrival::Technician { user_id: Some(7) };

fn pairing(max_sessions: u32) -> Pairing {
    Pairing::new(PairingRules {
        max_sessions,
        ..PairingRules::from_limits(&crate::config::Limits::default())
    })
}

/// One join from its own address (so budgets stay out of these stories).
fn join(
    pairing: &mut Pairing,
    clock: &VirtualClock,
    code_text: &str,
    conn: ConnId,
    arrival: Arrival,
    facts: Option<&CodeFacts>,
) -> JoinOutcome {
    let source = ip(&format!("10.0.{}.{}", conn.0 / 250, conn.0 % 250 + 1));
    let ticket = pairing.begin_join(source, clock.now()).unwrap();
    pairing.join(ticket, code(code_text), conn, arrival, facts, clock.now())
}

fn waiting(expires_at: lifeline_protocol::messages::UnixMillis) -> JoinOutcome {
    JoinOutcome::Waiting {
        expires_at,
        displaced: None,
    }
}

#[test]
fn technician_waits_then_customer_pairs() {
    let mut clock = VirtualClock::new();
    let mut p = pairing(10);
    let facts = pending(&clock);
    let c = "123 456 789";
    assert_eq!(
        join(&mut p, &clock, c, TECH, OWNER, Some(&facts)),
        waiting(facts.expires_at)
    );
    assert_eq!(p.rooms().waiting(code(c)), Some((Side::Technician, TECH)));
    clock.advance(secs(90));
    assert_eq!(
        join(&mut p, &clock, c, PHONE, Arrival::Customer, Some(&facts)),
        JoinOutcome::Paired { peer: TECH }
    );
    assert!(p.rooms().is_paired(code(c)));
    assert_eq!(p.rooms().sessions(), 1);
}

#[test]
fn customer_waits_then_technician_pairs() {
    let clock = VirtualClock::new();
    let mut p = pairing(10);
    let facts = pending(&clock);
    let c = "000 000 042";
    assert_eq!(
        join(&mut p, &clock, c, PHONE, Arrival::Customer, Some(&facts)),
        waiting(facts.expires_at)
    );
    assert_eq!(
        join(&mut p, &clock, c, TECH, OWNER, Some(&facts)),
        JoinOutcome::Paired { peer: PHONE }
    );
}

#[test]
fn a_second_customer_is_refused_as_already_used() {
    let clock = VirtualClock::new();
    let mut p = pairing(10);
    let facts = pending(&clock);
    let c = "123 456 789";
    // While the first customer waits for the technician...
    join(&mut p, &clock, c, PHONE, Arrival::Customer, Some(&facts));
    assert_eq!(
        join(
            &mut p,
            &clock,
            c,
            ConnId(3),
            Arrival::Customer,
            Some(&facts)
        ),
        JoinOutcome::Rejected(RejectReason::AlreadyUsed)
    );
    // ...and once the session runs, for anyone.
    join(&mut p, &clock, c, TECH, OWNER, Some(&facts));
    assert_eq!(
        join(
            &mut p,
            &clock,
            c,
            ConnId(4),
            Arrival::Customer,
            Some(&facts)
        ),
        JoinOutcome::Rejected(RejectReason::AlreadyUsed)
    );
    assert_eq!(
        join(&mut p, &clock, c, ConnId(5), OWNER, Some(&facts)),
        JoinOutcome::Rejected(RejectReason::AlreadyUsed)
    );
}

#[test]
fn technician_leaving_first_leaves_the_code_pending() {
    let mut clock = VirtualClock::new();
    let mut p = pairing(10);
    let facts = pending(&clock);
    let c = "123 456 789";
    join(&mut p, &clock, c, TECH, OWNER, Some(&facts));
    clock.advance(secs(60));
    assert_eq!(
        p.leave(code(c), TECH, clock.now()),
        LeaveOutcome::StoppedWaiting
    );
    assert_eq!(p.rooms().waiting(code(c)), None);
    // The customer comes while nobody waits: the customer waits now.
    clock.advance(secs(60));
    assert_eq!(
        join(&mut p, &clock, c, PHONE, Arrival::Customer, Some(&facts)),
        waiting(facts.expires_at)
    );
    // The technician comes back and the session starts.
    assert_eq!(
        join(&mut p, &clock, c, ConnId(3), OWNER, Some(&facts)),
        JoinOutcome::Paired { peer: PHONE }
    );
    // The old connection's late departure changes nothing.
    assert_eq!(p.leave(code(c), TECH, clock.now()), LeaveOutcome::NotThere);
    assert_eq!(p.rooms().sessions(), 1);
}

#[test]
fn customer_leaving_before_the_technician_frees_the_code() {
    let clock = VirtualClock::new();
    let mut p = pairing(10);
    let facts = pending(&clock);
    let c = "123 456 789";
    join(&mut p, &clock, c, PHONE, Arrival::Customer, Some(&facts));
    assert_eq!(
        p.leave(code(c), PHONE, clock.now()),
        LeaveOutcome::StoppedWaiting
    );
    assert_eq!(
        join(
            &mut p,
            &clock,
            c,
            ConnId(3),
            Arrival::Customer,
            Some(&facts)
        ),
        waiting(facts.expires_at),
        "the customer may try again"
    );
}

#[test]
fn a_reconnecting_technician_displaces_its_waiting_connection() {
    let clock = VirtualClock::new();
    let mut p = pairing(10);
    let facts = pending(&clock);
    let c = "123 456 789";
    join(&mut p, &clock, c, TECH, OWNER, Some(&facts));
    assert_eq!(
        join(&mut p, &clock, c, ConnId(9), OWNER, Some(&facts)),
        JoinOutcome::Waiting {
            expires_at: facts.expires_at,
            displaced: Some(TECH)
        }
    );
    assert_eq!(p.leave(code(c), TECH, clock.now()), LeaveOutcome::NotThere);
    assert_eq!(
        join(&mut p, &clock, c, PHONE, Arrival::Customer, Some(&facts)),
        JoinOutcome::Paired { peer: ConnId(9) }
    );
}

#[test]
fn codes_expire_for_arrivals_and_for_whoever_waits() {
    let mut clock = VirtualClock::new();
    let mut p = pairing(10);
    let facts = pending(&clock);
    let c = "123 456 789";
    join(&mut p, &clock, c, TECH, OWNER, Some(&facts));
    clock.advance(secs(20 * 60 - 1));
    assert!(
        !p.expire_waiting(code(c), TECH, clock.now()),
        "one second early"
    );
    clock.advance(secs(1));
    assert_eq!(
        join(&mut p, &clock, c, PHONE, Arrival::Customer, Some(&facts)),
        JoinOutcome::Rejected(RejectReason::Expired)
    );
    assert!(
        !p.expire_waiting(code(c), ConnId(99), clock.now()),
        "not the one waiting"
    );
    assert!(p.expire_waiting(code(c), TECH, clock.now()));
    assert_eq!(p.rooms().waiting(code(c)), None);
    assert_eq!(p.leave(code(c), TECH, clock.now()), LeaveOutcome::NotThere);
    assert_eq!(
        join(&mut p, &clock, c, ConnId(3), OWNER, Some(&facts)),
        JoinOutcome::Rejected(RejectReason::Expired)
    );
}

#[test]
fn a_paired_session_outlives_its_code_expiry() {
    let mut clock = VirtualClock::new();
    let mut p = pairing(10);
    let facts = pending(&clock);
    let c = "123 456 789";
    join(&mut p, &clock, c, TECH, OWNER, Some(&facts));
    join(&mut p, &clock, c, PHONE, Arrival::Customer, Some(&facts));
    clock.advance(secs(3600));
    assert!(!p.expire_waiting(code(c), TECH, clock.now()));
    assert!(p.rooms().is_paired(code(c)));
}

#[test]
fn the_store_state_of_a_code_decides_first() {
    let clock = VirtualClock::new();
    let mut p = pairing(10);
    let with = |status| CodeFacts {
        status,
        ..pending(&clock)
    };
    let cases = [
        (CodeStatus::Active, RejectReason::AlreadyUsed),
        (CodeStatus::Ended, RejectReason::AlreadyUsed),
        (CodeStatus::Expired, RejectReason::Expired),
        (CodeStatus::Cancelled, RejectReason::Expired),
    ];
    for (i, (status, reason)) in cases.into_iter().enumerate() {
        let conn = ConnId(10 + i as u64);
        let facts = with(status);
        for arrival in [Arrival::Customer, OWNER] {
            assert_eq!(
                join(&mut p, &clock, "123 456 789", conn, arrival, Some(&facts)),
                JoinOutcome::Rejected(reason),
                "{status:?} {arrival:?}"
            );
        }
    }
    assert_eq!(
        join(
            &mut p,
            &clock,
            "123 456 789",
            PHONE,
            Arrival::Customer,
            None
        ),
        JoinOutcome::Rejected(RejectReason::UnknownCode)
    );
}

#[test]
fn technicians_need_a_valid_token_and_the_code_they_own() {
    let clock = VirtualClock::new();
    let mut p = pairing(10);
    let facts = pending(&clock);
    let c = "123 456 789";
    let cases = [
        (
            Arrival::Technician { user_id: None },
            Some(&facts),
            RejectReason::Unauthorized,
        ),
        (
            Arrival::Technician { user_id: None },
            None,
            RejectReason::Unauthorized,
        ),
        (
            Arrival::Technician { user_id: Some(8) },
            Some(&facts),
            RejectReason::Unauthorized,
        ),
        (OWNER, None, RejectReason::UnknownCode),
    ];
    for (arrival, facts, reason) in cases {
        assert_eq!(
            join(&mut p, &clock, c, TECH, arrival, facts),
            JoinOutcome::Rejected(reason),
            "{arrival:?}"
        );
    }
    assert_eq!(p.rooms().waiting(code(c)), None);
}

#[test]
fn ending_a_session_tells_the_peer_and_uses_the_code_up() {
    let clock = VirtualClock::new();
    let mut p = pairing(10);
    let facts = pending(&clock);
    let c = "123 456 789";
    join(&mut p, &clock, c, TECH, OWNER, Some(&facts));
    join(&mut p, &clock, c, PHONE, Arrival::Customer, Some(&facts));
    assert_eq!(
        p.leave(code(c), PHONE, clock.now()),
        LeaveOutcome::SessionEnded { peer: TECH }
    );
    assert_eq!(p.leave(code(c), TECH, clock.now()), LeaveOutcome::NotThere);
    assert_eq!(p.rooms().sessions(), 0);
    // Even if the store has not recorded the end yet, the code does not pair again.
    assert_eq!(
        join(
            &mut p,
            &clock,
            c,
            ConnId(3),
            Arrival::Customer,
            Some(&facts)
        ),
        JoinOutcome::Rejected(RejectReason::AlreadyUsed)
    );
}

#[test]
fn the_session_limit_turns_the_second_arrival_away_and_keeps_the_first_waiting() {
    let clock = VirtualClock::new();
    let mut p = pairing(1);
    let facts = pending(&clock);
    join(&mut p, &clock, "111 111 111", TECH, OWNER, Some(&facts));
    join(
        &mut p,
        &clock,
        "111 111 111",
        PHONE,
        Arrival::Customer,
        Some(&facts),
    );
    join(
        &mut p,
        &clock,
        "222 222 222",
        ConnId(3),
        OWNER,
        Some(&facts),
    );
    assert_eq!(
        join(
            &mut p,
            &clock,
            "222 222 222",
            ConnId(4),
            Arrival::Customer,
            Some(&facts)
        ),
        JoinOutcome::Busy
    );
    assert_eq!(
        p.rooms().waiting(code("222 222 222")),
        Some((Side::Technician, ConnId(3)))
    );
    p.leave(code("111 111 111"), TECH, clock.now());
    assert_eq!(
        join(
            &mut p,
            &clock,
            "222 222 222",
            ConnId(5),
            Arrival::Customer,
            Some(&facts)
        ),
        JoinOutcome::Paired { peer: ConnId(3) }
    );
}
