//! Exports: the transcript as text, a frame as PNG.

use lifeline_protocol::record::RecordItem;
use lifeline_protocol::video::RgbaImage;

use super::recording::Recording;

/// `m:ss` (or `h:mm:ss`) of a time in µs.
pub fn clock(at_us: u64) -> String {
    let secs = at_us / 1_000_000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The transcript: every chat line and event with its time into the session.
pub fn transcript_text(recording: &Recording, title: &str) -> String {
    let mut out = format!("{title}\n\n");
    for item in &recording.items {
        let line = match &item.item {
            RecordItem::Chat(chat) => {
                let who = match chat.from {
                    lifeline_protocol::messages::Party::Technician => "Technician",
                    lifeline_protocol::messages::Party::Customer => "Customer",
                    lifeline_protocol::messages::Party::Relay => "Relay",
                };
                format!("{who}: {}", chat.text)
            }
            other => match other.describe() {
                Some(text) => format!("* {text}"),
                None => continue,
            },
        };
        out.push_str(&format!("[{}] {line}\n", clock(item.at_us)));
    }
    out
}

/// A frame as PNG bytes.
pub fn frame_png(frame: &RgbaImage) -> Result<Vec<u8>, String> {
    let image = image::RgbaImage::from_raw(frame.width(), frame.height(), frame.data().to_vec())
        .ok_or_else(|| "the frame's pixels do not match its size".to_owned())?;
    let mut png = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|e| format!("the frame could not be encoded as PNG: {e}"))?;
    Ok(png.into_inner())
}
