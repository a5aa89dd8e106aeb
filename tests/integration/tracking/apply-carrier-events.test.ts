import { beforeEach, describe, expect, test } from 'vitest'
import { applyCarrierEvents } from '#app/services/tracking/apply-carrier-events.server'
import { refreshDueShipments } from '#app/services/tracking/refresh-shipments.server'
import { db } from '#db/client'
import { findTrackingNumber, planEvents } from '#integrations/carriers/sandbox'
import type { CarrierEvent } from '#integrations/carriers/carrier'
import { carrierEvent, createOrder, createShipment, createShop, type TestShop } from '#tests/factories'

// 2026-03-02 is a Monday: every gap below stays inside UPS's normal 48 business hours between scans.
const at = (iso: string) => new Date(iso)
const SHIPPED = at('2026-03-02T09:00:00Z')

const labelCreated = carrierEvent({ at: '2026-03-02T09:00:00Z', status: 'pre_transit', location: null })
const pickedUp = carrierEvent({
  at: '2026-03-02T18:00:00Z',
  status: 'in_transit',
  location: 'Brooklyn, NY, US',
})
const hubScan = carrierEvent({
  at: '2026-03-03T08:00:00Z',
  status: 'in_transit',
  location: 'Louisville, KY, US',
})
const outForDelivery = carrierEvent({ at: '2026-03-04T07:00:00Z', status: 'out_for_delivery' })
const missed = carrierEvent({ at: '2026-03-04T15:00:00Z', status: 'failed_attempt' })
const outAgain = carrierEvent({ at: '2026-03-05T07:00:00Z', status: 'out_for_delivery' })
const delivered = carrierEvent({
  at: '2026-03-05T13:00:00Z',
  status: 'delivered',
  location: 'Portland, OR, US',
})

let shop: TestShop
let orderId: string

beforeEach(async () => {
  shop = await createShop()
  orderId = (await createOrder({ shopId: shop.id })).id
})

function newShipment(overrides: Partial<Parameters<typeof createShipment>[0]> = {}) {
  return createShipment({ shopId: shop.id, orderId, carrier: 'ups', shippedAt: SHIPPED, ...overrides })
}

function apply(shipmentId: string, events: CarrierEvent[], now: Date, estimatedDelivery: Date | null = null) {
  return applyCarrierEvents({ shopId: shop.id, shipmentId, source: 'test', events, estimatedDelivery, now })
}

function shipmentRow(id: string) {
  return db.selectFrom('shipments').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

function eventRows(shipmentId: string) {
  return db
    .selectFrom('tracking_events')
    .select(['dedupe_key', 'status', 'occurred_at', 'created_at'])
    .where('shipment_id', '=', shipmentId)
    .orderBy('occurred_at')
    .execute()
}

/** The columns a buyer or the delay scan reads, for comparing two shipments. */
async function trackingState(id: string) {
  const s = await shipmentRow(id)
  return {
    status: s.status,
    statusDetail: s.status_detail,
    rawStatus: s.raw_status,
    deliveredAt: s.delivered_at,
    lastEventAt: s.last_event_at,
    failedAttempts: s.failed_attempts,
    delayLevel: s.delay_level,
    isActive: s.is_active,
  }
}

describe('applying carrier scans', () => {
  test('the same scans applied twice are stored once', async () => {
    const shipment = await newShipment()
    const now = at('2026-03-03T09:00:00Z')

    const first = await apply(shipment.id, [labelCreated, pickedUp, hubScan], now)
    const again = await apply(shipment.id, [labelCreated, pickedUp, hubScan], now)

    expect(first?.newEvents).toBe(3)
    expect(again?.newEvents).toBe(0)
    expect(await eventRows(shipment.id)).toHaveLength(3)
    expect((await shipmentRow(shipment.id)).status).toBe('in_transit')
  })

  test('a batch that repeats a scan stores it once', async () => {
    const shipment = await newShipment()
    const result = await apply(shipment.id, [pickedUp, pickedUp, hubScan], at('2026-03-03T09:00:00Z'))
    expect(result?.newEvents).toBe(2)
    expect(await eventRows(shipment.id)).toHaveLength(2)
  })

  test('scans arriving out of order end in the same state as scans arriving in order', async () => {
    const inOrder = await newShipment()
    const shuffled = await newShipment()
    const now = at('2026-03-05T08:00:00Z')

    await apply(inOrder.id, [labelCreated, pickedUp, hubScan, outForDelivery, missed, outAgain], now)
    await apply(shuffled.id, [outAgain], now)
    await apply(shuffled.id, [hubScan, labelCreated], now)
    await apply(shuffled.id, [missed], now)
    await apply(shuffled.id, [pickedUp, outForDelivery], now)

    const expected = await trackingState(inOrder.id)
    expect(expected).toMatchObject({
      status: 'out_for_delivery',
      failedAttempts: 1,
      lastEventAt: outAgain.occurredAt,
    })
    expect(await trackingState(shuffled.id)).toEqual(expected)
  })

  test('a delivered parcel stays delivered when an older scan arrives late', async () => {
    const shipment = await newShipment()
    const now = at('2026-03-05T14:00:00Z')
    await apply(shipment.id, [labelCreated, pickedUp, delivered], now)

    await apply(shipment.id, [hubScan, outForDelivery], now)

    expect(await trackingState(shipment.id)).toMatchObject({
      status: 'delivered',
      deliveredAt: delivered.occurredAt,
      isActive: false,
      delayLevel: 'on_time',
    })
  })

  test('a delivered parcel stays delivered when a stray hub scan is stamped after the delivery', async () => {
    const shipment = await newShipment()
    await apply(shipment.id, [labelCreated, pickedUp, delivered], at('2026-03-05T14:00:00Z'))
    const stray = carrierEvent({
      at: '2026-03-05T20:00:00Z',
      status: 'in_transit',
      location: 'Louisville, KY, US',
    })

    await apply(shipment.id, [stray], at('2026-03-05T21:00:00Z'))

    expect(await trackingState(shipment.id)).toMatchObject({
      status: 'delivered',
      deliveredAt: delivered.occurredAt,
    })
  })

  test('the first ETA is kept as the original when the carrier revises it', async () => {
    const shipment = await newShipment()
    const firstEta = at('2026-03-05T23:59:59Z')
    const revisedEta = at('2026-03-06T23:59:59Z')

    await apply(shipment.id, [labelCreated], at('2026-03-02T10:00:00Z'), firstEta)
    let row = await shipmentRow(shipment.id)
    expect([row.original_eta, row.current_eta]).toEqual([firstEta, firstEta])

    const revised = await apply(shipment.id, [pickedUp, hubScan], at('2026-03-03T09:00:00Z'), revisedEta)
    row = await shipmentRow(shipment.id)
    expect([row.original_eta, row.current_eta]).toEqual([firstEta, revisedEta])
    expect(revised?.delayLevel).toBe('late')
    expect(row.delay_reason).toBe('eta_revised')

    // A poll without an estimate keeps the last one the carrier gave.
    await apply(shipment.id, [], at('2026-03-03T12:00:00Z'), null)
    row = await shipmentRow(shipment.id)
    expect([row.original_eta, row.current_eta]).toEqual([firstEta, revisedEta])
  })

  test('the delay level and the moment it changed are updated only when the level changes', async () => {
    const shipment = await newShipment()
    const firstEta = at('2026-03-05T23:59:59Z')
    const revisedEta = at('2026-03-09T23:59:59Z')

    const onTime = await apply(shipment.id, [labelCreated, pickedUp], at('2026-03-02T19:00:00Z'), firstEta)
    expect(onTime).toMatchObject({ delayLevel: 'on_time', levelChanged: false })
    expect((await shipmentRow(shipment.id)).delay_level_changed_at).toBeNull()

    const late = await apply(shipment.id, [hubScan], at('2026-03-03T09:00:00Z'), revisedEta)
    expect(late).toMatchObject({ delayLevel: 'late', levelChanged: true })
    expect(await shipmentRow(shipment.id)).toMatchObject({
      delay_level: 'late',
      delay_level_changed_at: at('2026-03-03T09:00:00Z'),
    })

    const stillLate = await apply(shipment.id, [outForDelivery], at('2026-03-04T08:00:00Z'), revisedEta)
    expect(stillLate).toMatchObject({ delayLevel: 'late', levelChanged: false })
    expect(await shipmentRow(shipment.id)).toMatchObject({
      delay_level: 'late',
      delay_level_changed_at: at('2026-03-03T09:00:00Z'),
    })

    const done = await apply(shipment.id, [delivered], at('2026-03-05T14:00:00Z'), revisedEta)
    expect(done).toMatchObject({ delayLevel: 'on_time', levelChanged: true })
    expect(await shipmentRow(shipment.id)).toMatchObject({
      delay_level: 'on_time',
      delay_level_changed_at: at('2026-03-05T14:00:00Z'),
    })
  })

  test("scans for another shop's parcel are refused and nothing is written", async () => {
    const other = await createShop()
    const shipment = await newShipment()
    const result = await applyCarrierEvents({
      shopId: other.id,
      shipmentId: shipment.id,
      source: 'test',
      events: [labelCreated],
      estimatedDelivery: null,
      now: at('2026-03-02T10:00:00Z'),
    })
    expect(result).toBeNull()
    expect(await eventRows(shipment.id)).toHaveLength(0)
  })

  test('stored scans cannot be rewritten', async () => {
    const shipment = await newShipment()
    await apply(shipment.id, [labelCreated], at('2026-03-02T10:00:00Z'))
    await expect(
      db
        .updateTable('tracking_events')
        .set({ description: 'rewritten' })
        .where('shipment_id', '=', shipment.id)
        .execute(),
    ).rejects.toThrow(/append-only/)
    expect((await eventRows(shipment.id)).map((e) => e.status)).toEqual(['pre_transit'])
  })
})

describe('polling the carrier', () => {
  const trackingNumber = findTrackingNumber('ups', 'on_time')
  const plan = planEvents({ carrier: 'ups', trackingNumber, shippedAt: SHIPPED })
  const last = plan.events[plan.events.length - 1]!
  // Part-way through the journey: the pickup scan has happened, the rest has not.
  const midway = plan.events[1]!.occurredAt
  const visibleAt = (now: Date) => plan.events.filter((e) => e.occurredAt <= now).length

  test('only due, moving parcels are polled, and each poll appends only the scans that are new', async () => {
    expect(plan.scenario).toBe('on_time')
    expect(last.status).toBe('delivered')
    expect(visibleAt(midway)).toBeGreaterThan(0)
    expect(visibleAt(midway)).toBeLessThan(plan.events.length)

    const due = await newShipment({ trackingNumber })
    const notDue = await newShipment({
      trackingNumber: findTrackingNumber('ups', 'on_time', 50),
      shippedAt: at('2026-04-01T09:00:00Z'),
    })
    const finished = await newShipment({
      trackingNumber: findTrackingNumber('ups', 'on_time', 100),
      shippedAt: at('2026-02-20T09:00:00Z'),
    })
    await apply(
      finished.id,
      [
        carrierEvent({ at: '2026-02-20T09:00:00Z', status: 'pre_transit' }),
        carrierEvent({ at: '2026-02-23T12:00:00Z', status: 'delivered' }),
      ],
      at('2026-02-23T13:00:00Z'),
    )
    const finishedBefore = await shipmentRow(finished.id)
    expect(finishedBefore.next_poll_at.getTime()).toBeLessThan(midway.getTime())

    const first = await refreshDueShipments({ now: midway, limit: 100 })

    expect(first).toEqual({ polled: 1, newEvents: visibleAt(midway), failed: 0 })
    const afterFirst = await shipmentRow(due.id)
    expect(afterFirst.last_polled_at).toEqual(midway)
    expect(afterFirst.next_poll_at.getTime()).toBeGreaterThan(midway.getTime())
    expect(await eventRows(due.id)).toHaveLength(visibleAt(midway))
    expect(await eventRows(notDue.id)).toHaveLength(0)
    expect((await shipmentRow(notDue.id)).last_polled_at).toBeNull()
    expect(await shipmentRow(finished.id)).toMatchObject({
      last_polled_at: finishedBefore.last_polled_at,
      next_poll_at: finishedBefore.next_poll_at,
    })

    const later = new Date(last.occurredAt.getTime() + 3_600_000)
    const second = await refreshDueShipments({ now: later, limit: 100 })

    expect(second).toEqual({ polled: 1, newEvents: plan.events.length - visibleAt(midway), failed: 0 })
    const stored = await eventRows(due.id)
    expect(stored.map((e) => e.dedupe_key)).toEqual(plan.events.map((_, i) => `${trackingNumber}:${i}`))
    // Scans from the first poll were kept as they were, not rewritten.
    expect(stored.slice(0, visibleAt(midway)).every((e) => e.created_at.getTime() === midway.getTime())).toBe(
      true,
    )
    expect(stored.slice(visibleAt(midway)).every((e) => e.created_at.getTime() === later.getTime())).toBe(
      true,
    )
    expect(await shipmentRow(due.id)).toMatchObject({
      status: 'delivered',
      is_active: false,
      delivered_at: last.occurredAt,
    })

    // Delivered parcels are not polled again.
    expect(await refreshDueShipments({ now: new Date(later.getTime() + 86_400_000), limit: 100 })).toEqual({
      polled: 0,
      newEvents: 0,
      failed: 0,
    })
  })

  test('the next poll is scheduled in the future after every poll', async () => {
    const due = await newShipment({ trackingNumber })
    for (const now of [midway, new Date(midway.getTime() + 3 * 3_600_000)]) {
      await refreshDueShipments({ now, limit: 100 })
      expect((await shipmentRow(due.id)).next_poll_at.getTime()).toBeGreaterThan(now.getTime())
    }
  })

  test('at most `limit` parcels are polled per run, the longest-waiting first', async () => {
    const oldest = await newShipment({
      trackingNumber: findTrackingNumber('ups', 'on_time', 10),
      shippedAt: at('2026-03-02T06:00:00Z'),
    })
    const middle = await newShipment({
      trackingNumber: findTrackingNumber('ups', 'on_time', 20),
      shippedAt: at('2026-03-02T07:00:00Z'),
    })
    const newest = await newShipment({
      trackingNumber: findTrackingNumber('ups', 'on_time', 30),
      shippedAt: at('2026-03-02T08:00:00Z'),
    })

    const result = await refreshDueShipments({ now: at('2026-03-02T12:00:00Z'), limit: 2 })

    expect(result.polled).toBe(2)
    expect((await shipmentRow(oldest.id)).last_polled_at).not.toBeNull()
    expect((await shipmentRow(middle.id)).last_polled_at).not.toBeNull()
    expect((await shipmentRow(newest.id)).last_polled_at).toBeNull()
  })

  test('a parcel the carrier cannot be asked about is retried later without stopping the others', async () => {
    const broken = await newShipment({
      carrier: 'acme-post',
      trackingNumber: 'ACME123',
      shippedAt: at('2026-03-02T06:00:00Z'),
    })
    const fine = await newShipment({ trackingNumber })

    const result = await refreshDueShipments({ now: midway, limit: 100 })

    expect(result).toMatchObject({ polled: 1, failed: 1 })
    expect((await shipmentRow(broken.id)).next_poll_at).toEqual(new Date(midway.getTime() + 20 * 60_000))
    expect(await eventRows(fine.id)).toHaveLength(visibleAt(midway))
  })
})
