//! The question line, with its cursor; kept as typed while a turn runs.

use super::panel;
use crate::tui::chat::{Chat, Focus};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Paragraph;

pub fn render(c: &Chat, replay: bool, t: &Theme, frame: &mut Frame, area: Rect) {
    if replay {
        frame.render_widget(
            Paragraph::new("Left/Right step through the turns; Tab moves between panels.")
                .style(t.dim)
                .block(panel(" Replay ", false, t)),
            area,
        );
        return;
    }
    let title = if c.pending.is_some() {
        " Ask (the patient is answering; Esc cancels) "
    } else {
        " Ask - Enter sends, Up/Down recall, /exam X orders "
    };
    let width = usize::from(area.width.saturating_sub(2).max(1));
    // Keep the cursor in view on a line longer than the box.
    let shift = c.prompt.line.visual_scroll(width.saturating_sub(1));
    let focused = c.focus == Focus::Input && c.detail.is_none();
    frame.render_widget(
        Paragraph::new(c.prompt.value())
            .scroll((0, u16::try_from(shift).unwrap_or(u16::MAX)))
            .block(panel(title, focused, t)),
        area,
    );
    if focused {
        let x =
            u16::try_from(c.prompt.line.visual_cursor().saturating_sub(shift)).unwrap_or(u16::MAX);
        frame.set_cursor_position(Position {
            x: area.x + 1 + x.min(area.width.saturating_sub(3)),
            y: area.y + 1,
        });
    }
}
