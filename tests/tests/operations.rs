//! Operations as services expose them: `tests/csdl/imports.xml` (a small TripPin-like service) is
//! generated into a throwaway crate whose own tests check the URLs of function imports (parameters of
//! every literal kind), the bodies of action imports, results of every kind read through the field
//! codecs, and that Decimal type definitions and enum members named `Err`, `Ok`, `Self`... compile.
//! Then a few corpus files with operations are generated and must compile without warnings.

use std::ffi::OsStr;

use odata_tests::{GeneratedCrate, run_cli, shared_file, workspace_root};

/// The `lib.rs` of the crate generated from `tests/csdl/imports.xml` (the models in `src/models/`).
const IMPORTS_LIB: &str = r#####"//! Models of `tests/csdl/imports.xml`, and tests of their operations.
pub mod models;

#[cfg(test)]
mod tests {
    use std::error::Error;

    use crate::models::ops::*;
    use odata_runtime::operation::{Action, Function, Returns};
    use odata_runtime::rust_decimal::Decimal;
    use odata_runtime::{EntitySet, FlagSet};

    type Result = std::result::Result<(), Box<dyn Error>>;

    fn decimal(text: &str) -> std::result::Result<Decimal, Box<dyn Error>> {
        Ok(text.parse()?)
    }

    #[test]
    fn function_imports_render_at_the_service_root_with_every_literal_kind() -> Result {
        let call = Everything {
            text: "it's".into(),
            count: -7,
            big: i64::MAX,
            ratio: f64::INFINITY,
            amount: decimal("1234.5678")?,
            flag: true,
            day: "2024-05-01".parse()?,
            at: odata_runtime::chrono::DateTime::parse_from_rfc3339("2024-05-01T13:45:00+02:00")?,
            time: "13:45:30.5".parse()?,
            wait: "PT1H30M".parse()?,
            id: "72f988bf-86f1-41af-91ab-2d7cd011db47".parse()?,
            blob: vec![0xfb, 0xff],
            feature: Feature::Err,
            fee: decimal("0.10")?,
            missing: None,
        };
        let url = "Everything(text='it''s',count=-7,big=9223372036854775807,ratio=INF,amount=1234.5678,flag=true,\
                   day=2024-05-01,at=2024-05-01T13:45:00%2B02:00,time=13:45:30.500,wait=duration'PT1H30M',\
                   id=72f988bf-86f1-41af-91ab-2d7cd011db47,blob=binary'-_8',feature=Trip.Ops.Feature'Err',fee=0.10,\
                   missing=null)";
        assert_eq!(Service::EVERYTHING.call(&call), url);
        assert_eq!(call.segment(), url, "an unbound function's segment is its import's");
        assert_eq!((Everything::NAME, Everything::IMPORT), ("Trip.Ops.Everything", Some("Everything")));
        assert_eq!(Service::EVERYTHING.name(), "Everything");
        let nearest = GetNearestAirport { lat: 1.5, lon: -122.25 };
        assert_eq!(Service::GET_NEAREST_AIRPORT.call(&nearest), "GetNearestAirport(lat=1.5,lon=-122.25)");
        assert_eq!(Service::GET_NEAREST_AIRPORT.entity_set(), Some("Airports"));
        assert_eq!(Service::BIG_NUMBER.call(&BigNumber {}), "BigNumber()");
        // The two overloads of one import share its name.
        assert_eq!(Service::SEARCH_WITH_TEXT.call(&SearchWithText { text: "a b".into() }), "Search(text='a%20b')");
        let limited = SearchWithTextAndLimit { text: "x".into(), limit: 3 };
        assert_eq!(Service::SEARCH_WITH_TEXT_AND_LIMIT.call(&limited), "Search(text='x',limit=3)");
        Ok(())
    }

    #[test]
    fn bound_functions_keep_their_qualified_name() -> Result {
        assert_eq!((Fees::BINDING, Fees::IMPORT), (Some("Trip.Ops.Airport"), None));
        let fees = Fees { amounts: Some(vec![decimal("1.5")?, decimal("12345678901234567890.5")?]) };
        assert_eq!(fees.segment(), "Trip.Ops.Fees(amounts=%5B1.5,%2212345678901234567890.5%22%5D)");
        let none = Fees { amounts: None };
        assert_eq!(none.segment(), "Trip.Ops.Fees(amounts=null)");
        Ok(())
    }

    #[test]
    fn action_imports_post_their_parameters_as_json() -> Result {
        assert_eq!(Service::RESET_DATA_SOURCE.path(), "ResetDataSource");
        assert_eq!(ResetDataSource {}.segment(), "ResetDataSource");
        assert_eq!(Service::RESET_DATA_SOURCE.body(&ResetDataSource {})?, "{}");
        ResetDataSource::read_result("")?;
        let book = Book {
            airport: "KSEA".into(),
            seats: 2,
            big: i64::MAX,
            ratio: f64::NEG_INFINITY,
            amount: decimal("12.5")?,
            fee: Some(decimal("12345678901234567890.5")?),
            blob: vec![0xfb, 0xff],
            day: "2024-05-01".parse()?,
            wait: "PT1H".parse()?,
            feature: Feature::SelfMember,
            rights: [Access::Err, Access::None].into_iter().collect::<FlagSet<Access>>(),
            location: Location { lat: Some(1.5), lon: Some(f64::NAN), ..Default::default() },
            amounts: vec![decimal("0.25")?, decimal("3")?],
            note: None,
        };
        assert_eq!((Service::BOOK_SEATS.name(), book.segment(), Book::NAME), ("BookSeats", "BookSeats", "Trip.Ops.Book"));
        assert_eq!(
            Service::BOOK_SEATS.body(&book)?,
            r#"{"airport":"KSEA","seats":2,"big":9223372036854775807,"ratio":"-INF","amount":12.5,"#.to_owned()
                + r#""fee":"12345678901234567890.5","blob":"-_8","day":"2024-05-01","wait":"PT1H","feature":"Self","#
                + r#""rights":"Err,None","location":{"Lat":1.5,"Lon":"NaN"},"amounts":[0.25,3.0]}"#
        );
        assert_eq!(Book::RETURNS, Returns::Primitive);
        assert_eq!(Book::read_result(r#"{"@odata.context": "$metadata#Edm.Decimal", "value": "99.95"}"#)?, decimal("99.95")?);
        Ok(())
    }

    #[test]
    fn results_read_through_the_field_codecs() -> Result {
        assert_eq!(BigNumber::read_result(r#"{"value": "9223372036854775807"}"#)?, i64::MAX);
        assert_eq!(BigNumber::read_result(r#"{"value": -5}"#)?, -5);
        assert_eq!(Ratio::read_result(r#"{"value": "INF"}"#)?, f64::INFINITY);
        assert!(Ratio::read_result(r#"{"value": "NaN"}"#)?.is_nan());
        assert_eq!(Blob::read_result(r#"{"value": "-_8"}"#)?, [0xfb, 0xff]);
        assert_eq!(Blob::read_result(r#"{"value": "+/8="}"#)?, [0xfb, 0xff], "standard base64 too");
        assert_eq!(Amount::read_result(r#"{"value": "12345678901234567890.123"}"#)?, decimal("12345678901234567890.123")?);
        assert_eq!(Amount::read_result(r#"{"value": 1.5}"#)?, decimal("1.5")?);
        let amounts = Everything::read_result(r#"{"value": [1.5, "2.25", 3]}"#)?;
        assert_eq!(amounts, [decimal("1.5")?, decimal("2.25")?, decimal("3")?]);
        assert_eq!(Fee::read_result(r#"{"value": "0.10"}"#)?, Some(decimal("0.10")?));
        assert_eq!(Fee::read_result(r#"{"value": null}"#)?, None);
        assert_eq!(Fee::read_result("")?, None, "204 No Content");
        assert_eq!(Counts::read_result(r#"{"value": ["1", 2]}"#)?, [1, 2]);
        let features = Features::read_result(r#"{"value": ["Err", "ok", "Self", "Default", "brandNew"]}"#)?;
        let expected = [Feature::Err, Feature::Ok, Feature::SelfMember, Feature::Default, Feature::Unknown("brandNew".into())];
        assert_eq!(features, expected);
        let rights = Rights::read_result(r#"{"value": "None,Err"}"#)?.unwrap_or_default();
        assert!(rights.contains(Access::Err) && rights.contains(Access::None) && !rights.contains(Access::SelfMember));
        let when = When::read_result(r#"{"value": "2024-05-01T13:45:00Z"}"#)?;
        assert_eq!(when.map(|w| w.to_rfc3339()).as_deref(), Some("2024-05-01T13:45:00+00:00"));
        assert_eq!(Span::read_result(r#"{"value": "PT1H"}"#)?.map(|s| s.to_string()).as_deref(), Some("PT1H"));
        let place = Place::read_result(r#"{"@odata.context": "x", "Lat": "-INF", "Lon": 2, "Fee": "0.5"}"#)?;
        let place = place.ok_or("no place")?;
        assert_eq!((place.lat, place.lon, place.fee), (Some(f64::NEG_INFINITY), Some(2.0), Some(decimal("0.5")?)));
        let airports = Airports::read_result(r#"{"value": [{"IcaoCode": "KSEA", "Feature": "Err"}]}"#)?;
        assert_eq!(airports.first().and_then(|a| a.feature.clone()), Some(Feature::Err));
        let nearest = GetNearestAirport::read_result(r#"{"IcaoCode": "KSFO", "Location": {"Lat": 37.6}}"#)?;
        assert_eq!(nearest.and_then(|a| a.location).and_then(|l| l.lat), Some(37.6));
        assert!(BigNumber::read_result(r#"{"value": "twelve"}"#).is_err());
        assert!(BigNumber::read_result("").is_err(), "a required result cannot be empty");
        Ok(())
    }

    #[test]
    fn enum_members_named_like_rust_items_work() -> Result {
        assert_eq!("Err".parse::<Feature>()?, Feature::Err);
        assert_eq!(Feature::Ok.to_string(), "Ok");
        assert_eq!(serde_json::to_string(&Feature::SelfMember)?, r#""Self""#);
        assert_eq!(serde_json::from_str::<Feature>(r#""None""#)?, Feature::None);
        assert_eq!(Feature::UnknownMember.to_string(), "Unknown");
        Ok(())
    }

    #[test]
    fn decimal_type_definitions_key_entities() -> Result {
        let fares: EntitySet<Fare> = Service::FARES;
        assert_eq!(fares.entity(&decimal("12.50")?), "Fares(12.50)");
        let fare: Fare = serde_json::from_str(r#"{"Amount": "12.50", "Currency": "EUR"}"#)?;
        assert_eq!(odata_runtime::EntityType::key(&fare), Some(decimal("12.50")?));
        Ok(())
    }
}
"#####;

fn generate(krate: &GeneratedCrate, files: &[std::path::PathBuf], includes: &[&str]) {
    let out = krate.src("models");
    let mut args: Vec<&OsStr> = vec![OsStr::new("generate")];
    args.extend(files.iter().map(|f| f.as_os_str()));
    for include in includes {
        args.extend([OsStr::new("--include"), OsStr::new(include)]);
    }
    args.extend([OsStr::new("--out"), out.as_os_str(), OsStr::new("-q")]);
    let output = run_cli(&args);
    assert!(output.status.success(), "generate failed:\n{}", String::from_utf8_lossy(&output.stderr));
}

/// `cargo clippy --all-targets` that must succeed without a warning, then `cargo test`.
fn clippy_and_test(krate: &GeneratedCrate) {
    let (ok, stderr) = krate.cargo("clippy");
    assert!(ok && !stderr.contains("warning"), "clippy on {}:\n{stderr}", krate.dir.display());
    // Run here rather than with `krate.cargo`, to show the failed tests' output (on stdout).
    let output = std::process::Command::new(env!("CARGO"))
        .args(["test", "--quiet"])
        .current_dir(&krate.dir)
        .env("CARGO_TARGET_DIR", workspace_root().join("target/generated-crates/target"))
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the tests of {} failed:\n{stdout}\n{stderr}", krate.dir.display());
}

#[test]
fn imports_parameters_and_results_of_every_kind() {
    let krate = GeneratedCrate::new("operations-imports", IMPORTS_LIB, &[]);
    generate(&krate, &[workspace_root().join("tests/csdl/imports.xml")], &["Trip.Ops", "Trip.Ops.Service"]);
    clippy_and_test(&krate);
}

#[test]
fn imports_alone_select_their_operations() {
    // A container root (and `Container/ImportName`) brings the imported operations and their types.
    let lib = "pub mod models;\n\n#[test]\nfn reset() {\n    assert_eq!(models::ops::Service::RESET_DATA_SOURCE.path(), \
               \"ResetDataSource\");\n    let _ = models::ops::Service::GET_NEAREST_AIRPORT;\n}\n";
    let krate = GeneratedCrate::new("operations-import-roots", lib, &[]);
    generate(
        &krate,
        &[workspace_root().join("tests/csdl/imports.xml")],
        &["Service/ResetDataSource", "Service/GetNearestAirport"],
    );
    let models = std::fs::read_to_string(krate.src("models/ops.rs")).unwrap_or_default();
    assert!(models.contains("pub struct Airport"), "the result type of GetNearestAirport is generated");
    assert!(!models.contains("pub struct Everything"), "imports not named are not generated");
    clippy_and_test(&krate);
}

/// Corpus services with operations (imports, Decimal and Int64 results and parameters, type
/// definitions) generate, with every namespace included, into crates that compile without warnings.
#[test]
fn corpus_services_with_operations_compile() {
    let corpus: &[(&str, &[&str])] = &[
        ("odatanet-operations-service.xml", &["Microsoft.OData.E2E.TestCommon.Common.Server.Operations"]),
        ("sap-cloudsdk-java-actions-typedefs.edmx", &[]),
        ("sap-cloudsdk-js-e2e-test-service.edmx", &[]),
        ("refinitiv-datascope-search.xml", &[]),
    ];
    for (file, namespaces) in corpus {
        let Some(path) = shared_file(&format!("csdl-corpus/{file}")) else { continue };
        let namespaces: Vec<String> = if namespaces.is_empty() {
            schema_namespaces(&path)
        } else {
            namespaces.iter().map(|n| (*n).to_owned()).collect()
        };
        let name = format!("operations-{}", file.split('.').next().unwrap_or(file));
        let krate = GeneratedCrate::new(&name, "pub mod models;\n", &[]);
        let includes: Vec<&str> = namespaces.iter().map(String::as_str).collect();
        generate(&krate, &[path], &includes);
        let (ok, stderr) = krate.cargo("clippy");
        assert!(ok && !stderr.contains("warning"), "clippy on the models of {file}:\n{stderr}");
    }
}

/// The namespaces of the schemas of `path`, as `odata-codegen list --json` reports them.
fn schema_namespaces(path: &std::path::Path) -> Vec<String> {
    let output = run_cli(&[OsStr::new("list"), path.as_os_str(), OsStr::new("--json")]);
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    let schemas = summary["schemas"].as_array().cloned().unwrap_or_default();
    schemas.iter().filter_map(|s| s["namespace"].as_str().map(str::to_owned)).collect()
}
