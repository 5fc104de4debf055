//! All of Microsoft Graph v1.0 as a downstream crate generates it: every namespace of
//! `../shared/graph-metadata/v1.0-clean.xml` and the `GraphService` container, write models on, into a
//! crate of its own that `cargo check`s without errors or warnings. This is the scale the compile-time
//! budget is measured at (README, "Compile cost"); the seed crate alone would hide problems that only
//! appear across 3,800 types. The crate and its target directory live under `target/graph-scale-test`.

use std::path::Path;
use std::process::Command;

use odata_tests::{run_cli, shared_file, workspace_root};

/// The namespaces of the schemas in `metadata`, in document order.
fn namespaces(metadata: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(metadata).unwrap_or_else(|e| panic!("{}: {e}", metadata.display()));
    text.split("<Schema ")
        .skip(1)
        .filter_map(|schema| {
            let start = schema.find("Namespace=\"")? + "Namespace=\"".len();
            let end = schema[start..].find('"')? + start;
            Some(schema[start..end].to_owned())
        })
        .collect()
}

#[test]
fn all_of_graph_v1_generates_and_checks_without_warnings() {
    let Some(metadata) = shared_file("graph-metadata/v1.0-clean.xml") else { return };
    let root = workspace_root();
    let dir = root.join("target/graph-scale-test");
    let models = dir.join("crate/src/models");
    std::fs::create_dir_all(dir.join("crate/src")).unwrap_or_else(|e| panic!("{e}"));
    let manifest = format!(
        "[package]\nname = \"graph-scale\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nodata-runtime = {{ path = {:?} }}\n\n[workspace]\n",
        root.join("runtime").display().to_string()
    );
    std::fs::write(dir.join("crate/Cargo.toml"), manifest).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("crate/src/lib.rs"), "//! All of Graph v1.0.\npub mod models;\n")
        .unwrap_or_else(|e| panic!("{e}"));
    // The workspace's lock file, so that the crate builds with the versions CI already has.
    std::fs::copy(root.join("Cargo.lock"), dir.join("crate/Cargo.lock")).unwrap_or_else(|e| panic!("{e}"));

    let namespaces = namespaces(&metadata);
    assert_eq!(namespaces.len(), 11, "{namespaces:?}");
    let mut args: Vec<std::ffi::OsString> = vec!["generate".into(), "-q".into(), metadata.into_os_string()];
    for root in namespaces.iter().map(String::as_str).chain(["microsoft.graph.GraphService"]) {
        args.extend(["--include".into(), root.into()]);
    }
    args.extend(["--out".into(), models.clone().into_os_string()]);
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let generated = run_cli(&args);
    assert!(generated.status.success(), "{}", String::from_utf8_lossy(&generated.stderr));
    let size: u64 = std::fs::read_dir(&models)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|entry| entry.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    assert!(size > 1_000_000, "all of Graph v1.0 is more than a few types ({size} bytes)");

    let checked = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--message-format", "short"])
        .current_dir(dir.join("crate"))
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(checked.status.success(), "cargo check failed:\n{stderr}");
    assert!(!stderr.contains("warning"), "the generated crate has warnings:\n{stderr}");
}
