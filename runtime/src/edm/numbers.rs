//! Readers and writers for `Edm.Int64`, `Edm.Single` and `Edm.Double`.

use std::fmt;

use serde::de::{self, Unexpected, Visitor};
use serde::{Deserializer, Serializer};

pub(crate) fn ser_i64<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(*value)
}

pub(crate) fn de_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    deserializer.deserialize_any(Int64Visitor)
}

struct Int64Visitor;

impl Visitor<'_> for Int64Visitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a 64-bit integer as a number or a string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        // `1.0` or `1e3`: accept when the number is an integer in range.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
        if v.fract() == 0.0 && (-LIMIT..LIMIT).contains(&v) {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.trim().parse().map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
    }
}

/// `f32` and `f64`, so that one reader serves both.
pub(crate) trait Float: Copy {
    fn to_f64(self) -> f64;
    fn from_f64(value: f64) -> Self;
    fn serialize_finite<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error>;
}

impl Float for f32 {
    fn to_f64(self) -> f64 {
        f64::from(self)
    }

    fn from_f64(value: f64) -> Self {
        value as f32
    }

    fn serialize_finite<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f32(self)
    }
}

impl Float for f64 {
    fn to_f64(self) -> f64 {
        self
    }

    fn from_f64(value: f64) -> Self {
        value
    }

    fn serialize_finite<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self)
    }
}

pub(crate) fn ser_float<F: Float, S: Serializer>(value: &F, serializer: S) -> Result<S::Ok, S::Error> {
    let v = value.to_f64();
    if v.is_nan() {
        serializer.serialize_str("NaN")
    } else if v == f64::INFINITY {
        serializer.serialize_str("INF")
    } else if v == f64::NEG_INFINITY {
        serializer.serialize_str("-INF")
    } else {
        value.serialize_finite(serializer)
    }
}

pub(crate) fn de_float<'de, F: Float, D: Deserializer<'de>>(deserializer: D) -> Result<F, D::Error> {
    deserializer.deserialize_any(FloatVisitor).map(F::from_f64)
}

struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"a number, "NaN", "INF" or "-INF""#)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        // Rust's parser takes "NaN", "INF", "-INF", "Infinity" in any case, and numbers.
        v.trim().parse().map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use crate::edm::{double, int64, single};
    use serde_json::{Value, json};

    fn int(v: Value) -> Result<i64, serde_json::Error> {
        int64::deserialize(v)
    }

    #[test]
    fn int64_as_number_or_string() {
        assert_eq!(int(json!(42)).unwrap(), 42);
        assert_eq!(int(json!("-9223372036854775808")).unwrap(), i64::MIN);
        assert_eq!(int(json!("9223372036854775807")).unwrap(), i64::MAX);
        assert_eq!(int(json!(1e3)).unwrap(), 1000);
        assert!(int(json!("9223372036854775808")).is_err());
        assert!(int(json!(u64::MAX)).is_err());
        assert!(int(json!(1.5)).is_err());
        assert!(int(json!("12abc")).is_err());
        assert!(int(json!(null)).is_err());
        // Large values survive the text form exactly.
        let parsed: i64 = int64::deserialize(&mut serde_json::Deserializer::from_str(r#""9007199254740993""#)).unwrap();
        assert_eq!(parsed, 9_007_199_254_740_993);
        assert_eq!(serde_json::to_string(&int64::Ser(&parsed)).unwrap(), "9007199254740993");
    }

    #[test]
    fn int64_option_and_vec() {
        let v: Option<i64> = int64::option::deserialize(json!(null)).unwrap();
        assert_eq!(v, None);
        let v: Option<i64> = int64::option::deserialize(json!("7")).unwrap();
        assert_eq!(v, Some(7));
        let v: Vec<i64> = int64::vec::deserialize(json!([1, "2"])).unwrap();
        assert_eq!(v, [1, 2]);
        let v: Option<Vec<i64>> = int64::option_vec::deserialize(json!(["3"])).unwrap();
        assert_eq!(serde_json::to_string(&int64::option_vec::Ser(&v)).unwrap(), "[3]");
        assert_eq!(serde_json::to_string(&int64::option::Ser(&None)).unwrap(), "null");
    }

    #[test]
    fn special_floats_read_and_write() {
        let d = |v: Value| -> f64 { double::deserialize(v).unwrap() };
        assert!(d(json!("NaN")).is_nan());
        assert_eq!(d(json!("INF")), f64::INFINITY);
        assert_eq!(d(json!("-INF")), f64::NEG_INFINITY);
        assert_eq!(d(json!("1.5")), 1.5);
        assert_eq!(d(json!(2)), 2.0);
        assert!(double::deserialize::<Value>(json!("x")).is_err());
        assert!(double::deserialize::<Value>(json!(true)).is_err());

        let w = |v: f64| serde_json::to_string(&double::Ser(&v)).unwrap();
        assert_eq!(w(f64::NAN), r#""NaN""#);
        assert_eq!(w(f64::INFINITY), r#""INF""#);
        assert_eq!(w(f64::NEG_INFINITY), r#""-INF""#);
        assert_eq!(w(0.1), "0.1");
    }

    #[test]
    fn single_precision() {
        let v: f32 = single::deserialize(json!(0.1)).unwrap();
        assert_eq!(v, 0.1_f32);
        assert_eq!(serde_json::to_string(&single::Ser(&v)).unwrap(), "0.1");
        assert_eq!(serde_json::to_string(&single::Ser(&f32::NEG_INFINITY)).unwrap(), r#""-INF""#);
        let v: Option<f32> = single::option::deserialize(json!("INF")).unwrap();
        assert_eq!(v, Some(f32::INFINITY));
    }
}
