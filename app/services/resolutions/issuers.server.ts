// One issuer per kind of resolution: the call that makes it happen at a provider (payments, carrier,
// fulfilment) and whatever rows it adds in the issuing transaction (a label, a replacement parcel). The
// issue-resolution service locks the row, picks the issuer, records the answer and settles the case; an
// issuer only issues. Each sends the resolution's idempotency key, so a retried job gets the provider's
// first answer instead of a second effect.
import { couponValidDaysOf } from '#app/domain/policy/policy'
import type { Database } from '#db/client'
import type * as resolutions from '#db/queries/resolutions'
import type { ResolutionKind } from '#db/queries/resolutions'
import type { Carrier } from '#integrations/carriers'
import { PaymentsError, type PaymentsProvider } from '#integrations/payments'
import type { PaymentMetadata } from '#integrations/payments/payments'
import type { Transaction } from 'kysely'
import { refundOverCap } from './refundable.server'
import { returnLabelIssuer } from './issue-return-label.server'
import { replacementIssuer } from './issue-replacement.server'

const DAY = 86_400_000

type LockedForIssue = NonNullable<Awaited<ReturnType<typeof resolutions.lockResolutionAndCaseForIssue>>>
export type LockedResolution = LockedForIssue['resolution']
export type LockedCase = LockedForIssue['case']

/** The providers an issuer may call; tests pass their own adapters pointed at HTTP fakes. */
export interface IssueDeps {
  payments: PaymentsProvider
  /** Return labels: the sandbox carrier or EasyPost. */
  carrier: Carrier
}

export interface IssueContext {
  trx: Transaction<Database>
  shopId: string
  resolution: LockedResolution
  case: LockedCase
  deps: IssueDeps
  now: Date
}

export interface IssuerAnswer {
  /** 'pending': the provider took it and finishes it later (a refund the bank still processes). */
  status: 'succeeded' | 'pending'
  /** Which provider issued it ('stripe', 'sandbox', 'easypost'), for support and reconciliation. */
  provider: string
  providerId: string
  /** What the buyer uses: a coupon code, a return tracking number. */
  code: string | null
  /** Kept on the resolution row and shown on its timeline event. */
  details?: Record<string, unknown>
}

export interface Issuer {
  /** The provider this issuer calls, named for support when it fails. */
  providerName(deps: IssueDeps): string
  issue(ctx: IssueContext): Promise<IssuerAnswer>
}

/**
 * A provider call that did not go through: `retryable` when trying later may work (the provider was down
 * or rate limited), false when it refused the request itself. `message` is a plain sentence for support.
 * Adapters' own errors (PaymentsError, the carriers' errors) have the same two fields.
 */
export interface IssueFailure {
  message: string
  retryable: boolean
}

export function isIssueFailure(err: unknown): err is Error & IssueFailure {
  return err instanceof Error && typeof (err as { retryable?: unknown }).retryable === 'boolean'
}

export function paymentMetadata(ctx: IssueContext): PaymentMetadata {
  return { shopId: ctx.shopId, caseId: ctx.case.id, caseNumber: `R-${ctx.case.number}` }
}

const money = (issue: Issuer['issue']): Issuer => ({
  providerName: (deps) => deps.payments.name,
  issue,
})

const refund = money(async (ctx) => {
  const r = ctx.resolution
  // The last guard before the provider: the order's refunds, across all its cases, never exceed what
  // was paid. Under the order lock, so two cases of one order refunding at once decide in turn.
  const over = await refundOverCap(ctx.trx, {
    shopId: ctx.shopId,
    orderId: ctx.case.order_id,
    amountMinor: r.amount_minor,
    excludeId: r.id,
    basis: 'issued',
  })
  if (over) throw new PaymentsError(`Not refunded: ${over}`, false)
  const answer = await ctx.deps.payments.refund({
    idempotencyKey: r.idempotency_key,
    paymentReference: r.payment_reference,
    amountMinor: r.amount_minor,
    currency: r.currency,
    metadata: paymentMetadata(ctx),
  })
  if (answer.status === 'failed') {
    throw new PaymentsError(answer.failureMessage ?? 'The refund failed at the payment provider.', false)
  }
  return {
    status: answer.status,
    provider: ctx.deps.payments.name,
    providerId: answer.providerId,
    code: null,
  }
})

const storeCredit = money(async (ctx) => {
  const { payments } = ctx.deps
  if (!payments.issueStoreCredit) {
    throw new PaymentsError(
      'Store credit cannot be issued through Stripe; give the buyer the credit in Shopify by hand.',
      false,
    )
  }
  const r = ctx.resolution
  const credit = await payments.issueStoreCredit({
    idempotencyKey: r.idempotency_key,
    amountMinor: r.amount_minor,
    currency: r.currency,
    email: ctx.case.buyer_email,
    metadata: paymentMetadata(ctx),
  })
  return { status: 'succeeded', provider: payments.name, providerId: credit.providerId, code: null }
})

/** How long Stripe keeps an idempotency key's first answer. */
const IDEMPOTENCY_WINDOW_MS = DAY

/**
 * When a coupon issued for this resolution stops working: the case's policy's validity (a year unless the
 * merchant chose otherwise) after its release, to the second (Stripe keeps whole seconds). Counted from
 * the release, not from this try, so a job retried after a crash sends Stripe the same expiry under the
 * same idempotency key and stores the same date the buyer is shown. A try more than a day after the
 * release (staff trying a failed coupon again) counts from now instead: Stripe has forgotten the key's
 * first request by then, and the buyer gets the whole validity rather than a code that has run out.
 */
export function couponExpiresAt(
  r: Pick<LockedResolution, 'released_at'>,
  c: Pick<LockedCase, 'coupon_valid_days'>,
  now: Date,
): Date {
  const days = couponValidDaysOf({ resolutions: { coupon: { validDays: c.coupon_valid_days } } })
  const released = r.released_at ? new Date(r.released_at) : null
  const from = released && now.getTime() - released.getTime() < IDEMPOTENCY_WINDOW_MS ? released : now
  return new Date(Math.floor((from.getTime() + days * DAY) / 1000) * 1000)
}

const coupon = money(async (ctx) => {
  const r = ctx.resolution
  const expiresAt = couponExpiresAt(r, ctx.case, ctx.now)
  const answer = await ctx.deps.payments.createCoupon({
    idempotencyKey: r.idempotency_key,
    amountMinor: r.amount_minor,
    currency: r.currency,
    email: ctx.case.buyer_email,
    expiresAt,
    metadata: paymentMetadata(ctx),
  })
  return {
    status: 'succeeded',
    provider: ctx.deps.payments.name,
    providerId: answer.providerId,
    code: answer.code,
    // Kept on the row: the case page and the coupon email show the buyer when to use it by.
    details: { expiresAt: expiresAt.toISOString() },
  }
})

// The buyer pays the difference of an exchange for a dearer variant, on the order's payment (Stripe: its
// saved card, off-session; the sandbox: our ledger), under the resolution's key.
const charge = money(async (ctx) => {
  const r = ctx.resolution
  const answer = await ctx.deps.payments.charge({
    idempotencyKey: r.idempotency_key,
    paymentReference: r.payment_reference,
    amountMinor: r.amount_minor,
    currency: r.currency,
    email: ctx.case.buyer_email,
    metadata: paymentMetadata(ctx),
  })
  return {
    status: answer.status,
    provider: ctx.deps.payments.name,
    providerId: answer.providerId,
    code: null,
    ...(answer.status === 'pending' && answer.providerStatus
      ? { details: { providerStatus: answer.providerStatus } }
      : {}),
  }
})

/** The issuer of each kind. A kind missing here is recorded as failed with a sentence for support. */
export const ISSUERS: Partial<Record<ResolutionKind, Issuer>> = {
  refund,
  store_credit: storeCredit,
  coupon,
  charge,
  return_label: returnLabelIssuer,
  replacement: replacementIssuer,
}
