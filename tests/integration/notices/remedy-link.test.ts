import { beforeEach, expect, test } from 'vitest'
import { action, loader } from '#app/routes/track.$orderToken_.remedy.$shipmentId.$remedy'
import { createBuyerToken, EMAIL_TOKEN_TTL_MS } from '#app/services/buyer/access-token.server'
import { clearShopCache } from '#app/services/shops/resolve-shop.server'
import { applyCarrierEvents } from '#app/services/tracking/apply-carrier-events.server'
import { DEFAULT_NOTICE_SETTINGS } from '#app/domain/notices/settings'
import { db } from '#db/client'
import { upsertNoticeSettings } from '#db/queries/notices'
import { carrierEvent, createOrder, createShipment, createShop, type TestShop } from '#tests/factories'
import { callAction, callLoader, formRequest, getRequest, shopUrl } from '#tests/helpers/requests'

const HOUR = 3_600_000
let shop: TestShop

beforeEach(() => {
  clearShopCache()
})

/** A parcel that was scanned once, `silentHours` ago, and has been silent since. */
async function silentParcel(silentHours: number) {
  shop = await createShop()
  const order = await createOrder({ shopId: shop.id, items: [{ unitPriceMinor: 4000 }] })
  const now = new Date()
  const lastScan = new Date(now.getTime() - silentHours * HOUR)
  const shipment = await createShipment({
    shopId: shop.id,
    orderId: order.id,
    shippedAt: new Date(lastScan.getTime() - HOUR),
    items: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }],
  })
  await applyCarrierEvents({
    shopId: shop.id,
    shipmentId: shipment.id,
    source: 'test',
    events: [carrierEvent({ at: lastScan, status: 'in_transit' })],
    estimatedDelivery: null,
    now,
  })
  const token = createBuyerToken({ shopId: shop.id, orderId: order.id }, now, EMAIL_TOKEN_TTL_MS)
  return { order, shipment, token }
}

const url = (token: string, shipmentId: string, remedy: string) =>
  shopUrl(shop, `/track/${token}/remedy/${shipmentId}/${remedy}`)
const params = (token: string, shipmentId: string, remedy: string) => ({
  orderToken: token,
  shipmentId,
  remedy,
})

test('a valid remedy link shows the parcel and, confirmed, opens a not-arrived case with that remedy', async () => {
  const { shipment, token } = await silentParcel(10 * 24) // stalled: reship is offered
  const page = await callLoader(
    loader,
    getRequest(url(token, shipment.id, 'reship')),
    params(token, shipment.id, 'reship'),
  )
  expect(page.status).toBe(200)
  expect((await page.json()).view).toMatchObject({
    remedy: 'reship',
    offered: true,
    parcel: { level: 'stalled' },
  })

  const done = await callAction(
    action,
    formRequest(url(token, shipment.id, 'reship'), {}),
    params(token, shipment.id, 'reship'),
  )
  expect(done.status).toBe(302)
  expect(done.headers.get('Location')).toMatch(
    new RegExp(`^/track/${token.replace(/\./g, '\\.')}/case/R-\\d+\\?new=1$`),
  )
  const c = await db
    .selectFrom('cases')
    .select(['kind', 'complaint_kind', 'resolution', 'shipment_id'])
    .where('shop_id', '=', shop.id)
    .executeTakeFirstOrThrow()
  expect(c).toEqual({
    kind: 'complaint',
    complaint_kind: 'not_arrived',
    resolution: 'reship',
    shipment_id: shipment.id,
  })

  // Clicking again (or another remedy) goes to the same case instead of opening a second one.
  const again = await callAction(
    action,
    formRequest(url(token, shipment.id, 'refund'), {}),
    params(token, shipment.id, 'refund'),
  )
  expect(again.headers.get('Location')).toBe(done.headers.get('Location'))
  expect(await db.selectFrom('cases').select('id').where('shop_id', '=', shop.id).execute()).toHaveLength(1)
})

test('waiting records nothing and thanks the buyer', async () => {
  const { shipment, token } = await silentParcel(10 * 24)
  const done = await callAction(
    action,
    formRequest(url(token, shipment.id, 'wait'), {}),
    params(token, shipment.id, 'wait'),
  )
  expect(done.headers.get('Location')).toBe(`/track/${token}/remedy/${shipment.id}/wait?done=wait`)
  expect(await db.selectFrom('cases').select('id').where('shop_id', '=', shop.id).execute()).toEqual([])
})

test('a tampered link goes back to /track with a message', async () => {
  const { shipment, token } = await silentParcel(10 * 24)
  const tampered = `${token.slice(0, -2)}xx`
  const r = await callLoader(
    loader,
    getRequest(url(tampered, shipment.id, 'refund')),
    params(tampered, shipment.id, 'refund'),
  )
  expect(r.status).toBe(302)
  expect(r.headers.get('Location')).toMatch(/^\/track\?lang=/)
})

test('a remedy the parcel is not offered right now is explained plainly and opens no case', async () => {
  const { shipment, token } = await silentParcel(2) // moving normally: nothing to remedy
  const page = await callLoader(
    loader,
    getRequest(url(token, shipment.id, 'refund')),
    params(token, shipment.id, 'refund'),
  )
  expect((await page.json()).view).toMatchObject({ offered: false, parcel: { level: 'on_time' } })
  const r = await callAction(
    action,
    formRequest(url(token, shipment.id, 'refund'), {}),
    params(token, shipment.id, 'refund'),
  )
  expect(r.status).toBe(422)
  expect(await r.json()).toEqual({ notOffered: true })
  expect(await db.selectFrom('cases').select('id').where('shop_id', '=', shop.id).execute()).toEqual([])
})

test('an unknown remedy or parcel is a 404, not an error', async () => {
  const { shipment, token } = await silentParcel(10 * 24)
  const bad = await callLoader(
    loader,
    getRequest(url(token, shipment.id, 'cash')),
    params(token, shipment.id, 'cash'),
  )
  expect(bad.status).toBe(404)
  const other = crypto.randomUUID()
  const missing = await callLoader(
    loader,
    getRequest(url(token, other, 'wait')),
    params(token, other, 'wait'),
  )
  expect(missing.status).toBe(404)
})

test('two clicks on remedy links at the same moment open one case', async () => {
  const { shipment, token } = await silentParcel(10 * 24)
  const click = (remedy: string) =>
    callAction(action, formRequest(url(token, shipment.id, remedy), {}), params(token, shipment.id, remedy))
  const [a, b] = await Promise.all([click('reship'), click('refund')])
  expect(a.status).toBe(302)
  expect(b.status).toBe(302)
  const cases = await db.selectFrom('cases').select('number').where('shop_id', '=', shop.id).execute()
  expect(cases).toHaveLength(1)
  expect(b.headers.get('Location')?.replace('?new=1', '')).toBe(
    a.headers.get('Location')?.replace('?new=1', ''),
  )
})

test('a late parcel whose carrier moved the date past the promise: the email’s reship link works, and staff review it', async () => {
  shop = await createShop()
  const order = await createOrder({ shopId: shop.id, items: [{ unitPriceMinor: 4000 }] })
  const now = new Date()
  const shipment = await createShipment({
    shopId: shop.id,
    orderId: order.id,
    shippedAt: new Date(now.getTime() - 30 * HOUR),
    promisedBy: new Date(now.getTime() + 48 * HOUR),
    items: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }],
  })
  // Moving, scanned an hour ago, but the carrier now expects it four days after the promised date.
  await applyCarrierEvents({
    shopId: shop.id,
    shipmentId: shipment.id,
    source: 'test',
    events: [carrierEvent({ at: new Date(now.getTime() - HOUR), status: 'in_transit' })],
    estimatedDelivery: new Date(now.getTime() + 6 * 24 * HOUR),
    now,
  })
  const token = createBuyerToken({ shopId: shop.id, orderId: order.id }, now, EMAIL_TOKEN_TTL_MS)
  const page = await callLoader(
    loader,
    getRequest(url(token, shipment.id, 'reship')),
    params(token, shipment.id, 'reship'),
  )
  expect((await page.json()).view).toMatchObject({
    offered: true,
    parcel: { level: 'late' },
  })
  const done = await callAction(
    action,
    formRequest(url(token, shipment.id, 'reship'), {}),
    params(token, shipment.id, 'reship'),
  )
  expect(done.status).toBe(302)
  const c = await db
    .selectFrom('cases')
    .select(['resolution', 'state'])
    .where('shop_id', '=', shop.id)
    .executeTakeFirstOrThrow()
  expect(c).toEqual({ resolution: 'reship', state: 'requested' })
  // Support reads why it waits for them.
  const review = await db
    .selectFrom('case_events')
    .select('details')
    .where('shop_id', '=', shop.id)
    .where('type', '=', 'review_needed')
    .executeTakeFirstOrThrow()
  expect((review.details as { sentence: string }).sentence).toMatch(
    /^The buyer chose this from the delay email, which offers it for a parcel that is late; .*staff decide\.$/,
  )
})

test('an apology coupon the shop offers in its delay email is granted at once, worth the apology', async () => {
  const { shipment, token } = await silentParcel(10 * 24)
  await db.transaction().execute((trx) =>
    upsertNoticeSettings(trx, {
      shopId: shop.id,
      settings: {
        ...DEFAULT_NOTICE_SETTINGS,
        remedies: { ...DEFAULT_NOTICE_SETTINGS.remedies, stalled: ['wait', 'coupon', 'reship'] },
      },
      staffId: null,
      at: new Date(),
    }),
  )
  const page = await callLoader(
    loader,
    getRequest(url(token, shipment.id, 'coupon')),
    params(token, shipment.id, 'coupon'),
  )
  // 10 % of the 40.00 paid for the parcel's items, the default apology.
  expect((await page.json()).view).toMatchObject({ offered: true, amountMinor: 400 })
  const done = await callAction(
    action,
    formRequest(url(token, shipment.id, 'coupon'), {}),
    params(token, shipment.id, 'coupon'),
  )
  expect(done.status).toBe(302)
  const c = await db
    .selectFrom('cases')
    .select(['id', 'resolution', 'state', 'issued_minor'])
    .where('shop_id', '=', shop.id)
    .executeTakeFirstOrThrow()
  expect(c).toMatchObject({ resolution: 'coupon', state: 'approved', issued_minor: 400 })
  const planned = await db
    .selectFrom('resolutions')
    .select(['kind', 'amount_minor', 'status'])
    .where('shop_id', '=', shop.id)
    .where('case_id', '=', c.id)
    .execute()
  expect(planned).toEqual([{ kind: 'coupon', amount_minor: 400, status: 'pending' }])

  // Once that case is closed, the same link opens a new case, but a second apology waits for staff.
  await db.updateTable('cases').set({ state: 'closed' }).where('id', '=', c.id).execute()
  const again = await callAction(
    action,
    formRequest(url(token, shipment.id, 'coupon'), {}),
    params(token, shipment.id, 'coupon'),
  )
  expect(again.status).toBe(302)
  const second = await db
    .selectFrom('cases')
    .select(['resolution', 'state'])
    .where('shop_id', '=', shop.id)
    .where('id', '!=', c.id)
    .executeTakeFirstOrThrow()
  expect(second).toEqual({ resolution: 'coupon', state: 'requested' })
})
