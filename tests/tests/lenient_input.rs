//! What real services publish outside the letter of CSDL costs only the element concerned: a warning
//! with a stable code and its place, saying what was assumed; the rest of the file generates, and the
//! generated code compiles. One small file per construct under `tests/csdl/lenient/`.

use std::path::PathBuf;

use odata_tests::{GeneratedCrate, generate_everything, load, workspace_root};

/// One construct: its files (read together), the module to generate it into, and the warnings it must
/// give as `code line:column`.
struct Case {
    files: &'static [&'static str],
    module: &'static str,
    warnings: &'static [&'static str],
}

const CASES: &[Case] = &[
    // The key of the base is used; same key and a different key both say so.
    Case { files: &["derived-key.xml"], module: "derived_key", warnings: &["derived-key 11:9", "derived-key 15:9"] },
    Case { files: &["system-namespace.xml"], module: "system_namespace", warnings: &["reserved-name 4:24"] },
    Case {
        files: &["redeclared-property.xml"],
        module: "redeclared_property",
        warnings: &["redeclared-property 9:25"],
    },
    Case { files: &["bare-schema.xml"], module: "bare_schema", warnings: &["document-structure 2:1"] },
    Case {
        files: &["entity-typed-property.xml"],
        module: "entity_typed_property",
        warnings: &["not-a-type 12:41", "not-a-type 13:50"],
    },
    Case { files: &["term-with-space.xml"], module: "term_with_space", warnings: &["lenient-value 7:27"] },
    Case { files: &["enum-beyond-int64.xml"], module: "enum_beyond_int64", warnings: &["enum-value 8:35"] },
    Case {
        files: &["function-without-return-type.xml"],
        module: "function_without_return_type",
        warnings: &["operation-shape 5:7"],
    },
    Case {
        files: &["flags-without-values.xml"],
        module: "flags_without_values",
        warnings: &["enum-value 6:9", "enum-value 7:9", "enum-value 8:9"],
    },
    Case {
        files: &["v3-leftovers.xml"],
        module: "v3_leftovers",
        warnings: &[
            "lenient-value 7:56",
            "lenient-value 8:60",
            "missing-attribute 9:9",
            "unknown-attribute 9:42",
            "unknown-attribute 9:78",
            "unknown-attribute 9:93",
            "missing-attribute 13:9",
            "unknown-attribute 13:38",
        ],
    },
    // Two documents each call their own schema `Self`: the alias is scoped to its document.
    Case { files: &["self-alias-a.xml", "self-alias-b.xml"], module: "self_alias", warnings: &[] },
];

fn case_paths(case: &Case) -> Vec<PathBuf> {
    case.files.iter().map(|f| workspace_root().join("tests/csdl/lenient").join(f)).collect()
}

#[test]
fn each_construct_is_a_warning_at_its_place_with_its_code() {
    let mut failures = Vec::new();
    for case in CASES {
        let (summary, _) = odata_codegen::summary::summarize(&load(&case_paths(case)));
        let found: Vec<String> = summary
            .diagnostics
            .iter()
            .map(|d| format!("{} {}:{}", d.code, d.line.unwrap_or(0), d.column.unwrap_or(0)))
            .collect();
        if summary.errors > 0 || found != case.warnings {
            let shown: Vec<String> =
                summary.diagnostics.iter().map(|d| format!("  {}[{}] {}", d.severity, d.code, d.message)).collect();
            failures.push(format!(
                "{:?}: expected {:?}, found {found:?}\n{}",
                case.files,
                case.warnings,
                shown.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn each_construct_generates_and_the_output_compiles_without_warnings() {
    let mut lib = String::from("//! One module per lenient construct.\n#![allow(missing_docs)]\n");
    for case in CASES {
        lib.push_str(&format!("pub mod {};\n", case.module));
    }
    let krate = GeneratedCrate::new("lenient-input", &lib, &[]);
    for case in CASES {
        let out = krate.src(case.module);
        if let Err(errors) = generate_everything(&case_paths(case), &out) {
            panic!("{:?} does not generate:\n{errors}", case.files);
        }
    }
    krate.check_clean();
}

/// What each assumption means for the generated types, read from the generated source.
#[test]
fn the_assumptions_show_in_the_generated_types() {
    let out = workspace_root().join("target/generated-crates/lenient-assumptions");
    let read = |case: usize, file: &str| {
        let dir = out.join(CASES[case].module);
        generate_everything(&case_paths(&CASES[case]), &dir).unwrap_or_else(|e| panic!("{e}"));
        std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    };
    // The derived types keep the base's key, whether they re-declare it or declare another.
    let derived = read(0, "derivedkey.rs");
    for ty in ["Activity", "Email", "Task"] {
        let at = derived.find(&format!("impl ::odata_runtime::EntityType for {ty} ")).unwrap_or_else(|| panic!("{ty}"));
        let key = &derived[at..].lines().nth(2).unwrap_or_default();
        assert!(key.contains("KEY_PROPERTIES: &'static [&'static str] = &[\"activityId\"]"), "{ty}: {key}");
    }
    // The redeclared property is the base's, once.
    let redeclared = read(2, "redeclared.rs");
    let derived_at = redeclared.find("pub struct Derived = ").unwrap_or_else(|| panic!("{redeclared}"));
    let derived_table = redeclared[derived_at..].split('}').next().unwrap_or_default();
    assert_eq!(derived_table.matches("= \"name\"").count(), 1, "{derived_table}");
    assert!(derived_table.contains("name: Option<String> = \"name\""), "the base's nullable `name`: {derived_table}");
    // The flags get distinct bits in declaration order.
    let flags = read(8, "flags.rs");
    for (name, bit) in [("Red", 1), ("White", 2), ("Blue", 4)] {
        assert!(flags.contains(&format!("`{}` = {bit}", name.to_lowercase())), "{name} = {bit} in\n{flags}");
    }
}
