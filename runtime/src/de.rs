//! Reading: any serde `Deserializer` drives a [`Data`] place.
//!
//! [`read`] is the one visitor of the crate. It is generic over the deserializer only, never over the
//! generated type: the place it fills is a `&mut dyn Data`, so however many types a crate generates,
//! this code is compiled once per input format. Generated types call [`deserialize`] from their
//! one-line `Deserialize` impls.
//!
//! Beside filling places, the visitor keeps reading lossless ([`kept`](crate::kept)): after each scalar
//! it checks that the place writes it back as it came, and when not, hands the value as read up to the
//! object that keeps it. It also knows where it is: an error names the JSON path of the value
//! (`value[3].closedDateTime`), what its place expects (with the Edm type) and what was found. In a
//! [`lenient`](crate::lenient) read, a value that does not fit is kept raw in its object's additional
//! data instead of failing the read.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Expected, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::data::{Data, Out, ReadError, ReadMap, ReadSeq, Scalar};
use crate::kept::{Kept, scalar_value};
use crate::polymorphic::ODATA_TYPE;

/// Reads a `T` from `deserializer` (the body of a generated type's `Deserialize` impl).
pub fn deserialize<'de, T: Data, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let mut value = T::empty();
    // An item of a `Page` is read by its own `Deserialize` impl: its path starts at `value[i]`.
    let page = Path { parent: None, seg: Seg::Key("value") };
    let root = match PAGE_ITEM.take() {
        Some(index) => Path { parent: Some(&page), seg: Seg::Index(index) },
        None => Path::ROOT,
    };
    read_at(deserializer, &mut value, &root)?;
    Ok(value)
}

/// Reads the next value of `deserializer` into `place`.
pub fn read<'de, D: Deserializer<'de>>(deserializer: D, place: &mut dyn Data) -> Result<(), D::Error> {
    read_at(deserializer, place, &Path::ROOT)
}

fn read_at<'de, D: Deserializer<'de>>(deserializer: D, place: &mut dyn Data, path: &Path<'_>) -> Result<(), D::Error> {
    match deserializer.deserialize_any(Place { data: &mut *place, path })? {
        // Nothing above the value to keep it in.
        Signal::Bad(bad) => Err(de::Error::custom(bad.1)),
        Signal::Null => Err(de::Error::custom(message(path, place, &ReadError::Mismatch, Found::Null))),
        Signal::Same | Signal::Spelled(_) => Ok(()),
    }
}

/// Reads a JSON object (buffered as a `Value`) into `object`, as if it came at `path`: how an `Any...`
/// enum reads again what it read before its `@odata.type` came.
pub(crate) fn read_object_at(value: Value, object: &mut dyn ReadMap, path: &str) -> Result<(), String> {
    struct Members<'o, 'p> {
        object: &'o mut dyn ReadMap,
        path: &'p Path<'p>,
    }
    impl<'de> Visitor<'de> for Members<'_, '_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let first = map.next_key::<MemberName<'de>>()?;
            read_members(self.object, map, first, self.path)
        }
    }
    let root = Path { parent: None, seg: Seg::Prefix(path) };
    de::Deserializer::deserialize_map(value, Members { object, path: &root }).map_err(|error| error.to_string())
}

thread_local! {
    /// The index of the `Page` item being read, set by the page for the item's `deserialize`.
    static PAGE_ITEM: Cell<Option<usize>> = const { Cell::new(None) };
    /// The values kept raw so far, while a lenient read runs on this thread.
    static LENIENT: RefCell<Option<Vec<crate::lenient::KeptRaw>>> = const { RefCell::new(None) };
}

/// Marks the next [`deserialize`] on this thread as reading item `index` of a page (for error paths).
pub(crate) fn page_item(index: Option<usize>) {
    PAGE_ITEM.set(index);
}

/// Starts collecting kept-raw values on this thread; returns what was collected before (for nesting).
pub(crate) fn lenient_begin() -> Option<Vec<crate::lenient::KeptRaw>> {
    LENIENT.with(|lenient| lenient.borrow_mut().replace(Vec::new()))
}

/// Ends a lenient read: returns what it kept raw and restores the state before it.
pub(crate) fn lenient_end(before: Option<Vec<crate::lenient::KeptRaw>>) -> Vec<crate::lenient::KeptRaw> {
    LENIENT.with(|lenient| std::mem::replace(&mut *lenient.borrow_mut(), before)).unwrap_or_default()
}

fn lenient() -> bool {
    LENIENT.with(|lenient| lenient.borrow().is_some())
}

fn report(path: &Path<'_>, error: &str) {
    LENIENT.with(|lenient| {
        if let Some(kept) = lenient.borrow_mut().as_mut() {
            kept.push(crate::lenient::KeptRaw { path: path.to_string(), error: error.to_owned() });
        }
    });
}

/// Where a value is: a JSON path from the top of the input, on the stack of the reader.
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
    /// The path of an object read again, as text.
    Prefix(&'a str),
}

impl Path<'_> {
    const ROOT: Path<'static> = Path { parent: None, seg: Seg::Root };

    fn is_item(&self) -> bool {
        matches!(self.seg, Seg::Index(_))
    }

    fn is_empty(&self) -> bool {
        match self.seg {
            Seg::Root => true,
            Seg::Prefix(text) => text.is_empty(),
            _ => false,
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            fmt::Display::fmt(parent, f)?;
        }
        match self.seg {
            Seg::Root => Ok(()),
            Seg::Key(key) if self.parent.is_some_and(|parent| !parent.is_empty()) => write!(f, ".{key}"),
            Seg::Key(key) | Seg::Prefix(key) => f.write_str(key),
            Seg::Index(index) => write!(f, "[{index}]"),
        }
    }
}

/// What the reader found where a place did not take it, for error messages.
enum Found<'a> {
    Scalar(&'a Scalar<'a>),
    Null,
    Map,
    Seq,
}

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Scalar(Scalar::Null) | Found::Null => f.write_str("null"),
            Found::Scalar(Scalar::Bool(v)) => write!(f, "boolean `{v}`"),
            Found::Scalar(Scalar::I64(v)) => write!(f, "integer `{v}`"),
            Found::Scalar(Scalar::U64(v)) => write!(f, "integer `{v}`"),
            Found::Scalar(Scalar::F64(v)) => write!(f, "number `{v}`"),
            Found::Scalar(Scalar::Str(v)) => write!(f, "string {v:?}"),
            Found::Scalar(Scalar::String(v)) => write!(f, "string {v:?}"),
            Found::Map => f.write_str("a JSON object"),
            Found::Seq => f.write_str("a JSON array"),
        }
    }
}

/// The message of a value its place does not take: where, what was expected (with the Edm type), what
/// was found.
fn message(path: &Path<'_>, place: &dyn Data, error: &ReadError, found: Found<'_>) -> String {
    let kind = match error {
        ReadError::Mismatch => "type",
        ReadError::Invalid(_) => "value",
    };
    let expected = Expecting(place);
    if path.is_empty() {
        format!("invalid {kind}: expected {expected}, found {found}")
    } else {
        format!("invalid {kind} at `{path}`: expected {expected}, found {found}")
    }
}

/// What reading a value tells the object or array around it.
enum Signal {
    /// The place writes the value back as it came.
    Same,
    /// The place writes the value differently; this is the value as read.
    Spelled(Box<Value>),
    /// A `null` item that the item type cannot hold (the array keeps it).
    Null,
    /// A lenient read found a value its place does not take: the value, raw, and the error.
    Bad(Box<(Value, String)>),
}

/// A place as a serde `DeserializeSeed`, for hand-written visitors: `map.next_value_seed(Seed(&mut value))`
/// reads the next value into `value` through its [`Data`] codec.
pub struct Seed<'p>(pub &'p mut dyn Data);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        read(deserializer, self.0)
    }
}

/// A place and where it is, as a serde seed and visitor.
struct Place<'p, 'a> {
    data: &'p mut dyn Data,
    path: &'a Path<'a>,
}

/// `Expected` for error messages, from the place's own description.
struct Expecting<'a>(&'a dyn Data);

impl Expected for Expecting<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

impl fmt::Display for Expecting<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

impl<'de> DeserializeSeed<'de> for Place<'_, '_> {
    type Value = Signal;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Signal, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// An item of an array being read: pushed when the reader finds one.
struct Item<'s, 'a> {
    items: &'s mut dyn ReadSeq,
    path: &'a Path<'a>,
}

impl<'de> DeserializeSeed<'de> for Item<'_, '_> {
    type Value = Signal;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Signal, D::Error> {
        deserializer.deserialize_any(Place { data: self.items.push(), path: self.path })
    }
}

/// What an array read keeps of an item whose place does not write it back as read.
struct Note {
    index: usize,
    original: Value,
    /// Whether the array's `Vec` holds the item (a `null` or bad item is left out of it).
    held: bool,
}

impl Place<'_, '_> {
    fn scalar<E: de::Error>(self, value: Scalar<'_>) -> Result<Signal, E> {
        match self.data.read_scalar(value.copy()) {
            Ok(()) if self.data.writes_as_read(&value) => Ok(Signal::Same),
            Ok(()) => Ok(Signal::Spelled(Box::new(scalar_value(&value)))),
            Err(ReadError::Mismatch) if matches!(value, Scalar::Null) && self.path.is_item() => Ok(Signal::Null),
            Err(error) => {
                let message = message(self.path, &*self.data, &error, Found::Scalar(&value));
                if lenient() {
                    Ok(Signal::Bad(Box::new((scalar_value(&value), message))))
                } else {
                    Err(E::custom(message))
                }
            }
        }
    }
}

impl<'de> Visitor<'de> for Place<'_, '_> {
    type Value = Signal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.data.expecting(f)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Signal, E> {
        self.scalar(Scalar::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Signal, E> {
        self.scalar(Scalar::I64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Signal, E> {
        self.scalar(Scalar::U64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Signal, E> {
        self.scalar(Scalar::F64(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Signal, E> {
        self.scalar(Scalar::Str(v))
    }

    // Owned strings (from `serde_json::Value`, readers) are read as borrowed ones, so that an error
    // can still quote the string.

    fn visit_unit<E: de::Error>(self) -> Result<Signal, E> {
        self.scalar(Scalar::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Signal, E> {
        self.scalar(Scalar::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Signal, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Signal, A::Error> {
        let items = match self.data.read_seq() {
            Ok(items) => items,
            Err(error) => {
                let message = message(self.path, &*self.data, &error, Found::Seq);
                if !lenient() {
                    return Err(de::Error::custom(message));
                }
                let mut raw = Vec::new();
                while let Some(item) = seq.next_element::<Value>()? {
                    raw.push(item);
                }
                return Ok(Signal::Bad(Box::new((Value::Array(raw), message))));
            }
        };
        let (mut notes, mut bad, mut index) = (Vec::new(), None, 0);
        loop {
            let at = Path { parent: Some(self.path), seg: Seg::Index(index) };
            let Some(signal) = seq.next_element_seed(Item { items: &mut *items, path: &at })? else { break };
            match signal {
                Signal::Same => {}
                Signal::Spelled(original) => notes.push(Note { index, original: *original, held: true }),
                Signal::Null => {
                    items.pop();
                    notes.push(Note { index, original: Value::Null, held: false });
                }
                Signal::Bad(raw) => {
                    let (raw, error) = *raw;
                    items.pop();
                    notes.push(Note { index, original: raw, held: false });
                    bad.get_or_insert(error);
                }
            }
            index += 1;
        }
        if notes.is_empty() {
            return Ok(Signal::Same);
        }
        let original = rebuild(&*self.data, index, notes);
        Ok(match bad {
            Some(error) => Signal::Bad(Box::new((original, error))),
            None => Signal::Spelled(Box::new(original)),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Signal, A::Error> {
        // `@odata.type` as the first member decides the type before any other member is read.
        let mut pending = map.next_key::<MemberName<'de>>()?;
        let odata_type = match &pending {
            Some(MemberName(key)) if key == ODATA_TYPE => {
                pending = None;
                Some(map.next_value::<Cow<'de, str>>()?)
            }
            _ => None,
        };
        let object = match self.data.read_map(odata_type.as_deref()) {
            Ok(object) => object,
            Err(error) => {
                let message = message(self.path, &*self.data, &error, Found::Map);
                if !lenient() {
                    return Err(de::Error::custom(message));
                }
                let mut raw = serde_json::Map::new();
                if let Some(odata_type) = odata_type {
                    raw.insert(ODATA_TYPE.to_owned(), Value::String(odata_type.into_owned()));
                }
                let mut next = pending;
                while let Some(MemberName(key)) = next {
                    raw.insert(key.into_owned(), map.next_value::<Value>()?);
                    next = map.next_key::<MemberName<'de>>()?;
                }
                return Ok(Signal::Bad(Box::new((Value::Object(raw), message))));
            }
        };
        let first = match pending {
            Some(key) => Some(key),
            None => map.next_key::<MemberName<'de>>()?,
        };
        read_members(object, map, first, self.path)?;
        Ok(Signal::Same)
    }
}

/// Reads the members of an object, `next` first, into `object`, keeping what its fields cannot hold.
fn read_members<'de, A: MapAccess<'de>>(
    object: &mut dyn ReadMap,
    mut map: A,
    mut next: Option<MemberName<'de>>,
    path: &Path<'_>,
) -> Result<(), A::Error> {
    let mut position = 0;
    while let Some(MemberName(key)) = next {
        match object.member(&key, &mut position) {
            Some(place) => {
                let at = Path { parent: Some(path), seg: Seg::Key(&key) };
                match map.next_value_seed(Place { data: &mut *place, path: &at })? {
                    Signal::Same | Signal::Null => {}
                    Signal::Spelled(original) => {
                        let canonical = crate::ser::to_value(place.write());
                        object.keep(&key, Kept { original: *original, canonical });
                    }
                    Signal::Bad(raw) => {
                        let (raw, error) = *raw;
                        report(&at, &error);
                        object.discard(&key, error);
                        object.other(key.to_string(), raw);
                    }
                }
            }
            None => {
                let value: Value = map.next_value()?;
                object.other(key.into_owned(), value);
            }
        }
        next = map.next_key::<MemberName<'de>>()?;
    }
    object.end_at(path).map_err(|error| match error {
        ReadError::Mismatch if path.is_empty() => de::Error::custom("the object does not fit its declared type"),
        ReadError::Mismatch => de::Error::custom(format_args!("the object at `{path}` does not fit its declared type")),
        ReadError::Invalid(message) => de::Error::custom(message),
    })
}

/// The array as read: the items the `Vec` holds as they are written, the noted items as they came.
fn rebuild(data: &dyn Data, len: usize, notes: Vec<Note>) -> Value {
    let written = data.write();
    let Out::Seq(items) = written else {
        return Value::Array(notes.into_iter().map(|note| note.original).collect());
    };
    let (mut array, mut held) = (Vec::with_capacity(len), 0);
    let mut notes = notes.into_iter().peekable();
    for index in 0..len {
        match notes.next_if(|note| note.index == index) {
            Some(note) => {
                held += usize::from(note.held);
                array.push(note.original);
            }
            None => {
                array.push(items.item(held).and_then(|item| crate::ser::to_value(item.write())).unwrap_or_default());
                held += 1;
            }
        }
    }
    Value::Array(array)
}

/// A JSON member name, borrowed from the input when it has no escapes (no allocation for known members).
pub(crate) struct MemberName<'de>(pub(crate) Cow<'de, str>);

impl<'de> de::Deserialize<'de> for MemberName<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = MemberName<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Borrowed(name)))
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Owned(name.to_owned())))
            }
            fn visit_string<E: de::Error>(self, name: String) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Owned(name)))
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}

/// Reads a leaf value (a date, a GUID, ...) from a scalar with the type's own serde reader.
pub(crate) fn read_leaf<T: DeserializeOwned>(place: &mut T, value: Scalar<'_>) -> Result<(), ReadError> {
    read_leaf_with(place, value, T::deserialize)
}

/// Reads a leaf value from a scalar with a serde reader function (an `edm` codec).
pub(crate) fn read_leaf_with<'a, T>(
    place: &mut T,
    value: Scalar<'a>,
    reader: impl FnOnce(ScalarDeserializer<'a>) -> Result<T, LeafError>,
) -> Result<(), ReadError> {
    if matches!(value, Scalar::Null) {
        return Err(ReadError::Mismatch);
    }
    *place = reader(ScalarDeserializer(value)).map_err(|error| ReadError::Invalid(error.0))?;
    Ok(())
}

/// One scalar as a serde `Deserializer`, so that the readers of leaf types run on it.
pub(crate) struct ScalarDeserializer<'a>(Scalar<'a>);

/// The error of a leaf reader: its message.
#[derive(Debug)]
pub(crate) struct LeafError(String);

impl fmt::Display for LeafError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LeafError {}

impl de::Error for LeafError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        LeafError(message.to_string())
    }
}

impl<'de> Deserializer<'de> for ScalarDeserializer<'_> {
    type Error = LeafError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, LeafError> {
        match self.0 {
            Scalar::Null => visitor.visit_unit(),
            Scalar::Bool(v) => visitor.visit_bool(v),
            Scalar::I64(v) => visitor.visit_i64(v),
            Scalar::U64(v) => visitor.visit_u64(v),
            Scalar::F64(v) => visitor.visit_f64(v),
            Scalar::Str(v) => visitor.visit_str(v),
            Scalar::String(v) => visitor.visit_string(v),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
