//! Reads a Graph response with models that `build.rs` generates: the `201 Created` body of
//! "Create identityApiConnector" from the Graph docs, whose `authenticationConfiguration` is one of
//! several derived types told apart by `@odata.type`.

/// The generated models: one module per schema namespace (`graph` for `microsoft.graph`).
#[allow(dead_code)]
mod models {
    include!(concat!(env!("OUT_DIR"), "/odata_models.rs"));
}

use models::graph::{AnyApiAuthenticationConfigurationBase, IdentityApiConnector};

const RESPONSE: &str = r##"{
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#identity/apiConnectors/$entity",
    "id":"guid",
    "displayName": "Test API",
    "targetUrl": "https://someapi.com/api",
    "authenticationConfiguration": {
        "@odata.type": "#microsoft.graph.basicAuthentication",
        "username": "<USERNAME>",
        "password": "******"
    }
}"##;

fn main() -> Result<(), serde_json::Error> {
    let connector: IdentityApiConnector = serde_json::from_str(RESPONSE)?;
    println!(
        "{} -> {}",
        connector.display_name.as_deref().unwrap_or("?"),
        connector.target_url.as_deref().unwrap_or("?")
    );
    if let Some(AnyApiAuthenticationConfigurationBase::BasicAuthentication(basic)) =
        &connector.authentication_configuration
    {
        println!("basic authentication as {}", basic.username.as_deref().unwrap_or("?"));
    }
    // `Debug` never shows the password; `@odata.context` is kept in `additional`.
    println!("{connector:#?}");
    println!("{}", serde_json::to_string(&connector)?);
    Ok(())
}
