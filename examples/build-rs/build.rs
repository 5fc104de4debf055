//! Generates `$OUT_DIR/odata_models.rs` from the Graph v1.0 metadata subset checked into this repository.
//! Cargo reruns this script only when the metadata file (or this variable) changes.

fn main() -> Result<(), odata_codegen::Error> {
    // The tests point this at a broken file to show how metadata errors fail the build.
    println!("cargo:rerun-if-env-changed=BUILD_RS_EXAMPLE_METADATA");
    let metadata = std::env::var("BUILD_RS_EXAMPLE_METADATA")
        .unwrap_or_else(|_| "../../metadata/graph-v1.0-identity-api-connector.xml".to_owned());
    odata_codegen::Builder::new().metadata(metadata).include("microsoft.graph.identityApiConnector").build()?;
    Ok(())
}
