use super::*;
use crate::messages::Party;
use crate::messages::control::{ChatId, ChatMessage};
use crate::messages::video::{Codec, Rotation, StreamStart, VideoFrame, VideoMessage};

fn frame(seq: u64, keyframe: bool, len: usize) -> RecordItem {
    RecordItem::Video(VideoMessage::Frame(VideoFrame {
        sequence: seq,
        timestamp_us: seq * 1000,
        keyframe,
        payload: vec![seq as u8; len],
    }))
}

fn chat(text: &str) -> RecordItem {
    RecordItem::Chat(ChatMessage {
        id: ChatId(1),
        from: Party::Customer,
        sent_at: UnixMillis(5),
        text: text.into(),
    })
}

fn entry(at_us: u64, item: RecordItem) -> RecordEntry {
    RecordEntry { at_us, item }
}

fn writer() -> ChunkWriter {
    ChunkWriter::new(7, UnixMillis(1_000), 0)
}

#[test]
fn chunks_round_trip_and_concatenate_into_a_recording() {
    let mut w = writer();
    let start = RecordItem::Video(VideoMessage::StreamStart(StreamStart {
        codec: Codec::Tiles,
        width: 64,
        height: 64,
        rotation: Rotation::Deg0,
    }));
    assert!(w.push(entry(10, start)).unwrap().is_none());
    w.push(entry(20, frame(0, true, 100))).unwrap();
    w.push(entry(30, chat("hello"))).unwrap();
    let first = w.seal().unwrap().unwrap();
    assert_eq!(first.seq, 0);
    assert!(w.seal().unwrap().is_none(), "nothing waiting, no chunk");
    // Time never goes backwards.
    w.push(entry(25, frame(1, false, 10))).unwrap();
    w.push(entry(40, frame(2, true, 10))).unwrap();
    let second = w.seal().unwrap().unwrap();
    assert_eq!(second.seq, 1);

    let decoded = decode_chunk(&first.bytes, Some((7, 0))).unwrap();
    assert_eq!(decoded.header.keyframes, vec![20]);
    assert_eq!(decoded.header.entries, 3);
    assert_eq!(decoded.entries[2].item, chat("hello"));
    let decoded = decode_chunk(&second.bytes, Some((7, 1))).unwrap();
    assert_eq!(decoded.entries[0].at_us, 30);
    assert_eq!(decoded.header.keyframes, vec![40]);

    let mut all = first.bytes.clone();
    all.extend_from_slice(&second.bytes);
    let chunks = RecordReader::read(&all).unwrap();
    assert_eq!(chunks.len(), 2);
    assert_eq!(chunks[1].entries.len(), 2);
}

#[test]
fn bad_chunks_are_refused_with_the_fault_named() {
    let mut w = writer();
    w.push(entry(1, chat("a"))).unwrap();
    let good = w.seal().unwrap().unwrap().bytes;

    assert_eq!(decode_chunk(&[], None), Err(ChunkError::Empty));
    assert!(matches!(
        decode_chunk(&good, Some((8, 0))),
        Err(ChunkError::Mismatch { .. })
    ));
    assert!(matches!(
        decode_chunk(&good, Some((7, 3))),
        Err(ChunkError::Mismatch { .. })
    ));
    // Truncated.
    assert!(matches!(
        decode_chunk(&good[..good.len() - 1], None),
        Err(ChunkError::Frame { .. })
    ));
    // Trailing garbage.
    let mut longer = good.clone();
    longer.extend_from_slice(&[1, 0xff]);
    assert!(decode_chunk(&longer, None).is_err());
    // Random bytes.
    assert!(decode_chunk(b"not a chunk at all", None).is_err());
    // Oversized.
    let huge = vec![0u8; MAX_CHUNK_BYTES + 1];
    assert!(matches!(
        decode_chunk(&huge, None),
        Err(ChunkError::Oversized { .. })
    ));
    // An entry first, no header.
    let mut bytes = Vec::new();
    crate::framing::encode_into(&RecordFrame::Entry(entry(1, chat("x"))), 1024, &mut bytes)
        .unwrap();
    assert_eq!(
        decode_chunk(&bytes, None),
        Err(ChunkError::Header { index: 0 })
    );
    // A lying keyframe index.
    let mut w = writer();
    w.push(entry(1, frame(0, true, 4))).unwrap();
    let chunk = decode_chunk(&w.seal().unwrap().unwrap().bytes, None).unwrap();
    let mut header = chunk.header.clone();
    header.keyframes.clear();
    let mut bytes = Vec::new();
    crate::framing::encode_into(&RecordFrame::Header(header), 1024, &mut bytes).unwrap();
    crate::framing::encode_into(
        &RecordFrame::Entry(chunk.entries[0].clone()),
        1024,
        &mut bytes,
    )
    .unwrap();
    assert!(matches!(
        decode_chunk(&bytes, None),
        Err(ChunkError::Inconsistent(_))
    ));
}

#[test]
fn a_full_chunk_is_sealed_before_the_entry_that_does_not_fit() {
    let mut w = writer();
    let big = MAX_CHUNK_BYTES / 3;
    assert!(w.push(entry(1, frame(0, true, big))).unwrap().is_none());
    assert!(w.push(entry(2, frame(1, false, big))).unwrap().is_none());
    let sealed = w.push(entry(3, frame(2, false, big))).unwrap().unwrap();
    assert!(sealed.bytes.len() <= MAX_CHUNK_BYTES);
    assert_eq!(decode_chunk(&sealed.bytes, None).unwrap().entries.len(), 2);
    let rest = w.seal().unwrap().unwrap();
    assert_eq!(rest.seq, 1);
    assert_eq!(decode_chunk(&rest.bytes, None).unwrap().entries.len(), 1);
}

#[test]
fn recordings_out_of_order_are_refused() {
    let mut a = writer();
    a.push(entry(1, chat("a"))).unwrap();
    let zero = a.seal().unwrap().unwrap().bytes;
    let mut all = zero.clone();
    all.extend_from_slice(&zero);
    assert_eq!(RecordReader::read(&all), Err(ReadError::Order(1)));
    assert!(RecordReader::read(&[]).unwrap().is_empty());
}

#[test]
fn descriptions_read_as_plain_words() {
    assert_eq!(chat("hi").describe().unwrap(), "customer: hi");
    assert!(frame(0, true, 1).describe().is_none());
    assert_eq!(
        RecordItem::ConsentGranted {
            capability: crate::consent::Capability::RemoteControl,
            by_policy: false
        }
        .describe()
        .unwrap(),
        "Control taken (customer allowed it)"
    );
}
