// Stripe webhook deliveries: the `Stripe-Signature` header is checked over the exact raw body with the
// SDK's constructEvent (HMAC-SHA256 with the endpoint's signing secret, and a timestamp no older than
// five minutes, so a captured delivery cannot be replayed later), then the event is zod-parsed into our
// own shape. Refund events and the three PaymentIntent events that end a charge we made carry something
// for us; every other type is reported as `other`.
import Stripe from 'stripe'
import { z } from 'zod'
import type { ProviderRecord } from './payments'
import { ChargeDetailSchema, paymentIntentRecord, RefundDetailSchema, refundRecord } from './stripe'

/** The refund events we act on. `charge.refund.updated` is sent for some payment methods only. */
export const STRIPE_REFUND_EVENTS = ['refund.updated', 'refund.failed', 'charge.refund.updated'] as const
/**
 * The PaymentIntent events that end a charge Stripe left pending (an exchange's price difference still
 * `processing`, or `requires_action`): paid, an attempt failed, or canceled (`payment_intent.canceled`:
 * it expired in `requires_action`, or was canceled in the dashboard). Sent for every PaymentIntent of the
 * account; ours carry our metadata.
 */
export const STRIPE_CHARGE_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
] as const
/** Every event type the endpoint at /webhooks/stripe should be subscribed to. */
export const STRIPE_WEBHOOK_EVENTS = [...STRIPE_REFUND_EVENTS, ...STRIPE_CHARGE_EVENTS] as const

const EventSchema = z.object({
  id: z.string().min(1),
  object: z.literal('event'),
  type: z.string().min(1),
  created: z.number().int(),
  livemode: z.boolean().optional(),
  data: z.object({ object: z.record(z.unknown()) }),
})

export type StripeWebhookEvent =
  | {
      kind: 'refund'
      id: string
      type: (typeof STRIPE_REFUND_EVENTS)[number]
      created: Date
      refund: ProviderRecord & {
        paymentIntent: string | null
        metadata: Record<string, string>
      }
      /** What we keep of the delivery (ids and statuses, no card details). */
      payload: Record<string, unknown>
    }
  | {
      kind: 'charge'
      id: string
      type: (typeof STRIPE_CHARGE_EVENTS)[number]
      created: Date
      charge: ProviderRecord & { metadata: Record<string, string> }
      /** What we keep of the delivery (ids, statuses and Stripe's sentence; no card details). */
      payload: Record<string, unknown>
    }
  | { kind: 'other'; id: string; type: string; payload: Record<string, unknown> }

export type VerifiedStripeWebhook =
  { ok: true; event: StripeWebhookEvent } | { ok: false; reason: 'bad_signature' | 'malformed' }

/** Checks the signature and reads the event; nothing of an unsigned or tampered body is trusted. */
export function verifyStripeWebhook(input: {
  rawBody: string
  signature: string | null
  secret: string
  now?: Date
}): VerifiedStripeWebhook {
  if (!input.signature) return { ok: false, reason: 'bad_signature' }
  let raw: unknown
  try {
    raw = Stripe.webhooks.constructEvent(
      input.rawBody,
      input.signature,
      input.secret,
      undefined,
      undefined,
      input.now ? Math.floor(input.now.getTime() / 1000) : undefined,
    )
  } catch (err) {
    if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
      return { ok: false, reason: 'bad_signature' }
    }
    return { ok: false, reason: 'malformed' }
  }
  const event = EventSchema.safeParse(raw)
  if (!event.success) return { ok: false, reason: 'malformed' }
  const { id, type, created } = event.data
  if ((STRIPE_CHARGE_EVENTS as readonly string[]).includes(type)) {
    const intent = ChargeDetailSchema.safeParse(event.data.data.object)
    if (!intent.success) return { ok: false, reason: 'malformed' }
    const pi = intent.data
    const error = pi.last_payment_error
    return {
      ok: true,
      event: {
        kind: 'charge',
        id,
        type: type as (typeof STRIPE_CHARGE_EVENTS)[number],
        created: new Date(created * 1000),
        charge: { ...paymentIntentRecord(pi), metadata: pi.metadata ?? {} },
        payload: {
          id,
          type,
          created,
          payment_intent: {
            id: pi.id,
            status: pi.status,
            amount: pi.amount,
            currency: pi.currency,
            metadata: pi.metadata ?? {},
            cancellation_reason: pi.cancellation_reason ?? null,
            last_payment_error: error
              ? {
                  code: error.code ?? null,
                  decline_code: error.decline_code ?? null,
                  message: error.message ?? null,
                }
              : null,
          },
        },
      },
    }
  }
  if (!(STRIPE_REFUND_EVENTS as readonly string[]).includes(type)) {
    return { ok: true, event: { kind: 'other', id, type, payload: { id, type, created } } }
  }
  const refund = RefundDetailSchema.safeParse(event.data.data.object)
  if (!refund.success) return { ok: false, reason: 'malformed' }
  const r = refund.data
  const record = refundRecord(r)
  return {
    ok: true,
    event: {
      kind: 'refund',
      id,
      type: type as (typeof STRIPE_REFUND_EVENTS)[number],
      created: new Date(created * 1000),
      refund: { ...record, paymentIntent: r.payment_intent ?? null, metadata: r.metadata ?? {} },
      payload: {
        id,
        type,
        created,
        refund: {
          id: r.id,
          status: r.status,
          amount: r.amount,
          currency: r.currency,
          failure_reason: r.failure_reason ?? null,
          payment_intent: r.payment_intent ?? null,
          metadata: r.metadata ?? {},
        },
      },
    },
  }
}
