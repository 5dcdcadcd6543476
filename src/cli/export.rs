//! `patient-zero export SESSION.jsonl --format markdown|json`: a saved
//! session as a document: the transcript with what the student did between
//! questions, the debrief, and the flags (the same export the debrief screen
//! saves). `patient-zero export CASE --format fhir|markdown|json`: a case
//! record as an HL7 FHIR R4 Bundle, as the readable record (`show`), or as
//! the record itself in JSON.

use super::KnowledgeArg;
use super::interview::load_case;
use crate::memory::Memory;
use crate::session::{self, Export, History};
use anyhow::bail;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A session's transcript, debrief and flags, or a case's readable record
    Markdown,
    /// A session's export, or a case record, as JSON
    Json,
    /// A case as an HL7 FHIR R4 Bundle (type collection)
    Fhir,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "A .jsonl argument is a session log (formats markdown, json); anything else is a case \
                  file or the id of a case in ./cases (formats fhir, markdown, json)."
)]
pub struct Args {
    /// A session log written by `chat` or `interview` (.jsonl), or a case (a file or an id in ./cases)
    #[arg(value_name = "SESSION.jsonl|CASE")]
    pub input: String,
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
    let text = if Path::new(&args.input)
        .extension()
        .is_some_and(|e| e == "jsonl")
    {
        session_text(&args)?
    } else {
        case_text(&args)?
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

/// A case record as FHIR, as JSON, or as the readable record (`show`'s Markdown).
fn case_text(args: &Args) -> anyhow::Result<String> {
    if args.case.is_some() {
        bail!("--case is for a session log; give the case itself as the argument");
    }
    let case = load_case(&args.input, &args.knowledge)?;
    Ok(match args.format {
        Format::Fhir => crate::fhir::to_json(&case, args.knowledge.load().ok().as_ref()),
        Format::Markdown => crate::prose::describe(&case).markdown(),
        Format::Json => serde_json::to_string_pretty(&case)? + "\n",
    })
}

/// A saved session as Markdown or JSON.
fn session_text(args: &Args) -> anyhow::Result<String> {
    if args.format == Format::Fhir {
        bail!(
            "{}: a session log has no FHIR export; export its case with --format fhir",
            args.input
        );
    }
    let session = PathBuf::from(&args.input);
    let kb = args.knowledge.load().ok();
    let (history, case) = History::open(&session, args.case.as_deref(), kb.as_ref())?;
    let facts = facts(&case, &history);
    let e = Export {
        case_id: &case.id,
        patient: &case.patient.name,
        diagnosis: &case.disease.name,
        facts: &facts,
        history: &history,
    };
    Ok(match args.format {
        Format::Json => serde_json::to_string_pretty(&session::export_json(&e))? + "\n",
        _ => session::export_markdown(&e),
    })
}
