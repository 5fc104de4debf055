//! Write models: the bodies of create (`POST`) and update (`PATCH`) requests.
//!
//! For every entity and complex type the generator emits a `...Update` struct next to the read model.
//! It has only the properties a client may send (no computed or read-only properties, no key in
//! updates); each nullable property is an [`Update`] (left out, explicit `null`, or a value), each
//! non-nullable one an `Option` (left out or a value); navigation properties are
//! [`ODataBind`] references written as `name@odata.bind`. Only what was set is written.
//!
//! A write model is a [`Record`] whose member table names the bindings `name@odata.bind`; its
//! `Serialize` comes from [`write_model!`](crate::write_model!) (or, for a hand-written
//! [`Record`] impl as below, [`impl_write_model!`](crate::impl_write_model!)). Wrap a value in [`Typed`] to write its
//! `@odata.type` first (needed when the target collection is declared with a base type).
//!
//! ```
//! use odata_runtime::data::Data;
//! use odata_runtime::record::{Record, RecordType};
//! use odata_runtime::{AdditionalData, ODataBind, Typed, Update};
//!
//! #[derive(Default)]
//! pub struct ConnectorUpdate {
//!     pub display_name: Update<String>,
//!     pub source_system: Option<ODataBind>,
//!     pub additional: AdditionalData,
//! }
//!
//! impl Record for ConnectorUpdate {
//!     fn record_type(&self) -> &'static RecordType {
//!         &RecordType {
//!             odata_type: "#demo.connector",
//!             members: &["displayName", "sourceSystem@odata.bind"],
//!             lookup: &[],
//!         }
//!     }
//!     fn field(&self, index: usize) -> Option<&dyn Data> {
//!         Some(match index { 0 => &self.display_name, 1 => &self.source_system, _ => return None })
//!     }
//!     fn additional(&self) -> &AdditionalData { &self.additional }
//!     fn additional_mut(&mut self) -> &mut AdditionalData { &mut self.additional }
//! }
//! odata_runtime::impl_write_model!(ConnectorUpdate);
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

use crate::record::Record;
#[cfg(doc)]
use crate::{ODataBind, Update};

/// A write model written with its `@odata.type`, e.g. a derived entity posted to a collection of its
/// base type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Typed<W>(pub W);

impl<W: Record> Serialize for Typed<W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::ser::serialize_typed(&self.0, serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Data;
    use crate::record::RecordType;
    use crate::{AdditionalData, ODataBind, Update};

    #[derive(Default)]
    struct Sizes {
        size: Update<i64>,
        count: Option<i32>,
        members: Option<ODataBind>,
        additional: AdditionalData,
    }

    impl Record for Sizes {
        fn record_type(&self) -> &'static RecordType {
            &RecordType { odata_type: "#t.sizes", members: &["size", "count", "members@odata.bind"], lookup: &[] }
        }
        fn field(&self, index: usize) -> Option<&dyn Data> {
            Some(match index {
                0 => &self.size,
                1 => &self.count,
                2 => &self.members,
                _ => return None,
            })
        }
        fn additional(&self) -> &AdditionalData {
            &self.additional
        }
        fn additional_mut(&mut self) -> &mut AdditionalData {
            &mut self.additional
        }
    }
    crate::impl_write_model!(Sizes);

    #[test]
    fn only_set_members_are_written() {
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
