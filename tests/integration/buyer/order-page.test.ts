import { beforeEach, describe, expect, test } from 'vitest'
import { loader as lookupLoader } from '#app/routes/track._index'
import { loader as orderLoader } from '#app/routes/track.$orderToken'
import { createBuyerToken, LOOKUP_TOKEN_TTL_MS } from '#app/services/buyer/access-token.server'
import { rememberBuyerOrder } from '#app/services/buyer/buyer-session.server'
import type { OrderTrackingView } from '#app/services/buyer/get-order-tracking.server'
import { clearShopCache } from '#app/services/shops/resolve-shop.server'
import { applyCarrierEvents } from '#app/services/tracking/apply-carrier-events.server'
import { carrierEvent, createOrder, createShipment, createShop, type TestShop } from '#tests/factories'
import { callLoader, cookieFrom, getRequest, shopUrl } from '#tests/helpers/requests'

const HOUR = 3_600_000

let shop: TestShop

beforeEach(async () => {
  clearShopCache()
  shop = await createShop({ name: 'Birch & Bay' })
})

function openOrderPage(token: string, options: { cookie?: string | null; host?: TestShop } = {}) {
  const request = getRequest(shopUrl(options.host ?? shop, `/track/${encodeURIComponent(token)}`), {
    cookie: options.cookie,
  })
  return callLoader(orderLoader, request, { orderToken: token })
}

async function viewOf(response: Response) {
  expect(response.status).toBe(200)
  return ((await response.json()) as { view: OrderTrackingView }).view
}

const byTitle = <T extends { title: string }>(items: T[]) =>
  [...items].sort((a, b) => a.title.localeCompare(b.title))

describe('with a valid link', () => {
  test('a partly shipped order shows each parcel with its own items and what is still to ship', async () => {
    const now = Date.now()
    const order = await createOrder({
      shopId: shop.id,
      number: 1001,
      items: [
        { title: 'Merino Crew Sweater', quantity: 1 },
        { title: 'Organic Cotton Tee', quantity: 3 },
        { title: 'Wool Beanie', quantity: 1 },
      ],
    })
    const [sweater, tee] = order.lineItems
    const first = await createShipment({
      shopId: shop.id,
      orderId: order.id,
      carrier: 'ups',
      shippedAt: new Date(now - 30 * HOUR),
      items: [
        { lineItemId: sweater!.id, quantity: 1 },
        { lineItemId: tee!.id, quantity: 1 },
      ],
    })
    const second = await createShipment({
      shopId: shop.id,
      orderId: order.id,
      carrier: 'dpd',
      trackingNumber: '01015026003653',
      shippedAt: new Date(now - 3 * HOUR),
      items: [{ lineItemId: tee!.id, quantity: 1 }],
    })
    await applyCarrierEvents({
      shopId: shop.id,
      shipmentId: first.id,
      source: 'test',
      events: [
        carrierEvent({ at: new Date(now - 30 * HOUR), status: 'pre_transit' }),
        carrierEvent({ at: new Date(now - 20 * HOUR), status: 'in_transit', location: 'Louisville, KY, US' }),
        carrierEvent({ at: new Date(now - 2 * HOUR), status: 'delivered', location: 'Portland, OR, US' }),
      ],
      estimatedDelivery: new Date(now + 24 * HOUR),
      now: new Date(now),
    })
    await applyCarrierEvents({
      shopId: shop.id,
      shipmentId: second.id,
      source: 'test',
      events: [
        carrierEvent({ at: new Date(now - 3 * HOUR), status: 'pre_transit' }),
        carrierEvent({ at: new Date(now - HOUR), status: 'in_transit', location: 'Leipzig, DE' }),
      ],
      estimatedDelivery: new Date(now + 48 * HOUR),
      now: new Date(now),
    })

    const response = await openOrderPage(createBuyerToken({ shopId: shop.id, orderId: order.id }, new Date()))
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const view = await viewOf(response)

    expect(view.order.number).toBe('#1001')
    expect(view.shop.name).toBe('Birch & Bay')
    expect(view.parcels.map((p) => [p.trackingNumber, p.status])).toEqual([
      [first.trackingNumber, 'delivered'],
      ['01015026003653', 'in_transit'],
    ])
    const [delivered, moving] = view.parcels
    expect(byTitle(delivered!.items).map((i) => [i.title, i.quantity])).toEqual([
      ['Merino Crew Sweater', 1],
      ['Organic Cotton Tee', 1],
    ])
    expect(moving!.items.map((i) => [i.title, i.quantity])).toEqual([['Organic Cotton Tee', 1]])
    // Newest scan first.
    expect(delivered!.events.map((e) => e.status)).toEqual(['delivered', 'in_transit', 'pre_transit'])
    expect(delivered!.deliveredAt).toBe(new Date(now - 2 * HOUR).toISOString())
    expect(moving!.lastLocation).toBe('Leipzig, DE')
    expect(moving!.carrierName).toBe('DPD')
    expect(byTitle(view.notShipped).map((i) => [i.title, i.quantity])).toEqual([
      ['Organic Cotton Tee', 1],
      ['Wool Beanie', 1],
    ])
    expect(view.allDelivered).toBe(false)
  })

  test('an order with nothing shipped yet lists every item as not shipped', async () => {
    const order = await createOrder({
      shopId: shop.id,
      items: [{ title: 'Canvas Weekender Bag', quantity: 2 }],
    })
    const view = await viewOf(
      await openOrderPage(createBuyerToken({ shopId: shop.id, orderId: order.id }, new Date())),
    )
    expect(view.parcels).toEqual([])
    expect(view.notShipped.map((i) => [i.title, i.quantity])).toEqual([['Canvas Weekender Bag', 2]])
    expect(view.allDelivered).toBe(false)
  })

  test('a link from an email (long lifetime) still opens the order weeks later', async () => {
    const order = await createOrder({ shopId: shop.id })
    const token = createBuyerToken(
      { shopId: shop.id, orderId: order.id },
      new Date(Date.now() - 30 * 24 * HOUR),
      60 * 24 * HOUR,
    )
    expect((await openOrderPage(token)).status).toBe(200)
  })
})

describe('a link that does not grant access', () => {
  async function badTokens() {
    const order = await createOrder({ shopId: shop.id, number: 1001 })
    const other = await createOrder({ shopId: shop.id, number: 1002 })
    const otherShop = await createShop()
    const foreign = await createOrder({ shopId: otherShop.id, number: 1001 })
    const valid = createBuyerToken({ shopId: shop.id, orderId: order.id }, new Date())
    const [payload, signature] = valid.split('.') as [string, string]
    // Point the signed payload at another order of the same shop and keep the old signature.
    const swapped = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace(order.id, other.id),
    ).toString('base64url')
    const flip = (c: string) => (c === 'A' ? 'B' : 'A')
    return {
      'a tampered signature': `${payload}.${signature.slice(0, -1)}${flip(signature.slice(-1))}`,
      'a payload pointing at another order': `${swapped}.${signature}`,
      'an expired token': createBuyerToken(
        { shopId: shop.id, orderId: order.id },
        new Date(Date.now() - LOOKUP_TOKEN_TTL_MS - 60_000),
      ),
      'a malformed token': 'not-a-token',
      'an over-long token': `${payload}.${'A'.repeat(1000)}`,
      "another shop's valid token": createBuyerToken(
        { shopId: otherShop.id, orderId: foreign.id },
        new Date(),
      ),
      "a token naming this shop but another shop's order": createBuyerToken(
        { shopId: shop.id, orderId: foreign.id },
        new Date(),
      ),
    }
  }

  test.each([
    'a tampered signature',
    'a payload pointing at another order',
    'an expired token',
    'a malformed token',
    'an over-long token',
    "another shop's valid token",
    "a token naming this shop but another shop's order",
  ] as const)('%s sends the buyer back to the lookup form, which says so exactly once', async (kind) => {
    const token = (await badTokens())[kind]

    const response = await openOrderPage(token)
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/track(\?|$)/)
    const cookie = cookieFrom(response)
    expect(cookie).toMatch(/__homebound=/)

    const first = await callLoader(lookupLoader, getRequest(shopUrl(shop, '/track'), { cookie }))
    expect(((await first.json()) as { flash: string | null }).flash).toBe('badToken')

    const second = await callLoader(
      lookupLoader,
      getRequest(shopUrl(shop, '/track'), { cookie: cookieFrom(first, cookie) }),
    )
    expect(((await second.json()) as { flash: string | null }).flash).toBeNull()
  })

  test("another shop's token does not open that shop's order on this shop's host, but does on its own", async () => {
    const otherShop = await createShop()
    const foreign = await createOrder({ shopId: otherShop.id })
    const token = createBuyerToken({ shopId: otherShop.id, orderId: foreign.id }, new Date())

    expect((await openOrderPage(token)).status).toBe(302)
    expect((await openOrderPage(token, { host: otherShop })).status).toBe(200)
  })

  test('a bad link forgets the order the buyer had opened before', async () => {
    const order = await createOrder({ shopId: shop.id, number: 1001 })
    const valid = createBuyerToken({ shopId: shop.id, orderId: order.id }, new Date())
    const remembered = await rememberBuyerOrder(getRequest(shopUrl(shop, '/track')), valid, 1001)
    const cookie = remembered.split(';')[0]!

    const before = await callLoader(lookupLoader, getRequest(shopUrl(shop, '/track'), { cookie }))
    expect(((await before.json()) as { current: unknown }).current).toEqual({ token: valid, order: '#1001' })

    const bounced = await openOrderPage('not-a-token', { cookie })
    const after = await callLoader(
      lookupLoader,
      getRequest(shopUrl(shop, '/track'), { cookie: cookieFrom(bounced, cookie) }),
    )
    expect(((await after.json()) as { current: unknown }).current).toBeNull()
  })
})
