//! A downloaded recording, laid out for playback: the video messages with their keyframe
//! index, and every other entry (chat, consent, diagnostics, files, the end) on a timeline.

use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::control::ChatMessage;
use lifeline_protocol::messages::video::VideoMessage;
use lifeline_protocol::record::{ReadError, RecordItem, RecordReader};

/// One video message and when it was received.
#[derive(Debug, Clone)]
pub struct VideoEntry {
    /// µs since the recording started.
    pub at_us: u64,
    /// As received.
    pub message: VideoMessage,
}

/// Anything but video, with its time.
#[derive(Debug, Clone, PartialEq)]
pub struct TimedItem {
    /// µs since the recording started.
    pub at_us: u64,
    /// What happened.
    pub item: RecordItem,
}

/// A recording ready to play.
#[derive(Debug, Clone)]
pub struct Recording {
    /// Wall-clock time of `at_us == 0`.
    pub started_at: UnixMillis,
    /// Video messages in order.
    pub video: Vec<VideoEntry>,
    /// Indices into `video` where decoding can start: keyframes, and stream starts.
    pub sync_points: Vec<usize>,
    /// Everything else, in order.
    pub items: Vec<TimedItem>,
    /// Time of the last entry.
    pub duration_us: u64,
    /// Chunk numbers missing from the sequence (never uploaded).
    pub missing_chunks: Vec<u32>,
}

impl Recording {
    /// Reads a recording downloaded from the relay.
    pub fn parse(bytes: &[u8]) -> Result<Self, ReadError> {
        let chunks = RecordReader::read(bytes)?;
        let mut recording = Self {
            started_at: chunks
                .first()
                .map_or(UnixMillis(0), |c| c.header.started_at),
            video: Vec::new(),
            sync_points: Vec::new(),
            items: Vec::new(),
            duration_us: 0,
            missing_chunks: Vec::new(),
        };
        let mut expected = 0;
        for chunk in chunks {
            recording.missing_chunks.extend(expected..chunk.header.seq);
            expected = chunk.header.seq + 1;
            for entry in chunk.entries {
                recording.duration_us = recording.duration_us.max(entry.at_us);
                match entry.item {
                    RecordItem::Video(message) => {
                        let sync = match &message {
                            VideoMessage::StreamStart(_) => true,
                            VideoMessage::Frame(frame) => frame.keyframe,
                        };
                        if sync {
                            recording.sync_points.push(recording.video.len());
                        }
                        recording.video.push(VideoEntry {
                            at_us: entry.at_us,
                            message,
                        });
                    }
                    item => recording.items.push(TimedItem {
                        at_us: entry.at_us,
                        item,
                    }),
                }
            }
        }
        Ok(recording)
    }

    /// The index of the last video message at or before `at_us`.
    pub fn video_at(&self, at_us: u64) -> Option<usize> {
        self.video
            .partition_point(|v| v.at_us <= at_us)
            .checked_sub(1)
    }

    /// The last sync point at or before video index `index`.
    pub fn sync_before(&self, index: usize) -> Option<usize> {
        let at = self.sync_points.partition_point(|&s| s <= index);
        at.checked_sub(1).map(|i| self.sync_points[i])
    }

    /// Chat messages up to `at_us`, in order.
    pub fn chat_until(&self, at_us: u64) -> Vec<(u64, &ChatMessage)> {
        self.items
            .iter()
            .take_while(|i| i.at_us <= at_us)
            .filter_map(|i| match &i.item {
                RecordItem::Chat(chat) => Some((i.at_us, chat)),
                _ => None,
            })
            .collect()
    }

    /// Entries other than chat (the timeline's markers), in order.
    pub fn events(&self) -> impl Iterator<Item = &TimedItem> {
        self.items
            .iter()
            .filter(|i| !matches!(i.item, RecordItem::Chat(_)))
    }

    /// Index range in [`Recording::items`] of what happened within `window_us` before
    /// `at_us` (the "current moment" highlighted while playing).
    pub fn current(&self, at_us: u64, window_us: u64) -> std::ops::Range<usize> {
        let end = self.items.partition_point(|i| i.at_us <= at_us);
        let start = self
            .items
            .partition_point(|i| i.at_us < at_us.saturating_sub(window_us));
        start.min(end)..end
    }
}
