// A case's return label as the buyer and staff see it: whether it is coming, ready or failed, the
// carrier and tracking number with a link to the carrier's page, the PDF and drop-off QR code files (a
// sandbox label's drawn on its first download), and
// the return parcel's scans. In the demo (the sandbox carrier) staff can bring the parcel's next scripted
// scan forward, so the first scan, delivery and what they release can be shown without waiting.
import { carrierProfile, carrierTrackingUrl, isCarrierCode } from '#app/domain/tracking/carriers'
import type { ExceptionReason, TrackingStatus } from '#app/domain/tracking/status'
import { db } from '#db/client'
import * as labels from '#db/queries/return-labels'
import { listShipmentEventKeys } from '#db/queries/shipments'
import { drawReturnLabel, getCarrier, type DrawnReturnLabel, type LabelSpec } from '#integrations/carriers'
import { applyCarrierEvents } from '#app/services/tracking/apply-carrier-events.server'

export interface ReturnLabelView {
  /** coming: the label job has not finished; failed: support must act (staff see why). */
  state: 'coming' | 'ready' | 'failed'
  failureMessage: string | null
  label: {
    carrier: string
    carrierName: string
    service: string | null
    trackingNumber: string
    trackingUrl: string | null
    hasQr: boolean
    createdAt: string
    rate: { amountMinor: number; currency: string } | null
  } | null
  parcel: {
    status: TrackingStatus | null
    statusDetail: ExceptionReason | null
    deliveredAt: string | null
    events: {
      occurredAt: string
      status: TrackingStatus
      description: string | null
      location: string | null
    }[]
  } | null
  /** Staff only, with the sandbox carrier, while the script has scans left: the next one can be brought forward. */
  canSimulateScan: boolean
}

/** The label of a case, or null when the case has none coming (nothing travels back). */
export async function getCaseReturnLabel(input: {
  shopId: string
  caseId: string
  forStaff: boolean
}): Promise<ReturnLabelView | null> {
  const { resolution, label } = await labels.findCaseReturnParcel(db, input.shopId, input.caseId)
  if (!resolution && !label) return null
  const state = label ? 'ready' : resolution?.status === 'failed' ? 'failed' : 'coming'
  // Canceled with its case before it was issued: nothing to show.
  if (!label && resolution?.status === 'canceled') return null
  const events = (label?.events ?? []).map((e) => ({
    occurredAt: new Date(e.occurred_at).toISOString(),
    status: e.status as TrackingStatus,
    description: e.description,
    location: e.location,
  }))
  const delivered = label?.status === 'delivered'
  return {
    state,
    failureMessage: state === 'failed' && input.forStaff ? (resolution?.failure_message ?? null) : null,
    label: label
      ? {
          carrier: label.carrier,
          carrierName: carrierProfile(label.carrier).name,
          service: label.service,
          trackingNumber: label.tracking_number,
          trackingUrl: carrierTrackingUrl(label.carrier, label.tracking_number),
          hasQr: label.has_qr,
          createdAt: label.created_at.toISOString(),
          rate:
            label.rate_minor !== null && label.rate_currency
              ? { amountMinor: label.rate_minor, currency: label.rate_currency }
              : null,
        }
      : null,
    parcel: label?.shipment_id
      ? {
          status: (label.status as TrackingStatus | null) ?? null,
          statusDetail: (label.status_detail as ExceptionReason | null) ?? null,
          deliveredAt: label.delivered_at ? label.delivered_at.toISOString() : null,
          events,
        }
      : null,
    canSimulateScan:
      input.forStaff && label?.provider === 'sandbox' && !delivered && !!getCarrier().simulateNextScan,
  }
}

export interface LabelFileDeps {
  /** Draws a label bought undrawn, by the provider that bought it. */
  draw: (provider: string, spec: LabelSpec) => Promise<DrawnReturnLabel>
}

/**
 * The label PDF or QR code PNG of a case; with `orderId` (a buyer's link) only of that order. A label the
 * carrier left undrawn (the sandbox) is drawn now, both files from the spec stored when it was bought, so
 * it says what was decided then, and kept in its row: later downloads serve the stored bytes, and of two
 * first downloads at once, both serve the files the first one stored.
 */
export async function readReturnLabelFile(
  input: { shopId: string; caseNumber: number; orderId?: string; file: 'pdf' | 'qr' },
  deps: LabelFileDeps = { draw: drawReturnLabel },
): Promise<{ bytes: Buffer; filename: string; contentType: string } | null> {
  const row = await labels.findReturnLabelFile(db, input)
  if (!row) return null
  let bytes = row.bytes
  if (!bytes && row.spec && (input.file === 'pdf' || row.has_qr)) {
    const drawn = await deps.draw(row.provider, row.spec as LabelSpec)
    const stored = await labels.storeDrawnReturnLabel(db, {
      shopId: input.shopId,
      labelId: row.id,
      pdf: drawn.pdf,
      qrPng: drawn.qrPng,
    })
    bytes = (input.file === 'pdf' ? stored?.pdf : stored?.qrPng) ?? null
  }
  if (!bytes) return null
  return {
    bytes,
    filename: `return-label-R-${input.caseNumber}.${input.file === 'pdf' ? 'pdf' : 'png'}`,
    contentType: input.file === 'pdf' ? 'application/pdf' : 'image/png',
  }
}

export type SimulateScanResult =
  | { ok: true; status: TrackingStatus; message: string }
  | { ok: false; code: 'not_found' | 'refused'; message: string }

/**
 * Sandbox only: the return parcel's next scripted scan happens now, stored the way a poll stores scans
 * (applyCarrierEvents), so it moves the case and releases what waited for it exactly as a real scan would.
 */
export async function simulateReturnParcelScan(input: {
  shopId: string
  caseNumber: number
  now: Date
}): Promise<SimulateScanResult> {
  const carrier = getCarrier()
  if (!carrier.simulateNextScan) {
    return {
      ok: false,
      code: 'refused',
      message: `Scans come from ${carrier.name}; only the sandbox carrier can bring one forward.`,
    }
  }
  const shipment = await labels.findReturnShipmentForCase(db, input.shopId, input.caseNumber)
  if (!shipment) return { ok: false, code: 'not_found', message: 'This case has no return parcel yet.' }
  if (!isCarrierCode(shipment.carrier)) {
    return { ok: false, code: 'refused', message: `Unknown carrier ${shipment.carrier}.` }
  }
  const known = await listShipmentEventKeys(db, input.shopId, shipment.id)
  const event = carrier.simulateNextScan({
    carrier: shipment.carrier,
    trackingNumber: shipment.tracking_number,
    shippedAt: shipment.shipped_at,
    now: input.now,
    kind: 'return',
    known,
  })
  if (!event) {
    return { ok: false, code: 'refused', message: 'The parcel has no more scans: it has arrived.' }
  }
  await applyCarrierEvents({
    shopId: input.shopId,
    shipmentId: shipment.id,
    source: carrier.name,
    events: [event],
    estimatedDelivery: shipment.current_eta,
    now: input.now,
  })
  return {
    ok: true,
    status: event.status,
    message: `Sandbox scan recorded: ${event.description}.`,
  }
}
