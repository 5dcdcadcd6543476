//! What the agent did, step by step: the same events feed the live panels,
//! the session log (JSONL) and the `interview` output.

use crate::language::question::Intent;
use crate::memory::Fact;
use crate::verify::Verdict;
use serde::{Deserialize, Serialize};

/// What a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// A candidate reply contradicted a fact and was rejected.
    Contradiction,
    /// Every styled candidate contradicted the record; the fact-only reply was sent.
    Fallback,
    /// Even the fact-only reply did not verify; the patient asked to rephrase.
    FallbackFailed,
    /// A fact the patient said was added to the episodic memory.
    FactAdded,
    /// The backend failed (a model server down, a worker that stopped).
    BackendError,
    /// The judge's answer could not be read; what it was asked settled nothing.
    JudgeError,
    /// A sentence no rule and no judge could vouch for: the candidate was not shown.
    Unsettled,
    /// The patient did not understand the question and asked what was meant.
    Clarification,
}

impl FlagKind {
    pub fn name(self) -> &'static str {
        match self {
            FlagKind::Contradiction => "contradiction",
            FlagKind::Fallback => "fallback",
            FlagKind::FallbackFailed => "fallback_failed",
            FlagKind::FactAdded => "fact_added",
            FlagKind::BackendError => "backend_error",
            FlagKind::JudgeError => "judge_error",
            FlagKind::Unsettled => "unsettled",
            FlagKind::Clarification => "clarification",
        }
    }
}

impl std::fmt::Display for FlagKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Something the instructor should see: a rejected candidate, a fallback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub detail: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact_id: Option<String>,
    /// The candidate was corrupted on purpose (`--chaos`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chaos: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum AgentEvent {
    Question {
        turn: u32,
        text: String,
    },
    Retrieved {
        intents: Vec<Intent>,
        focus: Option<String>,
        fact_ids: Vec<String>,
    },
    Candidate {
        attempt: u32,
        text: String,
        fallback: bool,
    },
    Verdicts {
        attempt: u32,
        verdicts: Vec<Verdict>,
    },
    Rejected {
        attempt: u32,
        flag: Flag,
    },
    /// Something else the instructor should see (a fallback reply).
    Flagged {
        flag: Flag,
    },
    FactAdded {
        fact: Fact,
    },
    Reply {
        turn: u32,
        text: String,
        attempts: u32,
        latency_ms: f64,
    },
}

/// One turn as the `interview` contract reports it.
#[derive(Debug, Clone, Serialize)]
pub struct TurnReport {
    #[serde(skip)]
    pub turn: u32,
    /// The symptom the question was taken to be about ("it").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    pub question: String,
    pub reply: String,
    pub attempts: u32,
    pub verdicts: Vec<Verdict>,
    pub added_facts: Vec<Fact>,
    pub flags: Vec<Flag>,
    pub latency_ms: f64,
    /// The patient did not understand and asked what was meant.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub clarification: bool,
    /// The facts the shown reply rested on, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grounds: Vec<String>,
    /// Model calls the turn made (none offline).
    #[serde(default)]
    pub calls: super::Calls,
    #[serde(skip)]
    pub events: Vec<AgentEvent>,
}

/// A turn's events, collected for its report and passed on as they happen.
pub(super) struct Emitter<'a> {
    pub events: Vec<AgentEvent>,
    sink: &'a mut dyn FnMut(&AgentEvent) -> bool,
    /// The sink asked for the turn to stop.
    pub stopped: bool,
}

impl<'a> Emitter<'a> {
    pub fn new(sink: &'a mut dyn FnMut(&AgentEvent) -> bool) -> Self {
        Emitter {
            events: Vec::new(),
            sink,
            stopped: false,
        }
    }

    pub fn push(&mut self, event: AgentEvent) {
        if !(self.sink)(&event) {
            self.stopped = true;
        }
        self.events.push(event);
    }
}
