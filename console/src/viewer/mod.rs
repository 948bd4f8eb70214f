//! The phone's screen in the console.
//!
//! - [`placement`]: where the frame sits in the widget (fit / 100 %, letterboxing, HiDPI) and
//!   the mapping from widget points to frame pixels — pure;
//! - [`gesture`]: the gesture mapper, pointer events → touch, key, scroll and text events —
//!   pure, unit-tested;
//! - [`yuv`]: YUV 4:2:0 → RGBA in a wgpu shader (H.264 pictures) — plain wgpu, no egui;
//! - [`texture`]: the wgpu texture updated in place (only damaged rectangles are written,
//!   H.264 pictures converted by [`yuv`]), registered with egui — the bridge;
//! - [`widget`]: the egui widget that shows it and feeds the mapper;
//! - [`device`]: the device eframe creates for the window, tuned for memory;
//! - [`headless`]: a wgpu device without a window and texture read-back, for tests and
//!   benchmarks.

pub mod device;
pub mod gesture;
pub mod headless;
pub mod placement;
pub mod texture;
pub mod widget;
pub mod yuv;

/// The wgpu the viewer draws with (eframe's), for code that drives [`yuv`] directly.
pub use eframe::egui_wgpu::wgpu;
pub use gesture::{GestureMapper, PointerInput};
pub use placement::{Placement, Point, Zoom};
pub use texture::ScreenTexture;
pub use widget::Viewer;
