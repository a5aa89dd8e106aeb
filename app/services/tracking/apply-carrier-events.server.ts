import { db } from '#db/client'
import { findNoticeSettings, findTransitStats } from '#db/queries/notices'
import * as shipments from '#db/queries/shipments'
import { readNoticeSettings, withThresholds } from '#app/domain/notices/settings'
import { carrierProfile } from '#app/domain/tracking/carriers'
import { assessDelay } from '#app/domain/tracking/delay'
import { predictDelivery, transitBusinessDays } from '#app/domain/tracking/prediction'
import { computeShipmentState } from '#app/domain/tracking/shipment-state'
import type { CarrierEvent } from '#integrations/carriers/carrier'
import { applyReturnParcelProgress } from '#app/services/returns/return-parcel.server'

const MINUTE = 60_000
/** Transit history older than this no longer describes how the carrier performs. */
const HISTORY_DAYS = 120

/** How soon to ask the carrier again: parcels close to the door change faster. */
export function nextPollDelayMs(status: string): number {
  if (status === 'out_for_delivery' || status === 'failed_attempt') return 15 * MINUTE
  if (status === 'pre_transit') return 60 * MINUTE
  return 30 * MINUTE
}

export interface ApplyResult {
  newEvents: number
  status: string
  delayLevel: string
  levelChanged: boolean
}

/**
 * Appends a carrier's scans to a shipment and recomputes its status, ETA and delay level, in one
 * transaction. Idempotent: scans already stored are skipped (unique dedupe key), and scans may arrive in
 * any order — the state is recomputed from every stored scan.
 */
export async function applyCarrierEvents(input: {
  shopId: string
  shipmentId: string
  source: string
  events: CarrierEvent[]
  estimatedDelivery: Date | null
  now: Date
  /**
   * When to ask the carrier next, instead of the status-based default. A provider that pushes
   * webhooks is polled only as a safety net for a missed one.
   */
  pollAfterMs?: number
}): Promise<ApplyResult | null> {
  return db.transaction().execute(async (trx) => {
    const shipment = await shipments.lockShipmentForUpdate(trx, input.shopId, input.shipmentId)
    if (!shipment) return null
    const newEvents = await shipments.insertTrackingEvents(trx, {
      shopId: input.shopId,
      shipmentId: input.shipmentId,
      source: input.source,
      events: input.events,
      at: input.now,
    })
    const stored = await shipments.listShipmentEvents(trx, input.shopId, input.shipmentId)
    const state = computeShipmentState(stored)
    // The first estimate the carrier gave is kept: it is what the buyer was told.
    const originalEta = shipment.original_eta ?? input.estimatedDelivery
    const currentEta = input.estimatedDelivery ?? shipment.current_eta
    const settings = readNoticeSettings((await findNoticeSettings(trx, input.shopId))?.settings)
    const promisedBy = shipment.promised_by ?? shipment.order_promised_by
    // Our own prediction matters only while the parcel moves toward a date the buyer was given.
    const moving = !['delivered', 'returned_to_sender', 'lost'].includes(state.status)
    const prediction =
      moving && (promisedBy ?? originalEta)
        ? predictDelivery(
            await findTransitStats(trx, {
              shopId: input.shopId,
              carrier: shipment.carrier,
              originCountry: shipment.origin_country,
              destinationCountry: shipment.destination_country,
              since: new Date(input.now.getTime() - HISTORY_DAYS * 24 * 60 * MINUTE),
            }),
            shipment.shipped_at,
          )
        : null
    const delay = assessDelay({
      state,
      shippedAt: shipment.shipped_at,
      promisedBy,
      originalEta,
      currentEta,
      profile: withThresholds(carrierProfile(shipment.carrier), settings.thresholds),
      predictedEta: prediction?.expectedAt ?? null,
      likelyLateWithinHours: settings.thresholds.likelyLateWithinHours,
      now: input.now,
    })
    const levelChanged = delay.level !== shipment.delay_level
    await shipments.updateShipmentTracking(trx, input.shopId, input.shipmentId, {
      status: state.status,
      statusDetail: state.statusDetail,
      rawStatus: state.rawStatus,
      originalEta,
      currentEta,
      deliveredAt: state.deliveredAt,
      lastEventAt: state.lastEventAt,
      failedAttempts: state.failedAttempts,
      delayLevel: delay.level,
      delayReason: delay.reason,
      delayLevelChangedAt: levelChanged ? input.now : undefined,
      predictedEta: prediction?.expectedAt ?? null,
      transitBusinessDays:
        state.status === 'delivered' && state.deliveredAt
          ? transitBusinessDays(shipment.shipped_at, state.deliveredAt)
          : null,
      nextPollAt: new Date(input.now.getTime() + (input.pollAfterMs ?? nextPollDelayMs(state.status))),
      polledAt: input.now,
    })
    // A return parcel's scans move its case (on its way back, received) in this same transaction.
    if (shipment.kind === 'return' && shipment.case_id) {
      await applyReturnParcelProgress(trx, {
        shopId: input.shopId,
        caseId: shipment.case_id,
        trackingNumber: shipment.tracking_number,
        events: stored,
        at: input.now,
      })
    }
    return { newEvents, status: state.status, delayLevel: delay.level, levelChanged }
  })
}
