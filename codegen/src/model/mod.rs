//! The semantic model: every schema element of the input documents in one arena, with qualified
//! names and aliases resolved, base-type chains and a derived-types index, and annotations (inline and
//! from `<Annotations Target>` blocks) applied to their targets.
//!
//! Elements are addressed by typed ids ([`TypeId`], [`OperationId`], ...); each keeps a reference to
//! its syntax node for spans and raw facets. [`Model::build`] checks the input as it resolves it and
//! reports every problem it finds as a [`Diagnostic`](crate::diag::Diagnostic).

mod annotations;
mod build;
mod capabilities;
mod keys;
mod primitive;
mod resolve;

use rustc_hash::FxHashMap as HashMap;

use crate::csdl::{self, Expr, ExprKind, StructuredKind};
use crate::diag::{Diagnostics, FileId, Span};

pub use annotations::{COMMON_NAMESPACE, DocText};
pub use capabilities::{CAPABILITIES_NAMESPACE, Restrictions, WriteRestrictions};
pub use keys::KeyPart;
pub use primitive::Primitive;

/// Namespace of the OData Core vocabulary.
pub const CORE_NAMESPACE: &str = "Org.OData.Core.V1";

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The index of this id in its arena.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            fn from_index(index: usize) -> $name {
                $name(u32::try_from(index).unwrap_or(u32::MAX))
            }
        }
    };
}

id_type!(
    /// A schema in [`Model::schemas`].
    SchemaId
);
id_type!(
    /// A type in [`Model::types`].
    TypeId
);
id_type!(
    /// An action or function (one overload) in [`Model::operations`].
    OperationId
);
id_type!(
    /// A term in [`Model::terms`].
    TermId
);
id_type!(
    /// An entity container in [`Model::containers`].
    ContainerId
);
id_type!(
    /// An applied annotation in [`Model::annotations`].
    AnnotationId
);

/// The `u32` index of a member (property, parameter, ...) in a [`Target`]; arenas never reach `u32::MAX`.
pub(crate) fn member_index(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// The resolved model of one or more CSDL documents.
#[derive(Debug, Default)]
pub struct Model<'a> {
    /// Schemas in input order.
    pub schemas: Vec<Schema<'a>>,
    /// Entity, complex, enum types and type definitions of all schemas.
    pub types: Vec<TypeDef<'a>>,
    /// Actions and functions (one entry per overload).
    pub operations: Vec<Operation<'a>>,
    /// Vocabulary terms.
    pub terms: Vec<Term<'a>>,
    /// Entity containers.
    pub containers: Vec<Container<'a>>,
    /// Every applied annotation, inline and external.
    pub annotations: Vec<AppliedAnnotation<'a>>,
    by_target: HashMap<Target, Vec<AnnotationId>>,
    /// Per schema, per `<Annotations>` block: the elements its target resolved to.
    block_targets: Vec<Vec<Vec<Target>>>,
    derived: Vec<Vec<TypeId>>,
    names: resolve::NameTable<'a>,
    operations_by_name: resolve::OperationTable<'a>,
    aliases: HashMap<&'a str, &'a str>,
}

/// What a qualified name refers to (actions and functions have their own table: CSDL allows a type
/// and an operation of the same name in practice, Graph has several).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Named {
    /// A type.
    Type(TypeId),
    /// A term.
    Term(TermId),
    /// An entity container.
    Container(ContainerId),
}

/// A schema: a namespace with its optional alias.
#[derive(Debug)]
pub struct Schema<'a> {
    /// The namespace, e.g. `microsoft.graph`.
    pub namespace: &'a str,
    /// The alias, e.g. `graph`.
    pub alias: Option<&'a str>,
    /// The file it was read from.
    pub file: FileId,
    /// Its syntax node.
    pub syntax: &'a csdl::Schema<'a>,
    /// Its types, in declaration order per kind (entity, complex, enum, type definition).
    pub types: Vec<TypeId>,
    /// Its actions and functions.
    pub operations: Vec<OperationId>,
    /// Its terms.
    pub terms: Vec<TermId>,
    /// Its entity containers.
    pub containers: Vec<ContainerId>,
}

/// A named type of a schema.
#[derive(Debug)]
pub struct TypeDef<'a> {
    /// The unqualified name.
    pub name: &'a str,
    /// The schema it belongs to.
    pub schema: SchemaId,
    /// The namespace of that schema.
    pub namespace: &'a str,
    /// Where it is declared (the name attribute).
    pub span: Span,
    /// What kind of type it is.
    pub kind: TypeKind<'a>,
}

impl TypeDef<'_> {
    /// `namespace.name`.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }

    /// The structured type, if this is an entity or complex type.
    pub fn as_structured(&self) -> Option<&StructuredType<'_>> {
        match &self.kind {
            TypeKind::Structured(s) => Some(s),
            _ => None,
        }
    }

    /// The enum type, if this is one.
    pub fn as_enum(&self) -> Option<&EnumType<'_>> {
        match &self.kind {
            TypeKind::Enum(e) => Some(e),
            _ => None,
        }
    }
}

/// The kinds of named types.
#[derive(Debug)]
pub enum TypeKind<'a> {
    /// An entity or complex type.
    Structured(StructuredType<'a>),
    /// An enum type.
    Enum(EnumType<'a>),
    /// A type definition.
    Definition(TypeDefinition<'a>),
}

/// An entity or complex type.
#[derive(Debug)]
pub struct StructuredType<'a> {
    /// Entity or complex.
    pub kind: StructuredKind,
    /// The base type, when declared and resolved.
    pub base: Option<TypeId>,
    /// Abstract types have no instances of their own.
    pub is_abstract: bool,
    /// Open types carry dynamic properties.
    pub is_open: bool,
    /// Media entity.
    pub has_stream: bool,
    /// The properties declared on this type (not inherited ones).
    pub properties: Vec<Property<'a>>,
    /// The navigation properties declared on this type.
    pub navigation_properties: Vec<NavigationProperty<'a>>,
    /// The key declared on this type (empty when declared on a base type or absent).
    pub key: Vec<KeyProperty<'a>>,
    /// Its syntax node.
    pub syntax: &'a csdl::StructuredType<'a>,
}

/// One key property of an entity type.
#[derive(Debug)]
pub struct KeyProperty<'a> {
    /// The path to the property (usually just its name).
    pub path: &'a str,
    /// The alias (required for paths into complex properties).
    pub alias: Option<&'a str>,
    /// Where it is declared.
    pub span: Span,
}

/// A structural property.
#[derive(Debug)]
pub struct Property<'a> {
    /// The property's name.
    pub name: &'a str,
    /// Its type.
    pub ty: TypeRef<'a>,
    /// Whether it may be null (the CSDL default is true).
    pub nullable: bool,
    /// Its syntax node, for facets and spans.
    pub syntax: &'a csdl::Property<'a>,
}

/// A navigation property.
#[derive(Debug)]
pub struct NavigationProperty<'a> {
    /// The property's name.
    pub name: &'a str,
    /// Its target type (an entity type), single or collection.
    pub ty: TypeRef<'a>,
    /// Whether a single-valued target may be absent.
    pub nullable: bool,
    /// Whether the targets are contained in the source entity.
    pub contains_target: bool,
    /// Its syntax node.
    pub syntax: &'a csdl::NavigationProperty<'a>,
}

/// A reference to a type: single or collection, primitive or named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeRef<'a> {
    /// `Collection(...)`.
    pub collection: bool,
    /// The element type.
    pub target: TypeTarget<'a>,
}

/// The element type of a [`TypeRef`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeTarget<'a> {
    /// An `Edm` primitive type.
    Primitive(Primitive),
    /// A type of the model.
    Named(TypeId),
    /// A name that did not resolve (an error was reported); kept so later stages can degrade.
    Unresolved(&'a str),
}

/// An enum type.
#[derive(Debug)]
pub struct EnumType<'a> {
    /// The underlying integer type.
    pub underlying: Primitive,
    /// Whether values combine as flags.
    pub is_flags: bool,
    /// Members in declaration order.
    pub members: Vec<EnumMember<'a>>,
    /// Its syntax node.
    pub syntax: &'a csdl::EnumType<'a>,
}

/// One member of an enum type.
#[derive(Debug)]
pub struct EnumMember<'a> {
    /// The member's name.
    pub name: &'a str,
    /// Its value (explicit, or counted from 0 when the type declares none).
    pub value: i64,
    /// Where it is declared.
    pub span: Span,
}

/// A type definition.
#[derive(Debug)]
pub struct TypeDefinition<'a> {
    /// The primitive type it stands for.
    pub underlying: Option<Primitive>,
    /// Its syntax node (facets).
    pub syntax: &'a csdl::TypeDefinition<'a>,
}

/// One action or function overload.
#[derive(Debug)]
pub struct Operation<'a> {
    /// Action or function.
    pub kind: csdl::OperationKind,
    /// The unqualified name.
    pub name: &'a str,
    /// The schema it belongs to.
    pub schema: SchemaId,
    /// The namespace of that schema.
    pub namespace: &'a str,
    /// Whether the first parameter is the binding parameter.
    pub is_bound: bool,
    /// Parameters in order (the binding parameter first when bound).
    pub parameters: Vec<Parameter<'a>>,
    /// The return type, if any.
    pub return_type: Option<ReturnType<'a>>,
    /// Its syntax node.
    pub syntax: &'a csdl::Operation<'a>,
}

impl Operation<'_> {
    /// The type of the binding parameter, when bound.
    pub fn binding_type(&self) -> Option<TypeRef<'_>> {
        if self.is_bound { self.parameters.first().map(|p| p.ty) } else { None }
    }
}

/// An operation parameter.
#[derive(Debug)]
pub struct Parameter<'a> {
    /// The parameter's name.
    pub name: &'a str,
    /// Its type.
    pub ty: TypeRef<'a>,
    /// Whether it may be null.
    pub nullable: bool,
    /// Its syntax node.
    pub syntax: &'a csdl::Parameter<'a>,
}

/// An operation's return type.
#[derive(Debug)]
pub struct ReturnType<'a> {
    /// The returned type.
    pub ty: TypeRef<'a>,
    /// Whether it may be null.
    pub nullable: bool,
}

/// A vocabulary term.
#[derive(Debug)]
pub struct Term<'a> {
    /// The unqualified name.
    pub name: &'a str,
    /// The namespace of its schema.
    pub namespace: &'a str,
    /// The type of its values.
    pub ty: Option<TypeRef<'a>>,
    /// Its syntax node.
    pub syntax: &'a csdl::Term<'a>,
}

/// An entity container.
#[derive(Debug)]
pub struct Container<'a> {
    /// The unqualified name.
    pub name: &'a str,
    /// The namespace of its schema.
    pub namespace: &'a str,
    /// The entity type of each entity set (same order as the syntax node's `entity_sets`).
    pub entity_set_types: Vec<Option<TypeId>>,
    /// The entity type of each singleton.
    pub singleton_types: Vec<Option<TypeId>>,
    /// Its syntax node.
    pub syntax: &'a csdl::EntityContainer<'a>,
}

/// A model element an annotation can be applied to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A schema.
    Schema(SchemaId),
    /// A type.
    Type(TypeId),
    /// A structural property of a type (index into `properties`).
    Property(TypeId, u32),
    /// A navigation property of a type (index into `navigation_properties`).
    NavigationProperty(TypeId, u32),
    /// A member of an enum type.
    Member(TypeId, u32),
    /// An operation overload.
    Operation(OperationId),
    /// A parameter of an operation.
    Parameter(OperationId, u32),
    /// The return type of an operation.
    ReturnType(OperationId),
    /// A term.
    Term(TermId),
    /// An entity container.
    Container(ContainerId),
    /// An entity set of a container.
    EntitySet(ContainerId, u32),
    /// A singleton of a container.
    Singleton(ContainerId, u32),
    /// An action import of a container.
    ActionImport(ContainerId, u32),
    /// A function import of a container.
    FunctionImport(ContainerId, u32),
}

/// An annotation applied to a model element.
#[derive(Debug)]
pub struct AppliedAnnotation<'a> {
    /// The term's namespace, aliases resolved (e.g. `Org.OData.Core.V1`).
    pub term_namespace: &'a str,
    /// The term's name (e.g. `Description`).
    pub term_name: &'a str,
    /// The qualifier (from the annotation or its `<Annotations>` block).
    pub qualifier: Option<&'a str>,
    /// The value; `None` means the term's default.
    pub value: Option<&'a Expr<'a>>,
    /// Whether it came from an `<Annotations Target>` block rather than inline.
    pub external: bool,
    /// The annotation element.
    pub span: Span,
}

impl<'a> Model<'a> {
    /// Resolves and checks the given documents as one model.
    pub fn build(documents: &'a [csdl::Document<'a>]) -> (Model<'a>, Diagnostics) {
        build::build(documents)
    }

    /// What `namespace.name` (or `alias.name`) refers to.
    pub fn lookup(&self, qualified_name: &str) -> Option<&Named> {
        let (namespace, name) = qualified_name.rsplit_once('.')?;
        let namespace = self.aliases.get(namespace).copied().unwrap_or(namespace);
        self.names.get(namespace)?.get(name)
    }

    /// All overloads of the action or function `namespace.name` (or `alias.name`).
    pub fn operations_named(&self, qualified_name: &str) -> &[OperationId] {
        let Some((namespace, name)) = qualified_name.rsplit_once('.') else { return &[] };
        let namespace = self.aliases.get(namespace).copied().unwrap_or(namespace);
        self.operations_by_name.get(namespace).and_then(|names| names.get(name)).map_or(&[], Vec::as_slice)
    }

    /// The type named `qualified_name` (namespace or alias prefix).
    pub fn type_id(&self, qualified_name: &str) -> Option<TypeId> {
        match self.lookup(qualified_name)? {
            Named::Type(id) => Some(*id),
            _ => None,
        }
    }

    /// The type with this id.
    pub fn ty(&self, id: TypeId) -> &TypeDef<'a> {
        &self.types[id.index()]
    }

    /// The types that derive directly from `id`, in declaration order.
    pub fn derived_types(&self, id: TypeId) -> &[TypeId] {
        self.derived.get(id.index()).map_or(&[], Vec::as_slice)
    }

    /// All types deriving from `id`, directly or not, in a stable (depth-first) order.
    pub fn all_derived_types(&self, id: TypeId) -> Vec<TypeId> {
        let mut out = Vec::new();
        let mut stack: Vec<TypeId> = self.derived_types(id).iter().rev().copied().collect();
        while let Some(next) = stack.pop() {
            if out.contains(&next) {
                continue;
            }
            out.push(next);
            stack.extend(self.derived_types(next).iter().rev());
        }
        out
    }

    /// The base-type chain of `id`, nearest first (stops safely on cycles, which are reported as errors).
    pub fn base_chain(&self, id: TypeId) -> Vec<TypeId> {
        let mut chain = Vec::new();
        let mut current = self.ty(id).as_structured().and_then(|s| s.base);
        while let Some(base) = current {
            if base == id || chain.contains(&base) {
                break;
            }
            chain.push(base);
            current = self.ty(base).as_structured().and_then(|s| s.base);
        }
        chain
    }

    /// `id` followed by its base types, nearest first (`.rev()` for root first, the order of inherited
    /// members).
    pub fn lineage(&self, id: TypeId) -> Vec<TypeId> {
        let mut lineage = vec![id];
        lineage.extend(self.base_chain(id));
        lineage
    }

    /// The annotations applied to `target`, inline ones first.
    pub fn annotations_of(&self, target: Target) -> impl Iterator<Item = &AppliedAnnotation<'a>> {
        self.by_target.get(&target).into_iter().flatten().map(|id| &self.annotations[id.index()])
    }

    /// The unqualified annotation of `namespace.name` on `target`.
    pub fn annotation(&self, target: Target, namespace: &str, name: &str) -> Option<&AppliedAnnotation<'a>> {
        self.annotations_of(target)
            .find(|a| a.term_namespace == namespace && a.term_name == name && a.qualifier.is_none())
    }

    /// The `Core.Description` of `target`.
    pub fn description(&self, target: Target) -> Option<&str> {
        self.string_annotation(target, "Description")
    }

    /// The `Core.LongDescription` of `target`.
    pub fn long_description(&self, target: Target) -> Option<&str> {
        self.string_annotation(target, "LongDescription")
    }

    fn string_annotation(&self, target: Target, term: &str) -> Option<&str> {
        match &self.annotation(target, CORE_NAMESPACE, term)?.value?.kind {
            ExprKind::String(text) => Some(text.as_str()),
            _ => None,
        }
    }

    /// The elements that the `block`-th `<Annotations Target>` block of `schema` applies to (in the
    /// order of the syntax node's `annotation_blocks`); empty when its target did not resolve.
    pub fn annotations_block_targets(&self, schema: SchemaId, block: usize) -> &[Target] {
        self.block_targets.get(schema.index()).and_then(|blocks| blocks.get(block)).map_or(&[], Vec::as_slice)
    }

    /// Whether clients may not set `target` in create and update bodies: `Core.Computed` (true or
    /// default), or `Core.Permissions` that grant `Read` only.
    pub fn is_read_only(&self, target: Target) -> bool {
        let computed = self.annotation(target, CORE_NAMESPACE, "Computed").is_some_and(|a| match a.value {
            None => true,
            Some(expr) => matches!(expr.kind, ExprKind::Bool(true)),
        });
        let read_only = self.annotation(target, CORE_NAMESPACE, "Permissions").is_some_and(|a| match a.value {
            Some(Expr { kind: ExprKind::EnumMember(members), .. }) => {
                members.as_str().split_whitespace().all(|m| m.rsplit('/').next() == Some("Read"))
            }
            _ => false,
        });
        computed || read_only
    }

    /// The key of the entity type `id`: declared on it or inherited from the nearest base that declares
    /// one, with the type that declares it.
    pub fn key_of(&self, id: TypeId) -> Option<(TypeId, &[KeyProperty<'a>])> {
        self.lineage(id).into_iter().find_map(|owner| {
            let TypeKind::Structured(structured) = &self.types[owner.index()].kind else { return None };
            (!structured.key.is_empty()).then_some((owner, structured.key.as_slice()))
        })
    }

    /// Where the property or navigation property `name` of `id` (declared on it or a base type) is
    /// declared.
    pub fn member_span(&self, id: TypeId, name: &str) -> Option<Span> {
        self.lineage(id).into_iter().find_map(|owner| {
            let structured = self.ty(owner).as_structured()?;
            let property = structured.properties.iter().find(|p| p.name == name).map(|p| p.syntax.name.span);
            property.or_else(|| {
                structured.navigation_properties.iter().find(|n| n.name == name).map(|n| n.syntax.name.span)
            })
        })
    }

    /// The index of the property named `name` declared on `id`.
    pub fn property_index(&self, id: TypeId, name: &str) -> Option<u32> {
        let structured = self.ty(id).as_structured()?;
        let index = structured.properties.iter().position(|p| p.name == name)?;
        u32::try_from(index).ok()
    }

    /// The schema with this id.
    pub fn schema(&self, id: SchemaId) -> &Schema<'a> {
        &self.schemas[id.index()]
    }
}
