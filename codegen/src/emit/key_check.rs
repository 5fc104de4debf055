//! Which keys the generated code can use: a key property must have a URL literal. Asked by the plan
//! (no key struct without a usable key) and by the key emitter (the warning).

use crate::diag::{Diagnostic, Span, codes};
use crate::model::{Model, TypeId, TypeKind, TypeRef, TypeTarget};
use crate::select::Selection;

/// A key property whose values cannot be written in a URL.
pub(super) struct KeyProblem {
    /// The `PropertyRef` of the key property.
    span: Span,
    /// Its path.
    path: String,
    /// What its type is, for the message (`` `Edm.Stream` ``, `a collection`, ...).
    what: String,
}

/// The first key property of the entity type `id` whose type has no URL literal, if there is one.
pub(super) fn key_problem(model: &Model<'_>, selection: &Selection, id: TypeId) -> Option<KeyProblem> {
    let (_, key) = model.key_of(id)?;
    key.iter().find_map(|part| {
        // A path that names no property is an error of the model already.
        let ty = model.property_at_path(id, part.path)?;
        let what = unusable_key_type(model, selection, ty)?;
        Some(KeyProblem { span: part.span, path: part.path.to_owned(), what })
    })
}

/// What `ty` is when its values have no URL literal in the generated code, `None` when they have one.
fn unusable_key_type(model: &Model<'_>, selection: &Selection, ty: TypeRef<'_>) -> Option<String> {
    let name = match ty.target {
        TypeTarget::Primitive(p) => p.qualified_name(),
        TypeTarget::Named(t) => model.ty(t).qualified_name(),
        TypeTarget::Unresolved(name) => name.to_owned(),
    };
    if ty.collection {
        return Some(format!("`Collection({name})`, a collection"));
    }
    match ty.target {
        TypeTarget::Primitive(p) if p.has_url_literal() => None,
        TypeTarget::Primitive(_) => Some(format!("`{name}`")),
        TypeTarget::Named(t) => match &model.ty(t).kind {
            _ if !selection.contains(t) => Some(format!("`{name}`, which is not generated")),
            TypeKind::Enum(_) => None,
            TypeKind::Structured(_) => Some(format!("`{name}`, a structured type")),
            TypeKind::Definition(d) => match d.underlying {
                Some(p) if p.has_url_literal() => None,
                Some(p) => Some(format!("`{name}`, a type definition of `{}`", p.qualified_name())),
                None => Some(format!("`{name}`, a type definition of an unknown type")),
            },
        },
        TypeTarget::Unresolved(_) => Some(format!("`{name}`, which no document declares")),
    }
}

impl KeyProblem {
    /// The warning about it, for the entity type `entity` (qualified name).
    pub(super) fn diagnostic(&self, entity: &str) -> Diagnostic {
        let message = format!(
            "key property `{}` of `{entity}` cannot be written in a URL (its type is {}), so `{entity}` gets \
             no key struct and no key path helper",
            self.path, self.what
        );
        Diagnostic::warning(codes::KEY_PROPERTY, self.span, message).with_note(
            "key properties must be of a primitive type other than `Edm.Stream` and the geography and geometry \
             types, an enum type, or a type definition of one of those; without a key helper \
             (`odata_runtime::EntityType`), write the entity's path yourself",
        )
    }
}
