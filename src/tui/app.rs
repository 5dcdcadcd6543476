//! The app's state and how messages change it. `update` does no I/O: it
//! returns the commands the event loop carries out (ask the patient, quit).

use crate::agent::{AgentEvent, Flag, TurnReport};
use crate::memory::{Fact, Origin};
use crate::persona::Style;
use crate::tui::picker::Picker;

/// Who said a line of the transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    Student,
    Patient,
    /// A note from the app (a turn failed, the style changed).
    System,
}

#[derive(Debug, Clone)]
pub struct Line {
    pub speaker: Speaker,
    pub text: String,
}

/// A flag with the turn it was raised in.
#[derive(Debug, Clone)]
pub struct Raised {
    pub turn: u32,
    pub flag: Flag,
}

/// The dialogue with one patient, as the panels show it.
#[derive(Clone)]
pub struct Chat {
    pub case_id: String,
    pub patient: String,
    pub style: Style,
    pub diagnosis: String,
    pub facts: Vec<Fact>,
    /// Facts the patient's replies rested on (entailed), by id.
    pub revealed: Vec<String>,
    pub transcript: Vec<Line>,
    pub flags: Vec<Raised>,
    pub input: String,
    pub asked: Vec<String>,
    /// Position in `asked` while recalling with Up/Down.
    pub recall: Option<usize>,
    pub busy: bool,
    /// Lines scrolled up from the bottom of the transcript.
    pub scroll: u16,
    pub last_latency_ms: Option<f64>,
    pub turn: u32,
    /// The interview has been ended and the debrief is showing.
    pub ended: bool,
    /// Examinations and tests ordered (`/exam abdomen`, `/test lipase`): fact ids, in order.
    pub ordered: Vec<String>,
    /// Turns cancelled with Esc whose replies are still to come: they are
    /// recorded (the patient's memory did change) but not shown as said.
    pub cancelled: u32,
}

impl Chat {
    pub fn new(
        case_id: &str,
        patient: &str,
        style: Style,
        diagnosis: &str,
        facts: Vec<Fact>,
    ) -> Self {
        Chat {
            case_id: case_id.into(),
            patient: patient.into(),
            style,
            diagnosis: diagnosis.into(),
            facts,
            revealed: Vec::new(),
            transcript: Vec::new(),
            flags: Vec::new(),
            input: String::new(),
            asked: Vec::new(),
            recall: None,
            busy: false,
            scroll: 0,
            last_latency_ms: None,
            turn: 0,
            ended: false,
            ordered: Vec::new(),
            cancelled: 0,
        }
    }

    /// Applies a finished turn: the reply, facts added, flags raised, facts revealed.
    pub fn apply(&mut self, report: &TurnReport) {
        self.busy = false;
        self.turn = report.turn;
        self.last_latency_ms = Some(report.latency_ms);
        for e in &report.events {
            if let AgentEvent::FactAdded { fact } = e {
                self.facts.push(fact.clone());
                self.flags.push(Raised {
                    turn: report.turn,
                    flag: Flag {
                        kind: "fact_added".into(),
                        detail: format!("{} {}", fact.id, fact.text),
                        fact_id: Some(fact.id.clone()),
                        chaos: false,
                    },
                });
            }
        }
        for f in &report.flags {
            self.flags.push(Raised {
                turn: report.turn,
                flag: f.clone(),
            });
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
        });
        self.scroll = 0;
    }

    /// History-taking coverage: the record's key items the student's questions
    /// brought out (a shown reply rested on them), and the ones missed.
    pub fn debrief(&self) -> Debrief<'_> {
        use crate::memory::Topic as T;
        let key = |f: &&Fact| {
            f.known
                && matches!(f.origin, Origin::Semantic)
                && matches!(
                    f.key.topic,
                    T::Symptom | T::Onset | T::Location | T::Character | T::Radiation | T::Intensity | T::Course | T::Aggravating
                        | T::Relieving | T::Condition | T::Surgery | T::Medication | T::Allergy | T::Family | T::Smoking | T::Alcohol
                        | T::Drugs | T::Occupation | T::Living
                )
                // One per list: the aggregate "any medicines?" stands for the items only when there are none.
                && !(f.key.subject.is_empty() && matches!(f.value, crate::memory::Value::Yes { yes: true }))
        };
        let (covered, missed): (Vec<&Fact>, Vec<&Fact>) = self
            .facts
            .iter()
            .filter(key)
            .partition(|f| self.revealed.contains(&f.id));
        let caught = self
            .flags
            .iter()
            .filter(|r| r.flag.kind == "contradiction")
            .count();
        Debrief {
            ordered: self.ordered.len(),
            covered,
            missed,
            caught,
            added: self.episodic().count(),
        }
    }

    /// Orders an examination or test: `/exam abdomen`, `/test lipase`,
    /// `/exam vitals`, `/exam all`. The results are the examiner's findings,
    /// shown in the examination panel; the patient does not learn them.
    pub fn order(&mut self, what: &str) -> String {
        use crate::memory::Topic as T;
        let what = what.trim().to_lowercase();
        let found: Vec<String> = self
            .facts
            .iter()
            .filter(|f| {
                matches!(
                    f.key.topic,
                    T::Vital | T::Finding | T::Lab | T::Imaging | T::Study
                )
            })
            .filter(|f| match what.as_str() {
                "all" => true,
                "vitals" | "observations" => f.key.topic == T::Vital,
                w => f.key.subject.contains(w) || f.text.to_lowercase().contains(w),
            })
            .map(|f| f.id.clone())
            .filter(|id| !self.ordered.contains(id))
            .collect();
        let n = found.len();
        self.ordered.extend(found);
        if n == 0 {
            format!(
                "No examination or test matches \"{what}\" (try vitals, abdomen, lipase, CT, all)."
            )
        } else {
            format!("Ordered \"{what}\": {n} result(s) in the examination panel.")
        }
    }

    pub fn episodic(&self) -> impl Iterator<Item = &Fact> {
        self.facts
            .iter()
            .filter(|f| matches!(f.origin, Origin::Episodic { .. }))
    }
}

pub struct Debrief<'a> {
    pub ordered: usize,
    pub covered: Vec<&'a Fact>,
    pub missed: Vec<&'a Fact>,
    pub caught: usize,
    pub added: usize,
}

pub enum Screen {
    Picker(Picker),
    Chat(Box<Chat>),
    Replay(Box<Replay>),
}

/// A saved session stepped through: the panels as they were after each turn.
pub struct Replay {
    start: Chat,
    pub turns: Vec<TurnReport>,
    /// Turns shown (0 = before the first question).
    pub pos: usize,
    pub view: Chat,
}

impl Replay {
    pub fn new(start: Chat, turns: Vec<TurnReport>) -> Self {
        let view = start.clone();
        let mut r = Replay {
            start,
            turns,
            pos: 0,
            view,
        };
        r.go(r.turns.len());
        r
    }

    /// Shows the state after `pos` turns.
    pub fn go(&mut self, pos: usize) {
        self.pos = pos.min(self.turns.len());
        let mut view = self.start.clone();
        for t in &self.turns[..self.pos] {
            view.transcript.push(Line {
                speaker: Speaker::Student,
                text: t.question.clone(),
            });
            view.apply(t);
        }
        self.view = view;
    }
}

pub struct App {
    pub screen: Screen,
    pub instructor: bool,
    pub help: bool,
    pub quit: bool,
}

/// Keys as the app understands them (independent of the terminal library).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Backspace,
    Esc,
    Up,
    Down,
    PageUp,
    PageDown,
    Tab,
    Left,
    Right,
    Home,
    End,
    /// Ctrl + a letter.
    Ctrl(char),
    F(u8),
}

pub enum Msg {
    Key(Key),
    /// The patient answered.
    Turn(Box<TurnReport>),
    /// A turn failed (the question stays in the input).
    TurnFailed(String),
    Scroll(i16),
}

/// What the event loop should do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Ask(String),
    Open(String),
    SetStyle(Style),
    Quit,
}

impl App {
    pub fn new(screen: Screen, instructor: bool) -> Self {
        App {
            screen,
            instructor,
            help: false,
            quit: false,
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        match msg {
            Msg::Key(Key::Ctrl('c')) | Msg::Key(Key::Ctrl('q')) => {
                self.quit = true;
                vec![Command::Quit]
            }
            Msg::Key(Key::F(1)) => {
                self.help = !self.help;
                vec![]
            }
            Msg::Key(Key::Esc) if self.help => {
                self.help = false;
                vec![]
            }
            Msg::Key(Key::Ctrl('i')) | Msg::Key(Key::F(2)) => {
                self.instructor = !self.instructor;
                vec![]
            }
            msg => match &mut self.screen {
                Screen::Picker(p) => p.update(msg),
                Screen::Chat(c) => chat_update(c, msg),
                Screen::Replay(r) => replay_update(r, msg),
            },
        }
    }
}

fn chat_update(c: &mut Chat, msg: Msg) -> Vec<Command> {
    if c.ended {
        if let Msg::Key(Key::Esc) = msg {
            c.ended = false;
        }
        return vec![];
    }
    match msg {
        Msg::Key(Key::Ctrl('e')) | Msg::Key(Key::F(10)) => {
            c.ended = true;
            vec![]
        }
        Msg::Turn(report) if c.cancelled > 0 => {
            c.cancelled -= 1;
            let mut report = *report;
            report.reply = "(cancelled: the reply was not shown)".into();
            c.apply(&report);
            if let Some(last) = c.transcript.last_mut() {
                last.speaker = Speaker::System;
            }
            vec![]
        }
        Msg::Turn(report) => {
            c.apply(&report);
            vec![]
        }
        Msg::TurnFailed(why) => {
            c.busy = false;
            c.transcript.push(Line {
                speaker: Speaker::System,
                text: format!("The turn failed: {why}. Your question is still in the input."),
            });
            vec![]
        }
        Msg::Scroll(by) => {
            c.scroll = (i32::from(c.scroll) + i32::from(by)).clamp(0, 10_000) as u16;
            vec![]
        }
        Msg::Key(key) => match key {
            Key::Enter if c.input.trim_start().starts_with('/') => {
                let cmd = std::mem::take(&mut c.input);
                let rest = cmd.trim_start().trim_start_matches('/');
                let (verb, what) = rest.split_once(' ').unwrap_or((rest, ""));
                let note = match verb {
                    "exam" | "examine" | "test" | "order" => {
                        c.order(if what.trim().is_empty() { "all" } else { what })
                    }
                    _ => format!(
                        "Unknown command /{verb}; try /exam abdomen, /test lipase, /exam vitals."
                    ),
                };
                c.transcript.push(Line {
                    speaker: Speaker::System,
                    text: note,
                });
                vec![]
            }
            Key::Enter if !c.busy && !c.input.trim().is_empty() => {
                let q = std::mem::take(&mut c.input);
                c.transcript.push(Line {
                    speaker: Speaker::Student,
                    text: q.clone(),
                });
                c.asked.push(q.clone());
                c.recall = None;
                c.busy = true;
                c.scroll = 0;
                vec![Command::Ask(q)]
            }
            Key::Esc if c.busy => {
                c.busy = false;
                c.cancelled += 1;
                c.transcript.push(Line {
                    speaker: Speaker::System,
                    text: "Cancelled. Ask again when you are ready.".into(),
                });
                vec![]
            }
            Key::Char(ch) => {
                c.input.push(ch);
                vec![]
            }
            Key::Backspace => {
                c.input.pop();
                vec![]
            }
            Key::Up => {
                if c.asked.is_empty() {
                    return vec![];
                }
                let i = c.recall.map_or(c.asked.len() - 1, |i| i.saturating_sub(1));
                c.recall = Some(i);
                c.input = c.asked[i].clone();
                vec![]
            }
            Key::Down => {
                match c.recall {
                    Some(i) if i + 1 < c.asked.len() => {
                        c.recall = Some(i + 1);
                        c.input = c.asked[i + 1].clone();
                    }
                    _ => {
                        c.recall = None;
                        c.input.clear();
                    }
                }
                vec![]
            }
            Key::PageUp => chat_update(c, Msg::Scroll(5)),
            Key::PageDown => chat_update(c, Msg::Scroll(-5)),
            Key::Tab => {
                // Next style, mid-dialogue.
                let all = Style::ALL;
                let next =
                    all[(all.iter().position(|s| *s == c.style).unwrap_or(0) + 1) % all.len()];
                c.style = next;
                c.transcript.push(Line {
                    speaker: Speaker::System,
                    text: format!("Style: {next}"),
                });
                vec![Command::SetStyle(next)]
            }
            _ => vec![],
        },
    }
}

fn replay_update(r: &mut Replay, msg: Msg) -> Vec<Command> {
    match msg {
        Msg::Key(Key::Left) => r.go(r.pos.saturating_sub(1)),
        Msg::Key(Key::Right) => r.go(r.pos + 1),
        Msg::Key(Key::Home) => r.go(0),
        Msg::Key(Key::End) => r.go(r.turns.len()),
        Msg::Key(Key::Esc) | Msg::Key(Key::Char('q')) => return vec![Command::Quit],
        Msg::Scroll(by) => {
            r.view.scroll = (i32::from(r.view.scroll) + i32::from(by)).clamp(0, 10_000) as u16
        }
        _ => {}
    }
    vec![]
}
