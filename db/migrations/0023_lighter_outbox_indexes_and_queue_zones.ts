import { type Kysely, sql } from 'kysely'

// The delay scan's backlog (40,000 notices in one statement) pays for every index of the outbox once
// per row, and each index insert is a WAL record and a buffer to find. Two changes:
//
// - The outbox's primary key is (shop_id, id) and `notifications_shop_created_idx` is gone. Every
//   lookup of one row already names its shop, and ids are uuid v7 (time-ordered), so the staff outbox
//   lists a shop's mail newest first by walking the primary key backwards: the same order as
//   (created_at, id) but for rows written in the same millisecond by different transactions. One index
//   fewer for every row any service queues.
// - The notice queue's shop index carries the buyer's zone, (shop_id, buyer_timezone). The scan first
//   lists the zones of the waiting parcels; a `select distinct` read all 40,000 waiting rows for four
//   zones (50–110 ms of the backlog), while this index answers it with one probe per zone. The routine
//   probe (nothing waiting) uses the same index.
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await sql`alter table notifications drop constraint notifications_pkey`.execute(db)
  await sql`alter table notifications add constraint notifications_pkey primary key (shop_id, id)`.execute(db)
  await db.schema.dropIndex('notifications_shop_created_idx').execute()

  await db.schema
    .createIndex('shipment_notice_queue_shop_zone_idx')
    .on('shipment_notice_queue')
    .columns(['shop_id', 'buyer_timezone'])
    .execute()
  await db.schema.dropIndex('shipment_notice_queue_shop_idx').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema
    .createIndex('shipment_notice_queue_shop_idx')
    .on('shipment_notice_queue')
    .column('shop_id')
    .execute()
  await db.schema.dropIndex('shipment_notice_queue_shop_zone_idx').execute()

  await db.schema
    .createIndex('notifications_shop_created_idx')
    .on('notifications')
    .columns(['shop_id', 'created_at'])
    .execute()
  await sql`alter table notifications drop constraint notifications_pkey`.execute(db)
  await sql`alter table notifications add constraint notifications_pkey primary key (id)`.execute(db)
}
