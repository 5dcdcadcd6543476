//! A session rebuilt from its log: the turns as they were reported, and what
//! the student did between them. Replay and export read this.

use super::{Entry, Event, SessionEvent};
use crate::agent::{AgentEvent as E, TurnReport};

#[derive(Debug, Clone, Default)]
pub struct History {
    pub turns: Vec<TurnReport>,
    /// Session events in the order they happened (each names the turn it followed).
    pub notes: Vec<SessionEvent>,
}

impl History {
    pub fn from_entries(entries: &[Entry]) -> History {
        let notes = entries
            .iter()
            .filter_map(|e| match &e.event {
                Event::Session(s) => Some(s.clone()),
                Event::Agent(_) => None,
            })
            .collect();
        History {
            turns: turns(entries),
            notes,
        }
    }

    /// A session log read back: its history and the case it is about, found
    /// at `case_file` if given, else where the log says, else in `cases/`.
    pub fn open(
        log: &std::path::Path,
        case_file: Option<&std::path::Path>,
        kb: Option<&crate::knowledge::KnowledgeBase>,
    ) -> anyhow::Result<(History, crate::case::Case)> {
        use std::path::{Path, PathBuf};
        let entries = super::read(log)?;
        let first = entries
            .first()
            .ok_or_else(|| anyhow::anyhow!("{}: the session log is empty", log.display()))?;
        let history = History::from_entries(&entries);
        let path = match (case_file, history.case_file()) {
            (Some(p), _) => p.to_path_buf(),
            (None, Some(p)) if Path::new(p).exists() => PathBuf::from(p),
            _ => Path::new("cases").join(format!("{}.yaml", first.case)),
        };
        let case = crate::case::load(&path, kb).map_err(|e| {
            anyhow::anyhow!("the session's case does not load (give it with --case FILE):\n{e}")
        })?;
        Ok((history, case))
    }

    /// The style the chat was started in, when the log says.
    pub fn started_style(&self) -> Option<crate::persona::Style> {
        self.notes.iter().find_map(|n| match n {
            SessionEvent::Started { style, .. } => Some(*style),
            _ => None,
        })
    }

    /// The actions between questions that followed turn `turn` (0: before the first question).
    pub fn notes_after(&self, turn: u32) -> impl Iterator<Item = &SessionEvent> {
        self.notes
            .iter()
            .filter(move |n| n.action_after() == Some(turn))
    }

    /// The case file the chat was started on, when the log says.
    pub fn case_file(&self) -> Option<&str> {
        self.notes.iter().find_map(|n| match n {
            SessionEvent::Started { case_file, .. } => Some(case_file.as_str()),
            _ => None,
        })
    }
}

/// The turns of a log, rebuilt from its events: what the panels showed after each.
pub fn turns(entries: &[Entry]) -> Vec<TurnReport> {
    let mut out: Vec<TurnReport> = Vec::new();
    let mut current: Option<TurnReport> = None;
    for entry in entries {
        let Event::Agent(event) = &entry.event else {
            continue;
        };
        match event {
            E::Question { turn, text } => {
                current = Some(TurnReport {
                    turn: *turn,
                    focus: None,
                    question: text.clone(),
                    reply: String::new(),
                    attempts: 0,
                    verdicts: Vec::new(),
                    added_facts: Vec::new(),
                    flags: Vec::new(),
                    latency_ms: 0.0,
                    clarification: false,
                    grounds: Vec::new(),
                    calls: Default::default(),
                    events: Vec::new(),
                });
            }
            E::Retrieved { focus, .. } => {
                if let Some(t) = current.as_mut() {
                    t.focus = focus.clone();
                }
            }
            E::Verdicts { verdicts, .. } => {
                if let Some(t) = current.as_mut() {
                    t.verdicts = verdicts.clone();
                }
            }
            E::Rejected { flag, .. } => {
                if let Some(t) = current.as_mut() {
                    // A rejected candidate's verdicts are not the shown reply's.
                    t.verdicts.clear();
                    t.flags.push(flag.clone());
                }
            }
            E::Flagged { flag } => {
                if let Some(t) = current.as_mut() {
                    t.flags.push(flag.clone());
                }
            }
            E::FactAdded { fact } => {
                if let Some(t) = current.as_mut() {
                    t.added_facts.push(fact.clone());
                }
            }
            E::Reply {
                text,
                attempts,
                latency_ms,
                ..
            } => {
                if let Some(mut t) = current.take() {
                    t.reply = text.clone();
                    t.attempts = *attempts;
                    t.latency_ms = *latency_ms;
                    t.events.push(event.clone());
                    out.push(t);
                    continue;
                }
            }
            E::Candidate { .. } => {}
        }
        if let Some(t) = current.as_mut() {
            t.events.push(event.clone());
        }
    }
    out
}
