// The carrier interface. Adapters (sandbox simulator now, EasyPost later) speak to a carrier and return
// normalized domain types; nothing carrier-specific crosses into services.
import type { CarrierCode } from '#app/domain/tracking/carriers'
import type { TrackingEvent } from '#app/domain/tracking/status'

export interface CarrierEvent extends TrackingEvent {
  /** Stable identity of this scan at the carrier: the same scan fetched twice has the same key. */
  dedupeKey: string
}

export interface TrackRequest {
  carrier: CarrierCode
  trackingNumber: string
  /** When the parcel was handed over (the simulator anchors its script here). */
  shippedAt: Date
  /** The clock to read the carrier at (tests and the seed pass a fixed one). */
  now: Date
}

export interface TrackingSnapshot {
  carrier: CarrierCode
  trackingNumber: string
  /** Every scan the carrier reports up to `now`, in any order. */
  events: CarrierEvent[]
  /** The carrier's current estimated delivery, or null when it gives none. */
  estimatedDelivery: Date | null
}

export interface Carrier {
  readonly name: 'sandbox' | 'easypost'
  track(request: TrackRequest): Promise<TrackingSnapshot>
}
