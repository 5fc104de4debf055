//! User choices that shape emitted items without changing what they mean: which crates date/time and
//! decimal values map to, and extra derives and attributes on generated structs and enums.

use crate::diag::codes;
use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;
use serde::Deserialize;
use syn::parse::Parser;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Model;
use crate::select::Selection;

/// Which crate `Edm.DateTimeOffset`, `Edm.Date` and `Edm.TimeOfDay` map to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateTimeCrate {
    /// `chrono::DateTime<FixedOffset>`, `NaiveDate`, `NaiveTime` (runtime feature `chrono`, on by default).
    #[default]
    Chrono,
    /// `time::OffsetDateTime`, `Date`, `Time` (runtime feature `time`).
    Time,
}

/// Which Rust type `Edm.Decimal` maps to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecimalType {
    /// `rust_decimal::Decimal`, exact (runtime feature `decimal`, on by default).
    #[default]
    RustDecimal,
    /// `f64`: no extra dependency, but values beyond 15–17 significant digits lose precision.
    F64,
}

/// The type-mapping choices of an emission.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TypeMapping {
    /// The date and time crate.
    pub date_time: DateTimeCrate,
    /// The decimal type.
    pub decimal: DecimalType,
}

/// Extra derives and attributes for generated items, written as Rust source text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemAttributes {
    /// Paths of derive macros, e.g. `Hash` or `schemars::JsonSchema`.
    #[serde(default)]
    pub derives: Vec<String>,
    /// Whole outer attributes, e.g. `#[non_exhaustive]` or `#[cfg_attr(feature = "x", derive(X))]`.
    #[serde(default)]
    pub attributes: Vec<String>,
}

impl ItemAttributes {
    fn is_empty(&self) -> bool {
        self.derives.is_empty() && self.attributes.is_empty()
    }

    /// A message per entry that is not Rust (a derive that is not a path, an attribute that is not
    /// one outer attribute).
    pub fn problems(&self) -> Vec<String> {
        let derives = self
            .derives
            .iter()
            .filter(|d| parse_path(d).is_none())
            .map(|d| format!("derive `{d}` is not a Rust path (write e.g. `Hash` or `schemars::JsonSchema`)"));
        let attributes = self
            .attributes
            .iter()
            .filter(|a| parse_attribute(a).is_none())
            .map(|a| format!("attribute `{a}` is not one outer attribute (write e.g. `#[non_exhaustive]`)"));
        derives.chain(attributes).collect()
    }
}

/// Extra derives and attributes: for every generated struct and enum, and per CSDL type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtraAttributes {
    /// For every struct, enum and `Any...` enum.
    pub all: ItemAttributes,
    /// By qualified CSDL type name (`microsoft.graph.identityApiConnector`): for that type's struct or
    /// enum and its `Any...` enum.
    pub per_type: BTreeMap<String, ItemAttributes>,
}

impl ExtraAttributes {
    /// Every problem of [`ItemAttributes::problems`], prefixed with where it was given.
    pub fn problems(&self) -> Vec<String> {
        let all = self.all.problems().into_iter().map(|p| format!("for all types: {p}"));
        let per_type =
            self.per_type.iter().flat_map(|(ty, a)| a.problems().into_iter().map(move |p| format!("for `{ty}`: {p}")));
        all.chain(per_type).collect()
    }

    /// The attribute tokens for the item of the CSDL type `qualified`: one `#[derive(...)]` with every
    /// extra derive, then the attributes. Entries that do not parse are left out (see [`Self::problems`]).
    pub(super) fn tokens(&self, qualified: &str) -> TokenStream {
        let own = self.per_type.get(qualified);
        let sets = std::iter::once(&self.all).chain(own);
        let mut derives = Vec::new();
        let mut attributes = Vec::new();
        for set in sets.filter(|s| !s.is_empty()) {
            derives.extend(set.derives.iter().filter_map(|d| parse_path(d)));
            attributes.extend(set.attributes.iter().filter_map(|a| parse_attribute(a)));
        }
        let derive = (!derives.is_empty()).then(|| quote!(#[derive(#(#derives),*)]));
        quote!(#derive #(#attributes)*)
    }
}

impl ExtraAttributes {
    /// The same as [`Self::tokens`], as source lines: one `#[derive(...)]` line, then the attributes
    /// as they were given. Entries that do not parse are left out.
    pub(super) fn lines(&self, qualified: &str) -> Vec<String> {
        let own = self.per_type.get(qualified);
        let sets = std::iter::once(&self.all).chain(own);
        let mut derives = Vec::new();
        let mut attributes = Vec::new();
        for set in sets.filter(|s| !s.is_empty()) {
            derives.extend(set.derives.iter().filter(|d| parse_path(d).is_some()).map(|d| d.trim().to_owned()));
            attributes
                .extend(set.attributes.iter().filter(|a| parse_attribute(a).is_some()).map(|a| a.trim().to_owned()));
        }
        let derive = (!derives.is_empty()).then(|| format!("#[derive({})]", derives.join(", ")));
        derive.into_iter().chain(attributes).collect()
    }
}

fn parse_path(text: &str) -> Option<syn::Path> {
    syn::parse_str::<syn::Path>(text).ok()
}

fn parse_attribute(text: &str) -> Option<syn::Attribute> {
    let mut attributes = syn::Attribute::parse_outer.parse_str(text).ok()?;
    if attributes.len() == 1 { attributes.pop() } else { None }
}

/// Warns about per-type attributes and module names that match nothing generated.
pub(super) fn check_names(
    model: &Model<'_>,
    selection: &Selection,
    options: &super::EmitOptions,
    diagnostics: &mut Diagnostics,
) {
    for qualified in options.attributes.per_type.keys() {
        if !selection.types().iter().any(|id| model.ty(*id).qualified_name() == *qualified) {
            let message = format!("extra attributes are given for `{qualified}`, which is not a generated type");
            diagnostics.push(Diagnostic::warning_without_span(codes::CONFIG, message));
        }
    }
    for namespace in options.module_names.keys() {
        if !selection.types().iter().any(|id| model.schema(model.ty(*id).schema).namespace == namespace) {
            let message = format!("a module name is given for `{namespace}`, but no generated type is in it");
            diagnostics.push(Diagnostic::warning_without_span(codes::CONFIG, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csdl;
    use crate::diag::Sources;
    use crate::emit::{EmitOptions, emit};
    use crate::select::SelectionOptions;

    /// Emits the namespace `t.n` of a small schema with `options`: (module file name, text, warnings).
    fn emit_with(options: &EmitOptions) -> (String, String, Vec<String>) {
        let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
            <Schema Namespace="t.n" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <ComplexType Name="a"><Property Name="at" Type="Edm.DateTimeOffset"/><Property Name="on" Type="Edm.Date"/>
                <Property Name="from" Type="Edm.TimeOfDay"/><Property Name="amount" Type="Edm.Decimal"/></ComplexType>
              <ComplexType Name="b" BaseType="t.n.a"/>
              <EnumType Name="e"><Member Name="x"/></EnumType>
            </Schema></edmx:DataServices></edmx:Edmx>"#;
        let mut sources = Sources::new();
        let file = sources.add("t.xml", xml.as_bytes().to_vec());
        let parsed = csdl::parse(sources.file(file).text(), file);
        let documents: Vec<_> = parsed.document.into_iter().collect();
        let (model, _) = Model::build(&documents);
        let (selection, _) = Selection::new(&model, &["t.n"], &SelectionOptions::default());
        let (files, diagnostics) = emit(&model, &selection, options);
        let module = files.into_iter().nth(1).map(|f| (f.path, f.contents)).unwrap_or_default();
        (module.0, module.1, diagnostics.iter().map(|d| d.message.clone()).collect())
    }

    #[test]
    fn options_rename_modules_switch_crates_and_add_attributes() {
        let mut options = EmitOptions::default();
        options.module_names.insert("t.n".into(), "models".into());
        options.module_names.insert("t.absent".into(), "nothing".into());
        options.type_mapping = TypeMapping { date_time: DateTimeCrate::Time, decimal: DecimalType::F64 };
        options.attributes.all.attributes.push("#[allow(missing_docs)]".into());
        let hash = ItemAttributes { derives: vec!["PartialOrd".into()], attributes: Vec::new() };
        options.attributes.per_type.insert("t.n.e".into(), hash.clone());
        options.attributes.per_type.insert("t.n.a".into(), hash.clone());
        options.attributes.per_type.insert("t.n.zzz".into(), hash);
        let (path, text, warnings) = emit_with(&options);
        assert_eq!(path, "models.rs");
        assert!(text.contains("at: Option<::odata_runtime::time::OffsetDateTime> = \"at\" as AT,"), "{text}");
        assert!(text.contains("on: Option<::odata_runtime::time::Date> = \"on\" as ON,"), "{text}");
        assert!(text.contains("from: Option<::odata_runtime::time::Time> = \"from\" as FROM,"), "{text}");
        assert!(text.contains("amount: Option<f64> = \"amount\" as AMOUNT,"), "{text}");
        assert!(text.contains("    #[derive(PartialOrd)]\n    #[allow(missing_docs)]\n    pub struct A = "), "{text}");
        assert_eq!(text.matches("#[allow(missing_docs)]").count(), 4, "A, B, AnyA and E: {text}");
        assert!(text.contains("#[derive(PartialOrd)]\n#[allow(missing_docs)]\npub enum E {"), "{text}");
        assert!(text.contains("#[derive(PartialOrd)]\n#[allow(missing_docs)]\npub enum AnyA {"), "{text}");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("`t.n.zzz`, which is not a generated type"), "{warnings:?}");
        assert!(warnings[1].contains("`t.absent`"), "{warnings:?}");
        let (path, text, warnings) = emit_with(&EmitOptions::default());
        assert_eq!(path, "n.rs");
        assert!(text.contains("on: Option<::odata_runtime::chrono::NaiveDate> = \"on\" as ON,"), "{text}");
        assert!(text.contains("::odata_runtime::rust_decimal::Decimal"), "{text}");
        assert!(warnings.is_empty());
    }

    #[test]
    fn derives_and_attributes_become_tokens_and_bad_ones_are_problems() {
        let mut extra = ExtraAttributes::default();
        extra.all.derives.push("Hash".into());
        let own = ItemAttributes {
            derives: vec!["schemars::JsonSchema".into(), "not a path".into()],
            attributes: vec!["#[non_exhaustive]".into(), "#[a] #[b]".into()],
        };
        extra.per_type.insert("t.a".into(), own);
        let tokens = extra.tokens("t.a").to_string();
        assert_eq!(tokens, "# [derive (Hash , schemars :: JsonSchema)] # [non_exhaustive]");
        assert_eq!(extra.tokens("t.b").to_string(), "# [derive (Hash)]");
        let problems = extra.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("for `t.a`: derive `not a path`"), "{problems:?}");
    }
}
