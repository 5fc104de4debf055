//! What a set of CSDL files holds, counted per schema: the data behind the `list` command.

use serde::Serialize;

use crate::csdl::{self, Annotation, Expr, ExprKind};
use crate::diag::{Diagnostics, Sources};

/// The CSDL of a small demo service (`contoso.identity`, with one element of most kinds): what
/// `odata-codegen list` summarizes when it is given no file.
pub const DEMO_METADATA: &str = include_str!("../data/demo.xml");

/// Counts of the elements of one schema (or of several, added up).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// `<EntityType>` elements.
    pub entity_types: usize,
    /// `<ComplexType>` elements.
    pub complex_types: usize,
    /// `<EnumType>` elements, flags enums included.
    pub enum_types: usize,
    /// `<EnumType IsFlags="true">` elements.
    pub flags_enum_types: usize,
    /// `<TypeDefinition>` elements.
    pub type_definitions: usize,
    /// `<Action>` elements (each overload counts).
    pub actions: usize,
    /// `<Function>` elements (each overload counts).
    pub functions: usize,
    /// `<EntityContainer>` elements.
    pub entity_containers: usize,
    /// `<Term>` elements.
    pub terms: usize,
    /// `<Annotation>` elements anywhere in the schema (inline, in `<Annotations>` blocks, nested).
    pub annotations: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.entity_types += other.entity_types;
        self.complex_types += other.complex_types;
        self.enum_types += other.enum_types;
        self.flags_enum_types += other.flags_enum_types;
        self.type_definitions += other.type_definitions;
        self.actions += other.actions;
        self.functions += other.functions;
        self.entity_containers += other.entity_containers;
        self.terms += other.terms;
        self.annotations += other.annotations;
    }
}

/// One schema in the summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SchemaSummary {
    /// The file it was read from.
    pub file: String,
    /// Its namespace.
    pub namespace: String,
    /// Its alias, if any.
    pub alias: Option<String>,
    /// What it declares.
    pub counts: Counts,
    /// The names it declares, spelled the way `--include` accepts them.
    pub names: Names,
}

/// The names a schema declares, each spelled the way `--include` (and
/// [`Builder::include`](crate::Builder::include)) accepts it: `namespace.Name` for types and operations,
/// `Container/member` for entity sets and singletons.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Names {
    /// Entity types, in document order.
    pub entity_types: Vec<String>,
    /// Complex types, in document order.
    pub complex_types: Vec<String>,
    /// Enum types (flags enums included), in document order.
    pub enum_types: Vec<String>,
    /// Type definitions, in document order.
    pub type_definitions: Vec<String>,
    /// Actions, each name once however many overloads it has.
    pub actions: Vec<String>,
    /// Functions, each name once however many overloads it has.
    pub functions: Vec<String>,
    /// Entity containers and their members.
    pub containers: Vec<ContainerNames>,
}

/// The members of one entity container, spelled the way `--include` accepts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ContainerNames {
    /// The container's qualified name (including it takes the types of all its sets and singletons).
    pub name: String,
    /// Entity sets: `Container/set`, the container by its simple name unless two loaded containers
    /// share it.
    pub entity_sets: Vec<String>,
    /// Singletons: `Container/singleton`, spelled like the entity sets.
    pub singletons: Vec<String>,
    /// Action imports, with the action each one imports (include the action by that name).
    pub action_imports: Vec<Import>,
    /// Function imports, with the function each one imports.
    pub function_imports: Vec<Import>,
}

/// An action or function import: its name in the container and the operation it imports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Import {
    /// The import's name (a URL segment of the service).
    pub name: String,
    /// The qualified name of the imported action or function, as the document writes it.
    pub operation: Option<String>,
}

/// One diagnostic in machine-readable form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiagnosticSummary {
    /// `error` or `warning`.
    pub severity: String,
    /// The stable code of the kind of problem (see `diag::codes`).
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// The file, when the problem has a place.
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column (in characters).
    pub column: Option<usize>,
    /// Extra explanation.
    pub notes: Vec<String>,
}

/// The summary of a set of files: schemas, totals and diagnostics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Every schema, in file order.
    pub schemas: Vec<SchemaSummary>,
    /// The counts of all schemas added up.
    pub totals: Counts,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Every diagnostic.
    pub diagnostics: Vec<DiagnosticSummary>,
}

impl Summary {
    /// Summarizes `documents` (read from `sources`) with the diagnostics found on them.
    pub fn new(sources: &Sources, documents: &[csdl::Document<'_>], diagnostics: &Diagnostics) -> Summary {
        let mut schemas = Vec::new();
        let mut totals = Counts::default();
        let containers = documents.iter().flat_map(|d| &d.schemas).flat_map(|s| &s.entity_containers);
        let mut container_names: Vec<&str> = containers.map(|c| c.name.as_str()).collect();
        container_names.sort_unstable();
        let shared = |name: &str| container_names.iter().filter(|n| **n == name).count() > 1;
        for document in documents {
            let file = sources.file(document.file).name().to_owned();
            for schema in &document.schemas {
                let counts = count_schema(schema);
                totals.add(&counts);
                schemas.push(SchemaSummary {
                    file: file.clone(),
                    namespace: schema.namespace.as_ref().map_or_else(String::new, |n| n.as_str().to_owned()),
                    alias: schema.alias.as_ref().map(|a| a.as_str().to_owned()),
                    counts,
                    names: schema_names(schema, &shared),
                });
            }
        }
        let diagnostics_out = diagnostics
            .iter()
            .map(|d| {
                let place = d.span.map(|span| (sources.file(span.file).name().to_owned(), sources.line_col(span)));
                DiagnosticSummary {
                    severity: d.severity.to_string(),
                    code: d.code.to_owned(),
                    message: d.message.clone(),
                    file: place.as_ref().map(|(file, _)| file.clone()),
                    line: place.as_ref().map(|(_, at)| at.line),
                    column: place.as_ref().map(|(_, at)| at.column),
                    notes: d.notes.clone(),
                }
            })
            .collect();
        Summary {
            schemas,
            totals,
            errors: diagnostics.error_count(),
            warnings: diagnostics.warning_count(),
            diagnostics: diagnostics_out,
        }
    }

    /// The summary as an aligned text table, one row per schema and a total row.
    pub fn to_table(&self) -> String {
        let header = [
            "namespace",
            "alias",
            "entity",
            "complex",
            "enum",
            "flags",
            "typedef",
            "action",
            "function",
            "container",
            "term",
            "annotation",
        ];
        let row = |namespace: &str, alias: &str, c: &Counts| -> Vec<String> {
            let numbers = [
                c.entity_types,
                c.complex_types,
                c.enum_types,
                c.flags_enum_types,
                c.type_definitions,
                c.actions,
                c.functions,
                c.entity_containers,
                c.terms,
                c.annotations,
            ];
            [namespace.to_owned(), alias.to_owned()]
                .into_iter()
                .chain(numbers.iter().map(ToString::to_string))
                .collect()
        };
        let mut rows: Vec<Vec<String>> = vec![header.iter().map(ToString::to_string).collect()];
        for schema in &self.schemas {
            rows.push(row(&schema.namespace, schema.alias.as_deref().unwrap_or("-"), &schema.counts));
        }
        rows.push(row(&format!("total ({} schemas)", self.schemas.len()), "", &self.totals));
        let widths: Vec<usize> = (0..header.len())
            .map(|i| rows.iter().map(|r| r.get(i).map_or(0, |c| c.chars().count())).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for row in rows {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (cell, width))| if i < 2 { format!("{cell:<width$}") } else { format!("{cell:>width$}") })
                .collect();
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
        }
        out
    }

    /// The names of every schema as an indented tree: namespaces, then their types, operations and
    /// containers, each name spelled the way `--include` accepts it.
    pub fn to_tree(&self) -> String {
        let mut out = String::new();
        for schema in &self.schemas {
            let namespace = if schema.namespace.is_empty() { "(no namespace)" } else { &schema.namespace };
            match &schema.alias {
                Some(alias) => out.push_str(&format!("{namespace} (alias {alias}: `{alias}.Name` works too)\n")),
                None => out.push_str(&format!("{namespace}\n")),
            }
            let names = &schema.names;
            let groups = [
                ("entity types", &names.entity_types),
                ("complex types", &names.complex_types),
                ("enum types", &names.enum_types),
                ("type definitions", &names.type_definitions),
                ("actions", &names.actions),
                ("functions", &names.functions),
            ];
            for (title, list) in groups {
                push_group(&mut out, "  ", title, list.iter().map(String::as_str));
            }
            for container in &names.containers {
                out.push_str(&format!("  entity container {}\n", container.name));
                push_group(&mut out, "    ", "entity sets", container.entity_sets.iter().map(String::as_str));
                push_group(&mut out, "    ", "singletons", container.singletons.iter().map(String::as_str));
                for (title, imports) in
                    [("action imports", &container.action_imports), ("function imports", &container.function_imports)]
                {
                    let lines = imports.iter().map(|import| match &import.operation {
                        Some(operation) => format!("{} (include {operation})", import.name),
                        None => import.name.clone(),
                    });
                    let lines: Vec<String> = lines.collect();
                    push_group(&mut out, "    ", title, lines.iter().map(String::as_str));
                }
            }
        }
        out
    }
}

/// Appends `title` and one line per name, indented under `indent`; nothing when there are no names.
fn push_group<'n>(out: &mut String, indent: &str, title: &str, names: impl ExactSizeIterator<Item = &'n str>) {
    if names.len() == 0 {
        return;
    }
    out.push_str(&format!("{indent}{title} ({})\n", names.len()));
    for name in names {
        out.push_str(&format!("{indent}  {name}\n"));
    }
}

/// The names `schema` declares, spelled for `--include`; `shared` tells whether another loaded container
/// has the same simple name (then members are written with the container's qualified name).
fn schema_names(schema: &csdl::Schema<'_>, shared: &dyn Fn(&str) -> bool) -> Names {
    let namespace = schema.namespace.as_ref().map_or("", |n| n.as_str());
    let qualify = |name: &str| if namespace.is_empty() { name.to_owned() } else { format!("{namespace}.{name}") };
    let qualified_all = |names: &mut dyn Iterator<Item = &str>| {
        let mut out: Vec<String> = Vec::new();
        for name in names {
            let name = qualify(name);
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    };
    let containers = schema
        .entity_containers
        .iter()
        .map(|container| {
            let name = container.name.as_str();
            let prefix = if shared(name) { qualify(name) } else { name.to_owned() };
            let member = |member: &str| format!("{prefix}/{member}");
            let import = |name: &csdl::Text<'_>, operation: Option<&csdl::Text<'_>>| Import {
                name: name.as_str().to_owned(),
                operation: operation.map(|o| o.as_str().to_owned()),
            };
            ContainerNames {
                name: qualify(name),
                entity_sets: container.entity_sets.iter().map(|s| member(s.name.as_str())).collect(),
                singletons: container.singletons.iter().map(|s| member(s.name.as_str())).collect(),
                action_imports: container.action_imports.iter().map(|i| import(&i.name, i.action.as_ref())).collect(),
                function_imports: container
                    .function_imports
                    .iter()
                    .map(|i| import(&i.name, i.function.as_ref()))
                    .collect(),
            }
        })
        .collect();
    Names {
        entity_types: qualified_all(&mut schema.entity_types.iter().map(|t| t.name.as_str())),
        complex_types: qualified_all(&mut schema.complex_types.iter().map(|t| t.name.as_str())),
        enum_types: qualified_all(&mut schema.enum_types.iter().map(|t| t.name.as_str())),
        type_definitions: qualified_all(&mut schema.type_definitions.iter().map(|t| t.name.as_str())),
        actions: qualified_all(&mut schema.actions.iter().map(|o| o.name.as_str())),
        functions: qualified_all(&mut schema.functions.iter().map(|o| o.name.as_str())),
        containers,
    }
}

fn count_schema(schema: &csdl::Schema<'_>) -> Counts {
    let mut annotations = count_annotations(&schema.annotations);
    for ty in schema.entity_types.iter().chain(&schema.complex_types) {
        annotations += count_annotations(&ty.annotations);
        annotations += ty.properties.iter().map(|p| count_annotations(&p.annotations)).sum::<usize>();
        for navigation in &ty.navigation_properties {
            annotations += count_annotations(&navigation.annotations);
            annotations +=
                navigation.referential_constraints.iter().map(|r| count_annotations(&r.annotations)).sum::<usize>();
            annotations += navigation.on_delete.as_ref().map_or(0, |o| count_annotations(&o.annotations));
        }
    }
    for ty in &schema.enum_types {
        annotations += count_annotations(&ty.annotations);
        annotations += ty.members.iter().map(|m| count_annotations(&m.annotations)).sum::<usize>();
    }
    annotations += schema.type_definitions.iter().map(|t| count_annotations(&t.annotations)).sum::<usize>();
    for operation in schema.actions.iter().chain(&schema.functions) {
        annotations += count_annotations(&operation.annotations);
        annotations += operation.parameters.iter().map(|p| count_annotations(&p.annotations)).sum::<usize>();
        annotations += operation.return_type.as_ref().map_or(0, |r| count_annotations(&r.annotations));
    }
    annotations += schema.terms.iter().map(|t| count_annotations(&t.annotations)).sum::<usize>();
    for container in &schema.entity_containers {
        annotations += count_annotations(&container.annotations);
        annotations += container.entity_sets.iter().map(|s| count_annotations(&s.annotations)).sum::<usize>();
        annotations += container.singletons.iter().map(|s| count_annotations(&s.annotations)).sum::<usize>();
        annotations += container.action_imports.iter().map(|s| count_annotations(&s.annotations)).sum::<usize>();
        annotations += container.function_imports.iter().map(|s| count_annotations(&s.annotations)).sum::<usize>();
    }
    annotations += schema.annotation_blocks.iter().map(|b| count_annotations(&b.annotations)).sum::<usize>();
    Counts {
        entity_types: schema.entity_types.len(),
        complex_types: schema.complex_types.len(),
        enum_types: schema.enum_types.len(),
        flags_enum_types: schema.enum_types.iter().filter(|e| e.is_flags.as_ref().is_some_and(|f| f.value)).count(),
        type_definitions: schema.type_definitions.len(),
        actions: schema.actions.len(),
        functions: schema.functions.len(),
        entity_containers: schema.entity_containers.len(),
        terms: schema.terms.len(),
        annotations,
    }
}

/// Counts annotations, including those nested in annotations and in their values.
fn count_annotations(annotations: &[Annotation<'_>]) -> usize {
    annotations.iter().map(|a| 1 + count_annotations(&a.annotations) + a.value.as_ref().map_or(0, count_in_expr)).sum()
}

fn count_in_expr(expr: &Expr<'_>) -> usize {
    let nested = match &expr.kind {
        ExprKind::Apply { arguments: items, .. }
        | ExprKind::Collection(items)
        | ExprKind::If(items)
        | ExprKind::Operator { operands: items, .. } => items.iter().map(count_in_expr).sum(),
        ExprKind::Cast { operand, .. } | ExprKind::IsOf { operand, .. } | ExprKind::UrlRef(operand) => {
            operand.as_deref().map_or(0, count_in_expr)
        }
        ExprKind::LabeledElement { value, .. } => value.as_deref().map_or(0, count_in_expr),
        ExprKind::Record { properties, .. } => properties
            .iter()
            .map(|p| count_annotations(&p.annotations) + p.value.as_ref().map_or(0, count_in_expr))
            .sum(),
        _ => 0,
    };
    nested + count_annotations(&expr.annotations)
}

/// Reads every file of `sources`, builds the model and summarizes it: what `list` prints.
///
/// The model is only checked when every file is well-formed XML; otherwise a truncated document
/// would produce a flood of follow-on errors.
pub fn summarize(sources: &Sources) -> (Summary, Diagnostics) {
    summarize_with(sources, Diagnostics::default())
}

/// [`summarize`], with `earlier` problems (e.g. files that could not be read) reported first.
pub fn summarize_with(sources: &Sources, earlier: Diagnostics) -> (Summary, Diagnostics) {
    let parsed = csdl::parse_all(sources);
    let mut diagnostics = earlier;
    diagnostics.extend(parsed.diagnostics);
    if parsed.well_formed {
        let (_, model_diagnostics) = crate::model::Model::build(&parsed.documents);
        diagnostics.extend(model_diagnostics);
    }
    diagnostics.sort();
    (Summary::new(sources, &parsed.documents, &diagnostics), diagnostics)
}
