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
use ratatui::layout::Rect;
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
    /// A message in a popup (a case that would not open, a log that could
    /// not be written, what can be ordered); the app keeps running.
    pub popup: Option<Popup>,
    pub theme: Theme,
    /// The terminal's size, for keeping scroll positions inside the content.
    pub size: Rect,
    pub quit: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Popup {
    pub title: String,
    pub text: String,
    /// A problem (drawn in the error colour) rather than information.
    pub problem: bool,
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
    /// Text pasted into the terminal.
    Paste(String),
    /// The terminal's new size.
    Resize(u16, u16),
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
    /// Show a popup (handled by `App::update` itself).
    Show(Popup),
    /// Open the help (handled by `App::update` itself).
    Help,
    Quit,
}

impl App {
    pub fn new(screen: Screen, instructor: bool) -> Self {
        App {
            screen,
            instructor,
            help: false,
            popup: None,
            theme: Theme::default(),
            size: Rect::new(0, 0, 120, 32),
            quit: false,
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        let popup_open = self.help || self.popup.is_some();
        match msg {
            Msg::Key(Key::Ctrl('c')) | Msg::Key(Key::Ctrl('q')) => {
                self.quit = true;
                return vec![Command::Quit];
            }
            Msg::Key(Key::F(1)) => {
                self.help = !self.help;
                return vec![];
            }
            // A popup takes every key: Esc or Enter closes it, the rest go nowhere.
            Msg::Key(Key::Esc | Key::Enter) if popup_open => {
                self.help = false;
                self.popup = None;
                return vec![];
            }
            Msg::Key(_) | Msg::Paste(_) if popup_open => return vec![],
            Msg::Key(Key::F(2)) => {
                self.instructor = !self.instructor;
                return vec![];
            }
            Msg::Error(text) => {
                self.popup = Some(Popup {
                    title: " Problem ".into(),
                    text,
                    problem: true,
                });
                return vec![];
            }
            Msg::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
            }
            _ => {}
        }
        let instructor = self.instructor;
        let mut commands = match &mut self.screen {
            Screen::Picker(p) => p.update(msg, instructor),
            Screen::Chat(c) => super::keys::chat(c, msg),
            Screen::Replay(r) => r.update(msg),
        };
        match &mut self.screen {
            Screen::Chat(c) => super::view::clamp_scroll(c, instructor, self.size),
            Screen::Replay(r) => super::view::clamp_scroll(&mut r.view, instructor, self.size),
            Screen::Picker(_) => {}
        }
        if commands.contains(&Command::Quit) {
            self.quit = true;
        }
        commands.retain(|c| match c {
            Command::Show(popup) => {
                self.popup = Some(popup.clone());
                false
            }
            Command::Help => {
                self.help = true;
                false
            }
            _ => true,
        });
        commands
    }
}
