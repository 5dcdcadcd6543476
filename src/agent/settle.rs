//! The step between the rules and the reply: the sentences the rules could
//! not vouch for, and claims about things memory holds no fact for, go to
//! the judge (when there is one) in one batched call, and its verdicts join
//! the rules'.

use super::{Agent, Flag, FlagKind, Responder};
use crate::memory::{Fact, Key, Topic, Value};
use crate::verify::{Checked, Label, Verdict};

/// What judging a candidate added: a flag when the judge failed, sentences
/// judged new that become episodic facts if the candidate is shown, and
/// sentences that stayed unsettled.
#[derive(Default)]
pub(super) struct Settlement {
    pub flag: Option<Flag>,
    pub said: Vec<(Key, Value, String)>,
    pub unsettled: Vec<String>,
}

impl<R: Responder> Agent<R> {
    /// Judges a free-text reply as a candidate is judged: the rules, then the
    /// judge (if any) for what they leave unsettled, against every fact the
    /// patient knows. Memory does not change.
    pub fn check_reply(&mut self, text: &str, question: Option<&str>) -> (Checked, Option<Flag>) {
        let asked = question.map(|q| {
            let mut a = crate::language::question::read(q, &self.lexicon);
            a.focus = crate::verify::focus_of(&a, &self.lexicon);
            a
        });
        let mut checked = crate::verify::check_read(
            text,
            asked.as_ref(),
            None,
            &self.lexicon,
            &self.memory,
            self.date,
            &mut self.cost,
        );
        let mut verdicts = checked.verdicts.clone();
        let settled = self.settle(&checked, &mut verdicts, 0);
        checked.verdicts = verdicts;
        let flag = settled.flag.or_else(|| {
            (!settled.unsettled.is_empty()).then(|| Flag {
                kind: FlagKind::Unsettled,
                detail: format!("not settled: {}", settled.unsettled.join(" / ")),
                fact_id: None,
                chaos: false,
            })
        });
        (checked, flag)
    }

    /// Asks the judge about the sentences no rule read in full and the
    /// claims judged neutral (about something memory has no fact for).
    pub(super) fn settle(
        &mut self,
        checked: &Checked,
        verdicts: &mut Vec<Verdict>,
        turn: u32,
    ) -> Settlement {
        let Some(judge) = self.judge.as_mut() else {
            return Settlement::default();
        };
        let claims = checked.claims();
        let mut items: Vec<String> = checked.unread.clone();
        let sentence_items = items.len();
        let neutral: Vec<usize> = (0..claims.len().min(verdicts.len()))
            .filter(|i| verdicts[*i].label == Label::Neutral)
            .collect();
        items.extend(neutral.iter().map(|i| claims[*i].text.trim().to_string()));
        if items.is_empty() {
            return Settlement::default();
        }
        // The facts: everything the patient knows, and what they said before.
        let facts: Vec<&Fact> = self
            .memory
            .semantic
            .iter()
            .filter(|f| f.known)
            .chain(self.memory.episodic.iter())
            .collect();
        let before = judge.calls();
        let answer = judge.settle(&items, &facts);
        self.calls.judge += judge.calls() - before;
        let judge_error = |detail: String| Flag {
            kind: FlagKind::JudgeError,
            detail,
            fact_id: None,
            chaos: false,
        };
        let settled = match answer {
            Ok(s) => s,
            Err(why) => {
                return Settlement {
                    flag: Some(judge_error(format!(
                        "the judge's answer could not be used ({why}); the {} item(s) it was asked about stay unsettled",
                        items.len()
                    ))),
                    said: Vec::new(),
                    unsettled: items[..sentence_items].to_vec(),
                };
            }
        };
        // An "entail" that rests on a fact about something else (a small
        // model's guess) vouches for nothing: that item stays unsettled.
        let settled: Vec<_> = settled
            .into_iter()
            .filter(|s| {
                s.label != Label::Entail
                    || s.fact_id.as_deref().is_some_and(|id| {
                        facts
                            .iter()
                            .any(|f| f.id == id && self.bears_on(&items[s.item], f))
                    })
            })
            .collect();
        let mut unsettled: Vec<String> = (0..sentence_items)
            .filter(|i| !settled.iter().any(|s| s.item == *i))
            .map(|i| items[i].clone())
            .collect();
        let mut said = Vec::new();
        for s in settled {
            let verdict = Verdict {
                claim: items[s.item].clone(),
                fact_id: s.fact_id.clone(),
                label: s.label,
                reason: "judged by the model".into(),
            };
            if s.item < sentence_items {
                // What the patient cannot know (a lab, the diagnosis) is never remembered as said.
                if s.label == Label::Neutral && !self.names_unknown(&items[s.item]) {
                    let subject: Vec<String> = crate::language::text::tokenize(&items[s.item])
                        .into_iter()
                        .filter(|t| t.is_word() && !self.lexicon.cues.is_function(t))
                        .take(4)
                        .map(|t| t.norm)
                        .collect();
                    said.push((
                        Key::new(
                            Topic::Everyday,
                            format!("said in turn {turn}: {}", subject.join(" ")),
                        ),
                        Value::text(items[s.item].clone()),
                        items[s.item].clone(),
                    ));
                }
                verdicts.push(verdict);
            } else if s.label == Label::Contradict {
                // A claim the rules found no fact for, that the judge finds contradicts one.
                verdicts[neutral[s.item - sentence_items]] = verdict;
            }
        }
        unsettled.dedup();
        let flag = (!unsettled.is_empty()).then(|| {
            judge_error(format!(
                "the judge settled {} of {} sentence(s)",
                sentence_items - unsettled.len(),
                sentence_items
            ))
        });
        Settlement {
            flag,
            said,
            unsettled,
        }
    }

    /// Whether a fact is about what `text` is about: a concept or a record
    /// item both name, or a content word both use.
    fn bears_on(&self, text: &str, fact: &Fact) -> bool {
        let (said, known) = (self.lexicon.read(text), self.lexicon.read(&fact.text));
        let named = |r: &crate::language::lexicon::Read| -> (Vec<usize>, Vec<usize>) {
            let items = r.mentions.iter().flat_map(|m| m.items.clone()).collect();
            let senses = r.mentions.iter().flat_map(|m| m.senses.clone()).collect();
            (items, senses)
        };
        let ((items_a, senses_a), (items_b, senses_b)) = (named(&said), named(&known));
        let content = |r: &crate::language::lexicon::Read| -> Vec<String> {
            r.tokens
                .iter()
                .filter(|t| {
                    t.is_word()
                        && !self.lexicon.cues.is_function(t)
                        && !self.lexicon.cues.is_negator(t)
                        && !self.lexicon.cues.is_feeling(t)
                })
                .map(|t| t.stem.clone())
                .collect()
        };
        let words = content(&known);
        items_a.iter().any(|i| items_b.contains(i))
            || senses_a.iter().any(|c| senses_b.contains(c))
            || content(&said).iter().any(|w| words.contains(w))
    }

    /// Whether `text` names something only the examiner knows: a result or
    /// the diagnosis the patient has not been told.
    pub(super) fn names_unknown(&self, text: &str) -> bool {
        let read = self.lexicon.read(text);
        read.mentions.iter().flat_map(|m| m.items.iter()).any(|&i| {
            let key = &self.lexicon.items[i].key;
            self.memory.by_key(key).any(|f| !f.known)
        })
    }
}
