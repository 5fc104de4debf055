//! odata-codegen: read OData CSDL `$metadata` documents and generate Rust models.
//!
//! The pipeline is visible in the module tree: text → [`csdl`] (syntax with spans) → [`model`]
//! (names resolved, checked) → selection → emit → files. Every stage reports problems as
//! [`Diagnostic`]s that name the file, line and column; nothing panics on bad input.

pub mod csdl;
pub mod diag;
pub mod emit;
pub mod generate;
pub mod model;
pub mod pipeline;
pub mod select;
pub mod subset;
pub mod summary;

pub use diag::{Diagnostic, Diagnostics, Severity, Sources, Span};
