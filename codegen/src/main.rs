//! The `odata-codegen` command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use odata_codegen::summary::summarize;
use odata_codegen::{Diagnostic, Sources};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::List { files, json } => list(&files, json),
    }
}

fn list(files: &[PathBuf], json: bool) -> ExitCode {
    let mut sources = Sources::new();
    let mut unreadable = Vec::new();
    if files.is_empty() {
        sources.add("<built-in demo.xml>", DEMO_METADATA.as_bytes().to_vec());
    }
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
    let (mut summary, mut diagnostics) = summarize(&sources);
    let failed = !unreadable.is_empty() || diagnostics.has_errors();
    for error in unreadable {
        summary.errors += 1;
        summary.diagnostics.insert(
            0,
            odata_codegen::summary::DiagnosticSummary {
                severity: "error".to_owned(),
                message: error.message.clone(),
                file: None,
                line: None,
                column: None,
                notes: Vec::new(),
            },
        );
        diagnostics.push(error);
    }
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
