import { type Kysely, sql } from 'kysely'

// Provider webhooks are delivered at least once: each delivery is recorded by the provider's own id, so
// the second copy of an event is recognised and answered without doing anything again. Shipments also
// remember the provider's tracker, which is how a webhook finds its shop and how a missed one is fetched.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Null when the delivery could not be tied to a shop (a tracker we do not know): it is still
    // recorded, so its redelivery is a no-op too.
    .addColumn('shop_id', 'uuid', (c) => c.references('shops.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addUniqueConstraint('webhook_deliveries_provider_delivery_unique', ['provider', 'delivery_id'])
    .execute()
  await db.schema
    .createIndex('webhook_deliveries_shop_received_idx')
    .on('webhook_deliveries')
    .columns(['shop_id', 'received_at'])
    .execute()

  await db.schema.alterTable('shipments').addColumn('external_tracker_id', 'text').execute()
  await db.schema
    .createIndex('shipments_external_tracker_idx')
    .on('shipments')
    .column('external_tracker_id')
    .where(sql.ref('external_tracker_id'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('shipments_external_tracker_idx').execute()
  await db.schema.alterTable('shipments').dropColumn('external_tracker_id').execute()
  await db.schema.dropTable('webhook_deliveries').execute()
}
