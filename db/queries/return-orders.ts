import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Database } from '#db/client'
import type { ReturnOrder } from '#app/domain/policy/evaluate-eligibility'

/**
 * One order as the return rules see it, in one round trip, found by id (the wizard) or by number (the
 * policy page's "try it"): its line items (in checkout order) and two dates taken from its shipments.
 * `fulfilled_at` is the earliest `shipped_at`: the order counts as fulfilled from its first parcel.
 * `delivered_at` is the latest `delivered_at`, but only when every shipment has one: a window counted
 * from delivery must not start while part of the order is still on its way, so until then the policy's
 * fallback (fulfilment or order date) applies.
 */
export async function findOrderForReturn(
  db: Kysely<Database>,
  shopId: string,
  by: { orderId: string } | { orderNumber: number },
) {
  const row = await db
    .selectFrom('orders as o')
    .where('o.shop_id', '=', shopId)
    .$call((q) =>
      'orderId' in by ? q.where('o.id', '=', by.orderId) : q.where('o.number', '=', by.orderNumber),
    )
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
            'li.title',
            'li.variant_title',
            'li.image_url',
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
export type OrderForReturn = NonNullable<Awaited<ReturnType<typeof findOrderForReturn>>>

/** The order in the shape the return rules take; what other cases already hold is the caller's to add. */
export function toReturnOrder(
  row: OrderForReturn,
  extra: Pick<ReturnOrder, 'email' | 'returnsOnThisOrder' | 'alreadyReturnedQty'>,
): ReturnOrder {
  return {
    placedAt: row.placed_at,
    fulfilledAt: row.fulfilled_at,
    deliveredAt: row.delivered_at,
    currency: row.currency,
    discountMinor: row.discount_minor,
    items: row.line_items.map((li) => ({
      lineItemId: li.id,
      sku: li.sku,
      productType: li.product_type,
      tags: li.product_tags,
      quantity: li.quantity,
      unitPriceMinor: li.unit_price_minor,
      lineDiscountMinor: li.discount_minor,
      taxMinor: li.tax_minor,
      taxesIncluded: row.taxes_included,
    })),
    ...extra,
  }
}
