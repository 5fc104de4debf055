//! `<Schema>` and the one small element kind that lives only there, `<TypeDefinition>`.

use super::Text;
use super::annotation::{Annotation, AnnotationsBlock, Term, parse_annotation, parse_annotations_block, parse_term};
use super::container::{EntityContainer, parse_entity_container};
use super::enum_type::{EnumType, parse_enum_type};
use super::operation::{Operation, OperationKind, parse_operation};
use super::reader::{Cx, Element};
use super::structured::{Facets, StructuredKind, StructuredType, parse_facets, parse_structured_type};
use crate::diag::Span;
use crate::diag::codes;

/// `<Schema Namespace="..." Alias="...">` and everything declared in it, in document order per kind.
#[derive(Clone, Debug)]
pub struct Schema<'a> {
    /// The namespace, e.g. `microsoft.graph`.
    pub namespace: Option<Text<'a>>,
    /// The alias, e.g. `graph`.
    pub alias: Option<Text<'a>>,
    /// `<EntityType>` elements.
    pub entity_types: Vec<StructuredType<'a>>,
    /// `<ComplexType>` elements.
    pub complex_types: Vec<StructuredType<'a>>,
    /// `<EnumType>` elements.
    pub enum_types: Vec<EnumType<'a>>,
    /// `<TypeDefinition>` elements.
    pub type_definitions: Vec<TypeDefinition<'a>>,
    /// `<Action>` elements.
    pub actions: Vec<Operation<'a>>,
    /// `<Function>` elements.
    pub functions: Vec<Operation<'a>>,
    /// `<Term>` elements.
    pub terms: Vec<Term<'a>>,
    /// `<EntityContainer>` elements (at most one is valid).
    pub entity_containers: Vec<EntityContainer<'a>>,
    /// `<Annotations Target="...">` blocks.
    pub annotation_blocks: Vec<AnnotationsBlock<'a>>,
    /// Annotations on the schema itself.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<TypeDefinition Name="..." UnderlyingType="...">`: a named primitive type with facets.
#[derive(Clone, Debug)]
pub struct TypeDefinition<'a> {
    /// The type's name.
    pub name: Text<'a>,
    /// The primitive type it stands for.
    pub underlying_type: Option<Text<'a>>,
    /// MaxLength, Precision, Scale, SRID and Unicode.
    pub facets: Facets<'a>,
    /// Annotations on the type.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

pub(super) fn parse_schema<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<Schema<'a>> {
    let mut attrs = cx.attrs(&element);
    let namespace = attrs.required(cx, "Namespace");
    let alias = attrs.take("Alias");
    attrs.finish(cx);
    let mut schema = Schema {
        namespace,
        alias,
        entity_types: Vec::new(),
        complex_types: Vec::new(),
        enum_types: Vec::new(),
        type_definitions: Vec::new(),
        actions: Vec::new(),
        functions: Vec::new(),
        terms: Vec::new(),
        entity_containers: Vec::new(),
        annotation_blocks: Vec::new(),
        annotations: Vec::new(),
        span: element.span,
        extent: element.span,
    };
    cx.children(&element, |cx, child| match &*child.name {
        "EntityType" => schema.entity_types.extend(parse_structured_type(cx, child, StructuredKind::Entity)),
        "ComplexType" => schema.complex_types.extend(parse_structured_type(cx, child, StructuredKind::Complex)),
        "EnumType" => schema.enum_types.extend(parse_enum_type(cx, child)),
        "TypeDefinition" => schema.type_definitions.extend(parse_type_definition(cx, child)),
        "Action" => schema.actions.extend(parse_operation(cx, child, OperationKind::Action)),
        "Function" => schema.functions.extend(parse_operation(cx, child, OperationKind::Function)),
        "Term" => schema.terms.extend(parse_term(cx, child)),
        "EntityContainer" => schema.entity_containers.extend(parse_entity_container(cx, child)),
        "Annotations" => schema.annotation_blocks.extend(parse_annotations_block(cx, child)),
        "Annotation" => schema.annotations.extend(parse_annotation(cx, child)),
        _ => cx.unknown_element(&child, "Schema"),
    });
    schema.extent = cx.span(element.span.start as usize, cx.pos());
    Some(schema)
}

fn parse_type_definition<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<TypeDefinition<'a>> {
    let mut attrs = cx.attrs(&element);
    let name = attrs.required(cx, "Name");
    let underlying_type = attrs.required(cx, "UnderlyingType");
    let facets = parse_facets(cx, &mut attrs);
    if let Some(nullable) = &facets.nullable {
        let message =
            "`Nullable` is not allowed on `<TypeDefinition>`; it is ignored (nullability belongs to each use)";
        cx.diags.warning(codes::IGNORED_CONTENT, nullable.span, message);
    }
    attrs.finish(cx);
    let annotations = super::edmx::annotations_only(cx, &element);
    let extent = cx.span(element.span.start as usize, cx.pos());
    Some(TypeDefinition { name: name?, underlying_type, facets, annotations, span: element.span, extent })
}
