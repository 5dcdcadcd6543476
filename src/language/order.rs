//! `/exam` and `/test` orders, read through the concept layer: "FBC",
//! "full blood count" and "bloods" find the record's blood results, "abdo"
//! finds the abdominal examination (not the CT), and "CT head" in a record
//! with only a CT of the abdomen finds nothing, said so.

use super::concepts::{ConceptKind, Id};
use super::lexicon::{Lexicon, Read};
use super::text::Token;
use crate::memory::{Fact, Topic};

/// Which results an order brings: the verb it was typed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Want {
    /// `/exam`: the examiner's findings and vital signs.
    Exam,
    /// `/test`: laboratory results, studies and imaging.
    Test,
    /// `/order`: either.
    #[serde(rename = "order")]
    Any,
}

impl Want {
    /// The verb typed (`exam`, `examine`, `test`, `order`), if it is one.
    pub fn from_verb(verb: &str) -> Option<Want> {
        match verb.to_lowercase().as_str() {
            "exam" | "examine" => Some(Want::Exam),
            "test" => Some(Want::Test),
            "order" => Some(Want::Any),
            _ => None,
        }
    }

    /// The verb as typed: `exam`, `test` or `order`.
    pub fn verb(self) -> &'static str {
        match self {
            Want::Exam => "exam",
            Want::Test => "test",
            Want::Any => "order",
        }
    }
}

/// What an order found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// Fact ids of the results, in the record's order.
    pub results: Vec<String>,
    /// Examinations or tests recognised that this record has no result for,
    /// in the words typed.
    pub unavailable: Vec<String>,
    /// Words that name no examination or test.
    pub unknown: Vec<String>,
}

/// Whether a fact is a result only the examiner holds: an examination
/// finding, a vital sign, a lab, a study or an image.
pub fn is_result(f: &Fact) -> bool {
    is_exam(f) || is_test(f)
}

fn is_exam(f: &Fact) -> bool {
    matches!(f.key.topic, Topic::Vital | Topic::Finding)
}

fn is_test(f: &Fact) -> bool {
    matches!(f.key.topic, Topic::Lab | Topic::Study | Topic::Imaging)
}

fn wanted(want: Want, f: &Fact) -> bool {
    match want {
        Want::Exam => is_exam(f),
        Want::Test => is_test(f),
        Want::Any => is_result(f),
    }
}

/// The examinations and tests a result is of: a lab, study or image by the
/// concepts its name links to, an examination finding by the examinations
/// its subject names ("knee inspection and palpation": the knee), else by
/// the `finds` of the examinations that look at its system.
pub fn direct_concepts(f: &Fact, lx: &Lexicon) -> Vec<Id> {
    let mut direct: Vec<Id> = Vec::new();
    let read = || lx.read(&f.key.subject);
    if is_test(f) {
        if let Some(i) = lx.item_of(&f.key) {
            direct.extend(lx.items[i].concepts.iter().copied());
        }
        // An image's modality ("CT with contrast"), or an examination done
        // as a study ("fundoscopy"), when the whole name links to no test.
        if direct.is_empty() {
            let read = read();
            direct.extend(senses(&read, lx, ConceptKind::Test));
            if direct.is_empty() {
                direct.extend(senses(&read, lx, ConceptKind::Exam));
            }
        }
    } else if is_exam(f) {
        direct.extend(senses(&read(), lx, ConceptKind::Exam));
        if direct.is_empty() {
            let subject = words(&f.key.subject);
            for &c in lx.layer.of_kind(ConceptKind::Exam) {
                let finds = &lx.layer.get(c).finds;
                if finds.iter().any(|w| contains_words(&subject, &words(w))) {
                    direct.push(c);
                }
            }
        }
    }
    direct.dedup();
    direct
}

/// Everything a result falls under: its concepts and all above them.
pub fn concepts_of(f: &Fact, lx: &Lexicon) -> Vec<Id> {
    with_lineage(&direct_concepts(f, lx), lx)
}

/// Concepts and everything above them.
fn with_lineage(direct: &[Id], lx: &Lexicon) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::new();
    for &c in direct {
        for &up in lx.layer.lineage(c) {
            if !out.contains(&up) {
                out.push(up);
            }
        }
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `words` holds `part` as consecutive words.
fn contains_words(words: &[String], part: &[String]) -> bool {
    !part.is_empty() && words.windows(part.len()).any(|w| w == part)
}

/// The concepts of `ids` of one kind.
fn of_kind(ids: &[Id], lx: &Lexicon, kind: ConceptKind) -> Vec<Id> {
    ids.iter()
        .copied()
        .filter(|&c| lx.layer.get(c).kind == kind)
        .collect()
}

/// The concepts of one kind a text's mentions name.
fn senses(read: &Read, lx: &Lexicon, kind: ConceptKind) -> Vec<Id> {
    read.mentions
        .iter()
        .flat_map(|m| of_kind(&m.senses, lx, kind))
        .collect()
}

/// Reads an order (`"FBC, CRP and LFTs"`, `"abdo"`, `"CT head"`, `"all"`)
/// against the record's examiner facts.
pub fn order(request: &str, want: Want, lx: &Lexicon, facts: &[Fact]) -> Found {
    let mut found = Found::default();
    // The verb decides what "all" brings and which sense an ambiguous word
    // has ("abdomen": the examination under /exam); a named test or
    // examination is found whichever verb ordered it ("/exam IOP").
    let held: Vec<&Fact> = facts.iter().filter(|f| is_result(f)).collect();
    let direct: Vec<Vec<Id>> = held.iter().map(|f| direct_concepts(f, lx)).collect();
    let concepts: Vec<Vec<Id>> = direct.iter().map(|d| with_lineage(d, lx)).collect();
    let read = read_order(request, lx);
    let add = |found: &mut Found, id: &str| {
        if !found.results.iter().any(|r| r == id) {
            found.results.push(id.to_string());
        }
    };
    let mut used = vec![false; read.tokens.len()];
    for part in parts(&read.tokens) {
        let text = |r: std::ops::Range<usize>| {
            super::text::slice(request, &read.tokens, r)
                .trim()
                .to_string()
        };
        // "all", "everything": every result of the kind asked.
        if part.clone().any(|k| {
            matches!(
                read.tokens[k].norm.as_str(),
                "all" | "everything" | "full" | "complete"
            )
        }) && !read.mentions.iter().any(|m| part.contains(&m.range.start))
        {
            for f in held.iter().filter(|f| wanted(want, f)) {
                add(&mut found, &f.id);
            }
            part.clone().for_each(|k| used[k] = true);
            continue;
        }
        let mentions: Vec<_> = read
            .mentions
            .iter()
            .filter(|m| part.contains(&m.range.start))
            .collect();
        // The sites a scan is asked of ("CT head"), when a test is named with them.
        let names_test = mentions
            .iter()
            .any(|m| !of_kind(&m.senses, lx, ConceptKind::Test).is_empty());
        let mut sites: Vec<Id> = Vec::new();
        let mut asked: Vec<(Vec<Vec<Id>>, std::ops::Range<usize>)> = Vec::new();
        for m in &mentions {
            let of = |kind: ConceptKind| of_kind(&m.senses, lx, kind);
            let (exam, test, site) = (
                of(ConceptKind::Exam),
                of(ConceptKind::Test),
                of(ConceptKind::Site),
            );
            // With a test named, a body part qualifies it ("CT abdo pelvis").
            if names_test && test.is_empty() {
                sites.extend(site.iter().chain(&exam));
                m.range.clone().for_each(|k| used[k] = true);
                continue;
            }
            let both: Vec<Id> = exam.iter().chain(&test).copied().collect();
            // The verb's sense first; the other when that finds nothing
            // ("/exam fundoscopy" in a record that holds it as a study).
            let first = match want {
                Want::Exam if !exam.is_empty() => exam,
                Want::Test if !test.is_empty() => test,
                _ => both.clone(),
            };
            if !both.is_empty() {
                m.range.clone().for_each(|k| used[k] = true);
                asked.push((vec![first, both], m.range.clone()));
            }
        }
        let alone = asked.len() == 1;
        for (senses_in_turn, range) in asked {
            let at_site = |f: &Fact| {
                sites.is_empty()
                    || f.key.topic != Topic::Imaging
                    || lx.read(&f.key.subject).mentions.iter().any(|m| {
                        m.senses.iter().any(|&s| {
                            sites
                                .iter()
                                .any(|&w| lx.layer.is_under(s, w) || lx.layer.is_under(w, s))
                        })
                    })
            };
            let ids = senses_in_turn
                .iter()
                .find(|ids| concepts.iter().any(|of| ids.iter().any(|c| of.contains(c))))
                .cloned()
                .unwrap_or_default();
            let mut hits: Vec<&Fact> = held
                .iter()
                .zip(&concepts)
                .filter(|(f, of)| ids.iter().any(|c| of.contains(c)) && at_site(f))
                .map(|(f, _)| *f)
                .collect();
            // An examination narrower than any finding ("reflexes" where the
            // record has the neurological examination): the nearest finding
            // above it. (A CT head is no CT of the abdomen: tests stay exact.)
            if hits.is_empty() {
                let all: Vec<Id> = senses_in_turn.last().cloned().unwrap_or_default();
                let distance = |d: &[Id]| {
                    all.iter()
                        .filter_map(|&r| {
                            let line = lx.layer.lineage(r);
                            d.iter()
                                .filter_map(|c| line.iter().position(|x| x == c))
                                .min()
                        })
                        .min()
                };
                let nearest = held
                    .iter()
                    .zip(&direct)
                    .filter(|(f, _)| is_exam(f))
                    .filter_map(|(_, d)| distance(d))
                    .filter(|&n| n > 0)
                    .min();
                if let Some(n) = nearest {
                    hits = held
                        .iter()
                        .zip(&direct)
                        .filter(|(f, d)| is_exam(f) && distance(d) == Some(n) && at_site(f))
                        .map(|(f, _)| *f)
                        .collect();
                }
            }
            // In the words typed: the whole part when it named one thing ("CT head").
            if hits.is_empty() {
                found
                    .unavailable
                    .push(text(if alone { part.clone() } else { range }));
            }
            for f in hits {
                add(&mut found, &f.id);
            }
        }
        // Words no concept took: the name of a result as the record has it
        // ("oswestry disability index"), else not understood.
        let rest: Vec<usize> = part
            .clone()
            .filter(|&k| {
                let t = &read.tokens[k];
                !used[k] && !lx.cues.is_function(t) && !lx.cues.is_order_word(t)
            })
            .collect();
        if rest.is_empty() {
            continue;
        }
        let typed = words(&text(rest[0]..rest[rest.len() - 1] + 1));
        let named: Vec<&Fact> = held
            .iter()
            .filter(|f| contains_words(&words(&f.key.subject), &typed))
            .copied()
            .collect();
        if named.is_empty() {
            // The whole part when nothing in it was known ("nothing-like-this").
            let nothing_known = !part.clone().any(|k| used[k]);
            let range = if nothing_known {
                part.clone()
            } else {
                rest[0]..rest[rest.len() - 1] + 1
            };
            found.unknown.push(text(range));
        }
        for f in named {
            add(&mut found, &f.id);
        }
    }
    // In the record's order, as the examination panel lists them.
    found
        .results
        .sort_by_key(|id| facts.iter().position(|f| f.id == *id));
    found
}

/// An order's words and the examinations, tests and body parts they name,
/// longest first among those alone ("diabetic foot exam" is the foot
/// examination, not a foot ulcer).
fn read_order(request: &str, lx: &Lexicon) -> Read {
    use super::mention;
    const KINDS: [ConceptKind; 3] = [ConceptKind::Exam, ConceptKind::Test, ConceptKind::Site];
    let tokens = super::text::tokenize(request);
    let reads = mention::readings(&tokens, lx.layer, lx.cues);
    let all: Vec<mention::Mention> =
        mention::concepts_in(&tokens, &reads, lx.layer, lx.cues, false)
            .into_iter()
            .filter_map(|mut m| {
                m.senses.retain(|&c| KINDS.contains(&lx.layer.get(c).kind));
                (!m.senses.is_empty()).then_some(m)
            })
            .collect();
    let mut mentions = mention::longest_first(all);
    // Of two things named in one breath, the narrower is what is asked
    // ("GAD-7 questionnaire", "knee range of movement").
    let broader = |a: &mention::Mention, b: &mention::Mention| {
        a.senses
            .iter()
            .all(|&x| b.senses.iter().any(|&y| x != y && lx.layer.is_under(y, x)))
    };
    let snapshot = mentions.clone();
    let apart = |a: &mention::Mention, b: &mention::Mention| {
        let (from, to) = (
            a.range.end.min(b.range.end),
            a.range.start.max(b.range.start),
        );
        (from..to).any(|k| separates(&tokens, k))
    };
    mentions.retain(|a| {
        !snapshot.iter().any(|b| {
            b.range != a.range
                && broader(a, b)
                && !apart(a, b)
                && a.range.start.abs_diff(b.range.start) <= 3
        })
    });
    Read {
        tokens,
        reads,
        mentions,
    }
}

/// The parts of an order: split at commas, semicolons, slashes and "and".
fn parts(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for k in 0..tokens.len() {
        if separates(tokens, k) {
            if start < k {
                out.push(start..k);
            }
            start = k + 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// Whether token `k` separates two things ordered: a comma, "and", a slash,
/// or a "+" or "&" with a space before it ("bp + pulse", not "U+E").
fn separates(tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    let spaced = k > 0 && tokens[k - 1].span.end < t.span.start;
    match t.norm.as_str() {
        "," | ";" | "and" | "/" | "plus" => true,
        "&" | "+" => spaced,
        _ => false,
    }
}
