import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('orders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('shopify_order_gid', 'text')
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`)) // shown as #1001
    .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email)`))
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.check(sql`locale in ('en', 'ru', 'pl')`))
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('subtotal_minor', 'integer', (c) => c.notNull().check(sql`subtotal_minor >= 0`))
    .addColumn('discount_minor', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`discount_minor >= 0`),
    )
    .addColumn('shipping_minor', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`shipping_minor >= 0`),
    )
    .addColumn('tax_minor', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`tax_minor >= 0`),
    )
    // EU-style prices include VAT (tax_minor is the part of the price that is tax); US-style add it on top.
    .addColumn('taxes_included', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('total_minor', 'integer', (c) => c.notNull().check(sql`total_minor >= 0`))
    .addColumn('financial_status', 'text', (c) =>
      c.notNull().check(sql`financial_status in ('pending', 'paid', 'partially_refunded', 'refunded')`),
    )
    .addColumn('fulfillment_status', 'text', (c) =>
      c.notNull().check(sql`fulfillment_status in ('unfulfilled', 'partial', 'fulfilled')`),
    )
    // { name, line1, line2, city, region, postalCode, countryCode, phone }
    .addColumn('shipping_address', 'jsonb', (c) => c.notNull())
    // Upper-cased, spaces and dashes removed: what the lookup form compares against.
    .addColumn('postal_code_normalized', 'text', (c) => c.notNull())
    .addColumn('buyer_timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('promised_by', 'timestamptz')
    .addColumn('placed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('orders_shop_number_unique', ['shop_id', 'number'])
    .addUniqueConstraint('orders_shop_gid_unique', ['shop_id', 'shopify_order_gid'])
    .execute()
  await db.schema.createIndex('orders_shop_email_idx').on('orders').columns(['shop_id', 'email']).execute()
  await db.schema
    .createIndex('orders_shop_placed_idx')
    .on('orders')
    .columns(['shop_id', 'placed_at'])
    .execute()

  await db.schema
    .createTable('line_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('shopify_line_item_gid', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('variant_title', 'text')
    .addColumn('product_type', 'text')
    .addColumn('product_tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('image_url', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('unit_price_minor', 'integer', (c) => c.notNull().check(sql`unit_price_minor >= 0`))
    .addColumn('discount_minor', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`discount_minor >= 0`),
    )
    .addColumn('tax_minor', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`tax_minor >= 0`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('line_items_order_position_unique', ['order_id', 'position'])
    .execute()
  await db.schema
    .createIndex('line_items_shop_order_idx')
    .on('line_items')
    .columns(['shop_id', 'order_id'])
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('line_items').execute()
  await db.schema.dropTable('orders').execute()
}
