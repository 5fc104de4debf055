//! A deterministic mutation-fuzz run on stable Rust, for CI: a fixed seed, a few thousand mutated
//! inputs per oracle, each seeded from the project's own CSDL and JSON files. A panic is caught, the
//! input written to `target/fuzz-failures/`, and the run fails.
//!
//! `cargo run -p odata-fuzz --bin fuzz-smoke -- [--seed N] [--inputs N]`, and
//! `... -- --replay pipeline|payload FILE` to see the panic of one saved input.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use odata_fuzz::Outcome;
use odata_fuzz::mutate::{CSDL_TOKENS, JSON_TOKENS, Rng, mutate};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |flag: &str, default: u64| {
        let value = args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1));
        value.and_then(|v| v.parse().ok()).unwrap_or(default)
    };
    let (seed, inputs) = (number("--seed", 1), number("--inputs", 3000) as usize);
    // `--replay pipeline|payload FILE`: run one saved input without catching its panic.
    if let Some(at) = args.iter().position(|a| a == "--replay") {
        let (Some(oracle), Some(file)) = (args.get(at + 1), args.get(at + 2)) else {
            eprintln!("usage: fuzz-smoke --replay pipeline|payload FILE");
            return ExitCode::from(2);
        };
        let bytes = std::fs::read(file).unwrap_or_default();
        let outcome = if oracle == "pipeline" { odata_fuzz::pipeline(&bytes) } else { odata_fuzz::payload(&bytes) };
        eprintln!("{outcome:?}");
        return ExitCode::SUCCESS;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let csdl = seed_files(
        &[
            root.join("tests/csdl"),
            root.join("tests/csdl/lenient"),
            root.join("tests/csdl/snapshots"),
            root.join("tests/bad-input"),
            root.join("metadata"),
            // Real services' metadata, when the shared data is beside the repository.
            root.join("../shared/csdl-corpus"),
        ],
        "xml",
    );
    let json = json_seeds(&root);
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = 0;
    failures += run("pipeline", &csdl, CSDL_TOKENS, seed, inputs, &root, odata_fuzz::pipeline);
    failures += run("payload", &json, JSON_TOKENS, seed, inputs, &root, odata_fuzz::payload);
    if failures > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Mutates the seeds `inputs` times through `oracle`; returns the number of failing inputs.
fn run(
    name: &str,
    seeds: &[Vec<u8>],
    tokens: &[&str],
    seed: u64,
    inputs: usize,
    root: &Path,
    oracle: fn(&[u8]) -> Outcome,
) -> usize {
    if seeds.is_empty() {
        eprintln!("{name}: no seed inputs found");
        return 1;
    }
    let mut rng = Rng::new(seed);
    let mut failures = 0;
    let mut accepted = 0;
    let started = std::time::Instant::now();
    for index in 0..inputs {
        let input = mutate(&seeds[rng.below(seeds.len())], &mut rng, tokens);
        let outcome = catch_unwind(AssertUnwindSafe(|| oracle(&input)));
        accepted += usize::from(matches!(outcome, Ok(Outcome::Accepted)));
        if outcome.is_err() {
            failures += 1;
            let dir = root.join("target/fuzz-failures");
            let path = dir.join(format!("{name}-seed{seed}-{index}"));
            let saved = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, &input));
            match saved {
                Ok(()) => eprintln!("{name}: input {index} panicked; saved as {}", path.display()),
                Err(err) => eprintln!("{name}: input {index} panicked; cannot save it: {err}"),
            }
        }
    }
    eprintln!(
        "{name}: {inputs} inputs from {} seeds (seed {seed}) in {:.1} s: {accepted} accepted, {failures} failures",
        seeds.len(),
        started.elapsed().as_secs_f64()
    );
    failures
}

fn seed_files(dirs: &[PathBuf], extension: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = dirs
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    paths.sort();
    paths.iter().filter_map(|path| std::fs::read(path).ok()).collect()
}

/// The JSON bodies of the seed-type examples (`../shared/graph-examples/seed-types.jsonl`), or a few
/// built-in bodies when the shared data is not there.
fn json_seeds(root: &Path) -> Vec<Vec<u8>> {
    let examples = root.join("../shared/graph-examples/seed-types.jsonl");
    let mut seeds: Vec<Vec<u8>> = std::fs::read_to_string(examples)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|record| serde_json::to_vec(record.get("body")?).ok())
        .collect();
    seeds.push(br##"{"@odata.type":"#microsoft.graph.identityApiConnector","id":"1","displayName":"x","targetUrl":"https://a","authenticationConfiguration":{"@odata.type":"#microsoft.graph.basicAuthentication","username":"u","password":"p"}}"##.to_vec());
    seeds
}
