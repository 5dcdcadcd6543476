//! The transcript: newest at the bottom, wrapped, scrolled by rows from the
//! bottom. Only the lines that can be seen are laid out, so a long dialogue
//! costs no more per frame than a short one.

use super::panel;
use crate::tui::chat::{Chat, Focus, Line as Said, Speaker};
use crate::tui::theme::Theme;
use crate::verify::Label;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};

fn lines_of<'a>(c: &'a Chat, l: &'a Said, instructor: bool, t: &Theme) -> Vec<Line<'a>> {
    let (who, look) = match l.speaker {
        Speaker::Student => ("You".to_string(), t.student),
        Speaker::Patient => (
            format!("{} ({})", c.patient, l.style.unwrap_or(c.style)),
            t.patient,
        ),
        Speaker::System => ("note".to_string(), t.note),
    };
    let text = if l.speaker == Speaker::System {
        Span::styled(l.text.as_str(), t.note)
    } else {
        Span::raw(l.text.as_str())
    };
    let mut out = vec![Line::from(vec![
        Span::styled(format!("{who}: "), look),
        text,
    ])];
    // Instructor mode: how each claim of the reply was judged, and against which fact.
    if instructor {
        for v in &l.verdicts {
            let (mark, look) = match v.label {
                Label::Entail => ("✓ entail", t.entail),
                Label::Neutral => ("· neutral", t.info),
                Label::Contradict => ("✗ contradict", t.contradiction),
            };
            let fact = v.fact_id.as_deref().unwrap_or("new");
            out.push(Line::from(vec![
                Span::raw("    "),
                Span::styled(format!("{mark} {fact} "), look),
                Span::styled(v.claim.as_str(), t.dim),
            ]));
        }
        for id in &l.added {
            let text = c.fact(id).map_or("", |f| f.text.as_str());
            out.push(Line::from(vec![
                Span::raw("    "),
                Span::styled(format!("+ added {id} "), t.added),
                Span::styled(text, t.dim),
            ]));
        }
    }
    out
}

/// Rows a line takes wrapped to `width`, as the transcript wraps it.
fn rows(line: &Line, width: u16) -> u16 {
    let n = Paragraph::new(line.clone())
        .wrap(Wrap { trim: false })
        .line_count(width);
    n.clamp(1, usize::from(u16::MAX)) as u16
}

/// The "thinking" lines of a turn in flight (and its draft, for an instructor).
fn pending_lines<'a>(c: &'a Chat, instructor: bool, t: &Theme) -> Vec<Line<'a>> {
    let Some(p) = &c.pending else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    // The draft is not the patient's word until it is verified: only an instructor sees it.
    if let (true, Some(d)) = (instructor, &p.draft) {
        lines.push(Line::from(Span::styled(format!("    draft: {d}"), t.dim)));
    }
    let state = if p.attempt > 1 {
        format!(
            "{} is thinking / verifying (candidate {})...",
            c.patient, p.attempt
        )
    } else {
        format!("{} is thinking / verifying...", c.patient)
    };
    lines.push(Line::from(Span::styled(state, t.note)));
    lines
}

/// How far the transcript can scroll up in `area`: all its rows less the ones shown.
pub fn max_scroll(c: &Chat, instructor: bool, area: Rect) -> u16 {
    let t = Theme::default();
    let width = area.width.saturating_sub(2).max(1);
    let mut total: u16 = 0;
    for l in &c.transcript {
        for line in lines_of(c, l, instructor, &t) {
            total = total.saturating_add(rows(&line, width));
        }
    }
    for line in pending_lines(c, instructor, &t) {
        total = total.saturating_add(rows(&line, width));
    }
    total.saturating_sub(area.height.saturating_sub(2))
}

pub fn render(c: &Chat, instructor: bool, t: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(2).max(1);
    let height = area.height.saturating_sub(2);
    // Built newest first, and only as far back as the scroll position needs.
    let mut lines: Vec<Line> = pending_lines(c, instructor, t);
    lines.reverse();
    let mut total: u16 = lines
        .iter()
        .map(|l| rows(l, width))
        .fold(0, u16::saturating_add);
    let wanted = height.saturating_add(c.scroll.transcript);
    let mut shown = 0;
    for l in c.transcript.iter().rev() {
        if total >= wanted {
            break;
        }
        for line in lines_of(c, l, instructor, t).into_iter().rev() {
            total = total.saturating_add(rows(&line, width));
            lines.push(line);
        }
        shown += 1;
    }
    lines.reverse();
    let scroll = c.scroll.transcript.min(total.saturating_sub(height));
    let top = total.saturating_sub(height).saturating_sub(scroll);
    let title = if scroll > 0 {
        format!(
            " {} (scrolled up {scroll}; PgDn or End returns) ",
            c.title(instructor)
        )
    } else {
        format!(" {} ", c.title(instructor))
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((top, 0))
            .block(panel(title, c.focus == Focus::Transcript, t)),
        area,
    );
    // Messages above what was laid out count one row each: enough to place the thumb.
    let above = c.transcript.len() - shown;
    let length = usize::from(total) + above;
    if length > usize::from(height) {
        let position = length - usize::from(height) - usize::from(scroll);
        let mut state = ScrollbarState::new(length - usize::from(height)).position(position);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight),
            area,
            &mut state,
        );
    }
}
