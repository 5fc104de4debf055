//! The `crs` member: the coordinate reference system OData JSON adds to GeoJSON.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::data::Out;

/// A coordinate reference system, as OData JSON writes it:
/// `{"type":"name","properties":{"name":"EPSG:4326"}}`.
#[derive(Clone, Debug, PartialEq)]
pub enum Crs {
    /// A named CRS (`"EPSG:4326"`), written in exactly the form above.
    Name(String),
    /// Any other form, kept as it was read.
    Other(Map<String, Value>),
}

impl Crs {
    /// The named CRS `EPSG:<srid>` (`4326` is WGS 84, the default of `Edm.Geography*`; `0` is the
    /// default of `Edm.Geometry*`).
    pub fn epsg(srid: u32) -> Crs {
        Crs::Name(format!("EPSG:{srid}"))
    }

    /// The name of a named CRS.
    pub fn name(&self) -> Option<&str> {
        match self {
            Crs::Name(name) => Some(name),
            Crs::Other(map) => map.get("properties")?.get("name")?.as_str(),
        }
    }

    /// The EPSG code of the CRS (`4326` for `EPSG:4326` or `urn:ogc:def:crs:EPSG::4326`).
    pub fn srid(&self) -> Option<u32> {
        let name = self.name()?;
        if !name.to_ascii_uppercase().contains("EPSG") {
            return None;
        }
        name.rsplit(':').next()?.trim().parse().ok()
    }

    /// The CRS of a JSON object (the value of `crs`).
    pub(crate) fn from_json(map: Map<String, Value>) -> Crs {
        let is_name = map.len() == 2 && map.get("type").and_then(Value::as_str) == Some("name");
        let name = map.get("properties").and_then(Value::as_object).filter(|p| p.len() == 1);
        match name.and_then(|p| p.get("name")).and_then(Value::as_str) {
            Some(name) if is_name => Crs::Name(name.to_owned()),
            _ => Crs::Other(map),
        }
    }

    /// The JSON object, `type` first.
    pub(crate) fn write(&self) -> Out<'_> {
        match self {
            Crs::Name(name) => Out::Members(vec![
                (Cow::Borrowed("type"), Out::Str("name")),
                (Cow::Borrowed("properties"), Out::Members(vec![(Cow::Borrowed("name"), Out::Str(name))])),
            ]),
            Crs::Other(map) => Out::Owned(Value::Object(map.clone())),
        }
    }
}
