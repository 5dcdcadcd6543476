//! `generate --llm`: a model words the record over its structured skeleton
//! (DESIGN.md, "Record construction"), and the skeleton is what the words
//! are checked against. Each text goes through the dialogue verifier; a
//! contradiction is sent back as feedback and the text regenerated, and
//! after [`MAX_ATTEMPTS`] refusals the template wording stays.
//!
//! Only the chief complaint is reworded. The schema has no narrative field,
//! and the other free text (symptom lay wording, triggers, household) is what
//! the verifier finds mentions by during an interview: words it cannot
//! recognise there would blind it for every later dialogue.

use crate::case::Case;
use crate::llm::{self, Blocking, Cancel, LlmError, Message, Settings};
use crate::memory::{Memory, Topic};
use crate::prompts::Prompts;
use crate::verify::{self, Label};
use std::collections::BTreeMap;

/// Model calls per field before the template wording is kept.
pub const MAX_ATTEMPTS: u32 = 3;
/// A chief complaint is a sentence or two; more is a model rambling.
pub const MAX_CHARS: usize = 400;
const TEMPLATE: &str = "case_writer";
/// Room for two sentences; a longer reply would be refused anyway.
const MAX_TOKENS: u32 = 120;

/// Why a model's wording was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Rejection {
    Empty,
    TooLong {
        chars: usize,
    },
    NamesDiagnosis,
    NotFirstPerson,
    /// Speaks as an assistant or about the task, not as the patient.
    OutOfRole,
    Contradicts(Vec<Conflict>),
    /// The verifier finds no mention of the chief symptom (its lay wording
    /// here): a complaint it cannot read cannot be checked against the skeleton.
    MissesComplaint {
        lay: String,
    },
}

/// A sentence of the wording that breaks a fact of the skeleton.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub said: String,
    pub key: String,
    pub fact: String,
}

impl Rejection {
    /// A short name, for counting refusals in the summary.
    pub fn kind(&self) -> &'static str {
        match self {
            Rejection::Empty => "empty",
            Rejection::TooLong { .. } => "too long",
            Rejection::NamesDiagnosis => "names the diagnosis or a result",
            Rejection::NotFirstPerson => "not first person",
            Rejection::OutOfRole => "out of role",
            Rejection::Contradicts(_) => "contradicted",
            Rejection::MissesComplaint { .. } => "misses the complaint",
        }
    }

    /// What the model is told about its last attempt.
    pub fn feedback(&self, text: &str) -> String {
        let problems: Vec<String> = match self {
            Rejection::Empty => vec!["it was empty".into()],
            Rejection::TooLong { chars } => {
                vec![format!(
                    "it was {chars} characters long; stay under {MAX_CHARS}"
                )]
            }
            Rejection::NamesDiagnosis => {
                vec![
                    "it named the diagnosis or a test result, which the patient has not been told"
                        .into(),
                ]
            }
            Rejection::NotFirstPerson => {
                vec!["it was not in the patient's own voice; use \"I\" and \"my\"".into()]
            }
            Rejection::OutOfRole => {
                vec!["it spoke about the task instead of speaking as the patient".into()]
            }
            Rejection::MissesComplaint { lay } => {
                vec![format!("it did not say what brings the patient in: {lay}")]
            }
            Rejection::Contradicts(conflicts) => conflicts
                .iter()
                .map(|c| format!("\"{}\" contradicts the record: {}", c.said, c.fact))
                .collect(),
        };
        let mut out = format!("\nYour last version was refused:\n{text}\nWhy:\n");
        for p in problems {
            out.push_str(&format!("- {p}\n"));
        }
        out.push_str("Write it again, keeping to the facts.\n");
        // A stray "{{" from the model's text would read as a template slot.
        out.replace("{{", "{")
    }
}

/// Whether `text` may stand as the chief complaint of `skeleton`, whose facts are `memory`.
pub fn check_wording(text: &str, skeleton: &Case, memory: &Memory) -> Result<(), Rejection> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Rejection::Empty);
    }
    let chars = text.chars().count();
    if chars > MAX_CHARS {
        return Err(Rejection::TooLong { chars });
    }
    let diagnosis = skeleton.disease.name.trim().to_lowercase();
    let lexicon = crate::language::Lexicon::for_case(skeleton);
    // The diagnosis by any of its words ("pancreatitis", "my pancreas"), and results only the examiner knows.
    let names_unknown = lexicon
        .read(text)
        .mentions
        .iter()
        .flat_map(|m| m.items.iter())
        .any(|&i| memory.by_key(&lexicon.items[i].key).any(|f| !f.known));
    if (!diagnosis.is_empty() && text.to_lowercase().contains(&diagnosis)) || names_unknown {
        return Err(Rejection::NamesDiagnosis);
    }
    if !first_person(text) {
        return Err(Rejection::NotFirstPerson);
    }
    if out_of_role(text) {
        return Err(Rejection::OutOfRole);
    }
    let checked = verify::check(text, None, &lexicon, memory, None);
    let (claims, verdicts) = (checked.claims(), &checked.verdicts);
    let mut conflicts: Vec<Conflict> = Vec::new();
    for (claim, verdict) in claims.iter().zip(verdicts) {
        if verdict.label != Label::Contradict {
            continue;
        }
        let fact = verdict
            .fact_id
            .as_deref()
            .and_then(|id| memory.semantic.iter().find(|f| f.id == id))
            .map_or_else(|| verdict.reason.clone(), |f| f.text.clone());
        let conflict = Conflict {
            said: claim.text.trim().to_string(),
            key: claim.key.to_string(),
            fact,
        };
        if !conflicts.contains(&conflict) {
            conflicts.push(conflict);
        }
    }
    if !conflicts.is_empty() {
        return Err(Rejection::Contradicts(conflicts));
    }
    match skeleton.symptoms.first() {
        Some(chief) => {
            let subject = chief.name.trim().to_lowercase();
            if claims.iter().any(|c| c.key.subject == subject) {
                Ok(())
            } else {
                Err(Rejection::MissesComplaint {
                    lay: chief.lay.clone(),
                })
            }
        }
        None => Ok(()),
    }
}

/// Words no patient stating their complaint uses, and small models slip into.
const OUT_OF_ROLE: [&str; 9] = [
    "assistant",
    "ai",
    "language model",
    "the patient",
    "chief complaint",
    "first person",
    "medical student",
    "the record",
    "the facts",
];

fn out_of_role(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let padded = format!(" {} ", words.join(" "));
    OUT_OF_ROLE
        .iter()
        .any(|w| padded.contains(&format!(" {w} ")))
}

fn first_person(text: &str) -> bool {
    text.replace('\u{2019}', "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "i" | "i'm" | "i've" | "i'd" | "i'll" | "me" | "my" | "myself" | "mine"
            )
        })
}

/// The model's reply as a line of the record: the first paragraph, without
/// a label or the quotes a model likes to put around it.
pub fn cleaned(raw: &str) -> String {
    let mut text = raw.trim();
    if let Some(end) = text.find("\n\n") {
        text = &text[..end];
    }
    for label in [
        "Chief complaint:",
        "chief complaint:",
        "Patient:",
        "Answer:",
    ] {
        if let Some(rest) = text.strip_prefix(label) {
            text = rest.trim_start();
        }
    }
    let quotes = |c: char| matches!(c, '"' | '\u{201c}' | '\u{201d}') || c.is_whitespace();
    let text = text.trim_matches(quotes);
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The facts the complaint is about, one per line: every known fact of the
/// chief symptom and of any other symptom the template wording names.
pub fn prompt_facts(case: &Case, memory: &Memory) -> String {
    let lexicon = crate::language::Lexicon::for_case(case);
    let mut subjects: Vec<String> = case
        .symptoms
        .first()
        .map(|s| s.name.trim().to_lowercase())
        .into_iter()
        .collect();
    let named = lexicon.read(&case.chief_complaint);
    for &i in named.mentions.iter().flat_map(|m| m.items.iter()) {
        let item = &lexicon.items[i];
        if item.key.topic == Topic::Symptom && item.present && !subjects.contains(&item.key.subject)
        {
            subjects.push(item.key.subject.clone());
        }
    }
    memory
        .semantic
        .iter()
        .filter(|f| f.known && subjects.contains(&f.key.subject))
        .filter(|f| f.key.topic == Topic::Symptom || f.key.topic.describes_symptom())
        .map(|f| format!("- {}", f.text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What rewording did, for one record or summed over a batch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Fields now in the model's words.
    pub rewritten: u64,
    /// Calls made after a refusal.
    pub regenerations: u64,
    /// Refused texts by reason (the last refusal of a kept field included).
    pub refused: BTreeMap<&'static str, u64>,
    /// Fields left in the template wording after [`MAX_ATTEMPTS`] refusals.
    pub kept_template: u64,
    /// Records whose model call failed (after the client's own retries); they keep the template wording.
    pub model_failed: u64,
    pub calls: u64,
    /// Why the first failed call failed, to show the user.
    pub first_failure: Option<String>,
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        self.rewritten += other.rewritten;
        self.regenerations += other.regenerations;
        for (k, n) in &other.refused {
            *self.refused.entry(k).or_default() += n;
        }
        self.kept_template += other.kept_template;
        self.model_failed += other.model_failed;
        self.calls += other.calls;
        if self.first_failure.is_none() {
            self.first_failure.clone_from(&other.first_failure);
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriterError {
    #[error(transparent)]
    Llm(#[from] LlmError),
    #[error("{0}")]
    Prompt(String),
}

/// One model connection and the prompt it is asked with.
pub struct Writer {
    client: Blocking,
    prompts: Prompts,
    cancel: Cancel,
}

impl Writer {
    /// Checks the URL, the key and the template now, so that no record is
    /// built before a setting turns out wrong.
    pub fn new(settings: Settings, prompts: Prompts) -> Result<Writer, WriterError> {
        prompt(&prompts, ["40", "female"], "", "", "").map_err(WriterError::Prompt)?;
        Ok(Writer {
            client: Blocking::new(settings)?,
            prompts,
            cancel: Cancel::new(),
        })
    }

    pub fn settings(&self) -> &Settings {
        self.client.settings()
    }

    /// `skeleton` with the model's chief complaint, or unchanged where the
    /// model's words did not pass or the model did not answer.
    pub fn rewrite(&self, skeleton: &Case, seed: u64) -> (Case, Tally) {
        let mut tally = Tally::default();
        let memory = Memory::from_case(skeleton);
        let facts = prompt_facts(skeleton, &memory);
        let (age, sex) = (
            skeleton.patient.age.to_string(),
            skeleton.patient.sex.to_string(),
        );
        let who = [age.as_str(), &sex];
        let mut feedback = String::new();
        for attempt in 0..MAX_ATTEMPTS {
            if attempt > 0 {
                tally.regenerations += 1;
            }
            let prompt = match prompt(
                &self.prompts,
                who,
                &facts,
                &skeleton.chief_complaint,
                &feedback,
            ) {
                Ok(p) => p,
                Err(e) => return failed(skeleton, tally, e),
            };
            let request = llm::Request {
                messages: vec![Message::user(prompt)],
                max_tokens: Some(MAX_TOKENS),
                temperature: Some(0.7),
                // Servers that honour a seed give the same words again on a re-run.
                seed: Some(mix(seed, u64::from(attempt)) % (1 << 31)),
                ..llm::Request::default()
            };
            tally.calls += 1;
            let raw = match self.client.complete(&request, &self.cancel) {
                Ok(done) => done.text,
                Err(e) => return failed(skeleton, tally, e.to_string()),
            };
            let text = cleaned(&raw);
            match check_wording(&text, skeleton, &memory) {
                Ok(()) => {
                    tally.rewritten += 1;
                    return (self.worded(skeleton, text), tally);
                }
                Err(why) => {
                    *tally.refused.entry(why.kind()).or_default() += 1;
                    feedback = why.feedback(&text);
                }
            }
        }
        tally.kept_template += 1;
        (skeleton.clone(), tally)
    }

    fn worded(&self, skeleton: &Case, complaint: String) -> Case {
        let mut case = skeleton.clone();
        case.chief_complaint = complaint;
        if let Some(p) = &mut case.provenance {
            p.generator = format!(
                "{}; chief complaint worded by {}",
                p.generator,
                self.settings().model
            );
        }
        case
    }
}

pub(super) fn failed(skeleton: &Case, mut tally: Tally, why: String) -> (Case, Tally) {
    tally.model_failed += 1;
    tally.first_failure = Some(why);
    (skeleton.clone(), tally)
}

fn prompt(
    prompts: &Prompts,
    [age, sex]: [&str; 2],
    facts: &str,
    template: &str,
    feedback: &str,
) -> Result<String, String> {
    prompts.fill(
        TEMPLATE,
        &[
            ("age", age),
            ("sex", sex),
            ("facts", facts),
            ("template", template),
            ("feedback", feedback),
        ],
    )
}

/// A record's own seed for the model, from the batch seed and its index.
pub(super) fn mix(a: u64, b: u64) -> u64 {
    (a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15)).rotate_left(17)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_lose_labels_quotes_and_later_paragraphs() {
        assert_eq!(
            cleaned("  Patient: \"My knee hurts.\"\n\nI hope this helps!"),
            "My knee hurts."
        );
        assert_eq!(
            cleaned("Chief complaint: \u{201c}I keep\u{1b}\tfeeling sick.\u{201d}"),
            "I keep feeling sick."
        );
        assert_eq!(cleaned(" \n "), "");
    }

    #[test]
    fn the_voice_must_be_the_patients() {
        assert!(first_person("My tummy hurts."));
        assert!(first_person("I\u{2019}ve been sick."));
        assert!(!first_person("He has had a headache for two days."));
        assert!(out_of_role("As an AI assistant I cannot say."));
        assert!(out_of_role("The patient reports pain."));
        assert!(!out_of_role(
            "I said to my wife it's the worst pain I've had."
        ));
        assert!(!out_of_role("My back aches when I paint."));
    }

    #[test]
    fn feedback_names_the_fact_and_cannot_open_a_slot() {
        let why = Rejection::Contradicts(vec![Conflict {
            said: "It began {{ten years}} ago.".into(),
            key: "onset(abdominal pain)".into(),
            fact: "The abdominal pain started 2 days ago.".into(),
        }]);
        let text = why.feedback("It began {{ten years}} ago.");
        assert!(
            text.contains("The abdominal pain started 2 days ago."),
            "{text}"
        );
        assert!(!text.contains("{{"), "{text}");
        assert_eq!(why.kind(), "contradicted");
    }
}
