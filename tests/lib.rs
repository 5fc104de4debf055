//! Shared helpers of the end-to-end tests: locating `../shared` data and running the pipeline.

use std::path::PathBuf;

use odata_codegen::Sources;
use odata_codegen::summary::{Summary, summarize};
use serde_json::Value;

/// The workspace root (the directory holding `codegen/`, `runtime/` and `tests/`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The path of a file in the shared data directory beside the workspace (`../shared/<relative>`).
///
/// When the file is missing the test is skipped loudly (a line on stderr), unless `REQUIRE_SHARED=1`,
/// which CI sets: then a missing file fails the test.
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = workspace_root().join("..").join("shared").join(relative);
    if path.is_file() {
        return Some(path);
    }
    let required = std::env::var("REQUIRE_SHARED").is_ok_and(|v| v == "1");
    assert!(!required, "REQUIRE_SHARED=1 but the shared file {} is missing", path.display());
    eprintln!("SKIPPED: shared file {} is missing (set REQUIRE_SHARED=1 to make this a failure)", path.display());
    None
}

/// Reads `paths` into a fresh [`Sources`].
pub fn load(paths: &[PathBuf]) -> Sources {
    let mut sources = Sources::new();
    for path in paths {
        let bytes = std::fs::read(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
        sources.add(path.display().to_string(), bytes);
    }
    sources
}

/// Reads, checks and summarizes one file, returning the summary (diagnostics with line and column).
pub fn summarize_file(path: &std::path::Path) -> Summary {
    let sources = load(&[path.to_path_buf()]);
    summarize(&sources).0
}

/// Runs the `odata-codegen` command line with `args` (through `cargo run`, so it is built first).
pub fn run_cli(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO"))
        .args(["run", "-q", "-p", "odata-codegen-cli", "--"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|err| panic!("cannot run cargo: {err}"))
}

/// The JSON bodies of an API documentation page: every block that starts with `{` at the start of a
/// line and parses as JSON once its braces balance (request and response bodies, in page order).
pub fn json_bodies(page: &str) -> Vec<String> {
    let mut bodies = Vec::new();
    let mut current: Option<String> = None;
    let mut depth = 0i32;
    for line in page.lines() {
        if current.is_none() && line.starts_with('{') {
            current = Some(String::new());
            depth = 0;
        }
        let Some(body) = current.as_mut() else { continue };
        body.push_str(line);
        body.push('\n');
        depth += brace_balance(line);
        if depth <= 0 {
            bodies.extend(current.take());
        }
    }
    bodies
}

/// Opening minus closing braces of `line`, ignoring those inside JSON strings.
fn brace_balance(line: &str) -> i32 {
    let (mut balance, mut in_string, mut escaped) = (0, false, false);
    for c in line.chars() {
        match (c, in_string, escaped) {
            (_, true, true) => escaped = false,
            ('\\', true, false) => escaped = true,
            ('"', _, false) => in_string = !in_string,
            ('{', false, _) => balance += 1,
            ('}', false, _) => balance -= 1,
            _ => {}
        }
    }
    balance
}

/// `value` with every object member whose value is `null` removed, at any depth: a model property
/// is an `Option`, so a `null` member reads as `None` and is not written back.
pub fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// The path and values of the first place where `read` and `written` differ.
pub fn first_difference(read: &Value, written: &Value, path: &str) -> Option<String> {
    match (read, written) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter().find_map(|key| match (a.get(key), b.get(key)) {
                (Some(x), Some(y)) => first_difference(x, y, &format!("{path}/{key}")),
                (x, y) => Some(format!("{path}/{key}: {x:?} became {y:?}")),
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            a.iter().zip(b).enumerate().find_map(|(i, (x, y))| first_difference(x, y, &format!("{path}/{i}")))
        }
        _ if read == written => None,
        _ => Some(format!("{path}: {read} became {written}")),
    }
}

/// The JSON bodies of the seed API page whose file name starts with `prefix` (e.g. `000`), in page
/// order, or `None` when the shared data is missing (a failure under `REQUIRE_SHARED=1`).
pub fn seed_bodies(prefix: &str) -> Option<Vec<String>> {
    let directory = shared_file("seeds/000_4c40dc204610bd68.txt")?.parent()?.to_path_buf();
    let entry =
        std::fs::read_dir(&directory).ok()?.flatten().find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
    let page = std::fs::read_to_string(entry.path()).ok()?;
    Some(json_bodies(&page))
}

/// A throwaway crate under `target/generated-crates/<name>` that holds generated modules next to a
/// hand-written `lib.rs`, for tests that generate code and then compile it. All such crates share one
/// target directory (`target/generated-crates/target`), so the runtime is built once per test run.
pub struct GeneratedCrate {
    /// The crate's directory (with `Cargo.toml` and `src/`).
    pub dir: PathBuf,
}

impl GeneratedCrate {
    /// Creates (or reuses) the crate `name` with `lib_rs` as its `src/lib.rs`; the runtime is its only
    /// dependency, with the features the generator's defaults need plus `extra_features`.
    pub fn new(name: &str, lib_rs: &str, extra_features: &[&str]) -> GeneratedCrate {
        let root = workspace_root();
        let dir = root.join("target/generated-crates").join(name);
        std::fs::create_dir_all(dir.join("src")).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let features = extra_features.iter().map(|f| format!("{f:?}")).collect::<Vec<_>>().join(", ");
        let manifest = format!(
            "[package]\nname = {name:?}\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nodata-runtime = {{ path = {:?}, features = [{features}] }}\nserde_json = \"1\"\n\n\
             [workspace]\n",
            root.join("runtime").display().to_string()
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("src/lib.rs"), lib_rs).unwrap_or_else(|e| panic!("{e}"));
        // The workspace's lock file, so that the crate builds with the versions CI already has.
        std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap_or_else(|e| panic!("{e}"));
        GeneratedCrate { dir }
    }

    /// A path inside the crate's `src/` directory (where generated modules go).
    pub fn src(&self, relative: &str) -> PathBuf {
        self.dir.join("src").join(relative)
    }

    /// Runs `cargo <command>` (e.g. `check`, `test`) in the crate, warnings shown in short form;
    /// returns whether it succeeded and its stderr.
    pub fn cargo(&self, command: &str) -> (bool, String) {
        self.cargo_with_env(command, &[])
    }

    /// [`Self::cargo`] with extra environment variables (e.g. `RUSTDOCFLAGS` for `doc`).
    pub fn cargo_with_env(&self, command: &str, env: &[(&str, &str)]) -> (bool, String) {
        let output = std::process::Command::new(env!("CARGO"))
            .args([command, "--quiet", "--message-format", "short"])
            .envs(env.iter().copied())
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", workspace_root().join("target/generated-crates/target"))
            .env("CARGO_TERM_COLOR", "never")
            .output()
            .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
        (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
    }

    /// `cargo check` that must succeed without warnings; panics with the compiler's output otherwise.
    pub fn check_clean(&self) {
        let (ok, stderr) = self.cargo("check");
        assert!(ok, "cargo check of {} failed:\n{stderr}", self.dir.display());
        assert!(!stderr.contains("warning"), "{} has warnings:\n{stderr}", self.dir.display());
    }
}

/// Everything a run over `paths` can generate: every schema namespace and every entity container
/// (`Namespace.Container`), in document order.
pub fn every_root(sources: &Sources) -> Vec<String> {
    let parsed = odata_codegen::csdl::parse_all(sources);
    let (model, _) = odata_codegen::model::Model::build(&parsed.documents);
    let namespaces = model.schemas.iter().map(|s| s.namespace.to_owned());
    let containers = model.containers.iter().map(|c| format!("{}.{}", c.namespace, c.name));
    namespaces.chain(containers).collect()
}

/// Generates every namespace and container of `paths` (read together as one model) into the directory
/// `out` with the library's [`odata_codegen::Builder`], as `generate --include <each> --out` would.
/// Returns the run's report, or its rendered errors.
pub fn generate_everything(paths: &[PathBuf], out: &std::path::Path) -> Result<odata_codegen::Report, String> {
    let roots = every_root(&load(paths));
    let mut builder = odata_codegen::Builder::new();
    for path in paths {
        builder.metadata(path);
    }
    for root in &roots {
        builder.include(root);
    }
    builder.out_dir(out).cargo_instructions(false);
    builder.build().map_err(|err| err.to_string())
}

/// Generates `roots` of metadata already read into `sources` in memory (directory layout, default
/// options), as `generate --include <roots> --out <dir>` would, writing nothing.
pub fn generate_files(sources: &Sources, roots: &[&str]) -> Result<Vec<odata_codegen::GeneratedFile>, String> {
    let mut builder = odata_codegen::Builder::new();
    for root in roots {
        builder.include(*root);
    }
    builder.out_dir("unused").cargo_instructions(false);
    builder.generate_from(sources.clone()).map(|generation| generation.files).map_err(|err| err.to_string())
}
