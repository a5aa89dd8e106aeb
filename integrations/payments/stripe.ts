// Stripe behind the PaymentsProvider interface, over the official SDK: refunds of a PaymentIntent and
// single-use promotion codes over a one-off coupon. Every call carries our idempotency key (Stripe then
// answers a repeat with the first answer), every response is zod-parsed here, and errors become
// PaymentsError with a plain sentence. Retries are left to the job queue (maxNetworkRetries 0), so one
// place decides when to try again.
import Stripe from 'stripe'
import { z } from 'zod'
import {
  couponCodeFor,
  PaymentsError,
  type CouponRequest,
  type CouponResult,
  type PaymentsProvider,
  type RefundRequest,
  type RefundResult,
} from './payments'

const RefundSchema = z.object({
  id: z.string().min(1),
  object: z.literal('refund'),
  status: z.string().nullable(),
  failure_reason: z.string().nullish(),
})

const CouponSchema = z.object({ id: z.string().min(1), object: z.literal('coupon') })
const PromotionCodeSchema = z.object({
  id: z.string().min(1),
  object: z.literal('promotion_code'),
  code: z.string().min(1),
})

/** `https://api.stripe.com` or `http://localhost:12111` → the SDK's host, port and protocol options. */
export function stripeHostOptions(apiBase: string | undefined) {
  if (!apiBase) return {}
  const url = new URL(apiBase)
  const protocol = url.protocol === 'http:' ? ('http' as const) : ('https' as const)
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  }
}

function refundStatus(status: string | null): RefundResult['status'] {
  if (status === 'succeeded') return 'succeeded'
  if (status === 'failed' || status === 'canceled') return 'failed'
  // pending, requires_action: Stripe has taken it and finishes it later.
  return 'pending'
}

function toPaymentsError(err: unknown, what: string): PaymentsError {
  if (err instanceof PaymentsError) return err
  if (err instanceof z.ZodError) {
    return new PaymentsError(`Stripe answered the ${what} in a form we do not understand.`, true)
  }
  if (err instanceof Stripe.errors.StripeError) {
    const status = err.statusCode
    // 409: an idempotent request still in flight; 429: rate limited; 5xx and no answer: try again later.
    const retryable = status === undefined || status === 409 || status === 429 || status >= 500
    const reason = err.message?.trim() || err.code || 'no reason given'
    return retryable
      ? new PaymentsError(
          `Stripe could not take the ${what} just now (${status ?? 'no answer'}): ${reason}`,
          true,
          status,
        )
      : new PaymentsError(`Stripe refused the ${what}: ${reason}`, false, status)
  }
  return new PaymentsError(`Stripe could not be reached for the ${what}.`, true)
}

export function createStripePayments(config: { secretKey: string; apiBase?: string }): PaymentsProvider {
  const stripe = new Stripe(config.secretKey, {
    // NOTE: Node's fetch rather than the SDK's http.request client: the latter writes its body only
    // after the socket's connect event, which an in-process HTTP fake (MSW) never emits, so tests hung.
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 0,
    timeout: 20_000,
    telemetry: false,
    ...stripeHostOptions(config.apiBase),
  })

  return {
    name: 'stripe',

    async refund(input: RefundRequest): Promise<RefundResult> {
      if (!input.paymentReference) {
        throw new PaymentsError(
          'The order has no Stripe payment to refund; refund it in Stripe by hand.',
          false,
        )
      }
      try {
        const raw = await stripe.refunds.create(
          {
            payment_intent: input.paymentReference,
            amount: input.amountMinor,
            metadata: { ...input.metadata },
          },
          { idempotencyKey: input.idempotencyKey },
        )
        const refund = RefundSchema.parse(raw)
        const status = refundStatus(refund.status)
        return {
          providerId: refund.id,
          status,
          ...(status === 'failed'
            ? {
                failureMessage: `Stripe could not complete the refund (${refund.failure_reason ?? refund.status}).`,
              }
            : {}),
        }
      } catch (err) {
        throw toPaymentsError(err, 'refund')
      }
    },

    async createCoupon(input: CouponRequest): Promise<CouponResult> {
      const expiresAt = Math.floor(input.expiresAt.getTime() / 1000)
      const currency = input.currency.toLowerCase()
      try {
        const coupon = CouponSchema.parse(
          await stripe.coupons.create(
            {
              ...(input.amountMinor !== undefined
                ? { amount_off: input.amountMinor, currency }
                : { percent_off: input.percent }),
              duration: 'once',
              max_redemptions: 1,
              redeem_by: expiresAt,
              metadata: { ...input.metadata, email: input.email },
            },
            { idempotencyKey: `${input.idempotencyKey}:coupon` },
          ),
        )
        const promo = PromotionCodeSchema.parse(
          await stripe.promotionCodes.create(
            {
              promotion: { type: 'coupon', coupon: coupon.id },
              code: couponCodeFor(input.idempotencyKey),
              max_redemptions: 1,
              expires_at: expiresAt,
              // An amount coupon only on an order at least worth it, in its currency.
              restrictions:
                input.amountMinor !== undefined
                  ? { minimum_amount: input.amountMinor, minimum_amount_currency: currency }
                  : { first_time_transaction: false },
              metadata: { ...input.metadata, email: input.email },
            },
            { idempotencyKey: `${input.idempotencyKey}:promotion-code` },
          ),
        )
        return { providerId: promo.id, code: promo.code }
      } catch (err) {
        throw toPaymentsError(err, 'coupon')
      }
    },
  }
}
