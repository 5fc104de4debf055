//! Diagnostic codes as users meet them: in brackets on every rendered warning and error, silenced by
//! an allow list (Builder, config file, `--allow`), and absent types reported by `generate` with their
//! place and a count, the same facts `list` reports.

use odata_tests::{run_cli, workspace_root};

fn lenient(file: &str) -> std::path::PathBuf {
    workspace_root().join("tests/csdl/lenient").join(file)
}

#[test]
fn generate_reports_an_absent_type_with_its_place_and_a_count() {
    let input = workspace_root().join("tests/bad-input/unknown-type.xml");
    let out = workspace_root().join("target/generated-crates/absent-type-cli");
    let output = run_cli(&[
        "generate".as_ref(),
        input.as_os_str(),
        "--include".as_ref(),
        "bad".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning[unknown-type]: unknown type `bad.coordinate`"), "{stderr}");
    assert!(stderr.contains("unknown-type.xml:6:34"), "{stderr}");
    assert!(stderr.contains("0 errors, 1 warning"), "{stderr}");
    assert!(stderr.contains("(1 references to absent types typed as serde_json::Value)"), "{stderr}");
    // `list` says the same, at the same place.
    let listed = run_cli(&["list".as_ref(), input.as_os_str()]);
    let list_stderr = String::from_utf8_lossy(&listed.stderr);
    assert!(list_stderr.contains("warning[unknown-type]") && list_stderr.contains("unknown-type.xml:6:34"));
}

#[test]
fn allowed_codes_are_silenced_and_counted_and_unknown_codes_refused() {
    let input = lenient("derived-key.xml");
    let out = workspace_root().join("target/generated-crates/allow-cli");
    let run = |allow: &[&str]| {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "generate".as_ref(),
            input.as_os_str(),
            "--include".as_ref(),
            "lenient.derivedkey".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ];
        for code in allow {
            args.push("--allow".as_ref());
            args.push(std::ffi::OsStr::new(code));
        }
        run_cli(&args)
    };
    let shown = run(&[]);
    let stderr = String::from_utf8_lossy(&shown.stderr);
    assert_eq!(stderr.matches("warning[derived-key]").count(), 2, "{stderr}");
    let allowed = run(&["derived-key"]);
    let stderr = String::from_utf8_lossy(&allowed.stderr);
    assert_eq!(allowed.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning["), "{stderr}");
    assert!(stderr.contains("; 2 allowed warnings not shown)"), "{stderr}");
    let misspelt = run(&["derivedkey"]);
    let stderr = String::from_utf8_lossy(&misspelt.stderr);
    assert_eq!(misspelt.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("`derivedkey` is not a diagnostic code"), "{stderr}");
}

#[test]
fn the_builder_allows_codes_and_errors_stay() {
    let out = workspace_root().join("target/generated-crates/allow-builder");
    let mut builder = odata_codegen::Builder::new();
    builder
        .metadata(lenient("v3-leftovers.xml"))
        .include("lenient.v3")
        .out_dir(&out)
        .cargo_instructions(false)
        .allow("unknown-attribute")
        .allow("lenient-value");
    let generation = builder.generate().unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = generation.warnings.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["missing-attribute", "missing-attribute"]);
    assert_eq!(generation.allowed_warnings, 6);
    // An error is never silenced by allowing its code.
    let mut builder = odata_codegen::Builder::new();
    builder
        .metadata(workspace_root().join("tests/bad-input/collection-nested.xml"))
        .include("bad")
        .out_dir(&out)
        .allow("invalid-name");
    let Err(err) = builder.generate() else { panic!("a collection of collections is an error") };
    // The error is data: each problem's code and place, rendered only when shown.
    let nested = err.diagnostics().iter().find(|d| d.code == "invalid-name").unwrap_or_else(|| panic!("{err}"));
    let span = nested.span.unwrap_or_else(|| panic!("{err}"));
    assert_eq!(err.sources().line_col(span).to_string(), "6:37");
    assert!(err.to_string().contains("error[invalid-name]: `Collection(Collection(Edm.Double))`"), "{err}");
}

#[test]
fn every_rendered_diagnostic_shows_its_code() {
    for file in ["derived-key.xml", "v3-leftovers.xml", "flags-without-values.xml"] {
        let output = run_cli(&["list".as_ref(), lenient(file).as_os_str()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let headers: Vec<&str> =
            stderr.lines().filter(|l| l.starts_with("warning") || l.starts_with("error")).collect();
        assert!(!headers.is_empty(), "{stderr}");
        for header in headers {
            let known = odata_codegen::diag::codes::ALL.iter().any(|(code, _)| {
                header.starts_with(&format!("warning[{code}]: ")) || header.starts_with(&format!("error[{code}]: "))
            });
            assert!(known || header.starts_with("0 errors") || header.contains(" warning"), "{header}");
        }
    }
}
