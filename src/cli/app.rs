//! The terminal app's commands: `chat CASE`, bare `patient-zero` (the case
//! picker) and `replay SESSION.jsonl`. Settings come from flags, then
//! `config.yaml`, then defaults; everything that can be checked is checked
//! before the screen is taken over, so a mistake is a plain message.

use super::KnowledgeArg;
use crate::config::{self, Config};
use crate::persona::Style;
use crate::tui::theme::{Theme, ThemeName};
use std::path::PathBuf;
use std::process::ExitCode;

/// Settings shared by the app's commands.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Look {
    /// Colours: auto (from the terminal's COLORFGBG), dark or light (default: `theme` in config.yaml, else auto)
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

#[derive(Debug, clap::Args)]
pub struct ChatArgs {
    /// A case file, or the id of a case in the cases directory; none opens the case picker
    pub case: Option<String>,
    /// Reply style to start in (default: `style` in config.yaml, else plain)
    #[arg(long, short, value_enum)]
    pub style: Option<Style>,
    #[command(flatten)]
    pub llm: super::llm_args::LlmArgs,
    /// Seed of the responder's choices of wording
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Probability that a candidate reply has one fact corrupted, to show the verifier catching it
    #[arg(long, default_value_t = 0.0, value_parser = super::interview::probability)]
    pub chaos: f64,
    /// Show the diagnosis, examiner-only facts and per-claim verdicts from the start
    #[arg(long)]
    pub instructor: bool,
    /// Where the case picker looks (default: `cases` in config.yaml, else ./cases)
    #[arg(long, value_name = "DIR")]
    pub cases: Option<PathBuf>,
    /// Do not save the session log (nor exports)
    #[arg(long)]
    pub no_session: bool,
    #[command(flatten)]
    pub look: Look,
}

#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// A session log written by `interview` or `chat`
    pub session: PathBuf,
    /// The case file, when it is no longer where the session log says
    #[arg(long, value_name = "FILE")]
    pub case: Option<PathBuf>,
    #[command(flatten)]
    pub look: Look,
}

fn config() -> anyhow::Result<Config> {
    config::load().map_err(|p| anyhow::anyhow!("{p}"))
}

fn theme(flag: Option<ThemeName>, config: &Config) -> Theme {
    let name = flag.or(config.theme).unwrap_or_default();
    Theme::named(name, std::env::var("COLORFGBG").ok().as_deref())
}

pub fn chat(args: ChatArgs) -> anyhow::Result<ExitCode> {
    let config = config()?;
    let voice = args.llm.voice(&config, args.seed, args.chaos)?;
    let cases_dir = args
        .cases
        .clone()
        .or_else(|| config.cases.clone())
        .unwrap_or_else(|| PathBuf::from("cases"));
    let open = match &args.case {
        Some(arg) => Some(super::interview::load_case_in(arg, &cases_dir, &args.look.knowledge)?.1),
        None => None,
    };
    let sessions = if args.no_session {
        None
    } else {
        config.sessions.clone().or_else(crate::session::default_dir)
    };
    let style = args.style.or(config.style).unwrap_or(Style::Plain);
    let _logs = config::start_logging();
    tracing::info!(case = ?args.case, %style, "app started");
    let kb = args.look.knowledge.load().ok();
    crate::tui::run(
        crate::tui::Options {
            cases_dir,
            open,
            style,
            instructor: args.instructor || config.instructor,
            theme: theme(args.look.theme, &config),
            sessions,
            voice,
            show_unsettled: config.llm.show_unsettled,
        },
        kb.as_ref(),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Bare `patient-zero` in a terminal: the case picker with the config's settings.
pub fn picker() -> anyhow::Result<ExitCode> {
    chat(ChatArgs {
        case: None,
        style: None,
        llm: Default::default(),
        seed: 1,
        chaos: 0.0,
        instructor: false,
        cases: None,
        no_session: false,
        look: Look::default(),
    })
}

pub fn replay(args: ReplayArgs) -> anyhow::Result<ExitCode> {
    let config = config()?;
    let _logs = config::start_logging();
    let kb = args.look.knowledge.load().ok();
    crate::tui::replay(
        &args.session,
        args.case.as_deref(),
        kb.as_ref(),
        theme(args.look.theme, &config),
    )?;
    Ok(ExitCode::SUCCESS)
}
