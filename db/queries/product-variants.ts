// Product variants and their stock: what an exchange may be swapped for, and the units a replacement
// holds from approval until it ships. `inventory_reserved` never exceeds `inventory_available`: a
// reservation locks the variant rows (in id order, so two approvals never deadlock), checks every one,
// and only then adds to them, so it is all or nothing. Shipping a replacement consumes its reservation
// (reserved and available both go down); a case that ends before it shipped gives it back.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '#db/client'

export interface StockNeed {
  variantId: string
  quantity: number
}

/** A variant the buyer may exchange a line for (same shop, product and currency; in stock). */
export interface ExchangeOption {
  lineItemId: string
  variantId: string
  variantTitle: string
  priceMinor: number
  currency: string
}

/**
 * For each line of the order that names its product, the other variants of that product in the order's
 * currency with at least one unit free, in shop order. One round trip.
 */
export async function listExchangeOptions(
  db: Kysely<Database>,
  q: { shopId: string; orderId: string; currency: string },
): Promise<ExchangeOption[]> {
  const rows = await db
    .selectFrom('line_items as li')
    .innerJoin('product_variants as pv', (j) =>
      j
        .onRef('pv.product_key', '=', 'li.product_key')
        .on('pv.shop_id', '=', q.shopId)
        .on('pv.currency', '=', q.currency),
    )
    .where('li.shop_id', '=', q.shopId)
    .where('li.order_id', '=', q.orderId)
    .where('li.exchange_case_id', 'is', null)
    .where((eb) => eb.or([eb('li.variant_id', 'is', null), eb('pv.id', '!=', eb.ref('li.variant_id'))]))
    .where(sql<boolean>`pv.inventory_available - pv.inventory_reserved > 0`)
    .select([
      'li.id as lineItemId',
      'pv.id as variantId',
      'pv.variant_title as variantTitle',
      'pv.price_minor as priceMinor',
      'pv.currency',
    ])
    .orderBy('li.position')
    .orderBy('pv.position')
    .orderBy('pv.variant_title')
    .execute()
  return rows
}

/** The variants named, as a case's validation needs them (unknown ids and other shops are absent). */
export function findVariants(db: Kysely<Database>, shopId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('product_variants')
    .select([
      'id',
      'product_key',
      'product_title',
      'variant_title',
      'sku',
      'price_minor',
      'currency',
      'inventory_available',
      'inventory_reserved',
    ])
    .where('shop_id', '=', shopId)
    .where('id', 'in', ids)
    .execute()
}

/**
 * What a replacement of this case ships, per variant: the chosen variant of each exchanged item, or for a
 * reship the variant the line was bought as. Empty for any other case.
 */
export async function caseStockNeeds(
  db: Kysely<Database> | Transaction<Database>,
  shopId: string,
  caseId: string,
): Promise<StockNeed[]> {
  const { rows } = await sql<{ variant_id: string; quantity: number }>`
    select v.variant_id, sum(v.quantity)::int as quantity
    from (
      select case c.resolution when 'exchange' then ci.exchange_variant_id when 'reship' then li.variant_id end
          as variant_id,
        ci.quantity
      from case_items ci
      join cases c on c.id = ci.case_id and c.shop_id = ${shopId}
      join line_items li on li.id = ci.line_item_id and li.shop_id = ${shopId}
      where ci.shop_id = ${shopId} and ci.case_id = ${caseId}
    ) v
    where v.variant_id is not null
    group by v.variant_id
    order by v.variant_id`.execute(db)
  return rows.map((r) => ({ variantId: r.variant_id, quantity: r.quantity }))
}

export type ReserveResult =
  { ok: true } | { ok: false; short: { variantId: string; title: string; free: number; wanted: number }[] }

/**
 * Reserves every need or none: the rows are locked first (id order), then checked, then updated. The
 * update repeats the check, so reserved never passes available even if a caller skipped the lock.
 */
export async function reserveStock(
  trx: Transaction<Database>,
  shopId: string,
  needs: readonly StockNeed[],
  at: Date,
): Promise<ReserveResult> {
  if (needs.length === 0) return { ok: true }
  const ids = [...new Set(needs.map((n) => n.variantId))].sort()
  const rows = await trx
    .selectFrom('product_variants')
    .select(['id', 'product_title', 'variant_title', 'inventory_available', 'inventory_reserved'])
    .where('shop_id', '=', shopId)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  const short: Extract<ReserveResult, { ok: false }>['short'] = []
  for (const n of needs) {
    const v = byId.get(n.variantId)
    const free = v ? v.inventory_available - v.inventory_reserved : 0
    if (free < n.quantity) {
      short.push({
        variantId: n.variantId,
        title: v ? `${v.product_title} (${v.variant_title})` : 'an item no longer sold',
        free: Math.max(free, 0),
        wanted: n.quantity,
      })
    }
  }
  if (short.length > 0) return { ok: false, short }
  const updated = await sql<{ id: string }>`
    update product_variants pv
    set inventory_reserved = pv.inventory_reserved + n.quantity, updated_at = ${at}
    from jsonb_to_recordset(${JSON.stringify(needs)}::jsonb) as n("variantId" uuid, quantity int)
    where pv.shop_id = ${shopId} and pv.id = n."variantId"
      and pv.inventory_available - pv.inventory_reserved >= n.quantity
    returning pv.id`.execute(trx)
  if (updated.rows.length !== needs.length) {
    // Cannot happen under the locks above; refusing loudly rolls the whole transaction back.
    throw new Error('Stock changed while it was being reserved')
  }
  return { ok: true }
}

/** Gives back what a case reserved (it ended before its replacement shipped). */
export async function releaseStock(
  trx: Transaction<Database>,
  shopId: string,
  needs: readonly StockNeed[],
  at: Date,
) {
  if (needs.length === 0) return
  await sql`
    update product_variants pv
    set inventory_reserved = greatest(pv.inventory_reserved - n.quantity, 0), updated_at = ${at}
    from jsonb_to_recordset(${JSON.stringify(needs)}::jsonb) as n("variantId" uuid, quantity int)
    where pv.shop_id = ${shopId} and pv.id = n."variantId"`.execute(trx)
}

/** The replacement left the warehouse: its reserved units are gone from stock. */
export async function consumeStock(
  trx: Transaction<Database>,
  shopId: string,
  needs: readonly StockNeed[],
  at: Date,
) {
  if (needs.length === 0) return
  await sql`
    update product_variants pv
    set inventory_reserved = greatest(pv.inventory_reserved - n.quantity, 0),
      inventory_available = pv.inventory_available - n.quantity,
      updated_at = ${at}
    from jsonb_to_recordset(${JSON.stringify(needs)}::jsonb) as n("variantId" uuid, quantity int)
    where pv.shop_id = ${shopId} and pv.id = n."variantId"`.execute(trx)
}

/** The demo seed's (and tests') variants, in one statement. Returns ids by product key and title. */
export async function insertVariants(
  trx: Transaction<Database> | Kysely<Database>,
  shopId: string,
  variants: readonly {
    productKey: string
    productTitle: string
    variantTitle: string
    sku: string | null
    priceMinor: number
    currency: string
    inventoryAvailable: number
    position: number
  }[],
) {
  if (variants.length === 0) return []
  return trx
    .insertInto('product_variants')
    .values(
      variants.map((v) => ({
        shop_id: shopId,
        product_key: v.productKey,
        product_title: v.productTitle,
        variant_title: v.variantTitle,
        sku: v.sku,
        price_minor: v.priceMinor,
        currency: v.currency,
        inventory_available: v.inventoryAvailable,
        position: v.position,
      })),
    )
    .returning(['id', 'product_key', 'variant_title', 'currency'])
    .execute()
}

/** Ties a line to its product and variant (the seed; Shopify sync later). */
export async function linkLineItemVariant(
  trx: Transaction<Database>,
  r: { shopId: string; lineItemId: string; productKey: string; variantId: string | null },
) {
  await trx
    .updateTable('line_items')
    .set({ product_key: r.productKey, variant_id: r.variantId })
    .where('shop_id', '=', r.shopId)
    .where('id', '=', r.lineItemId)
    .execute()
}
