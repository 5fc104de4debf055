//! Writing back: the request bodies of the seed pages built from the generated write models (never
//! parsed from JSON), update bodies with explicit `null`, `@odata.bind`, keys and paths, and the
//! parameters of actions and functions.

use graph_models::{beta, demo, v1};
use odata_runtime::operation::{Action, Function, Returns};
use odata_runtime::path::{EntityType, Key};
use odata_runtime::{ODataBind, Typed, Update};
use odata_tests::{first_difference, seed_bodies, workspace_root};
use serde::Serialize;
use serde_json::Value;

/// Asserts that `body` serializes to exactly the JSON of `expected` (member order aside; `null`
/// members count).
fn assert_writes<T: Serialize>(body: &T, expected: &str) {
    let written = serde_json::to_value(body).unwrap_or_else(|err| panic!("{err}"));
    let expected: Value = serde_json::from_str(expected).unwrap_or_else(|err| panic!("{err}\n{expected}"));
    if let Some(difference) = first_difference(&expected, &written, "") {
        panic!("written body differs at {difference}\nwritten: {written}\nexpected: {expected}");
    }
}

#[test]
fn seed_000_create_one_roster_connector_with_bind_and_explicit_null() {
    use beta::industry_data::{
        AnyCredentialUpdate, AnyIndustryDataConnectorUpdate, ApiFormat, OAuth2ClientCredentialUpdate,
        OneRosterApiDataConnectorUpdate,
    };
    let Some(bodies) = seed_bodies("000") else { return };
    let credential = OAuth2ClientCredentialUpdate {
        display_name: Some("One Roster API Credentials".into()),
        client_id: Some("667d5178-0b0a-479f-abb4-0f86b5cd4554".into()),
        client_secret: Update::Value("thisIsASecret".into()),
        token_url: Some("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/token".into()),
        scope: Update::Null,
        ..Default::default()
    };
    let connector = OneRosterApiDataConnectorUpdate {
        display_name: Some("Generic OAuth2 Connector".into()),
        source_system: Some(ODataBind::entity(
            "https://graph.microsoft.com/beta/external/industryData/sourceSystems",
            "c93a6e02-aeb7-437f-cc52-08dc3fc158af",
        )),
        api_format: Some(ApiFormat::OneRoster),
        base_url: Some("https://fakeProvider.net/ims/oneroster".into()),
        api_version: Some("1.1".into()),
        credential: Some(AnyCredentialUpdate::from(credential)),
        is_demographics_enabled: Some(false),
        is_flags_enabled: Some(false),
        is_contacts_enabled: Some(false),
        ..Default::default()
    };
    // Posted to `dataConnectors`, a collection of the abstract base: the derived type says what it is.
    assert_writes(&AnyIndustryDataConnectorUpdate::from(connector), &bodies[0]);
}

#[test]
fn seed_001_beta_create_api_connector_with_basic_authentication() {
    use beta::graph::{BasicAuthenticationUpdate, IdentityApiConnectorUpdate};
    let Some(bodies) = seed_bodies("001") else { return };
    let body = IdentityApiConnectorUpdate {
        display_name: Update::Value("Test API".into()),
        target_url: Update::Value("https://someapi.com/api".into()),
        authentication_configuration: Update::Value(
            BasicAuthenticationUpdate {
                username: Update::Value("<USERNAME>".into()),
                password: Update::Value("<PASSWORD>".into()),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    };
    assert_writes(&body, &bodies[0]);
}

#[test]
fn seed_002_v1_create_api_connector_with_basic_and_certificate_authentication() {
    use v1::graph::{BasicAuthenticationUpdate, IdentityApiConnectorUpdate, Pkcs12CertificateUpdate};
    let Some(bodies) = seed_bodies("002") else { return };
    assert_eq!(bodies.len(), 4, "two requests, two responses");
    let basic = IdentityApiConnectorUpdate {
        display_name: Update::Value("Test API".into()),
        target_url: Update::Value("https://someapi.com/api".into()),
        authentication_configuration: Update::Value(
            BasicAuthenticationUpdate {
                username: Update::Value("MyUsername".into()),
                password: Update::Value("MyPassword".into()),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    };
    assert_writes(&basic, &bodies[0]);
    let certificate = IdentityApiConnectorUpdate {
        display_name: Update::Value("Test API".into()),
        target_url: Update::Value("https://someotherapi.com/api".into()),
        authentication_configuration: Update::Value(
            Pkcs12CertificateUpdate {
                pkcs12_value: Update::Value(
                    "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ...kDJ04sJShkkgjL9Bm49plA".into(),
                ),
                password: Update::Value("CertificatePassword".into()),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    };
    assert_writes(&certificate, &bodies[2]);
    // Secrets stay out of `Debug`, in write models too.
    let printed = format!("{certificate:?}");
    assert!(!printed.contains("CertificatePassword") && printed.contains("Value(<redacted>)"), "{printed}");
}

#[test]
fn seed_003_create_connector_with_its_type_and_a_placeholder_status() {
    use beta::graph::{ConnectorStatus, ConnectorUpdate};
    let Some(bodies) = seed_bodies("003") else { return };
    let body = ConnectorUpdate {
        machine_name: Some("String".into()),
        external_ip: Some("String".into()),
        status: Some(ConnectorStatus::Unknown("String".into())),
        ..Default::default()
    };
    // The page names the type explicitly: `Typed` writes `@odata.type` first.
    assert_writes(&Typed(body), &bodies[0]);
}

#[test]
fn patch_bodies_write_only_what_is_set_and_null_clears() {
    use v1::graph::IdentityApiConnectorUpdate;
    let patch = IdentityApiConnectorUpdate {
        display_name: Update::Null,
        target_url: Update::Value("https://otherapi.com/api".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&patch).ok().as_deref(),
        Some(r#"{"displayName":null,"targetUrl":"https://otherapi.com/api"}"#)
    );
    assert_eq!(serde_json::to_string(&IdentityApiConnectorUpdate::default()).ok().as_deref(), Some("{}"));
    // A nested complex value is a write model too: it can clear one member and leave the others.
    let nested = beta::industry_data::OAuth2ClientCredentialUpdate { scope: Update::Null, ..Default::default() };
    assert_eq!(serde_json::to_string(&nested).ok().as_deref(), Some(r#"{"scope":null}"#));
}

/// The generated fields of a struct (one per line in its `record!` or `write_model!` table), for
/// checks on which members it has.
fn struct_source(file: &str, name: &str) -> String {
    let path = workspace_root().join("generated/src").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let start = text.find(&format!("pub struct {name} = ")).unwrap_or_else(|| panic!("no `{name}` in {file}"));
    let end = text[start..].find("\n    }").map_or(text.len(), |e| start + e);
    text[start..end].to_owned()
}

#[test]
fn computed_and_read_only_properties_have_no_field_in_write_models_and_keys_are_for_creates() {
    // `createdDateTime` is `Core.Computed` in the demo; `id` is the key. The compile-fail doctest in
    // graph-models' lib.rs shows that setting the computed one does not build.
    let demo = struct_source("demo/identity.rs", "ApiConnectorUpdate");
    assert!(demo.contains("\n        display_name:"), "{demo}");
    assert!(!demo.contains("created_date_time"), "{demo}");
    // One model for both bodies: it holds the key, for a create with a client-chosen key.
    assert!(
        demo.contains("/// The key: a create sends it") && demo.contains("\n        id: Option<String> = \"id\""),
        "{demo}"
    );
    let read = struct_source("demo/identity.rs", "ApiConnector");
    assert!(
        read.contains("\n        created_date_time:") && read.contains("\n        id:"),
        "the read model keeps them"
    );
    // Graph's industryData marks `lastModifiedDateTime` and others computed.
    // A type with a separate create model: the key is in the create model only.
    let update = struct_source("beta/industry_data.rs", "ReferenceDefinitionUpdate");
    assert!(!update.contains("\n        id:"), "{update}");
    let create = struct_source("beta/industry_data.rs", "ReferenceDefinitionCreate");
    assert!(create.contains("\n        id: Option<String>"), "{create}");
    let activity = struct_source("beta/industry_data.rs", "IndustryDataRunStatisticsUpdate");
    assert!(!activity.contains("run_id") && !activity.contains("status"), "{activity}");
}

#[test]
fn upload_client_certificate_parameters_are_the_request_body() {
    let call = v1::graph::UploadClientCertificate {
        pkcs12_value: Some("MIIKPAIB...".into()),
        password: Some("CertificatePassword".into()),
    };
    assert_writes(&call, r#"{"pkcs12Value": "MIIKPAIB...", "password": "CertificatePassword"}"#);
    assert_eq!(v1::graph::UploadClientCertificate::NAME, "microsoft.graph.uploadClientCertificate");
    assert_eq!(v1::graph::UploadClientCertificate::BINDING, Some("microsoft.graph.identityApiConnector"));
    assert_eq!(v1::graph::UploadClientCertificate::RETURNS, Returns::Structured);
    let printed = format!("{call:?}");
    assert!(!printed.contains("CertificatePassword"), "{printed}");
    let returned = v1::graph::UploadClientCertificate::read_result(r#"{"id": "c1", "displayName": "Test API"}"#);
    let returned = returned.ok().flatten().and_then(|connector| connector.display_name);
    assert_eq!(returned.as_deref(), Some("Test API"));
}

#[test]
fn industry_data_operations_and_overloads() {
    use beta::industry_data::{GetStatisticsOnIndustryDataRun, GetStatisticsOnIndustryDataRunCollection, Reset, Start};
    assert_eq!(Reset::NAME, "microsoft.graph.industryData.reset");
    assert_eq!(Reset::BINDING, Some("microsoft.graph.industryData.provisioningFlow"));
    assert_eq!(serde_json::to_string(&Reset {}).ok().as_deref(), Some("{}"));
    assert_eq!(Start::BINDING, Some("Collection(microsoft.graph.industryData.industryDataRun)"));
    // Two overloads of `getStatistics`, told apart by their binding.
    assert_eq!(GetStatisticsOnIndustryDataRun::BINDING, Some("microsoft.graph.industryData.industryDataRun"));
    assert_eq!(
        GetStatisticsOnIndustryDataRunCollection::BINDING,
        Some("Collection(microsoft.graph.industryData.industryDataRun)")
    );
    assert_eq!(GetStatisticsOnIndustryDataRun {}.segment(), "microsoft.graph.industryData.getStatistics()");
    let upload = beta::industry_data::GetUploadSession { reset_session: Some(true) };
    assert_eq!(upload.segment(), "microsoft.graph.industryData.getUploadSession(resetSession=true)");
}

#[test]
fn function_parameters_render_as_url_literals() {
    let call = demo::identity::SignIns {
        user: "O'Neil & co".into(),
        top: 25,
        status: demo::identity::ConnectorStatus::Inactive,
        since: odata_runtime::chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap_or_default(),
        tenant: odata_runtime::uuid::Uuid::parse_str("72f988bf-86f1-41af-91ab-2d7cd011db47").ok(),
    };
    // An unbound function is called at the service root through its import.
    let expected = "signIns(user='O''Neil%20&%20co',top=25,status=contoso.identity.connectorStatus'inactive',\
                    since=2024-05-01,tenant=72f988bf-86f1-41af-91ab-2d7cd011db47)";
    assert_eq!(call.segment(), expected);
    assert_eq!(demo::identity::Service::SIGN_INS.call(&call), expected);
    assert_eq!(demo::identity::Service::SIGN_INS.name(), "signIns");
    assert_eq!(demo::identity::SignIns::IMPORT, Some("signIns"));
    let without_tenant = demo::identity::SignIns { tenant: None, ..call };
    assert!(without_tenant.segment().ends_with(",tenant=null)"));
    let names = demo::identity::SignIns::read_result(r#"{"@odata.context": "x", "value": ["a", "b"]}"#);
    assert_eq!(names.ok(), Some(vec!["a".to_owned(), "b".to_owned()]));
}

#[test]
fn keys_render_to_their_url_form() {
    use demo::identity::{ApiConnector, Membership, MembershipKey, Service};
    let key = MembershipKey { user_id: "a'b c/d".into(), group_number: 3 };
    assert_eq!(key.to_segment(), "(userId='a''b%20c%2Fd',groupNumber=3)");
    assert_eq!(Service::MEMBERSHIPS.entity(&key), "memberships(userId='a''b%20c%2Fd',groupNumber=3)");
    assert_eq!(Membership::KEY_PROPERTIES, ["userId", "groupNumber"]);
    let read: Membership = serde_json::from_str(r#"{"userId": "u1", "groupNumber": 7}"#).unwrap_or_default();
    assert_eq!(read.key(), Some(MembershipKey { user_id: "u1".into(), group_number: 7 }));
    assert_eq!(Membership::default().key(), None, "a key needs every part");
    // Simple keys are the key property's own type.
    assert_eq!(Service::API_CONNECTORS.entity(&"it's".to_owned()), "apiConnectors('it''s')");
    let connector: ApiConnector = serde_json::from_str(r#"{"id": "c1"}"#).unwrap_or_default();
    assert_eq!(connector.key().as_deref(), Some("c1"));
    assert_eq!(ApiConnector::KEY_PROPERTIES, ["id"]);
}

#[test]
fn container_members_are_typed_paths_and_documented_on_their_types() {
    assert_eq!(v1::graph::GraphService::IDENTITY.path(), "identity");
    assert_eq!(beta::graph::GraphService::EXTERNAL.path(), "external");
    let v1_source = std::fs::read_to_string(workspace_root().join("generated/src/v1/graph.rs")).unwrap_or_default();
    assert!(v1_source.contains(
        "    /// Reached at `identity/apiConnectors`.\n    ///\n    /// Derived from [`Entity`]; written with \
         [`IdentityApiConnectorUpdate`].\n    pub struct IdentityApiConnector = "
    ));
    let beta_source =
        std::fs::read_to_string(workspace_root().join("generated/src/beta/industry_data.rs")).unwrap_or_default();
    assert!(beta_source.contains(
        "    /// Reached at `external/industryData/dataConnectors` (as `industryDataConnector`).\n    ///\n    /// \
         Derived from [`ApiDataConnector`]; written with [`OneRosterApiDataConnectorUpdate`].\n    pub struct \
         OneRosterApiDataConnector = "
    ));
    assert!(
        beta_source.contains("`POST external/industryData/dataConnectors/{key}/microsoft.graph.industryData.validate`")
    );
}

#[test]
fn bind_annotations_read_back_from_payloads() {
    let Some(bodies) = seed_bodies("000") else { return };
    let read: beta::industry_data::OneRosterApiDataConnector =
        serde_json::from_str(&bodies[0]).unwrap_or_else(|err| panic!("{err}"));
    let bind = read.additional.bind("sourceSystem");
    assert_eq!(
        bind.as_ref().map(ODataBind::urls),
        Some(&["https://graph.microsoft.com/beta/external/industryData/sourceSystems('c93a6e02-aeb7-437f-cc52-08dc3fc158af')".to_owned()][..])
    );
}
