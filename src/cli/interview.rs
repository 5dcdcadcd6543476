//! `patient-zero interview CASE --questions FILE`: a scripted, headless
//! interview with the offline patient agent; `check CASE --reply TEXT`.

use super::KnowledgeArg;
use crate::agent::{Agent, TurnReport};
use crate::case::{self, Case};
use crate::persona::Style;
use crate::problem::Problem;
use crate::yaml::Document;
use anyhow::{Context as _, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A case file, or the id of a case in ./cases
    pub case: String,
    /// YAML file of questions: a list of strings, or `questions: [...]`
    #[arg(long, short)]
    pub questions: PathBuf,
    #[arg(long, short, value_enum, default_value_t = Style::Plain)]
    pub style: Style,
    #[command(flatten)]
    pub llm: super::llm_args::LlmArgs,
    /// One JSON document on stdout instead of a transcript
    #[arg(long)]
    pub json: bool,
    /// Seed of the responder's choices of wording
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Probability that a candidate reply has one fact corrupted, to show the verifier catching it
    #[arg(long, default_value_t = 0.0, value_parser = probability)]
    pub chaos: f64,
    /// Candidates per turn before the fact-only fallback
    #[arg(long, default_value_t = crate::agent::DEFAULT_ATTEMPTS, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub attempts: u32,
    /// Session log to append to (JSONL); default: a new file in the data directory
    #[arg(long)]
    pub session: Option<PathBuf>,
    /// Do not write a session log
    #[arg(long, conflicts_with = "session")]
    pub no_session: bool,
    /// Carry the facts the patient added in an earlier session (its JSONL log) into this one
    #[arg(long)]
    pub resume: Option<PathBuf>,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

/// Text safe to print to a terminal: control characters (escape sequences,
/// NUL, bidi overrides) shown as `\u{..}` instead of acting on the screen.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub fn probability(s: &str) -> Result<f64, String> {
    let p: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("{p} is not a probability (0 to 1)"))
    }
}

/// The case a command names: a file, or an id in ./cases; checked like `validate` does.
pub fn load_case(arg: &str, knowledge: &KnowledgeArg) -> anyhow::Result<Case> {
    load_case_in(arg, Path::new("cases"), knowledge).map(|(case, _)| case)
}

/// A case given as a file, or as an id in `dir`; with the path it was read from.
pub fn load_case_in(
    arg: &str,
    dir: &Path,
    knowledge: &KnowledgeArg,
) -> anyhow::Result<(Case, PathBuf)> {
    let given = PathBuf::from(arg);
    let by_id = dir.join(format!("{arg}.yaml"));
    let path = if given.exists() || arg.contains('/') || arg.ends_with(".yaml") {
        given
    } else {
        by_id
    };
    if !path.exists() {
        bail!(
            "no case `{arg}`: no such file, and no {} (run `patient-zero list` to see the cases)",
            path.display()
        );
    }
    let kb = knowledge.load().ok();
    let case = case::load(&path, kb.as_ref())
        .map_err(|e| anyhow::anyhow!("the case does not validate:\n{e}"))?;
    // As `validate` requires: a case file is named by its id.
    if path.file_stem().is_some_and(|stem| *stem != *case.id) {
        bail!(
            "the case does not validate:\n{}: id `{}` does not match the file name",
            path.display(),
            case.id
        );
    }
    Ok((case, path))
}
/// Questions from a YAML file: a list of strings, or `questions:` with one.
/// Each problem is located at the item or key it concerns.
pub fn load_questions(path: &Path) -> Result<Vec<String>, Problem> {
    questions_in(&Document::read(path, 1 << 20, "question file")?)
}

/// The questions of a question file already read.
pub fn questions_in(doc: &Document) -> Result<Vec<String>, Problem> {
    let value: serde_yaml::Value = doc.parse()?;
    let (list, at) = match &value {
        serde_yaml::Value::Sequence(items) => (items, String::new()),
        serde_yaml::Value::Mapping(map) => {
            if let Some((k, _)) = map.iter().find(|(k, _)| k.as_str() != Some("questions")) {
                let name = k.as_str().map_or_else(|| format!("{k:?}"), str::to_string);
                return Err(
                    doc.problem_at(&name, "unknown key; a question file has only `questions:`")
                );
            }
            match map.get("questions") {
                Some(serde_yaml::Value::Sequence(items)) => (items, "questions".to_string()),
                _ => return Err(doc.problem_at("questions", "expected a list of questions")),
            }
        }
        _ => {
            return Err(doc.problem_at(
                "",
                "expected a list of questions, or `questions:` with a list",
            ));
        }
    };
    let mut questions = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        match item.as_str() {
            Some(q) => questions.push(q.to_string()),
            None => {
                return Err(doc.problem_at(
                    &format!("{at}[{i}]"),
                    "a question must be text (quote it if it looks like a number)",
                ));
            }
        }
    }
    if questions.is_empty() {
        return Err(Problem::whole_file(&doc.path, "no questions in this file"));
    }
    Ok(questions)
}

#[derive(serde::Serialize)]
struct Transcript<'a> {
    case: &'a str,
    style: Style,
    turns: &'a [TurnReport],
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = crate::config::load().map_err(|p| anyhow::anyhow!("{p}"))?;
    let voice = args.llm.voice(&config, args.seed, args.chaos)?;
    let _logs = crate::config::start_logging();
    let case = load_case(&args.case, &args.knowledge)?;
    let questions = load_questions(&args.questions).map_err(|p| anyhow::anyhow!("{p}"))?;
    let mut agent = Agent::new(case, voice.responder(args.style)?);
    agent.judge = voice.judge()?;
    agent.show_unsettled = config.llm.show_unsettled;
    agent.attempts = args.attempts;
    if let Some(earlier) = &args.resume {
        let facts = crate::session::episodic_facts(earlier, &agent.case.id)?;
        eprintln!("resumed {} facts from {}", facts.len(), earlier.display());
        agent.memory.restore(facts);
    }
    let mut log = if args.no_session {
        None
    } else {
        let path = match &args.session {
            Some(p) => p.clone(),
            None => {
                let dir = crate::session::default_dir().context(
                    "no data directory for session logs; pass --session FILE or --no-session",
                )?;
                let stamp = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                dir.join(format!("{}-{stamp}.jsonl", agent.case.id))
            }
        };
        Some(crate::session::Log::append(&path, &agent.case.id)?)
    };
    let mut turns = Vec::new();
    for q in &questions {
        let report = agent.ask(q);
        if let Some(log) = log.as_mut() {
            log.turn(&report.events)?;
        }
        if !args.json {
            println!("Q: {}", printable(q.trim()));
            println!("A: {}", printable(&report.reply));
            for f in &report.flags {
                println!("   [{}] {}", f.kind, f.detail);
            }
            for f in &report.added_facts {
                println!("   [new fact {}] {}", f.id, f.text);
            }
        }
        turns.push(report);
    }
    if args.json {
        let t = Transcript {
            case: &agent.case.id,
            style: args.style,
            turns: &turns,
        };
        println!("{}", serde_json::to_string_pretty(&t)?);
    }
    if let Some(log) = &log {
        eprintln!("session log: {}", log.path().display());
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A case file, or the id of a case in ./cases
    pub case: String,
    /// The reply to judge, as the patient would have said it
    #[arg(long)]
    pub reply: String,
    /// The question it answers, so that a bare "yes" or "no" is read against it
    #[arg(long)]
    pub question: Option<String>,
    #[arg(long)]
    pub json: bool,
    /// With --backend llm, what the rules cannot settle goes to the model as judge
    #[command(flatten)]
    pub llm: super::llm_args::LlmArgs,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

pub fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let config = crate::config::load().map_err(|p| anyhow::anyhow!("{p}"))?;
    let voice = args.llm.voice(&config, 1, 0.0)?;
    let case = load_case(&args.case, &args.knowledge)?;
    let mut agent = Agent::new(case, voice.responder(Style::Plain)?);
    agent.judge = voice.judge()?;
    agent.show_unsettled = config.llm.show_unsettled;
    let (checked, flag) = agent.check_reply(&args.reply, args.question.as_deref());
    if let Some(flag) = &flag {
        eprintln!("[{}] {}", flag.kind, flag.detail);
    }
    let verdicts = &checked.verdicts;
    let sentences: Vec<serde_json::Value> = checked
        .reading
        .sentences
        .iter()
        .map(|s| {
            serde_json::json!({
                "text": s.text,
                "span": {"start": s.span.start, "end": s.span.end},
                "outcome": if s.read { "read" } else { "unread" },
                "claims": s.claims,
            })
        })
        .collect();
    if args.json {
        let mut out = serde_json::json!({
            "claims": checked.claims(),
            "verdicts": verdicts,
            "sentences": sentences,
        });
        if let Some(flag) = flag {
            out["flags"] = serde_json::json!([flag]);
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        if verdicts.is_empty() {
            println!("no claims found");
        }
        for s in checked.reading.sentences.iter().filter(|s| !s.read) {
            println!("{:<10} {:<6} {}", "unread", "-", s.text);
        }
        for v in verdicts {
            let fact = v.fact_id.as_deref().unwrap_or("-");
            println!(
                "{:<10} {:<6} {}  ({})",
                format!("{:?}", v.label).to_lowercase(),
                fact,
                v.claim,
                v.reason
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
