//! [`Error`]: everything a request can fail with.

use http::{HeaderMap, StatusCode};
use odata_runtime::ODataError;

use crate::transport::TransportError;

/// The result of a client call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No response: connection, TLS or timeout.
    #[error("transport: {0}")]
    Transport(#[from] TransportError),
    /// The service answered with an error status (4xx, 5xx, or one the call does not expect).
    #[error("{0}")]
    Service(Box<ServiceError>),
    /// A success response whose body is not what the call expects.
    #[error("could not read the response ({status}): {source}")]
    Decode {
        /// The HTTP status of the response.
        status: StatusCode,
        /// What did not fit.
        #[source]
        source: serde_json::Error,
    },
    /// The request body could not be written.
    #[error("could not write the request body: {0}")]
    Encode(#[source] serde_json::Error),
    /// A `$batch` response has no response for this request of the batch: the service stopped
    /// after an earlier failure (see [`Batch::continue_on_error`](crate::Batch::continue_on_error))
    /// or left it out.
    #[error("the batch response has no response for request {id}")]
    MissingBatchResponse {
        /// The request id in the batch.
        id: String,
    },
    /// A request that cannot be built: a bad header value, a URL the client cannot follow.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

impl Error {
    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Service(service) => Some(service.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The OData error body, when the service sent one.
    pub fn odata_error(&self) -> Option<&ODataError> {
        match self {
            Error::Service(service) => service.error.as_ref(),
            _ => None,
        }
    }
}

/// An error response of the service, with everything it sent.
#[derive(Debug)]
pub struct ServiceError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers (`Retry-After`, `request-id`, ...).
    pub headers: HeaderMap,
    /// The OData error body, when the body is one.
    pub error: Option<ODataError>,
    /// The raw body, kept when it is not an OData error (an HTML page from a proxy, say).
    pub body: String,
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.error {
            Some(error) => write!(f, "{}: {error}", self.status),
            None if self.body.is_empty() => write!(f, "{}", self.status),
            None => {
                // Keep the message short: an error page can be long.
                let body: String = self.body.chars().take(200).collect();
                write!(f, "{}: {body}", self.status)
            }
        }
    }
}
