//! Observations: symptoms (with onset and the rest of their story), pertinent
//! negatives (absent), vital signs, examination findings, labs, imaging and
//! other studies.

use super::Builder;
use super::codes::{
    self, LOINC, SNOMED, category, component, concept, interpretation, loinc, quantity,
    reference_range, span, text,
};
use crate::case::{Lab, Study, Symptom};
use serde_json::{Value, json};

pub(super) fn add(b: &mut Builder) {
    let c = b.case;
    for (i, s) in c.symptoms.iter().enumerate() {
        let o = symptom(b, s);
        b.add(&format!("symptom/{i}"), o);
    }
    for (i, n) in c.pertinent_negatives.iter().enumerate() {
        let o = json!({
            "resourceType": "Observation",
            "status": "final",
            "code": symptom_code(&n.name),
            "subject": b.patient(),
            "valueCodeableConcept": concept(SNOMED, "2667000", "Absent"),
            "note": [{ "text": format!("Not present: {} (in the patient's words: {}).", n.name, n.lay) }],
        });
        b.add(&format!("negative/{i}"), o);
    }
    vitals(b);
    for (i, f) in c.examination.findings.iter().enumerate() {
        let o = json!({
            "resourceType": "Observation",
            "status": "final",
            "category": category("exam"),
            "code": text(&format!("Physical examination: {}", f.system)),
            "subject": b.patient(),
            "valueString": f.finding,
        });
        b.add(&format!("finding/{i}"), o);
    }
    for (i, l) in c.examination.labs.iter().enumerate() {
        let o = lab(b, l);
        b.add(&format!("lab/{i}"), o);
    }
    for (i, im) in c.examination.imaging.iter().enumerate() {
        let o = json!({
            "resourceType": "Observation",
            "status": "final",
            "category": category("imaging"),
            "code": text(&format!("{} of the {}", im.modality, im.region)),
            "subject": b.patient(),
            "valueString": im.finding,
        });
        b.add(&format!("imaging/{i}"), o);
    }
    for (i, s) in c.examination.studies.iter().enumerate() {
        let o = study(b, s);
        b.add(&format!("study/{i}"), o);
    }
}

/// LOINC 75325-1 (Symptom), with the record's name for it as the text.
fn symptom_code(name: &str) -> Value {
    codes::concept_with_text(LOINC, "75325-1", "Symptom", name)
}

fn symptom(b: &Builder, s: &Symptom) -> Value {
    let mut parts = vec![
        component(text("time since onset"), "valueQuantity", span(s.onset.ago)),
        component(text("onset"), "valueString", json!(s.onset.how.to_string())),
        component(text("duration"), "valueQuantity", span(s.duration)),
        component(text("course"), "valueString", json!(s.course.to_string())),
    ];
    let mut say = |what: &str, v: &Option<String>| {
        if let Some(v) = v {
            parts.push(component(text(what), "valueString", json!(v)));
        }
    };
    say("trigger", &s.onset.trigger);
    say("location", &s.location);
    say("character", &s.character);
    say("radiation", &s.radiation);
    say("frequency", &s.frequency);
    if let Some(n) = s.intensity {
        parts.push(component(
            loinc(
                "72514-3",
                "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
            ),
            "valueInteger",
            json!(n),
        ));
    }
    for a in &s.aggravating {
        parts.push(component(text("made worse by"), "valueString", json!(a)));
    }
    for r in &s.relieving {
        parts.push(component(text("eased by"), "valueString", json!(r)));
    }
    json!({
        "resourceType": "Observation",
        "status": "final",
        "code": symptom_code(&s.name),
        "subject": b.patient(),
        "valueCodeableConcept": concept(SNOMED, "52101004", "Present"),
        "note": [{ "text": format!("In the patient's words: {}.", s.lay) }],
        "component": parts,
    })
}

/// The vital signs with their LOINC codes (the FHIR vital signs profile's),
/// blood pressure as a panel of two components, and height, weight and BMI.
fn vitals(b: &mut Builder) {
    let v = &b.case.examination.vitals;
    let p = &b.case.patient;
    let sign = |code: Value, value: Value| {
        json!({
            "resourceType": "Observation",
            "status": "final",
            "category": category("vital-signs"),
            "code": code,
            "subject": b.patient(),
            "valueQuantity": value,
        })
    };
    let mut out = vec![
        (
            "vital/temperature",
            sign(
                loinc("8310-5", "Body temperature"),
                quantity(v.temperature_c, "Cel"),
            ),
        ),
        (
            "vital/heart-rate",
            sign(
                loinc("8867-4", "Heart rate"),
                per_minute(v.heart_rate, "beats/minute"),
            ),
        ),
        (
            "vital/respiratory-rate",
            sign(
                loinc("9279-1", "Respiratory rate"),
                per_minute(v.respiratory_rate, "breaths/minute"),
            ),
        ),
        (
            "vital/spo2",
            sign(
                json!({
                    "coding": [
                        { "system": LOINC, "code": "2708-6", "display": "Oxygen saturation in Arterial blood" },
                        { "system": LOINC, "code": "59408-5", "display": "Oxygen saturation in Arterial blood by Pulse oximetry" },
                    ],
                    "text": "Oxygen saturation",
                }),
                quantity(f64::from(v.spo2), "%"),
            ),
        ),
    ];
    let mmhg = |x: u32| quantity(f64::from(x), "mmHg");
    out.push((
        "vital/blood-pressure",
        json!({
            "resourceType": "Observation",
            "status": "final",
            "category": category("vital-signs"),
            "code": loinc("85354-9", "Blood pressure panel with all children optional"),
            "subject": b.patient(),
            "component": [
                component(loinc("8480-6", "Systolic blood pressure"), "valueQuantity", mmhg(v.systolic_bp)),
                component(loinc("8462-4", "Diastolic blood pressure"), "valueQuantity", mmhg(v.diastolic_bp)),
            ],
        }),
    ));
    if let Some(h) = p.height_cm {
        out.push((
            "vital/height",
            sign(loinc("8302-2", "Body height"), quantity(h, "cm")),
        ));
    }
    if let Some(w) = p.weight_kg {
        out.push((
            "vital/weight",
            sign(loinc("29463-7", "Body weight"), quantity(w, "kg")),
        ));
    }
    if let (Some(h), Some(w)) = (p.height_cm, p.weight_kg) {
        let bmi = (w / (h / 100.0).powi(2) * 10.0).round() / 10.0;
        out.push((
            "vital/bmi",
            sign(
                loinc("39156-5", "Body mass index (BMI) [Ratio]"),
                quantity(bmi, "kg/m2"),
            ),
        ));
    }
    for (key, o) in out {
        b.add(key, o);
    }
}

fn per_minute(n: u32, unit: &str) -> Value {
    json!({ "value": n, "unit": unit, "system": codes::UCUM, "code": "/min" })
}

/// The measure catalogue's LOINC code for a test, else its name as text.
fn measure_code(b: &Builder, name: &str) -> Value {
    match b
        .kb
        .and_then(|kb| kb.measure(name))
        .and_then(|m| m.loinc.as_deref())
    {
        Some(code) => codes::concept_with_text(LOINC, code, name, name),
        None => text(name),
    }
}

fn lab(b: &Builder, l: &Lab) -> Value {
    json!({
        "resourceType": "Observation",
        "status": "final",
        "category": category("laboratory"),
        "code": measure_code(b, &l.name),
        "subject": b.patient(),
        "valueQuantity": quantity(l.value, &l.unit),
        "interpretation": interpretation(l.flag),
        "referenceRange": reference_range(l.reference, &l.unit),
    })
}

fn study(b: &Builder, s: &Study) -> Value {
    let kind = match b.kb.and_then(|kb| kb.measure(&s.name)).map(|m| m.kind) {
        Some(crate::knowledge::MeasureKind::Scale) => "survey",
        Some(crate::knowledge::MeasureKind::Lab) => "laboratory",
        _ => "procedure",
    };
    let mut o = json!({
        "resourceType": "Observation",
        "status": "final",
        "category": category(kind),
        "code": measure_code(b, &s.name),
        "subject": b.patient(),
    });
    match (s.value, &s.unit) {
        (Some(v), Some(unit)) => {
            o["valueQuantity"] = quantity(v, unit);
            o["note"] = json!([{ "text": s.result }]);
            if let Some(r) = s.reference {
                o["referenceRange"] = reference_range(r, unit);
            }
            if let Some(f) = s.flag {
                o["interpretation"] = interpretation(f);
            }
        }
        _ => o["valueString"] = json!(s.result),
    }
    o
}
