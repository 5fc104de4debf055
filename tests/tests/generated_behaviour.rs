//! Behaviour of generated code that the Graph seed types do not exercise, on the demo service
//! (`codegen/data/demo.xml`, generated into `graph_models::demo`): flags enums, type definitions,
//! date-times, redacted secrets, and `Any...` dispatch by alias.

use graph_models::demo::identity::{AnyAuthenticationConfiguration, ApiConnector, BasicAuthentication, Permissions};
use odata_runtime::FlagSet;
use serde_json::{Value, json};

#[test]
fn flags_values_round_trip_with_unknown_names() {
    let body = json!({"permissions": "read, admin,superUser", "targetUrl": "https://example.org/api"});
    let connector: ApiConnector = serde_json::from_value(body).unwrap_or_else(|e| panic!("{e}"));
    let permissions = connector.permissions.clone().unwrap_or_default();
    assert!(permissions.contains(Permissions::Read) && permissions.contains(Permissions::Admin));
    assert!(!permissions.contains(Permissions::Write));
    assert_eq!(permissions.unknown().collect::<Vec<_>>(), ["superUser"]);
    let written = serde_json::to_value(&connector).unwrap_or_default();
    assert_eq!(written["permissions"], "read, admin,superUser", "written back as read");
    let mut canonical = connector.clone();
    canonical.additional.forget_originals();
    let written = serde_json::to_value(&canonical).unwrap_or_default();
    assert_eq!(written["permissions"], "read,admin,superUser", "known members in declaration order, then unknown");
    let url: &String = connector.target_url.as_ref().unwrap_or_else(|| panic!("the typedef is a String alias"));
    assert_eq!(url, "https://example.org/api");
    let set: FlagSet<Permissions> = [Permissions::Write, Permissions::Read].into_iter().collect();
    assert_eq!(serde_json::to_value(&set).unwrap_or_default(), json!("read,write"));
}

#[test]
fn date_times_and_unknown_members_survive() {
    let body = json!({
        "createdDateTime": "2024-03-22T21:28:02.7164229Z",
        "status": "retired",
        "@odata.etag": "W/\"3\"",
        "owner@odata.bind": "users('1')"
    });
    let connector: ApiConnector = serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{e}"));
    assert!(connector.created_date_time.is_some());
    assert_eq!(serde_json::to_value(&connector).unwrap_or(Value::Null), body);
}

#[test]
fn debug_never_shows_a_password() {
    let basic =
        BasicAuthentication { username: Some("admin".into()), password: Some("hunter2".into()), ..Default::default() };
    let debug = format!("{basic:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("admin") && debug.contains("password"), "{debug}");
    let json = serde_json::to_value(&basic).unwrap_or_default();
    assert_eq!(json["password"], "hunter2", "the JSON keeps the secret");
}

#[test]
fn any_enums_dispatch_on_alias_and_plain_names() {
    for odata_type in
        ["#contoso.identity.basicAuthentication", "identity.basicAuthentication", "#identity.basicAuthentication"]
    {
        let body = json!({"@odata.type": odata_type, "username": "u"});
        let auth: AnyAuthenticationConfiguration =
            serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(auth, AnyAuthenticationConfiguration::BasicAuthentication(_)), "{odata_type}");
        assert_eq!(serde_json::to_value(&auth).unwrap_or_default(), body, "the type is written back as read");
    }
    // The base is abstract: without `@odata.type` the value is kept as `Other`.
    let auth: AnyAuthenticationConfiguration =
        serde_json::from_value(json!({"username": "u"})).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(auth, AnyAuthenticationConfiguration::Other(_)));
}

#[test]
fn core_revisions_deprecations_become_deprecated_attributes() {
    let source = odata_tests::workspace_root().join("generated/src/demo/identity.rs");
    let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    // The read model's field, in its `record!` table: the attribute is on the line right before it.
    let field = text.find("legacy_key: Option<String>").unwrap_or_else(|| panic!("no legacy_key field"));
    let previous_line = text[..field].trim_end().lines().last().unwrap_or_default().trim();
    assert_eq!(
        previous_line, "#[deprecated(note = \"use authenticationConfiguration instead\")]",
        "legacy_key is not marked deprecated"
    );
}

#[test]
fn dispatch_works_whether_or_not_odata_type_comes_first() {
    // First: read in one pass. Later: the object is buffered, then dispatched. Same result.
    let first = r##"{"@odata.type": "#contoso.identity.basicAuthentication", "username": "u", "extra": 1}"##;
    let later = r##"{"username": "u", "extra": 1, "@odata.type": "#contoso.identity.basicAuthentication"}"##;
    let a: AnyAuthenticationConfiguration = serde_json::from_str(first).unwrap_or_else(|e| panic!("{e}"));
    let b: AnyAuthenticationConfiguration = serde_json::from_str(later).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        matches!(&a, AnyAuthenticationConfiguration::BasicAuthentication(basic) if basic.username.as_deref() == Some("u"))
    );
    assert_eq!(a, b);
    let written = serde_json::to_value(&b).unwrap_or_default();
    assert_eq!(written, serde_json::from_str::<Value>(first).unwrap_or_default());
    // A value that is not an object is an error, not a panic.
    assert!(serde_json::from_str::<AnyAuthenticationConfiguration>("[1]").is_err());
    assert!(serde_json::from_str::<AnyAuthenticationConfiguration>(r#"{"@odata.type": 5}"#).is_err());
}
