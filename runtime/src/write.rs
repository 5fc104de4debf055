//! Write models: the bodies of create (`POST`) and update (`PATCH`) requests.
//!
//! For every entity and complex type the generator emits a `...Update` struct next to the read model.
//! It has only the properties a client may send (no computed or read-only properties, no key in
//! updates); each nullable property is an [`Update`] (left out, explicit `null`, or a value), each
//! non-nullable one an `Option` (left out or a value); navigation properties are
//! [`ODataBind`] references written as `name@odata.bind`. Only what was set is written.
//!
//! A write model implements [`WriteModel`]; serde's `Serialize` comes from
//! [`impl_write_serde!`](crate::impl_write_serde). Wrap a value in [`Typed`] to write its
//! `@odata.type` first (needed when the target collection is declared with a base type).
//!
//! ```
//! use odata_runtime::write::{self, WriteModel};
//! use odata_runtime::{AdditionalData, ODataBind, Update};
//! use serde::ser::SerializeMap;
//!
//! #[derive(Default)]
//! pub struct ConnectorUpdate {
//!     pub display_name: Update<String>,
//!     pub source_system: Option<ODataBind>,
//!     pub additional: AdditionalData,
//! }
//!
//! impl WriteModel for ConnectorUpdate {
//!     const ODATA_TYPE: &'static str = "#demo.connector";
//!     fn serialize_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
//!         write::update_entry(map, "displayName", self.display_name.as_ref())?;
//!         write::bind_entry(map, "sourceSystem", self.source_system.as_ref())?;
//!         self.additional.serialize_entries(map)
//!     }
//! }
//! odata_runtime::impl_write_serde!(ConnectorUpdate);
//!
//! let clear = ConnectorUpdate { display_name: Update::Null, ..Default::default() };
//! assert_eq!(serde_json::to_string(&clear)?, r#"{"displayName":null}"#);
//!
//! let bind = ConnectorUpdate { source_system: Some(ODataBind::url("sourceSystems('1')")), ..Default::default() };
//! assert_eq!(
//!     serde_json::to_string(&write::Typed(bind))?,
//!     r##"{"@odata.type":"#demo.connector","sourceSystem@odata.bind":"sourceSystems('1')"}"##
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::polymorphic::ODATA_TYPE;
use crate::{ODataBind, Update};

/// A generated write model (`...Update` struct) of an OData entity or complex type.
pub trait WriteModel {
    /// The type's qualified name with a leading `#`, as written in `@odata.type`.
    const ODATA_TYPE: &'static str;

    /// Writes the members that are set, then the additional ones.
    fn serialize_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// Writes `value` as a JSON object of its set members.
pub fn serialize<W: WriteModel + ?Sized, S: Serializer>(value: &W, serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    value.serialize_members(&mut map)?;
    map.end()
}

/// Writes `value` as a JSON object that starts with its `@odata.type`.
pub fn serialize_typed<W: WriteModel + ?Sized, S: Serializer>(value: &W, serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    map.serialize_entry(ODATA_TYPE, W::ODATA_TYPE)?;
    value.serialize_members(&mut map)?;
    map.end()
}

/// A write model written with its `@odata.type`, e.g. a derived entity posted to a collection of its
/// base type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Typed<W>(pub W);

impl<W: WriteModel> Serialize for Typed<W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_typed(&self.0, serializer)
    }
}

/// Writes a nullable property: nothing when unset, `null`, or the value.
pub fn update_entry<M: SerializeMap, T: Serialize>(map: &mut M, key: &str, value: Update<T>) -> Result<(), M::Error> {
    match value {
        Update::Unset => Ok(()),
        Update::Null => map.serialize_entry(key, &()),
        Update::Value(value) => map.serialize_entry(key, &value),
    }
}

/// Writes a non-nullable property when it is set.
pub fn option_entry<M: SerializeMap, T: Serialize>(map: &mut M, key: &str, value: Option<T>) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, &value),
        None => Ok(()),
    }
}

/// Writes `navigation@odata.bind` when a binding is set.
pub fn bind_entry<M: SerializeMap>(map: &mut M, navigation: &str, bind: Option<&ODataBind>) -> Result<(), M::Error> {
    match bind {
        Some(bind) => map.serialize_entry(&format_args!("{navigation}@odata.bind"), bind),
        None => Ok(()),
    }
}

/// Implements `serde::Serialize` for write models through [`WriteModel`].
#[macro_export]
macro_rules! impl_write_serde {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::write::serialize(self, serializer)
            }
        }
    )*};
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edm::int64;

    #[derive(Default)]
    struct Sizes {
        size: Update<i64>,
        count: Option<i32>,
    }

    impl WriteModel for Sizes {
        const ODATA_TYPE: &'static str = "#t.sizes";
        fn serialize_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            update_entry(map, "size", self.size.as_ref().map(int64::Ser))?;
            option_entry(map, "count", self.count.as_ref())
        }
    }
    crate::impl_write_serde!(Sizes);

    #[test]
    fn only_set_members_are_written() {
        assert_eq!(serde_json::to_string(&Sizes::default()).ok().as_deref(), Some("{}"));
        let sizes = Sizes { size: Update::Value(5), count: Some(2) };
        assert_eq!(serde_json::to_string(&sizes).ok().as_deref(), Some(r#"{"size":5,"count":2}"#));
        let cleared = Sizes { size: Update::Null, count: None };
        assert_eq!(serde_json::to_string(&cleared).ok().as_deref(), Some(r#"{"size":null}"#));
    }

    #[test]
    fn typed_writes_the_type_first() {
        let typed = Typed(Sizes { count: Some(1), ..Sizes::default() });
        assert_eq!(serde_json::to_string(&typed).ok().as_deref(), Some(r##"{"@odata.type":"#t.sizes","count":1}"##));
    }

    #[test]
    fn bindings_write_the_annotation() {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        let result = (|| {
            let mut map = serializer.serialize_map(None)?;
            bind_entry(&mut map, "members", Some(&ODataBind::many(["a('1')", "a('2')"])))?;
            bind_entry(&mut map, "owner", None)?;
            map.end()
        })();
        assert!(result.is_ok());
        assert_eq!(String::from_utf8_lossy(&out), r#"{"members@odata.bind":["a('1')","a('2')"]}"#);
    }
}
