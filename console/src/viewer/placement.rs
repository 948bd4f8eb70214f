//! Where the phone's frame sits in the viewer widget, and the mapping between widget points
//! and frame pixels through letterboxing, zoom and HiDPI. Pure: no egui.

use lifeline_protocol::messages::input::FrameSize;

/// A point in widget (egui) coordinates, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Horizontal, points.
    pub x: f32,
    /// Vertical, points.
    pub y: f32,
}

impl Point {
    /// A point.
    pub fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// Distance to `other`, in points.
    pub fn distance(self, other: Point) -> f32 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

/// How the frame is scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Zoom {
    /// As large as fits, aspect ratio kept, centred (letterboxed).
    #[default]
    Fit,
    /// One frame pixel per physical screen pixel (100 %), scrolled when larger.
    Actual,
}

/// The frame's place in the widget: its top-left corner and its scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// Top-left corner of the frame, in points.
    pub origin: Point,
    /// Points per frame pixel.
    pub scale: f32,
    /// The frame shown.
    pub frame: FrameSize,
}

impl Placement {
    /// Places `frame` in the area at `min` of `size` (points) with `zoom`, on a screen with
    /// `pixels_per_point` physical pixels per point. The frame's corner and size land on
    /// whole physical pixels, so it stays crisp on HiDPI screens.
    pub fn new(
        min: Point,
        size: (f32, f32),
        frame: FrameSize,
        zoom: Zoom,
        pixels_per_point: f32,
    ) -> Option<Self> {
        if frame.width == 0 || frame.height == 0 || pixels_per_point <= 0.0 {
            return None;
        }
        let (fw, fh) = (frame.width as f32, frame.height as f32);
        let ppp = pixels_per_point;
        let scale = match zoom {
            Zoom::Fit => {
                let fit = (size.0 / fw).min(size.1 / fh);
                if !(fit.is_finite() && fit > 0.0) {
                    return None;
                }
                // Whole physical pixels for the frame's width.
                let width_px = (fw * fit * ppp).floor().max(1.0);
                width_px / ppp / fw
            }
            Zoom::Actual => 1.0 / ppp,
        };
        let (w, h) = (fw * scale, fh * scale);
        let snap = |v: f32| (v * ppp).round() / ppp;
        let origin = Point::new(
            snap(min.x + ((size.0 - w) / 2.0).max(0.0)),
            snap(min.y + ((size.1 - h) / 2.0).max(0.0)),
        );
        Some(Self {
            origin,
            scale,
            frame,
        })
    }

    /// The frame's size in points.
    pub fn size(&self) -> (f32, f32) {
        (
            self.frame.width as f32 * self.scale,
            self.frame.height as f32 * self.scale,
        )
    }

    /// Whether `p` lies on the frame.
    pub fn contains(&self, p: Point) -> bool {
        let (w, h) = self.size();
        p.x >= self.origin.x
            && p.y >= self.origin.y
            && p.x < self.origin.x + w
            && p.y < self.origin.y + h
    }

    /// The frame pixel under `p`, or `None` off the frame (e.g. in the letterbox bars).
    pub fn to_frame(&self, p: Point) -> Option<(u32, u32)> {
        self.contains(p).then(|| self.clamp_to_frame(p))
    }

    /// The frame pixel nearest to `p` (a drag that leaves the frame sticks to its edge).
    pub fn clamp_to_frame(&self, p: Point) -> (u32, u32) {
        let fx = ((p.x - self.origin.x) / self.scale).floor();
        let fy = ((p.y - self.origin.y) / self.scale).floor();
        let clamp = |v: f32, max: u32| {
            if v.is_nan() || v <= 0.0 {
                0
            } else {
                (v as u32).min(max.saturating_sub(1))
            }
        };
        (clamp(fx, self.frame.width), clamp(fy, self.frame.height))
    }

    /// A distance in points as frame pixels.
    pub fn points_to_pixels(&self, points: f32) -> f32 {
        points / self.scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHONE: FrameSize = FrameSize {
        width: 1080,
        height: 2400,
    };

    #[test]
    fn fit_letterboxes_a_tall_frame_in_a_wide_area() {
        // 900×500 points, 1 px per point: height limits, scale 500/2400.
        let p = Placement::new(
            Point::new(100.0, 50.0),
            (900.0, 500.0),
            PHONE,
            Zoom::Fit,
            1.0,
        )
        .unwrap();
        let (w, h) = p.size();
        assert!((h - 500.0).abs() < 1.0, "{h}");
        assert!((w / h - 1080.0 / 2400.0).abs() < 0.01, "aspect ratio kept");
        // Centred horizontally: bars left and right.
        assert!((p.origin.x - (100.0 + (900.0 - w) / 2.0)).abs() <= 1.0);
        assert_eq!(p.to_frame(Point::new(110.0, 300.0)), None, "in the bar");
        // The centre maps to the frame's centre.
        let centre = Point::new(p.origin.x + w / 2.0, p.origin.y + h / 2.0);
        let (x, y) = p.to_frame(centre).unwrap();
        assert!(
            (x as i32 - 540).abs() <= 3 && (y as i32 - 1200).abs() <= 3,
            "{x},{y}"
        );
        // Corners.
        assert_eq!(p.to_frame(p.origin), Some((0, 0)));
        let far = Point::new(p.origin.x + w - 0.01, p.origin.y + h - 0.01);
        assert_eq!(p.to_frame(far), Some((1079, 2399)));
    }

    #[test]
    fn fit_letterboxes_a_wide_frame_top_and_bottom() {
        let landscape = FrameSize::new(2400, 1080);
        let p = Placement::new(
            Point::new(0.0, 0.0),
            (600.0, 600.0),
            landscape,
            Zoom::Fit,
            1.0,
        )
        .unwrap();
        assert_eq!(p.origin.x, 0.0);
        assert!(p.origin.y > 100.0, "bars above and below: {}", p.origin.y);
        assert_eq!(p.to_frame(Point::new(300.0, 10.0)), None);
    }

    #[test]
    fn hidpi_actual_size_is_one_frame_pixel_per_physical_pixel() {
        // 2 physical pixels per point: 100 % shows 1080 px in 540 points.
        let p = Placement::new(
            Point::new(0.0, 0.0),
            (2000.0, 2000.0),
            PHONE,
            Zoom::Actual,
            2.0,
        )
        .unwrap();
        assert_eq!(p.size(), (540.0, 1200.0));
        assert_eq!(
            p.to_frame(Point::new(p.origin.x + 10.25, p.origin.y + 20.0)),
            Some((20, 40))
        );
        assert_eq!(p.points_to_pixels(5.0), 10.0);
    }

    #[test]
    fn fit_on_hidpi_lands_on_whole_physical_pixels() {
        let p =
            Placement::new(Point::new(0.3, 0.0), (333.3, 777.7), PHONE, Zoom::Fit, 1.5).unwrap();
        let width_px = p.size().0 * 1.5;
        assert!((width_px - width_px.round()).abs() < 0.01, "{width_px}");
        let origin_px = p.origin.x * 1.5;
        assert!((origin_px - origin_px.round()).abs() < 0.01, "{origin_px}");
    }

    #[test]
    fn clamping_and_degenerate_areas() {
        let p =
            Placement::new(Point::new(0.0, 0.0), (108.0, 240.0), PHONE, Zoom::Fit, 1.0).unwrap();
        assert_eq!(p.clamp_to_frame(Point::new(-50.0, 1000.0)), (0, 2399));
        assert!(Placement::new(Point::new(0.0, 0.0), (0.0, 0.0), PHONE, Zoom::Fit, 1.0).is_none());
        assert!(
            Placement::new(
                Point::new(0.0, 0.0),
                (10.0, 10.0),
                FrameSize::new(0, 5),
                Zoom::Fit,
                1.0
            )
            .is_none()
        );
    }
}
