//! Serde support for generated structs: members are read and written one by one, and every member the
//! struct does not know (a property added later, `@odata.etag`, `x@odata.bind`, ...) is kept in its
//! [`AdditionalData`] and written back.
//!
//! A generated struct implements [`Structured`] (one `match` over its JSON member names and one
//! function writing them) and gets `Serialize`/`Deserialize` from [`impl_structured_serde!`](crate::impl_structured_serde). The
//! visitor, key handling and `@odata.type` logic live here once, generic, instead of being expanded
//! for every type: that keeps the generated code small and quick to compile.
//!
//! ```
//! use odata_runtime::structured::Structured;
//! use odata_runtime::AdditionalData;
//! use serde::de::MapAccess;
//! use serde::ser::SerializeMap;
//!
//! #[derive(Debug, Default, PartialEq)]
//! pub struct Point { pub x: Option<i32>, pub additional: AdditionalData }
//!
//! impl Structured for Point {
//!     const ODATA_TYPE: &'static str = "#demo.point";
//!     fn deserialize_member<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
//!         match key {
//!             "x" => self.x = map.next_value()?,
//!             _ => return Ok(false),
//!         }
//!         Ok(true)
//!     }
//!     fn serialize_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
//!         if let Some(x) = &self.x { map.serialize_entry("x", x)?; }
//!         Ok(())
//!     }
//!     fn additional(&self) -> &AdditionalData { &self.additional }
//!     fn additional_mut(&mut self) -> &mut AdditionalData { &mut self.additional }
//! }
//! odata_runtime::impl_structured_serde!(Point);
//!
//! let point: Point = serde_json::from_str(r#"{"x": 1, "@odata.etag": "W/\"1\""}"#)?;
//! assert_eq!(point.x, Some(1));
//! assert_eq!(serde_json::to_string(&point)?, r#"{"x":1,"@odata.etag":"W/\"1\""}"#);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};

use crate::AdditionalData;
use crate::polymorphic::ODATA_TYPE;

/// A generated struct for an OData entity or complex type.
pub trait Structured: Default {
    /// The type's qualified name with a leading `#`, as written in `@odata.type`.
    const ODATA_TYPE: &'static str;

    /// Reads the value of member `key` from `map` into `self` and returns true, or returns false
    /// (without reading the value) when `key` is not a member this type knows.
    fn deserialize_member<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;

    /// Writes every member that is set (not `None`) into `map`.
    fn serialize_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;

    /// The members this type does not know, kept for round trips.
    fn additional(&self) -> &AdditionalData;

    /// The members this type does not know, mutable.
    fn additional_mut(&mut self) -> &mut AdditionalData;
}

/// Deserializes a [`Structured`] value from a JSON object; unknown members go to its additional data.
pub fn deserialize<'de, T: Structured, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(StructuredVisitor(PhantomData))
}

/// Serializes a [`Structured`] value as a JSON object: the `@odata.type` it was read with (if any)
/// first, then the set members, then the additional data.
pub fn serialize<T: Structured, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serialize_members(value, false, serializer)
}

/// Like [`serialize`], but writes the type's own `@odata.type` when the value carries none: for a
/// derived value in a place whose declared type is its base (what `Any...` enums do), so that the
/// receiver can tell which type it got.
pub fn serialize_as_derived<T: Structured, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serialize_members(value, true, serializer)
}

fn serialize_members<T: Structured, S: Serializer>(
    value: &T,
    as_derived: bool,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    match value.additional().get(ODATA_TYPE) {
        Some(odata_type) => map.serialize_entry(ODATA_TYPE, odata_type)?,
        None if as_derived => map.serialize_entry(ODATA_TYPE, T::ODATA_TYPE)?,
        None => {}
    }
    value.serialize_members(&mut map)?;
    value.additional().serialize_entries_except(&mut map, ODATA_TYPE)?;
    map.end()
}

struct StructuredVisitor<T>(PhantomData<T>);

impl<'de, T: Structured> Visitor<'de> for StructuredVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object for `{}`", T::ODATA_TYPE.trim_start_matches('#'))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(MemberName(key)) = map.next_key()? {
            if !value.deserialize_member(&key, &mut map)? {
                value.additional_mut().insert_from_map(key, &mut map)?;
            }
        }
        Ok(value)
    }
}

/// A JSON member name, borrowed from the input when it has no escapes (no allocation for known members).
pub(crate) struct MemberName<'de>(pub(crate) Cow<'de, str>);

impl<'de> de::Deserialize<'de> for MemberName<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = MemberName<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Borrowed(name)))
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Owned(name.to_owned())))
            }
            fn visit_string<E: de::Error>(self, name: String) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Owned(name)))
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}

/// Implements `Serialize` and `Deserialize` for [`Structured`] types through [`serialize`] and
/// [`deserialize`]: two one-line impls per type.
#[macro_export]
macro_rules! impl_structured_serde {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::structured::serialize(self, serializer)
            }
        }
        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::structured::deserialize(deserializer)
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
        additional: AdditionalData,
    }

    impl Structured for Derived {
        const ODATA_TYPE: &'static str = "#demo.derived";
        fn deserialize_member<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
            match key {
                "name" => self.name = map.next_value()?,
                _ => return Ok(false),
            }
            Ok(true)
        }
        fn serialize_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            if let Some(name) = &self.name {
                map.serialize_entry("name", name)?;
            }
            Ok(())
        }
        fn additional(&self) -> &AdditionalData {
            &self.additional
        }
        fn additional_mut(&mut self) -> &mut AdditionalData {
            &mut self.additional
        }
    }
    crate::impl_structured_serde!(Derived);

    #[test]
    fn derived_values_write_their_odata_type_first_only_when_asked() {
        let value = Derived { name: Some("a".into()), additional: AdditionalData::new() };
        assert_eq!(serde_json::to_string(&value).ok().as_deref(), Some(r#"{"name":"a"}"#));
        let mut out = Vec::new();
        let written = serialize_as_derived(&value, &mut serde_json::Serializer::new(&mut out));
        assert!(written.is_ok());
        assert_eq!(String::from_utf8(out).ok().as_deref(), Some(r##"{"@odata.type":"#demo.derived","name":"a"}"##));
    }

    #[test]
    fn a_read_odata_type_is_written_back_unchanged_and_first() {
        let json = r#"{"name":"a","extra":[1,2],"@odata.type":"demo.derived","name@odata.bind":"x('1')"}"#;
        let value: Derived = serde_json::from_str(json).unwrap_or_default();
        assert_eq!(value.name.as_deref(), Some("a"));
        assert_eq!(value.additional.len(), 3);
        let written = serde_json::to_string(&value).unwrap_or_default();
        assert_eq!(written, r#"{"@odata.type":"demo.derived","name":"a","extra":[1,2],"name@odata.bind":"x('1')"}"#);
    }

    #[test]
    fn null_members_read_as_none_and_escaped_keys_still_match() {
        let value: Derived = serde_json::from_str(r#"{"na\u006de": null}"#).unwrap_or_default();
        assert_eq!(value, Derived::default());
        let value: Derived = serde_json::from_str(r#"{"na\u006de": "b"}"#).unwrap_or_default();
        assert_eq!(value.name.as_deref(), Some("b"));
    }

    #[test]
    fn wrong_shapes_are_errors_naming_the_type() {
        let err = serde_json::from_str::<Derived>("[1]").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("a JSON object for `demo.derived`"), "{err}");
        assert!(serde_json::from_str::<Derived>(r#"{"name": 5}"#).is_err());
    }
}
