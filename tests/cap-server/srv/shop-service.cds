using shop from '../db/schema';

/// The service the end-to-end tests of odata-client talk to.
service ShopService @(path: '/odata/v4/shop') {
  entity Customers  as projection on shop.Customers;

  entity Orders     as projection on shop.Orders actions {
    /// Bound action: sets the status to cancelled and returns the order.
    action   cancel(reason : String(200)) returns Orders;
    /// Bound function: the total with a tax rate applied.
    function totalWithTax(rate : Decimal(4, 2)) returns Decimal(10, 2);
  };

  entity OrderItems as projection on shop.OrderItems;

  // Server-driven paging: at most three products per response.
  @cds.query.limit: {default: 3, max: 3}
  entity Products   as projection on shop.Products;

  entity Warehouses as projection on shop.Warehouses;
  entity Pictures   as projection on shop.Pictures;

  /// Unbound action: sets a product's stock, returns the new stock.
  action   restock(product : Integer, quantity : Integer) returns Integer;
  /// Unbound function: how many orders have this status.
  function countOrders(status : shop.Status) returns Integer;
  /// Unbound function returning entities.
  function cheapProducts(maxPrice : Decimal(9, 2)) returns many Products;
}
