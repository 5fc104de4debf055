//! `subset`: a [`Selection`] written back as a smaller, valid CSDL XML document.
//!
//! Elements are copied **verbatim** from the source text (their exact bytes, with their own indentation,
//! inline annotations and comments inside them), in source order, each in the schema it was declared in.
//! The wrappers (`<edmx:Edmx>`, `<edmx:DataServices>`, `<Schema>` start and end tags) are written anew, with
//! the standard namespace declarations only (prefixes that a source declares on its own wrappers and uses
//! inside copied elements are not carried over; Graph uses none). The version is `4.01` when any input is.
//! What is written:
//! - the `<edmx:Reference>`s of the input, verbatim (identical ones once);
//! - per schema with anything kept: the selected types, actions and functions, the vocabulary terms that
//!   kept annotations use, the schema's own inline annotations;
//! - navigation properties only when their target type is selected (not when it is absent from the input:
//!   a reference the subset could not satisfy either): the selection is cut there, and their bytes are left
//!   out of the copy;
//! - the entity container with only the entity sets and singletons whose type is selected, the imports of
//!   selected operations, and only the `NavigationPropertyBinding`s whose path runs through kept navigation
//!   properties and whose target set or singleton is kept; its `Extends` attribute is left out when the
//!   container it names is not written (nothing of it was selected), so that it never dangles;
//! - every `<Annotations Target>` block whose target resolves to a kept element (a selected type or one of its
//!   members, a selected operation, parameter or return type, a kept container member), verbatim, in the
//!   schema where it was found; blocks whose target did not resolve in the input are dropped;
//! - an empty `<Schema Namespace Alias/>` for a schema that has nothing kept but whose namespace or alias
//!   a kept element uses in a reference that did not resolve, so that the reference keeps its meaning.
//!
//! Types that the input references but does not declare (the 28 absent types of Graph's beta excerpt) stay
//! referenced: the model reports them as `unknown type` errors, [`cut`] accepts those errors (they are not
//! the subset's doing) and the output has them too. Every other error of the input stops [`cut`].

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::csdl::{Document, NavigationPropertyBinding, Text};
use crate::diag::{Diagnostics, FileId, Sources, Span};
use crate::model::{ContainerId, Model, Named, SchemaId, Target, TermId, TypeId, TypeKind, TypeRef, TypeTarget};
pub use crate::pipeline::is_absent_type;
use crate::pipeline::with_selection;
use crate::select::{MemberKind, Selection, SelectionOptions};

/// The namespace of CSDL elements.
const EDM_NAMESPACE: &str = "http://docs.oasis-open.org/odata/ns/edm";
/// The namespace of the EDMX wrapper elements.
const EDMX_NAMESPACE: &str = "http://docs.oasis-open.org/odata/ns/edmx";

/// What one schema of the subset holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NamespaceCount {
    /// The schema's namespace.
    pub namespace: String,
    /// Types written.
    pub types: usize,
    /// Actions and functions written (each overload counts).
    pub operations: usize,
    /// `<Annotations Target>` blocks written.
    pub annotation_blocks: usize,
}

/// A cut subset: the document text and what it holds.
#[derive(Debug)]
pub struct Subset {
    /// The CSDL XML document.
    pub xml: String,
    /// One entry per schema written, in output order.
    pub namespaces: Vec<NamespaceCount>,
    /// The input's warnings and its errors for absent types, which did not stop the cut.
    pub input_diagnostics: Diagnostics,
}

/// Reads `sources`, selects `roots` with `options` and writes the subset. Fails with the errors that stop
/// it (see [`with_selection`]).
pub fn cut(sources: &Sources, roots: &[&str], options: &SelectionOptions) -> Result<Subset, Diagnostics> {
    let comment = provenance(sources, roots, options);
    let written = with_selection(sources, roots, options, |documents, model, selection| {
        write(sources, documents, model, selection, Some(&comment))
    });
    let ((xml, namespaces), input_diagnostics) = written?;
    Ok(Subset { xml, namespaces, input_diagnostics })
}

/// The comment naming the input files, roots and options.
fn provenance(sources: &Sources, roots: &[&str], options: &SelectionOptions) -> String {
    let files: Vec<&str> =
        sources.files().map(|(_, file)| file.name().rsplit(['/', '\\']).next().unwrap_or(file.name())).collect();
    let yes_no = |on: bool| if on { "yes" } else { "no" };
    let text = format!(
        "Cut by odata-codegen subset from {}; roots: {}; follow navigation: {}, derived types: {}, bound operations: {}. \
         Elements are verbatim copies of the source.",
        files.join(", "),
        roots.join(", "),
        yes_no(options.follow_navigation),
        yes_no(options.include_derived),
        yes_no(options.include_bound_operations),
    );
    text
}

/// Writes `selection` of `model` (built from `documents`, read from `sources`) as a CSDL document, with
/// `comment` after the XML declaration (`--`, not allowed in XML comments, is written `- -`). Returns the text and what each written schema holds.
pub fn write(
    sources: &Sources,
    documents: &[Document<'_>],
    model: &Model<'_>,
    selection: &Selection,
    comment: Option<&str>,
) -> (String, Vec<NamespaceCount>) {
    let plan = Plan::new(sources, model, selection);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    if let Some(comment) = comment {
        let _ = writeln!(out, "<!-- {} -->", comment.replace("--", "- -"));
    }
    let version =
        if documents.iter().any(|d| d.version.as_ref().is_some_and(|v| v.as_str() == "4.01")) { "4.01" } else { "4.0" };
    let _ = writeln!(out, "<edmx:Edmx Version=\"{version}\" xmlns:edmx=\"{EDMX_NAMESPACE}\">");
    let mut references = HashSet::new();
    for document in documents {
        let text = sources.file(document.file).text();
        for reference in &document.references {
            let copy = copy_element(text, reference.extent, &[], "  ");
            if references.insert(copy.clone()) {
                out.push_str(&copy);
            }
        }
    }
    out.push_str("  <edmx:DataServices>\n");
    let mut counts = Vec::new();
    for (index, schema) in model.schemas.iter().enumerate() {
        let pieces = &plan.pieces[index];
        if pieces.is_empty() && !plan.needed[index] {
            continue;
        }
        let mut tag = format!("    <Schema Namespace=\"{}\"", escape(schema.namespace));
        if let Some(alias) = schema.alias {
            let _ = write!(tag, " Alias=\"{}\"", escape(alias));
        }
        let _ = write!(tag, " xmlns=\"{EDM_NAMESPACE}\"");
        let mut count = NamespaceCount { namespace: schema.namespace.to_owned(), ..NamespaceCount::default() };
        if pieces.is_empty() {
            out.push_str(&tag);
            out.push_str(" />\n");
        } else {
            out.push_str(&tag);
            out.push_str(">\n");
            let mut sorted: Vec<&Piece> = pieces.iter().collect();
            sorted.sort_by_key(|p| p.start);
            for piece in sorted {
                match piece.kind {
                    PieceKind::Type => count.types += 1,
                    PieceKind::Operation => count.operations += 1,
                    PieceKind::AnnotationBlock => count.annotation_blocks += 1,
                    PieceKind::Other => {}
                }
                out.push_str(&piece.text);
            }
            out.push_str("    </Schema>\n");
        }
        counts.push(count);
    }
    out.push_str("  </edmx:DataServices>\n</edmx:Edmx>\n");
    (out, counts)
}

/// What a piece of output is, for the counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PieceKind {
    Type,
    Operation,
    AnnotationBlock,
    Other,
}

/// One element of a schema as it will be written.
struct Piece {
    /// Where it starts in the source, for source order.
    start: usize,
    kind: PieceKind,
    text: String,
}

/// What is written, decided element by element.
struct Plan<'m, 'a> {
    sources: &'m Sources,
    model: &'m Model<'a>,
    selection: &'m Selection,
    members: HashSet<(ContainerId, MemberKind, u32)>,
    terms: HashSet<TermId>,
    /// Per schema: the pieces written.
    pieces: Vec<Vec<Piece>>,
    /// Per schema: written (maybe empty) because a kept unresolved reference uses its namespace or alias.
    needed: Vec<bool>,
}

impl<'m, 'a> Plan<'m, 'a> {
    fn new(sources: &'m Sources, model: &'m Model<'a>, selection: &'m Selection) -> Plan<'m, 'a> {
        let members = selection.container_members().iter().map(|m| (m.container, m.kind, m.index)).collect();
        let count = model.schemas.len();
        let mut plan = Plan {
            sources,
            model,
            selection,
            members,
            terms: HashSet::new(),
            pieces: (0..count).map(|_| Vec::new()).collect(),
            needed: vec![false; count],
        };
        plan.terms = plan.used_terms();
        plan.add_types();
        plan.add_operations_and_terms();
        plan.add_containers();
        plan.add_annotation_blocks();
        plan.add_schema_annotations();
        plan
    }

    fn text(&self, file: FileId) -> &'m str {
        self.sources.file(file).text()
    }

    fn push(&mut self, schema: SchemaId, extent: Span, cuts: &[Span], kind: PieceKind) {
        let file = self.model.schema(schema).file;
        let text = copy_element(self.text(file), extent, cuts, "      ");
        if let Some(pieces) = self.pieces.get_mut(schema.index()) {
            pieces.push(Piece { start: extent.start as usize, kind, text });
        }
    }

    /// Whether the navigation property `index` of the selected type `id` is written.
    fn navigation_kept(&self, id: TypeId, index: usize) -> bool {
        let Some(structured) = self.model.ty(id).as_structured() else { return false };
        self.selection.contains(id)
            && structured
                .navigation_properties
                .get(index)
                .is_some_and(|n| matches!(n.ty.target, TypeTarget::Named(target) if self.selection.contains(target)))
    }

    fn add_types(&mut self) {
        for &id in self.selection.types() {
            let ty = self.model.ty(id);
            let (extent, cuts) = match &ty.kind {
                TypeKind::Structured(structured) => {
                    let syntax = structured.syntax;
                    let cuts: Vec<Span> = (0..structured.navigation_properties.len())
                        .filter(|i| !self.navigation_kept(id, *i))
                        .filter_map(|i| syntax.navigation_properties.get(i).map(|n| n.extent))
                        .collect();
                    for property in &structured.properties {
                        self.note_unresolved(property.ty);
                    }
                    for (i, navigation) in structured.navigation_properties.iter().enumerate() {
                        if self.navigation_kept(id, i) {
                            self.note_unresolved(navigation.ty);
                        }
                    }
                    if structured.base.is_none()
                        && let Some(base) = &syntax.base_type
                    {
                        self.note_name(base.as_str());
                    }
                    (syntax.extent, cuts)
                }
                TypeKind::Enum(e) => (e.syntax.extent, Vec::new()),
                TypeKind::Definition(d) => (d.syntax.extent, Vec::new()),
            };
            self.push(ty.schema, extent, &cuts, PieceKind::Type);
        }
    }

    fn add_operations_and_terms(&mut self) {
        for &id in self.selection.operations() {
            let operation = &self.model.operations[id.index()];
            for parameter in &operation.parameters {
                self.note_unresolved(parameter.ty);
            }
            if let Some(return_type) = &operation.return_type {
                self.note_unresolved(return_type.ty);
            }
            self.push(operation.schema, operation.syntax.extent, &[], PieceKind::Operation);
        }
        let mut terms: Vec<TermId> = self.terms.iter().copied().collect();
        terms.sort();
        for id in terms {
            let term = &self.model.terms[id.index()];
            let Some(schema) = self.model.schemas.iter().position(|s| s.namespace == term.namespace) else { continue };
            if let Some(ty) = term.ty {
                self.note_unresolved(ty);
            }
            self.push(schema_id(schema), term.syntax.extent, &[], PieceKind::Other);
        }
    }

    /// The terms of the model that annotations of kept elements use, when their type can be kept too.
    fn used_terms(&self) -> HashSet<TermId> {
        let mut terms = HashSet::new();
        for target in self.kept_targets() {
            for annotation in self.model.annotations_of(target) {
                let name = format!("{}.{}", annotation.term_namespace, annotation.term_name);
                if let Some(Named::Term(id)) = self.model.lookup(&name) {
                    let term = &self.model.terms[id.index()];
                    if term.ty.is_none_or(|ty| self.selection.allows(ty)) {
                        terms.insert(*id);
                    }
                }
            }
        }
        terms
    }

    /// Every kept element that annotations can target, except terms and whole containers.
    fn kept_targets(&self) -> Vec<Target> {
        let mut targets = Vec::new();
        let index = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        for &id in self.selection.types() {
            targets.push(Target::Type(id));
            match &self.model.ty(id).kind {
                TypeKind::Structured(s) => {
                    targets.extend((0..s.properties.len()).map(|i| Target::Property(id, index(i))));
                    let navigations = (0..s.navigation_properties.len()).filter(|i| self.navigation_kept(id, *i));
                    targets.extend(navigations.map(|i| Target::NavigationProperty(id, index(i))));
                }
                TypeKind::Enum(e) => targets.extend((0..e.members.len()).map(|i| Target::Member(id, index(i)))),
                TypeKind::Definition(_) => {}
            }
        }
        for &id in self.selection.operations() {
            let operation = &self.model.operations[id.index()];
            targets.push(Target::Operation(id));
            targets.extend((0..operation.parameters.len()).map(|i| Target::Parameter(id, index(i))));
            targets.push(Target::ReturnType(id));
        }
        for member in self.selection.container_members() {
            targets.push(match member.kind {
                MemberKind::EntitySet => Target::EntitySet(member.container, member.index),
                MemberKind::Singleton => Target::Singleton(member.container, member.index),
            });
        }
        targets
    }

    /// Whether the container member named `name` of `container` is kept.
    fn member_named_kept(&self, container: ContainerId, name: &str) -> bool {
        let syntax = self.model.containers[container.index()].syntax;
        let set = syntax.entity_sets.iter().position(|s| s.name.as_str() == name).map(|i| (MemberKind::EntitySet, i));
        let singleton = syntax.singletons.iter().position(|s| s.name.as_str() == name);
        let found = set.or(singleton.map(|i| (MemberKind::Singleton, i)));
        found.is_some_and(|(kind, i)| u32::try_from(i).is_ok_and(|i| self.members.contains(&(container, kind, i))))
    }

    /// Whether a binding is kept: its path runs through kept navigation properties (and type casts to
    /// selected types) from the member's type `source`, and its target (`set`, `Container.Qualified/set`
    /// or a path below either) is kept.
    fn binding_kept(
        &self,
        container: ContainerId,
        source: Option<TypeId>,
        binding: &NavigationPropertyBinding<'_>,
    ) -> bool {
        let (Some(mut current), Some(path)) = (source, &binding.path) else { return false };
        for segment in path.as_str().split('/') {
            if segment.contains('.') {
                match self.model.type_id(segment) {
                    Some(cast) if self.selection.contains(cast) => current = cast,
                    _ => return false,
                }
                continue;
            }
            let found = self.model.lineage(current).into_iter().find_map(|owner| {
                let structured = self.model.ty(owner).as_structured()?;
                let index = structured.navigation_properties.iter().position(|n| n.name == segment)?;
                Some((owner, index, structured.navigation_properties[index].ty.target))
            });
            match found {
                Some((owner, index, TypeTarget::Named(target))) if self.navigation_kept(owner, index) => {
                    current = target
                }
                _ => return false,
            }
        }
        let Some(target) = &binding.target else { return false };
        let mut segments = target.as_str().split('/');
        let first = segments.next().unwrap_or("");
        if !first.contains('.') {
            return self.member_named_kept(container, first);
        }
        match self.model.lookup(first) {
            Some(Named::Container(other)) => self.member_named_kept(*other, segments.next().unwrap_or("")),
            _ => false,
        }
    }

    /// Whether an action or function import is kept: its operation (some unbound overload) is selected.
    fn import_kept(&self, operation: Option<&Text<'_>>) -> bool {
        operation.is_some_and(|name| {
            let overloads = self.model.operations_named(name.as_str()).iter();
            overloads
                .filter(|id| !self.model.operations[id.index()].is_bound)
                .any(|id| self.selection.contains_operation(*id))
        })
    }

    fn container_written(&self, id: ContainerId) -> bool {
        let syntax = self.model.containers[id.index()].syntax;
        self.members.iter().any(|(c, _, _)| *c == id)
            || syntax.action_imports.iter().any(|i| self.import_kept(i.action.as_ref()))
            || syntax.function_imports.iter().any(|i| self.import_kept(i.function.as_ref()))
    }

    fn add_containers(&mut self) {
        for (index, container) in self.model.containers.iter().enumerate() {
            let id = ContainerId(u32::try_from(index).unwrap_or(u32::MAX));
            if !self.container_written(id) {
                continue;
            }
            let syntax = container.syntax;
            let mut cuts = Vec::new();
            for (i, set) in syntax.entity_sets.iter().enumerate() {
                let member = (MemberKind::EntitySet, i, container.entity_set_types.get(i).copied().flatten());
                self.member_cuts(id, member, set.extent, &set.navigation_property_bindings, &mut cuts);
            }
            for (i, singleton) in syntax.singletons.iter().enumerate() {
                let member = (MemberKind::Singleton, i, container.singleton_types.get(i).copied().flatten());
                self.member_cuts(id, member, singleton.extent, &singleton.navigation_property_bindings, &mut cuts);
            }
            cuts.extend(
                syntax.action_imports.iter().filter(|i| !self.import_kept(i.action.as_ref())).map(|i| i.extent),
            );
            let functions = syntax.function_imports.iter();
            cuts.extend(functions.filter(|i| !self.import_kept(i.function.as_ref())).map(|i| i.extent));
            // `Extends` naming a container that is not written would dangle: the attribute goes (none of
            // the base's members were selected, so the kept container includes nothing of it anyway).
            if let Some(extends) = &syntax.extends
                && let Some(Named::Container(base)) = self.model.lookup(extends.as_str())
                && !self.container_written(*base)
                && let Some(attribute) = attribute_extent(self.text(extends.span.file), extends.span, "Extends")
            {
                cuts.push(attribute);
            }
            let Some(schema) = self.model.schemas.iter().position(|s| s.namespace == container.namespace) else {
                continue;
            };
            self.push(schema_id(schema), syntax.extent, &cuts, PieceKind::Other);
        }
    }

    /// What to leave out of a container member: all of it, or the bindings to targets left out.
    fn member_cuts(
        &self,
        container: ContainerId,
        (kind, index, source): (MemberKind, usize, Option<TypeId>),
        extent: Span,
        bindings: &[NavigationPropertyBinding<'_>],
        cuts: &mut Vec<Span>,
    ) {
        if u32::try_from(index).is_ok_and(|i| self.members.contains(&(container, kind, i))) {
            cuts.extend(bindings.iter().filter(|b| !self.binding_kept(container, source, b)).map(|b| b.extent));
        } else {
            cuts.push(extent);
        }
    }

    /// Whether an annotation target is kept.
    fn target_kept(&self, target: Target) -> bool {
        match target {
            Target::Schema(_) => false,
            Target::Type(id) | Target::Property(id, _) | Target::Member(id, _) => self.selection.contains(id),
            Target::NavigationProperty(id, i) => self.navigation_kept(id, i as usize),
            Target::Operation(id) | Target::Parameter(id, _) | Target::ReturnType(id) => {
                self.selection.contains_operation(id)
            }
            Target::Term(id) => self.terms.contains(&id),
            Target::Container(id) => self.container_written(id),
            Target::EntitySet(id, i) => self.members.contains(&(id, MemberKind::EntitySet, i)),
            Target::Singleton(id, i) => self.members.contains(&(id, MemberKind::Singleton, i)),
            Target::ActionImport(id, i) => {
                let imports = &self.model.containers[id.index()].syntax.action_imports;
                imports.get(i as usize).is_some_and(|import| self.import_kept(import.action.as_ref()))
            }
            Target::FunctionImport(id, i) => {
                let imports = &self.model.containers[id.index()].syntax.function_imports;
                imports.get(i as usize).is_some_and(|import| self.import_kept(import.function.as_ref()))
            }
        }
    }

    /// Keeps a block when it resolves to a kept element and, when its path starts at a type, that type is
    /// selected (`derived/inheritedProperty` resolves to the base's property, but needs `derived` itself).
    fn add_annotation_blocks(&mut self) {
        for index in 0..self.model.schemas.len() {
            let syntax = self.model.schemas[index].syntax;
            for (i, block) in syntax.annotation_blocks.iter().enumerate() {
                let targets = self.model.annotations_block_targets(schema_id(index), i);
                if !targets.iter().any(|t| self.target_kept(*t)) {
                    continue;
                }
                let head = block.target.as_ref().map_or("", |t| t.as_str().split(['/', '(']).next().unwrap_or(""));
                if let Some(Named::Type(id)) = self.model.lookup(head)
                    && !self.selection.contains(*id)
                {
                    continue;
                }
                self.push(schema_id(index), block.extent, &[], PieceKind::AnnotationBlock);
            }
        }
    }

    /// The inline annotations of every schema that is written.
    fn add_schema_annotations(&mut self) {
        for index in 0..self.model.schemas.len() {
            if self.pieces[index].is_empty() {
                continue;
            }
            let syntax = self.model.schemas[index].syntax;
            for annotation in &syntax.annotations {
                self.push(schema_id(index), annotation.extent, &[], PieceKind::Other);
            }
        }
    }

    fn note_unresolved(&mut self, ty: TypeRef<'_>) {
        if let TypeTarget::Unresolved(name) = ty.target {
            self.note_name(name);
        }
    }

    /// Marks the schema whose namespace or alias prefixes `name` as needed.
    fn note_name(&mut self, name: &str) {
        let name = name.strip_prefix("Collection(").and_then(|n| n.strip_suffix(')')).unwrap_or(name);
        let Some((prefix, _)) = name.rsplit_once('.') else { return };
        for (index, schema) in self.model.schemas.iter().enumerate() {
            if schema.namespace == prefix || schema.alias == Some(prefix) {
                self.needed[index] = true;
            }
        }
    }
}

fn schema_id(index: usize) -> SchemaId {
    SchemaId(u32::try_from(index).unwrap_or(u32::MAX))
}

/// The element at `extent` of `text` as whole lines, ending with a newline: from the start of its line
/// when only white space precedes it there (keeping its indentation), else with `indent` before it. The
/// `cuts` (child elements inside it) are left out, with their lines when they stand alone on them.
fn copy_element(text: &str, extent: Span, cuts: &[Span], indent: &str) -> String {
    let (start, end) = (extent.start as usize, extent.end as usize);
    let mut out = String::new();
    let mut at = match line_start(text, start) {
        Some(line) => line,
        None => {
            out.push_str(indent);
            start
        }
    };
    let mut cuts: Vec<(usize, usize)> = cuts.iter().map(|cut| whole_lines(text, *cut)).collect();
    cuts.sort_unstable();
    for (cut_start, cut_end) in cuts {
        if cut_start < at || cut_end > end {
            continue;
        }
        out.push_str(text.get(at..cut_start).unwrap_or(""));
        at = cut_end;
    }
    out.push_str(text.get(at..end).unwrap_or(""));
    out.push('\n');
    out
}

/// The start of the line holding `pos`, when only spaces and tabs stand between them.
fn line_start(text: &str, pos: usize) -> Option<usize> {
    let before = text.get(..pos)?;
    let trimmed = before.trim_end_matches([' ', '\t']);
    (trimmed.is_empty() || trimmed.ends_with('\n') || trimmed.ends_with('\u{feff}')).then_some(trimmed.len())
}

/// The attribute `key` whose value is at `value` (inside its quotes), with the white space before it:
/// what to cut to leave the attribute out of a start tag. `None` when the text around does not read so.
fn attribute_extent(text: &str, value: Span, key: &str) -> Option<Span> {
    let before = text.get(..value.start as usize)?;
    let quote = before.chars().next_back().filter(|c| *c == '"' || *c == '\'')?;
    let rest = before[..before.len() - 1].trim_end().strip_suffix('=')?.trim_end().strip_suffix(key)?;
    let start = rest.trim_end().len();
    let end = value.end as usize + quote.len_utf8();
    (start < rest.len() && text.get(value.end as usize..end) == Some(quote.encode_utf8(&mut [0; 4]))).then(|| Span {
        start: u32::try_from(start).unwrap_or(u32::MAX),
        end: u32::try_from(end).unwrap_or(u32::MAX),
        ..value
    })
}

/// `span` widened to whole lines (indentation and line break) when it stands alone on its lines.
fn whole_lines(text: &str, span: Span) -> (usize, usize) {
    let (start, end) = (span.start as usize, span.end as usize);
    if let Some(line) = line_start(text, start) {
        let rest = text.get(end..).unwrap_or("").trim_start_matches([' ', '\t']);
        if let Some(after) = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')) {
            return (line, text.len() - after.len());
        }
    }
    (start, end)
}

/// `value` escaped for an attribute in double quotes.
fn escape(value: &str) -> String {
    value.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core" />
  </edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="test.main" Alias="m" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="status"><Member Name="on" Value="0"/></EnumType>
      <ComplexType Name="auth" Abstract="true" />
      <ComplexType Name="basicAuth" BaseType="m.auth">
        <Property Name="user" Type="Edm.String" />
      </ComplexType>
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="connector" BaseType="m.entity">
        <Property Name="status" Type="m.status" />
        <Property Name="auth" Type="m.auth" />
        <Property Name="json" Type="t.Json" />
        <NavigationProperty Name="group" Type="m.group" />
        <NavigationProperty Name="app" Type="m.application" />
        <Annotation Term="m.flag" Bool="true" />
      </EntityType>
      <EntityType Name="group" BaseType="m.entity">
        <NavigationProperty Name="members" Type="Collection(m.connector)" />
      </EntityType>
      <Action Name="reset" IsBound="true"><Parameter Name="bindingParameter" Type="m.connector" /></Action>
      <Term Name="flag" Type="Edm.Boolean" />
      <Term Name="unused" Type="Edm.Boolean" />
      <EntityContainer Name="Service">
        <EntitySet Name="connectors" EntityType="m.connector">
          <NavigationPropertyBinding Path="group" Target="groups" />
        </EntitySet>
        <EntitySet Name="groups" EntityType="m.group">
          <NavigationPropertyBinding Path="members" Target="connectors" />
        </EntitySet>
      </EntityContainer>
    </Schema>
    <Schema Namespace="test.other" Alias="x" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="unused" />
      <Annotations Target="m.connector">
        <Annotation Term="Core.Description" String="A connector." />
      </Annotations>
      <Annotations Target="m.connector/group">
        <Annotation Term="Core.Description" String="Its group." />
      </Annotations>
      <Annotations Target="m.group/id">
        <Annotation Term="Core.Description" String="Inherited by a type left out." />
      </Annotations>
      <Annotations Target="m.connector/id"><Annotation Term="Core.Computed" /></Annotations>
      <Annotations Target="m.Service/connectors"><Annotation Term="Core.Description" String="All." /></Annotations>
      <Annotations Target="m.reset(m.connector)"><Annotation Term="Core.Description" String="Resets." /></Annotations>
    </Schema>
    <Schema Namespace="test.third" Alias="t" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="unused" />
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

    const EXPECTED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<!-- Cut by odata-codegen subset from test.xml; roots: m.connector; follow navigation: no, derived types: yes, bound operations: yes. Elements are verbatim copies of the source. -->
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core" />
  </edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="test.main" Alias="m" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="status"><Member Name="on" Value="0"/></EnumType>
      <ComplexType Name="auth" Abstract="true" />
      <ComplexType Name="basicAuth" BaseType="m.auth">
        <Property Name="user" Type="Edm.String" />
      </ComplexType>
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="connector" BaseType="m.entity">
        <Property Name="status" Type="m.status" />
        <Property Name="auth" Type="m.auth" />
        <Property Name="json" Type="t.Json" />
        <Annotation Term="m.flag" Bool="true" />
      </EntityType>
      <Action Name="reset" IsBound="true"><Parameter Name="bindingParameter" Type="m.connector" /></Action>
      <Term Name="flag" Type="Edm.Boolean" />
      <EntityContainer Name="Service">
        <EntitySet Name="connectors" EntityType="m.connector">
        </EntitySet>
      </EntityContainer>
    </Schema>
    <Schema Namespace="test.other" Alias="x" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <Annotations Target="m.connector">
        <Annotation Term="Core.Description" String="A connector." />
      </Annotations>
      <Annotations Target="m.connector/id"><Annotation Term="Core.Computed" /></Annotations>
      <Annotations Target="m.Service/connectors"><Annotation Term="Core.Description" String="All." /></Annotations>
      <Annotations Target="m.reset(m.connector)"><Annotation Term="Core.Description" String="Resets." /></Annotations>
    </Schema>
    <Schema Namespace="test.third" Alias="t" xmlns="http://docs.oasis-open.org/odata/ns/edm" />
  </edmx:DataServices>
</edmx:Edmx>
"#;

    fn sources(text: &str) -> Sources {
        let mut sources = Sources::new();
        sources.add("dir/test.xml", text.as_bytes().to_vec());
        sources
    }

    /// The messages of the errors and absent-type warnings `list` would report for `text`.
    fn errors(text: &str) -> Vec<String> {
        let (_, diagnostics) = crate::summary::summarize(&sources(text));
        diagnostics.iter().filter(|d| d.is_error() || is_absent_type(d)).map(|d| d.message.clone()).collect()
    }

    #[test]
    fn copies_selected_elements_verbatim_and_cuts_at_navigation() {
        let subset = match cut(&sources(SOURCE), &["m.connector"], &SelectionOptions::default()) {
            Ok(subset) => subset,
            Err(diagnostics) => panic!("{diagnostics:?}"),
        };
        assert_eq!(subset.xml, EXPECTED);
        let main = NamespaceCount { namespace: "test.main".into(), types: 5, operations: 1, annotation_blocks: 0 };
        let other = NamespaceCount { namespace: "test.other".into(), types: 0, operations: 0, annotation_blocks: 4 };
        let third = NamespaceCount { namespace: "test.third".into(), ..NamespaceCount::default() };
        assert_eq!(subset.namespaces, vec![main, other, third]);
        assert_eq!(subset.input_diagnostics.error_count(), 0);
        let absent = subset.input_diagnostics.iter().filter(|d| is_absent_type(d)).count();
        assert_eq!(absent, 2, "the absent `t.Json` and `m.application`");
    }

    #[test]
    fn the_subset_rereads_with_only_the_errors_of_its_source() {
        let source_errors = errors(SOURCE);
        assert_eq!(source_errors, vec!["unknown type `t.Json`", "unknown type `m.application`"]);
        // The navigation property to the absent `m.application` is cut like any other unselected target.
        assert_eq!(errors(EXPECTED), vec!["unknown type `t.Json`"]);
        let (_, diagnostics) = crate::summary::summarize(&sources(EXPECTED));
        assert_eq!(diagnostics.warning_count(), 1, "only the absent `t.Json`: {diagnostics:?}");
    }

    #[test]
    fn following_navigation_keeps_bindings() {
        let options = SelectionOptions { follow_navigation: true, ..SelectionOptions::default() };
        let Ok(subset) = cut(&sources(SOURCE), &["m.connector"], &options) else { panic!("cut failed") };
        assert!(subset.xml.contains("<NavigationProperty Name=\"group\" Type=\"m.group\" />"));
        assert!(subset.xml.contains("<NavigationPropertyBinding Path=\"members\" Target=\"connectors\" />"));
        assert!(subset.xml.contains("<Annotations Target=\"m.group/id\">"));
        assert_eq!(errors(&subset.xml), vec!["unknown type `t.Json`"]);
    }

    #[test]
    fn input_errors_and_unknown_roots_stop_the_cut() {
        let unquoted = SOURCE.replace("<ComplexType Name=\"auth\"", "<ComplexType Name=auth");
        let Err(diagnostics) = cut(&sources(&unquoted), &["m.connector"], &SelectionOptions::default()) else {
            panic!("malformed XML must stop the cut")
        };
        assert!(diagnostics.iter().any(|d| d.message.contains("must be enclosed in quotes")), "{diagnostics:?}");
        // A duplicate name costs only its second declaration: the cut goes on.
        let duplicate = SOURCE.replace("<ComplexType Name=\"auth\"", "<ComplexType Name=\"status\"");
        assert!(cut(&sources(&duplicate), &["m.connector"], &SelectionOptions::default()).is_ok());
        let Err(diagnostics) = cut(&sources(SOURCE), &["m.nothing"], &SelectionOptions::default()) else {
            panic!("an unknown root must stop the cut")
        };
        assert!(diagnostics.iter().any(|d| d.message.contains("`m.nothing` names no type")));
        assert!(cut(&sources(SOURCE), &[], &SelectionOptions::default()).is_err());
        assert!(cut(&sources("<edmx:Edmx"), &["m.connector"], &SelectionOptions::default()).is_err());
    }

    #[test]
    fn cuts_take_whole_lines_only_when_alone_on_them() {
        let text = "  <A>\n    <B/>\n    <C/><D/>\r\n  </A>";
        let span = |needle: &str| {
            let start = text.find(needle).unwrap_or(0);
            Span::new(FileId(0), start, start + needle.len())
        };
        let whole = span("<A>\n    <B/>\n    <C/><D/>\r\n  </A>");
        assert_eq!(copy_element(text, whole, &[span("<B/>"), span("<C/>")], ""), "  <A>\n    <D/>\r\n  </A>\n");
        assert_eq!(copy_element(text, whole, &[span("<D/>")], ""), "  <A>\n    <B/>\n    <C/>\r\n  </A>\n");
        assert_eq!(copy_element(text, span("<D/>"), &[], "      "), "      <D/>\n");
        assert_eq!(escape("a\"<&"), "a&quot;&lt;&amp;");
    }
}
