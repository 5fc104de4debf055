//! The client against a scripted transport: what it sends and how it reads answers, without a server.

use std::time::Duration;

use futures_util::TryStreamExt as _;
use odata_client::{BearerToken, Client, Error, HttpResponse, Query, Return};
use odata_runtime::EntitySet;
use serde_json::Value;
use support::{Item, Script};

mod support;

fn with_header(mut response: HttpResponse, name: &'static str, value: &'static str) -> HttpResponse {
    response.headers.insert(name, odata_client::http::HeaderValue::from_static(value));
    response
}

const ITEMS: EntitySet<Value> = EntitySet::new("Items");

fn client(script: &Script) -> Client {
    Client::builder("https://svc.example/odata").transport(script.clone()).build().expect("client")
}

#[tokio::test]
async fn follows_next_links_across_pages() {
    let script = Script::new([
        HttpResponse::new(200, r#"{"value": [1, 2], "@odata.nextLink": "Items?$skiptoken=2"}"#),
        HttpResponse::new(200, r#"{"value": [3], "@odata.nextLink": "https://svc.example/odata/Items?$skiptoken=3"}"#),
        HttpResponse::new(200, r#"{"value": []}"#),
    ]);
    let all: Vec<Value> = client(&script)
        .entity_set(ITEMS)
        .query(Query::new().filter("a eq 'b c'"))
        .max_page_size(2)
        .items()
        .try_collect()
        .await
        .expect("items");
    assert_eq!(all, [1, 2, 3]);
    let urls: Vec<_> = script.seen().into_iter().map(|r| r.url).collect();
    assert_eq!(
        urls,
        [
            "https://svc.example/odata/Items?$filter=a%20eq%20'b%20c'",
            "https://svc.example/odata/Items?$skiptoken=2",
            "https://svc.example/odata/Items?$skiptoken=3",
        ]
    );
    let first = &script.seen()[0];
    assert_eq!(first.headers.get("prefer").and_then(|v| v.to_str().ok()), Some("odata.maxpagesize=2"));
    assert_eq!(first.headers.get("odata-version").and_then(|v| v.to_str().ok()), Some("4.0"));
}

#[tokio::test]
async fn a_next_link_elsewhere_or_back_to_itself_stops_the_stream() {
    let script =
        Script::new([HttpResponse::new(200, r#"{"value": [1], "@odata.nextLink": "https://evil.example/x"}"#)]);
    let result: Result<Vec<Value>, _> = client(&script).entity_set(ITEMS).items().try_collect().await;
    assert!(matches!(result, Err(Error::InvalidRequest(_))), "{result:?}");

    let script = Script::new([HttpResponse::new(200, r#"{"value": [1], "@odata.nextLink": "Items"}"#)]);
    let result: Result<Vec<Value>, _> = client(&script).entity_set(ITEMS).items().try_collect().await;
    assert!(matches!(result, Err(Error::InvalidRequest(_))), "{result:?}");
}

#[tokio::test]
async fn errors_keep_the_body_status_and_headers() {
    let body = r#"{"error": {"code": "TooMany", "message": "slow down"}}"#;
    let script = Script::new([
        with_header(HttpResponse::new(429, body), "retry-after", "3"),
        HttpResponse::new(502, "<html>bad gateway</html>"),
        HttpResponse::new(200, "not json"),
    ]);
    // Without retries: the 429 is the answer (client/tests/retry.rs retries it).
    let client = Client::builder("https://svc.example/odata").transport(script.clone()).no_retry().build();
    let client = client.expect("client");
    let error = client.get_json::<Value>("Items").await.expect_err("429");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(error.odata_error().map(|e| e.code.as_str()), Some("TooMany"));
    let Error::Service(service) = &error else { panic!("{error:?}") };
    assert_eq!(service.headers.get("retry-after").and_then(|v| v.to_str().ok()), Some("3"));

    let error = client.get_json::<Value>("Items").await.expect_err("502");
    assert!(error.odata_error().is_none());
    assert!(error.to_string().contains("bad gateway"), "{error}");

    let error = client.get_json::<Value>("Items").await.expect_err("not json");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn headers_of_the_provider_and_writes() {
    let script = Script::new([
        with_header(HttpResponse::new(204, ""), "location", "https://svc.example/odata/Items(7)"),
        HttpResponse::new(204, ""),
    ]);
    let client = Client::builder("https://svc.example/odata/")
        .transport(script.clone())
        .header_provider(BearerToken::new("t0k3n").expect("token"))
        .build()
        .expect("client");
    let created =
        client.entity_set(ITEMS).create(&serde_json::json!({"name": "x"}), Return::Minimal).await.expect("create");
    assert_eq!((created.entity, created.location.as_deref()), (None, Some("https://svc.example/odata/Items(7)")));

    let items: EntitySet<Item> = EntitySet::new("Items");
    let updated = client.entity(items, &7).if_match("W/\"1\"").update(&serde_json::json!({"name": "y"})).await;
    assert_eq!(updated.expect("update"), None);

    let seen = script.seen();
    let header = |i: usize, name: &str| seen[i].headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert_eq!(header(0, "authorization").as_deref(), Some("Bearer t0k3n"));
    assert_eq!(header(0, "prefer").as_deref(), Some("return=minimal"));
    assert_eq!(header(0, "content-type").as_deref(), Some("application/json"));
    assert_eq!(seen[1].method, odata_client::http::Method::PATCH);
    assert_eq!(seen[1].url, "https://svc.example/odata/Items(7)");
    assert_eq!(header(1, "if-match").as_deref(), Some("W/\"1\""));
    assert_eq!(seen[1].body.as_deref(), Some(&br#"{"name":"y"}"#[..]));
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let script = Script::new([HttpResponse::new(200, "{}")]).delayed(Duration::from_secs(5));
    let client =
        Client::builder("https://svc.example/").transport(script).timeout(Duration::from_millis(20)).no_retry().build();
    let error = client.expect("client").get_json::<Value>("x").await.expect_err("timeout");
    assert!(matches!(&error, Error::Transport(e) if e.is_timeout()), "{error:?}");
}
