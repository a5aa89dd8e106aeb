// Cases with money to issue, for the resolution tests: a shop whose policy moves money at approval, an
// order (optionally paid through a Stripe PaymentIntent), a return case asking for a refund, store credit
// or a coupon, approved by staff; the issue-resolution jobs run as the worker runs them; Stripe switched
// on through the environment as in production.
import { Logger, runOnce } from 'graphile-worker'
import { sql } from 'kysely'
import { afterEach, beforeEach } from 'vitest'
import { DEFAULT_RETURN_POLICY } from '#app/domain/policy/policy'
import { resetEnvCache } from '#app/env.server'
import { taskList } from '#app/jobs/worker'
import { actOnCaseAsStaff } from '#app/services/cases/case-actions.server'
import { createReturnCase } from '#app/services/cases/create-return-case.server'
import { savePolicy } from '#app/services/policies/policies.server'
import { db } from '#db/client'
import { findCaseByIdempotencyKey } from '#db/queries/cases'
import { listCaseResolutions } from '#db/queries/resolutions'
import { resetPaymentsProvider } from '#integrations/payments'
import { createOrder, createShipment, createShop, createStaff } from '#tests/factories'

const DAY = 86_400_000
export const WEBHOOK_SECRET = 'whsec_homebound_integration_secret'

export type MoneyCase = Awaited<ReturnType<typeof openMoneyCase>>

/** A return case for one item worth `valueMinor`, kept by the buyer (nothing to wait for), not yet approved. */
export async function openMoneyCase(opts: {
  valueMinor: number
  resolution?: 'refund' | 'store_credit' | 'coupon'
  paymentReference?: string | null
  currency?: string
  shopId?: string
  /** 'keep' (the default): nothing comes back, so issuing the money settles the case. */
  returnMethod?: 'keep' | 'label'
  locale?: 'en' | 'ru' | 'pl'
  /** The policy's coupon validity; the policy's default (a year) when absent. */
  couponValidDays?: number
}) {
  const shop = opts.shopId ? { id: opts.shopId } : await createShop()
  const staff = await createStaff({ shopId: shop.id, role: 'agent' })
  if (!opts.shopId) {
    const saved = await savePolicy({
      shopId: shop.id,
      staffId: null,
      rules: {
        ...DEFAULT_RETURN_POLICY,
        // Money moves at approval; no automatic approval, so staff approve (and can race).
        timing: { moneyMoves: 'approval', replacementShips: 'approval' },
        autoApprove: { ...DEFAULT_RETURN_POLICY.autoApprove, enabled: false },
        resolutions: {
          ...DEFAULT_RETURN_POLICY.resolutions,
          coupon: {
            enabled: true,
            bonusPercent: 0,
            ...(opts.couponValidDays ? { validDays: opts.couponValidDays } : {}),
          },
        },
        // Every item may be kept, so a case has nothing to send back: only its money to issue.
        greenReturn: { enabled: true, maxItemValue: { EUR: 10_000_000, USD: 10_000_000 } },
        reasons: {
          ...DEFAULT_RETURN_POLICY.reasons,
          changed_mind: {
            ...DEFAULT_RETURN_POLICY.reasons.changed_mind,
            allowedResolutions: ['refund', 'store_credit', 'coupon'],
            waiveReturnShipping: true,
          },
        },
      },
      basedOnVersion: 0,
      now: new Date(),
    })
    if (!saved.ok) throw new Error('policy not saved')
  }
  const order = await createOrder({
    shopId: shop.id,
    currency: opts.currency ?? 'EUR',
    items: [{ quantity: 1, unitPriceMinor: opts.valueMinor }],
    placedAt: new Date(Date.now() - 5 * DAY),
    paymentReference: opts.paymentReference ?? null,
  })
  await createShipment({ shopId: shop.id, orderId: order.id, shippedAt: new Date(Date.now() - 4 * DAY) })
  const key = crypto.randomUUID()
  const created = await createReturnCase({
    shopId: shop.id,
    orderId: order.id,
    buyerEmail: order.email,
    locale: opts.locale ?? 'en',
    request: {
      selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'changed_mind' }],
      resolution: opts.resolution ?? 'refund',
      returnMethod: opts.returnMethod ?? 'keep',
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

export function approveMoneyCase(x: MoneyCase, staffId = x.staff.id) {
  return actOnCaseAsStaff({
    shopId: x.shop.id,
    staffId,
    caseNumber: x.case.number,
    command: 'approve',
    now: new Date(),
  })
}

/** The case's money resolution (its only one: the buyer keeps the item, so there is no label). */
export async function moneyResolution(x: MoneyCase) {
  const rows = await listCaseResolutions(db, x.shop.id, x.case.id)
  if (rows.length !== 1) throw new Error(`expected one resolution, found ${rows.length}`)
  return rows[0]!
}

/** Runs the queued issue-resolution jobs the way the worker does (the real task, through graphile-worker). */
export async function runResolutionJobs() {
  await runOnce({
    connectionString: process.env.DATABASE_URL!,
    logger: new Logger(() => () => undefined),
    taskList: { 'issue-resolution': taskList['issue-resolution']! },
  })
}

export async function queuedJobs(task: string) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from graphile_worker.jobs where task_identifier = ${task}`.execute(db)
  return rows[0]!.n
}

/** Jobs left by earlier tests in this database would run against rows that are gone: start clean. */
export async function clearJobQueue() {
  await sql`delete from graphile_worker._private_jobs`.execute(db)
}

/** Stripe switched on through the environment (the SDK's host pointing at MSW's api.stripe.com). */
export function switchStripeOn(options: { webhookSecret?: boolean } = {}) {
  beforeEach(() => {
    process.env.STRIPE_SECRET_KEY = 'sk_test_homebound_fake'
    process.env.STRIPE_API_BASE = 'https://api.stripe.com'
    if (options.webhookSecret) process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    resetEnvCache()
    resetPaymentsProvider()
  })
  afterEach(() => {
    delete process.env.STRIPE_SECRET_KEY
    delete process.env.STRIPE_API_BASE
    delete process.env.STRIPE_WEBHOOK_SECRET
    resetEnvCache()
    resetPaymentsProvider()
  })
}
