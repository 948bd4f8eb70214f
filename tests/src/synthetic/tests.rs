//! Tests of `synthetic`.

use super::*;

#[test]
fn same_input_draws_same_pixels() {
    let a = PhoneScreen::new(270, 600).unwrap();
    let b = PhoneScreen::new(270, 600).unwrap();
    assert_eq!(a.render_list(37), b.render_list(37));
    assert_eq!(a.render_list(37), a.render_list(37));
    assert_eq!(a.render_with_caret(true), b.render_with_caret(true));
    assert_eq!(a.render_launcher(), b.render_launcher());
}

#[test]
fn scrolling_16_px_shifts_the_list_by_16_rows() {
    let phone = PhoneScreen::new(270, 600).unwrap();
    let rows = phone.list_rows();
    for offset in [0, 150, 1000] {
        let before = phone.render_list(offset);
        let after = phone.render_list(offset + 16);
        assert_ne!(before, after);
        for y in rows.start..rows.end - 16 {
            assert_eq!(
                after.row(y),
                before.row(y + 16),
                "row {y} at offset {offset}"
            );
        }
        for y in (0..rows.start).chain(rows.end..phone.height()) {
            assert_eq!(after.row(y), before.row(y), "fixed row {y}");
        }
    }
}

#[test]
fn full_size_scroll_shift_holds_too() {
    let phone = PhoneScreen::new(PHONE_WIDTH, PHONE_HEIGHT).unwrap();
    let rows = phone.list_rows();
    assert!(rows.end - rows.start > 1500, "list region {rows:?}");
    let before = phone.render_list(320);
    let after = phone.render_list(336);
    for y in rows.start..rows.end - 16 {
        assert_eq!(after.row(y), before.row(y + 16), "row {y}");
    }
}

#[test]
fn caret_changes_only_a_thin_column() {
    let phone = PhoneScreen::new(PHONE_WIDTH, PHONE_HEIGHT).unwrap();
    let on = phone.render_with_caret(true);
    let off = phone.render_with_caret(false);
    let mut changed_columns = std::collections::BTreeSet::new();
    let mut changed_rows = std::collections::BTreeSet::new();
    for y in 0..phone.height() {
        for x in 0..phone.width() {
            if on.pixel(x, y) != off.pixel(x, y) {
                changed_columns.insert(x);
                changed_rows.insert(y);
            }
        }
    }
    assert_eq!(changed_columns.len(), 4);
    assert!(
        (40..=80).contains(&changed_rows.len()),
        "{}",
        changed_rows.len()
    );
}

#[test]
fn text_has_intermediate_grey_levels() {
    let phone = PhoneScreen::new(PHONE_WIDTH, PHONE_HEIGHT).unwrap();
    let img = phone.render_list(0);
    // Across the first row's title, right of the avatar: white, the text color and
    // anti-aliasing levels in between.
    let y = phone.list_rows().start + 60;
    let colors: std::collections::BTreeSet<[u8; 4]> =
        (200..900).filter_map(|x| img.pixel(x, y)).collect();
    assert!(colors.contains(&WHITE));
    assert!(colors.contains(&TEXT), "{colors:?}");
    assert!(colors.len() >= 4, "{colors:?}");
}

#[test]
fn screens_differ_and_are_opaque() {
    let phone = PhoneScreen::new(270, 600).unwrap();
    let list = phone.render_list(0);
    let launcher = phone.render_launcher();
    assert_ne!(list, launcher);
    assert_ne!(phone.render_with_caret(false), list);
    for img in [&list, &launcher] {
        assert!(img.data().chunks_exact(4).all(|p| p[3] == 255));
    }
}

#[test]
fn tiny_and_odd_sizes_do_not_panic() {
    for (w, h) in [(1, 1), (3, 7), (64, 64), (1079, 2399)] {
        let phone = PhoneScreen::new(w, h).unwrap();
        let _ = phone.render_list(17);
        let _ = phone.render_with_caret(true);
        let _ = phone.render_launcher();
    }
    assert!(PhoneScreen::new(0, 10).is_err());
}
