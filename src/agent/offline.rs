//! The offline responder: understands the question with the intent lexicon,
//! answers from the record's facts (or from what the patient already said),
//! invents a plausible everyday answer where the record is silent, and lets
//! the style decide how it is said. Deterministic for a seed.

use crate::language::question::Intent;
use super::realise::{self, Answer, capitalise};
use super::{Ask, Candidate, Responder};
use crate::case::{Case, Symptom};
use crate::generate::sample::{self, Rng};
use crate::memory::{Key, Memory, Topic, Value};
use crate::persona::Persona;

pub struct Offline {
    pub persona: Persona,
    pub seed: u64,
    /// Probability of corrupting one fact in a candidate (`--chaos`), to show the verifier at work.
    pub chaos: f64,
}

impl Responder for Offline {
    fn candidate(&mut self, case: &Case, memory: &Memory, ask: &Ask<'_>) -> Candidate {
        let mut rng = sample::stream(
            self.seed,
            u64::from(ask.turn) * 16 + u64::from(ask.attempt),
            11,
        );
        let mut answers: Vec<Answer> = ask
            .intents
            .iter()
            .take(2)
            .map(|i| answer(*i, case, memory, ask, &self.persona))
            .collect();
        if answers.is_empty() {
            answers.push(answer(Intent::Unclear, case, memory, ask, &self.persona));
        }
        let mut corrupted = None;
        if !ask.plain && sample::chance(&mut rng, self.chaos) {
            corrupted = corrupt(&mut answers[0], &mut rng);
        }
        let invented = answers.iter().flat_map(|a| a.invented.clone()).collect();
        let text = if ask.plain {
            plain(&answers)
        } else {
            decorate(&answers, &self.persona, &mut rng)
        };
        Candidate {
            text,
            invented,
            corrupted,
            ..Candidate::default()
        }
    }

    fn set_style(&mut self, style: crate::persona::Style) {
        self.persona = Persona::builtin(style);
    }

    fn describe(&self) -> String {
        "offline".into()
    }
}

/// The symptom a question is about: the one it names, else the chief complaint.
pub fn focus<'c>(case: &'c Case, focus: Option<&str>) -> Option<&'c Symptom> {
    focus
        .and_then(|f| {
            case.symptoms
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(f))
        })
        .or(case.symptoms.first())
}

fn answer(
    intent: Intent,
    case: &Case,
    memory: &Memory,
    ask: &Ask<'_>,
    persona: &Persona,
) -> Answer {
    let max = persona.realise.max_facts as usize;
    let s = focus(case, ask.focus);
    let h = &case.history;
    let social = &case.social;
    let with_symptom = |f: &dyn Fn(&Symptom) -> Answer| {
        s.map_or_else(|| Answer::say("I'm not sure what you mean."), f)
    };
    match intent {
        Intent::Greeting => Answer::say("Hello, doctor."),
        Intent::ChiefComplaint => Answer::say(case.chief_complaint.clone()),
        Intent::Onset => with_symptom(&|s| {
            let q = ask.question.to_lowercase();
            if q.contains("sudden")
                || q.contains("gradual")
                || q.contains("slowly")
                || q.contains("quickly")
            {
                let how = if s.onset.how == crate::case::OnsetMode::Sudden {
                    "suddenly"
                } else {
                    "gradually"
                };
                Answer::say(format!("It came on {how}."))
            } else {
                realise::onset(s)
            }
        }),
        Intent::Trigger => with_symptom(&|s| match &s.onset.trigger {
            Some(t) => Answer::say(t.clone()),
            None => Answer::say("Nothing in particular set it off, as far as I know."),
        }),
        Intent::Duration => with_symptom(&realise::duration),
        Intent::Location => with_symptom(&|s| {
            realise::attribute(
                &s.location,
                |v| format!("It's in {v}."),
                "It's hard to say exactly where.",
            )
        }),
        Intent::Character => with_symptom(&|s| {
            realise::attribute(
                &s.character,
                |v| format!("It feels {v}."),
                "I'm not sure how to describe it.",
            )
        }),
        Intent::Radiation => with_symptom(&|s| match &s.radiation {
            Some(r) => Answer::say(format!("It goes {r}.")),
            // The record does not say; "I haven't noticed" claims nothing either way.
            None => Answer::say("I haven't really noticed it going anywhere else."),
        }),
        Intent::Severity => with_symptom(&realise::severity),
        Intent::Course => with_symptom(&realise::course),
        Intent::Frequency => with_symptom(&|s| match &s.frequency {
            Some(f) => Answer::say(format!("It happens {f}.")),
            None => realise::course(s),
        }),
        Intent::Aggravating => with_symptom(&|s| realise::factors(s, true, max)),
        Intent::Relieving => with_symptom(&|s| realise::factors(s, false, max)),
        Intent::Associated => {
            let others: Vec<String> = case
                .symptoms
                .iter()
                .filter(|o| Some(o.name.as_str()) != s.map(|x| x.name.as_str()))
                .take(max)
                .map(|o| {
                    format!(
                        "{}.",
                        realise::capitalise(&super::super::generate::wording::i_have_had(
                            &o.lay, true
                        ))
                    )
                })
                .collect();
            if others.is_empty() {
                Answer::say("Nothing else really.")
            } else {
                Answer {
                    sentences: others,
                    ..Answer::default()
                }
            }
        }
        Intent::SymptomCheck => symptom_check(case, memory, ask),
        Intent::PastHistory => list(
            h.conditions
                .iter()
                .map(|c| format!("I have {}.", c.condition)),
            max,
            "I don't have any medical problems.",
        ),
        Intent::Surgery => list(
            h.surgeries.iter().map(|x| {
                // "I had an appendectomy", "I had my tonsils out": a procedure named bare gets an article.
                let p = x.procedure.trim();
                let article = if p.starts_with("my ") || p.starts_with("a ") || p.starts_with("an ")
                {
                    ""
                } else if p.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an "
                } else {
                    "a "
                };
                format!(
                    "I had {article}{p} {} ago.",
                    crate::generate::wording::spoken_span(x.ago)
                )
            }),
            max,
            "I've never had an operation.",
        ),
        Intent::Medications => list(
            h.medications.iter().map(|m| {
                format!(
                    "I take {} {} {}, for my {}.",
                    m.name, m.dose, m.frequency, m.purpose
                )
            }),
            max,
            "I'm not on any medication.",
        ),
        Intent::Allergies => list(
            h.allergies.iter().map(|a| {
                format!(
                    "I'm allergic to {} - it gives me {}.",
                    a.substance,
                    with_article(&a.reaction)
                )
            }),
            max,
            "I don't have any allergies.",
        ),
        Intent::Vaccinations => vaccinations(case, ask.question, max),
        Intent::FamilyHistory => list(
            h.family
                .iter()
                .map(|f| format!("My {} has had {}.", f.relative, f.condition)),
            max,
            "Nothing runs in the family that I know of.",
        ),
        Intent::Smoking => realise::smoking(case),
        Intent::Alcohol => realise::alcohol(case),
        Intent::Drugs => match social.drugs.status {
            crate::case::DrugUse::None => Answer::say("I don't take any drugs."),
            crate::case::DrugUse::Former => Answer::say(format!(
                "I used to use {}, but I stopped.",
                social.drugs.substances.join(" and ")
            )),
            crate::case::DrugUse::Current => Answer::say(format!(
                "I use {} now and then.",
                social.drugs.substances.join(" and ")
            )),
        },
        Intent::Occupation => realise::occupation(case),
        Intent::Living => Answer::say(format!("I live {}.", social.living)),
        Intent::Diet => Answer::say(match social.diet {
            crate::case::Diet::Balanced => "I eat a fairly balanced diet.",
            crate::case::Diet::HighFat => {
                "Not great, if I'm honest: a lot of fried and fatty food."
            }
            crate::case::Diet::HighSalt => "Quite salty - a lot of takeaways and crisps.",
            crate::case::Diet::Vegetarian => "I'm vegetarian.",
            crate::case::Diet::Irregular => "All over the place; I skip meals a lot.",
        }),
        Intent::Exercise => Answer::say(match social.activity {
            crate::case::Activity::Sedentary => "I don't get much exercise, to be honest.",
            crate::case::Activity::Moderate => "I walk most days.",
            crate::case::Activity::Active => {
                "I keep pretty active; I exercise several times a week."
            }
        }),
        Intent::Sleep => everyday(
            case,
            memory,
            "sleep",
            &["sleep", "insomnia", "waking"],
            "I've been sleeping all right.",
        ),
        Intent::Mood => everyday(
            case,
            memory,
            "mood",
            &["mood", "sadness", "low", "worry", "anxiety"],
            "My mood's been fine, apart from worrying about this.",
        ),
        Intent::WeightChange => everyday(
            case,
            memory,
            "weight",
            &["weight"],
            "My weight's been about the same.",
        ),
        Intent::Ideas => Answer::say("I don't really know what it is. I'm hoping you can tell me."),
        Intent::Concerns => Answer::say(match social.stressors.first() {
            Some(s) => format!("I'm worried it's something serious. {s}"),
            None => "I'm worried it's something serious.".into(),
        }),
        Intent::Expectations => {
            Answer::say("I'd like to know what's causing it and get something to help.")
        }
        Intent::Pregnancy => realise::pregnancy(case),
        Intent::Name => Answer::say(format!("My name is {}.", case.patient.name)),
        Intent::Age => Answer::say(format!("I'm {} years old.", case.patient.age)),
        Intent::TestResults => {
            let known: Vec<String> = case
                .examination
                .labs
                .iter()
                .filter(|l| l.patient_knows)
                .map(|l| format!("They told me my {} was {} {}.", l.name, l.value, l.unit))
                .collect();
            if known.is_empty() {
                Answer::say(
                    "I don't know the numbers, I'm afraid. Nobody has told me any results yet.",
                )
            } else {
                Answer {
                    sentences: known,
                    ..Answer::default()
                }
            }
        }
        Intent::Diagnosis => {
            if case.disease.patient_told {
                Answer::say(format!(
                    "They told me it's {}.",
                    case.disease.name.to_lowercase()
                ))
            } else {
                Answer::say(
                    "Nobody has told me what it is yet. That's what I'm hoping to find out.",
                )
            }
        }
        Intent::Closing => Answer::say("No, I think that's everything. Thank you, doctor."),
        Intent::Empathy => Answer::say("Thank you. It has been hard."),
        Intent::PreviousEpisodes => Answer::say("No, I've never had anything like this before."),
        Intent::OutOfCharacter => {
            let about = s
                .map(|x| x.lay.clone())
                .unwrap_or_else(|| "how I've been feeling".into());
            Answer::say(format!(
                "Sorry, I don't follow. I'm just here about {about}."
            ))
        }
        Intent::Unclear => {
            Answer::say("Sorry, I didn't catch that. Could you ask me that another way?")
        }
    }
}

/// The vaccine asked about, or all of them: up to date, overdue or never had.
fn vaccinations(case: &Case, question: &str, max: usize) -> Answer {
    use crate::case::VaccinationStatus as V;
    const NAMES: &[(&str, &str)] = &[
        ("flu", "influenza"),
        ("influenza", "influenza"),
        ("tetanus", "tetanus"),
        ("measles", "measles"),
        ("mmr", "measles"),
        ("hpv", "hpv"),
        ("pneumo", "pneumococcal"),
        ("shingles", "shingles"),
        ("zoster", "shingles"),
    ];
    let q = question.to_lowercase();
    let asked: Vec<&str> = NAMES
        .iter()
        .filter(|(w, _)| q.contains(w))
        .map(|(_, v)| *v)
        .collect();
    let say = |v: &crate::case::Vaccination| match v.status {
        V::UpToDate => format!("I'm up to date with my {} vaccine.", v.vaccine),
        V::Overdue => match v.last_dose_ago {
            Some(ago) => format!(
                "I had the {} vaccine {} ago, so I'm probably due another.",
                v.vaccine,
                crate::generate::wording::spoken_span(ago)
            ),
            None => format!("I'm behind with my {} vaccine.", v.vaccine),
        },
        V::Never => format!("I've never had the {} vaccine.", v.vaccine),
    };
    let chosen: Vec<String> = case
        .history
        .vaccinations
        .iter()
        .filter(|v| asked.is_empty() || asked.iter().any(|a| v.vaccine.to_lowercase().contains(a)))
        .take(if asked.is_empty() {
            max.max(1)
        } else {
            usize::MAX
        })
        .map(say)
        .collect();
    match (chosen.is_empty(), asked.is_empty()) {
        (false, _) => Answer {
            sentences: chosen,
            ..Answer::default()
        },
        (true, false) => Answer::say("I'm not sure I've had that one."),
        (true, true) => Answer::say("I'm not sure I'm up to date with my vaccinations."),
    }
}

/// "a rash", "hives", "swelling of my throat": an article for a singular thing.
fn with_article(reaction: &str) -> String {
    let r = reaction.trim();
    let singular = [
        "rash",
        "cough",
        "headache",
        "reaction",
        "upset stomach",
        "swollen face",
        "wheeze",
    ];
    if singular.iter().any(|w| r.eq_ignore_ascii_case(w)) {
        format!("a {r}")
    } else {
        r.to_string()
    }
}

fn list(items: impl Iterator<Item = String>, max: usize, none: &str) -> Answer {
    let sentences: Vec<String> = items.take(max.max(1)).collect();
    if sentences.is_empty() {
        Answer::say(none)
    } else {
        Answer {
            sentences,
            ..Answer::default()
        }
    }
}

/// Sleep, mood, weight: from the record's symptoms when it has one on the
/// subject, else what the patient said before, else a plain everyday answer
/// that becomes an episodic fact.
fn everyday(case: &Case, memory: &Memory, subject: &str, words: &[&str], fallback: &str) -> Answer {
    if let Some(s) = case
        .symptoms
        .iter()
        .find(|s| words.iter().any(|w| s.name.to_lowercase().contains(w)))
    {
        return Answer::say(format!(
            "{}.",
            capitalise(&crate::generate::wording::i_have_had(&s.lay, false))
        ));
    }
    let key = Key::new(Topic::Everyday, subject);
    if let Some(f) = memory.by_key(&key).next() {
        if let Value::Text { text } = &f.value {
            return Answer::say(text.clone());
        }
    }
    let mut a = Answer::say(fallback);
    a.invented
        .push((key, Value::text(fallback), fallback.to_string()));
    a
}

fn symptom_check(case: &Case, memory: &Memory, ask: &Ask<'_>) -> Answer {
    use crate::generate::wording::{i_have_had, is_doing, spoken_span};
    let Some(name) = ask.asked_symptom.as_deref() else {
        return Answer::say("I'm not sure what you mean.");
    };
    // "How's your appetite?" is not a yes/no question: no "Yes," in front.
    let open = ask.question.trim_start().to_lowercase().starts_with("how");
    let no = |lay: &str| {
        if is_doing(lay) {
            format!("I haven't been {lay}")
        } else {
            format!("I haven't had {lay}")
        }
    };
    if let Some(s) = case
        .symptoms
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(name))
    {
        let said = i_have_had(&s.lay, false);
        let mut a = Answer::say(if open {
            format!("Not great. {said}.")
        } else {
            format!("Yes, {said}.")
        });
        a.details
            .push(format!("It started {} ago.", spoken_span(s.onset.ago)));
        return a;
    }
    let key = Key::new(Topic::Symptom, name);
    let known = memory
        .by_key(&key)
        .next()
        .map(|f| f.value == Value::yes(true));
    let lay = case
        .pertinent_negatives
        .iter()
        .find(|n| n.name.eq_ignore_ascii_case(name))
        .map_or(name.to_string(), |n| n.lay.clone());
    // Said plainly and kindly, whatever the record's wording.
    let safety = name.contains("suicid") && !name.contains("plan");
    let plans = name.contains("plan") && (name.contains("suicid") || lay.contains("end my life"));
    match known {
        Some(true) => Answer::say(format!("Yes, I have had {name}.")),
        Some(false) if safety => Answer::say("No, I've never had thoughts like that."),
        Some(false) if plans => Answer::say("No, I haven't made any plans like that."),
        Some(false) => Answer::say(format!("No, {}.", no(&lay))),
        None => {
            // Not in the record: the plausible answer is no, and it is remembered.
            let said = if safety {
                "No, I've never had thoughts like that.".to_string()
            } else if plans {
                "No, I haven't made any plans like that.".to_string()
            } else {
                format!("No, {}.", no(&format!("any {name}")))
            };
            let mut a = Answer::say(said.clone());
            a.invented.push((key, Value::yes(false), said));
            a
        }
    }
}

fn plain(answers: &[Answer]) -> String {
    answers
        .iter()
        .flat_map(|a| a.sentences.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The style's decoration: openers, fillers, markers, digressions, more or less detail.
fn decorate(answers: &[Answer], persona: &Persona, rng: &mut Rng) -> String {
    let r = &persona.realise;
    let mut out: Vec<String> = Vec::new();
    if !r.openers.is_empty() && sample::chance(rng, r.opener_rate) {
        out.extend(sample::pick(rng, &r.openers).cloned());
    }
    for a in answers {
        let mut body: Vec<String> = if r.terse {
            vec![
                a.short
                    .clone()
                    .unwrap_or_else(|| a.sentences.first().cloned().unwrap_or_default()),
            ]
        } else {
            a.sentences
                .iter()
                .take(r.max_facts.max(1) as usize)
                .cloned()
                .collect()
        };
        if r.elaborate {
            body.extend(a.details.iter().cloned());
        }
        for sentence in body {
            if !r.fillers.is_empty() && sample::chance(rng, r.filler_rate) {
                let filler = sample::pick(rng, &r.fillers).cloned().unwrap_or_default();
                out.push(format!("{filler} {}", lower_first(&sentence)));
            } else {
                out.push(sentence);
            }
        }
    }
    if !r.digressions.is_empty() && sample::chance(rng, r.digression_rate) {
        out.extend(sample::pick(rng, &r.digressions).cloned());
    }
    if !r.markers.is_empty() && sample::chance(rng, r.marker_rate) {
        out.extend(sample::pick(rng, &r.markers).cloned());
    }
    if !r.closers.is_empty() && sample::chance(rng, r.closer_rate) {
        out.extend(sample::pick(rng, &r.closers).cloned());
    }
    out.join(" ")
}

fn lower_first(s: &str) -> String {
    // Keep "I" and names capitalised.
    if s.starts_with("I ") || s.starts_with("I'") || s.starts_with("My name") {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Changes one number or duration in the first sentence, so the candidate
/// states something false (`--chaos`). Returns what was changed.
fn corrupt(a: &mut Answer, rng: &mut Rng) -> Option<String> {
    const SWAPS: &[(&str, &str)] = &[
        ("I've never smoked", "I smoke a pack a day"),
        ("I don't drink", "I have about 30 drinks a week"),
        ("I don't take any drugs", "I use cocaine now and then"),
        ("No, I haven't had", "Yes, I've had"),
        ("I don't have any allergies", "I'm allergic to penicillin"),
        ("I don't have any medical problems", "I have asthma"),
        ("I've never had an operation", "I had my appendix out"),
        (
            "I'm not on any medication",
            "I take metformin 500 mg twice a day",
        ),
    ];
    let first = a.sentences.first_mut()?;
    for (from, to) in SWAPS {
        // A denial the patient made up ("No, I haven't had any cough") is not in
        // the record, so flipping it would not be caught: leave those alone.
        if first.contains(from) && !first.contains("had any ") {
            let before = first.clone();
            *first = first.replacen(from, to, 1);
            a.short = Some(first.clone());
            return Some(format!("{before} -> {first}"));
        }
    }
    // Otherwise change a number the verifier reads: a duration or a score
    // (a dose or a count is not checked, so corrupting it would show a falsehood).
    let words: Vec<&str> = first.split(' ').collect();
    let spoken = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an",
    ];
    let unit = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        [
            "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
            "out",
        ]
        .contains(&w)
    };
    let idx = (0..words.len()).find(|&i| {
        let w = words[i].trim_matches(|c: char| !c.is_alphanumeric());
        (w.parse::<u32>().is_ok() || spoken.contains(&w))
            && words.get(i + 1).is_some_and(|n| unit(n))
    })?;
    let w = words[idx].trim_matches(|c: char| !c.is_alphanumeric());
    let n: u32 = w.parse().ok().or_else(|| {
        spoken
            .iter()
            .position(|s| *s == w)
            .map(|p| (p as u32 + 1).min(10))
    })?;
    let replacement = if words.get(idx + 1).is_some_and(|u| u.starts_with("out")) {
        (n + 5) % 11
    } else {
        n * 4 + sample::int_between(rng, 3, 9)
    };
    let mut changed: Vec<String> = words.iter().map(|s| s.to_string()).collect();
    changed[idx] = words[idx].replacen(w, &replacement.to_string(), 1);
    let before = first.clone();
    *first = changed.join(" ");
    a.short = Some(first.clone());
    Some(format!("{before} -> {first}"))
}
