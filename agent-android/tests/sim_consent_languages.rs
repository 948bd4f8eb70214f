//! The simulated phone's consent dialog in English, French and Spanish, compared with the
//! committed pictures in `tests/snapshots/consent_<lang>.png` (the dialog card, cropped).
//! `UPDATE_SNAPSHOTS=1` rewrites them after an intended change.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use common::Driver;
use lifeline_agent_android::Capability;
use lifeline_agent_android::device::{ConsentPrompt, Device};
use lifeline_agent_android::sim::{SimPhone, Target};
use lifeline_protocol::i18n::Language;
use lifeline_protocol::video::RgbaImage;

const WHITE: [u8; 4] = [255, 255, 255, 255];

fn pixel(img: &RgbaImage, x: u32, y: u32) -> [u8; 4] {
    let i = (y as usize * img.width() as usize + x as usize) * 4;
    let d = img.data();
    [d[i], d[i + 1], d[i + 2], d[i + 3]]
}

/// The dialog's white card: the rows where the middle column is white, and the columns of
/// the card's first white row inside.
fn card(img: &RgbaImage) -> (u32, u32, u32, u32) {
    let mid = img.width() / 2;
    let rows: Vec<u32> = (0..img.height())
        .filter(|&y| pixel(img, mid, y) == WHITE)
        .collect();
    let (top, bottom) = (rows[0], *rows.last().unwrap());
    let probe = top + (bottom - top) / 2;
    let cols: Vec<u32> = (0..img.width())
        .filter(|&x| pixel(img, x, probe) == WHITE)
        .collect();
    (cols[0], top, *cols.last().unwrap() + 1, bottom + 1)
}

fn crop(img: &RgbaImage, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> image::RgbaImage {
    image::RgbaImage::from_fn(x1 - x0, y1 - y0, |x, y| {
        image::Rgba(pixel(img, x0 + x, y0 + y))
    })
}

/// The Diagnostics dialog on a Pixel speaking `language`.
fn dialog(language: Language) -> (Driver, image::RgbaImage) {
    let mut d = Driver::new("pixel");
    d.phone.set_language(language);
    d.phone
        .show_prompt(ConsentPrompt::new(Capability::Diagnostics, "Alex"));
    let frame = d.frame();
    let card = crop(&frame, card(&frame));
    // Half size keeps the committed pictures small and still readable.
    let (w, h) = (card.width() / 2, card.height() / 2);
    let card = image::imageops::resize(&card, w, h, image::imageops::FilterType::Triangle);
    (d, card)
}

fn snapshot_path(language: Language) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("consent_{language}.png"))
}

/// Pixels whose channels differ by more than a little.
fn differing_pixels(a: &image::RgbaImage, b: &image::RgbaImage) -> usize {
    a.pixels()
        .zip(b.pixels())
        .filter(|(p, q)| p.0.iter().zip(q.0).any(|(x, y)| x.abs_diff(y) > 16))
        .count()
}

#[test]
fn the_consent_dialog_matches_its_picture_in_every_language() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    for language in Language::ALL {
        let (_, card) = dialog(language);
        let path = snapshot_path(language);
        if update || !path.exists() {
            card.save(&path).unwrap();
            continue;
        }
        let expected = image::open(&path).unwrap().to_rgba8();
        if expected.dimensions() != card.dimensions() {
            failures.push(format!(
                "{language}: card is {:?}, picture is {:?}",
                card.dimensions(),
                expected.dimensions()
            ));
        } else if differing_pixels(&expected, &card) > 0 {
            let new = path.with_extension("new.png");
            card.save(&new).unwrap();
            failures.push(format!("{language}: differs, see {}", new.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_language_draws_its_own_words_and_long_titles_wrap() {
    let (_, en) = dialog(Language::En);
    let (_, fr) = dialog(Language::Fr);
    let (_, es) = dialog(Language::Es);
    assert_ne!(en, fr);
    assert_ne!(fr, es);
    // « Partager les informations sur le périphérique ? » takes two lines on a phone; the
    // card grows rather than letting the title run off it.
    assert!(
        fr.height() > en.height(),
        "{} vs {}",
        fr.height(),
        en.height()
    );
    assert!(
        es.height() > en.height(),
        "{} vs {}",
        es.height(),
        en.height()
    );
    assert!(fr.width() == en.width() && es.width() == en.width());
}

#[test]
fn buttons_stay_on_the_card_and_answer_in_every_language() {
    for language in Language::ALL {
        let (mut d, _) = dialog(language);
        let frame = d.frame();
        let (x0, y0, x1, y1) = card(&frame);
        for target in [Target::DialogAllow, Target::DialogDeny] {
            let (x, y) = d.phone.locate(target).unwrap();
            assert!(
                (x0..x1).contains(&x) && (y0..y1).contains(&y),
                "{language}: {target:?} at ({x}, {y}) is off the card {x0}..{x1} × {y0}..{y1}"
            );
        }
        d.tap_target(Target::DialogAllow);
        let answer = d.phone.take_prompt_answer().unwrap();
        assert!(answer.allowed, "{language}");
    }
}

#[test]
fn the_profile_locale_picks_the_language_and_lang_overrides_it() {
    // The "old" profile is set to French.
    let phone = SimPhone::with_profile("old").unwrap();
    assert_eq!(phone.language(), Language::Fr);
    // The "xiaomi" profile is set to Spanish (Spain).
    let phone = SimPhone::with_profile("xiaomi").unwrap();
    assert_eq!(phone.summary().locale.as_deref(), Some("es-ES"));
    assert_eq!(phone.language(), Language::Es);
    let mut phone = SimPhone::with_profile("samsung").unwrap();
    assert_eq!(phone.language(), Language::En);
    phone.set_language(Language::Es);
    assert_eq!(phone.language(), Language::Es);
    // A locale Lifeline does not speak falls back to English.
    let lg = SimPhone::with_profile("lg").unwrap();
    assert_eq!(lg.summary().locale.as_deref(), Some("de-DE"));
    assert_eq!(lg.language(), Language::En);
}
