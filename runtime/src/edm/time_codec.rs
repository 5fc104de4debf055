//! Readers and writers for `Edm.DateTimeOffset`, `Edm.Date` and `Edm.TimeOfDay` as `time` crate types,
//! in the same forms as the chrono ones: RFC 3339 (offset optional on input, `Z` for UTC on output),
//! `YYYY-MM-DD`, and `hh:mm[:ss[.fffffff]]`.

use std::fmt;

use serde::de::{self, Unexpected, Visitor};
use serde::{Deserializer, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

pub(crate) fn ser_date_time<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    // `time` writes RFC 3339 with `Z` for UTC and the fewest fraction digits that keep the value.
    let text = value.format(&Rfc3339).map_err(serde::ser::Error::custom)?;
    serializer.serialize_str(&text)
}

pub(crate) fn de_date_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
    deserializer.deserialize_str(TextVisitor("an RFC 3339 date and time", parse_date_time))
}

pub(crate) fn ser_date<S: Serializer>(value: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&format_args!("{:04}-{:02}-{:02}", value.year(), u8::from(value.month()), value.day()))
}

pub(crate) fn de_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    deserializer.deserialize_str(TextVisitor("a date (YYYY-MM-DD)", parse_date))
}

pub(crate) fn ser_time<S: Serializer>(value: &Time, serializer: S) -> Result<S::Ok, S::Error> {
    let (hour, minute, second, nanos) = value.as_hms_nano();
    let mut text = format!("{hour:02}:{minute:02}:{second:02}");
    if nanos != 0 {
        let fraction = format!("{nanos:09}");
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    serializer.serialize_str(&text)
}

pub(crate) fn de_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Time, D::Error> {
    deserializer.deserialize_str(TextVisitor("a time of day (hh:mm[:ss[.fffffff]])", parse_time))
}

/// RFC 3339, or a date and time without offset as UTC; the seconds are optional.
fn parse_date_time(text: &str) -> Option<OffsetDateTime> {
    let full = |text: &str| {
        if let Ok(value) = OffsetDateTime::parse(text, &Rfc3339) {
            return Some(value);
        }
        let (date, time) = text.split_once(['T', 't'])?;
        Some(PrimitiveDateTime::new(parse_date(date)?, parse_time(time)?).assume_offset(UtcOffset::UTC))
    };
    full(text).or_else(|| full(&crate::edm::with_seconds(text)?))
}

/// `YYYY-MM-DD` (a leading `-` for years before 1 BC).
fn parse_date(text: &str) -> Option<Date> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = rest.splitn(3, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() < 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let year: i32 = digits(year)?;
    let month = Month::try_from(digits::<u8>(month)?).ok()?;
    Date::from_calendar_date(if negative { -year } else { year }, month, digits(day)?).ok()
}

/// `hh:mm`, `hh:mm:ss` or `hh:mm:ss.f...` (up to nanoseconds; further digits are cut).
fn parse_time(text: &str) -> Option<Time> {
    let (hms, fraction) = match text.split_once('.') {
        Some((hms, fraction)) => (hms, Some(fraction)),
        None => (text, None),
    };
    let mut parts = hms.split(':');
    let hour = parts.next().filter(|p| p.len() == 2)?;
    let minute = parts.next().filter(|p| p.len() == 2)?;
    let second = match parts.next() {
        Some(second) if second.len() == 2 => digits(second)?,
        Some(_) => return None,
        None => 0,
    };
    if parts.next().is_some() || (fraction.is_some() && hms.len() != 8) {
        return None;
    }
    let nanos = match fraction {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            let digits: String = f.chars().chain(std::iter::repeat('0')).take(9).collect();
            digits.parse().ok()?
        }
        Some(_) => return None,
        None => 0,
    };
    Time::from_hms_nano(digits(hour)?, digits(minute)?, second, nanos).ok()
}

/// A number written only with ASCII digits.
fn digits<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Reads a string with `parse`, naming `expected` when it does not fit.
struct TextVisitor<T>(&'static str, fn(&str) -> Option<T>);

impl<T> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.1)(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use crate::edm::time::{date, date_time_offset, time_of_day};
    use serde_json::json;
    use time::{Date, Month, OffsetDateTime, Time};

    fn read(s: &str) -> OffsetDateTime {
        date_time_offset::deserialize(json!(s)).unwrap()
    }

    fn write(v: &OffsetDateTime) -> String {
        serde_json::to_string(&date_time_offset::Ser(v)).unwrap()
    }

    #[test]
    fn date_time_offsets_read_and_write_like_graph() {
        assert_eq!(write(&read("2021-06-01T00:00:00Z")), r#""2021-06-01T00:00:00Z""#);
        let seven = read("2021-06-01T10:20:30.1234567Z");
        assert_eq!(seven.nanosecond(), 123_456_700);
        assert_eq!(write(&seven), r#""2021-06-01T10:20:30.1234567Z""#, "written as read");
        let offset = read("2021-06-01T10:20:30.5+02:00");
        assert_eq!(write(&offset), r#""2021-06-01T10:20:30.5+02:00""#);
        assert_eq!(offset, read("2021-06-01T08:20:30.5Z"));
        assert_eq!(read("2021-06-01T00:00:00.25"), read("2021-06-01T00:00:00.25Z"), "no offset: UTC");
        assert!(date_time_offset::deserialize(json!("2021-13-01T00:00:00Z")).is_err());
        assert!(date_time_offset::deserialize(json!("yesterday")).is_err());
        assert_eq!(read("2018-08-12T12:00Z"), read("2018-08-12T12:00:00Z"), "seconds are optional");
        assert_eq!(date_time_offset::option::deserialize(json!(null)).unwrap(), None);
    }

    #[test]
    fn dates_and_times_of_day() {
        let d = date::deserialize(json!("2021-06-01")).unwrap();
        assert_eq!(d, Date::from_calendar_date(2021, Month::June, 1).unwrap());
        assert_eq!(serde_json::to_string(&date::Ser(&d)).unwrap(), r#""2021-06-01""#);
        assert!(date::deserialize(json!("2021-6-1")).is_err());
        assert!(date::deserialize(json!("2021-02-30")).is_err());
        let t = time_of_day::deserialize(json!("12:30")).unwrap();
        assert_eq!(t, Time::from_hms(12, 30, 0).unwrap());
        assert_eq!(serde_json::to_string(&time_of_day::Ser(&t)).unwrap(), r#""12:30:00""#);
        let t = time_of_day::deserialize(json!("23:59:59.1234567")).unwrap();
        assert_eq!(serde_json::to_string(&time_of_day::Ser(&t)).unwrap(), r#""23:59:59.1234567""#);
        assert_eq!(time_of_day::deserialize(json!("12:30:00.000")).unwrap(), Time::from_hms(12, 30, 0).unwrap());
        for bad in ["24:00", "12:3", "12:30:00.", "12:30.5", "noon"] {
            assert!(time_of_day::deserialize(json!(bad)).is_err(), "{bad}");
        }
    }
}
