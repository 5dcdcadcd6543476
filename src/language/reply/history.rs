//! The history in a reply: conditions, operations, medicines with their
//! dose and how often, allergies, vaccinations, relatives' illnesses, and
//! results or a diagnosis the patient says they were told.

use super::{Clause, Context, Out, concept_ids};
use crate::language::claim::Polarity;
use crate::language::concepts::{ConceptKind, Id};
use crate::language::lexicon::Lexicon;
use crate::language::mention::Mention;
use crate::language::quantity;
use crate::language::text::Token;
use crate::memory::{Key, Topic, Value};
use std::ops::Range;

pub(super) fn read(c: &Clause<'_>, cx: &Context<'_>, out: &mut Out) {
    let lx = cx.lexicon;
    let guess = lx.cues.speculation.any(c.tokens());
    let other = c.tokens().iter().any(|t| lx.cues.is_other_person(t));
    let mut relatives = c.kinds(ConceptKind::Relative, lx);
    let mut carried = false;
    // "My sister ... , she had arthritis": the relative goes on through "she", "he", "they".
    let names_illness = c
        .mentions()
        .any(|(_, m)| m.kind == Some(ConceptKind::Condition));
    // "My dad had high blood pressure, and type 2 diabetes too": the list
    // goes on of the relative named before it in the sentence.
    let first_person = c.has(&["i", "i'm", "i've", "me", "my", "myself", "i'd"]);
    let list_goes_on = c
        .tokens()
        .first()
        .is_some_and(|t| matches!(t.norm.as_str(), "and" | "plus" | "also"))
        || c.tokens()
            .iter()
            .rev()
            .find(|t| t.is_word())
            .is_some_and(|t| matches!(t.norm.as_str(), "too" | "also"));
    let same_sentence = out
        .relative
        .is_some_and(|r| c.read.mentions[r].range.start >= c.sentence_start_token());
    if relatives.is_empty()
        && names_illness
        && (c.has(&["she", "he", "they", "her", "his", "their"])
            || list_goes_on && same_sentence && !first_person)
    {
        if let Some(r) = out.relative {
            if let Some(concept) = c.read.mentions[r].sense(ConceptKind::Relative, lx.layer) {
                relatives.push((r, concept));
                carried = true;
            }
        }
    } else if let Some(&(r, _)) = relatives.first() {
        out.relative = Some(r);
    }
    let _ = carried;
    // "My sister had numb hands, she had an operation for it": hers, not
    // the patient's.
    let theirs = relatives.is_empty()
        && out.relative.is_some()
        && c.tokens()
            .first()
            .is_some_and(|t| matches!(t.norm.as_str(), "she" | "he" | "they"));
    if theirs
        && c.mentions()
            .any(|(_, m)| m.kind == Some(ConceptKind::Procedure))
    {
        return;
    }
    // "Allergy to cats" kept in the record as a condition is that condition.
    let recorded_condition = c.mentions().any(|(_, m)| {
        m.kind == Some(ConceptKind::Condition)
            && m.items
                .iter()
                .any(|&i| lx.items[i].key.topic == Topic::Condition)
    });
    // In an answer about allergies, what is named is what the patient reacts to.
    // "I take amlodipine" in an answer about allergies is a medicine taken.
    let taking = c.has(&["take", "takes", "taking", "on", "prescribed"]);
    // "Codeine brought me out in hives", "penicillin made my face swell up".
    let brought_out = c
        .tokens()
        .windows(2)
        .any(|w| w[0].norm == "out" && w[1].norm == "in");
    let medicine_named = c
        .mentions()
        .any(|(_, m)| matches!(m.kind, Some(ConceptKind::Medicine | ConceptKind::DrugClass)));
    let reacted = c.has(&["hives", "swelled", "anaphylaxis", "anaphylactic"])
        || brought_out && medicine_named;
    let allergy_words = c.has(&[
        "allergic",
        "allergy",
        "allergies",
        "reaction",
        "reacts",
        "react",
    ]);
    if !recorded_condition && (out.asked_allergies && !taking || reacted || allergy_words) {
        allergies(c, lx, c.negated(lx) && !c.exception, true, out);
        return;
    }
    let negated = c.negated(lx) && !c.exception;
    let polarity = if negated {
        Polarity::Deny
    } else {
        Polarity::Affirm
    };
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
    let surgery_asked = cx
        .question
        .is_some_and(|q| q.has(super::super::question::Intent::Surgery));
    let mut medicine_here = false;
    for (_, m) in c.mentions() {
        // "Not a blind bit of difference": an idiom, not a condition.
        if c.read
            .tokens
            .get(m.range.end)
            .is_some_and(|t| t.norm == "bit")
        {
            out.use_tokens(m.range.clone());
            continue;
        }
        // "The flu jab", "the shingles one" in talk of vaccinations: the vaccine.
        if out.asked_vaccines
            || c.has(&[
                "jab",
                "jabs",
                "vaccine",
                "vaccines",
                "vaccination",
                "shot",
                "shots",
                "booster",
                "one",
            ])
        {
            if let Some(v) = vaccine_for(m, lx) {
                let as_vaccine = Mention {
                    items: lx.refers(&Mention {
                        concept: Some(v),
                        ..m.clone()
                    }),
                    concept: Some(v),
                    kind: Some(ConceptKind::Vaccine),
                    ..m.clone()
                };
                vaccine(c, &as_vaccine, lx, negated, out);
                continue;
            }
        }
        // "At the surgery" is a place, not an operation.
        let place = m.range.start >= 1
            && matches!(
                c.read.tokens[m.range.start - 1].norm.as_str(),
                "the" | "at" | "to"
            )
            && matches!(c.read.tokens[m.range.start].norm.as_str(), "surgery");
        if place {
            out.use_tokens(m.range.clone());
            continue;
        }
        // "I'm not on any tablets", "never had an operation": the whole section, read below.
        let section_word = m.range.len() == 1
            && SECTION_WORDS
                .iter()
                .any(|(ws, _)| ws.contains(&c.read.tokens[m.range.start].norm.as_str()));
        if negated && section_word && m.kind != Some(ConceptKind::Condition) {
            continue;
        }
        // "With my asthma I wouldn't dare": what is "my" is had, whatever
        // the clause denies after it.
        let mine = m.range.start >= 1 && c.read.tokens[m.range.start - 1].norm == "my";
        let polarity = if mine && !c.negated_before(m.range.start, lx) {
            Polarity::Affirm
        } else {
            polarity
        };
        match m.kind {
            Some(ConceptKind::Condition) => condition(c, m, lx, polarity, guess, out),
            Some(ConceptKind::Procedure) => procedure(c, m, lx, polarity, out),
            Some(ConceptKind::Medicine | ConceptKind::DrugClass) => {
                medicine_here = true;
                medicine(c, m, lx, polarity, out);
            }
            Some(ConceptKind::Vaccine) => vaccine(c, m, lx, negated, out),
            Some(ConceptKind::Test) => told(c, m, lx, out),
            Some(ConceptKind::Site)
                if surgery_asked || c.has(&["out", "removed", "remove", "removal", "whipped"]) =>
            {
                removed_organ(c, m, lx, polarity, out);
            }
            _ => {}
        }
    }
    if !medicine_here {
        if let Some(item) = out.medicine {
            doses(c, lx, item, None, out);
        }
    }
    let procedure_here = c
        .mentions()
        .any(|(_, m)| m.kind == Some(ConceptKind::Procedure));
    let said_before = out
        .surgery_said
        .filter(|&(sentence, _)| sentence == out.sentence)
        .map(|(_, item)| item);
    if let (Some(item), false) = (out.asked_surgery.or(said_before), procedure_here) {
        operated(c, lx, item, out);
    }
    let condition_here = c
        .mentions()
        .any(|(_, m)| m.kind == Some(ConceptKind::Condition));
    if let (Some(item), false, false) = (out.condition, condition_here, out.on_symptom) {
        diagnosed(c, lx, item, out);
    }
    sections(c, lx, negated, out);
    // "The nurse told me it was forty-one", answering a question about that test.
    let tests_here = c.mentions().any(|(_, m)| m.kind == Some(ConceptKind::Test));
    if !tests_here && !out.asked_tests.is_empty() {
        let said = lx.cues.told.any(c.tokens())
            && c.tokens().iter().any(|t| {
                t.number().is_some() || quantity::number_word(&t.norm).is_some_and(|n| n >= 2.0)
            });
        if said && !c.negated(lx) {
            let i = out.asked_tests[0];
            out.claim(
                c,
                lx.items[i].key.clone(),
                Value::text("told"),
                Polarity::Affirm,
                Vec::new(),
                c.range.clone(),
            );
        }
    }
}

/// "My appendix, that was out years ago", "I had my gallbladder removed".
fn removed_organ(c: &Clause<'_>, m: &Mention, lx: &Lexicon, polarity: Polarity, out: &mut Out) {
    let Some(site) = m.sense(ConceptKind::Site, lx.layer) else {
        return;
    };
    let Some(&operation) = lx
        .layer
        .lineage(site)
        .iter()
        .find_map(|s| lx.layer.removals.get(s))
    else {
        return;
    };
    let as_procedure = Mention {
        items: lx.refers(&Mention {
            concept: Some(operation),
            ..m.clone()
        }),
        concept: Some(operation),
        kind: Some(ConceptKind::Procedure),
        ..m.clone()
    };
    procedure(c, &as_procedure, lx, polarity, out);
}

/// The dose and how often of the medicine `item`, said in this clause;
/// `after` is where its name ends, for a bare number ("citalopram twenty").
fn doses(c: &Clause<'_>, lx: &Lexicon, item: usize, after: Option<usize>, out: &mut Out) {
    let subject = lx.items[item].key.subject.clone();
    let clause_text = c.text(&out.reply).to_string();
    let dose = quantity::find_dose(&clause_text);
    if let Some((value, unit, r)) = &dose {
        out.claim(
            c,
            Key::new(Topic::Dose, &subject),
            Value::number(*value, *unit),
            Polarity::Affirm,
            Vec::new(),
            c.tokens_of(r.clone()),
        );
    } else if let Some(k) = after.or_else(|| {
        // A clause that opens with a number, after the name in the one before ("lithium - four hundred").
        c.read
            .tokens
            .get(c.range.start)
            .filter(|t| {
                t.number().is_some() || quantity::number_word(&t.norm).is_some_and(|n| n >= 2.0)
            })
            .map(|_| c.range.start)
    }) {
        // A number right after the name: "citalopram twenty", "lithium - four hundred".
        let mut j = k;
        while c
            .read
            .tokens
            .get(j)
            .is_some_and(|t| t.kind == crate::language::text::Kind::Punct)
            && j < c.range.end
        {
            j += 1;
        }
        if j < c.range.end {
            let rest = c.read.tokens[j].span.start - c.read.tokens[c.range.start].span.start;
            let words: Vec<&str> = clause_text
                .get(rest..)
                .unwrap_or("")
                .split_whitespace()
                .take(3)
                .collect();
            let number = (1..=words.len().min(2))
                .rev()
                .find_map(|n| quantity::number_word(&words[..n].join(" ")));
            let unit_follows = c.read.tokens.get(j + 1).is_some_and(|t| {
                matches!(
                    t.norm.as_str(),
                    "times" | "a" | "day" | "days" | "weeks" | "years" | "months"
                )
            });
            if let (Some(n), false) = (number, unit_follows) {
                if n >= 1.0 {
                    out.claim(
                        c,
                        Key::new(Topic::Dose, &subject),
                        Value::number(n, "mg"),
                        Polarity::Affirm,
                        Vec::new(),
                        j..j + 1,
                    );
                }
            }
        }
    }
    if let Some((per_day, r)) = quantity::doses_per_day(&clause_text) {
        out.claim(
            c,
            Key::new(Topic::DoseFrequency, &subject),
            Value::number(per_day, quantity::dose_unit(&clause_text)),
            Polarity::Affirm,
            Vec::new(),
            c.tokens_of(r),
        );
    }
}

/// The vaccine against a disease named ("the shingles one", "my flu jab").
fn vaccine_for(m: &Mention, lx: &Lexicon) -> Option<Id> {
    if m.kind == Some(ConceptKind::Vaccine) {
        return None;
    }
    let named: Vec<String> = m
        .senses
        .iter()
        .flat_map(|&s| {
            lx.layer
                .get(s)
                .terms
                .iter()
                .map(|t| crate::language::text::stem(&crate::language::text::fold(t)))
        })
        .collect();
    if named.is_empty() || !matches!(m.kind, Some(ConceptKind::Condition | ConceptKind::Symptom)) {
        return None;
    }
    lx.layer
        .of_kind(ConceptKind::Vaccine)
        .iter()
        .copied()
        .find(|&v| {
            lx.layer.get(v).terms.iter().any(|t| {
                let first = t.split_whitespace().next().unwrap_or("");
                named.contains(&crate::language::text::stem(&crate::language::text::fold(
                    first,
                )))
            })
        })
}

/// A condition of the record's history that falls under the same broader
/// condition as the one mention `m` names, when `m` names the diagnosis.
fn kindred_condition(m: &Mention, lx: &Lexicon) -> Option<usize> {
    let named = m.concept?;
    if items_of(m, lx, Topic::Diagnosis).is_empty() {
        return None;
    }
    let parents: Vec<Id> = lx
        .layer
        .get(named)
        .under
        .iter()
        .filter_map(|p| lx.layer.id(p))
        // A kind of illness ("urine infections"), not an organ's problems.
        .filter(|&p| {
            let broad = lx.layer.get(p);
            !broad.under.is_empty() && !broad.id.ends_with("_problems")
        })
        .collect();
    lx.items.iter().position(|item| {
        item.key.topic == Topic::Condition
            && item
                .concepts
                .iter()
                .any(|&ic| ic != named && parents.iter().any(|&p| lx.layer.is_under(ic, p)))
    })
}

fn items_of(m: &Mention, lx: &Lexicon, topic: Topic) -> Vec<usize> {
    m.items
        .iter()
        .copied()
        .filter(|&i| lx.items[i].key.topic == topic)
        .collect()
}

/// When a condition was diagnosed, said in the clause ("diagnosed five years
/// ago", "I've had it nearly thirty years", "since I was a teenager").
fn diagnosed(c: &Clause<'_>, lx: &Lexicon, item: usize, out: &mut Out) {
    let clause_text = c.text(&out.reply).to_string();
    let told = c.has(&[
        "diagnosed",
        "diagnosis",
        "found",
        "picked",
        "told",
        "confirmed",
        "discovered",
        "spotted",
        "started",
    ]);
    let had = c.has(&["had", "having", "since", "with"]);
    let found = quantity::find_durations(&clause_text)
        .into_iter()
        .find(|(_, r)| {
            !clause_text
                .get(r.end..)
                .unwrap_or("")
                .trim_start()
                .starts_with("old")
        })
        .or_else(|| {
            lx.age
                .and_then(|age| crate::language::when::find_by_age(&clause_text, age))
        })
        .or_else(|| crate::language::when::find_days_before(&clause_text, out.date))
        // How long a long-term condition has been had; weeks are how long it has been bad.
        // Or any time at all, when the question asked how long or since when.
        .filter(|(days, _)| {
            use crate::language::question::Intent;
            let asked_when =
                matches!(out.asked, Some(Intent::Duration | Intent::Onset)) || out.asked_diagnosed;
            told || asked_when || had && *days >= 180.0
        });
    if let Some((days, r)) = found {
        let key = Key::new(Topic::Diagnosed, &lx.items[item].key.subject);
        out.claim(
            c,
            key,
            Value::days(days),
            Polarity::Affirm,
            Vec::new(),
            c.tokens_of(r),
        );
    }
}

/// "Ages ago, back in my thirties", to "when was your hysterectomy?": when
/// the operation the question named was done.
fn operated(c: &Clause<'_>, lx: &Lexicon, item: usize, out: &mut Out) {
    let clause_text = c.text(&out.reply).to_string();
    let found = c
        .time_ago(lx, &clause_text)
        .or_else(|| crate::language::when::find_days_before(&clause_text, out.date));
    if let Some((days, r)) = found {
        out.claim(
            c,
            lx.items[item].key.clone(),
            Value::days(days),
            Polarity::Affirm,
            Vec::new(),
            c.tokens_of(r),
        );
        out.asked_surgery = None;
        out.surgery_said = None;
    }
}

fn condition(
    c: &Clause<'_>,
    m: &Mention,
    lx: &Lexicon,
    polarity: Polarity,
    guess: bool,
    out: &mut Out,
) {
    if guess {
        out.use_tokens(m.range.clone());
        return;
    }
    // A name the record holds as a symptom ("bladder infections keep coming back") is read there.
    if m.items
        .iter()
        .any(|&i| lx.items[i].key.topic == Topic::Symptom)
    {
        return;
    }
    // "I squint": a one-word name after "I" is a verb.
    if m.range.len() == 1
        && m.range.start > 0
        && matches!(
            c.read.tokens[m.range.start - 1].norm.as_str(),
            "i" | "we" | "you"
        )
    {
        return;
    }
    let mine = items_of(m, lx, Topic::Condition);
    // "It got worse when I had that chest infection": an episode the story
    // is set by, not an illness the patient lives with.
    let episode = m.range.start >= 2
        && matches!(
            c.read.tokens[m.range.start - 1].norm.as_str(),
            "a" | "an" | "that" | "the" | "this"
        )
        && c.has(&["when", "after", "during", "since", "with"])
        && !c.has(&["diagnosed", "told"]);
    if mine.is_empty() && episode && polarity == Polarity::Affirm {
        out.use_tokens(m.range.clone());
        return;
    }
    if !mine.is_empty() {
        for i in mine {
            out.claim(
                c,
                lx.items[i].key.clone(),
                Value::yes(true),
                polarity,
                Vec::new(),
                m.range.clone(),
            );
            if polarity == Polarity::Affirm {
                out.condition = Some(i);
                diagnosed(c, lx, i, out);
                break;
            }
        }
        return;
    }
    // "I've been getting bladder infections for years", of a record with
    // recurrent urine infections: the illness they have had, named as its kind.
    if let Some(i) = kindred_condition(m, lx).filter(|_| polarity == Polarity::Affirm) {
        out.claim(
            c,
            lx.items[i].key.clone(),
            Value::yes(true),
            polarity,
            Vec::new(),
            m.range.clone(),
        );
        out.condition = Some(i);
        return;
    }
    // The diagnosis the patient may not have been told.
    if let Some(&d) = items_of(m, lx, Topic::Diagnosis).first() {
        if polarity == Polarity::Affirm {
            out.claim(
                c,
                lx.items[d].key.clone(),
                Value::text(&lx.items[d].name),
                Polarity::Affirm,
                Vec::new(),
                m.range.clone(),
            );
        } else {
            out.use_tokens(m.range.clone());
        }
        return;
    }
    out.condition = None;
    if let Some(concept) = m.concept {
        // A condition next to a recorded one (another kind of urine infection) is not a new one.
        let parents = |x: usize| lx.layer.get(x).under.clone();
        let sibling = lx
            .items
            .iter()
            .filter(|i| i.key.topic == Topic::Condition)
            .any(|i| {
                i.concepts
                    .iter()
                    .any(|&ic| parents(ic).iter().any(|p| parents(concept).contains(p)))
            });
        if polarity == Polarity::Affirm && (sibling || lx.elsewhere.contains(&concept)) {
            out.use_tokens(m.range.clone());
            return;
        }
        let key = Key::new(Topic::Condition, lx.layer.name(concept));
        out.claim(
            c,
            key,
            Value::yes(true),
            polarity,
            Vec::new(),
            m.range.clone(),
        );
    }
}

fn procedure(c: &Clause<'_>, m: &Mention, lx: &Lexicon, polarity: Polarity, out: &mut Out) {
    let clause_text = c.text(&out.reply).to_string();
    let sentence_text = out.reply.get(c.sentence.clone()).unwrap_or("").to_string();
    let by_age = lx
        .age
        .and_then(|age| crate::language::when::find_by_age(&sentence_text, age));
    let when = quantity::find_durations(&clause_text)
        .into_iter()
        .next()
        .filter(|_| c.has(&["ago", "back"]));
    let when = when.or(by_age.map(|(d, _)| (d, 0..0)));
    let mine = items_of(m, lx, Topic::Surgery);
    let key = match mine.first() {
        Some(&i) => lx.items[i].key.clone(),
        None => match m.concept {
            Some(concept) => Key::new(Topic::Surgery, lx.layer.name(concept)),
            None => return,
        },
    };
    let value = match (&when, polarity) {
        (Some((days, _)), Polarity::Affirm) => Value::days(*days),
        _ => Value::yes(true),
    };
    out.claim(c, key, value, polarity, Vec::new(), m.range.clone());
    if let Some(ago) = c.find(&["ago", "back"]).filter(|_| when.is_some()) {
        out.use_tokens(m.range.end..ago + 1);
    }
    // Named without a time: a time later in the sentence is its.
    out.surgery_said = match (mine.first(), &when, polarity) {
        (Some(&i), None, Polarity::Affirm) => Some((out.sentence, i)),
        _ => None,
    };
}

fn medicine(c: &Clause<'_>, m: &Mention, lx: &Lexicon, polarity: Polarity, out: &mut Out) {
    // "Painkillers help" is about the symptom, read there.
    if c.has(&[
        "help", "helps", "helped", "helping", "eases", "easing", "touch", "relief", "worse",
        "better",
    ]) {
        return;
    }
    let mine = items_of(m, lx, Topic::Medication);
    if let Some(concept) = m.concept {
        let class = lx.layer.get(concept).kind == ConceptKind::DrugClass;
        let generic = matches!(
            lx.layer.get(concept).id.as_str(),
            "medication" | "taking_medicines" | "medicine" | "prescription"
        );
        // "The drops I got from the pharmacy", "he was on tablets": no medicine named.
        if mine.is_empty() && generic && polarity == Polarity::Affirm {
            return;
        }
        if mine.is_empty() {
            // A medicine the record does not list; a class denied is a denial of it.
            let key = Key::new(Topic::Medication, lx.layer.name(concept));
            // Painkillers now and then, or something from the chemist, are no regular medicine.
            let regular = c.has(&["every", "daily", "regularly", "regular", "each", "always"]);
            let occasional = !regular
                && lx.layer.lineage(concept).iter().any(|&u| {
                    matches!(
                        lx.layer.get(u).id.as_str(),
                        "painkiller" | "over_the_counter"
                    )
                });
            let on_it = (m.range.start.saturating_sub(3)..m.range.start)
                .any(|k| c.read.tokens[k].norm == "on");
            let taking = on_it
                || c.has(&[
                    "take",
                    "taking",
                    "took",
                    "taken",
                    "takes",
                    "prescribed",
                    "using",
                    "use",
                    "started",
                    "given",
                    "put",
                ])
                || out.asked == Some(crate::language::question::Intent::Medications);
            // "I had antibiotics for it back then", "a course last year": over and done.
            let finished = c.has(&["had", "took", "was", "were", "given"])
                && c.has(&[
                    "back",
                    "ago",
                    "once",
                    "course",
                    "last",
                    "finished",
                    "previously",
                ]);
            let taking = taking && !finished;
            if class && polarity == Polarity::Deny {
                out.claim(
                    c,
                    key,
                    Value::yes(true),
                    Polarity::Deny,
                    Vec::new(),
                    m.range.clone(),
                );
            } else if polarity == Polarity::Deny || taking && !occasional {
                out.claim(
                    c,
                    key,
                    Value::yes(true),
                    polarity,
                    Vec::new(),
                    m.range.clone(),
                );
            } else {
                out.use_tokens(m.range.clone());
            }
            return;
        }
    }
    // "I was on it for a while, but I stopped it last year", "I came off
    // them": not taken now.
    let stopped = |toks: &[Token]| {
        toks.windows(2).any(|w| {
            matches!(
                (w[0].norm.as_str(), w[1].norm.as_str()),
                (
                    "stopped" | "quit",
                    "it" | "them" | "taking" | "that" | "those"
                ) | ("came" | "come" | "coming", "off")
                    | ("no", "longer")
            )
        })
    };
    let polarity = if polarity == Polarity::Affirm
        && (stopped(c.tokens()) || c.has(&["was", "were", "used"]) && stopped(c.sentence_tokens()))
    {
        Polarity::Deny
    } else {
        polarity
    };
    for &i in &mine {
        let key = lx.items[i].key.clone();
        out.claim(
            c,
            key.clone(),
            Value::yes(true),
            polarity,
            Vec::new(),
            m.range.clone(),
        );
        if polarity == Polarity::Deny {
            continue;
        }
        out.medicine = Some(i);
        if mine.len() == 1 {
            doses(c, lx, i, Some(m.range.end), out);
        }
        break;
    }
}

fn vaccine(c: &Clause<'_>, m: &Mention, lx: &Lexicon, negated: bool, out: &mut Out) {
    // "I can't remember when I last had a tetanus jab": nothing said of it.
    if lx.cues.unsure.any(c.tokens()) {
        return;
    }
    let status = if c.has(&[
        "overdue", "due", "behind", "lapsed", "missed", "slide", "slip",
    ]) && !negated
    {
        "overdue"
    } else if negated && (c.has(&["never"]) || !c.has(&["date", "due"])) {
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
                out.claim(
                    c,
                    lx.items[i].key.clone(),
                    Value::choice(status),
                    Polarity::Affirm,
                    Vec::new(),
                    m.range.clone(),
                );
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
    out.claim(
        c,
        key.clone(),
        Value::choice(status),
        Polarity::Affirm,
        Vec::new(),
        m.range.clone(),
    );
    // When the last one was: "back in August", "ten years ago or so".
    if status != "never" {
        // The time said after this vaccine and before the next one named.
        let next = c
            .mentions()
            // "the flu one in the spring and the shingles one": the next
            // vaccine may be named by its illness.
            .filter(|(_, o)| {
                matches!(
                    o.kind,
                    Some(ConceptKind::Vaccine | ConceptKind::Condition | ConceptKind::Symptom)
                )
            })
            .map(|(_, o)| o.range.start)
            .filter(|&s| s > m.range.start)
            .min()
            .unwrap_or(c.range.end);
        let from = c.read.tokens[m.range.start].span.start;
        let to = c
            .read
            .tokens
            .get(next)
            .map_or(c.sentence.end, |t| t.span.start)
            .max(from);
        last_dose(c, &key.subject, from..to, out);
    }
}

/// When a vaccine was last had, said in `bytes` of the reply: "back in
/// August", "ten years ago or so".
fn last_dose(c: &Clause<'_>, vaccine: &str, bytes: Range<usize>, out: &mut Out) {
    let piece = out.reply.get(bytes.clone()).unwrap_or("").to_string();
    let offset = bytes.start - c.read.tokens[c.range.start].span.start;
    let when = quantity::find_durations(&piece)
        .into_iter()
        .next()
        .filter(|_| piece.contains("ago") || piece.contains("back") || piece.contains("last"))
        .or_else(|| crate::language::when::find_days_before(&piece, out.date))
        .map(|(d, r)| (d, r.start + offset..r.end + offset));
    if let Some((days, r)) = when {
        out.claim(
            c,
            Key::new(Topic::LastDose, vaccine),
            Value::days(days),
            Polarity::Affirm,
            Vec::new(),
            c.tokens_of(r),
        );
    }
}

/// "Have you had the flu jab this winter?" — "Had it back in October": a
/// time said naming no vaccine is of the one vaccine the question named.
pub(super) fn asked_vaccine(c: &Clause<'_>, cx: &Context<'_>, out: &mut Out) {
    let lx = cx.lexicon;
    let names_other = c.mentions().any(|(_, m)| {
        matches!(
            m.kind,
            Some(
                ConceptKind::Vaccine
                    | ConceptKind::Condition
                    | ConceptKind::Procedure
                    | ConceptKind::Medicine
                    | ConceptKind::DrugClass
                    | ConceptKind::Relative
            )
        )
    });
    if !out.asked_vaccines || names_other || c.negated(lx) || lx.cues.unsure.any(c.tokens()) {
        return;
    }
    let asked = cx
        .question
        .map(|q| q.items(Topic::Vaccination, lx))
        .unwrap_or_default();
    let [i] = asked.as_slice() else { return };
    let subject = lx.items[*i].key.subject.clone();
    let tokens = &c.read.tokens;
    let bytes = tokens[c.range.start].span.start..tokens[c.range.end - 1].span.end;
    last_dose(c, &subject, bytes, out);
}

/// "My dad has diabetes", "nobody in my family has had cancer", "my father
/// never had any pancreas problems".
fn family(
    c: &Clause<'_>,
    lx: &Lexicon,
    relatives: &[(usize, Id)],
    polarity: Polarity,
    out: &mut Out,
) {
    let conditions: Vec<&Mention> = c
        .mentions()
        .map(|(_, m)| m)
        .filter(|m| matches!(m.kind, Some(ConceptKind::Condition | ConceptKind::Symptom)))
        .collect();
    // "My mum had it": the illness the question named (when this clause names a relative itself).
    let own_relative = relatives.iter().any(|&(i, _)| c.mentions.contains(&i));
    let asked: Vec<Mention> = if conditions.is_empty() && own_relative {
        out.asked_conditions.clone()
    } else {
        Vec::new()
    };
    let conditions: Vec<&Mention> = conditions.into_iter().chain(asked.iter()).collect();
    for m in conditions {
        // Each illness goes with the relative named nearest before it ("my mum had X and my dad had Y").
        let (rel_mention, relative) = relatives
            .iter()
            .copied()
            .filter(|&(i, _)| c.read.mentions[i].range.start <= m.range.start)
            .max_by_key(|&(i, _)| c.read.mentions[i].range.start)
            .unwrap_or(relatives[0]);
        let whole_family = lx.layer.get(relative).id == "family";
        let items = items_of(m, lx, Topic::Family);
        let name = relative_name(lx, relative);
        let value = if whole_family {
            Value::choice("family")
        } else {
            Value::choice(&name)
        };
        let mut ids = concept_ids(lx, &[c.mention(rel_mention)]);
        ids.retain(|i| !i.starts_with("side:"));
        match items.first() {
            Some(&i) => out.claim(
                c,
                lx.items[i].key.clone(),
                value,
                polarity,
                ids,
                m.range.clone(),
            ),
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
        "mother",
        "father",
        "sister",
        "brother",
        "grandmother",
        "grandfather",
        "aunt",
        "uncle",
        "daughter",
        "son",
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
fn allergies(c: &Clause<'_>, lx: &Lexicon, negated: bool, _asked: bool, out: &mut Out) {
    let at = c
        .find(&[
            "allergic",
            "allergy",
            "allergies",
            "allergics",
            "intolerant",
            "intolerance",
            "react",
            "reaction",
            "reactions",
        ])
        .or_else(|| c.mentions().next().map(|(_, m)| m.range.start))
        .unwrap_or(c.range.start);
    let mut owned: Vec<Mention> = Vec::new();
    // "Allergic to penicillin" names the allergy as one condition: what it is to is inside it.
    for (_, m) in c.mentions() {
        let allergy = m.kind == Some(ConceptKind::Condition)
            && m.concept
                .is_some_and(|x| lx.layer.get(x).id.contains("allerg"));
        if allergy {
            // Past "allergic to", "allergy to", "intolerant of".
            let mut r = m.range.clone();
            while r.len() > 1
                && matches!(
                    c.read.tokens[r.start].norm.as_str(),
                    "allergic" | "allergy" | "allergies" | "to" | "intolerant" | "of" | "an"
                )
            {
                r.start += 1;
            }
            while r.len() > 1
                && matches!(
                    c.read.tokens[r.end - 1].norm.as_str(),
                    "allergy" | "allergies" | "intolerance"
                )
            {
                r.end -= 1;
            }
            for mut inner in
                lx.mentions_in(&c.read.tokens[r.clone()], &c.read.reads[r.clone()], true)
            {
                inner.range = inner.range.start + r.start..inner.range.end + r.start;
                owned.push(inner);
            }
        }
    }
    let things: Vec<&Mention> = c
        .mentions()
        .map(|(_, m)| m)
        .chain(owned.iter())
        .filter(|m| {
            matches!(
                m.kind,
                Some(ConceptKind::Substance | ConceptKind::Medicine | ConceptKind::DrugClass)
            )
        })
        .collect();
    // The medicine reader took these as medicines taken: an allergy instead.
    out.claims.retain(|cl| {
        !(cl.span == c.sentence
            && cl.key.topic == Topic::Medication
            && things.iter().any(|m| {
                lx.item_of(&cl.key).is_some_and(|i| m.items.contains(&i))
                    || m.concept
                        .is_some_and(|x| lx.layer.name(x) == cl.key.subject)
            }))
    });
    if things.is_empty() {
        let said_allergy = c.has(&["allergic", "allergy", "allergies", "allergics", "reactions"]);
        let besides = c.has(&["other", "else", "more", "further"]);
        if negated
            && !c.exception
            && !besides
            && (said_allergy || c.has(&["no", "none", "nothing"]))
        {
            out.claim(
                c,
                Key::of(Topic::Allergy),
                Value::yes(true),
                Polarity::Deny,
                Vec::new(),
                at..at + 1,
            );
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
        let polarity = if negated {
            Polarity::Deny
        } else {
            Polarity::Affirm
        };
        if polarity == Polarity::Affirm {
            out.allergy = Some((key.clone(), out.sentence));
        }
        out.claim(
            c,
            key,
            Value::yes(true),
            polarity,
            Vec::new(),
            m.range.start.min(at)..m.range.end.max(at + 1),
        );
    }
}

/// What an allergy did, said in its sentence or the next ("Penicillin, yes.
/// The last time my throat swelled right up"): the kinds of reaction named.
pub(super) fn reaction(c: &Clause<'_>, lx: &Lexicon, out: &mut Out) {
    let Some((key, said_in)) = out.allergy.clone() else {
        return;
    };
    if out.sentence > said_in + 1 || c.negated(lx) {
        return;
    }
    let found = lx.cues.reactions.find(c.tokens());
    let Some(first) = found.first().map(|(_, r)| r.start) else {
        return;
    };
    let last = found.iter().map(|(_, r)| r.end).max().unwrap_or(first + 1);
    let mut kinds: Vec<&str> = found.iter().map(|(kind, _)| *kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let start = c.range.start;
    out.claim(
        c,
        key,
        Value::text(kinds.join(", ")),
        Polarity::Affirm,
        Vec::new(),
        start + first..start + last,
    );
}

/// The words that name a whole section of the history.
const SECTION_WORDS: &[(&[&str], Topic)] = &[
    (
        &[
            "operation",
            "operations",
            "surgery",
            "surgeries",
            "op",
            "ops",
        ],
        Topic::Surgery,
    ),
    (
        &[
            "medication",
            "medications",
            "medicine",
            "medicines",
            "tablets",
            "pills",
            "meds",
            "prescription",
            "prescriptions",
        ],
        Topic::Medication,
    ),
    (
        &["conditions", "illnesses", "problems", "diseases"],
        Topic::Condition,
    ),
];

/// A whole section denied: "no operations", "I'm not on any tablets",
/// "no medical problems", "nothing runs in the family".
fn sections(c: &Clause<'_>, lx: &Lexicon, negated: bool, out: &mut Out) {
    // "No other allergies": besides those already said; "no tablets apart
    // from ...": not the whole section.
    let except_later = !lx.cues.exceptions.find(c.sentence_tokens()).is_empty();
    if !negated || c.exception || except_later || c.has(&["other", "else", "more", "further"]) {
        return;
    }
    let words = SECTION_WORDS;
    for (ws, topic) in words {
        // "I've never been diagnosed with anything."
        let anything =
            *topic == Topic::Condition && c.has(&["diagnosed"]) && c.has(&["anything", "nothing"]);
        let found = c
            .find(ws)
            .or(anything.then(|| c.find(&["diagnosed"])).flatten());
        if let Some(k) = found {
            if *topic == Topic::Condition
                && !anything
                && !c.has(&["medical", "health", "long-term", "other", "chronic"])
            {
                continue;
            }
            let already = out
                .claims
                .iter()
                .any(|cl| cl.span == c.sentence && cl.key.topic == *topic);
            if !already {
                out.claim(
                    c,
                    Key::of(*topic),
                    Value::yes(true),
                    Polarity::Deny,
                    Vec::new(),
                    k..k + 1,
                );
            }
        }
    }
    if c.has(&["runs", "run"]) && c.has(&["family"]) {
        let k = c.find(&["runs", "run"]).unwrap_or(c.range.start);
        out.claim(
            c,
            Key::of(Topic::Family),
            Value::yes(true),
            Polarity::Deny,
            Vec::new(),
            k..k + 1,
        );
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
        .find(|&i| {
            matches!(
                lx.items[i].key.topic,
                Topic::Lab | Topic::Study | Topic::Imaging
            )
        })
        .map(|i| lx.items[i].key.clone());
    if let Some(key) = key {
        out.claim(
            c,
            key,
            Value::text("told"),
            Polarity::Affirm,
            Vec::new(),
            m.range.clone(),
        );
    }
}
