//! The Lifeline app on the simulated phone: its chat's title and status line, and who the
//! technician is, in the phone's language.

use lifeline_protocol::tr;

use crate::sim::state::PhoneState;

impl PhoneState {
    /// Who the technician is, in the phone's language until their name is known.
    pub(crate) fn technician_name(&self) -> String {
        match &self.technician {
            Some(name) => name.clone(),
            None => tr!(self.loc, "agent-someone"),
        }
    }

    /// Words the Lifeline chat's title and status line in the phone's language; called
    /// when the language or the technician changes.
    pub(crate) fn label_support(&mut self) {
        self.support.contact = tr!(self.loc, "sim-lifeline-title");
        // The product's initial, whatever the language says around its name.
        self.support.avatar = "L".to_owned();
        self.support.status = match (&self.technician, self.chatting) {
            (Some(name), true) => tr!(self.loc, "sim-lifeline-chatting", who = name.as_str()),
            _ => tr!(self.loc, "sim-lifeline-waiting"),
        };
    }
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::i18n::{Language, Localizer};

    use super::*;
    use crate::sim::apps::conversation::ConversationLayout;
    use crate::sim::profile::{profile, profiles};
    use crate::sim::render::text::{TextCache, TextStyle};

    #[test]
    fn the_phone_words_its_lifeline_chat_as_the_technician_writes_and_languages_change() {
        use std::time::Duration;

        use crate::device::Device as _;
        use crate::sim::SimPhone;

        let mut phone = SimPhone::with_profile("pixel").unwrap();
        assert_eq!(phone.state.support.contact, "Lifeline support");
        phone.set_language(Language::Fr);
        assert_eq!(phone.state.support.contact, "Assistance Lifeline");
        phone.show_chat("Alex", "Bonjour", Duration::from_secs(1));
        assert_eq!(phone.state.support.status, "Discussion avec Alex");
        phone.set_language(Language::Es);
        assert_eq!(phone.state.support.status, "Chat con Alex");
    }

    #[test]
    fn the_lifeline_app_speaks_the_phones_language() {
        // The "old" profile is a French phone.
        let mut s = PhoneState::new(profile("old").unwrap());
        assert_eq!(s.loc.language(), Language::Fr);
        assert_eq!(s.support.contact, "Assistance Lifeline");
        assert_eq!(s.support.status, "En attente d'un technicien");
        assert_eq!(s.technician_name(), "Le technicien");
        s.technician = Some("Alex".into());
        s.chatting = true;
        s.label_support();
        assert_eq!(s.support.status, "Discussion avec Alex");
        assert_eq!(s.technician_name(), "Alex");
        s.loc = Localizer::new(Language::Es);
        s.label_support();
        assert_eq!(s.support.contact, "Soporte de Lifeline");
        assert_eq!(s.support.avatar, "L");
        assert_eq!(s.support.status, "Chat con Alex");
    }

    /// Every language's title, status line and text-field hint fit across every profile's
    /// screen, with a long technician name.
    #[test]
    fn the_lifeline_chat_words_fit_on_every_phone() {
        let mut text = TextCache::new();
        for profile in profiles() {
            for language in Language::ALL {
                let mut s = PhoneState::new(profile);
                s.loc = Localizer::new(language);
                s.technician = Some("Alexandre Delacroix".into());
                s.chatting = true;
                s.label_support();
                let m = s.metrics();
                let l = ConversationLayout::new(&m);
                let room = m.w - l.name_x - m.margin();
                let lines = [
                    (&s.support.contact, TextStyle::medium(m.sp(18.0))),
                    (&s.support.status, TextStyle::regular(m.sp(13.0))),
                ];
                for (line, style) in lines {
                    let width = text.measure(line, style);
                    assert!(width > 0 && width <= room, "{}: {line:?}", profile.name);
                }
                let hint = tr!(s.loc, "sim-text-message");
                let field = l.field.w - 2 * ConversationLayout::field_pad(&m);
                let width = text.measure(&hint, TextStyle::regular(m.sp(16.0)));
                assert!(width <= field, "{}: {hint:?}", profile.name);
            }
        }
    }
}
