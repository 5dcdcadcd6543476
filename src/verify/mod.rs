//! The triplet evaluation: the claims a reply makes (read by
//! `language::reply`), each judged against the facts under the same key
//! (entail, neutral, contradict).

mod claim;
mod compare;
mod judge;
mod model_judge;

pub use crate::language::quantity as words;
pub use claim::{Claim, Label, Polarity, Verdict};
pub use judge::{Cost, judge};
pub use model_judge::{Judge, ModelJudge, Settled, read_answer};

use crate::language::question::Asked;
use crate::language::reply::{self, Reading};
use crate::language::{Lexicon, question};
use crate::memory::Memory;

/// What reading and judging a reply found: its claims and one verdict each,
/// how many sentences it has, and the sentences no rule could vouch for.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    pub reading: Reading,
    pub verdicts: Vec<Verdict>,
    pub sentences: usize,
    pub unread: Vec<String>,
}

impl Checked {
    pub fn claims(&self) -> &[Claim] {
        &self.reading.claims
    }

    pub fn contradicts(&self) -> bool {
        self.verdicts.iter().any(|v| v.label == Label::Contradict)
    }
}

/// Reads and judges a reply against `memory`: `asked` is the question it
/// answers (so a bare "No." is a claim), `focus` the record item "it" means
/// before the reply names one, `date` the consultation's (for "since
/// Christmas"; today when none).
pub fn check_read(
    reply: &str,
    asked: Option<&Asked>,
    focus: Option<usize>,
    lexicon: &Lexicon,
    memory: &Memory,
    date: Option<time::Date>,
    cost: &mut Cost,
) -> Checked {
    let cx = reply::Context {
        lexicon,
        question: asked,
        focus: focus.or(asked.and_then(|a| a.focus)),
        date,
    };
    let reading = reply::read(reply, &cx);
    let mut verdicts: Vec<Verdict> = reading
        .claims
        .iter()
        .map(|c| {
            let v = judge(c, memory, lexicon, cost);
            if c.implicit && v.label != Label::Entail {
                across_symptoms(c, v, memory, lexicon, cost)
            } else {
                v
            }
        })
        .collect();
    one_story(&reading.claims, &mut verdicts);
    let unread = reading.unread().map(|s| s.text.clone()).collect();
    Checked {
        sentences: reading.sentences.len(),
        verdicts,
        unread,
        reading,
    }
}

/// How a symptom began is told as a story: when one thing it names is what
/// the record says set it off ("I'd been on my feet all day on holiday, in
/// those flat sandals"), the scene around it is detail, not another cause.
fn one_story(claims: &[Claim], verdicts: &mut [Verdict]) {
    let told = |i: usize| {
        claims[i].key.topic == crate::memory::Topic::Trigger
            && claims[i].polarity == Polarity::Affirm
    };
    let agreed: Vec<Option<String>> = (0..claims.len())
        .filter(|&i| told(i) && verdicts[i].label == Label::Entail)
        .map(|i| verdicts[i].fact_id.clone())
        .collect();
    for (i, v) in verdicts.iter_mut().enumerate() {
        if told(i) && v.label == Label::Contradict && agreed.contains(&v.fact_id) {
            v.label = Label::Neutral;
            v.reason = "detail of how it began, which the record agrees with".into();
        }
    }
}

/// "It" in a reply that never named its symptom may mean another of the
/// patient's symptoms: a value true of one of them is read as that one's,
/// and a value the conversation's symptom has no fact on is held against
/// the others.
fn across_symptoms(
    claim: &Claim,
    first: Verdict,
    memory: &Memory,
    lexicon: &Lexicon,
    cost: &mut Cost,
) -> Verdict {
    if !claim.key.topic.describes_symptom() {
        return first;
    }
    let mut contradiction = None;
    for item in lexicon.items.iter().filter(|i| {
        i.present
            && i.key.topic == crate::memory::Topic::Symptom
            && i.key.subject != claim.key.subject
    }) {
        let mut other = claim.clone();
        other.key.subject = item.key.subject.clone();
        let v = judge(&other, memory, lexicon, cost);
        match v.label {
            Label::Entail => return v,
            Label::Contradict if contradiction.is_none() => contradiction = Some(v),
            _ => {}
        }
    }
    let unchecked = memory.by_key(&claim.key).next().is_none();
    match contradiction {
        Some(v) if unchecked => v,
        _ => first,
    }
}

/// As [`check_read`], reading the question's text (the `check` command, tests).
pub fn check(
    reply: &str,
    question: Option<&str>,
    lexicon: &Lexicon,
    memory: &Memory,
    date: Option<time::Date>,
) -> Checked {
    let asked = question.map(|q| {
        let mut a = question::read(q, lexicon);
        a.focus = focus_of(&a, lexicon);
        a
    });
    check_read(
        reply,
        asked.as_ref(),
        None,
        lexicon,
        memory,
        date,
        &mut Cost::default(),
    )
}

/// The record's symptom a question names, if it names one the patient has;
/// of several ("the pain" with two pains), the complaint they came with.
pub fn focus_of(asked: &Asked, lexicon: &Lexicon) -> Option<usize> {
    focus_among(asked, lexicon, None)
}

/// As [`focus_of`], preferring `current` (the symptom the conversation is on) among several.
pub fn focus_among(asked: &Asked, lexicon: &Lexicon, current: Option<usize>) -> Option<usize> {
    let mut named: Vec<usize> = asked
        .items(crate::memory::Topic::Symptom, lexicon)
        .into_iter()
        .filter(|&i| lexicon.items[i].present)
        .collect();
    // "How long has the peeing been going on?": the patient's symptom under that area.
    if named.is_empty() {
        for m in asked
            .read
            .mentions
            .iter()
            .filter(|m| m.kind == Some(crate::language::ConceptKind::Symptom))
        {
            if let Some(area) = m.concept {
                named.extend(lexicon.under(area).filter(|&i| {
                    lexicon.items[i].present
                        && lexicon.items[i].key.topic == crate::memory::Topic::Symptom
                }));
            }
        }
        named.dedup();
    }
    // "Does anything help your eyes?": the patient's symptom at the place named.
    if named.is_empty() {
        let layer = lexicon.layer;
        for m in asked
            .read
            .mentions
            .iter()
            .filter(|m| m.kind == Some(crate::language::ConceptKind::Site))
        {
            let Some(place) = m.site.or(m.concept) else {
                continue;
            };
            named.extend((0..lexicon.items.len()).filter(|&i| {
                let item = &lexicon.items[i];
                item.present
                    && item.key.topic == crate::memory::Topic::Symptom
                    && item
                        .site
                        .is_some_and(|s| layer.is_under(s, place) || layer.is_under(place, s))
            }));
        }
        named.dedup();
    }
    if named.len() > 1 {
        if let Some(c) = current.filter(|c| named.contains(c)) {
            return Some(c);
        }
        // "Any floaters, like cobwebs across your vision?": the symptom
        // named first, not one a later word also fits.
        let first_named = asked
            .read
            .mentions
            .iter()
            .flat_map(|m| m.items.iter().copied())
            .find(|i| named.contains(i));
        if let Some(i) = first_named {
            return Some(i);
        }
        if let Some(m) = lexicon.main.filter(|m| named.contains(m)) {
            return Some(m);
        }
    }
    named.first().copied()
}
