//! The triplet evaluation: claims found in a reply, each judged against the
//! facts under the same key (entail, neutral, contradict).

mod claim;
mod extract;
mod judge;
pub mod lexicon;
mod model_judge;
mod quoted;
pub mod words;

pub use claim::{Claim, Label, Polarity, Verdict};
pub use extract::{Context, extract, symptoms_named};
pub use judge::{Cost, judge};
pub use model_judge::{Judge, ModelJudge, Settled, read_answer};

use crate::memory::Memory;

/// Claims and one verdict per claim for a free-text reply (the `check` command).
pub fn check(reply: &str, memory: &Memory) -> (Vec<Claim>, Vec<Verdict>) {
    check_answer(reply, None, memory)
}

/// As [`check`], reading a bare yes or no against the question it answers.
pub fn check_answer(
    reply: &str,
    question: Option<&str>,
    memory: &Memory,
) -> (Vec<Claim>, Vec<Verdict>) {
    check_about(reply, question, None, memory)
}

/// As [`check_answer`], with the symptom "it" refers to.
pub fn check_about(
    reply: &str,
    question: Option<&str>,
    focus: Option<&str>,
    memory: &Memory,
) -> (Vec<Claim>, Vec<Verdict>) {
    let ctx = Context {
        memory,
        question,
        focus,
    };
    let claims = extract(reply, &ctx);
    let mut cost = Cost::default();
    let verdicts = claims.iter().map(|c| judge(c, memory, &mut cost)).collect();
    (claims, verdicts)
}
