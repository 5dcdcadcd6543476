//! The catalogue of numeric results (labs, measurements, questionnaire scales):
//! one place for units, reference intervals and physiological bounds.

use crate::case::{Range, Sex};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// A blood, urine or fluid test; goes to `examination.labs`.
    Lab,
    /// A bedside or instrument measurement (eye pressure, urine flow); goes to `examination.studies`.
    Measurement,
    /// A questionnaire score (PHQ-9); goes to `examination.studies`.
    Scale,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SexRanges {
    pub female: Range,
    pub male: Range,
}

/// A named score band of a scale: values up to `max` read as `label`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub max: f64,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    /// The name written in a case (`examination.labs[].name`).
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub kind: MeasureKind,
    pub unit: String,
    /// Adult reference interval.
    pub reference: Range,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_by_sex: Option<SexRanges>,
    /// Values outside these are not compatible with life (or not possible on the scale).
    pub bounds: Range,
    /// Decimal places a value is reported with.
    #[serde(default)]
    pub decimals: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loinc: Option<String>,
    /// Interpretation bands for scales, in increasing order of `max`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    pub source: String,
}

impl Measure {
    pub fn reference_for(&self, sex: Sex) -> Range {
        match (&self.reference_by_sex, sex) {
            (Some(r), Sex::Female) => r.female,
            (Some(r), Sex::Male) => r.male,
            (None, _) => self.reference,
        }
    }

    /// All references a case may quote for this measure (sex-specific or general).
    pub fn accepted_references(&self) -> Vec<Range> {
        let mut refs = vec![self.reference];
        if let Some(r) = &self.reference_by_sex {
            refs.push(r.female);
            refs.push(r.male);
        }
        refs
    }

    pub fn band(&self, value: f64) -> Option<&str> {
        self.bands
            .iter()
            .find(|b| value <= b.max)
            .map(|b| b.label.as_str())
    }

    pub fn round(&self, value: f64) -> f64 {
        let f = 10f64.powi(i32::from(self.decimals));
        // `+ 0.0` turns a rounded -0.0 into 0.0, which prints without a sign.
        (value * f).round() / f + 0.0
    }

    pub fn answers_to(&self, name: &str) -> bool {
        let name = name.trim();
        self.name.eq_ignore_ascii_case(name)
            || self.id.eq_ignore_ascii_case(name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }
}
