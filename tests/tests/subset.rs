//! The checked-in `metadata/` files are exact cuts of `../shared/graph-metadata`, and they read back
//! without any error that their source does not already have.

use std::collections::BTreeSet;

use odata_codegen::Sources;
use odata_codegen::select::SelectionOptions;
use odata_codegen::subset::{cut, is_absent_type};
use odata_tests::{load, shared_file, summarize_file, workspace_root};

/// One file of `metadata/` and how it is cut (the same command is in `metadata/README.md`).
struct Cut {
    file: &'static str,
    source: &'static str,
    roots: &'static [&'static str],
}

const CUTS: [Cut; 2] = [
    Cut {
        file: "graph-v1.0-identity-api-connector.xml",
        source: "graph-metadata/v1.0-clean.xml",
        roots: &["microsoft.graph.identityApiConnector", "GraphService/identity"],
    },
    Cut {
        file: "graph-beta-seed.xml",
        source: "graph-metadata/beta-excerpt.xml",
        roots: &[
            "microsoft.graph.identityApiConnector",
            "microsoft.graph.connector",
            "microsoft.graph.industryData",
            "GraphService/identity",
            "GraphService/external",
        ],
    },
];

fn checked_in(cut: &Cut) -> String {
    let path = workspace_root().join("metadata").join(cut.file);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// The messages of the errors found in `sources`.
/// The errors and absent-type warnings of `sources`.
fn error_messages(sources: &Sources) -> BTreeSet<String> {
    let (_, diagnostics) = odata_codegen::summary::summarize(sources);
    diagnostics.iter().filter(|d| d.is_error() || is_absent_type(d)).map(|d| d.message.clone()).collect()
}

#[test]
fn metadata_files_are_exact_cuts_of_the_shared_files() {
    for cut_spec in &CUTS {
        let Some(source) = shared_file(cut_spec.source) else { continue };
        let sources = load(&[source]);
        let subset = match cut(&sources, cut_spec.roots, &SelectionOptions::default()) {
            Ok(subset) => subset,
            Err(diagnostics) => panic!("cutting {} failed:\n{}", cut_spec.file, sources.render_all(&diagnostics)),
        };
        let expected = checked_in(cut_spec);
        if subset.xml != expected {
            let line = subset.xml.lines().zip(expected.lines()).position(|(a, b)| a != b);
            let line = line.map_or_else(|| "at the end".to_owned(), |n| format!("at line {}", n + 1));
            panic!(
                "metadata/{} differs from a fresh cut ({line}, {} vs {} bytes): re-run the command in metadata/README.md",
                cut_spec.file,
                subset.xml.len(),
                expected.len()
            );
        }
    }
}

#[test]
fn metadata_files_reread_without_new_errors() {
    let v1 = &CUTS[0];
    let summary = summarize_file(&workspace_root().join("metadata").join(v1.file));
    assert_eq!(summary.errors, 0, "{:#?}", summary.diagnostics);
    assert_eq!((summary.totals.entity_types, summary.totals.complex_types, summary.totals.actions), (3, 5, 1));

    let beta = &CUTS[1];
    let sources = load(&[workspace_root().join("metadata").join(beta.file)]);
    let (_, diagnostics) = odata_codegen::summary::summarize(&sources);
    assert!(
        diagnostics.iter().filter(|d| d.is_error()).all(is_absent_type),
        "only absent types may be errors:\n{}",
        sources.render_all(&diagnostics)
    );
    if let Some(source) = shared_file(beta.source) {
        let source_errors = error_messages(&load(&[source]));
        assert!(!source_errors.is_empty(), "the beta excerpt references absent types");
        let subset_errors = error_messages(&sources);
        let new: Vec<&String> = subset_errors.difference(&source_errors).collect();
        assert!(new.is_empty(), "errors the source does not have: {new:?}");
    }
    let summary = summarize_file(&workspace_root().join("metadata").join(beta.file));
    let industry = summary.schemas.iter().find(|s| s.namespace == "microsoft.graph.industryData");
    let counts = industry.map(|s| (s.counts.entity_types, s.counts.complex_types, s.counts.enum_types));
    assert_eq!(counts, Some((26, 32, 9)), "the whole industryData namespace");
}

/// Cuts `text` (as `dir/two.xml`) at `roots`.
fn cut_text(text: &str, roots: &[&str]) -> String {
    let mut sources = Sources::new();
    sources.add("dir/two.xml", text.as_bytes().to_vec());
    match cut(&sources, roots, &SelectionOptions::default()) {
        Ok(subset) => subset.xml,
        Err(diagnostics) => panic!("{diagnostics:?}"),
    }
}

const CONTAINERS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="a" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="thing"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
      <EntityContainer Name="Service" Extends="b.base">
        <EntitySet Name="things" EntityType="a.thing"/>
      </EntityContainer>
    </Schema>
    <Schema Namespace="b" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="other"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
      <EntityContainer Name="base">
        <EntitySet Name="others" EntityType="b.other"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

#[test]
fn leading_byte_order_marks_cost_no_byte_of_the_copies() {
    let plain = cut_text(CONTAINERS, &["a.thing", "b.other"]);
    for marks in ["\u{feff}", "\u{feff}\u{feff}", "\u{feff}\u{feff}\u{feff}"] {
        assert_eq!(
            cut_text(&format!("{marks}{CONTAINERS}"), &["a.thing", "b.other"]),
            plain,
            "{} BOMs",
            marks.len() / 3
        );
    }
    assert!(plain.contains("      <EntityContainer Name=\"base\">\n        <EntitySet Name=\"others\" EntityType=\"b.other\"/>\n      </EntityContainer>\n"), "{plain}");
}

#[test]
fn extends_is_left_out_when_its_container_is_not_written() {
    let subset = cut_text(CONTAINERS, &["a.thing"]);
    assert!(subset.contains("<EntityContainer Name=\"Service\">\n        <EntitySet Name=\"things\""), "{subset}");
    assert!(!subset.contains("Extends") && !subset.contains("Name=\"base\""), "{subset}");
    let mut sources = Sources::new();
    sources.add("subset.xml", subset.into_bytes());
    let (_, diagnostics) = odata_codegen::summary::summarize(&sources);
    assert!(diagnostics.is_empty(), "{}", sources.render_all(&diagnostics));

    // Kept when the container it names is written; on a line of its own, with its line.
    let both = cut_text(CONTAINERS, &["a.thing", "b.other"]);
    assert!(both.contains("<EntityContainer Name=\"Service\" Extends=\"b.base\">"), "{both}");
    let multi_line = CONTAINERS.replace(" Extends=\"b.base\">", "\n          Extends = 'b.base'\n        >");
    let subset = cut_text(&multi_line, &["a.thing"]);
    assert!(subset.contains("<EntityContainer Name=\"Service\"\n        >\n"), "{subset}");
}
