//! `odata-codegen metadata fetch` against a one-shot HTTP server on a local port: what it asks for,
//! what it writes, and what it refuses (HTTP errors, bodies that are not CSDL, replacing a file that
//! is not a metadata document).

use std::ffi::OsStr;
use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use odata_tests::{run_cli, workspace_root};

/// A server that answers one request with `status`, `content_type` and `body`; joining it gives the
/// request's head (request line and headers).
struct OneShot {
    url: String,
    request: JoinHandle<String>,
}

impl OneShot {
    fn start(status: &'static str, content_type: &'static str, body: Vec<u8>) -> OneShot {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let url = format!("http://{}/odata/v4/shop", listener.local_addr().expect("address"));
        let request = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("accept");
            let mut head = Vec::new();
            let mut buffer = [0u8; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                let read = stream.read(&mut buffer).expect("read the request");
                if read == 0 {
                    break;
                }
                head.extend_from_slice(&buffer[..read]);
            }
            let answer = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(answer.as_bytes()).and_then(|()| stream.write_all(&body)).expect("answer");
            String::from_utf8_lossy(&head).into_owned()
        });
        OneShot { url, request }
    }

    fn request(self) -> String {
        self.request.join().expect("the server thread")
    }
}

/// A fresh directory under `target/` for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = workspace_root().join("target").join(format!("metadata-fetch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn fetch(url: &str, out: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let mut args: Vec<&OsStr> = vec!["metadata".as_ref(), "fetch".as_ref(), url.as_ref(), "--out".as_ref()];
    args.push(out.as_os_str());
    args.extend(extra.iter().map(OsStr::new));
    let output = run_cli(&args);
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// The metadata of the CAP test service: a small CSDL file of the repository.
fn shop_metadata() -> Vec<u8> {
    std::fs::read(workspace_root().join("tests/cap-server/metadata.xml")).expect("tests/cap-server/metadata.xml")
}

#[test]
fn writes_the_metadata_of_a_service_root() {
    let dir = scratch("ok");
    let out = dir.join("shop.xml");
    // An older metadata document is replaced without --force.
    let older = std::fs::read(workspace_root().join("codegen/data/demo.xml")).expect("demo.xml");
    std::fs::write(&out, older).expect("write");
    let server = OneShot::start("200 OK", "application/xml", shop_metadata());
    let url = server.url.clone();
    let (code, stderr) = fetch(&url, &out, &["--header", "Authorization: Bearer s3cr3t", "--timeout", "30"]);
    let request = server.request();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(std::fs::read(&out).expect("written"), shop_metadata());
    assert!(request.starts_with("GET /odata/v4/shop/$metadata HTTP/1.1\r\n"), "{request}");
    let lower = request.to_ascii_lowercase();
    assert!(lower.contains("\r\naccept: application/xml\r\n"), "{request}");
    assert!(lower.contains("\r\nauthorization: bearer s3cr3t\r\n"), "{request}");
    assert!(stderr.contains("wrote") && stderr.contains("ShopService"), "{stderr}");
    assert!(!stderr.contains("s3cr3t"), "the token was printed: {stderr}");
}

#[test]
fn an_http_error_exits_1_naming_the_url_and_status() {
    let dir = scratch("404");
    let out = dir.join("shop.xml");
    let server = OneShot::start("404 Not Found", "text/plain", b"no such service".to_vec());
    let url = format!("{}/$metadata", server.url);
    let (code, stderr) = fetch(&url, &out, &[]);
    server.request();
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("404 Not Found") && stderr.contains(&url), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_body_that_is_not_csdl_exits_1_and_writes_nothing() {
    let dir = scratch("html");
    let out = dir.join("shop.xml");
    let page = b"<!DOCTYPE html>\n<html><body><form>Sign in</form></body></html>".to_vec();
    let server = OneShot::start("200 OK", "text/html; charset=utf-8", page);
    let (code, stderr) = fetch(&server.url, &out, &[]);
    server.request();
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("is not a CSDL (OData metadata) document") && stderr.contains("text/html"), "{stderr}");
    assert!(stderr.contains("/odata/v4/shop/$metadata"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_file_that_is_not_metadata_is_only_replaced_with_force() {
    let dir = scratch("force");
    let out = dir.join("notes.xml");
    std::fs::write(&out, "<notes>keep me</notes>").expect("write");
    // Refused before any request is sent (port 9 has no server: a request would fail otherwise).
    let (code, stderr) = fetch("http://127.0.0.1:9/odata", &out, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("not an OData metadata document") && stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), "<notes>keep me</notes>");

    let server = OneShot::start("200 OK", "application/xml", shop_metadata());
    let (code, stderr) = fetch(&server.url, &out, &["--force", "--quiet"]);
    server.request();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.is_empty(), "--quiet: {stderr}");
    assert_eq!(std::fs::read(&out).expect("replaced"), shop_metadata());
}

#[test]
fn usage_errors_exit_2_and_the_help_has_examples() {
    let out = scratch("usage").join("x.xml");
    let (code, stderr) = fetch("ftp://example.com/", &out, &[]);
    assert_eq!(code, Some(2), "{stderr}");
    let (code, stderr) = fetch("http://127.0.0.1:9/", &out, &["--header", "Authorization Bearer s3cr3t"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("Name: value") && !stderr.contains("s3cr3t"), "{stderr}");
    let (code, stderr) = fetch("http://127.0.0.1:9/", &out, &["--timeout", "0"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(!out.exists());
    for command in [&["metadata", "--help"][..], &["metadata", "fetch", "--help"]] {
        let args: Vec<&OsStr> = command.iter().map(OsStr::new).collect();
        let output = run_cli(&args);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{command:?}");
        assert!(stdout.contains("Examples:\n  odata-codegen metadata fetch"), "{stdout}");
    }
}
