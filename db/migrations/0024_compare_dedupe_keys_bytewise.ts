import { type Kysely, sql } from 'kysely'

// Carrier events' dedupe keys (the carrier's event id, or a hash of time, status and place) are our own
// ASCII, compared only for equality in the unique (shipment_id, dedupe_key) index that every poll and
// webhook probes. Under the database's default collation (C.UTF-8 or en_US here) each comparison went
// through the C library's strcoll; with the "C" collation it is a memcmp, as the outbox's keys have been
// since migration 0018. Changing a column's collation keeps the table and rebuilds its indexes.
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await sql`alter table tracking_events alter column dedupe_key type text collate "C"`.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`alter table tracking_events alter column dedupe_key type text collate "default"`.execute(db)
}
