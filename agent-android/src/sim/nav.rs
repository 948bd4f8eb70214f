//! Android's task model: opening apps, back stacks, Back, Home and Recents.

use std::time::Duration;

use super::apps::AppId;
use super::logs::Level;
use super::state::{PID_SYSTEM_SERVER, PageState, PhoneState, Shade, Task, View};
use super::ui::{Page, SettingsPage};

impl PhoneState {
    /// Brings `app` to the front, starting it if needed.
    pub(crate) fn open_app(&mut self, app: AppId) {
        self.close_transients();
        let now = self.now;
        let pkg = app.package(self.profile);
        if !self.pids.contains_key(&app) {
            let pid = self.next_pid;
            self.next_pid += 37;
            self.pids.insert(app, pid);
            self.log.event(
                now,
                PID_SYSTEM_SERVER,
                PID_SYSTEM_SERVER + 41,
                Level::Info,
                "ActivityManager",
                format!(
                    "Start proc {pid}:{pkg}/u0a{} for pre-top-activity {{{pkg}/{pkg}{}}}",
                    100 + app as u32,
                    app.activity()
                ),
            );
        }
        let existing = self.tasks.iter().position(|t| t.app == app);
        let task = match existing {
            Some(i) => self.tasks.remove(i),
            None => Task {
                app,
                stack: vec![PageState::new(Page::Main)],
            },
        };
        self.tasks.insert(0, task);
        self.view = View::App;
        self.log.event(
            now,
            PID_SYSTEM_SERVER,
            PID_SYSTEM_SERVER + 12,
            Level::Info,
            "ActivityTaskManager",
            format!(
                "START u0 {{act=android.intent.action.MAIN cat=[android.intent.category.LAUNCHER] flg=0x10200000 cmp={pkg}/{}}} from uid 10{}",
                app.activity(),
                if existing.is_some() { 101 } else { 100 }
            ),
        );
        self.log.event(
            now + Duration::from_millis(180 + app as u64 * 17),
            PID_SYSTEM_SERVER,
            PID_SYSTEM_SERVER + 29,
            Level::Info,
            "ActivityTaskManager",
            format!(
                "Displayed {pkg}/{}: +{}ms",
                app.activity(),
                180 + app as u64 * 17
            ),
        );
        self.dirty = true;
    }

    /// Opens a Settings detail page on top of the Settings list.
    pub(crate) fn open_settings_page(&mut self, page: SettingsPage) {
        if self.foreground_app() != Some(AppId::Settings) {
            self.open_app(AppId::Settings);
        }
        if let Some(task) = self.tasks.first_mut() {
            task.stack.push(PageState::new(Page::Settings(page)));
        }
        let pid = self.pid_of(AppId::Settings).unwrap_or(0);
        self.log.event(
            self.now,
            pid,
            pid,
            Level::Debug,
            "SettingsActivity",
            format!("Switching to fragment {page:?}"),
        );
        self.dirty = true;
    }

    pub(crate) fn go_home(&mut self) {
        self.close_transients();
        if self.view != View::Launcher {
            self.view = View::Launcher;
            self.log.event(
                self.now,
                PID_SYSTEM_SERVER,
                PID_SYSTEM_SERVER + 12,
                Level::Info,
                "ActivityTaskManager",
                format!(
                    "START u0 {{act=android.intent.action.MAIN cat=[android.intent.category.HOME] flg=0x10200000 cmp={}/.Launcher}} from uid 10{}",
                    self.profile.launcher_package, 3
                ),
            );
        }
        self.dirty = true;
    }

    /// Android's Back: closes the innermost thing.
    pub(crate) fn go_back(&mut self) {
        self.dirty = true;
        if self.prompts.front().is_some() {
            self.answer_prompt(false);
            return;
        }
        if self.shade.pull > 0 {
            self.shade = Shade::default();
            return;
        }
        if self.popup.take().is_some() {
            return;
        }
        match self.view {
            View::Launcher => {}
            View::Recents => {
                self.view = if self.tasks.is_empty() {
                    View::Launcher
                } else {
                    View::App
                };
            }
            View::App => {
                let Some(task) = self.tasks.first_mut() else {
                    self.view = View::Launcher;
                    return;
                };
                if task.stack.len() > 1 {
                    task.stack.pop();
                } else {
                    // At an app's root, Back leaves the task in Recents and shows home.
                    self.focus = None;
                    self.view = View::Launcher;
                }
            }
        }
    }

    /// The Recents key: opens the overview, or from the overview returns to the last app.
    pub(crate) fn toggle_recents(&mut self) {
        self.close_transients();
        if self.view == View::Recents {
            self.view = if self.tasks.is_empty() {
                View::Launcher
            } else {
                View::App
            };
        } else {
            self.view = View::Recents;
            self.recents_scroll.set_offset(0);
        }
        self.dirty = true;
    }

    pub(crate) fn clear_recents(&mut self) {
        for task in std::mem::take(&mut self.tasks) {
            if let Some(pid) = self.pid_of(task.app) {
                self.log.event(
                    self.now,
                    PID_SYSTEM_SERVER,
                    PID_SYSTEM_SERVER + 47,
                    Level::Info,
                    "ActivityManager",
                    format!(
                        "Killing {pid}:{}/u0a{} (adj 900): remove task",
                        task.app.package(self.profile),
                        100 + task.app as u32
                    ),
                );
            }
        }
        self.pids.retain(|app, _| *app == AppId::Lifeline);
        self.view = View::Launcher;
        self.dirty = true;
    }
}
