//! `generated/` is exactly what `odata-codegen generate --config generated/odata-codegen.toml` makes from
//! `metadata/`: regenerating it in memory must give the same files, byte for byte.

use odata_tests::{generate_files, load, workspace_root};

#[test]
fn every_output_of_the_config_file_is_up_to_date() {
    let config = workspace_root().join("generated/odata-codegen.toml");
    let builders = odata_codegen::config::load(&config).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(builders.len(), 3, "v1, beta and demo");
    for builder in &builders {
        let (generation, drift) = builder.check().unwrap_or_else(|err| panic!("{err}"));
        assert!(
            drift.is_clean(),
            "{} differs from a fresh generation; regenerate with \
             `cargo run -p odata-codegen-cli -- generate --config generated/odata-codegen.toml`:\n{drift}",
            generation.output.path().display()
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let root = workspace_root();
    let sources = load(&[root.join("metadata/graph-beta-seed.xml")]);
    let run = || generate_files(&sources, &["microsoft.graph.industryData"]).unwrap_or_default();
    let first = run();
    assert!(!first.is_empty());
    assert_eq!(first, run());
}
