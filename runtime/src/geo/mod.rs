//! GeoJSON values for `Edm.Geography*` and `Edm.Geometry*` properties.
//!
//! OData JSON writes geography and geometry values as GeoJSON objects (RFC 7946) with an optional
//! `crs` member: `{"type":"Point","coordinates":[-122.1,47.6],"crs":{"type":"name","properties":{"name":"EPSG:4326"}}}`.
//! Both families have the same JSON, so they share these types; each Edm name is an alias
//! ([`GeographyPoint`] and [`GeometryPoint`] are [`Point`], [`Geography`] is [`Geometry`], ...),
//! which the generated code uses so that a field's type still names its Edm type.
//!
//! Reading and writing back is lossless up to member order:
//!
//! - positions keep every coordinate (x, y, and z and m when present);
//! - a coordinate keeps its integer spelling: `1` is written back as `1` and `1.0` as `1.0`
//!   ([`Coordinate`]); other numbers go through `f64`, so they come back as the shortest form of
//!   the same `f64` (`47.60` as `47.6`, `1e2` as `100.0`);
//! - `crs` is kept as it came ([`Crs::Other`] for anything but the named form);
//! - other members (`bbox`, foreign members, annotations) are kept in `additional`.
//!
//! A value of a specific type (`Point`) reads only that GeoJSON type: `{"type":"LineString",...}`
//! where a point is declared is an error, as a malformed date is. [`Geometry`] reads any of them.
//!
//! ```
//! use odata_runtime::geo::{Crs, GeographyPoint, Position};
//!
//! let json = r#"{"type":"Point","coordinates":[-122.1,47.6,10],"crs":{"type":"name","properties":{"name":"EPSG:4326"}}}"#;
//! let point: GeographyPoint = serde_json::from_str(json)?;
//! assert_eq!(point.coordinates.y(), Some(47.6));
//! assert_eq!(point.coordinates.z(), Some(10.0));
//! assert_eq!(point.crs.as_ref().and_then(Crs::srid), Some(4326));
//! assert_eq!(serde_json::to_string(&point)?, json);
//!
//! let made = GeographyPoint::new(Position::new(-122.1, 47.6)).with_crs(Crs::epsg(4326));
//! assert_eq!(serde_json::to_value(&made)?["coordinates"], serde_json::json!([-122.1, 47.6]));
//! # Ok::<(), serde_json::Error>(())
//! ```

mod crs;
mod data;
mod position;
mod shapes;

use std::fmt;

pub use crs::Crs;
pub use position::{Coordinate, Position};
pub use shapes::{Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};

/// `Edm.Geography`: any geography value.
pub type Geography = Geometry;
/// `Edm.GeographyPoint`.
pub type GeographyPoint = Point;
/// `Edm.GeographyLineString`.
pub type GeographyLineString = LineString;
/// `Edm.GeographyPolygon`.
pub type GeographyPolygon = Polygon;
/// `Edm.GeographyMultiPoint`.
pub type GeographyMultiPoint = MultiPoint;
/// `Edm.GeographyMultiLineString`.
pub type GeographyMultiLineString = MultiLineString;
/// `Edm.GeographyMultiPolygon`.
pub type GeographyMultiPolygon = MultiPolygon;
/// `Edm.GeographyCollection`.
pub type GeographyCollection = GeometryCollection;
/// `Edm.GeometryPoint`.
pub type GeometryPoint = Point;
/// `Edm.GeometryLineString`.
pub type GeometryLineString = LineString;
/// `Edm.GeometryPolygon`.
pub type GeometryPolygon = Polygon;
/// `Edm.GeometryMultiPoint`.
pub type GeometryMultiPoint = MultiPoint;
/// `Edm.GeometryMultiLineString`.
pub type GeometryMultiLineString = MultiLineString;
/// `Edm.GeometryMultiPolygon`.
pub type GeometryMultiPolygon = MultiPolygon;

/// Why a JSON value is not a GeoJSON geometry (of the expected type).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeoError {
    message: String,
}

impl GeoError {
    fn new(message: impl Into<String>) -> GeoError {
        GeoError { message: message.into() }
    }
}

impl fmt::Display for GeoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for GeoError {}
