//! The phone's screen on the GPU: one wgpu texture, registered with egui's renderer as a
//! native texture, and updated in place. For `tiles`, only the rectangles the decoder marked
//! as damaged are written with `queue.write_texture`, straight from the shared image (no
//! copies). For H.264, the picture's Y, U and V planes are written to three R8 textures and
//! [`YuvConverter`]'s render pass draws them as RGBA into the same texture — the colour
//! conversion runs on the GPU. This module is the bridge between that plain-wgpu code and
//! egui.
//!
//! One upload is on the GPU at a time: `write_texture` copies what it is given into staging
//! memory that lives until the GPU has used it, so writing every frame the network delivers
//! while the GPU (or a CPU driver such as lavapipe) lags would pile up a frame's worth of
//! staging memory per frame behind. While the last upload is in flight, new damage stays in
//! the [`SharedScreen`], merged with what follows, and the latest picture is written once
//! the GPU is done.
//!
//! Without a wgpu renderer (e.g. a UI test without GPU), an egui-managed texture is used,
//! updated with partial writes the same way (H.264 pictures converted on the CPU).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use eframe::egui_wgpu::{self, wgpu};
use egui::{ColorImage, TextureHandle, TextureId, TextureOptions};
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::Rect;

use super::yuv::YuvConverter;
use crate::state::screen::yuv::YuvImage;
use crate::state::screen::{Frame, Pending, SharedScreen};

/// How soon to look again when the GPU is still busy with the last upload.
const BUSY_RETRY: Duration = Duration::from_millis(4);

/// How often the rate of pictures put on screen is logged.
const SHOWN_LOG_PERIOD: Duration = Duration::from_secs(10);

/// Pictures written to the texture, logged as a rate every [`SHOWN_LOG_PERIOD`] (`viewer:
/// N pictures/s on screen`), next to the network's `video: N fps`.
#[derive(Debug)]
struct ShownRate {
    since: Instant,
    pictures: u32,
}

impl ShownRate {
    fn new() -> Self {
        Self {
            since: Instant::now(),
            pictures: 0,
        }
    }

    fn picture(&mut self) {
        self.pictures += 1;
        let elapsed = self.since.elapsed();
        if elapsed >= SHOWN_LOG_PERIOD {
            tracing::info!(
                "viewer: {:.1} pictures/s on screen",
                f64::from(self.pictures) / elapsed.as_secs_f64()
            );
            *self = Self::new();
        }
    }
}

/// A texture on the GPU.
struct GpuTexture {
    texture: wgpu::Texture,
    /// The view the YUV conversion draws into.
    view: wgpu::TextureView,
    id: TextureId,
    size: (u32, u32),
}

enum Backend {
    Wgpu {
        /// Boxed: it is large, and the other variant small.
        render_state: Box<egui_wgpu::RenderState>,
        texture: Option<GpuTexture>,
        /// Created with the first H.264 picture (boxed: it is large and often unused).
        yuv: Option<Box<YuvConverter>>,
    },
    Egui {
        texture: Option<(TextureHandle, (u32, u32))>,
    },
}

/// The screen's texture.
pub struct ScreenTexture {
    backend: Backend,
    /// Bytes written to the GPU so far (for tests and statistics).
    uploaded: u64,
    /// Whether the GPU has finished the last upload (set by wgpu's callback).
    gpu_idle: Arc<AtomicBool>,
    shown: ShownRate,
}

impl std::fmt::Debug for ScreenTexture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScreenTexture")
            .field("wgpu", &matches!(self.backend, Backend::Wgpu { .. }))
            .field("size", &self.size())
            .field("uploaded", &self.uploaded)
            .finish()
    }
}

impl ScreenTexture {
    /// A texture on `render_state`'s device, or egui-managed without one.
    pub fn new(render_state: Option<egui_wgpu::RenderState>) -> Self {
        let backend = match render_state {
            Some(render_state) => Backend::Wgpu {
                render_state: Box::new(render_state),
                texture: None,
                yuv: None,
            },
            None => Backend::Egui { texture: None },
        };
        Self {
            backend,
            uploaded: 0,
            gpu_idle: Arc::new(AtomicBool::new(true)),
            shown: ShownRate::new(),
        }
    }

    /// The texture's size, once something was uploaded.
    pub fn size(&self) -> Option<(u32, u32)> {
        match &self.backend {
            Backend::Wgpu { texture, .. } => texture.as_ref().map(|t| t.size),
            Backend::Egui { texture } => texture.as_ref().map(|(_, size)| *size),
        }
    }

    /// Bytes written so far.
    pub fn uploaded_bytes(&self) -> u64 {
        self.uploaded
    }

    /// The wgpu texture shown and its device, when drawing with wgpu (tests read it back).
    pub fn wgpu_texture(&self) -> Option<(&wgpu::Texture, &egui_wgpu::RenderState)> {
        match &self.backend {
            Backend::Wgpu {
                render_state,
                texture: Some(gpu),
                ..
            } => Some((&gpu.texture, &**render_state)),
            _ => None,
        }
    }

    /// Uploads what changed in `screen` since the last call; returns the texture to draw and
    /// its size, once there is one.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        screen: &SharedScreen,
    ) -> Option<(TextureId, (u32, u32))> {
        // A new size means a new texture, which must be written whole.
        if let Some(size) = screen.size()
            && self.size() != Some(size)
        {
            screen.invalidate();
        }
        if let Backend::Wgpu { render_state, .. } = &self.backend
            && !self.gpu_idle.load(Ordering::Acquire)
        {
            // Done since the last frame? Polling (without waiting) runs the callback now
            // rather than at the next frame's submission.
            let _ = render_state.device.poll(wgpu::PollType::Poll);
            if !self.gpu_idle.load(Ordering::Acquire) {
                ctx.request_repaint_after(BUSY_RETRY);
                return self.current();
            }
        }
        let backend = &mut self.backend;
        let written = screen.take_pending(|frame, pending| match (backend, frame) {
            (
                Backend::Wgpu {
                    render_state,
                    texture,
                    ..
                },
                Frame::Rgba(image),
            ) => write_wgpu(render_state, texture, image, &pending),
            (
                Backend::Wgpu {
                    render_state,
                    texture,
                    yuv,
                },
                Frame::Yuv(picture),
            ) => convert_wgpu(render_state, texture, yuv, picture),
            (Backend::Egui { texture }, Frame::Rgba(image)) => {
                write_egui(ctx, texture, image, &pending)
            }
            (Backend::Egui { texture }, Frame::Yuv(picture)) => match picture.to_rgba() {
                Some(image) => write_egui(ctx, texture, &image, &Pending::Full),
                None => 0,
            },
        });
        self.uploaded += written.unwrap_or(0);
        if written.is_some() {
            self.shown.picture();
        }
        if written.is_some()
            && let Backend::Wgpu { render_state, .. } = &self.backend
        {
            track_upload(&render_state.queue, &self.gpu_idle);
        }
        self.current()
    }

    fn current(&self) -> Option<(TextureId, (u32, u32))> {
        match &self.backend {
            Backend::Wgpu { texture, .. } => texture.as_ref().map(|t| (t.id, t.size)),
            Backend::Egui { texture } => texture.as_ref().map(|(h, size)| (h.id(), *size)),
        }
    }
}

/// Submits the writes just queued and clears `idle` until the GPU has done them.
fn track_upload(queue: &wgpu::Queue, idle: &Arc<AtomicBool>) {
    // An empty submission carries the queue's pending writes, so the callback registered
    // after it fires once they are done.
    queue.submit(std::iter::empty::<wgpu::CommandBuffer>());
    idle.store(false, Ordering::Release);
    let idle = Arc::clone(idle);
    queue.on_submitted_work_done(move || idle.store(true, Ordering::Release));
}

impl Drop for ScreenTexture {
    fn drop(&mut self) {
        if let Backend::Wgpu {
            render_state,
            texture: Some(texture),
            ..
        } = &self.backend
        {
            render_state.renderer.write().free_texture(&texture.id);
        }
    }
}

fn full(image: &RgbaImage) -> Rect {
    Rect {
        x: 0,
        y: 0,
        width: image.width(),
        height: image.height(),
    }
}

/// Clips `rect` to the image; `None` when nothing is left.
fn clip(rect: Rect, image: &RgbaImage) -> Option<Rect> {
    let x = rect.x.min(image.width());
    let y = rect.y.min(image.height());
    let width = rect.width.min(image.width() - x);
    let height = rect.height.min(image.height() - y);
    (width > 0 && height > 0).then_some(Rect {
        x,
        y,
        width,
        height,
    })
}

fn rects(image: &RgbaImage, pending: &Pending) -> Vec<Rect> {
    match pending {
        Pending::Full => vec![full(image)],
        Pending::Rects(rects) => rects.iter().filter_map(|r| clip(*r, image)).collect(),
    }
}

/// Makes sure `slot` holds a texture of `size`, registered with egui (re-pointing the same
/// `TextureId` when the size changed); returns whether it was (re)created.
fn ensure_texture(
    render_state: &egui_wgpu::RenderState,
    slot: &mut Option<GpuTexture>,
    size: (u32, u32),
) -> bool {
    if slot.as_ref().map(|t| t.size) == Some(size) {
        return false;
    }
    let texture = render_state
        .device
        .create_texture(&wgpu::TextureDescriptor {
            label: Some("lifeline phone screen"),
            size: wgpu::Extent3d {
                width: size.0,
                height: size.1,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            // What egui-wgpu expects of native textures.
            format: wgpu::TextureFormat::Rgba8Unorm,
            // Written by tiles (copies) and by the YUV conversion (render pass); read back
            // by tests.
            usage: wgpu::TextureUsages::TEXTURE_BINDING
                | wgpu::TextureUsages::COPY_DST
                | wgpu::TextureUsages::RENDER_ATTACHMENT
                | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
    let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
    let mut renderer = render_state.renderer.write();
    let id = match slot.take() {
        Some(old) => {
            renderer.update_egui_texture_from_wgpu_texture(
                &render_state.device,
                &view,
                wgpu::FilterMode::Linear,
                old.id,
            );
            old.texture.destroy();
            old.id
        }
        None => {
            renderer.register_native_texture(&render_state.device, &view, wgpu::FilterMode::Linear)
        }
    };
    *slot = Some(GpuTexture {
        texture,
        view,
        id,
        size,
    });
    true
}

/// Uploads an H.264 picture's planes and converts them into the screen texture on the GPU.
fn convert_wgpu(
    render_state: &egui_wgpu::RenderState,
    slot: &mut Option<GpuTexture>,
    converter: &mut Option<Box<YuvConverter>>,
    picture: &YuvImage,
) -> u64 {
    ensure_texture(render_state, slot, (picture.width(), picture.height()));
    let Some(gpu) = slot.as_ref() else {
        return 0;
    };
    let converter = converter.get_or_insert_with(|| {
        Box::new(YuvConverter::new(
            &render_state.device,
            wgpu::TextureFormat::Rgba8Unorm,
        ))
    });
    converter.convert(
        &render_state.device,
        &render_state.queue,
        picture,
        &gpu.view,
    )
}

fn write_wgpu(
    render_state: &egui_wgpu::RenderState,
    slot: &mut Option<GpuTexture>,
    image: &RgbaImage,
    pending: &Pending,
) -> u64 {
    let mut pending = pending.clone();
    if ensure_texture(render_state, slot, (image.width(), image.height())) {
        pending = Pending::Full;
    }
    let Some(gpu) = slot.as_ref() else {
        return 0;
    };
    let stride = image.stride();
    let mut written = 0u64;
    for rect in rects(image, &pending) {
        let offset = rect.y as usize * stride + rect.x as usize * 4;
        render_state.queue.write_texture(
            wgpu::TexelCopyTextureInfo {
                texture: &gpu.texture,
                mip_level: 0,
                origin: wgpu::Origin3d {
                    x: rect.x,
                    y: rect.y,
                    z: 0,
                },
                aspect: wgpu::TextureAspect::All,
            },
            image.data(),
            wgpu::TexelCopyBufferLayout {
                offset: offset as u64,
                // The image's rows are tightly packed; `write_texture` needs no 256 alignment.
                bytes_per_row: u32::try_from(stride).ok(),
                rows_per_image: Some(rect.height),
            },
            wgpu::Extent3d {
                width: rect.width,
                height: rect.height,
                depth_or_array_layers: 1,
            },
        );
        written += u64::from(rect.width) * u64::from(rect.height) * 4;
    }
    written
}

fn write_egui(
    ctx: &egui::Context,
    slot: &mut Option<(TextureHandle, (u32, u32))>,
    image: &RgbaImage,
    pending: &Pending,
) -> u64 {
    let size = (image.width(), image.height());
    let options = TextureOptions::LINEAR;
    let whole =
        || ColorImage::from_rgba_premultiplied([size.0 as usize, size.1 as usize], image.data());
    match slot {
        Some((handle, current)) if *current == size => {
            let mut written = 0u64;
            for rect in rects(image, pending) {
                let mut pixels = Vec::with_capacity(rect.width as usize * rect.height as usize * 4);
                for y in rect.y..rect.y + rect.height {
                    let row = image.row(y);
                    pixels.extend_from_slice(
                        &row[rect.x as usize * 4..(rect.x + rect.width) as usize * 4],
                    );
                }
                let part = ColorImage::from_rgba_premultiplied(
                    [rect.width as usize, rect.height as usize],
                    &pixels,
                );
                handle.set_partial([rect.x as usize, rect.y as usize], part, options);
                written += pixels.len() as u64;
            }
            written
        }
        _ => {
            *slot = Some((
                ctx.load_texture("lifeline phone screen", whole(), options),
                size,
            ));
            u64::from(size.0) * u64::from(size.1) * 4
        }
    }
}

#[cfg(test)]
mod tests;
