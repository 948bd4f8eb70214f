//! Running the diagnostics commands ([`diag::COMMANDS`]) so that a slow or failing one
//! costs only its own part of the report: the quick ones in one trip, each of the slow ones
//! ([`diag::SLOW`]) alone on a thread of its own at the same time, all within a time limit.
//! A trip cut by its limit keeps the parts that finished, and the commands after the one
//! that hung run in another trip.

use std::time::{Duration, Instant};

use super::command::Adb;
use super::diag;

/// The outputs of [`diag::COMMANDS`], in order; a command that did not finish within
/// `limit` (or whose trip failed) leaves its part empty. Takes about `limit` at most when
/// one command hangs, and at most twice `limit` whatever happens.
pub fn collect(adb: &Adb, limit: Duration) -> Vec<String> {
    let mut outputs = vec![String::new(); diag::COMMANDS.len()];
    let (slow, quick): (Vec<usize>, Vec<usize>) =
        (0..diag::COMMANDS.len()).partition(|&i| diag::SLOW.contains(&diag::COMMANDS[i]));
    let alone: Vec<_> = slow
        .into_iter()
        .map(|i| {
            let adb = adb.clone();
            let run = move || adb.shell_sections_within(&[diag::COMMANDS[i]], limit);
            let thread = std::thread::Builder::new()
                .name("adb-diagnostics".into())
                .spawn(run.clone());
            (i, thread.map_err(|_| run))
        })
        .collect();

    let deadline = Instant::now() + limit * 2;
    let mut from = 0;
    while from < quick.len() {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .min(limit);
        if left.is_zero() {
            break;
        }
        let commands: Vec<&str> = quick[from..].iter().map(|&i| diag::COMMANDS[i]).collect();
        let parts = match adb.shell_sections_within(&commands, left) {
            Ok(parts) => parts,
            Err(err) => {
                tracing::warn!("diagnostics: {err}");
                break;
            }
        };
        let done = parts.iter().take_while(|p| p.is_some()).count();
        for (k, part) in parts.into_iter().take(done).enumerate() {
            outputs[quick[from + k]] = part.unwrap_or_default();
        }
        let Some(stuck) = commands.get(done) else {
            break;
        };
        tracing::warn!(
            "diagnostics: `{stuck}` did not finish within {} s; its part is left out",
            left.as_secs_f32()
        );
        from += done + 1;
    }

    for (i, thread) in alone {
        let result = match thread {
            Ok(thread) => thread.join().ok(),
            // No thread: run it here.
            Err(run) => Some(run()),
        };
        match result {
            Some(Ok(mut parts)) => match parts.pop().flatten() {
                Some(text) => outputs[i] = text,
                None => tracing::warn!(
                    "diagnostics: `{}` did not finish within {} s; its part is left out",
                    diag::COMMANDS[i],
                    limit.as_secs_f32()
                ),
            },
            Some(Err(err)) => tracing::warn!("diagnostics: {err}"),
            None => tracing::warn!("diagnostics: `{}` failed", diag::COMMANDS[i]),
        }
    }
    outputs
}
