//! Choosing between equivalent phrasings, and the small pieces of English
//! (lists, spans, pronouns) the sentences are made of.

use crate::case::{Case, Sex, Span};
use crate::generate::sample;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The phrasing choices of one record, drawn from a stream keyed by its id.
pub(crate) struct Pick {
    rng: ChaCha8Rng,
}

impl Pick {
    pub(crate) fn for_case(id: &str) -> Self {
        Pick {
            rng: sample::stream(sample::keyed(0x0050_524f_5345, id), 0, 7),
        }
    }

    /// One of `options`; `options` is never empty.
    pub(crate) fn one<T: Clone>(&mut self, options: &[T]) -> T {
        options[self.rng.random_range(0..options.len())].clone()
    }
}

/// The pronouns and nouns a record's patient is spoken of with.
pub(crate) struct Person {
    pub(crate) they: &'static str,
    pub(crate) them: &'static str,
    pub(crate) their: &'static str,
    pub(crate) noun: &'static str,
}

impl Person {
    pub(crate) fn of(case: &Case) -> Self {
        let p = &case.patient;
        let child = p.age < 13;
        let young = p.age < 18;
        match p.sex {
            Sex::Female => Person {
                they: "she",
                them: "her",
                their: "her",
                noun: if child {
                    "girl"
                } else if young {
                    "young woman"
                } else {
                    "woman"
                },
            },
            Sex::Male => Person {
                they: "he",
                them: "him",
                their: "his",
                noun: if child {
                    "boy"
                } else if young {
                    "young man"
                } else {
                    "man"
                },
            },
        }
    }
}

/// The indefinite article for a word or a number as it is said: "an 8",
/// "an 18-year-old", "an 83-year-old", "a 7", "an ache".
pub(crate) fn a(word: &str) -> &'static str {
    let w = word.trim_start().to_lowercase();
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        // Said "eight...", "eleven", "eighteen": the numbers that start with a vowel sound.
        let vowel = digits.starts_with('8')
            || (digits.len() == 2 && (digits == "11" || digits == "18"))
            || (digits.len() == 5 && (digits.starts_with("11") || digits.starts_with("18")));
        return if vowel { "an" } else { "a" };
    }
    if w.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Each item in double quotes: the patient's own words inside the prose.
pub(crate) fn quoted(items: &[String]) -> Vec<String> {
    items.iter().map(|x| format!("\"{}\"", inner(x))).collect()
}

/// "a", "a and b", "a, b and c".
pub(crate) fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "a", "a or b", "a, b or c".
pub(crate) fn either(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// "3 days ago" or "for 3 days" style pieces need the span alone; a
/// one-unit span reads "a day", "a week".
pub(crate) fn span(s: &Span) -> String {
    if s.amount == 1 {
        let text = s.to_string();
        let unit = text.trim_start_matches("1 ");
        let article = if unit.starts_with('h') { "an" } else { "a" };
        format!("{article} {unit}")
    } else {
        s.to_string()
    }
}

/// The first letter in upper case, and a full stop at the end.
pub(crate) fn sentence_case(text: &str) -> String {
    let t = text.trim();
    let mut chars = t.chars();
    let mut out = match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) && !out.ends_with(".\"") && !out.ends_with("?\"") {
        out.push('.');
    }
    out
}

/// Text from the record quoted inside a sentence: no final full stop.
pub(crate) fn inner(text: &str) -> String {
    text.trim().trim_end_matches('.').to_string()
}

/// A number as the record's facts print it (Rust's shortest form: "89", "1.358").
pub(crate) fn number(x: f64) -> String {
    format!("{x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::TimeUnit;

    #[test]
    fn lists_read_as_english() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&v(&["a"])), "a");
        assert_eq!(list(&v(&["a", "b", "c"])), "a, b and c");
        assert_eq!(either(&v(&["a", "b"])), "a or b");
    }

    #[test]
    fn one_unit_spans_take_an_article() {
        assert_eq!(span(&Span::new(1, TimeUnit::Hour)), "an hour");
        assert_eq!(span(&Span::new(1, TimeUnit::Week)), "a week");
        assert_eq!(span(&Span::new(3, TimeUnit::Day)), "3 days");
    }

    #[test]
    fn articles_follow_the_sound() {
        for (w, want) in [
            ("8", "an"),
            ("83", "an"),
            ("18", "an"),
            ("11", "an"),
            ("7", "a"),
            ("1", "a"),
            ("110", "a"),
            ("ache", "an"),
            ("pain", "a"),
        ] {
            assert_eq!(a(w), want, "{w}");
        }
    }

    #[test]
    fn numbers_and_sentences() {
        assert_eq!(number(16.0), "16");
        assert_eq!(number(16.30), "16.3");
        assert_eq!(number(1.358), "1.358");
        assert_eq!(sentence_case("she has pain"), "She has pain.");
        assert_eq!(sentence_case("Done?"), "Done?");
    }
}
