//! Reader and writer for `Edm.DateTimeOffset`.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, SecondsFormat, Timelike};
use serde::de::{self, Unexpected, Visitor};
use serde::{Deserializer, Serializer};

pub(crate) fn ser_date_time<S: Serializer>(value: &DateTime<FixedOffset>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&crate::data::TextOf(value))
}

/// RFC 3339 with `Z` for a zero offset and the fewest fraction digits that keep the value, so Graph's
/// 7-digit fractions (`.1234567Z`) are written as they were read; chrono's own form for what that
/// cannot write (years outside 0000–9999, leap seconds, offsets with seconds).
pub(crate) fn fmt_date_time(value: &DateTime<FixedOffset>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let offset = value.offset().local_minus_utc();
    let local = value.naive_local();
    if !(0..=9999).contains(&local.year()) || local.nanosecond() >= 1_000_000_000 || offset % 60 != 0 {
        return f.write_str(&trim_fraction(&value.to_rfc3339_opts(SecondsFormat::Nanos, true)));
    }
    write!(
        f,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute(),
        local.second()
    )?;
    fmt_fraction(local.nanosecond(), f)?;
    match offset {
        0 => f.write_str("Z"),
        _ => {
            let sign = if offset < 0 { '-' } else { '+' };
            let minutes = offset.unsigned_abs() / 60;
            write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        }
    }
}

/// Whether `text` is a date and time exactly as [`fmt_date_time`] writes one: `YYYY-MM-DDThh:mm:ss`,
/// a fraction without trailing zeros, then `Z` or a non-zero offset `±hh:mm`. (Leap seconds are left
/// to the full comparison.)
pub(crate) fn is_canonical(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let at = |at: usize, byte: u8| bytes.get(at) == Some(&byte);
    let date_time = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18].into_iter().all(digit)
        && at(4, b'-')
        && at(7, b'-')
        && at(10, b'T')
        && at(13, b':')
        && at(16, b':')
        && bytes.get(17..19) != Some(b"60");
    if !date_time {
        return false;
    }
    let mut rest = &bytes[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 9 || fraction[digits - 1] == b'0' {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest {
        b"Z" => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit()) && &rest[1..] != b"00:00"
        }
        _ => false,
    }
}

/// `2021-06-01T10:20:30.123456700Z` → `2021-06-01T10:20:30.1234567Z`; `...30.000000000Z` → `...30Z`.
fn trim_fraction(text: &str) -> String {
    let Some(dot) = text.find('.') else { return text.to_owned() };
    let digits_end = text[dot + 1..].find(|c: char| !c.is_ascii_digit()).map_or(text.len(), |i| dot + 1 + i);
    let fraction = text[dot + 1..digits_end].trim_end_matches('0');
    let separator = if fraction.is_empty() { "" } else { "." };
    format!("{}{separator}{fraction}{}", &text[..dot], &text[digits_end..])
}

/// `.` and the fraction of a second with its trailing zeros left out; nothing for a whole second.
pub(crate) fn fmt_fraction(nanos: u32, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if nanos == 0 || nanos >= 1_000_000_000 {
        return Ok(());
    }
    let (mut digits, mut width) = (nanos, 9);
    while digits % 10 == 0 {
        digits /= 10;
        width -= 1;
    }
    write!(f, ".{digits:0width$}")
}

pub(crate) fn de_date_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<FixedOffset>, D::Error> {
    deserializer.deserialize_str(DateTimeVisitor)
}

/// Parses RFC 3339 (chrono's relaxed form), or a date and time without offset as UTC; the seconds
/// are optional (`2018-08-12T12:00Z`, as OData's ABNF allows).
pub(crate) fn parse(text: &str) -> Option<DateTime<FixedOffset>> {
    let full = |text: &str| {
        text.parse::<DateTime<FixedOffset>>()
            .ok()
            .or_else(|| text.parse::<NaiveDateTime>().ok().map(|naive| naive.and_utc().fixed_offset()))
    };
    full(text).or_else(|| full(&crate::edm::with_seconds(text)?))
}

struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = DateTime<FixedOffset>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 date and time")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use crate::edm::date_time_offset;
    use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Timelike};
    use serde_json::json;

    fn read(s: &str) -> DateTime<FixedOffset> {
        date_time_offset::deserialize(json!(s)).unwrap()
    }

    fn write(v: &DateTime<FixedOffset>) -> String {
        serde_json::to_string(&date_time_offset::Ser(v)).unwrap()
    }

    #[test]
    fn graph_forms() {
        let utc = read("2021-06-01T00:00:00Z");
        assert_eq!(write(&utc), r#""2021-06-01T00:00:00Z""#);
        let seven = read("2021-06-01T10:20:30.1234567Z");
        assert_eq!(seven.nanosecond(), 123_456_700);
        assert_eq!(write(&seven), r#""2021-06-01T10:20:30.1234567Z""#, "written as read");
        let offset = read("2021-06-01T10:20:30.5+02:00");
        assert_eq!(write(&offset), r#""2021-06-01T10:20:30.5+02:00""#);
        assert_eq!(offset, read("2021-06-01T08:20:30.5Z"));
    }

    #[test]
    fn missing_offset_is_utc() {
        assert_eq!(read("2021-06-01T00:00:00"), read("2021-06-01T00:00:00Z"));
        assert_eq!(read("2021-06-01T00:00:00.25"), read("2021-06-01T00:00:00.25Z"));
    }

    #[test]
    fn rejects_non_dates() {
        assert!(date_time_offset::deserialize(json!("2021-13-01T00:00:00Z")).is_err());
        assert!(date_time_offset::deserialize(json!("yesterday")).is_err());
        assert!(date_time_offset::deserialize(json!(0)).is_err());
        let none: Option<DateTime<FixedOffset>> = date_time_offset::option::deserialize(json!(null)).unwrap();
        assert_eq!(none, None);
    }

    /// `Edm.Date` and `Edm.TimeOfDay` need no helper: chrono's own serde reads OData's forms.
    #[test]
    fn plain_chrono_fits_date_and_time_of_day() {
        let d: NaiveDate = serde_json::from_str(r#""2021-06-01""#).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), r#""2021-06-01""#);
        let t: NaiveTime = serde_json::from_str(r#""12:30:00.000""#).unwrap();
        assert_eq!(t, NaiveTime::from_hms_opt(12, 30, 0).unwrap());
        assert_eq!(serde_json::to_string(&t).unwrap(), r#""12:30:00""#);
        let t: NaiveTime = serde_json::from_str(r#""12:30""#).unwrap();
        assert_eq!(t, NaiveTime::from_hms_opt(12, 30, 0).unwrap());
        let t: NaiveTime = serde_json::from_str(r#""23:59:59.1234567""#).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), r#""23:59:59.123456700""#);
    }

    #[test]
    fn seconds_are_optional() {
        assert_eq!(read("2018-08-12T12:00Z"), read("2018-08-12T12:00:00Z"));
        assert_eq!(read("2018-08-12T12:00+02:00"), read("2018-08-12T10:00:00Z"));
        assert_eq!(read("2018-08-12T12:00"), read("2018-08-12T12:00:00Z"));
        assert!(date_time_offset::deserialize(json!("2018-08-12T12Z")).is_err());
    }

    #[test]
    fn canonical_text_is_recognised_without_formatting() {
        for text in ["2021-06-01T10:20:30Z", "2021-06-01T10:20:30.5Z", "2021-06-01T10:20:30.123456789-05:30"] {
            assert!(super::is_canonical(text), "{text}");
            assert_eq!(write(&read(text)), format!("{text:?}"));
        }
        for text in [
            "2021-06-01T10:20:30.50Z",
            "2021-06-01T10:20:30+00:00",
            "2021-06-01t10:20:30Z",
            "2021-06-01T10:20Z",
            "2021-06-01T10:20:30.Z",
            "2021-06-01T10:20:30",
            "2016-12-31T23:59:60Z",
        ] {
            assert!(!super::is_canonical(text), "{text}");
        }
    }

    #[test]
    fn written_forms() {
        assert_eq!(write(&read("2021-06-01T10:20:30.120Z")), r#""2021-06-01T10:20:30.12Z""#);
        assert_eq!(write(&read("2021-06-01T10:20:30-05:30")), r#""2021-06-01T10:20:30-05:30""#);
        assert_eq!(write(&read("0001-01-01T00:00:00.000000001Z")), r#""0001-01-01T00:00:00.000000001Z""#);
    }
}
