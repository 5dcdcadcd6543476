//! The LLM responder: the patient's voice from an OpenAI-compatible server.
//! The prompt carries the style's instructions, the facts relevant to the
//! question with who the patient is (not the whole record), the recent
//! dialogue and, after a rejection, the facts the last candidate
//! contradicted. Its candidates go through the same verifier as offline
//! ones; the fact-only fallback, and any turn the model cannot answer, come
//! from the offline engine, flagged.

use super::{Ask, Candidate, Flag, FlagKind, Offline, Responder};
use crate::case::Case;
use crate::llm::{Blocking, Cancel, Message, Request};
use crate::memory::{Fact, Memory, Topic};
use crate::persona::{Persona, Style};
use crate::prompts::Prompts;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Turns of dialogue the prompt carries.
const RECENT_TURNS: usize = 6;

pub struct LlmResponder {
    client: Blocking,
    prompts: Prompts,
    persona: Persona,
    /// The fact-only fallback, and the answer when the model fails.
    offline: Offline,
    cancel: Cancel,
    seed: u64,
    pub max_tokens: u32,
}

impl LlmResponder {
    pub fn new(client: Blocking, prompts: Prompts, style: Style, seed: u64) -> Self {
        LlmResponder {
            client,
            prompts,
            persona: Persona::builtin(style),
            offline: Offline {
                persona: Persona::builtin(style),
                seed,
                chaos: 0.0,
            },
            cancel: Cancel::new(),
            seed,
            max_tokens: 100,
        }
    }

    fn request(&self, case: &Case, memory: &Memory, ask: &Ask<'_>) -> Result<Request, String> {
        let facts = prompt_facts(case, memory, ask.retrieved);
        let feedback = if ask.feedback.is_empty() {
            String::new()
        } else {
            let lines: Vec<String> = ask.feedback.iter().map(|f| format!("- {f}")).collect();
            self.prompts
                .fill("feedback", &[("contradicted", &lines.join("\n"))])?
        };
        let system = self.prompts.fill(
            "patient",
            &[
                ("name", &case.patient.name),
                ("age", &case.patient.age.to_string()),
                ("sex", &case.patient.sex.to_string()),
                ("style", self.persona.llm_instructions.trim()),
                ("facts", &facts),
                ("feedback", &feedback),
            ],
        )?;
        let mut messages = vec![Message::system(system)];
        let recent = ask.dialogue.len().saturating_sub(RECENT_TURNS);
        for (q, a) in &ask.dialogue[recent..] {
            messages.push(Message::user(q.clone()));
            messages.push(Message::assistant(a.clone()));
        }
        messages.push(Message::user(ask.question.to_string()));
        Ok(Request {
            messages,
            max_tokens: Some(self.max_tokens),
            temperature: Some(0.7),
            seed: Some(
                self.seed
                    .wrapping_add(u64::from(ask.turn) * 16 + u64::from(ask.attempt)),
            ),
            json: false,
            schema: None,
            stop: vec!["\nStudent:".into(), "\nDoctor:".into(), "\nYou:".into()],
        })
    }

    /// The offline engine's answer in place of the model's, flagged.
    fn offline_instead(
        &mut self,
        case: &Case,
        memory: &Memory,
        ask: &Ask<'_>,
        why: String,
    ) -> Candidate {
        let mut c = self.offline.candidate(case, memory, ask);
        c.calls = 1;
        c.flags.push(Flag {
            kind: FlagKind::BackendError,
            detail: format!("{why}; the offline engine answered instead"),
            fact_id: None,
            chaos: false,
        });
        c
    }
}

impl Responder for LlmResponder {
    fn candidate(&mut self, case: &Case, memory: &Memory, ask: &Ask<'_>) -> Candidate {
        if ask.plain {
            return self.offline.candidate(case, memory, ask);
        }
        let request = match self.request(case, memory, ask) {
            Ok(r) => r,
            Err(e) => return self.offline_instead(case, memory, ask, e),
        };
        match self.client.stream(&request, &self.cancel, &mut |_| {}) {
            Ok(done) => match spoken(&done.text, &case.patient.name) {
                Some(text) => Candidate {
                    text,
                    calls: 1,
                    ..Candidate::default()
                },
                None => {
                    self.offline_instead(case, memory, ask, "the model's reply was empty".into())
                }
            },
            Err(e) => {
                self.offline_instead(case, memory, ask, format!("the model did not answer ({e})"))
            }
        }
    }

    fn set_style(&mut self, style: Style) {
        self.persona = Persona::builtin(style);
        self.offline.set_style(style);
    }

    fn set_cancel(&mut self, cancel: Arc<AtomicBool>) {
        self.cancel = Cancel::from_flag(cancel);
    }

    fn describe(&self) -> String {
        format!("llm {}", self.client.settings().model)
    }
}

/// The facts a prompt carries: who the patient is, the complaint, the facts
/// retrieved for the question and what the patient said before (all known to them).
pub fn prompt_facts(case: &Case, memory: &Memory, retrieved: &[String]) -> String {
    let core = |f: &Fact| {
        matches!(
            f.key.topic,
            Topic::Name | Topic::Age | Topic::Sex | Topic::Occupation | Topic::Living
        )
    };
    let mut lines = vec![format!(
        "- In your words, why you came: \"{}\"",
        case.chief_complaint
    )];
    for f in memory
        .semantic
        .iter()
        .filter(|f| f.known && (core(f) || retrieved.contains(&f.id)))
    {
        lines.push(format!("- {}", f.text));
    }
    for f in memory
        .episodic
        .iter()
        .rev()
        .take(20)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        lines.push(format!("- You said earlier: {}", f.text));
    }
    lines.join("\n")
}

/// The reply as the patient would say it: role labels, quotes and anything
/// after the model starts writing the student's part removed, three
/// sentences at most. `None` when nothing is left.
pub fn spoken(raw: &str, name: &str) -> Option<String> {
    let mut text = raw.trim();
    for cut in ["\nStudent", "\nDoctor", "\nYou:", "\n\n"] {
        if let Some(i) = text.find(cut) {
            text = &text[..i];
        }
    }
    let first = name.split_whitespace().next().unwrap_or(name);
    for label in [
        "Patient:",
        "patient:",
        "A:",
        "Answer:",
        &format!("{name}:"),
        &format!("{first}:"),
    ] {
        if let Some(rest) = text.strip_prefix(label) {
            text = rest.trim_start();
        }
    }
    let text = text.trim_matches(|c: char| {
        c == '"' || c == '\u{201c}' || c == '\u{201d}' || c.is_whitespace()
    });
    let mut out = String::new();
    let mut sentences = 0;
    for ch in text.chars() {
        out.push(if ch.is_control() { ' ' } else { ch });
        if matches!(ch, '.' | '!' | '?') {
            sentences += 1;
            if sentences == 3 || out.len() > 400 {
                break;
            }
        }
        if out.len() > 600 {
            break;
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::spoken;

    #[test]
    fn replies_are_cut_to_what_the_patient_says() {
        assert_eq!(
            spoken("Patient: \"I've never smoked.\"", "Linda Harper").as_deref(),
            Some("I've never smoked.")
        );
        assert_eq!(
            spoken("Linda: No.\nStudent: And alcohol?", "Linda Harper").as_deref(),
            Some("No.")
        );
        assert_eq!(
            spoken("One. Two. Three. Four.", "X").as_deref(),
            Some("One. Two. Three.")
        );
        assert_eq!(spoken("   \n ", "X"), None);
        assert_eq!(
            spoken("It hurts\u{1b}[2J here.", "X").as_deref(),
            Some("It hurts [2J here.")
        );
    }
}
