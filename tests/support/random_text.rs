//! Random text for the no-panic tests and the fuzz bench: code points of
//! every plane, weighted towards the awkward ones, and words the readers act on.

use rand::Rng;

/// Text of random code points, weighted towards the ones whose lower case
/// is longer or shorter than they are ("İ", the Kelvin sign), joiners,
/// digits and punctuation the readers cut at.
pub fn random_text(rng: &mut impl Rng) -> String {
    const AWKWARD: &[char] = &[
        'İ', 'K', 'ẞ', 'ß', 'Σ', 'ς', 'ﬁ', '\u{301}', '\u{200d}', '\u{feff}', '’', '—', '½', '٣',
        '.', ',', '?', '!', '"', '\'', '-', '/', ' ', ' ', ' ', '\n', '\t',
    ];
    const WORDS: &[&str] = &[
        "pain",
        "no",
        "not",
        "since",
        "ago",
        "helps",
        "worse",
        "my",
        "back",
        "two",
        "weeks",
        "yes",
        "mother",
        "smoke",
        "allergic",
        "to",
        "İstanbul",
        "KELVIN",
        "ﬁne",
        "mg",
        "daily",
    ];
    let n = rng.random_range(0..40);
    let mut s = String::new();
    for _ in 0..n {
        match rng.random_range(0..4) {
            0 => s.push(AWKWARD[rng.random_range(0..AWKWARD.len())]),
            1 => {
                s.push_str(WORDS[rng.random_range(0..WORDS.len())]);
                s.push(' ');
            }
            2 => s.extend(char::from_u32(rng.random_range(0x20..0x3000))),
            _ => s.extend(char::from_u32(rng.random_range(0..0x11_0000))),
        }
    }
    s
}

/// A case line with each string leaf replaced, one time in three, by random text.
pub fn scramble(v: &serde_json::Value, rng: &mut impl Rng) -> serde_json::Value {
    use serde_json::Value as V;
    match v {
        V::String(_) if rng.random_range(0..3) == 0 => V::String(random_text(rng)),
        V::Array(items) => V::Array(items.iter().map(|x| scramble(x, rng)).collect()),
        V::Object(map) => V::Object(
            map.iter()
                .map(|(k, x)| (k.clone(), scramble(x, rng)))
                .collect(),
        ),
        other => other.clone(),
    }
}
