//! Lossless reading, errors with paths and lenient reading on the generated seed crate (issue
//! "Nothing lost"): read → write gives back the input for the forms the typed fields cannot hold,
//! errors say where, and a lenient read keeps bad values raw.

use graph_models::beta::graph::{Connector, ConnectorStatus, Pkcs12CertificateInformation};
use graph_models::beta::industry_data::FileValidateOperation;
use graph_models::demo::identity::ApiConnector;
use graph_models::v1::graph::{AnyApiAuthenticationConfigurationBase, IdentityApiConnector};
use odata_runtime::Page;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn round_trip<T: DeserializeOwned + Serialize>(body: &Value) -> Value {
    let value: T = serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{body}: {e}"));
    serde_json::to_value(&value).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn generated_types_write_back_what_they_read() {
    let connector = json!({"id": null, "status": "ACTIVE", "machineName": "m", "externalIp": null});
    assert_eq!(round_trip::<Connector>(&connector), connector);
    let read: Connector = serde_json::from_value(connector).unwrap_or_default();
    assert_eq!((read.id, read.status), (None, Some(ConnectorStatus::Active)));

    let certificate = json!({"notAfter": "1893456000", "notBefore": 1.0e9, "isActive": null});
    assert_eq!(round_trip::<Pkcs12CertificateInformation>(&certificate), certificate);

    let operation = json!({
        "createdDateTime": "2020-02-04T07:00:00.0000000",
        "lastActionDateTime": "2020-02-04T07:00:00.000Z",
        "validatedFiles": ["a.csv", null],
        "errors": [{"code": null, "message": "m", "details": []}],
        "status": "Succeeded",
    });
    assert_eq!(round_trip::<FileValidateOperation>(&operation), operation);

    let api = json!({"permissions": "write,read", "createdDateTime": "2018-08-12T12:00Z", "status": null});
    assert_eq!(round_trip::<ApiConnector>(&api), api);

    let late = json!({
        "username": "u", "password": null,
        "@odata.type": "#microsoft.graph.basicAuthentication"
    });
    let any: AnyApiAuthenticationConfigurationBase = serde_json::from_value(late.clone()).unwrap_or_default();
    assert!(matches!(any, AnyApiAuthenticationConfigurationBase::BasicAuthentication(_)), "{any:?}");
    assert_eq!(serde_json::to_value(&any).unwrap_or_default(), late);
}

#[test]
fn errors_name_the_property_in_a_page() {
    let text = r#"{"value": [
        {"id": "1", "createdDateTime": "2020-02-04T07:00:00Z"},
        {"id": "2", "createdDateTime": "String (timestamp)"}
    ]}"#;
    let error = serde_json::from_str::<Page<FileValidateOperation>>(text).err().map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some(
            "invalid value at `value[1].createdDateTime`: expected an RFC 3339 date and time (Edm.DateTimeOffset), \
             found string \"String (timestamp)\" at line 3 column 59"
        )
    );
    // Inside a polymorphic member, its `@odata.type` first.
    let text = r##"{"authenticationConfiguration": {"@odata.type": "#microsoft.graph.pkcs12Certificate",
        "pkcs12Value": 5}}"##;
    let error = serde_json::from_str::<IdentityApiConnector>(text).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        error.starts_with("invalid type at `authenticationConfiguration.pkcs12Value`: expected a string (Edm.String), found integer `5` at line 2"),
        "{error}"
    );
    // `@odata.type` after the member: the member is read again as the named type at the object's end;
    // the error still names it, and says why its position is that end.
    let text = r##"{"authenticationConfiguration": {"pkcs12Value": 5,
        "@odata.type": "#microsoft.graph.pkcs12Certificate"}}"##;
    let error = serde_json::from_str::<IdentityApiConnector>(text).err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        error,
        "invalid type at `authenticationConfiguration.pkcs12Value`: expected a string (Edm.String), found integer `5` \
         (read as #microsoft.graph.pkcs12Certificate when its `@odata.type` came, after the other members: the \
         position is the end of that object) at line 2 column 60"
    );
}

#[test]
fn a_lenient_page_reads_around_a_bad_value() {
    let mut items: Vec<Value> = (0..20).map(|i| json!({"id": i.to_string(), "status": "succeeded"})).collect();
    items[7]["createdDateTime"] = json!("String (timestamp)");
    let body = json!({"value": items, "@odata.nextLink": "https://x/next"});
    assert!(serde_json::from_value::<Page<FileValidateOperation>>(body.clone()).is_err());
    let read = odata_runtime::lenient::from_value::<Page<FileValidateOperation>>(body.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.value.value.len(), 20);
    assert_eq!(read.kept_raw.len(), 1);
    assert_eq!(read.kept_raw[0].path, "value[7].createdDateTime");
    assert!(read.kept_raw[0].error.contains("Edm.DateTimeOffset"), "{:?}", read.kept_raw);
    let bad = &read.value.value[7];
    assert_eq!(bad.created_date_time, None);
    assert_eq!(bad.additional.get("createdDateTime"), Some(&json!("String (timestamp)")));
    assert_eq!(serde_json::to_value(&read.value).unwrap_or_default(), body);
}
