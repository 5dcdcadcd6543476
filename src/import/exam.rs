//! The examiner's side of an AgentClinic case: vital signs, examination
//! findings and test results, none of which the patient knows.

use super::Assumed;
use crate::case::{Examination, Finding, Imaging, Lab, Sex, Study, Vitals};
use crate::knowledge::KnowledgeBase;
use serde_json::Value;

/// "Neurological_Examination" reads as "neurological", "Chest_CT" as "chest CT".
fn words(key: &str) -> String {
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
fn leaves(v: &Value, path: &mut Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
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

fn first_number(text: &str) -> Option<f64> {
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

/// Typical resting values by age, for a vital sign the source calls normal or leaves out.
fn typical(age: u32) -> Vitals {
    match age {
        0 => Vitals {
            temperature_c: 37.0,
            heart_rate: 125,
            systolic_bp: 90,
            diastolic_bp: 55,
            respiratory_rate: 30,
            spo2: 98,
        },
        1..=11 => Vitals {
            temperature_c: 37.0,
            heart_rate: 95,
            systolic_bp: 100,
            diastolic_bp: 65,
            respiratory_rate: 20,
            spo2: 98,
        },
        _ => Vitals {
            temperature_c: 37.0,
            heart_rate: 75,
            systolic_bp: 120,
            diastolic_bp: 80,
            respiratory_rate: 16,
            spo2: 98,
        },
    }
}

fn vitals(section: &Value, age: u32, findings: &mut Vec<Finding>, assumed: &mut Assumed) -> Vitals {
    let mut v = typical(age);
    let mut got = [false; 5];
    let mut all = Vec::new();
    leaves(section, &mut Vec::new(), &mut all);
    for (path, text) in all {
        let key = path.join(" ").to_lowercase();
        let n = first_number(&text);
        let slot = if key.contains("temp") {
            n.map(|t| {
                // A Fahrenheit-only reading (100.2°F) is converted; "36.6°C (97.9°F)" is read in Celsius.
                v.temperature_c = if t > 50.0 {
                    ((t - 32.0) / 1.8 * 10.0).round() / 10.0
                } else {
                    t
                };
            });
            0
        } else if key.contains("blood pressure") || key.contains("blood_pressure") || key == "bp" {
            let nums: Vec<u32> = text
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|w| w.parse().ok())
                .collect();
            if let [s, d, ..] = nums[..] {
                (v.systolic_bp, v.diastolic_bp) = (s, d);
            }
            if nums.len() >= 2 { 1 } else { 5 }
        } else if key.contains("heart") || key.contains("pulse") {
            n.map(|x| v.heart_rate = x.round() as u32);
            2
        } else if key.contains("resp") {
            n.map(|x| v.respiratory_rate = x.round() as u32);
            3
        } else if key.contains("oxygen") || key.contains("spo2") || key.contains("saturation") {
            n.map(|x| v.spo2 = x.round() as u32);
            4
        } else {
            5
        };
        let numeric = n.is_some() && slot != 5 || (slot == 1);
        if slot < 5 && numeric {
            got[slot] = true;
        } else {
            // What is said in words ("Within normal range") is kept as the examiner wrote it.
            findings.push(Finding {
                system: "vital signs".into(),
                finding: format!(
                    "{}: {}",
                    words(path.last().map_or("", |s| s.as_str())),
                    text
                ),
            });
        }
    }
    let names = [
        "temperature_c",
        "blood pressure",
        "heart_rate",
        "respiratory_rate",
        "spo2",
    ];
    let values = [
        format!("{} °C", v.temperature_c),
        format!("{}/{} mmHg", v.systolic_bp, v.diastolic_bp),
        format!("{} /min", v.heart_rate),
        format!("{} /min", v.respiratory_rate),
        format!("{} %", v.spo2),
    ];
    for i in 0..5 {
        if !got[i] {
            assumed.note(
                format!("examination.vitals.{}", names[i].replace(' ', "_")),
                format!(
                    "{} (typical for age; the source gives no number)",
                    values[i]
                ),
            );
        }
    }
    v
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
    let vitals = vitals(vital_section, age, &mut findings, assumed);
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
    fn vitals_in_numbers_and_in_words() {
        let mut a = Assumed::default();
        let mut f = Vec::new();
        let v = vitals(
            &serde_json::json!({"Temperature": "36.6°C (97.9°F)", "Blood_Pressure": "125/80 mmHg", "Heart_Rate": "72 bpm", "Respiratory_Rate": "Within normal range"}),
            35,
            &mut f,
            &mut a,
        );
        assert_eq!(
            (v.temperature_c, v.systolic_bp, v.diastolic_bp, v.heart_rate),
            (36.6, 125, 80, 72)
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            a.0.iter()
                .any(|x| x.starts_with("examination.vitals.respiratory_rate")),
            "{:?}",
            a.0
        );
        assert!(
            a.0.iter().any(|x| x.starts_with("examination.vitals.spo2")),
            "{:?}",
            a.0
        );
    }

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
