//! Generated structs as data: each is defined by one [`record!`](crate::record!) call (a read model)
//! or [`write_model!`](crate::write_model!) call (a `...Update` write model), which writes the struct,
//! its member table ([`RecordType`]) and one-line `Serialize`, `Deserialize`, `Clone`, `PartialEq`,
//! `Debug` and `Default` impls that call generic code compiled once. Reading looks members up in the
//! table, writing walks it; unknown members and annotations go to the struct's [`AdditionalData`](crate::AdditionalData) and
//! are written back after the fields.
//!
//! ```
//! odata_runtime::record! {
//!     /// A point.
//!     pub struct Point = "#demo.point" {
//!         x: Option<i32> = "x",
//!         /// What the point marks.
//!         r#type: Option<String> = "type",
//!         secret: Option<String> = "secret",
//!     }
//!     lookup = [2, 1, 0];
//!     secret = [2];
//! }
//!
//! let point: Point = serde_json::from_str(r#"{"type": "a", "x": 2, "@odata.etag": "W/\"1\"", "secret": "s"}"#)?;
//! assert_eq!((point.x, point.r#type.as_deref()), (Some(2), Some("a")));
//! assert_eq!(serde_json::to_string(&point)?, r#"{"x":2,"type":"a","secret":"s","@odata.etag":"W/\"1\""}"#);
//! assert!(format!("{point:?}").starts_with(r#"Point { x: Some(2), type: Some("a"), secret: Some(<redacted>), "#));
//! assert_eq!(point.clone(), point);
//! assert_eq!(Point::default().x, None);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use serde_json::Value;

pub use crate::raw::{Record, RecordMut, RecordRef, RecordType};

use crate::data::{Data, Out, ReadError, ReadMap};
use crate::kept::Kept;
use crate::polymorphic::ODATA_TYPE;

impl<T: Record> Data for T {
    fn empty() -> Self {
        crate::raw::default()
    }

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting(T::TYPE, f)
    }

    fn read_map(&mut self, odata_type: Option<&str>) -> Result<&mut dyn ReadMap, ReadError> {
        begin(RecordMut::new(self), odata_type);
        Ok(self)
    }

    fn write(&self) -> Out<'_> {
        Out::Record(RecordRef::new(self), false)
    }
}

impl<T: Record> ReadMap for T {
    fn member(&mut self, key: &str, next: &mut usize) -> Option<&mut dyn Data> {
        member(RecordMut::new(self), key, next)
    }

    fn other(&mut self, key: String, value: Value) {
        RecordMut::new(self).additional().insert(key, value);
    }

    fn keep(&mut self, key: &str, kept: Kept) {
        keep(RecordMut::new(self), key, kept);
    }

    fn discard(&mut self, key: &str, error: String) {
        discard(RecordMut::new(self), key, error);
    }
}

/// A record whose type is erased reads like the record itself (an `Any...` enum re-reads its members
/// into another variant this way).
impl ReadMap for RecordMut<'_> {
    fn member(&mut self, key: &str, next: &mut usize) -> Option<&mut dyn Data> {
        member(self.reborrow(), key, next)
    }

    fn other(&mut self, key: String, value: Value) {
        self.reborrow().additional().insert(key, value);
    }

    fn keep(&mut self, key: &str, kept: Kept) {
        keep(self.reborrow(), key, kept);
    }

    fn discard(&mut self, key: &str, error: String) {
        discard(self.reborrow(), key, error);
    }
}

/// Keeps how member `key` of `record` was read (see [`kept`](crate::kept)).
pub fn keep(record: RecordMut<'_>, key: &str, kept: Kept) {
    let index = record.record_type().position(key).and_then(|index| u32::try_from(index).ok());
    if let Some(index) = index {
        record.additional().keep(index, kept);
    }
}

/// Empties the field of member `key` of `record` and records `error` as the reason (a lenient read
/// keeps the value raw in the additional data).
pub fn discard(mut record: RecordMut<'_>, key: &str, error: String) {
    if let Some(index) = record.record_type().position(key) {
        record.reset(index);
    }
    record.additional().mark_invalid(key, error);
}

/// Starts reading an object into `record`: keeps the `@odata.type` it was read with.
pub fn begin(record: RecordMut<'_>, odata_type: Option<&str>) {
    if let Some(odata_type) = odata_type {
        record.additional().insert(ODATA_TYPE, Value::String(odata_type.to_owned()));
    }
}

/// The field for member `key` of `record`, if the type reads one; `next` is the position tried first
/// (see [`ReadMap::member`]).
pub fn member<'a>(record: RecordMut<'a>, key: &str, next: &mut usize) -> Option<&'a mut dyn Data> {
    let ty = record.record_type();
    if ty.lookup.is_empty() {
        return None;
    }
    // Members usually come in schema order with some left out: look a few positions ahead first
    // (comparing lengths is enough to pass over most), then search the sorted lookup.
    let ahead = ty.json.iter().enumerate().skip(*next).take(LOOK_AHEAD);
    let index = match ahead.into_iter().find(|(_, json)| json.len() == key.len() && **json == key) {
        Some((index, _)) => index,
        // Annotations (`@odata.etag`, `name@odata.bind`) are never declared properties; media
        // annotations belong to the stream they describe.
        None if key.as_bytes().contains(&b'@') => return media_annotation(record, key),
        None => ty.position(key)?,
    };
    *next = index + 1;
    record.field(index)
}

/// The place for a media annotation (`photo@odata.mediaReadLink`, or `@odata.mediaReadLink` for the
/// stream of a media entity, whose field has the JSON name `""`): the field named before the `@`,
/// when its type keeps the annotation ([`Data::annotation`]).
fn media_annotation<'a>(record: RecordMut<'a>, key: &str) -> Option<&'a mut dyn Data> {
    let (name, term) = key.split_once('@')?;
    if !term.strip_prefix("odata.").unwrap_or(term).starts_with("media") {
        return None;
    }
    let index = record.record_type().position(name)?;
    record.field(index)?.annotation(term)
}

/// How many positions after the previous member [`member`] tries before searching.
const LOOK_AHEAD: usize = 8;

/// What a record's place expects, for error messages.
pub fn expecting(ty: &RecordType, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "a JSON object for `{}`", ty.odata_type.trim_start_matches('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::record! {
        /// A test type.
        pub struct Derived = "#demo.derived" {
            name: Option<String> = "name",
            size: Option<i64> = "size",
            tags: Option<Vec<String>> = "tags",
            r#type: Option<String> = "type",
        }
        lookup = [0, 1, 2, 3];
        secret = [3];
    }

    #[test]
    fn the_table_matches_the_struct() {
        assert_eq!(crate::raw::check::<Derived>(), Vec::<String>::new());
        for (index, json) in Derived::TYPE.json.iter().enumerate() {
            assert_eq!(Derived::TYPE.position(json), Some(index));
        }
        assert_eq!(Derived::TYPE.position("nam"), None);
        assert_eq!(Derived::TYPE.position(""), None);
        assert_eq!(Derived::TYPE.fields[3], "r#type");
    }

    #[test]
    fn a_read_odata_type_is_written_back_unchanged_and_first() {
        let json = r#"{"name":"a","extra":[1,2],"@odata.type":"demo.derived","name@odata.bind":"x('1')","size":"7"}"#;
        let value: Derived = serde_json::from_str(json).unwrap_or_default();
        assert_eq!(value.name.as_deref(), Some("a"));
        assert_eq!(value.size, Some(7));
        assert_eq!(value.additional.len(), 3);
        let written = serde_json::to_string(&value).unwrap_or_default();
        assert_eq!(
            written,
            r#"{"@odata.type":"demo.derived","name":"a","size":"7","extra":[1,2],"name@odata.bind":"x('1')"}"#
        );
    }

    #[test]
    fn clone_eq_debug_and_default_follow_the_table() {
        let value: Derived = serde_json::from_str(r#"{"name":"a","type":"s3cr3t","x":1}"#).unwrap_or_default();
        let copy = value.clone();
        assert_eq!(copy, value);
        assert_ne!(copy, Derived::default());
        let printed = format!("{value:?}");
        assert!(printed.starts_with(
            r#"Derived { name: Some("a"), size: None, tags: None, type: Some(<redacted>), additional: {"#
        ));
        assert!(!printed.contains("s3cr3t"), "{printed}");
        assert_eq!(Derived::default().tags, None);
    }

    #[test]
    fn null_members_read_as_none_and_escaped_keys_still_match() {
        let value: Derived = serde_json::from_str(r#"{"na\u006de": null, "tags": ["a", "b"]}"#).unwrap_or_default();
        assert_eq!(value.tags, Some(vec!["a".to_owned(), "b".to_owned()]));
        let value: Derived = serde_json::from_str(r#"{"na\u006de": "b"}"#).unwrap_or_default();
        assert_eq!(value.name.as_deref(), Some("b"));
    }

    #[test]
    fn wrong_shapes_are_errors_naming_the_type_and_the_value() {
        let err = serde_json::from_str::<Derived>("[1]").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("a JSON object for `demo.derived`"), "{err}");
        let err = serde_json::from_str::<Derived>(r#"{"name": 5}"#).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("invalid type at `name`: expected a string (Edm.String), found integer `5`"), "{err}");
        let err = serde_json::from_str::<Derived>(r#"{"size": "x"}"#).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("expected a 64-bit integer"), "{err}");
        assert!(serde_json::from_str::<Derived>(r#"{"tags": "a"}"#).is_err());
    }

    #[test]
    fn reads_from_a_json_value_too() {
        let value: Derived =
            serde_json::from_value(serde_json::json!({"size": 3, "x": {"y": null}})).unwrap_or_default();
        assert_eq!(value.size, Some(3));
        assert_eq!(serde_json::to_value(&value).ok(), Some(serde_json::json!({"size": 3, "x": {"y": null}})));
    }
}
