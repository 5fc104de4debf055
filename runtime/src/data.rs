//! The one interface between generated types and JSON: every field type implements [`Data`], an
//! object-safe trait that reads a value in place from JSON events and describes the value for
//! writing ([`Out`]).
//!
//! Generated structs do not expand serde code per type. Each describes its members as data (a
//! [`RecordType`](crate::record::RecordType) table and two accessors returning `&dyn Data`), and the
//! generic code here and in [`de`](crate::de) and [`ser`](crate::ser), compiled once, walks those
//! descriptions. That keeps the per-type cost of generated code to the struct, its table and two
//! `match`es (miniserde's place-based visitors and facet's shapes are the models for this).
//!
//! Implementations exist for the Rust forms of the Edm types (with the OData JSON rules: `Edm.Int64`
//! also as a string, `"NaN"`/`"INF"` floats, base64url binary, RFC 3339 dates), `String`, `bool`,
//! `serde_json::Value`, [`FlagSet`], [`Update`], [`ODataBind`], the GeoJSON types of
//! [`geo`](crate::geo), [`StreamDescriptor`](crate::StreamDescriptor), and `Option`, `Vec` and `Box`
//! of any of them.

use std::fmt;

use serde_json::Value;

use crate::record::RecordRef;
use crate::secret::Redacted;
use crate::{FlagMember, FlagSet, ODataBind, Update};

/// One JSON scalar, as read.
#[derive(Debug)]
pub enum Scalar<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A negative integer (or any integer the reader gives as `i64`).
    I64(i64),
    /// A non-negative integer.
    U64(u64),
    /// A number with a fraction or exponent.
    F64(f64),
    /// A string borrowed from the input.
    Str(&'a str),
    /// A string the reader owns (unescaped).
    String(String),
}

impl Scalar<'_> {
    /// The same scalar, borrowing its string.
    pub fn copy(&self) -> Scalar<'_> {
        match self {
            Scalar::Null => Scalar::Null,
            Scalar::Bool(v) => Scalar::Bool(*v),
            Scalar::I64(v) => Scalar::I64(*v),
            Scalar::U64(v) => Scalar::U64(*v),
            Scalar::F64(v) => Scalar::F64(*v),
            Scalar::Str(s) => Scalar::Str(s),
            Scalar::String(s) => Scalar::Str(s),
        }
    }

    /// The string, when the scalar is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            Scalar::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Why a value could not be read into a place.
#[derive(Debug)]
pub enum ReadError {
    /// The JSON value has the wrong type for the place (the reader names what it got and what was
    /// expected).
    Mismatch,
    /// The value has the right JSON type but is not valid (a malformed date, ...).
    Invalid(String),
}

/// A value as it is written: what [`Data::write`] returns and [`ser`](crate::ser) turns into JSON.
pub enum Out<'a> {
    /// Nothing: an unset `Option` or `Update` member is left out of its object (`null` elsewhere).
    Absent,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    I64(i64),
    /// An unsigned integer.
    U64(u64),
    /// `Edm.Single`: a number, or `"NaN"`, `"INF"`, `"-INF"`.
    F32(f32),
    /// `Edm.Double`: a number, or `"NaN"`, `"INF"`, `"-INF"`.
    F64(f64),
    /// A borrowed string.
    Str(&'a str),
    /// A string made for writing.
    Text(String),
    /// A value written as its `Display` form.
    Display(&'a dyn fmt::Display),
    /// A string the value formats itself (dates and times in their OData form).
    Formatted(&'a dyn JsonText),
    /// `Edm.Binary`: unpadded base64url.
    Bytes(&'a [u8]),
    /// A JSON array.
    Seq(&'a dyn WriteSeq),
    /// A JSON object of a generated type; `true` writes the type's `@odata.type` first when the value
    /// carries none (a derived value where its base is declared).
    Record(RecordRef<'a>, bool),
    /// Untyped JSON.
    Json(&'a Value),
    /// JSON made for writing (a leaf value in the form its own serde impl writes).
    Owned(Value),
    /// A JSON object made for writing, its members in this order (a GeoJSON value, ...).
    Members(Vec<(std::borrow::Cow<'a, str>, Out<'a>)>),
    /// A stream: written as the media annotations of its member (`name@odata.mediaReadLink`, ...) in
    /// an object, as an object of those annotations elsewhere.
    Stream(&'a crate::StreamDescriptor),
}

/// A value whose JSON form is a string it writes itself, without allocating ([`Out::Formatted`]).
pub trait JsonText {
    /// Writes the string's text (without quotes).
    fn fmt_text(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// A [`JsonText`] as `Display`.
pub struct TextOf<'a>(pub &'a dyn JsonText);

impl fmt::Display for TextOf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_text(f)
    }
}

/// A value that reads itself from JSON events and describes itself for writing.
///
/// Object safe: generated code hands out `&mut dyn Data` for its fields. Reading methods default to
/// "wrong JSON type"; a type overrides those its JSON form uses.
pub trait Data {
    /// An empty value to read into (`None`, an empty string or struct, ...).
    fn empty() -> Self
    where
        Self: Sized;

    /// Whether [`empty`](Self::empty)'s value owns nothing (no allocation, nothing to drop), so that
    /// copies of its bytes are empty values too: true for `None` and `Update::Unset`. Generated
    /// structs whose fields all say so are built by copying a prototype.
    fn empty_is_plain() -> bool
    where
        Self: Sized,
    {
        false
    }

    /// What JSON this place takes, for error messages ("a string", ...).
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// Reads a scalar (`null`, a boolean, a number or a string).
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        let _ = value;
        Err(ReadError::Mismatch)
    }

    /// Starts reading a JSON array: the place for its items.
    fn read_seq(&mut self) -> Result<&mut dyn ReadSeq, ReadError> {
        Err(ReadError::Mismatch)
    }

    /// Starts reading a JSON object whose first member was `@odata.type` with this value, if it was.
    fn read_map(&mut self, odata_type: Option<&str>) -> Result<&mut dyn ReadMap, ReadError> {
        let _ = odata_type;
        Err(ReadError::Mismatch)
    }

    /// The place for the instance annotation `term` of this value (`odata.mediaReadLink`: the part
    /// after `name@`), when its type keeps that annotation in a field, as a
    /// [`StreamDescriptor`](crate::StreamDescriptor) keeps the media annotations. `None`, the
    /// default: the annotation stays in the object's additional data.
    fn annotation(&mut self, term: &str) -> Option<&mut dyn Data> {
        let _ = term;
        None
    }

    /// The value as it is written.
    fn write(&self) -> Out<'_>;

    /// Whether the value, just read from `input`, writes it back as it came (see
    /// [`kept`](crate::kept)). The default compares [`write`](Self::write)'s form with the input.
    #[doc(hidden)]
    fn writes_as_read(&self, input: &Scalar<'_>) -> bool {
        crate::kept::same(&self.write(), input)
    }

    /// What `Debug` shows of a secret value: whether it is set, never the value.
    fn redacted(&self) -> Redacted {
        Redacted::value(self)
    }

    /// For `Vec<Self>`: reads a JSON string into the vector (`Vec<u8>` reads base64).
    #[doc(hidden)]
    fn read_vec_from_str(vec: &mut Vec<Self>, text: &str) -> Result<(), ReadError>
    where
        Self: Sized,
    {
        let _ = (vec, text);
        Err(ReadError::Mismatch)
    }

    /// For `Vec<Self>`: what the vector expects, for error messages.
    #[doc(hidden)]
    fn expecting_vec(f: &mut fmt::Formatter<'_>) -> fmt::Result
    where
        Self: Sized,
    {
        f.write_str("a JSON array")
    }

    /// For `Vec<Self>`: a special written form (`Vec<u8>` writes base64url).
    #[doc(hidden)]
    fn write_vec(vec: &[Self]) -> Option<Out<'_>>
    where
        Self: Sized,
    {
        let _ = vec;
        None
    }
}

/// A JSON array being read: each item is read into the place [`push`](Self::push) returns.
pub trait ReadSeq {
    /// Appends an empty item and returns it to read into.
    fn push(&mut self) -> &mut dyn Data;
    /// Removes the last item (pushed before the reader found the array's end).
    fn pop(&mut self);
}

/// A JSON object being read.
pub trait ReadMap {
    /// The place for member `key`, or `None` when the type has no such member. `next` is where the
    /// reader expects it: the position after the previous member's (members usually come in schema
    /// order), updated to the position after this one.
    fn member(&mut self, key: &str, next: &mut usize) -> Option<&mut dyn Data>;
    /// Keeps a member the type has no field for (an unknown property or an annotation).
    fn other(&mut self, key: String, value: Value);
    /// Keeps how member `key` was read, because its field writes it differently
    /// ([`kept`](crate::kept)). The default forgets it.
    fn keep(&mut self, key: &str, kept: crate::kept::Kept) {
        let _ = (key, kept);
    }
    /// Empties the field of member `key` (a lenient read keeps its value raw instead) and records
    /// why. The default does nothing.
    fn discard(&mut self, key: &str, error: String) {
        let _ = (key, error);
    }
    /// Called after the last member, with the object's JSON path for error messages; the default
    /// calls [`end`](Self::end).
    fn end_at(&mut self, path: &dyn fmt::Display) -> Result<(), ReadError> {
        let _ = path;
        self.end()
    }
    /// Called after the last member.
    fn end(&mut self) -> Result<(), ReadError> {
        Ok(())
    }
}

/// A JSON array being written.
pub trait WriteSeq {
    /// Number of items.
    fn len(&self) -> usize;
    /// Whether there are no items.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Item `index` (`index < len()`).
    fn item(&self, index: usize) -> Option<&dyn Data>;
}

fn expect(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str(text)
}

impl Data for String {
    fn empty() -> Self {
        String::new()
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, "a string (Edm.String)")
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        match value {
            Scalar::Str(s) => {
                self.clear();
                self.push_str(s);
            }
            Scalar::String(s) => *self = s,
            _ => return Err(ReadError::Mismatch),
        }
        Ok(())
    }
    fn write(&self) -> Out<'_> {
        Out::Str(self)
    }
}

/// The result of an operation that returns nothing: reads `null` only, writes `null`.
impl Data for () {
    fn empty() -> Self {}
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, "null")
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        match value {
            Scalar::Null => Ok(()),
            _ => Err(ReadError::Mismatch),
        }
    }
    fn write(&self) -> Out<'_> {
        Out::Null
    }
}

impl Data for bool {
    fn empty() -> Self {
        false
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, "a boolean (Edm.Boolean)")
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        match value {
            Scalar::Bool(b) => *self = b,
            _ => return Err(ReadError::Mismatch),
        }
        Ok(())
    }
    fn write(&self) -> Out<'_> {
        Out::Bool(*self)
    }
}

/// Integers: JSON numbers; `Edm.Int64` also from a string (`IEEE754Compatible=true`) and from a
/// number with a zero fraction (`1.0`, `1e3`).
macro_rules! integer {
    ($($ty:ty => $out:ident, $what:literal;)*) => {$(
        impl Data for $ty {
            fn empty() -> Self {
                0
            }
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                expect(f, $what)
            }
            fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
                *self = match value {
                    Scalar::I64(v) => <$ty>::try_from(v).map_err(|_| out_of_range(v, $what))?,
                    Scalar::U64(v) => <$ty>::try_from(v).map_err(|_| out_of_range(v, $what))?,
                    Scalar::F64(v) => integer_from_f64(v).and_then(|v| <$ty>::try_from(v).ok())
                        .ok_or_else(|| out_of_range(v, $what))?,
                    Scalar::Str(s) => s.trim().parse().map_err(|_| not_a_number(s, $what))?,
                    Scalar::String(s) => s.trim().parse().map_err(|_| not_a_number(&s, $what))?,
                    _ => return Err(ReadError::Mismatch),
                };
                Ok(())
            }
            fn write(&self) -> Out<'_> {
                Out::$out((*self).into())
            }
        }
    )*};
}

integer! {
    i8 => I64, "an 8-bit signed integer (Edm.SByte)";
    i16 => I64, "a 16-bit integer (Edm.Int16)";
    i32 => I64, "a 32-bit integer (Edm.Int32)";
    i64 => I64, "a 64-bit integer as a number or a string (Edm.Int64)";
}

impl Data for u8 {
    fn empty() -> Self {
        0
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, "a byte (0 to 255) (Edm.Byte)")
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        let mut wide = 0i64;
        wide.read_scalar(value)?;
        *self = u8::try_from(wide).map_err(|_| out_of_range(wide, "a byte (0 to 255)"))?;
        Ok(())
    }
    fn write(&self) -> Out<'_> {
        Out::U64(u64::from(*self))
    }
    fn read_vec_from_str(vec: &mut Vec<u8>, text: &str) -> Result<(), ReadError> {
        *vec = crate::edm::decode_binary(text).ok_or_else(|| {
            ReadError::Invalid(format!("invalid value: string {text:?}, expected base64url or base64 binary data"))
        })?;
        Ok(())
    }
    fn expecting_vec(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, "base64url or base64 binary data (Edm.Binary)")
    }
    fn write_vec(vec: &[u8]) -> Option<Out<'_>> {
        Some(Out::Bytes(vec))
    }
}

fn integer_from_f64(v: f64) -> Option<i64> {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    (v.fract() == 0.0 && (-LIMIT..LIMIT).contains(&v)).then_some(v as i64)
}

fn out_of_range(value: impl fmt::Display, expected: &str) -> ReadError {
    ReadError::Invalid(format!("invalid value: {value}, expected {expected}"))
}

fn not_a_number(text: &str, expected: &str) -> ReadError {
    ReadError::Invalid(format!("invalid value: string {text:?}, expected {expected}"))
}

/// A float from a number or from `"NaN"`, `"INF"`, `"-INF"` or a numeric string.
fn read_float(value: Scalar<'_>) -> Result<f64, ReadError> {
    const WHAT: &str = r#"a number, "NaN", "INF" or "-INF""#;
    Ok(match value {
        Scalar::F64(v) => v,
        Scalar::I64(v) => v as f64,
        Scalar::U64(v) => v as f64,
        Scalar::Str(s) => crate::edm::parse_float(s).ok_or_else(|| not_a_number(s, WHAT))?,
        Scalar::String(s) => crate::edm::parse_float(&s).ok_or_else(|| not_a_number(&s, WHAT))?,
        _ => return Err(ReadError::Mismatch),
    })
}

impl Data for f64 {
    fn empty() -> Self {
        0.0
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, r#"a number, "NaN", "INF" or "-INF" (Edm.Double)"#)
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        *self = read_float(value)?;
        Ok(())
    }
    fn write(&self) -> Out<'_> {
        Out::F64(*self)
    }
}

impl Data for f32 {
    fn empty() -> Self {
        0.0
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, r#"a number, "NaN", "INF" or "-INF" (Edm.Single)"#)
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        *self = read_float(value)? as f32;
        Ok(())
    }
    fn write(&self) -> Out<'_> {
        Out::F32(*self)
    }
}

impl<T: Data> Data for Option<T> {
    fn empty() -> Self {
        None
    }
    fn empty_is_plain() -> bool {
        true
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Some(value) => value.expecting(f),
            None => T::empty().expecting(f),
        }
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        if let Scalar::Null = value {
            *self = None;
            return Ok(());
        }
        self.get_or_insert_with(T::empty).read_scalar(value)
    }
    fn read_seq(&mut self) -> Result<&mut dyn ReadSeq, ReadError> {
        self.get_or_insert_with(T::empty).read_seq()
    }
    fn read_map(&mut self, odata_type: Option<&str>) -> Result<&mut dyn ReadMap, ReadError> {
        self.get_or_insert_with(T::empty).read_map(odata_type)
    }
    fn annotation(&mut self, term: &str) -> Option<&mut dyn Data> {
        if self.is_none() {
            // A value is made only when its type keeps the annotation.
            let mut value = T::empty();
            value.annotation(term)?;
            *self = Some(value);
        }
        self.as_mut()?.annotation(term)
    }
    fn write(&self) -> Out<'_> {
        match self {
            Some(value) => value.write(),
            None => Out::Absent,
        }
    }
    fn writes_as_read(&self, input: &Scalar<'_>) -> bool {
        match self {
            Some(value) => value.writes_as_read(input),
            None => false,
        }
    }
    fn redacted(&self) -> Redacted {
        Redacted::option(self)
    }
}

/// `Data` for `Box<T>` of a generated struct `T` (a field on a cycle of structs is boxed). A blanket
/// impl for every `Box<T>` would overlap the one for generated structs, so the generator writes
/// `odata_runtime::boxed!(T)` for each boxed type.
#[macro_export]
macro_rules! boxed {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::data::Data for ::std::boxed::Box<$ty> {
            fn empty() -> Self {
                ::std::boxed::Box::new($crate::data::Data::empty())
            }
            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::data::Data::expecting(&**self, f)
            }
            fn read_map(
                &mut self,
                odata_type: ::core::option::Option<&str>,
            ) -> ::core::result::Result<&mut dyn $crate::data::ReadMap, $crate::data::ReadError> {
                $crate::data::Data::read_map(&mut **self, odata_type)
            }
            fn write(&self) -> $crate::data::Out<'_> {
                $crate::data::Data::write(&**self)
            }
        }
    )*};
}

impl<T: Data> Data for Vec<T> {
    fn empty() -> Self {
        Vec::new()
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        T::expecting_vec(f)
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        match value.as_str() {
            Some(text) => T::read_vec_from_str(self, text),
            None => Err(ReadError::Mismatch),
        }
    }
    fn read_seq(&mut self) -> Result<&mut dyn ReadSeq, ReadError> {
        self.clear();
        Ok(self)
    }
    fn write(&self) -> Out<'_> {
        T::write_vec(self).unwrap_or(Out::Seq(self))
    }
}

impl<T: Data> ReadSeq for Vec<T> {
    fn push(&mut self) -> &mut dyn Data {
        self.push(T::empty());
        let last = self.len() - 1;
        &mut self[last]
    }
    fn pop(&mut self) {
        Vec::pop(self);
    }
}

impl<T: Data> WriteSeq for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn item(&self, index: usize) -> Option<&dyn Data> {
        self.get(index).map(|item| item as &dyn Data)
    }
}

impl Data for Value {
    fn empty() -> Self {
        Value::Null
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, "any JSON value")
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        *self = match value {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::I64(v) => Value::from(v),
            Scalar::U64(v) => Value::from(v),
            Scalar::F64(v) => serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
            Scalar::Str(s) => Value::String(s.to_owned()),
            Scalar::String(s) => Value::String(s),
        };
        Ok(())
    }
    fn read_seq(&mut self) -> Result<&mut dyn ReadSeq, ReadError> {
        *self = Value::Array(Vec::new());
        match self {
            Value::Array(items) => Ok(items),
            _ => Err(ReadError::Mismatch),
        }
    }
    fn read_map(&mut self, odata_type: Option<&str>) -> Result<&mut dyn ReadMap, ReadError> {
        let mut map = serde_json::Map::new();
        if let Some(odata_type) = odata_type {
            map.insert(crate::polymorphic::ODATA_TYPE.to_owned(), Value::String(odata_type.to_owned()));
        }
        *self = Value::Object(map);
        match self {
            Value::Object(map) => Ok(map),
            _ => Err(ReadError::Mismatch),
        }
    }
    fn write(&self) -> Out<'_> {
        Out::Json(self)
    }
}

impl ReadMap for serde_json::Map<String, Value> {
    fn member(&mut self, _key: &str, _next: &mut usize) -> Option<&mut dyn Data> {
        None
    }
    fn other(&mut self, key: String, value: Value) {
        self.insert(key, value);
    }
}

impl<F: FlagMember> Data for FlagSet<F> {
    fn empty() -> Self {
        FlagSet::new()
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, "a comma-separated list of flag names")
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        match value.as_str() {
            Some(text) => *self = FlagSet::parse(text),
            None => return Err(ReadError::Mismatch),
        }
        Ok(())
    }
    fn write(&self) -> Out<'_> {
        Out::Display(self)
    }
}

impl<T: Data> Data for Update<T> {
    fn empty() -> Self {
        Update::Unset
    }
    fn empty_is_plain() -> bool {
        true
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Update::Value(value) => value.expecting(f),
            _ => T::empty().expecting(f),
        }
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        if let Scalar::Null = value {
            *self = Update::Null;
            return Ok(());
        }
        self.value_mut()?.read_scalar(value)
    }
    fn read_seq(&mut self) -> Result<&mut dyn ReadSeq, ReadError> {
        self.value_mut()?.read_seq()
    }
    fn read_map(&mut self, odata_type: Option<&str>) -> Result<&mut dyn ReadMap, ReadError> {
        self.value_mut()?.read_map(odata_type)
    }
    fn write(&self) -> Out<'_> {
        match self {
            Update::Unset => Out::Absent,
            Update::Null => Out::Null,
            Update::Value(value) => value.write(),
        }
    }
    fn writes_as_read(&self, input: &Scalar<'_>) -> bool {
        match self {
            Update::Value(value) => value.writes_as_read(input),
            _ => crate::kept::same(&self.write(), input),
        }
    }
    fn redacted(&self) -> Redacted {
        Redacted::update(self)
    }
}

impl<T: Data> Update<T> {
    /// The value to read into: the current one, or a new empty one.
    fn value_mut(&mut self) -> Result<&mut T, ReadError> {
        if !matches!(self, Update::Value(_)) {
            *self = Update::Value(T::empty());
        }
        match self {
            Update::Value(value) => Ok(value),
            // Not reached: the value was just set.
            _ => Err(ReadError::Mismatch),
        }
    }
}

impl Data for ODataBind {
    fn empty() -> Self {
        ODataBind::Many(Vec::new())
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, "a URL or an array of URLs")
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        match value {
            Scalar::Str(s) => *self = ODataBind::One(s.to_owned()),
            Scalar::String(s) => *self = ODataBind::One(s),
            _ => return Err(ReadError::Mismatch),
        }
        Ok(())
    }
    fn read_seq(&mut self) -> Result<&mut dyn ReadSeq, ReadError> {
        *self = ODataBind::Many(Vec::new());
        match self {
            ODataBind::Many(urls) => Ok(urls),
            ODataBind::One(_) => Err(ReadError::Mismatch),
        }
    }
    fn write(&self) -> Out<'_> {
        match self {
            ODataBind::One(url) => Out::Str(url),
            ODataBind::Many(urls) => Out::Seq(urls),
        }
    }
}

impl Data for crate::edm::Duration {
    fn empty() -> Self {
        Self::default()
    }
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expect(f, "an ISO 8601 duration (Edm.Duration)")
    }
    fn read_scalar(&mut self, value: Scalar<'_>) -> Result<(), ReadError> {
        crate::de::read_leaf(self, value)
    }
    fn write(&self) -> Out<'_> {
        Out::Display(self)
    }
}
