//! GeoJSON values (`odata_runtime::geo`): every geometry type reads and writes back the same JSON,
//! with and without `crs`, with z and m coordinates, alone, in `Option`, in `Vec` and as fields of
//! a generated struct.

use odata_runtime::geo::{
    Coordinate, Crs, Geography, GeographyCollection, GeographyLineString, GeographyMultiLineString,
    GeographyMultiPoint, GeographyMultiPolygon, GeographyPoint, GeographyPolygon, Geometry, GeometryCollection,
    GeometryPoint, Point, Position,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

const CRS: &str = r#"{"type":"name","properties":{"name":"EPSG:4326"}}"#;

/// One example of each GeoJSON type (its `type`, then the rest of the object), with 2-, 3- and
/// 4-coordinate positions and integer and fractional numbers.
const SHAPES: [(&str, &str); 7] = [
    ("Point", r#""coordinates":[-122.035,47.6,120.5]"#),
    ("LineString", r#""coordinates":[[1,2],[3.5,4.25,10],[5,6,7,8]]"#),
    ("Polygon", r#""coordinates":[[[0,0],[10,0],[10,10],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]"#),
    ("MultiPoint", r#""coordinates":[[1.0,2.0],[3,4,5]]"#),
    ("MultiLineString", r#""coordinates":[[[1,2],[3,4]],[[5,6,1],[7,8,2]]]"#),
    ("MultiPolygon", r#""coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5,1],[6,5,1],[6,6,1],[5,5,1]]]]"#),
    (
        "GeometryCollection",
        r#""geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[1,2],[3,4,5]]}]"#,
    ),
];

/// The JSON of one geometry, with or without the `crs` member.
fn shape(kind: &str, rest: &str, crs: bool) -> String {
    if crs { format!(r#"{{"type":"{kind}",{rest},"crs":{CRS}}}"#) } else { format!(r#"{{"type":"{kind}",{rest}}}"#) }
}

/// Reads `json` as `T`, writes it back and checks that the written JSON equals the input (numbers
/// compared as JSON numbers, so `1` and `1.0` differ) and, when `same_text`, that the written text is
/// the input's (when its members are in the order written: `type`, coordinates, `crs`, the others).
fn read_and_write<T: DeserializeOwned + Serialize>(json: &str, same_text: bool) -> T {
    let value: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    let written = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{json}: {e}"));
    if same_text {
        assert_eq!(written, json);
    }
    let parsed: Value = serde_json::from_str(&written).unwrap_or_default();
    assert_eq!(parsed, serde_json::from_str::<Value>(json).unwrap_or_default());
    value
}

/// [`read_and_write`], the same text expected.
fn round_trip<T: DeserializeOwned + Serialize>(json: &str) -> T {
    read_and_write(json, true)
}

#[test]
fn every_type_round_trips_with_and_without_crs() {
    for crs in [false, true] {
        let [point, line, polygon, multi_point, multi_line, multi_polygon, collection] =
            SHAPES.map(|(kind, rest)| shape(kind, rest, crs));
        let read: GeographyPoint = round_trip(&point);
        assert_eq!(read.crs.is_some(), crs);
        round_trip::<GeographyLineString>(&line);
        round_trip::<GeographyPolygon>(&polygon);
        round_trip::<GeographyMultiPoint>(&multi_point);
        round_trip::<GeographyMultiLineString>(&multi_line);
        round_trip::<GeographyMultiPolygon>(&multi_polygon);
        let read: GeographyCollection = round_trip(&collection);
        assert_eq!(read.geometries.len(), 2);
        for json in [point, line, polygon, multi_point, multi_line, multi_polygon, collection] {
            let any: Geography = round_trip(&json);
            assert_eq!(any.crs().is_some(), crs, "{json}");
        }
    }
}

#[test]
fn positions_keep_every_coordinate_and_integer_spelling() {
    let point: GeometryPoint = round_trip(r#"{"type":"Point","coordinates":[1,2.0,3,4.5]}"#);
    assert_eq!(
        point.coordinates.0,
        [Coordinate::Integer(1), Coordinate::Float(2.0), Coordinate::Integer(3), Coordinate::Float(4.5)]
    );
    assert_eq!(
        (point.coordinates.x(), point.coordinates.y(), point.coordinates.z(), point.coordinates.m()),
        (Some(1.0), Some(2.0), Some(3.0), Some(4.5))
    );
    // Numbers go through f64: the same value comes back in its shortest form.
    let point: Point = serde_json::from_str(r#"{"type":"Point","coordinates":[47.60,1e2]}"#).unwrap_or_default();
    assert_eq!(serde_json::to_string(&point).ok().as_deref(), Some(r#"{"type":"Point","coordinates":[47.6,100.0]}"#));
}

#[test]
fn member_order_does_not_matter_and_other_members_are_kept() {
    let json = r#"{"coordinates":[1,2],"bbox":[1,2,1,2],"type":"Point","title":{"x":[1]}}"#;
    let point: Point = serde_json::from_str(json).unwrap_or_default();
    assert_eq!(point.coordinates, Position::new(1, 2));
    assert_eq!(point.additional.len(), 2);
    let written: Value = serde_json::to_value(&point).unwrap_or_default();
    assert_eq!(written, serde_json::from_str::<Value>(json).unwrap_or_default());
    let any: Geometry = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(any, Geometry::Point(point));
}

#[test]
fn crs_forms_are_kept() {
    let point: Point = round_trip(&shape("Point", r#""coordinates":[1,2]"#, true));
    assert_eq!(point.crs, Some(Crs::epsg(4326)));
    assert_eq!(point.crs.as_ref().and_then(Crs::srid), Some(4326));
    let urn = r#"{"type":"Point","coordinates":[1,2],"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857","x":1}}}"#;
    let point: Point = read_and_write(urn, false);
    assert!(matches!(point.crs, Some(Crs::Other(_))));
    assert_eq!(point.crs.as_ref().and_then(Crs::srid), Some(3857));
    let null = r#"{"type":"Point","coordinates":[1,2],"crs":null}"#;
    let point: Point = round_trip(null);
    assert_eq!(point.crs, None);
    assert_eq!(point.additional.get("crs"), Some(&Value::Null));
}

#[test]
fn nested_collections_round_trip() {
    let inner = shape("GeometryCollection", r#""geometries":[{"type":"Point","coordinates":[1,2],"id":7}]"#, true);
    let json =
        format!(r#"{{"type":"GeometryCollection","geometries":[{inner},{{"type":"MultiPoint","coordinates":[]}}]}}"#);
    let collection: GeometryCollection = round_trip(&json);
    let Some(Geometry::GeometryCollection(nested)) = collection.geometries.first() else {
        panic!("{collection:?}");
    };
    assert_eq!(nested.geometries[0].additional().get("id"), Some(&json!(7)));
}

#[test]
fn option_and_vec_of_geometries() {
    let some: Option<Point> = round_trip(r#"{"type":"Point","coordinates":[1,2,3]}"#);
    assert!(some.is_some());
    let none: Option<Point> = serde_json::from_str("null").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(none, None);
    let list = format!(
        "[{},{}]",
        shape("Point", r#""coordinates":[1,2]"#, true),
        shape("Point", r#""coordinates":[3,4,5]"#, false)
    );
    let points: Vec<Point> = round_trip(&list);
    assert_eq!(points.len(), 2);
    let mixed = format!("[{},{}]", shape(SHAPES[1].0, SHAPES[1].1, false), shape(SHAPES[6].0, SHAPES[6].1, true));
    let geometries: Option<Vec<Geometry>> = round_trip(&mixed);
    assert_eq!(
        geometries.map(|g| g.iter().map(Geometry::kind).collect::<Vec<_>>()),
        Some(vec!["LineString", "GeometryCollection"])
    );
}

odata_runtime::record! {
    /// A type with geo properties of each shape of field.
    pub struct Place = "#demo.place" {
        id: Option<i32> = "id",
        location: Option<GeographyPoint> = "location",
        area: Option<GeographyPolygon> = "area",
        stops: Option<Vec<GeographyPoint>> = "stops",
        shape: Option<Geography> = "shape",
    }
    lookup = [2, 4, 0, 1, 3];
}

#[test]
fn geometries_as_fields_of_generated_structs() {
    assert_eq!(odata_runtime::raw::check::<Place>(), Vec::<String>::new());
    let json = json!({
        "@odata.etag": "W/\"1\"",
        "id": 1,
        "location": {"type": "Point", "coordinates": [-122.1, 47.6, 12], "crs": {"type": "name", "properties": {"name": "EPSG:4326"}}},
        "area": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
        "stops": [{"type": "Point", "coordinates": [1, 2]}, {"type": "Point", "coordinates": [3.5, 4]}],
        "shape": {"type": "MultiLineString", "coordinates": [[[1, 2], [3, 4]]]},
        "location@odata.type": "#GeographyPoint",
    });
    let place: Place = serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(place.location.as_ref().map(|p| p.coordinates.z()), Some(Some(12.0)));
    assert_eq!(place.stops.as_ref().map(Vec::len), Some(2));
    assert_eq!(place.shape.as_ref().map(Geometry::kind), Some("MultiLineString"));
    assert_eq!(serde_json::to_value(&place).ok(), Some(json));
    let text = r#"{"id":1,"location":{"type":"Point","coordinates":[1,2]}}"#;
    let place: Place = serde_json::from_str(text).unwrap_or_default();
    assert_eq!(serde_json::to_string(&place).ok().as_deref(), Some(text));
    let none: Place = serde_json::from_str(r#"{"location":null}"#).unwrap_or_default();
    assert_eq!(none.location, None);
}

#[test]
fn wrong_values_are_errors_that_say_why() {
    let error = |json: &str| serde_json::from_str::<Place>(json).err().map(|e| e.to_string()).unwrap_or_default();
    let got = error(r#"{"location":{"type":"LineString","coordinates":[[1,2],[3,4]]}}"#);
    assert!(got.contains("a GeoJSON LineString, expected a GeoJSON Point"), "{got}");
    let got = error(r#"{"location":{"coordinates":[1,2]}}"#);
    assert!(got.contains("needs a `type` member"), "{got}");
    let got = error(r#"{"shape":{"type":"Feature","geometry":null}}"#);
    assert!(got.contains("unknown GeoJSON geometry type `Feature`"), "{got}");
    let got = error(r#"{"location":{"type":"Point","coordinates":[1,"2"]}}"#);
    assert!(got.contains("array of numbers"), "{got}");
    let got = error(r#"{"location":{"type":"Point"}}"#);
    assert!(got.contains("needs a `coordinates` member"), "{got}");
    let got = error(r#"{"area":{"type":"Polygon","coordinates":[1,2]}}"#);
    assert!(got.contains("must be arrays"), "{got}");
    let got = error(r#"{"location":[1,2]}"#);
    assert!(got.contains("expected a GeoJSON Point object"), "{got}");
    let got = error(r#"{"shape":{"type":"GeometryCollection","geometries":[1]}}"#);
    assert!(got.contains("must be an object"), "{got}");
}

#[test]
fn values_made_in_code() {
    let point = Point::new(Position::new(-122.1, 47.6).with(10)).with_crs(Crs::epsg(4326));
    let written = serde_json::to_value(&point).unwrap_or_default();
    assert_eq!(
        written,
        json!({"type": "Point", "coordinates": [-122.1, 47.6, 10], "crs": {"type": "name", "properties": {"name": "EPSG:4326"}}})
    );
    let collection = GeometryCollection::new(vec![Geometry::Point(Point::new(Position::from([1.0, 2.0])))]);
    let written = serde_json::to_value(&collection).unwrap_or_default();
    assert_eq!(
        written,
        json!({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1.0, 2.0]}]})
    );
}
