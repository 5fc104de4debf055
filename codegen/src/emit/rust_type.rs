//! The type mapping: a CSDL type reference becomes a Rust type. Its JSON form (Int64 as string,
//! NaN/INF, base64url, ...) is the business of the type's `odata_runtime::Data` impl, the same for
//! fields, parameters and results.

use proc_macro2::TokenStream;
use quote::quote;

use super::Emitter;
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
}

impl RustType {
    /// The full type: `element` or `Vec<element>`.
    pub(super) fn tokens(&self) -> TokenStream {
        let element = &self.element;
        if self.collection { quote!(Vec<#element>) } else { element.clone() }
    }
}

impl Emitter<'_, '_> {
    /// Maps `ty` as used in module `module`. Types outside the selection, unresolved names and
    /// Edm types without a better Rust form become `serde_json::Value`.
    pub(super) fn rust_type(&self, module: usize, ty: TypeRef<'_>) -> RustType {
        rust_type(self.model, self.selection, self.plan, self.options.type_mapping, module, ty)
    }
}

fn rust_type(
    model: &Model<'_>,
    selection: &Selection,
    plan: &Plan,
    mapping: TypeMapping,
    module: usize,
    ty: TypeRef<'_>,
) -> RustType {
    let element = match ty.target {
        TypeTarget::Primitive(primitive) => Some(primitive_type(primitive, mapping)),
        TypeTarget::Named(id) if selection.contains(id) => {
            let def = model.ty(id);
            match &def.kind {
                TypeKind::Structured(_) => plan.type_path(module, id, true),
                TypeKind::Enum(e) if e.is_flags => {
                    let path = plan.type_path(module, id, false);
                    path.map(|p| quote!(::odata_runtime::FlagSet<#p>))
                }
                TypeKind::Enum(_) | TypeKind::Definition(_) => plan.type_path(module, id, false),
            }
        }
        TypeTarget::Named(_) | TypeTarget::Unresolved(_) => None,
    };
    let element = element.unwrap_or_else(untyped_json);
    RustType { element, collection: ty.collection }
}

/// The Rust type of an Edm primitive.
fn primitive_type(primitive: Primitive, mapping: TypeMapping) -> TokenStream {
    match (primitive, mapping.date_time, mapping.decimal) {
        (Primitive::Decimal, _, DecimalType::F64) => quote!(f64),
        (Primitive::Date, DateTimeCrate::Time, _) => quote!(::odata_runtime::time::Date),
        (Primitive::TimeOfDay, DateTimeCrate::Time, _) => quote!(::odata_runtime::time::Time),
        (Primitive::DateTimeOffset, DateTimeCrate::Time, _) => quote!(::odata_runtime::time::OffsetDateTime),
        (primitive, _, _) => chrono_and_others(primitive),
    }
}

/// The default mapping of an Edm primitive (chrono, rust_decimal).
fn chrono_and_others(primitive: Primitive) -> TokenStream {
    match primitive {
        Primitive::String | Primitive::Path(_) => quote!(String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single => quote!(f32),
        Primitive::Double => quote!(f64),
        Primitive::Decimal => quote!(::odata_runtime::rust_decimal::Decimal),
        Primitive::Date => quote!(::odata_runtime::chrono::NaiveDate),
        Primitive::TimeOfDay => quote!(::odata_runtime::chrono::NaiveTime),
        Primitive::DateTimeOffset => quote!(::odata_runtime::chrono::DateTime<::odata_runtime::chrono::FixedOffset>),
        Primitive::Duration => quote!(::odata_runtime::edm::Duration),
        Primitive::Guid => quote!(::odata_runtime::uuid::Uuid),
        Primitive::Binary => quote!(Vec<u8>),
        // A stream is not inline data: its media annotations.
        Primitive::Stream => quote!(::odata_runtime::StreamDescriptor),
        // GeoJSON, one alias per Edm name (`odata_runtime::geo::GeographyPoint`).
        Primitive::Geography(name) | Primitive::Geometry(name) => {
            let name = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
            quote!(::odata_runtime::geo::#name)
        }
        Primitive::Untyped | Primitive::AnyPrimitive | Primitive::AnyComplex | Primitive::AnyEntity => untyped_json(),
    }
}

/// The Rust form of values without a better one: `serde_json::Value`.
fn untyped_json() -> TokenStream {
    quote!(::odata_runtime::serde_json::Value)
}
