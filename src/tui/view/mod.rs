//! Rendering: a pure function of the app state, one file per panel. Chat on
//! the left, memory, examination and flags on the right, a status bar below;
//! the picker, the debrief, popups, and a message when the window is too small.

mod debrief;
mod exam_panel;
mod flags_panel;
mod input;
mod memory_panel;
mod picker;
mod popups;
mod status;
mod transcript;

use super::app::{App, Screen};
use super::chat::{Chat, Focus};
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};

/// Below this the layout cannot show the panels; a message says so instead.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 20;

/// Where the chat screen's panels go in `area`.
pub struct ChatLayout {
    pub transcript: Rect,
    pub input: Rect,
    pub memory: Rect,
    pub examination: Rect,
    pub flags: Rect,
    pub status: Rect,
}

pub fn layout(area: Rect) -> ChatLayout {
    let [main, status] = Layout::vertical([Constraint::Min(5), Constraint::Length(1)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(main);
    let [transcript, input] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(left);
    let [memory, examination, flags] = Layout::vertical([
        Constraint::Percentage(46),
        Constraint::Percentage(24),
        Constraint::Percentage(30),
    ])
    .areas(right);
    ChatLayout {
        transcript,
        input,
        memory,
        examination,
        flags,
        status,
    }
}

/// The panel under a screen position (for the mouse).
pub fn panel_at(area: Rect, x: u16, y: u16) -> Option<Focus> {
    let l = layout(area);
    let p = Position { x, y };
    [
        (l.transcript, Focus::Transcript),
        (l.input, Focus::Input),
        (l.memory, Focus::Memory),
        (l.examination, Focus::Examination),
        (l.flags, Focus::Flags),
    ]
    .into_iter()
    .find(|(r, _)| r.contains(p))
    .map(|(_, f)| f)
}

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
    let t = &app.theme;
    match &app.screen {
        Screen::Picker(p) => picker::render(p, app.instructor, t, frame, area),
        Screen::Chat(c) if c.ended => debrief::render(c, t, frame, area),
        Screen::Chat(c) => chat(c, app.instructor, None, t, frame, area),
        Screen::Replay(r) => chat(
            &r.view,
            app.instructor,
            Some((r.pos, r.turns())),
            t,
            frame,
            area,
        ),
    }
    let detail = match &app.screen {
        Screen::Chat(c) => c.detail.as_ref().map(|d| (d, c.as_ref())),
        Screen::Replay(r) => r.view.detail.as_ref().map(|d| (d, &r.view)),
        Screen::Picker(_) => None,
    };
    if let Some((raised, c)) = detail {
        popups::flag(raised, c, t, frame, area);
    }
    if app.help {
        popups::help(t, frame, area);
    }
    if let Some(p) = &app.popup {
        popups::message(p, t, frame, area);
    }
}

fn chat(
    c: &Chat,
    instructor: bool,
    replay: Option<(usize, usize)>,
    t: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let l = layout(area);
    transcript::render(c, instructor, t, frame, l.transcript);
    input::render(c, replay.is_some(), t, frame, l.input);
    memory_panel::render(c, instructor, t, frame, l.memory);
    exam_panel::render(c, t, frame, l.examination);
    flags_panel::render(c, t, frame, l.flags);
    status::render(c, instructor, replay, t, frame, l.status);
}

/// Keeps the chat's scroll positions inside their content for a terminal of
/// `size` (called after every update, so a key past the end does not pile up
/// rows that the next key in the other direction would first have to undo).
pub fn clamp_scroll(c: &mut Chat, instructor: bool, size: Rect) {
    let l = layout(size);
    let t = Theme::default();
    if c.scroll.transcript > 0 {
        c.scroll.transcript = c
            .scroll
            .transcript
            .min(transcript_max_scroll(c, instructor, size));
    }
    if c.scroll.memory > 0 {
        let most = overflow(&wrapped(memory_panel::lines(c, instructor, &t)), l.memory);
        c.scroll.memory = c.scroll.memory.min(most);
    }
    if c.scroll.examination > 0 {
        let most = overflow(&wrapped(exam_panel::lines(c)), l.examination);
        c.scroll.examination = c.scroll.examination.min(most);
    }
    if c.scroll.debrief > 0 {
        c.scroll.debrief = c
            .scroll
            .debrief
            .min(overflow(&wrapped(debrief::lines(c, &t)), size));
    }
}

/// How far the transcript can scroll up on a terminal of `size`.
pub fn transcript_max_scroll(c: &Chat, instructor: bool, size: Rect) -> u16 {
    transcript::max_scroll(c, instructor, layout(size).transcript)
}

fn wrapped(lines: Vec<Line<'_>>) -> Paragraph<'_> {
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// Rows of `p` beyond what a bordered `area` shows: how far it can scroll.
fn overflow(p: &Paragraph, area: Rect) -> u16 {
    let rows = p.line_count(area.width.saturating_sub(2).max(1));
    let rows = rows.min(usize::from(u16::MAX)) as u16;
    rows.saturating_sub(area.height.saturating_sub(2))
}

/// A panel of wrapped lines scrolled `offset` rows down (kept inside the content), with a scrollbar when it overflows.
fn scrolled_panel(
    lines: Vec<Line<'_>>,
    offset: u16,
    block: Block<'_>,
    frame: &mut Frame,
    area: Rect,
) {
    let p = wrapped(lines);
    let most = overflow(&p, area);
    let offset = offset.min(most);
    frame.render_widget(p.scroll((offset, 0)).block(block), area);
    if most > 0 {
        let mut state = ScrollbarState::new(usize::from(most)).position(usize::from(offset));
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight),
            area,
            &mut state,
        );
    }
}

/// A bordered panel, its border and title brighter when it has the focus.
fn panel<'a>(title: impl Into<Line<'a>>, focused: bool, t: &Theme) -> Block<'a> {
    let block = Block::default().borders(Borders::ALL).title(title);
    if focused {
        block.border_style(t.focus).title_style(t.focus)
    } else {
        block
    }
}
