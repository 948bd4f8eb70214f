//! The stand-in `adb` (`tests/data/adb/stand-in/adb`, a bash script) set up for one test: a
//! temp dir with the outputs it replays, a log of the commands it received, and a wrapper
//! script named `adb` that points the stand-in at both (so tests running side by side never
//! share a log).

#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lifeline_agent_android::adb::{AdbError, AdbOptions, AdbPhone};
use lifeline_agent_android::device::{Capture, Device as _, EncodedFrame};
use lifeline_protocol::video::RgbaImage;
use openh264::encoder::Encoder;
use openh264::formats::{RgbSliceU8, YUVBuffer};

/// Width and height of the stand-in phone's screen (multiples of 16 for the encoder).
pub const WIDTH: u32 = 96;
pub const HEIGHT: u32 = 128;
/// The serial `devices.txt` lists.
pub const SERIAL: &str = "R58M123ABC";

pub fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/adb")
        .join(path)
}

/// The phone behind the stand-in, at 2 Mbit/s.
pub fn open(stand_in: &StandIn) -> Result<AdbPhone, AdbError> {
    AdbPhone::open(&AdbOptions {
        program: stand_in.program(),
        serial: None,
        bit_rate: 2_000_000,
    })
}

/// The next encoded frames, waiting for them (the screen thread delivers them).
pub fn frames(phone: &mut AdbPhone, count: usize) -> Vec<EncodedFrame> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut got = Vec::new();
    while got.len() < count {
        match phone.capture_frame(Duration::ZERO) {
            Some(Capture::Encoded(frame)) => got.push(frame),
            Some(Capture::Rgba(_)) => panic!("a screenshot while screenrecord works"),
            None => {
                assert!(
                    Instant::now() < deadline,
                    "got {} of {count} frames",
                    got.len()
                );
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }
    got
}

/// The first screenshot the phone captures, waiting for it; `no_h264` says why an encoded
/// frame would be wrong here.
pub fn screenshot(phone: &mut AdbPhone, stand_in: &StandIn, no_h264: &str) -> RgbaImage {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match phone.capture_frame(Duration::ZERO) {
            Some(Capture::Rgba(image)) => return image.clone(),
            Some(Capture::Encoded(_)) => panic!("{no_h264}"),
            None => {
                assert!(
                    Instant::now() < deadline,
                    "no screenshot: {:#?}",
                    stand_in.log()
                );
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }
}

/// The stand-in answers the diagnostics commands from real captures (a Galaxy S24 Ultra's
/// battery, density and storage, an Android 6 phone's memory, an emulator's Wi-Fi, a
/// MediaTek tablet's processes).
pub fn answer_diagnostics(stand_in: &StandIn) {
    let read = |path: &str| std::fs::read_to_string(data(path)).unwrap();
    stand_in.shell(
        "dumpsys battery",
        &read("battery/battery_samsung_s24ultra_gekko.txt"),
    );
    stand_in.shell(
        "cat /proc/meminfo",
        &read("meminfo/meminfo_unknown_arm64_android6.txt"),
    );
    stand_in.shell(
        "df",
        &read("df/df_samsung_tab_a8_sm-x200_android13_toybox.txt"),
    );
    stand_in.shell("wm density", &read("wm/wm_density_samsung_s24ultra.txt"));
    stand_in.shell(
        "dumpsys wifi",
        &read("wifi/dumpsys_wifi_excerpt_emulator_android9_connected.txt"),
    );
    stand_in.shell(
        "pm list packages",
        "package:com.android.settings\npackage:com.example.shop\n",
    );
    stand_in.shell(
        "ps -A",
        &read("ps/ps-A_mediatek_mt8168_tablet_android13.txt"),
    );
    stand_in.shell(
        "cat /proc/uptime; cat /sys/devices/system/cpu/possible",
        "5000.25 100.00\n0-7\n",
    );
}

pub struct StandIn {
    pub dir: tempfile::TempDir,
}

impl StandIn {
    /// A phone (Samsung S25+ properties, Android 16) with a 96×128 screen, screenrecord and
    /// screencap, attached alone.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let stand_in = Self { dir };
        std::fs::create_dir(stand_in.dir.path().join("bin")).unwrap();
        let wrapper = stand_in.program();
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\nADB_STAND_IN_LOG='{}' ADB_STAND_IN_DIR='{}' exec '{}' \"$@\"\n",
                stand_in.log_path().display(),
                stand_in.dir.path().display(),
                data("stand-in/adb").display()
            ),
        )
        .unwrap();
        make_executable(&wrapper);
        stand_in.devices(&format!(
            "List of devices attached\n{SERIAL}             device usb:1-1 product:pa2qxeea model:SM_S936B device:pa2q transport_id:1\n\n"
        ));
        stand_in.shell(
            "getprop",
            &std::fs::read_to_string(data("getprop/getprop_samsung_s25plus_android16.txt"))
                .unwrap(),
        );
        stand_in.shell("wm size", &format!("Physical size: {WIDTH}x{HEIGHT}\n"));
        stand_in.shell(
            "dumpsys display",
            &format!("  mOverrideDisplayInfo=DisplayInfo{{\"Built-in Screen\", real {WIDTH} x {HEIGHT}, rotation 0, fps=60.0}}\n"),
        );
        stand_in.shell(
            "ls /system/bin/screenrecord /system/bin/screencap",
            "/system/bin/screenrecord\n/system/bin/screencap\n",
        );
        stand_in.screenrecord_help("v1.3_api30-35");
        stand_in
    }

    /// `screenrecord --help` prints the capture `usage/screenrecord_help_{version}_adblib.txt`
    /// (`v1.0_api19-20`, `v1.2_api21-29`, `v1.3_api30-35`).
    pub fn screenrecord_help(&self, version: &str) {
        let help = std::fs::read_to_string(data(&format!(
            "usage/screenrecord_help_{version}_adblib.txt"
        )))
        .unwrap();
        self.shell("screenrecord --help", &help);
    }

    /// The screen as `wm size` (natural orientation) and `dumpsys display` (turned by
    /// `rotation`, 0–3) report it.
    pub fn screen(&self, width: u32, height: u32, rotation: u8) {
        self.shell("wm size", &format!("Physical size: {width}x{height}\n"));
        let (w, h) = if rotation % 2 == 1 {
            (height, width)
        } else {
            (width, height)
        };
        self.shell(
            "dumpsys display",
            &format!("  mOverrideDisplayInfo=DisplayInfo{{\"Built-in Screen\", real {w} x {h}, rotation {rotation}, fps=60.0}}\n"),
        );
    }

    /// `adb shell COMMAND` waits `secs` before answering (in a batch, that part waits).
    pub fn slow(&self, command: &str, secs: f64) {
        self.file(
            &format!("slow_{}", Self::name(command)),
            secs.to_string().as_bytes(),
        );
    }

    /// The wrapper to run as `adb`.
    pub fn program(&self) -> PathBuf {
        self.dir.path().join("bin/adb")
    }

    /// The directory holding the wrapper (for `PATH`).
    pub fn bin_dir(&self) -> PathBuf {
        self.dir.path().join("bin")
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.path().join("commands.log")
    }

    pub fn devices(&self, listing: &str) {
        self.file("devices.txt", listing.as_bytes());
    }

    /// What `adb shell COMMAND` prints.
    pub fn shell(&self, command: &str, output: &str) {
        self.shell_bytes(command, output.as_bytes());
    }

    /// What `adb shell COMMAND` prints, as bytes.
    pub fn shell_bytes(&self, command: &str, output: &[u8]) {
        self.file(&format!("shell_{}", Self::name(command)), output);
    }

    /// A command as the stand-in names its files.
    fn name(command: &str) -> String {
        command
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .take(60)
            .collect()
    }

    pub fn file(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.dir.path().join(name), bytes).unwrap();
    }

    pub fn remove(&self, name: &str) {
        let _ = std::fs::remove_file(self.dir.path().join(name));
    }

    /// Every line logged so far.
    /// The logged commands that contain `needle`.
    pub fn logged(&self, needle: &str) -> Vec<String> {
        self.log()
            .into_iter()
            .filter(|line| line.contains(needle))
            .collect()
    }

    pub fn log(&self) -> Vec<String> {
        std::fs::read_to_string(self.log_path())
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Waits until `pick` finds what it wants in the log.
    pub fn wait_log(&self, what: &str, pick: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let log = self.log();
            if pick(&log) {
                return log;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}: {log:#?}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// `screenrecord` writes a real H.264 stream of `frames` pictures.
    pub fn screenrecord(&self, frames: usize) {
        self.screenrecord_sized(WIDTH, HEIGHT, frames);
    }

    /// `screenrecord` writes a real H.264 stream of `frames` pictures of this size.
    pub fn screenrecord_sized(&self, width: u32, height: u32, frames: usize) {
        self.file("screenrecord.h264", &h264_stream(width, height, frames));
    }

    /// `screencap -p` writes a PNG of one colour.
    pub fn screencap(&self, rgba: [u8; 4]) {
        let image = image::RgbaImage::from_pixel(WIDTH, HEIGHT, image::Rgba(rgba));
        self.file("screencap.png", &png(&image));
    }

    /// `exec-out` fails as on a phone before Android 5 (`error: closed`).
    pub fn without_exec_out(&self) {
        self.file("no_exec_out", b"");
    }
}

/// `image` as PNG bytes.
pub fn png(image: &image::RgbaImage) -> Vec<u8> {
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    let mut perms = std::fs::metadata(path).unwrap().permissions();
    perms.set_mode(0o755);
    std::fs::set_permissions(path, perms).unwrap();
}

/// `frames` pictures of a bar moving across a gradient, encoded with OpenH264 to Annex-B.
pub fn h264_stream(width: u32, height: u32, frames: usize) -> Vec<u8> {
    let mut encoder = Encoder::new().unwrap();
    let (w, h) = (width as usize, height as usize);
    let mut stream = Vec::new();
    for n in 0..frames {
        let mut rgb = vec![0u8; w * h * 3];
        for y in 0..h {
            for x in 0..w {
                let i = (y * w + x) * 3;
                let bar = (x + n * 7) % w < 12;
                rgb[i] = if bar { 250 } else { (x * 255 / w) as u8 };
                rgb[i + 1] = (y * 255 / h) as u8;
                rgb[i + 2] = 128;
            }
        }
        let yuv = YUVBuffer::from_rgb8_source(RgbSliceU8::new(&rgb, (w, h)));
        stream.extend_from_slice(&encoder.encode(&yuv).unwrap().to_vec());
    }
    stream
}
