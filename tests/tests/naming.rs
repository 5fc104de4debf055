//! One naming decision per member: a key `ID` beside a property `id` (and other names that differ only
//! in case or are Rust keywords) gets the same Rust name in the read model, the write model, the key
//! struct and operation parameters; each renaming is a warning at the CSDL member that gave way.

use odata_tests::{GeneratedCrate, generate_everything, run_cli, workspace_root};

const LIB_RS: &str = r#"//! Uses every name; compiling is the assertion.
#![allow(missing_docs)]
pub mod models;

use models::cases::{Item, ItemKey, ItemUpdate, Touch};
use odata_runtime::Update;

pub fn read_model() -> Item {
    Item { id: None, id_2: Some(1), r#type: None, type_2: Some("t".into()), display_name: None, display_name_2: None, ..Default::default() }
}

pub fn key_struct() -> ItemKey {
    ItemKey { id_2: 1, type_2: "t".into() }
}

pub fn write_model() -> ItemUpdate {
    ItemUpdate { id: Update::Value("x".into()), r#type: Update::Null, display_name_2: Update::Unset, ..Default::default() }
}

pub fn parameters() -> Touch {
    Touch { id: None, id_2: 2, r#type: None, type_2: None }
}
"#;

#[test]
fn a_member_has_one_rust_name_everywhere() {
    let krate = GeneratedCrate::new("case-collisions", LIB_RS, &[]);
    let csdl = workspace_root().join("tests/csdl/snapshots/case-collisions.xml");
    generate_everything(&[csdl], &krate.src("models")).unwrap_or_else(|e| panic!("{e}"));
    krate.check_clean();
}

#[test]
fn each_renaming_is_a_warning_at_the_member_that_gave_way() {
    let csdl = workspace_root().join("tests/csdl/snapshots/case-collisions.xml");
    let out = workspace_root().join("target/generated-crates/case-collisions-cli");
    let output = run_cli(&[
        "generate".as_ref(),
        csdl.as_os_str(),
        "--include".as_ref(),
        "names.cases".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    for (message, at) in [
        ("in `names.cases.item`: `ID` is named `id_2` in Rust", "case-collisions.xml:12:25"),
        ("in `names.cases.item`: `Type` is named `type_2` in Rust", "case-collisions.xml:14:25"),
        ("in `names.cases.item`: `DisplayName` is named `display_name_2` in Rust", "case-collisions.xml:16:25"),
        ("in the parameters of `names.cases.touch`: `ID` is named `id_2` in Rust", "case-collisions.xml:21:26"),
    ] {
        let Some(found) = stderr.find(message) else { panic!("no `{message}` in\n{stderr}") };
        let location = stderr[found..].lines().nth(1).unwrap_or_default();
        assert!(location.ends_with(at), "`{message}` at {location}, not {at}");
    }
    // The key struct and the write model take the read model's names: no warnings of their own.
    assert!(!stderr.contains("in the key of") && !stderr.contains("in the write model of"), "{stderr}");
}

/// Generated models included privately (`mod models;` or `mod models { include!(..) }`) and only partly
/// used raise no `dead_code` warnings.
#[test]
fn privately_included_models_raise_no_dead_code_warnings() {
    let lib = "//! Uses one type of a privately included model.\nmod models;\nmod single {\n    \
               include!(\"single.rs\");\n}\n\npub fn one() {\n    let _ = models::cases::Item::default();\n    \
               let _ = single::cases::Item::default();\n}\n";
    let krate = GeneratedCrate::new("private-models", lib, &[]);
    let csdl = workspace_root().join("tests/csdl/snapshots/case-collisions.xml");
    generate_everything(std::slice::from_ref(&csdl), &krate.src("models")).unwrap_or_else(|e| panic!("{e}"));
    let mut builder = odata_codegen::Builder::new();
    builder.metadata(&csdl).include("names.cases").out_file(krate.src("single.rs")).cargo_instructions(false);
    builder.build().unwrap_or_else(|e| panic!("{e}"));
    krate.check_clean();
}
