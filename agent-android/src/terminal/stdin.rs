//! Lines from standard input, read on a thread of their own (a blocking read cannot be
//! cancelled, so it must not hold up the async runtime's shutdown).

use std::io::{self, BufRead};

use tokio::sync::mpsc;

use super::TerminalInput;

/// Reads standard input line by line into `to` on a thread named `lifeline-stdin`, ending
/// with [`TerminalInput::Eof`].
pub fn spawn_stdin_reader(to: mpsc::Sender<TerminalInput>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("lifeline-stdin".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut lock = stdin.lock();
            let mut line = String::new();
            loop {
                line.clear();
                match lock.read_line(&mut line) {
                    Ok(0) => break,
                    Ok(_) => {
                        let text = line.trim_end_matches(['\r', '\n']).to_owned();
                        if to.blocking_send(TerminalInput::Line(text)).is_err() {
                            return;
                        }
                    }
                    Err(err) => {
                        tracing::warn!("reading standard input failed: {err}");
                        break;
                    }
                }
            }
            let _ = to.blocking_send(TerminalInput::Eof);
        })?;
    Ok(())
}
