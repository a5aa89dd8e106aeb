// The normalized tracking model. Every carrier's raw status is mapped onto one of these statuses (its
// original text is kept beside it), so the buyer pages, the delay rules and the notices speak one
// language whatever the carrier.

export const TRACKING_STATUSES = [
  'pre_transit',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'delivered',
  'failed_attempt',
  'exception',
  'returned_to_sender',
  'lost',
  'unknown',
] as const
export type TrackingStatus = (typeof TRACKING_STATUSES)[number]

/** Why an `exception` happened. Only meaningful with status `exception`. */
export const EXCEPTION_REASONS = ['address', 'customs', 'damaged', 'weather', 'other'] as const
export type ExceptionReason = (typeof EXCEPTION_REASONS)[number]

/** Statuses after which a parcel no longer moves: it is not polled and not scanned for delays. */
export const FINAL_STATUSES: readonly TrackingStatus[] = ['delivered', 'returned_to_sender', 'lost']

export function isFinalStatus(status: TrackingStatus): boolean {
  return FINAL_STATUSES.includes(status)
}

/** One normalized carrier scan. */
export interface TrackingEvent {
  occurredAt: Date
  status: TrackingStatus
  /** Exception sub-reason when status is `exception`, else null. */
  detail: ExceptionReason | null
  /** The carrier's own status text or code, unchanged. */
  rawStatus: string
  /** The carrier's human description of the scan (carrier language, usually English). */
  description: string
  /** "Leipzig, DE" style, or null when the carrier gives none. */
  location: string | null
}
