//! The scripted transport the client's tests share: it answers from a script, in order (or the same
//! answer every time), and records each request with the time it came (on tokio's clock, so that
//! tests on a paused clock can see how long the client waited).

// Each test file uses part of it.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use odata_client::transport::BoxFuture;
use odata_client::{HttpRequest, HttpResponse, Transport, TransportError};
use serde_json::Value;
use tokio::time::Instant;

/// One scripted answer.
pub enum Answer {
    /// A response.
    Respond(HttpResponse),
    /// No response: a connection error.
    Fail,
    /// No response within any timeout.
    Hang,
}

/// Answers requests from a script and records them. Clones share the script and the record.
#[derive(Clone, Default)]
pub struct Script {
    answers: Arc<Mutex<VecDeque<Answer>>>,
    /// The answer once the script is used up (none: a transport error).
    always: Option<HttpResponse>,
    seen: Arc<Mutex<Vec<(Instant, HttpRequest)>>>,
    /// How long each answer takes.
    delay: Option<Duration>,
}

impl Script {
    /// These responses, in order.
    pub fn new(responses: impl IntoIterator<Item = HttpResponse>) -> Script {
        Script::answers(responses.into_iter().map(Answer::Respond))
    }

    /// These answers, in order.
    pub fn answers(answers: impl IntoIterator<Item = Answer>) -> Script {
        Script { answers: Arc::new(Mutex::new(answers.into_iter().collect())), ..Script::default() }
    }

    /// `response` to every request.
    pub fn always(response: HttpResponse) -> Script {
        Script { always: Some(response), ..Script::default() }
    }

    /// Each answer after `delay`.
    pub fn delayed(self, delay: Duration) -> Script {
        Script { delay: Some(delay), ..self }
    }

    /// The requests so far.
    pub fn seen(&self) -> Vec<HttpRequest> {
        self.seen.lock().expect("lock").iter().map(|(_, request)| request.clone()).collect()
    }

    /// How many requests came.
    pub fn count(&self) -> usize {
        self.seen.lock().expect("lock").len()
    }

    /// The time between the first request and each later one.
    pub fn offsets(&self) -> Vec<Duration> {
        let seen = self.seen.lock().expect("lock");
        seen.iter().map(|(at, _)| at.duration_since(seen[0].0)).collect()
    }
}

impl Transport for Script {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.seen.lock().expect("lock").push((Instant::now(), request));
        let answer =
            self.answers.lock().expect("lock").pop_front().or_else(|| self.always.clone().map(Answer::Respond));
        let delay = self.delay;
        Box::pin(async move {
            if let Some(delay) = delay {
                tokio::time::sleep(delay).await;
            }
            match answer {
                Some(Answer::Respond(response)) => Ok(response),
                Some(Answer::Fail) => Err(TransportError::msg("connection reset")),
                Some(Answer::Hang) => {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    Err(TransportError::msg("hung"))
                }
                None => Err(TransportError::msg("the script has no more answers")),
            }
        })
    }
}

/// An entity type keyed by an integer, read as JSON: for paths and typed reads.
#[derive(Debug, PartialEq)]
pub struct Item(pub Value);

impl<'de> serde::Deserialize<'de> for Item {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Item)
    }
}

impl odata_runtime::EntityType for Item {
    type Key = i32;
    const KEY_PROPERTIES: &'static [&'static str] = &["ID"];
    fn key(&self) -> Option<i32> {
        None
    }
}
