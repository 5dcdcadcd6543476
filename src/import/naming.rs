//! What an imported case is called and filed under: its id, the patient's
//! name, the diagnosis's ICD-10 code and department, and the chief complaint.

use crate::case::{Department, Severity, Sex, Symptom};
use crate::knowledge::KnowledgeBase;

/// What is known about a diagnosis by its name.
#[derive(Debug, Default)]
pub struct Known {
    pub icd10: Option<String>,
    pub department: Option<Department>,
}

/// ICD-10-CM codes of diagnoses that AgentClinic cases name, by a phrase of the name.
const ICD10: &[(&str, &str)] = &[
    ("myasthenia gravis", "G70.00"),
    ("progressive multifocal", "A81.2"),
    ("hirschsprung", "Q43.1"),
    ("diffuse large b-cell lymphoma", "C83.30"),
    ("acute interstitial nephritis", "N10"),
    ("appendicitis", "K35.80"),
    ("cholecystitis", "K81.0"),
    ("pancreatitis", "K85.90"),
    ("pyelonephritis", "N10"),
    ("multiple sclerosis", "G35"),
    ("guillain-barre", "G61.0"),
    ("guillain-barré", "G61.0"),
    ("parkinson", "G20"),
    ("pulmonary embolism", "I26.99"),
    ("myocardial infarction", "I21.9"),
    ("pneumonia", "J18.9"),
    ("sarcoidosis", "D86.9"),
    ("systemic lupus erythematosus", "M32.9"),
    ("rheumatoid arthritis", "M06.9"),
    ("gout", "M10.9"),
    ("iron deficiency anemia", "D50.9"),
    ("celiac disease", "K90.0"),
    ("crohn", "K50.90"),
    ("ulcerative colitis", "K51.90"),
    ("kawasaki", "M30.3"),
    ("hypothyroidism", "E03.9"),
    ("graves", "E05.00"),
    ("type 2 diabetes", "E11.9"),
];

/// A diagnosis's code and department: the knowledge base's outline of that
/// disease when there is one, else the table above (code only).
pub fn diagnosis(name: &str, kb: Option<&KnowledgeBase>) -> Known {
    let lower = name.to_lowercase();
    if let Some(o) = kb.and_then(|kb| {
        kb.outlines.iter().find(|o| {
            o.name.eq_ignore_ascii_case(name)
                || o.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        })
    }) {
        return Known {
            icd10: Some(o.icd10.clone()),
            department: Some(o.department),
        };
    }
    Known {
        icd10: ICD10
            .iter()
            .find(|(phrase, _)| lower.contains(phrase))
            .map(|(_, code)| code.to_string()),
        department: None,
    }
}

/// Word stems that place a case in one of the six departments, most specific first.
const DEPARTMENTS: &[(Department, &[&str])] = &[
    (
        Department::Ophthalmology,
        &[
            "eye",
            "vision",
            "visual",
            "retin",
            "glaucoma",
            "cataract",
            "diplopia",
            "ocular",
            "uveitis",
            "conjunctiv",
            "kerat",
            "optic",
        ],
    ),
    (
        Department::Urology,
        &[
            "kidney", "renal", "nephr", "urin", "bladder", "prostat", "ureter", "testic", "flank",
            "pyelo", "dysuria", "scrot",
        ],
    ),
    (
        Department::Endocrinology,
        &[
            "thyroid", "diabet", "adrenal", "pituitar", "cushing", "addison", "hormon", "insulin",
            "endocrin", "glycaem", "glycem",
        ],
    ),
    (
        Department::Psychiatry,
        &[
            "depress",
            "anxiety",
            "bipolar",
            "schizo",
            "psychos",
            "psychiatr",
            "panic",
            "obsessive",
            "anorexia",
            "bulimia",
            "suicid",
        ],
    ),
    (
        Department::Orthopedics,
        &[
            "bone",
            "joint",
            "fractur",
            "arthrit",
            "spine",
            "spinal",
            "tendon",
            "ligament",
            "osteo",
            "knee",
            "hip ",
            "shoulder",
            "back pain",
            "sciatic",
            "carpal",
        ],
    ),
    (
        Department::GeneralSurgery,
        &[
            "abdom",
            "bowel",
            "hernia",
            "appendic",
            "cholecyst",
            "pancrea",
            "gallbladder",
            "colon",
            "rectal",
            "stomach",
            "belly",
        ],
    ),
];

/// The department a text's words point to, and the word; general surgery when none does.
pub fn department_by_words(text: &str) -> (Department, Option<&'static str>) {
    let t = text.to_lowercase();
    for (d, stems) in DEPARTMENTS {
        if let Some(w) = stems.iter().find(|w| t.contains(*w)) {
            return (*d, Some(w));
        }
    }
    (Department::GeneralSurgery, None)
}

pub fn severity(diagnosis: &str) -> Option<Severity> {
    let t = diagnosis.to_lowercase();
    Severity::ALL.into_iter().find(|s| t.contains(s.name()))
}

/// `myasthenia-gravis-agentclinic-00001`: the diagnosis (as generated ids name
/// theirs) and the source line, so that importing a file again writes the same files.
pub fn case_id(diagnosis: &str, line: usize) -> String {
    let mut slug = String::new();
    for c in diagnosis.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_matches('-').to_string();
    if slug.len() > 48 {
        let cut = slug[..48].rfind('-').unwrap_or(48);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug = "case".into();
    }
    format!("{slug}-agentclinic-{line:05}")
}

/// A name from the knowledge base's pools, chosen by a hash of the source
/// line, so the same line always gives the same patient.
pub fn patient_name(line: &str, sex: Sex, kb: Option<&KnowledgeBase>) -> String {
    let h = line.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let pools = kb.map(|kb| &kb.priors.names[..]).unwrap_or(&[]);
    let Some(pool) = pools.get((h % pools.len().max(1) as u64) as usize) else {
        return if sex == Sex::Female {
            "Alex Doe".into()
        } else {
            "Sam Doe".into()
        };
    };
    let given = match sex {
        Sex::Female => &pool.female,
        Sex::Male => &pool.male,
    };
    let pick = |list: &[String], salt: u64| -> String {
        list.get(((h >> salt) % list.len().max(1) as u64) as usize)
            .cloned()
            .unwrap_or_else(|| "Doe".into())
    };
    format!("{} {}", pick(given, 17), pick(&pool.surnames, 37))
}

/// The reason for the visit in the patient's words, from the first symptoms.
pub fn chief_complaint(symptoms: &[Symptom]) -> String {
    let lays: Vec<&str> = symptoms.iter().take(3).map(|s| s.lay.as_str()).collect();
    let list = match lays.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    format!("I've come in because of {list}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_codes_and_departments() {
        assert_eq!(
            case_id("Progressive multifocal encephalopathy (PML)", 2),
            "progressive-multifocal-encephalopathy-pml-agentclinic-00002"
        );
        assert_eq!(
            diagnosis("Myasthenia gravis", None).icd10.as_deref(),
            Some("G70.00")
        );
        assert_eq!(diagnosis("Some rare thing", None).icd10, None);
        assert_eq!(
            department_by_words("double vision").0,
            Department::Ophthalmology
        );
        assert_eq!(
            department_by_words("Acute interstitial nephritis").0,
            Department::Urology
        );
        assert_eq!(
            department_by_words("gait ataxia"),
            (Department::GeneralSurgery, None)
        );
    }
}
