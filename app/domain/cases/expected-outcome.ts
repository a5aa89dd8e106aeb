// What happens next in a case and by when, for the buyer. A case waiting for staff is reviewed within one
// business day. An approved return sent back by label or drop-off is handed to the carrier within about
// two business days, travels about three (or until the carrier's own estimate, when it gives one), and
// is checked within two business days of arriving. The money or replacement moves at the moment the
// shop's policy chose for the case (its version's `timing`): at approval, at the parcel's first carrier
// scan, at its delivery to the shop, or once staff inspected the items; when nothing comes back it moves at
// approval. Then it takes its typical time: a refund reaches the card within five business days (banks
// vary), store credit and coupons arrive at once, a replacement is dispatched within one business day and
// travels about five. Every step counts business days (Monday to Friday) from the moment the step before
// it really happened, or from its own estimate when it has not happened yet. A step that overran its
// estimate is expected the next business day, which moves every later date on: the buyer never sees a
// date in the past, and a slipping trigger moves the date the money arrives. An issued outcome keeps the
// date counted from its issue. A case that is rejected, canceled or closed has no next step.
import { addBusinessDays } from '../tracking/business-time'
import type { ReleaseMoment, ReplacementMoment } from '../resolutions/plan'
import type { CaseState } from './case-state'

export type CaseOutcome = 'refund' | 'store_credit' | 'exchange' | 'coupon' | 'reship' | null

/** What the buyer waits for: money of a kind, or a replacement parcel. */
export type ExpectedKind = 'refund' | 'store_credit' | 'coupon' | 'replacement'

/**
 * Where the outcome stands: waiting for its moment; released (its moment came, it is being issued);
 * issued; held (an inspection found a problem and staff decide); declined (staff refused it with a
 * reason); failed (the provider refused it; support is on it).
 */
export type OutcomeStage = 'waiting' | 'released' | 'issued' | 'held' | 'declined' | 'failed'

export interface ReturnParcelProgress {
  /** The carrier's first scan of the return parcel; null until it has one. */
  firstScanAt: Date | null
  deliveredAt: Date | null
  /** The carrier's estimate (or our prediction) of its delivery to the shop. */
  eta: Date | null
}

export interface ReplacementParcelProgress {
  eta: Date | null
  deliveredAt: Date | null
}

/** What has happened to the case so far, beyond its state. Every field is optional knowledge. */
export interface CaseProgress {
  approvedAt: Date | null
  returnParcel: ReturnParcelProgress | null
  /** When the case reached "received" (staff received the items, or the carrier delivered them). */
  receivedAt: Date | null
  /** When the last item that comes back was inspected; null while any is still to inspect. */
  inspectedAt: Date | null
  stage: OutcomeStage
  /** When the outcome was released to be issued (its moment reached, or staff released it early). */
  releasedAt: Date | null
  issuedAt: Date | null
  replacementParcel: ReplacementParcelProgress | null
}

export interface ExpectedOutcomeInput {
  state: CaseState
  kind: 'return' | 'complaint'
  outcome: CaseOutcome
  /** 'keep' when the buyer keeps the items; null for complaints (nothing is sent back). */
  returnMethod: 'label' | 'drop_off' | 'keep' | null
  /** When the case entered its current state. */
  stateChangedAt: Date
  /** The timing of the case's policy version. */
  timing: { moneyMoves: ReleaseMoment; replacementShips: ReplacementMoment }
  progress?: Partial<CaseProgress>
  now: Date
}

export type NextStep =
  | 'staff_review'
  | 'buyer_answer'
  | 'send_items'
  | 'items_on_the_way'
  | 'inspection'
  | 'inspection_problem'
  | 'outcome_on_the_way'
  | 'done'
  | 'none'

export interface ExpectedOutcome {
  next: NextStep
  /** When the buyer can expect the money, credit, code or replacement; null when there is none to expect. */
  outcomeBy: Date | null
  /** When the next step should be done (review, inspection); null when it is the buyer's move or none. */
  nextBy: Date | null
  /** What is expected (null when the case has no outcome to expect). */
  expected: ExpectedKind | null
  /** The moment it waits for: the policy's choice, or approval when nothing comes back. */
  moment: ReleaseMoment | null
  /** When that moment happened or is expected; null when the case has nothing to expect. */
  momentBy: Date | null
  stage: OutcomeStage | null
}

/** Business days each stage takes, as promised to buyers. */
export const STAGE_DAYS = {
  review: 1,
  /** From approval to the carrier's first scan: the buyer packs and hands the parcel over. */
  sendBack: 2,
  /** From the first scan to delivery at the shop, when the carrier gives no estimate. */
  returnTransit: 3,
  inspection: 2,
  refundToCard: 5,
  replacementDispatch: 1,
  replacementTransit: 5,
} as const

const NOTHING: Omit<ExpectedOutcome, 'next' | 'nextBy'> = {
  outcomeBy: null,
  expected: null,
  moment: null,
  momentBy: null,
  stage: null,
}

export function expectedKindOf(outcome: CaseOutcome): ExpectedKind | null {
  switch (outcome) {
    case 'refund':
    case 'store_credit':
    case 'coupon':
      return outcome
    case 'exchange':
    case 'reship':
      return 'replacement'
    default:
      return null
  }
}

/** Business days from issue until the buyer has it. */
export function deliveryDays(kind: ExpectedKind): number {
  switch (kind) {
    case 'refund':
      return STAGE_DAYS.refundToCard
    case 'replacement':
      return STAGE_DAYS.replacementDispatch + STAGE_DAYS.replacementTransit
    default:
      return 0
  }
}

const ORDER: readonly CaseState[] = [
  'requested',
  'needs_info',
  'approved',
  'awaiting_return',
  'return_in_transit',
  'received',
  'resolved',
]
const reached = (state: CaseState, than: CaseState) => ORDER.indexOf(state) >= ORDER.indexOf(than)

/** Decides the buyer's next step and the dates to show. Pure; `now` is passed in. */
export function expectedOutcome(input: ExpectedOutcomeInput): ExpectedOutcome {
  const { state, now } = input
  const p = input.progress ?? {}
  const sendsBack =
    input.kind === 'return' && (input.returnMethod === 'label' || input.returnMethod === 'drop_off')
  const expected = expectedKindOf(input.outcome)
  const moment: ReleaseMoment | null = !expected
    ? null
    : !sendsBack
      ? 'approval'
      : expected === 'replacement'
        ? input.timing.replacementShips
        : input.timing.moneyMoves

  if (state === 'rejected' || state === 'closed' || state === 'canceled') {
    return { next: 'none', nextBy: null, ...NOTHING }
  }
  if (state === 'needs_info') return { next: 'buyer_answer', nextBy: null, ...NOTHING }

  // An estimate that has already passed without the step happening moves to the next business day.
  const estimate = (from: Date, days: number) => {
    const at = addBusinessDays(from, days)
    return at.getTime() < now.getTime() ? addBusinessDays(now, 1) : at
  }
  const since = (d: Date | null | undefined) => d ?? null
  const changed = input.stateChangedAt

  // Each milestone: when it happened, else when it is expected from the one before.
  const approval =
    state === 'requested' ? estimate(changed, STAGE_DAYS.review) : (since(p.approvedAt) ?? changed)
  const parcel = p.returnParcel ?? null
  const receivedAt = since(p.receivedAt) ?? (reached(state, 'received') ? changed : null)
  const firstScan =
    since(parcel?.firstScanAt) ??
    receivedAt ??
    (state === 'return_in_transit' ? changed : estimate(approval, STAGE_DAYS.sendBack))
  const delivered =
    since(parcel?.deliveredAt) ??
    receivedAt ??
    (parcel?.eta
      ? parcel.eta.getTime() < now.getTime()
        ? addBusinessDays(now, 1)
        : parcel.eta
      : estimate(firstScan, STAGE_DAYS.returnTransit))
  const inspected = since(p.inspectedAt) ?? estimate(delivered, STAGE_DAYS.inspection)
  const at: Record<ReleaseMoment, Date> = {
    approval,
    first_scan: firstScan,
    delivered,
    inspected,
  }

  const stage: OutcomeStage = p.stage ?? 'waiting'
  const momentBy = moment ? (p.releasedAt ?? at[moment]) : null
  let outcomeBy: Date | null = null
  if (expected && stage !== 'held' && stage !== 'declined' && stage !== 'failed') {
    const days = deliveryDays(expected)
    const replacement = expected === 'replacement' ? p.replacementParcel : null
    if (replacement?.deliveredAt) {
      outcomeBy = replacement.deliveredAt
    } else if (replacement?.eta) {
      outcomeBy = replacement.eta.getTime() < now.getTime() ? addBusinessDays(now, 1) : replacement.eta
    } else if (stage === 'issued' || (state === 'resolved' && !p.stage)) {
      // Issued: the date is fixed, even once it has passed.
      outcomeBy = addBusinessDays(p.issuedAt ?? changed, days)
    } else {
      // Waiting for its moment, or released and being issued: counted from the moment, and from now
      // once the moment has passed (a released refund the provider has not taken yet is not late).
      const from = momentBy!.getTime() > now.getTime() ? momentBy! : now
      outcomeBy = addBusinessDays(from, days)
    }
  }
  const result = (next: NextStep, nextBy: Date | null): ExpectedOutcome => ({
    next,
    nextBy,
    outcomeBy,
    expected,
    moment,
    momentBy: stage === 'declined' ? null : momentBy,
    stage: expected ? stage : null,
  })

  switch (state) {
    case 'requested':
      return result('staff_review', approval)
    case 'approved':
    case 'awaiting_return':
      if (!sendsBack) return result(state === 'approved' ? 'outcome_on_the_way' : 'send_items', null)
      return result(parcel?.firstScanAt ? 'items_on_the_way' : 'send_items', null)
    case 'return_in_transit':
      return result('items_on_the_way', null)
    case 'received':
      if (stage === 'held') return result('inspection_problem', null)
      if (p.inspectedAt) return result('outcome_on_the_way', null)
      return result('inspection', inspected)
    case 'resolved':
      return result('done', null)
  }
}
