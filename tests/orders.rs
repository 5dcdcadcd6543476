//! `/exam` and `/test` orders read through the concept layer: what a
//! student types finds the record's results by what they are, not by
//! substrings, and what the record lacks is said to be missing.

use patient_zero::case::{self, Case};
use patient_zero::eval::sets::Set;
use patient_zero::language::Lexicon;
use patient_zero::language::order::{Found, Want, concepts_of, is_result, order};
use patient_zero::memory::{Fact, Memory};
#[path = "support/cli.rs"]
mod cli;
use cli::root;

fn load(id: &str) -> (Case, Lexicon, Vec<Fact>) {
    let c = case::load(&root().join(format!("cases/{id}.yaml")), None).unwrap();
    let lx = Lexicon::for_case(&c);
    let facts = Memory::from_case(&c).semantic;
    (c, lx, facts)
}

/// The subjects of what an order brought, in the record's order.
fn subjects(found: &Found, facts: &[Fact]) -> Vec<String> {
    found
        .results
        .iter()
        .map(|id| {
            facts
                .iter()
                .find(|f| f.id == *id)
                .unwrap()
                .key
                .subject
                .clone()
        })
        .collect()
}

#[test]
fn abbreviations_panels_and_lay_words_find_the_results_they_name() {
    let (_, lx, facts) = load("figure5-severe-acute-pancreatitis");
    let ask = |what: &str, want: Want| subjects(&order(what, want, &lx, &facts), &facts);
    assert_eq!(ask("CRP", Want::Test), ["c-reactive protein"]);
    assert_eq!(ask("crp", Want::Test), ["c-reactive protein"]);
    assert_eq!(ask("FBC", Want::Test), ["white cell count"]);
    assert_eq!(
        ask("U&E", Want::Test),
        ["blood urea nitrogen", "creatinine"]
    );
    assert_eq!(
        ask("LFTs", Want::Test),
        ["total bilirubin", "alanine aminotransferase"]
    );
    // "Blood sugar" is the glucose, not blood pressure or BUN.
    assert_eq!(ask("blood sugar", Want::Test), ["glucose"]);
    assert_eq!(
        ask("amylase, lipase + CRP", Want::Test),
        ["amylase", "lipase", "c-reactive protein"]
    );
    // The abdominal examination under /exam; the CT only when a CT is asked for.
    assert_eq!(ask("abdomen", Want::Exam), ["abdomen"]);
    assert_eq!(ask("abdo", Want::Exam), ["abdomen"]);
    assert_eq!(
        ask("CT abdo", Want::Test),
        ["ct with contrast abdomen and pelvis"]
    );
    assert_eq!(
        ask("obs", Want::Exam),
        [
            "temperature",
            "heart rate",
            "systolic blood pressure",
            "diastolic blood pressure",
            "respiratory rate",
            "oxygen saturation"
        ]
    );
    assert_eq!(
        ask("BP", Want::Exam),
        ["systolic blood pressure", "diastolic blood pressure"]
    );
    // "all" under /exam is the examination; under /test, the tests.
    let exam = ask("all", Want::Exam);
    let tests = ask("all", Want::Test);
    assert!(exam.contains(&"abdomen".to_string()) && !exam.contains(&"lipase".to_string()));
    assert!(tests.contains(&"lipase".to_string()) && !tests.contains(&"abdomen".to_string()));
}

#[test]
fn what_the_record_lacks_is_named_and_what_is_no_test_is_said_so() {
    let (_, lx, facts) = load("figure5-severe-acute-pancreatitis");
    let found = order("TSH, CT head and HbA1c", Want::Test, &lx, &facts);
    assert!(found.results.is_empty(), "{found:?}");
    assert_eq!(found.unavailable, ["TSH", "CT head", "HbA1c"]);
    assert!(found.unknown.is_empty());
    let found = order("lipase and wibble", Want::Test, &lx, &facts);
    assert_eq!(subjects(&found, &facts), ["lipase"]);
    assert_eq!(found.unknown, ["wibble"]);
    // Ordered words that name nothing themselves ("check", "level") are no trouble.
    let found = order("check serum lipase level please", Want::Test, &lx, &facts);
    assert_eq!(subjects(&found, &facts), ["lipase"]);
    assert!(found.unknown.is_empty(), "{found:?}");
}

#[test]
fn tests_examinations_and_narrower_orders_find_their_results_whichever_verb() {
    let (_, lx, facts) = load("acute-angle-closure-glaucoma-s2026-00010");
    let ask = |what: &str, want: Want| subjects(&order(what, want, &lx, &facts), &facts);
    assert_eq!(
        ask("IOP", Want::Exam),
        ["intraocular pressure (more affected eye)"]
    );
    assert_eq!(
        ask("IOP", Want::Test),
        ["intraocular pressure (more affected eye)"]
    );
    assert_eq!(ask("fundoscopy", Want::Exam), ["fundoscopy"]);
    let (_, lx, facts) = load("type-2-diabetes-s2026-00009");
    assert_eq!(
        subjects(&order("HbA1c", Want::Test, &lx, &facts), &facts),
        ["hemoglobin a1c"]
    );
    let (_, lx, facts) = load("major-depressive-disorder-s2026-00005");
    let mse = subjects(&order("mental state", Want::Exam, &lx, &facts), &facts);
    for part in ["mood and affect", "thought content", "risk", "insight"] {
        assert!(mse.contains(&part.to_string()), "{mse:?}");
    }
    assert!(!mse.contains(&"neck".to_string()), "{mse:?}");
    assert_eq!(
        subjects(&order("MSE", Want::Exam, &lx, &facts), &facts),
        mse
    );
    // Something narrower than any result finds the examination it is part of.
    let (_, lx, facts) = load("graves-disease-s2026-00001");
    let reflexes = subjects(&order("reflexes", Want::Exam, &lx, &facts), &facts);
    assert!(
        !reflexes.is_empty() && reflexes.iter().all(|s| s == "neurological"),
        "{reflexes:?}"
    );
}

#[test]
fn every_result_of_every_shipped_case_can_be_ordered() {
    let mut results = 0;
    for p in &cli::shipped_paths() {
        let c = case::load(p, None).unwrap();
        let lx = Lexicon::for_case(&c);
        for f in Memory::from_case(&c).semantic {
            if is_result(&f) {
                results += 1;
                assert!(
                    !concepts_of(&f, &lx).is_empty(),
                    "{}: no examination or test finds {:?}",
                    c.id,
                    f.key.subject
                );
            }
        }
    }
    assert!(results > 1000, "{results}");
}

/// A floor on the frozen test split (written by a helper who had not read
/// the code or the concept files, never tuned on), under what was measured:
/// right 0.857 and "no result" 0.941 when it was frozen, 0.912 and 1.000
/// after tuning on the development split (the old substring matcher: 0.132).
#[test]
fn orders_hold_their_floor_on_the_frozen_test_set() {
    let kb = patient_zero::knowledge::KnowledgeBase::embedded().unwrap();
    let set = Set::load(&root().join("assets/eval/sets/orders-test.yaml"), Some(&kb)).unwrap();
    let r = patient_zero::eval::orders::run(&set, false);
    assert!(r.orders >= 100, "{}", r.orders);
    assert!(r.right_rate >= 0.88, "right {:.3}", r.right_rate);
    assert!(r.absent_rate >= 0.94, "no result {:.3}", r.absent_rate);
    assert!(r.extra_rate <= 0.05, "extra {:.3}", r.extra_rate);
}

#[test]
fn eval_orders_reports_as_json_and_a_bad_set_is_refused_with_its_line() {
    let o = cli::run(&[
        "eval",
        "orders",
        "--set",
        root()
            .join("assets/eval/sets/orders-dev.yaml")
            .to_str()
            .unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["orders"], 192);
    assert!(r["right_rate"].as_f64().unwrap() > 0.5, "{r}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("cases")).unwrap();
    std::fs::copy(
        root().join("cases/figure5-severe-acute-pancreatitis.yaml"),
        dir.path()
            .join("cases/figure5-severe-acute-pancreatitis.yaml"),
    )
    .unwrap();
    let set = dir.path().join("set.yaml");
    std::fs::write(
        &set,
        "orders:\n- case: figure5-severe-acute-pancreatitis\n  verb: test\n  order: TSH\n  expect: [thyroid stimulating hormone]\n",
    )
    .unwrap();
    let o = cli::run(&["eval", "orders", "--set", set.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("orders[0].expect[0]") || err.contains(":5:"),
        "{err}"
    );
    assert!(err.contains("thyroid stimulating hormone"), "{err}");
}
