//! [`Batch`]: several requests in one `POST {root}/$batch`, in the JSON batch format of OData 4.01
//! (OData JSON Format 4.01, section 19), with change sets whose requests succeed or fail together.
//!
//! Each request added to a batch returns a [`BatchHandle`] typed like the answer of the same request
//! sent alone; after [`Batch::send`], [`BatchResponses::get`] reads it: the generated type, or the
//! same [`Error::Service`] (status, headers, OData error) a single request would give.
//!
//! ```no_run
//! # use odata_runtime::{EntitySet, EntityType};
//! # odata_runtime::record! {
//! #     /// A product.
//! #     pub struct Product = "shop.Product" { id: Option<i32> = "ID", title: Option<String> = "title", }
//! #     lookup = [0, 1];
//! # }
//! # impl EntityType for Product {
//! #     type Key = i32;
//! #     const KEY_PROPERTIES: &'static [&'static str] = &["ID"];
//! #     fn key(&self) -> Option<i32> { self.id }
//! # }
//! # const PRODUCTS: EntitySet<Product> = EntitySet::new("Products");
//! use odata_client::{Client, Return};
//!
//! # async fn run() -> odata_client::Result<()> {
//! let client = Client::builder("http://localhost:4004/odata/v4/shop/").build()?;
//! let mut batch = client.batch();
//! let pen = batch.get(&client.entity(PRODUCTS, &5));
//! // Both creates are applied, or neither is.
//! let (ruler, glue) = batch.change_set(|set| -> odata_client::Result<_> {
//!     let products = client.entity_set(PRODUCTS);
//!     let ruler = set.create(&products, &serde_json::json!({"ID": 8, "title": "Ruler"}), Return::Default)?;
//!     let glue = set.create(&products, &serde_json::json!({"ID": 9, "title": "Glue"}), Return::Default)?;
//!     Ok((ruler, glue))
//! })?;
//! let responses = batch.send().await?;
//! let pen: Product = responses.get(&pen)?;
//! let ruler = responses.get(&ruler)?.entity;
//! # let _ = (pen, ruler, glue);
//! # Ok(())
//! # }
//! ```
//!
//! Request URLs are relative to the service root, each request carries its own headers (`If-Match`,
//! `Prefer`, `Content-Type`), and the headers of the client and its header provider go on the
//! `$batch` request itself. Responses are matched by request id, in whatever order they come.
//! [`Batch::send_multipart`] sends the same batch in the `multipart/mixed` format of OData 4.0.

mod multipart;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use http::{HeaderMap, Method, StatusCode};
use odata_runtime::Page;
use odata_runtime::operation::{Action, ActionImport, Function, FunctionImport};
use serde::de::DeserializeOwned;
use serde::ser::{SerializeMap as _, SerializeSeq as _};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::client::{Client, read_json, read_operation_result, service_error};
use crate::error::{Error, Result};
use crate::request::{Collection, Created, Entity, Return, prefer_headers, read_created, read_updated};
use crate::transport::HttpResponse;

/// Tells batches apart, so that a handle is only read from the responses of its own batch.
static SERIAL: AtomicU64 = AtomicU64::new(0);

/// Reads one response of a batch into the result of its request.
type Reader<T> = fn(&HttpResponse) -> Result<T>;

/// Requests to send together in one `$batch` request; from [`Client::batch`].
///
/// Add requests with [`get`](Batch::get), [`page`](Batch::page), [`create`](Batch::create),
/// [`update`](Batch::update), [`delete`](Batch::delete) and the operation methods; group writes
/// that must succeed or fail together with [`change_set`](Batch::change_set); then
/// [`send`](Batch::send). The service runs the requests in order.
#[derive(Debug)]
pub struct Batch {
    client: Client,
    serial: u64,
    parts: Vec<Part>,
    /// The atomicity group requests are added to, inside [`Batch::change_set`].
    group: Option<String>,
    groups: usize,
    continue_on_error: bool,
}

/// One request of a batch, as it is written.
#[derive(Debug)]
struct Part {
    id: String,
    group: Option<String>,
    method: Method,
    url: String,
    headers: HeaderMap,
    body: Option<Box<RawValue>>,
    depends_on: Vec<String>,
}

/// A request added to a [`Batch`]: reads its response, typed `T`, from the [`BatchResponses`].
pub struct BatchHandle<T> {
    serial: u64,
    index: usize,
    read: Reader<T>,
}

impl<T> BatchHandle<T> {
    /// The request id in the batch (`r1`, `r2`, ... in the order requests were added).
    pub fn id(&self) -> String {
        request_id(self.index)
    }
}

impl<T> Clone for BatchHandle<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for BatchHandle<T> {}

impl<T> std::fmt::Debug for BatchHandle<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BatchHandle({})", self.id())
    }
}

fn request_id(index: usize) -> String {
    format!("r{}", index + 1)
}

impl Batch {
    pub(crate) fn new(client: Client) -> Batch {
        Batch {
            client,
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
            parts: Vec::new(),
            group: None,
            groups: 0,
            continue_on_error: false,
        }
    }

    /// The number of requests added.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// Whether no request was added.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Asks the service to go on after a failed request (`Prefer: odata.continue-on-error`);
    /// otherwise it may stop at the first failure and leave the later requests unanswered.
    pub fn continue_on_error(&mut self, yes: bool) -> &mut Self {
        self.continue_on_error = yes;
        self
    }

    fn push<T>(
        &mut self,
        method: Method,
        url: String,
        mut headers: HeaderMap,
        body: Option<Box<RawValue>>,
        read: Reader<T>,
    ) -> BatchHandle<T> {
        if body.is_some() && !headers.contains_key(CONTENT_TYPE) {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        let index = self.parts.len();
        let group = self.group.clone();
        self.parts.push(Part { id: request_id(index), group, method, url, headers, body, depends_on: Vec::new() });
        BatchHandle { serial: self.serial, index, read }
    }

    /// Reads one entity (with the entity's query options), like [`Entity::get`].
    pub fn get<T: DeserializeOwned>(&mut self, entity: &Entity<T>) -> BatchHandle<T> {
        self.push(Method::GET, entity.read_path(), HeaderMap::new(), None, read_json::<T>)
    }

    /// Reads the first page of a collection (query options, `odata.maxpagesize`), like
    /// [`Collection::page`]; follow its next link with the collection's own requests.
    pub fn page<T: DeserializeOwned>(&mut self, collection: &Collection<T>) -> BatchHandle<Page<T>> {
        self.push(Method::GET, collection.path_and_query(), collection.headers(), None, read_json::<Page<T>>)
    }

    /// Creates an entity, like [`Collection::create`]; fails when `body` cannot be written.
    pub fn create<T: DeserializeOwned, W: Serialize + ?Sized>(
        &mut self,
        collection: &Collection<T>,
        body: &W,
        prefer: Return,
    ) -> Result<BatchHandle<Created<T>>> {
        let body = serde_json::value::to_raw_value(body).map_err(Error::Encode)?;
        let url = collection.path().to_owned();
        Ok(self.push(Method::POST, url, prefer_headers(prefer), Some(body), read_created::<T>))
    }

    /// Updates an entity (`PATCH`, with its `If-Match` and `Prefer`), like [`Entity::update`].
    pub fn update<T: DeserializeOwned, W: Serialize + ?Sized>(
        &mut self,
        entity: &Entity<T>,
        changes: &W,
    ) -> Result<BatchHandle<Option<T>>> {
        let body = serde_json::value::to_raw_value(changes).map_err(Error::Encode)?;
        let headers = entity.write_headers()?;
        Ok(self.push(Method::PATCH, entity.path().to_owned(), headers, Some(body), read_updated::<T>))
    }

    /// Deletes an entity (with its `If-Match`), like [`Entity::delete`].
    pub fn delete<T>(&mut self, entity: &Entity<T>) -> Result<BatchHandle<()>> {
        let headers = entity.write_headers()?;
        Ok(self.push(Method::DELETE, entity.path().to_owned(), headers, None, read_nothing))
    }

    /// Calls a function bound to an entity, like [`Entity::function`].
    pub fn function<T, F: Function>(&mut self, entity: &Entity<T>, function: &F) -> BatchHandle<F::Output> {
        let url = format!("{}/{}", entity.path(), function.segment());
        self.push(Method::GET, url, HeaderMap::new(), None, read_function::<F>)
    }

    /// Calls an action bound to an entity (with its `If-Match`), like [`Entity::action`].
    pub fn action<T, A: Action>(&mut self, entity: &Entity<T>, action: &A) -> Result<BatchHandle<A::Output>> {
        let url = format!("{}/{}", entity.path(), action.segment());
        let body = action_body(action)?;
        let headers = entity.write_headers()?;
        Ok(self.push(Method::POST, url, headers, Some(body), read_action::<A>))
    }

    /// Calls an unbound function through its import, like [`Client::call_function`].
    pub fn call_function<F: Function>(&mut self, import: FunctionImport<F>, function: &F) -> BatchHandle<F::Output> {
        self.push(Method::GET, import.call(function), HeaderMap::new(), None, read_function::<F>)
    }

    /// Calls an unbound action through its import, like [`Client::call_action`].
    pub fn call_action<A: Action>(&mut self, import: ActionImport<A>, action: &A) -> Result<BatchHandle<A::Output>> {
        let body = action_body(action)?;
        Ok(self.push(Method::POST, import.path().to_owned(), HeaderMap::new(), Some(body), read_action::<A>))
    }

    /// Adds the requests that `build` adds as one change set (an `atomicityGroup`): the service
    /// applies all of them or none. When one fails, [`BatchResponses::get`] gives its error for
    /// every request of the change set. A change set inside a change set adds to the outer one.
    pub fn change_set<R>(&mut self, build: impl FnOnce(&mut Batch) -> R) -> R {
        if self.group.is_some() {
            return build(self);
        }
        self.groups += 1;
        self.group = Some(format!("g{}", self.groups));
        let result = build(self);
        self.group = None;
        result
    }

    /// Makes `request` wait for `on` (`dependsOn`): the service runs it only after `on`, and
    /// answers `424 Failed Dependency` when `on` failed. When `on` is in another change set, the
    /// request depends on that whole change set. `on` must have been added before `request`.
    pub fn depends_on<A, B>(&mut self, request: &BatchHandle<A>, on: &BatchHandle<B>) -> Result<()> {
        let foreign = || Error::InvalidRequest("the handle belongs to another batch".into());
        if request.serial != self.serial || on.serial != self.serial {
            return Err(foreign());
        }
        if on.index >= request.index {
            return Err(Error::InvalidRequest(format!(
                "request {} can only depend on a request added before it, not on {}",
                request.id(),
                on.id()
            )));
        }
        let on_part = self.parts.get(on.index).ok_or_else(foreign)?;
        let on_group = on_part.group.clone();
        let on_id = on_part.id.clone();
        let part = self.parts.get_mut(request.index).ok_or_else(foreign)?;
        let target = match on_group {
            Some(group) if part.group.as_ref() != Some(&group) => group,
            _ => on_id,
        };
        if !part.depends_on.contains(&target) {
            part.depends_on.push(target);
        }
        Ok(())
    }

    /// The JSON body [`send`](Batch::send) posts: `{"requests": [...]}`.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(&Requests(&self.parts)).map_err(Error::Encode)
    }

    /// Sends the batch (`POST {root}/$batch`) and reads the responses. Fails as a whole only when
    /// the `$batch` request fails or its response is not a JSON batch response; each request's
    /// own success or error is read with [`BatchResponses::get`]. An empty batch sends nothing.
    pub async fn send(&self) -> Result<BatchResponses> {
        if self.parts.is_empty() {
            return Ok(self.responses(HashMap::new()));
        }
        let body = Bytes::from(self.to_json()?);
        let response = self.client.send(Method::POST, "$batch", Some(body), self.batch_headers()).await?;
        Ok(self.responses(parse_responses(&response)?))
    }

    /// Sends the batch in the `multipart/mixed` format of OData 4.0, for services without JSON
    /// batches; read the responses as with [`send`](Batch::send). Each change set is one
    /// multipart change set; `dependsOn` has no equivalent there (requests run in order) and is
    /// left out. Responses are matched by `Content-ID`, or by position when a service leaves it out.
    pub async fn send_multipart(&self) -> Result<BatchResponses> {
        if self.parts.is_empty() {
            return Ok(self.responses(HashMap::new()));
        }
        let boundary = multipart::boundary("batch", self.serial, &self.parts);
        let changeset = multipart::boundary("changeset", self.serial, &self.parts);
        let body = Bytes::from(multipart::write(&self.parts, &boundary, &changeset));
        let mut headers = self.batch_headers();
        let content_type = HeaderValue::from_str(&format!("multipart/mixed; boundary={boundary}"))
            .map_err(|_| Error::InvalidRequest(format!("{boundary:?} is not a valid boundary")))?;
        headers.insert(CONTENT_TYPE, content_type);
        headers.insert(http::header::ACCEPT, HeaderValue::from_static("multipart/mixed"));
        let response = self.client.send(Method::POST, "$batch", Some(body), headers).await?;
        let content_type = response.header("content-type").unwrap_or_default();
        let responses = multipart::read(&response.body, content_type, &self.parts)
            .map_err(|message| Error::Decode { status: response.status, source: serde::de::Error::custom(message) })?;
        Ok(self.responses(responses))
    }

    fn batch_headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if self.continue_on_error {
            headers.insert(HeaderName::from_static("prefer"), HeaderValue::from_static("odata.continue-on-error"));
        }
        headers
    }

    fn responses(&self, responses: HashMap<String, HttpResponse>) -> BatchResponses {
        BatchResponses {
            serial: self.serial,
            parts: self.parts.iter().map(|part| (part.id.clone(), part.group.clone())).collect(),
            responses,
        }
    }
}

fn action_body<A: Action>(action: &A) -> Result<Box<RawValue>> {
    RawValue::from_string(action.body().map_err(Error::Encode)?).map_err(Error::Encode)
}

fn read_nothing(_: &HttpResponse) -> Result<()> {
    Ok(())
}

fn read_function<F: Function>(response: &HttpResponse) -> Result<F::Output> {
    read_operation_result(response, F::read_result)
}

fn read_action<A: Action>(response: &HttpResponse) -> Result<A::Output> {
    read_operation_result(response, A::read_result)
}

/// Writes `{"requests": [...]}`.
struct Requests<'a>(&'a [Part]);

impl Serialize for Requests<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("requests", &PartList(self.0))?;
        map.end()
    }
}

struct PartList<'a>(&'a [Part]);

impl Serialize for PartList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for part in self.0 {
            seq.serialize_element(part)?;
        }
        seq.end()
    }
}

impl Serialize for Part {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        if let Some(group) = &self.group {
            map.serialize_entry("atomicityGroup", group)?;
        }
        if !self.depends_on.is_empty() {
            map.serialize_entry("dependsOn", &self.depends_on)?;
        }
        map.serialize_entry("method", self.method.as_str())?;
        map.serialize_entry("url", &self.url)?;
        if !self.headers.is_empty() {
            map.serialize_entry("headers", &Headers(&self.headers))?;
        }
        if let Some(body) = &self.body {
            map.serialize_entry("body", body)?;
        }
        map.end()
    }
}

/// Writes headers as a JSON object; the values of a repeated header are joined with `, `.
struct Headers<'a>(&'a HeaderMap);

impl Serialize for Headers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.keys_len()))?;
        for name in self.0.keys() {
            let values: Vec<_> =
                self.0.get_all(name).iter().map(|value| String::from_utf8_lossy(value.as_bytes())).collect();
            map.serialize_entry(name.as_str(), &values.join(", "))?;
        }
        map.end()
    }
}

/// The responses of a sent [`Batch`], by request id.
#[derive(Debug)]
pub struct BatchResponses {
    serial: u64,
    /// The id and atomicity group of each request, in the order they were added.
    parts: Vec<(String, Option<String>)>,
    responses: HashMap<String, HttpResponse>,
}

impl BatchResponses {
    /// The result of the request of `handle`, read as the same request sent alone would be: the
    /// generated type, or [`Error::Service`] for an error status. A request of a change set that
    /// failed gets the error of the failed request. [`Error::MissingBatchResponse`] when the
    /// service did not answer the request; [`Error::InvalidRequest`] for a handle of another batch.
    pub fn get<T>(&self, handle: &BatchHandle<T>) -> Result<T> {
        (handle.read)(self.answer(handle)?)
    }

    /// The response to the request of `handle` as the service sent it (status, headers, body), if any.
    pub fn response<T>(&self, handle: &BatchHandle<T>) -> Option<&HttpResponse> {
        let (id, _) = self.part(handle).ok()?;
        self.responses.get(id)
    }

    /// The number of responses received.
    pub fn len(&self) -> usize {
        self.responses.len()
    }

    /// Whether no response was received.
    pub fn is_empty(&self) -> bool {
        self.responses.is_empty()
    }

    fn part<T>(&self, handle: &BatchHandle<T>) -> Result<&(String, Option<String>)> {
        let foreign = || Error::InvalidRequest("the handle belongs to another batch".into());
        if handle.serial != self.serial {
            return Err(foreign());
        }
        self.parts.get(handle.index).ok_or_else(foreign)
    }

    /// The success response to the request of `handle`, or the error it failed with.
    fn answer<T>(&self, handle: &BatchHandle<T>) -> Result<&HttpResponse> {
        let (id, group) = self.part(handle)?;
        let own = self.responses.get(id);
        if let Some(response) = own.filter(|r| is_error(r)) {
            return Err(service_error(response.clone()));
        }
        if let Some(group) = group {
            // A change set fails as a whole: the service may answer for the group, or only for the
            // request that failed.
            let members = self.parts.iter().filter(|(_, g)| g.as_ref() == Some(group)).map(|(id, _)| id);
            let failed = std::iter::once(group)
                .chain(members)
                .filter_map(|id| self.responses.get(id))
                .find(|response| is_error(response));
            if let Some(response) = failed {
                return Err(service_error(response.clone()));
            }
        }
        own.ok_or_else(|| Error::MissingBatchResponse { id: id.clone() })
    }
}

fn is_error(response: &HttpResponse) -> bool {
    response.status.is_client_error() || response.status.is_server_error()
}

/// Reads `{"responses": [{"id", "status", "headers", "body"}, ...]}` into responses by id.
fn parse_responses(response: &HttpResponse) -> Result<HashMap<String, HttpResponse>> {
    let status = response.status;
    let decode = |source| Error::Decode { status, source };
    let invalid = |message: String| Error::Decode { status, source: serde::de::Error::custom(message) };

    let mut top: HashMap<String, Box<RawValue>> = serde_json::from_slice(&response.body).map_err(decode)?;
    let list = top.remove("responses").ok_or_else(|| invalid("the batch response has no `responses`".into()))?;
    let items: Vec<HashMap<String, Box<RawValue>>> = serde_json::from_str(list.get()).map_err(decode)?;
    let mut responses = HashMap::with_capacity(items.len());
    for (n, mut item) in items.into_iter().enumerate() {
        let id = match item.get("id") {
            Some(raw) => scalar_text(raw).ok_or_else(|| invalid(format!("response {n}: the id is not a string")))?,
            None => return Err(invalid(format!("response {n} has no id"))),
        };
        let status = item
            .get("status")
            .and_then(|raw| scalar_text(raw))
            .and_then(|text| text.parse::<u16>().ok())
            .and_then(|code| StatusCode::from_u16(code).ok())
            .ok_or_else(|| invalid(format!("response {id:?} has no valid status")))?;
        let headers = match item.get("headers") {
            Some(raw) => read_headers(raw).map_err(decode)?,
            None => HeaderMap::new(),
        };
        let body = match item.remove("body") {
            Some(raw) => body_bytes(raw, &headers),
            None => Bytes::new(),
        };
        if responses.insert(id.clone(), HttpResponse { status, headers, body }).is_some() {
            return Err(invalid(format!("two responses have the id {id:?}")));
        }
    }
    Ok(responses)
}

/// The text of a JSON string, or a number as written; `None` for anything else.
fn scalar_text(raw: &RawValue) -> Option<String> {
    let text = raw.get().trim();
    if text.starts_with('"') {
        serde_json::from_str(text).ok()
    } else if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        Some(text.to_owned())
    } else {
        None
    }
}

/// Reads a headers object; names or values that are not valid in HTTP are left out.
fn read_headers(raw: &RawValue) -> Result<HeaderMap, serde_json::Error> {
    let object: HashMap<String, Box<RawValue>> = serde_json::from_str(raw.get())?;
    let mut headers = HeaderMap::new();
    for (name, value) in object {
        let name = HeaderName::from_bytes(name.as_bytes()).ok();
        let value = scalar_text(&value).and_then(|text| HeaderValue::from_str(&text).ok());
        if let (Some(name), Some(value)) = (name, value) {
            headers.append(name, value);
        }
    }
    Ok(headers)
}

/// The body as the response would have carried it alone: JSON as written (no content type means
/// JSON), the text of a string for other media types (base64url for binary ones, left encoded).
fn body_bytes(raw: Box<RawValue>, headers: &HeaderMap) -> Bytes {
    if raw.get() == "null" {
        return Bytes::new();
    }
    let json = headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok()).is_none_or(is_json);
    if !json && let Ok(text) = serde_json::from_str::<String>(raw.get()) {
        return Bytes::from(text);
    }
    Bytes::from(String::from(Box::<str>::from(raw)))
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<HashMap<String, HttpResponse>> {
        parse_responses(&HttpResponse::new(200, body.to_owned()))
    }

    #[test]
    fn reads_statuses_headers_and_bodies() -> Result<()> {
        let responses = parse(
            r#"{"responses": [
                {"id": "r1", "status": 200, "headers": {"content-type": "application/json", "etag": "W/\"1\""},
                 "body": {"price": 12345678901234567.891}},
                {"id": "r2", "status": "204"},
                {"id": 3, "status": 200, "headers": {"content-type": "text/plain"}, "body": "7"},
                {"id": "r4", "status": 404, "headers": {"bad name": "x", "x-n": 5}, "body": {"error": {"code": "x", "message": "y"}}},
                {"id": "r5", "status": 204, "body": null}
            ], "@odata.context": "ignored"}"#,
        )?;
        let r1 = &responses["r1"];
        assert_eq!(&r1.body[..], br#"{"price": 12345678901234567.891}"#);
        assert_eq!(r1.header("etag"), Some("W/\"1\""));
        assert_eq!(responses["r2"].status, StatusCode::NO_CONTENT);
        assert!(responses["r2"].body.is_empty());
        assert_eq!(&responses["3"].body[..], b"7");
        assert_eq!((responses["r4"].header("x-n"), responses["r4"].headers.len()), (Some("5"), 1));
        assert!(responses["r5"].body.is_empty(), "a null body is no body");
        Ok(())
    }

    #[test]
    fn malformed_responses_are_decode_errors() {
        for body in [
            "",
            "[]",
            "{}",
            r#"{"responses": {}}"#,
            r#"{"responses": [1]}"#,
            r#"{"responses": [{"status": 200}]}"#,
            r#"{"responses": [{"id": null, "status": 200}]}"#,
            r#"{"responses": [{"id": "a"}]}"#,
            r#"{"responses": [{"id": "a", "status": 99}]}"#,
            r#"{"responses": [{"id": "a", "status": 1e3}]}"#,
            r#"{"responses": [{"id": "a", "status": 200, "headers": []}]}"#,
            r#"{"responses": [{"id": "a", "status": 200}, {"id": "a", "status": 200}]}"#,
        ] {
            let result = parse(body);
            assert!(matches!(result, Err(Error::Decode { .. })), "{body}: {result:?}");
        }
    }

    #[test]
    fn no_input_panics() {
        // Every prefix, and every single-byte change to a few bytes, of a valid response.
        let valid = r#"{"responses":[{"id":"r1","status":200,"headers":{"content-type":"text/plain"},"body":"\u00e9x"},{"id":"r2","status":500,"body":{"error":{"code":"c","message":"m"}}}]}"#;
        for end in 0..=valid.len() {
            let _ = parse_responses(&HttpResponse::new(200, valid.as_bytes()[..end].to_vec()));
        }
        for at in 0..valid.len() {
            for byte in [b'"', b'{', b'}', b'[', b',', b':', b'0', b'\\', 0xff] {
                let mut body = valid.as_bytes().to_vec();
                body[at] = byte;
                let _ = parse_responses(&HttpResponse::new(200, body));
            }
        }
    }
}
