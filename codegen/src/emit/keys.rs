//! Entity keys: every selected entity type with a key (declared or inherited) implements
//! `odata_runtime::EntityType`. A key of one primitive property is that property's Rust type
//! (`String` for Graph's `id`); any other key (composite, enum-typed, or a path into a complex
//! property with an alias) gets a `...Key` struct that renders `(a=1,b='x')` or `(ns.color'red')`.
//! A key property of a type without a URL literal (a collection, a structured, stream, geo or untyped
//! type, or a type that is not generated) makes no key at all, with a warning at the key.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::lines_to_attrs;
use super::key_check::key_problem;
use super::structs::Field;
use super::{Emitter, ident};
use crate::model::{TypeId, TypeKind, TypeRef, TypeTarget};

impl Emitter<'_, '_> {
    /// The `EntityType` impl of the entity type `id` (and its `...Key` struct), given the read model's
    /// fields; empty for complex types and entity types without a key.
    pub(super) fn emit_key(&mut self, module: usize, id: TypeId, fields: &[Field]) -> TokenStream {
        let Some(names) = self.plan.names(id) else { return TokenStream::new() };
        let Some(parts) = self.model.key_parts(id) else { return TokenStream::new() };
        if let Some(problem) = key_problem(self.model, self.selection, id) {
            self.diagnostics.push(problem.diagnostic(&self.model.ty(id).qualified_name()));
            return TokenStream::new();
        }
        let name = ident(&names.ident);
        let key_names: Vec<&str> = parts.iter().map(|p| p.name).collect();
        let field_of = |path: &str| fields.iter().find(|f| f.csdl == path);
        let Some(key_struct) = names.key.clone() else {
            // One primitive property: the key is its value.
            let [part] = parts.as_slice() else { return TokenStream::new() };
            let Some(field) = field_of(part.path) else { return TokenStream::new() };
            let (field_ident, key_type) = (&field.ident, field.ty.tokens());
            return quote! {
                impl ::odata_runtime::EntityType for #name {
                    type Key = #key_type;
                    const KEY_PROPERTIES: &'static [&'static str] = &[#(#key_names),*];
                    fn key(&self) -> Option<Self::Key> {
                        Clone::clone(&self.#field_ident)
                    }
                }
            };
        };
        // The read model's names: a key part is named as the property it is (key `ID` beside a property
        // `id` is `id_2` in both); an aliased path part gets its alias's name.
        let mut scope = self.member_names(id);
        let read_collisions = scope.collisions().len();
        let mut struct_fields = Vec::new();
        let mut writes = Vec::new();
        let mut reads = Vec::new();
        let positional = parts.len() == 1;
        for part in &parts {
            let field = scope.lookup(part.name).cloned().unwrap_or_else(|| scope.assign(part.name)).to_ident();
            let (ty, write) = match part.ty {
                Some(ty) => self.key_part_type(module, ty, &field),
                None => (quote!(String), quote!(::odata_runtime::literal::Literal::write_literal(&self.#field, out))),
            };
            let doc = format!(" `{}`", part.path);
            struct_fields.push(quote!(#[doc = #doc] pub #field: #ty,));
            let part_name = part.name;
            writes.push(if positional { quote!(#write;) } else { quote!(list.push(#part_name, |out| #write);) });
            let read = (!part.path.contains('/')).then(|| field_of(part.path)).flatten();
            reads.push(read.map(|f| (field, f.ident.clone())));
        }
        let place = format!("the key of `{}`", self.model.ty(id).qualified_name());
        let span_of = |csdl: &str| parts.iter().find(|p| p.name == csdl).map(|p| p.span);
        let new_collisions = scope.collisions().get(read_collisions..).unwrap_or_default();
        self.warn_collisions(&place, new_collisions, span_of);
        let key_ident = ident(&key_struct);
        let qualified = self.model.ty(id).qualified_name();
        let docs = lines_to_attrs(&[format!("The key of `{qualified}`: {}.", key_names.join(", "))]);
        let write_body = if positional {
            quote!(#(#writes)*)
        } else {
            quote! {
                let mut list = ::odata_runtime::literal::NamedList::new();
                #(#writes)*
                out.push_str(list.as_str());
            }
        };
        let key_body = if reads.iter().all(Option::is_some) {
            let assignments = reads
                .iter()
                .flatten()
                .map(|(key_field, entity_field)| quote!(#key_field: Clone::clone(self.#entity_field.as_ref()?),));
            quote!(Option::Some(#key_ident { #(#assignments)* }))
        } else {
            // A key through a complex property: read it from the value yourself.
            quote!(Option::None)
        };
        quote! {
            #docs
            #[derive(Clone, Debug, PartialEq)]
            pub struct #key_ident {
                #(#struct_fields)*
            }

            impl ::odata_runtime::path::Key for #key_ident {
                fn write_key(&self, out: &mut String) {
                    #write_body
                }
            }

            impl ::odata_runtime::EntityType for #name {
                type Key = #key_ident;
                const KEY_PROPERTIES: &'static [&'static str] = &[#(#key_names),*];
                fn key(&self) -> Option<Self::Key> {
                    #key_body
                }
            }
        }
    }

    /// The Rust type of one key part in a key struct and the expression writing its literal.
    fn key_part_type(&self, module: usize, ty: TypeRef<'_>, field: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
        let rust = self.rust_type(module, ty).tokens();
        let write = match ty.target {
            TypeTarget::Named(id) if matches!(self.model.ty(id).kind, TypeKind::Enum(_)) => {
                let qualified = self.model.ty(id).qualified_name();
                quote!(::odata_runtime::literal::push_enum(out, #qualified, &::std::string::ToString::to_string(&self.#field)))
            }
            _ => quote!(::odata_runtime::literal::Literal::write_literal(&self.#field, out)),
        };
        (rust, write)
    }
}
