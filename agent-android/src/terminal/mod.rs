//! The terminal frontend of `lifeline-agent join`: prints the technician's chat and the
//! session's events, sends typed lines as chat, asks consent questions as `[y/N]` lines,
//! and leaves on `exit`, end of input (on a terminal) or Ctrl-C. Works without a TTY: tests
//! drive it through pipes.

mod stdin;
mod view;

use std::io::{self, Write};

use lifeline_protocol::i18n::Localizer;
use tokio::sync::mpsc;

use crate::session::{CustomerEvent, Frontend};

pub use stdin::spawn_stdin_reader;
pub use view::{LineOutcome, TerminalView, help};

/// What arrives from the customer's side of the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TerminalInput {
    /// A typed line, without its line ending.
    Line(String),
    /// Standard input ended.
    Eof,
    /// Ctrl-C.
    Interrupt,
}

/// How the terminal behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TerminalOptions {
    /// Standard input is a person at a terminal: its end (Ctrl-D) leaves the session. When
    /// input is piped, its end only means nothing more will be typed.
    pub interactive: bool,
    /// The language of what is printed.
    pub loc: Localizer,
}

/// Runs the terminal until the session ends: events from `frontend` are printed to `out`,
/// `input` becomes commands.
pub async fn run<W: Write>(
    mut frontend: Frontend,
    mut input: mpsc::Receiver<TerminalInput>,
    mut out: W,
    options: TerminalOptions,
) -> io::Result<()> {
    let mut view = TerminalView::new(options.loc);
    let mut input_open = true;
    loop {
        tokio::select! {
            // What the session said is shown (and a question asked) before the next line is
            // read, so a line answers the question already on screen.
            biased;
            event = frontend.events.recv() => {
                let Some(event) = event else {
                    return Ok(());
                };
                print(&mut out, &view.on_event(&event))?;
                if matches!(event, CustomerEvent::Ended { .. }) {
                    return Ok(());
                }
            }
            typed = input.recv(), if input_open => {
                let outcome = match typed {
                    Some(TerminalInput::Line(line)) => view.on_line(&line),
                    Some(TerminalInput::Interrupt) => view.on_line("exit"),
                    Some(TerminalInput::Eof) | None => {
                        input_open = false;
                        if options.interactive {
                            view.on_line("exit")
                        } else {
                            LineOutcome::default()
                        }
                    }
                };
                print(&mut out, &outcome.lines)?;
                for command in outcome.commands {
                    if frontend.commands.send(command).await.is_err() {
                        // The session is over; its `Ended` event is on the way.
                        break;
                    }
                }
            }
        }
    }
}

fn print<W: Write>(out: &mut W, lines: &[String]) -> io::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    for line in lines {
        writeln!(out, "{line}")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use lifeline_protocol::consent::Capability;
    use lifeline_protocol::messages::Party;
    use lifeline_protocol::messages::control::EndReason;

    use super::*;
    use crate::device::ConsentPrompt;
    use crate::session::{AgentClock, CommandSender, CustomerCommand};

    struct Harness {
        events: mpsc::Sender<CustomerEvent>,
        commands: mpsc::Receiver<CustomerCommand>,
        input: mpsc::Sender<TerminalInput>,
        task: tokio::task::JoinHandle<Vec<u8>>,
    }

    fn harness(interactive: bool) -> Harness {
        let (events, events_rx) = mpsc::channel(16);
        let (commands_tx, commands) = mpsc::channel(16);
        let (input, input_rx) = mpsc::channel(16);
        let frontend = Frontend {
            events: events_rx,
            commands: CommandSender::new(commands_tx, Arc::default()),
            clock: AgentClock::start(),
        };
        let task = tokio::spawn(async move {
            let mut out = Vec::new();
            run(
                frontend,
                input_rx,
                &mut out,
                TerminalOptions {
                    interactive,
                    loc: Localizer::default(),
                },
            )
            .await
            .unwrap();
            out
        });
        Harness {
            events,
            commands,
            input,
            task,
        }
    }

    #[tokio::test]
    async fn a_piped_terminal_chats_answers_and_prints_until_the_end() {
        let mut h = harness(false);
        h.events
            .send(CustomerEvent::PromptNeeded(ConsentPrompt::new(
                Capability::Diagnostics,
                "Alex",
            )))
            .await
            .unwrap();
        h.input.send(TerminalInput::Line("y".into())).await.unwrap();
        assert_eq!(
            h.commands.recv().await,
            Some(CustomerCommand::AnswerPrompt {
                capability: Capability::Diagnostics,
                allow: true
            })
        );
        h.input
            .send(TerminalInput::Line("hello".into()))
            .await
            .unwrap();
        assert_eq!(
            h.commands.recv().await,
            Some(CustomerCommand::SendChat("hello".into()))
        );
        // The end of piped input is not the end of the session.
        h.input.send(TerminalInput::Eof).await.unwrap();
        h.events
            .send(CustomerEvent::Chat {
                from: "Alex".into(),
                text: "still there?".into(),
            })
            .await
            .unwrap();
        h.events
            .send(CustomerEvent::Ended {
                by: Party::Technician,
                reason: EndReason::TechnicianClosed,
            })
            .await
            .unwrap();
        let out = String::from_utf8(h.task.await.unwrap()).unwrap();
        assert!(out.contains("Share device information? [y/N]\n"), "{out}");
        assert!(out.contains("Alex: still there?\n"), "{out}");
        assert!(
            out.ends_with("Session ended: the technician ended the session.\n"),
            "{out}"
        );
    }

    #[tokio::test]
    async fn ctrl_c_or_the_end_of_a_terminal_leaves() {
        for last in [TerminalInput::Interrupt, TerminalInput::Eof] {
            let mut h = harness(true);
            h.input.send(last).await.unwrap();
            assert_eq!(h.commands.recv().await, Some(CustomerCommand::Exit));
            drop(h.events);
            let out = String::from_utf8(h.task.await.unwrap()).unwrap();
            assert_eq!(out, "Leaving the session…\n");
        }
    }
}
