//! Atomic facts: the smallest statements about a patient that are true or
//! false on their own, each with a typed key and value so that two of them can
//! be compared without a model.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a fact is about. Together with a subject (the symptom, condition,
/// medicine or test it concerns) this is the key facts are indexed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Name,
    Age,
    Sex,
    Occupation,
    Education,
    Living,
    Smoking,
    SmokingAmount,
    Alcohol,
    AlcoholAmount,
    Drugs,
    Diet,
    Activity,
    Stressor,
    /// Whether the patient has a symptom (subject: the symptom's name).
    Symptom,
    Onset,
    OnsetMode,
    Trigger,
    Duration,
    Location,
    Character,
    Radiation,
    Intensity,
    Course,
    Frequency,
    Aggravating,
    Relieving,
    /// A past or ongoing condition (subject: its name; "" for "any at all").
    Condition,
    Surgery,
    Medication,
    Allergy,
    Vaccination,
    Family,
    Reproductive,
    Pregnancies,
    Vital,
    Lab,
    Imaging,
    Finding,
    Study,
    Diagnosis,
    /// Anything else the patient said in conversation (subject: what about).
    Everyday,
    /// Why the patient came, in their words.
    Complaint,
    /// How long ago a former smoker stopped.
    SmokingQuit,
    /// Years smoked.
    SmokingYears,
    Births,
    Height,
    Weight,
    /// A medicine's dose (subject: the medicine).
    Dose,
    /// How many times a day a medicine is taken (subject: the medicine).
    DoseFrequency,
    /// How long ago a condition was diagnosed (subject: the condition).
    Diagnosed,
    /// How long ago the last dose of a vaccine was (subject: the vaccine).
    LastDose,
}

impl Topic {
    /// Whether facts on this topic describe one symptom (its onset, site,
    /// character, course…), as opposed to saying whether it is there.
    pub fn describes_symptom(self) -> bool {
        use Topic as T;
        matches!(
            self,
            T::Onset
                | T::OnsetMode
                | T::Trigger
                | T::Duration
                | T::Location
                | T::Character
                | T::Radiation
                | T::Intensity
                | T::Course
                | T::Frequency
                | T::Aggravating
                | T::Relieving
        )
    }
}

/// A typed key: the topic and what within it (lower case; "" when the topic has one value).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    pub topic: Topic,
    pub subject: String,
}

impl Key {
    pub fn new(topic: Topic, subject: impl AsRef<str>) -> Self {
        Key {
            topic,
            subject: subject.as_ref().trim().to_lowercase(),
        }
    }

    pub fn of(topic: Topic) -> Self {
        Key {
            topic,
            subject: String::new(),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let topic = serde_json::to_value(self.topic).map_err(|_| fmt::Error)?;
        let topic = topic.as_str().unwrap_or_default();
        if self.subject.is_empty() {
            write!(f, "{topic}")
        } else {
            write!(f, "{topic}({})", self.subject)
        }
    }
}

/// A typed value. Durations are held in days so that "ten days" and
/// "a week and a half" compare as numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    Yes { yes: bool },
    Number { value: f64, unit: String },
    Days { days: f64 },
    Choice { choice: String },
    Text { text: String },
}

impl Value {
    pub fn yes(b: bool) -> Self {
        Value::Yes { yes: b }
    }
    pub fn number(value: f64, unit: impl Into<String>) -> Self {
        Value::Number {
            value,
            unit: unit.into(),
        }
    }
    pub fn days(days: f64) -> Self {
        Value::Days { days }
    }
    pub fn choice(c: impl AsRef<str>) -> Self {
        Value::Choice {
            choice: c.as_ref().to_lowercase(),
        }
    }
    pub fn text(t: impl Into<String>) -> Self {
        Value::Text { text: t.into() }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Yes { yes } => write!(f, "{}", if *yes { "yes" } else { "no" }),
            Value::Number { value, unit } => write!(f, "{} {unit}", Short(*value)),
            Value::Days { days } => write!(f, "{}", crate::case::Span::from_days(*days)),
            Value::Choice { choice } => write!(f, "{choice}"),
            Value::Text { text } => write!(f, "{text}"),
        }
    }
}

/// A number as a person reads it: "0.0714" of a rate of one a fortnight,
/// not seventeen digits (whole numbers stay whole).
struct Short(f64);

impl fmt::Display for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.fract() == 0.0 || !v.is_finite() {
            return write!(f, "{v}");
        }
        // Three significant digits, without trailing zeros.
        let digits = (2 - v.abs().log10().floor() as i32).clamp(0, 8) as usize;
        let s = format!("{v:.digits$}");
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.')
        } else {
            &s
        };
        write!(f, "{s}")
    }
}

/// Which track a fact lives on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "track")]
pub enum Origin {
    /// From the record; never changed during a dialogue.
    Semantic,
    /// Said by the patient in dialogue, at this turn (1-based).
    Episodic { turn: u32 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub id: String,
    pub key: Key,
    pub value: Value,
    /// The fact as one plain sentence (third person, for panels and logs).
    pub text: String,
    /// Whether the patient would know it (their pain yes, their lipase no).
    pub known: bool,
    #[serde(flatten)]
    pub origin: Origin,
    /// The part of the record it comes from (`symptoms[nausea].onset`), in
    /// the canonical form of `case::path`; empty for what was said in dialogue.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
}
