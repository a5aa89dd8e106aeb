import { type Kysely, sql } from 'kysely'

// Money owed to a buyer once a case is approved: a refund, store credit or a coupon, issued by a job
// through the payments provider. One row per case and kind (approving twice plans it once); the
// idempotency key (`case:<caseId>:<kind>`) goes with every provider call, so a retried job never pays
// twice. `sandbox_ledger` is the sandbox provider's own book of what it "paid", keyed the same way.
// Orders carry the payment a refund goes back to (a Stripe PaymentIntent id).
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('resolutions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('refund', 'store_credit', 'coupon')`))
    .addColumn('amount_minor', 'integer', (c) => c.notNull().check(sql`amount_minor > 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'succeeded', 'failed')`),
    )
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('provider', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('code', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('resolutions_shop_idempotency_key_unique', ['shop_id', 'idempotency_key'])
    .addUniqueConstraint('resolutions_case_kind_unique', ['case_id', 'kind'])
    .execute()
  await db.schema
    .createIndex('resolutions_shop_status_idx')
    .on('resolutions')
    .columns(['shop_id', 'status', 'created_at'])
    .execute()

  await db.schema
    .createTable('sandbox_ledger')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('refund', 'store_credit', 'coupon')`))
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('sandbox_ledger_shop_idx').on('sandbox_ledger').column('shop_id').execute()

  await db.schema.alterTable('orders').addColumn('payment_reference', 'text').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('orders').dropColumn('payment_reference').execute()
  await db.schema.dropTable('sandbox_ledger').execute()
  await db.schema.dropTable('resolutions').execute()
}
