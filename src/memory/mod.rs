//! The patient's memory: atomic facts on two tracks, semantic (from the
//! record) and episodic (said in dialogue), indexed by key so that the facts a
//! claim concerns are found by lookup, not by a scan.

mod decompose;
mod fact;

pub use decompose::decompose;
pub use fact::{Fact, Key, Origin, Topic, Value};

use crate::case::Case;
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct Memory {
    pub semantic: Vec<Fact>,
    pub episodic: Vec<Fact>,
    /// The words the record uses for each subject (a symptom's name and lay
    /// wording, a medicine's name and what the patient calls it), for finding
    /// mentions of it in free text.
    pub terms: Vec<(Key, String)>,
    by_key: HashMap<Key, Vec<Slot>>,
    by_topic: HashMap<crate::memory::Topic, Vec<Slot>>,
}

/// How long the episodic track and the learnt terms were at some moment:
/// rewinding to it forgets everything said since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    episodic: usize,
    terms: usize,
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Semantic(usize),
    Episodic(usize),
}

impl Memory {
    pub fn from_case(case: &Case) -> Self {
        let mut m = Memory {
            terms: decompose::terms(case),
            ..Memory::default()
        };
        for f in decompose(case) {
            m.index(Slot::Semantic(m.semantic.len()), &f.key);
            m.semantic.push(f);
        }
        m
    }

    fn index(&mut self, slot: Slot, key: &Key) {
        self.by_key.entry(key.clone()).or_default().push(slot);
        self.by_topic.entry(key.topic).or_default().push(slot);
    }

    fn get(&self, slot: Slot) -> &Fact {
        match slot {
            Slot::Semantic(i) => &self.semantic[i],
            Slot::Episodic(i) => &self.episodic[i],
        }
    }

    /// The facts under exactly this key.
    pub fn by_key(&self, key: &Key) -> impl Iterator<Item = &Fact> {
        self.by_key
            .get(key)
            .into_iter()
            .flatten()
            .map(|s| self.get(*s))
    }

    /// Every fact on a topic, whatever its subject.
    pub fn by_topic(&self, topic: Topic) -> impl Iterator<Item = &Fact> {
        self.by_topic
            .get(&topic)
            .into_iter()
            .flatten()
            .map(|s| self.get(*s))
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.semantic
            .iter()
            .chain(&self.episodic)
            .find(|f| f.id == id)
    }

    pub fn len(&self) -> usize {
        self.semantic.len() + self.episodic.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds a fact said at `turn` to the episodic track and returns it (with its new id).
    pub fn remember(&mut self, key: Key, value: Value, text: String, turn: u32) -> &Fact {
        let id = format!("E{:03}", self.episodic.len() + 1);
        let fact = Fact {
            id,
            key,
            value,
            text,
            known: true,
            origin: Origin::Episodic { turn },
            path: String::new(),
        };
        self.learn_term(&fact.key);
        self.index(Slot::Episodic(self.episodic.len()), &fact.key);
        self.episodic.push(fact);
        self.episodic.last().expect("just pushed")
    }

    pub fn mark(&self) -> Mark {
        Mark {
            episodic: self.episodic.len(),
            terms: self.terms.len(),
        }
    }

    /// Forgets the episodic facts and terms learnt since `mark` (a turn taken back).
    pub fn rewind(&mut self, mark: &Mark) {
        if self.episodic.len() <= mark.episodic && self.terms.len() <= mark.terms {
            return;
        }
        self.episodic.truncate(mark.episodic);
        self.terms.truncate(mark.terms);
        let keep = |s: &Slot| !matches!(s, Slot::Episodic(i) if *i >= mark.episodic);
        for slots in self.by_key.values_mut() {
            slots.retain(keep);
        }
        self.by_key.retain(|_, slots| !slots.is_empty());
        for slots in self.by_topic.values_mut() {
            slots.retain(keep);
        }
    }

    /// Re-adds episodic facts from an earlier session (the cross-dialogue setting), keeping their ids.
    pub fn restore(&mut self, facts: impl IntoIterator<Item = Fact>) {
        for f in facts {
            if self.episodic.iter().any(|e| e.id == f.id) {
                continue;
            }
            self.learn_term(&f.key);
            self.index(Slot::Episodic(self.episodic.len()), &f.key);
            self.episodic.push(f);
        }
    }

    /// A new subject said in dialogue (a symptom the record lacks) is looked for in later replies too.
    fn learn_term(&mut self, key: &Key) {
        use Topic as T;
        let named = matches!(
            key.topic,
            T::Symptom | T::Condition | T::Surgery | T::Medication | T::Allergy | T::Family
        );
        if named && !key.subject.is_empty() && !self.terms.iter().any(|(k, _)| k == key) {
            self.terms.push((key.clone(), key.subject.clone()));
        }
    }

    /// Whether `text` names something only the examiner knows: the subject of
    /// a fact the patient does not know (a lab, a scan), or the diagnosis.
    pub fn names_unknown(&self, text: &str) -> bool {
        let text = text.to_lowercase();
        self.semantic.iter().filter(|f| !f.known).any(|f| {
            let subject = f.key.subject.trim();
            // Subjects of four letters or more: "ct" or "mri" alone would match inside other words.
            (subject.len() >= 4 && text.contains(subject))
                || (f.key.topic == Topic::Diagnosis && diagnosis_named(&text, &f.text))
        })
    }

    /// The names of the patient's symptoms, present or denied, as the record words them.
    pub fn symptom_names(&self) -> impl Iterator<Item = (&str, bool)> {
        self.by_topic(Topic::Symptom)
            .filter(|f| !f.key.subject.is_empty())
            .map(|f| {
                (
                    f.key.subject.as_str(),
                    matches!(f.value, Value::Yes { yes: true }),
                )
            })
    }
}

/// Whether `text` (lower case) names the diagnosis stated in `fact`: any of its
/// telling words ("pancreatitis" of "Acute pancreatitis"), not the qualifiers.
fn diagnosis_named(text: &str, fact: &str) -> bool {
    const QUALIFIERS: &[&str] = &[
        "acute",
        "chronic",
        "severe",
        "moderate",
        "mild",
        "disease",
        "disorder",
        "syndrome",
        "primary",
        "secondary",
        "diagnosis",
        "patient",
        "her",
        "his",
        "their",
        "the",
        "has",
        "been",
        "told",
        "with",
        "major",
        "type",
        "benign",
        "related",
    ];
    fact.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.len() >= 6 && !QUALIFIERS.contains(w))
        .any(|w| text.contains(w))
}
