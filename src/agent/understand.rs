//! Understanding a question: which intents it carries, which of the
//! record's symptoms it is about ("it" included), and what it asks after
//! when the record does not name it.

use super::intent::{self, Intent};
use super::{Agent, Responder};
use crate::verify::{self, Context};

impl<R: Responder> Agent<R> {
    /// The symptom of the record a question names, if any.
    pub(super) fn focus_of(&self, question: &str, about_symptom: bool) -> Option<String> {
        let ctx = Context {
            memory: &self.memory,
            question: None,
            focus: None,
        };
        verify::symptoms_named(question, &ctx)
            .into_iter()
            .find(|s| self.present(s))
            .or_else(|| {
                self.closest_symptom(question)
                    .filter(|s| about_symptom && self.present(s))
            })
    }

    pub(super) fn present(&self, symptom: &str) -> bool {
        self.case
            .symptoms
            .iter()
            .any(|x| x.name.eq_ignore_ascii_case(symptom))
    }

    /// The record's symptom (present or denied) whose name or lay wording shares
    /// the most telling words with the question ("the night-time peeing" →
    /// nocturia, "dribbling at the end" → terminal dribbling).
    fn closest_symptom(&self, question: &str) -> Option<String> {
        const WEAK: &[&str] = &[
            "pain",
            "problem",
            "problems",
            "trouble",
            "night",
            "day",
            "time",
            "times",
            "when",
            "how",
            "how's",
            "long",
            "your",
            "you",
            "going",
            "on",
            "been",
            "anything",
            "something",
            "everything",
            "thing",
            "things",
            "there",
            "is",
            "are",
            "what",
            "which",
            "ever",
            "often",
            "make",
            "makes",
            "help",
            "helps",
            "worse",
            "better",
            "still",
            "usual",
            "than",
            "people",
            "other",
            "notice",
            "noticed",
            "first",
            "lift",
            "would",
            "say",
            "tell",
            "you've",
            "yourself",
            "lately",
            "recently",
        ];
        let asked: Vec<String> = verify::lexicon::content(question)
            .into_iter()
            .filter(|w| !WEAK.contains(&w.as_str()))
            .collect();
        let mut best: Option<(usize, String)> = None;
        for (key, term) in self
            .memory
            .terms
            .iter()
            .filter(|(k, _)| k.topic == crate::memory::Topic::Symptom)
        {
            let words = verify::lexicon::content(term);
            let shared = asked
                .iter()
                .filter(|w| {
                    words.contains(w)
                        || words.iter().any(|t| {
                            t.len() > 4 && (t.starts_with(w.as_str()) || w.starts_with(t.as_str()))
                        })
                })
                .count();
            if shared > 0 && best.as_ref().is_none_or(|(n, _)| shared > *n) {
                best = Some((shared, key.subject.clone()));
            }
        }
        // At least half of what the question names must be found, so one shared word
        // in a long question ("full of energy" for tiredness) does not count.
        best.filter(|(n, _)| *n * 2 >= asked.len()).map(|(_, s)| s)
    }

    /// For "have you had X?": the symptom X, as the record or common usage names it,
    /// else the words after "any"/"a"/"had".
    pub(super) fn asked_symptom(&self, question: &str) -> Option<String> {
        let ctx = Context {
            memory: &self.memory,
            question: None,
            focus: None,
        };
        if let Some(s) = verify::symptoms_named(question, &ctx).into_iter().next() {
            return Some(s);
        }
        let lower = question.to_lowercase();
        // Thoughts of suicide or self-harm, however delicately asked: plans and
        // self-harm are their own symptoms when the record has them.
        if is_safety_question(&lower) {
            let plans = ["plan", "preparation", "how you would", "method"]
                .iter()
                .any(|w| lower.contains(w));
            let wanted: &[&str] = if plans {
                &["plan"]
            } else if lower.contains("hurt") || lower.contains("harm") && !lower.contains("thought")
            {
                &["self-harm", "harm"]
            } else {
                &["suicid", "life", "die", "better off"]
            };
            let recorded = self
                .memory
                .terms
                .iter()
                .filter(|(k, _)| k.topic == crate::memory::Topic::Symptom)
                .find(|(k, t)| {
                    let text = format!("{} {}", k.subject, t.to_lowercase());
                    wanted.iter().any(|w| text.contains(w))
                        && (text.contains("suicid")
                            || text.contains("life")
                            || text.contains("harm")
                            || text.contains("better off")
                            || text.contains("die"))
                });
            let fallback = if plans {
                "suicide plans"
            } else {
                "suicidal thoughts"
            };
            return Some(recorded.map_or_else(|| fallback.to_string(), |(k, _)| k.subject.clone()));
        }
        if let Some(s) = self.closest_symptom(question) {
            return Some(s);
        }
        let cut = [
            "any ",
            "have you had a ",
            "have you had ",
            "do you have a ",
            "do you get ",
        ]
        .iter()
        .find_map(|c| lower.find(c).map(|i| i + c.len()))?;
        let what: String = lower[cut..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
            .collect();
        // "any nosebleeds at all?", "any headaches recently?": the symptom without the hedges.
        let mut what = what.trim().to_string();
        for tail in [
            " at any point",
            " at any time",
            " at all",
            " recently",
            " lately",
            " before",
            " these days",
            " ever",
            " so far",
            " or anything",
        ] {
            if let Some(cut) = what.strip_suffix(tail) {
                what = cut.trim().to_string();
            }
        }
        // The student's words in the patient's mouth: "pain when you pee" → "pain when I pee".
        let what = what
            .split(' ')
            .map(|w| match w {
                "you" => "I",
                "your" => "my",
                "yourself" => "myself",
                w => w,
            })
            .collect::<Vec<_>>()
            .join(" ");
        let vague = ["point", "time", "stage", "chance", "way", "idea"];
        (!what.is_empty()
            && what.split_whitespace().count() <= 4
            && !vague.contains(&what.as_str()))
        .then_some(what)
    }
}

/// The intents a reply answers: the strongest one, or two when the question
/// asks two things ("When did it start and where is it?"); questions about
/// coffee or water are about diet, not alcohol; safety questions are yes/no.
/// Questions about suicide and self-harm, in the words students use for them.
pub(super) fn is_safety_question(lower: &str) -> bool {
    const SAFETY: &[&str] = &[
        "suicid",
        "ending your life",
        "ending their life",
        "end your life",
        "end their life",
        "end it all",
        "ending it all",
        "kill yourself",
        "killing yourself",
        "hurt yourself",
        "hurting yourself",
        "harm yourself",
        "harming yourself",
        "harming themselves",
        "self-harm",
        "self harm",
        "better off dead",
        "better off without",
        "not being here",
        "wanting to die",
        "want to die",
        "plans or preparations",
        "thoughts like that",
        "those thoughts",
    ];
    SAFETY.iter().any(|w| lower.contains(w))
}

pub(super) fn intents(question: &str, mut intents: Vec<Intent>) -> Vec<Intent> {
    let lower = question.to_lowercase();
    if is_safety_question(&lower) && !lower.starts_with("how often") {
        return vec![Intent::SymptomCheck];
    }
    if intents.contains(&Intent::Alcohol)
        && ["coffee", "tea", "water", "fluids", "juice"]
            .iter()
            .any(|w| lower.contains(w))
    {
        intents.retain(|i| *i != Intent::Alcohol);
        intents.insert(0, Intent::Diet);
    }
    // "When did you first notice feeling low?" asks when, whatever else it names.
    let opening = lower.trim_start();
    if (opening.starts_with("when did") || opening.starts_with("when was"))
        && !intents.contains(&Intent::Onset)
        && !intents.contains(&Intent::Surgery)
    {
        intents.insert(0, Intent::Onset);
    } else if opening.starts_with("how long") && !intents.contains(&Intent::Duration) {
        intents.insert(0, Intent::Duration);
    }
    // A question in English that no rule knows is asked as "have you had ...?";
    // only garbled or foreign text gets the request to rephrase.
    if intents == [Intent::Unclear] && intent::looks_english(question) {
        intents = vec![Intent::SymptomCheck];
    }
    let two_questions =
        lower.contains(" and ") && intents.len() > 1 && !matches!(intents[0], Intent::Greeting);
    intents.truncate(if two_questions { 2 } else { 1 });
    intents
}
