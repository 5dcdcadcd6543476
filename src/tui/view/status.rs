//! The status bar: case, style, backend, the last turn's latency, the keys;
//! a notice (an export saved) takes the place of the keys until the next question.

use crate::tui::chat::Chat;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

pub fn render(
    c: &Chat,
    instructor: bool,
    replay: Option<(usize, usize)>,
    t: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let latency = c
        .last_latency_ms
        .map(|ms| format!("{ms:.1} ms"))
        .unwrap_or_else(|| "-".into());
    let reveal = if instructor {
        format!(" | {} ({})", c.diagnosis, c.severity)
    } else {
        String::new()
    };
    let text = match replay {
        Some((pos, n)) => format!(
            " REPLAY {} | after turn {pos} of {n}{reveal} | Left/Right step  Home/End  Tab panel  F2 instructor  q quit",
            c.case_id
        ),
        None => {
            let keys = c.notice.clone().unwrap_or_else(|| {
                "F1 help  Tab panel  F3 style  F2 instructor  Ctrl+D debrief  Ctrl+Q quit".into()
            });
            format!(
                " {} | {} | {} | last turn {latency} | turn {}{reveal} | {keys}",
                c.case_id,
                c.style,
                c.backend,
                c.turn()
            )
        }
    };
    frame.render_widget(Paragraph::new(text).style(t.status), area);
}
