//! A disease outline: curated knowledge that the generator samples records from.

use crate::case::{
    Activity, AlcoholUse, Course, Department, Diet, OccupationGroup, OnsetMode, Range, Relative,
    Severity, Sex, SmokingStatus, Span,
};
use serde::{Deserialize, Serialize};

/// One value for every severity level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerSeverity<T> {
    pub mild: T,
    pub moderate: T,
    pub severe: T,
}

impl<T> PerSeverity<T> {
    pub fn get(&self, s: Severity) -> &T {
        match s {
            Severity::Mild => &self.mild,
            Severity::Moderate => &self.moderate,
            Severity::Severe => &self.severe,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (Severity, &T)> {
        Severity::ALL.into_iter().map(move |s| (s, self.get(s)))
    }
}

/// A value that is either the same at every severity or given per severity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    untagged,
    expecting = "a single value, or one per severity as {mild: .., moderate: .., severe: ..}"
)]
pub enum BySeverity<T> {
    Each(PerSeverity<T>),
    Same(T),
}

impl<T> BySeverity<T> {
    pub fn get(&self, s: Severity) -> &T {
        match self {
            BySeverity::Same(v) => v,
            BySeverity::Each(p) => p.get(s),
        }
    }

    pub fn values(&self) -> Vec<&T> {
        match self {
            BySeverity::Same(v) => vec![v],
            BySeverity::Each(p) => vec![&p.mild, &p.moderate, &p.severe],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outline {
    pub schema: u32,
    /// Matches the file name without `.yaml`.
    pub id: String,
    pub name: String,
    /// Other names of the disease; the patient never says any of them unless told the diagnosis,
    /// and background conditions with these names are not added.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub icd10: String,
    pub department: Department,
    pub summary: String,
    /// Where the figures come from (guideline, registry, textbook).
    pub sources: Vec<String>,
    pub demographics: Demographics,
    pub severity: SeverityPrior,
    #[serde(default)]
    pub risk_factors: Vec<RiskFactor>,
    pub symptoms: Vec<SymptomOutline>,
    #[serde(default)]
    pub pertinent_negatives: Vec<NegativeOutline>,
    /// Which side a one-sided disease affects; fills `{side}` in wordings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub laterality: Option<Laterality>,
    #[serde(default)]
    pub family_history: Vec<FamilyOutline>,
    pub examination: ExamOutline,
    #[serde(default)]
    pub differentials: Vec<String>,
    #[serde(default)]
    pub constraints: Constraints,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demographics {
    /// Where the age and sex figures come from.
    pub source: String,
    pub age_bands: Vec<AgeBand>,
    pub sex: SexPrior,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    pub min: u32,
    pub max: u32,
    pub weight: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SexPrior {
    pub female: f64,
    pub male: f64,
}

impl SexPrior {
    pub fn weight(&self, sex: Sex) -> f64 {
        match sex {
            Sex::Female => self.female,
            Sex::Male => self.male,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityPrior {
    pub source: String,
    pub mild: f64,
    pub moderate: f64,
    pub severe: f64,
}

impl SeverityPrior {
    pub fn weight(&self, s: Severity) -> f64 {
        match s {
            Severity::Mild => self.mild,
            Severity::Moderate => self.moderate,
            Severity::Severe => self.severe,
        }
    }
}

/// A risk factor and what it changes in the record when a patient has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskFactor {
    pub id: String,
    /// Share of patients with this disease who have the risk factor.
    pub prevalence: f64,
    /// Where the prevalence comes from (a study, registry or guideline figure).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_age: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// A past or ongoing condition added to the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// Medicines that come with the condition (otherwise taken from the priors' catalogue).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub medications: Vec<MedicationOutline>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smoking: Option<SmokingStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alcohol: Option<AlcoholUse>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drugs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diet: Option<Diet>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<Activity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<OccupationGroup>,
    /// Body-mass index range the patient is drawn from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bmi: Option<Range>,
    /// A life event in the patient's words ("I lost my job in the spring").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stressor: Option<String>,
    /// A past operation (for example a previous eye operation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surgery: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<FamilyOutline>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicationOutline {
    pub name: String,
    pub dose: String,
    pub frequency: String,
    pub purpose: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lay: Option<String>,
    /// Not given in pregnancy; a pregnant patient taking it is rejected.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub avoid_in_pregnancy: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SymptomOutline {
    pub name: String,
    /// Ways the patient may say it; one is chosen per record.
    pub lay: Vec<String>,
    pub probability: BySeverity<f64>,
    /// Where the probability comes from (a study, registry or textbook figure).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// A symptom of this outline that this one never comes before (dizziness
    /// "during the attacks" after the panic attacks), when both are present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Can be the reason for the visit.
    #[serde(default)]
    pub chief: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_age: Option<u32>,
    pub onset: Vec<OnsetMode>,
    pub course: Vec<Course>,
    /// Shortest and longest time since onset, as `["2 days", "3 weeks"]`.
    pub duration: [Span; 2],
    #[serde(default)]
    pub triggers: Vec<String>,
    #[serde(default)]
    pub location: Vec<String>,
    #[serde(default)]
    pub character: Vec<String>,
    #[serde(default)]
    pub radiation: Vec<String>,
    /// For intermittent symptoms.
    #[serde(default)]
    pub frequency: Vec<String>,
    /// 0-10 rating range per severity, for symptoms a patient can rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intensity: Option<BySeverity<[u8; 2]>>,
    #[serde(default)]
    pub aggravating: Vec<String>,
    #[serde(default)]
    pub relieving: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NegativeOutline {
    pub name: String,
    pub lay: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Laterality {
    pub left: f64,
    pub right: f64,
    #[serde(default)]
    pub both: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyOutline {
    pub condition: String,
    pub relatives: Vec<Relative>,
    #[serde(default = "certain")]
    pub probability: f64,
}

fn certain() -> f64 {
    1.0
}

/// Vital-sign ranges for one severity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VitalRanges {
    pub temperature_c: Range,
    pub heart_rate: Range,
    pub systolic_bp: Range,
    pub diastolic_bp: Range,
    pub respiratory_rate: Range,
    pub spo2: Range,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamOutline {
    pub vitals: PerSeverity<VitalRanges>,
    #[serde(default)]
    pub findings: Vec<FindingOutline>,
    /// Numeric results from the measure catalogue (labs, scales, eye pressures).
    #[serde(default)]
    pub measures: Vec<MeasureOutline>,
    #[serde(default)]
    pub imaging: Vec<ImagingOutline>,
    /// Studies reported as text (ECG, EMG, slit-lamp examination).
    #[serde(default)]
    pub studies: Vec<TextStudyOutline>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingOutline {
    pub system: String,
    /// One wording per severity, or the same at all severities; `{side}` is filled in.
    pub finding: BySeverity<String>,
    #[serde(default = "always")]
    pub probability: BySeverity<f64>,
    /// Only recorded when the patient has this symptom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_symptom: Option<String>,
    /// Only recorded when the patient does not have this symptom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless_symptom: Option<String>,
    /// Only recorded when the patient has this risk factor (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_risk: Option<String>,
    /// Only recorded when the patient does not have this risk factor (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless_risk: Option<String>,
}

fn always() -> BySeverity<f64> {
    BySeverity::Same(1.0)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureOutline {
    /// The id of an entry in the measure catalogue (`assets/knowledge/measures/`).
    /// A measure may be listed more than once (with and without a risk factor
    /// or symptom, or with a probability); the first entry that applies is recorded.
    pub measure: String,
    /// The range values are drawn from, per severity.
    pub range: BySeverity<Range>,
    #[serde(default = "always")]
    pub probability: BySeverity<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_symptom: Option<String>,
    /// Only recorded when the patient does not have this symptom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless_symptom: Option<String>,
    /// Only recorded when the patient has this risk factor (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_risk: Option<String>,
    /// Only recorded when the patient does not have this risk factor (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless_risk: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImagingOutline {
    pub modality: String,
    pub region: String,
    pub finding: BySeverity<String>,
    #[serde(default = "always")]
    pub probability: BySeverity<f64>,
    /// Only recorded when the patient has this symptom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_symptom: Option<String>,
    /// Only recorded when the patient does not have this symptom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless_symptom: Option<String>,
    /// Only recorded when the patient has this risk factor (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_risk: Option<String>,
    /// Only recorded when the patient does not have this risk factor (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless_risk: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextStudyOutline {
    pub name: String,
    pub result: BySeverity<String>,
    #[serde(default = "always")]
    pub probability: BySeverity<f64>,
    /// Only recorded when the patient has this symptom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_symptom: Option<String>,
    /// Only recorded when the patient does not have this symptom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless_symptom: Option<String>,
    /// Only recorded when the patient has this risk factor (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_risk: Option<String>,
    /// Only recorded when the patient does not have this risk factor (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless_risk: Option<String>,
}

/// Hard limits on who can have this disease and what their record may hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_age: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u32>,
    /// Past operations or conditions that rule the disease out (an appendix already removed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_history: Vec<String>,
    /// Whether a pregnant patient may be generated.
    #[serde(default = "yes")]
    pub pregnancy_allowed: bool,
}

impl Default for Constraints {
    fn default() -> Self {
        Constraints {
            sex: None,
            min_age: None,
            max_age: None,
            excluded_history: Vec::new(),
            pregnancy_allowed: true,
        }
    }
}

fn yes() -> bool {
    true
}
