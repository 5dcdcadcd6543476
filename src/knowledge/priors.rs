//! Population priors shared by every disease: demographics, lifestyle by age
//! group, background conditions, operations, allergies, vaccinations, names.

use super::outline::{FamilyOutline, MedicationOutline};
use crate::case::{
    Activity, AlcoholUse, Diet, DrugUse, Education, OccupationGroup, Range, Sex, SmokingStatus,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Weights over the values of `K`; iterated in a fixed order so sampling is reproducible.
pub type Weights<K> = BTreeMap<K, f64>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priors {
    pub schema: u32,
    pub sources: Vec<String>,
    pub ethnicity: Weights<String>,
    pub age_groups: Vec<AgeGroup>,
    pub occupations: Vec<OccupationTitle>,
    pub conditions: Vec<BackgroundCondition>,
    pub surgeries: Vec<BackgroundSurgery>,
    pub allergies: Vec<AllergyPrior>,
    pub vaccinations: Vec<VaccinePrior>,
    pub family_background: Vec<FamilyOutline>,
    /// Which substance a person who uses drugs uses.
    pub drugs: Weights<String>,
    /// Median height by age for children (50th centile).
    pub growth: Vec<GrowthPoint>,
    /// Filled from `names.yaml`.
    #[serde(skip)]
    pub names: Vec<NamePool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrowthPoint {
    pub age: u32,
    pub female_cm: f64,
    pub male_cm: f64,
}

/// Lifestyle and socioeconomic priors for one band of ages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeGroup {
    pub name: String,
    pub min: u32,
    pub max: u32,
    pub source: String,
    pub education: Weights<Education>,
    pub occupation: Weights<OccupationGroup>,
    pub smoking: Weights<SmokingStatus>,
    pub alcohol: Weights<AlcoholUse>,
    pub drugs: Weights<DrugUse>,
    pub diet: Weights<Diet>,
    pub activity: Weights<Activity>,
    /// Body-mass index bands with their weights.
    pub bmi: Vec<BmiBand>,
    /// Mean adult height in cm by sex; children use `growth` instead.
    pub height_cm: SexMeans,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BmiBand {
    pub range: Range,
    pub weight: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SexMeans {
    pub female: f64,
    pub male: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OccupationTitle {
    pub group: OccupationGroup,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_education: Option<Education>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_age: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u32>,
}

/// How common something is at given ages (and optionally one sex).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeRate {
    pub min_age: u32,
    pub max_age: u32,
    pub rate: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
}

/// The rate that applies to a patient, 0 where no entry covers them.
pub fn rate_at(rates: &[AgeRate], age: u32, sex: Sex) -> f64 {
    rates
        .iter()
        .find(|r| age >= r.min_age && age <= r.max_age && r.sex.is_none_or(|s| s == sex))
        .map_or(0.0, |r| r.rate)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackgroundCondition {
    pub condition: String,
    pub prevalence: Vec<AgeRate>,
    /// Typical age at diagnosis; the diagnosis is placed after it.
    pub onset_age: u32,
    pub source: String,
    #[serde(default)]
    pub medications: Vec<MedicationOutline>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackgroundSurgery {
    pub procedure: String,
    /// Lifetime share of people of that age who have had it.
    pub prevalence: Vec<AgeRate>,
    /// Youngest age at which it is usually done.
    pub min_age_done: u32,
    pub source: String,
    /// Only after a birth (a caesarean section).
    #[serde(default)]
    pub requires_birth: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllergyPrior {
    pub substance: String,
    pub reaction: String,
    pub prevalence: f64,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VaccinePrior {
    pub vaccine: String,
    /// Share up to date, by age.
    pub coverage: Vec<AgeRate>,
    /// Longest time since the last dose that still counts as up to date.
    pub interval_years: u32,
    /// Share of people who ever had a dose (the rest of those not up to date
    /// are overdue); without it, 60% of those not up to date are overdue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ever: Option<f64>,
    /// Ages at which the last dose of a one-off course is given ([4, 6] for the
    /// second MMR dose); without it, any time since the youngest eligible age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_at: Option<[u32; 2]>,
    pub source: String,
}

impl VaccinePrior {
    /// The youngest age at which the vaccine is given.
    pub fn first_age(&self) -> u32 {
        self.coverage.iter().map(|c| c.min_age).min().unwrap_or(0)
    }
}

/// First names and surnames common in one ethnic group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamePool {
    pub ethnicity: String,
    pub female: Vec<String>,
    pub male: Vec<String>,
    pub surnames: Vec<String>,
}

impl Priors {
    pub fn age_group(&self, age: u32) -> Option<&AgeGroup> {
        self.age_groups
            .iter()
            .find(|g| age >= g.min && age <= g.max)
    }

    pub fn names_for(&self, ethnicity: &str) -> Option<&NamePool> {
        self.names
            .iter()
            .find(|n| n.ethnicity == ethnicity)
            .or_else(|| self.names.first())
    }
}
