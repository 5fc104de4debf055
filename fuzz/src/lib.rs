//! The fuzz oracles shared by the cargo-fuzz targets (`fuzz_targets/`, nightly) and the deterministic
//! run on stable (`src/bin/fuzz_smoke.rs`): each takes arbitrary bytes and panics only when the code
//! under test misbehaves.
//!
//! - [`pipeline`]: the bytes as a CSDL file, read, checked, rendered, and when the input has no errors,
//!   every namespace and container generated; every generated file must parse as Rust.
//! - [`payload`]: the bytes as JSON read into generated Graph types; what reads must write back and
//!   read again to an equal value.

pub mod mutate;

use odata_codegen::Sources;

/// Inputs larger than this are skipped: the oracles look for crashes, not for slowness.
pub const MAX_INPUT: usize = 256 * 1024;

/// How far an input got (for the run's statistics: a fuzz run that rejects everything tests little).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Too large, or nothing to do with it.
    Skipped,
    /// Rejected with errors (CSDL), or read by no type (JSON).
    Rejected,
    /// Generated code (CSDL) or read and written back (JSON).
    Accepted,
}

/// Runs `bytes` through the whole pipeline as one CSDL file. Panics when the pipeline panics or when
/// generated code does not parse.
pub fn pipeline(bytes: &[u8]) -> Outcome {
    if bytes.len() > MAX_INPUT {
        return Outcome::Skipped;
    }
    let mut sources = Sources::new();
    sources.add("fuzz.xml", bytes.to_vec());
    let (_, diagnostics) = odata_codegen::summary::summarize(&sources);
    // Rendering reads the spans back against the text: it must not panic on any of them.
    let _ = sources.render_all(&diagnostics);
    if diagnostics.has_errors() {
        return Outcome::Rejected;
    }
    let roots = roots(&sources);
    if roots.is_empty() {
        return Outcome::Skipped;
    }
    let mut builder = odata_codegen::Builder::new();
    for root in &roots {
        builder.include(root);
    }
    builder.out_dir("unused").cargo_instructions(false);
    let Ok(generated) = builder.generate_from(sources) else { return Outcome::Rejected };
    for file in &generated.files {
        if let Err(err) = syn::parse_file(&file.contents) {
            panic!("generated {} does not parse: {err}\n{}", file.path, file.contents);
        }
    }
    Outcome::Accepted
}

/// Every namespace and container of `sources`.
fn roots(sources: &Sources) -> Vec<String> {
    let parsed = odata_codegen::csdl::parse_all(sources);
    let (model, _) = odata_codegen::model::Model::build(&parsed.documents);
    let namespaces = model.schemas.iter().map(|s| s.namespace.to_owned());
    namespaces.chain(model.containers.iter().map(|c| format!("{}.{}", c.namespace, c.name))).collect()
}

/// Reads `bytes` as JSON into several generated types (strictly); whatever reads must write and read
/// back to an equal value. Panics otherwise.
pub fn payload(bytes: &[u8]) -> Outcome {
    if bytes.len() > MAX_INPUT {
        return Outcome::Skipped;
    }
    use graph_models::beta::{graph as beta, industry_data};
    use graph_models::v1::graph as v1;
    let read = [
        round_trip::<v1::AnyEntity>(bytes),
        round_trip::<v1::IdentityApiConnector>(bytes),
        round_trip::<beta::AnyEntity>(bytes),
        round_trip::<industry_data::AnyIndustryDataConnector>(bytes),
        round_trip::<industry_data::AnyInboundFlow>(bytes),
        round_trip::<odata_runtime::Page<beta::AnyEntity>>(bytes),
    ];
    if read.contains(&true) { Outcome::Accepted } else { Outcome::Rejected }
}

/// Whether `bytes` read as a `T` (then it must write and read back equal).
fn round_trip<T>(bytes: &[u8]) -> bool
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let Ok(value) = serde_json::from_slice::<T>(bytes) else { return false };
    let written = match serde_json::to_vec(&value) {
        Ok(written) => written,
        Err(err) => panic!("{value:?} read but does not write: {err}"),
    };
    match serde_json::from_slice::<T>(&written) {
        Ok(again) => assert_eq!(again, value, "written as {}", String::from_utf8_lossy(&written)),
        Err(err) => panic!("{} was written but does not read back: {err}", String::from_utf8_lossy(&written)),
    }
    true
}
