import { type Kysely, sql } from 'kysely'

// A return parcel travels from the buyer to the shop: its scans move the case (on its way back,
// received), and its buyer must not get "your parcel is out for delivery" or "your parcel is late"
// emails about a parcel they sent themselves. The notice queue trigger now leaves return parcels out,
// so the delay scan never sees them (the scan also skips them, for rows queued before this migration).
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await sql`drop trigger if exists shipments_queue_notice on shipments`.execute(db)
  await sql`
    create trigger shipments_queue_notice after update of status, delay_level on shipments
    for each row
    when (
      new.kind <> 'return'
      and (old.status is distinct from new.status or old.delay_level is distinct from new.delay_level)
    )
    execute function shipments_queue_notice()`.execute(db)
  await sql`
    delete from shipment_notice_queue q using shipments s
    where s.id = q.shipment_id and s.kind = 'return'`.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`drop trigger if exists shipments_queue_notice on shipments`.execute(db)
  await sql`
    create trigger shipments_queue_notice after update of status, delay_level on shipments
    for each row
    when (old.status is distinct from new.status or old.delay_level is distinct from new.delay_level)
    execute function shipments_queue_notice()`.execute(db)
}
