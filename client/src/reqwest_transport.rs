//! [`ReqwestTransport`]: the [`Transport`] over `reqwest` with rustls.

use std::time::Duration;

use crate::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};

/// A [`Transport`] over a `reqwest::Client` (rustls, no proxy from the environment unless
/// the given client has one).
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with a new `reqwest::Client`: this connect timeout, no overall timeout (the
    /// [`Client`](crate::Client) applies its own).
    pub fn new(connect_timeout: Duration) -> Result<ReqwestTransport, TransportError> {
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .build()
            .map_err(|e| TransportError::new("could not build the HTTP client", e))?;
        Ok(ReqwestTransport { client })
    }

    /// A transport over an existing `reqwest::Client` (its pool, proxy and TLS settings).
    pub fn with_client(client: reqwest::Client) -> ReqwestTransport {
        ReqwestTransport { client }
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let mut builder = self.client.request(request.method, &request.url).headers(request.headers);
            if let Some(body) = request.body {
                builder = builder.body(body);
            }
            let response = builder.send().await.map_err(|e| map_error("request failed", e))?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(|e| map_error("reading the response body failed", e))?;
            Ok(HttpResponse { status, headers, body })
        })
    }
}

fn map_error(what: &str, error: reqwest::Error) -> TransportError {
    if error.is_timeout() {
        TransportError::timeout(format!("{what}: {error}"))
    } else {
        TransportError::new(format!("{what}: {error}"), error)
    }
}
