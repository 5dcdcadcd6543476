//! Clinical prose taken apart: sentences, clauses, lists of items, negation
//! ("denies chest pain"), and spans of time ("for the past 4 weeks").

use crate::case::{Span, TimeUnit};

/// Sentences: split at `.`, `?`, `!` and `;` followed by a space or the end,
/// so that decimals ("5.4 kg") stay whole.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        let next = chars.get(i + 1);
        if matches!(c, '.' | '?' | '!' | ';') && next.is_none_or(|n| n.is_whitespace()) {
            push_trimmed(&mut out, &cur);
            cur.clear();
        }
    }
    push_trimmed(&mut out, &cur);
    out
}

fn push_trimmed(out: &mut Vec<String>, s: &str) {
    let t = s.trim().trim_end_matches(['.', ';', '?', '!']).trim();
    if !t.is_empty() {
        out.push(t.to_string());
    }
}

/// Clauses of a sentence: split at "but", "however", "although" and at a
/// change of voice ("..., and denies ..."), so that each clause is either
/// affirmed or negated as a whole.
pub fn clauses(sentence: &str) -> Vec<String> {
    let mut parts = vec![sentence.to_string()];
    for sep in [
        ", but ",
        " but ",
        ", however ",
        ", although ",
        ", and denies ",
        " and denies ",
        ", denies ",
        ", and reports ",
        ", reports ",
    ] {
        parts = parts
            .into_iter()
            .flat_map(|p| {
                let lower = p.to_lowercase();
                let mut out = Vec::new();
                let mut start = 0;
                for (at, _) in lower.match_indices(sep) {
                    if at >= start {
                        out.push(p[start..at].to_string());
                        // Keep the verb that changes the voice ("denies ...").
                        let keep = if sep.contains("denies") {
                            "denies "
                        } else if sep.contains("reports") {
                            "reports "
                        } else {
                            ""
                        };
                        start = at + sep.len() - keep.len();
                    }
                }
                out.push(p[start..].to_string());
                out
            })
            .map(|s| s.trim().trim_matches(',').trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    parts
}

/// Openings that deny what follows.
const NEGATIONS: &[&str] = &[
    "denies any",
    "denies",
    "denied",
    "deny",
    "no history of",
    "no episodes of",
    "no signs of",
    "no",
    "not",
    "without",
    "negative for",
    "absence of",
    "has not had any",
    "has not had",
    "have not had",
    "has not experienced",
    "does not report any",
    "does not report",
    "does not have",
    "did not have",
    "never had",
    "nor",
];

/// Openings that affirm what follows.
const AFFIRMATIONS: &[&str] = &[
    "also reports",
    "reports",
    "reported",
    "complains of",
    "endorses",
    "notes",
    "admits to",
    "positive for",
    "experiences",
    "has had",
    "has",
];

/// Whom a sentence is about, which says nothing itself.
const SUBJECTS: &[&str] = &[
    "the patient",
    "patient",
    "she",
    "he",
    "the baby",
    "the child",
    "the mother",
    "his mother",
    "her mother",
    "mother",
];

/// A clause without its subject, and whether it is negated; `None` when it neither
/// denies nor affirms (a plain statement).
pub fn voice(clause: &str) -> (Option<bool>, String) {
    let mut rest = clause.trim().to_string();
    for s in SUBJECTS {
        if let Some(r) = strip_word(&rest, s) {
            rest = r;
            break;
        }
    }
    if let Some(r) = strip_word(&rest, "also") {
        rest = r;
    }
    for n in NEGATIONS {
        if let Some(r) = strip_word(&rest, n) {
            return (Some(false), r);
        }
    }
    for a in AFFIRMATIONS {
        if let Some(r) = strip_word(&rest, a) {
            return (Some(true), r);
        }
    }
    (None, rest)
}

/// `text` without a leading word or phrase (case-insensitive, whole words only).
/// Where `needle` (ASCII) first stands in `text`, ignoring ASCII case, as a
/// byte offset into `text` itself, so it can cut `text`. (An offset found in
/// a lower-cased copy cannot: "İ" lower-cases to three bytes.)
pub fn find_ignoring_case(text: &str, needle: &str) -> Option<usize> {
    let (t, n) = (text.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    t.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

pub fn strip_word(text: &str, word: &str) -> Option<String> {
    let t = text.trim_start();
    let head = t.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    let rest = &t[word.len()..];
    if rest.is_empty() || rest.starts_with([' ', ',', ':']) {
        Some(rest.trim_start_matches([' ', ',', ':']).to_string())
    } else {
        None
    }
}

/// The items of a list: "chest pain, palpitations, or recent infections".
pub fn items(list: &str) -> Vec<String> {
    let mut parts = vec![list.to_string()];
    for sep in [",", " or ", " and ", " nor ", "/"] {
        parts = parts
            .into_iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    parts
        .into_iter()
        .map(|p| clean_item(&p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// An item without the words that only introduce it ("any", "experiencing", "a").
pub fn clean_item(item: &str) -> String {
    let mut t = item.trim().trim_end_matches('.').trim().to_string();
    loop {
        let before = t.clone();
        for w in [
            "and",
            "or",
            "any",
            "experiencing",
            "feeling",
            "episodes of",
            "signs of",
            "a",
            "an",
            "the",
            "of",
            "has",
            "have",
            "had",
            "some",
            "known",
        ] {
            if let Some(r) = strip_word(&t, w) {
                t = r;
            }
        }
        if t == before {
            break;
        }
    }
    t.trim().to_string()
}

/// Lower case at the first letter unless the first word is an abbreviation ("PML", "CT").
pub fn uncapitalise(s: &str) -> String {
    let first = s.split_whitespace().next().unwrap_or("");
    if first.len() > 1
        && first
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
    {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The patient's words for a clinical phrase: their own body, in the first person.
pub fn first_person(s: &str) -> String {
    s.split(' ')
        .map(|w| match w.to_lowercase().as_str() {
            "his" | "her" | "their" => "my".to_string(),
            "he" | "she" => "I".to_string(),
            _ => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "a" | "an" | "one" | "past" | "last" | "the" | "additional" | "another" => 1,
        "two" | "couple" => 2,
        "three" | "few" => 3,
        "four" => 4,
        "five" | "several" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "twelve" => 12,
        _ => return w.parse().ok(),
    })
}

/// The first span of time a text gives ("a 1-month history" is 1 month, "the past
/// few days" 3 days), leaving out ages ("35-year-old") and gestations ("39 weeks of gestation").
pub fn first_span(text: &str) -> Option<Span> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == '(' || c == ')' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_end_matches(['.', ';', '\'']);
        let unit = match w.strip_suffix('s').unwrap_or(w) {
            "hour" | "hr" => TimeUnit::Hour,
            "day" => TimeUnit::Day,
            "week" | "wk" => TimeUnit::Week,
            "month" => TimeUnit::Month,
            "year" | "yr" => TimeUnit::Year,
            _ => continue,
        };
        let next = words.get(i + 1).copied().unwrap_or("");
        let after = words.get(i + 2).copied().unwrap_or("");
        if next.starts_with("old")
            || next.starts_with("gestation")
            || after.starts_with("gestation")
        {
            continue;
        }
        let prev = i.checked_sub(1).map_or("", |j| words[j]);
        if let Some(n) = number_word(prev).filter(|n| *n > 0) {
            return Some(Span::new(n, unit));
        }
    }
    None
}

/// Whether every word of a name that means something is in the text (by its
/// first five letters, so "climbing" finds "climb" and "swelling" "swollen" does not).
pub fn mentions(text: &str, name: &str) -> bool {
    let stems = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 4 && !STOP.contains(w))
            .map(|w| w.chars().take(5).collect())
            .collect()
    };
    let have = stems(text);
    let want = stems(name);
    !want.is_empty() && want.iter().all(|w| have.contains(w))
}

const STOP: &[&str] = &[
    "with",
    "from",
    "that",
    "this",
    "have",
    "been",
    "after",
    "when",
    "into",
    "about",
    "over",
    "especially",
    "despite",
    "recent",
    "some",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_decimals() {
        assert_eq!(
            sentences("Weight loss of 5.4 kg. Neck swelling; no fever."),
            ["Weight loss of 5.4 kg", "Neck swelling", "no fever"]
        );
    }

    #[test]
    fn negation_and_lists() {
        let (neg, rest) =
            voice("Patient denies experiencing any chest pain, palpitations, or recent infections");
        assert_eq!(neg, Some(false));
        assert_eq!(
            items(&rest),
            ["chest pain", "palpitations", "recent infections"]
        );
        let (neg, rest) = voice("No episodes of fever, vomiting, or diarrhea");
        assert_eq!(neg, Some(false));
        assert_eq!(items(&rest), ["fever", "vomiting", "diarrhea"]);
        assert_eq!(voice("Reports a resolved skin rash").0, Some(true));
        assert_eq!(voice("Works as a graphic designer").0, None);
    }

    #[test]
    fn clauses_split_where_the_voice_changes() {
        assert_eq!(
            clauses("Reports a cough, but denies fever"),
            ["Reports a cough", "denies fever"]
        );
    }

    #[test]
    fn spans_of_time() {
        let s = |t: &str| first_span(t).map(|s| s.to_string());
        assert_eq!(
            s("reports a 1-month history of double vision").as_deref(),
            Some("1 month")
        );
        assert_eq!(s("for the past 4 weeks").as_deref(), Some("4 weeks"));
        assert_eq!(s("for the past few days").as_deref(), Some("3 days"));
        assert_eq!(
            s("on natalizumab for the past year").as_deref(),
            Some("1 year")
        );
        assert_eq!(s("a 35-year-old woman born at 39 weeks of gestation"), None);
    }

    #[test]
    fn mentions_by_stem() {
        assert!(mentions(
            "difficulty in climbing stairs",
            "Difficulty climbing stairs"
        ));
        assert!(!mentions(
            "weakness when brushing her hair",
            "weakness in upper limbs"
        ));
    }
}
