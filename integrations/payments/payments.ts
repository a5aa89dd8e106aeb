// The payments provider: refunds, store credit and single-use coupons, each call carrying an idempotency
// key so a retried job can never pay twice. Adapters return these types and never the provider's own.

import { createHash } from 'node:crypto'

export interface PaymentMetadata {
  shopId: string
  caseId: string
  caseNumber: string
}

export interface RefundRequest {
  idempotencyKey: string
  /**
   * The payment the money goes back to: a Stripe PaymentIntent id (`pi_…`), or a Charge id (`ch_…`) for
   * orders paid through an older Stripe integration; the sandbox needs none.
   */
  paymentReference: string | null
  amountMinor: number
  currency: string
  metadata: PaymentMetadata
}

export interface RefundResult {
  providerId: string
  status: 'succeeded' | 'pending' | 'failed'
  failureMessage?: string
}

export type CouponValue = { amountMinor: number; percent?: never } | { percent: number; amountMinor?: never }

export type CouponRequest = CouponValue & {
  idempotencyKey: string
  currency: string
  email: string
  expiresAt: Date
  metadata: PaymentMetadata
}

export interface CouponResult {
  providerId: string
  code: string
}

/** The buyer pays more: an exchange for a dearer variant charges the difference. */
export interface ChargeRequest {
  idempotencyKey: string
  /** The order's payment, whose saved payment method and customer are charged again (Stripe). */
  paymentReference: string | null
  amountMinor: number
  currency: string
  email: string
  metadata: PaymentMetadata
}

export interface ChargeResult {
  providerId: string
  /**
   * 'pending': the provider took it and finishes it later (a bank debit still processing, a bank that
   * wants the buyer to confirm); its webhook or reconciliation then says how it ended.
   */
  status: 'succeeded' | 'pending'
  /** The provider's own word for a pending charge (Stripe: `processing`, `requires_action`). */
  providerStatus?: string
}

export interface StoreCreditRequest {
  idempotencyKey: string
  amountMinor: number
  currency: string
  email: string
  metadata: PaymentMetadata
}

/** Which of our resolutions a provider lookup is about (see findIssued). */
export interface FindIssuedRequest {
  kind: 'refund' | 'store_credit' | 'coupon' | 'charge'
  idempotencyKey: string
  /** The provider's id we recorded; null when we never got an answer. */
  providerId: string | null
  /** The order's payment: the one a refund went back to, or whose saved card a charge used. */
  paymentReference: string | null
  metadata: PaymentMetadata
}

/** One thing the provider holds: a refund, a credit, a coupon, as the provider sees it now. */
export interface ProviderRecord {
  providerId: string
  /** Null for a percentage coupon (its value is known only when it is used). */
  amountMinor: number | null
  /** Upper-case ISO code; null where the provider keeps none (a percentage coupon). */
  currency: string | null
  status: 'pending' | 'succeeded' | 'failed' | 'canceled'
  /** The provider's reason code when it failed (`expired_or_canceled_card`). */
  failureReason: string | null
  /** The provider's own sentence when it failed (a charge: "Your card has insufficient funds."). */
  failureMessage?: string | null
  /** A coupon's code. */
  code: string | null
}

export interface PaymentsProvider {
  readonly name: 'stripe' | 'sandbox'
  refund(input: RefundRequest): Promise<RefundResult>
  createCoupon(input: CouponRequest): Promise<CouponResult>
  /** Charges the buyer (an exchange's price difference), once per idempotency key. */
  charge(input: ChargeRequest): Promise<ChargeResult>
  /** Absent where the provider cannot hold store credit (Stripe: it lives in Shopify). */
  issueStoreCredit?(input: StoreCreditRequest): Promise<{ providerId: string }>
  /**
   * Everything the provider holds for one resolution, for reconciliation: the record with our recorded
   * id, and every other one carrying our metadata or made under our idempotency key (a refund we never
   * heard back about, or one made twice). Empty when it holds nothing; null when this provider cannot be
   * asked about this kind.
   */
  findIssued?(input: FindIssuedRequest): Promise<ProviderRecord[] | null>
}

/**
 * A provider call that did not go through. `retryable` is true when trying again later may work (the
 * provider was down, rate limited, or the answer was lost); false when the provider refused the request
 * itself. `message` is a plain sentence for support, never a secret.
 */
export class PaymentsError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'PaymentsError'
  }
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O, 1/I: codes are read aloud and typed

/** The buyer's coupon code for an idempotency key: the same key always gives the same code. */
export function couponCodeFor(idempotencyKey: string): string {
  const bytes = createHash('sha256').update(idempotencyKey).digest()
  let s = ''
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length]
  return `SORRY-${s.slice(0, 4)}-${s.slice(4)}`
}
