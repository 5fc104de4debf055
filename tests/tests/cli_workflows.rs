//! The command line around generation: help with examples, usage errors, completions, `--quiet`.

use odata_tests::{run_cli, workspace_root};

#[test]
fn every_subcommand_has_examples_in_its_help() {
    for command in ["list", "generate", "check", "subset", "metadata", "completions"] {
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

/// A fresh directory under `target/` for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = workspace_root().join("target").join(format!("cli-workflows-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn generate_takes_the_options_of_the_config_file_as_flags() {
    let dir = scratch("flags");
    let demo = workspace_root().join("codegen/data/demo.xml");
    let out = dir.join("models.rs");
    let flags = [
        "--date-time",
        "time",
        "--decimal",
        "f64",
        "--derive",
        "Hash",
        "--derive",
        "Eq",
        "--module-name",
        "contoso.identity=identity_models",
        "--no-write-models",
        "--no-bound-operations",
    ];
    let mut args: Vec<&std::ffi::OsStr> = vec!["generate".as_ref(), demo.as_os_str()];
    // The action `uploadCertificate` is bound to `apiConnector`: generated unless --no-bound-operations.
    let roots = ["--include", "contoso.identity.apiConnector", "--include", "contoso.identity.user"];
    args.extend(roots.map(std::ffi::OsStr::new));
    args.extend(["--out-file".as_ref(), out.as_os_str()]);
    args.extend(flags.iter().map(std::ffi::OsStr::new));
    let output = run_cli(&args);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let models = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(models.contains("pub mod identity_models {"), "--module-name");
    assert!(models.contains("::odata_runtime::time::OffsetDateTime"), "--date-time time");
    assert!(models.contains("#[derive(Hash, Eq)]"), "--derive");
    assert!(!models.contains("Update {") && !models.contains("write_model!"), "--no-write-models");
    assert!(!models.contains("UploadCertificate"), "--no-bound-operations leaves out the bound action");

    // The same arguments given to `check` find the output up to date.
    args[0] = "check".as_ref();
    let check = run_cli(&args);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    // The config file cannot be combined with them.
    let config = workspace_root().join("generated/odata-codegen.toml");
    for flag in [&["--date-time", "time"][..], &["--no-write-models"], &["--module-name", "a=b"]] {
        let mut args: Vec<&std::ffi::OsStr> = vec!["generate".as_ref(), "--config".as_ref(), config.as_os_str()];
        args.extend(flag.iter().map(std::ffi::OsStr::new));
        assert_eq!(run_cli(&args).status.code(), Some(2), "{flag:?}");
    }
    let bad = run_cli(&[
        "generate".as_ref(),
        "a.xml".as_ref(),
        "--include".as_ref(),
        "x".as_ref(),
        "--out".as_ref(),
        "o".as_ref(),
        "--module-name".as_ref(),
        "graph".as_ref(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("`graph` is not NAMESPACE=MODULE"), "{}", text(&bad.stderr));
}

#[test]
fn check_prints_the_generate_command_that_makes_the_output_up_to_date() {
    let dir = scratch("hint");
    let demo = workspace_root().join("codegen/data/demo.xml");
    let out = dir.join("models");
    let args: Vec<&std::ffi::OsStr> = vec![
        "check".as_ref(),
        demo.as_os_str(),
        "--include".as_ref(),
        "contoso.identity.apiConnector".as_ref(),
        "--exclude".as_ref(),
        "contoso.identity.certificateAuthentication".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--no-derived".as_ref(),
        "--decimal".as_ref(),
        "f64".as_ref(),
        "--allow".as_ref(),
        "derived-key".as_ref(),
    ];
    let stale = run_cli(&args);
    let stderr = text(&stale.stderr);
    assert_eq!(stale.status.code(), Some(1), "{stderr}");
    let hint = stderr.split("regenerate with `").nth(1).and_then(|rest| rest.split('`').next());
    let hint = hint.unwrap_or_else(|| panic!("no command in:\n{stderr}"));
    let expected = format!(
        "odata-codegen generate {} --include contoso.identity.apiConnector --exclude \
         contoso.identity.certificateAuthentication --out {} --decimal f64 --no-derived --allow derived-key",
        demo.display(),
        out.display()
    );
    assert_eq!(hint, expected);
    // Running the hint (the paths have no spaces, so splitting on them is the shell's reading) makes
    // the output up to date.
    let words: Vec<&std::ffi::OsStr> = hint.split(' ').skip(1).map(std::ffi::OsStr::new).collect();
    let generate = run_cli(&words);
    assert_eq!(generate.status.code(), Some(0), "{}", text(&generate.stderr));
    assert_eq!(run_cli(&args).status.code(), Some(0));
}

#[test]
fn a_missing_metadata_file_says_what_its_path_is_relative_to() {
    let dir = scratch("missing");
    let out = dir.join("models.rs");
    let given = run_cli(&[
        "generate".as_ref(),
        "missing.xml".as_ref(),
        "--include".as_ref(),
        "x".as_ref(),
        "--out-file".as_ref(),
        out.as_os_str(),
    ]);
    let stderr = text(&given.stderr);
    assert_eq!(given.status.code(), Some(1), "{stderr}");
    let tests_dir = workspace_root().join("tests");
    let current = std::fs::canonicalize(&tests_dir).unwrap_or(tests_dir);
    let expected = format!("cannot read `missing.xml` (relative to the current directory `{}`)", current.display());
    assert!(stderr.contains(&expected), "{stderr}");

    let config = dir.join("odata-codegen.toml");
    std::fs::write(
        &config,
        "[[output]]\nmetadata = [\"../schemas/missing.xml\"]\ninclude = [\"x\"]\nout_dir = \"src\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let configured = run_cli(&["check".as_ref(), "--config".as_ref(), config.as_os_str()]);
    let stderr = text(&configured.stderr);
    assert_eq!(configured.status.code(), Some(1), "{stderr}");
    let expected = format!(
        "cannot read `../schemas/missing.xml` (relative to `{}`, the directory of the configuration file)",
        dir.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("odata-codegen.toml:2:13"), "the entry in the file is pointed at: {stderr}");
}
