//! The anchor of the benchmarks: a naive model of the same selection as the generator's, written the way
//! one would by hand with serde's derives.
//!
//! One file, one module per namespace; per entity or complex type one struct with every own and
//! inherited property (navigation properties too) as an `Option` field and a flattened map of the
//! other members; unit enums for enum types, flags enums as `String`; no polymorphism, no docs.
//! Every struct and enum derives `Serialize, Deserialize, Clone, Debug, Default, PartialEq`.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use odata_codegen::Sources;
use odata_codegen::csdl;
use odata_codegen::model::{Model, Primitive, TypeId, TypeKind, TypeRef, TypeTarget};
use odata_codegen::naming::{NameKind, NameScope};
use odata_codegen::select::{Selection, SelectionOptions};
use odata_codegen::with_selection;

use crate::{Context, Error, Result};

/// The derives of every naive struct (enums add `#[default]` on their first variant).
const DERIVES: &str = "#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default, PartialEq)]";

/// The derives of an enum without members, which cannot derive `Default`.
const EMPTY_ENUM_DERIVES: &str = "#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]";

/// The naive model of all of a metadata file, and what the benchmarks need to know about it.
#[derive(Debug)]
pub struct NaiveModel {
    /// The include roots of the selection: every namespace of the file and every entity container.
    pub roots: Vec<String>,
    /// The Rust source (one file).
    pub source: String,
    /// Every selected entity, complex and enum type with the Rust type that reads it, from the root of
    /// the naive file (`graph::User`; `String` for flags enums).
    pub types: Vec<NaiveType>,
    /// Number of structs written.
    pub structs: usize,
    /// Number of enums written.
    pub enums: usize,
}

/// One type of the naive model.
#[derive(Clone, Debug)]
pub struct NaiveType {
    /// `namespace.name`.
    pub qualified: String,
    /// The Rust type, as a path from the root of the naive file.
    pub path: String,
}

/// Reads `metadata`, selects every namespace and container in it, and writes the naive model.
pub fn build(metadata: &Path) -> Result<NaiveModel> {
    let bytes = std::fs::read(metadata).context(|| format!("cannot read `{}`", metadata.display()))?;
    let mut sources = Sources::new();
    sources.add(metadata.display().to_string(), bytes);
    let roots = roots_of(&sources, metadata)?;
    let root_refs: Vec<&str> = roots.iter().map(String::as_str).collect();
    let run = with_selection(&sources, &root_refs, &SelectionOptions::default(), |_, model, selection| {
        Writer::new(model, selection).write()
    });
    let (written, _) = run.map_err(|diagnostics| {
        Error(format!("cannot select all of `{}`:\n{}", metadata.display(), sources.render_all(&diagnostics)))
    })?;
    let (source, types, structs, enums) = written?;
    Ok(NaiveModel { roots, source, types, structs, enums })
}

/// Every namespace of the input and every entity container (`namespace.Container`), in input order.
fn roots_of(sources: &Sources, metadata: &Path) -> Result<Vec<String>> {
    let parsed = csdl::parse_all(sources);
    if !parsed.well_formed || parsed.documents.is_empty() {
        return Err(Error(format!(
            "`{}` is not a readable CSDL document:\n{}",
            metadata.display(),
            sources.render_all(&parsed.diagnostics)
        )));
    }
    let (model, _) = Model::build(&parsed.documents);
    let mut roots: Vec<String> = model.schemas.iter().map(|s| s.namespace.to_owned()).collect();
    roots.extend(model.containers.iter().map(|c| format!("{}.{}", c.namespace, c.name)));
    Ok(roots)
}

/// Where a selected type lives in the naive file.
#[derive(Clone, Debug)]
enum Placement {
    /// A struct or enum item: module index and type name.
    Item(usize, String),
    /// No item of its own: a flags enum (`String`) or a type definition (its underlying type).
    Inline(String),
}

/// Writes the naive file from a model and a selection.
struct Writer<'m, 'a> {
    model: &'m Model<'a>,
    selection: &'m Selection,
    /// Module names, in order of first appearance of their namespace among the selected types.
    modules: Vec<(String, String)>,
    /// Placement per selected type, indexed by type id.
    placements: Vec<Option<Placement>>,
}

/// The written file: source, types, number of structs, number of enums.
type Written = (String, Vec<NaiveType>, usize, usize);

impl<'m, 'a> Writer<'m, 'a> {
    /// Decides every module and type name.
    fn new(model: &'m Model<'a>, selection: &'m Selection) -> Writer<'m, 'a> {
        let mut modules: Vec<(String, String)> = Vec::new();
        // The crates the naive model names in paths: a module named so would make them ambiguous.
        let mut module_scope = NameScope::with_reserved(NameKind::Module, ["core", "serde", "serde_json", "std"]);
        let mut type_scopes: Vec<NameScope> = Vec::new();
        let mut placements = vec![None; model.types.len()];
        for &id in selection.types() {
            let ty = model.ty(id);
            let module = match modules.iter().position(|(ns, _)| ns == ty.namespace) {
                Some(index) => index,
                None => {
                    let segment = ty.namespace.rsplit('.').next().unwrap_or(ty.namespace);
                    modules.push((ty.namespace.to_owned(), module_scope.assign(segment).ident));
                    type_scopes.push(NameScope::new(NameKind::Type));
                    modules.len() - 1
                }
            };
            let placement = match &ty.kind {
                TypeKind::Structured(_) => Placement::Item(module, type_scopes[module].assign(ty.name).ident),
                TypeKind::Enum(e) if e.is_flags => Placement::Inline("String".to_owned()),
                TypeKind::Enum(_) => Placement::Item(module, type_scopes[module].assign(ty.name).ident),
                TypeKind::Definition(d) => {
                    Placement::Inline(d.underlying.map_or_else(|| "serde_json::Value".to_owned(), primitive))
                }
            };
            placements[id.index()] = Some(placement);
        }
        Writer { model, selection, modules, placements }
    }

    /// Writes every module.
    fn write(&self) -> Result<Written> {
        let mut out = String::from(
            "//! A naive model of all of Graph v1.0, written by `cargo run -p xtask -- scale`: one struct per\n\
             //! type with serde's derives, the anchor of the compile-cost and payload benchmarks.\n",
        );
        let mut types = Vec::new();
        let (mut structs, mut enums) = (0, 0);
        for (index, (_, module)) in self.modules.iter().enumerate() {
            writeln!(out, "\npub mod {module} {{").map_err(fmt_error)?;
            for &id in self.selection.types() {
                let ty = self.model.ty(id);
                let path = match self.placements[id.index()].as_ref() {
                    Some(Placement::Item(m, name)) if *m == index => {
                        match &ty.kind {
                            TypeKind::Structured(_) => {
                                self.write_struct(&mut out, id, name, index)?;
                                structs += 1;
                            }
                            TypeKind::Enum(e) => {
                                write_enum(&mut out, name, e.members.iter().map(|m| m.name))?;
                                enums += 1;
                            }
                            TypeKind::Definition(_) => {}
                        }
                        format!("{module}::{name}")
                    }
                    Some(Placement::Inline(rust)) if self.module_of(id) == Some(index) => rust.clone(),
                    _ => continue,
                };
                if !matches!(ty.kind, TypeKind::Definition(_)) {
                    types.push(NaiveType { qualified: ty.qualified_name(), path });
                }
            }
            out.push_str("}\n");
        }
        Ok((out, types, structs, enums))
    }

    /// The module index of a selected type.
    fn module_of(&self, id: TypeId) -> Option<usize> {
        let namespace = self.model.ty(id).namespace;
        self.modules.iter().position(|(ns, _)| ns == namespace)
    }

    /// One struct with the properties of the type and of its bases (root first), then `additional`.
    fn write_struct(&self, out: &mut String, id: TypeId, name: &str, module: usize) -> Result<()> {
        writeln!(out, "    {DERIVES}\n    pub struct {name} {{").map_err(fmt_error)?;
        let mut fields = NameScope::with_reserved(NameKind::Field, ["additional"]);
        let mut seen: HashSet<&str> = HashSet::new();
        for owner in self.model.lineage(id).into_iter().rev() {
            let Some(structured) = self.model.ty(owner).as_structured() else { continue };
            let properties = structured.properties.iter().map(|p| (p.name, p.ty));
            let navigation = structured.navigation_properties.iter().map(|p| (p.name, p.ty));
            for (csdl_name, ty) in properties.chain(navigation) {
                if !seen.insert(csdl_name) {
                    continue;
                }
                let field = fields.assign(csdl_name);
                if field.unraw() != csdl_name {
                    writeln!(out, "        #[serde(rename = {csdl_name:?})]").map_err(fmt_error)?;
                }
                writeln!(out, "        pub {field}: Option<{}>,", self.field_type(ty, module)).map_err(fmt_error)?;
            }
        }
        out.push_str(
            "        #[serde(flatten)]\n        pub additional: std::collections::HashMap<String, serde_json::Value>,\n    }\n\n",
        );
        Ok(())
    }

    /// The type inside a field's `Option`: `Vec<T>` for collections, `Box<T>` for single structured values.
    fn field_type(&self, ty: TypeRef<'_>, module: usize) -> String {
        let (element, structured) = match ty.target {
            TypeTarget::Primitive(p) => (primitive(p), false),
            TypeTarget::Unresolved(_) => ("serde_json::Value".to_owned(), false),
            TypeTarget::Named(id) => match self.placements.get(id.index()).and_then(Option::as_ref) {
                None => ("serde_json::Value".to_owned(), false),
                Some(Placement::Inline(rust)) => (rust.clone(), false),
                Some(Placement::Item(m, name)) => {
                    let path =
                        if *m == module { name.clone() } else { format!("super::{}::{name}", self.modules[*m].1) };
                    (path, self.model.ty(id).as_structured().is_some())
                }
            },
        };
        if ty.collection {
            format!("Vec<{element}>")
        } else if structured {
            format!("Box<{element}>")
        } else {
            element
        }
    }
}

/// One unit enum, `#[default]` on its first variant (an enum without members derives no `Default`).
fn write_enum<'n>(out: &mut String, name: &str, members: impl Iterator<Item = &'n str>) -> Result<()> {
    let mut variants = NameScope::new(NameKind::Variant);
    let mut body = String::new();
    for (index, member) in members.enumerate() {
        if index == 0 {
            body.push_str("        #[default]\n");
        }
        let variant = variants.assign(member).ident;
        if variant != member {
            writeln!(body, "        #[serde(rename = {member:?})]").map_err(fmt_error)?;
        }
        writeln!(body, "        {variant},").map_err(fmt_error)?;
    }
    let derives = if body.is_empty() { EMPTY_ENUM_DERIVES } else { DERIVES };
    writeln!(out, "    {derives}\n    pub enum {name} {{\n{body}    }}\n").map_err(fmt_error)?;
    Ok(())
}

/// The naive Rust type of an Edm primitive.
fn primitive(p: Primitive) -> String {
    match p {
        Primitive::String => "String",
        Primitive::Boolean => "bool",
        Primitive::Byte => "u8",
        Primitive::SByte => "i8",
        Primitive::Int16 => "i16",
        Primitive::Int32 => "i32",
        Primitive::Int64 => "i64",
        Primitive::Single => "f32",
        Primitive::Double | Primitive::Decimal => "f64",
        Primitive::Date
        | Primitive::DateTimeOffset
        | Primitive::TimeOfDay
        | Primitive::Duration
        | Primitive::Guid
        | Primitive::Binary => "String",
        Primitive::Stream
        | Primitive::Untyped
        | Primitive::Geography(_)
        | Primitive::Geometry(_)
        | Primitive::AnyPrimitive
        | Primitive::AnyComplex
        | Primitive::AnyEntity
        | Primitive::Path(_) => "serde_json::Value",
    }
    .to_owned()
}

/// Writing to a `String` cannot fail; this keeps the `?` chains free of `unwrap`.
fn fmt_error(err: std::fmt::Error) -> Error {
    Error(format!("formatting the naive model: {err}"))
}
