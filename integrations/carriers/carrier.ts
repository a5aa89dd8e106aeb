// The carrier interface. Adapters (the sandbox simulator, EasyPost) speak to a carrier and return
// normalized domain types; nothing carrier-specific crosses into services.
import type { AllowedCarrier } from '#app/domain/labels/label-carriers'
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
  /**
   * What the parcel is: the buyer's order ('order', the default), a return on its way to the shop, or a
   * replacement. The sandbox plays a return's own journey; real carriers need not know.
   */
  kind?: 'order' | 'return' | 'replacement'
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

// ---------------------------------------------------------------------------------------------------
// Return labels

/** An address as a label prints it (the buyer's, or the shop's return address). */
export interface LabelAddress {
  name: string
  line1: string
  line2?: string | null
  city: string
  region?: string | null
  postalCode: string
  /** ISO 3166-1 alpha-2. */
  countryCode: string
  phone?: string | null
  email?: string | null
}

export interface LabelParcel {
  weightGrams: number
  lengthCm: number
  widthCm: number
  heightCm: number
}

export interface ReturnLabelRequest {
  /**
   * One label per key: the same key asked again (a retried job) gets the same label back, never a second
   * one bought.
   */
  idempotencyKey: string
  /** Our reference printed on the label and sent to the carrier: the case number ("R-1042"). */
  reference: string
  /** A reference unique across every shop on the provider account, to find a label asked for before. */
  providerReference: string
  /**
   * The references this case's label was asked for under before (each time staff issued it again after a
   * failure): a label bought under one of them is returned instead of buying another.
   */
  earlierProviderReferences?: readonly string[]
  /** The order the items came in ("#1003"), printed on the label for the shop's warehouse. */
  orderNumber: string
  /** The buyer: where the parcel starts. */
  from: LabelAddress
  /** The shop's return address: where it goes. */
  to: LabelAddress
  parcel: LabelParcel
  items: { title: string; quantity: number }[]
  /** The carriers and services the merchant allows; empty: any carrier we can track. */
  allowedCarriers: AllowedCarrier[]
  /** The buyer hands the parcel in without a printer: ask for the carrier's drop-off QR code. */
  dropOff: boolean
  now: Date
}

export interface ReturnLabel {
  provider: 'sandbox' | 'easypost'
  carrier: CarrierCode
  service: string
  trackingNumber: string
  /** What the label cost, when the provider says. */
  rate: { amountMinor: number; currency: string } | null
  /** The label's files, drawn by the provider already or to be drawn when first downloaded. */
  files: ReturnLabelFiles
  providerShipmentId: string
  /** The provider's tracker of the return parcel (EasyPost `trk_…`): its webhooks then find the parcel. */
  trackerId: string | null
  /** When the carrier's first scan is expected, if the provider knows (the sandbox does): poll then. */
  firstScanExpectedAt: Date | null
}

/** A label's files: the PDF to print and the carrier's drop-off QR code as a PNG, when it offers one. */
export interface DrawnReturnLabel {
  pdf: Uint8Array
  qrPng: Uint8Array | null
}

/**
 * What a bought label's files are. `drawn`: the provider rendered them when the label was bought
 * (EasyPost), keep the bytes. `drawable`: the label is bought and everything it says is decided (tracking
 * number, service, addresses, items, weight, date, QR payload) and frozen in `spec`, but it is drawn only
 * when someone first asks for it, by the provider that bought it (`drawReturnLabel`), as a carrier's label
 * URL renders a format when first asked for. `spec` is the provider's own JSON: kept as it is and handed
 * back, never read by us. `hasQr`: whether the drawing will include a drop-off QR code.
 */
export type ReturnLabelFiles =
  ({ kind: 'drawn' } & DrawnReturnLabel) | { kind: 'drawable'; spec: LabelSpec; hasQr: boolean }

/** A provider's description of a label it will draw later: plain JSON, opaque outside the provider. */
export type LabelSpec = { readonly [key: string]: unknown }

export type CarrierErrorCode =
  'rate_limited' | 'unavailable' | 'address_rejected' | 'no_allowed_rate' | 'refused' | 'invalid_response'

/**
 * A label that could not be made. `retryable` when trying later may work (the provider was rate limited,
 * down or unreachable); false when it refused the request itself (an address it cannot deliver to, no
 * rate among the allowed carriers). `message` is a plain sentence for support and the buyer's page.
 */
export class CarrierError extends Error {
  constructor(
    readonly code: CarrierErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly details: { status?: number; providerCode?: string; retryAfterMs?: number } = {},
  ) {
    super(message)
    this.name = 'CarrierError'
  }
}

export interface Carrier {
  readonly name: 'sandbox' | 'easypost'
  track(request: TrackRequest): Promise<TrackingSnapshot>
  /** Buys (or finds, for a key asked before) the return label of a case. Throws CarrierError. */
  createReturnLabel(request: ReturnLabelRequest): Promise<ReturnLabel>
  /**
   * Present when the provider's labels come `drawable`: draws the files of a label from the `spec` it
   * gave when the label was bought. The same spec always draws the same label.
   */
  drawReturnLabel?(spec: LabelSpec): Promise<DrawnReturnLabel>
  /** Present when the provider pushes updates (the sandbox does not). */
  readonly webhooks?: CarrierWebhooks
  /**
   * Sandbox only: the parcel's next scripted scan, moved to `request.now`, so a demo need not wait for
   * it; null when the script has nothing more. `known` are the dedupe keys already stored.
   */
  simulateNextScan?(request: TrackRequest & { known: readonly string[] }): CarrierEvent | null
}
