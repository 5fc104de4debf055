//! [`Page`]: one response of a collection request.
//!
//! ```
//! use odata_runtime::Page;
//!
//! let page: Page<serde_json::Value> = serde_json::from_str(r#"{
//!     "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
//!     "@odata.count": "1204",
//!     "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X",
//!     "value": [{"id": "1"}, {"id": "2"}]
//! }"#).unwrap();
//! assert_eq!(page.count, Some(1204));
//! assert_eq!(page.value.len(), 2);
//! assert_eq!(page.next_link(), Some("https://graph.microsoft.com/v1.0/users?$skiptoken=X"));
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use serde_json::Value;

use crate::AdditionalData;
use crate::edm::int64;
use crate::kept::Kept;

const CONTEXT: &str = "@odata.context";
const COUNT: &str = "@odata.count";
const NEXT_LINK: &str = "@odata.nextLink";
const DELTA_LINK: &str = "@odata.deltaLink";
const VALUE: &str = "value";

/// One page of a collection: the items plus paging links and annotations.
///
/// A missing `value` reads as an empty list; other keys land in `additional`.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// `@odata.context`: the metadata URL describing the payload.
    pub context: Option<String>,
    /// `@odata.count`: the total number of items when `$count=true` was requested.
    pub count: Option<i64>,
    /// `@odata.nextLink`: the URL of the next page; absent on the last page.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: the URL for the next delta query, on the last page of a delta round.
    pub delta_link: Option<String>,
    /// The items of this page.
    pub value: Vec<T>,
    /// Every other property and annotation, in input order.
    pub additional: AdditionalData,
}

impl<T> Page<T> {
    /// The URL of the next page, if there is one.
    pub fn next_link(&self) -> Option<&str> {
        self.next_link.as_deref()
    }

    /// The delta link, if this is the last page of a delta query.
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }

    /// Whether no next page follows.
    pub fn is_last(&self) -> bool {
        self.next_link.is_none()
    }
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Self {
            context: None,
            count: None,
            next_link: None,
            delta_link: None,
            value: Vec::new(),
            additional: AdditionalData::new(),
        }
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.value.into_iter()
    }
}

impl<T: Serialize> Serialize for Page<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(context) = &self.context {
            map.serialize_entry(CONTEXT, context)?;
        }
        match self.additional.kept(COUNT_INDEX) {
            Some(kept) if kept.fits(&self.count) => map.serialize_entry(COUNT, &kept.original)?,
            _ => {
                if let Some(count) = &self.count {
                    map.serialize_entry(COUNT, count)?;
                }
            }
        }
        if let Some(link) = &self.next_link {
            map.serialize_entry(NEXT_LINK, link)?;
        }
        if let Some(link) = &self.delta_link {
            map.serialize_entry(DELTA_LINK, link)?;
        }
        map.serialize_entry(VALUE, &self.value)?;
        self.additional.serialize_entries(&mut map)?;
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}

struct PageVisitor<T>(PhantomData<T>);

/// Where a page keeps the form `@odata.count` was read in (its additional data holds no fields).
const COUNT_INDEX: u32 = 0;

/// The `value` array (or `null`, read as empty): each item read knowing its index, so that an error
/// names `value[i]`.
struct Items<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Items<T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of items")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        loop {
            crate::de::page_item(Some(items.len()));
            let item = seq.next_element::<T>();
            crate::de::page_item(None);
            match item? {
                Some(item) => items.push(item),
                None => return Ok(items),
            }
        }
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for PageVisitor<T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an OData collection response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let mut page = Page::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                VALUE => page.value = map.next_value_seed(Items(PhantomData))?,
                CONTEXT => page.context = map.next_value()?,
                COUNT => {
                    // A count sent as a string is written back as one.
                    let count: Value = map.next_value()?;
                    page.count = int64::option::deserialize(&count).map_err(de::Error::custom)?;
                    if count.is_string() {
                        let canonical = crate::ser::to_value(crate::Data::write(&page.count));
                        page.additional.keep(COUNT_INDEX, Kept { original: count, canonical });
                    }
                }
                NEXT_LINK => page.next_link = map.next_value()?,
                DELTA_LINK => page.delta_link = map.next_value()?,
                _ => page.additional.insert_from_map(key, &mut map)?,
            }
        }
        Ok(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_links_and_count_as_string() {
        let input = json!({
            "@odata.context": "ctx",
            "@odata.count": "3",
            "@odata.nextLink": "https://x/next",
            "value": [1, 2],
            "@odata.deltaLink": "https://x/delta",
            "@odata.etag": "W/\"1\"",
        });
        let page: Page<i32> = serde_json::from_value(input).unwrap();
        assert_eq!(page.value, [1, 2]);
        assert_eq!(page.count, Some(3));
        assert_eq!(page.next_link(), Some("https://x/next"));
        assert_eq!(page.delta_link(), Some("https://x/delta"));
        assert_eq!(page.context.as_deref(), Some("ctx"));
        assert_eq!(page.additional.etag(), Some("W/\"1\""));
        assert!(!page.is_last());
    }

    #[test]
    fn round_trip_is_semantically_equal() {
        let input = json!({
            "@odata.context": "ctx",
            "@odata.count": 2,
            "value": [{"id": "a"}, {"id": "b"}],
            "extra": {"nested": true},
        });
        let page: Page<serde_json::Value> = serde_json::from_value(input.clone()).unwrap();
        assert!(page.is_last());
        assert_eq!(serde_json::to_value(&page).unwrap(), input);
        let input = json!({"@odata.count": "2", "value": []});
        let page: Page<serde_json::Value> = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(serde_json::to_value(&page).unwrap(), input, "a count sent as a string stays one");
    }

    #[test]
    fn tolerates_missing_or_null_value() {
        let page: Page<i32> = serde_json::from_str("{}").unwrap();
        assert!(page.value.is_empty());
        let page: Page<i32> = serde_json::from_str(r#"{"value": null, "@odata.count": null}"#).unwrap();
        assert!(page.value.is_empty());
        assert_eq!(page.count, None);
        assert_eq!(page.into_iter().count(), 0);
    }

    #[test]
    fn bad_items_are_errors() {
        assert!(serde_json::from_str::<Page<i32>>(r#"{"value": ["x"]}"#).is_err());
        assert!(serde_json::from_str::<Page<i32>>(r#"{"@odata.count": "many"}"#).is_err());
        assert!(serde_json::from_str::<Page<i32>>("[]").is_err());
    }
}
