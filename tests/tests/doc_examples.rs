//! Every body in `../shared/graph-examples/seed-types.jsonl` (121 request, response and resource
//! examples from the Graph docs) whose type is generated is read into that type and written back.
//! The test prints a table (ok / failed with reason / not applicable with reason) and fails on any
//! failure that is not explained.

use graph_models::{beta, v1};
use odata_runtime::Page;
use odata_tests::first_difference;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// How one record came out.
enum Outcome {
    Ok,
    Failed(String),
    NotApplicable(String),
}

/// Reads `body` as `T` (or a page of `T` when `collection`), writes it back, and compares both as
/// JSON (member order aside; `null` members too: reading keeps them).
fn check_as<T: DeserializeOwned + Serialize>(body: &Value, collection: bool) -> Result<(), String> {
    let written = if collection {
        let page: Page<T> = serde_json::from_value(body.clone()).map_err(|e| e.to_string())?;
        serde_json::to_value(&page).map_err(|e| e.to_string())?
    } else {
        let value: T = serde_json::from_value(body.clone()).map_err(|e| e.to_string())?;
        serde_json::to_value(&value).map_err(|e| e.to_string())?
    };
    match first_difference(body, &written, "") {
        None => Ok(()),
        Some(difference) => Err(format!("written back differently at {difference}")),
    }
}

/// The generated type for (version, qualified name): the `Any...` enum where the type has derived types.
macro_rules! registry {
    ($($version:literal $name:literal => $ty:ty,)*) => {
        fn check(version: &str, name: &str, body: &Value, collection: bool) -> Option<Result<(), String>> {
            match (version, name) {
                $(($version, $name) => Some(check_as::<$ty>(body, collection)),)*
                _ => None,
            }
        }
    };
}

registry! {
    "v1.0" "microsoft.graph.identityApiConnector" => v1::graph::IdentityApiConnector,
    "v1.0" "microsoft.graph.apiAuthenticationConfigurationBase" => v1::graph::AnyApiAuthenticationConfigurationBase,
    "v1.0" "microsoft.graph.basicAuthentication" => v1::graph::BasicAuthentication,
    "v1.0" "microsoft.graph.clientCertificateAuthentication" => v1::graph::ClientCertificateAuthentication,
    "v1.0" "microsoft.graph.pkcs12Certificate" => v1::graph::Pkcs12Certificate,
    "v1.0" "microsoft.graph.pkcs12CertificateInformation" => v1::graph::Pkcs12CertificateInformation,
    "beta" "microsoft.graph.identityApiConnector" => beta::graph::IdentityApiConnector,
    "beta" "microsoft.graph.apiAuthenticationConfigurationBase" => beta::graph::AnyApiAuthenticationConfigurationBase,
    "beta" "microsoft.graph.basicAuthentication" => beta::graph::BasicAuthentication,
    "beta" "microsoft.graph.clientCertificateAuthentication" => beta::graph::ClientCertificateAuthentication,
    "beta" "microsoft.graph.pkcs12Certificate" => beta::graph::Pkcs12Certificate,
    "beta" "microsoft.graph.pkcs12CertificateInformation" => beta::graph::Pkcs12CertificateInformation,
    "beta" "microsoft.graph.connector" => beta::graph::Connector,
    "beta" "microsoft.graph.industryData.administrativeUnitProvisioningFlow" => beta::industry_data::AdministrativeUnitProvisioningFlow,
    "beta" "microsoft.graph.industryData.azureDataLakeConnector" => beta::industry_data::AzureDataLakeConnector,
    "beta" "microsoft.graph.industryData.classGroupProvisioningFlow" => beta::industry_data::ClassGroupProvisioningFlow,
    "beta" "microsoft.graph.industryData.fileUploadSession" => beta::industry_data::FileUploadSession,
    "beta" "microsoft.graph.industryData.fileValidateOperation" => beta::industry_data::FileValidateOperation,
    "beta" "microsoft.graph.industryData.inboundFileFlow" => beta::industry_data::InboundFileFlow,
    "beta" "microsoft.graph.industryData.inboundFlow" => beta::industry_data::AnyInboundFlow,
    "beta" "microsoft.graph.industryData.industryDataConnector" => beta::industry_data::AnyIndustryDataConnector,
    "beta" "microsoft.graph.industryData.industryDataRun" => beta::industry_data::IndustryDataRun,
    "beta" "microsoft.graph.industryData.industryDataRunStatistics" => beta::industry_data::IndustryDataRunStatistics,
    "beta" "microsoft.graph.industryData.oneRosterApiDataConnector" => beta::industry_data::OneRosterApiDataConnector,
    "beta" "microsoft.graph.industryData.outboundProvisioningFlowSet" => beta::industry_data::OutboundProvisioningFlowSet,
    "beta" "microsoft.graph.industryData.provisioningFlow" => beta::industry_data::AnyProvisioningFlow,
    "beta" "microsoft.graph.industryData.referenceDefinition" => beta::industry_data::ReferenceDefinition,
    "beta" "microsoft.graph.industryData.roleGroup" => beta::industry_data::RoleGroup,
    "beta" "microsoft.graph.industryData.securityGroupProvisioningFlow" => beta::industry_data::SecurityGroupProvisioningFlow,
    "beta" "microsoft.graph.industryData.sourceSystemDefinition" => beta::industry_data::SourceSystemDefinition,
    "beta" "microsoft.graph.industryData.userProvisioningFlow" => beta::industry_data::UserProvisioningFlow,
    "beta" "microsoft.graph.industryData.yearTimePeriodDefinition" => beta::industry_data::YearTimePeriodDefinition,
}

/// Failures the docs themselves cause, by record id: each has its reason. A typed model must refuse
/// these bodies; the test checks they still fail, and for that reason.
const EXPLAINED: &[(&str, &str, &str)] = &[
    (
        "microsoftgraph/microsoft-graph-docs:api-reference/v1.0/resources/pkcs12certificateinformation.md#0",
        "the resource page writes the placeholder \"Boolean\" where `isActive`'s boolean belongs",
        "expected a boolean (Edm.Boolean), found string \"Boolean\"",
    ),
    (
        "microsoftgraph/microsoft-graph-docs-contrib:api-reference/beta/resources/industrydata-onerosterapidataconnector.md#0",
        "the resource page writes the placeholder \"Boolean\" where the `is...Enabled` booleans belong",
        "expected a boolean (Edm.Boolean), found string \"Boolean\"",
    ),
];

fn classify(record: &Value) -> Outcome {
    let field = |name: &str| record.get(name).and_then(Value::as_str);
    if record.get("json_strict_ok") != Some(&Value::Bool(true)) {
        let error = field("json_error").unwrap_or("unknown error");
        return Outcome::NotApplicable(format!("body is not strict JSON ({error})"));
    }
    let Some(odata_type) = field("odata_type") else {
        return Outcome::NotApplicable("the page names no type for this body".to_owned());
    };
    let (collection, name) = match odata_type.strip_prefix("Collection(").and_then(|t| t.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => (record.get("isCollection") == Some(&Value::Bool(true)), odata_type),
    };
    let version = field("version").unwrap_or_default();
    let Some(body) = record.get("body") else { return Outcome::NotApplicable("no body".to_owned()) };
    match check(version, name, body, collection) {
        None => Outcome::NotApplicable(format!("{version} `{name}` is not generated")),
        Some(Ok(())) => Outcome::Ok,
        Some(Err(reason)) => Outcome::Failed(reason),
    }
}

#[test]
fn every_generated_doc_example_reads_and_writes_back() {
    let Some(path) = odata_tests::shared_file("graph-examples/seed-types.jsonl") else { return };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let (mut ok, mut failed, mut not_applicable, mut unexplained) = (0, 0, 0, Vec::new());
    println!("{:<100} outcome", "record");
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let record: Value = serde_json::from_str(line).unwrap_or_else(|err| panic!("bad record: {err}"));
        let id = record.get("id").and_then(Value::as_str).unwrap_or("?").to_owned();
        let short = id.rsplit('/').next().unwrap_or(&id);
        match classify(&record) {
            Outcome::Ok => {
                ok += 1;
                println!("{short:<100} ok");
            }
            Outcome::Failed(reason) => {
                failed += 1;
                match EXPLAINED.iter().find(|(explained, _, _)| *explained == id) {
                    Some((_, why, expected)) if reason.contains(expected) => {
                        println!("{short:<100} failed, explained: {why}")
                    }
                    _ => {
                        println!("{short:<100} FAILED: {reason}");
                        unexplained.push(format!("{id}: {reason}"));
                    }
                }
            }
            Outcome::NotApplicable(reason) => {
                not_applicable += 1;
                println!("{short:<100} n/a: {reason}");
            }
        }
    }
    println!("{ok} ok, {failed} failed, {not_applicable} not applicable");
    assert_eq!((ok, failed, not_applicable), (63, 2, 56), "the table changed: update the expectation");
    assert!(unexplained.is_empty(), "unexplained failures:\n{}", unexplained.join("\n"));
}
