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

/// A value that is an entity: a generated entity type, the `Any...` enum of one with derived types,
/// or the `Box` of one that a recursive navigation holds (the generator implements the last two).
pub trait EntityValue {
    /// The entity type requests read: `T` itself, or `T` of `Box<T>`.
    type Entity;
}

impl<T: EntityType> EntityValue for T {
    type Entity = T;
}

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
    type Target = One<T::Entity>;
}

impl<T: EntityValue> Navigation for Option<Vec<T>> {
    type Target = Many<T::Entity>;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ticket, with a recursive navigation (boxed) and one to a polymorphic type.
    struct Ticket {
        id: Option<i32>,
    }

    impl Ticket {
        const ID: Member<Ticket, Option<i32>> = Member::new("id");
        const PARENT: Member<Ticket, Option<Box<Ticket>>> = Member::new("parent");
        const OWNER: Member<Ticket, Option<AnyParty>> = Member::new("owner");
        const WATCHERS: Member<Ticket, Option<Vec<AnyParty>>> = Member::new("watchers");
        const CHILDREN: Member<Ticket, Option<Vec<Ticket>>> = Member::new("children");
    }

    impl EntityType for Ticket {
        type Key = i32;
        const KEY_PROPERTIES: &'static [&'static str] = &["id"];
        fn key(&self) -> Option<i32> {
            self.id
        }
    }

    // What the generator writes for a boxed entity type and for an `Any...` enum of entity types.
    impl EntityValue for Box<Ticket> {
        type Entity = Ticket;
    }
    struct AnyParty;
    impl EntityValue for AnyParty {
        type Entity = Self;
    }

    fn target<O, V: Navigation>(_: Member<O, V>) -> PhantomData<V::Target> {
        PhantomData
    }

    #[test]
    fn navigations_lead_to_one_or_many_entities_through_boxes_and_any_enums() {
        let _: PhantomData<One<Ticket>> = target(Ticket::PARENT);
        let _: PhantomData<One<AnyParty>> = target(Ticket::OWNER);
        let _: PhantomData<Many<AnyParty>> = target(Ticket::WATCHERS);
        let _: PhantomData<Many<Ticket>> = target(Ticket::CHILDREN);
        assert_eq!([Ticket::PARENT.name(), Ticket::CHILDREN.name()], ["parent", "children"]);
        assert_eq!(format!("{:?}", Ticket::ID), "Member(\"id\")");
    }
}
