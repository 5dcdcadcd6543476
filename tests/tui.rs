//! Whole-screen tests: the app driven with scripted messages on ratatui's
//! TestBackend, compared with insta snapshots.

use patient_zero::agent::{Agent, Offline};
use patient_zero::case;
use patient_zero::memory::Memory;
use patient_zero::persona::{Persona, Style};
use patient_zero::tui::app::{App, Chat, Command, Key, Msg, Screen};
use patient_zero::tui::picker::Picker;
use patient_zero::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t.backend().to_string()
}

fn figure5() -> case::Case {
    case::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/figure5-severe-acute-pancreatitis.yaml"),
        None,
    )
    .unwrap()
}

/// A chat driven through `update`, with the agent's reports fed back as the event loop does.
fn chat_after(questions: &[&str], chaos: f64, instructor: bool) -> App {
    let c = figure5();
    let facts = Memory::from_case(&c).semantic;
    let mut agent = Agent::new(
        c.clone(),
        Offline {
            persona: Persona::builtin(Style::Plain),
            seed: 1,
            chaos,
        },
    );
    let mut app = App::new(
        Screen::Chat(Box::new(Chat::new(
            &c.id,
            &c.patient.name,
            Style::Plain,
            &c.disease.name,
            facts,
        ))),
        instructor,
    );
    for q in questions {
        for ch in q.chars() {
            app.update(Msg::Key(Key::Char(ch)));
        }
        let cmds = app.update(Msg::Key(Key::Enter));
        assert_eq!(cmds, vec![Command::Ask(q.to_string())]);
        let mut report = agent.ask(q);
        report.latency_ms = 0.1; // times vary; the snapshot must not
        app.update(Msg::Turn(Box::new(report)));
    }
    app
}

#[test]
fn main_screen_mid_dialogue() {
    let app = chat_after(
        &[
            "What brings you in today?",
            "When did it start?",
            "Have you had any nosebleeds?",
            "Do you smoke?",
        ],
        0.0,
        false,
    );
    let s = screen(&app, 120, 32);
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
    insta::assert_snapshot!("main_screen", s);
}

#[test]
fn a_caught_contradiction_shows_in_the_flags_panel() {
    let app = chat_after(
        &[
            "When did it start?",
            "How bad is it out of 10?",
            "Do you smoke?",
        ],
        1.0,
        true,
    );
    let s = screen(&app, 120, 32);
    assert!(s.contains("contradiction"), "{s}");
    assert!(
        s.contains("diagnosis: Acute pancreatitis"),
        "instructor mode shows the diagnosis: {s}"
    );
    insta::assert_snapshot!("chaos_flags", s);
}

#[test]
fn picker_lists_a_broken_case_with_its_error() {
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
    let app = App::new(Screen::Picker(Picker::load(dir.path(), None)), false);
    let s = screen(&app, 120, 24);
    assert!(
        s.contains("broken-case  INVALID") && s.contains("patient.age"),
        "{s}"
    );
    assert!(s.contains("Linda Harper"), "{s}");
    insta::assert_snapshot!(
        "picker_broken_case",
        s.replace(&dir.path().display().to_string(), "<dir>")
    );
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
    let mut app = chat_after(&["Do you smoke?"], 0.0, false);
    app.update(Msg::Key(Key::Up));
    let Screen::Chat(c) = &app.screen else {
        unreachable!()
    };
    assert_eq!(c.input, "Do you smoke?");
    // A second Enter while a turn is in flight sends nothing and keeps the text.
    app.update(Msg::Key(Key::Enter));
    let cmds = app.update(Msg::Key(Key::Enter));
    assert!(cmds.is_empty());
}

#[test]
fn help_and_too_small() {
    let mut app = chat_after(&[], 0.0, false);
    app.update(Msg::Key(Key::F(1)));
    insta::assert_snapshot!("help", screen(&app, 100, 24));
    let small = screen(&app, 60, 12);
    assert!(small.contains("needs at least 80x20"), "{small}");
    insta::assert_snapshot!("too_small", small);
}

#[test]
fn replay_steps_through_a_saved_session() {
    use patient_zero::session;
    use patient_zero::tui::app::Replay;
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("s.jsonl");
    let c = figure5();
    let mut agent = Agent::new(
        c.clone(),
        Offline {
            persona: Persona::builtin(Style::Plain),
            seed: 1,
            chaos: 1.0,
        },
    );
    let mut log = session::Log::append(&log_path, &c.id).unwrap();
    for q in [
        "When did it start?",
        "Have you had any nosebleeds?",
        "Do you smoke?",
    ] {
        let mut report = agent.ask(q);
        for e in report.events.iter_mut() {
            if let patient_zero::agent::AgentEvent::Reply { latency_ms, .. } = e {
                *latency_ms = 0.1;
            }
        }
        log.turn(&report.events).unwrap();
    }
    let turns = session::turns(&session::read(&log_path).unwrap());
    assert_eq!(turns.len(), 3);
    let start = Chat::new(
        &c.id,
        &c.patient.name,
        Style::Plain,
        &c.disease.name,
        Memory::from_case(&c).semantic,
    );
    let mut app = App::new(Screen::Replay(Box::new(Replay::new(start, turns))), false);
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
}

#[test]
fn debrief_scores_coverage_and_lists_what_was_missed() {
    let mut app = chat_after(
        &[
            "What brings you in today?",
            "When did it start?",
            "Do you smoke?",
            "Any allergies?",
        ],
        0.0,
        false,
    );
    app.update(Msg::Key(Key::Ctrl('e')));
    let s = screen(&app, 120, 40);
    assert!(s.contains("History-taking coverage:"), "{s}");
    let Screen::Chat(c) = &app.screen else {
        unreachable!()
    };
    let d = c.debrief();
    // Smoking, allergies and the pain's onset were elicited; the medicines were not.
    let covered: Vec<&str> = d.covered.iter().map(|f| f.text.as_str()).collect();
    assert!(
        covered.iter().any(|t| t.contains("never smoker")),
        "{covered:?}"
    );
    assert!(
        covered.iter().any(|t| t.contains("no allergies")),
        "{covered:?}"
    );
    assert!(d.missed.iter().any(|f| f.text.contains("amlodipine")));
    assert!(s.contains("amlodipine"), "missed items listed: {s}");
    insta::assert_snapshot!("debrief", s);
    // Esc goes back to the interview.
    app.update(Msg::Key(Key::Esc));
    assert!(screen(&app, 120, 40).contains("Memory:"));
}

#[test]
fn examinations_are_ordered_into_their_own_panel() {
    let mut app = chat_after(&["What brings you in today?"], 0.0, false);
    for cmd in ["/exam vitals", "/test lipase", "/exam nothing-like-this"] {
        for ch in cmd.chars() {
            app.update(Msg::Key(Key::Char(ch)));
        }
        assert!(
            app.update(Msg::Key(Key::Enter)).is_empty(),
            "a command is not a question to the patient"
        );
    }
    let s = screen(&app, 140, 40);
    assert!(s.contains("The lipase is 900"), "{s}");
    assert!(s.contains("The heart rate is 118"), "{s}");
    assert!(s.contains("No examination or test matches"), "{s}");
    insta::assert_snapshot!("examination_panel", s);
}

#[test]
fn esc_cancels_a_turn_in_flight() {
    let c = figure5();
    let facts = Memory::from_case(&c).semantic;
    let mut agent = Agent::new(
        c.clone(),
        Offline {
            persona: Persona::builtin(Style::Plain),
            seed: 1,
            chaos: 0.0,
        },
    );
    let mut app = App::new(
        Screen::Chat(Box::new(Chat::new(
            &c.id,
            &c.patient.name,
            Style::Plain,
            &c.disease.name,
            facts,
        ))),
        false,
    );
    for ch in "Do you smoke?".chars() {
        app.update(Msg::Key(Key::Char(ch)));
    }
    app.update(Msg::Key(Key::Enter));
    app.update(Msg::Key(Key::Esc));
    app.update(Msg::Turn(Box::new(agent.ask("Do you smoke?"))));
    let Screen::Chat(chat) = &app.screen else {
        unreachable!()
    };
    assert!(!chat.busy);
    assert!(
        chat.transcript
            .iter()
            .all(|l| !l.text.contains("never smoked")),
        "a cancelled reply is not shown"
    );
    // The next question goes through as usual.
    for ch in "Any allergies?".chars() {
        app.update(Msg::Key(Key::Char(ch)));
    }
    assert_eq!(
        app.update(Msg::Key(Key::Enter)),
        vec![Command::Ask("Any allergies?".into())]
    );
}
