//! Who the patient is, from AgentClinic's demographics ("35-year-old female",
//! "8-month-old boy") and social history ("Non-smoker, drinks wine occasionally").

use super::Assumed;
use super::prose::{find_ignoring_case, sentences, voice};
use crate::case::{
    Activity, Alcohol, AlcoholUse, Diet, DrugUse, Drugs, Education, Occupation, OccupationGroup,
    Sex, Smoking, SmokingStatus, Social,
};

/// Age in whole years (a baby is 0) and in days, and sex.
pub fn demographics(text: &str) -> Result<(u32, f64, Sex), String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let sex = words.iter().find_map(|w| match *w {
        "female" | "woman" | "girl" | "lady" | "she" | "mother" => Some(Sex::Female),
        "male" | "man" | "boy" | "gentleman" | "he" | "father" | "son" => Some(Sex::Male),
        _ => None,
    });
    let mut age = None;
    for (i, w) in words.iter().enumerate() {
        let Ok(n) = w.parse::<u32>() else { continue };
        let unit = words.get(i + 1).copied().unwrap_or("");
        let days = match unit.strip_suffix('s').unwrap_or(unit) {
            "year" | "yr" | "yo" => 365.25,
            "month" | "mo" => 30.44,
            "week" | "wk" => 7.0,
            "day" => 1.0,
            _ => continue,
        };
        let d = f64::from(n) * days;
        age = Some(((d / 365.25).floor() as u32, d));
        break;
    }
    match (age, sex) {
        (Some((years, days)), Some(sex)) => Ok((years, days, sex)),
        (None, _) => Err(format!(
            "the demographics `{text}` give no age (such as `35-year-old`)"
        )),
        (_, None) => Err(format!(
            "the demographics `{text}` give no sex (such as `female` or `boy`)"
        )),
    }
}

fn occupation_group(title: &str) -> OccupationGroup {
    const GROUPS: &[(OccupationGroup, &[&str])] = &[
        (OccupationGroup::Retired, &["retired"]),
        (
            OccupationGroup::Student,
            &["student", "school", "college", "university"],
        ),
        (
            OccupationGroup::Unemployed,
            &["unemployed", "not working", "out of work"],
        ),
        (
            OccupationGroup::Homemaker,
            &["homemaker", "housewife", "stay-at-home"],
        ),
        (
            OccupationGroup::Manual,
            &[
                "construction",
                "builder",
                "mechanic",
                "farm",
                "labor",
                "labour",
                "plumber",
                "electrician",
                "factory",
                "driver",
                "warehouse",
                "carpenter",
                "miner",
                "welder",
                "painter",
            ],
        ),
        (
            OccupationGroup::Service,
            &[
                "cashier",
                "waiter",
                "waitress",
                "chef",
                "cook",
                "sales",
                "retail",
                "hairdresser",
                "bartender",
                "cleaner",
                "server",
            ],
        ),
        (
            OccupationGroup::Professional,
            &[
                "teacher",
                "designer",
                "engineer",
                "doctor",
                "physician",
                "nurse",
                "lawyer",
                "accountant",
                "architect",
                "scientist",
                "professor",
                "pharmacist",
                "programmer",
                "developer",
                "manager",
            ],
        ),
    ];
    let t = title.to_lowercase();
    GROUPS
        .iter()
        .find(|(_, words)| words.iter().any(|w| t.contains(w)))
        .map_or(OccupationGroup::Office, |(g, _)| *g)
}

/// The occupation a social history states ("Works as a graphic designer").
fn stated_occupation(sentence: &str) -> Option<String> {
    for marker in [
        "works as a ",
        "works as an ",
        "works as ",
        "works in a ",
        "works in an ",
        "works in ",
        "works at ",
        "employed as a ",
        "employed as ",
    ] {
        if let Some(i) = find_ignoring_case(sentence, marker) {
            return Some(sentence[i + marker.len()..].trim().to_string());
        }
    }
    for w in ["retired", "unemployed", "student", "homemaker"] {
        if let Some(i) = find_ignoring_case(sentence, w) {
            return Some(sentence[i..].trim().to_string());
        }
    }
    None
}

pub fn social(text: &str, age: u32, sex: Sex, assumed: &mut Assumed) -> Social {
    let lower = text.to_lowercase();
    let minor = age < 18;
    let mut smoking = Smoking {
        status: SmokingStatus::Never,
        packs_per_day: None,
        years: None,
        quit_ago: None,
    };
    let mut alcohol = Alcohol {
        status: AlcoholUse::None,
        drinks_per_week: None,
    };
    let mut drugs = Drugs {
        status: DrugUse::None,
        substances: Vec::new(),
    };
    let mut occupation = None;
    let (mut said_smoking, mut said_alcohol, mut said_drugs) = (false, false, false);
    for sentence in sentences(text) {
        for piece in sentence.split(", ") {
            let p = piece.to_lowercase();
            let denied = voice(piece).0 == Some(false)
                || p.contains("non-smoker")
                || p.contains("does not")
                || p.contains("never");
            if p.contains("smok") || p.contains("tobacco") || p.contains("cigarette") {
                said_smoking = true;
                if !denied && !minor {
                    smoking.status =
                        if p.contains("former") || p.contains("quit") || p.contains("ex-smoker") {
                            SmokingStatus::Former
                        } else {
                            SmokingStatus::Current
                        };
                }
            }
            if p.contains("pack") && smoking.status != SmokingStatus::Never {
                smoking.packs_per_day = p
                    .split_whitespace()
                    .find_map(|w| w.parse::<f64>().ok())
                    .filter(|x| *x > 0.0 && *x <= 5.0);
                smoking.years = super::prose::first_span(&p)
                    .filter(|s| s.unit == crate::case::TimeUnit::Year)
                    .map(|s| s.amount)
                    .filter(|y| *y + 10 <= age);
            }
            if p.contains("drink")
                || p.contains("alcohol")
                || p.contains("wine")
                || p.contains("beer")
            {
                said_alcohol = true;
                if !denied && !minor {
                    alcohol.status =
                        if p.contains("heav") || p.contains("daily") || p.contains("every day") {
                            AlcoholUse::Heavy
                        } else if p.contains("occasional")
                            || p.contains("social")
                            || p.contains("rarely")
                        {
                            AlcoholUse::Occasional
                        } else {
                            AlcoholUse::Moderate
                        };
                }
            }
            if p.contains("drug") || p.contains("substance") {
                said_drugs = true;
            }
            for s in [
                "cocaine",
                "heroin",
                "marijuana",
                "cannabis",
                "methamphetamine",
                "opioids",
                "ecstasy",
            ] {
                if p.contains(s) && !denied && !minor {
                    said_drugs = true;
                    drugs.status = DrugUse::Current;
                    drugs.substances.push(s.to_string());
                }
            }
            if occupation.is_none() {
                occupation = stated_occupation(piece);
            }
        }
    }
    if smoking.status == SmokingStatus::Former {
        smoking.quit_ago = Some(crate::case::Span::new(1, crate::case::TimeUnit::Year));
        assumed.note("social.smoking.quit_ago", "1 year (not stated)");
    }
    for (said, field, what) in [
        (
            said_smoking,
            "social.smoking.status",
            smoking.status.to_string(),
        ),
        (
            said_alcohol,
            "social.alcohol.status",
            alcohol.status.to_string(),
        ),
        (said_drugs, "social.drugs.status", drugs.status.to_string()),
    ] {
        if !said && !minor {
            assumed.note(field, format!("{what} (not stated)"));
        }
    }
    let occupation = match occupation {
        _ if age < 5 => Occupation {
            group: OccupationGroup::Preschool,
            title: "not at school yet".into(),
        },
        _ if minor => Occupation {
            group: OccupationGroup::Student,
            title: "at school".into(),
        },
        Some(title) => {
            let group = occupation_group(&title);
            let title = match group {
                OccupationGroup::Retired => title
                    .trim_start_matches("retired")
                    .trim_start_matches("Retired")
                    .trim()
                    .to_string(),
                _ => title,
            };
            let title = if title.is_empty() {
                "retired".to_string()
            } else {
                title
            };
            Occupation { group, title }
        }
        None => {
            let o = if age >= 67 {
                Occupation {
                    group: OccupationGroup::Retired,
                    title: "retired".into(),
                }
            } else {
                Occupation {
                    group: OccupationGroup::Office,
                    title: "an office job".into(),
                }
            };
            assumed.note("social.occupation", format!("{} (not stated)", o.title));
            o
        }
    };
    let education = match age {
        0..=4 => Education::None,
        5..=10 => Education::Primary,
        11..=17 => Education::Secondary,
        _ if occupation.group == OccupationGroup::Professional => Education::College,
        _ => Education::Secondary,
    };
    if age >= 18 {
        assumed.note("social.education", format!("{education} (not stated)"));
    }
    let living = if lower.contains("lives alone") {
        "alone".to_string()
    } else if lower.contains("parents") || minor {
        "with my parents".to_string()
    } else if lower.contains("husband")
        || lower.contains("wife")
        || lower.contains("married")
        || lower.contains("partner")
    {
        "with my partner".to_string()
    } else {
        assumed.note("social.living", "at home (not stated)");
        "at home".to_string()
    };
    assumed.note("social.diet", "balanced (not stated)");
    assumed.note("social.activity", "moderate (not stated)");
    let _ = sex;
    Social {
        smoking,
        alcohol,
        drugs,
        diet: Diet::Balanced,
        activity: Activity::Moderate,
        occupation,
        education,
        living,
        stressors: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demographics_of_adults_and_babies() {
        assert_eq!(
            demographics("35-year-old female").map(|d| (d.0, d.2)),
            Ok((35, Sex::Female))
        );
        let (years, days, sex) = demographics("8-month-old boy").unwrap();
        assert_eq!((years, sex), (0, Sex::Male));
        assert!((days - 243.5).abs() < 1.0, "{days}");
        assert!(demographics("adult female").unwrap_err().contains("no age"));
    }

    #[test]
    fn social_history_in_a_sentence() {
        let mut a = Assumed::default();
        let s = social(
            "The patient has a history of smoking, 1 pack per day for the past 30 years. Drinks alcohol socially. Works in a construction company.",
            55,
            Sex::Male,
            &mut a,
        );
        assert_eq!(s.smoking.status, SmokingStatus::Current);
        assert_eq!(
            (s.smoking.packs_per_day, s.smoking.years),
            (Some(1.0), Some(30))
        );
        assert_eq!(s.alcohol.status, AlcoholUse::Occasional);
        assert_eq!(s.occupation.group, OccupationGroup::Manual);
        let s = social(
            "Non-smoker, drinks wine occasionally. Works as a graphic designer.",
            35,
            Sex::Female,
            &mut a,
        );
        assert_eq!(s.smoking.status, SmokingStatus::Never);
        assert_eq!(s.occupation.title, "graphic designer");
    }
}
