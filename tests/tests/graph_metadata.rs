//! The real Microsoft Graph CSDL files of `../shared/graph-metadata` read, resolve and count exactly.

use std::collections::BTreeSet;

use odata_codegen::csdl;
use odata_codegen::model::{Model, OperationId, Target, TypeTarget};
use odata_codegen::summary::{Counts, Summary};
use odata_tests::{load, shared_file, summarize_file};

fn counts(values: [usize; 10]) -> Counts {
    let [
        entity_types,
        complex_types,
        enum_types,
        flags_enum_types,
        type_definitions,
        actions,
        functions,
        entity_containers,
        terms,
        annotations,
    ] = values;
    Counts {
        entity_types,
        complex_types,
        enum_types,
        flags_enum_types,
        type_definitions,
        actions,
        functions,
        entity_containers,
        terms,
        annotations,
    }
}

fn schema_counts<'s>(summary: &'s Summary, namespace: &str) -> &'s Counts {
    let schema = summary.schemas.iter().find(|s| s.namespace == namespace);
    &schema.unwrap_or_else(|| panic!("no schema {namespace}")).counts
}

fn error_messages(summary: &Summary) -> Vec<String> {
    summary
        .diagnostics
        .iter()
        .filter(|d| d.severity == "error")
        .map(|d| format!("{:?}:{:?} {}", d.line, d.column, d.message))
        .collect()
}

#[test]
fn v1_clean_reads_without_errors_and_counts_exactly() {
    let Some(path) = shared_file("graph-metadata/v1.0-clean.xml") else { return };
    let summary = summarize_file(&path);
    assert_eq!(summary.errors, 0, "{:#?}", error_messages(&summary));
    assert_eq!(summary.schemas.len(), 11);
    //                              entity complex enum flags typedef action function container term annotation
    assert_eq!(summary.totals, counts([1182, 1780, 861, 64, 0, 857, 324, 1, 11, 6147]));
    assert_eq!(schema_counts(&summary, "microsoft.graph"), &counts([1031, 1180, 711, 50, 0, 806, 309, 1, 11, 423]));
    assert_eq!(schema_counts(&summary, "microsoft.graph.security"), &counts([87, 511, 93, 13, 0, 31, 3, 0, 0, 8]));
    let security = summary.schemas.iter().find(|s| s.namespace == "microsoft.graph.security");
    assert_eq!(security.and_then(|s| s.alias.as_deref()), Some("self"));
}

#[test]
fn v1_prod_reads_without_errors_and_counts_exactly() {
    let Some(path) = shared_file("graph-metadata/v1.0-prod.xml") else { return };
    let summary = summarize_file(&path);
    assert_eq!(summary.errors, 0, "{:#?}", error_messages(&summary));
    assert_eq!(summary.schemas.len(), 11);
    assert_eq!(summary.totals, counts([1182, 1779, 861, 64, 0, 857, 326, 1, 11, 5922]));
    assert_eq!(schema_counts(&summary, "microsoft.graph"), &counts([1031, 1179, 711, 50, 0, 806, 311, 1, 11, 187]));
}

#[test]
fn beta_2021_reads_without_errors_and_counts_exactly() {
    let Some(path) = shared_file("graph-metadata/beta-2021-06-clean.xml") else { return };
    let summary = summarize_file(&path);
    assert_eq!(summary.errors, 0, "{:#?}", error_messages(&summary));
    assert_eq!(summary.schemas.len(), 7);
    assert_eq!(summary.totals, counts([1309, 1250, 860, 56, 0, 916, 332, 1, 8, 7919]));
    // Graph writes `Scale="Variable"`: accepted with a warning each (105 of them), never an error.
    let scale_warnings = summary.diagnostics.iter().filter(|d| d.message.contains("`Scale` value `Variable`")).count();
    assert_eq!(scale_warnings, 105);
}

/// The 28 types `beta-excerpt.xml` references but does not contain (listed in `beta-excerpt.md`).
const EXCERPT_MISSING: [&str; 28] = [
    "Json",
    "agentStatus",
    "application",
    "authenticationContextClassReference",
    "authenticationEventListener",
    "authenticationEventsFlow",
    "authenticationStrengthRoot",
    "authorizationSystem",
    "b2cIdentityUserFlow",
    "b2xIdentityUserFlow",
    "binaryOperator",
    "caPoliciesDeletableRoot",
    "conditionalAccessPolicy",
    "conditionalAccessTemplate",
    "continuousAccessEvaluationPolicy",
    "customAuthenticationExtension",
    "hybridAgentUpdaterConfiguration",
    "identityUserFlowAttributeDataType",
    "identityUserFlowAttributeType",
    "identityVerifiedIdRoot",
    "ipApplicationSegment",
    "namedLocation",
    "onPremisesPublishingType",
    "privateAccessSensor",
    "publishedResource",
    "riskPreventionContainer",
    "signInIdentifierBase",
    "userFlowType",
];

#[test]
fn beta_excerpt_reports_every_absent_type_with_its_line() {
    let Some(path) = shared_file("graph-metadata/beta-excerpt.xml") else { return };
    let summary = summarize_file(&path);
    assert_eq!(summary.schemas.len(), 4);
    assert_eq!(summary.totals, counts([49, 56, 27, 1, 0, 4, 3, 1, 0, 114]));
    assert_eq!(schema_counts(&summary, "microsoft.graph.industryData"), &counts([26, 32, 9, 0, 0, 3, 3, 0, 0, 1]));
    // Absent types are warnings (the values are typed `serde_json::Value`), each with its place.
    let errors: Vec<_> = summary.diagnostics.iter().filter(|d| d.code == "unknown-type").collect();
    let mut missing = BTreeSet::new();
    for error in &errors {
        assert!(error.message.starts_with("unknown type `"), "unexpected error: {}", error.message);
        assert_eq!(error.severity, "warning");
        assert!(error.line.is_some_and(|l| l > 1) && error.column.is_some_and(|c| c > 1), "no position: {error:?}");
        let name = error.message.split('`').nth(1).unwrap_or_default();
        missing.insert(name.rsplit('.').next().unwrap_or_default().to_owned());
    }
    let expected: BTreeSet<String> = EXCERPT_MISSING.iter().map(ToString::to_string).collect();
    assert_eq!(missing, expected);
    // Some absent types are referenced more than once: every reference is reported, not just the first.
    assert_eq!(errors.len(), 31);
    let application = errors.iter().find(|e| e.message == "unknown type `graph.application`");
    let application = application.unwrap_or_else(|| panic!("no error for graph.application"));
    assert_eq!(application.file.as_deref(), Some(path.display().to_string().as_str()));
    assert!(application.line.is_some(), "{application:?}");
}

/// Builds the model of `v1.0-clean.xml` and runs `check` on it.
fn with_v1_model(check: impl FnOnce(&Model<'_>)) {
    let Some(path) = shared_file("graph-metadata/v1.0-clean.xml") else { return };
    let sources = load(&[path]);
    let parsed = csdl::parse_all(&sources);
    assert!(parsed.well_formed && !parsed.diagnostics.has_errors());
    let (model, diagnostics) = Model::build(&parsed.documents);
    assert!(!diagnostics.has_errors());
    check(&model);
}

#[test]
fn external_annotations_reach_types_properties_members_and_overloads() {
    with_v1_model(|model| {
        let community = model.type_id("microsoft.graph.community").expect("community");
        let description = model.description(Target::Type(community)).expect("type description");
        // `&#xA;` in the attribute is a newline in the value.
        assert!(description.starts_with(
            "Represents a community in Viva Engage that is a central place for conversations,\nfiles, events"
        ));
        let display_name = model.property_index(community, "displayName").expect("displayName");
        assert_eq!(
            model.description(Target::Property(community, display_name)),
            Some("The name of the community. The maximum length is 255 characters.")
        );
        let structured = model.ty(community).as_structured().expect("structured");
        let owners = structured.navigation_properties.iter().position(|n| n.name == "owners").expect("owners");
        assert_eq!(
            model.description(Target::NavigationProperty(community, owners as u32)),
            Some("The admins of the community. Limited to 100 users.")
        );
        let privacy = model.type_id("graph.communityPrivacy").expect("alias lookup");
        let members = &model.ty(privacy).as_enum().expect("enum").members;
        let public = members.iter().position(|m| m.name == "public").expect("public");
        assert_eq!(
            model.description(Target::Member(privacy, public as u32)),
            Some("Any user from the tenant can join and participate in the community.")
        );
        // `cancel` is overloaded; the block names the bookingAppointment overload by its parameter types.
        let cancels = model.operations_named("microsoft.graph.cancel");
        assert!(cancels.len() > 1);
        let booking =
            TypeTarget::Named(model.type_id("microsoft.graph.bookingAppointment").expect("bookingAppointment"));
        let described: Vec<_> =
            cancels.iter().filter(|id| model.description(Target::Operation(**id)).is_some()).collect();
        assert!(!described.is_empty() && described.len() < cancels.len(), "only matching overloads are described");
        let binding = |id: &OperationId| model.operations[id.index()].binding_type().map(|t| t.target);
        assert!(described.iter().any(|id| binding(id) == Some(booking)));
    });
}

#[test]
fn identity_api_connector_resolves_with_its_polymorphic_property() {
    with_v1_model(|model| {
        let connector = model.type_id("microsoft.graph.identityApiConnector").expect("identityApiConnector");
        let structured = model.ty(connector).as_structured().expect("structured");
        let names: Vec<_> = structured.properties.iter().map(|p| p.name).collect();
        assert_eq!(names, ["authenticationConfiguration", "displayName", "targetUrl"]);
        let entity = model.type_id("graph.entity").expect("entity");
        assert_eq!(model.base_chain(connector), [entity]);
        let TypeTarget::Named(auth) = structured.properties[0].ty.target else { panic!("auth type") };
        assert_eq!(model.ty(auth).qualified_name(), "microsoft.graph.apiAuthenticationConfigurationBase");
        let derived: BTreeSet<_> = model.all_derived_types(auth).iter().map(|id| model.ty(*id).name).collect();
        assert_eq!(
            derived,
            BTreeSet::from(["basicAuthentication", "clientCertificateAuthentication", "pkcs12Certificate"])
        );
        // The shared v1.0 file carries no Core.Description for identityApiConnector or its properties
        // (no `<Annotations Target>` names them, checked with grep); the model must not invent one.
        assert_eq!(model.description(Target::Type(connector)), None);
        assert_eq!(model.description(Target::Property(connector, 1)), None);
    });
}

#[test]
fn inline_annotations_and_odd_property_names_are_kept() {
    with_v1_model(|model| {
        let inner = model.type_id("microsoft.graph.InnerError").expect("InnerError");
        let request_id = model.property_index(inner, "request-id").expect("request-id is kept as is");
        assert_eq!(
            model.description(Target::Property(inner, request_id)),
            Some("Request Id as tracked internally by the service")
        );
        let case = model.type_id("self.case").expect("`self` alias resolves to microsoft.graph.security");
        assert_eq!(model.ty(case).namespace, "microsoft.graph.security");
    });
}
