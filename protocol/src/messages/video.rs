//! The video stream: one [`StreamStart`] per stream configuration, then frames.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How frame payloads are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Codec {
    /// Lifeline's lossless tile codec ([`crate::video::tiles`]).
    Tiles,
    /// H.264 Annex-B, as real phones produce it.
    H264,
}

impl fmt::Display for Codec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Tiles => "tiles",
            Self::H264 => "h264",
        })
    }
}

/// How the phone is turned relative to its natural (portrait) orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Rotation {
    /// Natural orientation.
    #[default]
    Deg0,
    /// Turned 90° counter-clockwise (landscape).
    Deg90,
    /// Upside down.
    Deg180,
    /// Turned 90° clockwise (landscape).
    Deg270,
}

/// One message on the video stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum VideoMessage {
    /// A new stream configuration; the next frame is a keyframe.
    StreamStart(StreamStart),
    /// One encoded frame.
    Frame(VideoFrame),
}

/// The stream's configuration, sent first and again whenever it changes (e.g. rotation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamStart {
    /// Payload encoding.
    pub codec: Codec,
    /// Frame width in pixels, as sent (after rotation).
    pub width: u32,
    /// Frame height in pixels, as sent (after rotation).
    pub height: u32,
    /// The phone's orientation.
    pub rotation: Rotation,
}

/// One encoded frame.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoFrame {
    /// Increases by one per frame sent on this stream.
    pub sequence: u64,
    /// Capture time on the phone's monotonic clock, microseconds.
    pub timestamp_us: u64,
    /// Whether the frame decodes without any earlier one.
    pub keyframe: bool,
    /// The encoded frame.
    #[serde(with = "serde_bytes")]
    pub payload: Vec<u8>,
}

impl fmt::Debug for VideoFrame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VideoFrame")
            .field("sequence", &self.sequence)
            .field("timestamp_us", &self.timestamp_us)
            .field("keyframe", &self.keyframe)
            .field("payload_len", &self.payload.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_messages_round_trip() {
        let messages = [
            VideoMessage::StreamStart(StreamStart {
                codec: Codec::Tiles,
                width: 1080,
                height: 2400,
                rotation: Rotation::Deg0,
            }),
            VideoMessage::Frame(VideoFrame {
                sequence: 7,
                timestamp_us: 123_456,
                keyframe: true,
                payload: vec![1, 2, 3, 255],
            }),
        ];
        for message in messages {
            let bytes = postcard::to_stdvec(&message).unwrap();
            assert_eq!(
                postcard::from_bytes::<VideoMessage>(&bytes).unwrap(),
                message
            );
        }
    }

    #[test]
    fn payload_is_carried_as_raw_bytes() {
        let frame = VideoMessage::Frame(VideoFrame {
            sequence: 0,
            timestamp_us: 0,
            keyframe: false,
            payload: vec![0xAB; 1000],
        });
        let bytes = postcard::to_stdvec(&frame).unwrap();
        // Variant, three small fields, a 2-byte length: no per-byte overhead.
        assert!(bytes.len() <= 1000 + 8, "{} bytes", bytes.len());
        assert_eq!(Codec::H264.to_string(), "h264");
    }
}
