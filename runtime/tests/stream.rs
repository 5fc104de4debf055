//! Stream properties and media entities (`odata_runtime::StreamDescriptor`): their media annotations
//! read into one field and are written back the same way.

use odata_runtime::StreamDescriptor;
use serde_json::{Value, json};

odata_runtime::record! {
    /// A media entity with two stream properties.
    pub struct Customer = "#demo.customer" {
        media: Option<StreamDescriptor> = "",
        id: Option<i32> = "id",
        photo: Option<StreamDescriptor> = "photo",
        video: Option<StreamDescriptor> = "video",
        name: Option<String> = "name",
    }
    lookup = [0, 1, 4, 2, 3];
}

fn read(json: &Value) -> Customer {
    serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn media_annotations_read_into_descriptors_and_write_back() {
    assert_eq!(odata_runtime::raw::check::<Customer>(), Vec::<String>::new());
    let json = json!({
        "@odata.context": "$metadata#Customers/$entity",
        "@odata.mediaReadLink": "Customers(1)/$value",
        "@odata.mediaEditLink": "Customers(1)/$value",
        "@odata.mediaContentType": "image/jpeg",
        "@odata.mediaEtag": "W/\"3\"",
        "id": 1,
        "photo@odata.mediaReadLink": "Customers(1)/photo",
        "photo@odata.mediaEditLink": "Customers(1)/photo/$value",
        "photo@odata.mediaContentType": "image/png",
        "photo@odata.mediaEtag": "\"p1\"",
        "video@odata.mediaReadLink": "https://cdn/v.mp4",
        "name@odata.type": "#String",
        "name": "Ann",
    });
    let customer = read(&json);
    let media = customer.media.clone().unwrap_or_default();
    assert_eq!(media.read_link.as_deref(), Some("Customers(1)/$value"));
    assert_eq!(media.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(media.etag.as_deref(), Some("W/\"3\""));
    let photo = customer.photo.clone().unwrap_or_default();
    assert_eq!(
        photo,
        StreamDescriptor {
            read_link: Some("Customers(1)/photo".into()),
            edit_link: Some("Customers(1)/photo/$value".into()),
            content_type: Some("image/png".into()),
            etag: Some("\"p1\"".into()),
            value: None,
        }
    );
    assert_eq!(customer.video.as_ref().and_then(|v| v.read_link.as_deref()), Some("https://cdn/v.mp4"));
    // Other annotations stay in `additional`; the media annotations do not.
    let kept: Vec<&str> = customer.additional.keys().collect();
    assert_eq!(kept, ["@odata.context", "name@odata.type"]);
    assert_eq!(serde_json::to_value(&customer).ok(), Some(json));
}

#[test]
fn absent_streams_stay_absent() {
    let json = json!({"id": 2, "name": "Bo"});
    let customer = read(&json);
    assert_eq!((customer.media.is_none(), customer.photo.is_none()), (true, true));
    assert_eq!(serde_json::to_value(&customer).ok(), Some(json));
    // Annotations of other terms on a stream property do not make a descriptor.
    let json = json!({"photo@odata.navigationLink": "x", "photo@odata.mediaFoo": 1});
    let customer = read(&json);
    assert_eq!(customer.photo, None);
    assert_eq!(customer.additional.len(), 2);
    assert_eq!(serde_json::to_value(&customer).ok(), Some(json));
}

#[test]
fn annotations_without_the_odata_prefix_are_read() {
    let customer = read(&json!({"@mediaReadLink": "a", "photo@mediaContentType": "image/gif"}));
    assert_eq!(customer.media.and_then(|m| m.read_link).as_deref(), Some("a"));
    assert_eq!(customer.photo.and_then(|p| p.content_type).as_deref(), Some("image/gif"));
}

#[test]
fn inline_stream_content_is_kept() {
    let json = json!({"photo@odata.mediaContentType": "application/json", "photo": {"a": [1, 2]}, "video": "AAEC"});
    let customer = read(&json);
    assert_eq!(customer.photo.as_ref().and_then(|p| p.value.clone()), Some(json!({"a": [1, 2]})));
    assert_eq!(customer.video.as_ref().and_then(|v| v.value.clone()), Some(json!("AAEC")));
    assert_eq!(serde_json::to_value(&customer).ok(), Some(json));
}

#[test]
fn descriptors_made_in_code_write_their_annotations() {
    let customer = Customer {
        id: Some(3),
        photo: Some(StreamDescriptor { edit_link: Some("Customers(3)/photo".into()), ..Default::default() }),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&customer).ok().as_deref(),
        Some(r#"{"id":3,"photo@odata.mediaEditLink":"Customers(3)/photo"}"#)
    );
}
