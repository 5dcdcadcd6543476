//! A finished session as a document to keep or hand in: the transcript with
//! what the student did between questions, the debrief, and the flags.

use super::{History, SessionEvent, score};
use crate::memory::Fact;
use std::fmt::Write;

/// What an export is made of: the case as the chat knew it, and the session.
pub struct Export<'a> {
    pub case_id: &'a str,
    pub patient: &'a str,
    pub diagnosis: &'a str,
    /// The record's facts and the dialogue's, as the memory panel has them.
    pub facts: &'a [Fact],
    pub history: &'a History,
}

fn note_line(e: &Export<'_>, n: &SessionEvent) -> String {
    match n {
        SessionEvent::StyleChanged { style, .. } => format!("*Style changed to {style}.*"),
        SessionEvent::Ordered {
            request, fact_ids, ..
        } => {
            let found: Vec<&str> = fact_ids
                .iter()
                .filter_map(|id| e.facts.iter().find(|f| &f.id == id))
                .map(|f| f.text.as_str())
                .collect();
            format!("*Ordered \"{request}\":* {}", found.join(" "))
        }
        SessionEvent::Cancelled { question, .. } => {
            format!("*Cancelled before the reply: \"{question}\"*")
        }
        _ => String::new(),
    }
}

pub fn markdown(e: &Export<'_>) -> String {
    let d = score::debrief(e.facts, e.history);
    let mut out = String::new();
    let _ = writeln!(out, "# Interview with {} ({})\n", e.patient, e.case_id);
    let _ = writeln!(out, "## Transcript\n");
    for n in e.history.notes_after(0) {
        let _ = writeln!(out, "{}\n", note_line(e, n));
    }
    for t in &e.history.turns {
        let _ = writeln!(out, "**Student (turn {}):** {}\n", t.turn, t.question);
        let _ = writeln!(out, "**{}:** {}\n", e.patient, t.reply);
        for n in e.history.notes_after(t.turn) {
            let _ = writeln!(out, "{}\n", note_line(e, n));
        }
    }
    let _ = writeln!(out, "## Debrief\n");
    let _ = writeln!(
        out,
        "- History-taking coverage: {} of {} key items elicited ({:.0}%) in {} questions",
        d.coverage.covered.len(),
        d.coverage.total(),
        d.coverage.percent(),
        d.questions
    );
    let _ = writeln!(out, "- Examinations and tests ordered: {}", d.ordered.len());
    let _ = writeln!(
        out,
        "- Contradictions caught by the verifier: {}; fact-only fallbacks: {}; facts the patient added: {}",
        d.caught, d.fallbacks, d.added
    );
    let _ = writeln!(out, "- Diagnosis: {}\n", e.diagnosis);
    let _ = writeln!(out, "### Missed\n");
    for f in &d.coverage.missed {
        let _ = writeln!(out, "- {} {}", f.id, f.text);
    }
    let _ = writeln!(out, "\n## Flags\n");
    let mut any = false;
    for t in &e.history.turns {
        for f in &t.flags {
            any = true;
            let _ = writeln!(out, "- turn {} {}: {}", t.turn, f.kind, f.detail);
        }
        for f in &t.added_facts {
            any = true;
            let _ = writeln!(out, "- turn {} fact added: {} {}", t.turn, f.id, f.text);
        }
    }
    if !any {
        let _ = writeln!(out, "None.");
    }
    out
}

pub fn json(e: &Export<'_>) -> serde_json::Value {
    let d = score::debrief(e.facts, e.history);
    let facts = |list: &[&Fact]| {
        list.iter()
            .map(|f| serde_json::json!({"id": f.id, "text": f.text}))
            .collect::<Vec<_>>()
    };
    serde_json::json!({
        "case": e.case_id,
        "patient": e.patient,
        "diagnosis": e.diagnosis,
        "turns": e.history.turns,
        "notes": e.history.notes,
        "debrief": {
            "covered": facts(&d.coverage.covered),
            "missed": facts(&d.coverage.missed),
            "coverage_percent": d.coverage.percent(),
            "questions": d.questions,
            "ordered": facts(&d.ordered),
            "contradictions_caught": d.caught,
            "fallbacks": d.fallbacks,
            "facts_added": d.added,
        },
    })
}
