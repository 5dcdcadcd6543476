//! Rendering: a pure function of the app state. Chat on the left, memory and
//! flags on the right, a status bar below; the picker; help; too small.

use super::app::{App, Chat, Screen, Speaker};
use super::picker::Picker;
use crate::memory::{Fact, Origin, Topic};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style as Look, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, Paragraph, Wrap};

/// Below this the layout cannot show the panels; a message says so instead.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 20;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "The window is {}x{}; Patient-Zero needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Make it larger, or press Ctrl+Q to quit.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    match &app.screen {
        Screen::Picker(p) => picker(p, app.instructor, frame, area),
        Screen::Chat(c) if c.ended => debrief(c, frame, area),
        Screen::Chat(c) => chat(c, app.instructor, None, frame, area),
        Screen::Replay(r) => chat(
            &r.view,
            app.instructor,
            Some((r.pos, r.turns.len())),
            frame,
            area,
        ),
    }
    if app.help {
        help(frame, area);
    }
}

fn picker(p: &Picker, instructor: bool, frame: &mut Frame, area: Rect) {
    let [list_area, filter_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(area);
    let visible = p.visible();
    let items: Vec<ListItem> = visible
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let text = match &e.summary {
                Ok(s) => {
                    let disease = if instructor {
                        format!(" [{}]", s.disease)
                    } else {
                        String::new()
                    };
                    format!(
                        "{:<14} {:<22} {:>3} {:<6} {}{disease}  \"{}\"",
                        s.department, s.name, s.age, s.sex, e.id, s.complaint
                    )
                }
                Err(problem) => format!("{}  INVALID: {problem}", e.id),
            };
            let look = match (i == p.selected, e.summary.is_ok()) {
                (true, _) => Look::new().add_modifier(Modifier::REVERSED),
                (false, false) => Look::new().red(),
                _ => Look::new(),
            };
            ListItem::new(text).style(look)
        })
        .collect();
    let title = format!(
        " Cases ({} of {}) - Enter opens, Esc quits, F1 help ",
        visible.len(),
        p.entries.len()
    );
    frame.render_widget(
        List::new(items).block(Block::default().borders(Borders::ALL).title(title)),
        list_area,
    );
    frame.render_widget(
        Paragraph::new(format!("filter: {}", p.filter))
            .block(Block::default().borders(Borders::ALL)),
        filter_area,
    );
}

fn chat(c: &Chat, instructor: bool, replay: Option<(usize, usize)>, frame: &mut Frame, area: Rect) {
    let [main, status_area] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(1)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(main);
    let [transcript_area, input_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(left);
    let [memory_area, exam_area, flags_area] = Layout::vertical([
        Constraint::Percentage(48),
        Constraint::Percentage(24),
        Constraint::Percentage(28),
    ])
    .areas(right);

    // Transcript, newest at the bottom. Only the lines that can be seen (with
    // the scroll) are laid out, so a long dialogue costs no more per frame.
    let inner_width = transcript_area.width.saturating_sub(2).max(1);
    let height = transcript_area.height.saturating_sub(2);
    let line_of = |l: &super::app::Line| {
        let (who, look) = match l.speaker {
            Speaker::Student => ("You".to_string(), Look::new().cyan().bold()),
            Speaker::Patient => (
                format!("{} ({})", c.patient, c.style),
                Look::new().green().bold(),
            ),
            Speaker::System => ("note".to_string(), Look::new().dark_gray()),
        };
        Line::from(vec![
            Span::styled(format!("{who}: "), look),
            Span::raw(l.text.clone()),
        ])
    };
    let mut lines: Vec<Line> = Vec::new();
    if c.busy {
        lines.push(Line::from(Span::styled(
            format!("{} is thinking / verifying...", c.patient),
            Look::new().italic().dark_gray(),
        )));
    }
    let rows = |l: &Line| (l.width() as u16).div_ceil(inner_width).max(1);
    let mut total: u16 = lines.iter().map(rows).sum();
    let wanted = height.saturating_add(c.scroll);
    for l in c.transcript.iter().rev() {
        if total >= wanted {
            break;
        }
        let line = line_of(l);
        total = total.saturating_add(rows(&line));
        lines.push(line);
    }
    lines.reverse();
    let top = total.saturating_sub(height).saturating_sub(c.scroll);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((top, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(format!(" {} ", c.case_id)),
            ),
        transcript_area,
    );
    let prompt = if c.busy {
        " Ask (the patient is answering) "
    } else {
        " Ask - Enter sends, Up/Down recall "
    };
    frame.render_widget(
        Paragraph::new(c.input.as_str())
            .block(Block::default().borders(Borders::ALL).title(prompt)),
        input_area,
    );

    memory(c, instructor, frame, memory_area);
    examination(c, frame, exam_area);
    flags(c, frame, flags_area);

    let latency = c
        .last_latency_ms
        .map(|ms| format!("{ms:.1} ms"))
        .unwrap_or_else(|| "-".into());
    let reveal = if instructor {
        format!(" | diagnosis: {}", c.diagnosis)
    } else {
        String::new()
    };
    let status = match replay {
        Some((pos, n)) => format!(
            " REPLAY {} | after turn {pos} of {n}{reveal} | Left/Right step  Home/End  F2 instructor  q quit",
            c.case_id
        ),
        None => format!(
            " {} | style {} | offline | last turn {latency} | turn {}{reveal} | Tab style  F2 instructor  Ctrl+E end  F1 help  Ctrl+Q quit",
            c.case_id, c.style, c.turn
        ),
    };
    frame.render_widget(Paragraph::new(status).reversed(), status_area);
}

/// Which group of the memory panel a fact belongs to.
fn group(f: &Fact) -> usize {
    use Topic as T;
    match f.key.topic {
        T::Symptom
        | T::Onset
        | T::OnsetMode
        | T::Trigger
        | T::Duration
        | T::Location
        | T::Character
        | T::Radiation
        | T::Intensity
        | T::Course
        | T::Frequency
        | T::Aggravating
        | T::Relieving => 0,
        T::Condition | T::Surgery | T::Vaccination | T::Reproductive | T::Pregnancies => 1,
        T::Medication | T::Allergy => 2,
        T::Family => 3,
        T::Vital | T::Lab | T::Imaging | T::Finding | T::Study | T::Diagnosis => 5,
        _ => 4,
    }
}

const GROUPS: [&str; 6] = [
    "Symptoms",
    "History",
    "Medications and allergies",
    "Family",
    "Social",
    "Examination (examiner only)",
];

fn memory(c: &Chat, instructor: bool, frame: &mut Frame, area: Rect) {
    let mut items: Vec<ListItem> = Vec::new();
    // Facts added in this dialogue first, newest on top: they are what changes.
    let added: Vec<&Fact> = c.episodic().collect();
    if !added.is_empty() {
        items.push(ListItem::new(Line::from(Span::styled(
            "Added in this dialogue",
            Look::new().bold().underlined().yellow(),
        ))));
        for f in added.iter().rev() {
            let turn = match f.origin {
                Origin::Episodic { turn } => turn,
                Origin::Semantic => 0,
            };
            items.push(ListItem::new(Line::from(vec![
                Span::raw(format!("+t{turn} ")),
                Span::styled(format!("{} {}", f.id, f.text), Look::new().yellow()),
            ])));
        }
    }
    for (g, title) in GROUPS.iter().enumerate() {
        let facts: Vec<&Fact> = c
            .facts
            .iter()
            .filter(|f| {
                matches!(f.origin, Origin::Semantic) && group(f) == g && (instructor || f.known)
            })
            .collect();
        if facts.is_empty() {
            continue;
        }
        items.push(ListItem::new(Line::from(Span::styled(
            *title,
            Look::new().bold().underlined(),
        ))));
        for f in facts {
            let (mark, look) = if c.revealed.contains(&f.id) {
                ("✓ ", Look::new())
            } else {
                ("  ", Look::new().dark_gray())
            };
            items.push(ListItem::new(Line::from(vec![
                Span::raw(mark),
                Span::styled(format!("{} {}", f.id, f.text), look),
            ])));
        }
    }
    let title = format!(
        " Memory: {} facts, {} added, {} revealed ",
        c.facts.len(),
        c.episodic().count(),
        c.revealed.len()
    );
    frame.render_widget(
        List::new(items).block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}

fn examination(c: &Chat, frame: &mut Frame, area: Rect) {
    let items: Vec<ListItem> = c
        .ordered
        .iter()
        .filter_map(|id| c.facts.iter().find(|f| &f.id == id))
        .map(|f| ListItem::new(f.text.clone()))
        .collect();
    let title = if items.is_empty() {
        " Examination: type /exam X or /test X ".to_string()
    } else {
        format!(" Examination: {} results ", items.len())
    };
    frame.render_widget(
        List::new(items).block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}

fn flags(c: &Chat, frame: &mut Frame, area: Rect) {
    let items: Vec<ListItem> = c
        .flags
        .iter()
        .rev()
        .map(|r| {
            let look = match r.flag.kind.as_str() {
                "contradiction" => Look::new().red(),
                "fallback" | "fallback_failed" => Look::new().magenta(),
                _ => Look::new().yellow(),
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!("t{} {}: ", r.turn, r.flag.kind), look.bold()),
                Span::raw(r.flag.detail.clone()),
            ]))
        })
        .collect();
    let caught = c
        .flags
        .iter()
        .filter(|r| r.flag.kind == "contradiction")
        .count();
    frame.render_widget(
        List::new(items).block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" Flags: {caught} contradictions caught ")),
        ),
        area,
    );
}

fn debrief(c: &Chat, frame: &mut Frame, area: Rect) {
    let d = c.debrief();
    let total = d.covered.len() + d.missed.len();
    let pct = if total == 0 {
        0.0
    } else {
        100.0 * d.covered.len() as f64 / total as f64
    };
    let mut lines = vec![
        Line::from(Span::styled(
            format!("Debrief: {} ({})", c.patient, c.case_id),
            Look::new().bold(),
        )),
        Line::raw(""),
        Line::raw(format!(
            "History-taking coverage: {} of {total} key items elicited ({pct:.0}%) in {} questions",
            d.covered.len(),
            c.turn
        )),
        Line::raw(format!(
            "Contradictions caught by the verifier: {}   Facts the patient added: {}",
            d.caught, d.added
        )),
        Line::raw(format!("Diagnosis: {}", c.diagnosis)),
        Line::raw(""),
        Line::from(Span::styled("Missed:", Look::new().bold())),
    ];
    for f in &d.missed {
        lines.push(Line::raw(format!("  {} {}", f.id, f.text)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "Esc returns to the interview, Ctrl+Q quits.",
        Look::new().dark_gray(),
    )));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" End of interview "),
        ),
        area,
    );
}

fn help(frame: &mut Frame, area: Rect) {
    let text = "Enter      send the question\nUp / Down  recall earlier questions\nPgUp/PgDn  scroll the transcript\nTab        next reply style\nF2         instructor mode (diagnosis, examiner-only facts)\nCtrl+E     end the interview: debrief\nEsc        cancel the turn in flight\n/exam X    order an examination or test (/exam vitals, /test lipase)\nF1 / Esc   this help\nCtrl+Q     quit";
    let w = area.width.min(64);
    let h = 14.min(area.height);
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text).block(Block::default().borders(Borders::ALL).title(" Keys ")),
        popup,
    );
}
