//! Misspellings of the words the concept layer knows ("vomitting",
//! "diarhea", "medicaitons"), corrected by edit distance (strsim). A word is
//! corrected only when it is no English word at all (Wordnik's list) and
//! one concept word is nearest to it, so "bother" never becomes "brother".

use super::concepts::Layer;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Term words by first letter: (word, stem).
fn index(layer: &Layer) -> &HashMap<char, Vec<(String, String)>> {
    static CELL: OnceLock<HashMap<char, Vec<(String, String)>>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut out: HashMap<char, Vec<(String, String)>> = HashMap::new();
        for term in &layer.concepts {
            for phrase in term.terms.iter().chain(&term.abbrev) {
                for t in super::text::tokenize(&phrase.to_lowercase()) {
                    if t.is_word() && t.norm.chars().count() >= 4 {
                        if let Some(first) = t.norm.chars().next() {
                            let list = out.entry(first).or_default();
                            if !list.iter().any(|(w, _)| *w == t.norm) {
                                list.push((t.norm.clone(), t.stem.clone()));
                            }
                        }
                    }
                }
            }
        }
        out
    })
}

/// The stem a misspelt word most likely meant, if it is no English word and
/// exactly one concept word is within reach (one edit for words of five to
/// seven letters, two from eight).
pub fn correct(layer: &Layer, word: &str, known: impl Fn(&str) -> bool) -> Option<String> {
    let len = word.chars().count();
    if len < 5 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    if wordnik_list::word_exists(word) || known(word) {
        return None;
    }
    let limit = if len >= 8 { 2 } else { 1 };
    let first = word.chars().next()?;
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for (candidate, stem) in index(layer).get(&first)? {
        if candidate.chars().count().abs_diff(len) > limit {
            continue;
        }
        let d = strsim::damerau_levenshtein(word, candidate);
        if d > limit {
            continue;
        }
        match best {
            Some((b, s)) if d == b && s != stem => tie = true,
            Some((b, _)) if d >= b => {}
            _ => {
                best = Some((d, stem));
                tie = false;
            }
        }
    }
    if tie {
        return None;
    }
    best.map(|(_, s)| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unknown_words_near_one_concept_word_are_corrected() {
        let layer = Layer::builtin();
        let no = |_: &str| false;
        assert_eq!(correct(layer, "bother", no), None);
        assert_eq!(correct(layer, "abc", no), None);
        assert_eq!(correct(layer, "qwertyzz", no), None);
        assert_eq!(correct(layer, "lipsae", no).as_deref(), Some("lipas"));
    }
}
