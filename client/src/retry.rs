//! [`RetryPolicy`]: when a request is sent again, and how long the client waits before it does.
//!
//! A request is retried when
//!
//! - the service answers `429 Too Many Requests` or `503 Service Unavailable` (any method: both say
//!   the service did not act on the request), or
//! - no response came (connection refused or reset, TLS failure, the per-attempt timeout) and the
//!   method is idempotent (`GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`), unless
//!   [`RetryPolicy::retry_transport_errors`] is off. `POST` and `PATCH` are never sent twice
//!   after a lost response: the service may have acted on the first one. A `DELETE` whose response
//!   was lost may answer `404` the second time.
//!
//! The wait before a retry is the service's `Retry-After` (delta-seconds or an HTTP-date) when it
//! sends one, otherwise an exponential backoff with jitter. A `Retry-After` longer than
//! [`RetryPolicy::max_wait`] ends the retries at once: waiting less than the service asked would
//! most likely be refused again, and the caller gets the error with the `Retry-After` header to
//! decide for itself. Other statuses and errors of the header provider are never retried.

use std::hash::BuildHasher as _;
use std::time::{Duration, SystemTime};

use http::{Method, StatusCode};

use crate::transport::{HttpResponse, TransportError};

/// When to send a request again and how long to wait before it; see the [module](self) docs.
///
/// ```
/// use std::time::Duration;
/// use odata_client::{Client, RetryPolicy};
///
/// let client = Client::builder("https://services.example/odata/")
///     .retry(RetryPolicy { max_attempts: 5, max_wait: Duration::from_secs(120), ..RetryPolicy::default() })
///     .build();
/// # let _ = client;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a request is sent at most, the first time included: `1` (or `0`) never
    /// retries. Default 3.
    pub max_attempts: u32,
    /// The backoff before the first retry when the service sends no `Retry-After`; it doubles for
    /// each further retry, and the wait is a random point between half of it and all of it
    /// (jitter). Default 500 ms.
    pub initial_backoff: Duration,
    /// The longest backoff (before jitter). Default 30 s.
    pub max_backoff: Duration,
    /// The longest wait the client accepts: a `Retry-After` asking for more ends the retries with
    /// the service's error. Default 60 s.
    pub max_wait: Duration,
    /// Whether a request with an idempotent method that got no response (connection error,
    /// timeout) is sent again. Default true.
    pub retry_transport_errors: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_wait: Duration::from_secs(60),
            retry_transport_errors: true,
        }
    }
}

/// What to do after an attempt.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Return the outcome as it is (success, an error that is not retried).
    Done,
    /// Return the outcome: it would be retried, but `why` not.
    GiveUp { why: String },
    /// Wait `wait`, then send again, because of `why`.
    Retry { wait: Duration, why: String },
}

impl RetryPolicy {
    /// A policy that sends every request once.
    pub fn never() -> RetryPolicy {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// What follows attempt `attempt` (1 for the first) of a `method` request that ended in `outcome`.
    pub(crate) fn next(
        &self,
        attempt: u32,
        method: &Method,
        outcome: &Result<HttpResponse, TransportError>,
        now: SystemTime,
    ) -> Next {
        let (why, asked) = match outcome {
            Ok(response) if retryable_status(response.status) => {
                let asked = response.header("retry-after").and_then(|value| parse_retry_after(value, now));
                (response.status.to_string(), asked)
            }
            Err(error) if self.retry_transport_errors && idempotent(method) => (format!("no response ({error})"), None),
            _ => return Next::Done,
        };
        if attempt >= self.max_attempts {
            let why = format!("{why}: {attempt} of {} attempts made", self.max_attempts);
            return Next::GiveUp { why };
        }
        match asked {
            Some(wait) if wait > self.max_wait => Next::GiveUp {
                why: format!("{why}: Retry-After asks for {wait:?}, more than the maximum wait {:?}", self.max_wait),
            },
            Some(wait) => Next::Retry { wait, why: format!("{why}, Retry-After {wait:?}") },
            None => Next::Retry { wait: self.backoff(attempt, random_fraction()).min(self.max_wait), why },
        }
    }

    /// The backoff after attempt `attempt`: `initial_backoff * 2^(attempt - 1)` capped at
    /// `max_backoff`, scaled into its upper half by `fraction` (in `0..=1`).
    fn backoff(&self, attempt: u32, fraction: f64) -> Duration {
        let doublings = attempt.saturating_sub(1).min(31);
        let full = self.initial_backoff.saturating_mul(1 << doublings).min(self.max_backoff);
        full / 2 + (full / 2).mul_f64(fraction.clamp(0.0, 1.0))
    }
}

/// `429 Too Many Requests` and `503 Service Unavailable`: the service did not act on the request.
fn retryable_status(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE
}

/// Methods that may be sent twice with the effect of once (RFC 9110, 9.2.2), `TRACE` aside.
fn idempotent(method: &Method) -> bool {
    [Method::GET, Method::HEAD, Method::OPTIONS, Method::PUT, Method::DELETE].contains(method)
}

/// A random number in `0..1` (for jitter; std's randomly keyed hasher is random enough).
fn random_fraction() -> f64 {
    let bits = std::collections::hash_map::RandomState::new().hash_one(SystemTime::now());
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// The wait a `Retry-After` value asks for at `now`: delta-seconds, or an HTTP-date (zero when it
/// has passed). `None` when the value is neither.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Digits only: a number too large for u64 is still a (very long) wait.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let date = parse_http_date(value)?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Reads an HTTP-date (RFC 9110, 5.6.7) in any of its three forms: `Sun, 06 Nov 1994 08:49:37 GMT`
/// (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 850) and `Sun Nov  6 08:49:37 1994` (asctime).
/// The day name is not checked against the date.
pub fn parse_http_date(text: &str) -> Option<SystemTime> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (day, month, year, time) = match words.as_slice() {
        [weekday, day, month, year, time, "GMT"] if weekday.ends_with(',') && year.len() == 4 => {
            (*day, *month, year.parse::<u32>().ok()?, *time)
        }
        [weekday, date, time, "GMT"] if weekday.ends_with(',') => {
            let mut parts = date.split('-');
            let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || year.len() != 2 {
                return None;
            }
            // Two-digit years: 70..99 are the 1900s, the rest the 2000s.
            let year: u32 = year.parse().ok()?;
            (day, month, if year >= 70 { 1900 + year } else { 2000 + year }, *time)
        }
        [_, month, day, time, year] if year.len() == 4 => (*day, *month, year.parse::<u32>().ok()?, *time),
        _ => return None,
    };
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let day: u32 = (!day.is_empty() && day.len() <= 2).then(|| day.parse().ok()).flatten()?;
    let mut clock = time.split(':');
    let mut field = |max: u64| -> Option<u64> {
        let part = clock.next().filter(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))?;
        part.parse().ok().filter(|v| *v <= max)
    };
    let (hour, minute, second) = (field(23)?, field(59)?, field(60)?);
    if clock.next().is_some() || !(1970..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let days = (1970..year).map(|y| if leap(y) { 366 } else { 365 }).sum::<u64>()
        + (1..month).map(|m| u64::from(days_in_month(year, m))).sum::<u64>()
        + u64::from(day - 1);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}

fn leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn reads_the_three_http_date_forms() {
        // The example of RFC 9110: 784111777 seconds after the epoch.
        for text in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
            assert_eq!(parse_http_date(text), Some(at(784_111_777)), "{text}");
        }
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(at(0)));
        assert_eq!(parse_http_date("Tue, 29 Feb 2028 23:59:60 GMT"), Some(at(1_835_481_600)));
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sun, 29 Feb 2100 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Nov 1969 08:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "soon",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        let now = at(784_111_777);
        assert_eq!(parse_retry_after(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("99999999999999999999999", now), Some(Duration::from_secs(u64::MAX)));
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("1.5", now), None);
    }

    #[test]
    fn backoff_doubles_within_its_cap() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(1, 1.0), Duration::from_millis(500));
        assert_eq!(policy.backoff(1, 0.0), Duration::from_millis(250));
        assert_eq!(policy.backoff(3, 1.0), Duration::from_secs(2));
        assert_eq!(policy.backoff(30, 1.0), Duration::from_secs(30));
        assert_eq!(policy.backoff(u32::MAX, 0.0), Duration::from_secs(15));
        let fraction = random_fraction();
        assert!((0.0..1.0).contains(&fraction), "{fraction}");
    }

    #[test]
    fn decides_by_status_method_and_attempt() {
        let policy = RetryPolicy::default();
        let now = at(0);
        let response = |status: u16| Ok(HttpResponse::new(status, ""));
        assert_eq!(policy.next(1, &Method::GET, &response(200), now), Next::Done);
        assert_eq!(policy.next(1, &Method::GET, &response(500), now), Next::Done);
        assert!(matches!(policy.next(1, &Method::POST, &response(503), now), Next::Retry { .. }));
        assert!(matches!(policy.next(3, &Method::POST, &response(503), now), Next::GiveUp { .. }));
        let lost = || Err(TransportError::msg("reset"));
        assert!(matches!(policy.next(1, &Method::PUT, &lost(), now), Next::Retry { .. }));
        assert_eq!(policy.next(1, &Method::POST, &lost(), now), Next::Done);
        assert_eq!(policy.next(1, &Method::PATCH, &lost(), now), Next::Done);
        let off = RetryPolicy { retry_transport_errors: false, ..RetryPolicy::default() };
        assert_eq!(off.next(1, &Method::GET, &lost(), now), Next::Done);
        assert!(matches!(RetryPolicy::never().next(1, &Method::GET, &lost(), now), Next::GiveUp { .. }));
    }
}
