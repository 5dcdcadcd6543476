//! The harness of the whole-screen tests: the app driven with scripted
//! messages on ratatui's TestBackend. It plays the event loop and the
//! worker: it runs the agent for each `Ask` and feeds its events back one
//! by one, as the real worker does.
#![allow(dead_code)]

use patient_zero::agent::{Agent, AgentEvent, Offline};
use patient_zero::case;
use patient_zero::persona::{Persona, Style};
use patient_zero::tui::app::{App, Command, Key, Msg, Screen};
use patient_zero::tui::chat::Chat;
use patient_zero::tui::view;
use patient_zero::tui::worker::{JobId, Report};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

pub fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t
}

pub fn screen(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

pub fn figure5() -> case::Case {
    case::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/figure5-severe-acute-pancreatitis.yaml"),
        None,
    )
    .unwrap()
}

/// The app on one case, with an agent standing in for the worker.
pub struct Drive {
    pub app: App,
    pub agent: Agent<Offline>,
    /// Every command the app gave, in order (the session log's writes among them).
    pub commands: Vec<Command>,
}

impl Drive {
    pub fn new(chaos: f64, instructor: bool) -> Drive {
        let c = figure5();
        let agent = Agent::new(
            c.clone(),
            Offline {
                persona: Persona::builtin(Style::Plain),
                seed: 1,
                chaos,
            },
        );
        let app = App::new(
            Screen::Chat(Box::new(Chat::new(&c, Style::Plain, "offline"))),
            instructor,
        );
        Drive {
            app,
            agent,
            commands: Vec::new(),
        }
    }

    pub fn send(&mut self, msg: Msg) -> Vec<Command> {
        let cmds = self.app.update(msg);
        self.commands.extend(cmds.clone());
        cmds
    }

    pub fn key(&mut self, k: Key) -> Vec<Command> {
        self.send(Msg::Key(k))
    }

    pub fn typed(&mut self, text: &str) -> Vec<Command> {
        for ch in text.chars() {
            self.key(Key::Char(ch));
        }
        self.key(Key::Enter)
    }

    /// Sends a question; returns its job, as the event loop would get it.
    pub fn begin(&mut self, q: &str) -> JobId {
        let cmds = self.typed(q);
        let [Command::Ask { job, question }] = &cmds[..] else {
            panic!("expected one Ask, got {cmds:?}");
        };
        assert_eq!(question, q);
        *job
    }

    /// Answers the question of `job` the way the worker does: each event, then the report.
    pub fn answer(&mut self, job: JobId, q: &str) {
        let mut events = Vec::new();
        let mut report = self
            .agent
            .ask_with(q, &mut |e| {
                events.push(e.clone());
                true
            })
            .unwrap();
        report.latency_ms = 0.1; // times vary; the snapshot must not
        for e in report.events.iter_mut() {
            if let AgentEvent::Reply { latency_ms, .. } = e {
                *latency_ms = 0.1;
            }
        }
        for e in events {
            self.send(Msg::Worker(Report::Event(job, e)));
        }
        self.send(Msg::Worker(Report::Done(job, Box::new(report))));
    }

    /// Asks and answers one question the way the event loop and worker do.
    pub fn ask(&mut self, q: &str) {
        let job = self.begin(q);
        self.answer(job, q);
    }

    pub fn chat(&self) -> &Chat {
        match &self.app.screen {
            Screen::Chat(c) => c,
            _ => panic!("not on the chat screen"),
        }
    }
}

pub fn chat_after(questions: &[&str], chaos: f64, instructor: bool) -> Drive {
    let mut d = Drive::new(chaos, instructor);
    for q in questions {
        d.ask(q);
    }
    d
}
