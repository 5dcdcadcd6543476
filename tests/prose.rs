//! The readable record (`show`): every sentence is backed by facts of the
//! record, says no number its facts do not hold, and every fact the record
//! holds is said somewhere; `show` prints it for a file or an id.

use patient_zero::case::{self, Case};
use patient_zero::generate::{Request, Sampling};
use patient_zero::knowledge::KnowledgeBase;
use patient_zero::memory::{Memory, Topic};
use patient_zero::prose::describe;
use std::collections::BTreeSet;
#[path = "support/cli.rs"]
mod cli;
use cli::{root, run};

/// The shipped cases and 300 freshly generated records over every outline.
fn records() -> Vec<Case> {
    let kb = KnowledgeBase::embedded().unwrap();
    let mut out: Vec<Case> = std::fs::read_dir(root().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| case::load(&p, None).unwrap())
        .collect();
    let req = Request {
        kb: &kb,
        outlines: kb.select(None, None),
        seed: 99,
        sampling: Sampling::Balanced,
    };
    out.extend((0..300).filter_map(|i| req.build(i).result.ok().map(|(c, _)| c)));
    out
}

/// Numbers as written in a text ("38.1", "16", "120/80" gives 120 and 80).
fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .map(|t| t.trim_end_matches(".0").to_string())
        .collect()
}

#[test]
fn every_sentence_is_backed_by_facts_and_invents_no_number() {
    let mut sentences = 0;
    for c in records() {
        let memory = Memory::from_case(&c);
        let prose = describe(&c);
        for s in prose.sentences() {
            assert!(!s.facts.is_empty(), "{}: {:?} cites no fact", c.id, s.text);
            let cited: Vec<_> = s
                .facts
                .iter()
                .map(|id| {
                    memory
                        .fact(id)
                        .unwrap_or_else(|| panic!("{}: no fact {id}", c.id))
                })
                .collect();
            // Every number of the sentence is in one of its facts (or is the ICD-10 code).
            let mut allowed: BTreeSet<String> =
                cited.iter().flat_map(|f| numbers(&f.text)).collect();
            allowed.extend(numbers(&c.disease.icd10));
            // The quoted complaint is the record's own words.
            allowed.extend(numbers(&c.chief_complaint));
            for n in numbers(&s.text.replace("ICD-10", "ICD")) {
                assert!(
                    allowed.contains(&n),
                    "{}: {:?} says {n}, which none of {:?} holds",
                    c.id,
                    s.text,
                    cited.iter().map(|f| &f.text).collect::<Vec<_>>()
                );
            }
            sentences += 1;
        }
    }
    assert!(sentences > 10_000, "{sentences} sentences");
}

#[test]
fn every_fact_of_the_record_is_said() {
    for c in records() {
        let memory = Memory::from_case(&c);
        let cited: BTreeSet<String> = describe(&c)
            .sentences()
            .flat_map(|s| s.facts.iter().cloned())
            .collect();
        for f in &memory.semantic {
            assert!(
                cited.contains(&f.id),
                "{}: {} ({:?}) is in no sentence",
                c.id,
                f.text,
                f.key.topic
            );
        }
    }
}

#[test]
fn each_symptom_is_named_in_the_sentences_that_cite_its_presence() {
    for c in records().iter().take(120) {
        let memory = Memory::from_case(c);
        for s in describe(c).sentences() {
            for id in &s.facts {
                let f = memory.fact(id).unwrap();
                if f.key.topic == Topic::Symptom {
                    let lay = c
                        .symptoms
                        .iter()
                        .find(|x| x.name == f.key.subject)
                        .map(|x| x.lay.to_lowercase());
                    let text = s.text.to_lowercase();
                    assert!(
                        text.contains(&f.key.subject.to_lowercase())
                            || lay.is_some_and(|l| text.contains(&l)),
                        "{}: {:?} cites {:?} without naming it or saying it as the patient does",
                        c.id,
                        s.text,
                        f.key.subject
                    );
                }
            }
        }
    }
}

#[test]
fn show_prints_the_record_by_id_and_refuses_an_unknown_one() {
    let out = run(&["show", "acute-appendicitis-s2026-00000"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("# Patricia Russo (acute-appendicitis-s2026-00000)\n"),
        "{text}"
    );
    for heading in [
        "## Presentation",
        "## Symptoms",
        "## Medical history",
        "## Social history",
        "## Examination and investigations",
        "## Diagnosis",
    ] {
        assert!(text.contains(heading), "{heading} missing:\n{text}");
    }
    assert!(
        text.contains("16.3"),
        "the white cell count is missing:\n{text}"
    );

    let facts = run(&[
        "show",
        "cases/acute-appendicitis-s2026-00000.yaml",
        "--facts",
    ]);
    let lines = String::from_utf8(facts.stdout).unwrap();
    assert!(lines.lines().all(|l| l.starts_with("[F")), "{lines}");

    let missing = run(&["show", "no-such-case"]);
    assert!(!missing.status.success());
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("no case `no-such-case`"),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
}
