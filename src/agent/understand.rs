//! Understanding a question in the conversation: the question read by
//! `language::question`, with "it" and elliptical follow-ups resolved as a
//! patient would (the symptom the trainee last named, else the complaint
//! they came with), and the symptom a yes/no question asks about.

use super::{Agent, Responder};
use crate::language::ConceptKind;
use crate::language::question::{self, Asked, Intent};
use crate::memory::Topic;

impl<R: Responder> Agent<R> {
    /// Reads `text` as the next question of this conversation.
    pub(super) fn understand(&mut self, text: &str) -> Asked {
        let lx = &self.lexicon;
        let mut asked = question::read(text, lx);
        let named = crate::verify::focus_among(&asked, lx, self.topic);
        // "and the nausea?", "any others?": the last question's form, asked again.
        let has_subject = asked.subjects().next().is_some();
        if asked.elliptical {
            if !has_subject
                && matches!(asked.intents[..], [Intent::Unclear] | [Intent::Associated])
                && !self.last_intents.is_empty()
            {
                asked.intents = self.last_intents.clone();
            }
            // "And the nausea?" after "when did the pain start?" asks the
            // same of the nausea; "and any drugs?" after "how much alcohol?"
            // asks about drugs.
            let symptoms_only = asked
                .subjects()
                .all(|m| m.kind == Some(ConceptKind::Symptom));
            if has_subject && symptoms_only && asked.attribute.is_none() {
                asked.attribute = self.last_attribute;
                if let Some(a) = asked.attribute {
                    asked.intents.insert(0, a.intent());
                }
            }
        }
        // A question about "it" with no symptom named keeps the conversation's
        // one; when that one has nothing recorded of what is asked ("what
        // makes it worse?" of a fever), the patient thinks of the symptom
        // that has.
        let fallback = self.topic.or(lx.main);
        let holds = |i: usize, t: Topic| {
            self.memory
                .by_key(&crate::memory::Key::new(t, &lx.items[i].key.subject))
                .next()
                .is_some()
        };
        let by_attribute = asked
            .attribute
            .and_then(|a| a.symptom_topic())
            .filter(|_| named.is_none())
            .filter(|&t| fallback.is_some_and(|f| !holds(f, t)))
            .and_then(|t| {
                (0..lx.items.len()).find(|&i| {
                    lx.items[i].present && lx.items[i].key.topic == Topic::Symptom && holds(i, t)
                })
            });
        asked.focus = named.or(by_attribute).or(fallback);
        if named.is_some() {
            self.topic = named;
        }
        self.last_intents = asked.intents.clone();
        self.last_attribute = asked.attribute;
        asked
    }

    /// For "have you had X?": the symptom X, as the record names it (a
    /// symptom or a denied one), else as the concept layer does, else the
    /// words after "any".
    pub(super) fn asked_symptom(&self, asked: &Asked) -> Option<String> {
        let lx = &self.lexicon;
        let symptom = asked
            .subjects()
            .find(|m| m.kind == Some(ConceptKind::Symptom));
        if let Some(m) = symptom {
            let items: Vec<usize> = m
                .items
                .iter()
                .copied()
                .filter(|&i| lx.items[i].key.topic == Topic::Symptom)
                .collect();
            let best = items
                .iter()
                .copied()
                .find(|&i| lx.items[i].present)
                .or(items.first().copied());
            if let Some(i) = best {
                return Some(lx.items[i].key.subject.clone());
            }
            return m.concept.map(|c| lx.layer.name(c).to_string());
        }
        let lower = asked.text.to_lowercase();
        let cut = [
            "any ",
            "have you had a ",
            "have you had ",
            "do you have a ",
            "do you get ",
        ]
        .iter()
        .find_map(|c| lower.find(c).map(|i| i + c.len()))?;
        let what: String = lower
            .get(cut..)
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
            .collect();
        let what = what.trim();
        let vague = [
            "point",
            "time",
            "stage",
            "chance",
            "way",
            "idea",
            "questions",
            "other",
        ];
        (!what.is_empty()
            && what.split_whitespace().count() <= 3
            && !vague.iter().any(|v| what.starts_with(v)))
        .then(|| what.to_string())
    }
}
