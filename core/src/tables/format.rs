//! Date and timestamp formats of a mapping (SPEC §7.3): a small compiler and an exact matcher.
//!
//! chrono's `parse_from_str` is lenient where §7.3 is exact (it takes unpadded numbers, skips
//! white space, accepts two-digit years and more directives), so formats are compiled here to
//! a list of fixed-width items and matched byte for byte. Compiling checks every rule of
//! §7.3 once, when the mapping loads; matching a cell then cannot meet a bad format.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use crate::error::quote;
use crate::Timestamp;

/// What a format is for: `dates.format` or `timestamps.format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormatKind {
    /// Needs year, month and day.
    Date,
    /// Needs year, month, day, hour and minute.
    Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Literal(char),
    Year,
    Month,
    MonthAbbr,
    MonthName,
    Day,
    Hour24,
    Hour12,
    Minute,
    Second,
    AmPm,
    Offset,
    OffsetColon,
}

/// A compiled format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Format {
    /// The format as written, for messages.
    text: String,
    items: Vec<Item>,
}

const MONTHS: [&str; 12] = [
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

/// What a cell said, field by field.
#[derive(Debug, Default, Clone, Copy)]
struct Read {
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    /// `%p`: true for PM.
    pm: bool,
    /// Seconds east of UTC, when the format reads an offset.
    offset: Option<i32>,
}

impl Format {
    /// Compiles `text` as a format of `kind`; the error says what is wrong with it.
    pub(crate) fn compile(text: &str, kind: FormatKind) -> Result<Format, String> {
        let mut items = Vec::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                items.push(Item::Literal(c));
                continue;
            }
            let item = match chars.next() {
                Some('Y') => Item::Year,
                Some('m') => Item::Month,
                Some('b') => Item::MonthAbbr,
                Some('B') => Item::MonthName,
                Some('d') => Item::Day,
                Some('H') => Item::Hour24,
                Some('I') => Item::Hour12,
                Some('M') => Item::Minute,
                Some('S') => Item::Second,
                Some('p') => Item::AmPm,
                Some('z') => Item::Offset,
                Some('%') => Item::Literal('%'),
                Some(':') => match chars.next() {
                    Some('z') => Item::OffsetColon,
                    _ => return Err("`%:` must be followed by `z` (`%:z`)".into()),
                },
                Some(other) => {
                    return Err(format!(
                        "`%{}` is not a directive a format may use (%Y %m %d %H %I %M %S %b %B %p %z %:z %%)",
                        other.escape_default()
                    ))
                }
                None => return Err("the format ends with a lone `%`".into()),
            };
            if !matches!(item, Item::Literal(_)) && items.contains(&item) {
                return Err(format!("`{}` appears twice", directive(item)));
            }
            items.push(item);
        }
        let has = |i: Item| items.contains(&i);
        let months = [Item::Month, Item::MonthAbbr, Item::MonthName].iter().filter(|&&i| has(i)).count();
        let problem = if has(Item::Offset) && has(Item::OffsetColon) {
            Some("a format reads `%z` or `%:z`, not both")
        } else if has(Item::Hour12) && !has(Item::AmPm) {
            Some("`%I` needs `%p`")
        } else if has(Item::AmPm) && !has(Item::Hour12) {
            Some("`%p` needs `%I`")
        } else if has(Item::Hour24) && has(Item::Hour12) {
            Some("a format reads `%H` or `%I`, not both")
        } else if months > 1 {
            Some("a format reads the month once: `%m`, `%b` or `%B`")
        } else if !has(Item::Year) || months == 0 || !has(Item::Day) {
            Some("a format needs the year (`%Y`), the month (`%m`, `%b` or `%B`) and the day (`%d`)")
        } else if kind == FormatKind::Timestamp && !(has(Item::Hour24) || has(Item::Hour12)) {
            Some("a timestamp format needs the hour (`%H`, or `%I` with `%p`)")
        } else if kind == FormatKind::Timestamp && !has(Item::Minute) {
            Some("a timestamp format needs the minute (`%M`)")
        } else {
            None
        };
        match problem {
            Some(p) => Err(p.into()),
            None => Ok(Format { text: text.to_string(), items }),
        }
    }

    /// Whether the format reads an offset (`%z` or `%:z`).
    pub(crate) fn reads_offset(&self) -> bool {
        self.items.iter().any(|i| matches!(i, Item::Offset | Item::OffsetColon))
    }

    /// Reads `cell` exactly: every item must match and nothing may be left over.
    fn read(&self, cell: &str) -> Option<Read> {
        let mut r = Read::default();
        let mut rest = cell;
        for item in &self.items {
            match *item {
                Item::Literal(c) => rest = rest.strip_prefix(c)?,
                Item::Year => r.year = digits(&mut rest, 4)?,
                Item::Month => r.month = digits(&mut rest, 2)?,
                Item::Day => r.day = digits(&mut rest, 2)?,
                Item::Hour24 | Item::Hour12 => r.hour = digits(&mut rest, 2)?,
                Item::Minute => r.minute = digits(&mut rest, 2)?,
                Item::Second => r.second = digits(&mut rest, 2)?,
                Item::MonthAbbr => {
                    let word = rest.get(..3)?;
                    let i = MONTHS.iter().position(|m| m[..3].eq_ignore_ascii_case(word))?;
                    r.month = i as u32 + 1;
                    rest = &rest[3..];
                }
                Item::MonthName => {
                    // No month's name starts another's, so the first that fits is the one.
                    let i = MONTHS
                        .iter()
                        .position(|m| rest.get(..m.len()).is_some_and(|w| w.eq_ignore_ascii_case(m)))?;
                    r.month = i as u32 + 1;
                    rest = &rest[MONTHS[i].len()..];
                }
                Item::AmPm => {
                    let word = rest.get(..2)?;
                    r.pm = if word.eq_ignore_ascii_case("pm") {
                        true
                    } else if word.eq_ignore_ascii_case("am") {
                        false
                    } else {
                        return None;
                    };
                    rest = &rest[2..];
                }
                Item::Offset | Item::OffsetColon => {
                    let sign = match rest.as_bytes().first()? {
                        b'+' => 1,
                        b'-' => -1,
                        _ => return None,
                    };
                    rest = &rest[1..];
                    let h = digits(&mut rest, 2)?;
                    if *item == Item::OffsetColon {
                        rest = rest.strip_prefix(':')?;
                    }
                    let m = digits(&mut rest, 2)?;
                    if h > 23 || m > 59 {
                        return None;
                    }
                    r.offset = Some(sign * (h as i32 * 3600 + m as i32 * 60));
                }
            }
        }
        rest.is_empty().then_some(r)
    }

    fn mismatch(&self, cell: &str, what: &str) -> String {
        format!("expected {what} written as {}, found {}", quote(&self.text), quote(cell))
    }

    /// The calendar day `cell` names, which must match the format exactly.
    pub(crate) fn date(&self, cell: &str) -> Result<NaiveDate, String> {
        let r = self.read(cell).ok_or_else(|| self.mismatch(cell, "a date"))?;
        self.day_of(&r, cell)
    }

    fn day_of(&self, r: &Read, cell: &str) -> Result<NaiveDate, String> {
        // Years 0001 to 9999 (SPEC §3).
        let date = (r.year >= 1).then(|| NaiveDate::from_ymd_opt(r.year as i32, r.month, r.day)).flatten();
        let date = date.ok_or_else(|| format!("{} is not a calendar day", quote(cell)))?;
        // A date format may also read a time of day (a spreadsheet's `03/17/2016 00:00`);
        // it must be a real time, and is not used.
        self.time_of(r, cell)?;
        Ok(date)
    }

    fn time_of(&self, r: &Read, cell: &str) -> Result<NaiveTime, String> {
        let hour = if self.items.contains(&Item::Hour12) {
            if !(1..=12).contains(&r.hour) {
                return Err(format!("{} has an hour outside 01-12", quote(cell)));
            }
            r.hour % 12 + if r.pm { 12 } else { 0 }
        } else {
            r.hour
        };
        // `:60` (a leap second) is not a time here, as in RFC 3339 timestamps (SPEC §3):
        // `from_hms_opt` refuses a second of 60 (chrono writes leap seconds as nanoseconds).
        NaiveTime::from_hms_opt(hour, r.minute, r.second)
            .ok_or_else(|| format!("{} is not a time of day", quote(cell)))
    }

    /// The instant `cell` names: read with its own offset when the format has one, else as a
    /// wall-clock time of `zone`. A time the zone skips or repeats is an error.
    pub(crate) fn timestamp(&self, cell: &str, zone: Option<chrono_tz::Tz>) -> Result<Timestamp, String> {
        let r = self.read(cell).ok_or_else(|| self.mismatch(cell, "a timestamp"))?;
        let local = NaiveDateTime::new(self.day_of(&r, cell)?, self.time_of(&r, cell)?);
        let instant = match (r.offset, zone) {
            (Some(secs), _) => {
                FixedOffset::east_opt(secs).and_then(|o| o.from_local_datetime(&local).single())
            }
            (None, Some(zone)) => match zone.from_local_datetime(&local) {
                chrono::LocalResult::Single(t) => Some(t.fixed_offset()),
                chrono::LocalResult::None => {
                    return Err(format!(
                        "{} is a wall-clock time that {} skips (clocks move forward): the instant \
                         cannot be known",
                        quote(cell),
                        zone.name()
                    ))
                }
                chrono::LocalResult::Ambiguous(..) => {
                    return Err(format!(
                        "{} is a wall-clock time that {} repeats (clocks move back): the instant \
                         cannot be known",
                        quote(cell),
                        zone.name()
                    ))
                }
            },
            // Mapping validation refuses a format without offset and without zone.
            (None, None) => None,
        };
        instant.ok_or_else(|| format!("{} is not an instant that can be read", quote(cell)))
    }
}

fn directive(item: Item) -> &'static str {
    match item {
        Item::Literal(_) => "",
        Item::Year => "%Y",
        Item::Month => "%m",
        Item::MonthAbbr => "%b",
        Item::MonthName => "%B",
        Item::Day => "%d",
        Item::Hour24 => "%H",
        Item::Hour12 => "%I",
        Item::Minute => "%M",
        Item::Second => "%S",
        Item::AmPm => "%p",
        Item::Offset => "%z",
        Item::OffsetColon => "%:z",
    }
}

/// Exactly `n` ASCII digits at the start of `rest`, consumed.
fn digits(rest: &mut &str, n: usize) -> Option<u32> {
    let head = rest.as_bytes().get(..n)?;
    if !head.iter().all(u8::is_ascii_digit) {
        return None;
    }
    *rest = &rest[n..];
    Some(head.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(format: &str, cell: &str, zone: Option<&str>) -> Result<String, String> {
        let f = Format::compile(format, FormatKind::Timestamp).unwrap();
        f.timestamp(cell, zone.map(|z| z.parse().unwrap())).map(|t| t.to_rfc3339())
    }

    #[test]
    fn bad_formats() {
        for (f, kind) in [
            ("%Y-%m", FormatKind::Date),
            ("%Y-%m-%d %y", FormatKind::Date),
            ("%Y-%m-%d-%d", FormatKind::Date),
            ("%Y-%m-%d %I:%M", FormatKind::Timestamp),
            ("%Y-%m-%d %H:%M %p", FormatKind::Timestamp),
            ("%Y-%m-%d %H %I:%M %p", FormatKind::Timestamp),
            ("%Y-%m-%d %H:%M %z %:z", FormatKind::Timestamp),
            ("%Y-%m-%d", FormatKind::Timestamp),
            ("%Y-%m-%d %H", FormatKind::Timestamp),
            ("%Y-%m-%b-%d", FormatKind::Date),
            ("%Y-%m-%d%", FormatKind::Date),
            ("%Y-%m-%d %:M", FormatKind::Date),
            ("%Y-%m-%d %e", FormatKind::Date),
            ("%Y-%m-%d %p", FormatKind::Date),
        ] {
            assert!(Format::compile(f, kind).is_err(), "{f}");
        }
        assert!(Format::compile("%d %B %Y, %I:%M:%S %p %%", FormatKind::Timestamp).is_ok());
    }

    #[test]
    fn a_format_without_year_month_or_day_is_refused_and_says_which_directive_repeats() {
        for f in ["%m/%d", "%Y/%d", "%Y/%m"] {
            let why = Format::compile(f, FormatKind::Date).unwrap_err();
            assert!(why.contains("needs the year (`%Y`)"), "{f}: {why}");
        }
        assert_eq!(Format::compile("%Y-%m-%d %Y", FormatKind::Date).unwrap_err(), "`%Y` appears twice");
        assert_eq!(
            Format::compile("%Y-%m-%d %H:%M %H", FormatKind::Timestamp).unwrap_err(),
            "`%H` appears twice"
        );
    }

    #[test]
    fn a_cell_that_does_not_match_is_named_with_the_format() {
        let f = Format::compile("%m/%d/%Y", FormatKind::Date).unwrap();
        assert_eq!(
            f.date("3/17/2016").unwrap_err(),
            r#"expected a date written as "%m/%d/%Y", found "3/17/2016""#
        );
        let f = Format::compile("%m/%d/%Y %H:%M %z", FormatKind::Timestamp).unwrap();
        assert_eq!(
            f.timestamp("03/17/2016", None).unwrap_err(),
            r#"expected a timestamp written as "%m/%d/%Y %H:%M %z", found "03/17/2016""#
        );
    }

    #[test]
    fn offsets_run_from_minus_to_plus_23_59() {
        let f = "%Y-%m-%d %H:%M %z";
        assert_eq!(ts(f, "2016-03-17 09:12 +2359", None).unwrap(), "2016-03-17T09:12:00+23:59");
        assert_eq!(ts(f, "2016-03-17 09:12 -2359", None).unwrap(), "2016-03-17T09:12:00-23:59");
        assert_eq!(ts(f, "2016-03-17 09:12 +2300", None).unwrap(), "2016-03-17T09:12:00+23:00");
        for bad in ["+2400", "+0060", "-2400", "-0060"] {
            assert!(ts(f, &format!("2016-03-17 09:12 {bad}"), None).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_are_read_exactly() {
        let f = Format::compile("%m/%d/%Y", FormatKind::Date).unwrap();
        assert_eq!(f.date("03/17/2016").unwrap().to_string(), "2016-03-17");
        for bad in
            ["3/17/2016", "03/17/16", " 03/17/2016", "03/17/2016 ", "04/31/2016", "02/17/0000", "3/7/2016"]
        {
            assert!(f.date(bad).is_err(), "{bad}");
        }
        let f = Format::compile("%d %b %Y", FormatKind::Date).unwrap();
        assert_eq!(f.date("17 mAR 2016").unwrap().to_string(), "2016-03-17");
        assert!(f.date("17 March 2016").is_err());
        let f = Format::compile("%B %d, %Y", FormatKind::Date).unwrap();
        assert_eq!(f.date("SEPTEMBER 01, 2016").unwrap().to_string(), "2016-09-01");
        assert_eq!(f.date("May 01, 2016").unwrap().to_string(), "2016-05-01");
        assert!(f.date("Sept 01, 2016").is_err());
    }

    #[test]
    fn timestamps_with_offsets_and_zones() {
        assert_eq!(
            ts("%Y%m%d %H%M%S %z", "20160317 091200 -0700", None).unwrap(),
            "2016-03-17T09:12:00-07:00"
        );
        assert_eq!(
            ts("%Y-%m-%d %H:%M %:z", "2016-03-17 09:12 +05:30", None).unwrap(),
            "2016-03-17T09:12:00+05:30"
        );
        assert!(ts("%Y-%m-%d %H:%M %z", "2016-03-17 09:12 -07:00", None).is_err());
        assert!(ts("%Y-%m-%d %H:%M %:z", "2016-03-17 09:12 -0700", None).is_err());
        assert!(ts("%Y-%m-%d %H:%M %:z", "2016-03-17 09:12 Z", None).is_err());
        assert!(ts("%Y-%m-%d %H:%M:%S %:z", "2016-12-31 23:59:60 +00:00", None).is_err());
        let la = Some("America/Los_Angeles");
        assert_eq!(ts("%m/%d/%Y %I:%M %p", "03/17/2016 12:05 am", la).unwrap(), "2016-03-17T00:05:00-07:00");
        assert_eq!(ts("%m/%d/%Y %I:%M %p", "03/17/2016 12:05 PM", la).unwrap(), "2016-03-17T12:05:00-07:00");
        assert!(ts("%m/%d/%Y %I:%M %p", "03/17/2016 13:05 PM", la).is_err());
        assert!(ts("%m/%d/%Y %I:%M %p", "03/17/2016 00:05 AM", la).is_err());
        // Spring forward: 02:xx does not exist on 2016-03-13; fall back: 01:xx twice on 11-06.
        assert!(ts("%m/%d/%Y %H:%M", "03/13/2016 02:30", la).unwrap_err().contains("skips"));
        assert!(ts("%m/%d/%Y %H:%M", "11/06/2016 01:30", la).unwrap_err().contains("repeats"));
        assert_eq!(ts("%m/%d/%Y %H:%M", "03/13/2016 03:00", la).unwrap(), "2016-03-13T03:00:00-07:00");
        assert_eq!(ts("%m/%d/%Y %H:%M", "11/06/2016 02:00", la).unwrap(), "2016-11-06T02:00:00-08:00");
        // An offset read by the format wins over the zone.
        assert_eq!(
            ts("%m/%d/%Y %H:%M %z", "11/06/2016 01:30 -0700", la).unwrap(),
            "2016-11-06T01:30:00-07:00"
        );
    }
}
