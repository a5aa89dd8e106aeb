// "Report a problem" through its service: the playbook's answer follows what the carrier said, a remedy
// must be one the playbook offers at that moment, and the answer becomes one case with its history.
import { expect, test } from 'vitest'
import { getComplaintWizard, handleComplaintStep } from '#app/services/complaints/complaint-wizard.server'
import { applyCarrierEvents } from '#app/services/tracking/apply-carrier-events.server'
import { db } from '#db/client'
import { findCaseDetail } from '#db/queries/cases'
import { listNotifications } from '#db/queries/notifications'
import {
  carrierEvent,
  createDraftWithPhotos,
  createOrder,
  createShipment,
  createShop,
} from '#tests/factories'

const DAY = 86_400_000
const HOUR = 3_600_000

async function orderWithParcel(scans: 'stalled' | 'delivered_yesterday' | 'on_time', value = 3000) {
  const now = Date.now()
  const shop = await createShop()
  const order = await createOrder({
    shopId: shop.id,
    items: [{ quantity: 1, unitPriceMinor: value }],
    placedAt: new Date(now - 12 * DAY),
  })
  const shipment = await createShipment({
    shopId: shop.id,
    orderId: order.id,
    shippedAt: new Date(now - 11 * DAY),
    items: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }],
  })
  const events =
    scans === 'stalled'
      ? [
          carrierEvent({ at: new Date(now - 11 * DAY), status: 'pre_transit' }),
          carrierEvent({ at: new Date(now - 10 * DAY), status: 'in_transit' }),
        ]
      : scans === 'delivered_yesterday'
        ? [
            carrierEvent({ at: new Date(now - 3 * DAY), status: 'in_transit' }),
            carrierEvent({ at: new Date(now - 20 * HOUR), status: 'delivered' }),
          ]
        : [carrierEvent({ at: new Date(now - 2 * HOUR), status: 'in_transit' })]
  await applyCarrierEvents({
    shopId: shop.id,
    shipmentId: shipment.id,
    source: 'test',
    events,
    estimatedDelivery: scans === 'on_time' ? new Date(now + 2 * DAY) : null,
    now: new Date(now),
  })
  return { shop, order, shipment }
}

function step(
  ctx: { shop: { id: string }; order: { id: string } },
  name: 'kind' | 'details' | 'outcome',
  fields: Record<string, string>,
) {
  return handleComplaintStep({
    shopId: ctx.shop.id,
    orderId: ctx.order.id,
    step: name,
    fields,
    files: new Map(),
    locale: 'pl',
    now: new Date(),
  })
}

test('a stalled parcel is offered reship or refund at once, and the choice opens a case for staff with the parcel on it', async () => {
  const ctx = await orderWithParcel('stalled')
  expect(await step(ctx, 'kind', { kind: 'not_arrived' })).toEqual({ ok: true, redirectTo: 'outcome' })
  const view = await getComplaintWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(view!.decision).toMatchObject({
    next: 'offer_remedies',
    remedies: ['reship', 'refund'],
    autoApprove: false,
  })

  // A remedy the playbook does not offer (coupon) is refused, and nothing is written.
  expect(await step(ctx, 'outcome', { draftId: view!.draftId!, remedy: 'coupon' })).toMatchObject({
    ok: false,
    fieldErrors: { remedy: 'problem.error.pickRemedy' },
  })
  const result = await step(ctx, 'outcome', { draftId: view!.draftId!, remedy: 'reship' })
  expect(result).toEqual({ ok: true, redirectTo: { caseNumber: 'R-1001' } })
  // The same draft submitted again is the same case.
  expect(await step(ctx, 'outcome', { draftId: view!.draftId!, remedy: 'reship' })).toEqual(result)

  const saved = await findCaseDetail(db, ctx.shop.id, 1001)
  expect(saved).toMatchObject({
    kind: 'complaint',
    complaint_kind: 'not_arrived',
    shipment_id: ctx.shipment.id,
    resolution: 'reship',
    return_method: null,
    state: 'requested',
    locale: 'pl',
    paid_total_minor: 3000,
  })
  expect(saved!.events.map((e) => e.type)).toEqual(['requested', 'review_needed'])
  const mail = await listNotifications(db, { shopId: ctx.shop.id })
  expect(mail.map((n) => n.template)).toEqual(['case-received'])
})

test('a parcel delivered yesterday asks the buyer to check with neighbours and opens no case', async () => {
  const ctx = await orderWithParcel('delivered_yesterday')
  await step(ctx, 'kind', { kind: 'not_arrived' })
  const view = await getComplaintWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(view!.decision).toMatchObject({ next: 'ask_neighbours' })
  expect(await step(ctx, 'outcome', { draftId: view!.draftId! })).toMatchObject({
    ok: false,
    formError: 'problem.error.noCaseNeeded',
  })
  expect(await db.selectFrom('cases').select('id').where('shop_id', '=', ctx.shop.id).execute()).toEqual([])
})

test('a parcel on time is shown as on its way', async () => {
  const ctx = await orderWithParcel('on_time')
  await step(ctx, 'kind', { kind: 'not_arrived' })
  const view = await getComplaintWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(view!.decision).toMatchObject({ next: 'in_transit_on_time' })
})

test('a damaged item needs the item and a photo; a cheap one is approved straight away with a refund', async () => {
  const ctx = await orderWithParcel('delivered_yesterday', 2000)
  const item = ctx.order.lineItems[0]!
  expect(await step(ctx, 'kind', { kind: 'damaged' })).toEqual({ ok: true, redirectTo: 'details' })
  expect(await step(ctx, 'details', {})).toMatchObject({
    ok: false,
    fieldErrors: { items: 'problem.error.pickItems' },
  })
  expect(await step(ctx, 'details', { [`qty:${item.id}`]: '1' })).toMatchObject({
    ok: false,
    fieldErrors: { photos: 'wizard.error.photoRequired' },
  })
  const view = await getComplaintWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  // The draft already exists; give it a photo as an upload would.
  const { insertPhoto } = await import('#db/queries/photos')
  await insertPhoto(db, {
    id: crypto.randomUUID(),
    shopId: ctx.shop.id,
    orderId: ctx.order.id,
    draftId: view!.draftId!,
    caseId: null,
    lineItemId: null,
    contentType: 'image/jpeg',
    bytes: 100,
    storageKey: `${ctx.shop.id}/${crypto.randomUUID()}.jpg`,
    thumbKey: null,
    width: null,
    height: null,
    uploadedBy: 'buyer',
    at: new Date(),
  })
  expect(await step(ctx, 'details', { [`qty:${item.id}`]: '1' })).toEqual({ ok: true, redirectTo: 'outcome' })
  const outcome = await getComplaintWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(outcome!.decision).toMatchObject({ next: 'offer_remedies', autoApprove: true, valueMinor: 2000 })
  expect(await step(ctx, 'outcome', { draftId: outcome!.draftId!, remedy: 'refund' })).toEqual({
    ok: true,
    redirectTo: { caseNumber: 'R-1001' },
  })
  const saved = await findCaseDetail(db, ctx.shop.id, 1001)
  expect(saved).toMatchObject({
    state: 'approved',
    auto_approved: true,
    resolution: 'refund',
    total_minor: 2000,
  })
  expect(saved!.events.map((e) => e.type)).toEqual(['requested', 'approved'])
})

test('"something else" needs a description and goes to staff; a wrong item cannot be claimed from another order', async () => {
  const ctx = await orderWithParcel('delivered_yesterday')
  const other = await orderWithParcel('delivered_yesterday')
  await step(ctx, 'kind', { kind: 'other' })
  expect(await step(ctx, 'details', { note: '  ' })).toMatchObject({
    ok: false,
    fieldErrors: { note: 'problem.error.describe' },
  })
  expect(await step(ctx, 'details', { note: 'The box smelled of smoke' })).toEqual({
    ok: true,
    redirectTo: 'outcome',
  })
  const view = await getComplaintWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(view!.decision).toMatchObject({ next: 'to_support' })
  expect(await step(ctx, 'outcome', { draftId: view!.draftId! })).toEqual({
    ok: true,
    redirectTo: { caseNumber: 'R-1001' },
  })
  const saved = await findCaseDetail(db, ctx.shop.id, 1001)
  expect(saved).toMatchObject({
    complaint_kind: 'other',
    resolution: null,
    buyer_note: 'The box smelled of smoke',
  })

  await step(other, 'kind', { kind: 'wrong_item' })
  expect(await step(other, 'details', { [`qty:${ctx.order.lineItems[0]!.id}`]: '1' })).toMatchObject({
    ok: false,
    formError: 'wizard.error.unknownItem',
  })
})

test('a draft of another order cannot be submitted for this one', async () => {
  const ctx = await orderWithParcel('stalled')
  const other = await orderWithParcel('stalled')
  const foreign = await createDraftWithPhotos({
    shopId: other.shop.id,
    orderId: other.order.id,
    kind: 'complaint',
    photos: [],
  })
  expect(await step(ctx, 'outcome', { draftId: foreign.id, remedy: 'reship' })).toMatchObject({
    ok: false,
    formError: 'wizard.error.startAgain',
  })
})
