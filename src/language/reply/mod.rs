//! Reading a reply into claims, sentence by sentence. Every sentence ends
//! with claims, or as `unread`: a sentence is read only when every word of
//! it is accounted for (a thing it names, a value, a cue, or a word that
//! carries nothing), so an `entail` never rests on half a clause.

mod history;
mod social;
mod symptom;

use super::claim::{Claim, Polarity};
use super::concepts::{ConceptKind, Id};
use super::cues::Cues;
use super::lexicon::{Lexicon, Read};
use super::mention::Mention;
use super::question::Asked;
use super::text::{self, Kind, Token};
use crate::memory::{Key, Value};
use std::ops::Range;

/// What a reply is read against.
pub struct Context<'a> {
    pub lexicon: &'a Lexicon,
    /// The question it answers, read.
    pub question: Option<&'a Asked>,
    /// The record item "it" means before the reply names one.
    pub focus: Option<usize>,
    /// The consultation's date, for "since Christmas".
    pub date: Option<time::Date>,
}

/// One sentence of a reply, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub span: Range<usize>,
    pub text: String,
    /// Indices into the reading's claims.
    pub claims: Vec<usize>,
    /// Every word was accounted for.
    pub read: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub claims: Vec<Claim>,
    pub sentences: Vec<Sentence>,
    /// The record item the reply ended on ("it" in the next turn).
    pub subject: Option<usize>,
}

impl Reading {
    /// The sentences no rule could vouch for.
    pub fn unread(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences.iter().filter(|s| !s.read)
    }
}

/// Things named, as their concept ids and the words that named them.
pub(super) type Named = (Vec<String>, String);

/// A clause: a stretch of a sentence between commas, semicolons and words
/// like "but", with what it names.
pub(super) struct Clause<'r> {
    pub read: &'r Read,
    pub range: Range<usize>,
    /// Indices of the mentions that start in it.
    pub mentions: Vec<usize>,
    /// It follows an exception ("apart from the amlodipine").
    pub exception: bool,
    /// The sentence's text and byte span, for the claims made in it.
    pub sentence: Range<usize>,
    /// A denial reaches it from outside: "Double vision, no." or the rest
    /// of a list after "never had tetanus, MMR or HPV".
    pub denied: bool,
}

impl Clause<'_> {
    pub fn tokens(&self) -> &[Token] {
        &self.read.tokens[self.range.clone()]
    }

    pub fn mention(&self, i: usize) -> &Mention {
        &self.read.mentions[i]
    }

    pub fn mentions(&self) -> impl Iterator<Item = (usize, &Mention)> {
        self.mentions.iter().map(|&i| (i, &self.read.mentions[i]))
    }

    /// Whether token `k` is inside a mention (one named by a term or by the
    /// record's own words, whose "no" is part of the name: "no appetite").
    pub fn in_mention(&self, k: usize) -> bool {
        self.read
            .mentions
            .iter()
            .any(|m| m.range.contains(&k) && !m.composed)
    }

    /// Whether a negation stands before token `at` in this clause (not
    /// inside a name, which may carry its own "no": "no appetite"), or inside
    /// the words joined into the mention starting there ("ankles don't swell").
    pub fn negated_before(&self, at: usize, lx: &Lexicon) -> bool {
        let end = self
            .read
            .mentions
            .iter()
            .find(|m| m.range.start == at && m.composed)
            .map_or(at, |m| m.range.end);
        self.denied
            || (self.range.start..end.min(self.range.end)).any(|k| {
                let t = &self.read.tokens[k];
                lx.cues.is_negator(t)
                    && !self.in_mention(k)
                    && !idiom_after(&self.read.tokens, k, lx.cues)
            })
    }

    /// Whether tokens `r` are inside the record's own wording of an item,
    /// whose words say what the record says.
    pub fn quoted(&self, r: &Range<usize>) -> bool {
        self.read
            .mentions
            .iter()
            .any(|m| m.wording && m.range.start < r.end && r.start < m.range.end)
    }

    /// A byte range of the clause's text (as `text` gives it) as the range
    /// of the tokens it covers.
    pub fn tokens_of(&self, bytes: Range<usize>) -> Range<usize> {
        let start = self.read.tokens[self.range.start].span.start;
        let (a, b) = (bytes.start + start, bytes.end + start);
        let first = self
            .range
            .clone()
            .find(|&k| self.read.tokens[k].span.end > a)
            .unwrap_or(self.range.start);
        let last = self
            .range
            .clone()
            .rev()
            .find(|&k| self.read.tokens[k].span.start < b)
            .map_or(first + 1, |k| k + 1);
        first..last.max(first + 1)
    }

    /// The tokens of the clause's sentence.
    pub fn sentence_tokens(&self) -> &[Token] {
        let start = self.sentence_start_token();
        let end = self.read.tokens[start..]
            .iter()
            .position(|t| t.span.start >= self.sentence.end)
            .map_or(self.read.tokens.len(), |n| start + n);
        &self.read.tokens[start..end]
    }

    /// Whether the clause's sentence has one of `words`.
    pub fn sentence_has(&self, words: &[&str]) -> bool {
        self.sentence_tokens()
            .iter()
            .any(|t| words.contains(&t.norm.as_str()))
    }

    /// The mentions of the clause's sentence.
    pub fn sentence_mentions(&self) -> impl Iterator<Item = &Mention> {
        let start = self.sentence_start_token();
        let end = start + self.sentence_tokens().len();
        self.read
            .mentions
            .iter()
            .filter(move |m| m.range.start >= start && m.range.end <= end)
    }

    /// A time said as so long ago ("about ten years back") or by the
    /// patient's age ("in my thirties"), as days before now and its bytes in `text`.
    pub fn time_ago(&self, lx: &Lexicon, text: &str) -> Option<(f64, Range<usize>)> {
        super::quantity::find_durations(text)
            .into_iter()
            .next()
            .filter(|_| self.has(&["ago", "back"]))
            .or_else(|| {
                lx.age
                    .and_then(|age| crate::language::when::find_by_age(text, age))
            })
    }

    /// The first token of the clause's sentence.
    pub fn sentence_start_token(&self) -> usize {
        self.read
            .tokens
            .iter()
            .position(|t| t.span.start >= self.sentence.start)
            .unwrap_or(0)
    }

    /// Whether the clause denies anything at all.
    pub fn negated(&self, lx: &Lexicon) -> bool {
        self.negated_before(self.range.end, lx)
    }

    /// The first token index of a word in `words` in this clause.
    pub fn find(&self, words: &[&str]) -> Option<usize> {
        self.range
            .clone()
            .find(|&k| words.contains(&self.read.tokens[k].norm.as_str()))
    }

    pub fn has(&self, words: &[&str]) -> bool {
        self.find(words).is_some()
    }

    /// The clause's text, as written.
    pub fn text<'t>(&self, reply: &'t str) -> &'t str {
        text::slice(reply, &self.read.tokens, self.range.clone())
    }

    pub fn kinds(&self, kind: ConceptKind, lx: &Lexicon) -> Vec<(usize, Id)> {
        self.mentions()
            .filter_map(|(i, m)| m.sense(kind, lx.layer).map(|c| (i, c)))
            .collect()
    }
}

/// A negator that denies nothing named: "not sure", "no worse" (cues.yaml
/// `empty_negations`); nor does "told me not to" (a verb denied) or "there's
/// no one to help when I'm this tired" (a person), unless of the family ("no
/// one in my family").
fn idiom_after(tokens: &[Token], k: usize, cues: &Cues) -> bool {
    let word = |j: usize| tokens.get(j).map_or("", |t| t.norm.as_str());
    let person = |w: &str| {
        matches!(
            w,
            "to" | "else" | "around" | "here" | "at" | "who" | "there"
        )
    };
    let nobody = match (word(k), word(k + 1)) {
        ("nobody" | "noone" | "no-one", n) => person(n),
        ("no", "one") => person(word(k + 2)),
        // "told me not to", not "not to any medicines".
        ("not", "to") => !matches!(
            word(k + 2),
            "any" | "a" | "an" | "the" | "my" | "anything" | "that" | "this" | "it" | "them"
        ),
        _ => false,
    };
    nobody || cues.empty_negation_at(tokens, k)
}

/// What the readers found: claims and the tokens they used.
pub(super) struct Out {
    pub claims: Vec<Claim>,
    pub used: Vec<bool>,
    pub reply: String,
    /// The question asked who the patient lives with.
    pub asked_living: bool,
    /// The medicine the reply is on (the last one named, or the question's),
    /// for "twice a day" said after it.
    pub medicine: Option<usize>,
    /// The reply is talking about a symptom, so a time or a number said
    /// without naming anything is the symptom's; after a sentence about a
    /// condition or an operation, it is not.
    pub on_symptom: bool,
    /// The question asked about allergies: medicines and foods named are allergens.
    pub asked_allergies: bool,
    /// The allergy last said to be the patient's, and the sentence it was
    /// said in: what follows may say what it did.
    pub allergy: Option<(Key, usize)>,
    /// The question asked about vaccinations: diseases named are their vaccines.
    pub asked_vaccines: bool,
    /// A relative named earlier in the sentence, for "she", "he", "they".
    pub relative: Option<usize>,
    /// The condition the reply is on (the question's, or the last one named),
    /// for "about five years back".
    pub condition: Option<usize>,
    /// The question asked when a condition was found ("when were you
    /// diagnosed with it?").
    pub asked_diagnosed: bool,
    /// The operation the question asked the time of ("when was your hysterectomy?").
    pub asked_surgery: Option<usize>,
    /// An operation the sentence named without a time, by (sentence, item):
    /// "my knee scoped, oh, must be five years ago now" times it.
    pub surgery_said: Option<(usize, usize)>,
    /// The habit the sentence is on ("smoking", "alcohol"), for "so about twenty years ago".
    pub habit: Option<&'static str>,
    /// The question's first intent, and the things it named that are not
    /// symptoms (a factor, a medicine, a test), by mention.
    pub asked: Option<super::question::Intent>,
    /// Every intent of the question ("how much alcohol?" is about alcohol as
    /// well as an amount).
    pub intents: Vec<super::question::Intent>,
    pub asked_things: Vec<Named>,
    pub asked_tests: Vec<usize>,
    /// Conditions the question named, for "my mum had it".
    pub asked_conditions: Vec<Mention>,
    /// The question asked about children (births), not pregnancies.
    pub asked_children: bool,
    /// The record's symptoms (and recorded negatives) the question named.
    pub asked_symptoms: Vec<usize>,
    /// The question asked when the patient stopped smoking.
    pub asked_quit: bool,
    /// A bare yes or no is being read (its claims are the question's).
    pub answering: bool,
    /// Keys the reply made claims under by what it said itself.
    pub said_keys: Vec<Key>,
    /// Claims said in words after the yes or no claimed them already.
    pub said_again: Vec<Claim>,
    /// The consultation's date (today when none was given).
    pub date: time::Date,
    /// The sentence speaks of now ("right now", "at the moment").
    pub sentence_now: bool,
    /// Factors said in an "if" or "when" clause, for the clause after that says what they do.
    pub pending_factors: Vec<Named>,
    /// Remedies a sentence said were tried, by sentence, for "it didn't
    /// make any difference" in the next one.
    pub tried: Option<(usize, Vec<Named>)>,
    /// The sentence being read, by index, and where the subject was last named.
    pub sentence: usize,
    pub subject_named_in: Option<usize>,
    /// The symptom the question named, which "it" keeps meaning after the
    /// reply names it again.
    pub asked_focus: Option<usize>,
}

impl Out {
    #[track_caller]
    pub fn claim(
        &mut self,
        c: &Clause<'_>,
        key: Key,
        value: Value,
        polarity: Polarity,
        concepts: Vec<String>,
        tokens: Range<usize>,
    ) {
        self.use_tokens(tokens);
        let text = self
            .reply
            .get(c.sentence.clone())
            .unwrap_or("")
            .trim()
            .to_string();
        let claim = Claim {
            key,
            value,
            polarity,
            text,
            span: c.sentence.clone(),
            concepts,
            implicit: false,
        };
        if trace() {
            eprintln!(
                "claim {} from {}",
                claim.describe(),
                std::panic::Location::caller()
            );
        }
        if !self.answering {
            if !self.said_keys.contains(&claim.key) {
                self.said_keys.push(claim.key.clone());
            }
            if self.claims.contains(&claim) {
                // The yes or no's own claim, said again in words, stays.
                self.said_again.push(claim.clone());
            }
        }
        if !self.claims.contains(&claim) {
            self.claims.push(claim);
        }
    }

    pub fn use_tokens(&mut self, tokens: Range<usize>) {
        for k in tokens {
            if let Some(u) = self.used.get_mut(k) {
                *u = true;
            }
        }
    }
}

/// Splits a sentence's tokens into clauses: at punctuation inside it, and
/// before "but", "although" and the like, and before "and" that starts a
/// new statement ("and I", "and it").
fn clauses(
    tokens: &[Token],
    sentence: Range<usize>,
    mentions: &[Mention],
    lx: &Lexicon,
) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    let mut exception = false;
    let exceptions = lx.cues.exceptions.find(&tokens[sentence.clone()]);
    let mut k = sentence.start;
    while k < sentence.end {
        let t = &tokens[k];
        let punct = t.kind == Kind::Punct
            && matches!(
                t.norm.as_str(),
                "," | ";" | ":" | "(" | ")" | "—" | "–" | "-" | "\""
            );
        let breaker = lx.cues.is_breaker(t) && k > start;
        let new_statement = t.norm == "and"
            && tokens.get(k + 1).is_some_and(|n| {
                matches!(n.norm.as_str(), "i" | "it" | "he" | "she" | "they" | "we")
            });
        let except_at = exceptions
            .iter()
            .find(|(_, r)| r.start + sentence.start == k)
            .map(|(_, r)| r.len());
        if punct || breaker || new_statement || except_at.is_some() {
            if k > start {
                out.push((start..k, exception));
            }
            exception = except_at.is_some();
            start = if punct { k + 1 } else { k };
        }
        k += 1;
    }
    if start < sentence.end {
        out.push((start..sentence.end, exception));
    }
    join_asides(tokens, out, mentions, lx)
}

/// "The hot water bottle, though, makes it worse": an aside between commas
/// leaves one clause, when what follows it goes on the same statement
/// rather than starting its own ("..., honestly, I don't smoke").
fn join_asides(
    tokens: &[Token],
    parts: Vec<(Range<usize>, bool)>,
    mentions: &[Mention],
    lx: &Lexicon,
) -> Vec<(Range<usize>, bool)> {
    let names = |r: &Range<usize>| mentions.iter().any(|m| r.contains(&m.range.start));
    let aside = |r: &Range<usize>| {
        !names(r)
            && lx
                .cues
                .asides
                .first(&tokens[r.clone()])
                .is_some_and(|(_, a)| a.start == 0 && a.end == r.len())
    };
    let starts_statement = |r: &Range<usize>| {
        tokens.get(r.start).is_none_or(|t| {
            matches!(
                t.norm.as_str(),
                "i" | "it"
                    | "he"
                    | "she"
                    | "they"
                    | "we"
                    | "you"
                    | "there"
                    | "that"
                    | "this"
                    | "i'm"
                    | "it's"
                    | "i've"
                    | "i'd"
                    | "that's"
                    | "there's"
                    | "but"
                    | "and"
                    | "so"
                    | "no"
                    | "yes"
            )
        })
    };
    // Set off by commas on both sides.
    let between_commas = |r: &Range<usize>| {
        r.start > 0
            && tokens[r.start - 1].norm == ","
            && tokens.get(r.end).is_some_and(|t| t.norm == ",")
    };
    // What is said of a thing named before the aside ("the hot water bottle,
    // though, makes it worse"), or a denial whose object follows it ("I
    // don't get, like, attacks").
    let one_statement = |before: &Range<usize>, after: &Range<usize>| {
        let denial = tokens[before.clone()].iter().any(|t| lx.cues.is_negator(t));
        (names(before) && !names(after)) || (!names(before) && denial && names(after))
    };
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let joins = i > 0
            && i + 1 < parts.len()
            && !out.is_empty()
            && aside(&parts[i].0)
            && between_commas(&parts[i].0)
            && !starts_statement(&parts[i + 1].0)
            && !tokens
                .get(parts[i + 1].0.start)
                .is_some_and(|t| lx.cues.is_breaker(t))
            && one_statement(&parts[i - 1].0, &parts[i + 1].0)
            && !parts[i + 1].1;
        if joins {
            let last = out.last_mut().expect("checked above");
            last.0 = last.0.start..parts[i + 1].0.end;
            i += 2;
        } else {
            out.push(parts[i].clone());
            i += 1;
        }
    }
    out
}

/// Whether a sentence speaks of now.
fn built_now(read: &Read, sentence: Range<usize>) -> bool {
    read.tokens[sentence].iter().any(|t| {
        matches!(
            t.norm.as_str(),
            "now" | "currently" | "moment" | "today" | "present" | "nowadays"
        )
    })
}

/// Which clauses a denial reaches from outside: a fragment followed by a
/// bare "no" ("Double vision, no."), and the rest of a list a denial began
/// ("I've never had tetanus, MMR or HPV").
fn reaching_denials(clauses: &[Clause<'_>], lx: &Lexicon) -> Vec<bool> {
    let mut out = vec![false; clauses.len()];
    let only_names = |c: &Clause<'_>| {
        (c.range.start..c.range.end).all(|k| {
            let t = &c.read.tokens[k];
            c.in_mention(k)
                || t.kind == Kind::Punct
                || matches!(
                    t.norm.as_str(),
                    "or" | "nor"
                        | "and"
                        | "a"
                        | "an"
                        | "the"
                        | "any"
                        | "my"
                        | "either"
                        | "even"
                        | "ones"
                        | "one"
                        | "jabs"
                        | "shots"
                        | "vaccines"
                        | "too"
                        | "though"
                        | "of"
                        | "those"
                )
        }) && !c.mentions.is_empty()
    };
    for i in 0..clauses.len() {
        let next_is_no = clauses.get(i + 1).is_some_and(|n| {
            let t = n.tokens();
            lx.cues
                .no
                .first(t)
                .is_some_and(|(_, r)| r.start == 0 && r.end == t.len())
        });
        if next_is_no && only_names(&clauses[i]) {
            out[i] = true;
        }
        if i > 0
            && (out[i - 1] || clauses[i - 1].negated(lx))
            && only_names(&clauses[i])
            && !clauses[i].exception
        {
            out[i] = true;
        }
    }
    out
}

/// Whether to print where each claim was made (`PZ_TRACE_CLAIMS=1`, for
/// finding the rule behind a reading).
fn trace() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("PZ_TRACE_CLAIMS").is_some())
}

/// Reads a reply into claims, sentence by sentence.
pub fn read(reply: &str, cx: &Context<'_>) -> Reading {
    let read = cx.lexicon.read(reply);
    // "What dose of amlodipine?" names one medicine; "what medicines are
    // you on?" names them all, and a bare "Two" is no dose of the first.
    let asked_medicine = cx.question.and_then(|q| {
        let items = q.items(crate::memory::Topic::Medication, cx.lexicon);
        (items.len() == 1).then(|| items[0])
    });
    let mut out = Out {
        claims: Vec::new(),
        used: vec![false; read.tokens.len()],
        reply: reply.to_string(),
        asked_living: cx
            .question
            .is_some_and(|q| q.intents.first() == Some(&super::question::Intent::Living)),
        medicine: asked_medicine,
        on_symptom: cx.question.is_none_or(symptom_question),
        // "What medications do you take, and any allergies?" names medicines taken too.
        // "Have you ever reacted badly to a medicine?" asks about allergies too.
        asked_allergies: cx.question.is_some_and(|q| {
            q.intents.first() == Some(&super::question::Intent::Allergies)
                && !(q.has(super::question::Intent::Medications)
                    && q.has_word(&["take", "taking", "on", "use", "using"]))
                || q.has_word(&["reacted", "reaction", "reactions", "react", "allergic"])
        }),
        allergy: None,
        asked_vaccines: cx
            .question
            .is_some_and(|q| q.intents.first() == Some(&super::question::Intent::Vaccinations)),
        relative: None,
        condition: cx.question.and_then(|q| {
            q.items(crate::memory::Topic::Condition, cx.lexicon)
                .into_iter()
                .next()
        }),
        habit: None,
        asked_surgery: cx
            .question
            .filter(|q| q.has_word(&["when", "long", "old", "year"]))
            .and_then(|q| {
                q.items(crate::memory::Topic::Surgery, cx.lexicon)
                    .into_iter()
                    .next()
            }),
        surgery_said: None,
        asked_diagnosed: cx.question.is_some_and(|q| {
            q.has_word(&["diagnosed", "diagnosis", "found", "told"])
                && q.has_word(&["when", "long"])
        }),
        // The attribute asked decides what a bare time or number is of.
        intents: cx.question.map(|q| q.intents.clone()).unwrap_or_default(),
        asked: cx.question.and_then(|q| {
            q.attribute
                .map(|a| a.intent())
                .or(q.intents.first().copied())
        }),
        asked_things: cx
            .question
            .map(|q| {
                q.read
                    .mentions
                    .iter()
                    .filter(|m| {
                        matches!(
                            m.kind,
                            Some(
                                ConceptKind::Factor
                                    | ConceptKind::Medicine
                                    | ConceptKind::DrugClass
                                    | ConceptKind::Activity
                                    | ConceptKind::Diet
                                    | ConceptKind::Habit
                            )
                        )
                    })
                    .map(|m| {
                        (
                            concept_ids(cx.lexicon, &[m]),
                            text::slice(&q.text, &q.read.tokens, m.range.clone()).to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        asked_tests: cx
            .question
            .map(|q| {
                q.read
                    .mentions
                    .iter()
                    .flat_map(|m| m.items.iter().copied())
                    .filter(|&i| {
                        matches!(
                            cx.lexicon.items[i].key.topic,
                            crate::memory::Topic::Lab
                                | crate::memory::Topic::Study
                                | crate::memory::Topic::Imaging
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        asked_conditions: cx
            .question
            .map(|q| {
                q.read
                    .mentions
                    .iter()
                    .filter(|m| m.kind == Some(ConceptKind::Condition))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default(),
        asked_symptoms: cx
            .question
            .map(|q| {
                // Named as such: "any discharge from the penis?" names the
                // urethral discharge; "the pain" does not name severe eye pain.
                let lx = cx.lexicon;
                q.read
                    .mentions
                    .iter()
                    .flat_map(|m| {
                        m.items
                            .iter()
                            .copied()
                            .filter(move |&i| lx.names_item(m, i))
                    })
                    .filter(|&i| lx.items[i].key.topic == crate::memory::Topic::Symptom)
                    .collect()
            })
            .unwrap_or_default(),
        asked_children: cx.question.is_some_and(|q| {
            q.has_word(&["children", "kids", "child", "babies", "baby", "births"])
        }),
        answering: false,
        said_keys: Vec::new(),
        said_again: Vec::new(),
        asked_quit: cx.question.is_some_and(|q| {
            q.attribute == Some(super::question::Attribute::Quit)
                && q.intents.contains(&super::question::Intent::Smoking)
        }),
        date: cx
            .date
            .unwrap_or_else(|| time::OffsetDateTime::now_utc().date()),
        sentence_now: false,
        pending_factors: Vec::new(),
        tried: None,
        sentence: 0,
        subject_named_in: None,
        asked_focus: None,
    };
    // The symptom the question named ("how long have you had the
    // temperature?") is what "it" means; only a subject taken from the
    // conversation may be another of the patient's symptoms.
    let named_by_question = cx.focus.is_some_and(|f| {
        cx.question.is_some_and(|q| {
            q.read
                .mentions
                .iter()
                .any(|m| m.kind == Some(ConceptKind::Symptom) && m.items.first() == Some(&f))
        })
    });
    // Only a question that names one symptom ("your heart racing"), not
    // "the pain" of a patient with several.
    let names_one = cx.question.is_some_and(|q| {
        q.read
            .mentions
            .iter()
            .filter(|m| m.kind == Some(ConceptKind::Symptom))
            .all(|m| m.items.len() == 1)
    });
    out.asked_focus = cx.focus.filter(|_| named_by_question && names_one);
    let mut subject = symptom::Subject {
        item: cx.focus.or(cx.lexicon.main),
        implicit: !named_by_question,
    };
    let asked_condition = out.condition;
    let mut answered = false;
    let mut from_answer = 0..0;
    let mut names_nothing_before = false;
    let mut sentences = Vec::new();
    let sentence_ranges = text::sentences(reply, &read.tokens);
    for (n, s) in sentence_ranges.iter().enumerate() {
        let before = out.claims.len();
        let span = text::span_of(&read.tokens, s.clone());
        // The answer's yes or no, in its first sentence (or the second,
        // after a courtesy: "Certainly, let me tell you. No, ...").
        let names_nothing = || !read.mentions.iter().any(|m| s.contains(&m.range.start));
        if (n == 0 || n == 1 && !answered && names_nothing_before) && !answered {
            if let Some(q) = cx.question {
                let before = out.claims.len();
                out.answering = true;
                answered = social::answer(&read, s.clone(), span.clone(), q, cx, &mut out);
                out.answering = false;
                from_answer = before..out.claims.len();
            }
        }
        names_nothing_before = n == 0 && names_nothing();
        let parts = clauses(&read.tokens, s.clone(), &read.mentions, cx.lexicon);
        let built: Vec<Clause> = parts
            .iter()
            .map(|(range, exception)| Clause {
                read: &read,
                range: range.clone(),
                mentions: read
                    .mentions
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| range.contains(&m.range.start))
                    .map(|(i, _)| i)
                    .collect(),
                exception: *exception,
                sentence: span.clone(),
                denied: false,
            })
            .collect();
        let denied = reaching_denials(&built, cx.lexicon);
        // A sentence about something other than a symptom ends symptom talk.
        let names = |kinds: &[ConceptKind]| {
            built.iter().any(|c| {
                c.mentions()
                    .any(|(_, m)| m.kind.is_some_and(|k| kinds.contains(&k)))
            })
        };
        if names(&[ConceptKind::Symptom]) {
            out.on_symptom = true;
        } else if names(&[
            ConceptKind::Condition,
            ConceptKind::Procedure,
            ConceptKind::Vaccine,
            ConceptKind::Habit,
            ConceptKind::Occupation,
            ConceptKind::Living,
            ConceptKind::Reproductive,
            ConceptKind::Relative,
            ConceptKind::Test,
            ConceptKind::Substance,
        ]) {
            out.on_symptom = false;
        }
        // "My dad had high blood pressure. He had diabetes too.": the
        // relative goes on into a sentence that opens on "he" or "she".
        let goes_on = read.tokens[s.clone()]
            .iter()
            .find(|t| t.is_word())
            .is_some_and(|t| matches!(t.norm.as_str(), "he" | "she" | "they" | "his" | "her"));
        if !goes_on {
            out.relative = None;
        }
        out.habit = None;
        out.pending_factors.clear();
        out.sentence_now = built_now(&read, s.clone());
        out.sentence = n;
        // A condition named in one sentence is not what the next one's times
        // are of; the one the question asked about stays.
        // "High blood pressure. I was diagnosed about six years ago.": one
        // that says it was found is still of the condition named before.
        let found_out = read.tokens[s.clone()]
            .iter()
            .any(|t| matches!(t.norm.as_str(), "diagnosed" | "diagnosis"));
        if n > 0 && !found_out {
            out.condition = asked_condition;
        }
        for (mut clause, deny) in built.into_iter().zip(denied) {
            clause.denied = deny;
            symptom::read(&clause, cx, &mut out, &mut subject);
            history::read(&clause, cx, &mut out);
            history::asked_vaccine(&clause, cx, &mut out);
            history::reaction(&clause, cx.lexicon, &mut out);
            social::read(&clause, cx, &mut out);
        }
        let fully = (s.start..s.end).all(|k| {
            let t = &read.tokens[k];
            out.used[k]
                || cx.lexicon.cues.is_function(t)
                || cx.lexicon.cues.is_feeling(t)
                || cx.lexicon.cues.is_negator(t)
        });
        sentences.push(Sentence {
            text: reply.get(span.clone()).unwrap_or("").trim().to_string(),
            span,
            claims: (before..out.claims.len()).collect(),
            read: fully,
        });
    }
    // "Yes, I've had a temperature. No, no sweating": what the reply says of
    // a thing itself outweighs the yes or no it opened with.
    let explicit = std::mem::take(&mut out.said_keys);
    let said_again = std::mem::take(&mut out.said_again);
    // Naming one of the things asked ("any fever or sweats?" — "yes, a
    // temperature"), the reply says which the yes was for.
    let chose = from_answer
        .clone()
        .any(|i| explicit.contains(&out.claims[i].key));
    let mut index = 0;
    out.claims.retain(|c| {
        let keep = !from_answer.contains(&index)
            || !chose && !explicit.contains(&c.key)
            || said_again.contains(c);
        index += 1;
        keep
    });
    // A sentence that tells one of the record's own stories holds no new history.
    let lx = cx.lexicon;
    out.claims.retain(|c| {
        // ("I coped at school because I was bright" is no job either.)
        let history = matches!(
            c.key.topic,
            crate::memory::Topic::Family
                | crate::memory::Topic::Condition
                | crate::memory::Topic::Surgery
                | crate::memory::Topic::Medication
                | crate::memory::Topic::Occupation
                | crate::memory::Topic::Education
                | crate::memory::Topic::Living
                | crate::memory::Topic::Activity
        );
        let times = matches!(
            c.key.topic,
            crate::memory::Topic::Onset | crate::memory::Topic::Duration
        );
        let sentence = reply.get(c.span.clone()).unwrap_or("").to_lowercase();
        // "It came on during a stressful few weeks": the story's own time too.
        !lx.stories.iter().any(|t| {
            sentence.contains(t.as_str())
                && (history || times && !super::quantity::find_durations(t).is_empty())
        })
    });
    for s in &mut sentences {
        s.claims = (0..out.claims.len())
            .filter(|&i| out.claims[i].span == s.span)
            .collect();
    }
    Reading {
        claims: out.claims,
        sentences,
        subject: subject.item,
    }
}

/// Whether a question is about a symptom, so that the reply's times and
/// numbers are the symptom's until it turns to something else.
fn symptom_question(q: &Asked) -> bool {
    use super::question::Intent as I;
    matches!(
        q.intents.first(),
        Some(
            I::ChiefComplaint
                | I::Onset
                | I::Duration
                | I::Location
                | I::Character
                | I::Radiation
                | I::Severity
                | I::Course
                | I::Frequency
                | I::Trigger
                | I::Aggravating
                | I::Relieving
                | I::SymptomCheck
                | I::Associated
                | I::PreviousEpisodes
                | I::Sleep
                | I::Mood
                | I::WeightChange
                | I::Greeting
                | I::Unclear
                | I::Empathy
        )
    )
}

/// The concept ids and side a claim's value names, as stored on claims and facts.
pub fn concept_ids(lx: &Lexicon, mentions: &[&Mention]) -> Vec<String> {
    let mut out = Vec::new();
    for m in mentions {
        for &c in &m.senses {
            let id = lx.layer.get(c).id.clone();
            if !out.contains(&id) {
                out.push(id);
            }
        }
        if let Some(site) = m.site {
            let id = lx.layer.get(site).id.clone();
            if !out.contains(&id) {
                out.push(id);
            }
        }
        if let Some(side) = m.side {
            let id = format!(
                "side:{}",
                serde_json::to_value(side)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            );
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}
