//! Popups over the screen: the keys, a flag's detail, a problem.

use crate::tui::chat::{Chat, Raised};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn popup(
    lines: Vec<Line>,
    title: &str,
    border: ratatui::style::Style,
    frame: &mut Frame,
    at: Rect,
) {
    frame.render_widget(Clear, at);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(border)
                .title(title.to_string()),
        ),
        at,
    );
}

const KEYS: &[(&str, &str)] = &[
    ("Enter", "send the question"),
    (
        "Up / Down",
        "recall earlier questions (or move in the focused panel)",
    ),
    (
        "Left/Right Home/End",
        "move in the question; Ctrl+W/U delete a word/line",
    ),
    (
        "Tab / Shift+Tab",
        "focus the next panel: transcript, memory, exam, flags",
    ),
    (
        "PgUp / PgDn, wheel",
        "scroll the focused panel (the wheel: the one under it)",
    ),
    (
        "Enter on a flag",
        "its detail: the rejected sentence, the fact, the attempt",
    ),
    ("Esc", "cancel the turn in flight; close a popup"),
    (
        "F3, /style NAME",
        "change the reply style (plain upset verbose reserved tangent pleasing)",
    ),
    (
        "/exam X, /test X",
        "order an examination or test (vitals, abdomen, lipase, all)",
    ),
    (
        "F2",
        "instructor mode: diagnosis, examiner-only facts, per-claim verdicts",
    ),
    (
        "Ctrl+D, /end",
        "end the interview: the debrief (s there saves the session)",
    ),
    ("Ctrl+S, /save", "save the session as Markdown and JSON"),
    ("F1, /help", "this help"),
    ("Ctrl+Q", "quit"),
];

pub fn help(t: &Theme, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(
                    format!("{k:<20}"),
                    t.heading
                        .remove_modifier(ratatui::style::Modifier::UNDERLINED),
                ),
                Span::raw(*what),
            ])
        })
        .collect();
    let h = lines.len() as u16 + 2;
    popup(
        lines,
        " Keys (Esc closes) ",
        t.focus,
        frame,
        centred(area, 96, h),
    );
}

pub fn flag(r: &Raised, c: &Chat, t: &Theme, frame: &mut Frame, area: Rect) {
    let look = if r.flag.kind == crate::agent::FlagKind::Contradiction {
        t.contradiction
    } else {
        t.info
    };
    let mut lines = vec![
        Line::from(Span::styled(r.flag.kind.name(), look)),
        Line::raw(format!(
            "Turn {}{}{}",
            r.turn,
            r.attempt
                .map(|a| format!(", candidate {a}"))
                .unwrap_or_default(),
            if r.flag.chaos {
                " (corrupted on purpose by --chaos)"
            } else {
                ""
            }
        )),
        Line::raw(""),
        Line::raw(r.flag.detail.clone()),
    ];
    // The fact it concerns, unless the flag is that fact (a fact added).
    if let Some(f) = r.flag.fact_id.as_deref().and_then(|id| c.fact(id)) {
        if r.flag.kind != crate::agent::FlagKind::FactAdded {
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("The fact: ", t.heading),
                Span::raw(format!("{} {}", f.id, f.text)),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled("Esc or Enter closes.", t.dim)));
    popup(lines, " Flag ", look, frame, centred(area, 90, 14));
}

pub fn message(p: &crate::tui::app::Popup, t: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = p.text.lines().map(|l| Line::raw(l.to_string())).collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "Esc or Enter closes; the app keeps running.",
        t.dim,
    )));
    let width = 96.min(area.width);
    // As tall as the text wraps to, up to the screen.
    let rows = Paragraph::new(lines.clone())
        .wrap(Wrap { trim: false })
        .line_count(width.saturating_sub(2).max(1));
    let height = (rows.min(usize::from(u16::MAX - 2)) as u16 + 2).min(area.height);
    let border = if p.problem { t.error } else { t.focus };
    popup(lines, &p.title, border, frame, centred(area, width, height));
}
