import { type Kysely, sql } from 'kysely'

// Return cases and what hangs off them: the per-shop case number counter, the items of each case, the
// append-only timeline of events, and the notifications outbox (the only way mail leaves). Frozen in
// time: Kysely<any>, no imports from the app; the state list is copied from app/domain/cases/case-state.ts.
export async function up(db: Kysely<any>) {
  // One row per shop; `last_number` is taken with an upsert, so the first case of a shop is R-1001.
  await db.schema
    .createTable('case_counters')
    .addColumn('shop_id', 'uuid', (c) => c.primaryKey().references('shops.id').onDelete('cascade'))
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute()

  const money = (name: string) =>
    [name, 'integer', (c: any) => c.notNull().check(sql`${sql.ref(name)} >= 0`)] as const

  let cases = db.schema
    .createTable('cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`)) // shown as R-1001
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('return', 'complaint')`))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`state in ('requested', 'needs_info', 'approved', 'rejected', 'awaiting_return', 'return_in_transit', 'received', 'resolved', 'closed', 'canceled')`,
        ),
    )
    // The policy version the case was opened under; later policy changes never affect it.
    .addColumn('policy_id', 'uuid', (c) => c.notNull().references('return_policies.id'))
    .addColumn('resolution', 'text', (c) =>
      c.notNull().check(sql`resolution in ('refund', 'store_credit', 'exchange', 'coupon')`),
    )
    .addColumn('return_method', 'text', (c) =>
      c.notNull().check(sql`return_method in ('label', 'drop_off', 'keep')`),
    )
    .addColumn('buyer_email', 'text', (c) => c.notNull().check(sql`buyer_email = lower(buyer_email)`))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('en', 'ru', 'pl')`))
    .addColumn('currency', 'char(3)', (c) => c.notNull())
  for (const name of ['paid_total_minor', 'fees_total_minor', 'total_minor', 'bonus_minor', 'issued_minor']) {
    cases = cases.addColumn(...money(name))
  }
  await cases
    // NOTE: the buyer's double submit sends the same key twice; the unique key makes the second a replay.
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('auto_approved', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('state_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('cases_shop_number_unique', ['shop_id', 'number'])
    .addUniqueConstraint('cases_shop_idempotency_key_unique', ['shop_id', 'idempotency_key'])
    .execute()
  await db.schema.createIndex('cases_shop_state_idx').on('cases').columns(['shop_id', 'state']).execute()
  await db.schema.createIndex('cases_shop_order_idx').on('cases').columns(['shop_id', 'order_id']).execute()
  await db.schema
    .createIndex('cases_shop_buyer_created_idx')
    .on('cases')
    .columns(['shop_id', 'buyer_email', 'created_at'])
    .execute()

  let items = db.schema
    .createTable('case_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('line_item_id', 'uuid', (c) => c.notNull().references('line_items.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
  for (const name of ['paid_minor', 'restocking_fee_minor', 'total_minor']) {
    items = items.addColumn(...money(name))
  }
  await items
    // Green return: the buyer keeps the item and nothing is shipped back.
    .addColumn('keep_item', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()
  await db.schema
    .createIndex('case_items_shop_line_item_idx')
    .on('case_items')
    .columns(['shop_id', 'line_item_id'])
    .execute()
  await db.schema.createIndex('case_items_case_idx').on('case_items').column('case_id').execute()

  // The case timeline: append-only, like policy versions (forbid_update comes from 0005).
  await db.schema
    .createTable('case_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull().check(sql`actor in ('buyer', 'staff', 'system')`))
    .addColumn('actor_staff_id', 'uuid', (c) => c.references('staff_users.id'))
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('case_events_case_created_idx')
    .on('case_events')
    .columns(['case_id', 'created_at'])
    .execute()
  await sql`
    create trigger case_events_no_update before update on case_events
    for each row execute function forbid_update()`.execute(db)

  // The outbox. Rows move pending → sending → sent | failed, so unlike the timeline they are updated.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('to_email', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.references('cases.id').onDelete('set null'))
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // NOTE: retried writers send the same key; the unique key makes the repeat a no-op.
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sending', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('send_after', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('notifications_shop_dedupe_key_unique', ['shop_id', 'dedupe_key'])
    .execute()
  await db.schema
    .createIndex('notifications_pending_send_after_idx')
    .on('notifications')
    .column('send_after')
    .where(sql.ref('status'), '=', 'pending')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('notifications').execute()
  await db.schema.dropTable('case_events').execute()
  await db.schema.dropTable('case_items').execute()
  await db.schema.dropTable('cases').execute()
  await db.schema.dropTable('case_counters').execute()
}
