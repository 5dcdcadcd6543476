//! Stage 2: the patient's attributes in four dimensions (biological,
//! socioeconomic, behavioural, family), drawn from the priors of the patient's
//! age group and the outline's risk factors.

use super::sample::{self, Rng};
use super::strata::Stratum;
use super::wording;
use crate::case::rules::drinks_range;
use crate::case::{
    Alcohol, AlcoholUse, DrugUse, Drugs, Education, FamilyHistory, Occupation, OccupationGroup,
    Patient, Reproductive, ReproductiveStatus, Sex, Smoking, SmokingStatus, Social, Span, TimeUnit,
};
use crate::knowledge::{AgeGroup, FamilyOutline, KnowledgeBase, Outline, RiskFactor, Weights};

#[derive(Debug, Clone)]
pub struct Profile {
    pub patient: Patient,
    pub social: Social,
    pub reproductive: Option<Reproductive>,
    pub family: Vec<FamilyHistory>,
    /// Indices of the outline's risk factors this patient has.
    pub risks: Vec<usize>,
    pub has_children: bool,
}

impl Profile {
    pub fn has_risk(&self, o: &Outline, id: &str) -> bool {
        self.risks.iter().any(|&i| o.risk_factors[i].id == id)
    }
}

/// Why stage 2 could not draw a patient at all (as opposed to drawing one the checks reject).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoProfile(pub String);

pub fn draw(
    rng: &mut Rng,
    kb: &KnowledgeBase,
    o: &Outline,
    stratum: Stratum,
) -> Result<Profile, NoProfile> {
    let band = o.demographics.age_bands[stratum.band];
    let age = sample::int_between(rng, band.min, band.max);
    let sex = stratum.sex;
    let priors = &kb.priors;
    let group = priors
        .age_group(age)
        .ok_or_else(|| NoProfile(format!("no age group in priors.yaml covers age {age}")))?;

    let ethnicity = sample::weighted(rng, &priors.ethnicity).unwrap_or_default();
    let name = draw_name(rng, kb, &ethnicity, sex);
    let education = sample::weighted(rng, &group.education)
        .ok_or_else(|| NoProfile("no education weights".into()))?;
    // The occupation is drawn given the education: only groups with a job this
    // person could hold (a professional needs a degree), in their prior proportions.
    let open: Weights<OccupationGroup> = group
        .occupation
        .iter()
        .filter(|(g, _)| has_title(kb, **g, age, education))
        .map(|(g, w)| (*g, *w))
        .collect();
    let occupation_group =
        sample::weighted(rng, &open).ok_or_else(|| NoProfile("no occupation weights".into()))?;
    let smoking = draw_smoking(rng, group, age);
    let alcohol_use = sample::weighted(rng, &group.alcohol).unwrap_or(AlcoholUse::None);
    let alcohol = draw_alcohol(rng, alcohol_use, sex);
    let drug_use = sample::weighted(rng, &group.drugs).unwrap_or(DrugUse::None);
    let drugs = draw_drugs(rng, kb, drug_use);
    let diet =
        sample::weighted(rng, &group.diet).ok_or_else(|| NoProfile("no diet weights".into()))?;
    let activity = sample::weighted(rng, &group.activity)
        .ok_or_else(|| NoProfile("no activity weights".into()))?;
    let bmi_band =
        sample::weighted_index(rng, group.bmi.iter().map(|b| b.weight)).map(|i| group.bmi[i].range);
    let mut bmi = bmi_band.map(|r| sample::uniform(rng, &r));

    let mut social = Social {
        smoking,
        alcohol,
        drugs,
        diet,
        activity,
        occupation: Occupation {
            group: occupation_group,
            title: String::new(),
        },
        education,
        living: String::new(),
        stressors: Vec::new(),
    };
    let mut family = Vec::new();
    let mut risks = Vec::new();
    for (i, r) in o.risk_factors.iter().enumerate() {
        if !applies(r, age, sex) || !sample::chance(rng, r.prevalence) {
            continue;
        }
        risks.push(i);
        apply_risk(rng, r, &mut social, &mut bmi, &mut family, sex, age);
    }
    social.occupation.title =
        occupation_title(rng, kb, social.occupation.group, age, social.education)
            .unwrap_or_default();

    let reproductive = (sex == Sex::Female).then(|| draw_reproductive(rng, age));
    // A woman's children are her births; a man's are drawn with the same rise by age.
    let children = match &reproductive {
        Some(r) => r.births,
        None if age >= 25
            && sample::chance(rng, ((f64::from(age) - 22.0) / 25.0).clamp(0.0, 0.85)) =>
        {
            sample::int_between(rng, 1, 3)
        }
        None => 0,
    };
    let has_children = children > 0;
    social.living = wording::living(rng, age, sex, children);

    for f in &o.family_history {
        family_entry(rng, f, &mut family);
    }
    for f in &priors.family_background {
        family_entry(rng, f, &mut family);
    }

    let height = height_cm(rng, kb, group, age, sex);
    let weight = bmi.map(|b| (b * (height / 100.0).powi(2) * 10.0).round() / 10.0);
    Ok(Profile {
        patient: Patient {
            name,
            sex,
            age,
            ethnicity: Some(ethnicity),
            height_cm: Some(height.round()),
            weight_kg: weight,
        },
        social,
        reproductive,
        family,
        risks,
        has_children,
    })
}

fn applies(r: &RiskFactor, age: u32, sex: Sex) -> bool {
    r.min_age.is_none_or(|m| age >= m)
        && r.max_age.is_none_or(|m| age <= m)
        && r.sex.is_none_or(|s| s == sex)
}

fn apply_risk(
    rng: &mut Rng,
    r: &RiskFactor,
    social: &mut Social,
    bmi: &mut Option<f64>,
    family: &mut Vec<FamilyHistory>,
    sex: Sex,
    age: u32,
) {
    if let Some(status) = r.smoking {
        social.smoking = smoking_history(rng, status, age);
    }
    if let Some(level) = r.alcohol {
        social.alcohol = draw_alcohol(rng, level, sex);
    }
    if !r.drugs.is_empty() {
        social.drugs = Drugs {
            status: DrugUse::Current,
            substances: r.drugs.clone(),
        };
    }
    if let Some(d) = r.diet {
        social.diet = d;
    }
    if let Some(a) = r.activity {
        social.activity = a;
    }
    if let Some(g) = r.occupation {
        social.occupation.group = g;
    }
    if let Some(range) = r.bmi {
        *bmi = Some(sample::uniform(rng, &range));
    }
    if let Some(s) = &r.stressor {
        social.stressors.push(s.clone());
    }
    if let Some(f) = &r.family {
        family_entry(
            rng,
            &FamilyOutline {
                probability: 1.0,
                ..f.clone()
            },
            family,
        );
    }
}

fn family_entry(rng: &mut Rng, f: &FamilyOutline, family: &mut Vec<FamilyHistory>) {
    if !sample::chance(rng, f.probability) {
        return;
    }
    if family
        .iter()
        .any(|e| e.condition.eq_ignore_ascii_case(&f.condition))
    {
        return;
    }
    if let Some(&relative) = sample::pick(rng, &f.relatives) {
        family.push(FamilyHistory {
            relative,
            condition: f.condition.clone(),
        });
    }
}

fn draw_name(rng: &mut Rng, kb: &KnowledgeBase, ethnicity: &str, sex: Sex) -> String {
    let Some(pool) = kb.priors.names_for(ethnicity) else {
        return "Alex Doe".into();
    };
    let first = match sex {
        Sex::Female => sample::pick(rng, &pool.female),
        Sex::Male => sample::pick(rng, &pool.male),
    };
    let last = sample::pick(rng, &pool.surnames);
    format!(
        "{} {}",
        first.map_or("Alex", |s| s),
        last.map_or("Doe", |s| s)
    )
}

fn pick_packs(rng: &mut Rng) -> f64 {
    let i = sample::weighted_index(rng, [0.25, 0.35, 0.3, 0.07, 0.03]).unwrap_or(1);
    [0.25, 0.5, 1.0, 1.5, 2.0][i]
}

fn draw_smoking(rng: &mut Rng, group: &AgeGroup, age: u32) -> Smoking {
    let status = sample::weighted(rng, &group.smoking).unwrap_or(SmokingStatus::Never);
    smoking_history(rng, status, age)
}

/// Packs, years and when they quit, for a smoking status at this age.
fn smoking_history(rng: &mut Rng, status: SmokingStatus, age: u32) -> Smoking {
    // Most smokers start between 15 and 20.
    let start = sample::int_between(rng, 15, 20).min(age);
    let span = age.saturating_sub(start).max(1);
    let (years, quit_ago) = match status {
        SmokingStatus::Never => {
            return Smoking {
                status,
                packs_per_day: None,
                years: None,
                quit_ago: None,
            };
        }
        SmokingStatus::Current => (span, None),
        SmokingStatus::Former => {
            let quit = sample::int_between(rng, 1, span.saturating_sub(1).max(1));
            (
                span.saturating_sub(quit).max(1),
                Some(Span::new(quit, TimeUnit::Year)),
            )
        }
    };
    Smoking {
        status,
        packs_per_day: Some(pick_packs(rng)),
        years: Some(years),
        quit_ago,
    }
}

fn draw_alcohol(rng: &mut Rng, status: AlcoholUse, sex: Sex) -> Alcohol {
    let (lo, hi) = drinks_range(status, sex);
    let drinks = match status {
        AlcoholUse::None => None,
        AlcoholUse::Heavy => Some(sample::int_between(rng, lo, lo + 25)),
        _ => Some(sample::int_between(rng, lo, hi)),
    };
    Alcohol {
        status,
        drinks_per_week: drinks,
    }
}

fn draw_drugs(rng: &mut Rng, kb: &KnowledgeBase, status: DrugUse) -> Drugs {
    let substances = match status {
        DrugUse::None => Vec::new(),
        _ => sample::weighted(rng, &kb.priors.drugs)
            .into_iter()
            .collect(),
    };
    Drugs { status, substances }
}

/// The titles of an occupation group that fit a person's age and education.
fn titles(
    kb: &KnowledgeBase,
    group: OccupationGroup,
    age: u32,
    education: Education,
) -> impl Iterator<Item = &str> {
    kb.priors
        .occupations
        .iter()
        .filter(move |t| t.group == group)
        .filter(move |t| t.min_age.is_none_or(|m| age >= m) && t.max_age.is_none_or(|m| age <= m))
        .filter(move |t| t.min_education.is_none_or(|e| education >= e))
        .map(|t| t.title.as_str())
}

fn has_title(kb: &KnowledgeBase, group: OccupationGroup, age: u32, education: Education) -> bool {
    titles(kb, group, age, education).next().is_some()
}

/// A title for the occupation group that fits the patient's age and education.
fn occupation_title(
    rng: &mut Rng,
    kb: &KnowledgeBase,
    group: OccupationGroup,
    age: u32,
    education: Education,
) -> Option<String> {
    let fitting: Vec<&str> = titles(kb, group, age, education).collect();
    sample::pick(rng, &fitting).map(|s| s.to_string())
}

fn draw_reproductive(rng: &mut Rng, age: u32) -> Reproductive {
    // Median age at natural menopause is 51 (NICHD); menarche around 12.
    let status = match age {
        0..=9 => ReproductiveStatus::Premenarchal,
        10..=13 if sample::chance(rng, f64::from(14 - age) / 5.0) => {
            ReproductiveStatus::Premenarchal
        }
        10..=44 => ReproductiveStatus::Premenopausal,
        45..=55 => {
            if sample::chance(rng, f64::from(age - 44) / 12.0) {
                ReproductiveStatus::Postmenopausal
            } else {
                ReproductiveStatus::Perimenopausal
            }
        }
        _ => ReproductiveStatus::Postmenopausal,
    };
    let parous_share = ((f64::from(age) - 18.0) / 20.0).clamp(0.0, 0.85);
    let mut births = 0;
    if age >= 18 && sample::chance(rng, parous_share) {
        births = 1 + sample::weighted_index(rng, [0.35, 0.4, 0.17, 0.08]).unwrap_or(0) as u32;
    }
    let miscarriages = u32::from(births > 0 && sample::chance(rng, 0.2));
    let mut r = Reproductive {
        status,
        pregnancies: births + miscarriages,
        births,
        gestation_weeks: None,
    };
    // About 2-4% of women of reproductive age are pregnant at any time.
    if status == ReproductiveStatus::Premenopausal
        && (16..=44).contains(&age)
        && sample::chance(rng, 0.03)
    {
        r.status = ReproductiveStatus::Pregnant;
        r.pregnancies += 1;
        r.gestation_weeks = Some(sample::int_between(rng, 6, 38));
    }
    r
}

fn height_cm(rng: &mut Rng, kb: &KnowledgeBase, group: &AgeGroup, age: u32, sex: Sex) -> f64 {
    let growth = &kb.priors.growth;
    let child_mean = if age < 18 && growth.len() >= 2 {
        let pick = |g: &crate::knowledge::GrowthPoint| {
            if sex == Sex::Female {
                g.female_cm
            } else {
                g.male_cm
            }
        };
        growth
            .windows(2)
            .find(|w| age >= w[0].age && age <= w[1].age)
            .map(|w| {
                let t = f64::from(age - w[0].age) / f64::from((w[1].age - w[0].age).max(1));
                pick(&w[0]) + t * (pick(&w[1]) - pick(&w[0]))
            })
    } else {
        None
    };
    let (mean, sd) = match child_mean {
        Some(m) => (m, m * 0.045),
        None => (
            if sex == Sex::Female {
                group.height_cm.female
            } else {
                group.height_cm.male
            },
            7.0,
        ),
    };
    sample::normal(rng, mean, sd).clamp(mean - 2.5 * sd, mean + 2.5 * sd)
}
