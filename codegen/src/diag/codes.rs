//! The stable codes of diagnostics: one per kind of problem, shown as `warning[code]` and named by allow
//! lists (`Builder::allow`, `allow = [...]` in the config file, `--allow` on the command line) to
//! silence a kind of warning. Codes never change meaning; new kinds get new codes.

macro_rules! codes {
    ($($(#[doc = $doc:literal])+ $name:ident = $code:literal;)+) => {
        $($(#[doc = $doc])+ pub const $name: &str = $code;)+

        /// Every code with its one-line description, in the order of this module.
        pub const ALL: &[(&str, &str)] = &[$(($code, concat!($($doc),+))),+];
    };
}

codes! {
    /// The file is not UTF-8.
    ENCODING = "encoding";
    /// The file is not well-formed XML.
    XML_SYNTAX = "xml-syntax";
    /// The file is OData V2/V3 (EDMX 1.0) or another unsupported CSDL version.
    UNSUPPORTED_VERSION = "unsupported-version";
    /// An element is where CSDL does not allow it, or a required child is missing.
    DOCUMENT_STRUCTURE = "document-structure";
    /// An element CSDL does not define; it is ignored.
    UNKNOWN_ELEMENT = "unknown-element";
    /// An attribute CSDL does not define; it is ignored.
    UNKNOWN_ATTRIBUTE = "unknown-attribute";
    /// Content with no meaning where it stands (text, annotations of a reference); it is ignored.
    IGNORED_CONTENT = "ignored-content";
    /// A required attribute is missing.
    MISSING_ATTRIBUTE = "missing-attribute";
    /// An attribute value that cannot be read (not a boolean, integer, facet value, ...).
    INVALID_VALUE = "invalid-value";
    /// A value outside the spec that peers accept (`True`, `Max`, a name with a trailing space); read as
    /// the evident intent.
    LENIENT_VALUE = "lenient-value";
    /// An annotation expression that is malformed.
    INVALID_EXPRESSION = "invalid-expression";
    /// A name that is not a CSDL simple or qualified identifier.
    INVALID_NAME = "invalid-name";
    /// Two elements with the same name where names must be unique.
    DUPLICATE_NAME = "duplicate-name";
    /// A namespace or alias that CSDL reserves (`Edm`, `odata`, `System`, `Transient`).
    RESERVED_NAME = "reserved-name";
    /// An alias that is ambiguous or clashes with a namespace.
    ALIAS = "alias";
    /// A type reference names a type that no loaded document declares; it is typed as untyped JSON.
    UNKNOWN_TYPE = "unknown-type";
    /// A type reference into an `<edmx:Reference>` whose document was not loaded; it is left unchecked.
    UNLOADED_REFERENCE = "unloaded-reference";
    /// A reference that must name a type names something else, or a type of the wrong kind.
    NOT_A_TYPE = "not-a-type";
    /// A base type that is missing, of another kind, or part of a cycle.
    BASE_TYPE = "base-type";
    /// A derived entity type declares a key although its base type has one.
    DERIVED_KEY = "derived-key";
    /// An entity type without a key (and not abstract).
    MISSING_KEY = "missing-key";
    /// A key property that is missing, nullable, or of a type that cannot be in a URL.
    KEY_PROPERTY = "key-property";
    /// A derived type re-declares a property of its base type.
    REDECLARED_PROPERTY = "redeclared-property";
    /// An enum member value that is missing, out of range or mixed with implicit values.
    ENUM_VALUE = "enum-value";
    /// An action or function overload that cannot be told from another.
    OVERLOAD = "overload";
    /// An action or function whose shape CSDL does not allow (a function without return type, a bound
    /// operation without parameters).
    OPERATION_SHAPE = "operation-shape";
    /// An annotation whose term no loaded document declares.
    UNKNOWN_TERM = "unknown-term";
    /// An annotation target that names nothing.
    ANNOTATION_TARGET = "annotation-target";
    /// The same term applied twice to one element.
    DUPLICATE_ANNOTATION = "duplicate-annotation";
    /// An entity container member that names a missing set, container, action or function.
    CONTAINER_REFERENCE = "container-reference";
    /// A CSDL name that needs a different Rust name because another name took it.
    NAME_COLLISION = "name-collision";
    /// An include or exclude root that names nothing.
    SELECTION = "selection";
    /// A problem in the configuration (Builder settings or `odata-codegen.toml`).
    CONFIG = "config";
    /// A file that cannot be read or written.
    IO = "io";
}

/// Whether `code` is one of [`ALL`].
pub fn is_known(code: &str) -> bool {
    ALL.iter().any(|(known, _)| *known == code)
}

/// The message for an allow-list entry that is not a code: with the nearest codes, or the list.
pub fn unknown_code_message(code: &str) -> String {
    let near: Vec<&str> = ALL
        .iter()
        .map(|(known, _)| *known)
        .filter(|known| known.contains(code) || code.contains(known) || shares_a_word(known, code))
        .collect();
    if near.is_empty() {
        let all: Vec<&str> = ALL.iter().map(|(known, _)| *known).collect();
        format!("`{code}` is not a diagnostic code; the codes are: {}", all.join(", "))
    } else {
        format!("`{code}` is not a diagnostic code; did you mean {}?", near.join(" or "))
    }
}

fn shares_a_word(a: &str, b: &str) -> bool {
    a.split('-').any(|word| word.len() > 3 && b.split(['-', '_', ' ']).any(|other| other.eq_ignore_ascii_case(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_described() {
        let mut seen = std::collections::HashSet::new();
        for (code, description) in ALL {
            assert!(seen.insert(*code), "`{code}` twice");
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "`{code}`");
            assert!(description.trim().ends_with('.'), "`{code}`: {description}");
        }
    }

    #[test]
    fn unknown_codes_get_suggestions() {
        assert_eq!(
            unknown_code_message("derived_key"),
            "`derived_key` is not a diagnostic code; did you mean derived-key?"
        );
        assert!(unknown_code_message("zzz").contains("the codes are: encoding, xml-syntax"));
        assert!(is_known("unknown-type") && !is_known("unknown"));
    }
}
