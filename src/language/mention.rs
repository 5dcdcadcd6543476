//! Finding what a run of tokens names: concepts of the layer (by their
//! terms, with word forms and misspellings), the record's own wordings, and
//! a quality joined to a body site ("pain in my left knee"), with the side
//! and whether the site is where something goes ("it goes to my back").

use super::concepts::{ConceptKind, Id, Layer, SKIPPED};
use super::cues::Cues;
use super::spelling;
use super::text::{Kind, Token};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Left,
    Right,
    Both,
}

impl Side {
    pub fn from_label(label: &str) -> Option<Side> {
        match label {
            "left" => Some(Side::Left),
            "right" => Some(Side::Right),
            "both" => Some(Side::Both),
            _ => None,
        }
    }

    /// Whether a side said agrees with a side recorded (both sides include each).
    pub fn agrees(self, recorded: Side) -> bool {
        self == recorded || self == Side::Both || recorded == Side::Both
    }
}

/// Something a text names.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Token range.
    pub range: Range<usize>,
    /// The concept named, if the layer has it (the likeliest of `senses`).
    pub concept: Option<Id>,
    pub kind: Option<ConceptKind>,
    /// Every concept these words name ("stomach": the site and the examination).
    pub senses: Vec<Id>,
    /// For a symptom: where it is felt.
    pub site: Option<Id>,
    pub side: Option<Side>,
    /// Items of the record this names (see `Lexicon`).
    pub items: Vec<usize>,
    /// A site named as where a symptom goes ("through to my back").
    pub destination: bool,
    /// Joined from a quality and a site ("my ankles don't swell"): words
    /// inside it, a negation among them, are the sentence's, not a name's.
    pub composed: bool,
    /// The record's own wording of an item ("a heavy sadness that won't
    /// lift"): what it says is the record's, not a new claim.
    pub wording: bool,
}

impl Mention {
    fn of(range: Range<usize>, concept: Id, layer: &Layer) -> Mention {
        let c = layer.get(concept);
        Mention {
            range,
            concept: Some(concept),
            kind: Some(c.kind),
            senses: vec![concept],
            site: c.site.as_deref().and_then(|s| layer.id(s)),
            side: None,
            items: Vec::new(),
            destination: false,
            composed: false,
            wording: false,
        }
    }

    /// The concept of `kind` these words name, if any.
    pub fn sense(&self, kind: ConceptKind, layer: &Layer) -> Option<Id> {
        self.senses
            .iter()
            .copied()
            .find(|&c| layer.get(c).kind == kind)
    }

    /// Whether it names a body site (alone, not as part of a symptom).
    pub fn is_site(&self, layer: &Layer) -> bool {
        self.sense(ConceptKind::Site, layer).is_some()
    }

    /// Takes `kind` as what these words mean here, if they can.
    pub fn prefer(&mut self, kind: ConceptKind, layer: &Layer) -> bool {
        match self.sense(kind, layer) {
            Some(c) => {
                let site = self.site;
                *self = Mention {
                    senses: std::mem::take(&mut self.senses),
                    side: self.side,
                    items: std::mem::take(&mut self.items),
                    destination: self.destination,
                    ..Mention::of(self.range.clone(), c, layer)
                };
                self.site = self.site.or(site);
                true
            }
            None => false,
        }
    }

    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        self.range.start < r.end && r.start < self.range.end
    }
}

/// Per token: the stems it may be read as (its own, and the one a misspelling meant).
pub fn readings(tokens: &[Token], layer: &Layer, cues: &Cues) -> Vec<Vec<String>> {
    tokens
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let mut out = vec![t.stem.clone()];
            // A capitalised word inside a sentence is a name ("Charlotte Clark"), not a misspelling.
            let named = t.capital && k > 0 && tokens[k - 1].kind != Kind::Punct;
            // A known stem of no English word ("lipsae" stems to "lips") may still be a misspelling.
            if t.kind == Kind::Word
                && !cues.is_function(t)
                && (!layer.vocabulary.contains(&t.stem) || !layer.vocabulary.contains(&t.norm))
                && !named
            {
                if let Some(s) = spelling::correct(layer, &t.norm, |w| cues.knows(w)) {
                    out.push(s);
                }
            }
            out
        })
        .collect()
}

/// Whether `word` (in the text) is a form of `term_word` and not a word
/// derived from the same root with another meaning ("tear" is not
/// "tearfulness", "irritation" is not "irritability"). Both share a stem.
pub fn same_word(term_word: &str, word: &str) -> bool {
    fn strip_inflection(w: &str) -> &str {
        for suffix in ["ing", "ed", "es", "s"] {
            if let Some(base) = w.strip_suffix(suffix) {
                if base.len() >= 3 {
                    return base;
                }
            }
        }
        w
    }
    const DERIVED: &[&[&str]] = &[
        &[
            "ness", "fulness", "ful", "ity", "ability", "ibility", "able", "ible",
        ],
        &["ation", "ition", "tion", "sion", "ion"],
        &["ance", "ence", "ancy", "ency", "ant", "ent"],
        &["al", "ally", "ical", "ic"],
        &["ly"],
        &["ment"],
        &["er", "or", "ist"],
    ];
    let (a, b) = (strip_inflection(term_word), strip_inflection(word));
    if a == b
        || a.starts_with(b) && a.len() - b.len() <= 1
        || b.starts_with(a) && b.len() - a.len() <= 1
    {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let (ta, tb) = (
        &a[a.char_indices().nth(common).map_or(a.len(), |x| x.0)..],
        &b[b.char_indices().nth(common).map_or(b.len(), |x| x.0)..],
    );
    let group = |tail: &str| {
        DERIVED.iter().position(|g| {
            g.iter()
                .any(|s| tail.ends_with(s) && tail.len() <= s.len() + 2)
        })
    };
    match (group(ta), group(tb)) {
        (Some(x), Some(y)) => x == y,
        // One is the bare root and the other a derived word: different senses.
        (Some(_), None) | (None, Some(_)) => false,
        (None, None) => true,
    }
}

/// Term matches of the layer in `tokens`: (concept, token range), every
/// match, overlapping or not. Words of `SKIPPED` in the text are passed over
/// inside a term ("pain in my stomach" matches "pain in stomach"); a term
/// of three content words or more also matches when they stand close
/// together in another order ("at night to pass water"). With `linking`,
/// names that join two things ("numbness or weakness") match as well.
pub fn term_matches(
    tokens: &[Token],
    reads: &[Vec<String>],
    layer: &Layer,
    cues: &Cues,
    linking: bool,
) -> Vec<(Id, Range<usize>)> {
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        if tokens[i].kind == Kind::Punct {
            continue;
        }
        for stem in &reads[i] {
            for term in layer.terms_from(stem) {
                if term.capitals_only && !(tokens[i].upper && term.stems.len() == 1) {
                    continue;
                }
                if term.link_only && !linking {
                    continue;
                }
                // A one-word term never names a function word ("are" is not AREDS).
                let lone = term.stems.len() == 1;
                // A place word among them ("back", "side") names a site after
                // "my" or "the" ("into my back"), not in "came back".
                let owned_site = matches!(
                    layer.get(term.concept).kind,
                    ConceptKind::Site | ConceptKind::Exam
                ) && i > 0
                    && matches!(
                        tokens[i - 1].norm.as_str(),
                        "my" | "the" | "his" | "her" | "your" | "their" | "our"
                    );
                // "I'll be your doctor": a job after "your" is named, not addressed.
                let your_job = layer.get(term.concept).kind == ConceptKind::Occupation
                    && i > 0
                    && tokens[i - 1].norm == "your";
                if lone
                    && cues.is_function(&tokens[i])
                    && !(tokens[i].upper && tokens[i].norm.len() > 1)
                    && !owned_site
                    && !your_job
                {
                    continue;
                }
                if let Some(end) = match_rest(tokens, reads, i + 1, &term.stems[1..]) {
                    let single = term.stems.len() == 1;
                    let term_word = layer
                        .get(term.concept)
                        .terms
                        .iter()
                        .find(|t| super::text::stem(&super::text::fold(t)) == term.stems[0]);
                    let strict = single && layer.get(term.concept).kind == ConceptKind::Condition;
                    let plural_of = |w: &str, t: &str| {
                        t == w
                            || t.strip_suffix('s') == Some(w)
                            || w.strip_suffix('s') == Some(t)
                            || t.strip_suffix("es") == Some(w)
                    };
                    let ok = !single
                        || reads[i].len() > 1
                        || term_word.is_none_or(|w| {
                            let w = super::text::fold(w);
                            if strict {
                                plural_of(&w, &tokens[i].norm)
                            } else {
                                same_word(&w, &tokens[i].norm)
                            }
                        });
                    if ok && !out.contains(&(term.concept, i..end)) {
                        out.push((term.concept, i..end));
                    }
                }
            }
        }
    }
    out.extend(window_matches(tokens, reads, layer, cues));
    out
}

/// Terms of three content words or more whose words all stand within a
/// short window, in any order.
fn window_matches(
    tokens: &[Token],
    reads: &[Vec<String>],
    layer: &Layer,
    cues: &Cues,
) -> Vec<(Id, Range<usize>)> {
    let mut hits: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut seen: Vec<&String> = Vec::new();
    for (t, r) in tokens.iter().zip(reads) {
        if cues.is_function(t) {
            continue;
        }
        for stem in r {
            if seen.contains(&stem) {
                continue;
            }
            seen.push(stem);
            for &term in layer.terms_using(stem) {
                *hits.entry(term).or_default() += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (term_index, n) in hits {
        let term = &layer.terms[term_index];
        let wanted: Vec<&String> = {
            let mut w: Vec<&String> = term.content.iter().collect();
            w.dedup();
            w
        };
        if n < wanted.len() {
            continue;
        }
        let window = wanted.len() * 2 + 2;
        let mut best: Option<Range<usize>> = None;
        for start in 0..tokens.len() {
            if !wanted.iter().any(|w| reads[start].contains(w)) {
                continue;
            }
            let mut found = vec![false; wanted.len()];
            let mut end = start;
            for j in start..(start + window).min(tokens.len()) {
                // A window does not reach over a comma or into the next clause.
                if j > start && (tokens[j].kind == Kind::Punct || cues.is_breaker(&tokens[j])) {
                    break;
                }
                for (k, w) in wanted.iter().enumerate() {
                    if !found[k] && reads[j].contains(w) {
                        found[k] = true;
                        end = j + 1;
                    }
                }
            }
            if found.iter().all(|f| *f) && best.as_ref().is_none_or(|b| end - start < b.len()) {
                best = Some(start..end);
            }
        }
        if let Some(r) = best {
            out.push((term.concept, r));
        }
    }
    out
}

/// Matches the rest of a term from token `j`: a skipped word of the text
/// may be passed over, and so may a skipped word inside the term (not its last).
fn match_rest(
    tokens: &[Token],
    reads: &[Vec<String>],
    mut j: usize,
    rest: &[String],
) -> Option<usize> {
    let skipped = |w: &str| SKIPPED.contains(&w);
    // "Eyes look a bit yellow": a softening word inside a term, up to two.
    let softening = |w: &str| {
        matches!(
            w,
            "bit" | "little" | "quite" | "very" | "really" | "slightly" | "rather" | "so"
        )
    };
    let mut softened = 0;
    let mut alternative = false;
    let mut k = 0;
    while k < rest.len() {
        let stem = &rest[k];
        if reads.get(j).is_some_and(|t| t.contains(stem)) {
            j += 1;
            k += 1;
        } else if !alternative
            && k > 0
            && tokens.get(j).is_some_and(|t| t.norm == "or")
            && tokens.get(j + 1).is_some_and(|t| t.is_word())
        {
            // "Trouble getting or keeping an erection": one alternative said in the middle.
            alternative = true;
            j += 2;
        } else if skipped(stem) && k + 1 < rest.len() {
            k += 1;
        } else if tokens.get(j).is_some_and(|t| skipped(&t.norm)) {
            j += 1;
        } else if softened < 2 && tokens.get(j).is_some_and(|t| softening(&t.norm)) {
            softened += 1;
            j += 1;
        } else {
            return None;
        }
    }
    Some(j)
}

/// Keeps the longest of overlapping mentions (earlier first on a tie); a
/// mention of the record's own item wins over a concept of the same length.
pub fn longest_first(mut all: Vec<Mention>) -> Vec<Mention> {
    all.sort_by(|a, b| {
        let (la, lb) = (a.range.len(), b.range.len());
        lb.cmp(&la)
            .then(b.items.len().min(1).cmp(&a.items.len().min(1)))
            .then(a.range.start.cmp(&b.range.start))
    });
    let mut kept: Vec<Mention> = Vec::new();
    for m in all {
        if !kept.iter().any(|k| k.overlaps(&m.range)) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.range.start);
    kept
}

/// Which sense words with several take in a history, first to last.
const PRIORITY: &[ConceptKind] = &[
    ConceptKind::Symptom,
    ConceptKind::Condition,
    ConceptKind::Medicine,
    ConceptKind::DrugClass,
    ConceptKind::Procedure,
    ConceptKind::Site,
    ConceptKind::Vaccine,
    ConceptKind::Substance,
    ConceptKind::Relative,
    ConceptKind::Habit,
    ConceptKind::Test,
    ConceptKind::Occupation,
    ConceptKind::Diet,
    ConceptKind::Activity,
    ConceptKind::Living,
    ConceptKind::Reproductive,
    ConceptKind::Descriptor,
    ConceptKind::Factor,
    ConceptKind::Exam,
];

fn rank(kind: ConceptKind) -> usize {
    PRIORITY
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(PRIORITY.len())
}

/// Concept mentions of the layer in `tokens`: one per range matched, with
/// every concept it names as its senses.
pub fn concepts_in(
    tokens: &[Token],
    reads: &[Vec<String>],
    layer: &Layer,
    cues: &Cues,
    linking: bool,
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for (c, r) in term_matches(tokens, reads, layer, cues, linking) {
        match out.iter_mut().find(|m| m.range == r) {
            Some(m) => {
                if !m.senses.contains(&c) {
                    m.senses.push(c);
                }
            }
            None => out.push(Mention::of(r, c, layer)),
        }
    }
    for m in &mut out {
        m.senses.sort_by_key(|&c| rank(layer.get(c).kind));
        let first = m.senses[0];
        let senses = std::mem::take(&mut m.senses);
        *m = Mention {
            senses,
            ..Mention::of(m.range.clone(), first, layer)
        };
    }
    out
}

/// Sides said next to sites: "left knee", "the right side of my tummy",
/// "my eye, the left one", "on the right".
pub fn attach_sides(tokens: &[Token], mentions: &mut [Mention], cues: &Cues, layer: &Layer) {
    let sides = cues.sides(tokens);
    let sites = layer.of_kind(ConceptKind::Site);
    for (label, r) in sides {
        let Some(side) = Side::from_label(label) else {
            continue;
        };
        // "Right at the base", "right through": "right" as "exactly".
        let next = tokens.get(r.end).map_or("", |t| t.norm.as_str());
        let owned = r.start > 0
            && matches!(
                tokens[r.start - 1].norm.as_str(),
                "the" | "my" | "your" | "her" | "his" | "their"
            );
        if r.len() == 1
            && !owned
            && tokens[r.start].norm == "right"
            && matches!(
                next,
                "at" | "through"
                    | "in"
                    | "on"
                    | "up"
                    | "down"
                    | "into"
                    | "across"
                    | "there"
                    | "now"
                    | "away"
                    | "round"
                    | "around"
                    | "over"
                    | "under"
                    | "by"
                    | "behind"
            )
        {
            continue;
        }
        // Inside a name that holds a site ("pain shooting down my right
        // leg"), or sharing a word with one ("the left side of my forehead").
        if let Some(m) = mentions.iter_mut().find(|m| {
            m.range.start < r.end
                && r.start < m.range.end
                && (m.site.is_some() || m.senses.iter().any(|&c| sites.contains(&c)))
        }) {
            m.side.get_or_insert(side);
            continue;
        }
        // The nearest site or lateral symptom after it (within three tokens), else before it.
        let after = mentions
            .iter_mut()
            .filter(|m| m.site.is_some() || m.senses.iter().any(|&c| sites.contains(&c)))
            .filter(|m| m.range.start >= r.end && m.range.start <= r.end + 3)
            .min_by_key(|m| m.range.start);
        if let Some(m) = after {
            m.side.get_or_insert(side);
            continue;
        }
        if let Some(m) = mentions
            .iter_mut()
            .filter(|m| m.site.is_some() || m.senses.iter().any(|&c| sites.contains(&c)))
            .filter(|m| m.range.end <= r.start && r.start <= m.range.end + 4)
            .max_by_key(|m| m.range.end)
        {
            m.side.get_or_insert(side);
        }
    }
}

/// Sites named after a verb of motion and a direction ("goes straight
/// through to my back", "shoots down my leg") are where a symptom goes.
pub fn mark_destinations(tokens: &[Token], mentions: &mut [Mention], cues: &Cues, layer: &Layer) {
    let directions = cues.direction.find(tokens);
    for (_, d) in directions {
        // "It's all down below", "down there": a place, not a way.
        // "Low down at the front of my neck", "deep down": where, not a way.
        let low = |k: usize| {
            tokens[k].norm == "down"
                && k >= 1
                && matches!(
                    tokens[k - 1].norm.as_str(),
                    "low" | "lower" | "deep" | "further"
                )
        };
        let place = tokens[d.start].norm == "down"
            && (tokens
                .get(d.start + 1)
                .is_some_and(|t| matches!(t.norm.as_str(), "below" | "there" | "here"))
                || low(d.start));
        // The verb may stand a list back in the sentence ("shoots down the
        // arm, past the elbow, into my wrist").
        let sentence_start = (0..d.start)
            .rev()
            .find(|&k| matches!(tokens[k].norm.as_str(), "." | "!" | "?" | ";"))
            .map_or(0, |k| k + 1);
        let moving = !place
            && (d.start.saturating_sub(12).max(sentence_start)..d.start)
                .chain(d.clone())
                .any(|k| tokens.get(k).is_some_and(|t| cues.is_motion(t)) && !low(k));
        if !moving {
            continue;
        }
        for m in mentions.iter_mut() {
            if m.range.start >= d.end
                && m.range.start <= d.end + 4
                && m.prefer(ConceptKind::Site, layer)
            {
                m.destination = true;
            }
        }
    }
}

/// Prepositions and words that can stand between a quality and its site
/// ("pain in the top of my stomach", "swelling around the ankle").
const LINKS: &[&str] = &[
    "in",
    "on",
    "at",
    "around",
    "round",
    "across",
    "under",
    "underneath",
    "behind",
    "over",
    "of",
    "inside",
    "near",
    "above",
    "below",
    "beneath",
    "along",
    "within",
    "top",
    "bottom",
    "side",
    "front",
    "back",
    "middle",
    "centre",
    "center",
    "left",
    "right",
    "both",
    "lower",
    "upper",
    "just",
    "all",
    "area",
    "region",
    "part",
    "bit",
    "is",
    "'s",
    "are",
    "was",
    "stays",
    "stay",
    "sits",
    "sit",
    "feels",
    "mainly",
    "mostly",
    "only",
    "there",
    "located",
    "deep",
    "seems",
];

/// Whether a body part is named as how one lies or sits ("curled up on my
/// side", "lying flat on my back", "sleep on my front").
pub fn posture(tokens: &[Token], m: &Mention, cues: &Cues) -> bool {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    let s = m.range.start;
    let on = s >= 2 && word(s - 2) == "on" && matches!(word(s - 1), "my" | "her" | "his" | "the")
        || s >= 1 && word(s - 1) == "on";
    on && tokens[s.saturating_sub(6)..s]
        .iter()
        .any(|t| cues.is_posture(t))
}

/// Verbs that say a site has a quality ("my knee is sore", "my back hurts").
const LINKING_VERBS: &[&str] = &[
    "is", "are", "was", "'s", "feels", "feel", "felt", "gets", "get", "been", "has", "have",
    "keeps", "very", "really", "so", "quite", "a", "bit", "little", "does", "do", "did", "not",
    "never", "isn't", "still", "always", "can", "will", "would", "start", "started", "starts",
    "going", "gone", "goes", "go", "getting", "got", "become", "becoming", "gets", "went",
];

/// Joins each quality (pain, swelling...) to the body site it is said of,
/// into the most specific symptom concept for both ("pain" + "knee" → knee
/// pain), or into the quality with a site when the layer has none.
pub fn compose(tokens: &[Token], mentions: Vec<Mention>, layer: &Layer) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut used_sites: Vec<usize> = Vec::new();
    let quality = |m: &Mention| {
        m.concept.is_some_and(|c| {
            layer.get(c).quality || layer.lineage(c).iter().any(|&u| layer.get(u).quality)
        }) && m.site.is_none()
            && m.items.is_empty()
    };
    for (qi, q) in mentions.iter().enumerate() {
        if !quality(q) {
            continue;
        }
        // A site right before ("knee pain", "my knee is sore") or after it, joined by prepositions.
        let site = mentions.iter().enumerate().find(|(si, s)| {
            if !s.is_site(layer) || s.destination || used_sites.contains(si) || *si == qi {
                return false;
            }
            if s.range.end <= q.range.start {
                let between = &tokens[s.range.end..q.range.start];
                between.len() <= 6
                    && between.iter().all(|t| {
                        LINKING_VERBS.contains(&t.norm.as_str())
                            || SKIPPED.contains(&t.norm.as_str())
                    })
            } else if s.range.start >= q.range.end {
                let between = &tokens[q.range.end..s.range.start];
                between.len() <= 6
                    && between.iter().all(|t| {
                        LINKS.contains(&t.norm.as_str()) || SKIPPED.contains(&t.norm.as_str())
                    })
            } else {
                false
            }
        });
        if let Some((si, s)) = site {
            used_sites.push(si);
            out.push(joined(
                q,
                s,
                q.range.start.min(s.range.start)..q.range.end.max(s.range.end),
                layer,
            ));
            let after = s.range.start >= q.range.end;
            let edge = if after { s.range.end } else { s.range.start };
            for (oi, m) in listed(tokens, &mentions, q, edge, after, &used_sites, layer) {
                used_sites.push(oi);
                out.push(m);
            }
        }
    }
    // "Pain in your back or loins": a symptom named with its site goes on
    // to the sites listed after it.
    for q in mentions
        .iter()
        .filter(|m| m.kind == Some(ConceptKind::Symptom) && m.site.is_some())
    {
        let Some(quality) = q.concept.and_then(|c| {
            layer
                .lineage(c)
                .iter()
                .copied()
                .find(|&u| layer.get(u).quality)
        }) else {
            continue;
        };
        let q = Mention {
            concept: Some(quality),
            ..q.clone()
        };
        for (oi, m) in listed(tokens, &mentions, &q, q.range.end, true, &used_sites, layer) {
            used_sites.push(oi);
            out.push(m);
        }
    }
    let composed: Vec<Range<usize>> = out.iter().map(|m| m.range.clone()).collect();
    for m in mentions {
        let part_of = composed
            .iter()
            .any(|r| m.range.start >= r.start && m.range.end <= r.end);
        if !part_of {
            out.push(m);
        }
    }
    out.sort_by_key(|m| m.range.start);
    out
}

/// "Pain in your back or loins", "my knees and wrists ache": each site of a
/// list, from `edge` on (after the quality, or before it), joined to the
/// quality as the site next to it was.
fn listed(
    tokens: &[Token],
    mentions: &[Mention],
    q: &Mention,
    mut edge: usize,
    after: bool,
    used_sites: &[usize],
    layer: &Layer,
) -> Vec<(usize, Mention)> {
    let joins = |t: &Token| {
        matches!(
            t.norm.as_str(),
            "and" | "or" | "your" | "my" | "the" | "both" | "either"
        )
    };
    // "No chest pain, and my back's fine": a site that starts a clause of its own.
    let subject = |o: &Mention| {
        after
            && tokens.get(o.range.end).is_some_and(|t| {
                matches!(
                    t.norm.as_str(),
                    "is" | "'s"
                        | "are"
                        | "was"
                        | "were"
                        | "feels"
                        | "feel"
                        | "has"
                        | "have"
                        | "seems"
                )
            })
    };
    let mut found: Vec<(usize, Mention)> = Vec::new();
    loop {
        let taken = |oi: usize| used_sites.contains(&oi) || found.iter().any(|(f, _)| *f == oi);
        let next = mentions.iter().enumerate().find(|&(oi, o)| {
            if !o.is_site(layer) || o.destination || taken(oi) || subject(o) {
                return false;
            }
            let between = if after {
                (o.range.start >= edge).then_some(edge..o.range.start)
            } else {
                (edge >= o.range.end).then_some(o.range.end..edge)
            };
            between.is_some_and(|b| {
                (1..=3).contains(&b.len())
                    && tokens[b.clone()]
                        .iter()
                        .any(|t| matches!(t.norm.as_str(), "and" | "or"))
                    && tokens[b].iter().all(joins)
            })
        });
        let Some((oi, o)) = next else { break };
        edge = if after { o.range.end } else { o.range.start };
        found.push((oi, joined(q, o, o.range.clone(), layer)));
    }
    found
}

/// A quality joined to a site said of it, over `range`: the most specific
/// symptom concept for both, or the quality with that site.
fn joined(q: &Mention, s: &Mention, range: Range<usize>, layer: &Layer) -> Mention {
    let site = s.sense(ConceptKind::Site, layer);
    let specific = site
        .zip(q.concept)
        .and_then(|(site, qual)| specific_symptom(layer, qual, site));
    let mut m = match specific {
        Some(c) => Mention::of(range, c, layer),
        None => Mention {
            range,
            site,
            ..q.clone()
        },
    };
    m.site = site.or(m.site);
    m.side = s.side.or(q.side);
    m.composed = true;
    m
}

/// The most specific symptom under `quality` felt at `site` or at a site
/// `site` falls under ("pain" at "upper abdomen" → abdominal pain).
fn specific_symptom(layer: &Layer, quality: Id, site: Id) -> Option<Id> {
    let site_line = layer.lineage(site);
    layer
        .of_kind(ConceptKind::Symptom)
        .iter()
        .copied()
        .filter(|&c| layer.is_under(c, quality) && c != quality)
        .filter_map(|c| {
            let at = layer.get(c).site.as_deref().and_then(|s| layer.id(s))?;
            let depth = site_line.iter().position(|&x| x == at)?;
            // Only a symptom of that quality alone: "knee pain", not "knee pain on stairs".
            let extra = layer.lineage(c).len();
            Some((depth, extra, c))
        })
        .min_by_key(|&(depth, extra, _)| (depth, extra))
        .map(|(_, _, c)| c)
}

/// Whether relative mention `m` is the patient when young: "as a little
/// girl", "when I was a boy", "as a kid".
pub fn as_young(tokens: &[Token], m: &Mention) -> bool {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    let before = |back: usize| m.range.start.checked_sub(back);
    let article =
        if before(1).is_some_and(|k| matches!(word(k), "little" | "small" | "young" | "wee")) {
            before(2)
        } else {
            before(1)
        };
    article.is_some_and(|k| matches!(word(k), "a" | "an") && young_at(tokens, k))
}

/// Whether the article at token `k` follows "as" or "I was" ("as a kid",
/// "when I was a girl"): what it introduces is the patient when young.
pub fn young_at(tokens: &[Token], k: usize) -> bool {
    let word = |back: usize| {
        k.checked_sub(back)
            .and_then(|j| tokens.get(j))
            .map_or("", |t| t.norm.as_str())
    };
    word(1) == "as" || word(1) == "was" && word(2) == "i"
}
