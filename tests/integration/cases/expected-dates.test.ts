// The date the buyer is given for their money, on the case page and in the case emails: computed from
// the moment the shop's policy chose, the return parcel's progress (its first scan, the carrier's
// estimate) and typical payment times, and moved on when a stage overruns.
import { describe, expect, test } from 'vitest'
import { addBusinessDays } from '#app/domain/tracking/business-time'
import { DEFAULT_RETURN_POLICY, type ResolutionTiming } from '#app/domain/policy/policy'
import { createFormatter } from '#app/i18n/format'
import type { Locale } from '#app/i18n/locales'
import { actOnCaseAsStaff } from '#app/services/cases/case-actions.server'
import { getBuyerCase } from '#app/services/cases/case-view.server'
import { createReturnCase } from '#app/services/cases/create-return-case.server'
import { deliverOutbox } from '#app/services/mail/deliver-outbox.server'
import { savePolicy } from '#app/services/policies/policies.server'
import { db } from '#db/client'
import { createMailer } from '#emails/mailer'
import { createOrder, createShipment, createShop, createStaff } from '#tests/factories'

const DAY = 86_400_000
const f = createFormatter('en', 'UTC')

async function approvedReturn(timing: ResolutionTiming, locale: Locale = 'en') {
  const shop = await createShop({ name: 'Birch & Bay' })
  const staff = await createStaff({ shopId: shop.id, role: 'agent' })
  const saved = await savePolicy({
    shopId: shop.id,
    staffId: null,
    rules: { ...DEFAULT_RETURN_POLICY, timing },
    basedOnVersion: 0,
    now: new Date(),
  })
  if (!saved.ok) throw new Error(saved.message)
  const order = await createOrder({
    shopId: shop.id,
    items: [{ unitPriceMinor: 25_000, title: 'Wool coat' }],
    placedAt: new Date(Date.now() - 5 * DAY),
  })
  await createShipment({ shopId: shop.id, orderId: order.id, shippedAt: new Date(Date.now() - 4 * DAY) })
  const created = await createReturnCase({
    shopId: shop.id,
    orderId: order.id,
    buyerEmail: order.email,
    locale,
    request: {
      selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'changed_mind' }],
      resolution: 'refund',
      returnMethod: 'label',
      idempotencyKey: crypto.randomUUID(),
    },
    now: new Date(),
  })
  if (!created.ok) throw new Error(created.message)
  const number = Number(created.value.caseNumber.slice(2))
  const approved = await actOnCaseAsStaff({
    shopId: shop.id,
    staffId: staff.id,
    caseNumber: number,
    command: 'approve',
    now: new Date(),
  })
  if (!approved.ok) throw new Error(approved.message)
  const view = (n: Date) => getBuyerCase({ shopId: shop.id, orderId: order.id, caseNumber: number, now: n })
  return { shop, order, caseId: created.value.caseId, number, view }
}

/** The case's return parcel as the labels create it: a shipment of kind 'return' tied to the case. */
async function returnParcel(
  x: Awaited<ReturnType<typeof approvedReturn>>,
  p: { firstScanAt: Date; eta: Date },
) {
  const s = await createShipment({ shopId: x.shop.id, orderId: x.order.id, shippedAt: p.firstScanAt })
  await db
    .updateTable('shipments')
    .set({ kind: 'return', case_id: x.caseId, status: 'in_transit', current_eta: p.eta })
    .where('id', '=', s.id)
    .execute()
  await db
    .insertInto('tracking_events')
    .values({
      shop_id: x.shop.id,
      shipment_id: s.id,
      occurred_at: p.firstScanAt,
      status: 'in_transit',
      raw_status: 'IN_TRANSIT',
      description: 'Picked up',
      location: null,
      dedupe_key: `first@${p.firstScanAt.toISOString()}`,
      source: 'poll',
    })
    .execute()
}

describe('the buyer case page', () => {
  test('before the first scan: the refund waits for it, dated from approval plus the journey and the bank', async () => {
    const x = await approvedReturn({ moneyMoves: 'first_scan', replacementShips: 'first_scan' })
    const now = new Date()
    const view = (await x.view(now))!
    expect(view.expectation).toMatchObject({
      kind: 'refund',
      moment: 'first_scan',
      stage: 'waiting',
      amountMinor: view.issuedMinor,
      currency: 'EUR',
    })
    // Two business days to the first scan, five for the refund to reach the card (approved just now).
    const approvedAt = new Date(view.events.find((e) => e.type === 'approved')!.at)
    expect(view.expectation!.by).toBe(addBusinessDays(addBusinessDays(approvedAt, 2), 5).toISOString())
  })

  test('the carrier’s estimate dates a refund paid on delivery; an estimate that passed moves the date on', async () => {
    const x = await approvedReturn({ moneyMoves: 'delivered', replacementShips: 'first_scan' })
    const scanned = new Date(Date.now() - DAY)
    const eta = new Date(Date.now() + 2 * DAY)
    await returnParcel(x, { firstScanAt: scanned, eta })
    const now = new Date()
    const onTime = (await x.view(now))!
    expect(onTime.next).toBe('items_on_the_way')
    expect(onTime.expectation!.momentBy).toBe(eta.toISOString())
    expect(onTime.expectation!.by).toBe(addBusinessDays(eta, 5).toISOString())

    // A week later the parcel has still not arrived: delivery is expected the next business day.
    const later = new Date(now.getTime() + 7 * DAY)
    const slipped = (await x.view(later))!
    expect(slipped.expectation!.by).toBe(addBusinessDays(addBusinessDays(later, 1), 5).toISOString())
    expect(new Date(slipped.expectation!.by!).getTime()).toBeGreaterThan(
      new Date(onTime.expectation!.by!).getTime(),
    )
  })
})

describe('the case emails', () => {
  test('the approval email says when the refund is sent and the date, as the page does', async () => {
    const x = await approvedReturn({ moneyMoves: 'first_scan', replacementShips: 'first_scan' })
    const now = new Date()
    const view = (await x.view(now))!
    const mailer = createMailer({ smtpUrl: undefined })
    await deliverOutbox({ now, mailer })
    await mailer.close()
    const approved = await db
      .selectFrom('notifications')
      .select(['body_text', 'status'])
      .where('shop_id', '=', x.shop.id)
      .where('template', '=', 'case-approved')
      .executeTakeFirstOrThrow()
    expect(approved.body_text).toContain(
      `Your refund of ${f.money(view.issuedMinor, 'EUR')} is sent when the carrier first scans your parcel — ` +
        `expect it by ${f.date(view.expectation!.by!)}.`,
    )
  })

  test('in the buyer’s language', async () => {
    const x = await approvedReturn({ moneyMoves: 'inspected', replacementShips: 'first_scan' }, 'pl')
    const mailer = createMailer({ smtpUrl: undefined })
    await deliverOutbox({ now: new Date(), mailer })
    await mailer.close()
    const approved = await db
      .selectFrom('notifications')
      .select('body_text')
      .where('shop_id', '=', x.shop.id)
      .where('template', '=', 'case-approved')
      .executeTakeFirstOrThrow()
    expect(approved.body_text).toMatch(
      /Zwrot .* wyślemy, gdy sklep sprawdzi produkty — spodziewaj się go do /,
    )
  })
})
