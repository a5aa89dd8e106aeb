import { beforeEach, describe, expect, test } from 'vitest'
import { action } from '#app/routes/webhooks.carriers.$carrier'
import { refreshDueShipments } from '#app/services/tracking/refresh-shipments.server'
import { db } from '#db/client'
import { signEasypostBody } from '#integrations/carriers/easypost'
import { createOrder, createShipment, createShop, type TestShop } from '#tests/factories'
import {
  easypostRequests,
  easypostWebhook,
  fakeEasypost,
  type FakeTracker,
  type FakeTrackingDetail,
} from '#tests/fakes/easypost'
import { switchEasypostOn } from '#tests/helpers/easypost-env'
import { callAction } from '#tests/helpers/requests'

const SECRET = 'whsec-integration-secret'
const TRACKING = '1Z999AA10123456784'

const labelCreated: FakeTrackingDetail = {
  status: 'pre_transit',
  status_detail: 'label_created',
  message: 'Shipper created a label',
  datetime: '2026-03-02T09:00:00Z',
}
const hubScan: FakeTrackingDetail = {
  status: 'in_transit',
  status_detail: 'arrived_at_facility',
  message: 'Arrived at Facility',
  datetime: '2026-03-03T08:00:00Z',
  city: 'Louisville',
  state: 'KY',
  country: 'US',
}
const delivered: FakeTrackingDetail = {
  status: 'delivered',
  status_detail: 'arrived_at_destination',
  message: 'Delivered, Front Door',
  datetime: '2026-03-04T13:00:00Z',
  city: 'Portland',
  state: 'OR',
  country: 'US',
}

switchEasypostOn(SECRET)

let shop: TestShop
let shipmentId: string

beforeEach(async () => {
  shop = await createShop()
  const order = await createOrder({ shopId: shop.id })
  shipmentId = (
    await createShipment({
      shopId: shop.id,
      orderId: order.id,
      carrier: 'ups',
      trackingNumber: TRACKING,
      shippedAt: new Date('2026-03-02T09:00:00Z'),
    })
  ).id
})

function tracker(details: FakeTrackingDetail[], status = details.at(-1)?.status ?? 'unknown'): FakeTracker {
  return fakeEasypost.setTracker({
    tracking_code: TRACKING,
    carrier: 'UPS',
    status,
    status_detail: details.at(-1)?.status_detail ?? null,
    est_delivery_date: '2026-03-05T23:59:00Z',
    tracking_details: details,
  })
}

function post(body: string, signature: string | null, carrier = 'easypost') {
  const headers = new Headers({ 'Content-Type': 'application/json' })
  if (signature !== null) headers.set('X-Hmac-Signature', signature)
  const request = new Request(`http://localhost/webhooks/carriers/${carrier}`, {
    method: 'POST',
    headers,
    body,
  })
  return callAction(action, request, { carrier })
}

function sendWebhook(t: FakeTracker, eventId?: string) {
  const { body, signature } = easypostWebhook(t, { secret: SECRET, eventId })
  return post(body, signature)
}

function shipment() {
  return db
    .selectFrom('shipments')
    .select(['status', 'raw_status', 'external_tracker_id', 'delivered_at', 'next_poll_at'])
    .where('id', '=', shipmentId)
    .executeTakeFirstOrThrow()
}

function events() {
  return db
    .selectFrom('tracking_events')
    .select(['status', 'raw_status', 'description', 'location', 'source'])
    .where('shipment_id', '=', shipmentId)
    .orderBy('occurred_at')
    .execute()
}

function deliveries() {
  return db.selectFrom('webhook_deliveries').select(['shop_id', 'provider', 'delivery_id']).execute()
}

describe('EasyPost webhooks', () => {
  test('a signed tracker update appends the scans, keeps the raw codes and records the delivery', async () => {
    const t = tracker([labelCreated, hubScan])
    const response = await sendWebhook(t, 'evt_first')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, outcome: 'applied' })

    expect(await events()).toEqual([
      {
        status: 'pre_transit',
        raw_status: 'pre_transit/label_created',
        description: 'Shipper created a label',
        location: null,
        source: 'easypost',
      },
      {
        status: 'in_transit',
        raw_status: 'in_transit/arrived_at_facility',
        description: 'Arrived at Facility',
        location: 'Louisville, KY, US',
        source: 'easypost',
      },
    ])
    expect(await shipment()).toMatchObject({ status: 'in_transit', external_tracker_id: t.id })
    expect(await deliveries()).toEqual([{ shop_id: shop.id, provider: 'easypost', delivery_id: 'evt_first' }])
  })

  test('the same webhook delivered twice is one delivery and one set of events', async () => {
    const t = tracker([labelCreated, hubScan])
    const { body, signature } = easypostWebhook(t, { secret: SECRET, eventId: 'evt_twice' })
    expect((await post(body, signature)).status).toBe(200)
    const again = await post(body, signature)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ ok: true, outcome: 'duplicate' })
    expect(await events()).toHaveLength(2)
    expect(await deliveries()).toHaveLength(1)
  })

  test('the same scans in a different event are not stored twice either', async () => {
    const t = tracker([labelCreated, hubScan])
    await sendWebhook(t, 'evt_a')
    await sendWebhook(t, 'evt_b')
    expect(await events()).toHaveLength(2)
    expect(await deliveries()).toHaveLength(2)
  })

  test('events delivered newest first, then an older one, still give the right current status', async () => {
    // EasyPost's later event (delivered) overtakes the earlier one (in transit) on the way to us.
    await sendWebhook(tracker([labelCreated, hubScan, delivered]), 'evt_newer')
    expect((await shipment()).status).toBe('delivered')

    await sendWebhook(tracker([labelCreated, hubScan], 'in_transit'), 'evt_older')
    const row = await shipment()
    expect(row.status).toBe('delivered')
    expect(row.raw_status).toBe('delivered/arrived_at_destination')
    expect(row.delivered_at).toEqual(new Date(delivered.datetime))
    expect((await events()).map((e) => e.status)).toEqual(['pre_transit', 'in_transit', 'delivered'])
  })

  test('scans arriving one webhook at a time in reverse order converge on the latest scan', async () => {
    await sendWebhook(tracker([delivered]), 'evt_3')
    await sendWebhook(tracker([hubScan]), 'evt_2')
    await sendWebhook(tracker([labelCreated]), 'evt_1')
    expect((await shipment()).status).toBe('delivered')
    expect((await events()).map((e) => e.status)).toEqual(['pre_transit', 'in_transit', 'delivered'])
  })

  test('a tampered body is refused with 401 and nothing is written', async () => {
    const { body, signature } = easypostWebhook(tracker([labelCreated, hubScan, delivered]), {
      secret: SECRET,
    })
    const response = await post(body.replace('Front Door', 'Back Door'), signature)
    expect(response.status).toBe(401)
    expect(await events()).toEqual([])
    expect(await deliveries()).toEqual([])
    expect((await shipment()).status).toBe('pre_transit')
  })

  test('a missing signature or one made with another secret is refused with 401', async () => {
    const { body } = easypostWebhook(tracker([labelCreated]), { secret: SECRET })
    expect((await post(body, null)).status).toBe(401)
    expect((await post(body, signEasypostBody(body, 'not-the-secret'))).status).toBe(401)
    expect(await deliveries()).toEqual([])
  })

  test('malformed JSON with a valid signature is a 400, not a 500', async () => {
    const body = '{"object":"Event",'
    const response = await post(body, signEasypostBody(body, SECRET))
    expect(response.status).toBe(400)
    expect(await deliveries()).toEqual([])
  })

  test('a carrier we take no webhooks from is a 404', async () => {
    const { body, signature } = easypostWebhook(tracker([labelCreated]), { secret: SECRET })
    expect((await post(body, signature, 'fedex')).status).toBe(404)
    expect((await post(body, signature, '../etc')).status).toBe(404)
  })

  test('a tracker we do not know is answered 200 and recorded, so its retries are no-ops', async () => {
    const stranger = fakeEasypost.setTracker({
      tracking_code: '9400111201080805483016',
      carrier: 'USPS',
      status: 'in_transit',
      status_detail: null,
      est_delivery_date: null,
      tracking_details: [hubScan],
    })
    const response = await sendWebhook(stranger, 'evt_stranger')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, outcome: 'unknown_tracker' })
    expect(await deliveries()).toEqual([{ shop_id: null, provider: 'easypost', delivery_id: 'evt_stranger' }])
    expect(await events()).toEqual([])
  })

  test('a webhook only reaches the shop that owns the tracker', async () => {
    const t = tracker([labelCreated, hubScan])
    await sendWebhook(t, 'evt_owner')
    // Another shop ships a parcel with the same tracking number later: the stored tracker id decides.
    const other = await createShop()
    const otherOrder = await createOrder({ shopId: other.id })
    const otherShipment = await createShipment({
      shopId: other.id,
      orderId: otherOrder.id,
      carrier: 'ups',
      trackingNumber: TRACKING,
    })
    await sendWebhook(tracker([labelCreated, hubScan, delivered]), 'evt_owner_again')
    const otherEvents = await db
      .selectFrom('tracking_events')
      .select('id')
      .where('shipment_id', '=', otherShipment.id)
      .execute()
    expect(otherEvents).toEqual([])
    expect((await shipment()).status).toBe('delivered')
  })
})

describe('polling EasyPost', () => {
  test('the first poll creates the tracker and stores its id; the next fetches it by id', async () => {
    const t = tracker([labelCreated, hubScan])
    const first = await refreshDueShipments({ now: new Date('2026-03-03T10:00:00Z'), limit: 10 })
    expect(first).toEqual({ polled: 1, newEvents: 2, failed: 0 })
    expect((await shipment()).external_tracker_id).toBe(t.id)

    tracker([labelCreated, hubScan, delivered])
    const later = new Date('2026-03-04T20:00:00Z')
    const second = await refreshDueShipments({ now: later, limit: 10 })
    expect(second).toEqual({ polled: 1, newEvents: 1, failed: 0 })
    expect(easypostRequests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /trackers',
      `GET /trackers/${t.id}`,
    ])
    expect((await shipment()).status).toBe('delivered')
  })

  test('a parcel updated by webhook is polled again only as a safety net, hours later', async () => {
    const now = new Date('2026-03-03T10:00:00Z')
    const { body, signature } = easypostWebhook(tracker([labelCreated, hubScan]), { secret: SECRET })
    await post(body, signature)
    const { next_poll_at } = await shipment()
    expect(next_poll_at.getTime() - Date.now()).toBeGreaterThan(5 * 3600_000)
    expect(await refreshDueShipments({ now, limit: 10 })).toEqual({ polled: 0, newEvents: 0, failed: 0 })
  })

  test('a rate-limited poll is postponed by the time EasyPost asks for', async () => {
    tracker([labelCreated])
    fakeEasypost.failNext({ status: 429, headers: { 'Retry-After': '600' } })
    const now = new Date('2026-03-03T10:00:00Z')
    expect(await refreshDueShipments({ now, limit: 10 })).toEqual({ polled: 0, newEvents: 0, failed: 1 })
    expect((await shipment()).next_poll_at).toEqual(new Date(now.getTime() + 600_000))
  })
})
