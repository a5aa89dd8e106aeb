// Stripe's refund webhooks through the real route: a correctly signed event moves the refund on (pending →
// succeeded, or failed with the buyer told); a tampered or unsigned one is refused with nothing written;
// the same event twice, even at the same moment, changes the record once; events out of order end in the
// same place; the shop always comes from our resolution, never from the payload alone.
import Stripe from 'stripe'
import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { action as webhookAction, loader as webhookLoader } from '#app/routes/webhooks.stripe'
import { getStaffCase, listCaseQueue } from '#app/services/cases/case-view.server'
import { getBuyerFailures } from '#app/services/resolutions/resolutions-view.server'
import { db } from '#db/client'
import { listNotifications } from '#db/queries/notifications'
import { fakeStripe, type FakeRefund } from '#tests/fakes/stripe'
import {
  WEBHOOK_SECRET,
  approveMoneyCase,
  clearJobQueue,
  moneyResolution,
  openMoneyCase,
  runResolutionJobs,
  switchStripeOn,
  type MoneyCase,
} from '#tests/helpers/resolutions'
import { callAction, callLoader, getRequest } from '#tests/helpers/requests'

switchStripeOn({ webhookSecret: true })

const URL = 'http://localhost:3000/webhooks/stripe'
let eventSeq = 0

function refundEvent(
  type: string,
  refund: Partial<FakeRefund> & { id: string },
  overrides: { id?: string; created?: number } = {},
) {
  return JSON.stringify({
    id: overrides.id ?? `evt_test_${++eventSeq}`,
    object: 'event',
    api_version: '2025-11-17.clover',
    created: overrides.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: { object: { object: 'refund', ...refund } },
  })
}

function signed(body: string, secret = WEBHOOK_SECRET) {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret })
}

function deliver(body: string, signature: string | null = signed(body)) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (signature) headers['Stripe-Signature'] = signature
  return callAction(webhookAction, new Request(URL, { method: 'POST', headers, body }))
}

async function outcomeOf(response: Response) {
  return { status: response.status, body: (await response.json()) as { outcome?: string; error?: string } }
}

/** A refund case approved and issued through Stripe, which answered "pending". */
async function pendingRefund(): Promise<{ x: MoneyCase; refund: FakeRefund }> {
  await clearJobQueue()
  const pi = `pi_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`
  fakeStripe.addPaymentIntent({ id: pi, amount: 25_000, currency: 'EUR' })
  fakeStripe.createRefundsAs('pending')
  const x = await openMoneyCase({ valueMinor: 25_000, paymentReference: pi })
  await approveMoneyCase(x)
  await runResolutionJobs()
  const r = await moneyResolution(x)
  expect(r).toMatchObject({
    status: 'pending',
    provider: 'stripe',
    provider_id: expect.stringMatching(/^re_/),
  })
  return { x, refund: fakeStripe.refund(r.provider_id!)! }
}

const eventTypes = async (x: MoneyCase) =>
  (await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: new Date() }))!.events.map(
    (e) => e.type,
  )

const deliveries = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from webhook_deliveries`.execute(db)).rows[0]!.n

describe('signature', () => {
  test('a tampered body, a wrong secret or no signature is 400 and writes nothing', async () => {
    const { x, refund } = await pendingRefund()
    const body = refundEvent('refund.updated', { ...refund, status: 'succeeded' })
    const tampered = body.replace('"amount":25000', '"amount":1')
    expect(tampered).not.toBe(body)
    for (const response of [
      await deliver(tampered, signed(body)),
      await deliver(body, signed(body, 'whsec_someone_else')),
      await deliver(body, null),
      await deliver(body, 't=1,v1=deadbeef'),
    ]) {
      expect(await outcomeOf(response)).toEqual({ status: 400, body: { error: 'Invalid signature' } })
    }
    expect(await deliveries()).toBe(0)
    expect((await moneyResolution(x)).status).toBe('pending')
    expect(await eventTypes(x)).not.toContain('refund_succeeded')
  })

  test('a signed body that is not an event is 400; an event type we do not act on is 200 and ignored', async () => {
    expect((await outcomeOf(await deliver('{"hello":1}'))).status).toBe(400)
    const other = JSON.stringify({
      id: 'evt_other',
      object: 'event',
      created: 1,
      type: 'customer.created',
      data: { object: { id: 'cus_1', object: 'customer' } },
    })
    expect(await outcomeOf(await deliver(other))).toEqual({
      status: 200,
      body: { ok: true, outcome: 'ignored' },
    })
    expect(await deliveries()).toBe(0)
  })

  test('only POST: a GET is 405', async () => {
    expect((await callLoader(webhookLoader, getRequest(URL))).status).toBe(405)
  })
})

describe('refund outcomes', () => {
  test('pending → succeeded: the refund is recorded as succeeded with one case event', async () => {
    const { x, refund } = await pendingRefund()
    const body = refundEvent('refund.updated', {
      ...fakeStripe.updateRefund(refund.id, { status: 'succeeded' }),
    })
    expect(await outcomeOf(await deliver(body))).toEqual({
      status: 200,
      body: { ok: true, outcome: 'applied' },
    })
    expect(await moneyResolution(x)).toMatchObject({ status: 'succeeded', provider_id: refund.id })
    expect((await eventTypes(x)).filter((t) => t === 'refund_succeeded')).toHaveLength(1)
    const [delivery] = (
      await sql<{ shop_id: string; provider: string }>`
      select shop_id, provider from webhook_deliveries`.execute(db)
    ).rows
    expect(delivery).toEqual({ shop_id: x.shop.id, provider: 'stripe' })
  })

  test('refund.failed: failed with a plain sentence, support flagged, the buyer told once by email and on the page', async () => {
    const { x, refund } = await pendingRefund()
    const failed = fakeStripe.updateRefund(refund.id, {
      status: 'failed',
      failure_reason: 'expired_or_canceled_card',
    })
    expect((await outcomeOf(await deliver(refundEvent('refund.failed', failed)))).body.outcome).toBe(
      'applied',
    )
    // Stripe sends refund.updated for the same change too: nothing more happens.
    expect((await outcomeOf(await deliver(refundEvent('refund.updated', failed)))).body.outcome).toBe(
      'unchanged',
    )

    const r = await moneyResolution(x)
    expect(r).toMatchObject({ status: 'failed', provider_id: refund.id })
    expect(r.failure_message).toBe(
      'Stripe could not pay the refund back to the buyer: the buyer’s card has expired or was canceled. No money reached the buyer.',
    )
    const view = await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: new Date() })
    const failure = view!.events.filter((e) => e.type === 'resolution_failed')
    expect(failure).toHaveLength(1)
    expect(failure[0]!.details).toMatchObject({ kind: 'refund', provider: 'stripe', source: 'webhook' })

    const mail = await listNotifications(db, { shopId: x.shop.id, template: 'resolution-failed' })
    expect(mail).toHaveLength(1)
    expect(mail[0]).toMatchObject({ to_email: x.order.email, payload: { kind: 'refund' } })
    expect(await getBuyerFailures({ shopId: x.shop.id, caseNumber: x.case.number })).toEqual(['refund'])

    const attention = await listCaseQueue({ shopId: x.shop.id, attention: true })
    expect(attention.map((c) => [c.number, c.attention])).toEqual([
      [`R-${x.case.number}`, { failed: 1, mismatched: 0 }],
    ])
  })

  test('charge.refund.updated with a canceled refund is a failure too', async () => {
    const { x, refund } = await pendingRefund()
    const canceled = fakeStripe.updateRefund(refund.id, {
      status: 'canceled',
      failure_reason: 'merchant_request',
    })
    expect(
      (await outcomeOf(await deliver(refundEvent('charge.refund.updated', canceled)))).body.outcome,
    ).toBe('applied')
    expect((await moneyResolution(x)).failure_message).toBe(
      'Stripe canceled the refund before it was paid: it was canceled in Stripe at the shop’s request. No money reached the buyer.',
    )
  })

  test('out of order: a late "pending" never undoes "succeeded", a late "succeeded" never undoes "failed"', async () => {
    const { x, refund } = await pendingRefund()
    const t0 = Math.floor(Date.now() / 1000)
    const pending = refundEvent('refund.updated', { ...refund, status: 'pending' }, { created: t0 })
    const succeeded = refundEvent('refund.updated', { ...refund, status: 'succeeded' }, { created: t0 + 1 })
    const failed = refundEvent(
      'refund.failed',
      { ...refund, status: 'failed', failure_reason: 'lost_or_stolen_card' },
      { created: t0 + 2 },
    )
    expect((await outcomeOf(await deliver(succeeded))).body.outcome).toBe('applied')
    expect((await outcomeOf(await deliver(pending))).body.outcome).toBe('unchanged')
    expect((await moneyResolution(x)).status).toBe('succeeded')
    expect((await outcomeOf(await deliver(failed))).body.outcome).toBe('applied')
    expect((await outcomeOf(await deliver(succeeded.replace(/evt_test_\d+/, 'evt_late')))).body.outcome).toBe(
      'unchanged',
    )
    expect((await moneyResolution(x)).status).toBe('failed')
    expect(await eventTypes(x)).toEqual(expect.arrayContaining(['refund_succeeded', 'resolution_failed']))
  })
})

describe('exactly once', () => {
  test('the same event delivered twice at the same moment changes the record once', async () => {
    const { x, refund } = await pendingRefund()
    const failed = fakeStripe.updateRefund(refund.id, { status: 'failed', failure_reason: 'declined' })
    const body = refundEvent('refund.failed', failed)
    const results = await Promise.all([deliver(body), deliver(body), deliver(body)])
    const outcomes = await Promise.all(results.map(async (r) => (await outcomeOf(r)).body.outcome))
    expect(outcomes.sort()).toEqual(['applied', 'duplicate', 'duplicate'])
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect((await eventTypes(x)).filter((t) => t === 'resolution_failed')).toHaveLength(1)
    expect(await listNotifications(db, { shopId: x.shop.id, template: 'resolution-failed' })).toHaveLength(1)
    expect(await deliveries()).toBe(1)
    // And again later: still once.
    expect((await outcomeOf(await deliver(body))).body.outcome).toBe('duplicate')
  })
})

describe('which resolution', () => {
  test('a refund that is not ours is 200 and writes nothing', async () => {
    await pendingRefund()
    const body = refundEvent('refund.updated', {
      id: 're_not_ours',
      amount: 100,
      currency: 'eur',
      status: 'succeeded',
      metadata: {},
    })
    expect(await outcomeOf(await deliver(body))).toEqual({
      status: 200,
      body: { ok: true, outcome: 'not_ours' },
    })
    expect(await deliveries()).toBe(0)
  })

  test('tenancy: the shop is the resolution’s; metadata naming another shop finds nothing of that shop', async () => {
    const a = await pendingRefund()
    const b = await pendingRefund()
    // Our refund id with another shop's metadata: it is shop A's refund, recorded for shop A.
    const body = refundEvent('refund.updated', {
      ...a.refund,
      status: 'succeeded',
      metadata: { shopId: b.x.shop.id, caseId: b.x.case.id },
    })
    expect((await outcomeOf(await deliver(body))).body.outcome).toBe('applied')
    expect((await moneyResolution(a.x)).status).toBe('succeeded')
    expect((await moneyResolution(b.x)).status).toBe('pending')
    // Shop B's id with shop A's case: no such case in shop B, so nothing is ours.
    const forged = refundEvent('refund.updated', {
      id: 're_forged',
      amount: 25_000,
      currency: 'eur',
      status: 'succeeded',
      metadata: { shopId: b.x.shop.id, caseId: a.x.case.id },
    })
    expect((await outcomeOf(await deliver(forged))).body.outcome).toBe('not_ours')
    expect((await moneyResolution(b.x)).reconcile_mismatch).toBeNull()
  })

  test('a refund whose issuing answer is not recorded yet is 409 (Stripe sends it again) and writes nothing', async () => {
    await clearJobQueue()
    const x = await openMoneyCase({ valueMinor: 25_000, paymentReference: 'pi_later' })
    await approveMoneyCase(x)
    const body = refundEvent('refund.updated', {
      id: 're_taken',
      amount: 25_000,
      currency: 'eur',
      status: 'succeeded',
      metadata: { shopId: x.shop.id, caseId: x.case.id },
    })
    expect((await outcomeOf(await deliver(body))).status).toBe(409)
    expect(await deliveries()).toBe(0)
    expect(await moneyResolution(x)).toMatchObject({ status: 'pending', provider_id: null })
  })

  test('a second refund of the same case made at Stripe is flagged as a difference for support', async () => {
    const { x, refund } = await pendingRefund()
    const extra = fakeStripe.addRefund({
      paymentIntent: refund.payment_intent!,
      amount: 500,
      metadata: { shopId: x.shop.id, caseId: x.case.id },
    })
    expect((await outcomeOf(await deliver(refundEvent('refund.updated', extra)))).body.outcome).toBe(
      'mismatch',
    )
    const r = await moneyResolution(x)
    expect(r.status).toBe('pending')
    expect(r.reconcile_mismatch).toMatch(/another refund for this case, re_\w+ \(€5\.00\)/)
    expect(await eventTypes(x)).toContain('reconcile_mismatch')
    const attention = await listCaseQueue({ shopId: x.shop.id, attention: true })
    expect(attention[0]?.attention).toEqual({ failed: 0, mismatched: 1 })
  })
})
