//! Entity and complex types become structs: every own and inherited property as an `Option`, the
//! selected navigation properties, and an `additional` map for everything else. Serde goes through
//! `odata_runtime::record`: a member table and two accessors per type, read by generic code compiled
//! once (no derive expansion), and `Debug` hides secret values.

use proc_macro2::TokenStream;
use quote::quote;

use super::chunks::{Items, MacroCall, string};
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
    pub(super) fn emit_struct(&mut self, module: usize, id: TypeId, items: &mut Items) {
        let def = self.model.ty(id);
        if def.as_structured().is_none() {
            return;
        }
        let Some(names) = self.plan.names(id) else { return };
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
            quote!(#docs #deprecated pub #ident: Option<#ty>,)
        });
        let additional = ident(ADDITIONAL_FIELD);
        let record = record_call(&names.ident, &qualified, fields.iter().map(|f| (f.csdl.as_str(), &f.ident)), true);
        let key = self.emit_key(module, id, &fields);
        let redactions: Vec<_> = fields.iter().map(|f| (f.ident.clone(), f.secret.then_some(Redact::Option))).collect();
        let (derive_debug, debug) = debug(&name, &names.ident, &redactions, true);
        let extra = self.options.attributes.tokens(&qualified);
        items.tokens(quote! {
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
        });
        items.text(record);
        items.tokens(quote!(#debug #key));
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
                quote!(Box<#element>)
            }
            _ => element,
        }
    }
}

/// The member table of a read model (`readable`: with the lookup order for reading) or of a write
/// model, as a `record!` or `write_model!` call: JSON names in field order.
pub(super) fn record_call<'f>(
    name: &str,
    qualified: &str,
    members: impl Iterator<Item = (&'f str, &'f proc_macro2::Ident)>,
    readable: bool,
) -> String {
    let macro_name = if readable { "record" } else { "write_model" };
    let mut call = MacroCall::new(macro_name, &format!("{name} = {}", string(&format!("#{qualified}"))));
    let mut json_names = Vec::new();
    for (index, (json, ident)) in members.enumerate() {
        call.entry(index, &ident.to_string(), json);
        json_names.push(json);
    }
    if readable {
        let mut order: Vec<usize> = (0..json_names.len()).collect();
        order.sort_by_key(|index| json_names.get(*index).copied().unwrap_or_default());
        let order: Vec<String> = order.iter().map(usize::to_string).collect();
        call.line(&format!("lookup = [{}]", order.join(", ")));
    }
    call.finish()
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
