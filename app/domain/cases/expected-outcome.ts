// What happens next in a case and by when, for the buyer. A case waiting for staff is reviewed within one
// business day. An approved return sent back by label or drop-off travels for about five business days
// and is checked within two business days of arriving; the money or replacement follows: a refund reaches
// the card within five business days of being issued (banks vary), store credit and coupons arrive at
// once, and a replacement is shipped within one business day and travels about five. A keep-the-item
// return and most complaints skip the journey back. Every step counts business days (Monday to Friday),
// starting from the moment the case reached its current state, so a case that waits longer than usual
// moves its date on rather than showing a date in the past. A case that is rejected, canceled or closed
// has no next step; a resolved case has the date its outcome arrives.
import { addBusinessDays } from '../tracking/business-time'
import type { CaseState } from './case-state'

export type CaseOutcome = 'refund' | 'store_credit' | 'exchange' | 'coupon' | 'reship' | null

export interface ExpectedOutcomeInput {
  state: CaseState
  kind: 'return' | 'complaint'
  outcome: CaseOutcome
  /** 'keep' when the buyer keeps the items; null for complaints (nothing is sent back). */
  returnMethod: 'label' | 'drop_off' | 'keep' | null
  /** When the case entered its current state. */
  stateChangedAt: Date
  now: Date
}

export type NextStep =
  | 'staff_review'
  | 'buyer_answer'
  | 'send_items'
  | 'items_on_the_way'
  | 'inspection'
  | 'outcome_on_the_way'
  | 'done'
  | 'none'

export interface ExpectedOutcome {
  next: NextStep
  /** When the buyer can expect the money, credit, code or replacement; null when there is none to expect. */
  outcomeBy: Date | null
  /** When the next step should be done (review, inspection); null when it is the buyer's move or none. */
  nextBy: Date | null
}

/** Business days each stage takes, as promised to buyers. */
export const STAGE_DAYS = {
  review: 1,
  returnTransit: 5,
  inspection: 2,
  refundToCard: 5,
  replacementDispatch: 1,
  replacementTransit: 5,
} as const

function deliveryDays(outcome: CaseOutcome): number {
  switch (outcome) {
    case 'refund':
      return STAGE_DAYS.refundToCard
    case 'exchange':
    case 'reship':
      return STAGE_DAYS.replacementDispatch + STAGE_DAYS.replacementTransit
    default:
      return 0
  }
}

/** Decides the buyer's next step and the dates to show. Pure; `now` is passed in. */
export function expectedOutcome(input: ExpectedOutcomeInput): ExpectedOutcome {
  const { state, outcome } = input
  // Never count from the past: a stage that overran starts again from today.
  const from = input.stateChangedAt.getTime() > input.now.getTime() ? input.stateChangedAt : input.now
  const sendsBack = input.kind === 'return' && input.returnMethod !== 'keep' && input.returnMethod !== null
  const after = (days: number) => addBusinessDays(from, days)
  const outcomeAfter = (days: number) => (outcome ? after(days + deliveryDays(outcome)) : null)
  const journey = STAGE_DAYS.returnTransit + STAGE_DAYS.inspection

  switch (state) {
    case 'requested':
      return {
        next: 'staff_review',
        nextBy: after(STAGE_DAYS.review),
        outcomeBy: outcomeAfter(STAGE_DAYS.review + (sendsBack ? journey : 0)),
      }
    case 'needs_info':
      return { next: 'buyer_answer', nextBy: null, outcomeBy: null }
    case 'approved':
      return sendsBack
        ? { next: 'send_items', nextBy: null, outcomeBy: outcomeAfter(journey) }
        : { next: 'outcome_on_the_way', nextBy: null, outcomeBy: outcomeAfter(0) }
    case 'awaiting_return':
      return { next: 'send_items', nextBy: null, outcomeBy: outcomeAfter(journey) }
    case 'return_in_transit':
      return { next: 'items_on_the_way', nextBy: null, outcomeBy: outcomeAfter(journey) }
    case 'received':
      return {
        next: 'inspection',
        nextBy: after(STAGE_DAYS.inspection),
        outcomeBy: outcomeAfter(STAGE_DAYS.inspection),
      }
    case 'resolved':
      // Issued when it was resolved: the date is fixed, even once it has passed.
      return {
        next: 'done',
        nextBy: null,
        outcomeBy: outcome ? addBusinessDays(input.stateChangedAt, deliveryDays(outcome)) : null,
      }
    case 'rejected':
    case 'closed':
    case 'canceled':
      return { next: 'none', nextBy: null, outcomeBy: null }
  }
}
