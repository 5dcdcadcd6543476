//! Evaluation sets written by people: labelled replies for `eval verifier`
//! and student questions for `eval questions`, each over case files in a
//! directory beside the set. The formats are in the README.

use crate::case::{self, Case};
use crate::problem::Problems;
use crate::yaml::Document;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A set is a few hundred items; ten megabytes is a mistake.
pub const MAX_SET_BYTES: u64 = 10 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyLabel {
    /// The reply contradicts the record at one point.
    Contradict,
    /// Everything in it agrees with the record or is new and harmless.
    Consistent,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledReply {
    pub case: String,
    #[serde(default)]
    pub question: Option<String>,
    pub reply: String,
    pub label: ReplyLabel,
    /// For a contradiction: the record path it contradicts.
    #[serde(default)]
    pub point: Option<String>,
    /// Who wrote it.
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetQuestion {
    pub case: String,
    /// Questions asked before it in the same interview.
    #[serde(default)]
    pub before: Vec<String>,
    pub question: String,
    /// Record paths a good answer brings out (`[]`: the record is silent).
    pub expect: Vec<String>,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetOrder {
    pub case: String,
    /// The verb typed: `exam`, `test` or `order`.
    pub verb: crate::language::order::Want,
    /// What was typed after the verb.
    pub order: String,
    /// Subjects of the results it must bring (`[]`: the record has none).
    pub expect: Vec<String>,
    /// Subjects it may also bring without being wrong.
    #[serde(default)]
    pub ok: Vec<String>,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    /// The consultation's date, for "since Christmas" (YYYY-MM-DD).
    #[serde(default)]
    date: Option<String>,
    /// The directory of the case files, relative to the set file.
    #[serde(default = "default_cases")]
    cases: String,
    #[serde(default)]
    replies: Vec<LabelledReply>,
    #[serde(default)]
    questions: Vec<SetQuestion>,
    #[serde(default)]
    orders: Vec<SetOrder>,
}

fn default_cases() -> String {
    "cases".into()
}

/// A loaded set: its items with their cases, every path checked.
#[derive(Debug, Clone)]
pub struct Set {
    pub path: PathBuf,
    pub date: Option<time::Date>,
    pub cases: BTreeMap<String, Case>,
    pub replies: Vec<LabelledReply>,
    pub questions: Vec<SetQuestion>,
    pub orders: Vec<SetOrder>,
}

fn parse_date(s: &str) -> Option<time::Date> {
    let mut parts = s.trim().splitn(3, '-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()
}

impl Set {
    /// Reads a set file and its cases; every problem is reported with its line.
    pub fn load(
        path: &Path,
        kb: Option<&crate::knowledge::KnowledgeBase>,
    ) -> Result<Set, Problems> {
        let doc = Document::read(path, MAX_SET_BYTES, "evaluation set")?;
        let raw: RawSet = doc.parse()?;
        let mut problems = Vec::new();
        let date = match &raw.date {
            Some(d) => {
                let parsed = parse_date(d);
                if parsed.is_none() {
                    problems
                        .push(doc.problem_at("date", format!("`{d}` is not a date (YYYY-MM-DD)")));
                }
                parsed
            }
            None => None,
        };
        if raw.replies.is_empty() && raw.questions.is_empty() && raw.orders.is_empty() {
            problems.push(doc.problem_at(
                "",
                "a set needs `replies:`, `questions:` or `orders:` with items",
            ));
        }
        let dir = path.parent().unwrap_or(Path::new(".")).join(&raw.cases);
        let mut cases = BTreeMap::new();
        let wanted: Vec<(String, String)> = raw
            .replies
            .iter()
            .enumerate()
            .map(|(i, r)| (r.case.clone(), format!("replies[{i}].case")))
            .chain(
                raw.questions
                    .iter()
                    .enumerate()
                    .map(|(i, q)| (q.case.clone(), format!("questions[{i}].case"))),
            )
            .chain(
                raw.orders
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (o.case.clone(), format!("orders[{i}].case"))),
            )
            .collect();
        for (id, field) in wanted {
            if cases.contains_key(&id) {
                continue;
            }
            let file = ["yaml", "yml"]
                .iter()
                .map(|e| dir.join(format!("{id}.{e}")))
                .find(|p| p.is_file());
            match file {
                None => problems
                    .push(doc.problem_at(&field, format!("no case `{id}` in {}", dir.display()))),
                Some(p) => match case::load(&p, kb) {
                    Ok(c) => {
                        cases.insert(id, c);
                    }
                    Err(e) => problems.extend(e.0),
                },
            }
        }
        for (i, r) in raw.replies.iter().enumerate() {
            let Some(c) = cases.get(&r.case) else {
                continue;
            };
            if r.reply.trim().is_empty() {
                problems.push(doc.problem_at(&format!("replies[{i}].reply"), "is empty"));
            }
            match (r.label, &r.point) {
                (ReplyLabel::Contradict, None) => problems.push(doc.problem_at(
                    &format!("replies[{i}]"),
                    "a contradiction needs `point:`, the record path it contradicts",
                )),
                (ReplyLabel::Consistent, Some(_)) => problems.push(doc.problem_at(
                    &format!("replies[{i}].point"),
                    "only a contradiction has a `point`",
                )),
                (_, Some(p)) => {
                    if let Err(e) = case::path::resolve(c, p) {
                        problems.push(doc.problem_at(&format!("replies[{i}].point"), e));
                    }
                }
                _ => {}
            }
        }
        for (i, q) in raw.questions.iter().enumerate() {
            let Some(c) = cases.get(&q.case) else {
                continue;
            };
            if q.question.trim().is_empty() {
                problems.push(doc.problem_at(&format!("questions[{i}].question"), "is empty"));
            }
            for (j, p) in q.expect.iter().enumerate() {
                if let Err(e) = case::path::resolve(c, p) {
                    problems.push(doc.problem_at(&format!("questions[{i}].expect[{j}]"), e));
                }
            }
        }
        for (i, o) in raw.orders.iter().enumerate() {
            let Some(c) = cases.get(&o.case) else {
                continue;
            };
            if o.order.trim().is_empty() {
                problems.push(doc.problem_at(&format!("orders[{i}].order"), "is empty"));
            }
            let subjects = result_subjects(c);
            for (field, list) in [("expect", &o.expect), ("ok", &o.ok)] {
                for (j, subject) in list.iter().enumerate() {
                    if !subjects.iter().any(|s| s.eq_ignore_ascii_case(subject)) {
                        problems.push(doc.problem_at(
                            &format!("orders[{i}].{field}[{j}]"),
                            format!(
                                "`{subject}` is not the subject of a result in case `{}`",
                                o.case
                            ),
                        ));
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        Ok(Set {
            path: path.to_path_buf(),
            date,
            cases,
            replies: raw.replies,
            questions: raw.questions,
            orders: raw.orders,
        })
    }

    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.get(id)
    }
}

/// The subjects of a record's examination and test results, as orders name them.
pub fn result_subjects(case: &Case) -> Vec<String> {
    crate::memory::Memory::from_case(case)
        .semantic
        .into_iter()
        .filter(crate::language::order::is_result)
        .map(|f| f.key.subject)
        .collect()
}
