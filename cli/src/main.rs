//! The `odata-codegen` command line.

mod fetch;

use odata_codegen::diag::codes;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::time::Instant;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use odata_codegen::select::SelectionOptions;
use odata_codegen::subset::{cut, is_absent_type};
use odata_codegen::summary::{DEMO_METADATA, summarize_with};
use odata_codegen::{Builder, DateTimeCrate, DecimalType, Output};
use odata_codegen::{Diagnostic, Diagnostics, Sources};

const EXIT_STATUS: &str = "Exit status: 0 success (warnings allowed); 1 the input or configuration has errors, an output \
cannot be written, `check` found stale output, or `metadata fetch` got an HTTP error or no CSDL; 2 bad usage.";

#[derive(Parser)]
#[command(name = "odata-codegen", version, about = "Generate Rust models from OData CSDL ($metadata) documents")]
#[command(after_help = EXIT_STATUS)]
struct Cli {
    /// Print only errors and `check` differences: no progress, summaries or warnings (the exit status
    /// is the same).
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Summarize what CSDL files hold (namespaces and counts of each element kind, or with `--tree`
    /// every name), then report every problem found in them.
    #[command(after_help = "Examples:
  odata-codegen list                      # the built-in demo service
  odata-codegen list metadata.xml --tree  # every type, operation and container member, as --include takes it
  odata-codegen list metadata.xml --json  # machine-readable, names included")]
    List {
        /// CSDL XML files, read together as one model; the built-in demo service when none is given.
        files: Vec<PathBuf>,
        /// Print the summary and diagnostics as one JSON object on stdout.
        #[arg(long, conflicts_with = "tree")]
        json: bool,
        /// Print every namespace with its entity types, complex types, enums, type definitions, actions
        /// and functions, and every container with its entity sets, singletons and imports, spelled the
        /// way `--include` accepts them (instead of the table of counts).
        #[arg(long)]
        tree: bool,
    },
    /// Generate Rust modules (one per schema namespace, plus a root `mod.rs`) for the closure of some
    /// types, namespaces, container members or operations, and print what changed in the output.
    /// Only files whose bytes change are written, and the output directory is swapped in as a whole; a
    /// directory holding anything but generated files is refused, with nothing written or removed.
    #[command(after_help = "Examples:
  odata-codegen generate --config generated/odata-codegen.toml
  odata-codegen generate metadata/graph-v1.0-identity-api-connector.xml \\
      --include microsoft.graph.identityApiConnector --out src/v1
  odata-codegen generate beta.xml --include microsoft.graph.industryData \\
      --exclude microsoft.graph.industryData.yearTimePeriodDefinition --out-file src/industry_data.rs")]
    Generate {
        #[command(flatten)]
        input: GenerateArgs,
    },
    /// Regenerate in memory and compare with the output on disk: exit 0 when it is up to date, 1 with
    /// the files and items that differ when it is stale or edited by hand (for CI).
    #[command(after_help = "Examples:
  odata-codegen check --config generated/odata-codegen.toml
  odata-codegen check metadata/graph-v1.0-identity-api-connector.xml \\
      --include microsoft.graph.identityApiConnector --out generated/src/v1")]
    Check {
        #[command(flatten)]
        input: GenerateArgs,
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
    /// Work with the `$metadata` documents of running services.
    #[command(after_help = "Examples:
  odata-codegen metadata fetch https://services.odata.org/V4/TripPinServiceRW/ --out trippin.xml
  odata-codegen metadata fetch 'https://graph.microsoft.com/v1.0/$metadata' --out v1.0.xml \\
      --header \"Authorization: Bearer $TOKEN\" --timeout 300")]
    Metadata {
        /// What to do.
        #[command(subcommand)]
        command: MetadataCommand,
    },
    /// Print a shell completion script on stdout.
    #[command(after_help = "Examples:
  odata-codegen completions bash > ~/.local/share/bash-completion/completions/odata-codegen
  odata-codegen completions zsh > ~/.zfunc/_odata-codegen
  odata-codegen completions fish > ~/.config/fish/completions/odata-codegen.fish")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// The subcommands of `metadata`.
#[derive(Subcommand)]
enum MetadataCommand {
    /// Download a service's metadata document (`GET {URL}/$metadata` with `Accept: application/xml`),
    /// check that it reads as CSDL (its diagnostics are printed as `list` prints them), and write it
    /// atomically. An existing FILE is only replaced when it is itself a metadata document (root
    /// element `edmx:Edmx`) or with --force. An HTTP error, a body that is not CSDL or CSDL with errors
    /// (other than references to types of other documents) exit with 1 and write nothing.
    #[command(after_help = "Examples:
  odata-codegen metadata fetch http://localhost:4004/odata/v4/shop/ --out metadata.xml
  odata-codegen metadata fetch 'https://graph.microsoft.com/v1.0/$metadata' --out v1.0.xml \\
      --header \"Authorization: Bearer $TOKEN\" --timeout 300
  odata-codegen metadata fetch https://example.com/odata/ --out api.xml --force   # replace any file")]
    Fetch(fetch::FetchArgs),
}

/// The input files and what to select from them (for `subset`).
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

/// The inputs of `generate` and `check`: a configuration file, or files and options.
#[derive(Args)]
struct GenerateArgs {
    /// Read every output from this configuration file (`odata-codegen.toml`; paths in it are relative to
    /// its directory) instead of the arguments below.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["files", "include", "exclude", "out", "out_file"])]
    config: Option<PathBuf>,
    /// CSDL XML files, read together as one model.
    #[arg(required_unless_present = "config")]
    files: Vec<PathBuf>,
    /// What to generate, with everything it needs: a type (`namespace.Type` or `alias.Type`), a whole
    /// namespace, an entity set or singleton (`Container/name`), or an action or function. Repeatable.
    #[arg(long = "include", value_name = "NAME", required_unless_present = "config")]
    include: Vec<String>,
    /// What never to generate, written like --include; its uses become `serde_json::Value`. Repeatable.
    #[arg(long = "exclude", value_name = "NAME")]
    exclude: Vec<String>,
    /// Also generate the targets of navigation properties.
    #[arg(long, conflicts_with = "config")]
    follow_navigation: bool,
    /// Do not generate the derived types of included types and property types.
    #[arg(long, conflicts_with = "config")]
    no_derived: bool,
    /// The directory of modules to write.
    #[arg(long, value_name = "DIR", required_unless_present_any = ["config", "out_file"], conflicts_with = "out_file")]
    out: Option<PathBuf>,
    /// One file with every module inline (for `include!`) instead of a directory.
    #[arg(long, value_name = "FILE")]
    out_file: Option<PathBuf>,
    /// Print the time and peak memory of each stage (parse, model, select, emit, compare, write).
    #[arg(long)]
    timings: bool,
    /// Do not generate the actions and functions bound to generated types.
    #[arg(long, conflicts_with = "config")]
    no_bound_operations: bool,
    /// Do not generate the `...Update` write models (for models that are only read).
    #[arg(long, conflicts_with = "config")]
    no_write_models: bool,
    /// Do not give read models a typed constant per member (`Orders::TOTAL`, for odata-client's
    /// filters, `$select`, `$expand` and navigation).
    #[arg(long, conflicts_with = "config")]
    no_member_constants: bool,
    /// The types of `Edm.DateTimeOffset`, `Edm.Date` and `Edm.TimeOfDay` (`time` needs odata-runtime's
    /// `time` feature).
    #[arg(long, value_name = "CRATE", default_value = "chrono", conflicts_with = "config")]
    date_time: DateTimeArg,
    /// The type of `Edm.Decimal`.
    #[arg(long, value_name = "TYPE", default_value = "rust_decimal", conflicts_with = "config")]
    decimal: DecimalArg,
    /// An extra derive on every generated struct and enum, e.g. `Hash` or `schemars::JsonSchema`. Repeatable.
    #[arg(long = "derive", value_name = "PATH", conflicts_with = "config")]
    derive: Vec<String>,
    /// The module of a namespace (default: its last segment in snake case). Repeatable.
    #[arg(long = "module-name", value_name = "NAMESPACE=MODULE", value_parser = parse_module_name, conflicts_with = "config")]
    module_name: Vec<(String, String)>,
    /// Silence the warnings with this diagnostic code (shown in brackets: `warning[derived-key]`).
    /// Repeatable; adds to the `allow` list of a configuration file.
    #[arg(long, value_name = "CODE")]
    allow: Vec<String>,
}

/// `--date-time`: the values of `date_time` in the configuration file.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DateTimeArg {
    /// chrono's `DateTime<FixedOffset>`, `NaiveDate`, `NaiveTime`.
    Chrono,
    /// time's `OffsetDateTime`, `Date`, `Time`.
    Time,
}

/// `--decimal`: the values of `decimal` in the configuration file.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DecimalArg {
    /// `rust_decimal::Decimal`: exact.
    #[value(name = "rust_decimal")]
    RustDecimal,
    /// `f64`: no extra dependency, not exact.
    #[value(name = "f64")]
    F64,
}

/// Reads `NAMESPACE=MODULE` (the namespace may contain dots, the module may not be empty).
fn parse_module_name(text: &str) -> Result<(String, String), String> {
    match text.rsplit_once('=') {
        Some((namespace, module)) if !namespace.is_empty() && !module.is_empty() => {
            Ok((namespace.to_owned(), module.to_owned()))
        }
        _ => Err(format!("`{text}` is not NAMESPACE=MODULE (for example microsoft.graph=graph_v1)")),
    }
}

impl GenerateArgs {
    /// One builder per output: from the configuration file, or from the arguments.
    fn builders(&self) -> Result<Vec<Builder>, odata_codegen::Error> {
        if let Some(config) = &self.config {
            let mut builders = odata_codegen::config::load(config)?;
            for builder in &mut builders {
                for code in &self.allow {
                    builder.allow(code);
                }
            }
            return Ok(builders);
        }
        let mut builder = Builder::new();
        for code in &self.allow {
            builder.allow(code);
        }
        for file in &self.files {
            builder.metadata(file);
        }
        for name in &self.include {
            builder.include(name);
        }
        for name in &self.exclude {
            builder.exclude(name);
        }
        builder
            .follow_navigation(self.follow_navigation)
            .derived_types(!self.no_derived)
            .bound_operations(!self.no_bound_operations)
            .write_models(!self.no_write_models)
            .member_constants(!self.no_member_constants)
            .date_time(match self.date_time {
                DateTimeArg::Chrono => DateTimeCrate::Chrono,
                DateTimeArg::Time => DateTimeCrate::Time,
            })
            .decimal(match self.decimal {
                DecimalArg::RustDecimal => DecimalType::RustDecimal,
                DecimalArg::F64 => DecimalType::F64,
            })
            .cargo_instructions(false);
        for derive in &self.derive {
            builder.derive(derive);
        }
        for (namespace, module) in &self.module_name {
            builder.module_name(namespace, module);
        }
        match (&self.out, &self.out_file) {
            (Some(dir), _) => builder.out_dir(dir),
            (None, Some(file)) => builder.out_file(file),
            (None, None) => &mut builder,
        };
        Ok(vec![builder])
    }

    /// The `generate` command line with these arguments (for `check`'s hint), quoted for a POSIX shell.
    fn command(&self) -> String {
        let mut words: Vec<String> = vec!["odata-codegen".into(), "generate".into()];
        let path = |path: &PathBuf| path.display().to_string();
        if let Some(config) = &self.config {
            words.extend(["--config".to_owned(), path(config)]);
        } else {
            // Files first, then what to take, where it goes and how: the order of the help text.
            words.extend(self.files.iter().map(path));
            let mut options: Vec<(&str, String)> = Vec::new();
            options.extend(self.include.iter().map(|name| ("--include", name.clone())));
            options.extend(self.exclude.iter().map(|name| ("--exclude", name.clone())));
            options.extend(self.out.iter().map(|dir| ("--out", path(dir))));
            options.extend(self.out_file.iter().map(|file| ("--out-file", path(file))));
            options.extend((self.date_time == DateTimeArg::Time).then(|| ("--date-time", "time".to_owned())));
            options.extend((self.decimal == DecimalArg::F64).then(|| ("--decimal", "f64".to_owned())));
            options.extend(self.derive.iter().map(|derive| ("--derive", derive.clone())));
            options.extend(self.module_name.iter().map(|(ns, module)| ("--module-name", format!("{ns}={module}"))));
            words.extend(options.into_iter().flat_map(|(name, value)| [name.to_owned(), value]));
            let flags = [
                (self.follow_navigation, "--follow-navigation"),
                (self.no_derived, "--no-derived"),
                (self.no_bound_operations, "--no-bound-operations"),
                (self.no_write_models, "--no-write-models"),
                (self.no_member_constants, "--no-member-constants"),
            ];
            words.extend(flags.iter().filter(|(on, _)| *on).map(|(_, flag)| (*flag).to_owned()));
        }
        for code in &self.allow {
            words.extend(["--allow".to_owned(), code.clone()]);
        }
        words.iter().map(|word| shell_quote(word)).collect::<Vec<_>>().join(" ")
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let quiet = cli.quiet;
    match cli.command {
        Command::List { files, json, tree } => list(&files, json, tree, quiet),
        Command::Generate { input } => generate_command(&input, quiet),
        Command::Check { input } => check_command(&input, quiet),
        Command::Subset { input, no_bound_operations, out } => {
            subset(&input.files, &input.include, &input.options(!no_bound_operations), &out, quiet)
        }
        Command::Metadata { command: MetadataCommand::Fetch(args) } => fetch::fetch(&args, quiet),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "odata-codegen", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
    }
}

fn list(files: &[PathBuf], json: bool, tree: bool, quiet: bool) -> ExitCode {
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
        let body = if tree { summary.to_tree() } else { summary.to_table() };
        writeln!(stdout, "{}\n", files.join(", ")).and_then(|()| write!(stdout, "{body}"))
    };
    if written.is_err() {
        return ExitCode::from(2);
    }
    if !json {
        if quiet {
            // Errors only, and a count line that does not claim there are no warnings.
            let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(|d| sources.render(d)).collect();
            if !errors.is_empty() {
                eprintln!("{}{}", errors.concat(), odata_codegen::diag::plural(errors.len(), "error"));
            }
        } else {
            eprint!("{}", sources.render_all(&diagnostics));
        }
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn subset(files: &[PathBuf], include: &[String], options: &SelectionOptions, out: &Path, quiet: bool) -> ExitCode {
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
    if let Err(err) = odata_codegen::write_atomically(out, subset.xml.as_bytes()) {
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
    if !quiet {
        eprintln!("wrote {} ({} bytes): {}{absent}", out.display(), subset.xml.len(), namespaces.join("; "));
    }
    ExitCode::SUCCESS
}

fn generate_command(args: &GenerateArgs, quiet: bool) -> ExitCode {
    let builders = match args.builders() {
        Ok(builders) => builders,
        Err(err) => return fail(&err),
    };
    let mut failed = false;
    for (index, builder) in builders.iter().enumerate() {
        let started = Instant::now();
        let Ok(output) = builder.output() else { continue };
        if !quiet {
            let count = if builders.len() > 1 { format!("[{}/{}] ", index + 1, builders.len()) } else { String::new() };
            eprintln!("{count}generating {} from {}", output.path().display(), describe_inputs(builder));
        }
        let report = match builder.build() {
            Ok(report) => report,
            Err(err) => {
                eprintln!("{err}");
                eprintln!("{} not written", output.path().display());
                failed = true;
                continue;
            }
        };
        if args.timings {
            eprint!("{}", report.generation.timings);
        }
        if quiet {
            continue;
        }
        let generation = &report.generation;
        eprint!("{}", generation.rendered_warnings);
        for odata_codegen::ModuleSummary { namespace, file, types } in &generation.modules {
            let path = match &generation.output {
                Output::Directory(dir) => dir.join(file),
                Output::File(path) => path.clone(),
            };
            eprintln!("{namespace}: {types} types -> {}", path.display());
        }
        if report.drift.is_clean() {
            eprintln!("no change: every file was already up to date");
        } else {
            eprint!("{}", indent(&report.drift.summary(8)));
        }
        let allowed = match generation.allowed_warnings {
            0 => String::new(),
            n => format!("; {n} allowed warnings not shown"),
        };
        eprintln!(
            "wrote {} of {} files to {} in {:.1} s ({} references to absent types typed as serde_json::Value{allowed})",
            report.written.len(),
            generation.files.len(),
            output.path().display(),
            started.elapsed().as_secs_f64(),
            generation.absent_types,
        );
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn check_command(args: &GenerateArgs, quiet: bool) -> ExitCode {
    let builders = match args.builders() {
        Ok(builders) => builders,
        Err(err) => return fail(&err),
    };
    let (mut stale, mut failed) = (0, false);
    for builder in &builders {
        match builder.check() {
            Ok((generation, drift)) if drift.is_clean() => {
                if !quiet {
                    let files = generation.files.len();
                    eprintln!("{}: up to date ({files} files)", generation.output.path().display());
                }
            }
            Ok((generation, drift)) => {
                stale += 1;
                eprintln!("{}: stale or edited by hand:", generation.output.path().display());
                eprint!("{}", indent(&drift.to_string()));
            }
            Err(err) => {
                eprintln!("{err}");
                failed = true;
            }
        }
    }
    if stale > 0 {
        let outputs = if stale == 1 { "1 output differs".to_owned() } else { format!("{stale} outputs differ") };
        eprintln!("error: {outputs} from a fresh generation; regenerate with `{}`", args.command());
    }
    if failed || stale > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Prints a run's error and returns exit status 1.
fn fail(err: &odata_codegen::Error) -> ExitCode {
    eprintln!("{err}");
    ExitCode::from(1)
}

/// `2 files (3.4 MiB)` or the file name when there is one.
fn describe_inputs(builder: &Builder) -> String {
    let files: Vec<&Path> = builder.metadata_files().collect();
    let bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let size = if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    };
    match files.as_slice() {
        [one] => format!("{} ({size})", one.display()),
        many => format!("{} files ({size})", many.len()),
    }
}

/// `word` as a POSIX shell reads it back: unchanged when it has only safe characters, else in single quotes.
fn shell_quote(word: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|line| format!("  {line}\n")).collect()
}

/// ` (relative to the current directory `/home/me/project`)` for a relative path, else nothing.
fn relative_to_current_directory(path: &Path) -> String {
    if path.is_absolute() {
        return String::new();
    }
    match std::env::current_dir() {
        Ok(dir) => format!(" (relative to the current directory `{}`)", dir.display()),
        Err(_) => " (relative to the current directory)".to_owned(),
    }
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
            Err(err) => unreadable.push(Diagnostic::error_without_span(
                codes::IO,
                format!("cannot read `{}`{}: {err}", path.display(), relative_to_current_directory(path)),
            )),
        }
    }
    (sources, unreadable)
}
