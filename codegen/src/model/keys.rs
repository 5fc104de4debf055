//! Model queries about entity keys: the parts of a key with the types their paths end at.

use super::{Model, TypeId, TypeKind, TypeRef, TypeTarget};
use crate::diag::Span;

/// One part of an entity key.
#[derive(Clone, Copy, Debug)]
pub struct KeyPart<'a> {
    /// The name in the URL: the alias, or the property name.
    pub name: &'a str,
    /// The property path (`id`, or `address/city`).
    pub path: &'a str,
    /// The type of the property the path ends at, when it resolves.
    pub ty: Option<TypeRef<'a>>,
    /// Where its `PropertyRef` is.
    pub span: Span,
}

impl<'a> Model<'a> {
    /// The key parts of the entity type `id` (declared on it or inherited), when it has a key.
    pub fn key_parts(&self, id: TypeId) -> Option<Vec<KeyPart<'a>>> {
        let (_, key) = self.key_of(id)?;
        let parts = key
            .iter()
            .map(|k| KeyPart {
                name: k.alias.unwrap_or(k.path),
                path: k.path,
                ty: self.property_at_path(id, k.path),
                span: k.span,
            })
            .collect();
        Some(parts)
    }

    /// The type of the property at `path` (segments separated by `/`) starting from `id`, looking
    /// through base types at each step.
    pub fn property_at_path(&self, id: TypeId, path: &str) -> Option<TypeRef<'a>> {
        let mut current = id;
        let mut found = None;
        for segment in path.split('/') {
            let owner = self.lineage(current).into_iter().find_map(|owner| {
                let TypeKind::Structured(s) = &self.types[owner.index()].kind else { return None };
                s.properties.iter().find(|p| p.name == segment).map(|p| p.ty)
            })?;
            found = Some(owner);
            if let TypeTarget::Named(next) = owner.target {
                current = next;
            }
        }
        found
    }

    /// Whether a key needs its own struct (anything but one property of a primitive type or a type
    /// definition).
    pub fn key_needs_struct(&self, parts: &[KeyPart<'_>]) -> bool {
        let plain = |ty: TypeRef<'_>| match ty.target {
            TypeTarget::Primitive(_) => true,
            TypeTarget::Named(id) => matches!(self.ty(id).kind, TypeKind::Definition(_)),
            TypeTarget::Unresolved(_) => false,
        };
        match parts {
            [part] => part.path.contains('/') || !part.ty.is_some_and(plain),
            _ => true,
        }
    }
}
