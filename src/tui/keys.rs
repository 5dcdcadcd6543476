//! How the chat screen answers keys and the worker's reports: asking,
//! cancelling, panel focus and scrolling, slash commands, the debrief.

use super::app::{Command, Key, Msg, Popup};
use super::chat::{Chat, Focus, Line, Pending, Speaker};
use super::worker::Report;
use crate::agent::{Flag, FlagKind};
use crate::persona::Style;
use crate::session::SessionEvent;

pub fn chat(c: &mut Chat, msg: Msg) -> Vec<Command> {
    match msg {
        Msg::Worker(report) => worker(c, report),
        Msg::Notice(text) => {
            c.notice = Some(text);
            vec![]
        }
        Msg::Key(key) if c.ended => debrief(c, key),
        Msg::Wheel(_, by) if c.ended => {
            c.scroll.debrief = step(c.scroll.debrief, -i64::from(by));
            vec![]
        }
        Msg::Key(key) if c.detail.is_some() => {
            if matches!(key, Key::Esc | Key::Enter) {
                c.detail = None;
            }
            vec![]
        }
        Msg::Paste(text) => {
            // Lines pasted become one question: nothing is sent without an Enter.
            for ch in text.chars() {
                let ch = if ch == '\n' || ch == '\r' || ch == '\t' {
                    ' '
                } else {
                    ch
                };
                if !ch.is_control() {
                    c.prompt.key(&Key::Char(ch));
                }
            }
            c.focus = Focus::Input;
            vec![]
        }
        Msg::Key(key) => typed(c, key),
        msg => {
            panels(c, &msg);
            vec![]
        }
    }
}

fn logged(notes: impl IntoIterator<Item = SessionEvent>) -> impl Iterator<Item = Command> {
    notes.into_iter().map(Command::Log)
}

fn worker(c: &mut Chat, report: Report) -> Vec<Command> {
    let ours = |job| c.pending.as_ref().is_some_and(|p| p.job == job);
    match report {
        Report::Event(job, e) => {
            c.event(job, &e);
            vec![]
        }
        Report::Done(job, report) if ours(job) => {
            let deferred = c
                .pending
                .as_ref()
                .map(|p| p.deferred.clone())
                .unwrap_or_default();
            c.finish(&report);
            std::iter::once(Command::LogTurn(report.events))
                .chain(logged(deferred))
                .collect()
        }
        Report::Failed(job, why) if ours(job) => {
            let Some(p) = c.pending.take() else {
                return vec![];
            };
            c.flags.push(super::chat::Raised {
                turn: p.turn,
                attempt: None,
                flag: Flag {
                    kind: FlagKind::BackendError,
                    detail: format!("\"{}\": {why}", p.question),
                    fact_id: None,
                    chaos: false,
                },
            });
            // The question is not lost: it goes back in the input, unless something new is being typed.
            if c.prompt.value().trim().is_empty() {
                c.prompt.set(&p.question);
            }
            c.transcript.push(Line::said(
                Speaker::System,
                format!(
                    "The patient could not answer ({why}). Your question is back in the input."
                ),
            ));
            replay_deferred(c, p.deferred)
        }
        // A cancelled turn's reports, or a stale one: nothing to show.
        _ => vec![],
    }
}

/// What was done during a turn that did not happen is applied as following the last one that did.
fn replay_deferred(c: &mut Chat, deferred: Vec<SessionEvent>) -> Vec<Command> {
    deferred
        .into_iter()
        .filter_map(|mut e| {
            e.set_turn(c.turn());
            c.act(e)
        })
        .map(Command::Log)
        .collect()
}

fn ask(c: &mut Chat) -> Vec<Command> {
    let question = c.prompt.take();
    let job = c.next_job;
    c.next_job += 1;
    c.transcript
        .push(Line::said(Speaker::Student, question.clone()));
    c.pending = Some(Pending {
        job,
        turn: c.turn() + 1,
        question: question.clone(),
        style: c.style,
        attempt: 0,
        draft: None,
        flags: Vec::new(),
        facts: Vec::new(),
        deferred: Vec::new(),
    });
    c.scroll.transcript = 0;
    c.notice = None;
    vec![Command::Ask { job, question }]
}

fn cancel(c: &mut Chat) -> Vec<Command> {
    let Some(p) = c.pending.take() else {
        return vec![];
    };
    // The question's line goes; the cancel note shows it again, as a replay does.
    if let Some(i) = c
        .transcript
        .iter()
        .rposition(|l| l.speaker == Speaker::Student)
    {
        c.transcript.remove(i);
    }
    let note = SessionEvent::Cancelled {
        turn: c.turn(),
        question: p.question,
    };
    c.note(&note);
    [Command::Cancel { job: p.job }, Command::Log(note)]
        .into_iter()
        .chain(replay_deferred(c, p.deferred))
        .collect()
}

fn set_style(c: &mut Chat, style: Style) -> Vec<Command> {
    let during = c.pending.is_some();
    let logged = c.act(SessionEvent::StyleChanged {
        turn: c.turn(),
        style,
    });
    if during {
        c.notice = Some(format!("Style {style} from the next question"));
    }
    std::iter::once(Command::SetStyle(style))
        .chain(logged.map(Command::Log))
        .collect()
}

fn end(c: &mut Chat) -> Vec<Command> {
    let mut commands = cancel(c);
    c.ended = true;
    c.notice = None;
    c.scroll.debrief = 0;
    let note = SessionEvent::Ended { turn: c.turn() };
    c.note(&note);
    commands.push(Command::Log(note));
    commands
}

/// `/exam abdomen`, `/test lipase`, `/style upset`, `/end`, `/save`, `/help`.
fn slash(c: &mut Chat, line: &str) -> Vec<Command> {
    let rest = line.trim_start().trim_start_matches('/');
    let (verb, what) = rest.split_once(' ').unwrap_or((rest, ""));
    let what = what.trim();
    if let Some(want) = crate::language::order::Want::from_verb(verb) {
        if what.is_empty() {
            return vec![Command::Show(Popup {
                title: " What can be ordered ".into(),
                text: format!(
                    "/exam or /test with one of these, or a word of one:\n\n{}",
                    c.orderable().join(", ")
                ),
                problem: false,
            })];
        }
        let found = c.findings(what, want);
        let before = c.ordered.len();
        let logged = c.act(SessionEvent::Ordered {
            turn: c.turn(),
            request: what.to_string(),
            fact_ids: found.results,
            unavailable: found.unavailable,
            unknown: found.unknown,
        });
        // Scroll to the first new result, so what was just ordered is in view.
        if c.ordered.len() > before {
            c.scroll.examination = before as u16;
        }
        return logged.map(Command::Log).into_iter().collect();
    }
    match verb.to_lowercase().as_str() {
        "style" => match Style::ALL
            .iter()
            .find(|s| s.name().eq_ignore_ascii_case(what))
        {
            Some(s) => set_style(c, *s),
            None => {
                let names: Vec<&str> = Style::ALL.iter().map(|s| s.name()).collect();
                c.notice = Some(format!("/style takes one of: {}", names.join(", ")));
                vec![]
            }
        },
        "end" | "debrief" => end(c),
        "save" | "export" => vec![Command::Export],
        "help" | "keys" => vec![Command::Help],
        _ => {
            c.notice = Some(format!(
                "Unknown command /{verb}; try /exam abdomen, /test lipase, /style upset, /end, /help."
            ));
            vec![]
        }
    }
}

fn typed(c: &mut Chat, key: Key) -> Vec<Command> {
    match key {
        Key::Enter if c.focus == Focus::Flags => {
            c.detail = c
                .flags_newest_first()
                .get(c.flag_selected)
                .map(|r| (*r).clone());
            vec![]
        }
        Key::Enter if c.prompt.value().trim_start().starts_with('/') => {
            let line = c.prompt.take();
            slash(c, &line)
        }
        Key::Enter if c.prompt.value().trim().is_empty() => vec![],
        Key::Enter if c.pending.is_some() => {
            c.notice = Some("The patient is still answering; Esc cancels the question".into());
            vec![]
        }
        Key::Enter => ask(c),
        Key::Esc if c.pending.is_some() => cancel(c),
        Key::Esc => {
            c.focus = Focus::Input;
            vec![]
        }
        Key::Ctrl('d') | Key::F(10) => end(c),
        Key::F(3) => {
            let i = Style::ALL.iter().position(|s| *s == c.style).unwrap_or(0);
            set_style(c, Style::ALL[(i + 1) % Style::ALL.len()])
        }
        Key::Ctrl('s') => vec![Command::Export],
        // End at the end of the question line brings the transcript back to the newest line.
        Key::End
            if c.focus == Focus::Input
                && c.prompt.line.cursor() == c.prompt.value().chars().count() =>
        {
            c.scroll.transcript = 0;
            vec![]
        }
        key => {
            let moves = matches!(
                key,
                Key::Up | Key::Down | Key::PageUp | Key::PageDown | Key::Home | Key::End
            );
            let always = matches!(key, Key::PageUp | Key::PageDown | Key::Tab | Key::BackTab);
            if always || (moves && c.focus != Focus::Input) {
                panels(c, &Msg::Key(key));
            } else if c.prompt.key(&key) {
                c.focus = Focus::Input;
            }
            vec![]
        }
    }
}

fn debrief(c: &mut Chat, key: Key) -> Vec<Command> {
    match key {
        Key::Esc => {
            c.ended = false;
            vec![]
        }
        Key::Char('s') | Key::Ctrl('s') => vec![Command::Export],
        Key::Char('q') => vec![Command::Quit],
        Key::Up => bump(&mut c.scroll.debrief, -1),
        Key::Down => bump(&mut c.scroll.debrief, 1),
        Key::PageUp => bump(&mut c.scroll.debrief, -10),
        Key::PageDown => bump(&mut c.scroll.debrief, 10),
        Key::Home => bump(&mut c.scroll.debrief, -i64::from(u16::MAX)),
        Key::End => bump(&mut c.scroll.debrief, i64::from(u16::MAX)),
        _ => vec![],
    }
}

fn bump(at: &mut u16, by: i64) -> Vec<Command> {
    *at = step(*at, by);
    vec![]
}

/// `at` moved by `by`, kept inside 0..=u16::MAX (the view then keeps it inside the content).
fn step(at: u16, by: i64) -> u16 {
    (i64::from(at) + by).clamp(0, i64::from(u16::MAX)) as u16
}

/// Focus, scrolling and flag selection: the same in a chat and a replay.
/// Positions may run past the content here; `view::clamp_scroll` pulls
/// them back after every update.
pub fn panels(c: &mut Chat, msg: &Msg) {
    let (focus, by): (Focus, i64) = match msg {
        Msg::Key(Key::Tab) | Msg::Key(Key::BackTab) => {
            let i = Focus::CYCLE.iter().position(|f| *f == c.focus).unwrap_or(0);
            let n = Focus::CYCLE.len();
            let next = if matches!(msg, Msg::Key(Key::Tab)) {
                i + 1
            } else {
                i + n - 1
            };
            c.focus = Focus::CYCLE[next % n];
            return;
        }
        Msg::Click(f) => {
            c.focus = *f;
            return;
        }
        Msg::Wheel(f, by) => (f.unwrap_or(c.focus), i64::from(*by)),
        Msg::Key(Key::Up) => (c.focus, 1),
        Msg::Key(Key::Down) => (c.focus, -1),
        Msg::Key(Key::PageUp) => (c.focus, 10),
        Msg::Key(Key::PageDown) => (c.focus, -10),
        Msg::Key(Key::Home) => (c.focus, i64::from(u16::MAX)),
        Msg::Key(Key::End) => (c.focus, -i64::from(u16::MAX)),
        _ => return,
    };
    match focus {
        // The transcript counts rows up from the newest line.
        Focus::Input | Focus::Transcript => c.scroll.transcript = step(c.scroll.transcript, by),
        // These count rows down from the top: "up" is towards the top.
        Focus::Memory => c.scroll.memory = step(c.scroll.memory, -by),
        Focus::Examination => c.scroll.examination = step(c.scroll.examination, -by),
        Focus::Flags => {
            let n = c.flags_newest_first().len();
            let at = step(c.flag_selected.min(usize::from(u16::MAX)) as u16, -by);
            c.flag_selected = usize::from(at).min(n.saturating_sub(1));
        }
    }
}
