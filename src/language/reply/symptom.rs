//! Symptoms in a reply: whether the patient has them, and what they say of
//! one (when it began, how long, how it came on, its course, where it is,
//! where it goes, what it feels like, how bad, how often, what sets it off
//! and what makes it worse or better).

use super::{Clause, Context, Out, concept_ids};
use crate::language::claim::Polarity;
use crate::language::concepts::ConceptKind;
use crate::language::lexicon::Lexicon;
use crate::language::mention::Mention;
use crate::language::{quantity, when};
use crate::memory::{Key, Topic, Value};
use std::ops::Range;

/// Whether the clause is about someone else or a guess, so that what it
/// names is not the patient's ("my mum had chest pain", "I'm worried it's
/// my heart").
pub(super) fn not_the_patients(c: &Clause<'_>, lx: &Lexicon) -> bool {
    let relative = !c.kinds(ConceptKind::Relative, lx).is_empty();
    let other = c.tokens().iter().any(|t| lx.cues.is_other_person(t));
    relative || other || lx.cues.speculation.any(c.tokens())
}

pub(super) fn read(c: &Clause<'_>, cx: &Context<'_>, out: &mut Out, subject: &mut Option<usize>) {
    let lx = cx.lexicon;
    let elsewhere = not_the_patients(c, lx);
    let mut named_here = None;
    for (_, m) in c.mentions() {
        if m.kind != Some(ConceptKind::Symptom) && m.items.iter().all(|&i| lx.items[i].key.topic != Topic::Symptom) {
            continue;
        }
        if elsewhere {
            out.use_tokens(m.range.clone());
            continue;
        }
        if let Some(item) = presence(c, m, lx, out) {
            named_here.get_or_insert(item);
        }
    }
    fine(c, lx, out);
    if let Some(i) = named_here {
        *subject = Some(i);
    }
    if elsewhere {
        return;
    }
    if let Some(s) = *subject {
        if lx.items[s].key.topic == Topic::Symptom && lx.items[s].present {
            details(c, cx, s, out);
        }
    }
}

/// A claim that the patient has (or has not) what a mention names; returns
/// the present item it named, the new subject of "it".
fn presence(c: &Clause<'_>, m: &Mention, lx: &Lexicon, out: &mut Out) -> Option<usize> {
    let denied = c.negated_before(m.range.start, lx) && !c.exception;
    let items: Vec<usize> = m
        .items
        .iter()
        .copied()
        .filter(|&i| lx.items[i].key.topic == Topic::Symptom)
        .collect();
    let present: Vec<usize> = items.iter().copied().filter(|&i| lx.items[i].present).collect();
    let key_of = |i: usize| lx.items[i].key.clone();
    if denied {
        // "no pain at all" denies every pain the record holds.
        for &i in &items {
            out.claim(c, key_of(i), Value::yes(true), Polarity::Deny, Vec::new(), m.range.clone());
        }
        if items.is_empty() {
            if let Some(concept) = m.concept {
                let key = Key::new(Topic::Symptom, lx.layer.name(concept));
                out.claim(c, key, Value::yes(true), Polarity::Deny, Vec::new(), m.range.clone());
            }
        }
        return None;
    }
    if let Some(&i) = present.first() {
        out.claim(c, key_of(i), Value::yes(true), Polarity::Affirm, Vec::new(), m.range.clone());
        if m.site.is_some() || m.side.is_some() {
            location(c, i, &[m], lx, out, m.range.clone());
        }
        return Some(i);
    }
    // Only recorded negatives: naming one of them (or something under it) is
    // having it; a broader word ("pain" against "chest pain") is not.
    let narrow = items.iter().copied().find(|&i| {
        let item = &lx.items[i];
        m.concept.is_some_and(|mc| item.concepts.iter().any(|&ic| lx.layer.is_under(mc, ic)))
            || m.items.len() == 1
    });
    match narrow {
        Some(i) => out.claim(c, key_of(i), Value::yes(true), Polarity::Affirm, Vec::new(), m.range.clone()),
        None => {
            if let Some(concept) = m.concept {
                let key = Key::new(Topic::Symptom, lx.layer.name(concept));
                out.claim(c, key, Value::yes(true), Polarity::Affirm, Vec::new(), m.range.clone());
            }
        }
    }
    None
}

/// "Sleeping fine", "my waterworks are normal": a broad area said to be
/// well denies every recorded symptom under it.
fn fine(c: &Clause<'_>, lx: &Lexicon, out: &mut Out) {
    let Some((_, cue)) = lx.cues.fine.first(c.tokens()) else {
        return;
    };
    let cue = cue.start + c.range.start..cue.end + c.range.start;
    if c.negated_before(cue.start, lx) {
        return;
    }
    for (_, m) in c.mentions() {
        let Some(area) = m.concept.filter(|_| m.kind == Some(ConceptKind::Symptom)) else {
            continue;
        };
        let under: Vec<usize> = lx
            .under(area)
            .filter(|&i| lx.items[i].present && lx.items[i].key.topic == Topic::Symptom)
            .collect();
        if under.is_empty() {
            continue;
        }
        // A named broad area with "fine" claims the area is well: the claims
        // above (an affirmed symptom) are taken back for it.
        out.claims.retain(|cl| !(cl.span == c.sentence && cl.polarity == Polarity::Affirm && lx.item_of(&cl.key).is_some_and(|i| under.contains(&i))));
        for i in under {
            out.claim(c, lx.items[i].key.clone(), Value::yes(true), Polarity::Deny, Vec::new(), m.range.start.min(cue.start)..m.range.end.max(cue.end));
        }
    }
}

fn key(lx: &Lexicon, item: usize, topic: Topic) -> Key {
    Key::new(topic, &lx.items[item].key.subject)
}

/// Where a symptom is: the sites named with it (not where it goes).
fn location(c: &Clause<'_>, item: usize, sites: &[&Mention], lx: &Lexicon, out: &mut Out, used: Range<usize>) {
    let ids = concept_ids(lx, sites);
    if ids.is_empty() {
        return;
    }
    let text = sites
        .iter()
        .map(|m| crate::language::text::slice(&out.reply, &c.read.tokens, m.range.clone()).to_string())
        .collect::<Vec<_>>()
        .join(", ");
    out.claim(c, key(lx, item, Topic::Location), Value::text(text), Polarity::Affirm, ids, used);
}

/// What the clause says of the symptom `item`.
fn details(c: &Clause<'_>, cx: &Context<'_>, item: usize, out: &mut Out) {
    let lx = cx.lexicon;
    let tokens = c.tokens();
    let offset = c.range.start;
    let clause_text = c.text(&out.reply).to_string();
    let clause_start = c.read.tokens[c.range.start].span.start;
    let to_tokens = |bytes: Range<usize>| -> Range<usize> {
        let (a, b) = (bytes.start + clause_start, bytes.end + clause_start);
        let first = c.range.clone().find(|&k| c.read.tokens[k].span.end > a).unwrap_or(c.range.start);
        let last = c.range.clone().rev().find(|&k| c.read.tokens[k].span.start < b).map_or(first + 1, |k| k + 1);
        first..last.max(first + 1)
    };
    let negated = c.negated(lx);
    // Times: how long ago it began, or for how long.
    let onset_cue = c.has(&["ago", "since", "started", "start", "starting", "began", "begin", "first", "noticed", "came", "kicked", "back"]);
    let mut times: Vec<(f64, Range<usize>)> = quantity::find_durations(&clause_text)
        .into_iter()
        .filter(|(_, r)| !relative_to_event(&clause_text, r))
        .collect();
    if let Some(date) = cx.date.or_else(today) {
        if let Some(found) = when::find_days_before(&clause_text, date) {
            if !times.iter().any(|(_, r)| r.start < found.1.end && found.1.start < r.end) {
                times.push(found);
            }
        }
    }
    for (days, r) in times {
        let tr = to_tokens(r);
        let calendar = tr.clone().any(|k| matches!(c.read.tokens[k].norm.as_str(), "since" | "in" | "after" | "before" | "around" | "towards" | "last"));
        let topic = if onset_cue || calendar { Topic::Onset } else { Topic::Duration };
        if !negated {
            out.claim(c, key(lx, item, topic), Value::days(days), Polarity::Affirm, Vec::new(), tr);
        }
    }
    if let Some((label, r)) = lx.cues.onset_mode.first(tokens) {
        out.claim(c, key(lx, item, Topic::OnsetMode), Value::choice(label), if negated { Polarity::Deny } else { Polarity::Affirm }, Vec::new(), r.start + offset..r.end + offset);
    }
    if let Some((label, r)) = lx.cues.course.first(tokens) {
        let polarity = if c.negated_before(r.start + offset, lx) && label != "stable" { Polarity::Deny } else { Polarity::Affirm };
        out.claim(c, key(lx, item, Topic::Course), Value::choice(label), polarity, Vec::new(), r.start + offset..r.end + offset);
    }
    if let Some((score, r)) = quantity::find_score(&clause_text) {
        out.claim(c, key(lx, item, Topic::Intensity), Value::number(score, "/10"), Polarity::Affirm, Vec::new(), to_tokens(r));
    }
    if let Some((rate, r)) = quantity::find_rate(&clause_text) {
        out.claim(c, key(lx, item, Topic::Frequency), Value::number(rate, "/day"), Polarity::Affirm, Vec::new(), to_tokens(r));
    }
    // Sites: where it is, and where it goes.
    let sites: Vec<&Mention> = c.mentions().map(|(_, m)| m).filter(|m| m.is_site(lx.layer) && m.items.is_empty()).collect();
    let (dest, here): (Vec<&Mention>, Vec<&Mention>) = sites.into_iter().partition(|m| m.destination);
    if !dest.is_empty() {
        let first = dest.iter().map(|m| m.range.start).min().unwrap_or(c.range.start);
        let polarity = if c.negated_before(first, lx) { Polarity::Deny } else { Polarity::Affirm };
        let ids = concept_ids(lx, &dest);
        let text = dest.iter().map(|m| crate::language::text::slice(&out.reply, &c.read.tokens, m.range.clone())).collect::<Vec<_>>().join(", ");
        let motion = c.range.clone().filter(|&k| lx.cues.is_motion(&c.read.tokens[k]) || lx.cues.direction.any(std::slice::from_ref(&c.read.tokens[k])));
        let mut used: Vec<usize> = motion.collect();
        used.extend(dest.iter().flat_map(|m| m.range.clone()));
        let r = used.iter().min().copied().unwrap_or(first)..used.iter().max().map_or(first + 1, |m| m + 1);
        out.claim(c, key(lx, item, Topic::Radiation), Value::text(text), polarity, ids, r);
    } else if let Some((_, r)) = lx.cues.staying.first(tokens) {
        out.claim(c, key(lx, item, Topic::Radiation), Value::text(""), Polarity::Deny, Vec::new(), r.start + offset..r.end + offset);
    }
    if !here.is_empty() && !negated {
        let r = here.iter().map(|m| m.range.start).min().unwrap_or(0)..here.iter().map(|m| m.range.end).max().unwrap_or(0);
        location(c, item, &here, lx, out, r);
    }
    // What it feels like.
    let feels: Vec<&Mention> = c.mentions().map(|(_, m)| m).filter(|m| m.kind == Some(ConceptKind::Descriptor)).collect();
    if !feels.is_empty() {
        let ids = concept_ids(lx, &feels);
        let polarity = if c.negated_before(feels[0].range.start, lx) { Polarity::Deny } else { Polarity::Affirm };
        let text = feels.iter().map(|m| crate::language::text::slice(&out.reply, &c.read.tokens, m.range.clone())).collect::<Vec<_>>().join(", ");
        let r = feels[0].range.start..feels[feels.len() - 1].range.end;
        out.claim(c, key(lx, item, Topic::Character), Value::text(text), polarity, ids, r);
    }
    factors(c, lx, item, out);
}

/// "an hour after a big dinner", "over a few weeks": a time said relative to
/// something else, not how long ago or for how long.
fn relative_to_event(text: &str, r: &Range<usize>) -> bool {
    let before = text.get(..r.start).unwrap_or("").trim_end().to_lowercase();
    let after = text.get(r.end..).unwrap_or("").trim_start().to_lowercase();
    before.ends_with("over") || before.ends_with("within") || before.ends_with("every")
        || ["after", "before", "later", "earlier", "into", "of"].iter().any(|w| after.starts_with(w))
}

fn today() -> Option<time::Date> {
    Some(time::OffsetDateTime::now_utc().date())
}

/// What makes it worse or better, and what set it off.
fn factors(c: &Clause<'_>, lx: &Lexicon, item: usize, out: &mut Out) {
    let worse = c.find(&["worse", "worsens", "aggravates", "aggravate", "exacerbates", "triggers", "brings", "hurts", "bad", "agony", "unbearable", "kills"]);
    let better = c.find(&["better", "helps", "help", "helped", "helping", "eases", "ease", "eased", "easing", "relieves", "relieved", "relief", "settles", "settle", "soothes", "calms", "improves", "easier", "takes", "touch"]);
    let started = c.find(&["started", "began", "came", "kicked", "happened", "triggered", "brought"]).filter(|_| c.has(&["after", "when", "while", "during", "by", "lifting", "doing"]));
    let things: Vec<&Mention> = c
        .mentions()
        .map(|(_, m)| m)
        .filter(|m| {
            matches!(
                m.kind,
                Some(ConceptKind::Factor | ConceptKind::Medicine | ConceptKind::DrugClass | ConceptKind::Activity | ConceptKind::Diet | ConceptKind::Habit)
            ) || m.sense(ConceptKind::Factor, lx.layer).is_some()
        })
        .collect();
    let nothing = c.has(&["nothing"]);
    let (topic, cue) = match (worse, better, started) {
        (_, _, Some(k)) if things.iter().any(|m| m.range.start > k) => (Topic::Trigger, k),
        (Some(w), None, _) => (Topic::Aggravating, w),
        (None, Some(b), _) => (Topic::Relieving, b),
        (Some(w), Some(b), _) => {
            // "worse when I lie down, better sitting up" is split into clauses; here take the nearer.
            if w < b { (Topic::Aggravating, w) } else { (Topic::Relieving, b) }
        }
        _ => return,
    };
    if things.is_empty() {
        if nothing {
            let k = c.find(&["nothing"]).unwrap_or(cue);
            out.claim(c, key(lx, item, topic), Value::text(""), Polarity::Deny, Vec::new(), k.min(cue)..k.max(cue) + 1);
        }
        return;
    }
    // "Painkillers don't touch it", "eating doesn't help": a factor denied.
    let denied = c.negated(lx) && !nothing;
    let ids = concept_ids(lx, &things);
    let text = things.iter().map(|m| crate::language::text::slice(&out.reply, &c.read.tokens, m.range.clone())).collect::<Vec<_>>().join(", ");
    let first = things.iter().map(|m| m.range.start).min().unwrap_or(cue);
    let last = things.iter().map(|m| m.range.end).max().unwrap_or(cue + 1);
    out.claim(
        c,
        key(lx, item, topic),
        Value::text(text),
        if denied { Polarity::Deny } else { Polarity::Affirm },
        ids,
        first.min(cue)..last.max(cue + 1),
    );
}
