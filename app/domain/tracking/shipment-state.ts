// A shipment's current state is derived from all of its scans, never from the last one that happened
// to arrive: carriers and webhooks deliver scans late and out of order. The latest scan by time wins,
// except that a hand-over (delivered, or returned to the sender) is never undone by a stray hub scan
// stamped after it. "Lost" is not sticky: a scan after it means the parcel was found.
import type { ExceptionReason, TrackingEvent, TrackingStatus } from './status'

const HANDED_OVER: readonly TrackingStatus[] = ['delivered', 'returned_to_sender']

export interface ShipmentState {
  status: TrackingStatus
  statusDetail: ExceptionReason | null
  rawStatus: string | null
  lastEventAt: Date | null
  deliveredAt: Date | null
  failedAttempts: number
}

export const NO_SCANS_YET: ShipmentState = {
  status: 'pre_transit',
  statusDetail: null,
  rawStatus: null,
  lastEventAt: null,
  deliveredAt: null,
  failedAttempts: 0,
}

export function sortEvents<T extends Pick<TrackingEvent, 'occurredAt'>>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
}

/** Folds every known scan of a parcel into its current state. Order of the input does not matter. */
export function computeShipmentState(events: readonly TrackingEvent[]): ShipmentState {
  if (events.length === 0) return NO_SCANS_YET
  const sorted = sortEvents(events)
  let current = sorted[sorted.length - 1]!
  const lastHandOver = sorted.findLast((e) => HANDED_OVER.includes(e.status))
  if (lastHandOver && !HANDED_OVER.includes(current.status)) current = lastHandOver
  const delivered = sorted.find((e) => e.status === 'delivered')
  return {
    status: current.status,
    statusDetail: current.status === 'exception' ? (current.detail ?? 'other') : null,
    rawStatus: current.rawStatus,
    lastEventAt: sorted[sorted.length - 1]!.occurredAt,
    deliveredAt: delivered?.occurredAt ?? null,
    failedAttempts: sorted.filter((e) => e.status === 'failed_attempt').length,
  }
}
