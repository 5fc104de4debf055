//! `examples/build-rs` as a user builds it: the build script reruns when its metadata file changes and
//! only then, and broken metadata fails the build with a `file:line:column` diagnostic. Every build uses
//! one target directory of its own (`target/build-rs-test`), so the outer build's state does not matter.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use odata_tests::workspace_root;

/// The variable the example's build script reads the metadata path from.
const METADATA_VARIABLE: &str = "BUILD_RS_EXAMPLE_METADATA";

fn cargo(subcommand: &str, metadata: Option<&Path>) -> Output {
    let root = workspace_root();
    let mut command = std::process::Command::new(env!("CARGO"));
    command
        .args([subcommand, "-v", "-p", "build-rs-example"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", root.join("target/build-rs-test"))
        .env("CARGO_TERM_COLOR", "never");
    match metadata {
        Some(path) => command.env(METADATA_VARIABLE, path),
        None => command.env_remove(METADATA_VARIABLE),
    };
    command.output().unwrap_or_else(|err| panic!("cannot run cargo: {err}"))
}

/// Whether cargo ran the example's build script (`Running `.../build-rs-example-<hash>/build-script-build``).
fn ran_build_script(output: &Output) -> bool {
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr.lines().any(|l| {
        l.trim_start().starts_with("Running") && l.contains("build-rs-example-") && l.contains("build-script-build")
    })
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Sets the file's modification time to now, like `touch`.
fn touch(path: &PathBuf) {
    let file = std::fs::File::options().append(true).open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    file.set_modified(SystemTime::now()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn the_build_script_reruns_only_when_metadata_changes_and_reports_errors_with_positions() {
    let first = cargo("build", None);
    assert!(first.status.success(), "{}", stderr(&first));

    let second = cargo("build", None);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(!ran_build_script(&second), "nothing changed, yet the build script ran:\n{}", stderr(&second));
    assert!(stderr(&second).contains("Fresh build-rs-example"), "{}", stderr(&second));

    // Cargo compares modification times; make sure the touch is later than the last run.
    std::thread::sleep(Duration::from_millis(1100));
    touch(&workspace_root().join("metadata/graph-v1.0-identity-api-connector.xml"));
    let touched = cargo("build", None);
    assert!(touched.status.success(), "{}", stderr(&touched));
    assert!(
        ran_build_script(&touched),
        "the metadata changed, yet the build script did not run:\n{}",
        stderr(&touched)
    );

    let broken = workspace_root().join("tests/bad-input/collection-nested.xml");
    let failed = cargo("build", Some(&broken));
    let text = stderr(&failed);
    assert!(!failed.status.success(), "{text}");
    assert!(
        text.contains("error[invalid-name]: `Collection(Collection(Edm.Double))`: collections of collections"),
        "{text}"
    );
    assert!(text.contains("tests/bad-input/collection-nested.xml:6:37"), "{text}");
    assert!(
        text.contains(r#"<Property Name="rows" Type="Collection(Collection(Edm.Double))"/>"#),
        "the source line:\n{text}"
    );

    let run = cargo("run", None);
    assert!(run.status.success(), "{}", stderr(&run));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("Test API -> https://someapi.com/api"), "{stdout}");
    assert!(stdout.contains("basic authentication as <USERNAME>"), "{stdout}");
    assert!(stdout.contains("password: Some(<redacted>)"), "{stdout}");
}
