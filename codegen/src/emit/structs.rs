//! Entity and complex types become structs: every own and inherited property as an `Option`, the
//! selected navigation properties, and an `additional` map for everything else. Serde goes through
//! `odata_runtime::structured` (one `match` per type instead of a derive expansion), and `Debug` hides
//! secret values.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{deprecated_attr, deprecation, doc_attrs};
use super::names::{NameKind, NameScope};
use super::rust_type::{RustType, rust_type};
use super::{Emitter, ident};
use crate::model::{Target, TypeId, TypeRef, TypeTarget, member_index};

/// One struct field: a property or navigation property of the type or one of its base types.
pub(super) struct Field {
    pub(super) csdl: String,
    pub(super) ident: proc_macro2::Ident,
    pub(super) ty: RustType,
    docs: TokenStream,
    deprecated: Option<String>,
    secret: bool,
}

/// Name of the field holding unknown members and instance annotations.
pub(super) const ADDITIONAL_FIELD: &str = "additional";

impl Emitter<'_, '_> {
    /// The struct for the structured type `id`, in module `module`, with its trait impls.
    pub(super) fn emit_struct(&mut self, module: usize, id: TypeId) -> TokenStream {
        let def = self.model.ty(id);
        if def.as_structured().is_none() {
            return TokenStream::new();
        }
        let Some(names) = self.plan.names(id) else { return TokenStream::new() };
        let name = ident(&names.ident);
        let qualified = def.qualified_name();
        let fields = self.fields(module, id);
        let mut doc_lines = vec![format!("`{qualified}`")];
        doc_lines.extend(self.reach_doc(id));
        let docs = doc_attrs(self.model, Target::Type(id), &doc_lines);
        let deprecated = deprecated_attr(self.model, Target::Type(id));
        let field_defs = fields.iter().map(|f| {
            let (ident, ty, docs) = (&f.ident, f.ty.tokens(), &f.docs);
            let deprecated = f.deprecated.as_ref().map(|note| quote!(#[deprecated(note = #note)]));
            quote!(#docs #deprecated pub #ident: ::core::option::Option<#ty>,)
        });
        let additional = ident(ADDITIONAL_FIELD);
        let odata_type = format!("#{qualified}");
        let read_members = fields.iter().map(read_member);
        let write_members = fields.iter().map(write_member);
        let read_body = if fields.is_empty() {
            quote!(let _ = (key, map); Ok(false))
        } else {
            quote!(match key { #(#read_members)* _ => return Ok(false), } Ok(true))
        };
        let write_body =
            if fields.is_empty() { quote!(let _ = map; Ok(())) } else { quote!(#(#write_members)* Ok(())) };
        let key = self.emit_key(module, id, &fields);
        let redactions: Vec<_> = fields.iter().map(|f| (f.ident.clone(), f.secret.then_some(Redact::Option))).collect();
        let (derive_debug, debug) = debug(&name, &names.ident, &redactions, true);
        let extra = self.options.attributes.tokens(&qualified);
        quote! {
            #docs
            #deprecated
            #[derive(Clone, #derive_debug Default, PartialEq)]
            #extra
            pub struct #name {
                #(#field_defs)*
                /// Members the schema does not declare and instance annotations (`@odata.etag`,
                /// `name@odata.bind`, ...), kept so that a value reads and writes back unchanged.
                pub #additional: ::odata_runtime::AdditionalData,
            }

            impl ::odata_runtime::Structured for #name {
                const ODATA_TYPE: &'static str = #odata_type;
                fn deserialize_member<'de, A: ::odata_runtime::serde::de::MapAccess<'de>>(
                    &mut self,
                    key: &str,
                    map: &mut A,
                ) -> ::core::result::Result<bool, A::Error> {
                    #read_body
                }
                fn serialize_members<M: ::odata_runtime::serde::ser::SerializeMap>(
                    &self,
                    map: &mut M,
                ) -> ::core::result::Result<(), M::Error> {
                    #write_body
                }
                fn additional(&self) -> &::odata_runtime::AdditionalData {
                    &self.#additional
                }
                fn additional_mut(&mut self) -> &mut ::odata_runtime::AdditionalData {
                    &mut self.#additional
                }
            }
            ::odata_runtime::impl_structured_serde!(#name);
            #debug
            #key
        }
    }

    /// The fields of `id`: properties of its base types (root first), its own, then navigation
    /// properties whose target is selected.
    fn fields(&mut self, module: usize, id: TypeId) -> Vec<Field> {
        let chain = self.model.lineage(id).into_iter().rev();
        let mut scope = NameScope::with_reserved(NameKind::Field, [ADDITIONAL_FIELD]);
        let mut fields = Vec::new();
        for owner in chain {
            let Some(structured) = self.model.ty(owner).as_structured() else { continue };
            for (index, property) in structured.properties.iter().enumerate() {
                let target = Target::Property(owner, member_index(index));
                fields.push(self.field(module, id, &mut scope, property.name, property.ty, target));
            }
            for (index, navigation) in structured.navigation_properties.iter().enumerate() {
                let selected = matches!(navigation.ty.target, TypeTarget::Named(t) if self.selection.contains(t));
                if selected {
                    let target = Target::NavigationProperty(owner, member_index(index));
                    fields.push(self.field(module, id, &mut scope, navigation.name, navigation.ty, target));
                }
            }
        }
        let owner = self.model.ty(id).qualified_name();
        for collision in scope.collisions() {
            self.warn(format!("in `{owner}`: {}", collision.message()));
        }
        fields
    }

    fn field(
        &self,
        module: usize,
        owner: TypeId,
        scope: &mut NameScope,
        csdl: &str,
        ty: TypeRef<'_>,
        target: Target,
    ) -> Field {
        let name = scope.assign(csdl);
        let mut rust = rust_type(self.model, self.selection, self.plan, module, ty);
        rust.element = self.boxed_if_recursive(owner, ty, rust.element);
        Field {
            csdl: csdl.to_owned(),
            ident: name.to_ident(),
            ty: rust,
            docs: doc_attrs(self.model, target, &[]),
            deprecated: deprecation(self.model, target),
            secret: self.options.is_secret(csdl),
        }
    }
}

impl Emitter<'_, '_> {
    /// `element`, boxed when `owner` holds a single value of `ty` by value on a cycle of structs.
    pub(super) fn boxed_if_recursive(&self, owner: TypeId, ty: TypeRef<'_>, element: TokenStream) -> TokenStream {
        match ty.target {
            TypeTarget::Named(held) if !ty.collection && self.recursion.needs_box(owner, held) => {
                quote!(::std::boxed::Box<#element>)
            }
            _ => element,
        }
    }
}

/// The `match` arm reading one field.
fn read_member(field: &Field) -> TokenStream {
    let (csdl, ident) = (&field.csdl, &field.ident);
    match &field.ty.codec {
        None => quote!(#csdl => self.#ident = map.next_value()?,),
        Some(codec) => {
            let seed =
                if field.ty.collection { quote!(#codec::option_vec::Seed) } else { quote!(#codec::option::Seed) };
            quote!(#csdl => self.#ident = map.next_value_seed(#seed)?,)
        }
    }
}

/// The statement writing one field when it is set.
fn write_member(field: &Field) -> TokenStream {
    let (csdl, ident) = (&field.csdl, &field.ident);
    let value = match &field.ty.codec {
        None => quote!(value),
        Some(codec) if field.ty.collection => quote!(&#codec::vec::Ser(value)),
        Some(codec) => quote!(&#codec::Ser(value)),
    };
    quote!(if let ::core::option::Option::Some(value) = &self.#ident { map.serialize_entry(#csdl, #value)?; })
}

/// How a secret field's value is hidden from `Debug`: by the shape of the field holding it.
#[derive(Clone, Copy)]
pub(super) enum Redact {
    /// An `Option<T>`: prints whether it is set.
    Option,
    /// An `Update<T>`: prints `Unset`, `Null` or `Value(<redacted>)`.
    Update,
    /// A value always present: prints `<redacted>`.
    Value,
}

/// The `Debug` of a generated struct: derived (`Debug,` for its derive list) when no field is secret;
/// otherwise a hand-written impl that prints whether each secret field is set, never its value, and
/// the `additional` map when the struct has one. Returns (derive entry, impl).
pub(super) fn debug(
    name: &proc_macro2::Ident,
    display: &str,
    fields: &[(proc_macro2::Ident, Option<Redact>)],
    with_additional: bool,
) -> (TokenStream, TokenStream) {
    if fields.iter().all(|(_, redact)| redact.is_none()) {
        return (quote!(Debug,), TokenStream::new());
    }
    let entries = fields.iter().map(|(ident, redact)| {
        let label = ident.to_string().trim_start_matches("r#").to_owned();
        let redactor = match redact {
            None => return quote!(.field(#label, &self.#ident)),
            Some(Redact::Option) => quote!(option),
            Some(Redact::Update) => quote!(update),
            Some(Redact::Value) => quote!(value),
        };
        quote!(.field(#label, &::odata_runtime::secret::Redacted::#redactor(&self.#ident)))
    });
    let additional = with_additional.then(|| quote!(.field("additional", &self.additional)));
    let implementation = quote! {
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#display) #(#entries)* #additional .finish()
            }
        }
    };
    (TokenStream::new(), implementation)
}
