//! Reading: any serde `Deserializer` drives a [`Data`] place.
//!
//! [`read`] is the one visitor of the crate. It is generic over the deserializer only, never over the
//! generated type: the place it fills is a `&mut dyn Data`, so however many types a crate generates,
//! this code is compiled once per input format. Generated types call [`deserialize`] from their
//! one-line `Deserialize` impls.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Expected, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::data::{Data, ReadError, Scalar};
use crate::polymorphic::ODATA_TYPE;

/// Reads a `T` from `deserializer` (the body of a generated type's `Deserialize` impl).
pub fn deserialize<'de, T: Data, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let mut value = T::empty();
    read(deserializer, &mut value)?;
    Ok(value)
}

/// Reads the next value of `deserializer` into `place`.
pub fn read<'de, D: Deserializer<'de>>(deserializer: D, place: &mut dyn Data) -> Result<(), D::Error> {
    deserializer.deserialize_any(Place(place))
}

/// A place as a serde `DeserializeSeed`, for hand-written visitors: `map.next_value_seed(Seed(&mut value))`
/// reads the next value into `value` through its [`Data`] codec.
pub struct Seed<'p>(pub &'p mut dyn Data);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        read(deserializer, self.0)
    }
}

/// A place as a serde seed and visitor.
struct Place<'p>(&'p mut dyn Data);

/// `Expected` for error messages, from the place's own description.
struct Expecting<'a>(&'a dyn Data);

impl Expected for Expecting<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

impl<'de> DeserializeSeed<'de> for Place<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Place<'_> {
    fn scalar<E: de::Error>(self, value: Scalar<'_>, unexpected: de::Unexpected<'_>) -> Result<(), E> {
        match self.0.read_scalar(value) {
            Ok(()) => Ok(()),
            Err(ReadError::Mismatch) => Err(E::invalid_type(unexpected, &Expecting(self.0))),
            Err(ReadError::Invalid(message)) => Err(E::custom(message)),
        }
    }

    fn error<E: de::Error>(&self, error: ReadError, unexpected: de::Unexpected<'_>) -> E {
        match error {
            ReadError::Mismatch => E::invalid_type(unexpected, &Expecting(&*self.0)),
            ReadError::Invalid(message) => E::custom(message),
        }
    }
}

impl<'de> Visitor<'de> for Place<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.scalar(Scalar::Bool(v), de::Unexpected::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.scalar(Scalar::I64(v), de::Unexpected::Signed(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.scalar(Scalar::U64(v), de::Unexpected::Unsigned(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.scalar(Scalar::F64(v), de::Unexpected::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.scalar(Scalar::Str(v), de::Unexpected::Str(v))
    }

    // Owned strings (from `serde_json::Value`, readers) are read as borrowed ones, so that an error
    // can still quote the string.

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.scalar(Scalar::Null, de::Unexpected::Unit)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.scalar(Scalar::Null, de::Unexpected::Unit)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let items = match self.0.read_seq() {
            Ok(items) => items,
            Err(error) => return Err(self.error(error, de::Unexpected::Seq)),
        };
        loop {
            if seq.next_element_seed(Place(items.push()))?.is_none() {
                items.pop();
                return Ok(());
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // `@odata.type` as the first member decides the type before any other member is read.
        let mut pending = map.next_key::<MemberName<'de>>()?;
        let odata_type = match &pending {
            Some(MemberName(key)) if key == ODATA_TYPE => {
                pending = None;
                Some(map.next_value::<Cow<'de, str>>()?)
            }
            _ => None,
        };
        let object = match self.0.read_map(odata_type.as_deref()) {
            Ok(object) => object,
            Err(error) => return Err(self.error(error, de::Unexpected::Map)),
        };
        let mut next = match pending {
            Some(key) => Some(key),
            None => map.next_key::<MemberName<'de>>()?,
        };
        let mut position = 0;
        while let Some(MemberName(key)) = next {
            match object.member(&key, &mut position) {
                Some(place) => map.next_value_seed(Place(place))?,
                None => {
                    let value: Value = map.next_value()?;
                    object.other(key.into_owned(), value);
                }
            }
            next = map.next_key::<MemberName<'de>>()?;
        }
        object.end().map_err(|error| match error {
            ReadError::Mismatch => de::Error::custom("the object does not fit its declared type"),
            ReadError::Invalid(message) => de::Error::custom(message),
        })
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

/// Reads a leaf value (a date, a GUID, ...) from a scalar with the type's own serde reader.
pub(crate) fn read_leaf<T: DeserializeOwned>(place: &mut T, value: Scalar<'_>) -> Result<(), ReadError> {
    read_leaf_with(place, value, T::deserialize)
}

/// Reads a leaf value from a scalar with a serde reader function (an `edm` codec).
pub(crate) fn read_leaf_with<'a, T>(
    place: &mut T,
    value: Scalar<'a>,
    reader: impl FnOnce(ScalarDeserializer<'a>) -> Result<T, LeafError>,
) -> Result<(), ReadError> {
    if matches!(value, Scalar::Null) {
        return Err(ReadError::Mismatch);
    }
    *place = reader(ScalarDeserializer(value)).map_err(|error| ReadError::Invalid(error.0))?;
    Ok(())
}

/// One scalar as a serde `Deserializer`, so that the readers of leaf types run on it.
pub(crate) struct ScalarDeserializer<'a>(Scalar<'a>);

/// The error of a leaf reader: its message.
#[derive(Debug)]
pub(crate) struct LeafError(String);

impl fmt::Display for LeafError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LeafError {}

impl de::Error for LeafError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        LeafError(message.to_string())
    }
}

impl<'de> Deserializer<'de> for ScalarDeserializer<'_> {
    type Error = LeafError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeafError> {
        match self.0 {
            Scalar::Null => visitor.visit_unit(),
            Scalar::Bool(v) => visitor.visit_bool(v),
            Scalar::I64(v) => visitor.visit_i64(v),
            Scalar::U64(v) => visitor.visit_u64(v),
            Scalar::F64(v) => visitor.visit_f64(v),
            Scalar::Str(v) => visitor.visit_str(v),
            Scalar::String(v) => visitor.visit_string(v),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
