//! Examinations and tests ordered: the examiner's findings, which the patient
//! does not know.

use super::panel;
use crate::tui::chat::{Chat, Focus};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn lines(c: &Chat) -> Vec<Line<'_>> {
    c.ordered
        .iter()
        .filter_map(|id| c.fact(id))
        .map(|f| Line::raw(f.text.as_str()))
        .collect()
}

pub fn render(c: &Chat, t: &Theme, frame: &mut Frame, area: Rect) {
    let title = match c.ordered.len() {
        0 => " Examination: type /exam X or /test X ".to_string(),
        1 => " Examination: 1 result ".to_string(),
        n => format!(" Examination: {n} results "),
    };
    super::scrolled_panel(
        lines(c),
        c.scroll.examination,
        panel(title, c.focus == Focus::Examination, t),
        frame,
        area,
    );
}
