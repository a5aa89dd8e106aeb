// What a return parcel's scans mean for its case. The first carrier scan after the label was created
// (the parcel was handed over) puts the case "on its way back"; delivery to the shop's return address
// makes it "received". Scans arrive late, twice or out of order, so this is decided from every scan the
// parcel has, never from the one that just came in: the same scans always give the same answer, and a
// delivery seen before any transit scan still counts as the hand-over. Pure.
import { nextCaseState, type CaseCommand, type CaseState } from './case-state'
import type { TrackingStatus } from '#app/domain/tracking/status'

export interface ReturnParcelProgress {
  /** The carrier has the parcel: any scan beyond the label being created. */
  handedOver: boolean
  /** The carrier delivered it to the shop. */
  delivered: boolean
}

// A label being printed or data sent to the carrier is not the parcel moving.
const NOT_YET_MOVING: readonly TrackingStatus[] = ['pre_transit', 'unknown']

export function returnParcelProgress(events: readonly { status: TrackingStatus }[]): ReturnParcelProgress {
  const delivered = events.some((e) => e.status === 'delivered')
  return {
    handedOver: delivered || events.some((e) => !NOT_YET_MOVING.includes(e.status)),
    delivered,
  }
}

/**
 * The system commands the case takes for the parcel's progress, in order. A case already past a moment
 * (staff marked it received by hand) takes none for it; a case that ended (canceled, closed) takes none.
 */
export function returnParcelCommands(state: CaseState, progress: ReturnParcelProgress): CaseCommand[] {
  const commands: CaseCommand[] = []
  let current = state
  const step = (command: CaseCommand) => {
    const d = nextCaseState(current, command, 'system')
    if (d.kind === 'transition') {
      commands.push(command)
      current = d.to
    }
  }
  if (progress.handedOver) step('scan_return')
  if (progress.delivered) step('receive')
  return commands
}
