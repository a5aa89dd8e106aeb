// The demo shop: one shop, an admin and an agent, and 44 orders whose parcels are in every state the
// product knows (on the way, out for delivery, delivered recently and long ago, late, stalled, failed
// attempts, exceptions, returned, lost, waiting at a pickup point), several with more than one parcel,
// some partly or not yet shipped, in six currencies and three buyer languages. Dates are relative to
// the moment the seed runs. Parcels are real sandbox-carrier parcels: their scans come from the
// simulator through the same service that applies any carrier's scans.
import type { CarrierCode } from '#app/domain/tracking/carriers'
import type { TrackingStatus } from '#app/domain/tracking/status'
import { normalizePostalCode } from '#app/domain/orders/order-number'
import { hashPassword } from '#app/services/auth/password.server'
import { DEFAULT_NOTICE_SETTINGS } from '#app/domain/notices/settings'
import { scanShopNotices } from '#app/services/notices/scan-delays.server'
import { applyCarrierEvents } from '#app/services/tracking/apply-carrier-events.server'
import { upsertNoticeSettings } from '#db/queries/notices'
import { db } from '#db/client'
import { insertOrderWithItems, type NewLineItem } from '#db/queries/orders'
import { insertShipment } from '#db/queries/shipments'
import { countShops, findShopBySlug, insertShop } from '#db/queries/shops'
import { insertStaff } from '#db/queries/staff'
import {
  createSandboxCarrier,
  findTrackingNumber,
  planEvents,
  type SandboxScenario,
} from '#integrations/carriers/sandbox'
import { insertVariants } from '#db/queries/product-variants'
import type { Database } from '#db/client'
import type { Transaction } from 'kysely'
import {
  CUSTOMERS,
  PRODUCTS,
  VARIANTS,
  customerByEmail,
  localPrice,
  productBySku,
  productKeyOf,
  type Customer,
} from './catalog'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export const DEMO_SHOP = {
  slug: 'birch-and-bay',
  name: 'Birch & Bay',
  supportEmail: 'help@birchandbay.example',
  defaultLocale: 'en' as const,
  timezone: 'Europe/Warsaw',
  currency: 'EUR',
  brandColor: '#1f6f5c',
  // Return labels go to the warehouse near Warsaw; every carrier the sandbox knows may carry them.
  returnAddress: {
    name: 'Birch & Bay Returns',
    line1: 'ul. Magazynowa 12',
    line2: 'Hala B',
    city: 'Pruszków',
    region: null,
    postalCode: '05-800',
    countryCode: 'PL',
    phone: '+48 22 100 20 30',
  },
  labelCarriers: [] as string[],
}

export const DEMO_LOGINS = [
  {
    role: 'admin' as const,
    name: 'Morgan Reyes',
    email: 'admin@birchandbay.example',
    password: 'homebound-admin',
  },
  {
    role: 'agent' as const,
    name: 'Sam Okafor',
    email: 'agent@birchandbay.example',
    password: 'homebound-agent',
  },
]

/** Where in its life a parcel should be when the seed runs. */
type Anchor =
  | { at: TrackingStatus; ageHours: number } // the first scan with this status happened ageHours ago
  | { at: 'last' | 'revision'; ageHours: number }

interface ParcelSpec {
  carrier: CarrierCode
  scenario: SandboxScenario
  anchor: Anchor
  /** Line positions (0-based) in this parcel; default: all lines not in another parcel. */
  lines?: number[]
}

interface OrderSpec {
  number: number
  email: string
  items: [sku: string, qty: number][]
  parcels: ParcelSpec[]
  /** For orders with nothing shipped: how long ago they were placed. */
  placedHoursAgo?: number
  /** Lines deliberately not shipped yet (partial fulfilment). */
  unshipped?: number[]
  discountPercent?: number
}

const p = (
  carrier: CarrierCode,
  scenario: SandboxScenario,
  at: Anchor['at'],
  ageHours: number,
  lines?: number[],
): ParcelSpec => ({
  carrier,
  scenario,
  anchor: { at, ageHours } as Anchor,
  lines,
})

/** The four orders README promises, then the rest of the shop. */
export const DEMO_ORDERS: OrderSpec[] = [
  {
    number: 1001,
    email: 'ava@example.com',
    items: [
      ['BB-TRN-SLT-42', 1],
      ['BB-TEE-WHT-L', 2],
    ],
    parcels: [p('ups', 'on_time', 'in_transit', 5)],
  },
  {
    number: 1002,
    email: 'ben@example.com',
    items: [
      ['BB-RSH-NVY-L', 1],
      ['BB-BTL-FOR', 1],
    ],
    parcels: [p('ups', 'stalled', 'last', 6 * 24)],
  },
  {
    number: 1003,
    email: 'cara@example.com',
    items: [
      ['BB-MER-OAT-M', 1],
      ['BB-TEE-WHT-L', 1],
      ['BB-BEA-RST', 1],
    ],
    parcels: [p('royal_mail', 'on_time', 'delivered', 5 * 24)],
  },
  {
    number: 1004,
    email: 'dan@example.com',
    items: [
      ['BB-VST-BLK-S', 1],
      ['BB-WAL-TAN', 1],
    ],
    parcels: [p('canada_post', 'on_time', 'delivered', 60 * 24)],
  },
  {
    number: 1005,
    email: 'grace.lee@example.com',
    items: [['BB-LIN-SKY-M', 2]],
    parcels: [p('usps', 'on_time', 'pre_transit', 2)],
    discountPercent: 10,
  },
  {
    number: 1006,
    email: 'henry.adams@example.com',
    items: [['BB-WKD-OLV', 1]],
    parcels: [p('fedex', 'on_time', 'out_for_delivery', 2)],
  },
  {
    number: 1007,
    email: 'liam.obrien@example.com',
    items: [
      ['BB-MER-OAT-M', 1],
      ['BB-MUG-SGE', 2],
    ],
    parcels: [p('dpd', 'delayed', 'revision', 6)],
  },
  {
    number: 1008,
    email: 'emma.wilson@example.com',
    items: [['BB-TRN-SLT-42', 1]],
    parcels: [p('royal_mail', 'failed_attempt', 'failed_attempt', 3)],
  },
  {
    number: 1009,
    email: 'anna.ivanova@example.com',
    items: [['BB-RSH-NVY-L', 1]],
    parcels: [p('russian_post', 'on_time', 'in_transit', 30)],
  },
  {
    number: 1010,
    email: 'dmitry.smirnov@example.com',
    items: [
      ['BB-VST-BLK-S', 1],
      ['BB-SOK-GRY-M', 1],
    ],
    parcels: [p('cdek', 'delayed', 'revision', 10)],
  },
  {
    number: 1011,
    email: 'olga.kuznetsova@example.com',
    items: [['BB-WKD-OLV', 1]],
    parcels: [p('russian_post', 'exception_customs', 'exception', 20)],
  },
  {
    number: 1012,
    email: 'sergey.popov@example.com',
    items: [['BB-MER-OAT-M', 1]],
    parcels: [p('cdek', 'stalled', 'last', 7 * 24)],
  },
  {
    number: 1013,
    email: 'zofia.nowak@example.com',
    items: [['BB-TEE-WHT-L', 3]],
    parcels: [p('inpost', 'on_time', 'out_for_delivery', 1)],
  },
  {
    number: 1014,
    email: 'jakub.kowalski@example.com',
    items: [
      ['BB-BTL-FOR', 1],
      ['BB-MUG-SGE', 1],
    ],
    parcels: [p('inpost', 'on_time', 'delivered', 2 * 24)],
  },
  {
    number: 1015,
    email: 'maja.wisniewska@example.com',
    items: [['BB-LIN-SKY-M', 1]],
    parcels: [p('poczta_polska', 'exception_address', 'exception', 26)],
  },
  {
    number: 1016,
    email: 'piotr.wojcik@example.com',
    items: [['BB-TRN-SLT-42', 1]],
    parcels: [p('dpd', 'exception_damaged', 'exception', 10)],
  },
  {
    number: 1017,
    email: 'katarzyna.lewandowska@example.com',
    items: [['BB-WAL-TAN', 1]],
    parcels: [p('inpost', 'returned_to_sender', 'returned_to_sender', 30)],
  },
  {
    number: 1018,
    email: 'grace.lee@example.com',
    items: [['BB-RSH-NVY-L', 1]],
    parcels: [p('usps', 'lost', 'lost', 24)],
  },
  {
    number: 1019,
    email: 'henry.adams@example.com',
    items: [
      ['BB-MER-OAT-M', 1],
      ['BB-BEA-RST', 1],
    ],
    parcels: [p('fedex', 'on_time', 'delivered', 12 * 24)],
  },
  {
    number: 1020,
    email: 'ava@example.com',
    items: [['BB-VST-BLK-S', 1]],
    parcels: [p('usps', 'on_time', 'delivered', 35 * 24)],
  },
  {
    number: 1021,
    email: 'ben@example.com',
    items: [
      ['BB-MUG-SGE', 2],
      ['BB-SOK-GRY-M', 1],
    ],
    parcels: [],
    placedHoursAgo: 5,
  },
  {
    number: 1022,
    email: 'liam.obrien@example.com',
    items: [['BB-WKD-OLV', 1]],
    parcels: [],
    placedHoursAgo: 26,
  },
  {
    number: 1023,
    email: 'zofia.nowak@example.com',
    items: [
      ['BB-RSH-NVY-L', 1],
      ['BB-BEA-RST', 1],
    ],
    parcels: [],
    placedHoursAgo: 3,
  },
  {
    number: 1024,
    email: 'emma.wilson@example.com',
    items: [
      ['BB-LIN-SKY-M', 1],
      ['BB-VST-BLK-S', 1],
    ],
    parcels: [p('royal_mail', 'on_time', 'in_transit', 20, [0])],
    unshipped: [1],
  },
  {
    number: 1025,
    email: 'anna.ivanova@example.com',
    items: [
      ['BB-TEE-WHT-L', 2],
      ['BB-MUG-SGE', 1],
      ['BB-TRN-SLT-42', 1],
    ],
    parcels: [p('cdek', 'on_time', 'delivered', 3 * 24, [0, 1])],
    unshipped: [2],
  },
  {
    number: 1026,
    email: 'henry.adams@example.com',
    items: [
      ['BB-RSH-NVY-L', 1],
      ['BB-TRN-SLT-42', 1],
    ],
    parcels: [p('ups', 'on_time', 'delivered', 24, [0]), p('fedex', 'on_time', 'in_transit', 10, [1])],
  },
  {
    number: 1027,
    email: 'jakub.kowalski@example.com',
    items: [
      ['BB-WKD-OLV', 1],
      ['BB-MER-OAT-M', 1],
    ],
    parcels: [p('inpost', 'on_time', 'delivered', 4 * 24, [0]), p('dpd', 'stalled', 'last', 5 * 24, [1])],
  },
  {
    number: 1028,
    email: 'cara@example.com',
    items: [
      ['BB-VST-BLK-S', 1],
      ['BB-TRN-SLT-42', 1],
      ['BB-BTL-FOR', 2],
    ],
    parcels: [
      p('royal_mail', 'on_time', 'delivered', 2 * 24, [0]),
      p('dpd', 'on_time', 'out_for_delivery', 1, [1]),
      p('royal_mail', 'on_time', 'in_transit', 28, [2]),
    ],
  },
  {
    number: 1029,
    email: 'dan@example.com',
    items: [['BB-RSH-NVY-L', 1]],
    parcels: [p('ups', 'exception_customs', 'exception', 30)],
  },
  {
    number: 1030,
    email: 'olga.kuznetsova@example.com',
    items: [['BB-MER-OAT-M', 2]],
    parcels: [p('russian_post', 'on_time', 'delivered', 90 * 24)],
  },
  {
    number: 1031,
    email: 'maja.wisniewska@example.com',
    items: [
      ['BB-WAL-TAN', 1],
      ['BB-BEA-RST', 1],
    ],
    parcels: [p('inpost', 'on_time', 'delivered', 45 * 24)],
  },
  {
    number: 1032,
    email: 'katarzyna.lewandowska@example.com',
    items: [['BB-TRN-SLT-42', 1]],
    parcels: [p('dpd', 'on_time', 'delivered', 8 * 24)],
    discountPercent: 15,
  },
  {
    number: 1033,
    email: 'dmitry.smirnov@example.com',
    items: [['BB-BTL-FOR', 1]],
    parcels: [p('russian_post', 'on_time', 'delivered', 14 * 24)],
  },
  {
    number: 1034,
    email: 'piotr.wojcik@example.com',
    items: [['BB-VST-BLK-S', 1]],
    parcels: [p('dpd', 'failed_attempt', 'failed_attempt', 20)],
  },
  {
    number: 1035,
    email: 'liam.obrien@example.com',
    items: [
      ['BB-LIN-SKY-M', 1],
      ['BB-TEE-WHT-L', 1],
    ],
    parcels: [p('dhl_express', 'on_time', 'in_transit', 8)],
  },
  {
    number: 1036,
    email: 'grace.lee@example.com',
    items: [['BB-TRN-SLT-42', 1]],
    parcels: [p('ups', 'delayed', 'revision', 30)],
  },
  {
    number: 1037,
    email: 'emma.wilson@example.com',
    items: [['BB-MUG-SGE', 4]],
    parcels: [p('dpd', 'on_time', 'delivered', 20 * 24)],
  },
  {
    number: 1038,
    email: 'sergey.popov@example.com',
    items: [['BB-WAL-TAN', 1]],
    parcels: [p('cdek', 'returned_to_sender', 'available_for_pickup', 10)],
  },
  {
    number: 1039,
    email: 'ava@example.com',
    items: [['BB-BEA-RST', 2]],
    parcels: [p('fedex', 'on_time', 'delivered', 3 * 24)],
  },
  {
    number: 1040,
    email: 'ben@example.com',
    items: [['BB-WKD-OLV', 1]],
    parcels: [p('usps', 'on_time', 'delivered', 6 * 24)],
  },
  {
    number: 1041,
    email: 'zofia.nowak@example.com',
    items: [['BB-MER-OAT-M', 1]],
    parcels: [p('dpd', 'exception_damaged', 'returned_to_sender', 24)],
  },
  {
    number: 1042,
    email: 'cara@example.com',
    items: [['BB-LIN-SKY-M', 1]],
    parcels: [p('royal_mail', 'delayed', 'revision', 40)],
  },
  {
    number: 1043,
    email: 'dan@example.com',
    items: [
      ['BB-TEE-WHT-L', 2],
      ['BB-MUG-SGE', 1],
    ],
    parcels: [p('canada_post', 'on_time', 'in_transit', 48)],
  },
  {
    number: 1044,
    email: 'anna.ivanova@example.com',
    items: [['BB-RSH-NVY-L', 1]],
    parcels: [p('cdek', 'on_time', 'delivered', 25 * 24)],
  },
]

/** Tracking numbers of `carrier` whose simulated story is `scenario`, none of them in `used`. */
function trackingNumbersFor(
  carrier: CarrierCode,
  scenario: SandboxScenario,
  seed: number,
  used: Set<string>,
  count: number,
): string[] {
  // Every carrier format has room for at least 7-digit serials.
  let start = (seed * 7919) % 5_000_000
  const found: string[] = []
  for (let i = 0; i < 400 && found.length < count; i++) {
    const tn = findTrackingNumber(carrier, scenario, start)
    if (
      !used.has(tn) &&
      !found.includes(tn) &&
      planEvents({ carrier, trackingNumber: tn, shippedAt: new Date(0) }).scenario === scenario
    ) {
      found.push(tn)
    }
    start += 997
  }
  if (found.length === 0) throw new Error(`No sandbox ${carrier} number plays ${scenario}`)
  return found
}

/**
 * When the parcel must have been handed over so that, as of now, it is in its anchor state with the
 * anchor scan about `ageHours` old. Moving the hand-over moves the script, but not rigidly (pickup
 * cut-offs, no Sunday rounds, daytime-only deliveries), and some states cannot exist at some hours (no
 * parcel is out for delivery at night). So: a first estimate, then an hourly search around it that
 * prefers parcels currently in the anchor state, then any whose anchor scan has happened, closest to the
 * intended age.
 */
function placeAt(carrier: CarrierCode, trackingNumber: string, anchor: Anchor, now: Date) {
  const target = now.getTime() - anchor.ageHours * HOUR
  const evaluate = (shippedAt: Date) => {
    const plan = planEvents({ carrier, trackingNumber, shippedAt })
    const last = plan.events[plan.events.length - 1]!
    const at =
      anchor.at === 'revision'
        ? (plan.revisedEta?.from ?? last.occurredAt)
        : anchor.at === 'last'
          ? last.occurredAt
          : (plan.events.find((e) => e.status === anchor.at) ?? last).occurredAt
    const current = plan.events.filter((e) => e.occurredAt.getTime() <= now.getTime()).pop()?.status
    const happened = at.getTime() <= now.getTime()
    const inState = anchor.at === 'last' || anchor.at === 'revision' ? happened : current === anchor.at
    return { rank: inState ? 0 : happened ? 1 : 2, miss: Math.abs(at.getTime() - target), at: at.getTime() }
  }
  const probe = new Date(target - 10 * DAY)
  const center = probe.getTime() + (target - evaluate(probe).at)
  let best: { shippedAt: Date; rank: number; miss: number } | undefined
  for (let h = -96; h <= 96; h++) {
    const shippedAt = new Date(center + h * HOUR)
    if (shippedAt.getTime() > now.getTime()) continue
    const { rank, miss } = evaluate(shippedAt)
    if (!best || rank < best.rank || (rank === best.rank && miss < best.miss))
      best = { shippedAt, rank, miss }
  }
  return best
}

/** Of several numbers playing the parcel's story, the one that best fits its anchor as of now. */
function placeParcel(spec: ParcelSpec, seed: number, used: Set<string>, now: Date) {
  let best: { trackingNumber: string; shippedAt: Date; rank: number; miss: number } | undefined
  for (const trackingNumber of trackingNumbersFor(spec.carrier, spec.scenario, seed, used, 8)) {
    const fit = placeAt(spec.carrier, trackingNumber, spec.anchor, now)
    if (fit && (!best || fit.rank < best.rank || (fit.rank === best.rank && fit.miss < best.miss)))
      best = { trackingNumber, ...fit }
  }
  if (!best || best.rank === 2)
    throw new Error(
      `Could not place a ${spec.carrier} parcel at ${spec.anchor.at} ${spec.anchor.ageHours}h ago`,
    )
  used.add(best.trackingNumber)
  return { trackingNumber: best.trackingNumber, shippedAt: best.shippedAt }
}

/** variant id by `${productKey}|${currency}|${title}` */
type VariantIds = Map<string, string>

/** The demo catalogue's variants, in every currency a demo customer pays in. */
async function seedVariants(trx: Transaction<Database>, shopId: string): Promise<VariantIds> {
  const currencies = [...new Set(CUSTOMERS.map((c) => c.currency))].sort()
  const rows = PRODUCTS.flatMap((product) =>
    currencies.flatMap((currency) =>
      (VARIANTS[product.sku] ?? [{ title: product.variant, deltaUsdCents: 0, stock: 5 }]).map(
        (v, position) => ({
          productKey: productKeyOf(product),
          productTitle: product.title,
          variantTitle: v.title,
          sku: v.title === product.variant ? product.sku : null,
          priceMinor: localPrice(product.priceUsdCents + v.deltaUsdCents, currency),
          currency,
          inventoryAvailable: v.stock,
          position,
        }),
      ),
    ),
  )
  const inserted = await insertVariants(trx, shopId, rows)
  return new Map(inserted.map((v) => [`${v.product_key}|${v.currency}|${v.variant_title}`, v.id]))
}

function lineItems(spec: OrderSpec, customer: Customer, variantIds: VariantIds): NewLineItem[] {
  return spec.items.map(([sku, qty], position) => {
    const product = productBySku.get(sku)
    if (!product) throw new Error(`Unknown demo SKU ${sku}`)
    const unit = localPrice(product.priceUsdCents, customer.currency)
    const gross = unit * qty
    const discount = spec.discountPercent ? Math.round((gross * spec.discountPercent) / 100) : 0
    const taxable = gross - discount
    const tax = customer.taxesIncluded
      ? Math.round((taxable * customer.taxRate) / (100 + customer.taxRate))
      : Math.round((taxable * customer.taxRate) / 100)
    return {
      position,
      sku,
      title: product.title,
      variantTitle: product.variant,
      productKey: productKeyOf(product),
      variantId: variantIds.get(`${productKeyOf(product)}|${customer.currency}|${product.variant}`) ?? null,
      productType: product.type,
      productTags: product.tags,
      imageUrl: `/images/products/${product.type}.svg`,
      quantity: qty,
      unitPriceMinor: unit,
      discountMinor: discount,
      taxMinor: tax,
    }
  })
}

export interface SeedResult {
  shopId: string
  logins: typeof DEMO_LOGINS
  orders: string[]
}

export const DEMO_HIGHLIGHTS = [
  '#1001  ava@example.com   in transit, on time',
  '#1002  ben@example.com   delayed: no scan for days',
  '#1003  cara@example.com  delivered 5 days ago, 3 items (one final sale)',
  '#1004  dan@example.com   delivered 60 days ago',
]

/** Seeds the demo shop when the database has no shop yet; returns null when it already has one. */
export async function seedDemoIfEmpty(options: { now: Date }): Promise<SeedResult | null> {
  if ((await countShops(db)) > 0) return null
  return seedDemoShop(options)
}

/** Whether the demo shop (from an earlier start) is in this database, for the start-up banner. */
export async function hasDemoShop(): Promise<boolean> {
  return (await findShopBySlug(db, DEMO_SHOP.slug)) !== undefined
}

export async function seedDemoShop({ now }: { now: Date }): Promise<SeedResult> {
  const used = new Set<string>()
  const hashes = await Promise.all(DEMO_LOGINS.map((l) => hashPassword(l.password)))
  const { shopId, shipments } = await db.transaction().execute(async (trx) => {
    const { id: shopId } = await insertShop(trx, DEMO_SHOP)
    await upsertNoticeSettings(trx, {
      shopId,
      // The demo sends at any hour, and a late or stalled parcel's email also offers the apology coupon
      // (off by default), so every remedy can be tried: #1002's email has wait, coupon, reship, refund.
      settings: {
        ...DEFAULT_NOTICE_SETTINGS,
        quietHours: null,
        remedies: {
          ...DEFAULT_NOTICE_SETTINGS.remedies,
          late: ['wait', 'coupon', 'reship', 'refund'],
          stalled: ['wait', 'coupon', 'reship', 'refund'],
        },
      },
      staffId: null,
      at: now,
    })
    for (const [i, login] of DEMO_LOGINS.entries()) {
      await insertStaff(trx, {
        shopId,
        email: login.email,
        name: login.name,
        role: login.role,
        passwordHash: hashes[i]!,
      })
    }
    const variantIds = await seedVariants(trx, shopId)
    const shipments: { id: string; carrier: CarrierCode; trackingNumber: string; shippedAt: Date }[] = []
    for (const spec of DEMO_ORDERS) {
      const customer = customerByEmail.get(spec.email)
      if (!customer) throw new Error(`Unknown demo customer ${spec.email}`)
      const items = lineItems(spec, customer, variantIds)
      const parcels = spec.parcels.map((parcel, i) => ({
        ...parcel,
        ...placeParcel(parcel, spec.number * 10 + i, used, now),
      }))
      const firstShip = parcels.reduce<Date | null>(
        (min, x) => (!min || x.shippedAt < min ? x.shippedAt : min),
        null,
      )
      // Orders are placed a few hours to a day before their first parcel leaves.
      const placedAt = firstShip
        ? new Date(firstShip.getTime() - (4 + (spec.number % 20)) * HOUR)
        : new Date(now.getTime() - (spec.placedHoursAgo ?? 2) * HOUR)
      const subtotal = items.reduce((s, li) => s + li.unitPriceMinor * li.quantity, 0)
      const discount = items.reduce((s, li) => s + li.discountMinor, 0)
      const tax = items.reduce((s, li) => s + li.taxMinor, 0)
      const shipping =
        subtotal - discount >= localPrice(10000, customer.currency) ? 0 : localPrice(695, customer.currency)
      const unshipped = new Set(spec.unshipped ?? [])
      const shippedLines = parcels.length ? items.filter((li) => !unshipped.has(li.position)).length : 0
      const { id: orderId, lineItems: inserted } = await insertOrderWithItems(
        trx,
        {
          shopId,
          number: spec.number,
          email: customer.email,
          customerName: customer.name,
          locale: customer.locale,
          currency: customer.currency,
          subtotalMinor: subtotal,
          discountMinor: discount,
          shippingMinor: shipping,
          taxMinor: tax,
          taxesIncluded: customer.taxesIncluded,
          totalMinor: subtotal - discount + shipping + (customer.taxesIncluded ? 0 : tax),
          financialStatus: 'paid',
          fulfillmentStatus:
            shippedLines === 0 ? 'unfulfilled' : shippedLines < items.length ? 'partial' : 'fulfilled',
          shippingAddress: customer.address,
          postalCodeNormalized: normalizePostalCode(customer.address.postalCode),
          buyerTimezone: customer.timezone,
          promisedBy: null,
          placedAt,
        },
        items,
      )
      const idByPosition = new Map(inserted.map((li) => [li.position, li.id]))
      const claimed = new Set(parcels.flatMap((x) => x.lines ?? []))
      for (const parcel of parcels) {
        const lines =
          parcel.lines ??
          items.map((li) => li.position).filter((pos) => !claimed.has(pos) && !unshipped.has(pos))
        const { id } = await insertShipment(trx, {
          shopId,
          orderId,
          carrier: parcel.carrier,
          trackingNumber: parcel.trackingNumber,
          service: null,
          shippedAt: parcel.shippedAt,
          promisedBy: null,
          items: lines.map((pos) => ({ lineItemId: idByPosition.get(pos)!, quantity: items[pos]!.quantity })),
        })
        shipments.push({
          id,
          carrier: parcel.carrier,
          trackingNumber: parcel.trackingNumber,
          shippedAt: parcel.shippedAt,
        })
      }
    }
    return { shopId, shipments }
  })

  // Read every parcel from the sandbox carrier as the poll job would have: once just after the label was
  // created (that is when the carrier's first estimate is recorded), then as of now.
  const carrier = createSandboxCarrier()
  for (const s of shipments) {
    for (const at of [new Date(s.shippedAt.getTime() + 60_000), now]) {
      if (at > now) continue
      const snapshot = await carrier.track({
        carrier: s.carrier,
        trackingNumber: s.trackingNumber,
        shippedAt: s.shippedAt,
        now: at,
      })
      await applyCarrierEvents({
        shopId,
        shipmentId: s.id,
        source: carrier.name,
        events: snapshot.events,
        estimatedDelivery: snapshot.estimatedDelivery,
        now: at,
      })
    }
  }

  // The notices those scans call for (the delayed #1002 among them) are queued now, as the worker's
  // first scan would; the demo keeps quiet hours off so they show in /admin/outbox whatever the hour.
  await scanShopNotices({ shopId, now })

  return {
    shopId,
    logins: DEMO_LOGINS,
    orders: DEMO_HIGHLIGHTS,
  }
}
