//! Deep insert: a create body with related entities inline, created with it in one request.
//!
//! The generated write models bind navigation properties to existing entities (`name@odata.bind`).
//! [`Deep`] adds new related entities instead: `POST Orders` with its `items` inside. The body and
//! the related entities are any serializable values (write models, or other [`Deep`] bodies for
//! deeper levels); the navigation is named by its typed member, which decides whether it takes one
//! entity or a list.
//!
//! ```
//! # odata_runtime::record! {
//! #     /// An order.
//! #     pub struct Order = "#shop.Order" { id: Option<i32> = "ID" as ID, items: Option<Vec<Item>> = "items" as ITEMS, }
//! #     lookup = [0, 1];
//! # }
//! # odata_runtime::record! {
//! #     /// An item.
//! #     pub struct Item = "#shop.Item" { pos: Option<i32> = "pos" as POS, }
//! #     lookup = [0];
//! # }
//! # impl odata_runtime::EntityType for Order {
//! #     type Key = i32;
//! #     const KEY_PROPERTIES: &'static [&'static str] = &["ID"];
//! #     fn key(&self) -> Option<i32> { self.id }
//! # }
//! # impl odata_runtime::EntityType for Item {
//! #     type Key = i32;
//! #     const KEY_PROPERTIES: &'static [&'static str] = &["pos"];
//! #     fn key(&self) -> Option<i32> { self.pos }
//! # }
//! use odata_client::Deep;
//! use serde_json::json;
//!
//! let body = Deep::new(&json!({"ID": 7, "note": "rush"}))?
//!     .many(Order::ITEMS, &[json!({"pos": 1}), json!({"pos": 2})])?;
//! assert_eq!(serde_json::to_string(&body)?, r#"{"ID":7,"note":"rush","items":[{"pos":1},{"pos":2}]}"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use odata_runtime::member::{Many, Member, Navigation, One};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::error::{Error, Result};

/// A create body (a JSON object) with related entities added inline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deep {
    /// The object's JSON text, as serde_json wrote it (members in order).
    object: String,
}

impl Deep {
    /// The body `entity`, which must serialize to a JSON object.
    pub fn new<W: Serialize + ?Sized>(entity: &W) -> Result<Deep> {
        let object = serde_json::to_string(entity).map_err(Error::Encode)?;
        if !(object.starts_with('{') && object.ends_with('}')) {
            return Err(Error::InvalidRequest(format!("a deep insert body must be a JSON object, not {object}")));
        }
        Ok(Deep { object })
    }

    /// Adds new entities to create with this one under a collection-valued navigation property.
    pub fn many<Owner, V, Item, W>(self, member: Member<Owner, V>, entities: &[W]) -> Result<Deep>
    where
        V: Navigation<Target = Many<Item>>,
        W: Serialize,
    {
        let value = serde_json::to_string(entities).map_err(Error::Encode)?;
        Ok(self.with(member.name(), &value))
    }

    /// Adds a new entity to create with this one under a single-valued navigation property.
    pub fn one<Owner, V, Item, W>(self, member: Member<Owner, V>, entity: &W) -> Result<Deep>
    where
        V: Navigation<Target = One<Item>>,
        W: Serialize + ?Sized,
    {
        let value = serde_json::to_string(entity).map_err(Error::Encode)?;
        Ok(self.with(member.name(), &value))
    }

    fn with(mut self, name: &str, value: &str) -> Deep {
        // `object` ends with `}` (checked in `new`); members go before it.
        self.object.pop();
        if self.object.len() > 1 {
            self.object.push(',');
        }
        // A JSON string of the name: serde_json escapes what needs it.
        self.object.push_str(&serde_json::Value::from(name).to_string());
        self.object.push(':');
        self.object.push_str(value);
        self.object.push('}');
        self
    }
}

impl Serialize for Deep {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        // The text is JSON that serde_json wrote: written as it is, numbers keep their digits.
        let raw = RawValue::from_string(self.object.clone()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Order;
    struct Item;
    struct Customer;
    impl odata_runtime::EntityType for Item {
        type Key = i32;
        const KEY_PROPERTIES: &'static [&'static str] = &["pos"];
        fn key(&self) -> Option<i32> {
            None
        }
    }
    impl odata_runtime::EntityType for Customer {
        type Key = i32;
        const KEY_PROPERTIES: &'static [&'static str] = &["ID"];
        fn key(&self) -> Option<i32> {
            None
        }
    }
    const ITEMS: Member<Order, Option<Vec<Item>>> = Member::new("items");
    const CUSTOMER: Member<Order, Option<Customer>> = Member::new("customer");

    #[test]
    fn nests_entities_and_keeps_numbers_as_written() -> Result<()> {
        let body = Deep::new(&serde_json::json!({}))?
            .one(CUSTOMER, &serde_json::json!({"ID": 1}))?
            .many(ITEMS, &[Deep::new(&serde_json::json!({"pos": 1}))?])?;
        assert_eq!(
            serde_json::to_string(&body).map_err(Error::Encode)?,
            r#"{"customer":{"ID":1},"items":[{"pos":1}]}"#
        );
        // A decimal written by a model's codec as a long number reaches the body digit for digit.
        let item = RawValue::from_string(r#"{"price":12345678901234567890.125}"#.to_owned()).map_err(Error::Encode)?;
        let body = Deep::new(&serde_json::json!({"p": 1}))?.many(ITEMS, &[item])?;
        assert_eq!(
            serde_json::to_string(&body).map_err(Error::Encode)?,
            r#"{"p":1,"items":[{"price":12345678901234567890.125}]}"#
        );
        Ok(())
    }

    #[test]
    fn refuses_a_body_that_is_not_an_object() {
        assert!(Deep::new(&[1, 2]).is_err());
        assert!(Deep::new("text").is_err());
    }
}
