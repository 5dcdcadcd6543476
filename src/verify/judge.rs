//! The rule verifier: a claim against the facts under its key, found by
//! lookup, compared by the field's type (numbers with a tolerance, choices
//! with the loose words patients use, sites and feelings and factors by the
//! concepts they name).

use super::claim::{Claim, Label, Polarity, Verdict};
use super::compare;
use crate::language::Lexicon;
use crate::memory::{Fact, Key, Memory, Topic, Value};

/// Topics that hold several facts at once (any one may match, a miss is not a contradiction).
fn many_valued(topic: Topic) -> bool {
    matches!(
        topic,
        Topic::Aggravating
            | Topic::Relieving
            | Topic::Stressor
            | Topic::Finding
            | Topic::Everyday
            | Topic::Family
    )
}

/// Sections the record lists in full: anything affirmed that is not on the
/// list contradicts it ("I take metformin" when the record lists amlodipine).
fn listed_in_full(topic: Topic) -> bool {
    matches!(
        topic,
        Topic::Condition
            | Topic::Surgery
            | Topic::Medication
            | Topic::Allergy
            | Topic::Family
            | Topic::Vaccination
    )
}

/// Counts fact comparisons, for measuring the cost of verification.
#[derive(Debug, Default, Clone, Copy)]
pub struct Cost {
    pub comparisons: u64,
}

fn verdict(claim: &Claim, label: Label, fact: Option<&Fact>, reason: impl Into<String>) -> Verdict {
    Verdict {
        claim: claim.describe(),
        fact_id: fact.map(|f| f.id.clone()),
        label,
        reason: reason.into(),
    }
}

/// Labels one claim against the memory.
pub fn judge(claim: &Claim, memory: &Memory, lx: &Lexicon, cost: &mut Cost) -> Verdict {
    let facts: Vec<&Fact> = memory.by_key(&claim.key).collect();
    cost.comparisons += facts.len() as u64;
    // A factor said of the wrong side ("eating helps" when eating makes it
    // worse), even for a symptom with nothing recorded on this side.
    if let Some(v) = crossed_factor(claim, memory, lx, cost) {
        return v;
    }
    if facts.is_empty() {
        return unrecorded(claim, memory, lx, cost);
    }
    let mut contradicting = None;
    let mut all_contradict = true;
    for f in &facts {
        match compare::compare(claim, f, lx) {
            Label::Entail if !f.known => {
                return verdict(
                    claim,
                    Label::Contradict,
                    Some(f),
                    "the patient cannot know this",
                );
            }
            Label::Entail => {
                return verdict(claim, Label::Entail, Some(f), "agrees with the record");
            }
            Label::Contradict => contradicting = contradicting.or(Some(*f)),
            Label::Neutral => all_contradict = false,
        }
    }
    // Of a field with many values, one affirmed contradicts only when it
    // contradicts every value ("worse in the evenings" against only mornings).
    match contradicting {
        Some(f)
            if !many_valued(claim.key.topic)
                || claim.polarity == Polarity::Deny
                || claim.key.topic == Topic::Family
                || all_contradict =>
        {
            verdict(
                claim,
                Label::Contradict,
                Some(f),
                format!("the record says: {}", f.text),
            )
        }
        _ => verdict(claim, Label::Neutral, None, "not settled by the record"),
    }
}

/// A claim about something the record has no fact under that key for.
fn unrecorded(claim: &Claim, memory: &Memory, lx: &Lexicon, cost: &mut Cost) -> Verdict {
    let topic = claim.key.topic;
    // "It's the left one" of a symptom whose record says "my right eye" only
    // in its own words.
    if topic == Topic::Location {
        if let Some(v) = wrong_side(claim, memory, lx, cost) {
            return v;
        }
    }
    if listed_in_full(topic) && !claim.key.subject.is_empty() && claim.polarity == Polarity::Affirm
    {
        if let Some(list) = memory.by_key(&Key::of(topic)).next() {
            cost.comparisons += 1;
            let reason = if list.value == Value::yes(false) {
                "the record says there are none"
            } else {
                "the record lists them all, and not this"
            };
            return verdict(claim, Label::Contradict, Some(list), reason);
        }
    }
    // Periods, pregnancies and births are not a man's to speak of.
    if matches!(
        topic,
        Topic::Reproductive | Topic::Pregnancies | Topic::Births
    ) && claim.polarity == Polarity::Affirm
    {
        let says_some = match &claim.value {
            Value::Number { value, .. } => *value > 0.0,
            Value::Choice { choice } => choice != "none",
            _ => true,
        };
        if let Some(sex) = memory
            .by_key(&Key::of(Topic::Sex))
            .find(|f| f.value == Value::choice("male"))
        {
            if says_some {
                return verdict(claim, Label::Contradict, Some(sex), "the patient is a man");
            }
        }
    }
    // A habit's details said of someone its record rules them out for: when
    // a smoker stopped, of someone who never smoked (or still does); how
    // long, of someone who never smoked; an amount ("about ten a day"), of
    // someone who never smoked or does not drink.
    let some = claim.polarity == Polarity::Affirm
        && matches!(claim.value, Value::Number { value, .. } if value > 0.0);
    let ruled_out: Option<(Topic, &[&str])> = match topic {
        Topic::SmokingQuit => Some((Topic::Smoking, &["never", "current"])),
        Topic::SmokingYears => Some((Topic::Smoking, &["never"])),
        Topic::SmokingAmount if some => Some((Topic::Smoking, &["never", "none"])),
        Topic::AlcoholAmount if some => Some((Topic::Alcohol, &["never", "none"])),
        _ => None,
    };
    if let Some((habit, statuses)) = ruled_out {
        if let Some(f) = memory.by_key(&Key::of(habit)).next() {
            if statuses.iter().any(|&s| f.value == Value::choice(s)) {
                return verdict(
                    claim,
                    Label::Contradict,
                    Some(f),
                    format!("the record says: {}", f.text),
                );
            }
        }
    }
    verdict(claim, Label::Neutral, None, "nothing recorded about this")
}

/// A side said of a symptom whose record names the other side in its words.
fn wrong_side(claim: &Claim, memory: &Memory, lx: &Lexicon, cost: &mut Cost) -> Option<Verdict> {
    let said = claim
        .concepts
        .iter()
        .find_map(|i| i.strip_prefix("side:"))
        .and_then(crate::language::Side::from_label)?;
    let symptom = Key::new(Topic::Symptom, &claim.key.subject);
    let recorded = lx.items[lx.item_of(&symptom)?].side?;
    if said.agrees(recorded) {
        return None;
    }
    cost.comparisons += 1;
    let fact = memory.by_key(&symptom).next()?;
    Some(verdict(
        claim,
        Label::Contradict,
        Some(fact),
        format!("the record says: {}", fact.text),
    ))
}

/// "Eating helps" when the record says eating makes it worse, and the reverse.
fn crossed_factor(
    claim: &Claim,
    memory: &Memory,
    lx: &Lexicon,
    cost: &mut Cost,
) -> Option<Verdict> {
    let other = match claim.key.topic {
        Topic::Aggravating => Topic::Relieving,
        Topic::Relieving => Topic::Aggravating,
        _ => return None,
    };
    if claim.polarity == Polarity::Deny || claim.concepts.is_empty() {
        return None;
    }
    let same_side = memory
        .by_key(&claim.key)
        .any(|f| compare::same_factor(claim, f, lx));
    if same_side {
        return None;
    }
    let key = Key::new(other, &claim.key.subject);
    for f in memory.by_key(&key) {
        cost.comparisons += 1;
        if compare::same_factor(claim, f, lx) {
            return Some(verdict(
                claim,
                Label::Contradict,
                Some(f),
                format!("the record says: {}", f.text),
            ));
        }
    }
    None
}
