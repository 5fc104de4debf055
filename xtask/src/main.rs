//! `cargo run -p xtask --release -- <command>`: the benchmarks of odata-codegen on all of Graph v1.0.
//!
//! - `scale [--skip-build] [--no-member-constants]`: generation time and memory, generated size, and `cargo check` / `cargo build`
//!   of the generated models against a naive derive-per-type model of the same types.
//! - `payloads [--rounds N] [--opt-level LEVEL]`: the Graph v1.0 documentation bodies, classified and read
//!   into the generated models, the naive model and `serde_json::Value`, in one release binary.
//! - `release`: `cargo build --release` of a binary that reads and writes every generated type.
//! - `diagnostics`: time, memory and output size of diagnosing hostile inputs (many dangling references,
//!   a 1 MB one-line file with many warnings), under `target/diagnostics/`.
//! - `roundtrip`: every Graph v1.0 doc body read into the generated models and written back; fails on
//!   any lossy round trip (driven by the `graph_roundtrip` test).
//!
//! Everything else is written under `target/scale/` (see `xtask/README.md`).

mod diagnostics;
mod generated_names;
mod generator;
mod measure;
mod naive;
mod payloads;
mod release;
mod roundtrip;
mod scale;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo run -p xtask --release -- <command>

commands:
  scale [--skip-build] [--no-member-constants]  generate all of Graph v1.0 and the naive model; time cargo check/build
  payloads [--rounds N] [--opt-level LEVEL] classify and read the Graph v1.0 doc payloads; time the models
  release                                   time the release build of a binary that reads and writes every type
  diagnostics                               time list and generate on inputs with 100,000 and 10,000 diagnostics
  roundtrip                                 read and write back every Graph v1.0 doc body; fail on any loss";

/// An error with a message that says what was being done.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl Error {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Error {
        Error(message.into())
    }
}

/// The result type of every step.
pub type Result<T> = std::result::Result<T, Error>;

/// Adds what was being done to an error (or to a missing value).
pub trait Context<T> {
    /// Turns the error into an [`Error`] whose message is `what()` followed by the cause.
    fn context(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: fmt::Display> Context<T> for std::result::Result<T, E> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|err| Error(format!("{}: {err}", what())))
    }
}

impl<T> Context<T> for Option<T> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T> {
        self.ok_or_else(|| Error(what()))
    }
}

/// Where the inputs and outputs are.
#[derive(Clone, Debug)]
pub struct Paths {
    /// The workspace root (the directory of the top `Cargo.toml`).
    pub workspace: PathBuf,
    /// Cargo's target directory of the workspace.
    pub target: PathBuf,
    /// `target/scale`: every output of the benchmarks.
    pub scale: PathBuf,
    /// `../shared/graph-metadata/v1.0-clean.xml`.
    pub metadata: PathBuf,
    /// `../shared/graph-examples/v1.0-resources.jsonl`.
    pub payloads: PathBuf,
}

impl Paths {
    /// The paths of this checkout: the workspace is the parent of this crate's directory. With
    /// `need_shared`, the shared Graph data must be there too.
    fn discover(need_shared: bool) -> Result<Paths> {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let workspace = manifest_dir
            .parent()
            .context(|| format!("`{}` has no parent directory", manifest_dir.display()))?
            .canonicalize()
            .context(|| format!("cannot resolve the workspace directory of `{}`", manifest_dir.display()))?;
        let target = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) => workspace.join(dir),
            None => workspace.join("target"),
        };
        let shared = workspace.join("../shared");
        let paths = Paths {
            scale: target.join("scale"),
            target,
            metadata: shared.join("graph-metadata/v1.0-clean.xml"),
            payloads: shared.join("graph-examples/v1.0-resources.jsonl"),
            workspace,
        };
        for input in [&paths.metadata, &paths.payloads] {
            if need_shared && !input.is_file() {
                return Err(Error(format!(
                    "`{}` is missing: the benchmarks read the shared data in ../shared beside the workspace",
                    input.display()
                )));
            }
        }
        Ok(paths)
    }
}

/// The command line, parsed by hand.
enum Command {
    Help,
    Scale {
        skip_build: bool,
        member_constants: bool,
    },
    Release,
    Payloads {
        rounds: u32,
        opt_level: String,
    },
    Diagnostics,
    /// One case of `diagnostics`, run in a child process: command, input, rendered output, output dir.
    DiagnosticsCase([PathBuf; 4]),
    Roundtrip,
}

fn parse_args(args: &[String]) -> Result<Command> {
    let Some((command, rest)) = args.split_first() else { return Err(Error::new(USAGE)) };
    match command.as_str() {
        "scale" => {
            let (mut skip_build, mut member_constants) = (false, true);
            for flag in rest {
                match flag.as_str() {
                    "--skip-build" => skip_build = true,
                    "--no-member-constants" => member_constants = false,
                    _ => return Err(Error(format!("unknown option `{flag}` for `scale`\n\n{USAGE}"))),
                }
            }
            Ok(Command::Scale { skip_build, member_constants })
        }
        "release" if rest.is_empty() => Ok(Command::Release),
        "diagnostics" if rest.is_empty() => Ok(Command::Diagnostics),
        "diagnostics-case" => match rest {
            [a, b, c, d] => Ok(Command::DiagnosticsCase([a, b, c, d].map(PathBuf::from))),
            _ => Err(Error::new("usage: diagnostics-case <list|generate> <input> <output> <out-dir>")),
        },
        "roundtrip" if rest.is_empty() => Ok(Command::Roundtrip),
        "payloads" => {
            let (mut rounds, mut opt_level) = (10, "3".to_owned());
            let mut rest = rest.iter();
            while let Some(flag) = rest.next() {
                let value = rest.next().context(|| format!("`{flag}` needs a value\n\n{USAGE}"))?;
                match flag.as_str() {
                    "--rounds" => {
                        rounds = value.parse().context(|| format!("`--rounds {value}`: not a number"))?;
                        if rounds == 0 {
                            return Err(Error::new("`--rounds` must be at least 1"));
                        }
                    }
                    "--opt-level" => opt_level = value.clone(),
                    _ => return Err(Error(format!("unknown option `{flag}` for `payloads`\n\n{USAGE}"))),
                }
            }
            Ok(Command::Payloads { rounds, opt_level })
        }
        "-h" | "--help" | "help" => Ok(Command::Help),
        other => Err(Error(format!("unknown command `{other}`\n\n{USAGE}"))),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = parse_args(&args).and_then(|command| {
        if let Command::Help = command {
            println!("{USAGE}");
            return Ok(());
        }
        if let Command::DiagnosticsCase([command, input, output, out_dir]) = &command {
            return diagnostics::run_case(&command.to_string_lossy(), input, output, out_dir);
        }
        let paths = Paths::discover(!matches!(command, Command::Diagnostics))?;
        match command {
            Command::Help | Command::DiagnosticsCase(_) => Ok(()),
            Command::Diagnostics => diagnostics::run(&paths),
            Command::Scale { skip_build, member_constants } => scale::run(&paths, skip_build, member_constants),
            Command::Release => release::run(&paths),
            Command::Payloads { rounds, opt_level } => payloads::run(&paths, rounds, &opt_level),
            Command::Roundtrip => roundtrip::run(&paths),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
