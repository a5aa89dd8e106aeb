// Money after approval: approving a case plans its refund, credit or coupon once (even when two staff
// approve at the same moment), the issue-resolution job pays it through the provider with the case's
// idempotency key, and a repeated or crashed run never pays twice. Stripe is the real SDK against the
// MSW fake; the sandbox books into its own ledger.
import { Logger, runOnce } from 'graphile-worker'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { resetEnvCache } from '#app/env.server'
import { taskList } from '#app/jobs/worker'
import { actOnCaseAsStaff } from '#app/services/cases/case-actions.server'
import { getStaffCase } from '#app/services/cases/case-view.server'
import { createReturnCase } from '#app/services/cases/create-return-case.server'
import { issueResolution, queueWaitingResolutions } from '#app/services/resolutions/issue-resolution.server'
import { reconcileShop } from '#app/services/resolutions/reconcile.server'
import { db } from '#db/client'
import { findCaseByIdempotencyKey } from '#db/queries/cases'
import { listNotifications } from '#db/queries/notifications'
import { listCaseResolutions as listAllResolutions } from '#db/queries/resolutions'
import { DEFAULT_RETURN_POLICY } from '#app/domain/policy/policy'
import { savePolicy } from '#app/services/policies/policies.server'
import { listLedgerEntries } from '#db/queries/sandbox-ledger'
import { getPaymentsProvider, resetPaymentsProvider } from '#integrations/payments'
import { createStripePayments } from '#integrations/payments/stripe'
import { createOrder, createShipment, createShop, createStaff, createVariants } from '#tests/factories'
import { fakeStripe, stripeRefunds, stripeRequests } from '#tests/fakes/stripe'

const DAY = 86_400_000

/** What the case owes in money (its return label is issued by its own job, tested with the labels). */
async function listCaseResolutions(...args: Parameters<typeof listAllResolutions>) {
  return (await listAllResolutions(...args)).filter((r) => r.kind !== 'return_label')
}

async function openCase(opts: {
  valueMinor: number
  resolution?: 'refund' | 'store_credit' | 'exchange'
  paymentReference?: string | null
}) {
  const shop = await createShop()
  const staff = await createStaff({ shopId: shop.id, role: 'agent' })
  // Money moves at approval here; the later moments are tested with the release of resolutions.
  const saved = await savePolicy({
    shopId: shop.id,
    staffId: null,
    rules: { ...DEFAULT_RETURN_POLICY, timing: { moneyMoves: 'approval', replacementShips: 'approval' } },
    basedOnVersion: 0,
    now: new Date(),
  })
  if (!saved.ok) throw new Error('policy not saved')
  // An exchange swaps the item for another size at the same price.
  const sizes =
    opts.resolution === 'exchange'
      ? await createVariants({
          shopId: shop.id,
          variants: [
            { title: 'M', priceMinor: opts.valueMinor, stock: 3 },
            { title: 'L', priceMinor: opts.valueMinor, stock: 3 },
          ],
        })
      : null
  const order = await createOrder({
    shopId: shop.id,
    items: [
      {
        quantity: 1,
        unitPriceMinor: opts.valueMinor,
        ...(sizes ? { productKey: sizes.productKey, variantId: sizes.ids[0]! } : {}),
      },
    ],
    placedAt: new Date(Date.now() - 5 * DAY),
    paymentReference: opts.paymentReference ?? null,
  })
  await createShipment({ shopId: shop.id, orderId: order.id, shippedAt: new Date(Date.now() - 4 * DAY) })
  const key = crypto.randomUUID()
  const created = await createReturnCase({
    shopId: shop.id,
    orderId: order.id,
    buyerEmail: order.email,
    locale: 'en',
    request: {
      selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'changed_mind' }],
      resolution: opts.resolution ?? 'refund',
      ...(sizes ? { exchange: [{ lineItemId: order.lineItems[0]!.id, variantId: sizes.ids[1]! }] } : {}),
      // Kept, so no return shipping fee: the refund is the item's price.
      returnMethod: 'label',
      idempotencyKey: key,
    },
    now: new Date(),
  })
  if (!created.ok) throw new Error(created.message)
  const row = (await findCaseByIdempotencyKey(db, shop.id, key))!
  const c = await db
    .selectFrom('cases')
    .select(['id', 'number', 'state', 'issued_minor', 'currency'])
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow()
  return { shop, staff, order, case: c }
}

const approve = (x: Awaited<ReturnType<typeof openCase>>) =>
  actOnCaseAsStaff({
    shopId: x.shop.id,
    staffId: x.staff.id,
    caseNumber: x.case.number,
    command: 'approve',
    now: new Date(),
  })

/** Approved, sent back and received: the money then settles the case. */
async function approveAndReceive(x: Awaited<ReturnType<typeof openCase>>) {
  await approve(x)
  for (const command of ['issue_label', 'receive'] as const) {
    const r = await actOnCaseAsStaff({
      shopId: x.shop.id,
      staffId: x.staff.id,
      caseNumber: x.case.number,
      command,
      now: new Date(),
    })
    if (!r.ok) throw new Error(r.message)
  }
}

async function queuedResolutionJobs() {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'issue-resolution'`.execute(db)
  return rows[0]!.n
}

/** Runs the queued issue-resolution jobs the way the worker does (the real task, through graphile-worker). */
async function runResolutionJobs() {
  await runOnce({
    connectionString: process.env.DATABASE_URL!,
    logger: new Logger(() => () => undefined),
    taskList: { 'issue-resolution': taskList['issue-resolution']! },
  })
}

const caseState = async (shopId: string, number: number) =>
  (await getStaffCase({ shopId, caseNumber: number, now: new Date() }))!

function useStripe() {
  beforeEach(() => {
    process.env.STRIPE_SECRET_KEY = 'sk_test_homebound_fake'
    // MSW intercepts the real host; this also exercises parsing the base into host/port/protocol.
    process.env.STRIPE_API_BASE = 'https://api.stripe.com'
    resetEnvCache()
    resetPaymentsProvider()
  })
  afterEach(() => {
    delete process.env.STRIPE_SECRET_KEY
    delete process.env.STRIPE_API_BASE
    resetEnvCache()
    resetPaymentsProvider()
  })
}

describe('planning', () => {
  test('two staff approving at once plan each resolution once, with one job each', async () => {
    const x = await openCase({ valueMinor: 25_000 })
    expect(x.case.state).toBe('requested')
    const results = await Promise.all([approve(x), approve(x)])
    expect(results.map((r) => r.ok && r.changed).sort()).toEqual([false, true])
    const rows = await listCaseResolutions(db, x.shop.id, x.case.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      kind: 'refund',
      status: 'pending',
      amount_minor: x.case.issued_minor,
      currency: 'EUR',
      idempotency_key: `case:${x.case.id}:refund`,
      attempts: 0,
    })
    // The return label's job and the refund's.
    expect(await queuedResolutionJobs()).toBe(2)
  })

  test('an automatically approved return plans its label and money when it is written; an exchange plans its replacement', async () => {
    const auto = await openCase({ valueMinor: 5_000 })
    expect(auto.case.state).toBe('approved')
    expect((await listAllResolutions(db, auto.shop.id, auto.case.id)).map((r) => r.kind)).toEqual([
      'return_label',
      'refund',
    ])

    const exchange = await openCase({ valueMinor: 25_000, resolution: 'exchange' })
    expect(await approve(exchange)).toMatchObject({ ok: true, state: 'approved' })
    expect((await listCaseResolutions(db, exchange.shop.id, exchange.case.id)).map((r) => r.kind)).toEqual([
      'replacement',
    ])
  })
})

describe('with Stripe', () => {
  useStripe()

  test('the job refunds the PaymentIntent once, resolves the case and emails the buyer; a second run does nothing', async () => {
    fakeStripe.addPaymentIntent({ id: 'pi_123', amount: 25_000, currency: 'EUR' })
    const x = await openCase({ valueMinor: 25_000, paymentReference: 'pi_123' })
    await approveAndReceive(x)
    await runResolutionJobs()

    // The payment's currency is read first (a refund in another currency is refused), then one refund.
    expect(stripeRequests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'GET /v1/payment_intents/pi_123',
      'POST /v1/refunds',
    ])
    const req = stripeRequests[1]!
    expect(req.idempotencyKey).toBe(`case:${x.case.id}:refund`)
    expect(req.authorization).toBe('Bearer sk_test_homebound_fake')
    expect(req.body).toMatchObject({
      payment_intent: 'pi_123',
      amount: String(x.case.issued_minor),
      'metadata[caseNumber]': `R-${x.case.number}`,
      'metadata[shopId]': x.shop.id,
    })
    expect(stripeRefunds).toEqual([
      {
        id: expect.stringMatching(/^re_/),
        payment_intent: 'pi_123',
        amount: x.case.issued_minor,
        currency: 'eur',
      },
    ])
    const [r] = await listCaseResolutions(db, x.shop.id, x.case.id)
    expect(r).toMatchObject({
      status: 'succeeded',
      provider: 'stripe',
      provider_id: stripeRefunds[0]!.id,
      attempts: 1,
    })

    const view = await caseState(x.shop.id, x.case.number)
    expect(view.state).toBe('resolved')
    const types = view.events.map((e) => e.type)
    expect(types.filter((t) => t === 'refund_issued')).toHaveLength(1)
    expect(types).toContain('resolved')
    const resolvedMail = await listNotifications(db, { shopId: x.shop.id, template: 'case-resolved' })
    expect(resolvedMail).toHaveLength(1)

    // Run again (a duplicate job, a retry): nothing more is sent or written.
    expect(
      await issueResolution({ shopId: x.shop.id, resolutionId: r!.id, maxAttempts: 10, now: new Date() }),
    ).toEqual({ kind: 'skipped', reason: 'already_done' })
    expect(stripeRequests).toHaveLength(2)
    expect(await listCaseResolutions(db, x.shop.id, x.case.id)).toHaveLength(1)
  })

  test('an order paid by a Charge (an older integration) is refunded against the charge, in its currency', async () => {
    fakeStripe.addLegacyCharge({ id: 'ch_legacy', amount: 25_000, currency: 'EUR' })
    const x = await openCase({ valueMinor: 25_000, paymentReference: 'ch_legacy' })
    await approveAndReceive(x)
    await runResolutionJobs()

    // The Charge is read for its currency (never as a PaymentIntent), then refunded by `charge`.
    expect(stripeRequests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'GET /v1/charges/ch_legacy',
      'POST /v1/refunds',
    ])
    const req = stripeRequests[1]!
    expect(req.idempotencyKey).toBe(`case:${x.case.id}:refund`)
    expect(req.body).toEqual({
      charge: 'ch_legacy',
      amount: String(x.case.issued_minor),
      'metadata[shopId]': x.shop.id,
      'metadata[caseId]': x.case.id,
      'metadata[caseNumber]': `R-${x.case.number}`,
    })
    expect(stripeRefunds).toEqual([
      {
        id: expect.stringMatching(/^re_/),
        payment_intent: null,
        amount: x.case.issued_minor,
        currency: 'eur',
      },
    ])
    expect(fakeStripe.refund(stripeRefunds[0]!.id)).toMatchObject({ charge: 'ch_legacy' })
    expect(fakeStripe.legacyCharge('ch_legacy')).toMatchObject({ amount_refunded: x.case.issued_minor })
    const [r] = await listCaseResolutions(db, x.shop.id, x.case.id)
    expect(r).toMatchObject({ status: 'succeeded', provider: 'stripe', provider_id: stripeRefunds[0]!.id })
    expect((await caseState(x.shop.id, x.case.number)).state).toBe('resolved')
  })

  test('a Charge paid in another currency is refused before any refund is asked for', async () => {
    fakeStripe.addLegacyCharge({ id: 'ch_usd', amount: 25_000, currency: 'USD' })
    const x = await openCase({ valueMinor: 25_000, paymentReference: 'ch_usd' })
    await approveAndReceive(x)
    await runResolutionJobs()
    expect(stripeRequests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /v1/charges/ch_usd'])
    const [r] = await listCaseResolutions(db, x.shop.id, x.case.id)
    expect(r).toMatchObject({ status: 'failed', provider_id: null })
    expect(r!.failure_message).toMatch(/^Not refunded: the order was paid in USD but this refund is in EUR/)
  })

  test('a partial refund: only the case’s amount goes back, and the rest of the payment stays refundable', async () => {
    // The order's payment covered more than this case returns (other items, shipping).
    fakeStripe.addPaymentIntent({ id: 'pi_partial', amount: 40_000, currency: 'EUR' })
    const x = await openCase({ valueMinor: 25_000, paymentReference: 'pi_partial' })
    await approveAndReceive(x)
    await runResolutionJobs()

    const post = stripeRequests.find((q) => q.method === 'POST')!
    expect(post.body).toMatchObject({ payment_intent: 'pi_partial', amount: String(x.case.issued_minor) })
    expect(post.body).not.toHaveProperty('charge')
    expect(x.case.issued_minor).toBeLessThan(40_000)
    expect(stripeRefunds).toEqual([
      {
        id: expect.stringMatching(/^re_/),
        payment_intent: 'pi_partial',
        amount: x.case.issued_minor,
        currency: 'eur',
      },
    ])
    expect((await listCaseResolutions(db, x.shop.id, x.case.id))[0]).toMatchObject({
      status: 'succeeded',
      amount_minor: x.case.issued_minor,
    })
    // Reconciliation compares the refund with what we refunded, not with the payment: they agree.
    expect(await reconcileShop({ shopId: x.shop.id, now: new Date() })).toMatchObject({
      checked: 1,
      matched: 1,
      mismatched: 0,
    })
    expect(stripeRequests.at(-1)).toMatchObject({
      path: '/v1/refunds',
      query: { payment_intent: 'pi_partial' },
    })
  })

  test('a run that dies after Stripe answered is retried with the same key: one refund, one record', async () => {
    fakeStripe.addPaymentIntent({ id: 'pi_crash', amount: 25_000, currency: 'EUR' })
    const x = await openCase({ valueMinor: 25_000, paymentReference: 'pi_crash' })
    await approve(x)
    const [planned] = await listCaseResolutions(db, x.shop.id, x.case.id)
    const real = getPaymentsProvider()
    const dying = {
      ...real,
      refund: async (input: Parameters<typeof real.refund>[0]) => {
        await real.refund(input)
        throw new Error('worker process died before recording the answer')
      },
    }
    const input = { shopId: x.shop.id, resolutionId: planned!.id, maxAttempts: 10, now: new Date() }
    await expect(issueResolution(input, { payments: dying })).rejects.toThrow(/worker process died/)
    expect((await caseState(x.shop.id, x.case.number)).state).toBe('approved')
    expect((await listCaseResolutions(db, x.shop.id, x.case.id))[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
    })

    // Paid on approval, the label return stays open until its parcel is back.
    expect(await issueResolution(input)).toMatchObject({
      kind: 'issued',
      status: 'succeeded',
      resolved: false,
    })
    expect((await caseState(x.shop.id, x.case.number)).state).toBe('approved')
    // Stripe was asked twice with the same key and answered the first refund again.
    const posts = stripeRequests.filter((q) => q.method === 'POST')
    expect(posts.map((q) => q.idempotencyKey)).toEqual([
      `case:${x.case.id}:refund`,
      `case:${x.case.id}:refund`,
    ])
    expect(posts.map((q) => q.replayed)).toEqual([false, true])
    expect(stripeRefunds).toHaveLength(1)
    const rows = await listCaseResolutions(db, x.shop.id, x.case.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'succeeded', provider_id: stripeRefunds[0]!.id, attempts: 2 })
    const events = (await caseState(x.shop.id, x.case.number)).events.map((e) => e.type)
    expect(events.filter((t) => t === 'refund_issued')).toHaveLength(1)
  })

  test('Stripe refusing the refund (4xx) records it failed with a plain message; the case is not resolved', async () => {
    // No PaymentIntent registered: Stripe answers 400 resource_missing.
    const x = await openCase({ valueMinor: 25_000, paymentReference: 'pi_unknown' })
    await approve(x)
    const [planned] = await listCaseResolutions(db, x.shop.id, x.case.id)
    const out = await issueResolution({
      shopId: x.shop.id,
      resolutionId: planned!.id,
      maxAttempts: 10,
      now: new Date(),
    })
    expect(out).toEqual({
      kind: 'failed',
      message: "Stripe refused the refund: No such payment_intent: 'pi_unknown'",
    })
    expect((await listCaseResolutions(db, x.shop.id, x.case.id))[0]).toMatchObject({
      status: 'failed',
      failure_message: "Stripe refused the refund: No such payment_intent: 'pi_unknown'",
    })
    const view = await caseState(x.shop.id, x.case.number)
    expect(view.state).toBe('approved')
    const failed = view.events.find((e) => e.type === 'resolution_failed')
    expect(failed?.details).toMatchObject({ kind: 'refund', provider: 'stripe' })
    expect(await listNotifications(db, { shopId: x.shop.id, template: 'case-resolved' })).toHaveLength(0)
  })

  test('Stripe down (5xx) leaves the resolution pending and rethrows for a retry; the last try records it failed', async () => {
    fakeStripe.addPaymentIntent({ id: 'pi_500', amount: 25_000, currency: 'EUR' })
    const x = await openCase({ valueMinor: 25_000, paymentReference: 'pi_500' })
    await approve(x)
    const [planned] = await listCaseResolutions(db, x.shop.id, x.case.id)
    const input = { shopId: x.shop.id, resolutionId: planned!.id, maxAttempts: 2, now: new Date() }

    fakeStripe.failNext({ status: 500, type: 'api_error', message: 'An unknown error occurred' })
    await expect(issueResolution(input)).rejects.toThrow(/Stripe could not take the refund just now \(500\)/)
    expect((await listCaseResolutions(db, x.shop.id, x.case.id))[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      failure_message: 'Stripe could not take the refund just now (500): An unknown error occurred',
    })
    expect((await caseState(x.shop.id, x.case.number)).state).toBe('approved')

    fakeStripe.failNext({ status: 503, type: 'api_error', message: 'Service unavailable' })
    expect(await issueResolution(input)).toMatchObject({ kind: 'failed' })
    expect((await listCaseResolutions(db, x.shop.id, x.case.id))[0]).toMatchObject({
      status: 'failed',
      attempts: 2,
    })
    expect((await caseState(x.shop.id, x.case.number)).state).toBe('approved')
    expect(stripeRefunds).toHaveLength(0)
  })

  test('store credit is not available through Stripe: failed at once with a sentence for support', async () => {
    const x = await openCase({ valueMinor: 25_000, resolution: 'store_credit', paymentReference: 'pi_x' })
    await approve(x)
    await runResolutionJobs()
    expect(stripeRequests).toHaveLength(0)
    const [r] = await listCaseResolutions(db, x.shop.id, x.case.id)
    expect(r).toMatchObject({ kind: 'store_credit', status: 'failed' })
    expect(r!.failure_message).toMatch(/Store credit cannot be issued through Stripe/)
    // The return label went out with it, so the case waits for its parcel; the credit waits for support.
    expect((await caseState(x.shop.id, x.case.number)).state).toBe('awaiting_return')
  })

  test('a coupon is a one-off coupon plus a single-use, expiring promotion code for the buyer, each sent idempotently', async () => {
    const stripe = createStripePayments({ secretKey: 'sk_test_x', apiBase: 'https://api.stripe.com' })
    const expiresAt = new Date('2027-06-01T00:00:00Z')
    const input = {
      idempotencyKey: 'case:abc:coupon',
      amountMinor: 1500,
      currency: 'EUR',
      email: 'ava@example.com',
      expiresAt,
      metadata: { shopId: 's', caseId: 'abc', caseNumber: 'R-1001' },
    }
    const first = await stripe.createCoupon(input)
    const again = await stripe.createCoupon(input)
    expect(again).toEqual(first)
    expect(first.code).toMatch(/^SORRY-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    // The buyer has no Stripe customer yet: one is made for them under the resolution's key, and the
    // second call finds it by email instead of making another.
    const [lookup, made, coupon, promo] = stripeRequests
    expect(lookup).toMatchObject({
      method: 'GET',
      path: '/v1/customers',
      query: { email: 'ava@example.com', limit: '1' },
    })
    expect(made).toMatchObject({
      method: 'POST',
      path: '/v1/customers',
      idempotencyKey: 'case:abc:coupon:customer',
      body: { email: 'ava@example.com', 'metadata[caseId]': 'abc' },
    })
    const customers = fakeStripe.customers()
    expect(customers).toEqual([expect.objectContaining({ email: 'ava@example.com' })])
    expect(coupon).toMatchObject({
      path: '/v1/coupons',
      idempotencyKey: 'case:abc:coupon:coupon',
      body: { amount_off: '1500', currency: 'eur', duration: 'once', max_redemptions: '1' },
    })
    expect(promo).toMatchObject({
      path: '/v1/promotion_codes',
      idempotencyKey: 'case:abc:coupon:promotion-code',
      body: {
        max_redemptions: '1',
        expires_at: String(expiresAt.getTime() / 1000),
        'restrictions[minimum_amount]': '1500',
        'restrictions[minimum_amount_currency]': 'eur',
        customer: customers[0]!.id,
      },
    })
    expect(stripeRequests.filter((r) => r.method === 'POST' && r.path === '/v1/customers')).toHaveLength(1)
    expect(
      stripeRequests.slice(4).map((r) => `${r.method} ${r.path}${r.replayed ? ' (replayed)' : ''}`),
    ).toEqual(['GET /v1/customers', 'POST /v1/coupons (replayed)', 'POST /v1/promotion_codes (replayed)'])
  })

  test('a buyer Stripe already knows gets the code restricted to their customer; none is made', async () => {
    const stripe = createStripePayments({ secretKey: 'sk_test_x', apiBase: 'https://api.stripe.com' })
    const known = fakeStripe.addCustomer({ email: 'ben@example.com' })
    fakeStripe.addCustomer({ email: 'someone-else@example.com' })
    await stripe.createCoupon({
      idempotencyKey: 'case:def:coupon',
      amountMinor: 900,
      currency: 'USD',
      email: 'ben@example.com',
      expiresAt: new Date('2027-06-01T00:00:00Z'),
      metadata: { shopId: 's', caseId: 'def', caseNumber: 'R-1002' },
    })
    expect(stripeRequests.some((r) => r.method === 'POST' && r.path === '/v1/customers')).toBe(false)
    expect(stripeRequests.find((r) => r.path === '/v1/promotion_codes')?.body.customer).toBe(known)
    expect(fakeStripe.customers()).toHaveLength(2)
  })
})

describe('with the sandbox provider', () => {
  test('a refund is one ledger row and resolves the case; running the job again writes nothing more', async () => {
    const x = await openCase({ valueMinor: 25_000 })
    await approveAndReceive(x)
    await runResolutionJobs()
    const ledger = await listLedgerEntries(db, x.shop.id)
    expect(ledger).toEqual([
      expect.objectContaining({
        kind: 'refund',
        idempotency_key: `case:${x.case.id}:refund`,
        amount_minor: x.case.issued_minor,
        currency: 'EUR',
      }),
    ])
    const [r] = await listCaseResolutions(db, x.shop.id, x.case.id)
    expect(r).toMatchObject({ status: 'succeeded', provider: 'sandbox', provider_id: ledger[0]!.reference })
    expect((await caseState(x.shop.id, x.case.number)).state).toBe('resolved')

    await issueResolution({ shopId: x.shop.id, resolutionId: r!.id, maxAttempts: 10, now: new Date() })
    await getPaymentsProvider().refund({
      idempotencyKey: `case:${x.case.id}:refund`,
      paymentReference: null,
      amountMinor: x.case.issued_minor,
      currency: 'EUR',
      metadata: { shopId: x.shop.id, caseId: x.case.id, caseNumber: `R-${x.case.number}` },
    })
    expect(await listLedgerEntries(db, x.shop.id)).toHaveLength(1)
    expect(stripeRequests).toHaveLength(0)
  })

  test('store credit is a ledger entry and a credit_issued event', async () => {
    const x = await openCase({ valueMinor: 25_000, resolution: 'store_credit' })
    await approveAndReceive(x)
    await runResolutionJobs()
    expect(await listLedgerEntries(db, x.shop.id)).toEqual([
      expect.objectContaining({ kind: 'store_credit', amount_minor: x.case.issued_minor }),
    ])
    const view = await caseState(x.shop.id, x.case.number)
    expect(view.state).toBe('resolved')
    expect(view.events.map((e) => e.type)).toContain('credit_issued')
  })
})

test('a resolution planned before the worker queue existed gets its job at worker start, once', async () => {
  const x = await openCase({ valueMinor: 25_000 })
  await approveAndReceive(x)
  // As if the worker's schema had not been there when the case was approved.
  await sql`delete from graphile_worker._private_jobs`.execute(db)
  // The refund: the return label was made when staff issued it.
  expect(await queueWaitingResolutions()).toBe(1)
  expect(await queueWaitingResolutions()).toBe(1)
  expect(await queuedResolutionJobs()).toBe(1)
  await runResolutionJobs()
  expect((await caseState(x.shop.id, x.case.number)).state).toBe('resolved')
  expect(await queueWaitingResolutions()).toBe(0)
})
