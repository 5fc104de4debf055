//! Entity containers: a unit struct per container with selected members, holding each entity set and
//! singleton as a typed path constant (`GraphService::IDENTITY`) and each action or function import as
//! a typed import constant (`Service::GET_NEAREST_AIRPORT`, called at the service root under the
//! import's name), and the resource paths that reach each entity type through containment navigation
//! (`identity/apiConnectors`), for the type docs.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_lines, lines_to_attrs, own_docs};
use super::names::{NameKind, NameScope};
use super::{Emitter, ident};
use crate::csdl::OperationKind;
use crate::model::{ContainerId, Model, OperationId, Target, TypeId, TypeKind, TypeTarget};
use crate::select::{ContainerImport, MemberKind};

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
            let imports: Vec<ContainerImport> =
                self.selection.imports().iter().filter(|i| i.container == id).cloned().collect();
            for import in &imports {
                constants.extend(self.import_constants(module, import, &mut scope));
            }
            let syntax = container.syntax;
            let span_of = |csdl: &str| {
                let sets = syntax.entity_sets.iter().map(|s| &s.name);
                let members = sets.chain(syntax.singletons.iter().map(|s| &s.name));
                let imports = syntax.action_imports.iter().map(|i| &i.name);
                let members = members.chain(imports).chain(syntax.function_imports.iter().map(|i| &i.name));
                members.into_iter().find(|name| name.as_str() == csdl).map(|name| name.span)
            };
            self.warn_collisions(&format!("`{qualified}`"), scope.collisions(), span_of);
            let name = ident(&name);
            let docs = lines_to_attrs(&[format!(
                "The entity container `{qualified}`: its entity sets and singletons whose types are generated, as paths \
                 relative to the service root, and its action and function imports whose operations are generated."
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

impl Emitter<'_, '_> {
    /// The name of the first import (in container order) that exposes the unbound operation `id`.
    pub(super) fn import_name(&self, id: OperationId) -> Option<(&str, ContainerId)> {
        let import = self.selection.imports().iter().find(|i| i.operations.contains(&id))?;
        let name = import_syntax(self.model, import)?.0;
        Some((name, import.container))
    }

    /// One constant per imported overload: `FunctionImport<Struct>` or `ActionImport<Struct>`, named
    /// after the import (overloads: after the import and their parameters).
    fn import_constants(&self, module: usize, import: &ContainerImport, scope: &mut NameScope) -> Vec<TokenStream> {
        let Some((name, entity_set)) = import_syntax(self.model, import) else { return Vec::new() };
        let (runtime, what, verb) = match import.kind {
            OperationKind::Action => (quote!(ActionImport), "Action import", "POST"),
            OperationKind::Function => (quote!(FunctionImport), "Function import", "GET"),
        };
        let target = match import.kind {
            OperationKind::Action => Target::ActionImport(import.container, import.index),
            OperationKind::Function => Target::FunctionImport(import.container, import.index),
        };
        let description = doc_lines(self.model, target, &[]).join("\n");
        let several = import.operations.len() > 1;
        let mut constants = Vec::new();
        for id in &import.operations {
            let Some(names) = self.plan.operation(*id) else { continue };
            let operation = &self.model.operations[id.index()];
            let parameters: Vec<&str> = operation.parameters.iter().map(|p| p.name).collect();
            let seed = if several && !parameters.is_empty() {
                format!("{name} with {}", parameters.join(" and "))
            } else {
                name.to_owned()
            };
            let constant = ident(&scope.assign(&seed).ident);
            let ty = self.plan.path(module, names.module, &names.ident);
            let qualified = format!("{}.{}", operation.namespace, operation.name);
            let mut line = match import.kind {
                OperationKind::Action => format!(
                    "{what} `{name}` ([`{}`], `{qualified}`): `{verb} {name}` relative to the service root, with the \
                     parameters as the JSON body.",
                    names.ident
                ),
                OperationKind::Function => {
                    let list: Vec<String> = parameters.iter().map(|p| format!("{p}=..")).collect();
                    format!(
                        "{what} `{name}` ([`{}`], `{qualified}`): `{verb} {name}({})` relative to the service root.",
                        names.ident,
                        list.join(",")
                    )
                }
            };
            let set_call = entity_set.map(|set| {
                line.push_str(&format!(" Returned entities belong to the entity set `{set}`."));
                quote!(.with_entity_set(#set))
            });
            let paragraphs: Vec<String> = [description.clone(), line].into_iter().filter(|p| !p.is_empty()).collect();
            let docs = own_docs(&paragraphs);
            constants.push(quote! {
                #docs
                pub const #constant: ::odata_runtime::operation::#runtime<#ty> =
                    ::odata_runtime::operation::#runtime::new(#name) #set_call;
            });
        }
        constants
    }
}

/// The name and `EntitySet` of an import.
fn import_syntax<'m>(model: &'m Model<'_>, import: &ContainerImport) -> Option<(&'m str, Option<&'m str>)> {
    let syntax = model.containers.get(import.container.index())?.syntax;
    let index = import.index as usize;
    match import.kind {
        OperationKind::Action => {
            syntax.action_imports.get(index).map(|i| (i.name.as_str(), i.entity_set.as_ref().map(|s| s.as_str())))
        }
        OperationKind::Function => {
            syntax.function_imports.get(index).map(|i| (i.name.as_str(), i.entity_set.as_ref().map(|s| s.as_str())))
        }
    }
}
