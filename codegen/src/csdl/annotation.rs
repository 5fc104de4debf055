//! Vocabulary elements: `<Term>`, `<Annotations Target="...">` blocks and `<Annotation>` itself.

use super::Text;
use super::edmx::annotations_only;
use super::expr::{Expr, attribute_expr, is_expr_element, parse_expr};
use super::reader::{Cx, Element};
use super::structured::{Facets, parse_facets};
use crate::diag::codes;
use crate::diag::{Diagnostic, Span};

/// `<Term Name="..." Type="...">`: a vocabulary term that annotations apply.
#[derive(Clone, Debug)]
pub struct Term<'a> {
    /// The term's name.
    pub name: Text<'a>,
    /// The type of its values.
    pub type_name: Option<Text<'a>>,
    /// `BaseTerm`: a term that is also applied whenever this one is.
    pub base_term: Option<Text<'a>>,
    /// `AppliesTo`: space-separated list of element kinds it may annotate.
    pub applies_to: Option<Text<'a>>,
    /// Facets of the value type, including `DefaultValue`.
    pub facets: Facets<'a>,
    /// Annotations on the term.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<Annotations Target="..." Qualifier="...">`: annotations applied to a model element from outside it.
#[derive(Clone, Debug)]
pub struct AnnotationsBlock<'a> {
    /// Path of the annotated element, e.g. `microsoft.graph.user/displayName`.
    pub target: Option<Text<'a>>,
    /// Qualifier applied to every annotation in the block.
    pub qualifier: Option<Text<'a>>,
    /// The annotations.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<Annotation Term="..." Qualifier="...">` with its value.
#[derive(Clone, Debug)]
pub struct Annotation<'a> {
    /// The qualified name of the term (namespace or alias, dot, name).
    pub term: Text<'a>,
    /// Qualifier distinguishing several applications of the same term.
    pub qualifier: Option<Text<'a>>,
    /// The value; `None` means the term's default value.
    pub value: Option<Expr<'a>>,
    /// Annotations on the annotation.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

pub(super) fn parse_term<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<Term<'a>> {
    let mut attrs = cx.attrs(&element);
    let name = attrs.required(cx, "Name");
    let type_name = attrs.required(cx, "Type");
    let base_term = attrs.take("BaseTerm");
    let applies_to = attrs.take("AppliesTo");
    let facets = parse_facets(cx, &mut attrs);
    attrs.finish(cx);
    let annotations = annotations_only(cx, &element);
    let extent = cx.span(element.span.start as usize, cx.pos());
    Some(Term { name: name?, type_name, base_term, applies_to, facets, annotations, span: element.span, extent })
}

pub(super) fn parse_annotations_block<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<AnnotationsBlock<'a>> {
    let mut attrs = cx.attrs(&element);
    let target = attrs.required(cx, "Target");
    let qualifier = attrs.take("Qualifier");
    attrs.finish(cx);
    let annotations = annotations_only(cx, &element);
    let extent = cx.span(element.span.start as usize, cx.pos());
    Some(AnnotationsBlock { target, qualifier, annotations, span: element.span, extent })
}

pub(super) fn parse_annotation<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<Annotation<'a>> {
    let mut attrs = cx.attrs(&element);
    let term = attrs.required(cx, "Term");
    let qualifier = attrs.take("Qualifier");
    let mut value = attribute_expr(cx, &mut attrs, &element);
    attrs.finish(cx);
    let mut annotations = Vec::new();
    cx.children(&element, |cx, child| {
        if &*child.name == "Annotation" {
            annotations.extend(parse_annotation(cx, child));
        } else if is_expr_element(&child.name) {
            let span = child.span;
            let parsed = parse_expr(cx, child);
            set_single_value(cx, &mut value, parsed, span, "`<Annotation>`");
        } else {
            cx.unknown_element(&child, "Annotation");
        }
    });
    let extent = cx.span(element.span.start as usize, cx.pos());
    Some(Annotation { term: term?, qualifier, value, annotations, span: element.span, extent })
}

/// Stores `parsed` as the single value of an element, reporting a second value as an error.
pub(super) fn set_single_value<'a>(
    cx: &mut Cx<'a>,
    slot: &mut Option<Expr<'a>>,
    parsed: Option<Expr<'a>>,
    span: Span,
    owner: &str,
) {
    match slot {
        Some(first) => {
            let diag = Diagnostic::warning(
                codes::INVALID_EXPRESSION,
                span,
                format!("{owner} must have exactly one value expression; the first is used"),
            )
            .with_label(first.span, "first value here");
            cx.diags.push(diag);
        }
        None => *slot = parsed,
    }
}
