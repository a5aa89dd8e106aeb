import type { Kysely } from 'kysely'
import type { Database } from '#db/client'

// Webhook deliveries are keyed by the provider's own delivery id. They are looked up before the shop is
// known (the delivery is how we learn it), so these two functions take the provider and its id instead
// of a shop id; the row still records the shop once it is found.

export async function webhookDeliveryExists(
  db: Kysely<Database>,
  q: { provider: string; deliveryId: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('provider', '=', q.provider)
    .where('delivery_id', '=', q.deliveryId)
    .executeTakeFirst()
  return row !== undefined
}

/** Records a delivery; false when the same delivery was recorded already (a concurrent copy). */
export async function recordWebhookDelivery(
  db: Kysely<Database>,
  d: { shopId: string | null; provider: string; deliveryId: string; payload: unknown; receivedAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('webhook_deliveries')
    .values({
      shop_id: d.shopId,
      provider: d.provider,
      delivery_id: d.deliveryId,
      payload: JSON.stringify(d.payload),
      received_at: d.receivedAt,
    })
    .onConflict((oc) => oc.columns(['provider', 'delivery_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}

/** A shop's recorded deliveries, newest first (support and tests). */
export function listWebhookDeliveries(db: Kysely<Database>, q: { shopId: string; provider: string }) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'delivery_id', 'received_at', 'payload'])
    .where('shop_id', '=', q.shopId)
    .where('provider', '=', q.provider)
    .orderBy('received_at', 'desc')
    .execute()
}
