//! `$batch` against a scripted transport: the JSON body sent, and how responses are matched and read.

use odata_client::http::{Method, StatusCode};
use odata_client::{BearerToken, Client, Error, HttpResponse, Query, Return};
use odata_runtime::EntitySet;
use odata_runtime::literal::{Literal as _, NamedList};
use odata_runtime::operation::{Action, ActionImport, Function, FunctionImport, Returns};
use serde_json::{Value, json};
use support::{Item, Script};

mod support;

/// A client whose `$batch` answers `status` with `body`, and the script that records its requests.
fn answering(status: u16, body: Value) -> (Client, Script) {
    let script = Script::always(HttpResponse::new(status, body.to_string()));
    let client = Client::builder("https://svc.example/odata/")
        .transport(script.clone())
        .header_provider(BearerToken::new("t0k3n").expect("token"))
        .build()
        .expect("client");
    (client, script)
}

const ITEMS: EntitySet<Item> = EntitySet::new("Items");

/// `ns.score(bonus=..)`, bound to an item, returning an integer.
struct Score {
    bonus: i32,
}

impl Function for Score {
    const NAME: &'static str = "ns.score";
    const BINDING: Option<&'static str> = Some("ns.Item");
    const RETURNS: Returns = Returns::Primitive;
    type Output = Option<i32>;
    fn write_parameters(&self, list: &mut NamedList) {
        list.push("bonus", |out| self.bonus.write_literal(out));
    }
}

/// `ns.restock(quantity)`, unbound, exposed as `Restock`, returning an integer.
struct Restock {
    quantity: i32,
}

impl serde::Serialize for Restock {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("quantity", &self.quantity)?;
        map.end()
    }
}

impl Action for Restock {
    const NAME: &'static str = "ns.restock";
    const BINDING: Option<&'static str> = None;
    const IMPORT: Option<&'static str> = Some("Restock");
    const RETURNS: Returns = Returns::Primitive;
    type Output = Option<i32>;
}

const COUNT: FunctionImport<Score> = FunctionImport::new("Count");
const RESTOCK: ActionImport<Restock> = ActionImport::new("Restock");

#[tokio::test]
async fn writes_ids_groups_methods_urls_headers_and_bodies() {
    let (client, seen) = answering(200, json!({"responses": []}));
    let mut batch = client.batch();
    let read = batch.get(&client.entity(ITEMS, &1).query(Query::new().select(["ID", "name"])));
    let page = batch.page(&client.entity_set(ITEMS).query(Query::new().filter("a eq 'b c'")).max_page_size(2));
    let (created, updated, deleted) = batch
        .change_set(|set| -> odata_client::Result<_> {
            let created = set.create(&client.entity_set(ITEMS), &json!({"ID": 9, "price": 1.5}), Return::Minimal)?;
            let item = client.entity(ITEMS, &9).if_match("W/\"1\"").prefer(Return::Representation);
            let updated = set.update(&item, &json!({"name": "y"}))?;
            let deleted = set.delete(&client.entity(ITEMS, &2).if_match("*"))?;
            Ok((created, updated, deleted))
        })
        .expect("change set");
    let score = batch.function(&client.entity(ITEMS, &9), &Score { bonus: 3 });
    let restock = batch.call_action(RESTOCK, &Restock { quantity: 4 }).expect("action");
    let count = batch.call_function(COUNT, &Score { bonus: -1 });
    batch.depends_on(&score, &updated).expect("on the change set");
    batch.depends_on(&deleted, &created).expect("inside the change set");
    batch.continue_on_error(true);
    assert_eq!(batch.len(), 8);
    assert_eq!([read.id(), page.id(), restock.id(), count.id()], ["r1", "r2", "r7", "r8"]);

    let responses = batch.send().await.expect("send");
    assert!(responses.is_empty());
    let sent = seen.seen();
    assert_eq!(sent.len(), 1);
    let request = &sent[0];
    assert_eq!((&request.method, request.url.as_str()), (&Method::POST, "https://svc.example/odata/$batch"));
    let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok());
    assert_eq!(header("content-type"), Some("application/json"));
    assert_eq!(header("accept"), Some("application/json"));
    assert_eq!(header("authorization"), Some("Bearer t0k3n"));
    assert_eq!(header("prefer"), Some("odata.continue-on-error"));
    let body: Value = serde_json::from_slice(request.body.as_deref().expect("a body")).expect("JSON body");
    let json = "application/json";
    assert_eq!(
        body,
        json!({"requests": [
            {"id": "r1", "method": "GET", "url": "Items(1)?$select=ID,name"},
            {"id": "r2", "method": "GET", "url": "Items?$filter=a%20eq%20'b%20c'",
             "headers": {"prefer": "odata.maxpagesize=2"}},
            {"id": "r3", "atomicityGroup": "g1", "method": "POST", "url": "Items",
             "headers": {"prefer": "return=minimal", "content-type": json}, "body": {"ID": 9, "price": 1.5}},
            {"id": "r4", "atomicityGroup": "g1", "method": "PATCH", "url": "Items(9)",
             "headers": {"if-match": "W/\"1\"", "prefer": "return=representation", "content-type": json},
             "body": {"name": "y"}},
            {"id": "r5", "atomicityGroup": "g1", "dependsOn": ["r3"], "method": "DELETE", "url": "Items(2)",
             "headers": {"if-match": "*"}},
            {"id": "r6", "dependsOn": ["g1"], "method": "GET", "url": "Items(9)/ns.score(bonus=3)"},
            {"id": "r7", "method": "POST", "url": "Restock", "headers": {"content-type": json},
             "body": {"quantity": 4}},
            {"id": "r8", "method": "GET", "url": "Count(bonus=-1)"},
        ]})
    );
    // The body is sent as written, without going through f64.
    let text = batch.to_json().expect("json");
    assert!(text.contains(r#""body":{"ID":9,"price":1.5}"#), "{text}");
}

#[tokio::test]
async fn responses_are_matched_by_id_and_typed() {
    let (client, _) = answering(
        200,
        json!({"responses": [
            {"id": "r4", "status": 200, "body": {"@odata.context": "$metadata#Edm.Int32", "value": 12}},
            {"id": "r3", "status": 204, "headers": {"odata-version": "4.0"}},
            {"id": "r2", "status": 201, "headers": {"location": "Items(9)", "etag": "W/\"2\"",
             "content-type": "application/json; charset=utf-8"}, "body": {"ID": 9}},
            {"id": "r1", "status": 200, "body": {"value": [{"ID": 1}, {"ID": 2}],
             "@odata.nextLink": "Items?$skiptoken=2"}},
        ]}),
    );
    let mut batch = client.batch();
    let page = batch.page(&client.entity_set(ITEMS));
    let created = batch.create(&client.entity_set(ITEMS), &json!({"ID": 9}), Return::Default).expect("create");
    let deleted = batch.delete(&client.entity(ITEMS, &3)).expect("delete");
    let score = batch.function(&client.entity(ITEMS, &9), &Score { bonus: 3 });
    let responses = batch.send().await.expect("send");

    let page = responses.get(&page).expect("page");
    assert_eq!(page.value, [Item(json!({"ID": 1})), Item(json!({"ID": 2}))]);
    assert_eq!(page.next_link(), Some("Items?$skiptoken=2"));
    let created = responses.get(&created).expect("created");
    assert_eq!(created.entity, Some(Item(json!({"ID": 9}))));
    assert_eq!((created.location.as_deref(), created.etag.as_deref()), (Some("Items(9)"), Some("W/\"2\"")));
    responses.get(&deleted).expect("deleted");
    assert_eq!(responses.get(&score).expect("score"), Some(12));
    assert_eq!(responses.response(&deleted).map(|r| r.status), Some(StatusCode::NO_CONTENT));
    assert_eq!(responses.len(), 4);
}

#[tokio::test]
async fn a_failed_request_in_a_successful_batch_is_a_service_error() {
    let (client, _) = answering(
        200,
        json!({"responses": [
            {"id": "r1", "status": 404, "headers": {"content-type": "application/json", "x-request": "abc"},
             "body": {"error": {"code": "NotFound", "message": "no item 7", "target": "ID"}}},
            {"id": "r2", "status": 200, "body": {"ID": 1}},
            {"id": "r3", "status": 502, "headers": {"content-type": "text/html"}, "body": "<html>bad gateway</html>"},
            {"id": "r4", "status": 200, "body": {"ID": "not what Score returns"}},
        ]}),
    );
    let mut batch = client.batch();
    let missing = batch.get(&client.entity(ITEMS, &7));
    let found = batch.get(&client.entity(ITEMS, &1));
    let proxy = batch.get(&client.entity(ITEMS, &8));
    let score = batch.function(&client.entity(ITEMS, &9), &Score { bonus: 3 });
    let responses = batch.send().await.expect("send");

    let error = responses.get(&missing).expect_err("404");
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    let odata = error.odata_error().expect("the OData error");
    assert_eq!((odata.code.as_str(), odata.target.as_deref()), ("NotFound", Some("ID")));
    let Error::Service(service) = &error else { panic!("{error:?}") };
    assert_eq!(service.headers.get("x-request").and_then(|v| v.to_str().ok()), Some("abc"));

    assert_eq!(responses.get(&found).expect("found"), Item(json!({"ID": 1})));
    let error = responses.get(&proxy).expect_err("502");
    assert!(error.odata_error().is_none());
    assert!(error.to_string().contains("bad gateway"), "{error}");
    let error = responses.get(&score).expect_err("not an integer");
    assert!(matches!(error, Error::Decode { status: StatusCode::OK, .. }), "{error:?}");
}

#[tokio::test]
async fn a_failed_change_set_fails_each_of_its_requests() {
    // As CAP answers: the first write reports success, but the change set was rolled back.
    let (client, _) = answering(
        200,
        json!({"responses": [
            {"id": "r3", "status": 200, "body": {"ID": 5}},
            {"id": "r1", "status": 201, "atomicityGroup": "g1", "body": {"ID": 9}},
            {"id": "r2", "status": 409, "atomicityGroup": "g1",
             "body": {"error": {"code": "Duplicate", "message": "ID 1 exists"}}},
        ]}),
    );
    let mut batch = client.batch();
    let (first, second) = batch
        .change_set(|set| -> odata_client::Result<_> {
            let items = client.entity_set(ITEMS);
            Ok((
                set.create(&items, &json!({"ID": 9}), Return::Default)?,
                set.create(&items, &json!({"ID": 1}), Return::Default)?,
            ))
        })
        .expect("change set");
    let outside = batch.get(&client.entity(ITEMS, &5));
    let responses = batch.send().await.expect("send");
    for handle in [first, second] {
        let error = responses.get(&handle).expect_err("rolled back");
        assert_eq!(error.status(), Some(StatusCode::CONFLICT), "{}", handle.id());
        assert_eq!(error.odata_error().map(|e| e.code.as_str()), Some("Duplicate"));
    }
    assert_eq!(responses.get(&outside).expect("outside the change set"), Item(json!({"ID": 5})));

    // A service may answer a failed change set once, under the group's id.
    let (client, _) = answering(
        200,
        json!({"responses": [{"id": "g1", "status": 400, "body": {"error": {"code": "Bad", "message": "no"}}}]}),
    );
    let mut batch = client.batch();
    let deleted = batch.change_set(|set| set.delete(&client.entity(ITEMS, &1))).expect("delete");
    let responses = batch.send().await.expect("send");
    let error = responses.get(&deleted).expect_err("group failed");
    assert_eq!(error.odata_error().map(|e| e.code.as_str()), Some("Bad"));
}

#[tokio::test]
async fn a_missing_response_names_its_request() {
    let (client, _) = answering(200, json!({"responses": [{"id": "r1", "status": 200, "body": {"ID": 1}}]}));
    let mut batch = client.batch();
    let first = batch.get(&client.entity(ITEMS, &1));
    let second = batch.get(&client.entity(ITEMS, &2));
    let responses = batch.send().await.expect("send");
    assert_eq!(responses.get(&first).expect("first"), Item(json!({"ID": 1})));
    let error = responses.get(&second).expect_err("missing");
    assert!(matches!(&error, Error::MissingBatchResponse { id } if id == "r2"), "{error:?}");
    assert!(responses.response(&second).is_none());
}

#[tokio::test]
async fn malformed_batch_responses_are_decode_errors() {
    for body in [
        json!("not a batch"),
        json!({"value": []}),
        json!({"responses": [{"id": "r1"}]}),
        json!({"responses": [{"id": "r1", "status": 200, "headers": "x"}]}),
        json!({"responses": [{"id": "r1", "status": 200}, {"id": "r1", "status": 404}]}),
    ] {
        let (client, _) = answering(200, body.clone());
        let mut batch = client.batch();
        batch.get(&client.entity(ITEMS, &1));
        let error = batch.send().await.expect_err("malformed");
        assert!(matches!(error, Error::Decode { .. }), "{body}: {error:?}");
    }
    // A multipart answer (to a service that ignores the JSON request) is no JSON batch either.
    let answer = HttpResponse::new(200, "--batch_1\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n");
    let client = Client::builder("https://svc.example/").transport(Script::always(answer)).build().expect("client");
    let mut batch = client.batch();
    batch.get(&client.entity(ITEMS, &1));
    assert!(matches!(batch.send().await, Err(Error::Decode { .. })));

    // The $batch request itself refused: the service's error, as for any request.
    let (client, _) = answering(400, json!({"error": {"code": "BadBatch", "message": "no"}}));
    let mut batch = client.batch();
    batch.get(&client.entity(ITEMS, &1));
    let error = batch.send().await.expect_err("refused");
    assert_eq!(error.odata_error().map(|e| e.code.as_str()), Some("BadBatch"));
}

#[tokio::test]
async fn handles_belong_to_their_batch() {
    let (client, seen) = answering(200, json!({"responses": [{"id": "r1", "status": 204}]}));
    let mut one = client.batch();
    let mut other = client.batch();
    let first = one.get(&client.entity(ITEMS, &1));
    let second = one.get(&client.entity(ITEMS, &2));
    let foreign = other.get(&client.entity(ITEMS, &1));
    assert!(matches!(one.depends_on(&first, &second), Err(Error::InvalidRequest(_))), "forward");
    assert!(matches!(one.depends_on(&second, &foreign), Err(Error::InvalidRequest(_))), "foreign");
    let responses = other.send().await.expect("send");
    assert!(matches!(responses.get(&first), Err(Error::InvalidRequest(_))));
    assert!(responses.response(&first).is_none());

    // An empty batch sends nothing.
    let before = seen.count();
    let responses = client.batch().send().await.expect("empty");
    assert!(responses.is_empty());
    assert_eq!(seen.count(), before);

    // An ETag that is no header value fails when the request is added.
    let mut batch = client.batch();
    let result = batch.delete(&client.entity(ITEMS, &1).if_match("bad\netag"));
    assert!(matches!(result, Err(Error::InvalidRequest(_))));
    assert!(batch.is_empty());
}

#[tokio::test]
async fn multipart_writes_change_sets_and_reads_by_content_id_or_position() {
    // Answers: r1 by position (no Content-ID), the change set whole, as CAP answers a failed one.
    let answer = "--resp\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"ID\":1}\r\n\
                  --resp\r\nContent-Type: application/http\r\nContent-ID: r3\r\n\r\nHTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\n\r\n\
                  {\"error\":{\"code\":\"Duplicate\",\"message\":\"exists\"}}\r\n\
                  --resp\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n\
                  --cs\r\nContent-Type: application/http\r\nContent-ID: r4\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n\r\n--cs--\r\n\
                  --resp--\r\n";
    let mut answer = HttpResponse::new(200, answer);
    answer.headers.insert("content-type", "multipart/mixed; boundary=resp".parse().expect("header"));
    let seen = Script::always(answer);
    let client = Client::builder("https://svc.example/odata/").transport(seen.clone()).build().expect("client");
    let mut batch = client.batch();
    let read = batch.get(&client.entity(ITEMS, &1));
    let (first, second) = batch
        .change_set(|set| -> odata_client::Result<_> {
            let items = client.entity_set(ITEMS);
            Ok((
                set.create(&items, &json!({"ID": 9}), Return::Default)?,
                set.create(&items, &json!({"ID": 1}), Return::Default)?,
            ))
        })
        .expect("change set");
    let deleted = batch.change_set(|set| set.delete(&client.entity(ITEMS, &4).if_match("*"))).expect("delete");
    let responses = batch.send_multipart().await.expect("send");

    assert_eq!(responses.get(&read).expect("by position"), Item(json!({"ID": 1})));
    for handle in [first, second] {
        let error = responses.get(&handle).expect_err("the change set failed");
        assert_eq!(error.odata_error().map(|e| e.code.as_str()), Some("Duplicate"));
    }
    responses.get(&deleted).expect("deleted");

    let sent = seen.seen();
    let request = &sent[0];
    let content_type = request.headers.get("content-type").and_then(|v| v.to_str().ok()).expect("content type");
    let boundary = content_type.strip_prefix("multipart/mixed; boundary=").expect("a boundary");
    let body = String::from_utf8(request.body.clone().expect("body").to_vec()).expect("text");
    assert!(body.starts_with(&format!("--{boundary}\r\nContent-Type: application/http\r\n")), "{body}");
    assert!(body.contains("Content-ID: r1\r\n\r\nGET Items(1) HTTP/1.1\r\n"), "{body}");
    assert!(body.contains("POST Items HTTP/1.1\r\n"), "{body}");
    assert!(body.contains("content-type: application/json\r\n\r\n{\"ID\":9}\r\n"), "{body}");
    assert!(body.contains("DELETE Items(4) HTTP/1.1\r\nAccept: application/json\r\nif-match: *\r\n"), "{body}");
    assert_eq!(body.matches("Content-Type: multipart/mixed; boundary=").count(), 2, "two change sets: {body}");
    assert!(body.ends_with(&format!("--{boundary}--\r\n")), "{body}");

    // Not multipart, or parts that never end: a Decode error.
    for (content_type, body) in [
        ("application/json", "{}"),
        ("multipart/mixed; boundary=b", "--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n"),
    ] {
        let mut answer = HttpResponse::new(200, body);
        answer.headers.insert("content-type", content_type.parse().expect("header"));
        let client = Client::builder("https://svc.example/").transport(Script::always(answer)).build().expect("client");
        let mut batch = client.batch();
        batch.get(&client.entity(ITEMS, &1));
        let error = batch.send_multipart().await.expect_err("malformed");
        assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    }
}
