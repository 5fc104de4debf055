//! Which members the write models of a type hold: the one place that decides, for create and for
//! update bodies, whether a property or navigation property is sent, and if not, why (for the docs).
//!
//! Per member, the first rule that matches:
//! - `Core.Computed`: never sent; read-only by `Core.Permissions`: never sent;
//! - the key: sent by create bodies (a key the client chooses), not by update bodies (it is in the
//!   URL). That difference alone makes no separate create model: the one model then holds the key,
//!   and a service ignores a key in an update body (OData 4.01 Protocol §11.4.3);
//! - create bodies leave out what every place that holds the entity type and allows inserts lists in
//!   `Capabilities.InsertRestrictions/NonInsertableProperties` or `NonInsertableNavigationProperties`;
//! - update bodies leave out `Core.Immutable` properties of entity types and what every place that
//!   allows updates lists in `Capabilities.UpdateRestrictions/NonUpdatable...`.
//!
//! A member restricted by some places and not others stays, with a doc line naming those places.
//! When the two bodies differ, the type gets a create model (`...Create`) beside its `...Update`.

use crate::csdl::StructuredKind;
use crate::model::{Model, Restrictions, Target, TypeId, TypeKind, WriteRestrictions, member_index};

/// Why a member is not in a write model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Absent {
    /// `Core.Computed`.
    Computed,
    /// `Core.Permissions` granting `Read` only.
    ReadOnly,
    /// A key property: the key goes in the URL.
    Key,
    /// `Core.Immutable`: update bodies only.
    Immutable,
    /// `Capabilities.InsertRestrictions` of every place: create bodies only.
    NotInsertable,
    /// `Capabilities.UpdateRestrictions` of every place: update bodies only.
    NotUpdatable,
}

/// One member of a structured type (own or inherited), as the write models see it.
#[derive(Clone, Debug)]
pub(super) struct Access<'a> {
    /// The CSDL name.
    pub(super) name: &'a str,
    /// The annotation target (the declaring type's member).
    pub(super) target: Target,
    /// Whether it is a navigation property (written as a binding).
    pub(super) navigation: bool,
    /// Why create bodies leave it out, if they do.
    pub(super) create: Option<Absent>,
    /// Why update bodies leave it out, if they do.
    pub(super) update: Option<Absent>,
    /// A key property held by a model that is both the create and the update body.
    pub(super) key_for_create: bool,
}

/// Which body a write model is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Body {
    /// `POST`.
    Create,
    /// `PATCH`.
    Update,
}

impl Access<'_> {
    /// Whether it is a key property that create bodies send and update bodies leave out.
    pub(super) fn is_creatable_key(&self) -> bool {
        self.create.is_none() && self.update == Some(Absent::Key)
    }

    /// Why the write model of `body` leaves it out, if it does.
    pub(super) fn absent(&self, body: Body) -> Option<Absent> {
        match body {
            Body::Create => self.create,
            Body::Update => self.update,
        }
    }
}

/// The members of `id` for its write models: properties of its base types (root first) and its own,
/// then navigation properties in the same order.
pub(super) fn member_access<'a>(
    model: &Model<'a>,
    restrictions: Option<&WriteRestrictions>,
    id: TypeId,
) -> Vec<Access<'a>> {
    let chain: Vec<TypeId> = model.lineage(id).into_iter().rev().collect();
    let key: Vec<&str> = model.key_of(id).map(|(_, key)| key.iter().map(|k| k.path).collect()).unwrap_or_default();
    let entity = model.ty(id).as_structured().is_some_and(|s| s.kind == StructuredKind::Entity);
    let none = Restrictions::default();
    let (insert, update) = restrictions.map_or((&none, &none), |r| (&r.insert, &r.update));
    let mut members = Vec::new();
    for navigation in [false, true] {
        for owner in chain.iter().copied() {
            let TypeKind::Structured(structured) = &model.ty(owner).kind else { continue };
            let names: Vec<&'a str> = if navigation {
                structured.navigation_properties.iter().map(|n| n.name).collect()
            } else {
                structured.properties.iter().map(|p| p.name).collect()
            };
            for (index, name) in names.into_iter().enumerate() {
                let target = if navigation {
                    Target::NavigationProperty(owner, member_index(index))
                } else {
                    Target::Property(owner, member_index(index))
                };
                let always = if model.is_computed(target) {
                    Some(Absent::Computed)
                } else if model.is_read_only(target) {
                    Some(Absent::ReadOnly)
                } else {
                    None
                };
                let create = always.or_else(|| insert.everywhere(name).then_some(Absent::NotInsertable));
                let update = always.or_else(|| {
                    if !navigation && key.contains(&name) {
                        Some(Absent::Key)
                    } else if entity && !navigation && model.is_immutable(target) {
                        Some(Absent::Immutable)
                    } else {
                        update.everywhere(name).then_some(Absent::NotUpdatable)
                    }
                });
                members.push(Access { name, target, navigation, create, update, key_for_create: false });
            }
        }
    }
    members
}

/// What write models a type gets and which body each is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct WriteShape {
    /// Whether a separate create model (`...Create`) exists: inserts and updates are both allowed
    /// somewhere and their bodies differ.
    pub(super) separate_create: bool,
    /// Which body the `...Update` model holds: the update body, except when updates are allowed
    /// nowhere and inserts are (it is then the create body).
    pub(super) update_model_body: Body,
    /// Whether the `...Update` model is the body of both creates and updates (no separate create
    /// model, and both writes allowed somewhere).
    pub(super) serves_both: bool,
}

/// The write models of `id`, given its members.
pub(super) fn write_shape(restrictions: Option<&WriteRestrictions>, members: &[Access<'_>]) -> WriteShape {
    let (insertable, updatable) = restrictions.map_or((true, true), |r| (r.insert.allowed(), r.update.allowed()));
    let differ = members.iter().any(|m| m.create.is_some() != m.update.is_some() && !m.is_creatable_key());
    WriteShape {
        separate_create: insertable && updatable && differ,
        update_model_body: if !updatable && insertable { Body::Create } else { Body::Update },
        serves_both: insertable && updatable && !differ,
    }
}

/// The members as the write models of `shape` hold them: where one model is both the create and
/// the update body, it holds the keys a create sends.
pub(super) fn fold_keys(shape: WriteShape, members: &mut [Access<'_>]) {
    if !shape.serves_both {
        return;
    }
    for member in members.iter_mut().filter(|m| m.is_creatable_key()) {
        member.update = None;
        member.key_for_create = true;
    }
}

/// Whether the structured type `id` gets a create model beside its update model.
pub(super) fn has_create_model(model: &Model<'_>, restrictions: Option<&WriteRestrictions>, id: TypeId) -> bool {
    write_shape(restrictions, &member_access(model, restrictions, id)).separate_create
}
