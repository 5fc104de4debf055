//! Positions: the coordinate arrays of GeoJSON (`[x, y]`, `[x, y, z]`, `[x, y, z, m]`).

use serde_json::{Number, Value};

use super::GeoError;

/// One coordinate of a [`Position`], as it was written: an integer keeps its integer spelling (`1`
/// is written back as `1`, `1.0` as `1.0`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Coordinate {
    /// A JSON integer (`-122`).
    Integer(i64),
    /// A JSON number with a fraction or an exponent (`47.6`), or an integer beyond `i64`.
    Float(f64),
}

impl Coordinate {
    /// The value as a float.
    pub fn as_f64(self) -> f64 {
        match self {
            Coordinate::Integer(v) => v as f64,
            Coordinate::Float(v) => v,
        }
    }

    fn from_number(number: &Number) -> Option<Coordinate> {
        match number.as_i64() {
            Some(v) => Some(Coordinate::Integer(v)),
            None => number.as_f64().map(Coordinate::Float),
        }
    }

    /// The JSON number; `null` for a non-finite float, which JSON cannot hold.
    fn to_json(self) -> Value {
        match self {
            Coordinate::Integer(v) => Value::from(v),
            Coordinate::Float(v) => Number::from_f64(v).map_or(Value::Null, Value::Number),
        }
    }
}

impl From<f64> for Coordinate {
    fn from(value: f64) -> Self {
        Coordinate::Float(value)
    }
}

impl From<i64> for Coordinate {
    fn from(value: i64) -> Self {
        Coordinate::Integer(value)
    }
}

impl From<i32> for Coordinate {
    fn from(value: i32) -> Self {
        Coordinate::Integer(value.into())
    }
}

/// A GeoJSON position: x (longitude, or easting), y (latitude, or northing), then an optional z
/// (altitude) and m (measure), kept however many there are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Position(pub Vec<Coordinate>);

impl Position {
    /// A position of two coordinates.
    pub fn new(x: impl Into<Coordinate>, y: impl Into<Coordinate>) -> Position {
        Position(vec![x.into(), y.into()])
    }

    /// The same position with one more coordinate (z after x and y, then m).
    pub fn with(mut self, next: impl Into<Coordinate>) -> Position {
        self.0.push(next.into());
        self
    }

    /// The coordinate at `index` as a float.
    fn get(&self, index: usize) -> Option<f64> {
        self.0.get(index).map(|c| c.as_f64())
    }

    /// x: longitude in a geographic position.
    pub fn x(&self) -> Option<f64> {
        self.get(0)
    }

    /// y: latitude in a geographic position.
    pub fn y(&self) -> Option<f64> {
        self.get(1)
    }

    /// z: altitude, when the position has one.
    pub fn z(&self) -> Option<f64> {
        self.get(2)
    }

    /// m: the measure, when the position has one.
    pub fn m(&self) -> Option<f64> {
        self.get(3)
    }
}

impl<const N: usize> From<[f64; N]> for Position {
    fn from(values: [f64; N]) -> Self {
        Position(values.into_iter().map(Coordinate::Float).collect())
    }
}

/// The `coordinates` member of a geometry: a position or nested arrays of positions.
pub(crate) trait Coordinates: Sized {
    /// Reads the member's JSON value.
    fn from_json(value: Value) -> Result<Self, GeoError>;
    /// Writes it.
    fn to_json(&self) -> Value;
}

impl Coordinates for Position {
    fn from_json(value: Value) -> Result<Self, GeoError> {
        let Value::Array(items) = value else {
            return Err(GeoError::new(format!("a position must be an array of numbers, not {value}")));
        };
        let coordinates = items.iter().map(|item| match item {
            Value::Number(number) => Coordinate::from_number(number),
            _ => None,
        });
        match coordinates.collect::<Option<Vec<Coordinate>>>() {
            Some(coordinates) => Ok(Position(coordinates)),
            None => Err(GeoError::new(format!("a position must be an array of numbers, not {}", Value::Array(items)))),
        }
    }

    fn to_json(&self) -> Value {
        Value::Array(self.0.iter().map(|c| c.to_json()).collect())
    }
}

impl<T: Coordinates> Coordinates for Vec<T> {
    fn from_json(value: Value) -> Result<Self, GeoError> {
        match value {
            Value::Array(items) => items.into_iter().map(T::from_json).collect(),
            other => Err(GeoError::new(format!("coordinates must be arrays, not {other}"))),
        }
    }

    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(T::to_json).collect())
    }
}
