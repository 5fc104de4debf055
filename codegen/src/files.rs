//! Output files: the single-file layout for `include!`, reading what an output holds now, and writing
//! one file through a temporary file and a rename (replacing a whole output is [`crate::swap`]'s).

use std::path::{Path, PathBuf};

use quote::ToTokens;

use crate::emit::GeneratedFile;

/// Where generated code goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// One file with every module inline, for `include!(concat!(env!("OUT_DIR"), "/odata_models.rs"))`.
    File(PathBuf),
    /// A directory with one file per module and a root file declaring them.
    Directory(PathBuf),
}

impl Output {
    /// The file or directory path.
    pub fn path(&self) -> &Path {
        match self {
            Output::File(path) | Output::Directory(path) => path,
        }
    }

    /// The path of the output file named `name` (a generated file's path).
    pub fn file_path(&self, name: &str) -> PathBuf {
        match self {
            Output::File(path) => path.clone(),
            Output::Directory(dir) => dir.join(name),
        }
    }
}

/// A file as it is on disk now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExistingFile {
    /// Path relative to the output directory (for a single-file output, its name).
    pub path: String,
    /// Its text (invalid UTF-8 replaced).
    pub contents: String,
}

/// The files that `output` holds now: every regular file of a directory output (not subdirectories),
/// or the single file, when they exist. `generated` names the single file.
pub fn read_existing(output: &Output, generated: &[GeneratedFile]) -> Vec<ExistingFile> {
    let read = |path: &Path| std::fs::read(path).ok().map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    match output {
        Output::File(path) => {
            let name = generated.first().map_or_else(String::new, |f| f.path.clone());
            read(path).map(|contents| ExistingFile { path: name, contents }).into_iter().collect()
        }
        Output::Directory(dir) => {
            let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
            let mut files: Vec<ExistingFile> = entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| {
                    let path = e.file_name().to_string_lossy().into_owned();
                    read(&e.path()).map(|contents| ExistingFile { path, contents })
                })
                .filter(|f| !f.path.starts_with('.'))
                .collect();
            files.sort_by(|a, b| a.path.cmp(&b.path));
            files
        }
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// The files of a directory output as one file for `include!`: each `pub mod name;` line of the root
/// file is replaced by the module's file inline (`pub mod name { ... }`, recursively), as text, so the
/// modules read exactly as in a directory output. `include!` allows no inner attributes at the top, so
/// the root file's own docs become plain comments.
pub fn single_file(files: &[GeneratedFile], root_file: &str) -> String {
    let find = |path: &str| files.iter().find(|f| f.path == path).map(|f| f.contents.as_str());
    let Some(root) = find(root_file) else {
        // Not reachable with emitter output; keep the text so the compiler shows what is wrong.
        return files.iter().map(|f| f.contents.as_str()).collect();
    };
    let mut out = String::with_capacity(files.iter().map(|f| f.contents.len() + f.contents.len() / 8).sum());
    for line in root.lines() {
        match line.strip_prefix("//!") {
            Some(doc) => out.push_str(&format!("//{doc}\n")),
            None => push_line_or_module(&mut out, line, "", 0, &find),
        }
    }
    out
}

/// Appends `line` indented by `indent`, or, when it declares a module whose file is generated, that
/// module inline.
fn push_line_or_module<'f>(
    out: &mut String,
    line: &str,
    directory: &str,
    indent: usize,
    find: &impl Fn(&str) -> Option<&'f str>,
) {
    let declared = line.strip_prefix("pub mod ").and_then(|rest| rest.strip_suffix(';'));
    let file = declared.and_then(|name| find(&format!("{directory}{}.rs", name.trim_start_matches("r#"))));
    let (Some(name), Some(file)) = (declared, file) else {
        if !line.is_empty() {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(line);
        out.push('\n');
        return;
    };
    out.push_str(&format!("{}pub mod {name} {{\n", " ".repeat(indent)));
    let nested = format!("{directory}{}/", name.trim_start_matches("r#"));
    let mut in_string = false;
    // The module file's own `@generated` line is said once, at the top.
    for line in file.lines().skip_while(|l| l.starts_with("// @generated")) {
        if in_string {
            out.push_str(line); // inside a string literal that spans lines: indenting would change it
            out.push('\n');
        } else {
            push_line_or_module(out, line, &nested, indent + 4, find);
        }
        in_string ^= ends_inside_string(line, in_string);
    }
    out.push_str(&format!("{}}}\n", " ".repeat(indent)));
}

/// Whether a string literal opens or closes on `line` without the other (quotes counted outside line
/// comments, escapes skipped), given whether the line starts inside one.
fn ends_inside_string(line: &str, starts_inside: bool) -> bool {
    let mut inside = starts_inside;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if inside => {
                chars.next();
            }
            '"' => inside = !inside,
            '/' if !inside && chars.peek() == Some(&'/') => break,
            '\'' if !inside => {
                // A char literal such as '"' (a lifetime has no closing quote two chars on).
                let mut ahead = chars.clone();
                if matches!((ahead.next(), ahead.next()), (Some(_), Some('\''))) {
                    chars.next();
                    chars.next();
                }
            }
            _ => {}
        }
    }
    inside != starts_inside
}

/// The tokens of `item` as text (for comparisons).
pub(crate) fn token_text(item: &impl ToTokens) -> String {
    item.to_token_stream().to_string()
}
