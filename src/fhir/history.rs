//! The history: allergies, medicines, vaccinations, family history, the
//! social history (smoking status, alcohol, drugs, work, schooling, home) and
//! the reproductive history.

use super::Builder;
use super::codes::{SNOMED, category, component, concept, loinc, text};
use crate::case::{Relative, ReproductiveStatus, SmokingStatus, VaccinationStatus};
use serde_json::{Value, json};

const ALLERGY_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
const ALLERGY_VERIFICATION: &str =
    "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";
const ROLE_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

pub(super) fn add(b: &mut Builder) {
    let h = &b.case.history;
    let patient = b.patient();
    if h.allergies.is_empty() {
        // An empty list in the record means none known, which FHIR says with a code.
        b.add(
            "allergy/none",
            json!({
                "resourceType": "AllergyIntolerance",
                "clinicalStatus": concept(ALLERGY_CLINICAL, "active", "Active"),
                "verificationStatus": concept(ALLERGY_VERIFICATION, "confirmed", "Confirmed"),
                "code": concept(SNOMED, "716186003", "No known allergy"),
                "patient": patient,
            }),
        );
    }
    for (i, a) in h.allergies.iter().enumerate() {
        b.add(
            &format!("allergy/{i}"),
            json!({
                "resourceType": "AllergyIntolerance",
                "clinicalStatus": concept(ALLERGY_CLINICAL, "active", "Active"),
                "verificationStatus": concept(ALLERGY_VERIFICATION, "confirmed", "Confirmed"),
                "code": text(&a.substance),
                "patient": patient,
                "reaction": [{ "manifestation": [text(&a.reaction)] }],
            }),
        );
    }
    for (i, m) in h.medications.iter().enumerate() {
        let mut o = json!({
            "resourceType": "MedicationStatement",
            "status": "active",
            "medicationCodeableConcept": text(&m.name),
            "subject": patient,
            "dosage": [{ "text": format!("{} {}", m.dose, m.frequency) }],
            "reasonCode": [text(&m.purpose)],
        });
        if let Some(lay) = &m.lay {
            o["note"] = json!([{ "text": format!("The patient calls it {lay}.") }]);
        }
        b.add(&format!("medication/{i}"), o);
    }
    for (i, v) in h.vaccinations.iter().enumerate() {
        let when = v
            .last_dose_ago
            .map_or_else(|| "date not recorded".to_string(), |s| format!("{s} ago"));
        let mut o = json!({
            "resourceType": "Immunization",
            "status": if v.status == VaccinationStatus::Never { "not-done" } else { "completed" },
            "vaccineCode": text(&v.vaccine),
            "patient": patient,
            "occurrenceString": if v.status == VaccinationStatus::Never { "never given".to_string() } else { when },
        });
        if v.status == VaccinationStatus::Overdue {
            o["note"] = json!([{ "text": "The next dose is overdue." }]);
        }
        b.add(&format!("vaccination/{i}"), o);
    }
    for (i, f) in h.family.iter().enumerate() {
        let (code, display) = relationship(f.relative);
        b.add(
            &format!("family/{i}"),
            json!({
                "resourceType": "FamilyMemberHistory",
                "status": "completed",
                "patient": patient,
                "relationship": concept(ROLE_CODE, code, display),
                "condition": [{ "code": text(&f.condition) }],
            }),
        );
    }
    social(b);
    if let Some(r) = &h.reproductive {
        let (code, display) = match r.status {
            ReproductiveStatus::Pregnant => ("77386006", "Pregnant"),
            _ => ("60001007", "Not pregnant"),
        };
        let mut status = social_obs(
            b,
            loinc("82810-3", "Pregnancy status"),
            "valueCodeableConcept",
            concept(SNOMED, code, display),
        );
        status["note"] = json!([{ "text": format!("Reproductive status: {}.", r.status) }]);
        b.add("reproductive/status", status);
        let o = social_obs(
            b,
            loinc("11996-6", "[#] Pregnancies"),
            "valueInteger",
            json!(r.pregnancies),
        );
        b.add("reproductive/pregnancies", o);
        let o = social_obs(
            b,
            loinc("11640-0", "[#] Births total"),
            "valueInteger",
            json!(r.births),
        );
        b.add("reproductive/births", o);
    }
}

fn social_obs(b: &Builder, code: Value, value_key: &str, value: Value) -> Value {
    let mut o = json!({
        "resourceType": "Observation",
        "status": "final",
        "category": category("social-history"),
        "code": code,
        "subject": b.patient(),
    });
    o[value_key] = value;
    o
}

fn social(b: &mut Builder) {
    let s = &b.case.social;
    let (code, display) = match s.smoking.status {
        SmokingStatus::Never => ("266919005", "Never smoked tobacco"),
        SmokingStatus::Former => ("8517006", "Ex-smoker"),
        SmokingStatus::Current => ("77176002", "Smoker"),
    };
    let mut smoking = social_obs(
        b,
        loinc("72166-2", "Tobacco smoking status"),
        "valueCodeableConcept",
        concept(SNOMED, code, display),
    );
    let mut parts = Vec::new();
    if let Some(p) = s.smoking.packs_per_day {
        parts.push(component(
            loinc("8663-7", "Cigarettes smoked current (pack per day) - Reported"),
            "valueQuantity",
            json!({ "value": p, "unit": "packs/day", "system": super::codes::UCUM, "code": "{pack}/d" }),
        ));
    }
    if let Some(y) = s.smoking.years {
        parts.push(component(
            text("years smoked"),
            "valueQuantity",
            json!({ "value": y, "unit": "years", "system": super::codes::UCUM, "code": "a" }),
        ));
    }
    if let Some(q) = s.smoking.quit_ago {
        parts.push(component(
            text("time since quitting"),
            "valueQuantity",
            super::codes::span(q),
        ));
    }
    if !parts.is_empty() {
        smoking["component"] = json!(parts);
    }
    b.add("social/smoking", smoking);

    let mut alcohol = social_obs(
        b,
        loinc("11331-6", "History of Alcohol use"),
        "valueString",
        json!(s.alcohol.status.to_string()),
    );
    if let Some(n) = s.alcohol.drinks_per_week {
        alcohol["component"] = json!([component(
            text("drinks per week"),
            "valueQuantity",
            json!({ "value": n, "unit": "drinks/week", "system": super::codes::UCUM, "code": "{drinks}/wk" }),
        )]);
    }
    b.add("social/alcohol", alcohol);

    let drugs = if s.drugs.substances.is_empty() {
        s.drugs.status.to_string()
    } else {
        format!("{} ({})", s.drugs.status, s.drugs.substances.join(", "))
    };
    let o = social_obs(
        b,
        loinc("11343-1", "History of Other nonmedical drug use"),
        "valueString",
        json!(drugs),
    );
    b.add("social/drugs", o);
    let o = social_obs(
        b,
        loinc("11341-5", "History of Occupation"),
        "valueString",
        json!(format!("{} ({})", s.occupation.title, s.occupation.group)),
    );
    b.add("social/occupation", o);
    let o = social_obs(
        b,
        loinc("82589-3", "Highest level of education"),
        "valueString",
        json!(s.education.to_string()),
    );
    b.add("social/education", o);
    for (key, what, value) in [
        ("social/diet", "diet", s.diet.to_string()),
        (
            "social/activity",
            "physical activity",
            s.activity.to_string(),
        ),
        ("social/living", "living situation", s.living.clone()),
    ] {
        let o = social_obs(b, text(what), "valueString", json!(value));
        b.add(key, o);
    }
    for (i, st) in s.stressors.iter().enumerate() {
        let o = social_obs(b, text("stressor"), "valueString", json!(st));
        b.add(&format!("social/stressor/{i}"), o);
    }
}

/// The v3 RoleCode of a relative.
fn relationship(r: Relative) -> (&'static str, &'static str) {
    match r {
        Relative::Mother => ("MTH", "mother"),
        Relative::Father => ("FTH", "father"),
        Relative::Sister => ("SIS", "sister"),
        Relative::Brother => ("BRO", "brother"),
        Relative::Grandmother => ("GRMTH", "grandmother"),
        Relative::Grandfather => ("GRFTH", "grandfather"),
        Relative::Aunt => ("AUNT", "aunt"),
        Relative::Uncle => ("UNCLE", "uncle"),
        Relative::Daughter => ("DAU", "natural daughter"),
        Relative::Son => ("SON", "natural son"),
    }
}
