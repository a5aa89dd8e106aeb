import { type Kysely, sql } from 'kysely'

// Dedupe keys are our own ASCII ids ('notice:<parcel>:late', 'case:<id>:opened', a carrier event's
// hash), compared only for equality and kept in a unique index. Under the database's default collation
// (C.UTF-8 or en_US here) every comparison in that index goes through the C library's strcoll; with
// the "C" collation it is a memcmp. The delay scan's backlog inserts 40,000 keys into the outbox's
// index in one statement, about twenty comparisons each. Changing a column's collation keeps the
// table as it is and rebuilds the indexes on it.
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await sql`alter table notifications alter column dedupe_key type text collate "C"`.execute(db)
  await sql`alter table tracking_events alter column dedupe_key type text collate "C"`.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`alter table notifications alter column dedupe_key type text collate "default"`.execute(db)
  await sql`alter table tracking_events alter column dedupe_key type text collate "default"`.execute(db)
}
