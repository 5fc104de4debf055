//! Rendering diagnostics like rustc, with bounded output: codespan-reporting for ordinary lines; for a
//! line longer than [`LONG_LINE`] bytes (minified metadata is one line of megabytes) a window of the line
//! around the span, marked with `…`; texts longer than [`LONG_TEXT`] bytes cut in the middle; and after
//! [`SHOWN_PER_KIND`] diagnostics of one severity and code, one summary line for the rest.

use std::fmt::Write as _;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term;
use rustc_hash::FxHashMap as HashMap;

use super::{Diagnostic, Diagnostics, Severity, SourceFile, Sources, Span, plural};

/// Lines longer than this many bytes are shown as a window around the span.
pub const LONG_LINE: usize = 240;
/// How many diagnostics of one severity and code [`Sources::render_all`] shows before it summarizes the
/// rest as `... and N more warning[code]`.
pub const SHOWN_PER_KIND: usize = 20;
/// Messages, notes and label texts longer than this many bytes are cut in the middle.
const LONG_TEXT: usize = 1000;
/// Characters of the line shown before the span in a window.
const BEFORE: usize = 60;
/// Characters of the span shown at most in a window.
const SPAN_SHOWN: usize = 80;
/// Characters of the line shown after the span in a window.
const AFTER: usize = 40;

impl Sources {
    /// Renders one diagnostic like rustc: header, `file:line:col`, the source line and a caret.
    pub fn render(&self, diagnostic: &Diagnostic) -> String {
        let diagnostic = &shortened(diagnostic);
        let spans = diagnostic.span.iter().chain(diagnostic.labels.iter().map(|(span, _)| span));
        if spans.into_iter().any(|span| self.on_long_line(*span)) {
            return self.render_windowed(diagnostic);
        }
        let severity = match diagnostic.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut labels = Vec::new();
        if let Some(span) = diagnostic.span {
            labels.push(cs::Label::primary(span.file, span.range()));
        }
        for (span, text) in &diagnostic.labels {
            labels.push(cs::Label::secondary(span.file, span.range()).with_message(text.clone()));
        }
        let rendered = cs::Diagnostic::new(severity)
            .with_code(diagnostic.code)
            .with_message(diagnostic.message.clone())
            .with_labels(labels)
            .with_notes(diagnostic.notes.clone());
        term::emit_into_string(&term::Config::default(), self, &rendered)
            .unwrap_or_else(|_| format!("{}[{}]: {}\n", diagnostic.severity, diagnostic.code, diagnostic.message))
    }

    /// Renders the diagnostics in order, at most [`SHOWN_PER_KIND`] of each severity and code, then
    /// one `... and N more warning[code]` line per kind with more, then a one-line count of all of
    /// them (when there are any). Use [`Sources::render`] on each to show every one.
    pub fn render_all(&self, diagnostics: &Diagnostics) -> String {
        let mut out = String::new();
        let mut shown: HashMap<(Severity, &str), usize> = HashMap::default();
        let mut kinds = Vec::new();
        for diagnostic in diagnostics {
            let count = shown.entry((diagnostic.severity, diagnostic.code)).or_insert_with(|| {
                kinds.push((diagnostic.severity, diagnostic.code));
                0
            });
            *count += 1;
            if *count <= SHOWN_PER_KIND {
                out.push_str(&self.render(diagnostic));
            }
        }
        for (severity, code) in kinds {
            let more = shown.get(&(severity, code)).map_or(0, |n| n.saturating_sub(SHOWN_PER_KIND));
            if more > 0 {
                let _ = writeln!(out, "... and {more} more {severity}[{code}]");
            }
        }
        let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
        if errors + warnings > 0 {
            let _ = writeln!(out, "{}, {}", plural(errors, "error"), plural(warnings, "warning"));
        }
        out
    }

    /// Whether the first or last line of `span` (the lines codespan-reporting prints) is long.
    fn on_long_line(&self, span: Span) -> bool {
        let file = self.file(span.file);
        [span.start, span.end].iter().any(|at| file.line_range(file.line_index(*at as usize)).len() > LONG_LINE)
    }

    /// codespan-reporting's layout, with each label's line cut to a window around it.
    fn render_windowed(&self, diagnostic: &Diagnostic) -> String {
        let mut out = format!("{}[{}]: {}\n", diagnostic.severity, diagnostic.code, diagnostic.message);
        let labels: Vec<(Span, &str, char)> = diagnostic
            .span
            .iter()
            .map(|span| (*span, "", '^'))
            .chain(diagnostic.labels.iter().map(|(span, text)| (*span, text.as_str(), '-')))
            .collect();
        let width = labels.iter().map(|(span, _, _)| self.line_col(*span).line.to_string().len()).max().unwrap_or(1);
        let gutter = " ".repeat(width);
        for (span, text, mark) in labels {
            let file = self.file(span.file);
            let position = file.line_col(span.start as usize);
            let (shown, marks) = window(file, span);
            let _ = writeln!(out, "{gutter} ┌─ {}:{position}", file.name());
            let _ = writeln!(out, "{gutter} │");
            let _ = writeln!(out, "{:>width$} │ {shown}", position.line);
            let underline = format!("{}{}", " ".repeat(marks.start), mark.to_string().repeat(marks.len().max(1)));
            let label = if text.is_empty() { String::new() } else { format!(" {text}") };
            let _ = writeln!(out, "{gutter} │ {underline}{label}");
        }
        if !diagnostic.notes.is_empty() {
            let _ = writeln!(out, "{gutter} │");
        }
        for note in &diagnostic.notes {
            let _ = writeln!(out, "{gutter} = {}", note.replace('\n', &format!("\n{gutter}   ")));
        }
        out.push('\n');
        out
    }
}

/// The part of `span`'s first line shown for it (with `…` where the line goes on), and the columns of
/// that text the span covers.
fn window(file: &SourceFile, span: Span) -> (String, std::ops::Range<usize>) {
    let text = file.text();
    let line = file.line_range(file.line_index(span.start as usize));
    let line_end = text.get(line.clone()).map_or(line.end, |l| line.start + l.trim_end_matches(['\n', '\r']).len());
    let start = floor_boundary(text, (span.start as usize).clamp(line.start, line_end));
    let end = floor_boundary(text, (span.end as usize).clamp(start, line_end));
    let before = text.get(line.start..start).unwrap_or("");
    let from = before.char_indices().rev().take(BEFORE).last().map_or(start, |(i, _)| line.start + i);
    let covered = text.get(start..end).unwrap_or("");
    let covered_end = covered.char_indices().nth(SPAN_SHOWN).map_or(end, |(i, _)| start + i);
    let after = text.get(covered_end..line_end).unwrap_or("");
    let to = covered_end + after.char_indices().nth(AFTER).map_or(after.len(), |(i, _)| i);
    let mut shown = String::new();
    if from > line.start {
        shown.push('…');
    }
    let lead = shown.chars().count() + text.get(from..start).map_or(0, |s| s.chars().count());
    let marked = text.get(start..covered_end).map_or(0, |s| s.chars().count());
    shown.extend(text.get(from..to).unwrap_or("").chars().map(|c| if c.is_control() { ' ' } else { c }));
    if to < line_end {
        shown.push('…');
    }
    (shown, lead..lead + marked)
}

/// `at`, or the start of the character it falls in.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `diagnostic` with its message, notes and label texts cut to [`LONG_TEXT`] bytes (names can be
/// megabytes long; a message that repeats one must not be).
fn shortened(diagnostic: &Diagnostic) -> Diagnostic {
    let mut copy = diagnostic.clone();
    copy.message = shorten(&copy.message);
    for note in &mut copy.notes {
        *note = shorten(note);
    }
    for (_, text) in &mut copy.labels {
        *text = shorten(text);
    }
    copy
}

/// `text`, or its start and end around `… (N bytes left out) …` when longer than [`LONG_TEXT`] bytes.
pub(crate) fn shorten(text: &str) -> String {
    if text.len() <= LONG_TEXT {
        return text.to_owned();
    }
    let head = floor_boundary(text, LONG_TEXT * 3 / 4);
    let tail = floor_boundary(text, text.len() - LONG_TEXT / 4);
    format!("{}… ({} bytes left out) …{}", &text[..head], tail - head, &text[tail..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;

    fn one_line(prefix: &str, needle: &str, suffix: &str) -> (Sources, Span) {
        let mut sources = Sources::new();
        let text = format!("<a>\n{prefix}{needle}{suffix}\n</a>\n");
        let start = 4 + prefix.len();
        let id = sources.add("long.xml", text.into_bytes());
        (sources, Span::new(id, start, start + needle.len()))
    }

    #[test]
    fn long_lines_show_a_window_with_the_right_position() {
        let prefix = format!("é{}", "x".repeat(5000));
        let (sources, span) = one_line(&prefix, "<b Type=\"bad\"/>", &"y".repeat(5000));
        let diagnostic = Diagnostic::warning(codes::UNKNOWN_TYPE, span, "unknown type `bad`").with_note("a note");
        let out = sources.render(&diagnostic);
        // Line 2; the column counts `é` as one character.
        assert!(out.contains("┌─ long.xml:2:5002\n"), "{out}");
        let shown = format!("2 │ …{}<b Type=\"bad\"/>{}…\n", "x".repeat(BEFORE), "y".repeat(AFTER));
        assert!(out.contains(&shown), "{out}");
        let carets = format!("  │ {}{}\n", " ".repeat(BEFORE + 1), "^".repeat(15));
        assert!(out.contains(&carets), "{out}");
        assert!(out.contains("  = a note"), "{out}");
        assert!(out.len() < 600, "{}", out.len());
    }

    #[test]
    fn windows_near_the_line_start_have_no_leading_mark() {
        let (sources, span) = one_line("ab", "cd", &"z".repeat(LONG_LINE));
        let out = sources.render(&Diagnostic::error(codes::XML_SYNTAX, span, "bad"));
        assert!(out.contains("2 │ abcd"), "{out}");
        assert!(out.contains("  │   ^^\n"), "{out}");
        assert!(out.contains("┌─ long.xml:2:3"), "{out}");
    }

    #[test]
    fn after_the_limit_one_line_per_kind_summarizes_the_rest() {
        let mut sources = Sources::new();
        let id = sources.add("m.xml", b"<a/>\n".to_vec());
        let mut diagnostics = Diagnostics::default();
        for _ in 0..SHOWN_PER_KIND + 7 {
            diagnostics.warning(codes::UNKNOWN_TYPE, Span::new(id, 0, 4), "unknown type `x`");
        }
        diagnostics.error(codes::XML_SYNTAX, Span::new(id, 0, 1), "bad");
        let out = sources.render_all(&diagnostics);
        assert_eq!(out.matches("warning[unknown-type]: unknown type").count(), SHOWN_PER_KIND);
        assert!(out.contains("error[xml-syntax]: bad"), "{out}");
        assert!(out.ends_with("... and 7 more warning[unknown-type]\n1 error, 27 warnings\n"), "{out}");
    }

    #[test]
    fn long_texts_are_cut_in_the_middle() {
        let long = format!("unknown type `{}é`", "n".repeat(100_000));
        let short = shorten(&long);
        assert!(short.len() < LONG_TEXT + 40, "{}", short.len());
        assert!(short.starts_with("unknown type `nnn") && short.ends_with("é`"), "{short}");
        assert!(short.contains("bytes left out"));
        assert_eq!(shorten("short"), "short");
    }
}
