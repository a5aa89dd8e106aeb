// The carrier interface. Adapters (the sandbox simulator, EasyPost) speak to a carrier and return
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
  /** The provider's tracker for this parcel when one was created before (EasyPost `trk_…`). */
  externalTrackerId?: string | null
}

export interface TrackingSnapshot {
  carrier: CarrierCode
  trackingNumber: string
  /** Every scan the carrier reports up to `now`, in any order. */
  events: CarrierEvent[]
  /** The carrier's current estimated delivery, or null when it gives none. */
  estimatedDelivery: Date | null
  /** The provider's tracker behind this snapshot, to store and ask again next time (null: none). */
  externalTrackerId: string | null
}

/** A provider's push of a tracker update, after its signature was checked. */
export interface CarrierWebhookUpdate {
  /** The provider's id for this delivery; the same event delivered twice carries the same id. */
  deliveryId: string
  /** What the event is about ("tracker.updated"); only tracker events carry `snapshot`. */
  type: string
  /** The tracker's state in the event, or null for events that are not about a tracker. */
  snapshot: Omit<TrackingSnapshot, 'carrier'> | null
  /** The event as received, for the deliveries log. */
  payload: unknown
}

export type CarrierWebhookResult =
  { ok: true; update: CarrierWebhookUpdate } | { ok: false; reason: 'bad_signature' | 'malformed' }

export interface CarrierWebhooks {
  /** Checks the signature over the raw body first; only a genuine body is parsed. */
  receive(input: { rawBody: string; headers: Headers }): CarrierWebhookResult
}

export interface Carrier {
  readonly name: 'sandbox' | 'easypost'
  track(request: TrackRequest): Promise<TrackingSnapshot>
  /** Present when the provider pushes updates (the sandbox does not). */
  readonly webhooks?: CarrierWebhooks
}
