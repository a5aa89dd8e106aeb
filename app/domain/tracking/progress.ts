// The buyer's progress bar: four steps every parcel goes through (label created, on its way, out for
// delivery, delivered). Side roads (a failed attempt, an exception, a return to sender) keep the step
// the parcel had reached and mark it as needing attention instead of pretending it moved on.
import type { TrackingEvent, TrackingStatus } from './status'

export const PROGRESS_STEPS = ['label_created', 'in_transit', 'out_for_delivery', 'delivered'] as const
export type ProgressStep = (typeof PROGRESS_STEPS)[number]

export interface Progress {
  /** Index into PROGRESS_STEPS of the furthest step reached. */
  reached: number
  /** The reached step has a problem (failed attempt, exception, return, lost). */
  attention: boolean
  /** The parcel is going back to the merchant: the bar stops and says so. */
  returning: boolean
}

const STEP_OF: Record<TrackingStatus, number> = {
  pre_transit: 0,
  unknown: 0,
  in_transit: 1,
  exception: 1,
  lost: 1,
  returned_to_sender: 1,
  out_for_delivery: 2,
  failed_attempt: 2,
  available_for_pickup: 2,
  delivered: 3,
}

export function computeProgress(
  currentStatus: TrackingStatus,
  events: readonly Pick<TrackingEvent, 'status'>[],
): Progress {
  const reachedBefore = events.reduce((max, e) => {
    // Returns and losses do not move the bar; only forward scans do.
    if (e.status === 'returned_to_sender' || e.status === 'lost' || e.status === 'exception') return max
    return Math.max(max, STEP_OF[e.status])
  }, 0)
  // Only a delivery completes the bar; any other status tops out at "out for delivery".
  const reached = currentStatus === 'delivered' ? 3 : Math.min(reachedBefore, 2)
  return {
    reached,
    attention: ['failed_attempt', 'exception', 'returned_to_sender', 'lost'].includes(currentStatus),
    returning: currentStatus === 'returned_to_sender',
  }
}
