//! Dates that carry their own precision.
//!
//! Public reporting often gives only a year ("active since 2010") or a month ("March 2024").
//! A `PartialDate` keeps exactly what is known: its JSON form is `"2010"`, `"2024-03"` or
//! `"2022-07-18"`, and the precision is read from the form, so a year can never be mistaken
//! for 1 January of that year.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A calendar date known to the year, the month or the day.
///
/// Ordering compares the earliest day the date may stand for, then the precision (coarser
/// first), so sorting is deterministic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("“{0}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
    Format(String),
    #[error("“{0}” is not a real calendar date")]
    Impossible(String),
    #[error("“{0}” is outside the years this atlas covers (1900–2100)")]
    OutOfRange(String),
}

impl PartialDate {
    pub fn year(year: i32) -> Result<Self, DateError> {
        Self::new(year, None, None)
    }

    pub fn month(year: i32, month: u8) -> Result<Self, DateError> {
        Self::new(year, Some(month), None)
    }

    pub fn day(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        Self::new(year, Some(month), Some(day))
    }

    fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Result<Self, DateError> {
        let d = PartialDate { year, month, day };
        if !(1900..=2100).contains(&year) {
            return Err(DateError::OutOfRange(d.to_string()));
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Impossible(d.to_string()));
            }
            if let Some(day) = day {
                if day == 0 || day > days_in_month(year, m) {
                    return Err(DateError::Impossible(d.to_string()));
                }
            }
        }
        Ok(d)
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    pub fn year_value(&self) -> i32 {
        self.year
    }

    /// The first and last day (inclusive) this date may stand for, as (year, month, day).
    pub fn bounds(&self) -> ((i32, u8, u8), (i32, u8, u8)) {
        match (self.month, self.day) {
            (Some(m), Some(d)) => ((self.year, m, d), (self.year, m, d)),
            (Some(m), None) => (
                (self.year, m, 1),
                (self.year, m, days_in_month(self.year, m)),
            ),
            _ => ((self.year, 1, 1), (self.year, 12, 31)),
        }
    }

    /// A reader-facing rendering that never claims more precision than is known:
    /// "2010", "March 2024", "18 July 2022".
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{} {} {}", d, MONTHS[usize::from(m) - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m) - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl std::str::FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || DateError::Format(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let widths_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month = parts
            .get(1)
            .map(|m| m.parse::<u8>())
            .transpose()
            .map_err(|_| bad())?;
        let day = parts
            .get(2)
            .map(|d| d.parse::<u8>())
            .transpose()
            .map_err(|_| bad())?;
        PartialDate::new(year, month, day).map_err(|e| match e {
            // Report the text as written, not as re-rendered.
            DateError::Impossible(_) => DateError::Impossible(s.to_string()),
            DateError::OutOfRange(_) => DateError::OutOfRange(s.to_string()),
            other => other,
        })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.bounds()
            .0
            .cmp(&other.bounds().0)
            .then(self.precision().cmp(&other.precision()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_comes_from_the_written_form() {
        let cases = [
            ("2010", Precision::Year),
            ("2024-03", Precision::Month),
            ("2022-07-18", Precision::Day),
        ];
        for (text, precision) in cases {
            let d: PartialDate = text.parse().unwrap();
            assert_eq!(d.precision(), precision, "{text}");
            assert_eq!(d.to_string(), text, "round trip of {text}");
        }
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for bad in [
            "",
            "22",
            "2022-7-18",
            "2022/07/18",
            "2022-07-18T00:00",
            "+202",
            "20a2",
        ] {
            assert!(
                matches!(bad.parse::<PartialDate>(), Err(DateError::Format(_))),
                "{bad:?}"
            );
        }
        for bad in [
            "2022-13",
            "2022-00",
            "2022-02-30",
            "2023-02-29",
            "2022-04-31",
            "2022-01-00",
        ] {
            assert!(
                matches!(bad.parse::<PartialDate>(), Err(DateError::Impossible(_))),
                "{bad:?}"
            );
        }
        assert!(matches!(
            "1066".parse::<PartialDate>(),
            Err(DateError::OutOfRange(_))
        ));
        assert!("2024-02-29".parse::<PartialDate>().is_ok(), "leap day");
    }

    #[test]
    fn human_form_never_adds_precision() {
        let h = |s: &str| s.parse::<PartialDate>().unwrap().human();
        assert_eq!(h("2010"), "2010");
        assert_eq!(h("2024-03"), "March 2024");
        assert_eq!(h("2022-07-18"), "18 July 2022");
    }

    #[test]
    fn ordering_is_by_earliest_day_then_coarser_first() {
        let mut v: Vec<PartialDate> = ["2022-07-18", "2022", "2022-07", "2021-12-31"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        v.sort();
        let out: Vec<String> = v.iter().map(|d| d.to_string()).collect();
        assert_eq!(out, ["2021-12-31", "2022", "2022-07", "2022-07-18"]);
    }

    #[test]
    fn month_bounds_know_month_lengths() {
        let d: PartialDate = "2024-02".parse().unwrap();
        assert_eq!(d.bounds(), ((2024, 2, 1), (2024, 2, 29)));
    }
}
