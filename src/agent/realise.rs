//! Facts turned into what the patient says, first person, plain. Each answer
//! is a list of sentences; the style decorates them afterwards.
//!
//! Sentences use the phrasings the claim extractor reads ("It started two
//! days ago", "It's in ...", "... makes it worse"), so the offline responder's
//! replies are checked as strictly as an LLM's.

use crate::case::{Case, Course, OccupationGroup, Sex, SmokingStatus, Span, Symptom};
use crate::generate::wording::{i_have_had, spoken_span};
use crate::memory::{Key, Topic, Value};

/// One answer: what is said, and the details the patient made up because the
/// record does not cover them (each becomes an episodic fact once verified).
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub sentences: Vec<String>,
    /// Optional extra sentences a verbose patient adds.
    pub details: Vec<String>,
    /// The shortest way to say it, for a reserved patient (defaults to the first sentence).
    pub short: Option<String>,
    pub invented: Vec<(Key, Value, String)>,
    /// The facts it was built from, by id.
    pub grounds: Vec<String>,
    /// It asks what was meant instead of answering.
    pub clarification: bool,
}

impl Answer {
    pub fn say(s: impl Into<String>) -> Self {
        Answer {
            sentences: vec![s.into()],
            ..Answer::default()
        }
    }
}

pub fn course_phrase(c: Course) -> &'static str {
    match c {
        Course::Worsening => "it's getting worse",
        Course::Improving => "it's easing off",
        Course::Stable => "it hasn't let up",
        Course::Fluctuating | Course::Intermittent => "it comes and goes",
    }
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

pub fn onset(s: &Symptom) -> Answer {
    let mut a = Answer::say(format!("It started {} ago.", spoken_span(s.onset.ago)));
    a.short = Some(format!("{} ago.", capitalise(&spoken_span(s.onset.ago))));
    a.details.push(format!(
        "It came on {}.",
        if s.onset.how == crate::case::OnsetMode::Sudden {
            "suddenly"
        } else {
            "gradually"
        }
    ));
    if let Some(t) = &s.onset.trigger {
        a.details.push(t.clone());
    }
    a
}

pub fn duration(s: &Symptom) -> Answer {
    let mut a = Answer::say(format!(
        "{} for {}.",
        i_have_had(&s.lay, false),
        spoken_span(s.duration)
    ));
    a.short = Some(format!("About {}.", spoken_span(s.duration)));
    a.details
        .push(format!("{}.", capitalise(course_phrase(s.course))));
    a
}

/// An attribute of a symptom the record may lack; without it the patient
/// says they can't put it into words, which claims nothing.
pub fn attribute(value: &Option<String>, say: impl Fn(&str) -> String, unknown: &str) -> Answer {
    match value {
        Some(v) => Answer::say(say(v)),
        None => Answer::say(unknown),
    }
}

pub fn severity(s: &Symptom) -> Answer {
    match s.intensity {
        Some(i) => {
            let mut a = Answer::say(format!("I'd say it's {i} out of 10."));
            a.short = Some(format!("{i} out of 10."));
            a
        }
        None => Answer::say("It's hard to put a number on it, but it's bothering me."),
    }
}

pub fn course(s: &Symptom) -> Answer {
    let mut a = Answer::say(format!("{}.", capitalise(course_phrase(s.course))));
    if let Some(f) = &s.frequency {
        a.details.push(format!("It happens {f}."));
    }
    a
}

pub fn factors(s: &Symptom, worse: bool, max: usize) -> Answer {
    let (list, cue, none) = if worse {
        (
            &s.aggravating,
            "makes it worse",
            "Nothing really makes it worse.",
        )
    } else {
        (&s.relieving, "helps", "Nothing really helps.")
    };
    if list.is_empty() {
        let topic = if worse {
            Topic::Aggravating
        } else {
            Topic::Relieving
        };
        let mut a = Answer::say(none);
        a.invented.push((
            Key::new(topic, &s.name),
            Value::yes(false),
            none.to_string(),
        ));
        return a;
    }
    let mut a = Answer::default();
    for item in list.iter().take(max.max(1)) {
        a.sentences.push(format!("{} {cue}.", capitalise(item)));
    }
    a
}

pub fn smoking(case: &Case) -> Answer {
    let s = &case.social.smoking;
    match s.status {
        SmokingStatus::Never => Answer::say("I've never smoked."),
        SmokingStatus::Former => {
            let when = s
                .quit_ago
                .map(|q| format!(" {} ago", spoken_span(q)))
                .unwrap_or_default();
            Answer::say(format!("I used to smoke, but I gave up{when}."))
        }
        SmokingStatus::Current => {
            let amount = s
                .packs_per_day
                .map(packs)
                .unwrap_or_else(|| "a few cigarettes".into());
            let mut a = Answer::say(format!("I smoke {amount} a day."));
            a.short = Some("Yes, I smoke.".into());
            if let Some(y) = s.years {
                a.details.push(format!(
                    "I've smoked for {}.",
                    spoken_span(Span::new(y, crate::case::TimeUnit::Year))
                ));
            }
            a
        }
    }
}

pub fn packs(p: f64) -> String {
    match p {
        p if (p - 1.0).abs() < 0.01 => "a pack".into(),
        p if (p - 0.5).abs() < 0.01 => "half a pack".into(),
        p if p < 1.0 => format!("{} cigarettes", (p * 20.0).round()),
        p if (p - 2.0).abs() < 0.01 => "two packs".into(),
        p => format!("{p} packs"),
    }
}

pub fn alcohol(case: &Case) -> Answer {
    let a = &case.social.alcohol;
    match (a.status, a.drinks_per_week) {
        (crate::case::AlcoholUse::None, _) => Answer::say("I don't drink."),
        (_, Some(n)) => {
            let mut ans = Answer::say(format!("I have about {n} drinks a week."));
            ans.short = Some("I drink a bit.".into());
            ans
        }
        _ => Answer::say("I drink a bit."),
    }
}

pub fn occupation(case: &Case) -> Answer {
    let o = &case.social.occupation;
    let title = o.title.trim();
    match o.group {
        OccupationGroup::Retired => {
            let mut a = Answer::say("I'm retired.");
            a.details.push(format!("Before that: {title}."));
            a
        }
        OccupationGroup::Student => Answer::say(format!("I'm {title}.")),
        OccupationGroup::Homemaker => Answer::say("I look after the home and the family."),
        OccupationGroup::Unemployed => Answer::say("I'm not working at the moment."),
        OccupationGroup::Preschool => Answer::say("I'm too little for school."),
        _ => {
            let article = if title.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            Answer::say(format!("I work as {article} {title}."))
        }
    }
}

pub fn pregnancy(case: &Case) -> Answer {
    use crate::case::ReproductiveStatus as R;
    if case.patient.sex == Sex::Male {
        return Answer::say("That doesn't apply to me, doctor.");
    }
    match case
        .history
        .reproductive
        .as_ref()
        .map(|r| (r.status, r.gestation_weeks))
    {
        Some((R::Pregnant, Some(w))) => {
            Answer::say(format!("I'm pregnant, about {w} weeks along."))
        }
        Some((R::Pregnant, None)) => Answer::say("I'm pregnant."),
        Some((R::Premenarchal, _)) => Answer::say("I haven't started my periods yet."),
        Some((R::Premenopausal, _)) => Answer::say("My periods are regular, and I'm not pregnant."),
        Some((R::Perimenopausal, _)) => {
            Answer::say("My periods have become irregular, I think it's the change.")
        }
        Some((R::Postmenopausal, _)) => Answer::say("I went through the menopause a while ago."),
        None => Answer::say("Nothing to report there."),
    }
}
