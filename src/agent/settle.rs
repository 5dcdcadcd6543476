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
        // Items: each unread sentence of three words or more, then each neutral claim's sentence.
        let mut items: Vec<String> = Vec::new();
        let mut sentence_items = 0;
        for (a, b) in sentences(text) {
            let read = claims.iter().any(|c| c.span.start < b && a < c.span.end);
            let s = text[a..b].trim();
            if !read && lexicon::words(s).len() >= 3 {
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
        // The facts: what was retrieved, who the patient is, and what they said before.
        let facts: Vec<&Fact> = self
            .memory
            .semantic
            .iter()
            .filter(|f| {
                f.known
                    && (retrieved.contains(&f.id)
                        || matches!(
                            f.key.topic,
                            Topic::Name | Topic::Age | Topic::Sex | Topic::Occupation
                        ))
            })
            .chain(self.memory.episodic.iter().rev().take(30))
            .collect();
        let before = judge.calls();
        let answer = judge.settle(&items, &facts);
        self.calls.judge += judge.calls() - before;
        let settled = match answer {
            Ok(s) => s,
            Err(why) => {
                return Settlement {
                    flag: Some(Flag {
                        kind: FlagKind::JudgeError,
                        detail: format!(
                            "the judge's answer could not be used ({why}); its {} item(s) were taken as neutral and nothing was added",
                            items.len()
                        ),
                        fact_id: None,
                        chaos: false,
                    }),
                    said: Vec::new(),
                };
            }
        };
        let mut said = Vec::new();
        for s in settled {
            let verdict = Verdict {
                claim: items[s.item].clone(),
                fact_id: s.fact_id.clone(),
                label: s.label,
                reason: "judged by the model".into(),
            };
            if s.item < sentence_items {
                if s.label == Label::Neutral {
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
        Settlement { flag: None, said }
    }
}
