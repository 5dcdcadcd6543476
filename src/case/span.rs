//! A length of time as people say it: "10 days", "3 weeks", "2 years".

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl TimeUnit {
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Hour => 1.0 / 24.0,
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => 30.44,
            TimeUnit::Year => 365.25,
        }
    }

    fn word(self) -> &'static str {
        match self {
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
        }
    }
}

/// A whole number of one time unit; written in YAML as a string such as `"10 days"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Span {
    pub amount: u32,
    pub unit: TimeUnit,
}

impl Span {
    pub const fn new(amount: u32, unit: TimeUnit) -> Self {
        Span { amount, unit }
    }

    pub fn days(&self) -> f64 {
        f64::from(self.amount) * self.unit.days()
    }

    /// The span in the largest unit that expresses `days` without losing much:
    /// 3 days stays days, 21 days becomes 3 weeks, 400 days becomes 1 year.
    pub fn from_days(days: f64) -> Self {
        let days = days.max(0.0);
        let pick = |unit: TimeUnit| Span::new((days / unit.days()).round().max(1.0) as u32, unit);
        if days < 1.0 {
            Span::new(((days * 24.0).round() as u32).max(1), TimeUnit::Hour)
        } else if days < 14.0 {
            pick(TimeUnit::Day)
        } else if days < 60.0 {
            pick(TimeUnit::Week)
        } else if days < 730.0 {
            pick(TimeUnit::Month)
        } else {
            pick(TimeUnit::Year)
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.amount == 1 { "" } else { "s" };
        write!(f, "{} {}{}", self.amount, self.unit.word(), plural)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a time span; write a whole number and a unit, such as \"10 days\" or \"2 years\""
)]
pub struct SpanError(String);

impl FromStr for Span {
    type Err = SpanError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || SpanError(s.to_string());
        let mut parts = s.split_whitespace();
        let amount: u32 = parts.next().ok_or_else(err)?.parse().map_err(|_| err())?;
        let word = parts.next().ok_or_else(err)?.to_ascii_lowercase();
        if parts.next().is_some() {
            return Err(err());
        }
        let singular = word.strip_suffix('s').unwrap_or(&word);
        let unit = match singular {
            "hour" => TimeUnit::Hour,
            "day" => TimeUnit::Day,
            "week" => TimeUnit::Week,
            "month" => TimeUnit::Month,
            "year" => TimeUnit::Year,
            _ => return Err(err()),
        };
        Ok(Span::new(amount, unit))
    }
}

impl TryFrom<String> for Span {
    type Error = SpanError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Span> for String {
    fn from(s: Span) -> String {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        for text in [
            "1 day", "10 days", "3 weeks", "6 months", "2 years", "12 hours",
        ] {
            let span: Span = text.parse().unwrap();
            assert_eq!(span.to_string(), text);
        }
        assert_eq!("1 Days".parse::<Span>().unwrap().to_string(), "1 day");
    }

    #[test]
    fn rejects_what_is_not_a_span() {
        for text in [
            "",
            "ten days",
            "10",
            "10 fortnights",
            "-3 days",
            "3 days ago",
            "1.5 weeks",
        ] {
            assert!(text.parse::<Span>().is_err(), "{text:?} parsed");
        }
    }

    #[test]
    fn from_days_picks_a_natural_unit() {
        assert_eq!(Span::from_days(0.25).to_string(), "6 hours");
        assert_eq!(Span::from_days(10.0).to_string(), "10 days");
        assert_eq!(Span::from_days(21.0).to_string(), "3 weeks");
        assert_eq!(Span::from_days(180.0).to_string(), "6 months");
        assert_eq!(Span::from_days(1100.0).to_string(), "3 years");
    }
}
