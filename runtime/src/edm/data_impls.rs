//! [`Data`] for the Rust forms of the Edm date, time, GUID and decimal types: read with the same
//! readers as the codec modules, written in the same forms.

use std::fmt;

#[cfg(feature = "chrono")]
use crate::data::JsonText;
#[cfg(any(feature = "chrono", feature = "time", feature = "decimal"))]
use crate::data::Out;
#[cfg(any(feature = "chrono", feature = "time", feature = "decimal", feature = "uuid"))]
use crate::data::{Data, ReadError, Scalar};
#[cfg(any(feature = "chrono", feature = "time", feature = "decimal", feature = "uuid"))]
use crate::de::{read_leaf, read_leaf_with};

/// A leaf value written as its codec module writes it.
#[cfg(feature = "time")]
fn written(value: impl serde::Serialize) -> Out<'static> {
    Out::Owned(serde_json::to_value(value).unwrap_or(serde_json::Value::Null))
}

#[allow(dead_code)]
fn expect(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str(text)
}

#[cfg(feature = "chrono")]
mod chrono_impls {
    use super::*;
    use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

    impl Data for DateTime<FixedOffset> {
        fn empty() -> Self {
            DateTime::default()
        }
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            expect(f, "an RFC 3339 date and time (Edm.DateTimeOffset)")
        }
        fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
            read_leaf_with(self, value, crate::edm::date_time_offset::deserialize)
        }
        fn write(&self) -> Out<'_> {
            Out::Formatted(self)
        }
        fn writes_as_read(&self, input: &Scalar<'_>) -> bool {
            // Text in the form the writer writes is written back as it came, without formatting it.
            match input {
                Scalar::Str(text) if crate::edm::date_time::is_canonical(text) => true,
                _ => crate::kept::same(&self.write(), input),
            }
        }
    }

    impl JsonText for DateTime<FixedOffset> {
        fn fmt_text(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            crate::edm::date_time::fmt_date_time(self, f)
        }
    }

    impl Data for NaiveDate {
        fn empty() -> Self {
            NaiveDate::default()
        }
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            expect(f, "a date (YYYY-MM-DD) (Edm.Date)")
        }
        fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
            read_leaf(self, value)
        }
        fn write(&self) -> Out<'_> {
            Out::Display(self)
        }
    }

    impl Data for NaiveTime {
        fn empty() -> Self {
            NaiveTime::default()
        }
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            expect(f, "a time of day (hh:mm:ss) (Edm.TimeOfDay)")
        }
        fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
            read_leaf(self, value)
        }
        fn write(&self) -> Out<'_> {
            Out::Formatted(self)
        }
    }

    /// `hh:mm:ss` and the fewest fraction digits that keep the value (chrono writes nine).
    impl JsonText for NaiveTime {
        fn fmt_text(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            use chrono::Timelike;
            write!(f, "{:02}:{:02}:{:02}", self.hour(), self.minute(), self.second())?;
            crate::edm::date_time::fmt_fraction(self.nanosecond(), f)
        }
    }
}

#[cfg(feature = "time")]
mod time_impls {
    use super::*;
    use time::{Date, OffsetDateTime, Time};

    impl Data for OffsetDateTime {
        fn empty() -> Self {
            OffsetDateTime::UNIX_EPOCH
        }
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            expect(f, "an RFC 3339 date and time (Edm.DateTimeOffset)")
        }
        fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
            read_leaf_with(self, value, crate::edm::time::date_time_offset::deserialize)
        }
        fn write(&self) -> Out<'_> {
            written(crate::edm::time::date_time_offset::Ser(self))
        }
    }

    impl Data for Date {
        fn empty() -> Self {
            OffsetDateTime::UNIX_EPOCH.date()
        }
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            expect(f, "a date (YYYY-MM-DD) (Edm.Date)")
        }
        fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
            read_leaf_with(self, value, crate::edm::time::date::deserialize)
        }
        fn write(&self) -> Out<'_> {
            written(crate::edm::time::date::Ser(self))
        }
    }

    impl Data for Time {
        fn empty() -> Self {
            Time::MIDNIGHT
        }
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            expect(f, "a time of day (hh:mm:ss) (Edm.TimeOfDay)")
        }
        fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
            read_leaf_with(self, value, crate::edm::time::time_of_day::deserialize)
        }
        fn write(&self) -> Out<'_> {
            written(crate::edm::time::time_of_day::Ser(self))
        }
    }
}

#[cfg(feature = "uuid")]
impl Data for uuid::Uuid {
    fn empty() -> Self {
        uuid::Uuid::nil()
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, "a GUID (Edm.Guid)")
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        read_leaf(self, value)
    }
    fn write(&self) -> crate::data::Out<'_> {
        crate::data::Out::Display(self)
    }
}

#[cfg(feature = "decimal")]
impl Data for rust_decimal::Decimal {
    fn empty() -> Self {
        rust_decimal::Decimal::ZERO
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, "a decimal number as a number or a string (Edm.Decimal)")
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        read_leaf_with(self, value, crate::edm::decimal::deserialize)
    }
    fn write(&self) -> Out<'_> {
        match crate::edm::decimal_codec::exact_f64(self) {
            Some(number) => Out::F64(number),
            None => Out::Display(self),
        }
    }
}
