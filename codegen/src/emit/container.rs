//! Entity containers: a unit struct per container with selected members, holding each entity set and
//! singleton as a typed path constant (`GraphService::IDENTITY`), and the resource paths that reach
//! each entity type through containment navigation (`identity/apiConnectors`), for the type docs.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::lines_to_attrs;
use super::names::{NameKind, NameScope};
use super::{Emitter, ident};
use crate::model::{Model, TypeId, TypeKind, TypeTarget};
use crate::select::MemberKind;

/// How many segments a reach path may have; Graph's deepest useful containment paths have four.
const MAX_SEGMENTS: usize = 6;

/// How many paths the docs of one type list.
const MAX_PATHS: usize = 3;

/// A resource path that reaches entities of a type.
#[derive(Clone, Debug)]
pub(super) struct ReachPath {
    /// Relative to the service root: `identity/apiConnectors`.
    pub(super) path: String,
    /// Whether it addresses a collection (an entity set, a collection-valued navigation property).
    pub(super) collection: bool,
}

/// The resource paths (relative to the service root) that reach entities of each type: entity sets,
/// singletons, and containment navigation properties below them, shortest first. A collection on the
/// way is entered with a `{key}` segment.
pub(super) fn reach_paths(model: &Model<'_>) -> BTreeMap<TypeId, Vec<ReachPath>> {
    let mut paths: BTreeMap<TypeId, Vec<ReachPath>> = BTreeMap::new();
    let mut queue: Vec<(String, TypeId, bool, usize)> = Vec::new();
    for container in &model.containers {
        let sets = container.syntax.entity_sets.iter().zip(&container.entity_set_types);
        for (set, ty) in sets {
            if let Some(ty) = ty {
                queue.push((set.name.as_str().to_owned(), *ty, true, 1));
            }
        }
        let singletons = container.syntax.singletons.iter().zip(&container.singleton_types);
        for (singleton, ty) in singletons {
            if let Some(ty) = ty {
                queue.push((singleton.name.as_str().to_owned(), *ty, false, 1));
            }
        }
    }
    let mut expanded: Vec<TypeId> = Vec::new();
    let mut next = 0;
    while let Some((path, ty, collection, segments)) = queue.get(next).cloned() {
        next += 1;
        let known = paths.entry(ty).or_default();
        if known.len() < MAX_PATHS {
            known.push(ReachPath { path: path.clone(), collection });
        }
        if expanded.contains(&ty) || segments >= MAX_SEGMENTS {
            continue;
        }
        expanded.push(ty);
        let prefix = if collection { format!("{path}/{{key}}") } else { path };
        for owner in model.lineage(ty) {
            let TypeKind::Structured(structured) = &model.ty(owner).kind else { continue };
            for navigation in structured.navigation_properties.iter().filter(|n| n.contains_target) {
                if let TypeTarget::Named(target) = navigation.ty.target {
                    let depth = segments + 1 + usize::from(collection);
                    queue.push((format!("{prefix}/{}", navigation.name), target, navigation.ty.collection, depth));
                }
            }
        }
    }
    paths
}

impl Emitter<'_, '_> {
    /// A doc paragraph naming the paths that reach entities of `id` (directly, or as one of its base
    /// types), if any.
    pub(super) fn reach_doc(&self, id: TypeId) -> Option<String> {
        let mut found = Vec::new();
        for (index, owner) in self.model.lineage(id).into_iter().enumerate() {
            for reach in self.reach.get(&owner).into_iter().flatten() {
                let path = &reach.path;
                if found.len() < MAX_PATHS {
                    let cast =
                        if index == 0 { String::new() } else { format!(" (as `{}`)", self.model.ty(owner).name) };
                    found.push(format!("`{path}`{cast}"));
                }
            }
        }
        (!found.is_empty()).then(|| format!("Reached at {}.", found.join(", ")))
    }

    /// The container structs of module `module`.
    pub(super) fn emit_containers(&mut self, module: usize) -> TokenStream {
        let containers: Vec<_> = self.plan.containers.iter().filter(|(_, m, _)| *m == module).cloned().collect();
        let mut items = Vec::new();
        for (id, _, name) in containers {
            let container = &self.model.containers[id.index()];
            let qualified = format!("{}.{}", container.namespace, container.name);
            let mut scope = NameScope::new(NameKind::Constant);
            let mut constants = Vec::new();
            for member in self.selection.container_members().iter().filter(|m| m.container == id) {
                let syntax = container.syntax;
                let (member_name, kind, runtime) = match member.kind {
                    MemberKind::EntitySet => {
                        let name = syntax.entity_sets.get(member.index as usize).map(|s| s.name.as_str());
                        (name, "Entity set", quote!(::odata_runtime::EntitySet))
                    }
                    MemberKind::Singleton => {
                        let name = syntax.singletons.get(member.index as usize).map(|s| s.name.as_str());
                        (name, "Singleton", quote!(::odata_runtime::Singleton))
                    }
                };
                let (Some(member_name), Some(ty)) = (member_name, self.plan.type_path(module, member.ty, false)) else {
                    continue;
                };
                let constant = ident(&scope.assign(member_name).ident);
                let doc = format!(" {kind} `{member_name}` of `{}`.", self.model.ty(member.ty).qualified_name());
                constants.push(quote! {
                    #[doc = #doc]
                    pub const #constant: #runtime<#ty> = #runtime::new(#member_name);
                });
            }
            for collision in scope.collisions() {
                self.warn(format!("in `{qualified}`: {}", collision.message()));
            }
            let name = ident(&name);
            let docs = lines_to_attrs(&[format!(
                "The entity container `{qualified}`: its entity sets and singletons whose types are generated, as paths \
                 relative to the service root."
            )]);
            items.push(quote! {
                #docs
                #[derive(Clone, Copy, Debug)]
                pub struct #name;

                impl #name {
                    #(#constants)*
                }
            });
        }
        quote!(#(#items)*)
    }
}
