//! Sessions: every agent event appended to a JSONL log and flushed after each
//! turn (a crash loses at most the turn in flight), and the episodic facts of
//! an earlier session read back for `--resume`.

mod export;
mod history;
mod score;

pub use export::{Export, json as export_json, markdown as export_markdown};
pub use history::{History, turns};
pub use score::{Coverage, Debrief, coverage, debrief, is_key_item, revealed};

use crate::agent::AgentEvent;
use crate::memory::Fact;
use crate::persona::Style;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("{path}: cannot open the session log: {error}")]
    Open {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{path}: cannot write the session log: {error}")]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{path}: the session log has no events of case `{case}` (it has: {found})")]
    OtherCase {
        path: PathBuf,
        case: String,
        found: String,
    },
    #[error("{path}:{line}:1: not a session event: {message}")]
    Bad {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// What happened in a session besides the agent's turns: how a chat began,
/// what the student did between questions.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum SessionEvent {
    /// A chat began on this case file, in this style, with this backend.
    Started {
        case_file: String,
        style: Style,
        backend: String,
    },
    /// The reply style was changed after `turn` questions.
    StyleChanged { turn: u32, style: Style },
    /// Examinations or tests ordered after `turn` questions: the request and
    /// the examiner's findings it brought up; what it named that the record
    /// has no result for, and words that named no examination or test.
    Ordered {
        turn: u32,
        request: String,
        fact_ids: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unavailable: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unknown: Vec<String>,
    },
    /// The student cancelled question `turn` before its reply was shown; the
    /// patient's memory was rewound, so the turn is not in the log.
    Cancelled { turn: u32, question: String },
    /// The interview was ended (the debrief shown) after `turn` questions.
    Ended { turn: u32 },
}

impl SessionEvent {
    /// The turn an action between questions followed (a style change, an
    /// order, a cancel); none for the start and the end of a session.
    pub fn action_after(&self) -> Option<u32> {
        match self {
            SessionEvent::StyleChanged { turn, .. }
            | SessionEvent::Ordered { turn, .. }
            | SessionEvent::Cancelled { turn, .. } => Some(*turn),
            SessionEvent::Started { .. } | SessionEvent::Ended { .. } => None,
        }
    }

    /// Renumbers the event to follow turn `to`.
    pub fn set_turn(&mut self, to: u32) {
        match self {
            SessionEvent::StyleChanged { turn, .. }
            | SessionEvent::Ordered { turn, .. }
            | SessionEvent::Cancelled { turn, .. }
            | SessionEvent::Ended { turn } => *turn = to,
            SessionEvent::Started { .. } => {}
        }
    }
}

/// A logged event: the agent's or the session's.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Event {
    Agent(AgentEvent),
    Session(SessionEvent),
}

/// One line of the log: the case an event belongs to, and the event.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub case: String,
    #[serde(flatten)]
    pub event: Event,
}

pub struct Log {
    path: PathBuf,
    out: BufWriter<File>,
    case: String,
}

impl Log {
    /// Opens `path` for appending (created with its directory if missing).
    pub fn append(path: &Path, case: &str) -> Result<Log, SessionError> {
        let open = |error| SessionError::Open {
            path: path.to_path_buf(),
            error,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(open)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(open)?;
        Ok(Log {
            path: path.to_path_buf(),
            out: BufWriter::new(file),
            case: case.to_string(),
        })
    }

    /// A new log in `dir` named `<case>-<stamp>.jsonl`, or `-2`, `-3`… after
    /// the stamp when that exists (two chats started in the same second);
    /// returns it with its file stem.
    pub fn create_new(dir: &Path, case: &str, stamp: u64) -> Result<(Log, String), SessionError> {
        let open = |path: &Path, error| SessionError::Open {
            path: path.to_path_buf(),
            error,
        };
        std::fs::create_dir_all(dir).map_err(|e| open(dir, e))?;
        for n in 1..1000 {
            let stem = match n {
                1 => format!("{case}-{stamp}"),
                n => format!("{case}-{stamp}-{n}"),
            };
            let path = dir.join(format!("{stem}.jsonl"));
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    let log = Log {
                        path,
                        out: BufWriter::new(file),
                        case: case.to_string(),
                    };
                    return Ok((log, stem));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(open(&path, e)),
            }
        }
        let path = dir.join(format!("{case}-{stamp}.jsonl"));
        Err(open(
            &path,
            std::io::Error::other("a thousand logs with this name already exist"),
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the events of one turn and flushes them to disk.
    pub fn turn(&mut self, events: &[AgentEvent]) -> Result<(), SessionError> {
        self.write(events.iter().cloned().map(Event::Agent))
    }

    /// Writes one session event and flushes it to disk.
    pub fn note(&mut self, event: &SessionEvent) -> Result<(), SessionError> {
        self.write(std::iter::once(Event::Session(event.clone())))
    }

    fn write(&mut self, events: impl Iterator<Item = Event>) -> Result<(), SessionError> {
        let write = |error| SessionError::Write {
            path: self.path.clone(),
            error,
        };
        for event in events {
            let entry = Entry {
                case: self.case.clone(),
                event,
            };
            let line =
                serde_json::to_string(&entry).map_err(|e| write(std::io::Error::other(e)))?;
            writeln!(self.out, "{line}").map_err(write)?;
        }
        self.out.flush().map_err(write)?;
        self.out.get_ref().sync_data().map_err(write)
    }
}

/// The facts added during an earlier session with this case, in order.
/// Lines of other cases are skipped; a line that is not an event is an error.
pub fn episodic_facts(path: &Path, case: &str) -> Result<Vec<Fact>, SessionError> {
    let file = File::open(path).map_err(|error| SessionError::Open {
        path: path.to_path_buf(),
        error,
    })?;
    let mut facts = Vec::new();
    let mut cases: Vec<String> = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|error| SessionError::Open {
            path: path.to_path_buf(),
            error,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let entry: Entry = serde_json::from_str(&line).map_err(|e| SessionError::Bad {
            path: path.to_path_buf(),
            line: i + 1,
            message: e.to_string(),
        })?;
        if entry.case != case {
            if !cases.contains(&entry.case) {
                cases.push(entry.case);
            }
            continue;
        }
        cases.retain(|c| c != case);
        cases.insert(0, case.to_string());
        if let Event::Agent(AgentEvent::FactAdded { fact }) = entry.event {
            facts.push(fact);
        }
    }
    if !cases.iter().any(|c| c == case) {
        let found = if cases.is_empty() {
            "no events".to_string()
        } else {
            cases.join(", ")
        };
        return Err(SessionError::OtherCase {
            path: path.to_path_buf(),
            case: case.to_string(),
            found,
        });
    }
    Ok(facts)
}

/// Where sessions go by default: the platform's data directory.
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "patient-zero").map(|d| d.data_dir().join("sessions"))
}

/// Every entry of a session log, in order (for replay).
pub fn read(path: &Path) -> Result<Vec<Entry>, SessionError> {
    let file = File::open(path).map_err(|error| SessionError::Open {
        path: path.to_path_buf(),
        error,
    })?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|error| SessionError::Open {
            path: path.to_path_buf(),
            error,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let entry: Entry = serde_json::from_str(&line).map_err(|e| SessionError::Bad {
            path: path.to_path_buf(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(entry);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::{Agent, Offline};
    use crate::persona::Persona;

    #[test]
    fn a_chat_log_reads_back_as_its_history_and_resumes() {
        let case = crate::case::load(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("cases/figure5-severe-acute-pancreatitis.yaml"),
            None,
        )
        .unwrap();
        let mut agent = Agent::new(
            case.clone(),
            Offline {
                persona: Persona::builtin(Style::Plain),
                seed: 1,
                chaos: 0.0,
            },
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.jsonl");
        let mut log = Log::append(&path, &case.id).unwrap();
        let started = SessionEvent::Started {
            case_file: "cases/figure5-severe-acute-pancreatitis.yaml".into(),
            style: Style::Plain,
            backend: "offline".into(),
        };
        log.note(&started).unwrap();
        let first = agent.ask("Have you had any nosebleeds?");
        log.turn(&first.events).unwrap();
        let ordered = SessionEvent::Ordered {
            turn: 1,
            request: "vitals".into(),
            fact_ids: vec!["F070".into()],
            unavailable: Vec::new(),
            unknown: Vec::new(),
        };
        log.note(&ordered).unwrap();
        log.turn(&agent.ask("Do you smoke?").events).unwrap();
        drop(log);

        let history = History::from_entries(&read(&path).unwrap());
        assert_eq!(history.notes, vec![started, ordered]);
        assert_eq!(
            history.case_file(),
            Some("cases/figure5-severe-acute-pancreatitis.yaml")
        );
        assert_eq!(history.turns.len(), 2);
        assert_eq!(history.turns[0].reply, first.reply);
        assert_eq!(history.turns[0].added_facts, first.added_facts);
        assert_eq!(history.turns[1].question, "Do you smoke?");
        // The session events do not get in the way of --resume.
        let facts = episodic_facts(&path, &case.id).unwrap();
        assert_eq!(facts, first.added_facts);
        assert!(!facts.is_empty());
    }
}
