//! Member tables and field access: the one module of the crate with `unsafe` code, including the
//! `unsafe impl` that the [`record!`](crate::record!) and [`write_model!`](crate::write_model!)
//! macros defined here write (generated files themselves contain no `unsafe`).
//!
//! A generated struct is described by a [`RecordType`]: per member its JSON name, its Rust name and
//! the [`FieldOps`] of its field type, a table of plain functions compiled once per field type (not
//! per struct). The struct is `#[repr(C)]`, so where each field lies follows from the field types in
//! order (the C layout rule, computed once per table at run time and cached). Generic code here reads,
//! writes, builds, clones, compares and prints any struct through its table, so a generated struct
//! costs a constant table and a few one-line impls instead of expanded function bodies (the facet
//! crate's shapes and upb's message tables are the models).
//!
//! Soundness rests on one invariant, which [`Record`]'s safety contract states and the macros uphold
//! by writing the struct and its table from the same list of fields: the struct is `#[repr(C)]`, its
//! fields are the table's members in order, each of the type its `FieldOps` were made for, then one
//! `AdditionalData` field. [`check`] verifies a table against what can be observed of its struct (size
//! and alignment of the C layout, list lengths, a clone and comparison round trip), and every generated
//! module has a test that runs it over its structs.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::sync::{OnceLock, RwLock};

use crate::AdditionalData;
use crate::data::Data;

/// What generic code can do with a field of one type, through a pointer to it.
pub struct FieldOps {
    place: unsafe fn(*mut u8) -> *mut dyn Data,
    value: unsafe fn(*const u8) -> *const dyn Data,
    init: unsafe fn(*mut u8),
    reset: unsafe fn(*mut u8),
    clone: unsafe fn(*const u8, *mut u8),
    eq: unsafe fn(*const u8, *const u8) -> bool,
    debug: unsafe fn(*const u8, &mut fmt::Formatter<'_>) -> fmt::Result,
    empty_is_plain: fn() -> bool,
    size: usize,
    align: usize,
}

/// A field type of generated structs: its [`FieldOps`].
pub trait Field: Data + Clone + PartialEq + fmt::Debug + Sized + 'static {
    /// The operations on a field of this type.
    const OPS: FieldOps = FieldOps {
        place: field_place::<Self>,
        value: field_value::<Self>,
        init: field_init::<Self>,
        reset: field_reset::<Self>,
        clone: field_clone::<Self>,
        eq: field_eq::<Self>,
        debug: field_debug::<Self>,
        empty_is_plain: <Self as Data>::empty_is_plain,
        size: size_of::<Self>(),
        align: align_of::<Self>(),
    };

    /// [`OPS`](Self::OPS), through a function pointer: member tables hold these, which keeps them free
    /// of one promoted constant per member.
    fn ops() -> &'static FieldOps {
        &Self::OPS
    }
}

impl<T: Data + Clone + PartialEq + fmt::Debug + 'static> Field for T {}

// SAFETY (the seven functions below): each is only called through the `FieldOps` of `T`, made by
// `Field::OPS` for `T`, with pointers that `RecordRef`/`RecordMut` and the helpers below computed as
// the base of a live struct plus the offset of a field of type `T` (the invariant of `Record`), so
// they point to a valid, aligned `T` (`init` and `clone`: to memory for one, not yet initialized).

unsafe fn field_place<T: Data + 'static>(field: *mut u8) -> *mut dyn Data {
    field.cast::<T>() as *mut dyn Data
}

unsafe fn field_value<T: Data + 'static>(field: *const u8) -> *const dyn Data {
    field.cast::<T>() as *const dyn Data
}

unsafe fn field_init<T: Data>(field: *mut u8) {
    // SAFETY: `field` points to memory for a `T` (see above); `write` does not drop the old bytes.
    unsafe { field.cast::<T>().write(T::empty()) }
}

unsafe fn field_reset<T: Data>(field: *mut u8) {
    // SAFETY: `field` points to a valid `T` (see above); assigning drops the old value.
    unsafe { *field.cast::<T>() = T::empty() }
}

unsafe fn field_clone<T: Clone>(from: *const u8, to: *mut u8) {
    // SAFETY: `from` points to a valid `T`, `to` to memory for one (see above).
    unsafe { to.cast::<T>().write((*from.cast::<T>()).clone()) }
}

unsafe fn field_eq<T: PartialEq>(a: *const u8, b: *const u8) -> bool {
    // SAFETY: both point to valid `T`s (see above).
    unsafe { *a.cast::<T>() == *b.cast::<T>() }
}

unsafe fn field_debug<T: fmt::Debug>(field: *const u8, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    // SAFETY: `field` points to a valid `T` (see above).
    unsafe { fmt::Debug::fmt(&*field.cast::<T>(), f) }
}

/// The description of a generated struct: its members, in field order, then its `additional` field.
///
/// The struct is `#[repr(C)]` with the members' fields in table order and the `AdditionalData` field
/// last, so the offset of every field follows from the sizes and alignments of the field types (the C
/// layout rule): tables hold no offsets, which keeps them cheap to compile.
pub struct RecordType {
    /// The qualified type name with a leading `#`, as written in `@odata.type`.
    pub odata_type: &'static str,
    /// The Rust type name, for `Debug`.
    pub rust: &'static str,
    /// JSON member names in field order (`name@odata.bind` for a write model's binding).
    pub json: &'static [&'static str],
    /// Rust field names in field order (`r#type` for a raw identifier), for `Debug`.
    pub fields: &'static [&'static str],
    /// The operations of each field's type (`<FieldType as Field>::ops`), in field order.
    pub ops: &'static [fn() -> &'static FieldOps],
    /// Positions of the members sorted by JSON name, for reading (empty: the type is never read).
    pub lookup: &'static [u32],
    /// Positions of the members whose values `Debug` hides (secrets).
    pub secret: &'static [u32],
}

impl fmt::Debug for RecordType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordType").field("odata_type", &self.odata_type).field("rust", &self.rust).finish()
    }
}

impl RecordType {
    /// The position of member `name`, if the type reads one.
    pub fn position(&self, name: &str) -> Option<usize> {
        let found =
            self.lookup.binary_search_by(|index| self.json.get(*index as usize).copied().unwrap_or_default().cmp(name));
        found.ok().and_then(|at| self.lookup.get(at)).map(|index| *index as usize)
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// Whether the type has no members.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
}

/// The C layout of a table's struct: each member's operations with its field's offset, the offset of
/// `additional`, and the size and alignment of the struct.
struct Layout {
    fields: Box<[(&'static FieldOps, usize)]>,
    additional: usize,
    size: usize,
    align: usize,
    /// An empty value's bytes (`additional` left out), when every field's empty value owns nothing.
    prototype: Option<Box<[MaybeUninit<u128>]>>,
}

impl Layout {
    /// Lays the fields out by the `#[repr(C)]` rule: each field at the next offset that is a multiple
    /// of its alignment, in declaration order; the size is rounded up to the largest alignment.
    fn of(ty: &RecordType) -> Layout {
        let mut fields = Vec::with_capacity(ty.ops.len());
        let (mut offset, mut align) = (0usize, 1usize);
        let mut place = |size: usize, field_align: usize| {
            offset = offset.next_multiple_of(field_align);
            let at = offset;
            offset += size;
            align = align.max(field_align);
            at
        };
        for ops in ty.ops {
            let ops = ops();
            fields.push((ops, place(ops.size, ops.align)));
        }
        let additional = place(size_of::<AdditionalData>(), align_of::<AdditionalData>());
        let size = offset.next_multiple_of(align);
        let mut layout = Layout { fields: fields.into_boxed_slice(), additional, size, align, prototype: None };
        let plain = layout.fields.iter().all(|(ops, _)| (ops.empty_is_plain)());
        if plain && align <= align_of::<u128>() {
            let mut prototype =
                vec![MaybeUninit::<u128>::uninit(); size.div_ceil(size_of::<u128>())].into_boxed_slice();
            let base = prototype.as_mut_ptr().cast::<u8>();
            for (ops, offset) in &layout.fields {
                // SAFETY: the buffer has at least `size` bytes and an alignment no smaller than any
                // field's, so `base + offset` is memory for that field's type; the value written owns
                // nothing, so it needs no drop when the buffer goes.
                unsafe { (ops.init)(base.add(*offset)) };
            }
            layout.prototype = Some(prototype);
        }
        layout
    }
}

/// The layout of `ty`, computed once per table.
///
/// Reading looks it up for every member, so a small per-thread cache answers first; the shared map
/// behind it holds every table's layout.
fn layout(ty: &'static RecordType) -> &'static Layout {
    const SLOTS: usize = 64;
    type Slot = std::cell::Cell<Option<(usize, &'static Layout)>>;
    thread_local! {
        static RECENT: [Slot; SLOTS] = const { [const { std::cell::Cell::new(None) }; SLOTS] };
    }
    let key = std::ptr::from_ref(ty) as usize;
    let slot = (key >> 4) % SLOTS;
    let cached = RECENT.with(|recent| recent.get(slot).and_then(std::cell::Cell::get));
    if let Some((cached_key, found)) = cached
        && cached_key == key
    {
        return found;
    }
    let found = shared_layout(ty, key);
    RECENT.with(|recent| {
        if let Some(entry) = recent.get(slot) {
            entry.set(Some((key, found)));
        }
    });
    found
}

/// The layout of `ty` from the map shared by all threads, computed on first use.
fn shared_layout(ty: &'static RecordType, key: usize) -> &'static Layout {
    static SHARED: OnceLock<RwLock<HashMap<usize, &'static Layout>>> = OnceLock::new();
    let shared = SHARED.get_or_init(Default::default);
    if let Some(found) = shared.read().ok().and_then(|map| map.get(&key).copied()) {
        return found;
    }
    // Leaked once per table: the map lives as long as the program, like the tables.
    let computed: &'static Layout = Box::leak(Box::new(Layout::of(ty)));
    if let Ok(mut map) = shared.write() {
        map.insert(key, computed);
    }
    computed
}

/// A generated struct described by a member table.
///
/// # Safety
///
/// `TYPE` describes `Self` exactly: `Self` is `#[repr(C)]`, its fields are the members' fields in
/// table order, each of the type its `ops` were made for (`<FieldType as Field>::ops`), followed by
/// one `AdditionalData` field and nothing else. Implement it only through
/// [`record!`](crate::record!) or [`write_model!`](crate::write_model!), which define the struct and
/// the table from one list of fields.
pub unsafe trait Record: Sized + 'static {
    /// The member table.
    const TYPE: &'static RecordType;
}

/// A shared reference to a generated struct, its type erased to its table.
#[derive(Clone, Copy)]
pub struct RecordRef<'a> {
    base: *const u8,
    ty: &'static RecordType,
    layout: &'static Layout,
    life: PhantomData<&'a ()>,
}

impl<'a> RecordRef<'a> {
    /// Erases the type of `value`.
    pub fn new<T: Record>(value: &'a T) -> Self {
        RecordRef { base: std::ptr::from_ref(value).cast(), ty: T::TYPE, layout: layout(T::TYPE), life: PhantomData }
    }

    /// The member table.
    pub fn record_type(&self) -> &'static RecordType {
        self.ty
    }

    /// The field of member `index`.
    pub fn field(&self, index: usize) -> Option<&'a dyn Data> {
        let (ops, offset) = self.layout.fields.get(index)?;
        // SAFETY: `base` points to a live `T` described by `ty` (made from `&'a T` and `T::TYPE`), and
        // `layout` is its C layout, so `base + offset` is the field of member `index`, of the type
        // `ops` handle, borrowed for `'a`.
        Some(unsafe { &*(ops.value)(self.base.add(*offset)) })
    }

    /// The struct's additional data.
    pub fn additional(&self) -> &'a AdditionalData {
        // SAFETY: `layout.additional` is the offset of the `AdditionalData` field (see `Record`).
        unsafe { &*self.base.add(self.layout.additional).cast::<AdditionalData>() }
    }
}

/// A mutable reference to a generated struct, its type erased to its table.
pub struct RecordMut<'a> {
    base: *mut u8,
    ty: &'static RecordType,
    layout: &'static Layout,
    life: PhantomData<&'a mut ()>,
}

impl<'a> RecordMut<'a> {
    /// Erases the type of `value`.
    pub fn new<T: Record>(value: &'a mut T) -> Self {
        RecordMut { base: std::ptr::from_mut(value).cast(), ty: T::TYPE, layout: layout(T::TYPE), life: PhantomData }
    }

    /// The member table.
    pub fn record_type(&self) -> &'static RecordType {
        self.ty
    }

    /// The field of member `index`, to read into.
    pub fn field(self, index: usize) -> Option<&'a mut dyn Data> {
        let (ops, offset) = self.layout.fields.get(index)?;
        // SAFETY: as in `RecordRef::field`, from `&'a mut T`; `self` is consumed, so the returned
        // reference is the only one derived from it.
        Some(unsafe { &mut *(ops.place)(self.base.add(*offset)) })
    }

    /// Sets the field of member `index` back to its empty value (`None`, ...).
    pub fn reset(&mut self, index: usize) {
        if let Some((ops, offset)) = self.layout.fields.get(index) {
            // SAFETY: as in `field`: `base + offset` is the live field of member `index`, of the type
            // `ops` handle, and `self` borrows the struct mutably.
            unsafe { (ops.reset)(self.base.add(*offset)) }
        }
    }

    /// The struct's additional data.
    pub fn additional(self) -> &'a mut AdditionalData {
        // SAFETY: as in `RecordRef::additional`, from `&'a mut T`; `self` is consumed.
        unsafe { &mut *self.base.add(self.layout.additional).cast::<AdditionalData>() }
    }

    /// A shorter-lived copy, so that `self` can be used again afterwards.
    pub fn reborrow(&mut self) -> RecordMut<'_> {
        RecordMut { base: self.base, ty: self.ty, layout: self.layout, life: PhantomData }
    }

    /// The same struct, read-only.
    pub fn as_ref(&self) -> RecordRef<'_> {
        RecordRef { base: self.base, ty: self.ty, layout: self.layout, life: PhantomData }
    }
}

/// A value whose members are all empty (`None`, `Unset`, ...).
#[inline]
pub fn default<T: Record>() -> T {
    let mut value = MaybeUninit::<T>::uninit();
    // SAFETY: `value` is memory for a `T`, whose table is `T::TYPE`; `init` initializes every field.
    unsafe {
        init(layout(T::TYPE), value.as_mut_ptr().cast());
        value.assume_init()
    }
}

/// Writes an empty value of the struct `layout` describes to `base`, field by field, or by copying
/// the layout's prototype when every empty field value owns nothing.
///
/// # Safety
///
/// `base` points to memory for a struct of that layout (size and alignment).
unsafe fn init(layout: &Layout, base: *mut u8) {
    // SAFETY: the struct is `#[repr(C)]` with exactly the layout's fields then `additional` (the
    // `Record` contract): each field is written once with a valid value, so every field is
    // initialized afterwards. A prototype holds empty values that own nothing (`Data::empty_is_plain`),
    // so its bytes are such values wherever they are copied, and it is `layout.size` bytes long.
    unsafe {
        match &layout.prototype {
            Some(prototype) => std::ptr::copy_nonoverlapping(prototype.as_ptr().cast::<u8>(), base, layout.size),
            None => {
                for (ops, offset) in &layout.fields {
                    (ops.init)(base.add(*offset));
                }
            }
        }
        base.add(layout.additional).cast::<AdditionalData>().write(AdditionalData::new());
    }
}

/// A copy of `value`, member by member.
#[inline]
pub fn clone<T: Record>(value: &T) -> T {
    let mut copy = MaybeUninit::<T>::uninit();
    // SAFETY: `value` is a `T` and `copy` memory for one; `clone_into` initializes every field.
    unsafe {
        clone_into(layout(T::TYPE), std::ptr::from_ref(value).cast(), copy.as_mut_ptr().cast());
        copy.assume_init()
    }
}

/// Writes a copy of the struct at `from` to `to`, field by field.
///
/// # Safety
///
/// `from` points to a live struct that `layout` describes, `to` to memory for one.
unsafe fn clone_into(layout: &Layout, from: *const u8, to: *mut u8) {
    // SAFETY: as in `init`, with each field written from the same field of the struct at `from`.
    unsafe {
        for (ops, offset) in &layout.fields {
            (ops.clone)(from.add(*offset), to.add(*offset));
        }
        let extra = (*from.add(layout.additional).cast::<AdditionalData>()).clone();
        to.add(layout.additional).cast::<AdditionalData>().write(extra);
    }
}

/// Whether `a` and `b` have equal members and equal additional data.
#[inline]
pub fn eq<T: Record>(a: &T, b: &T) -> bool {
    equal(RecordRef::new(a), RecordRef::new(b))
}

/// Whether two structs of one type have equal members and equal additional data.
fn equal(a: RecordRef<'_>, b: RecordRef<'_>) -> bool {
    // SAFETY: both bases are live structs of the layout's type (`eq` takes two `&T`), and each offset
    // is that of a field of the type `ops` handle.
    let members =
        a.layout.fields.iter().all(|(ops, offset)| unsafe { (ops.eq)(a.base.add(*offset), b.base.add(*offset)) });
    members && a.additional() == b.additional()
}

/// `Debug` like `#[derive(Debug)]`, with secret members redacted.
pub fn debug(record: RecordRef<'_>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    struct Value(&'static FieldOps, *const u8);
    impl fmt::Debug for Value {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            // SAFETY: `self.1` is a field of the type `self.0` handles, in a live struct (built below).
            unsafe { (self.0.debug)(self.1, f) }
        }
    }
    let ty = record.ty;
    let mut out = f.debug_struct(ty.rust);
    for (index, ((ops, offset), name)) in record.layout.fields.iter().zip(ty.fields).enumerate() {
        let name = name.strip_prefix("r#").unwrap_or(name);
        if ty.secret.iter().any(|secret| *secret as usize == index) {
            if let Some(value) = record.field(index) {
                out.field(name, &value.redacted());
            }
        } else {
            // SAFETY: `base + offset` is the field of this member (the `Record` contract).
            out.field(name, &Value(ops, unsafe { record.base.add(*offset) }));
        }
    }
    out.field("additional", record.additional()).finish()
}

/// Checks a table against its struct, as far as can be seen at run time: the C layout of the table's
/// field types has the struct's size and alignment, the table's lists have one entry per member, and
/// a value built, cloned and compared through the table keeps its additional data. Returns the
/// problems found; the tests of generated crates run it over every generated struct.
pub fn check<T: Record>() -> Vec<String> {
    let ty = T::TYPE;
    let mut problems = Vec::new();
    let layout = Layout::of(ty);
    if (layout.size, layout.align) != (size_of::<T>(), align_of::<T>()) {
        problems.push(format!(
            "{}: the table lays out {} bytes aligned to {}, the struct has {} aligned to {}",
            ty.rust,
            layout.size,
            layout.align,
            size_of::<T>(),
            align_of::<T>()
        ));
    }
    if ty.json.len() != ty.ops.len() || ty.fields.len() != ty.ops.len() {
        problems.push(format!("{}: the table's lists differ in length", ty.rust));
    }
    let out_of_range = ty.lookup.iter().chain(ty.secret).any(|index| *index as usize >= ty.ops.len());
    if out_of_range {
        problems.push(format!("{}: a lookup or secret position is out of range", ty.rust));
    }
    if problems.is_empty() {
        let mut value = default::<T>();
        RecordMut::new(&mut value).additional().insert("probe", serde_json::Value::Bool(true));
        let copy = clone(&value);
        if !eq(&value, &copy) || RecordRef::new(&copy).additional().get("probe").is_none() {
            problems.push(format!("{}: a clone differs from its original", ty.rust));
        }
    }
    problems
}

/// A generated read model: the struct (its fields and an `additional` field), its member table and
/// its impls, from one list of fields `name: Type = "jsonName",`, then the field positions sorted by
/// JSON name and, if any, the positions of secret fields (which `Debug` hides). A field written
/// `name: Type = "jsonName" as CONST,` also gets the associated constant `CONST`, a typed
/// [`Member`](crate::member::Member). See the [`record`](mod@crate::record) module docs.
#[macro_export]
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $ty:ident = $odata_type:literal {
            $($(#[$field_meta:meta])* $field:ident: $field_ty:ty = $json:literal $(as $member:ident)?,)*
        }
        lookup = [$($lookup:literal),*];
        $(secret = [$($secret:literal),*];)?
    ) => {
        $(#[$meta])*
        #[repr(C)]
        pub struct $ty {
            $($(#[$field_meta])* pub $field: $field_ty,)*
            /// Members the schema does not declare and instance annotations (`@odata.etag`,
            /// `name@odata.bind`, ...), kept so that a value reads and writes back unchanged.
            pub additional: $crate::AdditionalData,
        }
        // SAFETY: the struct above is `repr(C)` with the table's fields in its order, each of the
        // type whose operations the table holds, then `additional`: both come from one list.
        unsafe impl $crate::record::Record for $ty {
            const TYPE: &'static $crate::record::RecordType = &$crate::record::RecordType {
                odata_type: $odata_type,
                rust: ::core::stringify!($ty),
                json: &[$($json),*],
                fields: &[$(::core::stringify!($field)),*],
                ops: &[$(<$field_ty as $crate::raw::Field>::ops),*],
                lookup: &[$($lookup),*],
                secret: &[$($($secret),*)?],
            };
        }
        $crate::__record_impls!($ty);
        /// Typed members ([`Member`](crate::member::Member)), one per property, named after its field:
        /// for query options and paths.
        // Documented here, not one by one: a doc attribute per constant made `cargo check` of all of
        // Graph v1.0 take 2.6 times as long.
        #[allow(missing_docs)]
        impl $ty {
            $($(
                pub const $member: $crate::member::Member<$ty, $field_ty> = $crate::member::Member::new($json);
            )?)*
        }
        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::de::deserialize(deserializer)
            }
        }
    };
}

/// A generated write model (`...Update`): like [`record!`](crate::record!), with the bindings named
/// `name@odata.bind`, written and never read.
#[macro_export]
macro_rules! write_model {
    (
        $(#[$meta:meta])*
        pub struct $ty:ident = $odata_type:literal {
            $($(#[$field_meta:meta])* $field:ident: $field_ty:ty = $json:literal,)*
        }
        $(secret = [$($secret:literal),*];)?
    ) => {
        $(#[$meta])*
        #[repr(C)]
        pub struct $ty {
            $($(#[$field_meta])* pub $field: $field_ty,)*
            /// Other members and instance annotations to write as they are.
            pub additional: $crate::AdditionalData,
        }
        // SAFETY: as in `record!`.
        unsafe impl $crate::record::Record for $ty {
            const TYPE: &'static $crate::record::RecordType = &$crate::record::RecordType {
                odata_type: $odata_type,
                rust: ::core::stringify!($ty),
                json: &[$($json),*],
                fields: &[$(::core::stringify!($field)),*],
                ops: &[$(<$field_ty as $crate::raw::Field>::ops),*],
                lookup: &[],
                secret: &[$($($secret),*)?],
            };
        }
        $crate::__record_impls!($ty);
    };
}

/// The impls [`record!`](crate::record!) and [`write_model!`](crate::write_model!) share.
#[doc(hidden)]
#[macro_export]
macro_rules! __record_impls {
    ($ty:ident) => {
        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::ser::serialize(self, serializer)
            }
        }
        impl ::core::clone::Clone for $ty {
            fn clone(&self) -> Self {
                $crate::raw::clone(self)
            }
        }
        impl ::core::cmp::PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                $crate::raw::eq(self, other)
            }
        }
        impl ::core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::raw::debug($crate::record::RecordRef::new(self), f)
            }
        }
        impl ::core::default::Default for $ty {
            fn default() -> Self {
                $crate::raw::default()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A struct whose table is wrong on purpose (its second field is an `i64`, the table says
    /// `Option<bool>`): `check` must see it without touching a value.
    #[repr(C)]
    struct Mismatched {
        name: Option<String>,
        size: Option<i64>,
        additional: AdditionalData,
    }

    // SAFETY: deliberately false, for the test below only; no value of the type is ever made.
    unsafe impl Record for Mismatched {
        const TYPE: &'static RecordType = &RecordType {
            odata_type: "#t.mismatched",
            rust: "Mismatched",
            json: &["name", "size"],
            fields: &["name", "size"],
            ops: &[<Option<String> as Field>::ops, <Option<bool> as Field>::ops],
            lookup: &[0, 1],
            secret: &[],
        };
    }

    #[test]
    fn check_finds_a_table_that_does_not_describe_its_struct() {
        let problems = check::<Mismatched>();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("the table lays out"), "{problems:?}");
        let _ = |m: Mismatched| (m.name, m.size, m.additional);
    }

    #[test]
    fn layouts_follow_the_c_rule() {
        let layout = Layout::of(<Mismatched as Record>::TYPE);
        let offsets: Vec<usize> = layout.fields.iter().map(|(_, offset)| *offset).collect();
        assert_eq!(offsets, [0, size_of::<Option<String>>()]);
        assert!(layout.prototype.is_some(), "every field is an Option");
    }
}
