//! Every Rust name the emitter writes is decided here, from the CSDL name, by these rules:
//!
//! - **Words.** [`heck`] splits a CSDL name into lowercase words (`oAuth2ClientCredential` →
//!   `o auth2 client credential`). Before that, ASCII characters that cannot be in an identifier
//!   (`@`, `.`, `-`, spaces...) become word breaks and every non-ASCII character becomes a word of its
//!   own, `u` and its hex code (`café` → `caf u00e9`), so the output is plain ASCII and two different
//!   names stay different. A name with no words left (``, `@#!`) is `unnamed` / `Unnamed`.
//! - **Case.** Types and enum variants are PascalCase (the words capitalised and joined, with `_`
//!   only between two digits: `v1.0` → `V1_0`); fields and modules are snake_case. So
//!   `identityApiConnector` → `IdentityApiConnector`, `oAuth2ClientCredential` → `OAuth2ClientCredential`,
//!   `ID` → `Id`, `iOSDevice` → `IOsDevice`, `displayName` → `display_name`, `request-id` → `request_id`.
//!   Word splitting is heck's and pinned with it, so the same input gives the same name on every run.
//! - **Leading digit.** `_` is put in front: `2fa` → `_2fa` (field), `_2fa` (type); the rustc case
//!   lints accept both.
//! - **Keywords** (Rust 2024 strict and reserved, [`KEYWORDS`]). Fields become raw identifiers
//!   (`type` → `r#type`, `gen` → `r#gen`), except `self`, `crate` and `super`, which cannot be raw and
//!   get a `_` suffix (`self_`). Modules always take the `_` suffix (`type_`), since module names also
//!   become file names, and so do extern crate names generated code uses ([`EXTERN_CRATE_NAMES`]:
//!   `core` → `core_`). A type or variant can only meet `Self`: `SelfType`, `SelfMember`.
//! - **Prelude.** A type named like a prelude or serde item generated code relies on
//!   ([`PRELUDE_NAMES`]: `Option`, `Some`, `Result`, `Vec`, `String`, `Box`, `Default`, `Serialize`...)
//!   gets the suffix `Type` (`option` → `OptionType`), so it never shadows the real one.
//! - **Collisions** ([`NameScope`]). The emitter reserves its own names first (the catch-all variant
//!   `Unknown`, the additional-data field...). CSDL names are then assigned in declaration order: one
//!   that wants a reserved name gets the kind's suffix word ([`NameKind::suffix`]: `unknown` →
//!   `UnknownMember`), one that wants a name an earlier CSDL name holds gets a number (`displayName`,
//!   then `display_name` → `display_name_2`; `2` with no `_` in PascalCase unless the name ends in a
//!   digit). Each such rename is recorded as a [`Collision`] for the emitter to report.
//! - **Serde.** [`RustName::renamed`] tells when the name serde derives from the identifier (`r#`
//!   stripped, as serde_derive does) differs from the CSDL name, i.e. when `#[serde(rename)]` is needed.
//!
//! Nothing here panics or depends on hash order; every result is a valid identifier.

use std::fmt;

use heck::ToSnakeCase;
use proc_macro2::{Ident, Span};
use rustc_hash::FxHashMap as HashMap;

/// Rust 2024 strict and reserved keywords: never usable as plain identifiers.
pub const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers either (`r#self` does not compile).
pub const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "crate", "super"];

/// Names generated code uses unqualified (the std prelude and serde's traits): types named so are renamed.
#[rustfmt::skip]
pub const PRELUDE_NAMES: &[&str] = &[
    "AsMut", "AsRef", "AsyncFn", "AsyncFnMut", "AsyncFnOnce", "Box", "Clone", "Copy", "Default", "Deserialize",
    "Deserializer", "DoubleEndedIterator", "Drop", "Eq", "Err", "ExactSizeIterator", "Extend", "Fn", "FnMut",
    "FnOnce", "From", "FromIterator", "Future", "Into", "IntoFuture", "IntoIterator", "Iterator", "None", "Ok",
    "Option", "Ord", "PartialEq", "PartialOrd", "Result", "Send", "Serialize", "Serializer", "Sized", "Some",
    "String", "Sync", "ToOwned", "ToString", "TryFrom", "TryInto", "Unpin", "Vec",
];

/// Crates generated code names by path: a module named so would make those paths ambiguous.
pub const EXTERN_CRATE_NAMES: &[&str] = &["alloc", "core", "serde", "serde_json", "std"];

/// What a name is for: decides its case, keyword handling and collision suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// A struct or enum (PascalCase).
    Type,
    /// An enum variant (PascalCase).
    Variant,
    /// A struct field, function or parameter (snake_case, raw identifiers for keywords).
    Field,
    /// A module (snake_case, `_` suffix for keywords).
    Module,
    /// An associated constant (SCREAMING_SNAKE_CASE), e.g. an entity set of a container.
    Constant,
}

impl NameKind {
    /// The Rust name for `csdl` by the rules of this kind, before any collision handling.
    pub fn name(self, csdl: &str) -> RustName {
        let words = words(csdl);
        let ident = match self {
            NameKind::Type | NameKind::Variant => self.fix_pascal(pascal(&words)),
            NameKind::Field | NameKind::Module => self.fix_snake(words.join("_")),
            // Upper-case names are never keywords (`SELF` is not `self`).
            NameKind::Constant if words.is_empty() => "UNNAMED".to_owned(),
            NameKind::Constant => digit_prefix(words.join("_")).to_ascii_uppercase(),
        };
        RustName::new(ident, csdl)
    }

    /// The word appended to a name that wants one the emitter reserved: `Type`, `Member`,
    /// `_property`, `_module`.
    pub fn suffix(self) -> &'static str {
        match self {
            NameKind::Type => "Type",
            NameKind::Variant => "Member",
            NameKind::Field => "_property",
            NameKind::Module => "_module",
            NameKind::Constant => "_SET",
        }
    }

    fn fix_pascal(self, ident: String) -> String {
        let ident = if ident.is_empty() { "Unnamed".to_owned() } else { digit_prefix(ident) };
        let owned = ident == "Self" || (self == NameKind::Type && PRELUDE_NAMES.contains(&ident.as_str()));
        if owned { ident + self.suffix() } else { ident }
    }

    fn fix_snake(self, ident: String) -> String {
        let ident = if ident.is_empty() { "unnamed".to_owned() } else { digit_prefix(ident) };
        let keyword = KEYWORDS.contains(&ident.as_str());
        match self {
            NameKind::Module if keyword || EXTERN_CRATE_NAMES.contains(&ident.as_str()) => ident + "_",
            _ if NON_RAW_KEYWORDS.contains(&ident.as_str()) => ident + "_",
            _ if keyword => format!("r#{ident}"),
            _ => ident,
        }
    }
}

/// The Rust name of a type (struct or enum) named `csdl`: `identityApiConnector` → `IdentityApiConnector`.
pub fn type_name(csdl: &str) -> RustName {
    NameKind::Type.name(csdl)
}

/// The Rust name of an enum variant for the member `csdl`: `unknownFutureValue` → `UnknownFutureValue`.
pub fn variant_name(csdl: &str) -> RustName {
    NameKind::Variant.name(csdl)
}

/// The Rust name of a field, function or parameter named `csdl`: `displayName` → `display_name`.
pub fn field_name(csdl: &str) -> RustName {
    NameKind::Field.name(csdl)
}

/// The Rust name of a module for one namespace segment: `industryData` → `industry_data`.
pub fn module_name(segment: &str) -> RustName {
    NameKind::Module.name(segment)
}

/// The associated constant naming a read model's member (an `odata_runtime::member::Member`): its
/// field name in upper case (`display_name` → `DISPLAY_NAME`, `r#type` → `TYPE`). Field names of one
/// struct are unique and hold no ASCII upper case, so the constants are unique too.
pub fn member_constant(field_ident: &str) -> String {
    unraw(field_ident).to_ascii_uppercase()
}

/// A Rust identifier chosen for a CSDL name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RustName {
    /// The identifier as written in code, e.g. `display_name` or `r#type`.
    pub ident: String,
    /// Whether the name serde derives from `ident` differs from the CSDL name (`#[serde(rename)]` needed).
    pub renamed: bool,
}

impl RustName {
    fn new(ident: String, csdl: &str) -> RustName {
        let renamed = unraw(&ident) != csdl;
        RustName { ident, renamed }
    }

    /// The identifier without a leading `r#`: the name serde and file names use.
    pub fn unraw(&self) -> &str {
        unraw(&self.ident)
    }

    /// Whether this is a raw identifier (`r#type`).
    pub fn is_raw(&self) -> bool {
        self.ident.starts_with("r#")
    }

    /// The identifier as a token for `quote!`.
    pub fn to_ident(&self) -> Ident {
        // Valid by construction (ASCII, not empty, no leading digit, raw only for rawable keywords),
        // which is what `Ident::new` checks.
        if self.is_raw() {
            Ident::new_raw(self.unraw(), Span::call_site())
        } else {
            Ident::new(&self.ident, Span::call_site())
        }
    }
}

impl fmt::Display for RustName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ident)
    }
}

impl quote::ToTokens for RustName {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        self.to_ident().to_tokens(tokens);
    }
}

/// Who holds the name another one wanted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holder {
    /// The emitter reserved it ([`NameScope::reserve`]).
    Reserved,
    /// An earlier CSDL name got it.
    Csdl(String),
    /// An earlier emitter-made name got it ([`NameScope::claim`]).
    Generated,
}

/// A name that had to be changed because its Rust name was taken in its scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collision {
    /// The CSDL name (for [`NameScope::claim`], the wanted Rust name) that gave way.
    pub original: String,
    /// The Rust name it would have had.
    pub wanted: String,
    /// The Rust name it got.
    pub chosen: String,
    /// Who holds `wanted`.
    pub holder: Holder,
}

impl Collision {
    /// A one-line explanation for a warning.
    pub fn message(&self) -> String {
        let holder = match &self.holder {
            Holder::Reserved => "a name the generated code needs".to_owned(),
            Holder::Csdl(name) => format!("`{name}`"),
            Holder::Generated => "another generated name".to_owned(),
        };
        format!("`{}` is named `{}` in Rust: `{}` is taken by {holder}", self.original, self.chosen, self.wanted)
    }
}

/// Assigns unique Rust names within one scope (the fields of a struct, the variants of an enum, the
/// types of a module, the modules of a parent), deterministically from the order of the calls.
#[derive(Debug)]
pub struct NameScope {
    kind: NameKind,
    taken: HashMap<String, Holder>,
    by_csdl: HashMap<String, RustName>,
    collisions: Vec<Collision>,
}

impl NameScope {
    /// An empty scope for names of `kind`.
    pub fn new(kind: NameKind) -> NameScope {
        NameScope { kind, taken: HashMap::default(), by_csdl: HashMap::default(), collisions: Vec::new() }
    }

    /// A scope with the emitter's own names reserved (e.g. `["Unknown"]` for the variants of an enum).
    pub fn with_reserved<'r>(kind: NameKind, reserved: impl IntoIterator<Item = &'r str>) -> NameScope {
        let mut scope = NameScope::new(kind);
        for ident in reserved {
            scope.reserve(ident);
        }
        scope
    }

    /// Reserves the Rust identifier `ident` for the emitter; false if it was already taken. Reserve before
    /// assigning CSDL names: a CSDL name never takes a reserved one.
    pub fn reserve(&mut self, ident: &str) -> bool {
        let key = unraw(ident).to_owned();
        if self.taken.contains_key(&key) {
            return false;
        }
        self.taken.insert(key, Holder::Reserved);
        true
    }

    /// The unique Rust name for the CSDL name `csdl`, given in declaration order.
    pub fn assign(&mut self, csdl: &str) -> RustName {
        let wanted = self.kind.name(csdl);
        let name = match self.taken.get(wanted.unraw()) {
            None => wanted,
            Some(holder) => {
                let holder = holder.clone();
                let base = match holder {
                    Holder::Reserved => format!("{}{}", wanted.unraw().trim_end_matches('_'), self.kind.suffix()),
                    _ => wanted.ident.clone(),
                };
                let chosen = RustName::new(self.free(base), csdl);
                let (original, wanted) = (csdl.to_owned(), wanted.ident);
                self.collisions.push(Collision { original, wanted, chosen: chosen.ident.clone(), holder });
                chosen
            }
        };
        self.taken.insert(name.unraw().to_owned(), Holder::Csdl(csdl.to_owned()));
        self.by_csdl.entry(csdl.to_owned()).or_insert_with(|| name.clone());
        name
    }

    /// A unique identifier for a name the emitter makes up after the CSDL names are assigned (e.g.
    /// `AnyEntity` next to `Entity`): `wanted` (a valid identifier), or `wanted` numbered when taken
    /// (recorded as a collision).
    pub fn claim(&mut self, wanted: &str) -> String {
        let chosen = match self.taken.get(unraw(wanted)) {
            None => wanted.to_owned(),
            Some(holder) => {
                let holder = holder.clone();
                let chosen = self.free(wanted.to_owned());
                let (original, wanted) = (wanted.to_owned(), wanted.to_owned());
                self.collisions.push(Collision { original, wanted, chosen: chosen.clone(), holder });
                chosen
            }
        };
        self.taken.insert(unraw(&chosen).to_owned(), Holder::Generated);
        chosen
    }

    /// Whether the Rust identifier `ident` is taken in this scope.
    pub fn lookup_ident(&self, ident: &str) -> bool {
        self.taken.contains_key(unraw(ident))
    }

    /// The Rust name first assigned to the CSDL name `csdl` in this scope.
    pub fn lookup(&self, csdl: &str) -> Option<&RustName> {
        self.by_csdl.get(csdl)
    }

    /// The collisions so far, in the order they happened.
    pub fn collisions(&self) -> &[Collision] {
        &self.collisions
    }

    /// `base` if free, otherwise `base` with the first free number from 2.
    fn free(&self, base: String) -> String {
        if !self.taken.contains_key(unraw(&base)) {
            return base;
        }
        let stem = unraw(&base).trim_end_matches('_');
        let separator = match self.kind {
            NameKind::Field | NameKind::Module => "_",
            _ if stem.ends_with(|c: char| c.is_ascii_digit()) => "_",
            _ => "",
        };
        (2u64..)
            .map(|n| format!("{stem}{separator}{n}"))
            .find(|candidate| !self.taken.contains_key(candidate))
            .unwrap_or(base)
    }
}

/// `ident` without a leading `r#`.
fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// The lowercase words of a CSDL name (see the module docs).
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

/// The words capitalised and joined, with `_` between two digits so `v1.0` and `v10` stay apart.
fn pascal(words: &[String]) -> String {
    let mut out = String::new();
    for word in words {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { continue };
        if out.ends_with(|c: char| c.is_ascii_digit()) && first.is_ascii_digit() {
            out.push('_');
        }
        out.push(first.to_ascii_uppercase());
        out.extend(chars);
    }
    out
}

fn digit_prefix(ident: String) -> String {
    if ident.starts_with(|c: char| c.is_ascii_digit()) { format!("_{ident}") } else { ident }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid identifier token, and never a keyword unless raw.
    fn assert_valid(name: &RustName) {
        assert!(syn::parse_str::<syn::Ident>(&name.ident).is_ok(), "not an identifier: {name}");
        assert!(name.is_raw() || !KEYWORDS.contains(&name.ident.as_str()), "keyword: {name}");
        assert!(name.ident.is_ascii(), "not ASCII: {name}");
        assert_eq!(name.to_ident().to_string(), name.ident);
    }

    #[test]
    fn case_conversion() {
        let cases = [
            (type_name("identityApiConnector"), "IdentityApiConnector", true),
            (type_name("oAuth2ClientCredential"), "OAuth2ClientCredential", true),
            (type_name("InnerError"), "InnerError", false),
            (type_name("ID"), "Id", true),
            (type_name("v1.0"), "V1_0", true),
            (type_name("case"), "Case", true),
            (type_name("Json"), "Json", false),
            (variant_name("unknownFutureValue"), "UnknownFutureValue", true),
            (field_name("displayName"), "display_name", true),
            (field_name("request-id"), "request_id", true),
            (field_name("@odata.type"), "odata_type", true),
            (field_name("id"), "id", false),
            (module_name("industryData"), "industry_data", true),
        ];
        for (name, ident, renamed) in cases {
            assert_eq!((name.ident.as_str(), name.renamed), (ident, renamed));
        }
    }

    #[test]
    fn keywords_prelude_and_digits() {
        assert_eq!(field_name("type"), RustName { ident: "r#type".into(), renamed: false });
        assert_eq!(field_name("gen").ident, "r#gen");
        assert_eq!(field_name("self"), RustName { ident: "self_".into(), renamed: true });
        assert_eq!(field_name("crate").ident, "crate_");
        assert_eq!(field_name("super").ident, "super_");
        assert_eq!(field_name("union").ident, "union");
        assert_eq!(module_name("type").ident, "type_");
        assert_eq!(module_name("self").ident, "self_");
        assert_eq!(module_name("core").ident, "core_");
        assert_eq!(type_name("Self").ident, "SelfType");
        assert_eq!(variant_name("self").ident, "SelfMember");
        assert_eq!(type_name("option").ident, "OptionType");
        assert_eq!(type_name("String").ident, "StringType");
        assert_eq!(variant_name("None").ident, "None");
        assert_eq!(variant_name("some").ident, "Some");
        assert_eq!(field_name("2fa").ident, "_2fa");
        assert_eq!(type_name("2faMethod").ident, "_2faMethod");
        assert_eq!(field_name("type").to_ident().to_string(), "r#type");
    }

    #[test]
    fn odd_inputs_give_valid_identifiers() {
        let long = "x".repeat(500);
        #[rustfmt::skip]
        let odd = [
            "", " ", "_", "__", "@#!", "café", "日本", "😀", "r#type", "r#self", "a\u{0}b", "1", "-1.5", "\u{301}",
            "Self", "self", "_self", "SELF", "Ünïcödé", "a__b", &long, "$metadata", "0x1F",
        ];
        for input in odd {
            for kind in [NameKind::Type, NameKind::Variant, NameKind::Field, NameKind::Module] {
                assert_valid(&kind.name(input));
            }
        }
        assert_eq!(field_name("").ident, "unnamed");
        assert_eq!(type_name("@#!").ident, "Unnamed");
        assert_eq!(field_name("café").ident, "caf_u00e9");
        assert_eq!(type_name("日本").ident, "U65e5U672c");
        assert_eq!(field_name("😀").ident, "u1f600");
        assert_ne!(field_name("café"), field_name("cafè"));
    }

    #[test]
    fn namespace_segments() {
        assert_eq!(module_name("industryData").ident, "industry_data");
        assert_eq!(module_name("self").ident, "self_");
        assert_eq!(module_name("").ident, "unnamed");
    }

    #[test]
    fn scope_numbers_later_clashes_and_records_them() {
        let mut scope = NameScope::new(NameKind::Field);
        assert_eq!(scope.assign("displayName").ident, "display_name");
        assert_eq!(scope.assign("display_name"), RustName { ident: "display_name_2".into(), renamed: true });
        assert_eq!(scope.assign("DisplayName").ident, "display_name_3");
        assert_eq!(scope.assign("type").ident, "r#type");
        assert_eq!(scope.assign("Type").ident, "type_2");
        assert_eq!(scope.lookup("displayName").map(|n| n.ident.as_str()), Some("display_name"));
        let collision = &scope.collisions()[0];
        assert_eq!(collision.original, "display_name");
        assert_eq!((collision.wanted.as_str(), collision.chosen.as_str()), ("display_name", "display_name_2"));
        assert_eq!(collision.holder, Holder::Csdl("displayName".into()));
        assert!(collision.message().contains("`displayName`"));

        let mut types = NameScope::new(NameKind::Type);
        assert_eq!(types.assign("ipv4").ident, "Ipv4");
        assert_eq!(types.assign("IPV4").ident, "Ipv4_2");
        assert_eq!(types.assign("ID").ident, "Id");
        assert_eq!(types.assign("id").ident, "Id2");
        assert_eq!(types.assign("entity").ident, "Entity");
        assert_eq!(types.assign("anyEntity").ident, "AnyEntity");
        assert_eq!(types.claim("AnyEntity"), "AnyEntity2");
        assert_eq!(types.collisions().last().map(|c| &c.holder), Some(&Holder::Csdl("anyEntity".into())));
    }

    #[test]
    fn reserved_names_win_and_clashes_take_the_suffix_word() {
        let mut variants = NameScope::with_reserved(NameKind::Variant, ["Unknown"]);
        assert!(!variants.reserve("Unknown"));
        assert_eq!(variants.assign("unknown"), RustName { ident: "UnknownMember".into(), renamed: true });
        assert_eq!(variants.assign("Unknown").ident, "UnknownMember2");
        assert_eq!(variants.assign("unknownMember").ident, "UnknownMember3");
        assert_eq!(variants.collisions()[0].holder, Holder::Reserved);
        let mut fields = NameScope::with_reserved(NameKind::Field, ["additional"]);
        assert_eq!(fields.assign("additional").ident, "additional_property");
        let mut fields = NameScope::with_reserved(NameKind::Field, ["r#type", "self_"]);
        assert_eq!(fields.assign("type").ident, "type_property");
        assert_eq!(fields.assign("self").ident, "self_property");
        assert_eq!(fields.assign("self").ident, "self_property_2");
        let mut modules = NameScope::new(NameKind::Module);
        assert_eq!((modules.assign("self").ident, modules.assign("Self").ident), ("self_".into(), "self_2".into()));
    }

    /// Every name of the real Graph files through the namer, scoped as the emitter would scope them.
    #[test]
    fn graph_sweep() {
        for file in ["v1.0-clean.xml", "beta-2021-06-clean.xml"] {
            let path = format!("{}/../../shared/graph-metadata/{file}", env!("CARGO_MANIFEST_DIR"));
            let Ok(text) = std::fs::read_to_string(&path) else {
                assert!(std::env::var("REQUIRE_SHARED").as_deref() != Ok("1"), "{path} is missing");
                eprintln!("skipping the Graph sweep: {path} is missing");
                continue;
            };
            let sweep = sweep(&text);
            eprintln!(
                "{file}: {} names, {} need serde rename, {} rewritten beyond case conversion: {:?}",
                sweep.names,
                sweep.renamed,
                sweep.rewritten.len(),
                sweep.rewritten
            );
            eprintln!("{file}: {} collisions: {:#?}", sweep.collisions.values().sum::<usize>(), sweep.collisions);
            assert!(sweep.names > 10_000);
        }
    }

    fn sweep(text: &str) -> Sweep {
        use crate::model::{Model, TypeId, TypeKind};
        let documents: Vec<_> = crate::csdl::parse(text, crate::diag::FileId(0)).document.into_iter().collect();
        let (model, _) = Model::build(&documents);
        let mut sweep = Sweep::default();
        let last_segments = model.schemas.iter().map(|s| s.namespace.rsplit('.').next().unwrap_or_default());
        sweep.scope(&mut NameScope::new(NameKind::Module), last_segments);
        for schema in &model.schemas {
            sweep.scope(&mut NameScope::new(NameKind::Module), schema.namespace.split('.'));
            sweep.scope(&mut NameScope::new(NameKind::Type), schema.types.iter().map(|&id| model.ty(id).name));
        }
        for (index, ty) in model.types.iter().enumerate() {
            if let TypeKind::Enum(e) = &ty.kind {
                let mut scope = NameScope::with_reserved(NameKind::Variant, ["Unknown"]);
                sweep.scope(&mut scope, e.members.iter().map(|m| m.name));
            } else if ty.as_structured().is_some() {
                // Inherited properties first: the emitter flattens them into each struct.
                let id = TypeId(u32::try_from(index).unwrap());
                let names =
                    model.lineage(id).into_iter().rev().filter_map(|t| model.ty(t).as_structured()).flat_map(|s| {
                        let navigation = s.navigation_properties.iter().map(|p| p.name);
                        s.properties.iter().map(|p| p.name).chain(navigation)
                    });
                sweep.scope(&mut NameScope::new(NameKind::Field), names);
            }
        }
        for operation in &model.operations {
            sweep.scope(&mut NameScope::new(NameKind::Field), operation.parameters.iter().map(|p| p.name));
        }
        sweep
    }

    #[derive(Default)]
    struct Sweep {
        names: usize,
        renamed: usize,
        rewritten: std::collections::BTreeSet<String>,
        collisions: std::collections::BTreeMap<String, usize>,
    }

    impl Sweep {
        /// Checks the names of one scope: valid, unique, and tallied.
        fn scope<'n>(&mut self, scope: &mut NameScope, names: impl Iterator<Item = &'n str>) {
            let mut seen = std::collections::BTreeSet::new();
            for csdl in names {
                let name = scope.assign(csdl);
                assert_valid(&name);
                assert!(seen.insert(name.unraw().to_owned()), "duplicate {name} in scope");
                self.names += 1;
                self.renamed += usize::from(name.renamed);
                let plain = [csdl.to_snake_case(), heck::ToUpperCamelCase::to_upper_camel_case(csdl)];
                if !plain.contains(&name.ident) {
                    self.rewritten.insert(format!("{csdl} → {name}"));
                }
            }
            for collision in scope.collisions() {
                *self.collisions.entry(collision.message()).or_default() += 1;
            }
        }
    }
}
