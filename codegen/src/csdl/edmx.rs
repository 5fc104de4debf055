//! The document frame: `edmx:Edmx`, `edmx:Reference` with its `Include`s, and `edmx:DataServices`.

use crate::diag::codes;
use quick_xml::events::Event;

use super::annotation::{Annotation, parse_annotation};
use super::reader::{Cx, Element};
use super::schema::{Schema, parse_schema};
use super::{Parsed, Text};
use crate::diag::{Diagnostic, FileId, Span};

/// A whole CSDL XML document (`<edmx:Edmx>`).
#[derive(Clone, Debug)]
pub struct Document<'a> {
    /// The file the document was read from.
    pub file: FileId,
    /// The `Version` attribute (`4.0` or `4.01`).
    pub version: Option<Text<'a>>,
    /// `<edmx:Reference>` elements: other documents this one uses.
    pub references: Vec<Reference<'a>>,
    /// The schemas inside `<edmx:DataServices>`.
    pub schemas: Vec<Schema<'a>>,
    /// The span of the `<edmx:Edmx>` start tag.
    pub span: Span,
}

/// `<edmx:Reference Uri="...">`: a referenced document and what is used from it.
#[derive(Clone, Debug)]
pub struct Reference<'a> {
    /// The URI of the referenced document.
    pub uri: Option<Text<'a>>,
    /// Schemas included from the referenced document.
    pub includes: Vec<Include<'a>>,
    /// Annotations included from the referenced document.
    pub include_annotations: Vec<IncludeAnnotations<'a>>,
    /// Annotations on the reference itself.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<edmx:Include Namespace="..." Alias="..."/>`.
#[derive(Clone, Debug)]
pub struct Include<'a> {
    /// The namespace of the included schema.
    pub namespace: Option<Text<'a>>,
    /// The alias used for it in this document.
    pub alias: Option<Text<'a>>,
    /// Annotations on the include.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
}

/// `<edmx:IncludeAnnotations TermNamespace="..." Qualifier="..." TargetNamespace="..."/>`.
#[derive(Clone, Debug)]
pub struct IncludeAnnotations<'a> {
    /// Namespace of the terms whose annotations are included.
    pub term_namespace: Option<Text<'a>>,
    /// Only annotations with this qualifier.
    pub qualifier: Option<Text<'a>>,
    /// Only annotations targeting this namespace.
    pub target_namespace: Option<Text<'a>>,
    /// The span of the start tag.
    pub span: Span,
}

pub(super) fn parse_document(text: &str, file: FileId) -> Parsed<'_> {
    // Every leading BOM is skipped here: the XML reader would skip one more itself without counting its
    // bytes, and every offset after it (spans, verbatim copies) would come out short.
    let base = text.len() - text.trim_start_matches('\u{feff}').len();
    let mut cx = Cx::new(text, base, file);
    let document = parse_root(&mut cx);
    // When the file is not a CSDL document at all, what follows is not worth more errors.
    if document.is_some() && !cx.fatal {
        expect_end_of_file(&mut cx);
    }
    let well_formed = !cx.fatal;
    let mut diagnostics = cx.diags;
    diagnostics.sort();
    Parsed { document, diagnostics, well_formed }
}

/// Reads up to the root element and parses it.
fn parse_root<'a>(cx: &mut Cx<'a>) -> Option<Document<'a>> {
    let file_start = cx.pos();
    let mut only_white_space = true;
    loop {
        let (start, event) = cx.next_event();
        let (tag, empty) = match event {
            Ok(Event::Start(tag)) => (tag, false),
            Ok(Event::Empty(tag)) => (tag, true),
            Ok(Event::Decl(_) | Event::Comment(_) | Event::PI(_)) => {
                only_white_space = false;
                continue;
            }
            Ok(Event::Text(text)) if text.xml10_content().trim().is_empty() => continue,
            Ok(Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)) => {
                let span = cx.span(start, cx.pos());
                cx.diags.error(codes::DOCUMENT_STRUCTURE, span, "expected the `<edmx:Edmx>` root element, found text");
                return None;
            }
            Ok(Event::DocType(_)) => {
                let span = cx.span(start, cx.pos());
                let message = "DOCTYPE declarations are not allowed in CSDL (entities are never expanded)";
                cx.diags.error(codes::DOCUMENT_STRUCTURE, span, message);
                return None;
            }
            Ok(Event::End(_)) => {
                let span = cx.span(start, cx.pos());
                cx.diags.error(
                    codes::DOCUMENT_STRUCTURE,
                    span,
                    "expected the `<edmx:Edmx>` root element, found a closing tag",
                );
                return None;
            }
            Ok(Event::Eof) => {
                let (span, what) = if only_white_space {
                    let what =
                        if start == file_start { "the file is empty" } else { "the file holds only white space" };
                    (cx.span(file_start, file_start), what)
                } else {
                    (cx.span(start, start), "the file has no root element")
                };
                let message = format!("{what}: expected a CSDL document with an `<edmx:Edmx>` root element");
                cx.diags.error(codes::DOCUMENT_STRUCTURE, span, message);
                return None;
            }
            Err(err) => {
                cx.xml_error(&err);
                return None;
            }
        };
        let root = cx.element(tag, start, empty);
        return parse_edmx(cx, root);
    }
}

fn parse_edmx<'a>(cx: &mut Cx<'a>, root: Element<'a>) -> Option<Document<'a>> {
    if root.name == "Schema" {
        // Some services and tools publish the schema alone; it reads as if wrapped in a V4 `<edmx:Edmx>`.
        let message = "a bare `<Schema>` document: read as if wrapped in `<edmx:Edmx Version=\"4.0\">` and \
                       `<edmx:DataServices>`";
        cx.diags.warning(codes::DOCUMENT_STRUCTURE, root.span, message);
        let span = root.span;
        let schemas = parse_schema(cx, root).into_iter().collect();
        return Some(Document { file: cx.file, version: None, references: Vec::new(), schemas, span });
    }
    if root.name != "Edmx" {
        let message = format!("expected the `<edmx:Edmx>` root element, found `<{}>`", root.qualified_name());
        cx.diags.error(codes::DOCUMENT_STRUCTURE, root.span, message);
        cx.skip(&root);
        return None;
    }
    let mut attrs = cx.attrs(&root);
    let version = attrs.take("Version");
    attrs.finish(cx);
    match &version {
        None => cx.diags.error(
            codes::MISSING_ATTRIBUTE,
            root.span,
            "`<edmx:Edmx>` is missing the required attribute `Version`",
        ),
        Some(v) if v.as_str() == "4.0" || v.as_str() == "4.01" => {}
        Some(v) => {
            let odata = match v.as_str() {
                "1.0" | "2.0" | "3.0" => "an OData V2/V3 (EDMX 1.0) document",
                _ => "an unknown EDMX version",
            };
            let message = format!(
                "unsupported version: EDMX Version `{}` is {odata}; only OData V4 CSDL (Version `4.0` or `4.01`) is supported",
                v.as_str()
            );
            cx.diags.push(
                Diagnostic::error(codes::UNSUPPORTED_VERSION, v.span, message)
                    .with_note("convert the service metadata to OData V4, or ask the service for its V4 `$metadata`"),
            );
            cx.skip(&root);
            return None;
        }
    }
    let mut document =
        Document { file: cx.file, version, references: Vec::new(), schemas: Vec::new(), span: root.span };
    let mut data_services = 0;
    cx.children(&root, |cx, child| match &*child.name {
        "Reference" => document.references.push(parse_reference(cx, child)),
        "DataServices" => {
            data_services += 1;
            if data_services > 1 {
                cx.diags.error(
                    codes::DOCUMENT_STRUCTURE,
                    child.span,
                    "`<edmx:Edmx>` must contain exactly one `<edmx:DataServices>`",
                );
            }
            parse_data_services(cx, child, &mut document.schemas);
        }
        _ => cx.unknown_element(&child, "edmx:Edmx"),
    });
    if data_services == 0 && !cx.fatal {
        cx.diags.error(codes::DOCUMENT_STRUCTURE, root.span, "`<edmx:Edmx>` has no `<edmx:DataServices>` element");
    }
    Some(document)
}

fn parse_data_services<'a>(cx: &mut Cx<'a>, element: Element<'a>, schemas: &mut Vec<Schema<'a>>) {
    let attrs = cx.attrs(&element);
    attrs.finish(cx);
    cx.children(&element, |cx, child| match &*child.name {
        "Schema" => {
            if let Some(schema) = parse_schema(cx, child) {
                schemas.push(schema);
            }
        }
        _ => cx.unknown_element(&child, "edmx:DataServices"),
    });
}

fn parse_reference<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Reference<'a> {
    let mut attrs = cx.attrs(&element);
    let uri = attrs.required(cx, "Uri");
    attrs.finish(cx);
    let mut reference = Reference {
        uri,
        includes: Vec::new(),
        include_annotations: Vec::new(),
        annotations: Vec::new(),
        span: element.span,
        extent: element.span,
    };
    cx.children(&element, |cx, child| match &*child.name {
        "Include" => {
            let mut attrs = cx.attrs(&child);
            let namespace = attrs.required(cx, "Namespace");
            let alias = attrs.take("Alias");
            attrs.finish(cx);
            let annotations = annotations_only(cx, &child);
            reference.includes.push(Include { namespace, alias, annotations, span: child.span });
        }
        "IncludeAnnotations" => {
            let mut attrs = cx.attrs(&child);
            let term_namespace = attrs.required(cx, "TermNamespace");
            let qualifier = attrs.take("Qualifier");
            let target_namespace = attrs.take("TargetNamespace");
            attrs.finish(cx);
            let include = IncludeAnnotations { term_namespace, qualifier, target_namespace, span: child.span };
            reference.include_annotations.push(include);
            let stray = annotations_only(cx, &child);
            if let Some(first) = stray.first() {
                cx.diags.warning(
                    codes::IGNORED_CONTENT,
                    first.span,
                    "annotations inside `<edmx:IncludeAnnotations>` are ignored",
                );
            }
        }
        "Annotation" => reference.annotations.extend(parse_annotation(cx, child)),
        _ => cx.unknown_element(&child, "edmx:Reference"),
    });
    reference.extent = cx.span(element.span.start as usize, cx.pos());
    if reference.includes.is_empty() && reference.include_annotations.is_empty() && !cx.fatal {
        cx.diags.warning(codes::IGNORED_CONTENT, element.span, "`<edmx:Reference>` includes nothing");
    }
    reference
}

/// Reads the content of an element that may only hold `<Annotation>` children.
pub(super) fn annotations_only<'a>(cx: &mut Cx<'a>, element: &Element<'a>) -> Vec<Annotation<'a>> {
    let mut annotations = Vec::new();
    let parent = element.name.clone();
    cx.children(element, |cx, child| match &*child.name {
        "Annotation" => annotations.extend(parse_annotation(cx, child)),
        _ => cx.unknown_element(&child, &parent),
    });
    annotations
}

/// After the root element only comments, processing instructions and white space may follow.
fn expect_end_of_file(cx: &mut Cx<'_>) {
    loop {
        let (start, event) = cx.next_event();
        match event {
            Ok(Event::Eof) => return,
            Ok(Event::Comment(_) | Event::PI(_)) => {}
            Ok(Event::Text(text)) if text.xml10_content().trim().is_empty() => {}
            Ok(_) => {
                let span = cx.span(start, cx.pos());
                cx.diags.error(codes::XML_SYNTAX, span, "content after the end of the `<edmx:Edmx>` root element");
                return;
            }
            Err(err) => {
                cx.xml_error(&err);
                return;
            }
        }
    }
}
