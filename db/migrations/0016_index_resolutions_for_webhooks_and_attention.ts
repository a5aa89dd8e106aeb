import { type Kysely, sql } from 'kysely'

// Stripe's refund webhooks name the refund, not the shop: the webhook finds its resolution by the
// provider's id (the one lookup that cannot start from a shop; the shop then comes from the row found).
// The support queue flags cases whose resolution failed or disagrees with the provider: a small partial
// index keeps that lookup cheap however many resolutions a shop has issued.
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await db.schema
    .createIndex('resolutions_provider_id_idx')
    .on('resolutions')
    .columns(['provider', 'provider_id'])
    .where(sql.ref('provider_id'), 'is not', null)
    .execute()
  await sql`create index resolutions_attention_idx on resolutions (shop_id, case_id)
    where status = 'failed' or reconcile_mismatch is not null`.execute(db)
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('resolutions_attention_idx').execute()
  await db.schema.dropIndex('resolutions_provider_id_idx').execute()
}
