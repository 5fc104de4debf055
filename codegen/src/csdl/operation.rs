//! Operations: `<Action>` and `<Function>` with their `<Parameter>`s and `<ReturnType>`.

use super::annotation::{Annotation, parse_annotation};
use super::edmx::annotations_only;
use super::reader::{Cx, Element};
use super::structured::{Facets, parse_facets};
use super::{Spanned, Text};
use crate::diag::Span;
use crate::diag::codes;

/// Whether an operation is an action (may have side effects) or a function (must not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperationKind {
    /// `<Action>`.
    Action,
    /// `<Function>`.
    Function,
}

impl OperationKind {
    /// The CSDL element name.
    pub fn element_name(self) -> &'static str {
        match self {
            OperationKind::Action => "Action",
            OperationKind::Function => "Function",
        }
    }
}

/// An `<Action>` or `<Function>`.
#[derive(Clone, Debug)]
pub struct Operation<'a> {
    /// Action or function.
    pub kind: OperationKind,
    /// The operation's name (overloads share it).
    pub name: Text<'a>,
    /// `IsBound="true"`: the first parameter is the binding parameter.
    pub is_bound: Option<Spanned<bool>>,
    /// `EntitySetPath`: where returned entities live, relative to the binding parameter.
    pub entity_set_path: Option<Text<'a>>,
    /// `IsComposable="true"` (functions only): further path segments may follow.
    pub is_composable: Option<Spanned<bool>>,
    /// Parameters in order.
    pub parameters: Vec<Parameter<'a>>,
    /// `<ReturnType>`, if any.
    pub return_type: Option<ReturnType<'a>>,
    /// Annotations on the operation.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<Parameter Name="..." Type="...">`.
#[derive(Clone, Debug)]
pub struct Parameter<'a> {
    /// The parameter's name.
    pub name: Text<'a>,
    /// Its type.
    pub type_name: Option<Text<'a>>,
    /// Its facets.
    pub facets: Facets<'a>,
    /// Annotations on the parameter.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
}

/// `<ReturnType Type="..."/>`.
#[derive(Clone, Debug)]
pub struct ReturnType<'a> {
    /// The returned type.
    pub type_name: Option<Text<'a>>,
    /// Its facets.
    pub facets: Facets<'a>,
    /// Annotations on the return type.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
}

pub(super) fn parse_operation<'a>(cx: &mut Cx<'a>, element: Element<'a>, kind: OperationKind) -> Option<Operation<'a>> {
    let mut attrs = cx.attrs(&element);
    let name = attrs.required(cx, "Name");
    let is_bound = attrs.bool(cx, "IsBound");
    let entity_set_path = attrs.take("EntitySetPath");
    let is_composable = match kind {
        OperationKind::Function => attrs.bool(cx, "IsComposable"),
        OperationKind::Action => None,
    };
    attrs.finish(cx);
    let mut parameters = Vec::new();
    let mut return_type: Option<ReturnType<'a>> = None;
    let mut annotations = Vec::new();
    cx.children(&element, |cx, child| match &*child.name {
        "Parameter" => {
            let mut attrs = cx.attrs(&child);
            let name = attrs.required(cx, "Name");
            let type_name = attrs.required(cx, "Type");
            let facets = parse_facets(cx, &mut attrs);
            attrs.finish(cx);
            let annotations = annotations_only(cx, &child);
            if let Some(name) = name {
                parameters.push(Parameter { name, type_name, facets, annotations, span: child.span });
            }
        }
        "ReturnType" => {
            let mut attrs = cx.attrs(&child);
            let type_name = attrs.required(cx, "Type");
            let facets = parse_facets(cx, &mut attrs);
            attrs.finish(cx);
            let annotations = annotations_only(cx, &child);
            if return_type.is_some() {
                cx.diags.error(codes::OPERATION_SHAPE, child.span, "an operation may have only one `<ReturnType>`");
            } else {
                return_type = Some(ReturnType { type_name, facets, annotations, span: child.span });
            }
        }
        "Annotation" => annotations.extend(parse_annotation(cx, child)),
        _ => cx.unknown_element(&child, kind.element_name()),
    });
    if kind == OperationKind::Function && return_type.is_none() && !cx.fatal {
        let message = "a `<Function>` must have a `<ReturnType>`; it is read as returning nothing";
        cx.diags.warning(codes::OPERATION_SHAPE, element.span, message);
    }
    if is_bound.as_ref().is_some_and(|b| b.value) && parameters.is_empty() && !cx.fatal {
        cx.diags.error(
            codes::OPERATION_SHAPE,
            element.span,
            "a bound operation must have at least one parameter (the binding parameter)",
        );
    }
    let extent = cx.span(element.span.start as usize, cx.pos());
    Some(Operation {
        kind,
        name: name?,
        is_bound,
        entity_set_path,
        is_composable,
        parameters,
        return_type,
        annotations,
        span: element.span,
        extent,
    })
}
