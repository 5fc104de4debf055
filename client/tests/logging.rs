//! What the client logs through `tracing`, captured by a small subscriber: spans and events with
//! their fields, and never the token of the `Authorization` header.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use odata_client::http::{HeaderValue, header};
use odata_client::{BearerToken, Client, HttpResponse, RetryPolicy};
use serde_json::Value;
use support::Script;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

mod support;

/// Writes every span (when created and when a field is recorded) and event as one line of text.
#[derive(Clone, Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
}

/// Appends ` name=value` for each field.
struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl Capture {
    fn push(&self, line: String) {
        self.lines.lock().expect("lock").push(line);
    }

    fn text(&self) -> String {
        self.lines.lock().expect("lock").join("\n")
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = format!("{} span {}", span.metadata().level(), span.metadata().name());
        span.record(&mut Fields(&mut line));
        self.push(line);
        Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = "  record".to_owned();
        values.record(&mut Fields(&mut line));
        self.push(line);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut line = format!("{} event", event.metadata().level());
        event.record(&mut Fields(&mut line));
        self.push(line);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test(start_paused = true)]
async fn logs_spans_and_events_without_secrets() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let mut busy = HttpResponse::new(503, "");
    busy.headers.insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
    let body = format!(r#"{{"value": ["{}"]}}"#, "x".repeat(5000));
    let answers = Script::new([busy, HttpResponse::new(200, body)]);
    let mut unmarked = HeaderValue::from_static("Basic c2VjcmV0OnBhc3M=");
    unmarked.set_sensitive(false);
    let client = Client::builder("https://svc.example/odata/")
        .transport(answers)
        .header_provider(BearerToken::new("s3cr3t-t0ken").expect("token"))
        .header(header::PROXY_AUTHORIZATION, unmarked)
        .retry(RetryPolicy::default())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    client.get_json::<Value>("Items?$top=1").await.expect("answer");

    let text = capture.text();
    assert!(!text.contains("s3cr3t-t0ken") && !text.contains("c2VjcmV0"), "a secret was logged:\n{text}");
    assert!(text.contains("authorization") && text.contains("***"), "the header names are shown:\n{text}");
    for expected in [
        r#"DEBUG span odata_request method=GET url=https://svc.example/odata/Items?$top=1"#,
        "  record attempt=1",
        "  record attempt=2",
        "DEBUG event message=response status=503",
        "DEBUG event message=response status=200",
        "message=retrying",
        "why=503 Service Unavailable, Retry-After 2s wait_ms=2000",
        "TRACE event message=response body body={\"value\": [\"xxx",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // The body at trace level is cut short.
    let longest = text.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 1500, "a line of {longest} bytes:\n{text}");
}
