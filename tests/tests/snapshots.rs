//! Snapshots: the generated code of small CSDL cases full of traps (Rust keywords and prelude names,
//! names that differ only in case, a deep hierarchy with recursion, member constants) under `tests/snapshots/emit/`,
//! compiled together as one crate; and the rendered diagnostics of every file of the bad-input catalog
//! under `tests/snapshots/diagnostics/`.
//!
//! When a change is intended, update them all with
//! `EXPECTORATE=overwrite cargo test -p odata-tests --test snapshots` and review the diff.

use std::path::{Path, PathBuf};

use odata_tests::{GeneratedCrate, every_root, load, workspace_root};

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn emission_snapshots_match_and_compile() {
    let cases = files(&workspace_root().join("tests/csdl/snapshots"), "xml");
    assert!(cases.len() >= 3, "{cases:?}");
    let snapshots = workspace_root().join("tests/snapshots/emit");
    let mut lib = String::from("//! The emission snapshots, compiled.\n");
    for case in &cases {
        let name = stem(case).replace('-', "_");
        let snapshot = snapshots.join(format!("{name}.rs"));
        let mut builder = odata_codegen::Builder::new();
        builder.metadata(case).out_file(&snapshot).cargo_instructions(false);
        // The `member-constants` case shows the member constants; the others are generated without
        // them, to keep their snapshots to what they are about.
        builder.member_constants(name.starts_with("member_constants"));
        for root in every_root(&load(std::slice::from_ref(case))) {
            builder.include(root);
        }
        let generation = builder.generate().unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        let [file] = generation.files.as_slice() else { panic!("one file for {}", case.display()) };
        expectorate::assert_contents(&snapshot, &file.contents);
        lib.push_str(&format!("pub mod {name} {{\n    include!({:?});\n}}\n", snapshot.display().to_string()));
    }
    GeneratedCrate::new("emission-snapshots", &lib, &[]).check_clean();
}

#[test]
fn diagnostics_snapshots_match() {
    let catalog = workspace_root().join("tests/bad-input");
    let snapshots = workspace_root().join("tests/snapshots/diagnostics");
    let files = files(&catalog, "xml");
    assert!(files.len() >= 70, "{}", files.len());
    for file in files {
        // A relative display name, so that the snapshot does not depend on where the repository is.
        let mut sources = odata_codegen::Sources::new();
        let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        sources.add(format!("bad-input/{}", stem(&file) + ".xml"), bytes);
        let (_, diagnostics) = odata_codegen::summary::summarize(&sources);
        let rendered = sources.render_all(&diagnostics);
        expectorate::assert_contents(snapshots.join(format!("{}.txt", stem(&file))), &rendered);
    }
}
