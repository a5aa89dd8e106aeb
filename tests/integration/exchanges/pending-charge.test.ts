// An exchange's price difference that Stripe does not finish at once (the off-session PaymentIntent is
// `processing`, or `requires_action`), through the real SDK against the HTTP fake: the charge stays
// "waiting for the payment" and the replacement waits for it instead of retrying; Stripe's
// payment_intent.succeeded (signed, through the real route) records the charge and ships the replacement
// once, through its job; payment_intent.payment_failed records Stripe's sentence for support and the
// replacement is not sent, and so does payment_intent.canceled; a success after the case was canceled
// releases nothing and flags the money owed back for support, once; duplicates, late and tampered events
// change nothing. Reconciliation asks Stripe
// for the PaymentIntent (and the buyer's others carrying our metadata): a charge that ended is advanced
// as the webhook would have, and an amount or a payment we have no record of is flagged on the case. The
// sandbox answers the same lookup from its ledger.
import Stripe from 'stripe'
import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { action as webhookAction } from '#app/routes/webhooks.stripe'
import { actOnCaseAsStaff } from '#app/services/cases/case-actions.server'
import { getStaffCase, listCaseQueue } from '#app/services/cases/case-view.server'
import { issueResolution } from '#app/services/resolutions/issue-resolution.server'
import { reconcileCase, reconcileShop } from '#app/services/resolutions/reconcile.server'
import { getBuyerFailures, getResolutionsPanel } from '#app/services/resolutions/resolutions-view.server'
import { db } from '#db/client'
import { listNotifications } from '#db/queries/notifications'
import { listCaseResolutions } from '#db/queries/resolutions'
import { fakeStripe, stripeCharges, stripeRequests } from '#tests/fakes/stripe'
import {
  approve,
  caseRow,
  exchange,
  exchangeableOrder,
  replacementShipments,
  type Ctx,
} from '#tests/helpers/exchanges'
import { callAction } from '#tests/helpers/requests'
import {
  WEBHOOK_SECRET,
  clearJobQueue,
  queuedJobs,
  runResolutionJobs,
  switchStripeOn,
} from '#tests/helpers/resolutions'

const URL = 'http://localhost:3000/webhooks/stripe'
let eventSeq = 0

function intentEvent(type: string, intent: object, overrides: { id?: string; created?: number } = {}) {
  return JSON.stringify({
    id: overrides.id ?? `evt_pi_${++eventSeq}`,
    object: 'event',
    api_version: '2025-11-17.clover',
    created: overrides.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: { object: intent },
  })
}

const signed = (body: string, secret = WEBHOOK_SECRET) =>
  Stripe.webhooks.generateTestHeaderString({ payload: body, secret })

async function deliver(body: string, signature: string | null = signed(body)) {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
  }
  if (signature) headers['Stripe-Signature'] = signature
  const response = await callAction(webhookAction, new Request(URL, { method: 'POST', headers, body }))
  return {
    status: response.status,
    body: (await response.json()) as { outcome?: string; error?: string },
  }
}

async function resolutionOf(ctx: Ctx, caseId: string, kind: 'charge' | 'replacement') {
  return (await listCaseResolutions(db, ctx.shop.id, caseId)).find((r) => r.kind === kind)!
}

/** The replacement's job, released by the charge's end, runs and refuses it: nothing ships. */
async function expectReplacementRefused(ctx: Ctx, caseId: string) {
  expect(await queuedJobs('issue-resolution')).toBe(1)
  await runResolutionJobs()
  const replacement = await resolutionOf(ctx, caseId, 'replacement')
  expect(replacement.status).toBe('failed')
  expect(replacement.failure_message).toMatch(/price difference was not charged/)
  expect(await replacementShipments(ctx)).toHaveLength(0)
}

const eventTypes = async (ctx: Ctx, number: number) =>
  (await getStaffCase({
    shopId: ctx.shop.id,
    caseNumber: number,
    now: new Date(),
  }))!.events.map((e) => e.type)

const deliveries = async () =>
  (
    await sql<{
      n: number
    }>`select count(*)::int as n from webhook_deliveries`.execute(db)
  ).rows[0]!.n

/**
 * An exchange of the 70.00 sweater for the 75.00 one, approved, whose 5.00 difference Stripe confirmed
 * into `status`; the charge and replacement jobs have run once (as the worker would) and the replacement
 * now waits for the payment.
 */
async function pendingCharge(status: 'processing' | 'requires_action' = 'processing') {
  fakeStripe.addPaymentIntent({
    id: 'pi_order',
    amount: 7000,
    currency: 'EUR',
    customer: 'cus_cara',
    paymentMethod: 'pm_card_visa',
  })
  fakeStripe.createChargesAs(status)
  const ctx = await exchangeableOrder({ paymentReference: 'pi_order' })
  const number = await exchange(ctx, ctx.v.L)
  expect(await approve(ctx, number)).toMatchObject({ ok: true })
  // The jobs approval queued are run by hand below, one at a time.
  await clearJobQueue()
  const c = await caseRow(ctx, number)
  const issue = async (kind: 'charge' | 'replacement') =>
    issueResolution({
      shopId: ctx.shop.id,
      resolutionId: (await resolutionOf(ctx, c.id, kind)).id,
      maxAttempts: 10,
      now: new Date(),
    })
  expect(await issue('charge')).toMatchObject({
    kind: 'issued',
    status: 'pending',
  })
  expect(await issue('replacement')).toEqual({
    kind: 'waiting',
    for: 'charge',
  })
  expect(stripeCharges).toHaveLength(1)
  const pi = stripeCharges[0]!.id
  return { ctx, c, number, pi, issue }
}

/** Staff cancel the case while Stripe still holds its charge: the waiting replacement goes with it. */
async function cancelCase(ctx: Ctx, number: number) {
  expect(
    await actOnCaseAsStaff({
      shopId: ctx.shop.id,
      staffId: ctx.staff.id,
      caseNumber: number,
      command: 'cancel',
      now: new Date(),
    }),
  ).toMatchObject({ ok: true, state: 'canceled' })
}

const refundOwed = (pi: string, number: number) =>
  `The buyer paid €5.00 (Stripe payment ${pi}) for case R-${number}, which was canceled, so the replacement will not be sent: the money should be refunded to the buyer.`

describe('with Stripe', () => {
  switchStripeOn({ webhookSecret: true })

  describe('a charge Stripe leaves pending', () => {
    test('processing: the charge waits for the payment and the replacement waits for it, without retrying', async () => {
      const { ctx, c, number, pi, issue } = await pendingCharge()
      expect(await resolutionOf(ctx, c.id, 'charge')).toMatchObject({
        status: 'pending',
        provider: 'stripe',
        provider_id: pi,
        details: expect.objectContaining({ providerStatus: 'processing' }),
      })
      expect(await resolutionOf(ctx, c.id, 'replacement')).toMatchObject({
        status: 'waiting',
        attempts: 0,
        failure_message: null,
        details: expect.objectContaining({ waitingFor: 'charge' }),
      })
      const panel = await getResolutionsPanel({
        shopId: ctx.shop.id,
        caseNumber: number,
      })
      expect(panel.find((p) => p.kind === 'charge')).toMatchObject({
        statusWords: 'Waiting for the payment: Stripe is still processing it',
        tone: 'waiting',
      })
      expect(panel.find((p) => p.kind === 'replacement')).toMatchObject({
        statusWords: 'Waiting for the buyer’s payment of the price difference',
        tone: 'waiting',
      })
      // The timeline does not say "charged" yet.
      const types = await eventTypes(ctx, number)
      expect(types).toContain('charge_pending')
      expect(types).not.toContain('difference_charged')
      // The buyer reads that the replacement is on its way; staff get no "release now" for it (the
      // charge's end releases it).
      const view = await getStaffCase({ shopId: ctx.shop.id, caseNumber: number, now: new Date() })
      expect(view!.expectation).toMatchObject({ kind: 'replacement', stage: 'released' })
      expect(view!.waiting.map((w) => w.kind)).not.toContain('replacement')
      // A repeated replacement job finds it waiting and does nothing; nothing shipped, no job left.
      expect(await issue('replacement')).toEqual({
        kind: 'skipped',
        reason: 'already_done',
      })
      expect(await replacementShipments(ctx)).toHaveLength(0)
      expect(await queuedJobs('issue-resolution')).toBe(0)
      // Nobody is asked to look at it: it is waiting, not failing.
      expect(await listCaseQueue({ shopId: ctx.shop.id, attention: true })).toEqual([])
    })

    test('requires_action: waiting too, and staff read that the buyer’s bank asked them to confirm', async () => {
      const { ctx, c, number } = await pendingCharge('requires_action')
      expect((await resolutionOf(ctx, c.id, 'charge')).status).toBe('pending')
      const panel = await getResolutionsPanel({
        shopId: ctx.shop.id,
        caseNumber: number,
      })
      expect(panel.find((p) => p.kind === 'charge')?.statusWords).toBe(
        'Waiting for the payment: Stripe asked the buyer to confirm it with their bank',
      )
    })
  })

  describe('webhooks', () => {
    test('payment_intent.succeeded: the charge is recorded and the waiting replacement ships once, through its job', async () => {
      const { ctx, c, number, pi } = await pendingCharge()
      const body = intentEvent(
        'payment_intent.succeeded',
        fakeStripe.updatePaymentIntent(pi, { status: 'succeeded' }),
      )
      expect(await deliver(body)).toEqual({
        status: 200,
        body: { ok: true, outcome: 'applied' },
      })
      expect(await resolutionOf(ctx, c.id, 'charge')).toMatchObject({
        status: 'succeeded',
        provider_id: pi,
      })
      expect((await eventTypes(ctx, number)).filter((t) => t === 'difference_charged')).toHaveLength(1)
      // Released with its job queued in the same transaction: the worker ships it as after a charge that
      // succeeded at once.
      expect((await resolutionOf(ctx, c.id, 'replacement')).status).toBe('pending')
      expect(await queuedJobs('issue-resolution')).toBe(1)
      await runResolutionJobs()
      const parcels = await replacementShipments(ctx)
      expect(parcels).toHaveLength(1)
      expect(await resolutionOf(ctx, c.id, 'replacement')).toMatchObject({
        status: 'succeeded',
        code: parcels[0]!.tracking_number,
      })
      expect(
        await listNotifications(db, {
          shopId: ctx.shop.id,
          template: 'case-replacement',
        }),
      ).toHaveLength(1)

      // The same delivery again, and the same news in another event: nothing more.
      expect((await deliver(body)).body.outcome).toBe('duplicate')
      expect((await deliver(body.replace(/evt_pi_\d+/, 'evt_pi_again'))).body.outcome).toBe('unchanged')
      expect(await queuedJobs('issue-resolution')).toBe(0)
      await runResolutionJobs()
      expect(await replacementShipments(ctx)).toHaveLength(1)
      expect((await eventTypes(ctx, number)).filter((t) => t === 'difference_charged')).toHaveLength(1)
      const [delivery] = (
        await sql<{
          shop_id: string
          provider: string
        }>`select shop_id, provider from webhook_deliveries`.execute(db)
      ).rows
      expect(delivery).toEqual({ shop_id: ctx.shop.id, provider: 'stripe' })
    })

    test('payment_intent.payment_failed: Stripe’s sentence for support, the case needs attention, no replacement', async () => {
      const { ctx, c, number, pi } = await pendingCharge()
      const failed = fakeStripe.updatePaymentIntent(pi, {
        status: 'requires_payment_method',
        lastPaymentError: {
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          message: 'Your card has insufficient funds.',
        },
      })
      expect(await deliver(intentEvent('payment_intent.payment_failed', failed))).toEqual({
        status: 200,
        body: { ok: true, outcome: 'applied' },
      })
      const charge = await resolutionOf(ctx, c.id, 'charge')
      expect(charge).toMatchObject({ status: 'failed', provider_id: pi })
      expect(charge.failure_message).toBe(
        'Stripe could not charge the buyer the price difference of €5.00: Stripe said: “Your card has insufficient funds.” The replacement is not sent; ask the buyer to pay another way, then send it by hand, or offer a refund instead.',
      )
      const view = await getStaffCase({
        shopId: ctx.shop.id,
        caseNumber: number,
        now: new Date(),
      })
      const failure = view!.events.filter((e) => e.type === 'resolution_failed')
      expect(failure).toHaveLength(1)
      expect(failure[0]).toMatchObject({
        message: charge.failure_message,
        details: expect.objectContaining({ kind: 'charge', source: 'webhook' }),
      })
      // The card details Stripe sends along are not kept.
      const { rows } = await sql<{
        payload: unknown
      }>`select payload from webhook_deliveries`.execute(db)
      expect(JSON.stringify(rows)).not.toMatch(/last4|exp_year|pm_card_visa/)
      expect(JSON.stringify(rows)).toMatch(/insufficient_funds/)

      // The replacement's job runs once more and refuses, as after a charge that failed at once.
      await expectReplacementRefused(ctx, c.id)
      expect(
        await listNotifications(db, {
          shopId: ctx.shop.id,
          template: 'case-replacement',
        }),
      ).toHaveLength(0)
      const queue = await listCaseQueue({
        shopId: ctx.shop.id,
        attention: true,
      })
      expect(queue.map((q) => [q.number, q.attention])).toEqual([
        [`R-${number}`, { failed: 2, mismatched: 0 }],
      ])
    })

    test('payment_intent.canceled (expired waiting for the buyer’s bank): the charge fails with why, the replacement is refused; a copy changes nothing', async () => {
      const { ctx, c, number, pi } = await pendingCharge('requires_action')
      const body = intentEvent(
        'payment_intent.canceled',
        fakeStripe.updatePaymentIntent(pi, { status: 'canceled', cancellationReason: 'expired' }),
      )
      // Signature-checked like the others: a wrong one writes nothing.
      expect(await deliver(body, signed(body, 'whsec_someone_else'))).toEqual({
        status: 400,
        body: { error: 'Invalid signature' },
      })
      expect(await deliveries()).toBe(0)
      expect((await resolutionOf(ctx, c.id, 'charge')).status).toBe('pending')

      expect(await deliver(body)).toEqual({ status: 200, body: { ok: true, outcome: 'applied' } })
      const charge = await resolutionOf(ctx, c.id, 'charge')
      expect(charge).toMatchObject({
        status: 'failed',
        provider_id: pi,
        details: expect.objectContaining({ providerStatus: 'canceled', failureReason: 'expired' }),
      })
      expect(charge.failure_message).toBe(
        'Stripe canceled the charge of the price difference (€5.00): it expired before the buyer confirmed it with their bank. The replacement is not sent; ask the buyer to pay another way, then send it by hand, or offer a refund instead.',
      )
      // The waiting replacement is released to its job, which refuses it as after payment_failed.
      await expectReplacementRefused(ctx, c.id)

      // The same delivery again, and the same news in another event: nothing more.
      expect((await deliver(body)).body.outcome).toBe('duplicate')
      expect((await deliver(body.replace(/evt_pi_\d+/, 'evt_pi_canceled_again'))).body.outcome).toBe(
        'unchanged',
      )
      expect(await queuedJobs('issue-resolution')).toBe(0)
      const failures = (await eventTypes(ctx, number)).filter((t) => t === 'resolution_failed')
      expect(failures).toHaveLength(2) // the charge's and the replacement's, once each
      expect(
        (await listCaseQueue({ shopId: ctx.shop.id, attention: true })).map((q) => [q.number, q.attention]),
      ).toEqual([[`R-${number}`, { failed: 2, mismatched: 0 }]])
    })

    test('payment_intent.canceled ends the charge exactly as payment_failed does: the same timeline, emails and refused replacement', async () => {
      const outcome = async (type: 'payment_intent.payment_failed' | 'payment_intent.canceled') => {
        stripeCharges.length = 0
        const { ctx, c, number, pi } = await pendingCharge()
        const intent =
          type === 'payment_intent.canceled'
            ? fakeStripe.updatePaymentIntent(pi, { status: 'canceled', cancellationReason: 'abandoned' })
            : fakeStripe.updatePaymentIntent(pi, {
                status: 'requires_payment_method',
                lastPaymentError: { code: 'card_declined', message: 'Your card was declined.' },
              })
        expect((await deliver(intentEvent(type, intent))).body.outcome).toBe('applied')
        await runResolutionJobs()
        const rows = await listCaseResolutions(db, ctx.shop.id, c.id)
        return {
          statuses: rows.map((r) => [r.kind, r.status]).sort(),
          events: (await eventTypes(ctx, number)).sort(),
          emails: (await listNotifications(db, { shopId: ctx.shop.id })).map((n) => n.template).sort(),
          parcels: (await replacementShipments(ctx)).length,
          attention: (await listCaseQueue({ shopId: ctx.shop.id, attention: true })).map((q) => q.attention),
        }
      }
      const failed = await outcome('payment_intent.payment_failed')
      const canceled = await outcome('payment_intent.canceled')
      expect(canceled).toEqual(failed)
      expect(canceled.statuses).toContainEqual(['charge', 'failed'])
      expect(canceled.statuses).toContainEqual(['replacement', 'failed'])
      expect(canceled.parcels).toBe(0)
    })

    test('out of order: payment_intent.canceled arriving after the success changes nothing', async () => {
      const { ctx, c, pi } = await pendingCharge('requires_action')
      const t0 = Math.floor(Date.now() / 1000)
      const intent = fakeStripe.paymentIntent(pi)!
      const succeeded = intentEvent(
        'payment_intent.succeeded',
        { ...intent, status: 'succeeded' },
        { created: t0 + 5 },
      )
      const canceled = intentEvent(
        'payment_intent.canceled',
        { ...intent, status: 'canceled', cancellation_reason: 'expired' },
        { created: t0 },
      )
      expect((await deliver(succeeded)).body.outcome).toBe('applied')
      expect((await deliver(canceled)).body.outcome).toBe('unchanged')
      expect(await resolutionOf(ctx, c.id, 'charge')).toMatchObject({
        status: 'succeeded',
        failure_message: null,
      })
      // The replacement released by the success ships.
      await runResolutionJobs()
      expect(await replacementShipments(ctx)).toHaveLength(1)
      expect((await resolutionOf(ctx, c.id, 'replacement')).status).toBe('succeeded')
    })

    test('payment_intent.succeeded after the case was canceled: recorded, nothing released, and the money owed back flagged for support once, however often it comes', async () => {
      const { ctx, c, number, pi } = await pendingCharge()
      await cancelCase(ctx, number)
      expect((await resolutionOf(ctx, c.id, 'replacement')).status).toBe('canceled')
      const body = intentEvent(
        'payment_intent.succeeded',
        fakeStripe.updatePaymentIntent(pi, { status: 'succeeded' }),
      )
      // Stripe sends it twice at once, again later, and the same news under another event id.
      const first = await Promise.all([deliver(body), deliver(body)])
      expect(first.map((r) => r.body.outcome).sort()).toEqual(['applied', 'duplicate'])
      expect((await deliver(body)).body.outcome).toBe('duplicate')
      expect((await deliver(body.replace(/evt_pi_\d+/, 'evt_pi_again'))).body.outcome).toBe('unchanged')

      const charge = await resolutionOf(ctx, c.id, 'charge')
      expect(charge).toMatchObject({ status: 'succeeded', provider_id: pi })
      expect(charge.reconcile_mismatch).toBe(refundOwed(pi, number))
      const events = (await getStaffCase({ shopId: ctx.shop.id, caseNumber: number, now: new Date() }))!
        .events
      expect(events.filter((e) => e.type === 'reconcile_mismatch')).toEqual([
        expect.objectContaining({
          message: refundOwed(pi, number),
          details: expect.objectContaining({ kind: 'charge', source: 'webhook' }),
        }),
      ])
      expect(events.filter((e) => e.type === 'difference_charged')).toHaveLength(1)
      // In the attention queue and on the charge in the staff panel.
      expect(
        (await listCaseQueue({ shopId: ctx.shop.id, attention: true })).map((q) => [q.number, q.attention]),
      ).toEqual([[`R-${number}`, { failed: 0, mismatched: 1 }]])
      const panel = await getResolutionsPanel({ shopId: ctx.shop.id, caseNumber: number })
      expect(panel.find((p) => p.kind === 'charge')?.mismatch).toBe(refundOwed(pi, number))
      // The replacement stays canceled: no job, no parcel, no email.
      expect(await queuedJobs('issue-resolution')).toBe(0)
      await runResolutionJobs()
      expect((await resolutionOf(ctx, c.id, 'replacement')).status).toBe('canceled')
      expect(await replacementShipments(ctx)).toHaveLength(0)
      expect(await listNotifications(db, { shopId: ctx.shop.id, template: 'case-replacement' })).toHaveLength(
        0,
      )

      // The hourly check finds Stripe agreeing that it was paid: still owed, so still flagged, no new event.
      expect(await reconcileShop({ shopId: ctx.shop.id, now: new Date() })).toMatchObject({
        checked: 1,
        matched: 0,
        mismatched: 1,
      })
      expect((await resolutionOf(ctx, c.id, 'charge')).reconcile_mismatch).toBe(refundOwed(pi, number))
      expect((await eventTypes(ctx, number)).filter((t) => t === 'reconcile_mismatch')).toHaveLength(1)
    })

    test('a failed attempt and then the success, both after the case was canceled: the refund owed is flagged once', async () => {
      const { ctx, c, number, pi } = await pendingCharge()
      await cancelCase(ctx, number)
      const failed = fakeStripe.updatePaymentIntent(pi, {
        status: 'requires_payment_method',
        lastPaymentError: { code: 'card_declined', message: 'Your card was declined.' },
      })
      expect((await deliver(intentEvent('payment_intent.payment_failed', failed))).body.outcome).toBe(
        'applied',
      )
      expect((await resolutionOf(ctx, c.id, 'charge')).reconcile_mismatch).toBeNull()
      const paid = fakeStripe.updatePaymentIntent(pi, { status: 'succeeded', lastPaymentError: null })
      expect((await deliver(intentEvent('payment_intent.succeeded', paid))).body.outcome).toBe('applied')
      // A late copy of the failure changes nothing, and the flag stays.
      expect((await deliver(intentEvent('payment_intent.payment_failed', failed))).body.outcome).toBe(
        'unchanged',
      )
      expect(await resolutionOf(ctx, c.id, 'charge')).toMatchObject({
        status: 'succeeded',
        reconcile_mismatch: refundOwed(pi, number),
      })
      expect((await eventTypes(ctx, number)).filter((t) => t === 'reconcile_mismatch')).toHaveLength(1)
      expect(await replacementShipments(ctx)).toHaveLength(0)
    })

    test('the same event delivered three times at once takes effect once', async () => {
      const { ctx, c, number, pi } = await pendingCharge()
      const body = intentEvent(
        'payment_intent.succeeded',
        fakeStripe.updatePaymentIntent(pi, { status: 'succeeded' }),
      )
      const results = await Promise.all([deliver(body), deliver(body), deliver(body)])
      expect(results.every((r) => r.status === 200)).toBe(true)
      expect(results.map((r) => r.body.outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate'])
      expect(await deliveries()).toBe(1)
      expect((await eventTypes(ctx, number)).filter((t) => t === 'difference_charged')).toHaveLength(1)
      expect(await queuedJobs('issue-resolution')).toBe(1)
      await runResolutionJobs()
      await runResolutionJobs()
      expect(await replacementShipments(ctx)).toHaveLength(1)
      expect((await resolutionOf(ctx, c.id, 'replacement')).status).toBe('succeeded')
    })

    test('a tampered, unsigned or wrongly signed event is 400 and writes nothing', async () => {
      const { ctx, c, pi } = await pendingCharge()
      const body = intentEvent(
        'payment_intent.succeeded',
        fakeStripe.updatePaymentIntent(pi, { status: 'succeeded' }),
      )
      const tampered = body.replace('"amount":500', '"amount":1')
      expect(tampered).not.toBe(body)
      for (const result of [
        await deliver(tampered, signed(body)),
        await deliver(body, signed(body, 'whsec_someone_else')),
        await deliver(body, null),
      ]) {
        expect(result).toEqual({
          status: 400,
          body: { error: 'Invalid signature' },
        })
      }
      expect(await deliveries()).toBe(0)
      expect((await resolutionOf(ctx, c.id, 'charge')).status).toBe('pending')
      expect((await resolutionOf(ctx, c.id, 'replacement')).status).toBe('waiting')
      expect(await queuedJobs('issue-resolution')).toBe(0)
    })

    test('out of order: a failed attempt reported after the success changes nothing; a signed but unreadable intent is 400', async () => {
      const { ctx, c, pi } = await pendingCharge()
      const t0 = Math.floor(Date.now() / 1000)
      const intent = fakeStripe.paymentIntent(pi)!
      const failedEarlier = intentEvent(
        'payment_intent.payment_failed',
        {
          ...intent,
          status: 'requires_payment_method',
          last_payment_error: {
            code: 'card_declined',
            message: 'Your card was declined.',
          },
        },
        { created: t0 },
      )
      const succeeded = intentEvent(
        'payment_intent.succeeded',
        { ...intent, status: 'succeeded' },
        {
          created: t0 + 5,
        },
      )
      expect((await deliver(succeeded)).body.outcome).toBe('applied')
      expect((await deliver(failedEarlier)).body.outcome).toBe('unchanged')
      expect((await resolutionOf(ctx, c.id, 'charge')).status).toBe('succeeded')
      // An intent without its amount cannot be read: refused, nothing written.
      const unreadable = intentEvent('payment_intent.succeeded', {
        id: pi,
        object: 'payment_intent',
      })
      expect((await deliver(unreadable)).status).toBe(400)
      expect(await deliveries()).toBe(2)
    })

    test('a PaymentIntent that is not ours (the shop’s own checkout) is 200 and writes nothing; metadata of another shop finds nothing', async () => {
      const a = await pendingCharge()
      const checkout = intentEvent('payment_intent.succeeded', fakeStripe.paymentIntent('pi_order')!)
      expect(await deliver(checkout)).toEqual({
        status: 200,
        body: { ok: true, outcome: 'not_ours' },
      })
      // Our metadata naming a shop that has no such case: nothing of that shop or ours is touched.
      const forged = intentEvent('payment_intent.succeeded', {
        id: 'pi_forged',
        object: 'payment_intent',
        amount: 500,
        currency: 'eur',
        status: 'succeeded',
        metadata: {
          shopId: crypto.randomUUID(),
          caseId: a.c.id,
          kind: 'exchange_difference',
        },
      })
      expect((await deliver(forged)).body.outcome).toBe('not_ours')
      expect(await deliveries()).toBe(0)
      expect((await resolutionOf(a.ctx, a.c.id, 'charge')).status).toBe('pending')
    })

    test('a second PaymentIntent for the case that succeeded is flagged for support, the charge left as it is', async () => {
      const { ctx, c, number, pi } = await pendingCharge()
      const extra = fakeStripe.addCharge({
        amount: 500,
        currency: 'EUR',
        customer: 'cus_cara',
        metadata: {
          shopId: ctx.shop.id,
          caseId: c.id,
          kind: 'exchange_difference',
        },
      })
      expect((await deliver(intentEvent('payment_intent.succeeded', extra))).body.outcome).toBe('mismatch')
      const charge = await resolutionOf(ctx, c.id, 'charge')
      expect(charge).toMatchObject({ status: 'pending', provider_id: pi })
      expect(charge.reconcile_mismatch).toBe(
        `Stripe took another payment for this case, ${extra.id} (€5.00), besides the charge ${pi} that we made: the buyer may have paid twice.`,
      )
      expect(await eventTypes(ctx, number)).toContain('reconcile_mismatch')
      expect((await resolutionOf(ctx, c.id, 'replacement')).status).toBe('waiting')
    })
  })

  describe('reconciliation', () => {
    test('Stripe says the processing charge succeeded (a missed webhook): advanced, and the replacement ships', async () => {
      const { ctx, c, number, pi } = await pendingCharge()
      fakeStripe.updatePaymentIntent(pi, { status: 'succeeded' })
      stripeRequests.length = 0
      const summary = await reconcileShop({
        shopId: ctx.shop.id,
        now: new Date(),
      })
      expect(summary).toMatchObject({
        checked: 1,
        advanced: 1,
        mismatched: 0,
        errors: [],
      })
      // Asked by its id, and among the buyer's PaymentIntents for any other carrying our metadata.
      expect(stripeRequests.map((q) => [q.method, q.path, q.query])).toEqual([
        ['GET', `/v1/payment_intents/${pi}`, {}],
        ['GET', '/v1/payment_intents/pi_order', {}],
        ['GET', '/v1/payment_intents', { customer: 'cus_cara', limit: '100' }],
      ])
      const charge = await resolutionOf(ctx, c.id, 'charge')
      expect(charge).toMatchObject({
        status: 'succeeded',
        reconcile_mismatch: null,
      })
      expect(charge.reconciled_at).not.toBeNull()
      const events = (await getStaffCase({
        shopId: ctx.shop.id,
        caseNumber: number,
        now: new Date(),
      }))!.events
      expect(events.filter((e) => e.type === 'difference_charged')).toEqual([
        expect.objectContaining({
          details: expect.objectContaining({ source: 'reconciliation' }),
        }),
      ])
      expect(await queuedJobs('issue-resolution')).toBe(1)
      await runResolutionJobs()
      expect(await replacementShipments(ctx)).toHaveLength(1)
      // Checked and matching: the next hourly run leaves it alone.
      expect((await reconcileShop({ shopId: ctx.shop.id, now: new Date() })).checked).toBe(0)
    })

    test('Stripe says the charge failed: recorded with Stripe’s reason for support, the replacement refused, the buyer told once', async () => {
      const { ctx, c, number, pi } = await pendingCharge()
      fakeStripe.updatePaymentIntent(pi, {
        status: 'requires_payment_method',
        lastPaymentError: {
          code: 'card_declined',
          decline_code: 'expired_card',
        },
      })
      expect(await reconcileShop({ shopId: ctx.shop.id, now: new Date() })).toMatchObject({ advanced: 1 })
      expect((await resolutionOf(ctx, c.id, 'charge')).failure_message).toBe(
        'Stripe could not charge the buyer the price difference of €5.00: the buyer’s card has expired. The replacement is not sent; ask the buyer to pay another way, then send it by hand, or offer a refund instead.',
      )
      await runResolutionJobs()
      expect((await resolutionOf(ctx, c.id, 'replacement')).status).toBe('failed')
      expect(await replacementShipments(ctx)).toHaveLength(0)
      // The buyer is waiting for the replacement: told about it (not about the charge), once, by email
      // and on their page.
      const told = await listNotifications(db, { shopId: ctx.shop.id, template: 'resolution-failed' })
      expect(told.map((n) => n.payload)).toEqual([expect.objectContaining({ kind: 'replacement' })])
      expect(await getBuyerFailures({ shopId: ctx.shop.id, caseNumber: number })).toEqual(['replacement'])
      await runResolutionJobs()
      expect(
        await listNotifications(db, { shopId: ctx.shop.id, template: 'resolution-failed' }),
      ).toHaveLength(1)
    })

    test('Stripe says the charge was canceled (a missed payment_intent.canceled): failed as the webhook would, the replacement refused', async () => {
      const { ctx, c, number, pi } = await pendingCharge('requires_action')
      fakeStripe.updatePaymentIntent(pi, { status: 'canceled', cancellationReason: 'requested_by_customer' })
      expect(await reconcileShop({ shopId: ctx.shop.id, now: new Date() })).toMatchObject({
        advanced: 1,
        mismatched: 0,
      })
      const charge = await resolutionOf(ctx, c.id, 'charge')
      expect(charge).toMatchObject({
        status: 'failed',
        reconcile_mismatch: null,
        details: expect.objectContaining({ providerStatus: 'canceled' }),
      })
      expect(charge.failure_message).toBe(
        'Stripe canceled the charge of the price difference (€5.00): it was canceled in Stripe at the buyer’s request. The replacement is not sent; ask the buyer to pay another way, then send it by hand, or offer a refund instead.',
      )
      const events = (await getStaffCase({ shopId: ctx.shop.id, caseNumber: number, now: new Date() }))!
        .events
      expect(events.filter((e) => e.type === 'resolution_failed')).toEqual([
        expect.objectContaining({
          details: expect.objectContaining({ kind: 'charge', source: 'reconciliation' }),
        }),
      ])
      await runResolutionJobs()
      expect((await resolutionOf(ctx, c.id, 'replacement')).status).toBe('failed')
      expect(await replacementShipments(ctx)).toHaveLength(0)
      // Checked again: Stripe's canceled agrees with our failed, nothing new.
      await reconcileCase({ shopId: ctx.shop.id, caseNumber: number, now: new Date() })
      expect((await eventTypes(ctx, number)).filter((t) => t === 'resolution_failed')).toHaveLength(2)
      expect((await resolutionOf(ctx, c.id, 'charge')).reconcile_mismatch).toBeNull()
    })

    test('Stripe says the charge succeeded after the case was canceled (a missed webhook): flagged once for a refund, nothing released', async () => {
      const { ctx, c, number, pi } = await pendingCharge()
      await cancelCase(ctx, number)
      fakeStripe.updatePaymentIntent(pi, { status: 'succeeded' })
      expect(await reconcileShop({ shopId: ctx.shop.id, now: new Date() })).toMatchObject({
        checked: 1,
        advanced: 1,
        errors: [],
      })
      const charge = await resolutionOf(ctx, c.id, 'charge')
      expect(charge).toMatchObject({ status: 'succeeded', reconcile_mismatch: refundOwed(pi, number) })
      const events = (await getStaffCase({ shopId: ctx.shop.id, caseNumber: number, now: new Date() }))!
        .events
      expect(events.filter((e) => e.type === 'reconcile_mismatch')).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ source: 'reconciliation' }) }),
      ])
      expect(await queuedJobs('issue-resolution')).toBe(0)
      expect((await resolutionOf(ctx, c.id, 'replacement')).status).toBe('canceled')
      // The next run, "Check with provider" and the webhook arriving late keep the one flag.
      await reconcileShop({ shopId: ctx.shop.id, now: new Date() })
      const checked = await reconcileCase({ shopId: ctx.shop.id, caseNumber: number, now: new Date() })
      expect(checked).toMatchObject({ ok: true, summary: { mismatched: 1, matched: 0 } })
      const late = intentEvent('payment_intent.succeeded', fakeStripe.paymentIntent(pi)!)
      expect((await deliver(late)).body.outcome).toBe('unchanged')
      expect((await eventTypes(ctx, number)).filter((t) => t === 'reconcile_mismatch')).toHaveLength(1)
      expect((await resolutionOf(ctx, c.id, 'charge')).reconcile_mismatch).toBe(refundOwed(pi, number))
      expect(await replacementShipments(ctx)).toHaveLength(0)
    })

    test('Stripe holds another amount: flagged once on the case and in the queue; the replacement keeps waiting', async () => {
      const { ctx, c, number, pi } = await pendingCharge()
      fakeStripe.updatePaymentIntent(pi, { status: 'succeeded', amount: 600 })
      const result = await reconcileCase({
        shopId: ctx.shop.id,
        caseNumber: number,
        now: new Date(),
      })
      expect(result).toMatchObject({
        ok: true,
        summary: { checked: 1, mismatched: 1 },
      })
      expect(result.ok && result.message).toBe('Checked with Stripe: 1 difference (see below).')
      const charge = await resolutionOf(ctx, c.id, 'charge')
      expect(charge.reconcile_mismatch).toBe(`Stripe’s charge ${pi} is for €6.00; we recorded €5.00.`)
      expect(charge.status).toBe('pending')
      // Found again an hour later: no second event.
      await reconcileShop({ shopId: ctx.shop.id, now: new Date() })
      expect((await eventTypes(ctx, number)).filter((t) => t === 'reconcile_mismatch')).toHaveLength(1)
      const queue = await listCaseQueue({
        shopId: ctx.shop.id,
        attention: true,
      })
      expect(queue.map((q) => q.attention)).toEqual([{ failed: 0, mismatched: 1 }])
      const panel = await getResolutionsPanel({
        shopId: ctx.shop.id,
        caseNumber: number,
      })
      expect(panel.find((p) => p.kind === 'charge')?.mismatch).toBe(charge.reconcile_mismatch)
      expect((await resolutionOf(ctx, c.id, 'replacement')).status).toBe('waiting')
      expect(await replacementShipments(ctx)).toHaveLength(0)
    })

    test('a PaymentIntent of the buyer carrying our metadata that we have no record of is flagged; another case’s is not', async () => {
      const { ctx, c, pi } = await pendingCharge()
      fakeStripe.updatePaymentIntent(pi, { status: 'succeeded' })
      const extra = fakeStripe.addCharge({
        amount: 500,
        currency: 'EUR',
        customer: 'cus_cara',
        metadata: {
          shopId: ctx.shop.id,
          caseId: c.id,
          kind: 'exchange_difference',
        },
      })
      // The buyer's other payments (another case, a checkout) are not this case's.
      fakeStripe.addCharge({
        amount: 900,
        currency: 'EUR',
        customer: 'cus_cara',
        metadata: { shopId: ctx.shop.id, caseId: crypto.randomUUID() },
      })
      expect(await reconcileShop({ shopId: ctx.shop.id, now: new Date() })).toMatchObject({ mismatched: 1 })
      expect((await resolutionOf(ctx, c.id, 'charge')).reconcile_mismatch).toBe(
        `Stripe also holds another charge for this case that we have no record of: ${extra.id} (€5.00).`,
      )
    })
  })
})

describe('with the sandbox provider', () => {
  test('the charge is looked up in the ledger: a match is recorded; an amount that differs is flagged', async () => {
    const ctx = await exchangeableOrder()
    const number = await exchange(ctx, ctx.v.L)
    expect(await approve(ctx, number)).toMatchObject({ ok: true })
    await clearJobQueue()
    const c = await caseRow(ctx, number)
    const charge = await resolutionOf(ctx, c.id, 'charge')
    expect(
      await issueResolution({
        shopId: ctx.shop.id,
        resolutionId: charge.id,
        maxAttempts: 10,
        now: new Date(),
      }),
    ).toMatchObject({ kind: 'issued', status: 'succeeded' })
    expect(await reconcileShop({ shopId: ctx.shop.id, now: new Date() })).toMatchObject({
      checked: 1,
      matched: 1,
    })
    expect((await resolutionOf(ctx, c.id, 'charge')).reconciled_at).not.toBeNull()

    await sql`update sandbox_ledger set amount_minor = 450 where shop_id = ${ctx.shop.id} and kind = 'charge'`.execute(
      db,
    )
    const result = await reconcileCase({
      shopId: ctx.shop.id,
      caseNumber: number,
      now: new Date(),
    })
    expect(result).toMatchObject({ ok: true, summary: { mismatched: 1 } })
    const flagged = await resolutionOf(ctx, c.id, 'charge')
    expect(flagged.reconcile_mismatch).toBe(
      `The sandbox provider’s charge ${flagged.provider_id} is for €4.50; we recorded €5.00.`,
    )
    expect(await eventTypes(ctx, number)).toContain('reconcile_mismatch')
  })
})
