//! `tests/csdl/all-elements.xml` uses every element and attribute of CSDL XML 4.0/4.01; the reader
//! must know all of them (no "unknown" warning), keep their values, and the model must apply every
//! external annotation to the right target.

use std::path::PathBuf;

use odata_codegen::csdl::{self, Document, ExprKind};
use odata_codegen::model::{Model, Target, TypeTarget};
use odata_tests::load;

fn coverage_file() -> PathBuf {
    odata_tests::workspace_root().join("tests/csdl/all-elements.xml")
}

fn with_document(check: impl FnOnce(&Document<'_>, &Model<'_>)) {
    let sources = load(&[coverage_file()]);
    let parsed = csdl::parse_all(&sources);
    let rendered = sources.render_all(&parsed.diagnostics);
    assert!(parsed.diagnostics.is_empty(), "the reader must know every element and attribute:\n{rendered}");
    let (model, diagnostics) = Model::build(&parsed.documents);
    assert!(diagnostics.is_empty(), "{}", sources.render_all(&diagnostics));
    check(&parsed.documents[0], &model);
}

#[test]
fn edmx_frame_references_and_includes() {
    with_document(|document, _| {
        assert_eq!(document.version.as_ref().map(|v| v.as_str()), Some("4.01"));
        let reference = &document.references[0];
        assert!(reference.uri.as_ref().is_some_and(|u| u.as_str().ends_with("Org.OData.Core.V1.xml")));
        let include = &reference.includes[0];
        assert_eq!(include.namespace.as_ref().map(|n| n.as_str()), Some("Org.OData.Core.V1"));
        assert_eq!(include.alias.as_ref().map(|n| n.as_str()), Some("Core"));
        assert_eq!(include.annotations.len(), 1);
        let included = &reference.include_annotations[0];
        assert_eq!(included.term_namespace.as_ref().map(|t| t.as_str()), Some("Org.OData.Core.V1"));
        assert_eq!(included.qualifier.as_ref().map(|t| t.as_str()), Some("Tablet"));
        assert_eq!(included.target_namespace.as_ref().map(|t| t.as_str()), Some("cov.other"));
        assert_eq!(reference.annotations.len(), 1);
        assert_eq!(document.schemas.len(), 3);
        assert_eq!(document.schemas[0].alias.as_ref().map(|a| a.as_str()), Some("c"));
        assert_eq!(document.schemas[0].annotations.len(), 1);
    });
}

#[test]
fn types_keep_every_attribute_and_facet() {
    with_document(|document, _| {
        let schema = &document.schemas[0];
        let money = &schema.type_definitions[0];
        assert_eq!(money.underlying_type.as_ref().map(|t| t.as_str()), Some("Edm.Decimal"));
        assert_eq!(money.facets.precision.as_ref().map(|p| p.value), Some(18));
        assert_eq!(money.facets.scale.as_ref().map(|s| s.as_str()), Some("variable"));
        assert_eq!(money.facets.srid.as_ref().map(|s| s.as_str()), Some("variable"));
        assert_eq!(money.facets.max_length.as_ref().map(|s| s.as_str()), Some("max"));
        assert_eq!(money.facets.unicode.as_ref().map(|u| u.value), Some(false));

        let level = &schema.enum_types[0];
        assert_eq!(level.underlying_type.as_ref().map(|t| t.as_str()), Some("Edm.Byte"));
        assert_eq!(level.is_flags.as_ref().map(|f| f.value), Some(true));
        let values: Vec<_> =
            level.members.iter().map(|m| (m.name.as_str(), m.value.as_ref().map(|v| v.value))).collect();
        assert_eq!(values, [("low", Some(1)), ("high", Some(2))]);
        assert_eq!(level.members[0].annotations.len(), 1);
        assert!(schema.enum_types[1].members.is_empty(), "an enum without members is fine");

        let address = &schema.complex_types[0];
        assert_eq!(address.open_type.as_ref().map(|b| b.value), Some(true));
        assert_eq!(address.is_abstract.as_ref().map(|b| b.value), Some(true));
        let street = &address.properties[0].facets;
        assert_eq!(street.nullable.as_ref().map(|b| b.value), Some(false));
        assert_eq!(street.max_length.as_ref().map(|m| m.as_str()), Some("200"));
        assert_eq!(street.unicode.as_ref().map(|b| b.value), Some(true));
        assert_eq!(street.default_value.as_ref().map(|d| d.as_str()), Some("none"));
        assert_eq!(address.properties[1].facets.srid.as_ref().map(|s| s.as_str()), Some("4326"));
        assert_eq!(address.properties[2].facets.scale.as_ref().map(|s| s.as_str()), Some("2"));
        assert_eq!(address.navigation_properties[0].nullable.as_ref().map(|b| b.value), Some(true));

        let person = &schema.entity_types[0];
        assert_eq!(person.has_stream.as_ref().map(|b| b.value), Some(true));
        let key = person.key.as_ref().expect("key");
        let refs: Vec<_> =
            key.property_refs.iter().map(|r| (r.name.as_str(), r.alias.as_ref().map(|a| a.as_str()))).collect();
        assert_eq!(refs, [("id", None), ("home/street", Some("street"))]);
        let friends = &person.navigation_properties[0];
        assert_eq!(friends.partner.as_ref().map(|p| p.as_str()), Some("friends"));
        assert_eq!(friends.contains_target.as_ref().map(|b| b.value), Some(false));
        let manager = &person.navigation_properties[1];
        let constraint = &manager.referential_constraints[0];
        assert_eq!(constraint.property.as_ref().map(|p| p.as_str()), Some("managerId"));
        assert_eq!(constraint.referenced_property.as_ref().map(|p| p.as_str()), Some("id"));
        assert_eq!(constraint.annotations.len(), 1);
        let on_delete = manager.on_delete.as_ref().expect("OnDelete");
        assert_eq!(on_delete.action.as_ref().map(|a| a.as_str()), Some("Cascade"));
        assert_eq!(on_delete.annotations.len(), 1);
        assert_eq!(schema.entity_types[1].base_type.as_ref().map(|b| b.as_str()), Some("c.person"));
    });
}

#[test]
fn operations_terms_and_container_members() {
    with_document(|document, _| {
        let schema = &document.schemas[0];
        let promote = &schema.actions[0];
        assert_eq!(promote.is_bound.as_ref().map(|b| b.value), Some(true));
        assert_eq!(promote.entity_set_path.as_ref().map(|p| p.as_str()), Some("p/manager"));
        assert_eq!(promote.parameters.len(), 2);
        assert_eq!(promote.parameters[0].annotations.len(), 1);
        let returns = promote.return_type.as_ref().expect("return type");
        assert_eq!(returns.facets.nullable.as_ref().map(|b| b.value), Some(true));
        assert_eq!(returns.annotations.len(), 1);
        let top = &schema.functions[0];
        assert_eq!(top.is_composable.as_ref().map(|b| b.value), Some(true));
        assert_eq!(top.is_bound.as_ref().map(|b| b.value), Some(false));

        let rating = &schema.terms[0];
        assert_eq!(rating.base_term.as_ref().map(|t| t.as_str()), Some("Core.Description"));
        assert_eq!(rating.applies_to.as_ref().map(|t| t.as_str()), Some("EntityType Property"));
        assert_eq!(rating.facets.default_value.as_ref().map(|t| t.as_str()), Some("3"));
        assert_eq!(rating.facets.precision.as_ref().map(|t| t.value), Some(3));

        let container = &schema.entity_containers[0];
        assert_eq!(container.extends.as_ref().map(|e| e.as_str()), Some("cov.base.base"));
        let people = &container.entity_sets[0];
        assert_eq!(people.include_in_service_document.as_ref().map(|b| b.value), Some(true));
        let bindings: Vec<_> = people
            .navigation_property_bindings
            .iter()
            .map(|b| (b.path.as_ref().map(|p| p.as_str()), b.target.as_ref().map(|t| t.as_str())))
            .collect();
        assert_eq!(bindings, [(Some("friends"), Some("people")), (Some("manager"), Some("cov.service/people"))]);
        let boss = &container.singletons[0];
        assert_eq!(boss.nullable.as_ref().map(|b| b.value), Some(true));
        assert_eq!(boss.navigation_property_bindings.len(), 1);
        let action_import = &container.action_imports[0];
        assert_eq!(action_import.action.as_ref().map(|a| a.as_str()), Some("c.promoteAll"));
        assert_eq!(action_import.entity_set.as_ref().map(|a| a.as_str()), Some("people"));
        let function_import = &container.function_imports[0];
        assert_eq!(function_import.include_in_service_document.as_ref().map(|b| b.value), Some(true));
        assert_eq!(container.annotations.len(), 1);
    });
}

fn kind_name(kind: &ExprKind<'_>) -> String {
    let debug = format!("{kind:?}");
    debug.split(['(', ' ', '{']).next().unwrap_or_default().to_owned()
}

#[test]
fn every_expression_kind_in_attribute_and_element_form() {
    with_document(|document, _| {
        let holder = &document.schemas[2].complex_types[0];
        let attribute_forms: Vec<(String, String)> = holder
            .annotations
            .iter()
            .filter_map(|a| Some((a.qualifier.as_ref()?.as_str().to_owned(), kind_name(&a.value.as_ref()?.kind))))
            .filter(|(qualifier, _)| qualifier != "elements")
            .collect();
        let expected_attribute_forms = [
            ("binary", "Binary"),
            ("bool", "Bool"),
            ("date", "Date"),
            ("dto", "DateTimeOffset"),
            ("decimal", "Decimal"),
            ("duration", "Duration"),
            ("enum", "EnumMember"),
            ("float", "Float"),
            ("guid", "Guid"),
            ("int", "Int"),
            ("string", "String"),
            ("time", "TimeOfDay"),
            ("apath", "AnnotationPath"),
            ("mpath", "ModelElementPath"),
            ("npath", "NavigationPropertyPath"),
            ("ppath", "PropertyPath"),
            ("path", "Path"),
            ("urlref", "UrlRef"),
        ];
        let expected: Vec<(String, String)> =
            expected_attribute_forms.iter().map(|(q, k)| (q.to_string(), k.to_string())).collect();
        assert_eq!(attribute_forms, expected);

        let elements =
            holder.annotations.iter().find(|a| a.qualifier.as_ref().is_some_and(|q| q.as_str() == "elements"));
        let Some(ExprKind::Collection(items)) = elements.and_then(|a| a.value.as_ref()).map(|v| &v.kind) else {
            panic!("a collection value")
        };
        let kinds: Vec<String> = items
            .iter()
            .map(|item| match &item.kind {
                ExprKind::Operator { operator, .. } => (*operator).to_owned(),
                other => kind_name(other),
            })
            .collect();
        let expected_elements = [
            "Binary",
            "Bool",
            "Date",
            "DateTimeOffset",
            "Decimal",
            "Duration",
            "EnumMember",
            "Float",
            "Guid",
            "Int",
            "String",
            "TimeOfDay",
            "AnnotationPath",
            "ModelElementPath",
            "NavigationPropertyPath",
            "PropertyPath",
            "Path",
            "Apply",
            "Cast",
            "IsOf",
            "If",
            "And",
            "Or",
            "Not",
            "Eq",
            "Ne",
            "Gt",
            "Ge",
            "Lt",
            "Le",
            "Has",
            "In",
            "Add",
            "Sub",
            "Neg",
            "Mul",
            "Div",
            "DivBy",
            "Mod",
            "LabeledElement",
            "LabeledElement",
            "LabeledElementReference",
            "Null",
            "Record",
            "UrlRef",
        ];
        assert_eq!(kinds, expected_elements);
        assert!(matches!(items[9].kind, ExprKind::Int(-7)));
        let ExprKind::Apply { function, arguments } = &items[17].kind else { panic!("apply") };
        assert_eq!(function.as_ref().map(|f| f.as_str()), Some("odata.concat"));
        assert_eq!((arguments.len(), items[17].annotations.len()), (2, 1));
        let ExprKind::Record { type_name, properties } = &items[43].kind else { panic!("record") };
        assert_eq!(type_name.as_ref().map(|t| t.as_str()), Some("cov.exprs.holder"));
        assert_eq!(properties.len(), 2);
        assert!(matches!(properties[1].value.as_ref().map(|v| &v.kind), Some(ExprKind::Int(1))));
        assert_eq!(properties[1].annotations.len(), 1);
    });
}

#[test]
fn external_annotations_reach_every_kind_of_target() {
    with_document(|_, model| {
        let person = model.type_id("c.person").expect("person");
        let phone: Vec<_> =
            model.annotations_of(Target::Type(person)).map(|a| (a.term_name, a.qualifier, a.external)).collect();
        assert_eq!(phone, [("rating", Some("Tablet"), true), ("Description", Some("Phone"), true)]);
        let text = model.annotations_of(Target::Type(person)).find_map(|a| match &a.value?.kind {
            ExprKind::String(text) => Some(text.as_str().to_owned()),
            _ => None,
        });
        assert_eq!(text.as_deref(), Some("element & text"), "element text is unescaped");
        let id = model.property_index(person, "id").expect("id");
        let computed = model.annotation(Target::Property(person, id), "Org.OData.Core.V1", "Computed");
        assert!(computed.is_some_and(|a| a.value.is_none()), "Core alias resolved, no value means default");

        let promote = model.operations_named("c.promote")[0];
        assert_eq!(model.description(Target::Parameter(promote, 1)), Some("bound action parameter by overload"));
        assert_eq!(model.description(Target::Parameter(promote, 0)), Some("parameter"));
        assert_eq!(model.description(Target::ReturnType(promote)), Some("return"));
        assert_eq!(model.description(Target::Operation(promote)), Some("action"));
        let top = model.operations_named("cov.top")[0];
        assert_eq!(model.description(Target::ReturnType(top)), Some("function return type"));

        let level = model.type_id("cov.level").expect("level");
        assert_eq!(model.description(Target::Member(level, 0)), Some("member"));
        assert_eq!(model.description(Target::Member(level, 1)), Some("member from outside"));
        let container = odata_codegen::model::ContainerId(0);
        assert_eq!(model.description(Target::EntitySet(container, 0)), Some("entity set"));
        assert_eq!(model.long_description(Target::EntitySet(container, 0)), Some("set from outside"));
        let set_annotations: Vec<_> =
            model.annotations_of(Target::EntitySet(container, 0)).map(|a| a.external).collect();
        assert_eq!(set_annotations, [false, true], "inline first, then external");
        assert_eq!(model.description(Target::Singleton(container, 0)), Some("singleton"));
        assert_eq!(model.description(Target::ActionImport(container, 0)), Some("action import"));
        assert_eq!(model.description(Target::FunctionImport(container, 0)), Some("function import"));
        assert_eq!(model.description(Target::Container(container)), Some("container"));
        let rating = Target::Term(odata_codegen::model::TermId(0));
        assert_eq!(model.description(rating), Some("term"));
        assert_eq!(model.long_description(rating), Some("term from outside"));

        let employee = model.type_id("cov.employee").expect("employee");
        assert_eq!(model.derived_types(person), [employee]);
        let money = model.type_id("c.money").expect("money");
        let address = model.type_id("cov.address").expect("address");
        let amount = &model.ty(address).as_structured().expect("complex").properties[2];
        assert_eq!(amount.ty.target, TypeTarget::Primitive(odata_codegen::model::Primitive::Decimal));
        assert!(model.ty(money).qualified_name() == "cov.money");
    });
}

/// Elements and attributes CSDL does not define are reported as warnings and skipped; the rest of the
/// document is still read.
#[test]
fn unknown_elements_and_attributes_are_warnings() {
    let xml = "\u{feff}<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">
  <edmx:DataServices>
    <Schema Namespace=\"ext\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">
      <ComplexType Name=\"a\" Color=\"blue\">
        <Gadget><Property Name=\"hidden\" Type=\"Edm.String\" /></Gadget>
        <Property Name=\"x\" Type=\"Edm.Int32\" />
      </ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
";
    let mut sources = odata_codegen::Sources::new();
    sources.add("ext.xml", xml.as_bytes().to_vec());
    let (summary, _) = odata_codegen::summary::summarize(&sources);
    let found: Vec<_> =
        summary.diagnostics.iter().map(|d| (d.severity.as_str(), d.line, d.column, d.message.as_str())).collect();
    assert_eq!(
        found,
        [
            ("warning", Some(4), Some(29), "unknown attribute `Color` on `<ComplexType>` is ignored"),
            ("warning", Some(5), Some(9), "unknown element `<Gadget>` inside `<ComplexType>` is ignored"),
        ]
    );
    assert_eq!(summary.totals.complex_types, 1);
    let parsed = csdl::parse_all(&sources);
    let properties = &parsed.documents[0].schemas[0].complex_types[0].properties;
    assert_eq!(properties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["x"], "the unknown subtree is skipped");
}
