import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
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
  const row = await selectOrderForReturn(db, shopId)
    .$call((q) =>
      'orderId' in by ? q.where('o.id', '=', by.orderId) : q.where('o.number', '=', by.orderNumber),
    )
    .executeTakeFirst()
  return row ? withDates(row) : undefined
}

/** The order, its line items and its two shipment dates, as one select to filter and extend. */
function selectOrderForReturn(db: Kysely<Database>, shopId: string) {
  return db
    .selectFrom('orders as o')
    .where('o.shop_id', '=', shopId)
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
            // What an exchange may swap the line for: other variants of its product.
            'li.product_key',
            'li.variant_id',
          ])
          .orderBy('li.position'),
      ).as('line_items'),
      eb
        .selectFrom('shipments as sh')
        .whereRef('sh.order_id', '=', 'o.id')
        .where('sh.shop_id', '=', shopId)
        .where('sh.kind', '!=', 'return')
        .select(sql<Date | null>`min(sh.shipped_at)`.as('v'))
        .as('fulfilled_at'),
      eb
        .selectFrom('shipments as sh')
        .whereRef('sh.order_id', '=', 'o.id')
        .where('sh.shop_id', '=', shopId)
        .where('sh.kind', '!=', 'return')
        .select(
          sql<Date | null>`case when count(*) > 0 and count(*) = count(sh.delivered_at) then max(sh.delivered_at) end`.as(
            'v',
          ),
        )
        .as('delivered_at'),
    ])
}

function withDates<R extends { fulfilled_at: Date | string | null; delivered_at: Date | string | null }>(
  row: R,
) {
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

/** States whose units no longer count as "being returned": the buyer may return them again. */
const RELEASED_STATES = ['rejected', 'canceled'] as const

/**
 * Everything the return rules need about an order, in one round trip: the order as `findOrderForReturn`
 * reads it, the units of each line already in a standing case, how many return cases the order has (not
 * counting canceled ones), the policy version in force, and, when asked, the case already opened with an
 * idempotency key, a wizard draft with its photo counts per line (key '' for photos of no line), and the
 * buyer's return cases since a moment (for auto-approval).
 */
export async function findReturnContext(
  db: Kysely<Database>,
  shopId: string,
  q: { orderId: string; idempotencyKey?: string; draftId?: string; buyerEmail?: string; since?: Date },
) {
  const none = '00000000-0000-0000-0000-000000000000'
  const row = await selectOrderForReturn(db, shopId)
    .where('o.id', '=', q.orderId)
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('case_items as ci')
          .innerJoin('cases as c', 'c.id', 'ci.case_id')
          .whereRef('c.order_id', '=', 'o.id')
          .where('ci.shop_id', '=', shopId)
          .where('c.shop_id', '=', shopId)
          .where('c.state', 'not in', RELEASED_STATES)
          .groupBy('ci.line_item_id')
          .select(['ci.line_item_id', sql<number>`sum(ci.quantity)::int`.as('quantity')]),
      ).as('returned'),
      eb
        .selectFrom('cases as c')
        .whereRef('c.order_id', '=', 'o.id')
        .where('c.shop_id', '=', shopId)
        .where('c.kind', '=', 'return')
        .where('c.state', '!=', 'canceled')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('returns_on_order'),
      jsonObjectFrom(
        eb
          .selectFrom('return_policies as p')
          .where('p.shop_id', '=', shopId)
          .select(['p.id', 'p.version', 'p.rules', 'p.playbook'])
          .orderBy('p.version', 'desc')
          .limit(1),
      ).as('policy'),
      jsonObjectFrom(
        eb
          .selectFrom('cases as c')
          .where('c.shop_id', '=', shopId)
          .where('c.idempotency_key', '=', q.idempotencyKey ?? '')
          .select(['c.id', 'c.number', 'c.order_id', 'c.state', 'c.auto_approved']),
      ).as('existing'),
      jsonObjectFrom(
        eb
          .selectFrom('wizard_drafts as d')
          .where('d.shop_id', '=', shopId)
          .where('d.id', '=', q.draftId ?? none)
          .select(['d.id', 'd.order_id', 'd.kind', 'd.case_id', 'd.answers']),
      ).as('draft'),
      jsonArrayFrom(
        eb
          .selectFrom('photos as ph')
          .where('ph.shop_id', '=', shopId)
          .where('ph.draft_id', '=', q.draftId ?? none)
          .where('ph.case_id', 'is', null)
          .groupBy('ph.line_item_id')
          .select(['ph.line_item_id', sql<number>`count(*)::int`.as('n')]),
      ).as('draft_photos'),
      eb
        .selectFrom('cases as c')
        .where('c.shop_id', '=', shopId)
        .where('c.buyer_email', '=', (q.buyerEmail ?? '').trim().toLowerCase())
        .where('c.kind', '=', 'return')
        .where('c.created_at', '>=', q.since ?? new Date(0))
        .select(sql<number>`count(*)::int`.as('n'))
        .as('buyer_returns'),
    ])
    .executeTakeFirst()
  if (!row) return undefined
  const { returned, returns_on_order, policy, existing, draft, draft_photos, buyer_returns, ...order } = row
  return {
    order: withDates(order),
    alreadyReturnedQty: Object.fromEntries(returned.map((r) => [r.line_item_id, r.quantity])),
    returnsOnThisOrder: returns_on_order ?? 0,
    policy,
    existing,
    draft,
    draftPhotos: Object.fromEntries(draft_photos.map((p) => [p.line_item_id ?? '', p.n])),
    buyerReturns: buyer_returns ?? 0,
  }
}
