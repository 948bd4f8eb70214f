//! Refused hellos, each with its reason.

use std::time::Duration;

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::handshake::{ClientHello, RejectReason};
use lifeline_protocol::quic::ConnectError;

use crate::common::{TestRelay, customer_hello, within};

/// The reason a hello is refused with (the test fails if it is not refused).
async fn refusal(relay: &TestRelay, hello: &ClientHello) -> RejectReason {
    match relay.admit(hello).await {
        Err(ConnectError::Rejected(reason)) => reason,
        Err(other) => panic!("expected a refusal, got {other}"),
        Ok(_) => panic!("expected a refusal, was admitted"),
    }
}

fn code(text: &str) -> SessionCode {
    text.parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_expired_cancelled_and_used_codes_are_refused_with_their_reason() {
    let relay = TestRelay::start().await;
    let tech = relay.technician("alice").await;

    // A code nobody created.
    let unknown = code("000 000 001");
    assert_eq!(
        refusal(&relay, &customer_hello(unknown, "Eve")).await,
        RejectReason::UnknownCode
    );

    // A code created 21 minutes ago (lifetime 20).
    let old = relay
        .code_created(&tech, None, Duration::from_secs(21 * 60))
        .await
        .code;
    assert_eq!(
        refusal(&relay, &customer_hello(old, "Marie")).await,
        RejectReason::Expired
    );
    assert_eq!(
        refusal(&relay, &tech.hello(old)).await,
        RejectReason::Expired
    );

    // A cancelled code.
    let cancelled = relay.code(&tech).await;
    relay
        .store()
        .cancel_code(cancelled, &tech.user, relay.now())
        .await
        .unwrap();
    assert_eq!(
        refusal(&relay, &customer_hello(cancelled, "Marie")).await,
        RejectReason::Expired
    );

    // A code a customer already claimed (waiting), then one already in a session.
    let claimed = relay.code(&tech).await;
    let first = relay
        .admit(&customer_hello(claimed, "Marie"))
        .await
        .unwrap();
    assert!(first.is_waiting());
    assert_eq!(
        refusal(&relay, &customer_hello(claimed, "Mallory")).await,
        RejectReason::AlreadyUsed
    );
    let pairing = tokio::spawn(first.paired());
    let _technician = relay.connect(&tech.hello(claimed)).await.unwrap();
    let _customer = within("pairing", pairing).await.unwrap().unwrap();
    assert_eq!(
        refusal(&relay, &customer_hello(claimed, "Mallory")).await,
        RejectReason::AlreadyUsed
    );
    assert_eq!(
        refusal(&relay, &tech.hello(claimed)).await,
        RejectReason::AlreadyUsed
    );

    let metrics = relay.relay.metrics();
    assert_eq!(metrics.rejected_count(&RejectReason::UnknownCode), 1);
    assert_eq!(metrics.rejected_count(&RejectReason::Expired), 3);
    assert_eq!(metrics.rejected_count(&RejectReason::AlreadyUsed), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn technicians_need_a_valid_token_for_a_code_they_own() {
    let relay = TestRelay::start().await;
    let alice = relay.technician("alice").await;
    let bob = relay.technician("bob").await;
    let code = relay.code(&alice).await;

    let mut forged = alice.hello(code);
    if let lifeline_protocol::messages::handshake::Role::Technician { token, .. } = &mut forged.role
    {
        *token = "not-a-token".into();
    }
    assert_eq!(refusal(&relay, &forged).await, RejectReason::Unauthorized);
    assert_eq!(
        refusal(&relay, &bob.hello(code)).await,
        RejectReason::Unauthorized
    );

    relay
        .store()
        .update_user(alice.user.id, None, Some(true))
        .await
        .unwrap();
    assert_eq!(
        refusal(&relay, &alice.hello(code)).await,
        RejectReason::Unauthorized
    );
    let err = relay.admit(&alice.hello(code)).await.err().unwrap();
    assert_eq!(
        err.to_string(),
        "not signed in, or this code belongs to someone else"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_protocol_version_is_refused() {
    let relay = TestRelay::start().await;
    let mut hello = customer_hello(code("123 456 789"), "Marie");
    hello.version = 99;
    assert_eq!(
        refusal(&relay, &hello).await,
        RejectReason::UnsupportedVersion { supported: 1 }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_codes_is_rate_limited_and_the_budget_refills() {
    let relay = TestRelay::start_with(|limits| limits.join_attempts_per_minute = 3).await;
    let tech = relay.technician("alice").await;
    let real = relay.code(&tech).await;
    for guess in ["111 111 111", "222 222 222", "333 333 333"] {
        assert_eq!(
            refusal(&relay, &customer_hello(code(guess), "Eve")).await,
            RejectReason::UnknownCode
        );
    }
    // The fourth attempt is refused before the code is even looked up, right or wrong.
    let limited = refusal(&relay, &customer_hello(real, "Eve")).await;
    assert_eq!(
        limited,
        RejectReason::RateLimited {
            retry_after_secs: 20
        }
    );
    // Trying again at once makes the wait longer.
    let longer = refusal(&relay, &customer_hello(real, "Eve")).await;
    assert_eq!(
        longer,
        RejectReason::RateLimited {
            retry_after_secs: 40
        }
    );
    // After the wait, a right code is admitted.
    relay.clock.advance(Duration::from_secs(40));
    let admitted = relay.admit(&customer_hello(real, "Marie")).await.unwrap();
    assert!(admitted.is_waiting());
    assert_eq!(
        relay
            .relay
            .metrics()
            .rejected_count(&RejectReason::RateLimited {
                retry_after_secs: 0
            }),
        2
    );
}
