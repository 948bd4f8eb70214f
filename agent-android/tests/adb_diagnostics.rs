//! The adb phone's diagnostics and logs against the stand-in `adb`, when the phone is slow
//! or old: a command that hangs costs only its part of the report, and an old logcat that
//! refuses a comma list of buffers is asked again with `-b` repeated.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod adb_stand_in;

use std::time::{Duration, Instant};

use adb_stand_in::{SERIAL, StandIn, answer_diagnostics, data, open};
use lifeline_agent_android::device::Device;

fn read(path: &str) -> String {
    std::fs::read_to_string(data(path)).unwrap()
}

#[test]
fn a_hanging_command_costs_only_its_part_of_the_report() {
    let stand_in = StandIn::new();
    answer_diagnostics(&stand_in);
    let mut phone = open(&stand_in).unwrap();
    let full = phone.diagnostics(Duration::ZERO);
    assert_eq!(full.network.wifi_ssid.as_deref(), Some("AndroidWifi"));
    assert!(full.storage.total_bytes.is_some());

    // `dumpsys wifi` (run alone) and `df` (in the quick trip) hang.
    stand_in.slow("dumpsys wifi", 30.0);
    stand_in.slow("df", 30.0);
    let limit = Duration::from_secs(2);
    phone.set_diagnostics_limit(limit);
    let started = Instant::now();
    let report = phone.diagnostics(Duration::ZERO);
    let took = started.elapsed();
    // df's trip is cut at the limit, the rest of it runs in a second trip, wifi waits
    // alongside: well under the 30 s they hang for.
    assert!(took < limit * 3, "{took:?}");
    assert_eq!(report.network.wifi_ssid, None, "wifi is left out");
    assert_eq!(report.storage.total_bytes, None, "storage is left out");
    // Everything else is there: before df in its trip, after it, and the other slow ones.
    assert_eq!(report.device.model.as_deref(), Some("SM-S936B"));
    assert_eq!(report.battery.level_percent, Some(75));
    assert_eq!(report.memory.total_bytes, Some(3_681_628 * 1024));
    assert_eq!(report.display.density_dpi, Some(600));
    assert_eq!(report.uptime_secs, Some(5000));
    assert_eq!(report.cpu.cores, Some(8));
    assert_eq!(report.processes.len(), full.processes.len());
    assert_eq!(report.apps.len(), 2);
    let log = stand_in.log();
    assert!(
        log.iter()
            .any(|l| l == &format!("adb -s {SERIAL} shell dumpsys wifi 2>&1")),
        "a slow command runs alone: {log:#?}"
    );
}

#[test]
fn an_old_logcat_gets_its_buffers_one_by_one_then_fewer() {
    let stand_in = StandIn::new();
    let logcat = read("logcat/logcat_threadtime_loghub_android_v1_first300.txt");
    stand_in.file("logcat.txt", logcat.as_bytes());
    // Android 5 before comma lists: main, system and crash, no events.
    stand_in.file("logcat_buffers", b"main\nsystem\ncrash\n");
    let mut phone = open(&stand_in).unwrap();
    let files = phone.logs(Duration::ZERO);
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["logcat.txt"], "the events buffer is refused");
    assert_eq!(files[0].bytes, logcat.as_bytes());
    let tries = |log: Vec<String>| -> Vec<String> {
        log.iter()
            .filter_map(|l| l.split_once("logcat -d -v threadtime"))
            .map(|(_, buffers)| buffers.trim().to_owned())
            .collect()
    };
    assert_eq!(
        tries(stand_in.log()),
        [
            "-b main,system,crash",
            "-b main -b system -b crash",
            "-b events"
        ]
    );

    // Android 4: no crash buffer either; events there.
    std::fs::remove_file(stand_in.log_path()).unwrap();
    stand_in.file("logcat_buffers", b"main\nsystem\nevents\n");
    let files = phone.logs(Duration::ZERO);
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["logcat.txt", "logcat-events.txt"]);
    assert_eq!(
        tries(stand_in.log()),
        [
            "-b main,system,crash",
            "-b main -b system -b crash",
            "-b main -b system",
            "-b events"
        ]
    );

    // A logcat that knows none of them: the default buffers, with no -b at all.
    std::fs::remove_file(stand_in.log_path()).unwrap();
    stand_in.file("logcat_buffers", b"radio\n");
    let files = phone.logs(Duration::ZERO);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].bytes, logcat.as_bytes());
    assert_eq!(tries(stand_in.log()).len(), 5);
    assert_eq!(tries(stand_in.log())[3], "");
}
