// A replacement parcel (exchange or reship) as the sandbox fulfils it: the new items added to the order
// as line items marked with their case (as Shopify records an exchange), and one shipment of kind
// 'replacement' tied to the case carrying them.
import { sql, type Transaction } from 'kysely'
import type { Database } from '#db/client'

/** The case's replacement parcel, if it was already made (a retried job finds it here). */
export function findReplacementShipment(trx: Transaction<Database>, shopId: string, caseId: string) {
  return trx
    .selectFrom('shipments')
    .select(['id', 'carrier', 'tracking_number'])
    .where('shop_id', '=', shopId)
    .where('case_id', '=', caseId)
    .where('kind', '=', 'replacement')
    .executeTakeFirst()
}

export interface ReplacementLine {
  caseItemId: string
  lineItemId: string
  quantity: number
  title: string
  variantTitle: string | null
  sku: string | null
  productKey: string | null
  variantId: string | null
  unitPriceMinor: number
  productType: string | null
  imageUrl: string | null
}

/**
 * What the case's replacement carries, one round trip: per case item, the variant chosen for an exchange
 * (or, for a reship, the line as bought), the order, the carrier of its first parcel and the next free
 * line position.
 */
export async function findReplacementContext(trx: Transaction<Database>, shopId: string, caseId: string) {
  const { rows } = await sql<{
    order_id: string
    resolution: string | null
    carrier: string | null
    next_position: number
    items: ReplacementLine[]
  }>`
    select c.order_id, c.resolution,
      (select s.carrier from shipments s
        where s.shop_id = ${shopId} and s.order_id = c.order_id and s.kind = 'order'
        order by s.shipped_at nulls last, s.created_at limit 1) as carrier,
      (select coalesce(max(li.position), -1) + 1 from line_items li
        where li.shop_id = ${shopId} and li.order_id = c.order_id)::int as next_position,
      coalesce((
        select json_agg(json_build_object(
          'caseItemId', ci.id,
          'lineItemId', li.id,
          'quantity', ci.quantity,
          'title', coalesce(pv.product_title, li.title),
          'variantTitle', coalesce(pv.variant_title, li.variant_title),
          'sku', coalesce(pv.sku, li.sku),
          'productKey', coalesce(pv.product_key, li.product_key),
          'variantId', coalesce(pv.id, li.variant_id),
          'unitPriceMinor', coalesce(pv.price_minor, li.unit_price_minor),
          'productType', li.product_type,
          'imageUrl', li.image_url
        ) order by li.position)
        from case_items ci
        join line_items li on li.id = ci.line_item_id and li.shop_id = ${shopId}
        left join product_variants pv on pv.shop_id = ${shopId}
          and pv.id = case c.resolution when 'exchange' then ci.exchange_variant_id else li.variant_id end
        where ci.shop_id = ${shopId} and ci.case_id = c.id
      ), '[]'::json) as items
    from cases c
    where c.shop_id = ${shopId} and c.id = ${caseId}`.execute(trx)
  return rows[0]
}

/** The replacement's items join the order as new lines marked with their case. Returns their ids. */
export async function insertReplacementLines(
  trx: Transaction<Database>,
  r: {
    shopId: string
    orderId: string
    caseId: string
    firstPosition: number
    lines: readonly ReplacementLine[]
  },
) {
  if (r.lines.length === 0) return []
  return trx
    .insertInto('line_items')
    .values(
      r.lines.map((l, i) => ({
        shop_id: r.shopId,
        order_id: r.orderId,
        position: r.firstPosition + i,
        sku: l.sku,
        title: l.title,
        variant_title: l.variantTitle,
        product_type: l.productType,
        image_url: l.imageUrl,
        quantity: l.quantity,
        unit_price_minor: l.unitPriceMinor,
        product_key: l.productKey,
        variant_id: l.variantId,
        exchange_case_id: r.caseId,
      })),
    )
    .returning(['id', 'position'])
    .execute()
}
