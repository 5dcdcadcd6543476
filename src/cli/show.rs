//! `patient-zero show CASE`: the record as readable prose.

use super::KnowledgeArg;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Paragraphs of plain text, one per section
    Text,
    /// A Markdown document with a heading per section
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A case file, or an id in ./cases
    pub case: String,
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Print the ids of the facts behind each sentence, one sentence a line
    #[arg(long)]
    pub facts: bool,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let case = super::interview::load_case(&args.case, &args.knowledge)?;
    let prose = crate::prose::describe(&case);
    if args.facts {
        for s in prose.sentences() {
            println!("[{}] {}", s.facts.join(" "), s.text);
        }
    } else {
        match args.format {
            Format::Text => println!("{}", prose.text()),
            Format::Markdown => print!("{}", prose.markdown()),
        }
    }
    Ok(ExitCode::SUCCESS)
}
