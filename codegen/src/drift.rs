//! How generated files differ from what is on disk: which files were added, removed or changed, and in
//! changed files which top-level items (structs, enums, impls, ... also inside inline modules). Items are
//! compared by name and token text (parsed with syn), so formatting-only edits show up as a changed
//! file without changed items.

use std::collections::BTreeMap;
use std::fmt;

use crate::emit::GeneratedFile;
use crate::files::{ExistingFile, token_text};

/// How one file or item changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Generated, not on disk.
    Added,
    /// On disk, no longer generated.
    Removed,
    /// On both, different.
    Changed,
}

impl Change {
    fn word(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// One changed item: e.g. `struct IdentityApiConnector` or `impl EntityType for IdentityApiConnector`,
/// prefixed with its inline module path in single-file outputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemChange {
    /// Added, removed or changed.
    pub change: Change,
    /// The item's kind and name.
    pub item: String,
}

/// One file that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDrift {
    /// Path relative to the output directory.
    pub path: String,
    /// Added (missing on disk), removed (on disk, not generated) or changed.
    pub change: Change,
    /// The items that differ (for a changed file; empty when only comments or formatting differ, or
    /// when the file on disk is not Rust).
    pub items: Vec<ItemChange>,
    /// Why items could not be compared (the file on disk does not parse).
    pub note: Option<String>,
}

/// Every difference between generated files and the files on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// The files that differ, in path order.
    pub files: Vec<FileDrift>,
}

impl Drift {
    /// Compares the files on disk (`before`) with freshly `generated` ones.
    pub fn compare(before: &[ExistingFile], generated: &[GeneratedFile]) -> Drift {
        let mut paths: BTreeMap<&str, (Option<&str>, Option<&str>)> = BTreeMap::new();
        for file in before {
            paths.entry(&file.path).or_default().0 = Some(&file.contents);
        }
        for file in generated {
            paths.entry(&file.path).or_default().1 = Some(&file.contents);
        }
        let mut files = Vec::new();
        for (path, sides) in paths {
            let (change, items, note) = match sides {
                // A new file is summarized by its top-level lines, without parsing it: generated files
                // put every item's first line at column 0.
                (None, Some(new)) => (Change::Added, all(scan_items(new), Change::Added), None),
                (Some(old), None) => {
                    (Change::Removed, Vec::new(), (!old.is_empty()).then(|| "not generated".to_owned()))
                }
                (Some(old), Some(new)) if old != new => match (items_of(old), items_of(new)) {
                    (Ok(old), Ok(new)) => (Change::Changed, diff_items(&old, &new), None),
                    (Err(err), _) | (_, Err(err)) => (Change::Changed, Vec::new(), Some(err)),
                },
                _ => continue,
            };
            files.push(FileDrift { path: path.to_owned(), change, items, note });
        }
        Drift { files }
    }

    /// Whether everything is equal.
    pub fn is_clean(&self) -> bool {
        self.files.is_empty()
    }

    /// A short review of the changes: per file a line, then per kind of change the names of the changed
    /// types (up to `limit`) and the number of impls and macro calls, e.g.
    /// `graph.rs: changed` / `    added: struct FooUpdate, enum AnyFooUpdate and 6 impls`.
    pub fn summary(&self, limit: usize) -> String {
        let mut out = String::new();
        for file in &self.files {
            if file.change == Change::Added {
                let impls = file.items.iter().filter(|i| is_impl(&i.item)).count();
                let items = file.items.len() - impls;
                out.push_str(&format!(
                    "{}: new file ({}, {})\n",
                    file.path,
                    plural(items, "item"),
                    plural(impls, "impl")
                ));
                continue;
            }
            out.push_str(&format!("{}: {}", file.path, file.change.word()));
            if let Some(note) = &file.note {
                out.push_str(&format!(" ({note})"));
            } else if file.change == Change::Changed && file.items.is_empty() {
                out.push_str(" (comments or formatting only)");
            }
            out.push('\n');
            for change in [Change::Added, Change::Removed, Change::Changed] {
                let items: Vec<&str> =
                    file.items.iter().filter(|i| i.change == change).map(|i| i.item.as_str()).collect();
                let (impls, types): (Vec<&str>, Vec<&str>) = items.iter().partition(|i| is_impl(i));
                if items.is_empty() {
                    continue;
                }
                let mut parts: Vec<String> = types.iter().take(limit).map(|t| (*t).to_owned()).collect();
                if types.len() > limit {
                    parts.push(format!("{} more", types.len() - limit));
                }
                if !impls.is_empty() {
                    parts.push(plural(impls.len(), "impl"));
                }
                out.push_str(&format!("    {}: {}\n", change.word(), parts.join(", ")));
            }
        }
        out
    }
}

impl fmt::Display for Drift {
    /// Every file and every item that differs, one per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            let what = match (file.change, &file.note) {
                (Change::Added, _) => "missing (the generator makes it)",
                (Change::Removed, _) => "not generated (an extra file)",
                (Change::Changed, Some(_)) => "changed, and does not parse as Rust",
                (Change::Changed, None) if file.items.is_empty() => "changed (comments or formatting only)",
                (Change::Changed, None) => "changed",
            };
            writeln!(f, "{}: {what}", file.path)?;
            if file.change == Change::Changed {
                for item in &file.items {
                    let word = match item.change {
                        Change::Added => "missing",
                        Change::Removed => "extra",
                        Change::Changed => "differs",
                    };
                    writeln!(f, "    {word:<8} {}", item.item)?;
                }
            }
        }
        Ok(())
    }
}

/// Trait impls and macro calls: named after the types they serve, left out of review lists.
fn is_impl(item: &str) -> bool {
    item.starts_with("impl ") || item.starts_with("macro ")
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

fn all(items: Vec<(String, String)>, change: Change) -> Vec<ItemChange> {
    items.into_iter().map(|(item, _)| ItemChange { change, item }).collect()
}

/// Items added (in `new` only), removed (in `old` only) and changed, in `new`'s order then removed ones.
fn diff_items(old: &[(String, String)], new: &[(String, String)]) -> Vec<ItemChange> {
    let old_map: BTreeMap<&str, &str> = old.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let new_map: BTreeMap<&str, &str> = new.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut changes = Vec::new();
    for (name, tokens) in new {
        match old_map.get(name.as_str()) {
            None => changes.push(ItemChange { change: Change::Added, item: name.clone() }),
            Some(old) if old != tokens => changes.push(ItemChange { change: Change::Changed, item: name.clone() }),
            Some(_) => {}
        }
    }
    for (name, _) in old {
        if !new_map.contains_key(name.as_str()) {
            changes.push(ItemChange { change: Change::Removed, item: name.clone() });
        }
    }
    changes
}

/// The items of a Rust file as (kind and name, token text), inline modules flattened with a path prefix.
fn items_of(text: &str) -> Result<Vec<(String, String)>, String> {
    let file = syn::parse_file(text).map_err(|err| format!("does not parse as Rust: {err}"))?;
    let mut out = Vec::new();
    collect(&file.items, "", &mut out);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (name, _) in &mut out {
        let count = seen.entry(name.clone()).or_default();
        *count += 1;
        if *count > 1 {
            name.push_str(&format!(" #{count}"));
        }
    }
    Ok(out)
}

fn collect(items: &[syn::Item], prefix: &str, out: &mut Vec<(String, String)>) {
    for item in items {
        if let syn::Item::Mod(module) = item
            && let Some((_, content)) = &module.content
        {
            collect(content, &format!("{prefix}{}::", module.ident), out);
            let attrs: Vec<String> = module.attrs.iter().map(token_text).collect();
            out.push((format!("mod {prefix}{}", module.ident), attrs.join(" ")));
            continue;
        }
        out.push((name_of(item, prefix), token_text(item)));
    }
}

/// `struct Foo` (also one a `record!` call defines), `enum AnyFoo`, `impl EntityType for Foo`, `impl any! for AnyFoo`, ...
fn name_of(item: &syn::Item, prefix: &str) -> String {
    let named = |kind: &str, ident: &syn::Ident| format!("{kind} {prefix}{ident}");
    match item {
        syn::Item::Struct(i) => named("struct", &i.ident),
        syn::Item::Enum(i) => named("enum", &i.ident),
        syn::Item::Type(i) => named("type", &i.ident),
        syn::Item::Const(i) => named("const", &i.ident),
        syn::Item::Static(i) => named("static", &i.ident),
        syn::Item::Fn(i) => named("fn", &i.sig.ident),
        syn::Item::Trait(i) => named("trait", &i.ident),
        syn::Item::Union(i) => named("union", &i.ident),
        syn::Item::Mod(i) => named("mod", &i.ident),
        syn::Item::Use(i) => format!("use {}", compact(&token_text(&i.tree))),
        syn::Item::Impl(i) => {
            let target = last_segment(&i.self_ty);
            match &i.trait_ {
                Some((path, _)) => {
                    let name = path.segments.last().map_or_else(String::new, |s| s.ident.to_string());
                    format!("impl {name} for {prefix}{target}")
                }
                None => format!("impl {prefix}{target}"),
            }
        }
        syn::Item::Macro(i) => {
            let name = i.mac.path.segments.last().map_or_else(String::new, |s| s.ident.to_string());
            match table_macro_subject(&name, &i.mac.tokens) {
                Some((true, subject)) => format!("struct {prefix}{subject}"),
                Some((false, subject)) => format!("impl {name}! for {prefix}{subject}"),
                None => format!("macro {prefix}{name}!({})", compact(&i.mac.tokens.to_string())),
            }
        }
        other => format!("item {prefix}{}", compact(&token_text(other)).chars().take(60).collect::<String>()),
    }
}

/// The names of the top-level items of a generated file, from the lines that start them (no parse):
/// `struct Foo` for structs (also those a `record!` call defines), `impl ...` for impls and the
/// runtime's other macro calls.
fn scan_items(text: &str) -> Vec<(String, String)> {
    let mut items = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let mut words: Vec<&str> = line.split_whitespace().take(3).collect();
        if words.first().is_some_and(|w| w.starts_with("pub")) && !line.starts_with(' ') {
            words.remove(0);
        }
        let name = |at: usize| words.get(at).map_or("", |w| w.trim_end_matches(['{', '(', ';', ':', '<']));
        let item = match words.first().copied() {
            Some(kind @ ("struct" | "enum" | "type" | "union" | "trait" | "const" | "static" | "fn" | "mod"))
                if !line.starts_with(' ') =>
            {
                format!("{kind} {}", name(1))
            }
            Some("impl") | Some("impl<'de>") => line.trim_end_matches(['{', ' ']).to_owned(),
            Some(call) if call.starts_with("::odata_runtime::") && call.ends_with('!') => {
                let macro_name = call.trim_start_matches("::odata_runtime::").trim_end_matches('!');
                if matches!(macro_name, "record" | "write_model") {
                    // The struct line follows the docs and attributes inside the call.
                    let defined = lines.by_ref().find_map(|inner| {
                        let inner = inner.trim_start();
                        inner.strip_prefix("pub struct ").and_then(|rest| rest.split_whitespace().next())
                    });
                    format!("struct {}", defined.unwrap_or(""))
                } else {
                    format!("impl {macro_name}!")
                }
            }
            _ => continue,
        };
        items.push((item, String::new()));
    }
    items
}

/// What a call of one of the runtime's table macros is about: `(true, name)` for the struct that
/// `record!` and `write_model!` define, `(false, name)` for the type whose impls the others write.
fn table_macro_subject(name: &str, tokens: &proc_macro2::TokenStream) -> Option<(bool, String)> {
    let mut idents = tokens.clone().into_iter().filter_map(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => Some(ident.to_string()),
        _ => None,
    });
    match name {
        "record" | "write_model" => {
            idents.by_ref().find(|ident| ident == "struct")?;
            Some((true, idents.next()?))
        }
        "any" | "any_write_model" | "open_enum" | "flags" | "boxed" => Some((false, idents.next()?)),
        _ => None,
    }
}

/// The last path segment of a type (`super::graph::Foo<T>` → `Foo`), or its token text.
fn last_segment(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map_or_else(String::new, |s| s.ident.to_string()),
        other => compact(&token_text(other)),
    }
}

/// Token text without the spaces `to_string` puts between tokens.
fn compact(text: &str) -> String {
    text.replace(" :: ", "::").replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: path.into(), contents: contents.into(), namespace: None }
    }

    fn existing(path: &str, contents: &str) -> ExistingFile {
        ExistingFile { path: path.into(), contents: contents.into() }
    }

    #[test]
    fn names_files_and_items_that_differ() {
        let new = "/// A\npub struct A { x: i32 }\nimpl ::x::Structured for A {}\npub enum B { X }\nx::m!(A);\n";
        let old = "/// A\npub struct A { x: i64 }\nimpl ::x::Structured for A {}\npub type C = i32;\nx::m!(A);\n";
        let drift = Drift::compare(
            &[existing("a.rs", old), existing("same.rs", "x"), existing("extra.rs", "y")],
            &[generated("a.rs", new), generated("same.rs", "x"), generated("new.rs", "struct N;")],
        );
        let text = drift.to_string();
        assert_eq!(
            text,
            "a.rs: changed\n    differs  struct A\n    missing  enum B\n    extra    type C\n\
             extra.rs: not generated (an extra file)\nnew.rs: missing (the generator makes it)\n",
        );
        let summary = drift.summary(5);
        assert!(
            summary.starts_with("a.rs: changed\n    added: enum B\n    removed: type C\n    changed: struct A\n"),
            "{summary}"
        );
        assert!(summary.contains("new.rs: new file (1 item, 0 impls)\n"), "{summary}");
        let old = [existing("m.rs", "")];
        let many = Drift::compare(&old, &[generated("m.rs", "struct A; struct B; struct C; impl A {} impl B {}")]);
        assert_eq!(many.summary(2), "m.rs: changed\n    added: struct A, struct B, 1 more, 2 impls\n");
    }

    #[test]
    fn formatting_only_and_unparsable_files_say_so() {
        let drift = Drift::compare(&[existing("a.rs", "struct A;")], &[generated("a.rs", "struct  A ;")]);
        assert_eq!(drift.to_string(), "a.rs: changed (comments or formatting only)\n");
        let drift = Drift::compare(&[existing("a.rs", "struct A {")], &[generated("a.rs", "struct A;")]);
        assert_eq!(drift.to_string(), "a.rs: changed, and does not parse as Rust\n");
        let nested = "pub mod m { pub struct A; pub struct B(i32); }";
        let drift = Drift::compare(&[existing("x.rs", nested)], &[generated("x.rs", "pub mod m { pub struct A; }")]);
        assert_eq!(drift.to_string(), "x.rs: changed\n    extra    struct m::B\n");
    }
}
