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
use odata_client::filter::Compare as _;
use odata_client::http::StatusCode;
use odata_client::{Client, Deep, Error, Query, Return, etag_of};
use odata_runtime::Update;
use odata_runtime::rust_decimal::Decimal;
use shop::shop_service::{
    Cancel, CheapProducts, CountOrders, Customers, CustomersUpdate, EntityContainer as Shop, OrderItems, OrderItemsKey,
    OrderItemsUpdate, Orders, OrdersUpdate, Products, Restock, TotalWithTax, WarehousesKey,
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
async fn typed_members_filters_and_navigation() {
    let Some(client) = server("typed_members_filters_and_navigation").await else { return };
    // Orders with an item of quantity 2 or more that are open, or any shipped order.
    let filter = Orders::ITEMS
        .any(|item| item.member(OrderItems::QUANTITY).ge(2))
        .and(Orders::STATUS.eq("open"))
        .or(Orders::STATUS.eq("shipped"));
    let query = Query::new()
        .filter(filter)
        .select([Orders::ID.name(), Orders::STATUS.name()])
        .order_by(Orders::ID.asc())
        .expand_with(Orders::ITEMS, Query::new().select([OrderItems::POS.name()]).order_by(OrderItems::POS.desc()));
    let orders = client.entity_set(Shop::ORDERS).query(query).page().await.expect("typed query");
    let ids: Vec<_> = orders.value.iter().filter_map(|o| o.id).filter(|id| *id <= 3).collect();
    assert_eq!(ids, [1, 2]);
    let first_items = orders.value[0].items.as_deref().unwrap_or_default();
    assert_eq!(first_items.iter().filter_map(|i| i.pos).collect::<Vec<_>>(), [2, 1], "nested $orderby");
    assert!(orders.value[0].total.is_none(), "$select leaves total out");

    let names = client
        .entity_set(Shop::CUSTOMERS)
        .query(Query::new().filter(Customers::NAME.contains("O'Brien").not().and(Customers::EMAIL.is_not_null())));
    let names: Vec<_> = names.items().try_collect::<Vec<_>>().await.expect("customers");
    assert!(names.iter().all(|c| c.name.as_deref() != Some("Alan O'Brien")));

    // One typed step at a time: an order's customer (one), its items (many), an item by key.
    let order = client.entity(Shop::ORDERS, &1);
    let customer = order.nav(Orders::CUSTOMER).get().await.expect("customer of order 1");
    assert_eq!(customer.name.as_deref(), Some("Ada Lovelace"));
    let items =
        order.nav(Orders::ITEMS).query(Query::new().order_by(OrderItems::POS.asc())).page().await.expect("items");
    assert_eq!(items.value.iter().filter_map(|i| i.pos).collect::<Vec<_>>(), [1, 2]);
    let item = order.nav(Orders::ITEMS).key(&OrderItemsKey { order_id: 1, pos: 2 }).get().await.expect("item by key");
    assert_eq!(item.price, Some(dec("100")));
    let product = order.nav(Orders::ITEMS).key(&OrderItemsKey { order_id: 1, pos: 1 }).nav(OrderItems::PRODUCT);
    assert_eq!(product.path(), "Orders(1)/items(order_ID=1,pos=1)/product");
    assert!(product.get().await.expect("product of an item").title.is_some());
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
    // The write model holds the key for a create with a client-chosen key.
    let body = CustomersUpdate {
        id: Some(id),
        name: Update::Value("Edsger".into()),
        email: Update::Value("ed@example.com".into()),
        ..Default::default()
    };
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
async fn search_apply_replace_and_if_none_match() {
    let Some(client) = server("search_apply_replace_and_if_none_match").await else { return };
    // $search: free text over the string properties.
    let found = client.entity_set(Shop::PRODUCTS).query(Query::new().search("Fountain")).page().await.expect("search");
    assert_eq!(found.value.iter().filter_map(|p| p.title.as_deref()).collect::<Vec<_>>(), ["Fountain pen"]);
    // $apply: an aggregation, read as JSON (its shape is not an entity type's).
    let apply = Query::new().apply("filter(ID le 3)/aggregate(stock with sum as total)");
    let sum: serde_json::Value =
        client.get_json(&apply.apply_to("Products")).await.expect("$apply answers with an aggregate");
    assert!(sum["value"][0]["total"].is_number(), "{sum}");

    // PUT: a replace, conditional on the ETag.
    let id = fresh_id() + 3;
    let body = OrdersUpdate { id: Some(id), note: Update::Value("put me".into()), ..Default::default() };
    client.entity_set(Shop::ORDERS).create(&body, Return::Default).await.expect("create order");
    let order = client.entity(Shop::ORDERS, &id);
    let created: Orders = order.get().await.expect("read");
    let etag = etag_of(&created).expect("etag").to_owned();
    let replacement = OrdersUpdate { priority: Update::Value(3), ..Default::default() };
    // The service asks for an ETag on a replace (428 Precondition Required without one).
    let unconditional = order.replace(&replacement).await.expect_err("PUT without If-Match");
    assert_eq!(unconditional.status(), Some(StatusCode::PRECONDITION_REQUIRED));
    order.clone().if_match(etag).replace(&replacement).await.expect("put");
    let read = order.get().await.expect("read back");
    // (CAP applies a PUT's members and, by its default, keeps the others, where OData resets them.)
    assert_eq!(read.priority, Some(3));

    // If-None-Match with the current ETag: not modified; with another one: the entity.
    let etag = etag_of(&read).expect("etag").to_owned();
    assert_eq!(order.clone().if_none_match(etag).get_if_changed().await.expect("304").map(|o| o.id), None);
    let changed = order.clone().if_none_match("W/\"other\"").get_if_changed().await.expect("200");
    assert_eq!(changed.and_then(|o| o.id), Some(id));
    order.if_match("*").delete().await.expect("delete");
}

#[tokio::test]
async fn deep_insert_creates_an_order_with_its_items() {
    let Some(client) = server("deep_insert_creates_an_order_with_its_items").await else { return };
    let id = fresh_id() + 4;
    let item = |pos: i32, price: &str| OrderItemsUpdate {
        pos: Some(pos),
        product_id: Update::Value(1),
        quantity: Update::Value(pos),
        price: Update::Value(dec(price)),
        ..Default::default()
    };
    let order = OrdersUpdate { id: Some(id), note: Update::Value("deep".into()), ..Default::default() };
    let body = Deep::new(&order)
        .and_then(|deep| deep.many(Orders::ITEMS, &[item(1, "1.25"), item(2, "1234567.89")]))
        .expect("deep body");
    client.entity_set(Shop::ORDERS).create(&body, Return::Default).await.expect("deep insert");
    let read = client
        .entity(Shop::ORDERS, &id)
        .query(Query::new().expand_with(Orders::ITEMS, Query::new().order_by(OrderItems::POS.asc())))
        .get()
        .await
        .expect("read back with items");
    let items = read.items.unwrap_or_default();
    let got: Vec<_> = items.iter().map(|i| (i.order_id, i.pos, i.price)).collect();
    assert_eq!(got, [(Some(id), Some(1), Some(dec("1.25"))), (Some(id), Some(2), Some(dec("1234567.89")))]);
    client.entity(Shop::ORDERS, &id).if_match("*").delete().await.expect("delete cascades to the items");
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

#[tokio::test]
async fn batch_reads_creates_and_calls() {
    let Some(client) = server("batch_reads_creates_and_calls").await else { return };
    let id = fresh_id() + 4;
    let mut batch = client.batch();
    let order = batch.get(&client.entity(Shop::ORDERS, &1));
    let products = batch.page(&client.entity_set(Shop::PRODUCTS).query(Query::new().order_by("ID").count(true)));
    let body = serde_json::json!({"ID": id, "name": "Grace", "email": "grace@example.com"});
    let created = batch.create(&client.entity_set(Shop::CUSTOMERS), &body, Return::Default).expect("create");
    let missing = batch.get(&client.entity(Shop::PRODUCTS, &999_999));
    let total = batch.function(&client.entity(Shop::ORDERS, &1), &TotalWithTax { rate: Some(dec("0.1")) });
    let shipped = batch.call_function(Shop::COUNT_ORDERS, &CountOrders { status: Some("shipped".into()) });
    let responses = batch.send().await.expect("$batch");

    let order = responses.get(&order).expect("order 1");
    assert_eq!((order.id, order.total), (Some(1), Some(dec("120.5"))));
    assert!(etag_of(&order).is_some());
    let products = responses.get(&products).expect("products");
    assert_eq!((products.value.len(), products.count), (3, Some(7)));
    assert!(products.next_link().is_some());
    let created = responses.get(&created).expect("created");
    assert_eq!(created.entity.and_then(|c| c.name).as_deref(), Some("Grace"));
    assert!(created.location.is_some_and(|l| l.contains(&id.to_string())));
    let missing = responses.get(&missing).expect_err("no such product");
    assert_eq!(missing.status(), Some(StatusCode::NOT_FOUND));
    assert!(missing.odata_error().is_some());
    assert_eq!(responses.get(&total).expect("totalWithTax"), Some(dec("132.55")));
    assert_eq!(responses.get(&shipped).expect("countOrders"), Some(1));

    let read: Customers = client.entity(Shop::CUSTOMERS, &id).get().await.expect("created by the batch");
    assert_eq!(read.email.as_deref(), Some("grace@example.com"));
    client.entity(Shop::CUSTOMERS, &id).delete().await.expect("delete");
}

#[tokio::test]
async fn batch_change_set_fails_and_rolls_back_as_a_whole() {
    let Some(client) = server("batch_change_set_fails_and_rolls_back_as_a_whole").await else { return };
    let id = fresh_id() + 5;
    let customers = client.entity_set(Shop::CUSTOMERS);
    let mut batch = client.batch();
    let (first, duplicate) = batch
        .change_set(|set| -> odata_client::Result<_> {
            let first = set.create(&customers, &serde_json::json!({"ID": id, "name": "Kept?"}), Return::Default)?;
            // Customer 1 exists: this create fails, and the change set with it.
            let duplicate = set.create(&customers, &serde_json::json!({"ID": 1, "name": "Twin"}), Return::Default)?;
            Ok((first, duplicate))
        })
        .expect("change set");
    let after = batch.get(&client.entity(Shop::CUSTOMERS, &3));
    batch.depends_on(&after, &first).expect("dependsOn");
    let outside = batch.get(&client.entity(Shop::CUSTOMERS, &3));
    let responses = batch.send().await.expect("$batch");

    let error = responses.get(&duplicate).expect_err("duplicate key");
    assert!(error.status().is_some_and(|s| s.is_client_error() || s.is_server_error()), "{error:?}");
    assert!(error.odata_error().is_some_and(|e| !e.message.is_empty()), "{error:?}");
    let first_error = responses.get(&first).expect_err("rolled back with the change set");
    assert_eq!(first_error.status(), error.status());
    let dependent = responses.get(&after).expect_err("depends on the failed change set");
    assert_eq!(dependent.status(), Some(StatusCode::FAILED_DEPENDENCY));
    let outside = responses.get(&outside).expect("outside the change set");
    assert_eq!(outside.name.as_deref(), Some("Alan O'Brien"));

    let gone = client.entity(Shop::CUSTOMERS, &id).get().await.expect_err("the first create was rolled back");
    assert_eq!(gone.status(), Some(StatusCode::NOT_FOUND));
}

#[tokio::test]
async fn batch_updates_and_deletes_with_etags() {
    let Some(client) = server("batch_updates_and_deletes_with_etags").await else { return };
    let id = fresh_id() + 6;
    let body = serde_json::json!({"ID": id, "total": 2, "note": "batch etag"});
    let created = client.entity_set(Shop::ORDERS).create(&body, Return::Default).await.expect("create order");
    let etag = created.entity.as_ref().and_then(etag_of).expect("etag").to_owned();
    tokio::time::sleep(Duration::from_millis(5)).await;

    let order = client.entity(Shop::ORDERS, &id);
    let change = OrdersUpdate { note: Update::Value("batched".into()), ..Default::default() };
    let mut batch = client.batch();
    let current = order.clone().if_match(etag.clone()).prefer(Return::Representation);
    let updated = batch.update(&current, &change).expect("update");
    // The old ETag no longer matches once the update ran.
    let stale_delete = batch.delete(&order.clone().if_match(etag)).expect("delete");
    batch.depends_on(&stale_delete, &updated).expect("dependsOn");
    let read = batch.get(&order);
    let responses = batch.send().await.expect("$batch");

    if let Some(updated) = responses.get(&updated).expect("update with the current etag") {
        assert_eq!(updated.note.as_deref(), Some("batched"));
    }
    let refused = responses.get(&stale_delete).expect_err("stale etag");
    assert_eq!(refused.status(), Some(StatusCode::PRECONDITION_FAILED));
    assert_eq!(responses.get(&read).expect("read").note.as_deref(), Some("batched"));

    let mut batch = client.batch();
    let deleted = batch.delete(&order.clone().if_match("*")).expect("delete");
    batch.send().await.expect("$batch").get(&deleted).expect("deleted");
    assert_eq!(order.get().await.expect_err("deleted").status(), Some(StatusCode::NOT_FOUND));
}

#[tokio::test]
async fn multipart_batch_reads_and_rolls_back_a_change_set() {
    let Some(client) = server("multipart_batch_reads_and_rolls_back_a_change_set").await else { return };
    let (kept, lost) = (fresh_id() + 7, fresh_id() + 8);
    let customers = client.entity_set(Shop::CUSTOMERS);
    let mut batch = client.batch();
    let read = batch.get(&client.entity(Shop::ORDERS, &1).query(Query::new().select(["ID", "total"])));
    let created = batch
        .change_set(|set| set.create(&customers, &serde_json::json!({"ID": kept, "name": "Kept"}), Return::Default))
        .expect("create");
    let (first, duplicate) = batch
        .change_set(|set| -> odata_client::Result<_> {
            let first = set.create(&customers, &serde_json::json!({"ID": lost, "name": "Lost"}), Return::Default)?;
            let duplicate = set.create(&customers, &serde_json::json!({"ID": 1, "name": "Twin"}), Return::Default)?;
            Ok((first, duplicate))
        })
        .expect("change set");
    let responses = batch.send_multipart().await.expect("multipart $batch");

    assert_eq!(responses.get(&read).expect("order 1").total, Some(dec("120.5")));
    assert_eq!(responses.get(&created).expect("created").entity.and_then(|c| c.id), Some(kept));
    let error = responses.get(&duplicate).expect_err("duplicate key");
    assert!(error.odata_error().is_some(), "{error:?}");
    assert_eq!(responses.get(&first).expect_err("rolled back").status(), error.status());
    let gone = client.entity(Shop::CUSTOMERS, &lost).get().await.expect_err("rolled back");
    assert_eq!(gone.status(), Some(StatusCode::NOT_FOUND));
    client.entity(Shop::CUSTOMERS, &kept).delete().await.expect("delete");
}
