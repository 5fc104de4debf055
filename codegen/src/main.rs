//! The `odata-codegen` command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use odata_codegen::emit::EmitOptions;
use odata_codegen::generate::{generate, write_directory};
use odata_codegen::select::SelectionOptions;
use odata_codegen::subset::{cut, is_absent_type};
use odata_codegen::summary::summarize_with;
use odata_codegen::{Diagnostic, Diagnostics, Sources};

/// The CSDL document read when `list` is given no file: a small service written for the demo.
const DEMO_METADATA: &str = include_str!("../data/demo.xml");

#[derive(Parser)]
#[command(name = "odata-codegen", version, about = "Generate Rust models from OData CSDL ($metadata) documents")]
#[command(after_help = "Exit status: 0 on success (warnings allowed), 1 when the input has errors, 2 on bad usage.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Summarize what CSDL files hold (namespaces and counts of each element kind), then report
    /// every problem found in them.
    #[command(
        after_help = "Examples:\n  odata-codegen list                      # the built-in demo service\n  odata-codegen list metadata.xml --json  # machine-readable"
    )]
    List {
        /// CSDL XML files, read together as one model; the built-in demo service when none is given.
        files: Vec<PathBuf>,
        /// Print the summary and diagnostics as one JSON object on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Generate Rust modules (one per schema namespace, plus a root `mod.rs`) for the closure of some
    /// types, namespaces, container members or operations. The output directory is replaced as a whole.
    #[command(
        after_help = "Example:\n  odata-codegen generate metadata/graph-v1.0-identity-api-connector.xml --include microsoft.graph.identityApiConnector --out src/v1"
    )]
    Generate {
        #[command(flatten)]
        input: SelectionArgs,
        /// The directory to write (replaced atomically; left untouched when the input has errors).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Write the closure of some types, namespaces, operations or container members as a smaller, valid
    /// CSDL file: base types, property types and derived types, with their annotations, copied verbatim.
    #[command(
        after_help = "Examples:\n  odata-codegen subset v1.0.xml --include microsoft.graph.identityApiConnector --out connector.xml\n  odata-codegen subset beta.xml --include microsoft.graph.industryData --include GraphService/external --out seed.xml"
    )]
    Subset {
        #[command(flatten)]
        input: SelectionArgs,
        /// Do not include the actions and functions bound to included types.
        #[arg(long)]
        no_bound_operations: bool,
        /// The file to write (replaced atomically; left untouched when the input has errors).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// The input files and what to select from them (shared by `generate` and `subset`).
#[derive(Args)]
struct SelectionArgs {
    /// CSDL XML files, read together as one model.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// What to take, with everything it needs: a type (`namespace.Type` or `alias.Type`), a whole
    /// namespace, an entity set or singleton (`Container/name`), or an action or function (all
    /// overloads). Repeatable.
    #[arg(long = "include", value_name = "NAME", required = true)]
    include: Vec<String>,
    /// Also take the targets of navigation properties (by default the selection stops there and leaves
    /// those navigation properties out).
    #[arg(long)]
    follow_navigation: bool,
    /// Do not take the derived types of included types and property types.
    #[arg(long)]
    no_derived: bool,
}

impl SelectionArgs {
    fn options(&self, include_bound_operations: bool) -> SelectionOptions {
        SelectionOptions {
            follow_navigation: self.follow_navigation,
            include_derived: !self.no_derived,
            include_bound_operations,
            exclude: Vec::new(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::List { files, json } => list(&files, json),
        Command::Generate { input, out } => generate_command(&input.files, &input.include, &input.options(true), &out),
        Command::Subset { input, no_bound_operations, out } => {
            subset(&input.files, &input.include, &input.options(!no_bound_operations), &out)
        }
    }
}

fn list(files: &[PathBuf], json: bool) -> ExitCode {
    let (sources, unreadable) = if files.is_empty() {
        let mut sources = Sources::new();
        sources.add("<built-in demo.xml>", DEMO_METADATA.as_bytes().to_vec());
        (sources, Diagnostics::default())
    } else {
        read_files(files)
    };
    let (summary, diagnostics) = summarize_with(&sources, unreadable);
    let failed = diagnostics.has_errors();
    let mut stdout = std::io::stdout().lock();
    let written = if json {
        serde_json::to_string_pretty(&summary)
            .map_err(std::io::Error::other)
            .and_then(|text| writeln!(stdout, "{text}"))
    } else {
        let files: Vec<&str> = sources.files().map(|(_, f)| f.name()).collect();
        writeln!(stdout, "{}\n", files.join(", ")).and_then(|()| write!(stdout, "{}", summary.to_table()))
    };
    if written.is_err() {
        return ExitCode::from(2);
    }
    if !json {
        eprint!("{}", sources.render_all(&diagnostics));
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn subset(files: &[PathBuf], include: &[String], options: &SelectionOptions, out: &Path) -> ExitCode {
    let (sources, unreadable) = read_files(files);
    if !unreadable.is_empty() {
        eprint!("{}", sources.render_all(&unreadable));
        return ExitCode::from(1);
    }
    let roots: Vec<&str> = include.iter().map(String::as_str).collect();
    let subset = match cut(&sources, &roots, options) {
        Ok(subset) => subset,
        Err(diagnostics) => {
            eprint!("{}", sources.render_all(&diagnostics));
            eprintln!("{} not written", out.display());
            return ExitCode::from(1);
        }
    };
    if let Err(err) = write_atomically(out, subset.xml.as_bytes()) {
        eprintln!("error: cannot write `{}`: {err}", out.display());
        return ExitCode::from(1);
    }
    let namespaces: Vec<String> = subset
        .namespaces
        .iter()
        .map(|n| {
            format!(
                "{} {} types, {} operations, {} annotation blocks",
                n.namespace, n.types, n.operations, n.annotation_blocks
            )
        })
        .collect();
    let absent = subset.input_diagnostics.iter().filter(|d| is_absent_type(d)).count();
    let absent = if absent == 0 {
        String::new()
    } else {
        format!(" ({absent} `unknown type` errors of the input accepted: such references are copied as they are)")
    };
    eprintln!("wrote {} ({} bytes): {}{absent}", out.display(), subset.xml.len(), namespaces.join("; "));
    ExitCode::SUCCESS
}

fn generate_command(files: &[PathBuf], include: &[String], options: &SelectionOptions, out: &Path) -> ExitCode {
    let (sources, unreadable) = read_files(files);
    if !unreadable.is_empty() {
        eprint!("{}", sources.render_all(&unreadable));
        return ExitCode::from(1);
    }
    let roots: Vec<&str> = include.iter().map(String::as_str).collect();
    let generated = match generate(&sources, &roots, options, &EmitOptions::default()) {
        Ok(generated) => generated,
        Err(diagnostics) => {
            eprint!("{}", sources.render_all(&diagnostics));
            eprintln!("{} not written", out.display());
            return ExitCode::from(1);
        }
    };
    if let Err(err) = write_directory(out, &generated.files) {
        eprintln!("error: cannot write `{}`: {err}", out.display());
        return ExitCode::from(1);
    }
    let warnings: Diagnostics = generated.diagnostics.iter().filter(|d| !d.is_error()).cloned().collect();
    eprint!("{}", sources.render_all(&warnings));
    for (namespace, file, types) in &generated.modules {
        eprintln!("{namespace}: {types} types -> {}", out.join(file).display());
    }
    let absent = generated.diagnostics.iter().filter(|d| is_absent_type(d)).count();
    eprintln!(
        "wrote {} files to {} ({absent} references to absent types typed as serde_json::Value)",
        generated.files.len(),
        out.display()
    );
    ExitCode::SUCCESS
}

/// Reads `files` into [`Sources`]; a file that cannot be read is an error, and the others are still read.
fn read_files(files: &[PathBuf]) -> (Sources, Diagnostics) {
    let mut sources = Sources::new();
    let mut unreadable = Diagnostics::default();
    for path in files {
        match std::fs::read(path) {
            Ok(bytes) => {
                sources.add(path.display().to_string(), bytes);
            }
            Err(err) => {
                unreadable.push(Diagnostic::error_without_span(format!("cannot read `{}`: {err}", path.display())))
            }
        }
    }
    (sources, unreadable)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so that readers never
/// see a partial file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
