// Writing down what a payment provider said after we issued something: a refund that went through, one
// that failed after the provider took it, a difference found by reconciliation. Shared by the Stripe
// webhook, the reconciliation job and the issuing job, so each outcome reads the same on the case: the
// resolution row, one case event, and (for a failure) an email that tells the buyer in plain words. Every
// function runs in its caller's transaction, with the resolution row locked.
import { isFinalCaseState, type CaseState } from '#app/domain/cases/case-state'
import type { ResolutionKind } from '#app/domain/resolutions/plan'
import {
  chargeFailureSentence,
  paidAfterCaseEndedSentence,
  refundFailureSentence,
  type IssuedRecord,
  type ProviderView,
} from '#app/domain/resolutions/outcome'
import type { Database } from '#db/client'
import * as cases from '#db/queries/cases'
import * as outbox from '#db/queries/notifications'
import * as resolutions from '#db/queries/resolutions'
import type { Transaction } from 'kysely'

export type OutcomeSource = 'webhook' | 'reconciliation'

/** Our row in the shape the outcome rules read. */
export function issuedRecordOf(r: resolutions.ResolutionForProvider): IssuedRecord {
  return {
    kind: r.kind,
    status: r.status as IssuedRecord['status'],
    providerId: r.provider_id,
    amountMinor: r.amount_minor,
    currency: r.currency,
    code: r.code,
  }
}

/**
 * Tells the buyer that what they were promised did not go through and that the shop will be in touch:
 * their refund, credit or coupon, and also the return label (they are waiting for it to send the parcel
 * back) or the replacement (they are waiting for it to arrive). One email per resolution, however often
 * it fails, a retry by staff included. Not for an exchange's price difference: the buyer hears about its
 * replacement instead, which a failed charge stops.
 */
export async function tellBuyerResolutionFailed(
  trx: Transaction<Database>,
  f: {
    shopId: string
    caseId: string
    resolutionId: string
    kind: ResolutionKind
    buyerEmail: string
    locale: string
    caseNumber: number
  },
) {
  if (f.kind === 'charge') return
  await outbox.insertNotification(trx, {
    shopId: f.shopId,
    template: 'resolution-failed',
    toEmail: f.buyerEmail,
    locale: f.locale,
    caseId: f.caseId,
    payload: { caseNumber: `R-${f.caseNumber}`, kind: f.kind },
    dedupeKey: `resolution-failed:${f.resolutionId}`,
  })
}

/**
 * A charge of ours the buyer has paid (`status` succeeded) for a case that has ended (canceled, closed or
 * rejected) without its replacement sent: the sentence that puts the money owed back in front of support;
 * null for anything else. `caseState` is the case's state read under its row lock where the caller has it.
 */
async function refundOwedSentence(
  trx: Transaction<Database>,
  r: resolutions.ResolutionForProvider,
  status: string,
  caseState: string,
): Promise<string | null> {
  if (r.kind !== 'charge' || status !== 'succeeded') return null
  const state = caseState as CaseState
  if (!isFinalCaseState(state)) return null
  const rows = await resolutions.listCaseResolutions(trx, r.shop_id, r.case_id)
  // Sent before the case ended: the buyer has what they paid for.
  if (rows.some((x) => x.kind === 'replacement' && x.status === 'succeeded')) return null
  return paidAfterCaseEndedSentence({
    provider: r.provider ?? 'provider',
    providerId: r.provider_id,
    amountMinor: r.amount_minor,
    currency: r.currency,
    caseNumber: r.case_number,
    caseState: state as 'canceled' | 'closed' | 'rejected',
  })
}

/**
 * The provider moved an issued resolution forward: a pending refund succeeded (a case event), or one it
 * had taken failed or was canceled (failed with a sentence from the provider's reason, a case event for
 * support, and the buyer told). A charge of an exchange's difference that ended (paid or not) releases
 * the replacement waiting for it, whose issuer then ships it or refuses it, as after a charge that ended
 * at once; except a charge paid after its case ended (canceled while Stripe still processed it): nothing
 * is released, and the money owed back is flagged for support as a difference on the charge (see
 * recordMismatch), once. Returns whether it was.
 */
export async function recordProviderAdvance(
  trx: Transaction<Database>,
  r: resolutions.ResolutionForProvider,
  change: { to: 'succeeded' | 'failed'; record: ProviderView; source: OutcomeSource; now: Date },
): Promise<{ refundOwed: boolean }> {
  const provider = r.provider ?? 'provider'
  const details = {
    providerStatus: change.record.status,
    ...(change.record.failureReason ? { failureReason: change.record.failureReason } : {}),
  }
  if (change.to === 'succeeded') {
    await resolutions.recordProviderStatus(trx, {
      shopId: r.shop_id,
      id: r.id,
      status: 'succeeded',
      failureMessage: null,
      details,
      at: change.now,
    })
    await cases.insertCaseEvent(trx, {
      shopId: r.shop_id,
      caseId: r.case_id,
      // A charge that was pending is now charged: the timeline says so in the words of a charge at once.
      type:
        r.kind === 'charge'
          ? 'difference_charged'
          : `${r.kind === 'refund' ? 'refund' : 'resolution'}_succeeded`,
      actor: 'system',
      details: {
        kind: r.kind,
        amountMinor: r.amount_minor,
        currency: r.currency,
        provider,
        providerId: r.provider_id,
        source: change.source,
      },
      at: change.now,
    })
  } else {
    const status = change.record.status === 'canceled' ? 'canceled' : 'failed'
    const message =
      r.kind === 'charge'
        ? chargeFailureSentence(provider, status, {
            reason: change.record.failureReason,
            message: change.record.failureMessage ?? null,
            amountMinor: r.amount_minor,
            currency: r.currency,
          })
        : refundFailureSentence(provider, status, change.record.failureReason)
    await resolutions.recordProviderStatus(trx, {
      shopId: r.shop_id,
      id: r.id,
      status: 'failed',
      failureMessage: message,
      details,
      at: change.now,
    })
    await cases.insertCaseEvent(trx, {
      shopId: r.shop_id,
      caseId: r.case_id,
      type: 'resolution_failed',
      actor: 'system',
      details: {
        kind: r.kind,
        amountMinor: r.amount_minor,
        currency: r.currency,
        provider,
        providerId: r.provider_id,
        message,
        source: change.source,
      },
      at: change.now,
    })
    await tellBuyerResolutionFailed(trx, {
      shopId: r.shop_id,
      caseId: r.case_id,
      resolutionId: r.id,
      kind: r.kind as ResolutionKind,
      buyerEmail: r.buyer_email,
      locale: r.locale,
      caseNumber: r.case_number,
    })
  }
  // NOTE: touchCase locks the case row before the release below: see releaseAfterCharge.
  await cases.touchCase(trx, { shopId: r.shop_id, caseId: r.case_id, at: change.now })
  if (r.kind !== 'charge') return { refundOwed: false }
  // Read under that lock: a case canceled while the provider was still finishing the payment is seen.
  const c = await cases.lockCaseForUpdate(trx, r.shop_id, r.case_number)
  const owed = await refundOwedSentence(trx, r, change.to, c?.state ?? r.case_state)
  if (owed) {
    await recordMismatch(trx, r, { sentence: owed, source: change.source, now: change.now })
    return { refundOwed: true }
  }
  await resolutions.releaseAfterCharge(trx, {
    shopId: r.shop_id,
    caseId: r.case_id,
    at: change.now,
    scheduleJob: await outbox.hasWorkerQueue(trx),
  })
  return { refundOwed: false }
}

/**
 * A difference between our record and the provider's: kept on the resolution for support, with a case
 * event the first time it is seen (the same difference found again the next hour adds nothing).
 * Returns whether it is new.
 */
export async function recordMismatch(
  trx: Transaction<Database>,
  r: resolutions.ResolutionForProvider,
  m: { sentence: string; source: OutcomeSource; now: Date },
): Promise<boolean> {
  if (r.reconcile_mismatch === m.sentence) return false
  await resolutions.recordReconciliation(trx, {
    shopId: r.shop_id,
    id: r.id,
    mismatch: m.sentence,
    at: m.now,
  })
  await cases.insertCaseEvent(trx, {
    shopId: r.shop_id,
    caseId: r.case_id,
    type: 'reconcile_mismatch',
    actor: 'system',
    details: { kind: r.kind, provider: r.provider, message: m.sentence, source: m.source },
    at: m.now,
  })
  await cases.touchCase(trx, { shopId: r.shop_id, caseId: r.case_id, at: m.now })
  return true
}

/**
 * Flags a charge the buyer paid for a case that has ended without its replacement (see
 * refundOwedSentence), once however often it is seen. Returns the sentence, or null when nothing is owed.
 */
export async function flagRefundOwed(
  trx: Transaction<Database>,
  r: resolutions.ResolutionForProvider,
  m: { source: OutcomeSource; now: Date },
): Promise<string | null> {
  const owed = await refundOwedSentence(trx, r, r.status, r.case_state)
  if (owed) await recordMismatch(trx, r, { sentence: owed, source: m.source, now: m.now })
  return owed
}

/**
 * The provider agrees with our record: checked now; a difference flagged before is cleared, with an event.
 * Except money the buyer paid for a case that has since ended, which agreeing with the provider does not
 * settle: it stays flagged (flagged now if it was not), and its sentence is returned; else null.
 */
export async function recordMatch(
  trx: Transaction<Database>,
  r: resolutions.ResolutionForProvider,
  now: Date,
  source: OutcomeSource = 'reconciliation',
): Promise<string | null> {
  const owed = await flagRefundOwed(trx, r, { source, now })
  if (owed) return owed
  await resolutions.recordReconciliation(trx, { shopId: r.shop_id, id: r.id, mismatch: null, at: now })
  if (r.reconcile_mismatch !== null) {
    await cases.insertCaseEvent(trx, {
      shopId: r.shop_id,
      caseId: r.case_id,
      type: 'reconcile_cleared',
      actor: 'system',
      details: { kind: r.kind, provider: r.provider },
      at: now,
    })
  }
  return null
}
