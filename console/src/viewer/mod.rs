//! The phone's screen in the console.
//!
//! - [`placement`]: where the frame sits in the widget (fit / 100 %, letterboxing, HiDPI) and
//!   the mapping from widget points to frame pixels — pure;
//! - [`gesture`]: the gesture mapper, pointer events → touch, key, scroll and text events —
//!   pure, unit-tested;
//! - [`texture`]: the wgpu texture updated in place (only damaged rectangles are written);
//! - [`widget`]: the egui widget that shows it and feeds the mapper.

pub mod gesture;
pub mod placement;
pub mod texture;
pub mod widget;

pub use gesture::{GestureMapper, PointerInput};
pub use placement::{Placement, Point, Zoom};
pub use texture::ScreenTexture;
pub use widget::Viewer;
