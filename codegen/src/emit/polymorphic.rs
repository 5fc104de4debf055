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
    /// The types an `Any...` enum of `id` has variants for: `id` itself unless abstract, then its
    /// selected concrete derived types.
    pub(super) fn any_members(&self, id: TypeId) -> Vec<TypeId> {
        let is_abstract = self.model.ty(id).as_structured().is_some_and(|s| s.is_abstract);
        let derived = self.model.all_derived_types(id).into_iter().filter(|derived| {
            self.selection.contains(*derived) && self.model.ty(*derived).as_structured().is_some_and(|s| !s.is_abstract)
        });
        (!is_abstract).then_some(id).into_iter().chain(derived).collect()
    }

    /// The `Any...` enum of `id`, when it has one.
    pub(super) fn emit_any(&mut self, module: usize, id: TypeId) -> TokenStream {
        let Some(names) = self.plan.names(id) else { return TokenStream::new() };
        let Some(any) = names.any.clone() else { return TokenStream::new() };
        let def = self.model.ty(id);
        let is_abstract = def.as_structured().is_some_and(|s| s.is_abstract);
        let qualified = def.qualified_name();
        let members = self.any_members(id);
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
        let other_index = variants.len();
        let missing_type = if is_abstract { other_index } else { 0 };
        let type_arms = variants
            .iter()
            .enumerate()
            .map(|(index, (_, _, member))| quote!(::core::option::Option::Some(#member) => #index,));
        let empty_arms = variants
            .iter()
            .enumerate()
            .map(|(index, (variant, _, _))| quote!(#index => Self::#variant(::core::default::Default::default()),));
        let buffer_arms = variants.iter().enumerate().map(
            |(index, (variant, _, _))| quote!(#index => Self::#variant(::odata_runtime::polymorphic::from_map(map)?),),
        );
        let idents: Vec<_> = variants.iter().map(|(variant, _, _)| variant).collect();
        let schemas = ident(SCHEMAS_CONST);
        let extra = self.options.attributes.tokens(&qualified);
        quote! {
            #docs
            #[derive(Clone, Debug, PartialEq)]
            #extra
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

            impl ::odata_runtime::polymorphic::Polymorphic for #name {
                const SCHEMAS: &'static [(&'static str, &'static str)] = #schemas;
                fn variant_index(odata_type: ::core::option::Option<&str>) -> usize {
                    match odata_type {
                        ::core::option::Option::None => #missing_type,
                        #(#type_arms)*
                        ::core::option::Option::Some(_) => #other_index,
                    }
                }
                fn empty(index: usize) -> Self {
                    match index {
                        #(#empty_arms)*
                        _ => Self::#other(::core::default::Default::default()),
                    }
                }
                fn deserialize_member<'de, A: ::odata_runtime::serde::de::MapAccess<'de>>(
                    &mut self,
                    key: &str,
                    map: &mut A,
                ) -> ::core::result::Result<bool, A::Error> {
                    match self {
                        #(Self::#idents(value) => ::odata_runtime::Structured::deserialize_member(&mut **value, key, map),)*
                        Self::#other(value) => ::odata_runtime::Structured::deserialize_member(&mut **value, key, map),
                    }
                }
                fn additional_mut(&mut self) -> &mut ::odata_runtime::AdditionalData {
                    match self {
                        #(Self::#idents(value) => ::odata_runtime::Structured::additional_mut(&mut **value),)*
                        Self::#other(value) => ::odata_runtime::Structured::additional_mut(&mut **value),
                    }
                }
                fn from_buffer<E: ::odata_runtime::serde::de::Error>(
                    index: usize,
                    map: ::odata_runtime::serde_json::Map<::std::string::String, ::odata_runtime::serde_json::Value>,
                ) -> ::core::result::Result<Self, E> {
                    ::core::result::Result::Ok(match index {
                        #(#buffer_arms)*
                        _ => Self::#other(::odata_runtime::polymorphic::from_map(map)?),
                    })
                }
            }

            impl<'de> ::odata_runtime::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    ::odata_runtime::polymorphic::deserialize(deserializer)
                }
            }
        }
    }
}
