//! The simulated phone behaves like Android: taps, drags, flings, long-presses, Back / Home /
//! Recents, the shade, rotation, typing, consent dialogs, diagnostics and logs. Tests check
//! the UI state and the pixels.

#[path = "../common/mod.rs"]
mod common;
mod customer;
mod pixels;
mod reports;
mod system;
mod touch;

use std::time::Duration;

use common::{Driver, profile_sized, px, region_differs};
use lifeline_agent_android::Capability;
use lifeline_agent_android::device::{
    ConsentPrompt, CustomerAction, Device, InputError, PromptAnswer,
};
use lifeline_agent_android::sim::{AppId, Page, Screen, Setting, SettingsPage, SimPhone, Target};
use lifeline_protocol::messages::input::{FrameSize, InputEvent, Key, ScrollEvent, TouchPhase};
use lifeline_protocol::messages::video::Rotation;
use lifeline_protocol::video::RgbaImage;

fn settings_page(page: SettingsPage) -> Screen {
    Screen::App {
        app: AppId::Settings,
        page: Page::Settings(page),
    }
}

fn main_of(app: AppId) -> Screen {
    Screen::App {
        app,
        page: Page::Main,
    }
}
