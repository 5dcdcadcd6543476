//! `patient-zero validate PATH...`: cases and knowledge files, one line per problem.

use super::KnowledgeArg;
use crate::case;
use crate::knowledge::{KnowledgeBase, KnowledgeFile};
use crate::problem::{Problem, Problems};
use crate::yaml::Document;
use std::collections::{BTreeSet, HashMap};
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

/// The knowledge directory a file sits in, if it sits in one: a directory
/// named `knowledge`, one holding a `priors.yaml`, or the `--knowledge` directory,
/// with the file in a knowledge role under it (`<dept>/<x>.yaml`, `measures/<x>.yaml`...).
fn knowledge_root(path: &Path, explicit: Option<&Path>) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .find(|a| {
            a.file_name().is_some_and(|n| n == "knowledge")
                || a.join("priors.yaml").is_file()
                || explicit.is_some_and(|k| same_file(a, k))
        })
        .filter(|root| {
            path.strip_prefix(root)
                .is_ok_and(|rel| KnowledgeFile::of(rel).is_some())
        })
        .map(Path::to_path_buf)
}

/// The .yaml files at or under `path`. Links to directories are not followed
/// (a link back to a parent would loop); an empty directory is a problem.
fn collect(path: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return;
    }
    let before = out.len();
    walk(path, out, problems);
    if out.len() == before {
        problems.push(Problem::whole_file(
            path,
            "no .yaml files in this directory",
        ));
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            problems.push(Problem::whole_file(
                dir,
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    entries.sort();
    for entry in entries {
        let linked = entry
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        if entry.is_dir() {
            if !linked {
                walk(&entry, out, problems);
            }
        } else if entry.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(entry);
        }
    }
}

/// Checks every path; returns the files that passed and every problem found.
pub fn validate_paths(paths: &[PathBuf], knowledge: &KnowledgeArg) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        collect(p, &mut files, &mut problems);
    }
    let explicit = knowledge.knowledge.as_deref();
    let roots: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| knowledge_root(f, explicit))
        .collect();
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
        .filter(|f| knowledge_root(f, explicit).is_none())
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
    let mut ids: HashMap<String, PathBuf> = HashMap::new();
    for f in case_files {
        let doc = match Document::read(f, case::MAX_CASE_BYTES, "case") {
            Ok(doc) => doc,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        match case::from_document(&doc, kb.as_ref()) {
            Err(Problems(found)) => problems.extend(found),
            Ok(c) => {
                // The id names the file, and two files may not be the same patient.
                if f.file_stem().is_some_and(|stem| *stem != *c.id) {
                    problems.push(
                        doc.problem_at("id", format!("`{}` does not match the file name", c.id)),
                    );
                }
                if let Some(first) = ids.get(&c.id) {
                    problems.push(doc.problem_at(
                        "id",
                        format!("`{}` is also the id of {}", c.id, first.display()),
                    ));
                } else {
                    ids.insert(c.id.clone(), f.clone());
                }
            }
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
        "{} valid, {} invalid ({})",
        good.len(),
        bad_files.len(),
        crate::problem::count(problems.len(), "problem")
    );
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
