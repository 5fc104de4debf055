//! Write models: for every selected entity and complex type a `...Update` struct, the body of create
//! (`POST`) and update (`PATCH`) requests. It has the properties a client may send — not those the
//! schema marks `Core.Computed` or read-only (`Core.Permissions/Read`), not the key — each nullable one
//! as an `Update<T>` (left out, explicit `null`, or a value) and each non-nullable one as an `Option<T>`
//! (no way to write `null` where the schema forbids it). Complex values are write models too, so nested
//! values can also clear members; navigation properties are `ODataBind` references written as
//! `name@odata.bind`. Types with selected derived types get an `Any...Update` enum that writes the
//! derived value's `@odata.type`. Write models only serialize: they are never read.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::chunks::{Items, MacroCall, StructTable, TableField, type_text};
use super::docs::{doc_lines, own_docs, own_lines};
use super::names::{NameKind, NameScope};
use super::path_text;
use super::rust_type::{RustType, rust_type};
use super::{Emitter, ident};
use crate::model::{Target, TypeId, TypeKind, TypeRef, TypeTarget, member_index};

/// How a write-model field holds its value.
enum Slot {
    /// A nullable single value: `Update<T>`.
    Nullable,
    /// A non-nullable value or a collection: `Option<T>`.
    Required,
    /// A navigation property: `Option<ODataBind>`.
    Bind,
}

/// One field of a write model.
struct WriteField {
    csdl: String,
    ident: Ident,
    ty: RustType,
    slot: Slot,
    docs: Vec<String>,
    secret: bool,
}

impl Emitter<'_, '_> {
    /// The write model of the structured type `id`, when write models are on.
    pub(super) fn emit_write_model(&mut self, module: usize, id: TypeId, items: &mut Items) {
        let Some(names) = self.plan.names(id) else { return };
        let Some(update) = names.update.clone() else { return };
        let def = self.model.ty(id);
        let qualified = def.qualified_name();
        let (fields, left_out) = self.write_fields(module, id);
        let read_model = &names.ident;
        let docs = own_lines(&[format!(
            "Create and update body of [`{read_model}`]: writes the members that are set \
             ([`odata_runtime::write`]).{left_out}"
        )]);
        let fields = fields
            .into_iter()
            .map(|f| {
                let element = type_text(&f.ty.tokens());
                let (ty, json) = match f.slot {
                    Slot::Nullable => (format!("::odata_runtime::Update<{element}>"), f.csdl),
                    Slot::Required => (format!("Option<{element}>"), f.csdl),
                    Slot::Bind => ("Option<::odata_runtime::ODataBind>".to_owned(), format!("{}@odata.bind", f.csdl)),
                };
                TableField {
                    docs: f.docs,
                    attributes: Vec::new(),
                    ident: f.ident.to_string(),
                    ty,
                    json,
                    secret: f.secret,
                }
            })
            .collect();
        let table = StructTable {
            macro_name: "write_model",
            docs,
            attributes: Vec::new(),
            name: &update,
            odata_type: format!("#{qualified}"),
            fields,
            readable: false,
        };
        items.text(table.text());
        self.tables.push(update);
    }

    /// The `Any...Update` enum of `id`, when it has one: one variant per concrete type of the
    /// `Any...` enum, each written with its `@odata.type` except the declared type itself.
    pub(super) fn emit_any_write_model(&mut self, module: usize, id: TypeId, items: &mut Items) {
        let Some(names) = self.plan.names(id) else { return };
        let Some(any_update) = names.any_update.clone() else { return };
        let members = self.any_members(id);
        let mut scope = NameScope::new(NameKind::Variant);
        let mut variants = Vec::new();
        for member in &members {
            let Some(member_names) = self.plan.names(*member) else { continue };
            let Some(update) = member_names.update.as_deref() else { continue };
            let variant = ident(&scope.assign(&member_names.ident).ident);
            let path = self.plan.path(module, member_names.module, update);
            let read_path = self.plan.path(module, member_names.module, &member_names.ident);
            variants.push((variant, path, read_path, *member == id));
        }
        for collision in scope.collisions() {
            self.warn(format!("in `{any_update}`: {}", collision.message()));
        }
        let name = ident(&any_update);
        let base = &names.ident;
        let docs = own_docs(&[format!(
            "A create or update body for [`{base}`] or a type derived from it; derived values write their \
             `@odata.type`. Build one with `.into()` from a write model."
        )]);
        let variant_defs = variants.iter().map(|(variant, path, read_path, _)| {
            let doc = format!(" [`{}`]", path_text(read_path));
            quote!(#[doc = #doc] #variant(Box<#path>),)
        });
        items.tokens(quote! {
            #docs
            #[derive(Clone, Debug, PartialEq)]
            pub enum #name {
                #(#variant_defs)*
            }
        });
        // An enum without variants has no values to write; nothing refers to it (see `Plan`).
        let Some((first, _, _, _)) = variants.first() else { return };
        let mut call = MacroCall::new("any_write_model", &format!("{any_update}, empty = {first}"));
        for (variant, path, _, declared) in &variants {
            call.line(&format!("{variant}({}) = {}", path_text(path), !declared));
        }
        items.text(call.finish());
    }

    /// The fields of the write model of `id` — settable properties of its base types (root first) and
    /// its own, then every navigation property as a binding — and a doc sentence naming the
    /// properties left out.
    fn write_fields(&mut self, module: usize, id: TypeId) -> (Vec<WriteField>, String) {
        let chain: Vec<TypeId> = self.model.lineage(id).into_iter().rev().collect();
        let key: Vec<&str> =
            self.model.key_of(id).map(|(_, key)| key.iter().map(|k| k.path).collect()).unwrap_or_default();
        // The read model's names, so that a member is named alike in both; navigation properties the
        // read model leaves out are named after them.
        let mut scope = self.member_names(id);
        let read_collisions = scope.collisions().len();
        let mut fields = Vec::new();
        let mut read_only = Vec::new();
        for owner in chain.iter().copied() {
            let Some(structured) = self.model.ty(owner).as_structured() else { continue };
            for (index, property) in structured.properties.iter().enumerate() {
                let target = Target::Property(owner, member_index(index));
                if self.model.is_read_only(target) {
                    read_only.push(format!("`{}`", property.name));
                    continue;
                }
                if key.contains(&property.name) {
                    continue;
                }
                let slot = if property.nullable && !property.ty.collection { Slot::Nullable } else { Slot::Required };
                let ty = self.write_type(module, id, property.ty);
                fields.push(self.write_field(&mut scope, property.name, ty, slot, target));
            }
        }
        for owner in chain {
            let Some(structured) = self.model.ty(owner).as_structured() else { continue };
            for (index, navigation) in structured.navigation_properties.iter().enumerate() {
                let target = Target::NavigationProperty(owner, member_index(index));
                if self.model.is_read_only(target) {
                    continue;
                }
                let ty = RustType { element: TokenStream::new(), collection: false };
                fields.push(self.write_field(&mut scope, navigation.name, ty, Slot::Bind, target));
            }
        }
        let owner = self.model.ty(id).qualified_name();
        for collision in scope.collisions().iter().skip(read_collisions) {
            self.warn(format!("in the write model of `{owner}`: {}", collision.message()));
        }
        let mut left_out = String::new();
        if !read_only.is_empty() {
            left_out.push_str(&format!(" Computed or read-only, so left out: {}.", read_only.join(", ")));
        }
        if !key.is_empty() {
            let key: Vec<String> = key.iter().map(|k| format!("`{k}`")).collect();
            left_out.push_str(&format!(" The key ({}) goes in the URL.", key.join(", ")));
        }
        (fields, left_out)
    }

    fn write_field(&self, scope: &mut NameScope, csdl: &str, ty: RustType, slot: Slot, target: Target) -> WriteField {
        let extra = match slot {
            Slot::Bind => {
                vec![format!("Written as `{csdl}@odata.bind`: the URL of an existing entity, or a list of them.")]
            }
            _ => Vec::new(),
        };
        WriteField {
            csdl: csdl.to_owned(),
            ident: scope.lookup(csdl).cloned().unwrap_or_else(|| scope.assign(csdl)).to_ident(),
            ty,
            slot,
            docs: doc_lines(self.model, target, &extra),
            secret: self.options.is_secret(csdl),
        }
    }

    /// The Rust type of a property in a write model: like the read model's, with structured values
    /// as write models.
    fn write_type(&self, module: usize, owner: TypeId, ty: TypeRef<'_>) -> RustType {
        let mut rust = rust_type(self.model, self.selection, self.plan, module, ty);
        if let TypeTarget::Named(held) = ty.target
            && matches!(self.model.ty(held).kind, TypeKind::Structured(_))
            && self.selection.contains(held)
            && let Some(path) = self.plan.update_path(module, held, true)
        {
            rust.element = self.boxed_if_recursive(owner, ty, path);
        }
        rust
    }
}
