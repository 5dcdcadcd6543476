//! Rules every knowledge file must keep: weights that sum to one, ordered
//! ranges, references to things that exist. Each broken rule is located at the
//! field that breaks it.

use super::{KnowledgeBase, Measure, MeasureOutline, Outline, Priors, Weights};
use crate::case::rules::{SYMPTOM_MEASURES, VITAL_BOUNDS, is_icd10};
use crate::case::{Department, Range, SCHEMA_VERSION, Severity};
use crate::problem::Problem;
use crate::yaml::Document;

/// How far a set of probabilities may sum from one (rounding in hand-written files).
pub const SUM_TOLERANCE: f64 = 0.011;

struct Findings<'a> {
    doc: &'a Document,
    out: Vec<Problem>,
}

impl<'a> Findings<'a> {
    fn new(doc: &'a Document) -> Self {
        Findings {
            doc,
            out: Vec::new(),
        }
    }

    fn at(&mut self, field: &str, message: impl AsRef<str>) {
        self.out.push(self.doc.problem_at(field, message));
    }

    fn probability(&mut self, field: &str, p: f64) {
        if !(0.0..=1.0).contains(&p) {
            self.at(field, format!("{p} is not a probability (0 to 1)"));
        }
    }

    fn sums_to_one(&mut self, field: &str, values: impl IntoIterator<Item = f64>) {
        let mut sum = 0.0;
        for v in values {
            if !(0.0..=1.0).contains(&v) {
                self.at(field, format!("weight {v} is not between 0 and 1"));
            }
            sum += v;
        }
        if (sum - 1.0).abs() > SUM_TOLERANCE {
            self.at(field, format!("weights sum to {sum:.3}, not 1"));
        }
    }

    fn weights<K>(&mut self, field: &str, w: &Weights<K>) {
        if w.is_empty() {
            self.at(field, "no weights given");
        } else {
            self.sums_to_one(field, w.values().copied());
        }
    }

    fn ordered(&mut self, field: &str, r: &Range) {
        if !r.is_ordered() {
            self.at(
                field,
                format!("range [{}, {}] is not in order (low, high)", r.low, r.high),
            );
        }
    }

    fn within(&mut self, field: &str, r: &Range, bounds: &Range, what: &str) {
        self.ordered(field, r);
        if r.low < bounds.low || r.high > bounds.high {
            self.at(
                field,
                format!(
                    "range [{}, {}] goes outside the physiological bounds of {what} [{}, {}]",
                    r.low, r.high, bounds.low, bounds.high
                ),
            );
        }
    }

    fn not_blank(&mut self, field: &str, s: &str) {
        if s.trim().is_empty() {
            self.at(field, "must not be empty");
        }
    }
}

pub fn priors(doc: &Document, p: &Priors) -> Vec<Problem> {
    let mut f = Findings::new(doc);
    if p.schema != SCHEMA_VERSION {
        f.at(
            "schema",
            format!(
                "schema {} is not supported (this build reads {SCHEMA_VERSION})",
                p.schema
            ),
        );
    }
    f.weights("ethnicity", &p.ethnicity);
    let mut next_age = 0;
    for (i, g) in p.age_groups.iter().enumerate() {
        let at = |k: &str| format!("age_groups[{i}].{k}");
        if g.min != next_age {
            f.at(
                &at("min"),
                format!("age groups must follow on without gaps: expected {next_age}"),
            );
        }
        if g.max < g.min {
            f.at(&at("max"), "max is below min");
        }
        next_age = g.max + 1;
        f.not_blank(&at("source"), &g.source);
        f.weights(&at("education"), &g.education);
        f.weights(&at("occupation"), &g.occupation);
        f.weights(&at("smoking"), &g.smoking);
        f.weights(&at("alcohol"), &g.alcohol);
        f.weights(&at("drugs"), &g.drugs);
        f.weights(&at("diet"), &g.diet);
        f.weights(&at("activity"), &g.activity);
        f.sums_to_one(&at("bmi"), g.bmi.iter().map(|b| b.weight));
        for (j, b) in g.bmi.iter().enumerate() {
            f.within(
                &at(&format!("bmi[{j}].range")),
                &b.range,
                &Range {
                    low: 10.0,
                    high: 70.0,
                },
                "BMI",
            );
        }
    }
    if next_age <= 100 {
        f.at(
            "age_groups",
            format!(
                "age groups stop at {}; they must cover ages 0 to 100",
                next_age.saturating_sub(1)
            ),
        );
    }
    for (i, c) in p.conditions.iter().enumerate() {
        for (j, r) in c.prevalence.iter().enumerate() {
            f.probability(&format!("conditions[{i}].prevalence[{j}].rate"), r.rate);
        }
        f.not_blank(&format!("conditions[{i}].source"), &c.source);
    }
    for (i, s) in p.surgeries.iter().enumerate() {
        for (j, r) in s.prevalence.iter().enumerate() {
            f.probability(&format!("surgeries[{i}].prevalence[{j}].rate"), r.rate);
        }
        f.not_blank(&format!("surgeries[{i}].source"), &s.source);
    }
    for (i, a) in p.allergies.iter().enumerate() {
        f.probability(&format!("allergies[{i}].prevalence"), a.prevalence);
        f.not_blank(&format!("allergies[{i}].source"), &a.source);
    }
    for (i, v) in p.vaccinations.iter().enumerate() {
        for (j, r) in v.coverage.iter().enumerate() {
            f.probability(&format!("vaccinations[{i}].coverage[{j}].rate"), r.rate);
        }
        f.not_blank(&format!("vaccinations[{i}].source"), &v.source);
        if let Some(ever) = v.ever {
            f.probability(&format!("vaccinations[{i}].ever"), ever);
        }
        if let Some([lo, hi]) = v.given_at {
            if lo > hi || lo < v.first_age() {
                f.at(
                    &format!("vaccinations[{i}].given_at"),
                    format!(
                        "[{lo}, {hi}] must be ordered and start at {} or later",
                        v.first_age()
                    ),
                );
            }
        }
    }
    for (i, fam) in p.family_background.iter().enumerate() {
        f.probability(
            &format!("family_background[{i}].probability"),
            fam.probability,
        );
    }
    if p.occupations.is_empty() {
        f.at("occupations", "no occupation titles");
    }
    f.out
}

pub fn names(doc: &Document, pools: &[super::NamePool]) -> Vec<Problem> {
    let mut f = Findings::new(doc);
    for (i, n) in pools.iter().enumerate() {
        if n.female.is_empty() || n.male.is_empty() || n.surnames.is_empty() {
            f.at(
                &format!("[{i}]"),
                "a name pool needs female, male and surnames",
            );
        }
    }
    f.out
}

pub fn measures(doc: &Document, list: &[Measure]) -> Vec<Problem> {
    let mut f = Findings::new(doc);
    for (i, m) in list.iter().enumerate() {
        let at = |k: &str| format!("[{i}].{k}");
        f.not_blank(&at("unit"), &m.unit);
        f.not_blank(&at("source"), &m.source);
        f.ordered(&at("bounds"), &m.bounds);
        for r in m.accepted_references() {
            f.within(&at("reference"), &r, &m.bounds, &m.name);
        }
        let mut last = f64::NEG_INFINITY;
        for (j, b) in m.bands.iter().enumerate() {
            if b.max <= last {
                f.at(
                    &at(&format!("bands[{j}].max")),
                    "bands must be in increasing order of max",
                );
            }
            last = b.max;
        }
        if !m.bands.is_empty() && last < m.bounds.high {
            f.at(
                &at("bands"),
                format!(
                    "the last band stops at {last}, below the top of the scale {}",
                    m.bounds.high
                ),
            );
        }
    }
    f.out
}

/// Rules an outline keeps on its own.
pub fn outline_file(doc: &Document, o: &Outline, dept: Department) -> Vec<Problem> {
    let mut f = Findings::new(doc);
    if o.schema != SCHEMA_VERSION {
        f.at(
            "schema",
            format!(
                "schema {} is not supported (this build reads {SCHEMA_VERSION})",
                o.schema
            ),
        );
    }
    let stem = doc
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if o.id != stem {
        f.at(
            "id",
            format!("id `{}` must match the file name `{stem}`", o.id),
        );
    }
    if o.department != dept {
        f.at(
            "department",
            format!("{} is filed under {}", o.department, dept.slug()),
        );
    }
    if !is_icd10(&o.icd10) {
        f.at(
            "icd10",
            format!(
                "`{}` is not an ICD-10 code (letter, two digits, optional .digits)",
                o.icd10
            ),
        );
    }
    if o.sources.is_empty() {
        f.at("sources", "an outline needs at least one source");
    }
    f.not_blank("demographics.source", &o.demographics.source);
    f.not_blank("severity.source", &o.severity.source);

    let bands = &o.demographics.age_bands;
    if bands.is_empty() {
        f.at("demographics.age_bands", "no age bands");
    }
    f.sums_to_one("demographics.age_bands", bands.iter().map(|b| b.weight));
    for (i, b) in bands.iter().enumerate() {
        if b.min > b.max {
            f.at(&format!("demographics.age_bands[{i}]"), "min is above max");
        }
        if b.max > 100 {
            f.at(
                &format!("demographics.age_bands[{i}].max"),
                "ages stop at 100",
            );
        }
        if i > 0 && b.min <= bands[i - 1].max {
            f.at(
                &format!("demographics.age_bands[{i}].min"),
                "age bands must be in order and must not overlap",
            );
        }
        if o.constraints.min_age.is_some_and(|m| b.min < m)
            || o.constraints.max_age.is_some_and(|m| b.max > m)
        {
            f.at(
                &format!("demographics.age_bands[{i}]"),
                "band reaches outside the ages the constraints allow",
            );
        }
    }
    let sex = &o.demographics.sex;
    f.sums_to_one("demographics.sex", [sex.female, sex.male]);
    if let Some(only) = o.constraints.sex {
        let other = match only {
            crate::case::Sex::Female => sex.male,
            crate::case::Sex::Male => sex.female,
        };
        if other > 0.0 {
            f.at(
                "demographics.sex",
                format!("the disease is {only}-only, so the other sex must have weight 0"),
            );
        }
    }
    let sev = &o.severity;
    f.sums_to_one("severity", [sev.mild, sev.moderate, sev.severe]);

    let mut ids = std::collections::HashSet::new();
    for (i, r) in o.risk_factors.iter().enumerate() {
        let at = |k: &str| format!("risk_factors[{i}].{k}");
        if !ids.insert(r.id.as_str()) {
            f.at(&at("id"), format!("risk factor `{}` appears twice", r.id));
        }
        f.probability(&at("prevalence"), r.prevalence);
        if r.source.trim().is_empty() {
            f.at(&at("prevalence"), "give the prevalence a `source:` note (study, registry or guideline, with the figure)");
        }
        let has_effect = r.condition.is_some()
            || r.smoking.is_some()
            || r.alcohol.is_some()
            || !r.drugs.is_empty()
            || r.diet.is_some()
            || r.activity.is_some()
            || r.occupation.is_some()
            || r.bmi.is_some()
            || r.stressor.is_some()
            || r.surgery.is_some()
            || r.family.is_some();
        if !has_effect {
            f.at(&format!("risk_factors[{i}]"), "a risk factor must change something in the record (condition, smoking, alcohol, bmi, family, ...)");
        }
        if !r.medications.is_empty() && r.condition.is_none() {
            f.at(
                &at("medications"),
                "medications belong to a condition: set `condition` too",
            );
        }
        if let Some(b) = &r.bmi {
            f.within(
                &at("bmi"),
                b,
                &Range {
                    low: 12.0,
                    high: 70.0,
                },
                "BMI",
            );
        }
        if let Some(fam) = &r.family {
            if fam.relatives.is_empty() {
                f.at(&at("family.relatives"), "name at least one relative");
            }
        }
    }

    if !o.symptoms.iter().any(|s| s.chief) {
        f.at(
            "symptoms",
            "at least one symptom must be `chief: true` (a reason to visit)",
        );
    }
    let mut names = std::collections::HashSet::new();
    for (i, s) in o.symptoms.iter().enumerate() {
        let at = |k: &str| format!("symptoms[{i}].{k}");
        if !names.insert(s.name.to_ascii_lowercase()) {
            f.at(&at("name"), format!("symptom `{}` appears twice", s.name));
        }
        if s.lay.is_empty() || s.lay.iter().any(|l| l.trim().is_empty()) {
            f.at(&at("lay"), "give at least one non-empty lay wording");
        }
        for l in &s.lay {
            if reads_as_sentence(l) {
                f.at(&at("lay"), format!("`{l}` reads as a sentence; a lay wording is a noun phrase that fits \"I've had ___\" (e.g. `a swollen belly`)"));
            }
        }
        for p in s.probability.values() {
            f.probability(&at("probability"), *p);
        }
        if s.source.trim().is_empty() {
            f.at(
                &at("probability"),
                "give the probability a `source:` note (study, registry or textbook figure)",
            );
        }
        if s.onset.is_empty() {
            f.at(&at("onset"), "give at least one onset mode");
        }
        if s.course.is_empty() {
            f.at(&at("course"), "give at least one course");
        }
        if s.duration[0].days() > s.duration[1].days() {
            f.at(
                &at("duration"),
                format!("{} is longer than {}", s.duration[0], s.duration[1]),
            );
        }
        if s.course.contains(&crate::case::Course::Intermittent) && s.frequency.is_empty() {
            f.at(
                &at("frequency"),
                "an intermittent symptom needs at least one frequency wording",
            );
        }
        if let Some(first) = &s.after {
            if first == &s.name || !o.symptoms.iter().any(|x| &x.name == first) {
                f.at(
                    &at("after"),
                    format!("`{first}` is not another symptom of this outline"),
                );
            }
        }
        // "nothing" beside another factor contradicts it; a factor split by an
        // unquoted comma ("[nothing, not for long]") reads as two.
        for (field, factors) in [("aggravating", &s.aggravating), ("relieving", &s.relieving)] {
            if factors.len() > 1
                && factors
                    .iter()
                    .any(|x| x.trim().eq_ignore_ascii_case("nothing"))
            {
                f.at(
                    &at(field),
                    "`nothing` cannot stand beside other factors (quote an item that holds a comma)",
                );
            }
        }
        if let Some(intensity) = &s.intensity {
            for [lo, hi] in intensity.values() {
                if lo > hi || *hi > 10 {
                    f.at(
                        &at("intensity"),
                        format!("[{lo}, {hi}] is not an ordered 0-10 rating range"),
                    );
                }
            }
        }
    }
    for (i, n) in o.pertinent_negatives.iter().enumerate() {
        if reads_as_sentence(&n.lay) {
            f.at(
                &format!("pertinent_negatives[{i}].lay"),
                format!(
                    "`{}` reads as a sentence; it must fit \"I haven't had ___\"",
                    n.lay
                ),
            );
        }
        let always = o.symptoms.iter().any(|s| {
            s.name.eq_ignore_ascii_case(&n.name)
                && s.probability.values().iter().all(|p| **p >= 1.0)
        });
        if always {
            f.at(
                &format!("pertinent_negatives[{i}]"),
                format!("`{}` is a symptom every patient has", n.name),
            );
        }
    }
    if let Some(l) = &o.laterality {
        f.sums_to_one("laterality", [l.left, l.right, l.both]);
    } else if doc.text.contains("{side") {
        // The file's own text: serialising the outline to search it cost a
        // tenth of every start-up.
        f.at(
            "laterality",
            "wordings use {side} but the outline gives no laterality",
        );
    }
    for (i, fam) in o.family_history.iter().enumerate() {
        f.probability(&format!("family_history[{i}].probability"), fam.probability);
        if fam.relatives.is_empty() {
            f.at(
                &format!("family_history[{i}].relatives"),
                "name at least one relative",
            );
        }
    }

    for sev in Severity::ALL {
        let v = o.examination.vitals.get(sev);
        let at = |k: &str| format!("examination.vitals.{sev}.{k}");
        for (name, range) in [
            ("temperature_c", &v.temperature_c),
            ("heart_rate", &v.heart_rate),
            ("systolic_bp", &v.systolic_bp),
            ("diastolic_bp", &v.diastolic_bp),
            ("respiratory_rate", &v.respiratory_rate),
            ("spo2", &v.spo2),
        ] {
            let bounds = VITAL_BOUNDS.iter().find(|b| b.0 == name).map(|b| b.1);
            if let Some(bounds) = bounds {
                f.within(&at(name), range, &bounds, name);
            }
        }
        if v.diastolic_bp.high >= v.systolic_bp.low {
            f.at(
                &at("diastolic_bp"),
                "diastolic range must lie below the systolic range",
            );
        }
    }
    let symptom_known = |name: &str| o.symptoms.iter().any(|s| s.name.eq_ignore_ascii_case(name));
    let risk_known = |id: &str| o.risk_factors.iter().any(|r| r.id == id);
    let mut conditions: Vec<(String, Option<&String>, Option<&String>)> = Vec::new();
    for (i, x) in o.examination.findings.iter().enumerate() {
        conditions.push((
            format!("examination.findings[{i}]"),
            x.requires_risk.as_ref(),
            x.unless_risk.as_ref(),
        ));
    }
    for (i, x) in o.examination.measures.iter().enumerate() {
        conditions.push((
            format!("examination.measures[{i}]"),
            x.requires_risk.as_ref(),
            x.unless_risk.as_ref(),
        ));
    }
    for (i, x) in o.examination.imaging.iter().enumerate() {
        conditions.push((
            format!("examination.imaging[{i}]"),
            x.requires_risk.as_ref(),
            x.unless_risk.as_ref(),
        ));
    }
    for (i, x) in o.examination.studies.iter().enumerate() {
        conditions.push((
            format!("examination.studies[{i}]"),
            x.requires_risk.as_ref(),
            x.unless_risk.as_ref(),
        ));
    }
    for (at, req, unless) in conditions {
        for (key, id) in [("requires_risk", req), ("unless_risk", unless)] {
            if let Some(id) = id {
                if !risk_known(id) {
                    f.at(
                        &format!("{at}.{key}"),
                        format!("no risk factor with id `{id}`"),
                    );
                }
            }
        }
    }
    // Every recorded item: its probability and the symptoms it depends on.
    let ex = &o.examination;
    let items = ex
        .findings
        .iter()
        .enumerate()
        .map(|(i, x)| {
            (
                format!("examination.findings[{i}]"),
                &x.probability,
                &x.requires_symptom,
                &x.unless_symptom,
            )
        })
        .chain(ex.measures.iter().enumerate().map(|(i, x)| {
            (
                format!("examination.measures[{i}]"),
                &x.probability,
                &x.requires_symptom,
                &x.unless_symptom,
            )
        }))
        .chain(ex.imaging.iter().enumerate().map(|(i, x)| {
            (
                format!("examination.imaging[{i}]"),
                &x.probability,
                &x.requires_symptom,
                &x.unless_symptom,
            )
        }))
        .chain(ex.studies.iter().enumerate().map(|(i, x)| {
            (
                format!("examination.studies[{i}]"),
                &x.probability,
                &x.requires_symptom,
                &x.unless_symptom,
            )
        }));
    for (at, probability, requires, unless) in items {
        for p in probability.values() {
            f.probability(&format!("{at}.probability"), *p);
        }
        for (key, name) in [("requires_symptom", requires), ("unless_symptom", unless)] {
            if let Some(s) = name.as_ref().filter(|s| !symptom_known(s)) {
                f.at(&format!("{at}.{key}"), format!("no symptom named `{s}`"));
            }
        }
    }
    for (i, m) in ex.measures.iter().enumerate() {
        symptom_forced_measure(&mut f, o, i, m);
    }
    if let (Some(lo), Some(hi)) = (o.constraints.min_age, o.constraints.max_age) {
        if lo > hi {
            f.at("constraints.min_age", "min_age is above max_age");
        }
    }
    f.out
}

/// Lay wordings are slotted into sentences ("I've had ___"), so they must be
/// noun phrases, not clauses with their own verb.
pub fn reads_as_sentence(text: &str) -> bool {
    let t = format!(" {} ", text.trim().to_ascii_lowercase());
    t.starts_with(" i ")
        || t.starts_with(" i'm ")
        || t.starts_with(" it ")
        || [
            " is ", " are ", " has ", " have ", " feels ", " looks ", " keeps ", " gone ", " was ",
            " were ",
        ]
        .iter()
        .any(|v| t.contains(v))
}

/// Rules that need the measure catalogue.
pub fn outline_against_catalogue(doc: &Document, o: &Outline, kb: &KnowledgeBase) -> Vec<Problem> {
    let mut f = Findings::new(doc);
    for (i, m) in o.examination.measures.iter().enumerate() {
        let at = format!("examination.measures[{i}]");
        match kb.measure(&m.measure) {
            None => f.at(
                &format!("{at}.measure"),
                format!("`{}` is not in the measure catalogue", m.measure),
            ),
            Some(entry) => {
                for r in m.range.values() {
                    f.within(&format!("{at}.range"), r, &entry.bounds, &entry.name);
                }
            }
        }
    }
    f.out
}

/// A measure that a symptom pins (jaundice: bilirubin at least 2.5 mg/dL) needs
/// ranges the generator can honour with and without that symptom.
fn symptom_forced_measure(f: &mut Findings<'_>, o: &Outline, i: usize, m: &MeasureOutline) {
    for rule in SYMPTOM_MEASURES.iter().filter(|r| r.measure == m.measure) {
        let possible = o
            .symptoms
            .iter()
            .any(|s| s.name.to_ascii_lowercase().contains(rule.symptom));
        if !possible {
            continue;
        }
        let tied = |name: &Option<String>| {
            name.as_ref()
                .is_some_and(|s| s.to_ascii_lowercase().contains(rule.symptom))
        };
        let with = !tied(&m.unless_symptom);
        let without = !tied(&m.requires_symptom);
        let at = format!("examination.measures[{i}].range");
        for r in m.range.values() {
            if with && r.high < rule.min_present {
                let hint = if without {
                    format!(
                        ": split it with `requires_symptom`/`unless_symptom: {}`",
                        rule.symptom
                    )
                } else {
                    String::new()
                };
                f.at(
                    &at,
                    format!(
                        "patients with {} need {} of at least {}, above this range{hint}",
                        rule.symptom, m.measure, rule.min_present
                    ),
                );
                break;
            }
            if without && r.low >= rule.min_present {
                f.at(
                    &at,
                    format!(
                        "patients without {} need {} below {}, under this range",
                        rule.symptom, m.measure, rule.min_present
                    ),
                );
                break;
            }
        }
    }
}
