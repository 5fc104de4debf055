//! Lists and updates entities of an OData service with `odata-client` and the models `build.rs`
//! generates from its `$metadata`: the CAP test service of `tests/cap-server`.
//!
//! `cargo run -p shop-client-example -- [SERVICE_ROOT]` (default `http://127.0.0.1:4004/odata/v4/shop/`,
//! started with `tests/cap-server/run.sh start`).

/// The generated models: one module per schema namespace (`shop_service` for `ShopService`).
#[allow(dead_code)]
mod models {
    include!(concat!(env!("OUT_DIR"), "/odata_models.rs"));
}

use futures_util::TryStreamExt as _;
use models::shop_service::{EntityContainer as Shop, OrderItems, Orders, OrdersUpdate, Products};
use odata_client::filter::Compare as _;
use odata_client::{Client, Query, etag_of};
use odata_runtime::Update;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::env::args().nth(1).unwrap_or_else(|| "http://127.0.0.1:4004/odata/v4/shop/".to_owned());
    let client = Client::builder(root).build()?;

    // Every product, page after page (the service sends three per page and a next link).
    let products: Vec<Products> = client
        .entity_set(Shop::PRODUCTS)
        .query(Query::new().order_by(Products::ID.asc()))
        .items()
        .try_collect()
        .await?;
    println!("{} products:", products.len());
    for product in &products {
        let price = product.price.map(|p| p.to_string()).unwrap_or_default();
        println!("  {:>3} {:<20} {price:>8}", product.id.unwrap_or_default(), product.title.as_deref().unwrap_or("?"));
    }

    // Open orders with their items, through a typed filter and a nested $expand.
    let open = Query::new()
        .filter(Orders::STATUS.eq("open"))
        .expand_with(Orders::ITEMS, Query::new().select([OrderItems::POS.name()]));
    for order in client.entity_set(Shop::ORDERS).query(open).page().await?.value {
        let items = order.items.as_deref().unwrap_or_default().len();
        println!("open order {} with {items} items", order.id.unwrap_or_default());
    }

    // Change an order's note, conditional on the ETag read with it (a stale one gets 412).
    let order = client.entity(Shop::ORDERS, &2);
    let before: Orders = order.get().await?;
    let etag = etag_of(&before).ok_or("the service sent no ETag")?.to_owned();
    let note = format!("checked by shop-client-example (pid {})", std::process::id());
    let changes = OrdersUpdate { note: Update::Value(note.clone()), ..Default::default() };
    order.clone().if_match(etag).update(&changes).await?;
    let after = order.get().await?;
    println!("order 2 note: {:?} -> {:?}", before.note.unwrap_or_default(), after.note.as_deref().unwrap_or_default());
    if after.note.as_deref() != Some(note.as_str()) {
        return Err("the update did not reach the service".into());
    }
    Ok(())
}
