//! The chat as a dialogue: questions, cancels, failures, style changes,
//! scrolling and the session log, replay and export that follow from them.

mod common;

use common::{Drive, chat_after, figure5, screen};
use patient_zero::agent::FlagKind;
use patient_zero::persona::{Persona, Style};
use patient_zero::session;
use patient_zero::tui::app::{App, Command, Key, Msg, Screen};
use patient_zero::tui::chat::{Chat, Focus, Speaker};
use patient_zero::tui::replay::Replay;
use patient_zero::tui::view;
use patient_zero::tui::worker::Report;
use std::path::Path;

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
    assert!(
        c.flags.iter().any(|r| r.flag.kind == FlagKind::BackendError
            && r.flag.detail.contains("the server is down"))
    );
    assert!(screen(&d.app, 120, 32).contains("backend_error"));
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
            Chat::new(&figure5(), Style::Plain, "offline"),
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
fn scrolling_stops_at_the_ends_and_comes_straight_back() {
    let mut d = chat_after(
        &[
            "What brings you in today?",
            "When did it start?",
            "Do you smoke?",
            "Any allergies?",
            "Do you drink?",
        ],
        0.0,
        true,
    );
    d.app.size = ratatui::layout::Rect::new(0, 0, 100, 20);
    d.typed("/exam all");
    d.typed("/test all");
    // The transcript: ten pages up is as far as it goes, so one page down shows a change.
    d.send(Msg::Click(Focus::Transcript));
    for _ in 0..10 {
        d.key(Key::PageUp);
    }
    let top = d.chat().scroll.transcript;
    assert!(top > 0);
    let most = view::transcript_max_scroll(d.chat(), true, d.app.size);
    assert_eq!(top, most, "clamped to the content");
    d.key(Key::PageDown);
    assert_eq!(d.chat().scroll.transcript, top.saturating_sub(10));
    d.key(Key::End);
    assert_eq!(d.chat().scroll.transcript, 0);
    // The memory panel: End then Up moves up at once.
    d.send(Msg::Click(Focus::Memory));
    d.key(Key::End);
    let bottom = d.chat().scroll.memory;
    assert!(bottom > 0);
    d.key(Key::Up);
    assert_eq!(d.chat().scroll.memory, bottom - 1);
    // The examination panel never scrolls into emptiness.
    d.send(Msg::Click(Focus::Examination));
    for _ in 0..3 {
        d.key(Key::PageDown);
    }
    let s = screen(&d.app, 100, 20);
    let rows: Vec<&str> = s.lines().collect();
    let title = rows
        .iter()
        .position(|l| l.contains("Examination: 22 results"))
        .unwrap();
    let first = rows[title + 1].split('│').nth(2).unwrap_or("");
    assert!(
        first.chars().any(char::is_alphabetic),
        "results still in view: {s}"
    );
    // The debrief: far down, then one page up moves.
    d.key(Key::Ctrl('d'));
    for _ in 0..20 {
        d.key(Key::PageDown);
    }
    let end = d.chat().scroll.debrief;
    d.key(Key::PageUp);
    assert_eq!(d.chat().scroll.debrief, end.saturating_sub(10));
}

#[test]
fn a_result_ordered_twice_counts_once() {
    let mut d = chat_after(&["What brings you in today?"], 0.0, false);
    d.typed("/exam all");
    let examination = d.chat().ordered.len();
    d.typed("/test all");
    let all = d.chat().ordered.len();
    assert!(
        examination > 0 && all > examination,
        "/exam all is the examination, /test all the tests"
    );
    d.typed("/exam vitals");
    d.typed("/test lipase amylase");
    assert_eq!(d.chat().ordered.len(), all);
    assert_eq!(d.chat().debrief().ordered.len(), all);
    assert!(
        d.chat()
            .transcript
            .last()
            .unwrap()
            .text
            .contains("already ordered")
    );
    // Each test named is looked for.
    let mut e = chat_after(&[], 0.0, false);
    e.typed("/test lipase amylase");
    assert_eq!(
        e.chat().ordered.len(),
        2,
        "{:?}",
        e.chat().transcript.last()
    );
    // A bare /exam says what can be ordered and orders nothing.
    e.typed("/exam");
    assert_eq!(e.chat().ordered.len(), 2);
    let popup = e.app.popup.clone().expect("a list of what can be ordered");
    assert!(
        popup.text.contains("vitals") && popup.text.contains("lipase"),
        "{popup:?}"
    );
}

#[test]
fn what_the_student_does_during_a_turn_follows_it_live_and_in_replay() {
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("s.jsonl");
    let mut d = chat_after(&["When did it start?"], 0.0, false);
    // A style change and an order while the patient is answering take effect after the reply.
    let job = d.begin("Do you smoke?");
    let cmds = d.key(Key::F(3));
    assert!(cmds.contains(&Command::SetStyle(Style::Upset)));
    assert!(
        !cmds.iter().any(|c| matches!(c, Command::Log(_))),
        "logged once the turn is over"
    );
    d.typed("/exam vitals");
    assert!(d.chat().ordered.is_empty());
    d.answer(job, "Do you smoke?");
    assert_eq!(
        d.chat()
            .transcript
            .iter()
            .rev()
            .find(|l| l.speaker == Speaker::Patient)
            .unwrap()
            .style,
        Some(Style::Plain),
        "the reply is in the style it was asked in"
    );
    assert_eq!(d.chat().style, Style::Upset);
    assert_eq!(d.chat().ordered.len(), 6);
    // A cancelled question, and the next in the new style.
    d.begin("Any allergies?");
    d.key(Key::Esc);
    d.agent.responder.persona = Persona::builtin(Style::Upset);
    d.ask("Any allergies?");
    write_log(&d.commands, &log_path, &d.chat().case_id);

    let history = session::History::from_entries(&session::read(&log_path).unwrap());
    let r = Replay::new(Chat::new(&figure5(), Style::Plain, "offline"), history);
    let lines = |c: &Chat| {
        c.transcript
            .iter()
            .map(|l| (l.speaker.clone(), l.text.clone(), l.style))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        lines(&r.view),
        lines(d.chat()),
        "the replay shows the live transcript, line for line"
    );
    assert_eq!(r.view.ordered, d.chat().ordered);
    assert!(
        lines(d.chat())
            .iter()
            .any(|(s, t, _)| *s == Speaker::Student && t == "Any allergies?")
    );
}

#[test]
fn popups_take_every_key_and_pastes_go_into_the_question() {
    let mut d = Drive::new(0.0, false);
    d.key(Key::F(1));
    assert!(
        d.typed("Any chest pain?").is_empty(),
        "nothing is asked behind the help"
    );
    assert_eq!(d.chat().prompt.value(), "");
    d.key(Key::Esc);
    assert!(!d.app.help);
    d.send(Msg::Paste("Do you drink alcohol?\nAny allergies?".into()));
    assert_eq!(
        d.chat().prompt.value(),
        "Do you drink alcohol? Any allergies?"
    );
    assert!(d.chat().pending.is_none(), "a paste sends nothing");
    d.key(Key::Ctrl('u'));
    let cmds = d.typed("/help");
    assert!(cmds.is_empty() && d.app.help);
}

#[test]
fn a_trainee_cannot_find_the_diagnosis_through_the_picker() {
    use patient_zero::tui::picker::Picker;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let mut app = App::new(Screen::Picker(Picker::load(&dir, None)), false);
    for ch in "pancreatitis".chars() {
        app.update(Msg::Key(Key::Char(ch)));
    }
    let Screen::Picker(p) = &app.screen else {
        unreachable!()
    };
    assert_eq!(
        p.visible(false).len(),
        0,
        "the filter does not search the diagnosis"
    );
    assert!(p.visible(true).len() >= 3, "an instructor's does");
    let s = screen(&app, 120, 24);
    assert!(!s.contains("pancreatitis-s2026"), "{s}");
}
