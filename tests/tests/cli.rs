//! The `odata-codegen list` command as a user runs it.

use odata_tests::run_cli;

#[test]
fn list_without_files_summarizes_the_built_in_demo() {
    let output = run_cli(&["list".as_ref()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "stderr:\n{}", String::from_utf8_lossy(&output.stderr));
    let row = stdout.lines().find(|l| l.starts_with("contoso.identity")).unwrap_or_else(|| panic!("{stdout}"));
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells, ["contoso.identity", "identity", "4", "3", "2", "1", "1", "1", "2", "1", "0", "5"]);
    assert!(output.stderr.is_empty(), "the demo has no diagnostics");
}

#[test]
fn list_json_is_machine_readable_with_positions() {
    let file = odata_tests::workspace_root().join("tests/bad-input/unknown-type.xml");
    let output = run_cli(&["list".as_ref(), "--json".as_ref(), file.as_os_str()]);
    assert_eq!(output.status.code(), Some(0), "an unknown type is a warning");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!((json["errors"].as_u64(), json["warnings"].as_u64()), (Some(0), Some(1)));
    assert_eq!(json["totals"]["complex_types"], 1);
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["severity"], "warning");
    assert_eq!(diagnostic["message"], "unknown type `bad.coordinate`");
    assert_eq!((diagnostic["line"].as_u64(), diagnostic["column"].as_u64()), (Some(6), Some(34)));
    assert!(diagnostic["file"].as_str().is_some_and(|f| f.ends_with("unknown-type.xml")));
}

#[test]
fn unreadable_files_are_reported_and_the_others_still_read() {
    let good = odata_tests::workspace_root().join("codegen/data/demo.xml");
    let output = run_cli(&["list".as_ref(), "no-such-file.xml".as_ref(), good.as_os_str()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot read `no-such-file.xml`"), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("contoso.identity"));
}
