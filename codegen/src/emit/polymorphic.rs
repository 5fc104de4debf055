//! `Any...` enums: for a structured type with selected derived types, one variant for the type itself
//! (unless abstract), one per derived concrete type, and `Other` for anything else. Deserializing
//! dispatches on `@odata.type` (with or without `#`, namespace or alias prefix); a missing
//! `@odata.type` means the declared type.

use quote::quote;

use super::chunks::{Items, MacroCall};
use super::docs::own_docs;
use super::names::{NameKind, NameScope};
use super::{Emitter, ident, path_text};
use crate::csdl::StructuredKind;
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
    pub(super) fn emit_any(&mut self, module: usize, id: TypeId, items: &mut Items) {
        let Some(names) = self.plan.names(id) else { return };
        let Some(any) = names.any.clone() else { return };
        let def = self.model.ty(id);
        let is_abstract = def.as_structured().is_some_and(|s| s.is_abstract);
        let qualified = def.qualified_name();
        let members = self.any_members(id);
        let mut scope = NameScope::with_reserved(NameKind::Variant, [OTHER_VARIANT]);
        let mut variants = Vec::new();
        for member in &members {
            let Some(member_names) = self.plan.names(*member) else { continue };
            let variant = scope.assign(&member_names.ident).ident;
            let path = self.plan.path(module, member_names.module, &member_names.ident);
            let member_qualified = self.model.ty(*member).qualified_name();
            variants.push((variant, path, member_qualified));
        }
        let base_span = self.model.ty(id).span;
        self.warn_collisions(&format!("`{any}`"), scope.collisions(), |_| Some(base_span));
        let name = ident(&any);
        let base = ident(&names.ident);
        let other = ident(OTHER_VARIANT);
        let docs = own_docs(&[format!(
            "[`{}`] or any type derived from it, told apart by `@odata.type` (see [`odata_runtime::polymorphic`]).",
            names.ident
        )]);
        let other_doc = format!(
            " A value of another type: one not generated here{}; its members are kept in `additional`.",
            if is_abstract { ", or one without `@odata.type`" } else { "" }
        );
        let variant_defs = variants.iter().map(|(variant, path, _)| {
            let doc = format!(" [`{}`]", path_text(path));
            let variant = ident(variant);
            quote!(#[doc = #doc] #variant(Box<#path>),)
        });
        let extra = self.options.attributes.tokens(&qualified);
        items.tokens(quote! {
            #docs
            #[derive(Clone, Debug, PartialEq)]
            #extra
            pub enum #name {
                #(#variant_defs)*
                #[doc = #other_doc]
                #other(Box<#base>),
            }
        });
        let untyped = if is_abstract { variants.len() } else { 0 };
        let header = format!(
            "{any} = {SCHEMAS_CONST}, untyped = {untyped}, plain = {}, other = {} {OTHER_VARIANT}",
            usize::from(!is_abstract),
            variants.len()
        );
        let mut call = MacroCall::new("any", &header);
        for (index, (variant, _, member)) in variants.iter().enumerate() {
            call.entry(index, variant, member);
        }
        items.text(call.finish());
        // A navigation property to the type reads as this enum: a client navigates to it as to an entity.
        if self.options.member_constants && def.as_structured().is_some_and(|s| s.kind == StructuredKind::Entity) {
            items.tokens(quote!(impl ::odata_runtime::member::EntityValue for #name { type Entity = Self; }));
        }
    }
}
