//! What the client logs through `tracing`, and what it keeps out of the logs.
//!
//! Each [`Client::send`](crate::Client::send) runs in a `debug` span `odata_request` with the
//! fields `method`, `url` and `attempt` (recorded anew for each attempt). Inside it:
//!
//! - `debug`: `response` (status, elapsed_ms) or `no response` (error, elapsed_ms) for each
//!   attempt, `retrying` (why, wait_ms) before a retry and `not retrying` (why) when a retryable
//!   outcome is returned anyway;
//! - `trace`: `request` with the headers, and `response body` with the first
//!   [`MAX_LOGGED_BODY`] bytes of the body.
//!
//! Header values marked sensitive ([`HeaderValue::is_sensitive`], as [`BearerToken`](crate::BearerToken)
//! marks its own) and those of `Authorization`, `Proxy-Authorization`, `Cookie` and `Set-Cookie` are
//! logged as `***`. Request bodies are never logged; response bodies only at `trace`.

use std::fmt;

use http::header::{AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION, SET_COOKIE};
use http::{HeaderMap, HeaderValue};

/// How much of a response body a `trace` event shows.
pub const MAX_LOGGED_BODY: usize = 1024;

/// Headers for the log: names, and values unless they are secret.
pub(crate) struct Redacted<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret = |name: &http::HeaderName, value: &HeaderValue| {
            value.is_sensitive() || [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE, SET_COOKIE].contains(name)
        };
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if secret(name, value) {
                map.entry(&name.as_str(), &"***");
            } else {
                map.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        map.finish()
    }
}

/// The start of `body` as text, at most [`MAX_LOGGED_BODY`] bytes, with `…` when cut.
pub(crate) fn truncated(body: &[u8]) -> String {
    if body.len() <= MAX_LOGGED_BODY {
        return String::from_utf8_lossy(body).into_owned();
    }
    let mut text = String::from_utf8_lossy(&body[..MAX_LOGGED_BODY]).into_owned();
    // A multi-byte character cut in two reads as U+FFFD at the end; drop it.
    if text.ends_with(char::REPLACEMENT_CHARACTER) {
        text.pop();
    }
    text.push('…');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_secret_values_and_cuts_long_bodies() {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer abc"));
        let mut key = HeaderValue::from_static("k3y");
        key.set_sensitive(true);
        headers.insert("x-api-key", key);
        headers.insert("accept", HeaderValue::from_static("application/json"));
        let shown = format!("{:?}", Redacted(&headers));
        assert!(!shown.contains("abc") && !shown.contains("k3y"), "{shown}");
        assert!(shown.contains("application/json") && shown.contains("x-api-key"), "{shown}");

        assert_eq!(truncated(b"short"), "short");
        let long = "é".repeat(MAX_LOGGED_BODY);
        let cut = truncated(long.as_bytes());
        assert!(cut.ends_with("é…") && cut.len() <= MAX_LOGGED_BODY + '…'.len_utf8(), "{}", cut.len());
    }
}
