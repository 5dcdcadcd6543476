//! `eval verifier`: the verifier against replies people labelled. A reply
//! labelled `contradict` is caught when any of its verdicts is a
//! contradiction (and caught at its point when the contradicted fact lies in
//! the labelled part of the record); a `consistent` reply flagged with a
//! contradiction is a false alarm.

use super::ratio;
use super::sets::{LabelledReply, ReplyLabel, Set};
use crate::case::path;
use crate::language::Lexicon;
use crate::memory::Memory;
use crate::verify::{self, Label};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Instant;

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct FieldRow {
    /// The labelled point without item names (`symptoms[].onset`).
    pub field: String,
    pub contradictions: usize,
    pub caught: usize,
    /// Consistent replies flagged with a contradiction of this field.
    pub false_alarms: usize,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CaseRow {
    pub case: String,
    pub contradictions: usize,
    pub caught: usize,
    pub consistent: usize,
    pub false_alarms: usize,
}

/// A reply the verifier got wrong, for reading (with `--misses`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Miss {
    pub case: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    pub reply: String,
    /// What the verifier said: one line per verdict, and unread sentences.
    pub read: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Report {
    pub set: String,
    pub replies: usize,
    pub contradictions: usize,
    pub consistent: usize,
    pub caught: usize,
    pub caught_at_point: usize,
    /// caught / contradictions.
    pub recall: f64,
    pub recall_at_point: f64,
    pub false_alarms: usize,
    /// false alarms / consistent replies.
    pub false_alarm_rate: f64,
    pub sentences: usize,
    /// Sentences no rule could vouch for.
    pub unread: usize,
    pub unread_share: f64,
    /// Contradictions not caught that sit in an unread sentence: what a
    /// judge (in LLM mode) would still see.
    pub missed_but_unread: usize,
    pub by_field: Vec<FieldRow>,
    pub by_case: Vec<CaseRow>,
    pub seconds: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misses: Vec<Miss>,
}

/// What the verifier made of one reply.
struct Outcome {
    contradicted: Vec<String>,
    sentences: usize,
    unread: usize,
    read: Vec<String>,
}

fn judge_one(r: &LabelledReply, memory: &Memory, lexicon: &Lexicon, set: &Set) -> Outcome {
    let checked = verify::check(&r.reply, r.question.as_deref(), lexicon, memory, set.date);
    let contradicted = checked
        .verdicts
        .iter()
        .filter(|v| v.label == Label::Contradict)
        .filter_map(|v| v.fact_id.as_deref().and_then(|id| memory.fact(id)))
        .map(|f| f.path.clone())
        .collect();
    let mut read: Vec<String> = checked
        .verdicts
        .iter()
        .map(|v| {
            format!(
                "{:?} {} [{}] {}",
                v.label,
                v.claim,
                v.fact_id.as_deref().unwrap_or("-"),
                v.reason
            )
        })
        .collect();
    read.extend(checked.unread.iter().map(|s| format!("unread: {s}")));
    Outcome {
        contradicted,
        sentences: checked.sentences,
        unread: checked.unread.len(),
        read,
    }
}

/// Runs the verifier over every reply of the set; `misses` keeps the replies it got wrong.
pub fn run(set: &Set, misses: bool) -> Report {
    let started = Instant::now();
    let memories: BTreeMap<&str, (Memory, Lexicon)> = set
        .cases
        .iter()
        .map(|(id, c)| (id.as_str(), (Memory::from_case(c), Lexicon::for_case(c))))
        .collect();
    let outcomes: Vec<Outcome> = set
        .replies
        .par_iter()
        .map(|r| {
            let (memory, lexicon) = &memories[r.case.as_str()];
            judge_one(r, memory, lexicon, set)
        })
        .collect();
    let mut report = Report {
        set: set.path.display().to_string(),
        replies: set.replies.len(),
        ..Report::default()
    };
    let mut fields: BTreeMap<String, FieldRow> = BTreeMap::new();
    let mut cases: BTreeMap<String, CaseRow> = BTreeMap::new();
    for (r, o) in set.replies.iter().zip(&outcomes) {
        report.sentences += o.sentences;
        report.unread += o.unread;
        let flagged = !o.contradicted.is_empty();
        let row = cases.entry(r.case.clone()).or_insert_with(|| CaseRow {
            case: r.case.clone(),
            ..CaseRow::default()
        });
        let wrong = match r.label {
            ReplyLabel::Contradict => {
                report.contradictions += 1;
                row.contradictions += 1;
                let point = r
                    .point
                    .as_deref()
                    .and_then(|p| path::resolve(&set.cases[&r.case], p).ok())
                    .unwrap_or_default();
                let field = fields.entry(path::field_of(&point)).or_default();
                field.contradictions += 1;
                if flagged {
                    report.caught += 1;
                    row.caught += 1;
                    field.caught += 1;
                    let at_point = o
                        .contradicted
                        .iter()
                        .any(|f| path::within(f, &point) || path::within(&point, f));
                    report.caught_at_point += usize::from(at_point);
                } else if o.unread > 0 {
                    report.missed_but_unread += 1;
                }
                !flagged
            }
            ReplyLabel::Consistent => {
                report.consistent += 1;
                row.consistent += 1;
                if flagged {
                    report.false_alarms += 1;
                    row.false_alarms += 1;
                    let mut flagged_fields: Vec<String> =
                        o.contradicted.iter().map(|f| path::field_of(f)).collect();
                    flagged_fields.sort();
                    flagged_fields.dedup();
                    for f in flagged_fields {
                        fields.entry(f).or_default().false_alarms += 1;
                    }
                }
                flagged
            }
        };
        if misses && wrong {
            report.misses.push(Miss {
                case: r.case.clone(),
                label: format!("{:?}", r.label).to_lowercase(),
                point: r.point.clone(),
                question: r.question.clone(),
                reply: r.reply.clone(),
                read: o.read.clone(),
            });
        }
    }
    report.recall = ratio(report.caught, report.contradictions);
    report.recall_at_point = ratio(report.caught_at_point, report.contradictions);
    report.false_alarm_rate = ratio(report.false_alarms, report.consistent);
    report.unread_share = ratio(report.unread, report.sentences);
    report.by_field = fields
        .into_iter()
        .map(|(field, mut row)| {
            row.field = field;
            row
        })
        .collect();
    report.by_case = cases.into_values().collect();
    report.seconds = started.elapsed().as_secs_f64();
    report
}

/// The report as a table for the terminal.
pub fn table(r: &Report) -> String {
    let mut out = format!(
        "{}: {} replies ({} contradicting, {} consistent), {:.2} s\n\
         contradiction recall {:.3} ({}/{}), at the labelled point {:.3}\n\
         false alarms {:.3} ({}/{})\n\
         unread sentences {:.3} ({}/{}); missed contradictions in a reply with an unread sentence: {}\n\n",
        r.set,
        r.replies,
        r.contradictions,
        r.consistent,
        r.seconds,
        r.recall,
        r.caught,
        r.contradictions,
        r.recall_at_point,
        r.false_alarm_rate,
        r.false_alarms,
        r.consistent,
        r.unread_share,
        r.unread,
        r.sentences,
        r.missed_but_unread,
    );
    out.push_str(&format!(
        "{:<42} {:>6} {:>6} {:>7} {:>6}\n",
        "field", "n", "caught", "recall", "false"
    ));
    for f in &r.by_field {
        let recall = if f.contradictions == 0 {
            "-".to_string()
        } else {
            format!("{:.3}", ratio(f.caught, f.contradictions))
        };
        out.push_str(&format!(
            "{:<42} {:>6} {:>6} {:>7} {:>6}\n",
            f.field, f.contradictions, f.caught, recall, f.false_alarms
        ));
    }
    out.push_str(&format!(
        "\n{:<48} {:>7} {:>12}\n",
        "case", "recall", "false alarms"
    ));
    for c in &r.by_case {
        out.push_str(&format!(
            "{:<48} {:>7.3} {:>12.3}\n",
            c.case,
            ratio(c.caught, c.contradictions),
            ratio(c.false_alarms, c.consistent)
        ));
    }
    for m in &r.misses {
        out.push_str(&format!(
            "\n[{}] {} {}\n  Q: {}\n  A: {}\n",
            m.label,
            m.case,
            m.point.as_deref().unwrap_or(""),
            m.question.as_deref().unwrap_or("-"),
            m.reply
        ));
        for line in &m.read {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out
}
