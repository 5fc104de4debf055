//! Annotation values: every constant and dynamic expression of CSDL, in attribute and element form.

use super::Text;
use super::annotation::{Annotation, parse_annotation, set_single_value};
use super::reader::{Attrs, Cx, Element};
use super::structured::{Facets, parse_facets};
use crate::diag::Span;
use crate::diag::codes;

/// An expression with its span and the annotations written inside it.
#[derive(Clone, Debug)]
pub struct Expr<'a> {
    /// What the expression is.
    pub kind: ExprKind<'a>,
    /// The span of its attribute value or start tag.
    pub span: Span,
    /// Annotations on the expression (element form only).
    pub annotations: Vec<Annotation<'a>>,
}

/// The kinds of CSDL expressions. Constants keep their text as written (lexical forms are checked
/// for `Bool` and `Int`); paths keep their path text.
#[derive(Clone, Debug)]
pub enum ExprKind<'a> {
    /// `Binary`: base64url text.
    Binary(Text<'a>),
    /// `Bool`.
    Bool(bool),
    /// `Date`.
    Date(Text<'a>),
    /// `DateTimeOffset`.
    DateTimeOffset(Text<'a>),
    /// `Decimal`.
    Decimal(Text<'a>),
    /// `Duration`.
    Duration(Text<'a>),
    /// `EnumMember`: space-separated qualified member paths.
    EnumMember(Text<'a>),
    /// `Float`.
    Float(Text<'a>),
    /// `Guid`.
    Guid(Text<'a>),
    /// `Int`.
    Int(i64),
    /// `String`.
    String(Text<'a>),
    /// `TimeOfDay`.
    TimeOfDay(Text<'a>),
    /// `AnnotationPath`.
    AnnotationPath(Text<'a>),
    /// `ModelElementPath`.
    ModelElementPath(Text<'a>),
    /// `NavigationPropertyPath`.
    NavigationPropertyPath(Text<'a>),
    /// `PropertyPath`.
    PropertyPath(Text<'a>),
    /// `Path`: a value path.
    Path(Text<'a>),
    /// `<Apply Function="...">`: a client-side function call.
    Apply {
        /// The function's qualified name, e.g. `odata.concat`.
        function: Option<Text<'a>>,
        /// Its arguments.
        arguments: Vec<Expr<'a>>,
    },
    /// `<Cast Type="...">`.
    Cast {
        /// The target type.
        type_name: Option<Text<'a>>,
        /// Facets of the target type.
        facets: Box<Facets<'a>>,
        /// The value cast.
        operand: Option<Box<Expr<'a>>>,
    },
    /// `<IsOf Type="...">`.
    IsOf {
        /// The type tested for.
        type_name: Option<Text<'a>>,
        /// Facets of the type.
        facets: Box<Facets<'a>>,
        /// The value tested.
        operand: Option<Box<Expr<'a>>>,
    },
    /// `<Collection>`.
    Collection(Vec<Expr<'a>>),
    /// `<If>`: condition, then, and (optional inside a collection) else.
    If(Vec<Expr<'a>>),
    /// A logical, comparison or arithmetic operator (`And`, `Eq`, `Add`, `Not`, ...).
    Operator {
        /// The element name, e.g. `Eq`.
        operator: &'static str,
        /// Its operands (one for `Not` and `Neg`, two otherwise).
        operands: Vec<Expr<'a>>,
    },
    /// `<LabeledElement Name="...">`.
    LabeledElement {
        /// The label.
        name: Option<Text<'a>>,
        /// The labelled value.
        value: Option<Box<Expr<'a>>>,
    },
    /// `<LabeledElementReference>`: the qualified name of a labelled element.
    LabeledElementReference(Text<'a>),
    /// `<Null/>`.
    Null,
    /// `<Record Type="...">`.
    Record {
        /// The record's structured type, if given.
        type_name: Option<Text<'a>>,
        /// Its property values.
        properties: Vec<PropertyValue<'a>>,
    },
    /// `<UrlRef>`: a URL whose resource is the value.
    UrlRef(Option<Box<Expr<'a>>>),
}

/// `<PropertyValue Property="...">` inside a record.
#[derive(Clone, Debug)]
pub struct PropertyValue<'a> {
    /// The property's name.
    pub property: Text<'a>,
    /// Its value.
    pub value: Option<Expr<'a>>,
    /// Annotations on the property value.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
}

/// Expressions that can be written as an attribute of `<Annotation>`, `<PropertyValue>` or
/// `<LabeledElement>`.
const ATTRIBUTE_FORMS: &[&str] = &[
    "Binary",
    "Bool",
    "Date",
    "DateTimeOffset",
    "Decimal",
    "Duration",
    "EnumMember",
    "Float",
    "Guid",
    "Int",
    "String",
    "TimeOfDay",
    "AnnotationPath",
    "ModelElementPath",
    "NavigationPropertyPath",
    "PropertyPath",
    "Path",
    "UrlRef",
];

/// Operators with their names; `Not` and `Neg` take one operand, the rest two.
const OPERATORS: &[&str] = &[
    "And", "Or", "Not", "Eq", "Ne", "Gt", "Ge", "Lt", "Le", "Has", "In", "Add", "Sub", "Neg", "Mul", "Div", "DivBy",
    "Mod",
];

/// Whether `name` is an expression element.
pub(super) fn is_expr_element(name: &str) -> bool {
    ATTRIBUTE_FORMS.contains(&name)
        || OPERATORS.contains(&name)
        || matches!(
            name,
            "Apply"
                | "Cast"
                | "IsOf"
                | "Collection"
                | "If"
                | "LabeledElement"
                | "LabeledElementReference"
                | "Null"
                | "Record"
        )
}

/// Builds the expression for a textual (constant or path) form from its text.
fn text_expr<'a>(cx: &mut Cx<'a>, form: &str, text: Text<'a>) -> Option<ExprKind<'a>> {
    Some(match form {
        "Binary" => ExprKind::Binary(text),
        "Bool" => match text.as_str().trim() {
            "true" => ExprKind::Bool(true),
            "false" => ExprKind::Bool(false),
            other => {
                cx.diags.warning(
                    codes::INVALID_EXPRESSION,
                    text.span,
                    format!("`Bool` expression must be `true` or `false`, found `{other}`; the value is ignored"),
                );
                return None;
            }
        },
        "Date" => ExprKind::Date(text),
        "DateTimeOffset" => ExprKind::DateTimeOffset(text),
        "Decimal" => ExprKind::Decimal(text),
        "Duration" => ExprKind::Duration(text),
        "EnumMember" => ExprKind::EnumMember(text),
        "Float" => ExprKind::Float(text),
        "Guid" => ExprKind::Guid(text),
        "Int" => match text.as_str().trim().parse::<i64>() {
            Ok(value) => ExprKind::Int(value),
            Err(_) => {
                let message = format!(
                    "`Int` expression must be a 64-bit integer, found `{}`; the value is ignored",
                    text.as_str()
                );
                cx.diags.warning(codes::INVALID_EXPRESSION, text.span, message);
                return None;
            }
        },
        "String" => ExprKind::String(text),
        "TimeOfDay" => ExprKind::TimeOfDay(text),
        "AnnotationPath" => ExprKind::AnnotationPath(text),
        "ModelElementPath" => ExprKind::ModelElementPath(text),
        "NavigationPropertyPath" => ExprKind::NavigationPropertyPath(text),
        "PropertyPath" => ExprKind::PropertyPath(text),
        "Path" => ExprKind::Path(text),
        "UrlRef" => {
            let span = text.span;
            let inner = Expr { kind: ExprKind::String(text), span, annotations: Vec::new() };
            ExprKind::UrlRef(Some(Box::new(inner)))
        }
        "LabeledElementReference" => ExprKind::LabeledElementReference(text),
        _ => return None,
    })
}

/// Takes the attribute-form value expression of `element`, if it has one (at most one is allowed).
pub(super) fn attribute_expr<'a>(cx: &mut Cx<'a>, attrs: &mut Attrs<'a>, element: &Element<'a>) -> Option<Expr<'a>> {
    let mut value: Option<Expr<'a>> = None;
    for form in ATTRIBUTE_FORMS {
        if let Some(text) = attrs.take(form) {
            let span = text.span;
            let kind = text_expr(cx, form, text);
            let parsed = kind.map(|kind| Expr { kind, span, annotations: Vec::new() });
            let owner = format!("`<{}>`", element.name);
            set_single_value(cx, &mut value, parsed, span, &owner);
        }
    }
    value
}

/// Parses an expression element (the caller checked [`is_expr_element`]).
pub(super) fn parse_expr<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<Expr<'a>> {
    let span = element.span;
    let name = element.name.clone();
    let mut annotations = Vec::new();
    let kind = match &*name {
        "Apply" => {
            let mut attrs = cx.attrs(&element);
            let function = attrs.required(cx, "Function");
            attrs.finish(cx);
            let arguments = operands(cx, &element, &mut annotations);
            Some(ExprKind::Apply { function, arguments })
        }
        "Cast" | "IsOf" => {
            let mut attrs = cx.attrs(&element);
            let type_name = attrs.required(cx, "Type");
            let facets = Box::new(parse_facets(cx, &mut attrs));
            attrs.finish(cx);
            let operand = single_operand(cx, &element, &mut annotations);
            Some(if &*name == "Cast" {
                ExprKind::Cast { type_name, facets, operand }
            } else {
                ExprKind::IsOf { type_name, facets, operand }
            })
        }
        "Collection" => {
            let attrs = cx.attrs(&element);
            attrs.finish(cx);
            Some(ExprKind::Collection(operands(cx, &element, &mut annotations)))
        }
        "If" => {
            let attrs = cx.attrs(&element);
            attrs.finish(cx);
            let parts = operands(cx, &element, &mut annotations);
            if !(2..=3).contains(&parts.len()) && !cx.fatal {
                cx.diags.warning(
                    codes::INVALID_EXPRESSION,
                    span,
                    format!(
                        "`<If>` needs a condition, a then value and an else value; found {} expressions (kept as \
                         written: the generator does not evaluate it)",
                        parts.len()
                    ),
                );
            }
            Some(ExprKind::If(parts))
        }
        "LabeledElement" => {
            let mut attrs = cx.attrs(&element);
            let label = attrs.required(cx, "Name");
            let mut value = attribute_expr(cx, &mut attrs, &element);
            attrs.finish(cx);
            for operand in operands(cx, &element, &mut annotations) {
                let operand_span = operand.span;
                set_single_value(cx, &mut value, Some(operand), operand_span, "`<LabeledElement>`");
            }
            Some(ExprKind::LabeledElement { name: label, value: value.map(Box::new) })
        }
        "Null" => {
            let attrs = cx.attrs(&element);
            attrs.finish(cx);
            annotations = super::edmx::annotations_only(cx, &element);
            Some(ExprKind::Null)
        }
        "Record" => {
            let mut attrs = cx.attrs(&element);
            let type_name = attrs.take("Type");
            attrs.finish(cx);
            let mut properties = Vec::new();
            cx.children(&element, |cx, child| match &*child.name {
                "PropertyValue" => properties.extend(parse_property_value(cx, child)),
                "Annotation" => annotations.extend(parse_annotation(cx, child)),
                _ => cx.unknown_element(&child, "Record"),
            });
            Some(ExprKind::Record { type_name, properties })
        }
        "UrlRef" => {
            let attrs = cx.attrs(&element);
            attrs.finish(cx);
            let operand = single_operand(cx, &element, &mut annotations);
            Some(ExprKind::UrlRef(operand))
        }
        operator if OPERATORS.contains(&operator) => {
            let attrs = cx.attrs(&element);
            attrs.finish(cx);
            let operands = operands(cx, &element, &mut annotations);
            let arity = if matches!(operator, "Not" | "Neg") { 1 } else { 2 };
            if operands.len() != arity && !cx.fatal {
                let message = format!(
                    "`<{operator}>` takes {arity} operand(s), found {} (kept as written: the generator does not \
                     evaluate it)",
                    operands.len()
                );
                cx.diags.warning(codes::INVALID_EXPRESSION, span, message);
            }
            let operator = OPERATORS.iter().copied().find(|o| *o == operator).unwrap_or("?");
            Some(ExprKind::Operator { operator, operands })
        }
        textual => {
            let attrs = cx.attrs(&element);
            attrs.finish(cx);
            cx.text(&element).and_then(|text| text_expr(cx, textual, text))
        }
    };
    kind.map(|kind| Expr { kind, span, annotations })
}

/// Reads the child expressions of `element`, collecting its annotations.
fn operands<'a>(cx: &mut Cx<'a>, element: &Element<'a>, annotations: &mut Vec<Annotation<'a>>) -> Vec<Expr<'a>> {
    let mut operands = Vec::new();
    let parent = element.name.clone();
    cx.children(element, |cx, child| {
        if &*child.name == "Annotation" {
            annotations.extend(parse_annotation(cx, child));
        } else if is_expr_element(&child.name) {
            operands.extend(parse_expr(cx, child));
        } else {
            cx.unknown_element(&child, &parent);
        }
    });
    operands
}

/// Reads exactly one child expression of `element`.
fn single_operand<'a>(
    cx: &mut Cx<'a>,
    element: &Element<'a>,
    annotations: &mut Vec<Annotation<'a>>,
) -> Option<Box<Expr<'a>>> {
    let mut all = operands(cx, element, annotations).into_iter();
    let first = all.next();
    if first.is_none() && !cx.fatal {
        cx.diags.warning(
            codes::INVALID_EXPRESSION,
            element.span,
            format!("`<{}>` must contain one expression; it is read as having none", element.name),
        );
    }
    if let Some(extra) = all.next() {
        cx.diags.warning(
            codes::INVALID_EXPRESSION,
            extra.span,
            format!("`<{}>` must contain exactly one expression; the first is used", element.name),
        );
    }
    first.map(Box::new)
}

fn parse_property_value<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<PropertyValue<'a>> {
    let mut attrs = cx.attrs(&element);
    let property = attrs.required(cx, "Property");
    let mut value = attribute_expr(cx, &mut attrs, &element);
    attrs.finish(cx);
    let mut annotations = Vec::new();
    for operand in operands(cx, &element, &mut annotations) {
        let operand_span = operand.span;
        set_single_value(cx, &mut value, Some(operand), operand_span, "`<PropertyValue>`");
    }
    Some(PropertyValue { property: property?, value, annotations, span: element.span })
}
