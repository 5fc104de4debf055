//! Reader and writer for `Edm.DateTimeOffset`.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDateTime, SecondsFormat};
use serde::de::{self, Unexpected, Visitor};
use serde::{Deserializer, Serializer};

pub(crate) fn ser_date_time<S: Serializer>(value: &DateTime<FixedOffset>, serializer: S) -> Result<S::Ok, S::Error> {
    // RFC 3339 with `Z` for a zero offset and the fewest fraction digits that keep the value, so
    // Graph's 7-digit fractions (`.1234567Z`) are written back as they were read.
    let text = value.to_rfc3339_opts(SecondsFormat::Nanos, true);
    serializer.serialize_str(&trim_fraction(&text))
}

/// `2021-06-01T10:20:30.123456700Z` → `2021-06-01T10:20:30.1234567Z`; `...30.000000000Z` → `...30Z`.
fn trim_fraction(text: &str) -> String {
    let Some(dot) = text.find('.') else { return text.to_owned() };
    let digits_end = text[dot + 1..].find(|c: char| !c.is_ascii_digit()).map_or(text.len(), |i| dot + 1 + i);
    let fraction = text[dot + 1..digits_end].trim_end_matches('0');
    let separator = if fraction.is_empty() { "" } else { "." };
    format!("{}{separator}{fraction}{}", &text[..dot], &text[digits_end..])
}

pub(crate) fn de_date_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<FixedOffset>, D::Error> {
    deserializer.deserialize_str(DateTimeVisitor)
}

/// Parses RFC 3339 (chrono's relaxed form), or a date and time without offset as UTC.
pub(crate) fn parse(text: &str) -> Option<DateTime<FixedOffset>> {
    text.parse::<DateTime<FixedOffset>>()
        .ok()
        .or_else(|| text.parse::<NaiveDateTime>().ok().map(|naive| naive.and_utc().fixed_offset()))
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
}
