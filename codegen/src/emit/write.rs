//! Write models: for every selected entity and complex type a `...Update` struct, the body of create
//! (`POST`) and update (`PATCH`) requests, and for entity types whose two bodies differ a `...Create`
//! struct for `POST` beside it. Each has the members a client may send in that body ([`access`]
//! decides, and the model's docs list the others with the reason) — each nullable one as an
//! `Update<T>` (left out, explicit `null`, or a value) and each non-nullable one as an `Option<T>` (no
//! way to write `null` where the schema forbids it). Complex values are write models too, so nested
//! values can also clear members; navigation properties are `ODataBind` references written as
//! `name@odata.bind`. Stream properties are left out: a stream's content is sent to its media edit
//! link, not in the entity's body. Types with selected derived types get an `Any...Update` enum that writes the
//! derived value's `@odata.type`. Write models only serialize: they are never read.
//!
//! [`access`]: super::access

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::access::{Absent, Access, Body, fold_keys, member_access, write_shape};
use super::chunks::{Items, MacroCall, StructTable, TableField, type_text};
use super::docs::{doc_lines, own_docs, own_lines};
use super::names::{NameKind, NameScope};
use super::path_text;
use super::rust_type::RustType;
use super::{Emitter, ident};
use crate::model::{Primitive, Restrictions, Target, TypeId, TypeKind, TypeRef, TypeTarget, WriteRestrictions};

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
    /// The write models of the structured type `id`, when write models are on: its `...Update` and,
    /// when create and update bodies differ, its `...Create`.
    pub(super) fn emit_write_model(&mut self, module: usize, id: TypeId, items: &mut Items) {
        let Some(names) = self.plan.names(id) else { return };
        let Some(update) = names.update.clone() else { return };
        let create = names.create.clone();
        let restrictions = self.restrictions.get(&id).cloned();
        let mut members = member_access(self.model, restrictions.as_ref(), id);
        let shape = write_shape(restrictions.as_ref(), &members);
        fold_keys(shape, &mut members);
        let models = [(Some(update), shape.update_model_body), (create, Body::Create)];
        for (name, body) in models {
            let Some(name) = name else { continue };
            let docs = self.write_model_docs(id, &name, body, &members, restrictions.as_ref());
            let fields = self.write_fields(module, id, body, &members, restrictions.as_ref());
            self.emit_write_struct(id, &name, docs, fields, items);
        }
    }

    fn emit_write_struct(
        &mut self,
        id: TypeId,
        name: &str,
        docs: Vec<String>,
        fields: Vec<WriteField>,
        items: &mut Items,
    ) {
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
                    member: None,
                }
            })
            .collect();
        let table = StructTable {
            macro_name: "write_model",
            docs,
            attributes: Vec::new(),
            name,
            odata_type: format!("#{}", self.model.ty(id).qualified_name()),
            fields,
            readable: false,
        };
        items.text(table.text());
        self.tables.push(name.to_owned());
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
        let base_span = self.model.ty(id).span;
        self.warn_collisions(&format!("`{any_update}`"), scope.collisions(), |_| Some(base_span));
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

    /// The fields of the write model of `id` that holds `body`: the members it sends, properties first.
    fn write_fields(
        &mut self,
        module: usize,
        id: TypeId,
        body: Body,
        members: &[Access<'_>],
        restrictions: Option<&WriteRestrictions>,
    ) -> Vec<WriteField> {
        // The read model's names, so that a member is named alike in both; navigation properties the
        // read model leaves out are named after them.
        let mut scope = self.member_names(id);
        let read_collisions = scope.collisions().len();
        let type_name = self.model.ty(id).name;
        let mut fields = Vec::new();
        for member in members.iter().filter(|m| m.absent(body).is_none()) {
            let mut extra = member_notes(type_name, member, body, restrictions);
            let (ty, slot) = match (member.target, member.navigation) {
                (Target::Property(owner, index), false) => {
                    let Some(property) =
                        self.model.ty(owner).as_structured().and_then(|s| s.properties.get(index as usize))
                    else {
                        continue;
                    };
                    // Streams are written to their media edit links, never in an entity's body.
                    if property.ty.target == TypeTarget::Primitive(Primitive::Stream) {
                        continue;
                    }
                    if member.key_for_create {
                        extra.push(
                            "The key: a create sends it when the client chooses the key; an update \
                             addresses the entity by the key in its URL (a service ignores one in the body)."
                                .to_owned(),
                        );
                    } else if body == Body::Create && member.update == Some(Absent::Key) {
                        extra.push("The key, for a create where the client chooses it.".to_owned());
                    } else if self.model.is_immutable(member.target) && member.update.is_none() {
                        extra.push("Immutable (`Core.Immutable`): the service takes it on create only.".to_owned());
                    }
                    let slot =
                        if property.nullable && !property.ty.collection { Slot::Nullable } else { Slot::Required };
                    (self.write_type(module, id, property.ty), slot)
                }
                _ => {
                    let csdl = member.name;
                    extra.insert(
                        0,
                        format!("Written as `{csdl}@odata.bind`: the URL of an existing entity, or a list of them."),
                    );
                    (RustType { element: TokenStream::new(), collection: false }, Slot::Bind)
                }
            };
            fields.push(self.write_field(&mut scope, member.name, ty, slot, member.target, &extra));
        }
        let place = format!("the write model of `{}`", self.model.ty(id).qualified_name());
        let model = self.model;
        let new_collisions = scope.collisions().get(read_collisions..).unwrap_or_default();
        self.warn_collisions(&place, new_collisions, |csdl| model.member_span(id, csdl));
        fields
    }

    /// The docs of the write model `name` of `id` holding `body`: what it is for, the members it
    /// leaves out and why, and the places that allow no such write.
    fn write_model_docs(
        &self,
        id: TypeId,
        name: &str,
        body: Body,
        members: &[Access<'_>],
        restrictions: Option<&WriteRestrictions>,
    ) -> Vec<String> {
        let Some(names) = self.plan.names(id) else { return Vec::new() };
        let read_model = &names.ident;
        let (insertable, updatable) = restrictions.map_or((true, true), |r| (r.insert.allowed(), r.update.allowed()));
        let writes = "writes the members that are set ([`odata_runtime::write`])";
        let summary = match (&names.create, body) {
            (Some(create), Body::Update) => {
                format!("Update (`PATCH`) body of [`{read_model}`]: {writes}. Create with [`{create}`].")
            }
            (Some(_), Body::Create) => {
                let update = names.update.as_deref().unwrap_or("");
                format!("Create (`POST`) body of [`{read_model}`]: {writes}. Update with [`{update}`].")
            }
            (None, _) if insertable && !updatable => format!("Create body of [`{read_model}`]: {writes}."),
            (None, _) if updatable && !insertable => format!("Update body of [`{read_model}`]: {writes}."),
            (None, _) => format!("Create and update body of [`{read_model}`]: {writes}."),
        };
        let mut paragraphs = vec![summary];
        let absent = absent_list(members, body, names.create.as_deref().filter(|c| *c != name));
        paragraphs.extend(absent);
        if let Some(restrictions) = restrictions {
            paragraphs.extend(forbidden_note(&restrictions.insert, "inserts", "InsertRestrictions/Insertable"));
            paragraphs.extend(forbidden_note(&restrictions.update, "updates", "UpdateRestrictions/Updatable"));
        }
        own_lines(&paragraphs)
    }

    fn write_field(
        &self,
        scope: &mut NameScope,
        csdl: &str,
        ty: RustType,
        slot: Slot,
        target: Target,
        extra: &[String],
    ) -> WriteField {
        WriteField {
            csdl: csdl.to_owned(),
            ident: scope.lookup(csdl).cloned().unwrap_or_else(|| scope.assign(csdl)).to_ident(),
            ty,
            slot,
            docs: doc_lines(self.model, target, extra),
            secret: self.options.is_secret(csdl),
        }
    }

    /// The Rust type of a property in a write model: like the read model's, with structured values
    /// as write models.
    fn write_type(&self, module: usize, owner: TypeId, ty: TypeRef<'_>) -> RustType {
        let mut rust = self.rust_type(module, ty);
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

/// The paragraph listing the members a write model of `body` leaves out, grouped by reason, if any.
/// `create` names the separate create model, where immutable members can be set.
fn absent_list(members: &[Access<'_>], body: Body, create: Option<&str>) -> Option<String> {
    let mut groups: BTreeMap<Absent, Vec<String>> = BTreeMap::new();
    for member in members {
        if let Some(absent) = member.absent(body) {
            groups.entry(absent).or_default().push(format!("`{}`", member.name));
        }
    }
    if groups.is_empty() {
        return None;
    }
    let mut lines = vec!["Not here (setting them does not compile):".to_owned()];
    for (absent, names) in &groups {
        let (one, many) = (names.len() == 1, names.join(", "));
        let reason = match absent {
            Absent::Computed => format!("the service computes {} (`Core.Computed`)", if one { "it" } else { "them" }),
            Absent::ReadOnly => "read-only (`Core.Permissions`)".to_owned(),
            Absent::Key => match create {
                Some(create) => format!("the key, which goes in the URL (a create sets it in [`{create}`])"),
                None => "the key, which goes in the URL".to_owned(),
            },
            Absent::Immutable => match create {
                Some(create) => format!("set on create only (`Core.Immutable`), in [`{create}`]"),
                None => "set on create only (`Core.Immutable`)".to_owned(),
            },
            Absent::NotInsertable => "not insertable in any place that holds the type \
                 (`Capabilities.InsertRestrictions/NonInsertable...`)"
                .to_owned(),
            Absent::NotUpdatable => "not updatable in any place that holds the type \
                 (`Capabilities.UpdateRestrictions/NonUpdatable...`)"
                .to_owned(),
        };
        lines.push(format!("- {many}: {reason};"));
    }
    if let Some(last) = lines.last_mut()
        && let Some(trimmed) = last.strip_suffix(';')
    {
        *last = format!("{trimmed}.");
    }
    Some(lines.join("\n"))
}

/// A note naming the places that allow no `what` (inserts, updates) at all, if any.
fn forbidden_note(restrictions: &Restrictions, what: &str, term: &str) -> Option<String> {
    if restrictions.forbidden.is_empty() {
        return None;
    }
    let places: Vec<String> = restrictions.forbidden.iter().map(|p| format!("`{p}`")).collect();
    let places = places.join(", ");
    Some(if restrictions.allowed() {
        format!("{places} allow no {what} (`Capabilities.{term}` is false); other places that hold the type do.")
    } else {
        format!("No place that holds the type allows {what}: `Capabilities.{term}` is false on {places}.")
    })
}

/// Doc lines of a member that some places restrict and others do not (so it is in the model).
fn member_notes(
    type_name: &str,
    member: &Access<'_>,
    body: Body,
    restrictions: Option<&WriteRestrictions>,
) -> Vec<String> {
    let Some(restrictions) = restrictions else { return Vec::new() };
    let (r, what, term) = match body {
        Body::Create => (&restrictions.insert, "insertable", "InsertRestrictions"),
        Body::Update => (&restrictions.update, "updatable", "UpdateRestrictions"),
    };
    let places = r.places_restricting(member.name);
    if places.is_empty() {
        return Vec::new();
    }
    let places: Vec<String> = places.iter().map(|p| format!("`{p}`")).collect();
    vec![format!(
        "Not {what} in {} (`Capabilities.{term}`); other places that hold `{type_name}` allow it, so it is here.",
        places.join(", ")
    )]
}
