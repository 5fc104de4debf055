//! Deserializing batches of Graph-like payloads three ways, in one run so that the ratios compare:
//!
//! - `generated`: the generated models (unknown members and annotations kept in `additional`,
//!   polymorphic properties buffered and dispatched on `@odata.type`);
//! - `derive`: plain `#[derive(Deserialize)]` structs with the same fields, defined below (unknown
//!   members skipped);
//! - `value`: `serde_json::Value`.
//!
//! The `poly_*` groups hold a polymorphic member (`credential`, `authenticationConfiguration`, and
//! the connector itself); the `flat_*` groups hold none, so that the cost of keeping unknown data is
//! seen apart from the `@odata.type` buffering. The issue's budget: keeping unknown data may cost
//! at most ~20 % over plain derive on the same fields.
//!
//! Run with `cargo bench -p graph-models --bench deserialize`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use graph_models::beta::graph::{Connector, ConnectorStatus};
use graph_models::beta::industry_data::{
    AnyCredential, AnyIndustryDataConnector, ApiFormat, OneRosterApiDataConnector, YearTimePeriodDefinition,
};
use graph_models::v1::graph::{AnyApiAuthenticationConfigurationBase, IdentityApiConnector};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Objects per batch.
const BATCH: usize = 300;

/// Plain `#[derive(Deserialize)]` models with the same fields as the generated ones.
///
/// Polymorphic members are `#[serde(tag = "@odata.type")]` enums with one boxed newtype variant per
/// derived type plus a unit `#[serde(other)] Other`. That is the closest plain-derive equivalent of
/// the generated `Any...` enums: it yields one typed variant per derived type, and like them it
/// buffers the object (serde's private `Content`) before dispatching, because the tag may come
/// after other members. It is stricter than the generated code (exact tag spelling, no alias or
/// missing `#`, no `@odata.type` means an error, `Other` keeps nothing), which can only make it
/// cheaper: if anything the comparison favours plain derive. The `union` module measures the other
/// common hand-written shape, one struct with the fields of every variant (no buffering at all).
#[allow(dead_code, reason = "the fields are only written by serde: what is measured is filling them")]
mod plain {
    use odata_runtime::chrono::{DateTime, FixedOffset, NaiveDate};
    use serde::Deserialize;

    /// Open enums: a derive enum with a unit catch-all (it cannot keep the unknown name).
    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    pub enum ConnectorStatus {
        Active,
        Inactive,
        #[serde(other)]
        Unknown,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    pub enum ApiFormat {
        OneRoster,
        UnknownFutureValue,
        #[serde(other)]
        Unknown,
    }

    /// `microsoft.graph.connector` (beta).
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Connector {
        pub id: Option<String>,
        pub external_ip: Option<String>,
        pub machine_name: Option<String>,
        pub status: Option<ConnectorStatus>,
        pub version: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ReferenceDefinition {
        pub id: Option<String>,
        pub code: Option<String>,
        pub created_date_time: Option<DateTime<FixedOffset>>,
        pub display_name: Option<String>,
        pub is_disabled: Option<bool>,
        pub last_modified_date_time: Option<DateTime<FixedOffset>>,
        pub reference_type: Option<String>,
        pub sort_index: Option<i32>,
        pub source: Option<String>,
    }

    /// `yearReferenceValue`, `fileFormatReferenceValue`, `roleReferenceValue`, ... (same members).
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ReferenceValue {
        pub code: Option<String>,
        pub value: Option<ReferenceDefinition>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct YearTimePeriodDefinition {
        pub id: Option<String>,
        pub display_name: Option<String>,
        pub end_date: Option<NaiveDate>,
        pub start_date: Option<NaiveDate>,
        pub year: Option<ReferenceValue>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct RoleGroup {
        pub id: Option<String>,
        pub display_name: Option<String>,
        pub roles: Option<Vec<ReferenceValue>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct UserMatchingSetting {
        pub match_target: Option<ReferenceValue>,
        pub priority_order: Option<i32>,
        pub source_identifier: Option<ReferenceValue>,
        pub role_group: Option<RoleGroup>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct SourceSystemDefinition {
        pub id: Option<String>,
        pub display_name: Option<String>,
        pub user_matching_settings: Option<Vec<UserMatchingSetting>>,
        pub vendor: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct OAuth1ClientCredential {
        pub display_name: Option<String>,
        pub is_valid: Option<bool>,
        pub last_valid_date_time: Option<DateTime<FixedOffset>>,
        pub client_id: Option<String>,
        pub client_secret: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct OAuth2ClientCredential {
        pub display_name: Option<String>,
        pub is_valid: Option<bool>,
        pub last_valid_date_time: Option<DateTime<FixedOffset>>,
        pub client_id: Option<String>,
        pub client_secret: Option<String>,
        pub scope: Option<String>,
        pub token_url: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(tag = "@odata.type")]
    pub enum AnyCredential {
        #[serde(rename = "#microsoft.graph.industryData.oAuth1ClientCredential")]
        OAuth1ClientCredential(Box<OAuth1ClientCredential>),
        #[serde(rename = "#microsoft.graph.industryData.oAuth2ClientCredential")]
        OAuth2ClientCredential(Box<OAuth2ClientCredential>),
        #[serde(other)]
        Other,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct OneRosterApiDataConnector {
        pub id: Option<String>,
        pub display_name: Option<String>,
        pub source_system: Option<SourceSystemDefinition>,
        pub api_format: Option<ApiFormat>,
        pub base_url: Option<String>,
        pub credential: Option<AnyCredential>,
        pub api_version: Option<String>,
        pub is_contacts_enabled: Option<bool>,
        pub is_demographics_enabled: Option<bool>,
        pub is_flags_enabled: Option<bool>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct AzureDataLakeConnector {
        pub id: Option<String>,
        pub display_name: Option<String>,
        pub source_system: Option<SourceSystemDefinition>,
        pub file_format: Option<ReferenceValue>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(tag = "@odata.type")]
    pub enum AnyIndustryDataConnector {
        #[serde(rename = "#microsoft.graph.industryData.oneRosterApiDataConnector")]
        OneRosterApiDataConnector(Box<OneRosterApiDataConnector>),
        #[serde(rename = "#microsoft.graph.industryData.azureDataLakeConnector")]
        AzureDataLakeConnector(Box<AzureDataLakeConnector>),
        #[serde(other)]
        Other,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct BasicAuthentication {
        pub password: Option<String>,
        pub username: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Pkcs12CertificateInformation {
        pub is_active: Option<bool>,
        pub not_after: Option<i64>,
        pub not_before: Option<i64>,
        pub thumbprint: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ClientCertificateAuthentication {
        pub certificate_list: Option<Vec<Pkcs12CertificateInformation>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Pkcs12Certificate {
        pub password: Option<String>,
        pub pkcs12_value: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(tag = "@odata.type")]
    pub enum AnyApiAuthenticationConfiguration {
        #[serde(rename = "#microsoft.graph.basicAuthentication")]
        BasicAuthentication(Box<BasicAuthentication>),
        #[serde(rename = "#microsoft.graph.clientCertificateAuthentication")]
        ClientCertificateAuthentication(Box<ClientCertificateAuthentication>),
        #[serde(rename = "#microsoft.graph.pkcs12Certificate")]
        Pkcs12Certificate(Box<Pkcs12Certificate>),
        #[serde(other)]
        Other,
    }

    /// `microsoft.graph.identityApiConnector` (v1.0).
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct IdentityApiConnector {
        pub id: Option<String>,
        pub authentication_configuration: Option<AnyApiAuthenticationConfiguration>,
        pub display_name: Option<String>,
        pub target_url: Option<String>,
    }
}

/// The other plain-derive shape for polymorphic members: one struct with the fields of every
/// derived type and `@odata.type` as a plain field. No buffering, no dispatch: the floor any
/// typed model can reach, but the caller has to tell the variants apart by hand.
#[allow(dead_code, reason = "the fields are only written by serde: what is measured is filling them")]
mod union {
    use odata_runtime::chrono::{DateTime, FixedOffset};
    use serde::Deserialize;

    use super::plain::{ApiFormat, Pkcs12CertificateInformation, ReferenceValue, SourceSystemDefinition};

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Credential {
        #[serde(rename = "@odata.type")]
        pub odata_type: Option<String>,
        pub display_name: Option<String>,
        pub is_valid: Option<bool>,
        pub last_valid_date_time: Option<DateTime<FixedOffset>>,
        pub client_id: Option<String>,
        pub client_secret: Option<String>,
        pub scope: Option<String>,
        pub token_url: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct IndustryDataConnector {
        #[serde(rename = "@odata.type")]
        pub odata_type: Option<String>,
        pub id: Option<String>,
        pub display_name: Option<String>,
        pub source_system: Option<SourceSystemDefinition>,
        pub api_format: Option<ApiFormat>,
        pub base_url: Option<String>,
        pub credential: Option<Credential>,
        pub api_version: Option<String>,
        pub is_contacts_enabled: Option<bool>,
        pub is_demographics_enabled: Option<bool>,
        pub is_flags_enabled: Option<bool>,
        pub file_format: Option<ReferenceValue>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ApiAuthenticationConfiguration {
        #[serde(rename = "@odata.type")]
        pub odata_type: Option<String>,
        pub password: Option<String>,
        pub username: Option<String>,
        pub certificate_list: Option<Vec<Pkcs12CertificateInformation>>,
        pub pkcs12_value: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct IdentityApiConnector {
        pub id: Option<String>,
        pub authentication_configuration: Option<ApiAuthenticationConfiguration>,
        pub display_name: Option<String>,
        pub target_url: Option<String>,
    }
}

// ---------------------------------------------------------------------------------------------
// Payloads: JSON arrays of BATCH objects, shaped like Graph responses (`@odata.type` first,
// `@odata.etag`, secrets null or masked) with a member the schema does not declare here and there.
// ---------------------------------------------------------------------------------------------

fn guid(i: usize, salt: u32) -> String {
    format!("{salt:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}", i % 0xffff, i % 0xfff, (i * 7) % 0xfff, i * 2_654_435_761)
}

fn etag(i: usize) -> String {
    format!(r#""@odata.etag": "W/\"JzEtSW5kdXN0cnlEYXRhQ29ubmVjdG9yQDEw{i:05}Jw==\"""#)
}

fn array(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(","))
}

/// Which industryData connector (and credential) object `i` of the batch is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ConnectorKind {
    OneRosterOAuth2,
    OneRosterOAuth1,
    AzureDataLake,
}

fn connector_kind(i: usize) -> ConnectorKind {
    match i % 6 {
        5 => ConnectorKind::AzureDataLake,
        2 => ConnectorKind::OneRosterOAuth1,
        _ => ConnectorKind::OneRosterOAuth2,
    }
}

fn industry_data_connector(i: usize) -> String {
    let id = guid(i, 0x1d0c_0001);
    let etag = etag(i);
    let source_system = if i.is_multiple_of(3) {
        format!(
            r#","sourceSystem": {{"id": "{}", "displayName": "District {i} SIS", "vendor": "PowerSchool"}}"#,
            guid(i, 0x5050_0002)
        )
    } else {
        String::new()
    };
    // A member added to the service after the models were generated.
    let unknown = if i.is_multiple_of(2) {
        format!(r#","lastSyncDateTime": "2024-09-{:02}T06:30:00Z""#, i % 28 + 1)
    } else {
        String::new()
    };
    match connector_kind(i) {
        ConnectorKind::AzureDataLake => format!(
            r##"{{"@odata.type": "#microsoft.graph.industryData.azureDataLakeConnector", {etag}, "id": "{id}", "displayName": "CSV upload {i}", "fileFormat": {{"code": "csv"}}{source_system}{unknown}}}"##
        ),
        kind => {
            let credential = if kind == ConnectorKind::OneRosterOAuth1 {
                format!(
                    r##"{{"@odata.type": "#microsoft.graph.industryData.oAuth1ClientCredential", "displayName": "OneRoster OAuth1 {i}", "isValid": true, "lastValidDateTime": "2024-08-{:02}T12:{:02}:07.4418302Z", "clientId": "{}", "clientSecret": null}}"##,
                    i % 28 + 1,
                    i % 60,
                    guid(i, 0xc11e_0003)
                )
            } else {
                format!(
                    r##"{{"@odata.type": "#microsoft.graph.industryData.oAuth2ClientCredential", "displayName": "OneRoster OAuth2 {i}", "isValid": {}, "lastValidDateTime": "2024-08-{:02}T12:{:02}:07.4418302Z", "clientId": "{}", "clientSecret": null, "scope": "https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly", "tokenUrl": "https://sis{i}.contoso.edu/oauth/token"}}"##,
                    !i.is_multiple_of(7),
                    i % 28 + 1,
                    i % 60,
                    guid(i, 0xc11e_0003)
                )
            };
            format!(
                r##"{{"@odata.type": "#microsoft.graph.industryData.oneRosterApiDataConnector", {etag}, "id": "{id}", "displayName": "OneRoster connector {i}", "apiFormat": "oneRoster", "baseUrl": "https://sis{i}.contoso.edu/ims/oneroster/v1p1", "apiVersion": "1.1", "isDemographicsEnabled": false, "isFlagsEnabled": true, "isContactsEnabled": {}, "credential": {credential}{source_system}{unknown}}}"##,
                i.is_multiple_of(2)
            )
        }
    }
}

fn identity_api_connector(i: usize) -> String {
    let id = guid(i, 0x1a9c_0004);
    let etag = etag(i);
    let unknown = if i.is_multiple_of(2) { r#","createdDateTime": "2023-11-02T09:14:55Z""# } else { "" };
    let authentication = if i.is_multiple_of(2) {
        format!(
            r##"{{"@odata.type": "#microsoft.graph.basicAuthentication", "username": "api-user-{i}", "password": "******"}}"##
        )
    } else {
        format!(
            r##"{{"@odata.type": "#microsoft.graph.clientCertificateAuthentication", "certificateList": [{{"thumbprint": "0EB255CC895477798BA8B596AC2B8F8B2BD4{i:04X}", "notAfter": 1666350522, "notBefore": 1508670522, "isActive": true}}, {{"thumbprint": "1FC366DD906588809CB9C607BD3C9F9C3CE5{i:04X}", "notAfter": 1766350522, "notBefore": 1666350522, "isActive": false}}]}}"##
        )
    };
    format!(
        r#"{{{etag}, "id": "{id}", "displayName": "Address validation API {i}", "targetUrl": "https://api{i}.contoso.com/api/validate", "authenticationConfiguration": {authentication}{unknown}}}"#
    )
}

/// `with_unknown`: an `@odata.etag` and one undeclared member per object, or only declared members.
fn connector(i: usize, with_unknown: bool) -> String {
    let id = guid(i, 0xc0_0005);
    let status = if i.is_multiple_of(5) { "inactive" } else { "active" };
    let known = format!(
        r#""id": "{id}", "machineName": "APP-PROXY-{i:03}.contoso.local", "externalIp": "52.{}.{}.{}", "status": "{status}", "version": "1.5.{}.0""#,
        i % 256,
        (i * 3) % 256,
        (i * 7) % 256,
        1900 + i % 100
    );
    if with_unknown {
        format!(r#"{{{}, {known}, "connectorGroupName": "Default {}"}}"#, etag(i), i % 4)
    } else {
        format!("{{{known}}}")
    }
}

fn year_time_period(i: usize) -> String {
    let year = 2000 + i % 30;
    format!(
        r#"{{{}, "id": "{}", "displayName": "School year {year}-{}", "startDate": "{year}-08-15", "endDate": "{}-06-30", "year": {{"code": "{year}"}}}}"#,
        etag(i),
        guid(i, 0x7ea7_0006),
        year + 1,
        year + 1
    )
}

// ---------------------------------------------------------------------------------------------
// Checks, outside the timed loops: every way parses every batch, with the expected variants.
// ---------------------------------------------------------------------------------------------

fn parse<T: DeserializeOwned>(what: &str, json: &str) -> Vec<T> {
    match serde_json::from_str::<Vec<T>>(json) {
        Ok(items) => {
            assert_eq!(items.len(), BATCH, "{what}: wrong number of objects");
            items
        }
        Err(err) => panic!("{what}: does not parse: {err}"),
    }
}

fn check_value(what: &str, json: &str) {
    let value: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(err) => panic!("{what} as Value: does not parse: {err}"),
    };
    assert_eq!(value.as_array().map(Vec::len), Some(BATCH), "{what} as Value");
}

fn check_industry_data_connectors(json: &str) {
    let what = "industryData connectors";
    let generated: Vec<AnyIndustryDataConnector> = parse(what, json);
    for (i, item) in generated.iter().enumerate() {
        match (connector_kind(i), item) {
            (ConnectorKind::AzureDataLake, AnyIndustryDataConnector::AzureDataLakeConnector(c)) => {
                assert_eq!(c.file_format.as_ref().and_then(|f| f.code.as_deref()), Some("csv"));
                assert!(c.additional.etag().is_some(), "{i}: etag not kept");
            }
            (kind, AnyIndustryDataConnector::OneRosterApiDataConnector(c)) => {
                check_one_roster(i, kind, c);
            }
            (kind, other) => panic!("{i}: expected {kind:?}, got {other:?}"),
        }
    }
    let derived: Vec<plain::AnyIndustryDataConnector> = parse(what, json);
    for (i, item) in derived.iter().enumerate() {
        use plain::{AnyCredential as C, AnyIndustryDataConnector as D};
        let ok = match (connector_kind(i), item) {
            (ConnectorKind::AzureDataLake, D::AzureDataLakeConnector(c)) => c.file_format.is_some(),
            (ConnectorKind::OneRosterOAuth1, D::OneRosterApiDataConnector(c)) => {
                matches!(c.credential, Some(C::OAuth1ClientCredential(_)))
                    && c.api_format == Some(plain::ApiFormat::OneRoster)
            }
            (ConnectorKind::OneRosterOAuth2, D::OneRosterApiDataConnector(c)) => {
                matches!(&c.credential, Some(C::OAuth2ClientCredential(cred)) if cred.token_url.is_some())
            }
            _ => false,
        };
        assert!(ok, "{i}: derive gave {item:?}");
    }
    let unions: Vec<union::IndustryDataConnector> = parse(what, json);
    for (i, item) in unions.iter().enumerate() {
        let credential = item.credential.as_ref().and_then(|c| c.odata_type.as_deref());
        let expected = match connector_kind(i) {
            ConnectorKind::AzureDataLake => None,
            ConnectorKind::OneRosterOAuth1 => Some("#microsoft.graph.industryData.oAuth1ClientCredential"),
            ConnectorKind::OneRosterOAuth2 => Some("#microsoft.graph.industryData.oAuth2ClientCredential"),
        };
        assert_eq!(credential, expected, "{i}: union credential");
        assert!(item.odata_type.is_some(), "{i}: union @odata.type");
    }
    check_value(what, json);
}

fn check_one_roster(i: usize, kind: ConnectorKind, c: &OneRosterApiDataConnector) {
    assert_eq!(c.api_format, Some(ApiFormat::OneRoster), "{i}");
    assert!(c.additional.etag().is_some(), "{i}: etag not kept");
    assert_eq!(c.additional.contains_key("lastSyncDateTime"), i.is_multiple_of(2), "{i}: unknown member");
    assert_eq!(c.source_system.is_some(), i.is_multiple_of(3), "{i}: sourceSystem");
    match (kind, &c.credential) {
        (ConnectorKind::OneRosterOAuth2, Some(AnyCredential::OAuth2ClientCredential(cred))) => {
            assert!(cred.token_url.is_some() && cred.last_valid_date_time.is_some(), "{i}: {cred:?}");
        }
        (ConnectorKind::OneRosterOAuth1, Some(AnyCredential::OAuth1ClientCredential(cred))) => {
            assert!(cred.client_id.is_some(), "{i}: {cred:?}");
        }
        (kind, other) => panic!("{i}: expected {kind:?} credential, got {other:?}"),
    }
}

fn check_identity_api_connectors(json: &str) {
    let what = "identityApiConnectors";
    let generated: Vec<IdentityApiConnector> = parse(what, json);
    for (i, item) in generated.iter().enumerate() {
        assert!(item.additional.etag().is_some(), "{i}: etag not kept");
        assert_eq!(item.additional.contains_key("createdDateTime"), i.is_multiple_of(2), "{i}: unknown member");
        match (i % 2, &item.authentication_configuration) {
            (0, Some(AnyApiAuthenticationConfigurationBase::BasicAuthentication(auth))) => {
                assert!(auth.username.is_some(), "{i}");
            }
            (1, Some(AnyApiAuthenticationConfigurationBase::ClientCertificateAuthentication(auth))) => {
                assert_eq!(auth.certificate_list.as_ref().map(Vec::len), Some(2), "{i}");
            }
            (_, other) => panic!("{i}: unexpected authenticationConfiguration {other:?}"),
        }
    }
    let derived: Vec<plain::IdentityApiConnector> = parse(what, json);
    for (i, item) in derived.iter().enumerate() {
        use plain::AnyApiAuthenticationConfiguration as A;
        let ok = match (i % 2, &item.authentication_configuration) {
            (0, Some(A::BasicAuthentication(auth))) => auth.username.is_some(),
            (1, Some(A::ClientCertificateAuthentication(auth))) => {
                auth.certificate_list.as_ref().map(Vec::len) == Some(2)
            }
            _ => false,
        };
        assert!(ok, "{i}: derive gave {item:?}");
    }
    let unions: Vec<union::IdentityApiConnector> = parse(what, json);
    for (i, item) in unions.iter().enumerate() {
        let auth = item.authentication_configuration.as_ref();
        let ok = match i % 2 {
            0 => auth.is_some_and(|a| a.username.is_some()),
            _ => auth.is_some_and(|a| a.certificate_list.as_ref().map(Vec::len) == Some(2)),
        };
        assert!(ok, "{i}: union gave {item:?}");
    }
    check_value(what, json);
}

fn check_connectors(json: &str, with_unknown: bool) {
    let what = "connectors";
    let generated: Vec<Connector> = parse(what, json);
    for (i, item) in generated.iter().enumerate() {
        assert!(item.machine_name.is_some() && item.version.is_some(), "{i}");
        let status = if i.is_multiple_of(5) { ConnectorStatus::Inactive } else { ConnectorStatus::Active };
        assert_eq!(item.status.as_ref(), Some(&status), "{i}");
        assert_eq!(item.additional.len(), if with_unknown { 2 } else { 0 }, "{i}: additional data");
    }
    let derived: Vec<plain::Connector> = parse(what, json);
    for (i, item) in derived.iter().enumerate() {
        let status =
            if i.is_multiple_of(5) { plain::ConnectorStatus::Inactive } else { plain::ConnectorStatus::Active };
        assert_eq!(item.status.as_ref(), Some(&status), "{i}");
        assert!(item.machine_name.is_some() && item.version.is_some(), "{i}");
    }
    check_value(what, json);
}

fn check_year_time_periods(json: &str) {
    let what = "yearTimePeriodDefinitions";
    let generated: Vec<YearTimePeriodDefinition> = parse(what, json);
    for (i, item) in generated.iter().enumerate() {
        assert!(item.start_date.is_some() && item.end_date.is_some(), "{i}");
        assert!(item.year.as_ref().is_some_and(|y| y.code.is_some()), "{i}");
        assert!(item.additional.etag().is_some(), "{i}: etag not kept");
    }
    let derived: Vec<plain::YearTimePeriodDefinition> = parse(what, json);
    for (i, item) in derived.iter().enumerate() {
        assert!(item.start_date.is_some() && item.end_date.is_some(), "{i}");
        assert!(item.year.as_ref().is_some_and(|y| y.code.is_some()), "{i}");
    }
    check_value(what, json);
}

// ---------------------------------------------------------------------------------------------
// Benchmarks.
// ---------------------------------------------------------------------------------------------

fn way<T: DeserializeOwned>(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    json: &str,
) {
    group.bench_function(name, |b| b.iter(|| serde_json::from_str::<Vec<T>>(black_box(json)).map(|items| items.len())));
}

fn bench_deserialize(c: &mut Criterion) {
    let industry = array((0..BATCH).map(industry_data_connector));
    let identity = array((0..BATCH).map(identity_api_connector));
    let connectors = array((0..BATCH).map(|i| connector(i, true)));
    let connectors_known = array((0..BATCH).map(|i| connector(i, false)));
    let periods = array((0..BATCH).map(year_time_period));

    check_industry_data_connectors(&industry);
    check_identity_api_connectors(&identity);
    check_connectors(&connectors, true);
    check_connectors(&connectors_known, false);
    check_year_time_periods(&periods);

    let mut group = c.benchmark_group("poly_industry_data_connectors");
    group.throughput(Throughput::Bytes(industry.len() as u64));
    way::<AnyIndustryDataConnector>(&mut group, "generated", &industry);
    way::<plain::AnyIndustryDataConnector>(&mut group, "derive", &industry);
    way::<union::IndustryDataConnector>(&mut group, "derive_union", &industry);
    way::<Value>(&mut group, "value", &industry);
    group.finish();

    let mut group = c.benchmark_group("poly_identity_api_connectors");
    group.throughput(Throughput::Bytes(identity.len() as u64));
    way::<IdentityApiConnector>(&mut group, "generated", &identity);
    way::<plain::IdentityApiConnector>(&mut group, "derive", &identity);
    way::<union::IdentityApiConnector>(&mut group, "derive_union", &identity);
    way::<Value>(&mut group, "value", &identity);
    group.finish();

    let mut group = c.benchmark_group("flat_connectors");
    group.throughput(Throughput::Bytes(connectors.len() as u64));
    way::<Connector>(&mut group, "generated", &connectors);
    way::<plain::Connector>(&mut group, "derive", &connectors);
    way::<Value>(&mut group, "value", &connectors);
    group.finish();

    let mut group = c.benchmark_group("flat_connectors_known_only");
    group.throughput(Throughput::Bytes(connectors_known.len() as u64));
    way::<Connector>(&mut group, "generated", &connectors_known);
    way::<plain::Connector>(&mut group, "derive", &connectors_known);
    way::<Value>(&mut group, "value", &connectors_known);
    group.finish();

    let mut group = c.benchmark_group("flat_year_time_periods");
    group.throughput(Throughput::Bytes(periods.len() as u64));
    way::<YearTimePeriodDefinition>(&mut group, "generated", &periods);
    way::<plain::YearTimePeriodDefinition>(&mut group, "derive", &periods);
    way::<Value>(&mut group, "value", &periods);
    group.finish();
}

criterion_group!(benches, bench_deserialize);
criterion_main!(benches);
