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

/// The files of a directory output as one file for `include!`: each `mod name;` of the root file is
/// replaced by the module's file inline (`mod name { ... }`, recursively). `include!` allows no inner
/// attributes at the top, so the root file's own docs become plain comments.
pub fn single_file(files: &[GeneratedFile], root_file: &str) -> String {
    let find = |path: &str| files.iter().find(|f| f.path == path).map(|f| f.contents.as_str());
    let Some(root) = find(root_file).and_then(|text| syn::parse_file(text).ok()) else {
        // Not reachable with emitter output; keep the text so the compiler shows what is wrong.
        return files.iter().map(|f| f.contents.as_str()).collect();
    };
    let header = find(root_file).and_then(|text| text.lines().next()).filter(|line| line.starts_with("//"));
    let mut comment = header.map_or_else(String::new, |line| format!("{line}\n"));
    for attribute in &root.attrs {
        if let syn::Meta::NameValue(doc) = &attribute.meta
            && doc.path.is_ident("doc")
            && let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) = &doc.value
        {
            comment.push_str(&format!("//{}\n", text.value()));
        }
    }
    let items = inline_modules(root.items, "", &find);
    let file = syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items };
    format!("{comment}\n{}", separate_items(&prettyplease::unparse(&file)))
}

/// A blank line between the items of a module and after a module's own docs, at the top level and
/// inside inline modules (indented 4 spaces), like the emitter's files.
fn separate_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut item_ended_at: Option<usize> = None;
    let mut header_at: Option<usize> = None;
    for line in text.lines() {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        let module_level = !content.is_empty() && (indent == 0 || indent == 4);
        let header = content.starts_with("//!") || content.starts_with("#![");
        let after_item = item_ended_at == Some(indent);
        let after_header = header_at == Some(indent) && !header;
        if module_level && (after_item || after_header) && !content.starts_with('}') {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        item_ended_at = (module_level && (content == "}" || content.ends_with(';'))).then_some(indent);
        header_at = (module_level && header).then_some(indent);
    }
    out
}

/// `items` with every `mod name;` replaced by the module file `{directory}name.rs` inline.
fn inline_modules<'f>(
    items: Vec<syn::Item>,
    directory: &str,
    find: &impl Fn(&str) -> Option<&'f str>,
) -> Vec<syn::Item> {
    items
        .into_iter()
        .map(|item| match item {
            syn::Item::Mod(mut module) if module.content.is_none() => {
                let name = module.ident.to_string();
                let name = name.trim_start_matches("r#");
                if let Some(file) = find(&format!("{directory}{name}.rs")).and_then(|t| syn::parse_file(t).ok()) {
                    let nested = inline_modules(file.items, &format!("{directory}{name}/"), find);
                    module.attrs.extend(file.attrs);
                    module.content = Some((syn::token::Brace::default(), nested));
                    module.semi = None;
                }
                syn::Item::Mod(module)
            }
            other => other,
        })
        .collect()
}

/// The tokens of `item` as text (for comparisons).
pub(crate) fn token_text(item: &impl ToTokens) -> String {
    item.to_token_stream().to_string()
}
