// Stripe webhook ingress: the raw body goes to the service untouched, because the signature is computed
// over its exact bytes. A bad signature is 400 (as Stripe expects) with nothing written; an event type we
// do not act on (or a payment that is not ours) is 200; a refund or charge whose issuing answer is not
// recorded yet is 409, so Stripe sends it again later. The events to subscribe the endpoint to are
// STRIPE_WEBHOOK_EVENTS (refund.updated, refund.failed, charge.refund.updated, payment_intent.succeeded,
// payment_intent.payment_failed, payment_intent.canceled).
import { json, type ActionFunctionArgs } from '@remix-run/node'
import { receiveStripeWebhook } from '#app/services/resolutions/stripe-webhook.server'

const STATUS = { not_configured: 404, bad_signature: 400, malformed: 400, not_recorded_yet: 409 } as const

export function loader() {
  return json({ error: 'Method not allowed' }, { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') {
    return json({ error: 'Method not allowed' }, { status: 405, headers: { Allow: 'POST' } })
  }
  const result = await receiveStripeWebhook({
    rawBody: await request.text(),
    signature: request.headers.get('stripe-signature'),
  })
  if (!result.ok) return json({ error: result.message }, { status: STATUS[result.code] })
  return json({ ok: true, outcome: result.outcome })
}
