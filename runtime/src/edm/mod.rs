//! Serde helpers for Edm primitive types whose OData JSON form differs from plain serde.
//!
//! | Edm type | Rust type | helper |
//! |---|---|---|
//! | `Edm.Int64` | `i64` | [`int64`]: number, or string (`IEEE754Compatible=true`) |
//! | `Edm.Single` / `Edm.Double` | `f32` / `f64` | [`single`] / [`double`]: number, or `"NaN"`, `"INF"`, `"-INF"` |
//! | `Edm.Decimal` | `rust_decimal::Decimal` | `decimal` (feature `decimal`): number or string |
//! | `Edm.Binary` | `Vec<u8>` | [`binary`]: base64url; or [`binary_standard`]: base64 as Graph writes it |
//! | `Edm.Duration` | [`Duration`] | none: the type has its own serde impls |
//! | `Edm.DateTimeOffset` | `chrono::DateTime<FixedOffset>` | `date_time_offset` (feature `chrono`): also without offset |
//! | `Edm.Date` / `Edm.TimeOfDay` | `chrono::NaiveDate` / `NaiveTime` | none: chrono's serde reads `2021-06-01`, `12:30`, `12:30:00.000` |
//! | `Edm.Guid` | `uuid::Uuid` | none |
//!
//! With the `time` feature, the module `time` has the same helpers for models generated with the
//! `time` crate (`date_time = "time"`): `time::OffsetDateTime`, `Date` and `Time`.
//!
//! Every helper module offers the same items, for the plain type and in submodules `option`
//! (`Option<T>`), `vec` (`Vec<T>`) and `option_vec` (`Option<Vec<T>>`):
//!
//! - `serialize` / `deserialize` functions, for `#[serde(with = "odata_runtime::edm::int64::option")]`;
//! - `Ser(&value)`, a borrowing `Serialize` adapter for hand-written impls:
//!   `map.serialize_entry("size", &edm::int64::Ser(&size))`;
//! - `Seed`, a `DeserializeSeed` for hand-written visitors:
//!   `size = map.next_value_seed(edm::int64::option::Seed)?`.
//!
//! Readers are liberal (they accept every form OData allows and a few common deviations);
//! writers emit the form the OData JSON format prescribes.

mod binary_codec;
mod codec;
#[cfg(feature = "chrono")]
mod date_time;
#[cfg(feature = "decimal")]
mod decimal_codec;
mod duration;
mod numbers;
#[cfg(feature = "time")]
mod time_codec;

pub use duration::{Duration, ParseDurationError};

/// `Edm.Int64` as `i64`: written as a number, read from a number or a decimal string.
pub mod int64 {
    crate::edm::codec::codec!(i64, crate::edm::numbers::ser_i64, crate::edm::numbers::de_i64);
}

/// `Edm.Single` as `f32`: written as a number or `"NaN"`/`"INF"`/`"-INF"`, read from either or
/// from a numeric string.
pub mod single {
    crate::edm::codec::codec!(f32, crate::edm::numbers::ser_float, crate::edm::numbers::de_float);
}

/// `Edm.Double` as `f64`: written as a number or `"NaN"`/`"INF"`/`"-INF"`, read from either or
/// from a numeric string.
pub mod double {
    crate::edm::codec::codec!(f64, crate::edm::numbers::ser_float, crate::edm::numbers::de_float);
}

/// `Edm.Binary` as `Vec<u8>`: written as unpadded base64url (the OData JSON rule), read from
/// base64url or standard base64, padded or not.
pub mod binary {
    crate::edm::codec::codec!(Vec<u8>, crate::edm::binary_codec::ser_url_safe, crate::edm::binary_codec::de_binary);
}

/// `Edm.Binary` as `Vec<u8>`: written as padded standard base64 (what Microsoft Graph and
/// other .NET OData services write and always accept), read like [`binary`].
pub mod binary_standard {
    crate::edm::codec::codec!(Vec<u8>, crate::edm::binary_codec::ser_standard, crate::edm::binary_codec::de_binary);
}

/// `Edm.Decimal` as `rust_decimal::Decimal`: written as a JSON number when that number denotes
/// the value exactly, else as a string; read from a number or a string.
///
/// Numbers are read through `f64` (shortest round-trip digits) unless they are integers, so a
/// number with more than 15–17 significant digits loses precision; strings are exact.
#[cfg(feature = "decimal")]
pub mod decimal {
    crate::edm::codec::codec!(
        ::rust_decimal::Decimal,
        crate::edm::decimal_codec::ser_decimal,
        crate::edm::decimal_codec::de_decimal
    );
}

/// `Edm.DateTimeOffset` as `chrono::DateTime<FixedOffset>`: written as RFC 3339 with `Z` for
/// UTC; read from RFC 3339 (any fraction of seconds) or, leniently, without offset as UTC.
#[cfg(feature = "chrono")]
pub mod date_time_offset {
    crate::edm::codec::codec!(
        ::chrono::DateTime<::chrono::FixedOffset>,
        crate::edm::date_time::ser_date_time,
        crate::edm::date_time::de_date_time
    );
}

/// `Edm.DateTimeOffset`, `Edm.Date` and `Edm.TimeOfDay` as `time` crate types (feature `time`), in the
/// same JSON forms as the chrono helpers.
#[cfg(feature = "time")]
pub mod time {
    /// `Edm.DateTimeOffset` as `time::OffsetDateTime`: written as RFC 3339 with `Z` for UTC; read
    /// from RFC 3339 (any fraction of seconds) or, leniently, without offset as UTC.
    pub mod date_time_offset {
        crate::edm::codec::codec!(
            ::time::OffsetDateTime,
            crate::edm::time_codec::ser_date_time,
            crate::edm::time_codec::de_date_time
        );
    }

    /// `Edm.Date` as `time::Date`: `YYYY-MM-DD`.
    pub mod date {
        crate::edm::codec::codec!(::time::Date, crate::edm::time_codec::ser_date, crate::edm::time_codec::de_date);
    }

    /// `Edm.TimeOfDay` as `time::Time`: written as `hh:mm:ss` with the fewest fraction digits that
    /// keep the value; read from `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fffffff`.
    pub mod time_of_day {
        crate::edm::codec::codec!(::time::Time, crate::edm::time_codec::ser_time, crate::edm::time_codec::de_time);
    }
}

mod data_impls;

/// Decodes `Edm.Binary` text: base64url or standard base64, padded or not.
pub(crate) fn decode_binary(text: &str) -> Option<Vec<u8>> {
    binary_codec::decode(text)
}

/// Writes `Edm.Binary` as unpadded base64url.
pub(crate) fn write_binary<S: serde::Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    binary_codec::ser_url_safe(bytes, serializer)
}

/// `text` with `:00` seconds added when it is a date and time whose time is `hh:mm` (seconds are
/// optional in OData's `Edm.DateTimeOffset`), `None` for any other text.
#[cfg(any(feature = "chrono", feature = "time"))]
pub(crate) fn with_seconds(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let time_at = bytes.iter().position(|b| *b == b'T' || *b == b't')?;
    let minutes_end = time_at + 6;
    let hh_mm = bytes.get(time_at + 1..minutes_end)?;
    let fits = hh_mm.iter().enumerate().all(|(i, b)| if i == 2 { *b == b':' } else { b.is_ascii_digit() });
    if !fits || bytes.get(minutes_end) == Some(&b':') {
        return None;
    }
    Some(format!("{}:00{}", &text[..minutes_end], &text[minutes_end..]))
}

/// `Edm.Binary` as it is written (unpadded base64url), for comparing without allocating.
pub(crate) fn binary_text(bytes: &[u8]) -> impl std::fmt::Display + '_ {
    binary_codec::display(bytes)
}

/// Parses a float from text: a number, `NaN`, `INF`, `-INF` (any case).
pub(crate) fn parse_float(text: &str) -> Option<f64> {
    text.trim().parse().ok()
}
