//! The case record: types, YAML load and save, and the rules a record keeps.

pub mod path;
mod record;
pub mod rules;
mod span;

pub use record::*;
pub use span::{Span, SpanError, TimeUnit};

use crate::knowledge::KnowledgeBase;
use crate::problem::Problems;
use crate::yaml::Document;
use std::path::Path;

/// A case is a page or two of YAML; a megabyte is a mistake, not a patient.
pub const MAX_CASE_BYTES: u64 = 1 << 20;

/// Reads and checks a case file; every problem is located at its line and field.
pub fn load(path: &Path, kb: Option<&KnowledgeBase>) -> Result<Case, Problems> {
    let doc = Document::read(path, MAX_CASE_BYTES, "case")?;
    from_document(&doc, kb)
}

pub fn from_document(doc: &Document, kb: Option<&KnowledgeBase>) -> Result<Case, Problems> {
    let case: Case = doc.parse()?;
    let issues = rules::check_case(&case, kb);
    if issues.is_empty() {
        Ok(case)
    } else {
        Err(Problems(
            issues
                .iter()
                .map(|i| doc.problem_at(&i.field, &i.message))
                .collect(),
        ))
    }
}

/// The case files of a directory (`.yaml` and `.yml`), in name order.
pub fn files_in(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// The YAML text of a case, as written to `cases/`.
pub fn to_yaml(case: &Case) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_yaml::to_string(case).unwrap_or_default()
}
