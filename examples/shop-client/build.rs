//! Generates `$OUT_DIR/odata_models.rs` from the `$metadata` of the CAP test service, saved in
//! `tests/cap-server/metadata.xml` (`odata-codegen metadata fetch` saves a live service's).

fn main() -> Result<(), odata_codegen::Error> {
    odata_codegen::Builder::new().metadata("../../tests/cap-server/metadata.xml").include("ShopService").build()?;
    Ok(())
}
