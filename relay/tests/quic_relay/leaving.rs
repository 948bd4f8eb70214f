//! Leaving: before the peer comes, during a session (cleanly or lost), by expiry, or by being
//! displaced.

use std::time::Duration;

use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::handshake::{CloseCode, RejectReason, RelayNotice};
use lifeline_protocol::quic::{ConnectError, Disconnect};
use lifeline_relay::store::CodeState;

use crate::common::{TestRelay, customer_hello, eventually, options, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_technician_leaving_before_the_customer_leaves_the_code_pending() {
    let relay = TestRelay::start().await;
    let tech = relay.technician("alice").await;
    let code = relay.code(&tech).await;
    let waiting = relay.admit(&tech.hello(code)).await.unwrap();
    waiting.abandon().await;
    let state = relay.store().code(code).await.unwrap().unwrap().state;
    assert_eq!(state, CodeState::Pending);

    // The customer arrives to nobody and waits; the technician comes back.
    let customer = relay.admit(&customer_hello(code, "Marie")).await.unwrap();
    assert!(customer.is_waiting());
    let customer = tokio::spawn(customer.paired());
    let technician = relay.connect(&tech.hello(code)).await.unwrap();
    let customer = within("pairing", customer).await.unwrap().unwrap();
    assert_eq!(technician.welcome(), customer.welcome());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_technician_ending_the_session_tells_the_customer_and_closes_the_record() {
    let relay = TestRelay::start().await;
    let mut pair = relay.pair("alice").await;
    pair.still_works().await;
    let id = i64::try_from(pair.technician.welcome().session_id).unwrap();
    pair.technician.close().await;
    assert_eq!(
        within("peer left", pair.customer.next_notice())
            .await
            .unwrap(),
        Some(RelayNotice::PeerLeft { clean: true })
    );
    assert_eq!(
        within("end of notices", pair.customer.next_notice())
            .await
            .unwrap(),
        None
    );
    let record = relay.store().session(id).await.unwrap().unwrap();
    let end = record.end.unwrap();
    assert_eq!(end.ended_by, Party::Technician);
    assert_eq!(end.reason, "the technician ended the session");
    assert!(end.bytes_from_technician > 0 && end.bytes_from_customer > 0);
    let code = relay.store().code(pair.code).await.unwrap().unwrap();
    assert_eq!(code.state, CodeState::Ended);
    // The relay closes the customer's connection for it.
    let gone = within("closed", pair.customer.peer().closed()).await;
    assert!(
        gone == Disconnect::Relay(CloseCode::SessionEnded) || gone == Disconnect::Local,
        "{gone}"
    );
    let _ = &pair.tech;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_customer_is_reported_as_lost() {
    let relay = TestRelay::start_with(|limits| limits.idle_timeout = Duration::from_secs(1)).await;
    let tech = relay.technician("alice").await;
    let code = relay.code(&tech).await;
    let waiting = tokio::spawn({
        let hello = tech.hello(code);
        let (target, trust) = (relay.target(), relay.trust());
        async move { lifeline_protocol::quic::connect(target, &trust, &hello, &options()).await }
    });
    // The phone runs on its own runtime, which then vanishes without a word.
    let (target, trust) = (relay.target(), relay.trust());
    let phone = std::thread::Builder::new()
        .name("vanishing-phone".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let session = runtime
                .block_on(lifeline_protocol::quic::connect(
                    target,
                    &trust,
                    &customer_hello(code, "Marie"),
                    &options(),
                ))
                .unwrap();
            // No close frame: the session is leaked and the runtime dropped.
            std::mem::forget(session);
            drop(runtime);
        })
        .unwrap();
    let mut technician = within("pairing", waiting).await.unwrap().unwrap();
    phone.join().unwrap();
    assert!(matches!(
        within("joined", technician.next_notice()).await.unwrap(),
        Some(RelayNotice::PeerJoined { .. })
    ));
    assert_eq!(
        within("peer lost", technician.next_notice()).await.unwrap(),
        Some(RelayNotice::PeerLeft { clean: false })
    );
    let id = i64::try_from(technician.welcome().session_id).unwrap();
    let end = relay
        .store()
        .session(id)
        .await
        .unwrap()
        .unwrap()
        .end
        .unwrap();
    assert_eq!(end.ended_by, Party::Relay);
    assert!(
        end.reason.starts_with("the customer's connection was lost"),
        "{}",
        end.reason
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_party_is_refused_when_the_code_expires() {
    let relay = TestRelay::start().await;
    let tech = relay.technician("alice").await;
    // Created 20 minutes less 1 second ago: it expires in a second.
    let code = relay
        .code_created(&tech, None, Duration::from_secs(20 * 60 - 1))
        .await
        .code;
    let waiting = relay.admit(&tech.hello(code)).await.unwrap();
    assert!(waiting.is_waiting());
    relay.clock.advance(Duration::from_secs(2));
    match within("expiry", waiting.paired()).await {
        Err(ConnectError::Rejected(RejectReason::Expired)) => {}
        Err(other) => panic!("expected expiry, got {other}"),
        Ok(_) => panic!("expected expiry, got a session"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reconnecting_technician_displaces_the_waiting_connection() {
    let relay = TestRelay::start().await;
    let tech = relay.technician("alice").await;
    let code = relay.code(&tech).await;
    let first = relay.admit(&tech.hello(code)).await.unwrap();
    let second = relay.admit(&tech.hello(code)).await.unwrap();
    match within("displaced", first.paired()).await {
        Err(ConnectError::ConnectionLost(Disconnect::Relay(CloseCode::Replaced))) => {}
        Err(other) => panic!("expected to be replaced, got {other}"),
        Ok(_) => panic!("expected to be replaced, got a session"),
    }
    let second = tokio::spawn(second.paired());
    let customer = relay.connect(&customer_hello(code, "Marie")).await.unwrap();
    let technician = within("pairing", second).await.unwrap().unwrap();
    assert_eq!(technician.welcome(), customer.welcome());
    eventually("one session", async || {
        relay.relay.metrics().active_sessions() == 1
    })
    .await;
}
