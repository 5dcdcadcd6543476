//! The patient record: everything the patient agent may know or the examiner
//! may find, structured so that each piece can become an atomic fact.

use super::span::Span;
use serde::{Deserialize, Serialize};

/// The version of the case format this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub schema: u32,
    pub id: String,
    pub patient: Patient,
    pub disease: Disease,
    /// The reason for the visit, in the patient's own words.
    pub chief_complaint: String,
    pub symptoms: Vec<Symptom>,
    /// Symptoms the patient does not have, which a history-taker should ask about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pertinent_negatives: Vec<Negative>,
    pub history: History,
    pub social: Social,
    pub examination: Examination,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Mild,
    Moderate,
    Severe,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Mild, Severity::Moderate, Severity::Severe];

    pub fn name(self) -> &'static str {
        match self {
            Severity::Mild => "mild",
            Severity::Moderate => "moderate",
            Severity::Severe => "severe",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Department {
    Psychiatry,
    Urology,
    Orthopedics,
    Ophthalmology,
    Endocrinology,
    GeneralSurgery,
}

impl Department {
    pub const ALL: [Department; 6] = [
        Department::Psychiatry,
        Department::Urology,
        Department::Orthopedics,
        Department::Ophthalmology,
        Department::Endocrinology,
        Department::GeneralSurgery,
    ];

    /// The directory name under `assets/knowledge/` and the CLI spelling.
    pub fn slug(self) -> &'static str {
        match self {
            Department::Psychiatry => "psychiatry",
            Department::Urology => "urology",
            Department::Orthopedics => "orthopedics",
            Department::Ophthalmology => "ophthalmology",
            Department::Endocrinology => "endocrinology",
            Department::GeneralSurgery => "general_surgery",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Department::ALL.into_iter().find(|d| d.slug() == wanted)
    }
}

macro_rules! display_as_serde_name {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let v = serde_json::to_value(self).map_err(|_| std::fmt::Error)?;
                f.write_str(v.as_str().unwrap_or_default())
            }
        }
    )*};
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patient {
    pub name: String,
    pub sex: Sex,
    pub age: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    /// Body measurements the patient knows about themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_cm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disease {
    pub name: String,
    /// Required, except in an imported case whose diagnosis has no known code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub icd10: String,
    pub department: Department,
    /// Hidden from the trainee by default.
    pub severity: Severity,
    /// The knowledge-base outline the record was built from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outline: Option<String>,
    /// Whether the patient has been told this diagnosis; if not, they never name it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub patient_told: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnsetMode {
    Sudden,
    Gradual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Course {
    Worsening,
    Improving,
    Stable,
    Fluctuating,
    Intermittent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Onset {
    /// How long ago it began.
    pub ago: Span,
    pub how: OnsetMode,
    /// What the patient was doing, or what set it off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Symptom {
    /// Clinical name ("abdominal pain"), unique within the record.
    pub name: String,
    /// How the patient says it ("pain in my stomach").
    pub lay: String,
    pub onset: Onset,
    /// How long it has lasted; at most the time since onset.
    pub duration: Span,
    pub course: Course,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub character: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radiation: Option<String>,
    /// How often an intermittent symptom comes ("three or four times a week").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<String>,
    /// 0-10 numeric rating, where a rating makes sense.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intensity: Option<u8>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aggravating: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relieving: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Negative {
    pub name: String,
    pub lay: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    #[serde(default)]
    pub conditions: Vec<PastCondition>,
    #[serde(default)]
    pub surgeries: Vec<Surgery>,
    #[serde(default)]
    pub medications: Vec<Medication>,
    /// An empty list means no known allergies.
    #[serde(default)]
    pub allergies: Vec<Allergy>,
    #[serde(default)]
    pub vaccinations: Vec<Vaccination>,
    #[serde(default)]
    pub family: Vec<FamilyHistory>,
    /// Female patients only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reproductive: Option<Reproductive>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PastCondition {
    pub condition: String,
    /// How long ago it was diagnosed.
    pub diagnosed_ago: Span,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub ongoing: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Surgery {
    pub procedure: String,
    pub ago: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Medication {
    pub name: String,
    pub dose: String,
    pub frequency: String,
    /// What the patient takes it for, in their words.
    pub purpose: String,
    /// What the patient calls it, when not its name ("water pill").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lay: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allergy {
    pub substance: String,
    pub reaction: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VaccinationStatus {
    UpToDate,
    Overdue,
    Never,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vaccination {
    pub vaccine: String,
    pub status: VaccinationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_dose_ago: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relative {
    Mother,
    Father,
    Sister,
    Brother,
    Grandmother,
    Grandfather,
    Aunt,
    Uncle,
    Daughter,
    Son,
}

impl Relative {
    /// Relatives of a later generation; a young patient cannot have an adult child with a chronic disease.
    pub fn is_descendant(self) -> bool {
        matches!(self, Relative::Daughter | Relative::Son)
    }

    /// The sex a relative of this kind has.
    pub fn sex(self) -> Sex {
        match self {
            Relative::Mother
            | Relative::Sister
            | Relative::Grandmother
            | Relative::Aunt
            | Relative::Daughter => Sex::Female,
            _ => Sex::Male,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyHistory {
    pub relative: Relative,
    pub condition: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReproductiveStatus {
    Premenarchal,
    Premenopausal,
    Pregnant,
    Perimenopausal,
    Postmenopausal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reproductive {
    pub status: ReproductiveStatus,
    pub pregnancies: u32,
    pub births: u32,
    /// Weeks of the current pregnancy, when pregnant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gestation_weeks: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmokingStatus {
    Never,
    Former,
    Current,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlcoholUse {
    None,
    Occasional,
    Moderate,
    Heavy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrugUse {
    None,
    Former,
    Current,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Diet {
    Balanced,
    HighFat,
    HighSalt,
    Vegetarian,
    Irregular,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    Sedentary,
    Moderate,
    Active,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    None,
    Primary,
    Secondary,
    College,
    Graduate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OccupationGroup {
    Student,
    Office,
    Professional,
    Service,
    Manual,
    Homemaker,
    Unemployed,
    Retired,
    /// A baby or toddler, not at school yet (imported cases; the generator makes none).
    Preschool,
}

display_as_serde_name!(
    Sex,
    Severity,
    Department,
    OnsetMode,
    Course,
    VaccinationStatus,
    Relative,
    ReproductiveStatus,
    SmokingStatus,
    AlcoholUse,
    DrugUse,
    Diet,
    Activity,
    Education,
    OccupationGroup,
    LabFlag
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Smoking {
    pub status: SmokingStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packs_per_day: Option<f64>,
    /// Years smoked, for current and former smokers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quit_ago: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alcohol {
    pub status: AlcoholUse,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drinks_per_week: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drugs {
    pub status: DrugUse,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub substances: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Occupation {
    pub group: OccupationGroup,
    /// What the patient would say they do ("bus driver", "year 9 at school").
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Social {
    pub smoking: Smoking,
    pub alcohol: Alcohol,
    pub drugs: Drugs,
    pub diet: Diet,
    pub activity: Activity,
    pub occupation: Occupation,
    pub education: Education,
    /// Who the patient lives with and where.
    pub living: String,
    /// Current pressures in the patient's life, told in their words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stressors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vitals {
    pub temperature_c: f64,
    pub heart_rate: u32,
    pub systolic_bp: u32,
    pub diastolic_bp: u32,
    pub respiratory_rate: u32,
    pub spo2: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Body system or region examined ("abdomen", "lumbar spine", "left eye").
    pub system: String,
    pub finding: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabFlag {
    Low,
    Normal,
    High,
}

/// A reference interval `[low, high]`, written as a two-element list.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(from = "[f64; 2]", into = "[f64; 2]")]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

impl From<[f64; 2]> for Range {
    fn from([low, high]: [f64; 2]) -> Self {
        Range { low, high }
    }
}

impl From<Range> for [f64; 2] {
    fn from(r: Range) -> Self {
        [r.low, r.high]
    }
}

impl Range {
    pub fn contains(&self, v: f64) -> bool {
        v >= self.low && v <= self.high
    }

    pub fn is_ordered(&self) -> bool {
        self.low.is_finite() && self.high.is_finite() && self.low <= self.high
    }

    /// The flag a value gets against this reference interval.
    pub fn flag(&self, v: f64) -> LabFlag {
        if v < self.low {
            LabFlag::Low
        } else if v > self.high {
            LabFlag::High
        } else {
            LabFlag::Normal
        }
    }
}

/// A numeric result: a laboratory value, or a measured study with a reference interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lab {
    pub name: String,
    pub value: f64,
    pub unit: String,
    pub reference: Range,
    pub flag: LabFlag,
    /// True only when the patient has been told this result.
    #[serde(default, skip_serializing_if = "is_false")]
    pub patient_knows: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Imaging {
    pub modality: String,
    pub region: String,
    pub finding: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub patient_knows: bool,
}

/// Other studies: ECG, EMG, questionnaires (PHQ-9), eye measurements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Study {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Range>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<LabFlag>,
    /// The interpretation as the examiner records it.
    pub result: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub patient_knows: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examination {
    pub vitals: Vitals,
    #[serde(default)]
    pub findings: Vec<Finding>,
    #[serde(default)]
    pub labs: Vec<Lab>,
    #[serde(default)]
    pub imaging: Vec<Imaging>,
    #[serde(default)]
    pub studies: Vec<Study>,
}

/// How a record was made: for a generated one, enough to make it again
/// (`seed` and `index`); a hand-written one names its source instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub generator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    /// Set when the record was read from another project's case format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<Imported>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// AgentClinic's OSCE cases (JSONL, one `OSCE_Examination` a line).
    Agentclinic,
}

/// Where an imported record came from, and what the source did not say: the
/// case format needs every field, so a field the source is silent on holds a
/// stated assumption, listed here, instead of a fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Imported {
    pub format: ImportFormat,
    /// The source file's name.
    pub file: String,
    /// Its line (counted from 1).
    pub line: u64,
    /// The fields the source does not give and the value assumed for each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumed: Vec<String>,
}

impl Case {
    /// Whether the record was imported from another format, which relaxes the
    /// rules that only a record built from an outline can keep.
    pub fn is_imported(&self) -> bool {
        self.provenance
            .as_ref()
            .is_some_and(|p| p.imported.is_some())
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}
