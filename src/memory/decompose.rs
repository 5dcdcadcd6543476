//! A case record broken into atomic facts (the semantic track).

use super::fact::{Fact, Key, Origin, Topic, Value};
use crate::case::{Case, SmokingStatus, Symptom};

struct Facts<'a> {
    out: Vec<Fact>,
    who: &'a str,
    /// The record path of the facts being added (see `case::path`).
    at: String,
}

impl Facts<'_> {
    fn add(&mut self, key: Key, value: Value, text: String, known: bool) {
        let id = format!("F{:03}", self.out.len() + 1);
        self.out.push(Fact {
            id,
            key,
            value,
            text,
            known,
            origin: Origin::Semantic,
            path: self.at.clone(),
        });
    }

    /// Facts from here on come from `path`.
    fn at(&mut self, path: impl Into<String>) -> &mut Self {
        self.at = path.into();
        self
    }

    fn symptom(&mut self, s: &Symptom) {
        let n = s.name.as_str();
        let who = self.who;
        let key = |t| Key::new(t, n);
        let base = format!("symptoms[{}]", n.to_lowercase());
        self.at(base.clone());
        self.add(
            key(Topic::Symptom),
            Value::yes(true),
            format!("{who} has {n} ({}).", s.lay),
            true,
        );
        self.at(format!("{base}.onset"));
        self.add(
            key(Topic::Onset),
            Value::days(s.onset.ago.days()),
            format!("The {n} started {} ago.", s.onset.ago),
            true,
        );
        let how = s.onset.how.to_string();
        self.at(format!("{base}.onset.how"));
        self.add(
            key(Topic::OnsetMode),
            Value::choice(&how),
            format!("The {n} came on {how}ly."),
            true,
        );
        if let Some(t) = &s.onset.trigger {
            self.at(format!("{base}.onset.trigger"));
            self.add(
                key(Topic::Trigger),
                Value::text(t),
                format!("The {n} began like this: {t}"),
                true,
            );
        }
        self.at(format!("{base}.duration"));
        self.add(
            key(Topic::Duration),
            Value::days(s.duration.days()),
            format!("The {n} has lasted {}.", s.duration),
            true,
        );
        let course = s.course.to_string();
        self.at(format!("{base}.course"));
        self.add(
            key(Topic::Course),
            Value::choice(&course),
            format!("The {n} is {course}."),
            true,
        );
        for (topic, v, what, field) in [
            (Topic::Location, &s.location, "is in", "location"),
            (Topic::Character, &s.character, "feels", "character"),
            (Topic::Radiation, &s.radiation, "goes", "radiation"),
            (Topic::Frequency, &s.frequency, "happens", "frequency"),
        ] {
            if let Some(v) = v {
                self.at(format!("{base}.{field}"));
                self.add(
                    key(topic),
                    Value::text(v),
                    format!("The {n} {what} {v}."),
                    true,
                );
            }
        }
        if let Some(i) = s.intensity {
            self.at(format!("{base}.intensity"));
            self.add(
                key(Topic::Intensity),
                Value::number(f64::from(i), "/10"),
                format!("The {n} is {i} out of 10."),
                true,
            );
        }
        self.at(format!("{base}.aggravating"));
        for a in &s.aggravating {
            self.add(
                key(Topic::Aggravating),
                Value::text(a),
                format!("The {n} is made worse by {a}."),
                true,
            );
        }
        self.at(format!("{base}.relieving"));
        for r in &s.relieving {
            self.add(
                key(Topic::Relieving),
                Value::text(r),
                format!("The {n} is eased by {r}."),
                true,
            );
        }
    }
}

/// Every fact the record holds, with ids F001, F002... in record order.
pub fn decompose(case: &Case) -> Vec<Fact> {
    let p = &case.patient;
    let who = if p.sex == crate::case::Sex::Female {
        "She"
    } else {
        "He"
    };
    let mut f = Facts {
        out: Vec::new(),
        who,
        at: String::new(),
    };
    f.at("patient.name").add(
        Key::of(Topic::Name),
        Value::text(&p.name),
        format!("The patient is {}.", p.name),
        true,
    );
    f.at("patient.age").add(
        Key::of(Topic::Age),
        Value::number(f64::from(p.age), "years"),
        format!("{who} is {} years old.", p.age),
        true,
    );
    f.at("patient.sex").add(
        Key::of(Topic::Sex),
        Value::choice(p.sex.to_string()),
        format!("{who} is {}.", p.sex),
        true,
    );
    let d = &case.disease;
    let told = if d.patient_told {
        "has been told"
    } else {
        "has not been told"
    };
    f.at("disease").add(
        Key::of(Topic::Diagnosis),
        Value::text(&d.name),
        format!("The diagnosis is {} ({told}).", d.name),
        d.patient_told,
    );

    for s in &case.symptoms {
        f.symptom(s);
    }
    for n in &case.pertinent_negatives {
        f.at(format!("pertinent_negatives[{}]", n.name.to_lowercase()));
        f.add(
            Key::new(Topic::Symptom, &n.name),
            Value::yes(false),
            format!("{who} does not have {} ({}).", n.name, n.lay),
            true,
        );
    }

    let h = &case.history;
    let any = |f: &mut Facts, topic, has: bool, what: &str| {
        let section = match topic {
            Topic::Condition => "history.conditions",
            Topic::Surgery => "history.surgeries",
            Topic::Medication => "history.medications",
            Topic::Allergy => "history.allergies",
            Topic::Vaccination => "history.vaccinations",
            _ => "history.family",
        };
        f.at(section);
        let text = if has {
            format!("{who} has {what}.")
        } else {
            format!("{who} has no {what}.")
        };
        f.add(Key::of(topic), Value::yes(has), text, true);
    };
    any(
        &mut f,
        Topic::Condition,
        !h.conditions.is_empty(),
        "past medical conditions",
    );
    for c in &h.conditions {
        f.at(format!(
            "history.conditions[{}]",
            c.condition.to_lowercase()
        ));
        let state = if c.ongoing { "ongoing" } else { "resolved" };
        f.add(
            Key::new(Topic::Condition, &c.condition),
            Value::yes(true),
            format!(
                "{who} has had {} for {} ({state}).",
                c.condition, c.diagnosed_ago
            ),
            true,
        );
    }
    any(
        &mut f,
        Topic::Surgery,
        !h.surgeries.is_empty(),
        "past operations",
    );
    for s in &h.surgeries {
        f.at(format!("history.surgeries[{}]", s.procedure.to_lowercase()));
        f.add(
            Key::new(Topic::Surgery, &s.procedure),
            Value::days(s.ago.days()),
            format!("{who} had {} {} ago.", s.procedure, s.ago),
            true,
        );
    }
    any(
        &mut f,
        Topic::Medication,
        !h.medications.is_empty(),
        "regular medicines",
    );
    for m in &h.medications {
        f.at(format!("history.medications[{}]", m.name.to_lowercase()));
        f.add(
            Key::new(Topic::Medication, &m.name),
            Value::text(format!("{} {}", m.dose, m.frequency)),
            format!(
                "{who} takes {} {} {} for {}.",
                m.name, m.dose, m.frequency, m.purpose
            ),
            true,
        );
    }
    any(&mut f, Topic::Allergy, !h.allergies.is_empty(), "allergies");
    for a in &h.allergies {
        f.at(format!("history.allergies[{}]", a.substance.to_lowercase()));
        f.add(
            Key::new(Topic::Allergy, &a.substance),
            Value::text(&a.reaction),
            format!("{who} is allergic to {} ({}).", a.substance, a.reaction),
            true,
        );
    }
    for v in &h.vaccinations {
        let when = v
            .last_dose_ago
            .map(|s| format!(", last dose {s} ago"))
            .unwrap_or_default();
        f.at(format!(
            "history.vaccinations[{}]",
            v.vaccine.to_lowercase()
        ));
        f.add(
            Key::new(Topic::Vaccination, &v.vaccine),
            Value::choice(v.status.to_string()),
            format!("{who} is {} for {}{when}.", v.status, v.vaccine),
            true,
        );
    }
    any(
        &mut f,
        Topic::Family,
        !h.family.is_empty(),
        "illnesses in the family",
    );
    for fam in &h.family {
        let whose = if who == "She" { "Her" } else { "His" };
        f.at(format!("history.family[{}]", fam.condition.to_lowercase()));
        f.add(
            Key::new(Topic::Family, &fam.condition),
            Value::choice(fam.relative.to_string()),
            format!("{whose} {} has had {}.", fam.relative, fam.condition),
            true,
        );
    }
    if let Some(r) = &h.reproductive {
        f.at("history.reproductive.status");
        f.add(
            Key::of(Topic::Reproductive),
            Value::choice(r.status.to_string()),
            format!("{who} is {}.", r.status),
            true,
        );
        f.at("history.reproductive.pregnancies");
        f.add(
            Key::of(Topic::Pregnancies),
            Value::number(f64::from(r.pregnancies), "pregnancies"),
            format!(
                "{who} has had {} pregnancies and {} births.",
                r.pregnancies, r.births
            ),
            true,
        );
    }

    let s = &case.social;
    f.at("social.smoking.status");
    f.add(
        Key::of(Topic::Smoking),
        Value::choice(s.smoking.status.to_string()),
        format!("{who} is a {} smoker.", s.smoking.status),
        true,
    );
    if s.smoking.status != SmokingStatus::Never {
        if let Some(packs) = s.smoking.packs_per_day {
            f.at("social.smoking.packs_per_day");
            f.add(
                Key::of(Topic::SmokingAmount),
                Value::number(packs, "packs/day"),
                format!("{who} smokes or smoked {packs} packs a day."),
                true,
            );
        }
    }
    f.at("social.alcohol.status").add(
        Key::of(Topic::Alcohol),
        Value::choice(s.alcohol.status.to_string()),
        format!("{who} drinks: {}.", s.alcohol.status),
        true,
    );
    if let Some(n) = s.alcohol.drinks_per_week {
        f.at("social.alcohol.drinks_per_week");
        f.add(
            Key::of(Topic::AlcoholAmount),
            Value::number(f64::from(n), "drinks/week"),
            format!("{who} has {n} drinks a week."),
            true,
        );
    }
    let drugs = if s.drugs.substances.is_empty() {
        s.drugs.status.to_string()
    } else {
        format!("{} ({})", s.drugs.status, s.drugs.substances.join(", "))
    };
    f.at("social.drugs").add(
        Key::of(Topic::Drugs),
        Value::choice(s.drugs.status.to_string()),
        format!("Recreational drug use: {drugs}."),
        true,
    );
    f.at("social.diet").add(
        Key::of(Topic::Diet),
        Value::choice(s.diet.to_string()),
        format!("{who} eats a {} diet.", s.diet),
        true,
    );
    f.at("social.activity").add(
        Key::of(Topic::Activity),
        Value::choice(s.activity.to_string()),
        format!("{who} is {}.", s.activity),
        true,
    );
    let title = &s.occupation.title;
    let retired = s.occupation.group == crate::case::OccupationGroup::Retired
        && !title.to_lowercase().contains("retired");
    let (work, said) = if retired {
        (
            format!("retired {title}"),
            format!(
                "{who} is retired; {} worked as: {title}.",
                who.to_lowercase()
            ),
        )
    } else {
        (title.clone(), format!("{who} works as: {title}."))
    };
    f.at("social.occupation")
        .add(Key::of(Topic::Occupation), Value::text(&work), said, true);
    f.at("social.education").add(
        Key::of(Topic::Education),
        Value::choice(s.education.to_string()),
        format!("{who} has {} education.", s.education),
        true,
    );
    f.at("social.living").add(
        Key::of(Topic::Living),
        Value::text(&s.living),
        format!("{who} lives {}.", s.living),
        true,
    );
    for (i, st) in s.stressors.iter().enumerate() {
        f.at(format!("social.stressors[{i}]"));
        f.add(
            Key::new(Topic::Stressor, format!("{}", i + 1)),
            Value::text(st),
            format!("A worry: {st}"),
            true,
        );
    }

    let e = &case.examination;
    let v = &e.vitals;
    for (name, value, unit, field) in [
        ("temperature", v.temperature_c, "C", "temperature_c"),
        ("heart rate", f64::from(v.heart_rate), "/min", "heart_rate"),
        (
            "systolic blood pressure",
            f64::from(v.systolic_bp),
            "mmHg",
            "systolic_bp",
        ),
        (
            "diastolic blood pressure",
            f64::from(v.diastolic_bp),
            "mmHg",
            "diastolic_bp",
        ),
        (
            "respiratory rate",
            f64::from(v.respiratory_rate),
            "/min",
            "respiratory_rate",
        ),
        ("oxygen saturation", f64::from(v.spo2), "%", "spo2"),
    ] {
        f.at(format!("examination.vitals.{field}"));
        f.add(
            Key::new(Topic::Vital, name),
            Value::number(value, unit),
            format!("The {name} is {value} {unit}."),
            false,
        );
    }
    for x in &e.findings {
        f.at(format!("examination.findings[{}]", x.system.to_lowercase()));
        f.add(
            Key::new(Topic::Finding, &x.system),
            Value::text(&x.finding),
            format!("On examination ({}): {}.", x.system, x.finding),
            false,
        );
    }
    for l in &e.labs {
        f.at(format!("examination.labs[{}]", l.name.to_lowercase()));
        f.add(
            Key::new(Topic::Lab, &l.name),
            Value::number(l.value, &l.unit),
            format!("The {} is {} {} ({}).", l.name, l.value, l.unit, l.flag),
            l.patient_knows,
        );
    }
    for (n, i) in e.imaging.iter().enumerate() {
        f.at(format!("examination.imaging[{n}]"));
        f.add(
            Key::new(Topic::Imaging, format!("{} {}", i.modality, i.region)),
            Value::text(&i.finding),
            format!("{} of the {}: {}.", i.modality, i.region, i.finding),
            false,
        );
    }
    for st in &e.studies {
        // A measured study says its number: "above the reference range" alone
        // hides 41 mmHg, and on some scales (logMAR) above is worse.
        let (value, text) = match (st.value, &st.unit) {
            (Some(x), Some(u)) => (
                Value::number(x, u),
                format!("{}: {x} {u} ({}).", st.name, st.result),
            ),
            _ => (
                Value::text(&st.result),
                format!("{}: {}.", st.name, st.result),
            ),
        };
        f.at(format!("examination.studies[{}]", st.name.to_lowercase()));
        f.add(
            Key::new(Topic::Study, &st.name),
            value,
            text,
            st.patient_knows,
        );
    }
    more_facts(case, &mut f);
    f.out
}

/// Facts added after the first decomposition, at the end so that the ids
/// of the others stay as they were: the complaint, body measures, when a
/// smoker stopped, births, and each medicine's dose and how often.
fn more_facts(case: &Case, f: &mut Facts<'_>) {
    let who = f.who;
    let p = &case.patient;
    f.at("chief_complaint").add(
        Key::of(Topic::Complaint),
        Value::text(&case.chief_complaint),
        format!("{who} came because: {}", case.chief_complaint),
        true,
    );
    if let Some(h) = p.height_cm {
        f.at("patient.height_cm").add(
            Key::of(Topic::Height),
            Value::number(h, "cm"),
            format!("{who} is {h} cm tall."),
            true,
        );
    }
    if let Some(w) = p.weight_kg {
        f.at("patient.weight_kg").add(
            Key::of(Topic::Weight),
            Value::number(w, "kg"),
            format!("{who} weighs {w} kg."),
            true,
        );
    }
    let s = &case.social.smoking;
    if let Some(q) = s.quit_ago {
        f.at("social.smoking.quit_ago").add(
            Key::of(Topic::SmokingQuit),
            Value::days(q.days()),
            format!("{who} stopped smoking {q} ago."),
            true,
        );
    }
    if let Some(y) = s.years {
        f.at("social.smoking.years").add(
            Key::of(Topic::SmokingYears),
            Value::number(f64::from(y), "years"),
            format!("{who} smoked for {y} years."),
            true,
        );
    }
    if let Some(r) = &case.history.reproductive {
        f.at("history.reproductive.births").add(
            Key::of(Topic::Births),
            Value::number(f64::from(r.births), "births"),
            format!("{who} has given birth {} times.", r.births),
            true,
        );
    }
    for m in &case.history.medications {
        let at = format!("history.medications[{}]", m.name.to_lowercase());
        if let Some((value, unit, _)) = crate::language::quantity::find_dose(&m.dose) {
            f.at(format!("{at}.dose")).add(
                Key::new(Topic::Dose, &m.name),
                Value::number(value, unit),
                format!("The dose of {} is {}.", m.name, m.dose),
                true,
            );
        }
        if let Some((per_day, _)) = crate::language::quantity::doses_per_day(&m.frequency) {
            f.at(format!("{at}.frequency")).add(
                Key::new(Topic::DoseFrequency, &m.name),
                Value::number(per_day, crate::language::quantity::dose_unit(&m.frequency)),
                format!("{who} takes {} {}.", m.name, m.frequency),
                true,
            );
        }
    }
    for c in &case.history.conditions {
        f.at(format!(
            "history.conditions[{}].diagnosed_ago",
            c.condition.to_lowercase()
        ))
        .add(
            Key::new(Topic::Diagnosed, &c.condition),
            Value::days(c.diagnosed_ago.days()),
            format!("The {} was diagnosed {} ago.", c.condition, c.diagnosed_ago),
            true,
        );
    }
    for v in &case.history.vaccinations {
        if let Some(ago) = v.last_dose_ago {
            f.at(format!(
                "history.vaccinations[{}].last_dose_ago",
                v.vaccine.to_lowercase()
            ))
            .add(
                Key::new(Topic::LastDose, &v.vaccine),
                Value::days(ago.days()),
                format!("The last {} vaccine was {ago} ago.", v.vaccine),
                true,
            );
        }
    }
    f.at("history.vaccinations").add(
        Key::of(Topic::Vaccination),
        Value::yes(!case.history.vaccinations.is_empty()),
        if case.history.vaccinations.is_empty() {
            format!(
                "{who} has had no vaccinations that {} recalls.",
                who.to_lowercase()
            )
        } else {
            let whose = if who == "She" { "Her" } else { "His" };
            format!("{whose} vaccinations are as listed, and no others.")
        },
        true,
    );
}
