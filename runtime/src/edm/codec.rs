//! The macro that turns one pair of serialize/deserialize functions into a helper module.

/// Expands, inside a `pub mod`, to the `with` functions, `Ser`, `Seed`, and the `option`,
/// `vec` and `option_vec` submodules for `$ty`.
///
/// `$ser` and `$de` must be absolute paths; `$ty` must resolve from nested modules (use
/// primitives or `::crate`-rooted paths).
macro_rules! codec {
    ($ty:ty, $ser:path, $de:path) => {
        use ::serde::de::DeserializeSeed;
        use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

        /// The Rust type this module handles.
        pub type Type = $ty;

        /// Writes the value in its OData JSON form (for `#[serde(with = "...")]`).
        pub fn serialize<S: Serializer>(value: &Type, serializer: S) -> Result<S::Ok, S::Error> {
            $ser(value, serializer)
        }

        /// Reads the value from any form OData JSON allows (for `#[serde(with = "...")]`).
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Type, D::Error> {
            $de(deserializer)
        }

        /// Borrowing adapter for hand-written `Serialize` impls: `map.serialize_entry(k, &Ser(&v))`.
        #[derive(Clone, Copy, Debug)]
        pub struct Ser<'a>(pub &'a Type);

        impl Serialize for Ser<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $ser(self.0, serializer)
            }
        }

        /// Seed for hand-written visitors: `map.next_value_seed(Seed)`.
        #[derive(Clone, Copy, Debug, Default)]
        pub struct Seed;

        impl<'de> DeserializeSeed<'de> for Seed {
            type Value = Type;

            fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Type, D::Error> {
                $de(deserializer)
            }
        }

        /// Owned form, so that serde's `Option` and `Vec` impls can drive the reader.
        struct Owned(Type);

        impl<'de> Deserialize<'de> for Owned {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $de(deserializer).map(Owned)
            }
        }

        /// The same for `Option<T>`: `null` or missing is `None`.
        pub mod option {
            use ::serde::de::DeserializeSeed;
            use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

            /// The Rust type this module handles.
            pub type Type = Option<super::Type>;

            /// Writes `null` or the value (for `#[serde(with = "...")]`).
            pub fn serialize<S: Serializer>(value: &Type, serializer: S) -> Result<S::Ok, S::Error> {
                match value {
                    Some(v) => serializer.serialize_some(&super::Ser(v)),
                    None => serializer.serialize_none(),
                }
            }

            /// Reads `null` or the value (for `#[serde(with = "...")]`).
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Type, D::Error> {
                Ok(Option::<super::Owned>::deserialize(deserializer)?.map(|v| v.0))
            }

            /// Borrowing adapter for hand-written `Serialize` impls.
            #[derive(Clone, Copy, Debug)]
            pub struct Ser<'a>(pub &'a Type);

            impl Serialize for Ser<'_> {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serialize(self.0, serializer)
                }
            }

            /// Seed for hand-written visitors.
            #[derive(Clone, Copy, Debug, Default)]
            pub struct Seed;

            impl<'de> DeserializeSeed<'de> for Seed {
                type Value = Type;

                fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Type, D::Error> {
                    deserialize(deserializer)
                }
            }
        }

        /// The same for `Vec<T>` (`Collection(...)` properties).
        pub mod vec {
            use ::serde::de::DeserializeSeed;
            use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

            /// The Rust type this module handles.
            pub type Type = Vec<super::Type>;

            /// Writes a JSON array (for `#[serde(with = "...")]`).
            pub fn serialize<S: Serializer>(value: &[super::Type], serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(value.iter().map(super::Ser))
            }

            /// Reads a JSON array (for `#[serde(with = "...")]`).
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Type, D::Error> {
                let items = Vec::<super::Owned>::deserialize(deserializer)?;
                Ok(items.into_iter().map(|v| v.0).collect())
            }

            /// Borrowing adapter for hand-written `Serialize` impls.
            #[derive(Clone, Copy, Debug)]
            pub struct Ser<'a>(pub &'a [super::Type]);

            impl Serialize for Ser<'_> {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serialize(self.0, serializer)
                }
            }

            /// Seed for hand-written visitors.
            #[derive(Clone, Copy, Debug, Default)]
            pub struct Seed;

            impl<'de> DeserializeSeed<'de> for Seed {
                type Value = Type;

                fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Type, D::Error> {
                    deserialize(deserializer)
                }
            }
        }

        /// The same for `Option<Vec<T>>`.
        pub mod option_vec {
            use ::serde::de::DeserializeSeed;
            use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

            /// The Rust type this module handles.
            pub type Type = Option<Vec<super::Type>>;

            /// Writes `null` or a JSON array (for `#[serde(with = "...")]`).
            pub fn serialize<S: Serializer>(value: &Type, serializer: S) -> Result<S::Ok, S::Error> {
                match value {
                    Some(v) => serializer.serialize_some(&super::vec::Ser(v)),
                    None => serializer.serialize_none(),
                }
            }

            /// Reads `null` or a JSON array (for `#[serde(with = "...")]`).
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Type, D::Error> {
                let items = Option::<Vec<super::Owned>>::deserialize(deserializer)?;
                Ok(items.map(|v| v.into_iter().map(|v| v.0).collect()))
            }

            /// Borrowing adapter for hand-written `Serialize` impls.
            #[derive(Clone, Copy, Debug)]
            pub struct Ser<'a>(pub &'a Type);

            impl Serialize for Ser<'_> {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serialize(self.0, serializer)
                }
            }

            /// Seed for hand-written visitors.
            #[derive(Clone, Copy, Debug, Default)]
            pub struct Seed;

            impl<'de> DeserializeSeed<'de> for Seed {
                type Value = Type;

                fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Type, D::Error> {
                    deserialize(deserializer)
                }
            }
        }
    };
}

pub(crate) use codec;
