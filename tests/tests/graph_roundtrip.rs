//! Every Graph v1.0 documentation resource body (`../shared/graph-examples/v1.0-resources.jsonl`, 1,087
//! records) whose type is in the model, read into the generated models of all of Graph v1.0 and written
//! back: each either comes back JSON-equal (member order aside) or is refused for a value invalid for
//! its Edm type, with an error that names the property; a refused body read leniently comes back equal
//! too. The work is `cargo run -p xtask -- roundtrip` (it reuses the crate of `graph_scale` under
//! `target/graph-scale-test`); this test runs it and checks its counts, which README states.

use std::process::Command;

use odata_tests::{shared_file, workspace_root};

#[test]
fn every_graph_doc_body_reads_and_writes_back_or_is_refused_for_a_named_value() {
    if shared_file("graph-examples/v1.0-resources.jsonl").is_none()
        || shared_file("graph-metadata/v1.0-clean.xml").is_none()
    {
        return;
    }
    let output = Command::new(env!("CARGO"))
        .args(["run", "-q", "-p", "xtask", "--", "roundtrip"])
        .current_dir(workspace_root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(output.status.success(), "the round trip failed:\n{stdout}\n{stderr}");
    let counts = stdout.lines().find_map(|line| line.strip_prefix("counts: ")).unwrap_or_default();
    assert_eq!(
        counts, "exact=674 lossy=0 invalid=346 other=0 lenient_equal=346 lenient_different=0",
        "the table changed: update this expectation and README"
    );
}
