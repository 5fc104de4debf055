//! Running a child process and measuring its wall time and peak memory.
//!
//! The peak comes from `wait4`: the kernel reports, for the waited-for child, the largest resident set
//! of the child and of every descendant it waited for. For `cargo check` that is rustc compiling the
//! biggest crate, which is the figure wanted. `getrusage(RUSAGE_CHILDREN)` would instead keep the
//! maximum over every child this process ever had.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Context, Error, Result};

/// What one measured run took.
#[derive(Clone, Copy, Debug)]
pub struct Measured {
    /// Wall time from spawn to exit.
    pub wall: Duration,
    /// Peak resident set size of the process tree's largest process, in bytes.
    pub peak_rss: u64,
    /// CPU time (user + system) of the process tree.
    pub cpu: Duration,
    /// CPU time the rest of the machine used meanwhile (from `/proc/stat`), when known: other builds on a
    /// shared machine skew wall times.
    pub others_cpu: Option<Duration>,
}

impl Measured {
    /// Wall time in seconds.
    pub fn seconds(&self) -> f64 {
        self.wall.as_secs_f64()
    }

    /// Peak memory in MB (10^6 bytes).
    pub fn megabytes(&self) -> f64 {
        self.peak_rss as f64 / 1e6
    }

    /// `12.3 s / 4.56 GB`.
    pub fn describe(&self) -> String {
        format!("{} / {}", seconds(self.wall), bytes(self.peak_rss))
    }

    /// The average number of cores other processes kept busy during the run, when known.
    pub fn others_cores(&self) -> Option<f64> {
        let wall = self.wall.as_secs_f64();
        self.others_cpu.filter(|_| wall > 0.0).map(|cpu| cpu.as_secs_f64() / wall)
    }

    /// `other processes kept 0.8 cores busy`, when they kept at least a tenth of a core busy.
    pub fn contention(&self) -> Option<String> {
        let cores = self.others_cores().filter(|c| *c >= 0.1)?;
        Some(format!("other processes kept {cores:.1} cores busy"))
    }

    /// The run as a JSON object (`wall_s`, `peak_rss_mb`, `cpu_s`, `others_cores`).
    pub fn to_json(self) -> serde_json::Value {
        serde_json::json!({
            "wall_s": round(self.seconds(), 3),
            "peak_rss_mb": round(self.megabytes(), 1),
            "cpu_s": round(self.cpu.as_secs_f64(), 3),
            "others_cores": self.others_cores().map(|c| round(c, 2)),
        })
    }
}

/// Runs `command` with stdout and stderr going to `log`, waits for it and measures it. A failed run
/// (non-zero exit or a signal) is an error that ends with the last lines of the log.
pub fn run_logged(command: &mut Command, log: &Path) -> Result<Measured> {
    if let Some(dir) = log.parent() {
        std::fs::create_dir_all(dir).context(|| format!("cannot create `{}`", dir.display()))?;
    }
    let out = File::create(log).context(|| format!("cannot create `{}`", log.display()))?;
    let err = out.try_clone().context(|| format!("cannot reopen `{}`", log.display()))?;
    command.stdin(Stdio::null()).stdout(out).stderr(err);
    let (measured, status) = spawn_and_wait(command)?;
    if status != Exit::Code(0) {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(25).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(Error(format!(
            "`{}` failed ({status}); last lines of {}:\n{}",
            describe_command(command),
            log.display(),
            tail.join("\n")
        )));
    }
    Ok(measured)
}

/// Runs `command` with inherited stdout and stderr (the user sees its output), measured.
pub fn run_inherited(command: &mut Command) -> Result<Measured> {
    command.stdin(Stdio::null());
    let (measured, status) = spawn_and_wait(command)?;
    if status != Exit::Code(0) {
        return Err(Error(format!("`{}` failed ({status})", describe_command(command))));
    }
    Ok(measured)
}

/// How a child ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    Code(i32),
    Signal(i32),
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exit::Code(code) => write!(f, "exit status {code}"),
            Exit::Signal(signal) => write!(f, "killed by signal {signal}"),
        }
    }
}

fn spawn_and_wait(command: &mut Command) -> Result<(Measured, Exit)> {
    let busy_before = machine_busy();
    let started = Instant::now();
    let child = command.spawn().context(|| format!("cannot start `{}`", describe_command(command)))?;
    let pid = libc::pid_t::try_from(child.id()).context(|| format!("process id {} out of range", child.id()))?;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is a plain C struct of integers, for which all-zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `status` and `usage` are valid, writable and live for the call; `pid` is our child,
        // which nothing else waits for (`child` is dropped without `wait`, which does not reap it).
        let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if waited == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(Error(format!("waiting for `{}`: {err}", describe_command(command))));
        }
    }
    let wall = started.elapsed();
    let busy_after = machine_busy();
    drop(child);
    let exit = if libc::WIFEXITED(status) {
        Exit::Code(libc::WEXITSTATUS(status))
    } else {
        Exit::Signal(libc::WTERMSIG(status))
    };
    // Linux reports ru_maxrss in kilobytes.
    let peak_rss = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    let cpu = timeval(usage.ru_utime) + timeval(usage.ru_stime);
    let others_cpu =
        busy_before.zip(busy_after).map(|(before, after)| after.saturating_sub(before).saturating_sub(cpu));
    Ok((Measured { wall, peak_rss, cpu, others_cpu }, exit))
}

fn timeval(tv: libc::timeval) -> Duration {
    let secs = u64::try_from(tv.tv_sec).unwrap_or(0);
    let micros = u64::try_from(tv.tv_usec).unwrap_or(0);
    Duration::from_secs(secs) + Duration::from_micros(micros)
}

/// The CPU time all cores of the machine have spent busy since boot (`/proc/stat`), if readable.
fn machine_busy() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let fields: Vec<u64> =
        stat.lines().next()?.strip_prefix("cpu ")?.split_whitespace().filter_map(|f| f.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
    let busy: u64 = fields.iter().take(8).enumerate().filter(|(i, _)| *i != 3 && *i != 4).map(|(_, v)| v).sum();
    // SAFETY: sysconf only reads a configuration value.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    let ticks = u64::try_from(ticks).ok().filter(|t| *t > 0)?;
    Some(Duration::from_millis(busy * 1000 / ticks))
}

/// The program and its arguments, for messages.
pub fn describe_command(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}

/// `12.3 s`, `850 ms`.
pub fn seconds(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 1.0 { format!("{:.0} ms", secs * 1e3) } else { format!("{secs:.1} s") }
}

/// `4.56 GB`, `812.4 MB`, `25.3 MB`, `60 KB` (powers of ten, as `/usr/bin/time` figures are usually quoted).
pub fn bytes(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1e9 {
        format!("{:.2} GB", b / 1e9)
    } else if b >= 1e6 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.0} KB", b / 1e3)
    }
}

/// `value` rounded to `digits` decimals, for JSON output.
pub fn round(value: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (value * scale).round() / scale
}
