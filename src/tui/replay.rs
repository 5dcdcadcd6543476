//! A saved session stepped through: the panels as they were after each turn,
//! rebuilt by applying the logged events to a fresh chat, as the live app did.

use super::app::{Command, Key, Msg};
use super::chat::{Chat, Line, Speaker};
use crate::session::History;

pub struct Replay {
    start: Chat,
    pub history: History,
    /// Turns shown (0 = before the first question).
    pub pos: usize,
    pub view: Chat,
}

impl Replay {
    /// Opens at the end of the session.
    pub fn new(start: Chat, history: History) -> Self {
        let view = start.clone();
        let mut r = Replay {
            start,
            history,
            pos: 0,
            view,
        };
        r.go(r.turns());
        r
    }

    pub fn turns(&self) -> usize {
        self.history.turns.len()
    }

    /// Shows the state after `pos` turns, keeping the panels' focus and scroll.
    pub fn go(&mut self, pos: usize) {
        self.pos = pos.min(self.turns());
        let mut view = self.start.clone();
        view.focus = self.view.focus;
        view.scroll = self.view.scroll;
        for n in self.history.notes_after(0) {
            view.note(n);
        }
        for t in &self.history.turns[..self.pos] {
            view.transcript
                .push(Line::said(Speaker::Student, t.question.clone()));
            view.finish(t);
            for n in self.history.notes_after(t.turn) {
                view.note(n);
            }
        }
        view.flag_selected = self
            .view
            .flag_selected
            .min(view.flags.len().saturating_sub(1));
        self.view = view;
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        if self.view.detail.is_some() {
            if matches!(msg, Msg::Key(Key::Esc | Key::Enter)) {
                self.view.detail = None;
            }
            return vec![];
        }
        match msg {
            Msg::Key(Key::Left) => self.go(self.pos.saturating_sub(1)),
            Msg::Key(Key::Right) => self.go(self.pos + 1),
            Msg::Key(Key::Home) => self.go(0),
            Msg::Key(Key::End) => self.go(self.turns()),
            Msg::Key(Key::Enter) if self.view.focus == super::chat::Focus::Flags => {
                self.view.detail = self
                    .view
                    .flags_newest_first()
                    .get(self.view.flag_selected)
                    .map(|r| (*r).clone());
            }
            Msg::Key(Key::Esc) | Msg::Key(Key::Char('q')) => return vec![Command::Quit],
            msg => super::keys::panels(&mut self.view, &msg),
        }
        vec![]
    }
}
