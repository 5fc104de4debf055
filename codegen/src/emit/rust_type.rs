//! The type mapping: a CSDL type reference becomes a Rust type, plus the `odata_runtime::edm` codec
//! its JSON form needs when plain serde does not fit (Int64 as string, NaN/INF, base64url, ...).

use proc_macro2::TokenStream;
use quote::quote;

use super::custom::{DateTimeCrate, DecimalType, TypeMapping};
use super::plan::Plan;
use crate::model::{Model, Primitive, TypeKind, TypeRef, TypeTarget};
use crate::select::Selection;

/// The Rust form of one property, parameter or return type (without the outer `Option`).
pub(super) struct RustType {
    /// The element type, e.g. `String` or `super::graph::AnyEntity`.
    pub(super) element: TokenStream,
    /// `Collection(...)`: the Rust type is `Vec<element>`.
    pub(super) collection: bool,
    /// The codec module (`::odata_runtime::edm::int64`) when the element type needs one.
    pub(super) codec: Option<TokenStream>,
}

impl RustType {
    /// The full type: `element` or `Vec<element>`.
    pub(super) fn tokens(&self) -> TokenStream {
        let element = &self.element;
        if self.collection { quote!(Vec<#element>) } else { element.clone() }
    }
}

/// Maps `ty` as used in module `module`. Types outside the selection, unresolved names and
/// Edm types without a better Rust form become `serde_json::Value`.
pub(super) fn rust_type(
    model: &Model<'_>,
    selection: &Selection,
    plan: &Plan,
    module: usize,
    ty: TypeRef<'_>,
) -> RustType {
    let (element, codec) = match ty.target {
        TypeTarget::Primitive(primitive) => primitive_type(primitive, plan.type_mapping),
        TypeTarget::Named(id) if selection.contains(id) => {
            let def = model.ty(id);
            match &def.kind {
                TypeKind::Structured(_) => (plan.type_path(module, id, true), None),
                TypeKind::Enum(e) if e.is_flags => {
                    let path = plan.type_path(module, id, false);
                    (path.map(|p| quote!(::odata_runtime::FlagSet<#p>)), None)
                }
                TypeKind::Enum(_) => (plan.type_path(module, id, false), None),
                TypeKind::Definition(d) => {
                    let codec = d.underlying.and_then(|p| primitive_type(p, plan.type_mapping).1);
                    (plan.type_path(module, id, false), codec)
                }
            }
        }
        TypeTarget::Named(_) | TypeTarget::Unresolved(_) => (None, None),
    };
    let element = element.unwrap_or_else(untyped_json);
    RustType { element, collection: ty.collection, codec }
}

/// The Rust type of an Edm primitive, and its codec module when serde's default JSON form is wrong.
fn primitive_type(primitive: Primitive, mapping: TypeMapping) -> (Option<TokenStream>, Option<TokenStream>) {
    let codec = |name: &str| edm_codec(&[name]);
    let time_codec = |name: &str| edm_codec(&["time", name]);
    let (element, codec) = match (primitive, mapping.date_time, mapping.decimal) {
        (Primitive::Decimal, _, DecimalType::F64) => (quote!(f64), codec("double")),
        (Primitive::Date, DateTimeCrate::Time, _) => (quote!(::odata_runtime::time::Date), time_codec("date")),
        (Primitive::TimeOfDay, DateTimeCrate::Time, _) => {
            (quote!(::odata_runtime::time::Time), time_codec("time_of_day"))
        }
        (Primitive::DateTimeOffset, DateTimeCrate::Time, _) => {
            (quote!(::odata_runtime::time::OffsetDateTime), time_codec("date_time_offset"))
        }
        (primitive, _, _) => chrono_and_others(primitive),
    };
    (Some(element), codec)
}

/// The default mapping of an Edm primitive (chrono, rust_decimal) and its codec module.
fn chrono_and_others(primitive: Primitive) -> (TokenStream, Option<TokenStream>) {
    let codec = |name: &str| edm_codec(&[name]);
    match primitive {
        Primitive::String | Primitive::Path(_) => (quote!(String), None),
        Primitive::Boolean => (quote!(bool), None),
        Primitive::Byte => (quote!(u8), None),
        Primitive::SByte => (quote!(i8), None),
        Primitive::Int16 => (quote!(i16), None),
        Primitive::Int32 => (quote!(i32), None),
        Primitive::Int64 => (quote!(i64), codec("int64")),
        Primitive::Single => (quote!(f32), codec("single")),
        Primitive::Double => (quote!(f64), codec("double")),
        Primitive::Decimal => (quote!(::odata_runtime::rust_decimal::Decimal), codec("decimal")),
        Primitive::Date => (quote!(::odata_runtime::chrono::NaiveDate), None),
        Primitive::TimeOfDay => (quote!(::odata_runtime::chrono::NaiveTime), None),
        Primitive::DateTimeOffset => {
            (quote!(::odata_runtime::chrono::DateTime<::odata_runtime::chrono::FixedOffset>), codec("date_time_offset"))
        }
        Primitive::Duration => (quote!(::odata_runtime::edm::Duration), None),
        Primitive::Guid => (quote!(::odata_runtime::uuid::Uuid), None),
        Primitive::Binary => (quote!(Vec<u8>), codec("binary")),
        // A stream is not inline data: its media annotations.
        Primitive::Stream => (quote!(::odata_runtime::StreamDescriptor), None),
        // GeoJSON, one alias per Edm name (`odata_runtime::geo::GeographyPoint`).
        Primitive::Geography(name) | Primitive::Geometry(name) => {
            let name = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
            (quote!(::odata_runtime::geo::#name), None)
        }
        Primitive::Untyped | Primitive::AnyPrimitive | Primitive::AnyComplex | Primitive::AnyEntity => {
            (untyped_json(), None)
        }
    }
}

/// The path of a codec module under `odata_runtime::edm`, e.g. `["time", "date"]`.
fn edm_codec(segments: &[&str]) -> Option<TokenStream> {
    let segments = segments.iter().map(|s| proc_macro2::Ident::new(s, proc_macro2::Span::call_site()));
    Some(quote!(::odata_runtime::edm #(::#segments)*))
}

/// The Rust form of values without a better one: `serde_json::Value`.
fn untyped_json() -> TokenStream {
    quote!(::odata_runtime::serde_json::Value)
}
