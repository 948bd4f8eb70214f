//! Running the `adb` program: one-off commands with a time limit, and long-lived processes.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::error::AdbError;

/// Time a one-off command gets by default.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(15);

/// Printed between the parts of a batched shell command (see [`Adb::shell_sections`]).
const SECTION: &str = "@@lifeline-section@@";

/// How to reach one phone: the `adb` program and the phone's serial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adb {
    program: PathBuf,
    serial: Option<String>,
}

impl Adb {
    /// `adb` found on `PATH`, or at `ADB` when that is set.
    pub fn program_from_env() -> PathBuf {
        std::env::var_os("ADB")
            .filter(|p| !p.is_empty())
            .map_or_else(|| PathBuf::from("adb"), PathBuf::from)
    }

    /// Runs `program`, for no phone in particular (e.g. `adb devices -l`).
    pub fn new(program: impl Into<PathBuf>) -> Self {
        Self {
            program: program.into(),
            serial: None,
        }
    }

    /// The same program, for the phone `serial`.
    pub fn for_serial(&self, serial: &str) -> Self {
        Self {
            program: self.program.clone(),
            serial: Some(serial.to_owned()),
        }
    }

    /// The program run.
    pub fn program(&self) -> &Path {
        &self.program
    }

    /// The phone's serial, once chosen.
    pub fn serial(&self) -> Option<&str> {
        self.serial.as_deref()
    }

    /// An `adb [-s SERIAL] ARGS…` command, not started.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        let mut command = Command::new(&self.program);
        if let Some(serial) = &self.serial {
            command.arg("-s").arg(serial);
        }
        command.args(args.into_iter().map(Into::into));
        command
    }

    /// How a command reads when typed, for messages.
    fn describe(&self, args: &[&str]) -> String {
        let mut text = self.program.display().to_string();
        if let Some(serial) = &self.serial {
            text.push_str(" -s ");
            text.push_str(serial);
        }
        for arg in args {
            text.push(' ');
            text.push_str(arg);
        }
        text
    }

    /// Starts `adb ARGS…` with its output piped, stdin as given.
    pub fn spawn(&self, args: &[&str], stdin: Stdio) -> Result<Child, AdbError> {
        self.command(args)
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|err| self.spawn_error(args, &err))
    }

    fn spawn_error(&self, args: &[&str], err: &io::Error) -> AdbError {
        if err.kind() == io::ErrorKind::NotFound {
            AdbError::NotInstalled {
                program: self.program.clone(),
            }
        } else {
            AdbError::Failed {
                command: self.describe(args),
                detail: err.to_string(),
            }
        }
    }

    /// Runs `adb ARGS…` to the end within `timeout`: its standard output. A non-zero exit is
    /// an error carrying the last line of standard error.
    pub fn run(&self, args: &[&str], timeout: Duration) -> Result<Vec<u8>, AdbError> {
        let mut child = self.spawn(args, Stdio::null())?;
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let out = read_in_background("adb-stdout", stdout);
        let err = read_in_background("adb-stderr", stderr);
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() >= timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(AdbError::TimedOut {
                        command: self.describe(args),
                        secs: timeout.as_secs(),
                    });
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => {
                    return Err(AdbError::Failed {
                        command: self.describe(args),
                        detail: e.to_string(),
                    });
                }
            }
        };
        let stdout = out.and_then(|h| h.join().ok()).unwrap_or_default();
        let stderr = err.and_then(|h| h.join().ok()).unwrap_or_default();
        if status.success() {
            return Ok(stdout);
        }
        let stderr = String::from_utf8_lossy(&stderr);
        let detail = stderr
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map_or_else(|| status.to_string(), str::to_owned);
        Err(AdbError::Failed {
            command: self.describe(args),
            detail,
        })
    }

    /// `adb shell COMMAND` as text (lossy UTF-8).
    pub fn shell(&self, command: &str) -> Result<String, AdbError> {
        let bytes = self.run(&["shell", command], COMMAND_TIMEOUT)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Several shell commands in one round trip: the output of each, in order. A command
    /// that fails leaves its part empty or holding its error text; parsers cope with both.
    pub fn shell_sections(&self, commands: &[&str]) -> Result<Vec<String>, AdbError> {
        let script = commands
            .iter()
            .map(|c| format!("{c} 2>&1"))
            .collect::<Vec<_>>()
            .join(&format!("; echo {SECTION}; "));
        let text = self.shell(&script)?;
        let mut parts: Vec<String> = text
            .split(SECTION)
            .map(|part| part.trim_start_matches(['\r', '\n']).to_owned())
            .collect();
        parts.resize(commands.len(), String::new());
        Ok(parts)
    }
}

/// Reads a pipe to its end on a named thread.
fn read_in_background<R>(name: &str, pipe: Option<R>) -> Option<std::thread::JoinHandle<Vec<u8>>>
where
    R: io::Read + Send + 'static,
{
    let mut pipe = pipe?;
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
        .ok()
}
