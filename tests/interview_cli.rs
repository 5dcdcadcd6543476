//! `patient-zero interview` and `check` as a user runs them: the JSON
//! contracts, sessions and resume, and bad input.

use std::path::{Path, PathBuf};
#[path = "support/cli.rs"]
mod cli;
use cli::run;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const CASE: &str = "cases/figure5-severe-acute-pancreatitis.yaml";

#[test]
fn interview_json_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let q = write(
        dir.path(),
        "q.yaml",
        "questions:\n  - What brings you in today?\n  - Have you had any nosebleeds?\n  - Do you smoke?\n",
    );
    let out = run(&[
        "interview",
        CASE,
        "--questions",
        q.to_str().unwrap(),
        "--style",
        "pleasing",
        "--json",
        "--no-session",
        "--chaos",
        "1",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON document on stdout");
    assert_eq!(doc["case"], "figure5-severe-acute-pancreatitis");
    assert_eq!(doc["style"], "pleasing");
    let turns = doc["turns"].as_array().unwrap();
    assert_eq!(turns.len(), 3);
    for t in turns {
        for field in [
            "question",
            "reply",
            "attempts",
            "verdicts",
            "added_facts",
            "flags",
            "latency_ms",
        ] {
            assert!(t.get(field).is_some(), "turn without {field}: {t}");
        }
        for v in t["verdicts"].as_array().unwrap() {
            assert!(v.get("claim").is_some() && v.get("fact_id").is_some());
            assert!(
                ["entail", "neutral"].contains(&v["label"].as_str().unwrap()),
                "shown reply with {v}"
            );
        }
        for f in t["flags"].as_array().unwrap() {
            assert!(f.get("kind").is_some() && f.get("detail").is_some());
        }
    }
    // With --chaos 1 every styled candidate is corrupted, so the rejections are in the flags.
    let attempts: u64 = turns.iter().map(|t| t["attempts"].as_u64().unwrap()).sum();
    assert!(attempts > 3, "attempts {attempts}");
    assert!(turns.iter().any(|t| {
        t["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "contradiction")
    }));
    let added = &turns[1]["added_facts"];
    assert_eq!(added.as_array().unwrap().len(), 1, "{added}");
    assert!(
        added[0]["id"].as_str().unwrap().starts_with('E')
            && added[0]["text"].as_str().unwrap().contains("nosebleeds")
    );
}

#[test]
fn check_json_labels_each_claim() {
    let out = run(&[
        "check",
        CASE,
        "--reply",
        "I've never smoked. The tummy pain started a week ago. No, I haven't had a cough.",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let labels: Vec<(&str, &str)> = doc["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["claim"].as_str().unwrap(), v["label"].as_str().unwrap()))
        .collect();
    assert!(labels.contains(&("smoking: never", "entail")), "{labels:?}");
    assert!(
        labels
            .iter()
            .any(|(c, l)| c.starts_with("onset(abdominal pain)") && *l == "contradict"),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|(c, l)| c.starts_with("symptom(cough)") && *l == "neutral"),
        "{labels:?}"
    );
    assert_eq!(doc["claims"].as_array().unwrap().len(), labels.len());
}

#[test]
fn a_session_is_logged_and_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("s.jsonl");
    let q1 = write(
        dir.path(),
        "q1.yaml",
        "- Have you had any nosebleeds?\n- How are you sleeping?\n",
    );
    let out = run(&[
        "interview",
        CASE,
        "-q",
        q1.to_str().unwrap(),
        "--session",
        log.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&log).unwrap();
    let events: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(events.iter().any(|e| e["event"] == "fact_added"));
    assert_eq!(events.iter().filter(|e| e["event"] == "reply").count(), 2);

    // A second interview resumes the first one's episodic facts and does not add them again.
    let q2 = write(dir.path(), "q2.yaml", "- Any nosebleeds?\n");
    let out = run(&[
        "interview",
        CASE,
        "-q",
        q2.to_str().unwrap(),
        "--resume",
        log.to_str().unwrap(),
        "--json",
        "--no-session",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let turn = &doc["turns"][0];
    assert_eq!(turn["added_facts"].as_array().unwrap().len(), 0, "{turn}");
    assert!(
        turn["verdicts"]
            .as_array()
            .unwrap()
            .iter()
            .any(
                |v| v["fact_id"].as_str().is_some_and(|id| id.starts_with('E'))
                    && v["label"] == "entail"
            ),
        "{turn}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("resumed 2 facts"));
}

fn fails_with(args: &[&str], words: &[&str]) {
    let out = run(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} succeeded");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for w in words {
        assert!(stderr.contains(w), "{args:?}: no `{w}` in {stderr}");
    }
}

#[test]
fn bad_input_gives_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
    write(dir.path(), "empty.yaml", "");
    write(dir.path(), "none.yaml", "questions: []\n");
    write(dir.path(), "bad.yaml", "questions: [unclosed\n");
    write(dir.path(), "map.yaml", "asks:\n  - hello\n");
    write(dir.path(), "ok.yaml", "- hello\n");
    write(dir.path(), "number.yaml", "- Do you smoke?\n- 42\n");
    let other_log = write(
        dir.path(),
        "other.jsonl",
        "{\"case\":\"someone-else\",\"event\":\"question\",\"turn\":1,\"text\":\"hi\"}\n",
    );
    fails_with(
        &["interview", CASE, "-q", &d("missing.yaml")],
        &["missing.yaml:1:1:", "no such file"],
    );
    fails_with(
        &["interview", CASE, "-q", &d("empty.yaml")],
        &["empty.yaml:1:1:", "empty"],
    );
    fails_with(
        &["interview", CASE, "-q", &d("none.yaml")],
        &["none.yaml:1:1:", "no questions"],
    );
    fails_with(&["interview", CASE, "-q", &d("bad.yaml")], &["bad.yaml:"]);
    fails_with(
        &["interview", CASE, "-q", &d("map.yaml")],
        &["map.yaml:2:3:", "asks: unknown key"],
    );
    fails_with(
        &["interview", CASE, "-q", &d("number.yaml")],
        &["number.yaml:2:3:", "[1]", "must be text"],
    );
    fails_with(
        &[
            "interview",
            CASE,
            "-q",
            &d("ok.yaml"),
            "--resume",
            other_log.to_str().unwrap(),
        ],
        &["no events of case", "someone-else"],
    );
    fails_with(
        &["interview", CASE, "-q", &d("ok.yaml"), "--style", "grumpy"],
        &["grumpy", "plain", "pleasing"],
    );
    fails_with(
        &["interview", CASE, "-q", &d("ok.yaml"), "--chaos", "1.5"],
        &["probability"],
    );
    fails_with(
        &["interview", "no-such-case", "-q", &d("ok.yaml")],
        &["no case `no-such-case`", "patient-zero list"],
    );
    let broken = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(CASE))
        .unwrap()
        .replace("  age: 47\n", "  age: 470\n");
    let bad_case = write(
        dir.path(),
        "figure5-severe-acute-pancreatitis.yaml",
        &broken,
    );
    fails_with(
        &["interview", bad_case.to_str().unwrap(), "-q", &d("ok.yaml")],
        &["does not validate", "patient.age"],
    );
    fails_with(
        &["check", bad_case.to_str().unwrap(), "--reply", "hello"],
        &["patient.age"],
    );
    fails_with(
        &[
            "interview",
            CASE,
            "-q",
            &d("ok.yaml"),
            "--resume",
            &d("ok.yaml"),
        ],
        &["ok.yaml:1:1:", "not a session event"],
    );
}

#[test]
fn awkward_questions_are_answered_in_character() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Tell me more about the pain please ".repeat(3000);
    let text = format!(
        "- {:?}\n- \"\\u0007\\u0000 control characters\"\n- \"🙂🙂 emoji?\"\n- \"\\u202Eright-to-left \\u05E9\\u05DC\\u05D5\\u05DD\"\n- \"\"\n",
        long
    );
    let q = write(dir.path(), "q.yaml", &text);
    let out = run(&[
        "interview",
        CASE,
        "-q",
        q.to_str().unwrap(),
        "--json",
        "--no-session",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let turns = doc["turns"].as_array().unwrap();
    assert_eq!(turns.len(), 5);
    assert!(turns[0]["question"].as_str().unwrap().len() > 100_000);
    for t in &turns[1..] {
        let reply = t["reply"].as_str().unwrap();
        assert!(
            reply.contains("Could you ask me")
                || reply.contains("not sure")
                || reply.contains("Sorry"),
            "{reply}"
        );
    }
}

#[test]
fn a_saved_session_exports_as_markdown_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("s.jsonl");
    let q = write(
        dir.path(),
        "q.yaml",
        "- Do you smoke?\n- Have you had any nosebleeds?\n",
    );
    let out = run(&[
        "interview",
        CASE,
        "-q",
        q.to_str().unwrap(),
        "--session",
        log.to_str().unwrap(),
        "--chaos",
        "1",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = run(&["export", log.to_str().unwrap()]);
    assert!(
        md.status.success(),
        "{}",
        String::from_utf8_lossy(&md.stderr)
    );
    let md = String::from_utf8_lossy(&md.stdout).to_string();
    assert!(
        md.starts_with("# Interview with Linda Harper (figure5-severe-acute-pancreatitis)"),
        "{md}"
    );
    assert!(
        md.contains("**Student (turn 2):** Have you had any nosebleeds?"),
        "{md}"
    );
    assert!(md.contains("- Diagnosis: Acute pancreatitis"), "{md}");
    assert!(
        md.contains("contradiction: rejected"),
        "the chaos flags are listed: {md}"
    );
    assert!(md.contains("fact added: E001"), "{md}");
    let file = dir.path().join("s.json");
    let json = run(&[
        "export",
        log.to_str().unwrap(),
        "--format",
        "json",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(doc["turns"].as_array().unwrap().len(), 2);
    assert_eq!(doc["case"], "figure5-severe-acute-pancreatitis");
    assert!(doc["debrief"]["contradictions_caught"].as_u64().unwrap() >= 1);
    assert!(doc["debrief"]["facts_added"].as_u64().unwrap() >= 1);
    // Bad input: a session as FHIR, and a log whose case cannot be found.
    fails_with(
        &["export", log.to_str().unwrap(), "--format", "fhir"],
        &["a session log has no FHIR export"],
    );
    let stray = write(
        dir.path(),
        "stray.jsonl",
        &std::fs::read_to_string(&log)
            .unwrap()
            .replace("figure5-severe-acute-pancreatitis", "no-such-case"),
    );
    fails_with(&["export", stray.to_str().unwrap()], &["--case FILE"]);
}
