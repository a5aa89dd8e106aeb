// Two staff approving the same case at the same moment (or one agent's double click), then its jobs
// running twice at once, end to end: one plan, one refund at Stripe, one record, one timeline event.
// The planning half is also tested on its own (issue-resolution.test); this follows it through to the
// provider, with the real Stripe SDK against the HTTP-level fake.
import { expect, test } from 'vitest'
import { getStaffCase } from '#app/services/cases/case-view.server'
import { issueResolution } from '#app/services/resolutions/issue-resolution.server'
import { db } from '#db/client'
import { listCaseResolutions } from '#db/queries/resolutions'
import { createStaff } from '#tests/factories'
import { fakeStripe, stripeRefunds, stripeRequests } from '#tests/fakes/stripe'
import {
  approveMoneyCase,
  clearJobQueue,
  moneyResolution,
  openMoneyCase,
  queuedJobs,
  runResolutionJobs,
  switchStripeOn,
} from '#tests/helpers/resolutions'

switchStripeOn()

test('two staff approve at once, the job runs twice at once: Stripe refunds once, and the case holds one refund and one event', async () => {
  await clearJobQueue()
  const pi = `pi_race_${crypto.randomUUID().slice(0, 8)}`
  fakeStripe.addPaymentIntent({ id: pi, amount: 12_000, currency: 'EUR' })
  const x = await openMoneyCase({ valueMinor: 12_000, paymentReference: pi })
  const other = await createStaff({ shopId: x.shop.id, role: 'agent' })

  // Two agents, and the first one's double click, at the same moment.
  const approvals = await Promise.all([
    approveMoneyCase(x),
    approveMoneyCase(x, other.id),
    approveMoneyCase(x),
  ])
  expect(approvals.every((a) => a.ok)).toBe(true)
  expect(approvals.filter((a) => a.ok && a.changed)).toHaveLength(1)
  expect(await queuedJobs('issue-resolution')).toBe(1)

  // The queued job and two more runs for the same row, all at once (a worker retrying, a second worker).
  const r = await moneyResolution(x)
  const input = { shopId: x.shop.id, resolutionId: r.id, maxAttempts: 10, now: new Date() }
  await Promise.all([runResolutionJobs(), issueResolution(input), issueResolution(input)])
  await runResolutionJobs()

  const mine = stripeRequests.filter(
    (q) => q.method === 'POST' && q.path === '/v1/refunds' && q.body['payment_intent'] === pi,
  )
  // Every call that reached Stripe carried the same key, so Stripe made one refund of it.
  expect(new Set(mine.map((q) => q.idempotencyKey))).toEqual(new Set([`case:${x.case.id}:refund`]))
  expect(stripeRefunds.filter((s) => s.payment_intent === pi)).toEqual([
    expect.objectContaining({ amount: x.case.issued_minor, currency: 'eur' }),
  ])
  expect(await listCaseResolutions(db, x.shop.id, x.case.id)).toEqual([
    expect.objectContaining({ kind: 'refund', status: 'succeeded', attempts: 1 }),
  ])
  const view = (await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: new Date() }))!
  expect(view.events.filter((e) => e.type === 'approved')).toHaveLength(1)
  expect(view.events.filter((e) => e.type === 'refund_issued')).toHaveLength(1)
})
