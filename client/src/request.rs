//! Requests on a collection ([`Collection`]) and on one entity ([`Entity`]).

use std::marker::PhantomData;

use bytes::Bytes;
use futures_core::Stream;
use futures_util::{StreamExt as _, TryStreamExt as _, stream};
use http::header::{ACCEPT, ETAG, HeaderValue, IF_MATCH, IF_NONE_MATCH, LOCATION};
use http::{HeaderMap, HeaderName, Method, StatusCode};
use odata_runtime::member::{Many, Member, Navigation, One};
use odata_runtime::operation::{Action, Function};
use odata_runtime::path::Key as _;
use odata_runtime::{EntityType, Page};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::{Client, read_json, read_operation_result};
use crate::error::{Error, Result};
use crate::query::Query;
use crate::transport::HttpResponse;

const PREFER: HeaderName = HeaderName::from_static("prefer");

/// What a write asks the service to answer with (`Prefer: return=...`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Return {
    /// No preference: the service's default (OData: the entity for a create, nothing for an update).
    #[default]
    Default,
    /// `return=minimal`: `204 No Content`, the new entity's URL in `Location`.
    Minimal,
    /// `return=representation`: the entity as stored.
    Representation,
}

impl Return {
    fn header(self) -> Option<HeaderValue> {
        match self {
            Return::Default => None,
            Return::Minimal => Some(HeaderValue::from_static("return=minimal")),
            Return::Representation => Some(HeaderValue::from_static("return=representation")),
        }
    }
}

/// The answer to a create: the entity when the service returned it, and where it lives.
#[derive(Clone, Debug, PartialEq)]
pub struct Created<T> {
    /// The created entity (`201 Created` with a body).
    pub entity: Option<T>,
    /// The `Location` header: the new entity's URL.
    pub location: Option<String>,
    /// The `ETag` header.
    pub etag: Option<String>,
}

/// Requests on a collection of `T`: an entity set, or a collection navigation.
#[derive(Clone, Debug)]
pub struct Collection<T> {
    client: Client,
    path: String,
    query: Query,
    max_page_size: Option<u32>,
    item: PhantomData<fn() -> T>,
}

impl<T> Collection<T> {
    pub(crate) fn new(client: Client, path: String) -> Self {
        Collection { client, path, query: Query::new(), max_page_size: None, item: PhantomData }
    }

    /// The path relative to the service root.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Replaces the query options.
    pub fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// Changes the query options.
    pub fn with_query(mut self, change: impl FnOnce(Query) -> Query) -> Self {
        self.query = change(std::mem::take(&mut self.query));
        self
    }

    /// Asks for pages of at most `size` items (`Prefer: odata.maxpagesize`); the service may send fewer.
    pub fn max_page_size(mut self, size: u32) -> Self {
        self.max_page_size = Some(size);
        self
    }

    /// The request path with its query string.
    pub fn path_and_query(&self) -> String {
        self.query.apply_to(&self.path)
    }

    /// The headers of a page read (`Prefer: odata.maxpagesize`).
    pub(crate) fn headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let value = self.max_page_size.map(|size| format!("odata.maxpagesize={size}"));
        if let Some(value) = value.and_then(|v| HeaderValue::from_str(&v).ok()) {
            headers.insert(PREFER, value);
        }
        headers
    }

    /// `GET {path}/$count` with the `$filter` and `$search` of the query: the number of items.
    pub async fn count(&self) -> Result<u64> {
        let mut query = Query::new();
        for name in ["$filter", "$search"] {
            if let Some(value) = self.query.get(name) {
                query = query.option(name, value);
            }
        }
        let path = query.apply_to(&format!("{}/$count", self.path));
        let response = self.client.send(Method::GET, &path, None, HeaderMap::new()).await?;
        let text = String::from_utf8_lossy(&response.body);
        // The body is the number as text; reading it as JSON gives a Decode error for anything else.
        serde_json::from_str(text.trim()).map_err(|source| Error::Decode { status: response.status, source })
    }

    /// Creates an entity: `POST` of a write model (or any serializable body).
    pub async fn create<W: Serialize + ?Sized>(&self, body: &W, prefer: Return) -> Result<Created<T>>
    where
        T: DeserializeOwned,
    {
        let body = serde_json::to_vec(body).map_err(Error::Encode)?;
        let headers = prefer_headers(prefer);
        let response = self.client.send(Method::POST, &self.path, Some(Bytes::from(body)), headers).await?;
        read_created(&response)
    }
}

impl<T: EntityType> Collection<T> {
    /// The entity with `key` in this collection: `Orders(1)/items(order_ID=1,pos=2)`.
    pub fn key(&self, key: &T::Key) -> Entity<T> {
        Entity::new(self.client.clone(), format!("{}{}", self.path, key.to_segment()))
    }
}

impl<T: DeserializeOwned + Send + 'static> Collection<T> {
    /// Reads the first page.
    pub async fn page(&self) -> Result<Page<T>> {
        let response = self.client.send(Method::GET, &self.path_and_query(), None, self.headers()).await?;
        read_json(&response)
    }

    /// Every page, following `@odata.nextLink` until the last one.
    pub fn pages(&self) -> impl Stream<Item = Result<Page<T>>> + Send + 'static {
        let start = (self.client.clone(), Some(self.path_and_query()), self.headers());
        stream::try_unfold(start, |(client, next, headers)| async move {
            let Some(url) = next else { return Ok(None) };
            let response = client.send(Method::GET, &url, None, headers.clone()).await?;
            let page: Page<T> = read_json(&response)?;
            let next = match page.next_link() {
                // A link back to the same page would never end.
                Some(link) if link == url => {
                    return Err(Error::InvalidRequest(format!("the next link repeats the request: {link}")));
                }
                Some(link) => Some(link.to_owned()),
                None => None,
            };
            Ok(Some((page, (client, next, headers))))
        })
    }

    /// Every item of every page, in order.
    pub fn items(&self) -> impl Stream<Item = Result<T>> + Send + 'static {
        self.pages().map_ok(|page| stream::iter(page.value).map(Ok)).try_flatten()
    }
}

/// Requests on one entity of type `T` (or a singleton): read, update, delete, bound operations, media.
#[derive(Clone, Debug)]
pub struct Entity<T> {
    client: Client,
    path: String,
    query: Query,
    if_match: Option<String>,
    if_none_match: Option<String>,
    prefer: Return,
    entity: PhantomData<fn() -> T>,
}

impl<T> Entity<T> {
    pub(crate) fn new(client: Client, path: String) -> Self {
        let (if_match, if_none_match) = (None, None);
        Entity {
            client,
            path,
            query: Query::new(),
            if_match,
            if_none_match,
            prefer: Return::Default,
            entity: PhantomData,
        }
    }

    /// The path relative to the service root: `Orders(1)`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Replaces the query options of a read (`$select`, `$expand`).
    pub fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// Makes updates and deletes conditional on this ETag (`If-Match`); `"*"` matches any.
    pub fn if_match(mut self, etag: impl Into<String>) -> Self {
        self.if_match = Some(etag.into());
        self
    }

    /// Makes writes conditional on the entity not matching this ETag (`If-None-Match`; `"*"`: a
    /// `PUT` that only creates), and gives [`get_if_changed`](Entity::get_if_changed) its ETag.
    pub fn if_none_match(mut self, etag: impl Into<String>) -> Self {
        self.if_none_match = Some(etag.into());
        self
    }

    /// What an update should answer with.
    pub fn prefer(mut self, prefer: Return) -> Self {
        self.prefer = prefer;
        self
    }

    /// A collection navigation property of this entity by name (`Orders(1)/items`), holding `U`;
    /// [`nav`](Entity::nav) does the same with a typed member.
    pub fn collection<U>(&self, navigation: &str) -> Collection<U> {
        Collection::new(self.client.clone(), format!("{}/{navigation}", self.path))
    }

    /// The requests on a navigation property, one typed step: `Orders(1)/customer` is an
    /// [`Entity`], `Orders(1)/items` a [`Collection`] (by the member's field type).
    pub fn nav<V>(&self, member: Member<T, V>) -> <V::Target as NavigationTarget>::Request
    where
        V: Navigation,
        V::Target: NavigationTarget,
    {
        V::Target::request(self.client.clone(), format!("{}/{}", self.path, member.name()))
    }

    /// The path of a read, with its query options.
    pub(crate) fn read_path(&self) -> String {
        self.query.apply_to(&self.path)
    }

    /// The headers of a write: `If-Match` and `Prefer` when set.
    pub(crate) fn write_headers(&self) -> Result<HeaderMap> {
        let mut headers = HeaderMap::new();
        if let Some(etag) = &self.if_match {
            headers.insert(IF_MATCH, header_value(etag)?);
        }
        if let Some(etag) = &self.if_none_match {
            headers.insert(IF_NONE_MATCH, header_value(etag)?);
        }
        if let Some(value) = self.prefer.header() {
            headers.insert(PREFER, value);
        }
        Ok(headers)
    }

    /// Reads the entity.
    pub async fn get(&self) -> Result<T>
    where
        T: DeserializeOwned,
    {
        let response = self.client.send(Method::GET, &self.read_path(), None, HeaderMap::new()).await?;
        read_json(&response)
    }

    /// Reads the entity unless it still has the ETag given to [`if_none_match`](Entity::if_none_match):
    /// `None` for `304 Not Modified`.
    pub async fn get_if_changed(&self) -> Result<Option<T>>
    where
        T: DeserializeOwned,
    {
        let mut headers = HeaderMap::new();
        if let Some(etag) = &self.if_none_match {
            headers.insert(IF_NONE_MATCH, header_value(etag)?);
        }
        let response = self.client.send(Method::GET, &self.read_path(), None, headers).await?;
        if response.status == StatusCode::NOT_MODIFIED { Ok(None) } else { read_json(&response).map(Some) }
    }

    /// Replaces the entity with `entity` (`PUT`): members left out get their defaults. The entity
    /// when the service returns it.
    pub async fn replace<W: Serialize + ?Sized>(&self, entity: &W) -> Result<Option<T>>
    where
        T: DeserializeOwned,
    {
        self.write(Method::PUT, entity).await
    }

    /// Updates the properties set in `changes` (`PATCH`); the entity when the service returns it.
    pub async fn update<W: Serialize + ?Sized>(&self, changes: &W) -> Result<Option<T>>
    where
        T: DeserializeOwned,
    {
        self.write(Method::PATCH, changes).await
    }

    /// Sends `body` to the entity with `method` and the write headers; the entity when returned.
    async fn write<W: Serialize + ?Sized>(&self, method: Method, body: &W) -> Result<Option<T>>
    where
        T: DeserializeOwned,
    {
        let body = serde_json::to_vec(body).map_err(Error::Encode)?;
        let response = self.client.send(method, &self.path, Some(Bytes::from(body)), self.write_headers()?).await?;
        read_updated(&response)
    }

    /// Deletes the entity.
    pub async fn delete(&self) -> Result<()> {
        self.client.send(Method::DELETE, &self.path, None, self.write_headers()?).await?;
        Ok(())
    }

    /// Calls a function bound to this entity: `GET {path}/ns.f(p=..)`.
    pub async fn function<F: Function>(&self, function: &F) -> Result<F::Output> {
        let path = format!("{}/{}", self.path, function.segment());
        let response = self.client.send(Method::GET, &path, None, HeaderMap::new()).await?;
        read_operation_result(&response, F::read_result)
    }

    /// Calls an action bound to this entity: `POST {path}/ns.a` with the parameters as body
    /// (with `If-Match` when set).
    pub async fn action<A: Action>(&self, action: &A) -> Result<A::Output> {
        let path = format!("{}/{}", self.path, action.segment());
        let body = action.body().map_err(Error::Encode)?;
        let response = self.client.send(Method::POST, &path, Some(body.into()), self.write_headers()?).await?;
        read_operation_result(&response, A::read_result)
    }

    /// The media stream of a media entity, or a stream property when `property` is set:
    /// `GET {path}/$value` or `GET {path}/{property}`. The response keeps `Content-Type`.
    pub async fn media(&self, property: Option<&str>) -> Result<HttpResponse> {
        let path = format!("{}/{}", self.path, property.unwrap_or("$value"));
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("*/*"));
        self.client.send(Method::GET, &path, None, headers).await
    }

    /// Replaces the media stream (`PUT {path}/$value`, or a stream property) with `content`.
    pub async fn put_media(&self, property: Option<&str>, content_type: &str, content: Bytes) -> Result<()> {
        let path = format!("{}/{}", self.path, property.unwrap_or("$value"));
        let mut headers = self.write_headers()?;
        let value = HeaderValue::from_str(content_type)
            .map_err(|_| Error::InvalidRequest(format!("{content_type:?} is not a valid content type")))?;
        headers.insert(http::header::CONTENT_TYPE, value);
        self.client.send(Method::PUT, &path, Some(content), headers).await?;
        Ok(())
    }
}

/// Where a navigation leads ([`Entity::nav`]): [`One`] entity is an [`Entity`], [`Many`] a [`Collection`].
pub trait NavigationTarget {
    /// [`Entity`] or [`Collection`].
    type Request;

    /// The requests on `path`.
    fn request(client: Client, path: String) -> Self::Request;
}

impl<T> NavigationTarget for One<T> {
    type Request = Entity<T>;

    fn request(client: Client, path: String) -> Entity<T> {
        Entity::new(client, path)
    }
}

impl<T> NavigationTarget for Many<T> {
    type Request = Collection<T>;

    fn request(client: Client, path: String) -> Collection<T> {
        Collection::new(client, path)
    }
}

/// The `Prefer` header of a create asking for `prefer`.
pub(crate) fn prefer_headers(prefer: Return) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Some(value) = prefer.header() {
        headers.insert(PREFER, value);
    }
    headers
}

/// Reads the answer to a create: the entity unless the body is empty, `Location` and `ETag`.
pub(crate) fn read_created<T: DeserializeOwned>(response: &HttpResponse) -> Result<Created<T>> {
    let entity = if response.status == StatusCode::NO_CONTENT || response.body.is_empty() {
        None
    } else {
        Some(read_json(response)?)
    };
    Ok(Created { entity, location: header(response, LOCATION), etag: header(response, ETAG) })
}

/// Reads the answer to an update: the entity, unless the body is empty.
pub(crate) fn read_updated<T: DeserializeOwned>(response: &HttpResponse) -> Result<Option<T>> {
    if response.status == StatusCode::NO_CONTENT || response.body.is_empty() {
        Ok(None)
    } else {
        read_json(response).map(Some)
    }
}

fn header_value(etag: &str) -> Result<HeaderValue> {
    HeaderValue::from_str(etag)
        .map_err(|_| Error::InvalidRequest(format!("the ETag {etag:?} is not a valid header value")))
}

fn header(response: &HttpResponse, name: HeaderName) -> Option<String> {
    response.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}
