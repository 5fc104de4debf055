//! The whole pipeline behind `generate`: read, resolve, select and emit (writing is
//! [`crate::swap`]'s).

use crate::diag::{Diagnostics, Sources};
use crate::emit::{self, EmitOptions, GeneratedFile};
use crate::pipeline::with_selection_timed;
use crate::select::SelectionOptions;
use crate::timings::Timings;
use std::time::Instant;

/// The result of a generation run.
#[derive(Debug)]
pub struct Generated {
    /// The files, root file first.
    pub files: Vec<GeneratedFile>,
    /// Selected types per namespace, in output order: (namespace, module file, number of types).
    pub modules: Vec<(String, String, usize)>,
    /// Warnings of the input and of the emission, and accepted absent-type errors.
    pub diagnostics: Diagnostics,
    /// Time and memory per stage.
    pub timings: Timings,
}

/// Generates Rust modules for the closure of `roots` in `sources`. Fails with the problems that stop a
/// run (see [`with_selection`](crate::pipeline::with_selection)); nothing is written here.
pub fn generate(
    sources: &Sources,
    roots: &[&str],
    selection_options: &SelectionOptions,
    emit_options: &EmitOptions,
) -> Result<Generated, Diagnostics> {
    let mut timings = Timings::default();
    let mut emitted = None;
    let run = with_selection_timed(sources, roots, selection_options, &mut timings, |_, model, selection| {
        let started = Instant::now();
        let (files, emit_diagnostics) = emit::emit(model, selection, emit_options);
        emitted = Some(started);
        let mut modules: Vec<(String, String, usize)> = Vec::new();
        for id in selection.types() {
            let namespace = model.schema(model.ty(*id).schema).namespace;
            match modules.iter_mut().find(|(ns, _, _)| ns == namespace) {
                Some(entry) => entry.2 += 1,
                None => modules.push((namespace.to_owned(), String::new(), 1)),
            }
        }
        (files, modules, emit_diagnostics)
    });
    let ((files, mut modules, emit_diagnostics), mut diagnostics) = run?;
    if let Some(started) = emitted {
        timings.record("emit", started);
    }
    diagnostics.extend(emit_diagnostics);
    for (namespace, file, _) in &mut modules {
        let module = files.iter().find(|f| f.namespace.as_deref() == Some(namespace.as_str()));
        *file = module.map_or_else(String::new, |f| f.path.clone());
    }
    Ok(Generated { files, modules, diagnostics, timings })
}
