//! [`Data`] and serde impls of the geometry types: an object's members are collected in its
//! `additional` map while it is read (GeoJSON does not fix the order of `type` and `coordinates`),
//! then turned into the typed value when the object ends.

use std::fmt;

use serde_json::Value;

use super::{Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use crate::AdditionalData;
use crate::data::{Data, Out, ReadError, ReadMap};
use crate::polymorphic::ODATA_TYPE;

/// Starts reading an object into a value whose `additional` map collects the members.
fn begin(additional: &mut AdditionalData, odata_type: Option<&str>) {
    if let Some(odata_type) = odata_type {
        additional.insert(ODATA_TYPE, Value::String(odata_type.to_owned()));
    }
}

/// The geometry of the collected members.
fn finish(additional: &mut AdditionalData) -> Result<Geometry, ReadError> {
    Geometry::from_members(std::mem::take(additional)).map_err(|error| ReadError::Invalid(error.to_string()))
}

/// `Data`, `ReadMap` and serde impls of one geometry struct.
macro_rules! geometry_data {
    ($($name:ident),*) => {$(
        impl Data for $name {
            fn empty() -> Self {
                $name::default()
            }
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a GeoJSON {} object", $name::KIND)
            }
            fn read_map(&mut self, odata_type: Option<&str>) -> Result<&mut dyn ReadMap, ReadError> {
                *self = $name::default();
                begin(&mut self.additional, odata_type);
                Ok(self)
            }
            fn write(&self) -> Out<'_> {
                self.members()
            }
        }

        impl ReadMap for $name {
            fn member(&mut self, _key: &str, _next: &mut usize) -> Option<&mut dyn Data> {
                None
            }
            fn other(&mut self, key: String, value: Value) {
                self.additional.insert(key, value);
            }
            fn end(&mut self) -> Result<(), ReadError> {
                match finish(&mut self.additional)? {
                    Geometry::$name(value) => {
                        *self = value;
                        Ok(())
                    }
                    other => Err(ReadError::Invalid(format!(
                        "invalid value: a GeoJSON {}, expected a GeoJSON {}",
                        other.kind(),
                        $name::KIND
                    ))),
                }
            }
        }

        serde_impls!($name);
    )*};
}

/// `Serialize` and `Deserialize` through [`Data`].
macro_rules! serde_impls {
    ($name:ident) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::ser::serialize(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::de::deserialize(deserializer)
            }
        }
    };
}

geometry_data!(Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, GeometryCollection);

impl Data for Geometry {
    fn empty() -> Self {
        Geometry::Point(Point::default())
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON geometry object")
    }
    fn read_map(&mut self, odata_type: Option<&str>) -> Result<&mut dyn ReadMap, ReadError> {
        // Any variant collects the members; the right one is made at the end.
        *self = Geometry::empty();
        begin(self.additional_mut(), odata_type);
        Ok(self)
    }
    fn write(&self) -> Out<'_> {
        self.members()
    }
}

impl ReadMap for Geometry {
    fn member(&mut self, _key: &str, _next: &mut usize) -> Option<&mut dyn Data> {
        None
    }
    fn other(&mut self, key: String, value: Value) {
        self.additional_mut().insert(key, value);
    }
    fn end(&mut self) -> Result<(), ReadError> {
        *self = finish(self.additional_mut())?;
        Ok(())
    }
}

serde_impls!(Geometry);
