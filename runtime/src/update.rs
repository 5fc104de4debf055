//! [`Update`]: a property value for writes that tells "leave unchanged" from "set to null".
//!
//! In a PATCH body an omitted property keeps its value and `null` clears it. `Option<T>`
//! cannot say both, so update models use `Update<T>`:
//!
//! ```
//! use odata_runtime::Update;
//! use serde::Serialize;
//!
//! #[derive(Serialize, Default)]
//! #[serde(rename_all = "camelCase")]
//! struct UserUpdate {
//!     #[serde(skip_serializing_if = "Update::is_unset")]
//!     display_name: Update<String>,
//!     #[serde(skip_serializing_if = "Update::is_unset")]
//!     office_location: Update<String>,
//!     #[serde(skip_serializing_if = "Update::is_unset")]
//!     job_title: Update<String>,
//! }
//!
//! let body = UserUpdate {
//!     display_name: Update::Value("Ada".into()),
//!     office_location: Update::Null,
//!     ..Default::default()
//! };
//! assert_eq!(
//!     serde_json::to_string(&body).unwrap(),
//!     r#"{"displayName":"Ada","officeLocation":null}"#
//! );
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A property in a write: left out, explicitly `null`, or a value.
///
/// Deserializing gives `Null` for `null` and `Value` otherwise; with `#[serde(default)]` a
/// missing key gives `Unset`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Update<T> {
    /// Omitted from the payload: the service keeps the current value.
    #[default]
    Unset,
    /// Written as `null`: the service clears the value.
    Null,
    /// Written as the value.
    Value(T),
}

impl<T> Update<T> {
    /// Whether the property is left out (for `skip_serializing_if`).
    pub fn is_unset(&self) -> bool {
        matches!(self, Self::Unset)
    }

    /// Whether the property is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value, if one is set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Converts into the value, if one is set.
    pub fn into_value(self) -> Option<T> {
        match self {
            Self::Value(v) => Some(v),
            _ => None,
        }
    }

    /// `None` when unset, `Some(None)` for null, `Some(Some(v))` for a value.
    pub fn into_option(self) -> Option<Option<T>> {
        match self {
            Self::Unset => None,
            Self::Null => Some(None),
            Self::Value(v) => Some(Some(v)),
        }
    }

    /// Borrows the value.
    pub fn as_ref(&self) -> Update<&T> {
        match self {
            Self::Unset => Update::Unset,
            Self::Null => Update::Null,
            Self::Value(v) => Update::Value(v),
        }
    }

    /// Maps the value, keeping `Unset` and `Null`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Update<U> {
        match self {
            Self::Unset => Update::Unset,
            Self::Null => Update::Null,
            Self::Value(v) => Update::Value(f(v)),
        }
    }
}

impl<T> From<T> for Update<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

impl<T> From<Option<T>> for Update<T> {
    /// `None` becomes an explicit `Null` (a deliberate clear), not `Unset`.
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Self::Value(v),
            None => Self::Null,
        }
    }
}

impl<T: Serialize> Serialize for Update<T> {
    /// Writes the value or `null`; `Unset` also writes `null`, so skip it with `is_unset`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(v) => serializer.serialize_some(v),
            Self::Unset | Self::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Update<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UpdateVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for UpdateVisitor<T> {
            type Value = Update<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }

            fn visit_none<E: de::Error>(self) -> Result<Update<T>, E> {
                Ok(Update::Null)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Update<T>, E> {
                Ok(Update::Null)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Update<T>, D::Error> {
                T::deserialize(d).map(Update::Value)
            }
        }

        deserializer.deserialize_option(UpdateVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Update::is_unset")]
        a: Update<i32>,
        #[serde(default, skip_serializing_if = "Update::is_unset")]
        b: Update<i32>,
        #[serde(default, skip_serializing_if = "Update::is_unset")]
        c: Update<i32>,
    }

    #[test]
    fn three_states_round_trip() {
        let p: Patch = serde_json::from_str(r#"{"a": null, "b": 5}"#).unwrap();
        assert_eq!(p.a, Update::Null);
        assert_eq!(p.b, Update::Value(5));
        assert_eq!(p.c, Update::Unset);
        assert_eq!(serde_json::to_value(&p).unwrap(), json!({"a": null, "b": 5}));
    }

    #[test]
    fn default_is_unset_and_empty_body() {
        let p = Patch::default();
        assert!(p.a.is_unset());
        assert_eq!(serde_json::to_string(&p).unwrap(), "{}");
    }

    #[test]
    fn conversions() {
        assert_eq!(Update::from(Some(1)), Update::Value(1));
        assert_eq!(Update::<i32>::from(None), Update::Null);
        assert_eq!(Update::Value(2).into_option(), Some(Some(2)));
        assert_eq!(Update::<i32>::Null.into_option(), Some(None));
        assert_eq!(Update::<i32>::Unset.into_option(), None);
        assert_eq!(Update::Value(2).map(|v| v * 2).value(), Some(&4));
        assert!(Update::<i32>::Null.is_null());
        assert_eq!(Update::Value(String::from("x")).as_ref(), Update::Value(&"x".to_owned()));
    }

    #[test]
    fn wrong_type_is_an_error() {
        assert!(serde_json::from_str::<Patch>(r#"{"a": "x"}"#).is_err());
    }
}
