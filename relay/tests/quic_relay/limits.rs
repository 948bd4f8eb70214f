//! Connections per address, the session limit, shutdown.

use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::handshake::RelayNotice;
use lifeline_protocol::quic::ConnectError;
use lifeline_relay::store::Store;

use crate::common::{TestRelay, customer_hello, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_holds_a_limited_number_of_connections() {
    let relay = TestRelay::start_with(|limits| limits.connections_per_address = 2).await;
    let tech = relay.technician("alice").await;
    let (a, b, c) = (
        relay.code(&tech).await,
        relay.code(&tech).await,
        relay.code(&tech).await,
    );
    let first = relay.admit(&tech.hello(a)).await.unwrap();
    let _second = relay.admit(&tech.hello(b)).await.unwrap();
    match relay.admit(&tech.hello(c)).await {
        Err(ConnectError::Busy) => {}
        Err(other) => panic!("expected busy, got {other}"),
        Ok(_) => panic!("expected busy, was admitted"),
    }
    first.abandon().await;
    crate::common::eventually("a connection is free again", async || {
        relay.admit(&tech.hello(c)).await.is_ok()
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_limit_turns_customers_away_until_a_session_ends() {
    let relay = TestRelay::start_with(|limits| limits.max_sessions = 1).await;
    let mut first = relay.pair("alice").await;
    let bob = relay.technician("bob").await;
    let code = relay.code(&bob).await;
    let waiting = relay.admit(&bob.hello(code)).await.unwrap();
    let waiting = tokio::spawn(waiting.paired());
    match relay.admit(&customer_hello(code, "Jean")).await {
        Err(ConnectError::Busy) => {}
        Err(other) => panic!("expected busy, got {other}"),
        Ok(_) => panic!("expected busy, was admitted"),
    }
    assert!(!waiting.is_finished(), "the technician keeps waiting");
    first.customer.close().await;
    assert!(matches!(
        within("left", first.technician.next_notice())
            .await
            .unwrap(),
        Some(RelayNotice::PeerLeft { .. })
    ));
    let customer = relay.connect(&customer_hello(code, "Jean")).await.unwrap();
    let technician = within("pairing", waiting).await.unwrap().unwrap();
    assert_eq!(technician.welcome(), customer.welcome());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_tells_everyone_and_closes_the_records() {
    let relay = TestRelay::start().await;
    let mut pair = relay.pair("alice").await;
    let id = i64::try_from(pair.technician.welcome().session_id).unwrap();
    let bob = relay.technician("bob").await;
    let code = relay.code(&bob).await;
    let waiting = relay.admit(&bob.hello(code)).await.unwrap();
    let waiting = tokio::spawn(waiting.paired());

    let TestRelay { relay, dir, .. } = relay;
    let shutdown = tokio::spawn(relay.shutdown());
    assert_eq!(
        within("notice", pair.technician.next_notice())
            .await
            .unwrap(),
        Some(RelayNotice::Shutdown)
    );
    assert_eq!(
        within("notice", pair.customer.next_notice()).await.unwrap(),
        Some(RelayNotice::Shutdown)
    );
    pair.technician.close().await;
    pair.customer.close().await;
    match within("waiting", waiting).await.unwrap() {
        Err(ConnectError::ShuttingDown) => {}
        Err(other) => panic!("expected shutdown, got {other}"),
        Ok(_) => panic!("expected shutdown, got a session"),
    }
    within("shutdown", shutdown).await.unwrap();

    let store = Store::open(dir.path()).await.unwrap();
    let end = store.session(id).await.unwrap().unwrap().end.unwrap();
    assert_eq!(end.ended_by, Party::Relay);
    assert_eq!(end.reason, "the relay shut down");
}
