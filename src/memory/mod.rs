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
    by_key: HashMap<Key, Vec<Slot>>,
    by_topic: HashMap<crate::memory::Topic, Vec<Slot>>,
}

/// How long the episodic track was at some moment: rewinding to it forgets
/// everything said since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    episodic: usize,
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Semantic(usize),
    Episodic(usize),
}

impl Memory {
    pub fn from_case(case: &Case) -> Self {
        let mut m = Memory::default();
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
        self.index(Slot::Episodic(self.episodic.len()), &fact.key);
        self.episodic.push(fact);
        self.episodic.last().expect("just pushed")
    }

    pub fn mark(&self) -> Mark {
        Mark {
            episodic: self.episodic.len(),
        }
    }

    /// Forgets the episodic facts learnt since `mark` (a turn taken back).
    pub fn rewind(&mut self, mark: &Mark) {
        if self.episodic.len() <= mark.episodic {
            return;
        }
        self.episodic.truncate(mark.episodic);
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
            self.index(Slot::Episodic(self.episodic.len()), &f.key);
            self.episodic.push(f);
        }
    }
}
