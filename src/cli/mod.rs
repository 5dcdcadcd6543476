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
    /// Chat with a patient in the terminal app (a case file or an id in ./cases)
    Chat(ChatArgs),
    /// Step through a saved session (its JSONL log), panels as they were
    Replay(ReplayArgs),
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
        Some(Command::Chat(args)) => chat(args),
        Some(Command::Replay(args)) => {
            let kb = args.knowledge.load().ok();
            crate::tui::replay(&args.session, kb.as_ref())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Interview(args)) => interview::run(args),
        Some(Command::Check(args)) => interview::check(args),
        // In a terminal, the app's case picker; piped, the case list.
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            let kb = KnowledgeArg::default().load().ok();
            crate::tui::run(
                std::path::Path::new("cases"),
                None,
                crate::persona::Style::Plain,
                false,
                kb.as_ref(),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        None => list::run(list::Args::default()),
    }
}

#[derive(Debug, clap::Args)]
pub struct ChatArgs {
    /// A case file, or the id of a case in ./cases
    pub case: String,
    /// Reply style (default: `style` in config.yaml, else plain)
    #[arg(long, short, value_enum)]
    pub style: Option<crate::persona::Style>,
    /// Show the diagnosis and the examiner-only facts from the start
    #[arg(long)]
    pub instructor: bool,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

fn chat(args: ChatArgs) -> anyhow::Result<ExitCode> {
    // Checked before the screen is taken over, so a bad case is a plain message.
    let case = interview::load_case(&args.case, &args.knowledge)?;
    let path = if std::path::Path::new(&args.case).exists() {
        PathBuf::from(&args.case)
    } else {
        PathBuf::from("cases").join(format!("{}.yaml", case.id))
    };
    let config = crate::config::load().map_err(|p| anyhow::anyhow!("{p}"))?;
    let style = args
        .style
        .or(config.style)
        .unwrap_or(crate::persona::Style::Plain);
    let _logs = crate::config::start_logging();
    tracing::info!(case = %case.id, %style, "chat started");
    let kb = args.knowledge.load().ok();
    crate::tui::run(
        std::path::Path::new("cases"),
        Some(&path),
        style,
        args.instructor || config.instructor,
        kb.as_ref(),
    )?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// A session log written by `interview` or `chat`
    pub session: PathBuf,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}
