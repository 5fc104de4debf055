//! The GeoJSON geometry objects and their JSON members.

use std::borrow::Cow;

use serde_json::Value;

use super::position::{Coordinates, Position};
use super::{Crs, GeoError};
use crate::AdditionalData;
use crate::data::Out;

/// One geometry type with a `coordinates` member: the struct and its constructors.
macro_rules! shapes {
    ($($(#[$doc:meta])* $name:ident($coordinates:ty) = $kind:literal, $what:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name {
            #[doc = $what]
            pub coordinates: $coordinates,
            /// The coordinate reference system, when the value names one.
            pub crs: Option<Crs>,
            /// Other members (`bbox`, foreign members), kept so that the value writes back unchanged.
            pub additional: AdditionalData,
        }

        impl $name {
            /// The value of the `type` member.
            pub const KIND: &'static str = $kind;

            /// A value with these coordinates and no `crs`.
            pub fn new(coordinates: $coordinates) -> Self {
                Self { coordinates, crs: None, additional: AdditionalData::new() }
            }

            /// The same value with the coordinate reference system `crs`.
            pub fn with_crs(mut self, crs: Crs) -> Self {
                self.crs = Some(crs);
                self
            }

            /// The members to write: `type`, `coordinates`, `crs`, then the others.
            pub(crate) fn members(&self) -> Out<'_> {
                members(Self::KIND, ("coordinates", Out::Owned(self.coordinates.to_json())), &self.crs, &self.additional)
            }
        }
    )*};
}

shapes! {
    /// A GeoJSON `Point` (`Edm.GeographyPoint`, `Edm.GeometryPoint`).
    Point(Position) = "Point", " The position.";
    /// A GeoJSON `LineString` (`Edm.GeographyLineString`, `Edm.GeometryLineString`).
    LineString(Vec<Position>) = "LineString", " The positions, two or more.";
    /// A GeoJSON `Polygon` (`Edm.GeographyPolygon`, `Edm.GeometryPolygon`).
    Polygon(Vec<Vec<Position>>) = "Polygon", " The rings: the exterior ring first, then holes; each closed.";
    /// A GeoJSON `MultiPoint` (`Edm.GeographyMultiPoint`, `Edm.GeometryMultiPoint`).
    MultiPoint(Vec<Position>) = "MultiPoint", " The points' positions.";
    /// A GeoJSON `MultiLineString` (`Edm.GeographyMultiLineString`, `Edm.GeometryMultiLineString`).
    MultiLineString(Vec<Vec<Position>>) = "MultiLineString", " The line strings' positions.";
    /// A GeoJSON `MultiPolygon` (`Edm.GeographyMultiPolygon`, `Edm.GeometryMultiPolygon`).
    MultiPolygon(Vec<Vec<Vec<Position>>>) = "MultiPolygon", " The polygons' rings.";
}

/// A GeoJSON `GeometryCollection` (`Edm.GeographyCollection`, `Edm.GeometryCollection`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GeometryCollection {
    /// The geometries, of any type.
    pub geometries: Vec<Geometry>,
    /// The coordinate reference system, when the value names one.
    pub crs: Option<Crs>,
    /// Other members (`bbox`, foreign members), kept so that the value writes back unchanged.
    pub additional: AdditionalData,
}

impl GeometryCollection {
    /// The value of the `type` member.
    pub const KIND: &'static str = "GeometryCollection";

    /// A collection of these geometries and no `crs`.
    pub fn new(geometries: Vec<Geometry>) -> Self {
        Self { geometries, crs: None, additional: AdditionalData::new() }
    }

    /// The same value with the coordinate reference system `crs`.
    pub fn with_crs(mut self, crs: Crs) -> Self {
        self.crs = Some(crs);
        self
    }

    /// The members to write: `type`, `geometries`, `crs`, then the others.
    pub(crate) fn members(&self) -> Out<'_> {
        members(Self::KIND, ("geometries", Out::Seq(&self.geometries)), &self.crs, &self.additional)
    }
}

/// Any GeoJSON geometry (`Edm.Geography`, `Edm.Geometry`): told apart by its `type` member.
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    /// A `Point`.
    Point(Point),
    /// A `LineString`.
    LineString(LineString),
    /// A `Polygon`.
    Polygon(Polygon),
    /// A `MultiPoint`.
    MultiPoint(MultiPoint),
    /// A `MultiLineString`.
    MultiLineString(MultiLineString),
    /// A `MultiPolygon`.
    MultiPolygon(MultiPolygon),
    /// A `GeometryCollection`.
    GeometryCollection(GeometryCollection),
}

/// Calls `$body` with the value of whichever variant `$value` is.
macro_rules! each_variant {
    ($value:expr, $inner:ident => $body:expr) => {
        match $value {
            Geometry::Point($inner) => $body,
            Geometry::LineString($inner) => $body,
            Geometry::Polygon($inner) => $body,
            Geometry::MultiPoint($inner) => $body,
            Geometry::MultiLineString($inner) => $body,
            Geometry::MultiPolygon($inner) => $body,
            Geometry::GeometryCollection($inner) => $body,
        }
    };
}

impl Geometry {
    /// The value of the `type` member (`"Point"`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Geometry::Point(_) => Point::KIND,
            Geometry::LineString(_) => LineString::KIND,
            Geometry::Polygon(_) => Polygon::KIND,
            Geometry::MultiPoint(_) => MultiPoint::KIND,
            Geometry::MultiLineString(_) => MultiLineString::KIND,
            Geometry::MultiPolygon(_) => MultiPolygon::KIND,
            Geometry::GeometryCollection(_) => GeometryCollection::KIND,
        }
    }

    /// The coordinate reference system, when the value names one.
    pub fn crs(&self) -> Option<&Crs> {
        each_variant!(self, value => value.crs.as_ref())
    }

    /// The members that are neither `type`, the coordinates nor `crs`.
    pub fn additional(&self) -> &AdditionalData {
        each_variant!(self, value => &value.additional)
    }

    /// The other members, to change them.
    pub fn additional_mut(&mut self) -> &mut AdditionalData {
        each_variant!(self, value => &mut value.additional)
    }

    /// The members to write.
    pub(crate) fn members(&self) -> Out<'_> {
        each_variant!(self, value => value.members())
    }

    /// The geometry a JSON value describes.
    pub fn from_json(value: Value) -> Result<Geometry, GeoError> {
        match value {
            Value::Object(map) => Geometry::from_members(map.into()),
            other => Err(GeoError::new(format!("a GeoJSON geometry must be an object, not {other}"))),
        }
    }

    /// The geometry the members of a JSON object describe (in any order).
    pub(crate) fn from_members(mut members: AdditionalData) -> Result<Geometry, GeoError> {
        let kind = match members.remove("type") {
            Some(Value::String(kind)) => kind,
            Some(other) => return Err(GeoError::new(format!("the `type` of a GeoJSON geometry is {other}"))),
            None => return Err(GeoError::new("a GeoJSON geometry needs a `type` member")),
        };
        let crs = match members.get("crs") {
            Some(Value::Object(_)) => match members.remove("crs") {
                Some(Value::Object(map)) => Some(Crs::from_json(map)),
                _ => None,
            },
            // `"crs": null` and other values stay among the other members, written back as they came.
            _ => None,
        };
        let mut take = |name: &str| {
            members.remove(name).ok_or_else(|| GeoError::new(format!("a GeoJSON {kind} needs a `{name}` member")))
        };
        let geometry = match kind.as_str() {
            Point::KIND => Geometry::Point(Point::new(Coordinates::from_json(take("coordinates")?)?)),
            LineString::KIND => Geometry::LineString(LineString::new(Coordinates::from_json(take("coordinates")?)?)),
            Polygon::KIND => Geometry::Polygon(Polygon::new(Coordinates::from_json(take("coordinates")?)?)),
            MultiPoint::KIND => Geometry::MultiPoint(MultiPoint::new(Coordinates::from_json(take("coordinates")?)?)),
            MultiLineString::KIND => {
                Geometry::MultiLineString(MultiLineString::new(Coordinates::from_json(take("coordinates")?)?))
            }
            MultiPolygon::KIND => {
                Geometry::MultiPolygon(MultiPolygon::new(Coordinates::from_json(take("coordinates")?)?))
            }
            GeometryCollection::KIND => {
                let geometries = match take("geometries")? {
                    Value::Array(items) => items.into_iter().map(Geometry::from_json).collect::<Result<_, _>>()?,
                    other => return Err(GeoError::new(format!("`geometries` must be an array, not {other}"))),
                };
                Geometry::GeometryCollection(GeometryCollection::new(geometries))
            }
            other => return Err(GeoError::new(format!("unknown GeoJSON geometry type `{other}`"))),
        };
        let mut geometry = geometry;
        each_variant!(&mut geometry, value => {
            value.crs = crs;
            value.additional = members;
        });
        Ok(geometry)
    }
}

/// A geometry object as written: `type`, its coordinates or geometries, `crs`, the other members.
fn members<'a>(
    kind: &'static str,
    content: (&'static str, Out<'a>),
    crs: &'a Option<Crs>,
    additional: &'a AdditionalData,
) -> Out<'a> {
    let mut out = Vec::with_capacity(3 + additional.len());
    out.push((Cow::Borrowed("type"), Out::Str(kind)));
    out.push((Cow::Borrowed(content.0), content.1));
    if let Some(crs) = crs {
        out.push((Cow::Borrowed("crs"), crs.write()));
    }
    out.extend(additional.iter().map(|(key, value)| (Cow::Borrowed(key), Out::Json(value))));
    Out::Members(out)
}
