//! The terminal app: one event loop, messages in, state out. Terminal input
//! and the patient's worker both feed one channel; `App::update` turns each
//! message into new state and commands, and only this loop does I/O
//! (asking the worker, writing the session log, exporting).

pub mod app;
pub mod chat;
pub mod input;
mod keys;
pub mod picker;
pub mod replay;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod worker;

use crate::case;
use crate::knowledge::KnowledgeBase;
use crate::persona::Style;
use crate::session::{self, SessionEvent};
use app::{App, Command, Key, Msg, Screen};
use chat::Chat;
use ratatui::crossterm::event::{
    self, Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use theme::Theme;
use worker::{Report, Worker};

/// How the app starts.
pub struct Options {
    /// Where the picker looks.
    pub cases_dir: PathBuf,
    /// A case to open at once instead of the picker.
    pub open: Option<PathBuf>,
    pub style: Style,
    pub instructor: bool,
    pub theme: Theme,
    /// Where session logs and exports go (`None`: not written).
    pub sessions: Option<PathBuf>,
    /// Who gives the patient its voice.
    pub voice: crate::agent::Voice,
    /// Show what the judge could not settle instead of regenerating (`llm.show_unsettled`).
    pub show_unsettled: bool,
}

enum Incoming {
    Terminal(Event),
    Worker(Report),
}

/// The chat's I/O side: its worker and its session log.
struct Live {
    worker: Worker,
    case_id: String,
    case_file: PathBuf,
    /// The log and its exports: `<case>-<time>.jsonl`, `.md`, `.json`; chosen
    /// when the log is first written.
    log: Option<(session::Log, String)>,
    /// The log could not be written once; the interview goes on without it.
    log_failed: bool,
}

fn key_of(code: KeyCode, mods: KeyModifiers) -> Option<Key> {
    Some(match code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            Key::Ctrl(c.to_ascii_lowercase())
        }
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Esc => Key::Esc,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    })
}

/// A terminal event as a message; the mouse is placed on the chat layout.
fn message(event: Event, area: Rect) -> Option<Msg> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            key_of(k.code, k.modifiers).map(Msg::Key)
        }
        Event::Mouse(m) => {
            let at = view::panel_at(area, m.column, m.row);
            match m.kind {
                MouseEventKind::ScrollUp => Some(Msg::Wheel(at, 3)),
                MouseEventKind::ScrollDown => Some(Msg::Wheel(at, -3)),
                MouseEventKind::Down(MouseButton::Left) => at.map(Msg::Click),
                _ => None,
            }
        }
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

fn stamp() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn open_chat(
    path: &Path,
    kb: Option<&KnowledgeBase>,
    opts: &Options,
    tx: &mpsc::Sender<Incoming>,
) -> Result<(Chat, Live), String> {
    let case =
        case::load(path, kb).map_err(|e| format!("{} cannot be opened:\n{e}", path.display()))?;
    let chat = Chat::new(&case, opts.style, &opts.voice.label());
    let tx = tx.clone();
    let case_id = case.id.clone();
    let responder = opts
        .voice
        .responder(opts.style)
        .map_err(|e| e.to_string())?;
    let judge = opts.voice.judge().map_err(|e| e.to_string())?;
    let worker = Worker::spawn(case, responder, judge, opts.show_unsettled, move |r| {
        tx.send(Incoming::Worker(r)).is_ok()
    })
    .map_err(|e| format!("the patient's thread could not be started: {e}"))?;
    Ok((
        chat,
        Live {
            worker,
            case_id,
            case_file: path.to_path_buf(),
            log: None,
            log_failed: false,
        },
    ))
}

/// Runs the app: the picker over `opts.cases_dir`, or one case directly.
pub fn run(opts: Options, kb: Option<&KnowledgeBase>) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel::<Incoming>();
    let mut live: Option<Live> = None;
    let screen = match &opts.open {
        Some(path) => {
            let (chat, l) = open_chat(path, kb, &opts, &tx).map_err(anyhow::Error::msg)?;
            live = Some(l);
            Screen::Chat(Box::new(chat))
        }
        None => Screen::Picker(picker::Picker::load(&opts.cases_dir, kb)),
    };
    let mut app = App::new(screen, opts.instructor);
    app.theme = opts.theme;
    let mut guard = terminal::Guard::enter()?;
    let size = guard.terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    let input = tx.clone();
    std::thread::spawn(move || {
        while let Ok(e) = event::read() {
            if input.send(Incoming::Terminal(e)).is_err() {
                break;
            }
        }
    });
    while !app.quit {
        let frame = guard.terminal.draw(|f| view::render(&app, f))?;
        let area = frame.area;
        // Wait for one message, then take whatever else has arrived, and draw once for all.
        let Ok(first) = rx.recv() else { break };
        let mut msgs = Vec::new();
        for incoming in std::iter::once(first).chain(rx.try_iter()) {
            match incoming {
                Incoming::Terminal(e) => msgs.extend(message(e, area)),
                Incoming::Worker(r) => msgs.push(Msg::Worker(r)),
            }
        }
        for msg in msgs {
            for cmd in app.update(msg) {
                if let Some(problem) = carry_out(cmd, &mut app, &mut live, kb, &opts, &tx) {
                    app.update(problem);
                }
            }
        }
    }
    drop(guard);
    Ok(())
}

/// Does what a command says; a message back when something went wrong or is worth saying.
fn carry_out(
    cmd: Command,
    app: &mut App,
    live: &mut Option<Live>,
    kb: Option<&KnowledgeBase>,
    opts: &Options,
    tx: &mpsc::Sender<Incoming>,
) -> Option<Msg> {
    match cmd {
        Command::Quit | Command::Show(_) | Command::Help => None,
        Command::Open(path) => match open_chat(&path, kb, opts, tx) {
            Ok((chat, l)) => {
                tracing::info!(case = %chat.case_id, "chat opened");
                *live = Some(l);
                app.screen = Screen::Chat(Box::new(chat));
                None
            }
            Err(e) => Some(Msg::Error(e)),
        },
        Command::Ask { job, question } => {
            let l = live.as_mut()?;
            if l.worker.ask(job, question) {
                None
            } else {
                let why = "the patient's thread has stopped (see the log file)".to_string();
                Some(Msg::Worker(Report::Failed(job, why)))
            }
        }
        Command::Cancel { job } => {
            live.as_mut()?.worker.cancel(job);
            None
        }
        Command::SetStyle(s) => {
            live.as_ref()?.worker.set_style(s);
            None
        }
        Command::LogTurn(events) => {
            if let Some(e) = events.iter().find_map(|e| match e {
                crate::agent::AgentEvent::Reply {
                    turn,
                    attempts,
                    latency_ms,
                    ..
                } => Some((*turn, *attempts, *latency_ms)),
                _ => None,
            }) {
                tracing::info!(turn = e.0, attempts = e.1, latency_ms = e.2, "turn");
            }
            write_log(live.as_mut()?, opts, |log| log.turn(&events))
        }
        Command::Log(event) => write_log(live.as_mut()?, opts, |log| log.note(&event)),
        Command::Export => {
            let Screen::Chat(c) = &app.screen else {
                return None;
            };
            let Some(dir) = &opts.sessions else {
                return Some(Msg::Error(
                    "Sessions are not saved in this run (--no-session).".into(),
                ));
            };
            let Some((_, stem)) = live.as_ref()?.log.as_ref() else {
                return Some(Msg::Error(
                    "Nothing to save yet: ask the patient something first.".into(),
                ));
            };
            Some(match export(c, dir, stem) {
                Ok(md) => Msg::Notice(format!("Saved {} (and .json)", md.display())),
                Err(e) => Msg::Error(format!("The session could not be saved: {e}")),
            })
        }
    }
}

/// Appends to the chat's session log, opening it (with its `Started` line) on first use.
fn write_log(
    l: &mut Live,
    opts: &Options,
    write: impl FnOnce(&mut session::Log) -> Result<(), session::SessionError>,
) -> Option<Msg> {
    if l.log_failed {
        return None;
    }
    let dir = opts.sessions.as_ref()?;
    if l.log.is_none() {
        let opened =
            session::Log::create_new(dir, &l.case_id, stamp()).and_then(|(mut log, stem)| {
                log.note(&SessionEvent::Started {
                    case_file: l.case_file.display().to_string(),
                    style: opts.style,
                    backend: opts.voice.label(),
                })?;
                Ok((log, stem))
            });
        match opened {
            Ok(log) => l.log = Some(log),
            Err(e) => {
                l.log_failed = true;
                return Some(Msg::Error(format!(
                    "{e}\nThe interview goes on, but it is not being saved."
                )));
            }
        }
    }
    let (log, _) = l.log.as_mut()?;
    write(log).err().map(|e| {
        l.log_failed = true;
        Msg::Error(format!(
            "{e}\nThe interview goes on, but it is no longer being saved."
        ))
    })
}

/// Writes `<stem>.md` and `<stem>.json` in `dir`; returns the Markdown file's path.
fn export(c: &Chat, dir: &Path, stem: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let e = c.export();
    let md = dir.join(format!("{stem}.md"));
    let json =
        serde_json::to_string_pretty(&session::export_json(&e)).map_err(std::io::Error::other)?;
    crate::files::write_atomic(&md, session::export_markdown(&e).as_bytes())?;
    crate::files::write_atomic(&dir.join(format!("{stem}.json")), json.as_bytes())?;
    Ok(md)
}

/// Replays a saved session: the panels as they were after each turn.
pub fn replay(
    log: &Path,
    case_file: Option<&Path>,
    kb: Option<&KnowledgeBase>,
    theme: Theme,
) -> anyhow::Result<()> {
    let (history, case) = session::History::open(log, case_file, kb)?;
    let style = history.started_style().unwrap_or(Style::Plain);
    let backend = history
        .notes
        .iter()
        .find_map(|n| match n {
            SessionEvent::Started { backend, .. } => Some(backend.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "offline".into());
    let start = Chat::new(&case, style, &backend);
    let mut app = App::new(
        Screen::Replay(Box::new(replay::Replay::new(start, history))),
        false,
    );
    app.theme = theme;
    let mut guard = terminal::Guard::enter()?;
    let size = guard.terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    while !app.quit {
        let area = guard.terminal.draw(|f| view::render(&app, f))?.area;
        if let Some(msg) = message(event::read()?, area) {
            app.update(msg);
        }
    }
    drop(guard);
    Ok(())
}
