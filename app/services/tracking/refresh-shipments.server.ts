import { db } from '#db/client'
import * as shipments from '#db/queries/shipments'
import { listShopIds } from '#db/queries/shops'
import { isCarrierCode } from '#app/domain/tracking/carriers'
import { getLogger } from '#app/logger.server'
import { getCarrier } from '#integrations/carriers'
import { EasypostError } from '#integrations/carriers/easypost'
import { applyCarrierEvents } from './apply-carrier-events.server'

const RETRY_AFTER_FAILURE_MS = 20 * 60_000

/**
 * With a provider that pushes webhooks, a poll is only the safety net for a missed one: after any update
 * the parcel is asked about again this much later.
 */
export const WEBHOOK_SAFETY_NET_MS = 6 * 60 * 60_000

export interface RefreshResult {
  polled: number
  newEvents: number
  failed: number
}

/**
 * Asks the carrier about every active parcel whose next poll is due (per shop, at most `limit` in all)
 * and appends what is new. One parcel's failure postpones only that parcel.
 */
export async function refreshDueShipments(input: { now: Date; limit: number }): Promise<RefreshResult> {
  const carrier = getCarrier()
  const log = getLogger().child({ component: 'refresh-shipments' })
  const result: RefreshResult = { polled: 0, newEvents: 0, failed: 0 }
  let budget = input.limit
  for (const { id: shopId } of await listShopIds(db)) {
    if (budget <= 0) break
    const due = await shipments.listDueShipments(db, { shopId, now: input.now, limit: budget })
    budget -= due.length
    for (const s of due) {
      try {
        const refreshed = await refreshShipment({ shopId, shipment: s, now: input.now, carrier })
        result.polled++
        result.newEvents += refreshed?.newEvents ?? 0
      } catch (err) {
        result.failed++
        log.warn({ err, shipmentId: s.id }, 'carrier refresh failed; will retry later')
        // A rate limit says when to come back; otherwise the usual pause.
        const retryAfter = retryAfterMsOf(err) ?? RETRY_AFTER_FAILURE_MS
        await shipments.postponeShipmentPoll(
          db,
          shopId,
          s.id,
          new Date(input.now.getTime() + Math.max(retryAfter, 60_000)),
        )
      }
    }
  }
  return result
}

function retryAfterMsOf(err: unknown): number | undefined {
  return err instanceof EasypostError ? err.details.retryAfterMs : undefined
}

async function refreshShipment(input: {
  shopId: string
  shipment: {
    id: string
    carrier: string
    tracking_number: string
    shipped_at: Date
    external_tracker_id: string | null
    kind: string
  }
  now: Date
  carrier: ReturnType<typeof getCarrier>
}) {
  const { shipment } = input
  if (!isCarrierCode(shipment.carrier)) throw new Error(`Unsupported carrier code ${shipment.carrier}`)
  const snapshot = await input.carrier.track({
    carrier: shipment.carrier,
    trackingNumber: shipment.tracking_number,
    shippedAt: shipment.shipped_at,
    now: input.now,
    externalTrackerId: shipment.external_tracker_id,
    kind: shipment.kind === 'return' ? 'return' : shipment.kind === 'replacement' ? 'replacement' : 'order',
  })
  // The first poll creates the provider's tracker: remember it, so later polls fetch it and its
  // webhooks find this shipment.
  if (snapshot.externalTrackerId && snapshot.externalTrackerId !== shipment.external_tracker_id) {
    await shipments.setShipmentTracker(db, input.shopId, shipment.id, snapshot.externalTrackerId)
  }
  return applyCarrierEvents({
    shopId: input.shopId,
    shipmentId: shipment.id,
    source: input.carrier.name,
    events: snapshot.events,
    estimatedDelivery: snapshot.estimatedDelivery,
    now: input.now,
    pollAfterMs: input.carrier.webhooks ? WEBHOOK_SAFETY_NET_MS : undefined,
  })
}
