//! The patient's story: symptoms and history must be internally consistent
//! and possible for this patient's age and sex.

use super::Issue;
use crate::case::{History, Negative, Patient, Sex, Social, Symptom, VaccinationStatus};

/// Words that mark a procedure or condition as belonging to one sex.
const FEMALE_ONLY: &[&str] = &[
    "caesarean",
    "cesarean",
    "hysterectomy",
    "oophorectomy",
    "endometriosis",
    "polycystic ovary",
    "pre-eclampsia",
    "gestational",
    "ovarian",
    "uterine",
    "tubal ligation",
];
const MALE_ONLY: &[&str] = &["prostat", "vasectomy", "orchi", "testic", "erectile"];

/// The sex a procedure or condition requires, if any.
pub fn sex_of(text: &str) -> Option<Sex> {
    let t = text.to_ascii_lowercase();
    if FEMALE_ONLY.iter().any(|w| t.contains(w)) {
        Some(Sex::Female)
    } else if MALE_ONLY.iter().any(|w| t.contains(w)) {
        Some(Sex::Male)
    } else {
        None
    }
}

fn years(age: u32) -> f64 {
    f64::from(age) * 365.25 + 365.0
}

pub fn check_story(
    p: &Patient,
    symptoms: &[Symptom],
    negatives: &[Negative],
    h: &History,
    social: &Social,
) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut bad = |field: String, msg: String| out.push(Issue::new(field, msg));
    let life = years(p.age);
    if symptoms.is_empty() {
        bad(
            "symptoms".into(),
            "a case needs at least one symptom".into(),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for (i, s) in symptoms.iter().enumerate() {
        let at = |k: &str| format!("symptoms[{i}].{k}");
        if s.name.trim().is_empty() {
            bad(at("name"), "must not be empty".into());
        }
        if !seen.insert(s.name.to_ascii_lowercase()) {
            bad(at("name"), format!("`{}` is listed twice", s.name));
        }
        if s.lay.trim().is_empty() {
            bad(at("lay"), "must not be empty".into());
        }
        if let Some(n) = s.intensity {
            if n > 10 {
                bad(at("intensity"), format!("{n} is not on the 0-10 scale"));
            }
        }
        if s.duration.days() > s.onset.ago.days() * 1.01 + 1.0 {
            bad(
                at("duration"),
                format!(
                    "lasting {} is longer than the {} since it began",
                    s.duration, s.onset.ago
                ),
            );
        }
        if s.onset.ago.days() > life {
            bad(
                at("onset.ago"),
                format!(
                    "began {} ago, before a {}-year-old was born",
                    s.onset.ago, p.age
                ),
            );
        }
    }
    let mut seen_neg = std::collections::HashSet::new();
    for (i, n) in negatives.iter().enumerate() {
        if symptoms
            .iter()
            .any(|s| s.name.eq_ignore_ascii_case(&n.name))
        {
            bad(
                format!("pertinent_negatives[{i}].name"),
                format!("`{}` is both present and denied", n.name),
            );
        }
        if !seen_neg.insert(n.name.to_ascii_lowercase()) {
            bad(
                format!("pertinent_negatives[{i}].name"),
                format!("`{}` is listed twice", n.name),
            );
        }
    }

    for (i, c) in h.conditions.iter().enumerate() {
        if c.condition.trim().is_empty() {
            bad(
                format!("history.conditions[{i}].condition"),
                "must not be empty".into(),
            );
        }
        if c.diagnosed_ago.days() > life {
            bad(
                format!("history.conditions[{i}].diagnosed_ago"),
                format!(
                    "diagnosed {} ago, before a {}-year-old was born",
                    c.diagnosed_ago, p.age
                ),
            );
        }
        if let Some(sex) = sex_of(&c.condition) {
            if sex != p.sex {
                bad(
                    format!("history.conditions[{i}].condition"),
                    format!("{} is a {sex}-only condition", c.condition),
                );
            }
        }
    }
    for (i, s) in h.surgeries.iter().enumerate() {
        if s.ago.days() > life {
            bad(
                format!("history.surgeries[{i}].ago"),
                format!(
                    "operated {} ago, before a {}-year-old was born",
                    s.ago, p.age
                ),
            );
        }
        if let Some(sex) = sex_of(&s.procedure) {
            if sex != p.sex {
                bad(
                    format!("history.surgeries[{i}].procedure"),
                    format!("{} is a {sex}-only operation", s.procedure),
                );
            }
        }
        let lower = s.procedure.to_ascii_lowercase();
        if (lower.contains("caesarean") || lower.contains("cesarean"))
            && h.reproductive.as_ref().is_none_or(|r| r.births == 0)
        {
            bad(
                format!("history.surgeries[{i}].procedure"),
                "a caesarean section without a recorded birth".into(),
            );
        }
    }
    let mut procedures = std::collections::HashSet::new();
    for (i, s) in h.surgeries.iter().enumerate() {
        let lower = s.procedure.to_ascii_lowercase();
        // Organs removed whole cannot be removed twice.
        if lower.ends_with("ectomy")
            && !lower.contains("partial")
            && !procedures.insert(lower.clone())
        {
            bad(
                format!("history.surgeries[{i}].procedure"),
                format!("{} is recorded twice", s.procedure),
            );
        }
    }
    for (i, m) in h.medications.iter().enumerate() {
        for (k, v) in [
            ("name", &m.name),
            ("dose", &m.dose),
            ("frequency", &m.frequency),
            ("purpose", &m.purpose),
        ] {
            if v.trim().is_empty() {
                bad(
                    format!("history.medications[{i}].{k}"),
                    "must not be empty".into(),
                );
            }
        }
    }
    for (i, a) in h.allergies.iter().enumerate() {
        if a.substance.trim().is_empty() || a.reaction.trim().is_empty() {
            bad(
                format!("history.allergies[{i}]"),
                "an allergy needs a substance and a reaction".into(),
            );
        }
    }
    for (i, v) in h.vaccinations.iter().enumerate() {
        if let Some(last) = v.last_dose_ago {
            if v.status == VaccinationStatus::Never {
                bad(
                    format!("history.vaccinations[{i}].last_dose_ago"),
                    "never vaccinated, yet a last dose is given".into(),
                );
            }
            if last.days() > life {
                bad(
                    format!("history.vaccinations[{i}].last_dose_ago"),
                    format!("a dose {last} ago, before a {}-year-old was born", p.age),
                );
            }
        }
    }
    for (i, s) in social.stressors.iter().enumerate() {
        if s.trim().is_empty() {
            bad(format!("social.stressors[{i}]"), "must not be empty".into());
        }
    }
    out
}

/// Relatives must be possible for the patient (no adult children at 12) and
/// sex-specific conditions must fit the relative.
pub fn check_family(p: &Patient, family: &[crate::case::FamilyHistory]) -> Vec<Issue> {
    let mut out = Vec::new();
    for (i, f) in family.iter().enumerate() {
        if f.relative.is_descendant() && p.age < 20 {
            out.push(Issue::new(
                format!("history.family[{i}].relative"),
                format!(
                    "a {}-year-old with a {} who has {}",
                    p.age, f.relative, f.condition
                ),
            ));
        }
        if let Some(sex) = sex_of(&f.condition) {
            if sex != f.relative.sex() {
                out.push(Issue::new(
                    format!("history.family[{i}].condition"),
                    format!("a {} cannot have {}", f.relative, f.condition),
                ));
            }
        }
        if f.condition.trim().is_empty() {
            out.push(Issue::new(
                format!("history.family[{i}].condition"),
                "must not be empty",
            ));
        }
    }
    out
}
