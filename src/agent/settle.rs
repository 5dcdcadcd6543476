//! The step between the rules and the reply: what the rule verifier left
//! unsettled in a candidate goes to the judge (when there is one), and its
//! verdicts join the rules'.

use super::{Agent, Flag, FlagKind, Responder};
use crate::memory::{Fact, Key, Topic, Value};
use crate::verify::{Claim, Label, Verdict, lexicon};

/// What judging a candidate added: a flag when the judge failed, and sentences
/// judged new that become episodic facts if the candidate is shown.
#[derive(Default)]
pub(super) struct Settlement {
    pub flag: Option<Flag>,
    pub said: Vec<(Key, Value, String)>,
}

/// The sentences of `text` with their byte ranges (a sentence ends at . ! or ?).
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if matches!(ch, '.' | '!' | '?') {
            let end = i + ch.len_utf8();
            out.push((start, end));
            start = end;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

impl<R: Responder> Agent<R> {
    /// Judges a free-text reply as a candidate is judged: the rules, then the
    /// judge (if any) for what they leave unsettled, against every fact the
    /// patient knows. Memory does not change.
    pub fn check_reply(
        &mut self,
        text: &str,
        question: Option<&str>,
    ) -> (Vec<Claim>, Vec<Verdict>, Option<Flag>) {
        let ctx = crate::verify::Context {
            memory: &self.memory,
            question,
            focus: None,
        };
        let claims = crate::verify::extract(text, &ctx);
        let mut verdicts: Vec<Verdict> = claims
            .iter()
            .map(|c| crate::verify::judge(c, &self.memory, &mut self.cost))
            .collect();
        let known: Vec<String> = self
            .memory
            .semantic
            .iter()
            .filter(|f| f.known)
            .map(|f| f.id.clone())
            .collect();
        let settled = self.settle(text, &claims, &mut verdicts, &known, 0);
        (claims, verdicts, settled.flag)
    }

    /// Asks the judge about the sentences no rule read a claim from and the
    /// claims judged neutral (about something memory has no fact for).
    pub(super) fn settle(
        &mut self,
        text: &str,
        claims: &[Claim],
        verdicts: &mut Vec<Verdict>,
        retrieved: &[String],
        turn: u32,
    ) -> Settlement {
        let Some(judge) = self.judge.as_mut() else {
            return Settlement::default();
        };
        // Items: each sentence no rule read (of three words or more), each
        // longer sentence even if a rule read part of it ("I've never smoked,
        // but I stopped my tablets"), then each neutral claim's sentence.
        let mut items: Vec<String> = Vec::new();
        let mut sentence_items = 0;
        for (a, b) in sentences(text) {
            let read = claims.iter().any(|c| c.span.start < b && a < c.span.end);
            let s = text[a..b].trim();
            let words = lexicon::words(s).len();
            if (!read && words >= 3) || words >= 6 {
                items.push(s.to_string());
                sentence_items += 1;
            }
        }
        let neutral: Vec<usize> = (0..claims.len().min(verdicts.len()))
            .filter(|i| verdicts[*i].label == Label::Neutral)
            .collect();
        items.extend(neutral.iter().map(|i| claims[*i].text.trim().to_string()));
        if items.is_empty() {
            return Settlement::default();
        }
        // The facts: everything the patient knows, and what they said before.
        let _ = retrieved;
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
                        "the judge's answer could not be used ({why}); the {} sentence(s) it was asked about were taken as neutral and not remembered",
                        items.len()
                    ))),
                    said: Vec::new(),
                };
            }
        };
        let unsettled = (0..items.len())
            .filter(|i| !settled.iter().any(|s| s.item == *i))
            .count();
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
                if s.label == Label::Neutral && !self.memory.names_unknown(&items[s.item]) {
                    let subject: Vec<String> = lexicon::content(&items[s.item])
                        .into_iter()
                        .take(4)
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
        if unsettled > 0 {
            let flag = judge_error(format!(
                "the judge settled {} of {} sentence(s); the rest were taken as neutral and not remembered",
                items.len() - unsettled,
                items.len()
            ));
            return Settlement {
                flag: Some(flag),
                said,
            };
        }
        Settlement { flag: None, said }
    }
}
