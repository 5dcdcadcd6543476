//! The patient agent with a model as its voice and judge, against an
//! in-process server that misbehaves on cue. Whatever the server does, the
//! turn completes — by retry, or with the offline engine's reply and a flag —
//! and no shown reply contradicts the record.

#[path = "support/fault_server.rs"]
#[allow(dead_code)]
mod fault_server;

use fault_server::{FaultServer, Step, finish, refused_url, token};
use patient_zero::agent::{Agent, FlagKind, TurnReport, Voice};
use patient_zero::case::{self, Case};
use patient_zero::llm::Settings;
use patient_zero::persona::Style;
use patient_zero::prompts::Prompts;
use patient_zero::verify::Label;
use std::path::Path;
use std::time::Duration;

fn figure5() -> Case {
    case::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/figure5-severe-acute-pancreatitis.yaml"),
        None,
    )
    .unwrap()
}

fn voice(url: &str) -> Voice {
    Voice::Llm {
        settings: Settings {
            base_url: url.to_string(),
            model: "test-model".into(),
            connect_timeout: Duration::from_millis(300),
            first_token_timeout: Duration::from_millis(400),
            total_timeout: Duration::from_secs(4),
            retries: 2,
            backoff: Duration::from_millis(10),
            ..Settings::default()
        },
        prompts: Prompts::built_in(),
        seed: 1,
    }
}

/// An agent speaking through the server at `url`; with the model as judge when `judged`.
fn agent(url: &str, judged: bool) -> Agent<Box<dyn patient_zero::agent::Responder + Send>> {
    let v = voice(url);
    let mut a = Agent::new(figure5(), v.responder(Style::Plain).unwrap());
    if judged {
        a.judge = v.judge().unwrap();
    }
    a
}

fn said(text: &str) -> Step {
    Step::sse(&[token(text), finish()], Duration::ZERO)
}

/// No shown reply contradicts the record, by the agent's verdicts and by a fresh check.
fn consistent(a: &Agent<Box<dyn patient_zero::agent::Responder + Send>>, t: &TurnReport) {
    assert!(!t.reply.trim().is_empty());
    assert!(
        t.verdicts.iter().all(|v| v.label != Label::Contradict),
        "{t:?}"
    );
    let fresh = a.recheck(t).verdicts;
    assert!(
        fresh.iter().all(|v| v.label != Label::Contradict),
        "{fresh:?}"
    );
}

fn kinds(t: &TurnReport) -> Vec<FlagKind> {
    t.flags.iter().map(|f| f.kind).collect()
}

#[test]
fn a_verified_model_reply_is_shown_as_it_came() {
    let server = FaultServer::start(vec![said("Patient: I've never smoked.")]);
    let mut a = agent(&server.url(), false);
    let t = a.ask("Do you smoke?");
    consistent(&a, &t);
    assert_eq!(t.reply, "I've never smoked.");
    assert!(
        t.verdicts
            .iter()
            .any(|v| v.label == Label::Entail && v.fact_id.as_deref() == Some("F052"))
    );
    assert_eq!((t.attempts, a.calls.responses), (1, 1));
    // The prompt carries the style, the facts relevant to the question and who the patient is, not the whole record.
    let body = server.requests()[0].json();
    let system = body["messages"][0]["content"].as_str().unwrap().to_string();
    assert!(
        system.contains("Linda Harper") && system.contains("never smoker"),
        "{system}"
    );
    assert!(
        !system.contains("lipase"),
        "the patient does not know her lipase: {system}"
    );
    assert!(
        !system.contains("amlodipine"),
        "medicines are not what was asked: {system}"
    );
    assert_eq!(body["model"], "test-model");
}

#[test]
fn a_contradiction_is_regenerated_with_feedback_naming_the_fact() {
    let server = FaultServer::start(vec![
        said("I smoke a pack a day."),
        said("No, I've never smoked."),
    ]);
    let mut a = agent(&server.url(), false);
    let t = a.ask("Do you smoke?");
    consistent(&a, &t);
    assert_eq!(t.reply, "No, I've never smoked.");
    assert_eq!(t.attempts, 2);
    assert_eq!(kinds(&t), vec![FlagKind::Contradiction]);
    let second = server.requests()[1].json();
    let system = second["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        system.contains("rejected because it contradicted"),
        "{system}"
    );
    assert!(system.contains("- She is a never smoker"), "{system}");
}

#[test]
fn a_model_that_keeps_contradicting_ends_in_the_fact_only_reply_flagged() {
    let server = FaultServer::start(vec![said("I smoke a pack a day.")]);
    let mut a = agent(&server.url(), false);
    let t = a.ask("Do you smoke?");
    consistent(&a, &t);
    assert_eq!(
        t.attempts, 4,
        "three model candidates, then the fact-only reply"
    );
    assert!(t.reply.contains("never smoked"), "{}", t.reply);
    assert!(kinds(&t).contains(&FlagKind::Fallback));
    assert_eq!(server.count(), 3);
}

#[test]
fn every_fault_ends_in_a_verified_reply_by_retry_or_flagged_fallback() {
    let slow: Vec<String> = "I have never smoked at all ."
        .split(' ')
        .map(|w| token(&format!("{w} ")))
        .chain([finish()])
        .collect();
    let huge = format!(
        "I've never smoked. {}",
        "And so on and so forth. ".repeat(4_300)
    );
    let cut = Step::Raw(vec![
        (Duration::ZERO, fault_server::sse_head().into_bytes()),
        (Duration::ZERO, token("I have ").into_bytes()),
    ]);
    let cases: Vec<(&str, Vec<Step>, bool)> = vec![
        // (what, script, answered by the model in the end)
        (
            "500 always",
            vec![Step::json(500, "{\"error\": \"boom\"}")],
            false,
        ),
        (
            "429 with Retry-After, then fine",
            vec![
                Step::json(429, "{}").with_header("Retry-After", "0"),
                said("I've never smoked."),
            ],
            true,
        ),
        (
            "500 then fine",
            vec![Step::json(503, "{}"), said("I've never smoked.")],
            true,
        ),
        ("a hang past the timeout", vec![Step::Hang], false),
        ("a stream cut mid-reply", vec![cut], false),
        (
            "invalid JSON in the stream",
            vec![Step::sse(
                &["data: {not json\n\n".to_string()],
                Duration::ZERO,
            )],
            false,
        ),
        (
            "an empty choices list",
            vec![Step::sse(
                &[
                    "data: {\"choices\": []}\n\n".to_string(),
                    "data: [DONE]\n\n".to_string(),
                ],
                Duration::ZERO,
            )],
            false,
        ),
        ("a reply of 100 KB", vec![said(&huge)], true),
        (
            "very slow tokens",
            vec![Step::sse(&slow, Duration::from_millis(40))],
            true,
        ),
    ];
    for (what, script, by_model) in cases {
        let server = FaultServer::start(script);
        let mut a = agent(&server.url(), false);
        let t = a.ask("Do you smoke?");
        consistent(&a, &t);
        assert!(t.reply.contains("never smoked"), "{what}: {}", t.reply);
        let flagged = kinds(&t).contains(&FlagKind::BackendError);
        assert_eq!(flagged, !by_model, "{what}: {:?}", t.flags);
        assert!(
            t.reply.len() < 200,
            "{what}: a long reply is cut to what a patient says"
        );
    }
    // Nothing listening at all.
    let mut a = agent(&refused_url(), false);
    let t = a.ask("Do you smoke?");
    consistent(&a, &t);
    let flag = t
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::BackendError)
        .expect("flagged");
    assert!(flag.detail.contains("connect"), "{}", flag.detail);
}

#[test]
fn the_judge_settles_what_the_rules_cannot_and_junk_settles_nothing() {
    let reply = "I've never smoked. My sister keeps bees in the garden.";
    // Junk from the judge: flagged, and the sentence it was asked about is not remembered.
    let server = FaultServer::start(vec![
        said(reply),
        Step::completion("Sure! Looks fine to me."),
    ]);
    let mut a = agent(&server.url(), true);
    // A developer's setting: what could not be settled is shown, flagged.
    a.show_unsettled = true;
    let t = a.ask("Do you smoke?");
    consistent(&a, &t);
    assert_eq!(t.reply, reply);
    assert!(kinds(&t).contains(&FlagKind::JudgeError), "{:?}", t.flags);
    assert!(
        t.added_facts.iter().all(|f| !f.text.contains("bees")),
        "{:?}",
        t.added_facts
    );
    assert_eq!((a.calls.responses, a.calls.judge), (1, 1));
    // By default a sentence the judge could not settle is not shown: the reply is regenerated.
    let server = FaultServer::start(vec![
        said(reply),
        Step::completion("Sure! Looks fine to me."),
        said("I've never smoked."),
    ]);
    let mut a = agent(&server.url(), true);
    let t = a.ask("Do you smoke?");
    consistent(&a, &t);
    assert_eq!(t.reply, "I've never smoked.");
    assert_eq!(t.attempts, 2, "{:?}", t.flags);
    assert!(kinds(&t).contains(&FlagKind::Unsettled), "{:?}", t.flags);
    // A judge that finds a contradiction the rules missed: the candidate is rejected and regenerated.
    let occupation = a
        .memory
        .semantic
        .iter()
        .find(|f| f.text.contains("accounts clerk"))
        .unwrap()
        .id
        .clone();
    let server = FaultServer::start(vec![
        said("I fly planes for a living."),
        Step::completion(&format!(
            "{{\"verdicts\": [{{\"item\": 1, \"label\": \"contradict\", \"fact\": \"{occupation}\"}}]}}"
        )),
        said("My sister keeps bees in the garden."),
        Step::completion("{\"verdicts\": [{\"item\": 1, \"label\": \"neutral\", \"fact\": null}]}"),
    ]);
    let mut a = agent(&server.url(), true);
    let t = a.ask("What do you do for a living?");
    consistent(&a, &t);
    assert_eq!(t.attempts, 2, "{:?}", t.flags);
    let rejected = t
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::Contradiction)
        .expect("rejected");
    assert_eq!(rejected.fact_id.as_deref(), Some(occupation.as_str()));
    // Judged new and consistent, the sentence becomes an episodic fact.
    assert!(
        t.added_facts.iter().any(|f| f.text.contains("bees")),
        "{:?}",
        t.added_facts
    );
    assert_eq!(server.count(), 4, "one judge call per candidate");
}

#[test]
fn a_turn_waiting_on_the_model_can_be_cancelled() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let server = FaultServer::start(vec![Step::Hang]);
    let v = Voice::Llm {
        settings: Settings {
            base_url: server.url(),
            model: "m".into(),
            first_token_timeout: Duration::from_secs(20),
            ..Settings::default()
        },
        prompts: Prompts::built_in(),
        seed: 1,
    };
    let mut a = Agent::new(figure5(), v.responder(Style::Plain).unwrap());
    let cancel = Arc::new(AtomicBool::new(false));
    a.responder.set_cancel(cancel.clone());
    let flag = cancel.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        flag.store(true, Ordering::SeqCst);
    });
    let started = std::time::Instant::now();
    let turn = a.ask_with("Do you smoke?", &mut |_| !cancel.load(Ordering::SeqCst));
    assert!(turn.is_none(), "the turn stops");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!((a.turn, a.memory.episodic.len()), (0, 0));
}

#[test]
fn the_api_key_never_reaches_the_session_log_the_log_file_or_the_screen() {
    let key = "sk-test-7f3a9c1e5b";
    let var = "PZ_TEST_KEY_FOR_LEAK_CHECK";
    // The server echoes the request's headers, Authorization included, in its error pages.
    let server = FaultServer::start(vec![Step::Echo { status: 500 }]);
    let home = tempfile::tempdir().unwrap();
    let session = home.path().join("s.jsonl");
    let questions = home.path().join("q.yaml");
    std::fs::write(&questions, "- Do you smoke?\n- Any allergies?\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_patient-zero"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env(var, key)
        .args([
            "interview",
            "figure5-severe-acute-pancreatitis",
            "--json",
            "--backend",
            "llm",
        ])
        .args([
            "--endpoint",
            &server.url(),
            "--model",
            "m",
            "--api-key-env",
            var,
        ])
        .arg("--questions")
        .arg(&questions)
        .arg("--session")
        .arg(&session)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(server.count() >= 2);
    let sent = server.requests()[0]
        .header("authorization")
        .map(str::to_string);
    assert_eq!(
        sent.as_deref(),
        Some(format!("Bearer {key}").as_str()),
        "the key is sent to the server"
    );
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let log = std::fs::read_to_string(&session).unwrap();
    let mut logs = String::new();
    for e in std::fs::read_dir(home.path().join("data/patient-zero/logs"))
        .into_iter()
        .flatten()
        .flatten()
    {
        logs.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
    }
    assert!(
        stdout.contains("backend_error"),
        "the failure is flagged: {stdout}"
    );
    assert!(
        logs.contains("chat/completions") || logs.contains("status"),
        "the log file says what happened: {logs}"
    );
    for (what, text) in [
        ("stdout", &stdout),
        ("stderr", &stderr),
        ("session log", &log),
        ("log file", &logs),
    ] {
        assert!(!text.contains(key), "the key is in the {what}");
    }
}

#[test]
fn an_entail_resting_on_a_fact_about_something_else_vouches_for_nothing() {
    let reply = "I've never smoked. My sister keeps bees in the garden.";
    let server = FaultServer::start(vec![said(reply)]);
    let a = agent(&server.url(), false);
    let gallstones = a
        .memory
        .semantic
        .iter()
        .find(|f| f.known && f.text.contains("gallstones"))
        .expect("a gallstones fact")
        .id
        .clone();
    let server = FaultServer::start(vec![
        said(reply),
        Step::completion(&format!(
            "{{\"verdicts\": [{{\"item\": 1, \"label\": \"entail\", \"fact\": \"{gallstones}\"}}]}}"
        )),
        said("I've never smoked."),
    ]);
    let mut a = agent(&server.url(), true);
    let t = a.ask("Do you smoke?");
    consistent(&a, &t);
    assert_eq!(t.reply, "I've never smoked.", "{:?}", t.flags);
    assert!(kinds(&t).contains(&FlagKind::Unsettled), "{:?}", t.flags);
}

#[test]
fn the_judge_sees_every_known_fact_and_what_it_leaves_is_flagged() {
    // An empty answer settles nothing: flagged, and the sentence is not remembered.
    let reply = "I've never smoked. My sister keeps bees in the garden.";
    let server = FaultServer::start(vec![said(reply), Step::completion("{\"verdicts\": []}")]);
    let mut a = agent(&server.url(), true);
    let t = a.ask("Do you smoke?");
    consistent(&a, &t);
    let flag = t
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::JudgeError)
        .expect("flagged");
    assert!(flag.detail.contains("settled 0 of"), "{}", flag.detail);
    assert!(t.added_facts.iter().all(|f| !f.text.contains("bees")));
    // The judge was shown every fact the patient knows (the gallstones, though smoking was asked), and none she does not.
    let judged = server.requests()[1].json();
    let prompt = judged["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(prompt.contains("gallstones"), "{prompt}");
    assert!(!prompt.contains("lipase"), "{prompt}");
    // It was asked for JSON in a schema: one verdict for the one sentence no rule read.
    let format = &judged["response_format"];
    assert_eq!(format["type"], "json_schema", "{format}");
    let slots = format["json_schema"]["schema"]["properties"]["verdicts"]["prefixItems"]
        .as_array()
        .expect("one slot per item");
    assert_eq!(slots.len(), 1);
    assert!(prompt.contains("1. My sister keeps bees") && !prompt.contains("\n2. "));
    // A sentence about what only the examiner knows is not remembered, even judged neutral.
    let server = FaultServer::start(vec![
        said("I was told my lipase was normal last week."),
        Step::completion("{\"verdicts\": [{\"item\": 1, \"label\": \"neutral\", \"fact\": null}]}"),
    ]);
    let mut a = agent(&server.url(), true);
    let t = a.ask("Have you had any tests?");
    assert!(
        t.added_facts.iter().all(|f| !f.text.contains("lipase")),
        "{:?}",
        t.added_facts
    );
}

#[test]
fn a_turn_waiting_on_the_judge_can_be_cancelled_too() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let server = FaultServer::start(vec![
        said("I've never smoked. My sister keeps bees in the garden."),
        Step::Hang,
    ]);
    let mut settings = match voice(&server.url()) {
        Voice::Llm { settings, .. } => settings,
        Voice::Offline { .. } => unreachable!(),
    };
    settings.first_token_timeout = Duration::from_secs(20);
    settings.total_timeout = Duration::from_secs(30);
    let v = Voice::Llm {
        settings,
        prompts: Prompts::built_in(),
        seed: 1,
    };
    let mut a = Agent::new(figure5(), v.responder(Style::Plain).unwrap());
    a.judge = v.judge().unwrap();
    let cancel = Arc::new(AtomicBool::new(false));
    a.responder.set_cancel(cancel.clone());
    if let Some(j) = a.judge.as_mut() {
        j.set_cancel(cancel.clone());
    }
    let flag = cancel.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        flag.store(true, Ordering::SeqCst);
    });
    let started = std::time::Instant::now();
    let turn = a.ask_with("Do you smoke?", &mut |_| !cancel.load(Ordering::SeqCst));
    assert!(turn.is_none());
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.count(), 2, "the judge's call was under way");
}
