//! Running the `adb` program: one-off commands with a time limit, and long-lived processes.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
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
        let (ended, stdout, stderr) = self.run_collect(args, timeout)?;
        let status = match ended {
            Ended::Exited(status) => status,
            Ended::TimedOut => {
                return Err(AdbError::TimedOut {
                    command: self.describe(args),
                    secs: timeout.as_secs(),
                });
            }
        };
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

    /// Runs `adb ARGS…` until it exits or `timeout` passes (then it is killed): how it
    /// ended, and its standard output and error as far as they came.
    fn run_collect(
        &self,
        args: &[&str],
        timeout: Duration,
    ) -> Result<(Ended, Vec<u8>, Vec<u8>), AdbError> {
        let mut child = self.spawn(args, Stdio::null())?;
        let out = Pipe::read("adb-stdout", child.stdout.take());
        let err = Pipe::read("adb-stderr", child.stderr.take());
        let started = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) => {
                    return Ok((Ended::Exited(status), out.finish(), err.finish()));
                }
                Ok(None) if started.elapsed() >= timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    // What came so far: a process adb left behind may hold the pipes open,
                    // so the readers are not waited for.
                    return Ok((Ended::TimedOut, out.so_far(), err.so_far()));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => {
                    return Err(AdbError::Failed {
                        command: self.describe(args),
                        detail: e.to_string(),
                    });
                }
            }
        }
    }

    /// `adb shell COMMAND` as text (lossy UTF-8).
    pub fn shell(&self, command: &str) -> Result<String, AdbError> {
        let bytes = self.run(&["shell", command], COMMAND_TIMEOUT)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Several shell commands in one round trip: the output of each, in order. A command
    /// that fails leaves its part empty or holding its error text; parsers cope with both.
    pub fn shell_sections(&self, commands: &[&str]) -> Result<Vec<String>, AdbError> {
        let text = self.shell(&batch(commands))?;
        let mut parts: Vec<String> = split_sections(&text);
        parts.resize(commands.len(), String::new());
        Ok(parts)
    }

    /// Like [`Self::shell_sections`], but a trip cut by `timeout` keeps the parts that
    /// finished: `None` for the command that was still running and those after it.
    pub fn shell_sections_within(
        &self,
        commands: &[&str],
        timeout: Duration,
    ) -> Result<Vec<Option<String>>, AdbError> {
        let script = batch(commands);
        let (ended, stdout, _) = self.run_collect(&["shell", &script], timeout)?;
        let text = String::from_utf8_lossy(&stdout);
        let mut parts: Vec<Option<String>> = split_sections(&text).into_iter().map(Some).collect();
        match ended {
            Ended::Exited(_) => parts.resize(commands.len(), Some(String::new())),
            Ended::TimedOut => {
                // The last part had no separator after it yet: its command had not finished.
                parts.pop();
                parts.resize(commands.len(), None);
            }
        }
        Ok(parts)
    }
}

/// How a command run with a time limit ended.
enum Ended {
    Exited(std::process::ExitStatus),
    TimedOut,
}

/// Commands joined into one script that prints [`SECTION`] after each but the last.
fn batch(commands: &[&str]) -> String {
    commands
        .iter()
        .map(|c| format!("{c} 2>&1"))
        .collect::<Vec<_>>()
        .join(&format!("; echo {SECTION}; "))
}

/// A batch's output, part by part.
fn split_sections(text: &str) -> Vec<String> {
    text.split(SECTION)
        .map(|part| part.trim_start_matches(['\r', '\n']).to_owned())
        .collect()
}

/// A pipe read to its end on a named thread, into a buffer that can be looked at before the
/// end.
struct Pipe {
    bytes: Arc<Mutex<Vec<u8>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Pipe {
    fn read<R>(name: &str, pipe: Option<R>) -> Self
    where
        R: io::Read + Send + 'static,
    {
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let thread = pipe.and_then(|mut pipe| {
            let sink = Arc::clone(&bytes);
            std::thread::Builder::new()
                .name(name.to_owned())
                .spawn(move || {
                    let mut buf = [0u8; 16 * 1024];
                    loop {
                        match pipe.read(&mut buf) {
                            Ok(0) | Err(_) => return,
                            Ok(n) => lock(&sink).extend_from_slice(&buf[..n]),
                        }
                    }
                })
                .ok()
        });
        Self { bytes, thread }
    }

    /// Everything, once the writer closed the pipe.
    fn finish(mut self) -> Vec<u8> {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.so_far()
    }

    /// What was read until now.
    fn so_far(&self) -> Vec<u8> {
        std::mem::take(&mut *lock(&self.bytes))
    }
}

fn lock(bytes: &Mutex<Vec<u8>>) -> std::sync::MutexGuard<'_, Vec<u8>> {
    bytes
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
