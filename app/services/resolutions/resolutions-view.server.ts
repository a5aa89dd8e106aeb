// What people read about a case's resolutions. Staff get the resolutions panel of the case page: each
// refund, credit, coupon, label or replacement with its status in words, when it is released, who issued
// it under which id, its tries and last error, what reconciliation found, and whether "Try again" applies.
// The support queue learns which cases need attention (something failed, or disagrees with the provider).
// The buyer gets one plain sentence when their money or replacement did not go through, and never the
// provider's words.
import { isFinalCaseState, type CaseState } from '#app/domain/cases/case-state'
import { providerName } from '#app/domain/resolutions/outcome'
import { db } from '#db/client'
import * as resolutions from '#db/queries/resolutions'
import { RESOLUTION_MAX_ATTEMPTS } from '#db/queries/resolutions'

export type ResolutionTone = 'done' | 'waiting' | 'problem' | 'ended'

export interface ResolutionPanelRow {
  id: string
  kind: string
  /** "Refund", "Store credit", "Return label" … */
  what: string
  amountMinor: number | null
  currency: string
  status: string
  /** The status in words: "Waiting for the return parcel's first scan", "Issued", "Failed" … */
  statusWords: string
  tone: ResolutionTone
  /** When it is released: "On approval", "At the return parcel's first scan" … */
  releaseWords: string
  releasedAt: string | null
  provider: string | null
  providerId: string | null
  attempts: number
  maxAttempts: number
  /** The last error, in the provider's plain sentence (kept until it is issued). */
  lastError: string | null
  code: string | null
  /** A coupon's last day of use (ISO instant, kept when it was issued); null for anything else. */
  expiresAt: string | null
  /** What reconciliation found that differs from our record; null when nothing does. */
  mismatch: string | null
  reconciledAt: string | null
  canRetry: boolean
  /** Why "Try again" does not apply to a failed one. */
  retryNote: string | null
}

const WHAT: Record<string, string> = {
  refund: 'Refund',
  store_credit: 'Store credit',
  coupon: 'Coupon',
  charge: 'Price difference charged',
  return_label: 'Return label',
  replacement: 'Replacement',
}

const RELEASE: Record<string, string> = {
  approval: 'On approval',
  first_scan: 'At the return parcel’s first scan',
  delivered: 'When the return parcel reaches the shop',
  inspected: 'Once the items are inspected',
}

const WAITING_FOR: Record<string, string> = {
  approval: 'Waiting for approval',
  first_scan: 'Waiting for the return parcel’s first scan',
  delivered: 'Waiting for the return parcel to reach the shop',
  inspected: 'Waiting for the items to be inspected',
}

const MONEY = new Set(['refund', 'store_credit', 'coupon', 'charge'])

type PanelSource = Awaited<ReturnType<typeof resolutions.listResolutionsOfCaseNumber>>[number]

const detailOf = (r: PanelSource, key: string): unknown =>
  r.details && typeof r.details === 'object' ? (r.details as Record<string, unknown>)[key] : undefined

/** The expiry the coupon issuer kept on the row; null when absent (coupons issued before it was kept). */
function expiresAtOf(r: PanelSource): string | null {
  const v = detailOf(r, 'expiresAt')
  if (r.kind !== 'coupon' || typeof v !== 'string') return null
  const d = new Date(v)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

function describe(r: PanelSource): Pick<ResolutionPanelRow, 'statusWords' | 'tone'> {
  const name = r.provider ? providerName(r.provider) : 'The provider'
  switch (r.status) {
    case 'waiting':
      if (detailOf(r, 'waitingFor') === 'charge') {
        return { statusWords: 'Waiting for the buyer’s payment of the price difference', tone: 'waiting' }
      }
      return { statusWords: WAITING_FOR[r.release_on] ?? 'Waiting', tone: 'waiting' }
    case 'pending':
      if (r.provider_id && r.kind === 'charge') {
        // Not charged yet: Stripe finishes it (or the buyer's bank asks them to confirm it) on its own time.
        return {
          statusWords:
            detailOf(r, 'providerStatus') === 'requires_action'
              ? `Waiting for the payment: ${name} asked the buyer to confirm it with their bank`
              : `Waiting for the payment: ${name} is still processing it`,
          tone: 'waiting',
        }
      }
      if (r.provider_id) return { statusWords: `Issued; ${name} is still processing it`, tone: 'waiting' }
      if (r.attempts > 0) {
        return {
          statusWords: `Queued; trying again after an error (${r.attempts} of ${RESOLUTION_MAX_ATTEMPTS} tries used)`,
          tone: 'waiting',
        }
      }
      return { statusWords: 'Queued', tone: 'waiting' }
    case 'succeeded':
      return { statusWords: 'Issued', tone: 'done' }
    case 'failed':
      return {
        statusWords: r.provider_id ? `Failed after ${name} took it` : 'Failed',
        tone: 'problem',
      }
    case 'canceled':
      return { statusWords: 'Canceled: the case ended before it was due', tone: 'ended' }
    default:
      return { statusWords: r.status, tone: 'waiting' }
  }
}

/** The resolutions panel of the staff case page (empty before the case is approved). */
export async function getResolutionsPanel(input: {
  shopId: string
  caseNumber: number
}): Promise<ResolutionPanelRow[]> {
  const rows = await resolutions.listResolutionsOfCaseNumber(db, input.shopId, input.caseNumber)
  return rows.map((r) => {
    const caseOver = isFinalCaseState(r.case_state as CaseState)
    const retryNote =
      r.status !== 'failed'
        ? null
        : r.provider_id
          ? `${providerName(r.provider ?? 'the provider')} took it and then reported it failed, so sending it again would only repeat it: pay the buyer another way.`
          : caseOver
            ? `The case is ${r.case_state}: nothing more is issued for it.`
            : null
    return {
      id: r.id,
      kind: r.kind,
      what: WHAT[r.kind] ?? r.kind,
      amountMinor: MONEY.has(r.kind) && r.amount_minor > 0 ? r.amount_minor : null,
      currency: r.currency,
      status: r.status,
      ...describe(r),
      releaseWords: RELEASE[r.release_on] ?? r.release_on,
      releasedAt: r.released_at ? new Date(r.released_at).toISOString() : null,
      provider: r.provider ? providerName(r.provider) : null,
      providerId: r.provider_id,
      attempts: r.attempts,
      maxAttempts: RESOLUTION_MAX_ATTEMPTS,
      lastError: r.status === 'succeeded' ? null : r.failure_message,
      code: r.code,
      expiresAt: expiresAtOf(r),
      mismatch: r.reconcile_mismatch,
      reconciledAt: r.reconciled_at ? new Date(r.reconciled_at).toISOString() : null,
      canRetry: r.status === 'failed' && retryNote === null,
      retryNote,
    }
  })
}

/** Which cases of a shop need support's attention: case id → what is wrong. */
export async function casesNeedingAttention(
  shopId: string,
): Promise<Map<string, { failed: number; mismatched: number }>> {
  const rows = await resolutions.listCasesNeedingAttention(db, shopId)
  return new Map(rows.map((r) => [r.case_id, { failed: Number(r.failed), mismatched: Number(r.mismatched) }]))
}

/** What failed that the buyer was promised (the return label has its own panel on the page). */
export type BuyerFailure = 'refund' | 'store_credit' | 'coupon' | 'replacement'
const BUYER_FAILURES: readonly string[] = ['refund', 'store_credit', 'coupon', 'replacement']

/** The coupon the buyer was given: the code they type, what it takes off, the date to use it by. */
export interface BuyerCoupon {
  code: string
  /** Null for a percentage coupon. */
  amountMinor: number | null
  currency: string
  /** ISO instant; null for coupons issued before the expiry was kept. */
  expiresAt: string | null
}

/**
 * What the buyer is told beyond the case's state: the refund, credit, coupon or replacement that failed
 * (the shop is on it), in the order they were planned, and the coupon once it is issued. Provider words
 * never reach the buyer.
 */
export async function getBuyerResolutions(input: {
  shopId: string
  caseNumber: number
}): Promise<{ failures: BuyerFailure[]; coupon: BuyerCoupon | null }> {
  const rows = await resolutions.listResolutionsOfCaseNumber(db, input.shopId, input.caseNumber)
  const failures = rows
    // A failure before any provider was asked (the case was canceled first) is not news for the buyer.
    .filter((r) => r.status === 'failed' && (r.provider !== null || r.attempts > 0))
    .filter((r) => BUYER_FAILURES.includes(r.kind))
    .map((r) => r.kind as BuyerFailure)
  const issued = rows.find((r) => r.kind === 'coupon' && r.status === 'succeeded' && r.code)
  const coupon = issued?.code
    ? {
        code: issued.code,
        amountMinor: issued.amount_minor > 0 ? issued.amount_minor : null,
        currency: issued.currency,
        expiresAt: expiresAtOf(issued),
      }
    : null
  return { failures, coupon }
}

/** What failed that the buyer was promised (see getBuyerResolutions). */
export async function getBuyerFailures(input: {
  shopId: string
  caseNumber: number
}): Promise<BuyerFailure[]> {
  return (await getBuyerResolutions(input)).failures
}
