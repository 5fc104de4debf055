//! Writing: any serde `Serializer` writes what [`Data::write`] describes.
//!
//! Like [`de`](crate::de), this is compiled once per output format, not once per generated type:
//! generated types call [`serialize`] from their one-line `Serialize` impls.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use crate::data::{Data, Out};
use crate::polymorphic::ODATA_TYPE;
use crate::record::RecordRef;

/// Writes `value` (the body of a generated type's `Serialize` impl).
pub fn serialize<S: Serializer>(value: &dyn Data, serializer: S) -> Result<S::Ok, S::Error> {
    write(value.write(), serializer)
}

/// A [`Data`] value as `serde::Serialize`.
#[derive(Clone, Copy)]
pub struct Json<'a>(pub &'a dyn Data);

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write(self.0.write(), serializer)
    }
}

/// A record written with its `@odata.type` first (`true`) or as it is.
pub(crate) struct RecordJson<'a>(pub(crate) RecordRef<'a>, pub(crate) bool);

impl Serialize for RecordJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_record(self.0, self.1, serializer)
    }
}

fn write<S: Serializer>(out: Out<'_>, serializer: S) -> Result<S::Ok, S::Error> {
    match out {
        Out::Absent | Out::Null => serializer.serialize_none(),
        Out::Bool(v) => serializer.serialize_bool(v),
        Out::I64(v) => serializer.serialize_i64(v),
        Out::U64(v) => serializer.serialize_u64(v),
        // Through its shortest decimal form, so that `4.2` stays `4.2` in a `serde_json::Value` too
        // (widening the `f32` itself gives 4.199999809265137).
        Out::F32(v) if v.is_finite() => serializer.serialize_f64(v.to_string().parse().unwrap_or(f64::from(v))),
        Out::F32(v) => serializer.serialize_str(special_float(f64::from(v))),
        Out::F64(v) if v.is_finite() => serializer.serialize_f64(v),
        Out::F64(v) => serializer.serialize_str(special_float(v)),
        Out::Str(v) => serializer.serialize_str(v),
        Out::Text(v) => serializer.serialize_str(&v),
        Out::Display(v) => serializer.collect_str(v),
        Out::Formatted(v) => serializer.collect_str(&crate::data::TextOf(v)),
        Out::Bytes(v) => crate::edm::write_binary(v, serializer),
        Out::Json(v) => v.serialize(serializer),
        Out::Owned(v) => v.serialize(serializer),
        Out::Seq(items) => {
            let mut seq = serializer.serialize_seq(Some(items.len()))?;
            for index in 0..items.len() {
                match items.item(index) {
                    Some(item) => seq.serialize_element(&Json(item))?,
                    None => seq.serialize_element(&())?,
                }
            }
            seq.end()
        }
        Out::Record(record, typed) => write_record(record, typed, serializer),
        Out::Members(members) => {
            let mut map = serializer.serialize_map(Some(members.len()))?;
            for (key, out) in members {
                map.serialize_entry(&key, &Written(std::cell::Cell::new(Some(out))))?;
            }
            map.end()
        }
        Out::Stream(stream) => match &stream.value {
            Some(value) if stream.annotations().next().is_none() => value.serialize(serializer),
            _ => {
                let mut map = serializer.serialize_map(None)?;
                stream.serialize_members("", &mut map)?;
                map.end()
            }
        },
    }
}

pub(crate) fn special_float(v: f64) -> &'static str {
    if v.is_nan() {
        "NaN"
    } else if v > 0.0 {
        "INF"
    } else {
        "-INF"
    }
}

/// The JSON value `out` writes (`None` for [`Out::Absent`]).
pub(crate) fn to_value(out: Out<'_>) -> Option<serde_json::Value> {
    match out {
        Out::Absent => None,
        out => Some(serde_json::to_value(Written(std::cell::Cell::new(Some(out)))).unwrap_or_default()),
    }
}

/// A record: the `@odata.type` it was read with (or its own when `typed` and it has none), its set
/// members in table order (a member whose field still writes what it wrote when read in the form it
/// was read in, see [`kept`](crate::kept)), then its additional data.
fn write_record<S: Serializer>(record: RecordRef<'_>, typed: bool, serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    let additional = record.additional();
    match additional.get(ODATA_TYPE) {
        Some(odata_type) => map.serialize_entry(ODATA_TYPE, odata_type)?,
        None if typed => map.serialize_entry(ODATA_TYPE, record.record_type().odata_type)?,
        None => {}
    }
    let kept = additional.has_kept();
    for (index, json) in record.record_type().json.iter().enumerate() {
        let Some(value) = record.field(index) else { continue };
        if kept
            && let Some(kept) = u32::try_from(index).ok().and_then(|index| additional.kept(index))
            && kept.fits(value)
        {
            map.serialize_entry(json, &kept.original)?;
            continue;
        }
        match value.write() {
            Out::Absent => {}
            Out::Stream(stream) => stream.serialize_members(json, &mut map)?,
            out => map.serialize_entry(json, &Written(std::cell::Cell::new(Some(out))))?,
        }
    }
    additional.serialize_entries_except(&mut map, ODATA_TYPE)?;
    map.end()
}

/// An [`Out`] already computed, written once.
struct Written<'a>(std::cell::Cell<Option<Out<'a>>>);

impl Serialize for Written<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.take() {
            Some(out) => write(out, serializer),
            None => serializer.serialize_none(),
        }
    }
}
