import { db } from '#db/client'
import * as shipments from '#db/queries/shipments'
import * as deliveries from '#db/queries/webhook-deliveries'
import { getLogger } from '#app/logger.server'
import { getCarrier } from '#integrations/carriers'
import { applyCarrierEvents } from './apply-carrier-events.server'
import { WEBHOOK_SAFETY_NET_MS } from './refresh-shipments.server'

export type ReceiveWebhookResult =
  | {
      ok: true
      outcome: 'applied' | 'duplicate' | 'ignored' | 'unknown_tracker'
      newEvents: number
    }
  | { ok: false; code: 'not_found' | 'unauthorized' | 'malformed'; message: string }

/**
 * Takes one carrier webhook delivery: checks its signature over the raw body (nothing is written for a
 * bad one), skips a delivery already taken, finds the shipments of the tracker (and so their shop), and
 * appends the tracker's scans through applyCarrierEvents, which skips scans already stored and recomputes
 * the state from every scan, so copies and out-of-order deliveries converge on the same status.
 *
 * The delivery is recorded after the scans are applied: if the process dies in between, the provider's
 * retry applies them again (a no-op) and is recorded then; recording first would lose the scans.
 */
export async function receiveCarrierWebhook(input: {
  provider: string
  rawBody: string
  headers: Headers
  now?: Date
}): Promise<ReceiveWebhookResult> {
  const now = input.now ?? new Date()
  const log = getLogger().child({ component: 'carrier-webhook', provider: input.provider })
  const carrier = getCarrier()
  if (input.provider !== carrier.name || !carrier.webhooks) {
    return { ok: false, code: 'not_found', message: 'No webhooks for this carrier here' }
  }

  const received = carrier.webhooks.receive({ rawBody: input.rawBody, headers: input.headers })
  if (!received.ok) {
    if (received.reason === 'bad_signature') {
      log.warn('webhook refused: signature missing or wrong')
      return { ok: false, code: 'unauthorized', message: 'Invalid signature' }
    }
    return { ok: false, code: 'malformed', message: 'Not a webhook event we can read' }
  }
  const { update } = received
  const key = { provider: input.provider, deliveryId: update.deliveryId }
  if (await deliveries.webhookDeliveryExists(db, key)) {
    return { ok: true, outcome: 'duplicate', newEvents: 0 }
  }

  const snapshot = update.snapshot
  if (!snapshot || !snapshot.externalTrackerId) {
    await deliveries.recordWebhookDelivery(db, {
      ...key,
      shopId: null,
      payload: update.payload,
      receivedAt: now,
    })
    return { ok: true, outcome: 'ignored', newEvents: 0 }
  }

  const owners = await shipments.findShipmentsForTracker(db, {
    trackerId: snapshot.externalTrackerId,
    trackingNumber: snapshot.trackingNumber,
  })
  if (owners.length === 0) {
    // Not one of ours (another app on the same EasyPost account, or a shipment since deleted). Answered
    // 200 so EasyPost does not retry it for days.
    log.info({ trackerId: snapshot.externalTrackerId }, 'webhook for a tracker we do not know')
    await deliveries.recordWebhookDelivery(db, {
      ...key,
      shopId: null,
      payload: update.payload,
      receivedAt: now,
    })
    return { ok: true, outcome: 'unknown_tracker', newEvents: 0 }
  }

  let newEvents = 0
  for (const owner of owners) {
    if (owner.external_tracker_id !== snapshot.externalTrackerId) {
      await shipments.setShipmentTracker(db, owner.shop_id, owner.id, snapshot.externalTrackerId)
    }
    const applied = await applyCarrierEvents({
      shopId: owner.shop_id,
      shipmentId: owner.id,
      source: input.provider,
      events: snapshot.events,
      estimatedDelivery: snapshot.estimatedDelivery,
      now,
      pollAfterMs: WEBHOOK_SAFETY_NET_MS,
    })
    newEvents += applied?.newEvents ?? 0
  }
  await deliveries.recordWebhookDelivery(db, {
    ...key,
    shopId: owners[0]!.shop_id,
    payload: update.payload,
    receivedAt: now,
  })
  return { ok: true, outcome: 'applied', newEvents }
}
