//! Rendering one frame of the chat screen with 1,000 messages and 500 facts
//! (TestBackend, 160×48), and start-up to the first frame of the case picker
//! (loading and validating every shipped case, then drawing).
//!
//! Run with `cargo bench --bench render`.

use patient_zero::agent::Flag;
use patient_zero::case;
use patient_zero::memory::{Key, Memory, Topic, Value};
use patient_zero::persona::Style;
use patient_zero::tui::app::{App, Screen};
use patient_zero::tui::chat::{Chat, Line, Raised, Speaker};
use patient_zero::tui::picker::Picker;
use patient_zero::tui::view;
use patient_zero::verify::{Label, Verdict};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::time::Instant;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"render".contains(a.as_str()))
    {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = case::load(
        &root.join("cases/figure5-severe-acute-pancreatitis.yaml"),
        None,
    )
    .unwrap();
    let mut memory = Memory::from_case(&c);
    let mut i = 0;
    while memory.len() < 500 {
        memory.remember(
            Key::new(Topic::Everyday, format!("d{i}")),
            Value::text("x"),
            format!("Something said in dialogue, number {i}."),
            1 + i / 10,
        );
        i += 1;
    }
    let mut chat = Chat::new(&c, Style::Verbose, "offline");
    chat.facts = memory
        .semantic
        .iter()
        .chain(&memory.episodic)
        .cloned()
        .collect();
    for n in 0..1000 {
        let (speaker, text) = if n % 2 == 0 {
            (
                Speaker::Student,
                format!(
                    "Question number {n}: when did it start, and does anything make it better?"
                ),
            )
        } else {
            (
                Speaker::Patient,
                format!(
                    "Well, let me think. It started two days ago and it has been getting worse; sitting up and leaning forward helps a bit ({n})."
                ),
            )
        };
        let mut line = Line::said(speaker, text);
        // Instructor mode shows each reply's verdicts under it; two per reply is typical.
        if line.speaker == Speaker::Patient {
            for (id, claim) in [
                ("F006", "onset(abdominal pain): 2 days"),
                ("F017", "relieving(abdominal pain): leaning forward"),
            ] {
                line.verdicts.push(Verdict {
                    claim: claim.into(),
                    fact_id: Some(id.into()),
                    label: Label::Entail,
                    reason: "same value".into(),
                });
            }
        }
        chat.transcript.push(line);
    }
    for n in 0..200 {
        chat.flags.push(Raised {
            turn: n / 2,
            attempt: Some(1),
            flag: Flag {
                kind: patient_zero::agent::FlagKind::Contradiction,
                detail: format!("rejected \"It started {n} days ago\": onset contradicts F006"),
                fact_id: Some("F006".into()),
                chaos: true,
            },
        });
    }
    let app = App::new(Screen::Chat(Box::new(chat)), true);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let mut times = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        terminal.draw(|f| view::render(&app, f)).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "render chat, instructor mode, 1,000 messages (2 verdicts a reply), 500 facts, 200 flags, 160x48: median {:.3} ms, p99 {:.3} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );

    let mut starts = Vec::new();
    let mut cases = 0;
    for _ in 0..20 {
        let t = Instant::now();
        let kb = patient_zero::knowledge::KnowledgeBase::embedded().ok();
        let picker = Picker::load(&root.join("cases"), kb.as_ref());
        cases = picker.visible(true).len();
        let app = App::new(Screen::Picker(picker), false);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        terminal.draw(|f| view::render(&app, f)).unwrap();
        starts.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    starts.sort_by(f64::total_cmp);
    println!(
        "start-up to first picker frame (knowledge base + {cases} cases validated): median {:.1} ms, max {:.1} ms",
        percentile(&starts, 0.5),
        starts[starts.len() - 1]
    );
}
