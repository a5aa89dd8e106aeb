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
  /** The payment the money goes back to (a Stripe PaymentIntent id); the sandbox needs none. */
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

export interface StoreCreditRequest {
  idempotencyKey: string
  amountMinor: number
  currency: string
  email: string
  metadata: PaymentMetadata
}

export interface PaymentsProvider {
  readonly name: 'stripe' | 'sandbox'
  refund(input: RefundRequest): Promise<RefundResult>
  createCoupon(input: CouponRequest): Promise<CouponResult>
  /** Absent where the provider cannot hold store credit (Stripe: it lives in Shopify). */
  issueStoreCredit?(input: StoreCreditRequest): Promise<{ providerId: string }>
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
