//! The staged generator against its promises: priors are honoured, strata are
//! covered evenly, no impossible patient comes out, and a seed fixes the bytes.

use patient_zero::case::{
    self, AlcoholUse, Case, Course, DrugUse, Education, OccupationGroup, ReproductiveStatus, Sex,
    SmokingStatus,
};
use patient_zero::generate::{Request, Sampling, strata};
use patient_zero::knowledge::{KnowledgeBase, Outline};
use std::collections::BTreeMap;

fn kb() -> KnowledgeBase {
    KnowledgeBase::embedded().expect("the embedded knowledge base loads")
}

/// Builds records `0..n` and returns the ones made, with how many were given up.
fn build(
    kb: &KnowledgeBase,
    outlines: Vec<&Outline>,
    seed: u64,
    sampling: Sampling,
    n: u64,
) -> (Vec<(Case, String)>, usize) {
    use rayon::prelude::*;
    let req = Request {
        kb,
        outlines,
        seed,
        sampling,
    };
    let built: Vec<_> = (0..n)
        .into_par_iter()
        .map(|i| req.build(i).result)
        .collect();
    let given_up = built.iter().filter(|r| r.is_err()).count();
    (built.into_iter().filter_map(Result::ok).collect(), given_up)
}

/// A share drawn from `n` independent records may stray from `p` by four
/// standard errors (a false alarm about once in 16,000 comparisons) plus half
/// a percentage point for rounding of the priors.
fn tolerance(p: f64, n: usize) -> f64 {
    4.0 * (p * (1.0 - p) / n as f64).sqrt() + 0.005
}

fn share<T: Ord + Clone>(items: impl Iterator<Item = T>) -> (BTreeMap<T, f64>, usize) {
    let mut counts: BTreeMap<T, f64> = BTreeMap::new();
    let mut n = 0;
    for x in items {
        *counts.entry(x).or_default() += 1.0;
        n += 1;
    }
    for v in counts.values_mut() {
        *v /= n as f64;
    }
    (counts, n)
}

#[test]
fn stratum_frequencies_follow_the_outline_priors() {
    let kb = kb();
    for o in &kb.outlines {
        let (cases, given_up) = build(&kb, vec![o], 11, Sampling::Prior, 3000);
        assert!(
            given_up * 100 <= cases.len(),
            "{}: {given_up} records given up",
            o.id
        );
        let n = cases.len();

        let (sex, _) = share(cases.iter().map(|(c, _)| c.patient.sex));
        let allowed = |s: Sex| o.constraints.sex.is_none_or(|only| only == s);
        let total: f64 = [Sex::Female, Sex::Male]
            .into_iter()
            .filter(|s| allowed(*s))
            .map(|s| o.demographics.sex.weight(s))
            .sum();
        for s in [Sex::Female, Sex::Male] {
            let want = if allowed(s) {
                o.demographics.sex.weight(s) / total
            } else {
                0.0
            };
            let got = sex.get(&s).copied().unwrap_or(0.0);
            assert!(
                (got - want).abs() <= tolerance(want, n),
                "{}: {s:?} share {got:.3}, prior {want:.3}",
                o.id
            );
        }

        let band_of = |age: u32| {
            o.demographics
                .age_bands
                .iter()
                .position(|b| b.min <= age && age <= b.max)
        };
        let (bands, _) = share(
            cases
                .iter()
                .map(|(c, _)| band_of(c.patient.age).expect("age inside a band")),
        );
        for (i, b) in o.demographics.age_bands.iter().enumerate() {
            let got = bands.get(&i).copied().unwrap_or(0.0);
            assert!(
                (got - b.weight).abs() <= tolerance(b.weight, n),
                "{}: ages {}-{} share {got:.3}, prior {:.3}",
                o.id,
                b.min,
                b.max,
                b.weight
            );
        }

        let (sev, _) = share(cases.iter().map(|(c, _)| c.disease.severity));
        for s in case::Severity::ALL {
            let want = o.severity.weight(s);
            let got = sev.get(&s).copied().unwrap_or(0.0);
            assert!(
                (got - want).abs() <= tolerance(want, n),
                "{}: {s:?} share {got:.3}, prior {want:.3}",
                o.id
            );
        }
    }
}

#[test]
fn ethnicity_follows_the_population_prior() {
    let kb = kb();
    let (cases, _) = build(
        &kb,
        kb.outlines.iter().collect(),
        5,
        Sampling::Prior,
        20_000,
    );
    let (eth, n) = share(
        cases
            .iter()
            .map(|(c, _)| c.patient.ethnicity.clone().expect("ethnicity recorded")),
    );
    for (group, want) in &kb.priors.ethnicity {
        let got = eth.get(group).copied().unwrap_or(0.0);
        assert!(
            (got - want).abs() <= tolerance(*want, n),
            "{group}: share {got:.3}, prior {want:.3}"
        );
    }
}

#[test]
fn balanced_sampling_visits_every_stratum_equally() {
    let kb = kb();
    for o in &kb.outlines {
        let all = strata(o);
        let rounds = 4;
        let (cases, given_up) = build(
            &kb,
            vec![o],
            3,
            Sampling::Balanced,
            (all.len() * rounds) as u64,
        );
        let mut seen: BTreeMap<(usize, Sex, case::Severity), usize> = BTreeMap::new();
        for (c, _) in &cases {
            let band = o
                .demographics
                .age_bands
                .iter()
                .position(|b| b.min <= c.patient.age && c.patient.age <= b.max)
                .unwrap();
            *seen
                .entry((band, c.patient.sex, c.disease.severity))
                .or_default() += 1;
        }
        for (stratum, _) in &all {
            let count = seen
                .get(&(stratum.band, stratum.sex, stratum.severity))
                .copied()
                .unwrap_or(0);
            assert!(
                count <= rounds && count + given_up >= rounds,
                "{}: {stratum:?} drawn {count} times in {rounds} rounds",
                o.id
            );
        }
        assert_eq!(
            seen.values().sum::<usize>() + given_up,
            all.len() * rounds,
            "{}: records outside the strata",
            o.id
        );
    }
}

#[test]
fn same_seed_same_bytes_different_seed_different_records() {
    let kb = kb();
    let outlines: Vec<&Outline> = kb.outlines.iter().collect();
    let (a, _) = build(&kb, outlines.clone(), 77, Sampling::Balanced, 500);
    let (b, _) = build(&kb, outlines.clone(), 77, Sampling::Balanced, 500);
    let (c, _) = build(&kb, outlines, 78, Sampling::Balanced, 500);
    assert_eq!(a.len(), b.len());
    assert!(
        a.iter().zip(&b).all(|(x, y)| x.1 == y.1),
        "same seed gave different bytes"
    );
    let same = a.iter().zip(&c).filter(|(x, y)| x.1 == y.1).count();
    assert_eq!(same, 0, "another seed repeated {same} records");
}

/// Runs the binary with `args`, asserts success and returns its stderr.
fn run_ok(args: &[&std::ffi::OsStr]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_patient-zero"))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {stderr}");
    stderr
}

#[test]
fn generate_cli_writes_the_same_files_for_the_same_seed() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        let args = ["generate", "-n", "2500", "--seed", "9", "-q", "--out"];
        let mut args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
        args.push(dir.path().as_os_str());
        assert!(run_ok(&args).contains("wrote 2500 records"));
    }
    let list = |d: &std::path::Path| {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    let (la, lb) = (list(a.path()), list(b.path()));
    assert_eq!(la.len(), 2500);
    assert_eq!(
        la.iter().map(|p| p.file_name()).collect::<Vec<_>>(),
        lb.iter().map(|p| p.file_name()).collect::<Vec<_>>()
    );
    for (x, y) in la.iter().zip(&lb) {
        assert_eq!(
            std::fs::read(x).unwrap(),
            std::fs::read(y).unwrap(),
            "{} differs",
            x.display()
        );
    }
    // And what was written validates.
    run_ok(&["validate".as_ref(), a.path().as_os_str()]);
}

/// Physiological limits written here independently of the generator's rules.
fn impossible(c: &Case, kb: &KnowledgeBase) -> Vec<String> {
    let mut bad = Vec::new();
    let p = &c.patient;
    let s = &c.social;
    let child = p.age < 18;
    if child && s.smoking.status != SmokingStatus::Never {
        bad.push(format!("{}-year-old smoker", p.age));
    }
    if child && s.alcohol.status != AlcoholUse::None {
        bad.push(format!("{}-year-old drinker", p.age));
    }
    if child && s.drugs.status != DrugUse::None {
        bad.push(format!("{}-year-old drug user", p.age));
    }
    if p.age < 16 && s.occupation.group != OccupationGroup::Student {
        bad.push(format!("{}-year-old {:?}", p.age, s.occupation.group));
    }
    if p.age < 18 && s.education > Education::Secondary {
        bad.push(format!(
            "{}-year-old with {:?} education",
            p.age, s.education
        ));
    }
    if p.age < 21 && s.education == Education::Graduate {
        bad.push(format!("{}-year-old graduate", p.age));
    }
    if let Some(r) = &c.history.reproductive {
        if p.sex == Sex::Male {
            bad.push("male reproductive history".into());
        }
        if r.status == ReproductiveStatus::Pregnant && !(12..=52).contains(&p.age) {
            bad.push(format!("pregnant at {}", p.age));
        }
        if r.status == ReproductiveStatus::Postmenopausal && p.age < 35 {
            bad.push(format!("postmenopausal at {}", p.age));
        }
        if r.status == ReproductiveStatus::Premenarchal && p.age > 17 {
            bad.push(format!("premenarchal at {}", p.age));
        }
        if r.pregnancies > 0 && p.age < 12 {
            bad.push(format!("{} pregnancies at {}", r.pregnancies, p.age));
        }
        if r.births > r.pregnancies {
            bad.push("more births than pregnancies".into());
        }
    }
    let o = kb.outline(c.disease.outline.as_deref().unwrap()).unwrap();
    if o.constraints.sex.is_some_and(|only| only != p.sex) {
        bad.push(format!("{:?} patient with {}", p.sex, o.id));
    }
    if o.constraints.min_age.is_some_and(|m| p.age < m)
        || o.constraints.max_age.is_some_and(|m| p.age > m)
    {
        bad.push(format!("{} at {}", o.id, p.age));
    }
    let past: Vec<String> = c
        .history
        .conditions
        .iter()
        .map(|x| x.condition.to_lowercase())
        .chain(
            c.history
                .surgeries
                .iter()
                .map(|x| x.procedure.to_lowercase()),
        )
        .collect();
    for ex in &o.constraints.excluded_history {
        if past.iter().any(|h| h.contains(&ex.to_lowercase())) {
            bad.push(format!("{} with past {ex}", o.id));
        }
    }
    for h in &past {
        let female_only = [
            "hysterectomy",
            "caesarean",
            "cesarean",
            "ovar",
            "endometriosis",
        ];
        let male_only = ["prostat", "vasectomy", "orchi"];
        if p.sex == Sex::Male && female_only.iter().any(|w| h.contains(w)) {
            bad.push(format!("man with {h}"));
        }
        if p.sex == Sex::Female && male_only.iter().any(|w| h.contains(w)) {
            bad.push(format!("woman with {h}"));
        }
    }
    let v = &c.examination.vitals;
    let vital_limits = [
        ("temperature", v.temperature_c, 34.0, 42.0),
        ("heart rate", f64::from(v.heart_rate), 30.0, 220.0),
        ("systolic", f64::from(v.systolic_bp), 60.0, 250.0),
        ("diastolic", f64::from(v.diastolic_bp), 30.0, 150.0),
        ("respiratory rate", f64::from(v.respiratory_rate), 6.0, 60.0),
        ("SpO2", f64::from(v.spo2), 70.0, 100.0),
    ];
    for (name, value, lo, hi) in vital_limits {
        if !(lo..=hi).contains(&value) {
            bad.push(format!("{name} {value}"));
        }
    }
    if v.diastolic_bp >= v.systolic_bp {
        bad.push("diastolic not below systolic".into());
    }
    for lab in &c.examination.labs {
        let m = kb
            .measure(&lab.name)
            .expect("every lab is in the catalogue");
        if lab.value < m.bounds.low || lab.value > m.bounds.high {
            bad.push(format!("{} {} outside {:?}", lab.name, lab.value, m.bounds));
        }
        if lab.unit != m.unit {
            bad.push(format!("{} in {} not {}", lab.name, lab.unit, m.unit));
        }
    }
    let has = |word: &str| {
        c.symptoms
            .iter()
            .any(|s| s.name.to_lowercase().contains(word))
    };
    let continuous_fever = c
        .symptoms
        .iter()
        .any(|s| s.name.to_lowercase() == "fever" && s.course != Course::Intermittent);
    if continuous_fever && v.temperature_c < 38.0 {
        bad.push(format!("fever with temperature {}", v.temperature_c));
    }
    if !has("fever") && v.temperature_c >= 38.0 {
        bad.push(format!(
            "no fever reported but temperature {}",
            v.temperature_c
        ));
    }
    if has("jaundice") {
        let bili = c
            .examination
            .labs
            .iter()
            .find(|l| l.name == "total bilirubin");
        if bili.is_some_and(|b| b.value < 2.5) {
            bad.push("jaundice with normal bilirubin".into());
        }
    }
    for s in &c.symptoms {
        if s.duration.days() > s.onset.ago.days() + 1e-9 {
            bad.push(format!("{} lasting longer than since its onset", s.name));
        }
        if c.pertinent_negatives.iter().any(|n| n.name == s.name) {
            bad.push(format!("{} both present and denied", s.name));
        }
    }
    bad
}

#[test]
fn no_impossible_patient_in_100000_records() {
    let kb = kb();
    let outlines: Vec<&Outline> = kb.outlines.iter().collect();
    let (cases, given_up) = build(&kb, outlines, 2026, Sampling::Balanced, 100_000);
    assert!(given_up <= 100, "{given_up} of 100000 records given up");
    let mut found: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (c, _) in &cases {
        for what in impossible(c, &kb) {
            found.entry(what).or_insert((0, c.id.clone())).0 += 1;
        }
    }
    assert!(found.is_empty(), "impossible combinations: {found:#?}");
    // Every record is also a valid case file once written out and read back.
    for (c, text) in cases.iter().step_by(97) {
        let doc =
            patient_zero::yaml::Document::from_text(std::path::Path::new(&c.id), text.clone());
        let back = case::from_document(&doc, Some(&kb)).unwrap_or_else(|e| panic!("{}: {e}", c.id));
        assert_eq!(&back, c);
    }
}
