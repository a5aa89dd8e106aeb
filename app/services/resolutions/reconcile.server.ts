// Reconciliation: asks the payment provider what it holds for the money we issued or took (Stripe: the
// refund by its id and every refund of the payment carrying our metadata, the promotion code made under
// our key, an exchange's charge by its PaymentIntent id and every PaymentIntent of the buyer carrying our
// metadata; the sandbox: its ledger) and compares it with our records (app/domain/resolutions/outcome). A
// status the provider moved on is recorded as a webhook would have (a pending charge that ended releases
// the replacement waiting for it); a difference (an amount, a currency, a refund or charge we have no
// record of, one we recorded that the provider does not have) is kept on the resolution and written on
// the case for support; agreement sets `reconciled_at`. Runs hourly for every
// shop (the crontab), and for one case when staff press "Check with provider".
//
// The provider is asked outside any transaction (a network call must not hold row locks); the answer is
// then written under the row's lock, and only if the row did not change meanwhile (else the next run
// looks again).
import { reconcile, providerName } from '#app/domain/resolutions/outcome'
import { db } from '#db/client'
import * as resolutions from '#db/queries/resolutions'
import { listShopIds } from '#db/queries/shops'
import { getPaymentsProvider, type PaymentsProvider } from '#integrations/payments'
import { issuedRecordOf, recordMatch, recordMismatch, recordProviderAdvance } from './provider-outcome.server'

/** How far back the hourly run looks, and how much it takes per shop and run. */
export const RECONCILE_DAYS = 30
const RECONCILE_BATCH = 200
/** A released resolution with no provider answer and no live job for this long is queued again. */
const STALLED_MINUTES = 30

export type ReconcileResult = 'match' | 'advanced' | 'mismatch' | 'in_flight' | 'skipped' | 'error'

export interface ReconcileSummary {
  checked: number
  matched: number
  advanced: number
  mismatched: number
  inFlight: number
  skipped: number
  errors: string[]
}

const emptySummary = (): ReconcileSummary => ({
  checked: 0,
  matched: 0,
  advanced: 0,
  mismatched: 0,
  inFlight: 0,
  skipped: 0,
  errors: [],
})

type Row = Awaited<ReturnType<typeof resolutions.listResolutionsToReconcile>>[number]

async function reconcileOne(
  provider: PaymentsProvider,
  row: Row,
  now: Date,
): Promise<{ result: ReconcileResult; message?: string }> {
  // Issued through another provider (the shop switched since): this one cannot know about it.
  if (row.provider && row.provider !== provider.name) return { result: 'skipped' }
  if (!provider.findIssued) return { result: 'skipped' }
  let records
  try {
    records = await provider.findIssued({
      kind: row.kind as 'refund' | 'store_credit' | 'coupon' | 'charge',
      idempotencyKey: row.idempotency_key,
      providerId: row.provider_id,
      paymentReference: row.payment_reference,
      metadata: { shopId: row.shop_id, caseId: row.case_id, caseNumber: `R-${row.case_number}` },
    })
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    return { result: 'error', message: `Could not check with ${providerName(provider.name)}: ${reason}` }
  }
  if (records === null) return { result: 'skipped' }
  const verdict = reconcile(issuedRecordOf(row), provider.name, records)

  return db.transaction().execute(async (trx) => {
    const r = await resolutions.lockResolutionById(trx, { shopId: row.shop_id, id: row.id, skipLocked: true })
    // Being issued right now, or changed since we asked: the next run looks again.
    if (
      !r ||
      r.status !== row.status ||
      r.provider_id !== row.provider_id ||
      r.updated_at.getTime() !== row.updated_at.getTime()
    ) {
      return { result: 'skipped' as const }
    }
    switch (verdict.kind) {
      case 'match': {
        // Money paid for a case that has since ended agrees with the provider but is still owed back.
        const owed = await recordMatch(trx, r, now)
        return owed ? { result: 'mismatch' as const, message: owed } : { result: 'match' as const }
      }
      case 'advance': {
        const { refundOwed } = await recordProviderAdvance(trx, r, {
          to: verdict.to,
          record: verdict.record,
          source: 'reconciliation',
          now,
        })
        // NOTE: `r` is from before the advance: stamping it as agreed would clear the flag just raised.
        if (!refundOwed) await recordMatch(trx, r, now)
        return { result: 'advanced' as const }
      }
      case 'mismatch':
        await recordMismatch(trx, r, { sentence: verdict.sentence, source: 'reconciliation', now })
        return { result: 'mismatch' as const, message: verdict.sentence }
      default:
        return { result: 'in_flight' as const }
    }
  })
}

async function reconcileRows(provider: PaymentsProvider, rows: readonly Row[], now: Date) {
  const summary = emptySummary()
  for (const row of rows) {
    const { result, message } = await reconcileOne(provider, row, now)
    summary.checked++
    if (result === 'match') summary.matched++
    else if (result === 'advanced') summary.advanced++
    else if (result === 'mismatch') summary.mismatched++
    else if (result === 'in_flight') summary.inFlight++
    else if (result === 'skipped') summary.skipped++
    else summary.errors.push(message ?? 'Could not check with the provider.')
  }
  return summary
}

/** One shop's hourly run: stalled jobs queued again, then the resolutions due a check compared. */
export async function reconcileShop(
  input: { shopId: string; now: Date },
  provider: PaymentsProvider = getPaymentsProvider(),
): Promise<ReconcileSummary & { requeued: number }> {
  const requeued = await resolutions.requeueStalledResolutions(db, {
    shopId: input.shopId,
    now: input.now,
    staleMinutes: STALLED_MINUTES,
  })
  const rows = await resolutions.listResolutionsToReconcile(db, {
    shopId: input.shopId,
    now: input.now,
    days: RECONCILE_DAYS,
    limit: RECONCILE_BATCH,
  })
  return { ...(await reconcileRows(provider, rows, input.now)), requeued }
}

/** The hourly job: every shop in turn. */
export async function reconcileAllShops(now: Date): Promise<ReconcileSummary & { requeued: number }> {
  const total = { ...emptySummary(), requeued: 0 }
  for (const { id } of await listShopIds(db)) {
    const s = await reconcileShop({ shopId: id, now })
    total.checked += s.checked
    total.matched += s.matched
    total.advanced += s.advanced
    total.mismatched += s.mismatched
    total.inFlight += s.inFlight
    total.skipped += s.skipped
    total.requeued += s.requeued
    total.errors.push(...s.errors)
  }
  return total
}

export type ReconcileCaseResult =
  { ok: true; summary: ReconcileSummary; message: string } | { ok: false; code: 'not_found'; message: string }

/** "Check with provider" on the staff case page: this case's money, now, with a sentence saying what came of it. */
export async function reconcileCase(
  input: { shopId: string; caseNumber: number; now: Date },
  provider: PaymentsProvider = getPaymentsProvider(),
): Promise<ReconcileCaseResult> {
  const c = await resolutions.findCaseOfNumber(db, input.shopId, input.caseNumber)
  if (!c) return { ok: false, code: 'not_found', message: 'There is no such case.' }
  const rows = await resolutions.listResolutionsToReconcile(db, {
    shopId: input.shopId,
    caseId: c.id,
    now: input.now,
    days: RECONCILE_DAYS,
    limit: RECONCILE_BATCH,
  })
  const summary = await reconcileRows(provider, rows, input.now)
  return { ok: true, summary, message: summarize(providerName(provider.name), summary) }
}

function summarize(name: string, s: ReconcileSummary): string {
  if (s.checked === 0)
    return 'Nothing to check yet: no refund, credit, coupon or charge of this case has been issued.'
  const parts: string[] = []
  if (s.matched) parts.push(`${s.matched} ${s.matched === 1 ? 'matches' : 'match'}`)
  if (s.advanced) parts.push(`${s.advanced} updated from ${name}`)
  if (s.mismatched)
    parts.push(`${s.mismatched} ${s.mismatched === 1 ? 'difference' : 'differences'} (see below)`)
  if (s.inFlight) parts.push(`${s.inFlight} still being issued`)
  if (s.skipped) parts.push(`${s.skipped} could not be checked now`)
  const head = `Checked with ${name}: ${parts.join(', ') || 'nothing to report'}.`
  return s.errors.length ? `${head} ${s.errors.join(' ')}` : head
}
