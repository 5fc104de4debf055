//! Geography and geometry values, streams and media entities in generated code, and keys that
//! cannot be written in a URL: `tests/csdl/geo-and-streams.xml`, `tests/csdl/bad-keys.xml` and the
//! corpus files with every geo type and stream properties are generated into one throwaway crate
//! (`target/generated-crates/geo-and-streams`), which must compile without warnings and pass the
//! round-trip tests of its `lib.rs` (below) and the table tests of its generated modules.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use odata_tests::{GeneratedCrate, run_cli, shared_file, workspace_root};

/// The corpus files (in `../shared/csdl-corpus/`), their modules in the crate and their namespaces.
const CORPUS: &[(&str, &str, &[&str])] = &[
    (
        "csdl-corpus/odatanet-e2e-endtoend-geo.xml",
        "corpus_geo",
        &["Microsoft.OData.E2E.TestCommon.Common.Server.EndToEnd", "Default"],
    ),
    (
        "csdl-corpus/odatanet-wasm-streams.xml",
        "corpus_streams",
        &["Microsoft.OData.Client.Wasm.Sample.Server.Models", "Default"],
    ),
];

/// What generating and testing the crate gave.
struct Built {
    /// The generator's output for `bad-keys.xml`.
    bad_keys_output: String,
    /// The generated module of `bad-keys.xml`.
    bad_keys_source: String,
    /// The generated sources of the corpus files that were found.
    corpus_sources: Vec<(String, String)>,
    /// Whether `cargo test` of the crate passed, and its output.
    tested: (bool, String),
}

fn csdl(name: &str) -> PathBuf {
    workspace_root().join("tests/csdl").join(name)
}

/// Generates `file` into `src/<module>` of the crate; returns the generator's output (diagnostics).
fn generate(krate: &GeneratedCrate, file: &Path, module: &str, includes: &[&str], excludes: &[&str]) -> String {
    let out = krate.src(module);
    let mut args: Vec<std::ffi::OsString> = vec!["generate".into(), file.into()];
    for include in includes {
        args.extend(["--include".into(), (*include).into()]);
    }
    for exclude in excludes {
        args.extend(["--exclude".into(), (*exclude).into()]);
    }
    args.extend(["--out".into(), out.into()]);
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let output = run_cli(&refs);
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "generating {} failed:\n{text}", file.display());
    text
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Generates every input into the crate once and runs `cargo test` in it.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let corpus: Vec<_> = CORPUS
            .iter()
            .filter_map(|(file, module, namespaces)| Some((shared_file(file)?, *module, *namespaces)))
            .collect();
        let mut lib = String::from(LIB_RS);
        for (_, module, _) in &corpus {
            lib.push_str(&format!("/// Generated from a corpus file.\npub mod {module};\n"));
        }
        let krate = GeneratedCrate::new("geo-and-streams", &lib, &[]);
        generate(&krate, &csdl("geo-and-streams.xml"), "own", &["demo.geo"], &[]);
        let bad_keys_output = generate(&krate, &csdl("bad-keys.xml"), "bad_keys", &["demo.keys"], &["demo.keys.Color"]);
        let mut corpus_sources = Vec::new();
        for (file, module, namespaces) in &corpus {
            generate(&krate, file, module, namespaces, &[]);
            let sources = std::fs::read_dir(krate.src(module)).into_iter().flatten().flatten();
            let text: String = sources.map(|entry| read(entry.path())).collect();
            corpus_sources.push(((*module).to_owned(), text));
        }
        Built {
            bad_keys_output,
            bad_keys_source: read(krate.src("bad_keys/keys.rs")),
            corpus_sources,
            tested: krate.cargo("test"),
        }
    })
}

/// The generated crate compiled without warnings and its tests passed.
fn assert_tested(built: &Built) {
    let (ok, output) = &built.tested;
    assert!(ok, "cargo test of the generated crate failed:\n{output}");
    assert!(!output.contains("warning"), "the generated crate has warnings:\n{output}");
}

#[test]
fn generated_geo_stream_and_media_types_round_trip() {
    assert_tested(built());
}

/// The warning about the key property `property` of `entity` in `bad-keys.xml`: at the line and
/// column of its `PropertyRef`, describing its type as `what`, and no key code for the entity.
fn assert_key_warning(property: &str, entity: &str, what: &str) {
    let built = built();
    let file = read(csdl("bad-keys.xml"));
    let marker = format!("<PropertyRef Name=\"{property}\"");
    let (line, column) = file
        .lines()
        .enumerate()
        .find_map(|(index, text)| text.find(&marker).map(|at| (index + 1, at + "<PropertyRef Name=\"".len() + 1)))
        .unwrap_or_else(|| panic!("no {marker} in bad-keys.xml"));
    let message = format!(
        "warning[key-property]: key property `{property}` of `demo.keys.{entity}` cannot be written in a URL (its type is {what}), \
         so `demo.keys.{entity}` gets no key struct and no key path helper"
    );
    let output = &built.bad_keys_output;
    let at = output.find(&message).unwrap_or_else(|| panic!("no warning `{message}` in:\n{output}"));
    let location = format!("bad-keys.xml:{line}:{column}");
    assert!(output[at..].lines().nth(1).is_some_and(|l| l.ends_with(&location)), "not at {location}:\n{output}");
    let source = &built.bad_keys_source;
    assert!(!source.contains(&format!("EntityType for {entity} ")), "{entity} has key code:\n{source}");
    assert!(!source.contains(&format!("{entity}Key")), "{entity} has a key struct:\n{source}");
    assert!(source.contains("::odata_runtime::EntityType for Good {"), "the good key keeps its code");
    assert_tested(built);
}

#[test]
fn key_of_a_collection_type_is_reported_and_skipped() {
    assert_key_warning("Tags", "ByCollection", "`Collection(Edm.String)`, a collection");
}

#[test]
fn key_of_a_complex_type_is_reported_and_skipped() {
    assert_key_warning("Pair", "ByComplex", "`demo.keys.Pair`, a structured type");
}

#[test]
fn key_of_a_stream_is_reported_and_skipped() {
    assert_key_warning("Content", "ByStream", "`Edm.Stream`");
}

#[test]
fn key_of_a_geography_type_is_reported_and_skipped() {
    assert_key_warning("Location", "ByLocation", "`Edm.GeographyPoint`");
}

#[test]
fn key_of_an_absent_type_is_reported_and_skipped() {
    assert_key_warning("Code", "ByAbsent", "`demo.keys.Missing`, which no document declares");
}

#[test]
fn key_of_an_excluded_type_is_reported_and_skipped() {
    assert_key_warning("Color", "ByExcluded", "`demo.keys.Color`, which is not generated");
}

#[test]
fn key_of_an_untyped_property_is_reported_and_skipped() {
    assert_key_warning("Anything", "ByUntyped", "`Edm.Untyped`");
}

#[test]
fn corpus_files_with_every_geo_type_and_streams_compile() {
    let built = built();
    for (module, source) in &built.corpus_sources {
        assert!(source.contains("::odata_runtime::StreamDescriptor"), "{module} has no stream field");
        if module == "corpus_geo" {
            for edm in ["Geography", "GeographyPoint", "GeometryMultiPolygon", "GeometryCollection"] {
                assert!(source.contains(&format!("::odata_runtime::geo::{edm}>")), "{module} does not use {edm}");
            }
        }
        assert!(source.contains("media: Option<::odata_runtime::StreamDescriptor> = \"\""), "{module}: no media field");
    }
    assert_tested(built);
}

/// The crate's `lib.rs`: the generated modules and tests of their values.
const LIB_RS: &str = r##"//! Generated code for geo values, streams, media entities and unusable keys, with tests.

/// Generated from `tests/csdl/geo-and-streams.xml`.
pub mod own;
/// Generated from `tests/csdl/bad-keys.xml`.
pub mod bad_keys;

#[cfg(test)]
mod tests {
    use crate::own::geo::{AnyPhoto, Nearest, PhotoUpdate, Service, Store};
    use odata_runtime::geo::{Crs, Geometry, GeographyPoint, Position};
    use odata_runtime::operation::Function;
    use serde_json::{Value, json};

    fn read<T: odata_runtime::serde::de::DeserializeOwned>(json: &Value) -> T {
        serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn a_store_with_every_kind_of_geo_property_and_a_stream_round_trips() {
        let json = json!({
            "@odata.context": "$metadata#Stores/$entity",
            "Id": 1,
            "Location": {"type": "Point", "coordinates": [-122.1, 47.6], "crs": {"type": "name", "properties": {"name": "EPSG:4326"}}},
            "Area": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
            "Route": {"type": "LineString", "coordinates": [[1, 2, 3], [4, 5, 6.5]], "crs": {"type": "name", "properties": {"name": "EPSG:0"}}},
            "Anything": {"type": "MultiPoint", "coordinates": [[1, 2], [3, 4]]},
            "Parts": {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}]},
            "Stops": [{"type": "Point", "coordinates": [1, 2]}, {"type": "Point", "coordinates": [3, 4, 5]}],
            "Entrance": {"type": "Point", "coordinates": [7, 8]},
            "Address": {"Street": "Main", "Location": {"type": "Point", "coordinates": [1.5, 2.5]}},
            "Logo@odata.mediaReadLink": "Stores(1)/Logo",
            "Logo@odata.mediaContentType": "image/svg+xml",
            "Logo@odata.mediaEtag": "\"7\"",
        });
        let store: Store = read(&json);
        let location = store.location.clone().unwrap_or_default();
        assert_eq!((location.coordinates.x(), location.coordinates.y()), (Some(-122.1), Some(47.6)));
        assert_eq!(location.crs.as_ref().and_then(Crs::srid), Some(4326));
        assert_eq!(store.route.as_ref().map(|r| r.coordinates[1].z()), Some(Some(6.5)));
        assert!(matches!(store.anything, Some(Geometry::MultiPoint(_))));
        assert_eq!(store.stops.as_ref().map(Vec::len), Some(2));
        let entrance: Option<&GeographyPoint> = store.entrance.as_ref();
        assert_eq!(entrance.map(|e| e.coordinates.clone()), Some(Position::new(7, 8)));
        let logo = store.logo.clone().unwrap_or_default();
        assert_eq!(logo.content_type.as_deref(), Some("image/svg+xml"));
        assert_eq!(logo.read_link.as_deref(), Some("Stores(1)/Logo"));
        assert_eq!(serde_json::to_value(&store).ok(), Some(json));
        assert_eq!(Service::STORES.entity(&1), "Stores(1)");
    }

    #[test]
    fn a_derived_media_entity_reads_its_media_annotations_and_writes_them_back() {
        let json = json!({
            "@odata.type": "#demo.geo.Video",
            "@odata.mediaReadLink": "Photos(2)/$value",
            "@odata.mediaEditLink": "Photos(2)/$value",
            "@odata.mediaContentType": "video/mp4",
            "@odata.mediaEtag": "W/\"2\"",
            "Id": 2,
            "Media": "a property named like the media field",
            "Thumbnail@odata.mediaReadLink": "Photos(2)/Thumbnail",
            "TakenAt": {"type": "Point", "coordinates": [1, 2, 3, 4]},
            "Length": "PT1M",
        });
        let photo: AnyPhoto = read(&json);
        let AnyPhoto::Video(video) = &photo else { panic!("{photo:?}") };
        let media = video.media_2.clone().unwrap_or_default();
        assert_eq!(media.read_link.as_deref(), Some("Photos(2)/$value"));
        assert_eq!(media.content_type.as_deref(), Some("video/mp4"));
        assert_eq!(media.etag.as_deref(), Some("W/\"2\""));
        assert_eq!(video.media.as_deref(), Some("a property named like the media field"));
        assert_eq!(video.thumbnail.as_ref().and_then(|t| t.read_link.as_deref()), Some("Photos(2)/Thumbnail"));
        assert_eq!(video.taken_at.as_ref().and_then(|t| t.coordinates.m()), Some(4.0));
        assert!(video.additional.get("@odata.mediaReadLink").is_none());
        assert_eq!(serde_json::to_value(&photo).ok(), Some(json));
    }

    #[test]
    fn write_models_carry_geo_values_and_no_streams() {
        let update = PhotoUpdate {
            taken_at: odata_runtime::Update::Value(GeographyPoint::new(Position::new(1, 2))),
            media: odata_runtime::Update::Null,
            ..Default::default()
        };
        let written = serde_json::to_value(&update).unwrap_or_default();
        assert_eq!(written, json!({"Media": null, "TakenAt": {"type": "Point", "coordinates": [1, 2]}}));
    }

    #[test]
    fn geo_function_parameters_are_written() {
        let call = Nearest { at: GeographyPoint::new(Position::new(1, 2)), spot: None };
        // Called through its import at the service root; the geo value is written as JSON (not yet as a
        // `geography'...'` literal).
        assert!(call.segment().starts_with("Nearest(at=%7B%22type%22:%22Point%22"), "{}", call.segment());
    }
}
"##;
