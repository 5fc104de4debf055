//! `Any...` enums: for a structured type with selected derived types, one variant for the type itself
//! (unless abstract), one per derived concrete type, and `Other` for anything else. Deserializing
//! dispatches on `@odata.type` (with or without `#`, namespace or alias prefix); a missing
//! `@odata.type` means the declared type.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::lines_to_attrs;
use super::names::{NameKind, NameScope};
use super::{Emitter, ident};
use crate::model::TypeId;

/// The catch-all variant of `Any...` enums.
const OTHER_VARIANT: &str = "Other";

/// Name of the per-module constant listing (namespace, alias) pairs for `@odata.type` matching.
pub(super) const SCHEMAS_CONST: &str = "SCHEMAS";

impl Emitter<'_, '_> {
    /// The `Any...` enum of `id`, when it has one.
    pub(super) fn emit_any(&mut self, module: usize, id: TypeId) -> TokenStream {
        let Some(names) = self.plan.names(id) else { return TokenStream::new() };
        let Some(any) = names.any.clone() else { return TokenStream::new() };
        let def = self.model.ty(id);
        let is_abstract = def.as_structured().is_some_and(|s| s.is_abstract);
        let qualified = def.qualified_name();
        let mut members: Vec<TypeId> = Vec::new();
        if !is_abstract {
            members.push(id);
        }
        for derived in self.model.all_derived_types(id) {
            let concrete = self.model.ty(derived).as_structured().is_some_and(|s| !s.is_abstract);
            if concrete && self.selection.contains(derived) {
                members.push(derived);
            }
        }
        let mut scope = NameScope::with_reserved(NameKind::Variant, [OTHER_VARIANT]);
        let mut variants = Vec::new();
        for member in &members {
            let Some(member_names) = self.plan.names(*member) else { continue };
            let variant = ident(&scope.assign(&member_names.ident).ident);
            let path = self.plan.path(module, member_names.module, &member_names.ident);
            let member_qualified = self.model.ty(*member).qualified_name();
            variants.push((variant, path, member_qualified));
        }
        for collision in scope.collisions() {
            self.warn(format!("in `{any}`: {}", collision.message()));
        }
        let name = ident(&any);
        let base = ident(&names.ident);
        let other = ident(OTHER_VARIANT);
        let docs = lines_to_attrs(&[
            format!(
                "`{qualified}` or any type derived from it, told apart by `@odata.type`. Variants are boxed: \
                 derived types can be much larger than their base."
            ),
            format!(
                "`{}` holds a value whose `@odata.type` names no type generated here (a type outside the \
                 selection or added to the service later){}; its members are kept in `additional`.",
                OTHER_VARIANT,
                if is_abstract { ", or that has no `@odata.type`" } else { "" }
            ),
        ]);
        let variant_defs = variants.iter().map(|(variant, path, member)| {
            let doc = format!(" `{member}`");
            quote!(#[doc = #doc] #variant(::std::boxed::Box<#path>),)
        });
        // Derived values write their `@odata.type` so that the receiver, expecting the base, can tell them apart.
        let serialize_arms = variants.iter().enumerate().map(|(index, (variant, _, _))| {
            if index == 0 && !is_abstract {
                quote!(Self::#variant(value) => ::odata_runtime::serde::Serialize::serialize(value, serializer),)
            } else {
                quote!(Self::#variant(value) => ::odata_runtime::structured::serialize_as_derived(&**value, serializer),)
            }
        });
        // First the variant's position, from a borrowed view of `@odata.type` (no allocation unless an
        // alias is expanded); then the buffered object moves into it.
        let other_index = variants.len();
        let type_arms = variants
            .iter()
            .enumerate()
            .map(|(index, (_, _, member))| quote!(::core::option::Option::Some(#member) => #index,));
        let missing_type = if is_abstract { other_index } else { 0 };
        let construct_arms = variants.iter().enumerate().map(
            |(index, (variant, _, _))| quote!(#index => Self::#variant(::odata_runtime::polymorphic::from_map(map)?),),
        );
        let schemas = ident(SCHEMAS_CONST);
        quote! {
            #docs
            #[derive(Clone, Debug, PartialEq)]
            pub enum #name {
                #(#variant_defs)*
                /// A value of another type; see the enum's documentation.
                #other(::std::boxed::Box<#base>),
            }

            impl ::odata_runtime::serde::Serialize for #name {
                fn serialize<S: ::odata_runtime::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#serialize_arms)*
                        Self::#other(value) => ::odata_runtime::serde::Serialize::serialize(value, serializer),
                    }
                }
            }

            impl<'de> ::odata_runtime::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    let map = ::odata_runtime::polymorphic::buffer(deserializer)?;
                    let odata_type = ::odata_runtime::polymorphic::odata_type_of(&map)
                        .map(|raw| ::odata_runtime::polymorphic::qualified_type_name(raw, #schemas));
                    let variant = match odata_type.as_deref() {
                        ::core::option::Option::None => #missing_type,
                        #(#type_arms)*
                        ::core::option::Option::Some(_) => #other_index,
                    };
                    ::core::result::Result::Ok(match variant {
                        #(#construct_arms)*
                        _ => Self::#other(::odata_runtime::polymorphic::from_map(map)?),
                    })
                }
            }
        }
    }
}
