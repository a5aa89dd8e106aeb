// The buyer's return wizard through its service, as the pages call it: each step saved into the draft,
// bad answers refused with the field to fix and nothing saved, photos checked and stored, and the review
// turning the draft into one case however often it is submitted.
import sharp from 'sharp'
import { expect, test } from 'vitest'
import { getReturnWizard, handleReturnStep } from '#app/services/returns/return-wizard.server'
import type { UploadedFile } from '#app/services/returns/photos.server'
import { db } from '#db/client'
import { findCaseDetail } from '#db/queries/cases'
import { createOrder, createShipment, createShop } from '#tests/factories'

const now = new Date()
const DAY = 86_400_000

async function deliveredOrder(
  items = [
    { quantity: 2, unitPriceMinor: 4000 },
    { quantity: 1, unitPriceMinor: 1200 },
  ],
) {
  const shop = await createShop()
  const order = await createOrder({ shopId: shop.id, items, placedAt: new Date(now.getTime() - 6 * DAY) })
  await createShipment({
    shopId: shop.id,
    orderId: order.id,
    shippedAt: new Date(now.getTime() - 5 * DAY),
    items: order.lineItems.map((li) => ({ lineItemId: li.id, quantity: li.quantity })),
  })
  return { shop, order }
}

function step(
  ctx: { shop: { id: string }; order: { id: string } },
  name: 'items' | 'reasons' | 'resolution' | 'method' | 'review',
  fields: Record<string, string>,
  files: Map<string, UploadedFile[]> = new Map(),
) {
  return handleReturnStep({
    shopId: ctx.shop.id,
    orderId: ctx.order.id,
    step: name,
    fields,
    files,
    locale: 'en',
    now: new Date(),
  })
}

const jpeg = async () =>
  new Uint8Array(
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer(),
  )

test('a return walks items → reason → refund → sending → review and ends in one case with the server’s amounts', async () => {
  const ctx = await deliveredOrder()
  const [sweater] = ctx.order.lineItems
  expect(await step(ctx, 'items', { [`qty:${sweater!.id}`]: '2' })).toEqual({
    ok: true,
    redirectTo: 'reasons',
  })
  expect(await step(ctx, 'reasons', { [`reason:${sweater!.id}`]: 'wrong_size' })).toEqual({
    ok: true,
    redirectTo: 'resolution',
  })
  const atResolution = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  // Default policy for "wrong size": refund and store credit (+10%), less the €5.95 return fee; no exchange,
  // since the shop sells no other variant of this item (see tests/integration/exchanges).
  expect(atResolution!.resolutionOptions.map((o) => [o.resolution, o.totals.issuedMinor])).toEqual([
    ['refund', 8000 - 595],
    ['store_credit', 8000 - 595 + Math.round((8000 - 595) * 0.1)],
  ])
  expect(await step(ctx, 'resolution', { resolution: 'refund' })).toEqual({ ok: true, redirectTo: 'method' })
  expect(await step(ctx, 'method', { returnMethod: 'label' })).toEqual({ ok: true, redirectTo: 'review' })
  const view = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(view!.firstOpenStep).toBe('review')
  expect(view!.totals).toMatchObject({ paidMinor: 8000, returnShippingFeeMinor: 595, issuedMinor: 7405 })

  const draftId = view!.draftId!
  const [a, b] = await Promise.all([step(ctx, 'review', { draftId }), step(ctx, 'review', { draftId })])
  expect(a).toEqual({ ok: true, redirectTo: { caseNumber: 'R-1001' } })
  expect(b).toEqual({ ok: true, redirectTo: { caseNumber: 'R-1001' } })
  const saved = await findCaseDetail(db, ctx.shop.id, 1001)
  expect(saved).toMatchObject({ resolution: 'refund', return_method: 'label', total_minor: 7405 })
  expect(saved!.items).toHaveLength(1)
  const cases = await db.selectFrom('cases').select('id').where('shop_id', '=', ctx.shop.id).execute()
  expect(cases).toHaveLength(1)
  // A new visit starts a new draft: the old one is closed.
  const after = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(after!.draftId).toBeNull()
})

test('later steps stay closed until the earlier ones are answered, and answers survive a reload', async () => {
  const ctx = await deliveredOrder()
  const fresh = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(fresh!.firstOpenStep).toBe('items')
  await step(ctx, 'items', { [`qty:${ctx.order.lineItems[1]!.id}`]: '1' })
  const reloaded = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(reloaded!.firstOpenStep).toBe('reasons')
  expect(reloaded!.answers.items).toEqual([{ lineItemId: ctx.order.lineItems[1]!.id, quantity: 1 }])
  expect(await step(ctx, 'resolution', { resolution: 'refund' })).toMatchObject({
    ok: false,
    formError: 'wizard.error.reasonsFirst',
  })
})

test('tampered quantities, items from another order and unknown choices are refused and nothing is saved', async () => {
  const ctx = await deliveredOrder()
  const other = await deliveredOrder()
  const [sweater] = ctx.order.lineItems
  expect(await step(ctx, 'items', { [`qty:${sweater!.id}`]: '3' })).toMatchObject({
    ok: false,
    status: 422,
    fieldErrors: { [`qty:${sweater!.id}`]: 'wizard.error.tooMany' },
  })
  expect(await step(ctx, 'items', { [`qty:${sweater!.id}`]: '-1' })).toMatchObject({
    ok: false,
    fieldErrors: { [`qty:${sweater!.id}`]: 'wizard.error.quantity' },
  })
  expect(await step(ctx, 'items', { [`qty:${other.order.lineItems[0]!.id}`]: '1' })).toMatchObject({
    ok: false,
    formError: 'wizard.error.unknownItem',
  })
  expect(await step(ctx, 'items', {})).toMatchObject({ ok: false, formError: 'wizard.error.pickItem' })
  const view = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(view!.answers.items).toEqual([])

  await step(ctx, 'items', { [`qty:${sweater!.id}`]: '1' })
  expect(await step(ctx, 'reasons', { [`reason:${sweater!.id}`]: 'because' })).toMatchObject({
    ok: false,
    fieldErrors: { [`reason:${sweater!.id}`]: 'wizard.error.pickReason' },
  })
  await step(ctx, 'reasons', { [`reason:${sweater!.id}`]: 'changed_mind' })
  // Coupons are off in the default policy: a forged choice is refused.
  expect(await step(ctx, 'resolution', { resolution: 'coupon' })).toMatchObject({
    ok: false,
    fieldErrors: { resolution: 'wizard.error.pickResolution' },
  })
  await step(ctx, 'resolution', { resolution: 'refund' })
  // "Keep the item" is only for cheap items returned for the shop's mistake.
  expect(await step(ctx, 'method', { returnMethod: 'keep' })).toMatchObject({
    ok: false,
    fieldErrors: { returnMethod: 'wizard.error.pickMethod' },
  })
  // A review of a draft id that is not this order's opens nothing.
  expect(await step(ctx, 'review', { draftId: 'not-a-draft' })).toMatchObject({ ok: false, status: 400 })
  expect(await step(ctx, 'review', { draftId: crypto.randomUUID() })).toMatchObject({
    ok: false,
    formError: 'wizard.error.startAgain',
  })
  const cases = await db.selectFrom('cases').select('id').where('shop_id', '=', ctx.shop.id).execute()
  expect(cases).toEqual([])
})

test('a damaged item needs a photo: disguised files are refused, a real photo is stored cleaned with a thumbnail, and the cheap item may be kept', async () => {
  const ctx = await deliveredOrder()
  const bottle = ctx.order.lineItems[1]!
  await step(ctx, 'items', { [`qty:${bottle.id}`]: '1' })
  expect(await step(ctx, 'reasons', { [`reason:${bottle.id}`]: 'arrived_damaged' })).toMatchObject({
    ok: false,
    fieldErrors: { [`photos:${bottle.id}`]: 'wizard.error.photoRequired' },
  })
  const disguised = new Map([
    [
      `photos:${bottle.id}`,
      [{ name: 'photo.jpg', bytes: new TextEncoder().encode('<html>not a photo</html>') }],
    ],
  ])
  expect(await step(ctx, 'reasons', { [`reason:${bottle.id}`]: 'arrived_damaged' }, disguised)).toMatchObject(
    {
      ok: false,
      fieldErrors: { [`photos:${bottle.id}`]: 'photo.error.notAnImage' },
    },
  )
  const photo = new Map([[`photos:${bottle.id}`, [{ name: 'dent.jpg', bytes: await jpeg() }]]])
  expect(
    await step(ctx, 'reasons', { [`reason:${bottle.id}`]: 'arrived_damaged', intent: 'upload' }, photo),
  ).toEqual({ ok: true, redirectTo: 'reasons' })
  const view = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(view!.photos).toHaveLength(1)
  expect(view!.photos[0]).toMatchObject({ lineItemId: bottle.id, hasThumb: true, contentType: 'image/jpeg' })
  expect(view!.firstOpenStep).toBe('resolution')

  await step(ctx, 'resolution', { resolution: 'refund' })
  const atMethod = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  // €12 is under the €15 keep-the-item limit and damage waives the shipping fee.
  expect(atMethod!.methods).toContain('keep')
  expect(atMethod!.totals).toMatchObject({ issuedMinor: 1200, returnShippingFeeMinor: 0 })
  await step(ctx, 'method', { returnMethod: 'keep' })
  const result = await step(ctx, 'review', { draftId: atMethod!.draftId! })
  expect(result).toEqual({ ok: true, redirectTo: { caseNumber: 'R-1001' } })
  const saved = await findCaseDetail(db, ctx.shop.id, 1001)
  expect(saved).toMatchObject({ return_method: 'keep', state: 'approved' })
  const photos = await db
    .selectFrom('photos')
    .select(['case_id'])
    .where('shop_id', '=', ctx.shop.id)
    .execute()
  expect(photos).toEqual([{ case_id: saved!.id }])
})

test('more than five photos for one item are refused whole', async () => {
  const ctx = await deliveredOrder()
  const bottle = ctx.order.lineItems[1]!
  await step(ctx, 'items', { [`qty:${bottle.id}`]: '1' })
  const bytes = await jpeg()
  const six = new Map([
    [`photos:${bottle.id}`, Array.from({ length: 6 }, (_, i) => ({ name: `${i}.jpg`, bytes }))],
  ])
  expect(
    await step(ctx, 'reasons', { [`reason:${bottle.id}`]: 'arrived_damaged', intent: 'upload' }, six),
  ).toMatchObject({ ok: false, fieldErrors: { [`photos:${bottle.id}`]: 'photo.error.tooMany' } })
  const rows = await db.selectFrom('photos').select('id').where('shop_id', '=', ctx.shop.id).execute()
  expect(rows).toEqual([])
})

test('going back to add an item after choosing a refund asks for its reason again before the later steps', async () => {
  const ctx = await deliveredOrder()
  const [sweater, bottle] = ctx.order.lineItems
  await step(ctx, 'items', { [`qty:${sweater!.id}`]: '1' })
  await step(ctx, 'reasons', { [`reason:${sweater!.id}`]: 'wrong_size' })
  await step(ctx, 'resolution', { resolution: 'refund' })
  await step(ctx, 'method', { returnMethod: 'label' })
  expect(await step(ctx, 'items', { [`qty:${sweater!.id}`]: '1', [`qty:${bottle!.id}`]: '1' })).toEqual({
    ok: true,
    redirectTo: 'reasons',
  })
  const view = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(view!.firstOpenStep).toBe('reasons')
  expect(view!.totals).toBeNull()
  expect(view!.resolutionOptions).toEqual([])
  const draftId = view!.draftId!
  expect(await step(ctx, 'review', { draftId })).toMatchObject({
    ok: false,
    formError: 'wizard.error.incomplete',
    step: 'reasons',
  })
})
