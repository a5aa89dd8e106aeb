// When the buyer gets their money or replacement, as the case page and the case emails say it: read
// from what the case knows now (its policy's timing, its return parcel, how far receiving went, its
// resolutions) and computed by the pure expectedOutcome. Read when shown, so a trigger that slips moves
// the date the next time the buyer looks or is written to.
import { CASE_STATES, type CaseState } from '#app/domain/cases/case-state'
import {
  expectedOutcome,
  type CaseOutcome,
  type CaseProgress,
  type ExpectedKind,
  type ExpectedOutcome,
  type OutcomeStage,
} from '#app/domain/cases/expected-outcome'
import { timingOf, type ResolutionTiming } from '#app/domain/policy/policy'
import {
  RELEASE_MOMENTS,
  isResolutionKind,
  type ReleaseMoment,
  type ResolutionKind,
} from '#app/domain/resolutions/plan'
import { db } from '#db/client'
import { findCaseProgress } from '#db/queries/case-items'

/** The buyer's "what and when", ready to phrase. */
export interface CaseExpectation {
  kind: ExpectedKind
  /** The money's amount (0 for a replacement). */
  amountMinor: number
  currency: string
  moment: ReleaseMoment
  stage: OutcomeStage
  /** When the buyer should have it (ISO); null while held, declined or failed. */
  by: string | null
  /** When its moment came or is expected (ISO). */
  momentBy: string | null
}

export interface CaseOutlook {
  outcome: ExpectedOutcome
  expectation: CaseExpectation | null
  /** An inspection found a problem: nothing is released automatically until staff decide. */
  releaseHeld: boolean
  /** What still waits for its moment (staff may release it now). */
  waiting: WaitingResolution[]
}

export interface WaitingResolution {
  id: string
  kind: ResolutionKind
  amountMinor: number
  currency: string
  releaseOn: ReleaseMoment
}

type ProgressRow = NonNullable<Awaited<ReturnType<typeof findCaseProgress>>>

const date = (v: string | Date | null | undefined) => (v ? new Date(v) : null)

function stageOf(
  row: ProgressRow,
  kind: ExpectedKind | null,
): { stage: OutcomeStage; releasedAt: Date | null; issuedAt: Date | null; amountMinor: number } {
  const r = kind ? row.resolutions.find((x) => x.kind === kind) : undefined
  const held = row.release_held_at !== null
  const base = {
    releasedAt: date(r?.released_at),
    issuedAt: date(r?.issued_at),
    amountMinor: r?.amount_minor ?? row.issued_minor,
  }
  if (!r) return { ...base, stage: row.declined_at ? 'declined' : held ? 'held' : 'waiting' }
  switch (r.status) {
    case 'waiting':
      // Released, and waiting only for the buyer's payment of the price difference: on its way.
      if (r.waiting_for === 'charge') return { ...base, stage: 'released' }
      return { ...base, stage: held ? 'held' : 'waiting' }
    case 'pending':
      return { ...base, stage: r.provider_id ? 'issued' : 'released' }
    case 'succeeded':
      return { ...base, stage: 'issued' }
    case 'failed':
      return { ...base, stage: 'failed' }
    default:
      return { ...base, stage: 'declined' }
  }
}

/** The outlook of a case from its progress row (see findCaseProgress). Pure apart from `now`. */
export function outlookOf(row: ProgressRow, now: Date): CaseOutlook {
  const state = (CASE_STATES as readonly string[]).includes(row.state)
    ? (row.state as CaseState)
    : 'requested'
  const outcome = row.resolution as CaseOutcome
  const timing = timingOf({ timing: (row.timing ?? undefined) as ResolutionTiming | undefined })
  const kind =
    outcome === 'exchange' || outcome === 'reship' ? 'replacement' : (outcome as ExpectedKind | null)
  const s = stageOf(row, kind)
  const parcel = (k: string) => row.parcels.find((p) => p.kind === k)
  const back = parcel('return')
  const replacement = parcel('replacement')
  const progress: CaseProgress = {
    approvedAt: date(row.approved_at),
    returnParcel: back
      ? { firstScanAt: date(back.first_scan_at), deliveredAt: date(back.delivered_at), eta: date(back.eta) }
      : null,
    receivedAt: date(row.received_at),
    inspectedAt:
      row.items.back > 0 && row.items.inspected === row.items.back ? date(row.items.last_inspected_at) : null,
    stage: s.stage,
    releasedAt: s.releasedAt,
    issuedAt: s.issuedAt,
    replacementParcel: replacement
      ? { eta: date(replacement.eta), deliveredAt: date(replacement.delivered_at) }
      : null,
  }
  const e = expectedOutcome({
    state,
    kind: row.kind as 'return' | 'complaint',
    outcome,
    returnMethod: row.return_method as 'label' | 'drop_off' | 'keep' | null,
    stateChangedAt: new Date(row.state_changed_at),
    timing,
    progress,
    now,
  })
  const expectation: CaseExpectation | null =
    e.expected && e.moment && e.stage
      ? {
          kind: e.expected,
          amountMinor: e.expected === 'replacement' ? 0 : s.amountMinor,
          currency: row.currency,
          moment: e.moment,
          stage: e.stage,
          by: e.outcomeBy?.toISOString() ?? null,
          momentBy: e.momentBy?.toISOString() ?? null,
        }
      : null
  // A case that is over has nothing more to expect, unless it was resolved with something on its way.
  const over = state === 'rejected' || state === 'canceled' || state === 'closed'
  // A replacement waiting for its charge is not staff's to release: the charge's end releases it.
  const waiting = row.resolutions.flatMap((r): WaitingResolution[] =>
    r.status === 'waiting' && r.waiting_for !== 'charge' && isResolutionKind(r.kind)
      ? [
          {
            id: r.id,
            kind: r.kind,
            amountMinor: r.amount_minor,
            currency: r.currency,
            releaseOn: (RELEASE_MOMENTS as readonly string[]).includes(r.release_on)
              ? (r.release_on as ReleaseMoment)
              : 'approval',
          },
        ]
      : [],
  )
  return {
    outcome: e,
    expectation: over ? null : expectation,
    releaseHeld: row.release_held_at !== null,
    waiting,
  }
}

/** Loads and computes a case's outlook; null when the case is not the shop's. */
export async function loadCaseOutlook(
  shopId: string,
  which: { caseId: string } | { caseNumber: number },
  now: Date,
): Promise<CaseOutlook | null> {
  const row = await findCaseProgress(db, shopId, which)
  return row ? outlookOf(row, now) : null
}
