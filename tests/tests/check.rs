//! `odata-codegen check` and `generate --config` on a copy of the generated crate and its inputs: up to
//! date exits 0; a hand edit, a changed schema or an extra file exits 1 naming the file and the item;
//! `generate` reports what it changed and makes the copy up to date again.

use std::path::{Path, PathBuf};

use odata_tests::{run_cli, workspace_root};

/// A copy of `generated/` (config and modules), `metadata/` and the demo service under `target/`.
fn copy_of_the_generated_crate(name: &str) -> PathBuf {
    let root = workspace_root();
    let copy = root.join("target").join(format!("check-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    for dir in ["generated/src/v1", "generated/src/beta", "generated/src/demo", "metadata", "codegen/data"] {
        copy_dir(&root.join(dir), &copy.join(dir));
    }
    let config = root.join("generated/odata-codegen.toml");
    std::fs::copy(&config, copy.join("generated/odata-codegen.toml")).unwrap_or_else(|e| panic!("{e}"));
    copy
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())).flatten() {
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap_or_else(|e| panic!("{e}"));
}

/// Runs `odata-codegen <command> --config <copy>/generated/odata-codegen.toml`: (exit code, stderr).
fn run(command: &str, copy: &Path) -> (Option<i32>, String) {
    let config = copy.join("generated/odata-codegen.toml");
    let output = run_cli(&[command.as_ref(), "--config".as_ref(), config.as_os_str()]);
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn check_names_hand_edits_and_extra_files_and_passes_when_up_to_date() {
    let copy = copy_of_the_generated_crate("edits");
    let (code, stderr) = run("check", &copy);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr.matches("up to date").count(), 3, "{stderr}");

    edit(&copy.join("generated/src/v1/graph.rs"), "display_name: Option<String>", "name: Option<String>");
    std::fs::write(copy.join("generated/src/demo/notes.rs"), "// mine\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, stderr) = run("check", &copy);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("src/v1: stale or edited by hand"), "{stderr}");
    assert!(stderr.contains("graph.rs: changed"), "{stderr}");
    assert!(stderr.contains("differs  struct IdentityApiConnector\n"), "{stderr}");
    assert!(stderr.contains("notes.rs: not generated (an extra file)"), "{stderr}");
    assert!(stderr.contains("error: 2 outputs differ from a fresh generation"), "{stderr}");

    let (code, stderr) = run("generate", &copy);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("changed: struct IdentityApiConnector"), "{stderr}");
    assert!(stderr.contains("notes.rs: removed"), "{stderr}");
    let (code, stderr) = run("check", &copy);
    assert_eq!(code, Some(0), "{stderr}");
    let _ = std::fs::remove_dir_all(&copy);
}

#[test]
fn check_names_items_a_schema_change_adds_and_changes() {
    let copy = copy_of_the_generated_crate("schema");
    let demo = copy.join("codegen/data/demo.xml");
    edit(
        &demo,
        r#"<Member Name="admin" Value="4" />"#,
        r#"<Member Name="admin" Value="4" /><Member Name="owner" Value="8" />"#,
    );
    edit(
        &demo,
        r#"<EntityType Name="user" "#,
        r#"<ComplexType Name="badge"><Property Name="code" Type="Edm.String" /></ComplexType><EntityType Name="user" "#,
    );
    let (code, stderr) = run("check", &copy);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("src/demo: stale or edited by hand"), "{stderr}");
    assert!(stderr.contains("identity.rs: changed"), "{stderr}");
    assert!(stderr.contains("differs  enum Permissions\n"), "{stderr}");
    assert!(stderr.contains("missing  struct Badge\n"), "{stderr}");
    assert!(stderr.contains("error: 1 output differs"), "{stderr}");
    let _ = std::fs::remove_dir_all(&copy);
}

#[test]
fn a_broken_config_file_is_reported_with_its_position() {
    let copy = copy_of_the_generated_crate("config");
    let config = copy.join("generated/odata-codegen.toml");
    edit(&config, "out_dir = \"src/beta\"", "out_directory = \"src/beta\"");
    let text = std::fs::read_to_string(&config).unwrap_or_default();
    let line = text.lines().position(|l| l.starts_with("out_directory")).map_or(0, |i| i + 1);
    let (code, stderr) = run("check", &copy);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(&format!("odata-codegen.toml:{line}:1")), "{stderr}");
    assert!(stderr.contains("unknown field `out_directory`"), "{stderr}");
    let _ = std::fs::remove_dir_all(&copy);
}
