//! `odata-codegen metadata fetch`: download a service's `$metadata`, check that it reads as CSDL,
//! and write it atomically without replacing a file that is not a metadata document.
//!
//! HTTP lives here, in the command line: the library stays free of it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use odata_codegen::csdl;
use odata_codegen::{Diagnostics, Sources, is_absent_type};
use reqwest::Url;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

/// The arguments of `metadata fetch`.
#[derive(Args)]
pub struct FetchArgs {
    /// The service root (`/$metadata` is appended) or the `$metadata` URL itself; http or https.
    #[arg(value_name = "URL", value_parser = parse_url)]
    url: Url,
    /// The file to write (replaced atomically; left untouched when the answer is not CSDL).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// An extra request header, e.g. `Authorization: Bearer ...`. Repeatable. Values are never
    /// printed.
    // Read after clap, whose errors would print a malformed header (and its secret) as it is.
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// Give up when the whole request (connect, send, read the body) takes longer than this.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
    /// Replace FILE even when it is not an OData metadata document (its root element is not
    /// `edmx:Edmx`).
    #[arg(long)]
    force: bool,
}

/// Reads an http(s) URL.
fn parse_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text).map_err(|err| format!("`{text}` is not a URL: {err}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{text}` is not an http or https URL"));
    }
    Ok(url)
}

/// Reads `Name: value` (the value is kept out of error messages: it may be a secret).
fn parse_header(text: &str) -> Result<(HeaderName, HeaderValue), String> {
    let Some((name, value)) = text.split_once(':') else {
        return Err("a header is `Name: value` (for example `Authorization: Bearer ...`)".to_owned());
    };
    let name = name.trim();
    let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| format!("`{name}` is not a header name"))?;
    let mut value = HeaderValue::from_str(value.trim())
        .map_err(|_| format!("the value of header `{name}` is not a header value"))?;
    value.set_sensitive(true);
    Ok((name, value))
}

/// The URL of the metadata document: `url` itself when its path ends in `$metadata`, otherwise
/// `url` with `/$metadata` appended to its path (the query is kept, the fragment dropped).
pub fn metadata_url(url: &Url) -> Url {
    let mut url = url.clone();
    url.set_fragment(None);
    if !url.path().ends_with("$metadata") {
        let path = format!("{}/$metadata", url.path().trim_end_matches('/'));
        url.set_path(&path);
    }
    url
}

/// Runs `metadata fetch`: 0 when the file was written, 1 otherwise.
pub fn fetch(args: &FetchArgs, quiet: bool) -> ExitCode {
    let headers = match args.headers.iter().map(|text| parse_header(text)).collect::<Result<Vec<_>, _>>() {
        Ok(headers) => headers,
        Err(message) => {
            // A usage error, like clap's, but without the value.
            eprintln!(
                "error: invalid value for '--header <NAME: VALUE>': {message}\n\nFor more information, try '--help'."
            );
            return ExitCode::from(2);
        }
    };
    let out = &args.out;
    if let Err(message) = check_replaceable(out, args.force) {
        eprintln!("error: {message}");
        return ExitCode::from(1);
    }
    let url = metadata_url(&args.url);
    let (body, content_type) = match download(&url, &headers, Duration::from_secs(args.timeout)) {
        Ok(answer) => answer,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!("{} not written", out.display());
            return ExitCode::from(1);
        }
    };
    let mut sources = Sources::new();
    sources.add(url.to_string(), body.clone());
    let (namespaces, diagnostics, is_csdl) = read_csdl(&sources);
    let blocking = diagnostics.iter().filter(|d| d.is_error() && !is_absent_type(d)).count();
    if !is_csdl || blocking > 0 {
        eprint!("{}", sources.render_all(&diagnostics));
        if !is_csdl {
            let content_type = content_type.as_deref().unwrap_or("no Content-Type");
            eprintln!("error: the answer of {url} ({content_type}) is not a CSDL (OData metadata) document");
        }
        eprintln!("{} not written", out.display());
        return ExitCode::from(1);
    }
    if let Err(err) = odata_codegen::write_atomically(out, &body) {
        eprintln!("error: cannot write `{}`: {err}", out.display());
        return ExitCode::from(1);
    }
    if !quiet {
        eprint!("{}", sources.render_all(&diagnostics));
        eprintln!("wrote {} ({} bytes) from {url}: namespaces {}", out.display(), body.len(), namespaces.join(", "));
    }
    ExitCode::SUCCESS
}

/// Refuses to go on when `out` exists and is a directory, cannot be read, or (without `force`) is
/// not an OData metadata document: what it holds is never destroyed by mistake.
fn check_replaceable(out: &Path, force: bool) -> Result<(), String> {
    let shown = out.display();
    match std::fs::metadata(out) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(format!("cannot read `{shown}`: {err}")),
        Ok(metadata) if metadata.is_dir() => return Err(format!("`{shown}` is a directory, not a file")),
        Ok(_) if force => return Ok(()),
        Ok(_) => {}
    }
    let bytes = std::fs::read(out).map_err(|err| format!("cannot read `{shown}`: {err}"))?;
    if has_edmx_root(&bytes) {
        return Ok(());
    }
    Err(format!(
        "`{shown}` exists and is not an OData metadata document (its root element is not `edmx:Edmx`); \
         it was left as it is: pass --force to replace it"
    ))
}

/// Whether the root element of `bytes` is `Edmx` (`edmx:Edmx`, whatever the prefix), after an
/// optional byte order mark, XML declaration, processing instructions, comments and doctype.
pub fn has_edmx_root(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    loop {
        rest = rest.trim_ascii_start();
        let (open, close): (&[u8], &[u8]) = if rest.starts_with(b"<?") {
            (b"<?", b"?>")
        } else if rest.starts_with(b"<!--") {
            (b"<!--", b"-->")
        } else if rest.starts_with(b"<!") {
            (b"<!", b">")
        } else {
            break;
        };
        let after = &rest[open.len()..];
        match after.windows(close.len()).position(|window| window == close) {
            Some(end) => rest = &after[end + close.len()..],
            None => return false,
        }
    }
    let Some(tag) = rest.strip_prefix(b"<") else { return false };
    let end = tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/').unwrap_or(tag.len());
    let name = &tag[..end];
    let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
    local == b"Edmx" && end < tag.len()
}

/// GETs `url` with `Accept: application/xml` and `headers`: the body and `Content-Type` of a
/// success, or why not.
fn download(
    url: &Url,
    headers: &[(HeaderName, HeaderValue)],
    timeout: Duration,
) -> Result<(Vec<u8>, Option<String>), String> {
    let mut map = HeaderMap::new();
    map.insert(ACCEPT, HeaderValue::from_static("application/xml"));
    for (name, value) in headers {
        map.insert(name.clone(), value.clone());
    }
    let client = reqwest::blocking::Client::builder()
        .timeout(timeout)
        .build()
        .map_err(|err| format!("cannot start the HTTP client: {err}"))?;
    let response = client
        .get(url.clone())
        .headers(map)
        .send()
        .map_err(|err| format!("GET {url} failed: {}", describe(err, timeout)))?;
    let status = response.status();
    if !status.is_success() {
        let hint = match status.as_u16() {
            401 | 403 => " (credentials go in --header, e.g. --header \"Authorization: Bearer $TOKEN\")",
            _ => "",
        };
        return Err(format!("GET {url} answered {status}{hint}"));
    }
    let content_type = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body =
        response.bytes().map_err(|err| format!("reading the answer of {url} failed: {}", describe(err, timeout)))?;
    if body.is_empty() {
        return Err(format!("GET {url} answered {status} with an empty body"));
    }
    Ok((body.to_vec(), content_type))
}

/// A reqwest error in a line, without repeating the URL.
fn describe(err: reqwest::Error, timeout: Duration) -> String {
    if err.is_timeout() {
        return format!("no answer within {} s (--timeout)", timeout.as_secs());
    }
    let err = err.without_url();
    let mut text = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

/// Reads the one file of `sources` as CSDL and builds its model: the namespaces, every diagnostic,
/// and whether it is a CSDL document at all (well-formed XML with an `edmx:Edmx` root).
fn read_csdl(sources: &Sources) -> (Vec<String>, Diagnostics, bool) {
    let parsed = csdl::parse_all(sources);
    let is_csdl = parsed.well_formed && !parsed.documents.is_empty();
    let mut diagnostics = parsed.diagnostics;
    if is_csdl {
        let (_, model) = odata_codegen::model::Model::build(&parsed.documents);
        diagnostics.extend(model);
    }
    diagnostics.sort();
    let namespaces = parsed
        .documents
        .iter()
        .flat_map(|document| &document.schemas)
        .filter_map(|schema| schema.namespace.as_ref().map(|n| n.as_str().to_owned()))
        .collect();
    (namespaces, diagnostics, is_csdl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_metadata_to_a_service_root() {
        let url = |text: &str| metadata_url(&parse_url(text).expect("url")).to_string();
        assert_eq!(url("https://h/odata/v4/shop/"), "https://h/odata/v4/shop/$metadata");
        assert_eq!(url("https://h/odata/v4/shop"), "https://h/odata/v4/shop/$metadata");
        assert_eq!(url("https://h/svc/$metadata"), "https://h/svc/$metadata");
        assert_eq!(url("https://h/svc?sap-client=100#x"), "https://h/svc/$metadata?sap-client=100");
        assert_eq!(url("http://h:8080"), "http://h:8080/$metadata");
        assert!(parse_url("ftp://h/x").is_err() && parse_url("not a url").is_err());
    }

    #[test]
    fn reads_headers_without_showing_values() {
        let (name, value) = parse_header("Authorization:  Bearer abc ").expect("header");
        assert_eq!((name.as_str(), value.as_bytes()), ("authorization", &b"Bearer abc"[..]));
        assert!(value.is_sensitive());
        assert!(parse_header("no colon").is_err());
        assert!(parse_header("bad name: x").is_err());
        let error = parse_header("X-Key: sec\nret").expect_err("newline");
        assert!(!error.contains("sec"), "{error}");
    }

    #[test]
    fn knows_a_metadata_document_by_its_root() {
        let edmx = "\u{feff}<?xml version=\"1.0\"?>\n<!-- saved -->\n<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"x\">";
        assert!(has_edmx_root(edmx.as_bytes()));
        assert!(has_edmx_root(b"<Edmx>"));
        for other in ["<html><body>", "<edmx:EdmxX>", "", "<?xml", "plain text", "<!DOCTYPE html><html>", "<edmx:Edmx"]
        {
            assert!(!has_edmx_root(other.as_bytes()), "{other}");
        }
    }
}
