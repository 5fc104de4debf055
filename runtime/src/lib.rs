//! Runtime support for Rust models generated from OData CSDL by `odata-codegen`.
//!
//! Generated code (for example Microsoft Graph models) depends on this crate for what every
//! model needs and no single type should repeat: keeping unknown properties and annotations
//! ([`AdditionalData`]), open and flags enums ([`OpenEnum`], [`FlagSet`]), `@odata.type`
//! dispatch ([`polymorphic`]), writes that tell "unchanged" from "null" ([`Update`]),
//! `@odata.bind` references ([`ODataBind`]), the JSON forms of Edm primitive types ([`edm`]),
//! collection pages ([`Page`]), error bodies ([`ODataError`]), redacted `Debug` output for
//! secrets ([`secret`]), create and update bodies ([`write`](mod@write)), keys and resource paths ([`path`],
//! [`literal`]), action and function calls ([`operation`]), GeoJSON values for `Edm.Geography*` and
//! `Edm.Geometry*` ([`geo`]) and the media annotations of streams ([`StreamDescriptor`]).
//!
//! Generated types carry no serde code of their own. Each is one macro call ([`record!`],
//! [`write_model!`], [`any!`], [`open_enum!`], [`flags!`]) holding its member table; every field type
//! implements [`Data`], and one visitor ([`de`]) and one serializer ([`ser`]), generic over the JSON
//! format only, walk the tables. The `unsafe` code this takes is all in [`raw`].
//!
//! It has no HTTP client: bring your own and hand the bodies to `serde_json`.
//!
//! ```
//! use odata_runtime::edm::Duration;
//! use odata_runtime::{ODataError, Page, Update};
//!
//! // A page of results, with a count sent as a string (IEEE754Compatible).
//! let page: Page<serde_json::Value> = serde_json::from_str(
//!     r#"{"@odata.count": "2", "@odata.nextLink": "https://host/svc/users?$skiptoken=2",
//!         "value": [{"id": "1", "@odata.etag": "W/\"7\""}, {"id": "2"}]}"#,
//! )?;
//! assert_eq!(page.count, Some(2));
//! assert_eq!(page.next_link(), Some("https://host/svc/users?$skiptoken=2"));
//!
//! // An error body.
//! let err: ODataError =
//!     serde_json::from_str(r#"{"error": {"code": "Forbidden", "message": "No access"}}"#)?;
//! assert_eq!(err.to_string(), "Forbidden: No access");
//!
//! // An Edm.Duration keeps its written form.
//! let timeout: Duration = serde_json::from_str(r#""PT1H30M""#)?;
//! assert_eq!(timeout.to_std(), Some(std::time::Duration::from_secs(5400)));
//! assert_eq!(serde_json::to_string(&timeout)?, r#""PT1H30M""#);
//!
//! // An explicit null in an update.
//! let clear: Update<String> = Update::Null;
//! assert_eq!(serde_json::to_string(&clear)?, "null");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # Features
//!
//! All on by default; turn them off to drop the dependency when no generated type needs it.
//!
//! - `chrono`: `Edm.DateTimeOffset`, `Edm.Date`, `Edm.TimeOfDay` as chrono types
//!   ([`edm`]'s `date_time_offset`), and [`edm::Duration`] conversions.
//! - `uuid`: `Edm.Guid` as `uuid::Uuid`.
//! - `decimal`: `Edm.Decimal` as `rust_decimal::Decimal` ([`edm`]'s `decimal`).
//!
//! Off by default:
//!
//! - `time`: `Edm.DateTimeOffset`, `Edm.Date`, `Edm.TimeOfDay` as `time` crate types ([`edm`]'s `time`),
//!   for models generated with `date_time = "time"`.
//!
//! The crates generated code names are re-exported ([`serde`], [`serde_json`], and per feature
//! `chrono`, `time`, `uuid`, `rust_decimal`), so a models crate can depend on this crate alone.

#![deny(missing_docs)]
// On docs.rs (built with `--cfg docsrs`), mark the items that need a feature.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod additional;
pub mod bind;
pub mod data;
pub mod de;
pub mod edm;
pub mod error;
pub mod flags;
pub mod geo;
pub mod kept;
pub mod lenient;
pub mod literal;
pub mod member;
pub mod open_enum;
pub mod operation;
pub mod page;
pub mod path;
pub mod polymorphic;
pub mod raw;
pub mod record;
pub mod secret;
pub mod ser;
pub mod stream;
pub mod update;
pub mod write;

pub use additional::AdditionalData;
pub use bind::ODataBind;
pub use data::Data;
pub use error::ODataError;
pub use flags::{FlagMember, FlagSet};
pub use lenient::Lenient;
pub use open_enum::OpenEnum;
pub use page::Page;
pub use path::{EntitySet, EntityType, Singleton};
pub use polymorphic::Polymorphic;
pub use record::Record;
pub use stream::StreamDescriptor;
pub use update::Update;
pub use write::Typed;

/// Re-export for generated code (`#[serde(crate = "odata_runtime::serde")]`).
pub use serde;
/// Re-export for generated code (`serde_json::Value` for `Edm.Untyped`).
pub use serde_json;

/// Re-export for generated code (date and time types).
#[cfg(feature = "chrono")]
pub use chrono;
/// Re-export for generated code (`Edm.Decimal`).
#[cfg(feature = "decimal")]
pub use rust_decimal;
/// Re-export for generated code (date and time types with `date_time = "time"`).
#[cfg(feature = "time")]
pub use time;
/// Re-export for generated code (`Edm.Guid`).
#[cfg(feature = "uuid")]
pub use uuid;
