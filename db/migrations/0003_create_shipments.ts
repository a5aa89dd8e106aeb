import { type Kysely, sql } from 'kysely'

const STATUSES = sql`('pre_transit', 'in_transit', 'out_for_delivery', 'available_for_pickup', 'delivered',
  'failed_attempt', 'exception', 'returned_to_sender', 'lost', 'unknown')`
const DELAY_LEVELS = sql`('on_time', 'at_risk', 'late', 'stalled', 'exception', 'lost')`

export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('shipments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('shopify_fulfillment_gid', 'text')
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('tracking_number', 'text', (c) => c.notNull())
    .addColumn('service', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pre_transit')
        .check(sql`status in ${STATUSES}`),
    )
    .addColumn('status_detail', 'text')
    .addColumn('raw_status', 'text')
    .addColumn('shipped_at', 'timestamptz', (c) => c.notNull())
    .addColumn('promised_by', 'timestamptz')
    .addColumn('original_eta', 'timestamptz')
    .addColumn('current_eta', 'timestamptz')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('last_event_at', 'timestamptz')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('delay_level', 'text', (c) =>
      c
        .notNull()
        .defaultTo('on_time')
        .check(sql`delay_level in ${DELAY_LEVELS}`),
    )
    .addColumn('delay_reason', 'text')
    .addColumn('delay_level_changed_at', 'timestamptz')
    // Active = still moving: the poll job and the delay scan only ever look at these rows.
    .addColumn('is_active', 'boolean', (c) =>
      c
        .generatedAlwaysAs(sql`status not in ('delivered', 'returned_to_sender', 'lost')`)
        .stored()
        .notNull(),
    )
    .addColumn('next_poll_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_polled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('shipments_shop_carrier_tracking_unique', ['shop_id', 'carrier', 'tracking_number'])
    .execute()
  await db.schema
    .createIndex('shipments_shop_order_idx')
    .on('shipments')
    .columns(['shop_id', 'order_id'])
    .execute()
  await db.schema
    .createIndex('shipments_active_poll_idx')
    .on('shipments')
    .column('next_poll_at')
    .where(sql.ref('is_active'), '=', true)
    .execute()
  await db.schema
    .createIndex('shipments_shop_delay_idx')
    .on('shipments')
    .columns(['shop_id', 'delay_level'])
    .where(sql.ref('is_active'), '=', true)
    .execute()

  await db.schema
    .createTable('shipment_items')
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('shipment_id', 'uuid', (c) => c.notNull().references('shipments.id').onDelete('cascade'))
    .addColumn('line_item_id', 'uuid', (c) => c.notNull().references('line_items.id').onDelete('cascade'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addPrimaryKeyConstraint('shipment_items_pk', ['shipment_id', 'line_item_id'])
    .execute()
  await db.schema
    .createIndex('shipment_items_line_item_idx')
    .on('shipment_items')
    .column('line_item_id')
    .execute()

  await db.schema
    .createTable('tracking_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('shipment_id', 'uuid', (c) => c.notNull().references('shipments.id').onDelete('cascade'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ${STATUSES}`))
    .addColumn('status_detail', 'text')
    .addColumn('raw_status', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    // The carrier's own identity for the event (or a hash of its fields): the same scan twice is one row.
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('tracking_events_shipment_dedupe_unique', ['shipment_id', 'dedupe_key'])
    .execute()
  await db.schema
    .createIndex('tracking_events_shipment_time_idx')
    .on('tracking_events')
    .columns(['shipment_id', 'occurred_at'])
    .execute()

  // Append-only: events are facts from the carrier; corrections arrive as new events.
  await sql`
    create function tracking_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'tracking_events is append-only';
    end $$`.execute(db)
  await sql`
    create trigger tracking_events_no_update before update on tracking_events
    for each row execute function tracking_events_append_only()`.execute(db)
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('tracking_events').execute()
  await sql`drop function if exists tracking_events_append_only()`.execute(db)
  await db.schema.dropTable('shipment_items').execute()
  await db.schema.dropTable('shipments').execute()
}
