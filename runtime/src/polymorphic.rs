//! `@odata.type` dispatch for polymorphic properties.
//!
//! For every type with derived types the generator emits an `Any...` enum: one variant per
//! concrete type in the selection plus `Other(Base)` for types it does not know. It implements
//! [`Polymorphic`] and deserializes through [`deserialize`]: when `@odata.type` is the first member
//! (as Graph and most OData services write it) the value is read in one pass straight into its
//! variant; otherwise the object is buffered first. The building blocks below also serve hand-written
//! dispatch, which works like this:
//!
//! 1. buffers the object into a `serde_json::Map` ([`buffer`]), because `@odata.type` may come
//!    after other properties;
//! 2. reads the type name ([`odata_type_of`]) and normalises it ([`qualified_type_name`]): the
//!    leading `#` is optional and the namespace may be spelled by its alias;
//! 3. matches the qualified name and deserializes the map into that variant ([`from_map`]); a
//!    missing `@odata.type` means the declared type, an unknown one goes to `Other`, whose
//!    additional data keeps the annotation so it is written back.
//!
//! Its `Serialize` impl writes `"@odata.type": "#namespace.name"` first for derived variants
//! (see [`AdditionalData::serialize_entries_except`](crate::AdditionalData::serialize_entries_except)
//! to avoid writing it twice).
//!
//! ```
//! use odata_runtime::polymorphic::{buffer, from_map, odata_type_of, qualified_type_name};
//! use serde::{Deserialize, Deserializer};
//!
//! # #[derive(Debug, Deserialize)] pub struct ApiAuthenticationConfigurationBase {}
//! # #[derive(Debug, Deserialize)] pub struct BasicAuthentication { username: Option<String> }
//! # #[derive(Debug, Deserialize)] pub struct Pkcs12Certificate {}
//! const SCHEMAS: &[(&str, &str)] = &[("microsoft.graph", "graph")];
//!
//! #[derive(Debug)]
//! pub enum AnyApiAuthenticationConfigurationBase {
//!     BasicAuthentication(BasicAuthentication),
//!     Pkcs12Certificate(Pkcs12Certificate),
//!     Other(ApiAuthenticationConfigurationBase),
//! }
//!
//! impl<'de> Deserialize<'de> for AnyApiAuthenticationConfigurationBase {
//!     fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
//!         let map = buffer(d)?;
//!         let name = odata_type_of(&map).map(|t| qualified_type_name(t, SCHEMAS));
//!         Ok(match name.as_deref() {
//!             Some("microsoft.graph.basicAuthentication") => {
//!                 Self::BasicAuthentication(from_map(map)?)
//!             }
//!             Some("microsoft.graph.pkcs12Certificate") => Self::Pkcs12Certificate(from_map(map)?),
//!             _ => Self::Other(from_map(map)?),
//!         })
//!     }
//! }
//!
//! let v: AnyApiAuthenticationConfigurationBase = serde_json::from_str(
//!     r#"{"username": "u", "@odata.type": "graph.basicAuthentication"}"#,
//! )
//! .unwrap();
//! assert!(matches!(v, AnyApiAuthenticationConfigurationBase::BasicAuthentication(_)));
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::AdditionalData;
use crate::structured::MemberName;

/// A generated `Any...` enum: a value of a base type or of one of its derived types.
pub trait Polymorphic: Sized {
    /// The `(namespace, alias)` pairs used to read `@odata.type` values.
    const SCHEMAS: &'static [(&'static str, &'static str)];

    /// The variant for a qualified type name (`None`: the value carries no `@odata.type`).
    fn variant_index(odata_type: Option<&str>) -> usize;

    /// An empty value of variant `index` (any index out of range means `Other`).
    fn empty(index: usize) -> Self;

    /// Reads member `key` into the value (see [`Structured::deserialize_member`](crate::Structured::deserialize_member)).
    fn deserialize_member<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;

    /// The value's additional data.
    fn additional_mut(&mut self) -> &mut AdditionalData;

    /// Variant `index` built from a buffered object.
    fn from_buffer<E: serde::de::Error>(index: usize, map: Map<String, Value>) -> Result<Self, E>;
}

/// Deserializes a [`Polymorphic`] value: in one pass when `@odata.type` comes first, else by
/// buffering the object and dispatching on its `@odata.type`.
pub fn deserialize<'de, T: Polymorphic, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(PolymorphicVisitor(PhantomData))
}

struct PolymorphicVisitor<T>(PhantomData<T>);

impl<'de, T: Polymorphic> Visitor<'de> for PolymorphicVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let Some(MemberName(first)) = map.next_key()? else {
            return T::from_buffer(T::variant_index(None), Map::new());
        };
        if first != ODATA_TYPE {
            let mut buffer = Map::new();
            buffer.insert(first.into_owned(), map.next_value()?);
            while let Some((key, value)) = map.next_entry::<String, Value>()? {
                buffer.insert(key, value);
            }
            let index =
                T::variant_index(odata_type_of(&buffer).map(|raw| qualified_type_name(raw, T::SCHEMAS)).as_deref());
            return T::from_buffer(index, buffer);
        }
        let raw: String = map.next_value()?;
        let mut value = T::empty(T::variant_index(Some(&qualified_type_name(&raw, T::SCHEMAS))));
        value.additional_mut().insert(ODATA_TYPE, Value::String(raw));
        while let Some(MemberName(key)) = map.next_key()? {
            if !value.deserialize_member(&key, &mut map)? {
                value.additional_mut().insert_from_map(key, &mut map)?;
            }
        }
        Ok(value)
    }
}

/// The key of the type annotation.
pub const ODATA_TYPE: &str = "@odata.type";

/// Normalises an `@odata.type` value to a namespace-qualified name.
///
/// Strips a leading `#` and replaces an alias prefix by its namespace, given the schemas as
/// `(namespace, alias)` pairs (an empty alias means none). Names with a known namespace, or an
/// unknown prefix, come back unchanged (borrowed).
///
/// ```
/// # use odata_runtime::polymorphic::qualified_type_name;
/// let schemas = [("microsoft.graph", "graph")];
/// assert_eq!(qualified_type_name("#graph.user", &schemas), "microsoft.graph.user");
/// assert_eq!(qualified_type_name("#microsoft.graph.user", &schemas), "microsoft.graph.user");
/// ```
pub fn qualified_type_name<'a>(raw: &'a str, schemas: &[(&str, &str)]) -> Cow<'a, str> {
    let name = raw.strip_prefix('#').unwrap_or(raw);
    let Some((prefix, simple)) = name.rsplit_once('.') else {
        return Cow::Borrowed(name);
    };
    // A namespace wins over an alias of the same spelling.
    if schemas.iter().any(|(ns, _)| *ns == prefix) {
        return Cow::Borrowed(name);
    }
    match schemas.iter().find(|(_, alias)| !alias.is_empty() && *alias == prefix) {
        Some((ns, _)) => Cow::Owned(format!("{ns}.{simple}")),
        None => Cow::Borrowed(name),
    }
}

/// The `@odata.type` value of a buffered object, if present and a string.
pub fn odata_type_of(map: &Map<String, Value>) -> Option<&str> {
    map.get(ODATA_TYPE).and_then(Value::as_str)
}

/// Reads a whole JSON object into a map so that its type can be inspected before dispatch.
pub fn buffer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Map<String, Value>, D::Error> {
    Map::deserialize(deserializer)
}

/// Deserializes a buffered object into `T`, reporting failures as the caller's error type.
pub fn from_map<T: DeserializeOwned, E: serde::de::Error>(map: Map<String, Value>) -> Result<T, E> {
    T::deserialize(Value::Object(map)).map_err(E::custom)
}

/// Deserializes a buffered JSON value into `T`, reporting failures as the caller's error type.
pub fn from_value<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    T::deserialize(value).map_err(E::custom)
}

/// Whether the `@odata.type` value `raw` names the qualified type `qualified`.
pub fn is_type(raw: &str, qualified: &str, schemas: &[(&str, &str)]) -> bool {
    qualified_type_name(raw, schemas) == qualified
}

/// The error for an `@odata.type` that names a type not allowed at this place.
pub fn unexpected_type<E: serde::de::Error>(raw: &str, expected: &str) -> E {
    E::custom(format_args!("@odata.type `{raw}` is not `{expected}` or a type derived from it"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SCHEMAS: &[(&str, &str)] =
        &[("microsoft.graph", "graph"), ("microsoft.graph.security", "self"), ("microsoft.graph.callRecords", "")];

    #[test]
    fn strips_hash_and_resolves_aliases() {
        let q = |raw| qualified_type_name(raw, SCHEMAS).into_owned();
        assert_eq!(q("#microsoft.graph.user"), "microsoft.graph.user");
        assert_eq!(q("microsoft.graph.user"), "microsoft.graph.user");
        assert_eq!(q("#graph.user"), "microsoft.graph.user");
        assert_eq!(q("self.case"), "microsoft.graph.security.case");
        assert_eq!(q("#microsoft.graph.security.case"), "microsoft.graph.security.case");
        assert_eq!(q("microsoft.graph.callRecords.session"), "microsoft.graph.callRecords.session");
        // Unknown prefixes and unqualified names pass through.
        assert_eq!(q("#other.thing"), "other.thing");
        assert_eq!(q("user"), "user");
        assert_eq!(q("#"), "");
    }

    #[test]
    fn no_allocation_without_alias() {
        assert!(matches!(qualified_type_name("#microsoft.graph.user", SCHEMAS), Cow::Borrowed("microsoft.graph.user")));
        assert!(is_type("#graph.group", "microsoft.graph.group", SCHEMAS));
        assert!(!is_type("#graph.group", "microsoft.graph.user", SCHEMAS));
    }

    #[test]
    fn reads_type_from_buffer() {
        let map = buffer(json!({"a": 1, "@odata.type": "#graph.user"})).unwrap();
        assert_eq!(odata_type_of(&map), Some("#graph.user"));
        let untyped = buffer(json!({"@odata.type": 3})).unwrap();
        assert_eq!(odata_type_of(&untyped), None);
        assert!(buffer(json!([1])).is_err());
    }

    #[test]
    fn from_map_maps_errors() {
        let map = buffer(json!({"x": 1})).unwrap();
        let v: Result<Value, serde_json::Error> = from_map(map.clone());
        assert_eq!(v.unwrap(), json!({"x": 1}));
        let bad: Result<String, serde_json::Error> = from_map(map);
        assert!(bad.is_err());
        let e: serde_json::Error = unexpected_type("#graph.user", "microsoft.graph.group");
        assert!(e.to_string().contains("#graph.user"));
    }
}
