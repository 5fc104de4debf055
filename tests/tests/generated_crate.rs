//! `generated/` is exactly what `odata-codegen generate` makes from `metadata/`: regenerating it in
//! memory must give the same files, byte for byte.

use std::path::Path;

use odata_codegen::emit::EmitOptions;
use odata_codegen::generate::generate;
use odata_codegen::select::SelectionOptions;
use odata_tests::{load, workspace_root};

fn check_module(metadata: &str, roots: &[&str], module_dir: &str) {
    let root = workspace_root();
    let sources = load(&[root.join(metadata)]);
    let generated = generate(&sources, roots, &SelectionOptions::default(), &EmitOptions::default())
        .unwrap_or_else(|diagnostics| panic!("{}", sources.render_all(&diagnostics)));
    let directory = root.join(module_dir);
    let mut expected: Vec<String> = generated.files.iter().map(|f| f.path.clone()).collect();
    expected.sort();
    assert_eq!(files_in(&directory), expected, "{module_dir} has other files than the generator makes");
    for file in &generated.files {
        let on_disk = std::fs::read_to_string(directory.join(&file.path)).unwrap_or_default();
        assert!(
            on_disk == file.contents,
            "{module_dir}/{} differs from a fresh generation: regenerate with the commands in generated/README.md",
            file.path
        );
    }
}

fn files_in(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .unwrap_or_else(|err| panic!("{}: {err}", directory.display()))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn v1_module_is_up_to_date() {
    check_module(
        "metadata/graph-v1.0-identity-api-connector.xml",
        &["microsoft.graph.identityApiConnector", "GraphService/identity"],
        "generated/src/v1",
    );
}

#[test]
fn beta_module_is_up_to_date() {
    check_module(
        "metadata/graph-beta-seed.xml",
        &[
            "microsoft.graph.identityApiConnector",
            "microsoft.graph.connector",
            "microsoft.graph.industryData",
            "GraphService/identity",
            "GraphService/external",
        ],
        "generated/src/beta",
    );
}

#[test]
fn demo_module_is_up_to_date() {
    check_module("codegen/data/demo.xml", &["contoso.identity"], "generated/src/demo");
}

#[test]
fn generation_is_deterministic() {
    let root = workspace_root();
    let sources = load(&[root.join("metadata/graph-beta-seed.xml")]);
    let run = || {
        generate(&sources, &["microsoft.graph.industryData"], &SelectionOptions::default(), &EmitOptions::default())
            .map(|g| g.files)
            .unwrap_or_default()
    };
    let first = run();
    assert!(!first.is_empty());
    assert_eq!(first, run());
}
