//! End-to-end tests against the SAP CAP test service (`tests/cap-server`).
//!
//! Start it first with `tests/cap-server/run.sh start`. Without a server each test prints SKIPPED to
//! stderr and passes, unless `REQUIRE_CAP=1` is set: then it fails. `CAP_URL` overrides the service
//! root (default `http://127.0.0.1:4004/odata/v4/shop/`).
//!
//! The models in `shop/` are generated from the server's `$metadata` (saved in
//! `tests/cap-server/metadata.xml`) with:
//! `cargo run -p odata-codegen-cli -- generate tests/cap-server/metadata.xml --include ShopService --out client/tests/shop`
//!
//! The data lives in memory and is seeded on each start; every test that writes uses entities of its
//! own (or keys no other test reads), so tests can run in parallel and again on the same server.

// Generated: not every model is used here.
#[allow(dead_code)]
mod shop;

use std::str::FromStr as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures_util::TryStreamExt as _;
use odata_client::http::StatusCode;
use odata_client::{Client, Error, Query, Return, etag_of};
use odata_runtime::Update;
use odata_runtime::rust_decimal::Decimal;
use shop::shop_service::{
    Cancel, CheapProducts, CountOrders, Customers, CustomersUpdate, EntityContainer as Shop, OrderItemsKey, Orders,
    OrdersUpdate, Products, Restock, TotalWithTax, WarehousesKey,
};

/// The client for the running test service, or `None` (after printing SKIPPED) when none answers.
async fn server(test: &str) -> Option<Client> {
    let url = std::env::var("CAP_URL").unwrap_or_else(|_| "http://127.0.0.1:4004/odata/v4/shop/".to_owned());
    let client = || Client::builder(url.clone()).timeout(Duration::from_secs(20));
    // The probe is sent once: without a server, retrying would only slow down skipping.
    let probe = client().no_retry().build().expect("client");
    match probe.send(odata_client::http::Method::GET, "$metadata", None, Default::default()).await {
        Ok(_) => Some(client().build().expect("client")),
        Err(error) if std::env::var("REQUIRE_CAP").is_ok_and(|v| v == "1") => {
            panic!("REQUIRE_CAP=1 but the CAP server at {url} does not answer: {error}")
        }
        Err(error) => {
            // Straight to stderr: the test harness would hide `eprintln!` of a passing test.
            let line = format!(
                "SKIPPED {test}: no CAP server at {url} ({error}); start it with tests/cap-server/run.sh start\n"
            );
            let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
            None
        }
    }
}

/// A key no other test run used (the data outlives a test run while the server runs).
fn fresh_id() -> i32 {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    1000 + i32::try_from(nanos % 1_000_000_000).unwrap_or(0) % 1_000_000_000
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("decimal")
}

#[tokio::test]
async fn reads_an_entity_with_its_etag() {
    let Some(client) = server("reads_an_entity_with_its_etag").await else { return };
    let order = client.entity(Shop::ORDERS, &1).get().await.expect("order 1");
    assert_eq!(order.id, Some(1));
    assert_eq!(order.total, Some(dec("120.5")));
    assert_eq!(order.order_date.map(|d| d.to_string()).as_deref(), Some("2024-01-15"));
    assert!(etag_of(&order).is_some_and(|etag| etag.starts_with("W/")), "{:?}", etag_of(&order));
}

#[tokio::test]
async fn reads_pages_and_follows_next_links() {
    let Some(client) = server("reads_pages_and_follows_next_links").await else { return };
    let products = client.entity_set(Shop::PRODUCTS).query(Query::new().order_by("ID").count(true));
    let first = products.page().await.expect("first page");
    // @cds.query.limit: three per page.
    assert_eq!(first.value.len(), 3);
    assert_eq!(first.count, Some(7));
    assert!(first.next_link().is_some());
    let all: Vec<Products> = products.items().try_collect().await.expect("all pages");
    let ids: Vec<_> = all.iter().filter_map(|p| p.id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7]);
    let pages: Vec<_> = products.pages().try_collect().await.expect("pages");
    assert_eq!(pages.len(), 3);
    assert_eq!(products.count().await.expect("$count"), 7);
}

#[tokio::test]
async fn query_options_reach_the_service() {
    let Some(client) = server("query_options_reach_the_service").await else { return };
    let query = Query::new()
        .filter("price lt 10 and title ne 'O''Brien'")
        .select(["ID", "title"])
        .order_by("price desc")
        .top(2)
        .skip(1);
    let page = client.entity_set(Shop::PRODUCTS).query(query).page().await.expect("page");
    let titles: Vec<_> = page.value.iter().filter_map(|p| p.title.clone()).collect();
    assert_eq!(titles, ["Ruler", "Glue"]);
    assert!(page.value.iter().all(|p| p.price.is_none()), "$select leaves price out");

    let filtered = client.entity_set(Shop::PRODUCTS).query(Query::new().filter("price lt 10"));
    assert_eq!(filtered.count().await.expect("$count with $filter"), 3);

    let order = client
        .entity(Shop::ORDERS, &1)
        .query(Query::new().expand(["items($orderby=pos)", "customer"]))
        .get()
        .await
        .expect("expanded order");
    let items = order.items.unwrap_or_default();
    assert_eq!(items.iter().filter_map(|i| i.pos).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(order.customer.and_then(|c| c.name).as_deref(), Some("Ada Lovelace"));
}

#[tokio::test]
async fn composite_keys() {
    let Some(client) = server("composite_keys").await else { return };
    let key = WarehousesKey { region: "EU".into(), code: 2 };
    let warehouse = client.entity(Shop::WAREHOUSES, &key).get().await.expect("warehouse");
    assert_eq!(warehouse.name.as_deref(), Some("Lisbon"));
    let item = client.entity(Shop::ORDER_ITEMS, &OrderItemsKey { order_id: 1, pos: 2 }).get().await.expect("item");
    assert_eq!(item.price, Some(dec("100")));
    let customer = client.entity(Shop::CUSTOMERS, &3).get().await.expect("customer");
    assert_eq!(customer.name.as_deref(), Some("Alan O'Brien"));
}

#[tokio::test]
async fn errors_keep_status_headers_and_body() {
    let Some(client) = server("errors_keep_status_headers_and_body").await else { return };
    let error = client.entity(Shop::PRODUCTS, &999_999).get().await.expect_err("no such product");
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    let odata = error.odata_error().expect("an OData error body");
    assert!(!odata.message.is_empty());
    let Error::Service(service) = &error else { panic!("{error:?}") };
    assert!(service.headers.contains_key("content-type"));

    let bad = client.entity_set(Shop::PRODUCTS).query(Query::new().filter("nope eq 1")).page().await;
    assert_eq!(bad.expect_err("bad filter").status(), Some(StatusCode::BAD_REQUEST));
}

#[tokio::test]
async fn creates_updates_and_deletes() {
    let Some(client) = server("creates_updates_and_deletes").await else { return };
    let id = fresh_id();
    // The generated write model leaves the key out (it belongs in the URL of an update), so a
    // create with a client-chosen key writes the body as JSON.
    let body = serde_json::json!({"ID": id, "name": "Edsger", "email": "ed@example.com"});
    let created = client.entity_set(Shop::CUSTOMERS).create(&body, Return::Default).await.expect("create");
    let customer: Customers = created.entity.expect("201 with the entity");
    assert_eq!(customer.id, Some(id));

    let entity = client.entity(Shop::CUSTOMERS, &id);
    let changes =
        CustomersUpdate { email: Update::Null, name: Update::Value("Edsger D.".into()), ..Default::default() };
    entity.update(&changes).await.expect("patch");
    let read = entity.get().await.expect("read back");
    assert_eq!((read.name.as_deref(), read.email.as_deref()), (Some("Edsger D."), None));

    entity.delete().await.expect("delete");
    let gone = entity.get().await.expect_err("deleted");
    assert_eq!(gone.status(), Some(StatusCode::NOT_FOUND));

    let id = fresh_id() + 1;
    let body = serde_json::json!({"ID": id, "name": "Barbara"});
    let minimal = client.entity_set(Shop::CUSTOMERS).create(&body, Return::Minimal).await.expect("create minimal");
    if minimal.entity.is_none() {
        assert!(minimal.location.is_some_and(|l| l.contains(&id.to_string())));
    }
    client.entity(Shop::CUSTOMERS, &id).delete().await.expect("delete");
}

#[tokio::test]
async fn updates_are_conditional_on_the_etag() {
    let Some(client) = server("updates_are_conditional_on_the_etag").await else { return };
    let id = fresh_id() + 2;
    let body = serde_json::json!({"ID": id, "total": 1.5, "note": "etag test"});
    client.entity_set(Shop::ORDERS).create(&body, Return::Default).await.expect("create order");
    let order: Orders = client.entity(Shop::ORDERS, &id).get().await.expect("read");
    let etag = etag_of(&order).expect("etag").to_owned();

    // Timestamps have milliseconds: make sure the next write changes the ETag.
    tokio::time::sleep(Duration::from_millis(5)).await;
    let change = OrdersUpdate { note: Update::Value("changed".into()), ..Default::default() };
    let updated = client
        .entity(Shop::ORDERS, &id)
        .if_match(etag.clone())
        .prefer(Return::Representation)
        .update(&change)
        .await
        .expect("update with the current etag");
    if let Some(updated) = updated {
        assert_eq!(updated.note.as_deref(), Some("changed"));
    }
    let stale = client.entity(Shop::ORDERS, &id).if_match(etag).update(&change).await.expect_err("stale etag");
    assert_eq!(stale.status(), Some(StatusCode::PRECONDITION_FAILED));
    client.entity(Shop::ORDERS, &id).if_match("*").delete().await.expect("delete");
}

#[tokio::test]
async fn bound_and_unbound_operations() {
    let Some(client) = server("bound_and_unbound_operations").await else { return };
    let total = client.entity(Shop::ORDERS, &1).function(&TotalWithTax { rate: Some(dec("0.1")) }).await;
    assert_eq!(total.expect("totalWithTax"), Some(dec("132.55")));

    let id = fresh_id() + 3;
    let body = serde_json::json!({"ID": id, "total": 3});
    let created = client.entity_set(Shop::ORDERS).create(&body, Return::Default).await.expect("create order");
    let etag = created.entity.as_ref().and_then(etag_of).expect("etag").to_owned();
    let unconditional = client.entity(Shop::ORDERS, &id).action(&Cancel { reason: None }).await;
    // CAP requires If-Match for actions on entities with an ETag.
    assert_eq!(unconditional.expect_err("no If-Match").status(), Some(StatusCode::PRECONDITION_REQUIRED));
    let cancelled = client
        .entity(Shop::ORDERS, &id)
        .if_match(etag)
        .action(&Cancel { reason: Some("test".into()) })
        .await
        .expect("cancel")
        .expect("the order");
    assert_eq!((cancelled.status.as_deref(), cancelled.note.as_deref()), (Some("cancelled"), Some("test")));

    let shipped = client.call_function(Shop::COUNT_ORDERS, &CountOrders { status: Some("shipped".into()) }).await;
    assert_eq!(shipped.expect("countOrders"), Some(1));

    let cheap = client.call_function(Shop::CHEAP_PRODUCTS, &CheapProducts { max_price: Some(dec("3.5")) }).await;
    let titles: Vec<_> = cheap.expect("cheapProducts").into_iter().filter_map(|p| p.title).collect();
    assert_eq!(titles, ["Ruler", "Glue"]);

    let restocked = client.call_action(Shop::RESTOCK, &Restock { product: Some(6), quantity: Some(9) }).await;
    assert_eq!(restocked.expect("restock"), Some(9));
    let refused = client.call_action(Shop::RESTOCK, &Restock { product: Some(6), quantity: Some(-1) }).await;
    let refused = refused.expect_err("negative quantity");
    assert_eq!(refused.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(refused.odata_error().and_then(|e| e.target.as_deref()), Some("quantity"));
}

#[tokio::test]
async fn media_streams() {
    let Some(client) = server("media_streams").await else { return };
    let picture = client.entity(Shop::PICTURES, &1);
    picture.put_media(Some("content"), "text/plain", "hello media".into()).await.expect("upload");
    let response = picture.media(Some("content")).await.expect("download");
    assert_eq!(&response.body[..], b"hello media");
    assert!(response.header("content-type").is_some_and(|t| t.starts_with("text/plain")));
}
