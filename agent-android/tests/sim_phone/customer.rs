//! What the customer does: typing, consent dialogs, the support chat and stopping the share.

use super::*;

#[test]
fn typed_text_goes_into_the_focused_messages_field_and_its_pixels() {
    let mut d = Driver::new("samsung");
    d.tap_target(Target::AppIcon(AppId::Messages));
    d.type_text("ignored: nothing has focus");
    assert_eq!(d.phone.ui().focused_text, None);
    d.tap_target(Target::TextField);
    assert_eq!(d.phone.ui().focused_text.as_deref(), Some(""));
    let (fx, fy) = d.phone.locate(Target::TextField).unwrap();
    let before = d.frame();
    d.type_text("Hello from the sim");
    assert_eq!(
        d.phone.ui().focused_text.as_deref(),
        Some("Hello from the sim")
    );
    let after = d.frame();
    assert!(region_differs(&before, &after, 60, fy - 30, fx - 60, 60));
    // Nothing else moved.
    assert_eq!(before.row(300), after.row(300));

    d.type_text("!\u{8}?");
    let sent_before = d.phone.ui().messages.len();
    d.tap_target(Target::SendButton);
    let ui = d.phone.ui();
    assert_eq!(ui.messages.len(), sent_before + 1);
    let last = ui.messages.last().unwrap();
    assert!(last.outgoing);
    assert_eq!(last.text, "Hello from the sim?");
    assert_eq!(ui.focused_text.as_deref(), Some(""));
    // Enter sends too.
    d.type_text("second\n");
    assert_eq!(d.phone.ui().messages.last().unwrap().text, "second");
}

#[test]
fn consent_dialog_answers_come_back() {
    let mut d = Driver::new("samsung");
    let before = d.frame();
    d.phone
        .show_prompt(ConsentPrompt::new(Capability::Diagnostics, "Alex"));
    d.phone
        .show_prompt(ConsentPrompt::new(Capability::LogFiles, "Alex"));
    assert_eq!(d.phone.ui().dialog, Some(Capability::Diagnostics));
    let dialog = d.frame();
    // The screen behind is dimmed; the card is white.
    let (b, a) = (px(&before, 540, 400), px(&dialog, 540, 400));
    assert!(
        (0..3).all(|i| u16::from(a[i]) * 10 < u16::from(b[i]) * 7),
        "{b:?} -> {a:?}"
    );
    let (ax, ay) = d.phone.locate(Target::DialogAllow).unwrap();
    let (dx, dy) = d.phone.locate(Target::DialogDeny).unwrap();
    assert_eq!(ay, dy);
    assert!(dx < ax);
    // The dialog is modal: taps elsewhere do nothing, keys do not reach the app below.
    d.tap(540, 2000);
    assert_eq!(d.phone.take_prompt_answer(), None);
    d.tap_target(Target::DialogAllow);
    assert_eq!(
        d.phone.take_prompt_answer(),
        Some(PromptAnswer {
            capability: Capability::Diagnostics,
            allowed: true
        })
    );
    assert_eq!(d.phone.ui().dialog, Some(Capability::LogFiles));
    d.tap_target(Target::DialogDeny);
    assert_eq!(
        d.phone.take_prompt_answer(),
        Some(PromptAnswer {
            capability: Capability::LogFiles,
            allowed: false
        })
    );
    assert_eq!(d.phone.ui().dialog, None);
    // Back on a dialog denies; withdrawn prompts simply go away.
    d.phone
        .show_prompt(ConsentPrompt::new(Capability::RemoteControl, "Alex"));
    d.key(Key::Back);
    assert_eq!(d.phone.take_prompt_answer().map(|a| a.allowed), Some(false));
    d.phone
        .show_prompt(ConsentPrompt::new(Capability::ScreenView, "Alex"));
    d.phone.dismiss_prompts();
    assert_eq!(
        (d.phone.ui().dialog, d.phone.take_prompt_answer()),
        (None, None)
    );
    assert_eq!(d.frame(), before);
}

#[test]
fn support_chat_and_stop_sharing_reach_the_agent() {
    let mut d = Driver::new("samsung");
    d.phone
        .show_chat("Alex", "Hi, I'm Alex. Can you open Settings?", d.now);
    let ui = d.phone.ui();
    assert_eq!(ui.support_chat.len(), 1);
    assert!(!ui.support_chat[0].outgoing);
    d.tap_target(Target::AppIcon(AppId::Lifeline));
    d.tap_target(Target::TextField);
    d.type_text("Sure, one moment\n");
    assert_eq!(
        d.phone.take_chat_reply().as_deref(),
        Some("Sure, one moment")
    );
    assert_eq!(d.phone.take_chat_reply(), None);

    d.phone.set_sharing_indicator(true);
    assert!(d.phone.ui().sharing_indicator);
    d.drag((540, 10), (540, 1800), 10, 16, true);
    d.tap_target(Target::StopSharing);
    assert_eq!(
        d.phone.take_customer_action(),
        Some(CustomerAction::StopSharing)
    );
    d.phone
        .show_notice("Alex read your device information", d.now);
    assert_eq!(
        d.phone.ui().toast.as_deref(),
        Some("Alex read your device information")
    );
    d.wait(4000);
    assert_eq!(d.phone.ui().toast, None);
}
