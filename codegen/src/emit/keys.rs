//! Entity keys: every selected entity type with a key (declared or inherited) implements
//! `odata_runtime::EntityType`. A key of one primitive property is that property's Rust type
//! (`String` for Graph's `id`); any other key (composite, enum-typed, or a path into a complex
//! property with an alias) gets a `...Key` struct that renders `(a=1,b='x')` or `(ns.color'red')`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::lines_to_attrs;
use super::names::{NameKind, NameScope};
use super::rust_type::rust_type;
use super::structs::Field;
use super::{Emitter, ident};
use crate::model::{Model, TypeId, TypeKind, TypeRef, TypeTarget};

/// One part of an entity key.
pub(super) struct KeyPart<'a> {
    /// The name in the URL: the alias, or the property name.
    pub(super) name: &'a str,
    /// The property path (`id`, or `address/city`).
    pub(super) path: &'a str,
    /// The type of the property the path ends at, when it resolves.
    pub(super) ty: Option<TypeRef<'a>>,
}

/// The key parts of the entity type `id`, when it has a key.
pub(super) fn key_parts<'a>(model: &Model<'a>, id: TypeId) -> Option<Vec<KeyPart<'a>>> {
    let (_, key) = model.key_of(id)?;
    let parts = key
        .iter()
        .map(|k| KeyPart { name: k.alias.unwrap_or(k.path), path: k.path, ty: property_type(model, id, k.path) })
        .collect();
    Some(parts)
}

/// Whether a key needs its own struct (anything but one property of a primitive type).
pub(super) fn needs_key_struct(model: &Model<'_>, parts: &[KeyPart<'_>]) -> bool {
    match parts {
        [part] => part.path.contains('/') || !matches!(part.ty.map(|t| plain_key_type(model, t)), Some(true)),
        _ => true,
    }
}

/// Whether a key property's values render through `Literal` directly (primitives and type definitions).
fn plain_key_type(model: &Model<'_>, ty: TypeRef<'_>) -> bool {
    match ty.target {
        TypeTarget::Primitive(_) => true,
        TypeTarget::Named(id) => matches!(model.ty(id).kind, TypeKind::Definition(_)),
        TypeTarget::Unresolved(_) => false,
    }
}

/// The type of the property at `path` (segments separated by `/`) starting from `id`, looking through
/// base types at each step.
fn property_type<'a>(model: &Model<'a>, id: TypeId, path: &str) -> Option<TypeRef<'a>> {
    let mut current = id;
    let mut found = None;
    for segment in path.split('/') {
        let owner = model.lineage(current).into_iter().find_map(|owner| {
            let TypeKind::Structured(s) = &model.types[owner.index()].kind else { return None };
            s.properties.iter().find(|p| p.name == segment).map(|p| p.ty)
        })?;
        found = Some(owner);
        if let TypeTarget::Named(next) = owner.target {
            current = next;
        }
    }
    found
}

impl Emitter<'_, '_> {
    /// The `EntityType` impl of the entity type `id` (and its `...Key` struct), given the read model's
    /// fields; empty for complex types and entity types without a key.
    pub(super) fn emit_key(&mut self, module: usize, id: TypeId, fields: &[Field]) -> TokenStream {
        let Some(names) = self.plan.names(id) else { return TokenStream::new() };
        let Some(parts) = key_parts(self.model, id) else { return TokenStream::new() };
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
        let mut scope = NameScope::new(NameKind::Field);
        let mut struct_fields = Vec::new();
        let mut writes = Vec::new();
        let mut reads = Vec::new();
        let positional = parts.len() == 1;
        for part in &parts {
            let field = scope.assign(part.name).to_ident();
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
        for collision in scope.collisions() {
            self.warn(format!("in the key of `{}`: {}", self.model.ty(id).qualified_name(), collision.message()));
        }
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
        let rust = rust_type(self.model, self.selection, self.plan, module, ty).tokens();
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
