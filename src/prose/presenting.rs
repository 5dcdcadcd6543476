//! Who the patient is, why they came, and each presenting symptom. The
//! patient's own words (lay wording, sites, factors, how often) are quoted,
//! so the prose stays in the third person.

use super::Writer;
use super::phrasing::{Person, Pick, a, inner, list, quoted, span};
use crate::case::{Case, Course, OnsetMode, Symptom};
use crate::memory::Topic;

pub(super) fn presentation(case: &Case, w: &mut Writer) {
    let p = &case.patient;
    let who = Person::of(case);
    let mut ids = w.facts.ids(Topic::Name, "");
    ids.extend(w.facts.ids(Topic::Age, ""));
    ids.extend(w.facts.ids(Topic::Sex, ""));
    let (name, age, noun) = (&p.name, p.age, who.noun);
    let aged = format!("{} {age}-year-old", a(&age.to_string()));
    let intro = if age == 0 {
        // An imported case may be a baby: the record says 0 years.
        format!("{name} is a baby {noun}, under a year old (0 years)")
    } else {
        w.pick.one(&[
            format!("{name} is {aged} {noun}"),
            format!("{name}, a {noun} aged {age}, is seen today"),
            format!("the patient is {name}, {aged} {noun}"),
            format!("{name} is {age} years old, a {noun} attending for assessment"),
            format!("this is {name}, {aged} {noun}"),
        ])
    };
    w.say(intro, ids);

    // The complaint in the patient's words, backed by the symptoms it names.
    let lower = case.chief_complaint.to_lowercase();
    let named: Vec<String> = case
        .symptoms
        .iter()
        .filter(|s| lower.contains(&s.lay.to_lowercase()) || lower.contains(&s.name))
        .flat_map(|s| w.facts.ids(Topic::Symptom, &s.name))
        .collect();
    let complaint = inner(&case.chief_complaint);
    let (they, their) = (who.they, who.their);
    let quote = w.pick.one(&[
        format!("in {their} own words: \"{complaint}.\""),
        format!("{they} puts it like this: \"{complaint}.\""),
        format!(
            "asked what brought {} in, {they} said: \"{complaint}.\"",
            who.them
        ),
        format!("the presenting complaint, as {they} tells it: \"{complaint}.\""),
    ]);
    let mut named = named;
    named.extend(w.facts.ids(Topic::Complaint, ""));
    w.say(quote, named);
    measures(case, &who, w);
}

/// Height and weight.
fn measures(case: &Case, who: &Person, w: &mut Writer) {
    let p = &case.patient;
    let mut ids = w.facts.ids(Topic::Height, "");
    ids.extend(w.facts.ids(Topic::Weight, ""));
    let they = who.they;
    let text = match (p.height_cm, p.weight_kg) {
        (Some(h), Some(kg)) => w.pick.one(&[
            format!("{they} is {} cm tall and weighs {} kg", num(h), num(kg)),
            format!("height {} cm, weight {} kg", num(h), num(kg)),
        ]),
        (Some(h), None) => format!("{they} is {} cm tall", num(h)),
        (None, Some(kg)) => format!("{they} weighs {} kg", num(kg)),
        (None, None) => return,
    };
    w.say(text, ids);
}

/// A measure as written: no trailing ".0".
fn num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

pub(super) fn symptoms(case: &Case, w: &mut Writer) {
    let who = Person::of(case);
    for (i, s) in case.symptoms.iter().enumerate() {
        symptom(s, i == 0, &who, w);
    }
    negatives(case, &who, w);
}

fn how(mode: OnsetMode, pick: &mut Pick) -> String {
    match mode {
        OnsetMode::Sudden => pick.one(&["suddenly", "abruptly", "all at once", "out of the blue"]),
        OnsetMode::Gradual => pick.one(&["gradually", "slowly", "little by little", "bit by bit"]),
    }
    .to_string()
}

fn course(c: Course, pick: &mut Pick) -> String {
    match c {
        Course::Worsening => pick.one(&[
            "it has been worsening",
            "it is getting worse",
            "it keeps getting worse",
        ]),
        Course::Improving => pick.one(&[
            "it has been improving",
            "it is getting better",
            "it has started to ease",
        ]),
        Course::Stable => pick.one(&[
            "it has stayed stable",
            "it has stayed much the same",
            "it has been steady",
        ]),
        Course::Fluctuating => pick.one(&[
            "it has been fluctuating",
            "its strength comes and goes",
            "it has fluctuated",
        ]),
        Course::Intermittent => pick.one(&[
            "it is intermittent",
            "it comes in episodes",
            "it has been intermittent, with gaps in between",
        ]),
    }
    .to_string()
}

fn symptom(s: &Symptom, first: bool, who: &Person, w: &mut Writer) {
    let n = s.name.as_str();
    let f = w.facts;
    let id = |t: Topic| f.ids(t, n);
    let (they, ago, lay) = (who.they, span(&s.onset.ago), s.lay.as_str());
    let mode = how(s.onset.how, w.pick);
    let mut ids = id(Topic::Symptom);
    ids.extend(id(Topic::Onset));
    ids.extend(id(Topic::OnsetMode));
    let opening = if first {
        w.pick.one(&[
            format!("{they} has had {n} (\"{lay}\") since it began {mode} {ago} ago"),
            format!(
                "the main problem is {n}, which started {mode} {ago} ago; {they} calls it \"{lay}\""
            ),
            format!("{they} developed {n}, \"{lay}\", {ago} ago, and it came on {mode}"),
            format!("it began {ago} ago with {n} (\"{lay}\"), coming on {mode}"),
        ])
    } else {
        w.pick.one(&[
            format!("{they} also has {n} (\"{lay}\"), from {ago} ago, which came on {mode}"),
            format!("there is {n} as well, \"{lay}\", starting {mode} {ago} ago"),
            format!("alongside this, {n} (\"{lay}\") began {ago} ago, {mode}"),
            format!(
                "{n} followed {ago} ago, coming on {mode}; in {} words, \"{lay}\"",
                who.their
            ),
        ])
    };
    w.say(opening, ids);
    if let Some(t) = &s.onset.trigger {
        let t = inner(t);
        let text = w.pick.one(&[
            format!("of how the {n} started, {they} says: \"{t}.\""),
            format!("on how it began: \"{t}.\""),
            format!("the {n} began like this: \"{t}.\""),
        ]);
        w.say(text, id(Topic::Trigger));
    }
    let dur = span(&s.duration);
    let mut ids = id(Topic::Duration);
    ids.extend(id(Topic::Course));
    let c = course(s.course, w.pick);
    let text = w.pick.one(&[
        format!("it has lasted {dur}, and {c}"),
        format!("over {dur} so far {c}"),
        format!("{c}; it has been going on for {dur}"),
    ]);
    w.say(text, ids);
    details(s, w);
    if let Some(i) = s.intensity {
        let score = format!("{} {i}", a(&i.to_string()));
        let (is, its) = if plural(n) {
            ("are", "their")
        } else {
            ("is", "its")
        };
        let text = w.pick.one(&[
            format!("{they} rates the {n} at {i} out of 10"),
            format!("at {its} worst the {n} score {i}/10")
                .replace("score", if plural(n) { "score" } else { "scores" }),
            format!("the {n} {is} {score} on a ten-point scale"),
            format!(
                "{they} scores {} {i} out of 10",
                if plural(n) { "them" } else { "it" }
            ),
        ]);
        w.say(text, id(Topic::Intensity));
    }
    modifiers(s, who, w);
}

/// Whether a symptom's name is plural ("panic attacks", "floaters"), for
/// the verbs that follow it.
fn plural(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name);
    last.ends_with('s') && !["ss", "us", "is", "ous"].iter().any(|x| last.ends_with(x))
}

/// Where it is, what it feels like, where it goes, how often: in the patient's words.
fn details(s: &Symptom, w: &mut Writer) {
    let n = s.name.as_str();
    let f = w.facts;
    let pl = plural(n);
    let verb = |one: &str, many: &str| {
        if pl {
            many.to_string()
        } else {
            one.to_string()
        }
    };
    let mut detail = Vec::new();
    let mut ids = Vec::new();
    if let Some(l) = &s.location {
        let (felt, sits) = (verb("is felt in", "are felt in"), verb("sits in", "sit in"));
        detail.push(
            w.pick
                .one(&[format!("{felt} \"{l}\""), format!("{sits} \"{l}\"")]),
        );
        ids.extend(f.ids(Topic::Location, n));
    }
    if let Some(c) = &s.character {
        let (feels, described) = (
            verb("feels", "feel"),
            verb("is described as", "are described as"),
        );
        detail.push(
            w.pick
                .one(&[format!("{feels} \"{c}\""), format!("{described} \"{c}\"")]),
        );
        ids.extend(f.ids(Topic::Character, n));
    }
    if let Some(r) = &s.radiation {
        let (goes, spreads) = (verb("goes", "go"), verb("spreads", "spread"));
        detail.push(
            w.pick
                .one(&[format!("{goes} \"{r}\""), format!("{spreads} \"{r}\"")]),
        );
        ids.extend(f.ids(Topic::Radiation, n));
    }
    if let Some(q) = &s.frequency {
        let (happens, comes) = (verb("happens", "happen"), verb("comes", "come"));
        detail.push(
            w.pick
                .one(&[format!("{happens} \"{q}\""), format!("{comes} \"{q}\"")]),
        );
        ids.extend(f.ids(Topic::Frequency, n));
    }
    if !detail.is_empty() {
        let it = if pl { "they" } else { "it" };
        let subject = w.pick.one(&[it.to_string(), format!("the {n}")]);
        w.say(format!("{subject} {}", list(&detail)), ids);
    }
}

fn modifiers(s: &Symptom, who: &Person, w: &mut Writer) {
    let n = s.name.as_str();
    let f = w.facts;
    let they = who.they;
    let it = if plural(n) { "they are" } else { "it is" };
    let (made, relieved) = if plural(n) {
        ("are made", "are relieved")
    } else {
        ("is made", "is relieved")
    };
    if !s.aggravating.is_empty() {
        let worse = list(&quoted(&s.aggravating));
        let verb = if s.aggravating.len() > 1 {
            "make"
        } else {
            "makes"
        };
        let text = w.pick.one(&[
            format!("the {n} {made} worse by {worse}"),
            format!(
                "{they} says {worse} {verb} {} worse",
                if plural(n) { "them" } else { "it" }
            ),
            format!("{they} finds the {n} worse with {worse}"),
            format!("{it} worse with {worse}"),
            format!("aggravating factors: {worse}"),
        ]);
        w.say(text, f.ids(Topic::Aggravating, n));
    }
    if !s.relieving.is_empty() {
        let better = list(&quoted(&s.relieving));
        let verb = if s.relieving.len() > 1 {
            "ease"
        } else {
            "eases"
        };
        let text = w.pick.one(&[
            format!(
                "{they} says {better} {verb} {}",
                if plural(n) { "them" } else { "it" }
            ),
            format!("the {n} {relieved} by {better}"),
            format!("{they} finds the {n} better with {better}"),
            format!("{it} better with {better}"),
            format!("relieving factors: {better}"),
        ]);
        w.say(text, f.ids(Topic::Relieving, n));
    }
}

fn negatives(case: &Case, who: &Person, w: &mut Writer) {
    if case.pertinent_negatives.is_empty() {
        return;
    }
    let names: Vec<String> = case
        .pertinent_negatives
        .iter()
        .map(|n| n.name.clone())
        .collect();
    let ids = names
        .iter()
        .flat_map(|n| w.facts.ids(Topic::Symptom, n))
        .collect();
    let none = super::phrasing::either(&names);
    let they = who.they;
    let text = w.pick.one(&[
        format!("{they} denies {}", list(&names)),
        format!("there has been no {none}"),
        format!("{they} has not had {none}"),
        format!("pertinent negatives: no {none}"),
        format!("{they} has noticed no {none}"),
        format!("asked directly, {they} reports no {none}"),
    ]);
    w.say(text, ids);
}
