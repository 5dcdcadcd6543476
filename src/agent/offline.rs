//! The offline responder: understands the question with the intent lexicon,
//! answers from the record's facts (or from what the patient already said),
//! invents a plausible everyday answer where the record is silent, and lets
//! the style decide how it is said. Deterministic for a seed.

use super::answer;
use super::realise::Answer;
use super::{Ask, Candidate, Flag, FlagKind, Responder};
use crate::case::Case;
use crate::generate::sample::{self, Rng};
use crate::memory::Memory;
use crate::persona::Persona;

pub struct Offline {
    pub persona: Persona,
    pub seed: u64,
    /// Probability of corrupting one fact in a candidate (`--chaos`), to show the verifier at work.
    pub chaos: f64,
}

impl Responder for Offline {
    fn candidate(&mut self, case: &Case, memory: &Memory, ask: &Ask<'_>) -> Candidate {
        let mut rng = sample::stream(
            self.seed,
            u64::from(ask.turn) * 16 + u64::from(ask.attempt),
            11,
        );
        let cx = answer::Cx {
            case,
            memory,
            lexicon: ask.lexicon,
            max: self.persona.realise.max_facts as usize,
        };
        let mut answers: Vec<Answer> = Vec::new();
        for part in ask.parts.iter().take(3) {
            answers.extend(answer::answer(&cx, part, ask.asked_symptom.as_deref()));
        }
        if answers.is_empty() {
            answers.extend(answer::answer(&cx, ask.asked, ask.asked_symptom.as_deref()));
        }
        // A part not understood beside parts that were is left out, not asked about.
        if answers.iter().any(|a| !a.clarification) {
            answers.retain(|a| !a.clarification);
        }
        answers.truncate(4);
        // Two parts with one answer ("Have you ever smoked? When did you quit?") say it once.
        let mut said: Vec<String> = Vec::new();
        for a in &mut answers {
            a.sentences.retain(|s| {
                let fresh = !said.contains(s);
                said.push(s.clone());
                fresh
            });
        }
        answers.retain(|a| !a.sentences.is_empty());
        if answers.is_empty() {
            answers.extend(answer::answer(&cx, ask.asked, ask.asked_symptom.as_deref()));
        }
        let mut corrupted = None;
        if !ask.plain && sample::chance(&mut rng, self.chaos) {
            corrupted = corrupt(&mut answers[0], &mut rng);
        }
        let invented = answers.iter().flat_map(|a| a.invented.clone()).collect();
        let mut grounds: Vec<String> = Vec::new();
        for id in answers.iter().flat_map(|a| a.grounds.iter()) {
            if !grounds.contains(id) {
                grounds.push(id.clone());
            }
        }
        let clarification = answers.iter().all(|a| a.clarification);
        let text = if ask.plain {
            plain(&answers)
        } else {
            decorate(&answers, &self.persona, &mut rng)
        };
        let flags = if clarification {
            vec![Flag {
                kind: FlagKind::Clarification,
                detail: format!("did not understand \"{}\"", ask.question),
                fact_id: None,
                chaos: false,
            }]
        } else {
            Vec::new()
        };
        Candidate {
            text,
            invented,
            corrupted,
            grounds,
            flags,
            ..Candidate::default()
        }
    }

    fn set_style(&mut self, style: crate::persona::Style) {
        self.persona = Persona::builtin(style);
    }

    fn describe(&self) -> String {
        "offline".into()
    }
}

fn plain(answers: &[Answer]) -> String {
    answers
        .iter()
        .flat_map(|a| a.sentences.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The style's decoration: openers, fillers, markers, digressions, more or less detail.
fn decorate(answers: &[Answer], persona: &Persona, rng: &mut Rng) -> String {
    let r = &persona.realise;
    let mut out: Vec<String> = Vec::new();
    if !r.openers.is_empty() && sample::chance(rng, r.opener_rate) {
        out.extend(sample::pick(rng, &r.openers).cloned());
    }
    for a in answers {
        let mut body: Vec<String> = if r.terse {
            vec![
                a.short
                    .clone()
                    .unwrap_or_else(|| a.sentences.first().cloned().unwrap_or_default()),
            ]
        } else {
            a.sentences
                .iter()
                .take(r.max_facts.max(1) as usize)
                .cloned()
                .collect()
        };
        if r.elaborate {
            body.extend(a.details.iter().cloned());
        }
        for sentence in body {
            if !r.fillers.is_empty() && sample::chance(rng, r.filler_rate) {
                let filler = sample::pick(rng, &r.fillers).cloned().unwrap_or_default();
                out.push(format!("{filler} {}", lower_first(&sentence)));
            } else {
                out.push(sentence);
            }
        }
    }
    if !r.digressions.is_empty() && sample::chance(rng, r.digression_rate) {
        out.extend(sample::pick(rng, &r.digressions).cloned());
    }
    if !r.markers.is_empty() && sample::chance(rng, r.marker_rate) {
        out.extend(sample::pick(rng, &r.markers).cloned());
    }
    if !r.closers.is_empty() && sample::chance(rng, r.closer_rate) {
        out.extend(sample::pick(rng, &r.closers).cloned());
    }
    out.join(" ")
}

fn lower_first(s: &str) -> String {
    // Keep "I" and names capitalised.
    if s.starts_with("I ") || s.starts_with("I'") || s.starts_with("My name") {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Changes one number or duration in the first sentence, so the candidate
/// states something false (`--chaos`). Returns what was changed.
fn corrupt(a: &mut Answer, rng: &mut Rng) -> Option<String> {
    const SWAPS: &[(&str, &str)] = &[
        ("I've never smoked", "I smoke a pack a day"),
        ("I don't drink", "I have about 30 drinks a week"),
        ("I don't take any drugs", "I use cocaine now and then"),
        ("No, I haven't had", "Yes, I've had"),
        ("I don't have any allergies", "I'm allergic to penicillin"),
        ("I don't have any medical problems", "I have asthma"),
        ("I've never had an operation", "I had my appendix out"),
        (
            "I'm not on any medication",
            "I take metformin 500 mg twice a day",
        ),
    ];
    let first = a.sentences.first_mut()?;
    for (from, to) in SWAPS {
        // A denial the patient made up ("No, I haven't had any cough") is not in
        // the record, so flipping it would not be caught: leave those alone.
        if first.contains(from) && !first.contains("had any ") {
            let before = first.clone();
            *first = first.replacen(from, to, 1);
            a.short = Some(first.clone());
            return Some(format!("{before} -> {first}"));
        }
    }
    // Otherwise change a number the verifier reads: a duration or a score
    // (a dose or a count is not checked, so corrupting it would show a falsehood).
    let words: Vec<&str> = first.split(' ').collect();
    let spoken = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an",
    ];
    let unit = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        [
            "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
            "out",
        ]
        .contains(&w)
    };
    let idx = (0..words.len()).find(|&i| {
        let w = words[i].trim_matches(|c: char| !c.is_alphanumeric());
        (w.parse::<u32>().is_ok() || spoken.contains(&w))
            && words.get(i + 1).is_some_and(|n| unit(n))
    })?;
    let w = words[idx].trim_matches(|c: char| !c.is_alphanumeric());
    let n: u32 = w.parse().ok().or_else(|| {
        spoken
            .iter()
            .position(|s| *s == w)
            .map(|p| (p as u32 + 1).min(10))
    })?;
    let replacement = if words.get(idx + 1).is_some_and(|u| u.starts_with("out")) {
        (n + 5) % 11
    } else {
        n * 4 + sample::int_between(rng, 3, 9)
    };
    let mut changed: Vec<String> = words.iter().map(|s| s.to_string()).collect();
    changed[idx] = words[idx].replacen(w, &replacement.to_string(), 1);
    let before = first.clone();
    *first = changed.join(" ");
    a.short = Some(first.clone());
    Some(format!("{before} -> {first}"))
}
