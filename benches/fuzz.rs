//! A million random texts through everything that reads English: the
//! question reader, the reply reader and verifier, the order reader, and
//! (one input in twenty) the AgentClinic importer with random text in the
//! fields of a real case. Counts panics (there must be none) and reports
//! inputs per second.
//!
//! Run with `cargo bench --bench fuzz` (`PZ_FUZZ_N=100000` for fewer inputs).

#[path = "../tests/support/random_text.rs"]
mod random_text;

use patient_zero::case::{self, Case};
use patient_zero::language::order::{Want, order};
use patient_zero::language::{Lexicon, question};
use patient_zero::memory::Memory;
use rand::SeedableRng;
use random_text::{random_text, scramble};
use rayon::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::Instant;

const CASES: [&str; 6] = [
    "figure5-severe-acute-pancreatitis",
    "major-depressive-disorder-s2026-00005",
    "sciatica-s2026-00009",
    "acute-angle-closure-glaucoma-s2026-00010",
    "benign-prostatic-hyperplasia-s2026-00003",
    "graves-disease-s2026-00001",
];

fn main() {
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"fuzz".contains(a.as_str()))
    {
        return;
    }
    let n: usize = std::env::var("PZ_FUZZ_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cases: Vec<(Case, Lexicon, Memory)> = CASES
        .iter()
        .map(|id| {
            let c = case::load(&root.join(format!("cases/{id}.yaml")), None).unwrap();
            let lx = Lexicon::for_case(&c);
            let m = Memory::from_case(&c);
            (c, lx, m)
        })
        .collect();
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(
        root.join("tests/fixtures/agentclinic/agentclinic_medqa_sample.jsonl"),
    )
    .unwrap()
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    // Panics are counted, not printed one by one.
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let chunk = 10_000;
    let failures: Vec<String> = (0..n.div_ceil(chunk))
        .into_par_iter()
        .flat_map_iter(|c| {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2509_11078 + c as u64);
            let mut failed = Vec::new();
            for i in c * chunk..((c + 1) * chunk).min(n) {
                let (_, lx, memory) = &cases[i % cases.len()];
                let (q, r) = (random_text(&mut rng), random_text(&mut rng));
                let ok = catch_unwind(AssertUnwindSafe(|| {
                    let _ = question::read(&q, lx);
                    let _ = patient_zero::verify::check(&r, Some(&q), lx, memory, None);
                    let _ = order(&r, Want::Any, lx, &memory.semantic);
                }));
                if ok.is_err() {
                    failed.push(format!("reader: question {q:?}, reply {r:?}"));
                }
                if i % 20 == 0 {
                    let line = scramble(&lines[i % lines.len()], &mut rng).to_string();
                    let ok = catch_unwind(AssertUnwindSafe(|| {
                        let _ = patient_zero::import::agentclinic_case(&line, 1, "fuzz", None);
                    }));
                    if ok.is_err() {
                        failed.push(format!("importer: {line}"));
                    }
                }
            }
            failed
        })
        .collect();
    let _ = std::panic::take_hook();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "fuzz: {n} random texts (question + reply + order each; {} importer lines), {:.1} s, {:.0} inputs/s, {} panics",
        n.div_ceil(20),
        seconds,
        n as f64 / seconds,
        failures.len()
    );
    for f in failures.iter().take(5) {
        println!("  panicked on {f}");
    }
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
