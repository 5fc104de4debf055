//! The round-trip check of the Graph v1.0 doc bodies, written by `cargo run -p xtask -- roundtrip` (do
//! not edit: the template is `xtask/templates/roundtrip.rs`).
//!
//! Usage: `graph-roundtrip <records.jsonl> <out.tsv>`. Every record is classified, none skipped; a
//! body whose type is in the model is read into its generated type (strictly) and written back, and
//! the two JSON values are compared (member order aside). A body that fails to read is read again
//! leniently, which must read it and write it back equal too. Exit status 1 when a body reads but
//! writes back different JSON, or fails for another reason than a value invalid for its Edm type.

#[allow(dead_code, deprecated, clippy::all)]
mod dispatch;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

/// Checks one body of one type.
pub type Check = fn(&str) -> Class;

/// What happened to a record, exactly one per record.
#[derive(Clone, Debug, PartialEq)]
pub enum Class {
    /// The line is not a JSON object with a string `body_text`.
    BadRecord(String),
    /// The body is not strict JSON.
    NotStrict,
    /// The record names no `odata_type`.
    NoType,
    /// The `odata_type` is not a type of the model.
    UnknownType,
    /// No generated Rust type was found for the type.
    NoGeneratedType,
    /// Read and written back JSON-equal.
    Exact,
    /// Read, but written back differently: where.
    Lossy(String),
    /// Refused for a value invalid for its type (the message names the path); whether the lenient
    /// read then reads it and writes it back equal.
    Invalid(String, bool),
    /// Refused for another reason.
    Fails(String),
}

impl Class {
    fn label(&self) -> &'static str {
        match self {
            Class::BadRecord(_) => "record line unreadable",
            Class::NotStrict => "body not strict JSON",
            Class::NoType => "no odata_type",
            Class::UnknownType => "odata_type not in the model",
            Class::NoGeneratedType => "type without a generated Rust type",
            Class::Exact => "reads and writes back equal",
            Class::Lossy(_) => "reads, writes back DIFFERENT JSON",
            Class::Invalid(_, _) => "refused: a value invalid for its type",
            Class::Fails(_) => "refused for another reason",
        }
    }
}

const ORDER: &[&str] = &[
    "record line unreadable",
    "body not strict JSON",
    "no odata_type",
    "odata_type not in the model",
    "type without a generated Rust type",
    "reads and writes back equal",
    "reads, writes back DIFFERENT JSON",
    "refused: a value invalid for its type",
    "refused for another reason",
];

/// Reads `text` as `T`, writes it back and compares; on failure, reads it leniently.
pub fn check<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> Class {
    let Ok(input) = serde_json::from_str::<Value>(text) else { return Class::NotStrict };
    match serde_json::from_str::<T>(text) {
        Ok(value) => match serde_json::to_value(&value) {
            Ok(written) => match first_difference(&input, &written, "") {
                None => Class::Exact,
                Some(difference) => Class::Lossy(difference),
            },
            Err(error) => Class::Lossy(format!("cannot write: {error}")),
        },
        Err(error) => {
            let message = error.to_string();
            if !(message.starts_with("invalid type at `") || message.starts_with("invalid value at `")) {
                return Class::Fails(message);
            }
            let lenient = odata_runtime::lenient::from_str::<T>(text)
                .ok()
                .and_then(|read| serde_json::to_value(&read.value).ok())
                .is_some_and(|written| first_difference(&input, &written, "").is_none());
            Class::Invalid(message, lenient)
        }
    }
}

/// The first place where `a` and `b` differ, as a path with both values.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, value) in x {
                let at = format!("{path}/{key}");
                match y.get(key) {
                    None => return Some(format!("{at}: {value} was not written")),
                    Some(other) => {
                        if let Some(difference) = first_difference(value, other, &at) {
                            return Some(difference);
                        }
                    }
                }
            }
            y.iter().find(|(key, _)| !x.contains_key(*key)).map(|(key, value)| format!("{path}/{key}: {value} was added"))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (x, y))| first_difference(x, y, &format!("{path}/{i}")))
        }
        _ if a == b => None,
        _ => Some(format!("{path}: {a} became {b}")),
    }
}

fn classify(line: &str) -> (String, Option<String>, Class) {
    let record: Value = match serde_json::from_str(line) {
        Ok(record) => record,
        Err(error) => return (String::new(), None, Class::BadRecord(error.to_string())),
    };
    let id = record["id"].as_str().unwrap_or_default().to_owned();
    let odata_type = record["odata_type"].as_str().map(|t| t.trim_start_matches('#').to_owned());
    let Some(text) = record["body_text"].as_str() else {
        return (id, odata_type, Class::BadRecord("no string `body_text`".to_owned()));
    };
    let class = if record["json_strict_ok"].as_bool() != Some(true) || serde_json::from_str::<Value>(text).is_err() {
        Class::NotStrict
    } else {
        match odata_type.as_deref() {
            None => Class::NoType,
            Some(name) if !dispatch::KNOWN_TYPES.contains(&name) => Class::UnknownType,
            Some(name) => match dispatch::checker(name) {
                None => Class::NoGeneratedType,
                Some(check) => check(text),
            },
        }
    };
    (id, odata_type, class)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: graph-roundtrip <records.jsonl> <out.tsv>");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(input) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read `{input}`: {error}");
            std::process::exit(1);
        }
    };
    let records: Vec<(usize, (String, Option<String>, Class))> =
        text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| (i, classify(l))).collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut tsv = String::from("line\tid\todata_type\tclass\tdetail\n");
    let mut groups: BTreeMap<String, usize> = BTreeMap::new();
    let (mut lenient_ok, mut lenient_lossy) = (0, 0);
    for (line, (id, odata_type, class)) in &records {
        *counts.entry(class.label()).or_default() += 1;
        let detail = match class {
            Class::BadRecord(detail) | Class::Lossy(detail) | Class::Fails(detail) => detail.clone(),
            Class::Invalid(message, lenient) => {
                if *lenient {
                    lenient_ok += 1;
                } else {
                    lenient_lossy += 1;
                }
                // Grouped by what was expected, without the path and the position.
                let what = message.split(": expected ").nth(1).unwrap_or(message);
                let what = what.split(", found ").next().unwrap_or(what);
                *groups.entry(what.to_owned()).or_default() += 1;
                format!("{message} (lenient read {})", if *lenient { "equal" } else { "DIFFERENT" })
            }
            _ => String::new(),
        };
        let _ = writeln!(
            tsv,
            "{line}\t{id}\t{}\t{}\t{}",
            odata_type.as_deref().unwrap_or(""),
            class.label(),
            detail.replace(['\t', '\n'], " ")
        );
    }
    println!("roundtrip: {} records in {input}\n", records.len());
    for label in ORDER {
        println!("{label:<40} {:>6}", counts.get(label).copied().unwrap_or_default());
    }
    println!("{:<40} {:>6}", "total", records.len());
    println!("\nrefused bodies read leniently: {lenient_ok} write back equal, {lenient_lossy} differ");
    println!("\nrefused values by expected type:");
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (what, count) in &groups {
        println!("{count:>6}  {what}");
    }
    let bad: Vec<String> = records
        .iter()
        .filter(|(_, (_, _, class))| matches!(class, Class::Lossy(_) | Class::Fails(_)))
        .map(|(line, (id, _, class))| format!("line {line} {id}: {} {class:?}", class.label()))
        .collect();
    for problem in &bad {
        println!("{problem}");
    }
    println!(
        "\ncounts: exact={} lossy={} invalid={} other={} lenient_equal={lenient_ok} lenient_different={lenient_lossy}",
        counts.get("reads and writes back equal").copied().unwrap_or_default(),
        counts.get("reads, writes back DIFFERENT JSON").copied().unwrap_or_default(),
        counts.get("refused: a value invalid for its type").copied().unwrap_or_default(),
        counts.get("refused for another reason").copied().unwrap_or_default(),
    );
    if let Err(error) = std::fs::write(out, tsv) {
        eprintln!("error: cannot write `{out}`: {error}");
        std::process::exit(1);
    }
    if !bad.is_empty() || lenient_lossy > 0 {
        std::process::exit(1);
    }
}
