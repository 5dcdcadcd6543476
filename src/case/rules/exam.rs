//! The examination: values a living body can have, flags that match their
//! reference intervals, and findings that agree with the symptoms.

use super::Issue;
use crate::case::{Course, Examination, Negative, Patient, Range, Symptom};
use crate::knowledge::KnowledgeBase;

/// Physiological bounds of the vital signs: values outside are not compatible with a patient who can talk.
pub const VITAL_BOUNDS: [(&str, Range); 6] = [
    (
        "temperature_c",
        Range {
            low: 30.0,
            high: 44.0,
        },
    ),
    (
        "heart_rate",
        Range {
            low: 20.0,
            high: 250.0,
        },
    ),
    (
        "systolic_bp",
        Range {
            low: 50.0,
            high: 260.0,
        },
    ),
    (
        "diastolic_bp",
        Range {
            low: 20.0,
            high: 160.0,
        },
    ),
    (
        "respiratory_rate",
        Range {
            low: 4.0,
            high: 60.0,
        },
    ),
    (
        "spo2",
        Range {
            low: 50.0,
            high: 100.0,
        },
    ),
];

/// A measured temperature at or above this is a fever.
pub const FEVER_C: f64 = 38.0;

/// Symptoms a measured value must show: when the patient has the symptom the
/// value is at least `min_present`; when they deny it, it is below `max_denied`.
pub struct SymptomMeasure {
    pub symptom: &'static str,
    pub measure: &'static str,
    pub min_present: f64,
    pub max_denied: f64,
}

/// Visible jaundice appears at a total bilirubin of about 2.5-3 mg/dL.
pub const SYMPTOM_MEASURES: [SymptomMeasure; 1] = [SymptomMeasure {
    symptom: "jaundice",
    measure: "bilirubin_total",
    min_present: 2.5,
    max_denied: 3.0,
}];

/// Whether a symptom name is the patient reporting fever.
pub fn fever_in(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "fever"
        || n.starts_with("fever ")
        || n.ends_with(" fever")
        || n.contains("high temperature")
}

fn same_unit(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
            .replace(['µ', 'μ'], "u")
    };
    norm(a) == norm(b)
}

/// A fever the patient has (and not one that comes and goes) shows in the
/// measured temperature. A generated record keeps this rule; an imported one
/// reports the source's own reading, which may have been taken between bouts.
pub fn check_reported_fever(symptoms: &[Symptom], x: &Examination) -> Vec<Issue> {
    let t = x.vitals.temperature_c;
    symptoms
        .iter()
        .filter(|s| fever_in(&s.name) && s.course != Course::Intermittent && t < FEVER_C)
        .map(|s| {
            Issue::new(
                "examination.vitals.temperature_c",
                format!(
                    "the patient has {} but the temperature is {t} °C (fever is {FEVER_C} °C or more)",
                    s.name
                ),
            )
        })
        .collect()
}

pub fn check_exam(
    p: &Patient,
    symptoms: &[Symptom],
    negatives: &[Negative],
    x: &Examination,
    kb: Option<&KnowledgeBase>,
) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut bad = |field: String, msg: String| out.push(Issue::new(field, msg));
    let v = &x.vitals;
    let values = [
        v.temperature_c,
        f64::from(v.heart_rate),
        f64::from(v.systolic_bp),
        f64::from(v.diastolic_bp),
        f64::from(v.respiratory_rate),
        f64::from(v.spo2),
    ];
    for ((name, bounds), value) in VITAL_BOUNDS.iter().zip(values) {
        if !bounds.contains(value) {
            bad(
                format!("examination.vitals.{name}"),
                format!(
                    "{value} is outside physiological bounds [{}, {}]",
                    bounds.low, bounds.high
                ),
            );
        }
    }
    if v.diastolic_bp >= v.systolic_bp {
        bad(
            "examination.vitals.diastolic_bp".into(),
            format!(
                "diastolic {} is not below systolic {}",
                v.diastolic_bp, v.systolic_bp
            ),
        );
    }
    if negatives.iter().any(|n| fever_in(&n.name)) && v.temperature_c >= FEVER_C {
        bad(
            "examination.vitals.temperature_c".into(),
            format!(
                "fever is denied but the temperature is {} °C",
                v.temperature_c
            ),
        );
    }

    if let Some(kb) = kb {
        for rule in &SYMPTOM_MEASURES {
            let has = symptoms
                .iter()
                .any(|s| s.name.to_ascii_lowercase().contains(rule.symptom));
            let denied = negatives
                .iter()
                .any(|n| n.name.to_ascii_lowercase().contains(rule.symptom));
            for (i, lab) in x.labs.iter().enumerate() {
                if kb.measure(&lab.name).is_none_or(|m| m.id != rule.measure) {
                    continue;
                }
                if has && lab.value < rule.min_present {
                    bad(
                        format!("examination.labs[{i}].value"),
                        format!(
                            "the patient has {} but {} is only {} {}",
                            rule.symptom, lab.name, lab.value, lab.unit
                        ),
                    );
                }
                if denied && lab.value >= rule.max_denied {
                    bad(
                        format!("examination.labs[{i}].value"),
                        format!(
                            "{} is denied but {} is {} {}",
                            rule.symptom, lab.name, lab.value, lab.unit
                        ),
                    );
                }
            }
        }
    }
    let mut names = std::collections::HashSet::new();
    for (i, lab) in x.labs.iter().enumerate() {
        let at = |k: &str| format!("examination.labs[{i}].{k}");
        if lab.name.trim().is_empty() {
            bad(at("name"), "must not be empty".into());
        }
        if !names.insert(lab.name.to_ascii_lowercase()) {
            bad(at("name"), format!("{} is reported twice", lab.name));
        }
        if lab.unit.trim().is_empty() {
            bad(at("unit"), format!("{} has no unit", lab.name));
        }
        if !lab.value.is_finite() {
            bad(at("value"), "must be a number".into());
        }
        if !lab.reference.is_ordered() {
            bad(
                at("reference"),
                format!(
                    "[{}, {}] is not in order (low, high)",
                    lab.reference.low, lab.reference.high
                ),
            );
        } else if lab.flag != lab.reference.flag(lab.value) {
            bad(
                at("flag"),
                format!(
                    "{} {} against [{}, {}] is {}, not {}",
                    lab.value,
                    lab.unit,
                    lab.reference.low,
                    lab.reference.high,
                    lab.reference.flag(lab.value),
                    lab.flag
                ),
            );
        }
        if let Some(m) = kb.and_then(|kb| kb.measure(&lab.name)) {
            if !lab.unit.trim().is_empty() && !same_unit(&lab.unit, &m.unit) {
                bad(
                    at("unit"),
                    format!("{} is reported in {}, not {}", lab.name, m.unit, lab.unit),
                );
            }
            if !m.bounds.contains(lab.value) {
                bad(
                    at("value"),
                    format!(
                        "{} {} is outside physiological bounds [{}, {}]",
                        lab.value, lab.unit, m.bounds.low, m.bounds.high
                    ),
                );
            }
            if m.reference_by_sex.is_some()
                && lab.reference != m.reference_for(p.sex)
                && lab.reference != m.reference
            {
                bad(
                    at("reference"),
                    format!(
                        "the reference for a {} is [{}, {}]",
                        p.sex,
                        m.reference_for(p.sex).low,
                        m.reference_for(p.sex).high
                    ),
                );
            }
        }
    }
    for (i, s) in x.studies.iter().enumerate() {
        let at = |k: &str| format!("examination.studies[{i}].{k}");
        if s.name.trim().is_empty() {
            bad(at("name"), "must not be empty".into());
        }
        if s.result.trim().is_empty() {
            bad(at("result"), "must not be empty".into());
        }
        if let Some(value) = s.value {
            if s.unit.as_deref().is_none_or(|u| u.trim().is_empty()) {
                bad(at("unit"), format!("{} has a value but no unit", s.name));
            }
            if let (Some(r), Some(flag)) = (s.reference, s.flag) {
                if r.flag(value) != flag {
                    bad(
                        at("flag"),
                        format!(
                            "{value} against [{}, {}] is {}, not {flag}",
                            r.low,
                            r.high,
                            r.flag(value)
                        ),
                    );
                }
            }
            if let Some(m) = kb.and_then(|kb| kb.measure(&s.name)) {
                if let Some(unit) = &s.unit {
                    if !same_unit(unit, &m.unit) {
                        bad(
                            at("unit"),
                            format!("{} is reported in {}, not {unit}", s.name, m.unit),
                        );
                    }
                }
                if !m.bounds.contains(value) {
                    bad(
                        at("value"),
                        format!(
                            "{value} is outside the possible range [{}, {}]",
                            m.bounds.low, m.bounds.high
                        ),
                    );
                }
            }
        } else if s.flag.is_some() || s.reference.is_some() {
            bad(at("value"), "a flag or reference needs a value".into());
        }
    }
    for (i, f) in x.findings.iter().enumerate() {
        if f.system.trim().is_empty() || f.finding.trim().is_empty() {
            bad(
                format!("examination.findings[{i}]"),
                "a finding needs a system and a finding".into(),
            );
        }
    }
    for (i, im) in x.imaging.iter().enumerate() {
        if im.modality.trim().is_empty()
            || im.region.trim().is_empty()
            || im.finding.trim().is_empty()
        {
            bad(
                format!("examination.imaging[{i}]"),
                "imaging needs a modality, a region and a finding".into(),
            );
        }
    }
    out
}
