import { sql } from 'kysely'
import { expect, test } from 'vitest'
import { scanDelays } from '#app/services/notices/scan-delays.server'
import { applyCarrierEvents } from '#app/services/tracking/apply-carrier-events.server'
import { db } from '#db/client'
import { listNotifications } from '#db/queries/notifications'
import { carrierEvent, createOrder, createShipment, createShop } from '#tests/factories'

// 2026-03-02 is a Monday; noon UTC is outside the default quiet hours (21–8) in UTC.
const at = (iso: string) => new Date(iso)

async function parcel(shopId: string, shippedAt = at('2026-03-02T09:00:00Z')) {
  const order = await createOrder({ shopId })
  const s = await createShipment({ shopId, orderId: order.id, shippedAt })
  return { order, shipment: s }
}

async function scan(
  shopId: string,
  events: Parameters<typeof carrierEvent>[0][],
  shipmentId: string,
  now: Date,
  eta: Date | null = null,
) {
  await applyCarrierEvents({
    shopId,
    shipmentId,
    source: 'test',
    events: events.map(carrierEvent),
    estimatedDelivery: eta,
    now,
  })
}

test('one notice per parcel per level, however often the scan runs', async () => {
  const shop = await createShop()
  const { shipment } = await parcel(shop.id)
  await scan(
    shop.id,
    [{ at: '2026-03-02T12:00:00Z', status: 'in_transit' }],
    shipment.id,
    at('2026-03-02T12:05:00Z'),
    at('2026-03-04T18:00:00Z'),
  )
  await scanDelays({ now: at('2026-03-02T12:10:00Z') })
  await scanDelays({ now: at('2026-03-02T12:11:00Z') })
  // The carrier moves its date: late.
  await scan(
    shop.id,
    [{ at: '2026-03-03T12:00:00Z', status: 'in_transit', key: 'b' }],
    shipment.id,
    at('2026-03-03T12:05:00Z'),
    at('2026-03-09T18:00:00Z'),
  )
  for (let i = 0; i < 3; i++) await scanDelays({ now: at('2026-03-03T12:10:00Z') })

  const notices = await listNotifications(db, { shopId: shop.id })
  expect(notices.map((n) => [n.template, n.dedupe_key])).toEqual([
    ['shipped', `notice:${shipment.id}:in_transit`],
    ['delay', `notice:${shipment.id}:late`],
  ])
  expect(notices[1]!.payload).toEqual({
    shipmentId: shipment.id,
    level: 'late',
    remedies: ['wait', 'reship', 'refund'],
  })
})

test('a later change of level sends a new notice, and a level seen before sends none again', async () => {
  const shop = await createShop()
  const { shipment } = await parcel(shop.id)
  await scan(
    shop.id,
    [{ at: '2026-03-02T12:00:00Z', status: 'in_transit' }],
    shipment.id,
    at('2026-03-02T12:05:00Z'),
    at('2026-03-03T18:00:00Z'),
  )
  await scanDelays({ now: at('2026-03-02T12:10:00Z') })
  // Silent for days: the poll finds it stalled.
  await scan(shop.id, [], shipment.id, at('2026-03-05T12:00:00Z'))
  await scanDelays({ now: at('2026-03-05T12:01:00Z') })
  // Moves again with a date later than the first one (late, a new level), then stalls again: stalled
  // was told already.
  await scan(
    shop.id,
    [{ at: '2026-03-05T13:00:00Z', status: 'in_transit', key: 'c' }],
    shipment.id,
    at('2026-03-05T13:05:00Z'),
    at('2026-03-06T18:00:00Z'),
  )
  await scanDelays({ now: at('2026-03-05T13:10:00Z') })
  await scan(shop.id, [], shipment.id, at('2026-03-10T14:00:00Z'))
  await scanDelays({ now: at('2026-03-10T14:01:00Z') })

  const keys = (await listNotifications(db, { shopId: shop.id })).map((n) => n.dedupe_key.split(':')[2])
  expect(keys).toEqual(['in_transit', 'stalled', 'late'])
})

test('parcels delivered long ago, or whose buyers were told, are never looked at again', async () => {
  const shop = await createShop()
  const { shipment } = await parcel(shop.id)
  await scan(
    shop.id,
    [
      { at: '2026-03-02T12:00:00Z', status: 'in_transit' },
      { at: '2026-03-03T12:00:00Z', status: 'delivered' },
    ],
    shipment.id,
    at('2026-03-20T12:00:00Z'),
  )
  const r = await scanDelays({ now: at('2026-03-20T12:01:00Z') })
  expect(r).toMatchObject({ marked: 1, queued: 0 })
  expect(await scanDelays({ now: at('2026-03-20T12:02:00Z') })).toMatchObject({ marked: 0, queued: 0 })
  expect(await listNotifications(db, { shopId: shop.id })).toEqual([])
})

test('inside quiet hours a notice waits for the end of them in the buyer’s zone', async () => {
  const shop = await createShop()
  const { order, shipment } = await parcel(shop.id)
  await sql`update orders set buyer_timezone = 'Europe/Warsaw' where id = ${order.id}`.execute(db)
  await scan(
    shop.id,
    [{ at: '2026-03-02T22:00:00Z', status: 'in_transit' }],
    shipment.id,
    at('2026-03-02T22:05:00Z'),
  )
  await scanDelays({ now: at('2026-03-02T22:30:00Z') }) // 23:30 in Warsaw
  const { rows } = await sql<{
    send_after: Date
  }>`select send_after from notifications where shop_id = ${shop.id}`.execute(db)
  expect(rows.map((r) => r.send_after)).toEqual([at('2026-03-03T07:00:00Z')])
})

test('a notice waiting for the scan goes to the email, language and zone the order has when the scan runs', async () => {
  const shop = await createShop()
  const { order, shipment } = await parcel(shop.id)
  await scan(
    shop.id,
    [{ at: '2026-03-02T22:00:00Z', status: 'in_transit' }],
    shipment.id,
    at('2026-03-02T22:05:00Z'),
  )
  // The order is corrected (as a Shopify update would) after the parcel's notice was queued.
  await sql`update orders set email = 'new@example.com', locale = 'pl', buyer_timezone = 'Europe/Warsaw'
    where id = ${order.id}`.execute(db)
  await scanDelays({ now: at('2026-03-02T22:30:00Z') }) // 23:30 in Warsaw
  const { rows } = await sql<{ to_email: string; locale: string; send_after: Date }>`
    select to_email, locale, send_after from notifications where shop_id = ${shop.id}`.execute(db)
  expect(rows).toEqual([
    { to_email: 'new@example.com', locale: 'pl', send_after: at('2026-03-03T07:00:00Z') },
  ])
})

test('a scan of one shop leaves another shop’s parcels and notices alone', async () => {
  const a = await createShop()
  const b = await createShop()
  const pa = await parcel(a.id)
  const pb = await parcel(b.id)
  await scan(
    a.id,
    [{ at: '2026-03-02T12:00:00Z', status: 'in_transit' }],
    pa.shipment.id,
    at('2026-03-02T12:05:00Z'),
  )
  await scan(
    b.id,
    [{ at: '2026-03-02T12:00:00Z', status: 'out_for_delivery' }],
    pb.shipment.id,
    at('2026-03-02T12:05:00Z'),
  )
  const { scanShopNotices } = await import('#app/services/notices/scan-delays.server')
  await scanShopNotices({ shopId: a.id, now: at('2026-03-02T12:10:00Z') })
  expect((await listNotifications(db, { shopId: a.id })).map((n) => n.template)).toEqual(['shipped'])
  expect(await listNotifications(db, { shopId: b.id })).toEqual([])
  const { rows } = await sql<{ shipment_id: string }>`select shipment_id from shipment_notice_queue`.execute(
    db,
  )
  expect(rows.map((r) => r.shipment_id)).toEqual([pb.shipment.id])
})

test('a stalled parcel’s delay email offers its remedies as links and gives no stale date as new', async () => {
  const { deliverOutbox } = await import('#app/services/mail/deliver-outbox.server')
  const { createMailer } = await import('#emails/mailer')
  const shop = await createShop()
  const { shipment } = await parcel(shop.id)
  await scan(
    shop.id,
    [{ at: '2026-03-02T12:00:00Z', status: 'in_transit' }],
    shipment.id,
    at('2026-03-02T12:05:00Z'),
    at('2026-03-03T18:00:00Z'),
  )
  await scan(shop.id, [], shipment.id, at('2026-03-06T12:00:00Z')) // silent since Monday: stalled
  await scanDelays({ now: at('2026-03-06T12:01:00Z') })
  await deliverOutbox({ now: at('2026-03-06T12:02:00Z'), mailer: createMailer({ smtpUrl: undefined }) })
  const { rows } = await sql<{ body_text: string }>`
    select body_text from notifications where shop_id = ${shop.id} and template = 'delay'`.execute(db)
  expect(rows).toHaveLength(1)
  expect(rows[0]!.body_text).toContain('The carrier has not given a new date yet')
  expect(rows[0]!.body_text).toContain(`/remedy/${shipment.id}/reship`)
  expect(rows[0]!.body_text).toContain(`/remedy/${shipment.id}/wait`)
})
