import { beforeEach, describe, expect, test } from 'vitest'
import { loader as adminLoader } from '#app/routes/admin._index'
import { action as loginAction } from '#app/routes/auth.login'
import { loader as supportLoader } from '#app/routes/support._index'
import { loader as orderLoader } from '#app/routes/track.$orderToken'
import type { OrderTrackingView } from '#app/services/buyer/get-order-tracking.server'
import { clearShopCache } from '#app/services/shops/resolve-shop.server'
import { applyCarrierEvents } from '#app/services/tracking/apply-carrier-events.server'
import type { CarrierEvent } from '#integrations/carriers/carrier'
import {
  carrierEvent,
  createOrder,
  createShipment,
  createShop,
  createStaff,
  type TestShop,
} from '#tests/factories'
import { callAction, callLoader, cookieFrom, formRequest, getRequest, shopUrl } from '#tests/helpers/requests'

const HOUR = 3_600_000
const DAY = 24 * HOUR

interface Overview {
  orderCount: number
  activeParcels: number
  inTrouble: number
  delivered: number
  recent: { number: number; parcels: number; worstLevel: string; buyerView: string }[]
}
interface Parcel {
  orderNumber: number
  level: string
  trackingNumber: string
  buyerView: string
}

let shop: TestShop
let adminCookie: string
let agentCookie: string

async function signIn(role: 'admin' | 'agent') {
  const staff = await createStaff({ shopId: shop.id, role })
  const response = await callAction(
    loginAction,
    formRequest(shopUrl(shop, '/auth/login'), { email: staff.email, password: staff.password }),
  )
  expect(response.status).toBe(302)
  return cookieFrom(response)
}

/** An order with one parcel whose scans (times relative to now) put it in a known state. */
async function orderWithParcel(
  number: number,
  shopId: string,
  scans: { hoursAgo: number; status: CarrierEvent['status']; detail?: CarrierEvent['detail'] }[],
  etas: { firstInDays: number; nowInDays?: number } = { firstInDays: 2 },
) {
  const now = Date.now()
  const order = await createOrder({ shopId, number, placedAt: new Date(now - 3 * HOUR) })
  const shipment = await createShipment({
    shopId,
    orderId: order.id,
    shippedAt: new Date(now - 2 * HOUR),
    items: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }],
  })
  const events = scans.map((s) =>
    carrierEvent({ at: new Date(now - s.hoursAgo * HOUR), status: s.status, detail: s.detail }),
  )
  const apply = (eta: number, list: CarrierEvent[]) =>
    applyCarrierEvents({
      shopId,
      shipmentId: shipment.id,
      source: 'test',
      events: list,
      estimatedDelivery: new Date(now + eta * DAY),
      now: new Date(now),
    })
  await apply(etas.firstInDays, events.slice(0, 1))
  await apply(etas.nowInDays ?? etas.firstInDays, events)
  return { order, shipment }
}

beforeEach(async () => {
  clearShopCache()
  shop = await createShop()
  adminCookie = await signIn('admin')
  agentCookie = await signIn('agent')
})

async function seedParcels() {
  const picked = { hoursAgo: 2, status: 'pre_transit' as const }
  return {
    onTime: await orderWithParcel(1001, shop.id, [picked, { hoursAgo: 1, status: 'in_transit' }]),
    late: await orderWithParcel(1002, shop.id, [picked, { hoursAgo: 1, status: 'in_transit' }], {
      firstInDays: 1,
      nowInDays: 4,
    }),
    exception: await orderWithParcel(1003, shop.id, [
      picked,
      { hoursAgo: 1, status: 'exception', detail: 'address' },
    ]),
    lost: await orderWithParcel(1004, shop.id, [picked, { hoursAgo: 1, status: 'lost' }]),
    delivered: await orderWithParcel(1005, shop.id, [picked, { hoursAgo: 1, status: 'delivered' }]),
    unshipped: await createOrder({ shopId: shop.id, number: 1006, placedAt: new Date(Date.now() - HOUR) }),
  }
}

describe('the admin overview', () => {
  test('is only for admins', async () => {
    expect((await callLoader(adminLoader, getRequest(shopUrl(shop, '/admin')))).status).toBe(302)
    expect(
      (await callLoader(adminLoader, getRequest(shopUrl(shop, '/admin'), { cookie: agentCookie }))).status,
    ).toBe(403)
    expect(
      (await callLoader(adminLoader, getRequest(shopUrl(shop, '/admin'), { cookie: adminCookie }))).status,
    ).toBe(200)
  })

  test("counts this shop's orders and parcels by state, and lists the newest orders with their worst parcel", async () => {
    await seedParcels()
    const other = await createShop()
    await orderWithParcel(1001, other.id, [{ hoursAgo: 1, status: 'exception', detail: 'damaged' }])

    const response = await callLoader(
      adminLoader,
      getRequest(shopUrl(shop, '/admin'), { cookie: adminCookie }),
    )
    const { overview } = (await response.json()) as { overview: Overview }

    expect(overview).toMatchObject({ orderCount: 6, activeParcels: 3, delivered: 1 })
    expect(overview.recent.map((o) => [o.number, o.parcels, o.worstLevel])).toEqual(
      expect.arrayContaining([
        [1001, 1, 'on_time'],
        [1002, 1, 'late'],
        [1003, 1, 'exception'],
        [1004, 1, 'lost'],
        [1005, 1, 'on_time'],
        [1006, 0, 'on_time'],
      ]),
    )
    expect(overview.recent).toHaveLength(6)
  })

  test("each order links to the buyer's own view of it", async () => {
    await seedParcels()
    const response = await callLoader(
      adminLoader,
      getRequest(shopUrl(shop, '/admin'), { cookie: adminCookie }),
    )
    const { overview } = (await response.json()) as { overview: Overview }
    const row = overview.recent.find((o) => o.number === 1003)!
    const token = row.buyerView.replace(/^\/track\//, '')

    const page = await callLoader(orderLoader, getRequest(shopUrl(shop, row.buyerView)), {
      orderToken: token,
    })
    expect(page.status).toBe(200)
    expect(((await page.json()) as { view: OrderTrackingView }).view.order.number).toBe('#1003')
  })
})

describe('the support list of parcels needing attention', () => {
  test('is for agents and admins, not for anonymous visitors', async () => {
    expect((await callLoader(supportLoader, getRequest(shopUrl(shop, '/support')))).status).toBe(302)
    expect(
      (await callLoader(supportLoader, getRequest(shopUrl(shop, '/support'), { cookie: agentCookie })))
        .status,
    ).toBe(200)
    expect(
      (await callLoader(supportLoader, getRequest(shopUrl(shop, '/support'), { cookie: adminCookie })))
        .status,
    ).toBe(200)
  })

  test("lists only this shop's parcels in trouble, worst first", async () => {
    const parcels = await seedParcels()
    const other = await createShop()
    await orderWithParcel(1003, other.id, [{ hoursAgo: 1, status: 'exception', detail: 'damaged' }])

    const response = await callLoader(
      supportLoader,
      getRequest(shopUrl(shop, '/support'), { cookie: agentCookie }),
    )
    const list = ((await response.json()) as { parcels: Parcel[] }).parcels

    expect(list.map((p) => [p.orderNumber, p.level])).toEqual([
      [1004, 'lost'],
      [1003, 'exception'],
      [1002, 'late'],
    ])
    expect(list.map((p) => p.trackingNumber)).not.toContain(parcels.onTime.shipment.trackingNumber)
  })

  test("the admin's count of parcels needing attention is the number of parcels on the support list", async () => {
    await seedParcels()
    const admin = await callLoader(adminLoader, getRequest(shopUrl(shop, '/admin'), { cookie: adminCookie }))
    const support = await callLoader(
      supportLoader,
      getRequest(shopUrl(shop, '/support'), { cookie: adminCookie }),
    )
    const { overview } = (await admin.json()) as { overview: Overview }
    const { parcels } = (await support.json()) as { parcels: Parcel[] }

    // The overview shows this number as a link to the support list.
    expect(overview.inTrouble).toBe(parcels.length)
  })
})
