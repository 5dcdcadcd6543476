//! `generate --llm` as a user runs it, against an in-process server that
//! answers from a script: the model's words are kept only when the skeleton
//! agrees with them, a contradiction is regenerated, a broken server costs
//! the wording and never the record, and a re-run asks for nothing twice.

// Shared by several test files; this one uses part of it.
#[path = "support/fault_server.rs"]
#[allow(dead_code)]
mod fault_server;

use fault_server::{FaultServer, Step};
use patient_zero::case::{self, Case};
use patient_zero::generate::llm_writer::{self, Rejection};
use patient_zero::generate::{Request, Sampling};
use patient_zero::knowledge::KnowledgeBase;
use patient_zero::memory::Memory;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

const DISEASE: &str = "acute_appendicitis";
const GOOD: &str = "My tummy has been hurting and I feel awful.";
const BAD: &str = "I've had pain in my tummy for 10 years.";

/// A home of its own for each run, so a developer's config.yaml cannot
/// change what the test sees; `config` is written as its config.yaml.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new(config: &str) -> Home {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("config/patient-zero");
        std::fs::create_dir_all(&conf).unwrap();
        if !config.is_empty() {
            std::fs::write(conf.join("config.yaml"), config).unwrap();
        }
        Home { dir }
    }

    fn out(&self) -> std::path::PathBuf {
        self.dir.path().join("cases")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_patient-zero"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .output()
            .unwrap()
    }

    /// `generate --llm` of `n` appendicitis records on `endpoints`.
    fn generate(&self, n: u32, endpoints: &[&FaultServer], extra: &[&str]) -> Output {
        let out = self.out();
        let n = n.to_string();
        let mut args = vec![
            "generate",
            "--llm",
            "--disease",
            DISEASE,
            "-n",
            &n,
            "--model",
            "m",
            "--out",
            out.to_str().unwrap(),
        ];
        let urls: Vec<String> = endpoints.iter().map(|s| s.url()).collect();
        for url in &urls {
            args.extend(["--endpoint", url.as_str()]);
        }
        args.extend(extra);
        self.run(&args)
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The count on a summary line such as `  model calls          3`.
fn count(summary: &str, label: &str) -> u64 {
    let line = summary
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no `{label}` line in:\n{summary}"));
    line.trim_start()[label.len()..]
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number on `{line}`"))
}

fn kb() -> KnowledgeBase {
    KnowledgeBase::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/knowledge"))
        .unwrap()
}

/// The offline skeletons of records `0..n`, with their YAML text.
fn skeletons(n: u64) -> Vec<(Case, String)> {
    let kb = kb();
    let req = Request {
        kb: &kb,
        outlines: kb.select(None, Some(DISEASE)),
        seed: 1,
        sampling: Sampling::Balanced,
    };
    (0..n).map(|i| req.build(i).result.unwrap()).collect()
}

fn written(home: &Home, id: &str) -> (Case, String) {
    let path = home.out().join(format!("{id}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    (case::load(&path, None).unwrap(), text)
}

fn validates(dir: &Path) {
    let home = Home::new("");
    let out = home.run(&["validate", "-q", dir.to_str().unwrap()]);
    assert!(out.status.success(), "validate failed:\n{}", stderr(&out));
}

/// The premises the scripted answers rest on, read from the skeletons.
#[test]
fn the_scripted_wordings_mean_what_the_tests_say() {
    for (skeleton, _) in skeletons(3) {
        let memory = Memory::from_case(&skeleton);
        assert_eq!(skeleton.symptoms[0].name, "abdominal pain");
        assert_eq!(llm_writer::check_wording(GOOD, &skeleton, &memory), Ok(()));
        match llm_writer::check_wording(BAD, &skeleton, &memory) {
            Err(Rejection::Contradicts(c)) => assert!(c[0].key.contains("abdominal pain"), "{c:?}"),
            other => panic!("{BAD:?} is not refused as a contradiction: {other:?}"),
        }
        let named = format!("I think it's {}.", skeleton.disease.name.to_lowercase());
        assert_eq!(
            llm_writer::check_wording(&named, &skeleton, &memory),
            Err(Rejection::NamesDiagnosis)
        );
        let long = "My tummy hurts. ".repeat(30);
        assert!(matches!(
            llm_writer::check_wording(&long, &skeleton, &memory),
            Err(Rejection::TooLong { .. })
        ));
        assert_eq!(
            llm_writer::check_wording("", &skeleton, &memory),
            Err(Rejection::Empty)
        );
        assert!(matches!(
            llm_writer::check_wording("I feel awful.", &skeleton, &memory),
            Err(Rejection::MissesComplaint { .. })
        ));
    }
}

#[test]
fn the_models_wording_is_written_over_an_unchanged_skeleton() {
    let server = FaultServer::start(vec![Step::completion(GOOD)]);
    let home = Home::new("");
    let out = home.generate(3, &[&server], &[]);
    let summary = stderr(&out);
    assert!(out.status.success(), "{summary}");
    assert_eq!(count(&summary, "rewritten fields"), 3, "{summary}");
    assert_eq!(count(&summary, "model calls"), 3, "{summary}");
    assert_eq!(count(&summary, "kept template"), 0, "{summary}");
    for (skeleton, _) in skeletons(3) {
        let (mut case, _) = written(&home, &skeleton.id);
        assert_eq!(case.chief_complaint, GOOD);
        let by = case.provenance.as_ref().unwrap().generator.clone();
        assert!(by.ends_with("chief complaint worded by m"), "{by}");
        // Everything but the wording is the skeleton's.
        case.chief_complaint = skeleton.chief_complaint.clone();
        case.provenance = skeleton.provenance.clone();
        assert_eq!(case, skeleton);
    }
    validates(&home.out());
    for r in server.requests() {
        let body = r.json();
        assert_eq!(body["model"], "m");
        let prompt = body["messages"][0]["content"]
            .as_str()
            .unwrap()
            .to_lowercase();
        assert!(prompt.contains("abdominal pain"), "{prompt}");
        assert!(
            !prompt.contains("appendicitis"),
            "the prompt gives the diagnosis away: {prompt}"
        );
        assert!(!prompt.contains("{{"), "{prompt}");
    }
}

#[test]
fn a_contradiction_is_regenerated_with_the_fact_it_broke() {
    let server = FaultServer::start(vec![Step::completion(BAD), Step::completion(GOOD)]);
    let home = Home::new("");
    let out = home.generate(1, &[&server], &["--concurrency", "1"]);
    let summary = stderr(&out);
    assert!(out.status.success(), "{summary}");
    assert_eq!(count(&summary, "regenerations"), 1, "{summary}");
    assert!(summary.contains("contradicted 1"), "{summary}");
    assert_eq!(count(&summary, "rewritten fields"), 1, "{summary}");
    let (skeleton, _) = &skeletons(1)[0];
    assert_eq!(written(&home, &skeleton.id).0.chief_complaint, GOOD);
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    let retry = seen[1].json()["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(retry.contains(BAD), "{retry}");
    assert!(
        retry.contains("contradicts the record: The abdominal pain"),
        "{retry}"
    );
    let first = seen[0].json()["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!first.contains("refused"), "{first}");
}

#[test]
fn a_model_that_always_contradicts_leaves_the_template_wording() {
    let server = FaultServer::start(vec![Step::completion(BAD)]);
    let home = Home::new("");
    let out = home.generate(1, &[&server], &[]);
    let summary = stderr(&out);
    assert!(out.status.success(), "{summary}");
    assert_eq!(count(&summary, "kept template"), 1, "{summary}");
    assert_eq!(count(&summary, "rewritten fields"), 0, "{summary}");
    assert_eq!(count(&summary, "model calls"), 3, "{summary}");
    assert_eq!(count(&summary, "regenerations"), 2, "{summary}");
    let (skeleton, text) = &skeletons(1)[0];
    assert_eq!(
        &written(&home, &skeleton.id).1,
        text,
        "not the offline bytes"
    );
    validates(&home.out());
}

#[test]
fn a_failing_server_costs_the_wording_not_the_records() {
    let server = FaultServer::start(vec![Step::json(500, "{\"error\": \"boom\"}")]);
    let home = Home::new("llm:\n  retries: 1\n");
    let out = home.generate(3, &[&server], &[]);
    let summary = stderr(&out);
    assert!(out.status.success(), "{summary}");
    assert_eq!(count(&summary, "model failed"), 3, "{summary}");
    assert!(summary.contains("HTTP 500"), "{summary}");
    assert_eq!(count(&summary, "rewritten fields"), 0, "{summary}");
    // One call per record, each tried twice by the client (retries: 1).
    assert_eq!(server.count(), 6);
    for (skeleton, text) in skeletons(3) {
        assert_eq!(written(&home, &skeleton.id).1, text);
    }
    validates(&home.out());
}

#[test]
fn a_rerun_skips_valid_records_and_redoes_broken_ones() {
    let server = FaultServer::start(vec![Step::completion(GOOD)]);
    let home = Home::new("");
    assert!(home.generate(3, &[&server], &[]).status.success());
    let again = FaultServer::start(vec![Step::completion(GOOD)]);
    let out = home.generate(3, &[&again], &[]);
    let summary = stderr(&out);
    assert!(out.status.success(), "{summary}");
    assert!(summary.contains("skipped 3 already written"), "{summary}");
    assert_eq!(count(&summary, "model calls"), 0, "{summary}");
    assert_eq!(again.count(), 0);
    // A record that no longer validates is made again.
    let id = &skeletons(2)[1].0.id;
    std::fs::write(home.out().join(format!("{id}.yaml")), "schema: 1\n").unwrap();
    let out = home.generate(3, &[&again], &[]);
    let summary = stderr(&out);
    assert!(summary.contains("wrote 1 record to"), "{summary}");
    assert!(summary.contains("skipped 2 already written"), "{summary}");
    assert_eq!(again.count(), 1);
    assert_eq!(written(&home, id).0.chief_complaint, GOOD);
}

/// A completion sent after a pause, so that no one worker can take every record.
fn slow(text: &str) -> Step {
    let body = serde_json::json!({
        "choices": [{"index": 0, "finish_reason": "stop",
            "message": {"role": "assistant", "content": text}}],
    })
    .to_string();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    Step::Raw(vec![(
        Duration::from_millis(60),
        format!("{head}{body}").into_bytes(),
    )])
}

#[test]
fn several_endpoints_share_the_work() {
    let a = FaultServer::start(vec![slow(GOOD)]);
    let b = FaultServer::start(vec![slow(GOOD)]);
    let home = Home::new("");
    let out = home.generate(6, &[&a, &b], &["--concurrency", "2"]);
    let summary = stderr(&out);
    assert!(out.status.success(), "{summary}");
    assert!(summary.contains("2 endpoints, 2 in flight"), "{summary}");
    assert!(
        a.count() > 0 && b.count() > 0,
        "{} and {}",
        a.count(),
        b.count()
    );
    assert_eq!(a.count() + b.count(), 6);
    assert_eq!(count(&summary, "rewritten fields"), 6, "{summary}");
}

#[test]
fn a_missing_model_or_server_is_an_error_before_any_work() {
    let server = FaultServer::start(vec![Step::completion(GOOD)]);
    let home = Home::new("");
    let dir = home.out();
    let x = dir.to_str().unwrap();
    let out = home.run(&["generate", "--llm", "--endpoint", &server.url(), "--out", x]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--model"), "{}", stderr(&out));
    let out = home.run(&["generate", "--llm", "--model", "m", "--out", x]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--endpoint"), "{}", stderr(&out));
    let out = home.run(&[
        "generate",
        "--llm",
        "--model",
        "m",
        "--endpoint",
        "not a url",
        "--out",
        x,
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("bad LLM base URL"),
        "{}",
        stderr(&out)
    );
    let out = home.run(&[
        "generate",
        "--model",
        "m",
        "--endpoint",
        &server.url(),
        "--out",
        x,
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("add --llm"), "{}", stderr(&out));
    assert_eq!(server.count(), 0);
    assert!(!dir.exists(), "work began before the settings were checked");
}
