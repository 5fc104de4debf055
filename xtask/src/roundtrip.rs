//! `roundtrip`: every Graph v1.0 documentation body read into the generated models of all of Graph
//! v1.0 and written back (issue "Nothing lost").
//!
//! Reuses the crate of the `graph_scale` test (`target/graph-scale-test/crate`, generated in place, so
//! an unchanged generation recompiles nothing) and its target directory; writes a binary crate
//! `target/graph-scale-test/roundtrip/` beside it (a `dispatch.rs` from each record's `odata_type` to a
//! check of its generated type, and `main.rs` from `xtask/templates/roundtrip.rs`), builds it in debug
//! mode and runs it on `../shared/graph-examples/v1.0-resources.jsonl`. The binary prints the table,
//! writes `target/graph-scale-test/roundtrip.tsv`, and fails when a body reads but writes back
//! different JSON, or fails for another reason than a value invalid for its type.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::generated_names::GeneratedNames;
use crate::naive;
use crate::scale::write;
use crate::{Context, Error, Paths, Result};

/// The binary's `main`, copied into its crate.
const MAIN: &str = include_str!("../templates/roundtrip.rs");

/// Generates, builds and runs the round-trip check.
pub fn run(paths: &Paths) -> Result<()> {
    let dir = paths.target.join("graph-scale-test");
    eprintln!("reading {} ...", paths.metadata.display());
    let model = naive::build(&paths.metadata)?;
    let models = dir.join("crate/src/models");
    let modules = generate(paths, &model.roots, &dir.join("crate"), &models)?;
    let names = GeneratedNames::scan(&modules)?;
    let record_types = crate::payloads::record_types(&paths.payloads)?;
    let known: HashSet<&str> = model.types.iter().map(|t| t.qualified.as_str()).collect();
    let mut dispatch = String::from(
        "//! Written by `cargo run -p xtask -- roundtrip`: the check of each records' `odata_type`.\n\n\
         use crate::{Check, check};\n\n/// The records' `odata_type` names that are types of the model.\n\
         pub const KNOWN_TYPES: &[&str] = &[\n",
    );
    let in_model: Vec<&str> = record_types.iter().map(String::as_str).filter(|t| known.contains(t)).collect();
    for name in &in_model {
        let _ = writeln!(dispatch, "    {name:?},");
    }
    dispatch.push_str("];\n\n/// Reads into the generated type (its `Any...` enum when it has one) and writes back.\n");
    dispatch.push_str("pub fn checker(name: &str) -> Option<Check> {\n    match name {\n");
    for name in &in_model {
        if let Some(path) = names.reader(name) {
            let _ = writeln!(dispatch, "        {name:?} => Some(check::<graph_scale::models::{path}>),");
        }
    }
    dispatch.push_str("        _ => None,\n    }\n}\n");

    let bin = dir.join("roundtrip");
    std::fs::create_dir_all(bin.join("src")).context(|| format!("cannot create `{}`", bin.display()))?;
    let manifest = format!(
        "[package]\nname = \"graph-roundtrip\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ngraph-scale = {{ path = \"../crate\" }}\nodata-runtime = {{ path = {:?} }}\n\
         serde = \"1\"\nserde_json = \"1\"\n\n[workspace]\n",
        paths.workspace.join("runtime").display().to_string()
    );
    write_if_changed(&bin.join("Cargo.toml"), &manifest)?;
    let lock = bin.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(paths.workspace.join("Cargo.lock"), &lock).context(|| "cannot copy Cargo.lock".to_owned())?;
    }
    write_if_changed(&bin.join("src/dispatch.rs"), &dispatch)?;
    write_if_changed(&bin.join("src/main.rs"), MAIN)?;

    eprintln!("building and running {} (debug; the models crate takes a minute or two) ...", bin.display());
    let status = Command::new(crate::generator::cargo())
        .current_dir(&bin)
        .args(["run", "--quiet", "--"])
        .arg(&paths.payloads)
        .arg(dir.join("roundtrip.tsv"))
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .status()
        .context(|| "cannot run cargo".to_owned())?;
    if status.success() { Ok(()) } else { Err(Error::new("the round trip of the Graph doc bodies failed (see above)")) }
}

/// Generates all of Graph v1.0 into `models` in place (only changed files are written), with the
/// crate's manifest and `lib.rs` as the `graph_scale` test writes them; returns each namespace's file.
fn generate(paths: &Paths, roots: &[String], krate: &Path, models: &Path) -> Result<Vec<(String, PathBuf)>> {
    let manifest = format!(
        "[package]\nname = \"graph-scale\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nodata-runtime = {{ path = {:?} }}\n\n[workspace]\n",
        paths.workspace.join("runtime").display().to_string()
    );
    std::fs::create_dir_all(krate.join("src")).context(|| format!("cannot create `{}`", krate.display()))?;
    write_if_changed(&krate.join("Cargo.toml"), &manifest)?;
    write_if_changed(&krate.join("src/lib.rs"), "//! All of Graph v1.0.\npub mod models;\n")?;
    let lock = krate.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(paths.workspace.join("Cargo.lock"), &lock).context(|| "cannot copy Cargo.lock".to_owned())?;
    }
    let mut command = Command::new(crate::generator::cargo());
    command.current_dir(&paths.workspace).args(["run", "-q", "-p", "odata-codegen-cli", "--", "generate"]);
    command.arg(&paths.metadata);
    for root in roots {
        command.args(["--include", root]);
    }
    command.arg("--out").arg(models);
    let output = command.output().context(|| "cannot run the generator".to_owned())?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(Error(format!("generation failed:\n{text}")));
    }
    let modules = crate::generator::module_files(&text);
    if modules.is_empty() {
        return Err(Error(format!("the generator named no module files:\n{text}")));
    }
    Ok(modules)
}

/// Writes `text` to `path` unless the file already holds it (so that cargo sees no change).
fn write_if_changed(path: &Path, text: &str) -> Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    write(path, text)
}
