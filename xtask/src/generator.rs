//! Running the generator: the release `odata-codegen` binary as a child process, measured.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::measure::{self, Measured};
use crate::{Context, Error, Paths, Result};

/// One `stage <name>: <ms> ms, peak RSS <MB> MB` line of the CLI's `--timings` output.
#[derive(Clone, Debug)]
pub struct Stage {
    /// The stage's name.
    pub name: String,
    /// Its time in milliseconds.
    pub ms: f64,
    /// Peak memory at its end, in MB, when printed.
    pub peak_rss_mb: Option<f64>,
}

/// A measured generator run.
#[derive(Debug)]
pub struct GeneratorRun {
    /// Wall time and peak memory of the whole process.
    pub measured: Measured,
    /// Per-stage times, when the CLI prints them.
    pub stages: Vec<Stage>,
    /// Module file per namespace, from the CLI's `namespace: N types -> path` lines.
    pub modules: Vec<(String, PathBuf)>,
    /// The CLI's last summary line (`wrote 12 of 12 files ...`).
    pub summary: String,
}

/// The size of the generated Rust.
#[derive(Debug)]
pub struct OutputSize {
    /// Total bytes of every `.rs` file.
    pub total: u64,
    /// Number of `.rs` files.
    pub files: usize,
    /// The largest file's name and size.
    pub largest: (String, u64),
}

/// Builds the release CLI (`cargo build --release -p odata-codegen-cli`) and returns its path.
pub fn build_cli(paths: &Paths) -> Result<PathBuf> {
    eprintln!("building the release odata-codegen binary ...");
    let log = paths.scale.join("logs/build-cli.log");
    let mut command = Command::new(cargo());
    command.current_dir(&paths.workspace).args([
        "build",
        "--release",
        "-p",
        "odata-codegen-cli",
        "--bin",
        "odata-codegen",
    ]);
    measure::run_logged(&mut command, &log)?;
    let binary = paths.target.join("release/odata-codegen");
    if !binary.is_file() {
        return Err(Error(format!("`{}` was not built", binary.display())));
    }
    Ok(binary)
}

/// Runs `cli generate <metadata> --include <root>... --out <out>` into an emptied `out`, measured, with
/// `--timings` when the CLI offers it.
pub fn generate(
    cli: &Path,
    metadata: &Path,
    roots: &[String],
    extra: &[&str],
    out: &Path,
    log: &Path,
) -> Result<GeneratorRun> {
    if out.exists() {
        std::fs::remove_dir_all(out).context(|| format!("cannot empty `{}`", out.display()))?;
    }
    let mut command = Command::new(cli);
    command.arg("generate").arg(metadata);
    for root in roots {
        command.args(["--include", root]);
    }
    command.args(extra).arg("--out").arg(out);
    if offers_timings(cli)? {
        command.arg("--timings");
    }
    let measured = measure::run_logged(&mut command, log)?;
    let text = std::fs::read_to_string(log).context(|| format!("cannot read `{}`", log.display()))?;
    let stages = text.lines().filter_map(parse_stage).collect();
    let modules = module_files(&text);
    let summary = text.lines().rev().find(|l| l.starts_with("wrote ")).unwrap_or_default().to_owned();
    Ok(GeneratorRun { measured, stages, modules, summary })
}

/// The module files `generate` reports (`namespace: N types -> path` lines of its output).
pub fn module_files(output: &str) -> Vec<(String, PathBuf)> {
    output
        .lines()
        .filter_map(|line| {
            let (namespace, rest) = line.split_once(": ")?;
            let (_, path) = rest.split_once(" types -> ")?;
            (!namespace.contains(' ')).then(|| (namespace.to_owned(), PathBuf::from(path.trim())))
        })
        .collect()
}

/// Whether `generate --help` mentions `--timings`.
fn offers_timings(cli: &Path) -> Result<bool> {
    let help = Command::new(cli)
        .args(["generate", "--help"])
        .output()
        .context(|| format!("cannot run `{} generate --help`", cli.display()))?;
    Ok(String::from_utf8_lossy(&help.stdout).contains("--timings"))
}

/// Parses `stage <name>: <ms> ms, peak RSS <MB> MB` (the RSS part optional).
fn parse_stage(line: &str) -> Option<Stage> {
    let rest = line.trim().strip_prefix("stage ")?;
    let (name, rest) = rest.split_once(": ")?;
    let (ms, rest) = rest.split_once(" ms")?;
    let peak_rss_mb = rest
        .split_once("peak RSS ")
        .and_then(|(_, mb)| mb.trim().strip_suffix("MB"))
        .and_then(|mb| mb.trim().parse().ok());
    Some(Stage { name: name.trim().to_owned(), ms: ms.trim().parse().ok()?, peak_rss_mb })
}

/// The total and largest size of the `.rs` files in `dir` and its subdirectories.
pub fn output_size(dir: &Path) -> Result<OutputSize> {
    let mut size = OutputSize { total: 0, files: 0, largest: (String::new(), 0) };
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current).context(|| format!("cannot list `{}`", current.display()))?;
        for entry in entries {
            let entry = entry.context(|| format!("cannot list `{}`", current.display()))?;
            let path = entry.path();
            let metadata = entry.metadata().context(|| format!("cannot stat `{}`", path.display()))?;
            if metadata.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            size.total += metadata.len();
            size.files += 1;
            if metadata.len() > size.largest.1 {
                let name = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
                size.largest = (name, metadata.len());
            }
        }
    }
    Ok(size)
}

/// The cargo that runs this tool (`$CARGO`), or `cargo` from `PATH`.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::parse_stage;

    #[test]
    fn stage_lines_parse() {
        let stage = parse_stage("stage emit: 1234.5 ms, peak RSS 812 MB").expect("a stage line");
        assert_eq!((stage.name.as_str(), stage.ms, stage.peak_rss_mb), ("emit", 1234.5, Some(812.0)));
        let stage = parse_stage("stage read: 18 ms").expect("a stage line");
        assert_eq!((stage.ms, stage.peak_rss_mb), (18.0, None));
        assert!(parse_stage("warning: stage").is_none());
    }
}
