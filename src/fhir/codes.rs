//! Code systems, codings and quantities: the small pieces every resource is built from.

use crate::case::{LabFlag, Range, Span, TimeUnit};
use serde_json::{Value, json};

pub const LOINC: &str = "http://loinc.org";
pub const SNOMED: &str = "http://snomed.info/sct";
pub const UCUM: &str = "http://unitsofmeasure.org";
pub const ICD10_CM: &str = "http://hl7.org/fhir/sid/icd-10-cm";
pub const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
pub const INTERPRETATION: &str =
    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

/// A CodeableConcept with one coding.
pub fn concept(system: &str, code: &str, display: &str) -> Value {
    json!({
        "coding": [{ "system": system, "code": code, "display": display }],
        "text": display,
    })
}

/// A CodeableConcept with a coding and the record's own words as its text.
pub fn concept_with_text(system: &str, code: &str, display: &str, text: &str) -> Value {
    json!({
        "coding": [{ "system": system, "code": code, "display": display }],
        "text": text,
    })
}

/// A CodeableConcept with text only, for what has no standard code here.
pub fn text(t: &str) -> Value {
    json!({ "text": t })
}

pub fn loinc(code: &str, display: &str) -> Value {
    concept(LOINC, code, display)
}

/// An Observation category (vital-signs, laboratory, social-history, exam, imaging, survey).
pub fn category(code: &str) -> Value {
    let display = match code {
        "vital-signs" => "Vital Signs",
        "laboratory" => "Laboratory",
        "social-history" => "Social History",
        "exam" => "Exam",
        "imaging" => "Imaging",
        "survey" => "Survey",
        "procedure" => "Procedure",
        _ => code,
    };
    json!([{ "coding": [{ "system": OBSERVATION_CATEGORY, "code": code, "display": display }] }])
}

/// The UCUM code of a unit as the record writes it, when it has one.
/// Units that are not units (`points`, `ratio`, `logMAR`) have none.
pub fn ucum(unit: &str) -> Option<&'static str> {
    Some(match unit.trim() {
        "%" => "%",
        "/hpf" => "/[HPF]",
        "10^3/uL" => "10*3/uL",
        "IU/L" => "[IU]/L",
        "IU/mL" => "[IU]/mL",
        "U/L" => "U/L",
        "dB" => "dB",
        "degrees" => "deg",
        "g/dL" => "g/dL",
        "m/s" => "m/s",
        "mIU/L" => "m[IU]/L",
        "mL" => "mL",
        "mL/s" => "mL/s",
        "mV" => "mV",
        "mg/L" => "mg/L",
        "mg/dL" => "mg/dL",
        "mg/g" => "mg/g",
        "mm" => "mm",
        "mm/h" => "mm/h",
        "mmHg" => "mm[Hg]",
        "mmol/L" => "mmol/L",
        "ms" => "ms",
        "ng/dL" => "ng/dL",
        "ng/mL" => "ng/mL",
        "pg/mL" => "pg/mL",
        "µm" | "um" => "um",
        "C" | "°C" | "Cel" => "Cel",
        "/min" => "/min",
        "cm" => "cm",
        "kg" => "kg",
        "kg/m2" => "kg/m2",
        _ => return None,
    })
}

/// A Quantity; the UCUM system and code only when the unit has a UCUM code.
pub fn quantity(value: f64, unit: &str) -> Value {
    match ucum(unit) {
        Some(code) => json!({ "value": value, "unit": unit, "system": UCUM, "code": code }),
        None => json!({ "value": value, "unit": unit }),
    }
}

/// A time span as a UCUM Quantity (`2 days` is `{value: 2, unit: "days", code: "d"}`).
pub fn span(s: Span) -> Value {
    let code = match s.unit {
        TimeUnit::Hour => "h",
        TimeUnit::Day => "d",
        TimeUnit::Week => "wk",
        TimeUnit::Month => "mo",
        TimeUnit::Year => "a",
    };
    let words = s.to_string();
    let unit = words.split_once(' ').map_or("", |(_, u)| u);
    json!({ "value": s.amount, "unit": unit, "system": UCUM, "code": code })
}

/// A FHIR referenceRange from the record's reference interval.
pub fn reference_range(r: Range, unit: &str) -> Value {
    json!([{ "low": quantity(r.low, unit), "high": quantity(r.high, unit) }])
}

/// H, L or N from the v3 ObservationInterpretation code system.
pub fn interpretation(flag: LabFlag) -> Value {
    let (code, display) = match flag {
        LabFlag::High => ("H", "High"),
        LabFlag::Low => ("L", "Low"),
        LabFlag::Normal => ("N", "Normal"),
    };
    json!([concept(INTERPRETATION, code, display)])
}

/// An Observation component: a code and one value (`valueQuantity`, `valueString`...).
pub fn component(code: Value, value_key: &str, value: Value) -> Value {
    let mut c = serde_json::Map::new();
    c.insert("code".into(), code);
    c.insert(value_key.into(), value);
    Value::Object(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_of_the_catalogue_map_to_ucum() {
        assert_eq!(ucum("10^3/uL"), Some("10*3/uL"));
        assert_eq!(ucum("mmHg"), Some("mm[Hg]"));
        assert_eq!(ucum("points"), None);
        let q = quantity(7.5, "points");
        assert!(q.get("system").is_none(), "{q}");
        assert_eq!(quantity(1.0, "mg/dL")["code"], "mg/dL");
    }

    #[test]
    fn spans_are_ucum_quantities() {
        let q = span(Span::new(3, TimeUnit::Week));
        assert_eq!(q["value"], 3);
        assert_eq!(q["unit"], "weeks");
        assert_eq!(q["code"], "wk");
    }
}
