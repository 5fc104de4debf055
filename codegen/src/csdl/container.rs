//! `<EntityContainer>` and its members: `<EntitySet>`, `<Singleton>`, `<NavigationPropertyBinding>`,
//! `<ActionImport>` and `<FunctionImport>`.

use super::annotation::{Annotation, parse_annotation};
use super::edmx::annotations_only;
use super::reader::{Cx, Element};
use super::{Spanned, Text};
use crate::diag::Span;
use crate::diag::codes;

/// `<EntityContainer Name="..." Extends="...">`.
#[derive(Clone, Debug)]
pub struct EntityContainer<'a> {
    /// The container's name.
    pub name: Text<'a>,
    /// `Extends`: the qualified name of a container whose members this one includes.
    pub extends: Option<Text<'a>>,
    /// Entity sets in document order.
    pub entity_sets: Vec<EntitySet<'a>>,
    /// Singletons in document order.
    pub singletons: Vec<Singleton<'a>>,
    /// Action imports in document order.
    pub action_imports: Vec<ActionImport<'a>>,
    /// Function imports in document order.
    pub function_imports: Vec<FunctionImport<'a>>,
    /// Annotations on the container.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<EntitySet Name="..." EntityType="...">`.
#[derive(Clone, Debug)]
pub struct EntitySet<'a> {
    /// The set's name (a URL segment).
    pub name: Text<'a>,
    /// The qualified name of the entity type of its members.
    pub entity_type: Option<Text<'a>>,
    /// `IncludeInServiceDocument` (default true).
    pub include_in_service_document: Option<Spanned<bool>>,
    /// Where its navigation properties lead.
    pub navigation_property_bindings: Vec<NavigationPropertyBinding<'a>>,
    /// Annotations on the set.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<Singleton Name="..." Type="...">`.
#[derive(Clone, Debug)]
pub struct Singleton<'a> {
    /// The singleton's name (a URL segment).
    pub name: Text<'a>,
    /// The qualified name of its entity type.
    pub type_name: Option<Text<'a>>,
    /// `Nullable` (4.01).
    pub nullable: Option<Spanned<bool>>,
    /// Where its navigation properties lead.
    pub navigation_property_bindings: Vec<NavigationPropertyBinding<'a>>,
    /// Annotations on the singleton.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<NavigationPropertyBinding Path="..." Target="..."/>`.
#[derive(Clone, Debug)]
pub struct NavigationPropertyBinding<'a> {
    /// Path to the navigation property (may pass through complex properties and type casts).
    pub path: Option<Text<'a>>,
    /// The entity set or singleton (or a path to a contained set) the property leads to.
    pub target: Option<Text<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<ActionImport Name="..." Action="..." EntitySet="..."/>`.
#[derive(Clone, Debug)]
pub struct ActionImport<'a> {
    /// The import's name.
    pub name: Text<'a>,
    /// The qualified name of the unbound action.
    pub action: Option<Text<'a>>,
    /// The entity set returned entities belong to.
    pub entity_set: Option<Text<'a>>,
    /// Annotations on the import.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<FunctionImport Name="..." Function="..." EntitySet="..." IncludeInServiceDocument="..."/>`.
#[derive(Clone, Debug)]
pub struct FunctionImport<'a> {
    /// The import's name.
    pub name: Text<'a>,
    /// The qualified name of the unbound function (all overloads).
    pub function: Option<Text<'a>>,
    /// The entity set returned entities belong to.
    pub entity_set: Option<Text<'a>>,
    /// `IncludeInServiceDocument` (default false).
    pub include_in_service_document: Option<Spanned<bool>>,
    /// Annotations on the import.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

pub(super) fn parse_entity_container<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<EntityContainer<'a>> {
    let mut attrs = cx.attrs(&element);
    let name = attrs.required(cx, "Name");
    let extends = attrs.take("Extends");
    attrs.finish(cx);
    let mut container = EntityContainer {
        name: name.clone().unwrap_or_else(|| Spanned { value: "".into(), span: element.span }),
        extends,
        entity_sets: Vec::new(),
        singletons: Vec::new(),
        action_imports: Vec::new(),
        function_imports: Vec::new(),
        annotations: Vec::new(),
        span: element.span,
        extent: element.span,
    };
    cx.children(&element, |cx, child| match &*child.name {
        "EntitySet" => container.entity_sets.extend(parse_entity_set(cx, child)),
        "Singleton" => container.singletons.extend(parse_singleton(cx, child)),
        "ActionImport" => {
            let mut attrs = cx.attrs(&child);
            let name = attrs.required(cx, "Name");
            let action = attrs.required_or_left_out(cx, "Action", "the action import");
            let entity_set = attrs.take("EntitySet");
            attrs.finish(cx);
            let annotations = annotations_only(cx, &child);
            let extent = cx.span(child.span.start as usize, cx.pos());
            if let Some(name) = name
                && action.is_some()
            {
                let import = ActionImport { name, action, entity_set, annotations, span: child.span, extent };
                container.action_imports.push(import);
            }
        }
        "FunctionImport" => {
            let mut attrs = cx.attrs(&child);
            let name = attrs.required(cx, "Name");
            // OData V3 function imports (`ReturnType`, `m:HttpMethod`) name no `Function`.
            let function = attrs.required_or_left_out(cx, "Function", "the function import");
            let entity_set = attrs.take("EntitySet");
            let include_in_service_document = attrs.bool(cx, "IncludeInServiceDocument");
            attrs.finish(cx);
            let annotations = annotations_only(cx, &child);
            let extent = cx.span(child.span.start as usize, cx.pos());
            if let Some(name) = name
                && function.is_some()
            {
                let import = FunctionImport {
                    name,
                    function,
                    entity_set,
                    include_in_service_document,
                    annotations,
                    span: child.span,
                    extent,
                };
                container.function_imports.push(import);
            }
        }
        "Annotation" => container.annotations.extend(parse_annotation(cx, child)),
        _ => cx.unknown_element(&child, "EntityContainer"),
    });
    container.extent = cx.span(element.span.start as usize, cx.pos());
    name.map(|_| container)
}

/// Reads the children shared by entity sets and singletons.
fn parse_bindings<'a>(
    cx: &mut Cx<'a>,
    element: &Element<'a>,
) -> (Vec<NavigationPropertyBinding<'a>>, Vec<Annotation<'a>>) {
    let mut bindings = Vec::new();
    let mut annotations = Vec::new();
    let parent = element.name.clone();
    cx.children(element, |cx, child| match &*child.name {
        "NavigationPropertyBinding" => {
            let mut attrs = cx.attrs(&child);
            let path = attrs.required(cx, "Path");
            let target = attrs.required(cx, "Target");
            attrs.finish(cx);
            let stray = annotations_only(cx, &child);
            if let Some(first) = stray.first() {
                cx.diags.warning(
                    codes::IGNORED_CONTENT,
                    first.span,
                    "annotations inside `<NavigationPropertyBinding>` are ignored",
                );
            }
            let extent = cx.span(child.span.start as usize, cx.pos());
            bindings.push(NavigationPropertyBinding { path, target, span: child.span, extent });
        }
        "Annotation" => annotations.extend(parse_annotation(cx, child)),
        _ => cx.unknown_element(&child, &parent),
    });
    (bindings, annotations)
}

fn parse_entity_set<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<EntitySet<'a>> {
    let mut attrs = cx.attrs(&element);
    let name = attrs.required(cx, "Name");
    let entity_type = attrs.required(cx, "EntityType");
    let include_in_service_document = attrs.bool(cx, "IncludeInServiceDocument");
    attrs.finish(cx);
    let (navigation_property_bindings, annotations) = parse_bindings(cx, &element);
    let extent = cx.span(element.span.start as usize, cx.pos());
    Some(EntitySet {
        name: name?,
        entity_type,
        include_in_service_document,
        navigation_property_bindings,
        annotations,
        span: element.span,
        extent,
    })
}

fn parse_singleton<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<Singleton<'a>> {
    let mut attrs = cx.attrs(&element);
    let name = attrs.required(cx, "Name");
    let type_name = attrs.required(cx, "Type");
    let nullable = attrs.bool(cx, "Nullable");
    attrs.finish(cx);
    let (navigation_property_bindings, annotations) = parse_bindings(cx, &element);
    let extent = cx.span(element.span.start as usize, cx.pos());
    Some(Singleton {
        name: name?,
        type_name,
        nullable,
        navigation_property_bindings,
        annotations,
        span: element.span,
        extent,
    })
}
