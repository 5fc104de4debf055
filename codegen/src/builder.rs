//! The [`Builder`]: everything `odata-codegen generate` does, as a library call for `build.rs`.
//!
//! Setters take and return `&mut Self` (like `prost_build::Config`), so a builder can be set up in one
//! chain or step by step. [`Builder::build`] generates and writes; [`Builder::generate`] only generates
//! (in memory); [`Builder::check`] compares with what is on disk.

use crate::diag::codes;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Sources, Span};
use crate::drift::Drift;
use crate::emit::custom::{DateTimeCrate, DecimalType};
use crate::emit::{EmitOptions, GeneratedFile};
use crate::files::{self, Output};
pub use crate::generate::ModuleSummary;
use crate::select::SelectionOptions;

/// The file written when no output is set: `$OUT_DIR/odata_models.rs`.
pub const DEFAULT_FILE_NAME: &str = "odata_models.rs";

/// One metadata file, and where a configuration file named it.
#[derive(Clone, Debug)]
struct Input {
    path: PathBuf,
    config_span: Option<Range<usize>>,
}

/// The configuration file a builder's settings come from: its path and text.
#[derive(Clone, Debug)]
struct ConfigFile {
    path: PathBuf,
    text: Arc<str>,
}

/// Configures and runs one generation: metadata in, Rust models out.
///
/// See the [crate documentation](crate) for a `build.rs` walkthrough, and [`config::load`](crate::config::load)
/// for the same options read from `odata-codegen.toml`.
#[derive(Clone, Debug)]
pub struct Builder {
    inputs: Vec<Input>,
    include: Vec<String>,
    selection: SelectionOptions,
    emit: EmitOptions,
    output: Option<Output>,
    cargo: Option<bool>,
    config_file: Option<ConfigFile>,
    allow: Vec<String>,
}

impl Default for Builder {
    fn default() -> Builder {
        Builder::new()
    }
}

impl Builder {
    /// A builder with the defaults: no input yet, derived types and bound operations followed,
    /// navigation targets not, chrono and rust_decimal types, write models on, output to
    /// `$OUT_DIR/odata_models.rs`.
    pub fn new() -> Builder {
        Builder {
            inputs: Vec::new(),
            include: Vec::new(),
            selection: SelectionOptions::default(),
            emit: EmitOptions::default(),
            output: None,
            cargo: None,
            config_file: None,
            allow: Vec::new(),
        }
    }

    /// Adds a CSDL metadata file. All files are read together as one model, so references across
    /// files resolve. Each is reported to Cargo with `cargo:rerun-if-changed`.
    pub fn metadata(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.inputs.push(Input { path: path.as_ref().to_path_buf(), config_span: None });
        self
    }

    /// Records that this builder's settings come from the configuration file at `path`, whose text is
    /// `text`: [`build`](Self::build) asks Cargo to rerun when it changes, and metadata files added with
    /// [`metadata_written_at`](Self::metadata_written_at) are reported at their place in it.
    pub fn configured_by(&mut self, path: impl AsRef<Path>, text: Arc<str>) -> &mut Self {
        self.config_file = Some(ConfigFile { path: path.as_ref().to_path_buf(), text });
        self
    }

    /// Adds a CSDL metadata file, like [`metadata`](Self::metadata), that the configuration file (see
    /// [`configured_by`](Self::configured_by)) names at the byte range `written_at`: when the file cannot
    /// be read, the error points there.
    pub fn metadata_written_at(&mut self, path: impl AsRef<Path>, written_at: Range<usize>) -> &mut Self {
        self.inputs.push(Input { path: path.as_ref().to_path_buf(), config_span: Some(written_at) });
        self
    }

    /// Generates `name` with everything it needs: a type (`microsoft.graph.user` or `graph.user`), a
    /// namespace or alias, an entity set or singleton (`Container/name`), or an action or function (all
    /// overloads). At least one is required.
    pub fn include(&mut self, name: impl Into<String>) -> &mut Self {
        self.include.push(name.into());
        self
    }

    /// Never generates `name` (written like [`include`](Self::include)), even when an included type uses
    /// it: properties of an excluded type become `serde_json::Value`, and its own property types are not
    /// pulled in through it. An entity set or singleton excludes its entity type.
    pub fn exclude(&mut self, name: impl Into<String>) -> &mut Self {
        self.selection.exclude.push(name.into());
        self
    }

    /// Also generates the targets of navigation properties (default `false`: navigation properties to
    /// types outside the selection are left out).
    pub fn follow_navigation(&mut self, on: bool) -> &mut Self {
        self.selection.follow_navigation = on;
        self
    }

    /// Generates the derived types of included types and property types (default `true`), so that
    /// polymorphic values read into their own variants.
    pub fn derived_types(&mut self, on: bool) -> &mut Self {
        self.selection.include_derived = on;
        self
    }

    /// Generates the actions and functions bound to generated types whose types are all generated too
    /// (default `true`).
    pub fn bound_operations(&mut self, on: bool) -> &mut Self {
        self.selection.include_bound_operations = on;
        self
    }

    /// Names the module of `namespace` (default: its last segment in snake case, so `microsoft.graph`
    /// becomes `graph`).
    pub fn module_name(&mut self, namespace: impl Into<String>, module: impl Into<String>) -> &mut Self {
        self.emit.module_names.insert(namespace.into(), module.into());
        self
    }

    /// The crate for `Edm.DateTimeOffset`, `Edm.Date` and `Edm.TimeOfDay` (default chrono). With
    /// [`DateTimeCrate::Time`], enable `odata-runtime`'s `time` feature.
    pub fn date_time(&mut self, choice: DateTimeCrate) -> &mut Self {
        self.emit.type_mapping.date_time = choice;
        self
    }

    /// The type of `Edm.Decimal` (default `rust_decimal::Decimal`).
    pub fn decimal(&mut self, choice: DecimalType) -> &mut Self {
        self.emit.type_mapping.decimal = choice;
        self
    }

    /// Adds a derive to every generated struct and enum, e.g. `"Hash"` or `"schemars::JsonSchema"`.
    /// Every field type must implement the trait (the runtime types implement `Clone`, `Debug`,
    /// `PartialEq`; floats are not `Eq` or `Hash`).
    pub fn derive(&mut self, path: impl Into<String>) -> &mut Self {
        self.emit.attributes.all.derives.push(path.into());
        self
    }

    /// Adds an outer attribute to every generated struct and enum, e.g. `"#[non_exhaustive]"`.
    pub fn attribute(&mut self, attribute: impl Into<String>) -> &mut Self {
        self.emit.attributes.all.attributes.push(attribute.into());
        self
    }

    /// Adds a derive to the struct or enum of one CSDL type (by qualified name, e.g.
    /// `microsoft.graph.identityApiConnector`) and to its `Any...` enum.
    pub fn type_derive(&mut self, ty: impl Into<String>, path: impl Into<String>) -> &mut Self {
        self.emit.attributes.per_type.entry(ty.into()).or_default().derives.push(path.into());
        self
    }

    /// Adds an outer attribute to the struct or enum of one CSDL type and to its `Any...` enum.
    pub fn type_attribute(&mut self, ty: impl Into<String>, attribute: impl Into<String>) -> &mut Self {
        self.emit.attributes.per_type.entry(ty.into()).or_default().attributes.push(attribute.into());
        self
    }

    /// Replaces the property names whose values `Debug` never shows (compared ignoring ASCII case;
    /// default `password`, `clientSecret`, `pkcs12Value`).
    pub fn secret_properties<I, S>(&mut self, names: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.emit.secret_properties = names.into_iter().map(Into::into).collect();
        self
    }

    /// Generates write models for create and update bodies (default `true`); models only read can
    /// leave them out and compile faster.
    pub fn write_models(&mut self, on: bool) -> &mut Self {
        self.emit.write_models = on;
        self
    }

    /// Gives every read model a typed constant per member (`Orders::TOTAL`), which `odata-client`
    /// takes in filters, `$select`, `$expand` and navigation paths (default `true`; on all of Graph
    /// v1.0 they add about 6 % to the memory `cargo check` takes, and no measurable time).
    pub fn member_constants(&mut self, on: bool) -> &mut Self {
        self.emit.member_constants = on;
        self
    }

    /// Writes one file holding every module inline, for `include!`.
    pub fn out_file(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.output = Some(Output::File(path.as_ref().to_path_buf()));
        self
    }

    /// Writes a directory with one file per module and a root file declaring them (see
    /// [`root_file`](Self::root_file)). The directory is the generator's own: [`build`](Self::build)
    /// replaces it as a whole (generated files it no longer makes go) and refuses, writing and removing
    /// nothing, when it holds anything else (a file without the `@generated` header, a subdirectory);
    /// see [`swap`](crate::swap) for the guarantees.
    pub fn out_dir(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.output = Some(Output::Directory(path.as_ref().to_path_buf()));
        self
    }

    /// The root file of a directory output (default `mod.rs`; `lib.rs` for a crate's `src`).
    pub fn root_file(&mut self, name: impl Into<String>) -> &mut Self {
        self.emit.root_file = name.into();
        self
    }

    /// Silences the warnings with diagnostic code `code` (e.g. `"derived-key"`; every code is listed in
    /// [`codes::ALL`] and shown in brackets in each warning, `warning[code]`).
    /// Errors cannot be allowed. An unknown code is a configuration error.
    pub fn allow(&mut self, code: impl Into<String>) -> &mut Self {
        self.allow.push(code.into());
        self
    }

    /// Whether [`build`](Self::build) prints `cargo:rerun-if-changed` and `cargo:warning` lines (default:
    /// when `OUT_DIR` is set, that is in a build script).
    pub fn cargo_instructions(&mut self, on: bool) -> &mut Self {
        self.cargo = Some(on);
        self
    }

    /// Problems with the settings that [`generate`](Self::generate) would report as errors before
    /// reading any file: derives that are not Rust paths, attributes that are not outer attributes.
    pub fn setting_problems(&self) -> Vec<String> {
        self.emit.attributes.problems()
    }

    /// The metadata files, in the order given.
    pub fn metadata_files(&self) -> impl Iterator<Item = &Path> {
        self.inputs.iter().map(|input| input.path.as_path())
    }

    /// Where [`build`](Self::build) writes: the output set, or `$OUT_DIR/odata_models.rs`.
    pub fn output(&self) -> Result<Output, Error> {
        if let Some(output) = &self.output {
            return Ok(output.clone());
        }
        match std::env::var_os("OUT_DIR") {
            Some(dir) => Ok(Output::File(PathBuf::from(dir).join(DEFAULT_FILE_NAME))),
            None => Err(Error::message(
                ErrorKind::Config,
                codes::CONFIG,
                "no output: call `out_file` or `out_dir` (or run in a build script, where OUT_DIR is set)",
            )),
        }
    }

    /// Generates the files in memory, writing nothing.
    ///
    /// Fails with every problem that stops a run, rendered like rustc (`file:line:column`, the source line
    /// and a caret): unreadable files, input errors other than references to absent types (those become
    /// `serde_json::Value`), include or exclude names that name nothing, bad derives or attributes.
    pub fn generate(&self) -> Result<Generation, Error> {
        let mut sources = Sources::new();
        let mut unreadable = Diagnostics::default();
        let mut config_file = None;
        for input in &self.inputs {
            match std::fs::read(&input.path) {
                Ok(bytes) => {
                    sources.add(input.path.display().to_string(), bytes);
                }
                Err(err) => unreadable.push(self.unreadable(&mut sources, &mut config_file, input, &err)),
            }
        }
        if self.inputs.is_empty() {
            unreadable.push(Diagnostic::error_without_span(codes::CONFIG, "no metadata file given"));
        }
        if !unreadable.is_empty() {
            return Err(Error::new(ErrorKind::Input, unreadable, sources));
        }
        self.generate_from(sources)
    }

    /// Generates the files in memory from metadata already read into `sources` (fetched from a
    /// service, say) instead of the [`metadata`](Self::metadata) files, writing nothing. Fails like
    /// [`generate`](Self::generate).
    pub fn generate_from(&self, sources: Sources) -> Result<Generation, Error> {
        let output = self.output()?;
        let mut unreadable = Diagnostics::default();
        for problem in self.emit.attributes.problems() {
            unreadable.push(Diagnostic::error_without_span(codes::CONFIG, problem));
        }
        for code in self.allow.iter().filter(|code| !codes::is_known(code)) {
            unreadable.push(Diagnostic::error_without_span(codes::CONFIG, codes::unknown_code_message(code)));
        }
        if !unreadable.is_empty() {
            return Err(Error::new(ErrorKind::Input, unreadable, sources));
        }
        let roots: Vec<&str> = self.include.iter().map(String::as_str).collect();
        let mut emit = self.emit.clone();
        if let Output::File(_) = output {
            emit.root_file = "mod.rs".to_owned();
        }
        let generated = crate::generate::generate(&sources, &roots, &self.selection, &emit)
            .map_err(|diagnostics| Error::new(ErrorKind::Input, diagnostics, sources.clone()))?;
        let absent_types = generated.diagnostics.iter().filter(|d| crate::pipeline::is_absent_type(d)).count();
        let mut warnings: Diagnostics = generated.diagnostics.iter().filter(|d| !d.is_error()).cloned().collect();
        let allowed_warnings = warnings.allow(&self.allow);
        let files = match &output {
            Output::Directory(_) => generated.files,
            Output::File(path) => {
                let name = path.file_name().map_or_else(|| DEFAULT_FILE_NAME.into(), |n| n.to_string_lossy().into());
                let contents = files::single_file(&generated.files, &emit.root_file);
                vec![GeneratedFile { path: name, contents, namespace: None }]
            }
        };
        Ok(Generation {
            files,
            output,
            modules: generated.modules,
            rendered_warnings: sources.render_all(&warnings),
            warnings,
            allowed_warnings,
            absent_types,
            timings: generated.timings,
        })
    }

    /// An unreadable metadata file: pointing at its entry in the configuration file when it has one.
    fn unreadable(
        &self,
        sources: &mut Sources,
        config_file: &mut Option<crate::diag::FileId>,
        input: &Input,
        err: &std::io::Error,
    ) -> Diagnostic {
        let path = input.path.display();
        match (&self.config_file, &input.config_span) {
            (Some(config), Some(range)) => {
                // The path was joined to the configuration file's directory: say so, in the words of the file.
                let base = config.path.parent().unwrap_or(Path::new(""));
                let message = match input.path.strip_prefix(base).ok().filter(|written| written.is_relative()) {
                    Some(written) => format!(
                        "cannot read `{}` (relative to {}, the directory of the configuration file): {err}",
                        written.display(),
                        directory_words(base)
                    ),
                    None => format!("cannot read `{path}`: {err}"),
                };
                let file = *config_file.get_or_insert_with(|| {
                    sources.add(config.path.display().to_string(), config.text.as_bytes().to_vec())
                });
                Diagnostic::error(codes::CONFIG, Span::new(file, range.start, range.end), message)
            }
            _ if input.path.is_relative() => {
                let message = format!("cannot read `{path}` (relative to {}): {err}", directory_words(Path::new("")));
                Diagnostic::error_without_span(codes::CONFIG, message)
            }
            _ => Diagnostic::error_without_span(codes::CONFIG, format!("cannot read `{path}`: {err}")),
        }
    }

    /// Generates and writes the output, writing only files whose bytes change (so that an unchanged
    /// schema never triggers a rebuild), and returns what changed. A directory is swapped in as a whole
    /// under a lock, so an interrupted or concurrent run never leaves a mix of old and new files; an
    /// output holding files the generator did not make is refused (see [`swap`](crate::swap)).
    ///
    /// In a build script (see [`cargo_instructions`](Self::cargo_instructions)) it first prints
    /// `cargo:rerun-if-changed` for every metadata file and the configuration file, then one
    /// `cargo:warning` line per line of rendered warnings. Nothing is written when generation fails.
    pub fn build(&self) -> Result<Report, Error> {
        let cargo = self.cargo.unwrap_or_else(|| std::env::var_os("OUT_DIR").is_some());
        if cargo {
            for path in self.rerun_paths() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let mut generation = self.generate()?;
        if cargo {
            for line in generation.rendered_warnings.lines() {
                println!("cargo:warning={line}");
            }
        }
        let started = std::time::Instant::now();
        let before = files::read_existing(&generation.output, &generation.files);
        let drift = Drift::compare(&before, &generation.files);
        generation.timings.record("compare", started);
        let started = std::time::Instant::now();
        let written = crate::swap::write_output(&generation.output, &generation.files).map_err(|(path, err)| {
            Error::message(ErrorKind::Io, codes::IO, format!("cannot write `{}`: {err}", path.display()))
        })?;
        generation.timings.record("write", started);
        Ok(Report { generation, drift, written })
    }

    /// Generates in memory and compares with the output on disk: a clean [`Drift`] when they are equal
    /// byte for byte; otherwise which files and which items differ (stale output, hand edits, extra or
    /// missing files).
    pub fn check(&self) -> Result<(Generation, Drift), Error> {
        let generation = self.generate()?;
        let on_disk = files::read_existing(&generation.output, &generation.files);
        let drift = Drift::compare(&on_disk, &generation.files);
        Ok((generation, drift))
    }

    /// The files whose change must rerun a build script: metadata files and the configuration file.
    pub fn rerun_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.inputs.iter().map(|i| i.path.clone()).collect();
        paths.extend(self.config_file.as_ref().map(|c| c.path.clone()));
        paths
    }
}

/// A directory for messages: `` `generated` ``, or for the empty path `` the current directory `/abs/path` ``.
fn directory_words(dir: &Path) -> String {
    if !dir.as_os_str().is_empty() {
        return format!("`{}`", dir.display());
    }
    match std::env::current_dir() {
        Ok(current) => format!("the current directory `{}`", current.display()),
        Err(_) => "the current directory".to_owned(),
    }
}

/// What [`Builder::generate`] made.
#[derive(Debug)]
pub struct Generation {
    /// The files, paths relative to the output directory (for a single-file output, just its name).
    pub files: Vec<GeneratedFile>,
    /// Where they go.
    pub output: Output,
    /// Generated types per namespace.
    pub modules: Vec<ModuleSummary>,
    /// Warnings of the input and of the emission, except the allowed ones.
    pub warnings: Diagnostics,
    /// How many warnings [`Builder::allow`] silenced.
    pub allowed_warnings: usize,
    /// The warnings rendered like rustc, with a summary line (empty when there are none).
    pub rendered_warnings: String,
    /// How many references to types the input does not declare were typed as `serde_json::Value`.
    pub absent_types: usize,
    /// Time and memory per stage (after [`Builder::build`]: `compare` and `write` too).
    pub timings: crate::timings::Timings,
}

/// What [`Builder::build`] did.
#[derive(Debug)]
pub struct Report {
    /// What was generated.
    pub generation: Generation,
    /// How the output differs from what was there before (files and items added, removed, changed).
    pub drift: Drift,
    /// The files written (those whose bytes changed) and removed.
    pub written: Vec<PathBuf>,
}

/// What kind of problem stopped a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The metadata has errors, cannot be read, or include/exclude names name nothing.
    Input,
    /// The configuration is invalid (file or builder settings).
    Config,
    /// The output could not be written.
    Io,
}

/// Why a run failed: its problems as data ([`Diagnostics`] with the [`Sources`] their spans point into),
/// rendered only when shown. `Display` (and `Debug`, so that `fn main() -> Result<(), Error>` in a build
/// script prints it readably) shows every problem like rustc: `file:line:column`, the source line and a
/// caret.
pub struct Error {
    kind: ErrorKind,
    diagnostics: Diagnostics,
    sources: Sources,
}

impl Error {
    /// An error of `kind` made of `diagnostics`, whose spans point into `sources`.
    pub(crate) fn new(kind: ErrorKind, diagnostics: Diagnostics, sources: Sources) -> Error {
        Error { kind, diagnostics, sources }
    }

    /// An error of `kind` with one problem that has no place in a file.
    pub(crate) fn message(kind: ErrorKind, code: &'static str, message: impl Into<String>) -> Error {
        let diagnostics = std::iter::once(Diagnostic::error_without_span(code, message)).collect();
        Error::new(kind, diagnostics, Sources::new())
    }

    /// What kind of problem it is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The problems, each with its code, message, place and notes.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// The files the problems' spans point into (for rendering them another way, or for their
    /// line and column: [`Sources::line_col`]).
    pub fn sources(&self) -> &Sources {
        &self.sources
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.sources.render_all(&self.diagnostics).trim_end())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `main` returning `Err` prints `Error: {:?}`: show the rendered diagnostics, not a struct dump.
        writeln!(f)?;
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}
