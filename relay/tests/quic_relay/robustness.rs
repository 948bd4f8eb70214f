//! Garbage, wrong ALPN, oversized and slow handshakes are dropped and counted, and a paired
//! session carries on meanwhile.

use std::time::Duration;

use lifeline_protocol::ALPN;
use lifeline_protocol::messages::handshake::CloseCode;

use crate::common::{TestRelay, eventually, within};
use crate::raw;

/// The close code the relay ended `conn` with.
async fn closed_with(conn: &quinn::Connection) -> Option<CloseCode> {
    match within("relay closes", conn.closed()).await {
        quinn::ConnectionError::ApplicationClosed(close) => {
            CloseCode::from_code(close.error_code.into_inner())
        }
        other => panic!("expected an application close, got {other}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_handshakes_are_dropped_while_a_session_keeps_working() {
    let relay = TestRelay::start_with(|limits| {
        limits.handshake_timeout = Duration::from_millis(700);
        limits.handshake_max_bytes = 1024;
    })
    .await;
    let pair = relay.pair("alice").await;
    let handle = &relay.relay;

    // Raw UDP garbage at the QUIC port.
    let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    for size in [1, 40, 1200, 1400] {
        let junk: Vec<u8> = (0..size).map(|i| (i * 31 % 256) as u8).collect();
        socket.send_to(&junk, handle.quic_addr).await.unwrap();
    }

    // Another application protocol: refused in the TLS handshake.
    let refused = raw::connect(handle, b"h3").await.err().unwrap();
    assert!(
        refused.to_string().contains("120") || refused.to_string().contains("crypto"),
        "{refused}"
    );

    // Garbage where the hello belongs.
    let (_e1, conn) = raw::connect(handle, ALPN).await.unwrap();
    let (mut send, _recv) = conn.open_bi().await.unwrap();
    send.write_all(&[0x05, 0xff, 0xff, 0xff, 0xff, 0xff])
        .await
        .unwrap();
    assert_eq!(closed_with(&conn).await, Some(CloseCode::BadHandshake));

    // A hello announcing more than the limit.
    let (_e2, conn) = raw::connect(handle, ALPN).await.unwrap();
    let (mut send, _recv) = conn.open_bi().await.unwrap();
    // LEB128 for 1 MiB, then some of it (the relay may have hung up already).
    send.write_all(&[0x80, 0x80, 0x40]).await.unwrap();
    let _ = send.write_all(&vec![0u8; 4096]).await;
    assert_eq!(closed_with(&conn).await, Some(CloseCode::BadHandshake));

    // A hello that never comes.
    let (_e3, conn) = raw::connect(handle, ALPN).await.unwrap();
    let (mut send, _recv) = conn.open_bi().await.unwrap();
    send.write_all(&[0x30]).await.unwrap();
    assert_eq!(closed_with(&conn).await, Some(CloseCode::BadHandshake));

    // A connection that opens nothing at all.
    let (_e4, conn) = raw::connect(handle, ALPN).await.unwrap();
    assert_eq!(closed_with(&conn).await, Some(CloseCode::BadHandshake));

    // The session carried on, and every bad handshake was counted.
    pair.still_works().await;
    eventually("counted", async || {
        handle
            .metrics()
            .render()
            .contains("lifeline_handshakes_failed_total 5\n")
    })
    .await;
    assert_eq!(handle.metrics().active_sessions(), 1);
}
