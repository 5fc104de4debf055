//! The front of the pipeline shared by `subset` and `generate`: read every file, build the model,
//! select the roots, and decide which problems stop the run.

use crate::csdl::{self, Document};
use crate::diag::{Diagnostic, Diagnostics, Sources, codes};
use crate::model::Model;
use crate::select::{Selection, SelectionOptions};
use crate::timings::Timings;
use std::time::Instant;

/// Whether `diagnostic` reports a reference to a type the input does not declare (a warning: such
/// references are kept as they are, or typed as untyped JSON).
pub fn is_absent_type(diagnostic: &Diagnostic) -> bool {
    diagnostic.code == codes::UNKNOWN_TYPE
}

/// Reads `sources`, builds the model and selects `roots`, then hands all three to `then`.
///
/// Fails with the problems that stop a run: input errors other than absent types (all of the input's
/// diagnostics when it is not even well-formed CSDL), and roots that name nothing. On success the
/// input's own diagnostics (warnings, accepted absent types) come back beside `then`'s result.
pub fn with_selection<T>(
    sources: &Sources,
    roots: &[&str],
    options: &SelectionOptions,
    then: impl FnOnce(&[Document<'_>], &Model<'_>, &Selection) -> T,
) -> Result<(T, Diagnostics), Diagnostics> {
    with_selection_timed(sources, roots, options, &mut Timings::default(), then)
}

/// [`with_selection`], recording the `parse`, `model` and `select` stages in `timings`.
pub fn with_selection_timed<T>(
    sources: &Sources,
    roots: &[&str],
    options: &SelectionOptions,
    timings: &mut Timings,
    then: impl FnOnce(&[Document<'_>], &Model<'_>, &Selection) -> T,
) -> Result<(T, Diagnostics), Diagnostics> {
    let started = Instant::now();
    let parsed = csdl::parse_all(sources);
    timings.record("parse", started);
    let mut input_diagnostics = parsed.diagnostics;
    if !parsed.well_formed || input_diagnostics.has_errors() {
        return Err(input_diagnostics);
    }
    let started = Instant::now();
    let (model, model_diagnostics) = Model::build(&parsed.documents);
    timings.record("model", started);
    input_diagnostics.extend(model_diagnostics);
    let started = Instant::now();
    let (selection, selection_diagnostics) = Selection::new(&model, roots, options);
    timings.record("select", started);
    let mut blocking = Diagnostics::default();
    for diagnostic in input_diagnostics.iter().chain(selection_diagnostics.iter()) {
        if diagnostic.is_error() {
            blocking.push(diagnostic.clone());
        }
    }
    if roots.is_empty() {
        let message = "no include roots given: name at least one type, namespace, operation or container member";
        blocking.push(Diagnostic::error_without_span(codes::SELECTION, message));
    }
    if !blocking.is_empty() {
        return Err(blocking);
    }
    Ok((then(&parsed.documents, &model, &selection), input_diagnostics))
}
