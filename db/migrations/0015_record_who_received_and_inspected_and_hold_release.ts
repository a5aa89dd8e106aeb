import { type Kysely, sql } from 'kysely'

// Receiving a return is done by people, item by item: who received, inspected and restocked or disposed
// of each item is kept beside when (the columns of 0013), with the inspector's note. An inspection that
// finds a problem (damaged, not as described, missing) stops the automatic release of what waits for the
// inspection: `release_held_at` marks the case until staff release it anyway or decline the refund.
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('case_items')
    .addColumn('received_by', 'uuid', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('inspected_by', 'uuid', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('inspection_note', 'text', (c) => c.check(sql`char_length(inspection_note) <= 2000`))
    .addColumn('disposition_by', 'uuid', (c) => c.references('staff_users.id').onDelete('set null'))
    .execute()
  // An item is inspected only once received, and restocked or disposed of only once received.
  await sql`alter table case_items add constraint case_items_inspected_after_received
    check (inspected_at is null or received_at is not null)`.execute(db)
  await sql`alter table case_items add constraint case_items_inspection_has_condition
    check ((inspected_at is null) = (condition is null))`.execute(db)
  await sql`alter table case_items add constraint case_items_disposition_after_received
    check (disposition is null or (received_at is not null and disposition_at is not null))`.execute(db)

  await db.schema.alterTable('cases').addColumn('release_held_at', 'timestamptz').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('cases').dropColumn('release_held_at').execute()
  await sql`alter table case_items drop constraint case_items_disposition_after_received`.execute(db)
  await sql`alter table case_items drop constraint case_items_inspection_has_condition`.execute(db)
  await sql`alter table case_items drop constraint case_items_inspected_after_received`.execute(db)
  await db.schema
    .alterTable('case_items')
    .dropColumn('received_by')
    .dropColumn('inspected_by')
    .dropColumn('inspection_note')
    .dropColumn('disposition_by')
    .execute()
}
