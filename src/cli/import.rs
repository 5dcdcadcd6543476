//! `patient-zero import agentclinic FILE.jsonl --out DIR`: cases from
//! AgentClinic's OSCE format, one YAML file per readable line.

use super::KnowledgeArg;
use crate::import;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum Format {
    /// AgentClinic OSCE cases (JSONL: one `OSCE_Examination` object a line)
    #[command(
        after_help = "Each line becomes <diagnosis>-agentclinic-<line>.yaml in DIR, checked by the case rules.\n\
                      A line that cannot be read is reported as FILE:LINE: message on stderr and skipped;\n\
                      the rest are imported. Exit code 1 only when the file cannot be read, is empty,\n\
                      or no line could be imported."
    )]
    Agentclinic(Args),
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The JSONL file
    pub file: PathBuf,
    /// Where to write the cases (created if missing)
    #[arg(long, short, value_name = "DIR", default_value = "cases")]
    pub out: PathBuf,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

pub fn run(format: Format) -> anyhow::Result<ExitCode> {
    let Format::Agentclinic(args) = format;
    let kb = args.knowledge.load().ok();
    let report = import::agentclinic_file(&args.file, &args.out, kb.as_ref())?;
    for s in &report.skipped {
        eprintln!(
            "{}:{}: {}; line skipped",
            args.file.display(),
            s.line,
            s.message
        );
    }
    for w in &report.written {
        println!("wrote {}", w.display());
    }
    eprintln!(
        "imported {}, skipped {}",
        crate::problem::count(report.written.len(), "case"),
        crate::problem::count(report.skipped.len(), "line")
    );
    if report.written.is_empty() {
        anyhow::bail!("{}: nothing imported", args.file.display());
    }
    Ok(ExitCode::SUCCESS)
}
