//! odata-codegen: read OData CSDL `$metadata` documents and generate Rust models.
//!
//! # In a build script
//!
//! Check the service's `$metadata` into your crate, add `odata-codegen` as a build dependency and
//! `odata-runtime` as a dependency, and generate the models on every build:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), odata_codegen::Error> {
//!     odata_codegen::Builder::new()
//!         .metadata("metadata/graph-v1.0-identity-api-connector.xml")
//!         .include("microsoft.graph.identityApiConnector")
//!         .build()?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/main.rs (or lib.rs): one module per schema namespace, `graph` for `microsoft.graph`.
//! include!(concat!(env!("OUT_DIR"), "/odata_models.rs"));
//!
//! let connector: graph::IdentityApiConnector = serde_json::from_str(body)?;
//! ```
//!
//! [`Builder::build`] writes `$OUT_DIR/odata_models.rs` (every module inline, for `include!`), or a
//! directory of modules with [`Builder::out_dir`]. It prints `cargo:rerun-if-changed` for every input,
//! so the script reruns only when the metadata changes, and rewrites a file only when its bytes change,
//! so an unchanged schema never recompiles the models. Warnings become `cargo:warning` lines; input
//! errors fail the build with rustc-style messages (`file:line:column`, the source line and a caret).
//!
//! The other settings, each a `&mut self` setter: [`exclude`](Builder::exclude) names to leave out
//! (their uses become `serde_json::Value`), [`follow_navigation`](Builder::follow_navigation),
//! [`module_name`](Builder::module_name) per namespace, [`date_time`](Builder::date_time) (chrono or
//! `time`), [`decimal`](Builder::decimal), extra [`derive`](Builder::derive)s and
//! [`attribute`](Builder::attribute)s globally or [per type](Builder::type_derive),
//! [`secret_properties`](Builder::secret_properties), [`write_models`](Builder::write_models).
//!
//! [`Builder::generate`] does the same in memory, which is how this example runs as a test:
//!
//! ```
//! use odata_codegen::{Builder, DateTimeCrate};
//!
//! let generation = Builder::new()
//!     .metadata("data/demo.xml")
//!     .include("contoso.identity")
//!     .exclude("contoso.identity.certificateAuthentication")
//!     .module_name("contoso.identity", "models")
//!     .date_time(DateTimeCrate::Time)
//!     .type_derive("contoso.identity.connectorStatus", "PartialOrd")
//!     .out_file("models.rs")
//!     .generate()?;
//! let file = &generation.files[0].contents;
//! assert!(file.contains("pub mod models {"));
//! assert!(file.contains("#[derive(PartialOrd)]\n    pub enum ConnectorStatus {"));
//! assert!(file.contains("::odata_runtime::time::OffsetDateTime"));
//! assert!(!file.contains("CertificateAuthentication"));
//! # Ok::<(), odata_codegen::Error>(())
//! ```
//!
//! The same options can be read from `odata-codegen.toml` ([`config::load`]), which is what the
//! command line's `generate --config` and `check --config` do. The command line is a separate crate,
//! `odata-codegen-cli` (binary `odata-codegen`), so that a build script depending on this library does
//! not compile its argument parser.
//!
//! # The pipeline
//!
//! The pipeline is visible in the module tree: text → [`csdl`] (syntax with spans) → [`model`]
//! (names resolved, checked) → selection → emit → files. Every stage reports problems as
//! [`Diagnostic`]s that name the file, line and column; nothing panics on bad input.

mod builder;
pub mod config;
pub mod csdl;
pub mod diag;
mod drift;
mod emit;
mod files;
mod generate;
pub mod model;
mod pipeline;
pub mod select;
pub mod subset;
pub mod summary;
pub mod swap;
mod timings;

pub use builder::{Builder, DEFAULT_FILE_NAME, Error, ErrorKind, Generation, ModuleSummary, Report};
pub use diag::{Diagnostic, Diagnostics, Severity, Sources, Span};
pub use drift::Drift;
pub use emit::GeneratedFile;
pub use emit::custom::{DateTimeCrate, DecimalType};
pub use emit::names as naming;
pub use files::{Output, write_atomically};
pub use pipeline::{is_absent_type, with_selection};
pub use timings::Timings;
