//! `payloads`: the real-payload benchmark on the Graph v1.0 documentation bodies (issue 10).
//!
//! Writes a bench crate under `target/scale/payload-bench/` with the generated models of all of Graph
//! v1.0, the naive model of the same types and a `main` (from `xtask/templates/payload_bench.rs`) that
//! classifies every record and times the readers; builds it in release mode with its own target
//! directory and runs it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::generated_names::GeneratedNames;
use crate::generator;
use crate::measure;
use crate::naive;
use crate::scale::{write, write_crate};
use crate::{Context, Error, Paths, Result};

/// The bench binary's `main`, copied into the bench crate.
const MAIN: &str = include_str!("../templates/payload_bench.rs");

/// Runs the benchmark: `rounds` timed rounds; `opt_level` is the bench crate's release `opt-level`.
pub fn run(paths: &Paths, rounds: u32, opt_level: &str) -> Result<()> {
    if !["0", "1", "2", "3", "s", "z"].contains(&opt_level) {
        return Err(Error(format!("`--opt-level {opt_level}`: expected 0, 1, 2, 3, s or z")));
    }
    let cli = generator::build_cli(paths)?;
    eprintln!("reading {} and writing the naive model ...", paths.metadata.display());
    let naive = naive::build(&paths.metadata)?;
    let dir = paths.scale.join("payload-bench");
    let models = dir.join("src/models");
    eprintln!("generating {} roots into {} ...", naive.roots.len(), models.display());
    let generation = generator::generate(
        &cli,
        &paths.metadata,
        &naive.roots,
        &[],
        &models,
        &paths.scale.join("logs/payload-generate.log"),
    )?;
    eprintln!("generated in {}", generation.measured.describe());

    let record_types = record_types(&paths.payloads)?;
    let names = GeneratedNames::scan(&generation.modules)?;
    let dispatch = dispatch_source(&record_types, &naive.types, &names);
    write_crate(paths, &dir, "payload-bench", &manifest(&paths.workspace.join("runtime"), opt_level))?;
    write(&dir.join("src/naive.rs"), &naive.source)?;
    write(&dir.join("src/dispatch.rs"), &dispatch.source)?;
    write(&dir.join("src/main.rs"), MAIN)?;
    eprintln!(
        "dispatch: {} distinct odata_type names in the records, {} in the model, {} without a generated type{}",
        record_types.len(),
        dispatch.known,
        dispatch.missing.len(),
        if dispatch.missing.is_empty() { String::new() } else { format!(" ({})", dispatch.missing.join(", ")) }
    );

    eprintln!("building the bench crate (release, opt-level {opt_level}; the first build takes many minutes) ...");
    let target = dir.join("target");
    let mut build = Command::new(generator::cargo());
    build
        .current_dir(&dir)
        .args(["build", "--release", "--target-dir"])
        .arg(&target)
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    let built = measure::run_logged(&mut build, &paths.scale.join("logs/payload-bench-build.log"))?;
    eprintln!("built in {}", built.describe());

    let binary = target.join("release/payload-bench");
    let mut bench = Command::new(&binary);
    bench.arg(&paths.payloads).arg(&paths.scale).arg(rounds.to_string());
    let ran = measure::run_inherited(&mut bench)?;
    println!(
        "\nbench crate build (release, opt-level {opt_level}): {}\nwritten: {} (record lines that read into the \
         generated types), payloads-classes.tsv (every record), payloads.json",
        built.describe(),
        paths.scale.join("payloads-readable.txt").display()
    );
    for (step, measured) in [("bench crate build", &built), ("benchmark run", &ran)] {
        if let Some(note) = measured.contention() {
            println!("warning: during the {step}, {note}: its times are skewed; run again on a quiet machine");
        }
    }
    Ok(())
}

/// The bench crate's `Cargo.toml`.
fn manifest(runtime: &Path, opt_level: &str) -> String {
    let opt_level =
        if opt_level.chars().all(|c| c.is_ascii_digit()) { opt_level.to_owned() } else { format!("{opt_level:?}") };
    format!(
        "[package]\nname = \"payload-bench\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nodata-runtime = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n\n[profile.release]\nopt-level = {opt_level}\ndebug = false\nincremental = false\n\n\
         [workspace]\n",
        runtime.display().to_string()
    )
}

/// The distinct `odata_type` names of the records (without a leading `#`).
pub(crate) fn record_types(records: &Path) -> Result<BTreeSet<String>> {
    let text = std::fs::read_to_string(records).context(|| format!("cannot read `{}`", records.display()))?;
    let mut names = BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        // Lines that are not JSON are classified by the bench binary; here they name no type.
        let Ok(record) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        if let Some(name) = record["odata_type"].as_str() {
            names.insert(name.trim_start_matches('#').to_owned());
        }
    }
    Ok(names)
}

/// The generated `dispatch.rs` and what it covers.
struct Dispatch {
    source: String,
    /// Record types that are types of the model.
    known: usize,
    /// Record types of the model for which no generated Rust type was found.
    missing: Vec<String>,
}

/// `KNOWN_TYPES` (the record types that the model has) and two `match`es from qualified name to a
/// reader of the generated and of the naive type.
fn dispatch_source(
    record_types: &BTreeSet<String>,
    naive: &[naive::NaiveType],
    generated: &GeneratedNames,
) -> Dispatch {
    let naive: BTreeMap<&str, &str> = naive.iter().map(|t| (t.qualified.as_str(), t.path.as_str())).collect();
    let known: Vec<&str> = record_types.iter().map(String::as_str).filter(|t| naive.contains_key(t)).collect();
    let mut source = String::from(
        "//! Written by `cargo run -p xtask -- payloads`: which Rust type reads each `odata_type` of the records.\n\n\
         use crate::{Reader, read};\n\n/// The records' `odata_type` names that are types of the model.\n\
         pub const KNOWN_TYPES: &[&str] = &[\n",
    );
    for name in &known {
        let _ = writeln!(source, "    {name:?},");
    }
    source.push_str("];\n\n/// The reader of the generated type (its `Any...` enum when it has one).\n");
    source.push_str("pub fn generated_reader(name: &str) -> Option<Reader> {\n    match name {\n");
    let mut missing = Vec::new();
    for name in &known {
        match generated.reader(name) {
            Some(path) => {
                let _ = writeln!(source, "        {name:?} => Some(read::<crate::models::{path}>),");
            }
            None => missing.push((*name).to_owned()),
        }
    }
    source.push_str("        _ => None,\n    }\n}\n\n/// The reader of the naive model's type.\n");
    source.push_str("pub fn naive_reader(name: &str) -> Option<Reader> {\n    match name {\n");
    for name in &known {
        if let Some(path) = naive.get(name) {
            let path = if *path == "String" { "String".to_owned() } else { format!("crate::naive::{path}") };
            let _ = writeln!(source, "        {name:?} => Some(read::<{path}>),");
        }
    }
    source.push_str("        _ => None,\n    }\n}\n");
    Dispatch { source, known: known.len(), missing }
}
