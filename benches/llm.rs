//! LLM mode against a real server (PZ_LLM_URL, PZ_LLM_MODEL; `scripts/llm-server
//! start` runs SmolLM2-135M): model calls per verified turn, responses and
//! judge, against the paper's Algorithm 1 (one judge call per fact per
//! candidate); and the client's own time against the server's.
//!
//! Run with `PZ_LLM_URL=http://127.0.0.1:8089 cargo bench --bench llm`.

use patient_zero::agent::{Agent, Voice};
use patient_zero::case;
use patient_zero::llm::{Blocking, Cancel, Message, Request, Settings};
use patient_zero::persona::Style;
use patient_zero::prompts::Prompts;
use std::path::Path;
use std::time::Duration;

const QUESTIONS: [&str; 10] = [
    "What brings you in today?",
    "When did it start?",
    "Where exactly do you feel it?",
    "How bad is it on a scale of 1 to 10?",
    "Does anything make it better?",
    "Do you take any medications?",
    "Any allergies?",
    "Does anything run in your family?",
    "Do you smoke?",
    "What do you do for a living?",
];

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"llm".contains(a.as_str()))
    {
        return;
    }
    let Ok(url) = std::env::var("PZ_LLM_URL") else {
        println!("llm bench skipped: set PZ_LLM_URL (scripts/llm-server start prints it)");
        return;
    };
    let model = std::env::var("PZ_LLM_MODEL").unwrap_or_else(|_| "smollm2".into());
    let settings = Settings {
        base_url: url,
        model,
        ..Settings::default()
    };
    let voice = Voice::Llm {
        settings: settings.clone(),
        prompts: Prompts::built_in(),
        seed: 1,
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = case::load(
        &root.join("cases/figure5-severe-acute-pancreatitis.yaml"),
        None,
    )
    .unwrap();
    let mut a = Agent::new(c, voice.responder(Style::Plain).unwrap());
    a.judge = voice.judge().unwrap();
    // Algorithm 1 judges every candidate against every fact, one call each.
    let mut paper_calls = 0u64;
    let mut candidates = 0u64;
    for q in QUESTIONS {
        let facts = a.memory.len() as u64;
        let t = a.ask(q);
        let model_candidates = u64::from(t.attempts.min(a.attempts));
        candidates += model_candidates;
        paper_calls += model_candidates * (1 + facts);
    }
    let ours = a.calls.responses + a.calls.judge;
    let turns = QUESTIONS.len() as f64;
    println!(
        "model calls per turn: {:.2} (responses {:.2} + judge {:.2}); {:.2} candidates per turn",
        ours as f64 / turns,
        a.calls.responses as f64 / turns,
        a.calls.judge as f64 / turns,
        candidates as f64 / turns
    );
    println!(
        "the paper's Algorithm 1 on the same candidates and memory: {:.1} calls per turn; ratio {:.1}x fewer",
        paper_calls as f64 / turns,
        paper_calls as f64 / ours.max(1) as f64
    );

    // The client's share: whole call minus the time the server took, on a short prompt.
    let client = Blocking::new(settings).unwrap();
    let request = Request {
        messages: vec![Message::user("Say hello in three words.")],
        max_tokens: Some(8),
        temperature: Some(0.0),
        ..Request::default()
    };
    for (name, stream) in [("plain", false), ("streamed", true)] {
        let (mut overhead, mut server) = (Vec::new(), Vec::new());
        for _ in 0..20 {
            let done = if stream {
                client.stream(&request, &Cancel::new(), &mut |_| {})
            } else {
                client.complete(&request, &Cancel::new())
            }
            .unwrap();
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            overhead.push(ms(done.elapsed.saturating_sub(done.server_time)));
            server.push(ms(done.server_time));
        }
        let (o, s) = (median(overhead), median(server));
        println!(
            "{name} call, 20 runs: server {s:.1} ms median, client overhead {o:.3} ms median ({:.2}% of the call)",
            100.0 * o / (o + s)
        );
    }
}
