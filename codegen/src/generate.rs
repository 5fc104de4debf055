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
    /// Selected types per namespace, in output order.
    pub modules: Vec<ModuleSummary>,
    /// Warnings of the input and of the emission, and accepted absent-type errors.
    pub diagnostics: Diagnostics,
    /// Time and memory per stage.
    pub timings: Timings,
}

/// What one generated module holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleSummary {
    /// The schema namespace.
    pub namespace: String,
    /// The module's file, relative to the output directory.
    pub file: String,
    /// How many types of the namespace are generated.
    pub types: usize,
}

/// Generates Rust modules for the closure of `roots` in `sources`. Fails with the problems that stop a
/// run (see [`with_selection`](crate::with_selection)); nothing is written here.
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
        let mut modules: Vec<ModuleSummary> = Vec::new();
        for id in selection.types() {
            let namespace = model.schema(model.ty(*id).schema).namespace;
            match modules.iter_mut().find(|m| m.namespace == namespace) {
                Some(module) => module.types += 1,
                None => modules.push(ModuleSummary { namespace: namespace.to_owned(), file: String::new(), types: 1 }),
            }
        }
        (files, modules, emit_diagnostics)
    });
    let ((files, mut modules, emit_diagnostics), mut diagnostics) = run?;
    if let Some(started) = emitted {
        timings.record("emit", started);
    }
    diagnostics.extend(emit_diagnostics);
    for module in &mut modules {
        let file = files.iter().find(|f| f.namespace.as_deref() == Some(module.namespace.as_str()));
        module.file = file.map_or_else(String::new, |f| f.path.clone());
    }
    Ok(Generated { files, modules, diagnostics, timings })
}
