//! The configuration file, `odata-codegen.toml`: one `[[output]]` table per generated output, with the
//! same options as the [`Builder`]. Relative paths in the file are relative to the file's directory.
//!
//! ```toml
//! [[output]]
//! metadata = ["../metadata/graph-v1.0-identity-api-connector.xml"]
//! include = ["microsoft.graph.identityApiConnector"]
//! out_dir = "src/v1"
//!
//! [output.types."microsoft.graph.identityApiConnector"]
//! derives = ["Hash"]
//! ```
//!
//! Every key is listed in the README's configuration reference; unknown keys are errors.

use crate::diag::codes;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::builder::{Builder, Error, ErrorKind};
use crate::diag::{Diagnostic, Diagnostics, Sources, Span};
use crate::emit::custom::{DateTimeCrate, DecimalType, ItemAttributes};

/// The file's top level.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    /// The outputs, generated in order.
    #[serde(default)]
    output: Vec<Spanned<OutputConfig>>,
}

/// One `[[output]]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutputConfig {
    metadata: Vec<Spanned<String>>,
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    follow_navigation: bool,
    #[serde(default = "yes")]
    derived_types: bool,
    #[serde(default = "yes")]
    bound_operations: bool,
    out_dir: Option<String>,
    out_file: Option<String>,
    root_file: Option<String>,
    #[serde(default)]
    modules: BTreeMap<String, String>,
    #[serde(default)]
    date_time: DateTimeCrate,
    #[serde(default)]
    decimal: DecimalType,
    #[serde(default)]
    derives: Vec<String>,
    #[serde(default)]
    attributes: Vec<String>,
    #[serde(default)]
    types: BTreeMap<String, ItemAttributes>,
    secret_properties: Option<Vec<String>>,
    #[serde(default = "yes")]
    write_models: bool,
    #[serde(default = "yes")]
    member_constants: bool,
    /// Diagnostic codes whose warnings are silenced.
    #[serde(default)]
    allow: Vec<Spanned<String>>,
}

fn yes() -> bool {
    true
}

/// Reads the configuration file at `path` and returns one [`Builder`] per `[[output]]` table, in file
/// order, with every relative path resolved against the file's directory.
///
/// Fails with a rustc-style error naming `file:line:column` when the file cannot be read, is not TOML,
/// has an unknown key or a value of the wrong kind, or has an output without exactly one of `out_dir`
/// and `out_file`, or with derives and attributes that are not Rust.
pub fn load(path: impl AsRef<Path>) -> Result<Vec<Builder>, Error> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|err| {
        let message = format!("cannot read the configuration file `{}`: {err}", path.display());
        Error::message(ErrorKind::Config, codes::IO, message)
    })?;
    let mut sources = Sources::new();
    let file = sources.add(path.display().to_string(), bytes);
    let text = sources.file(file).text().to_owned();
    let fail = |diagnostics: Diagnostics| Error::new(ErrorKind::Config, diagnostics, sources.clone());
    if let Some(error) = sources.file(file).encoding_error() {
        return Err(fail(std::iter::once(error.clone()).collect()));
    }
    let parsed: ConfigFile = toml::from_str(&text).map_err(|err| {
        let message = format!("invalid configuration: {}", err.message().trim_end());
        let diagnostic = match err.span() {
            Some(range) => Diagnostic::error(codes::CONFIG, Span::new(file, range.start, range.end), message),
            None => Diagnostic::error_without_span(codes::CONFIG, format!("{}: {message}", path.display())),
        };
        fail(std::iter::once(diagnostic).collect())
    })?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut problems = Diagnostics::default();
    if parsed.output.is_empty() {
        let message = format!("{}: no `[[output]]` table: the file configures nothing", path.display());
        problems.push(Diagnostic::error_without_span(codes::CONFIG, message));
    }
    let config_text: std::sync::Arc<str> = text.as_str().into();
    let mut builders = Vec::new();
    for output in &parsed.output {
        let span = Span::new(file, output.span().start, output.span().end);
        let output = output.get_ref();
        let mut builder = Builder::new();
        builder.configured_by(path, config_text.clone());
        for metadata in &output.metadata {
            builder.metadata_written_at(base.join(metadata.get_ref()), metadata.span());
        }
        for root in &output.include {
            builder.include(root);
        }
        for name in &output.exclude {
            builder.exclude(name);
        }
        builder
            .follow_navigation(output.follow_navigation)
            .derived_types(output.derived_types)
            .bound_operations(output.bound_operations)
            .date_time(output.date_time)
            .decimal(output.decimal)
            .write_models(output.write_models)
            .member_constants(output.member_constants);
        for (namespace, module) in &output.modules {
            builder.module_name(namespace, module);
        }
        for derive in &output.derives {
            builder.derive(derive);
        }
        for attribute in &output.attributes {
            builder.attribute(attribute);
        }
        for (ty, extra) in &output.types {
            for derive in &extra.derives {
                builder.type_derive(ty, derive);
            }
            for attribute in &extra.attributes {
                builder.type_attribute(ty, attribute);
            }
        }
        if let Some(secrets) = &output.secret_properties {
            builder.secret_properties(secrets);
        }
        if let Some(root_file) = &output.root_file {
            builder.root_file(root_file);
        }
        for code in &output.allow {
            if crate::diag::codes::is_known(code.get_ref()) {
                builder.allow(code.get_ref());
            } else {
                let span = Span::new(file, code.span().start, code.span().end);
                let message = crate::diag::codes::unknown_code_message(code.get_ref());
                problems.push(Diagnostic::error(codes::CONFIG, span, message));
            }
        }
        match (&output.out_dir, &output.out_file) {
            (Some(dir), None) => {
                builder.out_dir(normalize(&base.join(dir)));
            }
            (None, Some(file)) => {
                builder.out_file(normalize(&base.join(file)));
            }
            _ => problems.push(Diagnostic::error(
                codes::CONFIG,
                span,
                "an output needs exactly one of `out_dir` and `out_file`",
            )),
        }
        if output.metadata.is_empty() || output.include.is_empty() {
            problems.push(Diagnostic::error(
                codes::CONFIG,
                span,
                "an output needs at least one `metadata` file and one `include`",
            ));
        }
        for problem in builder.setting_problems() {
            problems.push(Diagnostic::error(codes::CONFIG, span, problem));
        }
        builders.push(builder);
    }
    if problems.is_empty() { Ok(builders) } else { Err(fail(problems)) }
}

/// `path` with `a/..` pairs removed, without touching the file system (`generated/../metadata/x.xml`
/// becomes `metadata/x.xml`), for shorter messages.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::load;

    fn load_text(name: &str, text: &str) -> Result<usize, String> {
        let dir = std::env::temp_dir().join(format!("odata-codegen-config-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join("odata-codegen.toml");
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
        let result = load(&path).map(|builders| builders.len()).map_err(|e| e.to_string());
        let _ = std::fs::remove_dir_all(&dir);
        result
    }

    #[test]
    fn paths_are_normalized_lexically() {
        use std::path::Path;
        assert_eq!(super::normalize(Path::new("generated/../metadata/./x.xml")), Path::new("metadata/x.xml"));
        assert_eq!(super::normalize(Path::new("../a/../../b")), Path::new("../../b"));
    }

    #[test]
    fn outputs_are_read_and_mistakes_are_reported_with_positions() {
        let good = "[[output]]\nmetadata = [\"a.xml\"]\ninclude = [\"t\"]\nout_dir = \"src/a\"\n\n\
                    [[output]]\nmetadata = [\"b.xml\"]\ninclude = [\"t\"]\nout_file = \"b.rs\"\ndate_time = \"time\"\n\
                    [output.types.\"t.x\"]\nderives = [\"Hash\"]\n";
        assert_eq!(load_text("good", good), Ok(2));
        let unknown = "[[output]]\nmetadata = [\"a.xml\"]\ninclude = [\"t\"]\nout_dir = \"a\"\nincluded = [\"x\"]\n";
        let err = load_text("unknown", unknown).unwrap_err();
        assert!(err.contains("odata-codegen.toml:5:1"), "{err}");
        assert!(err.contains("unknown field `included`"), "{err}");
        let bad_value =
            "[[output]]\nmetadata = [\"a.xml\"]\ninclude = [\"t\"]\nout_dir = \"a\"\ndate_time = \"chrono2\"\n";
        let err = load_text("bad-value", bad_value).unwrap_err();
        assert!(err.contains(":5:13"), "{err}");
        let both = "[[output]]\nmetadata = [\"a.xml\"]\ninclude = [\"t\"]\nderives = [\"not a path\"]\n";
        let err = load_text("both", both).unwrap_err();
        assert!(err.contains("exactly one of `out_dir` and `out_file`"), "{err}");
        assert!(err.contains("derive `not a path` is not a Rust path"), "{err}");
        assert!(load_text("empty", "").unwrap_err().contains("no `[[output]]` table"));
        let allow = "[[output]]\nmetadata = [\"a.xml\"]\ninclude = [\"t\"]\nout_dir = \"a\"\n\
                     allow = [\"derived-key\", \"derived_key\"]\n";
        let err = load_text("allow", allow).unwrap_err();
        assert!(err.contains("odata-codegen.toml:5:25"), "the unknown code's place: {err}");
        assert!(err.contains("`derived_key` is not a diagnostic code; did you mean derived-key?"), "{err}");
        assert!(!err.contains("`derived-key` is not"), "{err}");
    }
}
