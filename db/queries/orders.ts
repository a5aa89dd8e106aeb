import type { Kysely, Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Database } from '#db/client'
import type { ShippingAddress } from '#db/types'
import { prepareQuery } from './prepared'

/** What the lookup form compares against: never returned to the buyer. */
export function findOrderForLookup(db: Kysely<Database>, shopId: string, number: number) {
  return db
    .selectFrom('orders')
    .select(['id', 'email', 'postal_code_normalized'])
    .where('shop_id', '=', shopId)
    .where('number', '=', number)
    .executeTakeFirst()
}

/**
 * Everything the buyer's order page shows, and nothing more, in one round trip: the order, its shop, its
 * line items, and each shipment with its items and scans (newest first). Timestamps inside the JSON
 * arrays come back as ISO strings; shipment dates are turned back into Dates for the delay rules, scan
 * times stay strings (the page only displays them).
 */
const orderTrackingQuery = prepareQuery(
  'order_tracking',
  ['shopId', 'orderId'] as const,
  (db, { shopId, orderId }) =>
    db
      .selectFrom('orders as o')
      .innerJoin('shops as s', 's.id', 'o.shop_id')
      .where('o.shop_id', '=', shopId)
      .where('o.id', '=', orderId)
      .select([
        'o.id',
        'o.number',
        'o.customer_name',
        'o.placed_at',
        'o.promised_by',
        'o.shipping_address',
        'o.buyer_timezone',
        's.name as shop_name',
        's.brand_color',
        's.support_email',
        's.timezone as shop_timezone',
      ])
      .select((eb) => [
        eb
          .selectFrom('notice_settings as ns')
          .whereRef('ns.shop_id', '=', 'o.shop_id')
          .select('ns.settings')
          .as('notice_settings'),
        jsonArrayFrom(
          eb
            .selectFrom('line_items as li')
            .whereRef('li.order_id', '=', 'o.id')
            .where('li.shop_id', '=', shopId)
            .select(['li.id', 'li.title', 'li.variant_title', 'li.quantity', 'li.image_url'])
            .orderBy('li.position'),
        ).as('line_items'),
        jsonArrayFrom(
          eb
            .selectFrom('shipments as sh')
            .whereRef('sh.order_id', '=', 'o.id')
            .where('sh.shop_id', '=', shopId)
            // A return parcel is shown on its case's page, not among the order's deliveries.
            .where('sh.kind', '!=', 'return')
            .select([
              'sh.id',
              'sh.carrier',
              'sh.tracking_number',
              'sh.status',
              'sh.status_detail',
              'sh.shipped_at',
              'sh.promised_by',
              'sh.original_eta',
              'sh.current_eta',
              'sh.delivered_at',
              'sh.last_event_at',
              'sh.predicted_eta',
            ])
            .select((eb2) => [
              // A replacement parcel (exchange or reship) names its case.
              eb2
                .selectFrom('cases as rc')
                .whereRef('rc.id', '=', 'sh.case_id')
                .where('rc.shop_id', '=', shopId)
                .where('sh.kind', '=', 'replacement')
                .select('rc.number')
                .as('replacement_case_number'),
              jsonArrayFrom(
                eb2
                  .selectFrom('shipment_items as si')
                  .whereRef('si.shipment_id', '=', 'sh.id')
                  .where('si.shop_id', '=', shopId)
                  .select(['si.line_item_id', 'si.quantity']),
              ).as('items'),
              jsonArrayFrom(
                eb2
                  .selectFrom('tracking_events as te')
                  .whereRef('te.shipment_id', '=', 'sh.id')
                  .where('te.shop_id', '=', shopId)
                  .select([
                    'te.occurred_at',
                    'te.status',
                    'te.status_detail',
                    'te.description',
                    'te.location',
                  ])
                  .orderBy('te.occurred_at', 'desc'),
              ).as('events'),
            ])
            .orderBy('sh.shipped_at')
            .orderBy('sh.id'),
        ).as('shipments'),
        jsonArrayFrom(
          eb
            .selectFrom('cases as c')
            .whereRef('c.order_id', '=', 'o.id')
            .where('c.shop_id', '=', shopId)
            .select(['c.number', 'c.kind', 'c.complaint_kind', 'c.state', 'c.created_at'])
            .orderBy('c.created_at', 'desc')
            .orderBy('c.number', 'desc'),
        ).as('cases'),
      ]),
)

export async function findOrderTrackingData(db: Kysely<Database>, shopId: string, orderId: string) {
  const [row] = await orderTrackingQuery(db, { shopId, orderId })
  if (!row) return undefined
  const date = (v: unknown) => (v == null ? null : new Date(v as string))
  return {
    ...row,
    shipments: row.shipments.map((s) => ({
      ...s,
      shipped_at: date(s.shipped_at)!,
      promised_by: date(s.promised_by),
      original_eta: date(s.original_eta),
      current_eta: date(s.current_eta),
      delivered_at: date(s.delivered_at),
      last_event_at: date(s.last_event_at),
      predicted_eta: date(s.predicted_eta),
      events: s.events as unknown as {
        occurred_at: string
        status: string
        status_detail: string | null
        description: string
        location: string | null
      }[],
    })),
  }
}
export type OrderTrackingData = NonNullable<Awaited<ReturnType<typeof findOrderTrackingData>>>

export interface NewOrder {
  shopId: string
  number: number
  email: string
  customerName: string
  locale: 'en' | 'ru' | 'pl' | null
  currency: string
  subtotalMinor: number
  discountMinor: number
  shippingMinor: number
  taxMinor: number
  taxesIncluded: boolean
  totalMinor: number
  financialStatus: 'pending' | 'paid' | 'partially_refunded' | 'refunded'
  fulfillmentStatus: 'unfulfilled' | 'partial' | 'fulfilled'
  shippingAddress: ShippingAddress
  postalCodeNormalized: string
  buyerTimezone: string
  promisedBy: Date | null
  placedAt: Date
  shopifyOrderGid?: string | null
  /** The payment a refund goes back to (a Stripe PaymentIntent id), when known. */
  paymentReference?: string | null
}

export interface NewLineItem {
  position: number
  sku: string | null
  title: string
  variantTitle: string | null
  productType: string | null
  productTags: string[]
  imageUrl: string | null
  quantity: number
  unitPriceMinor: number
  discountMinor: number
  taxMinor: number
  /** The product and variant the line was bought as (what an exchange swaps it within). */
  productKey?: string | null
  variantId?: string | null
}

/** Inserts an order and its line items: two statements, so it takes the caller's transaction. */
export async function insertOrderWithItems(db: Transaction<Database>, order: NewOrder, items: NewLineItem[]) {
  const { id } = await db
    .insertInto('orders')
    .values({
      shop_id: order.shopId,
      shopify_order_gid: order.shopifyOrderGid ?? null,
      payment_reference: order.paymentReference ?? null,
      number: order.number,
      email: order.email,
      customer_name: order.customerName,
      locale: order.locale,
      currency: order.currency,
      subtotal_minor: order.subtotalMinor,
      discount_minor: order.discountMinor,
      shipping_minor: order.shippingMinor,
      tax_minor: order.taxMinor,
      taxes_included: order.taxesIncluded,
      total_minor: order.totalMinor,
      financial_status: order.financialStatus,
      fulfillment_status: order.fulfillmentStatus,
      shipping_address: order.shippingAddress,
      postal_code_normalized: order.postalCodeNormalized,
      buyer_timezone: order.buyerTimezone,
      promised_by: order.promisedBy,
      placed_at: order.placedAt,
      created_at: order.placedAt,
      updated_at: order.placedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const lineItems = items.length
    ? await db
        .insertInto('line_items')
        .values(
          items.map((li) => ({
            shop_id: order.shopId,
            order_id: id,
            position: li.position,
            sku: li.sku,
            title: li.title,
            variant_title: li.variantTitle,
            product_type: li.productType,
            product_tags: li.productTags,
            image_url: li.imageUrl,
            quantity: li.quantity,
            unit_price_minor: li.unitPriceMinor,
            discount_minor: li.discountMinor,
            tax_minor: li.taxMinor,
            product_key: li.productKey ?? null,
            variant_id: li.variantId ?? null,
          })),
        )
        .returning(['id', 'position'])
        .execute()
    : []
  return { id, lineItems }
}

/** The newest orders with their parcel count and the states of their parcels. */
export function listRecentOrders(db: Kysely<Database>, q: { shopId: string; limit: number }) {
  return db
    .selectFrom('orders as o')
    .leftJoin('shipments as s', (j) =>
      j.onRef('s.order_id', '=', 'o.id').on('s.shop_id', '=', q.shopId).on('s.kind', '!=', 'return'),
    )
    .select((eb) => [
      'o.id',
      'o.number',
      'o.customer_name',
      'o.email',
      'o.locale',
      'o.currency',
      'o.total_minor',
      'o.placed_at',
      'o.fulfillment_status',
      eb.fn.count<number>('s.id').as('parcels'),
      eb.fn
        .agg<string[]>('array_remove', [eb.fn.agg('array_agg', ['s.delay_level']), eb.val(null)])
        .as('levels'),
    ])
    .where('o.shop_id', '=', q.shopId)
    .groupBy('o.id')
    .orderBy('o.placed_at', 'desc')
    .limit(q.limit)
    .execute()
}

export async function countOrders(db: Kysely<Database>, shopId: string): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shop_id', '=', shopId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
