//! Actions and functions: for every selected operation the generator emits a struct of its parameters
//! implementing [`Action`] (the struct is the JSON request body) or [`Function`] (the struct renders
//! the URL segment with the parameters as OData literals).
//!
//! Both traits name the operation as it appears in a URL (`microsoft.graph.uploadClientCertificate`),
//! the type it is bound to, and what it returns; `read_result` reads a response body into it.
//!
//! ```
//! use odata_runtime::operation::{Function, Returns};
//! use odata_runtime::literal::{Literal, NamedList};
//!
//! /// `ns.mostRecent(count=..)`, unbound, returning a collection of strings.
//! struct MostRecent { count: i32 }
//! impl Function for MostRecent {
//!     const NAME: &'static str = "ns.mostRecent";
//!     const BINDING: Option<&'static str> = None;
//!     const RETURNS: Returns = Returns::Collection;
//!     type Output = Vec<String>;
//!     fn write_parameters(&self, list: &mut NamedList) {
//!         list.push("count", |out| self.count.write_literal(out));
//!     }
//! }
//!
//! assert_eq!(MostRecent { count: 5 }.segment(), "ns.mostRecent(count=5)");
//! let names = MostRecent::read_result(r#"{"value": ["a", "b"]}"#)?;
//! assert_eq!(names, ["a", "b"]);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer as _, Serialize};

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
    /// The qualified name, the last URL segment: `microsoft.graph.uploadClientCertificate`.
    const NAME: &'static str;
    /// The type of the binding parameter (`microsoft.graph.identityApiConnector`,
    /// `Collection(...)`), or `None` for an unbound action (called through an action import).
    const BINDING: Option<&'static str>;
    /// The shape of the response.
    const RETURNS: Returns;
    /// The Rust type of the result (`()` when nothing is returned).
    type Output: DeserializeOwned;

    /// Reads the response body into the result.
    fn read_result(body: &str) -> Result<Self::Output, serde_json::Error> {
        read_result(Self::RETURNS, body)
    }
}

/// A function: its parameter struct renders the URL segment `namespace.name(p=literal,...)`.
pub trait Function {
    /// The qualified name: `microsoft.graph.industryData.getStatistics`.
    const NAME: &'static str;
    /// The type of the binding parameter, or `None` for an unbound function.
    const BINDING: Option<&'static str>;
    /// The shape of the response.
    const RETURNS: Returns;
    /// The Rust type of the result.
    type Output: DeserializeOwned;

    /// Adds each non-binding parameter as `name=literal`.
    fn write_parameters(&self, list: &mut NamedList);

    /// The URL segment: the qualified name and the percent-encoded parameter list, e.g.
    /// `ns.f(a=1,b='x')` or `ns.f()`.
    fn segment(&self) -> String {
        let mut list = NamedList::new();
        self.write_parameters(&mut list);
        format!("{}{}", Self::NAME, list.to_segment())
    }

    /// Reads the response body into the result.
    fn read_result(body: &str) -> Result<Self::Output, serde_json::Error> {
        read_result(Self::RETURNS, body)
    }
}

/// Reads a response body of an operation returning `returns`: the object itself, or the `value`
/// member of `{"value": ...}` for primitive and collection results; an empty body reads as `()` (or
/// any type that reads from `null`) when the operation returns nothing. [`Action::read_result`] and
/// [`Function::read_result`] call this with their own shape and output type.
pub fn read_result<T: DeserializeOwned>(returns: Returns, body: &str) -> Result<T, serde_json::Error> {
    match returns {
        Returns::Nothing if body.trim().is_empty() => serde_json::from_str("null"),
        Returns::Nothing | Returns::Structured => serde_json::from_str(body),
        Returns::Primitive | Returns::Collection => {
            let mut deserializer = serde_json::Deserializer::from_str(body);
            let value = deserializer.deserialize_map(ValueMember(PhantomData))?;
            deserializer.end()?;
            Ok(value)
        }
    }
}

/// Reads the `value` member of an object, skipping the others (`@odata.context`, ...).
struct ValueMember<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ValueMember<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with a `value` member")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "value" && value.is_none() {
                value = Some(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        value.ok_or_else(|| de::Error::missing_field("value"))
    }
}
