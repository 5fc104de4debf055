//! Name resolution: type expressions (`Collection(ns.T)`), qualified names with aliases, and the
//! "did you mean" hints for names that do not resolve.

use crate::diag::codes;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Named, OperationId, Primitive, TypeRef, TypeTarget};
use crate::csdl::Text;
use crate::diag::{Diagnostic, Diagnostics, FileId};

/// Namespace → unqualified name → element (two levels so that lookups need no owned key).
pub(super) type NameTable<'a> = HashMap<&'a str, HashMap<&'a str, Named>>;

/// Namespace → operation name → overloads.
pub(super) type OperationTable<'a> = HashMap<&'a str, HashMap<&'a str, Vec<OperationId>>>;

/// The names visible in the model: declared elements, schema namespaces and aliases.
#[derive(Debug, Default)]
pub(super) struct Scope<'a> {
    /// Namespace → name → element.
    pub(super) names: NameTable<'a>,
    /// Namespace → operation name → overloads.
    pub(super) operations: OperationTable<'a>,
    /// Alias → namespace for aliases that mean one namespace in every document (schema aliases and
    /// `<edmx:Include>` aliases); what names outside any document (`--include Alias.Type`) may use.
    pub(super) aliases: HashMap<&'a str, &'a str>,
    /// (document, alias) → namespace: an alias is scoped to the document that declares it, so several
    /// documents can each call their own schema `Self`.
    pub(super) file_aliases: HashMap<(FileId, &'a str), &'a str>,
    /// Namespaces declared by a schema of the input.
    pub(super) namespaces: HashSet<&'a str>,
    /// Namespaces of `<edmx:Include>`s: documents referenced but not loaded.
    pub(super) included: HashSet<&'a str>,
    /// Lower-cased type name → the qualified names of the types so named, built on the first unknown
    /// type so that "did you mean" hints cost one pass over the names, not one per dangling reference.
    similar_types: std::cell::OnceCell<HashMap<String, Vec<String>>>,
}

/// How many similarly named types a hint lists before it says how many more there are.
const HINTS_SHOWN: usize = 3;

/// Whether `s` is a CSDL simple identifier (a letter or `_`, then letters, digits or `_`).
pub(super) fn is_simple_identifier(s: &str) -> bool {
    // One pass over ASCII bytes; the first non-ASCII byte hands over to the Unicode check.
    let bytes = s.as_bytes();
    match bytes.first() {
        Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
        Some(b) if !b.is_ascii() => return is_unicode_identifier(s),
        _ => return false,
    }
    for b in bytes {
        if !(b.is_ascii_alphanumeric() || *b == b'_') {
            return !b.is_ascii() && is_unicode_identifier(s);
        }
    }
    s.len() <= 511
}

fn is_unicode_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && s.len() <= 511
}

/// Whether `s` is a qualified name: dot-separated simple identifiers, at least two of them.
pub(super) fn is_qualified_name(s: &str) -> bool {
    s.contains('.') && s.split('.').all(is_simple_identifier)
}

/// Splits a type expression into (is collection, element type name), or says what is wrong.
pub(super) fn split_collection(text: &str) -> Result<(bool, &str), String> {
    if let Some(rest) = text.strip_prefix("Collection(") {
        let Some(inner) = rest.strip_suffix(')') else {
            return Err(format!("`{text}` is missing the closing `)` of `Collection(`"));
        };
        if inner.starts_with("Collection(") {
            return Err(format!("`{text}`: collections of collections are not allowed"));
        }
        if inner.is_empty() {
            return Err(format!("`{text}`: `Collection()` needs an element type"));
        }
        if !inner.contains('.') {
            return Err(format!("`{text}`: `{inner}` is not a qualified type name"));
        }
        return Ok((true, inner));
    }
    if text.eq_ignore_ascii_case("collection") || text.starts_with("Collection") && text.contains('(') {
        return Err(format!("`{text}` is not a valid type: write `Collection(Namespace.Type)`"));
    }
    if !text.contains('.') {
        return Err(format!(
            "`{text}` is not a qualified type name (expected `Namespace.Type` or `Collection(Namespace.Type)`)"
        ));
    }
    Ok((false, text))
}

impl<'a> Scope<'a> {
    /// `(namespace, name)` of a qualified name written in `file`, with an alias prefix replaced by its
    /// namespace (the aliases of `file` first, then those every document agrees on).
    pub(super) fn split(&self, file: FileId, qualified: &'a str) -> Option<(&'a str, &'a str)> {
        let (namespace, name) = qualified.rsplit_once('.')?;
        let namespace = self.file_aliases.get(&(file, namespace)).or_else(|| self.aliases.get(namespace));
        Some((namespace.copied().unwrap_or_else(|| qualified.rsplit_once('.').map_or("", |(ns, _)| ns)), name))
    }

    /// What a qualified name written in `file` refers to.
    pub(super) fn lookup(&self, file: FileId, qualified: &'a str) -> Option<&Named> {
        let (namespace, name) = self.split(file, qualified)?;
        self.get(namespace, name)
    }

    /// The element `name` of `namespace`.
    pub(super) fn get(&self, namespace: &str, name: &str) -> Option<&Named> {
        self.names.get(namespace)?.get(name)
    }

    /// The overloads of the operation `qualified` (empty when there is none).
    pub(super) fn operations_named(&self, file: FileId, qualified: &'a str) -> &[OperationId] {
        let Some((namespace, name)) = self.split(file, qualified) else { return &[] };
        self.operations.get(namespace).and_then(|names| names.get(name)).map_or(&[], Vec::as_slice)
    }

    /// Declares `name` in `namespace`.
    pub(super) fn insert(&mut self, namespace: &'a str, name: &'a str, named: Named) {
        self.names.entry(namespace).or_default().insert(name, named);
    }

    /// Resolves the type expression in `text` (a `Type`, `BaseType`, `UnderlyingType`, ... attribute).
    /// Unknown names are reported and come back as [`TypeTarget::Unresolved`].
    pub(super) fn resolve_type(&self, text: &'a Text<'a>, diags: &mut Diagnostics) -> TypeRef<'a> {
        let raw: &'a str = text.value.as_ref();
        let (collection, name) = match split_collection(raw) {
            Ok(split) => split,
            Err(message) => {
                diags.error(codes::INVALID_NAME, text.span, message);
                return TypeRef { collection: false, target: TypeTarget::Unresolved(raw) };
            }
        };
        let target = self.resolve_element_type(name, text, diags);
        TypeRef { collection, target }
    }

    fn resolve_element_type(&self, name: &'a str, text: &Text<'_>, diags: &mut Diagnostics) -> TypeTarget<'a> {
        let Some((namespace, local)) = self.split(text.span.file, name) else {
            return TypeTarget::Unresolved(name);
        };
        if namespace == "Edm" {
            return match Primitive::from_name(local) {
                Some(primitive) => TypeTarget::Primitive(primitive),
                None => {
                    diags.warning(codes::UNKNOWN_TYPE, text.span, format!("unknown primitive type `{name}`"));
                    TypeTarget::Unresolved(name)
                }
            };
        }
        match self.get(namespace, local) {
            Some(Named::Type(id)) => TypeTarget::Named(*id),
            Some(other) => {
                let what = match other {
                    Named::Term(_) => "a term",
                    Named::Container(_) => "an entity container",
                    Named::Type(_) => "a type",
                };
                diags.error(codes::NOT_A_TYPE, text.span, format!("`{name}` is {what}, not a type"));
                TypeTarget::Unresolved(name)
            }
            None if !self.operations_named(text.span.file, name).is_empty() => {
                diags.error(codes::NOT_A_TYPE, text.span, format!("`{name}` is an action or function, not a type"));
                TypeTarget::Unresolved(name)
            }
            None if self.included.contains(namespace) && !self.namespaces.contains(namespace) => {
                let message =
                    format!("type `{name}` is in a referenced document that was not loaded; it is left unchecked");
                diags.warning(codes::UNLOADED_REFERENCE, text.span, message);
                TypeTarget::Unresolved(name)
            }
            None if !is_qualified_name(name) => {
                diags.error(codes::INVALID_NAME, text.span, format!("`{name}` is not a qualified type name"));
                TypeTarget::Unresolved(name)
            }
            None => {
                diags.push(self.unknown_type(name, namespace, local, text));
                TypeTarget::Unresolved(name)
            }
        }
    }

    fn unknown_type(&self, name: &str, namespace: &str, local: &str, text: &Text<'_>) -> Diagnostic {
        let mut diag = Diagnostic::warning(codes::UNKNOWN_TYPE, text.span, format!("unknown type `{name}`"));
        if self.namespaces.contains(namespace) {
            diag = diag.with_note(format!("the schema `{namespace}` declares no type named `{local}`"));
        } else {
            diag = diag.with_note(format!("no schema or `<edmx:Include>` declares the namespace `{namespace}`"));
        }
        diag = diag.with_note("generated code types the value as `serde_json::Value`");
        let index = self.similar_types.get_or_init(|| {
            let mut index: HashMap<String, Vec<String>> = HashMap::default();
            for (ns, names) in &self.names {
                for (name, named) in names {
                    if matches!(named, Named::Type(_)) {
                        index.entry(name.to_lowercase()).or_default().push(format!("`{ns}.{name}`"));
                    }
                }
            }
            for similar in index.values_mut() {
                similar.sort();
            }
            index
        });
        if let Some(similar) = index.get(&local.to_lowercase()) {
            let shown = similar.iter().take(HINTS_SHOWN).cloned().collect::<Vec<_>>().join(", ");
            let more = match similar.len().saturating_sub(HINTS_SHOWN) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            diag = diag.with_note(format!("help: a type with a similar name exists: {shown}{more}"));
        }
        diag
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_syntax() {
        assert_eq!(split_collection("Collection(ns.T)"), Ok((true, "ns.T")));
        assert_eq!(split_collection("ns.T"), Ok((false, "ns.T")));
        assert!(split_collection("Collection(ns.T").is_err());
        assert!(split_collection("Collection()").is_err());
        assert!(split_collection("Collection(Collection(ns.T))").is_err());
        assert!(split_collection("T").is_err());
        assert!(!is_qualified_name("ns..T"), "checked when the lookup fails");
        assert!(!is_qualified_name("Collection[ns.T]"));
    }

    #[test]
    fn identifiers() {
        assert!(is_simple_identifier("_a1"));
        assert!(is_simple_identifier("café"));
        assert!(!is_simple_identifier("1a"));
        assert!(!is_simple_identifier("a-b"));
        assert!(!is_simple_identifier(""));
    }
}
