//! Retries against a scripted transport, on tokio's paused clock: waits take no real time, and the
//! clock shows how long the client waited.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use odata_client::http::{HeaderValue, Method};
use odata_client::{Client, Error, HttpResponse, RetryPolicy};
use serde_json::Value;
use support::{Answer, Script};
use tokio::time::Instant;

mod support;

fn respond(status: u16, retry_after: Option<&str>) -> Answer {
    let mut response = HttpResponse::new(status, r#"{"error": {"code": "Busy", "message": "try later"}}"#);
    if let Some(value) = retry_after {
        response.headers.insert("retry-after", HeaderValue::from_str(value).expect("header value"));
    }
    Answer::Respond(response)
}

fn ok() -> Answer {
    Answer::Respond(HttpResponse::new(200, r#"{"value": [1]}"#))
}

fn client(script: &Script, policy: RetryPolicy) -> Client {
    let builder = Client::builder("https://svc.example/odata/").transport(script.clone()).retry(policy);
    builder.timeout(Duration::from_secs(10)).build().expect("client")
}

/// `time` as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), for `Retry-After`.
fn http_date(time: SystemTime) -> String {
    let seconds = time.duration_since(UNIX_EPOCH).expect("after 1970").as_secs();
    let (mut days, rest) = (seconds / 86_400, seconds % 86_400);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let mut year = 1970;
    let year_days =
        |y: u64| if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) { 366 } else { 365 };
    while days >= year_days(year) {
        days -= year_days(year);
        year += 1;
    }
    let february = if year_days(year) == 366 { 29 } else { 28 };
    let lengths = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut month = 0;
    while days >= lengths[month] {
        days -= lengths[month];
        month += 1;
    }
    let name = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month];
    let (hour, minute, second) = (rest / 3600, rest % 3600 / 60, rest % 60);
    format!("{weekday}, {:02} {name} {year} {hour:02}:{minute:02}:{second:02} GMT", days + 1)
}

#[test]
fn formats_http_dates_like_rfc_9110() {
    let example = UNIX_EPOCH + Duration::from_secs(784_111_777);
    assert_eq!(http_date(example), "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(odata_client::retry::parse_http_date(&http_date(example)), Some(example));
}

#[tokio::test(start_paused = true)]
async fn a_503_then_200_succeeds_after_the_retry_after_delay() {
    let script = Script::answers([respond(503, Some("7")), ok()]);
    let started = Instant::now();
    let value: Value = client(&script, RetryPolicy::default()).get_json("Items").await.expect("retried");
    assert_eq!(value["value"][0], 1);
    assert_eq!(script.offsets(), [Duration::ZERO, Duration::from_secs(7)]);
    assert_eq!(started.elapsed(), Duration::from_secs(7));
}

#[tokio::test(start_paused = true)]
async fn a_429_with_an_http_date_waits_until_then() {
    // Real wall-clock time: the date is read against SystemTime, the wait happens on tokio's clock.
    let date = http_date(SystemTime::now() + Duration::from_secs(30));
    let script = Script::answers([respond(429, Some(&date)), ok()]);
    client(&script, RetryPolicy::default()).get_json::<Value>("Items").await.expect("retried");
    let waited = script.offsets()[1];
    // The date has whole seconds, and a little real time passes before it is read.
    assert!(waited > Duration::from_secs(28) && waited <= Duration::from_secs(30), "{waited:?}");
}

#[tokio::test(start_paused = true)]
async fn without_retry_after_the_backoff_doubles_with_jitter() {
    let script = Script::answers([respond(503, None), respond(503, None), respond(429, None), ok()]);
    let policy = RetryPolicy { max_attempts: 4, initial_backoff: Duration::from_secs(2), ..RetryPolicy::default() };
    client(&script, policy).get_json::<Value>("Items").await.expect("retried");
    let offsets = script.offsets();
    let gaps: Vec<Duration> = offsets.windows(2).map(|w| w[1] - w[0]).collect();
    // Each wait lies in the upper half of 2 s, 4 s, 8 s.
    for (gap, full) in gaps.iter().zip([2, 4, 8]) {
        let full = Duration::from_secs(full);
        assert!(*gap >= full / 2 && *gap <= full, "{gaps:?}");
    }
}

#[tokio::test(start_paused = true)]
async fn when_the_attempts_run_out_the_last_answer_is_the_error() {
    let script = Script::answers([respond(503, Some("1")), respond(503, Some("1")), respond(429, Some("2")), ok()]);
    let error = client(&script, RetryPolicy::default()).get_json::<Value>("Items").await.expect_err("exhausted");
    assert_eq!(script.count(), 3, "the default policy makes 3 attempts");
    let Error::Service(service) = &error else { panic!("{error:?}") };
    assert_eq!(service.status.as_u16(), 429);
    assert_eq!(service.headers.get("retry-after").and_then(|v| v.to_str().ok()), Some("2"));
    assert_eq!(error.odata_error().map(|e| e.code.as_str()), Some("Busy"));
}

#[tokio::test(start_paused = true)]
async fn other_error_statuses_are_not_retried() {
    for status in [400, 404, 412, 500] {
        let script = Script::answers([respond(status, Some("1")), ok()]);
        let error = client(&script, RetryPolicy::default()).get_json::<Value>("Items").await.expect_err("error");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(script.count(), 1, "{status} was retried");
    }
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_beyond_the_maximum_wait_gives_up_at_once() {
    let script = Script::answers([respond(503, Some("3600")), ok()]);
    let started = Instant::now();
    let error = client(&script, RetryPolicy::default()).get_json::<Value>("Items").await.expect_err("too long");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!((script.count(), started.elapsed()), (1, Duration::ZERO));

    // A larger maximum waits as long as asked.
    let script = Script::answers([respond(503, Some("3600")), ok()]);
    let policy = RetryPolicy { max_wait: Duration::from_secs(3600), ..RetryPolicy::default() };
    client(&script, policy).get_json::<Value>("Items").await.expect("retried");
    assert_eq!(script.offsets()[1], Duration::from_secs(3600));
}

#[tokio::test(start_paused = true)]
async fn lost_responses_are_retried_for_idempotent_methods_only() {
    let script = Script::answers([Answer::Fail, Answer::Hang, ok()]);
    let started = Instant::now();
    client(&script, RetryPolicy::default()).get_json::<Value>("Items").await.expect("retried");
    assert_eq!(script.count(), 3);
    // The timeout (10 s) ran out once, on the second attempt: it applies per attempt.
    assert!(started.elapsed() >= Duration::from_secs(10), "{:?}", started.elapsed());

    let script = Script::answers([Answer::Fail, ok()]);
    let error = client(&script, RetryPolicy::default()).send(Method::POST, "Items", None, Default::default()).await;
    assert!(matches!(error, Err(Error::Transport(_))), "{error:?}");
    assert_eq!(script.count(), 1, "a POST without a response must not be sent again");

    let script = Script::answers([Answer::Fail, ok()]);
    let policy = RetryPolicy { retry_transport_errors: false, ..RetryPolicy::default() };
    assert!(client(&script, policy).get_json::<Value>("Items").await.is_err());
    assert_eq!(script.count(), 1);

    // A 503 to a POST is retried: the service did not act on it.
    let script = Script::answers([respond(503, Some("1")), Answer::Respond(HttpResponse::new(201, "{}"))]);
    let created = client(&script, RetryPolicy::default()).send(Method::POST, "Items", None, Default::default()).await;
    assert_eq!(created.expect("created").status.as_u16(), 201);
}

#[tokio::test(start_paused = true)]
async fn no_retry_sends_once() {
    let script = Script::answers([respond(503, Some("1")), ok()]);
    let client = Client::builder("https://svc.example/").transport(script.clone()).no_retry().build();
    let error = client.expect("client").get_json::<Value>("Items").await.expect_err("503");
    assert_eq!((error.status().map(|s| s.as_u16()), script.count()), (Some(503), 1));
}
