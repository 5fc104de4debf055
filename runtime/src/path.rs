//! Keys and resource paths: what identifies an entity, and the entity sets and singletons of a
//! service's container.
//!
//! Generated entity types implement [`EntityType`], naming their key: the key property's Rust type
//! for a single-property key (`String` for Graph's `id`), or a generated `...Key` struct for a
//! composite key. A key renders to its URL form with [`Key::to_segment`]: `('abc')`, `(1)`,
//! `(a=1,b='x')`. Each entity set and singleton is a constant ([`EntitySet`], [`Singleton`]) that knows
//! its path and the type it holds.
//!
//! ```
//! use odata_runtime::path::{EntitySet, Key};
//!
//! struct User;
//! impl odata_runtime::path::EntityType for User {
//!     type Key = String;
//!     const KEY_PROPERTIES: &'static [&'static str] = &["id"];
//!     fn key(&self) -> Option<String> { None }
//! }
//!
//! const USERS: EntitySet<User> = EntitySet::new("users");
//! assert_eq!(USERS.entity(&"O'Neil".to_owned()), "users('O''Neil')");
//! assert_eq!(7_i32.to_segment(), "(7)");
//! ```

use std::marker::PhantomData;

use crate::literal::{Literal, segment};

/// An entity type with a key.
pub trait EntityType {
    /// The key: the key property's type, or a generated struct for composite keys.
    type Key: Key;

    /// The names of the key properties (or their aliases), in key order.
    const KEY_PROPERTIES: &'static [&'static str];

    /// The key of this entity, when every key property is set.
    fn key(&self) -> Option<Self::Key>;
}

/// A key value: renders as the parenthesized segment after an entity set's path.
pub trait Key {
    /// Appends the key's literal form without parentheses (`'abc'`, `a=1,b='x'`), not encoded.
    fn write_key(&self, out: &mut String);

    /// The percent-encoded segment: `('abc')`, `(1)`, `(a=1,b='x')`.
    fn to_segment(&self) -> String {
        segment(|out| self.write_key(out))
    }
}

impl<T: Literal + ?Sized> Key for T {
    fn write_key(&self, out: &mut String) {
        self.write_literal(out);
    }
}

/// An entity set of the service: `users`, with entities of type `T`.
pub struct EntitySet<T> {
    name: &'static str,
    entity: PhantomData<fn() -> T>,
}

impl<T> EntitySet<T> {
    /// The entity set with this name.
    pub const fn new(name: &'static str) -> EntitySet<T> {
        EntitySet { name, entity: PhantomData }
    }

    /// Its name, which is also its path relative to the service root.
    pub const fn path(&self) -> &'static str {
        self.name
    }
}

impl<T: EntityType> EntitySet<T> {
    /// The path of the entity with `key`: `users('abc')`.
    pub fn entity(&self, key: &T::Key) -> String {
        format!("{}{}", self.name, key.to_segment())
    }
}

/// A singleton of the service: `me`, of type `T`.
pub struct Singleton<T> {
    name: &'static str,
    entity: PhantomData<fn() -> T>,
}

impl<T> Singleton<T> {
    /// The singleton with this name.
    pub const fn new(name: &'static str) -> Singleton<T> {
        Singleton { name, entity: PhantomData }
    }

    /// Its name, which is also its path relative to the service root.
    pub const fn path(&self) -> &'static str {
        self.name
    }
}

/// `Clone`, `Copy`, `Debug` and `Display` for the named, typed paths (`EntitySet<T>`, `Singleton<T>`, the
/// operation imports): each is its `name` and a marker, whatever `T` is.
macro_rules! named_impls {
    ($($kind:ident),*) => {$(
        impl<T> Clone for $kind<T> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<T> Copy for $kind<T> {}
        impl<T> ::core::fmt::Debug for $kind<T> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "{}({:?})", stringify!($kind), self.name)
            }
        }
        impl<T> ::core::fmt::Display for $kind<T> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.name)
            }
        }
    )*};
}

pub(crate) use named_impls;

named_impls!(EntitySet, Singleton);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::literal::NamedList;

    struct Pair {
        a: i32,
        b: String,
    }

    impl Key for Pair {
        fn write_key(&self, out: &mut String) {
            let mut list = NamedList::new();
            list.push("a", |o| self.a.write_literal(o)).push("b", |o| self.b.write_literal(o));
            out.push_str(list.as_str());
        }
    }

    struct Row;
    impl EntityType for Row {
        type Key = Pair;
        const KEY_PROPERTIES: &'static [&'static str] = &["a", "b"];
        fn key(&self) -> Option<Pair> {
            None
        }
    }

    #[test]
    fn composite_and_simple_keys() {
        const ROWS: EntitySet<Row> = EntitySet::new("rows");
        assert_eq!(ROWS.entity(&Pair { a: 1, b: "x'y z".into() }), "rows(a=1,b='x''y%20z')");
        assert_eq!("abc".to_segment(), "('abc')");
        assert_eq!(ROWS.to_string(), "rows");
        assert_eq!(format!("{:?}", Singleton::<Row>::new("me")), "Singleton(\"me\")");
    }
}
