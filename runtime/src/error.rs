//! [`ODataError`]: the body of an OData error response.
//!
//! ```
//! use odata_runtime::ODataError;
//!
//! let err: ODataError = serde_json::from_str(r#"{"error": {
//!     "code": "Request_ResourceNotFound",
//!     "message": "Resource 'x' does not exist.",
//!     "innerError": {"date": "2024-01-01T00:00:00", "request-id": "r1", "client-request-id": "c1"}
//! }}"#).unwrap();
//! assert_eq!(err.to_string(), "Request_ResourceNotFound: Resource 'x' does not exist.");
//! assert_eq!(err.inner_error.and_then(|i| i.request_id).as_deref(), Some("r1"));
//! ```

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::AdditionalData;

/// An OData error: `{"error": {"code", "message", "target", "details", "innerError"}}`.
///
/// Reading is tolerant: missing `code`/`message` read as empty strings, `innererror` is
/// accepted in any ASCII case, an OData v3 style `message` object (`{"lang", "value"}`) is
/// read through its `value`, and unknown keys of the error object are kept in `additional`.
/// Keys next to `error` in the body are ignored; the body must contain `error`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ODataError {
    /// Service-defined error code, e.g. `Request_ResourceNotFound`.
    pub code: String,
    /// Human-readable description.
    pub message: String,
    /// The target of the error, e.g. the name of the property in error.
    pub target: Option<String>,
    /// Further errors, e.g. one per failed property.
    pub details: Vec<ErrorDetail>,
    /// Service-specific diagnostics; written back as `innerError`.
    pub inner_error: Option<InnerError>,
    /// Other keys and annotations of the error object, in input order.
    pub additional: AdditionalData,
}

/// One entry of an error's `details`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErrorDetail {
    /// Service-defined error code.
    pub code: String,
    /// Human-readable description.
    pub message: String,
    /// The target of the error.
    pub target: Option<String>,
    /// Other keys of the detail object.
    pub additional: AdditionalData,
}

/// The `innerError` object; Microsoft Graph fills in the request ids and date.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InnerError {
    /// `request-id`: quote it when asking Microsoft for support.
    pub request_id: Option<String>,
    /// `client-request-id`: the id the client sent, if any.
    pub client_request_id: Option<String>,
    /// `date`: when the error happened, as written by the service.
    pub date: Option<String>,
    /// Other keys (nested `innerError`, `code`, ...), in input order.
    pub additional: AdditionalData,
}

impl ODataError {
    /// An error with the given code and message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code: code.into(), message: message.into(), ..Self::default() }
    }

    /// The Graph `request-id` of the inner error, if present.
    pub fn request_id(&self) -> Option<&str> {
        self.inner_error.as_ref()?.request_id.as_deref()
    }
}

impl fmt::Display for ODataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.code.is_empty(), self.message.is_empty()) {
            (false, false) => write!(f, "{}: {}", self.code, self.message)?,
            (false, true) => f.write_str(&self.code)?,
            (true, false) => f.write_str(&self.message)?,
            (true, true) => f.write_str("OData error")?,
        }
        if let Some(target) = &self.target {
            write!(f, " (target: {target})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ODataError {}

impl Serialize for ODataError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Object<'a>(&'a ODataError);

        impl Serialize for Object<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let e = self.0;
                let mut map = serializer.serialize_map(None)?;
                map.serialize_entry("code", &e.code)?;
                map.serialize_entry("message", &e.message)?;
                if let Some(target) = &e.target {
                    map.serialize_entry("target", target)?;
                }
                if !e.details.is_empty() {
                    map.serialize_entry("details", &e.details)?;
                }
                if let Some(inner) = &e.inner_error {
                    map.serialize_entry("innerError", inner)?;
                }
                e.additional.serialize_entries(&mut map)?;
                map.end()
            }
        }

        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("error", &Object(self))?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for ODataError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BodyVisitor;

        impl<'de> Visitor<'de> for BodyVisitor {
            type Value = ODataError;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"an OData error body {"error": {...}}"#)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ODataError, A::Error> {
                let mut error = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "error" {
                        error = Some(map.next_value_seed(ObjectSeed)?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                error.ok_or_else(|| de::Error::missing_field("error"))
            }
        }

        deserializer.deserialize_map(BodyVisitor)
    }
}

/// Reads the inner error object (what `"error"` maps to).
struct ObjectSeed;

impl<'de> de::DeserializeSeed<'de> for ObjectSeed {
    type Value = ODataError;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ODataError, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed {
    type Value = ODataError;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an OData error object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ODataError, A::Error> {
        let mut e = ODataError::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "code" => e.code = map.next_value::<Option<String>>()?.unwrap_or_default(),
                "message" => e.message = message_text(map.next_value()?),
                "target" => e.target = map.next_value()?,
                "details" => e.details = map.next_value::<Option<_>>()?.unwrap_or_default(),
                k if k.eq_ignore_ascii_case("innererror") => e.inner_error = map.next_value()?,
                _ => e.additional.insert_from_map(key, &mut map)?,
            }
        }
        Ok(e)
    }
}

/// A message is a string; OData v3 services send `{"lang": "en-US", "value": "..."}`.
fn message_text(value: Value) -> String {
    match value {
        Value::String(s) => s,
        Value::Null => String::new(),
        Value::Object(mut o) => match o.remove("value") {
            Some(Value::String(s)) => s,
            _ => Value::Object(o).to_string(),
        },
        other => other.to_string(),
    }
}

impl Serialize for ErrorDetail {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("message", &self.message)?;
        if let Some(target) = &self.target {
            map.serialize_entry("target", target)?;
        }
        self.additional.serialize_entries(&mut map)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for ErrorDetail {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DetailVisitor;

        impl<'de> Visitor<'de> for DetailVisitor {
            type Value = ErrorDetail;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an OData error detail object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorDetail, A::Error> {
                let mut d = ErrorDetail::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "code" => d.code = map.next_value::<Option<String>>()?.unwrap_or_default(),
                        "message" => d.message = message_text(map.next_value()?),
                        "target" => d.target = map.next_value()?,
                        _ => d.additional.insert_from_map(key, &mut map)?,
                    }
                }
                Ok(d)
            }
        }

        deserializer.deserialize_map(DetailVisitor)
    }
}

impl Serialize for InnerError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(date) = &self.date {
            map.serialize_entry("date", date)?;
        }
        if let Some(id) = &self.request_id {
            map.serialize_entry("request-id", id)?;
        }
        if let Some(id) = &self.client_request_id {
            map.serialize_entry("client-request-id", id)?;
        }
        self.additional.serialize_entries(&mut map)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for InnerError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InnerVisitor;

        impl<'de> Visitor<'de> for InnerVisitor {
            type Value = InnerError;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an inner error object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<InnerError, A::Error> {
                let mut inner = InnerError::default();
                while let Some(key) = map.next_key::<String>()? {
                    // Non-string values go to `additional`, so nothing is lost or rejected.
                    let slot = match key.as_str() {
                        "request-id" => &mut inner.request_id,
                        "client-request-id" => &mut inner.client_request_id,
                        "date" => &mut inner.date,
                        _ => {
                            inner.additional.insert_from_map(key, &mut map)?;
                            continue;
                        }
                    };
                    match map.next_value::<Value>()? {
                        Value::String(s) => *slot = Some(s),
                        other => {
                            inner.additional.insert(key, other);
                        }
                    }
                }
                Ok(inner)
            }
        }

        deserializer.deserialize_map(InnerVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn graph_error_with_inner_error_round_trips() {
        let body = json!({"error": {
            "code": "Request_BadRequest",
            "message": "Invalid value specified for property 'displayName'.",
            "target": "displayName",
            "details": [{"code": "InvalidValue", "message": "too long", "target": "displayName", "x": 1}],
            "innerError": {
                "date": "2024-01-01T00:00:00",
                "request-id": "r-1",
                "client-request-id": "c-1",
                "innerError": {"code": "nested"}
            },
            "@odata.extra": true
        }});
        let err: ODataError = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(err.code, "Request_BadRequest");
        assert_eq!(err.target.as_deref(), Some("displayName"));
        assert_eq!(err.details.len(), 1);
        assert_eq!(err.details[0].additional.get("x"), Some(&json!(1)));
        assert_eq!(err.request_id(), Some("r-1"));
        let inner = err.inner_error.as_ref().unwrap();
        assert_eq!(inner.client_request_id.as_deref(), Some("c-1"));
        assert_eq!(inner.additional.get("innerError"), Some(&json!({"code": "nested"})));
        assert_eq!(err.additional.get("@odata.extra"), Some(&json!(true)));
        assert_eq!(serde_json::to_value(&err).unwrap(), body);
        assert_eq!(
            err.to_string(),
            "Request_BadRequest: Invalid value specified for property 'displayName'. (target: displayName)"
        );
    }

    #[test]
    fn tolerant_reading() {
        let err: ODataError =
            serde_json::from_str(r#"{"error": {"innererror": {"request-id": 5}}, "other": 1}"#).unwrap();
        assert_eq!(err.code, "");
        assert_eq!(err.to_string(), "OData error");
        let inner = err.inner_error.unwrap();
        assert_eq!(inner.request_id, None);
        assert_eq!(inner.additional.get("request-id"), Some(&json!(5)));

        let v3: ODataError =
            serde_json::from_str(r#"{"error": {"code": "-1", "message": {"lang": "en-US", "value": "Boom"}}}"#)
                .unwrap();
        assert_eq!(v3.message, "Boom");

        let nulls: ODataError =
            serde_json::from_str(r#"{"error": {"code": null, "message": null, "details": null}}"#).unwrap();
        assert_eq!(nulls, ODataError::default());
    }

    #[test]
    fn body_without_error_is_rejected() {
        assert!(serde_json::from_str::<ODataError>(r#"{"code": "x"}"#).is_err());
        assert!(serde_json::from_str::<ODataError>(r#"{"error": "x"}"#).is_err());
        assert!(serde_json::from_str::<ODataError>("[]").is_err());
    }

    #[test]
    fn implements_std_error() {
        let err: Box<dyn std::error::Error> = Box::new(ODataError::new("Code", "Msg"));
        assert_eq!(err.to_string(), "Code: Msg");
        assert_eq!(ODataError::new("", "only message").to_string(), "only message");
    }
}
