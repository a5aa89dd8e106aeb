// The life of a case (a return or a complaint), decided in one place. A case is requested by the buyer;
// staff or the automatic rules approve it, reject it (always with a reason) or ask for more information.
// An approved return waits for its parcel (label issued), which is scanned on the way and then received;
// the resolution (refund, credit, exchange, coupon, reship) is issued when the policy says, which may be
// before the parcel arrives, and the case is then resolved and later closed. Keep-the-item returns and
// most complaints go from approved straight to resolved. The buyer may cancel until the parcel is on
// its way back; staff may reopen a rejected or closed case. Asking for a state the case is already in
// is harmless (double clicks, retried jobs, webhooks delivered twice); anything else not listed here is
// refused with a sentence that says why.

export const CASE_STATES = [
  'requested',
  'needs_info',
  'approved',
  'rejected',
  'awaiting_return',
  'return_in_transit',
  'received',
  'resolved',
  'closed',
  'canceled',
] as const
export type CaseState = (typeof CASE_STATES)[number]

export const CASE_COMMANDS = [
  'approve',
  'reject',
  'request_info',
  'provide_info',
  'issue_label',
  'scan_return',
  'receive',
  'resolve',
  'close',
  'cancel',
  'reopen',
] as const
export type CaseCommand = (typeof CASE_COMMANDS)[number]

export type CaseActor = 'buyer' | 'staff' | 'system'

/** The timeline event each command writes. */
export const CASE_EVENT_OF: Record<CaseCommand, string> = {
  approve: 'approved',
  reject: 'rejected',
  request_info: 'info_requested',
  provide_info: 'info_provided',
  issue_label: 'label_issued',
  scan_return: 'return_scanned',
  receive: 'received',
  resolve: 'resolved',
  close: 'closed',
  cancel: 'canceled',
  reopen: 'reopened',
}

interface Rule {
  from: readonly CaseState[]
  to: CaseState
  by: readonly CaseActor[]
}

const RULES: Record<CaseCommand, Rule> = {
  // `system` approves when every auto-approval condition of the policy holds.
  approve: { from: ['requested', 'needs_info'], to: 'approved', by: ['staff', 'system'] },
  reject: { from: ['requested', 'needs_info'], to: 'rejected', by: ['staff'] },
  request_info: { from: ['requested'], to: 'needs_info', by: ['staff'] },
  provide_info: { from: ['needs_info'], to: 'requested', by: ['buyer'] },
  issue_label: { from: ['approved'], to: 'awaiting_return', by: ['staff', 'system'] },
  scan_return: { from: ['awaiting_return'], to: 'return_in_transit', by: ['system', 'staff'] },
  // Received straight from "approved" or "awaiting" covers drop-offs handed over in a shop (before or
  // after the label or drop-off code was issued).
  receive: {
    from: ['approved', 'awaiting_return', 'return_in_transit'],
    to: 'received',
    by: ['staff', 'system'],
  },
  resolve: {
    from: ['approved', 'awaiting_return', 'return_in_transit', 'received'],
    to: 'resolved',
    by: ['staff', 'system'],
  },
  close: { from: ['resolved', 'rejected'], to: 'closed', by: ['staff', 'system'] },
  cancel: {
    from: ['requested', 'needs_info', 'approved', 'awaiting_return'],
    to: 'canceled',
    by: ['buyer', 'staff'],
  },
  reopen: { from: ['rejected', 'closed'], to: 'requested', by: ['staff'] },
}

export type CaseDecision =
  | { kind: 'transition'; to: CaseState; event: string }
  | { kind: 'noop' }
  | { kind: 'invalid'; code: 'not_allowed_now' | 'not_allowed_for_actor'; reason: string }

const LABEL: Record<CaseState, string> = {
  requested: 'waiting for review',
  needs_info: 'waiting for the buyer’s answer',
  approved: 'approved',
  rejected: 'rejected',
  awaiting_return: 'waiting for the parcel',
  return_in_transit: 'with the parcel on its way back',
  received: 'received',
  resolved: 'resolved',
  closed: 'closed',
  canceled: 'canceled',
}

const VERB: Record<CaseCommand, string> = {
  approve: 'approved',
  reject: 'rejected',
  request_info: 'asked for more information',
  provide_info: 'answered',
  issue_label: 'given a return label',
  scan_return: 'marked as on its way back',
  receive: 'marked as received',
  resolve: 'resolved',
  close: 'closed',
  cancel: 'canceled',
  reopen: 'reopened',
}

/** Decides what `command` by `actor` does to a case in `state`. Pure; the service applies the result. */
export function nextCaseState(state: CaseState, command: CaseCommand, actor: CaseActor): CaseDecision {
  const rule = RULES[command]
  // Already there: a repeat of the same command is a no-op, whoever sends it.
  if (state === rule.to && !rule.from.includes(state)) return { kind: 'noop' }
  if (!rule.from.includes(state)) {
    return {
      kind: 'invalid',
      code: 'not_allowed_now',
      reason: `A case that is ${LABEL[state]} cannot be ${VERB[command]}.`,
    }
  }
  if (!rule.by.includes(actor)) {
    const who = actor === 'buyer' ? 'The buyer' : actor === 'staff' ? 'Staff' : 'The system'
    return {
      kind: 'invalid',
      code: 'not_allowed_for_actor',
      reason: `${who} cannot have a case ${VERB[command]}.`,
    }
  }
  return { kind: 'transition', to: rule.to, event: CASE_EVENT_OF[command] }
}

/** Commands that `actor` may send for a case in `state` (for showing only the buttons that work). */
export function availableCommands(state: CaseState, actor: CaseActor): CaseCommand[] {
  return CASE_COMMANDS.filter((c) => nextCaseState(state, c, actor).kind === 'transition')
}

/** States after which nothing more happens to the case unless staff reopen it. */
export function isFinalCaseState(state: CaseState): boolean {
  return state === 'closed' || state === 'canceled' || state === 'rejected'
}

/**
 * Whether issuing the money, credit or code settles the case. It does when nothing is left to come back:
 * a problem report, a keep-the-item return, or a return whose parcel has been received. A return paid on
 * approval still waits for its parcel, so it stays open and only records the payment.
 */
export function isSettledByIssue(c: {
  kind: 'return' | 'complaint'
  returnMethod: 'label' | 'drop_off' | 'keep' | null
  state: CaseState
}): boolean {
  if (c.kind === 'complaint' || c.returnMethod === 'keep' || c.returnMethod === null) return true
  return c.state === 'received'
}
