//! Which part of a model to emit: include roots and their closure.
//!
//! Roots name types (`microsoft.graph.user` or `graph.user`), whole namespaces (`microsoft.graph.industryData`,
//! or an alias: all its types and operations), entity container members (`GraphService/users`, the container
//! optionally qualified: the member's entity type), whole containers (the types of all their members), and
//! actions or functions (`microsoft.graph.getByIds`: every overload), and action or function imports
//! (`Container/ImportName`: the unbound operation it imports; a whole container root takes the operations of
//! all its imports too). A root may name several of these.
//!
//! The closure adds, until nothing changes:
//! - every base type of a selected type;
//! - the types of its structural properties (enum types, type definitions, collection element types);
//! - the targets of its navigation properties, only with [`SelectionOptions::follow_navigation`]: by default
//!   the selection is cut at navigation properties;
//! - with [`SelectionOptions::include_derived`], every type deriving (transitively) from a root or from a
//!   type reached as a property, parameter, return or navigation type. Derived types are **not** followed for
//!   types reached only upwards, as the base of a selected type: `microsoft.graph.entity` is the base of
//!   nearly every Graph entity, and following its derived types would select all of Graph. A type first
//!   reached as a base and later as a property type gets its derived types then;
//! - the parameter and return types of the selected operations (as roots);
//! - with [`SelectionOptions::include_bound_operations`], the operations bound to a selected type, but only
//!   when every parameter and return type is already selected or primitive: such operations never grow the
//!   closure (a bound operation of `user` must not pull in the 30 types its parameters use), while an
//!   operation named as a root always brings its types.
//!
//! [`SelectionOptions::exclude`] names types, namespaces, container members (their entity types) or
//! operations that the closure never takes, even when something selected refers to them: references to
//! an excluded type are then treated like references to a type the input does not declare (the emitter
//! types them as untyped JSON), and the closure does not continue through it.
//!
//! References that did not resolve ([`TypeTarget::Unresolved`], already reported by the model) are skipped.
//! Types and operations come out in model order (by id), so the selection is deterministic.

use crate::csdl::OperationKind;
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{ContainerId, Model, Named, OperationId, TypeId, TypeKind, TypeRef, TypeTarget};

/// How far the closure of the roots reaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectionOptions {
    /// Also select the targets of navigation properties (default: false, the selection stops there).
    pub follow_navigation: bool,
    /// Select the derived types of roots and of types used as property types (default: true).
    pub include_derived: bool,
    /// Select the actions and functions bound to a selected type whose types are all selected
    /// (default: true).
    pub include_bound_operations: bool,
    /// Names never to select, written like include roots (a type, a namespace or alias, a container
    /// member `Container/name` standing for its entity type, an action or function); default none.
    pub exclude: Vec<String>,
}

impl Default for SelectionOptions {
    fn default() -> SelectionOptions {
        SelectionOptions {
            follow_navigation: false,
            include_derived: true,
            include_bound_operations: true,
            exclude: Vec::new(),
        }
    }
}

/// Whether a container member is an entity set or a singleton.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MemberKind {
    /// `<EntitySet>`.
    EntitySet,
    /// `<Singleton>`.
    Singleton,
}

/// An entity set or singleton whose entity type is selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContainerMember {
    /// The container holding it.
    pub container: ContainerId,
    /// Entity set or singleton.
    pub kind: MemberKind,
    /// Its index in the container's `entity_sets` or `singletons`.
    pub index: u32,
    /// Its entity type.
    pub ty: TypeId,
}

/// An action or function import whose imported operation has a selected overload.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContainerImport {
    /// The container holding it.
    pub container: ContainerId,
    /// Action import or function import.
    pub kind: OperationKind,
    /// Its index in the container's `action_imports` or `function_imports`.
    pub index: u32,
    /// The selected unbound overloads it imports, in model order.
    pub operations: Vec<OperationId>,
}

/// The types, operations and container members selected from a model.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    types: Vec<TypeId>,
    type_selected: Vec<bool>,
    operations: Vec<OperationId>,
    operation_selected: Vec<bool>,
    members: Vec<ContainerMember>,
    imports: Vec<ContainerImport>,
}

/// What a root named.
#[derive(Default)]
struct Roots {
    types: Vec<TypeId>,
    operations: Vec<OperationId>,
}

impl Selection {
    /// Selects `roots` and their closure from `model`. A root that names nothing is an error (with
    /// similar names as a hint); the other roots are still selected.
    pub fn new(model: &Model<'_>, roots: &[&str], options: &SelectionOptions) -> (Selection, Diagnostics) {
        let mut diags = Diagnostics::default();
        let mut found = Roots::default();
        for root in roots {
            if !resolve_root(model, root.trim(), &mut found) {
                diags.push(unknown_root(model, root.trim()));
            }
        }
        let mut excluded = Roots::default();
        for name in &options.exclude {
            if !resolve_root(model, name.trim(), &mut excluded) {
                let mut diagnostic = unknown_root(model, name.trim());
                diagnostic.message = format!("cannot exclude: {}", diagnostic.message);
                diags.push(diagnostic);
            }
        }
        let mut state = vec![State::Out; model.types.len()];
        for id in &excluded.types {
            if let Some(slot) = state.get_mut(id.index()) {
                *slot = State::Excluded;
            }
        }
        let mut operation_excluded = vec![false; model.operations.len()];
        for id in &excluded.operations {
            if let Some(slot) = operation_excluded.get_mut(id.index()) {
                *slot = true;
            }
        }
        let mut closure = Closure {
            model,
            options,
            state,
            queue: Vec::new(),
            operation_selected: vec![false; model.operations.len()],
            operation_excluded,
        };
        for &id in &found.types {
            closure.add(id, true);
        }
        for &id in &found.operations {
            closure.add_operation(id);
        }
        closure.run();
        if options.include_bound_operations {
            closure.add_bound_operations();
        }
        let type_selected: Vec<bool> = closure.state.iter().map(|s| s.is_selected()).collect();
        let types = ids(&type_selected).map(TypeId).collect();
        let operations = ids(&closure.operation_selected).map(OperationId).collect();
        let members = container_members(model, &type_selected);
        let imports = container_imports(model, &closure.operation_selected);
        let operation_selected = closure.operation_selected;
        let selection = Selection { types, type_selected, operations, operation_selected, members, imports };
        (selection, diags)
    }

    /// The selected types, in model order.
    pub fn types(&self) -> &[TypeId] {
        &self.types
    }

    /// Whether the type `id` is selected.
    pub fn contains(&self, id: TypeId) -> bool {
        self.type_selected.get(id.index()).copied().unwrap_or(false)
    }

    /// The selected actions and functions (one entry per overload), in model order.
    pub fn operations(&self) -> &[OperationId] {
        &self.operations
    }

    /// Whether the operation overload `id` is selected.
    pub fn contains_operation(&self, id: OperationId) -> bool {
        self.operation_selected.get(id.index()).copied().unwrap_or(false)
    }

    /// The entity sets and singletons whose entity type is selected, by container then source order.
    pub fn container_members(&self) -> &[ContainerMember] {
        &self.members
    }

    /// The action and function imports whose operations are selected, by container, then action
    /// imports and function imports in source order.
    pub fn imports(&self) -> &[ContainerImport] {
        &self.imports
    }

    /// Whether a reference resolves to a selected type, or to no named type at all (primitive or
    /// unresolved): the references that a subset of the model can keep.
    pub fn allows(&self, ty: TypeRef<'_>) -> bool {
        match ty.target {
            TypeTarget::Named(id) => self.contains(id),
            TypeTarget::Primitive(_) | TypeTarget::Unresolved(_) => true,
        }
    }
}

/// The indices of the `true` entries, as `u32` ids.
fn ids(flags: &[bool]) -> impl Iterator<Item = u32> + '_ {
    flags.iter().enumerate().filter(|(_, on)| **on).filter_map(|(i, _)| u32::try_from(i).ok())
}

/// How far a type has been taken into the closure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Out,
    /// Selected (its base types and property types are, or are queued to be).
    In,
    /// Selected, and its derived types too.
    WithDerived,
    /// Named by [`SelectionOptions::exclude`]: never selected.
    Excluded,
}

impl State {
    fn is_selected(self) -> bool {
        matches!(self, State::In | State::WithDerived)
    }
}

struct Closure<'m, 'a> {
    model: &'m Model<'a>,
    options: &'m SelectionOptions,
    state: Vec<State>,
    queue: Vec<TypeId>,
    operation_selected: Vec<bool>,
    operation_excluded: Vec<bool>,
}

impl Closure<'_, '_> {
    /// Selects `id`; `with_derived` when it is a root or used as a property type.
    fn add(&mut self, id: TypeId, with_derived: bool) {
        let Some(state) = self.state.get(id.index()).copied() else { return };
        if state == State::Excluded {
            return;
        }
        if state == State::Out {
            self.state[id.index()] = State::In;
            self.queue.push(id);
        }
        if with_derived && self.options.include_derived && self.state[id.index()] != State::WithDerived {
            self.state[id.index()] = State::WithDerived;
            for derived in self.model.all_derived_types(id) {
                self.add(derived, true);
            }
        }
    }

    fn add_ref(&mut self, ty: TypeRef<'_>) {
        if let TypeTarget::Named(id) = ty.target {
            self.add(id, true);
        }
    }

    fn add_operation(&mut self, id: OperationId) {
        if self.operation_excluded.get(id.index()).copied().unwrap_or(true) {
            return;
        }
        let Some(selected) = self.operation_selected.get_mut(id.index()) else { return };
        *selected = true;
        let operation = &self.model.operations[id.index()];
        for parameter in &operation.parameters {
            self.add_ref(parameter.ty);
        }
        if let Some(return_type) = &operation.return_type {
            self.add_ref(return_type.ty);
        }
    }

    fn run(&mut self) {
        let model = self.model;
        while let Some(id) = self.queue.pop() {
            let TypeKind::Structured(structured) = &model.ty(id).kind else { continue };
            for base in model.base_chain(id) {
                self.add(base, false);
            }
            for property in &structured.properties {
                self.add_ref(property.ty);
            }
            if self.options.follow_navigation {
                for navigation in &structured.navigation_properties {
                    self.add_ref(navigation.ty);
                }
            }
        }
    }

    /// Adds the bound operations whose binding type is selected and whose other types all are.
    fn add_bound_operations(&mut self) {
        let model = self.model;
        let selected = |state: &[State], ty: TypeRef<'_>| match ty.target {
            TypeTarget::Named(id) => state.get(id.index()).is_some_and(|s| s.is_selected()),
            TypeTarget::Primitive(_) => true,
            TypeTarget::Unresolved(_) => false,
        };
        // The schemas list the operations in effect (an overload that repeats another is left out).
        for id in model.schemas.iter().flat_map(|s| &s.operations) {
            let (index, operation) = (id.index(), &model.operations[id.index()]);
            let Some(binding) = operation.binding_type() else { continue };
            let excluded = self.operation_excluded.get(index).copied().unwrap_or(true);
            if excluded || self.operation_selected[index] || !matches!(binding.target, TypeTarget::Named(_)) {
                continue;
            }
            let all_selected = operation.parameters.iter().all(|p| selected(&self.state, p.ty))
                && operation.return_type.as_ref().is_none_or(|r| selected(&self.state, r.ty));
            if all_selected {
                self.operation_selected[index] = true;
            }
        }
    }
}

/// Resolves one root into `found`; false when it names nothing.
fn resolve_root(model: &Model<'_>, root: &str, found: &mut Roots) -> bool {
    if let Some((container, member)) = root.split_once('/') {
        return resolve_member(model, container, member, found);
    }
    let mut any = false;
    match model.lookup(root) {
        Some(Named::Type(id)) => {
            found.types.push(*id);
            any = true;
        }
        Some(Named::Container(id)) => {
            let container = &model.containers[id.index()];
            found.types.extend(container.entity_set_types.iter().chain(&container.singleton_types).flatten());
            for (kind, name) in import_targets(container.syntax) {
                found.operations.extend(imported_operations(model, kind, name));
            }
            any = true;
        }
        Some(Named::Term(_)) | None => {}
    }
    let operations = model.operations_named(root);
    if !operations.is_empty() {
        found.operations.extend_from_slice(operations);
        any = true;
    }
    for schema in model.schemas.iter().filter(|s| s.namespace == root || s.alias == Some(root)) {
        found.types.extend_from_slice(&schema.types);
        found.operations.extend_from_slice(&schema.operations);
        any = true;
    }
    any
}

/// Resolves `container/member`, the container named by its qualified or simple name.
fn resolve_member(model: &Model<'_>, container: &str, member: &str, found: &mut Roots) -> bool {
    let mut any = false;
    for (index, candidate) in model.containers.iter().enumerate() {
        let qualified = format!("{}.{}", candidate.namespace, candidate.name);
        let alias_qualified = model.schemas.iter().find(|s| s.namespace == candidate.namespace).and_then(|s| s.alias);
        let named = container == candidate.name
            || container == qualified
            || alias_qualified.is_some_and(|alias| container == format!("{alias}.{}", candidate.name));
        if !named {
            continue;
        }
        let syntax = model.containers[index].syntax;
        let sets = syntax.entity_sets.iter().zip(&candidate.entity_set_types).map(|(s, t)| (s.name.as_str(), t));
        let singletons = syntax.singletons.iter().zip(&candidate.singleton_types).map(|(s, t)| (s.name.as_str(), t));
        for (_, ty) in sets.chain(singletons).filter(|(name, _)| *name == member) {
            found.types.extend(ty);
            any = true;
        }
        let names =
            syntax.action_imports.iter().map(|i| &i.name).chain(syntax.function_imports.iter().map(|i| &i.name));
        for ((kind, target), _) in import_targets(syntax).zip(names).filter(|(_, name)| name.as_str() == member) {
            found.operations.extend(imported_operations(model, kind, target));
            any = true;
        }
    }
    any
}

/// The kind and the imported operation's qualified name (empty when missing) of each import of a
/// container: action imports, then function imports, in source order.
fn import_targets<'a>(
    syntax: &'a crate::csdl::EntityContainer<'a>,
) -> impl Iterator<Item = (OperationKind, &'a str)> + 'a {
    let actions =
        syntax.action_imports.iter().map(|i| (OperationKind::Action, i.action.as_ref().map_or("", |t| t.as_str())));
    let functions = syntax
        .function_imports
        .iter()
        .map(|i| (OperationKind::Function, i.function.as_ref().map_or("", |t| t.as_str())));
    actions.chain(functions)
}

/// The unbound overloads of the `kind` named `qualified` (what an import of it exposes).
fn imported_operations<'m>(
    model: &'m Model<'_>,
    kind: OperationKind,
    qualified: &str,
) -> impl Iterator<Item = OperationId> + 'm {
    let ids = model.operations_named(qualified).iter().copied();
    ids.filter(move |id| model.operations[id.index()].kind == kind && !model.operations[id.index()].is_bound)
}

/// The imports of every container whose imported operation has a selected overload.
fn container_imports(model: &Model<'_>, operation_selected: &[bool]) -> Vec<ContainerImport> {
    let mut imports = Vec::new();
    for (index, container) in model.containers.iter().enumerate() {
        let container_id = ContainerId(u32::try_from(index).unwrap_or(u32::MAX));
        let (mut actions, mut functions) = (0u32, 0u32);
        for (kind, name) in import_targets(container.syntax) {
            let counter = if kind == OperationKind::Action { &mut actions } else { &mut functions };
            let position = *counter;
            *counter += 1;
            let operations: Vec<OperationId> = imported_operations(model, kind, name)
                .filter(|id| operation_selected.get(id.index()).copied().unwrap_or(false))
                .collect();
            if !operations.is_empty() {
                imports.push(ContainerImport { container: container_id, kind, index: position, operations });
            }
        }
    }
    imports
}

/// The entity sets and singletons whose type is selected.
fn container_members(model: &Model<'_>, selected: &[bool]) -> Vec<ContainerMember> {
    let mut members = Vec::new();
    let is_selected = |ty: &Option<TypeId>| ty.filter(|id| selected.get(id.index()).copied().unwrap_or(false));
    for (index, container) in model.containers.iter().enumerate() {
        let container_id = ContainerId(u32::try_from(index).unwrap_or(u32::MAX));
        let lists =
            [(MemberKind::EntitySet, &container.entity_set_types), (MemberKind::Singleton, &container.singleton_types)];
        for (kind, types) in lists {
            for (i, ty) in types.iter().enumerate() {
                if let (Some(ty), Ok(index)) = (is_selected(ty), u32::try_from(i)) {
                    members.push(ContainerMember { container: container_id, kind, index, ty });
                }
            }
        }
    }
    members
}

/// The error for a root that names nothing, with up to five similar names.
fn unknown_root(model: &Model<'_>, root: &str) -> Diagnostic {
    let mut message = format!(
        "`{root}` names no type, namespace, action, function, entity container or container member of the model"
    );
    let wanted = root.rsplit(['.', '/']).next().unwrap_or(root).to_ascii_lowercase();
    let mut candidates: Vec<(usize, String)> = Vec::new();
    let mut consider = |local: &str, full: String| {
        let distance = edit_distance(&wanted, &local.to_ascii_lowercase());
        if distance <= (wanted.len() / 4).max(2) {
            candidates.push((distance, full));
        }
    };
    for ty in &model.types {
        consider(ty.name, ty.qualified_name());
    }
    for operation in &model.operations {
        consider(operation.name, format!("{}.{}", operation.namespace, operation.name));
    }
    for schema in &model.schemas {
        let local = schema.namespace.rsplit('.').next().unwrap_or(schema.namespace);
        consider(local, schema.namespace.to_owned());
    }
    for (index, container) in model.containers.iter().enumerate() {
        let syntax = model.containers[index].syntax;
        let members = syntax.entity_sets.iter().map(|s| &s.name).chain(syntax.singletons.iter().map(|s| &s.name));
        for name in members {
            consider(name.as_str(), format!("{}/{}", container.name, name.as_str()));
        }
    }
    candidates.sort();
    candidates.dedup_by(|a, b| a.1 == b.1);
    if !candidates.is_empty() {
        let names: Vec<String> = candidates.iter().take(5).map(|(_, name)| format!("`{name}`")).collect();
        message.push_str(&format!(" (similar names: {})", names.join(", ")));
    }
    Diagnostic::error_without_span(codes::SELECTION, message)
}

/// The Levenshtein distance between two strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csdl;
    use crate::diag::Sources;

    const CSDL: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="test.main" Alias="m" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="status"><Member Name="on" Value="0"/></EnumType>
      <TypeDefinition Name="code" UnderlyingType="Edm.String"/>
      <ComplexType Name="auth" Abstract="true"/>
      <ComplexType Name="basicAuth" BaseType="m.auth"><Property Name="user" Type="Edm.String"/></ComplexType>
      <ComplexType Name="certAuth" BaseType="m.auth"><Property Name="certs" Type="Collection(m.cert)"/></ComplexType>
      <ComplexType Name="cert"><Property Name="code" Type="m.code"/></ComplexType>
      <ComplexType Name="param"/>
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id"/></Key>
        <Property Name="id" Type="Edm.String" Nullable="false"/>
      </EntityType>
      <EntityType Name="connector" BaseType="m.entity">
        <Property Name="status" Type="m.status"/>
        <Property Name="auth" Type="m.auth"/>
        <Property Name="ghost" Type="m.absent"/>
        <NavigationProperty Name="group" Type="m.group"/>
      </EntityType>
      <EntityType Name="group" BaseType="m.entity">
        <NavigationProperty Name="members" Type="Collection(m.connector)"/>
      </EntityType>
      <EntityType Name="unrelated" BaseType="m.entity"/>
      <Action Name="reset" IsBound="true"><Parameter Name="bindingParameter" Type="m.connector"/></Action>
      <Action Name="move" IsBound="true">
        <Parameter Name="bindingParameter" Type="m.connector"/><Parameter Name="to" Type="m.param"/>
      </Action>
      <Function Name="find"><Parameter Name="p" Type="m.param"/><ReturnType Type="Collection(m.group)"/></Function>
      <EntityContainer Name="Service">
        <EntitySet Name="connectors" EntityType="m.connector"/>
        <EntitySet Name="groups" EntityType="m.group"/>
        <Singleton Name="me" Type="m.unrelated"/>
      </EntityContainer>
    </Schema>
    <Schema Namespace="test.other" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="extra"><Property Name="s" Type="m.status"/></ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

    /// The selected types, operations and member names for `roots`, and the selection's diagnostics.
    fn select(roots: &[&str], options: &SelectionOptions) -> (Vec<String>, Vec<String>, Vec<String>, Diagnostics) {
        let mut sources = Sources::new();
        sources.add("test.xml", CSDL.as_bytes().to_vec());
        let parsed = csdl::parse_all(&sources);
        assert!(!parsed.diagnostics.has_errors());
        let (model, model_diags) = Model::build(&parsed.documents);
        assert_eq!(model_diags.error_count(), 0, "{model_diags:?}");
        assert_eq!(model_diags.iter().filter(|d| crate::pipeline::is_absent_type(d)).count(), 1, "only `m.absent`");
        let (selection, diags) = Selection::new(&model, roots, options);
        let types = selection.types().iter().map(|id| model.ty(*id).name.to_owned()).collect();
        let operations = selection.operations().iter().map(|id| model.operations[id.index()].name.to_owned()).collect();
        let members = selection
            .container_members()
            .iter()
            .map(|m| {
                let syntax = model.containers[m.container.index()].syntax;
                let name = match m.kind {
                    MemberKind::EntitySet => &syntax.entity_sets[m.index as usize].name,
                    MemberKind::Singleton => &syntax.singletons[m.index as usize].name,
                };
                name.as_str().to_owned()
            })
            .collect();
        (types, operations, members, diags)
    }

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn closure_takes_bases_property_types_and_derived_types_of_property_types() {
        let (types, operations, members, diags) = select(&["test.main.connector"], &SelectionOptions::default());
        assert!(diags.is_empty());
        // `entity` is reached as a base only: its derived `group` and `unrelated` stay out; `auth` is a
        // property type: its derived types come in, with their own property types.
        let expected = ["entity", "connector", "auth", "basicAuth", "certAuth", "cert", "status", "code"];
        assert_eq!(types, strings(&expected));
        assert_eq!(operations, strings(&["reset"]), "`move` needs `param`, which is not selected");
        assert_eq!(members, strings(&["connectors"]));
    }

    #[test]
    fn navigation_targets_only_when_asked() {
        let options = SelectionOptions { follow_navigation: true, ..SelectionOptions::default() };
        let (types, _, members, _) = select(&["m.connector"], &options);
        assert!(types.contains(&"group".to_owned()));
        assert!(!types.contains(&"unrelated".to_owned()));
        assert_eq!(members, strings(&["connectors", "groups"]));
    }

    #[test]
    fn derived_types_can_be_turned_off() {
        let options = SelectionOptions { include_derived: false, ..SelectionOptions::default() };
        let (types, _, _, _) = select(&["m.connector"], &options);
        assert_eq!(types, strings(&["entity", "connector", "auth", "status"]));
        let options = SelectionOptions { include_bound_operations: false, ..SelectionOptions::default() };
        let (_, operations, _, _) = select(&["m.connector"], &options);
        assert!(operations.is_empty());
    }

    #[test]
    fn operation_roots_bring_their_types() {
        let (types, operations, members, _) = select(&["m.find"], &SelectionOptions::default());
        assert_eq!(types, strings(&["entity", "group", "param"]));
        assert_eq!(operations, strings(&["find"]));
        assert_eq!(members, strings(&["groups"]));
    }

    #[test]
    fn namespaces_and_container_members_are_roots() {
        let (types, _, _, diags) = select(&["test.other", "Service/me"], &SelectionOptions::default());
        assert!(diags.is_empty());
        assert_eq!(types, strings(&["entity", "unrelated", "status", "extra"]));
        let (types, _, _, _) = select(&["test.main.Service/groups"], &SelectionOptions::default());
        assert_eq!(types, strings(&["entity", "group"]));
        let (types, operations, _, _) = select(&["m"], &SelectionOptions::default());
        assert_eq!(types.len(), 11);
        assert_eq!(operations, strings(&["reset", "move", "find"]));
    }

    #[test]
    fn unknown_roots_are_errors_with_similar_names() {
        let (types, _, _, diags) = select(&["m.conector", "m.status", "Service/nothing"], &SelectionOptions::default());
        assert_eq!(types, strings(&["status"]));
        assert_eq!(diags.error_count(), 2);
        let first = &diags.as_slice()[0];
        assert!(first.span.is_none());
        assert!(first.message.contains("`m.conector` names no type"), "{}", first.message);
        assert!(first.message.contains("`test.main.connector`"), "{}", first.message);
    }

    #[test]
    fn excluded_names_are_never_selected_and_cut_the_closure() {
        let exclude = strings(&["m.auth", "m.reset", "test.other"]);
        let options = SelectionOptions { exclude, ..SelectionOptions::default() };
        let (types, operations, _, diags) = select(&["m.connector", "m.status"], &options);
        assert!(diags.is_empty());
        // `auth` is excluded, so its derived types and their property types are not reached either.
        assert_eq!(types, strings(&["entity", "connector", "status"]));
        assert!(operations.is_empty(), "`reset` is excluded, `move` needs `param`");
        let options = SelectionOptions { exclude: strings(&["Service/groups", "m.nothing"]), ..Default::default() };
        let (types, _, members, diags) = select(&["m.find"], &options);
        assert_eq!(types, strings(&["param"]), "the type of `groups` is excluded");
        assert!(members.is_empty());
        assert_eq!(diags.error_count(), 1);
        assert!(diags.as_slice()[0].message.starts_with("cannot exclude: `m.nothing` names no type"));
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("café", "cafe"), 1);
    }
}
