//! One entry per event that matters, newest first: contradictions caught,
//! facts added, fallbacks, backend errors. Enter on the selected one opens
//! its detail.

use super::panel;
use crate::agent::FlagKind;
use crate::tui::chat::{Chat, Focus};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

pub fn render(c: &Chat, t: &Theme, frame: &mut Frame, area: Rect) {
    let flags = c.flags_newest_first();
    let items: Vec<ListItem> = flags
        .iter()
        .map(|r| {
            let look = match r.flag.kind {
                FlagKind::Contradiction => t.contradiction,
                FlagKind::Fallback
                | FlagKind::FallbackFailed
                | FlagKind::BackendError
                | FlagKind::JudgeError
                | FlagKind::Unsettled => t.fallback,
                FlagKind::FactAdded | FlagKind::Clarification => t.info,
            };
            let attempt = r.attempt.map(|a| format!(" #{a}")).unwrap_or_default();
            ListItem::new(Line::from(vec![
                Span::styled(
                    format!("t{}{attempt} {}: ", r.turn, r.flag.kind),
                    look.bold(),
                ),
                Span::raw(r.flag.detail.as_str()),
            ]))
        })
        .collect();
    let caught = flags
        .iter()
        .filter(|r| r.flag.kind == FlagKind::Contradiction)
        .count();
    let focused = c.focus == Focus::Flags;
    let title = if focused {
        format!(" Flags: {caught} contradictions caught - Enter: detail ")
    } else {
        format!(" Flags: {caught} contradictions caught ")
    };
    let mut state = ListState::default();
    if focused && !items.is_empty() {
        state.select(Some(c.flag_selected.min(items.len() - 1)));
    }
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(t.selected)
            .block(panel(title, focused, t)),
        area,
        &mut state,
    );
}
