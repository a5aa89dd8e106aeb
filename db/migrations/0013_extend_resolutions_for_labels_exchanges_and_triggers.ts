import { type Kysely, sql } from 'kysely'

// Everything a case can deliver becomes a resolution row, issued once by the issue-resolution job:
// money (refund, store credit, coupon, and the charge of an exchange's price difference), the return
// label, and the replacement parcel of an exchange or reship. A resolution waits ('waiting') until the
// moment the merchant chose (`release_on`: approval, the return parcel's first scan, its delivery to the
// merchant, or staff inspection), then its job is queued ('pending'). Canceled: the case ended before it
// was released.
//
// Return parcels and replacement parcels are shipments too (`kind`), tied to their case, so the carrier
// refresh and webhooks move them like any parcel. Labels keep their PDF here (a few kB, transactional
// with the case). Case items gain the receiving steps (received, inspected, restocked or disposed, each
// separate) and the variant chosen for an exchange; variants live in `product_variants` (synced from
// Shopify later, seeded for the demo) with the stock an exchange reserves. A replacement is added to the
// order as a line item marked with its case, as Shopify does with exchanges.
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('shops')
    .addColumn('return_address', 'jsonb')
    .addColumn('label_carriers', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute()

  await db.schema
    .createTable('product_variants')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('product_key', 'text', (c) => c.notNull())
    .addColumn('product_title', 'text', (c) => c.notNull())
    .addColumn('variant_title', 'text', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('shopify_variant_gid', 'text')
    .addColumn('price_minor', 'integer', (c) => c.notNull().check(sql`price_minor >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('inventory_available', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inventory_reserved', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`inventory_reserved >= 0`),
    )
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('product_variants_shop_product_title_unique', [
      'shop_id',
      'product_key',
      'variant_title',
    ])
    .execute()

  await db.schema
    .alterTable('line_items')
    .addColumn('product_key', 'text')
    .addColumn('variant_id', 'uuid', (c) => c.references('product_variants.id').onDelete('set null'))
    .addColumn('exchange_case_id', 'uuid', (c) => c.references('cases.id').onDelete('cascade'))
    .execute()
  await db.schema
    .createIndex('line_items_shop_product_idx')
    .on('line_items')
    .columns(['shop_id', 'product_key'])
    .where(sql.ref('product_key'), 'is not', null)
    .execute()

  await db.schema
    .alterTable('shipments')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('order')
        .check(sql`kind in ('order', 'return', 'replacement')`),
    )
    .addColumn('case_id', 'uuid', (c) => c.references('cases.id').onDelete('cascade'))
    .execute()
  await db.schema
    .createIndex('shipments_shop_case_idx')
    .on('shipments')
    .columns(['shop_id', 'case_id'])
    .where(sql.ref('case_id'), 'is not', null)
    .execute()

  await db.schema
    .alterTable('cases')
    .addColumn('price_difference_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .alterTable('case_items')
    .addColumn('exchange_variant_id', 'uuid', (c) => c.references('product_variants.id'))
    .addColumn('received_at', 'timestamptz')
    .addColumn('inspected_at', 'timestamptz')
    .addColumn('condition', 'text', (c) =>
      c.check(sql`condition in ('as_expected', 'damaged', 'not_as_described', 'missing')`),
    )
    .addColumn('disposition', 'text', (c) => c.check(sql`disposition in ('restock', 'dispose')`))
    .addColumn('disposition_at', 'timestamptz')
    .execute()

  await sql`alter table resolutions drop constraint resolutions_kind_check`.execute(db)
  await sql`alter table resolutions add constraint resolutions_kind_check
    check (kind in ('refund', 'store_credit', 'coupon', 'charge', 'return_label', 'replacement'))`.execute(db)
  await sql`alter table resolutions drop constraint resolutions_amount_minor_check`.execute(db)
  await sql`alter table resolutions add constraint resolutions_amount_minor_check
    check (amount_minor >= 0)`.execute(db)
  await sql`alter table resolutions drop constraint resolutions_status_check`.execute(db)
  await sql`alter table resolutions add constraint resolutions_status_check
    check (status in ('waiting', 'pending', 'succeeded', 'failed', 'canceled'))`.execute(db)
  await db.schema
    .alterTable('resolutions')
    .addColumn('release_on', 'text', (c) =>
      c
        .notNull()
        .defaultTo('approval')
        .check(sql`release_on in ('approval', 'first_scan', 'delivered', 'inspected')`),
    )
    .addColumn('released_at', 'timestamptz')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('reconciled_at', 'timestamptz')
    .addColumn('reconcile_mismatch', 'text')
    .execute()
  await db.schema
    .createIndex('resolutions_shop_case_idx')
    .on('resolutions')
    .columns(['shop_id', 'case_id'])
    .execute()

  await db.schema
    .createTable('return_labels')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().unique().references('cases.id').onDelete('cascade'))
    .addColumn('resolution_id', 'uuid', (c) =>
      c.notNull().unique().references('resolutions.id').onDelete('cascade'),
    )
    .addColumn('shipment_id', 'uuid', (c) => c.references('shipments.id').onDelete('set null'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_shipment_id', 'text')
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('service', 'text')
    .addColumn('tracking_number', 'text', (c) => c.notNull())
    .addColumn('rate_minor', 'integer')
    .addColumn('rate_currency', 'text')
    .addColumn('label_pdf', 'bytea', (c) => c.notNull())
    .addColumn('qr_png', 'bytea')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('return_labels_shop_idx').on('return_labels').column('shop_id').execute()

  await sql`alter table sandbox_ledger drop constraint sandbox_ledger_kind_check`.execute(db)
  await sql`alter table sandbox_ledger add constraint sandbox_ledger_kind_check
    check (kind in ('refund', 'store_credit', 'coupon', 'charge'))`.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`alter table sandbox_ledger drop constraint sandbox_ledger_kind_check`.execute(db)
  await sql`alter table sandbox_ledger add constraint sandbox_ledger_kind_check
    check (kind in ('refund', 'store_credit', 'coupon'))`.execute(db)
  await db.schema.dropTable('return_labels').execute()
  await db.schema.dropIndex('resolutions_shop_case_idx').execute()
  await db.schema
    .alterTable('resolutions')
    .dropColumn('release_on')
    .dropColumn('released_at')
    .dropColumn('details')
    .dropColumn('reconciled_at')
    .dropColumn('reconcile_mismatch')
    .execute()
  await sql`delete from resolutions where kind not in ('refund', 'store_credit', 'coupon')`.execute(db)
  await sql`alter table resolutions drop constraint resolutions_kind_check`.execute(db)
  await sql`alter table resolutions add constraint resolutions_kind_check
    check (kind in ('refund', 'store_credit', 'coupon'))`.execute(db)
  await sql`alter table resolutions drop constraint resolutions_amount_minor_check`.execute(db)
  await sql`alter table resolutions add constraint resolutions_amount_minor_check
    check (amount_minor > 0)`.execute(db)
  await sql`alter table resolutions drop constraint resolutions_status_check`.execute(db)
  await sql`alter table resolutions add constraint resolutions_status_check
    check (status in ('pending', 'succeeded', 'failed'))`.execute(db)
  await db.schema
    .alterTable('case_items')
    .dropColumn('exchange_variant_id')
    .dropColumn('received_at')
    .dropColumn('inspected_at')
    .dropColumn('condition')
    .dropColumn('disposition')
    .dropColumn('disposition_at')
    .execute()
  await db.schema.alterTable('cases').dropColumn('price_difference_minor').execute()
  await db.schema.dropIndex('shipments_shop_case_idx').execute()
  await db.schema.alterTable('shipments').dropColumn('kind').dropColumn('case_id').execute()
  await db.schema.dropIndex('line_items_shop_product_idx').execute()
  await db.schema
    .alterTable('line_items')
    .dropColumn('product_key')
    .dropColumn('variant_id')
    .dropColumn('exchange_case_id')
    .execute()
  await db.schema.dropTable('product_variants').execute()
  await db.schema.alterTable('shops').dropColumn('return_address').dropColumn('label_carriers').execute()
}
