//! The examiner's side of an AgentClinic case: vital signs, examination
//! findings and test results, none of which the patient knows.

use super::Assumed;
use crate::case::{Examination, Finding, Imaging, Lab, Sex, Study};
use crate::knowledge::KnowledgeBase;
use serde_json::Value;

/// "Neurological_Examination" reads as "neurological", "Chest_CT" as "chest CT".
pub(super) fn words(key: &str) -> String {
    let k = key.replace('_', " ");
    let k = k
        .trim_end_matches(" Examination")
        .trim_end_matches(" Exam")
        .trim();
    k.split(' ')
        .map(|w| {
            if w.len() > 1
                && w.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase())
            {
                w.to_string()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every leaf of a nested section, with the path of keys above it.
pub(super) fn leaves(v: &Value, path: &mut Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(k.clone());
                leaves(x, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            let text: Vec<String> = a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect();
            if !text.is_empty() {
                out.push((path.clone(), text.join("; ")));
            }
        }
        Value::String(s) if !s.trim().is_empty() => out.push((path.clone(), s.trim().to_string())),
        Value::Number(n) => out.push((path.clone(), n.to_string())),
        Value::Bool(b) => out.push((path.clone(), b.to_string())),
        _ => {}
    }
}

pub(super) fn first_number(text: &str) -> Option<f64> {
    let t: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_digit() || c == '.' {
                c
            } else {
                ' '
            }
        })
        .collect();
    t.split_whitespace()
        .find_map(|w| w.trim_matches('.').parse().ok())
}

const IMAGING: &[&str] = &[
    "CT",
    "MRI",
    "X-ray",
    "Xray",
    "ultrasound",
    "Ultrasound",
    "PET",
    "scan",
    "Scan",
    "angiography",
    "Angiography",
    "barium",
    "Barium",
    "enema",
    "Enema",
    "radiograph",
    "echocardiogram",
    "Echocardiogram",
    "imaging",
    "Imaging",
];
/// Group headings that add nothing to a test's name.
const GROUPS: &[&str] = &[
    "blood tests",
    "blood test",
    "blood work",
    "laboratory tests",
    "labs",
    "serum biochemistry",
    "imaging",
    "findings",
    "comments",
    "results",
    "result",
];

pub fn examination(
    src_exam: &Value,
    src_tests: &Value,
    age: u32,
    sex: Sex,
    kb: Option<&KnowledgeBase>,
    assumed: &mut Assumed,
) -> Examination {
    let mut findings = Vec::new();
    let mut vital_section = &Value::Null;
    let mut rest = Vec::new();
    if let Value::Object(m) = src_exam {
        for (k, x) in m {
            if k.to_lowercase().contains("vital") {
                vital_section = x;
            } else {
                let mut path = vec![k.clone()];
                leaves(x, &mut path, &mut rest);
            }
        }
    } else {
        leaves(src_exam, &mut Vec::new(), &mut rest);
    }
    let vitals = super::vitals::vitals(vital_section, age, &mut findings, assumed);
    for (path, text) in rest {
        let system = path
            .iter()
            .map(|k| words(k))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(": ");
        findings.push(Finding {
            system: if system.is_empty() {
                "general".into()
            } else {
                system
            },
            finding: text,
        });
    }

    let (mut labs, mut imaging, mut studies) = (Vec::<Lab>::new(), Vec::new(), Vec::new());
    let mut tests = Vec::new();
    leaves(src_tests, &mut Vec::new(), &mut tests);
    // Leaves of one imaging study ("Findings", "Comments") make one finding.
    let mut images: Vec<(String, Vec<String>)> = Vec::new();
    for (path, text) in tests {
        let named: Vec<String> = path
            .iter()
            .map(|k| words(k))
            .filter(|w| !GROUPS.contains(&w.to_lowercase().as_str()))
            .collect();
        // The most specific key that names a modality ("Chest_CT" under "Imaging").
        let study_key = path.iter().rev().find(|k| {
            !GROUPS.contains(&words(k).to_lowercase().as_str())
                && IMAGING.iter().any(|m| {
                    k.replace('_', " ")
                        .split(' ')
                        .any(|w| w.eq_ignore_ascii_case(m))
                })
        });
        if let Some(k) = study_key {
            let name = words(k);
            match images.iter_mut().find(|(n, _)| *n == name) {
                Some((_, f)) => f.push(text),
                None => images.push((name, vec![text])),
            }
            continue;
        }
        let name = named.join(": ");
        let name = if name.is_empty() {
            "test".to_string()
        } else {
            name
        };
        // A number in the catalogue's unit is a lab, flagged against the catalogue's reference.
        let measure = kb.and_then(|kb| kb.measure(&name));
        let value = first_number(&text);
        if let (Some(m), Some(value)) = (measure, value) {
            let unit_ok = text
                .replace(' ', "")
                .to_lowercase()
                .contains(&m.unit.replace(' ', "").to_lowercase());
            if unit_ok
                && m.bounds.contains(value)
                && !labs.iter().any(|l| l.name.eq_ignore_ascii_case(&m.name))
            {
                let reference = m.reference_for(sex);
                labs.push(Lab {
                    name: m.name.clone(),
                    value,
                    unit: m.unit.clone(),
                    reference,
                    flag: reference.flag(value),
                    patient_knows: false,
                });
                continue;
            }
        }
        studies.push(Study {
            name,
            value: None,
            unit: None,
            reference: None,
            flag: None,
            result: text,
            patient_knows: false,
        });
    }
    for (name, found) in images {
        let (modality, region) = split_modality(&name);
        imaging.push(Imaging {
            modality,
            region,
            finding: found.join("; "),
            patient_knows: false,
        });
    }
    Examination {
        vitals,
        findings,
        labs,
        imaging,
        studies,
    }
}

/// "chest CT" is a CT of the chest; "barium enema" has no region in its name.
fn split_modality(name: &str) -> (String, String) {
    let (mut modality, mut region) = (Vec::new(), Vec::new());
    for w in name.split(' ') {
        if IMAGING.iter().any(|m| m.eq_ignore_ascii_case(w)) {
            modality.push(w);
        } else {
            region.push(w);
        }
    }
    let modality = if modality.is_empty() {
        name.to_string()
    } else {
        modality.join(" ")
    };
    let region = match region.join(" ").trim() {
        "" if modality.to_lowercase().contains("enema") => "colon".to_string(),
        "" => "body".to_string(),
        "abdominal" => "abdomen".to_string(),
        r => r.to_string(),
    };
    (modality, region)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modalities_and_regions() {
        assert_eq!(split_modality("chest CT"), ("CT".into(), "chest".into()));
        assert_eq!(split_modality("MRI brain"), ("MRI".into(), "brain".into()));
        assert_eq!(
            split_modality("barium enema"),
            ("barium enema".into(), "colon".into())
        );
    }
}
