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

use crate::diag::{Diagnostics, FileId, Span};

pub use annotation::{Annotation, AnnotationsBlock, Term};
pub use container::{
    ActionImport, EntityContainer, EntitySet, FunctionImport, NavigationPropertyBinding, Singleton,
};
pub use edmx::{Document, Include, IncludeAnnotations, Reference};
pub use enum_type::{EnumType, Member};
pub use expr::{Expr, ExprKind, PropertyValue};
pub use operation::{Operation, OperationKind, Parameter, ReturnType};
pub use schema::{Schema, TypeDefinition};
pub use structured::{
    Facets, Key, NavigationProperty, OnDelete, Property, PropertyRef, ReferentialConstraint,
    StructuredKind, StructuredType,
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
}

/// Parses the text of one CSDL XML file. `text` is the whole file; a UTF-8 BOM is skipped.
///
/// Never panics: anything wrong with the input is a diagnostic. After an XML well-formedness error
/// the document is still returned with what was read before it, so callers must check for errors.
pub fn parse(text: &str, file: FileId) -> Parsed<'_> {
    edmx::parse_document(text, file)
}

/// Parses the bytes of one CSDL XML file, reporting invalid UTF-8 (with its position) as an error.
pub fn parse_bytes(bytes: &[u8], file: FileId) -> Parsed<'_> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, file),
        Err(err) => edmx::not_utf8(bytes, err, file),
    }
}
