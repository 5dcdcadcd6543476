//! The patient's memory: facts added in this dialogue on top (with their
//! turn), then the record's facts by group; facts the replies rested on are
//! ticked. Examiner-only facts only in instructor mode.

use super::panel;
use crate::memory::{Fact, Origin, Topic};
use crate::tui::chat::{Chat, Focus};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Which group of the panel a fact belongs to.
fn group(f: &Fact) -> usize {
    use Topic as T;
    match f.key.topic {
        t if t == T::Symptom || t.describes_symptom() => 0,
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

/// The panel's lines: the facts added in this dialogue, then the record's by group.
pub fn lines<'a>(c: &'a Chat, instructor: bool, t: &Theme) -> Vec<Line<'a>> {
    let mut lines: Vec<Line> = Vec::new();
    let added: Vec<&Fact> = c
        .pending
        .iter()
        .flat_map(|p| &p.facts)
        .chain(c.episodic())
        .collect();
    if !added.is_empty() {
        lines.push(Line::from(Span::styled(
            "Added in this dialogue",
            t.heading.patch(t.added),
        )));
        // Newest on top: what changes is what a developer watches.
        for f in added.iter().rev() {
            let turn = match f.origin {
                Origin::Episodic { turn } => turn,
                Origin::Semantic => 0,
            };
            lines.push(Line::from(vec![
                Span::styled(format!("+t{turn} "), t.added),
                Span::styled(format!("{} {}", f.id, f.text), t.added),
            ]));
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
        lines.push(Line::from(Span::styled(*title, t.heading)));
        for f in facts {
            let (mark, look) = if c.revealed.contains(&f.id) {
                ("✓ ", ratatui::style::Style::new())
            } else {
                ("  ", t.dim)
            };
            lines.push(Line::from(vec![
                Span::styled(mark, t.entail),
                Span::styled(format!("{} {}", f.id, f.text), look),
            ]));
        }
    }
    lines
}

pub fn render(c: &Chat, instructor: bool, t: &Theme, frame: &mut Frame, area: Rect) {
    let added = c.pending.iter().map(|p| p.facts.len()).sum::<usize>() + c.episodic().count();
    let shown = c
        .facts
        .iter()
        .filter(|f| matches!(f.origin, Origin::Semantic) && (instructor || f.known))
        .count();
    let revealed = c
        .revealed
        .iter()
        .filter(|id| {
            c.fact(id)
                .is_some_and(|f| matches!(f.origin, Origin::Semantic))
        })
        .count();
    let title = format!(
        " Memory: {} facts, {added} added, {revealed} revealed ",
        shown + added
    );
    super::scrolled_panel(
        lines(c, instructor, t),
        c.scroll.memory,
        panel(title, c.focus == Focus::Memory, t),
        frame,
        area,
    );
}
