//! The GPU side of H.264: the YUV → RGBA shader run on a CPU wgpu adapter (Mesa's lavapipe,
//! as the snapshot tests use), read back and compared with the CPU reference conversion,
//! and a real decoded picture shown through the viewer's texture compared with its source.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Instant;

use common::phone_frames::{self, max_diff, pad_to_even, psnr};
use eframe::egui_wgpu;
use lifeline_console::net::video::h264::{H264Outcome, H264Stream};
use lifeline_console::state::screen::SharedScreen;
use lifeline_console::state::screen::yuv::{YuvColor, YuvImage, YuvMatrix, YuvPlanes, chroma_size};
use lifeline_console::viewer::headless::{self, HeadlessGpu};
use lifeline_console::viewer::texture::ScreenTexture;
use lifeline_console::viewer::wgpu;
use lifeline_console::viewer::yuv::YuvConverter;
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::{Damage, Rect};

/// The shader and the CPU may round differently by one step.
const TOLERANCE: u8 = 1;

fn gpu() -> HeadlessGpu {
    HeadlessGpu::new().expect("the GPU tests need a wgpu adapter (mesa-vulkan-drivers)")
}

/// Pseudo-random planes (every value, strided like a decoder's output) of `width`×`height`.
fn random_picture(width: u32, height: u32, color: YuvColor, seed: u32) -> YuvImage {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state as u8
    };
    let (cw, ch) = chroma_size(width, height);
    let y_stride = width as usize + 32;
    let uv_stride = cw as usize + 16;
    let y: Vec<u8> = (0..y_stride * height as usize).map(|_| next()).collect();
    let u: Vec<u8> = (0..uv_stride * ch as usize).map(|_| next()).collect();
    let v: Vec<u8> = (0..uv_stride * ch as usize).map(|_| next()).collect();
    YuvImage::from_planes(&YuvPlanes {
        width,
        height,
        y: &y,
        y_stride,
        u: &u,
        v: &v,
        uv_stride,
        color,
    })
    .unwrap()
}

#[test]
fn the_shader_matches_the_cpu_conversion_on_odd_and_tall_sizes() {
    let gpu = gpu();
    eprintln!("adapter: {} ({:?})", gpu.info.name, gpu.info.device_type);
    let mut converter = YuvConverter::new(&gpu.device, wgpu::TextureFormat::Rgba8Unorm);
    let bt709_full = YuvColor {
        matrix: YuvMatrix::Bt709,
        full_range: true,
    };
    for (i, (width, height, color)) in [
        (721, 1601, YuvColor::BT601_LIMITED),
        (1080, 2340, YuvColor::BT601_LIMITED),
        (3, 5, bt709_full),
        (64, 48, bt709_full),
    ]
    .into_iter()
    .enumerate()
    {
        let picture = random_picture(width, height, color, 0x9e37_79b9 + i as u32);
        let target = gpu.rgba_target(width, height);
        let view = target.create_view(&wgpu::TextureViewDescriptor::default());
        let written = converter.convert(&gpu.device, &gpu.queue, &picture, &view);
        assert_eq!(written, picture.byte_len() as u64);
        let shown = gpu.read_rgba(&target).unwrap();
        let reference = picture.to_rgba().unwrap();
        let (max, differing) = max_diff(&shown, &reference);
        assert!(
            max <= TOLERANCE,
            "{width}x{height} {color:?}: off by up to {max} ({differing} channels differ)"
        );
        assert_eq!(converter.size(), Some((width, height)));
    }
}

/// `frames` (phone screens of the stream's declared size) encoded with OpenH264 and
/// decoded by the console's H.264 stream into a shared screen.
fn decoded_screen(declared: (u32, u32), frames: &[RgbaImage]) -> SharedScreen {
    let screen = SharedScreen::new();
    let mut stream = H264Stream::new(declared.0, declared.1).unwrap();
    let mut encoder = phone_frames::encoder();
    for frame in frames {
        let payload = phone_frames::encode(&mut encoder, &pad_to_even(frame));
        let outcome = stream.decode(&payload, &screen, Instant::now()).unwrap();
        assert_eq!(outcome, H264Outcome::Picture);
    }
    screen
}

#[test]
fn a_decoded_picture_through_the_viewer_texture_matches_its_source() {
    let render_state = egui_kittest::wgpu::create_render_state(
        egui_kittest::wgpu::default_wgpu_setup(),
        egui_wgpu::RendererOptions::PREDICTABLE,
    );
    let ctx = egui::Context::default();
    let mut texture = ScreenTexture::new(Some(render_state));

    // An odd-sized phone screen, a keyframe and a scrolled P frame.
    let (w, h) = (721, 1601);
    let frames: Vec<RgbaImage> = (0..2)
        .map(|i| phone_frames::screen(w, h, i * 36, [30, 142, 62, 255]))
        .collect();
    let screen = decoded_screen((w, h), &frames);
    assert!(texture.update(&ctx, &screen).is_some());
    let (gpu_texture, state) = texture.wgpu_texture().unwrap();
    assert_eq!((gpu_texture.width(), gpu_texture.height()), (w, h));
    let shown = headless::read_rgba(&state.device, &state.queue, gpu_texture).unwrap();
    let cpu = screen.snapshot().unwrap();
    let (max, _) = max_diff(&shown, &cpu);
    assert!(max <= TOLERANCE, "GPU vs CPU conversion: off by {max}");
    let db = psnr(&shown, &frames[1]);
    assert!(db >= 38.0, "GPU-converted picture: PSNR {db:.2} dB");
    eprintln!("viewer texture: PSNR {db:.2} dB against the source");
    let uploaded = texture.uploaded_bytes();
    let (cw, ch) = chroma_size(w, h);
    assert_eq!(
        uploaded,
        u64::from(w * h + 2 * cw * ch),
        "only the planes are uploaded"
    );

    // Nothing new: nothing uploaded.
    texture.update(&ctx, &screen);
    assert_eq!(texture.uploaded_bytes(), uploaded);

    // The stream switches to tiles at the same size: the same texture, RGBA written as is.
    let rgba = phone_frames::screen(w, h, 500, [161, 66, 244, 255]);
    screen.publish(
        &rgba,
        &Damage {
            keyframe: false,
            rects: vec![Rect {
                x: 0,
                y: 0,
                width: 8,
                height: 8,
            }],
        },
    );
    texture.update(&ctx, &screen);
    let (gpu_texture, state) = texture.wgpu_texture().unwrap();
    let shown = headless::read_rgba(&state.device, &state.queue, gpu_texture).unwrap();
    assert_eq!(shown, rgba, "tiles after H.264: uploaded whole and exact");
}
