// Issuing what an approved case delivers: money (a refund, store credit, a coupon, an exchange's price
// difference), a return label, a replacement parcel. Approval plans them (planCaseResolutions, inside the
// approving transaction: one row per case and kind, the jobs of those released at approval queued with
// it; the rest wait for their moment, see release). The issue-resolution job then calls issueResolution,
// which holds the row lock across the provider call, so a second run waits its turn or skips, and sends
// our idempotency key, so a run retried after a crash gets the provider's first answer instead of a
// second effect. The outcome, its case event, the case's move to "resolved" and the buyer's email are
// written in one transaction.
import {
  isFinalCaseState,
  isSettledByIssue,
  nextCaseState,
  type CaseState,
} from '#app/domain/cases/case-state'
import { DEFAULT_RESOLUTION_TIMING, timingOf, type ResolutionTiming } from '#app/domain/policy/policy'
import {
  planResolutions,
  resolutionIdempotencyKey,
  type ResolutionKind,
  type ResolutionPlan,
} from '#app/domain/resolutions/plan'
import { db, type Database } from '#db/client'
import * as cases from '#db/queries/cases'
import * as outbox from '#db/queries/notifications'
import * as resolutions from '#db/queries/resolutions'
import { caseStockNeeds, releaseStock, reserveStock } from '#db/queries/product-variants'
import { listShopIds } from '#db/queries/shops'
import { getCarrier } from '#integrations/carriers'
import { getPaymentsProvider } from '#integrations/payments'
import type { Transaction } from 'kysely'
import { ISSUERS, isIssueFailure, type IssueDeps, type IssuerAnswer } from './issuers.server'
import { WaitingForChargeAtProvider } from './issue-replacement.server'
import { tellBuyerResolutionFailed } from './provider-outcome.server'

const EVENT_OF: Record<ResolutionKind, string> = {
  refund: 'refund_issued',
  store_credit: 'credit_issued',
  coupon: 'coupon_issued',
  charge: 'difference_charged',
  return_label: 'return_label_created',
  replacement: 'replacement_shipped',
}

export { resolutionIdempotencyKey }

/** What the case knows when it is approved, for planning what it delivers. */
export interface ApprovedCaseFacts {
  shopId: string
  caseId: string
  kind: 'return' | 'complaint'
  resolution: string | null
  returnMethod: 'label' | 'drop_off' | 'keep' | null
  issuedMinor: number
  currency: string
  priceDifferenceMinor: number
  timing: Partial<ResolutionTiming> | null
}

/** Everything an approved case delivers (see planResolutions), with the timing of its policy version. */
export function resolutionPlansFor(c: Omit<ApprovedCaseFacts, 'shopId'>): ResolutionPlan[] {
  const timing = timingOf({ timing: { ...DEFAULT_RESOLUTION_TIMING, ...(c.timing ?? {}) } })
  return planResolutions({
    caseId: c.caseId,
    kind: c.kind,
    resolution: c.resolution,
    returnMethod: c.returnMethod,
    issuedMinor: c.issuedMinor,
    currency: c.currency,
    priceDifferenceMinor: c.priceDifferenceMinor,
    moneyMoves: timing.moneyMoves,
    replacementShips: timing.replacementShips,
  })
}

/**
 * Approval cannot hold the units a replacement needs: thrown inside the approving transaction, so nothing
 * of the approval is written; the caller turns it into a plain sentence for the agent.
 */
export class OutOfStockError extends Error {
  readonly code = 'out_of_stock'
  constructor(readonly short: { title: string; free: number; wanted: number }[]) {
    super(
      `Not approved: not enough stock for the replacement (${short
        .map((s) => `${s.title}: ${s.free} free, ${s.wanted} needed`)
        .join('; ')}). Restock it, or ask the buyer to choose another variant or a refund.`,
    )
    this.name = 'OutOfStockError'
  }
}

/**
 * Called in the transaction that approves a case: plans everything it delivers and queues the jobs of
 * what is released at approval. Approving again, or twice at once, plans nothing more. A replacement holds
 * its units from now (reserved, never more than available): when they are not there the approval throws
 * OutOfStockError, or, with `stock: 'if_available'` (an automatic reship of a complaint, which staff then
 * see), goes ahead without holding any. Returns the kinds planned now.
 */
export async function planCaseResolutions(
  trx: Transaction<Database>,
  c: ApprovedCaseFacts,
  at: Date,
  options: { stock: 'require' | 'if_available' } = { stock: 'require' },
): Promise<ResolutionKind[]> {
  const plans = resolutionPlansFor(c)
  if (plans.length === 0) return []
  if (plans.some((p) => p.kind === 'replacement')) {
    const reserved = await reserveStock(trx, c.shopId, await caseStockNeeds(trx, c.shopId, c.caseId), at)
    if (!reserved.ok && options.stock === 'require') throw new OutOfStockError(reserved.short)
  }
  const rows = await resolutions.insertPlannedResolutions(trx, c.shopId, c.caseId, plans, {
    // NOTE: before the worker first starts its schema may be missing; the rows then wait (see README).
    scheduleJob: await outbox.hasWorkerQueue(trx),
    at,
  })
  return rows.map((r) => r.kind)
}

export type IssueOutcome =
  | {
      kind: 'issued'
      status: 'succeeded' | 'pending'
      providerId: string
      code: string | null
      resolved: boolean
    }
  | { kind: 'failed'; message: string }
  /** A replacement waiting for its price difference, which the provider finishes later. */
  | { kind: 'waiting'; for: 'charge' }
  | { kind: 'skipped'; reason: 'not_found_or_busy' | 'already_done' }

/**
 * Issues one released resolution. A provider error that may pass is counted and rethrown (after the count
 * is committed) so the job queue retries with backoff; a refusal, or the last try, records the
 * resolution as failed with the provider's sentence on the case timeline for support.
 */
export async function issueResolution(
  input: { shopId: string; resolutionId: string; maxAttempts: number; now: Date },
  overrides: Partial<IssueDeps> = {},
): Promise<IssueOutcome> {
  const deps: IssueDeps = {
    payments: overrides.payments ?? getPaymentsProvider(),
    carrier: overrides.carrier ?? getCarrier(),
    ...overrides,
  }
  const { shopId, now } = input
  const result = await db
    .transaction()
    .execute(async (trx): Promise<IssueOutcome | { kind: 'retry'; error: Error }> => {
      const locked = await resolutions.lockResolutionAndCaseForIssue(trx, shopId, input.resolutionId)
      if (!locked) return { kind: 'skipped', reason: 'not_found_or_busy' }
      const { resolution: r, case: c } = locked
      // Not released yet, done already (a repeated job), or handed to the provider, which finishes a
      // pending refund itself.
      if (r.status !== 'pending' || r.provider_id) return { kind: 'skipped', reason: 'already_done' }
      const kind = r.kind as ResolutionKind
      const issuer = ISSUERS[kind]
      const providerName = issuer ? issuer.providerName(deps) : 'none'

      const failFor = async (message: string, attempted: boolean) => {
        if (attempted) {
          await resolutions.markResolutionAttemptFailed(trx, {
            shopId,
            id: r.id,
            status: 'failed',
            provider: providerName,
            message,
            at: now,
          })
        } else {
          await resolutions.markResolutionNotIssued(trx, { shopId, id: r.id, message, at: now })
        }
        await cases.insertCaseEvent(trx, {
          shopId,
          caseId: c.id,
          type: 'resolution_failed',
          actor: 'system',
          details: {
            kind,
            amountMinor: r.amount_minor,
            currency: r.currency,
            provider: providerName,
            message,
          },
          at: now,
        })
        // What the buyer was promised (money, their label, their replacement) did not go through: they
        // are told plainly, once.
        if (attempted) {
          await tellBuyerResolutionFailed(trx, {
            shopId,
            caseId: c.id,
            resolutionId: r.id,
            kind,
            buyerEmail: c.buyer_email,
            locale: c.locale,
            caseNumber: c.number,
          })
        }
        await cases.touchCase(trx, { shopId, caseId: c.id, at: now })
        return { kind: 'failed' as const, message }
      }

      if (isFinalCaseState(c.state as CaseState)) {
        // The units held for a replacement that will never ship go back on sale.
        if (kind === 'replacement') {
          await releaseStock(trx, shopId, await caseStockNeeds(trx, shopId, c.id), now)
        }
        return failFor(`Not issued: the case was ${c.state} before it was issued.`, false)
      }
      if (!issuer) {
        return failFor(
          `This shop cannot issue a ${kind.replace('_', ' ')} automatically; do it by hand.`,
          false,
        )
      }

      let answer: IssuerAnswer
      try {
        answer = await issuer.issue({ trx, shopId, resolution: r, case: c, deps, now })
      } catch (err) {
        if (err instanceof WaitingForChargeAtProvider) {
          // Not a try: it waits, job done, until the charge's end releases it (releaseAfterCharge).
          await resolutions.waitForCharge(trx, { shopId, id: r.id, at: now })
          await cases.touchCase(trx, { shopId, caseId: c.id, at: now })
          return { kind: 'waiting' as const, for: 'charge' as const }
        }
        const failure = isIssueFailure(err)
          ? err
          : { message: `${providerName} failed unexpectedly; it will be tried again.`, retryable: true }
        if (!failure.retryable || r.attempts + 1 >= input.maxAttempts) return failFor(failure.message, true)
        await resolutions.markResolutionAttemptFailed(trx, {
          shopId,
          id: r.id,
          status: 'pending',
          provider: providerName,
          message: failure.message,
          at: now,
        })
        return { kind: 'retry', error: err instanceof Error ? err : new Error(failure.message) }
      }

      // A label never settles the case (its parcel has yet to come back); money or a replacement may: the
      // settle check then reads the resolutions after this one is recorded, and touches the case itself.
      const settles = kind !== 'return_label' && settlesByIssue(c)
      await resolutions.recordResolutionIssued(trx, {
        shopId,
        id: r.id,
        caseId: c.id,
        status: answer.status,
        provider: answer.provider,
        providerId: answer.providerId,
        code: answer.code,
        ...(answer.details ? { details: answer.details } : {}),
        event: {
          // A charge the provider has not finished is not "charged" yet: the timeline says it waits.
          type: kind === 'charge' && answer.status === 'pending' ? 'charge_pending' : EVENT_OF[kind],
          details: {
            ...(r.amount_minor > 0 ? { amountMinor: r.amount_minor, currency: r.currency } : {}),
            provider: answer.provider,
            providerId: answer.providerId,
            status: answer.status,
            ...(answer.code ? { code: answer.code } : {}),
            ...(answer.details ?? {}),
          },
        },
        touchCase: kind !== 'return_label' && !settles,
        at: now,
      })
      const resolved = settles
        ? await settleIfDone(trx, { shopId, case: c, resolutionId: r.id, kind, code: answer.code, now })
        : false
      // The buyer gets their code now. When it settles the case the resolution email carries it instead;
      // a case settled later (its return parcel received) repeats the code in that email, as a reminder.
      if (kind === 'coupon' && answer.code && !resolved) {
        await outbox.insertNotification(trx, {
          shopId,
          template: 'case-coupon',
          toEmail: c.buyer_email,
          locale: c.locale,
          caseId: c.id,
          payload: { caseNumber: `R-${c.number}`, code: answer.code },
          dedupeKey: `case-coupon:${r.id}`,
        })
      }
      return {
        kind: 'issued',
        status: answer.status,
        providerId: answer.providerId,
        code: answer.code,
        resolved,
      }
    })
  // The failed try is committed above; throwing now lets the job queue retry with backoff.
  if (result.kind === 'retry') throw result.error
  return result
}

/** Whether issuing alone can settle this case (nothing is to come back); see isSettledByIssue. */
function settlesByIssue(c: { kind: string; return_method: string | null; state: string }): boolean {
  return isSettledByIssue({
    kind: c.kind as 'return' | 'complaint',
    returnMethod: c.return_method as 'label' | 'drop_off' | 'keep' | null,
    state: c.state as CaseState,
  })
}

/**
 * After an issue, or once the return parcel is received (by staff or on the carrier's delivery; call it
 * without `kind` then): the case is resolved when nothing is left to come back (see isSettledByIssue) and
 * everything it delivers, the label aside, has been issued. The buyer is told once.
 */
export async function settleIfDone(
  trx: Transaction<Database>,
  s: {
    shopId: string
    case: {
      id: string
      number: number
      state: string
      kind: string
      return_method: string | null
      buyer_email: string
      locale: string
    }
    /** What was just issued; absent when the parcel was just received. */
    resolutionId?: string
    kind?: ResolutionKind
    code?: string | null
    now: Date
  },
): Promise<boolean> {
  const c = s.case
  if (s.kind === 'return_label') return false
  const settled = settlesByIssue(c)
  const decision = nextCaseState(c.state as CaseState, 'resolve', 'system')
  const outstanding = settled ? await resolutions.countOutstanding(trx, s.shopId, c.id) : 1
  if (!settled || outstanding > 0 || decision.kind !== 'transition') {
    await cases.touchCase(trx, { shopId: s.shopId, caseId: c.id, at: s.now })
    return false
  }
  await cases.moveCaseState(trx, {
    shopId: s.shopId,
    caseId: c.id,
    state: decision.to,
    at: s.now,
    event: {
      type: decision.event,
      actor: 'system',
      details: { from: c.state, to: decision.to, ...(s.kind ? { resolution: s.kind } : { on: 'received' }) },
    },
  })
  await outbox.insertNotification(trx, {
    shopId: s.shopId,
    template: 'case-resolved',
    toEmail: c.buyer_email,
    locale: c.locale,
    caseId: c.id,
    payload: {
      caseNumber: `R-${c.number}`,
      locale: c.locale,
      ...(s.code ? { code: s.code } : {}),
    },
    dedupeKey: `case-resolved:${c.id}`,
  })
  return true
}

/** At worker start: every resolution still waiting gets its job (see queueWaitingResolutions). */
export async function queueWaitingResolutions(): Promise<number> {
  let queued = 0
  for (const { id } of await listShopIds(db)) queued += await resolutions.queueWaitingResolutions(db, id)
  return queued
}
