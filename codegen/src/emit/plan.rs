//! The naming plan of one emission: which module each selected namespace becomes, and the Rust name of
//! every selected type, of its write models, and of the `Any...` enums of every type with selected
//! derived types. Every name comes from [`names`](super::names); collisions become warnings.

use crate::diag::codes;
use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::EmitOptions;
use super::access::has_create_model;
use super::key_check::key_problem;
use super::names::{NameKind, NameScope};
use crate::csdl::OperationKind;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{ContainerId, Model, OperationId, SchemaId, TypeId, TypeTarget, WriteRestrictions};
use crate::select::Selection;

/// Where a selected type lives and what it is called.
#[derive(Clone, Debug)]
pub(super) struct TypeNames {
    /// The module (index into [`Plan::modules`]).
    pub(super) module: usize,
    /// The struct, enum or alias name.
    pub(super) ident: String,
    /// The `Any...` enum, when the type has selected derived types.
    pub(super) any: Option<String>,
    /// The write model (`...Update`), for structured types when write models are on.
    pub(super) update: Option<String>,
    /// The create model (`...Create`), for entity types whose create and update bodies differ (see
    /// [`access`](super::access)).
    pub(super) create: Option<String>,
    /// The `Any...Update` enum of the write models, next to `any`.
    pub(super) any_update: Option<String>,
    /// The `...Key` struct, for entity types whose key is not one primitive property.
    pub(super) key: Option<String>,
}

/// Where a selected operation's struct lives and what it is called.
#[derive(Clone, Debug)]
pub(super) struct OperationNames {
    /// The module (index into [`Plan::modules`]).
    pub(super) module: usize,
    /// The struct name.
    pub(super) ident: String,
}

/// One output module: a schema namespace.
#[derive(Clone, Debug)]
pub(super) struct Module {
    /// The schema.
    pub(super) schema: SchemaId,
    /// The module identifier.
    pub(super) ident: String,
    /// Selected types of the schema, in declaration order.
    pub(super) types: Vec<TypeId>,
}

/// Names of every module and type of an emission.
#[derive(Debug)]
pub(super) struct Plan {
    pub(super) modules: Vec<Module>,
    types: BTreeMap<TypeId, TypeNames>,
    operations: BTreeMap<OperationId, OperationNames>,
    /// Entity containers with selected members: (container, module, struct name).
    pub(super) containers: Vec<(ContainerId, usize, String)>,
}

impl Plan {
    /// Names the modules and types of `selection`; collisions are reported as warnings.
    pub(super) fn new(
        model: &Model<'_>,
        selection: &Selection,
        options: &EmitOptions,
        restrictions: &BTreeMap<TypeId, WriteRestrictions>,
        diagnostics: &mut Diagnostics,
    ) -> Plan {
        let mut by_schema: BTreeMap<SchemaId, Vec<TypeId>> = BTreeMap::new();
        for id in selection.types() {
            by_schema.entry(model.ty(*id).schema).or_default().push(*id);
        }
        // Operations and containers live in their schema's module, even one without selected types.
        for id in selection.operations() {
            by_schema.entry(model.operations[id.index()].schema).or_default();
        }
        let containers_used = selection.container_members().iter().map(|m| m.container);
        for container in containers_used.chain(selection.imports().iter().map(|i| i.container)) {
            let namespace = model.containers[container.index()].namespace;
            if let Some(schema) = model.schemas.iter().position(|s| s.namespace == namespace) {
                by_schema.entry(SchemaId(u32::try_from(schema).unwrap_or(u32::MAX))).or_default();
            }
        }
        let mut module_scope = NameScope::new(NameKind::Module);
        let mut modules = Vec::new();
        let mut types = BTreeMap::new();
        let mut operations = BTreeMap::new();
        let mut containers = Vec::new();
        for (schema, mut ids) in by_schema {
            ids.sort();
            let namespace = model.schema(schema).namespace;
            let seed = match options.module_names.get(namespace) {
                Some(name) => name.as_str(),
                None => namespace_module_seed(namespace),
            };
            let ident = module_scope.assign(seed).ident;
            let mut type_scope = NameScope::new(NameKind::Type);
            let index = modules.len();
            for id in &ids {
                let ident = type_scope.assign(model.ty(*id).name).ident;
                let names = TypeNames {
                    module: index,
                    ident,
                    any: None,
                    update: None,
                    create: None,
                    any_update: None,
                    key: None,
                };
                types.insert(*id, names);
            }
            for id in &ids {
                let has_derived = model.all_derived_types(*id).iter().any(|d| selection.contains(*d));
                if has_derived && model.ty(*id).as_structured().is_some() {
                    let wanted = format!("Any{}", types.get(id).map_or("", |t: &TypeNames| t.ident.as_str()));
                    let any = type_scope.claim(&wanted);
                    if let Some(names) = types.get_mut(id) {
                        names.any = Some(any);
                    }
                }
            }
            if options.write_models {
                for id in &ids {
                    let Some(names) = types.get_mut(id) else { continue };
                    if model.ty(*id).as_structured().is_none() {
                        continue;
                    }
                    names.update = Some(type_scope.claim(&format!("{}Update", names.ident)));
                    if has_create_model(model, restrictions.get(id), *id) {
                        names.create = Some(type_scope.claim(&format!("{}Create", names.ident)));
                    }
                    if let Some(any) = &names.any {
                        names.any_update = Some(type_scope.claim(&format!("{any}Update")));
                    }
                }
            }
            for id in &ids {
                let Some(names) = types.get_mut(id) else { continue };
                let usable = key_problem(model, selection, *id).is_none();
                if usable && model.key_parts(*id).is_some_and(|parts| model.key_needs_struct(&parts)) {
                    names.key = Some(type_scope.claim(&format!("{}Key", names.ident)));
                }
            }
            name_containers(model, selection, schema, index, &mut type_scope, &mut containers);
            name_operations(model, selection, schema, index, &mut type_scope, &mut operations);
            report(&type_scope, namespace, diagnostics);
            modules.push(Module { schema, ident, types: ids });
        }
        report(&module_scope, "the generated crate", diagnostics);
        Plan { modules, types, operations, containers }
    }

    /// The names of a selected type.
    pub(super) fn names(&self, id: TypeId) -> Option<&TypeNames> {
        self.types.get(&id)
    }

    /// The path to `ident` of the module of `target`, as seen from module `from`.
    pub(super) fn path(&self, from: usize, target: usize, ident: &str) -> TokenStream {
        let name = super::ident(ident);
        if from == target {
            return quote!(#name);
        }
        let module = self.modules.get(target).map_or("missing", |m| m.ident.as_str());
        let module = super::ident(module);
        quote!(super::#module::#name)
    }

    /// The names of a selected operation.
    pub(super) fn operation(&self, id: OperationId) -> Option<&OperationNames> {
        self.operations.get(&id)
    }

    /// The path to the write model of `id` (its `Any...Update` enum when `polymorphic` and it has one).
    pub(super) fn update_path(&self, from: usize, id: TypeId, polymorphic: bool) -> Option<TokenStream> {
        let names = self.names(id)?;
        let ident =
            if polymorphic { names.any_update.as_deref().or(names.update.as_deref()) } else { names.update.as_deref() };
        Some(self.path(from, names.module, ident?))
    }

    /// The path to the type `id` (its `Any...` enum when `polymorphic` and it has one) from module `from`.
    pub(super) fn type_path(&self, from: usize, id: TypeId, polymorphic: bool) -> Option<TokenStream> {
        let names = self.names(id)?;
        let ident = if polymorphic { names.any.as_deref().unwrap_or(&names.ident) } else { &names.ident };
        Some(self.path(from, names.module, ident))
    }
}

/// Names the struct of each container of `schema` that has selected members or imports.
fn name_containers(
    model: &Model<'_>,
    selection: &Selection,
    schema: SchemaId,
    module: usize,
    scope: &mut NameScope,
    containers: &mut Vec<(ContainerId, usize, String)>,
) {
    for id in &model.schema(schema).containers {
        let used = selection.container_members().iter().any(|m| m.container == *id)
            || selection.imports().iter().any(|i| i.container == *id);
        if used {
            let ident = scope.assign(model.containers[id.index()].name).ident;
            containers.push((*id, module, ident));
        }
    }
}

/// Names the struct of each selected operation of `schema`: the operation's name; for overloads, the
/// name with the binding type (`getStatistics` on `x` → `GetStatisticsOnX`) and, when that is not
/// enough, the parameter names (`ImageOnWorkbookChartWithWidthAndHeight`); a name a type already has
/// gets `Action` or `Function` appended.
fn name_operations(
    model: &Model<'_>,
    selection: &Selection,
    schema: SchemaId,
    module: usize,
    scope: &mut NameScope,
    names: &mut BTreeMap<OperationId, OperationNames>,
) {
    let selected: Vec<OperationId> =
        model.schema(schema).operations.iter().copied().filter(|id| selection.contains_operation(*id)).collect();
    let binding = |id: OperationId| {
        let operation = &model.operations[id.index()];
        operation.binding_type().and_then(|ty| match ty.target {
            TypeTarget::Named(t) => Some((model.ty(t).name, ty.collection)),
            _ => None,
        })
    };
    for id in &selected {
        let operation = &model.operations[id.index()];
        let same_name: Vec<OperationId> =
            selected.iter().copied().filter(|other| model.operations[other.index()].name == operation.name).collect();
        let mut seed = operation.name.to_owned();
        if same_name.len() > 1 {
            match binding(*id) {
                Some((name, true)) => seed.push_str(&format!(" on {name} collection")),
                Some((name, false)) => seed.push_str(&format!(" on {name}")),
                None => {}
            }
            // Overloads with the same binding differ in their parameters.
            if same_name.iter().filter(|other| binding(**other) == binding(*id)).count() > 1 {
                let skip = usize::from(operation.is_bound);
                let parameters: Vec<&str> = operation.parameters.iter().skip(skip).map(|p| p.name).collect();
                if !parameters.is_empty() {
                    seed.push_str(&format!(" with {}", parameters.join(" and ")));
                }
            }
        }
        if scope.lookup_ident(&NameKind::Type.name(&seed).ident) {
            seed.push_str(match operation.kind {
                OperationKind::Action => " action",
                OperationKind::Function => " function",
            });
        }
        let ident = scope.assign(&seed).ident;
        names.insert(*id, OperationNames { module, ident });
    }
}

/// The last segment of a namespace names its module (`microsoft.graph.industryData` → `industry_data`).
fn namespace_module_seed(namespace: &str) -> &str {
    namespace.rsplit('.').next().unwrap_or(namespace)
}

fn report(scope: &NameScope, place: &str, diagnostics: &mut Diagnostics) {
    for collision in scope.collisions() {
        diagnostics.push(Diagnostic::warning_without_span(
            codes::NAME_COLLISION,
            format!("in {place}: {}", collision.message()),
        ));
    }
}
