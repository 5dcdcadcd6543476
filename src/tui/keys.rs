//! How the chat screen answers keys and the worker's reports: asking,
//! cancelling, panel focus and scrolling, slash commands, the debrief.

use super::app::{Command, Key, Msg};
use super::chat::{Chat, Focus, Line, Pending, Speaker};
use super::worker::Report;
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
        Msg::Key(key) if c.detail.is_some() => {
            if matches!(key, Key::Esc | Key::Enter) {
                c.detail = None;
            }
            vec![]
        }
        Msg::Key(key) => typed(c, key),
        msg => {
            panels(c, &msg);
            vec![]
        }
    }
}

fn worker(c: &mut Chat, report: Report) -> Vec<Command> {
    let ours = |job| c.pending.as_ref().is_some_and(|p| p.job == job);
    match report {
        Report::Event(job, e) => {
            c.event(job, &e);
            vec![]
        }
        Report::Done(job, report) if ours(job) => {
            c.finish(&report);
            vec![Command::LogTurn(report.events)]
        }
        Report::Failed(job, why) if ours(job) => {
            let question = c.pending.take().map(|p| p.question).unwrap_or_default();
            c.flags.push(super::chat::Raised {
                turn: c.turn() + 1,
                attempt: None,
                flag: crate::agent::Flag {
                    kind: "backend_error".into(),
                    detail: format!("\"{question}\": {why}"),
                    fact_id: None,
                    chaos: false,
                },
            });
            // The question is not lost: it goes back in the input, unless something new is being typed.
            if c.prompt.value().trim().is_empty() {
                c.prompt.set(&question);
            }
            c.transcript.push(Line::said(
                Speaker::System,
                format!(
                    "The patient could not answer ({why}). Your question is back in the input."
                ),
            ));
            vec![]
        }
        // A cancelled turn's reports, or a stale one: nothing to show.
        _ => vec![],
    }
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
        attempt: 0,
        draft: None,
        flags: Vec::new(),
        facts: Vec::new(),
    });
    c.scroll.transcript = 0;
    c.notice = None;
    vec![Command::Ask { job, question }]
}

fn cancel(c: &mut Chat) -> Vec<Command> {
    let Some(p) = c.pending.take() else {
        return vec![];
    };
    let note = SessionEvent::Cancelled {
        turn: c.turn(),
        question: p.question,
    };
    c.note(&note);
    vec![Command::Cancel { job: p.job }, Command::Log(note)]
}

fn set_style(c: &mut Chat, style: Style) -> Vec<Command> {
    let note = SessionEvent::StyleChanged {
        turn: c.turn(),
        style,
    };
    c.note(&note);
    vec![Command::SetStyle(style), Command::Log(note)]
}

fn end(c: &mut Chat) -> Vec<Command> {
    let cancelled = cancel(c);
    c.ended = true;
    let note = SessionEvent::Ended { turn: c.turn() };
    c.note(&note);
    cancelled.into_iter().chain([Command::Log(note)]).collect()
}

/// `/exam abdomen`, `/test lipase`, `/style upset`, `/end`, `/save`.
fn slash(c: &mut Chat, line: &str) -> Vec<Command> {
    let rest = line.trim_start().trim_start_matches('/');
    let (verb, what) = rest.split_once(' ').unwrap_or((rest, ""));
    let what = what.trim();
    match verb {
        "exam" | "examine" | "test" | "order" => {
            let request = if what.is_empty() { "all" } else { what };
            let note = SessionEvent::Ordered {
                turn: c.turn(),
                request: request.to_string(),
                fact_ids: c.findings(request),
            };
            let before = c.ordered.len();
            c.note(&note);
            // Scroll to the first new result, so what was just ordered is in view.
            if c.ordered.len() > before {
                c.scroll.examination = before;
            }
            vec![Command::Log(note)]
        }
        "style" => match Style::ALL.iter().find(|s| s.name() == what) {
            Some(s) => set_style(c, *s),
            None => {
                let names: Vec<&str> = Style::ALL.iter().map(|s| s.name()).collect();
                c.notice = Some(format!("/style takes one of: {}", names.join(", ")));
                vec![]
            }
        },
        "end" | "debrief" => end(c),
        "save" | "export" => vec![Command::Export],
        _ => {
            c.notice = Some(format!(
                "Unknown command /{verb}; try /exam abdomen, /test lipase, /style upset, /end."
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
        Key::Enter if c.pending.is_none() && !c.prompt.value().trim().is_empty() => ask(c),
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
        key => {
            let is_nav = matches!(
                key,
                Key::Up
                    | Key::Down
                    | Key::PageUp
                    | Key::PageDown
                    | Key::Home
                    | Key::End
                    | Key::Tab
                    | Key::BackTab
            );
            if is_nav
                && (c.focus != Focus::Input
                    || matches!(key, Key::PageUp | Key::PageDown | Key::Tab | Key::BackTab))
            {
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
        Key::Up | Key::Down | Key::PageUp | Key::PageDown | Key::Home => {
            let by: i32 = match key {
                Key::Up => -1,
                Key::Down => 1,
                Key::PageUp => -10,
                Key::PageDown => 10,
                _ => -60_000,
            };
            c.scroll.debrief = (i32::from(c.scroll.debrief) + by).clamp(0, 60_000) as u16;
            vec![]
        }
        _ => vec![],
    }
}

/// Focus, scrolling and flag selection: the same in a chat and a replay.
pub fn panels(c: &mut Chat, msg: &Msg) {
    let step = |by: i64, n: usize| (n as i64 + by).max(0) as usize;
    let (focus, by) = match msg {
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
        Msg::Key(Key::Home) => (c.focus, 100_000),
        Msg::Key(Key::End) => (c.focus, -100_000),
        _ => return,
    };
    match focus {
        Focus::Input | Focus::Transcript => {
            c.scroll.transcript = (i64::from(c.scroll.transcript) + by).clamp(0, 60_000) as u16
        }
        // In these panels "up" is towards the top of the list.
        Focus::Memory => c.scroll.memory = step(-by, c.scroll.memory).min(c.facts.len() + 8),
        Focus::Examination => {
            c.scroll.examination = step(-by, c.scroll.examination).min(c.ordered.len())
        }
        Focus::Flags => {
            let n = c.flags_newest_first().len();
            c.flag_selected = step(-by, c.flag_selected).min(n.saturating_sub(1));
        }
    }
}
