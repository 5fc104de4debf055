//! OData URL literals: how key values and function parameters are written in a URL.
//!
//! [`Literal::write_literal`] appends the literal form of a value (`'O''Neil'`, `42`, `2024-05-01`,
//! a bare GUID, `microsoft.graph.color'red'`, `duration'PT1H'`, ...); [`push_encoded`] then
//! percent-encodes what cannot appear in a URL path segment. [`segment`] does both for a parenthesized
//! argument list.
//!
//! ```
//! use odata_runtime::literal::{Literal, segment};
//!
//! assert_eq!("O'Neil".to_literal(), "'O''Neil'");
//! assert_eq!(segment(|out| "a b".write_literal(out)), "('a%20b')");
//! assert_eq!(segment(|out| 42_i32.write_literal(out)), "(42)");
//! ```

use std::fmt::Write as _;

/// A value with an OData URL literal form.
pub trait Literal {
    /// Appends the literal form of `self` (not percent-encoded) to `out`.
    fn write_literal(&self, out: &mut String);

    /// The literal form of `self` (not percent-encoded).
    fn to_literal(&self) -> String {
        let mut out = String::new();
        self.write_literal(&mut out);
        out
    }
}

impl<T: Literal + ?Sized> Literal for &T {
    fn write_literal(&self, out: &mut String) {
        (**self).write_literal(out);
    }
}

impl<T: Literal> Literal for Option<T> {
    /// `null` for `None`.
    fn write_literal(&self, out: &mut String) {
        match self {
            Some(value) => value.write_literal(out),
            None => out.push_str("null"),
        }
    }
}

impl Literal for str {
    /// In single quotes, with `'` doubled.
    fn write_literal(&self, out: &mut String) {
        out.push('\'');
        for c in self.chars() {
            if c == '\'' {
                out.push('\'');
            }
            out.push(c);
        }
        out.push('\'');
    }
}

impl Literal for String {
    fn write_literal(&self, out: &mut String) {
        self.as_str().write_literal(out);
    }
}

macro_rules! display_literal {
    ($($ty:ty),*) => {$(
        impl Literal for $ty {
            fn write_literal(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

display_literal!(bool, u8, i8, i16, i32, i64);

macro_rules! float_literal {
    ($($ty:ty),*) => {$(
        impl Literal for $ty {
            /// `NaN`, `INF`, `-INF`, or the shortest decimal form that reads back exactly.
            fn write_literal(&self, out: &mut String) {
                if self.is_nan() {
                    out.push_str("NaN");
                } else if self.is_infinite() {
                    out.push_str(if *self > 0.0 { "INF" } else { "-INF" });
                } else {
                    let _ = write!(out, "{self:?}");
                }
            }
        }
    )*};
}

float_literal!(f32, f64);

impl Literal for crate::edm::Duration {
    /// `duration'P1DT2H'`.
    fn write_literal(&self, out: &mut String) {
        let _ = write!(out, "duration'{self}'");
    }
}

impl Literal for [u8] {
    /// `binary'...'` with base64url.
    fn write_literal(&self, out: &mut String) {
        use base64::Engine as _;
        out.push_str("binary'");
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode_string(self, out);
        out.push('\'');
    }
}

impl Literal for Vec<u8> {
    fn write_literal(&self, out: &mut String) {
        self.as_slice().write_literal(out);
    }
}

#[cfg(feature = "uuid")]
impl Literal for uuid::Uuid {
    /// Bare, hyphenated: `01234567-89ab-cdef-0123-456789abcdef`.
    fn write_literal(&self, out: &mut String) {
        let _ = write!(out, "{}", self.hyphenated());
    }
}

#[cfg(feature = "decimal")]
impl Literal for rust_decimal::Decimal {
    fn write_literal(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

#[cfg(feature = "chrono")]
impl Literal for chrono::NaiveDate {
    /// `2024-05-01`.
    fn write_literal(&self, out: &mut String) {
        let _ = write!(out, "{}", self.format("%Y-%m-%d"));
    }
}

#[cfg(feature = "chrono")]
impl Literal for chrono::NaiveTime {
    /// `13:45:00` with fraction digits only when needed.
    fn write_literal(&self, out: &mut String) {
        let _ = write!(out, "{}", self.format("%H:%M:%S%.f"));
    }
}

#[cfg(feature = "chrono")]
impl Literal for chrono::DateTime<chrono::FixedOffset> {
    /// `2024-05-01T13:45:00Z` or with its offset (`+02:00`, percent-encoded by [`push_encoded`]).
    fn write_literal(&self, out: &mut String) {
        out.push_str(&self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
    }
}

#[cfg(feature = "chrono")]
impl Literal for chrono::DateTime<chrono::Utc> {
    /// `2024-05-01T13:45:00Z`.
    fn write_literal(&self, out: &mut String) {
        out.push_str(&self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
    }
}

#[cfg(feature = "time")]
impl Literal for time::Date {
    /// `2024-05-01`.
    fn write_literal(&self, out: &mut String) {
        let _ = write!(out, "{:04}-{:02}-{:02}", self.year(), u8::from(self.month()), self.day());
    }
}

#[cfg(feature = "time")]
impl Literal for time::Time {
    /// `13:45:00` with fraction digits only when needed.
    fn write_literal(&self, out: &mut String) {
        let _ = write!(out, "{:02}:{:02}:{:02}", self.hour(), self.minute(), self.second());
        let nanos = self.nanosecond();
        if nanos != 0 {
            let fraction = format!("{nanos:09}");
            let _ = write!(out, ".{}", fraction.trim_end_matches('0'));
        }
    }
}

#[cfg(feature = "time")]
impl Literal for time::OffsetDateTime {
    /// RFC 3339: `2024-05-01T13:45:00Z` or with its offset (percent-encoded by [`push_encoded`]).
    fn write_literal(&self, out: &mut String) {
        if let Ok(text) = self.format(&time::format_description::well_known::Rfc3339) {
            out.push_str(&text);
        }
    }
}

/// Appends an enum literal: `namespace.type'member'` (members of a flags value joined by `,`).
pub fn push_enum(out: &mut String, qualified_type: &str, members: &str) {
    out.push_str(qualified_type);
    members.write_literal(out);
}

/// Appends `value` as JSON (written through its [`Data`](crate::data::Data) codec, as in a request
/// body), the URL form of complex and collection parameters.
pub fn push_json(out: &mut String, value: &dyn crate::data::Data) {
    match serde_json::to_string(&crate::ser::Json(value)) {
        Ok(json) => out.push_str(&json),
        // A value that cannot be JSON (a map with non-string keys) has no literal form either.
        Err(_) => out.push_str("null"),
    }
}

/// Appends `text` percent-encoded for a URL path segment: unreserved characters and the
/// sub-delimiters OData uses (`'`, `(`, `)`, `,`, `=`, ...) stay; everything else, including `+`
/// (which some servers read as a space), `/`, `?`, `#` and non-ASCII bytes, is encoded.
pub fn push_encoded(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*,;=:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}

/// `(` + the percent-encoded text `write` appends + `)`: a key or parameter list segment.
pub fn segment(write: impl FnOnce(&mut String)) -> String {
    let mut literal = String::new();
    write(&mut literal);
    let mut out = String::with_capacity(literal.len() + 2);
    out.push('(');
    push_encoded(&mut out, &literal);
    out.push(')');
    out
}

/// Builds a `name=value,name=value` list (composite keys, function parameters).
#[derive(Debug, Default)]
pub struct NamedList {
    text: String,
}

impl NamedList {
    /// An empty list.
    pub fn new() -> NamedList {
        NamedList::default()
    }

    /// Adds `name=` and lets `write` append the value's literal.
    pub fn push(&mut self, name: &str, write: impl FnOnce(&mut String)) -> &mut NamedList {
        if !self.text.is_empty() {
            self.text.push(',');
        }
        self.text.push_str(name);
        self.text.push('=');
        write(&mut self.text);
        self
    }

    /// Adds `name=` and the literal form of `value` (a generated function's parameters).
    pub fn literal(&mut self, name: &str, value: &dyn Literal) -> &mut NamedList {
        self.push(name, |out| value.write_literal(out))
    }

    /// Adds `name=` and an enum literal of `qualified_type` (see [`push_enum`]): `value`'s `Display`
    /// form is its member names.
    pub fn enum_member(&mut self, name: &str, qualified_type: &str, value: &dyn std::fmt::Display) -> &mut NamedList {
        self.push(name, |out| push_enum(out, qualified_type, &value.to_string()))
    }

    /// Adds `name=null`.
    pub fn null(&mut self, name: &str) -> &mut NamedList {
        self.push(name, |out| out.push_str("null"))
    }

    /// Adds `name=` and `value` as JSON (structured and collection parameters), see [`push_json`].
    pub fn json(&mut self, name: &str, value: &dyn crate::data::Data) -> &mut NamedList {
        self.push(name, |out| push_json(out, value))
    }

    /// The list so far (not percent-encoded).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `(` + the percent-encoded list + `)`.
    pub fn to_segment(&self) -> String {
        segment(|out| out.push_str(&self.text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_double_quotes_and_encode() {
        assert_eq!(segment(|o| "it's 50% / done?".write_literal(o)), "('it''s%2050%25%20%2F%20done%3F')");
        assert_eq!(segment(|o| "é".write_literal(o)), "('%C3%A9')");
    }

    #[test]
    fn numbers_and_special_floats() {
        assert_eq!((-7_i64).to_literal(), "-7");
        assert_eq!(1.5_f64.to_literal(), "1.5");
        assert_eq!(f64::INFINITY.to_literal(), "INF");
        assert_eq!(f32::NEG_INFINITY.to_literal(), "-INF");
        assert_eq!(f64::NAN.to_literal(), "NaN");
        assert_eq!(true.to_literal(), "true");
        assert_eq!(None::<i32>.to_literal(), "null");
    }

    #[test]
    fn enums_binary_and_durations() {
        let mut out = String::new();
        push_enum(&mut out, "ns.color", "red,blue");
        assert_eq!(out, "ns.color'red,blue'");
        assert_eq!(vec![0xfb_u8, 0xff].to_literal(), "binary'-_8'");
        let duration: crate::edm::Duration = "PT1H".parse().unwrap_or_default();
        assert_eq!(duration.to_literal(), "duration'PT1H'");
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn dates_and_times() {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 5, 1);
        assert_eq!(date.map(|d| d.to_literal()).as_deref(), Some("2024-05-01"));
        let time = chrono::DateTime::parse_from_rfc3339("2024-05-01T13:45:00+02:00").ok();
        assert_eq!(time.map(|t| segment(|o| t.write_literal(o))).as_deref(), Some("(2024-05-01T13:45:00%2B02:00)"));
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_crate_dates_and_times() {
        let date = time::Date::from_calendar_date(2024, time::Month::May, 1).ok();
        assert_eq!(date.map(|d| d.to_literal()).as_deref(), Some("2024-05-01"));
        let at = time::Time::from_hms_nano(13, 45, 0, 500_000_000).ok();
        assert_eq!(at.map(|t| t.to_literal()).as_deref(), Some("13:45:00.5"));
        let moment = time::OffsetDateTime::from_unix_timestamp(0).ok();
        assert_eq!(moment.map(|m| m.to_literal()).as_deref(), Some("1970-01-01T00:00:00Z"));
    }

    #[cfg(feature = "uuid")]
    #[test]
    fn guids_are_bare() {
        let id = uuid::Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        assert_eq!(id.to_literal(), "01234567-89ab-cdef-0123-456789abcdef");
    }

    #[test]
    fn named_lists() {
        let mut list = NamedList::new();
        list.push("a", |o| 1_i32.write_literal(o)).push("b", |o| "x'y".write_literal(o));
        assert_eq!(list.as_str(), "a=1,b='x''y'");
        assert_eq!(list.to_segment(), "(a=1,b='x''y')");
        list.literal("c", &None::<i64>).json("d", &vec![f64::INFINITY, 1.5]);
        assert_eq!(list.as_str(), r#"a=1,b='x''y',c=null,d=["INF",1.5]"#);
        let mut list = NamedList::new();
        list.enum_member("e", "ns.color", &"red,blue").null("f");
        assert_eq!(list.as_str(), "e=ns.color'red,blue',f=null");
    }
}
