//! `eval generate`: how accurate and how diverse generated records are, per
//! department and overall, as in the paper's Tables 1 and 3.

use super::metrics::{Corpus, tokens};
use crate::case::{self, Case, Department};
use crate::generate::sample;
use crate::generate::{Request, Sampling};
use crate::knowledge::KnowledgeBase;
use crate::yaml::Document;
use rand::Rng;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// Pairs compared per group at most; above this a fixed sample is drawn.
pub const MAX_PAIRS: usize = 2000;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entities {
    pub distinct: usize,
    pub mentioned: usize,
    /// distinct / mentioned: 1 when no two records share an item.
    pub ratio: f64,
}

impl Entities {
    fn of<'a>(items: impl Iterator<Item = &'a str>) -> Self {
        let all: Vec<&str> = items.collect();
        let distinct = all.iter().collect::<BTreeSet<_>>().len();
        let mentioned = all.len();
        Entities {
            distinct,
            mentioned,
            ratio: if mentioned == 0 {
                0.0
            } else {
                distinct as f64 / mentioned as f64
            },
        }
    }
}

/// One department, or all of them.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    pub group: String,
    pub records: usize,
    /// Records that pass every rule check of `validate`.
    pub valid: usize,
    pub accuracy: f64,
    pub pairs: usize,
    /// Means over the pairs; none when the group has fewer than two records.
    pub bleu4: Option<f64>,
    pub rouge_l: Option<f64>,
    pub tfidf_cosine: Option<f64>,
    pub symptoms: Entities,
    pub findings: Entities,
    pub history: Entities,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub n: u64,
    pub seed: u64,
    pub outlines: usize,
    /// Records the generator gave up on (counted as inaccurate).
    pub given_up: usize,
    pub departments: Vec<Row>,
    pub overall: Row,
}

/// A record made and checked: its department, whether it passed, its prose.
struct Made {
    department: Department,
    valid: bool,
    case: Option<Case>,
    words: Vec<String>,
}

fn make(req: &Request, kb: &KnowledgeBase, i: u64) -> Made {
    let department = req.outlines[(i % req.outlines.len() as u64) as usize].department;
    match req.build(i).result {
        Ok((c, yaml)) => {
            // Read back from its own text, as `validate` reads a file.
            let doc = Document::from_text(format!("{}.yaml", c.id), yaml);
            let valid = case::from_document(&doc, Some(kb)).is_ok_and(|back| back == c);
            let words = tokens(&crate::prose::describe(&c).text());
            Made {
                department,
                valid,
                case: Some(c),
                words,
            }
        }
        Err(_) => Made {
            department,
            valid: false,
            case: None,
            words: Vec::new(),
        },
    }
}

/// The pairs of `0..m` compared: all of them, or `MAX_PAIRS` drawn with `seed`.
pub fn pairs(m: usize, seed: u64) -> Vec<(usize, usize)> {
    let all = m * m.saturating_sub(1) / 2;
    if all <= MAX_PAIRS {
        return (0..m)
            .flat_map(|i| (i + 1..m).map(move |j| (i, j)))
            .collect();
    }
    let mut rng = sample::stream(seed, 0, 11);
    (0..MAX_PAIRS)
        .map(|_| {
            let i = rng.random_range(0..m);
            let mut j = rng.random_range(0..m - 1);
            if j >= i {
                j += 1;
            }
            (i.min(j), i.max(j))
        })
        .collect()
}

fn row(group: String, made: &[&Made], seed: u64) -> Row {
    let docs: Vec<Vec<String>> = made
        .iter()
        .filter(|m| m.case.is_some())
        .map(|m| m.words.clone())
        .collect();
    let corpus = Corpus::new(&docs);
    let ps = pairs(docs.len(), seed);
    let scores: Vec<(f64, f64, f64)> = ps
        .par_iter()
        .map(|&(i, j)| {
            (
                corpus.bleu4_pair(i, j),
                corpus.rouge_l(i, j),
                corpus.cosine(i, j),
            )
        })
        .collect();
    // Summed in pair order, so the same seed gives the same figures to the last digit.
    let sums = scores
        .iter()
        .fold((0.0, 0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    let mean = |x: f64| (!ps.is_empty()).then(|| x / ps.len() as f64);
    let cases: Vec<&Case> = made.iter().filter_map(|m| m.case.as_ref()).collect();
    let valid = made.iter().filter(|m| m.valid).count();
    let h = |c: &&Case| {
        let h = &c.history;
        let mut v: Vec<String> = h.conditions.iter().map(|x| x.condition.clone()).collect();
        v.extend(h.surgeries.iter().map(|x| x.procedure.clone()));
        v.extend(h.medications.iter().map(|x| x.name.clone()));
        v.extend(h.allergies.iter().map(|x| x.substance.clone()));
        v.extend(
            h.family
                .iter()
                .map(|x| format!("{} ({})", x.condition, x.relative)),
        );
        v
    };
    let history: Vec<String> = cases.iter().flat_map(h).collect();
    let findings: Vec<String> = cases
        .iter()
        .flat_map(|c| c.examination.findings.iter())
        .map(|f| format!("{}: {}", f.system, f.finding))
        .collect();
    Row {
        group,
        records: made.len(),
        valid,
        accuracy: if made.is_empty() {
            0.0
        } else {
            valid as f64 / made.len() as f64
        },
        pairs: ps.len(),
        bleu4: mean(sums.0),
        rouge_l: mean(sums.1),
        tfidf_cosine: mean(sums.2),
        symptoms: Entities::of(
            cases
                .iter()
                .flat_map(|c| c.symptoms.iter().map(|s| s.name.as_str())),
        ),
        findings: Entities::of(findings.iter().map(String::as_str)),
        history: Entities::of(history.iter().map(String::as_str)),
    }
}

/// Generates `n` records over every outline in turn (balanced sampling,
/// as `generate` does by default) and measures them.
pub fn run(kb: &KnowledgeBase, n: u64, seed: u64) -> Report {
    let req = Request {
        kb,
        outlines: kb.select(None, None),
        seed,
        sampling: Sampling::Balanced,
    };
    let made: Vec<Made> = (0..n).into_par_iter().map(|i| make(&req, kb, i)).collect();
    let departments = Department::ALL
        .iter()
        .filter_map(|&d| {
            let group: Vec<&Made> = made.iter().filter(|m| m.department == d).collect();
            (!group.is_empty()).then(|| row(d.slug().to_string(), &group, seed))
        })
        .collect();
    let all: Vec<&Made> = made.iter().collect();
    Report {
        n,
        seed,
        outlines: req.outlines.len(),
        given_up: made.iter().filter(|m| m.case.is_none()).count(),
        departments,
        overall: row("overall".to_string(), &all, seed),
    }
}

/// The report as a table.
pub fn table(r: &Report) -> String {
    let mut out = format!(
        "{} records over {} outlines, seed {}, {} given up\n\n",
        r.n, r.outlines, r.seed, r.given_up
    );
    out.push_str(
        "group             records  accuracy   pairs  BLEU-4  ROUGE-L  TF-IDF cos  symptoms  findings   history\n",
    );
    let ent = |e: &Entities| format!("{}/{}", e.distinct, e.mentioned);
    let m = |x: Option<f64>| x.map_or_else(|| "n/a".to_string(), |x| format!("{x:.3}"));
    for row in r.departments.iter().chain(std::iter::once(&r.overall)) {
        out.push_str(&format!(
            "{:<17} {:>7} {:>8.1}% {:>7} {:>7} {:>8} {:>11} {:>9} {:>9} {:>9}\n",
            row.group,
            row.records,
            100.0 * row.accuracy,
            row.pairs,
            m(row.bleu4),
            m(row.rouge_l),
            m(row.tfidf_cosine),
            ent(&row.symptoms),
            ent(&row.findings),
            ent(&row.history),
        ));
    }
    out.push_str(
        "\nBLEU-4, ROUGE-L and TF-IDF cosine are means over pairs of records' prose (`show`), lower is more diverse\n\
         (n/a: fewer than two records);\n\
         entities are distinct/mentioned symptoms, examination findings and history items.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_groups_compare_every_pair_and_large_ones_a_fixed_sample() {
        assert_eq!(
            pairs(4, 1),
            [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
        );
        let big = pairs(1000, 5);
        assert_eq!(big.len(), MAX_PAIRS);
        assert_eq!(big, pairs(1000, 5));
        assert!(big.iter().all(|&(i, j)| i < j && j < 1000));
        assert_ne!(big, pairs(1000, 6));
    }

    #[test]
    fn entity_ratio_is_distinct_over_mentioned() {
        let e = Entities::of(["a", "b", "a", "c"].into_iter());
        assert_eq!((e.distinct, e.mentioned), (3, 4));
        assert!((e.ratio - 0.75).abs() < 1e-12);
    }
}
