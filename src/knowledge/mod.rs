//! The disease knowledge base: outlines per department, the measure catalogue
//! and the population priors, loaded from `assets/knowledge/` or from the copy
//! built into the binary.

mod check;
mod measure;
mod outline;
mod priors;

pub use measure::{Band, Measure, MeasureKind, SexRanges};
pub use outline::{
    AgeBand, BySeverity, Constraints, Demographics, ExamOutline, FamilyOutline, FindingOutline,
    ImagingOutline, Laterality, MeasureOutline, MedicationOutline, NegativeOutline, Outline,
    PerSeverity, RiskFactor, SeverityPrior, SexPrior, SymptomOutline, TextStudyOutline,
    VitalRanges,
};
pub use priors::{
    AgeGroup, AgeRate, AllergyPrior, BackgroundCondition, BackgroundSurgery, BmiBand, GrowthPoint,
    NamePool, OccupationTitle, Priors, SexMeans, VaccinePrior, Weights, rate_at,
};

use crate::case::Department;
use crate::problem::{Problem, Problems};
use crate::yaml::Document;
use include_dir::{Dir, include_dir};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The knowledge base compiled into the binary, so it works from any directory.
static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/assets/knowledge");

/// Knowledge files are small; anything larger is a mistake.
pub const MAX_KNOWLEDGE_FILE_BYTES: u64 = 1 << 20;

pub const PRIORS_FILE: &str = "priors.yaml";
pub const NAMES_FILE: &str = "names.yaml";
pub const MEASURES_DIR: &str = "measures";

#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    pub priors: Priors,
    pub measures: Vec<Measure>,
    pub outlines: Vec<Outline>,
    measure_by_name: HashMap<String, usize>,
}

/// What a file under the knowledge directory holds, judged by where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnowledgeFile {
    Priors,
    Names,
    Measures,
    Outline(Department),
}

impl KnowledgeFile {
    /// The role of the file at `rel` (relative to the knowledge directory), if it has one.
    pub fn of(rel: &Path) -> Option<Self> {
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        match parts.as_slice() {
            [PRIORS_FILE] => Some(KnowledgeFile::Priors),
            [NAMES_FILE] => Some(KnowledgeFile::Names),
            [MEASURES_DIR, _] => Some(KnowledgeFile::Measures),
            [dept, _] => Department::from_slug(dept).map(KnowledgeFile::Outline),
            _ => None,
        }
    }
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

impl KnowledgeBase {
    /// The knowledge base built into the binary.
    pub fn embedded() -> Result<Self, Problems> {
        let mut docs = Vec::new();
        collect_embedded(&EMBEDDED, &mut docs);
        Self::from_documents(Path::new("assets/knowledge"), docs)
    }

    /// Loads `dir` (laid out as `assets/knowledge/`), checking every file.
    pub fn load_dir(dir: &Path) -> Result<Self, Problems> {
        let mut paths = Vec::new();
        walk(dir, &mut paths).map_err(|e| Problem::whole_file(dir, e.to_string()))?;
        paths.sort();
        let mut docs = Vec::new();
        let mut problems = Vec::new();
        for path in paths.into_iter().filter(|p| is_yaml(p)) {
            match Document::read(&path, MAX_KNOWLEDGE_FILE_BYTES, "knowledge file") {
                Ok(doc) => docs.push(doc),
                Err(p) => problems.push(p),
            }
        }
        match Self::from_documents(dir, docs) {
            Ok(kb) if problems.is_empty() => Ok(kb),
            Ok(_) => Err(Problems(problems)),
            Err(Problems(more)) => {
                problems.extend(more);
                Err(Problems(problems))
            }
        }
    }

    /// `assets/knowledge` under the working directory when present, else the built-in copy.
    pub fn load_default() -> Result<Self, Problems> {
        let local = Path::new("assets/knowledge");
        if local.join(PRIORS_FILE).is_file() {
            Self::load_dir(local)
        } else {
            Self::embedded()
        }
    }

    fn from_documents(root: &Path, docs: Vec<Document>) -> Result<Self, Problems> {
        let mut problems = Vec::new();
        let mut priors = None;
        let mut names = None;
        let mut measures: Vec<(Measure, PathBuf)> = Vec::new();
        let mut outlines = Vec::new();
        let mut outline_docs = Vec::new();
        for doc in docs {
            let rel = doc
                .path
                .strip_prefix(root)
                .unwrap_or(&doc.path)
                .to_path_buf();
            match KnowledgeFile::of(&rel) {
                Some(KnowledgeFile::Priors) => match doc.parse::<Priors>() {
                    Ok(p) => {
                        problems.extend(check::priors(&doc, &p));
                        priors = Some(p);
                    }
                    Err(e) => problems.push(e),
                },
                Some(KnowledgeFile::Names) => match doc.parse::<Vec<NamePool>>() {
                    Ok(pools) => {
                        problems.extend(check::names(&doc, &pools));
                        names = Some((pools, doc.path.clone()));
                    }
                    Err(e) => problems.push(e),
                },
                Some(KnowledgeFile::Measures) => match doc.parse::<Vec<Measure>>() {
                    Ok(list) => {
                        problems.extend(check::measures(&doc, &list));
                        measures.extend(list.into_iter().map(|m| (m, doc.path.clone())));
                    }
                    Err(e) => problems.push(e),
                },
                Some(KnowledgeFile::Outline(dept)) => match doc.parse::<Outline>() {
                    Ok(o) => {
                        problems.extend(check::outline_file(&doc, &o, dept));
                        outlines.push(o);
                        outline_docs.push(doc);
                    }
                    Err(e) => problems.push(e),
                },
                None => problems.push(Problem::whole_file(
                    &doc.path,
                    "not a knowledge file: expected priors.yaml, names.yaml, measures/<name>.yaml or <department>/<disease>.yaml",
                )),
            }
        }
        let (Some(mut priors), Some((pools, names_path))) = (priors, names) else {
            problems.push(Problem::whole_file(
                root,
                "the knowledge base needs both priors.yaml and names.yaml",
            ));
            return Err(Problems(problems));
        };
        for eth in priors.ethnicity.keys() {
            if !pools.iter().any(|n| &n.ethnicity == eth) {
                problems.push(Problem::whole_file(
                    &names_path,
                    format!("no name pool for the ethnicity `{eth}` of priors.yaml"),
                ));
            }
        }
        priors.names = pools;
        let mut measure_by_name: HashMap<String, usize> = HashMap::new();
        for (i, (m, path)) in measures.iter().enumerate() {
            for key in std::iter::once(&m.id)
                .chain(std::iter::once(&m.name))
                .chain(m.aliases.iter())
            {
                if let Some(&j) = measure_by_name.get(&key.to_ascii_lowercase()) {
                    if j != i {
                        problems.push(Problem::whole_file(
                            path,
                            format!(
                                "measure `{}`: the name `{key}` is already used by measure `{}`",
                                m.id, measures[j].0.id
                            ),
                        ));
                    }
                } else {
                    measure_by_name.insert(key.to_ascii_lowercase(), i);
                }
            }
        }
        let kb = KnowledgeBase {
            priors,
            measures: measures.into_iter().map(|(m, _)| m).collect(),
            outlines,
            measure_by_name,
        };
        for (doc, outline) in outline_docs.iter().zip(&kb.outlines) {
            problems.extend(check::outline_against_catalogue(doc, outline, &kb));
        }
        let mut seen = HashMap::new();
        for (doc, outline) in outline_docs.iter().zip(&kb.outlines) {
            if let Some(first) = seen.insert(outline.id.clone(), doc.path.clone()) {
                problems.push(doc.problem_at(
                    "id",
                    format!(
                        "outline id `{}` is also used by {}",
                        outline.id,
                        first.display()
                    ),
                ));
            }
        }
        if problems.is_empty() {
            let mut kb = kb;
            kb.outlines
                .sort_by(|a, b| (a.department, &a.id).cmp(&(b.department, &b.id)));
            Ok(kb)
        } else {
            Err(Problems(problems))
        }
    }

    pub fn measure(&self, name: &str) -> Option<&Measure> {
        self.measure_by_name
            .get(&name.trim().to_ascii_lowercase())
            .map(|&i| &self.measures[i])
    }

    pub fn outline(&self, id: &str) -> Option<&Outline> {
        self.outlines.iter().find(|o| o.id == id)
    }

    /// Outlines matching the optional department and disease filters (disease by id or name).
    pub fn select(&self, department: Option<Department>, disease: Option<&str>) -> Vec<&Outline> {
        let disease = disease.map(|d| d.trim().to_ascii_lowercase().replace([' ', '-'], "_"));
        self.outlines
            .iter()
            .filter(|o| department.is_none_or(|d| o.department == d))
            .filter(|o| {
                disease.as_deref().is_none_or(|d| {
                    o.id == d || o.name.to_ascii_lowercase().replace([' ', '-'], "_") == d
                })
            })
            .collect()
    }

    /// Whether a pregnant patient may take a medication of this name, as far as the catalogue knows.
    pub fn avoid_in_pregnancy(&self, medication: &str) -> bool {
        let same =
            |m: &MedicationOutline| m.name.eq_ignore_ascii_case(medication) && m.avoid_in_pregnancy;
        self.priors
            .conditions
            .iter()
            .flat_map(|c| c.medications.iter())
            .chain(
                self.outlines
                    .iter()
                    .flat_map(|o| o.risk_factors.iter())
                    .flat_map(|r| r.medications.iter()),
            )
            .any(same)
    }
}

fn collect_embedded(dir: &Dir<'_>, out: &mut Vec<Document>) {
    for file in dir.files() {
        if is_yaml(file.path()) {
            if let Some(text) = file.contents_utf8() {
                out.push(Document::from_text(
                    Path::new("assets/knowledge").join(file.path()),
                    text,
                ));
            }
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}
