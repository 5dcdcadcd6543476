//! Cases from other projects' formats: `patient-zero import agentclinic`
//! reads AgentClinic's OSCE cases (JSONL) into this project's case records.
//!
//! Prose is taken apart into the record's fields (symptoms with their onset,
//! pertinent negatives, history, social history); the examination and test
//! results become examiner-only findings; the correct diagnosis becomes the
//! hidden diagnosis. A field the case format needs and the source does not
//! give gets a stated assumption, listed in `provenance.imported.assumed`.

mod exam;
mod naming;
mod past;
mod prose;
mod social;
mod source;
mod story;
mod vitals;

pub use source::{Source, SourceError};

use crate::case::{self, Case, Disease, History, ImportFormat, Imported, Provenance, Severity};
use crate::knowledge::KnowledgeBase;
use std::path::{Path, PathBuf};

/// What the source did not say, field by field.
#[derive(Debug, Clone, Default)]
pub struct Assumed(pub Vec<String>);

impl Assumed {
    pub fn note(&mut self, field: impl Into<String>, what: impl Into<String>) {
        self.0.push(format!("{}: {}", field.into(), what.into()));
    }
}

/// A line of the source that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub message: String,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    pub written: Vec<PathBuf>,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    // `error`, not `source`: the message already holds it, and a source
    // would be printed a second time in the error chain.
    #[error("{}: cannot read: {error}", path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}: no cases: the file is empty", path.display())]
    Empty { path: PathBuf },
    #[error("{}: cannot write: {error}", path.display())]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// One line of AgentClinic JSONL as a case record, checked by the record's rules.
pub fn agentclinic_case(
    line_text: &str,
    line: usize,
    file: &str,
    kb: Option<&KnowledgeBase>,
) -> Result<Case, String> {
    let value: serde_json::Value = serde_json::from_str(line_text).map_err(|e| {
        // serde's message ends with the position; within one line only the column tells.
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        format!("not JSON: {msg} (column {})", e.column())
    })?;
    let src = Source::read(&value).map_err(|e| format!("not an AgentClinic case: {e}"))?;
    let mut assumed = Assumed::default();
    let (age, age_days, sex) = social::demographics(&src.demographics)?;
    if age == 0 {
        assumed.note("patient.age", format!("0 years ({})", src.demographics));
    }
    let symptoms = story::symptoms(&src, age_days.max(1.0), &mut assumed);
    if symptoms.is_empty() {
        return Err(format!("no symptom in `{}`", src.primary_symptom));
    }
    let pertinent_negatives = story::negatives(&src, &symptoms);
    let (conditions, medications) = past::history(&src, age_days.max(1.0), &mut assumed);
    let social = social::social(&src.social_history, age, sex, &mut assumed);
    let examination = exam::examination(&src.examination, &src.tests, age, sex, kb, &mut assumed);
    let diagnosis = src.diagnosis.trim().trim_end_matches('.').to_string();
    let known = naming::diagnosis(&diagnosis, kb);
    let department = known.department.unwrap_or_else(|| {
        let text = format!(
            "{} {} {}",
            src.objective,
            src.primary_symptom,
            src.secondary_symptoms.join(" ")
        );
        let (d, matched) = naming::department_by_words(&text);
        assumed.note(
            "disease.department",
            match matched {
                Some(w) => format!("{} (from the word `{w}`)", d.slug()),
                None => format!("{} (no department of the six fits; the default)", d.slug()),
            },
        );
        d
    });
    let severity = naming::severity(&diagnosis).unwrap_or_else(|| {
        assumed.note("disease.severity", "moderate (not stated)");
        Severity::Moderate
    });
    let name = naming::patient_name(line_text, sex, kb);
    assumed.note("patient.name", "invented (the source names no one)");
    let chief_complaint = naming::chief_complaint(&symptoms);
    let case = Case {
        schema: case::SCHEMA_VERSION,
        id: naming::case_id(&diagnosis, line),
        patient: case::Patient {
            name,
            sex,
            age,
            ethnicity: None,
            height_cm: None,
            weight_kg: None,
        },
        disease: Disease {
            name: diagnosis,
            icd10: known.icd10.unwrap_or_default(),
            department,
            severity,
            outline: None,
            patient_told: false,
        },
        chief_complaint,
        symptoms,
        pertinent_negatives,
        history: History {
            conditions,
            medications,
            ..History::default()
        },
        social,
        examination,
        provenance: Some(Provenance {
            generator: format!("patient-zero {} import", env!("CARGO_PKG_VERSION")),
            seed: None,
            index: None,
            imported: Some(Imported {
                format: ImportFormat::Agentclinic,
                file: file.to_string(),
                line: line as u64,
                assumed: assumed.0,
            }),
        }),
    };
    let issues = case::rules::check_case(&case, kb);
    if let Some(first) = issues.first() {
        return Err(format!(
            "the imported case does not validate: {first}{}",
            if issues.len() > 1 {
                format!(" (and {} more)", issues.len() - 1)
            } else {
                String::new()
            }
        ));
    }
    Ok(case)
}

/// Imports every readable line of `path` into `out` (one YAML file per case,
/// written atomically). Lines that cannot be read are skipped and reported.
pub fn agentclinic_file(
    path: &Path,
    out: &Path,
    kb: Option<&KnowledgeBase>,
) -> Result<Report, ImportError> {
    let text = std::fs::read_to_string(path).map_err(|error| ImportError::Read {
        path: path.to_path_buf(),
        error,
    })?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut report = Report::default();
    let mut cases = Vec::new();
    for (i, line_text) in text.lines().enumerate() {
        if line_text.trim().is_empty() {
            continue;
        }
        match agentclinic_case(line_text, i + 1, &file, kb) {
            Ok(c) => cases.push(c),
            Err(message) => report.skipped.push(Skipped {
                line: i + 1,
                message,
            }),
        }
    }
    if !cases.is_empty() {
        std::fs::create_dir_all(out).map_err(|error| ImportError::Write {
            path: out.to_path_buf(),
            error,
        })?;
    }
    for c in cases {
        let target = out.join(format!("{}.yaml", c.id));
        let line = c
            .provenance
            .as_ref()
            .and_then(|p| p.imported.as_ref())
            .map_or(0, |i| i.line);
        let text = format!(
            "# Imported from AgentClinic ({file}, line {line}) by `patient-zero import agentclinic`.\n\
             # What the source does not say is listed under provenance.imported.assumed.\n{}",
            case::to_yaml(&c)
        );
        crate::files::write_atomic(&target, text.as_bytes()).map_err(|error| {
            ImportError::Write {
                path: target.clone(),
                error,
            }
        })?;
        report.written.push(target);
    }
    Ok(report)
}
