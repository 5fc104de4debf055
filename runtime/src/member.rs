//! Typed member names: a constant per property of every generated read model.
//!
//! `record!` gives each generated type one associated constant per property, named in
//! `SCREAMING_SNAKE_CASE` after its field: `Orders::TOTAL` is a [`Member<Orders, Option<Decimal>>`]
//! whose [`name`](Member::name) is the JSON name (`"total"`). A client builds query options and
//! paths from them, so that a misspelt or removed property fails to compile, and comparisons take
//! values of the property's type.
//!
//! ```
//! # use odata_runtime::{EntityType, member::Member};
//! odata_runtime::record! {
//!     /// An order.
//!     pub struct Order = "#shop.Order" {
//!         id: Option<i32> = "ID" as ID,
//!         total: Option<f64> = "total" as TOTAL,
//!     }
//!     lookup = [0, 1];
//! }
//!
//! let total: Member<Order, Option<f64>> = Order::TOTAL;
//! assert_eq!(total.name(), "total");
//! assert_eq!(Order::ID.to_string(), "ID");
//! ```

use std::fmt;
use std::marker::PhantomData;

use crate::EntityType;

/// A property of `Owner` whose field has type `Value`: its JSON name, typed.
pub struct Member<Owner, Value> {
    name: &'static str,
    marker: PhantomData<fn() -> (Owner, Value)>,
}

impl<Owner, Value> Member<Owner, Value> {
    /// The member with JSON name `name` (what generated constants call).
    pub const fn new(name: &'static str) -> Self {
        Member { name, marker: PhantomData }
    }

    /// The JSON name: what `$select`, `$filter` and paths use.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

impl<Owner, Value> Clone for Member<Owner, Value> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Owner, Value> Copy for Member<Owner, Value> {}

impl<Owner, Value> fmt::Debug for Member<Owner, Value> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Member({:?})", self.name)
    }
}

impl<Owner, Value> fmt::Display for Member<Owner, Value> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl<Owner, Value> AsRef<str> for Member<Owner, Value> {
    fn as_ref(&self) -> &str {
        self.name
    }
}

/// A value that is an entity: a generated entity type, or the `Any...` enum of one with derived types.
pub trait EntityValue {}

impl<T: EntityType> EntityValue for T {}

/// The field type of a navigation property: [`One`] entity or [`Many`].
pub trait Navigation {
    /// [`One<T>`] or [`Many<T>`].
    type Target;
}

/// A single-valued navigation to a `T`.
pub struct One<T>(PhantomData<fn() -> T>);

/// A collection-valued navigation to `T`s.
pub struct Many<T>(PhantomData<fn() -> T>);

impl<T: EntityValue> Navigation for Option<T> {
    type Target = One<T>;
}

impl<T: EntityValue> Navigation for Option<Vec<T>> {
    type Target = Many<T>;
}
