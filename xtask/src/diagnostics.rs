//! `diagnostics`: the cost of reporting many problems (issue "Nothing lost", item 4).
//!
//! Writes two hostile inputs to `target/diagnostics/` and diagnoses each the way `list` and `generate`
//! do (library calls: summarize or build, then render every diagnostic as the CLI prints it), each run
//! in a child process of its own so that its wall time and peak memory are its alone:
//!
//! - `dangling.xml`: 100,000 properties whose types no schema declares (a note with similar names each);
//! - `one-line.xml`: 1 MB of minified CSDL on one line (with a non-ASCII character near its start) with
//!   10,000 unknown attributes, each a warning.
//!
//! `list --json` keeps every diagnostic (a machine reads it), so its output grows with their number.
//! `generate` includes one small type, so it measures diagnosing the whole input and writing a tiny
//! output, not emitting 100,000 fields.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use odata_codegen::{Builder, Sources};

use crate::measure::{self, bytes, seconds};
use crate::{Context, Error, Paths, Result};

/// Dangling references in `dangling.xml`.
const DANGLING: usize = 100_000;
/// Warnings in `one-line.xml`.
const ONE_LINE_WARNINGS: usize = 10_000;
/// The size `one-line.xml` is padded to.
const ONE_LINE_BYTES: usize = 1 << 20;

/// One measured case: an input diagnosed by one command.
struct Case {
    name: &'static str,
    input: PathBuf,
    command: &'static str,
}

/// The commands measured on each input (`list --json` keeps every diagnostic, unbounded by design).
const COMMANDS: [&str; 3] = ["list", "list --json", "generate"];

/// Writes the inputs, runs every case in a child process and prints a table.
pub fn run(paths: &Paths) -> Result<()> {
    let dir = paths.target.join("diagnostics");
    std::fs::create_dir_all(&dir).context(|| format!("cannot create `{}`", dir.display()))?;
    let dangling = dir.join("dangling.xml");
    write(&dangling, &dangling_input())?;
    let one_line = dir.join("one-line.xml");
    write(&one_line, &one_line_input())?;
    let inputs = [("100,000 dangling references", dangling), ("1 MB one-line file, 10,000 warnings", one_line)];
    let cases = inputs
        .iter()
        .flat_map(|(name, input)| COMMANDS.iter().map(|command| Case { name, input: input.clone(), command }));
    let exe = std::env::current_exe().context(|| "cannot find the xtask binary".to_owned())?;
    let mut table =
        String::from("input                                 command      wall     peak RSS  output    diagnostics\n");
    for (index, case) in cases.enumerate() {
        let output = dir.join(format!("case-{index}.out"));
        let log = dir.join(format!("case-{index}.log"));
        let mut command = Command::new(&exe);
        command.arg("diagnostics-case").arg(case.command).arg(&case.input).arg(&output).arg(dir.join("out"));
        let measured = measure::run_logged(&mut command, &log)?;
        let size = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
        let count = std::fs::read_to_string(&log).unwrap_or_default();
        let _ = writeln!(
            table,
            "{:<37} {:<12} {:<8} {:<9} {:<9} {}{}",
            case.name,
            case.command,
            seconds(measured.wall),
            bytes(measured.peak_rss),
            bytes(size),
            count.trim(),
            measured.contention().map_or_else(String::new, |c| format!(" ({c})")),
        );
    }
    println!("{table}");
    println!("inputs and rendered outputs in {}", dir.display());
    Ok(())
}

/// The child side of one case: `command` (`list`, `list --json` or `generate`) on `input`, the rendered diagnostics
/// written to `output`, their count printed on stdout.
pub fn run_case(command: &str, input: &Path, output: &Path, out_dir: &Path) -> Result<()> {
    let (rendered, count) = match command {
        "list" | "list --json" => {
            let bytes = std::fs::read(input).context(|| format!("cannot read `{}`", input.display()))?;
            let mut sources = Sources::new();
            sources.add(input.display().to_string(), bytes);
            let (summary, diagnostics) = odata_codegen::summary::summarize(&sources);
            if command == "list" {
                (sources.render_all(&diagnostics), diagnostics.len())
            } else {
                let json = serde_json::to_string_pretty(&summary).context(|| "cannot format the summary".to_owned())?;
                (json, diagnostics.len())
            }
        }
        "generate" => {
            let _ = std::fs::remove_dir_all(out_dir);
            let mut builder = Builder::new();
            builder.metadata(input).include("d.Root").out_dir(out_dir).cargo_instructions(false);
            match builder.build() {
                Ok(report) => (report.generation.rendered_warnings.clone(), report.generation.warnings.len()),
                Err(err) => (err.to_string(), err.diagnostics().len()),
            }
        }
        other => return Err(Error::new(format!("unknown case command `{other}`"))),
    };
    write(output, &rendered)?;
    println!("{count}");
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).context(|| format!("cannot write `{}`", path.display()))
}

const HEAD: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices>
"#;

/// Schema `o` declares `Item0` ... `Item99`; schema `d` has a small `Root` and 1,000 types of 100
/// properties each, whose types `d.Item{n}` do not exist (so each warning gets a similar-name hint).
fn dangling_input() -> String {
    let mut xml = String::from(HEAD);
    xml.push_str("<Schema Namespace=\"o\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n");
    for n in 0..100 {
        let _ =
            writeln!(xml, "  <ComplexType Name=\"Item{n}\"><Property Name=\"v\" Type=\"Edm.String\" /></ComplexType>");
    }
    xml.push_str("</Schema>\n<Schema Namespace=\"d\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n");
    xml.push_str("  <ComplexType Name=\"Root\"><Property Name=\"name\" Type=\"Edm.String\" /></ComplexType>\n");
    for t in 0..DANGLING / 100 {
        let _ = writeln!(xml, "  <ComplexType Name=\"Holder{t}\">");
        for p in 0..100 {
            let _ = writeln!(xml, "    <Property Name=\"p{p}\" Type=\"d.Item{}\" />", (t + p) % 100);
        }
        xml.push_str("  </ComplexType>\n");
    }
    xml.push_str("</Schema>\n</edmx:DataServices>\n</edmx:Edmx>\n");
    xml
}

/// One line: a schema `d` with `Root` and complex types whose properties carry an unknown attribute
/// (10,000 in all), padded with a long description to 1 MB; `é` near the start makes the line non-ASCII.
fn one_line_input() -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><!-- café --><edmx:Edmx Version=\"4.0\" \
         xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>\
         <Schema Namespace=\"d\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\
         <ComplexType Name=\"Root\"><Property Name=\"name\" Type=\"Edm.String\"/></ComplexType>",
    );
    for t in 0..ONE_LINE_WARNINGS / 10 {
        let _ = write!(xml, "<ComplexType Name=\"T{t}\">");
        for p in 0..10 {
            let _ = write!(xml, "<Property Name=\"p{p}\" Type=\"Edm.String\" Unknown=\"{t}-{p}\"/>");
        }
        xml.push_str("</ComplexType>");
    }
    let tail = "</Schema></edmx:DataServices></edmx:Edmx>\n";
    let padding = ONE_LINE_BYTES.saturating_sub(xml.len() + tail.len() + 80);
    let _ = write!(xml, "<ComplexType Name=\"Padding\"><!-- {} --></ComplexType>", "x".repeat(padding));
    xml.push_str(tail);
    xml
}
