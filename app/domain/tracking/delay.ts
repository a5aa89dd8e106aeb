// Is this parcel late, and what should the buyer be told? A parcel is in trouble when the carrier
// reports an exception, a return or a loss; when it has gone quiet for longer than is normal for its
// carrier (counting business hours only, since carriers do not scan at weekends) — "stalled", and
// after the carrier's own give-up period, "lost"; when the date the buyer was given (the shop's promise,
// else the carrier's first estimate) has passed, or the carrier has moved its estimate past that date —
// "late"; and when a delivery attempt failed — "at risk", reported ahead of lateness because the buyer
// can act on it (be home, or rebook). Otherwise worse problems win. A parcel waiting at a
// pickup point has arrived: it is neither stalled nor late, whatever the estimate said.
// "Likely late" (at risk, reason 'predicted_late'): otherwise on time, but our own history of the
// carrier and route predicts arrival on a day after the date the buyer was given, and that date is
// close enough (`likelyLateWithinHours`) for the warning to be useful rather than alarming.
import { addBusinessDays, businessHoursBetween } from './business-time'
import type { CarrierProfile } from './carriers'
import type { ShipmentState } from './shipment-state'
import type { ExceptionReason } from './status'

export const DELAY_LEVELS = ['on_time', 'at_risk', 'late', 'stalled', 'exception', 'lost'] as const
export type DelayLevel = (typeof DELAY_LEVELS)[number]

/** Higher is worse. Used to decide which of two problems the buyer hears about. */
export const DELAY_SEVERITY: Record<DelayLevel, number> = {
  on_time: 0,
  at_risk: 1,
  late: 2,
  stalled: 3,
  exception: 4,
  lost: 5,
}

export type DelayReason =
  | 'on_track'
  | 'delivered'
  | 'awaiting_pickup'
  | 'failed_attempt'
  | 'predicted_late'
  | 'eta_revised'
  | 'eta_passed'
  | 'not_picked_up'
  | 'no_scan'
  | 'exception'
  | 'returned_to_sender'
  | 'lost_by_carrier'
  | 'no_scan_lost'

export interface DelayInput {
  state: Pick<ShipmentState, 'status' | 'statusDetail' | 'lastEventAt'>
  shippedAt: Date
  /** The delivery date the shop promised at checkout, if any. */
  promisedBy: Date | null
  /** The carrier's first estimate. */
  originalEta: Date | null
  /** The carrier's latest estimate. */
  currentEta: Date | null
  profile: Pick<CarrierProfile, 'normalScanGapBusinessHours' | 'lostAfterBusinessDays'>
  now: Date
  /** Our own prediction from the carrier's and route's history (median arrival), if any. */
  predictedEta?: Date | null
  /** Warn "likely late" only this close to the date the buyer was given (default 72 hours). */
  likelyLateWithinHours?: number
}

export interface DelayAssessment {
  level: DelayLevel
  reason: DelayReason
  /** Exception sub-reason, when reason is 'exception'. */
  detail: ExceptionReason | null
  /** The date the buyer was originally given (promise or first estimate). */
  expectedBy: Date | null
  /** The new expected delivery date, when one is known. */
  newDate: Date | null
  /** Time of the last scan, when the parcel has gone quiet. */
  silentSince: Date | null
  /** When a stalled parcel will be treated as lost if nothing moves. */
  escalatesAt: Date | null
}

const DAY = 86_400_000

function endOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + DAY - 1)
}

function laterDay(a: Date, b: Date): boolean {
  return endOfUtcDay(a).getTime() > endOfUtcDay(b).getTime()
}

function futureOrNull(d: Date | null, now: Date): Date | null {
  return d && endOfUtcDay(d).getTime() >= now.getTime() ? d : null
}

/** Assesses a parcel's delay level at `now`. Pure; same input, same answer. */
export function assessDelay(input: DelayInput): DelayAssessment {
  const { state, now, profile } = input
  const expectedBy = input.promisedBy ?? input.originalEta
  const base = { detail: null, expectedBy, newDate: null, silentSince: null, escalatesAt: null }

  switch (state.status) {
    case 'delivered':
      return { ...base, level: 'on_time', reason: 'delivered' }
    case 'returned_to_sender':
      return { ...base, level: 'exception', reason: 'returned_to_sender' }
    case 'lost':
      return { ...base, level: 'lost', reason: 'lost_by_carrier', silentSince: state.lastEventAt }
    case 'available_for_pickup':
      // It has arrived; only the buyer can move it now. Not a delay, whatever the estimate said.
      return { ...base, level: 'on_time', reason: 'awaiting_pickup' }
    case 'exception':
      return {
        ...base,
        level: 'exception',
        reason: 'exception',
        detail: state.statusDetail ?? 'other',
        newDate: futureOrNull(input.currentEta, now),
      }
    default:
      break
  }

  // Silence.
  const since = state.lastEventAt ?? input.shippedAt
  const quietHours = businessHoursBetween(since, now)
  if (quietHours >= profile.lostAfterBusinessDays * 24) {
    return { ...base, level: 'lost', reason: 'no_scan_lost', silentSince: since }
  }
  if (quietHours > profile.normalScanGapBusinessHours) {
    return {
      ...base,
      level: 'stalled',
      reason: state.status === 'pre_transit' ? 'not_picked_up' : 'no_scan',
      silentSince: since,
      escalatesAt: addBusinessDays(since, profile.lostAfterBusinessDays),
    }
  }

  // A missed delivery is the most useful thing to tell, even past the estimate: the buyer can act on it.
  if (state.status === 'failed_attempt') {
    return {
      ...base,
      level: 'at_risk',
      reason: 'failed_attempt',
      newDate: futureOrNull(input.currentEta, now),
    }
  }

  // Lateness against what the buyer was told.
  if (expectedBy && input.currentEta && laterDay(input.currentEta, expectedBy)) {
    return { ...base, level: 'late', reason: 'eta_revised', newDate: input.currentEta }
  }
  const deadline = input.currentEta ?? expectedBy
  if (deadline && now.getTime() > endOfUtcDay(deadline).getTime()) {
    return { ...base, level: 'late', reason: 'eta_passed' }
  }

  const predicted = input.predictedEta ?? null
  if (
    predicted &&
    expectedBy &&
    laterDay(predicted, expectedBy) &&
    endOfUtcDay(expectedBy).getTime() - now.getTime() <= (input.likelyLateWithinHours ?? 72) * 3_600_000
  ) {
    return { ...base, level: 'at_risk', reason: 'predicted_late', newDate: predicted }
  }

  return { ...base, level: 'on_time', reason: 'on_track', newDate: futureOrNull(input.currentEta, now) }
}
