//! The `odata-codegen list` command as a user runs it.

use odata_codegen::Builder;
use odata_tests::{run_cli, workspace_root};

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
    assert_eq!(output.status.code(), Some(0), "an absent type is a warning");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!((json["errors"].as_u64(), json["warnings"].as_u64()), (Some(0), Some(1)));
    assert_eq!(json["totals"]["complex_types"], 1);
    let diagnostic = &json["diagnostics"][0];
    assert_eq!((diagnostic["severity"].as_str(), diagnostic["code"].as_str()), (Some("warning"), Some("unknown-type")));
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
    assert!(stderr.contains("cannot read `no-such-file.xml` (relative to the current directory `"), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("contoso.identity"));
}

#[test]
fn quiet_list_prints_errors_only_and_keeps_the_exit_status() {
    // One warning (a keyless entity type) and one error (a collection of collections).
    let dir = workspace_root().join("target/cli-quiet-list");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("mixed.xml");
    let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="mixed" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <EntityType Name="log"><Property Name="line" Type="Edm.String"/></EntityType>
  <ComplexType Name="matrix"><Property Name="rows" Type="Collection(Collection(Edm.Double))"/></ComplexType>
</Schema></edmx:DataServices></edmx:Edmx>
"#;
    std::fs::write(&file, xml).unwrap_or_else(|e| panic!("{e}"));
    let loud = run_cli(&["list".as_ref(), file.as_os_str()]);
    let loud_stderr = String::from_utf8_lossy(&loud.stderr);
    assert!(
        loud_stderr.contains("warning[missing-key]") && loud_stderr.contains("1 error, 1 warning"),
        "{loud_stderr}"
    );
    let quiet = run_cli(&["-q".as_ref(), "list".as_ref(), file.as_os_str()]);
    let stderr = String::from_utf8_lossy(&quiet.stderr);
    assert_eq!(quiet.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[invalid-name]") && stderr.ends_with("1 error\n"), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");

    let warnings_only = workspace_root().join("tests/bad-input/unknown-type.xml");
    let quiet = run_cli(&["list".as_ref(), "--quiet".as_ref(), warnings_only.as_os_str()]);
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
    assert!(String::from_utf8_lossy(&quiet.stdout).contains("total (1 schemas)"), "the summary is still printed");
}

#[test]
fn list_tree_shows_every_name_as_include_takes_it() {
    let output = run_cli(&["list".as_ref(), "--tree".as_ref()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    for expected in [
        "contoso.identity (alias identity: `identity.Name` works too)\n  entity types (4)\n    contoso.identity.entity\n",
        "  enum types (2)\n    contoso.identity.connectorStatus\n    contoso.identity.permissions\n",
        "  type definitions (1)\n    contoso.identity.url\n",
        "  actions (1)\n    contoso.identity.uploadCertificate\n",
        "  entity container contoso.identity.service\n    entity sets (3)\n      service/apiConnectors\n",
        "    function imports (2)\n      connectorsByStatus (include identity.connectorsByStatus)\n",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
    assert!(!stdout.contains("annotation"), "the tree replaces the table of counts:\n{stdout}");
}

#[test]
fn every_name_list_json_gives_can_be_included() {
    let output = run_cli(&["list".as_ref(), "--json".as_ref()]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    let names = &json["schemas"][0]["names"];
    let strings = |value: &serde_json::Value| -> Vec<String> {
        value.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
    };
    let mut includes: Vec<String> =
        ["entity_types", "complex_types", "enum_types", "type_definitions", "actions", "functions"]
            .iter()
            .flat_map(|kind| strings(&names[*kind]))
            .collect();
    for container in names["containers"].as_array().into_iter().flatten() {
        includes.extend(container["name"].as_str().map(str::to_owned));
        includes.extend(strings(&container["entity_sets"]).into_iter().chain(strings(&container["singletons"])));
        for import in container["function_imports"].as_array().into_iter().flatten() {
            includes.extend(import["operation"].as_str().map(str::to_owned));
        }
    }
    assert_eq!(includes.len(), 4 + 3 + 2 + 1 + 1 + 2 + 1 + 3 + 2, "{names:#}");
    let demo = workspace_root().join("codegen/data/demo.xml");
    for name in &includes {
        let generated = Builder::new().metadata(&demo).include(name).out_file("models.rs").generate();
        assert!(
            generated.is_ok(),
            "`--include {name}` fails: {}",
            generated.err().map(|e| e.to_string()).unwrap_or_default()
        );
    }
}
