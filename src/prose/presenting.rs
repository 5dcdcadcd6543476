//! Who the patient is, why they came, and each presenting symptom.

use super::Writer;
use super::phrasing::{Person, inner, list, span};
use crate::case::{Case, Course, OnsetMode, Symptom};
use crate::memory::Topic;

pub(super) fn presentation(case: &Case, w: &mut Writer) {
    let p = &case.patient;
    let who = Person::of(case);
    let mut ids = w.facts.ids(Topic::Name, "");
    ids.extend(w.facts.ids(Topic::Age, ""));
    ids.extend(w.facts.ids(Topic::Sex, ""));
    let (name, age, noun) = (&p.name, p.age, who.noun);
    let intro = w.pick.one(&[
        format!("{name} is a {age}-year-old {noun}"),
        format!("{name}, a {noun} of {age}, is seen today"),
        format!("The patient is {name}, a {age}-year-old {noun}"),
        format!("{name} is {age} years old, a {noun} attending for assessment"),
        format!("This is {name}, {age}, a {noun}"),
    ]);
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
    let they = who.they;
    let quote = w.pick.one(&[
        format!("In {}'s own words: \"{complaint}.\"", who.their),
        format!("{they} puts it like this: \"{complaint}.\""),
        format!(
            "Asked what brought {} in, {they} said: \"{complaint}.\"",
            obj(they)
        ),
        format!("The presenting complaint, as {they} tells it: \"{complaint}.\""),
    ]);
    w.say(quote, named);
}

/// "her"/"him" for "she"/"he".
fn obj(they: &str) -> &'static str {
    if they == "she" { "her" } else { "him" }
}

pub(super) fn symptoms(case: &Case, w: &mut Writer) {
    let who = Person::of(case);
    for (i, s) in case.symptoms.iter().enumerate() {
        symptom(s, i == 0, &who, w);
    }
    negatives(case, &who, w);
}

fn how(mode: OnsetMode, pick: &mut super::phrasing::Pick) -> String {
    match mode {
        OnsetMode::Sudden => pick.one(&[
            "suddenly",
            "abruptly (a sudden onset)",
            "with a sudden onset",
        ]),
        OnsetMode::Gradual => pick.one(&[
            "gradually",
            "with a gradual onset",
            "slowly (a gradual onset)",
        ]),
    }
    .to_string()
}

fn course(c: Course, pick: &mut super::phrasing::Pick) -> String {
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
            "it comes and goes in strength, fluctuating",
            "it has fluctuated",
        ]),
        Course::Intermittent => pick.one(&[
            "it is intermittent",
            "it comes in intermittent episodes",
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
            format!("{ago} ago {they} developed {n}, \"{lay}\", which came on {mode}"),
            format!("it began {ago} ago with {n} (\"{lay}\"), coming on {mode}"),
        ])
    } else {
        w.pick.one(&[
            format!("{they} also has {n} (\"{lay}\"), from {ago} ago, which came on {mode}"),
            format!("there is {n} as well, \"{lay}\", starting {ago} ago {mode}"),
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
        format!("{dur} on, {c}"),
    ]);
    w.say(text, ids);

    let mut detail = Vec::new();
    let mut ids = Vec::new();
    if let Some(l) = &s.location {
        detail.push(
            w.pick
                .one(&[format!("is felt in \"{l}\""), format!("sits in \"{l}\"")]),
        );
        ids.extend(id(Topic::Location));
    }
    if let Some(c) = &s.character {
        detail.push(
            w.pick
                .one(&[format!("feels {c}"), format!("is described as \"{c}\"")]),
        );
        ids.extend(id(Topic::Character));
    }
    if let Some(r) = &s.radiation {
        detail.push(
            w.pick
                .one(&[format!("goes \"{r}\""), format!("spreads \"{r}\"")]),
        );
        ids.extend(id(Topic::Radiation));
    }
    if let Some(q) = &s.frequency {
        detail.push(w.pick.one(&[format!("happens {q}"), format!("comes {q}")]));
        ids.extend(id(Topic::Frequency));
    }
    if !detail.is_empty() {
        let subject = w.pick.one(&["it".to_string(), format!("the {n}")]);
        w.say(format!("{subject} {}", list(&detail)), ids);
    }
    if let Some(i) = s.intensity {
        let text = w.pick.one(&[
            format!("{they} rates the {n} at {i} out of 10"),
            format!("at its worst the {n} scores {i}/10"),
            format!("the {n} is a {i} on a ten-point scale"),
            format!("{they} scores it {i} out of 10"),
            format!("severity {i}/10"),
        ]);
        w.say(text, id(Topic::Intensity));
    }
    modifiers(s, who, w);
}

fn modifiers(s: &Symptom, who: &Person, w: &mut Writer) {
    let n = s.name.as_str();
    let f = w.facts;
    if !s.aggravating.is_empty() {
        let worse = list(&s.aggravating);
        let text = w.pick.one(&[
            format!("the {n} is made worse by {worse}"),
            format!("{worse} aggravates the {n}"),
            format!("{} finds the {n} worse with {worse}", who.they),
            format!("it is worse with {worse}"),
            format!("aggravated by {worse}"),
        ]);
        w.say(text, f.ids(Topic::Aggravating, n));
    }
    if !s.relieving.is_empty() {
        let better = list(&s.relieving);
        let text = w.pick.one(&[
            format!("{better} eases the {n}"),
            format!("the {n} is relieved by {better}"),
            format!("what helps the {n} is {better}"),
            format!("it is better with {better}"),
            format!("relieved by {better}"),
        ]);
        w.say(text, f.ids(Topic::Relieving, n));
    }
}

fn negatives(case: &Case, who: &Person, w: &mut Writer) {
    if case.pertinent_negatives.is_empty() {
        return;
    }
    let mut names: Vec<String> = case
        .pertinent_negatives
        .iter()
        .map(|n| n.name.clone())
        .collect();
    w.pick.shuffle(&mut names);
    let ids = names
        .iter()
        .flat_map(|n| w.facts.ids(Topic::Symptom, n))
        .collect();
    let none = super::phrasing::either(&names);
    let text = w.pick.one(&[
        format!("{} denies {}", who.they, list(&names)),
        format!("there has been no {none}"),
        format!("{} has not had {none}", who.they),
        format!("pertinent negatives: no {none}"),
        format!("{} has noticed no {none}", who.they),
        format!("asked directly, {} reports no {none}", who.they),
    ]);
    w.say(text, ids);
}
