//! Live interviews with a real model (SmolLM2-135M from `scripts/llm-server`,
//! or any server named by PZ_LLM_URL and PZ_LLM_MODEL): 3 shipped cases in 2
//! styles, 10 questions each. A model this small contradicts the record
//! often; what must hold is that no shown reply does. Without a server the
//! test says so and passes, so `cargo test` works offline.

use patient_zero::agent::{Agent, FlagKind, Voice};
use patient_zero::case;
use patient_zero::llm::Settings;
use patient_zero::persona::Style;
use patient_zero::prompts::Prompts;
use patient_zero::verify::Label;
use std::path::Path;
use std::time::{Duration, Instant};

const CASES: [&str; 3] = [
    "figure5-severe-acute-pancreatitis",
    "major-depressive-disorder-s2026-00005",
    "sciatica-s2026-00009",
];
const STYLES: [Style; 2] = [Style::Plain, Style::Upset];
const QUESTIONS: [&str; 10] = [
    "What brings you in today?",
    "When did it start?",
    "Where exactly do you feel it?",
    "How bad is it on a scale of 1 to 10?",
    "Is it getting better or worse?",
    "Does anything make it better?",
    "Do you take any medications?",
    "Any allergies?",
    "Do you smoke?",
    "What do you do for a living?",
];

#[test]
fn live_interviews_never_show_a_contradiction() {
    let report_file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("llm-live.txt");
    let _ = std::fs::remove_file(&report_file);
    let Ok(url) = std::env::var("PZ_LLM_URL") else {
        eprintln!(
            "live LLM test skipped: PZ_LLM_URL is not set (`scripts/llm-server start` starts a server and prints its URL)"
        );
        return;
    };
    let model = std::env::var("PZ_LLM_MODEL").unwrap_or_else(|_| "smollm2".into());
    let voice = Voice::Llm {
        settings: Settings {
            base_url: url.clone(),
            model: model.clone(),
            first_token_timeout: Duration::from_secs(60),
            total_timeout: Duration::from_secs(120),
            ..Settings::default()
        },
        prompts: Prompts::built_in(),
        seed: 1,
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut report = vec![
        format!("live interviews with {model} at {url}"),
        "case                                   style   turns regenerated rejected fallbacks backend_errors judge_errors responses judge_calls s/turn".to_string(),
    ];
    let (mut turns, mut shown_contradictions, mut by_model) = (0, 0, 0);
    for id in CASES {
        let c = case::load(&root.join(format!("cases/{id}.yaml")), None).unwrap();
        for style in STYLES {
            let mut a = Agent::new(c.clone(), voice.responder(style).unwrap());
            a.judge = voice.judge().unwrap();
            let started = Instant::now();
            let (mut regenerated, mut rejected, mut fallbacks, mut backend, mut judge, mut server) =
                (0, 0, 0, 0, 0, 0);
            let mut reports = Vec::new();
            for q in QUESTIONS {
                let t = a.ask(q);
                regenerated += usize::from(t.attempts > 1);
                let count = |k: FlagKind| t.flags.iter().filter(|f| f.kind == k).count();
                rejected += count(FlagKind::Contradiction);
                fallbacks += count(FlagKind::Fallback);
                backend += count(FlagKind::BackendError);
                // An empty reply is the model's failing; a call that failed is the server's.
                server += t
                    .flags
                    .iter()
                    .filter(|f| {
                        f.kind == FlagKind::BackendError
                            && f.detail.starts_with("the model did not answer")
                    })
                    .inspect(|f| println!("  server failure on {:?}: {}", t.question, f.detail))
                    .count();
                judge += count(FlagKind::JudgeError);
                shown_contradictions += t
                    .verdicts
                    .iter()
                    .filter(|v| v.label == Label::Contradict)
                    .count();
                // The model's own words were shown: no offline answer, no fact-only fallback.
                let offline = t
                    .flags
                    .iter()
                    .any(|f| matches!(f.kind, FlagKind::BackendError | FlagKind::Fallback));
                by_model += usize::from(!offline);
                reports.push(t);
            }
            // Each shown reply, checked afresh against the memory as it ended.
            for t in &reports {
                assert!(
                    !t.reply.trim().is_empty(),
                    "{id} {style}: an empty reply to {:?}",
                    t.question
                );
                let fresh = a.recheck(t).verdicts;
                let bad: Vec<_> = fresh
                    .iter()
                    .filter(|v| v.label == Label::Contradict)
                    .collect();
                assert!(
                    bad.is_empty(),
                    "{id} {style}: shown reply {:?} contradicts the record: {bad:?}",
                    t.reply
                );
            }
            turns += reports.len();
            report.push(format!(
                "{id:<38} {:<7} {:>5} {regenerated:>11} {rejected:>8} {fallbacks:>9} {backend:>14} {judge:>12} {:>9} {:>11} {:>6.2}",
                style.name(),
                reports.len(),
                a.calls.responses,
                a.calls.judge,
                started.elapsed().as_secs_f64() / reports.len() as f64
            ));
            println!("{}", report.last().unwrap());
            assert_eq!(
                server, 0,
                "{id} {style}: the server failed during the live test"
            );
        }
    }
    assert_eq!(turns, CASES.len() * STYLES.len() * QUESTIONS.len());
    assert_eq!(shown_contradictions, 0);
    // A live test in which the model never speaks would test only the offline engine.
    assert!(
        by_model * 3 >= turns,
        "the model's own reply was shown in only {by_model} of {turns} turns"
    );
    report.push(format!(
        "{turns} turns, 0 contradictions shown, {by_model} answered in the model's own words"
    ));
    std::fs::write(&report_file, report.join("\n") + "\n").unwrap();
    println!("{}", report.join("\n"));
}
