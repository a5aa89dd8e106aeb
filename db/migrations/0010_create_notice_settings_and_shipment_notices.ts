import { type Kysely, sql } from 'kysely'

// Delivery notices. Each shop may keep one row of notice settings (which events email the buyer, the
// thresholds for "likely late", "stalled" and "lost", quiet hours in the buyer's zone, the apology
// coupon and which remedies a delay notice offers per level); sender name, reply-to and brand colour
// stay on shops.
//
// The notice queue: whenever a parcel's status or delay level changes, a trigger records the parcel and
// what it was before (what its buyer was last told), once per parcel until the delay scan takes it. The
// scan deletes what it takes and writes the notices in the same statement. A trigger, so no writer can
// change a parcel and forget its notice; a separate narrow table, so the every-minute scan reads an
// empty index when nothing is new, and taking a backlog deletes narrow rows instead of rewriting wide
// shipment rows (and all their indexes) to mark them told.
//
// Predicted delivery: the transit time in business days is kept on each delivered parcel, so the
// median and spread for a carrier and route come from one indexed aggregate; `origin_country` is where
// the parcel left from when known (null groups with the shop's other unknown origins). `predicted_eta`
// is the median arrival from that history.
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
    .addColumn('predicted_eta', 'timestamptz')
    .addColumn('origin_country', 'text')
    .addColumn('transit_business_days', 'real')
    .execute()
  await sql`
    create index shipments_transit_history_idx on shipments (shop_id, carrier, delivered_at)
    where transit_business_days is not null`.execute(db)

  await db.schema
    .createTable('shipment_notice_queue')
    .addColumn('shipment_id', 'uuid', (c) => c.primaryKey().references('shipments.id').onDelete('cascade'))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('from_level', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('shipment_notice_queue_shop_idx')
    .on('shipment_notice_queue')
    .column('shop_id')
    .execute()
  await sql`
    create function shipments_queue_notice() returns trigger language plpgsql as $$
    begin
      insert into shipment_notice_queue (shipment_id, shop_id, from_status, from_level)
      values (old.id, old.shop_id, old.status, old.delay_level)
      on conflict (shipment_id) do nothing;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger shipments_queue_notice after update of status, delay_level on shipments
    for each row
    when (old.status is distinct from new.status or old.delay_level is distinct from new.delay_level)
    execute function shipments_queue_notice()`.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`drop trigger if exists shipments_queue_notice on shipments`.execute(db)
  await sql`drop function if exists shipments_queue_notice()`.execute(db)
  await db.schema.dropTable('shipment_notice_queue').execute()
  await db.schema.dropIndex('shipments_transit_history_idx').execute()
  await db.schema
    .alterTable('shipments')
    .dropColumn('predicted_eta')
    .dropColumn('origin_country')
    .dropColumn('transit_business_days')
    .execute()
  await db.schema.dropTable('notice_settings').execute()
}
