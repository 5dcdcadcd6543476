//! The question line: editing with a cursor (tui-input), and the questions
//! asked before, recalled with Up and Down.

use super::app::Key;
use tui_input::{Input, InputRequest as R};

#[derive(Debug, Default, Clone)]
pub struct Prompt {
    pub line: Input,
    pub asked: Vec<String>,
    /// Position in `asked` while recalling.
    recall: Option<usize>,
    /// What was being typed when recall began, given back by Down past the newest.
    typed: String,
}

impl Prompt {
    pub fn value(&self) -> &str {
        self.line.value()
    }

    pub fn set(&mut self, text: &str) {
        self.line = Input::new(text.to_string());
    }

    /// Takes the line as a question: it joins the recall list and the line clears.
    pub fn take(&mut self) -> String {
        let q = self.line.value().to_string();
        self.line.reset();
        self.recall = None;
        if self.asked.last() != Some(&q) {
            self.asked.push(q.clone());
        }
        q
    }

    /// Handles an editing key; false if the key is not for the line.
    pub fn key(&mut self, key: &Key) -> bool {
        let request = match key {
            Key::Char(c) => R::InsertChar(*c),
            Key::Backspace => R::DeletePrevChar,
            Key::Delete => R::DeleteNextChar,
            Key::Left => R::GoToPrevChar,
            Key::Right => R::GoToNextChar,
            Key::Home | Key::Ctrl('a') => R::GoToStart,
            Key::End | Key::Ctrl('e') => R::GoToEnd,
            Key::Ctrl('w') => R::DeletePrevWord,
            Key::Ctrl('u') => R::DeleteLine,
            Key::Ctrl('k') => R::DeleteTillEnd,
            Key::Ctrl('b') => R::GoToPrevWord,
            Key::Ctrl('f') => R::GoToNextWord,
            Key::Up => {
                self.older();
                return true;
            }
            Key::Down => {
                self.newer();
                return true;
            }
            _ => return false,
        };
        self.line.handle(request);
        true
    }

    fn older(&mut self) {
        if self.asked.is_empty() {
            return;
        }
        let i = match self.recall {
            None => {
                self.typed = self.line.value().to_string();
                self.asked.len() - 1
            }
            Some(i) => i.saturating_sub(1),
        };
        self.recall = Some(i);
        self.line = Input::new(self.asked[i].clone());
    }

    fn newer(&mut self) {
        match self.recall {
            Some(i) if i + 1 < self.asked.len() => {
                self.recall = Some(i + 1);
                self.line = Input::new(self.asked[i + 1].clone());
            }
            Some(_) => {
                self.recall = None;
                self.line = Input::new(std::mem::take(&mut self.typed));
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(p: &mut Prompt, s: &str) {
        for c in s.chars() {
            p.key(&Key::Char(c));
        }
    }

    #[test]
    fn editing_and_recall() {
        let mut p = Prompt::default();
        typed(&mut p, "Do you smoke");
        p.key(&Key::Home);
        p.key(&Key::Delete);
        typed(&mut p, "d");
        p.key(&Key::End);
        typed(&mut p, "?");
        assert_eq!(p.value(), "do you smoke?");
        assert_eq!(p.take(), "do you smoke?");
        typed(&mut p, "Any allergies?");
        p.take();
        typed(&mut p, "half-typed");
        p.key(&Key::Up);
        assert_eq!(p.value(), "Any allergies?");
        p.key(&Key::Up);
        p.key(&Key::Up);
        assert_eq!(p.value(), "do you smoke?", "recall stops at the oldest");
        p.key(&Key::Down);
        p.key(&Key::Down);
        assert_eq!(p.value(), "half-typed", "what was being typed comes back");
        p.key(&Key::Ctrl('w'));
        assert_eq!(
            p.value(),
            "half-",
            "Ctrl+W deletes the word before the cursor"
        );
        p.key(&Key::Ctrl('u'));
        assert_eq!(p.value(), "");
    }
}
