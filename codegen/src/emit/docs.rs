//! Doc comments and deprecations from vocabulary annotations: `Core.Description`,
//! `Core.LongDescription`, SAP's `Common.Label` and `Common.QuickInfo` and `Display.DisplayName` become
//! `///` lines (see [`schema_paragraphs`] for their order), `Core.Revisions` with kind `Deprecated`
//! becomes `#[deprecated]`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::csdl::{Expr, ExprKind};
use crate::model::{CORE_NAMESPACE, DocText, Model, Target, TypeKind, member_index};
use crate::select::Selection;

/// `#[doc]` attributes for `target`: its descriptions, then `extra` lines (e.g. the qualified name).
pub(super) fn doc_attrs(model: &Model<'_>, target: Target, extra: &[String]) -> TokenStream {
    attrs(&doc_lines(model, target, extra))
}

/// The doc lines of `target`: its descriptions, then `extra` paragraphs, escaped for rustdoc.
pub(super) fn doc_lines(model: &Model<'_>, target: Target, extra: &[String]) -> Vec<String> {
    // The schema's text is escaped for rustdoc; `extra` is the generator's own Markdown (code spans,
    // intra-doc links) and goes in as written.
    let mut lines = lines(&schema_paragraphs(model.doc_text(target)), escape_markdown);
    let own = self::lines(extra, str::to_owned);
    if !lines.is_empty() && !own.is_empty() {
        lines.push(String::new());
    }
    lines.extend(own);
    lines
}

/// The paragraphs of an element's documentation, in this order: a title (`Core.Description`, else
/// `Common.Label`, else `Display.DisplayName`), `Core.LongDescription`, `Common.QuickInfo`, then the
/// captions that are not the title (`Label: ...`, `Display name: ...`). A text equal to one already
/// shown is left out.
fn schema_paragraphs(text: DocText<'_>) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let push = |paragraphs: &mut Vec<String>, prefix: &str, value: Option<&str>| {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else { return };
        if !paragraphs.iter().any(|p| p.strip_prefix(prefix).unwrap_or(p) == value || p == value) {
            paragraphs.push(format!("{prefix}{value}"));
        }
    };
    let title = text.description.or(text.label).or(text.display_name);
    push(&mut paragraphs, "", title);
    push(&mut paragraphs, "", text.long_description);
    push(&mut paragraphs, "", text.quick_info);
    push(&mut paragraphs, "Label: ", text.label);
    push(&mut paragraphs, "Display name: ", text.display_name);
    paragraphs
}

/// `#[doc]` attributes for paragraphs separated by blank lines.
pub(super) fn lines_to_attrs(paragraphs: &[String]) -> TokenStream {
    attrs(&lines(paragraphs, escape_markdown))
}

/// `#[doc]` attributes for paragraphs the generator writes itself, whose `[`links`]` rustdoc resolves
/// (schema text goes through [`lines_to_attrs`], which escapes them).
pub(super) fn own_docs(paragraphs: &[String]) -> TokenStream {
    attrs(&own_lines(paragraphs))
}

/// Doc lines of paragraphs the generator writes itself (links kept).
pub(super) fn own_lines(paragraphs: &[String]) -> Vec<String> {
    lines(paragraphs, str::to_owned)
}

/// Lines of paragraphs separated by blank lines, each line through `escape`.
fn lines(paragraphs: &[String], escape: impl Fn(&str) -> String) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    // Blank paragraphs (`Core.Description String=""`) would make empty doc comments, which clippy flags.
    for (index, paragraph) in paragraphs.iter().filter(|p| !p.trim().is_empty()).enumerate() {
        if index > 0 {
            lines.push(String::new());
        }
        lines.extend(paragraph.trim().lines().map(|line| escape(line.trim())));
    }
    lines
}

/// `#[doc]` attributes of doc lines.
fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| format!(" {line}"));
    quote!(#(#[doc = #lines])*)
}

/// Doc lines as `///` comments, each line indented by `indent`.
pub(super) fn doc_text(lines: &[String], indent: &str) -> String {
    let mut text = String::new();
    for line in lines {
        text.push_str(indent);
        text.push_str("///");
        if !line.is_empty() {
            text.push(' ');
            text.push_str(line);
        }
        text.push('\n');
    }
    text
}

/// Keeps text from the schema from being read as Markdown links, HTML or code blocks (which would
/// become doctests) by rustdoc, and makes bare URLs links (rustdoc warns about bare ones). Lines come
/// trimmed, so none is an indented code block.
fn escape_markdown(line: &str) -> String {
    let words: Vec<String> = line.split(' ').map(escape_word).collect();
    let escaped = words.join(" ");
    if escaped.starts_with("```") || escaped.starts_with("~~~") { format!("\\{escaped}") } else { escaped }
}

/// One word escaped; a bare `http(s)://` URL in it becomes an autolink (`<https://...>`), with the
/// text before it and punctuation after it escaped outside.
fn escape_word(word: &str) -> String {
    let Some(start) = word.find("https://").or_else(|| word.find("http://")) else { return escape_text(word) };
    let end = word.trim_end_matches(|c: char| ".,;:!?)]\"'*_".contains(c)).len().max(start);
    let url = &word[start..end];
    if url.ends_with("://") || url.contains(['<', '>', '`', '\\']) {
        return escape_text(word);
    }
    format!("{}<{url}>{}", escape_text(&word[..start]), escape_text(&word[end..]))
}

/// Text with Markdown link brackets, HTML angle brackets and backslashes escaped.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// The description of the `Deprecated` revision of `target`, if it has one.
pub(super) fn deprecation(model: &Model<'_>, target: Target) -> Option<String> {
    let revisions = model.annotation(target, CORE_NAMESPACE, "Revisions")?.value?;
    let ExprKind::Collection(items) = &revisions.kind else { return None };
    items.iter().find_map(|item| {
        let ExprKind::Record { properties, .. } = &item.kind else { return None };
        let value = |name: &str| properties.iter().find(|p| p.property.as_str() == name).and_then(|p| p.value.as_ref());
        let kind = value("Kind").and_then(text)?;
        if !kind.ends_with("/Deprecated") {
            return None;
        }
        let mut note = value("Description").and_then(text).unwrap_or("deprecated").to_owned();
        if let Some(date) = value("RemovalDate").and_then(text) {
            note.push_str(&format!(" (to be removed {date})"));
        }
        Some(note)
    })
}

/// Whether any selected type, property, navigation property or enum member is deprecated.
pub(super) fn has_deprecations(model: &Model<'_>, selection: &Selection) -> bool {
    selection.types().iter().any(|id| {
        let id = *id;
        let def = model.ty(id);
        let members: Vec<Target> = match &def.kind {
            TypeKind::Structured(s) => (0..s.properties.len())
                .map(|i| Target::Property(id, member_index(i)))
                .chain((0..s.navigation_properties.len()).map(|i| Target::NavigationProperty(id, member_index(i))))
                .collect(),
            TypeKind::Enum(e) => (0..e.members.len()).map(|i| Target::Member(id, member_index(i))).collect(),
            TypeKind::Definition(_) => Vec::new(),
        };
        std::iter::once(Target::Type(id)).chain(members).any(|target| deprecation(model, target).is_some())
    })
}

fn text<'e>(expr: &'e Expr<'_>) -> Option<&'e str> {
    match &expr.kind {
        ExprKind::String(t) | ExprKind::EnumMember(t) | ExprKind::Date(t) => Some(t.as_str()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_markdown, schema_paragraphs};
    use crate::model::DocText;

    #[test]
    fn schema_text_cannot_make_links_html_or_code_blocks() {
        assert_eq!(escape_markdown("see [x](y) <b>"), "see \\[x\\](y) &lt;b&gt;");
        assert_eq!(escape_markdown("```rust"), "\\```rust");
        assert_eq!(escape_markdown("a\\[b"), "a\\\\\\[b");
        assert_eq!(escape_markdown("(https://a.example/x?y=1)."), "(<https://a.example/x?y=1>).");
        assert_eq!(escape_markdown("at:https://a.example, then"), "at:<https://a.example>, then");
        assert_eq!(escape_markdown("just https://"), "just https://");
    }

    #[test]
    fn description_comes_first_then_long_description_quick_info_and_other_captions() {
        let text = |description, label, quick_info, display_name| DocText {
            description,
            long_description: Some("Long."),
            label,
            quick_info,
            display_name,
        };
        assert_eq!(
            schema_paragraphs(text(Some("Desc."), Some("Label"), Some("Tip"), Some("Shown"))),
            ["Desc.", "Long.", "Tip", "Label: Label", "Display name: Shown"]
        );
        assert_eq!(schema_paragraphs(text(None, Some("Label"), Some("Tip"), None)), ["Label", "Long.", "Tip"]);
        assert_eq!(schema_paragraphs(text(None, None, None, Some("Shown"))), ["Shown", "Long."]);
        assert_eq!(schema_paragraphs(text(Some("Same"), Some("Same"), Some("Same"), None)), ["Same", "Long."]);
    }
}
