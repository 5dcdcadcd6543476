//! Argument parsing and dispatch; the work is done in the library modules.

mod app;
mod eval;
mod export;
pub mod generate;
mod import;
mod interview;
mod list;
pub mod llm_args;
mod show;
mod validate;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "patient-zero",
    version,
    about = "Synthetic patients for practising history-taking: chat with a patient in the terminal,\ngenerate, check and list patient cases, interview a patient headless, judge a reply.\nWith no command: the case picker in a terminal, else the list of cases in ./cases.",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate patient records from the disease knowledge base
    Generate(generate::Args),
    /// Check case files and knowledge files; prints path:line:column: message for each problem
    Validate(validate::Args),
    /// List the cases in a directory (default: cases/)
    List(list::Args),
    /// Chat with a patient in the terminal app (a case file or an id in ./cases)
    Chat(app::ChatArgs),
    /// Step through a saved session (its JSONL log), panels as they were
    Replay(app::ReplayArgs),
    /// Measure generated records (accuracy, diversity) or dialogues (consistency)
    Eval(eval::Args),
    /// A case as readable prose (the whole record, diagnosis included)
    Show(show::Args),
    /// A saved session as Markdown or JSON (transcript, debrief, flags); a case as FHIR R4, Markdown or JSON
    Export(export::Args),
    /// Import cases from another format (AgentClinic OSCE JSONL) into case files
    #[command(subcommand)]
    Import(import::Format),
    /// A scripted interview with a patient, headless (transcript or --json)
    Interview(interview::Args),
    /// Judge a free-text reply against a case's memory: claims and verdicts
    Check(interview::CheckArgs),
}

/// Where the knowledge base comes from: a directory, or the default lookup.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct KnowledgeArg {
    /// Knowledge directory (default: ./assets/knowledge if present, else the built-in copy)
    #[arg(long, value_name = "DIR", global = true)]
    pub knowledge: Option<PathBuf>,
}

impl KnowledgeArg {
    pub fn load(&self) -> Result<crate::knowledge::KnowledgeBase, crate::problem::Problems> {
        match &self.knowledge {
            Some(dir) => crate::knowledge::KnowledgeBase::load_dir(dir),
            None => crate::knowledge::KnowledgeBase::load_default(),
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Generate(args)) => generate::run(args),
        Some(Command::Validate(args)) => validate::run(args),
        Some(Command::List(args)) => list::run(args),
        Some(Command::Chat(args)) => app::chat(args),
        Some(Command::Replay(args)) => app::replay(args),
        Some(Command::Show(args)) => show::run(args),
        Some(Command::Eval(args)) => eval::run(args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Import(format)) => import::run(format),
        Some(Command::Interview(args)) => interview::run(args),
        Some(Command::Check(args)) => interview::check(args),
        // In a terminal, the app's case picker; piped, the case list.
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => app::picker(),
        None => list::run(list::Args::default()),
    }
}
