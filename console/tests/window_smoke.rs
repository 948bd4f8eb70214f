//! The real console window under Xvfb (wgpu on Mesa's CPU Vulkan driver): `--demo` starts,
//! the phone's screen shows in the viewer (checked by pixels), and the process exits cleanly
//! when its window is closed. Skipped, saying so, where no X server can be started.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Finds `name` on `PATH`.
fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(name))
        .find(|p| p.is_file())
}

/// An Xvfb server on a free display; killed on drop.
struct Xvfb {
    child: Child,
    display: String,
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_xvfb() -> Result<Xvfb, String> {
    let xvfb = which("Xvfb").ok_or("Xvfb is not installed (Debian package `xvfb`)")?;
    for n in 140..200 {
        if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            || Path::new(&format!("/tmp/.X{n}-lock")).exists()
        {
            continue;
        }
        let display = format!(":{n}");
        let mut child = Command::new(&xvfb)
            .args([
                display.as_str(),
                "-screen",
                "0",
                "1400x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("Xvfb could not start: {e}"))?;
        let socket = format!("/tmp/.X11-unix/X{n}");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if Path::new(&socket).exists() {
                return Ok(Xvfb { child, display });
            }
            if let Ok(Some(status)) = child.try_wait() {
                return Err(format!("Xvfb exited at once ({status})"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        return Err("Xvfb did not open its socket in 10 s".into());
    }
    Err("no free X display number".into())
}

/// Share of pixels in the window's left part (where the viewer is) that are clearly
/// coloured: the UI is grey with small accents, the simulated phone's wallpaper and app
/// icons are colourful.
fn colourful_share(png: &Path) -> f64 {
    let Ok(image) = image::open(png) else {
        return 0.0;
    };
    let image = image.to_rgba8();
    let (w, h) = image.dimensions();
    let (mut colourful, mut total) = (0u64, 0u64);
    for y in h / 5..h * 9 / 10 {
        for x in 0..w * 6 / 10 {
            let [r, g, b, _] = image.get_pixel(x, y).0;
            let (max, min) = (r.max(g).max(b), r.min(g).min(b));
            total += 1;
            if max - min > 50 {
                colourful += 1;
            }
        }
    }
    colourful as f64 / total.max(1) as f64
}

#[test]
fn demo_window_shows_the_phone_and_exits_cleanly() {
    let xvfb = match start_xvfb() {
        Ok(xvfb) => xvfb,
        Err(reason) => {
            println!("SKIPPED: the real-window smoke test needs an X server: {reason}");
            return;
        }
    };
    let console = PathBuf::from(env!("CARGO_BIN_EXE_lifeline-console"));
    let agent = console.with_file_name(format!("lifeline-agent{}", std::env::consts::EXE_SUFFIX));
    let has_agent = agent.is_file();
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("window.png");
    let started = Instant::now();
    let mut child = Command::new(&console)
        .args(["--demo", "--screenshot-after", "12", "--screenshot"])
        .arg(&shot)
        .arg("--data-dir")
        .arg(dir.path().join("relay"))
        .arg("--downloads")
        .arg(dir.path().join("downloads"))
        .env("DISPLAY", &xvfb.display)
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // It stays up until the screenshot is written…
    let deadline = started + Duration::from_secs(90);
    while !shot.is_file() {
        if let Some(status) = child.try_wait().unwrap() {
            let output = child.wait_with_output().unwrap();
            panic!(
                "the console stopped early ({status}):\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        assert!(Instant::now() < deadline, "no screenshot after 90 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(500));
    // …then, told to stop (SIGTERM), ends the session, stops the relay and exits 0.
    let told = Instant::now();
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            told.elapsed() < Duration::from_secs(30),
            "the console did not exit within 30 s of SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let output = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(
        status.success(),
        "the console did not exit cleanly ({status}):\n{log}"
    );
    assert!(log.contains("asked to stop"), "{log}");
    assert!(shot.is_file(), "no screenshot was written:\n{log}");
    if let Some(keep) = std::env::var_os("LIFELINE_SMOKE_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
    let share = colourful_share(&shot);
    println!("{:.1} % of the viewer area is colourful", share * 100.0);
    if has_agent {
        assert!(
            share > 0.04,
            "the viewer does not show the phone's screen ({:.1} % colourful pixels); see {}:\n{log}",
            share * 100.0,
            shot.display()
        );
        assert!(log.contains("Demo customer"), "{log}");
    } else {
        println!(
            "NOTE: {} is not built, so the demo phone could not join; only the window was checked",
            agent.display()
        );
        let image = image::open(&shot).unwrap().to_rgba8();
        assert!(image.pixels().any(|p| p.0[0] > 100), "the window is black");
    }
}
