//! Dates and timestamps, read exactly as the SPEC writes them (§2, "Precise points").

use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};

use super::Timestamp;
use crate::error::quote;

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
}

/// The first year a date may have: the SPEC's dates run from year 0001 to 9999 (four digits
/// cannot write a later one).
pub const MIN_YEAR: u32 = 1;

/// Parses exactly `YYYY-MM-DD`, zero-padded, a real calendar day in years 0001 to 9999.
///
/// ```
/// use contact755::parse_date;
/// assert!(parse_date("2016-02-29").is_ok());
/// assert!(parse_date("2016-02-30").is_err());
/// assert!(parse_date("2016-3-01").is_err());
/// assert!(parse_date("0000-01-01").is_err());
/// assert!(parse_date("0001-01-01").is_ok());
/// ```
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let bad = || format!("expected a date YYYY-MM-DD, found {}", quote(s));
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let (y, m, d) = match (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10])) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => return Err(bad()),
    };
    if y < MIN_YEAR {
        return Err(format!("{} is before year 0001", quote(s)));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| format!("{} is not a calendar day", quote(s)))
}

/// Parses an RFC 3339 timestamp that carries an offset: `T` or `t` between date and time,
/// an optional fraction, `Z` or `±hh:mm`. A leap second (`:60`) is rejected.
///
/// ```
/// use contact755::parse_timestamp;
/// assert!(parse_timestamp("2016-03-17T09:12:00-07:00").is_ok());
/// assert!(parse_timestamp("2016-03-17t16:12:00.5Z").is_ok());
/// assert!(parse_timestamp("2016-03-17T09:12:00").is_err()); // no offset
/// assert!(parse_timestamp("2016-12-31T23:59:60Z").is_err()); // leap second
/// ```
pub fn parse_timestamp(s: &str) -> Result<Timestamp, String> {
    let bad = |why: &str| format!("expected an RFC 3339 timestamp with offset ({why}), found {}", quote(s));
    let b = s.as_bytes();
    if b.len() < 20 || !s.is_char_boundary(10) {
        return Err(bad("too short"));
    }
    let date = parse_date(&s[..10]).map_err(|_| bad("bad date"))?;
    if !matches!(b[10], b'T' | b't') {
        return Err(bad("`T` between date and time"));
    }
    if b[13] != b':' || b[16] != b':' {
        return Err(bad("time hh:mm:ss"));
    }
    let (h, mi, sec) = match (digits(&b[11..13]), digits(&b[14..16]), digits(&b[17..19])) {
        (Some(h), Some(mi), Some(sec)) => (h, mi, sec),
        _ => return Err(bad("time hh:mm:ss")),
    };
    if sec == 60 {
        return Err(bad("leap seconds are not accepted"));
    }
    let mut rest = &b[19..];
    let mut nanos = 0u32;
    if let Some((b'.', frac)) = rest.split_first() {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(bad("digits after `.`"));
        }
        // Digits past nanoseconds are accepted and dropped.
        for (i, d) in frac[..n].iter().take(9).enumerate() {
            nanos += u32::from(d - b'0') * 10u32.pow(8 - i as u32);
        }
        rest = &frac[n..];
    }
    let offset_secs: i32 = match rest {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), hh @ ..] if hh.len() == 5 && hh[2] == b':' => {
            let (oh, om) = match (digits(&hh[0..2]), digits(&hh[3..5])) {
                (Some(oh), Some(om)) if oh <= 23 && om <= 59 => (oh as i32, om as i32),
                _ => return Err(bad("offset ±hh:mm")),
            };
            let secs = oh * 3600 + om * 60;
            if *sign == b'-' {
                -secs
            } else {
                secs
            }
        }
        _ => return Err(bad("an offset `Z` or ±hh:mm")),
    };
    let time = NaiveTime::from_hms_nano_opt(h, mi, sec, nanos).ok_or_else(|| bad("time out of range"))?;
    let offset = FixedOffset::east_opt(offset_secs).ok_or_else(|| bad("offset out of range"))?;
    offset.from_local_datetime(&date.and_time(time)).single().ok_or_else(|| bad("time out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_compare_as_instants() {
        let a = parse_timestamp("2016-03-17T09:00:00-07:00").unwrap();
        let b = parse_timestamp("2016-03-17T16:00:00Z").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn timestamp_rejections() {
        for s in [
            "2016-03-17 09:12:00-07:00",
            "2016-03-17T09:12-07:00",
            "2016-03-17T24:00:00Z",
            "2016-03-17T09:12:00z",
            "2016-03-17T09:12:00+0700",
            "2016-03-17T09:12:00.Z",
            "2016-03-17T09:12:00+24:00",
            "2016-03-17T09:12:00Z ",
            "2016-03-1é09:12:00Z",
        ] {
            assert!(parse_timestamp(s).is_err(), "{s}");
        }
        assert!(parse_timestamp("0000-12-31T23:59:59Z").is_err());
        assert!(parse_timestamp("0001-01-01T00:00:00+23:59").is_ok());
        assert!(parse_timestamp("9999-12-31T23:59:59.999999999999-23:59").is_ok());
    }
}
