//! Doc comments and deprecations from vocabulary annotations: `Core.Description` and
//! `Core.LongDescription` become `///` lines, `Core.Revisions` with kind `Deprecated` becomes
//! `#[deprecated]`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::csdl::{Expr, ExprKind};
use crate::model::{CORE_NAMESPACE, Model, Target, TypeKind, member_index};
use crate::select::Selection;

/// `#[doc]` attributes for `target`: its descriptions, then `extra` lines (e.g. the qualified name).
pub(super) fn doc_attrs(model: &Model<'_>, target: Target, extra: &[String]) -> TokenStream {
    attrs(&doc_lines(model, target, extra))
}

/// The doc lines of `target`: its descriptions, then `extra` paragraphs, escaped for rustdoc.
pub(super) fn doc_lines(model: &Model<'_>, target: Target, extra: &[String]) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    paragraphs.extend(model.description(target).map(str::to_owned));
    paragraphs.extend(model.long_description(target).map(str::to_owned));
    paragraphs.extend(extra.iter().cloned());
    lines(&paragraphs, escape_markdown)
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
        lines.extend(paragraph.trim().lines().map(|line| escape(line.trim_end())));
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

/// Keeps text from the schema from being read as Markdown links or HTML by rustdoc.
fn escape_markdown(line: &str) -> String {
    line.replace('[', "\\[").replace(']', "\\]").replace('<', "&lt;").replace('>', "&gt;")
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
