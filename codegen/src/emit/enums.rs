//! Enum types become open Rust enums (one variant per member plus `Unknown(String)`), flags enums
//! become members of an `odata_runtime::FlagSet`, and type definitions become type aliases.

use proc_macro2::TokenStream;
use quote::quote;

use super::chunks::{Items, MacroCall, string};
use super::docs::{doc_attrs, lines_to_attrs};
use super::names::{NameKind, NameScope};
use super::{Emitter, ident};
use crate::model::{Target, TypeId, TypeKind, TypeRef, TypeTarget, member_index};

/// The catch-all variant of open enums.
const UNKNOWN_VARIANT: &str = "Unknown";

impl Emitter<'_, '_> {
    /// The Rust form of the enum type `id`.
    pub(super) fn emit_enum(&mut self, id: TypeId, items: &mut Items) {
        let def = self.model.ty(id);
        let (Some(enumeration), Some(names)) = (def.as_enum(), self.plan.names(id)) else { return };
        let name = ident(&names.ident);
        let qualified = def.qualified_name();
        let mut scope = NameScope::with_reserved(NameKind::Variant, [UNKNOWN_VARIANT]);
        let mut variants = Vec::new();
        for (index, member) in enumeration.members.iter().enumerate() {
            let variant = scope.assign(member.name).ident;
            let target = Target::Member(id, member_index(index));
            let docs = doc_attrs(self.model, target, &[format!("`{}` = {}", member.name, member.value)]);
            variants.push((variant, docs, member.name));
        }
        let span_of = |csdl: &str| enumeration.members.iter().find(|m| m.name == csdl).map(|m| m.span);
        self.warn_collisions(&format!("`{qualified}`"), scope.collisions(), span_of);
        let docs = doc_attrs(self.model, Target::Type(id), &[format!("`{qualified}`")]);
        let extra = self.options.attributes.tokens(&qualified);
        let variant_defs = variants.iter().map(|(variant, docs, _)| {
            let variant = ident(variant);
            quote!(#docs #variant,)
        });
        // The runtime macro writes the impls from the member table; it names the catch-all `Unknown`.
        let macro_name = if enumeration.is_flags { "flags" } else { "open_enum" };
        // With member constants, filters compare enum members: the macro then writes their URL literal.
        let header = if self.options.member_constants && !enumeration.is_flags {
            format!("{} = {}", names.ident, string(&qualified))
        } else {
            names.ident.clone()
        };
        let mut call = MacroCall::new(macro_name, &header);
        for (index, (variant, _, member)) in variants.iter().enumerate() {
            call.entry(index, variant, member);
        }
        if enumeration.is_flags {
            items.tokens(quote! {
                #docs
                ///
                /// A flags enum: values are [`odata_runtime::FlagSet`]s of these members.
                #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
                #extra
                pub enum #name { #(#variant_defs)* }
            });
        } else {
            let unknown = ident(UNKNOWN_VARIANT);
            let unknown_docs = lines_to_attrs(&[
                "A member this code was not generated with, kept as written (services add members over time)."
                    .to_owned(),
            ]);
            items.tokens(quote! {
                #docs
                #[derive(Clone, Debug, PartialEq, Eq, Hash)]
                #extra
                pub enum #name {
                    #(#variant_defs)*
                    #unknown_docs
                    #unknown(String),
                }
            });
        }
        items.text(call.finish());
    }

    /// A type definition: an alias of its underlying type, with its facets in the docs.
    pub(super) fn emit_type_definition(&mut self, module: usize, id: TypeId) -> TokenStream {
        let def = self.model.ty(id);
        let (TypeKind::Definition(definition), Some(names)) = (&def.kind, self.plan.names(id)) else {
            return TokenStream::new();
        };
        let name = ident(&names.ident);
        let underlying = match definition.underlying {
            Some(primitive) => TypeRef { collection: false, target: TypeTarget::Primitive(primitive) },
            None => TypeRef { collection: false, target: TypeTarget::Unresolved("") },
        };
        let ty = self.rust_type(module, underlying).tokens();
        let facets = &definition.syntax.facets;
        let mut facet_lines = Vec::new();
        if let Some(max_length) = &facets.max_length {
            facet_lines.push(format!("MaxLength: {}", max_length.as_str()));
        }
        if let Some(precision) = &facets.precision {
            facet_lines.push(format!("Precision: {}", precision.value));
        }
        if let Some(scale) = &facets.scale {
            facet_lines.push(format!("Scale: {}", scale.as_str()));
        }
        if let Some(srid) = &facets.srid {
            facet_lines.push(format!("SRID: {}", srid.as_str()));
        }
        let mut extra = vec![format!("`{}`", def.qualified_name())];
        if !facet_lines.is_empty() {
            extra.push(facet_lines.join(", "));
        }
        let docs = doc_attrs(self.model, Target::Type(id), &extra);
        quote!(#docs pub type #name = #ty;)
    }
}
