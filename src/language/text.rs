//! Words as the reader sees them: tokens that keep their byte range in the
//! text they came from, with a folded lower-case form and a stem for
//! matching. Nothing here cuts a string at an offset found in a transformed
//! copy: every span is found on the original text, char by char.

use rust_stemmers::{Algorithm, Stemmer};
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// Lower case, British spellings folded (`haemoglobin` reads as
    /// `hemoglobin`), contractions spelt out (`n't` is `not`).
    pub norm: String,
    /// The English stem of `norm` (`vomiting`, `vomited` → `vomit`).
    pub stem: String,
    pub kind: Kind,
    /// Joined to the token before by a hyphen (`self-harm`, `3-4`).
    pub hyphen: bool,
    /// Written in capitals in the text (`SOB`, `LMP`), for abbreviations
    /// that are also English words.
    pub upper: bool,
    /// Written with a capital first letter.
    pub capital: bool,
}

impl Token {
    pub fn is(&self, word: &str) -> bool {
        self.norm == word
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn number(&self) -> Option<f64> {
        (self.kind == Kind::Number)
            .then(|| self.norm.parse().ok())
            .flatten()
    }
}

fn stemmer() -> &'static Stemmer {
    static CELL: OnceLock<Stemmer> = OnceLock::new();
    CELL.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The stem of one folded lower-case word.
pub fn stem(word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return word.to_string();
    }
    // Irregular past forms the stemmer leaves apart ("felt sick" is "feeling sick").
    let word = match word {
        "felt" => "feel",
        "ate" | "eaten" => "eat",
        "drank" | "drunk" => "drink",
        "slept" => "sleep",
        "woke" | "woken" => "wake",
        "threw" | "thrown" => "throw",
        "broke" | "broken" => "break",
        "fell" | "fallen" => "fall",
        "swollen" => "swell",
        "bled" => "bleed",
        "shook" | "shaken" => "shake",
        "stung" => "sting",
        "wept" => "weep",
        "ran" => "run",
        "lost" => "lose",
        other => other,
    };
    stemmer().stem(word).into_owned()
}

/// British spellings folded to one form, so both sides of a comparison read
/// alike: `ae`/`oe` inside longer words (haemoglobin, oesophagus,
/// diarrhoea), a final `our` (tumour), a final `tre` (centre), `ise` verbs.
pub fn fold(word: &str) -> String {
    let mut w = word.to_string();
    if w.chars().count() >= 6 && w.is_ascii() {
        for (from, to) in [("ae", "e"), ("oe", "e")] {
            // Not at the start ("aerosol", "oedema" keeps its sense either way).
            if let Some(rest) = w.get(1..) {
                if rest.contains(from) {
                    w = format!("{}{}", &w[..1], rest.replace(from, to));
                }
            }
        }
    }
    if w.len() >= 5 && w.is_ascii() {
        for (from, to) in [
            ("our", "or"),
            ("ours", "ors"),
            ("tre", "ter"),
            ("tres", "ters"),
        ] {
            if let Some(base) = w.strip_suffix(from) {
                w = format!("{base}{to}");
                break;
            }
        }
    }
    if w.len() >= 7 && w.is_ascii() {
        for (from, to) in [
            ("isation", "ization"),
            ("ising", "izing"),
            ("ised", "ized"),
            ("ise", "ize"),
            ("yse", "yze"),
        ] {
            if let Some(base) = w.strip_suffix(from) {
                w = format!("{base}{to}");
                break;
            }
        }
    }
    w
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`')
}

/// Splits `text` into tokens. Words are runs of letters (with inner
/// apostrophes), numbers are runs of digits (with one inner decimal point),
/// every other visible character is a punctuation token of its own.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut hyphen = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            hyphen = false;
            continue;
        }
        if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                let inner_apostrophe = is_apostrophe(d)
                    && text
                        .get(i + d.len_utf8()..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(char::is_alphabetic);
                if d.is_alphabetic() || inner_apostrophe {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push_word(&mut out, text, start..end, hyphen);
            hyphen = false;
        } else if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some(&(i, d)) = chars.peek() {
                let decimal = d == '.'
                    && text
                        .get(i + 1..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(|x| x.is_ascii_digit())
                    && !text.get(start..i).unwrap_or("").contains('.');
                if d.is_ascii_digit() || decimal {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let norm = text.get(start..end).unwrap_or("").to_string();
            out.push(Token {
                span: start..end,
                stem: norm.clone(),
                norm,
                kind: Kind::Number,
                hyphen,
                upper: false,
                capital: false,
            });
            hyphen = false;
        } else if c == '-'
            && !out.is_empty()
            && chars.peek().is_some_and(|&(_, d)| !d.is_whitespace())
        {
            // "self-harm", "3-4": the next token is joined to this one.
            hyphen = out
                .last()
                .is_some_and(|t: &Token| t.span.end == start && t.kind != Kind::Punct);
            if !hyphen {
                out.push(punct(start, c));
            }
        } else {
            let norm = if is_apostrophe(c) { '\'' } else { c };
            out.push(punct(start, norm));
            if norm == '\'' {
                if let Some(t) = out.last_mut() {
                    t.span = start..start + c.len_utf8();
                }
            }
            hyphen = false;
        }
    }
    out
}

fn punct(start: usize, c: char) -> Token {
    Token {
        span: start..start + c.len_utf8(),
        norm: c.to_string(),
        stem: c.to_string(),
        kind: Kind::Punct,
        hyphen: false,
        upper: false,
        capital: false,
    }
}

/// Lower case, char by char; apostrophes made plain.
fn lower(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let c = if is_apostrophe(c) { '\'' } else { c };
            c.to_lowercase()
        })
        .collect()
}

fn word_token(text: &str, span: Range<usize>, norm: String, hyphen: bool) -> Token {
    let raw = text.get(span.clone()).unwrap_or("");
    let upper = raw.chars().count() >= 2 && raw.chars().all(|c| !c.is_lowercase());
    let capital = raw.chars().next().is_some_and(char::is_uppercase);
    let folded = fold(&norm);
    Token {
        stem: stem(&folded),
        norm: folded,
        span,
        kind: Kind::Word,
        hyphen,
        upper,
        capital,
    }
}

/// One word of the text, with an English contraction split off as a token
/// of its own: "don't" is `do` + `not`, "I've" is `i` + `have`, "mum's" is
/// `mum` + `'s`.
fn push_word(out: &mut Vec<Token>, text: &str, span: Range<usize>, hyphen: bool) {
    let raw = text.get(span.clone()).unwrap_or("");
    // The byte offset of the last apostrophe, found on the original text.
    let cut = raw.char_indices().rfind(|(_, c)| is_apostrophe(*c));
    let Some((at, apostrophe)) = cut else {
        out.push(word_token(text, span, lower(raw), hyphen));
        return;
    };
    let base = raw.get(..at).unwrap_or("");
    let suffix = lower(raw.get(at + apostrophe.len_utf8()..).unwrap_or(""));
    let base_lower = lower(base);
    // "don't": the "n" belongs to the contraction.
    if suffix == "t" && base_lower.ends_with('n') {
        let stem_end = span.start + at - 1;
        let base_word = match base_lower.trim_end_matches('n') {
            "ca" => "can".to_string(),
            "wo" => "will".to_string(),
            "sha" => "shall".to_string(),
            "ai" => "is".to_string(),
            other => other.to_string(),
        };
        if stem_end > span.start {
            out.push(word_token(text, span.start..stem_end, base_word, hyphen));
        }
        out.push(word_token(text, stem_end..span.end, "not".into(), false));
        return;
    }
    let expansion = match suffix.as_str() {
        "m" => Some("am"),
        "re" => Some("are"),
        "ve" => Some("have"),
        "d" => Some("would"),
        "ll" => Some("will"),
        "s" => Some("'s"),
        _ => None,
    };
    match expansion {
        Some(e) if !base.is_empty() => {
            out.push(word_token(
                text,
                span.start..span.start + at,
                base_lower,
                hyphen,
            ));
            out.push(word_token(text, span.start + at..span.end, e.into(), false));
        }
        _ => {
            let joined: String = lower(raw).chars().filter(|c| *c != '\'').collect();
            out.push(word_token(text, span, joined, hyphen));
        }
    }
}

/// The text of tokens `range` as written (from the first token's start to
/// the last one's end).
pub fn slice<'t>(text: &'t str, tokens: &[Token], range: Range<usize>) -> &'t str {
    match (
        tokens.get(range.start),
        range.end.checked_sub(1).and_then(|e| tokens.get(e)),
    ) {
        (Some(a), Some(b)) if range.start < range.end => {
            text.get(a.span.start..b.span.end).unwrap_or("")
        }
        _ => "",
    }
}

/// The byte span covering tokens `range`.
pub fn span_of(tokens: &[Token], range: Range<usize>) -> Range<usize> {
    match (
        tokens.get(range.start),
        range.end.checked_sub(1).and_then(|e| tokens.get(e)),
    ) {
        (Some(a), Some(b)) if range.start < range.end => a.span.start..b.span.end,
        _ => 0..0,
    }
}

const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "e.g", "i.e", "approx", "st", "vs", "etc",
];

/// Token ranges of the sentences of a text: they end at `.`, `!`, `?`, a
/// new line or `;` (a decimal point is inside a number token, and "Dr." does
/// not end one).
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let end = t.kind == Kind::Punct
            && matches!(t.norm.as_str(), "." | "!" | "?" | ";")
            && !(t.norm == "."
                && i > 0
                && ABBREVIATIONS.contains(&tokens[i - 1].norm.as_str())
                && tokens[i - 1].span.end == t.span.start);
        let newline = tokens.get(i + 1).is_some_and(|n| {
            text.get(t.span.end..n.span.start)
                .is_some_and(|gap| gap.contains('\n'))
        });
        if end || newline {
            if start <= i {
                out.push(start..i + 1);
            }
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out.retain(|r| tokens[r.clone()].iter().any(|t| t.kind != Kind::Punct));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn contractions_are_spelt_out_and_spans_stay_on_the_original() {
        assert_eq!(norms("I don't smoke"), ["i", "do", "not", "smoke"]);
        assert_eq!(norms("I can’t sleep"), ["i", "can", "not", "sleep"]);
        assert_eq!(
            norms("What's brought you in?"),
            ["what", "'s", "brought", "you", "in", "?"]
        );
        assert_eq!(
            norms("I've had my mum's tablets"),
            ["i", "have", "had", "my", "mum", "'s", "tablets"]
        );
        let text = "İİİ helps, K pain";
        for t in tokenize(text) {
            assert!(text.get(t.span.clone()).is_some(), "{t:?}");
        }
    }

    #[test]
    fn numbers_hyphens_and_folding() {
        let t = tokenize("3.5 mg, self-harm, 3-4 days, haemoglobin");
        assert_eq!(t[0].number(), Some(3.5));
        assert!(t.iter().any(|x| x.norm == "harm" && x.hyphen));
        assert!(t.iter().any(|x| x.norm == "4" && x.hyphen));
        assert!(t.iter().any(|x| x.norm == "hemoglobin"));
        assert_eq!(fold("diarrhoea"), "diarrhea");
        assert_eq!(fold("tumour"), "tumor");
        assert_eq!(fold("does"), "does");
    }

    #[test]
    fn sentences_end_at_stops_but_not_inside_numbers_or_titles() {
        let text = "It's 3.5 out of 10. Dr. Smith said so! And then?";
        let toks = tokenize(text);
        let s: Vec<&str> = sentences(text, &toks)
            .into_iter()
            .map(|r| slice(text, &toks, r))
            .collect();
        assert_eq!(
            s,
            ["It's 3.5 out of 10.", "Dr. Smith said so!", "And then?"]
        );
    }
}
