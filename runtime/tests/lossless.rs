//! Read → write gives back the input (member order aside) for every form the typed fields cannot
//! hold, valid OData forms are accepted, errors name the path, the Edm type and the text, and a
//! lenient read keeps bad values raw. One test per item of the issue "Nothing lost".

use odata_runtime::chrono::{DateTime, FixedOffset, NaiveTime, Timelike};
use odata_runtime::rust_decimal::Decimal;
use odata_runtime::{FlagSet, Page};
use serde_json::{Value, json};

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    NotStarted,
    Completed,
    Unknown(String),
}

odata_runtime::open_enum! {
    Status;
    0 NotStarted = "notStarted";
    1 Completed = "Completed";
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Day {
    Monday,
    Tuesday,
}

odata_runtime::flags! {
    Day;
    0 Monday = "monday";
    1 Tuesday = "tuesday";
}

odata_runtime::record! {
    /// A record with a field of each kind the issue names.
    pub struct Task = "#demo.task" {
        title: Option<String> = "title",
        closed: Option<DateTime<FixedOffset>> = "closedDateTime",
        at: Option<NaiveTime> = "at",
        data: Option<Vec<u8>> = "data",
        status: Option<Status> = "status",
        days: Option<FlagSet<Day>> = "days",
        size: Option<i64> = "size",
        ratio: Option<f64> = "ratio",
        price: Option<Decimal> = "price",
        id: Option<odata_runtime::uuid::Uuid> = "id",
        extra: Option<Value> = "extra",
        tags: Option<Vec<String>> = "tags",
        times: Option<Vec<DateTime<FixedOffset>>> = "times",
    }
    lookup = [2, 1, 3, 5, 10, 9, 8, 7, 6, 4, 11, 12, 0];
}

/// Reads `body` as a `Task` and writes it back.
fn round_trip(body: Value) -> Value {
    let task: Task = serde_json::from_value(body).unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_value(&task).unwrap_or_else(|e| panic!("{e}"))
}

fn error(text: &str) -> String {
    serde_json::from_str::<Page<Task>>(text).err().map(|e| e.to_string()).unwrap_or_default()
}

#[test]
fn the_table_fits_the_struct() {
    assert_eq!(odata_runtime::raw::check::<Task>(), Vec::<String>::new());
}

#[test]
fn null_members_stay_null() {
    let body = json!({"title": null, "closedDateTime": null, "extra": null, "tags": null, "size": 3});
    assert_eq!(round_trip(body.clone()), body);
    let task: Task = serde_json::from_value(body).unwrap_or_default();
    assert_eq!((task.title.as_deref(), task.extra.as_ref()), (None, None), "fields stay `None`");
}

#[test]
fn every_rewrite_of_the_issue_is_undone() {
    for body in [
        json!({"closedDateTime": "2020-02-04T07:00:00.0000000"}),
        json!({"closedDateTime": "2020-02-04T07:00:00.000Z"}),
        json!({"closedDateTime": "2020-02-04t07:00:00+00:00"}),
        json!({"at": "17:00:00.0000000"}),
        json!({"at": "10:20:30.1234567"}),
        json!({"at": "17:00"}),
        json!({"data": "AQ=="}),
        json!({"data": "+/+/AQ=="}),
        json!({"status": "completed"}),
        json!({"days": "tuesday,monday"}),
        json!({"days": "Monday"}),
        json!({"size": "7"}),
        json!({"size": 7.0}),
        json!({"ratio": "1.5"}),
        json!({"ratio": 1}),
        json!({"ratio": "Infinity"}),
        json!({"price": "1.10"}),
        json!({"price": 1.10}),
        json!({"price": 3}),
        json!({"id": "6A3E0C4C-0E1A-4E83-9B51-5E7D2D2C7F10"}),
        json!({"times": ["2020-02-04T07:00:00.0000000Z", "2020-02-04T07:00:00Z"]}),
        json!({"tags": ["a", null, "b"]}),
        json!({"extra": null}),
    ] {
        assert_eq!(round_trip(body.clone()), body, "{body}");
    }
}

#[test]
fn kept_forms_keep_the_typed_values_and_their_canonical_forms() {
    let task: Task = serde_json::from_value(json!({
        "closedDateTime": "2020-02-04T07:00:00.0000000", "at": "10:20:30.1234567", "size": "7",
        "status": "completed", "tags": ["a", null]
    }))
    .unwrap_or_default();
    assert_eq!(task.closed.map(|c| c.to_rfc3339()).as_deref(), Some("2020-02-04T07:00:00+00:00"));
    assert_eq!(task.at.map(|t| t.nanosecond()), Some(123_456_700));
    assert_eq!((task.size, task.status.clone()), (Some(7), Some(Status::Completed)));
    assert_eq!(task.tags.as_deref(), Some(&["a".to_owned()][..]), "the Vec holds the non-null items");
    // Changed fields are written in their own form; unchanged ones as read.
    let mut changed = task.clone();
    changed.size = Some(8);
    changed.tags = Some(vec!["c".into()]);
    let written = serde_json::to_value(&changed).unwrap_or_default();
    assert_eq!(written["size"], json!(8));
    assert_eq!(written["tags"], json!(["c"]));
    assert_eq!(written["status"], json!("completed"));
    // Without the kept forms: the canonical ones.
    let mut canonical = task;
    canonical.additional.forget_originals();
    let written = serde_json::to_value(&canonical).unwrap_or_default();
    assert_eq!(
        written,
        json!({"closedDateTime": "2020-02-04T07:00:00Z", "at": "10:20:30.1234567", "size": 7,
               "status": "Completed", "tags": ["a"]})
    );
}

#[test]
fn canonical_values_keep_nothing() {
    let body = json!({
        "title": "t", "closedDateTime": "2020-02-04T07:00:00.5Z", "at": "17:00:00", "data": "AQ",
        "status": "Completed", "days": "monday,tuesday", "size": 7, "ratio": 1.5, "price": 1.1,
        "id": "6a3e0c4c-0e1a-4e83-9b51-5e7d2d2c7f10", "extra": {"a": [1, null]}, "tags": ["a"],
    });
    let task: Task = serde_json::from_value(body.clone()).unwrap_or_default();
    assert!(!task.additional.has_kept(), "{:?}", task.additional);
    assert_eq!(serde_json::to_value(&task).unwrap_or_default(), body);
}

#[test]
fn valid_odata_forms_are_accepted() {
    let task: Task = serde_json::from_value(json!({"closedDateTime": "2018-08-12T12:00Z", "tags": ["a", null]}))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(task.closed.map(|c| c.to_rfc3339()).as_deref(), Some("2018-08-12T12:00:00+00:00"));
    assert_eq!(
        round_trip(json!({"closedDateTime": "2018-08-12T12:00Z"})),
        json!({"closedDateTime": "2018-08-12T12:00Z"})
    );
}

#[test]
fn non_canonical_base64_is_refused() {
    let error = serde_json::from_value::<Task>(json!({"data": "Binary"})).err().map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some(
            r#"invalid value at `data`: expected base64url or base64 binary data (Edm.Binary), found string "Binary""#
        ),
        "the bytes would change"
    );
}

#[test]
fn errors_name_the_path_the_edm_type_and_the_text_at_the_value() {
    let text = "{\"value\": [\n{\"title\": \"a\"},\n{\"title\": \"b\"},\n{\"title\": \"c\"},\n{\"title\": \"d\", \"closedDateTime\": \"String (timestamp)\", \"size\": 1}\n]}";
    let got = error(text);
    assert_eq!(
        got,
        "invalid value at `value[3].closedDateTime`: expected an RFC 3339 date and time (Edm.DateTimeOffset), \
         found string \"String (timestamp)\" at line 5 column 53"
    );
    let got = error(r#"{"value": [{"tags": ["a", 5]}]}"#);
    assert!(
        got.starts_with("invalid type at `value[0].tags[1]`: expected a string (Edm.String), found integer `5`"),
        "{got}"
    );
    let got = error(r#"{"value": [{"size": "seven"}]}"#);
    assert!(
        got.contains(
            "at `value[0].size`: expected a 64-bit integer as a number or a string (Edm.Int64), found string \"seven\""
        ),
        "{got}"
    );
    let got = serde_json::from_str::<Task>(r#"{"title": {"a": 1}}"#).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(got.starts_with("invalid type at `title`: expected a string (Edm.String), found a JSON object"), "{got}");
}

#[test]
fn a_lenient_page_keeps_one_bad_value_raw_and_reads_the_rest() {
    let mut items: Vec<Value> = (0..50).map(|i| json!({"title": format!("t{i}"), "size": i})).collect();
    items[17] = json!({"title": "bad", "closedDateTime": "String (timestamp)", "size": 17, "tags": ["x", 3]});
    let body = json!({"@odata.context": "ctx", "value": items});
    let text = body.to_string();
    assert!(serde_json::from_str::<Page<Task>>(&text).is_err(), "strict stays the default");
    let read = odata_runtime::lenient::from_str::<Page<Task>>(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.value.value.len(), 50);
    let bad = &read.value.value[17];
    assert_eq!((bad.title.as_deref(), bad.size, bad.closed, bad.tags.as_ref()), (Some("bad"), Some(17), None, None));
    assert_eq!(bad.additional.get("closedDateTime"), Some(&json!("String (timestamp)")));
    assert_eq!(bad.additional.get("tags"), Some(&json!(["x", 3])), "a collection with a bad item is kept whole");
    let invalid: Vec<&str> = bad.additional.invalid().map(|(key, _)| key).collect();
    assert_eq!(invalid, ["closedDateTime", "tags"]);
    let paths: Vec<&str> = read.kept_raw.iter().map(|k| k.path.as_str()).collect();
    assert_eq!(paths, ["value[17].closedDateTime", "value[17].tags"]);
    assert!(read.kept_raw[1].error.contains("`value[17].tags[1]`: expected a string (Edm.String), found integer `3`"));
    assert!(!read.is_exact());
    assert_eq!(serde_json::to_value(&read.value).unwrap_or_default(), body, "raw values are written back");
    // The next strict read on the thread is strict again.
    assert!(serde_json::from_str::<Page<Task>>(&text).is_err());
}
