//! An X display for benchmarks that open windows: the one in `DISPLAY`, or an Xvfb of our
//! own, stopped on drop.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// An X display to open windows on.
pub(crate) struct Display {
    name: String,
    xvfb: Option<Child>,
}

impl Display {
    /// `DISPLAY` if set, else a new Xvfb (1400×900, 24-bit) on a free display number.
    pub(crate) fn existing_or_xvfb() -> Result<Self> {
        if let Some(name) = std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()) {
            return Ok(Self { name, xvfb: None });
        }
        let number = (120..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .context("no free X display number")?;
        let name = format!(":{number}");
        let mut child = Command::new("Xvfb")
            .args([&name, "-screen", "0", "1400x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("no DISPLAY, and Xvfb could not start (Debian package `xvfb`)")?;
        let socket = format!("/tmp/.X11-unix/X{number}");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !Path::new(&socket).exists() {
            if let Some(status) = child.try_wait()? {
                bail!("Xvfb exited at once ({status})");
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                bail!("Xvfb did not open its socket in 10 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Self {
            name,
            xvfb: Some(child),
        })
    }

    /// The value for `DISPLAY`.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(child) = &mut self.xvfb {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
