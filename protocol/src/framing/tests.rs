use proptest::prelude::*;

use super::*;
use crate::messages::control::{ChatId, ChatMessage, ControlMessage};
use crate::messages::input::{FrameSize, InputEvent, TouchEvent, TouchPhase};
use crate::messages::{Party, UnixMillis};

fn chat(id: u64, text: &str) -> ControlMessage {
    ControlMessage::Chat(
        ChatMessage::new(ChatId(id), Party::Customer, UnixMillis(id), text).unwrap(),
    )
}

fn decode_all(decoder: &mut FrameDecoder<ControlMessage>) -> Vec<ControlMessage> {
    let mut out = Vec::new();
    while let Some(message) = decoder.poll().unwrap() {
        out.push(message);
    }
    out
}

#[test]
fn byte_at_a_time() {
    let messages = [
        chat(1, "hello"),
        ControlMessage::KeyframeRequest,
        chat(2, &"x".repeat(300)),
    ];
    let mut stream = Vec::new();
    for m in &messages {
        encode_into(m, max_frame_len(StreamKind::Control), &mut stream).unwrap();
    }
    let mut decoder = FrameDecoder::for_kind(StreamKind::Control);
    let mut got = Vec::new();
    for byte in &stream {
        decoder.push(std::slice::from_ref(byte));
        got.extend(decode_all(&mut decoder));
    }
    assert_eq!(got, messages);
    assert_eq!(decoder.finish(), Ok(()));
}

#[test]
fn oversized_is_refused_from_the_prefix_alone() {
    let mut decoder = FrameDecoder::<InputEvent>::for_kind(StreamKind::Input);
    // Length prefix announcing 1 MiB, no body.
    decoder.push(&[0x80, 0x80, 0x40]);
    let err = decoder.poll().unwrap_err();
    assert_eq!(
        err,
        FrameError::Oversized {
            len: 1 << 20,
            max: 8 * 1024
        }
    );
    assert!(!err.is_recoverable());
    // The stream is unusable from here on: the same error again.
    decoder.push(&[1, 2, 3]);
    assert_eq!(decoder.poll().unwrap_err(), err);
    assert_eq!(
        err.to_string(),
        "frame of 1048576 bytes exceeds this stream's limit of 8192 bytes"
    );
}

#[test]
fn encoder_refuses_oversized_messages() {
    let text = InputEvent::Text {
        text: "x".repeat(9000),
    };
    assert!(matches!(
        encode(&text, max_frame_len(StreamKind::Input)),
        Err(FrameError::Oversized { max: 8192, .. })
    ));
}

#[test]
fn invalid_and_empty_lengths() {
    let mut decoder = FrameDecoder::<ControlMessage>::new(100);
    decoder.push(&[0xff; 5]);
    assert_eq!(decoder.poll().unwrap_err(), FrameError::InvalidLength);

    let mut decoder = FrameDecoder::<ControlMessage>::new(100);
    decoder.push(&[0xff, 0xff, 0xff, 0xff, 0x7f]);
    assert_eq!(
        decoder.poll().unwrap_err(),
        FrameError::InvalidLength,
        "over u32"
    );

    let mut decoder = FrameDecoder::<ControlMessage>::new(100);
    decoder.push(&[0]);
    assert_eq!(decoder.poll().unwrap_err(), FrameError::Empty);
}

#[test]
fn malformed_frame_is_skipped() {
    let mut stream = vec![2, 0xee, 0xee]; // a frame of two bytes that are no message
    encode_into(&chat(5, "after"), 1000, &mut stream).unwrap();
    let mut decoder = FrameDecoder::<ControlMessage>::new(1000);
    decoder.push(&stream);
    let err = decoder.poll().unwrap_err();
    assert!(matches!(err, FrameError::Malformed(_)), "{err}");
    assert!(err.is_recoverable());
    assert_eq!(decoder.poll().unwrap(), Some(chat(5, "after")));
}

#[test]
fn trailing_bytes_in_a_frame_are_reported() {
    let body = postcard::to_stdvec(&ControlMessage::KeyframeRequest).unwrap();
    let mut stream = vec![u8::try_from(body.len() + 2).unwrap()];
    stream.extend_from_slice(&body);
    stream.extend_from_slice(&[0, 0]);
    let mut decoder = FrameDecoder::<ControlMessage>::new(1000);
    decoder.push(&stream);
    assert_eq!(
        decoder.poll().unwrap_err(),
        FrameError::TrailingBytes { extra: 2 }
    );
    assert_eq!(decoder.poll().unwrap(), None);
}

#[test]
fn truncated_stream_is_reported_at_the_end() {
    let frame = encode(&chat(1, "cut short"), 1000).unwrap();
    let mut decoder = FrameDecoder::<ControlMessage>::new(1000);
    decoder.push(&frame[..frame.len() - 1]);
    assert_eq!(decoder.poll().unwrap(), None);
    assert_eq!(
        decoder.finish(),
        Err(FrameError::Truncated {
            buffered: frame.len() - 1
        })
    );
}

#[test]
fn remaining_bytes_follow_a_header() {
    let mut stream = encode(&chat(1, "header"), 1000).unwrap();
    stream.extend_from_slice(b"raw file bytes");
    let mut decoder = FrameDecoder::<ControlMessage>::new(1000);
    decoder.push(&stream);
    assert_eq!(decoder.poll().unwrap(), Some(chat(1, "header")));
    assert_eq!(decoder.into_remaining(), b"raw file bytes");
}

#[test]
fn limits_fit_their_largest_messages() {
    let touch = InputEvent::Touch(TouchEvent {
        phase: TouchPhase::Move,
        pointer: 0,
        x: 8191,
        y: 8191,
        frame: FrameSize::new(8192, 8192),
        at_us: u64::MAX,
    });
    assert!(encode(&touch, max_frame_len(StreamKind::Input)).is_ok());
    let longest_text = InputEvent::Text {
        text: "€".repeat(crate::messages::input::MAX_TEXT_CHARS),
    };
    assert!(encode(&longest_text, max_frame_len(StreamKind::Input)).is_ok());
}

fn arb_message() -> impl Strategy<Value = ControlMessage> {
    prop_oneof![
        (any::<u64>(), "[a-z][a-zA-Z0-9 éü☺]{0,199}").prop_map(|(id, text)| chat(id, &text)),
        Just(ControlMessage::KeyframeRequest),
        (any::<u64>(), any::<u64>())
            .prop_map(|(nonce, sent_at_us)| ControlMessage::Ping { nonce, sent_at_us }),
    ]
}

proptest! {
    #[test]
    fn any_chunking_yields_the_same_messages(
        messages in prop::collection::vec(arb_message(), 0..20),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..30),
    ) {
        let mut stream = Vec::new();
        for m in &messages {
            encode_into(m, 4096, &mut stream).unwrap();
        }
        let mut points: Vec<usize> = cuts.iter().map(|i| i.index(stream.len() + 1)).collect();
        points.push(0);
        points.push(stream.len());
        points.sort_unstable();
        let mut decoder = FrameDecoder::<ControlMessage>::new(4096);
        let mut got = Vec::new();
        for pair in points.windows(2) {
            decoder.push(&stream[pair[0]..pair[1]]);
            got.extend(decode_all(&mut decoder));
        }
        prop_assert_eq!(got, messages);
        prop_assert_eq!(decoder.finish(), Ok(()));
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let mut decoder = FrameDecoder::<ControlMessage>::new(256);
        decoder.push(&bytes);
        for _ in 0..600 {
            match decoder.poll() {
                Ok(None) => break,
                Ok(Some(_)) => {}
                Err(err) if err.is_recoverable() => {}
                Err(_) => break,
            }
        }
        let mut input = FrameDecoder::<InputEvent>::new(256);
        input.push(&bytes);
        while let Ok(Some(_)) | Err(FrameError::Malformed(_) | FrameError::TrailingBytes { .. }) = input.poll() {}
    }
}
