//! `patient-zero eval generate|dialogue`: the paper's tables, measured here.

use super::KnowledgeArg;
use crate::yaml::Document;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// Accuracy and diversity of generated records, per department and overall
    Generate(GenerateArgs),
    /// Consistency of the patient over scripted dialogues: every case x the six styles
    Dialogue(DialogueArgs),
    /// The verifier against labelled replies: contradiction recall and false alarms, per field
    Verifier(SetArgs),
    /// The offline patient against student questions: answered with the expected facts,
    /// clarifications, wrong subjects
    Questions(SetArgs),
    /// `/exam` and `/test` orders against the results each should bring: right, recall,
    /// results not asked for, "no result" for what the record lacks
    Orders(SetArgs),
}

#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// The set file (YAML; its format is in the README)
    #[arg(long, value_name = "FILE")]
    pub set: PathBuf,
    /// One JSON document on stdout instead of the table
    #[arg(long)]
    pub json: bool,
    /// Also list every item the program got wrong, with what it read
    #[arg(long)]
    pub misses: bool,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

#[derive(Debug, clap::Args)]
pub struct DialogueArgs {
    /// The doctor's script, a question file (default: assets/eval/doctor.yaml, 13 questions)
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
    /// Directory of the cases interviewed
    #[arg(long, value_name = "DIR", default_value = "cases")]
    pub cases: PathBuf,
    /// One JSON document on stdout instead of the table
    #[arg(long)]
    pub json: bool,
    /// Only these styles, comma-separated (default: all six)
    #[arg(long, value_delimiter = ',', value_name = "S,S")]
    pub styles: Vec<crate::persona::Style>,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
    /// With --backend llm the model is the patient's voice and its judge
    #[command(flatten)]
    pub llm: super::llm_args::LlmArgs,
}

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Records to generate (every outline in turn)
    #[arg(short = 'n', long = "count", default_value_t = 600)]
    pub count: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// One JSON document on stdout instead of the table
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Generate(a) => generate(a),
        What::Dialogue(a) => dialogue(a),
        What::Verifier(a) => on_set(a, SetKind::Replies),
        What::Questions(a) => on_set(a, SetKind::Questions),
        What::Orders(a) => on_set(a, SetKind::Orders),
    }
}

enum SetKind {
    Replies,
    Questions,
    Orders,
}

fn on_set(args: SetArgs, kind: SetKind) -> anyhow::Result<ExitCode> {
    let kb = args.knowledge.load().ok();
    let set = crate::eval::sets::Set::load(&args.set, kb.as_ref())
        .map_err(|e| anyhow::anyhow!("the set does not load:\n{e}"))?;
    let (json, table) = match kind {
        SetKind::Orders => {
            if set.orders.is_empty() {
                anyhow::bail!("{}: no `orders:` to place", args.set.display());
            }
            let r = crate::eval::orders::run(&set, args.misses);
            (
                serde_json::to_string_pretty(&r)?,
                crate::eval::orders::table(&r),
            )
        }
        SetKind::Replies => {
            if set.replies.is_empty() {
                anyhow::bail!("{}: no `replies:` to check", args.set.display());
            }
            let r = crate::eval::verifier::run(&set, args.misses);
            (
                serde_json::to_string_pretty(&r)?,
                crate::eval::verifier::table(&r),
            )
        }
        SetKind::Questions => {
            if set.questions.is_empty() {
                anyhow::bail!("{}: no `questions:` to ask", args.set.display());
            }
            let r = crate::eval::questions::run(&set, args.misses);
            (
                serde_json::to_string_pretty(&r)?,
                crate::eval::questions::table(&r),
            )
        }
    };
    if args.json {
        println!("{json}");
    } else {
        print!("{table}");
    }
    Ok(ExitCode::SUCCESS)
}

fn generate(args: GenerateArgs) -> anyhow::Result<ExitCode> {
    if args.count < 2 {
        anyhow::bail!("-n must be at least 2: diversity compares pairs of records");
    }
    let kb = args
        .knowledge
        .load()
        .map_err(|e| anyhow::anyhow!("the knowledge base does not load:\n{e}"))?;
    let report = crate::eval::generate::run(&kb, args.count, args.seed);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", crate::eval::generate::table(&report));
    }
    Ok(ExitCode::SUCCESS)
}

fn dialogue(args: DialogueArgs) -> anyhow::Result<ExitCode> {
    let questions = match &args.questions {
        Some(path) => super::interview::load_questions(path)?,
        None => super::interview::questions_in(&Document::from_text(
            "assets/eval/doctor.yaml",
            crate::eval::dialogue::DOCTOR,
        ))?,
    };
    let kb = args.knowledge.load().ok();
    let paths = crate::case::files_in(&args.cases)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.cases.display()))?;
    let mut cases = Vec::with_capacity(paths.len());
    for path in &paths {
        let case = crate::case::load(path, kb.as_ref())
            .map_err(|e| anyhow::anyhow!("a case does not validate:\n{e}"))?;
        cases.push(case);
    }
    if cases.is_empty() {
        anyhow::bail!("no case files (.yaml) in {}", args.cases.display());
    }
    let config = crate::config::load().map_err(|p| anyhow::anyhow!("{p}"))?;
    let voice = args.llm.voice(&config, 0, 0.0)?;
    let styles = if args.styles.is_empty() {
        crate::persona::Style::ALL.to_vec()
    } else {
        args.styles.clone()
    };
    let report = crate::eval::dialogue::run(&cases, &questions, &styles, &voice)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", crate::eval::dialogue::table(&report));
    }
    Ok(ExitCode::SUCCESS)
}
