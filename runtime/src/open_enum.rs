//! Open enums: CSDL enum types that tolerate members the schema did not know.
//!
//! A generated enum has one unit variant per member plus `Unknown(String)`. Services add
//! members over time (`unknownFutureValue` marks the spot), so an unexpected string must not
//! fail the whole response: it becomes `Unknown` and is written back unchanged.
//!
//! The generator emits the enum, an [`OpenEnum`] impl, and one [`impl_open_enum!`](crate::impl_open_enum)
//! line for the serde, `Display` and `FromStr` impls:
//!
//! ```
//! use odata_runtime::OpenEnum;
//!
//! /// `microsoft.graph.connectorStatus`
//! #[derive(Clone, Debug, PartialEq, Eq, Hash)]
//! pub enum ConnectorStatus {
//!     Healthy,
//!     Unhealthy,
//!     UnknownFutureValue,
//!     /// A member this crate was not generated with.
//!     Unknown(String),
//! }
//!
//! impl OpenEnum for ConnectorStatus {
//!     const MEMBERS: &'static [&'static str] = &["healthy", "unhealthy", "unknownFutureValue"];
//!     fn from_index(index: usize) -> Option<Self> {
//!         match index {
//!             0 => Some(Self::Healthy),
//!             1 => Some(Self::Unhealthy),
//!             2 => Some(Self::UnknownFutureValue),
//!             _ => None,
//!         }
//!     }
//!     fn unknown(name: String) -> Self {
//!         Self::Unknown(name)
//!     }
//!     fn as_str(&self) -> &str {
//!         match self {
//!             Self::Healthy => "healthy",
//!             Self::Unhealthy => "unhealthy",
//!             Self::UnknownFutureValue => "unknownFutureValue",
//!             Self::Unknown(name) => name,
//!         }
//!     }
//! }
//! odata_runtime::impl_open_enum!(ConnectorStatus);
//!
//! let s: ConnectorStatus = serde_json::from_str(r#""Healthy""#).unwrap();
//! assert_eq!(s, ConnectorStatus::Healthy);
//! let s: ConnectorStatus = serde_json::from_str(r#""degraded""#).unwrap();
//! assert_eq!(s, ConnectorStatus::Unknown("degraded".into()));
//! assert_eq!(serde_json::to_string(&s).unwrap(), r#""degraded""#);
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// A generated open enum: known members in declaration order plus a catch-all variant.
pub trait OpenEnum: Sized {
    /// CSDL member names, in declaration order.
    const MEMBERS: &'static [&'static str];

    /// The variant of `MEMBERS[index]`, or `None` when `index` is out of range.
    fn from_index(index: usize) -> Option<Self>;

    /// The catch-all variant holding a name that matched no member.
    fn unknown(name: String) -> Self;

    /// The member name as written in JSON (the original string for the catch-all variant).
    fn as_str(&self) -> &str;

    /// Parses a member name: exact match, then ASCII case-insensitive match, else the catch-all.
    fn from_member(name: &str) -> Self {
        match member_index(Self::MEMBERS, name).and_then(Self::from_index) {
            Some(known) => known,
            None => Self::unknown(name.to_owned()),
        }
    }

    /// Like [`from_member`](Self::from_member), reusing the allocation for unknown names.
    fn from_member_owned(name: String) -> Self {
        match member_index(Self::MEMBERS, &name).and_then(Self::from_index) {
            Some(known) => known,
            None => Self::unknown(name),
        }
    }

    /// Whether this value is one of the members the enum was generated with.
    fn is_known(&self) -> bool {
        let name = self.as_str();
        Self::MEMBERS.contains(&name)
    }
}

/// Index of `name` in `members`: exact match first, then ASCII case-insensitive.
///
/// Not generic, so the matching code exists once however many enums use it.
pub fn member_index(members: &[&str], name: &str) -> Option<usize> {
    members.iter().position(|m| *m == name).or_else(|| members.iter().position(|m| m.eq_ignore_ascii_case(name)))
}

/// Reads an open enum from a scalar (for its [`Data`](crate::data::Data) impl).
pub fn read<E: OpenEnum>(place: &mut E, value: crate::data::Scalar<'_>) -> Result<(), crate::data::ReadError> {
    *place = match value {
        crate::data::Scalar::Str(name) => E::from_member(name),
        crate::data::Scalar::String(name) => E::from_member_owned(name),
        _ => return Err(crate::data::ReadError::Mismatch),
    };
    Ok(())
}

/// Serializes an open enum as its member name (for a hand-written `Serialize` impl).
pub fn serialize<E: OpenEnum, S: Serializer>(value: &E, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// Deserializes an open enum from a JSON string (for a hand-written `Deserialize` impl).
pub fn deserialize<'de, E: OpenEnum, D: Deserializer<'de>>(deserializer: D) -> Result<E, D::Error> {
    deserializer.deserialize_str(MemberVisitor(PhantomData))
}

struct MemberVisitor<E>(PhantomData<E>);

impl<E: OpenEnum> Visitor<'_> for MemberVisitor<E> {
    type Value = E;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an enum member name")
    }

    fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
        Ok(E::from_member(v))
    }

    fn visit_string<Er: de::Error>(self, v: String) -> Result<E, Er> {
        Ok(E::from_member_owned(v))
    }
}

/// A generated open enum's [`OpenEnum`] impl and its serde, `Display`, `FromStr` and `Data` impls,
/// from its member table: one line per member, `index Variant = "name";`. The catch-all variant is
/// `Unknown(String)`. With the qualified type name after the type (`Status = "ns.Status";`), it also
/// implements [`Literal`](crate::literal::Literal): `ns.Status'healthy'` in URLs and filters.
///
/// ```
/// #[derive(Clone, Debug, PartialEq, Eq, Hash)]
/// pub enum Status { Healthy, UnknownFutureValue, Unknown(String) }
///
/// odata_runtime::open_enum! {
///     Status = "ns.Status";
///     0 Healthy = "healthy";
///     1 UnknownFutureValue = "unknownFutureValue";
/// }
///
/// assert_eq!(serde_json::from_str::<Status>(r#""HEALTHY""#)?, Status::Healthy);
/// assert_eq!(Status::Unknown("x".into()).to_string(), "x");
/// let mut literal = String::new();
/// odata_runtime::literal::Literal::write_literal(&Status::Healthy, &mut literal);
/// assert_eq!(literal, "ns.Status'healthy'");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $ty:ident $(= $qualified:literal)?;
        $($index:literal $variant:ident = $name:literal;)*
    ) => {
        // With the qualified type name: the URL literal `namespace.Type'member'` (filters, keys).
        $(
            impl $crate::literal::Literal for $ty {
                fn write_literal(&self, out: &mut ::std::string::String) {
                    $crate::literal::push_enum(out, $qualified, $crate::OpenEnum::as_str(self));
                }
            }
        )?
        impl $crate::OpenEnum for $ty {
            const MEMBERS: &'static [&'static str] = &[$($name),*];
            fn from_index(index: usize) -> ::core::option::Option<Self> {
                match index {
                    $($index => ::core::option::Option::Some(Self::$variant),)*
                    _ => ::core::option::Option::None,
                }
            }
            fn unknown(name: ::std::string::String) -> Self {
                Self::Unknown(name)
            }
            fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $name,)*
                    Self::Unknown(name) => name,
                }
            }
        }
        $crate::impl_open_enum!($ty);
    };
}

/// Implements `Serialize`, `Deserialize`, `Display` and `FromStr` for a type implementing
/// [`OpenEnum`], so that a generated enum needs one line instead of four impls.
///
/// `FromStr` never fails: unknown names become the catch-all variant.
#[macro_export]
macro_rules! impl_open_enum {
    ($ty:ty) => {
        impl $crate::data::Data for $ty {
            fn empty() -> Self {
                <$ty as $crate::OpenEnum>::unknown(::std::string::String::new())
            }
            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("an enum member name")
            }
            fn read_scalar(
                &mut self,
                value: $crate::data::Scalar<'_>,
            ) -> ::core::result::Result<(), $crate::data::ReadError> {
                $crate::open_enum::read(self, value)
            }
            fn write(&self) -> $crate::data::Out<'_> {
                $crate::data::Out::Str($crate::OpenEnum::as_str(self))
            }
        }

        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::open_enum::serialize(self, serializer)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::open_enum::deserialize(deserializer)
            }
        }

        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str($crate::OpenEnum::as_str(self))
            }
        }

        // The error type is named, not `Self::Err`: a member named `Err` makes that path ambiguous.
        impl ::core::str::FromStr for $ty {
            type Err = ::core::convert::Infallible;

            fn from_str(s: &str) -> ::core::result::Result<Self, ::core::convert::Infallible> {
                ::core::result::Result::Ok(<$ty as $crate::OpenEnum>::from_member(s))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    enum Color {
        Red,
        DarkBlue,
        DarkBlueCaps,
        UnknownFutureValue,
        Unknown(String),
    }

    impl OpenEnum for Color {
        const MEMBERS: &'static [&'static str] = &["red", "darkBlue", "DARKBLUE", "unknownFutureValue"];

        fn from_index(index: usize) -> Option<Self> {
            match index {
                0 => Some(Self::Red),
                1 => Some(Self::DarkBlue),
                2 => Some(Self::DarkBlueCaps),
                3 => Some(Self::UnknownFutureValue),
                _ => None,
            }
        }

        fn unknown(name: String) -> Self {
            Self::Unknown(name)
        }

        fn as_str(&self) -> &str {
            match self {
                Self::Red => "red",
                Self::DarkBlue => "darkBlue",
                Self::DarkBlueCaps => "DARKBLUE",
                Self::UnknownFutureValue => "unknownFutureValue",
                Self::Unknown(name) => name,
            }
        }
    }

    crate::impl_open_enum!(Color);

    fn parse(json: &str) -> Color {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn exact_match_wins_over_case_insensitive() {
        assert_eq!(parse(r#""darkBlue""#), Color::DarkBlue);
        assert_eq!(parse(r#""DARKBLUE""#), Color::DarkBlueCaps);
        // No exact match: the first case-insensitive member in declaration order.
        assert_eq!(parse(r#""darkblue""#), Color::DarkBlue);
    }

    #[test]
    fn case_insensitive_match_serializes_canonical_name() {
        let c = parse(r#""RED""#);
        assert_eq!(c, Color::Red);
        assert_eq!(serde_json::to_string(&c).unwrap(), r#""red""#);
    }

    #[test]
    fn unknown_member_round_trips_unchanged() {
        let c = parse(r#""purple \"ish\"""#);
        assert_eq!(c, Color::Unknown("purple \"ish\"".into()));
        assert!(!c.is_known());
        assert_eq!(serde_json::to_string(&c).unwrap(), r#""purple \"ish\"""#);
        // Borrowed and owned string inputs behave alike.
        let from_value: Color = serde_json::from_value(serde_json::json!("green")).unwrap();
        assert_eq!(from_value, Color::Unknown("green".into()));
    }

    #[test]
    fn unknown_future_value_is_a_normal_member() {
        let c = parse(r#""unknownFutureValue""#);
        assert_eq!(c, Color::UnknownFutureValue);
        assert!(c.is_known());
    }

    #[test]
    fn display_and_from_str() {
        assert_eq!(Color::DarkBlue.to_string(), "darkBlue");
        assert_eq!("Red".parse::<Color>(), Ok(Color::Red));
        assert_eq!("".parse::<Color>(), Ok(Color::Unknown(String::new())));
    }

    #[test]
    fn non_string_is_an_error() {
        assert!(serde_json::from_str::<Color>("3").is_err());
        assert!(serde_json::from_str::<Color>("null").is_err());
    }
}
