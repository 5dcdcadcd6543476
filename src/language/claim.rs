//! Claims: what a sentence of a reply asserts, as a key, a value and a
//! polarity that the verifier can compare with the facts under that key.

use crate::memory::{Key, Value};
use serde::{Deserialize, Serialize};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    Affirm,
    Deny,
}

/// One thing a reply asserts: a key, a value, whether it is affirmed or
/// denied, and the words it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub key: Key,
    pub value: Value,
    pub polarity: Polarity,
    /// The sentence the claim was read from.
    pub text: String,
    /// Byte range of that sentence in the reply.
    pub span: Range<usize>,
    /// Concept ids the claim's value names (a site, a side, what something
    /// feels like, a factor), compared with the fact's in place of its words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concepts: Vec<String>,
    /// Its subject was "it" from the conversation, not named in the reply:
    /// a value true of another of the patient's symptoms is read as that one's.
    #[serde(skip)]
    pub implicit: bool,
}

impl Claim {
    /// The claim as one readable line, for flags and logs.
    pub fn describe(&self) -> String {
        let not = if self.polarity == Polarity::Deny {
            "not "
        } else {
            ""
        };
        format!("{}: {not}{}", self.key, self.value)
    }

    /// For yes/no claims, the answer after polarity ("I don't smoke" is a yes-claim denied).
    pub fn yes(&self) -> Option<bool> {
        match self.value {
            Value::Yes { yes } => Some(yes == (self.polarity == Polarity::Affirm)),
            _ => None,
        }
    }
}
