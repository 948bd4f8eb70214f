//! The phone's screen as last decoded, shared between the decoder (off the UI thread) and
//! the viewer, with the damage the viewer has not uploaded yet.
//!
//! The decoder copies only the changed rectangles in; the viewer takes the accumulated damage
//! once per frame and writes only those rectangles to its texture. Newer frames simply add
//! damage, so a slow UI never queues frames: it uploads the latest screen once.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::{Damage, Rect};

/// Above this many pending rectangles, the whole image is uploaded instead.
const MAX_RECTS: usize = 64;

/// What the viewer must upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// The whole image (first frame, new size, too much damage).
    Full,
    /// Just these rectangles (they may overlap).
    Rects(Vec<Rect>),
}

#[derive(Debug, Default)]
struct Inner {
    image: Option<RgbaImage>,
    full: bool,
    rects: Vec<Rect>,
    /// Frames published since the start.
    frames: u64,
}

/// The shared screen. Cheap to clone; every clone is the same screen.
#[derive(Debug, Clone, Default)]
pub struct SharedScreen {
    inner: Arc<Mutex<Inner>>,
}

impl SharedScreen {
    /// An empty screen.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // The guarded data is plain pixels and rectangles: still usable after a panic.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Copies what `damage` says changed in `decoded` (the decoder's image) into the screen.
    pub fn publish(&self, decoded: &RgbaImage, damage: &Damage) {
        if damage.is_empty() {
            return;
        }
        let mut inner = self.lock();
        inner.frames += 1;
        let same_size = inner
            .image
            .as_ref()
            .is_some_and(|i| i.width() == decoded.width() && i.height() == decoded.height());
        if damage.keyframe || !same_size {
            match &mut inner.image {
                Some(image) if same_size => image.data_mut().copy_from_slice(decoded.data()),
                slot => *slot = Some(decoded.clone()),
            }
            inner.full = true;
            inner.rects.clear();
            return;
        }
        let Some(image) = inner.image.as_mut() else {
            return;
        };
        let stride = image.stride();
        for rect in &damage.rects {
            let x0 = rect.x.min(image.width()) as usize;
            let x1 = (rect.x.saturating_add(rect.width)).min(image.width()) as usize;
            let y0 = rect.y.min(image.height());
            let y1 = (rect.y.saturating_add(rect.height)).min(image.height());
            for y in y0..y1 {
                let row = y as usize * stride;
                let span = row + x0 * 4..row + x1 * 4;
                image.data_mut()[span.clone()].copy_from_slice(&decoded.data()[span]);
            }
        }
        if !inner.full {
            inner.rects.extend_from_slice(&damage.rects);
            if inner.rects.len() > MAX_RECTS {
                inner.full = true;
                inner.rects.clear();
            }
        }
    }

    /// Hands the image and what changed since the last call to `upload`, then forgets the
    /// damage. Returns `None` (without calling `upload`) when nothing changed.
    pub fn take_pending<R>(&self, upload: impl FnOnce(&RgbaImage, Pending) -> R) -> Option<R> {
        let mut inner = self.lock();
        let pending = if inner.full {
            Pending::Full
        } else if !inner.rects.is_empty() {
            Pending::Rects(std::mem::take(&mut inner.rects))
        } else {
            return None;
        };
        inner.full = false;
        inner.rects.clear();
        let image = inner.image.as_ref()?;
        Some(upload(image, pending))
    }

    /// Marks the whole image for upload again (e.g. the texture was recreated).
    pub fn invalidate(&self) {
        let mut inner = self.lock();
        if inner.image.is_some() {
            inner.full = true;
            inner.rects.clear();
        }
    }

    /// The screen's size, once a frame arrived.
    pub fn size(&self) -> Option<(u32, u32)> {
        self.lock().image.as_ref().map(|i| (i.width(), i.height()))
    }

    /// A copy of the current image (screenshots, tests).
    pub fn snapshot(&self) -> Option<RgbaImage> {
        self.lock().image.clone()
    }

    /// Frames published so far.
    pub fn frames(&self) -> u64 {
        self.lock().frames
    }

    /// Forgets the image (the stream ended).
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.image = None;
        inner.full = false;
        inner.rects.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: u32, y: u32, width: u32, height: u32) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn keyframe_then_rects_copy_only_the_damage() {
        let screen = SharedScreen::new();
        assert_eq!(screen.take_pending(|_, p| p), None);
        let mut decoded = RgbaImage::filled(4, 4, [1, 1, 1, 255]).unwrap();
        screen.publish(
            &decoded,
            &Damage {
                keyframe: true,
                rects: vec![],
            },
        );
        assert_eq!(screen.take_pending(|_, p| p), Some(Pending::Full));
        assert_eq!(screen.take_pending(|_, p| p), None);

        decoded.fill_rect(0, 0, 4, 4, [9, 9, 9, 255]);
        screen.publish(
            &decoded,
            &Damage {
                keyframe: false,
                rects: vec![rect(1, 1, 2, 1)],
            },
        );
        let (pixels, pending) = screen
            .take_pending(|img, p| ((img.pixel(0, 0), img.pixel(1, 1), img.pixel(2, 1)), p))
            .unwrap();
        assert_eq!(pending, Pending::Rects(vec![rect(1, 1, 2, 1)]));
        assert_eq!(
            pixels.0,
            Some([1, 1, 1, 255]),
            "outside the damage: unchanged"
        );
        assert_eq!(pixels.1, Some([9, 9, 9, 255]));
        assert_eq!(pixels.2, Some([9, 9, 9, 255]));
        assert_eq!(screen.frames(), 2);
        assert_eq!(screen.size(), Some((4, 4)));
    }

    #[test]
    fn much_damage_becomes_a_full_upload_and_resize_replaces() {
        let screen = SharedScreen::new();
        let decoded = RgbaImage::filled(8, 8, [0, 0, 0, 255]).unwrap();
        screen.publish(
            &decoded,
            &Damage {
                keyframe: true,
                rects: vec![],
            },
        );
        let _ = screen.take_pending(|_, _| ());
        for _ in 0..=MAX_RECTS {
            screen.publish(
                &decoded,
                &Damage {
                    keyframe: false,
                    rects: vec![rect(0, 0, 1, 1)],
                },
            );
        }
        assert_eq!(screen.take_pending(|_, p| p), Some(Pending::Full));
        let bigger = RgbaImage::filled(16, 8, [5, 5, 5, 255]).unwrap();
        screen.publish(
            &bigger,
            &Damage {
                keyframe: false,
                rects: vec![rect(0, 0, 1, 1)],
            },
        );
        assert_eq!(screen.size(), Some((16, 8)));
        assert_eq!(screen.take_pending(|_, p| p), Some(Pending::Full));
        screen.invalidate();
        assert_eq!(screen.take_pending(|_, p| p), Some(Pending::Full));
        screen.clear();
        assert_eq!(screen.snapshot(), None);
    }
}
