//! The phone's screen as last decoded, shared between the decoder (off the UI thread) and
//! the viewer, with what the viewer has not uploaded yet.
//!
//! Two kinds of content: RGBA from the `tiles` codec, where the decoder copies only the
//! changed rectangles in and the viewer writes only those rectangles to its texture; and YUV
//! 4:2:0 planes from H.264 ([`yuv`]), handed over whole by swapping buffers (no copy under
//! the lock, no allocation per frame) and converted to RGB on the GPU by the viewer. Newer
//! frames replace or add to what is pending, so a slow UI never queues frames: it uploads the
//! latest screen once.

pub mod yuv;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::{Damage, Rect};

use self::yuv::YuvImage;

/// Above this many pending rectangles, the whole image is uploaded instead.
const MAX_RECTS: usize = 64;

/// What the viewer must upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// The whole image (first frame, new size, too much damage, every H.264 picture).
    Full,
    /// Just these rectangles (they may overlap).
    Rects(Vec<Rect>),
}

/// The screen's current content, as handed to the viewer.
#[derive(Debug, Clone, Copy)]
pub enum Frame<'a> {
    /// Decoded RGBA (the `tiles` codec).
    Rgba(&'a RgbaImage),
    /// Decoded YUV 4:2:0 planes (H.264), converted to RGB by whoever shows them.
    Yuv(&'a YuvImage),
}

impl Frame<'_> {
    /// Width and height in pixels.
    pub fn size(&self) -> (u32, u32) {
        match self {
            Self::Rgba(image) => (image.width(), image.height()),
            Self::Yuv(image) => (image.width(), image.height()),
        }
    }

    /// As RGBA, converting YUV on the CPU.
    pub fn to_rgba(&self) -> Option<RgbaImage> {
        match self {
            Self::Rgba(image) => Some((*image).clone()),
            Self::Yuv(image) => image.to_rgba(),
        }
    }
}

#[derive(Debug, Default)]
enum Content {
    #[default]
    Empty,
    Rgba(RgbaImage),
    Yuv(YuvImage),
}

impl Content {
    fn frame(&self) -> Option<Frame<'_>> {
        match self {
            Self::Empty => None,
            Self::Rgba(image) => Some(Frame::Rgba(image)),
            Self::Yuv(image) => Some(Frame::Yuv(image)),
        }
    }
}

#[derive(Debug, Default)]
struct Inner {
    content: Content,
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
        let same_size = matches!(&inner.content, Content::Rgba(i)
            if i.width() == decoded.width() && i.height() == decoded.height());
        if damage.keyframe || !same_size {
            match &mut inner.content {
                Content::Rgba(image) if same_size => {
                    image.data_mut().copy_from_slice(decoded.data());
                }
                slot => *slot = Content::Rgba(decoded.clone()),
            }
            inner.full = true;
            inner.rects.clear();
            return;
        }
        let Content::Rgba(image) = &mut inner.content else {
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
            // Rectangles of frames the viewer has not uploaded yet overlap (a scroll damages
            // most of the screen every frame): past half the screen, one whole upload costs
            // less than writing each of them.
            let area: u64 = inner
                .rects
                .iter()
                .map(|r| u64::from(r.width) * u64::from(r.height))
                .sum();
            let screen_area = u64::from(decoded.width()) * u64::from(decoded.height());
            if inner.rects.len() > MAX_RECTS || area * 2 > screen_area {
                inner.full = true;
                inner.rects.clear();
            }
        }
    }

    /// Makes `picture` the screen by swapping it in; `picture` gets back the previous YUV
    /// picture's buffers (to be overwritten by the next one without allocating), or an empty
    /// picture when the screen held something else.
    pub fn publish_yuv(&self, picture: &mut YuvImage) {
        let mut inner = self.lock();
        inner.frames += 1;
        match &mut inner.content {
            Content::Yuv(current) => std::mem::swap(current, picture),
            slot => *slot = Content::Yuv(std::mem::take(picture)),
        }
        inner.full = true;
        inner.rects.clear();
    }

    /// Hands the content and what changed since the last call to `upload`, then forgets the
    /// damage. Returns `None` (without calling `upload`) when nothing changed.
    pub fn take_pending<R>(&self, upload: impl FnOnce(Frame<'_>, Pending) -> R) -> Option<R> {
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
        let frame = inner.content.frame()?;
        Some(upload(frame, pending))
    }

    /// Marks the whole image for upload again (e.g. the texture was recreated).
    pub fn invalidate(&self) {
        let mut inner = self.lock();
        if !matches!(inner.content, Content::Empty) {
            inner.full = true;
            inner.rects.clear();
        }
    }

    /// The screen's size, once a frame arrived.
    pub fn size(&self) -> Option<(u32, u32)> {
        self.lock().content.frame().map(|f| f.size())
    }

    /// A copy of the current image as RGBA (screenshots, tests); H.264 pictures are
    /// converted on the CPU.
    pub fn snapshot(&self) -> Option<RgbaImage> {
        self.lock().content.frame().and_then(|f| f.to_rgba())
    }

    /// Whether the screen holds YUV planes (H.264) rather than RGBA.
    pub fn is_yuv(&self) -> bool {
        matches!(self.lock().content, Content::Yuv(_))
    }

    /// Frames published so far.
    pub fn frames(&self) -> u64 {
        self.lock().frames
    }

    /// Forgets the image (the stream ended).
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.content = Content::Empty;
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
            .take_pending(|f, p| {
                let Frame::Rgba(img) = f else {
                    panic!("not RGBA")
                };
                ((img.pixel(0, 0), img.pixel(1, 1), img.pixel(2, 1)), p)
            })
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

        // Frames not uploaded yet whose rectangles add up to more than half the screen
        // (each an eighth of it here): one whole upload, not five.
        for _ in 0..2 {
            screen.publish(
                &decoded,
                &Damage {
                    keyframe: false,
                    rects: vec![rect(0, 2, 8, 1)],
                },
            );
        }
        assert_eq!(
            screen.take_pending(|_, p| p),
            Some(Pending::Rects(vec![rect(0, 2, 8, 1); 2]))
        );
        for _ in 0..5 {
            screen.publish(
                &decoded,
                &Damage {
                    keyframe: false,
                    rects: vec![rect(0, 2, 8, 1)],
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

    fn yuv(width: u32, height: u32, luma: u8) -> YuvImage {
        let (cw, ch) = yuv::chroma_size(width, height);
        let y = vec![luma; (width * height) as usize];
        let c = vec![128u8; (cw * ch) as usize];
        YuvImage::from_planes(&yuv::YuvPlanes {
            width,
            height,
            y: &y,
            y_stride: width as usize,
            u: &c,
            v: &c,
            uv_stride: cw as usize,
            color: yuv::YuvColor::BT601_LIMITED,
        })
        .unwrap()
    }

    #[test]
    fn yuv_pictures_swap_buffers_and_replace_rgba() {
        let screen = SharedScreen::new();
        let tiles = RgbaImage::filled(4, 4, [1, 2, 3, 255]).unwrap();
        screen.publish(
            &tiles,
            &Damage {
                keyframe: true,
                rects: vec![],
            },
        );
        let _ = screen.take_pending(|_, _| ());
        assert!(!screen.is_yuv());

        let mut picture = yuv(5, 3, 235);
        screen.publish_yuv(&mut picture);
        assert_eq!(
            picture.width(),
            0,
            "the screen held RGBA: nothing to give back"
        );
        assert!(screen.is_yuv());
        assert_eq!(screen.size(), Some((5, 3)));
        let (size, pending) = screen
            .take_pending(|f, p| {
                let Frame::Yuv(image) = f else {
                    panic!("not YUV")
                };
                ((image.width(), image.height()), p)
            })
            .unwrap();
        assert_eq!((size, pending), ((5, 3), Pending::Full));
        assert_eq!(
            screen.snapshot().unwrap().pixel(4, 2),
            Some([255, 255, 255, 255]),
            "snapshots convert on the CPU"
        );

        // The next picture swaps in; the caller gets the previous one's buffers back.
        let mut next = yuv(5, 3, 16);
        let next_buffer = next.y().as_ptr();
        screen.publish_yuv(&mut next);
        assert_eq!(next.y()[0], 235, "the previous picture came back");
        assert_eq!(screen.snapshot().unwrap().pixel(0, 0), Some([0, 0, 0, 255]));
        screen.take_pending(|f, _| {
            let Frame::Yuv(image) = f else {
                panic!("not YUV")
            };
            assert_eq!(image.y().as_ptr(), next_buffer, "swapped, not copied");
        });
        assert_eq!(screen.frames(), 3);

        // Back to tiles: RGBA replaces the planes.
        screen.publish(
            &tiles,
            &Damage {
                keyframe: false,
                rects: vec![rect(0, 0, 1, 1)],
            },
        );
        assert!(!screen.is_yuv());
        assert_eq!(screen.take_pending(|_, p| p), Some(Pending::Full));
    }
}
