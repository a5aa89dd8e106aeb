// What a buyer wants to hear about, per shop and lowercased email. No row means the defaults (all on).
import type { Kysely } from 'kysely'
import type { Database } from '#db/client'

export async function findBuyerPreferences(db: Kysely<Database>, shopId: string, email: string) {
  return db
    .selectFrom('buyer_preferences')
    .select(['delivery_updates', 'updated_at'])
    .where('shop_id', '=', shopId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst()
}

export async function upsertBuyerPreferences(
  db: Kysely<Database>,
  p: { shopId: string; email: string; deliveryUpdates: boolean; at: Date },
) {
  await db
    .insertInto('buyer_preferences')
    .values({
      shop_id: p.shopId,
      email: p.email.toLowerCase(),
      delivery_updates: p.deliveryUpdates,
      updated_at: p.at,
    })
    .onConflict((oc) =>
      oc.columns(['shop_id', 'email']).doUpdateSet({ delivery_updates: p.deliveryUpdates, updated_at: p.at }),
    )
    .execute()
}
