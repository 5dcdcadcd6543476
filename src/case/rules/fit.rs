//! Whether a record fits the outline it was built from: who can have the
//! disease, what history rules it out, and results that match the severity.

use super::Issue;
use crate::case::{Examination, History, Patient, Reproductive, ReproductiveStatus, Severity};
use crate::knowledge::{KnowledgeBase, Outline};

pub fn fit_person(p: &Patient, repro: Option<&Reproductive>, o: &Outline) -> Vec<Issue> {
    let mut out = Vec::new();
    let c = &o.constraints;
    if let Some(only) = c.sex {
        if p.sex != only {
            out.push(Issue::new(
                "patient.sex",
                format!("{} affects only {only} patients", o.name),
            ));
        }
    }
    let lowest = o
        .demographics
        .age_bands
        .first()
        .map_or(0, |b| b.min)
        .max(c.min_age.unwrap_or(0));
    let highest = o
        .demographics
        .age_bands
        .last()
        .map_or(u32::MAX, |b| b.max)
        .min(c.max_age.unwrap_or(u32::MAX));
    if p.age < lowest || p.age > highest {
        out.push(Issue::new(
            "patient.age",
            format!(
                "{} is outlined for ages {lowest} to {highest}, not {}",
                o.name, p.age
            ),
        ));
    }
    if o.demographics.sex.weight(p.sex) <= 0.0 && c.sex.is_none() {
        out.push(Issue::new(
            "patient.sex",
            format!(
                "the outline of {} gives {} patients no weight",
                o.name, p.sex
            ),
        ));
    }
    if !c.pregnancy_allowed && repro.is_some_and(|r| r.status == ReproductiveStatus::Pregnant) {
        out.push(Issue::new(
            "history.reproductive.status",
            format!("the outline of {} is not written for pregnancy", o.name),
        ));
    }
    out
}

pub fn fit_history(h: &History, o: &Outline) -> Vec<Issue> {
    let mut out = Vec::new();
    for excluded in &o.constraints.excluded_history {
        let ex = excluded.to_ascii_lowercase();
        for (i, s) in h.surgeries.iter().enumerate() {
            if s.procedure.to_ascii_lowercase().contains(&ex) {
                out.push(Issue::new(
                    format!("history.surgeries[{i}].procedure"),
                    format!("a past {} rules out {}", s.procedure, o.name),
                ));
            }
        }
        for (i, c) in h.conditions.iter().enumerate() {
            if c.condition.to_ascii_lowercase().contains(&ex) {
                out.push(Issue::new(
                    format!("history.conditions[{i}].condition"),
                    format!("{} in the history rules out {}", c.condition, o.name),
                ));
            }
        }
    }
    out
}

/// Results of the outline's measures must lie in the range it gives for the record's severity.
pub fn fit_exam(
    x: &Examination,
    severity: Severity,
    o: &Outline,
    kb: &KnowledgeBase,
) -> Vec<Issue> {
    let mut out = Vec::new();
    let numeric = x
        .labs
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                format!("examination.labs[{i}].value"),
                l.name.as_str(),
                Some(l.value),
            )
        })
        .chain(x.studies.iter().enumerate().map(|(i, s)| {
            (
                format!("examination.studies[{i}].value"),
                s.name.as_str(),
                s.value,
            )
        }));
    for (field, name, value) in numeric {
        let (Some(value), Some(m)) = (value, kb.measure(name)) else {
            continue;
        };
        let ranges: Vec<_> = o
            .examination
            .measures
            .iter()
            .filter(|mo| kb.measure(&mo.measure).is_some_and(|e| e.id == m.id))
            .map(|mo| *mo.range.get(severity))
            .collect();
        // A measure may be outlined more than once (with and without a risk factor); any fits.
        // Values are recorded rounded to the catalogue's decimals, so half a step either side fits.
        let slack = 0.5 * 10f64.powi(-i32::from(m.decimals)) + 1e-9;
        if !ranges.is_empty()
            && !ranges
                .iter()
                .any(|r| r.low - slack <= value && value <= r.high + slack)
        {
            let shown: Vec<String> = ranges
                .iter()
                .map(|r| format!("[{}, {}]", r.low, r.high))
                .collect();
            out.push(Issue::new(
                field,
                format!(
                    "{value} {} is outside the range {} for {severity} {}",
                    m.unit,
                    shown.join(" or "),
                    o.name
                ),
            ));
        }
    }
    out
}
