//! Which struct fields need a `Box`: a struct that holds itself, directly or through other structs'
//! single-valued fields (`driveItem.listItem.driveItem`, `contentType.base`), has no finite size.
//!
//! Only single-valued fields whose type is a plain struct count: `Vec`s and `Any...` enums (whose
//! variants are boxed) already add indirection. A field is boxed when its type lies on a cycle
//! with its owner, found as strongly connected components (Kosaraju, iterative so that deep type
//! graphs cannot overflow the stack).

use std::collections::BTreeMap;

use crate::model::{Model, TypeId, TypeTarget};
use crate::select::Selection;

use super::plan::Plan;

/// Strongly connected components of the "holds by value" graph between generated structs.
pub(super) struct Recursion {
    component: BTreeMap<TypeId, usize>,
}

impl Recursion {
    /// Finds the cycles among the selected structs.
    pub(super) fn new(model: &Model<'_>, selection: &Selection, plan: &Plan) -> Recursion {
        let nodes: Vec<TypeId> =
            selection.types().iter().copied().filter(|id| model.ty(*id).as_structured().is_some()).collect();
        let index: BTreeMap<TypeId, usize> = nodes.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        for (from, id) in nodes.iter().enumerate() {
            for target in by_value_targets(model, selection, plan, *id) {
                if let Some(to) = index.get(&target) {
                    edges[from].push(*to);
                }
            }
        }
        let components = strongly_connected(&edges);
        let mut sizes = vec![0usize; nodes.len()];
        for comp in &components {
            if let Some(size) = sizes.get_mut(*comp) {
                *size += 1;
            }
        }
        let mut component = BTreeMap::new();
        for (node, comp) in components.iter().enumerate() {
            let size = sizes.get(*comp).copied().unwrap_or(0);
            if size > 1 || edges[node].contains(&node) {
                component.insert(nodes[node], *comp);
            }
        }
        Recursion { component }
    }

    /// Whether `id` lies on a cycle of structs, so that some field may hold it boxed.
    pub(super) fn on_cycle(&self, id: TypeId) -> bool {
        self.component.contains_key(&id)
    }

    /// Whether a by-value field of type `target` in struct `owner` must be boxed.
    pub(super) fn needs_box(&self, owner: TypeId, target: TypeId) -> bool {
        matches!((self.component.get(&owner), self.component.get(&target)), (Some(a), Some(b)) if a == b)
    }
}

/// The structs that `id` holds by value: single-valued fields (own and inherited, navigation ones
/// included) whose type is a selected struct without an `Any...` enum.
fn by_value_targets(model: &Model<'_>, selection: &Selection, plan: &Plan, id: TypeId) -> Vec<TypeId> {
    let mut owners = model.base_chain(id);
    owners.push(id);
    let mut targets = Vec::new();
    for owner in owners {
        let Some(structured) = model.ty(owner).as_structured() else { continue };
        let types =
            structured.properties.iter().map(|p| p.ty).chain(structured.navigation_properties.iter().map(|n| n.ty));
        for ty in types {
            if let TypeTarget::Named(target) = ty.target
                && !ty.collection
                && selection.contains(target)
                && model.ty(target).as_structured().is_some()
                && plan.names(target).is_some_and(|names| names.any.is_none())
            {
                targets.push(target);
            }
        }
    }
    targets
}

/// The component number of every node (Kosaraju's algorithm with explicit stacks).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let count = edges.len();
    let mut order = Vec::with_capacity(count);
    let mut visited = vec![false; count];
    for start in 0..count {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.pop() {
            if let Some(&to) = edges[node].get(next) {
                stack.push((node, next + 1));
                if !visited[to] {
                    visited[to] = true;
                    stack.push((to, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (from, targets) in edges.iter().enumerate() {
        for to in targets {
            reverse[*to].push(from);
        }
    }
    let mut component = vec![usize::MAX; count];
    let mut next_component = 0;
    for &start in order.iter().rev() {
        if component[start] != usize::MAX {
            continue;
        }
        component[start] = next_component;
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &from in &reverse[node] {
                if component[from] == usize::MAX {
                    component[from] = next_component;
                    stack.push(from);
                }
            }
        }
        next_component += 1;
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn cycles_share_a_component_and_chains_do_not() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 0 and 4 (self-loop) stand apart.
        let edges = vec![vec![1], vec![2], vec![0], vec![0], vec![4]];
        let c = strongly_connected(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[3] != c[4]);
    }
}
