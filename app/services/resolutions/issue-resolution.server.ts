// Issuing what an approved case owes the buyer: a refund, store credit or a coupon. Approval plans it
// (planResolution, inside the approving transaction: one row per case and kind, and the job queued with
// it); the issue-resolution job then calls issueResolution, which holds the row lock across the provider
// call, so a second run waits its turn or skips, and sends our idempotency key, so a run retried after a
// crash gets the provider's first answer instead of paying twice. The outcome, its case event, the case's
// move to "resolved" and the buyer's email are written in one transaction.
import {
  isFinalCaseState,
  isSettledByIssue,
  nextCaseState,
  type CaseState,
} from '#app/domain/cases/case-state'
import { db, type Database } from '#db/client'
import * as cases from '#db/queries/cases'
import * as outbox from '#db/queries/notifications'
import * as resolutions from '#db/queries/resolutions'
import { listShopIds } from '#db/queries/shops'
import type { ResolutionKind } from '#db/queries/resolutions'
import { getPaymentsProvider, PaymentsError, type PaymentsProvider } from '#integrations/payments'
import type { PaymentMetadata } from '#integrations/payments/payments'
import type { Transaction } from 'kysely'

const COUPON_VALID_DAYS = 365
const DAY = 86_400_000

const EVENT_OF: Record<ResolutionKind, string> = {
  refund: 'refund_issued',
  store_credit: 'credit_issued',
  coupon: 'coupon_issued',
}

function isResolutionKind(v: string | null): v is ResolutionKind {
  return (resolutions.RESOLUTION_KINDS as readonly string[]).includes(v ?? '')
}

/** The key sent with every provider call for this case's resolution of this kind. */
export function resolutionIdempotencyKey(caseId: string, kind: ResolutionKind) {
  return `case:${caseId}:${kind}`
}

/**
 * Called in the transaction that approves a case: plans its refund, credit or coupon (nothing for an
 * exchange, a reship or no money) and queues the job. Approving again, or twice at once, plans nothing
 * more. Returns whether a resolution was planned now.
 */
/** What an approved case owes as a resolution row (kind, amount, key), or null for nothing to issue. */
export function resolutionPlanFor(c: {
  caseId: string
  resolution: string | null
  amountMinor: number
  currency: string
}) {
  if (!isResolutionKind(c.resolution) || c.amountMinor <= 0) return null
  return {
    kind: c.resolution,
    amountMinor: c.amountMinor,
    currency: c.currency,
    idempotencyKey: resolutionIdempotencyKey(c.caseId, c.resolution),
  }
}

export async function planResolution(
  trx: Transaction<Database>,
  c: { shopId: string; caseId: string; resolution: string | null; amountMinor: number; currency: string },
): Promise<boolean> {
  const plan = resolutionPlanFor(c)
  if (!plan) return false
  const id = await resolutions.insertPlannedResolution(
    trx,
    { shopId: c.shopId, caseId: c.caseId, ...plan },
    // NOTE: before the worker first starts its schema may be missing; the row then waits (see README).
    { scheduleJob: await outbox.hasWorkerQueue(trx) },
  )
  return id !== null
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
  | { kind: 'skipped'; reason: 'not_found_or_busy' | 'already_done' }

type ProviderAnswer = { status: 'succeeded' | 'pending'; providerId: string; code: string | null }

async function callProvider(
  provider: PaymentsProvider,
  r: NonNullable<Awaited<ReturnType<typeof resolutions.lockResolutionForIssue>>>,
  buyerEmail: string,
  metadata: PaymentMetadata,
  now: Date,
): Promise<ProviderAnswer> {
  const kind = r.kind as ResolutionKind
  if (kind === 'refund') {
    const refund = await provider.refund({
      idempotencyKey: r.idempotency_key,
      paymentReference: r.payment_reference,
      amountMinor: r.amount_minor,
      currency: r.currency,
      metadata,
    })
    if (refund.status === 'failed') {
      throw new PaymentsError(refund.failureMessage ?? 'The refund failed at the payment provider.', false)
    }
    return { status: refund.status, providerId: refund.providerId, code: null }
  }
  if (kind === 'store_credit') {
    if (!provider.issueStoreCredit) {
      throw new PaymentsError(
        'Store credit cannot be issued through Stripe; give the buyer the credit in Shopify by hand.',
        false,
      )
    }
    const credit = await provider.issueStoreCredit({
      idempotencyKey: r.idempotency_key,
      amountMinor: r.amount_minor,
      currency: r.currency,
      email: buyerEmail,
      metadata,
    })
    return { status: 'succeeded', providerId: credit.providerId, code: null }
  }
  const coupon = await provider.createCoupon({
    idempotencyKey: r.idempotency_key,
    amountMinor: r.amount_minor,
    currency: r.currency,
    email: buyerEmail,
    expiresAt: new Date(now.getTime() + COUPON_VALID_DAYS * DAY),
    metadata,
  })
  return { status: 'succeeded', providerId: coupon.providerId, code: coupon.code }
}

/**
 * Issues one planned resolution. A provider error that may pass is counted and rethrown (after the count
 * is committed) so the job queue retries with backoff; a refusal, or the last try, records the
 * resolution as failed with the provider's sentence on the case timeline for support.
 */
export async function issueResolution(
  input: { shopId: string; resolutionId: string; maxAttempts: number; now: Date },
  deps: { provider?: PaymentsProvider } = {},
): Promise<IssueOutcome> {
  const provider = deps.provider ?? getPaymentsProvider()
  const { shopId, now } = input
  const result = await db
    .transaction()
    .execute(async (trx): Promise<IssueOutcome | { kind: 'retry'; error: Error }> => {
      const r = await resolutions.lockResolutionForIssue(trx, shopId, input.resolutionId)
      if (!r) return { kind: 'skipped', reason: 'not_found_or_busy' }
      // Done already (a repeated job), or handed to the provider, which finishes a pending refund itself.
      if (r.status !== 'pending' || r.provider_id) return { kind: 'skipped', reason: 'already_done' }
      const kind = r.kind as ResolutionKind
      const c = await cases.lockCaseForUpdate(trx, shopId, r.case_number)
      if (!c) return { kind: 'skipped', reason: 'not_found_or_busy' }

      const failFor = async (message: string, attempted: boolean) => {
        if (attempted) {
          await resolutions.markResolutionAttemptFailed(trx, {
            shopId,
            id: r.id,
            status: 'failed',
            provider: provider.name,
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
            provider: provider.name,
            message,
          },
          at: now,
        })
        await cases.touchCase(trx, { shopId, caseId: c.id, at: now })
        return { kind: 'failed' as const, message }
      }

      if (isFinalCaseState(c.state as CaseState)) {
        return failFor(`Not issued: the case was ${c.state} before it was issued.`, false)
      }

      const metadata = { shopId, caseId: c.id, caseNumber: `R-${c.number}` }
      let answer: ProviderAnswer
      try {
        answer = await callProvider(provider, r, c.buyer_email, metadata, now)
      } catch (err) {
        const error =
          err instanceof PaymentsError
            ? err
            : new PaymentsError('The payments provider failed unexpectedly; it will be tried again.', true)
        if (!error.retryable || r.attempts + 1 >= input.maxAttempts) return failFor(error.message, true)
        await resolutions.markResolutionAttemptFailed(trx, {
          shopId,
          id: r.id,
          status: 'pending',
          provider: provider.name,
          message: error.message,
          at: now,
        })
        return { kind: 'retry', error: err instanceof Error ? err : error }
      }

      await resolutions.markResolutionIssued(trx, {
        shopId,
        id: r.id,
        status: answer.status,
        provider: provider.name,
        providerId: answer.providerId,
        code: answer.code,
        at: now,
      })
      await cases.insertCaseEvent(trx, {
        shopId,
        caseId: c.id,
        type: EVENT_OF[kind],
        actor: 'system',
        details: {
          amountMinor: r.amount_minor,
          currency: r.currency,
          provider: provider.name,
          providerId: answer.providerId,
          status: answer.status,
          ...(answer.code ? { code: answer.code } : {}),
        },
        at: now,
      })
      const settled = isSettledByIssue({
        kind: c.kind as 'return' | 'complaint',
        returnMethod: c.return_method as 'label' | 'drop_off' | 'keep' | null,
        state: c.state as CaseState,
      })
      const decision = nextCaseState(c.state as CaseState, 'resolve', 'system')
      if (!settled || decision.kind !== 'transition') {
        await cases.touchCase(trx, { shopId, caseId: c.id, at: now })
        return { kind: 'issued', ...answer, resolved: false }
      }
      await cases.updateCaseState(trx, { shopId, caseId: c.id, state: decision.to, at: now })
      await cases.insertCaseEvent(trx, {
        shopId,
        caseId: c.id,
        type: decision.event,
        actor: 'system',
        details: { from: c.state, to: decision.to, resolution: kind },
        at: now,
      })
      await outbox.insertNotification(trx, {
        shopId,
        template: 'case-resolved',
        toEmail: c.buyer_email,
        locale: c.locale,
        caseId: c.id,
        payload: {
          caseNumber: `R-${c.number}`,
          locale: c.locale,
          ...(answer.code ? { code: answer.code } : {}),
        },
        dedupeKey: `case-resolved:${c.id}:${r.id}`,
      })
      return { kind: 'issued', ...answer, resolved: true }
    })
  // The failed try is committed above; throwing now lets the job queue retry with backoff.
  if (result.kind === 'retry') throw result.error
  return result
}

/** At worker start: every resolution still waiting gets its job (see queueWaitingResolutions). */
export async function queueWaitingResolutions(): Promise<number> {
  let queued = 0
  for (const { id } of await listShopIds(db)) queued += await resolutions.queueWaitingResolutions(db, id)
  return queued
}
