//! Generated structs as data: a [`RecordType`] table (the JSON member names, in writing order) and two
//! accessors from a member's position to its field as a [`Data`] place.
//!
//! Generated code writes one [`record!`](crate::record!) (or [`write_model!`](crate::write_model!)
//! for a `...Update`) per struct: its member table, from which the macro writes the [`Record`] impl (a
//! `match` from index to field, each way) and the [`Data`], [`ReadMap`], `Serialize` and
//! `Deserialize` impls. A hand-written [`Record`] impl gets the rest from
//! [`impl_record!`](crate::impl_record!), as below. Reading looks members up
//! in the table, writing walks it; unknown members and annotations go to the struct's
//! [`AdditionalData`] and are written back after the fields.
//!
//! ```
//! use odata_runtime::data::Data;
//! use odata_runtime::record::{Record, RecordType};
//! use odata_runtime::AdditionalData;
//!
//! #[derive(Clone, Debug, Default, PartialEq)]
//! pub struct Point {
//!     pub x: Option<i32>,
//!     pub label: Option<String>,
//!     pub additional: AdditionalData,
//! }
//!
//! impl Record for Point {
//!     fn record_type(&self) -> &'static RecordType {
//!         &RecordType { odata_type: "#demo.point", members: &["x", "label"], lookup: &[1, 0] }
//!     }
//!     fn field(&self, index: usize) -> Option<&dyn Data> {
//!         Some(match index { 0 => &self.x, 1 => &self.label, _ => return None })
//!     }
//!     fn field_mut(&mut self, index: usize) -> Option<&mut dyn Data> {
//!         Some(match index { 0 => &mut self.x, 1 => &mut self.label, _ => return None })
//!     }
//!     fn additional(&self) -> &AdditionalData { &self.additional }
//!     fn additional_mut(&mut self) -> &mut AdditionalData { &mut self.additional }
//! }
//! odata_runtime::impl_record!(Point);
//!
//! let point: Point = serde_json::from_str(r#"{"x": 1, "@odata.etag": "W/\"1\"", "label": null}"#)?;
//! assert_eq!(point.x, Some(1));
//! assert_eq!(point.label, None);
//! assert_eq!(serde_json::to_string(&point)?, r#"{"x":1,"@odata.etag":"W/\"1\""}"#);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use serde_json::Value;

use crate::AdditionalData;
use crate::data::{Data, ReadMap};
use crate::polymorphic::ODATA_TYPE;

/// The description of a generated struct's JSON members.
#[derive(Debug)]
pub struct RecordType {
    /// The qualified type name with a leading `#`, as written in `@odata.type`.
    pub odata_type: &'static str,
    /// JSON member names in writing order; [`Record::field`] takes positions in this list.
    pub members: &'static [&'static str],
    /// Positions in `members`, sorted by member name, for reading (empty: the type is never read).
    pub lookup: &'static [u32],
}

impl RecordType {
    /// The position of member `name`, if the type has one.
    pub fn position(&self, name: &str) -> Option<usize> {
        let found = self.lookup.binary_search_by(|index| {
            let member = self.members.get(*index as usize).copied().unwrap_or_default();
            member.cmp(name)
        });
        found.ok().and_then(|at| self.lookup.get(at)).map(|index| *index as usize)
    }
}

/// A generated struct (a read model or a write model) described as data.
pub trait Record: Data + ReadMap {
    /// The member table of the type.
    fn record_type(&self) -> &'static RecordType;

    /// The field of member `index`, for writing.
    fn field(&self, index: usize) -> Option<&dyn Data>;

    /// The field of member `index`, for reading (`None`: not readable).
    fn field_mut(&mut self, index: usize) -> Option<&mut dyn Data> {
        let _ = index;
        None
    }

    /// The members the type does not declare, kept for round trips.
    fn additional(&self) -> &AdditionalData;

    /// The members the type does not declare, mutable.
    fn additional_mut(&mut self) -> &mut AdditionalData;
}

/// Starts reading an object into `record`: keeps the `@odata.type` it was read with.
pub fn begin(record: &mut dyn Record, odata_type: Option<&str>) {
    if let Some(odata_type) = odata_type {
        record.additional_mut().insert(ODATA_TYPE, Value::String(odata_type.to_owned()));
    }
}

/// The field for member `key` of `record`.
pub fn member<'a>(record: &'a mut dyn Record, key: &str) -> Option<&'a mut dyn Data> {
    let index = record.record_type().position(key)?;
    record.field_mut(index)
}

/// What a record's place expects, for error messages.
pub fn expecting(record: &dyn Record, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "a JSON object for `{}`", record.record_type().odata_type.trim_start_matches('#'))
}

/// A generated struct's [`Record`] impl and its serde impls, from its member table: one line per
/// member, `index field = "jsonName";`, then the member positions sorted by JSON name.
///
/// ```
/// # use odata_runtime::AdditionalData;
/// #[derive(Clone, Debug, Default, PartialEq)]
/// pub struct Point { pub x: Option<i32>, pub r#type: Option<String>, pub additional: AdditionalData }
///
/// odata_runtime::record! {
///     Point = "#demo.point";
///     0 x = "x";
///     1 r#type = "type";
///     lookup = [1, 0];
/// }
///
/// let point: Point = serde_json::from_str(r#"{"type": "a", "x": 2}"#)?;
/// assert_eq!((point.x, point.r#type.as_deref()), (Some(2), Some("a")));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
macro_rules! record {
    (
        $ty:ident = $odata_type:literal;
        $($index:literal $field:ident = $name:literal;)*
        lookup = [$($lookup:literal),*];
    ) => {
        impl $crate::Record for $ty {
            fn record_type(&self) -> &'static $crate::record::RecordType {
                &$crate::record::RecordType { odata_type: $odata_type, members: &[$($name),*], lookup: &[$($lookup),*] }
            }
            fn field(&self, index: usize) -> ::core::option::Option<&dyn $crate::Data> {
                match index {
                    $($index => ::core::option::Option::Some(&self.$field),)*
                    _ => ::core::option::Option::None,
                }
            }
            fn field_mut(&mut self, index: usize) -> ::core::option::Option<&mut dyn $crate::Data> {
                match index {
                    $($index => ::core::option::Option::Some(&mut self.$field),)*
                    _ => ::core::option::Option::None,
                }
            }
            fn additional(&self) -> &$crate::AdditionalData {
                &self.additional
            }
            fn additional_mut(&mut self) -> &mut $crate::AdditionalData {
                &mut self.additional
            }
        }
        $crate::impl_record!($ty);
    };
}

/// A generated write model's [`Record`] impl and its `Serialize` impl, from its member table (the
/// bindings named `name@odata.bind`): like [`record!`](crate::record!), never read.
#[macro_export]
macro_rules! write_model {
    (
        $ty:ident = $odata_type:literal;
        $($index:literal $field:ident = $name:literal;)*
    ) => {
        impl $crate::Record for $ty {
            fn record_type(&self) -> &'static $crate::record::RecordType {
                &$crate::record::RecordType { odata_type: $odata_type, members: &[$($name),*], lookup: &[] }
            }
            fn field(&self, index: usize) -> ::core::option::Option<&dyn $crate::Data> {
                match index {
                    $($index => ::core::option::Option::Some(&self.$field),)*
                    _ => ::core::option::Option::None,
                }
            }
            fn additional(&self) -> &$crate::AdditionalData {
                &self.additional
            }
            fn additional_mut(&mut self) -> &mut $crate::AdditionalData {
                &mut self.additional
            }
        }
        $crate::impl_write_model!($ty);
    };
}

/// Implements [`Data`], [`ReadMap`], `Serialize` and `Deserialize` for types with a hand-written
/// [`Record`] impl (what [`record!`](crate::record!) adds to the impl it writes).
#[macro_export]
macro_rules! impl_record {
    ($($ty:ty),* $(,)?) => {$(
        $crate::impl_write_model!($ty);
        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::de::deserialize(deserializer)
            }
        }
    )*};
}

/// Implements [`Data`], [`ReadMap`] and `Serialize` for write models with a hand-written [`Record`]
/// impl: like [`impl_record!`](crate::impl_record!) without `Deserialize`.
#[macro_export]
macro_rules! impl_write_model {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::data::Data for $ty {
            fn empty() -> Self {
                ::core::default::Default::default()
            }
            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::record::expecting(self, f)
            }
            fn read_map(
                &mut self,
                odata_type: ::core::option::Option<&str>,
            ) -> ::core::result::Result<&mut dyn $crate::data::ReadMap, $crate::data::ReadError> {
                $crate::record::begin(self, odata_type);
                ::core::result::Result::Ok(self)
            }
            fn write(&self) -> $crate::data::Out<'_> {
                $crate::data::Out::Record(self, false)
            }
        }
        impl $crate::data::ReadMap for $ty {
            fn member(&mut self, key: &str) -> ::core::option::Option<&mut dyn $crate::data::Data> {
                $crate::record::member(self, key)
            }
            fn other(&mut self, key: ::std::string::String, value: $crate::serde_json::Value) {
                $crate::record::Record::additional_mut(self).insert(key, value);
            }
        }
        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::ser::serialize(self, serializer)
            }
        }
    )*};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Derived {
        name: Option<String>,
        size: Option<i64>,
        tags: Option<Vec<String>>,
        additional: AdditionalData,
    }

    const DERIVED: RecordType =
        RecordType { odata_type: "#demo.derived", members: &["name", "size", "tags"], lookup: &[0, 1, 2] };

    impl Record for Derived {
        fn record_type(&self) -> &'static RecordType {
            &DERIVED
        }
        fn field(&self, index: usize) -> Option<&dyn Data> {
            Some(match index {
                0 => &self.name,
                1 => &self.size,
                2 => &self.tags,
                _ => return None,
            })
        }
        fn field_mut(&mut self, index: usize) -> Option<&mut dyn Data> {
            Some(match index {
                0 => &mut self.name,
                1 => &mut self.size,
                2 => &mut self.tags,
                _ => return None,
            })
        }
        fn additional(&self) -> &AdditionalData {
            &self.additional
        }
        fn additional_mut(&mut self) -> &mut AdditionalData {
            &mut self.additional
        }
    }
    crate::impl_record!(Derived);

    #[test]
    fn lookup_finds_every_member_and_nothing_else() {
        for (index, name) in DERIVED.members.iter().enumerate() {
            assert_eq!(DERIVED.position(name), Some(index));
        }
        assert_eq!(DERIVED.position("nam"), None);
        assert_eq!(DERIVED.position(""), None);
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
            r#"{"@odata.type":"demo.derived","name":"a","size":7,"extra":[1,2],"name@odata.bind":"x('1')"}"#
        );
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
        assert!(err.contains("invalid type: integer `5`, expected a string"), "{err}");
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
