//! Emission: the resolved model and a selection turned into Rust source files.
//!
//! [`names`] decides every Rust name; `plan` assigns modules and type names; the other modules
//! build each item as tokens (`quote!`), and `output` formats every file once with prettyplease.
//! The same input always gives the same bytes.

mod access;
mod chunks;
mod container;
pub mod custom;
mod docs;
mod enums;
mod key_check;
mod keys;
pub mod names;
mod operations;
mod output;
mod plan;
mod polymorphic;
mod recursion;
mod rust_type;
mod structs;
mod write;

use crate::diag::codes;
use std::collections::BTreeMap;

use proc_macro2::{Ident, Span};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Model, TypeId, WriteRestrictions};
use crate::select::Selection;

pub use output::GeneratedFile;

/// Choices that change the generated code.
#[derive(Clone, Debug)]
pub struct EmitOptions {
    /// Property names whose values `Debug` never shows (compared ignoring ASCII case).
    pub secret_properties: Vec<String>,
    /// Name of the root file (the one declaring the modules), e.g. `mod.rs` or `lib.rs`.
    pub root_file: String,
    /// Whether to emit write models (`...Update` structs for create and update bodies). They add code
    /// and compile time; models used only for reading can leave them out.
    pub write_models: bool,
    /// Whether read models name each member with a typed constant (`Orders::TOTAL`, an
    /// `odata_runtime::member::Member`) for `odata-client`'s query options and paths (default on).
    pub member_constants: bool,
    /// Module names by schema namespace, instead of the last namespace segment in snake case
    /// (`microsoft.graph` → `graph`).
    pub module_names: BTreeMap<String, String>,
    /// Which crates and types Edm date/time and decimal values map to.
    pub type_mapping: custom::TypeMapping,
    /// Extra derives and attributes on generated structs and enums.
    pub attributes: custom::ExtraAttributes,
}

impl Default for EmitOptions {
    fn default() -> EmitOptions {
        EmitOptions {
            secret_properties: ["password", "clientSecret", "pkcs12Value"].map(str::to_owned).to_vec(),
            root_file: "mod.rs".to_owned(),
            write_models: true,
            member_constants: true,
            module_names: BTreeMap::new(),
            type_mapping: custom::TypeMapping::default(),
            attributes: custom::ExtraAttributes::default(),
        }
    }
}

impl EmitOptions {
    fn is_secret(&self, property: &str) -> bool {
        self.secret_properties.iter().any(|s| s.eq_ignore_ascii_case(property))
    }
}

/// Generates the Rust files for `selection`: a root file declaring one module per namespace, and
/// one file per module. Name collisions come back as warnings.
pub fn emit(model: &Model<'_>, selection: &Selection, options: &EmitOptions) -> (Vec<GeneratedFile>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    custom::check_names(model, selection, options, &mut diagnostics);
    let restrictions = if options.write_models { model.write_restrictions() } else { BTreeMap::new() };
    let plan = plan::Plan::new(model, selection, options, &restrictions, &mut diagnostics);
    let recursion = recursion::Recursion::new(model, selection, &plan);
    let deprecations = docs::has_deprecations(model, selection);
    let reach = container::reach_paths(model);
    let mut emitter = Emitter {
        model,
        selection,
        plan: &plan,
        recursion: &recursion,
        reach,
        restrictions,
        deprecations,
        options,
        diagnostics,
        tables: Vec::new(),
    };
    let files = emitter.files();
    (files, emitter.diagnostics)
}

/// What every item emitter needs.
struct Emitter<'m, 'a> {
    model: &'m Model<'a>,
    selection: &'m Selection,
    plan: &'m plan::Plan,
    recursion: &'m recursion::Recursion,
    /// The resource paths that reach each entity type (for its docs).
    reach: BTreeMap<TypeId, Vec<container::ReachPath>>,
    /// The insert and update restrictions of the places that hold each entity type.
    restrictions: BTreeMap<TypeId, WriteRestrictions>,
    /// Whether any generated item is deprecated (generated code then uses deprecated items itself).
    deprecations: bool,
    options: &'m EmitOptions,
    diagnostics: Diagnostics,
    /// The structs with member tables in the module being emitted, for its table test.
    tables: Vec<String>,
}

impl Emitter<'_, '_> {
    /// Warns about names that had to change in `place`, each at the CSDL element that gave way when
    /// `span_of` finds it (by its CSDL name).
    fn warn_collisions(
        &mut self,
        place: &str,
        collisions: &[names::Collision],
        span_of: impl Fn(&str) -> Option<crate::diag::Span>,
    ) {
        for collision in collisions {
            let message = format!("in {place}: {}", collision.message());
            self.diagnostics.push(match span_of(&collision.original) {
                Some(span) => Diagnostic::warning(codes::NAME_COLLISION, span, message),
                None => Diagnostic::warning_without_span(codes::NAME_COLLISION, message),
            });
        }
    }
}

/// A path built as tokens, as Rust text (`super::graph::User`).
fn path_text(path: &proc_macro2::TokenStream) -> String {
    path.to_string().replace(' ', "")
}

/// An identifier from a name the naming module made (raw identifiers written `r#name`).
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

#[cfg(test)]
mod tests {
    use super::{EmitOptions, emit};
    use crate::csdl;
    use crate::diag::Sources;
    use crate::model::Model;
    use crate::select::{Selection, SelectionOptions};

    /// Emits the whole namespace `t` of a small schema and returns the module file's text.
    fn emit_module(body: &str) -> String {
        let xml = format!(
            r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
            <Schema Namespace="t" xmlns="http://docs.oasis-open.org/odata/ns/edm">{body}</Schema>
            </edmx:DataServices></edmx:Edmx>"#
        );
        let mut sources = Sources::new();
        let file = sources.add("t.xml", xml.into_bytes());
        let parsed = csdl::parse(sources.file(file).text(), file);
        let documents: Vec<_> = parsed.document.into_iter().collect();
        let (model, diagnostics) = Model::build(&documents);
        assert!(!diagnostics.has_errors(), "{}", sources.render_all(&diagnostics));
        let (selection, _) = Selection::new(&model, &["t"], &SelectionOptions::default());
        let (files, _) = emit(&model, &selection, &EmitOptions::default());
        assert_eq!(files.len(), 2, "root file and one module");
        files.into_iter().nth(1).map(|f| f.contents).unwrap_or_default()
    }

    #[test]
    fn enums_without_members_have_no_single_arm_match() {
        let text = emit_module(r#"<EnumType Name="nothing" />"#);
        assert!(text.contains("pub enum Nothing {"), "{text}");
        assert!(text.contains("::odata_runtime::open_enum! {\n    Nothing = \"t.nothing\";\n}"), "{text}");
    }

    #[test]
    fn structs_that_hold_themselves_are_boxed_and_others_are_not() {
        let text = emit_module(
            r#"<ComplexType Name="node"><Property Name="next" Type="t.node" /><Property Name="leaf" Type="t.leaf" /></ComplexType>
               <ComplexType Name="leaf"><Property Name="v" Type="Edm.Int32" /></ComplexType>"#,
        );
        assert!(text.contains("next: Option<Box<Node>> = \"next\" as NEXT,"), "{text}");
        assert!(text.contains("leaf: Option<Leaf> = \"leaf\" as LEAF,"), "{text}");
        assert!(text.contains("::odata_runtime::boxed!(Node, NodeUpdate);"), "{text}");
        assert!(!text.contains("boxed!(Leaf"), "{text}");
    }

    #[test]
    fn operation_overloads_get_distinct_stable_names() {
        let text = emit_module(
            r#"<ComplexType Name="image" /><EntityType Name="chart"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
               <Function Name="image" IsBound="true"><Parameter Name="it" Type="t.chart" /><ReturnType Type="Edm.String" /></Function>
               <Function Name="image" IsBound="true"><Parameter Name="it" Type="t.chart" /><Parameter Name="width" Type="Edm.Int32" /><ReturnType Type="Edm.String" /></Function>
               <Function Name="image" IsBound="true"><Parameter Name="it" Type="Collection(t.chart)" /><ReturnType Type="Edm.String" /></Function>
               <Action Name="refresh" />"#,
        );
        for name in ["ImageOnChart {", "ImageOnChartWithWidth {", "ImageOnChartCollection {", "Refresh {", "Image = "] {
            assert!(text.contains(&format!("pub struct {name}")), "{name}\n{text}");
        }
    }

    #[test]
    fn a_member_has_the_same_name_in_the_read_and_the_write_model() {
        let text = emit_module(
            r#"<EntityType Name="thing"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" />
               <Property Name="ID" Type="Edm.String" /></EntityType>"#,
        );
        assert!(text.contains("        id_2: Option<String> = \"ID\" as ID_2,"), "{text}");
        assert!(text.contains("        id_2: ::odata_runtime::Update<String> = \"ID\","), "{text}");
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let body = r#"<ComplexType Name="a" /><ComplexType Name="b" BaseType="t.a" /><EnumType Name="e"><Member Name="x" /></EnumType>"#;
        assert_eq!(emit_module(body), emit_module(body));
    }
}
