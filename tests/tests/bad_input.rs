//! The bad-input catalog: every file in `tests/bad-input/` is a small CSDL document with one thing
//! wrong, and [`EXPECTED`] says which diagnostic it must produce and where.
//!
//! The rule, applied to every file: reading it must not panic, it must produce at least one error (so
//! `odata-codegen list` exits with status 1), and among its diagnostics there must be one with the
//! expected severity, a message containing the expected fragment, at exactly the expected line and
//! column (1-based, columns counted in characters).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use odata_codegen::summary::{DiagnosticSummary, Summary};
use odata_tests::summarize_file;

/// One catalog entry: the file, where its diagnostic is, its code and what it says.
struct Expected {
    file: &'static str,
    line: usize,
    column: usize,
    severity: &'static str,
    code: &'static str,
    message: &'static str,
}

const fn error(file: &'static str, line: usize, column: usize, code: &'static str, message: &'static str) -> Expected {
    Expected { file, line, column, severity: "error", code, message }
}

/// A problem that costs only its element: a warning saying what was assumed or left out.
const fn warning(
    file: &'static str,
    line: usize,
    column: usize,
    code: &'static str,
    message: &'static str,
) -> Expected {
    Expected { file, line, column, severity: "warning", code, message }
}

#[rustfmt::skip]
const EXPECTED: &[Expected] = &[
    // Encoding and the XML layer.
    error("empty.xml",                         1,  1, "document-structure", "the file is empty"),
    error("whitespace-only.xml",               1,  1, "document-structure", "the file holds only white space"),
    error("latin1-byte.xml",                   6, 28, "encoding",           "not valid UTF-8 (byte 0xe9"),
    error("utf16-bom.xml",                     1,  1, "encoding",           "the file is UTF-16 encoded"),
    error("mismatched-end-tag.xml",            7,  7, "xml-syntax",         "closing tag `</EntityType>` does not match the open element `<ComplexType>`"),
    error("truncated.xml",                     7,  1, "xml-syntax",         "unexpected end of file: element `<ComplexType>` is not closed"),
    error("unquoted-attribute.xml",            5, 25, "xml-syntax",         "the value of `Name` must be enclosed in quotes"),
    error("duplicate-attribute.xml",           6, 45, "xml-syntax",         "duplicate attribute `Name` in `<Property>`"),
    error("doctype.xml",                       2,  1, "document-structure", "DOCTYPE declarations are not allowed"),
    error("entity-expansion.xml",              2,  1, "document-structure", "entities are never expanded"),
    error("unknown-entity-ref.xml",            6, 55, "xml-syntax",         "unknown entity `&foo;` in attribute `String`"),
    error("unknown-entity-in-text.xml",        7, 22, "xml-syntax",         "unknown entity `&eacute;` in `<String>`"),
    error("bare-ampersand.xml",                6, 57, "xml-syntax",         "write `&amp;` for `&`"),
    error("content-after-root.xml",            9,  1, "xml-syntax",         "content after the end of the `<edmx:Edmx>` root element"),
    error("nesting-too-deep.xml",              7, 1141, "document-structure", "nested more than 100 levels deep"),
    // The document frame.
    warning("schema-root.xml",                   2,  1, "document-structure", "a bare `<Schema>` document: read as if wrapped in `<edmx:Edmx Version=\"4.0\">` and `<edmx:DataServices>`"),
    error("edmx-v3.xml",                       2, 21, "unsupported-version","unsupported version: EDMX Version `1.0` is an OData V2/V3"),
    error("missing-version.xml",               2,  1, "missing-attribute",  "missing the required attribute `Version`"),
    error("missing-data-services.xml",         2,  1, "document-structure", "has no `<edmx:DataServices>` element"),
    // Attribute values.
    error("missing-required-attribute.xml",    6,  9, "missing-attribute",  "`<Property>` is missing the required attribute `Type`"),
    warning("bad-boolean.xml",                   6, 55, "invalid-value",      "attribute `Nullable` must be `true` or `false`, found `yes`"),
    warning("bad-max-length.xml",                6, 60, "invalid-value",      "`MaxLength` must be a positive integer or `max`, found `-5`"),
    error("enum-value-not-integer.xml",        7, 37, "invalid-value",      "enum member `Value` must be an integer, found `one`"),
    // Type names.
    warning("unknown-type.xml",                  6, 34, "unknown-type",       "unknown type `bad.coordinate`"),
    warning("unknown-primitive.xml",             6, 37, "unknown-type",       "unknown primitive type `Edm.Strin`"),
    error("collection-unclosed.xml",           6, 39, "invalid-name",       "is missing the closing `)` of `Collection(`"),
    error("collection-nested.xml",             6, 37, "invalid-name",       "collections of collections are not allowed"),
    error("name-too-long.xml",                 6, 25, "invalid-name",       "is 1101 characters long; names are limited to 1024 characters"),
    error("unqualified-type.xml",              7, 38, "invalid-name",       "`point` is not a qualified type name"),
    // Names, namespaces and aliases.
    warning("duplicate-property.xml",            7, 25, "duplicate-name",     "duplicate property `x`"),
    warning("duplicate-type-name.xml",           8, 23, "duplicate-name",     "the name `point` is declared twice in schema `bad`"),
    error("duplicate-namespace.xml",           7, 24, "duplicate-name",     "the schema namespace `bad` is declared twice"),
    error("alias-clash.xml",                   7, 40, "alias",              "the alias `b` is used for both `bad.one` and `bad.two`"),
    error("alias-equals-namespace.xml",        7, 38, "alias",              "the alias `bad` is also the name of a schema namespace"),
    error("reserved-alias.xml",                4, 36, "reserved-name",      "the alias `Edm` is reserved"),
    // Structured types, enums, operations, containers, annotations.
    warning("base-type-cycle.xml",               5, 39, "base-type",          "base type cycle: bad.a → bad.b → bad.a"),
    warning("base-type-self-cycle.xml",          5, 39, "base-type",          "base type cycle: bad.a → bad.a"),
    warning("base-type-wrong-kind.xml",          8, 43, "base-type",          "the base type of an `<EntityType>` must be another `<EntityType>`"),
    warning("key-missing-property.xml",          7, 30, "key-property",       "key property `userId` is not a property of `bad.user`"),
    error("navigation-to-complex.xml",        11, 47, "not-a-type",         "navigation property `home` must have an entity type"),
    warning("entity-set-keyless.xml",            9, 44, "missing-key",        "entity sets need a keyed entity type, and `bad.log` has no key"),
    error("enum-value-out-of-range.xml",       7, 36, "enum-value",         "enum value 256 does not fit the underlying type Edm.Byte"),
    warning("flags-member-without-value.xml",    7,  9, "enum-value",         "members of a flags enum must have a `Value`"),
    warning("function-without-return-type.xml",  5,  7, "operation-shape",    "a `<Function>` must have a `<ReturnType>`"),
    warning("annotation-two-values.xml",       7, 11, "invalid-expression", "`<Annotation>` must have exactly one value expression"),
    error("two-keys.xml",                      6,  9, "document-structure", "an entity type may have only one `<Key>`"),
    error("empty-key.xml",                     5,  9, "document-structure", "`<Key>` must contain at least one `<PropertyRef>`"),
    warning("key-on-derived.xml",                9,  9, "derived-key",        "`bad.b` re-declares the key of its base type `bad.a`"),
    warning("key-path-without-alias.xml",        6, 33, "key-property",       "key property path `home/zip` needs an `Alias`"),
    warning("property-entity-type.xml",          7, 38, "not-a-type",         "structural property `other` has an entity type (CSDL wants a `<NavigationProperty>`); it is read as the entity's structure, inline"),
    warning("inherited-property-redeclared.xml", 5, 62, "redeclared-property","property `x` is already declared on the base type `bad.a`"),
    warning("bad-on-delete.xml",                 8, 29, "invalid-value",      "`OnDelete` action must be `Cascade`, `None`, `SetNull` or `SetDefault`, found `Explode`"),
    warning("type-definition-nullable.xml",      4, 75, "ignored-content",    "`Nullable` is not allowed on `<TypeDefinition>`"),
    error("type-definition-not-primitive.xml", 5, 54, "not-a-type",         "the underlying type of a type definition must be a primitive type, found `bad.c`"),
    warning("enum-underlying-string.xml",        4, 46, "invalid-value",      "`UnderlyingType` of an enum must be Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64"),
    warning("enum-mixed-values.xml",             6,  9, "enum-value",         "either all members of an enum have a `Value` or none has"),
    error("two-return-types.xml",              6,  9, "operation-shape",    "an operation may have only one `<ReturnType>`"),
    error("bound-without-parameter.xml",       4,  7, "operation-shape",    "a bound operation must have at least one parameter"),
    warning("duplicate-overload.xml",            5, 23, "overload",           "overload of `bad.f` cannot be told from an earlier one"),
    warning("bad-int-expression.xml",          5, 63, "invalid-expression", "`Int` expression must be a 64-bit integer, found `forty-two`"),
    warning("bad-bool-expression.xml",         6, 17, "invalid-expression", "`Bool` expression must be `true` or `false`, found `yes`"),
    warning("if-wrong-arity.xml",              6, 11, "invalid-expression", "`<If>` needs a condition, a then value and an else value"),
    warning("operator-wrong-arity.xml",        6, 11, "invalid-expression", "`<Eq>` takes 2 operand(s), found 1"),
    warning("cast-without-operand.xml",        6, 11, "invalid-expression", "`<Cast>` must contain one expression"),
    error("markup-in-string.xml",              6, 19, "document-structure", "`<String>` must contain only text"),
    warning("term-not-qualified.xml",            5, 27, "invalid-name",       "annotation term `Description` is not a qualified name"),
    error("unknown-base-term.xml",             4, 54, "unknown-term",       "unknown base term `bad.missing`"),
    error("unknown-extends.xml",               4, 48, "container-reference","unknown entity container `bad.other`"),
    error("action-import-unknown.xml",         5, 42, "container-reference","`bad.run` does not name an unbound action"),
    warning("entity-set-complex-type.xml",       6, 45, "not-a-type",         "`bad.c` is not an entity type"),
    error("two-containers.xml",                5,  7, "duplicate-name",     "schema `bad` has more than one entity container"),
    error("invalid-namespace.xml",             3, 24, "invalid-name",       "`bad..ns` is not a valid namespace"),
    error("reserved-namespace.xml",            3, 24, "reserved-name",      "the namespace `Edm` is reserved"),
];

fn catalog_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bad-input")
}

/// Summarizes `path`, turning a panic into a test failure that names the file.
fn summarize_no_panic(path: &Path) -> Summary {
    catch_unwind(AssertUnwindSafe(|| summarize_file(path)))
        .unwrap_or_else(|_| panic!("{}: reading the file panicked", path.display()))
}

fn show(diagnostics: &[DiagnosticSummary]) -> String {
    let lines = diagnostics.iter().map(|d| {
        let at = match (d.line, d.column) {
            (Some(line), Some(column)) => format!("{line}:{column}"),
            _ => "-".to_owned(),
        };
        format!("  {}[{}] {at} {}", d.severity, d.code, d.message)
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// Checks one file against its catalog entry; returns what is wrong, if anything.
fn check(expected: &Expected) -> Result<(), String> {
    let path = catalog_dir().join(expected.file);
    if !path.is_file() {
        return Err(format!("{}: the catalog file is missing", expected.file));
    }
    let summary = summarize_no_panic(&path);
    let found = || format!("diagnostics found:\n{}", show(&summary.diagnostics));
    if let Some(panicky) = summary.diagnostics.iter().find(|d| d.message.to_lowercase().contains("panic")) {
        return Err(format!("{}: a diagnostic reports a panic: {}", expected.file, panicky.message));
    }
    if summary.errors == 0 && expected.severity == "error" {
        return Err(format!("{}: no error, so `list` would exit 0; {}", expected.file, found()));
    }
    if !odata_codegen::diag::codes::ALL.iter().any(|(code, _)| *code == expected.code) {
        return Err(format!("{}: `{}` is not a diagnostic code", expected.file, expected.code));
    }
    let matches = |d: &DiagnosticSummary| {
        d.severity == expected.severity
            && d.code == expected.code
            && d.message.contains(expected.message)
            && d.line == Some(expected.line)
            && d.column == Some(expected.column)
    };
    if !summary.diagnostics.iter().any(matches) {
        return Err(format!(
            "{}: expected {} at {}:{} containing {:?}; {}",
            expected.file,
            expected.severity,
            expected.line,
            expected.column,
            expected.message,
            found()
        ));
    }
    Ok(())
}

#[test]
fn every_catalog_file_gives_its_expected_diagnostic() {
    let failures: Vec<String> = EXPECTED.iter().filter_map(|e| check(e).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} catalog files failed:\n\n{}",
        failures.len(),
        EXPECTED.len(),
        failures.join("\n\n")
    );
}

/// A problem that costs only its element leaves the rest of the file to generate: every catalog file
/// whose diagnostic is a warning generates, and all their output compiles as one crate without warnings.
#[test]
fn every_file_with_only_a_warning_generates_and_compiles() {
    let files: Vec<&Expected> = EXPECTED.iter().filter(|e| e.severity == "warning").collect();
    assert!(files.len() >= 15, "{}", files.len());
    let module = |e: &Expected| e.file.trim_end_matches(".xml").replace('-', "_");
    let mut lib =
        String::from("//! The catalog files whose problems are warnings, generated.\n#![allow(missing_docs)]\n");
    for expected in &files {
        lib.push_str(&format!("pub mod {};\n", module(expected)));
    }
    let krate = odata_tests::GeneratedCrate::new("bad-input-warnings", &lib, &[]);
    let mut failures = Vec::new();
    for expected in &files {
        let path = catalog_dir().join(expected.file);
        if let Err(errors) =
            odata_tests::generate_everything(std::slice::from_ref(&path), &krate.src(&module(expected)))
        {
            failures.push(format!("{}: does not generate:\n{errors}", expected.file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    krate.check_clean();
}

#[test]
fn every_file_in_the_catalog_directory_has_an_expectation() {
    let mut files: Vec<String> = std::fs::read_dir(catalog_dir())
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", catalog_dir().display()))
        .map(|entry| entry.expect("directory entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(files.len() >= 30, "the catalog holds only {} files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        match EXPECTED.iter().find(|e| e.file == file) {
            Some(expected) => failures.extend(check(expected).err()),
            None => {
                // Still run it: whatever the expectation will be, it must not panic.
                summarize_no_panic(&catalog_dir().join(file));
                failures.push(format!("file {file} has no expectation in `EXPECTED`"));
            }
        }
    }
    for expected in EXPECTED {
        if !files.iter().any(|f| f == expected.file) {
            failures.push(format!("`EXPECTED` names {}, which is not in {}", expected.file, catalog_dir().display()));
        }
    }
    let mut names: Vec<&str> = EXPECTED.iter().map(|e| e.file).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() != EXPECTED.len() {
        failures.push("`EXPECTED` lists a file more than once".to_owned());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The real command line on one bad file: status 1, and the error rendered with `file:line:column`.
#[test]
fn cli_list_exits_with_status_1_on_a_bad_file() {
    let path = catalog_dir().join("mismatched-end-tag.xml");
    let output = odata_tests::run_cli(&["list".as_ref(), path.as_os_str()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(stderr.contains("mismatched-end-tag.xml:7:7"), "stderr:\n{stderr}");
    assert!(stderr.contains("error[xml-syntax]: closing tag `</EntityType>` does not match"), "stderr:\n{stderr}");
}

/// One run reports every problem of a file, each at its own place, not just the first.
#[test]
fn several_problems_in_one_file_are_all_reported() {
    let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="bad" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="a">
        <Property Name="x" Type="bad.missing" />
        <Property Name="y" Type="Edm.Int32" Nullable="perhaps" />
        <Property Name="x" Type="Edm.String" />
      </ComplexType>
      <EntityType Name="b" BaseType="bad.c" />
      <EntityType Name="c" BaseType="bad.b" />
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;
    let mut sources = odata_codegen::Sources::new();
    sources.add("multi.xml", xml.as_bytes().to_vec());
    let (summary, _) = odata_codegen::summary::summarize(&sources);
    let problems: Vec<String> = summary
        .diagnostics
        .iter()
        .filter(|d| d.code != "missing-key")
        .map(|d| format!("{}:{} {}[{}] {}", d.line.unwrap_or(0), d.column.unwrap_or(0), d.severity, d.code, d.message))
        .collect();
    assert_eq!(
        problems,
        [
            "5:34 warning[unknown-type] unknown type `bad.missing`",
            "6:55 warning[invalid-value] attribute `Nullable` must be `true` or `false`, found `perhaps`; ignored (its default applies)",
            "7:25 warning[duplicate-name] duplicate property `x`; the first declaration is used, this one is left out",
            "9:38 warning[base-type] base type cycle: bad.b → bad.c → bad.b; the cycle is cut here (`bad.b` is read without a base type)",
        ]
    );
}

/// A term applied twice to one element (Graph does this 11 times in v1.0) is a warning naming both
/// places; the first value stays in effect.
#[test]
fn an_annotation_applied_twice_is_a_warning_with_both_places() {
    let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="dup" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="a">
        <Annotation Term="Org.OData.Core.V1.Description" String="inline" />
      </ComplexType>
      <Annotations Target="dup.a">
        <Annotation Term="Org.OData.Core.V1.Description" String="outside" />
      </Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;
    let mut sources = odata_codegen::Sources::new();
    sources.add("dup.xml", xml.as_bytes().to_vec());
    let (summary, diagnostics) = odata_codegen::summary::summarize(&sources);
    assert_eq!((summary.errors, summary.warnings), (0, 1));
    let warning = &summary.diagnostics[0];
    assert_eq!((warning.line, warning.column), (Some(8), Some(9)));
    assert!(warning.message.contains("`Org.OData.Core.V1.Description` is applied twice"), "{}", warning.message);
    let rendered = sources.render_all(&diagnostics);
    assert!(rendered.contains("first applied here") && rendered.contains("dup.xml:8:9"), "{rendered}");
}
