// An HTTP-level fake of the parts of Stripe's API we call, driven by the real `stripe` SDK: refunds
// (create against a PaymentIntent or a Charge, retrieve, list by either), Charges of older integrations
// paid without a PaymentIntent (retrieve), PaymentIntents (create confirmed off-session, retrieve, list
// by customer), coupons and promotion codes (create, retrieve; a code may be restricted to a customer),
// customers (create, retrieve, list by exact email). It keeps the PaymentIntents tests register, records
// every request, refuses what Stripe refuses (no Idempotency-Key on a POST, an unknown PaymentIntent or
// Charge, both or neither named, more than is left to refund),
// and answers a repeated Idempotency-Key with the first answer, as Stripe does.
//
// The fake itself is `handleStripeRequest` (method, path, headers, body → status and JSON); it is served
// two ways over the same state: through MSW in the test process (`stripeHandlers`), and as a real HTTP
// server on a loopback port (tests/fakes/stripe-server.ts) for a worker running in a child process.
import { http, HttpResponse } from 'msw'

const BASE = 'https://api.stripe.com'

export interface RecordedStripeRequest {
  method: string
  path: string
  /** The query string's parameters (GET). */
  query: Record<string, string>
  authorization: string | null
  idempotencyKey: string | null
  body: Record<string, string>
  /** Whether the answer was a replay of an earlier request with the same Idempotency-Key. */
  replayed: boolean
}

interface FakePaymentIntent {
  id: string
  amount: number
  currency: string
  refunded: number
  latestCharge: string
  /** Who paid and the card saved for later (off-session) payments; null when the checkout saved none. */
  customer: string | null
  paymentMethod: string | null
  status: string
  metadata?: Record<string, string>
  lastPaymentError?: { code?: string; decline_code?: string; message?: string } | null
  /** Why it was canceled (Stripe's `cancellation_reason`), once its status is `canceled`. */
  cancellationReason?: string | null
}

/** A Charge made through the Charges API (older integrations): no PaymentIntent behind it. */
interface FakeCharge {
  id: string
  amount: number
  currency: string
  refunded: number
}

export interface FakeRefund {
  id: string
  object: 'refund'
  amount: number
  currency: string
  /** Null for a refund of a Charge paid without a PaymentIntent. */
  payment_intent: string | null
  charge: string
  status: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled'
  failure_reason?: string
  reason: string | null
  created: number
  metadata: Record<string, string>
}

type Failure = { status: number; type: string; message: string; code?: string; path?: string }

export interface FakeAnswer {
  status: number
  json: unknown
  headers?: Record<string, string>
}

const paymentIntents = new Map<string, FakePaymentIntent>()
const charges = new Map<string, FakeCharge>()
const refunds = new Map<string, FakeRefund>()
const coupons = new Map<string, Record<string, unknown>>()
const promotionCodes = new Map<string, Record<string, unknown>>()
const customers = new Map<string, { id: string; object: 'customer'; email: string | null; created: number }>()
const idempotent = new Map<string, { body: string; answer: FakeAnswer }>()
const failures: Failure[] = []
let nextRefundStatus: FakeRefund['status'] = 'succeeded'
let nextChargeStatus: 'succeeded' | 'processing' | 'requires_action' = 'succeeded'
export const stripeRequests: RecordedStripeRequest[] = []
/** The refunds that took effect (created once per Idempotency-Key), oldest first. */
export const stripeRefunds: Array<{
  id: string
  payment_intent: string | null
  amount: number
  currency: string
}> = []
/** The off-session charges that took effect (one per Idempotency-Key), oldest first. */
export const stripeCharges: Array<{ id: string; amount: number; currency: string; customer: string | null }> =
  []
/** Saved cards whose bank asks the buyer to authenticate every off-session payment. */
const authenticationRequired = new Set<string>()
let seq = 0

function nextId(prefix: string) {
  seq++
  return `${prefix}_fake${seq.toString().padStart(14, '0')}`
}

const stripeError = (status: number, type: string, message: string, code?: string): FakeAnswer => ({
  status,
  json: { error: { type, message, ...(code ? { code } : {}) } },
})

const missing = (what: string, id: string) =>
  stripeError(404, 'invalid_request_error', `No such ${what}: '${id}'`, 'resource_missing')

function metadataOf(body: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([k]) => k.startsWith('metadata['))
      .map(([k, v]) => [k.slice('metadata['.length, -1), v]),
  )
}

/**
 * A refund of a PaymentIntent (`payment_intent`) or of a Charge (`charge`: one of the Charges API, or the
 * charge of a PaymentIntent). Exactly one of them, as Stripe wants; the whole remainder when no amount.
 */
function createRefund(body: Record<string, string>): FakeAnswer {
  if (body.payment_intent !== undefined && body.charge !== undefined) {
    return stripeError(400, 'invalid_request_error', 'Pass either `charge` or `payment_intent`, not both.')
  }
  // What is refunded: the PaymentIntent (by its id or its charge's), or a Charge of the Charges API.
  const pi =
    body.payment_intent !== undefined
      ? paymentIntents.get(body.payment_intent)
      : [...paymentIntents.values()].find((p) => p.latestCharge === body.charge)
  const ch = body.charge !== undefined && !pi ? charges.get(body.charge) : undefined
  const paid = pi ?? ch
  if (!paid) {
    const [what, id] =
      body.charge !== undefined ? ['charge', body.charge] : ['payment_intent', body.payment_intent]
    return stripeError(400, 'invalid_request_error', `No such ${what}: '${id ?? ''}'`, 'resource_missing')
  }
  const amount = body.amount === undefined ? paid.amount - paid.refunded : Number(body.amount)
  if (!Number.isInteger(amount) || amount <= 0) {
    return stripeError(400, 'invalid_request_error', 'Invalid positive integer', 'parameter_invalid_integer')
  }
  if (paid.refunded + amount > paid.amount) {
    return stripeError(
      400,
      'invalid_request_error',
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${paid.amount - paid.refunded})`,
      'amount_too_large',
    )
  }
  paid.refunded += amount
  const refund: FakeRefund = {
    id: nextId('re'),
    object: 'refund',
    amount,
    currency: paid.currency,
    payment_intent: pi ? pi.id : null,
    charge: pi ? pi.latestCharge : ch!.id,
    status: nextRefundStatus,
    reason: null,
    created: Math.floor(Date.now() / 1000),
    metadata: metadataOf(body),
  }
  refunds.set(refund.id, refund)
  stripeRefunds.push({
    id: refund.id,
    payment_intent: refund.payment_intent,
    amount,
    currency: paid.currency,
  })
  return { status: 200, json: { ...refund } }
}

function chargeJson(ch: FakeCharge | undefined) {
  if (!ch) return undefined
  return {
    id: ch.id,
    object: 'charge',
    amount: ch.amount,
    amount_captured: ch.amount,
    amount_refunded: ch.refunded,
    captured: true,
    paid: true,
    refunded: ch.refunded >= ch.amount,
    currency: ch.currency,
    status: 'succeeded',
    payment_intent: null,
  }
}

/**
 * A new PaymentIntent confirmed at once on a saved card (an off-session charge). Stripe needs the customer
 * the payment method is attached to; a card that wants the buyer to authenticate answers 402.
 */
function createPaymentIntent(body: Record<string, string>): FakeAnswer {
  const amount = Number(body.amount)
  if (!Number.isInteger(amount) || amount <= 0) {
    return stripeError(400, 'invalid_request_error', 'Invalid positive integer', 'parameter_invalid_integer')
  }
  if (body.confirm !== 'true' || !body.payment_method) {
    return stripeError(400, 'invalid_request_error', 'Homebound confirms on a saved payment method.')
  }
  if (body.off_session === 'true' && !body.customer) {
    return stripeError(400, 'invalid_request_error', 'off_session needs the customer of the payment method.')
  }
  if (authenticationRequired.has(body.payment_method)) {
    return stripeError(
      402,
      'card_error',
      'Your card was declined. This transaction requires authentication.',
      'authentication_required',
    )
  }
  const pi: FakePaymentIntent = {
    id: nextId('pi'),
    amount,
    currency: body.currency ?? 'eur',
    refunded: 0,
    latestCharge: nextId('ch'),
    customer: body.customer ?? null,
    paymentMethod: body.payment_method,
    status: nextChargeStatus,
    metadata: metadataOf(body),
  }
  paymentIntents.set(pi.id, pi)
  stripeCharges.push({ id: pi.id, amount, currency: pi.currency, customer: pi.customer })
  return { status: 200, json: piJson(pi) }
}

function createCoupon(body: Record<string, string>): FakeAnswer {
  const coupon = {
    id: nextId('co'),
    object: 'coupon',
    amount_off: body.amount_off ? Number(body.amount_off) : null,
    percent_off: body.percent_off ? Number(body.percent_off) : null,
    currency: body.currency ?? null,
    duration: body.duration,
    max_redemptions: Number(body.max_redemptions),
    redeem_by: Number(body.redeem_by),
    valid: true,
    metadata: metadataOf(body),
  }
  coupons.set(coupon.id, coupon)
  return { status: 200, json: coupon }
}

function createCustomer(body: Record<string, string>): FakeAnswer {
  const customer = {
    id: nextId('cus'),
    object: 'customer' as const,
    email: body.email ?? null,
    created: Math.floor(Date.now() / 1000),
    metadata: metadataOf(body),
  }
  customers.set(customer.id, customer)
  return { status: 200, json: customer }
}

function createPromotionCode(body: Record<string, string>): FakeAnswer {
  const couponId = body['promotion[coupon]'] ?? ''
  if (!coupons.has(couponId)) return missing('coupon', couponId)
  // Stripe refuses a code for a customer it does not have.
  if (body.customer !== undefined && !customers.has(body.customer)) return missing('customer', body.customer)
  const promo = {
    id: nextId('promo'),
    object: 'promotion_code',
    code: body.code ?? nextId('CODE'),
    promotion: { type: 'coupon', coupon: couponId },
    max_redemptions: Number(body.max_redemptions),
    expires_at: Number(body.expires_at),
    customer: body.customer ?? null,
    active: true,
    times_redeemed: 0,
    metadata: metadataOf(body),
  }
  promotionCodes.set(promo.id, promo)
  return { status: 200, json: promo }
}

function listRefunds(query: Record<string, string>): FakeAnswer {
  const limit = Math.min(Number(query.limit ?? 10), 100)
  const all = [...refunds.values()]
    .filter((r) => !query.payment_intent || r.payment_intent === query.payment_intent)
    .filter((r) => !query.charge || r.charge === query.charge)
    .reverse() // newest first, as Stripe lists
  return {
    status: 200,
    json: {
      object: 'list',
      url: '/v1/refunds',
      has_more: all.length > limit,
      data: all.slice(0, limit).map((r) => ({ ...r })),
    },
  }
}

function route(method: string, path: string, query: Record<string, string>, body: Record<string, string>) {
  const m = /^\/v1\/([a-z_]+)(?:\/([^/]+))?$/.exec(path)
  const [, resource, id] = m ?? []
  if (method === 'POST' && !id) {
    if (resource === 'refunds') return createRefund(body)
    if (resource === 'payment_intents') return createPaymentIntent(body)
    if (resource === 'coupons') return createCoupon(body)
    if (resource === 'promotion_codes') return createPromotionCode(body)
    if (resource === 'customers') return createCustomer(body)
  }
  if (method === 'GET' && id) {
    const found =
      resource === 'refunds'
        ? refunds.get(id)
        : resource === 'coupons'
          ? coupons.get(id)
          : resource === 'promotion_codes'
            ? promotionCodes.get(id)
            : resource === 'customers'
              ? customers.get(id)
              : resource === 'payment_intents'
                ? piJson(paymentIntents.get(id))
                : resource === 'charges'
                  ? chargeJson(charges.get(id))
                  : undefined
    if (!found) return missing(resource?.replace(/s$/, '') ?? 'resource', id)
    return { status: 200, json: { ...found } }
  }
  if (method === 'GET' && resource === 'refunds') return listRefunds(query)
  if (method === 'GET' && resource === 'payment_intents') {
    const limit = Math.min(Number(query.limit ?? 10), 100)
    const all = [...paymentIntents.values()]
      .filter((p) => !query.customer || p.customer === query.customer)
      .reverse()
    return {
      status: 200,
      json: {
        object: 'list',
        url: '/v1/payment_intents',
        has_more: all.length > limit,
        data: all.slice(0, limit).map(piJson),
      },
    }
  }
  if (method === 'GET' && resource === 'customers') {
    // Stripe's email filter is exact and case-sensitive; newest first.
    const limit = Math.min(Number(query.limit ?? 10), 100)
    const all = [...customers.values()].filter((c) => !query.email || c.email === query.email).reverse()
    return {
      status: 200,
      json: { object: 'list', url: '/v1/customers', has_more: all.length > limit, data: all.slice(0, limit) },
    }
  }
  if (method === 'GET' && resource === 'promotion_codes') {
    const data = [...promotionCodes.values()].filter((p) => !query.code || p.code === query.code).reverse()
    return { status: 200, json: { object: 'list', url: '/v1/promotion_codes', has_more: false, data } }
  }
  return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`)
}

function piJson(pi: FakePaymentIntent | undefined) {
  if (!pi) return undefined
  return {
    id: pi.id,
    object: 'payment_intent',
    amount: pi.amount,
    amount_received: pi.amount,
    currency: pi.currency,
    status: pi.status,
    latest_charge: pi.latestCharge,
    customer: pi.customer,
    payment_method: pi.paymentMethod,
    metadata: pi.metadata ?? {},
    cancellation_reason: pi.status === 'canceled' ? (pi.cancellationReason ?? null) : null,
    last_payment_error: pi.lastPaymentError
      ? {
          type: 'card_error',
          ...pi.lastPaymentError,
          // What Stripe sends along, which we must never store.
          payment_method: { id: pi.paymentMethod, card: { last4: '4242', exp_month: 1, exp_year: 2030 } },
        }
      : null,
  }
}

/**
 * The fake: one request in, Stripe's answer out. Records the request, applies a queued failure, checks
 * the key, and replays a repeated Idempotency-Key on a POST.
 */
export function handleStripeRequest(req: {
  method: string
  url: URL
  headers: { get(name: string): string | null }
  rawBody: string
}): FakeAnswer {
  const method = req.method.toUpperCase()
  const path = req.url.pathname
  const query = Object.fromEntries(req.url.searchParams)
  const body = Object.fromEntries(new URLSearchParams(req.rawBody))
  const key = req.headers.get('idempotency-key')
  const recorded: RecordedStripeRequest = {
    method,
    path,
    query,
    authorization: req.headers.get('authorization'),
    idempotencyKey: key,
    body,
    replayed: false,
  }
  stripeRequests.push(recorded)
  if (!recorded.authorization?.startsWith('Bearer sk_')) {
    return stripeError(401, 'invalid_request_error', 'Invalid API Key provided.')
  }
  if (method === 'POST' && !key) {
    return stripeError(400, 'invalid_request_error', 'Homebound always sends an Idempotency-Key.')
  }
  const failureAt = failures.findIndex((f) => !f.path || f.path === path)
  if (failureAt >= 0) {
    const [failure] = failures.splice(failureAt, 1)
    return stripeError(failure!.status, failure!.type, failure!.message, failure!.code)
  }
  if (method !== 'POST') return route(method, path, query, body)

  const seen = idempotent.get(`${path}:${key}`)
  if (seen) {
    if (seen.body !== req.rawBody) {
      return stripeError(
        400,
        'idempotency_error',
        'Keys for idempotent requests can only be used with the same parameters they were first used with.',
      )
    }
    recorded.replayed = true
    return { ...seen.answer, headers: { 'idempotent-replayed': 'true' } }
  }
  const answer = route(method, path, query, body)
  // Stripe saves the first answer of a request that began executing, for 24 hours: a success or a
  // refusal made while executing. Requests that failed validation (invalid_request_error) and 5xx
  // answers are not saved, so the same key may be tried again.
  const type = (answer.json as { error?: { type?: string } }).error?.type
  if (answer.status < 500 && type !== 'invalid_request_error') {
    idempotent.set(`${path}:${key}`, { body: req.rawBody, answer })
  }
  return answer
}

export const stripeHandlers = [
  http.all(new RegExp(`^${BASE.replace(/\./g, '\\.')}/v1/`), async ({ request }) => {
    const answer = handleStripeRequest({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      rawBody: request.method === 'GET' ? '' : await request.text(),
    })
    return HttpResponse.json(answer.json as Record<string, unknown>, {
      status: answer.status,
      ...(answer.headers ? { headers: answer.headers } : {}),
    })
  }),
]

export const fakeStripe = {
  /** A captured payment the fake will refund against. */
  addPaymentIntent(p: {
    id: string
    amount: number
    currency: string
    customer?: string | null
    paymentMethod?: string | null
  }) {
    paymentIntents.set(p.id, {
      id: p.id,
      amount: p.amount,
      currency: p.currency.toLowerCase(),
      refunded: 0,
      latestCharge: `ch_${p.id.replace(/^pi_/, '')}`,
      customer: p.customer ?? null,
      paymentMethod: p.paymentMethod ?? null,
      status: 'succeeded',
    })
  },
  /** A captured Charge of an older integration (Charges API, `ch_…`, no PaymentIntent) to refund against. */
  addLegacyCharge(c: { id: string; amount: number; currency: string }) {
    charges.set(c.id, { id: c.id, amount: c.amount, currency: c.currency.toLowerCase(), refunded: 0 })
  },
  /** A Charge as Stripe's API shows it (amount_refunded counts what was refunded of it). */
  legacyCharge(id: string) {
    return chargeJson(charges.get(id))
  },
  /** A customer Stripe already has (a buyer who paid through Stripe before); returns its id. */
  addCustomer(c: { email: string; id?: string }) {
    const id = c.id ?? nextId('cus')
    customers.set(id, { id, object: 'customer', email: c.email, created: Math.floor(Date.now() / 1000) })
    return id
  },
  /** The customers the fake holds, oldest first. */
  customers() {
    return [...customers.values()].map((c) => ({ ...c }))
  },
  /** This saved card needs the buyer to authenticate: an off-session charge on it is declined (402). */
  requireAuthentication(paymentMethod: string) {
    authenticationRequired.add(paymentMethod)
  },
  /** The next request (to `path` when given, else any) answers with this error instead. */
  failNext(f: Failure) {
    failures.push(f)
  },
  /** The status refunds are created with from now on (Stripe answers `pending` for some methods). */
  createRefundsAs(status: FakeRefund['status']) {
    nextRefundStatus = status
  },
  /** The status off-session charges are confirmed into from now on (`processing`: a debit still running). */
  createChargesAs(status: typeof nextChargeStatus) {
    nextChargeStatus = status
  },
  /**
   * A PaymentIntent changed at Stripe (a processing charge succeeded, its attempt failed and it went
   * back to `requires_payment_method` with Stripe's error, or it was canceled with a
   * `cancellation_reason`). Returns it as Stripe's API and events show it.
   */
  updatePaymentIntent(
    id: string,
    change: {
      status?: string
      amount?: number
      lastPaymentError?: FakePaymentIntent['lastPaymentError']
      cancellationReason?: string | null
    },
  ) {
    const pi = paymentIntents.get(id)
    if (!pi) throw new Error(`fake Stripe has no PaymentIntent ${id}`)
    if (change.status !== undefined) pi.status = change.status
    if (change.cancellationReason !== undefined) pi.cancellationReason = change.cancellationReason
    if (change.amount !== undefined) pi.amount = change.amount
    if (change.lastPaymentError !== undefined) pi.lastPaymentError = change.lastPaymentError
    return piJson(pi)!
  },
  /** A PaymentIntent made outside our charge call (in the dashboard, a second charge), as Stripe holds it. */
  addCharge(p: {
    amount: number
    currency: string
    customer: string
    status?: string
    metadata?: Record<string, string>
  }) {
    const pi: FakePaymentIntent = {
      id: nextId('pi'),
      amount: p.amount,
      currency: p.currency.toLowerCase(),
      refunded: 0,
      latestCharge: nextId('ch'),
      customer: p.customer,
      paymentMethod: null,
      status: p.status ?? 'succeeded',
      metadata: p.metadata ?? {},
    }
    paymentIntents.set(pi.id, pi)
    return piJson(pi)!
  },
  paymentIntent(id: string) {
    return piJson(paymentIntents.get(id))
  },
  /** A refund changed at Stripe after it was created (it succeeded, failed or was canceled). */
  updateRefund(id: string, change: Partial<Pick<FakeRefund, 'status' | 'failure_reason' | 'amount'>>) {
    const r = refunds.get(id)
    if (!r) throw new Error(`fake Stripe has no refund ${id}`)
    Object.assign(r, change)
    if (change.status === 'failed' || change.status === 'canceled') {
      const paid = r.payment_intent ? paymentIntents.get(r.payment_intent) : charges.get(r.charge)
      if (paid) paid.refunded -= r.amount
    }
    return { ...r }
  },
  /** A refund made outside Homebound (in the Stripe dashboard, by another app) on a PaymentIntent. */
  addRefund(r: { paymentIntent: string; amount: number; metadata?: Record<string, string> }) {
    const pi = paymentIntents.get(r.paymentIntent)
    if (!pi) throw new Error(`fake Stripe has no PaymentIntent ${r.paymentIntent}`)
    pi.refunded += r.amount
    const refund: FakeRefund = {
      id: nextId('re'),
      object: 'refund',
      amount: r.amount,
      currency: pi.currency,
      payment_intent: pi.id,
      charge: pi.latestCharge,
      status: 'succeeded',
      reason: null,
      created: Math.floor(Date.now() / 1000),
      metadata: r.metadata ?? {},
    }
    refunds.set(refund.id, refund)
    stripeRefunds.push({ id: refund.id, payment_intent: pi.id, amount: r.amount, currency: pi.currency })
    return { ...refund }
  },
  refund(id: string): FakeRefund | undefined {
    const r = refunds.get(id)
    return r ? { ...r } : undefined
  },
  reset() {
    paymentIntents.clear()
    charges.clear()
    refunds.clear()
    coupons.clear()
    promotionCodes.clear()
    customers.clear()
    idempotent.clear()
    failures.length = 0
    nextRefundStatus = 'succeeded'
    nextChargeStatus = 'succeeded'
    stripeRequests.length = 0
    stripeRefunds.length = 0
    stripeCharges.length = 0
    authenticationRequired.clear()
  },
}
