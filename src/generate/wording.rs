//! The words a record is written in: sides filled into outline wordings, the
//! chief complaint in the patient's voice, and where the patient lives.

use super::sample::{self, Rng};
use crate::case::{Course, Sex, Span, Symptom};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
    Both,
}

impl Side {
    fn word(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
            Side::Both => "both",
        }
    }
}

/// Fills `{side}` ("left") and `{side:eye}` ("left eye", "both eyes") in a wording.
pub fn fill_side(text: &str, side: Option<Side>) -> String {
    if !text.contains("{side") {
        return text.to_string();
    }
    let side = side.unwrap_or(Side::Both);
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(start) = rest.find("{side") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find('}') else {
            out.push_str(after);
            return out;
        };
        let inner = &after[5..end];
        match inner.strip_prefix(':') {
            Some(noun) if side == Side::Both => {
                out.push_str("both ");
                out.push_str(&plural(noun));
            }
            Some(noun) => {
                out.push_str(side.word());
                out.push(' ');
                out.push_str(noun);
            }
            None => out.push_str(side.word()),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    if side == Side::Both {
        // "my {side:eye}" reads "both my eyes", not "my both eyes".
        out = out
            .replace("my both ", "both my ")
            .replace("the both ", "both the ");
    }
    out
}

fn plural(noun: &str) -> String {
    match noun {
        "foot" => "feet".into(),
        n if n.ends_with('s') || n.ends_with("sh") || n.ends_with("ch") => format!("{n}es"),
        n => format!("{n}s"),
    }
}

/// "3 days" → "three days"; small numbers read better as words in speech.
pub fn spoken_span(span: Span) -> String {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let text = span.to_string();
    match span.amount {
        // "a day", "an hour": nobody says "one day ago".
        1 => {
            let unit = text.replacen("1 ", "", 1);
            let article = if unit.starts_with('h') { "an" } else { "a" };
            format!("{article} {unit}")
        }
        n => match WORDS.get(n as usize) {
            Some(w) if n > 0 => text.replacen(&n.to_string(), w, 1),
            _ => text,
        },
    }
}

/// A span after "the last": "the last day", "the last three weeks".
fn last_span(span: Span) -> String {
    if span.amount == 1 {
        span.to_string().replacen("1 ", "", 1)
    } else {
        spoken_span(span)
    }
}

fn course_phrase(c: Course) -> &'static str {
    match c {
        Course::Worsening => "it's getting worse",
        Course::Improving => "it's easing off a little but it's still there",
        Course::Stable => "it hasn't let up",
        Course::Fluctuating => "it comes and goes in strength",
        Course::Intermittent => "it keeps coming back",
    }
}

/// Nouns ending in "-ing" that name a symptom ("swelling in my ankles"),
/// as opposed to verbs the patient is doing ("feeling sick").
const ING_NOUNS: [&str; 13] = [
    "swelling",
    "bleeding",
    "tingling",
    "burning",
    "itching",
    "ringing",
    "wheezing",
    "spotting",
    "stinging",
    "aching",
    "throbbing",
    "something",
    "nothing",
];

/// Whether a lay wording is something the patient is doing ("feeling sick",
/// "passing water more often") rather than something they have ("a sore back").
pub fn is_doing(lay: &str) -> bool {
    let first = lay
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    first.len() > 4 && first.ends_with("ing") && !ING_NOUNS.contains(&first.as_str())
}

/// "I've had a sore back" or "I've been feeling sick"; `also` adds "also".
pub fn i_have_had(lay: &str, also: bool) -> String {
    let also = if also { "also " } else { "" };
    if let Some(rest) = lay.strip_prefix("being ") {
        return format!("I've {also}been {rest}");
    }
    if is_doing(lay) {
        format!("I've {also}been {lay}")
    } else {
        format!("I've {also}had {lay}")
    }
}

/// The reason for the visit in the patient's own words, built from the chief symptom.
pub fn chief_complaint(rng: &mut Rng, s: &Symptom, second: Option<&Symptom>) -> String {
    let dur = spoken_span(s.onset.ago);
    let lay = &s.lay;
    let course = course_phrase(s.course);
    let mut text = match sample::int_between(rng, 0, 4) {
        0 => format!("{} for {dur}, and {course}.", i_have_had(lay, false)),
        1 => format!("I've come in because of {lay} - it's been {dur} now."),
        2 => format!(
            "For the last {} {}, and {course}.",
            last_span(s.onset.ago),
            i_have_had(lay, false)
        ),
        3 => format!("I'm here about {lay}. It began {dur} ago."),
        // ("I noticed <a noun phrase>" reads badly for too many phrases.)
        _ if is_doing(lay) => format!("About {dur} ago I started {lay}, and {course}."),
        _ => format!("{} for {dur}, and {course}.", i_have_had(lay, false)),
    };
    if let Some(other) = second {
        text.push_str(&format!(" {}.", i_have_had(&other.lay, true)));
    }
    text
}

/// What the patient's household looks like, given age, sex and children.
pub fn living(rng: &mut Rng, age: u32, sex: Sex, children: u32) -> String {
    let has_children = children > 0;
    let partner = |rng: &mut Rng| -> &'static str {
        match (sample::int_between(rng, 0, 9), sex) {
            (0..=1, _) => "my partner",
            (_, Sex::Female) => "my husband",
            (_, Sex::Male) => "my wife",
        }
    };
    // The household's children agree with how many the patient has.
    let kids = |rng: &mut Rng| -> &'static str {
        match children {
            1 => sample::pick(rng, &["our son", "our daughter"]).unwrap_or(&"our son"),
            2 => sample::pick(rng, &["our two children", "our two boys", "our two girls"])
                .unwrap_or(&"our two children"),
            3 => "our three kids",
            _ => "the kids",
        }
    };
    if age < 18 {
        let options = [
            "with my mum and dad",
            "with my mum and dad and my younger brother",
            "with my mum and dad and my older sister",
            "with my mum",
            "with my mum and my stepdad",
            "with my dad",
            "with my grandparents",
        ];
        let i = sample::weighted_index(rng, [0.3, 0.15, 0.15, 0.2, 0.08, 0.07, 0.05]).unwrap_or(0);
        return options[i].to_string();
    }
    if age < 25 {
        let i = sample::weighted_index(rng, [0.45, 0.25, 0.15, 0.15]).unwrap_or(0);
        return match i {
            0 => "with my parents".into(),
            1 => "with two roommates".into(),
            2 => format!("with {}", partner(rng)),
            _ => "on my own in a small apartment".into(),
        };
    }
    if age < 65 {
        let w = if has_children {
            [0.55, 0.15, 0.15, 0.05, 0.1]
        } else {
            [0.55, 0.0, 0.25, 0.08, 0.12]
        };
        let i = sample::weighted_index(rng, w).unwrap_or(0);
        return match i {
            0 if has_children && age < 55 => format!("with {} and {}", partner(rng), kids(rng)),
            0 => format!("with {}", partner(rng)),
            1 if children == 1 => "with my child; I'm a single parent".into(),
            1 => "with my kids; I'm a single parent".into(),
            2 => "on my own".into(),
            3 => "with my elderly mother".into(),
            _ => "with a roommate".into(),
        };
    }
    let w = if has_children {
        [0.5, 0.33, 0.12, 0.05]
    } else {
        [0.55, 0.4, 0.0, 0.05]
    };
    let i = sample::weighted_index(rng, w).unwrap_or(0);
    match i {
        0 => format!("with {}", partner(rng)),
        1 => "on my own since my spouse died".into(),
        2 => "with my daughter and her family".into(),
        _ if age >= 80 => "in a care home".into(),
        _ => "on my own in a retirement community".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_fill_in_singular_and_plural() {
        assert_eq!(
            fill_side("pain in my {side:knee}", Some(Side::Left)),
            "pain in my left knee"
        );
        assert_eq!(
            fill_side("blurred {side:eye}", Some(Side::Both)),
            "blurred both eyes"
        );
        assert_eq!(
            fill_side("{side} flank, {side} loin", Some(Side::Right)),
            "right flank, right loin"
        );
        assert_eq!(fill_side("no side here", Some(Side::Right)), "no side here");
        assert_eq!(fill_side("broken {side", Some(Side::Right)), "broken {side");
    }

    #[test]
    fn spans_are_spoken() {
        assert_eq!(spoken_span("3 days".parse().unwrap()), "three days");
        assert_eq!(spoken_span("1 week".parse().unwrap()), "a week");
        assert_eq!(spoken_span("1 hour".parse().unwrap()), "an hour");
        assert_eq!(spoken_span("18 months".parse().unwrap()), "18 months");
    }

    #[test]
    fn both_sides_read_as_english() {
        assert_eq!(
            fill_side("pain in my {side:eye}", Some(Side::Both)),
            "pain in both my eyes"
        );
        assert_eq!(
            fill_side("the {side:side} of my back", Some(Side::Both)),
            "both the sides of my back"
        );
        assert_eq!(last_span("1 day".parse().unwrap()), "day");
        assert_eq!(last_span("2 days".parse().unwrap()), "two days");
    }

    #[test]
    fn doing_and_having_take_different_verbs() {
        assert_eq!(i_have_had("feeling sick", false), "I've been feeling sick");
        assert_eq!(
            i_have_had("passing water more often", true),
            "I've also been passing water more often"
        );
        assert_eq!(
            i_have_had("swelling in my ankles", false),
            "I've had swelling in my ankles"
        );
        assert_eq!(
            i_have_had("a terrible tummy ache", true),
            "I've also had a terrible tummy ache"
        );
        assert!(!is_doing("king-size headaches"));
    }
}
