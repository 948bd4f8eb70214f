//! What the relay passes on inside a session: bursts of frames of every size, whole and in
//! order; a stream abandoned by its sender, and one its reader stops.

use lifeline_protocol::messages::video::{VideoFrame, VideoMessage};
use lifeline_protocol::quic::{IncomingStream, MessageReceiver, Peer, RecvError, SendError};

use crate::common::{TestRelay, within};

fn frame(sequence: u64, len: usize) -> VideoMessage {
    VideoMessage::Frame(VideoFrame {
        sequence,
        timestamp_us: sequence * 33_333,
        keyframe: sequence == 0,
        payload: (0..len).map(|i| (i as u64 * 31 + sequence) as u8).collect(),
    })
}

async fn accept_video(peer: &Peer) -> MessageReceiver<VideoMessage> {
    match within("video stream", peer.accept_stream()).await.unwrap() {
        IncomingStream::Video(receiver) => receiver,
        other => panic!("expected a video stream, got {:?}", other.kind()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_frames_of_every_size_arrives_whole_and_in_order() {
    let relay = TestRelay::start().await;
    let pair = relay.pair("alice").await;
    // Sizes around the relay's 64 KiB forwarding unit and one packet, sent back to back so
    // that many packets wait at the relay at once.
    let sizes = [
        1, 1_180, 65_535, 65_536, 65_537, 300_000, 60, 131_072, 2_000_000, 7, 1_200_000,
    ];
    let sent: Vec<VideoMessage> = (0..).zip(sizes).map(|(i, len)| frame(i, len)).collect();
    let mut video = pair.customer.peer().open_video().await.unwrap();
    let sending = {
        let sent = sent.clone();
        tokio::spawn(async move {
            for message in &sent {
                video.send(message).await.unwrap();
            }
            video.finish().unwrap();
        })
    };
    let mut frames = accept_video(pair.technician.peer()).await;
    for (i, expected) in sent.iter().enumerate() {
        let got = within("frame", frames.recv()).await.unwrap();
        assert!(got.as_ref() == Some(expected), "frame {i} differs");
    }
    assert_eq!(within("end of video", frames.recv()).await.unwrap(), None);
    sending.await.unwrap();
    pair.still_works().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_and_a_stop_reach_the_other_side_with_their_codes() {
    let relay = TestRelay::start().await;
    let pair = relay.pair("alice").await;
    let (customer, technician) = (pair.customer.peer(), pair.technician.peer());

    // The phone abandons a stream after one frame: the console reads the frame, then the
    // reset with the phone's code.
    let mut video = customer.open_video().await.unwrap();
    video.send(&frame(0, 100_000)).await.unwrap();
    let mut frames = accept_video(technician).await;
    assert_eq!(
        within("frame", frames.recv()).await.unwrap(),
        Some(frame(0, 100_000))
    );
    video.reset(42).unwrap();
    let err = within("reset", frames.recv()).await.unwrap_err();
    assert!(matches!(err, RecvError::Reset { code: 42 }), "{err:?}");

    // The console stops reading a stream: the phone's next writes fail with its code.
    let mut video = customer.open_video().await.unwrap();
    video.send(&frame(1, 10)).await.unwrap();
    let mut frames = accept_video(technician).await;
    assert_eq!(
        within("frame", frames.recv()).await.unwrap(),
        Some(frame(1, 10))
    );
    frames.stop(7).unwrap();
    let err = within("stopped", async {
        loop {
            if let Err(err) = video.send(&frame(2, 50_000)).await {
                return err;
            }
        }
    })
    .await;
    assert!(matches!(err, SendError::Stopped { code: 7 }), "{err:?}");
    pair.still_works().await;
}
