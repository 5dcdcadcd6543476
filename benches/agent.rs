//! A verified offline turn (question → candidate → claims → verdicts → reply)
//! with 100, 500 and 2,000 facts in memory: median and 90th-percentile time
//! per turn, and fact comparisons per turn against the paper's loop, which
//! checks every candidate against every fact.
//!
//! Run with `cargo bench --bench agent`.

use patient_zero::agent::{Agent, Offline};
use patient_zero::case;
use patient_zero::memory::{Key, Topic, Value};
use patient_zero::persona::{Persona, Style};
use std::time::Instant;

const SCRIPT: [&str; 20] = [
    "What brings you in today?",
    "When did it start?",
    "Where exactly is it?",
    "What does it feel like?",
    "Does it spread anywhere?",
    "How bad is it on a scale of 1 to 10?",
    "Is it getting better or worse?",
    "Does anything make it worse?",
    "Does anything help?",
    "Have you noticed any other symptoms?",
    "Have you had any fever?",
    "Have you had any nosebleeds?",
    "Do you have any medical conditions?",
    "Do you take any medications?",
    "Any allergies?",
    "Does anything run in your family?",
    "Do you smoke?",
    "How much alcohol do you drink?",
    "What do you do for a living?",
    "How are you sleeping?",
];

fn main() {
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"agent".contains(a.as_str()))
    {
        return;
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("cases/figure5-severe-acute-pancreatitis.yaml");
    let case = case::load(&path, None).expect("the Figure 5 case loads");
    println!(
        "verified offline turn, {} questions a round, style plain, case {}",
        SCRIPT.len(),
        case.id
    );
    println!(
        "{:>6} {:>10} {:>10} {:>14} {:>16} {:>8}",
        "facts", "median ms", "p90 ms", "ours/turn", "paper loop/turn", "ratio"
    );
    for n in [100usize, 500, 2000] {
        let mut times = Vec::new();
        let (mut ours, mut paper, mut turns) = (0u64, 0u64, 0u64);
        for round in 0..25 {
            let mut agent = Agent::new(
                case.clone(),
                Offline {
                    persona: Persona::builtin(Style::Plain),
                    seed: round,
                    chaos: 0.0,
                },
            );
            // Pad memory with everyday facts the patient mentioned earlier, to reach n.
            let mut i = 0;
            while agent.memory.len() < n {
                agent.memory.remember(
                    Key::new(Topic::Everyday, format!("detail {i}")),
                    Value::text(format!("detail {i}")),
                    format!("Detail {i}."),
                    0,
                );
                i += 1;
            }
            for q in SCRIPT {
                let before = agent.cost.comparisons;
                let facts = agent.memory.len() as u64;
                let t = Instant::now();
                let report = agent.ask(q);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                ours += agent.cost.comparisons - before;
                paper += u64::from(report.attempts) * facts;
                turns += 1;
            }
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let p90 = times[times.len() * 9 / 10];
        let (o, p) = (ours as f64 / turns as f64, paper as f64 / turns as f64);
        println!(
            "{n:>6} {median:>10.3} {p90:>10.3} {o:>14.1} {p:>16.1} {:>7.0}x",
            p / o.max(1e-9)
        );
    }
}
