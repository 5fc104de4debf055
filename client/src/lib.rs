//! An async OData V4 client for the models that `odata-codegen` generates.
//!
//! A [`Client`] holds the service root, a [`Transport`] (reqwest with rustls by default, or your
//! own), a [`HeaderProvider`] for authentication, a timeout and a [`RetryPolicy`] (`429` and `503`
//! are retried with backoff, honouring `Retry-After`; see [`retry`]). It logs through `tracing`
//! without secrets (see [`logging`]). Requests start from what the generated container struct
//! names: entity sets ([`Client::entity_set`], [`Client::entity`] with a key), singletons, and
//! function and action imports; bound operations are the generated parameter structs passed to
//! [`Entity::function`] and [`Entity::action`].
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
//! use futures_util::TryStreamExt as _;
//! use odata_client::{Client, Query};
//!
//! # async fn run() -> odata_client::Result<()> {
//! let client = Client::builder("http://localhost:4004/odata/v4/shop/").build()?;
//!
//! // One page, then every item of every page (following @odata.nextLink).
//! let cheap = client.entity_set(PRODUCTS).query(Query::new().filter("price lt 10").order_by("price"));
//! let first = cheap.page().await?;
//! let all: Vec<Product> = cheap.items().try_collect().await?;
//!
//! // One entity by key; errors carry the status and the OData error body.
//! let pen = client.entity(PRODUCTS, &5).get().await?;
//! # let _ = (first, all, pen);
//! # Ok(())
//! # }
//! ```
//!
//! Query options take typed members: every generated read model has a constant per property
//! (`Orders::TOTAL`), which [`filter`] compares with values of the property's type
//! (`Orders::TOTAL.lt(10)`), [`Query::select`] and [`Query::expand_with`] name, and [`Entity::nav`]
//! follows one typed step at a time (`client.entity(ORDERS, &1).nav(Orders::ITEMS)`).
//!
//! Several requests go in one round trip with [`Client::batch`]: a [`Batch`] in the OData JSON batch
//! format, with change sets that the service applies as a whole or not at all.
//!
//! # Features
//!
//! - `reqwest` (default): [`ReqwestTransport`], used when the builder is given no transport.

#![deny(missing_docs)]

mod batch;
mod client;
mod deep;
mod error;
pub mod filter;
pub mod logging;
mod query;
mod request;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
pub mod retry;
pub mod transport;

pub use batch::{Batch, BatchHandle, BatchResponses};
pub use client::{BearerToken, Client, ClientBuilder, HeaderProvider};
pub use deep::Deep;
pub use error::{Error, Result, ServiceError};
pub use query::Query;
pub use request::{Collection, Created, Entity, NavigationTarget, Return};
#[cfg(feature = "reqwest")]
pub use reqwest_transport::ReqwestTransport;
pub use retry::RetryPolicy;
pub use transport::{HttpRequest, HttpResponse, Transport, TransportError};

/// Re-export: the HTTP types of [`Transport`] (`Method`, `HeaderMap`, `StatusCode`).
pub use http;

/// The ETag of an entity that was read (its `@odata.etag`), for [`Entity::if_match`].
pub fn etag_of<T: odata_runtime::Record>(entity: &T) -> Option<&str> {
    odata_runtime::record::RecordRef::new(entity).additional().etag()
}
