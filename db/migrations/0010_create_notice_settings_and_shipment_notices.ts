import { type Kysely, sql } from 'kysely'

// Delivery notices. Each shop may keep one row of notice settings (which events email the buyer, the
// thresholds for "likely late" and "stalled", quiet hours in the buyer's zone, the apology coupon and
// which remedies a delay notice offers per level); sender name, reply-to and brand colour stay on shops.
//
// Each shipment remembers the status and delay level the buyer was last told about. A notice is due
// exactly when what the parcel is differs from what the buyer was told, and the partial index holds only
// those rows, so the every-minute scan reads an index that is empty when nothing is new. Rows that exist
// before this migration are marked as already told, so deploying it sends no backlog of old news.
//
// Predicted delivery: the transit time in business days is kept on each delivered parcel, so the
// median and spread for a carrier and route come from one indexed aggregate; `origin_country` is where
// the parcel left from when known (null groups with the shop's other unknown origins).
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('notice_settings')
    .addColumn('shop_id', 'uuid', (c) => c.primaryKey().references('shops.id').onDelete('cascade'))
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .alterTable('shipments')
    .addColumn('notified_status', 'text', (c) => c.notNull().defaultTo('pre_transit'))
    .addColumn('notified_level', 'text', (c) => c.notNull().defaultTo('on_time'))
    .addColumn('predicted_eta', 'timestamptz')
    .addColumn('origin_country', 'text')
    .addColumn('transit_business_days', 'real')
    .execute()
  await sql`update shipments set notified_status = status, notified_level = delay_level`.execute(db)
  await sql`
    create index shipments_notice_pending_idx on shipments (shop_id)
    where status <> notified_status or delay_level <> notified_level`.execute(db)
  await sql`
    create index shipments_transit_history_idx on shipments (shop_id, carrier, delivered_at)
    where transit_business_days is not null`.execute(db)
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('shipments_transit_history_idx').execute()
  await db.schema.dropIndex('shipments_notice_pending_idx').execute()
  await db.schema
    .alterTable('shipments')
    .dropColumn('notified_status')
    .dropColumn('notified_level')
    .dropColumn('predicted_eta')
    .dropColumn('origin_country')
    .dropColumn('transit_business_days')
    .execute()
  await db.schema.dropTable('notice_settings').execute()
}
