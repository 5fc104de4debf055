//! [`ODataBind`]: the value of a `nav@odata.bind` annotation in a write.
//!
//! Binding links an entity being created or updated to existing entities by URL instead of
//! embedding them: `"sourceSystem@odata.bind": "https://.../sourceSystems('id')"` for a
//! single-valued navigation property, an array of URLs for a collection. URLs may be absolute
//! or relative to the service root.

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::literal::Literal;

/// One entity URL, or a list of them, for a `nav@odata.bind` annotation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ODataBind {
    /// A single-valued navigation property: written as a string.
    One(String),
    /// A collection-valued navigation property: written as an array of strings.
    Many(Vec<String>),
}

impl ODataBind {
    /// Binds to the entity at `url` (absolute, or relative to the service root).
    pub fn url(url: impl Into<String>) -> Self {
        Self::One(url.into())
    }

    /// Binds to the entity with string key `key` in the collection at `collection_url`, in the
    /// canonical form `collection('key')` (see [`entity_url`]).
    pub fn entity(collection_url: &str, key: &str) -> Self {
        Self::One(entity_url(collection_url, key))
    }

    /// Binds a collection-valued navigation property to every URL in `urls`.
    pub fn many<I, U>(urls: I) -> Self
    where
        I: IntoIterator<Item = U>,
        U: Into<String>,
    {
        Self::Many(urls.into_iter().map(Into::into).collect())
    }

    /// Adds a URL; a single binding becomes a collection of two.
    pub fn push(&mut self, url: impl Into<String>) {
        let url = url.into();
        match self {
            Self::Many(urls) => urls.push(url),
            Self::One(first) => {
                let first = std::mem::take(first);
                *self = Self::Many(vec![first, url]);
            }
        }
    }

    /// The bound URLs, one for a single binding.
    pub fn urls(&self) -> &[String] {
        match self {
            Self::One(url) => std::slice::from_ref(url),
            Self::Many(urls) => urls,
        }
    }
}

/// The canonical URL of the entity with string key `key` in the collection at `collection_url`:
/// `collection_url('key')`, with `'` doubled and characters that cannot appear in a URL path
/// segment percent-encoded.
///
/// ```
/// # use odata_runtime::bind::entity_url;
/// assert_eq!(
///     entity_url("https://graph.microsoft.com/beta/external/industryData/sourceSystems/", "a b'c"),
///     "https://graph.microsoft.com/beta/external/industryData/sourceSystems('a%20b''c')"
/// );
/// ```
pub fn entity_url(collection_url: &str, key: &str) -> String {
    let base = collection_url.trim_end_matches('/');
    format!("{base}{}", crate::literal::segment(|out| key.write_literal(out)))
}

impl From<String> for ODataBind {
    fn from(url: String) -> Self {
        Self::One(url)
    }
}

impl From<&str> for ODataBind {
    fn from(url: &str) -> Self {
        Self::One(url.to_owned())
    }
}

impl From<Vec<String>> for ODataBind {
    fn from(urls: Vec<String>) -> Self {
        Self::Many(urls)
    }
}

impl Serialize for ODataBind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::One(url) => serializer.serialize_str(url),
            Self::Many(urls) => {
                let mut seq = serializer.serialize_seq(Some(urls.len()))?;
                for url in urls {
                    seq.serialize_element(url)?;
                }
                seq.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for ODataBind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BindVisitor;

        impl<'de> Visitor<'de> for BindVisitor {
            type Value = ODataBind;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an entity URL or an array of entity URLs")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<ODataBind, E> {
                Ok(ODataBind::One(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<ODataBind, E> {
                Ok(ODataBind::One(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ODataBind, A::Error> {
                let mut urls = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(256));
                while let Some(url) = seq.next_element::<String>()? {
                    urls.push(url);
                }
                Ok(ODataBind::Many(urls))
            }
        }

        deserializer.deserialize_any(BindVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_and_many_serialize() {
        let one = ODataBind::entity(
            "https://graph.microsoft.com/beta/external/industryData/sourceSystems",
            "c93a6e02-aeb7-437f-cc52-08dc3fc158af",
        );
        assert_eq!(
            serde_json::to_string(&one).unwrap(),
            r#""https://graph.microsoft.com/beta/external/industryData/sourceSystems('c93a6e02-aeb7-437f-cc52-08dc3fc158af')""#
        );
        let many = ODataBind::many(["users/1", "users/2"]);
        assert_eq!(serde_json::to_string(&many).unwrap(), r#"["users/1","users/2"]"#);
    }

    #[test]
    fn deserialize_both_forms() {
        let one: ODataBind = serde_json::from_str(r#""groups/1""#).unwrap();
        assert_eq!(one, ODataBind::url("groups/1"));
        let many: ODataBind = serde_json::from_str(r#"["a","b"]"#).unwrap();
        assert_eq!(many.urls(), ["a", "b"]);
        assert!(serde_json::from_str::<ODataBind>("1").is_err());
        assert!(serde_json::from_str::<ODataBind>("[1]").is_err());
    }

    #[test]
    fn push_turns_one_into_many() {
        let mut b = ODataBind::from("x");
        b.push("y");
        assert_eq!(b, ODataBind::Many(vec!["x".into(), "y".into()]));
        b.push("z");
        assert_eq!(b.urls().len(), 3);
    }

    #[test]
    fn key_escaping() {
        assert_eq!(entity_url("s", "it's"), "s('it''s')");
        assert_eq!(entity_url("s/", "a/b?c#d%+"), "s('a%2Fb%3Fc%23d%25%2B')");
        assert_eq!(entity_url("s", "é"), "s('%C3%A9')");
        assert_eq!(entity_url("s", ""), "s('')");
    }
}
