//! How the console asks wgpu for its device.
//!
//! wgpu's default memory hint favours speed with large blocks of GPU memory (128–256 MiB,
//! and 64–128 MiB of host-visible memory for uploads). Where the GPU is the CPU (Mesa's
//! lavapipe, virtual machines, remote desktops) those blocks are ordinary resident memory:
//! the console held about 320 MiB in three such blocks for one phone screen of ~10 MiB.
//! The console draws a few textures, so it asks for small blocks instead.

use std::sync::Arc;

use eframe::egui_wgpu::{WgpuConfiguration, WgpuSetupCreateNew, wgpu};

/// eframe's wgpu configuration with egui's defaults, asking for a device that favours
/// memory use over speed.
pub fn wgpu_configuration() -> WgpuConfiguration {
    let mut setup = WgpuSetupCreateNew::without_display_handle();
    let defaults = Arc::clone(&setup.device_descriptor);
    setup.device_descriptor = Arc::new(move |adapter| wgpu::DeviceDescriptor {
        memory_hints: wgpu::MemoryHints::MemoryUsage,
        ..defaults(adapter)
    });
    WgpuConfiguration {
        wgpu_setup: setup.into(),
        ..WgpuConfiguration::default()
    }
}
