//! What ships: the knowledge base (60 outlines over the paper's six
//! departments) and the case files in `cases/`, all valid.

use patient_zero::case::{self, Department};
use patient_zero::knowledge::KnowledgeBase;
use std::collections::BTreeMap;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn embedded_knowledge_is_the_knowledge_on_disk() {
    let embedded = KnowledgeBase::embedded().expect("embedded knowledge loads");
    let on_disk =
        KnowledgeBase::load_dir(&root().join("assets/knowledge")).expect("assets/knowledge loads");
    assert_eq!(embedded.outlines, on_disk.outlines);
    assert_eq!(embedded.measures, on_disk.measures);
    assert_eq!(embedded.priors, on_disk.priors);
}

#[test]
fn every_department_has_at_least_ten_diseases_including_the_papers_examples() {
    let kb = KnowledgeBase::embedded().unwrap();
    let mut per: BTreeMap<Department, Vec<&str>> = BTreeMap::new();
    for o in &kb.outlines {
        per.entry(o.department).or_default().push(&o.id);
    }
    for d in Department::ALL {
        let n = per.get(&d).map_or(0, Vec::len);
        assert!(n >= 10, "{} has {n} outlines", d.slug());
    }
    for id in ["sciatica", "acute_pancreatitis", "social_anxiety_disorder"] {
        assert!(kb.outline(id).is_some(), "no outline {id}");
    }
    assert!(kb.outlines.len() >= 60);
}

#[test]
fn every_shipped_case_validates_and_every_disease_is_shipped() {
    let kb = KnowledgeBase::embedded().unwrap();
    let mut per: BTreeMap<Department, usize> = BTreeMap::new();
    let mut outlines = std::collections::BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(root().join("cases")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let c = case::load(&path, Some(&kb)).unwrap_or_else(|e| panic!("{}:\n{e}", path.display()));
        assert_eq!(
            path.file_stem().unwrap().to_str().unwrap(),
            c.id,
            "file name and id differ"
        );
        *per.entry(c.disease.department).or_default() += 1;
        outlines.extend(c.disease.outline.clone());
        files += 1;
    }
    assert!(files >= 121, "{files} shipped cases");
    for o in &kb.outlines {
        assert!(outlines.contains(&o.id), "no shipped case of {}", o.id);
    }
    for d in Department::ALL {
        assert!(
            per.get(&d).copied().unwrap_or(0) >= 20,
            "{} has {:?} cases",
            d.slug(),
            per.get(&d)
        );
    }
}

#[test]
fn the_figure5_case_keeps_the_papers_numbers() {
    let kb = KnowledgeBase::embedded().unwrap();
    let c = case::load(
        &root().join("cases/figure5-severe-acute-pancreatitis.yaml"),
        Some(&kb),
    )
    .unwrap();
    assert_eq!((c.patient.age, c.patient.sex), (47, case::Sex::Female));
    assert_eq!(c.disease.severity, case::Severity::Severe);
    let lab = |name: &str| {
        c.examination
            .labs
            .iter()
            .find(|l| l.name == name)
            .map(|l| (l.value, l.unit.as_str()))
    };
    assert_eq!(lab("amylase"), Some((450.0, "U/L")));
    assert_eq!(lab("lipase"), Some((900.0, "U/L")));
    assert_eq!(lab("glucose"), Some((220.0, "mg/dL")));
    let imaging: String = c
        .examination
        .imaging
        .iter()
        .map(|i| i.finding.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        imaging.contains("3 cm pseudocyst") && imaging.contains("10 mm"),
        "{imaging}"
    );
}

#[test]
fn shipped_generated_cases_are_reproducible_from_their_provenance() {
    use patient_zero::generate::{Request, Sampling};
    let kb = KnowledgeBase::embedded().unwrap();
    for entry in std::fs::read_dir(root().join("cases")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let c = case::load(&path, Some(&kb)).unwrap();
        let Some(p) = c.provenance.as_ref().filter(|p| p.seed.is_some()) else {
            continue;
        };
        let (seed, index) = (p.seed.unwrap(), p.index.unwrap());
        // Shipped cases were generated one department at a time.
        let outlines = kb.select(Some(c.disease.department), None);
        let req = Request {
            kb: &kb,
            outlines,
            seed,
            sampling: Sampling::Balanced,
        };
        let (again, again_text) = req.build(index).result.unwrap();
        assert_eq!(again.id, c.id);
        assert_eq!(
            again_text,
            text,
            "{} is not what the generator makes now",
            path.display()
        );
    }
}
