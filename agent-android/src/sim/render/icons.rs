//! Pictograms (status bar, navigation bar, app icons, quick settings), drawn once per size
//! with tiny-skia into coverage masks and then blended from the cache.
//!
//! Each icon is designed on a 24×24 grid, like Android's system icons.

use std::collections::HashMap;

use tiny_skia::{FillRule, LineCap, LineJoin, PathBuilder, Stroke, Transform};

use super::canvas::Mask;

/// Every pictogram the simulated phone draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Icon {
    Wifi,
    Bluetooth,
    Flashlight,
    Airplane,
    DoNotDisturb,
    Rotate,
    Location,
    BatterySaver,
    /// AOSP navigation: triangle, circle, square.
    NavBack,
    NavHome,
    NavRecents,
    /// Samsung navigation: chevron, rounded square, three bars.
    SamsungBack,
    SamsungHome,
    SamsungRecents,
    Search,
    ArrowBack,
    Send,
    Speaker,
    ScreenShare,
    Gear,
    Bubble,
    Phone,
    Camera,
    Globe,
    Gallery,
    Clock,
    Calculator,
    Play,
    Heart,
    Info,
}

/// Rasterized icons by (icon, size in pixels).
#[derive(Debug, Default)]
pub(crate) struct IconCache {
    masks: HashMap<(Icon, i32), Mask>,
}

impl IconCache {
    /// `icon` as a `size`×`size` mask.
    pub(crate) fn get(&mut self, icon: Icon, size: i32) -> &Mask {
        let size = size.clamp(1, 1024);
        self.masks
            .entry((icon, size))
            .or_insert_with(|| rasterize(icon, size))
    }
}

/// One part of an icon: a filled shape or a stroked line, in 24-unit coordinates.
enum Part {
    Fill(Vec<Cmd>, FillRule),
    Line(Vec<Cmd>, f32),
}

#[derive(Clone, Copy)]
enum Cmd {
    Move(f32, f32),
    Line(f32, f32),
    Quad(f32, f32, f32, f32),
    Cubic(f32, f32, f32, f32, f32, f32),
    Close,
    Circle(f32, f32, f32),
}

use Cmd::{Circle, Close, Cubic, Line, Move, Quad};

fn poly(points: &[(f32, f32)]) -> Vec<Cmd> {
    let mut cmds = Vec::with_capacity(points.len() + 1);
    for (i, &(x, y)) in points.iter().enumerate() {
        cmds.push(if i == 0 { Move(x, y) } else { Line(x, y) });
    }
    cmds.push(Close);
    cmds
}

fn polyline(points: &[(f32, f32)]) -> Vec<Cmd> {
    let mut cmds = poly(points);
    cmds.pop();
    cmds
}

fn round_rect(x: f32, y: f32, w: f32, h: f32, r: f32) -> Vec<Cmd> {
    vec![
        Move(x + r, y),
        Line(x + w - r, y),
        Quad(x + w, y, x + w, y + r),
        Line(x + w, y + h - r),
        Quad(x + w, y + h, x + w - r, y + h),
        Line(x + r, y + h),
        Quad(x, y + h, x, y + h - r),
        Line(x, y + r),
        Quad(x, y, x + r, y),
        Close,
    ]
}

/// Points along an arc (angles in degrees, 0 = right, 90 = down).
fn arc(cx: f32, cy: f32, r: f32, from: f32, to: f32, steps: usize) -> Vec<(f32, f32)> {
    (0..=steps)
        .map(|i| {
            let a = (from + (to - from) * i as f32 / steps as f32).to_radians();
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}

fn wifi_wedge() -> Vec<(f32, f32)> {
    let mut pts = vec![(12.0, 20.5)];
    pts.extend(arc(12.0, 20.5, 17.0, 225.0, 315.0, 16));
    pts
}

fn gear() -> Vec<Cmd> {
    let teeth = 8;
    let mut pts = Vec::new();
    for t in 0..teeth {
        let base = t as f32 * 360.0 / teeth as f32;
        for (da, r) in [(-16.0, 7.4), (-9.0, 10.0), (9.0, 10.0), (16.0, 7.4)] {
            let a = (base + da as f32).to_radians();
            pts.push((12.0 + r * a.cos(), 12.0 + r * a.sin()));
        }
    }
    let mut cmds = poly(&pts);
    cmds.push(Circle(12.0, 12.0, 3.2));
    cmds
}

fn parts(icon: Icon) -> Vec<Part> {
    use Part::{Fill, Line as L};
    let nz = FillRule::Winding;
    let eo = FillRule::EvenOdd;
    match icon {
        Icon::Wifi => vec![Fill(poly(&wifi_wedge()), nz)],
        Icon::Bluetooth => vec![L(
            polyline(&[
                (6.5, 7.0),
                (17.0, 16.5),
                (12.0, 21.5),
                (12.0, 2.5),
                (17.0, 7.5),
                (6.5, 17.0),
            ]),
            2.0,
        )],
        Icon::Flashlight => vec![Fill(
            poly(&[
                (7.0, 2.0),
                (17.0, 2.0),
                (17.0, 6.0),
                (14.0, 11.0),
                (14.0, 22.0),
                (10.0, 22.0),
                (10.0, 11.0),
                (7.0, 6.0),
            ]),
            nz,
        )],
        Icon::Airplane => vec![Fill(
            poly(&[
                (12.0, 2.0),
                (13.5, 3.5),
                (13.5, 9.0),
                (21.0, 14.0),
                (21.0, 16.0),
                (13.5, 13.5),
                (13.5, 19.0),
                (16.0, 21.0),
                (16.0, 22.0),
                (12.0, 21.0),
                (8.0, 22.0),
                (8.0, 21.0),
                (10.5, 19.0),
                (10.5, 13.5),
                (3.0, 16.0),
                (3.0, 14.0),
                (10.5, 9.0),
                (10.5, 3.5),
            ]),
            nz,
        )],
        Icon::DoNotDisturb => {
            let mut c = vec![Circle(12.0, 12.0, 10.0)];
            c.extend(poly(&[
                (6.5, 10.8),
                (17.5, 10.8),
                (17.5, 13.2),
                (6.5, 13.2),
            ]));
            vec![Fill(c, eo)]
        }
        Icon::Rotate => vec![
            L(round_rect(8.0, 3.0, 8.0, 18.0, 1.5), 1.8),
            L(polyline(&arc(12.0, 12.0, 10.5, 200.0, 250.0, 6)), 1.6),
            L(polyline(&arc(12.0, 12.0, 10.5, 20.0, 70.0, 6)), 1.6),
        ],
        Icon::Location => vec![Fill(
            vec![
                Move(12.0, 22.0),
                Cubic(8.0, 17.0, 5.0, 13.0, 5.0, 9.0),
                Cubic(5.0, 5.0, 8.0, 2.0, 12.0, 2.0),
                Cubic(16.0, 2.0, 19.0, 5.0, 19.0, 9.0),
                Cubic(19.0, 13.0, 16.0, 17.0, 12.0, 22.0),
                Close,
                Circle(12.0, 9.0, 2.6),
            ],
            eo,
        )],
        Icon::BatterySaver => vec![
            L(round_rect(7.0, 4.0, 10.0, 17.0, 1.5), 1.8),
            Fill(
                poly(&[(10.0, 2.0), (14.0, 2.0), (14.0, 4.0), (10.0, 4.0)]),
                nz,
            ),
            L(polyline(&[(12.0, 9.0), (12.0, 16.0)]), 1.8),
            L(polyline(&[(8.5, 12.5), (15.5, 12.5)]), 1.8),
        ],
        Icon::NavBack => vec![L(poly(&[(16.5, 5.0), (16.5, 19.0), (5.5, 12.0)]), 1.8)],
        Icon::NavHome => vec![L(vec![Circle(12.0, 12.0, 7.5)], 1.8)],
        Icon::NavRecents => vec![L(round_rect(6.0, 6.0, 12.0, 12.0, 1.0), 1.8)],
        Icon::SamsungBack => vec![L(polyline(&[(15.0, 5.0), (8.0, 12.0), (15.0, 19.0)]), 1.8)],
        Icon::SamsungHome => vec![L(round_rect(5.5, 5.5, 13.0, 13.0, 4.0), 1.8)],
        Icon::SamsungRecents => vec![
            L(polyline(&[(7.0, 7.0), (7.0, 17.0)]), 1.8),
            L(polyline(&[(12.0, 7.0), (12.0, 17.0)]), 1.8),
            L(polyline(&[(17.0, 7.0), (17.0, 17.0)]), 1.8),
        ],
        Icon::Search => vec![
            L(vec![Circle(10.0, 10.0, 6.0)], 2.0),
            L(polyline(&[(14.5, 14.5), (20.5, 20.5)]), 2.4),
        ],
        Icon::ArrowBack => vec![
            L(polyline(&[(20.0, 12.0), (5.0, 12.0)]), 2.0),
            L(polyline(&[(11.5, 5.5), (5.0, 12.0), (11.5, 18.5)]), 2.0),
        ],
        Icon::Send => vec![Fill(
            poly(&[
                (3.0, 3.5),
                (21.5, 12.0),
                (3.0, 20.5),
                (3.0, 13.8),
                (14.5, 12.0),
                (3.0, 10.2),
            ]),
            nz,
        )],
        Icon::Speaker => vec![
            Fill(
                poly(&[
                    (3.0, 9.0),
                    (7.0, 9.0),
                    (12.0, 4.0),
                    (12.0, 20.0),
                    (7.0, 15.0),
                    (3.0, 15.0),
                ]),
                nz,
            ),
            L(polyline(&arc(12.0, 12.0, 4.5, -50.0, 50.0, 8)), 1.8),
            L(polyline(&arc(12.0, 12.0, 8.5, -55.0, 55.0, 10)), 1.8),
        ],
        Icon::ScreenShare => vec![
            L(round_rect(2.5, 4.5, 19.0, 13.0, 1.5), 1.8),
            L(polyline(&[(8.0, 21.0), (16.0, 21.0)]), 1.8),
            Fill(
                poly(&[
                    (12.0, 7.5),
                    (16.0, 11.5),
                    (13.2, 11.5),
                    (13.2, 14.5),
                    (10.8, 14.5),
                    (10.8, 11.5),
                    (8.0, 11.5),
                ]),
                nz,
            ),
        ],
        Icon::Gear => vec![Fill(gear(), eo)],
        Icon::Bubble => vec![Fill(
            {
                let mut c = round_rect(3.0, 4.0, 18.0, 13.0, 3.0);
                c.extend(poly(&[(6.5, 16.0), (6.5, 21.0), (11.5, 16.0)]));
                c
            },
            nz,
        )],
        Icon::Phone => vec![L(vec![Move(7.0, 4.0), Quad(3.0, 15.0, 19.0, 18.5)], 4.2)],
        Icon::Camera => vec![Fill(
            {
                let mut c = round_rect(2.0, 7.0, 20.0, 13.0, 2.5);
                c.extend(poly(&[(8.0, 7.5), (9.5, 4.0), (14.5, 4.0), (16.0, 7.5)]));
                c.push(Circle(12.0, 13.5, 3.8));
                c
            },
            eo,
        )],
        Icon::Globe => vec![
            L(vec![Circle(12.0, 12.0, 9.0)], 1.7),
            L(
                vec![
                    Move(12.0, 3.0),
                    Quad(6.0, 12.0, 12.0, 21.0),
                    Move(12.0, 3.0),
                    Quad(18.0, 12.0, 12.0, 21.0),
                ],
                1.5,
            ),
            L(polyline(&[(3.0, 12.0), (21.0, 12.0)]), 1.5),
        ],
        Icon::Gallery => vec![
            L(round_rect(3.0, 4.0, 18.0, 16.0, 2.0), 1.7),
            Fill(
                poly(&[
                    (5.0, 18.0),
                    (10.0, 11.0),
                    (13.5, 15.5),
                    (15.5, 13.0),
                    (19.0, 18.0),
                ]),
                nz,
            ),
            Fill(vec![Circle(16.0, 8.5, 1.8)], nz),
        ],
        Icon::Clock => vec![
            L(vec![Circle(12.0, 12.0, 9.0)], 1.8),
            L(polyline(&[(12.0, 6.5), (12.0, 12.0), (16.0, 14.5)]), 1.8),
        ],
        Icon::Calculator => vec![
            L(polyline(&[(5.0, 7.5), (11.0, 7.5)]), 1.8),
            L(polyline(&[(8.0, 4.5), (8.0, 10.5)]), 1.8),
            L(polyline(&[(13.0, 7.5), (19.0, 7.5)]), 1.8),
            L(polyline(&[(5.5, 14.0), (10.5, 19.0)]), 1.8),
            L(polyline(&[(10.5, 14.0), (5.5, 19.0)]), 1.8),
            L(polyline(&[(13.0, 15.0), (19.0, 15.0)]), 1.8),
            L(polyline(&[(13.0, 18.0), (19.0, 18.0)]), 1.8),
        ],
        Icon::Play => vec![Fill(poly(&[(6.0, 3.0), (20.0, 12.0), (6.0, 21.0)]), nz)],
        Icon::Heart => vec![Fill(
            vec![
                Move(12.0, 21.0),
                Cubic(5.0, 15.5, 2.0, 12.0, 2.0, 8.5),
                Cubic(2.0, 5.5, 4.5, 3.0, 7.5, 3.0),
                Cubic(9.5, 3.0, 11.0, 4.0, 12.0, 5.5),
                Cubic(13.0, 4.0, 14.5, 3.0, 16.5, 3.0),
                Cubic(19.5, 3.0, 22.0, 5.5, 22.0, 8.5),
                Cubic(22.0, 12.0, 19.0, 15.5, 12.0, 21.0),
                Close,
            ],
            nz,
        )],
        Icon::Info => vec![
            L(vec![Circle(12.0, 12.0, 9.0)], 1.8),
            L(polyline(&[(12.0, 11.0), (12.0, 17.0)]), 2.0),
            Fill(vec![Circle(12.0, 7.8, 1.3)], nz),
        ],
    }
}

fn build(cmds: &[Cmd]) -> Option<tiny_skia::Path> {
    let mut pb = PathBuilder::new();
    for cmd in cmds {
        match *cmd {
            Move(x, y) => pb.move_to(x, y),
            Line(x, y) => pb.line_to(x, y),
            Quad(x1, y1, x, y) => pb.quad_to(x1, y1, x, y),
            Cubic(x1, y1, x2, y2, x, y) => pb.cubic_to(x1, y1, x2, y2, x, y),
            Close => pb.close(),
            Circle(x, y, r) => pb.push_circle(x, y, r),
        }
    }
    pb.finish()
}

fn rasterize(icon: Icon, size: i32) -> Mask {
    let side = u32::try_from(size).unwrap_or(1).max(1);
    let Some(mut mask) = tiny_skia::Mask::new(side, side) else {
        return Mask::default();
    };
    let scale = size as f32 / 24.0;
    let transform = Transform::from_scale(scale, scale);
    for part in parts(icon) {
        let (path, rule) = match part {
            Part::Fill(cmds, rule) => (build(&cmds), rule),
            Part::Line(cmds, width) => {
                let stroke = Stroke {
                    width,
                    line_cap: LineCap::Round,
                    line_join: LineJoin::Round,
                    ..Stroke::default()
                };
                (
                    build(&cmds).and_then(|p| p.stroke(&stroke, scale)),
                    FillRule::Winding,
                )
            }
        };
        if let Some(path) = path {
            mask.fill_path(&path, rule, true, transform);
        }
    }
    Mask {
        w: size,
        h: size,
        data: mask.take(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_draws_something_inside_its_box() {
        let mut cache = IconCache::default();
        for icon in [
            Icon::Wifi,
            Icon::Bluetooth,
            Icon::Flashlight,
            Icon::Airplane,
            Icon::DoNotDisturb,
            Icon::Rotate,
            Icon::Location,
            Icon::BatterySaver,
            Icon::NavBack,
            Icon::NavHome,
            Icon::NavRecents,
            Icon::SamsungBack,
            Icon::SamsungHome,
            Icon::SamsungRecents,
            Icon::Search,
            Icon::ArrowBack,
            Icon::Send,
            Icon::Speaker,
            Icon::ScreenShare,
            Icon::Gear,
            Icon::Bubble,
            Icon::Phone,
            Icon::Camera,
            Icon::Globe,
            Icon::Gallery,
            Icon::Clock,
            Icon::Calculator,
            Icon::Play,
            Icon::Heart,
            Icon::Info,
        ] {
            let mask = cache.get(icon, 48);
            assert_eq!((mask.w, mask.h, mask.data.len()), (48, 48, 48 * 48));
            let ink = mask.data.iter().filter(|&&c| c > 128).count();
            assert!(ink > 20, "{icon:?} has {ink} inked pixels");
        }
    }
}
