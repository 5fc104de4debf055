//! CSDL syntax: the text of an OData CSDL XML document turned into a plain tree with byte spans.
//!
//! This stage knows XML and the shape of CSDL elements, nothing about what names mean: resolving
//! them is the [`model`](crate::model) stage's job. It covers every element and attribute of the
//! OASIS OData CSDL XML 4.0/4.01 specification; unknown elements and attributes are warnings.
//!
//! ```
//! use odata_codegen::csdl;
//! use odata_codegen::diag::Sources;
//!
//! let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
//!   <edmx:DataServices>
//!     <Schema Namespace="demo" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//!       <ComplexType Name="point"><Property Name="x" Type="Edm.Int32"/></ComplexType>
//!     </Schema>
//!   </edmx:DataServices>
//! </edmx:Edmx>"#;
//! let mut sources = Sources::new();
//! let file = sources.add("demo.xml", xml.as_bytes().to_vec());
//! let parsed = csdl::parse(sources.file(file).text(), file);
//! assert!(parsed.diagnostics.is_empty());
//! let document = parsed.document.unwrap();
//! assert_eq!(document.schemas[0].complex_types[0].name.as_str(), "point");
//! ```

mod annotation;
mod container;
mod edmx;
mod enum_type;
mod expr;
mod operation;
mod reader;
mod schema;
mod structured;

use std::borrow::Cow;

use crate::diag::{Diagnostics, FileId, Sources, Span};

pub use annotation::{Annotation, AnnotationsBlock, Term};
pub use container::{ActionImport, EntityContainer, EntitySet, FunctionImport, NavigationPropertyBinding, Singleton};
pub use edmx::{Document, Include, IncludeAnnotations, Reference};
pub use enum_type::{EnumType, Member};
pub use expr::{Expr, ExprKind, PropertyValue};
pub use operation::{Operation, OperationKind, Parameter, ReturnType};
pub use reader::MAX_NAME_CHARS;
pub use schema::{Schema, TypeDefinition};
pub use structured::{
    Facets, Key, NavigationProperty, OnDelete, Property, PropertyRef, ReferentialConstraint, StructuredKind,
    StructuredType,
};

/// A value with the span it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it stands in the file.
    pub span: Span,
}

/// A string read from the file (an attribute value or element text), borrowed where possible.
pub type Text<'a> = Spanned<Cow<'a, str>>;

impl Text<'_> {
    /// The string.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// What [`parse`] produced: the document (when the file is CSDL at all) and every problem found.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// The syntax tree; `None` when the file is not a CSDL document (empty, not XML, wrong root).
    pub document: Option<Document<'a>>,
    /// Errors and warnings, in file order.
    pub diagnostics: Diagnostics,
    /// False after an encoding or XML well-formedness error: the document then stops where the error
    /// is, and checking its meaning would only add noise.
    pub well_formed: bool,
}

/// Parses the text of one CSDL XML file. `text` is the whole file; leading UTF-8 BOMs are skipped.
///
/// Never panics: anything wrong with the input is a diagnostic. After an XML well-formedness error
/// the document is still returned with what was read before it, so callers must check for errors.
pub fn parse(text: &str, file: FileId) -> Parsed<'_> {
    edmx::parse_document(text, file)
}

/// Parses one file of `sources`; a file that is not UTF-8 yields its encoding error and no document.
pub fn parse_source(sources: &Sources, file: FileId) -> Parsed<'_> {
    let source = sources.file(file);
    match source.encoding_error() {
        None => parse(source.text(), file),
        Some(error) => {
            let mut diagnostics = Diagnostics::default();
            diagnostics.push(error.clone());
            Parsed { document: None, diagnostics, well_formed: false }
        }
    }
}

/// Every file of a [`Sources`] parsed: the documents that could be read and all diagnostics.
#[derive(Debug)]
pub struct ParsedSet<'a> {
    /// One document per file that is a CSDL document at all, in file order.
    pub documents: Vec<Document<'a>>,
    /// The diagnostics of all files, in file order.
    pub diagnostics: Diagnostics,
    /// False when any file had an encoding or XML well-formedness error.
    pub well_formed: bool,
}

/// Parses every file of `sources`.
pub fn parse_all(sources: &Sources) -> ParsedSet<'_> {
    let mut set = ParsedSet { documents: Vec::new(), diagnostics: Diagnostics::default(), well_formed: true };
    for (id, _) in sources.files() {
        let parsed = parse_source(sources, id);
        set.well_formed &= parsed.well_formed;
        set.diagnostics.extend(parsed.diagnostics);
        set.documents.extend(parsed.document);
    }
    set
}
