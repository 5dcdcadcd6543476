//! The patient agent: question understanding, the responders and the
//! verify-and-regenerate loop (Algorithm 1 of the paper, with the facts a
//! claim concerns found by key instead of checking every fact).

mod answer;
mod events;
pub mod llm;
mod offline;
pub mod realise;
mod recall;
mod settle;
mod understand;
mod voice;

use events::Emitter;
pub use events::{AgentEvent, Flag, FlagKind, TurnReport};
pub use llm::LlmResponder;
pub use offline::Offline;
pub use voice::Voice;

use crate::case::Case;
use crate::language::Lexicon;
use crate::language::question::{Asked, Attribute, Intent};
use crate::memory::{Key, Memory, Value};
use crate::persona::Style;
use crate::verify::{self, Claim, Cost, Judge, Label, Verdict};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// Candidates drawn for one turn before falling back to a reply built only from facts.
pub const DEFAULT_ATTEMPTS: u32 = 3;

/// What a responder is asked for one candidate.
pub struct Ask<'a> {
    pub question: &'a str,
    /// The question, read: what it names and asks.
    pub asked: &'a Asked,
    /// Its parts when it asks several things, each read.
    pub parts: &'a [Asked],
    /// The record's vocabulary.
    pub lexicon: &'a Lexicon,
    pub intents: &'a [Intent],
    /// The record's symptom the question concerns, if it names one.
    pub focus: Option<&'a str>,
    /// For "do you have X?": the symptom asked about (recorded or not).
    pub asked_symptom: Option<String>,
    pub turn: u32,
    pub attempt: u32,
    /// Build the plain, fact-only reply (the fallback): no style, no chaos.
    pub plain: bool,
    /// The facts retrieved for the question, by id: what a model is shown of the record.
    pub retrieved: &'a [String],
    /// The dialogue so far, oldest first: (question, reply shown).
    pub dialogue: &'a [(String, String)],
    /// Why this turn's previous candidate was rejected: the facts it contradicted.
    pub feedback: &'a [String],
}

#[derive(Default)]
pub struct Candidate {
    pub text: String,
    /// Details the responder made up where the record is silent.
    pub invented: Vec<(Key, Value, String)>,
    /// Set when `--chaos` corrupted this candidate: what was changed.
    pub corrupted: Option<String>,
    /// What the instructor should know of how it was made (the model failed, the offline engine answered).
    pub flags: Vec<Flag>,
    /// Model calls made for it.
    pub calls: u32,
    /// The facts it was built from, by id (what the offline engine said it used).
    pub grounds: Vec<String>,
}

/// The reply that passed: its text, claims, verdicts and invented details.
type Shown = (String, Vec<Claim>, Vec<Verdict>, Vec<(Key, Value, String)>);

pub trait Responder {
    fn candidate(&mut self, case: &Case, memory: &Memory, ask: &Ask<'_>) -> Candidate;
    /// Speak in `style` from the next candidate on.
    fn set_style(&mut self, style: Style);
    /// The switch that stops a turn in flight: a model call ends when it is set.
    fn set_cancel(&mut self, _cancel: Arc<AtomicBool>) {}
    /// Who gives the patient its voice, for the status bar and the session log.
    fn describe(&self) -> String;
}

impl Responder for Box<dyn Responder + Send> {
    fn candidate(&mut self, case: &Case, memory: &Memory, ask: &Ask<'_>) -> Candidate {
        (**self).candidate(case, memory, ask)
    }
    fn set_style(&mut self, style: Style) {
        (**self).set_style(style)
    }
    fn set_cancel(&mut self, cancel: Arc<AtomicBool>) {
        (**self).set_cancel(cancel)
    }
    fn describe(&self) -> String {
        (**self).describe()
    }
}

/// Model calls made so far, for the cost benchmark (the paper makes one judge call per fact per candidate).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Calls {
    pub responses: u64,
    pub judge: u64,
}

pub struct Agent<R: Responder> {
    pub case: Case,
    pub memory: Memory,
    pub responder: R,
    pub attempts: u32,
    pub turn: u32,
    /// Fact comparisons made so far (rule verifier), for the cost benchmark.
    pub cost: Cost,
    /// The record's vocabulary: everything English is read through it.
    pub lexicon: Lexicon,
    /// The symptom the conversation is on (a lexicon item), for questions that say "it".
    pub topic: Option<usize>,
    /// What the last question asked, for elliptical follow-ups ("and the nausea?").
    pub last_intents: Vec<Intent>,
    pub last_attribute: Option<Attribute>,
    /// The questions and the replies shown, oldest first.
    pub dialogue: Vec<(String, String)>,
    /// Settles what the rules cannot (an LLM); none offline.
    pub judge: Option<Box<dyn Judge + Send>>,
    pub calls: Calls,
    /// The consultation's date, for relative times ("since Christmas"); today when unset.
    pub date: Option<time::Date>,
    /// Show sentences the judge could not settle, marked, instead of
    /// regenerating the reply (a developer's setting; off for trainees).
    pub show_unsettled: bool,
}

/// The agent's state at some moment (before a turn): rewinding to it takes
/// back every turn since, as if those questions had not been asked.
#[derive(Debug, Clone)]
pub struct Mark {
    turn: u32,
    dialogue: usize,
    memory: crate::memory::Mark,
    topic: Option<usize>,
    last_intents: Vec<Intent>,
    last_attribute: Option<Attribute>,
}

impl<R: Responder> Agent<R> {
    pub fn new(case: Case, responder: R) -> Self {
        let memory = Memory::from_case(&case);
        let lexicon = Lexicon::for_case(&case);
        Agent {
            case,
            memory,
            lexicon,
            last_intents: Vec::new(),
            last_attribute: None,
            responder,
            attempts: DEFAULT_ATTEMPTS,
            turn: 0,
            cost: Cost::default(),
            topic: None,
            dialogue: Vec::new(),
            judge: None,
            calls: Calls::default(),
            date: None,
            show_unsettled: false,
        }
    }

    /// A turn's reply read again against the patient's memory as it is now,
    /// as the answer to its question about the symptom it was on (checks
    /// after an interview).
    pub fn recheck(&self, turn: &TurnReport) -> verify::Checked {
        let mut asked = crate::language::question::read(&turn.question, &self.lexicon);
        let on = turn.focus.as_ref().and_then(|f| {
            self.lexicon
                .item_of(&crate::memory::Key::new(crate::memory::Topic::Symptom, f))
        });
        asked.focus = verify::focus_among(&asked, &self.lexicon, on).or(on);
        verify::check_read(
            &turn.reply,
            Some(&asked),
            None,
            &self.lexicon,
            &self.memory,
            self.date,
            &mut Cost::default(),
        )
    }

    /// One turn: the reply shown and every event on the way, in order.
    pub fn ask(&mut self, question: &str) -> TurnReport {
        self.ask_with(question, &mut |_| true)
            .expect("a sink that never stops lets the turn finish")
    }

    /// One turn, each event passed to `sink` as it happens (the live panels).
    /// When `sink` returns false the turn stops before the patient's memory
    /// changes, as if it had not been asked, and `None` is returned.
    pub fn ask_with(
        &mut self,
        question: &str,
        sink: &mut dyn FnMut(&AgentEvent) -> bool,
    ) -> Option<TurnReport> {
        let started = Instant::now();
        let mark = self.mark();
        self.turn += 1;
        let turn = self.turn;
        let mut events = Emitter::new(sink);
        events.push(AgentEvent::Question {
            turn,
            text: question.to_string(),
        });
        let texts = crate::language::question::parts(question);
        let parts: Vec<Asked> = if texts.len() > 1 {
            texts.iter().map(|t| self.understand(t)).collect()
        } else {
            Vec::new()
        };
        let mut asked = self.understand(question);
        if let Some(first) = parts.first() {
            // "It" is what the first part settled on.
            asked.focus = asked.focus.or(first.focus);
        }
        let intents = asked.intents.clone();
        let asked_symptom = intents
            .contains(&Intent::SymptomCheck)
            .then(|| self.asked_symptom(&asked))
            .flatten();
        let focus = asked
            .focus
            .map(|i| self.lexicon.items[i].key.subject.clone());
        let retrieved = self.retrieve(&intents, focus.as_deref());
        events.push(AgentEvent::Retrieved {
            intents: intents.clone(),
            focus: focus.clone(),
            fact_ids: retrieved.clone(),
        });

        if events.stopped {
            self.rewind(mark);
            return None;
        }
        let mut flags = Vec::new();
        let mut shown: Option<Shown> = None;
        let mut attempts = 0;
        let mut feedback: Vec<String> = Vec::new();
        let mut grounds: Vec<String> = Vec::new();
        let calls_before = self.calls;
        for attempt in 1..=self.attempts + 1 {
            let plain = attempt > self.attempts;
            let ask = Ask {
                question,
                asked: &asked,
                parts: if parts.is_empty() {
                    std::slice::from_ref(&asked)
                } else {
                    &parts
                },
                lexicon: &self.lexicon,
                intents: &intents,
                focus: focus.as_deref(),
                asked_symptom: asked_symptom.clone(),
                turn,
                attempt,
                plain,
                retrieved: &retrieved,
                dialogue: &self.dialogue,
                feedback: &feedback,
            };
            let candidate = self.responder.candidate(&self.case, &self.memory, &ask);
            attempts += 1;
            self.calls.responses += u64::from(candidate.calls);
            for flag in &candidate.flags {
                events.push(AgentEvent::Flagged { flag: flag.clone() });
                flags.push(flag.clone());
            }
            events.push(AgentEvent::Candidate {
                attempt,
                text: candidate.text.clone(),
                fallback: plain,
            });
            // Stopped while the candidate was made: no judging, nothing changes.
            if events.stopped {
                self.rewind(mark);
                return None;
            }
            let checked = verify::check_read(
                &candidate.text,
                Some(&asked),
                asked.focus,
                &self.lexicon,
                &self.memory,
                self.date,
                &mut self.cost,
            );
            let claims = checked.reading.claims.clone();
            let mut verdicts = checked.verdicts.clone();
            // What the rules could not settle goes to the judge, in one call for the candidate.
            let mut said = Vec::new();
            let mut unsettled = Vec::new();
            if !plain && !verdicts.iter().any(|v| v.label == Label::Contradict) {
                let settled = self.settle(&checked, &mut verdicts, turn);
                said = settled.said;
                unsettled = settled.unsettled;
                if let Some(flag) = settled.flag {
                    events.push(AgentEvent::Flagged { flag: flag.clone() });
                    flags.push(flag);
                }
            }
            events.push(AgentEvent::Verdicts {
                attempt,
                verdicts: verdicts.clone(),
            });
            let bad: Vec<&Verdict> = verdicts
                .iter()
                .filter(|v| v.label == Label::Contradict)
                .collect();
            if events.stopped {
                self.rewind(mark);
                return None;
            }
            // A sentence the judge could not settle is not shown as the patient's word.
            if bad.is_empty() && !unsettled.is_empty() && !self.show_unsettled {
                feedback.clear();
                feedback.push(format!(
                    "Say only what the facts support; this could not be checked: {}",
                    unsettled.join(" ")
                ));
                let flag = Flag {
                    kind: FlagKind::Unsettled,
                    detail: format!(
                        "rejected \"{}\": the judge could not settle {}",
                        candidate.text,
                        unsettled.join(" / ")
                    ),
                    fact_id: None,
                    chaos: false,
                };
                events.push(AgentEvent::Rejected {
                    attempt,
                    flag: flag.clone(),
                });
                flags.push(flag);
                continue;
            }
            if bad.is_empty() {
                let mut invented = candidate.invented;
                invented.extend(said);
                grounds = candidate.grounds;
                shown = Some((candidate.text, claims, verdicts, invented));
                break;
            }
            feedback.clear();
            // Two claims against one fact ("I smoke a pack a day" against a
            // never smoker: the habit and its amount) are one contradiction.
            let mut seen: Vec<&str> = Vec::new();
            for v in bad {
                if let Some(id) = v.fact_id.as_deref() {
                    if seen.contains(&id) {
                        continue;
                    }
                    seen.push(id);
                }
                let fact = v
                    .fact_id
                    .as_deref()
                    .and_then(|id| self.memory.fact(id))
                    .map(|f| f.text.clone())
                    .unwrap_or_default();
                feedback.push(fact.clone());
                let flag = Flag {
                    kind: FlagKind::Contradiction,
                    detail: format!(
                        "rejected \"{}\": {} contradicts {} ({})",
                        candidate.text, v.claim, fact, v.reason
                    ),
                    fact_id: v.fact_id.clone(),
                    chaos: candidate.corrupted.is_some(),
                };
                events.push(AgentEvent::Rejected {
                    attempt,
                    flag: flag.clone(),
                });
                flags.push(flag);
            }
            if plain {
                // Even the fact-only reply failed (a verifier gap): say nothing contested.
                shown = Some((
                    "Sorry, could you ask me that again?".into(),
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                ));
                let flag = Flag {
                    kind: FlagKind::FallbackFailed,
                    detail: "the fact-only reply did not verify".into(),
                    fact_id: None,
                    chaos: false,
                };
                events.push(AgentEvent::Flagged { flag: flag.clone() });
                flags.push(flag);
            }
        }
        let (reply, claims, verdicts, invented) = shown.unwrap_or_default();
        if attempts > self.attempts {
            let flag = Flag {
                kind: FlagKind::Fallback,
                detail: "all styled candidates contradicted the record; sent a reply built only from facts".into(),
                fact_id: None,
                chaos: false,
            };
            events.push(AgentEvent::Flagged { flag: flag.clone() });
            flags.push(flag);
        }
        let added = self.remember(&claims, &verdicts, invented, turn);
        for f in &added {
            events.push(AgentEvent::FactAdded { fact: f.clone() });
        }
        self.dialogue.push((question.to_string(), reply.clone()));
        let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        events.push(AgentEvent::Reply {
            turn,
            text: reply.clone(),
            attempts,
            latency_ms,
        });
        let clarification = flags.iter().any(|f| f.kind == FlagKind::Clarification);
        // The facts the reply rested on: those it states, and those the responder said it used.
        for v in &verdicts {
            if let (Label::Entail, Some(id)) = (v.label, &v.fact_id) {
                if !grounds.contains(id) {
                    grounds.push(id.clone());
                }
            }
        }
        let calls = Calls {
            responses: self.calls.responses - calls_before.responses,
            judge: self.calls.judge - calls_before.judge,
        };
        Some(TurnReport {
            turn,
            focus,
            question: question.to_string(),
            reply,
            attempts,
            verdicts,
            added_facts: added,
            flags,
            latency_ms,
            clarification,
            grounds,
            calls,
            events: events.events,
        })
    }

    pub fn mark(&self) -> Mark {
        Mark {
            turn: self.turn,
            dialogue: self.dialogue.len(),
            memory: self.memory.mark(),
            topic: self.topic,
            last_intents: self.last_intents.clone(),
            last_attribute: self.last_attribute,
        }
    }

    /// Takes back every turn since `mark`: the facts they added are forgotten,
    /// the turn count and the conversation's focus are as they were.
    pub fn rewind(&mut self, mark: Mark) {
        self.memory.rewind(&mark.memory);
        self.dialogue.truncate(mark.dialogue);
        self.turn = mark.turn;
        self.topic = mark.topic;
        self.last_intents = mark.last_intents;
        self.last_attribute = mark.last_attribute;
    }
}
