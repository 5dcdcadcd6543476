//! The app's state and how messages change it. `update` does no I/O: it
//! returns the commands the event loop carries out (ask the patient, write
//! the session log, export, quit).

use super::chat::{Chat, Focus};
use super::picker::Picker;
use super::replay::Replay;
use super::theme::Theme;
use super::worker::{JobId, Report};
use crate::agent::AgentEvent;
use crate::persona::Style;
use crate::session::SessionEvent;
use std::path::PathBuf;

pub enum Screen {
    Picker(Picker),
    Chat(Box<Chat>),
    Replay(Box<Replay>),
}

pub struct App {
    pub screen: Screen,
    pub instructor: bool,
    pub help: bool,
    /// A problem to show in a popup (a case that would not open, a log that
    /// could not be written); the app keeps running.
    pub error: Option<String>,
    pub theme: Theme,
    pub quit: bool,
}

/// Keys as the app understands them (independent of the terminal library).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Backspace,
    Delete,
    Esc,
    Up,
    Down,
    PageUp,
    PageDown,
    Tab,
    BackTab,
    Left,
    Right,
    Home,
    End,
    /// Ctrl + a letter.
    Ctrl(char),
    F(u8),
}

pub enum Msg {
    Key(Key),
    /// What the patient's worker reported.
    Worker(Report),
    /// The mouse wheel over a panel (positive: towards older lines / up).
    Wheel(Option<Focus>, i16),
    /// A click on a panel.
    Click(Focus),
    /// A line for the status bar (an export written).
    Notice(String),
    /// A problem for the popup.
    Error(String),
}

/// What the event loop should do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Ask {
        job: JobId,
        question: String,
    },
    Cancel {
        job: JobId,
    },
    SetStyle(Style),
    Open(PathBuf),
    /// Append a verified turn's events to the session log.
    LogTurn(Vec<AgentEvent>),
    /// Append a session event to the session log.
    Log(SessionEvent),
    /// Write the session as Markdown and JSON beside its log.
    Export,
    /// Show a problem in the popup (handled by `App::update` itself).
    Show(String),
    Quit,
}

impl App {
    pub fn new(screen: Screen, instructor: bool) -> Self {
        App {
            screen,
            instructor,
            help: false,
            error: None,
            theme: Theme::default(),
            quit: false,
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        match msg {
            Msg::Key(Key::Ctrl('c')) | Msg::Key(Key::Ctrl('q')) => {
                self.quit = true;
                return vec![Command::Quit];
            }
            Msg::Key(Key::F(1)) => {
                self.help = !self.help;
                return vec![];
            }
            Msg::Key(Key::Esc) if self.help || self.error.is_some() => {
                self.help = false;
                self.error = None;
                return vec![];
            }
            Msg::Key(Key::Enter) if self.error.is_some() => {
                self.error = None;
                return vec![];
            }
            Msg::Key(Key::F(2)) => {
                self.instructor = !self.instructor;
                return vec![];
            }
            Msg::Error(e) => {
                self.error = Some(e);
                return vec![];
            }
            _ => {}
        }
        let mut commands = match &mut self.screen {
            Screen::Picker(p) => p.update(msg),
            Screen::Chat(c) => super::keys::chat(c, msg),
            Screen::Replay(r) => r.update(msg),
        };
        if commands.contains(&Command::Quit) {
            self.quit = true;
        }
        commands.retain(|c| match c {
            Command::Show(problem) => {
                self.error = Some(problem.clone());
                false
            }
            _ => true,
        });
        commands
    }
}
