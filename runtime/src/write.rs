//! Write models: the bodies of create (`POST`) and update (`PATCH`) requests.
//!
//! For every entity and complex type the generator emits a `...Update` struct next to the read model.
//! It has only the properties a client may send (no computed or read-only properties, no key in
//! updates); each nullable property is an [`Update`] (left out, explicit `null`, or a value), each
//! non-nullable one an `Option` (left out or a value); navigation properties are
//! [`ODataBind`] references written as `name@odata.bind`. Only what was set is written.
//!
//! A write model is defined by [`write_model!`](crate::write_model!): a [`Record`] whose member table
//! names the bindings `name@odata.bind`, written and never read. Wrap a value in [`Typed`] to write its
//! `@odata.type` first (needed when the target collection is declared with a base type).
//!
//! ```
//! use odata_runtime::{ODataBind, Typed, Update};
//!
//! odata_runtime::write_model! {
//!     /// The write model of `demo.connector`.
//!     pub struct ConnectorUpdate = "#demo.connector" {
//!         display_name: Update<String> = "displayName",
//!         source_system: Option<ODataBind> = "sourceSystem@odata.bind",
//!     }
//! }
//!
//! let clear = ConnectorUpdate { display_name: Update::Null, ..Default::default() };
//! assert_eq!(serde_json::to_string(&clear)?, r#"{"displayName":null}"#);
//!
//! let bind = ConnectorUpdate { source_system: Some(ODataBind::url("sourceSystems('1')")), ..Default::default() };
//! assert_eq!(
//!     serde_json::to_string(&Typed(bind))?,
//!     r##"{"@odata.type":"#demo.connector","sourceSystem@odata.bind":"sourceSystems('1')"}"##
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::Serialize;
use serde::ser::Serializer;

use crate::record::{Record, RecordRef};
#[cfg(doc)]
use crate::{ODataBind, Update};

/// A write model written with its `@odata.type`, e.g. a derived entity posted to a collection of its
/// base type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Typed<W>(pub W);

impl<W: Record> Serialize for Typed<W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::ser::RecordJson(RecordRef::new(&self.0), true).serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ODataBind, Update};

    crate::write_model! {
        /// A test write model.
        pub struct Sizes = "#t.sizes" {
            size: Update<i64> = "size",
            count: Option<i32> = "count",
            members: Option<ODataBind> = "members@odata.bind",
        }
    }

    #[test]
    fn only_set_members_are_written() {
        assert_eq!(crate::raw::check::<Sizes>(), Vec::<String>::new());
        assert_eq!(serde_json::to_string(&Sizes::default()).ok().as_deref(), Some("{}"));
        let sizes = Sizes { size: Update::Value(5), count: Some(2), ..Sizes::default() };
        assert_eq!(serde_json::to_string(&sizes).ok().as_deref(), Some(r#"{"size":5,"count":2}"#));
        let cleared = Sizes { size: Update::Null, ..Sizes::default() };
        assert_eq!(serde_json::to_string(&cleared).ok().as_deref(), Some(r#"{"size":null}"#));
    }

    #[test]
    fn typed_writes_the_type_first() {
        let typed = Typed(Sizes { count: Some(1), ..Sizes::default() });
        assert_eq!(serde_json::to_string(&typed).ok().as_deref(), Some(r##"{"@odata.type":"#t.sizes","count":1}"##));
    }

    #[test]
    fn bindings_write_the_annotation() {
        let sizes = Sizes { members: Some(ODataBind::many(["a('1')", "a('2')"])), ..Sizes::default() };
        assert_eq!(
            serde_json::to_string(&sizes).ok().as_deref(),
            Some(r#"{"members@odata.bind":["a('1')","a('2')"]}"#)
        );
    }
}
