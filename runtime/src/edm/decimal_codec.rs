//! Reader and writer for `Edm.Decimal`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::de::{self, Unexpected, Visitor};
use serde::{Deserializer, Serializer};

pub(crate) fn ser_decimal<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    match exact_f64(value) {
        Some(f) => serializer.serialize_f64(f),
        None => serializer.collect_str(value),
    }
}

/// The `f64` whose shortest decimal form is exactly `value`, if there is one.
///
/// JSON writers print floats in that shortest form, so such a number denotes `value` exactly.
pub(crate) fn exact_f64(value: &Decimal) -> Option<f64> {
    let f = value.to_f64()?;
    let text = value.normalize().to_string();
    (f.is_finite() && f.to_string() == text).then_some(f)
}

pub(crate) fn de_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(DecimalVisitor)
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number as a number or a string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        // Through the shortest round-trip text, so 0.1 reads as 0.1, not 0.1000000000000000055.
        let text = v.to_string();
        parse(&text).ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse(v.trim()).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

fn parse(text: &str) -> Option<Decimal> {
    Decimal::from_str(text).or_else(|_| Decimal::from_scientific(text)).ok()
}

#[cfg(test)]
mod tests {
    use crate::edm::decimal;
    use rust_decimal::Decimal;
    use serde_json::json;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn reads_numbers_and_strings() {
        assert_eq!(decimal::deserialize(json!(12)).unwrap(), dec("12"));
        assert_eq!(decimal::deserialize(json!(0.1)).unwrap(), dec("0.1"));
        assert_eq!(decimal::deserialize(json!("79228162514264337593543950335")).unwrap(), Decimal::MAX);
        assert_eq!(decimal::deserialize(json!("1.5e3")).unwrap(), dec("1500"));
        assert!(decimal::deserialize(json!("abc")).is_err());
        assert!(decimal::deserialize(json!(1e300)).is_err());
    }

    #[test]
    fn writes_number_when_exact_else_string() {
        let w = |s: &str| serde_json::to_string(&decimal::Ser(&dec(s))).unwrap();
        assert_eq!(w("12.50"), "12.5");
        assert_eq!(w("0.1"), "0.1");
        assert_eq!(w("-3"), "-3.0");
        assert_eq!(w("12345678901234567890.123"), r#""12345678901234567890.123""#);
        // The string form reads back exactly.
        let back: Decimal = decimal::deserialize(json!("12345678901234567890.123")).unwrap();
        assert_eq!(back, dec("12345678901234567890.123"));
    }
}
