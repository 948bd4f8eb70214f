//! The console's side of H.264, per frame, on the `scroll` frames: what the console's decoder
//! thread does (OpenH264 decode, then the planes copied into the shared screen — the console's
//! own `H264Stream`), and what the viewer does with a picture: the Y, U and V planes written
//! to the GPU (`YuvConverter::upload`, submitted and waited for) and the YUV → RGBA shader
//! run (waited for). The GPU side runs on a wgpu CPU adapter (lavapipe) when there is one,
//! so its figures are CPU time too; without any adapter they are left out. The CPU
//! conversion (what screenshots use) is timed for comparison.

use std::time::Instant;

use anyhow::{Context, Result, bail};
use lifeline_console::net::video::h264::{H264Outcome, H264Stream};
use lifeline_console::state::screen::{Frame, SharedScreen};
use lifeline_console::viewer::headless::HeadlessGpu;
use lifeline_console::viewer::wgpu;
use lifeline_console::viewer::yuv::YuvConverter;
use lifeline_protocol::video::RgbaImage;
use serde::Serialize;

use crate::h264::{self, H264Encoder};
use crate::stats::percentile;

/// Console-side H.264 figures; times in milliseconds per frame.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ConsoleH264Report {
    pub(crate) frames: u32,
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// OpenH264 decode plus the plane copy into the shared screen.
    pub(crate) decode_ms_p50: f64,
    pub(crate) decode_ms_p95: f64,
    /// Bytes of Y, U and V written to the GPU per frame.
    pub(crate) upload_bytes_per_frame: u64,
    /// Writing the three planes to their textures, submitted and finished.
    pub(crate) upload_ms_p50: Option<f64>,
    pub(crate) upload_ms_p95: Option<f64>,
    /// The YUV → RGBA render pass, submitted and finished.
    pub(crate) gpu_convert_ms_p50: Option<f64>,
    pub(crate) gpu_convert_ms_p95: Option<f64>,
    /// The adapter the GPU figures come from, e.g. "llvmpipe (LLVM 19.1.7, 256 bits) (Cpu)".
    pub(crate) adapter: Option<String>,
    /// The same conversion on the CPU (screenshots), for comparison.
    pub(crate) cpu_convert_ms_p50: f64,
    pub(crate) cpu_convert_ms_p95: f64,
}

fn millis(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn p(samples: &[f64], pct: u32) -> f64 {
    percentile(samples, pct).unwrap_or(0.0)
}

/// The GPU side, when a device can be had.
struct Gpu {
    gpu: HeadlessGpu,
    converter: YuvConverter,
    target: Option<(wgpu::Texture, wgpu::TextureView)>,
}

impl Gpu {
    fn new() -> Option<Self> {
        match HeadlessGpu::new() {
            Ok(gpu) => {
                let converter = YuvConverter::new(&gpu.device, wgpu::TextureFormat::Rgba8Unorm);
                Some(Self {
                    gpu,
                    converter,
                    target: None,
                })
            }
            Err(err) => {
                eprintln!("console h264: no GPU figures ({err})");
                None
            }
        }
    }

    fn adapter(&self) -> String {
        format!("{} ({:?})", self.gpu.info.name, self.gpu.info.device_type)
    }
}

/// Encodes `frames` with the H.264 baseline, then decodes and uploads each as the console
/// does, timing every step.
pub(crate) fn measure(frames: &[RgbaImage]) -> Result<ConsoleH264Report> {
    let (Some(first), Ok(n)) = (frames.first(), u32::try_from(frames.len())) else {
        bail!("no frames");
    };
    let (width, height) = (first.width(), first.height());
    let mut encoder = H264Encoder::new()?;
    let mut payloads = Vec::with_capacity(frames.len());
    for (i, frame) in frames.iter().enumerate() {
        encoder
            .encode(&h264::to_yuv(frame)?)
            .with_context(|| format!("frame {i}"))?;
        payloads.push(encoder.last_bitstream().to_vec());
    }

    let screen = SharedScreen::new();
    let mut stream = H264Stream::new(width, height)?;
    let mut gpu = Gpu::new();
    let (mut decode, mut upload, mut convert, mut cpu) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut upload_bytes = 0;
    for (i, payload) in payloads.iter().enumerate() {
        let start = Instant::now();
        let outcome = stream
            .decode(payload, &screen, start)
            .with_context(|| format!("the console could not decode frame {i}"))?;
        decode.push(millis(start));
        if outcome != H264Outcome::Picture {
            bail!("frame {i} gave no picture ({outcome:?})");
        }
        screen
            .take_pending(|frame, _| -> Result<()> {
                let Frame::Yuv(picture) = frame else {
                    bail!("an H.264 picture that is not YUV");
                };
                let start = Instant::now();
                let rgba = picture.to_rgba();
                cpu.push(millis(start));
                drop(rgba);
                upload_bytes = picture.byte_len() as u64;
                let Some(gpu) = gpu.as_mut() else {
                    return Ok(());
                };
                let device = &gpu.gpu.device;
                let (_, view) = gpu.target.get_or_insert_with(|| {
                    let texture = gpu.gpu.rgba_target(width, height);
                    let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
                    (texture, view)
                });
                let start = Instant::now();
                gpu.converter.upload(device, &gpu.gpu.queue, picture);
                gpu.gpu.queue.submit([]);
                gpu.gpu.wait()?;
                upload.push(millis(start));
                let start = Instant::now();
                let mut commands =
                    device.create_command_encoder(&wgpu::CommandEncoderDescriptor::default());
                gpu.converter.encode(&mut commands, view);
                gpu.gpu.queue.submit([commands.finish()]);
                gpu.gpu.wait()?;
                convert.push(millis(start));
                Ok(())
            })
            .context("the decoded picture did not reach the screen")??;
    }
    let gpu_figure = |samples: &[f64], pct| gpu.as_ref().map(|_| p(samples, pct));
    Ok(ConsoleH264Report {
        frames: n,
        width,
        height,
        decode_ms_p50: p(&decode, 50),
        decode_ms_p95: p(&decode, 95),
        upload_bytes_per_frame: upload_bytes,
        upload_ms_p50: gpu_figure(&upload, 50),
        upload_ms_p95: gpu_figure(&upload, 95),
        gpu_convert_ms_p50: gpu_figure(&convert, 50),
        gpu_convert_ms_p95: gpu_figure(&convert, 95),
        adapter: gpu.as_ref().map(Gpu::adapter),
        cpu_convert_ms_p50: p(&cpu, 50),
        cpu_convert_ms_p95: p(&cpu, 95),
    })
}

/// The report's lines for the human-readable table.
pub(crate) fn format(report: &ConsoleH264Report) -> String {
    let opt = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"));
    format!(
        "console h264 (scroll, {}x{}, {} frames), ms per frame p50 / p95:\n  \
         {:<48}{:.3} / {:.3}\n  \
         {:<48}{} / {}\n  \
         {:<48}{} / {}\n  \
         {:<48}{:.3} / {:.3}\n  \
         GPU figures on: {}\n",
        report.width,
        report.height,
        report.frames,
        "decode (OpenH264 + planes to the shared screen)",
        report.decode_ms_p50,
        report.decode_ms_p95,
        format!("plane upload ({} bytes)", report.upload_bytes_per_frame),
        opt(report.upload_ms_p50),
        opt(report.upload_ms_p95),
        "YUV->RGBA shader",
        opt(report.gpu_convert_ms_p50),
        opt(report.gpu_convert_ms_p95),
        "CPU YUV->RGBA, for comparison",
        report.cpu_convert_ms_p50,
        report.cpu_convert_ms_p95,
        report.adapter.as_deref().unwrap_or("no adapter"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifeline_tests::synthetic::PhoneScreen;

    #[test]
    fn decodes_every_frame_and_reports_its_figures() {
        let phone = PhoneScreen::new(270, 600).unwrap();
        let frames: Vec<RgbaImage> = (0..3).map(|i| phone.render_list(i * 16)).collect();
        let report = measure(&frames).unwrap();
        assert_eq!((report.frames, report.width, report.height), (3, 270, 600));
        assert_eq!(report.upload_bytes_per_frame, 270 * 600 + 2 * 135 * 300);
        assert!(report.decode_ms_p50 > 0.0);
        assert!(report.cpu_convert_ms_p50 > 0.0);
        assert_eq!(report.upload_ms_p50.is_some(), report.adapter.is_some());
        let text = format(&report);
        assert!(text.contains("270x600"), "{text}");
    }
}
