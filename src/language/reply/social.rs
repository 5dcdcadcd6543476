//! Habits and life in a reply: smoking, drinking and drugs (with amounts
//! and when they stopped), work, home, diet, exercise, age, name, body
//! measures and reproductive history; and a bare "yes" or "no" read against
//! the question it answers.

use super::{Clause, Context, Out, concept_ids};
use crate::language::claim::Polarity;
use crate::language::concepts::ConceptKind;
use crate::language::lexicon::{Lexicon, Read};
use crate::language::mention::Mention;
use crate::language::question::{Asked, Intent};
use crate::language::{quantity, text};
use crate::memory::{Key, Topic, Value};
use std::ops::Range;

pub(super) fn read(c: &Clause<'_>, cx: &Context<'_>, out: &mut Out) {
    let lx = cx.lexicon;
    asked_values(c, lx, out);
    habits(c, lx, out);
    work(c, lx, out);
    home(c, lx, out);
    lifestyle(c, lx, out);
    age_and_name(c, out);
    reproductive(c, lx, out);
    children(c, lx, out);
}

/// Children counted: "two grown-up daughters", "the one daughter", "a boy and
/// a girl", "my two girls" are births (a record of a woman's births holds them).
fn children(c: &Clause<'_>, lx: &Lexicon, out: &mut Out) {
    const CHILD: &[&str] = &[
        "son",
        "sons",
        "daughter",
        "daughters",
        "child",
        "children",
        "kid",
        "kids",
        "boy",
        "boys",
        "girl",
        "girls",
    ];
    // Counted over the sentence ("I had a son, and then a daughter"), once.
    if out
        .claims
        .iter()
        .any(|cl| cl.key.topic == Topic::Births && cl.span == c.sentence)
    {
        return;
    }
    let tokens = c.sentence_tokens();
    let first = c.sentence_start_token();
    let word = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    // Someone else's children ("my sister's two boys"), grandchildren, or a
    // child the patient is not the mother of are not her births.
    let others = c.sentence_mentions().any(|m| {
        m.sense(ConceptKind::Relative, lx.layer).is_some()
            && !m
                .range
                .clone()
                .any(|k| CHILD.contains(&c.read.tokens[k].norm.as_str()))
    });
    if others
        || c.sentence_has(&[
            "grand",
            "grandchildren",
            "grandkids",
            "step",
            "stepson",
            "stepdaughter",
            "adopted",
            "foster",
            "nephew",
            "niece",
        ])
    {
        return;
    }
    let mut total = 0.0;
    let mut span: Option<Range<usize>> = None;
    for k in 0..tokens.len() {
        if !CHILD.contains(&word(k)) {
            continue;
        }
        // The number before it, past a word or two that describe them.
        let describing = |j: usize| {
            matches!(
                word(j),
                "grown" | "up" | "-" | "little" | "young" | "older" | "lovely" | "beautiful"
            )
        };
        let singular = !word(k).ends_with('s');
        let counted = (k.saturating_sub(4)..k).rev().find_map(|j| {
            if !(j + 1..k).all(describing) {
                return None;
            }
            let w = word(j);
            let n = match w {
                "a" | "an" | "one" if singular => Some(1.0),
                _ if singular => None,
                _ => quantity::number_word(w).filter(|n| (2.0..20.0).contains(n)),
            };
            n.map(|n| (n, j))
        });
        // Had by the patient: "I've got two", "two, a boy and a girl", "my
        // two girls", one more after one counted ("a son and a daughter");
        // not "when I was a girl", "as a child".
        let counted_before = span.is_some();
        let had = |j: usize| {
            !crate::language::mention::young_at(tokens, j)
                && ((j.saturating_sub(4)..j).any(|h| {
                    matches!(
                        word(h),
                        "have" | "has" | "had" | "got" | "gave" | "birth" | "with" | "my"
                    ) || word(h) == "and" && counted_before
                }) || (0..j).all(|h| {
                    !tokens[h].is_word()
                        || matches!(word(h), "yes" | "yeah" | "just" | "only" | "the")
                        || quantity::number_word(word(h)).is_some_and(|n| n >= 1.0)
                }))
        };
        if let Some((n, j)) = counted.filter(|&(_, j)| had(j)) {
            total += n;
            span = Some(span.map_or(j..k + 1, |s| s.start..k + 1));
        }
    }
    if let (Some(r), true) = (span, total >= 1.0) {
        out.claim(
            c,
            Key::of(Topic::Births),
            Value::number(total, "births"),
            Polarity::Affirm,
            Vec::new(),
            r.start + first..r.end + first,
        );
    }
}

/// When the patient stopped smoking, said as a time ago ("about ten years
/// back") or by their age ("in my fifties"); whether one was said.
fn quit_time(c: &Clause<'_>, lx: &Lexicon, clause_text: &str, out: &mut Out) -> bool {
    let Some(said) = c.time_ago(lx, clause_text) else {
        return false;
    };
    quit_claim(c, said, out);
    true
}

/// The patient stopped smoking `days` ago, said over `span` of the clause's text.
fn quit_claim(c: &Clause<'_>, (days, span): (f64, Range<usize>), out: &mut Out) {
    out.claim(
        c,
        Key::of(Topic::SmokingQuit),
        Value::days(days),
        Polarity::Affirm,
        Vec::new(),
        c.tokens_of(span),
    );
}

/// A bare value answering the question: "Sixty-eight." to "how old are
/// you?", "About ten a day." to "how much do you smoke?", "Two." to "any children?".
fn asked_values(c: &Clause<'_>, lx: &Lexicon, out: &mut Out) {
    use crate::language::question::Intent;
    let clause_text = c.text(&out.reply).to_string();
    let first_word = c
        .tokens()
        .iter()
        .find(|t| t.is_word() || t.number().is_some())
        .map(|t| t.norm.clone())
        .unwrap_or_default();
    let number = |w: &str| match w {
        "once" => Some(1.0),
        "twice" => Some(2.0),
        _ => quantity::number_word(w).filter(|n| *n >= 1.0 && !matches!(w, "a" | "an")),
    };
    // "About ten years ago", "in my fifties" to "when did you stop smoking?".
    // Not "it started four months ago", a symptom's own time.
    let symptom_time = c.has(&["started", "began", "start", "came", "noticed", "it's", "it"]);
    if out.asked_quit
        && !symptom_time
        && habit_of(c, lx, &["smoking", "alcohol"]).is_none()
        && quit_time(c, lx, &clause_text, out)
    {
        return;
    }
    match out.asked {
        Some(Intent::Age) if out.sentence == 0 && !c.has(&["ago", "since", "when"]) => {
            let words: Vec<&str> = clause_text
                .split(|ch: char| !(ch.is_alphanumeric() || ch == '-'))
                .filter(|w| !w.is_empty())
                .collect();
            if let Some(n) = words.iter().enumerate().find_map(|(i, w)| {
                number(w)
                    .or_else(|| w.parse().ok())
                    .map(|n| a_year_on(n, words.get(i + 1).copied()))
            }) {
                let hedged = c.has(&[
                    "nearly", "almost", "about", "around", "getting", "turning", "over",
                ]);
                if (1.0..=110.0).contains(&n)
                    && !out.claims.iter().any(|cl| cl.key.topic == Topic::Age)
                {
                    out.claim(
                        c,
                        Key::of(Topic::Age),
                        Value::number(n, if hedged { "years~" } else { "years" }),
                        Polarity::Affirm,
                        Vec::new(),
                        c.range.clone(),
                    );
                }
            }
        }
        // "Seven in a week", in a sentence about wine, is not cigarettes.
        // "Roughly how much do you smoke?" asks an amount of smoking.
        Some(Intent::Smoking | Intent::Frequency)
            if out.intents.contains(&Intent::Smoking)
                && habit_of(c, lx, &["smoking", "alcohol"]).is_none()
                && !c.sentence_tokens().iter().any(|t| lx.cues.is_drink(t)) =>
        {
            // "I gave up about twenty years ago", to "do you smoke?".
            let stopped = c.has(&["quit", "quitting", "stopped", "kicked"])
                || c.has(&["gave", "give", "giving", "packed"]) && c.has(&["up", "in"]);
            let former = stopped
                && c.has(&["i", "i've", "i'd"])
                && !c.has(&["drink", "drinking", "booze", "alcohol"])
                // "Never smoked", but "never looked back" is no denial.
                && !c.find(&["never"]).is_some_and(|k| {
                    !c.read.tokens.get(k + 1).is_some_and(|t| {
                        matches!(t.norm.as_str(), "looked" | "look" | "been" | "felt")
                    })
                })
                // "I used to use cannabis, but I stopped": another habit in the sentence.
                && !c.sentence_mentions().any(|m| {
                    matches!(
                        m.kind,
                        Some(ConceptKind::Substance | ConceptKind::Habit | ConceptKind::Medicine)
                    )
                })
                && out.asked == Some(Intent::Smoking);
            if former {
                out.claim(
                    c,
                    Key::of(Topic::Smoking),
                    Value::choice("former"),
                    Polarity::Affirm,
                    Vec::new(),
                    c.range.clone(),
                );
                quit_time(c, lx, &clause_text, out);
                return;
            }
            let per_day = (out.sentence == 0 || c.has(&["day", "daily"])) && !c.negated(lx);
            let said = quantity::packs_per_day(&clause_text)
                .or_else(|| quantity::packs_said(&clause_text).filter(|_| per_day));
            if let Some(packs) = said {
                out.claim(
                    c,
                    Key::of(Topic::SmokingAmount),
                    Value::number(packs, "packs/day"),
                    Polarity::Affirm,
                    Vec::new(),
                    c.range.clone(),
                );
            }
        }
        _ if out.intents.contains(&Intent::Pregnancy) && out.sentence == 0 => {
            if let Some(n) = number(&first_word) {
                let births = out.asked_children;
                let (topic, unit) = if births {
                    (Topic::Births, "births")
                } else {
                    (Topic::Pregnancies, "pregnancies")
                };
                if n < 20.0 {
                    out.claim(
                        c,
                        Key::of(topic),
                        Value::number(n, unit),
                        Polarity::Affirm,
                        Vec::new(),
                        c.range.clone(),
                    );
                }
            }
        }
        _ => {}
    }
}

fn habit_of(c: &Clause<'_>, lx: &Lexicon, ids: &[&str]) -> Option<Range<usize>> {
    c.mentions()
        .find(|(_, m)| is_habit(m, lx, ids))
        .map(|(_, m)| m.range.clone())
}

/// Where the clause names a relative who may be the one doing something:
/// not one the patient does it with ("every evening with my husband").
fn relatives_doing<'c>(c: &'c Clause<'_>, lx: &Lexicon) -> impl Iterator<Item = usize> + 'c {
    c.kinds(ConceptKind::Relative, lx)
        .into_iter()
        .map(|(i, _)| c.mention(i).range.start)
        .filter(|&start| !(start.saturating_sub(2)..start).any(|k| c.read.tokens[k].norm == "with"))
}

/// Whether mention `m` falls under one of the concepts `ids`.
fn is_habit(m: &Mention, lx: &Lexicon, ids: &[&str]) -> bool {
    m.senses.iter().any(|&s| {
        ids.iter().any(|id| {
            lx.layer
                .lineage(s)
                .iter()
                .any(|&u| lx.layer.get(u).id == *id)
        })
    })
}

fn habits(c: &Clause<'_>, lx: &Lexicon, out: &mut Out) {
    let clause_text = c.text(&out.reply).to_string();
    let habit_asked = out
        .intents
        .iter()
        .any(|i| matches!(i, Intent::Alcohol | Intent::Smoking | Intent::Drugs));
    // "Regarding smoking, drinking and drugs": naming a habit says nothing of it.
    let speaks = c.has(&[
        "i", "me", "my", "i'm", "myself", "never", "not", "no", "yes", "yeah", "nope",
    ]) || out.sentence == 0 && c.range.start == 0
        // Asked about a habit, the reply's habits are the patient's own.
        || habit_asked;
    // "Regarding smoking, drinking and drugs, the answer is no": a heading, then the answer.
    let word = |k: usize| c.read.tokens.get(k).map_or("", |t| t.norm.as_str());
    // The heading may be the sentence's, its list cut into clauses at the commas.
    let start = c.sentence_start_token();
    let heading = (matches!(word(start), "regarding" | "concerning")
        || matches!(
            (word(start), word(start + 1)),
            ("as", "for" | "regards") | ("with", "regards" | "regard") | ("in", "terms")
        ))
        && !c.has(&["i", "i'm", "i've", "me"]);
    // "My dad smoked and I hated the smell": a relative's habit.
    let relatives = relatives_doing(c, lx).next().is_some()
        && !c.has(&["i", "i'm", "i've", "i'd", "me", "myself"]);
    if !speaks || heading || relatives {
        return;
    }
    let tokens = c.tokens();
    let former = lx
        .cues
        .former
        .first(tokens)
        .map(|(_, r)| r.start + c.range.start..r.end + c.range.start);
    let negated = c.negated(lx);
    let never = c.has(&["never"]) || clause_text.to_lowercase().contains("not ever");
    let drug_named = habit_of(c, lx, &["recreational_drugs", "recreational_substances"]).is_some()
        || c.kinds(ConceptKind::Substance, lx).iter().any(|&(_, s)| {
            lx.layer
                .lineage(s)
                .iter()
                .any(|&u| lx.layer.get(u).id == "recreational_substances")
        });
    // "... so about twenty years ago now", after "I stopped smoking" in the same sentence.
    if habit_of(c, lx, &["smoking", "alcohol"]).is_none() && out.habit == Some("former smoking") {
        quit_time(c, lx, &clause_text, out);
    }
    if let (Some(r), false) = (habit_of(c, lx, &["smoking"]), drug_named) {
        let smoked_past = c.has(&["smoked"]) && !c.has(&["have", "has", "been"]);
        let status = if never && former.is_none() {
            "never"
        } else if former.is_some() || smoked_past {
            "former"
        } else if negated
            || c.has(&["non-smoker", "nonsmoker"])
            || r.start >= 1 && matches!(c.read.tokens[r.start - 1].norm.as_str(), "non" | "-")
        {
            "not now"
        } else {
            "current"
        };
        out.claim(
            c,
            Key::of(Topic::Smoking),
            Value::choice(status),
            Polarity::Affirm,
            Vec::new(),
            r.clone(),
        );
        if let Some(f) = &former {
            out.use_tokens(f.clone());
        }
        if let (Some(packs), false) = (quantity::packs_per_day(&clause_text), negated) {
            out.claim(
                c,
                Key::of(Topic::SmokingAmount),
                Value::number(packs, "packs/day"),
                Polarity::Affirm,
                Vec::new(),
                r.clone(),
            );
            if let Some(a) = quantity::find_amount(&clause_text) {
                out.use_tokens(c.tokens_of(a.span));
            }
        }
        out.habit = Some(if status == "former" {
            "former smoking"
        } else {
            "smoking"
        });
        if status == "former" {
            let by_age = lx
                .age
                .and_then(|age| crate::language::when::find_by_age(&clause_text, age));
            if let Some(said) = by_age.filter(|_| !c.has(&["ago"])) {
                quit_claim(c, said, out);
            } else if let Some((days, span)) =
                quantity::find_durations(&clause_text).into_iter().next()
            {
                let topic = if c.has(&["ago"]) || former.is_some() && !c.has(&["for"]) {
                    Topic::SmokingQuit
                } else {
                    Topic::SmokingYears
                };
                let value = if topic == Topic::SmokingQuit {
                    Value::days(days)
                } else {
                    Value::number(days / 365.25, "years")
                };
                out.claim(
                    c,
                    Key::of(topic),
                    value,
                    Polarity::Affirm,
                    Vec::new(),
                    c.tokens_of(span),
                );
            }
        }
    }
    let sentence_tokens = c
        .read
        .tokens
        .iter()
        .filter(|t| t.span.start >= c.sentence.start && t.span.end <= c.sentence.end);
    let not_alcohol = sentence_tokens.into_iter().any(|t| matches!(t.norm.as_str(), "water" | "fluids" | "tea" | "teas" | "coffee" | "coffees" | "juice" | "squash" | "milk" | "fluid" | "pop" | "fizzy" | "eat" | "eating" | "food"))
        // "an ice-cold drink", "a lot to drink": something to drink, not alcohol.
        || c.mentions().any(|(_, m)| {
            let before = |k: usize| m.range.start.checked_sub(k).map_or("", |j| c.read.tokens[j].norm.as_str());
            matches!(before(1), "cold" | "hot" | "soft" | "fizzy" | "warm" | "cool" | "sugary" | "energy") && c.read.tokens[m.range.start].norm.starts_with("drink")
                || before(1) == "to"
        });
    // "A few cans at parties, maybe once a fortnight", answering "do you drink?".
    // "I used to smoke, only about five a day", answering "do you smoke or
    // drink?": the sentence's habit is smoking.
    let asked_drink = out.intents.contains(&Intent::Alcohol)
        && !c.sentence_mentions().any(|m| is_habit(m, lx, &["smoking"]));
    let drinking = habit_of(c, lx, &["alcohol"]).or_else(|| {
        (asked_drink && quantity::drinks_per_week(&format!("drinks {clause_text}")).is_some())
            .then(|| c.range.clone())
    });
    // "I've not been drinking much", answering about the waterworks: fluids.
    let bare_verb = drinking.as_ref().is_some_and(|r| {
        c.read.tokens[r.clone()]
            .iter()
            .all(|t| t.norm.starts_with("drink") || t.norm == "drank")
    }) && !c
        .sentence_tokens()
        .iter()
        .any(|t| lx.cues.is_drink(t) && !t.norm.starts_with("drink"));
    let not_alcohol = not_alcohol || bare_verb && out.asked.is_some() && !habit_asked;
    // "I never drink before a shift": when, not whether.
    let qualified = negated && c.has(&["before", "during", "while", "whilst", "until", "driving"]);
    if let (Some(r), false) = (drinking, not_alcohol || qualified) {
        let rarely = c.sentence_has(&[
            "hardly",
            "barely",
            "rarely",
            "odd",
            "occasional",
            "occasionally",
            "christmas",
            "birthdays",
            "birthday",
            "weddings",
            "sometimes",
            "special",
            "now",
            "seldom",
        ]);
        let status = if former.is_some() && !c.has(&["binge"])
            || negated && c.has(&["anymore", "longer", "now"])
        {
            "not now"
        } else if negated && !c.has(&["hardly", "barely"])
            || c.has(&["teetotal", "teetotaller", "tt"])
        {
            "none"
        } else if rarely
            && !c.sentence_has(&["every", "daily", "lot", "heavily", "bottle"])
            // "Maybe six a week, the odd glass of wine": the amount says how much.
            && out
                .reply
                .get(c.sentence.clone())
                .is_none_or(|s| quantity::drinks_per_week(s).is_none())
        {
            "occasional"
        } else {
            "some"
        };
        out.claim(
            c,
            Key::of(Topic::Alcohol),
            Value::choice(status),
            Polarity::Affirm,
            Vec::new(),
            r.clone(),
        );
        if let Some(f) = &former {
            out.use_tokens(f.clone());
        }
        // "A dozen drinks a week, a few beers at the weekend and the odd one
        // midweek": the first amount of the sentence is the whole, the rest its parts.
        let sentence_amount = out
            .reply
            .get(c.sentence.clone())
            .and_then(quantity::drinks_per_week);
        let amount = quantity::drinks_per_week(&clause_text)
            .map(|n| sentence_amount.unwrap_or(n))
            .or_else(|| {
                asked_drink
                    .then(|| quantity::drinks_per_week(&format!("drinks {clause_text}")))
                    .flatten()
            });
        if let (Some(n), false) = (amount, negated) {
            out.claim(
                c,
                Key::of(Topic::AlcoholAmount),
                Value::number(n, "drinks/week"),
                Polarity::Affirm,
                Vec::new(),
                r,
            );
            if let Some(a) = quantity::find_amount(&clause_text) {
                out.use_tokens(c.tokens_of(a.span));
            }
        }
    }
    let drugs = habit_of(c, lx, &["recreational_drugs", "recreational_substances"]);
    if let Some(r) = drugs {
        if !c.has(&["prescribed", "prescription", "allergic"]) {
            let status = if former.is_some() {
                "former"
            } else if negated {
                "none"
            } else {
                "some"
            };
            out.claim(
                c,
                Key::of(Topic::Drugs),
                Value::choice(status),
                Polarity::Affirm,
                Vec::new(),
                r,
            );
        }
    }
}

/// "I work as a bus driver", "I'm a retired teacher", "I'm at school".
fn work(c: &Clause<'_>, lx: &Lexicon, out: &mut Out) {
    let jobs = c.kinds(ConceptKind::Occupation, lx);
    if jobs.is_empty() {
        return;
    }
    // Said in the clause's sentence: "It's a nightmare at work. I'm on
    // reception", "I'm up at five for my shifts at the packing plant".
    let work_words = c.sentence_has(&[
        "work",
        "worked",
        "working",
        "works",
        "job",
        "retired",
        "living",
        "career",
        "trade",
        "profession",
        "shift",
        "shifts",
        "teach",
        "teaching",
        "taught",
    ]);
    let i_am_a = (c.range.start..c.range.end).any(|k| {
        let w = |j: usize| c.read.tokens.get(j).map_or("", |t| t.norm.as_str());
        matches!(w(k), "am" | "was" | "i'm")
            && matches!(w(k + 1), "a" | "an" | "still" | "now" | "retired" | "on")
            // "I'll be your doctor": a model that forgot it is the patient.
            || matches!(w(k), "am" | "i'm" | "be") && w(k + 1) == "your"
    });
    let about_me =
        work_words || i_am_a || out.asked == Some(crate::language::question::Intent::Occupation);
    // ("a school dinner lady" names the job, not another person).
    let in_job = |k: usize| jobs.iter().any(|&(i, _)| c.mention(i).range.contains(&k));
    let someone_else = !c.kinds(ConceptKind::Relative, lx).is_empty()
        || c.range.clone().any(|k| {
            let t = &c.read.tokens[k];
            lx.cues.is_other_person(t) && t.norm != "doctor" && t.norm != "nurse" && !in_job(k)
        });
    // "I'm too little for school", "not at school yet": no work or school at all.
    let too_young = c.has(&["yet", "nursery", "preschool", "playgroup"])
        || (c.range.start..c.range.end).any(|k| {
            let w = |j: usize| c.read.tokens.get(j).map_or("", |t| t.norm.as_str());
            w(k) == "too" && matches!(w(k + 1), "little" | "young" | "small")
        });
    if !about_me || someone_else || too_young {
        return;
    }
    // "Since right out of high school": where they came from, not the job;
    // "I can't work out why": no work at all.
    let jobs: Vec<_> = jobs
        .into_iter()
        .filter(|&(i, _)| {
            let end = c.mention(i).range.end;
            let work_out = end > 0
                && c.read.tokens[end - 1].norm.starts_with("work")
                && c.read.tokens.get(end).is_some_and(|t| t.norm == "out");
            !work_out
        })
        .filter(|&(i, _)| {
            let start = c.mention(i).range.start;
            !(start.saturating_sub(4)..start).any(|k| {
                matches!(
                    c.read.tokens[k].norm.as_str(),
                    "since" | "out" | "left" | "leaving" | "after" | "from" | "before"
                )
            })
        })
        // "I counted it up for the nurse": someone the patient saw.
        .filter(|&(i, _)| {
            let start = c.mention(i).range.start;
            let word = |k: usize| {
                start
                    .checked_sub(k)
                    .map_or("", |j| c.read.tokens[j].norm.as_str())
            };
            !(matches!(word(1), "the" | "a")
                && matches!(
                    word(2),
                    "for" | "to" | "with" | "by" | "saw" | "seen" | "see" | "told" | "asked"
                ))
        })
        .collect();
    if jobs.is_empty() {
        return;
    }
    let mentions: Vec<_> = jobs.iter().map(|&(i, _)| c.mention(i)).collect();
    let ids = concept_ids(lx, &mentions);
    let r = mentions[0].range.start..mentions[mentions.len() - 1].range.end;
    let text = text::slice(&out.reply, &c.read.tokens, r.clone()).to_string();
    // "Not ideal when you drive a truck": the "not" is of something else.
    let near_not = (r.start.saturating_sub(4).max(c.range.start)..r.start)
        .any(|k| lx.cues.is_negator(&c.read.tokens[k]));
    let polarity = if c.negated_before(r.start, lx) && near_not {
        Polarity::Deny
    } else {
        Polarity::Affirm
    };
    if let Some(k) = c.find(&["work", "worked", "working", "job", "retired"]) {
        out.use_tokens(k..k + 1);
    }
    out.claim(
        c,
        Key::of(Topic::Occupation),
        Value::text(text),
        polarity,
        ids,
        r,
    );
}

/// "I live alone", "it's just me and my husband", "I live with my wife and our son".
fn home(c: &Clause<'_>, lx: &Lexicon, out: &mut Out) {
    let living = c.kinds(ConceptKind::Living, lx);
    let lives = c.find(&[
        "live", "lives", "lived", "living", "moved", "stay", "stays", "staying",
    ]);
    if lives.is_none() && !out.asked_living {
        return;
    }
    // "Nobody in the family", "I never had any children": no one in the home.
    let people: Vec<(usize, crate::language::concepts::Id)> = c
        .kinds(ConceptKind::Relative, lx)
        .into_iter()
        .filter(|&(i, r)| {
            lx.layer.get(r).id != "family" && !c.negated_before(c.mention(i).range.start, lx)
        })
        .collect();
    let asked = out.asked_living;
    if living.is_empty() && (people.is_empty() || !(asked || c.has(&["with", "me", "us"]))) {
        return;
    }
    // "My mum lives with us" is still who the patient lives with; "since my
    // husband passed away" is not.
    let gone = |m: &crate::language::Mention| {
        let after = |k: usize| c.read.tokens.get(k + 1).map_or("", |t| t.norm.as_str());
        (m.range.end..(m.range.end + 3).min(c.range.end)).any(|k| {
            matches!(
                c.read.tokens[k].norm.as_str(),
                "died" | "passed" | "dead" | "late" | "lost" | "left" | "gone" | "grown"
            ) || c.read.tokens[k].norm == "moved" && matches!(after(k), "out" | "away" | "abroad")
        }) || m.range.start > 0
            && matches!(
                c.read.tokens[m.range.start - 1].norm.as_str(),
                "late" | "lost"
            )
    };
    let people: Vec<(usize, crate::language::concepts::Id)> = people
        .into_iter()
        .filter(|&(i, _)| !gone(c.mention(i)))
        .collect();
    if living.is_empty() && people.is_empty() {
        return;
    }
    let mut all: Vec<_> = living
        .iter()
        .chain(&people)
        .map(|&(i, _)| c.mention(i))
        .collect();
    all.sort_by_key(|m| m.range.start);
    let ids = concept_ids(lx, &all);
    let r = all[0].range.start..all[all.len() - 1].range.end;
    let start = lives.map_or(r.start, |k| k.min(r.start));
    let text = text::slice(&out.reply, &c.read.tokens, r.clone()).to_string();
    let only = c.has(&["just", "only", "alone", "own"]);
    let mut ids = ids;
    if only {
        ids.push("only".into());
    }
    out.claim(
        c,
        Key::of(Topic::Living),
        Value::text(text),
        Polarity::Affirm,
        ids,
        start..r.end,
    );
}

fn lifestyle(c: &Clause<'_>, lx: &Lexicon, out: &mut Out) {
    for (kind, topic) in [
        (ConceptKind::Diet, Topic::Diet),
        (ConceptKind::Activity, Topic::Activity),
    ] {
        let found = c.kinds(kind, lx);
        let Some(&(i, concept)) = found.first() else {
            continue;
        };
        let Some(value) = lx.layer.get(concept).value.clone() else {
            continue;
        };
        let m = c.mention(i);
        // "after a big, fatty meal", "that run": one occasion, not a habit
        // ("a lot of fried food" is one).
        let word = |k: usize| c.read.tokens.get(k).map_or("", |t| t.norm.as_str());
        let occasion = (m.range.start.saturating_sub(3)..m.range.start).any(|k| {
            matches!(word(k), "a" | "an" | "that" | "the" | "this")
                && !matches!(
                    word(k + 1),
                    "lot" | "lots" | "bit" | "fair" | "good" | "great"
                )
        }) && !c.has(&[
            "usually",
            "always",
            "tend",
            "normally",
            "diet",
            "mostly",
            "generally",
            "often",
            "every",
            "eat",
            "eats",
            "have",
        ]);
        // "When the boys have football": someone else's.
        let others = relatives_doing(c, lx).any(|start| start < m.range.start);
        if occasion || others {
            continue;
        }
        let negated = c.negated_before(m.range.start, lx);
        // "I don't exercise" is sedentary; "not very healthy" is not balanced.
        let (value, polarity) = match (negated, value.as_str()) {
            (true, "active" | "moderate") => ("sedentary".to_string(), Polarity::Affirm),
            (true, v) => (v.to_string(), Polarity::Deny),
            (false, v) => (v.to_string(), Polarity::Affirm),
        };
        out.claim(
            c,
            Key::of(topic),
            Value::choice(value),
            polarity,
            concept_ids(lx, &[m]),
            m.range.clone(),
        );
    }
}

/// An age said with the word after it: "forty-seven next birthday" is the
/// age to come, a year on from the age now.
fn a_year_on(n: f64, next: Option<&str>) -> f64 {
    if next.is_some_and(|w| w.eq_ignore_ascii_case("next")) {
        n - 1.0
    } else {
        n
    }
}

fn age_and_name(c: &Clause<'_>, out: &mut Out) {
    let t = c.tokens();
    let clause_text = c.text(&out.reply).to_string();
    let said_age = c.has(&["old", "aged", "age", "turned", "turn", "birthday"])
        || c.has(&["i'm", "am"]) && t.len() <= 4;
    if said_age {
        for k in 0..t.len() {
            let rest = &clause_text[t[k].span.start - t[0].span.start..];
            let word = rest
                .split(|ch: char| !ch.is_alphanumeric() && ch != '-')
                .next()
                .unwrap_or("");
            if matches!(
                t[k].norm.as_str(),
                "a" | "an" | "half" | "few" | "couple" | "several" | "dozen"
            ) {
                continue;
            }
            let Some(n) = quantity::number_word(word).or_else(|| t[k].number()) else {
                continue;
            };
            let unit_after = t.get(k + 1).map_or("", |x| x.norm.as_str());
            if matches!(
                unit_after,
                "days"
                    | "weeks"
                    | "months"
                    | "stone"
                    | "kg"
                    | "kilos"
                    | "pounds"
                    | "foot"
                    | "feet"
                    | "cm"
                    | "out"
                    | "times"
                    | "a"
                    | "per"
            ) {
                continue;
            }
            let end = t[k].span.start + word.len();
            let next = t
                .iter()
                .find(|x| x.span.start >= end)
                .map(|x| x.norm.as_str());
            let n = a_year_on(n, next);
            if (1.0..=110.0).contains(&n) && !c.has(&["ago", "since", "for"]) {
                let r = c.range.start + k..c.range.start + k + 1;
                let hedged = c.has(&[
                    "nearly",
                    "almost",
                    "about",
                    "around",
                    "getting",
                    "approaching",
                    "over",
                    "turning",
                    "roughly",
                ]);
                let unit = if hedged { "years~" } else { "years" };
                out.claim(
                    c,
                    Key::of(Topic::Age),
                    Value::number(n.round(), unit),
                    Polarity::Affirm,
                    Vec::new(),
                    r,
                );
                out.use_tokens(
                    c.range
                        .clone()
                        .filter(|&j| {
                            matches!(
                                c.read.tokens[j].norm.as_str(),
                                "years" | "year" | "old" | "aged"
                            )
                        })
                        .fold(c.range.end..c.range.end, |a, j| {
                            a.start.min(j)..a.end.max(j + 1)
                        }),
                );
                break;
            }
        }
    }
    if let Some(k) = c.find(&["name", "called"]) {
        let after = &t[k + 1 - c.range.start..];
        let skip = after
            .iter()
            .take_while(|x| matches!(x.norm.as_str(), "is" | "'s" | "me"))
            .count();
        let name: Vec<&str> = after[skip..]
            .iter()
            .take_while(|x| x.is_word())
            .map(|x| out.reply.get(x.span.clone()).unwrap_or(""))
            .take_while(|w| w.starts_with(|ch: char| ch.is_uppercase()))
            .collect();
        if !name.is_empty() && (c.has(&["my", "i'm", "me"]) || c.has(&["name"])) {
            let r = k..k + 1 + skip + name.len();
            out.claim(
                c,
                Key::of(Topic::Name),
                Value::text(name.join(" ")),
                Polarity::Affirm,
                Vec::new(),
                r,
            );
        }
    }
}

fn reproductive(c: &Clause<'_>, lx: &Lexicon, out: &mut Out) {
    let found = c.kinds(ConceptKind::Reproductive, lx);
    if found.is_empty() {
        return;
    }
    let negated = c.negated(lx);
    let clause_text = c.text(&out.reply).to_string();
    for &(i, concept) in &found {
        let id = lx.layer.get(concept).id.as_str();
        let m = c.mention(i);
        let status = match (id, negated) {
            ("menopause" | "postmenopausal", false) => Some("postmenopausal"),
            ("menstruation" | "last_period", false)
                if c.has(&["stopped", "finished", "ended", "went"]) =>
            {
                Some("postmenopausal")
            }
            ("menstruation" | "last_period", false) => Some("menstruating"),
            ("menstruation" | "menarche", true) if c.has(&["started", "yet", "begun"]) => {
                Some("premenarchal")
            }
            ("pregnancy", false)
                if c.has(&["am", "i'm", "currently", "weeks"])
                    && !c.has(&["been", "was", "had", "times"]) =>
            {
                Some("pregnant")
            }
            _ => None,
        };
        if let Some(s) = status {
            out.claim(
                c,
                Key::of(Topic::Reproductive),
                Value::choice(s),
                Polarity::Affirm,
                Vec::new(),
                m.range.clone(),
            );
        }
        if id == "pregnancy" && negated && c.has(&["never", "been"]) {
            out.claim(
                c,
                Key::of(Topic::Pregnancies),
                Value::number(0.0, "pregnancies"),
                Polarity::Affirm,
                Vec::new(),
                m.range.clone(),
            );
        }
        if matches!(id, "pregnancy" | "births") && !negated {
            let count = clause_text
                .split_whitespace()
                .find_map(quantity::number_word)
                .filter(|n| (0.0..20.0).contains(n));
            if let Some(n) = count {
                let topic = if id == "births" {
                    Topic::Births
                } else {
                    Topic::Pregnancies
                };
                out.claim(
                    c,
                    Key::of(topic),
                    Value::number(
                        n,
                        if topic == Topic::Births {
                            "births"
                        } else {
                            "pregnancies"
                        },
                    ),
                    Polarity::Affirm,
                    Vec::new(),
                    m.range.clone(),
                );
            }
        }
    }
}

/// A bare "yes" or "no" opening the reply, read as the statement it makes
/// about what the question asked: "No." to "Any chest pain?" denies chest pain.
pub(super) fn answer(
    read: &Read,
    sentence: Range<usize>,
    span: Range<usize>,
    q: &Asked,
    cx: &Context<'_>,
    out: &mut Out,
) -> bool {
    let lx = cx.lexicon;
    let head = &read.tokens[sentence.clone()];
    // "Oh no", "Goodness, no!": an interjection may come first.
    let lead = head
        .iter()
        .take_while(|t| {
            t.kind == crate::language::text::Kind::Punct
                || matches!(
                    t.norm.as_str(),
                    "oh" | "well"
                        | "goodness"
                        | "gosh"
                        | "um"
                        | "er"
                        | "erm"
                        | "god"
                        | "lord"
                        | "ah"
                        | "hmm"
                        | "honestly"
                        | "actually"
                        | "sorry"
                        | "doctor"
                        | "ooh"
                        | "heavens"
                        | "good"
                        | "dear"
                        | "crikey"
                        | "blimey"
                )
        })
        .count();
    // "I have." answers; "I have had ..." and "I've never smoked" go on to say
    // something of their own, read as such.
    let opening = |p: &crate::language::cues::Phrases| {
        p.first(&head[lead..])
            .filter(|(_, r)| r.start == 0)
            .filter(|(_, r)| {
                let first = head[lead + r.start].norm.as_str();
                let spoken = r.len() > 1 && matches!(first, "i" | "it");
                let next = head.get(lead + r.end);
                !spoken || next.is_none_or(|t| t.kind == crate::language::text::Kind::Punct)
            })
            // "No rash, but my knees ache": "no" of what it names, not an answer.
            .filter(|(_, r)| {
                let at = sentence.start + lead + r.end;
                let names = |k: usize| read.mentions.iter().any(|m| m.range.start == k);
                !(r.len() == 1
                    && head[lead + r.start].norm == "no"
                    && (at..at + 3)
                        .take_while(|&k| {
                            read.tokens
                                .get(k)
                                .is_some_and(|t| t.kind != crate::language::text::Kind::Punct)
                        })
                        .any(names))
            })
            .map(|(_, r)| r.start + lead..r.end + lead)
    };
    // Or a yes or no standing alone in the first sentence ("A couple of times, yes").
    let standalone = |p: &crate::language::cues::Phrases| {
        p.find(head).into_iter().find_map(|(_, r)| {
            let before =
                r.start == 0 || head[r.start - 1].kind == crate::language::text::Kind::Punct;
            let after =
                r.end == head.len() || head[r.end].kind == crate::language::text::Kind::Punct;
            (before && after).then_some(r)
        })
    };
    let yes = opening(&lx.cues.yes).or_else(|| standalone(&lx.cues.yes));
    let no = opening(&lx.cues.no).or_else(|| standalone(&lx.cues.no));
    let (polarity, r) = match (yes, no) {
        (_, Some(r)) => (Polarity::Deny, r),
        (Some(r), None) => (Polarity::Affirm, r),
        _ => return false,
    };
    // "Certainly, let me tell you.": a courtesy before the answer.
    let after: Vec<&str> = head[r.end..].iter().map(|t| t.norm.as_str()).collect();
    let courtesy = polarity == Polarity::Affirm
        && (after.windows(2).any(|w| w == ["let", "me"])
            || after
                .iter()
                .any(|w| matches!(*w, "happy" | "glad" | "pleasure")));
    if courtesy {
        return false;
    }
    // Only a closed question is answered by yes or no; "yes" to "this or
    // that?" says one of them, which contradicts only if the record has neither.
    if !q.yes_no {
        return true;
    }
    let mut q = q.clone();
    if polarity == Polarity::Affirm && q.alternatives {
        let named: Vec<usize> = q
            .subjects()
            .flat_map(|m| m.items.iter().copied())
            .filter(|&i| lx.items[i].key.topic == Topic::Symptom)
            .collect();
        if named.is_empty() || named.iter().any(|&i| lx.items[i].present) {
            return true;
        }
        q.alternatives = false;
    }
    let used = sentence.start + r.start..sentence.start + r.end;
    let clause = Clause {
        read,
        range: used.clone(),
        mentions: Vec::new(),
        exception: false,
        sentence: span,
        denied: false,
    };
    q.focus = q.focus.or(cx.focus);
    // What the sentence names itself it answers itself ("Never smoked in my
    // life" answers the smoking of "do you smoke or drink?", not the drinking).
    let own: Vec<crate::memory::Topic> = read
        .mentions
        .iter()
        .filter(|m| sentence.contains(&m.range.start))
        .filter_map(|m| m.concept)
        .filter_map(|c| match lx.layer.get(c).id.as_str() {
            "smoking" => Some(Topic::Smoking),
            "alcohol" => Some(Topic::Alcohol),
            "recreational_drugs" => Some(Topic::Drugs),
            _ => None,
        })
        .collect();
    let habits = [Topic::Smoking, Topic::Alcohol, Topic::Drugs];
    let says_one = !own.is_empty();
    for c in q.claims_if(polarity == Polarity::Affirm, lx) {
        if habits.contains(&c.0.topic) && says_one && !own.contains(&c.0.topic) {
            continue;
        }
        out.claim(&clause, c.0, c.1, c.2, c.3, used.clone());
    }
    // "Have you been pregnant?" — "Yes, twice."; "Any children?" — "No."
    let past = q.has_word(&[
        "been",
        "had",
        "ever",
        "pregnancies",
        "children",
        "kids",
        "babies",
        "births",
    ]);
    if q.has(crate::language::question::Intent::Pregnancy) && past {
        let births = q.has_word(&["children", "kids", "babies", "births", "child", "baby"]);
        let topic = if births {
            Topic::Births
        } else {
            Topic::Pregnancies
        };
        let unit = if births { "births" } else { "pregnancies" };
        let rest: Vec<String> = head[r.end - sentence.start..]
            .iter()
            .take(3)
            .map(|t| t.norm.clone())
            .collect();
        let count = match polarity {
            Polarity::Deny => Some(0.0),
            Polarity::Affirm => rest.iter().find_map(|w| match w.as_str() {
                "once" => Some(1.0),
                "twice" => Some(2.0),
                w => quantity::number_word(w).filter(|n| *n >= 1.0 && *n < 20.0 && w != "a"),
            }),
        };
        if let Some(n) = count {
            out.claim(
                &clause,
                Key::of(topic),
                Value::number(n, unit),
                Polarity::Affirm,
                Vec::new(),
                used.clone(),
            );
        }
    }
    true
}
