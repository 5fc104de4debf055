//! Every JSON body of the seed API pages (`../shared/seeds/000`–`003`) reads into the generated type it
//! belongs to, lands in the right polymorphic variant, and writes back semantically equal.

use graph_models::{beta, v1};
use odata_tests::{first_difference, seed_bodies, without_nulls};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Reads `body` as `T`, writes it back, and checks the written JSON equals the input JSON.
///
/// "Equal" is semantic: member order does not matter, and a member whose value is `null` equals an
/// absent one (a model property is an `Option`; sending an explicit `null` is what `Update<T>` is for).
fn round_trip<T: DeserializeOwned + Serialize>(body: &str) -> T {
    let value: T = serde_json::from_str(body).unwrap_or_else(|err| panic!("{err}\n{body}"));
    let written = serde_json::to_value(&value).unwrap_or_else(|err| panic!("{err}"));
    let original: Value = serde_json::from_str(body).unwrap_or_else(|err| panic!("{err}"));
    if let Some(difference) = first_difference(&without_nulls(original), &without_nulls(written), "") {
        panic!("round trip changed the body at {difference}");
    }
    value
}

#[test]
fn seed_000_one_roster_connector_with_oauth2_credential_and_bind() {
    let Some(bodies) = seed_bodies("000") else { return };
    assert_eq!(bodies.len(), 2, "request and response");
    for body in &bodies {
        let connector: beta::industry_data::AnyIndustryDataConnector = round_trip(body);
        let beta::industry_data::AnyIndustryDataConnector::OneRosterApiDataConnector(connector) = connector else {
            panic!("not a oneRosterApiDataConnector: {connector:?}")
        };
        assert_eq!(connector.display_name.as_deref(), Some("Generic OAuth2 Connector"));
        assert_eq!(connector.api_format, Some(beta::industry_data::ApiFormat::OneRoster));
        assert_eq!(connector.is_flags_enabled, Some(false));
        let Some(beta::industry_data::AnyCredential::OAuth2ClientCredential(credential)) = &connector.credential else {
            panic!("credential is not an oAuth2ClientCredential: {:?}", connector.credential)
        };
        assert_eq!(credential.client_id.as_deref(), Some("667d5178-0b0a-479f-abb4-0f86b5cd4554"));
        assert_eq!(credential.scope, None, "explicit null reads as None");
    }
    let request: beta::industry_data::OneRosterApiDataConnector = round_trip(&bodies[0]);
    let bind = request.additional.get("sourceSystem@odata.bind").and_then(Value::as_str);
    assert!(bind.is_some_and(|b| b.ends_with("sourceSystems('c93a6e02-aeb7-437f-cc52-08dc3fc158af')")));
}

#[test]
fn seed_001_beta_api_connector_with_basic_authentication() {
    let Some(bodies) = seed_bodies("001") else { return };
    assert_eq!(bodies.len(), 2);
    for body in &bodies {
        let connector: beta::graph::IdentityApiConnector = round_trip(body);
        let Some(beta::graph::AnyApiAuthenticationConfigurationBase::BasicAuthentication(basic)) =
            &connector.authentication_configuration
        else {
            panic!("not basicAuthentication: {:?}", connector.authentication_configuration)
        };
        assert!(basic.username.is_some() && basic.password.is_some());
        let debug = format!("{basic:?}");
        let password = basic.password.as_deref().unwrap_or_default();
        assert!(!debug.contains(password), "Debug shows the password: {debug}");
    }
}

#[test]
fn seed_002_v1_api_connector_requests_and_responses() {
    let Some(bodies) = seed_bodies("002") else { return };
    assert_eq!(bodies.len(), 4, "two examples, each with request and response");
    use v1::graph::AnyApiAuthenticationConfigurationBase as Auth;
    let kinds: Vec<&str> = bodies
        .iter()
        .map(|body| match round_trip::<v1::graph::IdentityApiConnector>(body).authentication_configuration {
            Some(Auth::BasicAuthentication(_)) => "basic",
            Some(Auth::Pkcs12Certificate(certificate)) => {
                assert_eq!(certificate.password.as_deref(), Some("CertificatePassword"));
                "pkcs12"
            }
            Some(Auth::ClientCertificateAuthentication(client)) => {
                let list = client.certificate_list.unwrap_or_default();
                assert_eq!(list.len(), 1);
                assert_eq!(list[0].thumbprint.as_deref(), Some("0EB255CC895477798BA418B378255204304897AD"));
                assert_eq!(list[0].is_active, Some(true));
                "client"
            }
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(kinds, ["basic", "basic", "pkcs12", "client"]);
}

#[test]
fn seed_003_beta_connector_with_placeholder_status() {
    let Some(bodies) = seed_bodies("003") else { return };
    assert_eq!(bodies.len(), 2);
    for body in &bodies {
        let connector: beta::graph::Connector = round_trip(body);
        // The docs write the placeholder "String" where a connectorStatus member belongs: an open enum
        // keeps it as an unknown member and writes it back unchanged.
        assert_eq!(connector.status, Some(beta::graph::ConnectorStatus::Unknown("String".to_owned())));
        assert_eq!(connector.machine_name.as_deref(), Some("String"));
    }
}

#[test]
fn unknown_types_members_and_annotations_survive_a_round_trip() {
    let body = r##"{
        "@odata.type": "#graph.someFutureAuthentication",
        "@odata.etag": "W/\"1\"",
        "futureProperty": {"nested": [1, 2.5, "x"]},
        "count@odata.type": "#Int64"
    }"##;
    let auth: v1::graph::AnyApiAuthenticationConfigurationBase = round_trip(body);
    assert!(matches!(auth, v1::graph::AnyApiAuthenticationConfigurationBase::Other(_)), "{auth:?}");
    let alias: v1::graph::AnyApiAuthenticationConfigurationBase =
        round_trip(r#"{"@odata.type": "graph.basicAuthentication", "username": "u"}"#);
    assert!(matches!(alias, v1::graph::AnyApiAuthenticationConfigurationBase::BasicAuthentication(_)));
    let status: beta::graph::ConnectorStatus = serde_json::from_str(r#""ACTIVE""#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status, beta::graph::ConnectorStatus::Active, "members match ignoring ASCII case");
    assert_eq!(serde_json::to_string(&status).ok().as_deref(), Some(r#""active""#));
}

#[test]
fn derived_values_write_their_odata_type() {
    let basic = v1::graph::BasicAuthentication { username: Some("u".into()), ..Default::default() };
    let connector = v1::graph::IdentityApiConnector {
        display_name: Some("Test API".into()),
        authentication_configuration: Some(v1::graph::AnyApiAuthenticationConfigurationBase::BasicAuthentication(
            Box::new(basic),
        )),
        ..Default::default()
    };
    let json = serde_json::to_value(&connector).unwrap_or_default();
    assert_eq!(json["authenticationConfiguration"]["@odata.type"], "#microsoft.graph.basicAuthentication");
    assert_eq!(json["displayName"], "Test API");
}
