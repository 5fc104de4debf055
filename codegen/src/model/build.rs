//! Building the model: register every schema element, resolve the names it uses, and check the
//! rules a code generator relies on (unique names, acyclic base types, keys, valid enum values).

use crate::diag::codes;
use rustc_hash::FxHashMap as HashMap;

use super::resolve::{Scope, is_qualified_name, is_simple_identifier};
use super::{
    Container, ContainerId, EnumMember, EnumType, KeyProperty, Model, Named, NavigationProperty, Operation,
    OperationId, Parameter, Primitive, Property, ReturnType, Schema, SchemaId, StructuredType, Term, TermId, TypeDef,
    TypeDefinition, TypeId, TypeKind, TypeRef, TypeTarget,
};
use crate::csdl::{self, OperationKind, StructuredKind, Text};
use crate::diag::{Diagnostic, Diagnostics, FileId, Span};

/// Namespaces and aliases that CSDL reserves. Aliases may not use them; a schema namespace `System` or
/// `Transient` is accepted with a warning (real services publish them), `Edm` and `odata` are not.
const RESERVED_ALIASES: &[&str] = &["Edm", "odata", "System", "Transient"];

/// Namespaces that no schema may declare: they would change what `Edm.String` or `odata.type` mean.
const STRICTLY_RESERVED: &[&str] = &["Edm", "odata"];

/// The aliases seen while registering schemas.
#[derive(Default)]
struct Aliases<'a> {
    /// (document, alias) → where it was declared and the namespace it stands for.
    declared: HashMap<(FileId, &'a str), (Span, &'a str)>,
    /// Alias → its namespace when every document agrees, `None` when documents disagree.
    global: HashMap<&'a str, Option<&'a str>>,
}

pub(super) struct Builder<'a> {
    pub(super) model: Model<'a>,
    pub(super) scope: Scope<'a>,
    pub(super) diags: Diagnostics,
    /// Where each qualified name was first declared, for duplicate reports.
    declared_at: HashMap<(&'a str, &'a str), Span>,
    /// Annotation terms already resolved and checked, with their (namespace, name).
    pub(super) terms_seen: HashMap<(FileId, &'a str), (&'a str, &'a str)>,
    /// Member names of the element being checked (kept to reuse its allocation).
    member_names: HashMap<&'a str, Span>,
}

pub(super) fn build<'a>(documents: &'a [csdl::Document<'a>]) -> (Model<'a>, Diagnostics) {
    let mut builder = Builder {
        model: Model::default(),
        scope: Scope::default(),
        diags: Diagnostics::default(),
        declared_at: HashMap::default(),
        member_names: HashMap::default(),
        terms_seen: HashMap::default(),
    };
    builder.register_schemas(documents);
    builder.register_elements();
    builder.resolve_types();
    builder.break_base_cycles();
    builder.check_inherited_names_and_keys();
    builder.resolve_operations();
    builder.resolve_terms();
    builder.resolve_containers();
    super::annotations::apply(&mut builder);
    builder.index_derived_types();
    let Builder { mut model, scope, mut diags, .. } = builder;
    model.names = scope.names;
    model.operations_by_name = scope.operations;
    model.aliases = scope.aliases;
    diags.sort();
    (model, diags)
}

impl<'a> Builder<'a> {
    fn register_schemas(&mut self, documents: &'a [csdl::Document<'a>]) {
        let mut namespace_at: HashMap<&'a str, Span> = HashMap::default();
        let mut aliases = Aliases::default();
        for document in documents {
            for include in document.references.iter().flat_map(|r| &r.includes) {
                let Some(namespace) = &include.namespace else { continue };
                self.scope.included.insert(namespace.as_str_a());
                if let Some(alias) = &include.alias {
                    self.register_alias(alias, namespace.as_str_a(), &mut aliases);
                }
            }
        }
        for document in documents {
            for schema in &document.schemas {
                let Some(namespace) = &schema.namespace else { continue };
                let ns = namespace.as_str_a();
                if !is_qualified_name(ns) && !is_simple_identifier(ns) {
                    let message = format!("`{ns}` is not a valid namespace (dot-separated identifiers)");
                    self.diags.error(codes::INVALID_NAME, namespace.span, message);
                }
                if STRICTLY_RESERVED.contains(&ns) {
                    self.diags.error(codes::RESERVED_NAME, namespace.span, format!("the namespace `{ns}` is reserved"));
                } else if RESERVED_ALIASES.contains(&ns) {
                    let message = format!("the namespace `{ns}` is reserved by CSDL; it is used as is");
                    self.diags.warning(codes::RESERVED_NAME, namespace.span, message);
                }
                if let Some(first) = namespace_at.get(ns) {
                    let message = format!("the schema namespace `{ns}` is declared twice");
                    let diag = Diagnostic::error(codes::DUPLICATE_NAME, namespace.span, message)
                        .with_label(*first, "first declared here");
                    self.diags.push(diag);
                    continue;
                }
                namespace_at.insert(ns, namespace.span);
                self.scope.namespaces.insert(ns);
                if let Some(alias) = &schema.alias {
                    self.register_alias(alias, ns, &mut aliases);
                }
                self.model.schemas.push(Schema {
                    namespace: ns,
                    alias: schema.alias.as_ref().map(Text::as_str_a),
                    file: document.file,
                    syntax: schema,
                    types: Vec::new(),
                    operations: Vec::new(),
                    terms: Vec::new(),
                    containers: Vec::new(),
                });
            }
        }
        for ((_, alias), (span, namespace)) in &aliases.declared {
            if let Some(namespace_span) = namespace_at.get(alias)
                && alias != namespace
            {
                let message = format!("the alias `{alias}` is also the name of a schema namespace");
                let diag = Diagnostic::error(codes::ALIAS, *span, message)
                    .with_label(*namespace_span, "namespace declared here");
                self.diags.push(diag);
            }
        }
        for (alias, namespace) in aliases.global {
            if let Some(namespace) = namespace {
                self.scope.aliases.insert(alias, namespace);
            }
        }
    }

    /// Records an alias in the scope of the document that declares it.
    fn register_alias(&mut self, alias: &'a Text<'a>, namespace: &'a str, aliases: &mut Aliases<'a>) {
        let name = alias.as_str_a();
        if !is_simple_identifier(name) {
            let message = format!("the alias `{name}` is not a simple identifier; it is accepted as is");
            self.diags.warning(codes::ALIAS, alias.span, message);
        }
        if RESERVED_ALIASES.contains(&name) {
            self.diags.error(codes::RESERVED_NAME, alias.span, format!("the alias `{name}` is reserved"));
            return;
        }
        let file = alias.span.file;
        if let Some((first, other)) = aliases.declared.get(&(file, name)) {
            if *other != namespace {
                let message = format!("the alias `{name}` is used for both `{other}` and `{namespace}`");
                let diag = Diagnostic::error(codes::ALIAS, alias.span, message).with_label(*first, "first used here");
                self.diags.push(diag);
            }
            return;
        }
        aliases.declared.insert((file, name), (alias.span, namespace));
        self.scope.file_aliases.insert((file, name), namespace);
        // An alias that means different namespaces in different documents stays local to each.
        let global = aliases.global.entry(name).or_insert(Some(namespace));
        if *global != Some(namespace) {
            *global = None;
        }
    }

    /// Declares `name` in `namespace`, reporting invalid and duplicate names. Returns false for duplicates.
    fn declare(&mut self, namespace: &'a str, name: &'a Text<'a>, what: &str) -> bool {
        let local = name.as_str_a();
        if !is_simple_identifier(local) {
            let message = format!(
                "`{local}` is not a valid {what} name (letters, digits and `_`, not starting with a digit); \
                 it is accepted as is"
            );
            self.diags.warning(codes::INVALID_NAME, name.span, message);
        }
        let key = (namespace, local);
        if let Some(first) = self.declared_at.get(&key) {
            // Costs only the second declaration: references mean the first, as peers read it.
            let message = format!(
                "the name `{local}` is declared twice in schema `{namespace}`; this {what} is left out \
                 (references mean the first)"
            );
            self.diags.push(
                Diagnostic::warning(codes::DUPLICATE_NAME, name.span, message)
                    .with_label(*first, "first declared here"),
            );
            return false;
        }
        self.declared_at.insert(key, name.span);
        true
    }

    fn register_elements(&mut self) {
        for schema_index in 0..self.model.schemas.len() {
            let schema_id = SchemaId::from_index(schema_index);
            let (namespace, syntax) = {
                let schema = &self.model.schemas[schema_index];
                (schema.namespace, schema.syntax)
            };
            let structured = syntax.entity_types.iter().chain(&syntax.complex_types);
            for ty in structured {
                let kind = TypeKind::Structured(StructuredType {
                    kind: ty.kind,
                    base: None,
                    is_abstract: ty.is_abstract.as_ref().is_some_and(|b| b.value),
                    is_open: ty.open_type.as_ref().is_some_and(|b| b.value),
                    has_stream: ty.has_stream.as_ref().is_some_and(|b| b.value),
                    properties: Vec::new(),
                    navigation_properties: Vec::new(),
                    key: Vec::new(),
                    syntax: ty,
                });
                self.add_type(schema_id, namespace, &ty.name, kind);
            }
            for ty in &syntax.enum_types {
                let kind = TypeKind::Enum(EnumType {
                    underlying: Primitive::Int32,
                    is_flags: false,
                    members: Vec::new(),
                    syntax: ty,
                });
                self.add_type(schema_id, namespace, &ty.name, kind);
            }
            for ty in &syntax.type_definitions {
                self.add_type(
                    schema_id,
                    namespace,
                    &ty.name,
                    TypeKind::Definition(TypeDefinition { underlying: None, syntax: ty }),
                );
            }
            for operation in syntax.actions.iter().chain(&syntax.functions) {
                self.add_operation(schema_id, namespace, operation);
            }
            for term in &syntax.terms {
                if self.declare(namespace, &term.name, "term") {
                    let id = TermId::from_index(self.model.terms.len());
                    self.scope.insert(namespace, term.name.as_str_a(), Named::Term(id));
                    self.model.terms.push(Term { name: term.name.as_str_a(), namespace, ty: None, syntax: term });
                    self.model.schemas[schema_index].terms.push(id);
                }
            }
            for (index, container) in syntax.entity_containers.iter().enumerate() {
                if index > 0 {
                    self.diags.error(
                        codes::DUPLICATE_NAME,
                        container.span,
                        format!("schema `{namespace}` has more than one entity container"),
                    );
                }
                if self.declare(namespace, &container.name, "entity container") {
                    let id = ContainerId::from_index(self.model.containers.len());
                    self.scope.insert(namespace, container.name.as_str_a(), Named::Container(id));
                    self.model.containers.push(Container {
                        name: container.name.as_str_a(),
                        namespace,
                        entity_set_types: Vec::new(),
                        singleton_types: Vec::new(),
                        syntax: container,
                    });
                    self.model.schemas[schema_index].containers.push(id);
                }
            }
        }
    }

    fn add_type(&mut self, schema: SchemaId, namespace: &'a str, name: &'a Text<'a>, kind: TypeKind<'a>) {
        if !self.declare(namespace, name, "type") {
            return;
        }
        let id = TypeId::from_index(self.model.types.len());
        let local = name.as_str_a();
        self.scope.insert(namespace, local, Named::Type(id));
        self.model.types.push(TypeDef { name: local, schema, namespace, span: name.span, kind });
        self.model.schemas[schema.index()].types.push(id);
    }

    fn add_operation(&mut self, schema: SchemaId, namespace: &'a str, syntax: &'a csdl::Operation<'a>) {
        let local = syntax.name.as_str_a();
        let id = OperationId::from_index(self.model.operations.len());
        // Actions and functions have their own name table: overloads share a name, and Graph even
        // gives an operation the name of a type (`image`) or an action the name of a function.
        if !is_simple_identifier(local) {
            let message = format!("`{local}` is not a valid operation name; it is accepted as is");
            self.diags.warning(codes::INVALID_NAME, syntax.name.span, message);
        }
        if let Some(Named::Type(other)) = self.scope.get(namespace, local) {
            let message = format!("the operation name `{local}` is also the name of a type in schema `{namespace}`");
            let first = self.model.ty(*other).span;
            self.diags.push(
                Diagnostic::warning(codes::DUPLICATE_NAME, syntax.name.span, message)
                    .with_label(first, "type declared here"),
            );
        }
        self.scope.operations.entry(namespace).or_default().entry(local).or_default().push(id);
        self.model.operations.push(Operation {
            kind: syntax.kind,
            name: local,
            schema,
            namespace,
            is_bound: syntax.is_bound.as_ref().is_some_and(|b| b.value),
            parameters: Vec::new(),
            return_type: None,
            syntax,
        });
        self.model.schemas[schema.index()].operations.push(id);
    }

    /// Resolves a required type attribute; a missing one was already reported by the reader.
    fn resolve_type_attr(&mut self, text: &'a Option<Text<'a>>) -> TypeRef<'a> {
        match text {
            Some(text) => self.scope.resolve_type(text, &mut self.diags),
            None => TypeRef { collection: false, target: TypeTarget::Unresolved("") },
        }
    }

    fn resolve_types(&mut self) {
        for index in 0..self.model.types.len() {
            let id = TypeId::from_index(index);
            match &self.model.types[index].kind {
                TypeKind::Structured(s) => {
                    let syntax = s.syntax;
                    self.resolve_structured(id, syntax);
                }
                TypeKind::Enum(e) => {
                    let syntax = e.syntax;
                    let resolved = self.resolve_enum(syntax);
                    self.model.types[index].kind = TypeKind::Enum(resolved);
                }
                TypeKind::Definition(d) => {
                    let syntax = d.syntax;
                    let underlying = self.resolve_underlying(syntax);
                    self.model.types[index].kind = TypeKind::Definition(TypeDefinition { underlying, syntax });
                }
            }
        }
    }

    fn structured_kind(&self, target: TypeTarget<'_>) -> Option<StructuredKind> {
        match target {
            TypeTarget::Named(id) => self.model.ty(id).as_structured().map(|s| s.kind),
            _ => None,
        }
    }

    fn resolve_structured(&mut self, id: TypeId, syntax: &'a csdl::StructuredType<'a>) {
        let element = syntax.kind.element_name();
        let mut base = None;
        if let Some(text) = &syntax.base_type {
            let resolved = self.scope.resolve_type(text, &mut self.diags);
            match (resolved.collection, resolved.target) {
                (false, TypeTarget::Named(base_id)) if self.structured_kind(resolved.target) == Some(syntax.kind) => {
                    base = Some(base_id);
                }
                (_, TypeTarget::Unresolved(_)) => {}
                _ => {
                    let message = format!(
                        "the base type of an `<{element}>` must be another `<{element}>`, found `{}`; \
                         the type is read without a base type",
                        text.as_str()
                    );
                    self.diags.warning(codes::BASE_TYPE, text.span, message);
                }
            }
        }
        let mut properties = Vec::new();
        let mut names = self.take_member_names();
        for property in &syntax.properties {
            let ty = self.resolve_type_attr(&property.type_name);
            if self.structured_kind(ty.target) == Some(StructuredKind::Entity) {
                let message = format!(
                    "structural property `{}` has an entity type (CSDL wants a `<NavigationProperty>`); \
                     it is read as the entity's structure, inline",
                    property.name.as_str()
                );
                let span = property.type_name.as_ref().map_or(property.span, |t| t.span);
                self.diags.warning(codes::NOT_A_TYPE, span, message);
            }
            if !self.check_member_name(&property.name, &mut names, "property") {
                continue;
            }
            let nullable = property.facets.nullable.as_ref().is_none_or(|n| n.value);
            properties.push(Property { name: property.name.as_str_a(), ty, nullable, syntax: property });
        }
        let mut navigation_properties = Vec::new();
        for navigation in &syntax.navigation_properties {
            if navigation.type_name.is_none() {
                continue; // reported by the reader: a V3-style navigation property is left out
            }
            let ty = self.resolve_type_attr(&navigation.type_name);
            let is_entity = self.structured_kind(ty.target) == Some(StructuredKind::Entity)
                || ty.target == TypeTarget::Primitive(Primitive::AnyEntity);
            if !is_entity && !matches!(ty.target, TypeTarget::Unresolved(_)) {
                let message = format!("navigation property `{}` must have an entity type", navigation.name.as_str());
                self.diags.error(
                    codes::NOT_A_TYPE,
                    navigation.type_name.as_ref().map_or(navigation.span, |t| t.span),
                    message,
                );
            }
            if ty.collection
                && let Some(nullable) = &navigation.nullable
            {
                self.diags.warning(
                    codes::IGNORED_CONTENT,
                    nullable.span,
                    "`Nullable` has no meaning on a collection-valued navigation property",
                );
            }
            if !self.check_member_name(&navigation.name, &mut names, "navigation property") {
                continue;
            }
            navigation_properties.push(NavigationProperty {
                name: navigation.name.as_str_a(),
                ty,
                nullable: navigation.nullable.as_ref().is_none_or(|n| n.value),
                contains_target: navigation.contains_target.as_ref().is_some_and(|b| b.value),
                syntax: navigation,
            });
        }
        self.member_names = names;
        let key = syntax.key.iter().flat_map(|k| &k.property_refs).map(|r| KeyProperty {
            path: r.name.as_str_a(),
            alias: r.alias.as_ref().map(Text::as_str_a),
            span: r.name.span,
        });
        let key = key.collect();
        if let TypeKind::Structured(s) = &mut self.model.types[id.index()].kind {
            s.base = base;
            s.properties = properties;
            s.navigation_properties = navigation_properties;
            s.key = key;
        }
    }

    /// An empty member-name map (the reused one); give it back with `self.member_names = map`.
    fn take_member_names(&mut self) -> HashMap<&'a str, Span> {
        let mut names = std::mem::take(&mut self.member_names);
        names.clear();
        names
    }

    /// Checks a member name; false for a duplicate, which the caller leaves out (the first one wins).
    fn check_member_name(&mut self, name: &'a Text<'a>, seen: &mut HashMap<&'a str, Span>, what: &str) -> bool {
        let local = name.as_str_a();
        if !is_simple_identifier(local) {
            // Graph has `request-id`; generated code can rename it, so this does not stop anything.
            let message = format!("`{local}` is not a valid CSDL identifier for a {what} name; it is accepted as is");
            self.diags.warning(codes::INVALID_NAME, name.span, message);
        }
        if let Some(first) = seen.get(local) {
            let message = format!("duplicate {what} `{local}`; the first declaration is used, this one is left out");
            let diag = Diagnostic::warning(codes::DUPLICATE_NAME, name.span, message)
                .with_label(*first, "first declared here");
            self.diags.push(diag);
            false
        } else {
            seen.insert(local, name.span);
            true
        }
    }

    fn resolve_enum(&mut self, syntax: &'a csdl::EnumType<'a>) -> EnumType<'a> {
        let underlying = syntax
            .underlying_type
            .as_ref()
            .and_then(|t| t.as_str().strip_prefix("Edm.").and_then(Primitive::from_name))
            .filter(|p| p.is_integer())
            .unwrap_or(Primitive::Int32);
        let is_flags = syntax.is_flags.as_ref().is_some_and(|b| b.value);
        let (min, max) = match underlying {
            Primitive::Byte => (0, i64::from(u8::MAX)),
            Primitive::SByte => (i64::from(i8::MIN), i64::from(i8::MAX)),
            Primitive::Int16 => (i64::from(i16::MIN), i64::from(i16::MAX)),
            Primitive::Int32 => (i64::from(i32::MIN), i64::from(i32::MAX)),
            _ => (i64::MIN, i64::MAX),
        };
        let explicit = syntax.members.iter().filter(|m| m.value_text.is_some()).count();
        let mut members = Vec::new();
        let mut seen = self.take_member_names();
        for (index, member) in syntax.members.iter().enumerate() {
            if !self.check_member_name(&member.name, &mut seen, "enum member") {
                continue;
            }
            let value = match &member.value {
                Some(value) => {
                    if value.value < min || value.value > max {
                        let message = format!(
                            "enum value {} does not fit the underlying type {}",
                            value.value,
                            underlying.qualified_name()
                        );
                        self.diags.error(codes::ENUM_VALUE, value.span, message);
                    }
                    value.value
                }
                None => {
                    // A `Value` that is not an integer was reported by the reader.
                    let missing = member.value_text.is_none();
                    let position = i64::try_from(index).unwrap_or(i64::MAX);
                    if missing && is_flags {
                        // Flags travel by name in JSON; the value only needs to be a distinct bit.
                        let value = 1i64.checked_shl(u32::try_from(index).unwrap_or(u32::MAX)).unwrap_or(0);
                        let message = format!(
                            "members of a flags enum must have a `Value`; `{}` gets {value} (bit {index})",
                            member.name.as_str()
                        );
                        self.diags.warning(codes::ENUM_VALUE, member.span, message);
                        value
                    } else {
                        if missing && explicit > 0 {
                            let message = format!(
                                "either all members of an enum have a `Value` or none has; `{}` gets {position} \
                                 (its position)",
                                member.name.as_str()
                            );
                            self.diags.warning(codes::ENUM_VALUE, member.span, message);
                        }
                        position
                    }
                }
            };
            members.push(EnumMember { name: member.name.as_str_a(), value, span: member.name.span });
        }
        self.member_names = seen;
        EnumType { underlying, is_flags, members, syntax }
    }

    fn resolve_underlying(&mut self, syntax: &'a csdl::TypeDefinition<'a>) -> Option<Primitive> {
        let text = syntax.underlying_type.as_ref()?;
        let resolved = self.scope.resolve_type(text, &mut self.diags);
        match resolved {
            TypeRef { collection: false, target: TypeTarget::Primitive(p) } if p.is_concrete_primitive() => Some(p),
            TypeRef { target: TypeTarget::Unresolved(_), .. } => None,
            _ => {
                let message = format!(
                    "the underlying type of a type definition must be a primitive type, found `{}`",
                    text.as_str()
                );
                self.diags.error(codes::NOT_A_TYPE, text.span, message);
                None
            }
        }
    }

    /// Reports each base-type cycle once and cuts it, so later stages can walk chains freely.
    fn break_base_cycles(&mut self) {
        for index in 0..self.model.types.len() {
            let start = TypeId::from_index(index);
            let mut path = vec![start];
            let mut current = self.base_of(start);
            while let Some(next) = current {
                if next == start {
                    let names: Vec<String> =
                        path.iter().chain([&start]).map(|id| self.model.ty(*id).qualified_name()).collect();
                    let syntax = self.model.ty(start).as_structured().map(|s| s.syntax);
                    let span = syntax.and_then(|s| s.base_type.as_ref()).map_or(self.model.ty(start).span, |t| t.span);
                    let message = format!(
                        "base type cycle: {}; the cycle is cut here (`{}` is read without a base type)",
                        names.join(" → "),
                        self.model.ty(start).qualified_name()
                    );
                    self.diags.warning(codes::BASE_TYPE, span, message);
                    if let TypeKind::Structured(s) = &mut self.model.types[index].kind {
                        s.base = None;
                    }
                    break;
                }
                if path.contains(&next) {
                    break; // a cycle that does not include `start`; it is reported from one of its members
                }
                path.push(next);
                current = self.base_of(next);
            }
        }
    }

    fn base_of(&self, id: TypeId) -> Option<TypeId> {
        self.model.ty(id).as_structured().and_then(|s| s.base)
    }

    fn check_inherited_names_and_keys(&mut self) {
        for index in 0..self.model.types.len() {
            let id = TypeId::from_index(index);
            let Some(structured) = self.model.ty(id).as_structured() else { continue };
            let chain = self.model.base_chain(id);
            let mut problems = Vec::new();
            let mut redeclared: Vec<String> = Vec::new();
            let own_names = structured.properties.iter().map(|p| (p.name, p.syntax.name.span));
            let own_names =
                own_names.chain(structured.navigation_properties.iter().map(|n| (n.name, n.syntax.name.span)));
            for (name, span) in own_names {
                for base in &chain {
                    let Some(base_type) = self.model.ty(*base).as_structured() else { continue };
                    let inherited = base_type.properties.iter().any(|p| p.name == name)
                        || base_type.navigation_properties.iter().any(|n| n.name == name);
                    if inherited {
                        let message = format!(
                            "property `{name}` is already declared on the base type `{}`; the base type's \
                             declaration is used and this one is left out",
                            self.model.ty(*base).qualified_name()
                        );
                        problems.push(Diagnostic::warning(codes::REDECLARED_PROPERTY, span, message));
                        redeclared.push(name.to_owned());
                        break;
                    }
                }
            }
            let mut drop_key = false;
            if structured.kind == StructuredKind::Entity {
                let (key_problems, key_dropped) = self.check_key(id, structured, &chain);
                problems.extend(key_problems);
                drop_key = key_dropped;
            }
            for problem in problems {
                self.diags.push(problem);
            }
            if let TypeKind::Structured(s) = &mut self.model.types[index].kind {
                s.properties.retain(|p| !redeclared.iter().any(|r| r == p.name));
                s.navigation_properties.retain(|n| !redeclared.iter().any(|r| r == n.name));
                if drop_key {
                    s.key.clear();
                }
            }
        }
    }

    /// The problems of an entity type's key, and whether the caller drops its key: when it re-declares
    /// the key of a base type (the base's key is the one used), or names no property.
    fn check_key(&self, id: TypeId, structured: &StructuredType<'a>, chain: &[TypeId]) -> (Vec<Diagnostic>, bool) {
        let mut problems = Vec::new();
        let ty = self.model.ty(id);
        let base_with_key =
            chain.iter().find(|b| self.model.ty(**b).as_structured().is_some_and(|s| !s.key.is_empty()));
        if let (Some(key), Some(base)) = (&structured.syntax.key, base_with_key) {
            let base_key: Vec<&str> =
                self.model.ty(*base).as_structured().map_or_else(Vec::new, |s| s.key.iter().map(|k| k.path).collect());
            let own_key: Vec<&str> = structured.key.iter().map(|k| k.path).collect();
            let base_name = self.model.ty(*base).qualified_name();
            let (message, note) = if base_key == own_key {
                (
                    format!("`{}` re-declares the key of its base type `{base_name}`", ty.qualified_name()),
                    "the key is the same; the base type's declaration is used".to_owned(),
                )
            } else {
                (
                    format!(
                        "`{}` declares the key ({}) but its base type `{base_name}` already has the key ({})",
                        ty.qualified_name(),
                        own_key.join(", "),
                        base_key.join(", ")
                    ),
                    "the base type's key is used: an entity set addresses all its entities, derived or not, by \
                     the key of the set's type"
                        .to_owned(),
                )
            };
            problems.push(Diagnostic::warning(codes::DERIVED_KEY, key.span, message).with_note(note));
            return (problems, true);
        }
        if structured.syntax.key.is_none() && base_with_key.is_none() && !structured.is_abstract {
            let in_chain_abstract =
                chain.iter().all(|b| self.model.ty(*b).as_structured().is_some_and(|s| s.is_abstract));
            let message = format!("entity type `{}` has no key", ty.qualified_name());
            // Graph's root singletons (`admin`, `print`, ...) have no key; only entity sets need one,
            // which `entity_type_of` checks.
            let mut diag = Diagnostic::warning(codes::MISSING_KEY, structured.syntax.name.span, message);
            diag = diag.with_note(if chain.is_empty() || in_chain_abstract {
                "add a `<Key>` with `<PropertyRef>`s, or mark the type `Abstract=\"true\"`"
            } else {
                "none of its base types declares a key either"
            });
            problems.push(diag);
        }
        // A key that names no property costs the key only: the type is read without one.
        let without_key = "the type is read without a key (its entities cannot be addressed by key)";
        let mut broken = false;
        for key in &structured.key {
            let first = key.path.split('/').next().unwrap_or(key.path);
            let found = std::iter::once(id).chain(chain.iter().copied()).any(|t| {
                self.model.ty(t).as_structured().is_some_and(|s| s.properties.iter().any(|p| p.name == first))
            });
            if !found {
                let message = format!(
                    "key property `{}` is not a property of `{}`; {without_key}",
                    key.path,
                    ty.qualified_name()
                );
                problems.push(Diagnostic::warning(codes::KEY_PROPERTY, key.span, message));
                broken = true;
            } else if key.path.contains('/') && key.alias.is_none() {
                let message = format!("key property path `{}` needs an `Alias`; {without_key}", key.path);
                problems.push(Diagnostic::warning(codes::KEY_PROPERTY, key.span, message));
                broken = true;
            }
        }
        (problems, broken)
    }

    fn resolve_operations(&mut self) {
        for index in 0..self.model.operations.len() {
            let syntax = self.model.operations[index].syntax;
            let mut parameters = Vec::new();
            let mut seen = self.take_member_names();
            for parameter in &syntax.parameters {
                let ty = self.resolve_type_attr(&parameter.type_name);
                self.check_member_name(&parameter.name, &mut seen, "parameter");
                let nullable = parameter.facets.nullable.as_ref().is_none_or(|n| n.value);
                parameters.push(Parameter { name: parameter.name.as_str_a(), ty, nullable, syntax: parameter });
            }
            self.member_names = seen;
            let return_type = syntax.return_type.as_ref().map(|r| ReturnType {
                ty: self.resolve_type_attr(&r.type_name),
                nullable: r.facets.nullable.as_ref().is_none_or(|n| n.value),
            });
            let operation = &mut self.model.operations[index];
            operation.parameters = parameters;
            operation.return_type = return_type;
        }
        self.check_overloads();
    }

    /// Overloads of one name must differ: bound actions by binding type, functions by binding type and
    /// parameter names, and there may be only one unbound action.
    fn check_overloads(&mut self) {
        let mut seen: HashMap<(&'a str, &'a str, String), Span> = HashMap::default();
        let mut left_out = Vec::new();
        for (index, operation) in self.model.operations.iter().enumerate() {
            let binding = operation.binding_type().map_or_else(|| "unbound".to_owned(), |t| format!("{t:?}"));
            let signature = match operation.kind {
                OperationKind::Action => binding,
                OperationKind::Function => {
                    let mut names: Vec<&str> =
                        operation.parameters.iter().skip(usize::from(operation.is_bound)).map(|p| p.name).collect();
                    names.sort_unstable();
                    format!("{binding}({})", names.join(","))
                }
            };
            let span = operation.syntax.name.span;
            if let Some(first) = seen.get(&(operation.namespace, operation.name, signature.clone())) {
                let message = format!(
                    "overload of `{}.{}` cannot be told from an earlier one (same binding type and parameter \
                     names); the earlier one is used and this one is left out",
                    operation.namespace, operation.name
                );
                self.diags
                    .push(Diagnostic::warning(codes::OVERLOAD, span, message).with_label(*first, "earlier overload"));
                left_out.push((operation.namespace, operation.name, operation.schema, OperationId::from_index(index)));
            } else {
                seen.insert((operation.namespace, operation.name, signature), span);
            }
        }
        for (namespace, name, schema, id) in left_out {
            if let Some(overloads) = self.scope.operations.get_mut(namespace).and_then(|names| names.get_mut(name)) {
                overloads.retain(|o| *o != id);
            }
            self.model.schemas[schema.index()].operations.retain(|o| *o != id);
        }
    }

    fn resolve_terms(&mut self) {
        for index in 0..self.model.terms.len() {
            let syntax = self.model.terms[index].syntax;
            let ty = syntax.type_name.as_ref().map(|t| self.scope.resolve_type(t, &mut self.diags));
            if let Some(base) = &syntax.base_term
                && !matches!(self.scope.lookup(base.span.file, base.as_str_a()), Some(Named::Term(_)))
                && !self.is_external(base.span.file, base.as_str_a())
            {
                self.diags.error(codes::UNKNOWN_TERM, base.span, format!("unknown base term `{}`", base.as_str()));
            }
            self.model.terms[index].ty = ty;
        }
    }

    /// Whether a qualified name belongs to a referenced (not loaded) or well-known vocabulary namespace.
    pub(super) fn is_external(&self, file: FileId, qualified: &'a str) -> bool {
        self.scope.split(file, qualified).is_some_and(|(namespace, _)| !self.scope.namespaces.contains(namespace))
    }

    fn resolve_containers(&mut self) {
        for index in 0..self.model.containers.len() {
            let syntax = self.model.containers[index].syntax;
            let entity_set_types =
                syntax.entity_sets.iter().map(|s| self.entity_type_of(&s.entity_type, true)).collect();
            let singleton_types = syntax.singletons.iter().map(|s| self.entity_type_of(&s.type_name, false)).collect();
            let container = &mut self.model.containers[index];
            container.entity_set_types = entity_set_types;
            container.singleton_types = singleton_types;
            if let Some(extends) = &syntax.extends
                && !matches!(self.scope.lookup(extends.span.file, extends.as_str_a()), Some(Named::Container(_)))
                && !self.is_external(extends.span.file, extends.as_str_a())
            {
                self.diags.error(
                    codes::CONTAINER_REFERENCE,
                    extends.span,
                    format!("unknown entity container `{}`", extends.as_str()),
                );
            }
            self.check_imports(syntax);
            self.check_bindings(syntax);
        }
    }

    /// The entity type named by an entity set (`needs_key`) or singleton.
    fn entity_type_of(&mut self, text: &'a Option<Text<'a>>, needs_key: bool) -> Option<TypeId> {
        let text = text.as_ref()?;
        let resolved = self.scope.resolve_type(text, &mut self.diags);
        match resolved.target {
            TypeTarget::Named(id)
                if !resolved.collection && self.structured_kind(resolved.target) == Some(StructuredKind::Entity) =>
            {
                if needs_key && !self.has_key(id) {
                    let message = format!(
                        "entity sets need a keyed entity type, and `{}` has no key; the set is generated, \
                         but its entities cannot be addressed by key",
                        text.as_str()
                    );
                    self.diags.warning(codes::MISSING_KEY, text.span, message);
                }
                Some(id)
            }
            TypeTarget::Unresolved(_) => None,
            _ => {
                let message = format!("`{}` is not an entity type; this container member is left out", text.as_str());
                self.diags.warning(codes::NOT_A_TYPE, text.span, message);
                None
            }
        }
    }

    /// Whether `id` or one of its base types declares a key.
    fn has_key(&self, id: TypeId) -> bool {
        self.model.lineage(id).into_iter().any(|t| self.model.ty(t).as_structured().is_some_and(|s| !s.key.is_empty()))
    }

    fn check_imports(&mut self, syntax: &'a csdl::EntityContainer<'a>) {
        let imports = syntax.action_imports.iter().map(|i| (&i.action, OperationKind::Action));
        let imports = imports.chain(syntax.function_imports.iter().map(|i| (&i.function, OperationKind::Function)));
        for (name, kind) in imports {
            let Some(name) = name else { continue };
            let found = self.scope.operations_named(name.span.file, name.as_str_a()).iter().any(|id| {
                let op = &self.model.operations[id.index()];
                op.kind == kind && !op.is_bound
            });
            if !found && !self.is_external(name.span.file, name.as_str_a()) {
                let what = if kind == OperationKind::Action { "action" } else { "function" };
                self.diags.error(
                    codes::CONTAINER_REFERENCE,
                    name.span,
                    format!("`{}` does not name an unbound {what}", name.as_str()),
                );
            }
        }
    }

    /// Binding targets name an entity set or singleton, optionally qualified by container and followed
    /// by a path into contained navigation properties (`identity/riskPrevention`), which is not followed.
    fn check_bindings(&mut self, syntax: &'a csdl::EntityContainer<'a>) {
        let members: Vec<&str> = syntax
            .entity_sets
            .iter()
            .map(|s| s.name.as_str())
            .chain(syntax.singletons.iter().map(|s| s.name.as_str()))
            .collect();
        let bindings = syntax.entity_sets.iter().flat_map(|s| &s.navigation_property_bindings);
        let bindings = bindings.chain(syntax.singletons.iter().flat_map(|s| &s.navigation_property_bindings));
        for binding in bindings {
            let Some(target) = &binding.target else { continue };
            let mut segments = target.as_str().split('/');
            let first = segments.next().unwrap_or("");
            let set = if first.contains('.') { segments.next().unwrap_or("") } else { first };
            if !members.contains(&set) && !first.contains('.') {
                let message = format!(
                    "navigation property binding target `{}` is not an entity set or singleton of `{}`",
                    target.as_str(),
                    syntax.name.as_str()
                );
                self.diags.warning(codes::CONTAINER_REFERENCE, target.span, message);
            }
        }
    }

    fn index_derived_types(&mut self) {
        let mut derived = vec![Vec::new(); self.model.types.len()];
        for (index, ty) in self.model.types.iter().enumerate() {
            if let Some(base) = ty.as_structured().and_then(|s| s.base)
                && let Some(list) = derived.get_mut(base.index())
            {
                list.push(TypeId::from_index(index));
            }
        }
        self.model.derived = derived;
    }
}

/// Access to a syntax string with the lifetime of the input.
pub(super) trait AsStrA<'a> {
    /// The string, borrowed for the input's lifetime.
    fn as_str_a(&'a self) -> &'a str;
}

impl<'a> AsStrA<'a> for Text<'a> {
    fn as_str_a(&'a self) -> &'a str {
        self.value.as_ref()
    }
}
