//! Examinations and tests ordered: the examiner's findings, which the patient
//! does not know.

use super::panel;
use crate::tui::chat::{Chat, Focus};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(c: &Chat, t: &Theme, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = c
        .ordered
        .iter()
        .filter_map(|id| c.fact(id))
        .skip(c.scroll.examination)
        .map(|f| Line::raw(f.text.as_str()))
        .collect();
    let title = match (c.ordered.len(), c.scroll.examination) {
        (0, _) => " Examination: type /exam X or /test X ".to_string(),
        (n, 0) => format!(" Examination: {n} results "),
        (n, from) => format!(" Examination: {n} results (showing from #{}) ", from + 1),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(panel(title, c.focus == Focus::Examination, t)),
        area,
    );
}
