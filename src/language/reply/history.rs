//! The history in a reply: conditions, operations, medicines with their
//! dose and how often, allergies, vaccinations, relatives' illnesses, and
//! results or a diagnosis the patient says they were told.

use super::symptom::not_the_patients;
use super::{Clause, Context, Out, concept_ids};
use crate::language::claim::Polarity;
use crate::language::concepts::{ConceptKind, Id};
use crate::language::lexicon::Lexicon;
use crate::language::mention::Mention;
use crate::language::quantity;
use crate::memory::{Key, Topic, Value};

pub(super) fn read(c: &Clause<'_>, cx: &Context<'_>, out: &mut Out) {
    let lx = cx.lexicon;
    let guess = lx.cues.speculation.any(c.tokens());
    let other = c.tokens().iter().any(|t| lx.cues.is_other_person(t));
    let relatives = c.kinds(ConceptKind::Relative, lx);
    let negated = c.negated(lx) && !c.exception;
    let polarity = if negated { Polarity::Deny } else { Polarity::Affirm };
    if other && relatives.is_empty() {
        for (_, m) in c.mentions() {
            if m.kind == Some(ConceptKind::Condition) {
                out.use_tokens(m.range.clone());
            }
        }
        return;
    }
    if !relatives.is_empty() {
        family(c, lx, &relatives, polarity, out);
        return;
    }
    for (_, m) in c.mentions() {
        match m.kind {
            Some(ConceptKind::Condition) => condition(c, m, lx, polarity, guess, out),
            Some(ConceptKind::Procedure) => procedure(c, m, lx, polarity, out),
            Some(ConceptKind::Medicine | ConceptKind::DrugClass) => medicine(c, m, lx, polarity, out),
            Some(ConceptKind::Vaccine) => vaccine(c, m, lx, negated, out),
            Some(ConceptKind::Test) => told(c, m, lx, out),
            _ => {}
        }
    }
    allergies(c, lx, negated, out);
    sections(c, lx, negated, out);
}

fn items_of(m: &Mention, lx: &Lexicon, topic: Topic) -> Vec<usize> {
    m.items.iter().copied().filter(|&i| lx.items[i].key.topic == topic).collect()
}

fn condition(c: &Clause<'_>, m: &Mention, lx: &Lexicon, polarity: Polarity, guess: bool, out: &mut Out) {
    if guess {
        out.use_tokens(m.range.clone());
        return;
    }
    let mine = items_of(m, lx, Topic::Condition);
    if !mine.is_empty() {
        for i in mine {
            out.claim(c, lx.items[i].key.clone(), Value::yes(true), polarity, Vec::new(), m.range.clone());
            if polarity == Polarity::Affirm {
                break;
            }
        }
        return;
    }
    // The diagnosis the patient may not have been told.
    if let Some(&d) = items_of(m, lx, Topic::Diagnosis).first() {
        if polarity == Polarity::Affirm {
            out.claim(c, lx.items[d].key.clone(), Value::text(&lx.items[d].name), Polarity::Affirm, Vec::new(), m.range.clone());
        } else {
            out.use_tokens(m.range.clone());
        }
        return;
    }
    if let Some(concept) = m.concept {
        let key = Key::new(Topic::Condition, lx.layer.name(concept));
        out.claim(c, key, Value::yes(true), polarity, Vec::new(), m.range.clone());
    }
}

fn procedure(c: &Clause<'_>, m: &Mention, lx: &Lexicon, polarity: Polarity, out: &mut Out) {
    let clause_text = c.text(&out.reply).to_string();
    let when = quantity::find_durations(&clause_text).into_iter().next();
    let mine = items_of(m, lx, Topic::Surgery);
    let key = match mine.first() {
        Some(&i) => lx.items[i].key.clone(),
        None => match m.concept {
            Some(concept) => Key::new(Topic::Surgery, lx.layer.name(concept)),
            None => return,
        },
    };
    let value = match (&when, polarity) {
        (Some((days, _)), Polarity::Affirm) if c.has(&["ago"]) => Value::days(*days),
        _ => Value::yes(true),
    };
    out.claim(c, key, value, polarity, Vec::new(), m.range.clone());
    if when.is_some() && c.has(&["ago"]) {
        let ago = c.find(&["ago"]).unwrap_or(m.range.end);
        out.use_tokens(m.range.end..ago + 1);
    }
}

fn medicine(c: &Clause<'_>, m: &Mention, lx: &Lexicon, polarity: Polarity, out: &mut Out) {
    // "Painkillers help" is about the symptom, read there.
    if c.has(&["help", "helps", "helped", "helping", "eases", "easing", "touch", "relief", "worse", "better"]) {
        return;
    }
    let mine = items_of(m, lx, Topic::Medication);
    if let Some(concept) = m.concept {
        let class = lx.layer.get(concept).kind == ConceptKind::DrugClass;
        if mine.is_empty() {
            // A medicine the record does not list; a class denied is a denial of it.
            let key = Key::new(Topic::Medication, lx.layer.name(concept));
            if class && polarity == Polarity::Deny {
                out.claim(c, key, Value::yes(true), Polarity::Deny, Vec::new(), m.range.clone());
            } else if !class || polarity == Polarity::Affirm {
                out.claim(c, key, Value::yes(true), polarity, Vec::new(), m.range.clone());
            }
            return;
        }
    }
    for &i in &mine {
        let key = lx.items[i].key.clone();
        out.claim(c, key.clone(), Value::yes(true), polarity, Vec::new(), m.range.clone());
        if polarity == Polarity::Deny {
            continue;
        }
        let clause_text = c.text(&out.reply).to_string();
        let start = c.read.tokens[c.range.start].span.start;
        let to_tokens = |r: std::ops::Range<usize>| {
            let (a, b) = (r.start + start, r.end + start);
            let first = c.range.clone().find(|&k| c.read.tokens[k].span.end > a).unwrap_or(c.range.start);
            let last = c.range.clone().rev().find(|&k| c.read.tokens[k].span.start < b).map_or(first + 1, |k| k + 1);
            first..last.max(first + 1)
        };
        if let Some((dose, unit, r)) = quantity::find_dose(&clause_text) {
            out.claim(c, Key::new(Topic::Dose, &key.subject), Value::number(dose, unit), Polarity::Affirm, Vec::new(), to_tokens(r));
        }
        if let Some((per_day, r)) = quantity::doses_per_day(&clause_text) {
            out.claim(c, Key::new(Topic::DoseFrequency, &key.subject), Value::number(per_day, "/day"), Polarity::Affirm, Vec::new(), to_tokens(r));
        }
        if mine.len() > 1 {
            break;
        }
    }
}

fn vaccine(c: &Clause<'_>, m: &Mention, lx: &Lexicon, negated: bool, out: &mut Out) {
    let status = if c.has(&["overdue", "due", "behind", "lapsed", "missed"]) && !negated {
        "overdue"
    } else if negated && c.has(&["never"]) || negated && !c.has(&["date", "due"]) {
        "never"
    } else if negated {
        "overdue"
    } else {
        "up_to_date"
    };
    let mine = items_of(m, lx, Topic::Vaccination);
    let general = m.concept.is_some_and(|v| lx.layer.get(v).under.is_empty());
    if mine.is_empty() && general {
        // "all my jabs are up to date": every vaccine of the record.
        for (i, item) in lx.items.iter().enumerate() {
            if item.key.topic == Topic::Vaccination {
                out.claim(c, lx.items[i].key.clone(), Value::choice(status), Polarity::Affirm, Vec::new(), m.range.clone());
            }
        }
        return;
    }
    let key = match mine.first() {
        Some(&i) => lx.items[i].key.clone(),
        None => match m.concept {
            Some(v) => Key::new(Topic::Vaccination, lx.layer.name(v)),
            None => return,
        },
    };
    out.claim(c, key, Value::choice(status), Polarity::Affirm, Vec::new(), m.range.clone());
}

/// "My dad has diabetes", "nobody in my family has had cancer", "my father
/// never had any pancreas problems".
fn family(c: &Clause<'_>, lx: &Lexicon, relatives: &[(usize, Id)], polarity: Polarity, out: &mut Out) {
    let conditions: Vec<&Mention> = c
        .mentions()
        .map(|(_, m)| m)
        .filter(|m| matches!(m.kind, Some(ConceptKind::Condition | ConceptKind::Symptom)))
        .collect();
    let (rel_mention, relative) = relatives[0];
    let whole_family = lx.layer.get(relative).id == "family";
    for m in conditions {
        let items = items_of(m, lx, Topic::Family);
        let name = relative_name(lx, relative);
        let value = if whole_family { Value::choice("family") } else { Value::choice(&name) };
        let mut ids = concept_ids(lx, &[c.mention(rel_mention)]);
        ids.retain(|i| !i.starts_with("side:"));
        match items.first() {
            Some(&i) => out.claim(c, lx.items[i].key.clone(), value, polarity, ids, m.range.clone()),
            None => {
                let Some(concept) = m.concept else { continue };
                // A relative's symptom ("my mum had chest pain") is no history item.
                if m.kind == Some(ConceptKind::Symptom) {
                    out.use_tokens(m.range.clone());
                    continue;
                }
                let key = Key::new(Topic::Family, lx.layer.name(concept));
                out.claim(c, key, value, polarity, ids, m.range.clone());
            }
        }
        out.use_tokens(c.mention(rel_mention).range.clone());
    }
}

/// The record's word for a relative concept ("mother" for mum, mom).
fn relative_name(lx: &Lexicon, relative: Id) -> String {
    const RECORD: &[&str] = &[
        "mother", "father", "sister", "brother", "grandmother", "grandfather", "aunt", "uncle", "daughter", "son",
    ];
    lx.layer
        .lineage(relative)
        .iter()
        .map(|&r| lx.layer.get(r).id.as_str())
        .find(|id| RECORD.contains(id))
        .unwrap_or(lx.layer.get(relative).id.as_str())
        .to_string()
}

/// "I'm allergic to penicillin", "no allergies", "penicillin gives me hives".
fn allergies(c: &Clause<'_>, lx: &Lexicon, negated: bool, out: &mut Out) {
    let Some(at) = c.find(&["allergic", "allergy", "allergies", "allergics", "intolerant", "intolerance", "react", "reaction", "reactions"]) else {
        return;
    };
    let things: Vec<&Mention> = c
        .mentions()
        .map(|(_, m)| m)
        .filter(|m| matches!(m.kind, Some(ConceptKind::Substance | ConceptKind::Medicine | ConceptKind::DrugClass)))
        .collect();
    // The medicine reader took these as medicines taken: an allergy instead.
    out.claims.retain(|cl| !(cl.span == c.sentence && cl.key.topic == Topic::Medication && things.iter().any(|m| lx.item_of(&cl.key).is_some_and(|i| m.items.contains(&i)) || m.concept.is_some_and(|x| lx.layer.name(x) == cl.key.subject))));
    if things.is_empty() {
        if negated && !c.exception {
            out.claim(c, Key::of(Topic::Allergy), Value::yes(true), Polarity::Deny, Vec::new(), at..at + 1);
        }
        return;
    }
    for m in things {
        let mine = items_of(m, lx, Topic::Allergy);
        let key = match mine.first() {
            Some(&i) => lx.items[i].key.clone(),
            None => match m.concept {
                Some(s) => Key::new(Topic::Allergy, lx.layer.name(s)),
                None => continue,
            },
        };
        let polarity = if negated { Polarity::Deny } else { Polarity::Affirm };
        out.claim(c, key, Value::yes(true), polarity, Vec::new(), m.range.start.min(at)..m.range.end.max(at + 1));
    }
}

/// A whole section denied: "no operations", "I'm not on any tablets",
/// "no medical problems", "nothing runs in the family".
fn sections(c: &Clause<'_>, lx: &Lexicon, negated: bool, out: &mut Out) {
    if !negated || c.exception {
        return;
    }
    let words: &[(&[&str], Topic)] = &[
        (&["operation", "operations", "surgery", "surgeries", "op", "ops"], Topic::Surgery),
        (&["medication", "medications", "medicine", "medicines", "tablets", "pills", "meds", "prescription", "prescriptions"], Topic::Medication),
        (&["conditions", "illnesses", "problems", "diseases"], Topic::Condition),
    ];
    for (ws, topic) in words {
        if let Some(k) = c.find(ws) {
            if *topic == Topic::Condition && !c.has(&["medical", "health", "long-term", "other", "chronic"]) {
                continue;
            }
            let already = out.claims.iter().any(|cl| cl.span == c.sentence && cl.key.topic == *topic);
            if !already {
                out.claim(c, Key::of(*topic), Value::yes(true), Polarity::Deny, Vec::new(), k..k + 1);
            }
        }
    }
    if c.has(&["runs", "run"]) && c.has(&["family"]) {
        let k = c.find(&["runs", "run"]).unwrap_or(c.range.start);
        out.claim(c, Key::of(Topic::Family), Value::yes(true), Polarity::Deny, Vec::new(), k..k + 1);
    }
}

/// A result named as known: "my sugar was 15", "the scan showed a stone",
/// "my calcium came back high".
fn told(c: &Clause<'_>, m: &Mention, lx: &Lexicon, out: &mut Out) {
    let said = lx.cues.told.any(c.tokens()) || c.tokens().iter().any(|t| t.number().is_some());
    let unknown_to_them = c.has(&["nobody", "haven't", "not", "no", "don't", "waiting", "yet"]);
    if !said || unknown_to_them {
        out.use_tokens(m.range.clone());
        return;
    }
    let key = m
        .items
        .iter()
        .copied()
        .find(|&i| matches!(lx.items[i].key.topic, Topic::Lab | Topic::Study | Topic::Imaging))
        .map(|i| lx.items[i].key.clone());
    if let Some(key) = key {
        out.claim(c, key, Value::text("told"), Polarity::Affirm, Vec::new(), m.range.clone());
    }
}
