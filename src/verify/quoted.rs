//! The record's own wording inside a reply. When a reply repeats a phrase
//! of the record ("going to the toilet every few minutes", "no off switch
//! once I start drinking", a trigger, a relative's illness), that phrase says
//! what the record says; read as a fresh claim it could look like something
//! else (a duration of minutes, a denial of drinking). Such phrases are
//! blanked out where a symptom's duration, score and course are looked for,
//! and (fewer of them, see `For`) where habits are read; the symptoms they
//! name, and the wording a reply gives for a site or a trigger, are still
//! read as written. (Work, home and worries are never blanked: the habits
//! reader takes those words as its values.) What a blanked phrase holds is
//! what the record says, so nothing it could contradict is hidden; a claim
//! beside it in the same sentence is still read.

use crate::memory::{Memory, Topic, Value};

/// Topics whose text values are the patient's or the record's own words.
const WORDED: &[Topic] = &[
    Topic::Trigger,
    Topic::Location,
    Topic::Character,
    Topic::Radiation,
    Topic::Frequency,
    Topic::Aggravating,
    Topic::Relieving,
];

/// What a blanked reply is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum For {
    /// A symptom's duration, score and course: every quoted phrase is blanked.
    Details,
    /// Smoking, drinking and drugs: only lay wordings, triggers and relatives'
    /// illnesses are blanked. A factor ("alcohol in the evening makes it
    /// worse") stays, so "I never touch alcohol in the evening" still denies
    /// drinking.
    Habits,
}

/// The phrases of the record that may be quoted, longest first so that a
/// phrase inside a longer one does not cut it short.
fn phrases(memory: &Memory, reading: For) -> Vec<String> {
    let topics: &[Topic] = match reading {
        For::Details => WORDED,
        For::Habits => &[Topic::Trigger],
    };
    let mut out: Vec<String> = memory
        .semantic
        .iter()
        .filter(|f| topics.contains(&f.key.topic))
        .filter_map(|f| match &f.value {
            Value::Text { text } => Some(text.clone()),
            _ => None,
        })
        .chain(
            memory
                .terms
                .iter()
                .filter(|(k, _)| matches!(k.topic, Topic::Symptom | Topic::Family))
                .map(|(_, t)| t.clone()),
        )
        .map(|p| p.trim().trim_end_matches('.').to_lowercase())
        .filter(|p| p.len() >= 5)
        .collect();
    // A phrase naming the diagnosis is never blanked: saying it is a claim
    // the patient may not be able to make.
    let diagnosis: Vec<String> = memory
        .terms
        .iter()
        .filter(|(k, _)| k.topic == Topic::Diagnosis)
        .map(|(_, t)| t.to_lowercase())
        .collect();
    out.retain(|p| !diagnosis.iter().any(|d| p.contains(d.as_str())));
    out.sort_by_key(|p| std::cmp::Reverse(p.len()));
    out.dedup();
    out
}

/// `reply` with every quoted phrase of the record blanked: its ASCII letters
/// and digits become `x`, so byte positions and sentence punctuation stay.
pub fn blank(reply: &str, memory: &Memory, reading: For) -> String {
    let lower = reply.to_ascii_lowercase();
    let mut bytes = reply.as_bytes().to_vec();
    for p in phrases(memory, reading) {
        let mut from = 0;
        while let Some(at) = lower[from..].find(p.as_str()) {
            let start = from + at;
            let end = start + p.len();
            // Whole words only: "rest" is not quoted inside "restless".
            let before = lower[..start].chars().next_back();
            let after = lower[end..].chars().next();
            let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if bounded(before) && bounded(after) {
                for b in &mut bytes[start..end] {
                    if b.is_ascii_alphanumeric() {
                        *b = b'x';
                    }
                }
            }
            from = end;
        }
    }
    // Only ASCII letters and digits were replaced, by an ASCII letter.
    String::from_utf8(bytes).unwrap_or_else(|_| reply.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Case;

    fn memory() -> Memory {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/cases/acute-cystitis-s2026-00011.yaml"
        );
        let case: Case = crate::case::load(std::path::Path::new(path), None).unwrap();
        Memory::from_case(&case)
    }

    #[test]
    fn a_quoted_phrase_is_blanked_in_place_and_the_rest_kept() {
        let m = memory();
        let reply = "Well, going to the toilet every few minutes, for three days.";
        let b = blank(reply, &m, For::Details);
        assert_eq!(b.len(), reply.len());
        assert_eq!(
            b,
            "Well, xxxxx xx xxx xxxxxx xxxxx xxx xxxxxxx, for three days."
        );
    }

    #[test]
    fn only_whole_words_and_never_the_diagnosis() {
        let m = memory();
        // "going to the toilet every few minutesly" is not the phrase.
        let reply = "Not going to the toilet every few minutesly.";
        assert_eq!(blank(reply, &m, For::Details), reply);
        let named = "I think I have acute cystitis.";
        assert_eq!(blank(named, &m, For::Details), named);
    }

    #[test]
    fn habits_keep_the_factors_and_lose_the_lay_words() {
        let m = memory();
        // The record's lay wording is blanked for both readings; a factor only for details.
        let reply = "going to the toilet every few minutes";
        assert_eq!(
            blank(reply, &m, For::Habits),
            "xxxxx xx xxx xxxxxx xxxxx xxx xxxxxxx"
        );
        let factors: Vec<String> = m
            .semantic
            .iter()
            .filter(|f| f.key.topic == Topic::Aggravating)
            .map(|f| f.value.to_string())
            .collect();
        for x in factors.iter().filter(|x| x.len() >= 5) {
            assert_eq!(blank(x, &m, For::Habits), *x);
            assert_ne!(blank(x, &m, For::Details), *x);
        }
    }
}
