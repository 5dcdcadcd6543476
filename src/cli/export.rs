//! `patient-zero export SESSION.jsonl --format markdown|json`: a saved
//! session as a document: the transcript with what the student did between
//! questions, the debrief, and the flags (the same export the debrief screen
//! saves).

use super::KnowledgeArg;
use crate::memory::Memory;
use crate::session::{self, Export, History};
use anyhow::bail;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A session log written by `chat` or `interview` (JSONL)
    pub session: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Write here instead of to stdout
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The case file, when it is no longer where the session log says
    #[arg(long, value_name = "FILE")]
    pub case: Option<PathBuf>,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

/// The record's facts and every fact the session added, as the memory panel had them.
fn facts(case: &crate::case::Case, history: &History) -> Vec<crate::memory::Fact> {
    let mut facts = Memory::from_case(case).semantic;
    facts.extend(
        history
            .turns
            .iter()
            .flat_map(|t| t.added_facts.iter().cloned()),
    );
    facts
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.session.extension().is_none_or(|e| e != "jsonl") {
        bail!(
            "{}: export takes a session log (.jsonl); exporting a case file is not built yet",
            args.session.display()
        );
    }
    let kb = args.knowledge.load().ok();
    let (history, case) = History::open(&args.session, args.case.as_deref(), kb.as_ref())?;
    let facts = facts(&case, &history);
    let e = Export {
        case_id: &case.id,
        patient: &case.patient.name,
        diagnosis: &case.disease.name,
        facts: &facts,
        history: &history,
    };
    let text = match args.format {
        Format::Markdown => session::export_markdown(&e),
        Format::Json => serde_json::to_string_pretty(&session::export_json(&e))? + "\n",
    };
    match &args.out {
        Some(path) => {
            crate::files::write_atomic(path, text.as_bytes()).map_err(|err| {
                anyhow::anyhow!("{}: cannot write the export: {err}", path.display())
            })?;
            eprintln!("wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
