//! Entity and complex types become structs: every own and inherited property as an `Option`, the
//! selected navigation properties, and an `additional` map for everything else. Each is one
//! `odata_runtime::record!` call: the struct and its member table, from which generic runtime code,
//! compiled once, reads, writes, clones, compares and prints it (`Debug` hides secret values).

use proc_macro2::TokenStream;
use quote::quote;

use super::chunks::{Items, StructTable, TableField, string, type_text};
use super::docs::{deprecation, doc_lines};
use super::names::{NameKind, NameScope, member_constant};
use super::rust_type::RustType;
use super::{Emitter, ident};
use crate::csdl::StructuredKind;
use crate::model::{Primitive, Target, TypeId, TypeRef, TypeTarget, member_index};

/// One struct field: a property or navigation property of the type or one of its base types.
pub(super) struct Field {
    pub(super) csdl: String,
    pub(super) ident: proc_macro2::Ident,
    pub(super) ty: RustType,
    docs: Vec<String>,
    deprecated: Option<String>,
    secret: bool,
}

/// Name of the field holding unknown members and instance annotations.
pub(super) const ADDITIONAL_FIELD: &str = "additional";

/// Name of the field holding a media entity's stream (numbered when a property takes the name).
const MEDIA_FIELD: &str = "media";

impl Emitter<'_, '_> {
    /// The struct for the structured type `id`, in module `module`, with its trait impls.
    pub(super) fn emit_struct(&mut self, module: usize, id: TypeId, items: &mut Items) {
        let def = self.model.ty(id);
        if def.as_structured().is_none() {
            return;
        }
        let Some(names) = self.plan.names(id) else { return };
        let qualified = def.qualified_name();
        let fields = self.fields(module, id);
        let mut extra_docs = vec![format!("`{qualified}`")];
        extra_docs.extend(self.reach_doc(id));
        extra_docs.extend(self.related_doc(module, id));
        let mut attributes: Vec<String> =
            deprecation(self.model, Target::Type(id)).map(|note| deprecated_line(&note)).into_iter().collect();
        attributes.extend(self.options.attributes.lines(&qualified));
        let table = StructTable {
            macro_name: "record",
            docs: doc_lines(self.model, Target::Type(id), &extra_docs),
            attributes,
            name: &names.ident,
            odata_type: format!("#{qualified}"),
            fields: fields
                .iter()
                .map(|f| TableField {
                    docs: f.docs.clone(),
                    attributes: f.deprecated.as_deref().map(deprecated_line).into_iter().collect(),
                    ident: f.ident.to_string(),
                    ty: format!("Option<{}>", type_text(&f.ty.tokens())),
                    json: f.csdl.clone(),
                    secret: f.secret,
                    member: self.options.member_constants.then(|| member_constant(&f.ident.to_string())),
                })
                .collect(),
            readable: true,
        };
        items.text(table.text());
        self.tables.push(names.ident.clone());
        if self.recursion.on_cycle(id) {
            let mut boxed = names.ident.clone();
            if let Some(update) = &names.update {
                boxed.push_str(", ");
                boxed.push_str(update);
            }
            items.text(format!("::odata_runtime::boxed!({boxed});\n"));
            // A recursive navigation holds it boxed: a client navigates through the box to the entity.
            let entity = def.as_structured().is_some_and(|s| s.kind == StructuredKind::Entity);
            if self.options.member_constants && entity {
                let name = ident(&names.ident);
                items.tokens(quote!(impl ::odata_runtime::member::EntityValue for Box<#name> { type Entity = #name; }));
            }
        }
        items.tokens(self.emit_key(module, id, &fields));
    }

    /// The fields of `id`: properties of its base types (root first), its own, then navigation
    /// properties whose target is selected.
    fn fields(&mut self, module: usize, id: TypeId) -> Vec<Field> {
        let mut scope = self.member_names(id);
        let mut fields = Vec::new();
        for owner in self.model.lineage(id).into_iter().rev() {
            let Some(structured) = self.model.ty(owner).as_structured() else { continue };
            for (index, property) in structured.properties.iter().enumerate() {
                let target = Target::Property(owner, member_index(index));
                fields.push(self.field(module, id, &mut scope, property.name, property.ty, target));
            }
            for (index, navigation) in structured.navigation_properties.iter().enumerate() {
                if self.is_selected_navigation(navigation.ty) {
                    let target = Target::NavigationProperty(owner, member_index(index));
                    fields.push(self.field(module, id, &mut scope, navigation.name, navigation.ty, target));
                }
            }
        }
        if self.is_media_entity(id) {
            fields.insert(0, self.media_field(module, &mut scope));
        }
        let owner = format!("`{}`", self.model.ty(id).qualified_name());
        let model = self.model;
        self.warn_collisions(&owner, scope.collisions(), |csdl| model.member_span(id, csdl));
        fields
    }

    /// Whether `id` is a media entity type (`HasStream="true"` on it or a base type).
    fn is_media_entity(&self, id: TypeId) -> bool {
        self.model.lineage(id).into_iter().any(|t| self.model.ty(t).as_structured().is_some_and(|s| s.has_stream))
    }

    /// The field of a media entity's stream: its media annotations, which have no member name before
    /// the `@` (`@odata.mediaReadLink`), so its JSON name is empty. Named after the properties.
    fn media_field(&self, module: usize, scope: &mut NameScope) -> Field {
        let stream = TypeRef { collection: false, target: TypeTarget::Primitive(Primitive::Stream) };
        let ident = super::ident(&scope.claim(MEDIA_FIELD));
        Field {
            csdl: String::new(),
            ident,
            ty: self.rust_type(module, stream),
            docs: vec![
                "The entity's media stream (a media entity): its `@odata.mediaReadLink`, `@odata.mediaEditLink`,"
                    .to_owned(),
                "`@odata.mediaContentType` and `@odata.mediaEtag`.".to_owned(),
            ],
            deprecated: None,
            secret: false,
        }
    }

    /// The Rust names of the read model's fields of `id`, decided once: properties of its base types
    /// (root first) and its own, then the selected navigation properties, per type. The write model
    /// takes its names from here too, so a member has the same name in both.
    pub(super) fn member_names(&self, id: TypeId) -> NameScope {
        let mut scope = NameScope::with_reserved(NameKind::Field, [ADDITIONAL_FIELD]);
        for owner in self.model.lineage(id).into_iter().rev() {
            let Some(structured) = self.model.ty(owner).as_structured() else { continue };
            for property in &structured.properties {
                scope.assign(property.name);
            }
            for navigation in &structured.navigation_properties {
                if self.is_selected_navigation(navigation.ty) {
                    scope.assign(navigation.name);
                }
            }
        }
        scope
    }

    /// Links to the items that belong with the read model of `id`: its base type, the `Any...` enum
    /// that reads it polymorphically, and its write models.
    fn related_doc(&self, module: usize, id: TypeId) -> Option<String> {
        let names = self.plan.names(id)?;
        let link = |ident: &str| format!("[`{ident}`]");
        let mut parts = Vec::new();
        if let Some(base) = self.model.ty(id).as_structured().and_then(|s| s.base)
            && let Some(base_names) = self.plan.names(base)
        {
            let path = super::path_text(&self.plan.path(module, base_names.module, &base_names.ident));
            let ident = &base_names.ident;
            // A link to another module names its path; within the module the name resolves by itself.
            parts.push(if path == *ident {
                format!("derived from {}", link(ident))
            } else {
                format!("derived from [`{ident}`]({path})")
            });
        }
        if let Some(any) = &names.any {
            parts.push(format!("read with its derived types as {}", link(any)));
        }
        match (&names.create, &names.update) {
            (Some(create), Some(update)) => {
                parts.push(format!("created with {}, updated with {}", link(create), link(update)))
            }
            (None, Some(update)) => parts.push(format!("written with {}", link(update))),
            _ => {}
        }
        if parts.is_empty() {
            return None;
        }
        let mut line = parts.join("; ");
        if let Some(first) = line.get(..1) {
            line = first.to_uppercase() + &line[1..];
        }
        Some(format!("{line}."))
    }

    /// Whether a navigation property of type `ty` is a field of the read model (its target is generated).
    fn is_selected_navigation(&self, ty: TypeRef<'_>) -> bool {
        matches!(ty.target, TypeTarget::Named(t) if self.selection.contains(t))
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
        let name = scope.lookup(csdl).cloned().unwrap_or_else(|| scope.assign(csdl));
        let mut rust = self.rust_type(module, ty);
        rust.element = self.boxed_if_recursive(owner, ty, rust.element);
        Field {
            csdl: csdl.to_owned(),
            ident: name.to_ident(),
            ty: rust,
            docs: doc_lines(self.model, target, &[]),
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

/// `#[deprecated(note = "...")]` as a source line.
pub(super) fn deprecated_line(note: &str) -> String {
    format!("#[deprecated(note = {})]", string(note))
}
