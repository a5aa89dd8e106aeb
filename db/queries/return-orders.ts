import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Database } from '#db/client'

/**
 * One order as the return rules see it, by id, in one round trip: its line items (in checkout order) and
 * two dates taken from its shipments, with the same meaning as in `findOrderForPolicyPreview`:
 * `fulfilled_at` is the first `shipped_at`, `delivered_at` the last `delivered_at` once every shipment has one.
 */
export async function findOrderForReturn(db: Kysely<Database>, shopId: string, orderId: string) {
  const row = await db
    .selectFrom('orders as o')
    .where('o.shop_id', '=', shopId)
    .where('o.id', '=', orderId)
    .select([
      'o.id',
      'o.number',
      'o.email',
      'o.currency',
      'o.discount_minor',
      'o.taxes_included',
      'o.placed_at',
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('line_items as li')
          .whereRef('li.order_id', '=', 'o.id')
          .where('li.shop_id', '=', shopId)
          .select([
            'li.id',
            'li.sku',
            'li.product_type',
            'li.product_tags',
            'li.quantity',
            'li.unit_price_minor',
            'li.discount_minor',
            'li.tax_minor',
          ])
          .orderBy('li.position'),
      ).as('line_items'),
      eb
        .selectFrom('shipments as sh')
        .whereRef('sh.order_id', '=', 'o.id')
        .where('sh.shop_id', '=', shopId)
        .select(sql<Date | null>`min(sh.shipped_at)`.as('v'))
        .as('fulfilled_at'),
      eb
        .selectFrom('shipments as sh')
        .whereRef('sh.order_id', '=', 'o.id')
        .where('sh.shop_id', '=', shopId)
        .select(
          sql<Date | null>`case when count(*) > 0 and count(*) = count(sh.delivered_at) then max(sh.delivered_at) end`.as(
            'v',
          ),
        )
        .as('delivered_at'),
    ])
    .executeTakeFirst()
  if (!row) return undefined
  const date = (v: Date | string | null) => (v === null ? null : new Date(v))
  return { ...row, fulfilled_at: date(row.fulfilled_at), delivered_at: date(row.delivered_at) }
}
