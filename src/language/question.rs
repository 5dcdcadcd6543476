//! Reading a trainee's question: what kind of question it is (its intents),
//! what it names (concepts and the record's items), what it asks about them
//! (when it started, where it is...), and whether a bare yes or no answers it.
//! The patterns are data (`assets/concepts/questions.yaml`).

use super::claim::Polarity;
use super::concepts::{self, ConceptKind};
use super::lexicon::{Lexicon, Read};
use crate::memory::{Key, Topic, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What a question asks, as the session log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Greeting,
    ChiefComplaint,
    Onset,
    Duration,
    Location,
    Character,
    Radiation,
    Severity,
    Course,
    Frequency,
    Trigger,
    Aggravating,
    Relieving,
    Associated,
    SymptomCheck,
    PastHistory,
    Surgery,
    Medications,
    Allergies,
    Vaccinations,
    FamilyHistory,
    Smoking,
    Alcohol,
    Drugs,
    Occupation,
    Living,
    Diet,
    Exercise,
    Sleep,
    Mood,
    WeightChange,
    Ideas,
    Concerns,
    Expectations,
    Pregnancy,
    Name,
    Age,
    TestResults,
    Diagnosis,
    Closing,
    OutOfCharacter,
    /// "That sounds hard": a statement of empathy, not a question.
    Empathy,
    /// "Anything like this before?"
    PreviousEpisodes,
    Unclear,
}

/// What a question asks about the thing it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    Onset,
    Duration,
    Trigger,
    Radiation,
    Aggravating,
    Relieving,
    Severity,
    Course,
    Frequency,
    Character,
    Site,
    Amount,
    Quit,
    Dose,
    DoseFrequency,
}

impl Attribute {
    /// The record topic that holds this attribute of a symptom, if any.
    pub fn symptom_topic(self) -> Option<Topic> {
        Some(match self {
            Attribute::Onset => Topic::Onset,
            Attribute::Duration => Topic::Duration,
            Attribute::Trigger => Topic::Trigger,
            Attribute::Radiation => Topic::Radiation,
            Attribute::Aggravating => Topic::Aggravating,
            Attribute::Relieving => Topic::Relieving,
            Attribute::Severity => Topic::Intensity,
            Attribute::Course => Topic::Course,
            Attribute::Frequency => Topic::Frequency,
            Attribute::Character => Topic::Character,
            Attribute::Site => Topic::Location,
            _ => return None,
        })
    }

    /// The intent the attribute stands for when the subject is a symptom.
    pub fn intent(self) -> Intent {
        match self {
            Attribute::Onset | Attribute::Quit => Intent::Onset,
            Attribute::Duration => Intent::Duration,
            Attribute::Trigger => Intent::Trigger,
            Attribute::Radiation => Intent::Radiation,
            Attribute::Aggravating => Intent::Aggravating,
            Attribute::Relieving => Intent::Relieving,
            Attribute::Severity => Intent::Severity,
            Attribute::Course => Intent::Course,
            Attribute::Frequency | Attribute::DoseFrequency => Intent::Frequency,
            Attribute::Character => Intent::Character,
            Attribute::Site => Intent::Location,
            Attribute::Amount | Attribute::Dose => Intent::Frequency,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_turn_splits_into_its_questions() {
        assert_eq!(
            super::parts("can u describe it for me? does it go anywhere? and how bad out of 10?"),
            [
                "can u describe it for me?",
                "does it go anywhere?",
                "and how bad out of 10?"
            ]
        );
        assert_eq!(
            super::parts("when did it start and what makes it worse"),
            ["when did it start", "and what makes it worse"]
        );
        assert_eq!(
            super::parts("any nausea or vomiting?"),
            ["any nausea or vomiting?"]
        );
        assert_eq!(super::parts("İİ?"), ["İİ?"]);
    }

    #[test]
    fn a_gap_passes_over_a_name_as_one_word() {
        let lx = crate::language::Lexicon::general();
        for q in [
            "when did the low mood start?",
            "how did the leg pain start?",
            "when did it start?",
        ] {
            let asked = super::read(q, &lx);
            assert_eq!(asked.intents[0], super::Intent::Onset, "{q}");
        }
        // Four words that are no one name are still too far apart.
        let asked = super::read("when did you go to the shop to start", &lx);
        assert_ne!(asked.intents.first(), Some(&super::Intent::Onset));
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIntent {
    intent: Intent,
    weight: u8,
    patterns: Vec<String>,
}

/// An everyday matter no record holds ("have you been abroad?", "are you
/// right- or left-handed?"), with the plain answer a patient gives.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Everyday {
    pub subject: String,
    patterns: Vec<String>,
    pub answer: String,
    /// The answer of a patient under 17, when it differs ("do you drive?").
    #[serde(default)]
    pub young: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    intents: Vec<RawIntent>,
    attributes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    everyday: Vec<Everyday>,
}

#[derive(Debug)]
enum Tok {
    Start,
    End,
    Gap,
    Alt(Vec<(String, bool)>),
}

#[derive(Debug)]
struct Pattern {
    toks: Vec<Tok>,
}

struct Patterns {
    intents: Vec<(Intent, u8, Pattern)>,
    attributes: Vec<(Attribute, Pattern)>,
    everyday: Vec<(Everyday, Vec<Pattern>)>,
}

fn parse(spec: &str) -> Pattern {
    let toks = spec
        .split_whitespace()
        .map(|t| match t {
            "^" => Tok::Start,
            "$" => Tok::End,
            "*" => Tok::Gap,
            _ => Tok::Alt(
                t.split('|')
                    .map(|a| match a.strip_suffix('~') {
                        Some(p) => (p.to_string(), true),
                        None => (a.to_string(), false),
                    })
                    .collect(),
            ),
        })
        .collect();
    Pattern { toks }
}

fn attribute_named(name: &str) -> Option<Attribute> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

fn patterns() -> &'static Patterns {
    static CELL: OnceLock<Patterns> = OnceLock::new();
    CELL.get_or_init(|| {
        let text = concepts::embedded("questions.yaml").unwrap_or_default();
        let raw: Option<Raw> = serde_yaml::from_str(text).ok();
        let mut out = Patterns {
            intents: Vec::new(),
            attributes: Vec::new(),
            everyday: Vec::new(),
        };
        if let Some(raw) = raw {
            for i in raw.intents {
                for p in &i.patterns {
                    out.intents.push((i.intent, i.weight, parse(p)));
                }
            }
            for (name, list) in raw.attributes {
                if let Some(a) = attribute_named(&name) {
                    for p in &list {
                        out.attributes.push((a, parse(p)));
                    }
                }
            }
            for e in raw.everyday {
                let list = e.patterns.iter().map(|p| parse(p)).collect();
                out.everyday.push((e, list));
            }
        }
        out
    })
}

/// Whether a concept is a recreational drug ("weed", "street drugs").
fn recreational(lx: &Lexicon, c: concepts::Id) -> bool {
    lx.layer.lineage(c).iter().any(|&u| {
        matches!(
            lx.layer.get(u).id.as_str(),
            "recreational_drugs" | "recreational_substances"
        )
    })
}

/// The everyday matter a question asks about, if it is one of those in
/// `questions.yaml` (`everyday`).
pub fn everyday(asked: &Asked) -> Option<&'static Everyday> {
    let words = words_of(&asked.read);
    patterns()
        .everyday
        .iter()
        .find(|(_, list)| list.iter().any(|p| matches(&words, p)))
        .map(|(e, _)| e)
}

/// Why the built-in question patterns do not load, if they do not.
pub fn check_builtin() -> Option<String> {
    let text = concepts::embedded("questions.yaml")?;
    match serde_yaml::from_str::<Raw>(text) {
        Err(e) => Some(format!("questions.yaml: {e}")),
        Ok(raw) => raw
            .attributes
            .keys()
            .find(|k| attribute_named(k).is_none())
            .map(|k| format!("questions.yaml: `{k}` is not an attribute")),
    }
}

const MAX_GAP: usize = 3;

/// A question's word as patterns see it: its form, its stem, and whether it
/// continues a name begun by the word before ("low mood"), which a gap
/// passes over as one word ("when did the low mood start").
type Word = (String, String, bool);

fn word_matches(alts: &[(String, bool)], t: &Word) -> bool {
    alts.iter().any(|(a, prefix)| {
        if *prefix {
            t.0.starts_with(a.as_str())
        } else {
            t.0 == *a || t.1 == *a
        }
    })
}

fn match_at(words: &[Word], i: usize, toks: &[Tok]) -> bool {
    let Some((first, rest)) = toks.split_first() else {
        return true;
    };
    match first {
        Tok::Start => i == 0 && match_at(words, i, rest),
        Tok::End => i == words.len() && match_at(words, i, rest),
        Tok::Gap => {
            let mut skipped = 0;
            let mut g = 0;
            loop {
                if match_at(words, i + g, rest) {
                    return true;
                }
                let Some(w) = words.get(i + g) else {
                    return false;
                };
                skipped += usize::from(!w.2);
                g += 1;
                if skipped > MAX_GAP || i + g > words.len() {
                    return false;
                }
            }
        }
        Tok::Alt(alts) => {
            words.get(i).is_some_and(|w| word_matches(alts, w)) && match_at(words, i + 1, rest)
        }
    }
}

fn matches(words: &[Word], p: &Pattern) -> bool {
    (0..=words.len()).any(|i| match_at(words, i, &p.toks))
}

/// The words a pattern sees, with "'s" after "what", "it"... as "is".
fn words_of(read: &Read) -> Vec<Word> {
    let tokens = &read.tokens;
    let tail = |k: usize| {
        read.mentions
            .iter()
            .any(|m| m.range.start < k && k < m.range.end)
    };
    let mut out: Vec<Word> = Vec::new();
    for (k, t) in tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_word() || t.number().is_some())
    {
        if t.norm == "'s" {
            let prev = out.last().map_or("", |w| w.0.as_str());
            if matches!(
                prev,
                "what"
                    | "it"
                    | "that"
                    | "there"
                    | "who"
                    | "how"
                    | "where"
                    | "he"
                    | "she"
                    | "here"
                    | "when"
                    | "why"
            ) {
                out.push(("is".into(), "is".into(), false));
            }
            continue;
        }
        out.push((t.norm.replace('-', ""), t.stem.clone(), tail(k)));
    }
    out
}

/// The words of `read` at the tokens `keep` holds (the others are passed
/// over as punctuation).
fn words_where(read: &Read, keep: impl Fn(usize) -> bool) -> Vec<Word> {
    let mut masked = read.clone();
    for (k, t) in masked.tokens.iter_mut().enumerate() {
        if !keep(k) {
            t.kind = super::text::Kind::Punct;
        }
    }
    words_of(&masked)
}

/// The sentences of a question's text, each with whether it ends in "?".
fn question_marks(text: &str, read: &Read) -> Vec<(std::ops::Range<usize>, bool)> {
    super::text::sentences(text, &read.tokens)
        .into_iter()
        .map(|r| {
            let asks = read.tokens[r.end - 1].norm == "?";
            (r, asks)
        })
        .collect()
}

/// The statements before a question that only greet or acknowledge ("That
/// sounds really hard."), when a sentence after them asks. A normalising
/// remark ("Some people feel life isn't worth living.") is kept: the
/// question after it ("anything like that?") asks about what it names.
fn preface(
    read: &Read,
    sentences: &[(std::ops::Range<usize>, bool)],
) -> Vec<std::ops::Range<usize>> {
    let Some(last_question) = sentences.iter().rposition(|(_, q)| *q) else {
        return Vec::new();
    };
    let p = patterns();
    sentences[..last_question]
        .iter()
        .filter(|(_, q)| !q)
        .filter(|(r, _)| {
            let words = words_where(read, |k| r.contains(&k));
            p.intents.iter().any(|(intent, _, pattern)| {
                matches!(intent, Intent::Empathy | Intent::Greeting) && matches(&words, pattern)
            })
        })
        .map(|(r, _)| r.clone())
        .collect()
}

/// A question, read.
#[derive(Debug, Clone)]
pub struct Asked {
    pub text: String,
    pub read: Read,
    /// Its intents, strongest first; never empty (`Unclear` when nothing is recognised).
    pub intents: Vec<Intent>,
    pub attribute: Option<Attribute>,
    /// A bare yes or no answers it.
    pub yes_no: bool,
    /// It offers a choice ("sharp or dull?"), so "yes" says neither.
    pub alternatives: bool,
    /// It says "it", "this" or "that" for what it asks about.
    pub pronoun: bool,
    /// It follows on from the last question ("and your appetite?", "any others?").
    pub elliptical: bool,
    /// The record item "it" means, once the conversation has resolved it.
    pub focus: Option<usize>,
    /// It asks only whether the patient has what it names ("any chest
    /// pain?", "do you smoke?"), so "no" denies that, not something said of it.
    pub presence: bool,
}

/// Words a question asking only whether the patient has something may use.
const PRESENCE: &[&str] = &[
    "before",
    "previously",
    "have",
    "has",
    "had",
    "having",
    "got",
    "get",
    "gets",
    "getting",
    "any",
    "experience",
    "experienced",
    "experiencing",
    "because",
    "find",
    "finding",
    "found",
    "notice",
    "noticed",
    "noticing",
    "suffer",
    "suffered",
    "suffering",
    "been",
    "feel",
    "feeling",
    "felt",
    "do",
    "does",
    "did",
    "you",
    "your",
    "are",
    "is",
    "was",
    "were",
    "with",
    "from",
    "or",
    "and",
    "at",
    "all",
    "lately",
    "recently",
    "ever",
    "today",
    "also",
    "too",
    "other",
    "some",
    "problems",
    "problem",
    "trouble",
    "issues",
    "a",
    "an",
    "the",
    "of",
    "in",
    "yourself",
    "currently",
    "now",
    "at",
    "moment",
    "these",
    "days",
    "past",
    "few",
    "weeks",
    "on",
    "take",
    "taking",
    "taken",
    "took",
    "use",
    "using",
    "smoke",
    "used",
    "tried",
    "try",
    "touched",
    "touch",
    "done",
    "ever",
    "seen",
    "see",
    "any",
    "type",
    "regularly",
    "regular",
    "prescribed",
    "not",
    "to",
    "which",
    "aren't",
    "weren't",
    "isn't",
    "still",
    "yet",
    "since",
    "drink",
    "know",
    "been",
    "told",
    "diagnosed",
    "sort",
    "kind",
    "like",
    "anything",
    "that",
    "this",
    "so",
    "far",
    "last",
    "week",
    "month",
    "year",
    "and",
    "?",
    ",",
    ".",
    "'s",
    "would",
    "say",
    "think",
    "noticed",
];

const YES_NO_OPENERS: &[&str] = &[
    "do", "does", "did", "have", "has", "had", "are", "is", "was", "were", "any", "can", "could",
    "will", "would", "ever", "anything", "been", "got", "is", "you", "no", "r",
];

impl Asked {
    /// Mentions of things (not sites alone, not factors): what the question names.
    pub fn subjects(&self) -> impl Iterator<Item = &super::mention::Mention> {
        self.read.mentions.iter().filter(|m| {
            !matches!(
                m.kind,
                Some(
                    ConceptKind::Site
                        | ConceptKind::Factor
                        | ConceptKind::Descriptor
                        | ConceptKind::Exam
                ) | None
            ) || !m.items.is_empty()
        })
    }

    /// The record items the question names, of a topic.
    pub fn items(&self, topic: Topic, lx: &Lexicon) -> Vec<usize> {
        let mut out = Vec::new();
        for m in self.subjects() {
            for &i in &m.items {
                if lx.items[i].key.topic == topic && !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        out
    }

    pub fn has(&self, intent: Intent) -> bool {
        self.intents.contains(&intent)
    }

    pub fn has_word(&self, words: &[&str]) -> bool {
        self.read
            .tokens
            .iter()
            .any(|t| words.contains(&t.norm.as_str()))
    }

    /// The symptoms it names are all ones the record says the patient does
    /// not have: an attribute asked of them ("are you thirsty all the time?")
    /// asks whether, not how.
    pub fn names_only_absent(&self, lx: &Lexicon) -> bool {
        let named = self.items(Topic::Symptom, lx);
        !named.is_empty() && named.iter().all(|&i| !lx.items[i].present)
    }

    /// Of `items`, those named by what the question says is done ("does it
    /// hurt to swallow?": the painful swallowing, not every pain), or all.
    pub fn of_doing(&self, items: Vec<usize>, lx: &Lexicon) -> Vec<usize> {
        lx.of_doing(items, &self.read.tokens, self.read.mentions.iter())
    }

    /// The words of the question's mentions of `kind` ("bladder, back") and
    /// their concept ids; empty when it names none.
    fn named(&self, kind: ConceptKind, lx: &Lexicon) -> (String, Vec<String>) {
        let found: Vec<&super::mention::Mention> = self
            .read
            .mentions
            .iter()
            .filter(|m| m.kind == Some(kind))
            .collect();
        let text: Vec<String> = found
            .iter()
            .map(|m| {
                self.read.tokens[m.range.clone()]
                    .iter()
                    .map(|t| t.norm.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let ids = found
            .iter()
            .filter_map(|m| m.concept)
            .map(|c| lx.layer.get(c).id.clone())
            .collect();
        (text.join(", "), ids)
    }

    /// The claims a bare "yes" (`yes`) or "no" to this question makes:
    /// "No." to "Any chest pain?" denies chest pain.
    pub fn claims_if(&self, yes: bool, lx: &Lexicon) -> Vec<(Key, Value, Polarity, Vec<String>)> {
        let mut out = Vec::new();
        let polarity = if yes {
            Polarity::Affirm
        } else {
            Polarity::Deny
        };
        // "Does it hurt to swallow?" asks after the record's painful
        // swallowing, not what makes the pain worse.
        if self.yes_no {
            let named = self.items(Topic::Symptom, lx);
            let doing = self.of_doing(named.clone(), lx);
            if doing.len() == 1 && named.len() > 1 {
                out.push((
                    lx.items[doing[0]].key.clone(),
                    Value::yes(true),
                    polarity,
                    Vec::new(),
                ));
                return out;
            }
        }
        let ever = self.has_word(&["ever"]);
        let moot = self.names_only_absent(lx);
        let attribute = self.attribute.filter(|_| !moot);
        // "Does the pain go to your back?" — "Yes": it goes there; "No": not there.
        if let (Some(Attribute::Radiation), Some(f)) = (attribute, self.focus) {
            let (text, ids) = self.named(ConceptKind::Site, lx);
            if !text.is_empty() {
                out.push((
                    Key::new(Topic::Radiation, &lx.items[f].key.subject),
                    Value::text(text),
                    polarity,
                    ids,
                ));
                return out;
            }
        }
        // "Did anything set it off?" is of the main complaint when nothing
        // else was being talked about.
        let focus = self
            .focus
            .or(lx.main.filter(|_| attribute == Some(Attribute::Trigger)));
        if let (Some(a), Some(f), false) = (attribute, focus, yes) {
            let topic = match a {
                Attribute::Radiation => Some(Topic::Radiation),
                Attribute::Aggravating => Some(Topic::Aggravating),
                Attribute::Relieving => Some(Topic::Relieving),
                Attribute::Trigger => Some(Topic::Trigger),
                _ => None,
            };
            // "Did anything set it off?" — "No": of the symptom whose start has a story.
            let f = if topic == Some(Topic::Trigger) {
                lx.trigger_item(f)
            } else {
                f
            };
            if let Some(t) = topic {
                // "Does it hurt when you go for a wee?" — "No": not that,
                // which says nothing of what else does.
                let (text, ids) = self.named(ConceptKind::Factor, lx);
                out.push((
                    Key::new(t, &lx.items[f].key.subject),
                    Value::text(text),
                    Polarity::Deny,
                    ids,
                ));
                return out;
            }
        }
        if !(self.presence || moot && self.yes_no)
            || attribute.is_some()
                && self
                    .subjects()
                    .all(|m| m.kind == Some(ConceptKind::Symptom))
        {
            return out;
        }
        let relatives = self
            .read
            .mentions
            .iter()
            .any(|m| m.kind == Some(ConceptKind::Relative));
        let mut named = false;
        // "Does the pain come in waves?" — "No" is about the waves, not the pain.
        let all: Vec<&super::mention::Mention> = self.subjects().collect();
        let broader = |m: &super::mention::Mention| {
            all.iter().any(|o| {
                o.range != m.range
                    && o.concept
                        .zip(m.concept)
                        .is_some_and(|(oc, mc)| oc != mc && lx.layer.is_under(oc, mc))
            })
        };
        // "Do you put off going because of the pain?" — "No" keeps the pain.
        let cause = |m: &super::mention::Mention| {
            self.read.tokens[m.range.start.saturating_sub(3)..m.range.start]
                .iter()
                .any(|t| matches!(t.norm.as_str(), "because" | "due"))
        };
        for m in all.iter().copied().filter(|m| !broader(m) && !cause(m)) {
            let Some(kind) = m.kind else { continue };
            named = true;
            // "Any allergies?" names the condition "allergy": the allergy list as a whole.
            if m.concept
                .is_some_and(|c| lx.layer.get(c).id.contains("allerg"))
            {
                out.push((
                    Key::of(Topic::Allergy),
                    Value::yes(true),
                    polarity,
                    Vec::new(),
                ));
                continue;
            }
            // "Have you had this pain before?" — "No": no earlier spell, the pain stays.
            let before = self.has_word(&["before", "previously"]);
            let topic = match kind {
                ConceptKind::Symptom if before => continue,
                ConceptKind::Symptom => Topic::Symptom,
                ConceptKind::Condition if relatives || self.has(Intent::FamilyHistory) => {
                    Topic::Family
                }
                ConceptKind::Condition => Topic::Condition,
                ConceptKind::Medicine | ConceptKind::DrugClass => Topic::Medication,
                ConceptKind::Procedure => Topic::Surgery,
                // "Are you still having periods?" — "Yes."
                ConceptKind::Reproductive
                    if yes
                        && m.concept.is_some_and(|c| {
                            matches!(lx.layer.get(c).id.as_str(), "menstruation" | "last_period")
                        }) =>
                {
                    out.push((
                        Key::of(Topic::Reproductive),
                        Value::choice("menstruating"),
                        Polarity::Affirm,
                        Vec::new(),
                    ));
                    continue;
                }
                // "Have you had the shingles vaccine?" — "Yes, a couple of years ago."
                ConceptKind::Vaccine => {
                    let subject = m
                        .items
                        .iter()
                        .find(|&&i| lx.items[i].key.topic == Topic::Vaccination)
                        .map(|&i| lx.items[i].key.subject.clone())
                        .or_else(|| m.concept.map(|c| lx.layer.name(c).to_string()));
                    let broad = m.concept.is_some_and(|c| lx.layer.get(c).under.is_empty());
                    if let (Some(subject), false) = (subject, broad) {
                        out.push((
                            Key::new(Topic::Vaccination, &subject),
                            Value::choice(if yes { "up_to_date" } else { "never" }),
                            Polarity::Affirm,
                            Vec::new(),
                        ));
                    }
                    continue;
                }
                // "Have you ever taken any recreational drugs?" — "No, never."
                ConceptKind::Substance if m.concept.is_some_and(|c| recreational(lx, c)) => {
                    let past = ever || self.has_word(&["past", "used", "before", "tried"]);
                    out.push((
                        Key::of(Topic::Drugs),
                        Value::choice(match (yes, past) {
                            (true, true) => "ever",
                            (true, false) => "some",
                            _ => "none",
                        }),
                        Polarity::Affirm,
                        Vec::new(),
                    ));
                    continue;
                }
                ConceptKind::Habit => {
                    if let Some(c) = m.concept {
                        let id = lx.layer.get(c).id.as_str();
                        // "Did you ever smoke?" — "Yes" says some time, not now.
                        let past = ever || self.has_word(&["did", "used", "smoked"]);
                        let (topic, y, n) = match id {
                            "smoking" | "smoking_or_vaping" => (
                                Topic::Smoking,
                                if past { "ever" } else { "current" },
                                if ever { "never" } else { "not now" },
                            ),
                            "alcohol" => (Topic::Alcohol, "some", "none"),
                            _ => (Topic::Drugs, "some", "none"),
                        };
                        out.push((
                            Key::of(topic),
                            Value::choice(if yes { y } else { n }),
                            Polarity::Affirm,
                            Vec::new(),
                        ));
                    }
                    continue;
                }
                _ => continue,
            };
            let items: Vec<usize> = m
                .items
                .iter()
                .copied()
                .filter(|&i| lx.items[i].key.topic == topic)
                .collect();
            let items = self.of_doing(items, lx);
            if topic == Topic::Family {
                let value = Value::choice("family");
                match items.first() {
                    Some(&i) if yes => {
                        out.push((lx.items[i].key.clone(), value, polarity, Vec::new()))
                    }
                    _ => {
                        if let Some(c) = m.concept {
                            out.push((
                                Key::new(Topic::Family, lx.layer.name(c)),
                                value,
                                polarity,
                                Vec::new(),
                            ));
                        }
                    }
                }
                continue;
            }
            // "Do you still enjoy things?" asks after the opposite of "loss of
            // interest": "no" says the patient has it.
            let deficit = |text: &str| {
                text.split_whitespace().any(|w| {
                    matches!(
                        w,
                        "loss"
                            | "lack"
                            | "no"
                            | "not"
                            | "poor"
                            | "reduced"
                            | "low"
                            | "decreased"
                            | "difficulty"
                            | "trouble"
                            | "unable"
                            | "cannot"
                            | "can't"
                            | "lost"
                    )
                })
            };
            let said: String = self.read.tokens[m.range.clone()]
                .iter()
                .map(|t| t.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let flipped = m.concept.is_some_and(|c| deficit(lx.layer.name(c))) && !deficit(&said);
            let yes = yes != flipped;
            if yes {
                let present = items.iter().copied().find(|&i| lx.items[i].present);
                let named_negative = items.iter().copied().find(|&i| lx.names_item(m, i));
                match (present, named_negative) {
                    (Some(i), _) => out.push((
                        lx.items[i].key.clone(),
                        Value::yes(true),
                        Polarity::Affirm,
                        Vec::new(),
                    )),
                    // "Any pins and needles or numbness?" — "Yes": the
                    // recorded negative the question named.
                    (None, Some(i)) if topic == Topic::Symptom => {
                        if !out.iter().any(|(k, ..)| *k == lx.items[i].key) {
                            out.push((
                                lx.items[i].key.clone(),
                                Value::yes(true),
                                Polarity::Affirm,
                                Vec::new(),
                            ));
                        }
                    }
                    (None, _) => {
                        if let Some(c) = m.concept {
                            out.push((
                                Key::new(topic, lx.layer.name(c)),
                                Value::yes(true),
                                Polarity::Affirm,
                                Vec::new(),
                            ));
                        }
                    }
                }
            } else if items.is_empty() {
                if let Some(c) = m.concept {
                    out.push((
                        Key::new(topic, lx.layer.name(c)),
                        Value::yes(true),
                        Polarity::Deny,
                        Vec::new(),
                    ));
                }
            } else {
                for i in items {
                    out.push((
                        lx.items[i].key.clone(),
                        Value::yes(true),
                        Polarity::Deny,
                        Vec::new(),
                    ));
                }
            }
        }
        if !named && !yes {
            let section = [
                (Intent::Allergies, Topic::Allergy),
                (Intent::Surgery, Topic::Surgery),
                (Intent::Medications, Topic::Medication),
                (Intent::PastHistory, Topic::Condition),
                (Intent::FamilyHistory, Topic::Family),
            ]
            .into_iter()
            .find(|(i, _)| self.intents.first() == Some(i));
            if let Some((_, topic)) = section {
                out.push((Key::of(topic), Value::yes(true), Polarity::Deny, Vec::new()));
            }
        }
        out
    }
}

/// Words that open a question.
const OPENERS: &[&str] = &[
    "how", "what", "when", "where", "why", "which", "who", "do", "does", "did", "have", "has",
    "had", "are", "is", "was", "were", "any", "can", "could", "would", "will", "ever", "r", "u",
];

/// The questions in one turn: "does it go anywhere? and how bad out of 10?"
/// is two, "when did it start and what makes it worse" is two, "any
/// nausea or vomiting?" is one. Each part keeps its own words; byte ranges
/// are found on the text itself.
fn named_symptom(read: &super::Read) -> bool {
    read.mentions
        .iter()
        .any(|m| m.kind == Some(ConceptKind::Symptom))
}

pub fn parts(text: &str) -> Vec<String> {
    let tokens = super::text::tokenize(text);
    let mut cuts: Vec<usize> = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let next = tokens.get(k + 1);
        let ends = matches!(t.norm.as_str(), "?" | ";") && next.is_some();
        let joins = t.norm == "and"
            && next.is_some_and(|n| OPENERS.contains(&n.norm.as_str()))
            && k > 0
            && tokens[..k]
                .iter()
                .any(|x| x.is_word() && !matches!(x.norm.as_str(), "and" | "so" | "ok" | "okay"));
        if ends {
            cuts.push(t.span.end);
        } else if joins {
            cuts.push(t.span.start);
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(text.len())) {
        let piece = text.get(start..cut).unwrap_or("").trim();
        if piece.chars().any(char::is_alphanumeric) {
            out.push(piece.to_string());
        }
        start = cut;
    }
    if out.is_empty() {
        out.push(text.trim().to_string());
    }
    out
}

/// Reads a question.
/// Text-speak a student types ("when u pee", "r u thirsty", "how's ur
/// sleep") as the words it stands for, keeping everything else as typed.
fn spelled_out(question: &str) -> String {
    let tokens = super::text::tokenize(question);
    let mut out = String::with_capacity(question.len() + 8);
    let mut at = 0;
    for t in &tokens {
        let full = match t.norm.as_str() {
            "u" => "you",
            "r" => "are",
            "ur" => "your",
            "pls" | "plz" => "please",
            "b4" => "before",
            _ => continue,
        };
        if let Some(before) = question.get(at..t.span.start) {
            out.push_str(before);
            out.push_str(full);
            at = t.span.end;
        }
    }
    out.push_str(question.get(at..).unwrap_or(""));
    out
}

/// Every symptom the question names is a broad area ("your mood", "your
/// sleep"), and it names one at least.
fn names_only_areas(read: &super::lexicon::Read, lx: &Lexicon) -> bool {
    let mut symptoms = read
        .mentions
        .iter()
        .filter(|m| m.kind == Some(ConceptKind::Symptom))
        .peekable();
    symptoms.peek().is_some() && symptoms.all(|m| m.concept.is_some_and(|c| lx.layer.get(c).area))
}

pub fn read(question: &str, lx: &Lexicon) -> Asked {
    let spelled = spelled_out(question);
    let mut read = lx.read(&spelled);
    // "I'm a medical student and I'm helping the doctors": the asker, not the patient.
    let w = |k: usize| read.tokens.get(k).map_or("", |t| t.norm.as_str());
    let mut intro: Vec<std::ops::Range<usize>> = Vec::new();
    for k in 0..read.tokens.len() {
        let starts =
            w(k) == "i'm" || (w(k), w(k + 1)) == ("i", "am") || (w(k), w(k + 1)) == ("my", "name");
        if starts && !(k > 0 && matches!(w(k - 1), "if" | "as")) {
            // "I'm Alex, one of the medical students": the asker's sentence.
            let end = (k + 1..read.tokens.len())
                .find(|&j| {
                    matches!(w(j), "." | "?" | "!")
                        || matches!(w(j), "," | "-" | "—" | "–" | "and" | "so")
                            && !matches!(
                                w(j + 1),
                                "one"
                                    | "a"
                                    | "an"
                                    | "the"
                                    | "part"
                                    | "from"
                                    | "working"
                                    | "training"
                            )
                })
                .unwrap_or(read.tokens.len());
            intro.push(k..end);
        }
    }
    read.mentions.retain(|m| {
        !intro.iter().any(|r| {
            r.start <= m.range.start
                && m.range.end <= r.end
                && matches!(m.kind, Some(ConceptKind::Occupation))
        })
    });
    // "That must be hard with a little one to look after. How has your mood
    // been?": a kind word before the question asks nothing itself; the
    // question is the sentence with the question mark.
    let preface = preface(&read, &question_marks(&spelled, &read));
    if !preface.is_empty() {
        read.mentions
            .retain(|m| !preface.iter().any(|r| r.contains(&m.range.start)));
        intro.extend(preface);
    }
    // "Can I check your name?", "just to check": the asker checking, no symptom.
    read.mentions.retain(|m| {
        let s = m.range.start;
        let asker_checks = m.range.len() == 1
            && w(s).starts_with("check")
            && s > 0
            && (matches!(
                w(s - 1),
                "i" | "me" | "to" | "we" | "just" | "quickly" | "i'll" | "by"
            ) || w(s + 1) == "your");
        !asker_checks
    });
    // "Have you been eating and drinking?" asks about food and fluids, not alcohol.
    let eating = read.tokens.iter().any(|t| {
        matches!(
            t.norm.as_str(),
            "eating" | "eat" | "food" | "meals" | "fluids"
        )
    });
    if eating {
        read.mentions.retain(|m| {
            let drinking = m.range.len() == 1
                && matches!(
                    read.tokens[m.range.start].norm.as_str(),
                    "drinking" | "drink"
                );
            !(drinking && m.kind == Some(ConceptKind::Habit))
        });
    }
    if read.mentions.iter().all(|m| m.items.is_empty()) {
        let openings = lx.wording_openings(&read.tokens);
        read.mentions.extend(openings);
    }
    // "What's that ache like?" with two pains: the one whose own words hold
    // the word it ends in.
    if read.mentions.iter().any(|m| m.items.len() > 1) {
        let heads = lx.wording_heads(&read.tokens);
        for m in read.mentions.iter_mut().filter(|m| m.items.len() > 1) {
            if let Some(h) = heads
                .iter()
                .find(|h| h.range.start + 1 == m.range.end && m.items.contains(&h.items[0]))
            {
                m.items = h.items.clone();
            }
        }
    }
    if read.mentions.iter().all(|m| m.items.is_empty()) {
        // Not a word that names something else ("your family").
        let heads: Vec<super::mention::Mention> = lx
            .wording_heads(&read.tokens)
            .into_iter()
            .filter(|h| {
                !read.mentions.iter().any(|m| {
                    m.range.contains(&h.range.start)
                        && !matches!(m.kind, Some(ConceptKind::Descriptor | ConceptKind::Symptom))
                })
            })
            .collect();
        read.mentions.extend(heads);
    }
    // "Do you drink alcohol?" asks about the habit, not a factor that makes a symptom worse.
    let no_symptom = !read
        .mentions
        .iter()
        .any(|m| m.kind == Some(ConceptKind::Symptom));
    if no_symptom {
        for m in &mut read.mentions {
            let Some(c) = m.concept.filter(|_| m.kind == Some(ConceptKind::Factor)) else {
                continue;
            };
            let id = lx.layer.get(c).id.as_str();
            let habit = if id.contains("alcohol") {
                "alcohol"
            } else if id.contains("smok") {
                "smoking"
            } else {
                continue;
            };
            if let Some(h) = lx.layer.id(habit) {
                m.concept = Some(h);
                m.kind = Some(ConceptKind::Habit);
                m.senses.insert(0, h);
            }
        }
    }
    let words = words_of(&read);
    // The asker's introduction says who they are, which no question but a
    // greeting is about ("I'm one of the medical students").
    let asked = |k: usize| !intro.iter().any(|r| r.contains(&k));
    let asked_words = if intro.is_empty() {
        words.clone()
    } else {
        words_where(&read, asked)
    };
    // "How are your energy levels?": the words of a symptom ask for no result.
    let unlike_symptom = words_where(&read, |k| {
        asked(k)
            && !read
                .mentions
                .iter()
                .any(|m| m.kind == Some(ConceptKind::Symptom) && m.range.contains(&k))
    });
    // "...when you're calm and not frightened": a worry denied is not asked about.
    let unnegated = words_where(&read, |k| {
        asked(k)
            && !(k.saturating_sub(2)..k).any(|j| {
                matches!(
                    read.tokens[j].norm.as_str(),
                    "not" | "n't" | "without" | "no" | "never"
                )
            })
    });
    let p = patterns();
    let mut found: Vec<(Intent, u8, usize)> = Vec::new();
    for (index, (intent, weight, pattern)) in p.intents.iter().enumerate() {
        let words = match intent {
            Intent::Greeting => &words,
            Intent::TestResults => &unlike_symptom,
            Intent::Concerns => &unnegated,
            _ => &asked_words,
        };
        if !matches(words, pattern) {
            continue;
        }
        match found.iter_mut().find(|f| f.0 == *intent) {
            Some(f) if *weight > f.1 => *f = (*intent, *weight, index),
            Some(_) => {}
            None => found.push((*intent, *weight, index)),
        }
    }
    // "Do you put off going to the toilet?": going to a place is no radiation.
    let trip = words.windows(3).any(|w| {
        let place = |x: &str| {
            matches!(
                x,
                "toilet" | "loo" | "bathroom" | "lavatory" | "bed" | "work" | "school" | "sleep"
            )
        };
        w[0].0 == "to" && (place(&w[1].0) || w[1].0 == "the" && place(&w[2].0))
    });
    // "How much" alone asks an amount; any other attribute it comes with says
    // more ("how much does it bother you, if you had to score it?").
    let matched: Vec<Attribute> = p
        .attributes
        .iter()
        .filter(|(a, pattern)| !(*a == Attribute::Radiation && trip) && matches(&words, pattern))
        .map(|(a, _)| *a)
        .collect();
    // "What were you doing when it started?": what set it off, not when.
    let attribute = if matched.contains(&Attribute::Trigger) && matched.contains(&Attribute::Onset)
    {
        Some(Attribute::Trigger)
    } else {
        matched
            .iter()
            .find(|&&a| a != Attribute::Amount)
            .or(matched.first())
            .copied()
    };
    // "Does anything bring them on?", "what sets it off?": what provokes it
    // now; "did anything set it off?", "what brought it on?": how it began.
    let said = |ws: &[&str]| words.iter().any(|w| ws.contains(&w.0.as_str()));
    let attribute = match attribute {
        Some(Attribute::Trigger)
            if said(&["bring", "brings", "bringing", "sets"])
                || said(&["set"])
                    && said(&[
                        "does", "do", "what", "anything", "seems", "seem", "tends", "usually",
                    ]) =>
        {
            if said(&[
                "did", "brought", "start", "started", "first", "caused", "was", "were", "had",
            ]) {
                attribute
            } else {
                Some(Attribute::Aggravating)
            }
        }
        // "How would you describe your mood?": how it is, not what it feels like.
        Some(Attribute::Character) if names_only_areas(&read, lx) => None,
        a => a,
    };
    // "Any allergies to medicines?": an allergy word with "to" after it.
    let allergy_to = words.windows(3).any(|w| {
        matches!(
            w[0].0.as_str(),
            "allergies" | "allergy" | "allergic" | "reactions"
        ) && (matches!(w[1].0.as_str(), "to" | "from") || matches!(w[2].0.as_str(), "to" | "from"))
    }) || words.windows(2).any(|w| {
        matches!(
            w[0].0.as_str(),
            "allergies" | "allergy" | "allergic" | "reactions"
        ) && matches!(w[1].0.as_str(), "to" | "from")
    });
    // What the question names decides its topic over any word pattern.
    let mut named: Vec<Intent> = Vec::new();
    for m in &read.mentions {
        let intent = match m.kind {
            // "Any FH of eye problems?": the family's, when the family is asked about.
            Some(ConceptKind::Symptom)
                if found.iter().any(|f| f.0 == Intent::FamilyHistory)
                    && !read
                        .mentions
                        .iter()
                        .any(|o| o.kind == Some(ConceptKind::Relative)) =>
            {
                Some(Intent::FamilyHistory)
            }
            // "Any previous eye problems?", "any medical problems, especially
            // with your waterworks?": the history of that part.
            Some(ConceptKind::Symptom)
                if found.iter().any(|f| f.0 == Intent::PastHistory && f.1 >= 4) =>
            {
                Some(Intent::PastHistory)
            }
            Some(ConceptKind::Symptom) => Some(Intent::SymptomCheck),
            // "Any allergies?" names the condition "allergy": it asks about allergies.
            Some(ConceptKind::Condition)
                if m.concept
                    .is_some_and(|c| lx.layer.get(c).id.contains("allerg")) =>
            {
                Some(Intent::Allergies)
            }
            // "Any FH of heart problems?": the family's illness.
            Some(ConceptKind::Condition) => Some(Intent::FamilyHistory)
                .filter(|_| found.iter().any(|f| f.0 == Intent::FamilyHistory))
                .or(Some(Intent::PastHistory)),
            // "Any allergies to medicines?", "any problems with medicines?" ask
            // about allergies.
            Some(ConceptKind::Medicine | ConceptKind::DrugClass) => Some(Intent::Allergies)
                .filter(|_| {
                    allergy_to || found.iter().any(|f| f.0 == Intent::Allergies && f.1 >= 4)
                })
                .or(Some(Intent::Medications)),
            Some(ConceptKind::Procedure) => Some(Intent::Surgery),
            Some(ConceptKind::Vaccine) => Some(Intent::Vaccinations),
            Some(ConceptKind::Substance) => Some(Intent::Allergies)
                .filter(|_| found.iter().any(|f| f.0 == Intent::Allergies))
                .or(Some(Intent::Drugs)),
            Some(ConceptKind::Habit) => m.concept.map(|c| match lx.layer.get(c).id.as_str() {
                "alcohol" => Intent::Alcohol,
                "recreational_drugs" => Intent::Drugs,
                _ => Intent::Smoking,
            }),
            Some(ConceptKind::Occupation) => Some(Intent::Occupation),
            Some(ConceptKind::Diet) => Some(Intent::Diet),
            Some(ConceptKind::Activity) => Some(Intent::Exercise),
            Some(ConceptKind::Living) => Some(Intent::Living),
            Some(ConceptKind::Reproductive) => Some(Intent::Pregnancy),
            Some(ConceptKind::Test) => Some(Intent::TestResults),
            Some(ConceptKind::Relative) => {
                Some(Intent::FamilyHistory).filter(|_| !found.iter().any(|f| f.0 == Intent::Living))
            }
            _ => None,
        };
        if let Some(i) = intent {
            if !named.contains(&i) {
                named.push(i);
            }
        }
    }
    // "Has anyone told you that you snore?": what others have noticed, not a
    // diagnosis.
    let told_you_that = words.windows(3).any(|w| {
        w[0].0 == "told" && w[1].0 == "you" && matches!(w[2].0.as_str(), "that" | "you" | "you're")
    });
    if told_you_that && named.contains(&Intent::SymptomCheck) {
        found.retain(|f| f.0 != Intent::Diagnosis);
    }
    let strong = found.iter().any(|f| f.1 >= 2);
    found.retain(|f| f.1 >= 2 || !strong);
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let mut intents: Vec<Intent> = found.iter().map(|f| f.0).collect();
    // A symptom named with an attribute asked ("when did the pain start?") is
    // that attribute; a section named with one ("how much alcohol do you
    // drink?") is that section, the attribute saying what of it.
    let attribute_first = named.is_empty() || named.contains(&Intent::SymptomCheck);
    if let Some(a) = attribute {
        let at = if attribute_first { 0 } else { intents.len() };
        intents.insert(at, a.intent());
    }
    for (n, i) in named.into_iter().enumerate() {
        intents.retain(|x| *x != i);
        let at = if attribute.is_some() && attribute_first {
            1 + n
        } else {
            n
        };
        // Acts (greeting, empathy, ICE, closing) keep their place before what they name.
        let acts = intents
            .iter()
            .take_while(|x| {
                matches!(
                    x,
                    Intent::OutOfCharacter
                        | Intent::ChiefComplaint
                        | Intent::Empathy
                        | Intent::Diagnosis
                        | Intent::TestResults
                        | Intent::Ideas
                        | Intent::Concerns
                        | Intent::PreviousEpisodes
                )
            })
            .count();
        intents.insert(at.max(acts).min(intents.len()), i);
    }
    // "Any allergies to medicines?": the medicines are what an allergy would be to.
    if intents.contains(&Intent::Allergies) && allergy_to {
        intents.retain(|i| *i != Intent::Medications);
    }
    // "Any history of mental health problems in the family?": the illnesses
    // are the family's, unless the patient is asked too ("do you have ...,
    // or anyone in the family?").
    let personal = words
        .iter()
        .any(|w| matches!(w.0.as_str(), "you" | "your" | "yourself"));
    if intents.contains(&Intent::FamilyHistory) && !personal {
        intents.retain(|i| !matches!(i, Intent::PastHistory | Intent::Mood));
    }
    // "If so, when did you quit?": the habit, not a symptom's onset.
    if attribute == Some(Attribute::Quit) && !named_symptom(&read) {
        intents.retain(|i| *i != Intent::Onset);
        if !intents
            .iter()
            .any(|i| matches!(i, Intent::Smoking | Intent::Alcohol | Intent::Drugs))
        {
            intents.insert(0, Intent::Smoking);
        }
    }
    // "Any recreational drugs?" is not about medicines.
    let drugs = read
        .mentions
        .iter()
        .any(|m| m.concept.is_some_and(|c| recreational(lx, c)));
    if drugs && !words.iter().any(|w| w.0.starts_with("medic")) {
        intents.retain(|i| *i != Intent::Medications);
    }
    // "What dose is that?", "how often do you take them?": of the medicines,
    // unless a symptom is named.
    if matches!(attribute, Some(Attribute::Dose | Attribute::DoseFrequency))
        && !named_symptom(&read)
        && !intents.contains(&Intent::Medications)
    {
        intents.insert(0, Intent::Medications);
    }
    let mut seen = Vec::new();
    intents.retain(|i| {
        let fresh = !seen.contains(i);
        seen.push(*i);
        fresh
    });
    if intents.is_empty() {
        intents.push(Intent::Unclear);
    }
    let first = words.first().map_or("", |w| w.0.as_str());
    let opener = words
        .iter()
        .skip_while(|w| {
            matches!(
                w.0.as_str(),
                "and" | "so" | "ok" | "okay" | "right" | "also" | "just" | "um" | "oh"
            )
        })
        .map(|w| w.0.as_str())
        .next()
        .unwrap_or(first);
    // "Do you feel sick when it happens?" is closed: a "when" that ties a
    // yes-no question to a time asks no time.
    let tied_when = YES_NO_OPENERS.contains(&opener)
        && !words.iter().take(3).any(|w| w.0 == "when")
        && !words
            .iter()
            .any(|w| matches!(w.0.as_str(), "remember" | "know" | "recall" | "tell" | "or"));
    let wh = words.iter().any(|w| {
        matches!(
            w.0.as_str(),
            "what" | "where" | "how" | "why" | "which" | "who"
        ) || w.0 == "when" && !tied_when
    });
    let yes_no = YES_NO_OPENERS.contains(&opener) && !wh
        || !wh && words.len() <= 4 && question.trim_end().ends_with('?');
    let alternatives = words.iter().any(|w| w.0 == "or")
        && !words
            .iter()
            .any(|w| matches!(w.0.as_str(), "anything" | "any"));
    let pronoun = words.iter().any(|w| {
        matches!(
            w.0.as_str(),
            "it" | "this" | "that" | "they" | "these" | "them"
        )
    });
    let elliptical = matches!(opener, "and" | "what")
        && words.len() <= 5
        && (first == "and" || words.iter().take(3).any(|w| w.0 == "about"))
        || (first == "and" && words.len() <= 6)
        || words
            .iter()
            .any(|w| matches!(w.0.as_str(), "others" | "else"))
            && words.len() <= 4;
    // What follows a tied "when" says when, not what is asked after.
    let asked_end = read
        .tokens
        .iter()
        .position(|t| tied_when && t.norm == "when")
        .unwrap_or(read.tokens.len());
    let presence = yes_no
        && attribute.is_none()
        && read.tokens[..asked_end].iter().enumerate().all(|(k, t)| {
            read.mentions.iter().any(|m| m.range.contains(&k))
                || PRESENCE.contains(&t.norm.as_str())
                || t.kind == super::text::Kind::Punct
        });
    Asked {
        // The words read, so that token spans index it.
        text: spelled,
        read,
        intents,
        attribute,
        yes_no,
        alternatives,
        pronoun,
        elliptical,
        focus: None,
        presence,
    }
}
