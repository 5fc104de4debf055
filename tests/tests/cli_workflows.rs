//! The command line around generation: help with examples, usage errors, completions, `--quiet`.

use odata_tests::{run_cli, workspace_root};

#[test]
fn every_subcommand_has_examples_in_its_help() {
    for command in ["list", "generate", "check", "subset", "completions"] {
        let output = run_cli(&[command.as_ref(), "--help".as_ref()]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{command}");
        assert!(stdout.contains("Example"), "`{command} --help` has no example:\n{stdout}");
    }
    let output = run_cli(&["--help".as_ref()]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("Exit status: 0 success"));
}

#[test]
fn usage_errors_exit_2_and_completions_are_printed() {
    let config = workspace_root().join("generated/odata-codegen.toml");
    let both =
        run_cli(&["check".as_ref(), "--config".as_ref(), config.as_os_str(), "--include".as_ref(), "x".as_ref()]);
    assert_eq!(both.status.code(), Some(2), "{}", String::from_utf8_lossy(&both.stderr));
    let neither = run_cli(&["generate".as_ref(), "a.xml".as_ref()]);
    assert_eq!(neither.status.code(), Some(2), "{}", String::from_utf8_lossy(&neither.stderr));
    let bash = run_cli(&["completions".as_ref(), "bash".as_ref()]);
    assert_eq!(bash.status.code(), Some(0));
    let script = String::from_utf8_lossy(&bash.stdout);
    assert!(script.contains("_odata__codegen()") && script.contains("--config"), "{script}");
}

#[test]
fn quiet_check_prints_nothing_when_up_to_date() {
    let config = workspace_root().join("generated/odata-codegen.toml");
    let output = run_cli(&["--quiet".as_ref(), "check".as_ref(), "--config".as_ref(), config.as_os_str()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty() && output.stdout.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}
