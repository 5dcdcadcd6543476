//! Symptoms in a reply: whether the patient has them, and what they say of
//! one (when it began, how long, how it came on, its course, where it is,
//! where it goes, what it feels like, how bad, how often, what sets it off
//! and what makes it worse or better).

use super::{Clause, Context, Named, Out, concept_ids};
use crate::language::claim::Polarity;
use crate::language::concepts::{ConceptKind, Id};
use crate::language::lexicon::Lexicon;
use crate::language::mention::Mention;
use crate::language::text::Kind;
use crate::language::{quantity, when};
use crate::memory::{Key, Topic, Value};
use std::ops::Range;

/// Whether the clause is about someone else or a guess, so that what it
/// names is not the patient's ("my mum had chest pain", "I'm worried it's
/// my heart").
///
/// Asked about allergies (`asked_allergies`), what the reply names is the
/// reaction ("Shellfish, I came out in hives"), unless said of now.
pub(super) fn not_the_patients(c: &Clause<'_>, lx: &Lexicon, asked_allergies: bool) -> bool {
    let relative = !c.kinds(ConceptKind::Relative, lx).is_empty();
    // "nerves around people I don't know": the record's own words are the patient's.
    let other = c
        .range
        .clone()
        .any(|k| lx.cues.is_other_person(&c.read.tokens[k]) && !c.quoted(&(k..k + 1)));
    // "Penicillin gives me a rash": a reaction to something, not a symptom now.
    let allergy_words = [
        "allergic",
        "allergy",
        "allergies",
        "reaction",
        "reactions",
        "react",
        "reacts",
    ];
    let causes = [
        "gives", "gave", "brings", "brought", "makes", "made", "causes", "caused",
    ];
    // "I'm allergic to codeine - it gives me itching": the next clause is the reaction.
    let allergy_sentence = c
        .sentence_tokens()
        .iter()
        .any(|t| allergy_words.contains(&t.norm.as_str()));
    let reaction = c.has(&allergy_words)
        || asked_allergies && !c.sentence_has(&["today", "currently", "moment"])
        || c.has(&causes)
            && (allergy_sentence
                || c.mentions().any(|(_, m)| {
                    matches!(
                        m.kind,
                        Some(
                            ConceptKind::Medicine | ConceptKind::DrugClass | ConceptKind::Substance
                        )
                    )
                }));
    // "My husband said the whites of my eyes look yellow": said of me after them.
    let last_other = c
        .range
        .clone()
        .filter(|&k| {
            lx.cues.is_other_person(&c.read.tokens[k])
                || c.read
                    .mentions
                    .iter()
                    .any(|m| m.range.start == k && m.kind == Some(ConceptKind::Relative))
        })
        .max();
    let mine_after = last_other.is_some_and(|k| {
        (k + 1..c.range.end).any(|j| {
            matches!(
                c.read.tokens[j].norm.as_str(),
                "my" | "i" | "me" | "i'm" | "i've" | "myself"
            )
        })
    });
    (relative || other) && !mine_after || reaction || lx.cues.speculation.any(c.tokens())
}

/// Whether a concept is a broad area ("sleep", "appetite", "waterworks"):
/// naming one says nothing about having a symptom, only "fine" or a named
/// symptom under it does.
pub(super) fn is_area(lx: &Lexicon, m: &Mention) -> bool {
    m.concept.is_some_and(|c| {
        let c = lx.layer.get(c);
        c.kind == ConceptKind::Symptom && c.area
    })
}

/// Whether a clause speaks of something other than a symptom (a condition,
/// a medicine, work, a relative, an age), so that its times and numbers
/// are not the symptom's.
fn about_something_else(c: &Clause<'_>) -> bool {
    let other = c.mentions().any(|(_, m)| {
        matches!(
            m.kind,
            Some(
                ConceptKind::Condition
                    | ConceptKind::Procedure
                    | ConceptKind::Medicine
                    | ConceptKind::DrugClass
                    | ConceptKind::Vaccine
                    | ConceptKind::Habit
                    | ConceptKind::Relative
                    | ConceptKind::Occupation
                    | ConceptKind::Living
                    | ConceptKind::Reproductive
                    | ConceptKind::Test
                    | ConceptKind::Substance
            )
        )
    });
    // "I found out about four years ago", of a thyroid named before.
    let found_out = c
        .find(&["found"])
        .is_some_and(|k| c.read.tokens.get(k + 1).is_some_and(|t| t.norm == "out"));
    other
        || found_out
        || c.has(&[
            "old",
            "aged",
            "birthday",
            "born",
            "school",
            "married",
            "retired",
            "diagnosed",
            "diagnosis",
        ])
}

/// Whether a clause tells what "it" began with before it names anyone
/// else: "it started when my dog died", "it all began after my dad's funeral".
fn onset_story(c: &Clause<'_>) -> bool {
    let words: Vec<&str> = c.tokens().iter().map(|t| t.norm.as_str()).collect();
    let began = words.iter().position(|w| {
        matches!(
            *w,
            "started" | "began" | "begun" | "kicked" | "came" | "set" | "triggered"
        )
    });
    let Some(b) = began else {
        return false;
    };
    let it = words[..b]
        .iter()
        .rev()
        .take(3)
        .any(|w| matches!(*w, "it" | "this" | "that" | "they" | "all"));
    it && words[b..]
        .iter()
        .take(5)
        .any(|w| matches!(*w, "after" | "when" | "while" | "with"))
}

pub(super) fn read(c: &Clause<'_>, cx: &Context<'_>, out: &mut Out, subject: &mut Subject) {
    let lx = cx.lexicon;
    let elsewhere = not_the_patients(c, lx, out.asked_allergies);
    let mut named_here: Option<Subject> = None;
    for (_, m) in c.mentions() {
        if m.kind != Some(ConceptKind::Symptom)
            && m.items
                .iter()
                .all(|&i| lx.items[i].key.topic != Topic::Symptom)
        {
            continue;
        }
        if elsewhere {
            out.use_tokens(m.range.clone());
            continue;
        }
        if is_area(lx, m) {
            continue;
        }
        // "It's worse than the headache": what it is compared with, not what
        // the clause is about.
        let than = compared_with(c, m);
        // "It came on three weeks after a sore throat": what it followed, an
        // illness had and gone, not one had now nor where this one is.
        let followed = m.range.start >= 2
            && matches!(
                c.read.tokens[m.range.start - 1].norm.as_str(),
                "a" | "an" | "having"
            )
            && matches!(
                c.read.tokens[m.range.start - 2].norm.as_str(),
                "after" | "following"
            );
        if than || followed {
            out.use_tokens(m.range.clone());
            continue;
        }
        // "asked her to cough", "trying to sleep": a verb, not a symptom had.
        if m.range.start > 0 && c.read.tokens[m.range.start - 1].norm == "to" && m.range.len() == 1
        {
            continue;
        }
        // "Even a cough hurts": what makes it worse, not a symptom had.
        let factor_talk = c.has(&[
            "worse", "hurts", "hurt", "makes", "sets", "triggers", "when", "bother", "bothers",
        ]);
        if factor_talk
            && m.sense(ConceptKind::Factor, lx.layer).is_some()
            && m.items.iter().all(|&i| !lx.items[i].present)
        {
            continue;
        }
        // "a sharp pain", said of the symptom already in hand, is about that one.
        let broad = m.site.is_none() && m.concept.is_some_and(|x| lx.layer.get(x).quality);
        if broad && !c.negated_before(m.range.start, lx) {
            if let Some(i) = subject
                .item
                .filter(|&i| lx.items[i].present && m.items.contains(&i))
            {
                out.claim(
                    c,
                    lx.items[i].key.clone(),
                    Value::yes(true),
                    Polarity::Affirm,
                    Vec::new(),
                    m.range.clone(),
                );
                continue;
            }
        }
        let named = presence(c, m, lx, out);
        if named_here.is_none() && !broad {
            named_here = named;
        }
    }
    fine(c, lx, out);
    if let Some(n) = named_here {
        *subject = n;
        out.subject_named_in = Some(out.sentence);
        // Talk has moved from a medicine to a symptom.
        out.medicine = None;
    } else if out.subject_named_in.is_some_and(|s| s < out.sentence)
        && (subject.item.is_none() || subject.item != out.asked_focus)
    {
        // Named in an earlier sentence: "it" now may mean any of the patient's symptoms.
        subject.implicit = true;
    }
    if elsewhere {
        // "It all started after my mum died": what set it off, told of someone else.
        let symptom = |i: &usize| lx.items[*i].key.topic == Topic::Symptom && lx.items[*i].present;
        if let Some(item) = subject.item.filter(|i| symptom(i) && onset_story(c)) {
            factors(c, lx, item, out);
        }
        return;
    }
    // While the reply is on a medicine or some other thing, times and "twice a day" are not the symptom's.
    let named_symptom = named_here.is_some();
    // "My periods are regular": what is said is of the area named.
    let names_area = c.mentions().any(|(_, m)| is_area(lx, m));
    let about_else = about_something_else(c)
        || names_area
        || out.medicine.is_some()
        || !out.on_symptom && !named_symptom;
    // "For the last three months or so, I've had heartburn": a clause that
    // names no symptom, before one in its sentence that does, is of that one.
    // Only a sentence's first clause, naming no symptom and not saying
    // "it" or "that", which point back ("It's been with me since Thursday,
    // same as the stinging" is the fever's).
    let first_clause = c.range.start == c.sentence_start_token();
    let points_back = c.has(&[
        "it", "it's", "its", "that", "that's", "this", "they", "they're", "he", "she",
    ]);
    let named_before = c
        .sentence_mentions()
        .any(|m| m.range.start < c.range.end && m.kind == Some(ConceptKind::Symptom));
    let ahead = if !first_clause || named_symptom || points_back || named_before {
        None
    } else {
        c.sentence_mentions()
            .filter(|m| m.range.start >= c.range.end && m.kind == Some(ConceptKind::Symptom))
            .take(1)
            // "Since yesterday, around the same time as the temperature": compared with.
            .filter(|m| {
                !(m.range.start.saturating_sub(4)..m.range.start)
                    .any(|k| matches!(c.read.tokens[k].norm.as_str(), "as" | "than" | "like"))
            })
            .find_map(|m| {
                m.items
                    .iter()
                    .copied()
                    .find(|&i| lx.items[i].key.topic == Topic::Symptom && lx.items[i].present)
            })
    };
    if let Some(item) = ahead.or(subject.item) {
        if lx.items[item].key.topic == Topic::Symptom && lx.items[item].present {
            factors(c, lx, item, out);
            if !about_else {
                // Said of a symptom named in this clause, or of "it", which may be another one.
                details(c, cx, item, subject.implicit, out);
            }
        }
    }
}

/// Said after "than": what something is compared with ("worse than the
/// headache", "achy more than sharp"), not what it is.
fn compared_with(c: &Clause<'_>, m: &Mention) -> bool {
    (m.range.start.saturating_sub(3)..m.range.start).any(|k| c.read.tokens[k].norm == "than")
}

/// The symptom a clause's details are about: a record item, or a symptom
/// the record does not hold (whose details are nobody's to contradict).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Subject {
    pub item: Option<usize>,
    /// Taken from the conversation ("it"), not named in the reply.
    pub implicit: bool,
}

/// A claim that the patient has (or has not) what a mention names; returns
/// the new subject of "it": the present item it named, or no item for a
/// symptom the record does not hold.
fn presence(c: &Clause<'_>, m: &Mention, lx: &Lexicon, out: &mut Out) -> Option<Subject> {
    let denied = c.negated_before(m.range.start, lx) && !c.exception;
    let items: Vec<usize> = m
        .items
        .iter()
        .copied()
        .filter(|&i| lx.items[i].key.topic == Topic::Symptom)
        .collect();
    // Of several present ones, the one the question asked about, then the
    // one whose own words hold most of the mention's, two words at least ("a
    // throbbing ache in my bottom" for the ache after going, not the tearing
    // pain; one shared word, "tummy", is no reason to leave the first).
    let words = &c.read.tokens[m.range.clone()];
    let mut present: Vec<usize> = items
        .iter()
        .copied()
        .filter(|&i| lx.items[i].present)
        .collect();
    present.sort_by_cached_key(|&i| {
        let held = words.iter().filter(|t| lx.worded_with(i, &t.stem)).count();
        let held = if held >= 2 { held } else { 0 };
        (!out.asked_symptoms.contains(&i), std::cmp::Reverse(held))
    });
    let key_of = |i: usize| lx.items[i].key.clone();
    if denied {
        // "no pain at all" denies every pain the record holds (not a broader
        // one: "no plans" is not "no suicidal thoughts"); "not now" leaves
        // past episodes alone.
        let now = out.sentence_now || c.has(&["lately", "recently"]);
        // "No pain going down the arm" is about where a pain goes, not
        // whether there is one.
        let moving = (m.range.end..c.range.end)
            .take(3)
            .any(|k| lx.cues.is_motion(&c.read.tokens[k]));
        if moving {
            return None;
        }
        // "Nothing in my feet, no tingling or numbness down there": a bare
        // symptom denied in a sentence about a body part is denied there.
        let sites = sentence_sites(c, m, lx);
        let at_sites = |i: usize| {
            m.site.is_some()
                || sites.is_empty()
                || lx.items[i].site.is_some_and(|s| {
                    sites
                        .iter()
                        .any(|&x| x == s || lx.layer.is_under(s, x) || lx.layer.is_under(x, s))
                })
        };
        let items: Vec<usize> = items
            .iter()
            .copied()
            .filter(|&i| {
                let item = &lx.items[i];
                let narrower = m
                    .concept
                    .is_none_or(|mc| item.concepts.iter().any(|&ic| lx.layer.is_under(ic, mc)));
                let past = ["past", "previous", "earlier", "history", "old"]
                    .iter()
                    .any(|w| item.name.starts_with(w));
                narrower && !(now && past) && at_sites(i)
            })
            .collect();
        // "Swallowing doesn't hurt": the pain of swallowing, not every pain.
        let others = c.mentions().map(|(_, o)| o).filter(|o| o.range != m.range);
        let items = lx.of_doing(items, &c.read.tokens, others);
        for &i in &items {
            out.claim(
                c,
                key_of(i),
                Value::yes(true),
                Polarity::Deny,
                Vec::new(),
                m.range.clone(),
            );
        }
        if items.is_empty() {
            if let Some(concept) = m.concept {
                let key = Key::new(Topic::Symptom, lx.layer.name(concept));
                out.claim(
                    c,
                    key,
                    Value::yes(true),
                    Polarity::Deny,
                    Vec::new(),
                    m.range.clone(),
                );
            }
        }
        return None;
    }
    // The very thing named is a recorded negative ("looked up ways of doing
    // it" against no suicide plans), or one the question asked about when it
    // asked about none of the present ones ("does anything come down?" "a
    // lump slips out"): having it, whatever broader item is present.
    let asked_present = present.iter().any(|p| out.asked_symptoms.contains(p));
    let exact_absent = items.iter().copied().find(|&i| {
        let item = &lx.items[i];
        let current = ["current", "present", "now"]
            .iter()
            .any(|w| item.name.starts_with(w));
        let named = m.concept.is_some_and(|mc| item.concepts.contains(&mc))
            || out.asked_symptoms.contains(&i) && !asked_present;
        !item.present && named && (!current || out.sentence_now) && !m.wording
    });
    let present = if exact_absent.is_some() {
        Vec::new()
    } else {
        present
    };
    if let Some(&i) = present.first() {
        out.claim(
            c,
            key_of(i),
            Value::yes(true),
            Polarity::Affirm,
            Vec::new(),
            m.range.clone(),
        );
        // The record's own wording says where it is as the record does.
        if (m.site.is_some() || m.side.is_some()) && !m.wording {
            location(c, i, &[m], lx, out, m.range.clone());
        }
        return Some(Subject {
            item: Some(i),
            implicit: false,
        });
    }
    // Only recorded negatives: naming one of them (or something under it) is
    // having it; a broader word ("pain" against "chest pain") is not, unless
    // the question named it ("any discharge from the penis?" "A bit of
    // discharge, yes"), nor is a past spell against "no such thing at the
    // moment".
    let narrow = items.iter().copied().find(|&i| {
        let item = &lx.items[i];
        let current = ["current", "present", "now"]
            .iter()
            .any(|w| item.name.starts_with(w));
        // ("The pain stops at the elbow", asked about neck pain and pain below
        // the elbow: the pain they have.)
        let definite = m.range.start > 0
            && matches!(
                c.read.tokens[m.range.start - 1].norm.as_str(),
                "the" | "this"
            );
        let asked_broadly = out.asked_symptoms.contains(&i)
            && !(definite && out.asked_symptoms.len() > 1)
            && m.concept
                .is_some_and(|mc| item.concepts.iter().any(|&ic| lx.layer.is_under(ic, mc)));
        (m.concept
            .is_some_and(|mc| item.concepts.iter().any(|&ic| lx.layer.is_under(mc, ic)))
            || asked_broadly)
            && (!current || out.sentence_now)
    });
    match narrow {
        Some(i) => out.claim(
            c,
            key_of(i),
            Value::yes(true),
            Polarity::Affirm,
            Vec::new(),
            m.range.clone(),
        ),
        None => {
            if let Some(concept) = m.concept {
                let key = Key::new(Topic::Symptom, lx.layer.name(concept));
                out.claim(
                    c,
                    key,
                    Value::yes(true),
                    Polarity::Affirm,
                    Vec::new(),
                    m.range.clone(),
                );
            }
        }
    }
    // What follows is said of this symptom, which no record item holds.
    Some(Subject::default())
}

/// The body sites a sentence names besides `m` (not where something goes).
fn sentence_sites(c: &Clause<'_>, m: &Mention, lx: &Lexicon) -> Vec<Id> {
    let start = c.sentence_start_token();
    let end = start + c.sentence_tokens().len();
    c.read
        .mentions
        .iter()
        .filter(|o| (start..end).contains(&o.range.start) && o.range != m.range && !o.destination)
        .filter(|o| o.kind == Some(ConceptKind::Site))
        .filter_map(|o| o.sense(ConceptKind::Site, lx.layer))
        .collect()
}

/// "Sleeping fine", "my waterworks are normal": a broad area said to be
/// well denies every recorded symptom under it.
fn fine(c: &Clause<'_>, lx: &Lexicon, out: &mut Out) {
    let Some((_, cue)) = lx.cues.fine.first(c.tokens()) else {
        return;
    };
    let cue = cue.start + c.range.start..cue.end + c.range.start;
    // "More often than normal" compares; the record's own words say what they say.
    let compared = cue.start > 0 && c.read.tokens[cue.start - 1].norm == "than";
    // "My back is bad as well": "also", not "fine".
    let also = cue.start > 0
        && c.read.tokens[cue.start - 1].norm == "as"
        && c.read.tokens[cue.start].norm == "well";
    // "Poor for well over a year": "well" as in "far".
    let degree = c.read.tokens[cue.start].norm == "well"
        && c.read.tokens.get(cue.end).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "over"
                    | "under"
                    | "into"
                    | "past"
                    | "before"
                    | "after"
                    | "above"
                    | "below"
                    | "beyond"
                    | "enough"
                    | "known"
                    | "aware"
                    | "up"
            )
        });
    if also || degree {
        return;
    }
    if c.negated_before(cue.start, lx) || compared || c.quoted(&cue) {
        return;
    }
    // "Some days I'm fine and other days I'm really grumpy": it comes and goes.
    let varies = c.has(&["sometimes", "other"])
        || c.sentence_has(&["some"]) && c.sentence_has(&["other", "others"])
        || lx
            .cues
            .course
            .find(c.sentence_tokens())
            .iter()
            .any(|(label, _)| matches!(*label, "intermittent" | "fluctuating"));
    if varies {
        return;
    }
    for (_, m) in c.mentions() {
        let Some(area) = m.concept.filter(|_| m.kind == Some(ConceptKind::Symptom)) else {
            continue;
        };
        // "I'm fine and then grumpy": not said of what comes after "and".
        let joined_after = m.range.start > cue.end
            && (cue.end..m.range.start)
                .any(|k| matches!(c.read.tokens[k].norm.as_str(), "and" | "but" | "then"));
        if joined_after {
            continue;
        }
        // Only what falls close under the area ("waterworks fine" is not "no tummy ache").
        let under: Vec<usize> = lx
            .under(area)
            .filter(|&i| lx.items[i].present && lx.items[i].key.topic == Topic::Symptom)
            .filter(|&i| {
                lx.items[i]
                    .concepts
                    .iter()
                    .any(|&ic| lx.layer.lineage(ic).iter().take(3).any(|&u| u == area))
            })
            .collect();
        if under.is_empty() {
            continue;
        }
        // A named broad area with "fine" claims the area is well: the claims
        // above (an affirmed symptom) are taken back for it.
        out.claims.retain(|cl| {
            !(cl.span == c.sentence
                && cl.polarity == Polarity::Affirm
                && lx.item_of(&cl.key).is_some_and(|i| under.contains(&i)))
        });
        for i in under {
            out.claim(
                c,
                lx.items[i].key.clone(),
                Value::yes(true),
                Polarity::Deny,
                Vec::new(),
                m.range.start.min(cue.start)..m.range.end.max(cue.end),
            );
        }
    }
}

/// "Just the left one", "my left foot only" (where "only" starts the next clause).
fn said_only(c: &Clause<'_>) -> bool {
    let only_after = c
        .read
        .tokens
        .get(c.range.end)
        .is_some_and(|t| matches!(t.norm.as_str(), "only" | "alone"));
    c.has(&["just", "only", "one"]) || only_after
}

/// The key of `topic` of symptom `item`; how "it" began is the symptom's
/// whose record tells it ([`Lexicon::trigger_item`]).
fn key(lx: &Lexicon, item: usize, topic: Topic) -> Key {
    let item = if topic == Topic::Trigger {
        lx.trigger_item(item)
    } else {
        item
    };
    Key::new(topic, &lx.items[item].key.subject)
}

/// Where a symptom is: the sites named with it (not where it goes). A site
/// said with "over", "behind", "near" is only close to where it is.
fn location(
    c: &Clause<'_>,
    item: usize,
    sites: &[&Mention],
    lx: &Lexicon,
    out: &mut Out,
    used: Range<usize>,
) {
    let mut ids = concept_ids(lx, sites);
    if said_only(c) {
        ids.push("only".into());
    }
    let near = sites.iter().any(|m| {
        // "Round the back of my head" is at the back of it.
        let part = matches!(
            c.read.tokens[m.range.start].norm.as_str(),
            "back" | "front" | "side" | "top" | "base" | "bottom"
        );
        (m.range.start.saturating_sub(3)..m.range.start).any(|k| {
            let w = c.read.tokens[k].norm.as_str();
            !(part && matches!(w, "around" | "round"))
                && matches!(
                    c.read.tokens[k].norm.as_str(),
                    "over"
                        | "above"
                        | "behind"
                        | "near"
                        | "around"
                        | "round"
                        | "beside"
                        | "next"
                        | "below"
                        | "under"
                        | "towards"
                        | "between"
                )
        })
    });
    if near {
        ids.push("near".into());
    }
    if ids.is_empty() {
        return;
    }
    let text = sites
        .iter()
        .map(|m| {
            crate::language::text::slice(&out.reply, &c.read.tokens, m.range.clone()).to_string()
        })
        .collect::<Vec<_>>()
        .join(", ");
    out.claim(
        c,
        key(lx, item, Topic::Location),
        Value::text(text),
        Polarity::Affirm,
        ids,
        used,
    );
}

/// Words that say a spell ends ("it wears off in ten minutes"): a time said
/// with them is how long the spell lasts.
const SPELL_ENDS: &[&str] = &[
    "wears", "wear", "wore", "passes", "passed", "settles", "settle", "settled", "subsides",
];

/// What the clause says of the symptom `item`.
fn details(c: &Clause<'_>, cx: &Context<'_>, item: usize, implicit: bool, out: &mut Out) {
    let before = out.claims.len();
    details_of(c, cx, item, out);
    // "I still like gaming with my mates, same as before", "no temperature,
    // although I feel hot indoors": after talk of something else, how it
    // goes and what it feels like are not said of the symptom unless "it"
    // says so.
    let start = c.sentence_start_token();
    let after_other_talk = (start..c.range.start).any(|k| {
        let t = &c.read.tokens[k];
        !cx.lexicon.cues.is_function(t) && !cx.lexicon.cues.is_feeling(t)
    });
    let says_it = c.has(&["it", "it's", "its", "that", "this", "that's"]) || says_symptom(c);
    if after_other_talk && !says_it {
        let mut said_here = out.claims.split_off(before);
        said_here.retain(|cl| !matches!(cl.key.topic, Topic::Course | Topic::Character));
        out.claims.append(&mut said_here);
    }
    // "I've started putting it off. That's been the last six weeks": a
    // sentence that opens on "that" times what the one before said, which
    // need not be the symptom "it" was taken for.
    let on_that = matches!(
        c.read.tokens.get(start).map(|t| t.norm.as_str()),
        Some("that" | "that's")
    );
    let named_before = out.subject_named_in.is_some_and(|n| n + 1 >= out.sentence);
    if on_that && out.sentence > 0 && (implicit || !named_before) && !says_symptom(c) {
        let mut said_here = out.claims.split_off(before);
        said_here.retain(|cl| !matches!(cl.key.topic, Topic::Onset | Topic::Duration));
        out.claims.append(&mut said_here);
    }
    if implicit {
        for claim in &mut out.claims[before..] {
            claim.implicit = true;
        }
    }
}

fn says_symptom(c: &Clause<'_>) -> bool {
    c.mentions()
        .any(|(_, m)| m.kind == Some(ConceptKind::Symptom))
}

fn details_of(c: &Clause<'_>, cx: &Context<'_>, item: usize, out: &mut Out) {
    let lx = cx.lexicon;
    let tokens = c.tokens();
    let offset = c.range.start;
    let clause_text = c.text(&out.reply).to_string();
    let negated = c.negated(lx);
    let fine_here = lx.cues.fine.any(tokens);
    // Times: how long ago it began, or for how long.
    let onset_cue = c.tokens().iter().any(|t| lx.cues.is_onset(t));
    // "It eases for an hour or so", "it wears off in ten minutes": how long
    // relief or a spell lasts, not the symptom.
    // Words of the record's own wording ("every few minutes") do not count.
    // "The last three weeks" is no spell that lasts (nor "until the last minute" a time).
    let the_last = |k: usize| {
        let next = c.read.tokens.get(k + 1).map_or("", |t| t.norm.as_str());
        c.read.tokens[k].norm == "last"
            && k > 0
            && matches!(
                c.read.tokens[k - 1].norm.as_str(),
                "the" | "this" | "these" | "past"
            )
            && (quantity::number_word(next).is_some()
                || matches!(next, "few" | "couple")
                || quantity::unit_days(next).is_some_and(|d| d >= 1.0))
    };
    let relief = c.range.clone().any(|k| {
        !the_last(k)
            && (matches!(
                c.read.tokens[k].norm.as_str(),
                "eases"
                    | "eased"
                    | "helps"
                    | "helped"
                    | "settles"
                    | "worse"
                    | "better"
                    | "relief"
                    | "lasts"
                    | "last"
                    | "each"
                    | "every"
                    | "wearing"
                    | "loosens"
            ) || SPELL_ENDS.contains(&c.read.tokens[k].norm.as_str()))
            && !c.quoted(&(k..k + 1))
    });
    // "Some weeks I'm in there twenty minutes, other weeks...": spells that vary.
    let varies = c.range.clone().any(|k| {
        matches!(c.read.tokens[k].norm.as_str(), "some" | "other")
            && c.read.tokens.get(k + 1).is_some_and(|t| {
                matches!(
                    t.norm.as_str(),
                    "days" | "weeks" | "nights" | "mornings" | "evenings" | "times" | "months"
                )
            })
    });
    let relief = relief || varies;
    let mut times: Vec<(f64, Range<usize>)> = quantity::find_durations(&clause_text)
        .into_iter()
        .filter(|(_, r)| !relative_to_event(&clause_text, r))
        .filter(|(_, r)| !c.quoted(&c.tokens_of(r.clone())))
        // "One day it was just not working": a way of telling, not a length of time.
        .filter(|(_, r)| {
            !clause_text.get(r.clone()).is_some_and(|t| {
                matches!(
                    t.to_lowercase().as_str(),
                    "one day" | "one night" | "one morning"
                )
            })
        })
        .filter(|_| !relief)
        // "If I'm stood at the bench for an hour it starts nagging": how long
        // the thing that brings it on lasts.
        .filter(|(days, r)| !(*days < 1.0 && conditional_before(c, c.tokens_of(r.clone()).start)))
        .collect();
    // A calendar time ("since Christmas") when no length of time is said in the sentence.
    let sentence_text = out.reply.get(c.sentence.clone()).unwrap_or("").to_string();
    if times.is_empty() && onset_cue && quantity::find_durations(&sentence_text).is_empty() {
        if let Some(date) = cx.date.or_else(today) {
            if let Some(found) = when::find_days_before(&clause_text, date) {
                times.push(found);
            }
        }
    }
    if times.is_empty() && onset_cue {
        if let Some(found) = when::find_day(&clause_text) {
            // Not inside the record's own wording ("a bad back since a sudden pain last year").
            if !c.quoted(&c.tokens_of(found.1.clone())) {
                times.push(found);
            }
        }
    }
    for (days, r) in times {
        let tr = c.tokens_of(r);
        let calendar = tr.clone().any(|k| {
            matches!(
                c.read.tokens[k].norm.as_str(),
                "since" | "in" | "after" | "before" | "around" | "towards" | "last"
            )
        });
        let topic = if onset_cue || calendar {
            Topic::Onset
        } else {
            Topic::Duration
        };
        if !negated {
            // "It started four months ago": the word that made it an onset is read too.
            if topic == Topic::Onset {
                for k in c.range.clone() {
                    if lx.cues.is_onset(&c.read.tokens[k]) && !c.in_mention(k) {
                        out.use_tokens(k..k + 1);
                    }
                }
            }
            out.claim(
                c,
                key(lx, item, topic),
                Value::days(days),
                Polarity::Affirm,
                Vec::new(),
                tr,
            );
        }
    }
    // "They built up gradually over a day, starting on Monday": how it came
    // on, said in a sentence about its beginning.
    let onset_told = c.sentence_tokens().iter().any(|t| {
        lx.cues.is_onset(t) && !matches!(t.norm.as_str(), "ago" | "since" | "back" | "first")
    });
    let onset_talk =
        onset_cue || onset_told || out.asked == Some(crate::language::question::Intent::Onset);
    let said = |r: &Range<usize>| !c.quoted(&(r.start + offset..r.end + offset));
    // "I get these sudden urges": each spell is sudden, not how it all began.
    let spells = |r: &Range<usize>| {
        tokens.get(r.end).is_some_and(|t| {
            t.kind == Kind::Word
                && t.norm.len() > 3
                && t.norm.ends_with('s')
                && !t.norm.ends_with("ss")
                && !t.norm.ends_with("ly")
        })
    };
    if let Some((label, r)) = lx
        .cues
        .onset_mode
        .find(tokens)
        .into_iter()
        .find(|(_, r)| said(r) && !spells(r))
        .filter(|_| onset_talk)
    {
        out.claim(
            c,
            key(lx, item, Topic::OnsetMode),
            Value::choice(label),
            if negated {
                Polarity::Deny
            } else {
                Polarity::Affirm
            },
            Vec::new(),
            r.start + offset..r.end + offset,
        );
    }
    // "If I sit quietly it calms down" and "lifting makes it worse" say what
    // helps or harms, not how it is going; "it feels steady", asked how it
    // feels, is its character.
    let conditional = c.has(&[
        "if", "when", "whenever", "once", "makes", "make", "made", "after",
    ]) || out.asked == Some(crate::language::question::Intent::Character);
    // "I lifted something heavy": a verb with an object is something done.
    let done = |r: &Range<usize>| {
        let word = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
        let (next, then) = (word(r.end), word(r.end + 1));
        // "Nastier than the one before": a comparison, not a verb and its object.
        word(r.end - 1) != "than"
            && (matches!(
                next,
                "something"
                    | "anything"
                    | "stuff"
                    | "the"
                    | "it"
                    | "heavy"
                    | "my"
                    | "things"
                    | "up"
                    | "boxes"
                    | "weights"
                    | "them"
            ) || matches!(next, "a" | "an")
                && !matches!(then, "little" | "bit" | "lot" | "touch"))
    };
    // "It never goes further than my backside": where it goes, not its course.
    let goes_to = |r: &Range<usize>| {
        tokens.get(r.end).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "further" | "past" | "beyond" | "anywhere" | "below" | "above" | "lower" | "higher"
            ) || lx.cues.direction.find(std::slice::from_ref(t)).len() == 1
        })
    };
    // "It came on gradually, then built up over the day": how it began; so
    // is "it built up slowly and has stayed the same since".
    let courses = lx.cues.course.find(tokens);
    let how_it_began = |r: &Range<usize>| {
        (onset_told || courses.iter().any(|(_, o)| o.start >= r.end))
            && lx
                .cues
                .onset_mode
                .find(&tokens[r.clone()])
                .iter()
                .any(|(_, m)| m.len() == r.len())
    };
    if let Some((label, r)) = courses
        .iter()
        .find(|(_, r)| said(r) && !done(r) && !how_it_began(r) && !goes_to(r))
        .cloned()
        .filter(|_| !conditional)
        // "It wears off in ten minutes": how a spell ends, not how it is going.
        .filter(|_| !c.has(SPELL_ENDS) || quantity::find_durations(&clause_text).is_empty())
    {
        let polarity = if c.negated_before(r.start + offset, lx) {
            Polarity::Deny
        } else {
            Polarity::Affirm
        };
        out.claim(
            c,
            key(lx, item, Topic::Course),
            Value::choice(label),
            polarity,
            Vec::new(),
            r.start + offset..r.end + offset,
        );
    }
    // "Worse, if anything." to "is it getting better or worse?": the word
    // chosen is the course.
    let answered_course = out.claims.iter().any(|cl| cl.key.topic == Topic::Course);
    let asked_course = out.asked == Some(crate::language::question::Intent::Course);
    if asked_course && !answered_course && out.sentence == 0 {
        let chosen = tokens
            .iter()
            .find(|t| t.is_word())
            .and_then(|t| match t.norm.as_str() {
                "worse" => Some("worsening"),
                "better" => Some("improving"),
                "same" => Some("stable"),
                _ => None,
            });
        if let Some(label) = chosen.filter(|_| c.range.start == c.sentence_start_token()) {
            out.claim(
                c,
                key(lx, item, Topic::Course),
                Value::choice(label),
                Polarity::Affirm,
                Vec::new(),
                offset..offset + 1,
            );
        }
    }
    let score = if out
        .intents
        .contains(&crate::language::question::Intent::Severity)
    {
        quantity::find_answer_score(&clause_text)
    } else {
        quantity::find_score(&clause_text)
    };
    if let Some((score, r)) = score.filter(|(_, r)| !c.quoted(&c.tokens_of(r.clone()))) {
        out.claim(
            c,
            key(lx, item, Topic::Intensity),
            Value::number(score, "/10"),
            Polarity::Affirm,
            Vec::new(),
            c.tokens_of(r),
        );
    }
    // "Each day it's been worse than the one before" says how it goes, not how often.
    let compared = c.has(&["worse", "better", "than", "worsening", "improving"]);
    if let Some((rate, r)) = quantity::find_rate(&clause_text)
        .filter(|(_, r)| !compared && !c.quoted(&c.tokens_of(r.clone())))
    {
        out.claim(
            c,
            key(lx, item, Topic::Frequency),
            Value::number(rate, "/day"),
            Polarity::Affirm,
            Vec::new(),
            c.tokens_of(r),
        );
    }
    // Sites: where it is, and where it goes.
    // "All over the place" is no place.
    let idiom = lx.cues.course.find(tokens).is_empty() && c.has(&["place"]) && c.has(&["over"]);
    // "Lying down with my scrotum supported helps": the site is part of what helps.
    let factor_talk = c.has(&[
        "helps", "help", "helped", "eases", "eased", "relieves", "makes", "made", "better",
    ]);
    let sites: Vec<&Mention> = c
        .mentions()
        .map(|(_, m)| m)
        .filter(|m| m.is_site(lx.layer) && m.items.is_empty() && !idiom && !factor_talk)
        .collect();
    // "The pain stops at the elbow", "as far as my knee": how far it spreads.
    let limit = |m: &Mention| {
        let word = |k: usize| c.read.tokens.get(k).map_or("", |t| t.norm.as_str());
        let k = m.range.start;
        (k.saturating_sub(3)..k).any(|j| {
            j > 0
                && matches!(word(j), "at" | "as" | "than")
                && matches!(
                    word(j - 1),
                    "stops"
                        | "stop"
                        | "stopped"
                        | "stopping"
                        | "far"
                        | "further"
                        | "lower"
                        | "higher"
                )
        })
    };
    let (dest, here): (Vec<&Mention>, Vec<&Mention>) =
        sites.into_iter().partition(|m| m.destination || limit(m));
    if !dest.is_empty() {
        let first = dest
            .iter()
            .map(|m| m.range.start)
            .min()
            .unwrap_or(c.range.start);
        // "It never goes further than my backside" says how far it goes.
        let bounded = dest.iter().all(|m| limit(m));
        let polarity = if c.negated_before(first, lx) && !bounded {
            Polarity::Deny
        } else {
            Polarity::Affirm
        };
        let ids = concept_ids(lx, &dest);
        let text = dest
            .iter()
            .map(|m| crate::language::text::slice(&out.reply, &c.read.tokens, m.range.clone()))
            .collect::<Vec<_>>()
            .join(", ");
        let motion = c.range.clone().filter(|&k| {
            lx.cues.is_motion(&c.read.tokens[k])
                || lx
                    .cues
                    .direction
                    .any(std::slice::from_ref(&c.read.tokens[k]))
        });
        let mut used: Vec<usize> = motion.collect();
        used.extend(dest.iter().flat_map(|m| m.range.clone()));
        let r = used.iter().min().copied().unwrap_or(first)
            ..used.iter().max().map_or(first + 1, |m| m + 1);
        out.claim(
            c,
            key(lx, item, Topic::Radiation),
            Value::text(text),
            polarity,
            ids,
            r,
        );
    } else if let Some((_, r)) = lx.cues.staying.first(tokens) {
        out.claim(
            c,
            key(lx, item, Topic::Radiation),
            Value::text(""),
            Polarity::Deny,
            Vec::new(),
            r.start + offset..r.end + offset,
        );
    }
    // A site said of the symptom: after "in", "on", "at"... in a clause about it
    // ("it's in my back", "in my legs, the tops of both thighs"), not the thing
    // a hand was put on ("I felt her forehead", "push on the arms").
    let handled = c.has(&[
        "felt", "feel", "touched", "touch", "push", "pushed", "pushing", "hold", "held", "lift",
        "lifted", "looked", "checked", "rub", "rubbed", "press", "pressed", "pressing",
    ]);
    // Words that put a clause (or sentence) on the symptom itself.
    const ABOUT_IT: &[&str] = &["it", "it's", "its", "pain", "ache", "they", "them"];
    let opens_sentence = c.range.start == c.sentence_start_token();
    let about_it = c.has(ABOUT_IT) || c.has(&["located"]) || opens_sentence;
    let here: Vec<&Mention> = here
        .into_iter()
        .filter(|m| !c.quoted(&m.range))
        .filter(|m| {
            (m.range.start.saturating_sub(3)..m.range.start).any(|k| {
                matches!(
                    c.read.tokens[k].norm.as_str(),
                    "in" | "on"
                        | "at"
                        | "around"
                        | "round"
                        | "across"
                        | "behind"
                        | "under"
                        | "over"
                        | "into"
                        | "inside"
                        | "near"
                        | "above"
                        | "below"
                        | "by"
                        | "down"
                )
            })
        })
        .collect();
    if !here.is_empty() && !negated && !fine_here && !handled && about_it {
        let r = here.iter().map(|m| m.range.start).min().unwrap_or(0)
            ..here.iter().map(|m| m.range.end).max().unwrap_or(0);
        location(c, item, &here, lx, out, r);
    } else if here.is_empty() && dest.is_empty() {
        // "It's on the left": a side with no site named.
        // "Right, okay", "all right, so": a word of talk, not a side (unless
        // the side was asked: "Which side?" "Right.").
        let talk = |r: &Range<usize>| {
            let at = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
            let opens = r.start == 0
                && (tokens.get(r.end).is_none_or(|t| t.kind == Kind::Punct)
                    || matches!(at(r.end), "okay" | "ok" | "so" | "then" | "well" | "yes"));
            r.len() == 1
                && at(r.start) == "right"
                && (r.start > 0 && at(r.start - 1) == "all" || opens)
                && out.asked != Some(crate::language::question::Intent::Location)
        };
        if let Some((label, r)) = lx
            .cues
            .sides(tokens)
            .into_iter()
            .next()
            .filter(|(_, r)| !talk(r))
        {
            // Of the symptom, not of what was done ("swing both legs round").
            let sentence_about_it = c.sentence_tokens().iter().any(|t| {
                let w = t.norm.as_str();
                ABOUT_IT.contains(&w) || w == "one"
            }) || opens_sentence;
            if lx.items[item].side.is_some()
                && !negated
                && !fine_here
                && sentence_about_it
                && !handled
            {
                let mut ids = vec![format!("side:{label}")];
                if said_only(c) {
                    ids.push("only".into());
                }
                out.claim(
                    c,
                    key(lx, item, Topic::Location),
                    Value::text(label),
                    Polarity::Affirm,
                    ids,
                    r.start + offset..r.end + offset,
                );
            }
        }
    }
    // What it feels like.
    // A word for a feeling said of the symptom: next to a symptom word, or
    // after "feels", "it's", "like" ("I lifted something heavy" is not it).
    let said_of = |m: &&Mention| {
        let before = m.range.start.saturating_sub(3)..m.range.start;
        let near_symptom = c.mentions().any(|(_, o)| {
            o.kind == Some(ConceptKind::Symptom)
                && (o.range.start >= m.range.end && o.range.start <= m.range.end + 3
                    || o.range.end <= m.range.start && o.range.end + 2 >= m.range.start)
        });
        let locative = c
            .read
            .tokens
            .get(m.range.end)
            .is_some_and(|t| matches!(t.norm.as_str(), "in" | "inside" | "within" | "into"));
        // "achy more than sharp": what it is compared with is not what it is.
        !locative
            && !compared_with(c, m)
            && (near_symptom
                || before.clone().any(|k| {
                    matches!(
                        c.read.tokens[k].norm.as_str(),
                        "feels"
                            | "feel"
                            | "felt"
                            | "feeling"
                            | "like"
                            | "is"
                            | "'s"
                            | "are"
                            | "was"
                    )
                }))
    };
    let feels: Vec<&Mention> = c
        .mentions()
        .map(|(_, m)| m)
        .filter(|m| {
            // "Achy" is a pain and what one feels like: bare, it is the latter.
            m.kind == Some(ConceptKind::Descriptor)
                || m.sense(ConceptKind::Descriptor, lx.layer).is_some()
                    && (m.items.is_empty()
                        || m.site.is_none()
                            && !m.composed
                            && m.concept.is_some_and(|q| lx.layer.get(q).id == "pain"))
        })
        .collect();
    // Every feeling the clause names, for the comparison: "someone's pulled
    // a belt tight" says tight as much as pulled.
    let named_feelings = concept_ids(lx, &feels);
    // "A throbbing lump at my back passage", the record's own words for
    // it: true of it whatever its character field says.
    let feels: Vec<&Mention> = feels
        .into_iter()
        .filter(said_of)
        .filter(|m| {
            !c.read.tokens[m.range.clone()]
                .iter()
                .all(|t| lx.worded_with(item, &t.stem))
        })
        .collect();
    // "It came on suddenly, like something had burst": how it began.
    let in_sentence = |words: &[&str]| {
        c.sentence_tokens()
            .iter()
            .any(|t| words.contains(&t.norm.as_str()))
    };
    let onset_story = in_sentence(&["came", "started", "began", "happened", "hit"])
        && !in_sentence(&["feels", "feel", "felt", "feeling"]);
    let simile = feels.first().is_some_and(|m| {
        (m.range.start.saturating_sub(3)..m.range.start).any(|k| {
            matches!(
                c.read.tokens[k].norm.as_str(),
                "something" | "if" | "though"
            )
        })
    });
    let story_simile = onset_story && simile;
    if !feels.is_empty() && !story_simile {
        let polarity = if c.negated_before(feels[0].range.start, lx) {
            Polarity::Deny
        } else {
            Polarity::Affirm
        };
        let ids = if polarity == Polarity::Affirm {
            named_feelings
        } else {
            concept_ids(lx, &feels)
        };
        let text = feels
            .iter()
            .map(|m| crate::language::text::slice(&out.reply, &c.read.tokens, m.range.clone()))
            .collect::<Vec<_>>()
            .join(", ");
        let r = feels[0].range.start..feels[feels.len() - 1].range.end;
        out.claim(
            c,
            key(lx, item, Topic::Character),
            Value::text(text),
            polarity,
            ids,
            r,
        );
    }
}

/// "an hour after a big dinner", "over a few weeks": a time said relative to
/// something else, not how long ago or for how long.
fn relative_to_event(text: &str, r: &Range<usize>) -> bool {
    let before = text.get(..r.start).unwrap_or("").trim_end().to_lowercase();
    let after = text.get(r.end..).unwrap_or("").trim_start().to_lowercase();
    // "an hour or so after": the hedge comes between.
    let after = [
        "or so",
        "or two",
        "and a half",
        "or more",
        "at most",
        "at least",
    ]
    .iter()
    .find_map(|h| after.strip_prefix(h))
    .map_or(after.clone(), |a| a.trim_start().to_string());
    // "A week-ish before Christmas".
    let after = after
        .strip_prefix("-ish")
        .or_else(|| after.strip_prefix("ish"))
        .map_or(after.clone(), |a| a.trim_start().to_string());
    before.ends_with("over")
        || before.ends_with("within")
        || before.ends_with("every")
        || ["after", "before", "later", "earlier", "into", "of"]
            .iter()
            .any(|w| after.starts_with(w))
}

fn today() -> Option<time::Date> {
    Some(time::OffsetDateTime::now_utc().date())
}

/// What makes it worse or better, and what set it off.
fn factors(c: &Clause<'_>, lx: &Lexicon, item: usize, out: &mut Out) {
    use crate::language::question::Intent;
    let word = |j: usize| c.read.tokens.get(j).map_or("", |t| t.norm.as_str());
    let shift = |found: Vec<(&'static str, Range<usize>)>, at: usize| {
        found
            .into_iter()
            .map(move |(l, r)| (l, r.start + at..r.end + at))
            .collect::<Vec<_>>()
    };
    // "can't", "couldn't": the "not" at `k` says what the patient is unable to do.
    let cannot =
        |k: usize| word(k) == "not" && k > 0 && matches!(word(k - 1), "can" | "ca" | "could");
    let mut cues = shift(lx.cues.factor.find(c.tokens()), c.range.start);
    cues.retain(|(label, r)| match *label {
        "worse" => !course_worse(c, r.start),
        // "I can't help worrying" is no remedy that failed.
        "failed" => !cannot(r.start),
        _ => true,
    });
    // "Leaning forward is the only thing that helps": the cue in the relative clause after.
    if matches!(word(c.range.end), "that" | "which" | "only") {
        let end = c.sentence_start_token() + c.sentence_tokens().len();
        let window = c.range.end + 1..end.min(c.range.end + 5).max(c.range.end + 1);
        let after = shift(
            lx.cues.factor.find(&c.read.tokens[window.clone()]),
            window.start,
        );
        cues.extend(
            after
                .into_iter()
                .filter(|(l, _)| matches!(*l, "worse" | "better")),
        );
    }
    let first = |label: &str| cues.iter().find(|(l, _)| *l == label).map(|(_, r)| r.start);
    let worse = first("worse");
    let better = first("better");
    let failed = first("failed");
    let difference = first("difference");
    // "It makes no difference" is said of both sides.
    let sides = |topic: Topic| {
        if difference.is_some() && failed.is_none() {
            vec![Topic::Aggravating, Topic::Relieving]
        } else {
            vec![topic]
        }
    };
    let started = c
        .find(&[
            "started",
            "began",
            "came",
            "kicked",
            "happened",
            "triggered",
            "brought",
            "descended",
            "hit",
            "struck",
            "appeared",
        ])
        .filter(|_| {
            c.has(&[
                "after", "when", "while", "during", "by", "lifting", "doing", "nowhere", "blue",
                "reason",
            ])
        });
    let kinds = crate::language::concepts::FACTOR_KINDS;
    // A cue's own words name no factor: "didn't touch it", "a blind bit of
    // difference", "it didn't work" (but "the pain relief" is a medicine).
    let in_cue = |m: &Mention| {
        !matches!(m.kind, Some(ConceptKind::Medicine | ConceptKind::DrugClass))
            && cues
                .iter()
                .any(|(_, r)| r.start < m.range.end && m.range.start < r.end)
    };
    let mut things: Vec<&Mention> = c
        .mentions()
        .map(|(_, m)| m)
        .filter(|m| {
            m.kind.is_some_and(|k| kinds.contains(&k))
                || m.sense(ConceptKind::Factor, lx.layer).is_some()
        })
        .filter(|m| !in_cue(m))
        .collect();
    let asked_trigger = out.asked == Some(Intent::Trigger);
    // "No reason", "by itself": of how it began, unless the clause says
    // what it was doing; "nothing I can think of makes it worse" is of
    // what makes it worse.
    let no_reason = |m: &&Mention| m.senses.iter().any(|&s| lx.layer.get(s).id == "no_trigger");
    let of_start = started.is_some()
        || asked_trigger
        || worse.is_none() && better.is_none() && failed.is_none() && difference.is_none();
    if !of_start {
        things.retain(|m| !no_reason(m));
    }
    let no_trigger = things.iter().any(no_reason) && things.iter().all(no_reason);
    // "Nothing helps", "if anything it's worse": not "they did nothing at
    // all", which is what a remedy did.
    let said_of_all = |k: usize, w: &str| {
        word(k) == w
            && !matches!(
                word(k.wrapping_sub(1)),
                "do" | "did" | "does" | "done" | "doing"
            )
    };
    let nothing_said = c.range.clone().any(|k| said_of_all(k, "nothing"));
    let nothing =
        nothing_said || c.range.clone().any(|k| said_of_all(k, "anything")) && c.negated(lx);
    let (topic, cue) = match (worse, better.or(failed), started, difference) {
        _ if no_trigger => (Topic::Trigger, things[0].range.start),
        (_, _, Some(k), _) if things.iter().any(|m| m.range.start > k) => (Topic::Trigger, k),
        (_, _, _, Some(d)) if failed.is_none() => (Topic::Aggravating, d),
        (Some(w), None, _, _) => (Topic::Aggravating, w),
        (None, Some(b), _, _) => (Topic::Relieving, b),
        (Some(w), Some(b), _, _) => {
            if w < b {
                (Topic::Aggravating, w)
            } else {
                (Topic::Relieving, b)
            }
        }
        // Answering "what were you doing when it started?", what was going on
        // is the trigger: told in the past ("the squirrels keep digging up my
        // bulbs" is an aside).
        _ if asked_trigger && !things.is_empty() && told_in_past(c) => {
            (Topic::Trigger, things[0].range.start)
        }
        _ => {
            // "If I lie on my side, ...", "I tried some ibuprofen but ...":
            // what the next clause says it does is said of these.
            let tried = c.has(&[
                "tried", "try", "trying", "took", "taken", "taking", "bought", "used", "using",
                "put", "rubbed", "applied", "gave", "given", "got",
            ]);
            if (tried || c.has(&["if", "when", "whenever"])) && !things.is_empty() {
                let said = vec![mentioned(c, lx, out, &things)];
                if tried {
                    out.tried = Some((out.sentence, said.clone()));
                }
                out.pending_factors = said;
            }
            return;
        }
    };
    if no_trigger {
        out.claim(
            c,
            key(lx, item, Topic::Trigger),
            Value::text(""),
            Polarity::Deny,
            Vec::new(),
            things[0].range.clone(),
        );
        // "Nothing in particular sets it off, it comes out of the blue"; not
        // "nothing set it off", of how it began.
        let past = asked_trigger || c.has(&["set"]) && !c.has(&["to", "does", "do", "will", "can"]);
        if let Some(w) = worse.filter(|_| nothing && !past) {
            out.claim(
                c,
                key(lx, item, Topic::Aggravating),
                Value::text(""),
                Polarity::Deny,
                Vec::new(),
                w..w + 1,
            );
        }
        return;
    }
    // "If I lie on my side, ..., it gets worse": the factor was said in the clause before;
    // "I bought a cream... It did not make the slightest difference": in the sentence before.
    let pending = std::mem::take(&mut out.pending_factors);
    let tried = out
        .tried
        .as_ref()
        .filter(|(s, _)| *s + 1 >= out.sentence)
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    // "It doesn't make a blind bit of difference", said of what the question named.
    let asked_things: Vec<Named> = if !things.is_empty() {
        Vec::new()
    } else if !pending.is_empty() {
        pending
    } else if (failed.is_some() || difference.is_some() || better.is_some() && c.negated(lx))
        && !tried.is_empty()
        && !nothing
    {
        tried
    } else {
        out.asked_things.clone()
    };
    if things.is_empty() && (asked_things.is_empty() || nothing) {
        if nothing {
            let k = c.find(&["nothing", "anything"]).unwrap_or(cue);
            for t in [topic]
                .into_iter()
                .chain((difference.is_some() && failed.is_none()).then_some(Topic::Relieving))
            {
                out.claim(
                    c,
                    key(lx, item, t),
                    Value::text(""),
                    Polarity::Deny,
                    Vec::new(),
                    k.min(cue)..k.max(cue) + 1,
                );
            }
        }
        return;
    }
    // "Painkillers don't touch it", "eating doesn't help": a factor denied;
    // but "I can't sit comfortably" says sitting is what hurts.
    let unable = failed.is_none() && c.range.clone().any(|k| word(k) == "unable" || cannot(k));
    let (topic, unable) = if unable && topic != Topic::Trigger && !nothing {
        (Topic::Aggravating, true)
    } else {
        (topic, false)
    };
    let negated = c.negated(lx) && !nothing && !unable;
    if things.is_empty() {
        let (ids, texts) = asked_things.into_iter().fold(
            (Vec::new(), Vec::new()),
            |(mut ids, mut texts), (i, t)| {
                ids.extend(i);
                texts.push(t);
                (ids, texts)
            },
        );
        let denied = negated || failed.is_some() && topic == Topic::Relieving;
        let said = (Value::text(texts.join(", ")), denied, ids);
        factor_claims(c, lx, item, sides(topic), said, cue..cue + 1, out);
        return;
    }
    // "Standing up for long is the worst, sitting down takes the pressure
    // off": with cues for both, each factor goes with its own.
    let marks: Vec<(Topic, usize)> = [
        worse.map(|w| (Topic::Aggravating, w)),
        better.or(failed).map(|b| (Topic::Relieving, b)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let groups: Vec<(Topic, usize, Vec<&Mention>)> =
        if marks.len() == 2 && things.len() >= 2 && topic != Topic::Trigger && !unable {
            let mut marks = marks;
            marks.sort_by_key(|&(_, k)| k);
            // Said first ("X is the worst"), a factor goes with the cue after
            // it; said after ("worse when X, better when Y"), with the one before.
            let subject_first = things[0].range.start < marks[0].1;
            let mut groups: Vec<(Topic, usize, Vec<&Mention>)> =
                marks.iter().map(|&(t, k)| (t, k, Vec::new())).collect();
            for m in &things {
                let g = if subject_first {
                    marks
                        .iter()
                        .position(|&(_, k)| k > m.range.start)
                        .unwrap_or(1)
                } else {
                    marks
                        .iter()
                        .rposition(|&(_, k)| k < m.range.start)
                        .unwrap_or(0)
                };
                groups[g].2.push(m);
            }
            groups.retain(|g| !g.2.is_empty());
            groups
        } else {
            vec![(topic, cue, things.clone())]
        };
    for (topic, cue, things) in groups {
        let first = things.iter().map(|m| m.range.start).min().unwrap_or(cue);
        let last = things.iter().map(|m| m.range.end).max().unwrap_or(cue + 1);
        // "It came down after straining and wouldn't go back": what set it off
        // is denied only by a "not" before it.
        // "Before I'd even had my tea" denies it as much as a "not".
        let before = (c.range.start..first).any(|k| word(k) == "before");
        let denied = if topic == Topic::Trigger {
            !nothing_said && (c.negated_before(first.max(cue), lx) || before)
        } else if failed.is_some_and(|f| f == cue) {
            true
        } else {
            negated
        };
        let (ids, text) = mentioned(c, lx, out, &things);
        let said = (Value::text(text), denied, ids);
        let span = first.min(cue)..last.max(cue + 1);
        factor_claims(c, lx, item, sides(topic), said, span, out);
    }
}

/// Whether a clause tells something past: "I was lifting", "I'd been up
/// in the loft", "I hadn't eaten", "we walked miles".
fn told_in_past(c: &Clause<'_>) -> bool {
    // From the sentence's start: "I was just sitting" is split at "just".
    c.read.tokens[c.sentence_start_token()..c.range.end]
        .iter()
        .any(|t| {
            let w = t.norm.as_str();
            matches!(
                w,
                "was"
                    | "were"
                    | "had"
                    | "'d"
                    | "i'd"
                    | "we'd"
                    | "did"
                    | "been"
                    | "got"
                    | "went"
                    | "came"
                    | "took"
                    | "began"
                    | "hit"
                    | "felt"
                    | "ate"
                    | "fell"
                    | "rolled"
            ) || w.len() > 4 && w.ends_with("ed")
        })
}

/// One claim of a factor's value (with its polarity and concepts) under each topic.
fn factor_claims(
    c: &Clause<'_>,
    lx: &Lexicon,
    item: usize,
    topics: Vec<Topic>,
    (value, denied, ids): (Value, bool, Vec<String>),
    span: Range<usize>,
    out: &mut Out,
) {
    for t in topics {
        let polarity = if denied {
            Polarity::Deny
        } else {
            Polarity::Affirm
        };
        out.claim(
            c,
            key(lx, item, t),
            value.clone(),
            polarity,
            ids.clone(),
            span.clone(),
        );
    }
}

/// The things a clause names: their concepts, and their words as said.
fn mentioned(c: &Clause<'_>, lx: &Lexicon, out: &Out, things: &[&Mention]) -> Named {
    (
        concept_ids(lx, things),
        things
            .iter()
            .map(|m| {
                crate::language::text::slice(&out.reply, &c.read.tokens, m.range.clone())
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// "It has got worse since", "getting worse over the days": how it is
/// going, not what makes it so.
fn course_worse(c: &Clause<'_>, k: usize) -> bool {
    let word = |j: usize| c.read.tokens.get(j).map_or("", |t| t.norm.as_str());
    let mut j = k;
    while j > 0
        && matches!(
            word(j - 1),
            "a" | "lot" | "much" | "bit" | "little" | "far" | "even" | "lots"
        )
    {
        j -= 1;
    }
    let course_verb = j > 0 && matches!(word(j - 1), "got" | "getting" | "gotten" | "grown");
    let ends = k + 1 >= c.range.end
        || matches!(
            word(k + 1),
            "since" | "ever" | "over" | "and" | "." | "," | "now"
        );
    course_verb && ends
}

/// Whether the clause says "if", "whenever" or "when" before token `at`.
fn conditional_before(c: &Clause<'_>, at: usize) -> bool {
    (c.range.start..at)
        .any(|k| matches!(c.read.tokens[k].norm.as_str(), "if" | "whenever" | "when"))
}
