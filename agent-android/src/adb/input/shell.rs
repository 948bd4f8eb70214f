//! One long-lived `adb shell`, fed command lines on its standard input: no adb connection is
//! set up per tap. The shell is started on first use and once more if it died.

use std::io::{self, Write as _};
use std::process::{Child, ChildStdin, Stdio};
use std::time::{Duration, Instant};

use crate::adb::command::Adb;
use crate::adb::error::AdbError;

/// How long a closing shell gets to run what it was sent.
const STOP_GRACE: Duration = Duration::from_millis(500);

/// The input shell.
#[derive(Debug)]
pub struct InputShell {
    adb: Adb,
    running: Option<(Child, ChildStdin)>,
    /// How many shells were started (for tests and logs).
    starts: u32,
}

impl InputShell {
    /// A shell for the phone `adb` reaches; nothing runs until the first command.
    pub fn new(adb: Adb) -> Self {
        Self {
            adb,
            running: None,
            starts: 0,
        }
    }

    /// How many shells were started.
    pub fn starts(&self) -> u32 {
        self.starts
    }

    /// Sends `lines` (each one shell command, no line end) in one write; starts the shell if
    /// need be, and again once if it died.
    pub fn send(&mut self, lines: &[String]) -> Result<(), AdbError> {
        if lines.is_empty() {
            return Ok(());
        }
        let mut script = String::new();
        for line in lines {
            debug_assert!(!line.contains('\n'), "one command per line");
            script.push_str(line);
            script.push('\n');
        }
        for attempt in 0..2 {
            let stdin = self.stdin()?;
            match write_all(stdin, script.as_bytes()) {
                Ok(()) => return Ok(()),
                Err(err) => {
                    tracing::debug!("the input shell is gone ({err}); attempt {attempt}");
                    self.stop();
                }
            }
        }
        Err(AdbError::Failed {
            command: "adb shell (input)".into(),
            detail: "the shell on the phone keeps closing".into(),
        })
    }

    fn stdin(&mut self) -> Result<&mut ChildStdin, AdbError> {
        if let Some((child, _)) = self.running.as_mut()
            && matches!(child.try_wait(), Ok(Some(_)) | Err(_))
        {
            self.stop();
        }
        if self.running.is_none() {
            let mut child = self
                .adb
                .command(["shell"])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|err| match err.kind() {
                    io::ErrorKind::NotFound => AdbError::NotInstalled {
                        program: self.adb.program().to_path_buf(),
                    },
                    _ => AdbError::Failed {
                        command: "adb shell".into(),
                        detail: err.to_string(),
                    },
                })?;
            let Some(stdin) = child.stdin.take() else {
                let _ = child.kill();
                return Err(AdbError::Failed {
                    command: "adb shell".into(),
                    detail: "no standard input".into(),
                });
            };
            self.starts += 1;
            self.running = Some((child, stdin));
        }
        match self.running.as_mut() {
            Some((_, stdin)) => Ok(stdin),
            None => Err(AdbError::Failed {
                command: "adb shell".into(),
                detail: "not running".into(),
            }),
        }
    }

    /// Ends the shell: its input closes, so commands already sent still run; a shell that
    /// has not ended after [`STOP_GRACE`] is killed.
    pub fn stop(&mut self) {
        if let Some((mut child, stdin)) = self.running.take() {
            drop(stdin);
            let deadline = Instant::now() + STOP_GRACE;
            while Instant::now() < deadline {
                if !matches!(child.try_wait(), Ok(None)) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn write_all(stdin: &mut ChildStdin, bytes: &[u8]) -> io::Result<()> {
    stdin.write_all(bytes)?;
    stdin.flush()
}

impl Drop for InputShell {
    fn drop(&mut self) {
        self.stop();
    }
}
