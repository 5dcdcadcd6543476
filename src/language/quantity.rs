//! Quantities as patients say them: durations, counts, frequencies, pain scores.
//!
//! Everything runs over a small hand tokenizer (no regex): lowercase word and
//! number tokens that keep their byte ranges in the original text, so every
//! finder can say exactly which words it read. Hyphens split tokens
//! ("twenty-one", "10-day") but are remembered, because "3-4 days" is a range
//! and "a six-pack" is six beers rather than six packs.

use std::ops::Range;

struct Tok {
    w: String,
    span: Range<usize>,
    /// Directly preceded by a hyphen.
    hyph: bool,
    /// Preceded by punctuation other than a hyphen (a comma, a full stop...).
    punct: bool,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let at = |k: usize| text[k..].chars().next();
    let (mut toks, mut k, mut hyph, mut punct) = (Vec::new(), 0, false, false);
    while let Some(c) = at(k) {
        if !(c == '/' || c.is_alphanumeric()) {
            hyph |= c == '-';
            punct |= c != '-' && !c.is_whitespace();
            k += c.len_utf8();
            continue;
        }
        // Digits and letters form separate tokens ("3days", "24h"); "3.5" and "it's" stay whole.
        let digit = c.is_ascii_digit();
        let mut end = k + c.len_utf8();
        while let (Some(d), false) = (at(end), c == '/') {
            let next = at(end + d.len_utf8());
            let ok = if digit {
                d.is_ascii_digit() || (d == '.' && next.is_some_and(|x| x.is_ascii_digit()))
            } else {
                let apostrophe = matches!(d, '\'' | '\u{2019}');
                d.is_alphabetic() || (apostrophe && next.is_some_and(char::is_alphabetic))
            };
            if !ok {
                break;
            }
            end += d.len_utf8();
        }
        let w = text[k..end].to_lowercase();
        toks.push(Tok {
            w,
            span: k..end,
            hyph,
            punct,
        });
        (k, hyph, punct) = (end, false, false);
    }
    toks
}

fn word(t: &[Tok], i: usize) -> &str {
    t.get(i).map_or("", |x| x.w.as_str())
}

/// Whether `w` is one of the space-separated words in `list`.
fn among(w: &str, list: &str) -> bool {
    list.split(' ').any(|x| x == w)
}

fn is(t: &[Tok], i: usize, list: &str) -> bool {
    among(word(t, i), list)
}

/// Whether a name has one of the words, singular or plural ("glasses" has "glass").
fn has(name: &str, stems: &str) -> bool {
    let plural =
        |w: &str, s: &str| w.strip_suffix('s') == Some(s) || w.strip_suffix("es") == Some(s);
    name.split(' ')
        .any(|w| stems.split(' ').any(|s| w == s || plural(w, s)))
}

/// The tokens' words, space-separated.
fn joined(t: &[Tok]) -> String {
    t.iter().map(|x| x.w.as_str()).collect::<Vec<_>>().join(" ")
}

fn span(t: &[Tok], toks: Range<usize>) -> Range<usize> {
    t[toks.start].span.start..t[toks.end - 1].span.end
}

const ONES: &str = "zero one two three four five six seven eight nine ten eleven twelve thirteen \
                    fourteen fifteen sixteen seventeen eighteen nineteen";
const TENS: &str = "twenty thirty forty fifty sixty seventy eighty ninety";

/// A plain number token: digits or a single number word (no "a couple", no "half").
fn plain(w: &str) -> Option<f64> {
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        return w.parse().ok();
    }
    let pos = |list: &str| list.split(' ').position(|x| x == w).map(|n| n as f64);
    pos(ONES).or_else(|| pos(TENS).map(|n| (n + 2.0) * 10.0))
}

/// A number starting at token `i`, with the index of the token after it.
fn parse_number(t: &[Tok], i: usize) -> Option<(f64, usize)> {
    let (mut n, mut j) = match word(t, i) {
        "a" | "an" => match word(t, i + 1) {
            "couple" => (2.0, i + 2),
            "few" => (3.0, i + 2),
            "dozen" => (12.0, i + 2),
            "half" => (0.5, i + 2),
            "quarter" => (0.25, i + 2),
            // "a 6", "a hundred": the article only introduces the number.
            w if !among(w, "a an") && parse_number(t, i + 1).is_some() => {
                return parse_number(t, i + 1);
            }
            _ => (1.0, i + 1),
        },
        // "half a pack", "half an hour": the article belongs to the half.
        "half" => (0.5, i + 1 + usize::from(is(t, i + 1, "a an"))),
        "couple" => (2.0, i + 1),
        "few" | "several" => (3.0, i + 1),
        "dozen" => (12.0, i + 1),
        // "the thousand milligram ones"
        "hundred" => (100.0, i + 1),
        "thousand" => (1000.0, i + 1),
        w => match (plain(w)?, plain(word(t, i + 1))) {
            // "twenty-one", "twenty one"
            (n, Some(u)) if among(w, TENS) && (1.0..10.0).contains(&u) => (n + u, i + 2),
            (n, _) => (n, i + 1),
        },
    };
    match word(t, j) {
        "hundred" => (n, j) = (n * 100.0, j + 1),
        "thousand" => (n, j) = (n * 1000.0, j + 1),
        "dozen" => (n, j) = (n * 12.0, j + 1),
        "quarter" | "quarters" => (n, j) = (n * 0.25, j + 1),
        _ => {}
    }
    if and_a_half(t, j) {
        (n, j) = (n + 0.5, j + 3);
    }
    Some((n, j))
}

fn and_a_half(t: &[Tok], j: usize) -> bool {
    word(t, j) == "and" && is(t, j + 1, "a an") && word(t, j + 2) == "half"
}

/// The second number of a range ("or two", "to 10", "-4"), if it is larger than the first `n`.
/// A bare article is no second number: "a 5 or a 6" is a range, "five or a day" is not.
fn range_end(t: &[Tok], k: usize, n: f64) -> Option<(f64, usize)> {
    parse_number(t, k).filter(|&(m, l)| m > n && !(l == k + 1 && is(t, k, "a an")))
}

/// A number or a range of two ("3-4", "two or three", "5 to 10"), ranges averaged.
fn parse_range(t: &[Tok], i: usize) -> Option<(f64, usize)> {
    let (n, j) = parse_number(t, i)?;
    let hyph = t.get(j).is_some_and(|x| x.hyph);
    let k = if is(t, j, "or to") { j + 1 } else { j };
    match range_end(t, k, n) {
        Some((m, l)) if k > j || hyph => Some(((n + m) / 2.0, l)),
        _ => Some((n, j)),
    }
}

/// A number written as digits or words: "3", "3.5", "three", "twenty-one", "a", "an",
/// "a couple" (2), "a few" (3), "several" (3), "a dozen" (12), "half" (0.5),
/// "one and a half" (1.5).
pub fn number_word(s: &str) -> Option<f64> {
    let t = tokenize(s);
    parse_number(&t, 0)
        .filter(|&(_, j)| j == t.len())
        .map(|(n, _)| n)
}

/// Days in one of a time unit ("days", "hrs", "fortnight").
pub fn unit_days(w: &str) -> Option<f64> {
    Some(match w.strip_suffix('s').unwrap_or(w) {
        "minute" | "min" => 1.0 / 1440.0,
        "hour" | "hr" | "h" => 1.0 / 24.0,
        "day" | "night" => 1.0,
        "week" | "wk" => 7.0,
        "fortnight" => 14.0,
        "month" | "mo" => 30.44,
        "year" | "yr" => 365.25,
        "decade" => 3652.5,
        _ => return None,
    })
}

/// Set phrases that name a length of time without a number.
fn time_phrase(t: &[Tok], i: usize) -> Option<(f64, usize)> {
    match word(t, i) {
        "overnight" => Some((0.5, i + 1)),
        // "the day before yesterday": two days.
        "day" if word(t, i + 1) == "before" && word(t, i + 2) == "yesterday" => Some((2.0, i + 3)),
        "since" => {
            let (days, len) = match (word(t, i + 1), word(t, i + 2)) {
                ("yesterday", _) => (1.0, 2),
                ("last", "night") => (0.75, 3),
                ("this", "morning") => (0.3, 3),
                ("the", "weekend") => (3.0, 3),
                ("last", w) if !w.ends_with('s') => (unit_days(w)?, 3),
                _ => return None,
            };
            Some((days, i + len))
        }
        // "for the past week": one of the unit ("the past 3 days" is read from the number).
        "the" | "this" if is(t, i + 1, "past last") && !word(t, i + 2).ends_with('s') => {
            Some((unit_days(word(t, i + 2))?, i + 3))
        }
        _ => None,
    }
}

/// "ten days", "a couple of years", "a week and a half", "a day or two", "3-4 weeks".
fn counted_time(t: &[Tok], i: usize) -> Option<(f64, usize)> {
    let (n, mut j) = parse_range(t, i)?;
    if word(t, j) == "of" {
        // "a couple of days", "a quarter of an hour"
        j += 1 + usize::from(is(t, j + 1, "a an"));
    }
    let f = unit_days(word(t, j))?;
    let (mut days, mut j) = (n * f, j + 1);
    if and_a_half(t, j) {
        (days, j) = (days + f / 2.0, j + 3);
    } else if let Some((m, k)) = range_end(t, j + 1, n).filter(|_| is(t, j, "or to")) {
        // "a day or two", "a week or 10 days"
        let (f2, k) = unit_days(word(t, k)).map_or((f, k), |f2| (f2, k + 1));
        (days, j) = ((days + m * f2) / 2.0, k);
    }
    // "One minute I was fine and the next...": a turn of speech, no length of time.
    let one_moment = n == 1.0
        && is(t, j - 1, "minute second moment")
        && (j..(j + 10).min(t.len())).any(|k| word(t, k) == "the" && word(t, k + 1) == "next");
    // "45 years old", "a 2 year old" are ages, not lengths of time.
    (!is(t, j, "old older younger") && !one_moment).then_some((days, j))
}

/// A length of time in days found in the text, with the byte range of the words it came from.
/// Months are 30.44 days, years 365.25; "ages" and bare numbers are no duration, and "ago"
/// is left to the caller ("3 days ago" gives 3).
pub fn find_duration(text: &str) -> Option<(f64, Range<usize>)> {
    find_durations(text).into_iter().next()
}

/// Every duration in the text, left to right, non-overlapping.
pub fn find_durations(text: &str) -> Vec<(f64, Range<usize>)> {
    let t = tokenize(text);
    // "a pack a day" and "three times a week" are rates: their "a day" is no length of time.
    let rates: Vec<Range<usize>> = amounts(&t).into_iter().map(|f| f.toks).collect();
    let (mut out, mut i) = (Vec::new(), 0);
    while i < t.len() {
        match time_phrase(&t, i).or_else(|| counted_time(&t, i)) {
            Some((days, j)) if !rates.iter().any(|r| r.start < j && i < r.end) => {
                out.push((days, span(&t, i..j)));
                i = j;
            }
            _ => i += 1,
        }
    }
    out
}

/// Words that may follow "a 6" when it is a score ("about a 6 today"); "a 6 inch cut" is not one.
const AFTER_SCORE: &str = "or now today tonight maybe probably at right but and when i it most usually tops ish so then on if";

/// A pain or severity score: "7 out of 10", "seven out of ten", "8/10", "about a 6",
/// "a six out of ten", "9 on a scale of 1 to 10". Scores out of 5 or 100 are scaled to 10.
pub fn find_score(text: &str) -> Option<(f64, Range<usize>)> {
    let t = tokenize(text);
    (0..t.len()).find_map(|i| score_at(&t, i).map(|(s, j)| (s, span(&t, i..j))))
}

fn score_at(t: &[Tok], i: usize) -> Option<(f64, usize)> {
    let article = is(t, i, "a an");
    plain(word(t, i + usize::from(article)))?;
    let (n, j) = parse_range(t, i)?;
    let (out_of, k) = match word(t, j) {
        "out" if word(t, j + 1) == "of" => parse_number(t, j + 2)?,
        "/" if word(t, j + 2) != "/" => parse_number(t, j + 1)?, // "3/10/2024" is a date
        "on" if word(t, j + 1) == "a" && word(t, j + 2) == "scale" => {
            // "of 1 to 10", "from 0-10", or no range at all.
            let k = j + 3 + usize::from(is(t, j + 3, "of from"));
            let to = |l: usize| l + usize::from(word(t, l) == "to");
            parse_number(t, k)
                .and_then(|(_, l)| parse_number(t, to(l)))
                .unwrap_or((10.0, j + 3))
        }
        _ if article
            && n <= 10.0
            && t.get(j).is_none_or(|x| x.punct || among(&x.w, AFTER_SCORE)) =>
        {
            return Some((n, j));
        }
        _ => return None,
    };
    ([5.0, 10.0, 100.0].contains(&out_of) && n <= out_of).then_some((n * 10.0 / out_of, k))
}

/// A score given bare in answer to "how bad, out of ten?": "I'd say eight
/// or nine", "a good eight", "about a seven". Only for a reply to a question
/// that asked for a score: elsewhere a bare number is not one.
pub fn find_answer_score(text: &str) -> Option<(f64, Range<usize>)> {
    let t = tokenize(text);
    find_score(text).or_else(|| {
        (0..t.len()).find_map(|i| {
            if is(&t, i.wrapping_sub(1), "the this that every each one") {
                return None;
            }
            let mut k = i;
            if is(&t, k, "a an") {
                k += 1 + usize::from(is(&t, k + 1, "good solid strong high low easy decent"));
            }
            plain(word(&t, k))?;
            let (n, j) = parse_range(&t, k)?;
            let ends = t.get(j).is_none_or(|x| x.punct || among(&x.w, AFTER_SCORE));
            (n <= 10.0 && ends).then(|| (n, span(&t, i..j)))
        })
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Per {
    Day,
    Week,
    Month,
    Year,
}

/// How much of something per period: "a pack a day", "10 cigarettes a day" (10, "cigarettes"),
/// "two glasses of wine a night", "a couple of beers at the weekend", "once a month", "every day",
/// "three times a week". `what` is the thing counted as said; `None` for bare counts and
/// frequencies. No conversion: "a bottle of wine a week" is one bottle (see `drinks_per_week`).
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub amount: f64,
    pub what: Option<String>,
    pub per: Per,
    pub span: Range<usize>,
}

pub fn find_amount(text: &str) -> Option<Amount> {
    amounts(&tokenize(text))
        .into_iter()
        .next()
        .map(|f| f.amount)
}

/// Whether an amount counts things ("ten cigarettes") or occasions ("twice", "every night").
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Count,
    Times,
}

struct Found {
    amount: Amount,
    kind: Kind,
    toks: Range<usize>,
}

/// A period word, with how many of the period it stands for ("fortnight" is half a week's worth).
fn period(w: &str) -> Option<(Per, f64)> {
    Some(match w.strip_suffix('s').unwrap_or(w) {
        "day" | "night" | "evening" | "morning" | "afternoon" => (Per::Day, 1.0),
        "week" | "weekend" => (Per::Week, 1.0),
        "fortnight" => (Per::Week, 0.5),
        "month" => (Per::Month, 1.0),
        "year" => (Per::Year, 1.0),
        d if among(
            d,
            "monday tuesday wednesday thursday friday saturday sunday",
        ) =>
        {
            (Per::Week, 1.0)
        }
        _ => return None,
    })
}

/// "a day", "per week", "every other day", "at the weekend", "on Saturdays", "most weekends",
/// "daily".
fn per_at(t: &[Tok], j: usize) -> Option<(Per, f64, usize)> {
    let (per, mult, mut k) = match word(t, j) {
        "daily" | "nightly" => (Per::Day, 1.0, j + 1),
        "weekly" => (Per::Week, 1.0, j + 1),
        "monthly" => (Per::Month, 1.0, j + 1),
        "yearly" | "annually" => (Per::Year, 1.0, j + 1),
        "a" | "an" | "per" | "each" | "every" => {
            let other = word(t, j + 1) == "other";
            let k = j + 1 + usize::from(other);
            let (per, f) = period(word(t, k))?;
            (per, f * if other { 0.5 } else { 1.0 }, k + 1)
        }
        // "five or so in a week", "twice in a day".
        "in" if is(t, j + 1, "a an") && period(word(t, j + 2)).is_some() => {
            let (per, f) = period(word(t, j + 2))?;
            (per, f, j + 3)
        }
        w @ ("at" | "on" | "most") => {
            let k = j + 1 + usize::from(is(t, j + 1, "the a"));
            let (per, f) = period(word(t, k))?;
            // "at the weekend", "on Saturdays", "most nights"; not "at night" or "on a good day".
            if per != Per::Week && !(w == "most" && per == Per::Day) {
                return None;
            }
            // "On Sundays", "on a Saturday" is every week; "it came on on
            // Sunday" is one day.
            let day = word(t, k);
            let any = word(t, j + 1) == "a";
            if w == "on" && !any && !day.ends_with('s') && !day.starts_with("week") {
                return None;
            }
            (per, f, k + 1)
        }
        _ => return None,
    };
    k += usize::from(is(t, k, "night nights")); // "on Friday nights"
    (word(t, k) != "ago").then_some((per, mult, k))
}

/// Words that end the name of the thing counted.
const NOT_WHAT: &str = "a an the per each every on at in most or and to for maybe about i it is but ago since so times \
     time other with when if half";

type Count = (f64, Option<String>, Kind, usize);

/// A count and what it counts: "three beers", "a couple of glasses of wine", "a six-pack", "twice".
fn count_at(t: &[Tok], i: usize) -> Option<Count> {
    let (n, mut j) = match word(t, i) {
        "once" => return Some((1.0, None, Kind::Times, i + 1)),
        "twice" => return Some((2.0, None, Kind::Times, i + 1)),
        "thrice" => return Some((3.0, None, Kind::Times, i + 1)),
        _ => parse_range(t, i)?,
    };
    j += usize::from(word(t, j) == "of"); // "a couple of beers"
    // "a quarter of a pack", "half of a bottle": the article is the fraction's.
    if n < 1.0 && word(t, j - 1) == "of" && is(t, j, "a an") {
        j += 1;
    }
    let pack = |k: usize| {
        t.get(k)
            .is_some_and(|x| x.hyph && among(&x.w, "pack packs"))
    };
    if pack(j) {
        return Some((1.0, Some(format!("{n}-pack")), Kind::Count, j + 1)); // "a six-pack"
    }
    if let Some((size, k)) = parse_number(t, j).filter(|&(_, k)| pack(k)) {
        return Some((n, Some(format!("{size}-pack")), Kind::Count, k + 1)); // "two six-packs"
    }
    // "three times a week", and "three nights a week": occasions, not a length of time.
    let nights =
        is(t, j, "day days night nights") && per_at(t, j + 1).is_some_and(|p| p.0 != Per::Day);
    if nights || is(t, j, "time times") {
        return Some((n, None, Kind::Times, j + 1));
    }
    let start = j;
    let what_word = |w: &str| {
        let known = period(w).is_some() || unit_days(w).is_some() || plain(w).is_some();
        !w.is_empty() && w.chars().all(char::is_alphabetic) && !among(w, NOT_WHAT) && !known
    };
    while j < start + 4
        && (what_word(word(t, j)) || (j > start && word(t, j) == "of"))
        && (j == start || !t[j].punct)
    {
        j += 1;
    }
    while j > start && word(t, j - 1) == "of" {
        j -= 1;
    }
    let what = (j > start).then(|| joined(&t[start..j]));
    if and_a_half(t, j) {
        return Some((n + 0.5, what, Kind::Count, j + 3)); // "a pack and a half"
    }
    // "a pint or two": the range is split by the thing counted.
    match range_end(t, j + 1, n).filter(|_| word(t, j) == "or") {
        Some((m, k)) => Some(((n + m) / 2.0, what, Kind::Count, k)),
        None => Some((n, what, Kind::Count, j)),
    }
}

fn amount_at(t: &[Tok], i: usize) -> Option<Found> {
    let (n, what, kind, (per, mult, end)) = match per_at(t, i) {
        // "every day", "most weekends", "daily": one occasion per period.
        Some(p) if !is(t, i, "a an per") => (1.0, None, Kind::Times, p),
        _ => {
            let (n, what, kind, j) = count_at(t, i)?;
            (n, what, kind, per_at(t, j)?)
        }
    };
    let amount = Amount {
        amount: n * mult,
        what,
        per,
        span: span(t, i..end),
    };
    Some(Found {
        amount,
        kind,
        toks: i..end,
    })
}

/// Every amount in the tokens, left to right, non-overlapping.
fn amounts(t: &[Tok]) -> Vec<Found> {
    let (mut out, mut i) = (Vec::new(), 0);
    while i < t.len() {
        match amount_at(t, i) {
            Some(f) => {
                i = f.toks.end;
                out.push(f);
            }
            None => i += 1,
        }
    }
    out
}

/// Converts a text's amounts with `unit` (units per thing counted, given its name if said) and
/// `scale` (periods to the wanted period). Failing a direct rate, combines a frequency with a
/// count said apart from it: "every night, about three beers".
fn rate(
    text: &str,
    unit: impl Fn(Option<&str>) -> Option<f64>,
    scale: impl Fn(Per) -> f64,
) -> Option<f64> {
    let t = tokenize(text);
    let found = amounts(&t);
    let direct =
        |f: &Found| Some(f.amount.amount * unit(f.amount.what.as_deref())? * scale(f.amount.per));
    if let Some(v) = found
        .iter()
        .filter(|f| f.kind == Kind::Count)
        .find_map(direct)
    {
        return Some(v);
    }
    let occasions = found.iter().find(|f| f.kind == Kind::Times)?;
    let each = (0..t.len()).find_map(|i| match count_at(&t, i)? {
        (n, Some(what), Kind::Count, _) => Some(n * unit(Some(&what))?),
        _ => None,
    })?;
    Some(occasions.amount.amount * scale(occasions.amount.per) * each)
}

const NOT_ALCOHOL: &str = "water coffee tea juice milk soda coke pop espresso energy cup";
const SPIRITS: &str = "spirit vodka whisky whiskey gin rum tequila brandy";
const ONE_DRINK: &str = "drink beer lager ale stout cider pint glass can shot wine cocktail";

/// Standard drinks per week implied by the text, if it states an amount of alcohol:
/// "a couple of beers at the weekend" -> 2, "two glasses of wine a night" -> 14,
/// "a bottle of wine a week" -> 5, "a few drinks most weekends" -> 3,
/// "a six-pack on Saturdays" -> 6,
/// "one drink a month" -> 0.25, "every night, about three beers" -> 21.
pub fn drinks_per_week(text: &str) -> Option<f64> {
    let said = joined(&tokenize(text));
    let drinks = |what: Option<&str>| -> Option<f64> {
        // A bare count ("about three a night") is taken as drinks when alcohol is named at all.
        let Some(what) = what else {
            return has(&said, "drink drinking beer wine pint lager cider alcohol").then_some(1.0);
        };
        if let Some(size) = what.strip_suffix("-pack") {
            return size.parse().ok();
        }
        let wine_said = has(&said, "wine") && !has(what, "beer") && !has(what, SPIRITS);
        let bottle_of_wine = has(what, "wine") || wine_said;
        Some(match what {
            _ if has(what, NOT_ALCOHOL) => return None,
            // A 750 mL bottle of wine is about 5 US standard drinks, of 40% spirits about 17.
            _ if has(what, "bottle") && bottle_of_wine => 5.0,
            _ if has(what, "bottle") && has(what, SPIRITS) => 17.0,
            _ if has(what, "case crate") => 24.0,
            _ if has(what, "unit") => 8.0 / 14.0, // a UK unit is 8 g of alcohol, a US drink 14 g
            _ if has(what, "bottle") || has(what, ONE_DRINK) || has(what, SPIRITS) => 1.0,
            _ => return None,
        })
    };
    // A month counts as four weeks, so "one drink a month" is a quarter of a drink a week.
    let weekly = |p: Per| [7.0, 1.0, 0.25, 1.0 / 52.0][p as usize];
    rate(text, drinks, weekly)
}

/// Packs of cigarettes per day implied by the text: "a pack a day" -> 1,
/// "half a pack a day" -> 0.5, "ten a day" / "10 cigarettes a day" -> 0.5, "two packs a day" -> 2,
/// "a few cigarettes a week" -> 3/20/7.
pub fn packs_per_day(text: &str) -> Option<f64> {
    let packs = |what: Option<&str>| match what {
        None => Some(1.0 / 20.0), // "ten a day": cigarettes, twenty to the pack
        Some(w) if w.ends_with("-pack") => None,
        Some(w) if has(w, "pack packet") => Some(1.0),
        Some(w) if has(w, "cigarette cig ciggie ciggy fag smoke rollie roll") => Some(1.0 / 20.0),
        Some(_) => None,
    };
    rate(text, packs, |p: Per| {
        [1.0, 1.0 / 7.0, 1.0 / 30.44, 1.0 / 365.25][p as usize]
    })
}

/// An amount of smoking said in answer to "how much do you smoke a day?",
/// as packs: "Around a pack" (1), "Ten." (ten cigarettes), "five or six
/// roll-ups". Only a number on its own or with a word for what is smoked.
pub fn packs_said(text: &str) -> Option<f64> {
    let t = tokenize(text);
    (0..t.len()).find_map(|i| {
        // "Since I was 16", "for 20 years", "no to all three": an age, a time
        // or a count of something else, not an amount.
        if i > 0 && is(&t, i - 1, "was since aged age at for when all the of") {
            return None;
        }
        let (n, j) = parse_range(&t, i)?;
        let what = word(&t, j);
        // "a bit less": an article before anything else is no number.
        if is(&t, i, "a an") && !has(what, "pack packet") || unit_days(what).is_some() {
            return None;
        }
        if has(what, "pack packet") {
            Some(n)
        } else if has(
            what,
            "cigarette cig ciggie ciggy fag rollie roll roll-up rollup smoke",
        ) || what.is_empty()
            || is(&t, j, "or maybe max tops give")
        {
            Some(n / 20.0)
        } else {
            None
        }
    })
}

/// How often something happens, as times a day: "every couple of hours"
/// (12), "three times a week" (3/7), "most days" (5/7), "twice a night",
/// "every few weeks".
pub fn find_rate(text: &str) -> Option<(f64, Range<usize>)> {
    let t = tokenize(text);
    for i in 0..t.len() {
        if is(&t, i, "every each") {
            // "every single night", "every other day", "every couple of hours".
            let mut k = i + 1;
            let mut other = 1.0;
            if is(&t, k, "single") {
                k += 1;
            } else if is(&t, k, "other") {
                other = 2.0;
                k += 1;
            }
            let (n, j) = match parse_range(&t, k) {
                Some((n, j)) if unit_days(word(&t, j)).is_some() => (n, j),
                _ if is(&t, k, "couple few") => {
                    let n = if word(&t, k) == "couple" { 2.0 } else { 3.0 };
                    (n, if is(&t, k + 1, "of") { k + 2 } else { k + 1 })
                }
                _ => (1.0, k),
            };
            if let Some(days) = unit_days(word(&t, j)) {
                if word(&t, j + 1) != "ago" {
                    // "Several times every day", "twice every night".
                    let times = (i >= 2 && is(&t, i - 1, "times"))
                        .then(|| parse_range(&t, i - 2).filter(|&(_, e)| e == i - 1))
                        .flatten()
                        .map(|(m, _)| m)
                        .or_else(|| (i >= 1 && is(&t, i - 1, "twice")).then_some(2.0))
                        .unwrap_or(1.0);
                    let start = if times > 1.0 { i.saturating_sub(2) } else { i };
                    return Some((times / (n * days * other), span(&t, start..j + 1)));
                }
            }
        }
        if word(&t, i) == "most" && is(&t, i + 1, "days nights mornings evenings") {
            return Some((5.0 / 7.0, span(&t, i..i + 2)));
        }
    }
    let per_day = |p: Per| [1.0, 1.0 / 7.0, 1.0 / 30.44, 1.0 / 365.25][p as usize];
    amounts(&t)
        .into_iter()
        .find(|f| f.kind == Kind::Times)
        .map(|f| (f.amount.amount * per_day(f.amount.per), f.toks.clone()))
        .map(|(r, toks)| (r, span(&t, toks)))
}

/// A medicine's dose: "5 mg", "five milligrams", "500mcg" (as 0.5 mg),
/// "10 units", "two puffs". The value is in milligrams for weights.
pub fn find_dose(text: &str) -> Option<(f64, &'static str, Range<usize>)> {
    let t = tokenize(text);
    for i in 0..t.len() {
        let Some((n, j)) = parse_number(&t, i) else {
            continue;
        };
        let (value, unit) = match word(&t, j) {
            "mg" | "milligram" | "milligrams" | "milligramme" | "milligrammes" | "mgs" => (n, "mg"),
            "mcg" | "microgram" | "micrograms" | "ug" | "µg" => (n / 1000.0, "mg"),
            "g" | "gram" | "grams" | "gramme" | "grammes" => (n * 1000.0, "mg"),
            "ml" | "millilitre" | "millilitres" | "milliliter" | "milliliters" => (n, "ml"),
            "unit" | "units" | "iu" => (n, "units"),
            "puff" | "puffs" => (n, "puffs"),
            "drop" | "drops" => (n, "drops"),
            _ => continue,
        };
        return Some((value, unit, span(&t, i..j + 1)));
    }
    None
}

/// The times of day a dose is taken at, as the unit of doses a day at that time.
const TIMES_OF_DAY: &[(&str, &str)] = &[
    ("morning", "/day in the morning"),
    ("mornings", "/day in the morning"),
    ("breakfast", "/day in the morning"),
    ("lunch", "/day at midday"),
    ("lunchtime", "/day at midday"),
    ("evening", "/day in the evening"),
    ("evenings", "/day in the evening"),
    ("night", "/day in the evening"),
    ("nights", "/day in the evening"),
    ("bedtime", "/day in the evening"),
    ("teatime", "/day in the evening"),
    ("dinner", "/day in the evening"),
    ("supper", "/day in the evening"),
];

fn time_of_day(w: &str) -> Option<&'static str> {
    TIMES_OF_DAY
        .iter()
        .find(|(word, _)| *word == w)
        .map(|(_, unit)| *unit)
}

/// The one time of day a medicine is taken at, as the unit of its doses
/// a day: "/day in the morning" ("every morning", "with my breakfast", "before
/// breakfast"), "/day at midday", "/day in the evening" ("at night", "at
/// bedtime", "with my tea"); plain "/day" when no time or several are named.
pub fn dose_unit(text: &str) -> &'static str {
    let t = tokenize(text);
    let mut times = (0..t.len()).filter_map(|i| match word(&t, i) {
        "first" if word(&t, i + 1) == "thing" => Some("/day in the morning"),
        "midday" => Some("/day at midday"),
        "bed" if is(&t, i.wrapping_sub(1), "before") => Some("/day in the evening"),
        w => time_of_day(w),
    });
    let first = times.next();
    match first {
        Some(one) if times.all(|other| other == one) => one,
        _ => "/day",
    }
}

/// How often a medicine is taken, as times a day: "once a day", "twice
/// daily", "every morning", "at night", "three times a day", "once a week".
pub fn doses_per_day(text: &str) -> Option<(f64, Range<usize>)> {
    let t = tokenize(text);
    // "one in the morning and one at night", "morning and evening": one dose at each time.
    let times: Vec<usize> = (0..t.len())
        .filter(|&i| time_of_day(word(&t, i)).is_some())
        .collect();
    if times.len() >= 2
        && (times[0]..times[times.len() - 1]).any(|k| word(&t, k) == "and")
        && !amounts(&t).iter().any(|f| f.kind == Kind::Times)
    {
        let first = times[0].saturating_sub(3);
        return Some((
            times.len() as f64,
            span(&t, first..times[times.len() - 1] + 1),
        ));
    }
    for i in 0..t.len() {
        let single = match (word(&t, i), word(&t, i + 1)) {
            ("at", "night" | "bedtime")
            | ("in", "the")
            | ("every", "morning" | "night" | "evening") => {
                let k = if word(&t, i + 1) == "the" {
                    i + 2
                } else {
                    i + 1
                };
                is(&t, k, "morning evening night bedtime").then_some(k + 1)
            }
            ("each", "morning" | "night" | "evening") => Some(i + 2),
            ("first", "thing") => Some(i + 2),
            ("before", "bed") => Some(i + 2),
            _ => None,
        };
        if let Some(end) = single {
            // "twice a day, morning and night" is read as twice a day below.
            if !amounts(&t).iter().any(|f| f.kind == Kind::Times) {
                return Some((1.0, span(&t, i..end)));
            }
        }
    }
    find_rate(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a table of "text = value" cases separated by ';', one assertion each. Values are
    /// "none" or numbers to 5 significant figures.
    fn check(table: &str, f: impl Fn(&str) -> Option<f64>) {
        for case in table.split(';').map(str::trim).filter(|c| !c.is_empty()) {
            let (text, want) = case.rsplit_once(" = ").unwrap();
            let (got, want) = (f(text), want.parse::<f64>().ok());
            let same = match (got, want) {
                (Some(g), Some(w)) => (g - w).abs() <= 1e-4 * w.abs().max(1e-3),
                (g, w) => g == w,
            };
            assert!(same, "{text:?}: got {got:?}, want {want:?}");
        }
    }

    #[test]
    fn the_time_of_day_a_medicine_is_taken() {
        for (text, want) in [
            ("once a day at night", "/day in the evening"),
            ("Every morning with my breakfast", "/day in the morning"),
            ("once a day before breakfast", "/day in the morning"),
            ("just before bed", "/day in the evening"),
            ("with my lunch", "/day at midday"),
            ("one in the morning and one at night", "/day"),
            ("twice a day", "/day"),
            ("I go to bed late", "/day"),
        ] {
            assert_eq!(dose_unit(text), want, "{text:?}");
        }
    }

    #[test]
    fn numbers() {
        check(
            "3 = 3; 3.5 = 3.5; three = 3; twenty-one = 21; Twenty one = 21; a = 1; an = 1; a couple = 2;
             a few = 3; several = 3; a dozen = 12; half = 0.5; one and a half = 1.5; two hundred = 200;
             lots = none; a lot = none; three apples = none; nan = none; inf = none",
            number_word,
        );
    }

    #[test]
    fn durations() {
        let days = |s: &str| find_duration(s).map(|d| d.0);
        check(
            "10 days = 10; ten days = 10; for about a week = 7; a week and a half = 10.5; two and a half weeks = 17.5;
             a couple of years = 730.5; a few hours = 0.125; a fortnight = 14; half an hour = 0.0208333; 18 months = 547.92;
             since yesterday = 1; since last night = 0.75; Since this morning. = 0.3; since last week = 7;
             since last month = 30.44; since last year = 365.25; since the weekend = 3; a day or two = 1.5;
             a couple of days = 2; overnight = 0.5; 3 days ago = 3; TWENTY-ONE DAYS = 21; a 10-day course = 10;
             3-4 days = 3.5; two or three weeks = 17.5; for the past week = 7; the last few days = 3; about 24h = 1;
             a quarter of an hour = 0.0104167; a week or 10 days = 8.5; it started, oh, three days back = 3;
             ages ago = none; for ages = none; a lot = none; I have two kids = none; 10 = none; for years = none;
             I'm 45 years old = none; a couple of times a week = none; my 2 year old = none; a pack a day = none; three times a week = none",
            days,
        );
    }

    #[test]
    fn duration_spans() {
        let said = |s: &str| {
            find_durations(s)
                .into_iter()
                .map(|(_, r)| s[r].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            said("Well, for about a week and a half now."),
            ["a week and a half"]
        );
        assert_eq!(said("a 10-day course"), ["a 10-day"]);
        assert_eq!(said("ever since last night"), ["since last night"]);
        let s = "I smoke a pack a day and have done for 20 years, the cough started 3 days ago";
        assert_eq!(said(s), ["20 years", "3 days"]);
        assert_eq!(find_durations(s)[0].0, 20.0 * 365.25);
        assert_eq!(find_duration("twice a day for 3 days"), Some((3.0, 16..22)));
        assert!(find_durations("nothing here").is_empty());
        let s = "It comes on a couple of times a week and lasts an hour or two";
        assert_eq!(find_durations(s), [(1.5 / 24.0, 47..61)]);
    }

    #[test]
    fn scores() {
        check(
            "7 out of 10 = 7; seven out of ten = 7; it's 8/10 = 8; about a 6 = 6; a six out of ten = 6;
             9 on a scale of 1 to 10 = 9; maybe a 5 or 6 = 5.5; a 7, I'd say = 7; 3 out of 5 = 6; zero out of ten = 0;
             70 out of 100 = 7; page 10 = none; I have a 2 year old = none; 3/10/2024 = none; 11 out of 10 = none;
             a lot = none; a few out of ten = none; about 6 = none",
            |s| find_score(s).map(|x| x.0),
        );
        let said = |s: &'static str| find_score(s).map(|(_, r)| &s[r]);
        assert_eq!(said("Honestly? About a 6 today."), Some("a 6"));
        assert_eq!(
            said("The pain is 9 on a scale of 1 to 10"),
            Some("9 on a scale of 1 to 10")
        );
    }

    #[test]
    fn amounts() {
        let cases = "a pack a day = 1 pack Day; two glasses of wine a night = 2 glasses of wine Day;
            a couple of beers at the weekend = 2 beers Week; half a pack a day = 0.5 pack Day;
            10 cigarettes a day = 10 cigarettes Day; a bottle of wine a week = 1 bottle of wine Week;
            a six-pack on Saturdays = 1 6-pack Week; a few drinks most weekends = 3 drinks Week;
            I go once a month = 1 - Month; every day = 1 - Day; three times a week = 3 - Week;
            every other day = 0.5 - Day; twice daily = 2 - Day; three nights a week = 3 - Week;
            two 6-packs per fortnight = 1 6-pack Week; a couple of times a week = 2 - Week; I have two kids = none; a lot = none;
            I had a beer a week ago = none; for a week = none; two beers at night = none";
        for case in cases.split(';').map(str::trim) {
            let (text, want) = case.rsplit_once(" = ").unwrap();
            let show = |a: Amount| {
                format!(
                    "{} {} {:?}",
                    a.amount,
                    a.what.as_deref().unwrap_or("-"),
                    a.per
                )
            };
            assert_eq!(
                find_amount(text).map_or("none".into(), show),
                want,
                "{text}"
            );
        }
        assert_eq!(
            find_amount("I smoke a pack a day.").map(|a| a.span),
            Some(8..20)
        );
    }

    #[test]
    fn drinks() {
        check(
            "a couple of beers at the weekend = 2; two glasses of wine a night = 14; a bottle of wine a week = 5;
             a few drinks most weekends = 3; a six-pack on Saturdays = 6; one drink a month = 0.25;
             every night, about three beers = 21; I like wine, maybe a bottle a week = 5; a pint or two a night = 10.5;
             three nights a week, two beers each time = 6; I have about 14 drinks a week = 14; a 12-pack a week = 12;
             a bottle of vodka a week = 17; I drink beer, about three a night = 21;
             I drink socially = none; two cups of coffee a day = none; a glass of water a day = none; ages ago = none",
            drinks_per_week,
        );
    }

    #[test]
    fn packs() {
        check(
            "a pack a day = 1; half a pack a day = 0.5; ten a day = 0.5; 10 cigarettes a day = 0.5; twenty a day = 1;
             two packs a day = 2; a few cigarettes a week = 0.0214286; a pack and a half a day = 1.5; 1.5 packs a day = 1.5;
             every day, about ten cigarettes = 0.5; I smoke = none; a couple of beers at the weekend = none;
             I smoke once a day = none; a six-pack a week = none",
            packs_per_day,
        );
    }
}
