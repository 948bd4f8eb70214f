//! The technician's input on the phone: [`gestures`] turns events into `input` commands,
//! [`text`] makes text safe for the shell, [`shell`] feeds the commands to one long-lived
//! `adb shell`.

pub mod gestures;
pub mod shell;
pub mod text;
