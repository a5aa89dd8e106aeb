// Stripe behind the PaymentsProvider interface, over the official SDK: refunds of the order's payment (a
// PaymentIntent, or a Charge made by an older integration before PaymentIntents), single-use promotion codes over a one-off coupon, and off-session charges of an exchange's difference. Every call carries our idempotency key (Stripe then
// answers a repeat with the first answer), every response is zod-parsed here, and errors become
// PaymentsError with a plain sentence. Retries are left to the job queue (maxNetworkRetries 0), so one
// place decides when to try again.
import Stripe from 'stripe'
import { z } from 'zod'
import {
  couponCodeFor,
  PaymentsError,
  type ChargeRequest,
  type ChargeResult,
  type CouponRequest,
  type CouponResult,
  type FindIssuedRequest,
  type PaymentsProvider,
  type ProviderRecord,
  type RefundRequest,
  type RefundResult,
} from './payments'

const RefundSchema = z.object({
  id: z.string().min(1),
  object: z.literal('refund'),
  status: z.string().nullable(),
  failure_reason: z.string().nullish(),
})

/** A refund as reconciliation and webhooks read it. */
export const RefundDetailSchema = RefundSchema.extend({
  amount: z.number().int(),
  currency: z.string().min(3),
  payment_intent: z.string().nullish(),
  charge: z.string().nullish(),
  metadata: z.record(z.string()).nullish(),
})
export type StripeRefund = z.infer<typeof RefundDetailSchema>

const RefundListSchema = z.object({ object: z.literal('list'), data: z.array(RefundDetailSchema) })
const PaymentIntentSchema = z.object({
  id: z.string().min(1),
  object: z.literal('payment_intent'),
  currency: z.string().min(3),
})
/** A Charge paid without a PaymentIntent (Stripe's Charges API, older integrations), as a refund reads it. */
const PaidChargeSchema = z.object({
  id: z.string().min(1),
  object: z.literal('charge'),
  currency: z.string().min(3),
  amount: z.number().int(),
  amount_refunded: z.number().int(),
})

/**
 * Whether the order's payment is a Charge (`ch_…`) rather than a PaymentIntent (`pi_…`). Stripe refunds
 * and lists refunds of either, but by a different parameter (`charge` or `payment_intent`).
 */
export function isChargeReference(reference: string): boolean {
  return reference.startsWith('ch_')
}

/** The refund parameter naming the order's payment: `{ charge }` for a Charge, else `{ payment_intent }`. */
function paymentParam(reference: string): { charge: string } | { payment_intent: string } {
  return isChargeReference(reference) ? { charge: reference } : { payment_intent: reference }
}
/** An order's payment as a second charge needs it: who paid and with which saved method. */
const PaidIntentSchema = PaymentIntentSchema.extend({
  customer: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  payment_method: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
})
const ChargeIntentSchema = PaymentIntentSchema.extend({
  status: z.string(),
  amount: z.number().int(),
})
/**
 * A PaymentIntent as reconciliation and webhooks read it: what was asked, where it stands, and Stripe's
 * sentence for its last failed attempt. Only the error's code and message are kept: its
 * `payment_method` holds card details, which we never read or store.
 */
export const ChargeDetailSchema = ChargeIntentSchema.extend({
  metadata: z.record(z.string()).nullish(),
  /** Why a `canceled` intent was canceled (`expired`, `abandoned`, `requested_by_customer`, …). */
  cancellation_reason: z.string().nullish(),
  last_payment_error: z
    .object({
      code: z.string().nullish(),
      decline_code: z.string().nullish(),
      message: z.string().nullish(),
    })
    .nullish(),
})
export type StripePaymentIntent = z.infer<typeof ChargeDetailSchema>
const ChargeListSchema = z.object({ object: z.literal('list'), data: z.array(ChargeDetailSchema) })
const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null))

const CouponSchema = z.object({ id: z.string().min(1), object: z.literal('coupon') })
const CouponDetailSchema = CouponSchema.extend({
  amount_off: z.number().int().nullish(),
  currency: z.string().nullish(),
  valid: z.boolean().optional(),
})
const PromotionCodeSchema = z.object({
  id: z.string().min(1),
  object: z.literal('promotion_code'),
  code: z.string().min(1),
})
const CustomerSchema = z.object({ id: z.string().min(1), object: z.literal('customer') })
const CustomerListSchema = z.object({ object: z.literal('list'), data: z.array(CustomerSchema) })
const PromotionCodeDetailSchema = PromotionCodeSchema.extend({
  promotion: z.object({ coupon: z.string().min(1) }),
})
const PromotionCodeListSchema = z.object({
  object: z.literal('list'),
  data: z.array(PromotionCodeDetailSchema),
})

/** Stripe's refund status in our words: `requires_action` is still in Stripe's hands, like pending. */
export function providerRefundStatus(status: string | null): ProviderRecord['status'] {
  if (status === 'succeeded' || status === 'failed' || status === 'canceled') return status
  return 'pending'
}

/** A Stripe refund as a provider record (currency upper-case, like ours). */
export function refundRecord(r: StripeRefund): ProviderRecord {
  return {
    providerId: r.id,
    amountMinor: r.amount,
    currency: r.currency.toUpperCase(),
    status: providerRefundStatus(r.status),
    failureReason: r.failure_reason ?? null,
    code: null,
  }
}

/**
 * A PaymentIntent's status in our words. `succeeded` is final. `requires_payment_method` is where Stripe
 * puts an intent whose attempt failed (payment_intent.payment_failed): failed. `canceled`
 * (payment_intent.canceled: it expired waiting for the buyer, or someone canceled it in the dashboard)
 * will never take money: canceled. `processing`, `requires_action` (the buyer's bank wants them to
 * confirm), `requires_confirmation` and `requires_capture` are still in Stripe's hands: pending.
 */
export function providerChargeStatus(status: string): ProviderRecord['status'] {
  if (status === 'succeeded') return 'succeeded'
  if (status === 'canceled') return 'canceled'
  if (status === 'requires_payment_method') return 'failed'
  return 'pending'
}

/** A Stripe PaymentIntent (one of our charges) as a provider record. */
export function paymentIntentRecord(pi: StripePaymentIntent): ProviderRecord {
  const status = providerChargeStatus(pi.status)
  const error = status === 'failed' || status === 'canceled' ? pi.last_payment_error : null
  // A canceled intent's own reason says why it ended; an error left from an earlier attempt says less.
  const canceledFor = status === 'canceled' ? (pi.cancellation_reason ?? null) : null
  return {
    providerId: pi.id,
    amountMinor: pi.amount,
    currency: pi.currency.toUpperCase(),
    status,
    failureReason: canceledFor ?? error?.decline_code ?? error?.code ?? null,
    failureMessage: error?.message?.trim() || null,
    code: null,
  }
}

const isMissing = (err: unknown) => err instanceof Stripe.errors.StripeError && err.statusCode === 404

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
        // A refund is always in the payment's currency: amounts in another one would pay back the wrong
        // sum, so a mismatch is refused before anything is refunded. The payment is read as what it is: a
        // Charge of an older integration, or a PaymentIntent.
        // NOTE: what is left to refund is not checked here: a retry after a crash finds our own refund
        // already taken off, and must still reach Stripe to get its first answer back under the key.
        // Stripe refuses an amount larger than what is left (amount_too_large) for good.
        const reference = input.paymentReference
        const payment = isChargeReference(reference)
          ? PaidChargeSchema.parse(await stripe.charges.retrieve(reference))
          : PaymentIntentSchema.parse(await stripe.paymentIntents.retrieve(reference))
        const paid = payment.currency.toUpperCase()
        if (paid !== input.currency.toUpperCase()) {
          throw new PaymentsError(
            `Not refunded: the order was paid in ${paid} but this refund is in ${input.currency.toUpperCase()}, so Stripe would pay back the wrong amount. Refund it by hand in Stripe, in ${paid}.`,
            false,
          )
        }
        const raw = await stripe.refunds.create(
          {
            ...paymentParam(reference),
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

    // An exchange's price difference: a new PaymentIntent on the customer and saved payment method of the
    // order's payment, confirmed off-session (the buyer is not at the checkout to authenticate). Stripe
    // can only do that when the checkout saved the method for later; otherwise support charges by hand.
    async charge(input: ChargeRequest): Promise<ChargeResult> {
      const byHand = (why: string) =>
        new PaymentsError(
          `Not charged: ${why} Ask the buyer to pay the difference of ${(input.amountMinor / 100).toFixed(2)} ${input.currency.toUpperCase()} another way (a Shopify invoice or payment link), then retry or mark it done.`,
          false,
        )
      if (!input.paymentReference) throw byHand('the order has no Stripe payment to charge again.')
      if (isChargeReference(input.paymentReference)) {
        // Off-session charges reuse the customer and saved method of the order's PaymentIntent; a Charge
        // of an older integration has none to offer that way.
        throw byHand(
          'the order was paid by a Stripe Charge of an older integration, whose card Homebound cannot charge again.',
        )
      }
      try {
        const paid = PaidIntentSchema.parse(await stripe.paymentIntents.retrieve(input.paymentReference))
        const customer = idOf(paid.customer)
        const paymentMethod = idOf(paid.payment_method)
        if (!customer || !paymentMethod) {
          throw byHand('Stripe holds no saved card for this buyer, so it cannot charge them without them.')
        }
        const intent = ChargeIntentSchema.parse(
          await stripe.paymentIntents.create(
            {
              amount: input.amountMinor,
              currency: input.currency.toLowerCase(),
              customer,
              payment_method: paymentMethod,
              off_session: true,
              confirm: true,
              description: `Price difference of exchange ${input.metadata.caseNumber}`,
              receipt_email: input.email,
              metadata: { ...input.metadata, kind: 'exchange_difference' },
            },
            { idempotencyKey: input.idempotencyKey },
          ),
        )
        if (intent.status === 'succeeded') return { providerId: intent.id, status: 'succeeded' }
        // Still in Stripe's hands: a debit being processed, or a bank that wants the buyer to confirm
        // (Stripe can email them). Its webhook (payment_intent.succeeded / payment_failed) or the hourly
        // reconciliation says how it ended; the replacement waits for it.
        if (intent.status === 'processing' || intent.status === 'requires_action') {
          return { providerId: intent.id, status: 'pending', providerStatus: intent.status }
        }
        throw byHand(`Stripe left the payment unfinished (${intent.status}).`)
      } catch (err) {
        throw toPaymentsError(err, 'charge')
      }
    },

    async createCoupon(input: CouponRequest): Promise<CouponResult> {
      const expiresAt = Math.floor(input.expiresAt.getTime() / 1000)
      const currency = input.currency.toLowerCase()
      try {
        // For this buyer: the promotion code is restricted to their Stripe customer, found by email
        // (the newest, as Stripe lists them) or made for them under our key, so a retry finds or replays
        // the same one and sends the promotion code the same parameters.
        const customer = await buyerCustomer(input)
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
              customer,
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

    async findIssued(input: FindIssuedRequest): Promise<ProviderRecord[] | null> {
      try {
        if (input.kind === 'refund') return await findRefunds(input)
        if (input.kind === 'coupon') return await findCoupons(input)
        if (input.kind === 'charge') return await findCharges(input)
        // Store credit is never issued through Stripe: it holds nothing for it.
        return []
      } catch (err) {
        throw toPaymentsError(err, 'lookup')
      }
    },
  }

  /** Ours by id, plus every refund of the payment (PaymentIntent or Charge) that carries this case's metadata. */
  async function findRefunds(input: FindIssuedRequest): Promise<ProviderRecord[]> {
    const found = new Map<string, StripeRefund>()
    if (input.paymentReference) {
      const list = RefundListSchema.parse(
        await stripe.refunds.list({ ...paymentParam(input.paymentReference), limit: 100 }),
      )
      for (const r of list.data) {
        const ours =
          r.id === input.providerId ||
          (r.metadata?.caseId === input.metadata.caseId && r.metadata?.shopId === input.metadata.shopId)
        if (ours) found.set(r.id, r)
      }
    }
    if (input.providerId && !found.has(input.providerId)) {
      try {
        found.set(input.providerId, RefundDetailSchema.parse(await stripe.refunds.retrieve(input.providerId)))
      } catch (err) {
        if (!isMissing(err)) throw err
      }
    }
    return [...found.values()].map(refundRecord)
  }

  /**
   * Ours by id, plus every PaymentIntent of the buyer (the customer of the order's payment, whose saved
   * card we charge) that carries this case's metadata: a charge whose answer we never recorded, or a
   * second one.
   */
  async function findCharges(input: FindIssuedRequest): Promise<ProviderRecord[]> {
    const found = new Map<string, StripePaymentIntent>()
    if (input.providerId) {
      try {
        const pi = ChargeDetailSchema.parse(await stripe.paymentIntents.retrieve(input.providerId))
        found.set(pi.id, pi)
      } catch (err) {
        if (!isMissing(err)) throw err
      }
    }
    // A Charge of an older integration is never charged again (see charge()): no buyer to look through.
    if (input.paymentReference && !isChargeReference(input.paymentReference)) {
      let customer: string | null = null
      try {
        customer = idOf(
          PaidIntentSchema.parse(await stripe.paymentIntents.retrieve(input.paymentReference)).customer,
        )
      } catch (err) {
        if (!isMissing(err)) throw err
      }
      if (customer) {
        const list = ChargeListSchema.parse(await stripe.paymentIntents.list({ customer, limit: 100 }))
        for (const pi of list.data) {
          const ours =
            pi.metadata?.caseId === input.metadata.caseId && pi.metadata?.shopId === input.metadata.shopId
          if (ours && !found.has(pi.id)) found.set(pi.id, pi)
        }
      }
    }
    return [...found.values()].map(paymentIntentRecord)
  }

  /** Promotion codes made under this key (the code derives from it) or with our id, and their coupons. */
  /**
   * The buyer's Stripe customer id: an existing customer with their email, else one made now. Stripe's
   * email filter is exact (case-sensitive), so the email is sent as the case keeps it, trimmed.
   */
  async function buyerCustomer(input: CouponRequest): Promise<string> {
    const email = input.email.trim()
    const found = CustomerListSchema.parse(await stripe.customers.list({ email, limit: 1 }))
    if (found.data[0]) return found.data[0].id
    const made = CustomerSchema.parse(
      await stripe.customers.create(
        { email, metadata: { ...input.metadata, createdFor: 'coupon' } },
        { idempotencyKey: `${input.idempotencyKey}:customer` },
      ),
    )
    return made.id
  }

  async function findCoupons(input: FindIssuedRequest): Promise<ProviderRecord[]> {
    const code = couponCodeFor(input.idempotencyKey)
    const promos = new Map(
      PromotionCodeListSchema.parse(await stripe.promotionCodes.list({ code, limit: 10 })).data.map((p) => [
        p.id,
        p,
      ]),
    )
    if (input.providerId && !promos.has(input.providerId)) {
      try {
        const p = PromotionCodeDetailSchema.parse(await stripe.promotionCodes.retrieve(input.providerId))
        promos.set(p.id, p)
      } catch (err) {
        if (!isMissing(err)) throw err
      }
    }
    const records: ProviderRecord[] = []
    for (const p of promos.values()) {
      const coupon = CouponDetailSchema.parse(await stripe.coupons.retrieve(p.promotion.coupon))
      records.push({
        providerId: p.id,
        amountMinor: coupon.amount_off ?? null,
        currency: coupon.currency ? coupon.currency.toUpperCase() : null,
        // Used, expired or switched off, it is still the coupon we issued.
        status: 'succeeded',
        failureReason: null,
        code: p.code,
      })
    }
    return records
  }
}
