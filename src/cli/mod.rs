//! Argument parsing and dispatch; the work is done in the library modules.

pub mod generate;
mod interview;
mod list;
mod validate;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "patient-zero",
    version,
    about = "Synthetic patients for practising history-taking: generate, check and list patient cases,\ninterview a patient, judge a reply.\nWith no command, lists the cases in ./cases.",
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
        Some(Command::Interview(args)) => interview::run(args),
        Some(Command::Check(args)) => interview::check(args),
        None => list::run(list::Args::default()),
    }
}
