//! [`Client`]: a service root, a transport, headers and a timeout; sends requests and reads responses.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue};
use http::{HeaderMap, Method};
use odata_runtime::operation::{Action, ActionImport, Function, FunctionImport};
use odata_runtime::{EntitySet, EntityType, ODataError, Singleton};
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use crate::batch::Batch;
use crate::error::{Error, Result, ServiceError};
use crate::logging::{Redacted, truncated};
use crate::request::{Collection, Entity};
use crate::retry::{Next, RetryPolicy};
use crate::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};

/// Adds headers to every request, e.g. `Authorization` with a token it refreshes when needed.
pub trait HeaderProvider: Send + Sync {
    /// The headers to add to the next request.
    fn headers(&self) -> BoxFuture<'_, Result<HeaderMap>>;
}

/// A fixed `Authorization: Bearer ...` header.
#[derive(Clone)]
pub struct BearerToken(HeaderValue);

impl BearerToken {
    /// A provider of `Authorization: Bearer {token}`; fails when the token is not a valid header value.
    pub fn new(token: &str) -> Result<BearerToken> {
        let mut value = HeaderValue::from_str(&format!("Bearer {token}"))
            .map_err(|_| Error::InvalidRequest("the token is not a valid header value".into()))?;
        value.set_sensitive(true);
        Ok(BearerToken(value))
    }
}

impl std::fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BearerToken(***)")
    }
}

impl HeaderProvider for BearerToken {
    fn headers(&self) -> BoxFuture<'_, Result<HeaderMap>> {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::AUTHORIZATION, self.0.clone());
        Box::pin(async move { Ok(headers) })
    }
}

/// Configures a [`Client`]: `Client::builder(url).timeout(..).header_provider(..).build()`.
pub struct ClientBuilder {
    base: String,
    transport: Option<Arc<dyn Transport>>,
    header_provider: Option<Arc<dyn HeaderProvider>>,
    headers: HeaderMap,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    retry: RetryPolicy,
}

impl ClientBuilder {
    /// Sends through `transport` instead of the default reqwest transport.
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Adds the headers of `provider` to every request (authentication).
    pub fn header_provider(mut self, provider: impl HeaderProvider + 'static) -> Self {
        self.header_provider = Some(Arc::new(provider));
        self
    }

    /// Adds a fixed header to every request.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Fails an attempt (connect, send, read) that takes longer than this; default 60 s. The limit
    /// applies to each attempt on its own: a retried request may take up to
    /// `max_attempts * timeout` plus the waits between attempts (see [`RetryPolicy`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// No overall timeout.
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// Retries `429` and `503` answers (and lost responses of idempotent requests) as `policy` says;
    /// the default is [`RetryPolicy::default`] (3 attempts).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends every request once: `429` and `503` are returned as errors at once.
    pub fn no_retry(mut self) -> Self {
        self.retry = RetryPolicy::never();
        self
    }

    /// The connect timeout of the default transport; default 10 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The client. Fails when the base URL is not `http(s)://...` or the default transport cannot start.
    pub fn build(self) -> Result<Client> {
        let mut base = self.base;
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(Error::InvalidRequest(format!("the service root {base:?} is not an http(s) URL")));
        }
        if !base.ends_with('/') {
            base.push('/');
        }
        let transport = match self.transport {
            Some(transport) => transport,
            None => default_transport(self.connect_timeout)?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                base,
                transport,
                header_provider: self.header_provider,
                headers: self.headers,
                timeout: self.timeout,
                retry: self.retry,
            }),
        })
    }
}

#[cfg(feature = "reqwest")]
fn default_transport(connect_timeout: Duration) -> Result<Arc<dyn Transport>> {
    Ok(Arc::new(crate::ReqwestTransport::new(connect_timeout)?))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport(_: Duration) -> Result<Arc<dyn Transport>> {
    Err(Error::InvalidRequest("no transport: enable feature `reqwest` or call `ClientBuilder::transport`".into()))
}

/// An OData service: its root URL and how to reach it. Cheap to clone (shared inside).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    base: String,
    transport: Arc<dyn Transport>,
    header_provider: Option<Arc<dyn HeaderProvider>>,
    headers: HeaderMap,
    timeout: Option<Duration>,
    retry: RetryPolicy,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.base)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish()
    }
}

impl Client {
    /// A builder for the service at `base_url` (`https://host/odata/v4/shop/`).
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base: base_url.into(),
            transport: None,
            header_provider: None,
            headers: HeaderMap::new(),
            timeout: Some(Duration::from_secs(60)),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
        }
    }

    /// The service root, ending in `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    /// The requests on the entity set `set`: read pages, create.
    pub fn entity_set<T>(&self, set: EntitySet<T>) -> Collection<T> {
        Collection::new(self.clone(), set.path().to_owned())
    }

    /// The requests on a collection at a URL the service gave: a saved `@odata.nextLink` or
    /// `@odata.deltaLink` (a delta round starts again from its delta link). The URL must be on the service's host.
    pub fn collection_at<T>(&self, url: impl Into<String>) -> Collection<T> {
        Collection::new(self.clone(), url.into())
    }

    /// The requests on the entity of `set` with `key`: read, update, delete, bound operations.
    pub fn entity<T: EntityType>(&self, set: EntitySet<T>, key: &T::Key) -> Entity<T> {
        Entity::new(self.clone(), set.entity(key))
    }

    /// The requests on the singleton `singleton`.
    pub fn singleton<T>(&self, singleton: Singleton<T>) -> Entity<T> {
        Entity::new(self.clone(), singleton.path().to_owned())
    }

    /// A new batch: requests to send together in one `$batch` request.
    pub fn batch(&self) -> Batch {
        Batch::new(self.clone())
    }

    /// Calls an unbound function through its import: `GET {root}/Name(p=..)`.
    pub async fn call_function<F: Function>(&self, import: FunctionImport<F>, function: &F) -> Result<F::Output> {
        let response = self.send(Method::GET, &import.call(function), None, HeaderMap::new()).await?;
        read_operation_result(&response, F::read_result)
    }

    /// Calls an unbound action through its import: `POST {root}/Name` with the parameters as body.
    pub async fn call_action<A: Action>(&self, import: ActionImport<A>, action: &A) -> Result<A::Output> {
        let body = action.body().map_err(Error::Encode)?;
        let response = self.send(Method::POST, import.path(), Some(body.into()), HeaderMap::new()).await?;
        read_operation_result(&response, A::read_result)
    }

    /// `GET path` (relative to the root, or a URL under it) read as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        let response = self.send(Method::GET, path, None, HeaderMap::new()).await?;
        read_json(&response)
    }

    /// Sends a request to `path` (relative to the root, or a URL under it) with a JSON `body` and
    /// extra `headers`, which replace the client's (`Accept: application/json`, `Content-Type:
    /// application/json`, `OData-Version: 4.0`, the header provider's) of the same name. A status of
    /// 400 or more is an [`Error::Service`].
    ///
    /// `429` and `503` answers, and lost responses of idempotent requests, are sent again as the
    /// client's [`RetryPolicy`] says; the header provider is asked again for each attempt and the
    /// timeout applies to each attempt. When no attempt is left the last answer is the error.
    /// The request is logged as [`logging`](crate::logging) describes.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Bytes>,
        headers: HeaderMap,
    ) -> Result<HttpResponse> {
        let url = self.resolve(path)?;
        let span = tracing::debug_span!("odata_request", method = %method, url = %url, attempt = tracing::field::Empty);
        let current = span.clone();
        async move {
            let mut attempt = 1;
            loop {
                current.record("attempt", attempt);
                let outcome = self.attempt(&method, &url, body.clone(), &headers).await?;
                match self.inner.retry.next(attempt, &method, &outcome, SystemTime::now()) {
                    Next::Done => {}
                    Next::GiveUp { why } => tracing::debug!(why = %why, "not retrying"),
                    Next::Retry { wait, why } => {
                        tracing::debug!(why = %why, wait_ms = wait.as_millis() as u64, "retrying");
                        tokio::time::sleep(wait).await;
                        attempt += 1;
                        continue;
                    }
                }
                let response = outcome?;
                if response.status.is_client_error() || response.status.is_server_error() {
                    return Err(service_error(response));
                }
                return Ok(response);
            }
        }
        .instrument(span)
        .await
    }

    /// Sends the request once, with fresh headers of the provider and the timeout: the response
    /// (any status) or why none came; the outer error is the header provider's.
    async fn attempt(
        &self,
        method: &Method,
        url: &str,
        body: Option<Bytes>,
        headers: &HeaderMap,
    ) -> Result<Result<HttpResponse, TransportError>> {
        let mut all = self.inner.headers.clone();
        all.insert(ACCEPT, HeaderValue::from_static("application/json"));
        all.insert(HeaderName::from_static("odata-version"), HeaderValue::from_static("4.0"));
        if body.is_some() {
            all.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        if let Some(provider) = &self.inner.header_provider {
            all.extend(provider.headers().await?);
        }
        all.extend(headers.clone());
        tracing::trace!(headers = ?Redacted(&all), "request");
        let request = HttpRequest { method: method.clone(), url: url.to_owned(), headers: all, body };
        let started = tokio::time::Instant::now();
        let sending = self.inner.transport.send(request);
        let result = match self.inner.timeout {
            Some(limit) => tokio::time::timeout(limit, sending)
                .await
                .unwrap_or_else(|_| Err(TransportError::timeout(format!("no response within {limit:?}")))),
            None => sending.await,
        };
        let elapsed_ms = started.elapsed().as_millis() as u64;
        match &result {
            Ok(response) => {
                tracing::debug!(status = response.status.as_u16(), elapsed_ms, "response");
                tracing::trace!(body = %truncated(&response.body), "response body");
            }
            Err(error) => tracing::debug!(error = %error, elapsed_ms, "no response"),
        }
        Ok(result)
    }

    /// The absolute URL of `path`: relative paths are under the root, `/...` under its origin;
    /// an absolute URL must be under the root's origin (so credentials never leave the service).
    pub fn resolve(&self, path: &str) -> Result<String> {
        let base = &self.inner.base;
        let origin = origin(base);
        if path.contains("://") {
            let same_origin = path.strip_prefix(origin).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
            if !same_origin {
                return Err(Error::InvalidRequest(format!("{path:?} is not on the service's host {origin}")));
            }
            Ok(path.to_owned())
        } else if path.starts_with('/') {
            Ok(format!("{origin}{path}"))
        } else {
            Ok(format!("{base}{path}"))
        }
    }
}

/// `scheme://authority` of an absolute URL.
fn origin(url: &str) -> &str {
    let start = url.find("://").map_or(0, |i| i + 3);
    match url[start..].find('/') {
        Some(end) => &url[..start + end],
        None => url,
    }
}

/// The error of a response with an error status: its OData error body when it has one.
pub(crate) fn service_error(response: HttpResponse) -> Error {
    let error = serde_json::from_slice::<ODataError>(&response.body).ok();
    let body = if error.is_some() { String::new() } else { String::from_utf8_lossy(&response.body).into_owned() };
    Error::Service(Box::new(ServiceError { status: response.status, headers: response.headers, error, body }))
}

/// Reads a JSON body into `T`.
pub(crate) fn read_json<T: DeserializeOwned>(response: &HttpResponse) -> Result<T> {
    serde_json::from_slice(&response.body).map_err(|source| Error::Decode { status: response.status, source })
}

/// Reads the result of an action or function with its generated reader.
pub(crate) fn read_operation_result<T>(
    response: &HttpResponse,
    read: fn(&str) -> Result<T, serde_json::Error>,
) -> Result<T> {
    read(&String::from_utf8_lossy(&response.body)).map_err(|source| Error::Decode { status: response.status, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Never;
    impl Transport for Never {
        fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            Box::pin(async { Err(TransportError::msg("unused")) })
        }
    }

    #[test]
    fn resolves_paths_and_refuses_other_hosts() -> Result<()> {
        let client = Client::builder("http://h:1/odata/v4/shop").transport(Never).build()?;
        assert_eq!(client.base_url(), "http://h:1/odata/v4/shop/");
        assert_eq!(client.resolve("Products?$skiptoken=3")?, "http://h:1/odata/v4/shop/Products?$skiptoken=3");
        assert_eq!(client.resolve("/other/x")?, "http://h:1/other/x");
        assert_eq!(client.resolve("http://h:1/odata/v4/shop/P")?, "http://h:1/odata/v4/shop/P");
        assert!(client.resolve("http://h:10/x").is_err());
        assert!(client.resolve("http://evil/x").is_err());
        assert!(Client::builder("ftp://h").transport(Never).build().is_err());
        Ok(())
    }
}
