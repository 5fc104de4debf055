//! What clients may write: `Core.Computed`, `Core.Immutable`, and the `Capabilities.InsertRestrictions`
//! and `UpdateRestrictions` of the places (entity sets, singletons, containment navigation properties)
//! that hold an entity type.
//!
//! Restrictions are stated per place while write models are per type, so [`Model::write_restrictions`]
//! gathers, for each entity type, the places that hold it (typed as it or one of its base types) and
//! what each of them restricts; the emitter applies what every place agrees on.

use std::collections::BTreeMap;

use super::{CORE_NAMESPACE, Model, Target, TypeId, TypeKind, member_index};
use crate::csdl::{Expr, ExprKind};

/// Namespace of the OData Capabilities vocabulary.
pub const CAPABILITIES_NAMESPACE: &str = "Org.OData.Capabilities.V1";

/// The insert and update restrictions of the places that hold one entity type.
#[derive(Clone, Debug, Default)]
pub struct WriteRestrictions {
    /// `Capabilities.InsertRestrictions` of the entity sets and containment collections.
    pub insert: Restrictions,
    /// `Capabilities.UpdateRestrictions` of the entity sets, singletons and containment navigation
    /// properties.
    pub update: Restrictions,
}

/// One kind of restriction (insert or update) over the places that hold a type.
#[derive(Clone, Debug, Default)]
pub struct Restrictions {
    /// Every place, named as in an annotation target (`Container/Set`, `namespace.Type/navigation`).
    pub places: Vec<String>,
    /// The places that allow no such write at all (`Insertable` or `Updatable` false).
    pub forbidden: Vec<String>,
    /// Members (properties and navigation properties, by name) that some place lists as not
    /// insertable or not updatable, with those places.
    pub members: BTreeMap<String, Vec<String>>,
}

impl Restrictions {
    /// Whether some place allows the write (or no place states anything about the type).
    pub fn allowed(&self) -> bool {
        self.places.is_empty() || self.forbidden.len() < self.places.len()
    }

    /// Whether every place that allows the write restricts `member`.
    pub fn everywhere(&self, member: &str) -> bool {
        let listed = self.members.get(member).map_or(&[][..], Vec::as_slice);
        let open = self.places.iter().filter(|p| !self.forbidden.contains(p));
        !listed.is_empty() && open.into_iter().all(|p| listed.contains(p))
    }

    /// The places that restrict `member` (empty when none does).
    pub fn places_restricting(&self, member: &str) -> &[String] {
        self.members.get(member).map_or(&[], Vec::as_slice)
    }
}

/// Which restriction a place can carry.
#[derive(Clone, Copy)]
enum Kind {
    Insert,
    Update,
}

impl<'a> Model<'a> {
    /// Whether `target` is `Core.Computed` (true or by default): the service sets it, clients never do.
    pub fn is_computed(&self, target: Target) -> bool {
        self.annotation(target, CORE_NAMESPACE, "Computed").is_some_and(|a| is_true(a.value))
    }

    /// Whether `target` is `Core.Immutable` (true or by default): set on create, never changed later.
    pub fn is_immutable(&self, target: Target) -> bool {
        self.annotation(target, CORE_NAMESPACE, "Immutable").is_some_and(|a| is_true(a.value))
    }

    /// The insert and update restrictions of every entity type held by some place (an entity set,
    /// singleton or containment navigation property typed as it or a base type of it).
    pub fn write_restrictions(&self) -> BTreeMap<TypeId, WriteRestrictions> {
        // (place, its type, its annotation target, whether inserts can happen there at all)
        let mut places: Vec<(String, TypeId, Target, bool)> = Vec::new();
        for (c, container) in self.containers.iter().enumerate() {
            let id = super::ContainerId::from_index(c);
            let qualified = format!("{}.{}", container.namespace, container.name);
            let sets = container.syntax.entity_sets.iter().zip(&container.entity_set_types);
            for (i, (set, ty)) in sets.enumerate() {
                if let Some(ty) = ty {
                    let name = format!("{qualified}/{}", set.name.as_str());
                    places.push((name, *ty, Target::EntitySet(id, member_index(i)), true));
                }
            }
            let singletons = container.syntax.singletons.iter().zip(&container.singleton_types);
            for (i, (singleton, ty)) in singletons.enumerate() {
                if let Some(ty) = ty {
                    let name = format!("{qualified}/{}", singleton.name.as_str());
                    places.push((name, *ty, Target::Singleton(id, member_index(i)), false));
                }
            }
        }
        for (t, def) in self.types.iter().enumerate() {
            let TypeKind::Structured(structured) = &def.kind else { continue };
            let owner = TypeId::from_index(t);
            for (i, navigation) in structured.navigation_properties.iter().enumerate() {
                if let (true, super::TypeTarget::Named(target)) = (navigation.contains_target, navigation.ty.target) {
                    let name = format!("{}/{}", def.qualified_name(), navigation.name);
                    let annotated = Target::NavigationProperty(owner, member_index(i));
                    places.push((name, target, annotated, navigation.ty.collection));
                }
            }
        }
        let mut by_type: BTreeMap<TypeId, WriteRestrictions> = BTreeMap::new();
        for (t, def) in self.types.iter().enumerate() {
            if def.as_structured().is_none_or(|s| s.kind != crate::csdl::StructuredKind::Entity) {
                continue;
            }
            let id = TypeId::from_index(t);
            let lineage = self.lineage(id);
            let mut restrictions = WriteRestrictions::default();
            for (name, held, target, insertable) in &places {
                if !lineage.contains(held) {
                    continue;
                }
                if *insertable {
                    self.add_place(&mut restrictions.insert, name, *target, Kind::Insert);
                }
                self.add_place(&mut restrictions.update, name, *target, Kind::Update);
            }
            if !restrictions.insert.places.is_empty() || !restrictions.update.places.is_empty() {
                by_type.insert(id, restrictions);
            }
        }
        by_type
    }

    /// Adds the place `name` (annotations on `target`) to `restrictions`.
    fn add_place(&self, restrictions: &mut Restrictions, name: &str, target: Target, kind: Kind) {
        restrictions.places.push(name.to_owned());
        let (term, allowed, members, navigation) = match kind {
            Kind::Insert => {
                ("InsertRestrictions", "Insertable", "NonInsertableProperties", "NonInsertableNavigationProperties")
            }
            Kind::Update => {
                ("UpdateRestrictions", "Updatable", "NonUpdatableProperties", "NonUpdatableNavigationProperties")
            }
        };
        let Some(annotation) = self.annotation(target, CAPABILITIES_NAMESPACE, term) else { return };
        let Some(Expr { kind: ExprKind::Record { properties, .. }, .. }) = annotation.value else { return };
        let value = |property: &str| properties.iter().find(|p| p.property.as_str() == property)?.value.as_ref();
        if value(allowed).is_some_and(|v| matches!(v.kind, ExprKind::Bool(false))) {
            restrictions.forbidden.push(name.to_owned());
        }
        for list in [members, navigation] {
            let Some(Expr { kind: ExprKind::Collection(paths), .. }) = value(list) else { continue };
            for path in paths {
                let (ExprKind::PropertyPath(text) | ExprKind::NavigationPropertyPath(text)) = &path.kind else {
                    continue;
                };
                if let Some(member) = top_level_member(text.as_str()) {
                    let listed = restrictions.members.entry(member.to_owned()).or_default();
                    if !listed.iter().any(|p| p == name) {
                        listed.push(name.to_owned());
                    }
                }
            }
        }
    }
}

/// The member a property path names when it names a member of the type itself: `name`, or
/// `namespace.Type/name` (a cast to a derived type). Paths into complex values name no member.
fn top_level_member(path: &str) -> Option<&str> {
    match path.split('/').collect::<Vec<_>>().as_slice() {
        [member] => Some(*member),
        [cast, member] if cast.contains('.') => Some(*member),
        _ => None,
    }
    .filter(|member| !member.is_empty())
}

/// A Boolean term's value: `true` when absent (the default of tagging terms) or `Bool="true"`.
fn is_true(value: Option<&Expr<'_>>) -> bool {
    value.is_none_or(|expr| matches!(expr.kind, ExprKind::Bool(true)))
}

#[cfg(test)]
mod tests {
    use super::{Restrictions, top_level_member};

    #[test]
    fn paths_name_members_of_the_type_only() {
        assert_eq!(top_level_member("name"), Some("name"));
        assert_eq!(top_level_member("ns.Derived/name"), Some("name"));
        assert_eq!(top_level_member("address/street"), None);
        assert_eq!(top_level_member(""), None);
    }

    #[test]
    fn a_member_is_restricted_everywhere_only_when_every_open_place_lists_it() {
        let mut r = Restrictions {
            places: vec!["C/a".into(), "C/b".into(), "C/c".into()],
            forbidden: vec!["C/c".into()],
            members: Default::default(),
        };
        r.members.insert("x".into(), vec!["C/a".into(), "C/b".into()]);
        r.members.insert("y".into(), vec!["C/a".into()]);
        assert!(r.everywhere("x") && !r.everywhere("y") && !r.everywhere("z"));
        assert!(r.allowed());
        r.forbidden = r.places.clone();
        assert!(!r.allowed());
    }
}
