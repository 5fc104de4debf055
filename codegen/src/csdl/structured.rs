//! Structured types: `<EntityType>` and `<ComplexType>` with their `<Key>`, `<Property>`,
//! `<NavigationProperty>`, `<ReferentialConstraint>` and `<OnDelete>`, and the type facets shared
//! with parameters, return types, terms and type definitions.

use super::annotation::{Annotation, parse_annotation};
use super::edmx::annotations_only;
use super::reader::{Attrs, Cx, Element};
use super::{Spanned, Text};
use crate::diag::Span;
use crate::diag::codes;

/// Whether a structured type is an entity type or a complex type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StructuredKind {
    /// `<EntityType>`.
    Entity,
    /// `<ComplexType>`.
    Complex,
}

impl StructuredKind {
    /// The CSDL element name.
    pub fn element_name(self) -> &'static str {
        match self {
            StructuredKind::Entity => "EntityType",
            StructuredKind::Complex => "ComplexType",
        }
    }
}

/// An `<EntityType>` or `<ComplexType>`.
#[derive(Clone, Debug)]
pub struct StructuredType<'a> {
    /// Entity or complex.
    pub kind: StructuredKind,
    /// The type's name.
    pub name: Text<'a>,
    /// `BaseType`: the qualified name of the type it derives from.
    pub base_type: Option<Text<'a>>,
    /// `Abstract="true"`.
    pub is_abstract: Option<Spanned<bool>>,
    /// `OpenType="true"`: instances may carry dynamic properties.
    pub open_type: Option<Spanned<bool>>,
    /// `HasStream="true"` (entity types only): a media entity.
    pub has_stream: Option<Spanned<bool>>,
    /// The `<Key>` (entity types only).
    pub key: Option<Key<'a>>,
    /// Structural properties in document order.
    pub properties: Vec<Property<'a>>,
    /// Navigation properties in document order.
    pub navigation_properties: Vec<NavigationProperty<'a>>,
    /// Annotations on the type.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<Key>`: the properties that identify an entity.
#[derive(Clone, Debug)]
pub struct Key<'a> {
    /// The key properties in order.
    pub property_refs: Vec<PropertyRef<'a>>,
    /// The span of the start tag.
    pub span: Span,
}

/// `<PropertyRef Name="..." Alias="..."/>`.
#[derive(Clone, Debug)]
pub struct PropertyRef<'a> {
    /// Path to the key property (a property name, or a path into complex properties).
    pub name: Text<'a>,
    /// Alias required when `name` is a path.
    pub alias: Option<Text<'a>>,
    /// The span of the start tag.
    pub span: Span,
}

/// Type facets: `Nullable`, `MaxLength`, `Precision`, `Scale`, `SRID`, `Unicode`, `DefaultValue`.
#[derive(Clone, Debug, Default)]
pub struct Facets<'a> {
    /// `Nullable` (default true).
    pub nullable: Option<Spanned<bool>>,
    /// `MaxLength`: a positive integer or `max`.
    pub max_length: Option<Text<'a>>,
    /// `Precision`.
    pub precision: Option<Spanned<u32>>,
    /// `Scale`: a non-negative integer, `variable` or `floating`.
    pub scale: Option<Text<'a>>,
    /// `SRID`: a non-negative integer or `variable`.
    pub srid: Option<Text<'a>>,
    /// `Unicode`.
    pub unicode: Option<Spanned<bool>>,
    /// `DefaultValue`, as written.
    pub default_value: Option<Text<'a>>,
}

/// `<Property Name="..." Type="...">`.
#[derive(Clone, Debug)]
pub struct Property<'a> {
    /// The property's name.
    pub name: Text<'a>,
    /// Its type: a qualified name or `Collection(...)`.
    pub type_name: Option<Text<'a>>,
    /// Its facets.
    pub facets: Facets<'a>,
    /// Annotations on the property.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
}

/// `<NavigationProperty Name="..." Type="...">`.
#[derive(Clone, Debug)]
pub struct NavigationProperty<'a> {
    /// The property's name.
    pub name: Text<'a>,
    /// The target entity type, or `Collection(...)` of it.
    pub type_name: Option<Text<'a>>,
    /// `Nullable` (single-valued only).
    pub nullable: Option<Spanned<bool>>,
    /// `Partner`: the navigation property on the target pointing back.
    pub partner: Option<Text<'a>>,
    /// `ContainsTarget="true"`: the targets are contained entities.
    pub contains_target: Option<Spanned<bool>>,
    /// `<ReferentialConstraint>` children.
    pub referential_constraints: Vec<ReferentialConstraint<'a>>,
    /// `<OnDelete>` child.
    pub on_delete: Option<OnDelete<'a>>,
    /// Annotations on the navigation property.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<ReferentialConstraint Property="..." ReferencedProperty="..."/>`.
#[derive(Clone, Debug)]
pub struct ReferentialConstraint<'a> {
    /// The dependent property.
    pub property: Option<Text<'a>>,
    /// The principal property on the target.
    pub referenced_property: Option<Text<'a>>,
    /// Annotations on the constraint.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
}

/// `<OnDelete Action="Cascade|None|SetNull|SetDefault"/>`.
#[derive(Clone, Debug)]
pub struct OnDelete<'a> {
    /// The action taken when the principal is deleted.
    pub action: Option<Text<'a>>,
    /// Annotations on the element.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
}

pub(super) fn parse_structured_type<'a>(
    cx: &mut Cx<'a>,
    element: Element<'a>,
    kind: StructuredKind,
) -> Option<StructuredType<'a>> {
    let mut attrs = cx.attrs(&element);
    let name = attrs.required(cx, "Name");
    let base_type = attrs.take("BaseType");
    let is_abstract = attrs.bool(cx, "Abstract");
    let open_type = attrs.bool(cx, "OpenType");
    let has_stream = match kind {
        StructuredKind::Entity => attrs.bool(cx, "HasStream"),
        StructuredKind::Complex => None,
    };
    attrs.finish(cx);
    let mut key: Option<Key<'a>> = None;
    let mut properties = Vec::new();
    let mut navigation_properties = Vec::new();
    let mut annotations = Vec::new();
    let parent = kind.element_name();
    cx.children(&element, |cx, child| match &*child.name {
        "Key" if kind == StructuredKind::Entity => {
            let parsed = parse_key(cx, child);
            match &key {
                Some(first) => {
                    let span = parsed.span;
                    cx.diags.push(
                        crate::diag::Diagnostic::error(
                            codes::DOCUMENT_STRUCTURE,
                            span,
                            "an entity type may have only one `<Key>`",
                        )
                        .with_label(first.span, "first key here"),
                    );
                }
                None => key = Some(parsed),
            }
        }
        "Property" => properties.extend(parse_property(cx, child)),
        "NavigationProperty" => navigation_properties.extend(parse_navigation_property(cx, child)),
        "Annotation" => annotations.extend(parse_annotation(cx, child)),
        _ => cx.unknown_element(&child, parent),
    });
    let extent = cx.span(element.span.start as usize, cx.pos());
    Some(StructuredType {
        kind,
        name: name?,
        base_type,
        is_abstract,
        open_type,
        has_stream,
        key,
        properties,
        navigation_properties,
        annotations,
        span: element.span,
        extent,
    })
}

fn parse_key<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Key<'a> {
    let attrs = cx.attrs(&element);
    attrs.finish(cx);
    let mut property_refs = Vec::new();
    cx.children(&element, |cx, child| match &*child.name {
        "PropertyRef" => {
            let mut attrs = cx.attrs(&child);
            let name = attrs.required(cx, "Name");
            let alias = attrs.take("Alias");
            attrs.finish(cx);
            let stray = annotations_only(cx, &child);
            if let Some(first) = stray.first() {
                cx.diags.warning(codes::IGNORED_CONTENT, first.span, "annotations inside `<PropertyRef>` are ignored");
            }
            if let Some(name) = name {
                property_refs.push(PropertyRef { name, alias, span: child.span });
            }
        }
        _ => cx.unknown_element(&child, "Key"),
    });
    if property_refs.is_empty() && !cx.fatal {
        cx.diags.error(codes::DOCUMENT_STRUCTURE, element.span, "`<Key>` must contain at least one `<PropertyRef>`");
    }
    Key { property_refs, span: element.span }
}

/// Reads the facet attributes shared by properties, parameters, return types, terms and type definitions.
pub(super) fn parse_facets<'a>(cx: &mut Cx<'a>, attrs: &mut Attrs<'a>) -> Facets<'a> {
    let nullable = attrs.bool(cx, "Nullable");
    let mut max_length = attrs.take("MaxLength");
    if let Some(text) = &max_length
        && text.as_str() != "max"
        && !matches!(text.as_str().parse::<u32>(), Ok(n) if n > 0)
    {
        if text.as_str().eq_ignore_ascii_case("max") {
            let message = format!("`MaxLength` value `{}` should be written `max`; read as `max`", text.as_str());
            cx.diags.warning(codes::LENIENT_VALUE, text.span, message);
            max_length = Some(Spanned { value: "max".into(), span: text.span });
        } else {
            let message =
                format!("`MaxLength` must be a positive integer or `max`, found `{}`; ignored", text.as_str());
            cx.diags.warning(codes::INVALID_VALUE, text.span, message);
            max_length = None;
        }
    }
    let precision = attrs.unsigned(cx, "Precision");
    let scale = attrs.take("Scale").and_then(|text| keyword_facet(cx, "Scale", text, &["variable", "floating"]));
    let srid = attrs.take("SRID").and_then(|text| keyword_facet(cx, "SRID", text, &["variable"]));
    let unicode = attrs.bool(cx, "Unicode");
    let default_value = attrs.take("DefaultValue");
    Facets { nullable, max_length, precision, scale, srid, unicode, default_value }
}

/// Checks a facet whose value is a non-negative integer or one of `keywords`. A keyword in the wrong
/// case (Graph writes `Scale="Variable"`) is accepted with a warning and normalized; any other value
/// is ignored with a warning.
fn keyword_facet<'a>(cx: &mut Cx<'a>, facet: &str, text: Text<'a>, keywords: &[&'static str]) -> Option<Text<'a>> {
    let value = text.as_str();
    if keywords.contains(&value) || value.parse::<u32>().is_ok() {
        return Some(text);
    }
    if let Some(keyword) = keywords.iter().find(|k| k.eq_ignore_ascii_case(value)) {
        let message = format!("`{facet}` value `{value}` should be written `{keyword}`; read as `{keyword}`");
        cx.diags.warning(codes::LENIENT_VALUE, text.span, message);
        return Some(Spanned { value: (*keyword).into(), span: text.span });
    }
    let expected = keywords.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" or ");
    let message = format!("`{facet}` must be a non-negative integer or {expected}, found `{value}`; ignored");
    cx.diags.warning(codes::INVALID_VALUE, text.span, message);
    None
}

fn parse_property<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<Property<'a>> {
    let mut attrs = cx.attrs(&element);
    let name = attrs.required(cx, "Name");
    let type_name = attrs.required(cx, "Type");
    let facets = parse_facets(cx, &mut attrs);
    attrs.finish(cx);
    let annotations = annotations_only(cx, &element);
    Some(Property { name: name?, type_name, facets, annotations, span: element.span })
}

fn parse_navigation_property<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<NavigationProperty<'a>> {
    let mut attrs = cx.attrs(&element);
    let name = attrs.required(cx, "Name");
    // OData V3 navigation properties (`Relationship`, `FromRole`, `ToRole`) have no `Type`.
    let type_name = attrs.required_or_left_out(cx, "Type", "the navigation property");
    let nullable = attrs.bool(cx, "Nullable");
    let partner = attrs.take("Partner");
    let contains_target = attrs.bool(cx, "ContainsTarget");
    attrs.finish(cx);
    let mut referential_constraints = Vec::new();
    let mut on_delete = None;
    let mut annotations = Vec::new();
    cx.children(&element, |cx, child| match &*child.name {
        "ReferentialConstraint" => {
            let mut attrs = cx.attrs(&child);
            let property = attrs.required(cx, "Property");
            let referenced_property = attrs.required(cx, "ReferencedProperty");
            attrs.finish(cx);
            let annotations = annotations_only(cx, &child);
            let constraint = ReferentialConstraint { property, referenced_property, annotations, span: child.span };
            referential_constraints.push(constraint);
        }
        "OnDelete" => {
            let mut attrs = cx.attrs(&child);
            let mut action = attrs.required(cx, "Action");
            attrs.finish(cx);
            if let Some(text) = &action
                && !matches!(text.as_str(), "Cascade" | "None" | "SetNull" | "SetDefault")
            {
                let message = format!(
                    "`OnDelete` action must be `Cascade`, `None`, `SetNull` or `SetDefault`, found `{}`; ignored",
                    text.as_str()
                );
                cx.diags.warning(codes::INVALID_VALUE, text.span, message);
                action = None;
            }
            let annotations = annotations_only(cx, &child);
            on_delete = Some(OnDelete { action, annotations, span: child.span });
        }
        "Annotation" => annotations.extend(parse_annotation(cx, child)),
        _ => cx.unknown_element(&child, "NavigationProperty"),
    });
    let extent = cx.span(element.span.start as usize, cx.pos());
    Some(NavigationProperty {
        name: name?,
        type_name,
        nullable,
        partner,
        contains_target,
        referential_constraints,
        on_delete,
        annotations,
        span: element.span,
        extent,
    })
}
