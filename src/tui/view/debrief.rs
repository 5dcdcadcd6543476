//! The end of the interview: history-taking coverage with the items missed,
//! the examinations ordered, the contradictions caught, the diagnosis.

use crate::tui::chat::Chat;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn lines<'a>(c: &'a Chat, t: &Theme) -> Vec<Line<'a>> {
    let d = c.debrief();
    let mut lines = vec![
        Line::from(Span::styled(
            format!("Debrief: {} ({})", c.who, c.case_id),
            t.heading,
        )),
        Line::raw(""),
        Line::raw(format!(
            "History-taking coverage: {} of {} elicited ({:.0}%) in {}",
            d.coverage.covered.len(),
            plural(d.coverage.total(), "key item", "key items"),
            d.coverage.percent(),
            plural(d.questions, "question", "questions"),
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
    lines
}

pub fn render(c: &Chat, t: &Theme, frame: &mut Frame, area: Rect) {
    // The hint stays in view however far the list is scrolled.
    let hint = c.notice.clone().unwrap_or_else(|| {
        " s saves the session (Markdown and JSON), Esc returns to the interview, Ctrl+Q quits "
            .into()
    });
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" End of interview (Up/Down/PgUp/PgDn scroll) ")
        .title_bottom(Line::from(Span::styled(hint, t.dim)));
    super::scrolled_panel(lines(c, t), c.scroll.debrief, block, frame, area);
}
