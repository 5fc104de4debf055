//! The HTTP layer under the [`Client`](crate::Client): one request in, status, headers and body out.
//!
//! The client only needs [`Transport::send`]. [`ReqwestTransport`](crate::ReqwestTransport) (feature
//! `reqwest`) is the default; a test double or another HTTP stack implements the trait itself.
//!
//! ```
//! use odata_client::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
//!
//! /// Answers every request with an empty collection.
//! struct Empty;
//!
//! impl Transport for Empty {
//!     fn send(&self, _request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
//!         Box::pin(async { Ok(HttpResponse::new(200, r#"{"value": []}"#)) })
//!     }
//! }
//! ```

use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};

/// A boxed, sendable future: what [`Transport::send`] returns, so that the trait stays object safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A request as the client built it: the URL is absolute and already percent-encoded.
#[derive(Clone, Debug)]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// The headers, including those of the client's header provider.
    pub headers: HeaderMap,
    /// The body, if any (JSON for every request the client sends).
    pub body: Option<Bytes>,
}

/// A response: status, headers and the whole body.
#[derive(Clone, Debug)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body (empty for `204 No Content`).
    pub body: Bytes,
}

impl HttpResponse {
    /// A response with this status and body and no headers; an invalid status reads as `500`.
    pub fn new(status: u16, body: impl Into<Bytes>) -> HttpResponse {
        HttpResponse {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: HeaderMap::new(),
            body: body.into(),
        }
    }

    /// The value of header `name`, when it is present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// Why a request got no response: connection, TLS, timeout, or a failure of the transport itself.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct TransportError {
    message: String,
    timeout: bool,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// An error with this message and cause.
    pub fn new(message: impl Into<String>, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        TransportError { message: message.into(), timeout: false, source: Some(source.into()) }
    }

    /// An error with only a message.
    pub fn msg(message: impl Into<String>) -> Self {
        TransportError { message: message.into(), timeout: false, source: None }
    }

    /// The request took longer than the configured timeout.
    pub fn timeout(message: impl Into<String>) -> Self {
        TransportError { message: message.into(), timeout: true, source: None }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        self.timeout
    }
}

/// Sends HTTP requests. Implement it to use another HTTP client, or a test double.
pub trait Transport: Send + Sync {
    /// Sends `request` and reads the whole response. Any status is a response, not an error.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}
