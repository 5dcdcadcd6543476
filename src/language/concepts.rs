//! The concept layer: every thing a record can mention, with the words
//! people use for it, loaded from `assets/concepts/*.yaml` (see its README).

use super::text::{self, Token};
use include_dir::{Dir, include_dir};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/assets/concepts");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConceptKind {
    Symptom,
    Site,
    Condition,
    Procedure,
    Medicine,
    DrugClass,
    Vaccine,
    Substance,
    Relative,
    Habit,
    Occupation,
    Diet,
    Activity,
    Living,
    Reproductive,
    Test,
    Exam,
    Factor,
    Descriptor,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    pub id: String,
    pub kind: ConceptKind,
    pub terms: Vec<String>,
    #[serde(default)]
    pub abbrev: Vec<String>,
    #[serde(default)]
    pub under: Vec<String>,
    #[serde(default)]
    pub covers: Vec<String>,
    #[serde(default)]
    pub quality: bool,
    /// A broad area a question can take as a whole ("sleep", "waterworks"):
    /// naming it says nothing of a symptom under it.
    #[serde(default)]
    pub area: bool,
    #[serde(default)]
    pub site: Option<String>,
    #[serde(default)]
    pub lateral: bool,
    #[serde(default)]
    pub sex: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub family: Option<String>,
    #[serde(default)]
    pub finds: Vec<String>,
}

/// A concept's index in the layer.
pub type Id = usize;

/// One way of naming a concept, as the stems a text must show in order.
#[derive(Debug, Clone)]
pub struct Term {
    pub concept: Id,
    pub stems: Vec<String>,
    /// The stems of its content words (not function words).
    pub content: Vec<String>,
    /// An abbreviation that is also an English word: matched only in capitals.
    pub capitals_only: bool,
    /// A name joining two things ("numbness or weakness"): it links a
    /// record's item of that name, but a text saying it names both.
    pub link_only: bool,
}

#[derive(Debug, Default)]
pub struct Layer {
    pub concepts: Vec<Concept>,
    by_id: HashMap<String, Id>,
    pub terms: Vec<Term>,
    /// Terms by their first stem.
    by_first: HashMap<String, Vec<usize>>,
    /// Terms of three content words or more, by each of their content stems:
    /// these are found when their words stand close together in any order.
    by_content: HashMap<String, Vec<usize>>,
    /// Every concept's broader concepts, itself first, nearest first.
    lineage: Vec<Vec<Id>>,
    /// Stems of every `covers` word, with the concepts they put items under.
    covers: HashMap<String, Vec<Id>>,
    /// Every stem a term uses: the vocabulary misspellings are corrected to.
    pub vocabulary: HashSet<String>,
    /// The concepts for which `kind`, cached.
    by_kind: HashMap<ConceptKind, Vec<Id>>,
    /// An organ and the operation that takes it out ("appendix" → appendectomy).
    pub removals: HashMap<Id, Id>,
}

/// The kinds of concept that can be what makes a symptom better or worse:
/// a factor, a medicine or class, an activity, a diet, a habit.
pub const FACTOR_KINDS: &[ConceptKind] = &[
    ConceptKind::Factor,
    ConceptKind::Medicine,
    ConceptKind::DrugClass,
    ConceptKind::Activity,
    ConceptKind::Diet,
    ConceptKind::Habit,
];

/// Words passed over inside a term: they carry nothing for naming a thing.
pub const SKIPPED: &[&str] = &[
    "a", "an", "the", "my", "your", "his", "her", "their", "our", "some",
];

impl Layer {
    /// The layer built into the program (from `assets/concepts`).
    pub fn builtin() -> &'static Layer {
        static CELL: OnceLock<Layer> = OnceLock::new();
        CELL.get_or_init(|| {
            let (layer, problems) = Layer::from_files(embedded_files());
            debug_assert!(problems.is_empty(), "{problems:?}");
            layer
        })
    }

    /// Builds a layer from (file name, YAML text) pairs, with every problem found.
    pub fn from_files(files: Vec<(String, String)>) -> (Layer, Vec<String>) {
        let mut problems = Vec::new();
        let mut concepts = Vec::new();
        for (name, text) in files {
            match serde_yaml::from_str::<Vec<Concept>>(&text) {
                Ok(list) => concepts.extend(list),
                Err(e) => problems.push(format!("{name}: {e}")),
            }
        }
        let layer = Layer::build(concepts, &mut problems);
        (layer, problems)
    }

    fn build(concepts: Vec<Concept>, problems: &mut Vec<String>) -> Layer {
        let mut layer = Layer::default();
        for (i, c) in concepts.iter().enumerate() {
            if layer.by_id.insert(c.id.clone(), i).is_some() {
                problems.push(format!("concept `{}` is defined twice", c.id));
            }
            if c.terms.is_empty() {
                problems.push(format!("concept `{}` has no terms", c.id));
            }
        }
        for c in &concepts {
            for u in c.under.iter().chain(&c.site) {
                if !layer.by_id.contains_key(u) {
                    problems.push(format!(
                        "concept `{}` names `{u}`, which is not a concept",
                        c.id
                    ));
                }
            }
        }
        layer.concepts = concepts;
        layer.lineage = (0..layer.concepts.len())
            .map(|i| layer.compute_lineage(i, problems))
            .collect();
        for i in 0..layer.concepts.len() {
            let c = layer.concepts[i].clone();
            layer.by_kind.entry(c.kind).or_default().push(i);
            for t in &c.terms {
                layer.add_term(i, t, false);
            }
            for a in &c.abbrev {
                let lower = a.to_lowercase();
                let english = wordnik_list::word_exists(&lower) && lower.len() > 1;
                layer.add_term(i, &lower, english);
            }
            for w in &c.covers {
                for t in text::tokenize(w).iter().filter(|t| t.is_word()) {
                    layer.covers.entry(t.stem.clone()).or_default().push(i);
                }
            }
        }
        layer.mark_joined_names();
        layer.find_removals();
        layer
    }

    /// Procedures named "<organ> out" or "<organ> removed", by the organ's site concept.
    fn find_removals(&mut self) {
        let mut sites: HashMap<Vec<String>, Id> = HashMap::new();
        for t in &self.terms {
            if self.concepts[t.concept].kind == ConceptKind::Site {
                let stems: Vec<String> = t
                    .stems
                    .iter()
                    .filter(|s| !SKIPPED.contains(&s.as_str()))
                    .cloned()
                    .collect();
                sites.entry(stems).or_insert(t.concept);
            }
        }
        for t in &self.terms {
            if self.concepts[t.concept].kind != ConceptKind::Procedure {
                continue;
            }
            let stems: Vec<String> = t
                .stems
                .iter()
                .filter(|s| !SKIPPED.contains(&s.as_str()))
                .cloned()
                .collect();
            let Some((last, organ)) = stems.split_last() else {
                continue;
            };
            let organ = organ
                .strip_prefix(&["had".to_string()][..])
                .unwrap_or(organ);
            if matches!(last.as_str(), "out" | "remov") {
                if let Some(&site) = sites.get(organ) {
                    self.removals.entry(site).or_insert(t.concept);
                }
            }
        }
    }

    /// A term made of two names joined by "or", "and" or "with" ("numbness
    /// or tingling", "back pain with leg pain") links a record's item of that
    /// name, but in free text it names both, so readers do not take it whole.
    fn mark_joined_names(&mut self) {
        let known: HashSet<Vec<String>> = self.terms.iter().map(|t| t.stems.clone()).collect();
        for term in &mut self.terms {
            let Some(at) = term
                .stems
                .iter()
                .position(|s| matches!(s.as_str(), "or" | "and" | "with" | "nor"))
            else {
                continue;
            };
            let (left, right) = (&term.stems[..at], &term.stems[at + 1..]);
            let named = |part: &[String]| {
                let trimmed: Vec<String> = part
                    .iter()
                    .filter(|s| !SKIPPED.contains(&s.as_str()))
                    .cloned()
                    .collect();
                known.contains(part) || known.contains(&trimmed)
            };
            term.link_only = term.stems[at] == "or" || named(left) && named(right);
        }
        // A joined name is not a window term either.
        let joined: HashSet<usize> = (0..self.terms.len())
            .filter(|&i| self.terms[i].link_only)
            .collect();
        for list in self.by_content.values_mut() {
            list.retain(|i| !joined.contains(i));
        }
    }

    fn add_term(&mut self, concept: Id, phrase: &str, capitals_only: bool) {
        let tokens = term_tokens(phrase);
        let stems: Vec<String> = tokens.iter().map(|t| t.stem.clone()).collect();
        if stems.is_empty() {
            return;
        }
        let cues = super::cues::Cues::builtin();
        let content: Vec<String> = tokens
            .iter()
            .filter(|t| t.is_word() && !cues.is_function(t) && !cues.is_negator(t))
            .map(|t| t.stem.clone())
            .collect();
        // Decided once every term is in (see `mark_joined_names`).
        let link_only = false;
        for s in &stems {
            if s.chars().any(char::is_alphabetic) {
                self.vocabulary.insert(s.clone());
            }
        }
        let index = self.terms.len();
        self.by_first
            .entry(stems[0].clone())
            .or_default()
            .push(index);
        let negated = tokens.iter().any(|t| cues.is_negator(t));
        if content.len() >= 3 && !negated {
            for c in &content {
                let list = self.by_content.entry(c.clone()).or_default();
                if list.last() != Some(&index) {
                    list.push(index);
                }
            }
        }
        self.terms.push(Term {
            concept,
            stems,
            content,
            capitals_only,
            link_only,
        });
    }

    fn compute_lineage(&self, start: Id, problems: &mut Vec<String>) -> Vec<Id> {
        let mut out = vec![start];
        let mut i = 0;
        while i < out.len() {
            for u in &self.concepts[out[i]].under {
                if let Some(&j) = self.by_id.get(u) {
                    if j == start {
                        problems.push(format!(
                            "concept `{}` is under itself (a cycle through `under`)",
                            self.concepts[start].id
                        ));
                    } else if !out.contains(&j) {
                        out.push(j);
                    }
                }
            }
            i += 1;
        }
        out
    }

    pub fn id(&self, name: &str) -> Option<Id> {
        self.by_id.get(name).copied()
    }

    pub fn get(&self, id: Id) -> &Concept {
        &self.concepts[id]
    }

    /// The concept and everything it is under, nearest first.
    pub fn lineage(&self, id: Id) -> &[Id] {
        &self.lineage[id]
    }

    /// Whether `narrow` is `broad` or falls under it.
    pub fn is_under(&self, narrow: Id, broad: Id) -> bool {
        self.lineage[narrow].contains(&broad)
    }

    /// Whether a mention of `said` names the concept `item`: it is the item
    /// or narrower, or the item is an either-or ("numbness or tingling") and
    /// `said` falls under one of its halves ("pins and needles").
    pub fn names(&self, said: Id, item: Id) -> bool {
        if self.is_under(said, item) {
            return true;
        }
        let either = self.concepts[item]
            .terms
            .first()
            .is_some_and(|t| t.contains(" or "));
        either
            && self.lineage[item]
                .iter()
                .skip(1)
                .any(|&half| self.is_under(said, half) && !self.concepts[half].area)
    }

    /// Terms whose first stem is `stem`.
    pub fn terms_from(&self, stem: &str) -> impl Iterator<Item = &Term> {
        self.by_first
            .get(stem)
            .into_iter()
            .flatten()
            .map(|&i| &self.terms[i])
    }

    /// Terms of three content words or more that use this stem.
    pub fn terms_using(&self, stem: &str) -> &[usize] {
        self.by_content.get(stem).map_or(&[], Vec::as_slice)
    }

    /// The concepts whose `covers` words include this stem.
    pub fn covering(&self, stem: &str) -> &[Id] {
        self.covers.get(stem).map_or(&[], Vec::as_slice)
    }

    pub fn of_kind(&self, kind: ConceptKind) -> &[Id] {
        self.by_kind.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// The concept's name for people: its first term.
    pub fn name(&self, id: Id) -> &str {
        self.concepts[id].terms.first().map_or("", String::as_str)
    }
}

/// The tokens of a term as matched: punctuation kept (for "n+v", "u&e").
/// A skipped word inside a term is optional; at its start or end it is
/// part of the name ("the pill", "hepatitis a").
pub fn term_tokens(phrase: &str) -> Vec<Token> {
    text::tokenize(phrase)
}

fn embedded_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = EMBEDDED
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "yaml"))
        .filter(|f| {
            f.path()
                .file_name()
                .is_some_and(|n| n != "cues.yaml" && n != "questions.yaml")
        })
        .filter_map(|f| {
            Some((
                f.path().display().to_string(),
                f.contents_utf8()?.to_string(),
            ))
        })
        .collect();
    files.sort();
    files
}

/// The built-in concept files, each checked: (problems).
pub fn check_builtin() -> Vec<String> {
    Layer::from_files(embedded_files()).1
}

/// The text of an embedded file under `assets/concepts`.
pub fn embedded(name: &str) -> Option<&'static str> {
    EMBEDDED.get_file(name).and_then(|f| f.contents_utf8())
}
