//! Join budgets: bursts, refills, backoff, forgiveness, and what a guesser gets.

use std::time::Duration;

use lifeline_protocol::messages::handshake::RejectReason;

use super::{VirtualClock, code, ip, pending, secs};
use crate::pairing::{
    Arrival, BudgetRules, ConnId, JoinBudgets, JoinOutcome, Pairing, PairingRules, RateLimited,
    SourceKey,
};

fn ten_a_minute() -> JoinBudgets {
    JoinBudgets::new(BudgetRules::per_minute(10))
}

fn guesser() -> SourceKey {
    SourceKey::of(ip("203.0.113.9"))
}

/// Makes `n` attempts at the current time; all must pass.
fn spend(budgets: &mut JoinBudgets, clock: &VirtualClock, n: u32) {
    for i in 0..n {
        assert_eq!(
            budgets.try_attempt(guesser(), clock.now()),
            Ok(()),
            "attempt {i}"
        );
    }
}

#[test]
fn a_fresh_source_gets_a_burst_then_is_refused() {
    let clock = VirtualClock::new();
    let mut budgets = ten_a_minute();
    spend(&mut budgets, &clock, 10);
    let refused = budgets.try_attempt(guesser(), clock.now()).unwrap_err();
    assert_eq!(
        refused,
        RateLimited {
            retry_after_ms: 6_000
        }
    );
    assert_eq!(
        refused.reason(),
        RejectReason::RateLimited {
            retry_after_secs: 6
        }
    );
    // Another source is not affected.
    assert_eq!(
        budgets.try_attempt(SourceKey::of(ip("203.0.113.10")), clock.now()),
        Ok(())
    );
}

#[test]
fn the_budget_refills_one_token_per_interval() {
    let mut clock = VirtualClock::new();
    let mut budgets = ten_a_minute();
    spend(&mut budgets, &clock, 10);
    clock.advance(secs(6));
    assert_eq!(budgets.available(guesser(), clock.now()), 1);
    spend(&mut budgets, &clock, 1);
    clock.advance(secs(5));
    assert_eq!(budgets.available(guesser(), clock.now()), 0);
    // A quiet minute (and no strikes) fills the bucket again, no more than full.
    clock.advance(secs(600));
    assert_eq!(budgets.available(guesser(), clock.now()), 10);
    spend(&mut budgets, &clock, 10);
    assert!(budgets.try_attempt(guesser(), clock.now()).is_err());
}

#[test]
fn waiting_out_a_refusal_is_admitted_and_coming_early_is_not() {
    let mut clock = VirtualClock::new();
    let mut budgets = ten_a_minute();
    spend(&mut budgets, &clock, 10);
    clock.advance(secs(2));
    let refused = budgets.try_attempt(guesser(), clock.now()).unwrap_err();
    assert_eq!(refused.retry_after_secs(), 6);
    clock.advance(Duration::from_millis(refused.retry_after_ms - 1));
    let early = budgets.try_attempt(guesser(), clock.now()).unwrap_err();
    assert_eq!(
        early.retry_after_secs(),
        12,
        "coming early is a second strike"
    );
    clock.advance(Duration::from_millis(early.retry_after_ms));
    assert_eq!(budgets.try_attempt(guesser(), clock.now()), Ok(()));
}

#[test]
fn backoff_doubles_while_a_source_keeps_trying() {
    let mut clock = VirtualClock::new();
    let mut budgets = ten_a_minute();
    spend(&mut budgets, &clock, 10);
    let mut waits = Vec::new();
    for _ in 0..12 {
        let refused = budgets.try_attempt(guesser(), clock.now()).unwrap_err();
        waits.push(refused.retry_after_secs());
        clock.advance(Duration::from_millis(100));
    }
    assert_eq!(
        waits,
        [6, 12, 24, 48, 96, 192, 384, 768, 1536, 3072, 3600, 3600],
        "doubling from one refill interval, capped at an hour"
    );
}

#[test]
fn strikes_are_forgiven_after_a_quiet_spell() {
    let mut clock = VirtualClock::new();
    let mut budgets = ten_a_minute();
    spend(&mut budgets, &clock, 10);
    let mut last = RateLimited { retry_after_ms: 0 };
    for _ in 0..5 {
        last = budgets.try_attempt(guesser(), clock.now()).unwrap_err();
    }
    assert_eq!(last.retry_after_secs(), 96);
    // Block ends after 96 s; 15 quiet minutes after that forgive the strikes.
    clock.advance(secs(96 + 15 * 60));
    spend(&mut budgets, &clock, 10);
    let refused = budgets.try_attempt(guesser(), clock.now()).unwrap_err();
    assert_eq!(refused.retry_after_secs(), 6, "back to the first backoff");
}

#[test]
fn strikes_are_remembered_without_a_quiet_spell() {
    let mut clock = VirtualClock::new();
    let mut budgets = ten_a_minute();
    spend(&mut budgets, &clock, 10);
    for _ in 0..5 {
        let _ = budgets.try_attempt(guesser(), clock.now());
    }
    // Wait out the 96 s block and the refill of a full bucket, but not the forgiveness.
    clock.advance(secs(96 + 60));
    spend(&mut budgets, &clock, 10);
    let refused = budgets.try_attempt(guesser(), clock.now()).unwrap_err();
    assert_eq!(refused.retry_after_secs(), 192, "the sixth strike");
}

#[test]
fn hammering_a_whole_day_yields_nothing_beyond_the_first_burst() {
    let mut clock = VirtualClock::new();
    let mut budgets = ten_a_minute();
    let mut admitted = 0;
    for _ in 0..(24 * 60 * 60) {
        if budgets.try_attempt(guesser(), clock.now()).is_ok() {
            admitted += 1;
        }
        clock.advance(secs(1));
    }
    // The burst, plus the tokens earned while spending it; then every attempt is a strike
    // that extends the block, so nothing more all day.
    assert!(admitted <= 12, "{admitted}");
}

#[test]
fn a_patient_guesser_is_held_to_the_token_rate() {
    // The best a single source can do: always wait exactly as long as it is told.
    let mut clock = VirtualClock::new();
    let mut budgets = ten_a_minute();
    let day_end = clock.later(secs(24 * 60 * 60));
    let mut admitted: u64 = 0;
    while clock.now() < day_end {
        match budgets.try_attempt(guesser(), clock.now()) {
            Ok(()) => admitted += 1,
            Err(refused) => {
                clock.advance(Duration::from_millis(refused.retry_after_ms));
            }
        }
    }
    assert!(
        admitted <= 10 + 24 * 60 * 10,
        "{admitted} attempts in a day"
    );
    // Codes live 20 minutes: chance of hitting one given code in its lifetime.
    let per_code_lifetime = admitted as f64 / 72.0;
    assert!(per_code_lifetime / 1e9 < 1e-6);
}

#[test]
fn ipv6_neighbours_share_a_budget_and_mapped_ipv4_counts_as_ipv4() {
    let clock = VirtualClock::new();
    let mut budgets = ten_a_minute();
    for i in 0..10 {
        let addr = ip(&format!("2001:db8:1:2::{:x}", i + 1));
        assert_eq!(
            budgets.try_attempt(SourceKey::of(addr), clock.now()),
            Ok(())
        );
    }
    let neighbour = SourceKey::of(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    assert!(budgets.try_attempt(neighbour, clock.now()).is_err());
    assert_eq!(
        budgets.try_attempt(SourceKey::of(ip("2001:db8:1:3::1")), clock.now()),
        Ok(())
    );
    assert_eq!(
        SourceKey::of(ip("::ffff:198.51.100.7")),
        SourceKey::of(ip("198.51.100.7"))
    );
    assert_eq!(neighbour.to_string(), "2001:db8:1:2::/64");
}

#[test]
fn idle_budgets_are_forgotten() {
    let mut clock = VirtualClock::new();
    let mut budgets = ten_a_minute();
    for i in 0..2000u32 {
        let addr = std::net::IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + i));
        budgets
            .try_attempt(SourceKey::of(addr), clock.now())
            .unwrap();
    }
    assert!(budgets.tracked() >= 1000);
    clock.advance(secs(7));
    budgets.prune(clock.now());
    assert_eq!(
        budgets.tracked(),
        0,
        "each spent one token and earned it back"
    );
}

#[test]
fn admitted_joins_cost_no_budget_and_failures_do() {
    let clock = VirtualClock::new();
    let mut pairing = Pairing::new(PairingRules {
        budget: BudgetRules::per_minute(3),
        connections_per_address: 100,
        max_sessions: 100,
    });
    let office = ip("192.0.2.50");
    let facts = pending(&clock);
    // Many technicians behind one office address open their sessions.
    for n in 0..20u32 {
        let ticket = pairing.begin_join(office, clock.now()).unwrap();
        let code = lifeline_protocol::SessionCode::try_from(100_000_000 + n).unwrap();
        let outcome = pairing.join(
            ticket,
            code,
            ConnId(u64::from(n)),
            Arrival::Technician { user_id: Some(7) },
            Some(&facts),
            clock.now(),
        );
        assert!(
            matches!(outcome, JoinOutcome::Waiting { .. }),
            "{outcome:?}"
        );
    }
    // Wrong codes use it up.
    for n in 0..3u64 {
        let ticket = pairing.begin_join(office, clock.now()).unwrap();
        let outcome = pairing.join(
            ticket,
            code("999 999 999"),
            ConnId(100 + n),
            Arrival::Customer,
            None,
            clock.now(),
        );
        assert_eq!(outcome, JoinOutcome::Rejected(RejectReason::UnknownCode));
    }
    let refused = pairing.begin_join(office, clock.now()).unwrap_err();
    assert_eq!(refused.retry_after_secs(), 20);
}
