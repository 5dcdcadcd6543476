//! Stage 3: the patient's story. Symptoms drawn by probability with their
//! onset, course and character; the chief complaint; pertinent negatives;
//! past history, medicines, allergies, vaccinations.

use super::attributes::Profile;
use super::sample::{self, Rng};
use super::wording::{self, Side};
use crate::case::{
    Allergy, History, Medication, Negative, Onset, PastCondition, Severity, Span, Surgery, Symptom,
    TimeUnit, Vaccination, VaccinationStatus,
};
use crate::knowledge::{KnowledgeBase, MedicationOutline, Outline, SymptomOutline, rate_at};

#[derive(Debug, Clone)]
pub struct Story {
    pub side: Option<Side>,
    pub chief_complaint: String,
    pub symptoms: Vec<Symptom>,
    pub negatives: Vec<Negative>,
    pub history: History,
}

pub fn draw(
    rng: &mut Rng,
    kb: &KnowledgeBase,
    o: &Outline,
    p: &Profile,
    severity: Severity,
) -> Story {
    let side = o.laterality.and_then(|l| {
        sample::weighted_index(rng, [l.left, l.right, l.both])
            .map(|i| [Side::Left, Side::Right, Side::Both][i])
    });
    let age = p.patient.age;
    let sex = p.patient.sex;

    let eligible: Vec<&SymptomOutline> = o
        .symptoms
        .iter()
        .filter(|s| s.sex.is_none_or(|x| x == sex) && s.min_age.is_none_or(|m| age >= m))
        .collect();
    let present: Vec<&SymptomOutline> = eligible
        .iter()
        .copied()
        .filter(|s| sample::chance(rng, *s.probability.get(severity)))
        .collect();
    // The chief complaint is one of the present symptoms that can bring a patient in.
    let chiefs: Vec<usize> = (0..present.len()).filter(|&i| present[i].chief).collect();
    let chief = sample::pick(rng, &chiefs).copied();

    let mut symptoms = Vec::with_capacity(present.len());
    let chief_days = chief.map(|c| duration_days(rng, present[c]));
    if let (Some(c), Some(days)) = (chief, chief_days) {
        symptoms.push(realise(rng, present[c], days, severity, side));
    }
    for (i, s) in present.iter().enumerate() {
        if Some(i) == chief {
            continue;
        }
        let mut days = duration_days(rng, s);
        // Associated symptoms do not start before the complaint, unless the
        // outline says they are always older (then the drawn span stands).
        if let Some(cd) = chief_days {
            let min = s.duration[0].days();
            if days > cd && min <= cd {
                days = sample::log_uniform(rng, min.max(cd * 0.3), cd);
            }
        }
        symptoms.push(realise(rng, s, days, severity, side));
    }

    keep_order(&mut symptoms, &present, chief);

    let chief_complaint = match symptoms.first() {
        Some(first) if chief.is_some() => {
            let second = symptoms.get(1).filter(|_| sample::chance(rng, 0.4));
            wording::chief_complaint(rng, first, second)
        }
        _ => String::new(),
    };

    let mut negatives: Vec<Negative> = o
        .pertinent_negatives
        .iter()
        .filter(|n| {
            !symptoms
                .iter()
                .any(|s| s.name.eq_ignore_ascii_case(&n.name))
        })
        .filter(|_| sample::chance(rng, 0.75))
        .map(|n| Negative {
            name: n.name.clone(),
            lay: wording::fill_side(&n.lay, side),
        })
        .collect();
    if negatives.is_empty() {
        if let Some(n) = o.pertinent_negatives.iter().find(|n| {
            !symptoms
                .iter()
                .any(|s| s.name.eq_ignore_ascii_case(&n.name))
        }) {
            negatives.push(Negative {
                name: n.name.clone(),
                lay: wording::fill_side(&n.lay, side),
            });
        }
    }

    let history = draw_history(rng, kb, o, p);
    Story {
        side,
        chief_complaint,
        symptoms,
        negatives,
        history,
    }
}

/// Makes every symptom with `after` start no earlier than the symptom it
/// follows: a later one is moved to the other's start; when the one that
/// must come later is the complaint itself, the other is moved back to the
/// complaint's start instead (the complaint keeps its words). Draws nothing.
fn keep_order(symptoms: &mut [Symptom], present: &[&SymptomOutline], chief: Option<usize>) {
    let chief_name = chief.map(|c| present[c].name.as_str());
    let find = |symptoms: &[Symptom], name: &str| symptoms.iter().position(|x| x.name == name);
    for o in present {
        let Some(first) = &o.after else { continue };
        let (Some(later), Some(earlier)) = (find(symptoms, &o.name), find(symptoms, first)) else {
            continue;
        };
        let (ago, first_ago) = (symptoms[later].onset.ago, symptoms[earlier].onset.ago);
        if ago.days() <= first_ago.days() {
            continue;
        }
        if chief_name == Some(o.name.as_str()) {
            let e = &mut symptoms[earlier];
            e.onset.ago = ago;
            e.duration = ago;
        } else {
            let l = &mut symptoms[later];
            l.onset.ago = first_ago;
            if l.duration.days() > first_ago.days() {
                l.duration = first_ago;
            }
        }
    }
}

fn duration_days(rng: &mut Rng, s: &SymptomOutline) -> f64 {
    sample::log_uniform(rng, s.duration[0].days(), s.duration[1].days())
}

fn realise(
    rng: &mut Rng,
    s: &SymptomOutline,
    days: f64,
    severity: Severity,
    side: Option<Side>,
) -> Symptom {
    let fill = |t: &String| wording::fill_side(t, side);
    let pick = |rng: &mut Rng, items: &[String]| sample::pick(rng, items).map(fill);
    let ago = Span::from_days(days);
    let course = *sample::pick(rng, &s.course).unwrap_or(&crate::case::Course::Stable);
    let frequency = if course == crate::case::Course::Intermittent {
        pick(rng, &s.frequency)
    } else {
        None
    };
    Symptom {
        name: s.name.clone(),
        lay: pick(rng, &s.lay).unwrap_or_else(|| s.name.clone()),
        onset: Onset {
            ago,
            how: *sample::pick(rng, &s.onset).unwrap_or(&crate::case::OnsetMode::Gradual),
            trigger: pick(rng, &s.triggers),
        },
        duration: ago,
        course,
        location: pick(rng, &s.location),
        character: pick(rng, &s.character),
        radiation: pick(rng, &s.radiation),
        frequency,
        intensity: s.intensity.as_ref().map(|r| {
            let [lo, hi] = *r.get(severity);
            sample::int_between(rng, u32::from(lo), u32::from(hi)) as u8
        }),
        aggravating: {
            let k = sample::int_between(rng, 1, 2) as usize;
            sample::pick_some(rng, &s.aggravating, k)
                .into_iter()
                .map(fill)
                .collect()
        },
        relieving: {
            let k = sample::int_between(rng, 1, 2) as usize;
            sample::pick_some(rng, &s.relieving, k)
                .into_iter()
                .map(fill)
                .collect()
        },
    }
}

fn years_ago(rng: &mut Rng, earliest_age: u32, age: u32) -> Span {
    let max_years = age.saturating_sub(earliest_age);
    if max_years == 0 {
        return Span::new(sample::int_between(rng, 2, 11), TimeUnit::Month);
    }
    Span::new(sample::int_between(rng, 1, max_years), TimeUnit::Year)
}

fn medication(m: &MedicationOutline) -> Medication {
    Medication {
        name: m.name.clone(),
        dose: m.dose.clone(),
        frequency: m.frequency.clone(),
        purpose: m.purpose.clone(),
        lay: m.lay.clone(),
    }
}

/// Whether a background condition is the outline's own disease under another name.
fn is_the_disease(o: &Outline, condition: &str) -> bool {
    let c = condition.to_ascii_lowercase();
    std::iter::once(&o.name).chain(o.aliases.iter()).any(|n| {
        let n = n.to_ascii_lowercase();
        n == c || n.contains(&c) || c.contains(&n)
    })
}

fn draw_history(rng: &mut Rng, kb: &KnowledgeBase, o: &Outline, p: &Profile) -> History {
    let age = p.patient.age;
    let sex = p.patient.sex;
    let priors = &kb.priors;
    let mut h = History {
        family: p.family.clone(),
        reproductive: p.reproductive.clone(),
        ..History::default()
    };

    for c in &priors.conditions {
        if is_the_disease(o, &c.condition) || !sample::chance(rng, rate_at(&c.prevalence, age, sex))
        {
            continue;
        }
        h.conditions.push(PastCondition {
            condition: c.condition.clone(),
            diagnosed_ago: years_ago(rng, c.onset_age.min(age), age),
            ongoing: true,
        });
        if let Some(m) = sample::pick(rng, &c.medications) {
            h.medications.push(medication(m));
        }
    }
    for &i in &p.risks {
        let r = &o.risk_factors[i];
        if let Some(cond) = &r.condition {
            if h.conditions
                .iter()
                .any(|c| c.condition.eq_ignore_ascii_case(cond))
            {
                continue;
            }
            h.conditions.push(PastCondition {
                condition: cond.clone(),
                diagnosed_ago: years_ago(rng, age.saturating_sub(15).max(age.min(18)), age),
                ongoing: true,
            });
            let meds: Vec<MedicationOutline> = if r.medications.is_empty() {
                priors
                    .conditions
                    .iter()
                    .find(|c| c.condition.eq_ignore_ascii_case(cond))
                    .map(|c| c.medications.clone())
                    .unwrap_or_default()
            } else {
                r.medications.clone()
            };
            if let Some(m) = sample::pick(rng, &meds) {
                if !h.medications.iter().any(|x| x.name == m.name) {
                    h.medications.push(medication(m));
                }
            }
        }
        if let Some(op) = &r.surgery {
            h.surgeries.push(Surgery {
                procedure: op.clone(),
                ago: years_ago(rng, age.saturating_sub(20).max(age.min(16)), age),
            });
        }
    }
    let births = p.reproductive.as_ref().map_or(0, |r| r.births);
    for s in &priors.surgeries {
        if age < s.min_age_done || (s.requires_birth && births == 0) {
            continue;
        }
        if sample::chance(rng, rate_at(&s.prevalence, age, sex)) {
            h.surgeries.push(Surgery {
                procedure: s.procedure.clone(),
                ago: years_ago(rng, s.min_age_done, age),
            });
        }
    }
    for a in &priors.allergies {
        if sample::chance(rng, a.prevalence) {
            h.allergies.push(Allergy {
                substance: a.substance.clone(),
                reaction: a.reaction.clone(),
            });
        }
    }
    for v in &priors.vaccinations {
        let rate = rate_at(&v.coverage, age, sex);
        if rate <= 0.0 {
            continue;
        }
        // No dose before the youngest age the vaccine is given at.
        let since_eligible = age.saturating_sub(v.first_age()).max(1);
        let overdue_share = match v.ever {
            Some(ever) if rate < 1.0 => ((ever - rate) / (1.0 - rate)).clamp(0.0, 1.0),
            _ => 0.6,
        };
        let vaccination = if sample::chance(rng, rate) {
            let last = match v.given_at {
                Some([lo, hi]) => {
                    let lo = lo.min(age);
                    let dose_age = sample::int_between(rng, lo, hi.min(age).max(lo));
                    match age - dose_age {
                        0 => Span::new(sample::int_between(rng, 1, 11), TimeUnit::Month),
                        years => Span::new(years, TimeUnit::Year),
                    }
                }
                None if v.interval_years <= 1 => {
                    Span::new(sample::int_between(rng, 1, 10), TimeUnit::Month)
                }
                None => Span::new(
                    sample::int_between(rng, 1, v.interval_years.min(since_eligible).max(1)),
                    TimeUnit::Year,
                ),
            };
            Vaccination {
                vaccine: v.vaccine.clone(),
                status: VaccinationStatus::UpToDate,
                last_dose_ago: Some(last),
            }
        } else if v.interval_years < 50
            && since_eligible > v.interval_years + 1
            && sample::chance(rng, overdue_share)
        {
            let last = Span::new(
                sample::int_between(
                    rng,
                    v.interval_years + 1,
                    (v.interval_years * 2 + 1).min(since_eligible),
                ),
                TimeUnit::Year,
            );
            Vaccination {
                vaccine: v.vaccine.clone(),
                status: VaccinationStatus::Overdue,
                last_dose_ago: Some(last),
            }
        } else {
            Vaccination {
                vaccine: v.vaccine.clone(),
                status: VaccinationStatus::Never,
                last_dose_ago: None,
            }
        };
        h.vaccinations.push(vaccination);
    }
    h
}
