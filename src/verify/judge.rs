//! The rule verifier: a claim against the facts under its key, found by lookup.

use super::claim::{Claim, Label, Polarity, Verdict};
use super::lexicon;
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
            | Topic::Trigger
            | Topic::Family
    )
}

/// Topics whose aggregate fact (subject "") says whether there is any at all.
fn has_aggregate(topic: Topic) -> bool {
    matches!(
        topic,
        Topic::Condition | Topic::Surgery | Topic::Medication | Topic::Allergy | Topic::Family
    )
}

/// Counts fact comparisons, for measuring the cost of verification.
#[derive(Debug, Default, Clone, Copy)]
pub struct Cost {
    pub comparisons: u64,
}

/// Labels one claim against the memory.
pub fn judge(claim: &Claim, memory: &Memory, cost: &mut Cost) -> Verdict {
    let verdict = |label, fact: Option<&Fact>, reason: String| Verdict {
        claim: claim.describe(),
        fact_id: fact.map(|f| f.id.clone()),
        label,
        reason,
    };
    let facts: Vec<&Fact> = memory.by_key(&claim.key).collect();
    cost.comparisons += facts.len() as u64;

    if facts.is_empty() {
        // "I have asthma" when the record says no conditions at all.
        if has_aggregate(claim.key.topic)
            && !claim.key.subject.is_empty()
            && claim.polarity == Polarity::Affirm
        {
            if let Some(none) = memory
                .by_key(&Key::of(claim.key.topic))
                .find(|f| f.value == Value::yes(false))
            {
                cost.comparisons += 1;
                return verdict(
                    Label::Contradict,
                    Some(none),
                    "the record says there are none".into(),
                );
            }
        }
        // "No allergies" against specific allergies is under the aggregate key, so it is found above;
        // anything else about a new subject is new information.
        return verdict(Label::Neutral, None, "nothing recorded about this".into());
    }

    let mut contradicting = None;
    for f in &facts {
        match compare(claim, f) {
            Label::Entail if !f.known => {
                return verdict(
                    Label::Contradict,
                    Some(f),
                    "the patient cannot know this".into(),
                );
            }
            Label::Entail => {
                return verdict(Label::Entail, Some(f), "agrees with the record".into());
            }
            Label::Contradict => contradicting = contradicting.or(Some(*f)),
            Label::Neutral => {}
        }
    }
    match contradicting {
        Some(f) if !many_valued(claim.key.topic) || claim.polarity == Polarity::Deny => verdict(
            Label::Contradict,
            Some(f),
            format!("the record says: {}", f.text),
        ),
        _ => verdict(Label::Neutral, None, "not settled by the record".into()),
    }
}

/// One claim against one fact under the same key.
fn compare(claim: &Claim, fact: &Fact) -> Label {
    let deny = claim.polarity == Polarity::Deny;
    let flip = |l: Label| match (deny, l) {
        (true, Label::Entail) => Label::Contradict,
        (true, Label::Contradict) => Label::Neutral,
        (_, l) => l,
    };
    match (&claim.value, &fact.value) {
        (Value::Yes { .. }, Value::Yes { yes }) => {
            if claim.yes() == Some(*yes) {
                Label::Entail
            } else {
                Label::Contradict
            }
        }
        // "I've had a past operation" / "I take no medicines" against a specific one.
        (Value::Yes { .. }, _) => {
            if claim.yes() == Some(true) {
                Label::Entail
            } else {
                Label::Contradict
            }
        }
        (Value::Days { days: said }, Value::Days { days: true_days }) => {
            flip(close_days(*said, *true_days))
        }
        (Value::Number { value: said, unit }, Value::Number { value: truth, .. }) => {
            flip(close_number(*said, *truth, unit))
        }
        (Value::Choice { choice: said }, Value::Choice { choice: truth }) => {
            flip(same_choice(claim.key.topic, said, truth))
        }
        (Value::Text { text: said }, Value::Text { text: truth }) => {
            if said.is_empty() {
                // "Nothing makes it worse", "it doesn't spread": a denial of every value.
                return if deny {
                    Label::Contradict
                } else {
                    Label::Neutral
                };
            }
            flip(same_text(claim.key.topic, said, truth))
        }
        (Value::Text { text: said }, Value::Choice { choice: truth }) => {
            flip(same_text(claim.key.topic, said, truth))
        }
        _ => Label::Neutral,
    }
}

/// Durations as patients give them are rough: within about a third either way agrees.
fn close_days(said: f64, truth: f64) -> Label {
    if truth <= 0.0 {
        return Label::Neutral;
    }
    let ratio = said / truth;
    // Hours are said loosely ("since this morning" for 10 hours): allow half a day.
    if (0.6..=1.67).contains(&ratio) || (said - truth).abs() <= 0.5 {
        Label::Entail
    } else {
        Label::Contradict
    }
}

fn close_number(said: f64, truth: f64, unit: &str) -> Label {
    let tolerance = match unit {
        "/10" => 1.0,
        "years" => 1.0,
        "packs/day" => (truth * 0.5).max(0.25),
        "drinks/week" => (truth * 0.4).max(2.0),
        _ => (truth.abs() * 0.1).max(0.1),
    };
    if (said - truth).abs() <= tolerance + 1e-9 {
        Label::Entail
    } else {
        Label::Contradict
    }
}

/// Enumerated values, with the loose words patients use ("I drink" for any amount).
fn same_choice(topic: Topic, said: &str, truth: &str) -> Label {
    if said == truth {
        return Label::Entail;
    }
    // "I drink" for any amount; "I don't smoke" for a former or never smoker.
    let any_use = said == "some" && !matches!(truth, "none" | "never" | "former");
    let not_now = said == "not now" && matches!(truth, "none" | "never" | "former");
    let comes_and_goes =
        said == "comes and goes" && matches!(truth, "intermittent" | "fluctuating");
    if any_use || not_now || comes_and_goes {
        return Label::Entail;
    }
    match topic {
        // A relative is one of several: "my mother had it" against "father" is not settled.
        Topic::Family => Label::Neutral,
        _ => Label::Contradict,
    }
}

fn same_text(topic: Topic, said: &str, truth: &str) -> Label {
    let (a, b) = (lexicon::content(said), lexicon::content(truth));
    if lexicon::overlap(&a, &b) >= 0.5 || truth.to_lowercase().contains(&said.to_lowercase()) {
        return Label::Entail;
    }
    if matches!(topic, Topic::Location | Topic::Radiation) {
        let (ra, rb) = (lexicon::regions(said), lexicon::regions(truth));
        if !ra.is_empty() && !rb.is_empty() {
            return if ra.iter().any(|r| rb.contains(r)) {
                Label::Entail
            } else {
                Label::Contradict
            };
        }
    }
    match topic {
        Topic::Occupation | Topic::Living | Topic::Name => Label::Contradict,
        _ => Label::Neutral,
    }
}
