//! How long each stage of a run took and how much memory the process had used by its end, for
//! `generate --timings` and the scale benchmark.

use std::fmt;
use std::time::{Duration, Instant};

/// The stages of a run, in order.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    stages: Vec<Stage>,
}

/// One stage: its name, its wall time, and the process's peak resident memory at its end.
#[derive(Clone, Debug)]
pub struct Stage {
    /// `parse`, `model`, `select`, `emit`, `compare`, `write`.
    pub name: &'static str,
    /// Wall time of the stage.
    pub elapsed: Duration,
    /// Peak resident memory of the process so far, in KiB (`None` where the platform does not say).
    pub peak_rss_kib: Option<u64>,
}

impl Timings {
    /// Records that stage `name` ran from `started` until now.
    pub fn record(&mut self, name: &'static str, started: Instant) {
        self.stages.push(Stage { name, elapsed: started.elapsed(), peak_rss_kib: peak_rss_kib() });
    }

    /// The stages recorded so far.
    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }
}

impl fmt::Display for Timings {
    /// One line per stage: `stage emit: 412 ms, peak RSS 187 MB`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for stage in &self.stages {
            write!(f, "stage {}: {} ms", stage.name, stage.elapsed.as_millis())?;
            match stage.peak_rss_kib {
                Some(kib) => writeln!(f, ", peak RSS {} MB", kib / 1024)?,
                None => writeln!(f)?,
            }
        }
        Ok(())
    }
}

/// The process's peak resident set size (`VmHWM` of `/proc/self/status`, Linux only).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_print_one_line_each() {
        let mut timings = Timings::default();
        timings.record("parse", Instant::now());
        timings.record("emit", Instant::now());
        let text = timings.to_string();
        assert_eq!(text.lines().count(), 2);
        assert!(text.starts_with("stage parse: "), "{text}");
        assert!(text.lines().nth(1).is_some_and(|l| l.starts_with("stage emit: ")), "{text}");
    }
}
