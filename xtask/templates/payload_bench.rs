//! The payload benchmark binary, written by `cargo run -p xtask --release -- payloads` (do not edit: the
//! template is `xtask/templates/payload_bench.rs`).
//!
//! Usage: `payload-bench <records.jsonl> <out-dir> <rounds>`. Classifies every record of the Graph docs
//! file, then times reading the records that read into the generated models three ways: as
//! `serde_json::Value`, into the generated type and into the naive derive model's type.

#[allow(dead_code, unused_imports, clippy::all)]
mod dispatch;
#[allow(dead_code, unused_imports, clippy::all)]
mod models;
#[allow(dead_code, unused_imports, clippy::all)]
mod naive;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Reads one JSON text into one type and drops it.
pub type Reader = fn(&str) -> Result<(), serde_json::Error>;

/// Reads `text` as `T`, keeping the value alive until it is read completely.
pub fn read<T: serde::de::DeserializeOwned>(text: &str) -> Result<(), serde_json::Error> {
    let value: T = serde_json::from_str(text)?;
    black_box(&value);
    Ok(())
}

/// The `features` of a record that mark a placeholder body (type names or templates where values belong).
const PLACEHOLDER_FEATURES: &[&str] =
    &["placeholder_type_string", "template_placeholder", "name_value_placeholder", "ellipsis_in_string"];

/// One line of the records file.
struct Record {
    index: usize,
    id: String,
    text: String,
    odata_type: Option<String>,
    placeholder: bool,
    truncated: bool,
    class: Class,
    /// The naive model's outcome, when the type has a naive reader.
    naive: Option<Result<(), String>>,
}

/// What happened to a record, exactly one per record.
#[derive(Clone, Debug, PartialEq)]
enum Class {
    /// The line is not a JSON object with a string `body_text`.
    BadRecord(String),
    /// The body is not strict JSON (`json_strict_ok` false, or serde_json rejects it).
    NotStrict(String),
    /// The record names no `odata_type`.
    NoType,
    /// The `odata_type` names no entity, complex or enum type of the model.
    UnknownType,
    /// The type exists but no generated Rust type was found for it.
    NoGeneratedType,
    /// The body reads into the generated type.
    Reads,
    /// Reading into the generated type fails with this first error.
    Fails(String),
}

impl Class {
    fn label(&self) -> &'static str {
        match self {
            Class::BadRecord(_) => "record line unreadable",
            Class::NotStrict(_) => "body not strict JSON",
            Class::NoType => "no odata_type",
            Class::UnknownType => "odata_type not in the model",
            Class::NoGeneratedType => "type without a generated Rust type",
            Class::Reads => "reads into the generated type",
            Class::Fails(_) => "fails in the generated type",
        }
    }
}

const CLASS_ORDER: &[&str] = &[
    "record line unreadable",
    "body not strict JSON",
    "no odata_type",
    "odata_type not in the model",
    "type without a generated Rust type",
    "reads into the generated type",
    "fails in the generated type",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(out_dir), Some(rounds)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: payload-bench <records.jsonl> <out-dir> <rounds>");
        std::process::exit(2);
    };
    let rounds: u32 = rounds.parse().unwrap_or(10).max(1);
    let text = match std::fs::read_to_string(input) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("error: cannot read `{input}`: {err}");
            std::process::exit(1);
        }
    };
    let records: Vec<Record> =
        text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| classify(i, l)).collect();
    let mut report = String::new();
    let summary = report_classes(&records, input, &mut report);
    let readable: Vec<&Record> = records.iter().filter(|r| r.class == Class::Reads).collect();
    let both: Vec<&Record> = readable.iter().copied().filter(|r| matches!(r.naive, Some(Ok(())))).collect();
    let timings = [
        ("records that read into the generated type", time_set(&readable, rounds)),
        ("records that read into both models", time_set(&both, rounds)),
    ];
    for (label, timing) in &timings {
        report_timing(label, timing, rounds, &mut report);
    }
    print!("{report}");
    if let Err(err) = write_outputs(out_dir, &records, &summary, &timings) {
        eprintln!("error: {err}");
        std::process::exit(1);
    }
}

/// Reads and classifies one line.
fn classify(index: usize, line: &str) -> Record {
    let mut record = Record {
        index,
        id: String::new(),
        text: String::new(),
        odata_type: None,
        placeholder: false,
        truncated: false,
        class: Class::NoType,
        naive: None,
    };
    let value: serde_json::Value = match serde_json::from_str(line) {
        Ok(value) => value,
        Err(err) => {
            record.class = Class::BadRecord(err.to_string());
            return record;
        }
    };
    record.id = value["id"].as_str().unwrap_or_default().to_owned();
    let Some(text) = value["body_text"].as_str() else {
        record.class = Class::BadRecord("no string `body_text`".to_owned());
        return record;
    };
    record.text = text.to_owned();
    record.truncated = value["truncated"].as_bool() == Some(true);
    record.placeholder = value["features"]
        .as_array()
        .is_some_and(|f| f.iter().any(|f| f.as_str().is_some_and(|f| PLACEHOLDER_FEATURES.contains(&f))));
    record.odata_type = value["odata_type"].as_str().map(|t| t.trim_start_matches('#').to_owned());
    record.class = if value["json_strict_ok"].as_bool() != Some(true) {
        let reason = value["json_error"].as_str().unwrap_or("json_strict_ok is not true");
        Class::NotStrict(reason.to_owned())
    } else if let Err(err) = serde_json::from_str::<serde_json::Value>(text) {
        Class::NotStrict(format!("serde_json: {err}"))
    } else {
        match record.odata_type.as_deref() {
            None => Class::NoType,
            Some(name) if !dispatch::KNOWN_TYPES.contains(&name) => Class::UnknownType,
            Some(name) => {
                record.naive = dispatch::naive_reader(name).map(|read| read(text).map_err(|e| e.to_string()));
                match dispatch::generated_reader(name) {
                    None => Class::NoGeneratedType,
                    Some(read) => match read(text) {
                        Ok(()) => Class::Reads,
                        Err(err) => Class::Fails(err.to_string()),
                    },
                }
            }
        }
    };
    record
}

/// Counts per class (with placeholder-like and truncated counts), the naive model's results and the most
/// common first errors; returns the counts for the JSON output.
fn report_classes(records: &[Record], input: &str, out: &mut String) -> serde_json::Value {
    let mut counts: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for record in records {
        let entry = counts.entry(record.class.label()).or_default();
        entry[0] += 1;
        entry[1] += usize::from(record.placeholder);
        entry[2] += usize::from(record.truncated);
    }
    let _ = writeln!(out, "payloads: {} records in {input}\n", records.len());
    let _ = writeln!(out, "{:<38} {:>8} {:>18} {:>10}", "class", "records", "placeholder-like", "truncated");
    for label in CLASS_ORDER {
        let [n, placeholder, truncated] = counts.get(label).copied().unwrap_or_default();
        let _ = writeln!(out, "{label:<38} {n:>8} {placeholder:>18} {truncated:>10}");
    }
    let _ = writeln!(out, "{:<38} {:>8}", "total", records.len());

    let naive_on = |class: fn(&Class) -> bool, ok: bool| {
        records.iter().filter(|r| class(&r.class) && r.naive.as_ref().is_some_and(|n| n.is_ok() == ok)).count()
    };
    let reads = |c: &Class| *c == Class::Reads;
    let fails = |c: &Class| matches!(c, Class::Fails(_));
    let (naive_reads_of_reads, naive_fails_of_reads) = (naive_on(reads, true), naive_on(reads, false));
    let (naive_reads_of_fails, naive_fails_of_fails) = (naive_on(fails, true), naive_on(fails, false));
    let _ = writeln!(
        out,
        "\nnaive model: of the records that read into the generated type, {naive_reads_of_reads} read and \
         {naive_fails_of_reads} fail in the naive type; of those that fail in the generated type, \
         {naive_reads_of_fails} read and {naive_fails_of_fails} fail in the naive type"
    );

    let unknown: BTreeMap<&str, usize> = records
        .iter()
        .filter(|r| r.class == Class::UnknownType)
        .filter_map(|r| r.odata_type.as_deref())
        .fold(BTreeMap::new(), |mut m, t| {
            *m.entry(t).or_default() += 1;
            m
        });
    if !unknown.is_empty() {
        let names: Vec<String> = unknown.iter().map(|(t, n)| format!("{t} ({n})")).collect();
        let _ = writeln!(out, "odata_type names not in the model: {}", names.join(", "));
    }
    let groups = error_groups(records);
    let _ = writeln!(out, "\nfirst errors in the generated type, grouped (position stripped), most common first:");
    for (message, (count, example)) in groups.iter().take(15) {
        let _ = writeln!(out, "{count:>5}  {message}  (e.g. line {example})");
    }
    if groups.len() > 15 {
        let _ = writeln!(out, "  ... {} more kinds; every record is in payloads-classes.tsv", groups.len() - 15);
    }
    let classes: BTreeMap<&str, serde_json::Value> = counts
        .iter()
        .map(|(k, [n, p, t])| (*k, serde_json::json!({ "records": n, "placeholder_like": p, "truncated": t })))
        .collect();
    serde_json::json!({
        "records": records.len(),
        "classes": classes,
        "naive": {
            "reads_of_generated_reads": naive_reads_of_reads,
            "fails_of_generated_reads": naive_fails_of_reads,
            "reads_of_generated_fails": naive_reads_of_fails,
            "fails_of_generated_fails": naive_fails_of_fails,
        },
    })
}

/// Failure messages without their ` at line L column C`, with a count and an example line index, most
/// common first.
fn error_groups(records: &[Record]) -> Vec<(String, (usize, usize))> {
    let mut groups: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for record in records {
        if let Class::Fails(message) = &record.class {
            let short = message.split(" at line ").next().unwrap_or(message).to_owned();
            groups.entry(short).or_insert((0, record.index)).0 += 1;
        }
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    groups
}

/// The best round of each way of reading one set of records.
struct Timing {
    records: usize,
    bytes: usize,
    reps: u32,
    value: Duration,
    generated: Duration,
    naive: Duration,
    naive_errors: usize,
}

/// Times the three readers over `set`: one warm-up round, then `rounds` rounds, each reading the set
/// `reps` times per reader (`reps` chosen so that a round of `Value` takes at least 50 ms); the best
/// round of each reader counts. The readers alternate within a round, so drift hits them alike.
fn time_set(set: &[&Record], rounds: u32) -> Timing {
    let entries: Vec<(&str, Reader, Reader)> = set
        .iter()
        .filter_map(|r| {
            let name = r.odata_type.as_deref()?;
            Some((r.text.as_str(), dispatch::generated_reader(name)?, dispatch::naive_reader(name)?))
        })
        .collect();
    let bytes = entries.iter().map(|e| e.0.len()).sum();
    let value_reader: Reader = read::<serde_json::Value>;
    let pass = |pick: &dyn Fn(&(&str, Reader, Reader)) -> Reader, reps: u32| -> (Duration, usize) {
        let started = Instant::now();
        let mut errors = 0;
        for _ in 0..reps {
            for entry in &entries {
                errors += usize::from(black_box(pick(entry)(black_box(entry.0))).is_err());
            }
        }
        (started.elapsed(), errors)
    };
    let (one, _) = pass(&|_| value_reader, 1);
    let reps = if one.is_zero() { 1000 } else { (0.05 / one.as_secs_f64()).ceil().clamp(1.0, 1000.0) as u32 };
    let mut best = [Duration::MAX; 3];
    let mut naive_errors = 0;
    for round in 0..=rounds {
        let value = pass(&|_| value_reader, reps).0;
        let generated = pass(&|e| e.1, reps).0;
        let (naive, errors) = pass(&|e| e.2, reps);
        naive_errors = errors / reps as usize;
        if round > 0 {
            for (slot, time) in best.iter_mut().zip([value, generated, naive]) {
                *slot = (*slot).min(time);
            }
        }
    }
    let [value, generated, naive] = best;
    Timing { records: entries.len(), bytes, reps, value, generated, naive, naive_errors }
}

/// The timing table of one set.
fn report_timing(label: &str, t: &Timing, rounds: u32, out: &mut String) {
    let _ = writeln!(
        out,
        "\ntiming over the {} {label} ({:.1} KB; {} reads of the set per round, best of {rounds} rounds after a warm-up):",
        t.records,
        t.bytes as f64 / 1e3,
        t.reps
    );
    if t.records == 0 {
        let _ = writeln!(out, "  (no records)");
        return;
    }
    let _ = writeln!(out, "  {:<22} {:>10} {:>14} {:>12}", "reader", "MB/s", "ms per read", "time / Value");
    for (name, time) in [("serde_json::Value", t.value), ("generated", t.generated), ("naive derive", t.naive)] {
        let per_read = time.as_secs_f64() * 1e3 / f64::from(t.reps);
        let _ = writeln!(
            out,
            "  {name:<22} {:>10.1} {per_read:>14.3} {:>11.2}x",
            mb_per_s(t.bytes, t.reps, time),
            time.as_secs_f64() / t.value.as_secs_f64()
        );
    }
    let _ = writeln!(
        out,
        "  generated / Value: {:.2}x the time; generated / naive: {:.2}x the time{}",
        t.generated.as_secs_f64() / t.value.as_secs_f64(),
        t.generated.as_secs_f64() / t.naive.as_secs_f64(),
        if t.naive_errors > 0 {
            format!(" ({} records fail in the naive model)", t.naive_errors)
        } else {
            String::new()
        }
    );
}

fn mb_per_s(bytes: usize, reps: u32, time: Duration) -> f64 {
    bytes as f64 * f64::from(reps) / 1e6 / time.as_secs_f64()
}

/// `payloads-readable.txt`, `payloads-classes.tsv` and `payloads.json` in `dir`.
fn write_outputs(
    dir: &str,
    records: &[Record],
    summary: &serde_json::Value,
    timings: &[(&str, Timing)],
) -> Result<(), String> {
    let dir = std::path::Path::new(dir);
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|err| format!("cannot write `{}`: {err}", path.display()))
    };
    let readable: String =
        records.iter().filter(|r| r.class == Class::Reads).map(|r| format!("{}\n", r.index)).collect();
    write("payloads-readable.txt", readable)?;
    let mut tsv = String::from("line\tid\tclass\todata_type\tplaceholder\ttruncated\tgenerated_error\tnaive\n");
    for r in records {
        let error = match &r.class {
            Class::Fails(e) | Class::NotStrict(e) | Class::BadRecord(e) => e.as_str(),
            _ => "",
        };
        let naive = match &r.naive {
            None => "-".to_owned(),
            Some(Ok(())) => "reads".to_owned(),
            Some(Err(e)) => e.clone(),
        };
        let _ = writeln!(
            tsv,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.index,
            r.id,
            r.class.label(),
            r.odata_type.as_deref().unwrap_or(""),
            r.placeholder,
            r.truncated,
            error.replace(['\t', '\n'], " "),
            naive.replace(['\t', '\n'], " ")
        );
    }
    write("payloads-classes.tsv", tsv)?;
    let timings: Vec<serde_json::Value> = timings
        .iter()
        .map(|(label, t)| {
            serde_json::json!({
                "set": label,
                "records": t.records,
                "bytes": t.bytes,
                "reps_per_round": t.reps,
                "value": { "ms_per_read": t.value.as_secs_f64() * 1e3 / f64::from(t.reps), "mb_per_s": mb_per_s(t.bytes, t.reps, t.value) },
                "generated": { "ms_per_read": t.generated.as_secs_f64() * 1e3 / f64::from(t.reps), "mb_per_s": mb_per_s(t.bytes, t.reps, t.generated) },
                "naive": { "ms_per_read": t.naive.as_secs_f64() * 1e3 / f64::from(t.reps), "mb_per_s": mb_per_s(t.bytes, t.reps, t.naive), "errors": t.naive_errors },
                "generated_over_value": t.generated.as_secs_f64() / t.value.as_secs_f64(),
                "generated_over_naive": t.generated.as_secs_f64() / t.naive.as_secs_f64(),
            })
        })
        .collect();
    let json = serde_json::json!({ "classification": summary, "timings": timings });
    write("payloads.json", format!("{json:#}\n"))
}
