//! `@odata.type` dispatch for polymorphic properties.
//!
//! For every type with derived types the generator emits an `Any...` enum: one boxed variant per
//! concrete type in the selection plus `Other(Base)` for types it does not know. It implements
//! [`Polymorphic`] (a [`Variants`] table and three `match`es) and its serde impls through one
//! [`any!`](crate::any!). Reading picks the variant from `@odata.type` when it is the first member
//! (as Graph and most OData services write it), in one pass; when `@odata.type` comes later, the
//! members read so far are read again as the named variant. The name may carry a leading `#` and
//! its namespace may be spelled by its alias ([`qualified_type_name`]); a missing `@odata.type` means
//! the declared type, an unknown one `Other`, whose additional data keeps the annotation so that it is
//! written back. Writing a derived variant adds its `@odata.type` first.
//!
//! The helpers [`buffer`], [`odata_type_of`] and [`from_map`] serve hand-written dispatch.

use std::borrow::Cow;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::data::Data;
use crate::data::{Out, ReadError, ReadMap};
use crate::record::{RecordMut, RecordRef};
use crate::ser::RecordJson;

/// The variants of an `Any...` enum, as data.
#[derive(Debug)]
pub struct Variants {
    /// Qualified type names of the variants before `Other`, in variant order.
    pub names: &'static [&'static str],
    /// `(namespace, alias)` pairs, for reading `@odata.type` values.
    pub schemas: &'static [(&'static str, &'static str)],
    /// The variant of a value without `@odata.type`: the declared type's, or `Other` (`names.len()`)
    /// when the declared type is abstract.
    pub untyped: usize,
    /// How many leading variants are written without adding their `@odata.type` (1 when the first
    /// variant is the declared type itself, else 0); `Other` never adds one.
    pub plain: usize,
}

impl Variants {
    /// The variant for an `@odata.type` value: the one it names, else `Other`.
    pub fn index_of(&self, odata_type: &str) -> usize {
        let name = qualified_type_name(odata_type, self.schemas);
        self.names.iter().position(|n| *n == name).unwrap_or(self.names.len())
    }
}

/// A generated `Any...` enum: a value of a base type or of one of its derived types, each variant a
/// boxed generated struct. Its serde impls come from [`any!`](crate::any!).
pub trait Polymorphic: Sized {
    /// The variant table.
    const VARIANTS: &'static Variants;

    /// An empty value of variant `index` (`Other` for any index out of range).
    fn with_variant(index: usize) -> Self;

    /// The variant's index and value.
    fn variant(&self) -> (usize, RecordRef<'_>);

    /// The variant's index and value, mutable.
    fn variant_mut(&mut self) -> (usize, RecordMut<'_>);
}

/// Starts reading an object: picks the variant from a leading `@odata.type` (or the declared type's).
pub fn read_map<'a, T: Polymorphic + ReadMap>(any: &'a mut T, odata_type: Option<&str>) -> &'a mut dyn ReadMap {
    let index = match odata_type {
        Some(odata_type) => T::VARIANTS.index_of(odata_type),
        None => T::VARIANTS.untyped,
    };
    *any = T::with_variant(index);
    crate::record::begin(any.variant_mut().1, odata_type);
    any
}

/// The field of member `key` of the current variant.
pub fn member<'a, T: Polymorphic>(any: &'a mut T, key: &str, next: &mut usize) -> Option<&'a mut dyn Data> {
    crate::record::member(any.variant_mut().1, key, next)
}

/// Keeps an unknown member in the current variant's additional data.
pub fn other<T: Polymorphic>(any: &mut T, key: String, value: Value) {
    any.variant_mut().1.additional().insert(key, value);
}

/// Keeps how member `key` of the current variant was read (see [`kept`](crate::kept)).
pub fn keep<T: Polymorphic>(any: &mut T, key: &str, kept: crate::kept::Kept) {
    crate::record::keep(any.variant_mut().1, key, kept);
}

/// Empties member `key` of the current variant, kept raw by a lenient read.
pub fn discard<T: Polymorphic>(any: &mut T, key: &str, error: String) {
    crate::record::discard(any.variant_mut().1, key, error);
}

/// Ends reading an object: when `@odata.type` came after other members and names another variant,
/// the value read so far is read again, member by member, as that variant.
pub fn end<T: Polymorphic>(any: &mut T) -> Result<(), ReadError> {
    end_at(any, &"")
}

/// [`end`], for the object at JSON path `path` (for error messages).
pub fn end_at<T: Polymorphic>(any: &mut T, path: &dyn fmt::Display) -> Result<(), ReadError> {
    let (current, record) = any.variant();
    let Some(odata_type) = record.additional().get(ODATA_TYPE).and_then(Value::as_str) else { return Ok(()) };
    let index = T::VARIANTS.index_of(odata_type);
    if index == current {
        return Ok(());
    }
    // Written as read (kept forms included), then read again as the named variant.
    let buffered = serde_json::to_value(RecordJson(record, false)).map_err(|e| ReadError::Invalid(e.to_string()))?;
    let mut value = T::with_variant(index);
    let (_, mut place) = value.variant_mut();
    crate::de::read_object_at(buffered, &mut place, &path.to_string()).map_err(|message| {
        // The members were read again at the object's end: say so, since the position is that end.
        ReadError::Invalid(format!(
            "{message} (read as {odata_type} when its `@odata.type` came, after the other members: \
             the position is the end of that object)"
        ))
    })?;
    *any = value;
    Ok(())
}

/// How a variant is written: derived values add their `@odata.type` when they carry none.
pub fn write<T: Polymorphic>(any: &T) -> Out<'_> {
    let (index, record) = any.variant();
    let derived = index >= T::VARIANTS.plain && index < T::VARIANTS.names.len();
    Out::Record(record, derived)
}

/// What an `Any...` enum's place expects, for error messages.
pub fn expecting<T: Polymorphic>(any: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    crate::record::expecting(any.variant().1.record_type(), f)
}

/// A generated `Any...` enum's [`Polymorphic`] impl and its serde impls, from its variant table: the
/// schemas constant, the variant of values without `@odata.type`, how many leading variants write no
/// `@odata.type`, the catch-all variant, then one line per variant, `index Variant = "qualified.name";`.
///
/// ```
/// # odata_runtime::record! { pub struct Base = "#demo.base" {} lookup = []; }
/// # odata_runtime::record! { pub struct Square = "#demo.square" { side: Option<i32> = "side", } lookup = [0]; }
/// const SCHEMAS: &[(&str, &str)] = &[("demo", "d")];
///
/// #[derive(Clone, Debug, PartialEq)]
/// pub enum AnyBase {
///     Square(Box<Square>),
///     Other(Box<Base>),
/// }
///
/// odata_runtime::any! {
///     AnyBase = SCHEMAS, untyped = 1, plain = 0, other = 1 Other;
///     0 Square = "demo.square";
/// }
///
/// let shape: AnyBase = serde_json::from_str(r##"{"@odata.type": "#d.square", "side": 2}"##)?;
/// assert!(matches!(&shape, AnyBase::Square(s) if s.side == Some(2)));
/// let late: AnyBase = serde_json::from_str(r#"{"side": 3, "@odata.type": "demo.square"}"#)?;
/// assert!(matches!(&late, AnyBase::Square(s) if s.side == Some(3)));
/// let square = AnyBase::Square(Box::new(Square { side: Some(4), ..Default::default() }));
/// assert_eq!(serde_json::to_string(&square)?, r##"{"@odata.type":"#demo.square","side":4}"##);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
macro_rules! any {
    (
        $ty:ident = $schemas:path, untyped = $untyped:literal, plain = $plain:literal,
        other = $other_index:literal $other:ident;
        $($index:literal $variant:ident = $name:literal;)*
    ) => {
        impl $crate::Polymorphic for $ty {
            const VARIANTS: &'static $crate::polymorphic::Variants = &$crate::polymorphic::Variants {
                names: &[$($name),*],
                schemas: $schemas,
                untyped: $untyped,
                plain: $plain,
            };
            fn with_variant(index: usize) -> Self {
                match index {
                    $($index => Self::$variant(::core::default::Default::default()),)*
                    _ => Self::$other(::core::default::Default::default()),
                }
            }
            fn variant(&self) -> (usize, $crate::record::RecordRef<'_>) {
                match self {
                    $(Self::$variant(value) => ($index, $crate::record::RecordRef::new(&**value)),)*
                    Self::$other(value) => ($other_index, $crate::record::RecordRef::new(&**value)),
                }
            }
            fn variant_mut(&mut self) -> (usize, $crate::record::RecordMut<'_>) {
                match self {
                    $(Self::$variant(value) => ($index, $crate::record::RecordMut::new(&mut **value)),)*
                    Self::$other(value) => ($other_index, $crate::record::RecordMut::new(&mut **value)),
                }
            }
        }
        $crate::impl_any!($ty);
    };
}

/// Implements `Data`, `ReadMap`, `Default`, `Serialize` and `Deserialize` for an `Any...` enum with a
/// hand-written [`Polymorphic`] impl (what [`any!`](crate::any!) adds to the impl it writes).
#[macro_export]
macro_rules! impl_any {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::data::Data for $ty {
            fn empty() -> Self {
                <$ty as $crate::polymorphic::Polymorphic>::with_variant(
                    <$ty as $crate::polymorphic::Polymorphic>::VARIANTS.untyped,
                )
            }
            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::polymorphic::expecting(self, f)
            }
            fn read_map(
                &mut self,
                odata_type: ::core::option::Option<&str>,
            ) -> ::core::result::Result<&mut dyn $crate::data::ReadMap, $crate::data::ReadError> {
                ::core::result::Result::Ok($crate::polymorphic::read_map(self, odata_type))
            }
            fn write(&self) -> $crate::data::Out<'_> {
                $crate::polymorphic::write(self)
            }
        }
        impl $crate::data::ReadMap for $ty {
            fn member(&mut self, key: &str, next: &mut usize) -> ::core::option::Option<&mut dyn $crate::data::Data> {
                $crate::polymorphic::member(self, key, next)
            }
            fn other(&mut self, key: ::std::string::String, value: $crate::serde_json::Value) {
                $crate::polymorphic::other(self, key, value);
            }
            fn keep(&mut self, key: &str, kept: $crate::kept::Kept) {
                $crate::polymorphic::keep(self, key, kept);
            }
            fn discard(&mut self, key: &str, error: ::std::string::String) {
                $crate::polymorphic::discard(self, key, error);
            }
            fn end(&mut self) -> ::core::result::Result<(), $crate::data::ReadError> {
                $crate::polymorphic::end(self)
            }
            fn end_at(&mut self, path: &dyn ::core::fmt::Display) -> ::core::result::Result<(), $crate::data::ReadError> {
                $crate::polymorphic::end_at(self, path)
            }
        }
        impl ::core::default::Default for $ty {
            fn default() -> Self {
                <Self as $crate::data::Data>::empty()
            }
        }
        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::ser::serialize(self, serializer)
            }
        }
        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::de::deserialize(deserializer)
            }
        }
    )*};
}

/// A generated `Any...Update` enum: a write model of a base type or of one of its derived types.
pub trait PolymorphicWrite {
    /// The variant's value, and whether it is a derived type (written with its `@odata.type`).
    fn variant(&self) -> (RecordRef<'_>, bool);
}

/// A generated `Any...Update` enum's impls: [`PolymorphicWrite`], `Data`, `Serialize`, and `From`
/// each variant's write model. One line per variant, `Variant(WriteModel) = derived;`, where `derived`
/// says whether the value is written with its `@odata.type`; `empty` names the variant of an empty
/// value.
#[macro_export]
macro_rules! any_write_model {
    (
        $ty:ident, empty = $empty:ident;
        $($variant:ident($inner:ty) = $derived:literal;)*
    ) => {
        impl $crate::polymorphic::PolymorphicWrite for $ty {
            fn variant(&self) -> ($crate::record::RecordRef<'_>, bool) {
                match self {
                    $(Self::$variant(value) => ($crate::record::RecordRef::new(&**value), $derived),)*
                }
            }
        }
        impl $crate::data::Data for $ty {
            fn empty() -> Self {
                Self::$empty(::core::default::Default::default())
            }
            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("a write model")
            }
            fn write(&self) -> $crate::data::Out<'_> {
                let (record, derived) = $crate::polymorphic::PolymorphicWrite::variant(self);
                $crate::data::Out::Record(record, derived)
            }
        }
        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::ser::serialize(self, serializer)
            }
        }
        $(
            impl ::core::convert::From<$inner> for $ty {
                fn from(value: $inner) -> Self {
                    Self::$variant(::std::boxed::Box::new(value))
                }
            }
        )*
    };
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
