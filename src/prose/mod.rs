//! A case record as readable prose: the text `patient-zero show` prints and
//! the diversity metrics of `eval generate` are computed on.
//!
//! Every sentence is built from facts of the record's memory and names the
//! facts it says, so the prose can hold nothing the record does not. The
//! wording of each sentence is chosen, per record, from clinically
//! equivalent phrasings; which one is fixed by the case id, so a record
//! always reads the same.

mod exam;
mod history;
mod phrasing;
mod presenting;

use crate::case::Case;
use crate::memory::{Key, Memory, Topic};
use phrasing::Pick;

/// One sentence and the ids of the facts (F001…) it states.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub text: String,
    pub facts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: &'static str,
    pub sentences: Vec<Sentence>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prose {
    pub title: String,
    pub sections: Vec<Section>,
}

impl Prose {
    /// The sentences alone, one paragraph per section: what a reader reads,
    /// and what the diversity metrics compare.
    pub fn text(&self) -> String {
        self.sections
            .iter()
            .map(|s| {
                s.sentences
                    .iter()
                    .map(|x| x.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The record as a Markdown document: a title, then a heading and a
    /// paragraph per section.
    pub fn markdown(&self) -> String {
        let mut out = format!("# {}\n", self.title);
        for s in &self.sections {
            out.push_str(&format!("\n## {}\n\n", s.title));
            let para: Vec<&str> = s.sentences.iter().map(|x| x.text.as_str()).collect();
            out.push_str(&para.join(" "));
            out.push('\n');
        }
        out
    }

    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.sections.iter().flat_map(|s| s.sentences.iter())
    }
}

/// The record's memory (its semantic facts, indexed by key), looked up as
/// the sentences are written.
pub(crate) struct Facts(Memory);

impl Facts {
    /// Ids of the facts under `topic` about `subject` ("" for the record as a whole).
    pub(crate) fn ids(&self, topic: Topic, subject: &str) -> Vec<String> {
        self.0
            .by_key(&Key::new(topic, subject))
            .map(|f| f.id.clone())
            .collect()
    }
}

/// Collects the sentences of one section.
pub(crate) struct Writer<'a> {
    pub(crate) facts: &'a Facts,
    pub(crate) pick: &'a mut Pick,
    sentences: Vec<Sentence>,
}

impl<'a> Writer<'a> {
    fn new(facts: &'a Facts, pick: &'a mut Pick) -> Self {
        Writer {
            facts,
            pick,
            sentences: Vec::new(),
        }
    }

    /// Adds a sentence stating `facts`; a sentence with no fact behind it is dropped.
    pub(crate) fn say(&mut self, text: String, facts: Vec<String>) {
        if facts.is_empty() || text.trim().is_empty() {
            return;
        }
        let mut facts = facts;
        facts.sort();
        facts.dedup();
        self.sentences.push(Sentence {
            text: phrasing::sentence_case(&text),
            facts,
        });
    }

    fn finish(self, title: &'static str) -> Option<Section> {
        (!self.sentences.is_empty()).then_some(Section {
            title,
            sentences: self.sentences,
        })
    }
}

/// The record as prose, in the order a clerking is written: who the
/// patient is and why they came, the presenting symptoms, the history,
/// the social history, the examination and investigations, the diagnosis.
pub fn describe(case: &Case) -> Prose {
    let facts = Facts(Memory::from_case(case));
    let mut pick = Pick::for_case(&case.id);
    let mut sections = Vec::new();
    type Part = fn(&Case, &mut Writer);
    let parts: [(&'static str, Part); 6] = [
        ("Presentation", presenting::presentation),
        ("Symptoms", presenting::symptoms),
        ("Medical history", history::medical),
        ("Social history", history::social),
        ("Examination and investigations", exam::examination),
        ("Diagnosis", exam::diagnosis),
    ];
    for (title, part) in parts {
        let mut w = Writer::new(&facts, &mut pick);
        part(case, &mut w);
        sections.extend(w.finish(title));
    }
    Prose {
        title: format!("{} ({})", case.patient.name, case.id),
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> Case {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/cases/acute-appendicitis-s2026-00000.yaml"
        );
        crate::case::load(std::path::Path::new(path), None).unwrap()
    }

    #[test]
    fn the_same_record_reads_the_same_and_another_id_reads_differently() {
        let c = case();
        assert_eq!(describe(&c), describe(&c));
        let mut other = c.clone();
        other.id = "another-id".into();
        assert_ne!(describe(&c).text(), describe(&other).text());
    }

    #[test]
    fn markdown_has_a_heading_per_section() {
        let p = describe(&case());
        let md = p.markdown();
        for s in &p.sections {
            assert!(md.contains(&format!("## {}\n", s.title)), "{md}");
        }
        assert!(md.starts_with("# Patricia Russo"));
    }
}
