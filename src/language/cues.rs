//! Cue words and phrases (`assets/concepts/cues.yaml`): how a sentence says
//! things, as opposed to the things it names.

use super::text::{self, Token};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    function: Vec<String>,
    feelings: Vec<String>,
    negators: Vec<String>,
    exceptions: Vec<String>,
    asides: Vec<String>,
    empty_negations: Vec<String>,
    posture: Vec<String>,
    drinks: Vec<String>,
    measures: Vec<String>,
    story_plain: Vec<String>,
    idioms: Vec<String>,
    not_side_after: Vec<String>,
    kindred_feelings: Vec<[String; 2]>,
    breakers: Vec<String>,
    speculation: Vec<String>,
    others: Vec<String>,
    course: BTreeMap<String, Vec<String>>,
    reactions: BTreeMap<String, Vec<String>>,
    onset_mode: BTreeMap<String, Vec<String>>,
    motion: Vec<String>,
    onset: Vec<String>,
    orders: Vec<String>,
    direction: Vec<String>,
    staying: Vec<String>,
    sides: BTreeMap<String, Vec<String>>,
    former: Vec<String>,
    told: Vec<String>,
    affirm: Vec<String>,
    deny: Vec<String>,
    unsure: Vec<String>,
    fine: Vec<String>,
    factor_cues: BTreeMap<String, Vec<String>>,
}

/// A list of phrases, each as the stems a text must show in a row.
#[derive(Debug, Default)]
pub struct Phrases {
    list: Vec<(String, Vec<String>)>,
}

impl Phrases {
    fn new<'a>(labelled: impl IntoIterator<Item = (&'a str, &'a String)>) -> Self {
        let mut list: Vec<(String, Vec<String>)> = labelled
            .into_iter()
            .map(|(label, p)| {
                let stems = text::tokenize(p).into_iter().map(|t| t.stem).collect();
                (label.to_string(), stems)
            })
            .filter(|(_, s): &(String, Vec<String>)| !s.is_empty())
            .collect();
        // Longest first, so "all of a sudden" wins over "sudden".
        list.sort_by_key(|(_, s)| std::cmp::Reverse(s.len()));
        Phrases { list }
    }

    fn plain(words: &[String]) -> Self {
        Phrases::new(words.iter().map(|w| ("", w)))
    }

    /// Every match in `tokens`, longest phrases first, not overlapping. A
    /// filler inside a phrase in the text is passed over ("hasn't really got
    /// any worse" has "got worse").
    pub fn find(&self, tokens: &[Token]) -> Vec<(&str, Range<usize>)> {
        const FILLERS: &[&str] = &[
            "any", "really", "much", "even", "quite", "so", "very", "a", "the", "my", "all", "bit",
            "little", "just", "that", "too",
        ];
        let mut out: Vec<(&str, Range<usize>)> = Vec::new();
        for (label, stems) in &self.list {
            for i in 0..tokens.len() {
                let same = |s: &String, t: &Token| *s == t.stem || *s == t.norm;
                if !same(&stems[0], &tokens[i]) {
                    continue;
                }
                let mut j = i + 1;
                let mut ok = true;
                for s in &stems[1..] {
                    while tokens
                        .get(j)
                        .is_some_and(|t| !same(s, t) && FILLERS.contains(&t.norm.as_str()))
                    {
                        j += 1;
                    }
                    if tokens.get(j).is_some_and(|t| same(s, t)) {
                        j += 1;
                    } else {
                        ok = false;
                        break;
                    }
                }
                let r = i..j;
                if ok && !out.iter().any(|(_, o)| o.start < r.end && r.start < o.end) {
                    out.push((label.as_str(), r));
                }
            }
        }
        out.sort_by_key(|(_, r)| r.start);
        out
    }

    /// The label of the first phrase found, if any.
    pub fn first(&self, tokens: &[Token]) -> Option<(&str, Range<usize>)> {
        self.find(tokens).into_iter().next()
    }

    pub fn any(&self, tokens: &[Token]) -> bool {
        !self.find(tokens).is_empty()
    }
}

#[derive(Debug)]
pub struct Cues {
    function: HashSet<String>,
    feelings: HashSet<String>,
    negators: HashSet<String>,
    breakers: HashSet<String>,
    others: HashSet<String>,
    motion: HashSet<String>,
    onset: HashSet<String>,
    orders: HashSet<String>,
    posture: HashSet<String>,
    drinks: HashSet<String>,
    measures: HashSet<String>,
    story_plain: HashSet<String>,
    empty_negations: Phrases,
    pub exceptions: Phrases,
    pub asides: Phrases,
    kindred_feelings: Vec<[String; 2]>,
    pub speculation: Phrases,
    /// Phrases whose words name nothing ("it's a nightmare at work").
    pub idioms: Phrases,
    pub course: Phrases,
    /// What an allergy does, by kind (skin, swelling, breathing, gut).
    pub reactions: Phrases,
    pub onset_mode: Phrases,
    pub direction: Phrases,
    pub staying: Phrases,
    sides: Phrases,
    not_side_after: HashSet<String>,
    pub former: Phrases,
    pub told: Phrases,
    pub yes: Phrases,
    pub no: Phrases,
    pub unsure: Phrases,
    pub fine: Phrases,
    /// What a clause says a factor does: `worse`, `better`, `failed`,
    /// `difference`.
    pub factor: Phrases,
}

fn set(words: &[String]) -> HashSet<String> {
    words
        .iter()
        .flat_map(|w| text::tokenize(w))
        .flat_map(|t| [t.norm, t.stem])
        .collect()
}

/// The words as written, lower-cased (no stems: "piles" is not "pile").
fn lower(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

fn labelled(map: &BTreeMap<String, Vec<String>>) -> Phrases {
    Phrases::new(
        map.iter()
            .flat_map(|(label, list)| list.iter().map(move |p| (label.as_str(), p))),
    )
}

impl Cues {
    pub fn builtin() -> &'static Cues {
        static CELL: OnceLock<Cues> = OnceLock::new();
        CELL.get_or_init(|| {
            let text = super::concepts::embedded("cues.yaml").unwrap_or_default();
            // The file is part of the program; tests/concepts.rs checks it parses.
            let raw: Raw = serde_yaml::from_str(text).unwrap_or_default();
            Cues::from_raw(&raw)
        })
    }

    /// Why the built-in cue file does not load, if it does not.
    pub fn check_builtin() -> Option<String> {
        let text = super::concepts::embedded("cues.yaml")?;
        serde_yaml::from_str::<Raw>(text)
            .err()
            .map(|e| format!("cues.yaml: {e}"))
    }

    fn from_raw(raw: &Raw) -> Cues {
        Cues {
            function: set(&raw.function),
            feelings: set(&raw.feelings),
            // Exact words only: "hardly" denies, "hard" does not.
            negators: raw
                .negators
                .iter()
                .flat_map(|w| text::tokenize(w))
                .map(|t| t.norm)
                .collect(),
            breakers: set(&raw.breakers),
            others: set(&raw.others),
            motion: set(&raw.motion),
            onset: set(&raw.onset),
            orders: lower(&raw.orders),
            posture: set(&raw.posture),
            drinks: set(&raw.drinks),
            measures: lower(&raw.measures),
            story_plain: lower(&raw.story_plain),
            empty_negations: Phrases::plain(&raw.empty_negations),
            exceptions: Phrases::plain(&raw.exceptions),
            asides: Phrases::plain(&raw.asides),
            kindred_feelings: raw.kindred_feelings.clone(),
            speculation: Phrases::plain(&raw.speculation),
            idioms: Phrases::plain(&raw.idioms),
            course: labelled(&raw.course),
            reactions: labelled(&raw.reactions),
            onset_mode: labelled(&raw.onset_mode),
            direction: Phrases::plain(&raw.direction),
            staying: Phrases::plain(&raw.staying),
            sides: labelled(&raw.sides),
            not_side_after: lower(&raw.not_side_after),
            former: Phrases::plain(&raw.former),
            told: Phrases::plain(&raw.told),
            yes: Phrases::plain(&raw.affirm),
            no: Phrases::plain(&raw.deny),
            unsure: Phrases::plain(&raw.unsure),
            fine: Phrases::plain(&raw.fine),
            factor: labelled(&raw.factor_cues),
        }
    }

    /// Whether two families of feelings are close enough to agree.
    pub fn kindred(&self, a: &str, b: &str) -> bool {
        a == b
            || self
                .kindred_feelings
                .iter()
                .any(|[x, y]| x == a && y == b || x == b && y == a)
    }

    pub fn is_function(&self, t: &Token) -> bool {
        t.kind == text::Kind::Punct || self.function.contains(&t.norm)
    }
    /// Whether a word (lower case) is one of the cue words.
    pub fn knows(&self, word: &str) -> bool {
        self.function.contains(word) || self.feelings.contains(word) || self.negators.contains(word)
    }
    pub fn is_feeling(&self, t: &Token) -> bool {
        self.feelings.contains(&t.norm) || self.feelings.contains(&t.stem)
    }
    pub fn is_negator(&self, t: &Token) -> bool {
        self.negators.contains(&t.norm)
    }
    pub fn is_breaker(&self, t: &Token) -> bool {
        self.breakers.contains(&t.norm)
    }
    pub fn is_other_person(&self, t: &Token) -> bool {
        self.others.contains(&t.norm) || self.others.contains(&t.stem)
    }
    pub fn is_motion(&self, t: &Token) -> bool {
        self.motion.contains(&t.norm) || self.motion.contains(&t.stem)
    }
    /// A word of an order that names nothing itself ("examine", "level"),
    /// or a misspelling of one ("exmaine").
    pub fn is_order_word(&self, t: &Token) -> bool {
        self.orders.contains(&t.norm)
            || t.norm.chars().count() >= 5
                && self
                    .orders
                    .iter()
                    .any(|w| w.len() >= 5 && strsim::damerau_levenshtein(w, &t.norm) == 1)
    }
    /// A word that says a time is when something began ("started", "ago").
    pub fn is_onset(&self, t: &Token) -> bool {
        self.onset.contains(&t.norm)
    }
    /// A verb of lying or sitting ("curled up on my side").
    pub fn is_posture(&self, t: &Token) -> bool {
        self.posture.contains(&t.norm)
    }
    /// Whether tokens `r` are a word of measure before "of" ("piles of linen").
    pub fn is_measure(&self, tokens: &[Token], r: &Range<usize>) -> bool {
        r.len() == 1
            && self.measures.contains(&tokens[r.start].norm)
            && tokens.get(r.end).is_some_and(|t| t.norm == "of")
    }
    /// The sides said in `tokens`: "left knee", "on the right"; not "right
    /// the way down", "right now".
    pub fn sides(&self, tokens: &[Token]) -> Vec<(&str, Range<usize>)> {
        let mut found = self.sides.find(tokens);
        found.retain(|(_, r)| {
            !(r.len() == 1
                && tokens[r.start].norm == "right"
                && tokens
                    .get(r.end)
                    .is_some_and(|t| self.not_side_after.contains(&t.norm)))
        });
        found
    }
    /// A word that says nothing of what happened in a story of how
    /// something began: a function word or one of `story_plain`.
    pub fn is_plain_in_story(&self, t: &Token) -> bool {
        self.is_function(t) || self.story_plain.contains(&t.norm)
    }
    /// A word of drink ("wine", "pints").
    pub fn is_drink(&self, t: &Token) -> bool {
        self.drinks.contains(&t.norm)
    }
    /// Whether the negator at `k` starts a phrase that denies nothing named
    /// ("not sure", "no worse", "never mind").
    pub fn empty_negation_at(&self, tokens: &[Token], k: usize) -> bool {
        self.empty_negations
            .find(&tokens[k..tokens.len().min(k + 6)])
            .first()
            .is_some_and(|(_, r)| r.start == 0)
    }
}
