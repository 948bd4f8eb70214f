//! Tests of `logs`.

use super::*;
use crate::sim::profile::default_profile;

fn book() -> LogBook {
    LogBook::new(default_profile(), WallClock::new(true))
}

#[test]
fn logcat_has_exactly_the_requested_size() {
    for size in [MIN_LOG_SIZE, 5000, 100_000, 300_001] {
        let mut b = book();
        b.set_size(size);
        for i in 0..30 {
            b.event(
                Duration::from_secs(i),
                4127,
                4127,
                Level::Info,
                "Test",
                format!("event {i}"),
            );
        }
        let files = b.files(Duration::from_secs(60));
        assert_eq!(files[0].bytes.len(), size, "size {size}");
        let text = String::from_utf8(files[0].bytes.clone()).unwrap();
        assert!(text.ends_with('\n'));
    }
}

#[test]
fn events_keep_their_order_and_text_is_ascii() {
    let mut b = book();
    b.event(
        Duration::from_secs(2),
        1,
        1,
        Level::Warn,
        "Late",
        "second".into(),
    );
    b.event(
        Duration::from_secs(1),
        1,
        1,
        Level::Info,
        "Early",
        "first ü\n".into(),
    );
    let text = String::from_utf8(b.files(Duration::from_secs(3))[0].bytes.clone()).unwrap();
    let first = text.find("first ?").unwrap();
    let second = text.find("second").unwrap();
    assert!(first < second);
    assert!(text.contains(" W Late    : second\n"));
}
