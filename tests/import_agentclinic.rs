//! `import agentclinic`: the five AgentClinic samples import, validate and
//! answer an offline interview without a contradiction; bad lines are named
//! by their line number and skipped; an empty file imports nothing.

use std::path::{Path, PathBuf};
use std::process::Output;
#[path = "support/cli.rs"]
mod cli;
use cli::{root, run};

/// The five samples of AgentClinic's MedQA cases (MIT; see the fixture's README).
const SAMPLES: &str = "tests/fixtures/agentclinic/agentclinic_medqa_sample.jsonl";

/// The first sample, for the tests that take one line apart.
const FIRST_SAMPLE: &str = r#"{ "OSCE_Examination": { "Objective_for_Doctor": "Assess and diagnose the patient presenting with double vision, difficulty climbing stairs, and upper limb weakness.", "Patient_Actor": { "Demographics": "35-year-old female", "History": "The patient reports a 1-month history of experiencing double vision (diplopia), difficulty in climbing stairs, and weakness when trying to brush her hair. She notes that these symptoms tend to worsen after physical activity but improve significantly after a few hours of rest.", "Symptoms": { "Primary_Symptom": "Double vision", "Secondary_Symptoms": ["Difficulty climbing stairs", "Weakness in upper limbs", "Improvement of symptoms after rest"] }, "Past_Medical_History": "No significant past medical history.", "Social_History": "Non-smoker, drinks wine occasionally. Works as a graphic designer.", "Review_of_Systems": "Patient denies experiencing any chest pain, palpitations, shortness of breath, or recent infections." }, "Physical_Examination_Findings": { "Vital_Signs": { "Temperature": "36.6°C (97.9°F)", "Blood_Pressure": "125/80 mmHg", "Heart_Rate": "72 bpm", "Respiratory_Rate": "16 breaths/min" }, "Neurological_Examination": { "Cranial_Nerves": "Presence of ptosis (drooping of the right upper eyelid) that worsens with sustained upward gaze.", "Motor_Strength": "Diminished motor strength observed in the upper extremities, with normal tone and no obvious atrophy.", "Reflexes": "Normal reflexes throughout.", "Sensation": "Normal sensation throughout." } }, "Test_Results": { "Blood_Tests": { "Acetylcholine_Receptor_Antibodies": "Present (elevated)" }, "Electromyography": { "Findings": "Decreased muscle response with repetitive stimulation" }, "Imaging": { "Chest_CT": { "Findings": "Normal, no thymoma or other masses detected." } } }, "Correct_Diagnosis": "Myasthenia gravis" } }"#;

/// `import agentclinic SRC --out OUT`.
fn import(src: &str, out: &str) -> Output {
    run(&["import", "agentclinic", src, "--out", out])
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    v.sort();
    v
}

#[test]
fn the_samples_import_validate_and_hold_a_consistent_interview() {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join(SAMPLES);
    let lines = std::fs::read_to_string(&src).unwrap().lines().count();
    assert_eq!(lines, 5);
    let out = dir.path().join("imported");
    let o = import(src.to_str().unwrap(), out.to_str().unwrap());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("imported {lines} case")),
        "{}",
        stderr(&o)
    );
    let files = yaml_files(&out);
    assert_eq!(files.len(), lines);

    let v = run(&["validate", out.to_str().unwrap()]);
    assert!(v.status.success(), "{}", stderr(&v));
    assert!(
        stderr(&v).contains(&format!("{lines} valid, 0 invalid")),
        "{}",
        stderr(&v)
    );

    let kb = patient_zero::knowledge::KnowledgeBase::embedded().unwrap();
    for f in &files {
        let c = patient_zero::case::load(f, Some(&kb)).unwrap();
        assert!(c.is_imported());
        assert!(c.disease.outline.is_none());
        let facts = patient_zero::memory::Memory::from_case(&c).semantic;
        // The diagnosis, the examination and the tests are the examiner's, not the patient's.
        for fact in &facts {
            use patient_zero::memory::Topic as T;
            if matches!(
                fact.key.topic,
                T::Diagnosis | T::Vital | T::Finding | T::Lab | T::Imaging | T::Study
            ) {
                assert!(!fact.known, "{}: the patient knows {}", c.id, fact.text);
            }
        }
        let q = root().join("tests/fixtures/interview_q1.yaml");
        let i = run(&[
            "interview",
            f.to_str().unwrap(),
            "-q",
            q.to_str().unwrap(),
            "--json",
            "--no-session",
        ]);
        assert!(i.status.success(), "{}: {}", c.id, stderr(&i));
        let doc: serde_json::Value = serde_json::from_slice(&i.stdout).unwrap();
        let turns = doc["turns"].as_array().unwrap();
        assert!(turns.len() > 40);
        for t in turns {
            for flag in t["flags"].as_array().unwrap() {
                assert_ne!(
                    flag["kind"], "contradiction",
                    "{}: {} -> {flag}",
                    c.id, t["question"]
                );
                assert_ne!(
                    flag["kind"], "fallback_failed",
                    "{}: {}",
                    c.id, t["question"]
                );
            }
            for v in t["verdicts"].as_array().unwrap() {
                assert_ne!(v["label"], "contradict", "{}: {}", c.id, t["reply"]);
            }
        }
        // The patient does not name the hidden diagnosis.
        let said: String = turns
            .iter()
            .map(|t| t["reply"].as_str().unwrap().to_lowercase())
            .collect();
        assert!(!said.contains(&c.disease.name.to_lowercase()), "{}", c.id);
    }
}

#[test]
fn the_first_sample_keeps_what_the_source_says() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("one.jsonl");
    std::fs::write(&src, format!("{FIRST_SAMPLE}\n")).unwrap();
    let kb = patient_zero::knowledge::KnowledgeBase::embedded().unwrap();
    let report = patient_zero::import::agentclinic_file(&src, dir.path(), Some(&kb)).unwrap();
    assert_eq!(report.written.len(), 1);
    assert_eq!(
        report.written[0].file_name().unwrap(),
        "myasthenia-gravis-agentclinic-00001.yaml"
    );
    let c = patient_zero::case::load(&report.written[0], Some(&kb)).unwrap();
    assert_eq!(
        (c.patient.age, c.patient.sex),
        (35, patient_zero::case::Sex::Female)
    );
    assert_eq!(c.disease.name, "Myasthenia gravis");
    assert_eq!(c.disease.icd10, "G70.00");
    let names: Vec<&str> = c.symptoms.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "double vision",
            "difficulty climbing stairs",
            "weakness in upper limbs"
        ]
    );
    assert_eq!(c.symptoms[0].onset.ago.to_string(), "1 month");
    assert_eq!(c.symptoms[0].aggravating, ["physical activity"]);
    assert_eq!(c.symptoms[0].relieving, ["rest"]);
    // "Patient denies experiencing any chest pain, palpitations, ...": pertinent negatives.
    let denied: Vec<&str> = c
        .pertinent_negatives
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(
        denied,
        [
            "chest pain",
            "palpitations",
            "shortness of breath",
            "recent infections"
        ]
    );
    assert_eq!(
        c.social.smoking.status,
        patient_zero::case::SmokingStatus::Never
    );
    assert_eq!(c.social.occupation.title, "graphic designer");
    let v = &c.examination.vitals;
    assert_eq!(
        (
            v.temperature_c,
            v.systolic_bp,
            v.diastolic_bp,
            v.heart_rate,
            v.respiratory_rate
        ),
        (36.6, 125, 80, 72, 16)
    );
    assert_eq!(c.examination.imaging[0].modality, "CT");
    assert_eq!(c.examination.imaging[0].region, "chest");
    assert!(
        c.examination
            .findings
            .iter()
            .any(|f| f.finding.contains("ptosis"))
    );
    let assumed = &c
        .provenance
        .as_ref()
        .unwrap()
        .imported
        .as_ref()
        .unwrap()
        .assumed;
    // SpO2 is not in the source: assumed, and said so.
    assert!(
        assumed
            .iter()
            .any(|a| a.starts_with("examination.vitals.spo2:")),
        "{assumed:?}"
    );
    assert!(
        !assumed
            .iter()
            .any(|a| a.starts_with("examination.vitals.heart_rate:")),
        "{assumed:?}"
    );
}

#[test]
fn bad_lines_are_reported_by_number_and_the_rest_import() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("mixed.jsonl");
    let missing = r#"{"OSCE_Examination": {"Patient_Actor": {"Demographics": "40-year-old man", "Symptoms": {"Primary_Symptom": "Cough"}}}}"#;
    std::fs::write(
        &src,
        format!("{FIRST_SAMPLE}\nthis is not json\n\n{missing}\n"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = import(src.to_str().unwrap(), out.to_str().unwrap());
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let p = src.display();
    assert!(
        err.contains(&format!(
            "{p}:2: not JSON: expected ident (column 2); line skipped"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{p}:4: not an AgentClinic case: missing field `OSCE_Examination.Correct_Diagnosis`; line skipped"
        )),
        "{err}"
    );
    assert!(err.contains("imported 1 case, skipped 2 lines"), "{err}");
    assert_eq!(yaml_files(&out).len(), 1);
}

#[test]
fn an_empty_file_or_nothing_readable_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let out = dir.path().join("out");
    let o = import(empty.to_str().unwrap(), out.to_str().unwrap());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains(&format!("{}: no cases: the file is empty", empty.display())),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists(), "nothing written");

    let junk = dir.path().join("junk.jsonl");
    std::fs::write(&junk, "{\"OSCE_Examination\": {}}\n").unwrap();
    let o = import(junk.to_str().unwrap(), out.to_str().unwrap());
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{}:1: not an AgentClinic case: missing field `OSCE_Examination.Patient_Actor`",
            junk.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}: nothing imported", junk.display())),
        "{err}"
    );

    let missing = dir.path().join("absent.jsonl");
    let o = import(missing.to_str().unwrap(), out.to_str().unwrap());
    assert!(!o.status.success());
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
}

#[test]
fn a_generated_case_may_not_drop_its_icd10_code_but_an_imported_one_may() {
    let kb = patient_zero::knowledge::KnowledgeBase::embedded().unwrap();
    let mut c = patient_zero::case::load(
        &root().join("cases/figure5-severe-acute-pancreatitis.yaml"),
        Some(&kb),
    )
    .unwrap();
    c.disease.icd10.clear();
    let issues = patient_zero::case::rules::check_case(&c, Some(&kb));
    assert!(
        issues.iter().any(|i| i.field == "disease.icd10"),
        "{issues:?}"
    );

    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("one.jsonl");
    std::fs::write(
        &src,
        FIRST_SAMPLE.replace("Myasthenia gravis", "Some unlisted syndrome"),
    )
    .unwrap();
    let report = patient_zero::import::agentclinic_file(&src, dir.path(), Some(&kb)).unwrap();
    let c = patient_zero::case::load(&report.written[0], Some(&kb)).unwrap();
    assert_eq!(c.disease.icd10, "");
    // An imported case that claims an outline is not an imported case.
    let mut claims = c.clone();
    claims.disease.outline = Some("acute_pancreatitis".into());
    let issues = patient_zero::case::rules::check_case(&claims, Some(&kb));
    assert!(
        issues
            .iter()
            .any(|i| i.message.contains("not built from an outline")),
        "{issues:?}"
    );
}

/// Characters whose lower case is longer than they are ("İ", the Kelvin
/// sign) once made the importer cut text at offsets found in a lower-cased
/// copy: a panic, or an occupation cut in the wrong place.
#[test]
fn characters_whose_lower_case_changes_length_import_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut case: serde_json::Value = serde_json::from_str(FIRST_SAMPLE).unwrap();
    let actor = &mut case["OSCE_Examination"]["Patient_Actor"];
    actor["History"] = serde_json::json!(
        "The patient reports İİİİ double vision for 1 month, and İİ weakness of the arms with exertion."
    );
    actor["Past_Medical_History"] =
        serde_json::json!("İİİİ medical history of İİ asthma which is mild.");
    actor["Social_History"] = serde_json::json!("Non-smoker. İİİİ works as a graphic designer.");
    let src = dir.path().join("in.jsonl");
    std::fs::write(&src, format!("{case}\n")).unwrap();
    let out = dir.path().join("out");
    let o = import(src.to_str().unwrap(), out.to_str().unwrap());
    assert!(o.status.success(), "{}", stderr(&o));
    let files = yaml_files(&out);
    assert_eq!(files.len(), 1);
    let c = patient_zero::case::load(&files[0], None).unwrap();
    assert_eq!(c.social.occupation.title, "graphic designer");
    assert!(
        c.history
            .conditions
            .iter()
            .any(|p| p.condition.contains("asthma")),
        "{:?}",
        c.history.conditions
    );
}
