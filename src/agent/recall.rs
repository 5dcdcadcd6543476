//! The patient's memory in a turn: which facts a question retrieves, and
//! which of a shown reply's claims and details become episodic facts.

use super::{Agent, Responder};
use crate::language::question::Intent;
use crate::memory::{Fact, Key, Value};
use crate::verify::{self, Claim, Label, Polarity, Verdict};

impl<R: Responder> Agent<R> {
    /// The facts relevant to the question, by topic: the retrieval step, shown in the panels.
    pub(super) fn retrieve(&self, intents: &[Intent], focus: Option<&str>) -> Vec<String> {
        let mut ids = Vec::new();
        for i in intents {
            for topic in intent_topics(*i) {
                for f in self.memory.by_topic(topic) {
                    let about_focus = focus.is_none_or(|s| {
                        f.key.subject.is_empty() || f.key.subject == s || !topic.describes_symptom()
                    });
                    if about_focus && !ids.contains(&f.id) {
                        ids.push(f.id.clone());
                    }
                }
            }
        }
        ids
    }

    /// Neutral claims and invented details become episodic facts when nothing contradicts them.
    pub(super) fn remember(
        &mut self,
        claims: &[Claim],
        verdicts: &[Verdict],
        invented: Vec<(Key, Value, String)>,
        turn: u32,
    ) -> Vec<Fact> {
        let mut added = Vec::new();
        // Invented details first: their sentences are plain, without the style's decoration.
        let mut new: Vec<(Key, Value, String)> = invented;
        new.extend(
            claims
                .iter()
                .zip(verdicts)
                .filter(|(_, v)| v.label == Label::Neutral)
                .map(|(c, _)| {
                    let value = match (&c.value, c.polarity) {
                        (Value::Yes { yes }, Polarity::Deny) => Value::yes(!yes),
                        (Value::Text { text }, Polarity::Deny) if text.is_empty() => {
                            Value::yes(false)
                        }
                        (v, _) => v.clone(),
                    };
                    (c.key.clone(), value, c.text.clone())
                }),
        );
        for (key, value, text) in new {
            if self.memory.by_key(&key).next().is_some() {
                continue;
            }
            let probe = Claim {
                key: key.clone(),
                value: value.clone(),
                polarity: Polarity::Affirm,
                text: text.clone(),
                span: 0..0,
                concepts: Vec::new(),
                implicit: false,
            };
            if verify::judge(&probe, &self.memory, &self.lexicon, &mut self.cost).label
                == Label::Contradict
            {
                continue;
            }
            added.push(self.memory.remember(key, value, text, turn).clone());
        }
        added
    }
}

fn intent_topics(i: Intent) -> Vec<crate::memory::Topic> {
    use crate::memory::Topic as T;
    match i {
        Intent::ChiefComplaint | Intent::Associated | Intent::SymptomCheck => vec![T::Symptom],
        Intent::Onset | Intent::Trigger => vec![T::Onset, T::OnsetMode, T::Trigger],
        Intent::Duration => vec![T::Duration],
        Intent::Location => vec![T::Location],
        Intent::Character => vec![T::Character],
        Intent::Radiation => vec![T::Radiation],
        Intent::Severity => vec![T::Intensity],
        Intent::Course | Intent::Frequency => vec![T::Course, T::Frequency],
        Intent::Aggravating => vec![T::Aggravating],
        Intent::Relieving => vec![T::Relieving],
        Intent::PastHistory => vec![T::Condition],
        Intent::Surgery => vec![T::Surgery],
        Intent::Medications => vec![T::Medication],
        Intent::Allergies => vec![T::Allergy],
        Intent::Vaccinations => vec![T::Vaccination],
        Intent::FamilyHistory => vec![T::Family],
        Intent::Smoking => vec![T::Smoking, T::SmokingAmount],
        Intent::Alcohol => vec![T::Alcohol, T::AlcoholAmount],
        Intent::Drugs => vec![T::Drugs],
        Intent::Occupation => vec![T::Occupation, T::Education],
        Intent::Living => vec![T::Living],
        Intent::Diet => vec![T::Diet],
        Intent::Exercise => vec![T::Activity],
        Intent::Sleep | Intent::Mood | Intent::WeightChange => vec![T::Everyday, T::Symptom],
        Intent::Concerns => vec![T::Stressor],
        Intent::Pregnancy => vec![T::Reproductive, T::Pregnancies],
        Intent::Name => vec![T::Name],
        Intent::Age => vec![T::Age],
        Intent::TestResults => vec![T::Lab, T::Study, T::Imaging],
        Intent::Diagnosis => vec![T::Diagnosis],
        _ => vec![],
    }
}
