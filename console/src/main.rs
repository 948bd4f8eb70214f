//! `lifeline-console`: the technician's desktop app.
//!
//! ```text
//! lifeline-console                      local server on this computer, signed in already
//! lifeline-console --demo               the same, plus a simulated phone joining at once
//! lifeline-console --server https://relay.example.com:8443 [--fingerprint HEX]
//! ```

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Parser;
use lifeline_console::paths::APP_ID;
use lifeline_console::ui::{ConsoleApp, Launch};

/// Lifeline's technician console: remote support for Android phones.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// A remote Lifeline server (`https://HOST:PORT`); remembered for next time. Without
    /// it (and without a remembered one) the server runs on this computer.
    #[arg(long, value_name = "URL")]
    server: Option<String>,
    /// The server certificate's SHA-256 fingerprint (hex), for a self-signed certificate.
    #[arg(long, value_name = "HEX", requires = "server")]
    fingerprint: Option<String>,
    /// Run locally with a simulated phone that joins at once (needs `lifeline-agent` next to
    /// this program).
    #[arg(long, conflicts_with = "server")]
    demo: bool,
    /// Run the server on this computer this time, even if a remote one is remembered.
    #[arg(long, conflicts_with = "server")]
    local: bool,
    /// The local server's data directory (default: in your user data directory).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// The agent program `--demo` starts (default: `lifeline-agent` next to this program).
    #[arg(long, value_name = "PATH")]
    agent: Option<PathBuf>,
    /// Where files from phones are saved this time (default: the settings' folder).
    #[arg(long, value_name = "DIR")]
    downloads: Option<PathBuf>,
    /// With --demo: what the demo phone does by itself (`scroll`: Settings scrolling at 60
    /// fps), for benchmarks.
    #[arg(long, value_name = "ACTIVITY", hide = true, requires = "demo")]
    demo_activity: Option<String>,
    /// The highest frame rate asked of phones this time (default: the settings').
    #[arg(long, value_name = "FPS", value_parser = clap::value_parser!(u8).range(1..=120))]
    max_fps: Option<u8>,
    /// Close the window after this many seconds (smoke tests).
    #[arg(long, value_name = "SECS", hide = true)]
    quit_after: Option<u64>,
    /// Save a screenshot of the window as PNG after --screenshot-after seconds (smoke tests).
    #[arg(long, value_name = "PNG", hide = true, requires = "screenshot_after")]
    screenshot: Option<PathBuf>,
    /// When to take --screenshot, in seconds.
    #[arg(long, value_name = "SECS", hide = true, requires = "screenshot")]
    screenshot_after: Option<u64>,
}

/// Saves an egui screenshot as PNG.
fn save_png(image: &egui::ColorImage, path: &std::path::Path) -> anyhow::Result<()> {
    let [width, height] = image.size;
    let rgba: Vec<u8> = image.pixels.iter().flat_map(|p| p.to_array()).collect();
    let png = image::RgbaImage::from_raw(u32::try_from(width)?, u32::try_from(height)?, rgba)
        .context("the screenshot's size does not match its pixels")?;
    png.save(path)
        .with_context(|| format!("could not write {}", path.display()))
}

/// Closes the window (so sessions end and the local relay stops cleanly) on Ctrl-C, and on
/// SIGTERM on Unix.
fn close_on_signal(ctx: egui::Context) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    std::thread::Builder::new()
        .name("lifeline-signals".into())
        .spawn(move || {
            runtime.block_on(async {
                #[cfg(unix)]
                {
                    use tokio::signal::unix::{SignalKind, signal};
                    match signal(SignalKind::terminate()) {
                        Ok(mut term) => {
                            tokio::select! {
                                _ = tokio::signal::ctrl_c() => {}
                                _ = term.recv() => {}
                            }
                        }
                        Err(_) => {
                            let _ = tokio::signal::ctrl_c().await;
                        }
                    }
                }
                #[cfg(not(unix))]
                let _ = tokio::signal::ctrl_c().await;
            });
            tracing::info!("asked to stop: closing the window");
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            ctx.request_repaint();
        })
        .map(|_| ())
}

/// Saves a screenshot of the window to `path` after `secs`.
fn screenshot_later(ctx: egui::Context, secs: u64, path: PathBuf) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("lifeline-screenshot".into())
        .spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(secs));
            ctx.request_screenshot(move |image| match save_png(&image, &path) {
                Ok(()) => tracing::info!("screenshot saved to {}", path.display()),
                Err(err) => tracing::error!("{err:#}"),
            });
            ctx.request_repaint();
        })
        .map(|_| ())
}

/// Closes the window after `secs`.
fn quit_later(ctx: egui::Context, secs: u64) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("lifeline-quit-timer".into())
        .spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(secs));
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            ctx.request_repaint();
        })
        .map(|_| ())
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,wgpu_core=warn,wgpu_hal=warn,naga=warn".into()),
        )
        .init();
    let args = Args::parse();
    let launch = Launch {
        server: args.server,
        fingerprint: args.fingerprint,
        demo: args.demo,
        local: args.local,
        data_dir: args.data_dir,
        agent: args.agent,
        downloads: args.downloads,
        demo_activity: args.demo_activity,
        max_fps: args.max_fps,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            // The system's language until the app applies the technician's choice.
            .with_title(lifeline_protocol::tr!(
                lifeline_protocol::i18n::Localizer::new(
                    lifeline_protocol::i18n::Language::from_system()
                ),
                "console-window-title"
            ))
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([800.0, 520.0]),
        renderer: eframe::Renderer::Wgpu,
        wgpu_options: lifeline_console::viewer::device::wgpu_configuration(),
        ..Default::default()
    };
    let (quit_after, screenshot) = (args.quit_after, args.screenshot.zip(args.screenshot_after));
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            if let Some(secs) = quit_after {
                quit_later(cc.egui_ctx.clone(), secs)?;
            }
            if let Some((path, secs)) = screenshot {
                screenshot_later(cc.egui_ctx.clone(), secs, path)?;
            }
            close_on_signal(cc.egui_ctx.clone())?;
            Ok(Box::new(ConsoleApp::new(cc, launch)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
    .context("the console window could not run")
}
