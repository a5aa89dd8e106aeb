// An HTTP-level fake of the parts of Stripe's API we call (POST /v1/refunds, /v1/coupons,
// /v1/promotion_codes), driven by the real `stripe` SDK. It keeps PaymentIntents tests register, records
// every request, refuses what Stripe refuses (no Idempotency-Key on our calls, an unknown PaymentIntent,
// more than is left to refund), and answers a repeated Idempotency-Key with the first answer, as Stripe does.
import { http, HttpResponse } from 'msw'

const BASE = 'https://api.stripe.com/v1'

export interface RecordedStripeRequest {
  method: string
  path: string
  authorization: string | null
  idempotencyKey: string | null
  body: Record<string, string>
}

interface FakePaymentIntent {
  id: string
  amount: number
  currency: string
  refunded: number
}

type Failure = { status: number; type: string; message: string; code?: string }

const paymentIntents = new Map<string, FakePaymentIntent>()
const idempotent = new Map<string, { body: string; status: number; json: unknown }>()
const failures: Failure[] = []
export const stripeRequests: RecordedStripeRequest[] = []
export const stripeRefunds: Array<{ id: string; payment_intent: string; amount: number; currency: string }> =
  []
let seq = 0

function nextId(prefix: string) {
  seq++
  return `${prefix}_fake${seq.toString().padStart(14, '0')}`
}

function errorJson(status: number, type: string, message: string, code?: string) {
  return HttpResponse.json({ error: { type, message, ...(code ? { code } : {}) } }, { status })
}

function metadataOf(body: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([k]) => k.startsWith('metadata['))
      .map(([k, v]) => [k.slice('metadata['.length, -1), v]),
  )
}

/** Records the request, applies a queued failure, and replays a repeated Idempotency-Key. */
function handle(path: string, create: (body: Record<string, string>) => { status: number; json: unknown }) {
  return http.post(`${BASE}${path}`, async ({ request }) => {
    const raw = await request.text()
    const body = Object.fromEntries(new URLSearchParams(raw))
    const key = request.headers.get('idempotency-key')
    stripeRequests.push({
      method: request.method,
      path: `/v1${path}`,
      authorization: request.headers.get('authorization'),
      idempotencyKey: key,
      body,
    })
    if (!request.headers.get('authorization')?.startsWith('Bearer sk_')) {
      return errorJson(401, 'invalid_request_error', 'Invalid API Key provided.')
    }
    if (!key) return errorJson(400, 'invalid_request_error', 'Homebound always sends an Idempotency-Key.')
    const failure = failures.shift()
    if (failure) return errorJson(failure.status, failure.type, failure.message, failure.code)
    const seen = idempotent.get(`${path}:${key}`)
    if (seen) {
      if (seen.body !== raw) {
        return errorJson(
          400,
          'idempotency_error',
          'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        )
      }
      return HttpResponse.json(seen.json as Record<string, unknown>, {
        status: seen.status,
        headers: { 'idempotent-replayed': 'true' },
      })
    }
    const out = create(body)
    // Stripe saves the first answer (errors included, except 5xx) for 24 hours.
    if (out.status < 500) idempotent.set(`${path}:${key}`, { body: raw, ...out })
    return HttpResponse.json(out.json as Record<string, unknown>, { status: out.status })
  })
}

const stripeError = (status: number, type: string, message: string, code?: string) => ({
  status,
  json: { error: { type, message, ...(code ? { code } : {}) } },
})

export const stripeHandlers = [
  handle('/refunds', (body) => {
    const pi = paymentIntents.get(body.payment_intent ?? '')
    if (!pi) {
      return stripeError(
        400,
        'invalid_request_error',
        `No such payment_intent: '${body.payment_intent}'`,
        'resource_missing',
      )
    }
    const amount = body.amount === undefined ? pi.amount - pi.refunded : Number(body.amount)
    if (!Number.isInteger(amount) || amount <= 0) {
      return stripeError(
        400,
        'invalid_request_error',
        'Invalid positive integer',
        'parameter_invalid_integer',
      )
    }
    if (pi.refunded + amount > pi.amount) {
      return stripeError(
        400,
        'invalid_request_error',
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${pi.amount - pi.refunded})`,
        'amount_too_large',
      )
    }
    pi.refunded += amount
    const refund = { id: nextId('re'), payment_intent: pi.id, amount, currency: pi.currency }
    stripeRefunds.push(refund)
    return {
      status: 200,
      json: {
        ...refund,
        object: 'refund',
        status: 'succeeded',
        reason: null,
        created: Math.floor(Date.now() / 1000),
        metadata: metadataOf(body),
      },
    }
  }),
  handle('/coupons', (body) => ({
    status: 200,
    json: {
      id: nextId('co'),
      object: 'coupon',
      amount_off: body.amount_off ? Number(body.amount_off) : null,
      percent_off: body.percent_off ? Number(body.percent_off) : null,
      currency: body.currency ?? null,
      duration: body.duration,
      max_redemptions: Number(body.max_redemptions),
      redeem_by: Number(body.redeem_by),
      metadata: metadataOf(body),
    },
  })),
  handle('/promotion_codes', (body) => ({
    status: 200,
    json: {
      id: nextId('promo'),
      object: 'promotion_code',
      code: body.code ?? nextId('CODE'),
      promotion: { type: 'coupon', coupon: body['promotion[coupon]'] },
      max_redemptions: Number(body.max_redemptions),
      expires_at: Number(body.expires_at),
      active: true,
      metadata: metadataOf(body),
    },
  })),
]

export const fakeStripe = {
  /** A captured payment the fake will refund against. */
  addPaymentIntent(p: { id: string; amount: number; currency: string }) {
    paymentIntents.set(p.id, { ...p, currency: p.currency.toLowerCase(), refunded: 0 })
  },
  /** The next request (any path) answers with this error instead. */
  failNext(f: Failure) {
    failures.push(f)
  },
  reset() {
    paymentIntents.clear()
    idempotent.clear()
    failures.length = 0
    stripeRequests.length = 0
    stripeRefunds.length = 0
  },
}
