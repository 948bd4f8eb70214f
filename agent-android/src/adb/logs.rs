//! Log files from the phone: `logcat -d -v threadtime` of the buffers the phone allows.

use crate::adb::command::{Adb, COMMAND_TIMEOUT};
use crate::device::LogFile;

/// Buffer sets to try, most complete first, each given as `-b` arguments: `crash` exists
/// from Android 5, and a phone refuses a logcat naming a buffer it lacks; an older logcat
/// takes a comma list as one buffer's name (and refuses it) but accepts `-b` repeated.
/// The last set names none: the phone's default buffers.
const BUFFER_SETS: [&[&str]; 4] = [
    &["main,system,crash"],
    &["main", "system", "crash"],
    &["main", "system"],
    &[],
];

/// The logs: `logcat.txt` (main, system and crash buffers, or what the phone has) and
/// `logcat-events.txt` when the events buffer can be read. A log that cannot be read is
/// left out; the error is logged.
pub fn collect(adb: &Adb) -> Vec<LogFile> {
    let mut files = Vec::new();
    for buffers in BUFFER_SETS {
        let mut args = vec!["logcat", "-d", "-v", "threadtime"];
        for set in buffers {
            args.push("-b");
            args.push(set);
        }
        match adb.run(&args, COMMAND_TIMEOUT * 2) {
            Ok(bytes) if !looks_refused(&bytes) => {
                files.push(LogFile {
                    name: "logcat.txt".into(),
                    bytes,
                });
                break;
            }
            Ok(_) => tracing::debug!("logcat refused buffers {buffers:?}"),
            Err(err) => tracing::debug!("logcat with buffers {buffers:?}: {err}"),
        }
    }
    match adb.run(
        &["logcat", "-d", "-v", "threadtime", "-b", "events"],
        COMMAND_TIMEOUT * 2,
    ) {
        Ok(bytes) if !bytes.is_empty() && !looks_refused(&bytes) => files.push(LogFile {
            name: "logcat-events.txt".into(),
            bytes,
        }),
        Ok(_) => {}
        Err(err) => tracing::debug!("logcat events: {err}"),
    }
    files
}

/// Old phones print an error and exit 0 for a buffer they lack.
fn looks_refused(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
    head.starts_with("Unable to open log device")
        || head.contains("Invalid buffer")
        || head.starts_with("logcat: Unknown buffer")
}
