//! The eframe app: each frame it takes what joining and the session said (never waiting),
//! draws the phone's screen (uploading only what changed), the status bar and the chat, puts
//! the customer's mouse and keyboard into the phone, and sends the customer's commands.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use lifeline_protocol::i18n::{CivilDateTime, Localizer};
use lifeline_protocol::tr;
use tokio::sync::mpsc::error::TryRecvError;

use super::chat_panel::ChatPanel;
use super::model::SessionModel;
use super::phone_view::PhoneView;
use super::status_bar::{self, BarAction};
use super::{Stage, StageReceiver, waiting};
use crate::device::{ConsentPrompt, Device as _};
use crate::session::{AgentClock, CustomerCommand, CustomerEvent, Frontend, TrySendError};
use crate::sim::SimPhone;

/// Repaint this often while something moves (a touch, a fling, a changed screen).
const ANIMATION_FRAME: Duration = Duration::from_millis(16);
/// Otherwise look for news this often (the session's events arrive without waking the
/// window).
const POLL: Duration = Duration::from_millis(100);
/// Most commands kept while the session's queue is full.
const MAX_PENDING: usize = 32;

/// The window's title: "Lifeline — Alex support session".
pub(crate) fn title(loc: Localizer, technician: Option<&str>) -> String {
    match technician {
        Some(name) => tr!(loc, "window-title-named", who = name),
        None => tr!(loc, "window-title"),
    }
}

/// The window's look: light, with slightly larger text than egui's default.
pub fn style(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        for (text_style, font) in style.text_styles.iter_mut() {
            if *text_style != egui::TextStyle::Small {
                font.size += 1.0;
            }
        }
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
    });
}

/// The local time now, for chat lines, as `loc`'s language writes it ("3:07 PM", "15:07").
fn local_time(loc: Localizer) -> String {
    let now = chrono::Local::now();
    let at =
        CivilDateTime::from_unix_millis(now.timestamp_millis(), now.offset().local_minus_utc());
    loc.time(&at)
}

fn lock(phone: &Mutex<SimPhone>) -> MutexGuard<'_, SimPhone> {
    // A panic elsewhere while holding the phone leaves it usable for drawing.
    phone.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The desktop window's app.
#[derive(Debug)]
pub struct WindowApp {
    /// The simulated phone drawn in the window; `None` for a real phone (attached by USB),
    /// which the customer holds in their hand.
    phone: Option<Arc<Mutex<SimPhone>>>,
    clock: AgentClock,
    stages: Option<StageReceiver>,
    session: Option<Frontend>,
    model: SessionModel,
    phone_view: PhoneView,
    chat: ChatPanel,
    /// Commands the session's full queue did not take yet.
    pending: VecDeque<CustomerCommand>,
    /// The phone's render count at the last upload.
    uploaded: Option<u64>,
    title: String,
}

impl WindowApp {
    /// A window for `phone` that learns how joining goes from `stages`. `clock` is the one
    /// the session will use (the phone's time must not jump when it starts).
    pub fn new(phone: Arc<Mutex<SimPhone>>, clock: AgentClock, stages: StageReceiver) -> Self {
        // The simulated phone's language (its profile's locale, or `--lang`).
        let loc = Localizer::new(lock(&phone).language());
        Self::with_phone(Some(phone), clock, stages, loc)
    }

    /// A window for a real phone attached by USB: the chat, the status bar and the consent
    /// questions, and a note where the simulated phone would be. It speaks `loc`'s language
    /// (the phone's locale, or `--lang`).
    pub fn for_real_phone(clock: AgentClock, stages: StageReceiver, loc: Localizer) -> Self {
        Self::with_phone(None, clock, stages, loc)
    }

    fn with_phone(
        phone: Option<Arc<Mutex<SimPhone>>>,
        clock: AgentClock,
        stages: StageReceiver,
        loc: Localizer,
    ) -> Self {
        Self {
            phone,
            clock,
            stages: Some(stages),
            session: None,
            model: SessionModel::with_language(loc),
            phone_view: PhoneView::default(),
            chat: ChatPanel::default(),
            pending: VecDeque::new(),
            uploaded: None,
            title: title(loc, None),
        }
    }

    /// A window for a session that already runs (tests, or a caller that joined itself).
    pub fn with_session(phone: Arc<Mutex<SimPhone>>, frontend: Frontend) -> Self {
        let clock = frontend.clock;
        let (_, stages) = super::stages();
        let mut app = Self::new(phone, clock, stages);
        app.stages = None;
        app.session = Some(frontend);
        app.model.on_waiting();
        app
    }

    /// Shows events the caller read from the session before handing it to the window.
    pub fn replay(mut self, events: &[CustomerEvent]) -> Self {
        for event in events {
            self.model.on_event(event, &local_time(self.model.loc));
        }
        self
    }

    /// Where the phone was drawn in the last frame.
    pub fn phone_placement(&self) -> Option<super::phone_view::Placement> {
        self.phone_view.placement()
    }

    /// What the window shows about the session.
    pub fn model(&self) -> &SessionModel {
        &self.model
    }

    /// Queues `command` for the session, keeping it for the next frame if the queue is full.
    fn command(&mut self, command: CustomerCommand) {
        if self.pending.len() < MAX_PENDING {
            self.pending.push_back(command);
        }
        self.flush();
    }

    fn flush(&mut self) {
        let Some(session) = &self.session else {
            self.pending.clear();
            return;
        };
        while let Some(command) = self.pending.pop_front() {
            match session.commands.try_send(command.clone()) {
                Ok(()) => {}
                Err(TrySendError::Full) => {
                    self.pending.push_front(command);
                    return;
                }
                Err(TrySendError::Gone(_)) => {
                    self.pending.clear();
                    return;
                }
            }
        }
    }

    /// Takes what joining reported; `true` when the customer interrupted.
    fn take_stages(&mut self) -> bool {
        let Some(stages) = &mut self.stages else {
            return false;
        };
        let mut interrupted = false;
        loop {
            match stages.try_recv() {
                Ok(Stage::Joining(step)) => self.model.on_joining(&step),
                Ok(Stage::Waiting) => self.model.on_waiting(),
                Ok(Stage::Started(frontend)) => {
                    self.session = Some(frontend);
                    self.model.on_waiting();
                }
                Ok(Stage::Failed(err)) => self.model.on_join_failed(&err),
                Ok(Stage::Interrupted) => interrupted = true,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.stages = None;
                    if self.session.is_none() {
                        self.model.on_joining_stopped();
                    }
                    break;
                }
            }
        }
        interrupted
    }

    /// Takes the session's events.
    fn take_events(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        loop {
            match session.events.try_recv() {
                Ok(event) => self.model.on_event(&event, &local_time(self.model.loc)),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.model.on_events_closed(&local_time(self.model.loc));
                    break;
                }
            }
        }
    }

    /// Brings the phone up to now and uploads its screen if it was drawn anew. Returns
    /// whether the screen changed and when the phone next wants a tick.
    fn refresh_phone(&mut self, ctx: &egui::Context) -> (bool, Option<Duration>) {
        let now = self.clock.mono();
        let Some(phone) = &self.phone else {
            return (false, None);
        };
        let mut phone = lock(phone);
        let was_changed = phone.screen_changed();
        let drawn = phone.screen(now).is_some();
        let count = phone.render_count();
        let redrawn = drawn && self.uploaded != Some(count);
        if redrawn {
            // Drawn already: this returns the same image.
            if let Some(image) = phone.screen(now) {
                self.phone_view.upload(ctx, image);
            }
            self.uploaded = Some(count);
        }
        let next_tick = phone.next_tick();
        drop(phone);
        if was_changed && let Some(session) = &self.session {
            // Drawing cleared the phone's "changed" flag: the session must look again.
            session.commands.device_changed();
        }
        (redrawn, next_tick.map(|at| at.saturating_sub(now)))
    }

    fn inject(&mut self, events: &[lifeline_protocol::messages::input::InputEvent]) {
        if events.is_empty() {
            return;
        }
        let now = self.clock.mono();
        let Some(phone) = &self.phone else {
            return;
        };
        let mut phone = lock(phone);
        for event in events {
            if let Err(err) = phone.inject(event, now) {
                tracing::debug!(%err, "the customer's input was not applied");
            }
        }
        drop(phone);
        if let Some(session) = &self.session {
            session.commands.device_changed();
        }
    }

    fn leave_and_close(&mut self, ctx: &egui::Context) {
        if self.session.is_some() && !self.model.is_over() {
            self.command(CustomerCommand::Exit);
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// The central panel for a real phone: the open question, if any, with its two buttons;
/// else a note. Returns the customer's answer.
fn real_phone_ui(
    ui: &mut egui::Ui,
    prompt: Option<&ConsentPrompt>,
    loc: Localizer,
) -> Option<CustomerCommand> {
    let mut answer = None;
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.3).max(12.0));
        let Some(prompt) = prompt else {
            ui.label(egui::RichText::new(tr!(loc, "window-real-phone-note")).size(16.0));
            return;
        };
        ui.heading(prompt.title(loc));
        ui.add_space(6.0);
        ui.label(prompt.body(loc));
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            let reply = |allow| CustomerCommand::AnswerPrompt {
                capability: prompt.capability,
                allow,
            };
            if ui.button(prompt.deny_label(loc)).clicked() {
                answer = Some(reply(false));
            }
            if ui.button(prompt.allow_label(loc)).clicked() {
                answer = Some(reply(true));
            }
        });
    });
    answer
}

impl eframe::App for WindowApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let interrupted = self.take_stages();
        self.take_events();
        self.flush();
        if interrupted || ctx.input(|i| i.viewport().close_requested()) {
            self.leave_and_close(&ctx);
        }
        if let Some(name) = &self.model.technician {
            let wanted = title(self.model.loc, Some(name));
            if wanted != self.title {
                ctx.send_viewport_cmd(egui::ViewportCommand::Title(wanted.clone()));
                self.title = wanted;
            }
        }

        let (redrawn, next_tick) = self.refresh_phone(&ctx);
        let frame_size = self.phone.as_ref().map(|phone| lock(phone).frame_size());

        let mut bar_action = None;
        egui::Panel::top("status-bar")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(12, 8)),
            )
            .show(ui, |ui| {
                bar_action = status_bar::ui(ui, &self.model);
            });
        let mut message = None;
        egui::Panel::right("chat")
            .resizable(true)
            .default_size(380.0)
            .min_size(280.0)
            .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::same(12)))
            .show(ui, |ui| {
                if !self.model.is_live() && self.model.lines.is_empty() {
                    waiting::ui(ui, &self.model);
                } else {
                    message = self.chat.ui(ui, &self.model);
                }
            });
        let mut input = Vec::new();
        let mut answer = None;
        let at = self.clock.mono();
        let dim = self.model.is_over();
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).fill(egui::Color32::from_gray(232)))
            .show(ui, |ui| match frame_size {
                Some(frame_size) => input = self.phone_view.ui(ui, frame_size, at, dim),
                None => answer = real_phone_ui(ui, self.model.prompts.first(), self.model.loc),
            });
        if let Some(answer) = answer {
            self.command(answer);
        }

        if let Some(text) = message {
            self.command(CustomerCommand::SendChat(text));
        }
        match bar_action {
            Some(BarAction::Command(command)) => self.command(command),
            Some(BarAction::Close) => self.leave_and_close(&ctx),
            None => {}
        }
        let injected = !input.is_empty();
        self.inject(&input);

        let next = if injected || redrawn || self.phone_view.touching() {
            ANIMATION_FRAME
        } else {
            next_tick.map_or(POLL, |t| t.clamp(Duration::from_millis(1), POLL))
        };
        ctx.request_repaint_after(next);
    }
}
