//! Every real CSDL file of `../shared/csdl-corpus/` (45 public `$metadata` documents of services other
//! than Graph; see its INDEX.md): each OData V4 file, with the files it references read beside it,
//! generates every namespace and container, and all the output compiles without warnings in one crate.
//! The V2/V3 files get the "unsupported version" error, the malformed one a syntax error with its
//! line and column. The table README shows is printed by this test (`--nocapture`) and written to
//! `target/csdl-corpus.md`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use odata_tests::{GeneratedCrate, generate_everything, load, shared_file, workspace_root};

/// Files read together because one references the other (INDEX.md, "Cross-file references"):
/// the first file names the group.
const GROUPS: &[&[&str]] = &[
    &[
        "odatanet-modelref-main.xml",
        "odatanet-modelref-core-terms.csdl",
        "odatanet-modelref-device-terms.csdl",
        "odatanet-modelref-gps.csdl",
        "odatanet-modelref-location.csdl",
        "odatanet-modelref-map.csdl",
    ],
    &["olingo-trippin-ext-ref.xml", "olingo-extensions-vocab.xml"],
];

/// What one run over a file (or group) came to.
struct Outcome {
    name: String,
    module: String,
    generated: Result<(), String>,
    warnings: BTreeMap<String, usize>,
}

fn corpus_dir() -> Option<PathBuf> {
    Some(shared_file("csdl-corpus/INDEX.md")?.parent()?.to_path_buf())
}

/// The runs to make: every CSDL file alone, except the members of a group, which run together.
fn runs(dir: &Path) -> Vec<Vec<PathBuf>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name != "INDEX.md")
        .collect();
    names.sort();
    let grouped: Vec<&str> = GROUPS.iter().flat_map(|g| g.iter().copied()).collect();
    let mut runs: Vec<Vec<PathBuf>> =
        names.iter().filter(|n| !grouped.contains(&n.as_str())).map(|n| vec![dir.join(n)]).collect();
    runs.extend(GROUPS.iter().map(|group| group.iter().map(|name| dir.join(name)).collect()));
    runs
}

fn module_name(file: &str) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let name: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    format!("m_{name}")
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn every_v4_file_generates_and_compiles_and_the_others_get_their_error() {
    let Some(dir) = corpus_dir() else { return };
    let runs = runs(&dir);
    assert!(runs.len() >= 38, "the corpus holds {} runs", runs.len());
    let mut outcomes = Vec::new();
    let mut failures = Vec::new();
    let krate_lib = runs
        .iter()
        .filter(|paths| !is_unsupported(&file_name(&paths[0])))
        .map(|paths| format!("pub mod {};\n", module_name(&file_name(&paths[0]))))
        .collect::<String>();
    let krate =
        GeneratedCrate::new("csdl-corpus", &format!("//! The corpus.\n#![allow(missing_docs)]\n{krate_lib}"), &[]);
    for paths in &runs {
        let name = file_name(&paths[0]);
        let (summary, _) = odata_codegen::summary::summarize(&load(paths));
        let mut warnings = BTreeMap::new();
        for d in summary.diagnostics.iter().filter(|d| d.severity == "warning") {
            *warnings.entry(d.code.clone()).or_insert(0) += 1;
        }
        if is_unsupported(&name) {
            let expected = if name.starts_with("malformed") { "xml-syntax" } else { "unsupported-version" };
            let error = summary.diagnostics.iter().find(|d| d.severity == "error");
            match error {
                Some(d) if d.code == expected && d.line.is_some() && d.column.is_some() => {}
                _ => {
                    failures.push(format!("{name}: expected a `{expected}` error with line and column, got {error:?}"))
                }
            }
            continue;
        }
        let module = module_name(&name);
        let generated = generate_everything(paths, &krate.src(&module)).map(|report| {
            // The generation's warnings: the input's and the emitter's (names that had to change).
            warnings.clear();
            for d in &report.generation.warnings {
                *warnings.entry(d.code.to_owned()).or_insert(0) += 1;
            }
        });
        if let Err(errors) = &generated {
            failures.push(format!("{name} does not generate:\n{errors}"));
        }
        outcomes.push(Outcome { name, module, generated, warnings });
    }
    let (compiled, stderr) = krate.cargo("check");
    let table = table(&outcomes, &stderr);
    println!("{table}");
    let _ = std::fs::write(workspace_root().join("target/csdl-corpus.md"), &table);
    if !compiled || stderr.contains("warning") {
        failures.push(format!("the generated corpus crate does not compile cleanly:\n{stderr}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The files that are not OData V4 on purpose (INDEX.md): V2/V3 versions and the malformed one.
fn is_unsupported(name: &str) -> bool {
    name.starts_with("v2-") || name.starts_with("v3-") || name.starts_with("malformed")
}

/// The Markdown table of README: file, generated, compiled, warnings by code.
fn table(outcomes: &[Outcome], stderr: &str) -> String {
    let mut out = String::from("| file | generated | compiled | warnings by code |\n|---|---|---|---|\n");
    for outcome in outcomes {
        let compiled = !stderr.lines().any(|line| line.contains(&format!("/{}/", outcome.module)));
        let warnings = if outcome.warnings.is_empty() {
            "-".to_owned()
        } else {
            outcome.warnings.iter().map(|(code, n)| format!("{code} {n}")).collect::<Vec<_>>().join(", ")
        };
        let yes_no = |ok: bool| if ok { "yes" } else { "**no**" };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {warnings} |",
            outcome.name,
            yes_no(outcome.generated.is_ok()),
            yes_no(outcome.generated.is_ok() && compiled)
        );
    }
    out
}
