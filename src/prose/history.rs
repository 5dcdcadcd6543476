//! The medical history and the social history.

use super::Writer;
use super::phrasing::{Person, inner, list, number, span};
use crate::case::{
    Activity, AlcoholUse, Case, Diet, DrugUse, Education, ReproductiveStatus, SmokingStatus,
    VaccinationStatus,
};
use crate::memory::Topic;

pub(super) fn medical(case: &Case, w: &mut Writer) {
    let h = &case.history;
    let who = Person::of(case);
    let (they, their) = (who.they, who.their);
    let f = w.facts;
    let mut items: Vec<(String, Vec<String>)> = Vec::new();
    if h.conditions.is_empty() {
        let text = w.pick.one(&[
            format!("{they} has no past medical conditions"),
            "there is no past medical history of note".to_string(),
            format!("{they} has been well before, with no past conditions"),
            format!("{they} reports no previous illnesses"),
            "past medical history: nil".to_string(),
        ]);
        items.push((text, f.ids(Topic::Condition, "")));
    }
    for c in &h.conditions {
        let (name, ago) = (&c.condition, span(&c.diagnosed_ago));
        let state = if c.ongoing { "ongoing" } else { "resolved" };
        let text = w.pick.one(&[
            format!("past history of {name}, diagnosed {ago} ago ({state})"),
            format!("{their} history includes {name}, found {ago} ago and now {state}"),
            format!("{name} was diagnosed {ago} ago and is {state}"),
            format!("known {name}: diagnosed {ago} ago, {state}"),
        ]);
        items.push((
            text,
            [
                f.ids(Topic::Condition, name),
                f.ids(Topic::Condition, ""),
                f.ids(Topic::Diagnosed, name),
            ]
            .concat(),
        ));
    }
    if h.surgeries.is_empty() {
        let text = w.pick.one(&[
            format!("{they} has had no operations"),
            "there is no surgical history".to_string(),
            format!("{they} has never had surgery"),
            "no previous operations".to_string(),
        ]);
        items.push((text, f.ids(Topic::Surgery, "")));
    }
    for s in &h.surgeries {
        let (name, ago) = (&s.procedure, span(&s.ago));
        let text = w.pick.one(&[
            format!("previous {name}, {ago} ago"),
            format!("past surgery: {name}, {ago} ago"),
            format!("surgical history: {name} ({ago} ago)"),
        ]);
        items.push((
            text,
            [f.ids(Topic::Surgery, name), f.ids(Topic::Surgery, "")].concat(),
        ));
    }
    if h.medications.is_empty() {
        let text = w.pick.one(&[
            format!("{they} takes no regular medicines"),
            "there are no regular medications".to_string(),
            format!("{they} is on no regular medication"),
            format!("{they} takes nothing on a regular basis"),
            "regular medicines: none".to_string(),
        ]);
        items.push((text, f.ids(Topic::Medication, "")));
    }
    for m in &h.medications {
        let (name, dose, freq, why) = (&m.name, &m.dose, &m.frequency, &m.purpose);
        let text = w.pick.one(&[
            format!("{they} takes {name} {dose} {freq} for {why}"),
            format!("medication: {name} {dose}, {freq}, for {why}"),
            format!("for {why} {they} is on {name} {dose} {freq}"),
            format!("{their} regular {name} is {dose} {freq}, taken for {why}"),
        ]);
        items.push((
            text,
            [
                f.ids(Topic::Medication, name),
                f.ids(Topic::Medication, ""),
                f.ids(Topic::Dose, name),
                f.ids(Topic::DoseFrequency, name),
            ]
            .concat(),
        ));
    }
    if h.allergies.is_empty() {
        let text = w.pick.one(&[
            "no known allergies".to_string(),
            format!("{they} has no allergies"),
            "allergies: none known".to_string(),
            format!("{they} knows of no drug allergies"),
            format!("{they} is not allergic to anything {they} knows of"),
        ]);
        items.push((text, f.ids(Topic::Allergy, "")));
    }
    for a in &h.allergies {
        let text = w.pick.one(&[
            format!("{they} is allergic to {} ({})", a.substance, a.reaction),
            format!("allergy to {}, which causes {}", a.substance, a.reaction),
            format!("{} gives {} {}", a.substance, obj(they), a.reaction),
        ]);
        items.push((
            text,
            [
                f.ids(Topic::Allergy, &a.substance),
                f.ids(Topic::Allergy, ""),
            ]
            .concat(),
        ));
    }
    for (text, ids) in items {
        w.say(text, ids);
    }
    vaccinations(case, &who, w);
    family(case, &who, w);
    if let Some(r) = &h.reproductive {
        let status = match r.status {
            ReproductiveStatus::Premenarchal => "premenarchal",
            ReproductiveStatus::Premenopausal => "premenopausal",
            ReproductiveStatus::Pregnant => "pregnant",
            ReproductiveStatus::Perimenopausal => "perimenopausal",
            ReproductiveStatus::Postmenopausal => "postmenopausal",
        };
        let mut ids = f.ids(Topic::Reproductive, "");
        ids.extend(f.ids(Topic::Pregnancies, ""));
        ids.extend(f.ids(Topic::Births, ""));
        let (g, b) = (r.pregnancies, r.births);
        let text = w.pick.one(&[
            format!("{they} is {status}, with {g} pregnancies and {b} births"),
            format!("obstetric history: {g} pregnancies, {b} births; {they} is {status}"),
            format!("{they} has had {g} pregnancies and {b} births and is {status}"),
        ]);
        w.say(text, ids);
    }
}

fn obj(they: &str) -> &'static str {
    if they == "she" { "her" } else { "him" }
}

fn vaccinations(case: &Case, who: &Person, w: &mut Writer) {
    let f = w.facts;
    let vs = &case.history.vaccinations;
    if vs.is_empty() {
        let text = w.pick.one(&[
            format!("{} recalls no vaccinations", who.they),
            "no vaccinations are recorded".to_string(),
        ]);
        w.say(text, f.ids(Topic::Vaccination, ""));
        return;
    }
    // Up-to-date vaccines are named together; one that is overdue or was
    // never given gets its own clause, with when it was last given.
    let mut current = Vec::new();
    let mut behind = Vec::new();
    let mut ids = f.ids(Topic::Vaccination, "");
    for v in vs {
        ids.extend(f.ids(Topic::Vaccination, &v.vaccine));
        ids.extend(f.ids(Topic::LastDose, &v.vaccine));
        match v.status {
            VaccinationStatus::UpToDate => current.push(match v.last_dose_ago {
                Some(s) => format!("{} (last dose {} ago)", v.vaccine, span(&s)),
                None => v.vaccine.clone(),
            }),
            VaccinationStatus::Overdue => behind.push(match v.last_dose_ago {
                Some(s) => format!("{} is overdue (last dose {} ago)", v.vaccine, span(&s)),
                None => format!("{} is overdue", v.vaccine),
            }),
            VaccinationStatus::Never => behind.push(format!("{} was never given", v.vaccine)),
        }
    }
    let mut parts = Vec::new();
    if !current.is_empty() {
        let all = list(&current);
        let verb = if current.len() == 1 { "is" } else { "are" };
        parts.push(w.pick.one(&[
            format!("{all} {verb} up to date"),
            format!("{} is current with {all}", who.they),
            format!("{all} {verb} current"),
        ]));
    }
    parts.extend(behind);
    let text = w.pick.one(&[
        format!("vaccinations: {}", parts.join("; ")),
        format!("as for immunisations, {}", parts.join(", while ")),
        parts.join("; "),
    ]);
    w.say(text, ids);
}

fn family(case: &Case, who: &Person, w: &mut Writer) {
    let f = w.facts;
    let fam = &case.history.family;
    if fam.is_empty() {
        let text = w.pick.one(&[
            "there is no illness of note in the family".to_string(),
            "the family history is unremarkable".to_string(),
            format!("no one in {} family has a relevant illness", who.their),
        ]);
        w.say(text, f.ids(Topic::Family, ""));
    }
    for x in fam {
        let (rel, cond) = (x.relative.to_string(), &x.condition);
        let their = who.their;
        let text = w.pick.one(&[
            format!("family history of {cond} ({their} {rel})"),
            format!("{their} {rel} has a history of {cond}"),
            format!("in the family: {cond} in {their} {rel}"),
        ]);
        w.say(
            text,
            [f.ids(Topic::Family, cond), f.ids(Topic::Family, "")].concat(),
        );
    }
}

pub(super) fn social(case: &Case, w: &mut Writer) {
    let s = &case.social;
    let who = Person::of(case);
    let (they, their) = (who.they, who.their);
    let f = w.facts;
    // Each item is one sentence; their order varies between records.
    let mut items: Vec<(String, Vec<String>)> = Vec::new();
    let smoke = match s.smoking.status {
        SmokingStatus::Never => w.pick.one(&[
            "has never smoked",
            "is a lifelong non-smoker",
            "has never been a smoker",
            "does not smoke and never has",
        ]),
        SmokingStatus::Former => w.pick.one(&[
            "is a former smoker",
            "used to smoke",
            "gave up smoking",
            "is an ex-smoker",
        ]),
        SmokingStatus::Current => w
            .pick
            .one(&["smokes", "is a current smoker", "still smokes"]),
    };
    let mut ids = f.ids(Topic::Smoking, "");
    let packs = match (s.smoking.status, s.smoking.packs_per_day) {
        (SmokingStatus::Never, _) | (_, None) => String::new(),
        (_, Some(p)) => {
            ids.extend(f.ids(Topic::SmokingAmount, ""));
            let packs = if p == 1.0 { "pack" } else { "packs" };
            format!(" ({} {packs} a day)", number(p))
        }
    };
    let former = s.smoking.status == SmokingStatus::Former;
    let years = match s.smoking.years {
        Some(y) if s.smoking.status != SmokingStatus::Never => {
            ids.extend(f.ids(Topic::SmokingYears, ""));
            if former {
                format!("; {they} smoked for {y} years")
            } else {
                format!(", and has for {y} years")
            }
        }
        _ => String::new(),
    };
    let quit = match s.smoking.quit_ago {
        Some(q) if former => {
            ids.extend(f.ids(Topic::SmokingQuit, ""));
            let joint = if years.is_empty() { ", " } else { " and " };
            format!("{joint}stopped {} ago", span(&q))
        }
        _ => String::new(),
    };
    items.push((format!("{they} {smoke}{packs}{years}{quit}"), ids));
    let drink = match s.alcohol.status {
        AlcoholUse::None if case.patient.age < 16 => "does not drink alcohol",
        AlcoholUse::None => w.pick.one(&[
            "does not drink alcohol",
            "is teetotal",
            "drinks no alcohol",
            "avoids alcohol altogether",
        ]),
        AlcoholUse::Occasional => w.pick.one(&[
            "drinks alcohol occasionally",
            "has the occasional drink",
            "drinks only now and then",
        ]),
        AlcoholUse::Moderate => w.pick.one(&[
            "drinks alcohol moderately",
            "is a moderate drinker",
            "drinks in moderation",
        ]),
        AlcoholUse::Heavy => w.pick.one(&[
            "drinks heavily",
            "is a heavy drinker",
            "drinks a lot of alcohol",
        ]),
    };
    let mut ids = f.ids(Topic::Alcohol, "");
    let amount = s.alcohol.drinks_per_week.map_or(String::new(), |n| {
        ids.extend(f.ids(Topic::AlcoholAmount, ""));
        format!(", about {n} drinks a week")
    });
    items.push((format!("{they} {drink}{amount}"), ids));
    let drugs = match s.drugs.status {
        DrugUse::None => w.pick.one(&[
            "no recreational drugs".to_string(),
            format!("{they} uses no recreational drugs"),
            format!("{they} has never used street drugs"),
            "recreational drug use: none".to_string(),
        ]),
        DrugUse::Former => format!(
            "former recreational drug use ({})",
            list(&s.drugs.substances)
        ),
        DrugUse::Current => format!(
            "current recreational drug use ({})",
            list(&s.drugs.substances)
        ),
    };
    items.push((drugs.replace(" ()", ""), f.ids(Topic::Drugs, "")));
    let diet = match s.diet {
        Diet::Balanced => "a balanced diet",
        Diet::HighFat => "a diet high in fat",
        Diet::HighSalt => "a salty diet",
        Diet::Vegetarian => "a vegetarian diet",
        Diet::Irregular => "irregular meals",
    };
    let active = match s.activity {
        Activity::Sedentary => "is mostly sedentary",
        Activity::Moderate => "is moderately active",
        Activity::Active => "is physically active",
    };
    let mut ids = f.ids(Topic::Diet, "");
    ids.extend(f.ids(Topic::Activity, ""));
    let lifestyle = w.pick.one(&[
        format!("{they} eats {diet} and {active}"),
        format!("{they} {active}, with {diet}"),
        format!("{diet}; {they} {active}"),
    ]);
    items.push((lifestyle, ids));
    let school = match s.education {
        Education::None => "no formal schooling",
        Education::Primary => "primary schooling",
        Education::Secondary => "secondary schooling",
        Education::College => "a college education",
        Education::Graduate => "a graduate degree",
    };
    let mut ids = f.ids(Topic::Occupation, "");
    ids.extend(f.ids(Topic::Education, ""));
    let title = inner(&s.occupation.title);
    let work = w.pick.one(&[
        format!("{their} occupation, in {their} words: \"{title}\"; {they} has {school}"),
        format!("{they} has {school}; asked about work, {they} says \"{title}\""),
    ]);
    items.push((work, ids));
    items.push((
        w.pick.one(&[
            format!("{they} lives \"{}\"", inner(&s.living)),
            format!("home: {they} lives \"{}\"", inner(&s.living)),
        ]),
        f.ids(Topic::Living, ""),
    ));
    for (i, st) in s.stressors.iter().enumerate() {
        let id = f.ids(Topic::Stressor, &format!("{}", i + 1));
        items.push((format!("a current worry: \"{}\"", inner(st)), id));
    }
    for (text, ids) in items {
        w.say(text, ids);
    }
}
