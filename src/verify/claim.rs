//! Labels and verdicts on the claims a reply makes.

use serde::{Deserialize, Serialize};

pub use crate::language::claim::{Claim, Polarity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    Entail,
    Neutral,
    Contradict,
}

/// A claim's label and the fact that decided it (none for a neutral claim about something new).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub claim: String,
    pub fact_id: Option<String>,
    pub label: Label,
    /// Why, in a few words (shown in the flags panel).
    pub reason: String,
}
