//! The end of the interview: history-taking coverage with the items missed,
//! the examinations ordered, the contradictions caught, the diagnosis.

use crate::tui::chat::Chat;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn render(c: &Chat, t: &Theme, frame: &mut Frame, area: Rect) {
    let d = c.debrief();
    let mut lines = vec![
        Line::from(Span::styled(
            format!("Debrief: {} ({})", c.patient, c.case_id),
            t.heading,
        )),
        Line::raw(""),
        Line::raw(format!(
            "History-taking coverage: {} of {} key items elicited ({:.0}%) in {} questions",
            d.coverage.covered.len(),
            d.coverage.total(),
            d.coverage.percent(),
            d.questions
        )),
        Line::raw(format!(
            "Examinations and tests ordered: {}   Contradictions caught by the verifier: {}   Fact-only fallbacks: {}   Facts the patient added: {}",
            d.ordered.len(),
            d.caught,
            d.fallbacks,
            d.added
        )),
        Line::raw(format!("Diagnosis: {} ({})", c.diagnosis, c.severity)),
        Line::raw(""),
        Line::from(Span::styled("Missed:", t.heading)),
    ];
    for f in &d.coverage.missed {
        lines.push(Line::raw(format!("  {} {}", f.id, f.text)));
    }
    if !d.ordered.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled("Ordered:", t.heading)));
        for f in &d.ordered {
            lines.push(Line::raw(format!("  {}", f.text)));
        }
    }
    let hint = c.notice.clone().unwrap_or_else(|| {
        " s saves the session (Markdown and JSON), Esc returns to the interview, Ctrl+Q quits "
            .into()
    });
    // The hint stays in view however far the list is scrolled.
    let scroll = c.scroll.debrief.min(lines.len().saturating_sub(1) as u16);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" End of interview (Up/Down/PgUp/PgDn scroll) ")
                    .title_bottom(Line::from(Span::styled(hint, t.dim))),
            ),
        area,
    );
}
