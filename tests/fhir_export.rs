//! `export CASE --format fhir|json`: the FHIR bundle's structure against the
//! case it came from, its codes, and that it is the same bytes every time.

use patient_zero::case;
use patient_zero::fhir;
use patient_zero::knowledge::KnowledgeBase;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::process::Output;
#[path = "support/cli.rs"]
mod cli;
use cli::{root, run};

const FIGURE5: &str = "cases/figure5-severe-acute-pancreatitis.yaml";

fn figure5() -> (case::Case, Value) {
    let kb = KnowledgeBase::embedded().unwrap();
    let c = case::load(&root().join(FIGURE5), Some(&kb)).unwrap();
    let b = fhir::bundle(&c, Some(&kb));
    (c, b)
}

fn resources<'a>(b: &'a Value, kind: &str) -> Vec<&'a Value> {
    b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

fn has_category(r: &Value, code: &str) -> bool {
    r["category"]
        .as_array()
        .is_some_and(|cs| cs.iter().any(|c| c["coding"][0]["code"] == code))
}

fn loinc_codes(r: &Value) -> Vec<&str> {
    r["code"]["coding"]
        .as_array()
        .map(|cs| {
            cs.iter()
                .filter(|c| c["system"] == "http://loinc.org")
                .filter_map(|c| c["code"].as_str())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_bundle_holds_one_resource_for_each_part_of_the_record() {
    let (c, b) = figure5();
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for e in b["entry"].as_array().unwrap() {
        *count
            .entry(e["resource"]["resourceType"].as_str().unwrap())
            .or_default() += 1;
    }
    let h = &c.history;
    assert_eq!(count["Patient"], 1);
    assert_eq!(count["Condition"], 1 + h.conditions.len());
    assert_eq!(
        count.get("Procedure").copied().unwrap_or(0),
        h.surgeries.len()
    );
    assert_eq!(count["MedicationStatement"], h.medications.len());
    assert_eq!(count["Immunization"], h.vaccinations.len());
    assert_eq!(count["FamilyMemberHistory"], h.family.len());
    // No allergies: one "no known allergy" statement.
    assert_eq!(h.allergies.len(), 0);
    assert_eq!(count["AllergyIntolerance"], 1);
    let obs = resources(&b, "Observation");
    let symptoms = obs
        .iter()
        .filter(|o| loinc_codes(o).contains(&"75325-1"))
        .count();
    assert_eq!(symptoms, c.symptoms.len() + c.pertinent_negatives.len());
    let labs = obs.iter().filter(|o| has_category(o, "laboratory")).count();
    assert_eq!(labs, c.examination.labs.len());
    let imaging = obs.iter().filter(|o| has_category(o, "imaging")).count();
    assert_eq!(imaging, c.examination.imaging.len());
    let exam = obs.iter().filter(|o| has_category(o, "exam")).count();
    assert_eq!(exam, c.examination.findings.len());
    // Temperature, heart rate, breathing, SpO2, the BP panel, height, weight, BMI.
    let vitals = obs
        .iter()
        .filter(|o| has_category(o, "vital-signs"))
        .count();
    assert_eq!(vitals, 8);
}

#[test]
fn every_reference_resolves_and_every_id_is_a_uuid() {
    let (_, b) = figure5();
    let entries = b["entry"].as_array().unwrap();
    let urls: HashSet<&str> = entries
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap())
        .collect();
    assert_eq!(urls.len(), entries.len(), "fullUrls are unique");
    let patient = format!(
        "urn:uuid:{}",
        resources(&b, "Patient")[0]["id"].as_str().unwrap()
    );
    for e in entries {
        let r = &e["resource"];
        let id = r["id"].as_str().unwrap();
        assert_eq!(e["fullUrl"], format!("urn:uuid:{id}"));
        assert_eq!(id.len(), 36, "{id}");
        if r["resourceType"] != "Patient" {
            let subject = r.get("subject").or_else(|| r.get("patient")).unwrap();
            assert_eq!(subject["reference"], patient.as_str(), "{r}");
        }
    }
}

#[test]
fn the_diagnosis_carries_its_icd10_code_and_severity() {
    let (_, b) = figure5();
    let dx = resources(&b, "Condition")
        .into_iter()
        .find(|c| c["category"][0]["coding"][0]["code"] == "encounter-diagnosis")
        .expect("a diagnosis");
    let coding = &dx["code"]["coding"][0];
    assert_eq!(coding["system"], "http://hl7.org/fhir/sid/icd-10-cm");
    assert_eq!(coding["code"], "K85.1");
    assert_eq!(dx["severity"]["coding"][0]["code"], "24484000"); // severe
}

#[test]
fn vital_signs_and_labs_use_loinc_and_ucum() {
    let (_, b) = figure5();
    let obs = resources(&b, "Observation");
    let by = |code: &str| {
        obs.iter()
            .find(|o| loinc_codes(o).contains(&code))
            .unwrap_or_else(|| panic!("no observation coded {code}"))
    };
    assert_eq!(by("8310-5")["valueQuantity"]["code"], "Cel");
    assert_eq!(by("8310-5")["valueQuantity"]["value"], 37.8);
    assert_eq!(by("8867-4")["valueQuantity"]["value"], 118);
    assert_eq!(by("9279-1")["valueQuantity"]["code"], "/min");
    assert!(loinc_codes(by("59408-5")).contains(&"2708-6"));
    let bp = by("85354-9");
    let parts = bp["component"].as_array().unwrap();
    assert_eq!(loinc_codes(&parts[0]), ["8480-6"]);
    assert_eq!(parts[0]["valueQuantity"]["value"], 96.0);
    assert_eq!(parts[0]["valueQuantity"]["code"], "mm[Hg]");
    assert_eq!(loinc_codes(&parts[1]), ["8462-4"]);
    assert_eq!(by("39156-5")["valueQuantity"]["value"], 31.6); // 84 kg at 163 cm
    assert_eq!(
        by("72166-2")["valueCodeableConcept"]["coding"][0]["code"],
        "266919005"
    );
    assert!(has_category(by("72166-2"), "social-history"));

    // Lipase, 900 U/L against [0, 160]: the catalogue's LOINC, a range and an H.
    let lipase = by("3040-3");
    assert_eq!(lipase["valueQuantity"]["value"], 900.0);
    assert_eq!(
        lipase["valueQuantity"]["system"],
        "http://unitsofmeasure.org"
    );
    assert_eq!(lipase["referenceRange"][0]["low"]["value"], 0.0);
    assert_eq!(lipase["referenceRange"][0]["high"]["value"], 160.0);
    let flag = &lipase["interpretation"][0]["coding"][0];
    assert_eq!(
        flag["system"],
        "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
    );
    assert_eq!(flag["code"], "H");
    // Calcium is low.
    let calcium = obs.iter().find(|o| o["code"]["text"] == "calcium").unwrap();
    assert_eq!(calcium["interpretation"][0]["coding"][0]["code"], "L");
}

#[test]
fn symptoms_have_their_onset_and_negatives_are_absent() {
    let (_, b) = figure5();
    let obs = resources(&b, "Observation");
    let pain = obs
        .iter()
        .find(|o| o["code"]["text"] == "abdominal pain")
        .unwrap();
    assert_eq!(
        pain["valueCodeableConcept"]["coding"][0]["code"],
        "52101004"
    );
    let onset = pain["component"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"]["text"] == "time since onset")
        .unwrap();
    assert_eq!(onset["valueQuantity"]["value"], 2);
    assert_eq!(onset["valueQuantity"]["code"], "d");
    let jaundice = obs
        .iter()
        .find(|o| o["code"]["text"] == "jaundice")
        .unwrap();
    assert_eq!(
        jaundice["valueCodeableConcept"]["coding"][0]["code"],
        "2667000"
    );
    assert_eq!(jaundice["valueCodeableConcept"]["text"], "Absent");
}

#[test]
fn the_export_is_the_same_bytes_every_time_and_differs_between_cases() {
    let a = run(&["export", FIGURE5, "--format", "fhir"]);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    let again = run(&[
        "export",
        "figure5-severe-acute-pancreatitis",
        "--format",
        "fhir",
    ]);
    assert_eq!(
        a.stdout, again.stdout,
        "by path and by id, twice: the same bytes"
    );
    let other = run(&[
        "export",
        "cases/sciatica-s2026-00009.yaml",
        "--format",
        "fhir",
    ]);
    let ids = |o: &Output| -> HashSet<String> {
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        v["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["fullUrl"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        ids(&a).is_disjoint(&ids(&other)),
        "two cases share resource ids"
    );
}

#[test]
fn a_case_exports_as_json_and_as_the_readable_record() {
    let out = run(&["export", FIGURE5, "--format", "json"]);
    assert!(out.status.success());
    let back: case::Case = serde_json::from_slice(&out.stdout).expect("the record as JSON");
    assert_eq!(back, figure5().0);
    // Markdown is the default, and is what `show` prints.
    let md = run(&["export", FIGURE5]);
    assert!(
        md.status.success(),
        "{}",
        String::from_utf8_lossy(&md.stderr)
    );
    let shown = run(&["show", FIGURE5]);
    assert_eq!(md.stdout, shown.stdout);
    let text = String::from_utf8(md.stdout).unwrap();
    assert!(text.contains("## Examination and investigations"), "{text}");
    let none = run(&["export", "no-such-case", "--format", "fhir"]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no case `no-such-case`"));
}
