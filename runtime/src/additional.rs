//! [`AdditionalData`]: the properties and annotations a generated struct has no field for.
//!
//! OData payloads carry more than the schema: instance annotations (`@odata.type`,
//! `@odata.etag`), property annotations (`photo@odata.mediaEtag`, `x@odata.bind`), properties
//! of types outside the generated selection, and properties added to the service later. A
//! generated struct keeps all of them here, in input order, so that deserializing and
//! serializing again gives back an equivalent JSON object.
//!
//! The map is a `Vec` of pairs rather than a hash map: objects have few extra keys, a linear
//! scan over them is faster than hashing, and it keeps the input order without pulling in
//! `indexmap` or changing `serde_json`'s `preserve_order` feature for the whole build.

use std::borrow::Cow;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::kept::Kept;

/// Unknown properties and instance annotations of a JSON object, kept in input order.
///
/// Keys are unique: inserting an existing key replaces its value in place.
///
/// Beside the entries it holds what the typed fields of its struct cannot (see [`kept`](crate::kept)):
/// members read as `null`, and the original text of values whose typed form would be written
/// differently (`"7"` for an `Edm.Int64`, a GUID in upper case, ...), so that writing gives back what
/// was read; and, after a lenient read, why a member was kept raw. None of it allocates until needed.
/// Two maps are equal when they hold the same keys with equal values, in any order (as JSON objects
/// are); what is kept beside them is not compared.
#[derive(Clone, Default)]
pub struct AdditionalData {
    entries: Vec<(Key, Value)>,
    side: Option<Box<Side>>,
}

/// What [`AdditionalData`] keeps beside its entries.
#[derive(Clone, Debug, Default)]
struct Side {
    /// Member positions of the struct's table read as `null` into an empty field (most kept members).
    nulls: Vec<u32>,
    /// Per member position of the struct's table, the value as read.
    kept: Vec<(u32, Kept)>,
    /// Members kept raw by a lenient read, with the reason.
    invalid: Vec<(String, String)>,
}

impl PartialEq for AdditionalData {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self.entries.iter().all(|(key, value)| other.entries.iter().any(|(k, v)| k == key && v == value))
    }
}

/// An entry's key: the common OData annotations are static strings, so reading them allocates nothing.
type Key = Cow<'static, str>;

/// Annotations nearly every payload carries.
const COMMON_KEYS: &[&str] = &[
    "@odata.type",
    "@odata.etag",
    "@odata.context",
    "@odata.id",
    "@odata.editLink",
    "@odata.readLink",
    "@odata.nextLink",
    "@odata.deltaLink",
    "@odata.count",
    "@odata.mediaEtag",
];

/// `key` as a [`Key`], borrowing a static string for the common annotations.
fn key_of(key: Cow<'_, str>) -> Key {
    match COMMON_KEYS.iter().find(|common| **common == key) {
        Some(common) => Cow::Borrowed(common),
        None => Cow::Owned(key.into_owned()),
    }
}

impl AdditionalData {
    /// Creates an empty map.
    pub const fn new() -> Self {
        Self { entries: Vec::new(), side: None }
    }

    /// Keeps what member `index` of the struct's table was read as (see [`Kept`]).
    #[doc(hidden)]
    pub fn keep(&mut self, index: u32, kept: Kept) {
        let side = self.side.get_or_insert_with(Box::default);
        if kept.original.is_null() && kept.canonical.is_none() {
            // A member repeated in one object: the last one counts.
            if !side.kept.is_empty() {
                side.kept.retain(|(at, _)| *at != index);
            }
            if !side.nulls.contains(&index) {
                side.nulls.push(index);
            }
            return;
        }
        side.nulls.retain(|at| *at != index);
        match side.kept.iter_mut().find(|(at, _)| *at == index) {
            Some((_, slot)) => *slot = kept,
            None => side.kept.push((index, kept)),
        }
    }

    /// What member `index` was read as, when its typed value would not write it back as it came.
    #[doc(hidden)]
    pub fn kept(&self, index: u32) -> Option<&Kept> {
        const NULL: Kept = Kept { original: Value::Null, canonical: None };
        let side = self.side.as_deref()?;
        if side.nulls.contains(&index) {
            return Some(&NULL);
        }
        side.kept.iter().find(|(at, _)| *at == index).map(|(_, kept)| kept)
    }

    /// Whether any member's original form is kept (the writer then looks members up).
    #[doc(hidden)]
    pub fn has_kept(&self) -> bool {
        self.side.as_deref().is_some_and(|side| !side.kept.is_empty() || !side.nulls.is_empty())
    }

    /// Forgets every kept original form, so that the fields are written in their canonical forms.
    pub fn forget_originals(&mut self) {
        if let Some(side) = self.side.as_deref_mut() {
            side.kept.clear();
            side.nulls.clear();
        }
    }

    /// Records that member `key` was kept raw (as an entry of this map) by a lenient read, and why.
    #[doc(hidden)]
    pub fn mark_invalid(&mut self, key: &str, error: String) {
        let side = self.side.get_or_insert_with(Box::default);
        side.invalid.push((key.to_owned(), error));
    }

    /// The members a lenient read ([`crate::lenient`]) kept raw in this map because their values are
    /// not valid for their types, each with its error.
    pub fn invalid(&self) -> impl Iterator<Item = (&str, &str)> {
        self.side.iter().flat_map(|side| side.invalid.iter().map(|(key, error)| (key.as_str(), error.as_str())))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries (use with `skip_serializing_if` or before writing).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value stored under `key`, if any.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.position(key).and_then(|i| self.entries.get(i)).map(|(_, v)| v)
    }

    /// A mutable reference to the value stored under `key`, if any.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.position(key).and_then(|i| self.entries.get_mut(i)).map(|(_, v)| v)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Inserts `value` under `key`; an existing key keeps its position and returns its old value.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        self.insert_key(Cow::Owned(key.into()), value)
    }

    fn insert_key(&mut self, key: Cow<'_, str>, value: Value) -> Option<Value> {
        match self.position(&key).and_then(|i| self.entries.get_mut(i)) {
            Some((_, slot)) => Some(std::mem::replace(slot, value)),
            None => {
                self.entries.push((key_of(key), value));
                None
            }
        }
    }

    /// Removes `key`, keeping the order of the other entries, and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.position(key).map(|i| self.entries.remove(i).1)
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.side = None;
    }

    /// Iterates over the entries in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter { inner: self.entries.iter() }
    }

    /// Iterates over the keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_ref())
    }

    /// The instance annotation `@name` of the object itself, e.g. `annotation("odata.etag")`
    /// (a leading `@` in `name` is optional).
    pub fn annotation(&self, name: &str) -> Option<&Value> {
        let name = name.strip_prefix('@').unwrap_or(name);
        self.entries.iter().find(|(k, _)| k.strip_prefix('@') == Some(name)).map(|(_, v)| v)
    }

    /// The annotation `property@name` of one property, e.g. `("manager", "odata.bind")`.
    pub fn property_annotation(&self, property: &str, name: &str) -> Option<&Value> {
        self.entries
            .iter()
            .find(|(k, _)| k.strip_prefix(property).and_then(|rest| rest.strip_prefix('@')) == Some(name))
            .map(|(_, v)| v)
    }

    /// The `@odata.type` annotation as written (possibly with a leading `#`), if it is a string.
    pub fn odata_type(&self) -> Option<&str> {
        self.annotation("odata.type").and_then(Value::as_str)
    }

    /// The `@odata.etag` annotation, if it is a string.
    pub fn etag(&self) -> Option<&str> {
        self.annotation("odata.etag").and_then(Value::as_str)
    }

    /// The `navigation@odata.bind` annotation of a payload (a URL or a list of them), if it is one.
    pub fn bind(&self, navigation: &str) -> Option<crate::ODataBind> {
        match self.property_annotation(navigation, "odata.bind")? {
            Value::String(url) => Some(crate::ODataBind::One(url.clone())),
            Value::Array(urls) => {
                let urls: Option<Vec<String>> = urls.iter().map(|u| u.as_str().map(str::to_owned)).collect();
                urls.map(crate::ODataBind::Many)
            }
            _ => None,
        }
    }

    /// Reads the next value of `map` and stores it under `key`.
    ///
    /// This is what a hand-written `visit_map` calls for a key it does not recognise. A borrowed key
    /// is copied only when it is not one of the common `@odata.*` annotations.
    pub fn insert_from_map<'de, 'k, A: MapAccess<'de>>(
        &mut self,
        key: impl Into<Cow<'k, str>>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        let value: Value = map.next_value()?;
        self.insert_key(key.into(), value);
        Ok(())
    }

    /// Writes every entry into an open `SerializeMap`, after the struct's own fields.
    pub fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (k, v) in &self.entries {
            map.serialize_entry(k.as_ref(), v)?;
        }
        Ok(())
    }

    /// Like [`serialize_entries`](Self::serialize_entries) but leaves out `skip`, typically
    /// `"@odata.type"` when the caller has already written it.
    pub fn serialize_entries_except<M: SerializeMap>(&self, map: &mut M, skip: &str) -> Result<(), M::Error> {
        for (k, v) in self.entries.iter().filter(|(k, _)| k != skip) {
            map.serialize_entry(k.as_ref(), v)?;
        }
        Ok(())
    }

    /// Converts into a `serde_json::Map` (keys in `serde_json`'s own order).
    pub fn into_json_map(self) -> serde_json::Map<String, Value> {
        self.entries.into_iter().map(|(k, v)| (k.into_owned(), v)).collect()
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|(k, _)| k == key)
    }
}

impl fmt::Debug for AdditionalData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.entries.iter().map(|(k, v)| (k.as_ref(), v))).finish()
    }
}

/// Iterator over the entries of an [`AdditionalData`], in order.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    inner: std::slice::Iter<'a, (Key, Value)>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|(k, v)| (k.as_ref(), v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<'a> IntoIterator for &'a AdditionalData {
    type Item = (&'a str, &'a Value);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for AdditionalData {
    type Item = (String, Value);
    type IntoIter = std::iter::Map<std::vec::IntoIter<(Key, Value)>, fn((Key, Value)) -> (String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter().map(|(k, v)| (k.into_owned(), v))
    }
}

impl<K: Into<String>> Extend<(K, Value)> for AdditionalData {
    fn extend<I: IntoIterator<Item = (K, Value)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Into<String>> FromIterator<(K, Value)> for AdditionalData {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Self {
        let mut data = Self::new();
        data.extend(iter);
        data
    }
}

impl From<serde_json::Map<String, Value>> for AdditionalData {
    fn from(map: serde_json::Map<String, Value>) -> Self {
        Self { entries: map.into_iter().map(|(k, v)| (key_of(Cow::Owned(k)), v)).collect(), side: None }
    }
}

impl Serialize for AdditionalData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        self.serialize_entries(&mut map)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for AdditionalData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DataVisitor;

        impl<'de> Visitor<'de> for DataVisitor {
            type Value = AdditionalData;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AdditionalData, A::Error> {
                let mut data = AdditionalData::new();
                while let Some(key) = map.next_key::<String>()? {
                    data.insert_from_map(key, &mut map)?;
                }
                Ok(data)
            }
        }

        deserializer.deserialize_map(DataVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trip_keeps_order_and_annotations() {
        let input = r##"{"@odata.type":"#microsoft.graph.user","@odata.etag":"W/\"1\"","zeta":1,"manager@odata.bind":"users/1","alpha":[true,null]}"##;
        let data: AdditionalData = serde_json::from_str(input).unwrap();
        assert_eq!(
            data.keys().collect::<Vec<_>>(),
            ["@odata.type", "@odata.etag", "zeta", "manager@odata.bind", "alpha"]
        );
        assert_eq!(serde_json::to_string(&data).unwrap(), input);
    }

    #[test]
    fn equality_ignores_member_order_like_json_objects() {
        let a: AdditionalData = serde_json::from_str(r#"{"x":1,"y":[2]}"#).unwrap();
        let b: AdditionalData = serde_json::from_str(r#"{"y":[2],"x":1}"#).unwrap();
        let c: AdditionalData = serde_json::from_str(r#"{"y":[2],"x":2}"#).unwrap();
        let d: AdditionalData = serde_json::from_str(r#"{"x":1}"#).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert_ne!(d, a);
    }

    #[test]
    fn annotation_helpers() {
        let data: AdditionalData = [
            ("@odata.type", json!("#microsoft.graph.group")),
            ("@odata.etag", json!("W/\"2\"")),
            ("manager@odata.bind", json!("users/7")),
        ]
        .into_iter()
        .collect();
        assert_eq!(data.odata_type(), Some("#microsoft.graph.group"));
        assert_eq!(data.etag(), Some("W/\"2\""));
        assert_eq!(data.annotation("odata.context"), None);
        assert_eq!(data.annotation("@odata.etag"), Some(&json!("W/\"2\"")));
        // Property annotations are not instance annotations of the object.
        assert_eq!(data.annotation("odata.bind"), None);
        assert_eq!(data.property_annotation("manager", "odata.bind"), Some(&json!("users/7")));
        assert_eq!(data.property_annotation("manage", "odata.bind"), None);
    }

    #[test]
    fn insert_replaces_in_place_and_remove_keeps_order() {
        let mut data = AdditionalData::new();
        assert!(data.is_empty());
        data.insert("a", json!(1));
        data.insert("b", json!(2));
        data.insert("c", json!(3));
        assert_eq!(data.insert("a", json!(10)), Some(json!(1)));
        assert_eq!(data.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(data.remove("b"), Some(json!(2)));
        assert_eq!(data.remove("b"), None);
        assert_eq!(data.keys().collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(data.get("a"), Some(&json!(10)));
        if let Some(v) = data.get_mut("c") {
            *v = json!("x");
        }
        assert_eq!(data.get("c"), Some(&json!("x")));
        assert_eq!(data.len(), 2);
    }

    #[test]
    fn duplicate_keys_in_input_keep_the_last_value() {
        let data: AdditionalData = serde_json::from_str(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(serde_json::to_value(&data).unwrap(), json!({"a":3,"b":2}));
        assert_eq!(data.keys().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn serialize_entries_except_skips_one_key() {
        struct Wrapper<'a>(&'a AdditionalData);
        impl Serialize for Wrapper<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("@odata.type", "#x.y")?;
                self.0.serialize_entries_except(&mut map, "@odata.type")?;
                map.end()
            }
        }
        let data: AdditionalData = [("@odata.type", json!("#x.z")), ("k", json!(1))].into_iter().collect();
        assert_eq!(serde_json::to_string(&Wrapper(&data)).unwrap(), r##"{"@odata.type":"#x.y","k":1}"##);
    }

    #[test]
    fn common_annotations_are_stored_without_copying_their_names() {
        let data: AdditionalData =
            serde_json::from_str(r#"{"@odata.etag": "W/\"1\"", "custom": 1}"#).unwrap_or_default();
        let borrowed: Vec<bool> = data.entries.iter().map(|(k, _)| matches!(k, Cow::Borrowed(_))).collect();
        assert_eq!(borrowed, [true, false]);
        assert_eq!(data.etag(), Some("W/\"1\""));
        assert_eq!(serde_json::to_string(&data).unwrap_or_default(), r#"{"@odata.etag":"W/\"1\"","custom":1}"#);
    }

    #[test]
    fn rejects_non_objects() {
        assert!(serde_json::from_str::<AdditionalData>("[1]").is_err());
    }
}
