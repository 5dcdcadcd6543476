//! Scoring the student: history-taking coverage, the share of the record's
//! key items (what a history should bring out) that the student's questions
//! elicited — a shown reply rested on them.

use crate::agent::FlagKind;
use crate::memory::{Fact, Origin, Topic, Value};

/// Whether a fact is one of the items a history should bring out: what the
/// patient knows of their symptoms, history, medicines, family and habits.
pub fn is_key_item(f: &Fact) -> bool {
    use Topic as T;
    f.known
        && matches!(f.origin, Origin::Semantic)
        && matches!(
            f.key.topic,
            T::Symptom
                | T::Onset
                | T::Location
                | T::Character
                | T::Radiation
                | T::Intensity
                | T::Course
                | T::Aggravating
                | T::Relieving
                | T::Condition
                | T::Surgery
                | T::Medication
                | T::Allergy
                | T::Family
                | T::Smoking
                | T::Alcohol
                | T::Drugs
                | T::Occupation
                | T::Living
        )
        // One per list: the aggregate "any medicines?" stands for the items only when there are none.
        && !(f.key.subject.is_empty() && matches!(f.value, Value::Yes { yes: true }))
}

pub struct Coverage<'a> {
    pub covered: Vec<&'a Fact>,
    pub missed: Vec<&'a Fact>,
}

impl Coverage<'_> {
    pub fn total(&self) -> usize {
        self.covered.len() + self.missed.len()
    }

    /// Covered items as a percentage of all key items (0 when there are none).
    pub fn percent(&self) -> f64 {
        match self.total() {
            0 => 0.0,
            n => 100.0 * self.covered.len() as f64 / n as f64,
        }
    }
}

/// The key items among `facts`, split by whether their id is in `revealed`.
pub fn coverage<'a>(facts: &'a [Fact], revealed: &[String]) -> Coverage<'a> {
    let (covered, missed) = facts
        .iter()
        .filter(|f| is_key_item(f))
        .partition(|f| revealed.contains(&f.id));
    Coverage { covered, missed }
}

/// What the debrief shows, from the session's facts and history.
pub struct Debrief<'a> {
    pub coverage: Coverage<'a>,
    /// Examination and test results ordered, in order.
    pub ordered: Vec<&'a Fact>,
    /// Candidate replies rejected for contradicting the record.
    pub caught: usize,
    /// Turns answered with the fact-only reply.
    pub fallbacks: usize,
    /// Facts the patient added during the dialogue.
    pub added: usize,
    pub questions: usize,
}

/// `facts` are the record's and the dialogue's (as the memory panel has them).
pub fn debrief<'a>(facts: &'a [Fact], history: &super::History) -> Debrief<'a> {
    let revealed = revealed(history);
    let find = |id: &String| facts.iter().find(|f| &f.id == id);
    let ordered = history
        .notes
        .iter()
        .filter_map(|n| match n {
            super::SessionEvent::Ordered { fact_ids, .. } => Some(fact_ids),
            _ => None,
        })
        .flatten()
        .filter_map(find)
        .fold(Vec::new(), |mut seen: Vec<&Fact>, f| {
            // A result ordered twice is one result.
            if !seen.iter().any(|s| s.id == f.id) {
                seen.push(f);
            }
            seen
        });
    let flags = || history.turns.iter().flat_map(|t| &t.flags);
    Debrief {
        coverage: coverage(facts, &revealed),
        ordered,
        caught: flags()
            .filter(|f| f.kind == FlagKind::Contradiction)
            .count(),
        fallbacks: flags().filter(|f| f.kind == FlagKind::Fallback).count(),
        added: history.turns.iter().map(|t| t.added_facts.len()).sum(),
        questions: history.turns.len(),
    }
}

/// The facts the shown replies rested on (entailed), by id, first time first.
pub fn revealed(history: &super::History) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for v in history.turns.iter().flat_map(|t| &t.verdicts) {
        if let (Some(id), crate::verify::Label::Entail) = (&v.fact_id, v.label) {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids
}
