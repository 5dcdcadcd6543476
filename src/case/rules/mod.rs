//! The rule checks of a record. The same rules serve the generator's
//! checkpoints (one group per stage) and `patient-zero validate`.

mod exam;
mod fit;
mod people;
mod story;

pub use exam::{
    FEVER_C, SYMPTOM_MEASURES, SymptomMeasure, VITAL_BOUNDS, check_exam, check_reported_fever,
    fever_in,
};
pub use fit::{fit_exam, fit_history, fit_person};
pub use people::{check_person, drinks_range};
pub use story::{check_family, check_story, sex_of};

use super::Case;
use crate::knowledge::KnowledgeBase;

/// A broken rule, at a field path such as `social.smoking.status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub field: String,
    pub message: String,
}

impl Issue {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Issue {
            field: field.into(),
            message: crate::problem::fix_articles(message.into()),
        }
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// `K85.1`, `F40.10`, `M54.3`: a letter, two digits, optionally a dot and up to four more.
pub fn is_icd10(code: &str) -> bool {
    let b = code.as_bytes();
    if b.len() < 3
        || !b[0].is_ascii_uppercase()
        || !b[1].is_ascii_digit()
        || !b[2].is_ascii_alphanumeric()
    {
        return false;
    }
    match &b[3..] {
        [] => true,
        [b'.', rest @ ..] => {
            (1..=4).contains(&rest.len()) && rest.iter().all(u8::is_ascii_alphanumeric)
        }
        _ => false,
    }
}

/// Every rule a finished record must keep; with a knowledge base, also the
/// units and bounds of the measure catalogue and the limits of its outline.
pub fn check_case(case: &Case, kb: Option<&KnowledgeBase>) -> Vec<Issue> {
    let mut out = Vec::new();
    if case.schema != super::SCHEMA_VERSION {
        out.push(Issue::new(
            "schema",
            format!(
                "schema {} is not supported (this build reads {})",
                case.schema,
                super::SCHEMA_VERSION
            ),
        ));
    }
    if case.id.trim().is_empty()
        || !case
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        out.push(Issue::new(
            "id",
            format!("`{}` is not an id (letters, digits, - and _)", case.id),
        ));
    }
    let imported = case.is_imported();
    if imported {
        out.extend(check_imported(case));
    }
    // An imported diagnosis may have no code; a code given is checked all the same.
    let may_omit = imported && case.disease.icd10.is_empty();
    if !may_omit && !is_icd10(&case.disease.icd10) {
        out.push(Issue::new(
            "disease.icd10",
            format!(
                "`{}` is not an ICD-10 code (letter, two digits, optional .digits)",
                case.disease.icd10
            ),
        ));
    }
    if case.disease.name.trim().is_empty() {
        out.push(Issue::new("disease.name", "must not be empty"));
    }
    if case.chief_complaint.trim().is_empty() {
        out.push(Issue::new("chief_complaint", "must not be empty"));
    }
    // NaN and infinities (`.nan`, `.inf` in YAML) are not measurements; the
    // rules below would only report nonsense about them.
    let numbers = [
        ("patient.height_cm".to_string(), case.patient.height_cm),
        ("patient.weight_kg".to_string(), case.patient.weight_kg),
        (
            "examination.vitals.temperature_c".to_string(),
            Some(case.examination.vitals.temperature_c),
        ),
    ]
    .into_iter()
    .chain(
        case.examination
            .labs
            .iter()
            .enumerate()
            .map(|(i, l)| (format!("examination.labs[{i}].value"), Some(l.value))),
    )
    .chain(
        case.examination
            .studies
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("examination.studies[{i}].value"), s.value)),
    );
    let not_finite: Vec<Issue> = numbers
        .filter(|(_, v)| v.is_some_and(|v| !v.is_finite()))
        .map(|(field, _)| Issue::new(field, "must be a finite number"))
        .collect();
    if !not_finite.is_empty() {
        out.extend(not_finite);
        return out;
    }
    out.extend(check_person(
        &case.patient,
        &case.social,
        case.history.reproductive.as_ref(),
    ));
    out.extend(check_story(
        &case.patient,
        &case.symptoms,
        &case.pertinent_negatives,
        &case.history,
        &case.social,
    ));
    out.extend(check_exam(
        &case.patient,
        &case.symptoms,
        &case.pertinent_negatives,
        &case.examination,
        kb,
    ));
    if !imported {
        out.extend(check_reported_fever(&case.symptoms, &case.examination));
    }
    if let Some(kb) = kb {
        out.extend(check_pregnancy_medicines(&case.history, kb));
        out.extend(check_vaccine_ages(&case.patient, &case.history, kb));
        if let Some(id) = &case.disease.outline {
            match kb.outline(id) {
                None => out.push(Issue::new(
                    "disease.outline",
                    format!("no outline `{id}` in the knowledge base"),
                )),
                Some(o) => {
                    // The disease block names the outline's disease, not another one.
                    if !case.disease.name.eq_ignore_ascii_case(&o.name)
                        && !o
                            .aliases
                            .iter()
                            .any(|a| a.eq_ignore_ascii_case(&case.disease.name))
                    {
                        out.push(Issue::new(
                            "disease.name",
                            format!("outline `{id}` is {}, not {}", o.name, case.disease.name),
                        ));
                    }
                    // A more specific code of the same category (K85.1 for K85.9) is fine.
                    let category = |code: &str| code.get(..3).map(str::to_ascii_uppercase);
                    if category(&case.disease.icd10) != category(&o.icd10) {
                        out.push(Issue::new(
                            "disease.icd10",
                            format!(
                                "{} is coded {} (category {}) in outline `{id}`",
                                o.name,
                                o.icd10,
                                &o.icd10[..3.min(o.icd10.len())]
                            ),
                        ));
                    }
                    if o.department != case.disease.department {
                        out.push(Issue::new(
                            "disease.department",
                            format!("outline `{id}` belongs to {}", o.department.slug()),
                        ));
                    }
                    out.extend(fit_person(
                        &case.patient,
                        case.history.reproductive.as_ref(),
                        o,
                    ));
                    out.extend(fit_history(&case.history, o));
                    out.extend(fit_exam(&case.examination, case.disease.severity, o, kb));
                }
            }
        }
    }
    out
}

/// What an imported record must be: read, not built, so it names no outline
/// and no generator seed, and it says where in its source it came from.
fn check_imported(case: &Case) -> Vec<Issue> {
    let mut out = Vec::new();
    if case.disease.outline.is_some() {
        out.push(Issue::new(
            "disease.outline",
            "an imported case is not built from an outline",
        ));
    }
    if let Some(p) = &case.provenance {
        if p.seed.is_some() || p.index.is_some() {
            out.push(Issue::new(
                "provenance.seed",
                "an imported case has no generator seed or index",
            ));
        }
        if let Some(i) = &p.imported {
            if i.file.trim().is_empty() {
                out.push(Issue::new("provenance.imported.file", "must not be empty"));
            }
            if i.line == 0 {
                out.push(Issue::new(
                    "provenance.imported.line",
                    "lines are counted from 1",
                ));
            }
        }
    }
    out
}

/// No vaccine dose dates from before the youngest age it is given at
/// (a shingles dose 58 years ago in an 82-year-old).
pub fn check_vaccine_ages(
    p: &super::Patient,
    h: &super::History,
    kb: &KnowledgeBase,
) -> Vec<Issue> {
    let mut out = Vec::new();
    for (i, v) in h.vaccinations.iter().enumerate() {
        let (Some(last), Some(prior)) = (
            v.last_dose_ago,
            kb.priors
                .vaccinations
                .iter()
                .find(|x| x.vaccine.eq_ignore_ascii_case(&v.vaccine)),
        ) else {
            continue;
        };
        let first = prior.first_age();
        if first > 0 && last.days() > f64::from(p.age.saturating_sub(first) + 1) * 365.25 {
            out.push(Issue::new(
                format!("history.vaccinations[{i}].last_dose_ago"),
                format!(
                    "a {} dose {last} ago would have been given before age {first}",
                    v.vaccine
                ),
            ));
        }
    }
    out
}

/// A pregnant patient takes no medicine the catalogue marks as avoided in pregnancy,
/// and has not had her womb removed.
pub fn check_pregnancy_medicines(h: &super::History, kb: &KnowledgeBase) -> Vec<Issue> {
    let pregnant = h
        .reproductive
        .as_ref()
        .is_some_and(|r| r.status == super::ReproductiveStatus::Pregnant);
    let mut out = Vec::new();
    if !pregnant {
        return out;
    }
    for (i, m) in h.medications.iter().enumerate() {
        if kb.avoid_in_pregnancy(&m.name) {
            out.push(Issue::new(
                format!("history.medications[{i}].name"),
                format!(
                    "{} is not given in pregnancy, and the patient is pregnant",
                    m.name
                ),
            ));
        }
    }
    for (i, s) in h.surgeries.iter().enumerate() {
        if s.procedure.to_ascii_lowercase().contains("hysterectomy") {
            out.push(Issue::new(
                format!("history.surgeries[{i}].procedure"),
                "pregnant after a hysterectomy",
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icd10_codes() {
        for ok in [
            "K85", "K85.1", "F40.10", "M54.3", "H40.11", "E11.9", "N40.1", "K85.91",
        ] {
            assert!(is_icd10(ok), "{ok}");
        }
        for bad in [
            "",
            "k85",
            "K8",
            "85.1",
            "K85.",
            "K85.12345",
            "K85-1",
            "KK5.1",
        ] {
            assert!(!is_icd10(bad), "{bad}");
        }
    }
}
