//! Codes that cannot be joined: cancelled, expired, wrong (until rate-limited).

use std::time::Duration;

use lifeline_console::net::Command;
use lifeline_console::state::codes::CodeState;
use lifeline_protocol::SessionCode;
use lifeline_tests::rig::{Joining, Phone, RigRelay, Tech};

#[test]
fn a_cancelled_code_cannot_be_joined() {
    let relay = RigRelay::start();
    let mut tech = Tech::sign_in(&relay, "alex");
    let entry = tech.create_code(Some("Marie"), None);
    let code = entry.code;
    tech.client()
        .commands()
        .send(Command::CancelCode(code))
        .unwrap();
    tech.wait("the code is cancelled", |s| {
        s.codes
            .get(code)
            .is_some_and(|c| c.state == CodeState::Cancelled)
    });
    let refused = Phone::try_join(&entry.url, relay.fingerprint(), &Joining::marie())
        .expect_err("a cancelled code is refused");
    assert!(refused.contains("cancelled"), "{refused}");
    assert!(
        tech.state().session(code).is_none_or(|s| !s.is_active()),
        "no session started"
    );
}

#[test]
fn an_expired_code_cannot_be_joined() {
    let relay = RigRelay::start();
    let mut tech = Tech::sign_in(&relay, "alex");
    let entry = tech.create_code(None, None);
    // The default portal's codes live 20 minutes.
    relay.advance(Duration::from_secs(20 * 60 + 1));
    let refused = Phone::try_join(&entry.url, relay.fingerprint(), &Joining::marie())
        .expect_err("an expired code is refused");
    assert!(refused.contains("expired"), "{refused}");
}

#[test]
fn wrong_codes_are_refused_until_the_address_is_rate_limited() {
    let relay = RigRelay::start();
    let mut tech = Tech::sign_in(&relay, "alex");
    let entry = tech.create_code(None, None);
    let right = entry.code.digits();
    let deep_link = entry.deep_link.clone();
    let wrong = |n: u32| {
        let digits = format!(
            "{:09}",
            (right.parse::<u64>().unwrap() + u64::from(n)) % 1_000_000_000
        );
        let code: SessionCode = digits.parse().unwrap();
        deep_link.replacen(&right, &code.digits(), 1)
    };

    let mut unknown = 0;
    let mut limited = None;
    for n in 1..=20 {
        let refused = Phone::try_join(&wrong(n), relay.fingerprint(), &Joining::marie())
            .expect_err("a wrong code is refused");
        if refused.contains("does not exist") {
            unknown += 1;
        } else {
            limited = Some((n, refused));
            break;
        }
    }
    let (attempt, reason) = limited.expect("rate-limited within 20 attempts");
    assert!(reason.contains("try again"), "{reason}");
    assert!(
        unknown >= 3,
        "{unknown} wrong codes were refused as unknown first"
    );
    assert_eq!(attempt, unknown + 1);

    // Now even the right code waits...
    let refused = Phone::try_join(&deep_link, relay.fingerprint(), &Joining::marie())
        .expect_err("the address is limited");
    assert!(refused.contains("try again"), "{refused}");

    // ...until the budget refills.
    relay.advance(Duration::from_secs(120));
    let _phone = Phone::join(&deep_link, relay.fingerprint(), &Joining::marie());
    tech.wait_joined(entry.code);
}
