import { type Kysely, sql } from 'kysely'

// The delay scan's backlog (40,000 parcels turning late at once) cost seconds, most of it per parcel:
// a primary-key probe of the parcel (twice: once to list the buyers' zones, once in the scan), of its
// order (twice), a row lock and a delete of its queue row, and an outbox row whose indexes and checks
// were built for one email at a time. This migration makes each of those cheaper.
//
// The notice queue carries what the scan needs. The trigger that queues a parcel's change already has
// the parcel's new row, so it records its order, status, delay level and last scan time there too (and
// keeps them current while the row waits), plus the buyer's time zone (one probe of the order, on the
// write that changed the parcel). The scan then reads no parcel at all, and lists the zones to compute
// quiet hours for from the queue alone. What the buyer was last told stays in from_status/from_level.
// A later scan with the same status and level (only last_event_at moved) does not touch the queue: a
// status email's "fresh scan" test uses the time of the scan that changed the status.
//
// The outbox:
// - New ids are time-ordered (UUID version 7: 48 bits of milliseconds, then random bits), so inserts land
//   at the right edge of the primary key instead of on a random leaf of an index as large as the
//   outbox. The type stays uuid, so existing ids, Message-IDs and links are unchanged.
// - dedupe_key compares bytewise (collation "C"): keys are machine-made, equality is unchanged, and the
//   unique index no longer calls the locale's collation for every comparison (in PostgreSQL 15 even
//   C.UTF-8 goes through strcoll).
// - The staff outbox's index is (shop_id, created_at) instead of (shop_id, created_at desc, id desc):
//   the rows one transaction writes share created_at, so they become one posting list instead of one
//   randomly placed entry each; ties are ordered by id when the page is read.
//
// Shop logos: the image every email of the shop carries in its header, attached to the message itself
// (an inline CID part), never fetched from the web. One per shop, already resized to email size (a few
// KB), so it lives in the database rather than on the web server's disk: the worker that sends the mail
// may run on another machine, and the logo is backed up and deleted with its shop. Its own table keeps
// the shops row (read on every request) small. `sha256` names the version an email carried.
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('shipment_notice_queue')
    .addColumn('order_id', 'uuid')
    .addColumn('status', 'text')
    .addColumn('delay_level', 'text')
    .addColumn('last_event_at', 'timestamptz')
    .addColumn('buyer_timezone', 'text')
    .execute()
  await sql`
    update shipment_notice_queue q
    set order_id = s.order_id, status = s.status, delay_level = s.delay_level,
      last_event_at = s.last_event_at, buyer_timezone = o.buyer_timezone
    from shipments s
    join orders o on o.id = s.order_id and o.shop_id = s.shop_id
    where s.id = q.shipment_id and s.shop_id = q.shop_id`.execute(db)
  await sql`
    alter table shipment_notice_queue
      alter column order_id set not null,
      alter column status set not null,
      alter column delay_level set not null`.execute(db)
  await sql`
    create or replace function shipments_queue_notice() returns trigger language plpgsql as $$
    begin
      insert into shipment_notice_queue (shipment_id, shop_id, from_status, from_level,
        order_id, status, delay_level, last_event_at, buyer_timezone)
      values (new.id, new.shop_id, old.status, old.delay_level,
        new.order_id, new.status, new.delay_level, new.last_event_at,
        (select o.buyer_timezone from orders o where o.id = new.order_id and o.shop_id = new.shop_id))
      on conflict (shipment_id) do update set
        order_id = excluded.order_id, status = excluded.status, delay_level = excluded.delay_level,
        last_event_at = excluded.last_event_at, buyer_timezone = excluded.buyer_timezone;
      return null;
    end $$`.execute(db)

  await sql`
    create or replace function uuid_v7() returns uuid language sql volatile parallel safe as $$
      select encode(
        set_bit(set_bit(
          overlay(uuid_send(gen_random_uuid())
            placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
            from 1 for 6),
          52, 1), 53, 1),
        'hex')::uuid
    $$`.execute(db)
  await sql`alter table notifications alter column id set default uuid_v7()`.execute(db)
  await sql`alter table notifications alter column dedupe_key type text collate "C"`.execute(db)
  await db.schema.dropIndex('notifications_shop_created_idx').execute()
  await db.schema
    .createIndex('notifications_shop_created_idx')
    .on('notifications')
    .columns(['shop_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('shop_logos')
    .addColumn('shop_id', 'uuid', (c) => c.primaryKey().references('shops.id').onDelete('cascade'))
    .addColumn('content_type', 'text', (c) =>
      c.notNull().check(sql`content_type in ('image/png', 'image/jpeg')`),
    )
    .addColumn('bytes', 'bytea', (c) => c.notNull().check(sql`octet_length(bytes) between 1 and 1048576`))
    .addColumn('width', 'integer', (c) => c.notNull().check(sql`width between 1 and 2000`))
    .addColumn('height', 'integer', (c) => c.notNull().check(sql`height between 1 and 2000`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('updated_by', 'uuid', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('shop_logos').execute()
  await db.schema.dropIndex('notifications_shop_created_idx').execute()
  await db.schema
    .createIndex('notifications_shop_created_idx')
    .on('notifications')
    .columns(['shop_id', 'created_at desc', 'id desc'])
    .execute()
  await sql`alter table notifications alter column dedupe_key type text collate "default"`.execute(db)
  await sql`alter table notifications alter column id set default gen_random_uuid()`.execute(db)
  await sql`drop function uuid_v7()`.execute(db)

  await sql`
    create or replace function shipments_queue_notice() returns trigger language plpgsql as $$
    begin
      insert into shipment_notice_queue (shipment_id, shop_id, from_status, from_level)
      values (old.id, old.shop_id, old.status, old.delay_level)
      on conflict (shipment_id) do nothing;
      return null;
    end $$`.execute(db)
  await db.schema
    .alterTable('shipment_notice_queue')
    .dropColumn('order_id')
    .dropColumn('status')
    .dropColumn('delay_level')
    .dropColumn('last_event_at')
    .dropColumn('buyer_timezone')
    .execute()
}
