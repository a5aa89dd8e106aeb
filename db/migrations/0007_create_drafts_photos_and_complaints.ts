import { type Kysely, sql } from 'kysely'

// What the buyer's wizards need. A draft holds the answers of an unfinished return or complaint, so a
// reload or a closed tab loses nothing; its id is also the idempotency key of the case it becomes, so a
// double submit opens one case. Photos are stored files (the row keeps where, what and how big) that
// belong to a draft while the buyer is still answering and to a case from then on. Complaints are cases
// too: they carry what went wrong and which parcel, their remedy lives in `resolution` (a reship is a
// remedy a return never has), and they have no return method. A case may also be opened for support
// before any remedy is chosen. The complaint playbook is versioned with the return policy it sits beside.
// Frozen: Kysely<any>, no imports from the app.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('wizard_drafts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('return', 'complaint')`))
    .addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // Set when the draft became a case; a submitted draft is read-only.
    .addColumn('case_id', 'uuid', (c) => c.references('cases.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('wizard_drafts_shop_order_idx')
    .on('wizard_drafts')
    .columns(['shop_id', 'order_id', 'kind', 'updated_at'])
    .execute()

  await db.schema
    .createTable('photos')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('draft_id', 'uuid', (c) => c.references('wizard_drafts.id').onDelete('set null'))
    .addColumn('case_id', 'uuid', (c) => c.references('cases.id').onDelete('cascade'))
    // The item the photo shows; null for a photo of the parcel or one added to the case later.
    .addColumn('line_item_id', 'uuid', (c) => c.references('line_items.id'))
    .addColumn('content_type', 'text', (c) =>
      c.notNull().check(sql`content_type in ('image/jpeg', 'image/png', 'image/webp', 'image/heic')`),
    )
    .addColumn('bytes', 'integer', (c) => c.notNull().check(sql`bytes > 0`))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    // A small JPEG for lists and the case page; null when no thumbnail could be made (HEIC here).
    .addColumn('thumb_key', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('uploaded_by', 'text', (c) => c.notNull().check(sql`uploaded_by in ('buyer', 'staff')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('photos_owner', sql`draft_id is not null or case_id is not null`)
    .execute()
  await db.schema.createIndex('photos_draft_idx').on('photos').column('draft_id').execute()
  await db.schema.createIndex('photos_case_idx').on('photos').column('case_id').execute()

  await sql`alter table cases drop constraint cases_resolution_check`.execute(db)
  await sql`alter table cases alter column resolution drop not null`.execute(db)
  await sql`alter table cases add constraint cases_resolution_check
    check (resolution in ('refund', 'store_credit', 'exchange', 'coupon', 'reship'))`.execute(db)
  await sql`alter table cases alter column return_method drop not null`.execute(db)
  await db.schema
    .alterTable('cases')
    .addColumn('complaint_kind', 'text', (c) =>
      c.check(sql`complaint_kind in ('not_arrived', 'damaged', 'wrong_item', 'missing_item', 'other')`),
    )
    .addColumn('shipment_id', 'uuid', (c) => c.references('shipments.id'))
    // The buyer's own words: the note of a complaint, kept with the case rather than an item.
    .addColumn('buyer_note', 'text')
    // For an exchange: the size or colour the buyer wants instead, in their words.
    .addColumn('exchange_for', 'text')
    .execute()
  await sql`alter table cases add constraint cases_kind_fields check (
    (kind = 'return' and complaint_kind is null and resolution is not null and return_method is not null)
    or (kind = 'complaint' and complaint_kind is not null))`.execute(db)

  // Null: the default playbook applies.
  await db.schema.alterTable('return_policies').addColumn('playbook', 'jsonb').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('return_policies').dropColumn('playbook').execute()
  await sql`alter table cases drop constraint cases_kind_fields`.execute(db)
  await db.schema
    .alterTable('cases')
    .dropColumn('exchange_for')
    .dropColumn('buyer_note')
    .dropColumn('shipment_id')
    .dropColumn('complaint_kind')
    .execute()
  await sql`delete from cases where kind = 'complaint'`.execute(db)
  await sql`alter table cases alter column return_method set not null`.execute(db)
  await sql`alter table cases drop constraint cases_resolution_check`.execute(db)
  await sql`alter table cases alter column resolution set not null`.execute(db)
  await sql`alter table cases add constraint cases_resolution_check
    check (resolution in ('refund', 'store_credit', 'exchange', 'coupon'))`.execute(db)
  await db.schema.dropTable('photos').execute()
  await db.schema.dropTable('wizard_drafts').execute()
}
