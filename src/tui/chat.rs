//! One dialogue as the panels show it, built only from what the agent and
//! the session report: the transcript, the memory, the flags, the
//! examinations ordered. A turn in flight is kept apart until its reply is
//! verified, so a cancelled turn leaves nothing behind.

use super::input::Prompt;
use super::worker::JobId;
use crate::agent::{AgentEvent, Flag, FlagKind, TurnReport};
use crate::case::Case;
use crate::memory::{Fact, Memory, Origin, Topic};
use crate::persona::Style;
use crate::session::{self, Export, History, SessionEvent};
use crate::verify::Verdict;

/// Who said a line of the transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    Student,
    Patient,
    /// A note from the app (a turn cancelled, the style changed, a test ordered).
    System,
}

#[derive(Debug, Clone)]
pub struct Line {
    pub speaker: Speaker,
    pub text: String,
    /// The style the patient spoke in (patient lines).
    pub style: Option<Style>,
    /// The verdicts on the reply's claims (patient lines; shown in instructor mode).
    pub verdicts: Vec<Verdict>,
    /// The facts the reply added to memory, by id (patient lines; instructor mode).
    pub added: Vec<String>,
}

impl Line {
    pub fn said(speaker: Speaker, text: impl Into<String>) -> Line {
        Line {
            speaker,
            text: text.into(),
            style: None,
            verdicts: Vec::new(),
            added: Vec::new(),
        }
    }
}

/// A flag with the turn (and candidate) it was raised in.
#[derive(Debug, Clone, PartialEq)]
pub struct Raised {
    pub turn: u32,
    pub attempt: Option<u32>,
    pub flag: Flag,
}

/// The panel keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Input,
    Transcript,
    Memory,
    Examination,
    Flags,
}

impl Focus {
    pub const CYCLE: [Focus; 5] = [
        Focus::Input,
        Focus::Transcript,
        Focus::Memory,
        Focus::Examination,
        Focus::Flags,
    ];
}

/// The turn in flight: what the worker has reported of it so far.
#[derive(Debug, Clone)]
pub struct Pending {
    pub job: JobId,
    pub turn: u32,
    pub question: String,
    /// The style the patient answers in: the one when the question was sent
    /// (a change during the turn takes effect from the next question).
    pub style: Style,
    /// The candidate being verified, and which attempt it is.
    pub attempt: u32,
    pub draft: Option<String>,
    pub flags: Vec<Raised>,
    pub facts: Vec<Fact>,
    /// What the student did while the turn ran (a style change, an order):
    /// applied after the reply, as the log and a replay have them.
    pub deferred: Vec<SessionEvent>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Scroll {
    /// Rows up from the bottom of the transcript.
    pub transcript: u16,
    /// Rows down from the top of these panels.
    pub memory: u16,
    pub examination: u16,
    /// Rows down from the top of the debrief.
    pub debrief: u16,
}

#[derive(Clone)]
pub struct Chat {
    pub case_id: String,
    pub patient: String,
    /// The patient as the student meets them: "Linda Harper, 47, female".
    pub who: String,
    pub diagnosis: String,
    pub severity: String,
    pub backend: String,
    pub style: Style,
    /// The record's facts, then the ones added in this dialogue.
    pub facts: Vec<Fact>,
    /// The record's words linked to the concept layer, for reading orders.
    pub lexicon: std::sync::Arc<crate::language::Lexicon>,
    /// Facts the patient's shown replies rested on (entailed), by id.
    pub revealed: Vec<String>,
    pub transcript: Vec<Line>,
    pub flags: Vec<Raised>,
    /// Examination and test results ordered, by fact id.
    pub ordered: Vec<String>,
    /// The accepted turns and session events: what the log, replay and export hold.
    pub history: History,
    pub prompt: Prompt,
    pub pending: Option<Pending>,
    pub next_job: JobId,
    pub focus: Focus,
    pub scroll: Scroll,
    /// The selected flag, counted from the newest.
    pub flag_selected: usize,
    /// The flag whose detail is open.
    pub detail: Option<Raised>,
    pub last_latency_ms: Option<f64>,
    /// The interview has been ended and the debrief is showing.
    pub ended: bool,
    /// A one-line message for the status bar (an export saved, a command's answer).
    pub notice: Option<String>,
}

impl Chat {
    pub fn new(case: &Case, style: Style, backend: &str) -> Self {
        let opening = format!(
            "You are seeing {}, {}, {}. Take a history: ask in your own words. /exam X orders an examination, Ctrl+D ends with a debrief, F1 lists the keys.",
            case.patient.name, case.patient.age, case.patient.sex
        );
        Chat {
            case_id: case.id.clone(),
            patient: case.patient.name.clone(),
            who: format!(
                "{}, {}, {}",
                case.patient.name, case.patient.age, case.patient.sex
            ),
            diagnosis: case.disease.name.clone(),
            severity: case.disease.severity.name().to_string(),
            backend: backend.to_string(),
            style,
            facts: Memory::from_case(case).semantic,
            lexicon: std::sync::Arc::new(crate::language::Lexicon::for_case(case)),
            revealed: Vec::new(),
            transcript: vec![Line::said(Speaker::System, opening)],
            flags: Vec::new(),
            ordered: Vec::new(),
            history: History::default(),
            prompt: Prompt::default(),
            pending: None,
            next_job: 1,
            focus: Focus::Input,
            scroll: Scroll::default(),
            flag_selected: 0,
            detail: None,
            last_latency_ms: None,
            ended: false,
            notice: None,
        }
    }

    /// The transcript's title: the patient, and for an instructor the case id
    /// too (the id names the disease, so a trainee does not see it).
    pub fn title(&self, instructor: bool) -> String {
        if instructor {
            format!("{} · {}", self.who, self.case_id)
        } else {
            self.who.clone()
        }
    }

    /// Turns answered and shown.
    pub fn turn(&self) -> u32 {
        self.history.turns.len() as u32
    }

    /// An event of the turn in flight, as it happens.
    pub fn event(&mut self, job: JobId, e: &AgentEvent) {
        let Some(p) = self.pending.as_mut().filter(|p| p.job == job) else {
            return;
        };
        match e {
            AgentEvent::Candidate { attempt, text, .. } => {
                p.attempt = *attempt;
                p.draft = Some(text.clone());
            }
            AgentEvent::Rejected { attempt, flag } => p.flags.push(Raised {
                turn: p.turn,
                attempt: Some(*attempt),
                flag: flag.clone(),
            }),
            AgentEvent::Flagged { flag } => p.flags.push(Raised {
                turn: p.turn,
                attempt: Some(p.attempt),
                flag: flag.clone(),
            }),
            AgentEvent::FactAdded { fact } => p.facts.push(fact.clone()),
            _ => {}
        }
    }

    /// A verified turn: its reply, the facts it added, the flags it raised;
    /// then what the student did while it ran.
    pub fn finish(&mut self, report: &TurnReport) {
        let (style, deferred) = match self.pending.take() {
            Some(p) => (p.style, p.deferred),
            None => (self.style, Vec::new()),
        };
        self.last_latency_ms = Some(report.latency_ms);
        let mut attempt = 1;
        for e in &report.events {
            let raised = |attempt, flag: &Flag| Raised {
                turn: report.turn,
                attempt: Some(attempt),
                flag: flag.clone(),
            };
            match e {
                AgentEvent::Candidate { attempt: a, .. } => attempt = *a,
                AgentEvent::Rejected { attempt, flag } => self.flags.push(raised(*attempt, flag)),
                AgentEvent::Flagged { flag } => self.flags.push(raised(attempt, flag)),
                AgentEvent::FactAdded { fact } => {
                    self.facts.push(fact.clone());
                    self.flags.push(Raised {
                        turn: report.turn,
                        attempt: None,
                        flag: Flag {
                            kind: FlagKind::FactAdded,
                            detail: format!("{} {}", fact.id, fact.text),
                            fact_id: Some(fact.id.clone()),
                            chaos: false,
                        },
                    });
                }
                _ => {}
            }
        }
        for v in &report.verdicts {
            if let (Some(id), crate::verify::Label::Entail) = (&v.fact_id, v.label) {
                if !self.revealed.contains(id) {
                    self.revealed.push(id.clone());
                }
            }
        }
        self.transcript.push(Line {
            speaker: Speaker::Patient,
            text: report.reply.clone(),
            style: Some(style),
            verdicts: report.verdicts.clone(),
            added: report.added_facts.iter().map(|f| f.id.clone()).collect(),
        });
        self.history.turns.push(report.clone());
        self.scroll.transcript = 0;
        self.flag_selected = 0;
        for e in &deferred {
            self.note(e);
        }
    }

    /// A session event the student caused now: applied at once, or after the
    /// turn in flight (numbered as following it). Returns it as logged.
    pub fn act(&mut self, mut e: SessionEvent) -> Option<SessionEvent> {
        match self.pending.as_mut() {
            Some(p) => {
                e.set_turn(p.turn);
                p.deferred.push(e);
                None
            }
            None => {
                self.note(&e);
                Some(e)
            }
        }
    }

    /// A session event, live or replayed: the panels change as it says.
    pub fn note(&mut self, e: &SessionEvent) {
        let text = match e {
            SessionEvent::StyleChanged { style, .. } => {
                self.style = *style;
                format!("Style: {style}")
            }
            SessionEvent::Ordered {
                request,
                fact_ids,
                unavailable,
                unknown,
                ..
            } => {
                let new: Vec<&String> = fact_ids
                    .iter()
                    .filter(|id| !self.ordered.contains(id))
                    .collect();
                let mut text = match (fact_ids.len(), new.len()) {
                    (0, _) if unavailable.is_empty() && unknown.is_empty() => format!(
                        "No examination or test matches \"{request}\" (type /exam alone for the list)."
                    ),
                    (0, _) => String::new(),
                    (_, 0) => {
                        format!("\"{request}\" was already ordered: see the examination panel.")
                    }
                    (_, 1) => format!("Ordered \"{request}\": 1 result in the examination panel."),
                    (_, n) => {
                        format!("Ordered \"{request}\": {n} results in the examination panel.")
                    }
                };
                let mut add = |more: String| {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(&more);
                };
                if !unavailable.is_empty() {
                    add(format!(
                        "No result for {} in this case.",
                        quoted_list(unavailable)
                    ));
                }
                if !unknown.is_empty() {
                    add(format!(
                        "Not an examination or test I know: {} (type /exam alone for the list).",
                        quoted_list(unknown)
                    ));
                }
                let new: Vec<String> = new.into_iter().cloned().collect();
                self.ordered.extend(new);
                text
            }
            SessionEvent::Cancelled { question, .. } => {
                self.transcript
                    .push(Line::said(Speaker::Student, question.clone()));
                "Cancelled: the patient did not hear that question.".into()
            }
            SessionEvent::Started { .. } | SessionEvent::Ended { .. } => {
                self.history.notes.push(e.clone());
                return;
            }
        };
        self.history.notes.push(e.clone());
        self.transcript.push(Line::said(Speaker::System, text));
    }

    /// The examiner's findings that `what` asks for (`vitals`, `abdo`, `FBC,
    /// CRP and LFTs`, `CT head`, `all`), read through the concept layer, with
    /// what it named that the record has no result for and words it did not
    /// know. The patient does not learn them.
    pub fn findings(
        &self,
        what: &str,
        want: crate::language::order::Want,
    ) -> crate::language::order::Found {
        crate::language::order::order(what, want, &self.lexicon, &self.facts)
    }

    fn examiner_facts(&self) -> impl Iterator<Item = &Fact> {
        self.facts
            .iter()
            .filter(|f| crate::language::order::is_result(f))
    }

    /// What can be ordered: `vitals` and the subjects of the examiner's findings.
    pub fn orderable(&self) -> Vec<String> {
        let mut names = vec!["vitals".to_string()];
        for f in self
            .examiner_facts()
            .filter(|f| f.key.topic != Topic::Vital)
        {
            if !f.key.subject.is_empty() && !names.contains(&f.key.subject) {
                names.push(f.key.subject.clone());
            }
        }
        names.push("all".into());
        names
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }

    pub fn episodic(&self) -> impl Iterator<Item = &Fact> {
        self.facts
            .iter()
            .filter(|f| matches!(f.origin, Origin::Episodic { .. }))
    }

    /// The flags as the panel lists them: the turn in flight's first, newest on top.
    pub fn flags_newest_first(&self) -> Vec<&Raised> {
        let live = self.pending.iter().flat_map(|p| p.flags.iter().rev());
        live.chain(self.flags.iter().rev()).collect()
    }

    pub fn debrief(&self) -> session::Debrief<'_> {
        session::debrief(&self.facts, &self.history)
    }

    pub fn export(&self) -> Export<'_> {
        Export {
            case_id: &self.case_id,
            patient: &self.patient,
            diagnosis: &self.diagnosis,
            facts: &self.facts,
            history: &self.history,
        }
    }
}

/// `"TSH"`, `"TSH" and "IOP"`, `"TSH", "IOP" and "MSE"`.
fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}
