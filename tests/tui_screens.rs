//! Whole-screen tests: what the app shows, compared with insta snapshots.

mod common;

use common::{Drive, chat_after, render, screen};
use patient_zero::agent::FlagKind;
use patient_zero::tui::app::{App, Command, Key, Msg, Screen};
use patient_zero::tui::chat::{Focus, Speaker};
use patient_zero::tui::picker::Picker;
use patient_zero::tui::theme::Theme;
use std::path::Path;

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
        .filter(|r| r.flag.kind == FlagKind::Contradiction)
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
    assert_eq!(detail.flag.kind, FlagKind::Contradiction);
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
    assert!(app.popup.is_none());
    app.update(Msg::Key(Key::F(2)));
    assert!(screen(&app, 120, 24).contains("[Acute pancreatitis]"));
}

#[test]
fn picker_filters_and_opens_only_valid_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let mut app = App::new(Screen::Picker(Picker::load(&dir, None)), true);
    for ch in "sciatica".chars() {
        app.update(Msg::Key(Key::Char(ch)));
    }
    let Screen::Picker(p) = &app.screen else {
        unreachable!()
    };
    assert_eq!(p.visible(true).len(), 2);
    let cmds = app.update(Msg::Key(Key::Enter));
    assert!(
        matches!(&cmds[..], [Command::Open(path)] if path.ends_with("sciatica-s2026-00009.yaml")),
        "{cmds:?}"
    );
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
    assert!(
        s.contains("Not an examination or test I know: \"nothing-like-this\""),
        "{s}"
    );
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
fn the_newest_reply_is_shown_whole_however_the_lines_wrap() {
    let mut d = Drive::new(0.0, false);
    // Long words wrap early, and wide characters take two cells each.
    d.ask(&format!(
        "{} {} {}?",
        "a".repeat(40),
        "b".repeat(40),
        "c".repeat(40)
    ));
    d.ask("胸の痛みはありますか? What brings you in today?");
    d.ask("Any chest pain?");
    let reply = d.chat().transcript.last().unwrap().text.clone();
    let s = screen(&d.app, 90, 22);
    let last_word = reply.split_whitespace().last().unwrap();
    assert!(
        s.contains(last_word),
        "the end of \"{reply}\" is on screen: {s}"
    );
    insta::assert_snapshot!("long_lines", s);
}
