//! Vital signs from AgentClinic's `Vital_Signs` section: numbers where the
//! source gives them, its words kept as findings where it gives words, and a
//! typical value for the age, listed as assumed, where it gives no number.

use super::Assumed;
use super::exam::{first_number, leaves, words};
use crate::case::{Finding, Vitals};
use serde_json::Value;

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

pub(super) fn vitals(
    section: &Value,
    age: u32,
    findings: &mut Vec<Finding>,
    assumed: &mut Assumed,
) -> Vitals {
    let mut v = typical(age);
    let mut got = [false; 5];
    let mut all = Vec::new();
    leaves(section, &mut Vec::new(), &mut all);
    for (path, text) in all {
        let key = path.join(" ").to_lowercase();
        let n = first_number(&text);
        // Which of the five signs this is (5: none), and whether a number was read for it.
        let (slot, numeric) = if key.contains("temp") {
            if let Some(t) = n {
                // A Fahrenheit-only reading (100.2°F) is converted; "36.6°C (97.9°F)" is read in Celsius.
                v.temperature_c = if t > 50.0 {
                    ((t - 32.0) / 1.8 * 10.0).round() / 10.0
                } else {
                    t
                };
            }
            (0, n.is_some())
        } else if key.contains("blood pressure") || key.contains("blood_pressure") || key == "bp" {
            let nums: Vec<u32> = text
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|w| w.parse().ok())
                .collect();
            if let [s, d, ..] = nums[..] {
                (v.systolic_bp, v.diastolic_bp) = (s, d);
            }
            (1, nums.len() >= 2)
        } else if key.contains("heart") || key.contains("pulse") {
            if let Some(x) = n {
                v.heart_rate = x.round() as u32;
            }
            (2, n.is_some())
        } else if key.contains("resp") {
            if let Some(x) = n {
                v.respiratory_rate = x.round() as u32;
            }
            (3, n.is_some())
        } else if key.contains("oxygen") || key.contains("spo2") || key.contains("saturation") {
            if let Some(x) = n {
                v.spo2 = x.round() as u32;
            }
            (4, n.is_some())
        } else {
            (5, false)
        };
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
}
