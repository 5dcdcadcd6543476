//! The whole knowledge base, checked here without the loader's checker:
//! breadth (60 outlines, 10 per department), priors that sum to one, ranges
//! in order, a source behind every prior (demographics, severity, each risk
//! factor's prevalence, each symptom's probability), and every outline generating
//! records that validate and read as prose.

use patient_zero::case::{self, Department, Range};
use patient_zero::generate::{Request, Sampling};
use patient_zero::knowledge::{KnowledgeBase, Outline};
use patient_zero::yaml::Document;
use std::collections::BTreeMap;

fn kb() -> KnowledgeBase {
    KnowledgeBase::embedded().expect("the embedded knowledge loads")
}

fn sums_to_one(what: &str, values: &[f64]) {
    let total: f64 = values.iter().sum();
    assert!((total - 1.0).abs() < 1e-6, "{what}: sums to {total}");
    assert!(
        values.iter().all(|p| (0.0..=1.0).contains(p)),
        "{what}: {values:?}"
    );
}

fn ordered(what: &str, r: &Range) {
    assert!(
        r.low <= r.high,
        "{what}: [{}, {}] is out of order",
        r.low,
        r.high
    );
}

#[test]
fn sixty_outlines_ten_in_each_department() {
    let kb = kb();
    let mut per: BTreeMap<Department, usize> = BTreeMap::new();
    for o in &kb.outlines {
        *per.entry(o.department).or_default() += 1;
    }
    assert!(kb.outlines.len() >= 60, "{} outlines", kb.outlines.len());
    for d in Department::ALL {
        assert!(
            per.get(&d).copied().unwrap_or(0) >= 10,
            "{}: {:?}",
            d.slug(),
            per.get(&d)
        );
    }
}

fn check_priors(o: &Outline) {
    let id = &o.id;
    let d = &o.demographics;
    assert!(
        d.source.trim().len() > 20,
        "{id}: demographics without a source note"
    );
    assert!(
        o.severity.source.trim().len() > 20,
        "{id}: severity without a source note"
    );
    assert!(!o.sources.is_empty(), "{id}: no sources");
    let weights: Vec<f64> = d.age_bands.iter().map(|b| b.weight).collect();
    sums_to_one(&format!("{id} age bands"), &weights);
    for pair in d.age_bands.windows(2) {
        assert!(
            pair[0].max < pair[1].min,
            "{id}: age bands overlap or are out of order"
        );
    }
    for b in &d.age_bands {
        assert!(b.min <= b.max, "{id}: age band {}-{}", b.min, b.max);
    }
    sums_to_one(&format!("{id} sex"), &[d.sex.female, d.sex.male]);
    let s = &o.severity;
    sums_to_one(&format!("{id} severity"), &[s.mild, s.moderate, s.severe]);
    if let Some(l) = &o.laterality {
        sums_to_one(&format!("{id} laterality"), &[l.left, l.right, l.both]);
    }
    for r in &o.risk_factors {
        assert!(
            (0.0..=1.0).contains(&r.prevalence),
            "{id}: {} prevalence",
            r.id
        );
    }
    assert!(
        o.symptoms.iter().any(|s| s.chief),
        "{id}: no symptom can bring the patient in"
    );
    for s in &o.symptoms {
        for p in s.probability.values() {
            assert!((0.0..=1.0).contains(p), "{id}: {} probability {p}", s.name);
        }
        assert!(
            s.duration[0].days() <= s.duration[1].days(),
            "{id}: {} duration",
            s.name
        );
        assert!(!s.lay.is_empty(), "{id}: {} has no lay wording", s.name);
        assert!(
            s.source.trim().len() > 10,
            "{id}: symptom {} has no source note",
            s.name
        );
    }
}

fn check_ranges(o: &Outline, kb: &KnowledgeBase) {
    let id = &o.id;
    for (sev, v) in o.examination.vitals.iter() {
        for (name, r) in [
            ("temperature", &v.temperature_c),
            ("heart rate", &v.heart_rate),
            ("systolic", &v.systolic_bp),
            ("diastolic", &v.diastolic_bp),
            ("respiratory rate", &v.respiratory_rate),
            ("spo2", &v.spo2),
        ] {
            ordered(&format!("{id} {sev:?} {name}"), r);
        }
        assert!(
            v.diastolic_bp.high < v.systolic_bp.high,
            "{id} {sev:?}: diastolic above systolic"
        );
    }
    for m in &o.examination.measures {
        let catalogue = kb
            .measures
            .iter()
            .find(|x| x.id == m.measure)
            .unwrap_or_else(|| panic!("{id}: measure {} is not in the catalogue", m.measure));
        for r in m.range.values() {
            ordered(&format!("{id} {}", m.measure), r);
            assert!(
                r.low >= catalogue.bounds.low && r.high <= catalogue.bounds.high,
                "{id}: {} range outside its bounds",
                m.measure
            );
        }
    }
}

#[test]
fn every_outline_has_sourced_priors_summing_to_one_and_ordered_ranges() {
    let kb = kb();
    for o in &kb.outlines {
        check_priors(o);
        check_ranges(o, &kb);
    }
    for m in &kb.measures {
        ordered(&format!("measure {} reference", m.id), &m.reference);
        ordered(&format!("measure {} bounds", m.id), &m.bounds);
        assert!(
            !m.source.trim().is_empty(),
            "measure {} has no source",
            m.id
        );
    }
}

#[test]
fn every_outline_generates_records_that_validate_and_read_as_prose() {
    let kb = kb();
    for o in &kb.outlines {
        let req = Request {
            kb: &kb,
            outlines: vec![o],
            seed: 5,
            sampling: Sampling::Balanced,
        };
        for i in 0..150 {
            let (c, yaml) = req
                .build(i)
                .result
                .unwrap_or_else(|why| panic!("{}: record {i} given up: {why}", o.id));
            let doc = Document::from_text(format!("{}.yaml", c.id), yaml);
            let back = case::from_document(&doc, Some(&kb))
                .unwrap_or_else(|e| panic!("{}: record {i} does not validate:\n{e}", o.id));
            assert_eq!(back, c);
            assert_eq!(c.disease.outline.as_deref(), Some(o.id.as_str()));
            let prose = patient_zero::prose::describe(&c);
            assert!(
                prose.sentences().count() >= 10,
                "{}: {:?}",
                o.id,
                prose.text()
            );
        }
    }
}
