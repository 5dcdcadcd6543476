//! `eval questions`: the offline patient against questions students wrote.
//! Each question is asked in a new interview, after the questions it
//! follows; the reply is counted as answered when every part of the record
//! the question expects is brought out by it (a fact the shown reply states,
//! as the verifier reads it, or that the patient said it rested on), as a
//! clarification when the patient asked what was meant, and as a wrong
//! subject when it brought out none of what was asked.

use super::ratio;
use super::sets::{Set, SetQuestion};
use crate::agent::{Agent, Offline, TurnReport};
use crate::case::{Case, path};
use crate::memory::{Fact, Memory, Value};
use crate::persona::{Persona, Style};
use crate::verify::Label;
use rayon::prelude::*;
use serde::Serialize;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every expected part of the record was brought out.
    Answered,
    /// Some, not all.
    Partial,
    /// None of it, though the patient answered something.
    WrongSubject,
    /// The patient asked what was meant.
    Clarification,
    /// Nothing was expected (the record is silent) and the patient answered.
    Free,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scored {
    pub case: String,
    pub question: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<String>,
    pub reply: String,
    pub outcome: Outcome,
    pub expected: Vec<String>,
    pub missing: Vec<String>,
    /// Denials the patient made up of something the record has.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invented_denials: Vec<String>,
    /// The shown reply contradicts the record (it should never).
    pub contradiction: bool,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Report {
    pub set: String,
    pub questions: usize,
    /// Questions that expect something of the record.
    pub expecting: usize,
    pub answered: usize,
    pub partial: usize,
    pub wrong_subject: usize,
    pub clarifications: usize,
    /// answered / expecting.
    pub answered_rate: f64,
    /// clarifications / questions.
    pub clarification_rate: f64,
    pub wrong_subject_rate: f64,
    pub invented_denials: usize,
    pub contradictions: usize,
    pub seconds: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misses: Vec<Scored>,
}

/// The turn's outcome as the patient meant it: a request to rephrase.
fn is_clarification(t: &TurnReport) -> bool {
    t.clarification
}

/// Paths of the facts a turn brought out: what its shown reply entails, and
/// what the responder said the reply rested on.
fn brought_out(t: &TurnReport, memory: &Memory) -> Vec<String> {
    t.verdicts
        .iter()
        .filter(|v| v.label == Label::Entail)
        .filter_map(|v| v.fact_id.as_deref())
        .chain(t.grounds.iter().map(String::as_str))
        .filter_map(|id| memory.fact(id))
        .map(|f| f.path.clone())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A denial the patient made up that something recorded falls under ("no
/// pain" with a recorded abdominal pain).
fn invented_denial(f: &Fact, case: &Case) -> bool {
    if f.value != Value::yes(false) || f.key.topic != crate::memory::Topic::Symptom {
        return false;
    }
    crate::language::falls_under_any(case, &f.key.subject)
}

fn score(case: &Case, q: &SetQuestion, set: &Set) -> Scored {
    let mut agent = Agent::new(
        case.clone(),
        Offline {
            persona: Persona::builtin(Style::Plain),
            seed: 1,
            chaos: 0.0,
        },
    );
    agent.date = set.date;
    for b in &q.before {
        agent.ask(b);
    }
    let turn = agent.ask(&q.question);
    let expected: Vec<String> = q
        .expect
        .iter()
        .filter_map(|p| path::resolve(case, p).ok())
        .collect();
    let said = brought_out(&turn, &agent.memory);
    let missing: Vec<String> = expected
        .iter()
        .filter(|e| !said.iter().any(|s| path::within(s, e)))
        .cloned()
        .collect();
    let outcome = if is_clarification(&turn) {
        Outcome::Clarification
    } else if expected.is_empty() {
        Outcome::Free
    } else if missing.is_empty() {
        Outcome::Answered
    } else if missing.len() < expected.len() {
        Outcome::Partial
    } else {
        Outcome::WrongSubject
    };
    let invented_denials = turn
        .added_facts
        .iter()
        .filter(|f| invented_denial(f, case))
        .map(|f| f.text.clone())
        .collect();
    Scored {
        case: q.case.clone(),
        question: q.question.clone(),
        before: q.before.clone(),
        reply: turn.reply.clone(),
        outcome,
        expected,
        missing,
        invented_denials,
        contradiction: turn.verdicts.iter().any(|v| v.label == Label::Contradict),
    }
}

pub fn run(set: &Set, misses: bool) -> Report {
    let started = Instant::now();
    let scored: Vec<Scored> = set
        .questions
        .par_iter()
        .map(|q| score(&set.cases[&q.case], q, set))
        .collect();
    let mut r = Report {
        set: set.path.display().to_string(),
        questions: scored.len(),
        ..Report::default()
    };
    for s in &scored {
        if !s.expected.is_empty() {
            r.expecting += 1;
        }
        match s.outcome {
            Outcome::Answered => r.answered += 1,
            Outcome::Partial => r.partial += 1,
            Outcome::WrongSubject => r.wrong_subject += 1,
            Outcome::Clarification => r.clarifications += 1,
            Outcome::Free => {}
        }
        r.invented_denials += s.invented_denials.len();
        r.contradictions += usize::from(s.contradiction);
    }
    r.answered_rate = ratio(r.answered, r.expecting);
    r.clarification_rate = ratio(r.clarifications, r.questions);
    r.wrong_subject_rate = ratio(r.wrong_subject, r.expecting);
    if misses {
        r.misses = scored
            .into_iter()
            .filter(|s| {
                !matches!(s.outcome, Outcome::Answered | Outcome::Free)
                    || !s.invented_denials.is_empty()
                    || s.contradiction
            })
            .collect();
    }
    r.seconds = started.elapsed().as_secs_f64();
    r
}

pub fn table(r: &Report) -> String {
    let mut out = format!(
        "{}: {} questions ({} expecting record facts), {:.2} s\n\
         answered with the expected facts {:.3} ({}/{}); partly {}; wrong subject {:.3} ({})\n\
         clarification requests {:.3} ({}/{})\n\
         invented denials of a recorded item {}; replies contradicting the record {}\n",
        r.set,
        r.questions,
        r.expecting,
        r.seconds,
        r.answered_rate,
        r.answered,
        r.expecting,
        r.partial,
        r.wrong_subject_rate,
        r.wrong_subject,
        r.clarification_rate,
        r.clarifications,
        r.questions,
        r.invented_denials,
        r.contradictions,
    );
    for m in &r.misses {
        out.push_str(&format!(
            "\n[{:?}] {}\n  before: {}\n  Q: {}\n  A: {}\n  missing: {}\n",
            m.outcome,
            m.case,
            m.before.join(" / "),
            m.question,
            m.reply,
            m.missing.join(", ")
        ));
        for d in &m.invented_denials {
            out.push_str(&format!("  invented denial: {d}\n"));
        }
    }
    out
}
