//! The one place English is read: the concept layer (`assets/concepts`),
//! words with their spans, and the readers of questions and replies built on
//! them.

pub mod claim;
pub mod concepts;
pub mod cues;
pub mod lexicon;
pub mod mention;
pub mod order;
pub mod quantity;
pub mod question;
pub mod reply;
mod spelling;
pub mod text;
pub mod when;

pub use concepts::{Concept, ConceptKind, Layer};
pub use cues::Cues;
pub use lexicon::{Item, Lexicon, Read};
pub use mention::{Mention, Side};

/// Whether something the record has falls under `subject` (a denial of
/// `subject` would deny it).
pub fn falls_under_any(case: &crate::case::Case, subject: &str) -> bool {
    let lx = Lexicon::for_case(case);
    let read = lx.read(subject);
    read.mentions.iter().any(|m| {
        m.items
            .iter()
            .any(|&i| lx.items[i].present && lx.items[i].key.topic == crate::memory::Topic::Symptom)
    })
}
