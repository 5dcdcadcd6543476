//! Times said by the calendar ("since Christmas", "since Monday", "back in
//! March", "towards the end of November", "last summer"), as days before the
//! consultation's date.

use super::text::{self, Token};
use std::ops::Range;
use time::{Date, Month, Weekday};

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

/// The most recent date with this month and day before `today` (or today).
fn last(today: Date, month: u8, day: u8) -> Option<Date> {
    let m = Month::try_from(month).ok()?;
    let this = Date::from_calendar_date(today.year(), m, day).ok()?;
    if this <= today {
        Some(this)
    } else {
        Date::from_calendar_date(today.year() - 1, m, day).ok()
    }
}

/// Easter Sunday of a year (the Gregorian computus).
fn easter(year: i32) -> Option<Date> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::from_calendar_date(year, Month::try_from(month as u8).ok()?, day as u8).ok()
}

/// A named day or season at token `i`, with the token after it.
fn anchor(t: &[Token], i: usize, today: Date) -> Option<(Date, usize)> {
    let w = |k: usize| t.get(k).map_or("", |x| x.norm.as_str());
    let mut k = i;
    if matches!(w(k), "the" | "last") {
        k += 1;
    }
    // Where in a month or season: "the start of", "the end of", "mid".
    let (offset, k) = match (w(k), w(k + 1), w(k + 2)) {
        ("start" | "beginning", "of", _) => (Some(3u8), k + 2 + usize::from(w(k + 2) == "the")),
        ("end", "of", _) => (Some(27), k + 2 + usize::from(w(k + 2) == "the")),
        ("middle", "of", _) => (Some(15), k + 2 + usize::from(w(k + 2) == "the")),
        ("mid", _, _) => (Some(15), k + 1),
        _ => (None, k),
    };
    let word = w(k);
    if let Some(m) = MONTHS.iter().position(|m| *m == word) {
        let day = offset.unwrap_or(1);
        return Some((last(today, m as u8 + 1, day)?, k + 1));
    }
    if let Some((_, wd)) = WEEKDAYS
        .iter()
        .find(|(n, _)| *n == word || format!("{n}s") == word)
    {
        let mut d = today.previous_day()?;
        while d.weekday() != *wd {
            d = d.previous_day()?;
        }
        return Some((d, k + 1));
    }
    let fixed = match (word, w(k + 1)) {
        ("christmas" | "xmas", "eve") => Some((12, 24, 2)),
        ("christmas" | "xmas", _) => Some((12, 25, 1)),
        ("boxing", "day") => Some((12, 26, 2)),
        ("new", "year") | ("new", "years") => Some((1, 1, 2)),
        ("halloween", _) => Some((10, 31, 1)),
        ("bonfire", "night") => Some((11, 5, 2)),
        ("valentine", _) | ("valentines", _) => Some((2, 14, 1)),
        ("thanksgiving", _) => Some((11, 25, 1)),
        _ => None,
    };
    if let Some((m, d, len)) = fixed {
        let mut end = k + len;
        if w(end) == "'s" || w(end) == "day" {
            end += 1;
        }
        return Some((last(today, m, d)?, end));
    }
    if word == "easter" {
        let this = easter(today.year())?;
        let d = if this <= today {
            this
        } else {
            easter(today.year() - 1)?
        };
        return Some((d, k + 1));
    }
    let season = match word {
        "spring" => Some(4),
        "summer" => Some(7),
        "autumn" | "fall" => Some(10),
        "winter" => Some(1),
        _ => None,
    };
    if let Some(m) = season {
        let day = offset.unwrap_or(15);
        // "since the summer", "last winter": the most recent one already begun.
        let start = last(today, m, day)?;
        return Some((start, k + 1));
    }
    None
}

/// Days before `today` named by a calendar time in `text`, with its byte
/// range: "since Christmas", "just after New Year", "back in March", "last
/// Monday", "towards the end of November".
pub fn find_days_before(text: &str, today: Date) -> Option<(f64, Range<usize>)> {
    let t = text::tokenize(text);
    for i in 0..t.len() {
        let lead = matches!(
            t[i].norm.as_str(),
            "since"
                | "from"
                | "in"
                | "around"
                | "about"
                | "before"
                | "after"
                | "over"
                | "at"
                | "last"
                | "towards"
                | "toward"
                | "on"
                | "by"
                | "till"
                | "until"
        );
        if !lead {
            continue;
        }
        let start = i;
        let mut k = i + 1;
        // "just before", "right after", "towards the end of"
        if t.get(k)
            .is_some_and(|x| matches!(x.norm.as_str(), "about" | "around"))
        {
            k += 1;
        }
        // "over the Christmas holidays"
        if t.get(k).is_some_and(|x| x.norm == "the")
            && t.get(k + 1)
                .is_some_and(|x| matches!(x.norm.as_str(), "christmas" | "xmas"))
        {
            k += 1;
        }
        let Some((date, end)) = anchor(&t, if t[i].norm == "last" { i } else { k }, today) else {
            continue;
        };
        let mut days = (today - date).whole_days() as f64;
        // "the spring before last", "Christmas the year before last": a year further back.
        let mut end = end;
        let w = |k: usize| t.get(k).map_or("", |x| x.norm.as_str());
        if w(end) == "before" && w(end + 1) == "last" {
            days += 365.0;
            end += 2;
        } else if w(end) == "the"
            && w(end + 1) == "year"
            && w(end + 2) == "before"
            && w(end + 3) == "last"
        {
            days += 365.0;
            end += 4;
        }
        let before_word = t.get(i.saturating_sub(1)).map_or("", |x| x.norm.as_str());
        let shift = match (t[i].norm.as_str(), before_word) {
            ("before", _) => -3.0,
            ("after", _) => 3.0,
            _ => 0.0,
        };
        days = (days - shift).max(0.0);
        let from = if before_word == "just" || before_word == "right" {
            i - 1
        } else {
            start
        };
        return Some((days, text::span_of(&t, from..end)));
    }
    // "The year before last" with no season or feast before it: about a year
    // and a half back.
    let i = (0..t.len()).find(|&i| {
        t[i..]
            .iter()
            .take(3)
            .map(|x| x.norm.as_str())
            .eq(["year", "before", "last"])
    })?;
    let from = if i > 0 && t[i - 1].norm == "the" {
        i - 1
    } else {
        i
    };
    Some((365.25 * 1.5, text::span_of(&t, from..i + 3)))
}

/// A day said without a number: "this morning", "last night",
/// "yesterday", "today", "the other day", as days before now.
pub fn find_day(text: &str) -> Option<(f64, Range<usize>)> {
    let t = text::tokenize(text);
    let w = |k: usize| t.get(k).map_or("", |x| x.norm.as_str());
    for i in 0..t.len() {
        let (days, len) = match (w(i), w(i + 1), w(i + 2)) {
            ("this" | "earlier", "morning" | "afternoon", _) => (0.3, 2),
            ("this", "evening", _) | ("tonight", _, _) => (0.1, 1 + usize::from(w(i) == "this")),
            ("earlier", "today", _) | ("today", _, _) => (0.2, 1 + usize::from(w(i) == "earlier")),
            ("last", "night", _) | ("overnight", _, _) => (0.75, 1 + usize::from(w(i) == "last")),
            ("yesterday", _, _) => (1.0, 1),
            ("last", "week", _) => (7.0, 2),
            ("last", "month", _) => (30.0, 2),
            ("last", "year", _) => (365.0, 2),
            ("the", "other", "day") => (3.0, 3),
            ("the", "day", "before") if w(i + 3) == "yesterday" => (2.0, 4),
            _ => continue,
        };
        return Some((days, text::span_of(&t, i..i + len)));
    }
    None
}

/// Days ago of a time said by the patient's age: "when I was twelve",
/// "at sixty-three", "aged 40", "in my early fifties".
pub fn find_by_age(text: &str, age: f64) -> Option<(f64, Range<usize>)> {
    let t = text::tokenize(text);
    let w = |k: usize| t.get(k).map_or("", |x| x.norm.as_str());
    for i in 0..t.len() {
        let start = match (w(i), w(i + 1), w(i + 2)) {
            ("when", "i", "was") => i + 3,
            ("aged", _, _) => i + 1,
            ("at", "the", "age") if w(i + 3) == "of" => i + 4,
            ("in", "my", _) => i + 2,
            _ => continue,
        };
        let mut k = start;
        while matches!(
            w(k),
            "a" | "about"
                | "around"
                | "roughly"
                | "girl"
                | "boy"
                | "kid"
                | "child"
                | "lad"
                | "lass"
                | "teenager"
                | "of"
                | "just"
                | "only"
                | "young"
        ) {
            k += 1;
        }
        let rest = text
            .get(t.get(k).map_or(text.len(), |x| x.span.start)..)
            .unwrap_or("");
        let first: String = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .next()
            .unwrap_or("")
            .to_string();
        let decade = [
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
        ];
        let (was, end) = if let Some(d) = decade.iter().position(|d| *d == first.to_lowercase()) {
            (f64::from(d as u8 + 2) * 10.0 + 5.0, k + 1)
        } else if let Some(n) = super::quantity::number_word(&first).filter(|n| *n >= 1.0) {
            (n, k + 1 + first.matches('-').count())
        } else {
            continue;
        };
        if was <= age {
            return Some(((age - was) * 365.25, text::span_of(&t, i..end.min(t.len()))));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::from_calendar_date(2027, Month::January, 12).unwrap()
    }

    #[test]
    fn calendar_times_count_back_from_the_consultation() {
        let days = |s: &str| find_days_before(s, today()).map(|d| d.0);
        assert_eq!(days("ever since Christmas"), Some(18.0));
        assert_eq!(days("it started over the Christmas holidays"), Some(18.0));
        assert_eq!(days("since New Year's Day"), Some(11.0));
        assert_eq!(days("just before Christmas"), Some(21.0));
        assert_eq!(days("since Monday"), Some(1.0));
        assert_eq!(days("since Tuesday"), Some(7.0));
        assert_eq!(days("back in March"), Some(317.0));
        assert_eq!(days("towards the end of November"), Some(46.0));
        assert_eq!(days("since the summer"), Some(181.0));
        assert_eq!(days("around the spring before last"), Some(637.0));
        assert_eq!(days("they found it the year before last"), Some(547.875));
        // A feast named with it is that feast, a year further back.
        assert_eq!(
            days("since Christmas the year before last"),
            days("since Christmas").map(|d| d + 365.0)
        );
        assert_eq!(
            find_day("it only started this morning").map(|d| d.0),
            Some(0.3)
        );
        assert_eq!(days("for two days"), None);
        assert_eq!(days("I may be wrong"), None);
        let s = "It started just after New Year, I think.";
        let (_, r) = find_days_before(s, today()).unwrap();
        assert_eq!(&s[r], "just after New Year");
    }
}
