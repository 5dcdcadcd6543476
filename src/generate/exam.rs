//! Stage 4: the examination, consistent with stage 3 and the severity: vital
//! signs, findings, numeric results from the measure catalogue, imaging and
//! other studies.

use super::attributes::Profile;
use super::sample::{self, Rng};
use super::story::Story;
use super::wording;
use crate::case::rules::{FEVER_C, SYMPTOM_MEASURES, fever_in};
use crate::case::{Course, Examination, Finding, Imaging, Lab, Range, Severity, Study, Vitals};
use crate::knowledge::{BySeverity, KnowledgeBase, MeasureKind, Outline};

/// The conditions an outline entry (finding, measure, imaging, study) sets on being recorded.
struct When<'a> {
    probability: &'a BySeverity<f64>,
    symptom: Option<&'a String>,
    no_symptom: Option<&'a String>,
    risk: Option<&'a String>,
    unless: Option<&'a String>,
}

struct Patient<'a> {
    o: &'a Outline,
    p: &'a Profile,
    story: &'a Story,
    severity: Severity,
}

impl Patient<'_> {
    fn has_symptom(&self, name: &str) -> bool {
        self.story
            .symptoms
            .iter()
            .any(|x| x.name.eq_ignore_ascii_case(name))
    }

    /// Whether the patient has the outline's risk factor `id`: drawn as one, or
    /// (for a condition) already in the history from the population priors.
    fn has_risk(&self, id: &str) -> bool {
        self.p.has_risk(self.o, id)
            || self
                .o
                .risk_factors
                .iter()
                .find(|r| r.id == id)
                .and_then(|r| r.condition.as_ref())
                .is_some_and(|c| {
                    self.story
                        .history
                        .conditions
                        .iter()
                        .any(|h| h.condition.eq_ignore_ascii_case(c))
                })
    }

    fn wants(&self, rng: &mut Rng, w: When<'_>) -> bool {
        if w.symptom.is_some_and(|s| !self.has_symptom(s))
            || w.no_symptom.is_some_and(|s| self.has_symptom(s))
        {
            return false;
        }
        if w.risk.is_some_and(|r| !self.has_risk(r)) || w.unless.is_some_and(|r| self.has_risk(r)) {
            return false;
        }
        sample::chance(rng, *w.probability.get(self.severity))
    }
}

pub fn draw(
    rng: &mut Rng,
    kb: &KnowledgeBase,
    o: &Outline,
    p: &Profile,
    story: &Story,
    severity: Severity,
) -> Examination {
    let vitals = draw_vitals(rng, o, p, story, severity);
    let who = Patient {
        o,
        p,
        story,
        severity,
    };
    let side = story.side;
    let mut findings = Vec::new();
    for f in &o.examination.findings {
        let when = When {
            probability: &f.probability,
            symptom: f.requires_symptom.as_ref(),
            no_symptom: f.unless_symptom.as_ref(),
            risk: f.requires_risk.as_ref(),
            unless: f.unless_risk.as_ref(),
        };
        if who.wants(rng, when) {
            findings.push(Finding {
                system: wording::fill_side(&f.system, side),
                finding: wording::fill_side(f.finding.get(severity), side),
            });
        }
    }
    let mut labs: Vec<Lab> = Vec::new();
    let mut studies = Vec::new();
    for m in &o.examination.measures {
        let when = When {
            probability: &m.probability,
            symptom: m.requires_symptom.as_ref(),
            no_symptom: m.unless_symptom.as_ref(),
            risk: m.requires_risk.as_ref(),
            unless: m.unless_risk.as_ref(),
        };
        if !who.wants(rng, when) {
            continue;
        }
        let Some(entry) = kb.measure(&m.measure) else {
            continue;
        };
        if labs.iter().any(|l| l.name == entry.name)
            || studies.iter().any(|s: &Study| s.name == entry.name)
        {
            continue;
        }
        let range = coherent_range(*m.range.get(severity), &entry.id, story);
        let value =
            entry.round(sample::uniform(rng, &range).clamp(entry.bounds.low, entry.bounds.high));
        let reference = entry.reference_for(p.patient.sex);
        let flag = reference.flag(value);
        match entry.kind {
            MeasureKind::Lab => labs.push(Lab {
                name: entry.name.clone(),
                value,
                unit: entry.unit.clone(),
                reference,
                flag,
                patient_knows: false,
            }),
            MeasureKind::Measurement | MeasureKind::Scale => {
                let result = match entry.band(value) {
                    Some(label) => label.to_string(),
                    None => match flag {
                        crate::case::LabFlag::Normal => "within normal limits".to_string(),
                        crate::case::LabFlag::High => "above the reference range".to_string(),
                        crate::case::LabFlag::Low => "below the reference range".to_string(),
                    },
                };
                studies.push(Study {
                    name: entry.name.clone(),
                    value: Some(value),
                    unit: Some(entry.unit.clone()),
                    reference: Some(reference),
                    flag: Some(flag),
                    result,
                    patient_knows: false,
                });
            }
        }
    }
    let mut imaging = Vec::new();
    for im in &o.examination.imaging {
        let when = When {
            probability: &im.probability,
            symptom: im.requires_symptom.as_ref(),
            no_symptom: im.unless_symptom.as_ref(),
            risk: im.requires_risk.as_ref(),
            unless: im.unless_risk.as_ref(),
        };
        if who.wants(rng, when) {
            imaging.push(Imaging {
                modality: im.modality.clone(),
                region: wording::fill_side(&im.region, side),
                finding: wording::fill_side(im.finding.get(severity), side),
                patient_knows: false,
            });
        }
    }
    for st in &o.examination.studies {
        let when = When {
            probability: &st.probability,
            symptom: st.requires_symptom.as_ref(),
            no_symptom: st.unless_symptom.as_ref(),
            risk: st.requires_risk.as_ref(),
            unless: st.unless_risk.as_ref(),
        };
        if who.wants(rng, when) {
            studies.push(Study {
                name: st.name.clone(),
                value: None,
                unit: None,
                reference: None,
                flag: None,
                result: wording::fill_side(st.result.get(severity), side),
                patient_knows: false,
            });
        }
    }
    Examination {
        vitals,
        findings,
        labs,
        imaging,
        studies,
    }
}

/// Narrows a measure's range so it agrees with the symptoms (visible jaundice
/// means a bilirubin of at least 2.5 mg/dL; no jaundice means below it).
fn coherent_range(r: Range, measure_id: &str, story: &Story) -> Range {
    let mut r = r;
    for rule in SYMPTOM_MEASURES
        .iter()
        .filter(|rule| rule.measure == measure_id)
    {
        let has = story
            .symptoms
            .iter()
            .any(|s| s.name.to_ascii_lowercase().contains(rule.symptom));
        if has {
            r.low = r.low.max(rule.min_present);
            r.high = r.high.max(r.low);
        } else {
            r.high = r.high.min(rule.min_present - 0.1);
            r.low = r.low.min(r.high);
        }
    }
    r
}

fn draw_vitals(
    rng: &mut Rng,
    o: &Outline,
    p: &Profile,
    story: &Story,
    severity: Severity,
) -> Vitals {
    let v = o.examination.vitals.get(severity);
    let febrile = story
        .symptoms
        .iter()
        .any(|s| fever_in(&s.name) && s.course != Course::Intermittent);
    let mut temp = v.temperature_c;
    if febrile {
        temp.low = temp.low.max(FEVER_C);
        temp.high = temp.high.clamp(FEVER_C + 0.6, 40.5);
    } else {
        temp.high = temp.high.min(FEVER_C - 0.1);
        temp.low = temp.low.min(temp.high);
    }
    // Children's hearts and breathing run faster and their blood pressure lower
    // (ranges in outlines are for adults; shifts follow PALS normal values).
    let (hr_shift, rr_shift, bp_shift) = match p.patient.age {
        0..=4 => (30.0, 10.0, -22.0),
        5..=11 => (15.0, 4.0, -14.0),
        12..=15 => (5.0, 1.0, -6.0),
        _ => (0.0, 0.0, 0.0),
    };
    let shifted = |r: &Range, by: f64| Range {
        low: r.low + by,
        high: r.high + by,
    };
    let systolic = sample::uniform(rng, &shifted(&v.systolic_bp, bp_shift)).round() as u32;
    let diastolic = (sample::uniform(rng, &shifted(&v.diastolic_bp, bp_shift * 0.8)).round()
        as u32)
        .min(systolic.saturating_sub(15));
    Vitals {
        temperature_c: (sample::uniform(rng, &temp) * 10.0).round() / 10.0,
        heart_rate: sample::uniform(rng, &shifted(&v.heart_rate, hr_shift)).round() as u32,
        systolic_bp: systolic,
        diastolic_bp: diastolic,
        respiratory_rate: sample::uniform(rng, &shifted(&v.respiratory_rate, rr_shift)).round()
            as u32,
        spo2: sample::uniform(rng, &v.spo2).round() as u32,
    }
}
