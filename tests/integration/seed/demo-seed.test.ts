import { beforeAll, describe, expect, test } from 'vitest'
import type { OrderTrackingView } from '#app/services/buyer/get-order-tracking.server'
import { getOrderTracking } from '#app/services/buyer/get-order-tracking.server'
import { db } from '#db/client'
import { DEMO_ORDERS, seedDemoIfEmpty, type SeedResult } from '#db/seed/demo'
import { isSandboxInternational } from '#integrations/carriers/sandbox'

const DAY = 86_400_000

// NOTE: tests/setup/db.ts truncates every table before each test, so each seed runs in a beforeAll and
// reads everything the tests check into memory before the first test starts.
async function snapshot(now: Date) {
  const first = await seedDemoIfEmpty({ now })
  const second = await seedDemoIfEmpty({ now })
  if (!first) throw new Error('The demo seed did not run on an empty database')
  const orders = await db
    .selectFrom('orders')
    .selectAll()
    .where('shop_id', '=', first.shopId)
    .orderBy('number')
    .execute()
  const shipments = await db.selectFrom('shipments').selectAll().where('shop_id', '=', first.shopId).execute()
  const lineItems = await db
    .selectFrom('line_items')
    .selectAll()
    .where('shop_id', '=', first.shopId)
    .execute()
  const staff = await db
    .selectFrom('staff_users')
    .select(['email', 'role'])
    .where('shop_id', '=', first.shopId)
    .execute()
  const views = new Map<number, OrderTrackingView>()
  for (const number of [1001, 1002, 1003, 1004]) {
    const order = orders.find((o) => o.number === number)
    if (!order) continue
    const view = await getOrderTracking({ shopId: first.shopId, orderId: order.id, now })
    if (view) views.set(number, view)
  }
  const notices = await db
    .selectFrom('notifications')
    .select(['template', 'to_email', 'send_after'])
    .where('shop_id', '=', first.shopId)
    .execute()
  return { first, second, orders, shipments, lineItems, staff, views, notices }
}

const NOWS = [
  ['on a Wednesday midday', '2026-03-04T12:00:00Z'],
  ['on a Sunday morning', '2026-11-22T10:00:00Z'],
  ['on a Monday just after midnight', '2026-06-01T00:30:00Z'],
] as const

describe.each(NOWS)('the demo shop seeded %s', (_when, iso) => {
  const now = new Date(iso)
  let seed: Awaited<ReturnType<typeof snapshot>>

  beforeAll(async () => {
    seed = await snapshot(now)
  }, 120_000)

  const order = (number: number) => {
    const o = seed.orders.find((x) => x.number === number)
    if (!o) throw new Error(`order #${number} was not seeded`)
    return o
  }
  test('the delayed #1002 has its delay email queued, to leave at once', () => {
    const delay = seed.notices.filter((n) => n.template === 'delay' && n.to_email === 'ben@example.com')
    expect(delay).toHaveLength(1)
    expect(delay[0]!.send_after.getTime()).toBeLessThanOrEqual(now.getTime())
  })

  const parcelsOf = (number: number) => seed.shipments.filter((s) => s.order_id === order(number).id)
  const daysAgo = (d: Date | null) => (d ? (now.getTime() - d.getTime()) / DAY : null)

  test('seeds only into an empty database', () => {
    expect(seed.first).toMatchObject<Partial<SeedResult>>({ shopId: expect.any(String) })
    expect(seed.second).toBeNull()
    expect(seed.staff.map((s) => s.role).sort()).toEqual(['admin', 'agent'])
  })

  test('has a realistic mix of orders', () => {
    expect(seed.orders.length).toBeGreaterThanOrEqual(40)
    expect(seed.orders).toHaveLength(DEMO_ORDERS.length)
    expect(new Set(seed.orders.map((o) => o.currency.trim())).size).toBeGreaterThanOrEqual(3)
    expect(new Set(seed.orders.map((o) => o.locale))).toEqual(new Set(['en', 'ru', 'pl']))
    const parcelsPerOrder = seed.orders.map((o) => seed.shipments.filter((s) => s.order_id === o.id).length)
    expect(parcelsPerOrder.some((n) => n > 1)).toBe(true)
    expect(seed.orders.some((o) => o.fulfillment_status === 'partial')).toBe(true)
    expect(seed.orders.some((o) => o.fulfillment_status === 'unfulfilled')).toBe(true)
    expect(seed.shipments.some((s) => isSandboxInternational(s.tracking_number))).toBe(true)
    // Nothing in the shop happens after the moment it was seeded.
    expect(seed.orders.every((o) => o.placed_at.getTime() <= now.getTime())).toBe(true)
    expect(seed.shipments.every((s) => s.shipped_at.getTime() <= now.getTime())).toBe(true)
    expect(seed.shipments.every((s) => !s.last_event_at || s.last_event_at.getTime() <= now.getTime())).toBe(
      true,
    )
  })

  test('has parcels in every state the product knows', () => {
    // "Out for delivery" exists only on weekday mornings (as with real carriers), so it is not required.
    const statuses = new Set(seed.shipments.map((s) => s.status))
    for (const status of [
      'delivered',
      'in_transit',
      'failed_attempt',
      'exception',
      'returned_to_sender',
      'available_for_pickup',
      'lost',
      'pre_transit',
    ]) {
      expect.soft(statuses.has(status), status).toBe(true)
    }
    expect
      .soft(new Set(seed.shipments.map((s) => s.delay_level)))
      .toEqual(new Set(['on_time', 'at_risk', 'late', 'stalled', 'exception', 'lost']))
  })

  test('#1001 (ava@example.com) is in transit and on time, due in the future', () => {
    expect(order(1001).email).toBe('ava@example.com')
    const [parcel, ...more] = parcelsOf(1001)
    expect(more).toHaveLength(0)
    expect.soft(parcel).toMatchObject({ status: 'in_transit', delay_level: 'on_time' })
    expect.soft(parcel!.current_eta!.getTime()).toBeGreaterThan(now.getTime())
    expect.soft(seed.views.get(1001)?.parcels[0]?.delay.level).toBe('on_time')
  })

  test('#1002 (ben@example.com) has stalled', () => {
    expect(order(1002).email).toBe('ben@example.com')
    expect.soft(parcelsOf(1002)[0]?.delay_level).toBe('stalled')
    expect.soft(seed.views.get(1002)?.parcels[0]?.delay.level).toBe('stalled')
  })

  test('#1003 (cara@example.com) was delivered five days ago with three items, one final sale', () => {
    expect(order(1003).email).toBe('cara@example.com')
    const [parcel] = parcelsOf(1003)
    expect.soft(parcel?.status).toBe('delivered')
    const age = daysAgo(parcel?.delivered_at ?? null)
    // Deliveries happen in the daytime on working days: "five days ago" lands within a day of it.
    expect.soft(age).toBeGreaterThanOrEqual(4)
    expect.soft(age).toBeLessThanOrEqual(6)
    const items = seed.lineItems.filter((li) => li.order_id === order(1003).id)
    expect.soft(items).toHaveLength(3)
    expect.soft(items.filter((li) => li.product_tags.includes('final-sale'))).toHaveLength(1)
  })

  test('#1004 (dan@example.com) was delivered sixty days ago', () => {
    expect(order(1004).email).toBe('dan@example.com')
    const [parcel] = parcelsOf(1004)
    expect.soft(parcel?.status).toBe('delivered')
    const age = daysAgo(parcel?.delivered_at ?? null)
    // Sixty days back may be a weekend: the nearest working day's delivery stands in for it.
    expect.soft(age).toBeGreaterThanOrEqual(58.5)
    expect.soft(age).toBeLessThanOrEqual(61.5)
  })
})
