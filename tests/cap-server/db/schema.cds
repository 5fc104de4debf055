// The domain model of the test service: a small shop. Each element exercises something the
// client has to handle (see tests/cap-server/README.md).
namespace shop;

/// Order status: a string enum.
type Status : String(10) enum {
  Open = 'open';
  Shipped = 'shipped';
  Cancelled = 'cancelled';
}

/// Priority: an integer enum.
type Priority : Integer enum {
  Low = 1;
  Normal = 2;
  High = 3;
}

entity Customers {
  key ID     : Integer;
      name   : String(100);
      email  : String(200);
      orders : Association to many Orders on orders.customer = $self;
}

entity Orders {
  key ID         : Integer;
      customer   : Association to Customers;
      orderDate  : Date;
      placedAt   : DateTime;
      total      : Decimal(10, 2);
      status     : Status default 'open';
      priority   : Priority default 2;
      note       : String(200);
      // Changes on every write: the ETag of an order.
      modifiedAt : Timestamp @cds.on.insert: $now @cds.on.update: $now @odata.etag;
      items      : Composition of many OrderItems on items.order = $self;
}

// Composite key: the order and the position.
entity OrderItems {
  key order    : Association to Orders;
  key pos      : Integer;
      product  : Association to Products;
      quantity : Integer;
      price    : Decimal(9, 2);
}

entity Products {
  key ID    : Integer;
      title : String(100);
      price : Decimal(9, 2);
      stock : Integer;
}

// Composite key of two primitive properties.
entity Warehouses {
  key region : String(10);
  key code   : Integer;
      name   : String(100);
      opened : Date;
}

// A media entity: the picture's bytes are its stream.
entity Pictures {
  key ID        : Integer;
      title     : String(100);
      @Core.MediaType: mediaType
      content   : LargeBinary;
      @Core.IsMediaType
      mediaType : String(100);
}
