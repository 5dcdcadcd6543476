//! `eval orders`: `/exam` and `/test` orders students wrote, against the
//! results each should bring. An order is right when it brings every
//! expected result and nothing the writer did not allow; an order for what
//! the record does not hold is right when it brings nothing and says so.

use super::ratio;
use super::sets::{Set, SetOrder};
use crate::language::Lexicon;
use crate::language::order::{Want, order};
use crate::memory::{Fact, Memory};
use serde::Serialize;
use std::time::Instant;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scored {
    pub case: String,
    pub verb: Want,
    pub order: String,
    /// The subjects of the results it brought.
    pub brought: Vec<String>,
    pub missing: Vec<String>,
    /// Brought though neither expected nor allowed.
    pub extra: Vec<String>,
    pub unavailable: Vec<String>,
    pub unknown: Vec<String>,
    pub right: bool,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Report {
    pub set: String,
    pub orders: usize,
    /// Orders for results the record holds.
    pub expecting: usize,
    /// Of those, every expected result and nothing else.
    pub right: usize,
    /// Expected results brought, over all expected.
    pub recall: f64,
    /// Results brought that were neither expected nor allowed, over all brought.
    pub extra_rate: f64,
    /// Orders for what the record does not hold.
    pub absent: usize,
    /// Of those, nothing brought and the missing result named as such.
    pub absent_said: usize,
    /// Orders with a word that named no examination or test.
    pub not_understood: usize,
    pub right_rate: f64,
    pub absent_rate: f64,
    pub seconds: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misses: Vec<Scored>,
}

fn score(o: &SetOrder, lx: &Lexicon, facts: &[Fact]) -> (Scored, usize, usize) {
    let found = order(&o.order, o.verb, lx, facts);
    let brought: Vec<String> = found
        .results
        .iter()
        .filter_map(|id| facts.iter().find(|f| f.id == *id))
        .map(|f| f.key.subject.clone())
        .collect();
    let has = |list: &[String], s: &str| list.iter().any(|x| x.eq_ignore_ascii_case(s));
    let missing: Vec<String> = o
        .expect
        .iter()
        .filter(|e| !has(&brought, e))
        .cloned()
        .collect();
    let extra: Vec<String> = brought
        .iter()
        .filter(|b| !has(&o.expect, b) && !has(&o.ok, b))
        .cloned()
        .collect();
    let right = if o.expect.is_empty() {
        brought.is_empty() && !found.unavailable.is_empty()
    } else {
        missing.is_empty() && extra.is_empty()
    };
    let hits = o.expect.len() - missing.len();
    let extras = extra.len();
    (
        Scored {
            case: o.case.clone(),
            verb: o.verb,
            order: o.order.clone(),
            brought,
            missing,
            extra,
            unavailable: found.unavailable,
            unknown: found.unknown,
            right,
        },
        hits,
        extras,
    )
}

pub fn run(set: &Set, misses: bool) -> Report {
    let started = Instant::now();
    let mut r = Report {
        set: set.path.display().to_string(),
        orders: set.orders.len(),
        ..Report::default()
    };
    let mut by_case: std::collections::BTreeMap<&str, (Lexicon, Vec<Fact>)> = Default::default();
    let (mut expected, mut hits, mut brought, mut extras) = (0, 0, 0, 0);
    let mut scored = Vec::new();
    for o in &set.orders {
        let (lx, facts) = by_case.entry(o.case.as_str()).or_insert_with(|| {
            let c = &set.cases[&o.case];
            (Lexicon::for_case(c), Memory::from_case(c).semantic)
        });
        let (s, h, x) = score(o, lx, facts);
        expected += o.expect.len();
        hits += h;
        brought += s.brought.len();
        extras += x;
        if o.expect.is_empty() {
            r.absent += 1;
            r.absent_said += usize::from(s.right);
        } else {
            r.expecting += 1;
            r.right += usize::from(s.right);
        }
        r.not_understood += usize::from(!s.unknown.is_empty());
        scored.push(s);
    }
    r.recall = ratio(hits, expected);
    r.extra_rate = ratio(extras, brought);
    r.right_rate = ratio(r.right, r.expecting);
    r.absent_rate = ratio(r.absent_said, r.absent);
    if misses {
        r.misses = scored.into_iter().filter(|s| !s.right).collect();
    }
    r.seconds = started.elapsed().as_secs_f64();
    r
}

pub fn table(r: &Report) -> String {
    let mut out = format!(
        "{}: {} orders ({} for results the record holds), {:.2} s\n\
         right (every expected result, nothing else) {:.3} ({}/{})\n\
         expected results brought {:.3}; results brought that were not asked for {:.3}\n\
         orders for what the record lacks, answered \"no result\" {:.3} ({}/{})\n\
         orders with words that named no examination or test {}\n",
        r.set,
        r.orders,
        r.expecting,
        r.seconds,
        r.right_rate,
        r.right,
        r.expecting,
        r.recall,
        r.extra_rate,
        r.absent_rate,
        r.absent_said,
        r.absent,
        r.not_understood,
    );
    for m in &r.misses {
        out.push_str(&format!(
            "\n{} /{} {}\n  brought: {}\n  missing: {}\n  extra: {}\n",
            m.case,
            m.verb.verb(),
            m.order,
            m.brought.join(", "),
            m.missing.join(", "),
            m.extra.join(", "),
        ));
        if !m.unavailable.is_empty() || !m.unknown.is_empty() {
            out.push_str(&format!(
                "  no result for: {}; not understood: {}\n",
                m.unavailable.join(", "),
                m.unknown.join(", ")
            ));
        }
    }
    out
}
