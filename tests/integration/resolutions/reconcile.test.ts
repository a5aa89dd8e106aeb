// Reconciliation, staff retries and failures that must leave a clear state: what Stripe (through the
// real SDK against the fake) or the sandbox ledger holds is compared with our records; a difference is
// flagged on the resolution and the case once; "Try again" re-queues a failed one under the same key,
// once, and refuses what it must; a refund in another currency than its payment never reaches Stripe.
import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { buildCrontab } from '#app/jobs/crontab'
import { action as caseAction, loader as caseLoader } from '#app/routes/support.cases.$caseNumber'
import { action as loginAction } from '#app/routes/auth.login'
import { getStaffCase, listCaseQueue } from '#app/services/cases/case-view.server'
import { reconcileCase, reconcileShop } from '#app/services/resolutions/reconcile.server'
import { getBuyerFailures, getResolutionsPanel } from '#app/services/resolutions/resolutions-view.server'
import { retryResolution } from '#app/services/resolutions/retry-resolution.server'
import { db } from '#db/client'
import { listNotifications } from '#db/queries/notifications'
import { fakeStripe, stripeRefunds, stripeRequests } from '#tests/fakes/stripe'
import { callAction, callLoader, cookieFrom, formRequest, getRequest } from '#tests/helpers/requests'
import {
  approveMoneyCase,
  clearJobQueue,
  moneyResolution,
  openMoneyCase,
  queuedJobs,
  runResolutionJobs,
  switchStripeOn,
  type MoneyCase,
} from '#tests/helpers/resolutions'

const now = () => new Date()
const types = async (x: MoneyCase) =>
  (await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: now() }))!.events.map(
    (e) => e.type,
  )

async function issued(opts: Parameters<typeof openMoneyCase>[0]) {
  await clearJobQueue()
  const x = await openMoneyCase(opts)
  await approveMoneyCase(x)
  await runResolutionJobs()
  return x
}

describe('with Stripe', () => {
  switchStripeOn()

  function stripeCase(pi: string, currency = 'EUR') {
    fakeStripe.addPaymentIntent({ id: pi, amount: 25_000, currency })
    return { valueMinor: 25_000, paymentReference: pi }
  }

  test('a pending refund that went through is recorded by the hourly run (a missed webhook); a match sets reconciled_at', async () => {
    fakeStripe.createRefundsAs('pending')
    const x = await issued(stripeCase('pi_rec_1'))
    const r = await moneyResolution(x)
    fakeStripe.updateRefund(r.provider_id!, { status: 'succeeded' })
    const summary = await reconcileShop({ shopId: x.shop.id, now: now() })
    expect(summary).toMatchObject({ checked: 1, advanced: 1, mismatched: 0 })
    const after = await moneyResolution(x)
    expect(after).toMatchObject({ status: 'succeeded', reconcile_mismatch: null })
    expect(after.reconciled_at).not.toBeNull()
    expect((await types(x)).filter((t) => t === 'refund_succeeded')).toHaveLength(1)
    // The lookups: the payment's refunds listed by PaymentIntent, matched by our metadata.
    expect(stripeRequests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/v1/refunds',
      query: { payment_intent: 'pi_rec_1', limit: '100' },
    })
    // Checked and matching: the next hourly run leaves it alone.
    expect((await reconcileShop({ shopId: x.shop.id, now: now() })).checked).toBe(0)
  })

  test('an order paid by a Charge: its refunds are listed by charge, and a pending one that went through is recorded', async () => {
    fakeStripe.addLegacyCharge({ id: 'ch_rec_legacy', amount: 25_000, currency: 'EUR' })
    fakeStripe.createRefundsAs('pending')
    const x = await issued({ valueMinor: 25_000, paymentReference: 'ch_rec_legacy' })
    const r = await moneyResolution(x)
    expect(r).toMatchObject({ status: 'pending', provider_id: stripeRefunds[0]!.id })
    fakeStripe.updateRefund(r.provider_id!, { status: 'succeeded' })
    const summary = await reconcileShop({ shopId: x.shop.id, now: now() })
    expect(summary).toMatchObject({ checked: 1, advanced: 1, mismatched: 0, errors: [] })
    expect(await moneyResolution(x)).toMatchObject({ status: 'succeeded', reconcile_mismatch: null })
    const listed = stripeRequests.filter((q) => q.method === 'GET' && q.path === '/v1/refunds')
    expect(listed.map((q) => q.query)).toEqual([{ charge: 'ch_rec_legacy', limit: '100' }])
    // Never asked for as a PaymentIntent.
    expect(stripeRequests.some((q) => q.path.startsWith('/v1/payment_intents'))).toBe(false)
  })

  test('an amount that differs, and a refund we have no record of, are flagged once on the case and in the queue', async () => {
    const x = await issued(stripeCase('pi_rec_2'))
    const r = await moneyResolution(x)
    fakeStripe.updateRefund(r.provider_id!, { status: 'succeeded', amount: 20_000 })
    fakeStripe.addRefund({
      paymentIntent: 'pi_rec_2',
      amount: 1_000,
      metadata: { shopId: x.shop.id, caseId: x.case.id },
    })
    // Someone else's refund on the same payment is not ours and not flagged.
    fakeStripe.addRefund({ paymentIntent: 'pi_rec_2', amount: 500 })
    const result = await reconcileCase({ shopId: x.shop.id, caseNumber: x.case.number, now: now() })
    expect(result).toMatchObject({ ok: true, summary: { checked: 1, mismatched: 1 } })
    expect(result.ok && result.message).toBe('Checked with Stripe: 1 difference (see below).')
    const flagged = await moneyResolution(x)
    expect(flagged.reconcile_mismatch).toBe(
      `Stripe’s refund ${r.provider_id} is for €200.00; we recorded €250.00. ` +
        `Stripe also holds another refund for this case that we have no record of: ${stripeRefunds[1]!.id} (€10.00).`,
    )
    expect(flagged.reconciled_at).toBeNull()
    // Found again an hour later: no second event.
    await reconcileShop({ shopId: x.shop.id, now: now() })
    expect((await types(x)).filter((t) => t === 'reconcile_mismatch')).toHaveLength(1)
    const queue = await listCaseQueue({ shopId: x.shop.id, attention: true })
    expect(queue.map((c) => c.attention)).toEqual([{ failed: 0, mismatched: 1 }])
    const panel = await getResolutionsPanel({ shopId: x.shop.id, caseNumber: x.case.number })
    expect(panel[0]).toMatchObject({
      what: 'Refund',
      statusWords: 'Issued',
      mismatch: flagged.reconcile_mismatch,
    })
  })

  test('recorded failed although Stripe holds the refund: flagged, and "Try again" refuses to pay twice', async () => {
    const x = await issued(stripeCase('pi_rec_3'))
    // As if the answer had been lost and every try had then failed: Stripe has it, we say failed.
    await sql`update resolutions set status = 'failed', provider_id = null, failure_message = 'Stripe could not be reached for the refund.'
      where case_id = ${x.case.id}`.execute(db)
    const summary = await reconcileShop({ shopId: x.shop.id, now: now() })
    expect(summary.mismatched).toBe(1)
    expect((await moneyResolution(x)).reconcile_mismatch).toBe(
      `Stripe holds refund ${stripeRefunds[0]!.id} (€250.00) for this case, but we recorded it as failed: the buyer may have been paid.`,
    )
    const retry = await retryResolution({
      shopId: x.shop.id,
      caseNumber: x.case.number,
      resolutionId: (await moneyResolution(x)).id,
      staffId: x.staff.id,
      now: now(),
    })
    expect(retry).toMatchObject({ ok: false, code: 'held_by_provider' })
    expect((await moneyResolution(x)).status).toBe('failed')
    expect(stripeRefunds).toHaveLength(1)
  })

  test('a refund in another currency than its payment is refused before any refund is asked for, in plain words', async () => {
    const x = await issued(stripeCase('pi_usd', 'USD'))
    expect(stripeRequests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /v1/payment_intents/pi_usd'])
    expect(stripeRefunds).toHaveLength(0)
    const r = await moneyResolution(x)
    expect(r).toMatchObject({ status: 'failed', provider_id: null, attempts: 1 })
    expect(r.failure_message).toBe(
      'Not refunded: the order was paid in USD but this refund is in EUR, so Stripe would pay back the wrong amount. Refund it by hand in Stripe, in USD.',
    )
    // A clear state: the case stays approved for support, the buyer is told plainly (no provider words).
    const view = await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: now() })
    expect(view!.state).toBe('approved')
    expect(await getBuyerFailures({ shopId: x.shop.id, caseNumber: x.case.number })).toEqual(['refund'])
    expect(await listNotifications(db, { shopId: x.shop.id, template: 'resolution-failed' })).toHaveLength(1)
    expect(await listNotifications(db, { shopId: x.shop.id, template: 'case-resolved' })).toHaveLength(0)
  })

  test('"Try again" after a refusal: queued again under the same key with its tries reset, once, even on a double click', async () => {
    // Stripe does not know the payment yet: refused (400), recorded failed after one try.
    const x = await issued({ valueMinor: 25_000, paymentReference: 'pi_late' })
    const failed = await moneyResolution(x)
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 })
    expect(failed.failure_message).toBe("Stripe refused the refund: No such payment_intent: 'pi_late'")
    fakeStripe.addPaymentIntent({ id: 'pi_late', amount: 25_000, currency: 'EUR' })

    const input = {
      shopId: x.shop.id,
      caseNumber: x.case.number,
      resolutionId: failed.id,
      staffId: x.staff.id,
      now: now(),
    }
    const [a, b] = await Promise.all([retryResolution(input), retryResolution(input)])
    expect([a.ok, b.ok].sort()).toEqual([false, true])
    expect([a, b].find((r) => !r.ok)).toMatchObject({
      code: 'not_failed',
      message: 'Only a failed refund can be tried again; this one is queued already. Nothing was changed.',
    })
    expect(await moneyResolution(x)).toMatchObject({ status: 'pending', attempts: 0, provider_id: null })
    expect(await queuedJobs('issue-resolution')).toBe(1)
    const retried = (await getStaffCase({
      shopId: x.shop.id,
      caseNumber: x.case.number,
      now: now(),
    }))!.events.filter((e) => e.type === 'resolution_retried')
    expect(retried).toHaveLength(1)
    expect(retried[0]).toMatchObject({ actor: 'staff', staffName: expect.any(String) })

    await runResolutionJobs()
    expect(await moneyResolution(x)).toMatchObject({ status: 'succeeded', attempts: 1 })
    expect(stripeRefunds).toHaveLength(1)
    // The refusal came on reading the payment, so the one refund asked for is the retry's, under the case's key.
    expect(stripeRequests.filter((q) => q.method === 'POST').map((q) => q.idempotencyKey)).toEqual([
      `case:${x.case.id}:refund`,
    ])
    expect(await getBuyerFailures({ shopId: x.shop.id, caseNumber: x.case.number })).toEqual([])
  })

  test('a refund Stripe took and then failed cannot be tried again: the panel says what to do instead', async () => {
    fakeStripe.createRefundsAs('pending')
    const x = await issued(stripeCase('pi_rec_4'))
    const r = await moneyResolution(x)
    fakeStripe.updateRefund(r.provider_id!, { status: 'failed', failure_reason: 'lost_or_stolen_card' })
    await reconcileShop({ shopId: x.shop.id, now: now() })
    expect(await moneyResolution(x)).toMatchObject({ status: 'failed', provider_id: r.provider_id })
    const retry = await retryResolution({
      shopId: x.shop.id,
      caseNumber: x.case.number,
      resolutionId: r.id,
      staffId: x.staff.id,
      now: now(),
    })
    expect(retry).toMatchObject({ ok: false, code: 'taken_by_provider' })
    const [row] = await getResolutionsPanel({ shopId: x.shop.id, caseNumber: x.case.number })
    expect(row).toMatchObject({
      statusWords: 'Failed after Stripe took it',
      tone: 'problem',
      canRetry: false,
      lastError:
        'Stripe could not pay the refund back to the buyer: the buyer’s card was reported lost or stolen. No money reached the buyer.',
    })
    expect(row!.retryNote).toMatch(/pay the buyer another way/)
  })
})

describe('with the sandbox provider', () => {
  test('the ledger agrees: reconciled; an amount changed or an entry missing is a difference', async () => {
    const x = await issued({ valueMinor: 4_000 })
    const y = await openMoneyCase({ valueMinor: 6_000, shopId: x.shop.id })
    await approveMoneyCase(y)
    await runResolutionJobs()
    expect((await reconcileShop({ shopId: x.shop.id, now: now() })).matched).toBe(2)
    expect((await moneyResolution(x)).reconciled_at).not.toBeNull()

    await sql`update sandbox_ledger set amount_minor = 3999 where idempotency_key = ${`case:${x.case.id}:refund`}`.execute(
      db,
    )
    await sql`delete from sandbox_ledger where idempotency_key = ${`case:${y.case.id}:refund`}`.execute(db)
    // Changed since the last match, so both are due again.
    await sql`update resolutions set updated_at = now() where shop_id = ${x.shop.id}`.execute(db)
    const s = await reconcileShop({ shopId: x.shop.id, now: now() })
    expect(s).toMatchObject({ checked: 2, mismatched: 2 })
    expect((await moneyResolution(x)).reconcile_mismatch).toMatch(/is for €39\.99; we recorded €40\.00\./)
    expect((await moneyResolution(y)).reconcile_mismatch).toMatch(
      /^The sandbox provider has no refund sbx_re_\w+, which we recorded as issued\.$/,
    )
    expect((await listCaseQueue({ shopId: x.shop.id, attention: true })).map((c) => c.number).sort()).toEqual(
      [`R-${x.case.number}`, `R-${y.case.number}`].sort(),
    )
  })

  test('a coupon: the ledger’s code is compared with the one the buyer got', async () => {
    const x = await issued({ valueMinor: 3_000, resolution: 'coupon' })
    const r = await moneyResolution(x)
    expect(r).toMatchObject({ status: 'succeeded', code: expect.stringMatching(/^SORRY-/) })
    expect((await reconcileCase({ shopId: x.shop.id, caseNumber: x.case.number, now: now() })).ok).toBe(true)
    expect((await moneyResolution(x)).reconciled_at).not.toBeNull()
  })

  test('a job lost with a dead worker is queued again by the hourly run; one waiting for its backoff is left alone', async () => {
    await clearJobQueue()
    const x = await openMoneyCase({ valueMinor: 4_000 })
    await approveMoneyCase(x)
    expect(await queuedJobs('issue-resolution')).toBe(1)
    const later = new Date(Date.now() + 60 * 60_000)
    // Its job is there and not running: nothing to do.
    expect((await reconcileShop({ shopId: x.shop.id, now: later })).requeued).toBe(0)
    // The job is gone (its worker died holding it long ago, or it was removed): queued again, once.
    await clearJobQueue()
    expect((await reconcileShop({ shopId: x.shop.id, now: later })).requeued).toBe(1)
    expect((await reconcileShop({ shopId: x.shop.id, now: later })).requeued).toBe(0)
    await runResolutionJobs()
    expect((await moneyResolution(x)).status).toBe('succeeded')
  })

  test('the staff page: the panel in words, "Check with provider" and "Try again" through the route', async () => {
    const x = await issued({ valueMinor: 4_000 })
    // Sign in as this shop's agent (the route authenticates like a browser).
    const login = await callAction(
      loginAction,
      formRequest(`http://${(await shopOf(x.shop.id)).portal_host}/auth/login`, {
        email: x.staff.email,
        password: x.staff.password,
      }),
    )
    expect(login.status).toBe(302)
    const cookie = cookieFrom(login)
    const host = (await shopOf(x.shop.id)).portal_host
    const url = `http://${host}/support/cases/R-${x.case.number}`
    const params = { caseNumber: `R-${x.case.number}` }

    const page = await callLoader(caseLoader, getRequest(url, { cookie }), params)
    const data = (await page.json()) as {
      resolutions: { what: string; statusWords: string; provider: string }[]
    }
    expect(data.resolutions).toEqual([
      expect.objectContaining({ what: 'Refund', statusWords: 'Issued', provider: 'The sandbox provider' }),
    ])

    const check = await callAction(
      caseAction,
      formRequest(url, { intent: 'check-resolutions' }, { cookie }),
      params,
    )
    expect(check.status).toBe(200)
    expect(await check.json()).toEqual({
      resolutionsNotice: { ok: true, message: 'Checked with The sandbox provider: 1 matches.' },
    })

    const refused = await callAction(
      caseAction,
      formRequest(
        url,
        { intent: 'retry-resolution', resolutionId: (await moneyResolution(x)).id },
        { cookie },
      ),
      params,
    )
    expect(refused.status).toBe(409)
    expect(await refused.json()).toEqual({
      resolutionsNotice: {
        ok: false,
        message: 'Only a failed refund can be tried again; this one is issued. Nothing was changed.',
      },
    })
    const bad = await callAction(
      caseAction,
      formRequest(url, { intent: 'retry-resolution', resolutionId: 'nope' }, { cookie }),
      params,
    )
    expect(bad.status).toBe(400)
    // Another shop's resolution id is not found on this case.
    const other = await issued({ valueMinor: 4_000 })
    const foreign = await callAction(
      caseAction,
      formRequest(
        url,
        { intent: 'retry-resolution', resolutionId: (await moneyResolution(other)).id },
        { cookie },
      ),
      params,
    )
    expect(foreign.status).toBe(404)
  })
})

test('the hourly reconciliation is on the crontab, away from the top of the hour', () => {
  expect(buildCrontab({ carrierPollCron: '*/5 * * * *' })).toContain(
    '17 * * * * reconcile-resolutions ?max=1&jobKey=reconcile-resolutions&jobKeyMode=replace',
  )
})

async function shopOf(id: string) {
  return db.selectFrom('shops').select(['portal_host']).where('id', '=', id).executeTakeFirstOrThrow()
}
