//! [`StreamDescriptor`]: an `Edm.Stream` property or the stream of a media entity.
//!
//! A stream is not inline data. OData JSON describes it with annotations next to the other members:
//! `photo@odata.mediaReadLink`, `photo@odata.mediaEditLink`, `photo@odata.mediaContentType` and
//! `photo@odata.mediaEtag` for the stream property `photo`, and the same without the property name
//! (`@odata.mediaReadLink`, ...) for the stream of a media entity (`HasStream="true"`). A generated
//! struct reads those annotations into one descriptor field and writes them back the same way
//! (with the `odata.` prefix, also when they were read without it, as OData 4.01 allows).
//!
//! ```
//! odata_runtime::record! {
//!     /// A media entity with a stream property.
//!     pub struct Customer = "#demo.customer" {
//!         media: Option<odata_runtime::StreamDescriptor> = "",
//!         id: Option<i32> = "id",
//!         photo: Option<odata_runtime::StreamDescriptor> = "photo",
//!     }
//!     lookup = [0, 1, 2];
//! }
//!
//! let json = r#"{"@odata.mediaReadLink":"Customers(1)/$value","id":1,"photo@odata.mediaReadLink":"Customers(1)/photo","photo@odata.mediaContentType":"image/png"}"#;
//! let customer: Customer = serde_json::from_str(json)?;
//! let photo = customer.photo.as_ref();
//! assert_eq!(photo.and_then(|p| p.content_type.as_deref()), Some("image/png"));
//! assert_eq!(customer.media.as_ref().and_then(|m| m.read_link.as_deref()), Some("Customers(1)/$value"));
//! assert_eq!(serde_json::to_string(&customer)?, json);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use serde::ser::SerializeMap;
use serde_json::Value;

use crate::data::ReadMap;
use crate::data::{Data, Out, ReadError, ReadSeq, Scalar};

/// The media annotations of a stream: where to read and write its content, its type and its ETag.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StreamDescriptor {
    /// `odata.mediaReadLink`: the URL to read the content from.
    pub read_link: Option<String>,
    /// `odata.mediaEditLink`: the URL to change the content at.
    pub edit_link: Option<String>,
    /// `odata.mediaContentType`: the content's media type.
    pub content_type: Option<String>,
    /// `odata.mediaEtag`: the content's ETag, for conditional requests.
    pub etag: Option<String>,
    /// The content itself, when the service sends it inline (OData 4.01, `$expand` of a stream
    /// property): JSON for a JSON stream, otherwise a base64url string.
    pub value: Option<Value>,
}

/// The annotation terms, as written.
const TERMS: [&str; 4] = ["odata.mediaReadLink", "odata.mediaEditLink", "odata.mediaContentType", "odata.mediaEtag"];

impl StreamDescriptor {
    /// The annotations that are set, each with its term (`odata.mediaReadLink`, ...).
    pub fn annotations(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let values = [&self.read_link, &self.edit_link, &self.content_type, &self.etag];
        TERMS.into_iter().zip(values).filter_map(|(term, value)| Some((term, value.as_deref()?)))
    }

    /// Writes the annotations of the stream member `name` (`""` for a media entity's stream), then
    /// its inline content if any.
    pub fn serialize_members<M: SerializeMap>(&self, name: &str, map: &mut M) -> Result<(), M::Error> {
        for (term, value) in self.annotations() {
            map.serialize_entry(&format!("{name}@{term}"), value)?;
        }
        match &self.value {
            Some(value) if !name.is_empty() => map.serialize_entry(name, value),
            _ => Ok(()),
        }
    }

    /// The inline content, to read into.
    fn content(&mut self) -> &mut Value {
        self.value.get_or_insert(Value::Null)
    }
}

impl Data for StreamDescriptor {
    fn empty() -> Self {
        StreamDescriptor::default()
    }

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stream content (a stream is usually described by `@odata.media...` annotations)")
    }

    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        self.content().read_scalar(value)
    }

    fn read_seq(&mut self) -> Result<&mut dyn ReadSeq, ReadError> {
        self.content().read_seq()
    }

    fn read_map(&mut self, odata_type: Option<&str>) -> Result<&mut dyn ReadMap, ReadError> {
        self.content().read_map(odata_type)
    }

    fn annotation(&mut self, term: &str) -> Option<&mut dyn Data> {
        let place = match term.strip_prefix("odata.").unwrap_or(term) {
            "mediaReadLink" => &mut self.read_link,
            "mediaEditLink" => &mut self.edit_link,
            "mediaContentType" => &mut self.content_type,
            "mediaEtag" => &mut self.etag,
            _ => return None,
        };
        Some(place)
    }

    fn write(&self) -> Out<'_> {
        Out::Stream(self)
    }
}

/// Written as an object of its annotations (`{"@odata.mediaReadLink": ...}`), or as its inline
/// content when it has only that; in a generated struct, as annotations of its member instead.
impl serde::Serialize for StreamDescriptor {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::ser::serialize(self, serializer)
    }
}

/// Read as inline content (what a value that is not a member of a generated struct can be).
impl<'de> serde::Deserialize<'de> for StreamDescriptor {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::de::deserialize(deserializer)
    }
}
