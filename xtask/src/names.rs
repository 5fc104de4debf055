//! Rust names for the naive model: PascalCase types and variants, snake_case fields and modules,
//! keywords and collisions handled so that every name compiles.
//!
//! The word splitting follows the emitter's rules (heck on the name with non-identifier characters as
//! word breaks), so the naive model's type names match the generated ones in the common case; the
//! payload benchmark still looks the generated names up in the generated source.

use std::collections::HashSet;

use heck::ToSnakeCase;

/// Rust 2024 strict and reserved keywords.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` does not compile).
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "crate", "super"];

/// Names the naive model uses unqualified: a type named so would shadow them.
const PRELUDE_NAMES: &[&str] = &["Box", "None", "Option", "Some", "String", "Vec"];

/// Crate names the naive model uses in paths: a module named so would make them ambiguous.
const CRATE_NAMES: &[&str] = &["core", "serde", "serde_json", "std"];

/// The lowercase words of a CSDL name: ASCII non-alphanumerics break words, other characters become
/// words of their own (`u` and the hex code), so the result is ASCII and distinct names stay distinct.
fn words(csdl: &str) -> Vec<String> {
    let mut cleaned = String::with_capacity(csdl.len());
    for c in csdl.chars() {
        if c.is_ascii_alphanumeric() {
            cleaned.push(c);
        } else if c.is_ascii() {
            cleaned.push(' ');
        } else {
            cleaned.push_str(&format!(" u{:04x} ", u32::from(c)));
        }
    }
    cleaned.to_snake_case().split('_').filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// `_` in front of a leading digit.
fn digit_prefix(ident: String) -> String {
    if ident.starts_with(|c: char| c.is_ascii_digit()) { format!("_{ident}") } else { ident }
}

/// The PascalCase form of a CSDL name (`_` between two digits, so `v1.0` and `v10` differ).
pub fn pascal(csdl: &str) -> String {
    let mut out = String::new();
    for word in words(csdl) {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { continue };
        if out.ends_with(|c: char| c.is_ascii_digit()) && first.is_ascii_digit() {
            out.push('_');
        }
        out.push(first.to_ascii_uppercase());
        out.extend(chars);
    }
    if out.is_empty() { "Unnamed".to_owned() } else { digit_prefix(out) }
}

/// The snake_case form of a CSDL name, before keyword handling.
fn snake(csdl: &str) -> String {
    let joined = words(csdl).join("_");
    if joined.is_empty() { "unnamed".to_owned() } else { digit_prefix(joined) }
}

/// What a name is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A struct or enum: PascalCase, never `Self` or a prelude name.
    Type,
    /// An enum variant: PascalCase, never `Self`.
    Variant,
    /// A struct field: snake_case, raw identifiers for keywords (`self_` for the four that cannot be raw).
    Field,
    /// A module: snake_case, `_` suffix for keywords and crate names.
    Module,
}

/// The Rust name for `csdl` by the rules of `kind`, before collision handling.
fn base_name(kind: Kind, csdl: &str) -> String {
    match kind {
        Kind::Type | Kind::Variant => {
            let name = pascal(csdl);
            let owned = name == "Self" || (kind == Kind::Type && PRELUDE_NAMES.contains(&name.as_str()));
            if owned { name + "Type" } else { name }
        }
        Kind::Field | Kind::Module => {
            let name = snake(csdl);
            let keyword = KEYWORDS.contains(&name.as_str());
            if NON_RAW_KEYWORDS.contains(&name.as_str())
                || (kind == Kind::Module && (keyword || CRATE_NAMES.contains(&name.as_str())))
            {
                name + "_"
            } else if keyword {
                format!("r#{name}")
            } else {
                name
            }
        }
    }
}

/// The names given so far in one scope (a module's types, a struct's fields, an enum's variants).
#[derive(Debug)]
pub struct Scope {
    kind: Kind,
    taken: HashSet<String>,
}

impl Scope {
    /// An empty scope for names of `kind`, with `reserved` names already taken.
    pub fn new(kind: Kind, reserved: &[&str]) -> Scope {
        Scope { kind, taken: reserved.iter().map(|s| (*s).to_owned()).collect() }
    }

    /// A unique name for `csdl` in this scope: the base name, or it with a number.
    pub fn assign(&mut self, csdl: &str) -> String {
        let base = base_name(self.kind, csdl);
        let mut name = base.clone();
        let mut number = 2;
        while self.taken.contains(unraw(&name)) {
            name = match self.kind {
                Kind::Type | Kind::Variant => format!("{}{number}", unraw(&base)),
                Kind::Field | Kind::Module => format!("{}_{number}", unraw(&base)),
            };
            number += 1;
        }
        self.taken.insert(unraw(&name).to_owned());
        name
    }
}

/// The identifier without `r#`: the name serde derives for it.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_rules() {
        let mut fields = Scope::new(Kind::Field, &["additional"]);
        assert_eq!(fields.assign("displayName"), "display_name");
        assert_eq!(fields.assign("display_name"), "display_name_2");
        assert_eq!(fields.assign("type"), "r#type");
        assert_eq!(fields.assign("self"), "self_");
        assert_eq!(fields.assign("additional"), "additional_2");
        assert_eq!(fields.assign("request-id"), "request_id");
        assert_eq!(fields.assign("@odata.type"), "odata_type");
        let mut types = Scope::new(Kind::Type, &[]);
        assert_eq!(types.assign("identityApiConnector"), "IdentityApiConnector");
        assert_eq!(types.assign("option"), "OptionType");
        assert_eq!(types.assign("self"), "SelfType");
        let mut modules = Scope::new(Kind::Module, &[]);
        assert_eq!(modules.assign("callRecords"), "call_records");
        assert_eq!(modules.assign("self"), "self_");
        assert_eq!(modules.assign("std"), "std_");
        assert_eq!(Scope::new(Kind::Variant, &[]).assign("Self"), "SelfType");
    }
}
