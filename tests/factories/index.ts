// DB row builders for integration tests. Each builder goes through the same db/queries functions the app
// uses, fills every column with a plausible default, and returns what tests need to refer back to the rows.
import { normalizePostalCode } from '#app/domain/orders/order-number'
import { isCarrierCode, type CarrierCode } from '#app/domain/tracking/carriers'
import type { ExceptionReason, TrackingStatus } from '#app/domain/tracking/status'
import { hashPassword } from '#app/services/auth/password.server'
import { db } from '#db/client'
import { insertOrderWithItems, type NewLineItem, type NewOrder } from '#db/queries/orders'
import { insertShipment } from '#db/queries/shipments'
import { insertShop, type NewShop } from '#db/queries/shops'
import { insertStaff } from '#db/queries/staff'
import type { CarrierEvent } from '#integrations/carriers/carrier'
import { generateTrackingNumber } from '#integrations/carriers/formats'

// Per worker process; tables are truncated between tests, so a counter is enough for unique values.
let seq = 0
const next = () => ++seq

export type ShopInput = Required<NewShop>

export type TestShop = ShopInput & { id: string }

export async function createShop(overrides: Partial<ShopInput> = {}): Promise<TestShop> {
  const n = next()
  const input: ShopInput = {
    slug: `test-shop-${n}`,
    name: `Test Shop ${n}`,
    supportEmail: `help@shop-${n}.example`,
    defaultLocale: 'en',
    timezone: 'UTC',
    currency: 'EUR',
    brandColor: '#1f6f5c',
    portalHost: `shop-${n}.homebound.test`,
    shopifyDomain: null,
    // Return labels need somewhere to go: a warehouse in the same country as the factory's buyers.
    returnAddress: {
      name: `Test Shop ${n} Returns`,
      line1: '417 Montgomery Street',
      city: 'San Francisco',
      region: 'CA',
      postalCode: '94104',
      countryCode: 'US',
      phone: '4153334445',
    },
    labelCarriers: [],
    ...overrides,
  }
  const { id } = await insertShop(db, input)
  return { id, ...input }
}

export const DEFAULT_STAFF_PASSWORD = 'correct horse battery staple'

export async function createStaff(input: {
  shopId: string
  role: 'admin' | 'agent'
  email?: string
  password?: string
  name?: string
}) {
  const n = next()
  const email = (input.email ?? `${input.role}-${n}@staff.example`).toLowerCase()
  const password = input.password ?? DEFAULT_STAFF_PASSWORD
  const { id } = await insertStaff(db, {
    shopId: input.shopId,
    email,
    name: input.name ?? `Staff ${n}`,
    role: input.role,
    passwordHash: await hashPassword(password),
  })
  return { id, shopId: input.shopId, role: input.role, email, password }
}

export interface ItemInput {
  title?: string
  quantity?: number
  unitPriceMinor?: number
  sku?: string | null
  productTags?: string[]
  /** The product and variant the line was bought as (exchanges swap within the product). */
  productKey?: string | null
  variantId?: string | null
  variantTitle?: string | null
}

export async function createOrder(input: {
  shopId: string
  number?: number
  email?: string
  /** As the buyer typed it at checkout (e.g. "00-950"); the normalized form is stored beside it. */
  postalCode?: string
  countryCode?: string
  items?: ItemInput[]
  placedAt?: Date
  promisedBy?: Date | null
  paymentReference?: string | null
  fulfillmentStatus?: NewOrder['fulfillmentStatus']
  customerName?: string
  currency?: string
}) {
  const n = next()
  const number = input.number ?? 1000 + n
  const email = (input.email ?? `buyer-${n}@example.com`).toLowerCase()
  const postalCode = input.postalCode ?? '97205'
  const customerName = input.customerName ?? 'Ava Thompson'
  const items: NewLineItem[] = (input.items ?? [{}]).map((it, position) => ({
    position,
    sku: it.sku ?? `SKU-${n}-${position}`,
    title: it.title ?? `Product ${position + 1}`,
    variantTitle: it.variantTitle ?? null,
    productKey: it.productKey ?? null,
    variantId: it.variantId ?? null,
    productType: 'apparel',
    productTags: it.productTags ?? [],
    imageUrl: null,
    quantity: it.quantity ?? 1,
    unitPriceMinor: it.unitPriceMinor ?? 2500,
    discountMinor: 0,
    taxMinor: 0,
  }))
  const subtotal = items.reduce((s, li) => s + li.unitPriceMinor * li.quantity, 0)
  const { id, lineItems } = await db.transaction().execute((trx) =>
    insertOrderWithItems(
      trx,
      {
        shopId: input.shopId,
        number,
        email,
        customerName,
        locale: 'en',
        currency: input.currency ?? 'EUR',
        subtotalMinor: subtotal,
        discountMinor: 0,
        shippingMinor: 0,
        taxMinor: 0,
        taxesIncluded: false,
        totalMinor: subtotal,
        financialStatus: 'paid',
        fulfillmentStatus: input.fulfillmentStatus ?? 'unfulfilled',
        shippingAddress: {
          name: customerName,
          line1: '120 Market Street',
          city: 'Portland',
          region: null,
          postalCode,
          countryCode: input.countryCode ?? 'US',
        },
        postalCodeNormalized: normalizePostalCode(postalCode),
        buyerTimezone: 'UTC',
        promisedBy: input.promisedBy ?? null,
        placedAt: input.placedAt ?? new Date(),
        paymentReference: input.paymentReference ?? null,
      },
      items,
    ),
  )
  const byPosition = new Map(lineItems.map((li) => [li.position, li.id]))
  return {
    id,
    shopId: input.shopId,
    number,
    email,
    postalCode,
    lineItems: items.map((li) => ({
      id: byPosition.get(li.position)!,
      title: li.title,
      quantity: li.quantity,
    })),
  }
}

export async function createShipment(input: {
  shopId: string
  orderId: string
  carrier?: CarrierCode | string
  trackingNumber?: string
  shippedAt?: Date
  promisedBy?: Date | null
  items?: { lineItemId: string; quantity: number }[]
}) {
  const carrier = input.carrier ?? 'ups'
  const n = next()
  const trackingNumber =
    input.trackingNumber ?? (isCarrierCode(carrier) ? generateTrackingNumber(carrier, n) : `TEST${n}`)
  const shippedAt = input.shippedAt ?? new Date()
  const { id } = await db.transaction().execute((trx) =>
    insertShipment(trx, {
      shopId: input.shopId,
      orderId: input.orderId,
      carrier,
      trackingNumber,
      service: null,
      shippedAt,
      promisedBy: input.promisedBy ?? null,
      items: input.items ?? [],
    }),
  )
  return { id, shopId: input.shopId, orderId: input.orderId, carrier, trackingNumber, shippedAt }
}

/** One carrier scan as an adapter would hand it to applyCarrierEvents. */
export function carrierEvent(e: {
  at: Date | string
  status: TrackingStatus
  detail?: ExceptionReason | null
  key?: string
  description?: string
  location?: string | null
}): CarrierEvent {
  const occurredAt = new Date(e.at)
  return {
    occurredAt,
    status: e.status,
    detail: e.detail ?? null,
    rawStatus: e.status.toUpperCase(),
    description: e.description ?? `Scan: ${e.status}`,
    location: e.location ?? 'Louisville, KY, US',
    dedupeKey: e.key ?? `${e.status}@${occurredAt.toISOString()}`,
  }
}

/**
 * A wizard draft of the order with `photos` photo records per listed line item, as the buyer's uploads
 * leave them (the records only: tests that read the files store them through the photo service).
 */
export async function createDraftWithPhotos(input: {
  shopId: string
  orderId: string
  kind?: 'return' | 'complaint'
  photos: { lineItemId: string | null; count?: number }[]
}) {
  const { insertDraft } = await import('#db/queries/drafts')
  const { insertPhoto } = await import('#db/queries/photos')
  const now = new Date()
  const draft = await insertDraft(db, {
    shopId: input.shopId,
    orderId: input.orderId,
    kind: input.kind ?? 'return',
    answers: {},
    at: now,
  })
  for (const p of input.photos) {
    for (let i = 0; i < (p.count ?? 1); i++) {
      const id = crypto.randomUUID()
      await insertPhoto(db, {
        id,
        shopId: input.shopId,
        orderId: input.orderId,
        draftId: draft.id,
        caseId: null,
        lineItemId: p.lineItemId,
        contentType: 'image/jpeg',
        bytes: 1234,
        storageKey: `${input.shopId}/${id}.jpg`,
        thumbKey: null,
        width: null,
        height: null,
        uploadedBy: 'buyer',
        at: now,
      })
    }
  }
  return draft
}

/** Variants of one product in one currency, e.g. sizes; returns their ids in the order given. */
export async function createVariants(input: {
  shopId: string
  productKey?: string
  productTitle?: string
  currency?: string
  variants: { title: string; priceMinor: number; stock: number }[]
}) {
  const productKey = input.productKey ?? `product-${next()}`
  const rows = await db
    .insertInto('product_variants')
    .values(
      input.variants.map((v, position) => ({
        shop_id: input.shopId,
        product_key: productKey,
        product_title: input.productTitle ?? 'Merino Crew Sweater',
        variant_title: v.title,
        price_minor: v.priceMinor,
        currency: input.currency ?? 'EUR',
        inventory_available: v.stock,
        position,
      })),
    )
    .returning(['id', 'variant_title'])
    .execute()
  const byTitle = new Map(rows.map((r) => [r.variant_title, r.id]))
  return { productKey, ids: input.variants.map((v) => byTitle.get(v.title)!) }
}
