//! A generated file as a sequence of chunks: items built as tokens (formatted with prettyplease) and
//! runtime macro calls written as text, one member per line (prettyplease would fill macro bodies
//! like paragraphs, and has nothing to format in a table).

use proc_macro2::{Literal, TokenStream};

use super::docs::doc_text;

/// Items of one file, in order.
#[derive(Default)]
pub(super) struct Items {
    chunks: Vec<Chunk>,
}

enum Chunk {
    Tokens(TokenStream),
    Text(String),
}

impl Items {
    /// Appends items built as tokens (nothing when `tokens` is empty).
    pub(super) fn tokens(&mut self, tokens: TokenStream) {
        if tokens.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some(Chunk::Tokens(last)) => last.extend(tokens),
            _ => self.chunks.push(Chunk::Tokens(tokens)),
        }
    }

    /// Appends one item written as text (a macro call from [`MacroCall`]).
    pub(super) fn text(&mut self, text: String) {
        self.chunks.push(Chunk::Text(text));
    }

    /// The file's text: token runs formatted by `format`, text as it is, items separated by a blank line.
    pub(super) fn render(self, format: impl Fn(TokenStream) -> String) -> String {
        let mut out = String::new();
        for chunk in self.chunks {
            let text = match chunk {
                Chunk::Tokens(tokens) => format(tokens),
                Chunk::Text(text) => text,
            };
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str(&text);
        }
        out
    }
}

/// A call of one of the runtime's table macros (`record!`, `any!`, ...), one entry per line.
pub(super) struct MacroCall {
    text: String,
}

impl MacroCall {
    /// `::odata_runtime::<name>! {` and the header line (ending with `;`).
    pub(super) fn new(name: &str, header: &str) -> MacroCall {
        MacroCall { text: format!("::odata_runtime::{name}! {{\n    {header};\n") }
    }

    /// One `index ident = "json";` entry.
    pub(super) fn entry(&mut self, index: usize, ident: &str, json: &str) {
        self.line(&format!("{index} {ident} = {}", string(json)));
    }

    /// One more line (without its `;`).
    pub(super) fn line(&mut self, line: &str) {
        self.text.push_str("    ");
        self.text.push_str(line);
        self.text.push_str(";\n");
    }

    /// The call's text.
    pub(super) fn finish(mut self) -> String {
        self.text.push_str("}\n");
        self.text
    }
}

/// A struct defined by `record!` or `write_model!`: the struct with its docs and attributes, one
/// line per field, and for read models the field positions sorted by JSON name.
pub(super) struct StructTable<'a> {
    /// `record` or `write_model`.
    pub(super) macro_name: &'a str,
    /// Doc lines of the struct.
    pub(super) docs: Vec<String>,
    /// Attribute lines (`#[deprecated(...)]`, extra derives).
    pub(super) attributes: Vec<String>,
    /// The struct name.
    pub(super) name: &'a str,
    /// The `@odata.type` value (`#namespace.name`).
    pub(super) odata_type: String,
    /// The fields.
    pub(super) fields: Vec<TableField>,
    /// Whether the type is read (the table then has a lookup order).
    pub(super) readable: bool,
}

/// One field of a [`StructTable`].
pub(super) struct TableField {
    /// Doc lines.
    pub(super) docs: Vec<String>,
    /// Attribute lines (`#[deprecated(...)]`).
    pub(super) attributes: Vec<String>,
    /// The field name (`r#type` for a raw identifier).
    pub(super) ident: String,
    /// The field type, as Rust text.
    pub(super) ty: String,
    /// The JSON member name.
    pub(super) json: String,
    /// Whether `Debug` hides the value.
    pub(super) secret: bool,
    /// The associated constant naming the member ([`member_constant`](super::names::member_constant)), read models only.
    pub(super) member: Option<String>,
}

impl StructTable<'_> {
    /// The macro call.
    pub(super) fn text(&self) -> String {
        let mut text = format!("::odata_runtime::{}! {{\n", self.macro_name);
        text.push_str(&doc_text(&self.docs, "    "));
        for attribute in &self.attributes {
            text.push_str(&format!("    {attribute}\n"));
        }
        text.push_str(&format!("    pub struct {} = {} {{", self.name, string(&self.odata_type)));
        text.push_str(if self.fields.is_empty() { "}\n" } else { "\n" });
        for field in &self.fields {
            text.push_str(&doc_text(&field.docs, "        "));
            for attribute in &field.attributes {
                text.push_str(&format!("        {attribute}\n"));
            }
            let member = field.member.as_deref().map(|name| format!(" as {name}")).unwrap_or_default();
            text.push_str(&format!("        {}: {} = {}{member},\n", field.ident, field.ty, string(&field.json)));
        }
        if !self.fields.is_empty() {
            text.push_str("    }\n");
        }
        if self.readable {
            let mut order: Vec<usize> = (0..self.fields.len()).collect();
            order.sort_by(|a, b| self.fields[*a].json.cmp(&self.fields[*b].json));
            let order: Vec<String> = order.iter().map(usize::to_string).collect();
            text.push_str(&format!("    lookup = [{}];\n", order.join(", ")));
        }
        let secret: Vec<String> =
            self.fields.iter().enumerate().filter(|(_, f)| f.secret).map(|(index, _)| index.to_string()).collect();
        if !secret.is_empty() {
            text.push_str(&format!("    secret = [{}];\n", secret.join(", ")));
        }
        text.push_str("}\n");
        text
    }
}

/// A type built as tokens, as Rust text (`Option<Vec<super::graph::User>>`).
pub(super) fn type_text(ty: &TokenStream) -> String {
    let mut text = String::new();
    for c in ty.to_string().chars() {
        if c != ' ' {
            text.push(c);
        }
        if c == ',' {
            text.push(' ');
        }
    }
    text
}

/// A Rust string literal, escaped.
pub(super) fn string(text: &str) -> String {
    Literal::string(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_have_one_entry_per_line_and_escaped_strings() {
        let mut call = MacroCall::new("record", "A = \"#t.a\"");
        call.entry(0, "r#type", "ty\"pe");
        call.line("lookup = [0]");
        assert_eq!(
            call.finish(),
            "::odata_runtime::record! {\n    A = \"#t.a\";\n    0 r#type = \"ty\\\"pe\";\n    lookup = [0];\n}\n"
        );
    }

    #[test]
    fn items_are_separated_by_one_blank_line() {
        let mut items = Items::default();
        items.tokens(quote::quote!(
            struct A;
        ));
        items.text("m! {}\n".to_owned());
        items.tokens(quote::quote!(
            struct B;
        ));
        items.tokens(quote::quote!(
            struct C;
        ));
        let text = items.render(|tokens| format!("{tokens}\n"));
        assert_eq!(text, "struct A ;\n\nm! {}\n\nstruct B ; struct C ;\n");
    }
}
