//! `release`: the release build of a binary that reads and writes every generated type.
//!
//! The crate `target/scale/roundtrip/` holds all of Graph v1.0 as generated and a `main` that, for each
//! read model, reads `{}` with `serde_json::from_str` and writes the value back, and writes each write
//! model's `Default`: every type's serde entry points are instantiated for `serde_json`, as in a program
//! that uses them all. The dependencies are built first (untimed); then a fresh `cargo build --release`
//! of the crate alone is timed.

use std::path::Path;

use crate::scale::{cargo, write, write_crate};
use crate::{Context, Paths, Result, generator, measure, naive};

/// The crate's name.
const CRATE: &str = "graph-roundtrip";

/// Generates all of Graph v1.0 into the roundtrip crate, builds it in release mode and prints the time.
pub fn run(paths: &Paths) -> Result<()> {
    let cli = generator::build_cli(paths)?;
    let roots = naive::build(&paths.metadata)?.roots;
    let dir = paths.scale.join("roundtrip");
    let models = dir.join("src/models");
    eprintln!("generating {} roots into {} ...", roots.len(), models.display());
    generator::generate(&cli, &paths.metadata, &roots, &[], &models, &paths.scale.join("logs/roundtrip-generate.log"))?;
    let main = main_source(&models)?;
    let runtime = paths.workspace.join("runtime");
    let manifest = format!(
        "[package]\nname = \"{CRATE}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nodata-runtime = {{ path = {:?} }}\nserde = \"1\"\nserde_json = \"1\"\n\n[workspace]\n",
        runtime.display().to_string()
    );
    write_crate(paths, &dir, CRATE, &manifest)?;
    let target = paths.scale.join("target");
    let logs = paths.scale.join("logs");
    eprintln!("{CRATE}: building the dependencies (release, not timed) ...");
    write(&dir.join("src/main.rs"), "//! Stub: dependencies only.\nfn main() {}\n")?;
    measure::run_logged(&mut cargo(&dir, &target, &["build", "--release"]), &logs.join("roundtrip-deps.log"))?;
    write(&dir.join("src/main.rs"), &main)?;
    measure::run_logged(
        &mut cargo(&dir, &target, &["clean", "--release", "-p", CRATE]),
        &logs.join("roundtrip-clean.log"),
    )?;
    eprintln!("{CRATE}: cargo build --release ...");
    let measured =
        measure::run_logged(&mut cargo(&dir, &target, &["build", "--release"]), &logs.join("roundtrip-build.log"))?;
    println!("cargo build --release of a binary that reads and writes every type: {}", measured.describe());
    if let Some(warning) = measured.contention() {
        println!("warning: {warning}");
    }
    Ok(())
}

/// The `main.rs`: every struct that a `record!` (read model) or `write_model!` call defines, in each
/// module file of `models`.
fn main_source(models: &Path) -> Result<String> {
    let mut entries = std::fs::read_dir(models)
        .context(|| format!("cannot list `{}`", models.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "rs") && !path.ends_with("mod.rs"))
        .collect::<Vec<_>>();
    entries.sort();
    let mut calls = String::new();
    for path in entries {
        let module = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let text = std::fs::read_to_string(&path).context(|| format!("cannot read `{}`", path.display()))?;
        let mut current = None;
        for line in text.lines() {
            if let Some(call) = line.strip_prefix("::odata_runtime::").and_then(|l| l.strip_suffix("! {")) {
                current = Some(call.to_owned());
            } else if let Some(rest) = line.trim_start().strip_prefix("pub struct ") {
                let name = rest.split_whitespace().next().unwrap_or_default();
                match current.take().as_deref() {
                    Some("record") => {
                        calls.push_str(&format!("    read_and_write::<models::{module}::{name}>(&mut n);\n"))
                    }
                    Some("write_model") => calls.push_str(&format!("    write::<models::{module}::{name}>(&mut n);\n")),
                    _ => {}
                }
            }
        }
    }
    Ok(format!(
        "//! Reads and writes every generated type once (the `release` benchmark of xtask).\n\
         pub mod models;\n\n\
         fn read_and_write<T: serde::de::DeserializeOwned + serde::Serialize>(n: &mut usize) {{\n\
         \x20   if let Ok(value) = serde_json::from_str::<T>(\"{{}}\") {{\n\
         \x20       *n += serde_json::to_string(&value).map_or(0, |text| text.len());\n\
         \x20   }}\n}}\n\n\
         fn write<T: Default + serde::Serialize>(n: &mut usize) {{\n\
         \x20   *n += serde_json::to_string(&T::default()).map_or(0, |text| text.len());\n}}\n\n\
         fn main() {{\n    let mut n = 0usize;\n{calls}    println!(\"{{n}}\");\n}}\n"
    ))
}
