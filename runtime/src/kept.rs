//! Lossless reading: what a typed field cannot hold is kept beside it.
//!
//! A typed value does not remember how it was written. `"7"` and `7` are the same `Edm.Int64`,
//! `"2020-02-04T07:00:00.0000000"` and `"2020-02-04T07:00:00Z"` the same `Edm.DateTimeOffset`, an enum
//! member matched ignoring case is the schema's member, and a `null` member reads as `None` like an
//! absent one. So that reading and writing back gives the input again (member order aside), the reader
//! compares each scalar it reads with the form the field would write ([`same`]); when they differ it
//! keeps the value as read, with the form the field wrote at that moment ([`Kept`]), in the struct's
//! [`AdditionalData`](crate::AdditionalData). The writer writes the kept form as long as the field
//! still writes what it wrote when read: a field changed since is written in its own form.
//!
//! Arrays are kept whole: an array with a kept item (or a `null` item of a collection, which the
//! `Vec` cannot hold) is kept as read, and its `Vec` holds the other items.
//!
//! Nothing is allocated for a value that writes back as it came, which is nearly every value.

use std::fmt;

use serde_json::Value;

use crate::data::{Data, Out, Scalar};

/// A member as it was read, kept because its typed value writes differently.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    /// The JSON value as read (`null`, `"7"`, `"completed"`, an array with a `null` item, ...).
    pub original: Value,
    /// What the field wrote right after reading (`None`: the member is left out).
    pub canonical: Option<Value>,
}

impl Kept {
    /// Whether `field` still writes what it wrote when read, so that the original may stand for it.
    pub fn fits(&self, field: &dyn Data) -> bool {
        crate::ser::to_value(field.write()) == self.canonical
    }
}

/// Whether `out`, written, is the JSON value `input` (the reader's check after each scalar).
pub fn same(out: &Out<'_>, input: &Scalar<'_>) -> bool {
    match (out, input) {
        (Out::Null, Scalar::Null) => true,
        (Out::Bool(a), Scalar::Bool(b)) => a == b,
        (Out::I64(a), Scalar::I64(b)) => a == b,
        (Out::I64(a), Scalar::U64(b)) => u64::try_from(*a).is_ok_and(|a| a == *b),
        (Out::U64(a), Scalar::U64(b)) => a == b,
        (Out::U64(a), Scalar::I64(b)) => u64::try_from(*b).is_ok_and(|b| b == *a),
        // A finite float is written as a number with a fraction or exponent: it is the input only
        // when the input was such a number with the same value (`1` reads as 1.0 but writes `1.0`).
        (Out::F64(a), Scalar::F64(b)) => a.is_finite() && a == b,
        (Out::F32(a), Scalar::F64(b)) => a.is_finite() && a.to_string().parse::<f64>().is_ok_and(|a| a == *b),
        (Out::F64(a), Scalar::Str(b)) => !a.is_finite() && crate::ser::special_float(*a) == *b,
        (Out::F32(a), Scalar::Str(b)) => !a.is_finite() && crate::ser::special_float(f64::from(*a)) == *b,
        (Out::Str(a), Scalar::Str(b)) => a == b,
        (Out::Text(a), Scalar::Str(b)) => a == b,
        (Out::Display(a), Scalar::Str(b)) => prints(*a, b),
        (Out::Formatted(a), Scalar::Str(b)) => prints(&crate::data::TextOf(*a), b),
        (Out::Bytes(a), Scalar::Str(b)) => prints(&crate::edm::binary_text(a), b),
        (Out::Json(a), b) => value_is(a, b),
        (Out::Owned(a), b) => value_is(a, b),
        // A stream keeps its inline value as read.
        (Out::Stream(_), _) => true,
        _ => false,
    }
}

/// The JSON value of a scalar as read.
pub fn scalar_value(input: &Scalar<'_>) -> Value {
    match input {
        Scalar::Null => Value::Null,
        Scalar::Bool(b) => Value::Bool(*b),
        Scalar::I64(v) => Value::from(*v),
        Scalar::U64(v) => Value::from(*v),
        Scalar::F64(v) => serde_json::Number::from_f64(*v).map_or(Value::Null, Value::Number),
        Scalar::Str(s) => Value::String((*s).to_owned()),
        Scalar::String(s) => Value::String(s.clone()),
    }
}

/// Whether `value` is the scalar `input`, numbers of the same kind (integer or not) included.
fn value_is(value: &Value, input: &Scalar<'_>) -> bool {
    match (value, input) {
        (Value::Null, Scalar::Null) => true,
        (Value::Bool(a), Scalar::Bool(b)) => a == b,
        (Value::Number(a), Scalar::I64(b)) => a.as_i64() == Some(*b),
        (Value::Number(a), Scalar::U64(b)) => a.as_u64() == Some(*b),
        (Value::Number(a), Scalar::F64(b)) => a.is_f64() && a.as_f64() == Some(*b),
        (Value::String(a), b) => b.as_str() == Some(a.as_str()),
        _ => false,
    }
}

/// Whether `value` displays as exactly `text`, compared piece by piece without allocating.
fn prints(value: &dyn fmt::Display, text: &str) -> bool {
    struct Compare<'a> {
        rest: &'a str,
    }
    impl fmt::Write for Compare<'_> {
        fn write_str(&mut self, piece: &str) -> fmt::Result {
            match self.rest.strip_prefix(piece) {
                Some(rest) => {
                    self.rest = rest;
                    Ok(())
                }
                None => Err(fmt::Error),
            }
        }
    }
    let mut compare = Compare { rest: text };
    fmt::write(&mut compare, format_args!("{value}")).is_ok() && compare.rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_compares_written_forms_with_the_input() {
        assert!(same(&Out::Str("a"), &Scalar::Str("a")));
        assert!(!same(&Out::Str("Completed"), &Scalar::Str("completed")));
        assert!(same(&Out::I64(7), &Scalar::U64(7)));
        assert!(!same(&Out::I64(7), &Scalar::Str("7")));
        assert!(!same(&Out::F64(1.0), &Scalar::U64(1)));
        assert!(same(&Out::F64(1.5), &Scalar::F64(1.5)));
        assert!(same(&Out::F64(f64::INFINITY), &Scalar::Str("INF")));
        assert!(!same(&Out::F64(f64::INFINITY), &Scalar::Str("Infinity")));
        assert!(!same(&Out::Absent, &Scalar::Null));
        assert!(same(&Out::Display(&12), &Scalar::Str("12")));
        assert!(!same(&Out::Display(&12), &Scalar::Str("123")));
        assert!(!same(&Out::Display(&123), &Scalar::Str("12")));
        assert!(same(&Out::Bytes(b"OData"), &Scalar::Str("T0RhdGE")));
        assert!(!same(&Out::Bytes(b"OData"), &Scalar::Str("T0RhdGE=")));
    }
}
