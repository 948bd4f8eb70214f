//! A technician and a customer pair by code; bytes flow both ways on every stream kind and
//! as datagrams.

use std::time::Duration;

use lifeline_protocol::CertFingerprint;
use lifeline_protocol::consent::PortalPolicy;
use lifeline_protocol::messages::control::{ChatId, ChatMessage, ControlMessage};
use lifeline_protocol::messages::file::FileHeader;
use lifeline_protocol::messages::handshake::RelayNotice;
use lifeline_protocol::messages::input::{InputEvent, Key, KeyAction, KeyEvent};
use lifeline_protocol::messages::video::{Codec, Rotation, StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::messages::{Party, UnixMillis};
use lifeline_protocol::quic::{IncomingStream, Peer};

use crate::common::{TestRelay, customer_hello, eventually, phone, within};

fn chat(id: u64, from: Party, text: &str) -> ControlMessage {
    ControlMessage::Chat(ChatMessage::new(ChatId(id), from, UnixMillis(1), text).unwrap())
}

/// Sends `data` until the other side reads it (datagrams may be lost).
async fn datagram_arrives(from: &Peer, to: &Peer, data: &[u8]) {
    within("datagram", async {
        loop {
            from.send_datagram(data.to_vec()).unwrap();
            if let Ok(Ok(got)) =
                tokio::time::timeout(Duration::from_millis(200), to.read_datagram()).await
            {
                assert_eq!(got, data);
                return;
            }
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn technician_and_customer_pair_by_code_and_talk_on_every_stream() {
    let relay = TestRelay::start().await;
    let tech = relay.technician("alice").await;
    let record = relay
        .code_created(&tech, Some("Marie"), Duration::ZERO)
        .await;

    // The technician comes first and waits.
    let admission = relay.admit(&tech.hello(record.code)).await.unwrap();
    assert!(admission.is_waiting());
    let waiting = tokio::spawn(admission.paired());

    // The customer joins: both are welcomed into the same session.
    let mut customer = relay
        .connect(&customer_hello(record.code, "Marie Dupont"))
        .await
        .unwrap();
    let mut technician = within("pairing", waiting).await.unwrap().unwrap();
    let welcome = customer.welcome().clone();
    assert_eq!(technician.welcome(), &welcome);
    assert!(welcome.session_id > 0);
    assert_eq!(welcome.policy, PortalPolicy::default());
    assert_eq!(welcome.identifier.as_deref(), Some("Marie"));
    assert!(!welcome.recorded);
    assert_eq!(
        within("notice", technician.next_notice()).await.unwrap(),
        Some(RelayNotice::PeerJoined {
            name: "Marie Dupont".into(),
            device: Some(phone()),
        })
    );
    assert_eq!(
        within("notice", customer.next_notice()).await.unwrap(),
        Some(RelayNotice::PeerJoined {
            name: "alice".into(),
            device: None,
        })
    );
    assert_eq!(relay.relay.metrics().active_sessions(), 1);
    let tp = technician.peer().clone();
    let cp = customer.peer().clone();

    // Control, both ways on one bidirectional stream.
    let (mut t_tx, mut t_rx) = tp.open_control().await.unwrap();
    let hello = chat(1, Party::Technician, "Hello, I'm Alice from support");
    t_tx.send(&hello).await.unwrap();
    let IncomingStream::Control(mut c_tx, mut c_rx) =
        within("control", cp.accept_stream()).await.unwrap()
    else {
        panic!("expected the control stream");
    };
    assert_eq!(within("chat", c_rx.recv()).await.unwrap(), Some(hello));
    let answer = chat(1, Party::Customer, "Bonjour, my phone is slow");
    c_tx.send(&answer).await.unwrap();
    assert_eq!(within("chat", t_rx.recv()).await.unwrap(), Some(answer));

    // Input: technician → phone.
    let mut input = tp.open_input().await.unwrap();
    let home = InputEvent::Key(KeyEvent {
        key: Key::Home,
        action: KeyAction::Press,
    });
    input.send(&home).await.unwrap();
    let IncomingStream::Input(mut keys) = within("input", cp.accept_stream()).await.unwrap() else {
        panic!("expected the input stream");
    };
    assert_eq!(within("key", keys.recv()).await.unwrap(), Some(home));

    // Video and a file: phone → technician, in parallel, large enough to need many packets.
    let mut video = cp.open_video().await.unwrap();
    let start = VideoMessage::StreamStart(StreamStart {
        codec: Codec::Tiles,
        width: 1080,
        height: 2340,
        rotation: Rotation::Deg0,
    });
    let frame = VideoMessage::Frame(VideoFrame {
        sequence: 1,
        timestamp_us: 40_000,
        keyframe: true,
        payload: (0..400_000u32).map(|i| (i * 7 % 251) as u8).collect(),
    });
    video.send(&start).await.unwrap();
    video.send(&frame).await.unwrap();
    video.finish().unwrap();
    let content: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
    let header = FileHeader {
        file_id: 1,
        name: "logcat.txt".into(),
        size: content.len() as u64,
        sha256: *CertFingerprint::of_der(&content).as_bytes(),
    };
    let mut file = cp.open_file(header.clone()).await.unwrap();
    for part in content.chunks(50_000) {
        file.write(part).await.unwrap();
    }
    file.finish().unwrap();

    let (mut frames, mut received) = (None, None);
    for _ in 0..2 {
        match within("phone streams", tp.accept_stream()).await.unwrap() {
            IncomingStream::Video(receiver) => frames = Some(receiver),
            IncomingStream::File(receiver) => received = Some(receiver),
            other => panic!("unexpected {:?}", other.kind()),
        }
    }
    let mut frames = frames.unwrap();
    assert_eq!(within("start", frames.recv()).await.unwrap(), Some(start));
    assert_eq!(within("frame", frames.recv()).await.unwrap(), Some(frame));
    assert_eq!(within("end of video", frames.recv()).await.unwrap(), None);
    let received = received.unwrap();
    assert_eq!(received.header(), &header);
    assert_eq!(
        within("file", received.read_to_end()).await.unwrap(),
        content
    );

    // Datagrams, both ways.
    datagram_arrives(&tp, &cp, b"ping from the console").await;
    datagram_arrives(&cp, &tp, b"pong from the phone").await;

    // The customer leaves; the technician is told it was on purpose; the record closes with
    // the bytes carried each way.
    customer.close().await;
    assert_eq!(
        within("peer left", technician.next_notice()).await.unwrap(),
        Some(RelayNotice::PeerLeft { clean: true })
    );
    let session = relay
        .store()
        .session(i64::try_from(welcome.session_id).unwrap())
        .await
        .unwrap()
        .unwrap();
    let end = session.end.expect("the record is closed");
    assert_eq!(end.ended_by, Party::Customer);
    assert!(end.bytes_from_customer > 700_000, "{end:?}");
    assert!(end.bytes_from_technician > 20, "{end:?}");
    assert_eq!(session.customer_name, "Marie Dupont");
    assert_eq!(session.device, phone());
    technician.close().await;
    eventually("metrics settle", async || {
        relay.relay.metrics().active_sessions() == 0
    })
    .await;
    assert!(relay.relay.metrics().relayed_bytes() > 700_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_may_arrive_first_and_wait_for_the_technician() {
    let relay = TestRelay::start().await;
    let tech = relay.technician("bob").await;
    let code = relay.code(&tech).await;
    let admission = relay.admit(&customer_hello(code, "Jean")).await.unwrap();
    assert!(admission.is_waiting());
    let waiting = tokio::spawn(admission.paired());
    let mut technician = relay.connect(&tech.hello(code)).await.unwrap();
    let mut customer = within("pairing", waiting).await.unwrap().unwrap();
    assert_eq!(technician.welcome(), customer.welcome());
    assert!(matches!(
        within("notice", technician.next_notice()).await.unwrap(),
        Some(RelayNotice::PeerJoined { name, .. }) if name == "Jean"
    ));
    assert!(matches!(
        within("notice", customer.next_notice()).await.unwrap(),
        Some(RelayNotice::PeerJoined { name, device: None }) if name == "bob"
    ));
}
