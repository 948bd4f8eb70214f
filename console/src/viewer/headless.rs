//! A wgpu device without a window, for tests and benchmarks of the GPU path: a CPU adapter
//! (Mesa's lavapipe) when there is one, otherwise any adapter; and reading an RGBA texture
//! back into an image.

use std::time::Duration;

use lifeline_protocol::video::RgbaImage;
use thiserror::Error;

use super::wgpu;

/// How long a read-back may wait for the device (a CPU adapter can be slow).
const WAIT: Duration = Duration::from_secs(30);

/// Why the headless device could not be used.
#[derive(Debug, Error)]
pub enum HeadlessError {
    /// No adapter at all (no Vulkan/GL driver installed).
    #[error("no wgpu adapter is available")]
    NoAdapter,
    /// The adapter refused a device.
    #[error("the wgpu device could not be created: {0}")]
    Device(String),
    /// Reading the texture back failed.
    #[error("reading the texture back failed: {0}")]
    Readback(String),
}

/// A device and its queue.
#[derive(Debug)]
pub struct HeadlessGpu {
    /// The device.
    pub device: wgpu::Device,
    /// Its queue.
    pub queue: wgpu::Queue,
    /// What the adapter is (name, backend, CPU or GPU).
    pub info: wgpu::AdapterInfo,
}

impl HeadlessGpu {
    /// A device on a CPU adapter when one exists, otherwise on the first adapter found.
    pub fn new() -> Result<Self, HeadlessError> {
        let instance =
            wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env());
        let mut adapters = pollster::block_on(instance.enumerate_adapters(wgpu::Backends::all()));
        adapters.sort_by_key(|a| match a.get_info().device_type {
            wgpu::DeviceType::Cpu => 0,
            wgpu::DeviceType::DiscreteGpu => 1,
            _ => 2,
        });
        let adapter = adapters
            .into_iter()
            .next()
            .ok_or(HeadlessError::NoAdapter)?;
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("lifeline headless"),
            ..Default::default()
        }))
        .map_err(|e| HeadlessError::Device(e.to_string()))?;
        Ok(Self {
            device,
            queue,
            info: adapter.get_info(),
        })
    }

    /// Whether the adapter is a CPU one.
    pub fn is_cpu(&self) -> bool {
        self.info.device_type == wgpu::DeviceType::Cpu
    }

    /// An RGBA texture like the viewer's: drawable, sampleable, readable.
    pub fn rgba_target(&self, width: u32, height: u32) -> wgpu::Texture {
        self.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("lifeline headless target"),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::Rgba8Unorm,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT
                | wgpu::TextureUsages::TEXTURE_BINDING
                | wgpu::TextureUsages::COPY_SRC
                | wgpu::TextureUsages::COPY_DST,
            view_formats: &[],
        })
    }

    /// Waits until everything submitted so far has run.
    pub fn wait(&self) -> Result<(), HeadlessError> {
        self.device
            .poll(wgpu::PollType::Wait {
                submission_index: None,
                timeout: Some(WAIT),
            })
            .map(|_| ())
            .map_err(|e| HeadlessError::Readback(e.to_string()))
    }

    /// Reads an `Rgba8Unorm` texture with `COPY_SRC` back into an image.
    pub fn read_rgba(&self, texture: &wgpu::Texture) -> Result<RgbaImage, HeadlessError> {
        read_rgba(&self.device, &self.queue, texture)
    }
}

/// Reads an `Rgba8Unorm` texture with `COPY_SRC` on `device` back into an image.
pub fn read_rgba(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    texture: &wgpu::Texture,
) -> Result<RgbaImage, HeadlessError> {
    let (width, height) = (texture.width(), texture.height());
    let row = width * 4;
    let padded =
        row.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT) * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
    let buffer = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("lifeline readback"),
        size: u64::from(padded) * u64::from(height),
        usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
        mapped_at_creation: false,
    });
    let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
        label: Some("lifeline readback"),
    });
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded),
                rows_per_image: Some(height),
            },
        },
        texture.size(),
    );
    queue.submit(std::iter::once(encoder.finish()));
    let slice = buffer.slice(..);
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    slice.map_async(wgpu::MapMode::Read, move |result| {
        let _ = tx.send(result);
    });
    device
        .poll(wgpu::PollType::Wait {
            submission_index: None,
            timeout: Some(WAIT),
        })
        .map_err(|e| HeadlessError::Readback(e.to_string()))?;
    rx.recv_timeout(WAIT)
        .map_err(|e| HeadlessError::Readback(e.to_string()))?
        .map_err(|e| HeadlessError::Readback(e.to_string()))?;
    let mut data = Vec::with_capacity(row as usize * height as usize);
    {
        let mapped = slice
            .get_mapped_range()
            .map_err(|e| HeadlessError::Readback(e.to_string()))?;
        for line in mapped.chunks(padded as usize) {
            data.extend_from_slice(&line[..row as usize]);
        }
    }
    buffer.unmap();
    RgbaImage::from_raw(width, height, data).map_err(|e| HeadlessError::Readback(e.to_string()))
}
