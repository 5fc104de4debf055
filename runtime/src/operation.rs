//! Actions and functions: for every selected operation the generator emits a struct of its parameters
//! implementing [`Action`] (the struct is the JSON request body) or [`Function`] (the struct renders
//! the URL segment with the parameters as OData literals).
//!
//! Both traits name the operation (`microsoft.graph.uploadClientCertificate`), the type it is bound to,
//! the import that exposes it at the service root when it is unbound, and what it returns;
//! `read_result` reads a response body into it. Parameters and results go through the same
//! [`Data`] codecs as the fields of generated types (`Edm.Int64` also from a string, `"INF"` floats,
//! base64url binary, decimals, dates, durations, enums, structured values, collections of each).
//!
//! Unbound operations are called through their imports in the entity container: the generated
//! container struct has a [`FunctionImport`] or [`ActionImport`] constant for each, whose name is the
//! URL segment at the service root (`GetNearestAirport(lat=1.5,lon=2)`, `ResetDataSource`).
//!
//! ```
//! use odata_runtime::operation::{Function, FunctionImport, Returns};
//! use odata_runtime::literal::{Literal, NamedList};
//!
//! /// `ns.mostRecent(count=..)`, unbound, returning a collection of 64-bit integers.
//! struct MostRecent { count: i32 }
//! impl Function for MostRecent {
//!     const NAME: &'static str = "ns.mostRecent";
//!     const BINDING: Option<&'static str> = None;
//!     const IMPORT: Option<&'static str> = Some("MostRecent");
//!     const RETURNS: Returns = Returns::Collection;
//!     type Output = Vec<i64>;
//!     fn write_parameters(&self, list: &mut NamedList) {
//!         list.push("count", |out| self.count.write_literal(out));
//!     }
//! }
//!
//! assert_eq!(MostRecent { count: 5 }.segment(), "MostRecent(count=5)");
//! const MOST_RECENT: FunctionImport<MostRecent> = FunctionImport::new("MostRecent");
//! assert_eq!(MOST_RECENT.call(&MostRecent { count: 5 }), "MostRecent(count=5)");
//! let ids = MostRecent::read_result(r#"{"value": [1, "9223372036854775807"]}"#)?;
//! assert_eq!(ids, [1, i64::MAX]);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeMap as _, Serializer};
use serde::{Deserializer as _, Serialize};

use crate::data::{Data, Out};
use crate::literal::NamedList;

/// What an operation returns, which decides the shape of the response body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Returns {
    /// Nothing (`204 No Content`).
    Nothing,
    /// One entity or complex value: the body is the object itself.
    Structured,
    /// One primitive or enum value: the body is `{"value": ...}`.
    Primitive,
    /// A collection: the body is `{"value": [...]}`.
    Collection,
}

/// An action: its parameter struct is the JSON request body (`POST .../namespace.name`).
pub trait Action: Serialize {
    /// The qualified name, the last URL segment of a bound action: `microsoft.graph.uploadClientCertificate`.
    const NAME: &'static str;
    /// The type of the binding parameter (`microsoft.graph.identityApiConnector`,
    /// `Collection(...)`), or `None` for an unbound action (called through an action import).
    const BINDING: Option<&'static str>;
    /// The name of the action import that exposes an unbound action at the service root
    /// (`ResetDataSource`), when one is generated (the first, if there are several).
    const IMPORT: Option<&'static str> = None;
    /// The shape of the response.
    const RETURNS: Returns;
    /// The Rust type of the result (`()` when nothing is returned).
    type Output: Data;

    /// The URL segment to `POST` to: the import name for an unbound action with an import
    /// (relative to the service root), else the qualified name (after the binding path).
    fn segment(&self) -> &'static str {
        match (Self::BINDING, Self::IMPORT) {
            (None, Some(import)) => import,
            _ => Self::NAME,
        }
    }

    /// The JSON request body: the parameters as an object.
    fn body(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Reads the response body into the result.
    fn read_result(body: &str) -> Result<Self::Output, serde_json::Error> {
        read_result(Self::RETURNS, body)
    }
}

/// A function: its parameter struct renders the URL segment `name(p=literal,...)`.
pub trait Function {
    /// The qualified name: `microsoft.graph.industryData.getStatistics`.
    const NAME: &'static str;
    /// The type of the binding parameter, or `None` for an unbound function.
    const BINDING: Option<&'static str>;
    /// The name of the function import that exposes an unbound function at the service root
    /// (`GetNearestAirport`), when one is generated (the first, if there are several).
    const IMPORT: Option<&'static str> = None;
    /// The shape of the response.
    const RETURNS: Returns;
    /// The Rust type of the result.
    type Output: Data;

    /// Adds each non-binding parameter as `name=literal`.
    fn write_parameters(&self, list: &mut NamedList);

    /// The percent-encoded parameter list: `(a=1,b='x')`, or `()`.
    fn parameters(&self) -> String {
        let mut list = NamedList::new();
        self.write_parameters(&mut list);
        list.to_segment()
    }

    /// The URL segment: the import name for an unbound function with an import (relative to the
    /// service root: `GetNearestAirport(lat=1.5,lon=2)`), else the qualified name (after the binding
    /// path: `ns.f(a=1,b='x')`), followed by the parameter list.
    fn segment(&self) -> String {
        let name = match (Self::BINDING, Self::IMPORT) {
            (None, Some(import)) => import,
            _ => Self::NAME,
        };
        format!("{name}{}", self.parameters())
    }

    /// Reads the response body into the result.
    fn read_result(body: &str) -> Result<Self::Output, serde_json::Error> {
        read_result(Self::RETURNS, body)
    }
}

/// A function import of an entity container: the unbound function `F` exposed at the service root
/// under the import's name.
pub struct FunctionImport<F> {
    name: &'static str,
    entity_set: Option<&'static str>,
    function: PhantomData<fn() -> F>,
}

impl<F> FunctionImport<F> {
    /// The function import with this name.
    pub const fn new(name: &'static str) -> FunctionImport<F> {
        FunctionImport { name, entity_set: None, function: PhantomData }
    }

    /// The same import, naming the entity set its entities belong to (its `EntitySet` attribute).
    pub const fn with_entity_set(self, entity_set: &'static str) -> FunctionImport<F> {
        FunctionImport { entity_set: Some(entity_set), ..self }
    }

    /// The import's name, the first segment of a call relative to the service root.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The entity set that returned entities belong to, if the import names one.
    pub const fn entity_set(&self) -> Option<&'static str> {
        self.entity_set
    }
}

impl<F: Function> FunctionImport<F> {
    /// The path of a call relative to the service root: `GetNearestAirport(lat=1.5,lon=2)`.
    pub fn call(&self, function: &F) -> String {
        format!("{}{}", self.name, function.parameters())
    }
}

/// An action import of an entity container: the unbound action `A` exposed at the service root
/// under the import's name.
pub struct ActionImport<A> {
    name: &'static str,
    entity_set: Option<&'static str>,
    action: PhantomData<fn() -> A>,
}

impl<A> ActionImport<A> {
    /// The action import with this name.
    pub const fn new(name: &'static str) -> ActionImport<A> {
        ActionImport { name, entity_set: None, action: PhantomData }
    }

    /// The same import, naming the entity set its entities belong to (its `EntitySet` attribute).
    pub const fn with_entity_set(self, entity_set: &'static str) -> ActionImport<A> {
        ActionImport { entity_set: Some(entity_set), ..self }
    }

    /// The import's name, which is also the path to `POST` to, relative to the service root.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The path to `POST` to, relative to the service root: `ResetDataSource`.
    pub const fn path(&self) -> &'static str {
        self.name
    }

    /// The entity set that returned entities belong to, if the import names one.
    pub const fn entity_set(&self) -> Option<&'static str> {
        self.entity_set
    }
}

impl<A: Action> ActionImport<A> {
    /// The JSON request body: the parameters as an object.
    pub fn body(&self, action: &A) -> Result<String, serde_json::Error> {
        action.body()
    }
}

crate::path::named_impls!(FunctionImport, ActionImport);

/// Writes an action's parameters as a JSON object (the body of a generated action's `Serialize`
/// impl): each `(name, value)` through its [`Data`] codec; unset optional parameters are left out.
pub fn serialize_parameters<S: Serializer>(parameters: &[(&str, &dyn Data)], serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    for (name, value) in parameters {
        if !matches!(value.write(), Out::Absent) {
            map.serialize_entry(name, &crate::ser::Json(*value))?;
        }
    }
    map.end()
}

/// Reads a response body of an operation returning `returns` through the result type's [`Data`]
/// codec: the object itself, or the `value` member of `{"value": ...}` for primitive and collection
/// results. An empty body (`204 No Content`) reads as `null` (`None` for an optional result); when
/// the operation returns nothing, the body is not read. [`Action::read_result`] and
/// [`Function::read_result`] call this with their own shape and output type.
pub fn read_result<T: Data>(returns: Returns, body: &str) -> Result<T, serde_json::Error> {
    let mut value = T::empty();
    if returns == Returns::Nothing {
        return Ok(value);
    }
    let body = if body.trim().is_empty() { "null" } else { body };
    let mut deserializer = serde_json::Deserializer::from_str(body);
    match returns {
        Returns::Primitive | Returns::Collection if body != "null" => {
            deserializer.deserialize_map(ValueMember(&mut value))?;
        }
        _ => crate::de::read(&mut deserializer, &mut value)?,
    }
    deserializer.end()?;
    Ok(value)
}

/// Reads the `value` member of an object into a place, skipping the others (`@odata.context`, ...).
struct ValueMember<'p>(&'p mut dyn Data);

impl<'de> Visitor<'de> for ValueMember<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with a `value` member")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "value" && !found {
                map.next_value_seed(crate::de::Seed(&mut *self.0))?;
                found = true;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if found { Ok(()) } else { Err(de::Error::missing_field("value")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_read_through_the_field_codecs() {
        let big: i64 = read_result(Returns::Primitive, r#"{"value": "9223372036854775807"}"#).unwrap_or_default();
        assert_eq!(big, i64::MAX);
        let infinite: f64 =
            read_result(Returns::Primitive, r#"{"@odata.context": "x", "value": "INF"}"#).unwrap_or_default();
        assert_eq!(infinite, f64::INFINITY);
        let bytes: Vec<u8> = read_result(Returns::Primitive, r#"{"value": "-_8"}"#).unwrap_or_default();
        assert_eq!(bytes, [0xfb, 0xff]);
        let list: Vec<f32> = read_result(Returns::Collection, r#"{"value": [1, "NaN", "-INF"]}"#).unwrap_or_default();
        assert!(list[0] == 1.0 && list[1].is_nan() && list[2] == f32::NEG_INFINITY);
    }

    #[test]
    fn empty_bodies_and_missing_values() {
        let none: Option<i32> = read_result(Returns::Primitive, "").unwrap_or(Some(1));
        assert_eq!(none, None);
        assert!(read_result::<i32>(Returns::Primitive, " ").is_err(), "a required result cannot be empty");
        assert!(read_result::<i32>(Returns::Primitive, r#"{"other": 1}"#).is_err());
        assert!(read_result::<i32>(Returns::Primitive, r#"{"value": 1} x"#).is_err());
        read_result::<()>(Returns::Nothing, r#"{"ignored": true}"#).unwrap_or_default();
    }

    #[test]
    fn parameters_write_through_the_field_codecs() {
        let (bytes, big, none) = (vec![0xfb_u8, 0xff], i64::MAX, None::<String>);
        let ratio = f64::NEG_INFINITY;
        let parameters: [(&str, &dyn Data); 4] = [("blob", &bytes), ("big", &big), ("ratio", &ratio), ("none", &none)];
        let mut out = Vec::new();
        let written = serialize_parameters(&parameters, &mut serde_json::Serializer::new(&mut out));
        assert!(written.is_ok());
        assert_eq!(String::from_utf8_lossy(&out), r#"{"blob":"-_8","big":9223372036854775807,"ratio":"-INF"}"#);
    }

    #[test]
    fn imports_render_at_the_service_root() {
        struct Reset;
        impl Serialize for Reset {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize_parameters(&[], serializer)
            }
        }
        impl Action for Reset {
            const NAME: &'static str = "ns.Reset";
            const BINDING: Option<&'static str> = None;
            const IMPORT: Option<&'static str> = Some("ResetDataSource");
            const RETURNS: Returns = Returns::Nothing;
            type Output = ();
        }
        const RESET: ActionImport<Reset> = ActionImport::new("ResetDataSource").with_entity_set("Things");
        assert_eq!((RESET.path(), RESET.entity_set()), ("ResetDataSource", Some("Things")));
        assert_eq!(Reset.segment(), "ResetDataSource");
        assert_eq!(RESET.body(&Reset).ok().as_deref(), Some("{}"));
        assert_eq!(format!("{RESET:?} {RESET}"), "ActionImport(\"ResetDataSource\") ResetDataSource");
    }
}
