import type { Kysely } from 'kysely'
import type { Database } from '#db/client'

/** Per key: how many hits since `since`, and the oldest one (when the window frees up). */
export async function countRecentHits(
  db: Kysely<Database>,
  q: { shopId: string; bucket: string; keys: string[]; since: Date },
): Promise<Map<string, { count: number; oldest: Date }>> {
  if (q.keys.length === 0) return new Map()
  const rows = await db
    .selectFrom('rate_limit_hits')
    .select((eb) => ['key', eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('shop_id', '=', q.shopId)
    .where('bucket', '=', q.bucket)
    .where('key', 'in', q.keys)
    .where('created_at', '>', q.since)
    .groupBy('key')
    .execute()
  return new Map(rows.map((r) => [r.key, { count: Number(r.count), oldest: new Date(r.oldest) }]))
}

export async function insertHits(
  db: Kysely<Database>,
  h: { shopId: string; bucket: string; keys: string[]; at: Date },
) {
  if (h.keys.length === 0) return
  await db
    .insertInto('rate_limit_hits')
    .values(h.keys.map((key) => ({ shop_id: h.shopId, bucket: h.bucket, key, created_at: h.at })))
    .execute()
}

/** Forget hits older than the longest window; keeps the table small. */
export async function deleteHitsBefore(db: Kysely<Database>, shopId: string, before: Date) {
  await db
    .deleteFrom('rate_limit_hits')
    .where('shop_id', '=', shopId)
    .where('created_at', '<', before)
    .execute()
}
