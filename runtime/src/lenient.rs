//! Lenient reading, an explicit choice: values that do not fit their types are kept raw.
//!
//! A strict read (plain `serde_json::from_str`, the default) fails on the first value that is not
//! valid for its Edm type, and with it the whole object or page. A lenient read keeps each such value
//! as it came in the additional data of the object that holds it, empties the typed field, reads the
//! rest, and says which values it kept raw and why ([`Lenient::kept_raw`]; each object also knows its
//! own, [`AdditionalData::invalid`](crate::AdditionalData::invalid)). Writing the value back gives the
//! input again, the raw values included. A collection with a bad item is kept raw whole.
//!
//! ```
//! odata_runtime::record! {
//!     /// An event.
//!     pub struct Event = "#demo.event" {
//!         name: Option<String> = "name",
//!         start: Option<odata_runtime::chrono::DateTime<odata_runtime::chrono::FixedOffset>> = "start",
//!     }
//!     lookup = [0, 1];
//! }
//!
//! let text = r#"{"value": [{"name": "a", "start": "2024-01-01T10:00:00Z"},
//!                          {"name": "b", "start": "String (timestamp)"}]}"#;
//! assert!(serde_json::from_str::<odata_runtime::Page<Event>>(text).is_err());
//! let read = odata_runtime::lenient::from_str::<odata_runtime::Page<Event>>(text)?;
//! assert_eq!(read.value.value.len(), 2);
//! assert_eq!(read.value.value[1].name.as_deref(), Some("b"));
//! assert_eq!(read.value.value[1].start, None);
//! assert_eq!(read.value.value[1].additional.get("start"), Some(&serde_json::json!("String (timestamp)")));
//! assert_eq!(read.kept_raw[0].path, "value[1].start");
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};

/// The result of a lenient read: the value and what it kept raw.
#[derive(Clone, Debug, PartialEq)]
pub struct Lenient<T> {
    /// The value read; fields whose values did not fit are empty, their values in `additional`.
    pub value: T,
    /// Every value kept raw, in input order.
    pub kept_raw: Vec<KeptRaw>,
}

impl<T> Lenient<T> {
    /// Whether every value fit its type (the strict read would have succeeded).
    pub fn is_exact(&self) -> bool {
        self.kept_raw.is_empty()
    }
}

/// A value kept raw by a lenient read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptRaw {
    /// The JSON path of the member kept raw (`value[3].closedDateTime`).
    pub path: String,
    /// Why: what the member's type expects and what was found.
    pub error: String,
}

/// Reads `T` from `deserializer` leniently. Values nested in other generic types (a
/// [`Page`](crate::Page) of generated types, a `Vec` of them) are read leniently too.
pub fn read<'de, T: Deserialize<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<T>, D::Error> {
    let before = crate::de::lenient_begin();
    let value = T::deserialize(deserializer);
    let kept_raw = crate::de::lenient_end(before);
    Ok(Lenient { value: value?, kept_raw })
}

/// Reads `T` from JSON text leniently (see the [module docs](self)).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<Lenient<T>, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = read(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Reads `T` from a JSON value leniently.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<Lenient<T>, serde_json::Error> {
    read(value)
}
