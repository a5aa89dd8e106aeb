import { type Kysely, sql } from 'kysely'

// Failed lookups and logins, counted in a sliding window. In the database (not in memory) so that
// several stateless web servers share one count.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('rate_limit_hits_lookup_idx')
    .on('rate_limit_hits')
    .columns(['shop_id', 'bucket', 'key', 'created_at'])
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('rate_limit_hits').execute()
}
