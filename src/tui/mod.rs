//! The terminal app: one event loop, messages in, state out. The agent runs
//! on a worker thread and sends its turn reports back over a channel, so
//! typing stays responsive; the terminal is restored on every exit.

pub mod app;
pub mod picker;
pub mod view;

use crate::agent::{Agent, Offline, TurnReport};
use crate::case;
use crate::knowledge::KnowledgeBase;
use crate::memory::Memory;
use crate::persona::{Persona, Style};
use app::{App, Chat, Command, Key, Msg, Screen};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers, MouseEventKind};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// What the worker thread is told.
enum Job {
    Ask(String),
    Style(Style),
}

/// The patient on its own thread: questions in, turn reports out.
struct Worker {
    jobs: mpsc::Sender<Job>,
    reports: mpsc::Receiver<TurnReport>,
}

fn spawn(case: case::Case, style: Style, seed: u64) -> Worker {
    let (jobs, job_rx) = mpsc::channel::<Job>();
    let (report_tx, reports) = mpsc::channel();
    std::thread::spawn(move || {
        let mut agent = Agent::new(
            case,
            Offline {
                persona: Persona::builtin(style),
                seed,
                chaos: 0.0,
            },
        );
        while let Ok(job) = job_rx.recv() {
            match job {
                Job::Ask(q) => {
                    if report_tx.send(agent.ask(&q)).is_err() {
                        break;
                    }
                }
                Job::Style(s) => agent.responder.persona = Persona::builtin(s),
            }
        }
    });
    Worker { jobs, reports }
}

fn open_chat(
    path: &Path,
    kb: Option<&KnowledgeBase>,
    style: Style,
) -> anyhow::Result<(Chat, Worker)> {
    let case = case::load(path, kb).map_err(|e| anyhow::anyhow!("{e}"))?;
    let memory = Memory::from_case(&case);
    let chat = Chat::new(
        &case.id,
        &case.patient.name,
        style,
        &case.disease.name,
        memory.semantic.clone(),
    );
    let worker = spawn(case, style, 1);
    Ok((chat, worker))
}

fn key_of(code: KeyCode, mods: KeyModifiers) -> Option<Key> {
    Some(match code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => Key::Ctrl(c),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Esc => Key::Esc,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Tab => Key::Tab,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    })
}

/// A new session log for this case in the data directory, if there is one.
fn open_log(case_id: &str) -> Option<crate::session::Log> {
    let dir = crate::session::default_dir()?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    crate::session::Log::append(&dir.join(format!("{case_id}-{stamp}.jsonl")), case_id).ok()
}

/// Replays a saved session: the panels as they were after each turn.
pub fn replay(log: &Path, kb: Option<&KnowledgeBase>) -> anyhow::Result<()> {
    let entries = crate::session::read(log)?;
    let first = entries
        .first()
        .ok_or_else(|| anyhow::anyhow!("{}: the session log is empty", log.display()))?;
    let path = Path::new("cases").join(format!("{}.yaml", first.case));
    let case = case::load(&path, kb)
        .map_err(|e| anyhow::anyhow!("the session's case does not load:\n{e}"))?;
    let turns = crate::session::turns(&entries);
    let start = Chat::new(
        &case.id,
        &case.patient.name,
        Style::Plain,
        &case.disease.name,
        Memory::from_case(&case).semantic,
    );
    let mut app = App::new(
        Screen::Replay(Box::new(app::Replay::new(start, turns))),
        false,
    );
    let mut terminal = ratatui::init();
    let result = (|| -> anyhow::Result<()> {
        while !app.quit {
            terminal.draw(|f| view::render(&app, f))?;
            if let Event::Key(k) = event::read()? {
                if k.kind == KeyEventKind::Press {
                    if let Some(key) = key_of(k.code, k.modifiers) {
                        if app.update(Msg::Key(key)).contains(&Command::Quit) {
                            app.quit = true;
                        }
                    }
                }
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result
}

/// Runs the app: the picker over `cases_dir`, or one case directly.
pub fn run(
    cases_dir: &Path,
    open: Option<&Path>,
    style: Style,
    instructor: bool,
    kb: Option<&KnowledgeBase>,
) -> anyhow::Result<()> {
    let mut worker: Option<Worker> = None;
    let screen = match open {
        Some(path) => {
            let (chat, w) = open_chat(path, kb, style)?;
            worker = Some(w);
            Screen::Chat(Box::new(chat))
        }
        None => Screen::Picker(picker::Picker::load(cases_dir, kb)),
    };
    let mut app = App::new(screen, instructor);
    let mut log: Option<crate::session::Log> = None;
    let mut terminal = ratatui::init();
    let result = (|| -> anyhow::Result<()> {
        while !app.quit {
            terminal.draw(|f| view::render(&app, f))?;
            let mut msgs = Vec::new();
            if let Some(w) = &worker {
                while let Ok(report) = w.reports.try_recv() {
                    // Every turn is appended to the session log as it arrives (for replay and resume).
                    if let Screen::Chat(c) = &app.screen {
                        if log.is_none() {
                            log = open_log(&c.case_id);
                        }
                    }
                    if let Some(l) = log.as_mut() {
                        if let Err(e) = l.turn(&report.events) {
                            msgs.push(Msg::TurnFailed(format!(
                                "the session log could not be written ({e})"
                            )));
                        }
                    }
                    tracing::info!(
                        turn = report.turn,
                        attempts = report.attempts,
                        flags = report.flags.len(),
                        latency_ms = report.latency_ms,
                        "turn"
                    );
                    msgs.push(Msg::Turn(Box::new(report)));
                }
            }
            if event::poll(Duration::from_millis(50))? {
                match event::read()? {
                    Event::Key(k) if k.kind == KeyEventKind::Press => {
                        msgs.extend(key_of(k.code, k.modifiers).map(Msg::Key))
                    }
                    Event::Mouse(m) if m.kind == MouseEventKind::ScrollUp => {
                        msgs.push(Msg::Scroll(3))
                    }
                    Event::Mouse(m) if m.kind == MouseEventKind::ScrollDown => {
                        msgs.push(Msg::Scroll(-3))
                    }
                    _ => {}
                }
            }
            for msg in msgs {
                for cmd in app.update(msg) {
                    match cmd {
                        Command::Quit => app.quit = true,
                        Command::Ask(q) => match &worker {
                            Some(w) if w.jobs.send(Job::Ask(q)).is_ok() => {}
                            _ => {
                                app.update(Msg::TurnFailed("the patient is not available".into()));
                            }
                        },
                        Command::SetStyle(s) => {
                            if let Some(w) = &worker {
                                let _ = w.jobs.send(Job::Style(s));
                            }
                        }
                        Command::Open(path) => {
                            let (chat, w) = open_chat(Path::new(&path), kb, style)?;
                            worker = Some(w);
                            app.screen = Screen::Chat(Box::new(chat));
                        }
                    }
                }
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result
}
