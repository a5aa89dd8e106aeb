// The wizard's pages as the browser reaches them: a forged link goes back to /track, steps cannot be
// skipped, and an oversized or disguised upload is refused with a message and writes nothing.
import sharp from 'sharp'
import { expect, test } from 'vitest'
import { action as stepAction, loader as stepLoader } from '#app/routes/track.$orderToken_.return.$step'
import { createBuyerToken } from '#app/services/buyer/access-token.server'
import { db } from '#db/client'
import { createOrder, createShipment, createShop } from '#tests/factories'
import { callAction, callLoader, formRequest, getRequest, shopUrl } from '#tests/helpers/requests'

const DAY = 86_400_000

async function setup() {
  const shop = await createShop()
  const order = await createOrder({
    shopId: shop.id,
    items: [{ quantity: 1, unitPriceMinor: 1200 }],
    placedAt: new Date(Date.now() - 6 * DAY),
  })
  await createShipment({ shopId: shop.id, orderId: order.id, shippedAt: new Date(Date.now() - 5 * DAY) })
  const token = createBuyerToken({ shopId: shop.id, orderId: order.id }, new Date())
  const url = (step: string) => shopUrl(shop, `/track/${token}/return/${step}`)
  return { shop, order, token, url }
}

function multipart(
  url: string,
  fields: Record<string, string>,
  files: { name: string; field: string; bytes: Uint8Array }[],
) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const f of files)
    form.append(f.field, new File([new Uint8Array(f.bytes)], f.name, { type: 'image/jpeg' }))
  return new Request(url, { method: 'POST', body: form })
}

test('a forged link goes back to /track, and a later step redirects to the first unanswered one', async () => {
  const s = await setup()
  const forged = await callLoader(
    stepLoader,
    getRequest(shopUrl(s.shop, `/track/${s.token}x/return/items`)),
    {
      orderToken: `${s.token}x`,
      step: 'items',
    },
  )
  expect(forged.status).toBe(302)
  expect(forged.headers.get('Location')).toMatch(/^\/track\?lang=/)
  const skipped = await callLoader(stepLoader, getRequest(s.url('review')), {
    orderToken: s.token,
    step: 'review',
  })
  expect(skipped.status).toBe(302)
  expect(skipped.headers.get('Location')).toBe(`/track/${s.token}/return/items`)
  const unknown = await callLoader(stepLoader, getRequest(s.url('payment')), {
    orderToken: s.token,
    step: 'payment',
  })
  expect(unknown.status).toBe(404)
})

test('a photo over 10 MB is refused with 413 and a message, and nothing is stored', async () => {
  const s = await setup()
  const item = s.order.lineItems[0]!.id
  const picked = await callAction(stepAction, formRequest(s.url('items'), { [`qty:${item}`]: '1' }), {
    orderToken: s.token,
    step: 'items',
  })
  expect(picked.status).toBe(302)
  const big = new Uint8Array(11 * 1024 * 1024)
  big.set([0xff, 0xd8, 0xff, 0xe0])
  const res = await callAction(
    stepAction,
    multipart(s.url('reasons'), { [`reason:${item}`]: 'arrived_damaged', intent: 'upload' }, [
      { name: 'huge.jpg', field: `photos:${item}`, bytes: big },
    ]),
    { orderToken: s.token, step: 'reasons' },
  )
  expect(res.status).toBe(413)
  expect(await res.json()).toMatchObject({ formError: 'photo.error.tooLarge' })
  expect(await db.selectFrom('photos').select('id').where('shop_id', '=', s.shop.id).execute()).toEqual([])
})

test('a real photo goes through the page and a PDF renamed .jpg is refused with 422', async () => {
  const s = await setup()
  const item = s.order.lineItems[0]!.id
  await callAction(stepAction, formRequest(s.url('items'), { [`qty:${item}`]: '1' }), {
    orderToken: s.token,
    step: 'items',
  })
  const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')
  const refused = await callAction(
    stepAction,
    multipart(s.url('reasons'), { [`reason:${item}`]: 'arrived_damaged' }, [
      { name: 'invoice.jpg', field: `photos:${item}`, bytes: pdf },
    ]),
    { orderToken: s.token, step: 'reasons' },
  )
  expect(refused.status).toBe(422)
  expect(await refused.json()).toMatchObject({
    fieldErrors: { [`photos:${item}`]: 'photo.error.notAnImage' },
  })

  const jpeg = new Uint8Array(
    await sharp({ create: { width: 32, height: 32, channels: 3, background: '#345' } })
      .jpeg()
      .toBuffer(),
  )
  const ok = await callAction(
    stepAction,
    multipart(s.url('reasons'), { [`reason:${item}`]: 'arrived_damaged' }, [
      { name: 'dent.jpg', field: `photos:${item}`, bytes: jpeg },
    ]),
    { orderToken: s.token, step: 'reasons' },
  )
  expect(ok.status).toBe(302)
  expect(ok.headers.get('Location')).toBe(`/track/${s.token}/return/resolution`)
  const stored = await db
    .selectFrom('photos')
    .select(['thumb_key', 'bytes'])
    .where('shop_id', '=', s.shop.id)
    .execute()
  expect(stored).toHaveLength(1)
  expect(stored[0]!.thumb_key).not.toBeNull()
})
