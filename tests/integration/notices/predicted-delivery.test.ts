import { sql } from 'kysely'
import { expect, test } from 'vitest'
import { getOrderTracking } from '#app/services/buyer/get-order-tracking.server'
import { scanDelays } from '#app/services/notices/scan-delays.server'
import { applyCarrierEvents } from '#app/services/tracking/apply-carrier-events.server'
import { db } from '#db/client'
import { listNotifications } from '#db/queries/notifications'
import { carrierEvent, createOrder, createShipment, createShop } from '#tests/factories'

const at = (iso: string) => new Date(iso)

async function deliveredParcel(shopId: string, shippedAt: Date, deliveredAt: Date) {
  const order = await createOrder({ shopId, countryCode: 'DE' })
  const s = await createShipment({ shopId, orderId: order.id, shippedAt })
  await applyCarrierEvents({
    shopId,
    shipmentId: s.id,
    source: 'test',
    events: [
      carrierEvent({ at: new Date(shippedAt.getTime() + 3_600_000), status: 'in_transit' }),
      carrierEvent({ at: deliveredAt, status: 'delivered' }),
    ],
    estimatedDelivery: null,
    now: deliveredAt,
  })
}

test('with enough history on the route, a parcel predicted to arrive after its promised day is "likely late", on the page and by email', async () => {
  const shop = await createShop()
  // 20 parcels to Germany, each 5 business days in transit (Monday → next Monday).
  for (let i = 0; i < 20; i++) {
    await deliveredParcel(shop.id, at('2026-02-02T09:00:00Z'), at('2026-02-09T09:00:00Z'))
  }
  // A parcel shipped Monday 2 March with a promise of Thursday 5 March: history says Monday 9 March.
  const order = await createOrder({
    shopId: shop.id,
    countryCode: 'DE',
    promisedBy: at('2026-03-05T18:00:00Z'),
  })
  const s = await createShipment({
    shopId: shop.id,
    orderId: order.id,
    shippedAt: at('2026-03-02T09:00:00Z'),
  })
  const now = at('2026-03-03T12:00:00Z')
  await applyCarrierEvents({
    shopId: shop.id,
    shipmentId: s.id,
    source: 'test',
    events: [carrierEvent({ at: '2026-03-03T08:00:00Z', status: 'in_transit' })],
    estimatedDelivery: null,
    now,
  })
  const { rows } = await sql<{ predicted_eta: Date; delay_level: string; delay_reason: string }>`
    select predicted_eta, delay_level, delay_reason from shipments where id = ${s.id}`.execute(db)
  expect(rows[0]).toEqual({
    predicted_eta: at('2026-03-09T09:00:00Z'),
    delay_level: 'at_risk',
    delay_reason: 'predicted_late',
  })

  const view = await getOrderTracking({ shopId: shop.id, orderId: order.id, now })
  expect(view!.parcels[0]!.delay).toMatchObject({ level: 'at_risk', reason: 'predicted_late' })

  await scanDelays({ now })
  const delay = (await listNotifications(db, { shopId: shop.id, template: 'delay' })).map((n) => n.dedupe_key)
  expect(delay).toEqual([`notice:${s.id}:at_risk`])
})

test('with too little history there is no prediction and the parcel stays on time', async () => {
  const shop = await createShop()
  for (let i = 0; i < 5; i++) {
    await deliveredParcel(shop.id, at('2026-02-02T09:00:00Z'), at('2026-02-09T09:00:00Z'))
  }
  const order = await createOrder({
    shopId: shop.id,
    countryCode: 'DE',
    promisedBy: at('2026-03-05T18:00:00Z'),
  })
  const s = await createShipment({
    shopId: shop.id,
    orderId: order.id,
    shippedAt: at('2026-03-02T09:00:00Z'),
  })
  await applyCarrierEvents({
    shopId: shop.id,
    shipmentId: s.id,
    source: 'test',
    events: [carrierEvent({ at: '2026-03-03T08:00:00Z', status: 'in_transit' })],
    estimatedDelivery: null,
    now: at('2026-03-03T12:00:00Z'),
  })
  const { rows } = await sql<{ predicted_eta: Date | null; delay_level: string }>`
    select predicted_eta, delay_level from shipments where id = ${s.id}`.execute(db)
  expect(rows[0]).toEqual({ predicted_eta: null, delay_level: 'on_time' })
})
