//! One record through the four stages, each ending in a checkpoint that
//! regenerates the stage when a rule is broken; and a batch of records built
//! in parallel, in chunks, with the same bytes for the same seed.

use super::attributes::{self, Profile};
use super::exam;
use super::sample;
use super::story::{self, Story};
use super::strata::{self, Sampling};
use crate::case::rules::{self, Issue};
use crate::case::{self, Case, Disease, Provenance, SCHEMA_VERSION};
use crate::knowledge::{KnowledgeBase, Outline};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// How many times a stage is drawn again before the record is given up.
pub const MAX_STAGE_ATTEMPTS: u32 = 30;

/// Records built in parallel before being handed on, bounding memory on large runs.
const CHUNK: usize = 2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Attributes,
    Story,
    Examination,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Attributes, Stage::Story, Stage::Examination];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Attributes => "stage 2, attributes",
            Stage::Story => "stage 3, symptoms and history",
            Stage::Examination => "stage 4, examinations",
        }
    }
}

/// What one record cost: the checkpoint failures met on the way.
#[derive(Debug, Clone, Default)]
pub struct Cost {
    pub failures: Vec<(Stage, String)>,
}

/// A generated record with its YAML text, or why none could be made.
pub struct Built {
    pub index: u64,
    pub result: Result<(Case, String), String>,
    pub cost: Cost,
}

/// The field a broken rule names, without list indices, for counting reasons.
fn reason(issue: &Issue) -> String {
    let mut out = String::with_capacity(issue.field.len());
    let mut skip = false;
    for c in issue.field.chars() {
        match c {
            '[' => skip = true,
            ']' => skip = false,
            c if !skip => out.push(c),
            _ => {}
        }
    }
    out
}

fn attempt<T>(
    stage: Stage,
    cost: &mut Cost,
    mut draw: impl FnMut() -> Result<T, String>,
    check: impl Fn(&T) -> Vec<Issue>,
) -> Result<T, String> {
    let mut last = String::new();
    for _ in 0..MAX_STAGE_ATTEMPTS {
        let value = draw()?;
        let issues = check(&value);
        if issues.is_empty() {
            return Ok(value);
        }
        for i in &issues {
            cost.failures.push((stage, reason(i)));
        }
        last = issues
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ");
    }
    Err(format!(
        "{} failed its checkpoint {MAX_STAGE_ATTEMPTS} times; last: {last}",
        stage.label()
    ))
}

pub struct Request<'a> {
    pub kb: &'a KnowledgeBase,
    pub outlines: Vec<&'a Outline>,
    pub seed: u64,
    pub sampling: Sampling,
}

impl Request<'_> {
    pub fn id(&self, outline: &Outline, index: u64) -> String {
        format!(
            "{}-s{}-{:05}",
            outline.id.replace('_', "-"),
            self.seed,
            index
        )
    }

    /// Builds record `index` of the batch.
    pub fn build(&self, index: u64) -> Built {
        let k = self.outlines.len() as u64;
        let o = self.outlines[(index % k) as usize];
        let mut cost = Cost::default();
        let result = self.build_for(o, index % k, index / k, index, &mut cost);
        Built {
            index,
            result,
            cost,
        }
    }

    fn build_for(
        &self,
        o: &Outline,
        outline_index: u64,
        k: u64,
        index: u64,
        cost: &mut Cost,
    ) -> Result<(Case, String), String> {
        let kb = self.kb;
        let mut rng = sample::stream(sample::keyed(self.seed, &o.id), index, 0);
        let stratum = strata::stratum_for(o, self.sampling, self.seed, outline_index, k, &mut rng)
            .ok_or_else(|| format!("outline {} has no stratum with a positive prior", o.id))?;
        let severity = stratum.severity;

        let profile: Profile = attempt(
            Stage::Attributes,
            cost,
            || attributes::draw(&mut rng, kb, o, stratum).map_err(|e| e.0),
            |p| {
                let mut issues =
                    rules::check_person(&p.patient, &p.social, p.reproductive.as_ref());
                issues.extend(rules::check_family(&p.patient, &p.family));
                issues.extend(rules::fit_person(&p.patient, p.reproductive.as_ref(), o));
                if p.social.occupation.title.is_empty() {
                    issues.push(Issue::new(
                        "social.occupation.title",
                        "no occupation title fits this age and education",
                    ));
                }
                issues
            },
        )?;

        let story: Story = attempt(
            Stage::Story,
            cost,
            || Ok(story::draw(&mut rng, kb, o, &profile, severity)),
            |s| {
                let mut issues = Vec::new();
                if s.chief_complaint.is_empty() {
                    issues.push(Issue::new(
                        "symptoms",
                        "no symptom that brings a patient in was drawn",
                    ));
                }
                issues.extend(rules::check_story(
                    &profile.patient,
                    &s.symptoms,
                    &s.negatives,
                    &s.history,
                    &profile.social,
                ));
                issues.extend(rules::fit_history(&s.history, o));
                issues.extend(rules::check_pregnancy_medicines(&s.history, kb));
                issues.extend(rules::check_vaccine_ages(&profile.patient, &s.history, kb));
                issues
            },
        )?;

        let examination = attempt(
            Stage::Examination,
            cost,
            || Ok(exam::draw(&mut rng, kb, o, &profile, &story, severity)),
            |x| {
                let mut issues = rules::check_exam(
                    &profile.patient,
                    &story.symptoms,
                    &story.negatives,
                    x,
                    Some(kb),
                );
                issues.extend(rules::check_reported_fever(&story.symptoms, x));
                issues.extend(rules::fit_exam(x, severity, o, kb));
                issues
            },
        )?;

        let record = Case {
            schema: SCHEMA_VERSION,
            id: self.id(o, index),
            patient: profile.patient,
            disease: Disease {
                name: o.name.clone(),
                icd10: o.icd10.clone(),
                department: o.department,
                severity,
                outline: Some(o.id.clone()),
                patient_told: false,
            },
            chief_complaint: story.chief_complaint,
            symptoms: story.symptoms,
            pertinent_negatives: story.negatives,
            history: story.history,
            social: profile.social,
            examination,
            provenance: Some(Provenance {
                generator: format!("patient-zero {} offline", env!("CARGO_PKG_VERSION")),
                seed: Some(self.seed),
                index: Some(index),
                imported: None,
            }),
        };
        // The stage checks together are the whole rule set; this guards against a rule
        // that only the finished record can break.
        let left = rules::check_case(&record, Some(kb));
        if let Some(first) = left.first() {
            return Err(format!("finished record breaks a rule: {first}"));
        }
        let text = case::to_yaml(&record);
        Ok((record, text))
    }
}

/// Counts of what a batch did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub written: u64,
    pub given_up: Vec<(u64, String)>,
    /// Checkpoint failures per stage, with the fields that failed most.
    pub failures: BTreeMap<Stage, BTreeMap<String, u64>>,
}

impl Summary {
    pub fn failures_in(&self, stage: Stage) -> u64 {
        self.failures.get(&stage).map_or(0, |m| m.values().sum())
    }

    fn add(&mut self, cost: &Cost) {
        for (stage, field) in &cost.failures {
            *self
                .failures
                .entry(*stage)
                .or_default()
                .entry(field.clone())
                .or_default() += 1;
        }
    }
}

/// Builds `n` records in parallel and hands each finished one to `sink` on the
/// thread that built it (so writing files overlaps building); `progress` is
/// told how many are done after every chunk. The summary is the same whatever
/// the thread count. On a sink error the run stops after the current chunk.
pub fn run<E: Send>(
    req: &Request<'_>,
    n: u64,
    sink: impl Fn(&Case, &str) -> Result<(), E> + Sync,
    progress: impl Fn(u64),
) -> Result<Summary, E> {
    let mut summary = Summary::default();
    let mut start = 0;
    while start < n {
        let end = (start + CHUNK as u64).min(n);
        let built: Vec<(Built, Result<(), E>)> = (start..end)
            .into_par_iter()
            .map(|i| {
                let b = req.build(i);
                let sunk = match &b.result {
                    Ok((case, text)) => sink(case, text),
                    Err(_) => Ok(()),
                };
                (b, sunk)
            })
            .collect();
        for (b, sunk) in built {
            sunk?;
            summary.add(&b.cost);
            match b.result {
                Ok(_) => summary.written += 1,
                Err(why) => summary.given_up.push((b.index, why)),
            }
        }
        progress(end);
        start = end;
    }
    Ok(summary)
}
