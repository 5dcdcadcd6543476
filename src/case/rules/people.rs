//! Who the patient is: age, body, reproductive status, habits, schooling and
//! work must fit together (no 8-year-old smokers or 19-year-old PhDs).

use super::Issue;
use crate::case::{
    AlcoholUse, DrugUse, Education, OccupationGroup, Patient, Reproductive, ReproductiveStatus,
    Sex, SmokingStatus, Social,
};
use crate::problem::count;

pub const MAX_AGE: u32 = 110;
pub const ADULT_AGE: u32 = 18;

/// Youngest age at which each education level can be the patient's current or highest one.
pub fn min_age_for_education(e: Education) -> u32 {
    match e {
        Education::None => 0,
        Education::Primary => 5,
        Education::Secondary => 11,
        Education::College => 20,
        Education::Graduate => 22,
    }
}

/// Youngest age for each kind of occupation.
pub fn min_age_for_occupation(g: OccupationGroup) -> u32 {
    match g {
        OccupationGroup::Student => 4,
        OccupationGroup::Service | OccupationGroup::Manual | OccupationGroup::Unemployed => 16,
        OccupationGroup::Office | OccupationGroup::Homemaker => 18,
        OccupationGroup::Professional => 22,
        OccupationGroup::Retired => 50,
        OccupationGroup::Preschool => 0,
    }
}

/// Ages at which each reproductive status is possible.
pub fn reproductive_ages(s: ReproductiveStatus) -> (u32, u32) {
    match s {
        ReproductiveStatus::Premenarchal => (0, 16),
        ReproductiveStatus::Premenopausal => (9, 58),
        ReproductiveStatus::Pregnant => (12, 52),
        ReproductiveStatus::Perimenopausal => (38, 60),
        ReproductiveStatus::Postmenopausal => (40, MAX_AGE),
    }
}

/// Weekly drink counts that fit each alcohol category for a sex (CDC: heavy
/// drinking is 8 or more drinks a week for women, 15 or more for men).
pub fn drinks_range(use_: AlcoholUse, sex: Sex) -> (u32, u32) {
    let heavy_from = if sex == Sex::Female { 8 } else { 15 };
    match use_ {
        AlcoholUse::None => (0, 0),
        AlcoholUse::Occasional => (1, 3),
        AlcoholUse::Moderate => (4, heavy_from - 1),
        AlcoholUse::Heavy => (heavy_from, 120),
    }
}

pub fn check_person(p: &Patient, social: &Social, repro: Option<&Reproductive>) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut bad = |field: &str, msg: String| out.push(Issue::new(field, msg));
    let age = p.age;
    if p.name.trim().is_empty() {
        bad("patient.name", "must not be empty".into());
    }
    if age > MAX_AGE {
        bad(
            "patient.age",
            format!("{age} is not a plausible age (0 to {MAX_AGE})"),
        );
    }
    if let Some(h) = p.height_cm {
        if !(45.0..=230.0).contains(&h) {
            bad("patient.height_cm", format!("{h} cm is not a human height"));
        }
    }
    if let Some(w) = p.weight_kg {
        if !(2.0..=300.0).contains(&w) {
            bad("patient.weight_kg", format!("{w} kg is not a human weight"));
        }
    }
    let human = |h: f64, w: f64| (45.0..=230.0).contains(&h) && (2.0..=300.0).contains(&w);
    // BMI only when height and weight are each human, so one bad number gives one problem.
    if let (Some(h), Some(w)) = (p.height_cm, p.weight_kg)
        && human(h, w)
    {
        let bmi = w / (h / 100.0).powi(2);
        if !(10.0..=80.0).contains(&bmi) {
            bad(
                "patient.weight_kg",
                format!("{w} kg at {h} cm is a BMI of {bmi:.0}, outside what is survivable"),
            );
        }
    }

    let minor = age < ADULT_AGE;
    let s = &social.smoking;
    if minor && s.status != SmokingStatus::Never {
        bad(
            "social.smoking.status",
            format!("a {age}-year-old is recorded as a {} smoker", s.status),
        );
    }
    match s.status {
        SmokingStatus::Never => {
            if s.packs_per_day.is_some() || s.years.is_some() || s.quit_ago.is_some() {
                bad(
                    "social.smoking",
                    "a never-smoker has no packs, years or quit date".into(),
                );
            }
        }
        SmokingStatus::Current | SmokingStatus::Former => {
            if s.status == SmokingStatus::Former && s.quit_ago.is_none() {
                bad(
                    "social.smoking.quit_ago",
                    "a former smoker needs the time since quitting".into(),
                );
            }
            if s.status == SmokingStatus::Current && s.quit_ago.is_some() {
                bad(
                    "social.smoking.quit_ago",
                    "a current smoker has not quit".into(),
                );
            }
            if let Some(ppd) = s.packs_per_day {
                if !(ppd > 0.0 && ppd <= 5.0) {
                    bad(
                        "social.smoking.packs_per_day",
                        format!("{ppd} packs a day is not plausible"),
                    );
                }
            }
            let smoked_years =
                s.years.unwrap_or(0) as f64 + s.quit_ago.map_or(0.0, |q| q.days() / 365.25);
            if smoked_years > f64::from(age.saturating_sub(10)) + 0.5 {
                bad(
                    "social.smoking.years",
                    format!(
                        "smoking {} years, quit {} ago, does not fit an age of {age}",
                        s.years.unwrap_or(0),
                        s.quit_ago
                            .map(|q| q.to_string())
                            .unwrap_or_else(|| "0 years".into())
                    ),
                );
            }
        }
    }

    let a = &social.alcohol;
    if minor && a.status != AlcoholUse::None {
        bad(
            "social.alcohol.status",
            format!("a {age}-year-old is recorded as drinking ({})", a.status),
        );
    }
    if let Some(n) = a.drinks_per_week {
        let (lo, hi) = drinks_range(a.status, p.sex);
        if n < lo || n > hi {
            bad(
                "social.alcohol.drinks_per_week",
                format!(
                    "{n} drinks a week is not `{}` drinking for a {} ({lo} to {hi})",
                    a.status, p.sex
                ),
            );
        }
    }

    let d = &social.drugs;
    if minor && d.status != DrugUse::None {
        bad(
            "social.drugs.status",
            format!("a {age}-year-old is recorded with {} drug use", d.status),
        );
    }
    if d.status == DrugUse::None && !d.substances.is_empty() {
        bad(
            "social.drugs.substances",
            "no drug use, yet substances are listed".into(),
        );
    }
    if d.status != DrugUse::None && d.substances.is_empty() {
        bad("social.drugs.substances", "name the substances used".into());
    }

    let min_edu = min_age_for_education(social.education);
    if age < min_edu {
        bad(
            "social.education",
            format!(
                "{} education is not possible at {age} (from {min_edu})",
                social.education
            ),
        );
    }
    // Children are at the school their age puts them in.
    if (5..=10).contains(&age) && social.education != Education::Primary {
        bad(
            "social.education",
            format!(
                "a {age}-year-old is at primary school, not {}",
                social.education
            ),
        );
    }
    if (12..ADULT_AGE).contains(&age) && social.education != Education::Secondary {
        bad(
            "social.education",
            format!(
                "a {age}-year-old is at secondary school, not {}",
                social.education
            ),
        );
    }
    let occ = &social.occupation;
    let min_occ = min_age_for_occupation(occ.group);
    if age < min_occ {
        bad(
            "social.occupation.group",
            format!(
                "{} is not an occupation at {age} (from {min_occ})",
                occ.group
            ),
        );
    }
    if occ.group == OccupationGroup::Preschool && age >= 6 {
        bad(
            "social.occupation.group",
            format!("a {age}-year-old is at school, not preschool"),
        );
    }
    if age < 16
        && occ.group != OccupationGroup::Student
        && age >= 4
        && !(occ.group == OccupationGroup::Preschool && age < 6)
    {
        bad(
            "social.occupation.group",
            format!("a {age}-year-old goes to school"),
        );
    }
    if occ.group == OccupationGroup::Professional && social.education < Education::College {
        bad(
            "social.occupation.group",
            format!(
                "a professional occupation ({}) needs a degree, not {} education",
                occ.title, social.education
            ),
        );
    }
    if occ.title.trim().is_empty() {
        bad("social.occupation.title", "must not be empty".into());
    }
    if social.living.trim().is_empty() {
        bad("social.living", "must not be empty".into());
    }

    match (p.sex, repro) {
        (Sex::Male, Some(_)) => bad(
            "history.reproductive",
            "a male patient has no reproductive (menstrual or pregnancy) history".into(),
        ),
        (Sex::Female, Some(r)) => {
            let (lo, hi) = reproductive_ages(r.status);
            if age < lo || age > hi {
                bad(
                    "history.reproductive.status",
                    format!("{} is not possible at {age} ({lo} to {hi})", r.status),
                );
            }
            if r.births > r.pregnancies {
                bad(
                    "history.reproductive.births",
                    format!(
                        "{} from {}",
                        count(r.births as usize, "birth"),
                        count(r.pregnancies as usize, "pregnancy")
                    ),
                );
            }
            let max_pregnancies = age.saturating_sub(11).min(20);
            if r.pregnancies > max_pregnancies {
                bad(
                    "history.reproductive.pregnancies",
                    format!(
                        "{} by {age} is not possible",
                        count(r.pregnancies as usize, "pregnancy")
                    ),
                );
            }
            if r.status == ReproductiveStatus::Premenarchal && r.pregnancies > 0 {
                bad(
                    "history.reproductive.pregnancies",
                    "pregnancies before menarche".into(),
                );
            }
            match (r.status, r.gestation_weeks) {
                (ReproductiveStatus::Pregnant, None) => bad(
                    "history.reproductive.gestation_weeks",
                    "a pregnancy needs its week of gestation".into(),
                ),
                (ReproductiveStatus::Pregnant, Some(w)) if !(1..=42).contains(&w) => bad(
                    "history.reproductive.gestation_weeks",
                    format!("week {w} is not a week of pregnancy (1 to 42)"),
                ),
                (ReproductiveStatus::Pregnant, Some(_)) if r.pregnancies == 0 => bad(
                    "history.reproductive.pregnancies",
                    "pregnant, so at least 1 pregnancy".into(),
                ),
                (s, Some(_)) if s != ReproductiveStatus::Pregnant => bad(
                    "history.reproductive.gestation_weeks",
                    "weeks of gestation, but not pregnant".into(),
                ),
                _ => {}
            }
        }
        (_, None) => {}
    }
    out
}
