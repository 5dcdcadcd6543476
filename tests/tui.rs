//! Whole-screen tests: the app driven with scripted messages on ratatui's
//! TestBackend, compared with insta snapshots. The harness plays the event
//! loop and the worker: it runs the agent for each `Ask` and feeds its
//! events back one by one, as the real worker does.

use patient_zero::agent::{Agent, AgentEvent, Offline};
use patient_zero::case;
use patient_zero::persona::{Persona, Style};
use patient_zero::session;
use patient_zero::tui::app::{App, Command, Key, Msg, Screen};
use patient_zero::tui::chat::{Chat, Focus, Speaker};
use patient_zero::tui::picker::Picker;
use patient_zero::tui::replay::Replay;
use patient_zero::tui::theme::Theme;
use patient_zero::tui::view;
use patient_zero::tui::worker::Report;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t
}

fn screen(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

fn figure5() -> case::Case {
    case::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/figure5-severe-acute-pancreatitis.yaml"),
        None,
    )
    .unwrap()
}

/// The app on one case, with an agent standing in for the worker.
struct Drive {
    app: App,
    agent: Agent<Offline>,
    /// Every command the app gave, in order (the session log's writes among them).
    commands: Vec<Command>,
}

impl Drive {
    fn new(chaos: f64, instructor: bool) -> Drive {
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
            Screen::Chat(Box::new(Chat::new(&c, Style::Plain))),
            instructor,
        );
        Drive {
            app,
            agent,
            commands: Vec::new(),
        }
    }

    fn send(&mut self, msg: Msg) -> Vec<Command> {
        let cmds = self.app.update(msg);
        self.commands.extend(cmds.clone());
        cmds
    }

    fn key(&mut self, k: Key) -> Vec<Command> {
        self.send(Msg::Key(k))
    }

    fn typed(&mut self, text: &str) -> Vec<Command> {
        for ch in text.chars() {
            self.key(Key::Char(ch));
        }
        self.key(Key::Enter)
    }

    /// Asks and answers one question the way the event loop and worker do.
    fn ask(&mut self, q: &str) {
        let cmds = self.typed(q);
        let [Command::Ask { job, question }] = &cmds[..] else {
            panic!("expected one Ask, got {cmds:?}");
        };
        assert_eq!(question, q);
        let job = *job;
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

    fn chat(&self) -> &Chat {
        match &self.app.screen {
            Screen::Chat(c) => c,
            _ => panic!("not on the chat screen"),
        }
    }
}

fn chat_after(questions: &[&str], chaos: f64, instructor: bool) -> Drive {
    let mut d = Drive::new(chaos, instructor);
    for q in questions {
        d.ask(q);
    }
    d
}

#[test]
fn main_screen_mid_dialogue() {
    let d = chat_after(
        &[
            "What brings you in today?",
            "When did it start?",
            "Have you had any nosebleeds?",
            "Do you smoke?",
        ],
        0.0,
        false,
    );
    let s = screen(&d.app, 120, 32);
    assert!(
        s.contains("You: Do you smoke?") && s.contains("never smoked"),
        "{s}"
    );
    assert!(
        s.contains("+t3"),
        "the episodic fact of turn 3 is marked: {s}"
    );
    assert!(
        !s.contains("lipase"),
        "examiner-only facts hidden from the trainee: {s}"
    );
    assert!(!s.contains("✓ entail"), "verdicts are for instructors: {s}");
    insta::assert_snapshot!("main_screen", s);
}

#[test]
fn a_caught_contradiction_shows_in_the_flags_panel_with_verdicts_for_the_instructor() {
    let d = chat_after(
        &[
            "When did it start?",
            "How bad is it out of 10?",
            "Do you smoke?",
        ],
        1.0,
        true,
    );
    let s = screen(&d.app, 120, 32);
    assert!(s.contains("contradiction"), "{s}");
    assert!(
        s.contains("Acute pancreatitis (severe)"),
        "instructor mode shows the diagnosis and severity: {s}"
    );
    assert!(
        s.contains("✓ entail F"),
        "instructor mode shows each claim's verdict: {s}"
    );
    // Every rejected candidate is a flag with its attempt number; none of them was shown.
    let c = d.chat();
    let rejected: Vec<_> = c
        .flags
        .iter()
        .filter(|r| r.flag.kind == "contradiction")
        .collect();
    assert!(rejected.len() >= 3, "{rejected:?}");
    assert!(rejected.iter().all(|r| r.attempt.is_some() && r.flag.chaos));
    for line in c
        .transcript
        .iter()
        .filter(|l| l.speaker == Speaker::Patient)
    {
        assert!(
            line.verdicts
                .iter()
                .all(|v| v.label != patient_zero::verify::Label::Contradict),
            "a shown reply has no contradiction: {line:?}"
        );
    }
    insta::assert_snapshot!("chaos_flags", s);
}

#[test]
fn a_flag_opens_to_its_detail() {
    let mut d = chat_after(&["When did it start?"], 1.0, false);
    d.key(Key::Tab);
    d.key(Key::BackTab);
    assert_eq!(d.chat().focus, Focus::Input, "Tab and Shift+Tab go round");
    for _ in 0..4 {
        d.key(Key::Tab);
    }
    assert_eq!(d.chat().focus, Focus::Flags);
    // The newest flag is the fallback; the one below it a rejected candidate.
    d.key(Key::Down);
    d.key(Key::Down);
    d.key(Key::Up);
    d.key(Key::Enter);
    let detail = d.chat().detail.clone().expect("Enter on a flag opens it");
    assert_eq!(detail, *d.chat().flags_newest_first()[1]);
    assert_eq!(detail.flag.kind, "contradiction");
    let s = screen(&d.app, 120, 32);
    assert!(s.contains("Flag") && s.contains("The fact: F006"), "{s}");
    assert!(s.contains("corrupted on purpose"), "{s}");
    insta::assert_snapshot!("flag_detail", s);
    d.key(Key::Esc);
    assert!(d.chat().detail.is_none());
}

#[test]
fn picker_lists_a_broken_case_with_its_error_and_explains_it_on_enter() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/figure5-severe-acute-pancreatitis.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("figure5-severe-acute-pancreatitis.yaml"),
        &good,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken-case.yaml"),
        good.replace("  age: 47\n", "  age: 470\n")
            .replace("id: figure5-severe-acute-pancreatitis", "id: broken-case"),
    )
    .unwrap();
    let mut app = App::new(Screen::Picker(Picker::load(dir.path(), None)), false);
    let s = screen(&app, 120, 24);
    assert!(
        s.contains("broken-case  INVALID") && s.contains("patient.age"),
        "{s}"
    );
    assert!(s.contains("Linda Harper"), "{s}");
    assert!(
        !s.contains("Acute pancreatitis"),
        "the disease is hidden unless instructor: {s}"
    );
    insta::assert_snapshot!(
        "picker_broken_case",
        s.replace(&dir.path().display().to_string(), "<dir>")
    );
    // Enter on the broken case explains it instead of opening it.
    let cmds = app.update(Msg::Key(Key::Enter));
    assert!(cmds.is_empty(), "{cmds:?}");
    let popup = screen(&app, 120, 24);
    assert!(
        popup.contains("Problem") && popup.contains("broken-case cannot be opened"),
        "{popup}"
    );
    app.update(Msg::Key(Key::Esc));
    assert!(app.error.is_none());
    app.update(Msg::Key(Key::F(2)));
    assert!(screen(&app, 120, 24).contains("[Acute pancreatitis]"));
}

#[test]
fn picker_filters_and_opens_only_valid_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let mut app = App::new(Screen::Picker(Picker::load(&dir, None)), false);
    for ch in "sciatica".chars() {
        app.update(Msg::Key(Key::Char(ch)));
    }
    let Screen::Picker(p) = &app.screen else {
        unreachable!()
    };
    assert_eq!(p.visible().len(), 2);
    let cmds = app.update(Msg::Key(Key::Enter));
    assert!(
        matches!(&cmds[..], [Command::Open(path)] if path.ends_with("sciatica-s2026-00002.yaml")),
        "{cmds:?}"
    );
}

#[test]
fn input_is_recalled_and_kept_while_busy() {
    let mut d = chat_after(&["Do you smoke?"], 0.0, false);
    d.key(Key::Up);
    assert_eq!(d.chat().prompt.value(), "Do you smoke?");
    // While a turn is in flight, Enter sends nothing and the text stays.
    d.key(Key::Ctrl('u'));
    let first = d.typed("Any allergies?");
    assert!(matches!(&first[..], [Command::Ask { .. }]));
    for ch in "And medicines?".chars() {
        d.key(Key::Char(ch));
    }
    assert!(d.key(Key::Enter).is_empty());
    assert_eq!(d.chat().prompt.value(), "And medicines?");
}

#[test]
fn a_failed_turn_gives_the_question_back_and_flags_the_error() {
    let mut d = Drive::new(0.0, false);
    let cmds = d.typed("Do you smoke?");
    let [Command::Ask { job, .. }] = &cmds[..] else {
        panic!("{cmds:?}")
    };
    d.send(Msg::Worker(Report::Failed(
        *job,
        "the server is down".into(),
    )));
    let c = d.chat();
    assert!(c.pending.is_none());
    assert_eq!(
        c.prompt.value(),
        "Do you smoke?",
        "the question is not lost"
    );
    assert!(c.flags.iter().any(|r| r.flag.kind == "backend_error" && r.flag.detail.contains("the server is down")));
    assert!(screen(&d.app, 120, 32).contains("backend_error"));
}

#[test]
fn help_and_too_small() {
    let mut d = chat_after(&[], 0.0, false);
    d.key(Key::F(1));
    insta::assert_snapshot!("help", screen(&d.app, 100, 24));
    let small = screen(&d.app, 60, 12);
    assert!(small.contains("needs at least 80x20"), "{small}");
    insta::assert_snapshot!("too_small", small);
    d.key(Key::Esc);
    assert!(!d.app.help);
}

/// The commands that write the session log, carried out as the event loop does.
fn write_log(commands: &[Command], path: &Path, case: &str) {
    let mut log = session::Log::append(path, case).unwrap();
    for c in commands {
        match c {
            Command::LogTurn(events) => log.turn(events).unwrap(),
            Command::Log(e) => log.note(e).unwrap(),
            _ => {}
        }
    }
}

#[test]
fn replay_shows_what_the_live_chat_showed() {
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("s.jsonl");
    let mut d = chat_after(
        &["When did it start?", "Have you had any nosebleeds?"],
        1.0,
        false,
    );
    d.typed("/exam vitals");
    d.key(Key::F(3));
    d.ask("Do you smoke?");
    write_log(&d.commands, &log_path, &d.chat().case_id);

    let history = session::History::from_entries(&session::read(&log_path).unwrap());
    assert_eq!(history.turns.len(), 3);
    let mut app = App::new(
        Screen::Replay(Box::new(Replay::new(
            Chat::new(&figure5(), Style::Plain),
            history,
        ))),
        false,
    );
    let Screen::Replay(r) = &app.screen else {
        unreachable!()
    };
    let live = d.chat();
    let texts = |c: &Chat| {
        c.transcript
            .iter()
            .map(|l| (l.text.clone(), l.style))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        texts(&r.view),
        texts(live),
        "the replayed transcript is the live one"
    );
    assert_eq!(r.view.flags, live.flags);
    assert_eq!(r.view.ordered, live.ordered);
    assert_eq!(r.view.style, Style::Upset);
    let end = screen(&app, 120, 32);
    assert!(
        end.contains("after turn 3 of 3") && end.contains("+t2"),
        "{end}"
    );
    app.update(Msg::Key(Key::Left));
    app.update(Msg::Key(Key::Left));
    let step1 = screen(&app, 120, 32);
    assert!(
        step1.contains("after turn 1 of 3") && !step1.contains("nosebleeds"),
        "{step1}"
    );
    assert!(
        step1.contains("contradiction"),
        "the chaos of turn 1 is flagged: {step1}"
    );
    insta::assert_snapshot!("replay_turn_1", step1);
    app.update(Msg::Key(Key::Home));
    assert!(screen(&app, 120, 32).contains("after turn 0 of 3"));
}

#[test]
fn debrief_scores_coverage_and_lists_what_was_missed() {
    let mut d = chat_after(
        &[
            "What brings you in today?",
            "When did it start?",
            "Do you smoke?",
            "Any allergies?",
        ],
        0.0,
        false,
    );
    d.typed("/test lipase");
    d.key(Key::Ctrl('d'));
    let s = screen(&d.app, 120, 44);
    assert!(s.contains("History-taking coverage:"), "{s}");
    let deb = d.chat().debrief();
    let covered: Vec<&str> = deb
        .coverage
        .covered
        .iter()
        .map(|f| f.text.as_str())
        .collect();
    assert!(
        covered.iter().any(|t| t.contains("never smoker")),
        "{covered:?}"
    );
    assert!(
        covered.iter().any(|t| t.contains("no allergies")),
        "{covered:?}"
    );
    assert!(
        deb.coverage
            .missed
            .iter()
            .any(|f| f.text.contains("amlodipine"))
    );
    assert_eq!(deb.ordered.len(), 1);
    assert_eq!(deb.questions, 4);
    assert!(s.contains("amlodipine"), "missed items listed: {s}");
    assert!(
        s.contains("The lipase is 900"),
        "the ordered test is listed: {s}"
    );
    insta::assert_snapshot!("debrief", s);
    assert_eq!(
        d.key(Key::Char('s')),
        vec![Command::Export],
        "s saves the session"
    );
    d.key(Key::Esc);
    assert!(screen(&d.app, 120, 40).contains("Memory:"));
}

#[test]
fn the_export_holds_the_transcript_debrief_and_flags() {
    let mut d = chat_after(&["When did it start?", "Do you smoke?"], 1.0, false);
    d.typed("/exam abdomen");
    let c = d.chat();
    let e = c.export();
    let md = session::export_markdown(&e);
    assert!(
        md.starts_with("# Interview with Linda Harper (figure5-severe-acute-pancreatitis)"),
        "{md}"
    );
    assert!(md.contains("**Student (turn 2):** Do you smoke?"), "{md}");
    assert!(md.contains("*Ordered \"abdomen\":*"), "{md}");
    assert!(md.contains("- Diagnosis: Acute pancreatitis"), "{md}");
    assert!(md.contains("turn 1 contradiction: rejected"), "{md}");
    let json = session::export_json(&e);
    assert_eq!(json["turns"].as_array().unwrap().len(), 2);
    let covered = json["debrief"]["covered"].as_array().unwrap().len();
    let missed = json["debrief"]["missed"].as_array().unwrap().len();
    assert_eq!(covered + missed, c.debrief().coverage.total());
    assert!(json["debrief"]["contradictions_caught"].as_u64().unwrap() >= 1);
}

#[test]
fn examinations_are_ordered_into_their_own_panel() {
    let mut d = chat_after(&["What brings you in today?"], 0.0, false);
    for cmd in ["/exam vitals", "/test lipase", "/exam nothing-like-this"] {
        assert!(
            !d.typed(cmd)
                .iter()
                .any(|c| matches!(c, Command::Ask { .. })),
            "a command is not a question to the patient"
        );
    }
    let s = screen(&d.app, 140, 40);
    assert!(
        s.contains("The lipase is 900"),
        "the newest result is in view: {s}"
    );
    assert!(s.contains("No examination or test matches"), "{s}");
    assert_eq!(d.chat().ordered.len(), 7, "six vitals and the lipase");
    insta::assert_snapshot!("examination_panel", s);
    // Scrolled back up, the vitals ordered first are there.
    d.send(Msg::Click(Focus::Examination));
    d.key(Key::Home);
    let top = screen(&d.app, 140, 40);
    assert!(top.contains("The heart rate is 118"), "{top}");
    // The patient does not learn them: her memory panel still hides lab results.
    let lipase = d
        .chat()
        .facts
        .iter()
        .find(|f| f.text.contains("lipase is 900"))
        .unwrap();
    assert!(!lipase.known);
    assert!(
        !top.contains(&format!("{} {}", lipase.id, lipase.text)),
        "{top}"
    );
}

#[test]
fn esc_cancels_a_turn_in_flight_and_nothing_of_it_stays() {
    let mut d = Drive::new(0.0, false);
    let cmds = d.typed("Have you had any nosebleeds?");
    let [Command::Ask { job, .. }] = cmds[..] else {
        panic!("{cmds:?}")
    };
    // The worker has reported part of the turn (a fact about to be added) when Esc comes.
    let mut events = Vec::new();
    let report = d.agent.ask_with("Have you had any nosebleeds?", &mut |e| {
        events.push(e.clone());
        true
    });
    for e in events {
        d.send(Msg::Worker(Report::Event(job, e)));
    }
    assert!(
        screen(&d.app, 120, 32).contains("+t1"),
        "the live fact shows while the turn runs"
    );
    let cmds = d.key(Key::Esc);
    assert!(cmds.contains(&Command::Cancel { job }), "{cmds:?}");
    assert!(cmds.iter().any(|c| matches!(
        c,
        Command::Log(session::SessionEvent::Cancelled { turn: 0, .. })
    )));
    // The reply arrives after all: it is not shown, and the live fact is gone.
    d.send(Msg::Worker(Report::Done(job, Box::new(report.unwrap()))));
    d.send(Msg::Worker(Report::Cancelled(job)));
    let c = d.chat();
    assert!(c.pending.is_none() && c.episodic().count() == 0 && c.turn() == 0);
    assert!(
        c.transcript.iter().all(|l| l.speaker != Speaker::Patient),
        "a cancelled reply is not shown"
    );
    assert!(!screen(&d.app, 120, 32).contains("+t1"));
    // The next question goes through as usual.
    let next = d.typed("Any allergies?");
    assert!(matches!(&next[..], [Command::Ask { question, .. }] if question == "Any allergies?"));
}

#[test]
fn style_changes_mid_dialogue_and_each_reply_keeps_its_style() {
    let mut d = chat_after(&["Do you smoke?"], 0.0, false);
    let cmds = d.typed("/style upset");
    assert!(cmds.contains(&Command::SetStyle(Style::Upset)), "{cmds:?}");
    d.agent.responder.persona = Persona::builtin(Style::Upset);
    d.ask("Any allergies?");
    let s = screen(&d.app, 120, 32);
    assert!(
        s.contains("Linda Harper (plain): I've never smoked."),
        "{s}"
    );
    assert!(s.contains("Linda Harper (upset):"), "{s}");
    assert!(s.contains("| upset | offline |"), "{s}");
    d.typed("/style grumpy");
    assert!(
        d.chat()
            .notice
            .as_deref()
            .unwrap_or("")
            .contains("/style takes one of")
    );
}

#[test]
fn the_mouse_wheel_scrolls_the_panel_under_it() {
    let mut d = chat_after(&["What brings you in today?"], 0.0, false);
    d.send(Msg::Wheel(Some(Focus::Memory), -3));
    assert_eq!(d.chat().scroll.memory, 3);
    d.send(Msg::Wheel(Some(Focus::Memory), 3));
    assert_eq!(d.chat().scroll.memory, 0);
    d.send(Msg::Click(Focus::Flags));
    assert_eq!(d.chat().focus, Focus::Flags);
    let area = ratatui::layout::Rect::new(0, 0, 120, 32);
    assert_eq!(view::panel_at(area, 100, 3), Some(Focus::Memory));
    assert_eq!(view::panel_at(area, 10, 30), Some(Focus::Input));
    assert_eq!(
        view::panel_at(area, 10, 31),
        None,
        "the status bar is no panel"
    );
}

#[test]
fn themes_differ_where_it_matters() {
    use ratatui::style::Color;
    let mut d = chat_after(&["Do you smoke?"], 0.0, false);
    let colour_of = |app: &App, text: &str| {
        let t = render(app, 120, 32);
        let buf = t.backend().buffer().clone();
        let s = t.backend().to_string();
        let row = s.lines().position(|l| l.contains(text)).unwrap();
        let line = s.lines().nth(row).unwrap().trim_matches('"');
        let col = line.chars().position(|_| true).unwrap()
            + line.find(text).map(|b| line[..b].chars().count()).unwrap();
        buf[(col as u16, row as u16)].fg
    };
    let dark = colour_of(&d.app, "Linda Harper (plain)");
    d.app.theme = Theme::light();
    let light = colour_of(&d.app, "Linda Harper (plain)");
    assert_eq!(dark, Color::LightGreen);
    assert_eq!(light, Color::Green, "light green is unreadable on white");
}

#[test]
fn the_worker_streams_events_and_takes_back_a_cancelled_turn() {
    use patient_zero::tui::worker::Worker;
    use std::time::Duration;
    let (tx, rx) = std::sync::mpsc::channel();
    let mut w = Worker::spawn(figure5(), Style::Plain, 1, 0.0, move |r| tx.send(r).is_ok());
    let q = "Have you had any nosebleeds?";
    let answer = |job| {
        let mut events = Vec::new();
        loop {
            match rx
                .recv_timeout(Duration::from_secs(10))
                .expect("the worker answers")
            {
                Report::Event(j, e) if j == job => events.push(e),
                Report::Done(j, report) if j == job => return (events, report),
                _ => panic!("an unexpected report"),
            }
        }
    };
    assert!(w.ask(1, q.into()));
    let (events, first) = answer(1);
    assert_eq!(
        events, first.events,
        "each event is sent as it happens, then the report"
    );
    assert_eq!(first.turn, 1);
    // Cancelled after it finished: the worker takes the turn back.
    w.cancel(1);
    assert!(matches!(
        rx.recv_timeout(Duration::from_secs(10)),
        Ok(Report::Cancelled(1))
    ));
    assert!(w.ask(2, q.into()));
    let (_, second) = answer(2);
    assert_eq!(second.turn, 1, "the cancelled turn is as if never asked");
    assert_eq!(
        second.added_facts, first.added_facts,
        "the same fact, under the same id"
    );
}
