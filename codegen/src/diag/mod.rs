//! Diagnostics: what went wrong in the user's input, where, and how to show it.
//!
//! A [`Diagnostic`] is plain data (severity, message, a primary [`Span`], secondary labels and notes);
//! every stage of the pipeline collects them in a [`Diagnostics`] list instead of stopping at the first
//! problem. Rendering is separate and happens once, against the [`Sources`] the spans point into, in the
//! style of rustc: `file:line:column`, the source line and a caret.

use std::fmt;
use std::ops::Range;

use codespan_reporting::files::{Error as FilesError, Files};

/// Identifies one input file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` (byte offsets) in `file`.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span { file, start: clamp_u32(start), end: clamp_u32(end.max(start)) }
    }

    /// The byte range of this span.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The input cannot be used; no output is written.
    Error,
    /// The input is usable, but something in it is suspicious or was ignored.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable name for the kind of problem (one of [`codes::ALL`]): shown as `warning[code]`, and what
    /// an allow list names to silence a kind of warning.
    pub code: &'static str,
    /// One sentence saying what is wrong.
    pub message: String,
    /// Where it is wrong; `None` only for problems with no place in a file (e.g. an unreadable file).
    pub span: Option<Span>,
    /// Other places that explain the problem (e.g. the first definition of a duplicate).
    pub labels: Vec<(Span, String)>,
    /// Extra lines of explanation or advice.
    pub notes: Vec<String>,
}

pub mod codes;
mod render;

pub use render::{LONG_LINE, SHOWN_PER_KIND};

impl Diagnostic {
    /// An error of kind `code` at `span`.
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, Some(span), message.into())
    }

    /// A warning of kind `code` at `span`.
    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, Some(span), message.into())
    }

    /// A warning that has no place in a file.
    pub fn warning_without_span(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, None, message.into())
    }

    /// An error that has no place in a file.
    pub fn error_without_span(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, None, message.into())
    }

    fn new(severity: Severity, code: &'static str, span: Option<Span>, message: String) -> Diagnostic {
        Diagnostic { severity, code, message, span, labels: Vec::new(), notes: Vec::new() }
    }

    /// Adds a secondary label pointing at `span`.
    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.labels.push((span, text.into()));
        self
    }

    /// Adds a note line.
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics collected by one run, in the order they were found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records an error of kind `code` at `span`.
    pub fn error(&mut self, code: &'static str, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::error(code, span, message));
    }

    /// Records a warning of kind `code` at `span`.
    pub fn warning(&mut self, code: &'static str, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::warning(code, span, message));
    }

    /// Drops the warnings whose code is in `allowed` (errors are never dropped) and returns how many
    /// were dropped.
    pub fn allow(&mut self, allowed: &[String]) -> usize {
        let before = self.items.len();
        self.items.retain(|d| d.is_error() || !allowed.iter().any(|code| code == d.code));
        before - self.items.len()
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// All diagnostics in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Moves every diagnostic of `other` into `self`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorts diagnostics by file and position (stable: same-place diagnostics keep their order).
    pub fn sort(&mut self) {
        self.items.sort_by_key(|d| d.span.map(|s| (s.file, s.start)));
    }

    /// The diagnostics as a slice.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.items
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Diagnostics {
        Diagnostics { items: iter.into_iter().collect() }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// A 1-based line and column (in characters) in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One input file: its display name and text, with a line index for positions.
#[derive(Clone, Debug)]
pub struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    /// For a text with non-ASCII characters: the number of characters before each block of
    /// [`CHAR_BLOCK`] bytes, so that a column costs at most two blocks of counting, however long the
    /// line (minified metadata is one line). Empty for ASCII text, where a column is a subtraction.
    chars_before_block: Vec<usize>,
    encoding_error: Option<Diagnostic>,
}

/// The block size of [`SourceFile`]'s character index.
const CHAR_BLOCK: usize = 1024;

/// Whether `byte` starts a character (is not a UTF-8 continuation byte).
fn starts_char(byte: &u8) -> bool {
    byte & 0xc0 != 0x80
}

impl SourceFile {
    /// The name shown in diagnostics (usually the path as given).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file's text (invalid UTF-8 replaced, for display only).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The error when the file's bytes are not UTF-8 (its text is then not to be parsed).
    pub fn encoding_error(&self) -> Option<&Diagnostic> {
        self.encoding_error.as_ref()
    }

    fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        let end = self.line_starts.get(line + 1).copied().unwrap_or(self.text.len());
        start..end
    }

    /// The 1-based line and column of byte `offset`, in time independent of the line's length.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_range(line).start.min(offset);
        LineCol { line: line + 1, column: self.chars_before(offset) - self.chars_before(start) + 1 }
    }

    /// The number of characters before byte `offset` (`offset` itself for ASCII text).
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / CHAR_BLOCK;
        match self.chars_before_block.get(block) {
            None => offset,
            Some(before) => {
                let counted = self.text.as_bytes().get(block * CHAR_BLOCK..offset).unwrap_or(&[]);
                before + counted.iter().filter(|b| starts_char(b)).count()
            }
        }
    }

    fn new(name: String, text: String, encoding_error: Option<Diagnostic>) -> SourceFile {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let mut chars_before_block = Vec::new();
        if !text.is_ascii() {
            let mut chars = 0;
            for block in text.as_bytes().chunks(CHAR_BLOCK) {
                chars_before_block.push(chars);
                chars += block.iter().filter(|b| starts_char(b)).count();
            }
            chars_before_block.push(chars);
        }
        SourceFile { name, text, line_starts, chars_before_block, encoding_error }
    }
}

/// The input files of one run; spans point into them.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty set of sources.
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Adds a file and returns its id. `bytes` need not be valid UTF-8: the reader reports that.
    pub fn add(&mut self, name: impl Into<String>, bytes: Vec<u8>) -> FileId {
        let id = FileId(clamp_u32(self.files.len()));
        let (text, encoding_error) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                let bytes = err.as_bytes();
                let message = if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
                    "the file is UTF-16 encoded; CSDL files must be UTF-8".to_owned()
                } else {
                    let byte = bytes.get(at).copied().unwrap_or(0);
                    format!("the file is not valid UTF-8 (byte 0x{byte:02x} cannot start or continue a character)")
                };
                let error = Diagnostic::error(codes::ENCODING, Span::new(id, at, at + 1), message);
                (String::from_utf8_lossy(bytes).into_owned(), Some(error))
            }
        };
        self.files.push(SourceFile::new(name.into(), text, encoding_error));
        id
    }

    /// The file with this id.
    ///
    /// Ids are only made by [`Sources::add`], so a missing file is a programming error in the caller;
    /// it yields an empty placeholder rather than a panic.
    pub fn file(&self, id: FileId) -> &SourceFile {
        static EMPTY: SourceFile = SourceFile {
            name: String::new(),
            text: String::new(),
            line_starts: Vec::new(),
            chars_before_block: Vec::new(),
            encoding_error: None,
        };
        self.files.get(id.0 as usize).unwrap_or(&EMPTY)
    }

    /// All files with their ids, in the order they were added.
    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(clamp_u32(i)), f))
    }

    /// `file:line:column` of the start of `span`.
    pub fn location(&self, span: Span) -> String {
        let file = self.file(span.file);
        format!("{}:{}", file.name, file.line_col(span.start as usize))
    }

    /// The 1-based line and column of the start of `span`.
    pub fn line_col(&self, span: Span) -> LineCol {
        self.file(span.file).line_col(span.start as usize)
    }
}

/// `"1 error"`, `"2 errors"`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") }
}

impl<'a> Files<'a> for Sources {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.files.get(id.0 as usize).map(|f| f.name.as_str()).ok_or(FilesError::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.files.get(id.0 as usize).map(|f| f.text.as_str()).ok_or(FilesError::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        let file = self.files.get(id.0 as usize).ok_or(FilesError::FileMissing)?;
        Ok(file.line_index(byte_index))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.files.get(id.0 as usize).ok_or(FilesError::FileMissing)?;
        Ok(file.line_range(line_index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let mut sources = Sources::new();
        let id = sources.add("a.xml", "ab\ncdé\nx".as_bytes().to_vec());
        let file = sources.file(id);
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(3), LineCol { line: 2, column: 1 });
        assert_eq!(file.line_col(8), LineCol { line: 3, column: 1 });
        assert_eq!(file.line_col(7), LineCol { line: 2, column: 4 });
    }

    #[test]
    fn render_shows_location_snippet_and_notes() {
        let mut sources = Sources::new();
        let id = sources.add("m.xml", b"<a>\n  <b Type=\"x\"/>\n</a>\n".to_vec());
        let diag = Diagnostic::error(codes::UNKNOWN_TYPE, Span::new(id, 12, 15), "unknown type `x`")
            .with_note("did you mean `y`?");
        let out = sources.render(&diag);
        assert!(out.contains("error[unknown-type]: unknown type `x`"), "{out}");
        assert!(out.contains("m.xml:2:9"), "{out}");
        assert!(out.contains("<b Type=\"x\"/>"), "{out}");
        assert!(out.contains("did you mean `y`?"), "{out}");
    }
}
