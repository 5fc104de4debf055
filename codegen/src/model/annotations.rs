//! Applying annotations: inline `<Annotation>` children and `<Annotations Target="...">` blocks both end
//! up as [`AppliedAnnotation`]s indexed by their [`Target`].

use super::build::{AsStrA, Builder};
use super::member_index;
use super::resolve::{is_qualified_name, split_collection};
use super::{
    AnnotationId, AppliedAnnotation, ContainerId, Named, OperationId, SchemaId, Target, TermId, TypeId, TypeKind,
};
use crate::csdl::{self, Annotation, OperationKind};
use crate::diag::codes;
use crate::diag::{Diagnostic, FileId};

pub(super) fn apply(builder: &mut Builder<'_>) {
    apply_inline(builder);
    apply_external(builder);
}

fn apply_inline<'a>(b: &mut Builder<'a>) {
    for index in 0..b.model.schemas.len() {
        let syntax = b.model.schemas[index].syntax;
        b.attach(Target::Schema(SchemaId::from_index(index)), &syntax.annotations, None, false);
    }
    for index in 0..b.model.types.len() {
        let id = TypeId::from_index(index);
        match &b.model.types[index].kind {
            TypeKind::Structured(s) => {
                let syntax = s.syntax;
                b.attach(Target::Type(id), &syntax.annotations, None, false);
                for (i, property) in syntax.properties.iter().enumerate() {
                    b.attach(Target::Property(id, member_index(i)), &property.annotations, None, false);
                }
                for (i, navigation) in syntax.navigation_properties.iter().enumerate() {
                    b.attach(Target::NavigationProperty(id, member_index(i)), &navigation.annotations, None, false);
                }
            }
            TypeKind::Enum(e) => {
                let syntax = e.syntax;
                b.attach(Target::Type(id), &syntax.annotations, None, false);
                for (i, member) in syntax.members.iter().enumerate() {
                    b.attach(Target::Member(id, member_index(i)), &member.annotations, None, false);
                }
            }
            TypeKind::Definition(d) => {
                let syntax = d.syntax;
                b.attach(Target::Type(id), &syntax.annotations, None, false);
            }
        }
    }
    for index in 0..b.model.operations.len() {
        let id = OperationId::from_index(index);
        let syntax = b.model.operations[index].syntax;
        b.attach(Target::Operation(id), &syntax.annotations, None, false);
        for (i, parameter) in syntax.parameters.iter().enumerate() {
            b.attach(Target::Parameter(id, member_index(i)), &parameter.annotations, None, false);
        }
        if let Some(return_type) = &syntax.return_type {
            b.attach(Target::ReturnType(id), &return_type.annotations, None, false);
        }
    }
    for index in 0..b.model.terms.len() {
        let syntax = b.model.terms[index].syntax;
        b.attach(Target::Term(TermId::from_index(index)), &syntax.annotations, None, false);
    }
    for index in 0..b.model.containers.len() {
        let id = ContainerId::from_index(index);
        let syntax = b.model.containers[index].syntax;
        b.attach(Target::Container(id), &syntax.annotations, None, false);
        for (i, set) in syntax.entity_sets.iter().enumerate() {
            b.attach(Target::EntitySet(id, member_index(i)), &set.annotations, None, false);
        }
        for (i, singleton) in syntax.singletons.iter().enumerate() {
            b.attach(Target::Singleton(id, member_index(i)), &singleton.annotations, None, false);
        }
        for (i, import) in syntax.action_imports.iter().enumerate() {
            b.attach(Target::ActionImport(id, member_index(i)), &import.annotations, None, false);
        }
        for (i, import) in syntax.function_imports.iter().enumerate() {
            b.attach(Target::FunctionImport(id, member_index(i)), &import.annotations, None, false);
        }
    }
}

fn apply_external<'a>(b: &mut Builder<'a>) {
    let mut block_targets = Vec::with_capacity(b.model.schemas.len());
    for index in 0..b.model.schemas.len() {
        let syntax = b.model.schemas[index].syntax;
        let mut schema_targets = Vec::with_capacity(syntax.annotation_blocks.len());
        for block in &syntax.annotation_blocks {
            let Some(target) = &block.target else {
                schema_targets.push(Vec::new());
                continue;
            };
            let qualifier = block.qualifier.as_ref().map(AsStrA::as_str_a);
            match b.resolve_target(target.span.file, target.as_str_a()) {
                Ok(targets) => {
                    for resolved in &targets {
                        b.attach(*resolved, &block.annotations, qualifier, true);
                    }
                    schema_targets.push(targets);
                }
                Err(reason) => {
                    let message =
                        format!("annotation target `{}` {reason}; its annotations are ignored", target.as_str());
                    b.diags.warning(codes::ANNOTATION_TARGET, target.span, message);
                    schema_targets.push(Vec::new());
                }
            }
        }
        block_targets.push(schema_targets);
    }
    b.model.block_targets = block_targets;
}

impl<'a> Builder<'a> {
    fn attach(
        &mut self,
        target: Target,
        annotations: &'a [Annotation<'a>],
        block_qualifier: Option<&'a str>,
        external: bool,
    ) {
        for annotation in annotations {
            let written = annotation.term.as_str_a();
            let term = written.trim();
            let file = annotation.term.span.file;
            // A few dozen distinct terms are applied thousands of times: resolve and check each once.
            let (namespace, name) = match self.terms_seen.get(&(file, written)) {
                Some(&resolved) => resolved,
                None => {
                    let Some((namespace, name)) = self.scope.split(file, term).filter(|_| is_qualified_name(term))
                    else {
                        let message = format!(
                            "annotation term `{term}` is not a qualified name (`Namespace.Term`); the annotation is \
                             ignored"
                        );
                        self.diags.warning(codes::INVALID_NAME, annotation.term.span, message);
                        continue;
                    };
                    if term != written {
                        let message =
                            format!("annotation term `{written}` has white space around the name; read as `{term}`");
                        self.diags.warning(codes::LENIENT_VALUE, annotation.term.span, message);
                    }
                    let declared = !self.scope.namespaces.contains(namespace)
                        || matches!(self.scope.get(namespace, name), Some(Named::Term(_)));
                    if declared {
                        self.terms_seen.insert((file, written), (namespace, name));
                    } else {
                        let message = format!(
                            "unknown term `{term}`: the schema `{namespace}` declares no term `{name}`; the annotation is kept unchecked"
                        );
                        self.diags.push(Diagnostic::warning(codes::UNKNOWN_TERM, annotation.term.span, message));
                    }
                    (namespace, name)
                }
            };
            let qualifier = annotation.qualifier.as_ref().map(AsStrA::as_str_a).or(block_qualifier);
            let applied = self.model.by_target.get(&target).into_iter().flatten();
            let earlier = applied.map(|id| &self.model.annotations[id.index()]).find(|earlier| {
                earlier.term_namespace == namespace && earlier.term_name == name && earlier.qualifier == qualifier
            });
            if let Some(earlier) = earlier {
                // CSDL allows one value per term and qualifier; lookups keep returning the first.
                let message = format!("`{term}` is applied twice to the same element; the first value is used");
                let diag = Diagnostic::warning(codes::DUPLICATE_ANNOTATION, annotation.span, message)
                    .with_label(earlier.span, "first applied here");
                self.diags.push(diag);
                continue;
            }
            let id = AnnotationId::from_index(self.model.annotations.len());
            self.model.annotations.push(AppliedAnnotation {
                term_namespace: namespace,
                term_name: name,
                qualifier,
                value: annotation.value.as_ref(),
                external,
                span: annotation.span,
            });
            self.model.by_target.entry(target).or_default().push(id);
        }
    }

    /// Resolves an annotation target path to the element(s) it names; several for an operation
    /// name without a parameter list (all overloads).
    fn resolve_target(&self, file: FileId, path: &'a str) -> Result<Vec<Target>, String> {
        let (head, rest) = match path.split_once('/') {
            Some((head, rest)) => (head, Some(rest)),
            None => (path, None),
        };
        let (name, signature) = match head.split_once('(') {
            Some((name, params)) => match params.strip_suffix(')') {
                Some(params) => (name, Some(params)),
                None => return Err("has an unclosed parameter list".to_owned()),
            },
            None => (head, None),
        };
        let operations = self.scope.operations_named(file, name);
        if signature.is_some() || (self.scope.lookup(file, name).is_none() && !operations.is_empty()) {
            return self.operation_targets(file, operations, signature, rest);
        }
        let Some(named) = self.scope.lookup(file, name) else {
            return Err(if self.is_external(file, name) && !name.is_empty() {
                "is in a namespace that is not loaded".to_owned()
            } else {
                "does not name an element of the model".to_owned()
            });
        };
        if rest.is_some_and(|r| r.contains('/')) {
            return Err("is a path deeper than one member, which is not supported".to_owned());
        }
        match (named, signature) {
            (Named::Type(id), None) => self.type_member_target(*id, rest),
            (Named::Term(id), None) if rest.is_none() => Ok(vec![Target::Term(*id)]),
            (Named::Container(id), None) => self.container_member_target(*id, rest),
            _ => Err("does not name an element of the model".to_owned()),
        }
    }

    fn type_member_target(&self, id: TypeId, member: Option<&str>) -> Result<Vec<Target>, String> {
        let Some(member) = member else { return Ok(vec![Target::Type(id)]) };
        for candidate in self.model.lineage(id) {
            match &self.model.ty(candidate).kind {
                TypeKind::Structured(s) => {
                    if let Some(i) = s.properties.iter().position(|p| p.name == member) {
                        return Ok(vec![Target::Property(candidate, member_index(i))]);
                    }
                    if let Some(i) = s.navigation_properties.iter().position(|p| p.name == member) {
                        return Ok(vec![Target::NavigationProperty(candidate, member_index(i))]);
                    }
                }
                TypeKind::Enum(e) => {
                    if let Some(i) = e.members.iter().position(|m| m.name == member) {
                        return Ok(vec![Target::Member(candidate, member_index(i))]);
                    }
                }
                TypeKind::Definition(_) => {}
            }
        }
        Err(format!("names no member `{member}` of `{}`", self.model.ty(id).qualified_name()))
    }

    fn operation_targets(
        &self,
        file: FileId,
        ids: &[OperationId],
        signature: Option<&'a str>,
        rest: Option<&str>,
    ) -> Result<Vec<Target>, String> {
        let wanted: Option<Vec<String>> = signature.map(|s| {
            s.split(',').map(str::trim).filter(|p| !p.is_empty()).map(|p| self.canonical_type(file, p)).collect()
        });
        let mut targets = Vec::new();
        for id in ids {
            let operation = &self.model.operations[id.index()];
            if let Some(wanted) = &wanted {
                let types = operation.syntax.parameters.iter().map(|p| {
                    p.type_name.as_ref().map_or(String::new(), |t| self.canonical_type(t.span.file, t.as_str_a()))
                });
                let actual: Vec<String> = types.collect();
                // The spec lists only the binding parameter for actions; Graph lists all parameters.
                let binding_only = operation.kind == OperationKind::Action
                    && operation.is_bound
                    && actual.first().is_some_and(|first| wanted.len() == 1 && &wanted[0] == first);
                if &actual != wanted && !binding_only {
                    continue;
                }
            }
            match rest {
                None => targets.push(Target::Operation(*id)),
                Some("$ReturnType") if operation.return_type.is_some() => targets.push(Target::ReturnType(*id)),
                Some(parameter) => {
                    if let Some(i) = operation.parameters.iter().position(|p| p.name == parameter) {
                        targets.push(Target::Parameter(*id, member_index(i)));
                    }
                }
            }
        }
        if targets.is_empty() { Err("matches no overload, parameter or return type".to_owned()) } else { Ok(targets) }
    }

    /// A type expression with alias prefixes replaced by namespaces, for comparing overload signatures.
    fn canonical_type(&self, file: FileId, text: &'a str) -> String {
        match split_collection(text) {
            Ok((collection, name)) => {
                let qualified =
                    self.scope.split(file, name).map_or_else(|| name.to_owned(), |(ns, local)| format!("{ns}.{local}"));
                if collection { format!("Collection({qualified})") } else { qualified }
            }
            Err(_) => text.to_owned(),
        }
    }

    fn container_member_target(&self, id: ContainerId, member: Option<&str>) -> Result<Vec<Target>, String> {
        let Some(member) = member else { return Ok(vec![Target::Container(id)]) };
        let syntax: &csdl::EntityContainer<'_> = self.model.containers[id.index()].syntax;
        let position = |names: Vec<&str>| names.iter().position(|n| *n == member).map(member_index);
        if let Some(i) = position(syntax.entity_sets.iter().map(|s| s.name.as_str()).collect()) {
            return Ok(vec![Target::EntitySet(id, i)]);
        }
        if let Some(i) = position(syntax.singletons.iter().map(|s| s.name.as_str()).collect()) {
            return Ok(vec![Target::Singleton(id, i)]);
        }
        if let Some(i) = position(syntax.action_imports.iter().map(|s| s.name.as_str()).collect()) {
            return Ok(vec![Target::ActionImport(id, i)]);
        }
        if let Some(i) = position(syntax.function_imports.iter().map(|s| s.name.as_str()).collect()) {
            return Ok(vec![Target::FunctionImport(id, i)]);
        }
        Err(format!("names no member `{member}` of the entity container"))
    }
}

/// Namespace of SAP's Common vocabulary (`Common.Label`, `Common.QuickInfo`).
pub const COMMON_NAMESPACE: &str = "com.sap.vocabularies.Common.v1";

/// Namespaces of the `DisplayName` term: Azure DevOps Analytics writes `Display.DisplayName` without
/// referencing a vocabulary document, so the term keeps the bare `Display` namespace.
const DISPLAY_NAMESPACES: [&str; 1] = ["Display"];

/// The documentation texts of an element from the vocabularies services use, each `None` when absent.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocText<'m> {
    /// `Core.Description`.
    pub description: Option<&'m str>,
    /// `Core.LongDescription`.
    pub long_description: Option<&'m str>,
    /// `Common.Label` (SAP): a short caption.
    pub label: Option<&'m str>,
    /// `Common.QuickInfo` (SAP): a tooltip text.
    pub quick_info: Option<&'m str>,
    /// `Display.DisplayName` (Azure DevOps): a caption.
    pub display_name: Option<&'m str>,
}

impl<'a> super::Model<'a> {
    /// The documentation texts of `target` (`Core`, SAP `Common` and `Display` terms; aliases such as
    /// `SAP__common` are resolved when the term is applied).
    pub fn doc_text(&self, target: Target) -> DocText<'_> {
        let common = |term| self.text_annotation(target, &[COMMON_NAMESPACE], term);
        DocText {
            description: self.description(target),
            long_description: self.long_description(target),
            label: common("Label"),
            quick_info: common("QuickInfo"),
            display_name: self.text_annotation(target, &DISPLAY_NAMESPACES, "DisplayName"),
        }
    }

    /// The string value of the unqualified annotation `name` of one of `namespaces` on `target`.
    fn text_annotation(&self, target: Target, namespaces: &[&str], name: &str) -> Option<&str> {
        let annotation = namespaces.iter().find_map(|namespace| self.annotation(target, namespace, name))?;
        match &annotation.value?.kind {
            crate::csdl::ExprKind::String(text) => Some(text.as_str()).filter(|t| !t.trim().is_empty()),
            _ => None,
        }
    }
}
