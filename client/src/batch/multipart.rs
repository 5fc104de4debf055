//! The `multipart/mixed` batch format of OData 4.0 (OData Protocol 4.0, section 11.7): the same
//! requests and change sets as the JSON format, written as MIME parts with `application/http`
//! content, and the responses read back into the same responses by request id.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, StatusCode};

use super::Part;
use crate::transport::HttpResponse;

/// The boundary of a batch or change set: `{kind}_{serial}_{nanos}`, made longer until no body
/// contains it.
pub(super) fn boundary(kind: &str, serial: u64, parts: &[Part]) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let mut boundary = format!("{kind}_{serial}_{nanos:08x}");
    while parts.iter().any(|part| part.body.as_ref().is_some_and(|body| body.get().contains(&boundary))) {
        boundary.push('x');
    }
    boundary
}

/// Writes the parts as a `multipart/mixed` body with `boundary`; each run of parts in the same
/// atomicity group is one change set.
pub(super) fn write(parts: &[Part], boundary: &str, changeset_boundary: &str) -> Vec<u8> {
    let mut out = String::new();
    let mut index = 0;
    while let Some(part) = parts.get(index) {
        out.push_str(&format!("--{boundary}\r\n"));
        match &part.group {
            None => {
                write_request(&mut out, part);
                index += 1;
            }
            Some(group) => {
                let boundary = format!("{changeset_boundary}_{group}");
                out.push_str(&format!("Content-Type: multipart/mixed; boundary={boundary}\r\n\r\n"));
                while let Some(member) = parts.get(index).filter(|p| p.group.as_ref() == Some(group)) {
                    out.push_str(&format!("--{boundary}\r\n"));
                    write_request(&mut out, member);
                    index += 1;
                }
                out.push_str(&format!("--{boundary}--\r\n"));
            }
        }
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    out.into_bytes()
}

fn write_request(out: &mut String, part: &Part) {
    out.push_str("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
    out.push_str(&format!("Content-ID: {}\r\n\r\n", part.id));
    out.push_str(&format!("{} {} HTTP/1.1\r\n", part.method, part.url));
    if !part.headers.contains_key(http::header::ACCEPT) {
        out.push_str("Accept: application/json\r\n");
    }
    for (name, value) in &part.headers {
        out.push_str(&format!("{name}: {}\r\n", String::from_utf8_lossy(value.as_bytes())));
    }
    out.push_str("\r\n");
    if let Some(body) = &part.body {
        out.push_str(body.get());
    }
    out.push_str("\r\n");
}

/// What a top-level part of the response answers when it has no `Content-ID`: the request or
/// change set at the same position.
fn top_level_ids(parts: &[Part]) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    let mut last_group = None;
    for part in parts {
        match &part.group {
            Some(group) if last_group == Some(group) => {}
            Some(group) => ids.push(group),
            None => ids.push(&part.id),
        }
        last_group = part.group.as_ref();
    }
    ids
}

/// Reads a `multipart/mixed` batch response of `content_type` into responses by request id (a
/// failed change set answered as a whole goes under its group id, or the `Content-ID` the
/// service gives it). Errors say what does not fit.
pub(super) fn read(body: &[u8], content_type: &str, parts: &[Part]) -> Result<HashMap<String, HttpResponse>, String> {
    let boundary = boundary_of(content_type).ok_or_else(|| format!("no multipart boundary in {content_type:?}"))?;
    let positions = top_level_ids(parts);
    let mut responses = HashMap::new();
    for (position, part) in split(body, &boundary)?.into_iter().enumerate() {
        let (headers, content) = split_head(part);
        let part_type = header_value(&headers, "content-type").unwrap_or_default();
        if part_type.to_ascii_lowercase().starts_with("multipart/mixed") {
            let boundary =
                boundary_of(&part_type).ok_or_else(|| format!("no boundary in the change set part {position}"))?;
            for member in split(content, &boundary)? {
                let (headers, content) = split_head(member);
                let id = header_value(&headers, "content-id")
                    .ok_or_else(|| format!("a response in change set part {position} has no Content-ID"))?;
                insert(&mut responses, id, read_http(content)?)?;
            }
        } else {
            let id = match header_value(&headers, "content-id") {
                Some(id) => id,
                None => positions.get(position).map(|id| (*id).to_owned()).ok_or_else(|| {
                    format!("response part {position} has no Content-ID and no request at its position")
                })?,
            };
            insert(&mut responses, id, read_http(content)?)?;
        }
    }
    Ok(responses)
}

fn insert(responses: &mut HashMap<String, HttpResponse>, id: String, response: HttpResponse) -> Result<(), String> {
    match responses.insert(id.clone(), response) {
        Some(_) => Err(format!("two responses have the Content-ID {id:?}")),
        None => Ok(()),
    }
}

/// The `boundary` parameter of a multipart content type, unquoted.
fn boundary_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        let value = value.trim();
        let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
        (name.trim().eq_ignore_ascii_case("boundary") && !value.is_empty()).then(|| value.to_owned())
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let rest = haystack.get(from..)?;
    rest.windows(needle.len()).position(|window| window == needle).map(|at| at + from)
}

/// The parts between `--boundary` lines, up to `--boundary--` (CRLF or LF line ends); each part
/// without the line break that belongs to the next delimiter.
fn split<'a>(body: &'a [u8], boundary: &str) -> Result<Vec<&'a [u8]>, String> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    // A delimiter is a line of its own: `--boundary`, then `--`, blanks or the line end.
    let is_delimiter = |at: usize| {
        let line_start = at == 0 || body.get(at - 1) == Some(&b'\n');
        let after = body.get(at + delimiter.len()).copied();
        line_start && matches!(after, None | Some(b'-' | b'\r' | b'\n' | b' ' | b'\t'))
    };
    let next = |from: usize| {
        let mut from = from;
        while let Some(at) = find(body, delimiter, from) {
            if is_delimiter(at) {
                return Some(at);
            }
            from = at + 1;
        }
        None
    };
    let mut parts = Vec::new();
    let mut at = next(0).ok_or_else(|| format!("no part starts with --{boundary}"))?;
    loop {
        let after = at + delimiter.len();
        if body.get(after..after + 2) == Some(b"--") {
            return Ok(parts);
        }
        let start = find(body, b"\n", after).map(|end| end + 1).ok_or("a delimiter line does not end")?;
        let end = next(start).ok_or_else(|| format!("the parts do not end with --{boundary}--"))?;
        let mut content = body.get(start..end).unwrap_or_default();
        content = content.strip_suffix(b"\n").unwrap_or(content);
        content = content.strip_suffix(b"\r").unwrap_or(content);
        parts.push(content);
        at = end;
    }
}

/// The header lines of a part (or HTTP message) and what follows the blank line after them.
fn split_head(part: &[u8]) -> (Vec<(String, String)>, &[u8]) {
    let mut headers = Vec::new();
    let mut rest = part;
    while !rest.is_empty() {
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let line = rest.get(..end).unwrap_or_default();
        rest = rest.get(end + 1..).unwrap_or_default();
        let line = String::from_utf8_lossy(line.strip_suffix(b"\r").unwrap_or(line)).into_owned();
        if line.is_empty() {
            break;
        }
        headers.push(match line.split_once(':') {
            Some((name, value)) => (name.trim().to_owned(), value.trim().to_owned()),
            None => (line, String::new()),
        });
    }
    (headers, rest)
}

fn header_value(headers: &[(String, String)], name: &str) -> Option<String> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, value)| value.clone())
}

/// Reads an `application/http` part: `HTTP/1.1 200 OK`, headers, a blank line, the body.
fn read_http(content: &[u8]) -> Result<HttpResponse, String> {
    let (mut lines, body) = split_head(content);
    if lines.is_empty() {
        return Err("an application/http part has no status line".into());
    }
    let (status_line, _) = lines.remove(0);
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .and_then(|code| StatusCode::from_u16(code).ok())
        .ok_or_else(|| format!("not an HTTP status line: {status_line:?}"))?;
    let mut headers = HeaderMap::new();
    for (name, value) in lines {
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value)) {
            headers.append(name, value);
        }
    }
    Ok(HttpResponse { status, headers, body: Bytes::copy_from_slice(body) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_parts_with_crlf_or_lf() -> Result<(), String> {
        let body = b"preamble\r\n--b\r\nA: 1\r\n\r\none\r\n--b\nB: 2\n\ntwo --b not a delimiter\n--b--\r\nepilogue";
        let parts = split(body, "b")?;
        assert_eq!(parts, [&b"A: 1\r\n\r\none"[..], &b"B: 2\n\ntwo --b not a delimiter"[..]]);
        assert_eq!(boundary_of("multipart/mixed; charset=x; Boundary=\"a b\"").as_deref(), Some("a b"));
        assert_eq!(boundary_of("multipart/mixed"), None);
        Ok(())
    }

    #[test]
    fn no_input_panics() {
        let valid = "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\nContent-ID: r1\r\n\r\nHTTP/1.1 201 Created\r\nLocation: X(1)\r\n\r\n{}\r\n--c--\r\n--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 404 Not Found\r\n\r\n--b--\r\n";
        for end in 0..=valid.len() {
            let _ = read(&valid.as_bytes()[..end], "multipart/mixed; boundary=b", &[]);
        }
        for at in 0..valid.len() {
            for byte in [b'-', b'\r', b'\n', b':', b'x', 0xff] {
                let mut body = valid.as_bytes().to_vec();
                body[at] = byte;
                let _ = read(&body, "multipart/mixed; boundary=b", &[]);
            }
        }
    }
}
