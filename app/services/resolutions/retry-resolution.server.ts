// "Try again" on the staff case page: a resolution that failed (the provider refused it, was down for
// every try, or the shop cannot issue it automatically) goes back in the queue under the same idempotency
// key, with its tries reset, and the case says who asked. Only a failed one the provider never took:
// a refund Stripe accepted and later reported failed cannot simply be sent again (the same key gives the
// same refund back), so support pays the buyer another way. Stripe keeps an idempotency key for 24 hours,
// so before queuing money again the provider is asked whether it already holds some for this case (a
// refund it made although we never heard back): then nothing is queued. Two clicks at once queue it once.
import { isFinalCaseState, type CaseState } from '#app/domain/cases/case-state'
import { providerName } from '#app/domain/resolutions/outcome'
import { db } from '#db/client'
import * as cases from '#db/queries/cases'
import * as outbox from '#db/queries/notifications'
import * as resolutions from '#db/queries/resolutions'
import { getPaymentsProvider, type PaymentsProvider } from '#integrations/payments'

export type RetryResolutionResult =
  | { ok: true; message: string }
  | {
      ok: false
      code:
        | 'not_found'
        | 'not_failed'
        | 'taken_by_provider'
        | 'held_by_provider'
        | 'provider_unreachable'
        | 'case_finished'
      message: string
    }

const WHAT: Record<string, string> = {
  refund: 'refund',
  store_credit: 'store credit',
  coupon: 'coupon',
  charge: 'charge',
  return_label: 'return label',
  replacement: 'replacement',
}

const MONEY = new Set(['refund', 'store_credit', 'coupon'])

export async function retryResolution(
  input: {
    shopId: string
    caseNumber: number
    resolutionId: string
    staffId: string
    now: Date
  },
  payments: PaymentsProvider = getPaymentsProvider(),
): Promise<RetryResolutionResult> {
  const before = await resolutions.findResolutionById(db, input.shopId, input.resolutionId)
  if (
    before?.status === 'failed' &&
    !before.provider_id &&
    MONEY.has(before.kind) &&
    payments.findIssued &&
    (!before.provider || before.provider === payments.name)
  ) {
    let held
    try {
      held = await payments.findIssued({
        kind: before.kind as 'refund' | 'store_credit' | 'coupon',
        idempotencyKey: before.idempotency_key,
        providerId: null,
        paymentReference: before.payment_reference,
        metadata: { shopId: before.shop_id, caseId: before.case_id, caseNumber: `R-${before.case_number}` },
      })
    } catch (err) {
      return {
        ok: false,
        code: 'provider_unreachable',
        message: `Could not check with ${providerName(payments.name)} first, so nothing was queued: ${err instanceof Error ? err.message : String(err)}`,
      }
    }
    const live = (held ?? []).filter((h) => h.status === 'pending' || h.status === 'succeeded')
    if (live.length) {
      return {
        ok: false,
        code: 'held_by_provider',
        message: `${providerName(payments.name)} already holds ${live.map((h) => h.providerId).join(', ')} for this case, although we recorded it as failed: the buyer may have been paid. Check it there before anything else; nothing was queued.`,
      }
    }
  }
  return db.transaction().execute(async (trx): Promise<RetryResolutionResult> => {
    const r = await resolutions.lockResolutionById(trx, { shopId: input.shopId, id: input.resolutionId })
    if (!r || r.case_number !== input.caseNumber) {
      return { ok: false, code: 'not_found', message: 'There is no such resolution on this case.' }
    }
    const what = WHAT[r.kind] ?? r.kind
    if (r.status !== 'failed') {
      const now = r.status === 'pending' ? 'queued already' : r.status === 'succeeded' ? 'issued' : r.status
      return {
        ok: false,
        code: 'not_failed',
        message: `Only a failed ${what} can be tried again; this one is ${now}. Nothing was changed.`,
      }
    }
    if (r.provider_id) {
      return {
        ok: false,
        code: 'taken_by_provider',
        message: `${providerName(r.provider ?? 'the provider')} took this ${what} and then reported it failed, so sending it again would only repeat it. Pay the buyer another way (for example store credit) and note it on the case.`,
      }
    }
    if (isFinalCaseState(r.case_state as CaseState)) {
      return {
        ok: false,
        code: 'case_finished',
        message: `The case is ${r.case_state}: nothing more is issued for it.`,
      }
    }
    await resolutions.requeueResolution(trx, {
      shopId: input.shopId,
      id: r.id,
      from: ['failed'],
      at: input.now,
      scheduleJob: await outbox.hasWorkerQueue(trx),
    })
    await cases.insertCaseEvent(trx, {
      shopId: input.shopId,
      caseId: r.case_id,
      type: 'resolution_retried',
      actor: 'staff',
      actorStaffId: input.staffId,
      details: { kind: r.kind, previousError: r.failure_message, triesBefore: r.attempts },
      at: input.now,
    })
    await cases.touchCase(trx, { shopId: input.shopId, caseId: r.case_id, at: input.now })
    return {
      ok: true,
      message: `The ${what} is queued again; it is tried with the same key, so it can be paid only once.`,
    }
  })
}
