//! The streaming XML layer under the CSDL parsers: quick-xml events in, elements and attributes with
//! byte spans out, every XML-level problem turned into a [`Diagnostic`].
//!
//! Each element parser receives an [`Element`] (its start tag), reads the attributes it knows through
//! [`Attrs`], and consumes its content with [`Cx::children`] or [`Cx::skip`], so that when it returns the
//! reader stands after the element's end tag. Strings borrow from the input wherever no unescaping was
//! needed.

use crate::diag::codes;
use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::errors::{Error as XmlError, IllFormedError};
use quick_xml::escape::EscapeError;
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};

use crate::diag::{Diagnostic, Diagnostics, FileId, Span};

use super::{Spanned, Text};

/// Element nesting deeper than this is refused, so hostile input cannot exhaust the stack.
pub(crate) const MAX_DEPTH: usize = 100;

/// The parsing context: the XML reader, the file, and the diagnostics found so far.
pub(crate) struct Cx<'a> {
    input: &'a str,
    reader: Reader<&'a [u8]>,
    base: usize,
    pub(crate) file: FileId,
    pub(crate) diags: Diagnostics,
    /// Set after an XML well-formedness error: nothing after it can be trusted, so parsing unwinds.
    pub(crate) fatal: bool,
    depth: usize,
    /// Emptied attribute lists, reused so that reading a tag does not allocate.
    attr_pool: Vec<Vec<Attr<'a>>>,
}

/// A start tag (or empty-element tag) that has just been read.
pub(crate) struct Element<'a> {
    start: BytesStart<'a>,
    /// The local name (without namespace prefix).
    pub(crate) name: Cow<'a, str>,
    /// The span of the whole start tag, `<` to `>`.
    pub(crate) span: Span,
    /// `<X/>`: there is no content to read.
    pub(crate) empty: bool,
}

impl Element<'_> {
    /// The raw tag name, including any prefix.
    pub(crate) fn qualified_name(&self) -> &str {
        self.start.name().into_inner()
    }
}

impl<'a> Cx<'a> {
    /// A context reading `input` (the whole file text) starting at byte `base` (after a BOM).
    pub(crate) fn new(input: &'a str, base: usize, file: FileId) -> Cx<'a> {
        let body = input.get(base..).unwrap_or("");
        let mut reader = Reader::from_str(body);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Cx { input, reader, base, file, diags: Diagnostics::default(), fatal: false, depth: 0, attr_pool: Vec::new() }
    }

    /// The current byte offset in the file.
    pub(crate) fn pos(&self) -> usize {
        self.base + usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// A span in this file.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    /// Reads the next event, recording where it started.
    pub(crate) fn next_event(&mut self) -> (usize, Result<Event<'a>, XmlError>) {
        let start = self.pos();
        (start, self.reader.read_event())
    }

    /// The byte offset of `s` in the input, if `s` points into it.
    fn offset_of(&self, s: &str) -> Option<usize> {
        let start = (s.as_ptr() as usize).checked_sub(self.input.as_ptr() as usize)?;
        (start + s.len() <= self.input.len()).then_some(start)
    }

    /// `s` with the input's lifetime: borrowed when it points into the input, copied otherwise.
    fn recover(&self, s: &str) -> Cow<'a, str> {
        match self.offset_of(s).and_then(|start| self.input.get(start..start + s.len())) {
            Some(borrowed) => Cow::Borrowed(borrowed),
            None => Cow::Owned(s.to_owned()),
        }
    }

    /// Wraps a start tag read at `start` as an [`Element`].
    pub(crate) fn element(&self, tag: BytesStart<'a>, start: usize, empty: bool) -> Element<'a> {
        let name = tag.local_name().into_inner();
        let name = self.recover(name);
        Element { start: tag, name, span: self.span(start, self.pos()), empty }
    }

    /// Records an XML-level error and stops parsing.
    pub(crate) fn xml_error(&mut self, err: &XmlError) {
        let at = self.base + usize::try_from(self.reader.error_position()).unwrap_or(0);
        let message = match err {
            XmlError::IllFormed(IllFormedError::MissingEndTag(name)) => {
                format!("unexpected end of file: element `<{name}>` is not closed")
            }
            XmlError::IllFormed(IllFormedError::UnmatchedEndTag(name)) => {
                format!("closing tag `</{name}>` has no matching opening tag")
            }
            XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
                format!("closing tag `</{found}>` does not match the open element `<{expected}>`")
            }
            other => format!("the file is not well-formed XML: {other}"),
        };
        self.diags.push(Diagnostic::error(codes::XML_SYNTAX, self.span(at, at + 1), message));
        self.fatal = true;
    }

    /// Records that the file ended inside `parent`, and stops parsing.
    fn unexpected_eof(&mut self, parent: &Element<'_>) {
        let at = self.pos();
        let message = format!("unexpected end of file: element `<{}>` is not closed", parent.qualified_name());
        let diag =
            Diagnostic::error(codes::XML_SYNTAX, self.span(at, at), message).with_label(parent.span, "opened here");
        self.diags.push(diag);
        self.fatal = true;
    }

    /// Reads the content of `parent`, calling `on_child` for each child element. `on_child` must
    /// consume the child's content (by parsing it or calling [`Cx::skip`]).
    pub(crate) fn children(&mut self, parent: &Element<'a>, mut on_child: impl FnMut(&mut Cx<'a>, Element<'a>)) {
        if parent.empty || self.fatal {
            return;
        }
        if self.depth >= MAX_DEPTH {
            let message = format!(
                "elements are nested more than {MAX_DEPTH} levels deep; the content of `<{}>` is skipped",
                parent.name
            );
            self.diags.error(codes::DOCUMENT_STRUCTURE, parent.span, message);
            self.skip(parent);
            return;
        }
        self.depth += 1;
        loop {
            let (start, event) = self.next_event();
            match event {
                Ok(Event::Start(tag)) => {
                    let child = self.element(tag, start, false);
                    on_child(self, child);
                }
                Ok(Event::Empty(tag)) => {
                    let child = self.element(tag, start, true);
                    on_child(self, child);
                }
                Ok(Event::End(_)) => break,
                Ok(Event::Text(text)) => {
                    if !text.xml10_content().trim().is_empty() {
                        self.stray_text(parent, start);
                    }
                }
                Ok(Event::CData(_) | Event::GeneralRef(_)) => self.stray_text(parent, start),
                Ok(Event::Comment(_) | Event::PI(_)) => {}
                Ok(Event::Decl(_) | Event::DocType(_)) => {
                    let span = self.span(start, self.pos());
                    self.diags.error(
                        codes::XML_SYNTAX,
                        span,
                        "an XML or DOCTYPE declaration is only allowed at the start of the file",
                    );
                    self.fatal = true;
                }
                Ok(Event::Eof) => self.unexpected_eof(parent),
                Err(err) => self.xml_error(&err),
            }
            if self.fatal {
                break;
            }
        }
        self.depth -= 1;
    }

    fn stray_text(&mut self, parent: &Element<'_>, start: usize) {
        let span = self.span(start, self.pos());
        self.diags.warning(codes::IGNORED_CONTENT, span, format!("text inside `<{}>` is ignored", parent.name));
    }

    /// Skips the content of `element` without looking at it.
    pub(crate) fn skip(&mut self, element: &Element<'a>) {
        if element.empty || self.fatal {
            return;
        }
        if let Err(err) = self.reader.read_to_end(element.start.name()) {
            self.xml_error(&err);
        }
    }

    /// Warns that `element` is not part of CSDL where it stands, and skips it.
    pub(crate) fn unknown_element(&mut self, element: &Element<'a>, parent: &str) {
        let message = format!("unknown element `<{}>` inside `<{parent}>` is ignored", element.qualified_name());
        self.diags.warning(codes::UNKNOWN_ELEMENT, element.span, message);
        self.skip(element);
    }

    /// Reads the text content of `element` (for element-form constants such as `<String>..</String>`).
    pub(crate) fn text(&mut self, element: &Element<'a>) -> Option<Text<'a>> {
        let content_start = element.span.end as usize;
        if element.empty || self.fatal {
            return Some(Spanned { value: Cow::Borrowed(""), span: self.span(content_start, content_start) });
        }
        let inner = match self.reader.read_to_end(element.start.name()) {
            Ok(inner) => inner,
            Err(err) => {
                self.xml_error(&err);
                return None;
            }
        };
        let to_usize = |n: u64| self.base + usize::try_from(n).unwrap_or(usize::MAX);
        let (start, end) = (to_usize(inner.start), to_usize(inner.end));
        let span = self.span(start, end);
        let raw = self.input.get(start..end).unwrap_or("");
        if raw.contains('<') {
            self.diags.error(codes::DOCUMENT_STRUCTURE, span, format!("`<{}>` must contain only text", element.name));
            return None;
        }
        let normalized = if raw.contains('\r') { Cow::Owned(raw.replace("\r\n", "\n")) } else { Cow::Borrowed(raw) };
        let value = match normalized {
            Cow::Borrowed(raw) => quick_xml::escape::unescape(raw),
            Cow::Owned(owned) => quick_xml::escape::unescape(&owned).map(|v| Cow::Owned(v.into_owned())),
        };
        match value {
            Ok(value) => Some(Spanned { value, span }),
            Err(err) => {
                self.escape_error(&err, start, end, &format!("`<{}>`", element.name));
                None
            }
        }
    }

    /// Reads the attributes of `element`.
    pub(crate) fn attrs(&mut self, element: &Element<'a>) -> Attrs<'a> {
        let mut items = self.attr_pool.pop().unwrap_or_default();
        let mut malformed = false;
        for attr in element.start.attributes() {
            match attr {
                Ok(attr) => {
                    let key = attr.key.into_inner();
                    if key == "xmlns" || key.starts_with("xmlns:") {
                        continue;
                    }
                    let key_start = self.offset_of(key).unwrap_or(element.span.start as usize);
                    let key_span = self.span(key_start, key_start + key.len());
                    let key = self.recover(key);
                    let raw: &str = &attr.value;
                    let start = self.offset_of(raw).unwrap_or(element.span.start as usize);
                    let span = self.span(start, start + raw.len());
                    let value = match attr.normalized_value(XmlVersion::Implicit1_0) {
                        Ok(Cow::Borrowed(v)) => self.recover(v),
                        Ok(Cow::Owned(v)) => Cow::Owned(v),
                        Err(XmlError::Escape(err)) => {
                            self.escape_error(&err, start, start + raw.len(), &format!("attribute `{key}`"));
                            malformed = true;
                            continue;
                        }
                        Err(err) => {
                            self.diags.error(codes::XML_SYNTAX, span, format!("bad attribute value `{key}`: {err}"));
                            malformed = true;
                            continue;
                        }
                    };
                    items.push(Attr { key, key_span, value: Spanned { value, span }, used: false });
                }
                Err(err) => {
                    self.attr_error(element, &err);
                    malformed = true;
                }
            }
        }
        Attrs { element_name: element.name.clone(), element_span: element.span, items, malformed }
    }

    /// Reports a bad entity or character reference in the text `start..end` (an attribute value or
    /// element content); `what` names it. Only the five predefined entities exist: DOCTYPEs are refused,
    /// so no entity is ever declared, let alone expanded.
    fn escape_error(&mut self, err: &EscapeError, start: usize, end: usize, what: &str) {
        let at = |offset: usize| (start + offset).min(end);
        let (span, message) = match err {
            EscapeError::UnrecognizedEntity(name_range, name) => (
                self.span(at(name_range.start.saturating_sub(1)), at(name_range.end + 1)),
                format!(
                    "unknown entity `&{name};` in {what}: only `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` \
                     and character references like `&#233;` are allowed"
                ),
            ),
            EscapeError::UnterminatedEntity(range) => (
                self.span(at(range.start), at(range.start + 1)),
                format!("`&` in {what} does not start an entity reference (no `;` follows); write `&amp;` for `&`"),
            ),
            EscapeError::InvalidCharRef(err) => {
                (self.span(start, end), format!("invalid character reference in {what}: {err}"))
            }
            EscapeError::TooManyNestedEntities => {
                (self.span(start, end), format!("too many nested entity references in {what}"))
            }
        };
        self.diags.error(codes::XML_SYNTAX, span, message);
    }

    fn attr_error(&mut self, element: &Element<'_>, err: &AttrError) {
        // Positions are relative to the tag's content, which starts after its `<`.
        let tag_start = element.span.start as usize + 1;
        let at = match err {
            AttrError::ExpectedEq(p)
            | AttrError::ExpectedValue(p)
            | AttrError::UnquotedValue(p)
            | AttrError::ExpectedQuote(p, _)
            | AttrError::Duplicated(p, _) => tag_start + p,
        };
        let element_name = &element.name;
        let diag = match err {
            AttrError::Duplicated(_, first) => {
                let name = self.input.get(at..).unwrap_or("");
                let name = name.split(|c: char| c == '=' || c.is_whitespace()).next().unwrap_or("");
                Diagnostic::error(
                    codes::XML_SYNTAX,
                    self.span(at, at + name.len()),
                    format!("duplicate attribute `{name}` in `<{element_name}>`"),
                )
                .with_label(self.span(tag_start + first, tag_start + first + name.len()), "first given here")
            }
            AttrError::ExpectedEq(_) => Diagnostic::error(
                codes::XML_SYNTAX,
                self.span(at, at + 1),
                format!(
                    "malformed attribute in `<{element_name}>`: expected `=` and a quoted value after the attribute name"
                ),
            ),
            AttrError::ExpectedValue(_) => Diagnostic::error(
                codes::XML_SYNTAX,
                self.span(at, at + 1),
                format!("malformed attribute in `<{element_name}>`: `=` must be followed by a quoted value"),
            ),
            AttrError::UnquotedValue(_) => {
                let before = self.input.get(element.span.start as usize..at).unwrap_or("");
                let name = before.trim_end().trim_end_matches('=').trim_end();
                let name = name.rsplit(char::is_whitespace).next().unwrap_or("");
                let message = format!(
                    "malformed attribute in `<{element_name}>`: the value of `{name}` must be enclosed in quotes (`\"` or `'`)"
                );
                Diagnostic::error(codes::XML_SYNTAX, self.span(at, at + 1), message)
            }
            AttrError::ExpectedQuote(_, quote) => Diagnostic::error(
                codes::XML_SYNTAX,
                self.span(at, at + 1),
                format!(
                    "malformed attribute in `<{element_name}>`: an attribute value is missing its closing `{}`",
                    char::from(*quote)
                ),
            ),
        };
        self.diags.push(diag);
    }
}

struct Attr<'a> {
    key: Cow<'a, str>,
    key_span: Span,
    value: Text<'a>,
    used: bool,
}

/// The longest name (`Name`, `Namespace` or `Alias` attribute) read, in characters. CSDL allows 128
/// for a simple identifier and 511 for a namespace; longer names only make output and messages huge.
pub const MAX_NAME_CHARS: usize = 1024;

/// The attributes that hold names rather than references or values.
const NAME_ATTRIBUTES: &[&str] = &["Name", "Namespace", "Alias"];

/// The attributes of one element; parsers take the ones they know, the rest are reported.
pub(crate) struct Attrs<'a> {
    element_name: Cow<'a, str>,
    element_span: Span,
    items: Vec<Attr<'a>>,
    /// An attribute could not be read (already reported): a "missing" one may just be that one.
    malformed: bool,
}

impl<'a> Attrs<'a> {
    /// Takes the attribute `name`, if present.
    pub(crate) fn take(&mut self, name: &str) -> Option<Text<'a>> {
        let attr = self.items.iter_mut().find(|a| !a.used && a.key == name)?;
        attr.used = true;
        Some(attr.value.clone())
    }

    /// Takes the attribute `name`, reporting an error when it is missing.
    pub(crate) fn required(&mut self, cx: &mut Cx<'_>, name: &str) -> Option<Text<'a>> {
        let value = self.take(name);
        if value.is_none() && !self.malformed {
            let message = format!("`<{}>` is missing the required attribute `{name}`", self.element_name);
            cx.diags.error(codes::MISSING_ATTRIBUTE, self.element_span, message);
        }
        value
    }

    /// Takes the attribute `name`, warning when it is missing: the caller leaves its element out (the
    /// problem costs that element, not the file). `left_out` says what is left out.
    pub(crate) fn required_or_left_out(&mut self, cx: &mut Cx<'_>, name: &str, left_out: &str) -> Option<Text<'a>> {
        let value = self.take(name);
        if value.is_none() && !self.malformed {
            let message =
                format!("`<{}>` is missing the required attribute `{name}`; {left_out} is left out", self.element_name);
            cx.diags.warning(codes::MISSING_ATTRIBUTE, self.element_span, message);
        }
        value
    }

    /// Takes a boolean attribute (`true` or `false`; `True`, `FALSE`, ... are read with a warning).
    pub(crate) fn bool(&mut self, cx: &mut Cx<'_>, name: &str) -> Option<Spanned<bool>> {
        let text = self.take(name)?;
        match text.as_str() {
            "true" => Some(Spanned { value: true, span: text.span }),
            "false" => Some(Spanned { value: false, span: text.span }),
            other if other.eq_ignore_ascii_case("true") || other.eq_ignore_ascii_case("false") => {
                let value = other.eq_ignore_ascii_case("true");
                let message =
                    format!("attribute `{name}` must be written `{value}`, found `{other}`; read as `{value}`");
                cx.diags.warning(codes::LENIENT_VALUE, text.span, message);
                Some(Spanned { value, span: text.span })
            }
            other => {
                // Costs only this attribute: the element is read as if it were absent.
                let message = format!(
                    "attribute `{name}` must be `true` or `false`, found `{other}`; ignored (its default applies)"
                );
                cx.diags.warning(codes::INVALID_VALUE, text.span, message);
                None
            }
        }
    }

    /// Takes a non-negative integer attribute.
    pub(crate) fn unsigned(&mut self, cx: &mut Cx<'_>, name: &str) -> Option<Spanned<u32>> {
        let text = self.take(name)?;
        match text.as_str().parse::<u32>() {
            Ok(value) => Some(Spanned { value, span: text.span }),
            Err(_) => {
                let message = format!(
                    "attribute `{name}` must be a non-negative integer, found `{}`; ignored (its default applies)",
                    text.as_str()
                );
                cx.diags.warning(codes::INVALID_VALUE, text.span, message);
                None
            }
        }
    }

    /// Warns about every attribute no parser took, and reports names longer than [`MAX_NAME_CHARS`].
    pub(crate) fn finish(mut self, cx: &mut Cx<'a>) {
        for attr in self.items.iter().filter(|a| NAME_ATTRIBUTES.contains(&a.key.as_ref())) {
            let value = attr.value.value.as_ref();
            if value.len() > MAX_NAME_CHARS && value.chars().count() > MAX_NAME_CHARS {
                let start: String = value.chars().take(40).collect();
                let message = format!(
                    "the {} `{start}…` is {} characters long; names are limited to {MAX_NAME_CHARS} characters",
                    attr.key.to_lowercase(),
                    value.chars().count()
                );
                cx.diags.error(codes::INVALID_NAME, attr.value.span, message);
            }
        }
        for attr in self.items.iter().filter(|a| !a.used) {
            let message = format!("unknown attribute `{}` on `<{}>` is ignored", attr.key, self.element_name);
            cx.diags.warning(codes::UNKNOWN_ATTRIBUTE, attr.key_span, message);
        }
        self.items.clear();
        cx.attr_pool.push(self.items);
    }
}
