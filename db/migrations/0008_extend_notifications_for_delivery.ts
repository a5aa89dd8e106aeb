import { type Kysely, sql } from 'kysely'

// What delivering the outbox needs. Each notification keeps a snapshot of exactly what was rendered
// (subject, HTML, text, headers) and how it left (SMTP or captured), so staff read the message the buyer
// got; a lease (`locked_until`) lets a crashed worker's rows be picked up again; 'suppressed' marks a
// delivery update the buyer opted out of. Buyers' mail preferences live per shop and lowercased email.
// Shops may set the sender name and reply-to address of their mail. Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('notifications')
    .addColumn('subject', 'text')
    .addColumn('body_html', 'text')
    .addColumn('body_text', 'text')
    .addColumn('headers', 'jsonb')
    .addColumn('transport', 'text', (c) => c.check(sql`transport in ('smtp', 'capture')`))
    .addColumn('locked_until', 'timestamptz')
    .execute()
  await sql`alter table notifications drop constraint notifications_status_check`.execute(db)
  await sql`
    alter table notifications add constraint notifications_status_check
    check (status in ('pending', 'sending', 'sent', 'failed', 'suppressed'))`.execute(db)
  // Leases that ran out (a worker died mid-send) are claimed again; this finds them without a scan.
  await db.schema
    .createIndex('notifications_sending_locked_until_idx')
    .on('notifications')
    .column('locked_until')
    .where(sql.ref('status'), '=', 'sending')
    .execute()
  // The staff outbox: newest first per shop.
  await db.schema
    .createIndex('notifications_shop_created_idx')
    .on('notifications')
    .columns(['shop_id', 'created_at desc', 'id desc'])
    .execute()

  await db.schema
    .createTable('buyer_preferences')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email)`))
    .addColumn('delivery_updates', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('buyer_preferences_shop_email_unique', ['shop_id', 'email'])
    .execute()

  await db.schema
    .alterTable('shops')
    .addColumn('mail_sender_name', 'text')
    .addColumn('mail_reply_to', 'text')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('shops').dropColumn('mail_sender_name').dropColumn('mail_reply_to').execute()
  await db.schema.dropTable('buyer_preferences').execute()
  await db.schema.dropIndex('notifications_shop_created_idx').execute()
  await db.schema.dropIndex('notifications_sending_locked_until_idx').execute()
  await sql`update notifications set status = 'failed' where status = 'suppressed'`.execute(db)
  await sql`alter table notifications drop constraint notifications_status_check`.execute(db)
  await sql`
    alter table notifications add constraint notifications_status_check
    check (status in ('pending', 'sending', 'sent', 'failed'))`.execute(db)
  await db.schema
    .alterTable('notifications')
    .dropColumn('subject')
    .dropColumn('body_html')
    .dropColumn('body_text')
    .dropColumn('headers')
    .dropColumn('transport')
    .dropColumn('locked_until')
    .execute()
}
