//! What the offline patient says to one question, read by the concept
//! layer: the facts that answer it (each answer names the facts it rests
//! on), a plausible everyday answer where the record is silent (remembered
//! once said), and a request to rephrase that says what the patient
//! thought was meant when nothing was understood.

use super::realise::{self, Answer, capitalise};
use crate::case::{Case, Symptom};
use crate::generate::wording::{i_have_had, is_doing, spoken_span};
use crate::language::question::{Asked, Attribute, Intent};
use crate::language::{ConceptKind, Lexicon};
use crate::memory::{Key, Memory, Topic, Value};

/// What answering draws on.
pub(super) struct Cx<'a> {
    pub case: &'a Case,
    pub memory: &'a Memory,
    pub lexicon: &'a Lexicon,
    /// How many items of a list the style says.
    pub max: usize,
}

impl Cx<'_> {
    /// The ids of the facts under a key.
    fn ids(&self, topic: Topic, subject: &str) -> Vec<String> {
        self.memory
            .by_key(&Key::new(topic, subject))
            .map(|f| f.id.clone())
            .collect()
    }

    fn symptom(&self, item: usize) -> Option<&Symptom> {
        let name = &self.lexicon.items[item].key.subject;
        self.case
            .symptoms
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// The symptom "it" means for this question: the one it names, else the focus.
    fn focus(&self, asked: &Asked) -> Option<&Symptom> {
        asked
            .focus
            .and_then(|i| self.symptom(i))
            .or(self.case.symptoms.first())
    }
}

fn grounded(mut a: Answer, ids: Vec<String>) -> Answer {
    a.grounds.extend(ids);
    a
}

/// Sections of the history: a question naming several ("PMH, DH, any
/// allergies?") gets each answered.
fn section(i: Intent) -> bool {
    use Intent as I;
    matches!(
        i,
        I::PastHistory
            | I::Surgery
            | I::Medications
            | I::Allergies
            | I::Vaccinations
            | I::FamilyHistory
            | I::Smoking
            | I::Alcohol
            | I::Drugs
            | I::Occupation
            | I::Living
            | I::Diet
            | I::Exercise
            | I::Pregnancy
            | I::Name
            | I::Age
    )
}

/// The answers to one question (or one part of a longer one).
pub(super) fn answer(cx: &Cx<'_>, asked: &Asked, asked_symptom: Option<&str>) -> Vec<Answer> {
    let intents = &asked.intents;
    let mut first = intents.first().copied().unwrap_or(Intent::Unclear);
    // "Are you thirsty all the time?", "any back pain going down your legs?"
    // of things the patient does not have: whether, not how.
    if asked.names_only_absent(cx.lexicon)
        && asked.attribute.is_some()
        && intents.contains(&Intent::SymptomCheck)
    {
        first = Intent::SymptomCheck;
    }
    // What to answer: the first intent, then the other sections it names.
    let mut chosen: Vec<Intent> = vec![first];
    for &i in intents.iter().skip(1) {
        let both_sections =
            section(i) && (section(first) || matches!(first, Intent::Greeting | Intent::Empathy));
        let after_courtesy =
            matches!(first, Intent::Greeting | Intent::Empathy) && chosen.len() == 1;
        if (both_sections || after_courtesy) && !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    if chosen.len() > 1 && chosen[0] == Intent::Greeting {
        chosen.remove(0);
    }
    let mut out: Vec<Answer> = chosen
        .into_iter()
        .take(3)
        .map(|i| one(cx, asked, i, asked_symptom))
        .collect();
    // An attribute asked with another ("what makes it better or worse?") is answered too.
    if let (Some(a), Some(s)) = (asked.attribute, cx.focus(asked)) {
        if a == Attribute::Aggravating
            && asked.has_word(&["better", "help", "helps", "ease", "eases"])
        {
            out.push(grounded(
                realise::factors(s, false, cx.max),
                cx.ids(Topic::Relieving, &s.name),
            ));
        }
    }
    out
}

fn one(cx: &Cx<'_>, asked: &Asked, intent: Intent, asked_symptom: Option<&str>) -> Answer {
    use Intent as I;
    let case = cx.case;
    let max = cx.max;
    let s = cx.focus(asked);
    let h = &case.history;
    let with_symptom = |f: &dyn Fn(&Symptom) -> Answer| s.map_or_else(|| clarify(cx, asked), f);
    match intent {
        I::Greeting => Answer::say("Hello, doctor."),
        I::Empathy => Answer::say("Thank you. It has been hard."),
        I::ChiefComplaint => {
            let mut ids = cx.ids(Topic::Complaint, "");
            if let Some(m) = cx.lexicon.main {
                ids.extend(cx.ids(Topic::Symptom, &cx.lexicon.items[m].key.subject));
            }
            grounded(Answer::say(case.chief_complaint.clone()), ids)
        }
        I::Onset => with_symptom(&|s| {
            if asked.has_word(&[
                "sudden",
                "suddenly",
                "gradual",
                "gradually",
                "slowly",
                "quickly",
            ]) {
                let how = if s.onset.how == crate::case::OnsetMode::Sudden {
                    "suddenly"
                } else {
                    "gradually"
                };
                grounded(
                    Answer::say(format!("It came on {how}.")),
                    cx.ids(Topic::OnsetMode, &s.name),
                )
            } else {
                let mut ids = cx.ids(Topic::Onset, &s.name);
                ids.extend(cx.ids(Topic::OnsetMode, &s.name));
                ids.extend(cx.ids(Topic::Trigger, &s.name));
                grounded(realise::onset(s), ids)
            }
        }),
        I::Trigger => with_symptom(&|s| match &s.onset.trigger {
            Some(t) => grounded(Answer::say(t.clone()), cx.ids(Topic::Trigger, &s.name)),
            None => Answer::say("Nothing in particular set it off, as far as I know."),
        }),
        I::Duration => {
            with_symptom(&|s| grounded(realise::duration(s), cx.ids(Topic::Duration, &s.name)))
        }
        I::Location => with_symptom(&|s| {
            grounded(
                realise::attribute(
                    &s.location,
                    |v| format!("It's in {v}."),
                    "It's hard to say exactly where.",
                ),
                cx.ids(Topic::Location, &s.name),
            )
        }),
        I::Character => with_symptom(&|s| {
            grounded(
                realise::attribute(
                    &s.character,
                    |v| format!("It feels {v}."),
                    "I'm not sure how to describe it.",
                ),
                cx.ids(Topic::Character, &s.name),
            )
        }),
        I::Radiation => with_symptom(&|s| match &s.radiation {
            Some(r) => grounded(
                Answer::say(format!("It goes {r}.")),
                cx.ids(Topic::Radiation, &s.name),
            ),
            None => Answer::say("I haven't really noticed it going anywhere else."),
        }),
        I::Severity => {
            with_symptom(&|s| grounded(realise::severity(s), cx.ids(Topic::Intensity, &s.name)))
        }
        I::Course => {
            with_symptom(&|s| grounded(realise::course(s), cx.ids(Topic::Course, &s.name)))
        }
        I::Frequency => with_symptom(&|s| match &s.frequency {
            Some(f) => grounded(
                Answer::say(format!("It happens {f}.")),
                cx.ids(Topic::Frequency, &s.name),
            ),
            None => grounded(realise::course(s), cx.ids(Topic::Course, &s.name)),
        }),
        I::Aggravating => with_symptom(&|s| {
            grounded(
                realise::factors(s, true, max),
                cx.ids(Topic::Aggravating, &s.name),
            )
        }),
        I::Relieving => with_symptom(&|s| {
            grounded(
                realise::factors(s, false, max),
                cx.ids(Topic::Relieving, &s.name),
            )
        }),
        I::Associated => associated(cx, asked),
        I::SymptomCheck => symptom_check(cx, asked, asked_symptom),
        I::Sleep | I::Mood | I::WeightChange => area(cx, asked, intent),
        I::PreviousEpisodes => previous(cx),
        I::PastHistory => conditions(cx, asked),
        I::Surgery => list(
            cx,
            h.surgeries.iter().map(|x| {
                let p = x.procedure.trim();
                let article = if p.starts_with("my ") || p.starts_with("a ") || p.starts_with("an ")
                {
                    ""
                } else if p.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an "
                } else {
                    "a "
                };
                (
                    format!("I had {article}{p} {} ago.", spoken_span(x.ago)),
                    cx.ids(Topic::Surgery, &x.procedure),
                )
            }),
            "I've never had an operation.",
            Topic::Surgery,
        ),
        I::Medications => medicines(cx, asked),
        I::Allergies => list(
            cx,
            h.allergies.iter().map(|a| {
                (
                    format!(
                        "I'm allergic to {} - it gives me {}.",
                        a.substance,
                        with_article(&a.reaction)
                    ),
                    cx.ids(Topic::Allergy, &a.substance),
                )
            }),
            "I don't have any allergies.",
            Topic::Allergy,
        ),
        I::Vaccinations => vaccinations(cx, asked),
        I::FamilyHistory => family(cx, asked),
        I::Smoking => smoking(cx, asked),
        I::Alcohol => {
            let mut ids = cx.ids(Topic::Alcohol, "");
            ids.extend(cx.ids(Topic::AlcoholAmount, ""));
            grounded(realise::alcohol(case), ids)
        }
        I::Drugs => grounded(
            match case.social.drugs.status {
                crate::case::DrugUse::None => Answer::say("I don't take any drugs."),
                crate::case::DrugUse::Former => Answer::say(format!(
                    "I used to use {}, but I stopped.",
                    case.social.drugs.substances.join(" and ")
                )),
                crate::case::DrugUse::Current => Answer::say(format!(
                    "I use {} now and then.",
                    case.social.drugs.substances.join(" and ")
                )),
            },
            cx.ids(Topic::Drugs, ""),
        ),
        I::Occupation => grounded(realise::occupation(case), cx.ids(Topic::Occupation, "")),
        I::Living => living(cx, asked),
        I::Diet => grounded(
            Answer::say(match case.social.diet {
                crate::case::Diet::Balanced => "I eat a fairly balanced diet.",
                crate::case::Diet::HighFat => {
                    "Not great, if I'm honest: a lot of fried and fatty food."
                }
                crate::case::Diet::HighSalt => "Quite salty - a lot of takeaways and crisps.",
                crate::case::Diet::Vegetarian => "I'm vegetarian.",
                crate::case::Diet::Irregular => "All over the place; I skip meals a lot.",
            }),
            cx.ids(Topic::Diet, ""),
        ),
        I::Exercise => grounded(
            Answer::say(match case.social.activity {
                crate::case::Activity::Sedentary => "I don't get much exercise, to be honest.",
                crate::case::Activity::Moderate => "I walk most days.",
                crate::case::Activity::Active => {
                    "I keep pretty active; I exercise several times a week."
                }
            }),
            cx.ids(Topic::Activity, ""),
        ),
        I::Ideas => Answer::say("I don't really know what it is. I'm hoping you can tell me."),
        I::Concerns => {
            let ids: Vec<String> = case
                .social
                .stressors
                .first()
                .map(|_| cx.ids(Topic::Stressor, "1"))
                .unwrap_or_default();
            grounded(
                Answer::say(match case.social.stressors.first() {
                    Some(s) => format!("I'm worried it's something serious. {s}"),
                    None => "I'm worried it's something serious.".into(),
                }),
                ids,
            )
        }
        I::Expectations => {
            Answer::say("I'd like to know what's causing it and get something to help.")
        }
        I::Pregnancy => pregnancy(cx, asked),
        I::Name => grounded(
            Answer::say(format!("My name is {}.", case.patient.name)),
            cx.ids(Topic::Name, ""),
        ),
        I::Age => grounded(
            Answer::say(format!("I'm {} years old.", case.patient.age)),
            cx.ids(Topic::Age, ""),
        ),
        I::TestResults => {
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
        I::Diagnosis => {
            if case.disease.patient_told {
                grounded(
                    Answer::say(format!(
                        "They told me it's {}.",
                        case.disease.name.to_lowercase()
                    )),
                    cx.ids(Topic::Diagnosis, ""),
                )
            } else {
                Answer::say(
                    "Nobody has told me what it is yet. That's what I'm hoping to find out.",
                )
            }
        }
        I::Closing => Answer::say("No, I think that's everything. Thank you, doctor."),
        I::OutOfCharacter => {
            let about = s
                .map(|x| x.lay.clone())
                .unwrap_or_else(|| "how I've been feeling".into());
            Answer::say(format!(
                "Sorry, I don't follow. I'm just here about {about}."
            ))
        }
        I::Unclear => clarify(cx, asked),
    }
}

/// A request to rephrase that says what the patient thinks was asked.
fn clarify(cx: &Cx<'_>, asked: &Asked) -> Answer {
    // "Have you been abroad?": a plain answer, remembered, before asking again.
    if let Some(e) = crate::language::question::everyday(asked) {
        let key = Key::new(Topic::Everyday, &e.subject);
        if let Some(f) = cx.memory.by_key(&key).next() {
            if let Value::Text { text } = &f.value {
                return grounded(Answer::say(text.clone()), vec![f.id.clone()]);
            }
        }
        let said = match &e.young {
            Some(y) if cx.case.patient.age < 17 => y.clone(),
            _ => e.answer.clone(),
        };
        let mut a = Answer::say(said.clone());
        a.invented.push((key, Value::text(said.clone()), said));
        return a;
    }
    let named = asked.read.mentions.iter().find_map(|m| {
        m.items
            .first()
            .map(|&i| cx.lexicon.items[i].name.clone())
            .or_else(|| m.concept.map(|c| cx.lexicon.layer.name(c).to_string()))
    });
    let mut a = match named {
        Some(what) => Answer::say(format!(
            "Sorry, do you mean about the {what}? Could you ask me that another way?"
        )),
        None => Answer::say(match cx.case.symptoms.first() {
            Some(s) => format!(
                "Sorry, I'm not sure what you're asking. Is it about {}?",
                possessive(&s.lay)
            ),
            None => {
                "Sorry, I'm not sure what you're asking. Could you put it another way?".to_string()
            }
        }),
    };
    a.clarification = true;
    a
}

/// "my pain" → "my pain"; "a swollen belly" → "my swollen belly".
fn possessive(lay: &str) -> String {
    let lay = lay.trim();
    for article in ["a ", "an ", "the ", "some "] {
        if let Some(rest) = lay.strip_prefix(article) {
            return format!("my {rest}");
        }
    }
    if lay.starts_with("my ") || is_doing(lay) {
        lay.to_string()
    } else {
        format!("my {lay}")
    }
}

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

fn list(
    cx: &Cx<'_>,
    items: impl Iterator<Item = (String, Vec<String>)>,
    none: &str,
    topic: Topic,
) -> Answer {
    // A history asked for is given whole, one item a sentence (the reserved
    // patient says one and waits to be asked again).
    let limit = if cx.max >= 3 {
        cx.max * 2
    } else {
        cx.max.max(1)
    };
    let mut a = Answer::default();
    for (sentence, ids) in items.take(limit) {
        a.sentences.push(sentence);
        a.grounds.extend(ids);
    }
    a.grounds.extend(cx.ids(topic, ""));
    if a.sentences.is_empty() {
        a.sentences.push(none.to_string());
    }
    a
}

/// The other symptoms, not the one being talked about.
fn associated(cx: &Cx<'_>, asked: &Asked) -> Answer {
    let focus = asked.focus.map(|i| cx.lexicon.items[i].key.subject.clone());
    let mut a = Answer::default();
    for s in cx
        .case
        .symptoms
        .iter()
        .filter(|o| Some(o.name.to_lowercase()) != focus)
        .take(cx.max)
    {
        a.sentences
            .push(format!("{}.", capitalise(&i_have_had(&s.lay, true))));
        a.grounds.extend(cx.ids(Topic::Symptom, &s.name));
    }
    if a.sentences.is_empty() {
        a.sentences.push("Nothing else really.".into());
    }
    a
}

/// "How are you sleeping?", "how's your mood?": the symptoms the record has
/// under that area, else a plain everyday answer, remembered.
fn area(cx: &Cx<'_>, asked: &Asked, intent: Intent) -> Answer {
    let lx = cx.lexicon;
    let (area_id, subject, fallback) = match intent {
        Intent::Sleep => ("sleep", "sleep", "I've been sleeping all right."),
        Intent::Mood => (
            "mood",
            "mood",
            "My mood's been fine, apart from worrying about this.",
        ),
        _ => ("weight", "weight", "My weight's been about the same."),
    };
    let named: Vec<usize> = asked
        .read
        .mentions
        .iter()
        .filter(|m| m.kind == Some(ConceptKind::Symptom))
        .filter_map(|m| m.concept)
        .chain(lx.layer.id(area_id))
        .flat_map(|c| lx.under(c).collect::<Vec<_>>())
        .filter(|&i| lx.items[i].present && lx.items[i].key.topic == Topic::Symptom)
        .collect();
    let mut a = Answer::default();
    for &i in named.iter().take(cx.max.max(1)) {
        if let Some(s) = cx.symptom(i) {
            if a.sentences.iter().any(|x| x.contains(&s.lay)) {
                continue;
            }
            a.sentences
                .push(format!("{}.", capitalise(&i_have_had(&s.lay, false))));
            a.grounds.extend(cx.ids(Topic::Symptom, &s.name));
        }
    }
    if !a.sentences.is_empty() {
        return a;
    }
    let key = Key::new(Topic::Everyday, subject);
    if let Some(f) = cx.memory.by_key(&key).next() {
        if let Value::Text { text } = &f.value {
            return grounded(Answer::say(text.clone()), vec![f.id.clone()]);
        }
    }
    let mut a = Answer::say(fallback);
    a.invented
        .push((key, Value::text(fallback), fallback.to_string()));
    a
}

/// "Anything like this before?": a past episode the record holds, or no.
fn previous(cx: &Cx<'_>) -> Answer {
    let earlier = |name: &str| {
        let n = name.to_lowercase();
        [
            "previous",
            "earlier",
            "past",
            "recurrent",
            "repeated",
            "prior",
            "history of",
        ]
        .iter()
        .any(|w| n.starts_with(w) || n.contains(&format!(" {w}")))
    };
    let mut a = Answer::default();
    for s in cx.case.symptoms.iter().filter(|s| earlier(&s.name)) {
        a.sentences
            .push(format!("Yes, {}.", i_have_had(&s.lay, false)));
        a.grounds.extend(cx.ids(Topic::Symptom, &s.name));
    }
    for c in cx
        .case
        .history
        .conditions
        .iter()
        .filter(|c| earlier(&c.condition))
    {
        a.sentences
            .push(format!("I've had {} before.", c.condition));
        a.grounds.extend(cx.ids(Topic::Condition, &c.condition));
    }
    if a.sentences.is_empty() {
        let said = "No, I've never had anything like this before.";
        let key = Key::new(Topic::Everyday, "previous episodes");
        if let Some(f) = cx.memory.by_key(&key).next() {
            return grounded(Answer::say(f.text.clone()), vec![f.id.clone()]);
        }
        a.sentences.push(said.into());
        a.invented.push((key, Value::text(said), said.to_string()));
    }
    a
}

fn conditions(cx: &Cx<'_>, asked: &Asked) -> Answer {
    let lx = cx.lexicon;
    let h = &cx.case.history;
    // "Any history of diabetes?": that condition, yes or no.
    let named: Vec<&crate::language::Mention> = asked
        .subjects()
        .filter(|m| m.kind == Some(ConceptKind::Condition))
        .collect();
    if !named.is_empty() && h.conditions.len() > 1 {
        let mut a = Answer::default();
        for m in &named {
            let mine: Vec<usize> = m
                .items
                .iter()
                .copied()
                .filter(|&i| lx.items[i].key.topic == Topic::Condition)
                .collect();
            match mine.first() {
                Some(&i) => {
                    a.sentences
                        .push(format!("Yes, I have {}.", lx.items[i].name));
                    a.grounds
                        .extend(cx.ids(Topic::Condition, &lx.items[i].key.subject));
                }
                None => {
                    let what = m.concept.map_or("that", |c| lx.layer.name(c));
                    a.sentences.push(format!("No, I don't have {what}."));
                    a.grounds.extend(cx.ids(Topic::Condition, ""));
                }
            }
        }
        return a;
    }
    list(
        cx,
        h.conditions.iter().map(|c| {
            (
                format!("I have {}.", c.condition),
                cx.ids(Topic::Condition, &c.condition),
            )
        }),
        "I don't have any medical problems.",
        Topic::Condition,
    )
}

fn medicines(cx: &Cx<'_>, asked: &Asked) -> Answer {
    let lx = cx.lexicon;
    let meds = &cx.case.history.medications;
    let say = |m: &crate::case::Medication| {
        let mut ids = cx.ids(Topic::Medication, &m.name);
        ids.extend(cx.ids(Topic::Dose, &m.name));
        ids.extend(cx.ids(Topic::DoseFrequency, &m.name));
        (
            format!(
                "I take {} {} {}, for my {}.",
                m.name, m.dose, m.frequency, m.purpose
            ),
            ids,
        )
    };
    // A medicine or class named: that one ("what dose of metformin?", "any blood thinners?").
    let named: Vec<&crate::language::Mention> = asked
        .subjects()
        .filter(|m| matches!(m.kind, Some(ConceptKind::Medicine | ConceptKind::DrugClass)))
        // "Any medication?" names the whole list, not a class of it.
        .filter(|m| {
            !m.concept.is_some_and(|c| {
                matches!(
                    lx.layer.get(c).id.as_str(),
                    "medication" | "taking_medicines" | "medicine" | "prescription"
                )
            })
        })
        .collect();
    let over_the_counter = asked.has_word(&[
        "counter",
        "otc",
        "chemist",
        "pharmacy",
        "supermarket",
        "herbal",
        "supplements",
        "vitamins",
        "remedies",
    ]);
    // "Any regular medications, prescribed or OTC?", "what medicines do you
    // take, including anything OTC?" ask for the whole list.
    let whole_list = over_the_counter
        && asked.has_word(&[
            "prescribed",
            "prescription",
            "regular",
            "regularly",
            "including",
            "include",
            "also",
        ]);
    if over_the_counter && !whole_list {
        let said = "Nothing from the chemist regularly, no.";
        return Answer::say(said);
    }
    if !named.is_empty() && !whole_list {
        let mut a = Answer::default();
        for m in named {
            let mine: Vec<&crate::case::Medication> = m
                .items
                .iter()
                .filter(|&&i| lx.items[i].key.topic == Topic::Medication)
                .filter_map(|&i| {
                    meds.iter()
                        .find(|x| x.name.eq_ignore_ascii_case(&lx.items[i].name))
                })
                .collect();
            if mine.is_empty() {
                let what = m.concept.map_or("that", |c| lx.layer.name(c));
                a.sentences.push(format!("No, I'm not on {what}."));
                a.grounds.extend(cx.ids(Topic::Medication, ""));
            }
            for x in mine {
                let (sentence, ids) = say(x);
                a.sentences.push(sentence);
                a.grounds.extend(ids);
            }
        }
        return a;
    }
    list(
        cx,
        meds.iter().map(say),
        "I'm not on any medication.",
        Topic::Medication,
    )
}

fn vaccinations(cx: &Cx<'_>, asked: &Asked) -> Answer {
    use crate::case::VaccinationStatus as V;
    let lx = cx.lexicon;
    let named: Vec<usize> = asked.items(Topic::Vaccination, lx);
    let asked_one = asked.subjects().any(|m| {
        m.kind == Some(ConceptKind::Vaccine)
            && m.concept.is_some_and(|c| !lx.layer.get(c).under.is_empty())
    });
    let say = |v: &crate::case::Vaccination| match v.status {
        V::UpToDate => format!("I'm up to date with my {} vaccine.", v.vaccine),
        V::Overdue => match v.last_dose_ago {
            Some(ago) => format!(
                "I had the {} vaccine {} ago, so I'm probably due another.",
                v.vaccine,
                spoken_span(ago)
            ),
            None => format!("I'm behind with my {} vaccine.", v.vaccine),
        },
        V::Never => format!("I've never had the {} vaccine.", v.vaccine),
    };
    let mut a = Answer::default();
    for v in &cx.case.history.vaccinations {
        let this = lx.item_of(&Key::new(Topic::Vaccination, &v.vaccine));
        if asked_one && !this.is_some_and(|i| named.contains(&i)) {
            continue;
        }
        a.sentences.push(say(v));
        a.grounds.extend(cx.ids(Topic::Vaccination, &v.vaccine));
        a.grounds.extend(cx.ids(Topic::LastDose, &v.vaccine));
        if !asked_one && a.sentences.len() >= cx.max.max(1) {
            break;
        }
    }
    if a.sentences.is_empty() {
        a.sentences.push(
            if asked_one {
                "I'm not sure I've had that one."
            } else {
                "I'm not sure I'm up to date with my vaccinations."
            }
            .into(),
        );
        a.grounds.extend(cx.ids(Topic::Vaccination, ""));
    }
    a
}

fn family(cx: &Cx<'_>, asked: &Asked) -> Answer {
    let lx = cx.lexicon;
    let fam = &cx.case.history.family;
    // "Any heart problems in the family?": only those.
    let named: Vec<usize> = asked.items(Topic::Family, lx);
    let asks_condition = asked
        .subjects()
        .any(|m| m.kind == Some(ConceptKind::Condition));
    let mut a = Answer::default();
    for f in fam {
        let this = lx.item_of(&Key::new(Topic::Family, &f.condition));
        if asks_condition && !this.is_some_and(|i| named.contains(&i)) {
            continue;
        }
        a.sentences
            .push(format!("My {} has had {}.", f.relative, f.condition));
        a.grounds.extend(cx.ids(Topic::Family, &f.condition));
        if a.sentences.len() >= cx.max.max(1) {
            break;
        }
    }
    a.grounds.extend(cx.ids(Topic::Family, ""));
    if a.sentences.is_empty() {
        a.sentences.push(if asks_condition && !fam.is_empty() {
            "No, not that I know of.".to_string()
        } else {
            "Nothing runs in the family that I know of.".to_string()
        });
    }
    a
}

fn smoking(cx: &Cx<'_>, asked: &Asked) -> Answer {
    let mut ids = cx.ids(Topic::Smoking, "");
    ids.extend(cx.ids(Topic::SmokingAmount, ""));
    ids.extend(cx.ids(Topic::SmokingQuit, ""));
    let s = &cx.case.social.smoking;
    let mut a = realise::smoking(cx.case);
    // "How much did you smoke?", "for how long?" of a former smoker.
    if s.status == crate::case::SmokingStatus::Former
        && (asked.attribute == Some(Attribute::Amount)
            || asked.has_word(&["much", "many", "long", "years"]))
    {
        if let Some(p) = s.packs_per_day {
            a.sentences
                .push(format!("I used to smoke {} a day.", realise::packs(p)));
        }
        if let Some(y) = s.years {
            a.sentences.push(format!(
                "I smoked for {}.",
                spoken_span(crate::case::Span::new(y, crate::case::TimeUnit::Year))
            ));
            ids.extend(cx.ids(Topic::SmokingYears, ""));
        }
    }
    grounded(a, ids)
}

fn living(cx: &Cx<'_>, asked: &Asked) -> Answer {
    let social = &cx.case.social;
    // "Do you have kids?" is about children, not who is at home.
    if asked.has_word(&["kids", "children", "child", "sons", "daughters"])
        && !asked.has_word(&["live", "lives", "living", "home"])
    {
        return pregnancy_counts(cx, true);
    }
    grounded(
        Answer::say(format!("I live {}.", social.living)),
        cx.ids(Topic::Living, ""),
    )
}

fn pregnancy_counts(cx: &Cx<'_>, births: bool) -> Answer {
    let Some(r) = &cx.case.history.reproductive else {
        return Answer::say("No, I haven't got any children.");
    };
    let ids = if births {
        cx.ids(Topic::Births, "")
    } else {
        cx.ids(Topic::Pregnancies, "")
    };
    let n = if births { r.births } else { r.pregnancies };
    let said = match (births, n) {
        (true, 0) => "No, I haven't got any children.".to_string(),
        (true, 1) => "I've had one child.".to_string(),
        (true, n) => format!("I've had {n} children."),
        (false, 0) => "No, I've never been pregnant.".to_string(),
        (false, 1) => "I've been pregnant once.".to_string(),
        (false, n) => format!("I've been pregnant {n} times."),
    };
    grounded(Answer::say(said), ids)
}

fn pregnancy(cx: &Cx<'_>, asked: &Asked) -> Answer {
    let case = cx.case;
    if case.patient.sex == crate::case::Sex::Male {
        return Answer::say("That doesn't apply to me, doctor.");
    }
    if asked.has_word(&["children", "kids", "births", "babies", "baby", "child"]) {
        return pregnancy_counts(cx, true);
    }
    if asked.has_word(&["pregnancies", "pregnant"])
        && asked.has_word(&["been", "ever", "had", "any", "many"])
    {
        return pregnancy_counts(cx, false);
    }
    if asked.has_word(&[
        "contraception",
        "contraceptive",
        "pill",
        "coil",
        "condoms",
        "protection",
    ]) {
        let said = "I'm not using anything at the moment.";
        let key = Key::new(Topic::Everyday, "contraception");
        if let Some(f) = cx.memory.by_key(&key).next() {
            return grounded(Answer::say(f.text.clone()), vec![f.id.clone()]);
        }
        let mut a = Answer::say(said);
        a.invented.push((key, Value::text(said), said.to_string()));
        return a;
    }
    grounded(realise::pregnancy(case), cx.ids(Topic::Reproductive, ""))
}

/// "Have you had X?", "any X or Y?": each thing named, from the record; a
/// plausible "no" for what the record does not hold, unless something the
/// record holds falls under it ("any pain?" with a recorded tummy ache is "yes").
fn symptom_check(cx: &Cx<'_>, asked: &Asked, asked_symptom: Option<&str>) -> Answer {
    let lx = cx.lexicon;
    let open = asked.text.trim_start().to_lowercase().starts_with("how");
    let mut a = Answer::default();
    let mut seen: Vec<usize> = Vec::new();
    let mentions: Vec<&crate::language::Mention> = asked
        .subjects()
        .filter(|m| m.kind == Some(ConceptKind::Symptom))
        .collect();
    for m in &mentions {
        let items: Vec<usize> = m
            .items
            .iter()
            .copied()
            .filter(|&i| lx.items[i].key.topic == Topic::Symptom)
            .collect();
        // "Any plans?" after suicidal thoughts asks of the plans, not the thoughts.
        let exact: Vec<usize> = items
            .iter()
            .copied()
            .filter(|&i| m.concept.is_some_and(|c| lx.items[i].concepts.contains(&c)))
            .collect();
        let items = if exact.is_empty() { items } else { exact };
        let present: Vec<usize> = items
            .iter()
            .copied()
            .filter(|&i| lx.items[i].present)
            .collect();
        if !present.is_empty() {
            for &i in present.iter().take(cx.max.max(1)) {
                if seen.contains(&i) {
                    continue;
                }
                seen.push(i);
                if let Some(s) = cx.symptom(i) {
                    let said = i_have_had(&s.lay, false);
                    a.sentences.push(if open {
                        format!("Not great. {said}.")
                    } else {
                        format!("Yes, {said}.")
                    });
                    a.details
                        .push(format!("It started {} ago.", spoken_span(s.onset.ago)));
                    a.grounds.extend(cx.ids(Topic::Symptom, &s.name));
                }
            }
            continue;
        }
        let negatives: Vec<usize> = items
            .iter()
            .copied()
            .filter(|&i| !lx.items[i].present)
            .collect();
        if let Some(&i) = negatives.first() {
            for &i in &negatives {
                if seen.contains(&i) {
                    continue;
                }
                seen.push(i);
                let name = &lx.items[i].key.subject;
                let lay = cx
                    .case
                    .pertinent_negatives
                    .iter()
                    .find(|n| n.name.eq_ignore_ascii_case(name))
                    .map_or(name.clone(), |n| n.lay.clone());
                a.sentences.push(format!("No, {}.", no_have(&lay, name)));
                a.grounds.extend(cx.ids(Topic::Symptom, name));
            }
            let _ = i;
            continue;
        }
        // Not in the record: the plausible answer is no, and it is remembered.
        if let Some(c) = m.concept {
            let name = lx.layer.name(c).to_string();
            a.sentences
                .push(invented_no(cx, &name, &mut a.invented, &mut a.grounds));
        }
    }
    if a.sentences.is_empty() {
        match asked_symptom {
            Some(name) => {
                let mut grounds = Vec::new();
                let mut invented = Vec::new();
                let said = invented_no(cx, name, &mut invented, &mut grounds);
                a.sentences.push(said);
                a.invented = invented;
                a.grounds = grounds;
            }
            None => return clarify(cx, asked),
        }
    }
    a
}

fn no_have(lay: &str, name: &str) -> String {
    let safety = name.contains("suicid") && !name.contains("plan");
    let plans = name.contains("plan");
    if safety {
        return "I've never had thoughts like that".into();
    }
    if plans {
        return "I haven't made any plans like that".into();
    }
    if is_doing(lay) {
        format!("I haven't been {lay}")
    } else {
        format!("I haven't had {lay}")
    }
}

/// "No, I haven't had any X": for what the record does not hold. Said
/// before, it is said the same way; a denial that a recorded symptom falls
/// under is not made (the record's symptom is said instead).
fn invented_no(
    cx: &Cx<'_>,
    name: &str,
    invented: &mut Vec<(Key, Value, String)>,
    grounds: &mut Vec<String>,
) -> String {
    let key = Key::new(Topic::Symptom, name);
    if let Some(f) = cx.memory.by_key(&key).next() {
        grounds.push(f.id.clone());
        return if f.value == Value::yes(true) {
            format!("Yes, I have had {name}.")
        } else {
            format!("No, {}.", no_have(&format!("any {name}"), name))
        };
    }
    let said = format!("No, {}.", no_have(&format!("any {name}"), name));
    invented.push((key, Value::yes(false), said.clone()));
    said
}
