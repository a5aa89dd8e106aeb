import { expect, test } from 'vitest'
import { DEFAULT_RETURN_POLICY, type ReturnPolicy } from '#app/domain/policy/policy'
import { previewPolicyForOrder } from '#app/services/policies/preview-policy.server'
import { db } from '#db/client'
import { createOrder, createShipment, createShop } from '#tests/factories'

const now = new Date('2026-03-20T12:00:00Z')
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000)
const policy = (change: (p: ReturnPolicy) => void = () => {}): ReturnPolicy => {
  const p = structuredClone(DEFAULT_RETURN_POLICY)
  change(p)
  return p
}

async function markDelivered(shipmentId: string, at: Date) {
  await db
    .updateTable('shipments')
    .set({ status: 'delivered', delivered_at: at })
    .where('id', '=', shipmentId)
    .execute()
}

async function deliveredOrder(shopId: string, number: number) {
  const order = await createOrder({
    shopId,
    number,
    placedAt: daysAgo(12),
    fulfillmentStatus: 'fulfilled',
    items: [
      { title: 'Merino jumper', quantity: 2 },
      { title: 'Beanie', productTags: ['Final-Sale'] },
    ],
  })
  const parcel = await createShipment({ shopId, orderId: order.id, shippedAt: daysAgo(10) })
  await markDelivered(parcel.id, daysAgo(5))
  return order
}

test('each item gets the buyer’s answer under the given rules, with the deadline counted from delivery', async () => {
  const shop = await createShop()
  await deliveredOrder(shop.id, 1003)
  const preview = await previewPolicyForOrder({ shopId: shop.id, orderNumber: 1003, rules: policy(), now })
  expect(preview).toEqual({
    orderNumber: 1003,
    currency: 'EUR',
    items: [
      {
        title: 'Merino jumper',
        variantTitle: null,
        quantity: 2,
        eligible: true,
        sentence: 'You can return this item until 14 April 2026',
        deadline: '2026-04-14T23:59:59.999Z',
      },
      expect.objectContaining({ title: 'Beanie', quantity: 1, eligible: false }),
    ],
  })
  expect(preview!.items[1]!.sentence).toMatch(/final sale/i)
})

test('unsaved rules are what count: a 3-day window has closed on an order delivered 5 days ago', async () => {
  const shop = await createShop()
  await deliveredOrder(shop.id, 1003)
  const preview = await previewPolicyForOrder({
    shopId: shop.id,
    orderNumber: 1003,
    rules: policy((p) => (p.window.days = 3)),
    now,
  })
  expect(preview!.items[0]).toMatchObject({
    eligible: false,
    sentence: 'The 3-day window closed on 18 March 2026',
    deadline: '2026-03-18T23:59:59.999Z',
  })
})

test('while one parcel is still on its way the window counts from the first parcel’s shipping', async () => {
  const shop = await createShop()
  const order = await createOrder({ shopId: shop.id, number: 2001, placedAt: daysAgo(12) })
  const first = await createShipment({ shopId: shop.id, orderId: order.id, shippedAt: daysAgo(10) })
  await createShipment({ shopId: shop.id, orderId: order.id, shippedAt: daysAgo(8) })
  await markDelivered(first.id, daysAgo(6))
  const preview = await previewPolicyForOrder({ shopId: shop.id, orderNumber: 2001, rules: policy(), now })
  // Fallback is fulfilment: 10 days ago + 30 days.
  expect(preview!.items[0]!.deadline).toBe('2026-04-09T23:59:59.999Z')
})

test('an order of another shop, or no order at all, gives null', async () => {
  const shop = await createShop()
  const other = await createShop()
  await deliveredOrder(other.id, 1003)
  expect(await previewPolicyForOrder({ shopId: shop.id, orderNumber: 1003, rules: policy(), now })).toBeNull()
  expect(
    await previewPolicyForOrder({ shopId: other.id, orderNumber: 9999, rules: policy(), now }),
  ).toBeNull()
})
