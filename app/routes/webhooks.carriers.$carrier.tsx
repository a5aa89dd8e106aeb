// Carrier webhook ingress (EasyPost today): the raw body goes to the service untouched, because the
// signature is computed over its exact bytes.
import { json, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { receiveCarrierWebhook } from '#app/services/tracking/receive-carrier-webhook.server'

const ParamsSchema = z.object({ carrier: z.string().regex(/^[a-z0-9_-]{1,40}$/) })

const STATUS = { not_found: 404, unauthorized: 401, malformed: 400 } as const

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = ParamsSchema.safeParse(params)
  if (!parsed.success) return json({ error: 'Unknown carrier' }, { status: 404 })
  if (request.method !== 'POST') return json({ error: 'Method not allowed' }, { status: 405 })
  const result = await receiveCarrierWebhook({
    provider: parsed.data.carrier,
    rawBody: await request.text(),
    headers: request.headers,
  })
  if (!result.ok) return json({ error: result.message }, { status: STATUS[result.code] })
  return json({ ok: true, outcome: result.outcome })
}
