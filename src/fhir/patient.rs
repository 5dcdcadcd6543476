//! Who the patient is and what they have: Patient, the diagnosis and past
//! conditions (Condition), past operations (Procedure), age and chief complaint.

use super::Builder;
use super::codes::{self, ICD10_CM, SNOMED, concept, loinc, text};
use crate::case::{Severity, Sex};
use serde_json::{Value, json};

const CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
const VERIFICATION: &str = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
const CONDITION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/condition-category";

pub(super) fn add(b: &mut Builder) {
    let c = b.case;
    let p = &c.patient;
    // Given names, then the family name, as the generator writes them.
    let (given, family) = p.name.rsplit_once(' ').unwrap_or(("", &p.name));
    let mut name = json!({ "text": p.name, "family": family });
    if !given.is_empty() {
        name["given"] = json!(given.split_whitespace().collect::<Vec<_>>());
    }
    let gender = match p.sex {
        Sex::Female => "female",
        Sex::Male => "male",
    };
    b.add(
        "patient",
        json!({
            "resourceType": "Patient",
            "identifier": [{ "system": super::CASE_ID_SYSTEM, "value": c.id }],
            "name": [name],
            "gender": gender,
        }),
    );
    let subject = b.patient();
    // A record holds an age, not a birth date; a birth date would need a "today".
    b.add(
        "age",
        json!({
            "resourceType": "Observation",
            "status": "final",
            "code": loinc("30525-0", "Age"),
            "subject": subject,
            "valueQuantity": { "value": p.age, "unit": "years", "system": codes::UCUM, "code": "a" },
        }),
    );
    b.add(
        "chief-complaint",
        json!({
            "resourceType": "Observation",
            "status": "final",
            "code": loinc("10154-3", "Chief complaint Narrative - Reported"),
            "subject": subject,
            "valueString": c.chief_complaint,
        }),
    );

    let d = &c.disease;
    let mut diagnosis = json!({
        "resourceType": "Condition",
        "clinicalStatus": concept(CLINICAL, "active", "Active"),
        "verificationStatus": concept(VERIFICATION, "confirmed", "Confirmed"),
        "category": [concept(CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")],
        "severity": severity(d.severity),
        "code": if d.icd10.is_empty() {
            text(&d.name)
        } else {
            codes::concept_with_text(ICD10_CM, &d.icd10, &d.name, &d.name)
        },
        "subject": subject,
    });
    if !d.patient_told {
        diagnosis["note"] = json!([{ "text": "The patient has not been told this diagnosis." }]);
    }
    b.add("diagnosis", diagnosis);

    for (i, pc) in c.history.conditions.iter().enumerate() {
        let (code, display) = if pc.ongoing {
            ("active", "Active")
        } else {
            ("resolved", "Resolved")
        };
        b.add(
            &format!("condition/{i}"),
            json!({
                "resourceType": "Condition",
                "clinicalStatus": concept(CLINICAL, code, display),
                "category": [concept(CONDITION_CATEGORY, "problem-list-item", "Problem List Item")],
                "code": text(&pc.condition),
                "subject": subject,
                "onsetString": format!("diagnosed {} ago", pc.diagnosed_ago),
            }),
        );
    }
    for (i, s) in c.history.surgeries.iter().enumerate() {
        b.add(
            &format!("surgery/{i}"),
            json!({
                "resourceType": "Procedure",
                "status": "completed",
                "code": text(&s.procedure),
                "subject": subject,
                "performedString": format!("{} ago", s.ago),
            }),
        );
    }
}

/// SNOMED CT severity qualifiers, as the Condition resource's examples use.
fn severity(s: Severity) -> Value {
    let (code, display) = match s {
        Severity::Mild => ("255604002", "Mild"),
        Severity::Moderate => ("6736007", "Moderate"),
        Severity::Severe => ("24484000", "Severe"),
    };
    concept(SNOMED, code, display)
}
