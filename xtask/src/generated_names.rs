//! Which generated Rust type reads a given CSDL type, found by looking at the generated source.
//!
//! The payload benchmark must name the generated type of every `@odata.type` it reads, and the
//! emitter's naming is its own business (and changes). So the top-level `pub struct` and `pub enum`
//! items of each module file are listed, each with the qualified CSDL name its doc comment starts with
//! (`` /// `microsoft.graph.user` ``) when it has one. A type is then found by that doc name, or else by
//! the name the emitter's naming module gives it; its `Any...` enum is preferred when the module has one.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use odata_codegen::naming::NameKind;

use crate::{Context, Result};

/// The top-level items of one generated module.
#[derive(Debug, Default)]
struct ModuleItems {
    /// Every `pub struct` and `pub enum` name.
    items: HashSet<String>,
    /// Qualified CSDL name → item, from doc comments that are exactly one backticked qualified name.
    documented: HashMap<String, String>,
}

/// The generated types, per module.
#[derive(Debug)]
pub struct GeneratedNames {
    /// Namespace → (module name, items).
    modules: HashMap<String, (String, ModuleItems)>,
}

impl GeneratedNames {
    /// Scans the module files the generator reported (namespace → file path).
    pub fn scan(modules: &[(String, PathBuf)]) -> Result<GeneratedNames> {
        let mut scanned = HashMap::new();
        for (namespace, path) in modules {
            let text = std::fs::read_to_string(path).context(|| format!("cannot read `{}`", path.display()))?;
            let module = module_name(path).context(|| format!("`{}` has no file name", path.display()))?;
            scanned.insert(namespace.clone(), (module, scan_items(&text)));
        }
        Ok(GeneratedNames { modules: scanned })
    }

    /// The path (from the models' root module) of the type that reads values of `qualified`: its
    /// `Any...` enum when there is one, else its struct or enum; `None` when no item is found.
    pub fn reader(&self, qualified: &str) -> Option<String> {
        let (namespace, name) = qualified.rsplit_once('.')?;
        let (module, items) = self.modules.get(namespace)?;
        let item = match items.documented.get(qualified) {
            Some(item) => item.clone(),
            None => Some(NameKind::Type.name(name).ident).filter(|n| items.items.contains(n))?,
        };
        let any = format!("Any{item}");
        let chosen = if items.items.contains(&any) { any } else { item };
        Some(format!("{module}::{chosen}"))
    }
}

/// `graph` for `.../graph.rs`.
fn module_name(path: &Path) -> Option<String> {
    Some(path.file_stem()?.to_string_lossy().into_owned())
}

/// The top-level `pub struct` / `pub enum` items of a module file, with their documented CSDL names.
fn scan_items(text: &str) -> ModuleItems {
    let mut items = ModuleItems::default();
    let mut first_doc: Option<&str> = None;
    let mut in_doc = false;
    // Structs are defined inside `record!` / `write_model!` calls, indented: look at trimmed lines.
    for line in text.lines().map(str::trim_start) {
        if let Some(doc) = line.strip_prefix("///") {
            if !in_doc {
                first_doc = Some(doc.trim());
                in_doc = true;
            }
            continue;
        }
        if line.starts_with("#[") {
            continue;
        }
        let declared = line.strip_prefix("pub struct ").or_else(|| line.strip_prefix("pub enum "));
        if let Some(rest) = declared {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            let documented = first_doc.and_then(|d| d.strip_prefix('`')?.strip_suffix('`'));
            if let Some(qualified) = documented.filter(|q| q.contains('.') && !q.contains(' ')) {
                // A type's struct comes before its write model and `Any...` enum, which may repeat the name.
                items.documented.entry(qualified.to_owned()).or_insert_with(|| name.clone());
            }
            items.items.insert(name);
        }
        first_doc = None;
        in_doc = false;
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_found_by_doc_name_or_pascal_case() {
        let text = "/// `microsoft.graph.user`\n///\n/// Reached at `users`.\n#[derive(Clone)]\npub struct User {\n}\n\
                    pub struct UserUpdate {}\n/// `microsoft.graph.iosDevice`\npub struct IOsDevice {}\n\
                    pub enum AnyIOsDevice {}\npub struct Plain {}\n\
                    ::odata_runtime::record! {\n    /// `microsoft.graph.site`\n    pub struct Site = \"#microsoft.graph.site\" {}\n}\n";
        let names = GeneratedNames {
            modules: HashMap::from([("microsoft.graph".to_owned(), ("graph".to_owned(), scan_items(text)))]),
        };
        assert_eq!(names.reader("microsoft.graph.user").as_deref(), Some("graph::User"));
        assert_eq!(names.reader("microsoft.graph.iosDevice").as_deref(), Some("graph::AnyIOsDevice"));
        assert_eq!(names.reader("microsoft.graph.plain").as_deref(), Some("graph::Plain"));
        assert_eq!(names.reader("microsoft.graph.site").as_deref(), Some("graph::Site"));
        assert_eq!(names.reader("microsoft.graph.absent"), None);
        assert_eq!(names.reader("other.ns.user"), None);
    }
}
