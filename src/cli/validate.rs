//! `patient-zero validate PATH...`: cases and knowledge files, one line per problem.

use super::KnowledgeArg;
use crate::case;
use crate::knowledge::{KnowledgeBase, KnowledgeFile};
use crate::problem::{Problem, Problems};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Case files, knowledge files, or directories of them (searched for .yaml files)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print nothing for valid files
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
}

/// The knowledge directory a file sits in, if it sits in one (`.../knowledge/<dept>/<x>.yaml`).
fn knowledge_root(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .find(|a| a.file_name().is_some_and(|n| n == "knowledge"))
        .filter(|root| {
            path.strip_prefix(root)
                .is_ok_and(|rel| KnowledgeFile::of(rel).is_some())
        })
        .map(Path::to_path_buf)
}

fn collect(path: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                problems.push(Problem::whole_file(
                    path,
                    format!("cannot read directory: {e}"),
                ));
                return;
            }
        };
        entries.sort();
        for entry in entries {
            let yaml = entry.extension().is_some_and(|e| e == "yaml" || e == "yml");
            if entry.is_dir() || yaml {
                collect(&entry, out, problems);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}

/// Checks every path; returns the files that passed and every problem found.
pub fn validate_paths(paths: &[PathBuf], knowledge: &KnowledgeArg) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        collect(p, &mut files, &mut problems);
    }
    let roots: BTreeSet<PathBuf> = files.iter().filter_map(|f| knowledge_root(f)).collect();
    // Knowledge files are checked together with the rest of their knowledge base,
    // since an outline refers to the measure catalogue.
    for root in &roots {
        if let Err(Problems(found)) = KnowledgeBase::load_dir(root) {
            problems.extend(
                found
                    .into_iter()
                    .filter(|p| files.iter().any(|f| same_file(f, &p.path)) || !p.path.exists()),
            );
        }
    }
    let case_files: Vec<&PathBuf> = files
        .iter()
        .filter(|f| knowledge_root(f).is_none())
        .collect();
    let kb = if case_files.is_empty() {
        None
    } else {
        match knowledge.load() {
            Ok(kb) => Some(kb),
            Err(e) => {
                eprintln!(
                    "warning: the knowledge base does not load, so cases are checked without it:\n{e}"
                );
                None
            }
        }
    };
    for f in case_files {
        if let Err(Problems(found)) = case::load(f, kb.as_ref()) {
            problems.extend(found);
        }
    }
    let bad: BTreeSet<PathBuf> = problems.iter().map(|p| p.path.clone()).collect();
    let good = files
        .into_iter()
        .filter(|f| !bad.iter().any(|b| same_file(b, f)))
        .collect();
    (good, problems)
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || (a.canonicalize().ok().is_some() && a.canonicalize().ok() == b.canonicalize().ok())
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (good, problems) = validate_paths(&args.paths, &args.knowledge);
    if !args.quiet {
        for f in &good {
            println!("ok {}", f.display());
        }
    }
    for p in &problems {
        eprintln!("{p}");
    }
    let bad_files: BTreeSet<&PathBuf> = problems.iter().map(|p| &p.path).collect();
    eprintln!(
        "{} valid, {} invalid ({} problems)",
        good.len(),
        bad_files.len(),
        problems.len()
    );
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
