//! `ps -A` (toybox) or `ps` (old toolbox): running processes, by the header's columns.

use lifeline_protocol::diagnostics::ProcessInfo;

/// Most processes reported.
pub const MAX_PROCESSES: usize = 4000;

/// The processes listed. Columns are found by name in the header (`USER`, `PID`, `RSS` in
/// KiB); the name is the last field (toolbox adds an unnamed state column before it).
/// Lines that do not fit (the author's `...`, errors) are skipped.
pub fn parse(text: &str) -> Vec<ProcessInfo> {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
    let Some(header) = lines.by_ref().find(|l| {
        let cols: Vec<&str> = l.split_whitespace().collect();
        cols.contains(&"PID") && cols.contains(&"USER")
    }) else {
        return Vec::new();
    };
    let columns: Vec<&str> = header.split_whitespace().collect();
    let at = |name: &str| columns.iter().position(|c| *c == name);
    let (Some(user_col), Some(pid_col)) = (at("USER"), at("PID")) else {
        return Vec::new();
    };
    let rss_col = at("RSS");
    let mut processes = Vec::new();
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() < columns.len().min(3) {
            continue;
        }
        let Some(pid) = words.get(pid_col).and_then(|p| p.parse().ok()) else {
            continue;
        };
        let Some(name) = words.last().filter(|_| words.len() > pid_col + 1) else {
            continue;
        };
        processes.push(ProcessInfo {
            pid,
            name: (*name).to_owned(),
            user: words.get(user_col).map(|u| (*u).to_owned()),
            rss_bytes: rss_col
                .and_then(|i| words.get(i))
                .and_then(|r| r.parse::<u64>().ok())
                .and_then(|kib| kib.checked_mul(1024)),
        });
        if processes.len() >= MAX_PROCESSES {
            break;
        }
    }
    processes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toybox_and_toolbox() {
        let toybox = parse(include_str!(
            "../../../tests/data/adb/ps/ps-A_mediatek_mt8168_tablet_android13.txt"
        ));
        assert_eq!(toybox.len(), 343);
        assert_eq!(
            toybox[0],
            ProcessInfo {
                pid: 1,
                name: "init".into(),
                user: Some("root".into()),
                rss_bytes: Some(14_648 * 1024),
            }
        );
        let toolbox = parse(include_str!(
            "../../../tests/data/adb/ps/ps_toolbox_awesome-adb_excerpt_elided.txt"
        ));
        assert!(toolbox.iter().all(|p| p.pid > 0));
        let sogou = toolbox.iter().find(|p| p.pid == 7779).unwrap();
        assert_eq!(sogou.name, "com.sohu.inputmethod.sogou:classic");
        assert_eq!(sogou.user.as_deref(), Some("u0_a71"));
        assert_eq!(sogou.rss_bytes, Some(48_896 * 1024));
    }

    #[test]
    fn garbage_yields_nothing() {
        assert!(parse("").is_empty());
        assert!(parse("USER PID NAME\n...\nroot x init\nroot 5\n").is_empty());
        assert!(parse("bad pid: /system/bin/sh: ps: not found").is_empty());
    }
}
