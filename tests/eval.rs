//! `eval generate` and `eval dialogue` as a user runs them: JSON that holds
//! the measurements, the table, and clear refusals of bad input.

use serde_json::Value;
#[path = "support/cli.rs"]
mod cli;
use cli::{root, run};

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn f(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("no number {key} in {v}"))
}

#[test]
fn eval_generate_reports_accuracy_and_diversity_per_department() {
    let r = json(&["eval", "generate", "-n", "240", "--seed", "4", "--json"]);
    assert_eq!(r["n"], 240);
    let depts = r["departments"].as_array().unwrap();
    assert_eq!(depts.len(), 6);
    let mut records = 0;
    for row in depts.iter().chain(std::iter::once(&r["overall"])) {
        assert_eq!(f(row, "accuracy"), 1.0, "{row}");
        for m in ["bleu4", "rouge_l", "tfidf_cosine"] {
            let x = f(row, m);
            // Different patients never read the same, nor share nothing.
            assert!(x > 0.0 && x < 0.9, "{m} = {x} in {row}");
        }
        assert!(row["pairs"].as_u64().unwrap() > 0);
        let s = &row["symptoms"];
        assert!(s["distinct"].as_u64().unwrap() <= s["mentioned"].as_u64().unwrap());
    }
    for d in depts {
        records += d["records"].as_u64().unwrap();
    }
    assert_eq!(records, 240);
    // Records of one department resemble each other more than records at large.
    let overall = f(&r["overall"], "tfidf_cosine");
    let mean_dept: f64 = depts.iter().map(|d| f(d, "tfidf_cosine")).sum::<f64>() / 6.0;
    assert!(
        overall < mean_dept,
        "overall {overall}, departments {mean_dept}"
    );

    let again = json(&["eval", "generate", "-n", "240", "--seed", "4", "--json"]);
    assert_eq!(r, again, "the same seed measured differently");
}

#[test]
fn eval_generate_prints_a_table_and_refuses_too_few_records() {
    let out = run(&["eval", "generate", "-n", "60"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("BLEU-4") && text.contains("overall"),
        "{text}"
    );
    let few = run(&["eval", "generate", "-n", "1"]);
    assert!(!few.status.success());
    assert!(String::from_utf8_lossy(&few.stderr).contains("at least 2"));
}

#[test]
fn eval_dialogue_runs_every_case_in_every_style() {
    let dir = tempfile::tempdir().unwrap();
    for id in ["acute-appendicitis-s2026-00000", "sciatica-s2026-00009"] {
        std::fs::copy(
            root().join(format!("cases/{id}.yaml")),
            dir.path().join(format!("{id}.yaml")),
        )
        .unwrap();
    }
    let cases = dir.path().to_str().unwrap();
    let r = json(&["eval", "dialogue", "--cases", cases, "--json"]);
    assert_eq!(r["cases"], 2);
    assert_eq!(r["questions"], 13);
    let styles = r["styles"].as_array().unwrap();
    assert_eq!(styles.len(), 6);
    for s in styles {
        // 2 cases x 13 questions per protocol.
        for p in ["single", "cross_with_memory", "cross_without_memory"] {
            assert_eq!(s[p]["replies"], 26, "{s}");
            assert_eq!(f(&s[p], "rate"), 1.0, "{p}: {s}");
            // Every reply has a sentence; the unread ones are counted among them.
            let (sentences, unread) = (f(&s[p], "sentences"), f(&s[p], "unread"));
            assert!(sentences >= 26.0 && unread <= sentences, "{p}: {s}");
            assert!((f(&s[p], "unread_share") - unread / sentences).abs() < 1e-9);
        }
        assert!(f(s, "words_per_reply") > 3.0);
    }
    let words = |name: &str| {
        styles
            .iter()
            .find(|s| s["style"] == name)
            .map(|s| f(s, "words_per_reply"))
            .unwrap()
    };
    assert!(words("verbose") > 1.5 * words("plain"));
    assert!(words("reserved") < words("plain"));
    let tangent = styles.iter().find(|s| s["style"] == "tangent").unwrap();
    assert!(f(tangent, "digression_rate") > 0.2, "{tangent}");
    let upset = styles.iter().find(|s| s["style"] == "upset").unwrap();
    assert_eq!(f(upset, "marker_rate"), 1.0);

    let other = tempfile::tempdir().unwrap();
    let q = other.path().join("q.yaml");
    std::fs::write(&q, "- Do you smoke?\n- Any allergies?\n").unwrap();
    let short = json(&[
        "eval",
        "dialogue",
        "--cases",
        cases,
        "--questions",
        q.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(short["questions"], 2);
    assert_eq!(short["styles"][0]["single"]["replies"], 4);
    assert_eq!(short["backend"], "offline");
    let two = json(&[
        "eval",
        "dialogue",
        "--cases",
        cases,
        "--questions",
        q.to_str().unwrap(),
        "--styles",
        "upset,reserved",
        "--json",
    ]);
    let names: Vec<&str> = two["styles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["style"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["upset", "reserved"]);
    let bad = run(&["eval", "dialogue", "--cases", cases, "--styles", "grumpy"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("grumpy"));
}

#[test]
fn eval_dialogue_names_a_bad_question_file_and_an_empty_case_directory() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q.yaml");
    std::fs::write(&q, "questions:\n  - 12\n").unwrap();
    let out = run(&["eval", "dialogue", "--questions", q.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("q.yaml:2:") && err.contains("must be text"),
        "{err}"
    );

    let empty = tempfile::tempdir().unwrap();
    let out = run(&[
        "eval",
        "dialogue",
        "--cases",
        empty.path().to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no case files"));
}
