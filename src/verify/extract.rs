//! Claims found in any free-text reply: the offline responder's and an LLM's
//! alike. Reads sentence by sentence, finds what each is about (a symptom of
//! the record or a common one, a habit, a part of the history) and what it
//! says about it, with negation.

use super::claim::{Claim, Polarity};
use super::lexicon::{self, content, covers};
use super::quoted;
use super::words;
use crate::memory::{Key, Memory, Topic, Value};
use std::ops::Range;

/// Symptoms people mention that a record may not hold, so a reply that
/// denies or affirms one still yields a claim (and, if new, an episodic fact).
const COMMON_SYMPTOMS: &[&str] = &[
    "fever",
    "vomiting",
    "nausea",
    "cough",
    "headache",
    "chest pain",
    "diarrhea",
    "constipation",
    "blood in urine",
    "rash",
    "dizziness",
    "shortness of breath",
    "weight loss",
    "back pain",
    "fatigue",
    "itching",
    "sore throat",
    "palpitations",
    "blood in stool",
    "jaundice",
];

/// Conditions an LLM patient may mention that the record may not hold.
const COMMON_CONDITIONS: &[&str] = &[
    "asthma",
    "diabetes",
    "high blood pressure",
    "heart disease",
    "epilepsy",
    "depression",
    "cancer",
    "copd",
    "arthritis",
    "stroke",
    "high cholesterol",
    "kidney disease",
    "thyroid",
];

pub struct Context<'a> {
    pub memory: &'a Memory,
    /// The question answered, so that a bare "No." to "Do you smoke?" is a claim.
    pub question: Option<&'a str>,
    /// The symptom the question was about, for replies that say "it" ("It started two days ago").
    pub focus: Option<&'a str>,
}

struct Clause<'t> {
    text: &'t str,
    span: Range<usize>,
    words: Vec<String>,
    canon: Vec<String>,
    /// Followed by an exception ("none, apart from ..."), so a denial here is not total.
    qualified: bool,
}

impl Clause<'_> {
    fn has(&self, w: &str) -> bool {
        self.words.iter().any(|x| x == w)
    }
    fn any(&self, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.has(w))
    }
    fn phrase(&self, p: &str) -> bool {
        self.text.to_lowercase().contains(p)
    }
    fn negated(&self) -> bool {
        self.words.iter().any(|w| is_negator(w)) && !self.phrase("hasn't let up")
    }
    /// Whether the clause names something of the history (an operation, a
    /// condition, a medicine...) rather than a symptom.
    fn names_history(&self, memory: &Memory) -> bool {
        let canon = content(self.text);
        memory
            .terms
            .iter()
            .filter(|(k, _)| !matches!(k.topic, Topic::Symptom | Topic::Lab | Topic::Diagnosis))
            .any(|(_, t)| covers(&canon, &content(t)))
            || self.any(&[
                "removed",
                "operation",
                "surgery",
                "op",
                "tablets",
                "pills",
                "medication",
                "allergic",
            ])
    }

    /// Whether the clause is about the history or habits rather than a symptom.
    fn about_something_else(&self) -> bool {
        const CUES: &[&str] = &[
            "smoke",
            "smoked",
            "smoking",
            "smoker",
            "cigarettes",
            "drink",
            "drinks",
            "drinking",
            "alcohol",
            "beer",
            "wine",
            "drugs",
            "cannabis",
            "work",
            "worked",
            "working",
            "job",
            "retired",
            "live",
            "lived",
            "living",
            "married",
            "medication",
            "surgery",
            "allergic",
            "allergies",
            "diagnosed",
            "vaccine",
            "jab",
            "mother",
            "father",
            "sister",
            "brother",
            "family",
            "school",
            "college",
            "kids",
            "children",
            "pregnant",
            "periods",
            "menopause",
        ];
        self.canon.iter().any(|w| CUES.contains(&w.as_str()))
            || self.phrase("gave up")
            || self.phrase("quit")
    }

    /// Whether a negating word comes before the first word that names `subject`.
    fn negation_before(&self, subject: &str, memory: &Memory) -> bool {
        // Where the record's own wording appears verbatim ("no appetite at all"),
        // only a negation before it counts: its own "no" is part of the symptom.
        let lower = self.text.to_lowercase();
        let verbatim = memory
            .terms
            .iter()
            .filter(|(k, _)| k.topic == Topic::Symptom && k.subject == subject)
            .filter_map(|(_, t)| lower.find(&t.to_lowercase()))
            .min();
        if let Some(at) = verbatim {
            return lexicon::words(&lower[..at]).iter().any(|w| is_negator(w));
        }
        let terms: Vec<Vec<String>> = memory
            .terms
            .iter()
            .filter(|(k, _)| k.topic == Topic::Symptom && k.subject == subject)
            .map(|(_, t)| content(t))
            .chain(std::iter::once(content(subject)))
            .collect();
        let first = self
            .canon
            .iter()
            .position(|w| terms.iter().any(|t| t.contains(w)))
            .unwrap_or(self.canon.len());
        self.words[..first.min(self.words.len())]
            .iter()
            .any(|w| is_negator(w))
    }

    /// The text after the first of `cues`, to the end of the clause.
    fn after(&self, cues: &[&str]) -> Option<String> {
        let lower = self.text.to_lowercase();
        cues.iter()
            .filter_map(|c| {
                lower
                    .find(c)
                    .map(|i| lower[i + c.len()..].trim().to_string())
            })
            .find(|s| !s.is_empty())
    }
}

/// Where a clause starts saying where a symptom goes ("it goes down my leg").
const RADIATION_CUES: &[&str] = &[
    "it goes ",
    "it spreads ",
    "it moves ",
    "it shoots ",
    "it radiates ",
    "does go ",
    "goes into ",
    "goes down ",
    "goes through ",
    "goes to ",
    "goes round ",
    "goes up ",
    "radiates to ",
    "spreads to ",
];

/// The part of a clause that can name a symptom: not the place it goes to or
/// sits in ("the pain goes to my back" is not back pain).
fn naming_part(text: &str) -> &str {
    let lower = text.to_lowercase();
    let cut = RADIATION_CUES
        .iter()
        .chain(&["it's in ", "it is in "])
        .filter_map(|c| lower.find(c))
        .min()
        .unwrap_or(text.len());
    // (Lower-casing keeps byte offsets for the ASCII cues found here.)
    text.get(..cut).unwrap_or(text)
}

/// Whether the words before "helps" / "makes it worse" name something that does
/// ("lying still helps"), not a turn of phrase ("if it helps", "I hope that helps").
fn names_a_factor(what: &str) -> bool {
    let w = lexicon::words(what);
    let last = w.last().map(String::as_str).unwrap_or("");
    let first = w.first().map(String::as_str).unwrap_or("");
    !matches!(last, "it" | "that" | "this" | "which" | "what" | "anything")
        && !matches!(first, "if" | "hope" | "i" | "maybe" | "perhaps")
}

fn is_negator(w: &str) -> bool {
    matches!(
        w,
        "not" | "no" | "never" | "nothing" | "none" | "without" | "nor" | "neither"
    ) || (w.ends_with("n't") && !matches!(w, "can't" | "couldn't" | "won't"))
}

/// The clause of `text` at `span`.
fn clause_at(text: &str, span: Range<usize>, qualified: bool) -> Clause<'_> {
    let t = &text[span.clone()];
    let words = lexicon::words(t);
    let canon = words
        .iter()
        .map(|w| lexicon::canon(w).to_string())
        .collect();
    Clause {
        text: t,
        span,
        words,
        canon,
        qualified,
    }
}

/// Splits a reply into clauses: sentences, then at "but", "although" and ";".
fn clauses(reply: &str) -> Vec<Clause<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = reply.as_bytes();
    let mut i = 0;
    while i <= reply.len() {
        let at_end = i == reply.len();
        let boundary = !at_end && matches!(bytes[i], b'.' | b'!' | b'?' | b';' | b'\n');
        // "I'm not on any tablets apart from amlodipine": the exception is affirmed.
        let but = !at_end
            && [
                " but ",
                " although ",
                " though ",
                " apart from ",
                " except ",
                " other than ",
                " besides ",
            ]
            .iter()
            .any(|w| reply[i..].starts_with(w));
        if at_end || boundary || but {
            if !reply[start..i].trim().is_empty() {
                let exception = !at_end
                    && [" apart from ", " except ", " other than ", " besides "]
                        .iter()
                        .any(|w| reply[i..].starts_with(w));
                out.push(clause_at(reply, start..i, exception));
            }
            start = i + 1;
        }
        i += if at_end {
            1
        } else {
            reply[i..].chars().next().map_or(1, char::len_utf8)
        };
    }
    out
}

/// Words that make up a bare yes or no answer.
const YES: &[&str] = &[
    "yes",
    "yeah",
    "yep",
    "yup",
    "i do",
    "i have",
    "i am",
    "it does",
    "it is",
    "correct",
    "that's right",
];
const NO: &[&str] = &[
    "no",
    "nope",
    "not really",
    "i don't",
    "i haven't",
    "i'm not",
    "it doesn't",
    "it isn't",
    "never",
    "not at all",
];

/// A yes/no answer at the start of a reply, as the statement it makes about
/// the question: "No." to "Do you smoke?" says "I don't smoke."
fn answered(reply: &str, question: &str) -> Option<String> {
    let first = reply
        .split(['.', ',', '!', ';', '-'])
        .next()?
        .trim()
        .to_lowercase();
    let yes = if YES.contains(&first.as_str()) {
        true
    } else if NO.contains(&first.as_str()) {
        false
    } else {
        return None;
    };
    let q = question.trim().trim_end_matches('?').trim();
    let lower = q.to_lowercase();
    // "Yes" to "chest pain or breathlessness?" does not say which; "no" denies both.
    if yes && lower.contains(" or ") {
        return None;
    }
    // (question opening, statement if yes, statement if no)
    const FORMS: &[(&str, &str, &str)] = &[
        ("do you ", "I ", "I don't "),
        ("have you ever ", "I have ", "I have never "),
        ("have you ", "I have ", "I haven't "),
        ("are you ", "I am ", "I'm not "),
        ("did you ", "I did ", "I didn't "),
        ("is it ", "it is ", "it isn't "),
        ("does it ", "it does ", "it doesn't "),
        ("does the pain ", "the pain does ", "the pain doesn't "),
        ("any ", "I have had ", "I haven't had any "),
    ];
    let (open, affirm, deny) = FORMS.iter().find(|(o, _, _)| lower.starts_with(o))?;
    let rest = &q[open.len()..];
    Some(format!("{}{rest}.", if yes { affirm } else { deny }))
}

/// Every claim in `reply`, in order.
pub fn extract(reply: &str, ctx: &Context<'_>) -> Vec<Claim> {
    let mut out = Vec::new();
    if let Some(statement) = ctx.question.and_then(|q| answered(reply, q)) {
        let inner = Context {
            memory: ctx.memory,
            question: None,
            focus: ctx.focus,
        };
        let first_len = reply.find(['.', ',', '!', ';']).unwrap_or(reply.len());
        for mut c in extract(&statement, &inner) {
            c.text = reply[..first_len].trim().to_string();
            c.span = 0..first_len;
            out.push(c);
        }
    }
    let chief = ctx
        .memory
        .terms
        .iter()
        .find(|(k, _)| k.topic == Topic::Symptom)
        .map(|(k, _)| k.subject.clone());
    let mut subject: Option<String> = ctx.focus.map(str::to_lowercase).or(chief);
    // Clauses as split with the record's own phrases blanked (a phrase may hold
    // a "but"), read as written (`c`, for the symptoms named) and blanked (`b`,
    // for habits and details, which a quoted phrase only seems to state).
    let blanked = quoted::blank(reply, ctx.memory, quoted::For::Details);
    let for_habits = quoted::blank(reply, ctx.memory, quoted::For::Habits);
    for b in clauses(&blanked) {
        let c = clause_at(reply, b.span.clone(), b.qualified);
        let h = clause_at(&for_habits, b.span.clone(), b.qualified);
        let mut push = |key: Key, value: Value, polarity: Polarity| {
            out.push(Claim {
                key,
                value,
                polarity,
                text: c.text.trim().to_string(),
                span: c.span.clone(),
            });
        };
        // Symptoms named in the clause; the last one named becomes what "it" means.
        // A symptom is denied only by a negation before it ("no fever", not "the pain hasn't let up").
        // Symptoms in a sentence about something else ("penicillin gives me a rash",
        // "my mother had chest pain") are not the patient's symptoms now.
        let elsewhere = b.about_something_else() || c.names_history(ctx.memory);
        let named = if elsewhere {
            Vec::new()
        } else {
            symptoms_in(&c, ctx.memory)
        };
        for s in &named {
            let denied = c.negated() && c.negation_before(s, ctx.memory);
            push(
                Key::new(Topic::Symptom, s),
                Value::yes(true),
                if denied {
                    Polarity::Deny
                } else {
                    Polarity::Affirm
                },
            );
        }
        if let Some(last) = named.last() {
            subject = Some(last.clone());
        }
        // "I've smoked for 43 years" is about smoking, not the symptom "it" meant before.
        if let Some(s) = subject.clone().filter(|_| !elsewhere) {
            symptom_details(&c, &b, &s, &mut push);
        }
        social(&h, h.negated(), &mut push);
        history(&c, ctx.memory, c.negated(), &mut push);
    }
    out
}

/// The symptoms a text names (the record's, by name or lay wording, and common ones).
pub fn symptoms_named(text: &str, ctx: &Context<'_>) -> Vec<String> {
    clauses(text)
        .iter()
        .flat_map(|c| symptoms_in(c, ctx.memory))
        .collect()
}

fn symptoms_in(c: &Clause<'_>, memory: &Memory) -> Vec<String> {
    let canon = content(naming_part(c.text));
    // Each symptom found, with the words of its longest wording found in the clause.
    let mut found: Vec<(String, Vec<String>)> = Vec::new();
    let recorded = memory
        .terms
        .iter()
        .filter(|(k, _)| k.topic == Topic::Symptom)
        .map(|(k, t)| (k.subject.clone(), t.clone()));
    for (subject, term) in recorded {
        let words = content(&term);
        if lexicon::only_regions(&words) || !covers(&canon, &words) {
            continue;
        }
        match found.iter_mut().find(|(s, _)| *s == subject) {
            Some((_, w)) if w.len() < words.len() => *w = words,
            Some(_) => {}
            None => found.push((subject, words)),
        }
    }
    // A common symptom counts only for words no recorded symptom already
    // explains ("a pain that goes through to my back" is the abdominal pain).
    let used: Vec<String> = found
        .iter()
        .flat_map(|(s, _)| {
            memory
                .terms
                .iter()
                .filter(|(k, _)| k.topic == Topic::Symptom && k.subject == *s)
                .flat_map(|(_, t)| content(t))
        })
        .collect();
    for common in COMMON_SYMPTOMS {
        let words = content(common);
        let fresh = words.iter().all(|w| !used.contains(w));
        if fresh && covers(&canon, &words) && !found.iter().any(|(s, _)| s == common) {
            found.push((common.to_string(), words));
        }
    }
    // A wording that another one found contains wins less: "blood in my sick"
    // (vomiting blood) over "sick" (nausea), "chest pain" over "pain".
    let all = found.clone();
    found.retain(|(s, w)| {
        !all.iter()
            .any(|(o, v)| o != s && v.len() > w.len() && w.iter().all(|x| v.contains(x)))
    });
    found.into_iter().map(|(s, _)| s).collect()
}

/// `c` is the clause as written, `b` the same clause with the record's own
/// phrases blanked: durations, scores, course and negation are read from `b`,
/// the words given for a site, a feeling or a factor from `c`.
fn symptom_details(
    c: &Clause<'_>,
    b: &Clause<'_>,
    s: &str,
    push: &mut impl FnMut(Key, Value, Polarity),
) {
    let key = |t| Key::new(t, s);
    let negated = b.negated();
    // "an hour after a big dinner" says when relative to something else, not how long ago.
    // "It crept up on me over a few weeks" says how it came on, not for how long.
    let relative = |r: &Range<usize>| {
        let before = b.text[..r.start].trim_end().to_lowercase();
        if before.ends_with("over") || before.ends_with("within") {
            return true;
        }
        let rest = b.text[r.end..].trim_start().to_lowercase();
        rest.starts_with("after")
            || rest.starts_with("before")
            || rest.starts_with("later")
            || rest.starts_with("earlier")
    };
    if let Some((days, _)) = words::find_durations(b.text)
        .into_iter()
        .find(|(_, r)| !relative(r))
    {
        let onset =
            b.any(&["ago", "started", "began", "since", "start", "begin"]) || b.phrase("came on");
        push(
            key(if onset { Topic::Onset } else { Topic::Duration }),
            Value::days(days),
            Polarity::Affirm,
        );
    }
    if let Some((score, _)) = words::find_score(b.text) {
        push(
            key(Topic::Intensity),
            Value::number(score, "/10"),
            Polarity::Affirm,
        );
    }
    let course = if b.phrase("getting worse")
        || b.phrase("worse and worse")
        || b.phrase("worsening")
    {
        Some("worsening")
    } else if b.phrase("easing off") || b.phrase("getting better") || b.phrase("improving") {
        Some("improving")
    } else if b.phrase("comes and goes") || b.phrase("keeps coming back") || b.phrase("on and off")
    {
        Some("comes and goes")
    } else if b.phrase("hasn't let up") || b.phrase("stayed the same") || b.phrase("hasn't changed")
    {
        Some("stable")
    } else {
        None
    };
    if let Some(course) = course {
        push(key(Topic::Course), Value::choice(course), Polarity::Affirm);
    }
    if let Some(at) = c.after(&["it's in ", "it is in ", "it's mainly in ", "it's right in "]) {
        push(key(Topic::Location), Value::text(at), Polarity::Affirm);
    }
    if let Some(feel) = c.after(&["it feels like ", "it feels ", "it's like "]) {
        push(key(Topic::Character), Value::text(feel), Polarity::Affirm);
    }
    if c.phrase("doesn't go anywhere")
        || c.phrase("doesn't spread")
        || c.phrase("stays in one place")
    {
        push(key(Topic::Radiation), Value::text(""), Polarity::Deny);
    } else if let Some(to) = c.after(RADIATION_CUES) {
        push(key(Topic::Radiation), Value::text(to), Polarity::Affirm);
    }
    for (cue, topic) in [
        (" makes it worse", Topic::Aggravating),
        (" helps", Topic::Relieving),
        (" makes it better", Topic::Relieving),
        (" eases it", Topic::Relieving),
    ] {
        if let Some(i) = c.text.to_lowercase().find(cue) {
            let mut what = c.text[..i]
                .trim()
                .trim_start_matches(|ch: char| !ch.is_alphanumeric())
                .to_string();
            // "Sitting up is the only thing that helps": the thing is before "is".
            for tail in [
                " is the only thing that",
                " is the one thing that",
                " is the thing that",
                " is what",
                " really",
            ] {
                if what.to_lowercase().ends_with(tail) {
                    what.truncate(what.len() - tail.len());
                }
            }
            let nothing = what.eq_ignore_ascii_case("nothing")
                || what.to_lowercase().ends_with("nothing really");
            if nothing {
                push(key(topic), Value::text(""), Polarity::Deny);
            } else if !what.is_empty() && !negated && names_a_factor(&what) {
                push(key(topic), Value::text(what), Polarity::Affirm);
            }
        }
    }
    if let Some(how) = c.after(&["it happens "]) {
        push(key(Topic::Frequency), Value::text(how), Polarity::Affirm);
    }
}

fn social(c: &Clause<'_>, negated: bool, push: &mut impl FnMut(Key, Value, Polarity)) {
    let stopped = c.phrase("used to")
        || c.phrase("gave up")
        || c.phrase("quit")
        || c.phrase("stopped")
        || c.has("ex-smoker");
    let not_now = c.phrase("any more") || c.phrase("anymore") || c.phrase("these days");
    if c.any(&[
        "smoke",
        "smoking",
        "smoker",
        "smoked",
        "cigarettes",
        "cigarette",
        "ciggies",
        "fags",
        "non-smoker",
        "nonsmoker",
    ]) && !c.phrase("smoke alarm")
    {
        // "I smoked for years" (not "I've smoked") is over.
        let past = c.has("smoked") && !c.any(&["i've", "have", "has", "i'd", "been"]);
        let status = if stopped || past {
            "former"
        } else if negated && (c.has("never") || c.phrase("not ever")) {
            "never"
        } else if negated || c.has("non-smoker") || c.has("nonsmoker") {
            "not now"
        } else {
            "current"
        };
        push(
            Key::of(Topic::Smoking),
            Value::choice(status),
            Polarity::Affirm,
        );
        if let (Some(packs), false) = (words::packs_per_day(c.text), negated) {
            push(
                Key::of(Topic::SmokingAmount),
                Value::number(packs, "packs/day"),
                Polarity::Affirm,
            );
        }
    }
    // ("spirits" alone is a mood: "low spirits".)
    let drink_words = [
        "drink", "drinks", "drinking", "alcohol", "beer", "beers", "wine", "pint", "pints",
        "booze", "whisky", "vodka", "teetotal",
    ];
    let not_alcohol = c.any(&["water", "fluids", "tea", "coffee", "juice"])
        || c.phrase("eating or drinking")
        || c.phrase("drink anything");
    if c.any(&drink_words) && !not_alcohol {
        let status = if negated && not_now {
            "not now"
        } else if negated || c.has("teetotal") {
            "none"
        } else {
            "some"
        };
        push(
            Key::of(Topic::Alcohol),
            Value::choice(status),
            Polarity::Affirm,
        );
        if let (Some(n), false) = (words::drinks_per_week(c.text), negated) {
            push(
                Key::of(Topic::AlcoholAmount),
                Value::number(n, "drinks/week"),
                Polarity::Affirm,
            );
        }
    }
    if c.any(&[
        "drugs",
        "cannabis",
        "weed",
        "marijuana",
        "cocaine",
        "ecstasy",
        "heroin",
        "recreational",
    ]) && !c.any(&["prescribed", "prescription"])
    {
        // "I smoked for years" (not "I've smoked") is over.
        let past = c.has("smoked") && !c.any(&["i've", "have", "has", "i'd", "been"]);
        let status = if stopped || past {
            "former"
        } else if negated && not_now {
            "not now"
        } else if negated {
            "none"
        } else {
            "some"
        };
        push(
            Key::of(Topic::Drugs),
            Value::choice(status),
            Polarity::Affirm,
        );
    }
    if let Some(job) = c.after(&["i work as a ", "i work as an ", "i work as "]) {
        push(
            Key::of(Topic::Occupation),
            Value::text(job),
            Polarity::Affirm,
        );
    }
    if let Some(home) = c.after(&["i live "]) {
        push(Key::of(Topic::Living), Value::text(home), Polarity::Affirm);
    }
    if let Some(name) = c.after(&["my name is ", "i'm called "]) {
        push(Key::of(Topic::Name), Value::text(name), Polarity::Affirm);
    }
    if c.phrase("years old") || c.phrase("year old") {
        if let Some(n) = c.words.iter().find_map(|w| w.parse::<f64>().ok()) {
            push(
                Key::of(Topic::Age),
                Value::number(n, "years"),
                Polarity::Affirm,
            );
        }
    }
}

fn history(
    c: &Clause<'_>,
    memory: &Memory,
    negated: bool,
    push: &mut impl FnMut(Key, Value, Polarity),
) {
    let polarity = if negated {
        Polarity::Deny
    } else {
        Polarity::Affirm
    };
    let canon = content(c.text);
    let mut specific = false;
    // Named subjects of the record: conditions, operations, medicines, allergies, family illness, tests, the diagnosis.
    for (key, term) in memory
        .terms
        .iter()
        .filter(|(k, _)| k.topic != Topic::Symptom)
    {
        if !covers(&canon, &content(term)) {
            continue;
        }
        specific = true;
        // "My mum had gallstones" is family history, not the patient's own condition.
        let relative = c.any(&[
            "mother",
            "father",
            "mum",
            "mom",
            "dad",
            "brother",
            "sister",
            "grandmother",
            "grandfather",
            "aunt",
            "uncle",
            "nan",
            "gran",
        ]);
        // "My sister has had polycystic ovary syndrome" names the relative's
        // illness, whether the record holds it as a condition or as the diagnosis.
        if relative && matches!(key.topic, Topic::Condition | Topic::Diagnosis) {
            push(Key::new(Topic::Family, term), Value::yes(true), polarity);
            continue;
        }
        match key.topic {
            Topic::Lab => {
                if let Some(n) = c.words.iter().find_map(|w| w.parse::<f64>().ok()) {
                    push(key.clone(), Value::number(n, ""), Polarity::Affirm);
                }
            }
            Topic::Diagnosis => {
                // "An inguinal hernia repair 30 years ago" names an old operation,
                // not the diagnosis the patient has not been told.
                let inside_history_item = memory.terms.iter().any(|(k, t)| {
                    matches!(k.topic, Topic::Surgery | Topic::Condition | Topic::Family)
                        && covers(&canon, &content(t))
                        && covers(&content(t), &content(term))
                });
                if !negated && !inside_history_item {
                    push(key.clone(), Value::text(term), Polarity::Affirm);
                }
            }
            _ => push(key.clone(), Value::yes(true), polarity),
        }
    }
    for cond in COMMON_CONDITIONS {
        if covers(&canon, &content(cond))
            && !memory.terms.iter().any(|(k, _)| k.subject.contains(cond))
        {
            let family = c.any(&[
                "mother",
                "father",
                "mum",
                "dad",
                "brother",
                "sister",
                "grandmother",
                "grandfather",
                "aunt",
                "uncle",
                "family",
            ]);
            let topic = if family {
                Topic::Family
            } else {
                Topic::Condition
            };
            push(Key::new(topic, cond), Value::yes(true), polarity);
            specific = true;
        }
    }
    // "I'm allergic to penicillin", "I had my appendix out": a specific item the record may not hold.
    if !negated && !specific {
        if let Some(what) = c.after(&["allergic to "]) {
            let what: String = what
                .split([',', '-', '('])
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            if !what.is_empty() {
                push(
                    Key::new(Topic::Allergy, &what),
                    Value::yes(true),
                    Polarity::Affirm,
                );
                specific = true;
            }
        }
        let removed = c.phrase("had my") && (c.has("out") || c.has("removed"));
        if removed
            || c.phrase("had an operation")
            || c.phrase("had surgery")
            || c.phrase("had an op ")
        {
            push(Key::of(Topic::Surgery), Value::yes(true), Polarity::Affirm);
            specific = true;
        }
    }
    if specific || !negated {
        return;
    }
    // Denials of a whole section: "no allergies", "I'm not on any tablets", "never had an operation".
    let canon_words = &c.canon;
    let has = |w: &str| canon_words.iter().any(|x| x == w);
    let section = if c.any(&["allergies", "allergic", "allergy"]) {
        Some(Topic::Allergy)
    } else if has("surgery") {
        Some(Topic::Surgery)
    } else if has("medication") {
        Some(Topic::Medication)
    } else if c.phrase("runs in") || c.phrase("in the family") || c.phrase("in my family") {
        Some(Topic::Family)
    } else if c.any(&["conditions", "illnesses", "problems"])
        && c.any(&["medical", "health", "long-term", "other"])
        || c.phrase("diagnosed with")
    {
        Some(Topic::Condition)
    } else {
        None
    };
    if let Some(topic) = section.filter(|_| !c.qualified) {
        push(Key::of(topic), Value::yes(true), Polarity::Deny);
    }
}
