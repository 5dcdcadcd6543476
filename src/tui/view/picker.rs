//! The case picker: one line per case, the filter below.

use crate::tui::picker::Picker;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

pub fn render(p: &Picker, instructor: bool, t: &Theme, frame: &mut Frame, area: Rect) {
    let [list_area, filter_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(area);
    let visible = p.visible(instructor);
    let items: Vec<ListItem> = visible
        .iter()
        .map(|e| match &e.summary {
            Ok(s) => {
                // The id names the disease: only an instructor sees it.
                let case = if instructor {
                    format!("{} [{}]  ", e.id, s.disease)
                } else {
                    String::new()
                };
                ListItem::new(format!(
                    "{:<16} {:<22} {:>3} {:<6} {case}\"{}\"",
                    s.department, s.name, s.age, s.sex, s.complaint
                ))
            }
            Err(problems) => {
                let first = problems.lines().next().unwrap_or("invalid");
                ListItem::new(format!("{}  INVALID: {first}", e.id)).style(t.error)
            }
        })
        .collect();
    let title = format!(
        " Cases ({} of {}) - type to filter, Enter opens, Esc quits, F2 shows diagnoses ",
        visible.len(),
        p.entries.len()
    );
    let mut state = ListState::default();
    if !items.is_empty() {
        state.select(Some(p.selected.min(items.len() - 1)));
    }
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(t.selected)
            .block(Block::default().borders(Borders::ALL).title(title)),
        list_area,
        &mut state,
    );
    let filter = format!("filter: {}", p.filter);
    frame.render_widget(
        Paragraph::new(filter.as_str()).block(Block::default().borders(Borders::ALL)),
        filter_area,
    );
    frame.set_cursor_position(Position {
        // The cursor after the filter, kept inside the box however long the filter grows.
        x: filter_area.x
            + 1
            + u16::try_from(filter.chars().count())
                .unwrap_or(u16::MAX)
                .min(filter_area.width.saturating_sub(3)),
        y: filter_area.y + 1,
    });
}
