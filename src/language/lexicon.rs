//! One record's vocabulary: the concept layer plus the record's own items
//! (its symptoms, conditions, medicines, relatives' illnesses, tests...),
//! each linked to the concepts it names, so that "any pain?" finds every
//! pain the record holds and "my blood pressure tablet" finds amlodipine.

use super::concepts::{ConceptKind, Id, Layer, SKIPPED};
use super::cues::Cues;
use super::mention::{self, Mention, Side};
use super::text::{self, Token};
use crate::case::Case;
use crate::memory::{Key, Topic, Value};

/// One thing of the record that a text can name.
#[derive(Debug, Clone)]
pub struct Item {
    pub key: Key,
    /// What the record calls it.
    pub name: String,
    /// The concepts it was linked to (by its name, else its wording).
    pub concepts: Vec<Id>,
    pub site: Option<Id>,
    pub side: Option<Side>,
    /// A symptom the patient has (false: a pertinent negative).
    pub present: bool,
    /// For a relative's illness: the relative.
    pub relative: Option<Id>,
}

#[derive(Debug, Clone)]
struct Wording {
    item: usize,
    /// Content stems, all of which must be found close together.
    stems: Vec<String>,
    /// The wording says "no" itself ("no appetite at all").
    negated: bool,
    /// Its words before the first content word ("no" in "no energy by the
    /// afternoon"), which belong to it when said just before.
    lead: Vec<String>,
    /// Its words after the last content word ("know well").
    tail: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    pub layer: &'static Layer,
    pub cues: &'static Cues,
    pub items: Vec<Item>,
    wordings: Vec<Wording>,
    /// The symptom the patient came about, by item index.
    pub main: Option<usize>,
    /// The patient's age, for "when I was twelve".
    pub age: Option<f64>,
    /// What the record's worded facts name (a site, a side, a feeling, a
    /// factor, a job, who is at home), by fact id, as concept ids.
    pub senses: std::collections::HashMap<String, Vec<String>>,
    /// The record's own stories of a symptom ("I had the scan because my
    /// mother broke her hip"), lower-cased: said as written, they hold no
    /// new history.
    pub stories: Vec<String>,
    /// Concepts the record names in a symptom's words or its trigger ("it
    /// started after a bad water infection"): said by the patient, they are
    /// no new history.
    pub elsewhere: Vec<Id>,
    /// The symptoms whose record says what set them off, by item index.
    pub triggered: Vec<usize>,
}

/// Words a text was read as, with what they name.
#[derive(Debug, Clone)]
pub struct Read {
    pub tokens: Vec<Token>,
    pub reads: Vec<Vec<String>>,
    pub mentions: Vec<Mention>,
}

impl Lexicon {
    /// The concept layer alone, for texts that belong to no record.
    pub fn general() -> Lexicon {
        Lexicon {
            layer: Layer::builtin(),
            cues: Cues::builtin(),
            items: Vec::new(),
            wordings: Vec::new(),
            main: None,
            age: None,
            senses: std::collections::HashMap::new(),
            stories: Vec::new(),
            elsewhere: Vec::new(),
            triggered: Vec::new(),
        }
    }

    pub fn for_case(case: &Case) -> Lexicon {
        let mut lx = Lexicon::general();
        for s in &case.symptoms {
            let wording = [s.name.as_str(), s.lay.as_str()];
            let place = s.location.as_deref().unwrap_or("");
            lx.add_symptom(&s.name, &wording, place, true);
        }
        for n in &case.pertinent_negatives {
            lx.add_symptom(&n.name, &[n.name.as_str(), n.lay.as_str()], "", false);
        }
        let h = &case.history;
        let kinds_condition = [ConceptKind::Condition];
        for c in &h.conditions {
            lx.add(
                Key::new(Topic::Condition, &c.condition),
                &c.condition,
                &[&c.condition],
                &kinds_condition,
            );
        }
        for s in &h.surgeries {
            lx.add(
                Key::new(Topic::Surgery, &s.procedure),
                &s.procedure,
                &[&s.procedure],
                &[ConceptKind::Procedure],
            );
        }
        for m in &h.medications {
            let mut words = vec![m.name.as_str()];
            words.extend(m.lay.as_deref());
            lx.add(
                Key::new(Topic::Medication, &m.name),
                &m.name,
                &words,
                &[ConceptKind::Medicine, ConceptKind::DrugClass],
            );
        }
        for a in &h.allergies {
            lx.add(
                Key::new(Topic::Allergy, &a.substance),
                &a.substance,
                &[&a.substance],
                &[
                    ConceptKind::Substance,
                    ConceptKind::Medicine,
                    ConceptKind::DrugClass,
                ],
            );
        }
        for v in &h.vaccinations {
            lx.add(
                Key::new(Topic::Vaccination, &v.vaccine),
                &v.vaccine,
                &[&v.vaccine],
                &[ConceptKind::Vaccine],
            );
        }
        for f in &h.family {
            let i = lx.add(
                Key::new(Topic::Family, &f.condition),
                &f.condition,
                &[&f.condition],
                &kinds_condition,
            );
            lx.items[i].relative = lx
                .link(&f.relative.to_string(), &[ConceptKind::Relative])
                .0
                .first()
                .copied();
        }
        let e = &case.examination;
        for l in &e.labs {
            lx.add(
                Key::new(Topic::Lab, &l.name),
                &l.name,
                &[&l.name],
                &[ConceptKind::Test],
            );
        }
        for s in &e.studies {
            lx.add(
                Key::new(Topic::Study, &s.name),
                &s.name,
                &[&s.name],
                &[ConceptKind::Test],
            );
        }
        for i in &e.imaging {
            let name = format!("{} {}", i.modality, i.region);
            lx.add(
                Key::new(Topic::Imaging, &name),
                &name,
                &[&i.modality],
                &[ConceptKind::Test],
            );
        }
        lx.add(
            Key::of(Topic::Diagnosis),
            &case.disease.name,
            &[&case.disease.name],
            &kinds_condition,
        );
        lx.main = lx.main_complaint(case);
        for s in &case.symptoms {
            if s.onset.trigger.is_some() {
                let key = Key::new(Topic::Symptom, &s.name);
                lx.triggered.extend(lx.item_of(&key));
            }
            let texts = s
                .onset
                .trigger
                .iter()
                .chain(&s.aggravating)
                .chain(&s.relieving);
            for t in texts {
                let t = t.trim().trim_end_matches('.').to_lowercase();
                if t.split_whitespace().count() >= 4 {
                    lx.stories.push(t);
                }
            }
            for t in [&s.name, &s.lay].into_iter().chain(&s.onset.trigger) {
                for m in lx.read_plain(t).mentions {
                    for c in m.concept.into_iter().chain(m.senses) {
                        if !lx.elsewhere.contains(&c) {
                            lx.elsewhere.push(c);
                        }
                    }
                }
            }
        }
        lx.age = Some(f64::from(case.patient.age));
        for f in crate::memory::decompose(case) {
            use Topic as T;
            let worded = matches!(
                f.key.topic,
                T::Location
                    | T::Radiation
                    | T::Character
                    | T::Aggravating
                    | T::Relieving
                    | T::Trigger
                    | T::Occupation
                    | T::Living
                    | T::Allergy
            );
            if let (true, Value::Text { text }) = (worded, &f.value) {
                let mut senses = lx.senses_of(text);
                // A side said in the symptom's own wording ("my right knee") is where it is.
                if f.key.topic == T::Location && !senses.iter().any(|s| s.starts_with("side:")) {
                    let item = lx.item_of(&Key::new(T::Symptom, &f.key.subject));
                    if let Some(side) = item.and_then(|i| lx.items[i].side) {
                        senses.push(format!(
                            "side:{}",
                            serde_json::to_value(side)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_string))
                                .unwrap_or_default()
                        ));
                    }
                }
                lx.senses.insert(f.id, senses);
            }
        }
        lx
    }

    /// The concept ids (and `side:` marks) a short text names.
    pub fn senses_of(&self, phrase: &str) -> Vec<String> {
        let read = self.read_plain(phrase);
        let all: Vec<&Mention> = read.mentions.iter().collect();
        let mut ids = super::reply::concept_ids(self, &all);
        let only = read
            .tokens
            .iter()
            .any(|t| matches!(t.norm.as_str(), "alone" | "own" | "just" | "only"));
        if only {
            ids.push("only".into());
        }
        ids
    }

    fn main_complaint(&self, case: &Case) -> Option<usize> {
        let said = self.read(&case.chief_complaint);
        said.mentions
            .iter()
            .flat_map(|m| m.items.iter().copied())
            .find(|&i| self.items[i].key.topic == Topic::Symptom && self.items[i].present)
            .or_else(|| {
                self.items
                    .iter()
                    .position(|i| i.key.topic == Topic::Symptom && i.present)
            })
    }

    fn add_symptom(&mut self, name: &str, wording: &[&str], place: &str, present: bool) {
        let kinds = [ConceptKind::Symptom];
        let i = self.add(Key::new(Topic::Symptom, name), name, wording, &kinds);
        let item_site = self.items[i].site;
        if item_site.is_none() || self.items[i].side.is_none() {
            for text in wording.iter().copied().chain(std::iter::once(place)) {
                let read = self.read_plain(text);
                for m in &read.mentions {
                    if self.items[i].site.is_none() {
                        self.items[i].site = m.site.or(m.sense(ConceptKind::Site, self.layer));
                    }
                    if self.items[i].side.is_none() {
                        self.items[i].side = m.side;
                    }
                }
            }
        }
        self.items[i].present = present;
        if self.items[i].concepts.is_empty() {
            // An item no concept names: the broad areas its words fall under.
            let mut under: Vec<Id> = Vec::new();
            for text in wording {
                for t in text::tokenize(text) {
                    for &c in self.layer.covering(&t.stem) {
                        if !under.contains(&c) {
                            under.push(c);
                        }
                    }
                }
            }
            self.items[i].concepts = under;
        }
    }

    /// Adds an item named `name`, linked to concepts of `kinds` found in its
    /// wordings, and returns its index.
    fn add(&mut self, key: Key, name: &str, wording: &[&str], kinds: &[ConceptKind]) -> usize {
        let mut concepts = Vec::new();
        let mut site = None;
        let mut side = None;
        for w in wording {
            let (found, s, sd) = self.link(w, kinds);
            site = site.or(s);
            side = side.or(sd);
            if concepts.is_empty() {
                concepts = found;
            }
        }
        let index = self.items.len();
        self.items.push(Item {
            key,
            name: name.to_string(),
            concepts,
            site,
            side,
            present: true,
            relative: None,
        });
        for w in wording {
            let words = text::tokenize(w);
            // Its own "no" and "not" are not what it is found by (the reply's
            // "haven't" would be taken for them); they stay part of it.
            let mut stems: Vec<String> = words
                .iter()
                .filter(|t| !self.cues.is_function(t) && !SKIPPED.contains(&t.norm.as_str()))
                .filter(|t| !self.cues.is_negator(t))
                .map(|t| t.stem.clone())
                .collect();
            // "peeing much more often than normal": too few content words to
            // find it by, so every word of it.
            if stems.len() < 2 {
                stems = words
                    .iter()
                    .filter(|t| t.kind != text::Kind::Punct && !SKIPPED.contains(&t.norm.as_str()))
                    .filter(|t| !self.cues.is_negator(t))
                    .map(|t| t.stem.clone())
                    .collect();
            }
            let negated = words.iter().any(|t| self.cues.is_negator(t));
            let lead: Vec<String> = words
                .iter()
                .take_while(|t| stems.first().is_none_or(|s| *s != t.stem))
                .map(|t| t.norm.clone())
                .collect();
            let mut tail: Vec<String> = words
                .iter()
                .rev()
                .take_while(|t| stems.last().is_none_or(|s| *s != t.stem))
                .filter(|t| t.kind != text::Kind::Punct)
                .map(|t| t.norm.clone())
                .collect();
            tail.reverse();
            if !stems.is_empty() && stems.len() <= 8 {
                self.wordings.push(Wording {
                    item: index,
                    stems,
                    negated,
                    lead,
                    tail,
                });
            }
        }
        index
    }

    /// The concepts of `kinds` a short text names, with a site and side.
    pub fn link(&self, phrase: &str, kinds: &[ConceptKind]) -> (Vec<Id>, Option<Id>, Option<Side>) {
        let read = self.read_plain(phrase);
        let mut out = Vec::new();
        let mut site = None;
        let mut side = None;
        for m in &read.mentions {
            if let Some(c) = kinds.iter().find_map(|&k| m.sense(k, self.layer)) {
                if !out.contains(&c) {
                    out.push(c);
                    site = site
                        .or(self
                            .layer
                            .get(c)
                            .site
                            .as_deref()
                            .and_then(|s| self.layer.id(s)))
                        .or(m.site);
                }
            }
            side = side.or(m.side);
        }
        (out, site, side)
    }

    /// Reads a text with the layer alone (no record items).
    fn read_plain(&self, phrase: &str) -> Read {
        let tokens = text::tokenize(phrase);
        let reads = mention::readings(&tokens, self.layer, self.cues);
        let mentions = self.mentions_in(&tokens, &reads, false);
        Read {
            tokens,
            reads,
            mentions,
        }
    }

    /// Reads a text: its tokens and what they name, with the record's items.
    pub fn read(&self, phrase: &str) -> Read {
        let tokens = text::tokenize(phrase);
        let reads = mention::readings(&tokens, self.layer, self.cues);
        let mentions = self.mentions_in(&tokens, &reads, true);
        Read {
            tokens,
            reads,
            mentions,
        }
    }

    /// What `tokens` name, longest first, with the record items each refers to.
    pub fn mentions_in(
        &self,
        tokens: &[Token],
        reads: &[Vec<String>],
        items: bool,
    ) -> Vec<Mention> {
        let mut all = mention::concepts_in(tokens, reads, self.layer, self.cues, !items);
        if items {
            all.extend(self.wording_mentions(tokens, reads));
        }
        let mut kept = mention::longest_first(all);
        // "On the right-hand side": the side phrase is no body site ("hand").
        let sides = self.cues.sides(tokens);
        kept.retain(|m| {
            !(m.kind == Some(ConceptKind::Site)
                && sides
                    .iter()
                    .any(|(_, r)| r.len() > 1 && m.range.start >= r.start && m.range.end <= r.end))
        });
        // "Lying curled up on my side", "sleeping on my back": a posture,
        // not where anything is felt.
        kept.retain(|m| {
            !(m.kind == Some(ConceptKind::Site) && mention::posture(tokens, m, self.cues))
        });
        // "Piles of linen": a measure, not a condition.
        kept.retain(|m| !self.cues.is_measure(tokens, &m.range));
        // "It's a nightmare at work": an idiom names nothing.
        let idioms = self.cues.idioms.find(tokens);
        kept.retain(|m| {
            !idioms
                .iter()
                .any(|(_, r)| m.range.start < r.end && r.start < m.range.end)
        });
        // "I had it as a little girl", "when I was a boy": the patient young,
        // not a relative.
        kept.retain(|m| !(m.kind == Some(ConceptKind::Relative) && mention::as_young(tokens, m)));
        mention::mark_destinations(tokens, &mut kept, self.cues, self.layer);
        mention::attach_sides(tokens, &mut kept, self.cues, self.layer);
        let mut kept = mention::compose(tokens, kept, self.layer);
        if items {
            for m in &mut kept {
                if m.items.is_empty() {
                    m.items = self.refers(m);
                }
            }
        }
        kept
    }

    /// The record's own wordings found in `tokens`: every content word of
    /// one wording, close together.
    fn wording_mentions(&self, tokens: &[Token], reads: &[Vec<String>]) -> Vec<Mention> {
        let mut out = Vec::new();
        // Nor across "apart from", "except".
        let stops: Vec<usize> = self
            .cues
            .exceptions
            .find(tokens)
            .into_iter()
            .map(|(_, r)| r.start)
            .collect();
        for w in &self.wordings {
            if w.stems.len() < 2 {
                continue;
            }
            let window = w.stems.len() * 2 + 2;
            let mut best: Option<std::ops::Range<usize>> = None;
            for start in 0..tokens.len() {
                if !reads[start].contains(&w.stems[0])
                    && !w.stems.iter().any(|s| reads[start].contains(s))
                {
                    continue;
                }
                let end_limit = (start + window).min(tokens.len());
                let mut found = vec![false; w.stems.len()];
                let mut end = start;
                for (j, read) in reads.iter().enumerate().take(end_limit).skip(start) {
                    // Not into the next sentence.
                    if j > start
                        && (matches!(tokens[j].norm.as_str(), "." | "?" | "!" | ";" | ",")
                            || stops.contains(&j))
                    {
                        break;
                    }
                    for (k, s) in w.stems.iter().enumerate() {
                        if !found[k] && read.contains(s) {
                            found[k] = true;
                            end = j + 1;
                            break;
                        }
                    }
                    if found.iter().all(|f| *f) {
                        break;
                    }
                }
                if found.iter().all(|f| *f) && best.as_ref().is_none_or(|b| end - start < b.len()) {
                    best = Some(start..end);
                }
            }
            if let Some(mut range) = best {
                // "no energy ...": the wording's own first words, said just before it.
                let mut lead = w.lead.iter().rev();
                while range.start > 0
                    && lead
                        .next()
                        .is_some_and(|l| *l == tokens[range.start - 1].norm)
                {
                    range.start -= 1;
                }
                for t in &w.tail {
                    if tokens.get(range.end).is_some_and(|n| n.norm == *t) {
                        range.end += 1;
                    } else {
                        break;
                    }
                }
                // Words found between the wording's own belong to the sentence ("ankles aren't swollen").
                out.push(self.wording_mention(w.item, range, !w.negated));
            }
        }
        out
    }

    /// A mention of record item `item` by its own wording.
    fn wording_mention(
        &self,
        item: usize,
        range: std::ops::Range<usize>,
        composed: bool,
    ) -> Mention {
        let it = &self.items[item];
        Mention {
            range,
            concept: it.concepts.first().copied(),
            kind: it.concepts.first().map(|&c| self.layer.get(c).kind),
            senses: it.concepts.clone(),
            site: it.site,
            side: None,
            items: vec![item],
            destination: false,
            composed,
            wording: true,
        }
    }

    /// Of `items`, those whose own wording holds a word of one of the
    /// factor mentions `mentions` ("swallowing" for "painful swallowing",
    /// not every pain), or all of them when none does.
    pub fn of_doing<'m>(
        &self,
        items: Vec<usize>,
        tokens: &[Token],
        mentions: impl Iterator<Item = &'m Mention>,
    ) -> Vec<usize> {
        let doing: Vec<&str> = mentions
            .filter(|o| o.kind == Some(ConceptKind::Factor))
            .flat_map(|o| tokens[o.range.clone()].iter().map(|t| t.stem.as_str()))
            .collect();
        let of_doing: Vec<usize> = items
            .iter()
            .copied()
            .filter(|&i| doing.iter().any(|w| self.worded_with(i, w)))
            .collect();
        if of_doing.is_empty() { items } else { of_doing }
    }

    /// Whether one of the item's own wordings holds this stem ("ache" in
    /// "a throbbing ache in my bottom for hours after going").
    pub fn worded_with(&self, item: usize, stem: &str) -> bool {
        self.wordings
            .iter()
            .any(|w| w.item == item && w.stems.iter().any(|s| s == stem))
    }

    /// For a question that names nothing the record holds: a word after
    /// "the", "these" or "those" that only one present symptom's wording has
    /// ("and the stinging, how long?" for "stinging eyes", "these attacks"
    /// for "panic attacks"), the symptom it asks about.
    pub fn wording_heads(&self, tokens: &[Token]) -> Vec<Mention> {
        let mut out = Vec::new();
        for k in 1..tokens.len() {
            let t = &tokens[k];
            let determined = matches!(
                tokens[k - 1].norm.as_str(),
                "the" | "these" | "those" | "this" | "that" | "your"
            );
            if !determined
                || t.kind == text::Kind::Punct
                || self.cues.is_function(t)
                || SKIPPED.contains(&t.norm.as_str())
            {
                continue;
            }
            // "Your full name": a word describing what the asker wants to know.
            let asker_wants = tokens.get(k + 1).is_some_and(|n| {
                matches!(
                    n.norm.as_str(),
                    "name" | "age" | "date" | "details" | "address" | "number" | "permission"
                )
            });
            if asker_wants {
                continue;
            }
            let mut holders: Vec<usize> = self
                .wordings
                .iter()
                .filter(|w| w.stems.contains(&t.stem))
                .map(|w| w.item)
                .filter(|&i| self.items[i].key.topic == Topic::Symptom && self.items[i].present)
                .collect();
            holders.dedup();
            // Several hold it: the one whose name ends in the very word ("panic
            // attacks" before "a tight band across my chest in the attacks").
            let lasts: Vec<(usize, Option<Token>)> = holders
                .iter()
                .map(|&i| (i, text::tokenize(&self.items[i].name).pop()))
                .collect();
            let ending = |same: &dyn Fn(&Token) -> bool| -> Vec<usize> {
                lasts
                    .iter()
                    .filter(|(_, w)| w.as_ref().is_some_and(same))
                    .map(|(i, _)| *i)
                    .collect()
            };
            let named = ending(&|w| w.norm == t.norm);
            let headed = ending(&|w| w.stem == t.stem);
            let one = [named, headed, holders]
                .into_iter()
                .find_map(|tier| match tier[..] {
                    [item] => Some(item),
                    _ => None,
                });
            if let Some(item) = one {
                out.push(self.wording_mention(item, k..k + 1, false));
            }
        }
        out
    }

    /// For a question that names nothing: a record wording's first two
    /// content words said together ("any plans or preparations?" for "any
    /// plans or preparations to end my life"), the item it asks about.
    pub fn wording_openings(&self, tokens: &[Token]) -> Vec<Mention> {
        let content: Vec<usize> = (0..tokens.len())
            .filter(|&k| {
                let t = &tokens[k];
                t.kind != text::Kind::Punct
                    && !self.cues.is_function(t)
                    && !SKIPPED.contains(&t.norm.as_str())
                    && !matches!(t.norm.as_str(), "or" | "and")
            })
            .collect();
        let mut out = Vec::new();
        for w in self.wordings.iter().filter(|w| w.stems.len() >= 3) {
            for pair in content.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                if b - a > 2 || tokens[a].stem != w.stems[0] || tokens[b].stem != w.stems[1] {
                    continue;
                }
                out.push(self.wording_mention(w.item, a..b + 1, false));
                break;
            }
        }
        out
    }

    /// The record items a mention names: items of its concept or one under
    /// or over it, at a compatible site.
    pub fn refers(&self, m: &Mention) -> Vec<usize> {
        let Some(c) = m.concept else {
            return Vec::new();
        };
        let layer = self.layer;
        let kind = layer.get(c).kind;
        // Two symptoms of one quality at one place are one ("a lump at the front
        // of my neck" is the neck swelling; "my calves ache" the leg pain).
        let qualities = |x: usize| -> Vec<Id> {
            layer
                .lineage(x)
                .iter()
                .copied()
                .filter(|&u| layer.get(u).quality)
                .collect()
        };
        let mine = qualities(c);
        let same_kind_at_place = |item: &Item| {
            kind == ConceptKind::Symptom
                && !mine.is_empty()
                && match (m.site, item.site) {
                    (Some(a), Some(b)) => {
                        (layer.is_under(a, b) || layer.is_under(b, a))
                            && item
                                .concepts
                                .iter()
                                .any(|&ic| qualities(ic).iter().any(|q| mine.contains(q)))
                    }
                    _ => false,
                }
        };
        let mut found: Vec<usize> = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| {
                item.concepts.iter().any(|&ic| {
                    layer.is_under(ic, c) || layer.is_under(c, ic) && layer.get(ic).kind == kind
                }) || same_kind_at_place(item)
            })
            .filter(|(_, item)| match (m.site, item.site) {
                (Some(a), Some(b)) => layer.is_under(a, b) || layer.is_under(b, a),
                _ => true,
            })
            .map(|(i, _)| i)
            .collect();
        // The item of the very concept named comes before broader and narrower ones.
        found.sort_by_key(|&i| !self.items[i].concepts.contains(&c));
        found
    }

    /// The items of the record under a concept (present symptoms, conditions...).
    pub fn under(&self, concept: Id) -> impl Iterator<Item = usize> + '_ {
        self.items
            .iter()
            .enumerate()
            .filter(move |(_, item)| {
                item.concepts
                    .iter()
                    .any(|&ic| self.layer.is_under(ic, concept))
            })
            .map(|(i, _)| i)
    }

    /// Whether mention `m` names record item `i` as such (its concept or a
    /// narrower one, or either half of an either-or item).
    pub fn names_item(&self, m: &Mention, i: usize) -> bool {
        m.concept.is_some_and(|mc| {
            self.items[i]
                .concepts
                .iter()
                .any(|&ic| self.layer.names(mc, ic))
        })
    }

    pub fn item_of(&self, key: &Key) -> Option<usize> {
        self.items.iter().position(|i| i.key == *key)
    }

    /// The symptom a story of how "it" began is told of: the one meant, if
    /// its record has such a story, else the main complaint's (or the first
    /// that has one). "My chest locked up" told of the first panic attack.
    pub fn trigger_item(&self, meant: usize) -> usize {
        if self.triggered.contains(&meant) || self.triggered.is_empty() {
            return meant;
        }
        self.main
            .filter(|m| self.triggered.contains(m))
            .unwrap_or(self.triggered[0])
    }
}
