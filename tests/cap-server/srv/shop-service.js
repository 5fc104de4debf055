// Implementations of the service's actions and functions.
const cds = require('@sap/cds')

// The key of a bound call: CAP gives the value for a single key, an object for several.
const keyOf = (req) => {
  const p = req.params[0]
  return typeof p === 'object' ? p.ID : p
}

module.exports = class ShopService extends cds.ApplicationService {
  init() {
    const { Orders, Products } = this.entities

    this.on('cancel', Orders, async (req) => {
      const ID = keyOf(req)
      const n = await UPDATE(Orders, ID).with({ status: 'cancelled', note: req.data.reason })
      if (!n) return req.error(404, `Order ${ID} not found`)
      return SELECT.one.from(Orders, ID)
    })

    this.on('totalWithTax', Orders, async (req) => {
      const ID = keyOf(req)
      const order = await SELECT.one.from(Orders, ID).columns('total')
      if (!order) return req.error(404, `Order ${ID} not found`)
      return Math.round(Number(order.total) * (1 + Number(req.data.rate)) * 100) / 100
    })

    this.on('restock', async (req) => {
      const { product, quantity } = req.data
      if (quantity < 0) return req.error(400, 'quantity must not be negative', 'quantity')
      const n = await UPDATE(Products, product).with({ stock: quantity })
      if (!n) return req.error(404, `Product ${product} not found`)
      return quantity
    })

    this.on('countOrders', async (req) => {
      const row = await SELECT.one.from(Orders).columns('count(*) as n').where({ status: req.data.status })
      return row ? row.n : 0
    })

    this.on('cheapProducts', async (req) => {
      return SELECT.from(Products).where('price <=', req.data.maxPrice).orderBy('ID')
    })

    return super.init()
  }
}
